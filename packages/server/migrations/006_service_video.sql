-- A service's video-conferencing switch (the service form's Locations → Video conferencing)
-- writes the host's `online` field with optimistic concurrency (R20): this version rises
-- with each change of `online`, by the switch or by the host's sync.
ALTER TABLE host_services ADD COLUMN version integer NOT NULL DEFAULT 0;
