-- "Who I am": each person's introduction to their peer group in a cohort.
-- Kept per person, so it follows them if the groups are re-formed; only
-- their group's members and the cohort's hosts read it.
CREATE TABLE introductions (
    cohort_id UUID NOT NULL REFERENCES cohorts(id) ON DELETE CASCADE,
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (cohort_id, user_id)
);
