-- Community stories (issue 9, scope 5): who may read a story (its cohort, the
-- organisation, or anyone), how it is signed (full name, first name or
-- anonymous), an optional picture with its alt text, and two more states:
-- 'draft' (kept by its writer) and 'changes' (a moderator asked for changes).
-- Stories written before this asked to be shared with the organisation.
ALTER TABLE stories ADD COLUMN audience TEXT NOT NULL DEFAULT 'organisation';
ALTER TABLE stories ADD COLUMN cohort_id BLOB REFERENCES cohorts(id) ON DELETE SET NULL;
ALTER TABLE stories ADD COLUMN signature TEXT NOT NULL DEFAULT 'first';
ALTER TABLE stories ADD COLUMN picture_file_id BLOB REFERENCES files(id) ON DELETE SET NULL;
ALTER TABLE stories ADD COLUMN picture_alt TEXT;
ALTER TABLE stories ADD COLUMN updated_at BIGINT;
CREATE INDEX stories_audience ON stories(status, audience, created_at);
