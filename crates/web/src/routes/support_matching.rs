//! Ongoing support as the staff see it: the list of requests and supports
//! (coordinators see that a support exists and its counts, never what it is
//! about), matching a request to a peer from a ranked list with the reasons
//! shown, staff referring a student, and a peer's own matching profile.

use super::support::sites_for;
use super::support_ongoing::{
    AskChoices, AskForm, SupportLine, ask_choices, kind_label, language_label, line, parse_request,
    slot_label, tell, tell_matchers, topic_label,
};
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
use hearth_domain::input::{Email, Language};
use hearth_domain::policy::Action;
use hearth_domain::roles::Scope;
use hearth_domain::support_ongoing::{self as domain, OngoingAct, Reason, Status, Wish};
use hearth_store::{Extension, OngoingSupport, PeerProfile, StoreError};
use serde::Deserialize;
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/one-to-one/ongoing", get(list_get))
        .route("/one-to-one/ongoing/requests/{id}", get(match_get))
        .route(
            "/one-to-one/ongoing/requests/{id}/assign",
            post(assign_post),
        )
        .route("/one-to-one/ongoing/refer", get(refer_get).post(refer_post))
        .route(
            "/one-to-one/ongoing/profile",
            get(profile_get).post(profile_post),
        )
}

#[derive(Deserialize)]
struct DoneQuery {
    done: Option<String>,
}

fn counts(me: &SignedIn, s: &OngoingSupport) -> bool {
    super::support_ongoing::may(me, s, OngoingAct::SeeCounts)
}

// --- the list ---

#[derive(Template, WebTemplate)]
#[template(path = "support/ongoing_list.html")]
struct ListView {
    layout: Layout,
    /// Requests waiting for a peer, at sites where the reader matches.
    requests: Vec<(OngoingSupport, String)>,
    /// Supports the reader holds as a peer.
    mine: Vec<SupportLine>,
    /// Supports at the sites the reader coordinates or supervises.
    site_supports: Vec<SupportLine>,
    extensions: Vec<(Extension, String)>,
    may_refer: bool,
    may_offer: bool,
}

async fn list_get(
    State(state): State<AppState>,
    me: SignedIn,
    Query(query): Query<DoneQuery>,
) -> AppResult<Response> {
    let sites = state.store.org().sites(false).await?;
    let may_refer = !sites_for(&me, &sites, Action::ReferForSupport).is_empty();
    let may_offer = !sites_for(&me, &sites, Action::OfferOngoingSupport).is_empty();
    let tr = Tr::new(me.ctx.language);
    let zone = me.time_zone(&state).await?;
    let everything = state.store.ongoing().all().await?;
    let me_id = me.actor.user;
    let mut requests = Vec::new();
    let mut mine = Vec::new();
    let mut site_supports = Vec::new();
    for s in everything {
        if s.status() == Status::Open {
            if me.may(Action::MatchSupport, Scope::Site(s.site_id)) {
                let asked = format_time(s.created_at, &zone);
                requests.push((s, asked));
            }
        } else if s.peer_id == Some(me_id) {
            mine.push(line(&tr, &zone, s, me_id));
        } else if s.student_id != me_id && counts(&me, &s) {
            site_supports.push(line(&tr, &zone, s, me_id));
        }
    }
    let extensions: Vec<(Extension, String)> = state
        .store
        .ongoing()
        .waiting_extensions()
        .await?
        .into_iter()
        .filter(|e| {
            e.asked_by != Some(me_id)
                && me.may(
                    Action::InOngoingSupport {
                        act: OngoingAct::DecideExtension,
                        standing: None,
                    },
                    Scope::Site(e.site_id),
                )
        })
        .map(|e| {
            let when = format_time(e.created_at, &zone);
            (e, when)
        })
        .collect();
    if requests.is_empty()
        && mine.is_empty()
        && site_supports.is_empty()
        && !may_refer
        && !may_offer
        && !sites
            .iter()
            .any(|s| me.may(Action::MatchSupport, Scope::Site(s.id)))
    {
        return Err(AppError::Forbidden);
    }
    let view = ListView {
        layout: Layout::new(&state, &me.ctx, "/one-to-one", tr.t("ongoing-list-title"))
            .await
            .with_flash(query.done.as_deref()),
        requests,
        mine,
        site_supports,
        extensions,
        may_refer,
        may_offer,
    };
    Ok(no_store(view))
}

