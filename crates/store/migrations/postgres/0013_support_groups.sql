-- Peer support groups (`seeds/001`, `seeds/002`): groups that keep meeting,
-- with their own facilitators. A group belongs to a site, or to the whole
-- network when site_id is NULL. Not the cohorts' peer groups (0002).
CREATE TABLE support_groups (
    id UUID PRIMARY KEY,
    site_id UUID REFERENCES sites(id),
    name TEXT NOT NULL,
    purpose TEXT NOT NULL,
    -- the short public description, and how to reach the group
    description TEXT NOT NULL,
    contact TEXT NOT NULL,
    -- formal groups have roles and structured meetings; informal ones gather casually
    formal BOOLEAN NOT NULL DEFAULT TRUE,
    created_by UUID REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    archived_at BIGINT
);
CREATE INDEX support_groups_site ON support_groups(site_id);

-- role: 'facilitator', 'co-facilitator' or 'member'
CREATE TABLE support_group_members (
    group_id UUID NOT NULL REFERENCES support_groups(id) ON DELETE CASCADE,
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    joined_at BIGINT NOT NULL,
    PRIMARY KEY (group_id, user_id)
);
CREATE INDEX support_group_members_user ON support_group_members(user_id);

-- Asking to join: one open request per person and group; facilitators decide.
-- decision: 'accepted' or 'declined' once decided.
CREATE TABLE support_group_requests (
    id UUID PRIMARY KEY,
    group_id UUID NOT NULL REFERENCES support_groups(id) ON DELETE CASCADE,
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    message TEXT,
    asked_at BIGINT NOT NULL,
    decision TEXT,
    decided_by UUID REFERENCES users(id) ON DELETE SET NULL,
    decided_at BIGINT
);
CREATE UNIQUE INDEX support_group_requests_open ON support_group_requests(group_id, user_id) WHERE decided_at IS NULL;

-- The group's ground rules, versioned like an audience's (0003).
CREATE TABLE support_group_ground_rules (
    group_id UUID NOT NULL REFERENCES support_groups(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    text TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    created_by UUID REFERENCES users(id) ON DELETE SET NULL,
    PRIMARY KEY (group_id, version)
);

-- Two groups that cooperate. The pair is stored in one order (group_a < group_b)
-- so it exists once; agreed_at is set when the other group's facilitator agrees,
-- or at once when a coordinator connects them.
CREATE TABLE support_group_links (
    group_a UUID NOT NULL REFERENCES support_groups(id) ON DELETE CASCADE,
    group_b UUID NOT NULL REFERENCES support_groups(id) ON DELETE CASCADE,
    proposed_by_group UUID REFERENCES support_groups(id) ON DELETE CASCADE,
    proposed_by UUID REFERENCES users(id) ON DELETE SET NULL,
    proposed_at BIGINT NOT NULL,
    agreed_by UUID REFERENCES users(id) ON DELETE SET NULL,
    agreed_at BIGINT,
    PRIMARY KEY (group_a, group_b)
);
CREATE INDEX support_group_links_b ON support_group_links(group_b);

-- A group's meetings. A recurring series shares series_id. agenda is a JSON
-- array of {kind, title, minutes}. place: where in person (NULL: not in person);
-- online: the meeting is (also) held online. activity_id is the shared
-- activity row, whose attendance rows record who came.
CREATE TABLE support_group_meetings (
    id UUID PRIMARY KEY,
    group_id UUID NOT NULL REFERENCES support_groups(id) ON DELETE CASCADE,
    series_id UUID,
    title TEXT NOT NULL,
    starts_at BIGINT NOT NULL,
    time_zone TEXT NOT NULL,
    place TEXT,
    online BOOLEAN NOT NULL DEFAULT FALSE,
    agenda TEXT NOT NULL,
    -- the minutes, written by the facilitators, read by members only
    minutes TEXT,
    activity_id UUID REFERENCES activities(id) ON DELETE SET NULL,
    created_by UUID REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    cancelled_at BIGINT
);
CREATE INDEX support_group_meetings_group ON support_group_meetings(group_id, starts_at);

-- Action items agreed at a meeting; each has an owner and a due date.
CREATE TABLE support_group_actions (
    id UUID PRIMARY KEY,
    meeting_id UUID NOT NULL REFERENCES support_group_meetings(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    owner_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    due_on TEXT NOT NULL,
    done_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX support_group_actions_owner ON support_group_actions(owner_id, done_at);
