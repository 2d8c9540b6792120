'use client';
import { type ComponentPropsWithRef, useRef } from 'react';
import { ChangedElsewhere } from '../parts/changed-elsewhere';
import { ConfirmDialog } from '../parts/confirm-dialog';
import { Gate, type GateProps, GateScope } from '../parts/gate';
import { ImpactSummary } from '../parts/impact-summary';
import { SaveError } from '../parts/state-panel';
import { cx } from '../primitives/cx';
import { headingBelow, headingTag } from '../primitives/heading';
import { mergeRefs } from '../primitives/merge-refs';
import { createScopedContext } from '../primitives/scoped-context';
import { usePanelFocus } from '../primitives/use-panel-focus';
import type { VersionedDraft } from '../primitives/use-versioned-draft';
import type { ServiceVideoSwitchController } from './use-service-video-switch';

const [ServiceVideoSwitchProvider, useServiceVideoSwitchContext] = createScopedContext<ServiceVideoSwitchController>('ServiceVideoSwitch');

export { useServiceVideoSwitchContext };

export interface ServiceVideoSwitchRootProps extends ComponentPropsWithRef<'div'> {
  /** What `useServiceVideoSwitch({ serviceId })` returned: the parts inside read it. */
  value: ServiceVideoSwitchController;
}

/** The widget's root: a named group with `data-state`, `data-phase` and `data-no-default`; every part goes inside. */
export function ServiceVideoSwitchRoot({ value, ref, className, children, ...props }: ServiceVideoSwitchRootProps) {
  const root = useRef<HTMLDivElement>(null);
  const ownInput = usePanelFocus(`${value.state}${value.result ? `:saved:${value.result.video.version}` : ''}`, root);
  return (
    <ServiceVideoSwitchProvider value={value}>
      <GateScope gate={value.gate}>
        <div
          {...value.getRootProps()}
          {...ownInput}
          {...props}
          ref={mergeRefs(root, ref)}
          className={cx('sl-root sl-widget sl-video-switch', className)}
        >
          {children}
        </div>
      </GateScope>
    </ServiceVideoSwitchProvider>
  );
}

/** The title's level is the hook's `headingLevel`. */
export type ServiceVideoSwitchTitleProps = ComponentPropsWithRef<'h3'>;

/** "Video conferencing", as the service form's section is called; names the root. */
export function ServiceVideoSwitchTitle({ className, children, ...props }: ServiceVideoSwitchTitleProps) {
  const c = useServiceVideoSwitchContext('ServiceVideoSwitchTitle');
  const Heading = headingTag(c.headingLevel);
  return (
    <Heading {...c.getTitleProps()} {...props} className={cx('sl-title', className)}>
      {children ?? c.t('videoSwitch.title')}
    </Heading>
  );
}

/**
 * The shared gate (R1, R10): loading, load error with Try again, upgrade, or no permission
 * (saying only the owner switches a service); its children once ready.
 */
export function ServiceVideoSwitchGate(props: GateProps) {
  const c = useServiceVideoSwitchContext('ServiceVideoSwitchGate');
  return <Gate forbiddenBody={c.t('videoSwitch.forbidden')} {...props} />;
}

/**
 * The switch with its label ("Online sessions") and what its value means for the
 * service's sessions. The button has `role="switch"`, `aria-checked` and `data-state`
 * (`checked` | `unchecked`); it shows the value asked for while that is on its way.
 */
export function ServiceVideoSwitchControl({ className, ...props }: ComponentPropsWithRef<'div'>) {
  const c = useServiceVideoSwitchContext('ServiceVideoSwitchControl');
  const { t } = c;
  if (c.state !== 'on' && c.state !== 'off') return null;
  return (
    <div {...props} className={cx('sl-switch-field', className)}>
      <div className="sl-switch-row">
        <label htmlFor={c.switchId} className="sl-switch-label">
          {t('videoSwitch.label')}
          {c.service ? <span className="sl-hint"> · {c.service.name}</span> : null}
        </label>
        <button {...c.getSwitchProps()} className="sl-switch" data-focus-target="">
          <span className="sl-switch-thumb" aria-hidden="true" />
        </button>
        <span className="sl-switch-value" aria-hidden="true">
          {t(c.checked ? 'videoSwitch.on' : 'videoSwitch.off')}
        </span>
      </div>
      <p id={`${c.switchId}-describe`} className="sl-hint">
        {t(c.checked ? 'videoSwitch.describe.on' : 'videoSwitch.describe.off')}
      </p>
    </div>
  );
}

