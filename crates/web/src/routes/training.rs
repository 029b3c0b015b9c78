//! A training cohort: its curriculum, and the pre-programme readiness step.
//!
//! Trainees write a personal stocktake and a recovery story here; both are
//! theirs alone unless they share them with the cohort's facilitators.
//! Facilitators see whether each is done, hold a readiness conversation and
//! record its outcome; only "ready" opens the modules.

use super::{form_status, no_store, see_other};
use crate::context::SignedIn;
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::forms::FieldErrors;
use crate::views::{Layout, chart, format_time, markdown};
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use hearth_domain::input::{date, optional_text};
use hearth_domain::policy::Action;
use hearth_domain::roles::Role;
use hearth_domain::training::{
    CHIME_MIN_FOR_AVERAGES, ChimePrompt, ChimeScores, ChimeTheme, FEEDBACK_MIN_ANSWERS,
    MAX_ANSWER_CHARS, ModuleKind, ReadinessOutcome, TraineeSession, chime_averages, chime_prompt,
    enrolled_in_modules, meets_attendance, rating, story_text,
};
use hearth_domain::{CohortId, UserId};
use hearth_store::{
    Cohort, CohortMember, Conversation, Curriculum, CurriculumSummary, Material, ReadinessStatus,
};
use serde::Deserialize;
use uuid::Uuid;

/// Every training page sits under the cohort's training page in the navigation.
async fn training_layout(
    state: &AppState,
    me: &SignedIn,
    cohort: CohortId,
    title: String,
) -> Layout {
    Layout::new(
        state,
        &me.ctx,
        &format!("/cohorts/{cohort}/training"),
        title,
    )
    .await
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/cohorts/{id}/training", get(training_get))
        .route("/cohorts/{id}/training/curriculum", post(curriculum_post))
        .route(
            "/cohorts/{id}/training/sessions/{session}",
            get(trainee_session_get),
        )
        .route(
            "/cohorts/{id}/training/stocktake",
            get(stocktake_get).post(stocktake_post),
        )
        .route(
            "/cohorts/{id}/training/story",
            get(story_get).post(story_post),
        )
        .route("/cohorts/{id}/training/share", post(share_post))
        .route("/materials/{id}", get(material_get))
        .route("/cohorts/{id}/training/schedule", post(schedule_post))
        .route("/cohorts/{id}/training/progress", get(progress_get))
        .route(
            "/cohorts/{id}/training/deliveries/{delivery}/feedback",
            post(feedback_post),
        )
        .route(
            "/cohorts/{id}/training/lived-experience",
            post(lived_experience_post),
        )
        .route(
            "/cohorts/{id}/training/progress/sign-off",
            post(sign_off_post),
        )
        .route(
            "/cohorts/{id}/training/certificate/{module}",
            get(certificate_get),
        )
        .route(
            "/cohorts/{id}/training/deliveries/{delivery}",
            get(attendance_get).post(attendance_post),
        )
        .route(
            "/cohorts/{id}/training/deliveries/{delivery}/change",
            post(delivery_change_post),
        )
        .route(
            "/cohorts/{id}/training/deliveries/{delivery}/remove",
            post(delivery_remove_post),
        )
        .route(
            "/cohorts/{id}/training/chime",
            get(chime_get).post(chime_post),
        )
        .route("/cohorts/{id}/training/trainees/{user}", get(trainee_get))
        .route(
            "/cohorts/{id}/training/trainees/{user}/conversations",
            post(conversation_post),
        )
        .route(
            "/cohorts/{id}/training/trainees/{user}/roles",
            post(give_role_post),
        )
}

#[derive(Deserialize)]
struct DoneQuery {
    done: Option<String>,
}

fn theme_label(tr: &Tr, theme: ChimeTheme) -> String {
    tr.t(&format!("chime-{}", theme.as_str()))
}

fn outcome_label(tr: &Tr, outcome: ReadinessOutcome) -> String {
    tr.t(&format!("readiness-outcome-{}", outcome.as_str()))
}

/// The cohort's curriculum; a cohort without one has no training pages yet.
async fn cohort_curriculum(state: &AppState, cohort: CohortId) -> AppResult<Option<Curriculum>> {
    match state.store.training().cohort_curriculum(cohort).await? {
        Some(id) => Ok(Some(state.store.training().curriculum(id).await?)),
        None => Ok(None),
    }
}

/// The cohort's trainees: its participants.
async fn trainees(state: &AppState, cohort: CohortId) -> AppResult<Vec<CohortMember>> {
    Ok(state
        .store
        .org()
        .cohort_members(cohort)
        .await?
        .into_iter()
        .filter(|m| m.role == Role::Participant)
        .collect())
}

pub(crate) async fn is_enrolled(
    state: &AppState,
    cohort: CohortId,
    user: UserId,
) -> AppResult<bool> {
    let latest = state
        .store
        .training()
        .conversations(cohort, user)
        .await?
        .into_iter()
        .next()
        .map(|c| c.outcome);
    Ok(enrolled_in_modules(latest))
}

// --- the cohort's training page: the facilitator's overview or the trainee's home ---

struct TraineeRow {
    member: CohortMember,
    status: ReadinessStatus,
    outcome: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "training/overview.html")]
struct OverviewView {
    layout: Layout,
    cohort: Cohort,
    curriculum: Option<Curriculum>,
    curricula: Vec<CurriculumSummary>,
    can_open_curriculum: bool,
    rows: Vec<TraineeRow>,
    errors: FieldErrors,
    /// Cohort averages per theme, only once enough people answered.
    chime: Option<Vec<(String, String)>>,
    chime_answered: usize,
    chime_minimum: usize,
    /// Sessions delivered to the cohort.
    deliveries: Vec<DeliveryRow>,
    /// The cohort's facilitators to choose from: (id, name, brings lived experience).
    facilitators: Vec<(String, String, bool)>,
    /// Whether the reader said they bring lived experience.
    i_bring_lived_experience: bool,
    /// Sessions to schedule: (id, "module · session").
    sessions: Vec<(String, String)>,
    schedule: ScheduleForm,
}

struct DeliveryRow {
    id: Uuid,
    title: String,
    when: String,
    place: String,
    marked: usize,
    facilitators: Vec<String>,
    /// Nobody facilitating it brings lived experience: a gentle warning.
    no_lived_experience: bool,
    /// Ratings 1 to 5 and how many gave each, only from five answers on.
    feedback: Option<Vec<(usize, i64)>>,
    feedback_answers: i64,
    /// Online: the live event it runs as.
    event: Option<hearth_domain::EventId>,
}

#[derive(Deserialize, Default)]
struct ScheduleForm {
    #[serde(default)]
    facilitators: Vec<String>,
    #[serde(default)]
    session: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    time: String,
    #[serde(default)]
    place: String,
    /// "room", or "online" to run it as a live event from the session's run sheet.
    #[serde(default)]
    mode: String,
}

