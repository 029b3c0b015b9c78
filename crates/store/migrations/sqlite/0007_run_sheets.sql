-- Run sheets people made (copies of the built-in ones, edited). Steps are the
-- domain's JSON; an event keeps its own copy, so editing never changes the past.
CREATE TABLE run_sheets (
    id BLOB PRIMARY KEY,
    name TEXT NOT NULL,
    steps TEXT NOT NULL,
    created_by BLOB REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    archived_at BIGINT
);
