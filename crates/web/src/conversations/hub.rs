//! One hub per open conversation: it numbers changes, stores them, then
//! broadcasts them, as the live room does. Each change is encoded twice,
//! once for members (a hidden message without its words) and once for the
//! moderators, and shared by every connection.

use axum::extract::ws::Utf8Bytes;
use hearth_domain::UserId;
use hearth_store::{Amend, AuthorKind, InstanceId, Message, NewMessage, Store, StoreError};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use tokio::sync::{broadcast, mpsc};
use uuid::Uuid;

/// A conversation is a handful of people: a small buffer, and a connection
/// that falls further behind reads the stored messages instead.
const CAPACITY: usize = 64;
/// How often a change is numbered again when another instance took its number.
const APPEND_ATTEMPTS: usize = 10;

/// A change ready to send, in both forms.
#[derive(Debug, Clone)]
pub struct Out {
    pub seq: i64,
    pub member: Utf8Bytes,
    pub moderator: Utf8Bytes,
}

impl Out {
    pub fn frame(&self, moderator: bool) -> Utf8Bytes {
        if moderator {
            self.moderator.clone()
        } else {
            self.member.clone()
        }
    }
}

#[derive(Serialize)]
struct Author<'a> {
    kind: &'static str,
    id: Option<String>,
    name: &'a str,
}

#[derive(Serialize)]
struct Reply<'a> {
    id: Uuid,
    author: &'a str,
    body: &'a str,
}

/// A message as a client sees it.
#[derive(Serialize)]
pub struct MessageView<'a> {
    id: Uuid,
    posted_seq: i64,
    author: Author<'a>,
    body: &'a str,
    reply_to: Option<Reply<'a>>,
    mentions: Vec<String>,
    posted_at: i64,
    edited: bool,
    deleted: bool,
    hidden: bool,
}

impl<'a> MessageView<'a> {
    /// Members never receive a hidden message's words; moderators do.
    pub fn of(message: &'a Message, moderator: bool) -> MessageView<'a> {
        let withheld = message.hidden_at.is_some() && !moderator;
        MessageView {
            id: message.id,
            posted_seq: message.posted_seq,
            author: Author {
                kind: match message.author_kind {
                    AuthorKind::Member => "member",
                    AuthorKind::Visitor => "visitor",
                    AuthorKind::System => "system",
                },
                id: message.author_id.map(|u| u.0.to_string()),
                name: &message.author_name,
            },
            body: if withheld { "" } else { &message.body },
            reply_to: message.reply_to.as_ref().map(|r| Reply {
                id: r.id,
                author: &r.author_name,
                body: &r.body,
            }),
            mentions: if withheld {
                Vec::new()
            } else {
                message.mentions.iter().map(|u| u.0.to_string()).collect()
            },
            posted_at: message.posted_at,
            edited: message.edited_at.is_some(),
            deleted: message.deleted_at.is_some(),
            hidden: message.hidden_at.is_some(),
        }
    }
}

#[derive(Serialize)]
struct MessageFrame<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    seq: i64,
    message: MessageView<'a>,
}

pub fn encode(message: &Message, moderator: bool) -> Utf8Bytes {
    serde_json::to_string(&MessageFrame {
        kind: "message",
        seq: message.seq,
        message: MessageView::of(message, moderator),
    })
    .unwrap_or_default()
    .into()
}

/// What is broadcast, and the number it has reached. Locked only briefly
/// and never across an await, so subscribing and publishing are atomic.
struct Feed {
    last_seq: i64,
    tx: broadcast::Sender<Out>,
}

/// A change to make.
pub enum Op<'a> {
    Post(NewMessage<'a>),
    Amend(Uuid, Amend),
}

pub struct ConversationHub {
    pub id: Uuid,
    /// Numbers are given out one change at a time.
    order: tokio::sync::Mutex<()>,
    feed: Mutex<Feed>,
    /// Connections per person on this instance.
    present: Mutex<HashMap<UserId, usize>>,
    /// Arrivals and departures, written in order by one task.
    tell: mpsc::UnboundedSender<(UserId, bool)>,
}

