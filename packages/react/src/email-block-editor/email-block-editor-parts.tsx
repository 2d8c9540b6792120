'use client';
import { JOIN_ELEMENTS, JOIN_SECTION_COPY, type JoinElement } from '@session-links/core';
import { type ComponentPropsWithRef, useRef } from 'react';
import { ChangedElsewhere } from '../parts/changed-elsewhere';
import { ConfirmDialog } from '../parts/confirm-dialog';
import { Gate, type GateProps, GateScope } from '../parts/gate';
import { SaveError } from '../parts/state-panel';
import { cx } from '../primitives/cx';
import { headingBelow, headingTag } from '../primitives/heading';
import { mergeRefs } from '../primitives/merge-refs';
import { createScopedContext } from '../primitives/scoped-context';
import { usePanelFocus } from '../primitives/use-panel-focus';
import type { VersionedDraft } from '../primitives/use-versioned-draft';
import type { BulkMode, EmailBlockEditorController } from './use-email-block-editor';

const [EmailBlockEditorProvider, useEmailBlockEditorContext] = createScopedContext<EmailBlockEditorController>('EmailBlockEditor');

export { useEmailBlockEditorContext };

export interface EmailBlockEditorRootProps extends ComponentPropsWithRef<'div'> {
  /** What `useEmailBlockEditor()` returned: the parts inside read it. */
  value: EmailBlockEditorController;
}

/**
 * The widget's root: a named group with `data-state`, `data-status` and `data-dirty`.
 * After a save or a reset of its own user, focus moves to the chosen e-mail's heading
 * (`[data-focus-target]`): the button pressed is disabled or gone.
 */
export function EmailBlockEditorRoot({ value, ref, className, children, ...props }: EmailBlockEditorRootProps) {
  const root = useRef<HTMLDivElement>(null);
  const ownInput = usePanelFocus(`${value.state}:${value.notice ?? ''}`, root);
  return (
    <EmailBlockEditorProvider value={value}>
      <GateScope gate={value.gate}>
        <div
          {...value.getRootProps()}
          {...ownInput}
          {...props}
          ref={mergeRefs(root, ref)}
          className={cx('sl-root sl-widget sl-email', className)}
        >
          {children}
        </div>
      </GateScope>
    </EmailBlockEditorProvider>
  );
}

/** The title's level is the hook's `headingLevel`. */
export type EmailBlockEditorTitleProps = ComponentPropsWithRef<'h3'>;

/** "Online session links in e-mails"; names the root. */
export function EmailBlockEditorTitle({ className, children, ...props }: EmailBlockEditorTitleProps) {
  const c = useEmailBlockEditorContext('EmailBlockEditorTitle');
  const { t } = c;
  const Heading = headingTag(c.headingLevel);
  return (
    <Heading {...c.getTitleProps()} {...props} className={cx('sl-title', className)}>
      {children ?? t('email.title')}
    </Heading>
  );
}

/**
 * The shared gate (R1, R10): loading, load error with Try again, upgrade, or "only the
 * site owner can change this" (ask the owner to), as every widget shows them; its children (the
 * ready UI) once the e-mails are loaded. The panel carries `data-state`.
 */
export function EmailBlockEditorGate({ forbiddenBody, ...props }: GateProps) {
  const c = useEmailBlockEditorContext('EmailBlockEditorGate');
  return <Gate forbiddenBody={forbiddenBody ?? c.t('email.forbidden')} {...props} />;
}

/** The ready layout: the automations beside the chosen e-mail. Renders its children only when ready. */
export function EmailBlockEditorContent({ className, children, ...props }: ComponentPropsWithRef<'div'>) {
  const c = useEmailBlockEditorContext('EmailBlockEditorContent');
  if (c.state !== 'ready') return null;
  return (
    <div {...props} className={cx('sl-email-layout', className)}>
      {children}
    </div>
  );
}

/** Its heading is one level below the title. */
export type EmailBlockEditorAutomationsProps = ComponentPropsWithRef<'nav'>;

