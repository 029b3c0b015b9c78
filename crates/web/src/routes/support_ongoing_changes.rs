//! Changes to an ongoing support once sessions are agreed: the peer (or a
//! supervisor of the site) moves a session still to come; the peer, a
//! supervisor or the student calls one off; the student withdraws a request
//! not yet running, or ends a running support. Who may is the policy's
//! `OngoingAct::{Move, CancelSession, Withdraw}`.
//!
//! Each change reaches the other person in the app and by email, with a
//! calendar file for the same UID (the session's id) and a higher SEQUENCE
//! (`METHOD:CANCEL` when called off), and the session's reminders follow.

use super::see_other;
use super::support::{org_zone, parse_span};
use super::support_ongoing::{
    INVITATION, Invitation, SESSION_REMINDER, SupportForms, appointment, back, enqueue, may,
    refused, remind, support_page, tr_for,
};
use crate::context::SignedIn;
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::format_time;
use crate::views::forms::FieldErrors;
use axum::Router;
use axum::extract::{Form, Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::post;
use hearth_domain::policy::Action;
use hearth_domain::roles::Scope;
use hearth_domain::support::Agreement;
use hearth_domain::support_ongoing::{self as domain, OngoingAct, StudentEnding};
use hearth_store::{OngoingSession, OngoingSupport, Room, StoreError, now_ms};
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/ongoing/{id}/sessions/{session}/move", post(move_post))
        .route("/ongoing/{id}/sessions/{session}/cancel", post(cancel_post))
        .route("/ongoing/{id}/withdraw", post(withdraw_post))
}

/// A session's local date, start and end, as the forms write them.
pub(super) fn local_fields(session: &OngoingSession, zone: &str) -> (String, String, String) {
    let day = hearth_store::timestamp(session.starts_at)
        .to_zoned_datetime(jiff::tz::TimeZone::get(zone).unwrap_or(jiff::tz::TimeZone::UTC))
        .date()
        .to_string();
    (
        day,
        super::support::clock(session.starts_at, zone),
        super::support::clock(session.ends_at, zone),
    )
}

fn require(me: &SignedIn, s: &OngoingSupport, act: OngoingAct) -> AppResult<()> {
    if may(me, s, act) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// The support's page again, this session's form showing what was wrong.
async fn refuse(
    state: &AppState,
    me: &SignedIn,
    id: Uuid,
    mut forms: SupportForms,
    (session, failed): (Uuid, &'static str),
    errors: FieldErrors,
    status: StatusCode,
) -> AppResult<Response> {
    forms.changing = Some(session);
    support_page(state, me, id, forms, errors, failed, status, None).await
}

/// The support and one of its sessions, or 404.
async fn support_and_session(
    state: &AppState,
    id: Uuid,
    session: Uuid,
) -> AppResult<(OngoingSupport, OngoingSession)> {
    let s = state.store.ongoing().get(id).await?;
    let found = state
        .store
        .ongoing()
        .sessions(id)
        .await?
        .into_iter()
        .find(|x| x.id == session)
        .ok_or(AppError::NotFound)?;
    Ok((s, found))
}

async fn move_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, session)): Path<(Uuid, Uuid)>,
    Form(forms): Form<SupportForms>,
) -> AppResult<Response> {
    let (s, current) = support_and_session(&state, id, session).await?;
    require(&me, &s, OngoingAct::Move)?;
    let tr = Tr::new(me.ctx.language);
    let zone = org_zone(&state).await?;
    let now = now_ms();
    let mut errors = FieldErrors::new();
    if let Err(refusal) = domain::may_change(s.status(), current.starts_at, now) {
        errors.add_message(&tr, "date", refusal.message_id());
        let failed = (session, "move");
        return refuse(&state, &me, id, forms, failed, errors, StatusCode::CONFLICT).await;
    }
    let span = parse_span(
        &tr,
        &mut errors,
        &forms.date,
        &forms.starts,
        &forms.ends,
        &zone,
    );
    // A session is moved to a time still to come.
    let span = span.filter(|(_, starts_at, _)| {
        let ahead = *starts_at > now;
        if !ahead {
            errors.add_message(&tr, "date", "ongoing-error-past");
        }
        ahead
    });
    let room = room_at_site(&state, &s, &forms.room).await;
    if room.is_none() {
        errors.add_message(&tr, "room", "support-error-room-site");
    }
    let (Some((_, starts_at, ends_at)), Some(room)) = (span, room) else {
        let status = super::form_status(true);
        return refuse(&state, &me, id, forms, (session, "move"), errors, status).await;
    };
    if let Some(room) = &room {
        me.require(Action::BookRoom, Scope::Site(room.site_id))?;
    }
    let booking = room.as_ref().map(|r| (r.id, tr.t("ongoing-room-purpose")));
    let moved = state
        .store
        .ongoing()
        .move_session(id, session, (starts_at, ends_at), booking, me.actor.user)
        .await;
    match moved {
        Ok(_) => {}
        Err(StoreError::Conflict("room")) => {
            errors.add_message(&tr, "room", "support-error-room-taken");
            let failed = (session, "move");
            return refuse(&state, &me, id, forms, failed, errors, StatusCode::CONFLICT).await;
        }
        Err(StoreError::Conflict(_)) => {
            errors.add_message(&tr, "date", "ongoing-error-held");
            let failed = (session, "move");
            return refuse(&state, &me, id, forms, failed, errors, StatusCode::CONFLICT).await;
        }
        Err(other) => return Err(other.into()),
    }
    let (s, moved) = support_and_session(&state, id, session).await?;
    // The reminders move with it: the old ones go, new ones for the new day.
    withdraw_reminders(&state, session).await?;
    for person in [Some(s.student_id), s.peer_id].into_iter().flatten() {
        remind(&state, &s, &moved, person).await?;
    }
    tell_change(&state, &me, &s, &moved, Change::Moved, true).await?;
    Ok(back(id, "flash-ongoing-moved"))
}

