-- An event may be held for one of its cohort's peer groups rather than the
-- whole cohort: only that group's members join it.
ALTER TABLE events ADD COLUMN peer_group_id UUID REFERENCES peer_groups(id) ON DELETE SET NULL;

-- Co-facilitators: people who run one event with the cohort's facilitators
-- (often a peer who brings lived experience) without facilitating the cohort.
CREATE TABLE event_hosts (
    event_id UUID NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, user_id)
);
CREATE INDEX event_hosts_user ON event_hosts(user_id);
