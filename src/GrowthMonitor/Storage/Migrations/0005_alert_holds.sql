-- A status change found right after figures were entered by hand is held (Alerts:GroupWait): the first attempt of its
-- deliveries waits until held_until and sends only if the change still holds. Null for deliveries told at once.
ALTER TABLE growthmonitor.alert_deliveries ADD COLUMN held_until timestamptz NULL;
