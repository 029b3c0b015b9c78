//! `/healthz`: the process is up. `/readyz`: the database answers.

use crate::state::AppState;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(healthz_get))
        .route("/readyz", get(readyz_get))
}

async fn healthz_get() -> &'static str {
    "ok"
}

async fn readyz_get(State(state): State<AppState>) -> (StatusCode, &'static str) {
    if state.store.db().ping().await {
        (StatusCode::OK, "ready")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unreachable")
    }
}
