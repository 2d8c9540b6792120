import type {
  Account,
  ConnectedProvider,
  CustomLink,
  Link,
  NoticePolicy,
  Plan,
  Role,
  Service,
  Session,
  SessionOverride,
} from '@session-links/core';
import { meetingKey, meetingLink } from '@session-links/core';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { ReadView, ReadViewRequest } from '../views';
import { textArray } from './rows';
import type { Database } from './schema';

// ---- reads in one statement ----------------------------------------------------------------

/** The first row of a read view: everything but the sessions, as JSON. */
type ViewContext = {
  site: { id: string; name: string; plan: Plan } | null;
  member: { userId: string; name: string; role: Role; staffId: string | null } | null;
  settings?: [Account | null, number, NoticePolicy] | null;
  staff?: [string, string, string][];
  staff_accounts?: [string, Account | null, number][];
  services?: [string, string, Service['kind'], boolean][];
  course_links?: [string, CustomLink | null, number][];
  meetings?: [string, string, string, string | null, string | null, string, ConnectedProvider][];
};

/** A read view's rows: the context first (`part` 0), then one row per session (`part` 1) in calendar order. */
type ViewRow = {
  part: number;
  ctx: ViewContext | null;
  id: string;
  service_id: string;
  staff_id: string | null;
  start: string;
  end: string;
  override: SessionOverride | null;
  version: number | null;
};

/**
 * A {@link ReadViewRequest} in one statement, one round trip: the small parts as one JSON
 * row (scalar sub-selects with `json_agg`), then the sessions as plain rows — for 10,000
 * sessions, rows cost about half of aggregating them to JSON (server and client together).
 * Only the columns resolution uses; the ranges scan `host_sessions_start` and
 * `sl_meetings_session`.
 */
export async function readView(db: Kysely<Database>, request: ReadViewRequest): Promise<ReadView> {
  const site = request.siteId;
  const ctx: RawBuilder<unknown>[] = [
    // A locale or time zone never synced is absent (json_strip_nulls), as getSite returns it.
    sql`'site', (select json_strip_nulls(json_build_object('id', id, 'name', name, 'plan', plan, 'locale', locale, 'timeZone', time_zone))
      from host_sites where id = ${site})`,
    sql`'member', (select json_build_object('userId', user_id, 'name', name, 'role', role, 'staffId', staff_id)
      from host_members where site_id = ${site} and user_id = ${request.userId})`,
  ];
  if (request.settings) {
    ctx.push(sql`'settings', (select json_build_array(default_account, version, notice_policy) from sl_settings where site_id = ${site})`);
  }
  if (request.resolution) {
    ctx.push(
      sql`'staff', (select coalesce(json_agg(json_build_array(id, name, email) order by ord), '[]') from host_staff where site_id = ${site})`,
      sql`'staff_accounts', (select coalesce(json_agg(json_build_array(staff_id, account, version)), '[]')
        from sl_staff_accounts where site_id = ${site})`,
      sql`'services', (select coalesce(json_agg(json_build_array(id, name, kind, online) order by ord), '[]')
        from host_services where site_id = ${site})`,
      sql`'course_links', (select coalesce(json_agg(json_build_array(service_id, link, version)), '[]')
        from sl_course_links where site_id = ${site})`,
    );
  }
  const range = request.sessions;
  const which = !range
    ? null
    : 'ids' in range
      ? sql`s.site_id = ${site} and s.id = any(${textArray(range.ids)})`
      : sql`s.site_id = ${site} and s.start_at >= ${range.from}::timestamptz and s.start_at < ${range.to}::timestamptz`;
  if (which) {
    // The links `meetingLinks` would make: not being deleted, made at Zoom.
    ctx.push(sql`'meetings', (select coalesce(json_agg(json_build_array(m.account_id, m.session_id, m.join_url, m.start_url, m.password, m.zoom_meeting_id, m.provider)), '[]')
      from host_sessions s
      join sl_meetings m on m.site_id = s.site_id and m.session_id = s.id
      where ${which} and m.status <> 'deleting' and m.join_url is not null and m.zoom_meeting_id is not null)`);
  }
  const head = sql`select 0 as part, json_build_object(${sql.join(ctx)}) as ctx, null::timestamptz as start_at, null::bigint as ord,
    null::text as id, null::text as service_id, null::text as staff_id, null::text as start, null::text as "end",
    null::jsonb as override, null::integer as version`;
  // Sorted on start_at and ord without returning them: the driver would parse 10,000 timestamps into Dates.
  const query = which
    ? sql<ViewRow>`select part, ctx, id, service_id, staff_id, start, "end", override, version from (
      ${head}
      union all
      select 1, null, s.start_at, s.ord, s.id, s.service_id, s.staff_id, s.start, s."end", o.override, o.version
      from host_sessions s
      left join sl_session_overrides o on o.site_id = s.site_id and o.session_id = s.id
      where ${which}
    ) v order by part, start_at, ord`
    : sql<ViewRow>`${head}`;
  const { rows } = await query.execute(db);
  const context = (rows[0] as ViewRow).ctx as ViewContext;
  const meetings = new Map<string, Link>();
  for (const [accountId, sessionId, joinUrl, startUrl, password, meetingId, provider] of context.meetings ?? []) {
    const link: Link = meetingLink(provider, joinUrl as string, meetingId);
    if (startUrl !== null) link.hostUrl = startUrl;
    if (password !== null) link.password = password;
    meetings.set(meetingKey(accountId, sessionId), link);
  }
  const sessions: Session[] = new Array(rows.length - 1);
  for (let i = 1; i < rows.length; i += 1) {
    const r = rows[i] as ViewRow;
    sessions[i - 1] = {
      id: r.id,
      serviceId: r.service_id,
      staffId: r.staff_id,
      start: r.start,
      end: r.end,
      override: r.override,
      version: r.version ?? 0,
    };
  }
  return {
    site: context.site,
    member: context.member,
    settings: context.settings ? { value: context.settings[0], version: context.settings[1] } : { value: null, version: 0 },
    noticePolicy: context.settings?.[2] ?? 'auto',
    staff: (context.staff ?? []).map(([id, name, email]) => ({ id, name, email })),
    staffAccounts: new Map((context.staff_accounts ?? []).map(([id, account, version]) => [id, { value: account, version }])),
    services: (context.services ?? []).map(([id, name, kind, online]) => ({ id, name, kind, online })),
    courseLinks: new Map((context.course_links ?? []).map(([id, link, version]) => [id, { value: link, version }])),
    sessions,
    meetings,
  };
}
