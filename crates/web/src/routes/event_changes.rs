//! Plans change: the audience's facilitators move a live event to another
//! time (or retitle it) or cancel it, while nothing has happened in its room
//! yet. Everyone who sees the event is told, in the app and by email, in
//! their own language and time zone; subscribed calendars update (the
//! event's revision is iCalendar's SEQUENCE).
//!
//! Co-facilitators run the room but do not reschedule it: the same
//! `RunEvent` right that schedules events for the audience moves them.
//! Online training sessions move from their training page (which moves the
//! event with them, see `move_with_delivery`); a support group's online
//! meeting is its meeting's event and is not changed here.

use super::see_other;
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
use hearth_domain::EventId;
use hearth_domain::input::{Name, date};
use hearth_domain::policy::Action;
use hearth_store::{Audience, Event, StoreError, now_ms};
use serde::Deserialize;

/// The longest word a facilitator may leave when cancelling.
const MAX_NOTE_CHARS: usize = 500;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/events/{id}/change", get(change_get).post(change_post))
        .route("/events/{id}/cancel", post(cancel_post))
}

/// Where an event's plan is changed, when it is not changed here.
enum ChangedElsewhere {
    /// An online training session: its training page.
    Training(String),
    /// A support group's online meeting: the meeting's page.
    Meeting(String),
}

async fn changed_elsewhere(
    state: &AppState,
    event: &Event,
) -> Result<Option<ChangedElsewhere>, StoreError> {
    Ok(match event.audience {
        Audience::SupportGroup(group) => Some(ChangedElsewhere::Meeting(format!(
            "/support-groups/{}",
            group.0
        ))),
        Audience::Cohort(cohort) => state
            .store
            .training()
            .is_delivery_event(event.id)
            .await?
            .then(|| ChangedElsewhere::Training(format!("/cohorts/{cohort}/training"))),
    })
}

/// The event, once the policy lets this person plan for its audience.
async fn plannable(state: &AppState, me: &SignedIn, id: EventId) -> AppResult<Event> {
    let event = state.store.events().get(id).await?;
    me.require(Action::RunEvent, event.scope())?;
    Ok(event)
}

#[derive(Deserialize, Default, Clone)]
struct ChangeForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    time: String,
    #[serde(default)]
    note: String,
}

impl ChangeForm {
    /// The event's plan as it stands, in its own time zone.
    fn from_event(event: &Event) -> ChangeForm {
        let zone = jiff::tz::TimeZone::get(&event.time_zone).unwrap_or(jiff::tz::TimeZone::UTC);
        let starts = hearth_store::timestamp(event.starts_at).to_zoned_datetime(zone);
        ChangeForm {
            title: event.title.clone(),
            date: starts.date().to_string(),
            time: starts.time().strftime("%H:%M").to_string(),
            note: String::new(),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "events/change.html")]
struct ChangeView {
    layout: Layout,
    event: Event,
    when: String,
    form: ChangeForm,
    errors: FieldErrors,
    /// Why the plan can no longer change here (a Fluent id), if it cannot.
    locked: Option<&'static str>,
    /// Where to change it instead, with the link's words.
    elsewhere: Option<(String, String)>,
}

async fn change_page(
    state: &AppState,
    me: &SignedIn,
    event: Event,
    form: Option<ChangeForm>,
    errors: FieldErrors,
    status: StatusCode,
) -> AppResult<Response> {
    let tr = Tr::new(me.ctx.language);
    let zone = &event.time_zone;
    let form = form.unwrap_or_else(|| ChangeForm::from_event(&event));
    let locked = if event.cancelled {
        Some("event-change-locked-cancelled")
    } else if state.store.events().has_begun(event.id).await? {
        Some("event-change-locked-begun")
    } else {
        None
    };
    let elsewhere = changed_elsewhere(state, &event)
        .await?
        .map(|place| match place {
            ChangedElsewhere::Training(link) => (link, tr.t("event-change-elsewhere-training")),
            ChangedElsewhere::Meeting(link) => (link, tr.t("event-change-elsewhere-meeting")),
        });
    let view = ChangeView {
        layout: Layout::new(
            state,
            &me.ctx,
            "/cohorts",
            tr.t1("event-change-title", "title", &event.title),
        )
        .await,
        when: format_time(event.starts_at, zone),
        event,
        form,
        errors,
        locked,
        elsewhere,
    };
    Ok((status, view).into_response())
}

/// The page again when the plan can no longer change here (begun,
/// cancelled, or changed elsewhere), read afresh.
async fn refused(
    state: &AppState,
    me: &SignedIn,
    id: EventId,
    form: Option<ChangeForm>,
) -> AppResult<Response> {
    let event = state.store.events().get(id).await?;
    change_page(
        state,
        me,
        event,
        form,
        FieldErrors::new(),
        StatusCode::CONFLICT,
    )
    .await
}

async fn change_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<EventId>,
) -> AppResult<Response> {
    let event = plannable(&state, &me, id).await?;
    change_page(&state, &me, event, None, FieldErrors::new(), StatusCode::OK).await
}

/// A cancellation's optional word for the people invited, trimmed; one too
/// long is the form's error.
pub(crate) fn cancel_note<'a>(tr: &Tr, raw: &'a str) -> Result<Option<&'a str>, FieldErrors> {
    let note = raw.trim();
    if note.chars().count() > MAX_NOTE_CHARS {
        let mut errors = FieldErrors::new();
        errors.add_message(tr, "note", "event-change-error-note");
        return Err(errors);
    }
    Ok((!note.is_empty()).then_some(note))
}

