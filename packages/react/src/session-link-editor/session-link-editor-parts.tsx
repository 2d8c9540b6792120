'use client';
import type { Link } from '@session-links/core';
import { type ComponentPropsWithRef, useRef } from 'react';
import { useWidgetMessages } from '../context/use-widget-messages';
import { ChangedElsewhere, LinkValue } from '../parts/changed-elsewhere';
import { ConfirmDialog } from '../parts/confirm-dialog';
import { CustomLinkForm } from '../parts/custom-link-form';
import { explainResolution } from '../parts/explain';
import { Gate, type GateProps, GateScope } from '../parts/gate';
import { ImpactSummary } from '../parts/impact-summary';
import { NoticeStatus } from '../parts/notice-status';
import { ProviderMark } from '../parts/provider-mark';
import { SaveError, UpgradeState } from '../parts/state-panel';
import { cx } from '../primitives/cx';
import { headingBelow, headingTag } from '../primitives/heading';
import { mergeRefs } from '../primitives/merge-refs';
import { createScopedContext } from '../primitives/scoped-context';
import { useCopy } from '../primitives/use-copy';
import { usePanelFocus } from '../primitives/use-panel-focus';
import type { VersionedDraft } from '../primitives/use-versioned-draft';
import { type SessionLinkEditorController, sessionLinkEditorMessages } from './use-session-link-editor';

const [SessionLinkEditorProvider, useSessionLinkEditorContext] = createScopedContext<SessionLinkEditorController>('SessionLinkEditor');

export { useSessionLinkEditorContext };

export interface SessionLinkEditorRootProps extends ComponentPropsWithRef<'div'> {
  /** What `useSessionLinkEditor({ sessionId })` returned: the parts inside read it. */
  value: SessionLinkEditorController;
}

/**
 * The widget's root: a named group with `data-state`, and `data-source` (`session` |
 * `course` | `staff` | `default`) or `data-reason` when the session has no link. After an
 * action of its own user, focus moves to the next step's `[data-focus-target]`.
 */
export function SessionLinkEditorRoot({ value, ref, className, children, ...props }: SessionLinkEditorRootProps) {
  const root = useRef<HTMLDivElement>(null);
  // The notice is part of the step: a reset or a removal stays in "view" but takes away the button pressed.
  const ownInput = usePanelFocus(value.notice ? `${value.state}:${value.notice}` : value.state, root);
  return (
    <SessionLinkEditorProvider value={value}>
      <GateScope gate={value.gate}>
        <div
          {...value.getRootProps()}
          {...ownInput}
          {...props}
          ref={mergeRefs(root, ref)}
          className={cx('sl-root sl-widget sl-session', className)}
        >
          {children}
        </div>
      </GateScope>
    </SessionLinkEditorProvider>
  );
}

/** The title's level is the hook's `headingLevel`. */
export type SessionLinkEditorTitleProps = ComponentPropsWithRef<'h3'>;

/** "Online session link"; names the root. */
export function SessionLinkEditorTitle({ className, children, ...props }: SessionLinkEditorTitleProps) {
  const c = useSessionLinkEditorContext('SessionLinkEditorTitle');
  const Heading = headingTag(c.headingLevel);
  return (
    <Heading {...c.getTitleProps()} {...props} className={cx('sl-title', className)}>
      {children ?? c.t('session.title')}
    </Heading>
  );
}

/** "Career coaching · 25 Nov 2026, 09:00 · Chris Bakker": the session, its time in the provider's time zone. */
export function SessionLinkEditorSummary({ className, ...props }: ComponentPropsWithRef<'p'>) {
  const c = useSessionLinkEditorContext('SessionLinkEditorSummary');
  if (!c.session) return null;
  return (
    <p {...props} className={cx('sl-hint', className)}>
      {/* A no-break space before each "·": a wrapped line never starts with the separator. */}
      {[c.service?.name, c.t.date(c.session.start), c.staffMember?.name].filter(Boolean).join('\u00a0· ')}
    </p>
  );
}

const NOTICES = { saved: 'session.saved', removed: 'session.removed', reset: 'session.resetDone' } as const;

