-- A cohort's peer groups. Each save is a new arrangement, so the history of
-- who was in which group when is kept; the newest arrangement is the current one.

-- Labels a coordinator gives cohort members for grouping (school, role, ...).
CREATE TABLE member_labels (
    cohort_id UUID NOT NULL REFERENCES cohorts(id) ON DELETE CASCADE,
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    label TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (cohort_id, user_id, label)
);

-- Pairs to keep apart or together when forming this cohort's groups.
CREATE TABLE member_pairs (
    cohort_id UUID NOT NULL REFERENCES cohorts(id) ON DELETE CASCADE,
    first_user UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    second_user UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    PRIMARY KEY (cohort_id, first_user, second_user)
);

CREATE TABLE peer_group_arrangements (
    id UUID PRIMARY KEY,
    cohort_id UUID NOT NULL REFERENCES cohorts(id) ON DELETE CASCADE,
    saved_at BIGINT NOT NULL,
    saved_by UUID REFERENCES users(id) ON DELETE SET NULL
);
CREATE INDEX peer_group_arrangements_cohort ON peer_group_arrangements(cohort_id, saved_at);

CREATE TABLE peer_groups (
    id UUID PRIMARY KEY,
    arrangement_id UUID NOT NULL REFERENCES peer_group_arrangements(id) ON DELETE CASCADE,
    cohort_id UUID NOT NULL REFERENCES cohorts(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL
);
CREATE INDEX peer_groups_arrangement ON peer_groups(arrangement_id, position);

CREATE TABLE peer_group_members (
    group_id UUID NOT NULL REFERENCES peer_groups(id) ON DELETE CASCADE,
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, user_id)
);
CREATE INDEX peer_group_members_user ON peer_group_members(user_id);
