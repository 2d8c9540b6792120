-- session-links schema, version 1.
-- Timestamps arrive as ISO strings: each is kept as given (text, returned unchanged) and,
-- where a query filters or sorts on it, also as timestamptz.

-- ---- what session-links owns -----------------------------------------------------------

-- The site's default account (R2). version 0 = never written (no row).
CREATE TABLE sl_settings (
  site_id text PRIMARY KEY,
  default_account jsonb,
  version integer NOT NULL
);
CREATE INDEX sl_settings_account_id ON sl_settings ((default_account ->> 'id'));

-- Staff members' individual accounts (R4, R9).
CREATE TABLE sl_staff_accounts (
  site_id text NOT NULL,
  staff_id text NOT NULL,
  account jsonb,
  version integer NOT NULL,
  PRIMARY KEY (site_id, staff_id)
);
CREATE INDEX sl_staff_accounts_account_id ON sl_staff_accounts (site_id, (account ->> 'id'));

-- Per-session overrides (R7).
CREATE TABLE sl_session_overrides (
  site_id text NOT NULL,
  session_id text NOT NULL,
  override jsonb,
  version integer NOT NULL,
  PRIMARY KEY (site_id, session_id)
);

-- Course links (R5).
CREATE TABLE sl_course_links (
  site_id text NOT NULL,
  service_id text NOT NULL,
  link jsonb,
  version integer NOT NULL,
  PRIMARY KEY (site_id, service_id)
);

-- Saved e-mail templates (R12); the template JSON without its version.
CREATE TABLE sl_templates (
  site_id text NOT NULL,
  automation_id text NOT NULL,
  template jsonb NOT NULL,
  version integer NOT NULL,
  PRIMARY KEY (site_id, automation_id)
);

-- Zoom connections in progress (R19): single use, deleted when taken.
CREATE TABLE sl_oauth_states (
  state text PRIMARY KEY,
  record jsonb NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX sl_oauth_states_expires_at ON sl_oauth_states (expires_at);

-- Zoom tokens, ciphertexts only (R23). One row per account, locked while refreshing.
CREATE TABLE sl_tokens (
  account_id text PRIMARY KEY,
  site_id text NOT NULL,
  access_token text NOT NULL,
  refresh_token text NOT NULL,
  access_expires_at text NOT NULL,
  refresh_issued_at text NOT NULL
);

-- Zoom meetings, one per (site, account, session) (R22).
CREATE TABLE sl_meetings (
  site_id text NOT NULL,
  account_id text NOT NULL,
  session_id text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'ready', 'deleting')),
  start text NOT NULL,
  start_at timestamptz NOT NULL,
  duration_minutes integer NOT NULL,
  topic text NOT NULL,
  zoom_meeting_id text,
  join_url text,
  start_url text,
  password text,
  attempts integer NOT NULL DEFAULT 0,
  next_attempt text,
  next_attempt_at timestamptz,
  last_error text,
  updated_at text NOT NULL,
  PRIMARY KEY (site_id, account_id, session_id)
);
CREATE INDEX sl_meetings_session ON sl_meetings (site_id, session_id);
-- The worker's queue: only rows with work to do, soonest session first.
CREATE INDEX sl_meetings_due ON sl_meetings (start_at) WHERE status IN ('pending', 'deleting');

-- ---- what the host owns (the default CalendarSource, filled by the sync API) -----------
-- `ord` keeps the order rows were first synced in, so lists come back in a stable order.

CREATE TABLE host_sites (
  id text PRIMARY KEY,
  name text NOT NULL,
  plan jsonb NOT NULL
);

CREATE TABLE host_members (
  site_id text NOT NULL,
  user_id text NOT NULL,
  name text NOT NULL,
  role text NOT NULL,
  staff_id text,
  ord bigint GENERATED ALWAYS AS IDENTITY,
  PRIMARY KEY (site_id, user_id)
);

CREATE TABLE host_staff (
  site_id text NOT NULL,
  id text NOT NULL,
  name text NOT NULL,
  email text NOT NULL,
  ord bigint GENERATED ALWAYS AS IDENTITY,
  PRIMARY KEY (site_id, id)
);

CREATE TABLE host_services (
  site_id text NOT NULL,
  id text NOT NULL,
  name text NOT NULL,
  kind text NOT NULL,
  online boolean NOT NULL,
  ord bigint GENERATED ALWAYS AS IDENTITY,
  PRIMARY KEY (site_id, id)
);

CREATE TABLE host_sessions (
  site_id text NOT NULL,
  id text NOT NULL,
  service_id text NOT NULL,
  staff_id text,
  start text NOT NULL,
  "end" text NOT NULL,
  start_at timestamptz NOT NULL,
  ord bigint GENERATED ALWAYS AS IDENTITY,
  PRIMARY KEY (site_id, id)
);
-- listSessions(from, to): a range scan in start order, covering the columns it returns.
CREATE INDEX host_sessions_start ON host_sessions (site_id, start_at, ord) INCLUDE (id, service_id, staff_id, start, "end");
CREATE INDEX host_sessions_service ON host_sessions (site_id, service_id, start_at);

CREATE TABLE host_clients (
  site_id text NOT NULL,
  id text NOT NULL,
  name text NOT NULL,
  email text NOT NULL,
  ord bigint GENERATED ALWAYS AS IDENTITY,
  PRIMARY KEY (site_id, id)
);

CREATE TABLE host_bookings (
  site_id text NOT NULL,
  id text NOT NULL,
  client_id text NOT NULL,
  service_id text NOT NULL,
  session_id text,
  ord bigint GENERATED ALWAYS AS IDENTITY,
  PRIMARY KEY (site_id, id)
);
CREATE INDEX host_bookings_session ON host_bookings (site_id, session_id);
CREATE INDEX host_bookings_service ON host_bookings (site_id, service_id) WHERE session_id IS NULL;
