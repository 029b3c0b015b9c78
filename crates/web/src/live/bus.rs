//! On PostgreSQL, listens for what other instances stored or saw and hands
//! it to this server's hubs: changes to an event's log, and people opening
//! or closing a room. A sweep every few seconds covers any notice lost while
//! the listening connection was re-established; a slower one refreshes this
//! instance's presence rows and re-reads everyone else's.

use crate::state::AppState;
use hearth_store::{Notice, now_ms};
use std::time::Duration;
use tokio::task::JoinHandle;

const SWEEP: Duration = Duration::from_secs(3);
/// Every this many sweeps, presence is refreshed and re-read (well inside
/// `hearth_store::PRESENCE_STALE_MS`).
const PRESENCE_SWEEPS: u32 = 5;

pub fn spawn(state: AppState) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut listener = match state.store.db().live_listener().await {
            Ok(Some(listener)) => listener,
            Ok(None) => return,
            Err(error) => {
                tracing::error!(%error, "could not listen for live changes from other instances");
                return;
            }
        };
        let mut sweep = tokio::time::interval(SWEEP);
        let mut sweeps: u32 = 0;
        loop {
            tokio::select! {
                notice = listener.next() => match notice {
                    Ok(Notice::Changed { event, .. }) => {
                        if let Some(hub) = state.hubs.cached(event)
                            && let Err(error) = hub.sync(&state.store).await
                        {
                            tracing::error!(%error, "could not read another instance's change");
                        }
                    }
                    Ok(Notice::Presence { event, instance, user, arrived_as }) => {
                        // Our own notices come back too.
                        if instance != state.instance
                            && let Some(hub) = state.hubs.cached(event)
                        {
                            hub.heard_elsewhere(instance, user, arrived_as.as_deref()).await;
                        }
                    }
                    Err(error) => {
                        tracing::warn!(%error, "the live bus connection dropped; retrying");
                        tokio::time::sleep(Duration::from_secs(1)).await;
                    }
                },
                _ = sweep.tick() => {
                    sweeps = sweeps.wrapping_add(1);
                    let presence_too = sweeps.is_multiple_of(PRESENCE_SWEEPS);
                    if presence_too
                        && let Err(error) = state.store.live_presence().heartbeat(state.instance, now_ms()).await
                    {
                        tracing::warn!(%error, "could not refresh this instance's presence");
                    }
                    for hub in state.hubs.all() {
                        if let Err(error) = hub.sync(&state.store).await {
                            tracing::error!(%error, "could not sweep a live event");
                        }
                        if presence_too && let Err(error) = hub.resync_elsewhere(&state.store).await {
                            tracing::warn!(%error, "could not read who is present elsewhere");
                        }
                    }
                }
            }
        }
    })
}
