//! One hub per event: the state, the next sequence number and the broadcast.

use axum::extract::ws::Utf8Bytes;
use hearth_domain::EventId;
use hearth_domain::live::{
    Change, Command, LiveState, Member, Refusal, RunSheet, Viewer, Visibility,
};
use hearth_store::{Store, StoreError, now_ms};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::broadcast;

/// How many changes a slow client may fall behind before it reads the log instead.
const BROADCAST_CAPACITY: usize = 1024;

/// A change ready to send: encoded once, shared by every connection.
#[derive(Debug, Clone)]
pub struct Outgoing {
    pub seq: i64,
    pub visibility: Visibility,
    pub frame: Utf8Bytes,
}

/// The frame clients receive for each change.
#[derive(Serialize)]
pub struct ChangeFrame<'a> {
    pub seq: i64,
    pub at: i64,
    pub change: &'a Change,
}

pub fn encode(seq: i64, at: i64, change: &Change) -> Utf8Bytes {
    serde_json::to_string(&ChangeFrame { seq, at, change })
        .unwrap_or_default()
        .into()
}

struct Inner {
    state: LiveState,
    last_seq: i64,
}

pub struct Hub {
    pub event: EventId,
    pub run_sheet: RunSheet,
    /// Whether other instances write to this event too (PostgreSQL).
    shared: bool,
    inner: tokio::sync::Mutex<Inner>,
    sender: broadcast::Sender<Outgoing>,
}

/// Why a command did not go through.
#[derive(Debug)]
pub enum Rejected {
    Refused(Refusal),
    Store(StoreError),
}

impl Hub {
    async fn load(
        store: &Store,
        event: EventId,
        run_sheet: RunSheet,
        shared: bool,
    ) -> Result<Hub, StoreError> {
        let (changes, last_seq) = store.events().all_changes(event).await?;
        let state = LiveState::fold(&changes);
        let (sender, _) = broadcast::channel(BROADCAST_CAPACITY);
        Ok(Hub {
            event,
            run_sheet,
            shared,
            inner: tokio::sync::Mutex::new(Inner { state, last_seq }),
            sender,
        })
    }

    /// Subscribes, and returns the state and the sequence number it reflects.
    /// Subscribing under the lock means no change falls between the two.
    pub async fn join(&self) -> (broadcast::Receiver<Outgoing>, LiveState, i64) {
        let inner = self.inner.lock().await;
        (self.sender.subscribe(), inner.state.clone(), inner.last_seq)
    }

    /// Decides, stores, applies and broadcasts. Changes are stored before
    /// anyone hears of them, so what a client saw is never lost.
    pub async fn handle(
        &self,
        store: &Store,
        who: &Member,
        command: Command,
    ) -> Result<(), Rejected> {
        let mut inner = self.inner.lock().await;
        if self.shared {
            // Another instance may have moved the event on: decide on the latest state.
            Self::catch_up(&mut inner, &self.sender, store, self.event)
                .await
                .map_err(Rejected::Store)?;
        }
        let now = now_ms();
        let changes = inner
            .state
            .decide(&self.run_sheet, who, command, now)
            .map_err(Rejected::Refused)?;
        let seqs = store
            .events()
            .append(self.event, &changes, now)
            .await
            .map_err(Rejected::Store)?;
        for ((change, visibility), seq) in changes.iter().zip(seqs) {
            inner.state.apply(change);
            inner.last_seq = seq;
            // Nobody listening is fine: the change is stored.
            let _ = self.sender.send(Outgoing {
                seq,
                visibility: *visibility,
                frame: encode(seq, now, change),
            });
        }
        Ok(())
    }

    pub async fn state(&self) -> LiveState {
        self.inner.lock().await.state.clone()
    }

    /// Reads changes another instance stored, applies and broadcasts them.
    pub async fn sync(&self, store: &Store) -> Result<(), StoreError> {
        let mut inner = self.inner.lock().await;
        Self::catch_up(&mut inner, &self.sender, store, self.event).await
    }

    async fn catch_up(
        inner: &mut Inner,
        sender: &broadcast::Sender<Outgoing>,
        store: &Store,
        event: EventId,
    ) -> Result<(), StoreError> {
        let everything = Viewer {
            user: hearth_domain::UserId(uuid::Uuid::nil()),
            facilitator: true,
            group: None,
        };
        for entry in store
            .events()
            .log_after(event, inner.last_seq, &everything)
            .await?
        {
            inner.state.apply(&entry.change);
            inner.last_seq = entry.seq;
            let _ = sender.send(Outgoing {
                seq: entry.seq,
                visibility: entry.visibility,
                frame: encode(entry.seq, entry.at, &entry.change),
            });
        }
        Ok(())
    }
}

/// Every live hub of this server, created when someone first opens the room.
#[derive(Default)]
pub struct Hubs {
    hubs: Mutex<HashMap<EventId, Arc<Hub>>>,
    /// Serialises first loads so one event never gets two hubs.
    loading: tokio::sync::Mutex<()>,
}

impl Hubs {
    pub async fn get(
        &self,
        store: &Store,
        event: EventId,
        run_sheet: &RunSheet,
    ) -> Result<Arc<Hub>, StoreError> {
        if let Some(hub) = self.cached(event) {
            return Ok(hub);
        }
        let _loading = self.loading.lock().await;
        if let Some(hub) = self.cached(event) {
            return Ok(hub);
        }
        let shared = store.db().backend() == hearth_store::Backend::Postgres;
        let hub = Arc::new(Hub::load(store, event, run_sheet.clone(), shared).await?);
        if let Ok(mut hubs) = self.hubs.lock() {
            hubs.insert(event, hub.clone());
        }
        Ok(hub)
    }

    /// The hub of an event, if this server has it open.
    pub fn cached(&self, event: EventId) -> Option<Arc<Hub>> {
        self.hubs
            .lock()
            .ok()
            .and_then(|hubs| hubs.get(&event).cloned())
    }

    pub fn all(&self) -> Vec<Arc<Hub>> {
        self.hubs
            .lock()
            .map(|hubs| hubs.values().cloned().collect())
            .unwrap_or_default()
    }
}
