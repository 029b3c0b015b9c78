//! Conversations in text (a group's channel, the facilitators' channel, an
//! online drop-in chat): one table of messages numbered per conversation.
//!
//! A message's `seq` is the number of its latest change: posting, editing,
//! deleting or hiding it takes the conversation's next number, so what a
//! client missed after N is exactly the rows with `seq > N`, each as it is
//! now. `(conversation_id, seq)` is unique, so two instances can never give
//! out one number: the loser gets `Conflict("seq")`, reads what it missed
//! and tries again. On PostgreSQL each change is announced on
//! `hearth_conversations` when its transaction commits.

use crate::db::{Db, on_db};
use crate::error::{OptionalRow, StoreError};
use crate::live_presence::InstanceId;
use crate::sessions::token_hash;
use crate::time::now_ms;
use hearth_domain::UserId;
use hearth_domain::conversations::{ConversationKind, NotifySetting};
use hearth_domain::support_groups::SupportGroupId;
use sqlx::postgres::PgListener;
use std::collections::{HashMap, HashSet};
use tracing::instrument;
use uuid::Uuid;

pub(crate) const CHANNEL: &str = "hearth_conversations";
/// The walk-in queue's source for an online chat.
pub const ONLINE_CHAT: &str = "online-chat";
/// A presence row not refreshed for this long belongs to a stopped instance.
pub const CONVERSATION_PRESENCE_STALE_MS: i64 = 60_000;

pub struct Conversations<'a> {
    pub(crate) db: &'a Db,
}

#[derive(Debug, Clone)]
pub struct TextConversation {
    pub id: Uuid,
    pub kind: ConversationKind,
    pub group_id: Option<SupportGroupId>,
    /// A cohort peer group's channel: the group it belongs to now (it moves
    /// to the group's successor when the cohort's groups are saved again).
    pub peer_group_id: Option<Uuid>,
    pub queue_id: Option<Uuid>,
    pub created_at: i64,
    pub closed_at: Option<i64>,
}

/// Who wrote a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthorKind {
    Member,
    Visitor,
    /// Something that happened (a peer joined, the chat ended); the body says what.
    System,
}

impl AuthorKind {
    fn as_str(self) -> &'static str {
        match self {
            Self::Member => "member",
            Self::Visitor => "visitor",
            Self::System => "system",
        }
    }
}

/// A message as it is now.
#[derive(Debug, Clone)]
pub struct Message {
    pub id: Uuid,
    pub seq: i64,
    pub posted_seq: i64,
    pub author_kind: AuthorKind,
    pub author_id: Option<UserId>,
    pub author_name: String,
    /// Empty once deleted.
    pub body: String,
    pub reply_to: Option<Replied>,
    pub mentions: Vec<UserId>,
    pub posted_at: i64,
    pub edited_at: Option<i64>,
    pub deleted_at: Option<i64>,
    pub hidden_at: Option<i64>,
}

/// The message a reply answers, as far as a reply shows it.
#[derive(Debug, Clone)]
pub struct Replied {
    pub id: Uuid,
    pub author_name: String,
    /// Empty when the answered message was deleted or hidden.
    pub body: String,
}

pub struct NewMessage<'a> {
    pub author_kind: AuthorKind,
    pub author_id: Option<UserId>,
    pub author_name: &'a str,
    pub body: &'a str,
    pub reply_to: Option<Uuid>,
    pub mentions: &'a [UserId],
}

/// A later change to a message.
#[derive(Debug, Clone)]
pub enum Amend {
    Edit(String),
    Delete,
    Hide(bool),
}

#[derive(sqlx::FromRow)]
struct ConversationRow {
    id: Uuid,
    kind: String,
    group_id: Option<Uuid>,
    peer_group_id: Option<Uuid>,
    queue_id: Option<Uuid>,
    created_at: i64,
    closed_at: Option<i64>,
}

impl TryFrom<ConversationRow> for TextConversation {
    type Error = StoreError;
    fn try_from(row: ConversationRow) -> Result<Self, StoreError> {
        Ok(TextConversation {
            id: row.id,
            kind: ConversationKind::from_slug(&row.kind)
                .ok_or_else(|| StoreError::Corrupt(format!("conversation kind {}", row.kind)))?,
            group_id: row.group_id.map(SupportGroupId),
            peer_group_id: row.peer_group_id,
            queue_id: row.queue_id,
            created_at: row.created_at,
            closed_at: row.closed_at,
        })
    }
}

