'use client';
import type { ApiError } from '@session-links/client';
import type { CourseLinkState, CourseLinkUpdate, CustomLink } from '@session-links/core';
import { useId, useRef, useState } from 'react';
import { useCourseLink, useImpact, useMe, useServices, useSetCourseLink } from '../hooks';
import { useSessionLinks } from '../provider';
import { ChangedElsewhere, LinkValue } from '../shared/changed-elsewhere';
import { ConfirmDialog } from '../shared/confirm-dialog';
import { CustomLinkForm } from '../shared/custom-link-form';
import { cx } from '../shared/cx';
import { ErrorState, ForbiddenState, LoadingState, UpgradeState } from '../shared/state-panel';
import { useCustomLinkForm } from '../shared/use-custom-link-form';
import { usePanelFocus } from '../shared/use-panel-focus';
import { useVersionedDraft, type VersionedDraft } from '../shared/use-versioned-draft';
import { useCopy } from './use-copy';

const courseVersion = (s: CourseLinkState) => s.courseLink.version;

export type CourseLinkEditorState = 'loading' | 'error' | 'upgrade' | 'forbidden' | 'blocked' | 'view' | 'editing';

export interface UseCourseLinkEditorOptions {
  onSaved?: (update: CourseLinkUpdate) => void;
  onError?: (error: ApiError) => void;
}

