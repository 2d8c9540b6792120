'use client';
import type { ApiError } from '@session-links/client';
import {
  AUTOMATION_IDS,
  type AutomationId,
  type AutomationSummary,
  type BookingEmail,
  JOIN_ELEMENTS,
  type JoinElement,
  type JoinSectionStatus,
  joinSectionStatus,
  type Resolution,
  type ResolvedSession,
  removeJoinElement,
  removeJoinSection,
  renderBookingEmail,
  restoreJoinSection,
  type Service,
  type Template,
} from '@session-links/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useId, useMemo, useState } from 'react';
import { useSessionLinks } from '../context/provider';
import type { MessageBundle, Translate } from '../context/translate';
import { useWidgetMessages } from '../context/use-widget-messages';
import { useAutomations, useResetTemplate, useSaveTemplate, useServices, useSessions, useTemplate } from '../hooks';
import { type GateState, type GateValue, useGate } from '../parts/gate';
import type { HeadingLevel } from '../primitives/heading';
import { useVersionedDraft, type VersionedDraft } from '../primitives/use-versioned-draft';
import { sessionLinksKeys, templateQueryOptions } from '../query';
import { en } from './messages/en';
import { nl } from './messages/nl';

/** The EmailBlockEditor's own strings; the shared ones are added by `useWidgetMessages`. */
export const emailBlockEditorMessages: MessageBundle = { en, nl };

const templateVersion = (t: Template) => t.version;

export type EmailBlockEditorState = GateState;
export type BulkMode = 'remove' | 'restore';

// Used when the site has no upcoming session with a link to preview with: every value is
// plainly a sample (the preview says so), in the widget's locale like the sample client's name.
function sampleResolution(description: string, password: string): Resolution {
  return {
    status: 'linked',
    source: 'default',
    accountId: null,
    staffId: null,
    warnings: [],
    link: {
      type: 'CUSTOM',
      provider: 'google-meet',
      guestUrl: 'https://example.com/sample-session-link',
      password,
      description,
    },
  };
}

export interface UseEmailBlockEditorOptions {
  /** The automation shown first. */
  defaultAutomationId?: AutomationId;
  /** The widget's title is `<h{headingLevel}>` (default 3), its steps and sections below it. */
  headingLevel?: HeadingLevel;
  onSaved?: (template: Template) => void;
  onError?: (error: ApiError) => void;
}

type ButtonProps = { type: 'button'; disabled: boolean; onClick: () => void };

/**
 * What `useEmailBlockEditor()` returns and `EmailBlockEditorRoot` gives its parts: the chosen
 * automation, its draft and preview, the edits, the confirmations and the prop getters.
 * Declared (React Aria's `CheckboxAria` shape) so that a host's own markup reads a documented API.
 */
