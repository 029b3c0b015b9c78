//! Hands each stored change to the participants' connections, a slice of
//! the room at a time.
//!
//! A step change reaches every connection. Waking ten thousand of them at
//! once fills the runtime's queues, and anything woken after that (a chat
//! message's write finishing, its group's connections) waits behind the
//! whole burst. So participants are spread over shards (a group's members
//! always share one), and one task per room delivers to one shard, lets its
//! connections run, then goes on to the next. A shard with a group's change
//! waiting (a chat) goes first, so chat stays quick while a step is still
//! on its way to the rest of the room.
//!
//! Within a shard, changes go out in sequence order on its room-wide channel
//! and its groups' channels, which is what lets a connection merge its two
//! channels by number (see `hub::Feed`).

use super::hub::Outgoing;
use hearth_domain::UserId;
use hearth_domain::live::Visibility;
use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use tokio::sync::{Notify, broadcast};
use uuid::Uuid;

/// A few hundred connections a shard at ten thousand people; a small event
/// uses only the shards its people fall in.
const SHARDS: usize = 64;
/// How many changes a slow connection may fall behind before it reads the
/// room's memory or log instead.
const SHARD_CAPACITY: usize = 512;
/// A group hears a few changes a minute; its channels stay small because
/// an event may have thousands of groups.
const GROUP_CAPACITY: usize = 32;

#[derive(Default)]
struct Shard {
    /// The room-wide changes, made when the shard's first connection joins.
    everyone: Option<broadcast::Sender<Outgoing>>,
    /// Each group's own changes, made when its first member joins.
    groups: HashMap<Uuid, broadcast::Sender<Outgoing>>,
    /// Changes waiting to go out, in sequence order.
    pending: Vec<Outgoing>,
    queued: bool,
    urgent: bool,
}

#[derive(Default)]
struct Shards {
    shards: Vec<Shard>,
    /// Shards with changes waiting, in turn.
    ready: VecDeque<usize>,
    /// Shards with a group's change waiting: they go first.
    urgent: VecDeque<usize>,
}

/// The fan-out of one room.
pub struct Fanout {
    shards: Mutex<Shards>,
    wake: Notify,
    closed: AtomicBool,
}

/// Changes are only ever moved in short, non-awaiting steps, so a panic
/// elsewhere cannot leave the shards half-changed.
fn lock(shards: &Mutex<Shards>) -> MutexGuard<'_, Shards> {
    shards.lock().unwrap_or_else(PoisonError::into_inner)
}

fn shard_of(id: Uuid) -> usize {
    // UUIDv7's low bits are random.
    (id.as_u128() % SHARDS as u128) as usize
}

/// The shard of a participant: their group's, or their own without one.
fn shard_for(user: UserId, group: Option<Uuid>) -> usize {
    shard_of(group.unwrap_or(user.0))
}

impl Fanout {
    /// A room's fan-out, with its delivering task.
    pub fn start() -> Arc<Fanout> {
        let fanout = Arc::new(Fanout {
            shards: Mutex::new(Shards {
                shards: (0..SHARDS).map(|_| Shard::default()).collect(),
                ..Shards::default()
            }),
            wake: Notify::new(),
            closed: AtomicBool::new(false),
        });
        tokio::spawn(deliver(fanout.clone()));
        fanout
    }

    /// The room is gone: its task ends once nothing is waiting.
    pub fn close(&self) {
        self.closed.store(true, Ordering::Release);
        self.wake.notify_one();
    }

    /// Channels for a participant: the room's changes, and their group's.
    pub fn subscribe(
        &self,
        user: UserId,
        group: Option<Uuid>,
    ) -> (
        broadcast::Receiver<Outgoing>,
        Option<broadcast::Receiver<Outgoing>>,
    ) {
        let mut shards = lock(&self.shards);
        let shard = &mut shards.shards[shard_for(user, group)];
        let main = shard
            .everyone
            .get_or_insert_with(|| broadcast::channel(SHARD_CAPACITY).0)
            .subscribe();
        let group = group.map(|group| {
            shard
                .groups
                .entry(group)
                .or_insert_with(|| broadcast::channel(GROUP_CAPACITY).0)
                .subscribe()
        });
        (main, group)
    }

    /// Queues a stored change for the shards that may hear it. Called in
    /// sequence order (under the hub's lock).
    pub fn push(&self, outgoing: &Outgoing) {
        let mut guard = lock(&self.shards);
        let Shards {
            shards,
            ready,
            urgent,
        } = &mut *guard;
        match outgoing.visibility {
            Visibility::Everyone | Visibility::Person(_) => {
                for (index, shard) in shards.iter_mut().enumerate() {
                    if shard.everyone.is_none() {
                        continue;
                    }
                    shard.pending.push(outgoing.clone());
                    if !shard.queued {
                        shard.queued = true;
                        ready.push_back(index);
                    }
                }
            }
            Visibility::Group(group) => {
                let index = shard_of(group);
                let shard = &mut shards[index];
                if !shard.groups.contains_key(&group) {
                    return;
                }
                shard.pending.push(outgoing.clone());
                if !shard.urgent {
                    shard.urgent = true;
                    urgent.push_back(index);
                }
            }
            Visibility::Staff => return,
        }
        drop(guard);
        self.wake.notify_one();
    }

    /// The next shard's waiting changes, urgent ones first.
    fn next_batch(&self) -> Option<Batch> {
        let mut shards = lock(&self.shards);
        let Shards {
            shards,
            ready,
            urgent,
        } = &mut *shards;
        let index = loop {
            let index = urgent.pop_front().or_else(|| ready.pop_front())?;
            // A shard handled as urgent may still sit in the turn queue.
            if !shards[index].pending.is_empty() {
                break index;
            }
        };
        let shard = &mut shards[index];
        shard.queued = false;
        shard.urgent = false;
        let changes = std::mem::take(&mut shard.pending);
        let senders = changes
            .iter()
            .map(|change| match change.visibility {
                Visibility::Group(group) => shard.groups.get(&group).cloned(),
                _ => shard.everyone.clone(),
            })
            .collect();
        Some(Batch { changes, senders })
    }
}

struct Batch {
    changes: Vec<Outgoing>,
    senders: Vec<Option<broadcast::Sender<Outgoing>>>,
}

/// Delivers one shard at a time, letting its connections run in between.
/// Ends when the room closes.
async fn deliver(room: Arc<Fanout>) {
    loop {
        match room.next_batch() {
            Some(batch) => {
                for (change, sender) in batch.changes.into_iter().zip(batch.senders) {
                    if let Some(sender) = sender {
                        // Nobody listening is fine: the change is stored.
                        let _ = sender.send(change);
                    }
                }
                tokio::task::yield_now().await;
            }
            None if room.closed.load(Ordering::Acquire) => return,
            None => room.wake.notified().await,
        }
    }
}