impl ScheduleForm {
    /// The form as sent: several co-facilitators may be ticked.
    fn from_fields(fields: &[(String, String)]) -> ScheduleForm {
        let field = |name: &str| {
            fields
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        ScheduleForm {
            facilitators: fields
                .iter()
                .filter(|(k, _)| k == "facilitator")
                .map(|(_, v)| v.clone())
                .collect(),
            session: field("session"),
            date: field("date"),
            time: field("time"),
            place: field("place"),
            mode: field("mode"),
        }
    }
}

async fn overview_page(
    state: &AppState,
    me: &SignedIn,
    cohort: Cohort,
    errors: FieldErrors,
    schedule: ScheduleForm,
    done: Option<&str>,
) -> AppResult<Response> {
    let tr = Tr::new(me.ctx.language);
    let curriculum = cohort_curriculum(state, cohort.id).await?;
    let zone = me.time_zone(state).await?;
    let staff = cohort_facilitators(state, cohort.id).await?;
    let lived = state.store.training().with_lived_experience().await?;
    let assigned = state
        .store
        .training()
        .delivery_facilitators(cohort.id)
        .await?;
    let mut deliveries = Vec::new();
    let events = state.store.training().delivery_events(cohort.id).await?;
    for d in state.store.training().deliveries(cohort.id).await? {
        let title = curriculum
            .as_ref()
            .and_then(|c| c.session(d.session_id))
            .map(|(_, s)| s.text.title.clone())
            .unwrap_or_default();
        let marked = state
            .store
            .training()
            .attendance(d.activity_id)
            .await?
            .len();
        let counts = state.store.training().feedback_counts(d.id).await?;
        let answers: i64 = counts.iter().sum();
        let people: Vec<UserId> = assigned
            .iter()
            .filter(|(delivery, _)| *delivery == d.id)
            .map(|(_, u)| *u)
            .collect();
        deliveries.push(DeliveryRow {
            id: d.id,
            title,
            when: format_time(d.starts_at, &zone),
            place: d.place.unwrap_or_default(),
            marked,
            facilitators: staff
                .iter()
                .filter(|m| people.contains(&m.user_id))
                .map(|m| m.display_name.clone())
                .collect(),
            no_lived_experience: !people.iter().any(|p| lived.contains(p)),
            feedback: (answers >= FEEDBACK_MIN_ANSWERS).then(|| {
                counts
                    .iter()
                    .enumerate()
                    .map(|(i, c)| (i + 1, *c))
                    .collect()
            }),
            feedback_answers: answers,
            event: events.iter().find(|(id, _)| *id == d.id).map(|(_, e)| *e),
        });
    }
    let facilitators = staff
        .iter()
        .map(|m| {
            (
                m.user_id.to_string(),
                m.display_name.clone(),
                lived.contains(&m.user_id),
            )
        })
        .collect();
    let i_bring_lived_experience = lived.contains(&me.user.person.id);
    let sessions = curriculum
        .iter()
        .flat_map(|c| c.modules.iter())
        .flat_map(|m| {
            m.sessions
                .iter()
                .map(move |s| (s.id.to_string(), format!("{} · {}", m.title, s.text.title)))
        })
        .collect();
    let mut rows = Vec::new();
    for member in trainees(state, cohort.id).await? {
        let status = state
            .store
            .training()
            .readiness(cohort.id, member.user_id)
            .await?;
        let outcome = status
            .latest
            .as_ref()
            .map(|(on, o)| format!("{} · {on}", outcome_label(&tr, *o)));
        rows.push(TraineeRow {
            member,
            status,
            outcome,
        });
    }
    let status = form_status(!errors.is_empty());
    let latest = state
        .store
        .training()
        .chime_latest_scores(cohort.id)
        .await?;
    let chime = chime_averages(&latest).map(|averages| {
        ChimeTheme::ALL
            .iter()
            .zip(averages)
            .map(|(theme, average)| (theme_label(&tr, *theme), format!("{average:.1}")))
            .collect()
    });
    let view = OverviewView {
        chime,
        chime_answered: latest.len(),
        chime_minimum: CHIME_MIN_FOR_AVERAGES,
        deliveries,
        facilitators,
        i_bring_lived_experience,
        sessions,
        schedule,
        layout: training_layout(
            state,
            me,
            cohort.id,
            tr.t1("training-title", "cohort", &cohort.name),
        )
        .await
        .with_flash(done),
        curriculum,
        curricula: state.store.training().curricula().await?,
        can_open_curriculum: me.may(
            Action::ManageCurricula,
            hearth_domain::roles::Scope::Organisation,
        ),
        cohort,
        rows,
        errors,
    };
    Ok((status, no_store(view)).into_response())
}

struct ModuleForTrainee {
    title: String,
    purpose_html: String,
    /// (session id, title); empty titles are never shown.
    sessions: Vec<(Uuid, String)>,
    open: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "training/trainee_home.html")]
struct TraineeHomeView {
    layout: Layout,
    cohort: Cohort,
    curriculum_name: String,
    readiness: Vec<ModuleForTrainee>,
    modules: Vec<ModuleForTrainee>,
    stocktake_done: bool,
    stocktake_started: bool,
    stocktake_shared: bool,
    story_started: bool,
    story_shared: bool,
    /// The latest conversation's date and outcome (never the facilitator's note).
    outcome: Option<(String, ReadinessOutcome, String)>,
    enrolled: bool,
    /// Scheduled sessions open to this trainee: (when, session id, title, place).
    coming_up: Vec<(String, Uuid, String, String)>,
    /// Online deliveries' live events, by session id.
    live_events: Vec<(Uuid, hearth_domain::EventId)>,
    progress: Vec<ModuleProgress>,
    /// Sessions attended and not yet rated: (delivery id, title, when).
    to_rate: Vec<(Uuid, String, String)>,
    feedback_error: Option<String>,
    /// A CHIME reflection asked for now: at the start, or after a module.
    chime_prompt: Option<String>,
}

async fn trainee_home(
    state: &AppState,
    me: &SignedIn,
    cohort: Cohort,
    curriculum: Curriculum,
    done: Option<&str>,
    feedback_error: Option<String>,
) -> AppResult<Response> {
    let tr = Tr::new(me.ctx.language);
    let user = me.user.person.id;
    let training = state.store.training();
    let stocktake = training.own_stocktake(cohort.id, user).await?;
    let story = training.own_story(cohort.id, user).await?;
    let story_shared = training.story_shared(cohort.id, user).await?;
    let latest = training
        .conversations(cohort.id, user)
        .await?
        .into_iter()
        .next();
    let enrolled = enrolled_in_modules(latest.as_ref().map(|c| c.outcome));
    let (readiness, modules): (Vec<_>, Vec<_>) = curriculum
        .modules
        .iter()
        .map(|m| {
            let is_readiness = m.kind == ModuleKind::Readiness;
            (
                is_readiness,
                ModuleForTrainee {
                    title: m.title.clone(),
                    purpose_html: markdown::to_html(m.purpose.as_deref().unwrap_or_default()),
                    sessions: m
                        .sessions
                        .iter()
                        .map(|s| (s.id, s.text.title.clone()))
                        .collect(),
                    open: is_readiness || enrolled,
                },
            )
        })
        .partition(|(is_readiness, _)| *is_readiness);
    let zone = me.time_zone(state).await?;
    let delivery_events = state.store.training().delivery_events(cohort.id).await?;
    let mut live_events = Vec::new();
    let coming_up = state
        .store
        .training()
        .deliveries(cohort.id)
        .await?
        .into_iter()
        .filter(|d| d.starts_at >= hearth_store::now_ms() - 12 * 3_600_000)
        .filter_map(|d| {
            let (module, session) = curriculum.session(d.session_id)?;
            let open = module.kind == ModuleKind::Readiness || enrolled;
            if let (true, Some((_, event))) =
                (open, delivery_events.iter().find(|(id, _)| *id == d.id))
            {
                live_events.push((session.id, *event));
            }
            open.then(|| {
                (
                    format_time(d.starts_at, &zone),
                    session.id,
                    session.text.title.clone(),
                    d.place.clone().unwrap_or_default(),
                )
            })
        })
        .collect();
    let progress = progress_for(
        &curriculum,
        user,
        &state.store.training().attended(cohort.id).await?,
        &state.store.training().signoffs(cohort.id).await?,
    );
    let rated = state.store.training().rated_by(cohort.id, user).await?;
    let mut to_rate = Vec::new();
    for d in state.store.training().deliveries(cohort.id).await? {
        if rated.contains(&d.id) {
            continue;
        }
        let attended = state
            .store
            .training()
            .attendance(d.activity_id)
            .await?
            .iter()
            .any(|a| a.user_id == user && a.status != "absent");
        if let (true, Some((_, session))) = (attended, curriculum.session(d.session_id)) {
            to_rate.push((
                d.id,
                session.text.title.clone(),
                format_time(d.starts_at, &zone),
            ));
        }
    }
    let reflected: Vec<i64> = training
        .own_chime(cohort.id, user)
        .await?
        .iter()
        .map(|e| e.created_at)
        .collect();
    let chime_prompt =
        match chime_prompt(&reflected, &training.signoff_times(cohort.id, user).await?) {
            Some(ChimePrompt::Start) => Some(tr.t("chime-prompt-start")),
            Some(ChimePrompt::AfterModule(module)) => curriculum
                .module(module)
                .map(|m| tr.t1("chime-prompt-after-module", "module", &m.title)),
            None => None,
        };
    let status = form_status(feedback_error.is_some());
    let view = TraineeHomeView {
        chime_prompt,
        live_events,
        to_rate,
        feedback_error,
        progress,
        coming_up,
        layout: training_layout(
            state,
            me,
            cohort.id,
            tr.t1("training-title", "cohort", &cohort.name),
        )
        .await
        .with_flash(done),
        curriculum_name: curriculum.name.clone(),
        readiness: readiness.into_iter().map(|(_, m)| m).collect(),
        modules: modules.into_iter().map(|(_, m)| m).collect(),
        stocktake_done: stocktake.as_ref().is_some_and(|s| s.complete),
        stocktake_started: stocktake.is_some(),
        stocktake_shared: stocktake.as_ref().is_some_and(|s| s.shared),
        story_started: story.iter().any(|v| !v.text.is_empty()),
        story_shared,
        outcome: latest.map(|c| {
            let label = outcome_label(&tr, c.outcome);
            (c.held_on, c.outcome, label)
        }),
        enrolled,
        cohort,
    };
    Ok((status, no_store(view)).into_response())
}