/**
 * The automated e-mails, each with the status of its join-online section; the chosen one
 * is `aria-current`. Children follow the list (by default the two bulk actions).
 */
export function EmailBlockEditorAutomations({ className, children, ...props }: EmailBlockEditorAutomationsProps) {
  const c = useEmailBlockEditorContext('EmailBlockEditorAutomations');
  const { t } = c;
  const Heading = headingTag(headingBelow(c.headingLevel));
  const headingId = `${c.titleId}-automations`;
  return (
    <nav aria-labelledby={headingId} {...props} className={cx('sl-email-nav', className)}>
      <Heading id={headingId} className="sl-subtitle">
        {t('email.automations')}
      </Heading>
      <ul>
        {c.automations.map((a) => (
          <li key={a.id}>
            <button {...c.getAutomationProps(a)} className="sl-email-automation">
              <span>{t(`email.automation.${a.id}`)}</span>
              <span className="sl-hint">{t(`email.status.${a.joinSection}`)}</span>
            </button>
          </li>
        ))}
      </ul>
      {children ?? (
        <>
          <div className="sl-actions">
            <EmailBlockEditorBulkDialog mode="remove" />
            <EmailBlockEditorBulkDialog mode="restore" />
          </div>
          <EmailBlockEditorBulkNotice />
        </>
      )}
    </nav>
  );
}

export interface EmailBlockEditorBulkDialogProps {
  mode: BulkMode;
  className?: string;
}

/** "Remove/Restore the join-online section in every e-mail": its trigger and its confirmation, listing what changes. */
export function EmailBlockEditorBulkDialog({ mode, className }: EmailBlockEditorBulkDialogProps) {
  const c = useEmailBlockEditorContext('EmailBlockEditorBulkDialog');
  const { t } = c;
  const open = c.bulk.mode === mode;
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={(o) => c.bulk.setMode(o ? mode : null)}
      trigger={
        <button type="button" className={cx('sl-button', className)} data-size="small" data-bulk-mode={mode}>
          {t(mode === 'remove' ? 'email.bulkRemove' : 'email.bulkRestore')}
        </button>
      }
      title={t(mode === 'remove' ? 'email.bulkRemoveTitle' : 'email.bulkRestoreTitle')}
      description={c.bulk.changes.length > 0 ? t('email.bulkChanges') : t('email.bulkNothing')}
      confirmLabel={t('email.bulkConfirm')}
      pending={c.bulk.pending}
      disabled={c.bulk.changes.length === 0}
      onConfirm={c.bulk.confirm}
      error={c.bulk.error}
      onReload={c.reload}
    >
      {open && c.bulk.changes.length > 0 ? (
        <ul className="sl-clients" data-bulk="changes">
          {c.bulk.changes.map((a) => (
            <li key={a.id}>{t(`email.automation.${a.id}`)}</li>
          ))}
        </ul>
      ) : null}
    </ConfirmDialog>
  );
}

/** "3 e-mails changed." after a bulk change. */
export function EmailBlockEditorBulkNotice({ className, ...props }: ComponentPropsWithRef<'p'>) {
  const c = useEmailBlockEditorContext('EmailBlockEditorBulkNotice');
  const { t } = c;
  if (c.bulk.done === undefined) return null;
  return (
    <p role="status" {...props} className={cx('sl-notice', className)}>
      {t.plural('email.bulkDone', c.bulk.done)}
    </p>
  );
}

/** The chosen e-mail: a section named by its heading (`EmailBlockEditorToolbar`). `data-dirty` while unsaved. */
export function EmailBlockEditorEditor({ className, children, ...props }: ComponentPropsWithRef<'section'>) {
  const c = useEmailBlockEditorContext('EmailBlockEditorEditor');
  if (!c.draft || !c.email) return null;
  return (
    <section
      aria-labelledby={c.editorTitleId}
      {...props}
      className={cx('sl-email-editor', className)}
      data-automation={c.automationId}
      data-dirty={c.dirty ? '' : undefined}
    >
      {children}
    </section>
  );
}

