-- One-to-one support: student centres with opening hours, confidential rooms
-- and their bookings, the drop-in rota, the walk-in queue, session logs with
-- their flags, supervision. Session logs are read only by their author, the
-- site's supervisors and its safeguarding lead; every read goes to audit_log.

-- A place where peers hold drop-in shifts (a student centre at a site).
-- checkin_code is the unguessable part of the public check-in address (QR code).
CREATE TABLE support_locations (
    id BLOB PRIMARY KEY,
    site_id BLOB NOT NULL REFERENCES sites(id),
    name TEXT NOT NULL,
    address TEXT,
    checkin_code TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);

-- weekday 1 = Monday ... 7 = Sunday; times are 'HH:MM' in the organisation's zone.
CREATE TABLE support_opening_hours (
    location_id BLOB NOT NULL REFERENCES support_locations(id) ON DELETE CASCADE,
    weekday INTEGER NOT NULL,
    opens TEXT NOT NULL,
    closes TEXT NOT NULL,
    PRIMARY KEY (location_id, weekday)
);

-- A confidential room at a site.
CREATE TABLE support_rooms (
    id BLOB PRIMARY KEY,
    site_id BLOB NOT NULL REFERENCES sites(id),
    name TEXT NOT NULL,
    capacity INTEGER NOT NULL,
    accessibility TEXT,
    created_at BIGINT NOT NULL
);

CREATE TABLE support_shifts (
    id BLOB PRIMARY KEY,
    location_id BLOB NOT NULL REFERENCES support_locations(id) ON DELETE CASCADE,
    starts_at BIGINT NOT NULL,
    ends_at BIGINT NOT NULL,
    -- how many peer workers the shift needs; fewer signed up is a gap
    places INTEGER NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX support_shifts_when ON support_shifts(location_id, starts_at);

CREATE TABLE support_bookings (
    id BLOB PRIMARY KEY,
    room_id BLOB NOT NULL REFERENCES support_rooms(id) ON DELETE CASCADE,
    starts_at BIGINT NOT NULL,
    ends_at BIGINT NOT NULL,
    purpose TEXT NOT NULL,
    shift_id BLOB REFERENCES support_shifts(id) ON DELETE CASCADE,
    booked_by BLOB REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX support_bookings_room ON support_bookings(room_id, starts_at);

-- Each booking holds every quarter hour it covers. The primary key is what
-- refuses a double booking, on both databases, however many requests race.
CREATE TABLE support_booking_slots (
    room_id BLOB NOT NULL REFERENCES support_rooms(id) ON DELETE CASCADE,
    slot_start BIGINT NOT NULL,
    booking_id BLOB NOT NULL REFERENCES support_bookings(id) ON DELETE CASCADE,
    PRIMARY KEY (room_id, slot_start)
);
CREATE INDEX support_booking_slots_booking ON support_booking_slots(booking_id);

CREATE TABLE support_shift_signups (
    shift_id BLOB NOT NULL REFERENCES support_shifts(id) ON DELETE CASCADE,
    user_id BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (shift_id, user_id)
);

-- A peer asks someone to take their place; another peer takes it.
CREATE TABLE support_swaps (
    id BLOB PRIMARY KEY,
    shift_id BLOB NOT NULL REFERENCES support_shifts(id) ON DELETE CASCADE,
    from_user BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    note TEXT,
    taken_by BLOB REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    closed_at BIGINT
);

-- The walk-in queue. A walk-in gives only a first name or a nickname.
CREATE TABLE support_queue (
    id BLOB PRIMARY KEY,
    location_id BLOB NOT NULL REFERENCES support_locations(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    -- 'peer' (added on shift) or 'check-in' (the public page)
    source TEXT NOT NULL,
    added_at BIGINT NOT NULL,
    taken_at BIGINT,
    taken_by BLOB REFERENCES users(id) ON DELETE SET NULL,
    removed_at BIGINT
);
CREATE INDEX support_queue_waiting ON support_queue(location_id, taken_at, added_at);

-- The configurable list of topics a session log can name.
CREATE TABLE support_topics (
    id BLOB PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    position INTEGER NOT NULL,
    archived_at BIGINT
);

CREATE TABLE support_logs (
    id BLOB PRIMARY KEY,
    author_id BLOB REFERENCES users(id) ON DELETE SET NULL,
    site_id BLOB NOT NULL REFERENCES sites(id),
    location_id BLOB REFERENCES support_locations(id) ON DELETE SET NULL,
    queue_id BLOB REFERENCES support_queue(id) ON DELETE SET NULL,
    held_on TEXT NOT NULL,
    minutes INTEGER NOT NULL,
    -- drop-in, ongoing, chat
    kind TEXT NOT NULL,
    resources TEXT,
    referrals TEXT,
    note TEXT,
    flag_difficult INTEGER NOT NULL DEFAULT 0,
    flag_safety INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    archived_at BIGINT
);
CREATE INDEX support_logs_author ON support_logs(author_id, created_at);
CREATE INDEX support_logs_site ON support_logs(site_id, created_at);

CREATE TABLE support_log_topics (
    log_id BLOB NOT NULL REFERENCES support_logs(id) ON DELETE CASCADE,
    topic_id BLOB NOT NULL REFERENCES support_topics(id) ON DELETE CASCADE,
    PRIMARY KEY (log_id, topic_id)
);

-- What a site sets for a crisis: who is on call and the escalation checklist.
CREATE TABLE support_site_settings (
    site_id BLOB PRIMARY KEY REFERENCES sites(id),
    on_call_user_id BLOB REFERENCES users(id) ON DELETE SET NULL,
    checklist TEXT NOT NULL,
    crisis_contacts TEXT
);

-- Supervision sessions, one peer or a group. The notes are the supervisor's;
-- the agreed actions are shown to the peers who took part.
CREATE TABLE support_supervisions (
    id BLOB PRIMARY KEY,
    supervisor_id BLOB REFERENCES users(id) ON DELETE SET NULL,
    site_id BLOB NOT NULL REFERENCES sites(id),
    kind TEXT NOT NULL,
    held_on TEXT NOT NULL,
    notes TEXT,
    actions TEXT,
    created_at BIGINT NOT NULL
);

CREATE TABLE support_supervision_peers (
    supervision_id BLOB NOT NULL REFERENCES support_supervisions(id) ON DELETE CASCADE,
    user_id BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (supervision_id, user_id)
);

-- A peer's own wellbeing check-in after their shifts: theirs alone unless
-- they share it with their supervisors.
CREATE TABLE support_wellbeing (
    id BLOB PRIMARY KEY,
    user_id BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    score INTEGER NOT NULL,
    note TEXT,
    shared INTEGER NOT NULL DEFAULT 0,
    at BIGINT NOT NULL
);
CREATE INDEX support_wellbeing_user ON support_wellbeing(user_id, at);
