'use client';
import { ApiError } from '@session-links/client';
import { type ConnectedProvider, type Connection, type ConnectionTarget, connectionCallbackMessageSchema } from '@session-links/core';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useSessionLinks } from '../context/provider';
import { sessionLinksKeys } from '../query';

export type ProviderConnectionStatus =
  | 'idle'
  | 'starting'
  | 'waiting'
  | 'completing'
  | 'connected'
  | 'cancelled'
  | 'denied'
  | 'blocked'
  /** The backend named a consent page or callback origin that is not https (R14): nothing was opened. */
  | 'insecure'
  | 'error';

export interface UseProviderConnectionOptions {
  /** Which provider to connect (R31). Default: Zoom. */
  provider?: ConnectedProvider;
  target: ConnectionTarget;
  onConnected?: (connection: Connection) => void;
}

const POPUP_FEATURES = 'popup,width=520,height=680';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Whether an origin may take part in the Zoom flow: `https:` only, except plain
 * `http:` on a loopback host while the page itself is served from one (development).
 * Anything else could read or forge the completion message.
 */
export function isTrustedOrigin(origin: string, pageHostname = typeof window === 'undefined' ? '' : window.location.hostname) {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin === 'null' || url.username || url.password) return false;
  if (url.protocol === 'https:') return true;
  const pageHost = pageHostname.startsWith('[') || !pageHostname.includes(':') ? pageHostname : `[${pageHostname}]`;
  return url.protocol === 'http:' && LOOPBACK.has(url.hostname) && LOOPBACK.has(pageHost);
}

/**
 * A provider's connection flow (R14, R31): opens the consent page in a popup, waits for its
 * completion message, and finishes the connection. A message is accepted only from
 * the popup, from the origin the backend named, carrying the `state` it issued; any
 * other message is ignored. Closing or cancelling the popup changes nothing.
 */
export function useProviderConnection({ provider = 'zoom', target, onConnected }: UseProviderConnectionOptions) {
  const { client } = useSessionLinks('useProviderConnection');
  const queryClient = useQueryClient();
  const popupName = `session-links-zoom-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const flows = useRef(0);
  const [status, setStatus] = useState<ProviderConnectionStatus>('idle');
  const [error, setError] = useState<ApiError | null>(null);
  const teardown = useRef<(() => void) | null>(null);
  const onConnectedRef = useRef(onConnected);
  onConnectedRef.current = onConnected;

  useEffect(() => () => teardown.current?.(), []);

  const connect = useCallback(
    /** `tellClients`: "Tell them now" of the step's impact preview (R29), sent with the completion. */
    (version: number, options: { tellClients?: boolean | undefined } = {}) => {
      const tell = options.tellClients === undefined ? {} : { tellClients: options.tellClients };
      teardown.current?.();
      setError(null);
      // Opened inside the click, before any await, or the browser blocks it.
      // A name of its own per flow: a shared name would let another widget's flow (or an
      // earlier one) take over this window.
      flows.current += 1;
      const popup = window.open('', `${popupName}-${flows.current}`, POPUP_FEATURES);
      if (!popup) {
        setStatus('blocked');
        return;
      }
      let phase: 'starting' | 'waiting' | 'completing' | 'done' = 'starting';
      let detached = false;
      let timer: ReturnType<typeof setInterval> | undefined;
      let onMessage: ((event: MessageEvent) => void) | undefined;
      const stop = () => {
        if (timer) clearInterval(timer);
        if (onMessage) window.removeEventListener('message', onMessage);
      };
      const finish = (next: ProviderConnectionStatus, e: ApiError | null = null) => {
        if (phase === 'done') return;
        phase = 'done';
        stop();
        if (!popup.closed && next !== 'connected') popup.close();
        setError(e);
        setStatus(next);
      };
      teardown.current = () => {
        stop();
        // A completion already sent to the server still lands (and refreshes the cache);
        // only its UI is dropped.
        if (phase === 'completing') detached = true;
        else phase = 'done';
        if (!popup.closed) popup.close();
      };
      setStatus('starting');
      // Closing the popup at any point before the answer is a cancel. The consent and
      // callback pages post their answer and then close themselves, and that message can
      // still be queued when the window is already seen closed (a busy machine): only a
      // window seen closed on three checks in a row, with no answer meanwhile, is a cancel.
      let closedChecks = 0;
      timer = setInterval(() => {
        if (!popup.closed || (phase !== 'starting' && phase !== 'waiting')) {
          closedChecks = 0;
          return;
        }
        closedChecks += 1;
        if (closedChecks >= 3) finish('cancelled');
      }, 300);

      client.startConnection({ provider, target }).then(
        ({ authorizeUrl, state, callbackOrigin }) => {
          if (phase !== 'starting') return;
          const origin = (() => {
            try {
              return new URL(callbackOrigin).origin;
            } catch {
              return null;
            }
          })();
          if (origin !== callbackOrigin || !isTrustedOrigin(callbackOrigin) || !isTrustedOrigin(new URL(authorizeUrl).origin)) {
            finish('insecure');
            return;
          }
          onMessage = (event: MessageEvent) => {
            if (phase !== 'waiting' || event.source !== popup || event.origin !== callbackOrigin) return;
            const message = connectionCallbackMessageSchema.safeParse(event.data);
            if (!message.success || message.data.state !== state) return;
            if (message.data.outcome !== 'allow') {
              finish(message.data.outcome === 'deny' ? 'denied' : 'cancelled');
              return;
            }
            phase = 'completing';
            setStatus('completing');
            client.completeConnection({ state, code: message.data.code, version, ...tell }).then(
              (connection) => {
                // The account is connected on the server whatever happens to this
                // component: the cache is refreshed even if it unmounted meanwhile.
                void queryClient.invalidateQueries({ queryKey: sessionLinksKeys.all(client.siteId) });
                if (detached) return;
                finish('connected');
                onConnectedRef.current?.(connection);
              },
              (e: unknown) => finish('error', e instanceof ApiError ? e : new ApiError({ code: 'SERVER', status: 0, message: String(e) })),
            );
          };
          window.addEventListener('message', onMessage);
          phase = 'waiting';
          setStatus('waiting');
          popup.location.href = authorizeUrl;
        },
        (e: unknown) => finish('error', e instanceof ApiError ? e : new ApiError({ code: 'SERVER', status: 0, message: String(e) })),
      );
    },
    [client, queryClient, provider, target, popupName],
  );

  const reset = useCallback(() => {
    teardown.current?.();
    setStatus('idle');
    setError(null);
  }, []);

  return { status, error, connect, reset, busy: status === 'starting' || status === 'waiting' || status === 'completing' };
}
