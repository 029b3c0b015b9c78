//! Ongoing one-to-one support, as the student and the peer live it: asking
//! for support, the agreement proposed by the peer and confirmed by the
//! student, sessions numbered "N of M" with calendar invitations and
//! reminders, extensions a supervisor decides, and the closing summary.
//!
//! Matching and the staff's lists are in `support_matching.rs`; referrals to
//! services in `support_referrals.rs`. Who may do what is the policy's
//! `Action::InOngoingSupport`, from the person's standing in the support.

use super::support::{org_zone, parse_span, today};
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
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use hearth_domain::input::Language;
use hearth_domain::policy::Action;
use hearth_domain::roles::{PeerWorkerKind, Scope};
use hearth_domain::support::Agreement;
use hearth_domain::support_ongoing::{
    self as domain, DAY_PARTS, LIVED_TOPICS, OngoingAct, Standing, Status,
};
use hearth_domain::{SiteId, UserId};
use hearth_store::{
    Extension, NewRequest, OngoingSession, OngoingSupport, Referral, Room, Site, StoreError, now_ms,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Every job kind of this area starts so; the runner hands them to [`run_job`].
pub const JOB_PREFIX: &str = "ongoing-";
pub(super) const SESSION_REMINDER: &str = "ongoing-session-reminder";
pub(super) const INVITATION: &str = "ongoing-invitation";
pub(crate) const REFERRAL_FOLLOW_UP: &str = "ongoing-referral-follow-up";
/// The audit log's name for a support whose content someone else read.
const SUBJECT: &str = "ongoing-support";
pub(super) const DAY_MS: i64 = 24 * 3_600_000;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/my-support", get(mine_get).post(ask_post))
        .route("/ongoing/{id}", get(support_get))
        .route("/ongoing/{id}/agreement", post(agreement_post))
        .route("/ongoing/{id}/confirm", post(confirm_post))
        .route("/ongoing/{id}/sessions", post(session_post))
        .route(
            "/ongoing/{id}/sessions/{session}/calendar.ics",
            get(calendar_get),
        )
        .route("/ongoing/{id}/extension", post(extension_post))
        .route("/ongoing/extensions/{id}/decide", post(decide_post))
        .route("/ongoing/{id}/close", post(close_post))
        .merge(super::support_ongoing_changes::router())
}

// --- who is who in a support ---

pub(crate) fn standing(me: &SignedIn, support: &OngoingSupport) -> Option<Standing> {
    if support.student_id == me.actor.user {
        Some(Standing::Student)
    } else if support.peer_id == Some(me.actor.user) {
        Some(Standing::Peer)
    } else {
        None
    }
}

pub(crate) fn may(me: &SignedIn, support: &OngoingSupport, act: OngoingAct) -> bool {
    me.may(
        Action::InOngoingSupport {
            act,
            standing: standing(me, support),
        },
        Scope::Site(support.site_id),
    )
}

