'use client';
import { type ComponentPropsWithRef, useRef } from 'react';
import { ChangedElsewhere, LinkValue } from '../parts/changed-elsewhere';
import { ConfirmDialog } from '../parts/confirm-dialog';
import { CustomLinkForm } from '../parts/custom-link-form';
import { Gate, type GateProps, GateScope } from '../parts/gate';
import { NoticeStatus } from '../parts/notice-status';
import { UpgradeState } from '../parts/state-panel';
import { TellClientsCheckbox } from '../parts/tell-clients';
import { cx } from '../primitives/cx';
import { headingBelow, headingTag } from '../primitives/heading';
import { mergeRefs } from '../primitives/merge-refs';
import { createScopedContext } from '../primitives/scoped-context';
import { useCopy } from '../primitives/use-copy';
import { usePanelFocus } from '../primitives/use-panel-focus';
import type { VersionedDraft } from '../primitives/use-versioned-draft';
import type { CourseLinkEditorController } from './use-course-link-editor';

const [CourseLinkEditorProvider, useCourseLinkEditorContext] = createScopedContext<CourseLinkEditorController>('CourseLinkEditor');

export { useCourseLinkEditorContext };

export interface CourseLinkEditorRootProps extends ComponentPropsWithRef<'div'> {
  /** What `useCourseLinkEditor({ serviceId })` returned: the parts inside read it. */
  value: CourseLinkEditorController;
}

/**
 * The widget's root: a named group with `data-state` and `data-has-link`; every part goes
 * inside. Focus follows its own user's steps: after a save the form (and the button
 * pressed) is gone, and focus moves to the `[data-focus-target]` (the Edit button).
 */
export function CourseLinkEditorRoot({ value, ref, className, children, ...props }: CourseLinkEditorRootProps) {
  const root = useRef<HTMLDivElement>(null);
  // Each save is a step of its own (its version): "Use the site default" saves from the view, after
  // an earlier save, and its button (the dialog's trigger) is gone; without a new step focus fell to <body>.
  const ownInput = usePanelFocus(`${value.state}${value.result ? `:result:${value.result.courseLink.version}` : ''}`, root);
  return (
    <CourseLinkEditorProvider value={value}>
      <GateScope gate={value.gate}>
        <div
          {...value.getRootProps()}
          {...ownInput}
          {...props}
          ref={mergeRefs(root, ref)}
          className={cx('sl-root sl-widget sl-course', className)}
        >
          {children}
        </div>
      </GateScope>
    </CourseLinkEditorProvider>
  );
}

/** The title's level is the hook's `headingLevel`. */
export type CourseLinkEditorTitleProps = ComponentPropsWithRef<'h3'>;

/** "Course link: <service>"; names the root. */
export function CourseLinkEditorTitle({ className, children, ...props }: CourseLinkEditorTitleProps) {
  const c = useCourseLinkEditorContext('CourseLinkEditorTitle');
  const { t } = c;
  const Heading = headingTag(c.headingLevel);
  return (
    <Heading {...c.getTitleProps()} {...props} className={cx('sl-title', className)}>
      {children ?? (
        <>
          {t('course.title')}
          {c.service ? `: ${c.service.name}` : ''}
        </>
      )}
    </Heading>
  );
}

/**
 * The shared gate (R1, R10): loading, load error with Try again, upgrade, or no
 * permission, the same as every widget shows them; its children (the ready UI) once the
 * course can be looked at. The panel carries `data-state`.
 */
export function CourseLinkEditorGate(props: GateProps) {
  useCourseLinkEditorContext('CourseLinkEditorGate');
  return <Gate {...props} />;
}

export interface CourseLinkEditorBlockedProps extends ComponentPropsWithRef<'div'> {
  upgradeHref?: string;
}

/**
 * Why this course cannot get a link of its own (R5): it has no saved session, or is not a
 * course; or the plan lacks online sessions. Renders nothing otherwise. `data-blocker`.
 */
export function CourseLinkEditorBlocked({ upgradeHref, className, ...props }: CourseLinkEditorBlockedProps) {
  const c = useCourseLinkEditorContext('CourseLinkEditorBlocked');
  const { t } = c;
  if (c.state === 'upgrade' && c.gate.state === 'ready') return <UpgradeState upgradeHref={upgradeHref} />;
  if (c.state !== 'blocked' || !c.data?.blocker) return null;
  return (
    <div {...props} className={cx('sl-state', className)} data-kind="blocked" data-state="blocked" data-blocker={c.data.blocker}>
      <p>{t(`course.blocked.${c.data.blocker as 'COURSE_HAS_NO_SESSIONS' | 'NOT_A_COURSE'}`)}</p>
      <button type="button" className="sl-button" disabled>
        {t('course.set')}
      </button>
    </div>
  );
}

