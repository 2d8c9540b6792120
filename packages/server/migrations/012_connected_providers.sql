-- R31: Zoom, Google Meet and Microsoft Teams through one provider contract.
-- Tokens and meetings keep the provider of their account (the worker and the webhooks pick
-- the provider's gateway by it; a disconnected account's tokens outlive the account). Every
-- row before this migration is Zoom's.
ALTER TABLE sl_tokens ADD COLUMN provider text NOT NULL DEFAULT 'zoom';
ALTER TABLE sl_meetings ADD COLUMN provider text NOT NULL DEFAULT 'zoom';
-- Accounts name their provider's user `user` (was `zoomUser`).
UPDATE sl_settings
  SET default_account = (default_account - 'zoomUser') || jsonb_build_object('user', default_account -> 'zoomUser')
  WHERE default_account ? 'zoomUser';
UPDATE sl_staff_accounts
  SET account = (account - 'zoomUser') || jsonb_build_object('user', account -> 'zoomUser')
  WHERE account ? 'zoomUser';
-- A meeting added to a session by hand is `meeting` (was `zoom`): it comes from whichever provider applies.
UPDATE sl_session_overrides
  SET override = jsonb_set(override, '{kind}', '"meeting"')
  WHERE override ->> 'kind' = 'zoom';
-- The reasons a session has no link, as recorded (R30), under their provider-neutral names.
UPDATE sl_link_ledger SET link = replace(replace(replace(link::text,
    '"ZOOM_MEETING_PENDING"', '"PROVIDER_MEETING_PENDING"'),
    '"ZOOM_NOT_CONFIGURED"', '"PROVIDER_NOT_CONFIGURED"'),
    '"NO_ZOOM_ACCOUNT"', '"NO_MEETING_ACCOUNT"')::jsonb
  WHERE link::text LIKE '%ZOOM%';
UPDATE sl_link_history SET
  before = replace(replace(replace(before::text,
    '"ZOOM_MEETING_PENDING"', '"PROVIDER_MEETING_PENDING"'),
    '"ZOOM_NOT_CONFIGURED"', '"PROVIDER_NOT_CONFIGURED"'),
    '"NO_ZOOM_ACCOUNT"', '"NO_MEETING_ACCOUNT"')::jsonb,
  after = replace(replace(replace(after::text,
    '"ZOOM_MEETING_PENDING"', '"PROVIDER_MEETING_PENDING"'),
    '"ZOOM_NOT_CONFIGURED"', '"PROVIDER_NOT_CONFIGURED"'),
    '"NO_ZOOM_ACCOUNT"', '"NO_MEETING_ACCOUNT"')::jsonb
  WHERE before::text LIKE '%ZOOM%' OR after::text LIKE '%ZOOM%';
