//! Notifications: what Hearth has told me, newest first.

use super::{no_store, see_other};
use crate::context::SignedIn;
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::{Layout, format_time};
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::{get, post};
use hearth_store::Notification;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/notifications", get(notifications_get))
        .route("/notifications/read", post(notifications_read_post))
}

#[derive(Template, WebTemplate)]
#[template(path = "notifications/list.html")]
struct NotificationsView {
    layout: Layout,
    notifications: Vec<(Notification, String)>,
}

async fn notifications_get(State(state): State<AppState>, me: SignedIn) -> AppResult<Response> {
    let tr = Tr::new(me.ctx.language);
    let zone = me.time_zone(&state).await?;
    let notifications = state
        .store
        .notifications()
        .list(me.user.person.id, 100)
        .await?
        .into_iter()
        .map(|n| {
            let when = format_time(n.created_at, &zone);
            (n, when)
        })
        .collect();
    let view = NotificationsView {
        layout: Layout::new(
            &state,
            &me.ctx,
            "/notifications",
            tr.t("notifications-title"),
        )
        .await,
        notifications,
    };
    Ok(no_store(view))
}

async fn notifications_read_post(
    State(state): State<AppState>,
    me: SignedIn,
) -> AppResult<Response> {
    state
        .store
        .notifications()
        .mark_all_read(me.user.person.id)
        .await?;
    Ok(see_other("/notifications"))
}