fn locked<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl ConversationHub {
    async fn load(store: &Store, id: Uuid, instance: InstanceId) -> Result<Self, StoreError> {
        let last_seq = store.conversations().last_seq(id).await?;
        let (tell, mut told) = mpsc::unbounded_channel::<(UserId, bool)>();
        let writer = store.clone();
        tokio::spawn(async move {
            while let Some((user, arrived)) = told.recv().await {
                let conversations = writer.conversations();
                let done = if arrived {
                    conversations.arrive(id, instance, user).await
                } else {
                    conversations.leave(id, instance, user).await
                };
                if let Err(error) = done {
                    tracing::warn!(%error, "could not record who has a conversation open");
                }
            }
        });
        Ok(ConversationHub {
            id,
            order: tokio::sync::Mutex::new(()),
            feed: Mutex::new(Feed {
                last_seq,
                tx: broadcast::channel(CAPACITY).0,
            }),
            present: Mutex::new(HashMap::new()),
            tell,
        })
    }

    /// The feed from now on, and the number it starts after.
    fn subscribe(&self) -> (broadcast::Receiver<Out>, i64) {
        let feed = locked(&self.feed);
        (feed.tx.subscribe(), feed.last_seq)
    }

    pub fn last_seq(&self) -> i64 {
        locked(&self.feed).last_seq
    }

    fn publish(&self, message: &Message) {
        let mut feed = locked(&self.feed);
        if message.seq <= feed.last_seq {
            return;
        }
        feed.last_seq = message.seq;
        // Nobody listening is fine: the change is stored.
        let _ = feed.tx.send(Out {
            seq: message.seq,
            member: encode(message, false),
            moderator: encode(message, true),
        });
    }

    /// Stores the change under the next number, then broadcasts it: nobody
    /// hears of a change that is not stored. If another instance took the
    /// number, what it stored is read and broadcast first.
    pub async fn apply(&self, store: &Store, op: &Op<'_>) -> Result<Message, StoreError> {
        let _order = self.order.lock().await;
        let conversations = store.conversations();
        let mut attempt = 0;
        loop {
            attempt += 1;
            let seq = self.last_seq() + 1;
            let stored = match op {
                Op::Post(message) => conversations.post(self.id, seq, message).await,
                Op::Amend(id, amend) => conversations.amend(self.id, *id, seq, amend).await,
            };
            match stored {
                Ok(message) => {
                    self.publish(&message);
                    return Ok(message);
                }
                Err(StoreError::Conflict("seq")) if attempt < APPEND_ATTEMPTS => {
                    self.catch_up(store).await?;
                }
                Err(error) => return Err(error),
            }
        }
    }

    /// Reads and broadcasts what another instance stored.
    pub async fn sync(&self, store: &Store) -> Result<(), StoreError> {
        let _order = self.order.lock().await;
        self.catch_up(store).await
    }

    async fn catch_up(&self, store: &Store) -> Result<(), StoreError> {
        let after = self.last_seq();
        for message in store
            .conversations()
            .changed_after(self.id, after, i64::MAX)
            .await?
        {
            self.publish(&message);
        }
        Ok(())
    }

    /// Someone opened the conversation on this instance.
    pub fn arrive(&self, user: UserId) {
        let mut present = locked(&self.present);
        let count = present.entry(user).or_insert(0);
        *count += 1;
        if *count == 1 {
            let _ = self.tell.send((user, true));
        }
    }

    /// Someone closed a page of it.
    pub fn leave(&self, user: UserId) {
        let mut present = locked(&self.present);
        if let Some(count) = present.get_mut(&user) {
            *count -= 1;
            if *count == 0 {
                present.remove(&user);
                let _ = self.tell.send((user, false));
            }
        }
    }

    fn listeners(&self) -> usize {
        locked(&self.feed).tx.receiver_count()
    }
}

/// The hubs of the conversations open on this server. A hub goes when its
/// last connection closes; chats come and go, channels stay few.
#[derive(Default)]
pub struct ConversationHubs {
    hubs: Mutex<HashMap<Uuid, Arc<ConversationHub>>>,
    loading: tokio::sync::Mutex<()>,
}

impl ConversationHubs {
    pub async fn get(
        &self,
        store: &Store,
        id: Uuid,
        instance: InstanceId,
    ) -> Result<Arc<ConversationHub>, StoreError> {
        if let Some(hub) = self.cached(id) {
            return Ok(hub);
        }
        let _loading = self.loading.lock().await;
        if let Some(hub) = self.cached(id) {
            return Ok(hub);
        }
        let hub = Arc::new(ConversationHub::load(store, id, instance).await?);
        locked(&self.hubs).insert(id, hub.clone());
        Ok(hub)
    }

    /// The hub and a feed from it, taken under the registry's lock so the
    /// hub cannot be let go in between.
    pub async fn join(
        &self,
        store: &Store,
        id: Uuid,
        instance: InstanceId,
    ) -> Result<(Arc<ConversationHub>, broadcast::Receiver<Out>, i64), StoreError> {
        loop {
            let hub = self.get(store, id, instance).await?;
            let hubs = locked(&self.hubs);
            if hubs.get(&id).is_some_and(|h| Arc::ptr_eq(h, &hub)) {
                let (rx, seq) = hub.subscribe();
                return Ok((hub, rx, seq));
            }
        }
    }

    /// A connection closed: the hub goes if nobody listens any more.
    pub fn release(&self, id: Uuid) {
        let mut hubs = locked(&self.hubs);
        if hubs.get(&id).is_some_and(|hub| hub.listeners() == 0) {
            hubs.remove(&id);
        }
    }

    pub fn cached(&self, id: Uuid) -> Option<Arc<ConversationHub>> {
        locked(&self.hubs).get(&id).cloned()
    }

    pub fn all(&self) -> Vec<Arc<ConversationHub>> {
        locked(&self.hubs).values().cloned().collect()
    }
}
