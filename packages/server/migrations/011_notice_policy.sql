-- R29: per site, whether booked clients are told when their link changes — `auto` (the
-- default), `review` (held until the owner sends them) or `off`. Part of the settings row:
-- setting it bumps the settings' version like the default account does.
ALTER TABLE sl_settings ADD COLUMN notice_policy text NOT NULL DEFAULT 'auto'
  CHECK (notice_policy IN ('auto', 'review', 'off'));

-- The owner's view of a session's or a course's notices: those of its bookings.
CREATE INDEX sl_notices_booking ON sl_notices (site_id, booking_id, created_at);

-- "Tell them now" of a write whose new link is a Zoom meeting still to be made (worker mode):
-- kept per session until the worker's change that brings the link, which decides with it.
CREATE TABLE sl_notice_choices (
  site_id text NOT NULL,
  session_id text NOT NULL,
  tell_clients boolean NOT NULL,
  PRIMARY KEY (site_id, session_id)
);
