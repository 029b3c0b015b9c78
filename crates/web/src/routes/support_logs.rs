//! During a shift: the walk-in queue (a peer adds someone, or they check in
//! themselves on a public page), "take next", and the short session log.
//! Then what follows a log: who may read it (its author, the site's
//! supervisors and safeguarding lead), the audit of every read, the alerts a
//! flag sends, and the supervisor's view of their peers' caseloads.

use super::support::{org_zone, sites_for, today};
use super::{form_status, no_store, see_other};
use crate::context::{Ctx, SignedIn};
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
use hearth_domain::input::{Name, date, optional_text};
use hearth_domain::policy::Action;
use hearth_domain::roles::{Role, Scope};
use hearth_domain::support::{self as domain, LogKind, Nickname};
use hearth_domain::{SiteId, UserId};
use hearth_store::{Location, LogRead, LogSummary, NewLog, SessionLog, StoreError, Topic, now_ms};
use serde::Deserialize;
use uuid::Uuid;

/// The audit log's name for a session log.
pub const LOG_SUBJECT: &str = "session-log";

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/check-in/{code}", get(check_in_get).post(check_in_post))
        .route("/check-in/{code}/waiting/{entry}", get(waiting_get))
        .route("/one-to-one/locations/{id}/queue", post(queue_post))
        .route("/one-to-one/locations/{id}/take-next", post(take_next_post))
        .route("/one-to-one/queue/{id}/remove", post(remove_post))
        .route("/one-to-one/logs/new", get(log_new_get))
        .route("/one-to-one/logs", post(log_post))
        .route("/one-to-one/logs/{id}", get(log_get))
        .route("/one-to-one/my-logs", get(my_logs_get))
        .route("/one-to-one/peers/{user}", get(caseload_get))
        .route("/one-to-one/topics", get(topics_get).post(topic_post))
        .route("/one-to-one/topics/{id}/archive", post(topic_archive_post))
        .route(
            "/one-to-one/sites/{id}/crisis",
            get(crisis_get).post(crisis_post),
        )
}

#[derive(Deserialize)]
struct DoneQuery {
    done: Option<String>,
}

// --- the queue ---

pub struct WaitingRow {
    pub id: Uuid,
    pub name: String,
    pub from_check_in: bool,
    /// An online drop-in chat (`/support`), opened from its own page.
    pub online: bool,
    pub minutes: i64,
}

/// Who waits at a location, with how long they have waited.
pub async fn waiting_rows(
    state: &AppState,
    _tr: &Tr,
    location: Uuid,
) -> AppResult<Vec<WaitingRow>> {
    let now = now_ms();
    Ok(state
        .store
        .support()
        .waiting(location)
        .await?
        .into_iter()
        .map(|e| WaitingRow {
            id: e.id,
            from_check_in: e.source == "check-in",
            online: e.source == hearth_store::ONLINE_CHAT,
            minutes: ((now - e.added_at) / 60_000).max(0),
            name: e.name,
        })
        .collect())
}

#[derive(Template, WebTemplate)]
#[template(path = "support/check_in.html")]
struct CheckInView {
    layout: Layout,
    location: Location,
    code: String,
    open_now: bool,
    hours: Vec<(String, String)>,
    typed_name: String,
    errors: FieldErrors,
}

/// The location's hours as (day, "09:00–17:00") for people to read.
pub(crate) async fn hours_rows(
    state: &AppState,
    tr: &Tr,
    location: Uuid,
) -> AppResult<Vec<(String, String)>> {
    Ok(state
        .store
        .support()
        .hours(location)
        .await?
        .into_iter()
        .map(|h| {
            (
                tr.t(&format!("support-weekday-{}", h.weekday)),
                format!("{}–{}", h.opens, h.closes),
            )
        })
        .collect())
}

async fn check_in_page(
    state: &AppState,
    ctx: &crate::context::RequestContext,
    code: &str,
    name: String,
    errors: FieldErrors,
) -> AppResult<Response> {
    let location = state.store.support().location_by_code(code).await?;
    let tr = Tr::new(ctx.language);
    let open_now = state
        .store
        .support()
        .shift_now(location.id, now_ms())
        .await?;
    let view = CheckInView {
        layout: Layout::new(state, ctx, "/check-in", tr.t("support-check-in-title")).await,
        hours: hours_rows(state, &tr, location.id).await?,
        code: code.to_owned(),
        location,
        open_now,
        typed_name: name,
        errors,
    };
    Ok(no_store(view))
}

