-- Foundation: the organisation, people, roles, sessions and the shared mechanisms.
-- Times are milliseconds since the Unix epoch (UTC) in BIGINT on both databases;
-- calendar dates are 'YYYY-MM-DD' text. The SQLite twin of this file has the same shape.

CREATE TABLE organisation (
    id UUID PRIMARY KEY,
    name TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    crisis_text TEXT NOT NULL DEFAULT '',
    is_demo BOOLEAN NOT NULL DEFAULT FALSE,
    created_at BIGINT NOT NULL
);

CREATE TABLE users (
    id UUID PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    -- lower-cased in Rust (full Unicode), so search works alike on both databases
    name_search TEXT NOT NULL,
    pronouns TEXT,
    language TEXT,
    time_zone TEXT,
    password_hash TEXT,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at BIGINT NOT NULL
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE sign_in_failures (
    email TEXT NOT NULL,
    failed_at BIGINT NOT NULL
);
CREATE INDEX sign_in_failures_email ON sign_in_failures(email, failed_at);

CREATE TABLE account_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    purpose TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);

CREATE TABLE sites (
    id UUID PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    address TEXT,
    archived_at BIGINT,
    created_at BIGINT NOT NULL
);

CREATE TABLE programmes (
    id UUID PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT,
    archived_at BIGINT,
    created_at BIGINT NOT NULL
);

CREATE TABLE phases (
    id UUID PRIMARY KEY,
    programme_id UUID NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    position INTEGER NOT NULL,
    starts_on TEXT,
    ends_on TEXT
);
CREATE INDEX phases_programme ON phases(programme_id, position);

CREATE TABLE cohorts (
    id UUID PRIMARY KEY,
    programme_id UUID NOT NULL REFERENCES programmes(id),
    phase_id UUID REFERENCES phases(id) ON DELETE SET NULL,
    site_id UUID NOT NULL REFERENCES sites(id),
    name TEXT NOT NULL,
    starts_on TEXT,
    ends_on TEXT,
    archived_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX cohorts_site ON cohorts(site_id);

-- scope_key is 'organisation', 'site:<id>' or 'cohort:<id>': one text column
-- makes the uniqueness rule work on both databases (NULLs never conflict).
CREATE TABLE role_grants (
    id UUID PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    site_id UUID REFERENCES sites(id),
    cohort_id UUID REFERENCES cohorts(id),
    scope_key TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (user_id, role, scope_key)
);
CREATE INDEX role_grants_cohort ON role_grants(cohort_id);

CREATE TABLE services (
    id UUID PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    description TEXT,
    contact TEXT,
    hours TEXT,
    languages TEXT,
    site_id UUID REFERENCES sites(id),
    is_crisis_line BOOLEAN NOT NULL DEFAULT FALSE,
    archived_at BIGINT,
    created_at BIGINT NOT NULL
);

CREATE TABLE notifications (
    id UUID PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    link TEXT,
    created_at BIGINT NOT NULL,
    read_at BIGINT
);
CREATE INDEX notifications_user ON notifications(user_id, created_at);

CREATE TABLE jobs (
    id UUID PRIMARY KEY,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    run_at BIGINT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    locked_until BIGINT,
    done_at BIGINT,
    last_error TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX jobs_due ON jobs(done_at, run_at);

CREATE TABLE audit_log (
    id UUID PRIMARY KEY,
    actor_id UUID REFERENCES users(id) ON DELETE SET NULL,
    action TEXT NOT NULL,
    subject_kind TEXT NOT NULL,
    subject_id UUID,
    subject_user_id UUID REFERENCES users(id) ON DELETE SET NULL,
    at BIGINT NOT NULL
);
CREATE INDEX audit_subject_user ON audit_log(subject_user_id, at);

CREATE TABLE files (
    id UUID PRIMARY KEY,
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    bytes BYTEA NOT NULL,
    uploaded_by UUID REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);

-- What happened, for reports: every feature writes one row per activity
-- (coaching, supervision, group development, observation, event, session...).
CREATE TABLE activities (
    id UUID PRIMARY KEY,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    site_id UUID REFERENCES sites(id),
    cohort_id UUID REFERENCES cohorts(id),
    phase_id UUID REFERENCES phases(id),
    occurred_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX activities_when ON activities(occurred_at);

CREATE TABLE attendance (
    activity_id UUID NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    reason TEXT,
    PRIMARY KEY (activity_id, user_id)
);