// --- matching one request ---

struct Suggestion {
    user: hearth_domain::UserId,
    name: String,
    reasons: Vec<String>,
    full: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "support/ongoing_match.html")]
struct MatchView {
    layout: Layout,
    s: OngoingSupport,
    asked: String,
    topics: Vec<String>,
    availability: Vec<String>,
    language: Option<String>,
    kind: Option<String>,
    suggestions: Vec<Suggestion>,
}

fn reason_text(tr: &Tr, reason: &Reason) -> String {
    match reason {
        Reason::Kind(kind) => tr.t1("ongoing-reason-kind", "kind", kind_label(tr, *kind)),
        Reason::SharedTopics(topics) => tr.t1(
            "ongoing-reason-topics",
            "topics",
            topics
                .iter()
                .map(|t| topic_label(tr, t))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        Reason::Language(code) => {
            tr.t1("ongoing-reason-language", "language", language_label(code))
        }
        Reason::Availability(slots) => tr.t1(
            "ongoing-reason-free",
            "times",
            slots
                .iter()
                .map(|s| slot_label(tr, s))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        Reason::Caseload(n) => tr.n("ongoing-reason-caseload", "count", *n),
        Reason::Full => tr.t("ongoing-reason-full"),
    }
}

async fn match_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let s = state.store.ongoing().get(id).await?;
    me.require(Action::MatchSupport, Scope::Site(s.site_id))?;
    if s.status() != Status::Open {
        return Ok(see_other(&format!("/ongoing/{id}")));
    }
    let tr = Tr::new(me.ctx.language);
    let zone = me.time_zone(&state).await?;
    let candidates: Vec<_> = state
        .store
        .ongoing()
        .candidates(s.site_id)
        .await?
        .into_iter()
        .filter(|c| c.user != s.student_id)
        .collect();
    let wish = Wish {
        kind: s.peer_kind,
        topics: s.topics.clone(),
        language: s.language.clone(),
        availability: s.availability.clone(),
    };
    let inputs: Vec<_> = candidates.iter().map(|c| c.candidate.clone()).collect();
    let suggestions = domain::rank(&wish, &inputs)
        .into_iter()
        .filter_map(|ranked| {
            let c = candidates.get(ranked.index)?;
            Some(Suggestion {
                user: c.user,
                name: c.name.clone(),
                full: ranked.reasons.contains(&Reason::Full),
                reasons: ranked.reasons.iter().map(|r| reason_text(&tr, r)).collect(),
            })
        })
        .collect();
    let view = MatchView {
        layout: Layout::new(&state, &me.ctx, "/one-to-one", tr.t("ongoing-match-title")).await,
        asked: format_time(s.created_at, &zone),
        topics: s.topics.iter().map(|t| topic_label(&tr, t)).collect(),
        availability: s.availability.iter().map(|a| slot_label(&tr, a)).collect(),
        language: s.language.as_deref().map(language_label),
        kind: s.peer_kind.map(|k| kind_label(&tr, k)),
        suggestions,
        s,
    };
    Ok(no_store(view))
}

#[derive(Deserialize)]
struct AssignForm {
    peer: String,
}

async fn assign_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<Uuid>,
    Form(form): Form<AssignForm>,
) -> AppResult<Response> {
    let s = state.store.ongoing().get(id).await?;
    me.require(Action::MatchSupport, Scope::Site(s.site_id))?;
    // Only a peer worker serving the site may be matched.
    let peer = form.peer.parse::<Uuid>().ok().map(hearth_domain::UserId);
    let candidates = state.store.ongoing().candidates(s.site_id).await?;
    let Some(peer) = peer.filter(|p| *p != s.student_id && candidates.iter().any(|c| c.user == *p))
    else {
        return Err(AppError::NotFound);
    };
    match state.store.ongoing().assign(id, peer, me.actor.user).await {
        Ok(()) => {}
        Err(StoreError::NotFound) => {
            return Ok(see_other("/one-to-one/ongoing?done=flash-ongoing-not-now"));
        }
        Err(other) => return Err(other.into()),
    }
    for (person, title, body, name) in [
        (
            peer,
            "ongoing-matched-peer-title",
            "ongoing-matched-peer-body",
            s.student_name.clone(),
        ),
        (
            s.student_id,
            "ongoing-matched-student-title",
            "ongoing-matched-student-body",
            candidates
                .iter()
                .find(|c| c.user == peer)
                .map(|c| c.name.clone())
                .unwrap_or_default(),
        ),
    ] {
        tell(
            &state,
            person,
            (title, body),
            &name,
            &format!("/ongoing/{id}"),
            true,
        )
        .await?;
    }
    Ok(see_other("/one-to-one/ongoing?done=flash-ongoing-matched"))
}