async fn check_in_get(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    Path(code): Path<String>,
) -> AppResult<Response> {
    check_in_page(&state, &ctx, &code, String::new(), FieldErrors::new()).await
}

/// A walk-in's form: the name they choose and nothing more. Any other field
/// sent is ignored, so nothing else about them can be stored.
#[derive(Deserialize, Default)]
struct WalkInForm {
    #[serde(default)]
    name: String,
}

async fn check_in_post(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    Path(code): Path<String>,
    Form(form): Form<WalkInForm>,
) -> AppResult<Response> {
    let location = state.store.support().location_by_code(&code).await?;
    let tr = Tr::new(ctx.language);
    let mut errors = FieldErrors::new();
    let Some(name) = errors.check(&tr, "name", Nickname::parse(&form.name)) else {
        let page = check_in_page(&state, &ctx, &code, form.name, errors).await?;
        return Ok((form_status(true), page).into_response());
    };
    let entry = state
        .store
        .support()
        .join_queue(location.id, name.as_str(), "check-in")
        .await?;
    Ok(see_other(&format!("/check-in/{code}/waiting/{entry}")))
}

#[derive(Template, WebTemplate)]
#[template(path = "support/waiting.html")]
struct WaitingView {
    layout: Layout,
    location: Location,
    name: String,
    /// 1 for the next to be seen; 0 once a peer has come for them.
    position: usize,
}

async fn waiting_get(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    Path((code, entry)): Path<(String, Uuid)>,
) -> AppResult<Response> {
    let location = state.store.support().location_by_code(&code).await?;
    let me = state.store.support().queue_entry(entry).await?;
    if me.location_id != location.id {
        return Err(AppError::NotFound);
    }
    let waiting = state.store.support().waiting(location.id).await?;
    let position = waiting
        .iter()
        .position(|e| e.id == entry)
        .map(|p| p + 1)
        .unwrap_or(0);
    let tr = Tr::new(ctx.language);
    let view = WaitingView {
        layout: Layout::new(&state, &ctx, "/check-in", tr.t("support-check-in-title")).await,
        location,
        name: me.name,
        position,
    };
    Ok(no_store(view))
}

async fn queue_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<Uuid>,
    Form(form): Form<WalkInForm>,
) -> AppResult<Response> {
    let location = state.store.support().location(id).await?;
    me.require(Action::WorkShift, Scope::Site(location.site_id))?;
    let tr = Tr::new(me.ctx.language);
    match Nickname::parse(&form.name) {
        Ok(name) => {
            state
                .store
                .support()
                .join_queue(id, name.as_str(), "peer")
                .await?;
            Ok(see_other(&format!(
                "/one-to-one/locations/{id}?done=flash-queued"
            )))
        }
        Err(error) => {
            // Shown again with the message; the typed name stays in the box.
            let mut errors = FieldErrors::new();
            errors.add(&tr, "name", &error);
            let view = QueueRefusedView {
                layout: Layout::new(&state, &me.ctx, "/one-to-one", location.name.clone()).await,
                location,
                typed_name: form.name,
                errors,
            };
            Ok((form_status(true), no_store(view)).into_response())
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "support/queue_refused.html")]
struct QueueRefusedView {
    layout: Layout,
    location: Location,
    typed_name: String,
    errors: FieldErrors,
}

async fn take_next_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let location = state.store.support().location(id).await?;
    me.require(Action::WorkShift, Scope::Site(location.site_id))?;
    // Online chats are taken only by a peer on shift at this centre.
    let on_shift = state
        .store
        .support()
        .on_shift(me.actor.user, now_ms())
        .await?
        .iter()
        .any(|s| s.location_id == id);
    let taken = if on_shift {
        state.store.support().take_next(id, me.actor.user).await?
    } else {
        match state
            .store
            .conversations()
            .take_next_in_person(id, me.actor.user)
            .await?
        {
            Some(entry) => Some(state.store.support().queue_entry(entry).await?),
            None => None,
        }
    };
    match taken {
        Some(entry) if entry.source == hearth_store::ONLINE_CHAT => {
            super::drop_in::taken_by_take_next(&state, &me, entry.id).await
        }
        Some(entry) => Ok(see_other(&format!(
            "/one-to-one/logs/new?queue={}",
            entry.id
        ))),
        None => Ok(see_other(&format!(
            "/one-to-one/locations/{id}?done=flash-queue-empty"
        ))),
    }
}