export interface EmailBlockEditorController {
  /** The gate's state until it is `ready`; the root shows it as `data-state`. */
  state: EmailBlockEditorState;
  /** The title's level (default 3); the parts below it one or two lower. */
  headingLevel: HeadingLevel;
  /** The title's id, which names the root. */
  titleId: string;
  /** The id of the chosen e-mail's heading; focus goes there after "Take theirs". */
  editorTitleId: string;
  /** The shared gate (R1, R10): `state` is the gate's until it is `ready`. */
  gate: GateValue;
  /** The widget's strings (shared and its own, with the host's `messages` on top). */
  t: Translate;
  /** The load's failure, if any (the gate shows it). */
  loadError: ApiError | null;
  /** Loads again after a failure. */
  retry: () => void;
  /** Every automation with its join-online section's status. */
  automations: AutomationSummary[];
  /** The automation shown. */
  automationId: AutomationId;
  selectAutomation: (id: AutomationId) => void;
  /** The shown automation's template with the unsaved edits; `undefined` while loading. */
  draft: Template | undefined;
  /** The shown automation has unsaved edits. */
  dirty: boolean;
  /** The draft's join-online section: `complete`, `partial` or `removed`. */
  status: JoinSectionStatus;
  /** The sample client the preview is addressed to. */
  recipient: string;
  /** The draft rendered as the server renders it for a client (R28); `null` while loading. */
  email: BookingEmail | null;
  /** The rendered e-mail's body. */
  body: string;
  /** The sample session's link, `null` when it has none. */
  link: Extract<Resolution, { status: 'linked' }>['link'] | null;
  /** The upcoming sessions with a link, soonest first: the preview's samples. */
  sessions: ResolvedSession[];
  /** True until the upcoming sessions are loaded (the session picker says so, the preview is not yet a sample). */
  sessionsLoading: boolean;
  /** The session the preview is rendered for; `undefined` with none. */
  sample: ResolvedSession | undefined;
  /** True when no upcoming session has a link: the preview is a made-up sample, and says so. */
  isSample: boolean;
  /** The services, for the sample sessions' names. */
  services: Service[];
  selectSession: (sessionId: string) => void;
  /** The element selected for removal, if any. */
  selected: JoinElement | null;
  select: (element: JoinElement | null) => void;
  /** Removes the selected element from the draft and selects the next one. */
  removeSelected: () => void;
  /** Takes back the last edit. */
  undo: () => void;
  /** R20: the draft's base, their template when it moved on, and the choice. */
  versions: VersionedDraft<Template>;
  /** What just happened, announced: `saved` or `reset`. */
  notice: 'saved' | 'reset' | null;
  /** The last save's failure. */
  saveError: ApiError | null;
  saving: boolean;
  /** Saves the draft on the version it was started from (R20). */
  save: () => void;
  /** "Take theirs" or Reload: this automation's draft goes and their template is shown. */
  reload: () => void;
  /** The confirmation before resetting to the default template. */
  reset: {
    open: boolean;
    setOpen: (open: boolean) => void;
    pending: boolean;
    error: ApiError | null;
    confirm: () => void;
  };
  /** Removing or restoring the join-online section in every automation at once, with its confirmation. */
  bulk: {
    mode: BulkMode | null;
    setMode: (mode: BulkMode | null) => void;
    /** The automations the change touches. */
    changes: AutomationSummary[];
    confirm: () => void;
    pending: boolean;
    error: ApiError | null;
    /** How many automations were changed, once done. */
    done: number | undefined;
  };
  /** The root's group role, its name and its state attributes. */
  getRootProps: () => {
    role: 'group';
    'aria-labelledby': string;
    'data-state': EmailBlockEditorState;
    'data-status': JoinSectionStatus | undefined;
    'data-dirty': string | undefined;
  };
  getTitleProps: () => { id: string };
  /** One automation in the list: the current one is `aria-current`, `data-status` its section's status. */
  getAutomationProps: (automation: { id: AutomationId; joinSection: string }) => {
    type: 'button';
    'aria-current': 'true' | undefined;
    'data-status': string;
    onClick: () => void;
  };
  /**
   * One element of the join-online section: a button that selects it for removal. A click
   * always selects; Escape clears the selection.
   */
  getElementProps: (element: JoinElement) => {
    type: 'button';
    'aria-pressed': boolean;
    'data-element': JoinElement;
    'data-left-out': string | undefined;
    onClick: () => void;
    onKeyDown: (event: { key: string; preventDefault(): void }) => void;
  };
  /** The sample session's `<select>`. */
  getSessionSelectProps: () => { id: string; value: string; onChange: (event: { target: { value: string } }) => void };
  getRemoveButtonProps: () => ButtonProps;
  getUndoButtonProps: () => ButtonProps;
  getSaveButtonProps: () => ButtonProps;
}

/**
 * The join-online block of automated e-mails (R12), without markup: pick an
 * automation, preview it for a session, remove elements with undo, save, reset to the
 * default template, and remove or restore the block in every automation at once.
 */
