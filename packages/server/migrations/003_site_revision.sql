-- A per-site revision for the read cache: every write that can change what a read returns
-- bumps it in the same transaction, by statement-level triggers on every site-keyed table
-- (once per statement and site: a bulk insert of 1,000 rows bumps once), so no
-- write path (service, sync API, meeting worker, token refresh) can forget it. A read cache
-- keyed by the revision is never stale: a committed write is seen by the next revision read
-- on any instance. Rows are never deleted (a deleted and re-created site keeps counting up).
CREATE TABLE sl_site_revisions (
  site_id text PRIMARY KEY,
  revision bigint NOT NULL
);

CREATE FUNCTION sl_bump_site_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO sl_site_revisions AS r (site_id, revision)
      SELECT DISTINCT site_id, 1 FROM new_rows
      ON CONFLICT (site_id) DO UPDATE SET revision = r.revision + 1;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO sl_site_revisions AS r (site_id, revision)
      SELECT site_id, 1 FROM new_rows UNION SELECT site_id, 1 FROM old_rows
      ON CONFLICT (site_id) DO UPDATE SET revision = r.revision + 1;
  ELSE
    INSERT INTO sl_site_revisions AS r (site_id, revision)
      SELECT DISTINCT site_id, 1 FROM old_rows
      ON CONFLICT (site_id) DO UPDATE SET revision = r.revision + 1;
  END IF;
  RETURN NULL;
END;
$$;

-- host_sites is keyed by id, not site_id.
CREATE FUNCTION sl_bump_site_revision_by_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO sl_site_revisions AS r (site_id, revision)
      SELECT DISTINCT id, 1 FROM new_rows
      ON CONFLICT (site_id) DO UPDATE SET revision = r.revision + 1;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO sl_site_revisions AS r (site_id, revision)
      SELECT id, 1 FROM new_rows UNION SELECT id, 1 FROM old_rows
      ON CONFLICT (site_id) DO UPDATE SET revision = r.revision + 1;
  ELSE
    INSERT INTO sl_site_revisions AS r (site_id, revision)
      SELECT DISTINCT id, 1 FROM old_rows
      ON CONFLICT (site_id) DO UPDATE SET revision = r.revision + 1;
  END IF;
  RETURN NULL;
END;
$$;

-- Transition tables need one trigger per event.
CREATE TRIGGER sl_settings_revision_insert AFTER INSERT ON sl_settings REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sl_bump_site_revision();
CREATE TRIGGER sl_settings_revision_update AFTER UPDATE ON sl_settings REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sl_bump_site_revision();
CREATE TRIGGER sl_settings_revision_delete AFTER DELETE ON sl_settings REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sl_bump_site_revision();
CREATE TRIGGER sl_staff_accounts_revision_insert AFTER INSERT ON sl_staff_accounts REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sl_bump_site_revision();
CREATE TRIGGER sl_staff_accounts_revision_update AFTER UPDATE ON sl_staff_accounts REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sl_bump_site_revision();
CREATE TRIGGER sl_staff_accounts_revision_delete AFTER DELETE ON sl_staff_accounts REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sl_bump_site_revision();
CREATE TRIGGER sl_session_overrides_revision_insert AFTER INSERT ON sl_session_overrides REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sl_bump_site_revision();
CREATE TRIGGER sl_session_overrides_revision_update AFTER UPDATE ON sl_session_overrides REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sl_bump_site_revision();
CREATE TRIGGER sl_session_overrides_revision_delete AFTER DELETE ON sl_session_overrides REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sl_bump_site_revision();
CREATE TRIGGER sl_course_links_revision_insert AFTER INSERT ON sl_course_links REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sl_bump_site_revision();
CREATE TRIGGER sl_course_links_revision_update AFTER UPDATE ON sl_course_links REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sl_bump_site_revision();
CREATE TRIGGER sl_course_links_revision_delete AFTER DELETE ON sl_course_links REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sl_bump_site_revision();
CREATE TRIGGER sl_templates_revision_insert AFTER INSERT ON sl_templates REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sl_bump_site_revision();
CREATE TRIGGER sl_templates_revision_update AFTER UPDATE ON sl_templates REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sl_bump_site_revision();
CREATE TRIGGER sl_templates_revision_delete AFTER DELETE ON sl_templates REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sl_bump_site_revision();
CREATE TRIGGER sl_tokens_revision_insert AFTER INSERT ON sl_tokens REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sl_bump_site_revision();
CREATE TRIGGER sl_tokens_revision_update AFTER UPDATE ON sl_tokens REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sl_bump_site_revision();
CREATE TRIGGER sl_tokens_revision_delete AFTER DELETE ON sl_tokens REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sl_bump_site_revision();
CREATE TRIGGER sl_meetings_revision_insert AFTER INSERT ON sl_meetings REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sl_bump_site_revision();
CREATE TRIGGER sl_meetings_revision_update AFTER UPDATE ON sl_meetings REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sl_bump_site_revision();
CREATE TRIGGER sl_meetings_revision_delete AFTER DELETE ON sl_meetings REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sl_bump_site_revision();
CREATE TRIGGER host_members_revision_insert AFTER INSERT ON host_members REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sl_bump_site_revision();
CREATE TRIGGER host_members_revision_update AFTER UPDATE ON host_members REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sl_bump_site_revision();
CREATE TRIGGER host_members_revision_delete AFTER DELETE ON host_members REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sl_bump_site_revision();
CREATE TRIGGER host_staff_revision_insert AFTER INSERT ON host_staff REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sl_bump_site_revision();
CREATE TRIGGER host_staff_revision_update AFTER UPDATE ON host_staff REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sl_bump_site_revision();
CREATE TRIGGER host_staff_revision_delete AFTER DELETE ON host_staff REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sl_bump_site_revision();
CREATE TRIGGER host_services_revision_insert AFTER INSERT ON host_services REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sl_bump_site_revision();
CREATE TRIGGER host_services_revision_update AFTER UPDATE ON host_services REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sl_bump_site_revision();
CREATE TRIGGER host_services_revision_delete AFTER DELETE ON host_services REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sl_bump_site_revision();
CREATE TRIGGER host_sessions_revision_insert AFTER INSERT ON host_sessions REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sl_bump_site_revision();
CREATE TRIGGER host_sessions_revision_update AFTER UPDATE ON host_sessions REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sl_bump_site_revision();
CREATE TRIGGER host_sessions_revision_delete AFTER DELETE ON host_sessions REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sl_bump_site_revision();
CREATE TRIGGER host_clients_revision_insert AFTER INSERT ON host_clients REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sl_bump_site_revision();
CREATE TRIGGER host_clients_revision_update AFTER UPDATE ON host_clients REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sl_bump_site_revision();
CREATE TRIGGER host_clients_revision_delete AFTER DELETE ON host_clients REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sl_bump_site_revision();
CREATE TRIGGER host_bookings_revision_insert AFTER INSERT ON host_bookings REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sl_bump_site_revision();
CREATE TRIGGER host_bookings_revision_update AFTER UPDATE ON host_bookings REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sl_bump_site_revision();
CREATE TRIGGER host_bookings_revision_delete AFTER DELETE ON host_bookings REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sl_bump_site_revision();
CREATE TRIGGER host_sites_revision_insert AFTER INSERT ON host_sites REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sl_bump_site_revision_by_id();
CREATE TRIGGER host_sites_revision_update AFTER UPDATE ON host_sites REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sl_bump_site_revision_by_id();
CREATE TRIGGER host_sites_revision_delete AFTER DELETE ON host_sites REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sl_bump_site_revision_by_id();