async fn remove_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let entry = state.store.support().queue_entry(id).await?;
    let location = state.store.support().location(entry.location_id).await?;
    me.require(Action::WorkShift, Scope::Site(location.site_id))?;
    state.store.support().leave_queue(id).await?;
    Ok(see_other(&format!(
        "/one-to-one/locations/{}?done=flash-saved",
        location.id
    )))
}

// --- writing a log ---

#[derive(Default, Clone)]
struct LogForm {
    queue: String,
    location: String,
    held_on: String,
    minutes: String,
    kind: String,
    topics: Vec<String>,
    resources: String,
    referrals: String,
    note: String,
    difficult: Option<String>,
    safety: Option<String>,
}

impl LogForm {
    /// Repeated `topics` fields need the pairs: serde_urlencoded reads no lists.
    fn from_fields(fields: &[(String, String)]) -> LogForm {
        let field = |name: &str| {
            fields
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        };
        LogForm {
            queue: field("queue").unwrap_or_default(),
            location: field("location").unwrap_or_default(),
            held_on: field("held_on").unwrap_or_default(),
            minutes: field("minutes").unwrap_or_default(),
            kind: field("kind").unwrap_or_default(),
            topics: fields
                .iter()
                .filter(|(k, _)| k == "topics")
                .map(|(_, v)| v.clone())
                .collect(),
            resources: field("resources").unwrap_or_default(),
            referrals: field("referrals").unwrap_or_default(),
            note: field("note").unwrap_or_default(),
            difficult: field("difficult"),
            safety: field("safety"),
        }
    }

