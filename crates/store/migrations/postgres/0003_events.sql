-- Live events: an event follows a run sheet (a JSON snapshot, so later edits to
-- the sheet never change an event already held) for a cohort. Everything that
-- happens live is an entry of event_log with a per-event sequence number.

CREATE TABLE events (
    id UUID PRIMARY KEY,
    cohort_id UUID NOT NULL REFERENCES cohorts(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    starts_at BIGINT NOT NULL,
    time_zone TEXT NOT NULL,
    run_sheet TEXT NOT NULL,
    -- The peer groups in use, fixed when the event starts.
    arrangement_id UUID REFERENCES peer_group_arrangements(id) ON DELETE SET NULL,
    created_by UUID REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    cancelled_at BIGINT
);
CREATE INDEX events_cohort ON events(cohort_id, starts_at);

-- visibility: 'everyone', 'staff', 'group' (visibility_id = the peer group) or
-- 'person' (visibility_id = the user). Facilitators see every entry.
CREATE TABLE event_log (
    event_id UUID NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    visibility TEXT NOT NULL,
    visibility_id UUID,
    change TEXT NOT NULL,
    at BIGINT NOT NULL,
    PRIMARY KEY (event_id, seq)
);

-- Private writing: only the writer ever reads it.
CREATE TABLE reflections (
    event_id UUID NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    step INTEGER NOT NULL,
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (event_id, step, user_id)
);

-- Ground rules belong to an audience and are versioned; people accept each version.
CREATE TABLE ground_rules (
    cohort_id UUID NOT NULL REFERENCES cohorts(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    text TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    created_by UUID REFERENCES users(id) ON DELETE SET NULL,
    PRIMARY KEY (cohort_id, version)
);

CREATE TABLE ground_rule_acceptances (
    cohort_id UUID NOT NULL REFERENCES cohorts(id) ON DELETE CASCADE,
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    accepted_at BIGINT NOT NULL,
    PRIMARY KEY (cohort_id, user_id, version)
);
