-- Zoom webhooks name a Zoom user (app_deauthorized) or a Zoom meeting (meeting.deleted):
-- find the account and the meeting they are about.
ALTER TABLE sl_tokens ADD COLUMN zoom_user_id text;
CREATE INDEX sl_tokens_zoom_user ON sl_tokens (zoom_user_id) WHERE zoom_user_id IS NOT NULL;
CREATE INDEX sl_meetings_zoom_id ON sl_meetings (zoom_meeting_id) WHERE zoom_meeting_id IS NOT NULL;