async fn training_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<CohortId>,
    Query(query): Query<DoneQuery>,
) -> AppResult<Response> {
    let cohort = state.store.org().cohort(id).await?;
    let scope = cohort.scope();
    if me.may(Action::RunTraining, scope) {
        return overview_page(
            &state,
            &me,
            cohort,
            FieldErrors::new(),
            ScheduleForm::default(),
            query.done.as_deref(),
        )
        .await;
    }
    me.require(Action::FollowTraining, scope)?;
    let curriculum = cohort_curriculum(&state, id)
        .await?
        .ok_or(AppError::NotFound)?;
    trainee_home(&state, &me, cohort, curriculum, query.done.as_deref(), None).await
}

#[derive(Deserialize)]
struct CurriculumChoice {
    curriculum: String,
}

async fn curriculum_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<CohortId>,
    Form(form): Form<CurriculumChoice>,
) -> AppResult<Response> {
    let cohort = state.store.org().cohort(id).await?;
    me.require(Action::RunTraining, cohort.scope())?;
    let tr = Tr::new(me.ctx.language);
    let known = state.store.training().curricula().await?;
    let chosen = form
        .curriculum
        .parse::<Uuid>()
        .ok()
        .filter(|c| known.iter().any(|k| k.id == *c));
    let Some(curriculum) = chosen else {
        let mut errors = FieldErrors::new();
        errors.add_message(&tr, "curriculum", "error-choose-one");
        return overview_page(&state, &me, cohort, errors, ScheduleForm::default(), None).await;
    };
    state
        .store
        .training()
        .set_cohort_curriculum(id, curriculum)
        .await?;
    Ok(see_other(&format!(
        "/cohorts/{id}/training?done=flash-curriculum-chosen"
    )))
}

// --- the trainee's side ---

/// The cohort, its curriculum and the trainee's scope, for trainee pages.
async fn for_trainee(
    state: &AppState,
    me: &SignedIn,
    id: CohortId,
) -> AppResult<(Cohort, Curriculum)> {
    let cohort = state.store.org().cohort(id).await?;
    me.require(Action::FollowTraining, cohort.scope())?;
    let curriculum = cohort_curriculum(state, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((cohort, curriculum))
}

#[derive(Template, WebTemplate)]
#[template(path = "training/session_trainee.html")]
struct TraineeSessionView {
    layout: Layout,
    cohort: Cohort,
    module_title: String,
    /// Built by `SessionText::for_trainee`: it has no mini knowledge.
    session: TraineeSession,
    learning_intentions: String,
    activities: String,
    handout: String,
    materials: Vec<Material>,
}

async fn trainee_session_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, session)): Path<(CohortId, Uuid)>,
) -> AppResult<Response> {
    let (cohort, curriculum) = for_trainee(&state, &me, id).await?;
    let (module, found) = curriculum.session(session).ok_or(AppError::NotFound)?;
    if module.kind == ModuleKind::Module && !is_enrolled(&state, id, me.user.person.id).await? {
        return Ok(see_other(&format!(
            "/cohorts/{id}/training?done=flash-modules-after-readiness"
        )));
    }
    let trainee = found.text.for_trainee();
    let view = TraineeSessionView {
        layout: Layout::new(
            &state,
            &me.ctx,
            &format!("/cohorts/{id}/training"),
            trainee.title.clone(),
        )
        .await,
        module_title: module.title.clone(),
        learning_intentions: markdown::to_html(&trainee.learning_intentions),
        activities: markdown::to_html(&trainee.activities),
        handout: markdown::to_html(&trainee.handout),
        materials: state.store.training().materials(found.id).await?,
        session: trainee,
        cohort,
    };
    Ok(no_store(view))
}

struct StocktakeQuestion {
    question: String,
    answer: String,
    error: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "training/stocktake.html")]
struct StocktakeView {
    layout: Layout,
    cohort: Cohort,
    questions: Vec<StocktakeQuestion>,
    errors: FieldErrors,
    shared: bool,
}

async fn stocktake_page(
    state: &AppState,
    me: &SignedIn,
    cohort: Cohort,
    questions: Vec<StocktakeQuestion>,
    errors: FieldErrors,
) -> AppResult<Response> {
    let tr = Tr::new(me.ctx.language);
    let own = state
        .store
        .training()
        .own_stocktake(cohort.id, me.user.person.id)
        .await?;
    let status = form_status(!errors.is_empty());
    let view = StocktakeView {
        layout: training_layout(state, me, cohort.id, tr.t("stocktake-title")).await,
        shared: own.as_ref().is_some_and(|s| s.shared),
        cohort,
        questions,
        errors,
    };
    Ok((status, no_store(view)).into_response())
}

async fn stocktake_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<CohortId>,
) -> AppResult<Response> {
    let (cohort, curriculum) = for_trainee(&state, &me, id).await?;
    let own = state
        .store
        .training()
        .own_stocktake(id, me.user.person.id)
        .await?;
    let questions = curriculum
        .stocktake
        .iter()
        .map(|q| StocktakeQuestion {
            question: q.clone(),
            answer: own
                .as_ref()
                .and_then(|s| s.answers.iter().find(|(asked, _)| asked == q))
                .map(|(_, a)| a.clone())
                .unwrap_or_default(),
            error: None,
        })
        .collect();
    stocktake_page(&state, &me, cohort, questions, FieldErrors::new()).await
}

async fn stocktake_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<CohortId>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let (cohort, curriculum) = for_trainee(&state, &me, id).await?;
    let tr = Tr::new(me.ctx.language);
    let mut errors = FieldErrors::new();
    let mut questions = Vec::new();
    let mut answers = Vec::new();
    for (i, question) in curriculum.stocktake.iter().enumerate() {
        let raw = fields
            .iter()
            .find(|(k, _)| *k == format!("answer-{i}"))
            .map(|(_, v)| v.clone())
            .unwrap_or_default();
        let error = match optional_text(&raw, MAX_ANSWER_CHARS) {
            Ok(answer) => {
                answers.push((question.clone(), answer.unwrap_or_default()));
                None
            }
            Err(error) => {
                errors.add(&tr, "answers", &error);
                Some(tr.t(error.message_id))
            }
        };
        questions.push(StocktakeQuestion {
            question: question.clone(),
            answer: raw,
            error,
        });
    }
    if !errors.is_empty() {
        return stocktake_page(&state, &me, cohort, questions, errors).await;
    }
    state
        .store
        .training()
        .save_stocktake(id, me.user.person.id, &answers)
        .await?;
    Ok(see_other(&format!(
        "/cohorts/{id}/training?done=flash-stocktake-saved"
    )))
}

struct VersionRow {
    when: String,
    text: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "training/story.html")]
struct StoryView {
    layout: Layout,
    cohort: Cohort,
    text: String,
    error: Option<String>,
    earlier: Vec<VersionRow>,
    shared: bool,
    saved_at: Option<String>,
}

