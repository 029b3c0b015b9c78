-- Running a peer support group's meeting (issue 8): the "This is who I am"
-- icebreaker, the World Café, agreeing the next date, feedback pulses; and
-- the network: themes, a shared library, field visits, joint meetings.

-- The icebreaker of one meeting. order_json: the presenting order, a JSON
-- array of user ids. current_user_id presents since turn_started_at; the
-- timer is gentle: turn_seconds is shown, nobody is cut off.
CREATE TABLE icebreakers (
    meeting_id BLOB PRIMARY KEY REFERENCES support_group_meetings(id) ON DELETE CASCADE,
    opened_at BIGINT NOT NULL,
    closed_at BIGINT,
    turn_seconds INTEGER NOT NULL,
    order_json TEXT NOT NULL,
    current_user_id BLOB REFERENCES users(id) ON DELETE SET NULL,
    turn_started_at BIGINT,
    changed_at BIGINT NOT NULL
);

-- What each member wrote: private writing. Others read it only once its
-- writer presented; it is deleted when the icebreaker closes (or a day after
-- it opened) unless the writer ticked `keep`, and then only the writer reads it.
CREATE TABLE icebreaker_notes (
    meeting_id BLOB NOT NULL REFERENCES icebreakers(meeting_id) ON DELETE CASCADE,
    user_id BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    past TEXT NOT NULL,
    present TEXT NOT NULL,
    future TEXT NOT NULL,
    keep INTEGER NOT NULL DEFAULT 0,
    presented_at BIGINT,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (meeting_id, user_id)
);

-- A meeting's World Café. plan_json: the seating from the group engine,
-- rounds[r][t] = user ids at table t in round r (host first). current_round
-- is 0 before the first round and rounds + 1 once it ended.
-- shared_with_group: every member reads the harvest (else facilitators and hosts).
CREATE TABLE cafes (
    meeting_id BLOB PRIMARY KEY REFERENCES support_group_meetings(id) ON DELETE CASCADE,
    rounds INTEGER NOT NULL,
    round_minutes INTEGER NOT NULL,
    plan_json TEXT,
    current_round INTEGER NOT NULL DEFAULT 0,
    round_started_at BIGINT,
    shared_with_group INTEGER NOT NULL DEFAULT 0,
    changed_at BIGINT NOT NULL
);