// --- staff refer a student ---

#[derive(Template, WebTemplate)]
#[template(path = "support/ongoing_refer.html")]
struct ReferView {
    layout: Layout,
    choices: AskChoices,
    form: AskForm,
    errors: FieldErrors,
}

async fn refer_page(
    state: &AppState,
    me: &SignedIn,
    form: AskForm,
    errors: FieldErrors,
) -> AppResult<Response> {
    let tr = Tr::new(me.ctx.language);
    let mut choices = ask_choices(state, &tr).await?;
    choices
        .sites
        .retain(|s| me.may(Action::ReferForSupport, Scope::Site(s.id)));
    if choices.sites.is_empty() {
        return Err(AppError::Forbidden);
    }
    let refused = !errors.is_empty();
    let view = ReferView {
        layout: Layout::new(state, &me.ctx, "/one-to-one", tr.t("ongoing-refer-title")).await,
        choices,
        form,
        errors,
    };
    Ok((form_status(refused), no_store(view)).into_response())
}

async fn refer_get(State(state): State<AppState>, me: SignedIn) -> AppResult<Response> {
    refer_page(&state, &me, AskForm::default(), FieldErrors::new()).await
}

async fn refer_post(
    State(state): State<AppState>,
    me: SignedIn,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let form = AskForm::from_fields(&fields);
    let tr = Tr::new(me.ctx.language);
    let mut choices = ask_choices(&state, &tr).await?;
    choices
        .sites
        .retain(|s| me.may(Action::ReferForSupport, Scope::Site(s.id)));
    if choices.sites.is_empty() {
        return Err(AppError::Forbidden);
    }
    let mut errors = FieldErrors::new();
    let student = match errors.check(&tr, "student", Email::parse(&form.student)) {
        Some(email) => match state.store.people().find_by_email(&email).await? {
            Some(person) if person.active && person.id != me.actor.user => Some(person.id),
            _ => {
                errors.add_message(&tr, "student", "ongoing-error-no-such-student");
                None
            }
        },
        None => None,
    };
    let request = parse_request(
        &tr,
        &mut errors,
        &form,
        &choices,
        student.unwrap_or(me.actor.user),
        Some(me.actor.user),
    );
    let (Some(request), Some(_)) = (request, student) else {
        return refer_page(&state, &me, form, errors).await;
    };
    if !errors.is_empty() {
        return refer_page(&state, &me, form, errors).await;
    }
    let id = state.store.ongoing().ask(&request).await?;
    tell_matchers(&state, request.site, id).await?;
    let titles = ("ongoing-referred-title", "ongoing-referred-body");
    let name = &me.user.person.display_name;
    tell(&state, request.student, titles, name, "/my-support", true).await?;
    Ok(see_other("/one-to-one/ongoing?done=flash-ongoing-referred"))
}