async fn story_page(
    state: &AppState,
    me: &SignedIn,
    cohort: Cohort,
    typed: Option<String>,
    error: Option<String>,
    done: Option<&str>,
) -> AppResult<Response> {
    let tr = Tr::new(me.ctx.language);
    let user = me.user.person.id;
    let versions = state.store.training().own_story(cohort.id, user).await?;
    let zone = me.time_zone(state).await?;
    let status = form_status(error.is_some());
    let view = StoryView {
        layout: training_layout(state, me, cohort.id, tr.t("story-title"))
            .await
            .with_flash(done),
        text: typed.unwrap_or_else(|| versions.first().map(|v| v.text.clone()).unwrap_or_default()),
        saved_at: versions.first().map(|v| format_time(v.updated_at, &zone)),
        earlier: versions
            .iter()
            .skip(1)
            .map(|v| VersionRow {
                when: format_time(v.updated_at, &zone),
                text: v.text.clone(),
            })
            .collect(),
        shared: state.store.training().story_shared(cohort.id, user).await?,
        error,
        cohort,
    };
    Ok((status, no_store(view)).into_response())
}

async fn story_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<CohortId>,
    Query(query): Query<DoneQuery>,
) -> AppResult<Response> {
    let (cohort, _) = for_trainee(&state, &me, id).await?;
    story_page(&state, &me, cohort, None, None, query.done.as_deref()).await
}

#[derive(Deserialize)]
struct StoryForm {
    text: String,
    /// Sent by the editor's script as the writer types: answered with 204.
    #[serde(default)]
    autosave: Option<String>,
}

async fn story_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<CohortId>,
    Form(form): Form<StoryForm>,
) -> AppResult<Response> {
    let (cohort, _) = for_trainee(&state, &me, id).await?;
    let autosave = form.autosave.is_some();
    let tr = Tr::new(me.ctx.language);
    let text = match story_text(&form.text) {
        Ok(text) => text,
        Err(error) if autosave => {
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, tr.t(error.message_id)).into_response());
        }
        Err(error) => {
            return story_page(
                &state,
                &me,
                cohort,
                Some(form.text),
                Some(tr.t(error.message_id)),
                None,
            )
            .await;
        }
    };
    state
        .store
        .training()
        .save_story(id, me.user.person.id, &text)
        .await?;
    if autosave {
        return Ok(no_store(StatusCode::NO_CONTENT));
    }
    Ok(see_other(&format!(
        "/cohorts/{id}/training/story?done=flash-story-saved"
    )))
}

#[derive(Deserialize)]
struct ShareForm {
    what: String,
    shared: String,
}

async fn share_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<CohortId>,
    Form(form): Form<ShareForm>,
) -> AppResult<Response> {
    for_trainee(&state, &me, id).await?;
    let shared = form.shared == "yes";
    let user = me.user.person.id;
    let training = state.store.training();
    let back = match form.what.as_str() {
        "stocktake" => {
            training.share_stocktake(id, user, shared).await?;
            "training"
        }
        "story" => {
            training.share_story(id, user, shared).await?;
            "training/story"
        }
        _ => return Err(AppError::NotFound),
    };
    let flash = if shared {
        "flash-shared"
    } else {
        "flash-unshared"
    };
    Ok(see_other(&format!("/cohorts/{id}/{back}?done={flash}")))
}

// --- one trainee, for the facilitator ---

#[derive(Template, WebTemplate)]
#[template(path = "training/trainee.html")]
struct TraineeView {
    layout: Layout,
    cohort: Cohort,
    trainee: CohortMember,
    status: ReadinessStatus,
    /// Shown only when the trainee shared them and the reader is their facilitator.
    stocktake: Option<Vec<(String, String)>>,
    story: Option<String>,
    conversations: Vec<(Conversation, String)>,
    outcomes: Vec<(&'static str, String)>,
    form: ConversationForm,
    errors: FieldErrors,
    /// The roles this training leads to, and how far the trainee is with each.
    offers: Vec<super::role_training::RoleOffer>,
    role_error: Option<String>,
    /// The usual service term from today, offered with the role.
    term_starts: String,
    term_ends: String,
}

#[derive(Deserialize, Default)]
struct ConversationForm {
    held_on: String,
    outcome: String,
    note: String,
}

#[allow(clippy::too_many_arguments)] // one page, shown after three different forms
async fn trainee_page(
    state: &AppState,
    me: &SignedIn,
    cohort: Cohort,
    user: UserId,
    form: ConversationForm,
    errors: FieldErrors,
    role_error: Option<String>,
    done: Option<&str>,
) -> AppResult<Response> {
    let tr = Tr::new(me.ctx.language);
    let trainee = trainees(state, cohort.id)
        .await?
        .into_iter()
        .find(|m| m.user_id == user)
        .ok_or(AppError::NotFound)?;
    let training = state.store.training();
    let status = training.readiness(cohort.id, user).await?;
    let (stocktake, story) = if me.may(Action::ReadSharedReadiness, cohort.scope()) {
        (
            training.shared_stocktake(cohort.id, user).await?,
            training.shared_story(cohort.id, user).await?,
        )
    } else {
        (None, None)
    };
    // Reading someone's shared private writing is recorded, so they can see who did.
    if stocktake.is_some() || story.is_some() {
        state
            .store
            .audit()
            .record(
                Some(me.user.person.id),
                "read",
                "readiness-writing",
                Some(cohort.id.0),
                Some(user),
            )
            .await?;
    }
    let code = if errors.is_empty() && role_error.is_none() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let curriculum = cohort_curriculum(state, cohort.id).await?;
    let offers =
        super::role_training::role_offers(state, me, &cohort, curriculum.as_ref(), user).await?;
    let term = hearth_domain::role_training::Term::default_from(
        super::role_training::today(state, me).await?,
    );
    let view = TraineeView {
        offers,
        role_error,
        term_starts: term.starts_on.to_string(),
        term_ends: term.ends_on.to_string(),
        layout: training_layout(state, me, cohort.id, trainee.display_name.clone())
            .await
            .with_flash(done),
        status,
        stocktake: stocktake.map(|s| s.answers),
        story: story.map(|s| s.text),
        conversations: training
            .conversations(cohort.id, user)
            .await?
            .into_iter()
            .map(|c| {
                let label = outcome_label(&tr, c.outcome);
                (c, label)
            })
            .collect(),
        outcomes: ReadinessOutcome::ALL
            .iter()
            .map(|o| (o.as_str(), outcome_label(&tr, *o)))
            .collect(),
        form,
        errors,
        cohort,
        trainee,
    };
    Ok((code, no_store(view)).into_response())
}

async fn trainee_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, user)): Path<(CohortId, UserId)>,
    Query(query): Query<DoneQuery>,
) -> AppResult<Response> {
    let cohort = state.store.org().cohort(id).await?;
    me.require(Action::RunTraining, cohort.scope())?;
    let today = jiff::Timestamp::now()
        .to_zoned_datetime(
            jiff::tz::TimeZone::get(&me.time_zone(&state).await?)
                .unwrap_or(jiff::tz::TimeZone::UTC),
        )
        .date()
        .to_string();
    let form = ConversationForm {
        held_on: today,
        ..ConversationForm::default()
    };
    trainee_page(
        &state,
        &me,
        cohort,
        user,
        form,
        FieldErrors::new(),
        None,
        query.done.as_deref(),
    )
    .await
}

async fn conversation_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, user)): Path<(CohortId, UserId)>,
    Form(form): Form<ConversationForm>,
) -> AppResult<Response> {
    let cohort = state.store.org().cohort(id).await?;
    me.require(Action::RunTraining, cohort.scope())?;
    if !trainees(&state, id)
        .await?
        .iter()
        .any(|m| m.user_id == user)
    {
        return Err(AppError::NotFound);
    }
    let tr = Tr::new(me.ctx.language);
    let mut errors = FieldErrors::new();
    let held_on = errors.check(&tr, "held_on", date(&form.held_on));
    let outcome = errors.check(&tr, "outcome", ReadinessOutcome::parse(&form.outcome));
    let note = errors.check(&tr, "note", optional_text(&form.note, MAX_ANSWER_CHARS));
    let (Some(held_on), Some(outcome), Some(note)) = (held_on, outcome, note) else {
        return trainee_page(&state, &me, cohort, user, form, errors, None, None).await;
    };
    state
        .store
        .training()
        .record_conversation(
            id,
            user,
            &held_on.to_string(),
            outcome,
            note.as_deref(),
            me.user.person.id,
        )
        .await?;
    Ok(see_other(&format!(
        "/cohorts/{id}/training?done=flash-conversation-recorded"
    )))
}

// --- CHIME self-reflection ---

struct ChimeRow {
    when: String,
    scores: [u8; 5],
    note: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "training/chime.html")]
