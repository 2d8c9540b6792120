'use client';
import type { ApiError } from '@session-links/client';
import {
  type Account,
  type CustomLink,
  canPerform,
  type Impact,
  type LinkSource,
  type NoLinkReason,
  type Resolution,
  type Service,
  type SessionDetail,
  type SessionLinkChange,
  type SettingsChange,
  type StaffMember,
} from '@session-links/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { useCallback, useId, useState } from 'react';
import type { MessageBundle, Translate } from '../context/translate';
import { useWidgetMessages } from '../context/use-widget-messages';
import { useImpact, useServices, useSession, useSetSessionLink, useStaff } from '../hooks';
import type { ConfirmOptions } from '../parts/confirm-dialog';
import { type GateState, type GateValue, useGate } from '../parts/gate';
import { type CustomLinkFormState, useCustomLinkForm } from '../parts/use-custom-link-form';
import type { HeadingLevel } from '../primitives/heading';
import { useVersionedDraft, type VersionedDraft } from '../primitives/use-versioned-draft';
import { en } from './messages/en';
import { nl } from './messages/nl';

/** The SessionLinkEditor's own strings; the shared ones are added by `useWidgetMessages`. */
export const sessionLinkEditorMessages: MessageBundle = { en, nl };

const sessionVersion = (d: SessionDetail) => d.session.version;

export type SessionLinkEditorState = GateState | 'view' | 'choosing' | 'custom';

export interface UseSessionLinkEditorOptions {
  /** The session whose link is edited. */
  sessionId: string;
  /** The widget's title is `<h{headingLevel}>` (default 3), its steps and sections below it. */
  headingLevel?: HeadingLevel;
  onSaved?: (detail: SessionDetail) => void;
  onError?: (error: ApiError) => void;
}

/** A button's props from the hook's prop getters. */
interface ButtonGetterProps {
  type: 'button';
  onClick: () => void;
  disabled: boolean;
}

/**
 * What `useSessionLinkEditor()` returns and `SessionLinkEditorRoot` gives its parts. Declared
 * (React Aria's `CheckboxAria` shape) so that a host's own markup reads a documented API.
 */
export interface SessionLinkEditorController {
  /** The step the editor is in; the root shows it as `data-state`. */
  state: SessionLinkEditorState;
  /** The title's level; the steps one lower, "Changed elsewhere" two. */
  headingLevel: HeadingLevel;
  /** The shared gate (R1, R10): `state` is the gate's until it is `ready`. */
  gate: GateValue;
  /** The widget's strings (shared and its own, with the host's `messages` on top). */
  t: Translate;
  /** The title's id, which names the root. */
  titleId: string;
  /** The session, its resolution and where Zoom is available, from the server; `undefined` while loading. */
  detail: SessionDetail | undefined;
  session: SessionDetail['session'] | undefined;
  /** The session's link and where it comes from, or why it has none (R15). */
  resolution: Resolution | undefined;
  service: Service | undefined;
  /** The session's staff member, if any. */
  staffMember: StaffMember | undefined;
  /** The site's default account (R2), `null` with none. */
  defaultAccount: Account | null;
  /** Whose connected account a meeting would be made on (R8), and its provider; `null` with none. */
  meetingAvailableFrom: SessionDetail['meetingAvailableFrom'];
  /** The signed-in user may change this session's link (R10). */
  canEdit: boolean;
  blockedByDefault: boolean;
  loadError: ApiError | null;
  retry: () => void;
  /** What just happened, announced. */
  notice: 'removed' | 'reset' | 'saved' | null;
  saveError: ApiError | null;
  /** A save is under way. */
  pending: boolean;
  /** A Zoom meeting is being made for this session (R22): the server calls Zoom before it answers. */
  addingMeeting: boolean;
  /** The session's Zoom meeting is on its way (R22): the session is followed until its link is there. */
  meetingPending: boolean;
  reloading: boolean;
  /** The custom-link form's values, errors and recognised provider. */
  form: CustomLinkFormState;
  /** R20: the draft's base, their value when it moved on, and the choice. */
  draft: VersionedDraft<SessionDetail>;
  choose: () => void;
  chooseCustom: () => void;
  /** Adds a meeting at once; replacing a link asks first, with its impact (R16). */
  addMeeting: () => void;
  /** Saves a first link at once; replacing a link asks first, with its impact (R16). */
  saveCustom: (link: CustomLink) => void;
  reset: () => void;
  cancel: () => void;
  /** "Take theirs" or Reload: the draft goes and their link is shown. */
  reload: () => void;
  /** What the open confirm (removal or replacement) will touch (R16). */
  impact: UseQueryResult<Impact, ApiError>;
  /** The confirmation before a link replaces this session's link. */
  replacement: {
    open: boolean;
    change: Exclude<SessionLinkChange, { kind: 'removed' | 'reset' }> | null;
    setOpen: (open: boolean) => void;
    /** Saves the replacement; `tellClients`: "Tell them now" (R29). */
    confirm: (options?: ConfirmOptions) => void;
  };
  /** The confirmation before this session's link is removed; `tellClients`: "Tell them now" (R29). */
  removal: { open: boolean; setOpen: (open: boolean) => void; confirm: (options?: ConfirmOptions) => void };
  /** The root's group role, its name and its data attributes. */
  getRootProps: () => {
    role: 'group';
    'aria-labelledby': string;
    'data-state': SessionLinkEditorState;
    'data-meeting': string | undefined;
    'data-source': LinkSource | undefined;
    'data-reason': NoLinkReason | undefined;
  };
  getTitleProps: () => { id: string };
  /** "Add a link" / "Replace the link": opens the choice. */
  getChooseButtonProps: () => ButtonGetterProps;
  /** The Zoom choice: busy (`aria-busy`, `data-state="busy"`) while the meeting is being made (R22). */
  getMeetingOptionProps: () => ButtonGetterProps & {
    'aria-busy': true | undefined;
    'aria-describedby': string;
    'data-provider': string;
    'data-state': string | undefined;
  };
  getCustomOptionProps: () => ButtonGetterProps & { 'data-provider': string };
  getCancelButtonProps: () => ButtonGetterProps;
  /** "Use the usual link again": only useful while the session has an override. */
  getResetButtonProps: () => ButtonGetterProps;
}

