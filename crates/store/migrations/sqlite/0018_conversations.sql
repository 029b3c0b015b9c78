-- Conversations in text outside the live room: a peer support group's
-- channel, the facilitators' channel across groups, and online drop-in
-- chats from the public support page. One table of messages numbered per
-- conversation: a message's seq is the number of its latest change (posted,
-- edited, deleted, hidden), so "everything after N" is the rows with
-- seq > N, and (conversation_id, seq) being unique lets the database refuse
-- two instances giving out the same number.

-- kind: 'group' (group_id set), 'facilitators' (one), 'drop-in' (queue_id
-- set; the visitor is known only by the hash of the token their browser keeps).
CREATE TABLE conversations (
    id BLOB PRIMARY KEY,
    kind TEXT NOT NULL,
    group_id BLOB REFERENCES support_groups(id) ON DELETE CASCADE,
    queue_id BLOB REFERENCES support_queue(id) ON DELETE CASCADE,
    visitor_token_hash TEXT UNIQUE,
    created_at BIGINT NOT NULL,
    closed_at BIGINT
);
CREATE UNIQUE INDEX conversations_one_per_group ON conversations(group_id) WHERE group_id IS NOT NULL;
CREATE UNIQUE INDEX conversations_one_per_queue ON conversations(queue_id) WHERE queue_id IS NOT NULL;
CREATE UNIQUE INDEX conversations_one_facilitators ON conversations(kind) WHERE kind = 'facilitators';

-- author_kind: 'member' (author_id set), 'visitor' (the drop-in visitor),
-- 'system' (body names what happened: 'joined', 'closed').
-- posted_seq is the number the message was posted under (its place in the
-- history); seq moves on with every later change.
CREATE TABLE conversation_messages (
    id BLOB PRIMARY KEY,
    conversation_id BLOB NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    posted_seq BIGINT NOT NULL,
    author_kind TEXT NOT NULL,
    author_id BLOB REFERENCES users(id) ON DELETE SET NULL,
    author_name TEXT NOT NULL,
    body TEXT NOT NULL,
    reply_to BLOB REFERENCES conversation_messages(id) ON DELETE SET NULL,
    mentions TEXT NOT NULL DEFAULT '',
    posted_at BIGINT NOT NULL,
    edited_at BIGINT,
    deleted_at BIGINT,
    hidden_at BIGINT,
    UNIQUE (conversation_id, seq)
);
CREATE INDEX conversation_messages_history ON conversation_messages(conversation_id, posted_seq);

-- A member muted by a moderator until a time.
CREATE TABLE conversation_mutes (
    conversation_id BLOB NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    user_id BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    until BIGINT NOT NULL,
    muted_by BLOB REFERENCES users(id) ON DELETE SET NULL,
    PRIMARY KEY (conversation_id, user_id)
);

-- A message reported to the moderators, once per person.
CREATE TABLE conversation_reports (
    id BLOB PRIMARY KEY,
    message_id BLOB NOT NULL REFERENCES conversation_messages(id) ON DELETE CASCADE,
    reported_by BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    reason TEXT,
    at BIGINT NOT NULL,
    UNIQUE (message_id, reported_by)
);

-- How each member hears of new messages while away: 'every', 'mentions',
-- 'digest', 'none' (no row: 'mentions'). last_emailed_at spaces out the
-- 'every' emails; digest_due is the run time of the one digest job queued.
CREATE TABLE conversation_settings (
    conversation_id BLOB NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    user_id BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    notify TEXT NOT NULL,
    last_emailed_at BIGINT,
    digest_due BIGINT,
    digest_after BIGINT,
    PRIMARY KEY (conversation_id, user_id)
);

-- Who has a conversation open, per server instance (as live_presence): a
-- member with no fresh row is away and may be emailed.
CREATE TABLE conversation_presence (
    conversation_id BLOB NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    instance_id BLOB NOT NULL,
    user_id BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (conversation_id, instance_id, user_id)
);
CREATE INDEX conversation_presence_instance ON conversation_presence(instance_id);
