-- A site's language and IANA time zone, synced by the host with the site (R28): its e-mails
-- are written in them. NULL: never given, the e-mails are English and in UTC.
ALTER TABLE host_sites ADD COLUMN locale text;
ALTER TABLE host_sites ADD COLUMN time_zone text;