/** "The session link is saved." (or removed, or back to the usual link), announced. `data-notice`. */
export function SessionLinkEditorNotice({ className, ...props }: ComponentPropsWithRef<'p'>) {
  const c = useSessionLinkEditorContext('SessionLinkEditorNotice');
  if (!c.notice) return null;
  return (
    <p role="status" {...props} className={cx('sl-notice', className)} data-notice={c.notice}>
      {c.t(NOTICES[c.notice])}
    </p>
  );
}

/**
 * Who was told of this session's link changes (R29): "Told 5 of 6 booked clients; 1 failed
 * (address refused) — Retry", held notices with "Tell them now", "Telling …" while on their
 * way (followed until they settle). Nothing when no notice was recorded.
 */
export function SessionLinkEditorNotices(props: Omit<ComponentPropsWithRef<'div'>, 'children'>) {
  const c = useSessionLinkEditorContext('SessionLinkEditorNotices');
  if (!c.session) return null;
  return <NoticeStatus {...props} query={{ sessionId: c.session.id }} />;
}

/**
 * The shared gate (R1, R10): loading, load error with Try again, upgrade, or no
 * permission, as every widget shows them; its children (the ready UI) once the session is
 * loaded, or the upgrade panel when the session has no link for want of a plan (R1).
 */
export function SessionLinkEditorGate({ children, upgradeHref, ...props }: GateProps) {
  const c = useSessionLinkEditorContext('SessionLinkEditorGate');
  return (
    <Gate upgradeHref={upgradeHref} {...props}>
      {c.state === 'upgrade' ? <UpgradeState upgradeHref={upgradeHref} /> : children}
    </Gate>
  );
}

export interface SessionLinkEditorJoinLinkProps extends ComponentPropsWithRef<'div'> {
  link: Link;
}

/**
 * What a client sees of a link: provider, the URL as text, meeting id and password; and
 * Copy. `data-provider`, `data-type` (`ZOOM` | `CUSTOM`); its status `data-copy`.
 * Works anywhere inside the provider, with or without the widget around it.
 */
export function SessionLinkEditorJoinLink({ link, className, ...props }: SessionLinkEditorJoinLinkProps) {
  const t = useWidgetMessages('SessionLinkEditorJoinLink', sessionLinkEditorMessages);
  const { status, copy } = useCopy();
  return (
    <div {...props} className={cx('sl-join', className)} data-provider={link.provider} data-type={link.type}>
      <p className="sl-account-name">
        <ProviderMark provider={link.provider} />
        {link.type !== 'CUSTOM' ? t.provider(link.provider) : t('session.account.custom', { provider: t.provider(link.provider) })}
      </p>
      <p className="sl-link-text">{link.guestUrl}</p>
      {/* Zoom's meeting ID is what a client types in Zoom; Google's event id and Graph's meeting id mean nothing to a client (R31). */}
      {link.meetingId && link.type === 'ZOOM' ? <p className="sl-hint">{t('session.meeting', { id: link.meetingId })}</p> : null}
      {link.password ? <p className="sl-hint">{t('session.password', { password: link.password })}</p> : null}
      {link.description ? <p className="sl-description">{link.description}</p> : null}
      <div className="sl-actions">
        <button type="button" className="sl-button" onClick={() => copy(link.guestUrl)}>
          {t('session.copy')}
        </button>
      </div>
      <p className="sl-status" role="status" data-copy={status}>
        {status === 'copied' ? t('session.copied') : status === 'failed' ? t('session.copyFailed') : ''}
      </p>
    </div>
  );
}

/**
 * The session's link as it is (the `view` step): the link or "No link", why (R15), any
 * warning (R17), why it cannot be changed here, and a failed save. Children follow (the
 * actions). `data-state`: `linked` | `pending` (a Zoom meeting on its way, R22) | `none`.
 */