/** State and actions of one session's link (R7, R8, R10, R15), without markup. */
export function useSessionLinkEditor({
  sessionId,
  headingLevel = 3,
  onSaved,
  onError,
}: UseSessionLinkEditorOptions): SessionLinkEditorController {
  const t = useWidgetMessages('useSessionLinkEditor', sessionLinkEditorMessages);
  const detail = useSession(sessionId);
  const services = useServices();
  const staff = useStaff();
  // R1, R10 as every widget decides them: any member may look at a session's link; who may change it is `canEdit`.
  const gate = useGate({ operation: 'getSession', queries: [detail, services, staff] });
  const titleId = useId();
  const mutation = useSetSessionLink();
  const form = useCustomLinkForm();
  const [mode, setMode] = useState<'view' | 'choose' | 'custom'>('view');
  const [notice, setNotice] = useState<'saved' | 'removed' | 'reset' | null>(null);
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  // R16: a link that replaces the current one waits here for a confirm, with who holds the current link.
  const [replacing, setReplacing] = useState<Exclude<SessionLinkChange, { kind: 'removed' | 'reset' }> | null>(null);

  // R20: add/replace/remove save with the version the user started from, not the one a refetch brought in.
  const draft = useVersionedDraft<SessionDetail>({
    current: detail.data,
    versionOf: sessionVersion,
    refetch: detail.refetch,
    saving: mutation.isPending,
  });
  const session = detail.data?.session;
  const resolution = detail.data?.resolution;
  const service = services.data?.find((s) => s.id === session?.serviceId);
  const staffMember = staff.data?.find((s) => s.id === session?.staffId);
  const loadError = gate.error;

  let state: SessionLinkEditorState;
  if (gate.state !== 'ready') state = gate.state;
  else if (!detail.data) state = 'error';
  else if (resolution?.status === 'none' && resolution.reason === 'NO_PLAN') state = 'upgrade';
  else if (mode === 'choose') state = 'choosing';
  else if (mode === 'custom') state = 'custom';
  else state = 'view';

  const canEdit = !!(gate.me && session && canPerform(gate.me, { type: 'session-link.manage', session }));
  // R8: with no default account no link is shown, and none can be added.
  const blockedByDefault = resolution?.status === 'none' && resolution.reason === 'NO_DEFAULT_ACCOUNT';

  // R16: removing or replacing a link previews who loses it (the clients booked on the session) before it is saved.
  const previewed: SessionLinkChange | null = confirmRemove ? { kind: 'removed' } : replacing;
  const preview: SettingsChange | null =
    session && previewed ? { type: 'set-session-link', sessionId: session.id, change: previewed } : null;
  const impact = useImpact(preview);
  // R22: a Zoom meeting still being made is a link on its way, not "no link": replacing it asks first, as for a link.
  const meetingPending = resolution?.status === 'none' && resolution.reason === 'PROVIDER_MEETING_PENDING';
  const hasLink = resolution?.status === 'linked' || meetingPending;

  const apply = useCallback(
    (change: SessionLinkChange, success: 'saved' | 'removed' | 'reset', options: ConfirmOptions = {}) => {
      if (!session) return;
      setSaveError(null);
      setNotice(null);
      mutation.mutate(
        { sessionId: session.id, change, version: draft.version ?? session.version, ...options },
        {
          onSuccess: (next) => {
            draft.close();
            setMode('view');
            setConfirmRemove(false);
            setReplacing(null);
            setNotice(success);
            onSaved?.(next);
          },
          onError: (error) => {
            // A CONFLICT inside a draft is shown as their value beside yours (R20).
            const asChoice = draft.isOpen && mode !== 'view' && draft.refused(error);
            setSaveError(asChoice ? null : error);
            form.applyServerErrors(error);
            // The choice (theirs / yours) and a field to correct are in the panel behind the confirm: close it.
            if (asChoice || Object.keys(error.fields).length > 0) setReplacing(null);
            onError?.(error);
          },
        },
      );
    },
    [form, mutation, onError, onSaved, session, draft, mode],
  );

  const choose = () => {
    setNotice(null);
    setSaveError(null);
    draft.open();
    setMode('choose');
  };
  const chooseCustom = () => {
    form.reset(null);
    setMode('custom');
  };
  const cancel = () => {
    draft.close();
    setSaveError(null);
    setMode('view');
  };
  const addMeeting = () => (hasLink ? setReplacing({ kind: 'meeting' }) : apply({ kind: 'meeting' }, 'saved'));
  const reset = () => apply({ kind: 'reset' }, 'reset');
  const addingMeeting = mutation.isPending && mutation.variables?.change.kind === 'meeting';
  const meetingAvailableFrom = detail.data?.meetingAvailableFrom ?? null;

  return {
    state,
    headingLevel,
    /** The shared gate (R1, R10): `state` is the gate's until it is `ready`. */
    gate,
    t,
    titleId,
    detail: detail.data,
    session,
    resolution,
    service,
    staffMember,
    defaultAccount: gate.settings?.defaultAccount ?? null,
    meetingAvailableFrom,
    canEdit,
    blockedByDefault,
    loadError,
    retry: gate.retry,
    notice,
    saveError,
    pending: mutation.isPending,
    /** A Zoom meeting is being made for this session (R22): the server calls Zoom before it answers. */
    addingMeeting,
    /** The session's Zoom meeting is on its way (R22): the session is followed until its link is there. */
    meetingPending,
    reloading: detail.isFetching,
    form,
    draft,
    choose,
    chooseCustom,
    /** Adds a meeting at once; replacing a link asks first, with its impact (R16). */
    addMeeting,
    /** Saves a first link at once; replacing a link asks first, with its impact (R16). */
    saveCustom: (link: CustomLink) => (hasLink ? setReplacing({ kind: 'custom', link }) : apply({ kind: 'custom', link }, 'saved')),
    reset,
    cancel,
    /** "Take theirs" or Reload: the draft goes and their link is shown. */
    reload: () => {
      setSaveError(null);
      draft.takeTheirs();
      setMode('view');
    },
    /** What the open confirm (removal or replacement) will touch (R16). */
    impact,
    replacement: {
      open: replacing !== null,
      change: replacing,
      setOpen: (open: boolean) => {
        if (open) return;
        setSaveError(null);
        setReplacing(null);
      },
      confirm: (options?: ConfirmOptions) => {
        if (replacing) apply(replacing, 'saved', options);
      },
    },
    removal: {
      open: confirmRemove,
      setOpen: (open: boolean) => {
        if (!open) {
          setSaveError(null);
          draft.close();
        } else draft.open();
        setConfirmRemove(open);
      },
      confirm: (options?: ConfirmOptions) => apply({ kind: 'removed' }, 'removed', options),
    },
    /** The root's group role, its name and its data attributes. */
    getRootProps: () => ({
      role: 'group' as const,
      'aria-labelledby': titleId,
      'data-state': state,
      'data-meeting': meetingPending ? 'pending' : undefined,
      'data-source': resolution?.status === 'linked' ? resolution.source : undefined,
      'data-reason': resolution?.status === 'none' ? resolution.reason : undefined,
    }),
    getTitleProps: () => ({ id: titleId }),
    /** "Add a link" / "Replace the link": opens the choice. */
    getChooseButtonProps: () => ({ type: 'button' as const, onClick: choose, disabled: mutation.isPending }),
    /** The Zoom choice: busy (`aria-busy`, `data-state="busy"`) while the meeting is being made (R22). */
    getMeetingOptionProps: () => ({
      type: 'button' as const,
      onClick: addMeeting,
      disabled: !meetingAvailableFrom || mutation.isPending,
      'aria-busy': addingMeeting || undefined,
      'aria-describedby': `${titleId}-zoom`,
      'data-provider': meetingAvailableFrom?.provider ?? 'zoom',
      'data-state': addingMeeting ? 'busy' : undefined,
    }),
    getCustomOptionProps: () => ({
      type: 'button' as const,
      onClick: chooseCustom,
      disabled: mutation.isPending,
      'data-provider': 'custom',
    }),
    getCancelButtonProps: () => ({ type: 'button' as const, onClick: cancel, disabled: mutation.isPending }),
    /** "Use the usual link again": only useful while the session has an override. */
    getResetButtonProps: () => ({ type: 'button' as const, onClick: reset, disabled: mutation.isPending }),
  };
}