/// The room chosen in a form: `Some(None)` for none, `None` when it is not
/// a room of the support's site.
async fn room_at_site(state: &AppState, s: &OngoingSupport, raw: &str) -> Option<Option<Room>> {
    match raw {
        "" => Some(None),
        raw => match raw.parse::<Uuid>() {
            Ok(room) => match state.store.support().room(room).await {
                Ok(room) if room.site_id == s.site_id => Some(Some(room)),
                _ => None,
            },
            Err(_) => None,
        },
    }
}

async fn cancel_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, session)): Path<(Uuid, Uuid)>,
    Form(forms): Form<SupportForms>,
) -> AppResult<Response> {
    let (s, current) = support_and_session(&state, id, session).await?;
    require(&me, &s, OngoingAct::CancelSession)?;
    let tr = Tr::new(me.ctx.language);
    let mut errors = FieldErrors::new();
    if let Err(refusal) = domain::may_change(s.status(), current.starts_at, now_ms()) {
        errors.add_message(&tr, "why", refusal.message_id());
        let failed = (session, "cancel");
        return refuse(&state, &me, id, forms, failed, errors, StatusCode::CONFLICT).await;
    }
    let Some(why) = errors.check(&tr, "why", domain::optional_reason(&forms.why, 300)) else {
        let status = super::form_status(true);
        return refuse(&state, &me, id, forms, (session, "cancel"), errors, status).await;
    };
    match state
        .store
        .ongoing()
        .cancel_session(id, session, why.as_deref(), me.actor.user)
        .await
    {
        Ok(()) => {}
        Err(StoreError::Conflict(_)) => {
            errors.add_message(&tr, "why", "ongoing-error-held");
            let failed = (session, "cancel");
            return refuse(&state, &me, id, forms, failed, errors, StatusCode::CONFLICT).await;
        }
        Err(other) => return Err(other.into()),
    }
    withdraw_reminders(&state, session).await?;
    let change = Change::Cancelled {
        reason: why.as_deref(),
    };
    tell_change(&state, &me, &s, &current, change, true).await?;
    Ok(back(id, "flash-ongoing-cancelled"))
}