export function SessionLinkEditorCurrent({ className, children, ...props }: ComponentPropsWithRef<'div'>) {
  const c = useSessionLinkEditorContext('SessionLinkEditorCurrent');
  const { t } = c;
  const r = c.resolution;
  if (c.state !== 'view' || !r) return null;
  const explanation = explainResolution(t, r, {
    staffName: c.staffMember?.name,
    serviceKind: c.service?.kind,
    defaultAccount: c.defaultAccount,
  });
  // A failed confirm shows its error inside the dialog only.
  const dialogOpen = c.removal.open || c.replacement.open;
  return (
    <div {...props} className={cx('sl-panel', className)} data-state={c.meetingPending ? 'pending' : r.status}>
      {r.status === 'linked' ? (
        <SessionLinkEditorJoinLink link={r.link} />
      ) : c.meetingPending ? (
        // R22: the link is on its way; the session is followed until it is there (no "No link", no "Add a link").
        <p className="sl-state" data-kind="pending" role="status" aria-busy="true">
          {t('session.pending', { provider: t.provider(r.status === 'none' ? (r.provider ?? 'zoom') : 'zoom') })}
        </p>
      ) : (
        <p className="sl-state" data-kind="no-link">
          {t('versions.noLink')}
        </p>
      )}
      <p className="sl-explanation">{explanation.text}</p>
      {explanation.warnings.map((w) => (
        <p key={w} className="sl-alert" data-health="warning">
          {w}
        </p>
      ))}
      {c.blockedByDefault ? <p className="sl-hint">{t('session.noEdit')}</p> : null}
      {!c.canEdit && !c.blockedByDefault ? <p className="sl-hint">{t('session.forbidden')}</p> : null}
      <SaveError error={dialogOpen ? null : c.saveError} onReload={c.reload} form={false} />
      {children}
    </div>
  );
}

/**
 * The actions of the `view` step, for who may change this session's link (R10) once the
 * site has a default account (R8): by default "Add a link" / "Replace the link", Remove
 * (with its confirmation) and "Use the usual link again".
 */
export function SessionLinkEditorActions({ className, children, ...props }: ComponentPropsWithRef<'div'>) {
  const c = useSessionLinkEditorContext('SessionLinkEditorActions');
  if (!c.canEdit || c.blockedByDefault) return null;
  return (
    <div {...props} className={cx('sl-actions', className)}>
      {children ?? (
        <>
          <SessionLinkEditorChooseButton />
          <SessionLinkEditorRemoveDialog />
          <SessionLinkEditorResetButton />
        </>
      )}
    </div>
  );
}

/** "Add a link" or "Replace the link": opens the choice. Primary; where focus lands after a save. */
export function SessionLinkEditorChooseButton({ className, children, ...props }: ComponentPropsWithRef<'button'>) {
  const c = useSessionLinkEditorContext('SessionLinkEditorChooseButton');
  return (
    <button
      {...c.getChooseButtonProps()}
      {...props}
      className={cx('sl-button', className)}
      data-variant="primary"
      data-primary-action=""
      // After a save, a removal or a reset the button pressed may be gone: focus lands here (usePanelFocus).
      data-focus-target=""
    >
      {children ?? (c.resolution?.status === 'linked' || c.meetingPending ? c.t('session.replace') : c.t('session.add'))}
    </button>
  );
}

/** "Use the usual link again": drops this session's own link. Only while it has one. */
export function SessionLinkEditorResetButton({ className, children, ...props }: ComponentPropsWithRef<'button'>) {
  const c = useSessionLinkEditorContext('SessionLinkEditorResetButton');
  if (c.session?.override == null) return null;
  return (
    <button {...c.getResetButtonProps()} {...props} className={cx('sl-button', className)}>
      {children ?? c.t('session.reset')}
    </button>
  );
}

/** The clients booked on this session who hold its link (R16), or that there are none. `data-impact`. */
export function SessionLinkEditorImpact() {
  const c = useSessionLinkEditorContext('SessionLinkEditorImpact');
  const impact = c.impact.data;
  return (
    <>
      <ImpactSummary impact={impact} isPending={c.impact.isPending} isError={c.impact.isError} />
      {impact && impact.clientsToNotify.length === 0 ? (
        <p className="sl-hint" data-impact="no-clients">
          {c.t('session.noClients')}
        </p>
      ) : null}
    </>
  );
}

export interface SessionLinkEditorRemoveDialogProps {
  className?: string;
}

/**
 * "Remove the link" (quiet danger) and its confirmation naming the booked clients who lose
 * it (R16); the session then takes place on site. Always mounted: the optimistic removal
 * takes the trigger away while the dialog is open, and focus goes to "Add a link".
 */
