'use client';
import { JOIN_ELEMENTS, JOIN_SECTION_COPY, type JoinElement } from '@session-links/core';
import { useId, useRef } from 'react';
import { useOnlineSettings } from '../hooks';
import { useSessionLinks } from '../provider';
import { formatWhen } from '../session-link/session-link-editor';
import { ChangedElsewhere } from '../shared/changed-elsewhere';
import { ConfirmDialog } from '../shared/confirm-dialog';
import { cx } from '../shared/cx';
import { MenuButton } from '../shared/menu-button';
import { ErrorState, ForbiddenState, LoadingState, SaveError, UpgradeState } from '../shared/state-panel';
import { usePanelFocus } from '../shared/use-panel-focus';
import type { VersionedDraft } from '../shared/use-versioned-draft';
import { type EmailBlockEditorController, type UseEmailBlockEditorOptions, useEmailBlockEditor } from './use-email-block-editor';

export interface EmailBlockEditorProps extends UseEmailBlockEditorOptions {
  headingLevel?: 2 | 3 | 4;
  /** Where "See plans" leads in the upgrade state (R1). */
  upgradeHref?: string;
  className?: string;
}

/**
 * The join-online section of automated e-mails (R12). Root attributes: `data-state`,
 * `data-status` (`complete` | `partial` | `removed`) of the chosen e-mail, and
 * `data-dirty` while there are unsaved edits.
 */
export function EmailBlockEditor({ headingLevel = 3, upgradeHref, className, ...options }: EmailBlockEditorProps) {
  const { t } = useSessionLinks('EmailBlockEditor');
  const c = useEmailBlockEditor(options);
  const settings = useOnlineSettings();
  // R1: without a plan that includes online sessions no e-mail carries a link, so there
  // is no join-online section to edit.
  const upgrade =
    settings.data?.plan.includesOnlineSessions === false || (c.loadError as { code?: string } | null)?.code === 'PLAN_REQUIRED';
  const state = upgrade ? 'upgrade' : c.state;
  const id = useId();
  const Heading = `h${headingLevel}` as 'h3';
  const SubHeading = `h${headingLevel + 1}` as 'h4';
  const root = useRef<HTMLDivElement>(null);
  // After a save or a reset the button pressed is disabled or gone: focus goes to the e-mail's heading.
  const ownInput = usePanelFocus(`${state}:${c.notice ?? ''}`, root);

  return (
    // biome-ignore lint/a11y/useSemanticElements: a widget root holding forms; see ProviderPicker
    <div
      ref={root}
      {...ownInput}
      role="group"
      aria-labelledby={`${id}-title`}
      className={cx('sl-root sl-widget sl-email', className)}
      data-state={state}
      data-status={state === 'ready' ? c.status : undefined}
      data-dirty={c.dirty ? '' : undefined}
    >
      <Heading id={`${id}-title`} className="sl-title">
        {t('email.title')}
      </Heading>
      {state === 'upgrade' ? <UpgradeState upgradeHref={upgradeHref} /> : null}
      {state === 'loading' ? <LoadingState /> : null}
      {state === 'error' ? <ErrorState error={c.loadError} onRetry={c.retry} /> : null}
      {state === 'forbidden' ? <ForbiddenState body={t('email.forbidden')} /> : null}
      {state === 'ready' ? (
        <div className="sl-email-layout">
          <nav aria-labelledby={`${id}-automations`} className="sl-email-nav">
            <SubHeading id={`${id}-automations`} className="sl-subtitle">
              {t('email.automations')}
            </SubHeading>
            <ul>
              {c.automations.map((a) => (
                <li key={a.id}>
                  <button
                    type="button"
                    className="sl-email-automation"
                    aria-current={a.id === c.automationId ? 'true' : undefined}
                    data-status={a.joinSection}
                    onClick={() => c.selectAutomation(a.id)}
                  >
                    <span>{t(`email.automation.${a.id}`)}</span>
                    <span className="sl-hint">{t(`email.status.${a.joinSection}`)}</span>
                  </button>
                </li>
              ))}
            </ul>
            <div className="sl-actions">
              <BulkDialog c={c} mode="remove" />
              <BulkDialog c={c} mode="restore" />
            </div>
            {c.bulk.done !== undefined ? (
              <p className="sl-notice" role="status">
                {t.plural('email.bulkDone', c.bulk.done)}
              </p>
            ) : null}
          </nav>
          <EmailEditorPanel c={c} headingLevel={(headingLevel + 1) as 3} />
        </div>
      ) : null}
    </div>
  );
}

