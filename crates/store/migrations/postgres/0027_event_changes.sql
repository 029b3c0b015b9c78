-- Plans change: a facilitator moves or cancels an event that has not begun.
-- `revision` counts the changes, so calendars that subscribed replace their
-- copy (iCalendar SEQUENCE); `cancel_note` is the short word the audience
-- reads on the event's page and in the notice.
ALTER TABLE events ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN cancel_note TEXT;
