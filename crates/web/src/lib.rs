//! Hearth's web interface.
//!
//! Each area owns its routes (`routes/<area>.rs`), its views and its
//! templates (`templates/<area>/`). Every request passes through
//! [`context::load`], which finds the signed-in person, the language and the
//! CSRF token once; handlers take them through the extractors of [`context`]
//! and ask [`hearth_domain::policy::policy`] before doing anything.

pub mod config;
pub mod context;
pub mod conversations;
pub mod error;
pub mod i18n;
pub mod jobs;
pub mod live;
pub mod mail;
mod routes;
pub mod state;
mod views;

pub use config::WebConfig;
pub use state::AppState;

use axum::Router;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::net::TcpListener;

/// The whole application as a router, for serving or for tests.
pub fn app(state: AppState) -> Router {
    routes::router(state)
}

/// Serves until `shutdown` resolves, then lets requests in flight finish.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let runner = jobs::spawn_runner(state.clone());
    let bus = live::bus::spawn(state.clone());
    let conversation_bus = conversations::bus::spawn(state.clone());
    let store = state.store.clone();
    let instance = state.instance;
    let app = app(state).into_make_service_with_connect_info::<SocketAddr>();
    let result = axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await;
    runner.abort();
    bus.abort();
    conversation_bus.abort();
    if let Err(error) = store.conversations().forget_instance(instance).await {
        tracing::warn!(%error, "could not forget who had conversations open here");
    }
    // The people whose rooms were open here are no longer present.
    if store.db().is_shared()
        && let Err(error) = store.live_presence().forget_instance(instance).await
    {
        tracing::warn!(%error, "could not tell the other instances this one stopped");
    }
    // Give the runner a moment to drop its claim cleanly.
    tokio::time::sleep(Duration::from_millis(10)).await;
    result
}