function EmailEditorPanel({ c, headingLevel }: { c: EmailBlockEditorController; headingLevel: 3 | 4 | 5 }) {
  const { t, locale } = useSessionLinks('EmailBlockEditor');
  const id = useId();
  const Heading = `h${headingLevel}` as 'h4';
  const title = useRef<HTMLHeadingElement>(null);
  const draft = c.draft;
  if (!draft || !c.email) return null;
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
    <section aria-labelledby={`${id}-title`} className="sl-email-editor">
      <div className="sl-email-toolbar">
        <Heading id={`${id}-title`} ref={title} tabIndex={-1} className="sl-subtitle" data-focus-target>
          {t(`email.automation.${draft.automationId}`)}
        </Heading>
        <MenuButton label={t('email.moreActions')} items={[{ label: t('email.reset'), onSelect: () => c.reset.setOpen(true) }]} />
      </div>
      {c.notice ? (
        <p className="sl-notice" role="status">
          {t(c.notice === 'saved' ? 'email.saved' : 'email.resetDone')}
        </p>
      ) : null}
      <div className="sl-field">
        <label htmlFor={`${id}-session`}>{t('email.previewFor')}</label>
        <select id={`${id}-session`} value={c.sample?.session.id ?? ''} onChange={(e) => c.selectSession(e.target.value)}>
          {c.sessions.length === 0 ? <option value="">{t('email.noSession')}</option> : null}
          {c.sessions.map((s) => (
            <option key={s.session.id} value={s.session.id}>
              {c.services.find((x) => x.id === s.session.serviceId)?.name} · {formatWhen(locale, s.session.start)}
            </option>
          ))}
        </select>
      </div>

      <section className="sl-email-preview" aria-label={t('email.preview')}>
        <p className="sl-hint">
          {t('email.subject')}: <span className="sl-email-subject">{c.email.subject}</span>
        </p>
        <p className="sl-email-body">{c.body}</p>

        <fieldset className="sl-email-section" aria-describedby={`${id}-hint`}>
          <legend>{t('email.section')}</legend>
          <p id={`${id}-hint`} className="sl-hint">
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
                <button
                  type="button"
                  className="sl-email-element"
                  data-element={element}
                  aria-pressed={c.selected === element}
                  data-left-out={shown.has(element) ? undefined : ''}
                  onClick={() => c.select(c.selected === element ? null : element)}
                >
                  <span className="sl-hint">{t(`email.element.${element}`)}</span>{' '}
                  <span className={`sl-email-value sl-email-${element}`}>
                    {shown.has(element) ? values[element] : t('email.element.noValue')}
                  </span>
                </button>
              </li>
            ))}
          </ul>
          <div className="sl-actions">
            <button type="button" className="sl-button" data-variant="danger" disabled={!c.selected} onClick={c.removeSelected}>
              {c.selected ? t('email.removeElement', { element: t(`email.element.${c.selected}`) }) : t('email.removeSelected')}
            </button>
            <button type="button" className="sl-button" disabled={!c.dirty} onClick={c.undo}>
              {t('email.undo')}
            </button>
          </div>
        </fieldset>
      </section>

      <ChangedElsewhere
        draft={c.versions as VersionedDraft<unknown>}
        theirs={<JoinElements elements={c.versions.theirs?.joinOnline.elements ?? []} />}
        yours={<JoinElements elements={draft.joinOnline.elements} />}
        onTakeTheirs={() => {
          c.reload();
          title.current?.focus();
        }}
        headingLevel={Math.min(headingLevel + 1, 6) as 6}
      />
      <SaveError error={c.saveError} onReload={c.reload} />
      <div className="sl-actions">
        <button type="button" className="sl-button" data-variant="primary" disabled={!c.dirty || c.saving} onClick={c.save}>
          {c.saving ? t('common.saving') : t('email.save')}
        </button>
        {c.dirty ? <span className="sl-hint">{t('email.unsaved')}</span> : null}
      </div>

      <details className="sl-email-versions">
        <summary>{t('email.plainText')}</summary>
        <pre className="sl-email-text">{c.email.text}</pre>
      </details>
      <details className="sl-email-versions">
        <summary>{t('email.html')}</summary>
        {/* Sandboxed with no permissions: even markup that slipped through could run nothing. */}
        <iframe className="sl-email-html" title={t('email.html')} sandbox="" srcDoc={c.email.html} />
      </details>

      <ResetDialog c={c} />
    </section>
  );
}

function ResetDialog({ c }: { c: EmailBlockEditorController }) {
  const { t } = useSessionLinks('EmailBlockEditor');
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

function BulkDialog({ c, mode }: { c: EmailBlockEditorController; mode: 'remove' | 'restore' }) {
  const { t } = useSessionLinks('EmailBlockEditor');
  const open = c.bulk.mode === mode;
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={(o) => c.bulk.setMode(o ? mode : null)}
      trigger={
        <button type="button" className="sl-button" data-size="small">
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

/** A template's join-online section, in words: which elements it keeps (R20's "theirs / yours"). */
function JoinElements({ elements }: { elements: readonly JoinElement[] }) {
  const { t } = useSessionLinks('EmailBlockEditor');
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
