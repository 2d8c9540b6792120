'use client';
import type { ApiError } from '@session-links/client';
import { type Account, type CustomLink, type SettingsChange, type StaffMember, staffAccountBlocker } from '@session-links/core';
import { useCallback, useMemo, useState } from 'react';
import { useImpact, useMe, useOnlineSettings, useRemoveStaffAccount, useSetStaffCustomLink, useStaff } from '../hooks';
import { useSessionLinks } from '../provider';
import { useCustomLinkForm } from '../shared/use-custom-link-form';
import { useZoomConnection } from '../use-zoom-connection';

export type StaffAccountState =
  | 'loading'
  | 'error'
  | 'upgrade'
  | 'forbidden'
  | 'not-found'
  | 'blocked'
  | 'view'
  | 'choosing'
  | 'zoom'
  | 'custom';

export interface UseStaffAccountOptions {
  onSaved?: (member: StaffMember) => void;
  onRemoved?: (member: StaffMember) => void;
  onError?: (error: ApiError) => void;
}

// Any other link: every session now on the staff member's own account would change.
const previewAccount = (health: Account['health'] = 'connected'): Account => ({
  id: 'preview',
  kind: 'custom',
  health,
  provider: 'other',
  link: { url: 'https://preview.invalid/' },
});

/**
 * One staff member's individual account (R4, R9, R10, R15, R17): what their sessions
 * use now and why, adding one (Zoom or custom link), editing, removing and
 * reconnecting, with the impact shown before a change. Used by `StaffAccountEditor`
 * (owner, any staff member) and `PersonalSessionsAction` (a staff member, themselves).
 */
export function useStaffAccount(staffId: string | undefined, { onSaved, onRemoved, onError }: UseStaffAccountOptions = {}) {
  useSessionLinks('useStaffAccount');
  const me = useMe();
  const settings = useOnlineSettings();
  const staff = useStaff();
  const save = useSetStaffCustomLink();
  const remove = useRemoveStaffAccount();
  const [mode, setMode] = useState<'view' | 'choose' | 'zoom' | 'custom'>('view');
  const [zoomStep, setZoomStep] = useState<'intro' | 'connect'>('intro');
  const [notice, setNotice] = useState<'saved' | 'removed' | null>(null);
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const form = useCustomLinkForm();

  const member = staffId === undefined ? undefined : staff.data?.find((s) => s.id === staffId);
  const account = member?.account ?? null;
  const defaultAccount = settings.data?.defaultAccount ?? null;

  const zoom = useZoomConnection({
    target: useMemo(() => ({ type: 'staff' as const, staffId: staffId ?? '' }), [staffId]),
    onConnected: () => {
      setMode('view');
      setNotice('saved');
      void staff.refetch().then((r) => {
        const next = r.data?.find((s) => s.id === staffId);
        if (next) onSaved?.(next);
      });
    },
  });

  const loadError = (me.error ?? settings.error ?? staff.error) as ApiError | null;
  const allowed = me.data ? me.data.role === 'owner' || (staffId !== undefined && me.data.staffId === staffId) : false;
  let state: StaffAccountState;
  if (me.isPending || settings.isPending || staff.isPending) state = 'loading';
  else if (loadError?.code === 'FORBIDDEN' || !allowed) state = 'forbidden';
  else if (loadError?.code === 'PLAN_REQUIRED') state = 'upgrade';
  else if (loadError || !settings.data) state = 'error';
  else if (!settings.data.plan.includesOnlineSessions) state = 'upgrade';
  else if (!member) state = 'not-found';
  else if (staffAccountBlocker(settings.data) !== null) state = 'blocked';
  else if (mode === 'zoom') state = 'zoom';
  else if (mode === 'custom') state = 'custom';
  else if (mode === 'choose') state = 'choosing';
  else state = 'view';

  const unhealthy = account !== null && account.health !== 'connected';
  // Sessions that fall back to the default while their own account is unhealthy (R17).
  const fallbackPreview: SettingsChange | null =
    state === 'view' && unhealthy && staffId ? { type: 'set-staff-account', staffId, account: previewAccount() } : null;
  const affected = useImpact(fallbackPreview);
  // Before an edit or a removal: the sessions that change (R16).
  const changePreview: SettingsChange | null =
    staffId && account && (confirmRemove || state === 'custom' || state === 'zoom')
      ? { type: 'set-staff-account', staffId, account: confirmRemove ? null : previewAccount() }
      : null;
  const impact = useImpact(changePreview);

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

  const saveCustomLink = useCallback(
    (link: CustomLink) => {
      if (!member) return;
      setSaveError(null);
      setMode('view');
      save.mutate(
        { staffId: member.id, link, version: member.version },
        {
          onSuccess: (next) => {
            setNotice('saved');
            onSaved?.(next);
          },
          onError: (error) => {
            setMode('custom');
            setSaveError(error);
            form.applyServerErrors(error);
            onError?.(error);
          },
        },
      );
    },
    [form, member, onError, onSaved, save],
  );

  const confirmRemoval = useCallback(() => {
    if (!member) return;
    remove.mutate(
      { staffId: member.id, version: member.version },
      {
        onSuccess: (next) => {
          setConfirmRemove(false);
          setNotice('removed');
          onRemoved?.(next);
        },
        onError: (error) => onError?.(error),
      },
    );
  }, [member, onError, onRemoved, remove]);

  return {
    state,
    me: me.data,
    member,
    account,
    defaultAccount,
    unhealthy,
    affectedCount: affected.data?.counts.changed,
    impact,
    staff: staff.data ?? [],
    loadError,
    retry: () => {
      void me.refetch();
      void settings.refetch();
      void staff.refetch();
    },
    notice,
    form,
    saveError,
    saving: save.isPending,
    reloading: staff.isFetching,
    zoom,
    zoomStep,
    setZoomStep,
    version: member?.version ?? 0,
    choose,
    add: () => {
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
    saveCustomLink,
    reload: () => {
      setSaveError(null);
      remove.reset();
      void staff.refetch();
    },
    removal: {
      open: confirmRemove,
      setOpen: (open: boolean) => {
        if (!open) remove.reset();
        setConfirmRemove(open);
      },
      confirm: confirmRemoval,
      pending: remove.isPending,
      error: remove.error,
    },
  };
}

export type StaffAccountController = ReturnType<typeof useStaffAccount>;