struct ChimeView {
    layout: Layout,
    cohort: Cohort,
    /// (field name, label, legend swatch SVG, value typed)
    themes: Vec<(&'static str, String, String, String)>,
    note: String,
    errors: FieldErrors,
    chart: Option<String>,
    rows: Vec<ChimeRow>,
}

#[derive(Deserialize, Default)]
struct ChimeForm {
    #[serde(default)]
    connectedness: String,
    #[serde(default)]
    hope: String,
    #[serde(default)]
    identity: String,
    #[serde(default)]
    meaning: String,
    #[serde(default)]
    empowerment: String,
    #[serde(default)]
    note: String,
}

impl ChimeForm {
    fn values(&self) -> [&str; 5] {
        [
            &self.connectedness,
            &self.hope,
            &self.identity,
            &self.meaning,
            &self.empowerment,
        ]
    }
}

async fn chime_page(
    state: &AppState,
    me: &SignedIn,
    cohort: Cohort,
    form: ChimeForm,
    errors: FieldErrors,
    done: Option<&str>,
) -> AppResult<Response> {
    let tr = Tr::new(me.ctx.language);
    let entries = state
        .store
        .training()
        .own_chime(cohort.id, me.user.person.id)
        .await?;
    let zone = me.time_zone(state).await?;
    let scores: Vec<ChimeScores> = entries.iter().map(|e| e.scores).collect();
    let status = form_status(!errors.is_empty());
    let values = form.values();
    let view = ChimeView {
        layout: training_layout(state, me, cohort.id, tr.t("chime-title"))
            .await
            .with_flash(done),
        themes: ChimeTheme::ALL
            .iter()
            .enumerate()
            .map(|(i, theme)| {
                (
                    theme.as_str(),
                    theme_label(&tr, *theme),
                    chart::legend_swatch(i),
                    values[i].to_owned(),
                )
            })
            .collect(),
        note: form.note.clone(),
        errors,
        chart: (!scores.is_empty()).then(|| chart::chime_svg(&scores, "chime-chart-caption")),
        rows: entries
            .into_iter()
            .map(|e| ChimeRow {
                when: format_time(e.created_at, &zone),
                scores: e.scores.0,
                note: e.note,
            })
            .collect(),
        cohort,
    };
    Ok((status, no_store(view)).into_response())
}

async fn chime_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<CohortId>,
    Query(query): Query<DoneQuery>,
) -> AppResult<Response> {
    let (cohort, _) = for_trainee(&state, &me, id).await?;
    chime_page(
        &state,
        &me,
        cohort,
        ChimeForm::default(),
        FieldErrors::new(),
        query.done.as_deref(),
    )
    .await
}

async fn chime_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<CohortId>,
    Form(form): Form<ChimeForm>,
) -> AppResult<Response> {
    let (cohort, _) = for_trainee(&state, &me, id).await?;
    let tr = Tr::new(me.ctx.language);
    let mut errors = FieldErrors::new();
    let scores = match ChimeScores::parse(form.values()) {
        Ok(scores) => Some(scores),
        Err(problems) => {
            for (theme, error) in problems {
                errors.add(&tr, theme.as_str(), &error);
            }
            None
        }
    };
    let note = errors.check(&tr, "note", optional_text(&form.note, MAX_ANSWER_CHARS));
    let (Some(scores), Some(note)) = (scores, note) else {
        return chime_page(&state, &me, cohort, form, errors, None).await;
    };
    state
        .store
        .training()
        .record_chime(id, me.user.person.id, scores, note.as_deref())
        .await?;
    Ok(see_other(&format!(
        "/cohorts/{id}/training/chime?done=flash-chime-saved"
    )))
}

// --- a session's material, downloaded ---

/// A material file: for those who keep curricula, and for trainees of a
/// cohort that follows the curriculum and may open the session's module.
/// Always a download, so an uploaded page can never run as this site.
async fn material_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let place = state.store.training().material_place(id).await?;
    let Some(file_id) = place.material.file_id else {
        return Err(AppError::NotFound);
    };
    let mut allowed = me.may(
        Action::ManageCurricula,
        hearth_domain::roles::Scope::Organisation,
    );
    if !allowed {
        for cohort in state
            .store
            .training()
            .cohorts_following(place.curriculum_id)
            .await?
        {
            let cohort = state.store.org().cohort(cohort).await?;
            if me.may(Action::FollowTraining, cohort.scope())
                && (place.module_kind == ModuleKind::Readiness
                    || is_enrolled(&state, cohort.id, me.user.person.id).await?)
            {
                allowed = true;
                break;
            }
        }
    }
    if !allowed {
        return Err(AppError::Forbidden);
    }
    let file = state.store.files().get(file_id).await?;
    let mut response = no_store(file.bytes);
    let headers = response.headers_mut();
    if let Ok(kind) = axum::http::HeaderValue::from_str(&file.content_type) {
        headers.insert(axum::http::header::CONTENT_TYPE, kind);
    }
    let safe_name: String = file
        .name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ' '))
        .collect();
    if let Ok(disposition) =
        axum::http::HeaderValue::from_str(&format!("attachment; filename=\"{safe_name}\""))
    {
        headers.insert(axum::http::header::CONTENT_DISPOSITION, disposition);
    }
    Ok(response)
}

// --- delivering sessions: scheduling and attendance ---

/// The date, time and place typed for a session, each checked.
fn when_and_where(
    tr: &Tr,
    errors: &mut FieldErrors,
    day: &str,
    time: &str,
    place: &str,
) -> (
    Option<jiff::civil::Date>,
    Option<jiff::civil::Time>,
    Option<Option<String>>,
) {
    let day = errors.check(tr, "date", date(day));
    let time = time.trim().parse::<jiff::civil::Time>().ok();
    if time.is_none() {
        errors.add_message(tr, "time", "error-time-invalid");
    }
    let place = errors.check(tr, "place", optional_text(place, 200));
    (day, time, place)
}

/// A day and a time in the reader's zone, as stored.
fn starts_at(
    day: Option<jiff::civil::Date>,
    time: Option<jiff::civil::Time>,
    zone: &str,
) -> Option<i64> {
    let (day, time) = (day?, time?);
    day.to_datetime(time)
        .in_tz(zone)
        .map(|zoned| zoned.timestamp().as_millisecond())
        .ok()
}

async fn schedule_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<CohortId>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let cohort = state.store.org().cohort(id).await?;
    me.require(Action::RunTraining, cohort.scope())?;
    let form = ScheduleForm::from_fields(&fields);
    let staff = cohort_facilitators(&state, id).await?;
    let chosen: Vec<UserId> = staff
        .iter()
        .filter(|m| form.facilitators.contains(&m.user_id.to_string()))
        .map(|m| m.user_id)
        .collect();
    let tr = Tr::new(me.ctx.language);
    let curriculum = cohort_curriculum(&state, id).await?;
    let mut errors = FieldErrors::new();
    let session = form
        .session
        .parse::<Uuid>()
        .ok()
        .and_then(|s| curriculum.as_ref()?.session(s))
        .map(|(_, s)| (s.id, s.text.title.clone()));
    if session.is_none() {
        errors.add_message(&tr, "session", "error-choose-one");
    }
    let (day, time, place) = when_and_where(&tr, &mut errors, &form.date, &form.time, &form.place);
    // Online, the session runs as a live event from its run sheet.
    let mut live_sheet = None;
    if form.mode == "online" {
        let key = match (&session, &curriculum) {
            (Some((id, _)), Some(c)) => state
                .store
                .training()
                .session_run_sheets(c.id)
                .await?
                .into_iter()
                .find(|(s, _)| s == id)
                .map(|(_, key)| key),
            _ => None,
        };
        if let Some(key) = key {
            live_sheet = super::run_sheets::chosen(&state, &key).await?;
        }
        if live_sheet.is_none() && session.is_some() {
            errors.add_message(&tr, "mode", "live-session-needs-sheet");
        }
    }
    let zone = me.time_zone(&state).await?;
    let starts_at = starts_at(day, time, &zone);
    let (Some((session, title)), Some(starts_at), Some(place), true) =
        (session, starts_at, place, errors.is_empty())
    else {
        return overview_page(&state, &me, cohort, errors, form, None).await;
    };
    let event = match live_sheet {
        Some(run_sheet) => Some(
            state
                .store
                .events()
                .create(&hearth_store::NewEvent {
                    audience: hearth_store::Audience::Cohort(cohort.id),
                    title: title.clone(),
                    starts_at,
                    time_zone: zone.clone(),
                    run_sheet,
                    created_by: me.user.person.id,
                })
                .await?,
        ),
        None => None,
    };
    let activity = state
        .store
        .activities()
        .record(&hearth_store::NewActivity {
            kind: "training-session",
            title: &title,
            site_id: Some(cohort.site_id),
            cohort_id: Some(cohort.id),
            phase_id: cohort.phase_id,
            occurred_at: starts_at,
        })
        .await?;
    let delivery = state
        .store
        .training()
        .schedule(
            id,
            session,
            activity,
            starts_at,
            place.as_deref(),
            me.user.person.id,
        )
        .await?;
    state
        .store
        .training()
        .set_delivery_facilitators(delivery, &chosen)
        .await?;
    if let Some(event) = event {
        state
            .store
            .training()
            .link_delivery_event(delivery, event)
            .await?;
    }
    Ok(see_other(&format!(
        "/cohorts/{id}/training?done=flash-session-scheduled"
    )))
}

