-- A private calendar feed per person: its address holds a random token, of
-- which only a hash is kept. Renewing it ends the old address.
CREATE TABLE calendar_feeds (
    user_id BLOB PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);
