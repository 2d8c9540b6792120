'use client';
import type { ApiError } from '@session-links/client';
import {
  type Account,
  type CurrentUser,
  canPerform,
  MAX_SESSION_RANGE_DAYS,
  type ResolvedSession,
  type Service,
  type StaffMember,
} from '@session-links/core';
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, type CSSProperties, type UIEvent, useCallback, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useSessionLinks } from '../context/provider';
import { type MessageBundle, mergeBundles, type Translate } from '../context/translate';
import { useWidgetMessages } from '../context/use-widget-messages';
import { useServices, useStaff } from '../hooks';
import { type GateState, type GateValue, useGate } from '../parts/gate';
import type { HeadingLevel } from '../primitives/heading';
import type { RootProps } from '../primitives/root-props';
import { sessionsQueryOptions } from '../query';
import { en as sessionEn } from '../session-link-editor/messages/en';
import { nl as sessionNl } from '../session-link-editor/messages/nl';
import { en } from './messages/en';
import { nl } from './messages/nl';

/**
 * The SessionsOverview's strings: its own, and the session editor's explanations of
 * where a link comes from (R15), which its rows and its edit dialog show.
 */
export const sessionsOverviewMessages: MessageBundle = mergeBundles({ en, nl }, { en: sessionEn, nl: sessionNl });

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

export type SessionsOverviewState = GateState | 'empty';

export interface UseSessionsOverviewOptions {
  /** Start of the period, ISO date-time. */
  from: string;
  /** End of the period (exclusive), ISO date-time. */
  to: string;
  /** Height of the scrolling list in pixels; only the rows in view are rendered. */
  height?: number;
  /** Height of one row in pixels, for the windowing. */
  rowHeight?: number;
  /** The widget's title is `<h{headingLevel}>` (default 3), its steps and sections below it. */
  headingLevel?: HeadingLevel;
}

/**
 * Rows rendered above and below the view. Three: six rendered 21 rows for 9 in view, and a
 * jump (dragging the scroll bar) paid style, layout and React for all of them in one frame.
 */
const OVERSCAN = 3;
/**
 * How many windows of the period are asked for at once. One: measured with three, the
 * big windows asked for early held up the small one holding the first rows (10,000
 * sessions: first rows after 1,122 ms against 392 ms one at a time).
 */
const AHEAD = 1;
/**
 * While every window answered so far was empty (a period that starts with weeks without
 * sessions), windows are asked for in pairs, so the empty stretch costs half the round
 * trips. The benchmark's period starts 30 days before its first session: its first rows
 * waited for four answers one after the other (2, 4, 8 and 16 days), each a round trip
 * and, in the mocks, a pass over every session of the calendar (100,000: ~15 ms each).
 * Pairs, not a window ahead of each answer: a big window asked for beside the one holding
 * the first rows holds it up (see `AHEAD`).
 */
const PAIR_WHILE_EMPTY = 2;
const DAY_MS = 86_400_000;

/**
 * The period as the overview loads it: consecutive windows (`to` exclusive, so each
 * session is in exactly one) that start small and double — 2, 4, 8 … days, never longer
 * than the server's cap (R26) — so the first rows of a big calendar show after one small
 * answer while the rest loads, window after window.
 */
export function overviewWindows(range: { from: string; to: string }, firstDays = 2): { from: string; to: string }[] {
  const from = Date.parse(range.from);
  const to = Date.parse(range.to);
  const windows: { from: string; to: string }[] = [];
  let days = firstDays;
  for (let at = from; at < to; days = Math.min(days * 2, MAX_SESSION_RANGE_DAYS)) {
    const end = Math.min(to, at + days * DAY_MS);
    windows.push({ from: at === from ? range.from : new Date(at).toISOString(), to: end === to ? range.to : new Date(end).toISOString() });
    at = end;
  }
  return windows.length > 0 ? windows : [range];
}

const byStart = (a: ResolvedSession, b: ResolvedSession) =>
  a.session.start < b.session.start ? -1 : a.session.start > b.session.start ? 1 : 0;

/** A filter's `<select>` props from the hook. */
interface FilterSelectProps {
  id: string;
  value: string;
  onChange: (e: ChangeEvent<HTMLSelectElement>) => void;
}

/**
 * What `useSessionsOverview()` returns and `SessionsOverviewRoot` gives its parts. Declared
 * (React Aria's `CheckboxAria` shape) so that a host's own markup reads a documented API.
 */