/** State and actions of a course's link (R5, R6, R16), without markup. */
export function useCourseLinkEditor(serviceId: string, { onSaved, onError }: UseCourseLinkEditorOptions = {}) {
  useSessionLinks('useCourseLinkEditor');
  const state$ = useCourseLink(serviceId);
  const me = useMe();
  const services = useServices();
  const mutation = useSetCourseLink();
  const form = useCustomLinkForm();
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

  const loadError = (state$.error ?? me.error) as ApiError | null;
  const data = state$.data;
  let state: CourseLinkEditorState;
  if (state$.isPending || me.isPending || services.isPending) state = 'loading';
  else if (loadError?.code === 'FORBIDDEN') state = 'forbidden';
  else if (loadError || !data) state = 'error';
  else if (data.blocker === 'PLAN_REQUIRED') state = 'upgrade';
  else if (me.data?.role !== 'owner') state = 'forbidden';
  else if (data.blocker) state = 'blocked';
  else if (editing) state = 'editing';
  else state = 'view';

  const confirm = () => {
    if (!pending || !data) return;
    setSaveError(null);
    mutation.mutate(
      { serviceId, link: pending.link, version: draft.version ?? data.courseLink.version },
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

  return {
    state,
    data,
    service: services.data?.find((s) => s.id === serviceId),
    loadError,
    retry: () => void state$.refetch(),
    form,
    impact,
    pending,
    result,
    saveError,
    saving: mutation.isPending,
    refreshing: state$.isFetching,
    draft,
    edit: () => {
      setResult(null);
      draft.open();
      form.reset(data?.courseLink.link ?? null);
      setEditing(true);
    },
    cancel: () => {
      draft.close();
      setEditing(false);
      setSaveError(null);
    },
    review: (link: CustomLink | null) => {
      setSaveError(null);
      draft.open();
      setPending({ link });
    },
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
  };
}

export type CourseLinkEditorController = ReturnType<typeof useCourseLinkEditor>;

export interface CourseLinkEditorProps extends UseCourseLinkEditorOptions {
  serviceId: string;
  headingLevel?: 2 | 3 | 4;
  className?: string;
}

/**
 * A course's own link (R5, R6, R16): set or edit it, or go back to the site default.
 * Before saving, the widget says how many past and upcoming sessions change and lists
 * the booked clients holding the old link; after saving, that list stays, to copy.
 */
export function CourseLinkEditor({ serviceId, headingLevel = 3, className, ...options }: CourseLinkEditorProps) {
  const { t } = useSessionLinks('CourseLinkEditor');
  const c = useCourseLinkEditor(serviceId, options);
  const titleId = useId();
  const Heading = `h${headingLevel}` as 'h3';
  const link = c.data?.courseLink.link ?? null;
  const root = useRef<HTMLDivElement>(null);
  // Focus follows the user's own steps; after a save the form (and the button pressed) is gone.
  const ownInput = usePanelFocus(`${c.state}${c.result ? ':result' : ''}`, root);

  return (
    // biome-ignore lint/a11y/useSemanticElements: a widget root holding forms; see ProviderPicker
    <div
      ref={root}
      {...ownInput}
      role="group"
      aria-labelledby={titleId}
      className={cx('sl-root sl-widget sl-course', className)}
      data-state={c.state}
      data-has-link={link ? '' : undefined}
    >
      <Heading id={titleId} className="sl-title">
        {t('course.title')}
        {c.service ? `: ${c.service.name}` : ''}
      </Heading>
      {c.state === 'loading' ? <LoadingState /> : null}
      {c.state === 'error' ? <ErrorState error={c.loadError} onRetry={c.retry} /> : null}
      {c.state === 'upgrade' ? <UpgradeState /> : null}
      {c.state === 'forbidden' ? <ForbiddenState /> : null}
      {c.state === 'blocked' && c.data?.blocker ? (
        <div className="sl-state" data-kind="blocked">
          <p>{t(`course.blocked.${c.data.blocker as 'COURSE_HAS_NO_SESSIONS' | 'NOT_A_COURSE'}`)}</p>
          <button type="button" className="sl-button" disabled>
            {t('course.set')}
          </button>
        </div>
      ) : null}
      {c.result ? <CourseChangeResult c={c} /> : null}
      {c.state === 'view' || c.state === 'editing' ? <CourseChangedElsewhere c={c} headingLevel={headingLevel + 1} /> : null}
      {c.state === 'view' ? (
        <div className="sl-panel">
          <p className="sl-hint">{t('course.sessions', { count: c.data?.sessionCount ?? 0 })}</p>
          {link ? (
            <div className="sl-card">
              <p>{t('course.usesOwn')}</p>
              <p className="sl-link-text">{link.url}</p>
              {link.password ? <p className="sl-hint">{t('picker.passwordSet')}</p> : null}
              {link.description ? <p className="sl-description">{link.description}</p> : null}
            </div>
          ) : (
            <p>{t('course.usesDefault')}</p>
          )}
          <div className="sl-actions">
            <button type="button" className="sl-button" data-variant="primary" data-focus-target onClick={c.edit}>
              {link ? t('course.edit') : t('course.set')}
            </button>
            {link ? (
              <button type="button" className="sl-button" onClick={() => c.review(null)}>
                {t('course.clear')}
              </button>
            ) : null}
          </div>
        </div>
      ) : null}
      {c.state === 'editing' ? (
        <CustomLinkForm
          form={c.form}
          onSubmit={(l) => c.review(l)}
          submitLabel={t('course.review')}
          onCancel={c.cancel}
          pending={c.saving}
        />
      ) : null}
      <ConfirmCourseChange
        c={c}
        onConflictClosed={() => root.current?.querySelector<HTMLElement>('[data-versions] [tabindex="-1"]')?.focus()}
      />
    </div>
  );
}

/** R20 for a course: their course link beside the user's unsaved one. */
function CourseChangedElsewhere({ c, headingLevel }: { c: CourseLinkEditorController; headingLevel: number }) {
  const { t } = useSessionLinks('CourseLinkEditor');
  const theirs = c.data?.courseLink.link ?? null;
  const clearing = c.state !== 'editing';
  return (
    <ChangedElsewhere
      draft={c.draft as VersionedDraft<unknown>}
      theirs={theirs ? <LinkValue link={theirs} /> : <p className="sl-hint">{t('course.usesDefault')}</p>}
      yours={clearing ? <p className="sl-hint">{t('course.usesDefault')}</p> : <LinkValue link={c.form.values} />}
      onTakeTheirs={c.reload}
      refreshing={c.refreshing}
      headingLevel={Math.min(headingLevel, 6) as 6}
    />
  );
}

function ConfirmCourseChange({ c, onConflictClosed }: { c: CourseLinkEditorController; onConflictClosed: () => void }) {
  const { t } = useSessionLinks('CourseLinkEditor');
  const impact = c.impact.data;
  return (
    <ConfirmDialog
      open={c.pending !== null}
      onOpenChange={c.setConfirmOpen}
      title={t('course.confirmTitle')}
      description={t('course.confirmBody')}
      confirmLabel={t('course.confirm')}
      variant="primary"
      pending={c.saving}
      disabled={c.impact.isPending}
      onConfirm={c.confirm}
      error={c.saveError}
      onReload={c.reload}
      // Refused with CONFLICT: the dialog closes onto the "Changed elsewhere" choice, and focus goes there.
      keepFocusOnClose={c.draft.conflict}
      onFocusAfterClose={onConflictClosed}
    >
      {c.impact.isPending ? (
        <p role="status">{t('impact.loading')}</p>
      ) : c.impact.isError || !impact ? (
        <p role="alert">{t('impact.error')}</p>
      ) : (
        <>
          <p data-impact="counts">{t('course.counts', { past: impact.counts.past, upcoming: impact.counts.upcoming })}</p>
          <ClientList clients={impact.clientsToNotify} />
        </>
      )}
    </ConfirmDialog>
  );
}

function ClientList({ clients }: { clients: readonly { id: string; name: string; email: string }[] }) {
  const { t } = useSessionLinks('CourseLinkEditor');
  if (clients.length === 0) return <p>{t('course.noClients')}</p>;
  return (
    <>
      <p>{t.plural('course.tellClients', clients.length)}</p>
      <ul className="sl-clients" data-impact="clients">
        {clients.map((client) => (
          <li key={client.id}>
            {client.name} &lt;{client.email}&gt;
          </li>
        ))}
      </ul>
    </>
  );
}

/** After a save: what changed and who to tell, with their addresses to copy (R6). */
function CourseChangeResult({ c }: { c: CourseLinkEditorController }) {
  const { t } = useSessionLinks('CourseLinkEditor');
  const { status, copy } = useCopy();
  if (!c.result) return null;
  const { propagation } = c.result;
  const clients = propagation.clientsToNotify;
  return (
    <div className="sl-card" data-result="">
      <p className="sl-notice" role="status">
        {t('course.saved', { count: propagation.sessions.length })}
      </p>
      <ClientList clients={clients} />
      <div className="sl-actions">
        {clients.length > 0 ? (
          <button type="button" className="sl-button" onClick={() => copy(clients.map((x) => `${x.name} <${x.email}>`).join(', '))}>
            {t('course.copyAddresses')}
          </button>
        ) : null}
        <button type="button" className="sl-button" onClick={c.dismissResult}>
          {t('common.close')}
        </button>
      </div>
      <p className="sl-status" role="status">
        {status === 'copied' ? t('course.copied') : status === 'failed' ? t('session.copyFailed') : ''}
      </p>
    </div>
  );
}