fn require(me: &SignedIn, support: &OngoingSupport, act: OngoingAct) -> AppResult<()> {
    if may(me, support, act) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// "Session 3 of 6", or what stands before the first session.
pub(crate) fn progress_text(tr: &Tr, support: &OngoingSupport) -> String {
    let status = support.status();
    match (status, support.agreement()) {
        (Status::Active | Status::Closed, Some(agreement)) => {
            match domain::session_of(
                support.held,
                support.next.map(|(n, _)| n),
                agreement.total(),
            ) {
                Some((n, m)) => tr.args(
                    "ongoing-session-n-of-m",
                    &[("n", n.to_string()), ("m", m.to_string())],
                ),
                None => tr.t1("ongoing-sessions-agreed", "m", agreement.total()),
            }
        }
        _ => tr.t(&format!("ongoing-status-{}", status.as_str())),
    }
}

pub(crate) fn topic_label(tr: &Tr, slug: &str) -> String {
    tr.t(&format!("ongoing-topic-{slug}"))
}

pub(crate) fn slot_label(tr: &Tr, slot: &str) -> String {
    match slot.split_once('-') {
        Some((day, part)) => format!(
            "{} {}",
            tr.t(&format!("support-weekday-{day}")),
            tr.t(&format!("ongoing-part-{part}"))
        ),
        None => slot.to_owned(),
    }
}

pub(crate) fn language_label(code: &str) -> String {
    Language::from_code(code).map_or_else(|| code.to_owned(), |l| l.native_name().to_owned())
}

pub(crate) fn kind_label(tr: &Tr, kind: PeerWorkerKind) -> String {
    tr.t(&format!("role-{}", kind.as_str()))
}

// --- the student's page: their supports and asking for one ---

/// A support as a line on a list or a home page.
pub struct SupportLine {
    pub support: OngoingSupport,
    pub progress: String,
    pub next: Option<String>,
    /// The other person: the peer for the student, the student for the peer.
    pub with: Option<String>,
}

pub(crate) fn line(tr: &Tr, zone: &str, support: OngoingSupport, me: UserId) -> SupportLine {
    SupportLine {
        progress: progress_text(tr, &support),
        next: support.next.map(|(n, at)| {
            tr.args(
                "ongoing-next",
                &[("n", n.to_string()), ("when", format_time(at, zone))],
            )
        }),
        with: if support.student_id == me {
            support.peer_name.clone()
        } else {
            Some(support.student_name.clone())
        },
        support,
    }
}

/// The supports on someone's home page: theirs as a student and as a peer.
pub(crate) async fn home_lines(state: &AppState, me: &SignedIn) -> AppResult<Vec<SupportLine>> {
    let store = state.store.ongoing();
    let mut supports = store.of_student(me.actor.user).await?;
    supports.extend(store.of_peer(me.actor.user).await?);
    supports.retain(|s| s.closed_at.is_none());
    if supports.is_empty() {
        return Ok(Vec::new());
    }
    let tr = Tr::new(me.ctx.language);
    let zone = me.time_zone(state).await?;
    Ok(supports
        .into_iter()
        .map(|s| line(&tr, &zone, s, me.actor.user))
        .collect())
}

#[derive(Default, Clone)]
pub(crate) struct AskForm {
    pub site: String,
    pub help_with: String,
    pub language: String,
    pub kind: String,
    pub topics: Vec<String>,
    pub availability: Vec<String>,
    /// Staff referring someone: their email.
    pub student: String,
}

impl AskForm {
    /// Checkboxes repeat their names: serde_urlencoded reads no lists, so the pairs are read.
    pub(crate) fn from_fields(fields: &[(String, String)]) -> AskForm {
        let one = |name: &str| {
            fields
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        let all = |name: &str| {
            fields
                .iter()
                .filter(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .collect()
        };
        AskForm {
            site: one("site"),
            help_with: one("help_with"),
            language: one("language"),
            kind: one("kind"),
            topics: all("topics"),
            availability: all("availability"),
            student: one("student"),
        }
    }
}

/// The choices of the request form, shared with the staff's referral form.
pub(crate) struct AskChoices {
    pub sites: Vec<Site>,
    pub languages: Vec<(&'static str, &'static str)>,
    pub kinds: Vec<(&'static str, String)>,
    pub topics: Vec<(&'static str, String)>,
    /// Monday to Sunday: (label, [(value, part label)]).
    pub week: Vec<(String, Vec<(String, String)>)>,
}

pub(crate) async fn ask_choices(state: &AppState, tr: &Tr) -> AppResult<AskChoices> {
    // Sites where someone can be supported: those with a student centre.
    let centres = state.store.support().locations().await?;
    let sites = state
        .store
        .org()
        .sites(false)
        .await?
        .into_iter()
        .filter(|s| centres.iter().any(|l| l.site_id == s.id))
        .collect();
    Ok(AskChoices {
        sites,
        languages: Language::ALL
            .iter()
            .map(|l| (l.code(), l.native_name()))
            .collect(),
        kinds: PeerWorkerKind::ALL
            .iter()
            .map(|k| (k.as_str(), kind_label(tr, *k)))
            .collect(),
        topics: LIVED_TOPICS
            .iter()
            .map(|t| (*t, topic_label(tr, t)))
            .collect(),
        week: (1..=7)
            .map(|day| {
                (
                    tr.t(&format!("support-weekday-{day}")),
                    DAY_PARTS
                        .iter()
                        .map(|part| {
                            (
                                format!("{day}-{part}"),
                                tr.t(&format!("ongoing-part-{part}")),
                            )
                        })
                        .collect(),
                )
            })
            .collect(),
    })
}

/// A request from the form, checked field by field.
pub(crate) fn parse_request(
    tr: &Tr,
    errors: &mut FieldErrors,
    form: &AskForm,
    choices: &AskChoices,
    student: UserId,
    referred_by: Option<UserId>,
) -> Option<NewRequest> {
    let site = form
        .site
        .parse::<SiteId>()
        .ok()
        .filter(|id| choices.sites.iter().any(|s| s.id == *id));
    if site.is_none() {
        errors.add_message(tr, "site", "error-choose-one");
    }
    let help_with = errors.check(tr, "help_with", domain::help_with(&form.help_with));
    let language = match form.language.as_str() {
        "" => Some(None),
        code => Language::from_code(code).map(|l| Some(l.code().to_owned())),
    };
    if language.is_none() {
        errors.add_message(tr, "language", "error-choose-one");
    }
    let kind = match form.kind.as_str() {
        "" => Some(None),
        raw => raw.parse::<PeerWorkerKind>().ok().map(Some),
    };
    if kind.is_none() {
        errors.add_message(tr, "kind", "error-choose-one");
    }
    Some(NewRequest {
        site: site?,
        student,
        referred_by,
        help_with: help_with?,
        language: language?,
        peer_kind: kind?,
        topics: domain::topics(&form.topics),
        availability: domain::availability(&form.availability),
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "support/ongoing_mine.html")]
struct MineView {
    layout: Layout,
    supports: Vec<SupportLine>,
    choices: AskChoices,
    form: AskForm,
    errors: FieldErrors,
}

#[derive(Deserialize)]
struct DoneQuery {
    done: Option<String>,
}

async fn mine_page(
    state: &AppState,
    me: &SignedIn,
    form: AskForm,
    errors: FieldErrors,
    flash: Option<&str>,
) -> AppResult<Response> {
    let tr = Tr::new(me.ctx.language);
    let zone = me.time_zone(state).await?;
    let supports = state
        .store
        .ongoing()
        .of_student(me.actor.user)
        .await?
        .into_iter()
        .map(|s| line(&tr, &zone, s, me.actor.user))
        .collect();
    let refused = !errors.is_empty();
    let view = MineView {
        layout: Layout::new(state, &me.ctx, "/my-support", tr.t("ongoing-mine-title"))
            .await
            .with_flash(flash),
        supports,
        choices: ask_choices(state, &tr).await?,
        form,
        errors,
    };
    Ok((form_status(refused), no_store(view)).into_response())
}

async fn mine_get(
    State(state): State<AppState>,
    me: SignedIn,
    Query(query): Query<DoneQuery>,
) -> AppResult<Response> {
    let form = AskForm {
        language: me.user.person.language.clone().unwrap_or_default(),
        ..AskForm::default()
    };
    mine_page(&state, &me, form, FieldErrors::new(), query.done.as_deref()).await
}

async fn ask_post(
    State(state): State<AppState>,
    me: SignedIn,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let form = AskForm::from_fields(&fields);
    let Some(site) = form.site.parse::<SiteId>().ok() else {
        return ask_refused(&state, &me, form).await;
    };
    me.require(Action::AskForSupport, Scope::Site(site))?;
    let tr = Tr::new(me.ctx.language);
    let choices = ask_choices(&state, &tr).await?;
    let mut errors = FieldErrors::new();
    let request = parse_request(&tr, &mut errors, &form, &choices, me.actor.user, None);
    let Some(request) = request.filter(|_| errors.is_empty()) else {
        return mine_page(&state, &me, form, errors, None).await;
    };
    let id = state.store.ongoing().ask(&request).await?;
    tell_matchers(&state, request.site, id).await?;
    Ok(see_other("/my-support?done=flash-ongoing-asked"))
}

async fn ask_refused(state: &AppState, me: &SignedIn, form: AskForm) -> AppResult<Response> {
    let tr = Tr::new(me.ctx.language);
    let mut errors = FieldErrors::new();
    errors.add_message(&tr, "site", "error-choose-one");
    if domain::help_with(&form.help_with).is_err() {
        errors.add_message(&tr, "help_with", "ongoing-error-help-required");
    }
    mine_page(state, me, form, errors, None).await
}

/// The site's coordinators hear of a new request (never what it says).
pub(crate) async fn tell_matchers(state: &AppState, site: SiteId, id: Uuid) -> AppResult<()> {
    let people = state
        .store
        .support()
        .holders(hearth_domain::Role::Coordinator.key().as_str(), site)
        .await?;
    for person in people {
        let tr = tr_for(state, person).await?;
        crate::jobs::notify(
            state,
            person,
            &tr.t("ongoing-new-request-title"),
            &tr.t("ongoing-new-request-body"),
            Some(&format!("/one-to-one/ongoing/requests/{id}")),
            false,
        )
        .await?;
    }
    Ok(())
}

/// Tells someone in their own language: a title, a body naming `name`, a link.
pub(crate) async fn tell(
    state: &AppState,
    person: UserId,
    (title, body): (&str, &str),
    name: &str,
    link: &str,
    email: bool,
) -> AppResult<()> {
    let tr = tr_for(state, person).await?;
    crate::jobs::notify(
        state,
        person,
        &tr.t(title),
        &tr.t1(body, "name", name),
        Some(link),
        email,
    )
    .await?;
    Ok(())
}

/// Someone's own language, for what is sent to them.
pub(crate) async fn tr_for(state: &AppState, user: UserId) -> Result<Tr, StoreError> {
    Ok(Tr::for_person(&state.store.people().get(user).await?))
}

// --- one support ---

struct SessionLine {
    session: OngoingSession,
    label: String,
    when: String,
    past: bool,
    /// Still to come and the reader may move / call it off.
    may_move: bool,
    may_cancel: bool,
    /// Its move or cancel form was the one refused.
    failed_here: bool,
    /// Its local date and times, to fill the move form.
    date: String,
    starts: String,
    ends: String,
}

/// A session that was called off, as the support's page lists it.
struct CancelledLine {
    label: String,
    reason: Option<String>,
    by: Option<String>,
}

struct ExtensionLine {
    extension: Extension,
    asked: String,
    decision: Option<String>,
}

#[derive(Deserialize, Default, Clone)]
pub(super) struct SupportForms {
    #[serde(default)]
    sessions: String,
    #[serde(default)]
    covers: String,
    #[serde(default)]
    pub(super) date: String,
    #[serde(default)]
    pub(super) starts: String,
    #[serde(default)]
    pub(super) ends: String,
    #[serde(default)]
    pub(super) room: String,
    #[serde(default)]
    extra: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    summary: String,
    /// Why a session is called off (optional).
    #[serde(default)]
    pub(super) why: String,
    /// The student's word to the peer when withdrawing or ending (optional).
    #[serde(default)]
    pub(super) note: String,
    /// The session whose move or cancel form failed (set by the handler).
    #[serde(skip)]
    pub(super) changing: Option<Uuid>,
}

#[derive(Template, WebTemplate)]
#[template(path = "support/ongoing_support.html")]
struct SupportView {
    layout: Layout,
    s: OngoingSupport,
    status: &'static str,
    status_label: String,
    progress: String,
    /// Whether the reader may read what it is about (else: counts only).
    full: bool,
    is_student: bool,
    is_peer: bool,
    topics: Vec<String>,
    availability: Vec<String>,
    language: Option<String>,
    kind: Option<String>,
    total: i32,
    sessions: Vec<SessionLine>,
    cancelled: Vec<CancelledLine>,
    extensions: Vec<ExtensionLine>,
    referrals: Vec<Referral>,
    rooms: Vec<Room>,
    may_propose: bool,
    may_confirm: bool,
    may_schedule: bool,
    limit_reached: bool,
    may_ask_extension: bool,
    may_decide: bool,
    may_close: bool,
    may_refer: bool,
    /// The student may withdraw the request (before it runs) or end it.
    may_withdraw: bool,
    withdraw_ends: bool,
    /// How the student ended it, for everyone reading.
    ended_by_student: Option<String>,
    forms: SupportForms,
    errors: FieldErrors,
    /// Which form the errors belong to.
    failed: &'static str,
}

#[allow(clippy::too_many_arguments)]
pub(super) async fn support_page(
    state: &AppState,
    me: &SignedIn,
    id: Uuid,
    forms: SupportForms,
    errors: FieldErrors,
    failed: &'static str,
    status: StatusCode,
    flash: Option<&str>,
) -> AppResult<Response> {
    let s = state.store.ongoing().get(id).await?;
    let full = may(me, &s, OngoingAct::Read);
    if !full && !may(me, &s, OngoingAct::SeeCounts) {
        return Err(AppError::Forbidden);
    }
    let who = standing(me, &s);
    // A supervisor reading what a support is about leaves a trace, as with logs.
    if full && who.is_none() {
        state
            .store
            .audit()
            .record(
                Some(me.actor.user),
                "read",
                SUBJECT,
                Some(id),
                Some(s.student_id),
            )
            .await?;
    }
    let tr = Tr::new(me.ctx.language);
    let zone = me.time_zone(state).await?;
    let now = now_ms();
    let total = s.agreement().map_or(0, Agreement::total);
    let running = s.status() != Status::Closed;
    let may_move = running && may(me, &s, OngoingAct::Move);
    let may_cancel = running && may(me, &s, OngoingAct::CancelSession);
    let org = org_zone(state).await?;
    let (sessions, extensions, referrals, rooms) = if full {
        let sessions = state
            .store
            .ongoing()
            .sessions(id)
            .await?
            .into_iter()
            .map(|session| {
                let past = session.starts_at <= now;
                // The move form speaks the organisation's time, as scheduling does.
                let (date, starts, ends) =
                    super::support_ongoing_changes::local_fields(&session, &org);
                SessionLine {
                    label: tr.args(
                        "ongoing-session-n-of-m",
                        &[("n", session.number.to_string()), ("m", total.to_string())],
                    ),
                    when: format!(
                        "{}–{}",
                        format_time(session.starts_at, &zone),
                        super::support::clock(session.ends_at, &zone)
                    ),
                    past,
                    may_move: !past && may_move,
                    may_cancel: !past && may_cancel,
                    failed_here: forms.changing == Some(session.id),
                    date,
                    starts,
                    ends,
                    session,
                }
            })
            .collect();
        let extensions = state
            .store
            .ongoing()
            .extensions(id)
            .await?
            .into_iter()
            .map(|extension| ExtensionLine {
                asked: format_time(extension.created_at, &zone),
                decision: extension
                    .decision
                    .as_deref()
                    .map(|d| tr.t(&format!("ongoing-extension-{d}"))),
                extension,
            })
            .collect();
        let rooms = state
            .store
            .support()
            .rooms()
            .await?
            .into_iter()
            .filter(|r| r.site_id == s.site_id)
            .collect();
        (
            sessions,
            extensions,
            state.store.ongoing().referrals_from(id).await?,
            rooms,
        )
    } else {
        (Vec::new(), Vec::new(), Vec::new(), Vec::new())
    };
    let cancelled = if full {
        state
            .store
            .ongoing()
            .cancelled(id)
            .await?
            .into_iter()
            .map(|c| CancelledLine {
                label: tr.args(
                    "ongoing-cancelled-line",
                    &[
                        ("n", c.number.to_string()),
                        ("when", format_time(c.starts_at, &zone)),
                    ],
                ),
                reason: c.reason,
                by: c.cancelled_by_name,
            })
            .collect()
    } else {
        Vec::new()
    };
    let status_now = s.status();
    let waiting = extensions
        .iter()
        .any(|e: &ExtensionLine| e.extension.decision.is_none());
    let limit_reached = status_now == Status::Active && s.scheduled >= total;
    let forms = SupportForms {
        date: if forms.date.is_empty() {
            today(&org_zone(state).await?).to_string()
        } else {
            forms.date
        },
        ..forms
    };
    let view = SupportView {
        layout: Layout::new(state, &me.ctx, "/ongoing", tr.t("ongoing-support-title"))
            .await
            .with_flash(flash),
        status: status_now.as_str(),
        status_label: tr.t(&format!("ongoing-status-{}", status_now.as_str())),
        progress: progress_text(&tr, &s),
        full,
        is_student: who == Some(Standing::Student),
        is_peer: who == Some(Standing::Peer),
        topics: s.topics.iter().map(|t| topic_label(&tr, t)).collect(),
        availability: s.availability.iter().map(|a| slot_label(&tr, a)).collect(),
        language: s.language.as_deref().map(language_label),
        kind: s.peer_kind.map(|k| kind_label(&tr, k)),
        total,
        sessions,
        cancelled,
        extensions,
        referrals,
        rooms,
        may_propose: matches!(status_now, Status::Matched | Status::Proposed)
            && may(me, &s, OngoingAct::Propose),
        may_confirm: status_now == Status::Proposed && may(me, &s, OngoingAct::Confirm),
        may_schedule: status_now == Status::Active
            && !limit_reached
            && may(me, &s, OngoingAct::Schedule),
        limit_reached,
        may_ask_extension: status_now == Status::Active
            && !waiting
            && may(me, &s, OngoingAct::AskExtension),
        may_decide: status_now == Status::Active && may(me, &s, OngoingAct::DecideExtension),
        may_close: status_now != Status::Closed
            && status_now != Status::Open
            && may(me, &s, OngoingAct::Close),
        may_refer: status_now != Status::Closed && may(me, &s, OngoingAct::Refer),
        may_withdraw: status_now != Status::Closed && may(me, &s, OngoingAct::Withdraw),
        withdraw_ends: status_now == Status::Active,
        ended_by_student: s
            .closed_reason
            .as_deref()
            .map(|r| tr.t1(&format!("ongoing-closed-{r}"), "name", &s.student_name)),
        s,
        forms,
        errors,
        failed,
    };
    Ok((status, no_store(view)).into_response())
}

async fn support_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<Uuid>,
    Query(query): Query<DoneQuery>,
) -> AppResult<Response> {
    support_page(
        &state,
        &me,
        id,
        SupportForms::default(),
        FieldErrors::new(),
        "",
        StatusCode::OK,
        query.done.as_deref(),
    )
    .await
}

/// A form of the support's page shown again with what was wrong.
pub(super) async fn refused(
    state: &AppState,
    me: &SignedIn,
    id: Uuid,
    forms: SupportForms,
    errors: FieldErrors,
    failed: &'static str,
) -> AppResult<Response> {
    support_page(
        state,
        me,
        id,
        forms,
        errors,
        failed,
        form_status(true),
        None,
    )
    .await
}

pub(super) fn back(id: Uuid, flash: &str) -> Response {
    see_other(&format!("/ongoing/{id}?done={flash}"))
}

async fn agreement_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<Uuid>,
    Form(forms): Form<SupportForms>,
) -> AppResult<Response> {
    let s = state.store.ongoing().get(id).await?;
    require(&me, &s, OngoingAct::Propose)?;
    let tr = Tr::new(me.ctx.language);
    let mut errors = FieldErrors::new();
    let agreement = errors.check(&tr, "sessions", Agreement::parse(&forms.sessions));
    let covers = errors.check(&tr, "covers", domain::required(&forms.covers, 1000));
    let (Some(agreement), Some(covers)) = (agreement, covers) else {
        return refused(&state, &me, id, forms, errors, "agreement").await;
    };
    match state
        .store
        .ongoing()
        .propose(id, me.actor.user, agreement.agreed, &covers)
        .await
    {
        Ok(()) => {}
        Err(StoreError::Conflict(_)) => return Ok(back(id, "flash-ongoing-not-now")),
        Err(other) => return Err(other.into()),
    }
    let titles = ("ongoing-proposed-title", "ongoing-proposed-body");
    let link = format!("/ongoing/{id}");
    tell(
        &state,
        s.student_id,
        titles,
        &me.user.person.display_name,
        &link,
        true,
    )
    .await?;
    Ok(back(id, "flash-ongoing-proposed"))
}

async fn confirm_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let s = state.store.ongoing().get(id).await?;
    require(&me, &s, OngoingAct::Confirm)?;
    match state.store.ongoing().confirm(id, me.actor.user).await {
        Ok(()) => {}
        Err(StoreError::Conflict(_)) => return Ok(back(id, "flash-ongoing-not-now")),
        Err(other) => return Err(other.into()),
    }
    if let Some(peer) = s.peer_id {
        tell(
            &state,
            peer,
            ("ongoing-confirmed-title", "ongoing-confirmed-body"),
            &s.student_name,
            &format!("/ongoing/{id}"),
            false,
        )
        .await?;
    }
    Ok(back(id, "flash-ongoing-confirmed"))
}

#[derive(Serialize, Deserialize)]
pub(super) struct SessionReminder {
    pub(super) support: Uuid,
    pub(super) session: Uuid,
    pub(super) user: UserId,
}

#[derive(Serialize, Deserialize)]
pub(super) struct Invitation {
    pub(super) to: String,
    pub(super) subject: String,
    pub(super) body: String,
    pub(super) ics: String,
}

async fn session_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<Uuid>,
    Form(forms): Form<SupportForms>,
) -> AppResult<Response> {
    let s = state.store.ongoing().get(id).await?;
    require(&me, &s, OngoingAct::Schedule)?;
    let tr = Tr::new(me.ctx.language);
    let zone = org_zone(&state).await?;
    let refuse = |errors: FieldErrors, status: StatusCode| {
        let (state, me, forms) = (&state, &me, forms.clone());
        async move { support_page(state, me, id, forms, errors, "session", status, None).await }
    };
    // The rule first: confirmed, not closed, not past the agreed number.
    let agreement = s.agreement().unwrap_or(Agreement {
        agreed: 0,
        extended: 0,
    });
    if let Err(refusal) = domain::next_session(s.status(), agreement, s.scheduled) {
        let mut errors = FieldErrors::new();
        errors.add_message(&tr, "date", refusal.message_id());
        return refuse(errors, StatusCode::CONFLICT).await;
    }
    let mut errors = FieldErrors::new();
    let span = parse_span(
        &tr,
        &mut errors,
        &forms.date,
        &forms.starts,
        &forms.ends,
        &zone,
    );
    let room = match forms.room.as_str() {
        "" => Some(None),
        raw => match raw.parse::<Uuid>() {
            Ok(room) => match state.store.support().room(room).await {
                Ok(room) if room.site_id == s.site_id => Some(Some(room)),
                _ => None,
            },
            Err(_) => None,
        },
    };
    if room.is_none() {
        errors.add_message(&tr, "room", "support-error-room-site");
    }
    let (Some((_, starts_at, ends_at)), Some(room)) = (span, room) else {
        return refuse(errors, form_status(true)).await;
    };
    if let Some(room) = &room {
        me.require(Action::BookRoom, Scope::Site(room.site_id))?;
    }
    let booking = room.as_ref().map(|r| (r.id, tr.t("ongoing-room-purpose")));
    let (session, number) = match state
        .store
        .ongoing()
        .schedule(id, starts_at, ends_at, booking, me.actor.user)
        .await
    {
        Ok(done) => done,
        Err(StoreError::Conflict("room")) => {
            errors.add_message(&tr, "room", "support-error-room-taken");
            return refuse(errors, StatusCode::CONFLICT).await;
        }
        Err(StoreError::Conflict(_)) => {
            errors.add_message(&tr, "date", "ongoing-error-limit");
            return refuse(errors, StatusCode::CONFLICT).await;
        }
        Err(other) => return Err(other.into()),
    };
    let sessions = state.store.ongoing().sessions(id).await?;
    if let Some(scheduled) = sessions.iter().find(|x| x.id == session) {
        invite(&state, &s, scheduled, number, agreement.total()).await?;
    }
    Ok(back(id, "flash-ongoing-scheduled"))
}

/// The calendar entry of one session, in the reader's language. It names the
/// two people and the room, never what the support is about.
pub(super) fn appointment(
    state: &AppState,
    tr: &Tr,
    s: &OngoingSupport,
    session: &OngoingSession,
    total: i32,
) -> crate::views::ics::Appointment {
    crate::views::ics::Appointment {
        uid: session.id.to_string(),
        starts_at: session.starts_at,
        ends_at: session.ends_at,
        title: tr.args(
            "ongoing-calendar-title",
            &[("n", session.number.to_string()), ("m", total.to_string())],
        ),
        description: tr.args(
            "ongoing-calendar-with",
            &[
                ("student", s.student_name.clone()),
                ("peer", s.peer_name.clone().unwrap_or_default()),
            ],
        ),
        location: session.room_name.clone(),
        url: format!(
            "{}/ongoing/{}",
            state.config.public_url.trim_end_matches('/'),
            s.id
        ),
        cancelled: false,
        sequence: session.sequence,
    }
}

/// Both people get the invitation by email (with the .ics attached), a note
/// in the app, and a reminder the day before through the job queue.
async fn invite(
    state: &AppState,
    s: &OngoingSupport,
    session: &OngoingSession,
    number: i32,
    total: i32,
) -> AppResult<()> {
    let zone = org_zone(state).await?;
    for person in [Some(s.student_id), s.peer_id].into_iter().flatten() {
        let tr = tr_for(state, person).await?;
        let to = state.store.people().get(person).await?;
        let entry = appointment(state, &tr, s, session, total);
        let ics = crate::views::ics::appointments(&entry.title.clone(), &[entry], now_ms());
        let when = format_time(
            session.starts_at,
            &to.time_zone.clone().unwrap_or(zone.clone()),
        );
        let subject = tr.args(
            "ongoing-invitation-subject",
            &[
                ("n", number.to_string()),
                ("m", total.to_string()),
                ("when", when.clone()),
            ],
        );
        let link = format!("/ongoing/{}", s.id);
        state
            .store
            .notifications()
            .create(
                person,
                &subject,
                &tr.t("ongoing-invitation-body"),
                Some(&link),
            )
            .await?;
        let job = Invitation {
            to: to.email.clone(),
            subject: subject.clone(),
            body: format!(
                "{}\n\n{}{link}",
                tr.t("ongoing-invitation-body"),
                state.config.public_url.trim_end_matches('/')
            ),
            ics,
        };
        enqueue(state, INVITATION, &job, now_ms()).await?;
        remind(state, s, session, person).await?;
    }
    Ok(())
}

/// A reminder to `person` the day before the session (at once when sooner).
pub(super) async fn remind(
    state: &AppState,
    s: &OngoingSupport,
    session: &OngoingSession,
    person: UserId,
) -> AppResult<()> {
    let reminder = SessionReminder {
        support: s.id,
        session: session.id,
        user: person,
    };
    enqueue(
        state,
        SESSION_REMINDER,
        &reminder,
        (session.starts_at - DAY_MS).max(now_ms()),
    )
    .await
}

pub(crate) async fn enqueue<T: Serialize>(
    state: &AppState,
    kind: &str,
    payload: &T,
    at: i64,
) -> AppResult<()> {
    let payload = serde_json::to_value(payload).map_err(|e| AppError::Internal(e.to_string()))?;
    state.store.jobs().enqueue(kind, &payload, at).await?;
    Ok(())
}

async fn calendar_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, session)): Path<(Uuid, Uuid)>,
) -> AppResult<Response> {
    let s = state.store.ongoing().get(id).await?;
    require(&me, &s, OngoingAct::Read)?;
    let total = s.agreement().map_or(0, Agreement::total);
    let sessions = state.store.ongoing().sessions(id).await?;
    let session = sessions
        .iter()
        .find(|x| x.id == session)
        .ok_or(AppError::NotFound)?;
    let tr = Tr::new(me.ctx.language);
    let entry = appointment(&state, &tr, &s, session, total);
    let body = crate::views::ics::appointments(&entry.title.clone(), &[entry], now_ms());
    let mut response = body.into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/calendar; charset=utf-8"),
    );
    response.headers_mut().insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"session.ics\""),
    );
    Ok(no_store(response))
}