const CONVERSATION_SELECT: &str =
    "SELECT id, kind, group_id, peer_group_id, queue_id, created_at, closed_at FROM conversations";

#[derive(sqlx::FromRow)]
struct MessageRow {
    id: Uuid,
    seq: i64,
    posted_seq: i64,
    author_kind: String,
    author_id: Option<Uuid>,
    author_name: String,
    body: String,
    mentions: String,
    posted_at: i64,
    edited_at: Option<i64>,
    deleted_at: Option<i64>,
    hidden_at: Option<i64>,
    reply_id: Option<Uuid>,
    reply_author: Option<String>,
    reply_body: Option<String>,
    reply_gone: Option<bool>,
}

const MESSAGE_SELECT: &str = "SELECT m.id, m.seq, m.posted_seq, m.author_kind, m.author_id, m.author_name, m.body, \
     m.mentions, m.posted_at, m.edited_at, m.deleted_at, m.hidden_at, \
     r.id AS reply_id, r.author_name AS reply_author, r.body AS reply_body, \
     (r.deleted_at IS NOT NULL OR r.hidden_at IS NOT NULL) AS reply_gone \
     FROM conversation_messages m LEFT JOIN conversation_messages r ON r.id = m.reply_to";

impl TryFrom<MessageRow> for Message {
    type Error = StoreError;
    fn try_from(row: MessageRow) -> Result<Self, StoreError> {
        let author_kind = match row.author_kind.as_str() {
            "member" => AuthorKind::Member,
            "visitor" => AuthorKind::Visitor,
            "system" => AuthorKind::System,
            other => return Err(StoreError::Corrupt(format!("author kind {other}"))),
        };
        Ok(Message {
            id: row.id,
            seq: row.seq,
            posted_seq: row.posted_seq,
            author_kind,
            author_id: row.author_id.map(UserId),
            author_name: row.author_name,
            body: row.body,
            reply_to: row.reply_id.map(|id| Replied {
                id,
                author_name: row.reply_author.unwrap_or_default(),
                body: if row.reply_gone.unwrap_or(false) {
                    String::new()
                } else {
                    row.reply_body.unwrap_or_default()
                },
            }),
            mentions: row
                .mentions
                .split(',')
                .filter_map(|id| id.parse().ok().map(UserId))
                .collect(),
            posted_at: row.posted_at,
            edited_at: row.edited_at,
            deleted_at: row.deleted_at,
            hidden_at: row.hidden_at,
        })
    }
}

/// Tells other instances (on PostgreSQL) that a conversation changed; the
/// notice goes out when the transaction commits, never before.
trait AnnounceOn {
    async fn announce(&mut self, conversation: Uuid, seq: i64) -> Result<(), sqlx::Error>;
}

impl AnnounceOn for sqlx::Transaction<'_, sqlx::Sqlite> {
    async fn announce(&mut self, _: Uuid, _: i64) -> Result<(), sqlx::Error> {
        Ok(())
    }
}

impl AnnounceOn for sqlx::Transaction<'_, sqlx::Postgres> {
    async fn announce(&mut self, conversation: Uuid, seq: i64) -> Result<(), sqlx::Error> {
        sqlx::query("SELECT pg_notify($1, $2)")
            .bind(CHANNEL)
            .bind(format!("{conversation}:{seq}"))
            .execute(&mut **self)
            .await?;
        Ok(())
    }
}

