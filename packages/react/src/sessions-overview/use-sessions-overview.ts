'use client';
import type { ApiError } from '@session-links/client';
import { type Account, type CurrentUser, canPerform, type ResolvedSession, type Service, type StaffMember } from '@session-links/core';
import { type ChangeEvent, type UIEvent, useCallback, useId, useMemo, useRef, useState } from 'react';
import { type MessageBundle, mergeBundles, type Translate } from '../context/translate';
import { useWidgetMessages } from '../context/use-widget-messages';
import { useServices, useSessions, useStaff } from '../hooks';
import { type GateState, type GateValue, useGate } from '../parts/gate';
import type { HeadingLevel } from '../primitives/heading';
import type { RootProps } from '../primitives/root-props';
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

const OVERSCAN = 6;

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
  /** The rows after the filters, by start time. */
  rows: ResolvedSession[];
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
    style: { height: number; overflowY: 'auto' };
    onScroll: (e: UIEvent<HTMLElement>) => void;
  };
  getTableProps: () => { 'aria-labelledby': string; 'aria-rowcount': number };
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
  const range = useMemo(() => ({ from, to }), [from, to]);
  const sessions = useSessions(range);
  const services = useServices();
  const staff = useStaff();
  // R1, R10 as every widget decides them: any member may list the sessions.
  const gate = useGate({ operation: 'listSessions', queries: [sessions, services, staff] });
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
  const rows = useMemo(() => {
    const list = sessions.data ?? [];
    return list
      .map((r) => withoutForeignHostUrl(r, gate.me))
      .filter(
        (r) =>
          (staffFilter === '' || (staffFilter === '-' ? r.session.staffId === null : r.session.staffId === staffFilter)) &&
          (serviceFilter === '' || r.session.serviceId === serviceFilter),
      )
      .sort((a, b) => (a.session.start < b.session.start ? -1 : a.session.start > b.session.start ? 1 : 0));
  }, [sessions.data, staffFilter, serviceFilter, gate.me]);

  const state: SessionsOverviewState = gate.state !== 'ready' ? gate.state : (sessions.data?.length ?? 0) === 0 ? 'empty' : 'ready';
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / rowHeight) + OVERSCAN);
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
    rowHeight,
    height,
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
      style: { height, overflowY: 'auto' as const },
      onScroll: (e: UIEvent<HTMLElement>) => setScrollTop(e.currentTarget.scrollTop),
    }),
    getTableProps: () => ({ 'aria-labelledby': `${id}-title`, 'aria-rowcount': rows.length + 1 }),
  };
}