export interface SessionsOverviewController {
  /** The overview's state; the root shows it as `data-state`. */
  state: SessionsOverviewState;
  /** The title's level. */
  headingLevel: HeadingLevel;
  /** The shared gate (R1, R10): `state` is the gate's until it is `ready`. */
  gate: GateValue;
  /** The widget's strings (shared and its own, with the host's `messages` on top). */
  t: Translate;
  /** The title's id, which names the root. */
  titleId: string;
  loadError: ApiError | null;
  retry: () => void;
  /** The rows after the filters, by start time (those loaded so far). */
  rows: ResolvedSession[];
  /** Later windows of the period are still loading. */
  loadingMore: boolean;
  /** The rows in view (plus a few either side), and the index of the first. */
  visible: ResolvedSession[];
  first: number;
  last: number;
  rowHeight: number;
  height: number;
  staff: StaffMember[];
  services: Service[];
  /** The site's default account (R2), `null` with none. */
  defaultAccount: Account | null;
  serviceOf: (row: ResolvedSession) => Service | undefined;
  staffOf: (row: ResolvedSession) => StaffMember | undefined;
  /** A row's start, formatted for the provider's locale and time zone. */
  when: (row: ResolvedSession) => string;
  /** The one date-time formatter every row uses. */
  dates: Intl.DateTimeFormat;
  /** The signed-in user may change this row's link (R10). */
  canEdit: (row: ResolvedSession) => boolean;
  staffFilter: string;
  setStaffFilter: (staffId: string) => void;
  serviceFilter: string;
  setServiceFilter: (serviceId: string) => void;
  /** The session whose link is being edited (its dialog is open), or null. */
  editing: string | null;
  editingRow: ResolvedSession | undefined;
  /** Opens the edit dialog for a session; focus returns to that row's "Edit link" (or the control pressed) when it closes. */
  edit: (sessionId: string) => void;
  closeEditor: () => void;
  /**
   * The element that should get focus back when the edit dialog closes: the row's "Edit
   * link" (`[data-edit-session]`) if it is still rendered, else the control that opened
   * the dialog, else the title (`[data-focus-target]`). The dialog has no trigger of its own.
   */
  returnFocusTarget: () => HTMLElement | null;
  getRootProps: () => RootProps<HTMLElement>;
  getTitleProps: () => { id: string; tabIndex: number; 'data-focus-target': string };
  getStaffFilterProps: () => FilterSelectProps;
  getServiceFilterProps: () => FilterSelectProps;
  /** The scrolling container: its height and the scroll position the window follows. */
  getScrollProps: () => {
    role: 'region';
    'aria-label': string;
    tabIndex: number;
    ref: (node: HTMLElement | null) => void;
    style: { height: number; overflowY: 'auto' };
    onScroll: (e: UIEvent<HTMLElement>) => void;
  };
  /** `aria-rowcount` is -1 while later windows load; the row height goes to CSS as `--sl-row-height`. */
  getTableProps: () => { 'aria-labelledby': string; 'aria-rowcount': number; style: CSSProperties };
}

/**
 * Every session of a period with its link and where it comes from (R15, R17), without
 * markup: the rows after the filters, the window of rows in view, who may edit which
 * session's link (R10), and the session being edited.
 */
