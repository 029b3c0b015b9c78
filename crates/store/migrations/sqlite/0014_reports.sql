-- Reports, activity kinds and community stories (issue 9).

-- The kinds of activity reports count. Hearth's own kinds (seeds/001's field
-- work, plus what Hearth runs itself) are shown translated; kinds added by an
-- organisation are shown by the name it gave. `sensitive` marks kinds about
-- support or wellbeing, whose small counts are never shown.
CREATE TABLE activity_kinds (
    slug TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    sensitive INTEGER NOT NULL DEFAULT 0,
    position INTEGER NOT NULL,
    created_at BIGINT NOT NULL
);
INSERT INTO activity_kinds (slug, name, sensitive, position, created_at) VALUES
    ('coaching', 'Coaching', 0, 1, 0),
    ('supervision', 'Supervision (case management)', 1, 2, 0),
    ('group-development', 'Peer support group development', 0, 3, 0),
    ('observation', 'Observation and prioritisation', 0, 4, 0),
    ('training-session', 'Training', 0, 5, 0),
    ('dialogue-event', 'Dialogue event', 0, 6, 0),
    ('group-meeting', 'Group meeting', 0, 7, 0),
    ('one-to-one', 'One-to-one', 1, 8, 0);

-- A live event's one activity row, made when the first person comes in.
ALTER TABLE activities ADD COLUMN event_id BLOB REFERENCES events(id) ON DELETE SET NULL;
CREATE UNIQUE INDEX activities_event ON activities(event_id);
-- Activities recorded afterwards may give a head count instead of names:
-- it adds to attendances, never to unique people.
ALTER TABLE activities ADD COLUMN head_count INTEGER;
ALTER TABLE activities ADD COLUMN recorded_by BLOB REFERENCES users(id) ON DELETE SET NULL;
CREATE INDEX activities_site ON activities(site_id, occurred_at);

-- A participant's story of growth, shared under their first name with the
-- organisation once a coordinator approved it. Taking it back deletes the row,
-- so it is gone from every page at once. `share_token` is the unguessable
-- address of its public page.
CREATE TABLE stories (
    id BLOB PRIMARY KEY,
    author_id BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    signed_as TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    -- 'waiting', 'approved' or 'declined'
    status TEXT NOT NULL,
    moderator_note TEXT,
    moderated_by BLOB REFERENCES users(id) ON DELETE SET NULL,
    moderated_at BIGINT,
    share_token TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);
CREATE INDEX stories_status ON stories(status, created_at);
CREATE INDEX stories_author ON stories(author_id, created_at);