/**
 * The course's link as it is: how many sessions it has, and its own link or "uses the
 * site default". Shown in the `view` state only; children (e.g. the buttons) follow.
 * `data-state`: `own` | `default`.
 */
export function CourseLinkEditorCurrent({ className, children, ...props }: ComponentPropsWithRef<'div'>) {
  const c = useCourseLinkEditorContext('CourseLinkEditorCurrent');
  const { t } = c;
  if (c.state !== 'view') return null;
  const link = c.link;
  return (
    <div {...props} className={cx('sl-panel', className)} data-state={link ? 'own' : 'default'}>
      <p className="sl-hint">{t('course.sessions', { count: c.data?.sessionCount ?? 0 })}</p>
      {link ? (
        <div className="sl-card">
          <p>{t('course.usesOwn')}</p>
          <p className="sl-link-text">{link.url}</p>
          {link.password ? <p className="sl-hint">{t('picker.passwordSet')}</p> : null}
          {link.description ? <p className="sl-description">{link.description}</p> : null}
        </div>
      ) : (
        <p>{t(c.hasDefault ? 'course.usesDefault' : 'course.noDefault')}</p>
      )}
      {children}
    </div>
  );
}

/** "Set a course link", or "Edit the course link" when it has one. Primary; focus lands here after a save (`data-focus-target`). */
export function CourseLinkEditorEditButton({ className, children, ...props }: ComponentPropsWithRef<'button'>) {
  const c = useCourseLinkEditorContext('CourseLinkEditorEditButton');
  const { t } = c;
  return (
    <button data-focus-target="" {...c.getEditButtonProps()} {...props} className={cx('sl-button', className)} data-variant="primary">
      {children ?? (c.link ? t('course.edit') : t('course.set'))}
    </button>
  );
}

/** "Use the site default": reviews dropping the course's own link. Absent when it has none. */
export function CourseLinkEditorClearButton({ className, children, ...props }: ComponentPropsWithRef<'button'>) {
  const c = useCourseLinkEditorContext('CourseLinkEditorClearButton');
  const { t } = c;
  if (!c.link) return null;
  return (
    <button {...c.getClearButtonProps()} {...props} className={cx('sl-button', className)}>
      {children ?? t('course.clear')}
    </button>
  );
}

/** The link form while editing (`data-state="editing"`); its submit opens the confirmation. */
export function CourseLinkEditorForm({ className, ...props }: ComponentPropsWithRef<'div'>) {
  const c = useCourseLinkEditorContext('CourseLinkEditorForm');
  const { t } = c;
  if (c.state !== 'editing') return null;
  return (
    <div {...props} className={className} data-state="editing">
      <CustomLinkForm form={c.form} onSubmit={(l) => c.review(l)} submitLabel={t('course.review')} onCancel={c.cancel} pending={c.saving} />
    </div>
  );
}

/** Its heading is two levels below the title. */
export type CourseLinkEditorChangedElsewhereProps = Omit<ComponentPropsWithRef<'section'>, 'children'>;

/** R20 for a course: their course link beside the user's unsaved one, and the choice. */
export function CourseLinkEditorChangedElsewhere(props: CourseLinkEditorChangedElsewhereProps) {
  const c = useCourseLinkEditorContext('CourseLinkEditorChangedElsewhere');
  const { t } = c;
  if (c.state !== 'view' && c.state !== 'editing') return null;
  const theirs = c.data?.courseLink.link ?? null;
  const clearing = c.state !== 'editing';
  return (
    <ChangedElsewhere
      {...props}
      draft={c.draft as VersionedDraft<unknown>}
      theirs={
        theirs ? <LinkValue link={theirs} /> : <p className="sl-hint">{t(c.hasDefault ? 'course.usesDefault' : 'course.noDefault')}</p>
      }
      yours={
        clearing ? (
          <p className="sl-hint">{t(c.hasDefault ? 'course.usesDefault' : 'course.noDefault')}</p>
        ) : (
          <LinkValue link={c.form.values} />
        )
      }
      onTakeTheirs={c.reload}
      refreshing={c.refreshing}
      headingLevel={headingBelow(c.headingLevel)}
    />
  );
}