impl Conversations<'_> {
    #[instrument(level = "debug", skip_all)]
    pub async fn get(&self, id: Uuid) -> Result<TextConversation, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!("{CONVERSATION_SELECT} WHERE id = $1"));
        let row: Option<ConversationRow> = on_db!(
            self.db,
            read | pool | sqlx::query_as(sql).bind(id).fetch_optional(pool).await?
        );
        row.found()?.try_into()
    }

    /// Finds the one conversation of `kind` (for `owner`, a support group
    /// or a peer group), creating it first if there is none (the unique
    /// indexes make a race create one only).
    async fn get_or_create(
        &self,
        kind: ConversationKind,
        owner: Option<Uuid>,
    ) -> Result<TextConversation, StoreError> {
        let (filter, column) = match kind {
            ConversationKind::PeerGroup => ("peer_group_id = $1", "peer_group_id"),
            ConversationKind::Group => ("group_id = $1", "group_id"),
            _ => ("kind = 'facilitators' AND $1 = $1", "group_id"),
        };
        let key = owner.unwrap_or(Uuid::nil());
        let sql = format!("{CONVERSATION_SELECT} WHERE {filter}");
        let find = || async {
            let row: Option<ConversationRow> = on_db!(
                self.db,
                read | pool
                    | sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
                        .bind(key)
                        .fetch_optional(pool)
                        .await?
            );
            Ok::<_, StoreError>(row)
        };
        if let Some(row) = find().await? {
            return row.try_into();
        }
        let insert = format!(
            "INSERT INTO conversations (id, kind, {column}, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING"
        );
        on_db!(
            self.db,
            write
                | pool
                | sqlx::query(sqlx::AssertSqlSafe(insert.clone()))
                    .bind(Uuid::now_v7())
                    .bind(kind.as_str())
                    .bind(owner)
                    .bind(now_ms())
                    .execute(pool)
                    .await
                    .map(|r| r.rows_affected())?
        );
        // The writer has committed, so the primary (and readers) see it.
        find().await?.found()?.try_into()
    }

    /// A peer support group's channel (made the first time it is opened).
    pub async fn group_channel(
        &self,
        group: SupportGroupId,
    ) -> Result<TextConversation, StoreError> {
        self.get_or_create(ConversationKind::Group, Some(group.0))
            .await
    }

    /// A cohort peer group's channel (made the first time it is opened).
    /// Only for a group of the cohort's current arrangement: an earlier
    /// group's channel has moved on with its members (see
    /// [`Self::peer_group_channel_if_any`]).
    pub async fn peer_group_channel(&self, group: Uuid) -> Result<TextConversation, StoreError> {
        self.get_or_create(ConversationKind::PeerGroup, Some(group))
            .await
    }

    /// A peer group's channel if it has one, without making one.
    #[instrument(level = "debug", skip_all)]
    pub async fn peer_group_channel_if_any(
        &self,
        group: Uuid,
    ) -> Result<Option<TextConversation>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!("{CONVERSATION_SELECT} WHERE peer_group_id = $1"));
        let row: Option<ConversationRow> = on_db!(
            self.db,
            read | pool | sqlx::query_as(sql).bind(group).fetch_optional(pool).await?
        );
        row.map(TryInto::try_into).transpose()
    }

    /// The channel of every group's facilitators.
    pub async fn facilitators_channel(&self) -> Result<TextConversation, StoreError> {
        self.get_or_create(ConversationKind::Facilitators, None)
            .await
    }

    /// Whether someone facilitates (or co-facilitates) any peer support group.
    #[instrument(level = "debug", skip_all)]
    pub async fn facilitates_a_group(&self, user: UserId) -> Result<bool, StoreError> {
        let row: (i64,) = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT COUNT(*) FROM support_group_members WHERE user_id = $1 AND role IN ('facilitator', 'co-facilitator')"
        )
        .bind(user.0)
        .fetch_one(pool)
        .await?);
        Ok(row.0 > 0)
    }

    /// Everyone who facilitates a peer support group, with their names: the
    /// facilitators' channel's members.
    #[instrument(level = "debug", skip_all)]
    pub async fn group_facilitators(&self) -> Result<Vec<(UserId, String)>, StoreError> {
        let rows: Vec<(Uuid, String)> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT DISTINCT u.id, u.display_name FROM support_group_members m JOIN users u ON u.id = m.user_id \
             WHERE m.role IN ('facilitator', 'co-facilitator') AND u.active ORDER BY u.display_name"
        )
        .fetch_all(pool)
        .await?);
        Ok(rows
            .into_iter()
            .map(|(id, name)| (UserId(id), name))
            .collect())
    }

    // --- online drop-in chats ---

    /// Starts an online chat: a place in the centre's walk-in queue under the
    /// nickname, and the conversation. Returns it with the visitor's token
    /// (only its hash is kept).
    #[instrument(level = "debug", skip_all)]
    pub async fn start_drop_in(
        &self,
        location: Uuid,
        nickname: &str,
    ) -> Result<(TextConversation, String), StoreError> {
        let token = crate::sessions::new_token()?;
        let (queue, id, now) = (Uuid::now_v7(), Uuid::now_v7(), now_ms());
        on_db!(
            self.db,
            write
                | pool
                | {
                    let mut tx = pool.begin().await?;
                    sqlx::query("INSERT INTO support_queue (id, location_id, name, source, added_at) VALUES ($1, $2, $3, $4, $5)")
                        .bind(queue)
                        .bind(location)
                        .bind(nickname)
                        .bind(ONLINE_CHAT)
                        .bind(now)
                        .execute(&mut *tx)
                        .await?;
                    sqlx::query("INSERT INTO conversations (id, kind, queue_id, visitor_token_hash, created_at) VALUES ($1, $2, $3, $4, $5)")
                        .bind(id)
                        .bind(ConversationKind::DropIn.as_str())
                        .bind(queue)
                        .bind(token_hash(&token))
                        .bind(now)
                        .execute(&mut *tx)
                        .await?;
                    tx.commit().await?;
                }
        );
        Ok((self.get(id).await?, token))
    }

    /// The chat a visitor's token belongs to.
    #[instrument(level = "debug", skip_all)]
    pub async fn by_visitor_token(&self, token: &str) -> Result<TextConversation, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "{CONVERSATION_SELECT} WHERE visitor_token_hash = $1"
        ));
        let row: Option<ConversationRow> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as(sql)
                    .bind(token_hash(token))
                    .fetch_optional(pool)
                    .await?
        );
        row.found()?.try_into()
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn by_queue(&self, queue: Uuid) -> Result<TextConversation, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!("{CONVERSATION_SELECT} WHERE queue_id = $1"));
        let row: Option<ConversationRow> = on_db!(
            self.db,
            read | pool | sqlx::query_as(sql).bind(queue).fetch_optional(pool).await?
        );
        row.found()?.try_into()
    }

    /// Takes a waiting chat for `peer`; `false` when someone else was first
    /// or the visitor left.
    #[instrument(level = "debug", skip_all)]
    pub async fn take_chat(&self, queue: Uuid, peer: UserId) -> Result<bool, StoreError> {
        let done = on_db!(self.db, write |pool| sqlx::query(
            "UPDATE support_queue SET taken_at = $3, taken_by = $2 WHERE id = $1 AND taken_at IS NULL AND removed_at IS NULL"
        )
        .bind(queue)
        .bind(peer.0)
        .bind(now_ms())
        .execute(pool)
        .await
        .map(|r| r.rows_affected())?);
        Ok(done == 1)
    }

    /// "Take next" for a peer who is not on shift: whoever waited longest
    /// in person, leaving online chats to the peers on shift.
    #[instrument(level = "debug", skip_all)]
    pub async fn take_next_in_person(
        &self,
        location: Uuid,
        peer: UserId,
    ) -> Result<Option<Uuid>, StoreError> {
        let row: Option<(Uuid,)> = on_db!(self.db, write |pool| sqlx::query_as(
            "UPDATE support_queue SET taken_at = $3, taken_by = $2 WHERE id = \
             (SELECT id FROM support_queue WHERE location_id = $1 AND taken_at IS NULL AND removed_at IS NULL \
              AND source <> $4 ORDER BY added_at, id LIMIT 1) \
             AND taken_at IS NULL RETURNING id"
        )
        .bind(location)
        .bind(peer.0)
        .bind(now_ms())
        .bind(ONLINE_CHAT)
        .fetch_optional(pool)
        .await?);
        Ok(row.map(|(id,)| id))
    }

    /// Ends a chat (a visitor still waiting leaves the queue).
    #[instrument(level = "debug", skip_all)]
    pub async fn close(&self, conversation: &TextConversation) -> Result<(), StoreError> {
        let now = now_ms();
        on_db!(
            self.db,
            write
                | pool
                | {
                    let mut tx = pool.begin().await?;
                    sqlx::query("UPDATE conversations SET closed_at = $2 WHERE id = $1 AND closed_at IS NULL")
                        .bind(conversation.id)
                        .bind(now)
                        .execute(&mut *tx)
                        .await?;
                    if let Some(queue) = conversation.queue_id {
                        sqlx::query("UPDATE support_queue SET removed_at = $2 WHERE id = $1 AND taken_at IS NULL AND removed_at IS NULL")
                            .bind(queue)
                            .bind(now)
                            .execute(&mut *tx)
                            .await?;
                    }
                    tx.commit().await?;
                }
        );
        Ok(())
    }

    // --- messages ---

    /// The number of the conversation's latest change (0 when none).
    #[instrument(level = "debug", skip_all)]
    pub async fn last_seq(&self, conversation: Uuid) -> Result<i64, StoreError> {
        let row: (Option<i64>,) = on_db!(
            self.db,
            read | pool
                | sqlx::query_as(
                    "SELECT MAX(seq) FROM conversation_messages WHERE conversation_id = $1"
                )
                .bind(conversation)
                .fetch_one(pool)
                .await?
        );
        Ok(row.0.unwrap_or(0))
    }

    /// Every message changed after `after` (up to `upto`), in number order.
    pub async fn changed_after(
        &self,
        conversation: Uuid,
        after: i64,
        upto: i64,
    ) -> Result<Vec<Message>, StoreError> {
        self.messages_where(
            "m.seq > $2 AND m.seq <= $3 ORDER BY m.seq",
            conversation,
            after,
            upto,
        )
        .await
    }

    /// The messages matching `filter` (SQL text of this module only, with
    /// `$2` and `$3` bound to `a` and `b`).
    #[instrument(level = "debug", skip_all)]
    async fn messages_where(
        &self,
        filter: &'static str,
        conversation: Uuid,
        a: i64,
        b: i64,
    ) -> Result<Vec<Message>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "{MESSAGE_SELECT} WHERE m.conversation_id = $1 AND {filter}"
        ));
        let rows: Vec<MessageRow> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as(sql)
                    .bind(conversation)
                    .bind(a)
                    .bind(b)
                    .fetch_all(pool)
                    .await?
        );
        rows.into_iter().map(Message::try_from).collect()
    }

    /// A page of history in the order it was written: the `limit` messages
    /// posted before `before` (a `posted_seq`; `None`: the latest), and
    /// whether older ones remain.
    #[instrument(level = "debug", skip_all)]
    pub async fn history(
        &self,
        conversation: Uuid,
        before: Option<i64>,
        limit: i64,
    ) -> Result<(Vec<Message>, bool), StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "{MESSAGE_SELECT} WHERE m.conversation_id = $1 AND m.posted_seq < $2 ORDER BY m.posted_seq DESC LIMIT $3"
        ));
        let rows: Vec<MessageRow> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as(sql)
                    .bind(conversation)
                    .bind(before.unwrap_or(i64::MAX))
                    .bind(limit + 1)
                    .fetch_all(pool)
                    .await?
        );
        let more = rows.len() as i64 > limit;
        let mut messages: Vec<Message> = rows
            .into_iter()
            .take(usize::try_from(limit).unwrap_or(0))
            .map(Message::try_from)
            .collect::<Result<_, _>>()?;
        messages.reverse();
        Ok((messages, more))
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn message(&self, conversation: Uuid, id: Uuid) -> Result<Message, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "{MESSAGE_SELECT} WHERE m.conversation_id = $1 AND m.id = $2"
        ));
        let row: Option<MessageRow> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as(sql)
                    .bind(conversation)
                    .bind(id)
                    .fetch_optional(pool)
                    .await?
        );
        row.found()?.try_into()
    }

    /// Stores a message under number `seq`; `Conflict("seq")` when another
    /// instance took that number first.
    #[instrument(level = "debug", skip_all)]
    pub async fn post(
        &self,
        conversation: Uuid,
        seq: i64,
        message: &NewMessage<'_>,
    ) -> Result<Message, StoreError> {
        let id = Uuid::now_v7();
        let mentions = message
            .mentions
            .iter()
            .map(|u| u.0.to_string())
            .collect::<Vec<_>>()
            .join(",");
        let done: Result<(), sqlx::Error> = on_db!(
            self.db,
            write
                | pool
                | {
                    async {
                        let mut tx = pool.begin().await?;
                        sqlx::query(
                            "INSERT INTO conversation_messages (id, conversation_id, seq, posted_seq, author_kind, author_id, \
                             author_name, body, reply_to, mentions, posted_at) VALUES ($1, $2, $3, $3, $4, $5, $6, $7, \
                             (SELECT r.id FROM conversation_messages r WHERE r.id = $8 AND r.conversation_id = $2), $9, $10)",
                        )
                        .bind(id)
                        .bind(conversation)
                        .bind(seq)
                        .bind(message.author_kind.as_str())
                        .bind(message.author_id.map(|u| u.0))
                        .bind(message.author_name)
                        .bind(message.body)
                        .bind(message.reply_to)
                        .bind(&mentions)
                        .bind(now_ms())
                        .execute(&mut *tx)
                        .await?;
                        tx.announce(conversation, seq).await?;
                        tx.commit().await
                    }
                    .await
                }
        );
        done.map_err(StoreError::unique("seq"))?;
        self.message(conversation, id).await
    }

    /// Changes a message, giving it number `seq`.
    #[instrument(level = "debug", skip_all)]
    pub async fn amend(
        &self,
        conversation: Uuid,
        id: Uuid,
        seq: i64,
        amend: &Amend,
    ) -> Result<Message, StoreError> {
        let now = now_ms();
        let sql = match amend {
            Amend::Edit(_) => {
                "UPDATE conversation_messages SET seq = $3, body = $4, edited_at = $5 \
                 WHERE conversation_id = $1 AND id = $2 AND deleted_at IS NULL"
            }
            // The words go; the row stays so replies and numbers still hold.
            Amend::Delete => {
                "UPDATE conversation_messages SET seq = $3, body = $4, mentions = '', deleted_at = $5 \
                 WHERE conversation_id = $1 AND id = $2 AND deleted_at IS NULL"
            }
            Amend::Hide(true) => {
                "UPDATE conversation_messages SET seq = $3, hidden_at = $5 \
                 WHERE conversation_id = $1 AND id = $2 AND $4 = $4 AND hidden_at IS NULL"
            }
            Amend::Hide(false) => {
                "UPDATE conversation_messages SET seq = $3, hidden_at = NULL \
                 WHERE conversation_id = $1 AND id = $2 AND $4 = $4 AND $5 = $5 AND hidden_at IS NOT NULL"
            }
        };
        let body = match amend {
            Amend::Edit(text) => text.as_str(),
            _ => "",
        };
        let done: Result<u64, sqlx::Error> = on_db!(
            self.db,
            write | pool | {
                async {
                    let mut tx = pool.begin().await?;
                    let changed = sqlx::query(sql)
                        .bind(conversation)
                        .bind(id)
                        .bind(seq)
                        .bind(body)
                        .bind(now)
                        .execute(&mut *tx)
                        .await?
                        .rows_affected();
                    if changed == 1 {
                        tx.announce(conversation, seq).await?;
                    }
                    tx.commit().await?;
                    Ok(changed)
                }
                .await
            }
        );
        if done.map_err(StoreError::unique("seq"))? == 0 {
            // Already deleted, or already (not) hidden: nothing changed.
            return Err(StoreError::NotFound);
        }
        self.message(conversation, id).await
    }

    // --- moderation ---

    #[instrument(level = "debug", skip_all)]
    pub async fn mute(
        &self,
        conversation: Uuid,
        user: UserId,
        until: i64,
        by: UserId,
    ) -> Result<(), StoreError> {
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO conversation_mutes (conversation_id, user_id, until, muted_by) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (conversation_id, user_id) DO UPDATE SET until = excluded.until, muted_by = excluded.muted_by"
        )
        .bind(conversation)
        .bind(user.0)
        .bind(until)
        .bind(by.0)
        .execute(pool)
        .await
        .map(|r| r.rows_affected())?);
        Ok(())
    }

    /// Until when someone is muted, if they are at `now`.
    #[instrument(level = "debug", skip_all)]
    pub async fn muted_until(
        &self,
        conversation: Uuid,
        user: UserId,
        now: i64,
    ) -> Result<Option<i64>, StoreError> {
        let row: Option<(i64,)> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT until FROM conversation_mutes WHERE conversation_id = $1 AND user_id = $2 AND until > $3"
        )
        .bind(conversation)
        .bind(user.0)
        .bind(now)
        .fetch_optional(pool)
        .await?);
        Ok(row.map(|(until,)| until))
    }

    /// Reports a message; `Conflict("report")` when this person already did.
    #[instrument(level = "debug", skip_all)]
    pub async fn report(
        &self,
        message: Uuid,
        by: UserId,
        reason: Option<&str>,
    ) -> Result<(), StoreError> {
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO conversation_reports (id, message_id, reported_by, reason, at) VALUES ($1, $2, $3, $4, $5)"
        )
        .bind(Uuid::now_v7())
        .bind(message)
        .bind(by.0)
        .bind(reason)
        .bind(now_ms())
        .execute(pool)
        .await
        .map(|r| r.rows_affected())
        .map_err(StoreError::unique("report"))?);
        Ok(())
    }

    /// How many people reported each of these messages.
    #[instrument(level = "debug", skip_all)]
    pub async fn report_counts(
        &self,
        conversation: Uuid,
    ) -> Result<HashMap<Uuid, i64>, StoreError> {
        let rows: Vec<(Uuid, i64)> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT r.message_id, COUNT(*) FROM conversation_reports r JOIN conversation_messages m ON m.id = r.message_id \
             WHERE m.conversation_id = $1 GROUP BY r.message_id"
        )
        .bind(conversation)
        .fetch_all(pool)
        .await?);
        Ok(rows.into_iter().collect())
    }

    // --- notification settings ---

    #[instrument(level = "debug", skip_all)]
    pub async fn settings(
        &self,
        conversation: Uuid,
    ) -> Result<HashMap<UserId, Setting>, StoreError> {
        let rows: Vec<SettingRow> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT user_id, notify, last_emailed_at, digest_due, digest_after FROM conversation_settings WHERE conversation_id = $1"
        )
        .bind(conversation)
        .fetch_all(pool)
        .await?);
        Ok(rows
            .into_iter()
            .map(
                |(user, notify, last_emailed_at, digest_due, digest_after)| {
                    (
                        UserId(user),
                        Setting {
                            notify: NotifySetting::parse(&notify).unwrap_or_default(),
                            last_emailed_at,
                            digest_due,
                            digest_after,
                        },
                    )
                },
            )
            .collect())
    }

    /// One person's setting (the default when they never chose).
    pub async fn setting(&self, conversation: Uuid, user: UserId) -> Result<Setting, StoreError> {
        Ok(self
            .settings(conversation)
            .await?
            .remove(&user)
            .unwrap_or_default())
    }

    /// Saves how someone hears of new messages. Choosing the digest when
    /// none is queued sets `digest_due` to `digest_due` and returns `true`:
    /// the caller queues that one job.
    #[instrument(level = "debug", skip_all)]
    pub async fn set_setting(
        &self,
        conversation: Uuid,
        user: UserId,
        notify: NotifySetting,
        digest_due: i64,
    ) -> Result<bool, StoreError> {
        let now = now_ms();
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO conversation_settings (conversation_id, user_id, notify) VALUES ($1, $2, $3) \
             ON CONFLICT (conversation_id, user_id) DO UPDATE SET notify = excluded.notify"
        )
        .bind(conversation)
        .bind(user.0)
        .bind(notify.as_str())
        .execute(pool)
        .await
        .map(|r| r.rows_affected())?);
        if notify != NotifySetting::Digest {
            return Ok(false);
        }
        let claimed = on_db!(self.db, write |pool| sqlx::query(
            "UPDATE conversation_settings SET digest_due = $3, digest_after = COALESCE(digest_after, $4) \
             WHERE conversation_id = $1 AND user_id = $2 AND (digest_due IS NULL OR digest_due < $4)"
        )
        .bind(conversation)
        .bind(user.0)
        .bind(digest_due)
        .bind(now)
        .execute(pool)
        .await
        .map(|r| r.rows_affected())?);
        Ok(claimed == 1)
    }

    /// Notes that an email went, for spacing out the next.
    #[instrument(level = "debug", skip_all)]
    pub async fn emailed(
        &self,
        conversation: Uuid,
        user: UserId,
        at: i64,
    ) -> Result<(), StoreError> {
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO conversation_settings (conversation_id, user_id, notify, last_emailed_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (conversation_id, user_id) DO UPDATE SET last_emailed_at = excluded.last_emailed_at"
        )
        .bind(conversation)
        .bind(user.0)
        .bind(NotifySetting::default().as_str())
        .bind(at)
        .execute(pool)
        .await
        .map(|r| r.rows_affected())?);
        Ok(())
    }

    /// A digest ran: the next one covers what comes after `sent_upto`, and
    /// is due at `next_due` (`None`: no more digests).
    #[instrument(level = "debug", skip_all)]
    pub async fn digest_ran(
        &self,
        conversation: Uuid,
        user: UserId,
        due: i64,
        sent_upto: i64,
        next_due: Option<i64>,
    ) -> Result<bool, StoreError> {
        let done = on_db!(
            self.db,
            write
                | pool
                | sqlx::query(
                    "UPDATE conversation_settings SET digest_due = $4, digest_after = $5 \
             WHERE conversation_id = $1 AND user_id = $2 AND digest_due = $3"
                )
                .bind(conversation)
                .bind(user.0)
                .bind(due)
                .bind(next_due)
                .bind(sent_upto)
                .execute(pool)
                .await
                .map(|r| r.rows_affected())?
        );
        Ok(done == 1)
    }

    /// Messages posted after `after` (ms) that members see, oldest first.
    pub async fn posted_since(
        &self,
        conversation: Uuid,
        after: i64,
    ) -> Result<Vec<Message>, StoreError> {
        self.messages_where(
            "m.posted_at > $2 AND m.seq <= $3 AND m.deleted_at IS NULL AND m.hidden_at IS NULL \
             AND m.author_kind <> 'system' ORDER BY m.posted_seq",
            conversation,
            after,
            i64::MAX,
        )
        .await
    }

    // --- who has a conversation open, per instance ---

    #[instrument(level = "debug", skip_all)]
    pub async fn arrive(
        &self,
        conversation: Uuid,
        instance: InstanceId,
        user: UserId,
    ) -> Result<(), StoreError> {
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO conversation_presence (conversation_id, instance_id, user_id, updated_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (conversation_id, instance_id, user_id) DO UPDATE SET updated_at = excluded.updated_at"
        )
        .bind(conversation)
        .bind(instance.0)
        .bind(user.0)
        .bind(now_ms())
        .execute(pool)
        .await
        .map(|r| r.rows_affected())?);
        Ok(())
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn leave(
        &self,
        conversation: Uuid,
        instance: InstanceId,
        user: UserId,
    ) -> Result<(), StoreError> {
        on_db!(self.db, write |pool| sqlx::query(
            "DELETE FROM conversation_presence WHERE conversation_id = $1 AND instance_id = $2 AND user_id = $3"
        )
        .bind(conversation)
        .bind(instance.0)
        .bind(user.0)
        .execute(pool)
        .await
        .map(|r| r.rows_affected())?);
        Ok(())
    }

    /// Keeps this instance's rows fresh.
    #[instrument(level = "debug", skip_all)]
    pub async fn heartbeat(&self, instance: InstanceId) -> Result<(), StoreError> {
        on_db!(
            self.db,
            write
                | pool
                | sqlx::query(
                    "UPDATE conversation_presence SET updated_at = $2 WHERE instance_id = $1"
                )
                .bind(instance.0)
                .bind(now_ms())
                .execute(pool)
                .await
                .map(|r| r.rows_affected())?
        );
        Ok(())
    }

    /// An instance starting or stopping forgets what it had said.
    #[instrument(level = "debug", skip_all)]
    pub async fn forget_instance(&self, instance: InstanceId) -> Result<(), StoreError> {
        on_db!(
            self.db,
            write
                | pool
                | sqlx::query("DELETE FROM conversation_presence WHERE instance_id = $1")
                    .bind(instance.0)
                    .execute(pool)
                    .await
                    .map(|r| r.rows_affected())?
        );
        Ok(())
    }

    /// Everyone with the conversation open on any instance.
    #[instrument(level = "debug", skip_all)]
    pub async fn present(&self, conversation: Uuid) -> Result<HashSet<UserId>, StoreError> {
        let rows: Vec<(Uuid,)> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT DISTINCT user_id FROM conversation_presence WHERE conversation_id = $1 AND updated_at > $2"
        )
        .bind(conversation)
        .bind(now_ms() - CONVERSATION_PRESENCE_STALE_MS)
        .fetch_all(pool)
        .await?);
        Ok(rows.into_iter().map(|(u,)| UserId(u)).collect())
    }
}

