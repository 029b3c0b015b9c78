-- Reading a cohort's groups (their history, the live room) goes by cohort.
CREATE INDEX peer_groups_cohort ON peer_groups(cohort_id);