/** R8: the site has no default account, so the service's online sessions get no link. `data-state="no-default"`. */
export function ServiceVideoSwitchNoDefault({ className, ...props }: ComponentPropsWithRef<'p'>) {
  const c = useServiceVideoSwitchContext('ServiceVideoSwitchNoDefault');
  if ((c.state !== 'on' && c.state !== 'off') || !c.noDefault) return null;
  return (
    <p {...props} className={cx('sl-notice', className)} data-tone="warning" data-state="no-default">
      {c.t('videoSwitch.noDefault')}
    </p>
  );
}

/**
 * What is happening or has happened: checking the affected sessions, saving, saved (with
 * the sessions that gained or lost a link and whom to tell), or why a save failed.
 */
export function ServiceVideoSwitchStatus({ className, ...props }: ComponentPropsWithRef<'div'>) {
  const c = useServiceVideoSwitchContext('ServiceVideoSwitchStatus');
  const { t } = c;
  if (c.state !== 'on' && c.state !== 'off') return null;
  return (
    <div {...props} className={className} data-phase={c.phase}>
      <p className="sl-status" role="status">
        {c.phase === 'checking' ? t('impact.loading') : c.phase === 'saving' ? t('common.saving') : ''}
      </p>
      {c.result ? (
        <div className="sl-card" data-result="" data-state="saved">
          <p className="sl-notice" role="status">
            {t(c.result.video.online ? 'videoSwitch.saved.on' : 'videoSwitch.saved.off')}
          </p>
          <ImpactSummary impact={c.result.impact} isPending={false} isError={false} />
          <div className="sl-actions">
            <button type="button" className="sl-button" onClick={c.dismissResult}>
              {t('common.close')}
            </button>
          </div>
        </div>
      ) : null}
      {c.dialogOpen ? null : <SaveError error={c.saveError} form={false} />}
    </div>
  );
}

/** Its heading is one level below the title (the hook's `headingLevel`). */
export type ServiceVideoSwitchChangedElsewhereProps = Omit<ComponentPropsWithRef<'section'>, 'children'>;

/** R20: the service was switched elsewhere meanwhile: their value beside the user's, and the choice. */
export function ServiceVideoSwitchChangedElsewhere(props: ServiceVideoSwitchChangedElsewhereProps) {
  const c = useServiceVideoSwitchContext('ServiceVideoSwitchChangedElsewhere');
  const { t } = c;
  if (c.state !== 'on' && c.state !== 'off') return null;
  const value = (online: boolean | undefined) => (
    <p>
      {t('videoSwitch.label')}: {t(online ? 'videoSwitch.on' : 'videoSwitch.off')}
    </p>
  );
  return (
    <ChangedElsewhere
      {...props}
      draft={c.draft as VersionedDraft<unknown>}
      theirs={value(c.video?.online)}
      yours={value(c.wanted ?? !c.video?.online)}
      onTakeTheirs={c.reload}
      refreshing={c.refreshing}
      headingLevel={headingBelow(c.headingLevel)}
    />
  );
}

/**
 * The confirmation before the switch changes sessions (R16): which upcoming sessions gain
 * or lose a link and the booked clients to tell. Open only when some are affected.
 */
export function ServiceVideoSwitchConfirm() {
  const c = useServiceVideoSwitchContext('ServiceVideoSwitchConfirm');
  const { t } = c;
  const on = c.wanted === true;
  return (
    <ConfirmDialog
      open={c.dialogOpen}
      onOpenChange={c.setConfirmOpen}
      title={t(on ? 'videoSwitch.confirmOnTitle' : 'videoSwitch.confirmOffTitle')}
      description={t(on ? 'videoSwitch.confirmOnBody' : 'videoSwitch.confirmOffBody')}
      confirmLabel={t(on ? 'videoSwitch.confirmOn' : 'videoSwitch.confirmOff')}
      variant={on ? 'primary' : 'danger'}
      pending={c.phase === 'saving'}
      offerTell
      onConfirm={c.confirm}
      error={c.saveError}
    >
      <ImpactSummary impact={c.impact ?? undefined} isPending={false} isError={c.impactFailed} />
    </ConfirmDialog>
  );
}