export function SessionLinkEditorRemoveDialog({ className }: SessionLinkEditorRemoveDialogProps) {
  const c = useSessionLinkEditorContext('SessionLinkEditorRemoveDialog');
  const { t } = c;
  return (
    <ConfirmDialog
      open={c.removal.open}
      onOpenChange={c.removal.setOpen}
      trigger={
        c.resolution?.status === 'linked' ? (
          <button type="button" className={cx('sl-button', className)} data-variant="danger" disabled={c.pending}>
            {t('session.remove')}
          </button>
        ) : undefined
      }
      title={t('session.removeTitle')}
      description={t('session.removeBody')}
      confirmLabel={t('session.remove')}
      pending={c.pending}
      disabled={c.impact.isPending}
      offerTell
      onConfirm={c.removal.confirm}
      error={c.saveError}
      onReload={c.reload}
      // The Remove button is gone once the link is: focus "Add a link" instead.
      keepFocusOnClose={c.notice === 'removed'}
      onFocusAfterClose={() => focusIn(c.titleId, ['[data-primary-action]'])}
    >
      <SessionLinkEditorImpact />
    </ConfirmDialog>
  );
}

/**
 * R16: replacing a session's link names the booked clients who hold the current one, and
 * asks first. Opens itself when the hook's `addMeeting` or `saveCustom` replaces a link.
 */
export function SessionLinkEditorReplaceDialog() {
  const c = useSessionLinkEditorContext('SessionLinkEditorReplaceDialog');
  const { t } = c;
  return (
    <ConfirmDialog
      open={c.replacement.open}
      onOpenChange={c.replacement.setOpen}
      title={t('session.replaceTitle')}
      description={t('session.replaceBody')}
      confirmLabel={t('session.replace')}
      variant="primary"
      pending={c.pending}
      pendingLabel={
        c.addingMeeting ? t('session.addingMeeting', { provider: t.provider(c.meetingAvailableFrom?.provider ?? 'zoom') }) : undefined
      }
      disabled={c.impact.isPending}
      offerTell
      onConfirm={c.replacement.confirm}
      error={c.saveError}
      onReload={c.reload}
      // It has no trigger: saved, focus the next action; refused, the choice or the field; cancelled, back to the form.
      keepFocusOnClose
      onFocusAfterClose={() =>
        focusIn(c.titleId, [
          '[data-focus-priority]',
          '[data-primary-action]',
          '[aria-invalid="true"]',
          'form [type="submit"]',
          '.sl-choice-option:not(:disabled)',
          '[data-focus-target]',
        ])
      }
    >
      <SessionLinkEditorImpact />
    </ConfirmDialog>
  );
}

/** Focus the first match inside the widget whose title has `titleId`, in order of `selectors`. */
function focusIn(titleId: string, selectors: string[]) {
  const root = document.getElementById(titleId)?.closest<HTMLElement>('.sl-session');
  selectors
    .map((selector) => root?.querySelector<HTMLElement>(selector))
    .find(Boolean)
    ?.focus();
}

/** A step's heading (focus goes to it when the step opens) is one level below the title. */
export type SessionLinkEditorStepProps = ComponentPropsWithRef<'div'>;

/**
 * The `choosing` step: its heading, "Changed elsewhere" (R20), a Zoom meeting (busy while
 * it is made: `aria-busy`, `data-state="busy"`) or a custom link, and Cancel.
 */