    fn has_topic(&self, id: &Uuid) -> bool {
        self.topics
            .iter()
            .any(|t| t.parse::<Uuid>().ok() == Some(*id))
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "support/log_form.html")]
struct LogFormView {
    layout: Layout,
    form: LogForm,
    errors: FieldErrors,
    /// Who is being seen, when the log follows "take next".
    walk_in: Option<String>,
    locations: Vec<Location>,
    topics: Vec<Topic>,
    kinds: Vec<(&'static str, String)>,
}

#[derive(Deserialize)]
struct NewLogQuery {
    queue: Option<Uuid>,
    location: Option<Uuid>,
}

/// The locations where `me` works shifts.
async fn work_locations(state: &AppState, me: &SignedIn) -> AppResult<Vec<Location>> {
    Ok(state
        .store
        .support()
        .locations()
        .await?
        .into_iter()
        .filter(|l| me.may(Action::WorkShift, Scope::Site(l.site_id)))
        .collect())
}

async fn log_form_page(
    state: &AppState,
    me: &SignedIn,
    form: LogForm,
    errors: FieldErrors,
) -> AppResult<Response> {
    let locations = work_locations(state, me).await?;
    if locations.is_empty() {
        return Err(AppError::Forbidden);
    }
    let tr = Tr::new(me.ctx.language);
    let walk_in = match form.queue.parse::<Uuid>() {
        Ok(id) => state
            .store
            .support()
            .queue_entry(id)
            .await
            .ok()
            .map(|e| e.name),
        Err(_) => None,
    };
    let view = LogFormView {
        layout: Layout::new(state, &me.ctx, "/one-to-one", tr.t("support-log-new-title")).await,
        walk_in,
        locations,
        topics: state.store.support().topics().await?,
        kinds: LogKind::ALL
            .iter()
            .map(|k| (k.as_str(), tr.t(&format!("support-kind-{}", k.as_str()))))
            .collect(),
        form,
        errors,
    };
    Ok((form_status(!view.errors.is_empty()), no_store(view)).into_response())
}

async fn log_new_get(
    State(state): State<AppState>,
    me: SignedIn,
    Query(query): Query<NewLogQuery>,
) -> AppResult<Response> {
    let zone = org_zone(&state).await?;
    let mut form = LogForm {
        held_on: today(&zone).to_string(),
        minutes: "30".into(),
        kind: "drop-in".into(),
        ..LogForm::default()
    };
    if let Some(queue) = query.queue {
        let entry = state.store.support().queue_entry(queue).await?;
        // Only the peer who took someone writes their log.
        if entry.taken_by != Some(me.actor.user) {
            return Err(AppError::Forbidden);
        }
        form.queue = queue.to_string();
        form.location = entry.location_id.to_string();
    } else if let Some(location) = query.location {
        form.location = location.to_string();
    }
    log_form_page(&state, &me, form, FieldErrors::new()).await
}

async fn log_post(
    State(state): State<AppState>,
    me: SignedIn,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let form = LogForm::from_fields(&fields);
    let locations = work_locations(&state, &me).await?;
    if locations.is_empty() {
        return Err(AppError::Forbidden);
    }
    let tr = Tr::new(me.ctx.language);
    let mut errors = FieldErrors::new();
    let location = form
        .location
        .parse::<Uuid>()
        .ok()
        .and_then(|id| locations.iter().find(|l| l.id == id));
    if location.is_none() {
        errors.add_message(&tr, "location", "error-choose-one");
    }
    let queue = if form.queue.is_empty() {
        Some(None)
    } else {
        match form.queue.parse::<Uuid>() {
            Ok(id) => match state.store.support().queue_entry(id).await {
                Ok(entry) if entry.taken_by == Some(me.actor.user) => Some(Some(id)),
                _ => return Err(AppError::Forbidden),
            },
            Err(_) => return Err(AppError::NotFound),
        }
    };
    let held_on = errors.check(&tr, "held_on", date(&form.held_on));
    let minutes = errors.check(&tr, "minutes", domain::minutes(&form.minutes));
    let kind = errors.check(&tr, "kind", LogKind::parse(&form.kind));
    let known = state.store.support().topics().await?;
    let mut topics = Vec::new();
    for raw in &form.topics {
        match raw
            .parse::<Uuid>()
            .ok()
            .filter(|id| known.iter().any(|t| t.id == *id))
        {
            Some(id) if !topics.contains(&id) => topics.push(id),
            Some(_) => {}
            None => errors.add_message(&tr, "topics", "error-choose-one"),
        }
    }
    let resources = errors.check(&tr, "resources", optional_text(&form.resources, 1000));
    let referrals = errors.check(&tr, "referrals", optional_text(&form.referrals, 1000));
    let note = errors.check(&tr, "note", optional_text(&form.note, 2000));
    let (
        Some(location),
        Some(queue),
        Some(held_on),
        Some(minutes),
        Some(kind),
        Some(resources),
        Some(referrals),
        Some(note),
    ) = (
        location, queue, held_on, minutes, kind, resources, referrals, note,
    )
    else {
        return log_form_page(&state, &me, form, errors).await;
    };
    if !errors.is_empty() {
        return log_form_page(&state, &me, form, errors).await;
    }
    let log = NewLog {
        author: me.actor.user,
        site: location.site_id,
        location: Some(location.id),
        queue,
        held_on: held_on.to_string(),
        minutes,
        kind,
        topics,
        resources,
        referrals,
        note,
        flag_difficult: form.difficult.is_some(),
        flag_safety: form.safety.is_some(),
    };
    let id = state.store.support().create_log(&log).await?;
    state
        .store
        .activities()
        .record(&hearth_store::NewActivity {
            kind: "support-session",
            title: kind.as_str(),
            site_id: Some(location.site_id),
            cohort_id: None,
            phase_id: None,
            occurred_at: now_ms(),
        })
        .await?;
    if log.flag_difficult || log.flag_safety {
        alert_for_flag(&state, &me, &log, id).await?;
    }
    if log.flag_safety {
        // The peer sees the site's escalation checklist at once.
        return Ok(see_other(&format!("/one-to-one/logs/{id}?checklist=1")));
    }
    Ok(see_other("/one-to-one?done=flash-log-saved"))
}

/// A flag alerts the site's supervisors at once (in the app and by email);
/// a safety concern also reaches the on-call supervisor and the safeguarding lead.
async fn alert_for_flag(state: &AppState, me: &SignedIn, log: &NewLog, id: Uuid) -> AppResult<()> {
    let support = state.store.support();
    let mut people: Vec<UserId> = support
        .holders(Role::Supervisor.key().as_str(), log.site)
        .await?;
    if log.flag_safety {
        let settings = support.site_settings(log.site).await?;
        people.extend(settings.on_call);
        people.extend(
            support
                .holders(Role::SafeguardingLead.key().as_str(), log.site)
                .await?,
        );
    }
    people.sort();
    people.dedup();
    people.retain(|p| *p != me.actor.user);
    let link = format!("/one-to-one/logs/{id}");
    for person in people {
        let who = state.store.people().get(person).await?;
        let tr = Tr::new(
            who.language
                .as_deref()
                .and_then(hearth_domain::input::Language::from_code)
                .unwrap_or_default(),
        );
        let (title, body) = if log.flag_safety {
            ("support-alert-safety-title", "support-alert-safety-body")
        } else {
            (
                "support-alert-difficult-title",
                "support-alert-difficult-body",
            )
        };
        // The alert names the peer, never what the log says.
        crate::jobs::notify(
            state,
            person,
            &tr.t(title),
            &tr.t1(body, "name", &me.user.person.display_name),
            Some(&link),
            true,
        )
        .await?;
    }
    Ok(())
}

// --- reading a log: allowed for few, and always audited ---

/// Whether `me` may read a log: its author, or someone the policy lets read
/// the logs of its site (supervisors and the safeguarding lead).
fn may_read(me: &SignedIn, author: Option<UserId>, site: SiteId) -> bool {
    author == Some(me.actor.user) || me.may(Action::ReadSessionLog, Scope::Site(site))
}

#[derive(Template, WebTemplate)]
#[template(path = "support/log.html")]
struct LogView {
    layout: Layout,
    log: SessionLog,
    kind: String,
    written: String,
    checklist: Option<Vec<String>>,
    on_call: Option<String>,
    /// The author may refer the person to a service from here.
    can_refer: bool,
}

#[derive(Deserialize)]
struct LogQuery {
    checklist: Option<String>,
}

async fn log_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<Uuid>,
    Query(query): Query<LogQuery>,
) -> AppResult<Response> {
    let log = state.store.support().log(id).await?;
    if !may_read(&me, log.author_id, log.site_id) {
        return Err(AppError::Forbidden);
    }
    // Every read is written down before anything is shown.
    state
        .store
        .audit()
        .record(
            Some(me.actor.user),
            "read",
            LOG_SUBJECT,
            Some(id),
            log.author_id,
        )
        .await?;
    let tr = Tr::new(me.ctx.language);
    let zone = me.time_zone(&state).await?;
    let (checklist, on_call) = if query.checklist.is_some() || log.flag_safety {
        let settings = state.store.support().site_settings(log.site_id).await?;
        let steps: Vec<String> = settings
            .checklist
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect();
        let steps = if steps.is_empty() {
            vec![tr.t("support-checklist-default")]
        } else {
            steps
        };
        (Some(steps), settings.on_call_name)
    } else {
        (None, None)
    };
    let view = LogView {
        layout: Layout::new(&state, &me.ctx, "/one-to-one", tr.t("support-log-title")).await,
        kind: tr.t(&format!("support-kind-{}", log.kind)),
        written: format_time(log.created_at, &zone),
        checklist,
        on_call,
        can_refer: log.author_id == Some(me.actor.user)
            && me.may(Action::ReferToService, Scope::Site(log.site_id)),
        log,
    };
    Ok(no_store(view))
}