async fn extension_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<Uuid>,
    Form(forms): Form<SupportForms>,
) -> AppResult<Response> {
    let s = state.store.ongoing().get(id).await?;
    require(&me, &s, OngoingAct::AskExtension)?;
    let tr = Tr::new(me.ctx.language);
    let mut errors = FieldErrors::new();
    let extra = errors.check(&tr, "extra", domain::extra_sessions(&forms.extra));
    let reason = errors.check(&tr, "reason", domain::required(&forms.reason, 1000));
    let (Some(extra), Some(reason)) = (extra, reason) else {
        return refused(&state, &me, id, forms, errors, "extension").await;
    };
    let extension = match state
        .store
        .ongoing()
        .ask_extension(id, me.actor.user, extra, &reason)
        .await
    {
        Ok(extension) => extension,
        Err(StoreError::Conflict(_)) => return Ok(back(id, "flash-ongoing-not-now")),
        Err(other) => return Err(other.into()),
    };
    // The site's supervisors decide; the alert names the peer, not the reason.
    let supervisors = state
        .store
        .support()
        .holders(hearth_domain::Role::Supervisor.key().as_str(), s.site_id)
        .await?;
    for person in supervisors.into_iter().filter(|p| *p != me.actor.user) {
        let titles = (
            "ongoing-extension-asked-title",
            "ongoing-extension-asked-body",
        );
        let link = format!("/ongoing/{id}#extension-{extension}");
        tell(
            &state,
            person,
            titles,
            &me.user.person.display_name,
            &link,
            true,
        )
        .await?;
    }
    Ok(back(id, "flash-ongoing-extension-asked"))
}

