'use client';
import type { ApiError } from '@session-links/client';
import type { CourseLinkState, CourseLinkUpdate, CustomLink, Impact, Service } from '@session-links/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { MessageBundle, Translate } from '../context/translate';
import { useWidgetMessages } from '../context/use-widget-messages';
import { useCourseLink, useImpact, useOnlineSettings, useServices, useSetCourseLink } from '../hooks';
import type { ConfirmOptions } from '../parts/confirm-dialog';
import { type GateState, type GateValue, useGate } from '../parts/gate';
import { type CustomLinkFormState, useCustomLinkForm } from '../parts/use-custom-link-form';
import type { HeadingLevel } from '../primitives/heading';
import { useVersionedDraft, type VersionedDraft } from '../primitives/use-versioned-draft';
import { en } from './messages/en';
import { nl } from './messages/nl';

/** The CourseLinkEditor's own strings; the shared ones are added by `useWidgetMessages`. */
export const courseLinkEditorMessages: MessageBundle = { en, nl };

const courseVersion = (s: CourseLinkState) => s.courseLink.version;

export type CourseLinkEditorState = GateState | 'blocked' | 'view' | 'editing';

export interface UseCourseLinkEditorOptions {
  /** The course (service) whose link is edited. */
  serviceId: string;
  /** The widget's title is `<h{headingLevel}>` (default 3), its steps and sections below it. */
  headingLevel?: HeadingLevel;
  onSaved?: (update: CourseLinkUpdate) => void;
  onError?: (error: ApiError) => void;
}

/**
 * What `useCourseLinkEditor()` returns and `CourseLinkEditorRoot` gives its parts. Declared
 * (React Aria's `CheckboxAria` shape) so that a host's own markup reads a documented API.
 */
export interface CourseLinkEditorController {
  /** The step the editor is in; the root shows it as `data-state`. */
  state: CourseLinkEditorState;
  /** The title's level; the parts below it one or two lower. */
  headingLevel: HeadingLevel;
  /** The shared gate (R1, R10): `state` is the gate's until it is `ready`. */
  gate: GateValue;
  /** The widget's strings (shared and its own, with the host's `messages` on top). */
  t: Translate;
  /** The course's link state from the server; `undefined` while loading. */
  data: CourseLinkState | undefined;
  /** The course's own link, or null when it uses the site default. */
  link: CustomLink | null;
  /** False when the site has no default account: a course without its own link then has none (R3). */
  hasDefault: boolean;
  /** The title's id, which names the root. */
  titleId: string;
  /** The course (service); `undefined` while loading. */
  service: Service | undefined;
  loadError: ApiError | null;
  retry: () => void;
  /** The custom-link form's values, errors and recognised provider. */
  form: CustomLinkFormState;
  /** What the change under review touches (R16): sessions and the booked clients holding the old link. */
  impact: UseQueryResult<Impact, ApiError>;
  /** The change under review: a link, or `null` for going back to the site default. */
  pending: { link: CustomLink | null } | null;
  /** The last save's answer, kept to show who to notify until dismissed. */
  result: CourseLinkUpdate | null;
  saveError: ApiError | null;
  saving: boolean;
  /** The course's link is being fetched again. */
  refreshing: boolean;
  /** R20: the draft's base, their value when it moved on, and the choice. */
  draft: VersionedDraft<CourseLinkState>;
  edit: () => void;
  cancel: () => void;
  /** Asks to confirm `next` (a link, or `null` for the site default) with its impact. */
  review: (next: CustomLink | null) => void;
  setConfirmOpen: (open: boolean) => void;
  /** Saves the change under review; `tellClients`: "Tell them now" (R29). */
  confirm: (options?: ConfirmOptions) => void;
  /** "Take theirs" or Reload: the draft goes and their link is shown. */
  reload: () => void;
  dismissResult: () => void;
  /** The root's group role, its name and its state attributes. */
  getRootProps: () => {
    role: 'group';
    'aria-labelledby': string;
    'data-state': CourseLinkEditorState;
    'data-has-link': string | undefined;
  };
  getTitleProps: () => { id: string };
  /** "Set a course link" / "Edit the course link": opens the form with the current link. */
  getEditButtonProps: () => { type: 'button'; onClick: () => void; disabled: boolean };
  /** "Use the site default": reviews going back to the default, only while the course has its own link. */
  getClearButtonProps: () => { type: 'button'; onClick: () => void; disabled: boolean };
}