// --- caseloads ---

pub(crate) struct LogLine {
    pub summary: LogSummary,
    pub kind: String,
}

pub(crate) fn lines(tr: &Tr, logs: Vec<LogSummary>) -> Vec<LogLine> {
    logs.into_iter()
        .map(|summary| LogLine {
            kind: tr.t(&format!("support-kind-{}", summary.kind)),
            summary,
        })
        .collect()
}

#[derive(Template, WebTemplate)]
#[template(path = "support/caseload.html")]
struct CaseloadView {
    layout: Layout,
    heading: String,
    logs: Vec<LogLine>,
    /// Who read the logs (shown to the author themself).
    reads: Option<Vec<(LogRead, String)>>,
    /// Wellbeing check-ins the peer shared with their supervisors.
    wellbeing: Vec<(hearth_store::Wellbeing, String)>,
    /// Where the logs retention archived are listed.
    archived_link: String,
}

async fn my_logs_get(State(state): State<AppState>, me: SignedIn) -> AppResult<Response> {
    let tr = Tr::new(me.ctx.language);
    let zone = me.time_zone(&state).await?;
    let logs = state.store.support().logs_by(me.actor.user, 200).await?;
    let reads = state
        .store
        .support()
        .reads_of_logs_by(me.actor.user, 100)
        .await?
        .into_iter()
        .map(|r| {
            let when = format_time(r.at, &zone);
            (r, when)
        })
        .collect();
    let view = CaseloadView {
        layout: Layout::new(
            &state,
            &me.ctx,
            "/one-to-one",
            tr.t("support-my-logs-title"),
        )
        .await,
        heading: tr.t("support-my-logs-title"),
        logs: lines(&tr, logs),
        reads: Some(reads),
        wellbeing: Vec::new(),
        archived_link: "/one-to-one/archived-logs".to_owned(),
    };
    Ok(no_store(view))
}