struct AttendanceRow {
    user_id: UserId,
    name: String,
    status: String,
    reason: String,
    error: Option<String>,
    /// Online: they came into the live room.
    in_live_room: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "training/attendance.html")]
struct AttendanceView {
    layout: Layout,
    cohort: Cohort,
    delivery: Uuid,
    title: String,
    when: String,
    rows: Vec<AttendanceRow>,
    statuses: Vec<(&'static str, String)>,
    errors: FieldErrors,
    /// Online: the live event, where the session is run.
    event: Option<hearth_domain::EventId>,
    /// Some choices were filled in from who came into the live room and
    /// wait for the facilitator to save them.
    prefilled: bool,
    /// Changing the session: its time and place (in a room), who co-facilitates.
    change: ScheduleForm,
    change_errors: FieldErrors,
    /// The cohort's facilitators: (id, name, brings lived experience).
    staff: Vec<(String, String, bool)>,
    /// In a room and nobody marked yet: it can be removed.
    removable: bool,
}

/// Who attends: the trainees a "ready" conversation enrolled (and, for a
/// readiness-module session, every trainee).
async fn attendees(
    state: &AppState,
    cohort: CohortId,
    readiness: bool,
) -> AppResult<Vec<CohortMember>> {
    let mut out = Vec::new();
    for member in trainees(state, cohort).await? {
        if readiness || is_enrolled(state, cohort, member.user_id).await? {
            out.push(member);
        }
    }
    Ok(out)
}

const STATUSES: [&str; 3] = ["present", "late", "absent"];

fn attendance_status(raw: &str) -> Option<hearth_store::AttendanceStatus> {
    use hearth_store::AttendanceStatus::*;
    match raw {
        "present" => Some(Present),
        "late" => Some(Late),
        "absent" => Some(Absent),
        _ => None,
    }
}

/// An online delivery's live event, and who came into its room.
async fn live_room(
    state: &AppState,
    cohort: CohortId,
    delivery: Uuid,
) -> AppResult<(Option<hearth_domain::EventId>, Vec<UserId>)> {
    let event = state
        .store
        .training()
        .delivery_events(cohort)
        .await?
        .into_iter()
        .find(|(id, _)| *id == delivery)
        .map(|(_, e)| e);
    let arrived = match event {
        Some(event) => state.store.training().live_room_arrivals(event).await?,
        None => Vec::new(),
    };
    Ok((event, arrived))
}

#[allow(clippy::too_many_arguments)] // one page, shown after three different forms
async fn attendance_page(
    state: &AppState,
    me: &SignedIn,
    cohort: Cohort,
    delivery: Uuid,
    typed: Option<Vec<AttendanceRow>>,
    errors: FieldErrors,
    change: Option<(ScheduleForm, FieldErrors)>,
) -> AppResult<Response> {
    let tr = Tr::new(me.ctx.language);
    let found = state.store.training().delivery(cohort.id, delivery).await?;
    let curriculum = cohort_curriculum(state, cohort.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (module, session) = curriculum
        .session(found.session_id)
        .ok_or(AppError::NotFound)?;
    // Online, the live room knows who came: those not marked yet are
    // prefilled as present, and count only once the facilitator saves.
    let (event, arrived) = live_room(state, cohort.id, delivery).await?;
    let mut prefilled = false;
    let rows = match typed {
        Some(rows) => rows,
        None => {
            let marks = state.store.training().attendance(found.activity_id).await?;
            attendees(state, cohort.id, module.kind == ModuleKind::Readiness)
                .await?
                .into_iter()
                .map(|m| {
                    let mark = marks.iter().find(|a| a.user_id == m.user_id);
                    let in_live_room = arrived.contains(&m.user_id);
                    let status = match mark {
                        Some(a) => a.status.clone(),
                        None if in_live_room => {
                            prefilled = true;
                            "present".to_owned()
                        }
                        None => String::new(),
                    };
                    AttendanceRow {
                        user_id: m.user_id,
                        name: m.display_name,
                        status,
                        reason: mark.and_then(|a| a.reason.clone()).unwrap_or_default(),
                        error: None,
                        in_live_room,
                    }
                })
                .collect()
        }
    };
    let zone = me.time_zone(state).await?;
    let code = if errors.is_empty() && change.as_ref().is_none_or(|(_, e)| e.is_empty()) {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let lived = state.store.training().with_lived_experience().await?;
    let assigned: Vec<UserId> = state
        .store
        .training()
        .delivery_facilitators(cohort.id)
        .await?
        .into_iter()
        .filter(|(d, _)| *d == delivery)
        .map(|(_, u)| u)
        .collect();
    let staff: Vec<(String, String, bool)> = cohort_facilitators(state, cohort.id)
        .await?
        .into_iter()
        .map(|m| {
            let brings = lived.contains(&m.user_id);
            (m.user_id.to_string(), m.display_name, brings)
        })
        .collect();
    let marked = !state
        .store
        .training()
        .attendance(found.activity_id)
        .await?
        .is_empty();
    let (change, change_errors) = change.unwrap_or_else(|| {
        let local = format_time(found.starts_at, &zone);
        let (day, time) = local.split_once(' ').unwrap_or((local.as_str(), ""));
        (
            ScheduleForm {
                facilitators: assigned.iter().map(ToString::to_string).collect(),
                session: found.session_id.to_string(),
                date: day.to_owned(),
                time: time.to_owned(),
                place: found.place.clone().unwrap_or_default(),
                mode: if event.is_some() { "online" } else { "room" }.to_owned(),
            },
            FieldErrors::new(),
        )
    });
    let view = AttendanceView {
        change,
        change_errors,
        staff,
        removable: event.is_none() && !marked,
        event,
        prefilled,
        layout: training_layout(state, me, cohort.id, tr.t("attendance-title")).await,
        delivery,
        title: session.text.title.clone(),
        when: format_time(found.starts_at, &zone),
        rows,
        statuses: STATUSES
            .iter()
            .map(|s| (*s, tr.t(&format!("attendance-{s}"))))
            .collect(),
        errors,
        cohort,
    };
    Ok((code, no_store(view)).into_response())
}

async fn attendance_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, delivery)): Path<(CohortId, Uuid)>,
) -> AppResult<Response> {
    let cohort = state.store.org().cohort(id).await?;
    me.require(Action::RunTraining, cohort.scope())?;
    attendance_page(
        &state,
        &me,
        cohort,
        delivery,
        None,
        FieldErrors::new(),
        None,
    )
    .await
}