/// user_id, notify, last_emailed_at, digest_due, digest_after
type SettingRow = (Uuid, String, Option<i64>, Option<i64>, Option<i64>);

/// How one member hears of new messages, and where their emails stand.
#[derive(Debug, Clone, Default)]
pub struct Setting {
    pub notify: NotifySetting,
    pub last_emailed_at: Option<i64>,
    pub digest_due: Option<i64>,
    pub digest_after: Option<i64>,
}

/// What another instance stored: the conversation and its new number.
pub struct ConversationListener {
    listener: PgListener,
}

impl ConversationListener {
    /// Waits for the next announcement. Malformed payloads are skipped.
    pub async fn next(&mut self) -> Result<(Uuid, i64), StoreError> {
        loop {
            let notification = self.listener.recv().await?;
            if let Some((id, seq)) = notification.payload().split_once(':')
                && let (Ok(id), Ok(seq)) = (id.parse(), seq.parse())
            {
                return Ok((id, seq));
            }
        }
    }
}

impl Db {
    /// The conversations' bus, if this database needs one (PostgreSQL only).
    pub async fn conversation_listener(&self) -> Result<Option<ConversationListener>, StoreError> {
        match self {
            Db::Sqlite(_) => Ok(None),
            Db::Postgres(pool) => {
                let mut listener = PgListener::connect_with(pool).await?;
                listener.listen(CHANNEL).await?;
                Ok(Some(ConversationListener { listener }))
            }
        }
    }
}