/// A new start, still to come, in the occasion's own time zone; or the
/// form's errors on `date` and `time`.
pub(crate) fn parse_start(
    tr: &Tr,
    errors: &mut FieldErrors,
    day: &str,
    time: &str,
    zone: &str,
) -> Option<i64> {
    let day = errors.check(tr, "date", date(day));
    let time = time.trim().parse::<jiff::civil::Time>().ok();
    if time.is_none() {
        errors.add_message(tr, "time", "event-change-error-time");
    }
    let starts_at = day?
        .to_datetime(time?)
        .in_tz(zone)
        .ok()?
        .timestamp()
        .as_millisecond();
    if starts_at < now_ms() {
        errors.add_message(tr, "date", "event-change-error-past");
        return None;
    }
    Some(starts_at)
}

async fn change_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<EventId>,
    Form(form): Form<ChangeForm>,
) -> AppResult<Response> {
    let event = plannable(&state, &me, id).await?;
    if changed_elsewhere(&state, &event).await?.is_some() {
        return refused(&state, &me, id, Some(form)).await;
    }
    let tr = Tr::new(me.ctx.language);
    let mut errors = FieldErrors::new();
    let title = errors.check(&tr, "title", Name::parse(&form.title));
    let starts_at = parse_start(&tr, &mut errors, &form.date, &form.time, &event.time_zone);
    let (Some(title), Some(starts_at)) = (title, starts_at) else {
        return change_page(
            &state,
            &me,
            event,
            Some(form),
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let title = title.into_string();
    match state
        .store
        .events()
        .change_plan(id, &title, starts_at)
        .await
    {
        Ok(()) => {}
        Err(StoreError::Conflict(_)) => return refused(&state, &me, id, Some(form)).await,
        Err(other) => return Err(other.into()),
    }
    let moved = event.starts_at != starts_at;
    let event = state.store.events().get(id).await?;
    if moved {
        tell_audience(&state, &me, &event, Notice::Moved).await?;
    }
    Ok(see_other(&format!("/events/{id}?done=flash-event-changed")))
}

async fn cancel_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<EventId>,
    Form(form): Form<ChangeForm>,
) -> AppResult<Response> {
    let event = plannable(&state, &me, id).await?;
    if changed_elsewhere(&state, &event).await?.is_some() {
        return refused(&state, &me, id, None).await;
    }
    let tr = Tr::new(me.ctx.language);
    let note = match cancel_note(&tr, &form.note) {
        Ok(note) => note,
        Err(errors) => {
            let form = ChangeForm {
                note: form.note.clone(),
                ..ChangeForm::from_event(&event)
            };
            return change_page(
                &state,
                &me,
                event,
                Some(form),
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    match state.store.events().cancel(id, note).await {
        Ok(()) => {}
        Err(StoreError::Conflict(_)) => return refused(&state, &me, id, None).await,
        Err(other) => return Err(other.into()),
    }
    let event = state.store.events().get(id).await?;
    tell_audience(&state, &me, &event, Notice::Cancelled).await?;
    Ok(see_other(&format!(
        "/events/{id}?done=flash-event-cancelled"
    )))
}

#[derive(Clone, Copy)]
enum Notice {
    Moved,
    Cancelled,
}

/// Tells everyone who sees the event, but the person who changed it.
async fn tell_audience(
    state: &AppState,
    me: &SignedIn,
    event: &Event,
    notice: Notice,
) -> AppResult<()> {
    let link = format!("/events/{}", event.id);
    for person in state.store.events().audience_of(event.id).await? {
        if person == me.user.person.id {
            continue;
        }
        let person = state.store.people().get(person).await?;
        let tr = Tr::for_person(&person);
        let (title, body) = match notice {
            Notice::Moved => {
                // Their own zone, else the event's (where it takes place).
                let zone = person.time_zone.as_deref().unwrap_or(&event.time_zone);
                (
                    tr.t1("event-moved-notice-title", "title", &event.title),
                    tr.t1(
                        "event-moved-notice-body",
                        "when",
                        format_time(event.starts_at, zone),
                    ),
                )
            }
            Notice::Cancelled => (
                tr.t1("event-cancelled-notice-title", "title", &event.title),
                match &event.cancel_note {
                    Some(note) => tr.t1("event-cancelled-notice-note", "note", note),
                    None => tr.t("event-cancelled-notice-body"),
                },
            ),
        };
        crate::jobs::notify(state, person.id, &title, &body, Some(&link), true).await?;
    }
    Ok(())
}

/// An online training session moved on its training page: its live event
/// moves with it (and its audience is told). Refused, with the message's
/// id, once the room has begun or the event was cancelled.
pub async fn move_with_delivery(
    state: &AppState,
    me: &SignedIn,
    id: EventId,
    starts_at: i64,
) -> AppResult<Result<(), &'static str>> {
    let event = state.store.events().get(id).await?;
    if event.starts_at == starts_at {
        return Ok(Ok(()));
    }
    match state
        .store
        .events()
        .change_plan(id, &event.title, starts_at)
        .await
    {
        Ok(()) => {
            let event = state.store.events().get(id).await?;
            tell_audience(state, me, &event, Notice::Moved).await?;
            Ok(Ok(()))
        }
        Err(StoreError::Conflict("cancelled")) => Ok(Err("event-change-locked-cancelled")),
        Err(StoreError::Conflict(_)) => Ok(Err("event-change-locked-begun")),
        Err(other) => Err(other.into()),
    }
}