#[derive(Deserialize)]
struct DecideForm {
    decision: String,
}

async fn decide_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(extension): Path<Uuid>,
    Form(form): Form<DecideForm>,
) -> AppResult<Response> {
    let found = state.store.ongoing().extension(extension).await?;
    let s = state.store.ongoing().get(found.support_id).await?;
    require(&me, &s, OngoingAct::DecideExtension)?;
    let approved = match form.decision.as_str() {
        "approve" => true,
        "decline" => false,
        _ => return Err(AppError::NotFound),
    };
    match state
        .store
        .ongoing()
        .decide_extension(extension, me.actor.user, approved)
        .await
    {
        Ok(()) => {}
        Err(StoreError::Conflict(_)) => return Ok(back(s.id, "flash-ongoing-not-now")),
        Err(other) => return Err(other.into()),
    }
    if let Some(peer) = found.asked_by {
        let key = if approved {
            "ongoing-extension-approved-body"
        } else {
            "ongoing-extension-declined-body"
        };
        let titles = ("ongoing-extension-decided-title", key);
        let link = format!("/ongoing/{}", s.id);
        tell(
            &state,
            peer,
            titles,
            &me.user.person.display_name,
            &link,
            false,
        )
        .await?;
    }
    Ok(back(s.id, "flash-ongoing-extension-decided"))
}

