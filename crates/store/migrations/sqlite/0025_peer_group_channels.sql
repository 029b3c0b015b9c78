-- A cohort peer group's channel between events: one more kind of
-- conversation ('peer-group', peer_group_id set), on the same tables as a
-- peer support group's channel. When a coordinator saves new groups the
-- channel moves to the new group that keeps most of its members (see
-- PeerGroups::save), so what people wrote stays with them.
ALTER TABLE conversations ADD COLUMN peer_group_id BLOB REFERENCES peer_groups(id) ON DELETE CASCADE;
CREATE UNIQUE INDEX conversations_one_per_peer_group ON conversations(peer_group_id) WHERE peer_group_id IS NOT NULL;
