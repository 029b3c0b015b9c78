//! Plans change for a peer support group's meeting: its facilitators move it
//! (day, time, place) or cancel it, while nobody has been marked at it and,
//! held online, while its live room has not begun. The members are told in
//! the app and by email, in their own language and time zone; the day-before
//! reminders follow the meeting, and a cancelled meeting leaves the reports.

use super::event_changes::{cancel_note, parse_start};
use super::see_other;
use super::support_groups::group_access;
use super::support_groups_meetings::{queue_reminders, reminder_about};
use crate::context::SignedIn;
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::forms::FieldErrors;
use crate::views::{Layout, format_time};
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Form, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use hearth_domain::input::optional_text;
use hearth_domain::support_groups::{GroupAct, SupportGroupId};
use hearth_store::{Meeting, NewMeeting, StoreError, SupportGroup};
use serde::Deserialize;
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/support-groups/{id}/meetings/{meeting}/change",
            get(change_get).post(change_post),
        )
        .route(
            "/support-groups/{id}/meetings/{meeting}/cancel",
            post(cancel_post),
        )
}

#[derive(Deserialize, Default, Clone)]
struct ChangeForm {
    #[serde(default)]
    date: String,
    #[serde(default)]
    time: String,
    #[serde(default)]
    place: String,
    #[serde(default)]
    note: String,
}

impl ChangeForm {
    /// The meeting's plan as it stands, in its own time zone.
    fn from_meeting(meeting: &Meeting) -> ChangeForm {
        let zone = jiff::tz::TimeZone::get(&meeting.time_zone).unwrap_or(jiff::tz::TimeZone::UTC);
        let starts = hearth_store::timestamp(meeting.starts_at).to_zoned_datetime(zone);
        ChangeForm {
            date: starts.date().to_string(),
            time: starts.time().strftime("%H:%M").to_string(),
            place: meeting.place.clone().unwrap_or_default(),
            note: String::new(),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "support_groups/meeting_change.html")]
struct ChangeView {
    layout: Layout,
    group: SupportGroup,
    meeting: Meeting,
    when: String,
    form: ChangeForm,
    errors: FieldErrors,
    /// Why the plan can no longer change (a Fluent id), if it cannot.
    locked: Option<&'static str>,
}

/// The group and the meeting, once the person facilitates the group.
async fn plannable(
    state: &AppState,
    me: &SignedIn,
    id: SupportGroupId,
    meeting: Uuid,
) -> AppResult<(SupportGroup, Meeting)> {
    let access = group_access(state, me, id).await?;
    access.require(me, GroupAct::Facilitate)?;
    let meeting = state
        .store
        .support_group_meetings()
        .get(id, meeting)
        .await?;
    Ok((access.group, meeting))
}

/// Why the meeting's plan can no longer change, if it cannot.
async fn locked(state: &AppState, meeting: &Meeting) -> Result<Option<&'static str>, StoreError> {
    if meeting.cancelled {
        return Ok(Some("sg-change-locked-cancelled"));
    }
    if let Some(activity) = meeting.activity_id
        && !state
            .store
            .support_group_meetings()
            .attendance(activity)
            .await?
            .is_empty()
    {
        return Ok(Some("sg-change-locked-attended"));
    }
    if let Some(event) = state
        .store
        .events()
        .online_meeting_event(meeting.id)
        .await?
        && state.store.events().has_begun(event).await?
    {
        return Ok(Some("sg-change-locked-begun"));
    }
    Ok(None)
}

async fn change_page(
    state: &AppState,
    me: &SignedIn,
    (group, meeting): (SupportGroup, Meeting),
    form: Option<ChangeForm>,
    errors: FieldErrors,
    status: StatusCode,
) -> AppResult<Response> {
    let tr = Tr::new(me.ctx.language);
    let view = ChangeView {
        layout: Layout::new(
            state,
            &me.ctx,
            "/support-groups",
            tr.t1("sg-change-title", "title", &meeting.title),
        )
        .await,
        when: format_time(meeting.starts_at, &meeting.time_zone),
        form: form.unwrap_or_else(|| ChangeForm::from_meeting(&meeting)),
        errors,
        locked: locked(state, &meeting).await?,
        group,
        meeting,
    };
    Ok((status, view).into_response())
}

/// The page again when the plan can no longer change, read afresh.
async fn refused(
    state: &AppState,
    me: &SignedIn,
    id: SupportGroupId,
    meeting: Uuid,
    form: ChangeForm,
) -> AppResult<Response> {
    let found = plannable(state, me, id, meeting).await?;
    change_page(
        state,
        me,
        found,
        Some(form),
        FieldErrors::new(),
        StatusCode::CONFLICT,
    )
    .await
}

async fn change_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, meeting)): Path<(SupportGroupId, Uuid)>,
) -> AppResult<Response> {
    let found = plannable(&state, &me, id, meeting).await?;
    change_page(&state, &me, found, None, FieldErrors::new(), StatusCode::OK).await
}

