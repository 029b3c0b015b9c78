//! Referrals to services from the directory, with follow-up: made from a
//! session log (by its author), from an ongoing support (by its peer) or
//! from a live event's "I need support" alert (by the event's facilitators).
//! A reminder reaches the referrer after the days they chose, through the
//! job queue, until they record how it turned out.

use super::support_ongoing::{REFERRAL_FOLLOW_UP, enqueue, tr_for};
use super::{form_status, no_store, see_other};
use crate::context::SignedIn;
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::forms::FieldErrors;
use crate::views::{Layout, format_time};
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use hearth_domain::input::optional_text;
use hearth_domain::live::{Change, Viewer};
use hearth_domain::policy::{Action, policy};
use hearth_domain::roles::Scope;
use hearth_domain::support_ongoing::{self as domain, OngoingAct, Outcome, ReferralSource};
use hearth_domain::{EventId, ServiceId, SiteId, UserId};
use hearth_store::{NewReferral, Referral, Service, StoreError, now_ms};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

const DAY_MS: i64 = 24 * 3_600_000;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/one-to-one/referrals", get(list_get).post(refer_post))
        .route("/one-to-one/referrals/new", get(new_get))
        .route("/one-to-one/referrals/{id}/outcome", post(outcome_post))
        .route("/events/{id}/support-alerts", get(alerts_get))
}

/// Who a referral is for and where it comes back to, once checked.
struct Source {
    kind: ReferralSource,
    id: Uuid,
    site: Option<SiteId>,
    person: Option<UserId>,
    label: String,
    back: String,
}

#[derive(Deserialize, Default, Clone)]
struct ReferForm {
    #[serde(default)]
    log: Option<Uuid>,
    #[serde(default)]
    support: Option<Uuid>,
    #[serde(default)]
    event: Option<EventId>,
    #[serde(default)]
    alert: Option<i64>,
    #[serde(default)]
    service: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    days: String,
}

/// Finds what the referral is made from and checks the reader may refer from it.
async fn source(state: &AppState, me: &SignedIn, tr: &Tr, form: &ReferForm) -> AppResult<Source> {
    if let Some(log) = form.log {
        let log = state.store.support().log(log).await?;
        // Only the one who held the conversation refers from it.
        if log.author_id != Some(me.actor.user) {
            return Err(AppError::Forbidden);
        }
        me.require(Action::ReferToService, Scope::Site(log.site_id))?;
        return Ok(Source {
            kind: ReferralSource::SessionLog,
            id: log.id,
            site: Some(log.site_id),
            person: None,
            label: tr.t1("referral-walk-in", "date", &log.held_on),
            back: format!("/one-to-one/logs/{}", log.id),
        });
    }
    if let Some(id) = form.support {
        let s = state.store.ongoing().get(id).await?;
        if !super::support_ongoing::may(me, &s, OngoingAct::Refer) || s.closed_at.is_some() {
            return Err(AppError::Forbidden);
        }
        return Ok(Source {
            kind: ReferralSource::Ongoing,
            id,
            site: Some(s.site_id),
            person: Some(s.student_id),
            label: s.student_name,
            back: format!("/ongoing/{id}"),
        });
    }
    if let (Some(event), Some(seq)) = (form.event, form.alert) {
        let access = super::events::room_access(state, me, event).await?;
        if !access.facilitator || !policy(&access.actor, Action::ReferToService, access.scope) {
            return Err(AppError::Forbidden);
        }
        let (user, name) = alerts(state, &access)
            .await?
            .into_iter()
            .find(|a| a.seq == seq)
            .map(|a| (a.user, a.name))
            .ok_or(AppError::NotFound)?;
        return Ok(Source {
            kind: ReferralSource::EventAlert,
            id: event.0,
            site: crate::live::escalation::site_of(&access.event),
            person: Some(user),
            label: name,
            back: format!("/events/{event}/support-alerts"),
        });
    }
    Err(AppError::NotFound)
}

/// Services someone can be referred to: the directory, without crisis lines
/// (those are for calling now, not referring).
async fn services(state: &AppState, site: Option<SiteId>) -> AppResult<Vec<Service>> {
    Ok(state
        .store
        .services()
        .list(false)
        .await?
        .into_iter()
        .filter(|s| !s.is_crisis_line && (s.site_id.is_none() || s.site_id == site))
        .collect())
}

#[derive(Template, WebTemplate)]
#[template(path = "support/ongoing_refer_service.html")]
struct NewView {
    layout: Layout,
    label: String,
    back: String,
    services: Vec<Service>,
    form: ReferForm,
    errors: FieldErrors,
}