/** Its heading is one level below the title. */
export type EmailBlockEditorToolbarProps = ComponentPropsWithRef<'div'>;

/** The chosen e-mail's name (focusable, where focus returns) and "Reset to default template", which opens the confirmation. */
export function EmailBlockEditorToolbar({ className, ...props }: EmailBlockEditorToolbarProps) {
  const c = useEmailBlockEditorContext('EmailBlockEditorToolbar');
  const { t } = c;
  const Heading = headingTag(headingBelow(c.headingLevel));
  return (
    <div {...props} className={cx('sl-email-toolbar', className)}>
      <Heading id={c.editorTitleId} tabIndex={-1} className="sl-subtitle" data-focus-target="">
        {t(`email.automation.${c.automationId}`)}
      </Heading>
      <button type="button" className="sl-button" aria-haspopup="dialog" onClick={() => c.reset.setOpen(true)}>
        {t('email.reset')}
      </button>
    </div>
  );
}

/** "The e-mail is saved." / "back to its default template", announced. `data-notice`. */
export function EmailBlockEditorNotice({ className, ...props }: ComponentPropsWithRef<'p'>) {
  const c = useEmailBlockEditorContext('EmailBlockEditorNotice');
  const { t } = c;
  if (!c.notice) return null;
  return (
    <p role="status" {...props} className={cx('sl-notice', className)} data-notice={c.notice}>
      {t(c.notice === 'saved' ? 'email.saved' : 'email.resetDone')}
    </p>
  );
}

const OPTION_DATE: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' };

/** "Preview for session": the upcoming sessions with a link, soonest first. */
export function EmailBlockEditorSessionSelect({ className, ...props }: ComponentPropsWithRef<'select'>) {
  const c = useEmailBlockEditorContext('EmailBlockEditorSessionSelect');
  const { t } = c;
  const select = c.getSessionSelectProps();
  return (
    <div className="sl-field">
      <label htmlFor={select.id}>{t('email.previewFor')}</label>
      <select {...select} {...props} className={className}>
        {c.sessions.length === 0 ? <option value="">{t(c.sessionsLoading ? 'common.loading' : 'email.noSession')}</option> : null}
        {/* When first, in a short form: a native select cuts its text at the end, and in a narrow
            column the time must not be what goes ("Tue 25 Nov, 09:00 · Career coaching"). */}
        {c.sessions.map((s) => (
          <option key={s.session.id} value={s.session.id}>
            {t.date(s.session.start, OPTION_DATE)} · {c.services.find((x) => x.id === s.session.serviceId)?.name}
          </option>
        ))}
      </select>
    </div>
  );
}

export interface EmailBlockEditorPreviewProps extends ComponentPropsWithRef<'section'> {
  /** Who the e-mail comes from, as the client sees it, e.g. "Studio Noord <hello@studio.example>". */
  sender?: string;
}

/**
 * The e-mail as a client receives it: From, To and Subject over the body, with the
 * join-online section (children; by default `EmailBlockEditorJoinSection`) framed as the
 * part being edited. `data-status`: the section's status; `data-sample` when no upcoming
 * session has a link and the preview shows a sample session, with a note saying so.
 */
export function EmailBlockEditorPreview({ sender, className, children, ...props }: EmailBlockEditorPreviewProps) {
  const c = useEmailBlockEditorContext('EmailBlockEditorPreview');
  const { t } = c;
  if (!c.email) return null;
  return (
    <section
      aria-label={t('email.preview')}
      {...props}
      className={cx('sl-email-preview', className)}
      data-status={c.status}
      data-sample={c.isSample ? '' : undefined}
    >
      {c.isSample ? <p className="sl-hint sl-email-sample-note">{t('email.sampleNote')}</p> : null}
      <dl className="sl-email-envelope">
        <div>
          <dt>{t('email.from')}</dt>
          <dd className="sl-email-from">{sender ?? t('email.senderDefault')}</dd>
        </div>
        <div>
          <dt>{t('email.to')}</dt>
          <dd>{c.recipient}</dd>
        </div>
        <div>
          <dt>{t('email.subject')}</dt>
          <dd className="sl-email-subject">{c.email.subject}</dd>
        </div>
      </dl>
      <div className="sl-email-message">
        <p className="sl-email-body">{c.body}</p>
        {children ?? <EmailBlockEditorJoinSection />}
      </div>
    </section>
  );
}

