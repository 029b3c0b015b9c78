-- Roles that training unlocks (seeds/003). Each role may need a minimum of
-- training: whole modules (signed off) and single sessions (attended), from
-- any curriculum. item_key is 'module:<id>' or 'session:<id>'.
CREATE TABLE role_training_requirements (
    role TEXT NOT NULL,
    item_key TEXT NOT NULL,
    module_id UUID REFERENCES curriculum_modules(id) ON DELETE CASCADE,
    session_id UUID REFERENCES curriculum_sessions(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (role, item_key)
);

-- A role given before its training was complete: an administrator's decision,
-- with what was missing then (as named then) and their reason.
CREATE TABLE role_training_overrides (
    id UUID PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    scope_key TEXT NOT NULL,
    missing TEXT NOT NULL,
    reason TEXT NOT NULL,
    decided_by UUID REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX role_training_overrides_user ON role_training_overrides(user_id, created_at);

-- A peer worker's service term (seeds/003: students serve a few years at
-- most): when they start and when they are expected to leave, so the
-- pipeline shows when the next training cohort must start.
CREATE TABLE role_grant_terms (
    grant_id UUID PRIMARY KEY REFERENCES role_grants(id) ON DELETE CASCADE,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL
);

-- A session can run live online: the run sheet its activities follow, by
-- the run sheet library's choice key ('builtin:<n>' or a saved sheet's id).
CREATE TABLE session_run_sheets (
    session_id UUID PRIMARY KEY REFERENCES curriculum_sessions(id) ON DELETE CASCADE,
    sheet_key TEXT NOT NULL
);

-- A session delivered online: the live event made for the cohort from its run sheet.
CREATE TABLE delivery_events (
    delivery_id UUID PRIMARY KEY REFERENCES training_deliveries(id) ON DELETE CASCADE,
    event_id UUID NOT NULL REFERENCES events(id) ON DELETE CASCADE
);