/// Whether `me` supervises `peer`: the peer serves at a site (or the whole
/// organisation) where `me` may supervise.
pub(crate) async fn supervises(state: &AppState, me: &SignedIn, peer: UserId) -> AppResult<bool> {
    let grants = state.store.people().grants(peer).await?;
    Ok(grants.iter().any(|g| {
        matches!(g.grant.role, Role::PeerWorker(_))
            && match g.grant.scope {
                Scope::Cohort { site, .. } => me.may(Action::SuperviseSupport, Scope::Site(site)),
                scope => me.may(Action::SuperviseSupport, scope),
            }
    }))
}

async fn caseload_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path(user): Path<UserId>,
) -> AppResult<Response> {
    if user == me.actor.user {
        return Ok(see_other("/one-to-one/my-logs"));
    }
    // A peer never sees another peer's caseload; only their supervisors do.
    if !supervises(&state, &me, user).await? {
        return Err(AppError::Forbidden);
    }
    let person = state.store.people().get(user).await?;
    let tr = Tr::new(me.ctx.language);
    let logs = state.store.support().logs_by(user, 200).await?;
    let heading = tr.t1("support-caseload-title", "name", &person.display_name);
    let zone = me.time_zone(&state).await?;
    let wellbeing = state
        .store
        .support()
        .wellbeing(user, true)
        .await?
        .into_iter()
        .map(|w| {
            let when = format_time(w.at, &zone);
            (w, when)
        })
        .collect();
    let view = CaseloadView {
        layout: Layout::new(&state, &me.ctx, "/one-to-one", heading.clone()).await,
        heading,
        logs: lines(&tr, logs),
        reads: None,
        wellbeing,
        archived_link: format!("/one-to-one/archived-logs?peer={}", user.0),
    };
    Ok(no_store(view))
}

// --- the topic list ---

#[derive(Template, WebTemplate)]
#[template(path = "support/topics.html")]
struct TopicsView {
    layout: Layout,
    topics: Vec<Topic>,
    typed_name: String,
    errors: FieldErrors,
}

fn may_manage_anywhere(me: &SignedIn, sites: &[hearth_store::Site]) -> bool {
    me.may(Action::ManageSupport, Scope::Organisation)
        || !sites_for(me, sites, Action::ManageSupport).is_empty()
}

async fn topics_page(
    state: &AppState,
    me: &SignedIn,
    name: String,
    errors: FieldErrors,
    flash: Option<&str>,
) -> AppResult<Response> {
    let sites = state.store.org().sites(false).await?;
    if !may_manage_anywhere(me, &sites) {
        return Err(AppError::Forbidden);
    }
    let tr = Tr::new(me.ctx.language);
    let refused = !errors.is_empty();
    let view = TopicsView {
        layout: Layout::new(state, &me.ctx, "/one-to-one", tr.t("support-topics-title"))
            .await
            .with_flash(flash),
        topics: state.store.support().topics().await?,
        typed_name: name,
        errors,
    };
    Ok((form_status(refused), no_store(view)).into_response())
}

async fn topics_get(
    State(state): State<AppState>,
    me: SignedIn,
    Query(query): Query<DoneQuery>,
) -> AppResult<Response> {
    topics_page(
        &state,
        &me,
        String::new(),
        FieldErrors::new(),
        query.done.as_deref(),
    )
    .await
}

#[derive(Deserialize)]
struct TopicForm {
    #[serde(default)]
    name: String,
}

async fn topic_post(
    State(state): State<AppState>,
    me: SignedIn,
    Form(form): Form<TopicForm>,
) -> AppResult<Response> {
    let sites = state.store.org().sites(false).await?;
    if !may_manage_anywhere(&me, &sites) {
        return Err(AppError::Forbidden);
    }
    let tr = Tr::new(me.ctx.language);
    let mut errors = FieldErrors::new();
    if let Some(name) = errors.check(&tr, "name", Name::parse(&form.name)) {
        match state.store.support().add_topic(name.as_str()).await {
            Ok(_) => return Ok(see_other("/one-to-one/topics?done=flash-saved")),
            Err(StoreError::Conflict(_)) => {
                errors.add_message(&tr, "name", "support-error-topic-taken")
            }
            Err(other) => return Err(other.into()),
        }
    }
    topics_page(&state, &me, form.name, errors, None).await
}