async fn change_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, meeting_id)): Path<(SupportGroupId, Uuid)>,
    Form(form): Form<ChangeForm>,
) -> AppResult<Response> {
    let (group, meeting) = plannable(&state, &me, id, meeting_id).await?;
    if locked(&state, &meeting).await?.is_some() {
        return refused(&state, &me, id, meeting_id, form).await;
    }
    let tr = Tr::new(me.ctx.language);
    let mut errors = FieldErrors::new();
    let starts_at = parse_start(&tr, &mut errors, &form.date, &form.time, &meeting.time_zone);
    let place = errors.check(&tr, "place", optional_text(&form.place, 300));
    if matches!(place, Some(None)) && !meeting.online {
        errors.add_message(&tr, "place", "sg-error-where");
    }
    let (Some(starts_at), Some(place)) = (starts_at, place) else {
        return change_page(
            &state,
            &me,
            (group, meeting),
            Some(form),
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    // Its live room moves first: that refuses once the room has begun.
    if starts_at != meeting.starts_at
        && let Some(event) = state
            .store
            .events()
            .online_meeting_event(meeting_id)
            .await?
    {
        let live = state.store.events().get(event).await?;
        match state
            .store
            .events()
            .change_plan(event, &live.title, starts_at)
            .await
        {
            Ok(()) => {}
            Err(StoreError::Conflict(_)) => {
                return refused(&state, &me, id, meeting_id, form).await;
            }
            Err(other) => return Err(other.into()),
        }
    }
    let meetings = state.store.support_group_meetings();
    match meetings
        .move_meeting(meeting_id, starts_at, place.as_deref())
        .await
    {
        Ok(()) => {}
        Err(StoreError::Conflict(_)) => {
            return refused(&state, &me, id, meeting_id, form).await;
        }
        Err(other) => return Err(other.into()),
    }
    let moved = meetings.get(id, meeting_id).await?;
    // The day-before reminders follow the meeting.
    state
        .store
        .jobs()
        .withdraw(crate::jobs::EMAIL, "about", &reminder_about(meeting_id))
        .await?;
    let again = NewMeeting {
        title: moved.title.clone(),
        starts_at: moved.starts_at,
        time_zone: moved.time_zone.clone(),
        place: moved.place.clone(),
        online: moved.online,
        agenda: moved.agenda.clone(),
    };
    queue_reminders(&state, &group, &[again], &[meeting_id]).await?;
    tell_members(&state, &me, &group, &moved, Notice::Moved).await?;
    Ok(see_other(&format!(
        "/support-groups/{id}/meetings/{meeting_id}?done=flash-sg-meeting-changed"
    )))
}

async fn cancel_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, meeting_id)): Path<(SupportGroupId, Uuid)>,
    Form(form): Form<ChangeForm>,
) -> AppResult<Response> {
    let (group, meeting) = plannable(&state, &me, id, meeting_id).await?;
    if locked(&state, &meeting).await?.is_some() {
        return refused(&state, &me, id, meeting_id, ChangeForm::default()).await;
    }
    let tr = Tr::new(me.ctx.language);
    let note = match cancel_note(&tr, &form.note) {
        Ok(note) => note,
        Err(errors) => {
            let kept = ChangeForm {
                note: form.note.clone(),
                ..ChangeForm::from_meeting(&meeting)
            };
            return change_page(
                &state,
                &me,
                (group, meeting),
                Some(kept),
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    // Its live room is cancelled first: that refuses once the room has begun.
    if let Some(event) = state
        .store
        .events()
        .online_meeting_event(meeting_id)
        .await?
    {
        match state.store.events().cancel(event, note).await {
            Ok(()) | Err(StoreError::Conflict("cancelled")) => {}
            Err(StoreError::Conflict(_)) => {
                return refused(&state, &me, id, meeting_id, ChangeForm::default()).await;
            }
            Err(other) => return Err(other.into()),
        }
    }
    let meetings = state.store.support_group_meetings();
    match meetings.cancel(meeting_id, note).await {
        Ok(()) => {}
        Err(StoreError::Conflict(_)) => {
            return refused(&state, &me, id, meeting_id, ChangeForm::default()).await;
        }
        Err(other) => return Err(other.into()),
    }
    state
        .store
        .jobs()
        .withdraw(crate::jobs::EMAIL, "about", &reminder_about(meeting_id))
        .await?;
    let cancelled = meetings.get(id, meeting_id).await?;
    tell_members(&state, &me, &group, &cancelled, Notice::Cancelled).await?;
    Ok(see_other(&format!(
        "/support-groups/{id}/meetings/{meeting_id}?done=flash-sg-meeting-cancelled"
    )))
}

#[derive(Clone, Copy)]
enum Notice {
    Moved,
    Cancelled,
}

/// Tells every member (facilitators too) but the one who changed it.
async fn tell_members(
    state: &AppState,
    me: &SignedIn,
    group: &SupportGroup,
    meeting: &Meeting,
    notice: Notice,
) -> AppResult<()> {
    let link = format!("/support-groups/{}/meetings/{}", group.id.0, meeting.id);
    for member in state.store.support_groups().members(group.id).await? {
        if member.user_id == me.user.person.id {
            continue;
        }
        let person = state.store.people().get(member.user_id).await?;
        if !person.active {
            continue;
        }
        let tr = Tr::for_person(&person);
        let zone = person.time_zone.as_deref().unwrap_or(&meeting.time_zone);
        let title_args = [
            ("group", group.name.clone()),
            ("title", meeting.title.clone()),
        ];
        let (title, body) = match notice {
            Notice::Moved => (
                tr.args("sg-meeting-moved-title", &title_args),
                tr.args(
                    "sg-meeting-moved-body",
                    &[
                        ("when", format_time(meeting.starts_at, zone)),
                        (
                            "place",
                            meeting
                                .place
                                .clone()
                                .unwrap_or_else(|| tr.t("sg-meeting-online")),
                        ),
                    ],
                ),
            ),
            Notice::Cancelled => (
                tr.args("sg-meeting-cancelled-title", &title_args),
                match &meeting.cancel_note {
                    Some(note) => tr.t1("event-cancelled-notice-note", "note", note),
                    None => tr.t("event-cancelled-notice-body"),
                },
            ),
        };
        crate::jobs::notify(state, person.id, &title, &body, Some(&link), true).await?;
    }
    Ok(())
}
