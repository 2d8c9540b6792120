import type { Generated } from 'kysely';

/** The tables of `migrations/*.sql`, as Kysely sees them. JSONB columns are typed by what the store puts in them. */
export interface Database {
  sl_settings: { site_id: string; default_account: unknown; version: number; notice_policy: Generated<string> };
  sl_staff_accounts: { site_id: string; staff_id: string; account: unknown; version: number };
  sl_session_overrides: { site_id: string; session_id: string; override: unknown; version: number };
  sl_course_links: { site_id: string; service_id: string; link: unknown; version: number };
  sl_templates: { site_id: string; automation_id: string; template: unknown; version: number };
  sl_oauth_states: { state: string; record: unknown; expires_at: string };
  sl_tokens: {
    account_id: string;
    site_id: string;
    access_token: string;
    refresh_token: string;
    access_expires_at: string;
    refresh_issued_at: string;
    zoom_user_id: string | null;
    provider: Generated<string>;
  };
  sl_meetings: {
    site_id: string;
    account_id: string;
    session_id: string;
    status: string;
    start: string;
    start_at: string;
    duration_minutes: number;
    topic: string;
    zoom_meeting_id: string | null;
    join_url: string | null;
    start_url: string | null;
    password: string | null;
    attempts: number;
    next_attempt: string | null;
    next_attempt_at: string | null;
    last_error: string | null;
    create_attempt_id: string | null;
    create_attempt_at: string | null;
    updated_at: string;
    provider: Generated<string>;
  };
  sl_site_revisions: { site_id: string; revision: string };
  sl_link_ledger: { site_id: string; session_id: string; link: unknown; seen_at: string };
  sl_notice_choices: { site_id: string; session_id: string; tell_clients: boolean };
  sl_link_history: {
    ord: Generated<string>;
    site_id: string;
    session_id: string;
    at: string;
    actor: unknown;
    before: unknown;
    after: unknown;
  };
  host_sites: { id: string; name: string; plan: unknown; locale: string | null; time_zone: string | null };
  host_members: { site_id: string; user_id: string; name: string; role: string; staff_id: string | null; ord: Generated<string> };
  host_staff: { site_id: string; id: string; name: string; email: string; ord: Generated<string> };
  host_services: {
    site_id: string;
    id: string;
    name: string;
    kind: string;
    online: boolean;
    /** Migration 005: the video switch's version. */
    version: Generated<number>;
    ord: Generated<string>;
  };
  host_sessions: {
    site_id: string;
    id: string;
    service_id: string;
    staff_id: string | null;
    start: string;
    end: string;
    start_at: string;
    ord: Generated<string>;
  };
  host_clients: { site_id: string; id: string; name: string; email: string; ord: Generated<string> };
  host_bookings: {
    site_id: string;
    id: string;
    client_id: string;
    service_id: string;
    session_id: string | null;
    ord: Generated<string>;
  };
  /** The outbox of notices (R29): src/notices/outbox-sql.ts reads and writes it. */
  sl_notices: NoticesTable['sl_notices'];
}

/** Every table, for TRUNCATE in tests. */
export const TABLES = [
  'sl_settings',
  'sl_staff_accounts',
  'sl_session_overrides',
  'sl_course_links',
  'sl_templates',
  'sl_oauth_states',
  'sl_tokens',
  'sl_meetings',
  'sl_site_revisions',
  'sl_link_ledger',
  'sl_link_history',
  'sl_notice_choices',
  'host_sites',
  'host_members',
  'host_staff',
  'host_services',
  'host_sessions',
  'host_clients',
  'host_bookings',
  'sl_notices',
] as const satisfies readonly (keyof Database)[];

/** The `sl_notices` table of migrations/007_notices.sql (and 013's column), as Kysely sees it. */
export interface NoticesTable {
  sl_notices: {
    id: string;
    ord?: Generated<string>;
    site_id: string;
    booking_id: string;
    session_id: string;
    client_name: string;
    client_email: string;
    kind: string;
    old_link: string | null;
    new_link: string | null;
    why_before: string | null;
    why_after: string | null;
    created_at: string | Date;
    status: string;
    attempts: number;
    next_attempt_at: string | Date | null;
    lease_until: string | Date | null;
    claim_id: string | null;
    last_error: string | null;
    message_id: string;
    sent_at: string | Date | null;
    /** Migration 013: the SEQUENCE its e-mail's calendar part went out with (R28); null until rendered. */
    calendar_sequence?: number | null;
  };
}
