-- R30: every change of a session's resolved link is kept.
-- sl_link_ledger: per session, the last resolved link the server has seen (a resolution as
-- JSON: status, source or reason, provider, guest URL, meeting id, the password and
-- description it carried — never a host link: those are redacted on read by R18, and
-- start links are never kept here). sl_link_history: one row per change, newest by `ord`.
-- Neither bumps the site's revision: they record what reads already show.

CREATE TABLE sl_link_ledger (
  site_id text NOT NULL,
  session_id text NOT NULL,
  link jsonb NOT NULL,
  seen_at text NOT NULL,
  PRIMARY KEY (site_id, session_id)
);

CREATE TABLE sl_link_history (
  ord bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  site_id text NOT NULL,
  session_id text NOT NULL,
  at text NOT NULL,
  actor jsonb NOT NULL,
  before jsonb NOT NULL,
  after jsonb NOT NULL
);
-- A session's history, newest first, paged by `ord`.
CREATE INDEX sl_link_history_session ON sl_link_history (site_id, session_id, ord DESC);
