-- An event's audience is a cohort or a peer support group (an online meeting
-- held in the live room).
ALTER TABLE events ALTER COLUMN cohort_id DROP NOT NULL;
ALTER TABLE events ADD COLUMN support_group_id UUID REFERENCES support_groups(id) ON DELETE CASCADE;
ALTER TABLE events ADD CONSTRAINT events_one_audience
    CHECK ((cohort_id IS NULL) <> (support_group_id IS NULL));
CREATE INDEX events_support_group ON events(support_group_id, starts_at);

-- A support group's members accept its ground rules before first entering
-- its live room, as a cohort's members do theirs (0003).
CREATE TABLE support_group_rule_acceptances (
    group_id UUID NOT NULL REFERENCES support_groups(id) ON DELETE CASCADE,
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    accepted_at BIGINT NOT NULL,
    PRIMARY KEY (group_id, user_id, version)
);

-- A meeting held online runs as this event, its agenda as the run sheet.
ALTER TABLE support_group_meetings ADD COLUMN event_id UUID REFERENCES events(id) ON DELETE SET NULL;