export function SessionLinkEditorChoice({ className, ...props }: SessionLinkEditorStepProps) {
  const c = useSessionLinkEditorContext('SessionLinkEditorChoice');
  const { t } = c;
  if (c.state !== 'choosing') return null;
  // The provider whose meeting would be added (R7, R31); with none to add from, Zoom's mark stands for the option.
  const meetingProvider = c.meetingAvailableFrom?.provider ?? 'zoom';
  const SubHeading = headingTag(headingBelow(c.headingLevel));
  return (
    <div {...props} className={cx('sl-panel', className)} data-state="choosing">
      <SubHeading className="sl-subtitle" tabIndex={-1} data-focus-target="">
        {c.resolution?.status === 'linked' ? t('session.replace') : t('session.add')}
      </SubHeading>
      <SessionLinkEditorChangedElsewhere />
      <ul className="sl-choice" aria-busy={c.addingMeeting || undefined}>
        <li>
          <button {...c.getMeetingOptionProps()} className="sl-choice-option">
            <span className="sl-choice-name">
              <ProviderMark provider={meetingProvider} />
              {c.addingMeeting
                ? t('session.addingMeeting', { provider: t.provider(meetingProvider) })
                : t('session.addMeeting', { provider: t.provider(meetingProvider) })}
            </span>
            <span id={`${c.titleId}-zoom`} className="sl-choice-hint">
              {c.meetingAvailableFrom?.from === 'staff'
                ? t('session.addMeeting.staff', { staff: c.staffMember?.name ?? '', provider: t.provider(meetingProvider) })
                : c.meetingAvailableFrom?.from === 'default'
                  ? t('session.addMeeting.default', { provider: t.provider(meetingProvider) })
                  : t('session.noMeetingAccount')}
            </span>
          </button>
        </li>
        <li>
          <button {...c.getCustomOptionProps()} className="sl-choice-option">
            <span className="sl-choice-name">
              <ProviderMark provider="other" />
              {t('session.addCustom')}
            </span>
            <span className="sl-choice-hint">{t('provider.custom.hint')}</span>
          </button>
        </li>
      </ul>
      <SaveError error={c.replacement.open ? null : c.saveError} onReload={c.reload} form={false} />
      <div className="sl-actions">
        <button {...c.getCancelButtonProps()} className="sl-button">
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}

/** The `custom` step: its heading, "Changed elsewhere" (R20) and the custom-link form. */
export function SessionLinkEditorCustomForm({ className, ...props }: SessionLinkEditorStepProps) {
  const c = useSessionLinkEditorContext('SessionLinkEditorCustomForm');
  const { t } = c;
  if (c.state !== 'custom') return null;
  const SubHeading = headingTag(headingBelow(c.headingLevel));
  return (
    <div {...props} className={cx('sl-panel', className)} data-state="custom">
      <SubHeading className="sl-subtitle" tabIndex={-1} data-focus-target="">
        {t('session.addCustom')}
      </SubHeading>
      <SessionLinkEditorChangedElsewhere />
      <CustomLinkForm
        form={c.form}
        onSubmit={c.saveCustom}
        submitLabel={t('common.save')}
        // Only a save makes the form busy, never a background refetch (R20 keeps the draft's version).
        pending={c.pending}
        onCancel={c.cancel}
        footer={<SaveError error={c.replacement.open ? null : c.saveError} onReload={c.reload} />}
      />
    </div>
  );
}

/** Its heading is one level below the step's. */
export type SessionLinkEditorChangedElsewhereProps = Omit<ComponentPropsWithRef<'section'>, 'children'>;

/** R20 for one session: their link (or why there is none) beside the user's unsaved one, and the choice. */
export function SessionLinkEditorChangedElsewhere(props: SessionLinkEditorChangedElsewhereProps) {
  const c = useSessionLinkEditorContext('SessionLinkEditorChangedElsewhere');
  const { t } = c;
  const r = c.resolution;
  return (
    <ChangedElsewhere
      {...props}
      draft={c.draft as VersionedDraft<unknown>}
      theirs={
        r?.status === 'linked' ? (
          <>
            <p className="sl-account-name">
              <ProviderMark provider={r.link.provider} />
              {r.link.type !== 'CUSTOM'
                ? t.provider(r.link.provider)
                : t('session.account.custom', { provider: t.provider(r.link.provider) })}
            </p>
            <p className="sl-link-text">{r.link.guestUrl}</p>
          </>
        ) : (
          <p className="sl-hint">{r ? t.reason(r.reason, r.provider) : t('versions.noLink')}</p>
        )
      }
      yours={c.state === 'custom' ? <LinkValue link={c.form.values} /> : <p className="sl-hint">{t('versions.nothingChosen')}</p>}
      onTakeTheirs={c.reload}
      refreshing={c.reloading}
      headingLevel={headingBelow(c.headingLevel, 2)}
    />
  );
}