async fn attendance_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, delivery)): Path<(CohortId, Uuid)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let cohort = state.store.org().cohort(id).await?;
    me.require(Action::RunTraining, cohort.scope())?;
    let found = state.store.training().delivery(id, delivery).await?;
    let curriculum = cohort_curriculum(&state, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (module, _) = curriculum
        .session(found.session_id)
        .ok_or(AppError::NotFound)?;
    let tr = Tr::new(me.ctx.language);
    let field = |name: String| {
        fields
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.trim().to_owned())
            .unwrap_or_default()
    };
    let (_, arrived) = live_room(&state, id, delivery).await?;
    let mut errors = FieldErrors::new();
    let mut rows = Vec::new();
    let mut marks = Vec::new();
    for member in attendees(&state, id, module.kind == ModuleKind::Readiness).await? {
        let status = field(format!("status-{}", member.user_id));
        let reason = field(format!("reason-{}", member.user_id));
        let mut error = None;
        // Nobody need be marked at once: an empty choice is left for later.
        if !status.is_empty() {
            match (attendance_status(&status), optional_text(&reason, 300)) {
                (Some(parsed), Ok(reason_text)) => {
                    marks.push((member.user_id, parsed, reason_text));
                }
                (None, _) => {
                    errors.add_message(&tr, "attendance", "error-choose-one");
                    error = Some(tr.t("error-choose-one"));
                }
                (_, Err(e)) => {
                    errors.add(&tr, "attendance", &e);
                    error = Some(tr.t(e.message_id));
                }
            }
        }
        rows.push(AttendanceRow {
            in_live_room: arrived.contains(&member.user_id),
            user_id: member.user_id,
            name: member.display_name,
            status,
            reason,
            error,
        });
    }
    if !errors.is_empty() {
        return attendance_page(&state, &me, cohort, delivery, Some(rows), errors, None).await;
    }
    for (user, status, reason) in marks {
        // A session may be the last piece of a role's training.
        let before = state.store.training().completion(user).await?;
        state
            .store
            .activities()
            .mark(found.activity_id, user, status, reason.as_deref())
            .await?;
        super::role_training::tell_when_unlocked(&state, &cohort, user, &before).await?;
    }
    Ok(see_other(&format!(
        "/cohorts/{id}/training?done=flash-attendance-saved"
    )))
}

/// Changes a scheduled session: who co-facilitates and, in a room, when and
/// where. An online session keeps the time of its live event.
async fn delivery_change_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, delivery)): Path<(CohortId, Uuid)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let cohort = state.store.org().cohort(id).await?;
    me.require(Action::RunTraining, cohort.scope())?;
    let found = state.store.training().delivery(id, delivery).await?;
    let (event, _) = live_room(&state, id, delivery).await?;
    let form = ScheduleForm {
        session: found.session_id.to_string(),
        mode: if event.is_some() { "online" } else { "room" }.to_owned(),
        ..ScheduleForm::from_fields(&fields)
    };
    let chosen: Vec<UserId> = cohort_facilitators(&state, id)
        .await?
        .into_iter()
        .filter(|m| form.facilitators.contains(&m.user_id.to_string()))
        .map(|m| m.user_id)
        .collect();
    let tr = Tr::new(me.ctx.language);
    let mut errors = FieldErrors::new();
    // An online session has no place of its own: its room is the live event.
    let place_typed = if event.is_some() { "" } else { &form.place };
    let (day, time, place) = when_and_where(&tr, &mut errors, &form.date, &form.time, place_typed);
    let zone = me.time_zone(&state).await?;
    let starts = starts_at(day, time, &zone);
    if let (Some(_), Some(starts)) = (event, starts)
        && starts != found.starts_at
        && starts < hearth_store::now_ms()
    {
        errors.add_message(&tr, "date", "event-change-error-past");
    }
    // The live event moves first: it refuses once its room has begun.
    let moved = match (starts, place.as_ref(), errors.is_empty(), event) {
        (Some(starts_at), Some(_), true, Some(event)) => {
            super::event_changes::move_with_delivery(&state, &me, event, starts_at).await?
        }
        _ => Ok(()),
    };
    if let Err(refusal) = moved {
        errors.add_message(&tr, "date", refusal);
    }
    let (Some(starts_at), Some(place), true) = (starts, place, errors.is_empty()) else {
        return attendance_page(
            &state,
            &me,
            cohort,
            delivery,
            None,
            FieldErrors::new(),
            Some((form, errors)),
        )
        .await;
    };
    state
        .store
        .training()
        .reschedule(id, delivery, starts_at, place.as_deref())
        .await?;
    state
        .store
        .training()
        .set_delivery_facilitators(delivery, &chosen)
        .await?;
    Ok(see_other(&format!(
        "/cohorts/{id}/training?done=flash-session-changed"
    )))
}

/// Removes a session scheduled by mistake: in a room, and only while nobody
/// is marked for it.
async fn delivery_remove_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, delivery)): Path<(CohortId, Uuid)>,
) -> AppResult<Response> {
    let cohort = state.store.org().cohort(id).await?;
    me.require(Action::RunTraining, cohort.scope())?;
    state.store.training().delivery(id, delivery).await?;
    let (event, _) = live_room(&state, id, delivery).await?;
    let refused = if event.is_some() {
        Some("delivery-remove-online")
    } else {
        match state.store.training().remove_delivery(id, delivery).await {
            Ok(()) => None,
            Err(hearth_store::StoreError::Conflict(_)) => Some("delivery-remove-marked"),
            Err(other) => return Err(other.into()),
        }
    };
    if let Some(message) = refused {
        let tr = Tr::new(me.ctx.language);
        let mut errors = FieldErrors::new();
        errors.add_message(&tr, "remove", message);
        return attendance_page(&state, &me, cohort, delivery, None, errors, None).await;
    }
    Ok(see_other(&format!(
        "/cohorts/{id}/training?done=flash-session-removed"
    )))
}

// --- progress, sign-off and certificates ---

/// One trainee's progress through one module.
struct ModuleProgress {
    module_id: Uuid,
    title: String,
    attended: usize,
    total: usize,
    meets: bool,
    signed: bool,
}

fn progress_for(
    curriculum: &Curriculum,
    user: UserId,
    attended: &[(UserId, Uuid)],
    signoffs: &[(UserId, Uuid)],
) -> Vec<ModuleProgress> {
    curriculum
        .modules
        .iter()
        .filter(|m| m.kind == ModuleKind::Module)
        .map(|m| {
            let count = m
                .sessions
                .iter()
                .filter(|s| attended.contains(&(user, s.id)))
                .count();
            ModuleProgress {
                module_id: m.id,
                title: m.title.clone(),
                attended: count,
                total: m.sessions.len(),
                meets: meets_attendance(count, m.sessions.len(), curriculum.attendance_percent),
                signed: signoffs.contains(&(user, m.id)),
            }
        })
        .collect()
}

struct GridRow {
    user_id: UserId,
    name: String,
    /// Per session, in column order: attended or not.
    cells: Vec<bool>,
    modules: Vec<ModuleProgress>,
}

#[derive(Template, WebTemplate)]
#[template(path = "training/progress.html")]
struct ProgressView {
    layout: Layout,
    cohort: Cohort,
    percent: u8,
    /// (module title, session titles)
    columns: Vec<(String, Vec<String>)>,
    rows: Vec<GridRow>,
    error: Option<String>,
}

async fn progress_page(
    state: &AppState,
    me: &SignedIn,
    cohort: Cohort,
    error: Option<String>,
    done: Option<&str>,
) -> AppResult<Response> {
    let tr = Tr::new(me.ctx.language);
    let curriculum = cohort_curriculum(state, cohort.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let attended = state.store.training().attended(cohort.id).await?;
    let signoffs = state.store.training().signoffs(cohort.id).await?;
    let modules: Vec<_> = curriculum
        .modules
        .iter()
        .filter(|m| m.kind == ModuleKind::Module)
        .collect();
    let rows = trainees(state, cohort.id)
        .await?
        .into_iter()
        .map(|m| GridRow {
            cells: modules
                .iter()
                .flat_map(|module| module.sessions.iter())
                .map(|s| attended.contains(&(m.user_id, s.id)))
                .collect(),
            modules: progress_for(&curriculum, m.user_id, &attended, &signoffs),
            user_id: m.user_id,
            name: m.display_name,
        })
        .collect();
    let status = form_status(error.is_some());
    let view = ProgressView {
        layout: training_layout(state, me, cohort.id, tr.t("progress-title"))
            .await
            .with_flash(done),
        percent: curriculum.attendance_percent,
        columns: modules
            .iter()
            .map(|m| {
                (
                    m.title.clone(),
                    m.sessions.iter().map(|s| s.text.title.clone()).collect(),
                )
            })
            .collect(),
        rows,
        error,
        cohort,
    };
    Ok((status, no_store(view)).into_response())
}

async fn progress_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<CohortId>,
    Query(query): Query<DoneQuery>,
) -> AppResult<Response> {
    let cohort = state.store.org().cohort(id).await?;
    me.require(Action::RunTraining, cohort.scope())?;
    progress_page(&state, &me, cohort, None, query.done.as_deref()).await
}

