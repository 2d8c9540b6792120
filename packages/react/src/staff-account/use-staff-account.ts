'use client';
import type { ApiError } from '@session-links/client';
import { type Account, type CustomLink, type SettingsChange, type StaffMember, staffAccountBlocker } from '@session-links/core';
import { useCallback, useMemo, useState } from 'react';
import { useImpact, useMe, useOnlineSettings, useRemoveStaffAccount, useSetStaffCustomLink, useStaff } from '../hooks';
import { useSessionLinks } from '../provider';
import { useAccountFlow } from '../shared/use-account-flow';

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

const memberVersion = (m: StaffMember) => m.version;

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
  const [confirmRemove, setConfirmRemove] = useState(false);
  const member = staffId === undefined ? undefined : staff.data?.find((s) => s.id === staffId);
  const account = member?.account ?? null;
  const defaultAccount = settings.data?.defaultAccount ?? null;
  const flow = useAccountFlow<'removed', StaffMember>({
    account,
    target: useMemo(() => ({ type: 'staff' as const, staffId: staffId ?? '' }), [staffId]),
    onZoomConnected: () =>
      void staff.refetch().then((r) => {
        const next = r.data?.find((s) => s.id === staffId);
        if (next) onSaved?.(next);
      }),
    current: member,
    versionOf: memberVersion,
    refetch: staff.refetch,
  });
  // The version the removal dialog was opened on (R20): a change underneath it gets CONFLICT.
  const [removeVersion, setRemoveVersion] = useState<number | null>(null);
  const { mode, form, zoom } = flow;

  const loadError = (me.error ?? settings.error ?? staff.error) as ApiError | null;
  const allowed = me.data ? me.data.role === 'owner' || (staffId !== undefined && me.data.staffId === staffId) : false;
  let state: StaffAccountState;
  if (me.isPending || settings.isPending || staff.isPending) state = 'loading';
  else if (loadError?.code === 'FORBIDDEN') state = 'forbidden';
  else if (loadError?.code === 'PLAN_REQUIRED') state = 'upgrade';
  // A failed load of the signed-in user is an error to retry, not "no permission".
  else if (loadError || !settings.data || !me.data) state = 'error';
  else if (!allowed) state = 'forbidden';
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

  const saveCustomLink = useCallback(
    (link: CustomLink) => {
      if (!member) return;
      flow.save<StaffMember>(
        // R20: the version the form was opened from, not the one a refetch brought in.
        (callbacks) => save.mutate({ staffId: member.id, link, version: flow.version }, callbacks),
        onSaved,
        onError,
      );
    },
    [flow, member, onError, onSaved, save],
  );

  const confirmRemoval = useCallback(() => {
    if (!member) return;
    remove.mutate(
      { staffId: member.id, version: removeVersion ?? member.version },
      {
        onSuccess: (next) => {
          setConfirmRemove(false);
          flow.setNotice('removed');
          onRemoved?.(next);
        },
        onError: (error) => onError?.(error),
      },
    );
  }, [flow, member, onError, onRemoved, remove, removeVersion]);

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
    notice: flow.notice,
    form,
    saveError: flow.saveError,
    saving: save.isPending,
    reloading: staff.isFetching,
    zoom,
    zoomStep: flow.zoomStep,
    setZoomStep: flow.setZoomStep,
    version: flow.version,
    draft: flow.draft,
    takeTheirs: flow.takeTheirs,
    choose: flow.choose,
    add: flow.choosing,
    cancel: flow.cancel,
    reconnect: flow.reconnect,
    saveCustomLink,
    reload: () => {
      flow.setSaveError(null);
      remove.reset();
      void staff.refetch().then((r) => {
        const next = r.data?.find((s) => s.id === staffId);
        if (next && confirmRemove) setRemoveVersion(next.version);
      });
    },
    removal: {
      open: confirmRemove,
      setOpen: (open: boolean) => {
        if (!open) remove.reset();
        setRemoveVersion(open ? (member?.version ?? null) : null);
        setConfirmRemove(open);
      },
      confirm: confirmRemoval,
      pending: remove.isPending,
      error: remove.error,
    },
  };
}

export type StaffAccountController = ReturnType<typeof useStaffAccount>;
