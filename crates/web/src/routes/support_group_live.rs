//! A peer support group's meeting held online: the live room of the live
//! events, with the meeting's agenda as its run sheet. The group's
//! facilitators open the room; its members join as a cohort's do theirs.

use super::see_other;
use super::support_groups::group_access;
use crate::context::SignedIn;
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::state::AppState;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use hearth_domain::live::RunSheet;
use hearth_domain::support_groups::{GroupAct, SupportGroupId};
use hearth_store::{Audience, NewEvent};
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new().route(
        "/support-groups/{id}/meetings/{meeting}/live",
        post(open_live_room_post),
    )
}

/// Opens (or reopens) the meeting's live room and takes the host into it.
async fn open_live_room_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, meeting_id)): Path<(SupportGroupId, Uuid)>,
) -> AppResult<Response> {
    let access = group_access(&state, &me, id).await?;
    access.require(&me, GroupAct::Facilitate)?;
    let meeting = state
        .store
        .support_group_meetings()
        .get(id, meeting_id)
        .await?;
    let tr = Tr::new(me.ctx.language);
    if !meeting.online || meeting.cancelled {
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, tr.t("sg-live-not-online")).into_response());
    }
    // An empty agenda still meets: the built-in peer group meeting.
    let run_sheet = if meeting.agenda.is_empty() {
        RunSheet::peer_group_meeting()
    } else {
        RunSheet::from_agenda(&meeting.title, &meeting.agenda)
    };
    let event = state
        .store
        .events()
        .hold_meeting_online(
            meeting_id,
            &NewEvent {
                audience: Audience::SupportGroup(id),
                title: meeting.title.clone(),
                starts_at: meeting.starts_at,
                time_zone: meeting.time_zone.clone(),
                run_sheet,
                created_by: me.user.person.id,
            },
        )
        .await?;
    Ok(see_other(&format!("/events/{event}/live")))
}