async fn close_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<Uuid>,
    Form(forms): Form<SupportForms>,
) -> AppResult<Response> {
    let s = state.store.ongoing().get(id).await?;
    require(&me, &s, OngoingAct::Close)?;
    let tr = Tr::new(me.ctx.language);
    let mut errors = FieldErrors::new();
    let Some(summary) = errors.check(&tr, "summary", domain::required(&forms.summary, 2000)) else {
        return refused(&state, &me, id, forms, errors, "close").await;
    };
    // Sessions still to come are called off with it (rooms freed, calendars told).
    let called_off = match state
        .store
        .ongoing()
        .close_calling_off(id, me.actor.user, &summary)
        .await
    {
        Ok(called_off) => called_off,
        Err(StoreError::Conflict(_)) => return Ok(back(id, "flash-ongoing-not-now")),
        Err(other) => return Err(other.into()),
    };
    super::support_ongoing_changes::called_off_at_close(&state, &me, &s, &called_off).await?;
    tell(
        &state,
        s.student_id,
        ("ongoing-closed-title", "ongoing-closed-body"),
        &me.user.person.display_name,
        &format!("/ongoing/{id}"),
        true,
    )
    .await?;
    Ok(back(id, "flash-ongoing-closed"))
}

// --- queued jobs ---