export interface CourseLinkEditorConfirmProps {
  /** Where focus goes when a CONFLICT closes the dialog onto "Changed elsewhere"; by default that panel's heading in this Root. */
  onConflictClosed?: () => void;
}

/**
 * The confirmation before a course's link changes (R16): how many past and upcoming
 * sessions change and which booked clients hold the old link. Open while a change
 * waits for confirmation; Confirm is enabled once the impact is known.
 */
export function CourseLinkEditorConfirm({ onConflictClosed }: CourseLinkEditorConfirmProps) {
  const c = useCourseLinkEditorContext('CourseLinkEditorConfirm');
  const { t } = c;
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
      offerTell
      onConfirm={c.confirm}
      error={c.saveError}
      onReload={c.reload}
      // Refused with CONFLICT: the dialog closes onto the "Changed elsewhere" choice, and focus goes there.
      keepFocusOnClose={c.draft.conflict}
      onFocusAfterClose={
        onConflictClosed ??
        (() => document.querySelector<HTMLElement>(`[aria-labelledby="${c.getTitleProps().id}"] [data-versions] [tabindex="-1"]`)?.focus())
      }
    >
      {c.impact.isPending ? (
        <p role="status">{t('impact.loading')}</p>
      ) : c.impact.isError || !impact ? (
        <p role="alert">{t('impact.error')}</p>
      ) : (
        <>
          <p data-impact="counts">{t('course.counts', { past: impact.counts.past, upcoming: impact.counts.upcoming })}</p>
          <CourseLinkEditorClientList clients={impact.clientsToNotify} />
        </>
      )}
    </ConfirmDialog>
  );
}

export interface CourseLinkEditorClientListProps extends ComponentPropsWithRef<'ul'> {
  clients: readonly { id: string; name: string; email: string }[];
}

/**
 * Booked clients who hold the old link, "Name <e-mail>" each (`data-impact="clients"`), and,
 * inside the confirmation, "Tell them now" (R29).
 */
export function CourseLinkEditorClientList({ clients, className, ...props }: CourseLinkEditorClientListProps) {
  const { t } = useCourseLinkEditorContext('CourseLinkEditorClientList');
  if (clients.length === 0) return <p>{t('course.noClients')}</p>;
  return (
    <>
      <p>{t.plural('course.clients', clients.length)}</p>
      <ul {...props} className={cx('sl-clients', className)} data-impact="clients">
        {clients.map((client) => (
          <li key={client.id}>
            {client.name} &lt;{client.email}&gt;
          </li>
        ))}
      </ul>
      <TellClientsCheckbox />
    </>
  );
}

/**
 * After a save: what changed (R6); who was told is `CourseLinkEditorNotices` (R29). The booked
 * clients' addresses stay to copy, for a host who tells them some other way too. `data-state="saved"`.
 */
export function CourseLinkEditorResult({ className, ...props }: ComponentPropsWithRef<'div'>) {
  const c = useCourseLinkEditorContext('CourseLinkEditorResult');
  const { t } = c;
  const { status, copy } = useCopy();
  if (!c.result) return null;
  const { propagation } = c.result;
  const clients = propagation.clientsToNotify;
  return (
    <div {...props} className={cx('sl-card', className)} data-result="" data-state="saved">
      <p className="sl-notice" role="status">
        {t('course.saved', { count: propagation.sessions.length })}
      </p>
      <div className="sl-actions">
        {clients.length > 0 ? (
          <button
            type="button"
            className="sl-button"
            data-variant="secondary"
            onClick={() => copy(clients.map((x) => `${x.name} <${x.email}>`).join(', '))}
          >
            {t('course.copyAddresses')}
          </button>
        ) : null}
        <button type="button" className="sl-button" onClick={c.dismissResult}>
          {t('common.close')}
        </button>
      </div>
      <p className="sl-status" role="status" data-copy={status}>
        {status === 'copied' ? t('course.copied') : status === 'failed' ? t('course.copyFailed') : ''}
      </p>
    </div>
  );
}

/**
 * Who was told of the course's link changes (R29), over its upcoming sessions: "Told 5 of 6
 * booked clients; 1 failed (address refused) — Retry", held notices with "Tell them now",
 * "Telling …" while on their way. Nothing when no notice was recorded.
 */
export function CourseLinkEditorNotices(props: Omit<ComponentPropsWithRef<'div'>, 'children'>) {
  const c = useCourseLinkEditorContext('CourseLinkEditorNotices');
  if (!c.data) return null;
  return <NoticeStatus {...props} query={{ serviceId: c.data.courseLink.serviceId }} />;
}
