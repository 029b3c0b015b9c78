-- Retention and rights (issue 7, scope 9).
-- How long session logs stay in the lists before they are archived, and how
-- long a served walk-in's first name or nickname is kept. A daily job in the
-- job queue applies both.
ALTER TABLE organisation ADD COLUMN log_archive_months INTEGER NOT NULL DEFAULT 24;
ALTER TABLE organisation ADD COLUMN queue_name_hours INTEGER NOT NULL DEFAULT 24;

-- When a person was erased: their account row stays, with no name, email or
-- password, so the activities they came to keep counting one person.
ALTER TABLE users ADD COLUMN erased_at BIGINT;

CREATE INDEX support_logs_archive ON support_logs(archived_at, created_at);
CREATE INDEX support_queue_served ON support_queue(taken_at);