#[derive(Deserialize)]
struct SignOffForm {
    trainee: String,
    module: String,
}

async fn sign_off_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<CohortId>,
    Form(form): Form<SignOffForm>,
) -> AppResult<Response> {
    let cohort = state.store.org().cohort(id).await?;
    me.require(Action::RunTraining, cohort.scope())?;
    let tr = Tr::new(me.ctx.language);
    let curriculum = cohort_curriculum(&state, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let trainee = form
        .trainee
        .parse::<UserId>()
        .map_err(|_| AppError::NotFound)?;
    if !trainees(&state, id)
        .await?
        .iter()
        .any(|m| m.user_id == trainee)
    {
        return Err(AppError::NotFound);
    }
    let attended = state.store.training().attended(id).await?;
    let signoffs = state.store.training().signoffs(id).await?;
    let module = form
        .module
        .parse::<Uuid>()
        .map_err(|_| AppError::NotFound)?;
    let Some(progress) = progress_for(&curriculum, trainee, &attended, &signoffs)
        .into_iter()
        .find(|p| p.module_id == module)
    else {
        return Err(AppError::NotFound);
    };
    if !progress.meets {
        return progress_page(
            &state,
            &me,
            cohort,
            Some(tr.t("progress-error-threshold")),
            None,
        )
        .await;
    }
    let before = state.store.training().completion(trainee).await?;
    state
        .store
        .training()
        .sign_off(id, trainee, module, me.user.person.id)
        .await?;
    super::role_training::tell_when_unlocked(&state, &cohort, trainee, &before).await?;
    Ok(see_other(&format!(
        "/cohorts/{id}/training/progress?done=flash-signed-off"
    )))
}

#[derive(Template, WebTemplate)]
#[template(path = "training/certificate.html")]
struct CertificateView {
    layout: Layout,
    cohort: Cohort,
    name: String,
    module_title: String,
    curriculum_name: String,
    organisation: String,
}

/// A trainee's printable certificate for a module they completed.
async fn certificate_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, module)): Path<(CohortId, Uuid)>,
) -> AppResult<Response> {
    let (cohort, curriculum) = for_trainee(&state, &me, id).await?;
    let user = me.user.person.id;
    let signoffs = state.store.training().signoffs(id).await?;
    if !signoffs.contains(&(user, module)) {
        return Err(AppError::NotFound);
    }
    let module_title = curriculum
        .module(module)
        .map(|m| m.title.clone())
        .ok_or(AppError::NotFound)?;
    let tr = Tr::new(me.ctx.language);
    let view = CertificateView {
        layout: Layout::new(
            &state,
            &me.ctx,
            &format!("/cohorts/{id}/training"),
            tr.t("certificate-title"),
        )
        .await,
        name: me.user.person.display_name.clone(),
        module_title,
        curriculum_name: curriculum.name.clone(),
        organisation: state
            .store
            .org()
            .organisation()
            .await?
            .map(|o| o.name)
            .unwrap_or_default(),
        cohort,
    };
    Ok(no_store(view))
}

/// The cohort's facilitators: those who may co-facilitate its sessions.
async fn cohort_facilitators(state: &AppState, cohort: CohortId) -> AppResult<Vec<CohortMember>> {
    Ok(state
        .store
        .org()
        .cohort_members(cohort)
        .await?
        .into_iter()
        .filter(|m| m.role == Role::Facilitator)
        .collect())
}

#[derive(Deserialize)]
struct LivedExperienceForm {
    brings: String,
}

/// A facilitator says (or stops saying) that they bring lived experience.
async fn lived_experience_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<CohortId>,
    Form(form): Form<LivedExperienceForm>,
) -> AppResult<Response> {
    let cohort = state.store.org().cohort(id).await?;
    me.require(Action::RunTraining, cohort.scope())?;
    state
        .store
        .training()
        .set_lived_experience(me.user.person.id, form.brings == "yes")
        .await?;
    Ok(see_other(&format!(
        "/cohorts/{id}/training?done=flash-saved"
    )))
}

#[derive(Deserialize)]
struct FeedbackForm {
    #[serde(default)]
    rating: String,
}

/// A trainee rates a session they attended; the facilitator sees only counts.
async fn feedback_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, delivery)): Path<(CohortId, Uuid)>,
    Form(form): Form<FeedbackForm>,
) -> AppResult<Response> {
    let (cohort, curriculum) = for_trainee(&state, &me, id).await?;
    let found = state.store.training().delivery(id, delivery).await?;
    let user = me.user.person.id;
    let attended = state
        .store
        .training()
        .attendance(found.activity_id)
        .await?
        .iter()
        .any(|a| a.user_id == user && a.status != "absent");
    if !attended {
        return Err(AppError::Forbidden);
    }
    let tr = Tr::new(me.ctx.language);
    let Ok(rating) = rating(&form.rating) else {
        return trainee_home(
            &state,
            &me,
            cohort,
            curriculum,
            None,
            Some(tr.t("error-chime-scale")),
        )
        .await;
    };
    state
        .store
        .training()
        .give_feedback(delivery, user, rating)
        .await?;
    Ok(see_other(&format!(
        "/cohorts/{id}/training?done=flash-session-feedback-thanks"
    )))
}

// --- giving a role the training unlocked, in one step ---

#[derive(Deserialize)]
struct GiveRoleForm {
    role: String,
    #[serde(default)]
    starts_on: String,
    #[serde(default)]
    ends_on: String,
}

async fn give_role_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, user)): Path<(CohortId, UserId)>,
    Form(form): Form<GiveRoleForm>,
) -> AppResult<Response> {
    let cohort = state.store.org().cohort(id).await?;
    me.require(Action::RunTraining, cohort.scope())?;
    if !trainees(&state, id)
        .await?
        .iter()
        .any(|m| m.user_id == user)
    {
        return Err(AppError::NotFound);
    }
    let role = form
        .role
        .parse::<Role>()
        .ok()
        .filter(|r| hearth_domain::role_training::role_takes_training(*r))
        .ok_or(AppError::NotFound)?;
    // Peer workers serve at the cohort's site.
    let scope = hearth_domain::roles::Scope::Site(cohort.site_id);
    me.require(Action::GrantRole(role), scope)?;
    let tr = Tr::new(me.ctx.language);
    let required = state.store.training().requirements_for(role).await?;
    let missing = super::role_training::missing_training(&state, user, role).await?;
    let term = match matches!(role, Role::PeerWorker(_)) {
        false => Ok(None),
        true => hearth_domain::role_training::Term::parse(&form.starts_on, &form.ends_on)
            .map(Some)
            .map_err(|problems| {
                problems
                    .iter()
                    .map(|(_, e)| tr.t(e.message_id))
                    .collect::<Vec<_>>()
                    .join(" ")
            }),
    };
    let error = if let Err(message) = &term {
        Some(message.clone())
    } else if required.is_empty() || !missing.is_empty() {
        // Only a role this training unlocked is offered here; the people
        // pages handle every other case.
        Some(tr.t1(
            "role-training-incomplete",
            "role",
            super::home::role_label(&tr, role),
        ))
    } else {
        match state
            .store
            .people()
            .add_grant(user, hearth_domain::RoleGrant { role, scope })
            .await
        {
            Ok(grant) => {
                if let Ok(Some(term)) = term {
                    state.store.training().set_term(grant, term).await?;
                }
                None
            }
            Err(hearth_store::StoreError::Conflict(_)) => Some(tr.t("error-role-held")),
            Err(other) => return Err(other.into()),
        }
    };
    if let Some(error) = error {
        return trainee_page(
            &state,
            &me,
            cohort,
            user,
            ConversationForm::default(),
            FieldErrors::new(),
            Some(error),
            None,
        )
        .await;
    }
    super::people::tell_about_new_role(&state, user, role, scope).await?;
    Ok(see_other(&format!(
        "/cohorts/{id}/training/trainees/{user}?done=flash-role-added#roles"
    )))
}