/** State and actions of a course's link (R5, R6, R16), without markup. */
export function useCourseLinkEditor({
  serviceId,
  headingLevel = 3,
  onSaved,
  onError,
}: UseCourseLinkEditorOptions): CourseLinkEditorController {
  const t = useWidgetMessages('useCourseLinkEditor', courseLinkEditorMessages);
  const state$ = useCourseLink(serviceId);
  const services = useServices();
  // Without a site default, "uses the site default" would be untrue: those sessions have no link (R3).
  const settings = useOnlineSettings();
  const hasDefault = settings.data ? settings.data.defaultAccount !== null : true;
  // R1, R10: loading, error, upgrade and forbidden as every widget decides them; only the owner manages course links.
  const gate = useGate({ operation: 'setCourseLink', queries: [state$, services] });
  const mutation = useSetCourseLink();
  const form = useCustomLinkForm();
  const titleId = useId();
  const [editing, setEditing] = useState(false);
  // The change waiting for confirmation: a new link, or null to go back to the default.
  const [pending, setPending] = useState<{ link: CustomLink | null } | null>(null);
  const [result, setResult] = useState<CourseLinkUpdate | null>(null);
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  const impact = useImpact(pending ? { type: 'set-course-link', serviceId, link: pending.link } : null);
  // R20: the change is saved on the version the user started from (Edit, or Clear), not the one a refetch brought in.
  const draft = useVersionedDraft<CourseLinkState>({
    current: state$.data,
    versionOf: courseVersion,
    refetch: state$.refetch,
    saving: mutation.isPending,
  });

  const loadError = gate.error;
  const data = state$.data;
  let state: CourseLinkEditorState;
  if (gate.state !== 'ready') state = gate.state;
  else if (!data) state = 'error';
  else if (data.blocker === 'PLAN_REQUIRED') state = 'upgrade';
  else if (data.blocker) state = 'blocked';
  else if (editing) state = 'editing';
  else state = 'view';

  const confirm = (options: ConfirmOptions = {}) => {
    if (!pending || !data) return;
    setSaveError(null);
    mutation.mutate(
      { serviceId, link: pending.link, version: draft.version ?? data.courseLink.version, ...options },
      {
        onSuccess: (update) => {
          draft.close();
          setPending(null);
          setEditing(false);
          setResult(update);
          onSaved?.(update);
        },
        onError: (error) => {
          // A CONFLICT closes the dialog and shows their link beside yours instead.
          if (draft.refused(error)) setPending(null);
          else setSaveError(error);
          form.applyServerErrors(error);
          onError?.(error);
        },
      },
    );
  };

  const link = data?.courseLink.link ?? null;
  const edit = () => {
    setResult(null);
    draft.open();
    form.reset(data?.courseLink.link ?? null);
    setEditing(true);
  };
  const review = (next: CustomLink | null) => {
    setSaveError(null);
    draft.open();
    setPending({ link: next });
  };

  return {
    state,
    headingLevel,
    /** The shared gate (R1, R10): `state` is the gate's until it is `ready`. */
    gate,
    t,
    data,
    /** The course's own link, or null when it uses the site default. */
    link,
    /** False when the site has no default account: a course without its own link then has none (R3). */
    hasDefault,
    titleId,
    service: services.data?.find((s) => s.id === serviceId),
    loadError,
    retry: gate.retry,
    form,
    impact,
    pending,
    result,
    saveError,
    saving: mutation.isPending,
    refreshing: state$.isFetching,
    draft,
    edit,
    cancel: () => {
      draft.close();
      setEditing(false);
      setSaveError(null);
    },
    review,
    setConfirmOpen: (open: boolean) => {
      if (!open) {
        // Clearing from the view is its own draft: cancelling it drops it. An open form keeps its draft.
        if (!editing && !draft.conflict) draft.close();
        setPending(null);
        setSaveError(null);
      }
    },
    confirm,
    /** "Take theirs" or Reload: the draft goes and their link is shown. */
    reload: () => {
      setSaveError(null);
      setPending(null);
      setEditing(false);
      draft.takeTheirs();
    },
    dismissResult: () => setResult(null),
    /** The root's group role, its name and its state attributes. */
    getRootProps: () => ({
      role: 'group' as const,
      'aria-labelledby': titleId,
      'data-state': state,
      'data-has-link': link ? '' : undefined,
    }),
    getTitleProps: () => ({ id: titleId }),
    /** "Set a course link" / "Edit the course link": opens the form with the current link. */
    getEditButtonProps: () => ({ type: 'button' as const, onClick: edit, disabled: state !== 'view' }),
    /** "Use the site default": reviews going back to the default, only while the course has its own link. */
    getClearButtonProps: () => ({ type: 'button' as const, onClick: () => review(null), disabled: state !== 'view' || !link }),
  };
}
