'use client';
import type { ApiError } from '@session-links/client';
import type { Account, ZoomTarget } from '@session-links/core';
import { useCallback, useState } from 'react';
import { useZoomConnection } from '../use-zoom-connection';
import { useCustomLinkForm } from './use-custom-link-form';

export type AccountFlowMode = 'view' | 'choose' | 'zoom' | 'custom';

export interface SaveCallbacks<T> {
  onSuccess: (value: T) => void;
  onError: (error: ApiError) => void;
}

/**
 * The steps of connecting an account, shared by the default-account picker and the
 * staff-account widgets: choose Zoom or a custom link, the Zoom popup flow, the
 * custom-link form, and an optimistic save that returns to the form, input kept, when
 * it fails. `N` are the caller's own notices besides `saved`.
 */
export function useAccountFlow<N extends string>({
  account,
  target,
  onZoomConnected,
}: {
  account: Account | null;
  target: ZoomTarget;
  onZoomConnected: () => void;
}) {
  const [mode, setMode] = useState<AccountFlowMode>('view');
  const [zoomStep, setZoomStep] = useState<'intro' | 'connect'>('intro');
  const [notice, setNotice] = useState<N | 'saved' | null>(null);
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  const form = useCustomLinkForm();
  const zoom = useZoomConnection({
    target,
    onConnected: () => {
      setMode('view');
      setNotice('saved');
      onZoomConnected();
    },
  });

  const choose = useCallback(
    (kind: 'zoom' | 'custom') => {
      setNotice(null);
      setSaveError(null);
      zoom.reset();
      setZoomStep('intro');
      if (kind === 'custom') form.reset(account?.kind === 'custom' ? account.link : null);
      setMode(kind);
    },
    [account, form, zoom],
  );

  /** Shows the account at once (the cache is updated optimistically) and waits for the answer. */
  const save = useCallback(
    <T>(run: (callbacks: SaveCallbacks<T>) => void, onSaved?: (value: T) => void, onError?: (error: ApiError) => void) => {
      setSaveError(null);
      setMode('view');
      run({
        onSuccess: (value) => {
          setNotice('saved');
          onSaved?.(value);
        },
        onError: (error) => {
          setMode('custom');
          setSaveError(error);
          form.applyServerErrors(error);
          onError?.(error);
        },
      });
    },
    [form],
  );

  return {
    mode,
    setMode,
    zoomStep,
    setZoomStep,
    notice,
    setNotice,
    saveError,
    setSaveError,
    form,
    zoom,
    choose,
    save,
    choosing: () => {
      setNotice(null);
      setMode('choose');
    },
    cancel: () => {
      zoom.reset();
      setSaveError(null);
      setMode('view');
    },
    reconnect: () => {
      choose('zoom');
      setZoomStep('connect');
    },
  };
}
