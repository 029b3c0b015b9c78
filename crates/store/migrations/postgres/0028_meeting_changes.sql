-- Plans change for a peer support group's meeting too: its facilitators move
-- or cancel it before anyone is marked present. `revision` is the calendar
-- entry's SEQUENCE; `cancel_note` is the word members read when it is off.
ALTER TABLE support_group_meetings ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE support_group_meetings ADD COLUMN cancel_note TEXT;