async fn new_page(
    state: &AppState,
    me: &SignedIn,
    form: ReferForm,
    errors: FieldErrors,
) -> AppResult<Response> {
    let tr = Tr::new(me.ctx.language);
    let source = source(state, me, &tr, &form).await?;
    let refused = !errors.is_empty();
    let form = ReferForm {
        days: if form.days.is_empty() {
            "7".into()
        } else {
            form.days
        },
        ..form
    };
    let view = NewView {
        layout: Layout::new(state, &me.ctx, "/one-to-one", tr.t("referral-new-title")).await,
        label: source.label,
        back: source.back,
        services: services(state, source.site).await?,
        form,
        errors,
    };
    Ok((form_status(refused), no_store(view)).into_response())
}

async fn new_get(
    State(state): State<AppState>,
    me: SignedIn,
    Query(form): Query<ReferForm>,
) -> AppResult<Response> {
    new_page(&state, &me, form, FieldErrors::new()).await
}

#[derive(Serialize, Deserialize)]
struct FollowUp {
    referral: Uuid,
}

async fn refer_post(
    State(state): State<AppState>,
    me: SignedIn,
    Form(form): Form<ReferForm>,
) -> AppResult<Response> {
    let tr = Tr::new(me.ctx.language);
    let found = source(&state, &me, &tr, &form).await?;
    let mut errors = FieldErrors::new();
    let allowed = services(&state, found.site).await?;
    let service = form
        .service
        .parse::<ServiceId>()
        .ok()
        .filter(|id| allowed.iter().any(|s| s.id == *id));
    if service.is_none() {
        errors.add_message(&tr, "service", "error-choose-one");
    }
    let note = errors.check(&tr, "note", optional_text(&form.note, 500));
    let days = errors.check(&tr, "days", domain::follow_up_days(&form.days));
    let (Some(service), Some(note), Some(days)) = (service, note, days) else {
        return new_page(&state, &me, form, errors).await;
    };
    let follow_up_at = now_ms() + days * DAY_MS;
    let id = state
        .store
        .ongoing()
        .refer(&NewReferral {
            site: found.site,
            referrer: me.actor.user,
            service,
            source: found.kind.as_str(),
            source_id: Some(found.id),
            person: found.person,
            person_label: found.label,
            note,
            follow_up_at,
        })
        .await?;
    enqueue(
        &state,
        REFERRAL_FOLLOW_UP,
        &FollowUp { referral: id },
        follow_up_at,
    )
    .await?;
    let joiner = if found.back.contains('?') { '&' } else { '?' };
    Ok(see_other(&format!(
        "{}{joiner}done=flash-referral-made",
        found.back
    )))
}

// --- the referrer's list and outcomes ---

struct ReferralLine {
    referral: Referral,
    made: String,
    follow_up: String,
    due: bool,
    outcome: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "support/ongoing_referrals.html")]
struct ListView {
    layout: Layout,
    lines: Vec<ReferralLine>,
    outcomes: Vec<(&'static str, String)>,
}

#[derive(Deserialize)]
struct DoneQuery {
    done: Option<String>,
}

async fn list_get(
    State(state): State<AppState>,
    me: SignedIn,
    Query(query): Query<DoneQuery>,
) -> AppResult<Response> {
    let tr = Tr::new(me.ctx.language);
    let zone = me.time_zone(&state).await?;
    let now = now_ms();
    let lines = state
        .store
        .ongoing()
        .referrals_by(me.actor.user)
        .await?
        .into_iter()
        .map(|referral| ReferralLine {
            made: format_time(referral.created_at, &zone),
            follow_up: format_time(referral.follow_up_at, &zone),
            due: referral.follow_up_at <= now
                && referral
                    .outcome
                    .as_deref()
                    .is_none_or(|o| o == Outcome::StillWaiting.as_str()),
            outcome: referral
                .outcome
                .as_deref()
                .map(|o| tr.t(&format!("referral-outcome-{o}"))),
            referral,
        })
        .collect();
    let view = ListView {
        layout: Layout::new(&state, &me.ctx, "/one-to-one", tr.t("referral-list-title"))
            .await
            .with_flash(query.done.as_deref()),
        lines,
        outcomes: Outcome::ALL
            .iter()
            .map(|o| {
                (
                    o.as_str(),
                    tr.t(&format!("referral-outcome-{}", o.as_str())),
                )
            })
            .collect(),
    };
    Ok(no_store(view))
}

#[derive(Deserialize)]
struct OutcomeForm {
    #[serde(default)]
    outcome: String,
}

async fn outcome_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<Uuid>,
    Form(form): Form<OutcomeForm>,
) -> AppResult<Response> {
    let referral = state.store.ongoing().referral(id).await?;
    // The referrer follows up their own referrals; nobody else records it.
    if referral.referrer_id != Some(me.actor.user) {
        return Err(AppError::Forbidden);
    }
    let Ok(outcome) = Outcome::parse(&form.outcome) else {
        return Ok(see_other(
            "/one-to-one/referrals?done=flash-referral-choose",
        ));
    };
    state
        .store
        .ongoing()
        .record_outcome(id, me.actor.user, outcome.as_str())
        .await?;
    // Still waiting: ask again in a week.
    if outcome == Outcome::StillWaiting {
        enqueue(
            &state,
            REFERRAL_FOLLOW_UP,
            &FollowUp { referral: id },
            now_ms() + 7 * DAY_MS,
        )
        .await?;
    }
    Ok(see_other(
        "/one-to-one/referrals?done=flash-referral-recorded",
    ))
}

