-- The library of peer videos: uploaded files (kept in the database so every
-- instance serves them) or links, tagged by what they model.
CREATE TABLE peer_videos (
    id UUID PRIMARY KEY,
    title TEXT NOT NULL,
    tags TEXT NOT NULL,
    file_id UUID REFERENCES files(id) ON DELETE SET NULL,
    url TEXT,
    created_by UUID REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    archived_at BIGINT
);
