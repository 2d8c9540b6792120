'use client';
import type { ApiError } from '@session-links/client';
import { type Account, type CustomLink, type OnlineSettings, pendingZoomAccount, type SettingsChange } from '@session-links/core';
import { useCallback, useMemo, useState } from 'react';
import { useDisconnectDefault, useImpact, useMe, useOnlineSettings, useSetDefaultCustomLink, useStaff } from '../hooks';
import { useSessionLinks } from '../provider';
import { useCustomLinkForm } from '../shared/use-custom-link-form';
import { useZoomConnection } from '../use-zoom-connection';

/** Every state the picker can be in; the root shows it as `data-state`. */
export type ProviderPickerState = 'loading' | 'error' | 'upgrade' | 'forbidden' | 'choosing' | 'zoom' | 'custom' | 'connected';

export interface UseProviderPickerOptions {
  onSaved?: (settings: OnlineSettings) => void;
  onDisconnected?: (settings: OnlineSettings) => void;
  onError?: (error: ApiError) => void;
}

const RECONNECT_PREVIEW: SettingsChange = { type: 'replace-default', account: pendingZoomAccount() };

/**
 * State and actions of the default-account picker (R2, R3, R8, R14, R16, R17), with
 * no markup: `<ProviderPicker>` renders it, and a host can render it its own way.
 */
export function useProviderPicker({ onSaved, onDisconnected, onError }: UseProviderPickerOptions = {}) {
  useSessionLinks('useProviderPicker');
  const me = useMe();
  const settings = useOnlineSettings();
  const staff = useStaff();
  const save = useSetDefaultCustomLink();
  const disconnect = useDisconnectDefault();
  const [mode, setMode] = useState<'view' | 'choose' | 'zoom' | 'custom'>('view');
  const [zoomStep, setZoomStep] = useState<'intro' | 'connect'>('intro');
  const [notice, setNotice] = useState<'saved' | 'disconnected' | null>(null);
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  const [confirmOpen, setConfirmOpen] = useState(false);
  const form = useCustomLinkForm();

  const account: Account | null = settings.data?.defaultAccount ?? null;
  const version = settings.data?.version ?? 0;
  const zoom = useZoomConnection({
    target: useMemo(() => ({ type: 'default' as const }), []),
    onConnected: () => {
      setMode('view');
      setNotice('saved');
      void settings.refetch().then((r) => r.data && onSaved?.(r.data));
    },
  });

  const loadError = (me.error ?? settings.error) as ApiError | null;
  let state: ProviderPickerState;
  if (me.isPending || settings.isPending) state = 'loading';
  else if (loadError?.code === 'FORBIDDEN' || (me.data && me.data.role !== 'owner')) state = 'forbidden';
  else if (loadError?.code === 'PLAN_REQUIRED') state = 'upgrade';
  else if (loadError || !settings.data) state = 'error';
  else if (!settings.data.plan.includesOnlineSessions) state = 'upgrade';
  else if (mode === 'zoom') state = 'zoom';
  else if (mode === 'custom') state = 'custom';
  else if (mode === 'choose' || account === null) state = 'choosing';
  else state = 'connected';

  const unhealthy = state === 'connected' && account !== null && account.health !== 'connected';
  // Sessions that would get their link back on reconnect = those an unhealthy default leaves without one.
  const affected = useImpact(unhealthy ? RECONNECT_PREVIEW : null);
  const disconnectImpact = useImpact(confirmOpen ? { type: 'disconnect-default' } : null);

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

  const edit = useCallback(() => {
    setNotice(null);
    setMode('choose');
  }, []);

  const cancel = useCallback(() => {
    zoom.reset();
    setSaveError(null);
    setMode('view');
  }, [zoom]);

  const reconnect = useCallback(() => {
    choose('zoom');
    setZoomStep('connect');
  }, [choose]);

  const saveCustomLink = useCallback(
    (link: CustomLink) => {
      setSaveError(null);
      // Optimistic: the connected card shows the new link in the same frame.
      setMode('view');
      save.mutate(
        { link, version },
        {
          onSuccess: (next) => {
            setNotice('saved');
            onSaved?.(next);
          },
          onError: (error) => {
            // Back to the form with everything the user typed.
            setMode('custom');
            setSaveError(error);
            form.applyServerErrors(error);
            onError?.(error);
          },
        },
      );
    },
    [form, onError, onSaved, save, version],
  );

  const confirmDisconnect = useCallback(() => {
    disconnect.mutate(
      { version },
      {
        onSuccess: (next) => {
          setConfirmOpen(false);
          setNotice('disconnected');
          setMode('view');
          onDisconnected?.(next);
        },
        onError: (error) => onError?.(error),
      },
    );
  }, [disconnect, onDisconnected, onError, version]);

  const reload = useCallback(() => {
    setSaveError(null);
    disconnect.reset();
    void settings.refetch();
  }, [disconnect, settings]);

  return {
    state,
    settings: settings.data,
    account,
    unhealthy,
    affectedCount: affected.data?.counts.gained,
    staff: staff.data ?? [],
    loadError,
    retry: () => {
      void me.refetch();
      void settings.refetch();
    },
    notice,
    form,
    saveError,
    saving: save.isPending,
    /** Settings are being fetched again (after Reload): a save now would use a stale version. */
    reloading: settings.isFetching,
    zoom,
    zoomStep,
    setZoomStep,
    version,
    choose,
    edit,
    cancel,
    reconnect,
    saveCustomLink,
    reload,
    disconnect: {
      open: confirmOpen,
      setOpen: (open: boolean) => {
        if (!open) disconnect.reset();
        setConfirmOpen(open);
      },
      impact: disconnectImpact,
      confirm: confirmDisconnect,
      pending: disconnect.isPending,
      error: disconnect.error,
    },
  };
}

export type ProviderPickerController = ReturnType<typeof useProviderPicker>;
