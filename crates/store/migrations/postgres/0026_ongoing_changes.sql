-- Changes to ongoing one-to-one support after it is agreed: moving or calling
-- off a session still to come, and the student withdrawing or ending it.

-- A session's calendar entry keeps its UID (the session's id); each move or
-- cancellation raises its SEQUENCE so calendars take the newer one.
ALTER TABLE support_ongoing_sessions ADD COLUMN sequence INTEGER NOT NULL DEFAULT 0;

-- Bumped by every scheduling and cancellation, in their transactions: the row
-- lock it takes (PostgreSQL; SQLite has a single writer) keeps a renumbering
-- and a new session's "count + 1" from interleaving.
ALTER TABLE support_ongoing ADD COLUMN sessions_version INTEGER NOT NULL DEFAULT 0;

-- NULL when the peer closed it with a summary; 'withdrawn' (the student
-- withdrew a request not yet confirmed) or 'ended-by-student'. closing_note
-- is the student's optional word to the peer.
ALTER TABLE support_ongoing ADD COLUMN closed_reason TEXT;
ALTER TABLE support_ongoing ADD COLUMN closing_note TEXT;

-- Sessions called off. They leave support_ongoing_sessions (later sessions
-- still to come move up one number in the same transaction), so every count,
-- the unique number and the limit keep working as before; the record stays
-- here for the support's page.
CREATE TABLE support_ongoing_cancelled (
    id UUID PRIMARY KEY,
    support_id UUID NOT NULL REFERENCES support_ongoing(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    starts_at BIGINT NOT NULL,
    ends_at BIGINT NOT NULL,
    reason TEXT,
    cancelled_by UUID REFERENCES users(id) ON DELETE SET NULL,
    cancelled_at BIGINT NOT NULL
);
CREATE INDEX support_ongoing_cancelled_support ON support_ongoing_cancelled(support_id);