/// Runs a job of this area (its kind starts with [`JOB_PREFIX`]).
pub async fn run_job(
    state: &AppState,
    kind: &str,
    payload: &serde_json::Value,
) -> Result<(), String> {
    match kind {
        INVITATION => {
            let job: Invitation =
                serde_json::from_value(payload.clone()).map_err(|e| e.to_string())?;
            state
                .mailer
                .send_with_calendar(&job.to, &job.subject, &job.body, &job.ics)
                .await
                .map_err(|e| e.to_string())
        }
        SESSION_REMINDER => session_reminder(state, payload).await,
        REFERRAL_FOLLOW_UP => super::support_referrals::follow_up(state, payload).await,
        other => Err(format!("unknown job kind {other}")),
    }
}

/// A day before a session: only if it is still on and the support still open.
async fn session_reminder(state: &AppState, payload: &serde_json::Value) -> Result<(), String> {
    let reminder: SessionReminder =
        serde_json::from_value(payload.clone()).map_err(|e| e.to_string())?;
    let s = match state.store.ongoing().get(reminder.support).await {
        Ok(s) => s,
        Err(StoreError::NotFound) => return Ok(()),
        Err(other) => return Err(other.to_string()),
    };
    if s.closed_at.is_some() {
        return Ok(());
    }
    let sessions = state
        .store
        .ongoing()
        .sessions(s.id)
        .await
        .map_err(|e| e.to_string())?;
    let Some(session) = sessions.iter().find(|x| x.id == reminder.session) else {
        return Ok(());
    };
    let tr = tr_for(state, reminder.user)
        .await
        .map_err(|e| e.to_string())?;
    let person = state
        .store
        .people()
        .get(reminder.user)
        .await
        .map_err(|e| e.to_string())?;
    let zone = match person.time_zone {
        Some(zone) => zone,
        None => org_zone(state).await.map_err(|e| format!("{e:?}"))?,
    };
    let total = s.agreement().map_or(0, Agreement::total);
    crate::jobs::notify(
        state,
        reminder.user,
        &tr.t("ongoing-reminder-title"),
        &tr.args(
            "ongoing-reminder-body",
            &[
                ("n", session.number.to_string()),
                ("m", total.to_string()),
                ("when", format_time(session.starts_at, &zone)),
            ],
        ),
        Some(&format!("/ongoing/{}", s.id)),
        true,
    )
    .await
    .map_err(|e| e.to_string())
}