/// The follow-up reminder: only while the outcome is unknown or still waiting.
pub async fn follow_up(state: &AppState, payload: &serde_json::Value) -> Result<(), String> {
    let job: FollowUp = serde_json::from_value(payload.clone()).map_err(|e| e.to_string())?;
    let referral = match state.store.ongoing().referral(job.referral).await {
        Ok(r) => r,
        Err(StoreError::NotFound) => return Ok(()),
        Err(other) => return Err(other.to_string()),
    };
    let (Some(referrer), true) = (
        referral.referrer_id,
        referral
            .outcome
            .as_deref()
            .is_none_or(|o| o == Outcome::StillWaiting.as_str()),
    ) else {
        return Ok(());
    };
    let tr = tr_for(state, referrer).await.map_err(|e| e.to_string())?;
    crate::jobs::notify(
        state,
        referrer,
        &tr.t("referral-follow-up-title"),
        &tr.args(
            "referral-follow-up-body",
            &[
                ("name", referral.person_label.clone()),
                ("service", referral.service_name.clone()),
            ],
        ),
        Some(&format!("/one-to-one/referrals#referral-{}", referral.id)),
        true,
    )
    .await
    .map_err(|e| e.to_string())
}

// --- a live event's "I need support" alerts ---

pub(crate) struct Alert {
    seq: i64,
    user: UserId,
    name: String,
    note: Option<String>,
    when: String,
}

async fn alerts(state: &AppState, access: &super::events::RoomAccess) -> AppResult<Vec<Alert>> {
    let viewer = Viewer {
        user: access.member.user,
        facilitator: true,
        group: None,
    };
    let zone = access.event.time_zone.clone();
    Ok(state
        .store
        .events()
        .log_after(access.event.id, 0, &viewer)
        .await?
        .into_iter()
        .filter_map(|entry| match entry.change {
            Change::SupportRequested { user, name, note } => Some(Alert {
                seq: entry.seq,
                user,
                name,
                note,
                when: format_time(entry.at, &zone),
            }),
            _ => None,
        })
        .collect())
}

#[derive(Template, WebTemplate)]
#[template(path = "support/ongoing_alerts.html")]
struct AlertsView {
    layout: Layout,
    event_id: EventId,
    title: String,
    alerts: Vec<Alert>,
    referrals: Vec<Referral>,
    may_refer: bool,
}

async fn alerts_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<EventId>,
    Query(query): Query<DoneQuery>,
) -> AppResult<Response> {
    let access = super::events::room_access(&state, &me, id).await?;
    // The alerts are the facilitators' alone, as in the live room.
    if !access.facilitator {
        return Err(AppError::Forbidden);
    }
    let tr = Tr::new(me.ctx.language);
    let alerts = alerts(&state, &access).await?;
    let referrals = state
        .store
        .ongoing()
        .referrals_from(id.0)
        .await?
        .into_iter()
        .filter(|r| r.referrer_id == Some(me.actor.user))
        .collect();
    let view = AlertsView {
        layout: Layout::new(&state, &me.ctx, "/cohorts", tr.t("referral-alerts-title"))
            .await
            .with_flash(query.done.as_deref()),
        event_id: id,
        title: access.event.title.clone(),
        may_refer: policy(&access.actor, Action::ReferToService, access.scope),
        alerts,
        referrals,
    };
    Ok(no_store(view))
}
