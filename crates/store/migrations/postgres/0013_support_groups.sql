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