async fn topic_archive_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let sites = state.store.org().sites(false).await?;
    if !may_manage_anywhere(&me, &sites) {
        return Err(AppError::Forbidden);
    }
    state.store.support().archive_topic(id).await?;
    Ok(see_other("/one-to-one/topics?done=flash-archived"))
}

// --- a site's crisis settings: who is on call, the checklist ---

#[derive(Template, WebTemplate)]
#[template(path = "support/crisis.html")]
struct CrisisView {
    layout: Layout,
    site: hearth_store::Site,
    form: CrisisForm,
    /// Supervisors who may be on call here: (id, name).
    supervisors: Vec<(UserId, String)>,
    errors: FieldErrors,
}

#[derive(Deserialize, Default)]
struct CrisisForm {
    #[serde(default)]
    on_call: String,
    #[serde(default)]
    checklist: String,
    #[serde(default)]
    crisis_contacts: String,
}

async fn crisis_page(
    state: &AppState,
    me: &SignedIn,
    site: SiteId,
    form: Option<CrisisForm>,
    errors: FieldErrors,
    flash: Option<&str>,
) -> AppResult<Response> {
    me.require(Action::ManageSupport, Scope::Site(site))?;
    let tr = Tr::new(me.ctx.language);
    let site = state.store.org().site(site).await?;
    let form = match form {
        Some(form) => form,
        None => {
            let settings = state.store.support().site_settings(site.id).await?;
            CrisisForm {
                on_call: settings.on_call.map(|u| u.to_string()).unwrap_or_default(),
                checklist: settings.checklist,
                crisis_contacts: settings.crisis_contacts.unwrap_or_default(),
            }
        }
    };
    let mut supervisors = Vec::new();
    for id in state
        .store
        .support()
        .holders(&Role::Supervisor.key(), site.id)
        .await?
    {
        supervisors.push((id, state.store.people().get(id).await?.display_name));
    }
    let refused = !errors.is_empty();
    let view = CrisisView {
        layout: Layout::new(state, &me.ctx, "/one-to-one", tr.t("support-crisis-title"))
            .await
            .with_flash(flash),
        site,
        form,
        supervisors,
        errors,
    };
    Ok((form_status(refused), no_store(view)).into_response())
}

async fn crisis_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<SiteId>,
    Query(query): Query<DoneQuery>,
) -> AppResult<Response> {
    crisis_page(
        &state,
        &me,
        id,
        None,
        FieldErrors::new(),
        query.done.as_deref(),
    )
    .await
}

async fn crisis_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<SiteId>,
    Form(form): Form<CrisisForm>,
) -> AppResult<Response> {
    me.require(Action::ManageSupport, Scope::Site(id))?;
    let tr = Tr::new(me.ctx.language);
    let mut errors = FieldErrors::new();
    let supervisors = state
        .store
        .support()
        .holders(&Role::Supervisor.key(), id)
        .await?;
    let on_call = if form.on_call.is_empty() {
        Some(None)
    } else {
        let found = form
            .on_call
            .parse::<UserId>()
            .ok()
            .filter(|u| supervisors.contains(u));
        if found.is_none() {
            errors.add_message(&tr, "on_call", "error-choose-one");
        }
        found.map(Some)
    };
    let checklist = errors.check(&tr, "checklist", optional_text(&form.checklist, 4000));
    let contacts = errors.check(
        &tr,
        "crisis_contacts",
        optional_text(&form.crisis_contacts, 1000),
    );
    match (on_call, checklist, contacts) {
        (Some(on_call), Some(checklist), Some(contacts)) if errors.is_empty() => {
            state
                .store
                .support()
                .save_site_settings(
                    id,
                    on_call,
                    checklist.as_deref().unwrap_or(""),
                    contacts.as_deref(),
                )
                .await?;
            Ok(see_other(&format!(
                "/one-to-one/sites/{id}/crisis?done=flash-saved"
            )))
        }
        _ => crisis_page(&state, &me, id, Some(form), errors, None).await,
    }
}
