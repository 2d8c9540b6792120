'use client';
import type { ApiError } from '@session-links/client';
import { type Account, CONNECTED_PROVIDERS, type ConnectedProvider, type ConnectionTarget } from '@session-links/core';
import { useCallback, useMemo, useState } from 'react';
import { useProviders } from '../hooks';
import { useVersionedDraft } from '../primitives/use-versioned-draft';
import { useCustomLinkForm } from './use-custom-link-form';
import { useProviderConnection } from './use-provider-connection';

/** `connect`: connecting a provider's account (Zoom, Google Meet, Microsoft Teams) through its consent window. */
export type AccountFlowMode = 'view' | 'choose' | 'connect' | 'custom';

/** What the flow offers (R27, R31): the providers the site's server can connect, and those it cannot. */
export interface OfferedProviders {
  /** Configured, in core's order: offered beside Custom link. */
  offered: ConnectedProvider[];
  /** Not set up on the server: not offered, and the owner is told (one line). */
  notConfigured: ConnectedProvider[];
}

/**
 * The providers to offer, from `listProviders`. Until it answers none is offered (an unconfigured
 * one must not flash up); if it fails, all are, and connecting one the server lacks says so (R27).
 */
export function useOfferedProviders(): OfferedProviders {
  const providers = useProviders();
  const data = providers.data;
  const failed = providers.isError;
  return useMemo(() => {
    if (!data) return { offered: failed ? [...CONNECTED_PROVIDERS] : [], notConfigured: [] };
    return {
      offered: CONNECTED_PROVIDERS.filter((p) => data.some((a) => a.provider === p && a.configured)),
      notConfigured: CONNECTED_PROVIDERS.filter((p) => data.some((a) => a.provider === p && !a.configured)),
    };
  }, [data, failed]);
}

export interface SaveCallbacks<T> {
  onSuccess: (value: T) => void;
  onError: (error: ApiError) => void;
}

/**
 * The steps of connecting an account, shared by the default-account picker and the
 * staff-account widgets: choose a provider or a custom link, the provider's consent popup, the
 * custom-link form, and an optimistic save that returns to the form, input kept, when
 * it fails. `N` are the caller's own notices besides `saved`.
 */
export function useAccountFlow<N extends string, T>({
  account,
  target,
  onConnected,
  current,
  versionOf,
  refetch,
}: {
  account: Account | null;
  target: ConnectionTarget;
  onConnected: () => void;
  /** The resource the account belongs to (settings, staff member): its version is what a save sends (R20). */
  current: T | undefined;
  versionOf: (value: T) => number;
  refetch: () => unknown;
}) {
  const [mode, setMode] = useState<AccountFlowMode>('view');
  const [provider, setProvider] = useState<ConnectedProvider>('zoom');
  const providers = useOfferedProviders();
  const [connectStep, setConnectStep] = useState<'intro' | 'connect'>('intro');
  const [notice, setNotice] = useState<N | 'saved' | null>(null);
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const form = useCustomLinkForm();
  const draft = useVersionedDraft<T>({ current, versionOf, refetch, saving });
  const connection = useProviderConnection({
    provider,
    target,
    onConnected: () => {
      draft.close();
      setMode('view');
      setNotice('saved');
      onConnected();
    },
  });

  const choose = useCallback(
    (kind: ConnectedProvider | 'custom') => {
      setNotice(null);
      setSaveError(null);
      connection.reset();
      setConnectStep('intro');
      // The draft starts from what the user sees now, unless it was already opened (Edit).
      draft.open();
      if (kind === 'custom') form.reset(account?.kind === 'custom' ? account.link : null);
      else setProvider(kind);
      setMode(kind === 'custom' ? 'custom' : 'connect');
    },
    [account, form, connection, draft],
  );

  /** Shows the account at once (the cache is updated optimistically) and waits for the answer. */
  const save = useCallback(
    <T>(run: (callbacks: SaveCallbacks<T>) => void, onSaved?: (value: T) => void, onError?: (error: ApiError) => void) => {
      setSaveError(null);
      setMode('view');
      setSaving(true);
      run({
        onSuccess: (value) => {
          setSaving(false);
          draft.close();
          setNotice('saved');
          onSaved?.(value);
        },
        onError: (error) => {
          setSaving(false);
          setMode('custom');
          // A CONFLICT is shown as their value beside yours, not as an error with Reload.
          setSaveError(draft.refused(error) ? null : error);
          form.applyServerErrors(error);
          onError?.(error);
        },
      });
    },
    [form, draft],
  );

  return {
    /** Whose account is connected: the site default or a staff member (the texts say whose sessions). */
    target,
    mode,
    /** The provider being connected (in mode `connect`). */
    provider,
    /** The providers offered and those not set up (R27). */
    providers,
    setMode,
    connectStep,
    setConnectStep,
    notice,
    setNotice,
    saveError,
    setSaveError,
    form,
    connection,
    draft,
    /** The version a save or a provider connection sends: the one the draft was opened from. */
    version: draft.version ?? 0,
    choose,
    save,
    choosing: () => {
      setNotice(null);
      draft.open();
      setMode('choose');
    },
    cancel: () => {
      connection.reset();
      draft.close();
      setSaveError(null);
      setMode('view');
    },
    /** "Take theirs" or Reload: the draft goes, their value is shown. */
    takeTheirs: () => {
      connection.reset();
      draft.takeTheirs();
      setSaveError(null);
      setMode('view');
    },
    /** Reconnect the unhealthy account at its own provider: straight to Connect (R17). */
    reconnect: () => {
      choose(account && account.kind !== 'custom' ? account.kind : 'zoom');
      setConnectStep('connect');
    },
  };
}
