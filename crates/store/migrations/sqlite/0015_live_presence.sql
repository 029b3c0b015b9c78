-- Who has an event's live room open, per server instance. Several instances
-- on one PostgreSQL database read each other's rows so the "here now" lists
-- and the seating at a group step count everyone, wherever they connected.
-- Rows are refreshed by a heartbeat; an instance that stopped without
-- saying goodbye is forgotten once its rows are stale.
CREATE TABLE live_presence (
    event_id BLOB NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    instance_id BLOB NOT NULL,
    user_id BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (event_id, instance_id, user_id)
);
CREATE INDEX live_presence_instance ON live_presence(instance_id);
