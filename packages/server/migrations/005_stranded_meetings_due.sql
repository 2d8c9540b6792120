-- Hand-added Zoom meetings (R7) used to keep asking for a meeting from the account they were
-- added from, after that account was replaced or disconnected: the worker failed on such a
-- row on every run, with a backoff of up to an hour. The worker now plans those sessions
-- again from the account that applies (R22); this makes every such row due at once, so the
-- first worker run after the upgrade repairs them.
UPDATE sl_meetings AS m
SET next_attempt = NULL, next_attempt_at = NULL
WHERE m.status = 'pending'
  AND NOT EXISTS (SELECT 1 FROM sl_settings AS s WHERE s.site_id = m.site_id AND s.default_account ->> 'id' = m.account_id)
  AND NOT EXISTS (SELECT 1 FROM sl_staff_accounts AS a WHERE a.site_id = m.site_id AND a.account ->> 'id' = m.account_id);
