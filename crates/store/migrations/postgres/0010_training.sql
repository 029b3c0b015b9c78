-- Training: curricula of modules and sessions, a cohort's chosen curriculum,
-- and the pre-programme readiness step. Stocktakes and recovery stories are
-- private writing: read only by their writer, or by the cohort's facilitators
-- when the writer has shared them; no export or report reads these tables.
CREATE TABLE curricula (
    id UUID PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT,
    -- the stocktake's questions, a JSON array of strings
    stocktake TEXT NOT NULL,
    -- share of a module's sessions a trainee attends before it can be signed off
    attendance_percent INTEGER NOT NULL DEFAULT 75,
    created_by UUID REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    archived_at BIGINT
);

CREATE TABLE curriculum_modules (
    id UUID PRIMARY KEY,
    curriculum_id UUID NOT NULL REFERENCES curricula(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    purpose TEXT,
    builds_on UUID REFERENCES curriculum_modules(id) ON DELETE SET NULL
);
CREATE INDEX curriculum_modules_curriculum ON curriculum_modules(curriculum_id, position);

CREATE TABLE curriculum_sessions (
    id UUID PRIMARY KEY,
    module_id UUID NOT NULL REFERENCES curriculum_modules(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    learning_intentions TEXT NOT NULL,
    activities TEXT NOT NULL,
    mini_knowledge TEXT NOT NULL,
    handout TEXT NOT NULL
);
CREATE INDEX curriculum_sessions_module ON curriculum_sessions(module_id, position);

-- A cohort with a curriculum is a training cohort.
CREATE TABLE cohort_curricula (
    cohort_id UUID PRIMARY KEY REFERENCES cohorts(id) ON DELETE CASCADE,
    curriculum_id UUID NOT NULL REFERENCES curricula(id),
    set_at BIGINT NOT NULL
);

CREATE TABLE stocktakes (
    cohort_id UUID NOT NULL REFERENCES cohorts(id) ON DELETE CASCADE,
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    -- JSON array of [question, answer] pairs, as the questions were when answered
    answers TEXT NOT NULL,
    -- every question answered when last saved
    complete BOOLEAN NOT NULL DEFAULT FALSE,
    shared BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (cohort_id, user_id)
);

-- Every writing sitting is a version; the newest is the story now.
CREATE TABLE recovery_story_versions (
    id UUID PRIMARY KEY,
    cohort_id UUID NOT NULL REFERENCES cohorts(id) ON DELETE CASCADE,
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX recovery_story_versions_writer ON recovery_story_versions(cohort_id, user_id, created_at);

CREATE TABLE recovery_story_shares (
    cohort_id UUID NOT NULL REFERENCES cohorts(id) ON DELETE CASCADE,
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    shared BOOLEAN NOT NULL,
    PRIMARY KEY (cohort_id, user_id)
);

CREATE TABLE readiness_conversations (
    id UUID PRIMARY KEY,
    cohort_id UUID NOT NULL REFERENCES cohorts(id) ON DELETE CASCADE,
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    held_on TEXT NOT NULL,
    outcome TEXT NOT NULL,
    note TEXT,
    recorded_by UUID REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX readiness_conversations_trainee ON readiness_conversations(cohort_id, user_id, held_on);

-- CHIME self-reflections: five 1-5 scales and an optional private note, as
-- often as the trainee likes. The note is the writer's alone; others see only
-- cohort averages, and only once at least five people have answered.
CREATE TABLE chime_reflections (
    id UUID PRIMARY KEY,
    cohort_id UUID NOT NULL REFERENCES cohorts(id) ON DELETE CASCADE,
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    connectedness INTEGER NOT NULL,
    hope INTEGER NOT NULL,
    identity INTEGER NOT NULL,
    meaning INTEGER NOT NULL,
    empowerment INTEGER NOT NULL,
    note TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX chime_reflections_writer ON chime_reflections(cohort_id, user_id, created_at);

-- A session's materials: a link, or a file uploaded into the database (so
-- every instance serves it). Trainees of a cohort following the curriculum
-- may open them; they are served as downloads, never inline.
CREATE TABLE curriculum_materials (
    id UUID PRIMARY KEY,
    session_id UUID NOT NULL REFERENCES curriculum_sessions(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    url TEXT,
    file_id UUID REFERENCES files(id),
    created_at BIGINT NOT NULL
);
CREATE INDEX curriculum_materials_session ON curriculum_materials(session_id, created_at);

-- A curriculum session delivered to a cohort, in a room: its attendance is
-- the shared activities/attendance rows (kind 'training-session').
CREATE TABLE training_deliveries (
    id UUID PRIMARY KEY,
    cohort_id UUID NOT NULL REFERENCES cohorts(id) ON DELETE CASCADE,
    session_id UUID NOT NULL REFERENCES curriculum_sessions(id) ON DELETE CASCADE,
    activity_id UUID NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    starts_at BIGINT NOT NULL,
    place TEXT,
    created_by UUID REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX training_deliveries_cohort ON training_deliveries(cohort_id, starts_at);

-- A facilitator's sign-off that a trainee completed a module (the attendance
-- threshold is the curriculum's: curricula.attendance_percent).
CREATE TABLE module_signoffs (
    cohort_id UUID NOT NULL REFERENCES cohorts(id) ON DELETE CASCADE,
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    module_id UUID NOT NULL REFERENCES curriculum_modules(id) ON DELETE CASCADE,
    signed_by UUID REFERENCES users(id) ON DELETE SET NULL,
    signed_at BIGINT NOT NULL,
    PRIMARY KEY (cohort_id, user_id, module_id)
);

-- Co-facilitation with a peer approach (seeds/003): who facilitates each
-- delivered session, and which facilitators say they bring lived experience.
CREATE TABLE delivery_facilitators (
    delivery_id UUID NOT NULL REFERENCES training_deliveries(id) ON DELETE CASCADE,
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (delivery_id, user_id)
);
CREATE TABLE lived_experience (
    user_id UUID PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    marked_at BIGINT NOT NULL
);

-- Trainees' feedback on a session they attended: a rating only, so it stays
-- anonymous; the person is kept only so each gives one answer. Counts are shown
-- from five answers on.
CREATE TABLE delivery_feedback (
    delivery_id UUID NOT NULL REFERENCES training_deliveries(id) ON DELETE CASCADE,
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    rating INTEGER NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (delivery_id, user_id)
);