CREATE TABLE cafe_tables (
    meeting_id BLOB NOT NULL REFERENCES cafes(meeting_id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    theme TEXT NOT NULL,
    host_id BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (meeting_id, position)
);

-- What a table's host wrote in one round.
CREATE TABLE cafe_notes (
    meeting_id BLOB NOT NULL REFERENCES cafes(meeting_id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    round INTEGER NOT NULL,
    text TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (meeting_id, position, round)
);

-- The harvest shared with a linked group: its members read it.
CREATE TABLE cafe_shares (
    meeting_id BLOB NOT NULL REFERENCES cafes(meeting_id) ON DELETE CASCADE,
    group_id BLOB NOT NULL REFERENCES support_groups(id) ON DELETE CASCADE,
    shared_at BIGINT NOT NULL,
    PRIMARY KEY (meeting_id, group_id)
);

-- Agreeing the next date. meeting_id: the meeting where it was asked (may be
-- NULL); scheduled_meeting_id: the meeting made when the facilitator confirmed.
CREATE TABLE date_polls (
    id BLOB PRIMARY KEY,
    group_id BLOB NOT NULL REFERENCES support_groups(id) ON DELETE CASCADE,
    meeting_id BLOB REFERENCES support_group_meetings(id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    place TEXT,
    online INTEGER NOT NULL DEFAULT 0,
    time_zone TEXT NOT NULL,
    created_by BLOB REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    chosen_option BLOB,
    scheduled_meeting_id BLOB REFERENCES support_group_meetings(id) ON DELETE SET NULL,
    closed_at BIGINT
);
CREATE INDEX date_polls_group ON date_polls(group_id, created_at);

CREATE TABLE date_poll_options (
    id BLOB PRIMARY KEY,
    poll_id BLOB NOT NULL REFERENCES date_polls(id) ON DELETE CASCADE,
    starts_at BIGINT NOT NULL
);
CREATE INDEX date_poll_options_poll ON date_poll_options(poll_id, starts_at);

-- answer: 'yes', 'maybe' (if need be) or 'no'.
CREATE TABLE date_poll_answers (
    option_id BLOB NOT NULL REFERENCES date_poll_options(id) ON DELETE CASCADE,
    user_id BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    answer TEXT NOT NULL,
    answered_at BIGINT NOT NULL,
    PRIMARY KEY (option_id, user_id)
);

-- A member's personal link to answer one poll without signing in. Only a
-- hash of the token is stored; it answers that poll and nothing else.
CREATE TABLE date_poll_tokens (
    token_hash TEXT PRIMARY KEY,
    poll_id BLOB NOT NULL REFERENCES date_polls(id) ON DELETE CASCADE,
    user_id BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX date_poll_tokens_person ON date_poll_tokens(poll_id, user_id);

-- A feedback pulse. questions_json: [{text, kind: 'scale' | 'words'}].
CREATE TABLE pulses (
    id BLOB PRIMARY KEY,
    group_id BLOB NOT NULL REFERENCES support_groups(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    questions_json TEXT NOT NULL,
    created_by BLOB REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    closed_at BIGINT
);

-- Who has answered (so nobody answers twice), with no time and no link to
-- what they said. WITHOUT ROWID keeps no insertion order either.
CREATE TABLE pulse_respondents (
    pulse_id BLOB NOT NULL REFERENCES pulses(id) ON DELETE CASCADE,
    user_id BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (pulse_id, user_id)
) WITHOUT ROWID;

-- The answers: a random (v4) id, no person, no time.
CREATE TABLE pulse_answers (
    id BLOB PRIMARY KEY,
    pulse_id BLOB NOT NULL REFERENCES pulses(id) ON DELETE CASCADE,
    question INTEGER NOT NULL,
    score INTEGER,
    words TEXT
) WITHOUT ROWID;
CREATE INDEX pulse_answers_pulse ON pulse_answers(pulse_id, question);

-- What a group is about, shown in the network's directory.
CREATE TABLE support_group_themes (
    group_id BLOB NOT NULL REFERENCES support_groups(id) ON DELETE CASCADE,
    theme TEXT NOT NULL,
    PRIMARY KEY (group_id, theme)
);

-- The network's shared library: a file (through the files store) or a link.
-- tags: comma-separated, lower case.
CREATE TABLE network_resources (
    id BLOB PRIMARY KEY,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    url TEXT,
    file_id BLOB REFERENCES files(id) ON DELETE CASCADE,
    tags TEXT NOT NULL,
    added_by BLOB REFERENCES users(id) ON DELETE SET NULL,
    added_at BIGINT NOT NULL
);
CREATE INDEX network_resources_added ON network_resources(added_at);

-- A coordinator's or expert's visit to a group (seeds/001); its activity row
-- (kind 'field-visit') makes it count in the reports.
CREATE TABLE field_visits (
    id BLOB PRIMARY KEY,
    group_id BLOB NOT NULL REFERENCES support_groups(id) ON DELETE CASCADE,
    visited_on TEXT NOT NULL,
    visitors TEXT NOT NULL,
    observations TEXT NOT NULL,
    support_needs TEXT NOT NULL,
    capacity_needs TEXT NOT NULL,
    follow_up TEXT NOT NULL,
    activity_id BLOB REFERENCES activities(id) ON DELETE SET NULL,
    recorded_by BLOB REFERENCES users(id) ON DELETE SET NULL,
    recorded_at BIGINT NOT NULL
);
CREATE INDEX field_visits_group ON field_visits(group_id, visited_on);

-- A joint meeting: another (linked) group is invited to one of a group's meetings.
CREATE TABLE meeting_guest_groups (
    meeting_id BLOB NOT NULL REFERENCES support_group_meetings(id) ON DELETE CASCADE,
    group_id BLOB NOT NULL REFERENCES support_groups(id) ON DELETE CASCADE,
    invited_at BIGINT NOT NULL,
    PRIMARY KEY (meeting_id, group_id)
);

INSERT INTO activity_kinds (slug, name, sensitive, position, created_at)
SELECT 'field-visit', 'Field visit', 0, COALESCE(MAX(position), 0) + 1, 0 FROM activity_kinds
WHERE NOT EXISTS (SELECT 1 FROM activity_kinds WHERE slug = 'field-visit');