export function useEmailBlockEditor({
  defaultAutomationId = 'booking-confirmation',
  headingLevel = 3,
  onSaved,
  onError,
}: UseEmailBlockEditorOptions = {}): EmailBlockEditorController {
  const { client } = useSessionLinks('useEmailBlockEditor');
  const t = useWidgetMessages('useEmailBlockEditor', emailBlockEditorMessages);
  const queryClient = useQueryClient();
  const id = useId();
  const automations = useAutomations();
  const [automationId, setAutomationId] = useState<AutomationId>(defaultAutomationId);
  const template = useTemplate(automationId);
  const services = useServices();
  const [range] = useState(() => ({ from: new Date().toISOString(), to: new Date(Date.now() + 60 * 864e5).toISOString() }));
  const sessions = useSessions(range);
  // Unsaved edits per automation, each with its undo history; nothing is lost by switching.
  const [drafts, setDrafts] = useState<Partial<Record<AutomationId, Template[]>>>({});
  const [selected, setSelected] = useState<JoinElement | null>(null);
  const [sessionId, setSessionId] = useState<string | null>(null);
  const [notice, setNotice] = useState<'saved' | 'reset' | null>(null);
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  const [resetOpen, setResetOpen] = useState(false);
  const [bulkMode, setBulkMode] = useState<BulkMode | null>(null);
  const save = useSaveTemplate();
  const reset = useResetTemplate();

  // R20: each automation's draft saves on the version it was started from, not the one a refetch brought in.
  const base = useVersionedDraft<Template>({
    current: template.data,
    versionOf: templateVersion,
    refetch: template.refetch,
    draftKey: automationId,
    saving: save.isPending || reset.isPending,
  });
  const history = drafts[automationId];
  const draft = history?.at(-1) ?? template.data;
  const dirty = (history?.length ?? 0) > 0;

  // The soonest sessions with a link come first: the default sample is the next e-mail a client would get.
  const linked = useMemo(
    () =>
      (sessions.data ?? []).filter((s) => s.resolution.status === 'linked').sort((a, b) => (a.session.start < b.session.start ? -1 : 1)),
    [sessions.data],
  );
  const sample = linked.find((s) => s.session.id === sessionId) ?? linked[0];
  // No upcoming session has a link: the preview shows a sample session a week from now at 10:00.
  const [sampleStart] = useState(() => {
    const at = new Date();
    at.setDate(at.getDate() + 7);
    at.setHours(10, 0, 0, 0);
    return at.toISOString();
  });
  // The server's rendering for a client (R28): the start in the template's language and the
  // business's time zone (the provider's; without one, the viewer's own).
  const recipient = t('email.sampleClient');
  const resolution = sample?.resolution ?? sampleResolution(t('email.sampleDescription'), t('email.samplePassword'));
  const email = draft
    ? renderBookingEmail({
        template: draft,
        timeZone: t.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
        clientName: recipient,
        serviceName: services.data?.find((s) => s.id === sample?.session.serviceId)?.name ?? t('email.noSession'),
        start: sample ? sample.session.start : sampleStart,
        resolution,
      })
    : null;

  // R1, R10 as every widget decides them: only the owner edits automated e-mails, and
  // without online sessions in the plan no e-mail carries a link to edit.
  const gate = useGate({ operation: 'getTemplate', queries: [automations, template] });
  const loadError = gate.error;
  const state: EmailBlockEditorState = gate.state !== 'ready' ? gate.state : draft ? 'ready' : 'error';
  const status = draft ? joinSectionStatus(draft) : 'complete';

  const edit = useCallback(
    (next: (t: Template) => Template) => {
      if (!draft) return;
      setNotice(null);
      base.open(template.data);
      setDrafts((all) => ({ ...all, [automationId]: [...(all[automationId] ?? []), next(draft)] }));
    },
    [automationId, draft, base, template.data],
  );

  const clearDraft = useCallback(
    (id: AutomationId) => {
      base.close(id);
      setDrafts((all) => ({ ...all, [id]: undefined }));
    },
    [base],
  );

  const bulkChanges = useMemo(
    () => (automations.data ?? []).filter((a) => (bulkMode === 'remove' ? a.joinSection !== 'removed' : a.joinSection !== 'complete')),
    [automations.data, bulkMode],
  );
  const bulk = useMutation<number, ApiError, BulkMode>({
    mutationFn: async (mode) => {
      let changed = 0;
      for (const summary of bulkChanges) {
        const current = await queryClient.fetchQuery(templateQueryOptions(client, summary.id));
        const next = mode === 'remove' ? removeJoinSection(current) : restoreJoinSection(current);
        const saved = await client.saveTemplate(summary.id, {
          subject: next.subject,
          body: next.body,
          joinOnline: next.joinOnline,
          version: current.version,
        });
        queryClient.setQueryData(sessionLinksKeys.template(client.siteId, summary.id), saved);
        changed++;
      }
      return changed;
    },
    onSuccess: () => {
      setBulkMode(null);
      base.closeAll();
      setDrafts({});
    },
    onError: (error) => onError?.(error),
    onSettled: () => queryClient.invalidateQueries({ queryKey: sessionLinksKeys.automations(client.siteId) }),
  });

  const selectAutomation = (next: AutomationId) => {
    setAutomationId(next);
    setSelected(null);
    setSaveError(null);
    setNotice(null);
  };
  const removeSelected = () => {
    if (!selected) return;
    const element = selected;
    edit((tpl) => removeJoinElement(tpl, element));
    // Move the selection to the next element still there, so removing can go on from the keyboard.
    // (The first one still there sent a keyboard user back to the Heading: a second Enter removed that.)
    const rest = (draft?.joinOnline.elements ?? []).filter((e) => e !== element);
    const at = JOIN_ELEMENTS.indexOf(element);
    const after = JOIN_ELEMENTS.slice(at + 1).find((e) => rest.includes(e));
    setSelected(after ?? JOIN_ELEMENTS.slice(0, at).findLast((e) => rest.includes(e)) ?? null);
  };
  const undo = () => {
    // Undoing the last edit leaves no draft, so nothing can be "changed elsewhere" any more.
    if ((history?.length ?? 0) <= 1) base.close(automationId);
    setDrafts((all) => ({ ...all, [automationId]: (all[automationId] ?? []).slice(0, -1) }));
  };

  const saveDraft = () => {
    if (!draft || !template.data) return;
    setSaveError(null);
    save.mutate(
      {
        automationId,
        subject: draft.subject,
        body: draft.body,
        joinOnline: draft.joinOnline,
        version: base.version ?? template.data.version,
      },
      {
        onSuccess: (saved) => {
          clearDraft(automationId);
          setNotice('saved');
          onSaved?.(saved);
        },
        onError: (error) => {
          // A CONFLICT is shown as their template beside yours (R20).
          setSaveError(base.refused(error, automationId) ? null : error);
          onError?.(error);
        },
      },
    );
  };

  return {
    state,
    headingLevel,
    titleId: `${id}-title`,
    /** The id of the chosen e-mail's heading; focus goes there after "Take theirs". */
    editorTitleId: `${id}-editor`,
    /** The shared gate (R1, R10): `state` is the gate's until it is `ready`. */
    gate,
    t,
    loadError,
    retry: gate.retry,
    automations: automations.data ?? AUTOMATION_IDS.map((id) => ({ id, joinSection: 'complete' as const, version: 0 })),
    automationId,
    selectAutomation,
    draft,
    dirty,
    status,
    /** The sample client the preview is addressed to. */
    recipient,
    email,
    body: email?.body ?? '',
    link: resolution.status === 'linked' ? resolution.link : null,
    sessions: linked,
    /** True until the upcoming sessions are loaded (the session picker says so, the preview is not yet a sample). */
    sessionsLoading: sessions.isPending,
    sample,
    /** True when no upcoming session has a link: the preview is a made-up sample, and says so. */
    isSample: !sample && sessions.isSuccess,
    services: services.data ?? [],
    selectSession: setSessionId,
    selected,
    select: (element: JoinElement | null) => setSelected(element),
    removeSelected,
    undo,
    /** R20: the draft's base, their template when it moved on, and the choice. */
    versions: base,
    notice,
    saveError,
    saving: save.isPending,
    save: () => saveDraft(),
    /** "Take theirs" or Reload: this automation's draft goes and their template is shown. */
    reload: () => {
      setSaveError(null);
      setSelected(null);
      clearDraft(automationId);
      void template.refetch();
    },
    reset: {
      open: resetOpen,
      setOpen: (open: boolean) => {
        if (!open) reset.reset();
        setResetOpen(open);
      },
      pending: reset.isPending,
      error: reset.error,
      confirm: () => {
        if (!template.data) return;
        reset.mutate(
          { automationId, version: base.version ?? template.data.version },
          {
            onSuccess: (saved) => {
              clearDraft(automationId);
              setResetOpen(false);
              setSelected(null);
              setNotice('reset');
              onSaved?.(saved);
            },
            onError: (error) => onError?.(error),
          },
        );
      },
    },
    bulk: {
      mode: bulkMode,
      setMode: (mode: BulkMode | null) => {
        if (mode === null) bulk.reset();
        setBulkMode(mode);
      },
      changes: bulkChanges,
      confirm: () => bulkMode && bulk.mutate(bulkMode),
      pending: bulk.isPending,
      error: bulk.error,
      done: bulk.data,
    },
    getRootProps: () => ({
      role: 'group' as const,
      'aria-labelledby': `${id}-title`,
      'data-state': state,
      'data-status': state === 'ready' ? status : undefined,
      'data-dirty': dirty ? '' : undefined,
    }),
    getTitleProps: () => ({ id: `${id}-title` }),
    /** One automation in the list: the current one is `aria-current`, `data-status` its section's status. */
    getAutomationProps: (automation: { id: AutomationId; joinSection: string }) => ({
      type: 'button' as const,
      'aria-current': automation.id === automationId ? ('true' as const) : undefined,
      'data-status': automation.joinSection,
      onClick: () => selectAutomation(automation.id),
    }),
    /**
     * One element of the join-online section: a button that selects it for removal. A click
     * always selects (after a removal the next element is already selected, and a click that
     * toggled it off left "Remove" disabled); Escape clears the selection.
     */
    getElementProps: (element: JoinElement) => ({
      type: 'button' as const,
      'aria-pressed': selected === element,
      'data-element': element,
      'data-left-out': email?.joinElements.includes(element) ? undefined : '',
      onClick: () => setSelected(element),
      onKeyDown: (event: { key: string; preventDefault(): void }) => {
        if (event.key === 'Escape' && selected !== null) {
          event.preventDefault();
          setSelected(null);
        }
      },
    }),
    getSessionSelectProps: () => ({
      id: `${id}-session`,
      value: sample?.session.id ?? '',
      onChange: (e: { target: { value: string } }) => setSessionId(e.target.value),
    }),
    getRemoveButtonProps: () => ({ type: 'button' as const, disabled: !selected, onClick: removeSelected }),
    getUndoButtonProps: () => ({ type: 'button' as const, disabled: !dirty, onClick: undo }),
    getSaveButtonProps: () => ({ type: 'button' as const, disabled: !dirty || save.isPending, onClick: () => saveDraft() }),
  };
}
