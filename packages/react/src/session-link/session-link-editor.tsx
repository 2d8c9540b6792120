'use client';
import type { Link } from '@session-links/core';
import { useId, useRef } from 'react';
import { useSessionLinks } from '../provider';
import { ChangedElsewhere, LinkValue } from '../shared/changed-elsewhere';
import { ConfirmDialog } from '../shared/confirm-dialog';
import { CustomLinkForm } from '../shared/custom-link-form';
import { cx } from '../shared/cx';
import { ProviderMark } from '../shared/provider-mark';
import { ErrorState, LoadingState, SaveError, UpgradeState } from '../shared/state-panel';
import { usePanelFocus } from '../shared/use-panel-focus';
import type { VersionedDraft } from '../shared/use-versioned-draft';
import { explainResolution } from './explain';
import { useCopy } from './use-copy';
import { type SessionLinkEditorController, type UseSessionLinkEditorOptions, useSessionLinkEditor } from './use-session-link-editor';

export function dateTimeFormat(locale: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatWhen(locale: string, iso: string): string {
  return dateTimeFormat(locale).format(new Date(iso));
}

export interface JoinLinkProps {
  link: Link;
  className?: string;
}

/** What a client sees of a link: provider, the URL as text, meeting id and password; and Copy. */
export function JoinLink({ link, className }: JoinLinkProps) {
  const { t } = useSessionLinks('JoinLink');
  const { status, copy } = useCopy();
  return (
    <div className={cx('sl-join', className)} data-provider={link.provider} data-type={link.type}>
      <p className="sl-account-name">
        <ProviderMark provider={link.provider} />
        {link.type === 'ZOOM' ? t('provider.zoom.name') : t('session.account.custom', { provider: t.provider(link.provider) })}
      </p>
      <p className="sl-link-text">{link.guestUrl}</p>
      {link.meetingId ? <p className="sl-hint">{t('session.meeting', { id: link.meetingId })}</p> : null}
      {link.password ? <p className="sl-hint">{t('session.password', { password: link.password })}</p> : null}
      {link.description ? <p className="sl-description">{link.description}</p> : null}
      <div className="sl-actions">
        <button type="button" className="sl-button" onClick={() => copy(link.guestUrl)}>
          {t('session.copy')}
        </button>
      </div>
      <p className="sl-status" role="status">
        {status === 'copied' ? t('session.copied') : status === 'failed' ? t('session.copyFailed') : ''}
      </p>
    </div>
  );
}

export interface SessionLinkEditorProps extends UseSessionLinkEditorOptions {
  sessionId: string;
  headingLevel?: 2 | 3 | 4;
  className?: string;
}

const NOTICES = { saved: 'session.saved', removed: 'session.removed', reset: 'session.resetDone' } as const;

/**
 * One session's link (R7, R8, R10, R15): the link and where it comes from, in words;
 * add a Zoom meeting or a custom link (also to a session that was offline), replace,
 * remove (the session becomes on-site) or go back to the usual link. Root attributes:
 * `data-state`, `data-source` (`session` | `course` | `staff` | `default`) or
 * `data-reason` when there is no link.
 */
export function SessionLinkEditor({ sessionId, headingLevel = 3, className, ...options }: SessionLinkEditorProps) {
  const { t } = useSessionLinks('SessionLinkEditor');
  const c = useSessionLinkEditor(sessionId, options);
  const { locale } = useSessionLinks('SessionLinkEditor');
  const titleId = useId();
  const root = useRef<HTMLDivElement>(null);
  const Heading = `h${headingLevel}` as 'h3';
  const SubHeading = `h${headingLevel + 1}` as 'h4';
  const r = c.resolution;

  const ownInput = usePanelFocus(c.state, root);

  const explanation = r
    ? explainResolution(t, r, { staffName: c.staffMember?.name, serviceKind: c.service?.kind, defaultAccount: c.defaultAccount })
    : null;
  const hasOverride = c.session?.override != null;

  return (
    // biome-ignore lint/a11y/useSemanticElements: a widget root holding forms; see ProviderPicker
    <div
      ref={root}
      {...ownInput}
      role="group"
      aria-labelledby={titleId}
      className={cx('sl-root sl-widget sl-session', className)}
      data-state={c.state}
      data-source={r?.status === 'linked' ? r.source : undefined}
      data-reason={r?.status === 'none' ? r.reason : undefined}
    >
      <Heading id={titleId} className="sl-title">
        {t('session.title')}
      </Heading>
      {c.session ? (
        <p className="sl-hint">{[c.service?.name, formatWhen(locale, c.session.start), c.staffMember?.name].filter(Boolean).join(' · ')}</p>
      ) : null}
      {c.notice ? (
        <p className="sl-notice" role="status" data-notice={c.notice}>
          {t(NOTICES[c.notice])}
        </p>
      ) : null}
      {c.state === 'loading' ? <LoadingState /> : null}
      {c.state === 'error' ? <ErrorState error={c.loadError} onRetry={c.retry} /> : null}
      {c.state === 'upgrade' ? <UpgradeState /> : null}

      {c.state === 'view' && r ? (
        <div className="sl-panel">
          {r.status === 'linked' ? (
            <JoinLink link={r.link} />
          ) : (
            <p className="sl-state" data-kind="no-link">
              {t('overview.noLink')}
            </p>
          )}
          {explanation ? <p className="sl-explanation">{explanation.text}</p> : null}
          {explanation?.warnings.map((w) => (
            <p key={w} className="sl-alert" data-health="warning">
              {w}
            </p>
          ))}
          {c.blockedByDefault ? <p className="sl-hint">{t('session.noEdit')}</p> : null}
          {!c.canEdit && !c.blockedByDefault ? <p className="sl-hint">{t('session.forbidden')}</p> : null}
          <SaveError error={c.saveError} onReload={c.reload} />
          {c.canEdit && !c.blockedByDefault ? (
            <div className="sl-actions">
              <button
                type="button"
                className="sl-button"
                data-variant="primary"
                data-primary-action
                onClick={c.choose}
                disabled={c.pending}
              >
                {r.status === 'linked' ? t('session.replace') : t('session.add')}
              </button>
              {/* Always mounted: the optimistic removal takes the trigger away while the dialog is open. */}
              <RemoveLinkDialog
                c={c}
                showTrigger={r.status === 'linked'}
                onRemoved={() => root.current?.querySelector<HTMLElement>('[data-primary-action]')?.focus()}
              />
              {hasOverride ? (
                <button type="button" className="sl-button" onClick={c.reset} disabled={c.pending}>
                  {t('session.reset')}
                </button>
              ) : null}
            </div>
          ) : null}
        </div>
      ) : null}

      {c.state === 'choosing' ? (
        <div className="sl-panel">
          <SubHeading className="sl-subtitle" tabIndex={-1} data-focus-target>
            {r?.status === 'linked' ? t('session.replace') : t('session.add')}
          </SubHeading>
          <SessionChangedElsewhere c={c} mode="choose" headingLevel={headingLevel + 2} />
          <ul className="sl-choice">
            <li>
              <button
                type="button"
                className="sl-choice-option"
                data-provider="zoom"
                disabled={!c.zoomAvailableFrom || c.pending}
                aria-describedby={`${titleId}-zoom`}
                onClick={c.addZoom}
              >
                <span className="sl-choice-name">
                  <ProviderMark provider="zoom" />
                  {t('session.addZoom')}
                </span>
                <span id={`${titleId}-zoom`} className="sl-choice-hint">
                  {c.zoomAvailableFrom === 'staff'
                    ? t('session.addZoom.staff', { staff: c.staffMember?.name ?? '' })
                    : c.zoomAvailableFrom === 'default'
                      ? t('session.addZoom.default')
                      : t('session.noZoom')}
                </span>
              </button>
            </li>
            <li>
              <button type="button" className="sl-choice-option" data-provider="custom" onClick={c.chooseCustom} disabled={c.pending}>
                <span className="sl-choice-name">
                  <ProviderMark provider="other" />
                  {t('session.addCustom')}
                </span>
                <span className="sl-choice-hint">{t('provider.custom.hint')}</span>
              </button>
            </li>
          </ul>
          <SaveError error={c.saveError} onReload={c.reload} />
          <div className="sl-actions">
            <button type="button" className="sl-button" onClick={c.cancel} disabled={c.pending}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      ) : null}

      {c.state === 'custom' ? (
        <div className="sl-panel">
          <SubHeading className="sl-subtitle" tabIndex={-1} data-focus-target>
            {t('session.addCustom')}
          </SubHeading>
          <SessionChangedElsewhere c={c} mode="custom" headingLevel={headingLevel + 2} />
          <CustomLinkForm
            form={c.form}
            onSubmit={c.saveCustom}
            submitLabel={t('common.save')}
            pending={c.pending || c.reloading}
            onCancel={c.cancel}
            footer={<SaveError error={c.saveError} onReload={c.reload} />}
          />
        </div>
      ) : null}
    </div>
  );
}

function RemoveLinkDialog({ c, showTrigger, onRemoved }: { c: SessionLinkEditorController; showTrigger: boolean; onRemoved: () => void }) {
  const { t } = useSessionLinks('SessionLinkEditor');
  return (
    <ConfirmDialog
      open={c.removal.open}
      onOpenChange={c.removal.setOpen}
      trigger={
        showTrigger ? (
          <button type="button" className="sl-button" data-variant="danger" disabled={c.pending}>
            {t('session.remove')}
          </button>
        ) : undefined
      }
      title={t('session.removeTitle')}
      description={t('session.removeBody')}
      confirmLabel={t('session.remove')}
      pending={c.pending}
      onConfirm={c.removal.confirm}
      error={c.saveError}
      onReload={c.reload}
      // The Remove button is gone once the link is: focus "Add a link" instead.
      keepFocusOnClose={c.notice === 'removed'}
      onFocusAfterClose={onRemoved}
    />
  );
}

/** R20 for one session: their link (or why there is none) beside the user's unsaved one. */
function SessionChangedElsewhere({
  c,
  mode,
  headingLevel,
}: {
  c: SessionLinkEditorController;
  mode: 'choose' | 'custom';
  headingLevel: number;
}) {
  const { t } = useSessionLinks('SessionLinkEditor');
  const r = c.resolution;
  return (
    <ChangedElsewhere
      draft={c.draft as VersionedDraft<unknown>}
      theirs={
        r?.status === 'linked' ? (
          <>
            <p className="sl-account-name">
              <ProviderMark provider={r.link.provider} />
              {r.link.type === 'ZOOM' ? t('provider.zoom.name') : t('session.account.custom', { provider: t.provider(r.link.provider) })}
            </p>
            <p className="sl-link-text">{r.link.guestUrl}</p>
          </>
        ) : (
          <p className="sl-hint">{r ? t.reason(r.reason) : t('versions.noLink')}</p>
        )
      }
      yours={mode === 'custom' ? <LinkValue link={c.form.values} /> : <p className="sl-hint">{t('versions.nothingChosen')}</p>}
      onTakeTheirs={c.reload}
      refreshing={c.reloading}
      headingLevel={Math.min(headingLevel, 6) as 6}
    />
  );
}