/**
 * The join-online section, the part of the e-mail being edited: each element as a
 * toggle (`data-element`, `aria-pressed`, `data-left-out` when this session has no value
 * for it), then Remove and Undo. `data-status`: `complete` | `partial` | `removed`.
 */
export function EmailBlockEditorJoinSection({ className, children, ...props }: ComponentPropsWithRef<'fieldset'>) {
  const c = useEmailBlockEditorContext('EmailBlockEditorJoinSection');
  const { t } = c;
  const draft = c.draft;
  if (!draft || !c.email) return null;
  const hintId = `${c.editorTitleId}-hint`;
  const copy = JOIN_SECTION_COPY[draft.locale];
  const present = JOIN_ELEMENTS.filter((e) => draft.joinOnline.elements.includes(e));
  const shown = new Set(c.email.joinElements);
  // What each element says for this session; which ones are shown is renderEmail's decision.
  const values: Record<JoinElement, string | undefined> = {
    heading: copy.heading,
    'join-link': c.link ? `${copy.button}: ${c.link.guestUrl}` : undefined,
    password: c.link?.password ? `${copy.password}: ${c.link.password}` : undefined,
    description: c.link?.description,
  };
  return (
    <fieldset aria-describedby={hintId} {...props} className={cx('sl-email-section', className)} data-status={c.status} data-editing="">
      <legend>
        {t('email.section')}{' '}
        <span className="sl-email-badge" aria-hidden="true">
          {t('email.editing')}
        </span>
      </legend>
      <p id={hintId} className="sl-hint">
        {t('email.sectionHint')}
      </p>
      {present.length === 0 ? (
        <p className="sl-state" data-kind="removed">
          {t('email.sectionEmpty')}
        </p>
      ) : null}
      {present.length > 0 && !c.link ? <p className="sl-hint">{t('email.sectionNoLink')}</p> : null}
      <ul className="sl-email-elements">
        {present.map((element) => (
          <li key={element}>
            <button {...c.getElementProps(element)} className="sl-email-element">
              <span className="sl-hint">{t(`email.element.${element}`)}</span>{' '}
              <span className={`sl-email-value sl-email-${element}`}>
                {shown.has(element) ? values[element] : t('email.element.noValue')}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {children ?? (
        <div className="sl-actions">
          <EmailBlockEditorRemoveButton />
          <EmailBlockEditorUndoButton />
        </div>
      )}
    </fieldset>
  );
}

/** "Remove <element>" for the selected element; disabled with none selected. Quiet danger. */
export function EmailBlockEditorRemoveButton({ className, children, ...props }: ComponentPropsWithRef<'button'>) {
  const c = useEmailBlockEditorContext('EmailBlockEditorRemoveButton');
  const { t } = c;
  return (
    <button {...c.getRemoveButtonProps()} {...props} className={cx('sl-button', className)} data-variant="danger">
      {children ?? (c.selected ? t('email.removeElement', { element: t(`email.element.${c.selected}`) }) : t('email.removeSelected'))}
    </button>
  );
}

/** "Undo": takes back the last removal; disabled with nothing to undo. */
export function EmailBlockEditorUndoButton({ className, children, ...props }: ComponentPropsWithRef<'button'>) {
  const c = useEmailBlockEditorContext('EmailBlockEditorUndoButton');
  const { t } = c;
  return (
    <button {...c.getUndoButtonProps()} {...props} className={cx('sl-button', className)}>
      {children ?? t('email.undo')}
    </button>
  );
}

/** Its heading is two levels below the title. */
export type EmailBlockEditorChangedElsewhereProps = Omit<ComponentPropsWithRef<'section'>, 'children'>;

/** R20: their join-online section beside yours, and the choice; "Take theirs" focuses the e-mail's heading. */
export function EmailBlockEditorChangedElsewhere(props: EmailBlockEditorChangedElsewhereProps) {
  const c = useEmailBlockEditorContext('EmailBlockEditorChangedElsewhere');
  if (!c.draft) return null;
  return (
    <ChangedElsewhere
      {...props}
      draft={c.versions as VersionedDraft<unknown>}
      theirs={<JoinElements elements={c.versions.theirs?.joinOnline.elements ?? []} />}
      yours={<JoinElements elements={c.draft.joinOnline.elements} />}
      onTakeTheirs={() => {
        c.reload();
        document.getElementById(c.editorTitleId)?.focus();
      }}
      headingLevel={headingBelow(c.headingLevel, 2)}
    />
  );
}

/** A failed save (Reload on a conflict), "Save and continue" and "Unsaved changes". */
export function EmailBlockEditorSaveBar({ className, ...props }: ComponentPropsWithRef<'div'>) {
  const c = useEmailBlockEditorContext('EmailBlockEditorSaveBar');
  const { t } = c;
  return (
    <>
      <SaveError error={c.saveError} onReload={c.reload} />
      <div {...props} className={cx('sl-actions', className)}>
        <EmailBlockEditorSaveButton />
        {c.dirty ? <span className="sl-hint">{t('email.unsaved')}</span> : null}
      </div>
    </>
  );
}

/** "Save and continue" (Saving… while it saves); disabled with nothing to save. Primary; `data-state`. */
export function EmailBlockEditorSaveButton({ className, children, ...props }: ComponentPropsWithRef<'button'>) {
  const c = useEmailBlockEditorContext('EmailBlockEditorSaveButton');
  const { t } = c;
  return (
    <button
      {...c.getSaveButtonProps()}
      {...props}
      className={cx('sl-button', className)}
      data-variant="primary"
      data-state={c.saving ? 'saving' : c.dirty ? 'dirty' : 'clean'}
    >
      {children ?? (c.saving ? t('common.saving') : t('email.save'))}
    </button>
  );
}

/** The plain-text and HTML versions (the HTML in a sandboxed frame that can run nothing). */
export function EmailBlockEditorSource({ className, ...props }: ComponentPropsWithRef<'div'>) {
  const c = useEmailBlockEditorContext('EmailBlockEditorSource');
  const { t } = c;
  if (!c.email) return null;
  return (
    <div {...props} className={className}>
      <details className="sl-email-versions">
        <summary>{t('email.plainText')}</summary>
        <pre className="sl-email-text">{c.email.text}</pre>
      </details>
      <details className="sl-email-versions">
        <summary>{t('email.html')}</summary>
        {/* Sandboxed with no permissions: even markup that slipped through could run nothing. */}
        <iframe className="sl-email-html" title={t('email.html')} sandbox="" srcDoc={c.email.html} />
      </details>
    </div>
  );
}

/** "Reset this e-mail to its default template?", opened from the toolbar's "Reset to default template". */
export function EmailBlockEditorResetDialog() {
  const c = useEmailBlockEditorContext('EmailBlockEditorResetDialog');
  const { t } = c;
  return (
    <ConfirmDialog
      open={c.reset.open}
      onOpenChange={c.reset.setOpen}
      title={t('email.resetTitle')}
      description={t('email.resetBody')}
      confirmLabel={t('email.reset')}
      pending={c.reset.pending}
      onConfirm={c.reset.confirm}
      error={c.reset.error}
      onReload={c.reload}
    />
  );
}

/** A template's join-online section, in words: which elements it keeps (R20's "theirs / yours"). */
function JoinElements({ elements }: { elements: readonly JoinElement[] }) {
  const { t } = useEmailBlockEditorContext('EmailBlockEditorChangedElsewhere');
  return (
    <p className="sl-hint">
      {elements.length === 0
        ? t('versions.elementsNone')
        : t('versions.elements', {
            elements: JOIN_ELEMENTS.filter((e) => elements.includes(e))
              .map((e) => t(`email.element.${e}`))
              .join(', '),
          })}
    </p>
  );
}
