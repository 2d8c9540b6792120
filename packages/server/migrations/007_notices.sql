-- The outbox of notices (R29): one row per message to one booked client that their
-- session's link changed, recorded in the transaction of the change and kept until
-- delivered. `message_id` is the idempotency key every attempt carries (Message-ID), so a
-- re-send after a crash between sending and recording is recognisably the same message.
-- `claim_id` + `lease_until`: the worker that holds a `sending` row, and until when.
CREATE TABLE sl_notices (
  id text PRIMARY KEY,
  -- The order of recording (ties of created_at within one transaction), as the host tables' ord.
  ord bigint GENERATED ALWAYS AS IDENTITY,
  site_id text NOT NULL,
  booking_id text NOT NULL,
  session_id text NOT NULL,
  client_name text NOT NULL,
  client_email text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('booking-changed', 'course-changed')),
  old_link text,
  new_link text,
  why_before text,
  why_after text,
  created_at timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'dead', 'held')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz,
  lease_until timestamptz,
  claim_id text,
  last_error text,
  message_id text NOT NULL UNIQUE,
  sent_at timestamptz
);
-- What the worker claims: queued/failed by due time, sending by lease end.
CREATE INDEX sl_notices_due ON sl_notices (next_attempt_at, ord) WHERE status IN ('queued', 'failed');
CREATE INDEX sl_notices_lease ON sl_notices (lease_until) WHERE status = 'sending';
-- Coalescing: the open notice of a booking.
CREATE INDEX sl_notices_open ON sl_notices (site_id, booking_id) WHERE status IN ('queued', 'held');
-- The owner's view: a site's notices, newest first.
CREATE INDEX sl_notices_site ON sl_notices (site_id, created_at, ord);
