//! On PostgreSQL, listens for changes other instances stored and hands them
//! to this server's hubs. A sweep every few seconds covers any notice lost
//! while the listening connection was re-established.

use crate::state::AppState;
use std::time::Duration;
use tokio::task::JoinHandle;

const SWEEP: Duration = Duration::from_secs(3);

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
        loop {
            tokio::select! {
                notice = listener.next() => match notice {
                    Ok((event, _)) => {
                        if let Some(hub) = state.hubs.cached(event)
                            && let Err(error) = hub.sync(&state.store).await
                        {
                            tracing::error!(%error, "could not read another instance's change");
                        }
                    }
                    Err(error) => {
                        tracing::warn!(%error, "the live bus connection dropped; retrying");
                        tokio::time::sleep(Duration::from_secs(1)).await;
                    }
                },
                _ = sweep.tick() => {
                    for hub in state.hubs.all() {
                        if let Err(error) = hub.sync(&state.store).await {
                            tracing::error!(%error, "could not sweep a live event");
                        }
                    }
                }
            }
        }
    })
}