/// The student withdraws a request not yet running, or ends a running
/// support: the same close as the peer's, marked as the student's (see
/// `StudentEnding`), with an optional word for the peer.
async fn withdraw_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<Uuid>,
    Form(forms): Form<SupportForms>,
) -> AppResult<Response> {
    let s = state.store.ongoing().get(id).await?;
    require(&me, &s, OngoingAct::Withdraw)?;
    let Some(ending) = StudentEnding::of(s.status()) else {
        return Ok(back(id, "flash-ongoing-not-now"));
    };
    let tr = Tr::new(me.ctx.language);
    let mut errors = FieldErrors::new();
    let Some(note) = errors.check(&tr, "note", domain::optional_reason(&forms.note, 500)) else {
        return refused(&state, &me, id, forms, errors, "withdraw").await;
    };
    let called_off = match state
        .store
        .ongoing()
        .end_by_student(id, me.actor.user, ending, note.as_deref())
        .await
    {
        Ok(called_off) => called_off,
        Err(StoreError::Conflict(_)) => return Ok(back(id, "flash-ongoing-not-now")),
        Err(other) => return Err(other.into()),
    };
    // One note in the app says it ended; calendars hear of each session.
    called_off_at_close(&state, &me, &s, &called_off).await?;
    if let Some(peer) = s.peer_id {
        let tr = tr_for(&state, peer).await?;
        let (title, body) = match ending {
            StudentEnding::Withdrawn => ("ongoing-withdrawn-title", "ongoing-withdrawn-body"),
            StudentEnding::Ended => ("ongoing-ended-title", "ongoing-ended-body"),
        };
        let mut text = tr.t1(body, "name", &s.student_name);
        if let Some(note) = &note {
            text = format!("{text}\n{}", tr.t1("ongoing-their-word", "note", note));
        }
        let link = format!("/ongoing/{id}");
        crate::jobs::notify(&state, peer, &tr.t(title), &text, Some(&link), true).await?;
    }
    let flash = match ending {
        StudentEnding::Withdrawn => "flash-ongoing-withdrawn",
        StudentEnding::Ended => "flash-ongoing-ended",
    };
    Ok(see_other(&format!("/my-support?done={flash}")))
}

/// Sessions called off because the support closed (by the student or the
/// peer): their reminders go and both calendars get a cancellation.
pub(super) async fn called_off_at_close(
    state: &AppState,
    me: &SignedIn,
    s: &OngoingSupport,
    called_off: &[OngoingSession],
) -> AppResult<()> {
    for session in called_off {
        withdraw_reminders(state, session.id).await?;
        let change = Change::Cancelled { reason: None };
        tell_change(state, me, s, session, change, false).await?;
    }
    Ok(())
}

/// Takes back a session's reminders not yet sent.
async fn withdraw_reminders(state: &AppState, session: Uuid) -> AppResult<()> {
    state
        .store
        .jobs()
        .withdraw(SESSION_REMINDER, "session", &session.to_string())
        .await?;
    Ok(())
}

#[derive(Clone, Copy)]
enum Change<'a> {
    Moved,
    Cancelled { reason: Option<&'a str> },
}

/// Both people's calendars hear of the change by email (same UID, higher
/// SEQUENCE; `METHOD:CANCEL` when called off). With `note`, whoever did not
/// make the change also finds it in the app, with the reason if one was given.
async fn tell_change(
    state: &AppState,
    me: &SignedIn,
    s: &OngoingSupport,
    session: &OngoingSession,
    change: Change<'_>,
    note: bool,
) -> AppResult<()> {
    let zone = org_zone(state).await?;
    let total = s.agreement().map_or(0, Agreement::total);
    let link = format!("/ongoing/{}", s.id);
    let now = now_ms();
    for person in [Some(s.student_id), s.peer_id].into_iter().flatten() {
        let tr = tr_for(state, person).await?;
        let to = state.store.people().get(person).await?;
        let when = format_time(
            session.starts_at,
            &to.time_zone.clone().unwrap_or(zone.clone()),
        );
        let args = [
            ("n", session.number.to_string()),
            ("m", total.to_string()),
            ("when", when),
        ];
        let by = &me.user.person.display_name;
        let mut entry = appointment(state, &tr, s, session, total);
        let (subject, body, ics) = match change {
            Change::Moved => {
                let ics = crate::views::ics::appointments(&entry.title.clone(), &[entry], now);
                (
                    tr.args("ongoing-moved-subject", &args),
                    tr.t1("ongoing-moved-body", "name", by),
                    ics,
                )
            }
            Change::Cancelled { reason } => {
                entry.cancelled = true;
                entry.sequence += 1;
                let title = entry.title.clone();
                let ics =
                    crate::views::ics::appointments_with_method(&title, &[entry], now, "CANCEL");
                let mut body = tr.t1("ongoing-cancelled-body", "name", by);
                if let Some(reason) = reason {
                    body = format!(
                        "{body}\n{}",
                        tr.t1("ongoing-their-reason", "reason", reason)
                    );
                }
                (tr.args("ongoing-cancelled-subject", &args), body, ics)
            }
        };
        if note && person != me.actor.user {
            state
                .store
                .notifications()
                .create(person, &subject, &body, Some(&link))
                .await?;
        }
        let job = Invitation {
            to: to.email.clone(),
            subject,
            body: format!(
                "{body}\n\n{}{link}",
                state.config.public_url.trim_end_matches('/')
            ),
            ics,
        };
        enqueue(state, INVITATION, &job, now).await?;
    }
    Ok(())
}
