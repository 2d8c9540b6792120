-- A per-site revision for the read cache: every write that can change what a read returns
-- bumps it in the same transaction, by row-level triggers on every site-keyed table, so no
-- write path (service, sync API, meeting worker, token refresh) can forget it. A read cache
-- keyed by the revision is never stale: a committed write is seen by the next revision read
-- on any instance. Rows are never deleted (a deleted and re-created site keeps counting up).
CREATE TABLE sl_site_revisions (
  site_id text PRIMARY KEY,
  revision bigint NOT NULL
);

CREATE FUNCTION sl_bump_site_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO sl_site_revisions AS r (site_id, revision) VALUES (OLD.site_id, 1)
      ON CONFLICT (site_id) DO UPDATE SET revision = r.revision + 1;
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.site_id IS DISTINCT FROM OLD.site_id) THEN
    INSERT INTO sl_site_revisions AS r (site_id, revision) VALUES (NEW.site_id, 1)
      ON CONFLICT (site_id) DO UPDATE SET revision = r.revision + 1;
  END IF;
  RETURN NULL;
END;
$$;

-- host_sites is keyed by id, not site_id.
CREATE FUNCTION sl_bump_site_revision_by_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO sl_site_revisions AS r (site_id, revision) VALUES (OLD.id, 1)
      ON CONFLICT (site_id) DO UPDATE SET revision = r.revision + 1;
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.id IS DISTINCT FROM OLD.id) THEN
    INSERT INTO sl_site_revisions AS r (site_id, revision) VALUES (NEW.id, 1)
      ON CONFLICT (site_id) DO UPDATE SET revision = r.revision + 1;
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER sl_settings_revision AFTER INSERT OR UPDATE OR DELETE ON sl_settings FOR EACH ROW EXECUTE FUNCTION sl_bump_site_revision();
CREATE TRIGGER sl_staff_accounts_revision AFTER INSERT OR UPDATE OR DELETE ON sl_staff_accounts FOR EACH ROW EXECUTE FUNCTION sl_bump_site_revision();
CREATE TRIGGER sl_session_overrides_revision AFTER INSERT OR UPDATE OR DELETE ON sl_session_overrides FOR EACH ROW EXECUTE FUNCTION sl_bump_site_revision();
CREATE TRIGGER sl_course_links_revision AFTER INSERT OR UPDATE OR DELETE ON sl_course_links FOR EACH ROW EXECUTE FUNCTION sl_bump_site_revision();
CREATE TRIGGER sl_templates_revision AFTER INSERT OR UPDATE OR DELETE ON sl_templates FOR EACH ROW EXECUTE FUNCTION sl_bump_site_revision();
CREATE TRIGGER sl_tokens_revision AFTER INSERT OR UPDATE OR DELETE ON sl_tokens FOR EACH ROW EXECUTE FUNCTION sl_bump_site_revision();
CREATE TRIGGER sl_meetings_revision AFTER INSERT OR UPDATE OR DELETE ON sl_meetings FOR EACH ROW EXECUTE FUNCTION sl_bump_site_revision();
CREATE TRIGGER host_sites_revision AFTER INSERT OR UPDATE OR DELETE ON host_sites FOR EACH ROW EXECUTE FUNCTION sl_bump_site_revision_by_id();
CREATE TRIGGER host_members_revision AFTER INSERT OR UPDATE OR DELETE ON host_members FOR EACH ROW EXECUTE FUNCTION sl_bump_site_revision();
CREATE TRIGGER host_staff_revision AFTER INSERT OR UPDATE OR DELETE ON host_staff FOR EACH ROW EXECUTE FUNCTION sl_bump_site_revision();
CREATE TRIGGER host_services_revision AFTER INSERT OR UPDATE OR DELETE ON host_services FOR EACH ROW EXECUTE FUNCTION sl_bump_site_revision();
CREATE TRIGGER host_sessions_revision AFTER INSERT OR UPDATE OR DELETE ON host_sessions FOR EACH ROW EXECUTE FUNCTION sl_bump_site_revision();
CREATE TRIGGER host_clients_revision AFTER INSERT OR UPDATE OR DELETE ON host_clients FOR EACH ROW EXECUTE FUNCTION sl_bump_site_revision();
CREATE TRIGGER host_bookings_revision AFTER INSERT OR UPDATE OR DELETE ON host_bookings FOR EACH ROW EXECUTE FUNCTION sl_bump_site_revision();
