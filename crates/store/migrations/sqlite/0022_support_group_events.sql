-- no-transaction
-- An event's audience is a cohort or a peer support group (an online meeting
-- held in the live room). SQLite cannot drop NOT NULL from events.cohort_id,
-- so the table is rebuilt as SQLite's documentation describes: foreign keys
-- off (outside a transaction, hence no-transaction above), copy, swap.
PRAGMA foreign_keys = OFF;
BEGIN;

CREATE TABLE events_new (
    id BLOB PRIMARY KEY,
    cohort_id BLOB REFERENCES cohorts(id) ON DELETE CASCADE,
    support_group_id BLOB REFERENCES support_groups(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    starts_at BIGINT NOT NULL,
    time_zone TEXT NOT NULL,
    run_sheet TEXT NOT NULL,
    arrangement_id BLOB REFERENCES peer_group_arrangements(id) ON DELETE SET NULL,
    created_by BLOB REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    cancelled_at BIGINT,
    peer_group_id BLOB REFERENCES peer_groups(id) ON DELETE SET NULL,
    CHECK ((cohort_id IS NULL) <> (support_group_id IS NULL))
);
INSERT INTO events_new (id, cohort_id, title, starts_at, time_zone, run_sheet, arrangement_id,
                        created_by, created_at, cancelled_at, peer_group_id)
    SELECT id, cohort_id, title, starts_at, time_zone, run_sheet, arrangement_id,
           created_by, created_at, cancelled_at, peer_group_id FROM events;
DROP TABLE events;
ALTER TABLE events_new RENAME TO events;
CREATE INDEX events_cohort ON events(cohort_id, starts_at);
CREATE INDEX events_support_group ON events(support_group_id, starts_at);

-- A support group's members accept its ground rules before first entering
-- its live room, as a cohort's members do theirs (0003).
CREATE TABLE support_group_rule_acceptances (
    group_id BLOB NOT NULL REFERENCES support_groups(id) ON DELETE CASCADE,
    user_id BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    accepted_at BIGINT NOT NULL,
    PRIMARY KEY (group_id, user_id, version)
);

-- A meeting held online runs as this event, its agenda as the run sheet.
ALTER TABLE support_group_meetings ADD COLUMN event_id BLOB REFERENCES events(id) ON DELETE SET NULL;

COMMIT;
PRAGMA foreign_keys = ON;