export function useSessionsOverview({
  from,
  to,
  height = 480,
  rowHeight = 56,
  headingLevel = 3,
}: UseSessionsOverviewOptions): SessionsOverviewController {
  const t = useWidgetMessages('useSessionsOverview', sessionsOverviewMessages);
  const { client } = useSessionLinks('useSessionsOverview');
  const queryClient = useQueryClient();
  const windows = useMemo(() => overviewWindows({ from, to }), [from, to]);
  // One query per window, each asked for once the windows before it are in (`AHEAD`; in
  // pairs while they all came back empty, `PAIR_WHILE_EMPTY`): the first rows render after
  // one small answer, and a big calendar never asks for all of its windows at once. A change
  // invalidates them all (the `sessions` key prefix).
  // Each window's query hash, once: looking a window up by its key hashed the key again on every render.
  // (`defaultQueryOptions`: the hash the host's QueryClient gives it, whatever its `queryKeyHashFn`.)
  const hashes = useMemo(
    () => windows.map((window) => queryClient.defaultQueryOptions(sessionsQueryOptions(client, window)).queryHash),
    [client, queryClient, windows],
  );
  const cache = queryClient.getQueryCache();
  let firstMissing = hashes.findIndex((hash) => cache.get(hash)?.state.data === undefined);
  if (firstMissing === -1) firstMissing = windows.length;
  const nothingYet = hashes
    .slice(0, firstMissing)
    .every((hash) => (cache.get(hash)?.state.data as ResolvedSession[] | undefined)?.length === 0);
  const asked = nothingYet ? firstMissing - (firstMissing % PAIR_WHILE_EMPTY) + PAIR_WHILE_EMPTY : firstMissing + AHEAD;
  // The same options object while nothing changed: new ones on every render (every scroll)
  // made TanStack Query default, compare and set the options of every window's observer again.
  const queries = useMemo(
    () => windows.map((window, i) => ({ ...sessionsQueryOptions(client, window), enabled: i < asked })),
    [client, windows, asked],
  );
  const pages = useQueries({ queries });
  const sessions = pages[0] as (typeof pages)[number];
  const loadingMore = pages.some((p) => p.data === undefined && !p.error);
  const services = useServices();
  const staff = useStaff();
  // R1, R10 as every widget decides them: any member may list the sessions. A later window's error shows as the widget's error too.
  const failed = pages.find((p, i) => i > 0 && p.error);
  const gateQueries = useMemo(
    () => (failed ? [sessions, failed, services, staff] : [sessions, services, staff]),
    [sessions, failed, services, staff],
  );
  const gate = useGate({ operation: 'listSessions', queries: gateQueries });
  const [staffFilter, setStaffFilter] = useState('');
  const [serviceFilter, setServiceFilter] = useState('');
  const [scrollTop, setScrollTop] = useState(0);
  const [editing, setEditing] = useState<string | null>(null);
  // The session whose dialog was open last, and what had focus when it opened: focus goes back there when it closes.
  const lastEdited = useRef<{ sessionId: string; opener: Element | null } | null>(null);
  const edit = useCallback((sessionId: string) => {
    lastEdited.current = { sessionId, opener: typeof document === 'undefined' ? null : document.activeElement };
    setEditing(sessionId);
  }, []);
  const rootRef = useRef<HTMLElement>(null);
  const id = useId();

  // One formatter for all rows (in the provider's time zone): constructing Intl formatters per row is what made scrolling slow.
  const dates = useMemo(() => t.dateFormat(), [t]);
  const serviceById = useMemo(() => new Map((services.data ?? []).map((s) => [s.id, s])), [services.data]);
  const staffById = useMemo(() => new Map((staff.data ?? []).map((s) => [s.id, s])), [staff.data]);
  // Each window's rows, redacted (R18) and sorted, once per answer: a later window arriving
  // does not sort the earlier ones again. The windows are in order, so their rows joined are too.
  const prepared = useRef(new WeakMap<ResolvedSession[], ResolvedSession[]>());
  const me = gate.me;
  const preparedFor = useRef(me);
  if (preparedFor.current !== me) {
    preparedFor.current = me;
    prepared.current = new WeakMap();
  }
  const loaded: ResolvedSession[][] = [];
  // Only the windows in a row from the first: a window that answers before an earlier one waits for it.
  for (const p of pages) {
    if (p.data === undefined) break;
    let list = prepared.current.get(p.data);
    if (list === undefined) {
      list = p.data.map((r) => withoutForeignHostUrl(r, me)).sort(byStart);
      prepared.current.set(p.data, list);
    }
    loaded.push(list);
  }
  const total = loaded.reduce((n, l) => n + l.length, 0);
  // The rows after the filters, computed again only when a window's answer or a filter changed.
  const joined = useRef<{ parts: ResolvedSession[][]; staffFilter: string; serviceFilter: string; rows: ResolvedSession[] } | null>(null);
  const j = joined.current;
  let rows: ResolvedSession[];
  if (
    j !== null &&
    j.staffFilter === staffFilter &&
    j.serviceFilter === serviceFilter &&
    j.parts.length === loaded.length &&
    j.parts.every((part, i) => part === loaded[i])
  ) {
    rows = j.rows;
  } else {
    const all = loaded.length === 1 ? (loaded[0] as ResolvedSession[]) : loaded.flat();
    rows =
      staffFilter === '' && serviceFilter === ''
        ? all
        : all.filter(
            (r) =>
              (staffFilter === '' || (staffFilter === '-' ? r.session.staffId === null : r.session.staffId === staffFilter)) &&
              (serviceFilter === '' || r.session.serviceId === serviceFilter),
          );
    joined.current = { parts: loaded, staffFilter, serviceFilter, rows };
  }

  const state: SessionsOverviewState = gate.state !== 'ready' ? gate.state : total === 0 && !loadingMore ? 'empty' : 'ready';

  // The rows' real height, measured (a narrow container stacks each row's cells, so its
  // rows are taller than `rowHeight`): the window and the spacers follow what is drawn.
  const scrollRef = useRef<HTMLElement>(null);
  const [measured, setMeasured] = useState<number | null>(null);
  const step = measured ?? rowHeight;
  const measure = useRef(() => {});
  measure.current = () => {
    const h = scrollRef.current?.querySelector('tbody tr[aria-rowindex]')?.getBoundingClientRect().height;
    if (h && Math.abs(h - step) > 0.5) setMeasured(h);
  };
  // After every render (a row may just have appeared), and whenever the list's width changes.
  useLayoutEffect(() => measure.current());
  const [scroller, setScroller] = useState<HTMLElement | null>(null);
  const scrollRefCallback = useCallback((node: HTMLElement | null) => {
    scrollRef.current = node;
    setScroller(node);
  }, []);
  useLayoutEffect(() => {
    if (!scroller || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => measure.current());
    observer.observe(scroller);
    return () => observer.disconnect();
  }, [scroller]);
  const first = Math.max(0, Math.floor(scrollTop / step) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / step) + OVERSCAN);
  const visible = useMemo(() => rows.slice(first, last), [rows, first, last]);
  const editingRow = editing ? rows.find((r) => r.session.id === editing) : undefined;

  const user = gate.me;
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
    headingLevel,
    /** The shared gate (R1, R10): `state` is the gate's until it is `ready`. */
    gate,
    t,
    titleId: `${id}-title`,
    loadError: gate.error,
    retry: gate.retry,
    /** The rows after the filters, by start time. */
    rows,
    /** The rows in view (plus a few either side), and the index of the first. */
    visible,
    first,
    last,
    /** The height of one row as drawn (measured; `rowHeight` until a row is there). */
    rowHeight: step,
    height,
    /** Later windows of the period are still loading: the rows so far are shown. */
    loadingMore,
    staff: staff.data ?? [],
    services: services.data ?? [],
    defaultAccount: gate.settings?.defaultAccount ?? null,
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
    /** Opens the edit dialog for a session; focus returns to that row's "Edit link" (or the control pressed) when it closes. */
    edit,
    closeEditor: () => setEditing(null),
    /**
     * The element that should get focus back when the edit dialog closes: the row's "Edit
     * link" (`[data-edit-session]`) if it is still rendered, else the control that opened
     * the dialog, else the title (`[data-focus-target]`). The dialog has no trigger of its own.
     */
    returnFocusTarget: (): HTMLElement | null => {
      const root = rootRef.current;
      const last = lastEdited.current;
      const row = last ? root?.querySelector<HTMLElement>(`[data-edit-session="${CSS.escape(last.sessionId)}"]`) : null;
      if (row) return row;
      const opener = last?.opener;
      if (opener instanceof HTMLElement && opener.isConnected && opener !== opener.ownerDocument.body && root?.contains(opener))
        return opener;
      return root?.querySelector<HTMLElement>('[data-focus-target]') ?? null;
    },
    getRootProps: (): RootProps<HTMLElement> => ({ ref: rootRef, 'aria-labelledby': `${id}-title`, 'data-state': state }),
    getTitleProps: () => ({ id: `${id}-title`, tabIndex: -1, 'data-focus-target': '' }),
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
      // Focusable and named, so keyboard users can scroll it even when no row has a button (axe scrollable-region-focusable).
      role: 'region' as const,
      'aria-label': t('overview.scrollRegion'),
      tabIndex: 0,
      ref: scrollRefCallback,
      style: { height, overflowY: 'auto' as const },
      // Kept to whole rows: scrolling within a row renders nothing (the overscan covers the rest).
      onScroll: (e: UIEvent<HTMLElement>) => setScrollTop(Math.floor(e.currentTarget.scrollTop / step) * step),
    }),
    getTableProps: () => ({
      'aria-labelledby': `${id}-title`,
      // -1: the number of rows is not known yet (later windows are loading).
      'aria-rowcount': loadingMore ? -1 : rows.length + 1,
      style: { '--sl-row-height': `${rowHeight}px` } as CSSProperties,
    }),
  };
}
