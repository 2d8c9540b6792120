'use client';
import type { ConnectedProvider } from '@session-links/core';
import { type ComponentPropsWithRef, useEffect, useRef } from 'react';
import { useWidgetMessages } from '../context/use-widget-messages';
import { cx } from '../primitives/cx';
import { accountFlowMessages } from './account-flow-messages';
import type { useProviderConnection } from './use-provider-connection';

export interface ProviderConnectProps extends Omit<ComponentPropsWithRef<'div'>, 'children'> {
  connection: ReturnType<typeof useProviderConnection>;
  /** The provider being connected (R31), named in every line. Default: Zoom. */
  provider?: ConnectedProvider;
  /** The version of what is being connected (settings or staff member), for the write. */
  version: number;
  /** Step of the flow: `intro` shows Continue, `connect` shows Connect (R14). */
  step: 'intro' | 'connect';
  onStepChange: (step: 'intro' | 'connect') => void;
  onCancel?: (() => void) | undefined;
  /**
   * Whose sessions the meetings are for, in the intro: `own` (the signed-in user's, the
   * default), `site` (the site default's), or a staff member's by name (the owner setting it up).
   */
  intro?: 'own' | 'site' | { staff: string };
  /**
   * "Tell them now" of the impact shown above Connect (R29), sent with the connection: `undefined`
   * (no preview offered it) leaves it to the site's policy.
   */
  tellClients?: boolean | undefined;
}

const NOTICE = { cancelled: 'zoom.cancelled', denied: 'zoom.denied', blocked: 'zoom.blocked', insecure: 'zoom.insecure' } as const;
/** Refusals of the connection itself that say more than their code (R27): the provider not set up, a page the server does not allow. */
const REASON_NOTICE = { PROVIDER_NOT_CONFIGURED: 'zoom.notConfigured', ORIGIN_NOT_ALLOWED: 'zoom.originNotAllowed' } as const;

/**
 * Continue → Connect → consent popup. Messages say what happened; nothing changes on cancel.
 * `data-status`: the connection (`idle`, `starting`, `waiting`, `completing`, `cancelled`…), `data-step`;
 * a refusal's alert carries `data-code` and `data-reason` (`PROVIDER_NOT_CONFIGURED`: the provider is not set up on the server).
 */
export function ProviderConnect({
  connection,
  provider = 'zoom',
  version,
  step,
  onStepChange,
  onCancel,
  intro = 'own',
  tellClients,
  className,
  ...props
}: ProviderConnectProps) {
  const t = useWidgetMessages('ProviderConnect', accountFlowMessages);
  const name = t.provider(provider);
  const connectRef = useRef<HTMLButtonElement>(null);
  const { status } = connection;

  // Back from the popup without a connection: focus returns to Connect.
  useEffect(() => {
    if (status === 'cancelled' || status === 'denied' || status === 'blocked' || status === 'insecure' || status === 'error') {
      connectRef.current?.focus();
    }
  }, [status]);

  const notice =
    status === 'cancelled' || status === 'denied' || status === 'blocked' || status === 'insecure'
      ? t(NOTICE[status], { provider: name })
      : null;
  return (
    <div {...props} className={cx('sl-connect', className)} data-status={status} data-step={step} data-provider={provider}>
      <p>
        {intro === 'own'
          ? t('zoom.intro', { provider: name })
          : intro === 'site'
            ? t('zoom.intro.site', { provider: name })
            : t('zoom.intro.staff', { name: intro.staff, provider: name })}
      </p>
      {notice ? (
        <p className="sl-alert" role="alert" data-code={status}>
          {notice}
        </p>
      ) : null}
      {status === 'error' && connection.error ? (
        <p className="sl-alert" role="alert" data-code={connection.error.code} data-reason={connection.error.reason}>
          {connection.error.reason !== undefined && connection.error.reason in REASON_NOTICE
            ? t(REASON_NOTICE[connection.error.reason as keyof typeof REASON_NOTICE], { provider: name })
            : t.error(connection.error.code)}
        </p>
      ) : null}
      {status === 'waiting' || status === 'starting' || status === 'completing' ? (
        <p className="sl-status" role="status">
          {t(status === 'completing' ? 'zoom.completing' : 'zoom.waiting', { provider: name })}
        </p>
      ) : null}
      <div className="sl-actions">
        {step === 'intro' ? (
          <button type="button" className="sl-button" data-variant="primary" onClick={() => onStepChange('connect')}>
            {t('common.continue')}
          </button>
        ) : (
          <button
            ref={connectRef}
            type="button"
            className="sl-button"
            data-variant="primary"
            disabled={connection.busy}
            onClick={() => connection.connect(version, { tellClients })}
          >
            {t('zoom.connect')}
          </button>
        )}
        {onCancel ? (
          <button type="button" className="sl-button" onClick={onCancel} disabled={status === 'completing'}>
            {t('common.cancel')}
          </button>
        ) : null}
      </div>
    </div>
  );
}
