-- Who spoke at a debrief, so the picker stays fair across a cohort's events.
CREATE TABLE debrief_speakers (
    cohort_id BLOB NOT NULL REFERENCES cohorts(id) ON DELETE CASCADE,
    event_id BLOB NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    user_id BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    at BIGINT NOT NULL,
    PRIMARY KEY (event_id, user_id)
);
CREATE INDEX debrief_speakers_cohort ON debrief_speakers(cohort_id);

-- Feedback at the end of an event. The writer is kept only so each person
-- answers once; facilitators see the answers without names.
CREATE TABLE event_feedback (
    event_id BLOB NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    user_id BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    rating INTEGER NOT NULL,
    helped TEXT,
    change_next TEXT,
    at BIGINT NOT NULL,
    PRIMARY KEY (event_id, user_id)
);
