-- R28: the iCalendar SEQUENCE a notice's e-mail went out with, kept with the notice. The next
-- notice of the same booking goes out with a higher one (and never below the site's revision
-- when it is rendered), so a client's calendar takes every update — also two notices rendered
-- at one site revision (one retried beside a newer one), which used to share a SEQUENCE.
-- NULL: not rendered yet.
ALTER TABLE sl_notices ADD COLUMN calendar_sequence integer;
