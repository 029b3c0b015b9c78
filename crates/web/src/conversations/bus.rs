//! Keeps this server's conversation hubs up to date with what other
//! instances store: on PostgreSQL a notice names the conversation and its
//! new number; a sweep every few seconds covers a notice lost while the
//! listening connection was re-established (and, on either database, a
//! change made through a hub that was let go a moment before). Presence
//! rows are refreshed on the same clock.

use crate::state::AppState;
use std::time::Duration;
use tokio::task::JoinHandle;

const SWEEP: Duration = Duration::from_secs(3);
/// Every this many sweeps, this instance's presence rows are refreshed
/// (well inside `hearth_store::CONVERSATION_PRESENCE_STALE_MS`).
const PRESENCE_SWEEPS: u32 = 5;

pub fn spawn(state: AppState) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut listener = match state.store.db().conversation_listener().await {
            Ok(listener) => listener,
            Err(error) => {
                tracing::error!(%error, "could not listen for conversation changes from other instances");
                None
            }
        };
        let mut sweep = tokio::time::interval(SWEEP);
        let mut sweeps: u32 = 0;
        loop {
            let notice = async {
                match &mut listener {
                    Some(listener) => listener.next().await,
                    None => std::future::pending().await,
                }
            };
            tokio::select! {
                heard = notice => match heard {
                    Ok((id, _)) => {
                        if let Some(hub) = state.conversation_hubs.cached(id)
                            && let Err(error) = hub.sync(&state.store).await
                        {
                            tracing::error!(%error, "could not read another instance's message");
                        }
                    }
                    Err(error) => {
                        tracing::warn!(%error, "the conversation bus dropped; retrying");
                        tokio::time::sleep(Duration::from_secs(1)).await;
                    }
                },
                _ = sweep.tick() => {
                    sweeps = sweeps.wrapping_add(1);
                    if sweeps.is_multiple_of(PRESENCE_SWEEPS)
                        && let Err(error) = state.store.conversations().heartbeat(state.instance).await
                    {
                        tracing::warn!(%error, "could not refresh who has conversations open");
                    }
                    for hub in state.conversation_hubs.all() {
                        if let Err(error) = hub.sync(&state.store).await {
                            tracing::error!(%error, "could not sweep a conversation");
                        }
                    }
                }
            }
        }
    })
}
