'use client';
import { type CurrentUser, canPerform, type ResolvedSession, type Service, type StaffMember } from '@session-links/core';
import { type ChangeEvent, type UIEvent, useCallback, useId, useMemo, useState } from 'react';
import { useMe, useOnlineSettings, useServices, useSessions, useStaff } from '../hooks';
import { useSessionLinks } from '../provider';
import { dateTimeFormat } from '../shared/format-when';

/**
 * R18 in the widget: a Zoom start link (`hostUrl`) is kept only for the site owner and
 * the staff member whose account hosts the meeting, whatever the server sent.
 */
export function withoutForeignHostUrl(row: ResolvedSession, user: Pick<CurrentUser, 'role' | 'staffId'> | undefined): ResolvedSession {
  const r = row.resolution;
  if (r.status !== 'linked' || r.link.hostUrl === undefined) return row;
  const hosts = user !== undefined && (user.role === 'owner' || (user.staffId !== null && r.staffId === user.staffId));
  if (hosts) return row;
  const { hostUrl: _, ...link } = r.link;
  return { ...row, resolution: { ...r, link } };
}

export type SessionsOverviewState = 'loading' | 'error' | 'upgrade' | 'empty' | 'ready';

export interface UseSessionsOverviewOptions {
  /** Start of the period, ISO date-time. */
  from: string;
  /** End of the period (exclusive), ISO date-time. */
  to: string;
  /** Height of the scrolling list in pixels; only the rows in view are rendered. */
  height?: number;
  /** Height of one row in pixels, for the windowing. */
  rowHeight?: number;
}

const OVERSCAN = 6;

/**
 * Every session of a period with its link and where it comes from (R15, R17), without
 * markup: the rows after the filters, the window of rows in view, who may edit which
 * session's link (R10), and the session being edited.
 */
export function useSessionsOverview({ from, to, height = 480, rowHeight = 56 }: UseSessionsOverviewOptions) {
  const { locale } = useSessionLinks('useSessionsOverview');
  const range = useMemo(() => ({ from, to }), [from, to]);
  const sessions = useSessions(range);
  const services = useServices();
  const staff = useStaff();
  const settings = useOnlineSettings();
  const me = useMe();
  const [staffFilter, setStaffFilter] = useState('');
  const [serviceFilter, setServiceFilter] = useState('');
  const [scrollTop, setScrollTop] = useState(0);
  const [editing, setEditing] = useState<string | null>(null);
  const id = useId();

  // One formatter for all rows: constructing Intl formatters per row is what made scrolling slow.
  const dates = useMemo(() => dateTimeFormat(locale), [locale]);
  const serviceById = useMemo(() => new Map((services.data ?? []).map((s) => [s.id, s])), [services.data]);
  const staffById = useMemo(() => new Map((staff.data ?? []).map((s) => [s.id, s])), [staff.data]);
  const rows = useMemo(() => {
    const list = sessions.data ?? [];
    return list
      .map((r) => withoutForeignHostUrl(r, me.data))
      .filter(
        (r) =>
          (staffFilter === '' || (staffFilter === '-' ? r.session.staffId === null : r.session.staffId === staffFilter)) &&
          (serviceFilter === '' || r.session.serviceId === serviceFilter),
      )
      .sort((a, b) => (a.session.start < b.session.start ? -1 : a.session.start > b.session.start ? 1 : 0));
  }, [sessions.data, staffFilter, serviceFilter, me.data]);

  // R1: without a plan that includes online sessions there is nothing to list or edit.
  const noPlan =
    settings.data?.plan.includesOnlineSessions === false || (sessions.error as { code?: string } | null)?.code === 'PLAN_REQUIRED';
  const state: SessionsOverviewState = noPlan
    ? 'upgrade'
    : sessions.isPending || services.isPending || staff.isPending
      ? 'loading'
      : sessions.isError
        ? 'error'
        : (sessions.data?.length ?? 0) === 0
          ? 'empty'
          : 'ready';
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / rowHeight) + OVERSCAN);
  const visible = useMemo(() => rows.slice(first, last), [rows, first, last]);
  const editingRow = editing ? rows.find((r) => r.session.id === editing) : undefined;

  const user = me.data;
  // R10: "Edit link" only where the user may change the link; none until we know who they are.
  const canEdit = useCallback(
    (row: ResolvedSession) => !!user && canPerform(user, { type: 'session-link.manage', session: row.session }),
    [user],
  );
  const serviceOf = useCallback((row: ResolvedSession): Service | undefined => serviceById.get(row.session.serviceId), [serviceById]);
  const staffOf = useCallback(
    (row: ResolvedSession): StaffMember | undefined => (row.session.staffId ? staffById.get(row.session.staffId) : undefined),
    [staffById],
  );
  const when = useCallback((row: ResolvedSession) => dates.format(new Date(row.session.start)), [dates]);

  return {
    state,
    titleId: `${id}-title`,
    loadError: sessions.error,
    retry: () => void sessions.refetch(),
    /** The rows after the filters, by start time. */
    rows,
    /** The rows in view (plus a few either side), and the index of the first. */
    visible,
    first,
    last,
    rowHeight,
    height,
    staff: staff.data ?? [],
    services: services.data ?? [],
    defaultAccount: settings.data?.defaultAccount ?? null,
    serviceOf,
    staffOf,
    when,
    /** The one date-time formatter every row uses. */
    dates,
    canEdit,
    staffFilter,
    setStaffFilter,
    serviceFilter,
    setServiceFilter,
    /** The session whose link is being edited (its dialog is open), or null. */
    editing,
    editingRow,
    edit: setEditing,
    closeEditor: () => setEditing(null),
    getRootProps: () => ({ 'aria-labelledby': `${id}-title`, 'data-state': state }),
    getTitleProps: () => ({ id: `${id}-title` }),
    getStaffFilterProps: () => ({
      id: `${id}-staff`,
      value: staffFilter,
      onChange: (e: ChangeEvent<HTMLSelectElement>) => setStaffFilter(e.target.value),
    }),
    getServiceFilterProps: () => ({
      id: `${id}-service`,
      value: serviceFilter,
      onChange: (e: ChangeEvent<HTMLSelectElement>) => setServiceFilter(e.target.value),
    }),
    /** The scrolling container: its height and the scroll position the window follows. */
    getScrollProps: () => ({
      style: { height, overflowY: 'auto' as const },
      onScroll: (e: UIEvent<HTMLElement>) => setScrollTop(e.currentTarget.scrollTop),
    }),
    getTableProps: () => ({ 'aria-labelledby': `${id}-title`, 'aria-rowcount': rows.length + 1 }),
  };
}

export type SessionsOverviewController = ReturnType<typeof useSessionsOverview>;
