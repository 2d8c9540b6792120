-- Zoom has no idempotency key (R22): before the worker asks Zoom to create a meeting it
-- commits the attempt here. A row still carrying another run's attempt may already exist
-- at Zoom (the process died, or the answer was lost): the worker looks it up first.
ALTER TABLE sl_meetings ADD COLUMN create_attempt_id text;
ALTER TABLE sl_meetings ADD COLUMN create_attempt_at text;