// --- a peer's matching profile ---

#[derive(Template, WebTemplate)]
#[template(path = "support/ongoing_profile.html")]
struct ProfileView {
    layout: Layout,
    profile: PeerProfile,
    topics: Vec<(&'static str, String)>,
    languages: Vec<(&'static str, &'static str)>,
    week: Vec<(String, Vec<(String, String)>)>,
}

async fn profile_get(
    State(state): State<AppState>,
    me: SignedIn,
    Query(query): Query<DoneQuery>,
) -> AppResult<Response> {
    let sites = state.store.org().sites(false).await?;
    if sites_for(&me, &sites, Action::OfferOngoingSupport).is_empty() {
        return Err(AppError::Forbidden);
    }
    let tr = Tr::new(me.ctx.language);
    let mut profile = state.store.ongoing().profile(me.actor.user).await?;
    if !profile.saved {
        profile.languages = me.user.person.language.clone().into_iter().collect();
    }
    let choices = ask_choices(&state, &tr).await?;
    let view = ProfileView {
        layout: Layout::new(
            &state,
            &me.ctx,
            "/one-to-one",
            tr.t("ongoing-profile-title"),
        )
        .await
        .with_flash(query.done.as_deref()),
        profile,
        topics: choices.topics,
        languages: choices.languages,
        week: choices.week,
    };
    Ok(no_store(view))
}

async fn profile_post(
    State(state): State<AppState>,
    me: SignedIn,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let sites = state.store.org().sites(false).await?;
    if sites_for(&me, &sites, Action::OfferOngoingSupport).is_empty() {
        return Err(AppError::Forbidden);
    }
    let all = |name: &str| -> Vec<String> {
        fields
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    };
    let profile = PeerProfile {
        topics: domain::topics(&all("topics")),
        languages: all("languages")
            .iter()
            .filter_map(|code| Language::from_code(code).map(|l| l.code().to_owned()))
            .collect(),
        availability: domain::availability(&all("availability")),
        open_to_new: fields.iter().any(|(k, v)| k == "open_to_new" && v == "yes"),
        saved: true,
    };
    state
        .store
        .ongoing()
        .save_profile(me.actor.user, &profile)
        .await?;
    Ok(see_other("/one-to-one/ongoing/profile?done=flash-saved"))
}

// --- the reports' figures ---

/// The reports page's two tables: supports open and closed, referrals by
/// service. Small counts read "fewer than 5", as everywhere in reports.
/// The two tables as the reports page shows them, or (`for_csv`) as their
/// downloads hold them, with small counts written `<5` like the other CSVs.
pub(crate) fn report_tables(
    tr: &Tr,
    figures: &hearth_store::OngoingFigures,
    for_csv: bool,
) -> (super::reports::Table, super::reports::Table) {
    let shown = |count: hearth_store::Count| match count {
        hearth_store::Count::FewerThanFive if !for_csv => tr.t("reports-fewer-than-5"),
        count => count.text(),
    };
    let supports = super::reports::Table {
        head: vec![
            tr.t("reports-ongoing-status"),
            tr.t("reports-ongoing-count"),
        ],
        rows: vec![
            vec![tr.t("reports-ongoing-open"), shown(figures.open)],
            vec![tr.t("reports-ongoing-closed"), shown(figures.closed)],
        ],
    };
    let referrals = super::reports::Table {
        head: vec![
            tr.t("reports-referrals-service"),
            tr.t("reports-referrals-count"),
        ],
        rows: figures
            .referrals
            .iter()
            .map(|(service, count)| vec![service.clone(), shown(*count)])
            .collect(),
    };
    (supports, referrals)
}
