'use client';
import { ApiError } from '@session-links/client';
import { type ZoomConnection, type ZoomTarget, zoomCallbackMessageSchema } from '@session-links/core';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useSessionLinks } from './provider';
import { sessionLinksKeys } from './query';

export type ZoomConnectionStatus =
  | 'idle'
  | 'starting'
  | 'waiting'
  | 'completing'
  | 'connected'
  | 'cancelled'
  | 'denied'
  | 'blocked'
  | 'error';

export interface UseZoomConnectionOptions {
  target: ZoomTarget;
  onConnected?: (connection: ZoomConnection) => void;
}

const POPUP_FEATURES = 'popup,width=520,height=680';

/**
 * The Zoom connection flow (R14): opens the consent page in a popup, waits for its
 * completion message, and finishes the connection. A message is accepted only from
 * the popup, from the origin the backend named, carrying the `state` it issued; any
 * other message is ignored. Closing or cancelling the popup changes nothing.
 */
export function useZoomConnection({ target, onConnected }: UseZoomConnectionOptions) {
  const { client } = useSessionLinks('useZoomConnection');
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<ZoomConnectionStatus>('idle');
  const [error, setError] = useState<ApiError | null>(null);
  const teardown = useRef<(() => void) | null>(null);
  const onConnectedRef = useRef(onConnected);
  onConnectedRef.current = onConnected;

  useEffect(() => () => teardown.current?.(), []);

  const connect = useCallback(
    (version: number) => {
      teardown.current?.();
      setError(null);
      // Opened inside the click, before any await, or the browser blocks it.
      const popup = window.open('', 'session-links-zoom', POPUP_FEATURES);
      if (!popup) {
        setStatus('blocked');
        return;
      }
      let phase: 'starting' | 'waiting' | 'completing' | 'done' = 'starting';
      let timer: ReturnType<typeof setInterval> | undefined;
      let onMessage: ((event: MessageEvent) => void) | undefined;
      const stop = () => {
        if (timer) clearInterval(timer);
        if (onMessage) window.removeEventListener('message', onMessage);
      };
      const finish = (next: ZoomConnectionStatus, e: ApiError | null = null) => {
        if (phase === 'done') return;
        phase = 'done';
        stop();
        if (!popup.closed && next !== 'connected') popup.close();
        setError(e);
        setStatus(next);
      };
      teardown.current = () => {
        stop();
        phase = 'done';
        if (!popup.closed) popup.close();
      };
      setStatus('starting');
      // Closing the popup at any point before the answer is a cancel.
      timer = setInterval(() => {
        if (popup.closed && (phase === 'starting' || phase === 'waiting')) finish('cancelled');
      }, 300);

      client.startZoomConnection({ target }).then(
        ({ authorizeUrl, state, callbackOrigin }) => {
          if (phase !== 'starting') return;
          onMessage = (event: MessageEvent) => {
            if (phase !== 'waiting' || event.source !== popup || event.origin !== callbackOrigin) return;
            const message = zoomCallbackMessageSchema.safeParse(event.data);
            if (!message.success || message.data.state !== state) return;
            if (message.data.outcome !== 'allow') {
              finish(message.data.outcome === 'deny' ? 'denied' : 'cancelled');
              return;
            }
            phase = 'completing';
            setStatus('completing');
            client.completeZoomConnection({ state, code: message.data.code, version }).then(
              (connection) => {
                finish('connected');
                void queryClient.invalidateQueries({ queryKey: sessionLinksKeys.all(client.siteId) });
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
    [client, queryClient, target],
  );

  const reset = useCallback(() => {
    teardown.current?.();
    setStatus('idle');
    setError(null);
  }, []);

  return { status, error, connect, reset, busy: status === 'starting' || status === 'waiting' || status === 'completing' };
}
