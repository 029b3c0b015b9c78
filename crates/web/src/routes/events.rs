//! Events: scheduling for a cohort, the event page with its ground rules,
//! the live room page, and private reflections.

use super::{form_status, no_store, see_other};
use crate::context::SignedIn;
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::{Layout, format_time};
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use hearth_domain::input::{Name, date};
use hearth_domain::live::{Command, Member, RunSheet, Speaker, StepKind, Viewer};
use hearth_domain::policy::{Action, Actor, policy};
use hearth_domain::roles::Scope;
use hearth_domain::{CohortId, EventId, UserId};
use hearth_store::{
    Arrangement, Audience, Cohort, Event, NewEvent, PeerGroup, Service, StoreError,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/cohorts/{id}/events",
            get(cohort_events_get).post(cohort_events_post),
        )
        .route("/cohorts/{id}/ground-rules", post(ground_rules_post))
        .route("/events/{id}", get(event_get))
        .route("/events/{id}/accept", post(accept_post))
        .route("/events/{id}/live", get(live_get))
        .route("/events/{id}/live/socket", get(crate::live::socket_get))
        .route("/events/{id}/reflection", post(reflection_post))
        .route(
            "/events/{id}/speakers",
            get(speakers_get).post(speakers_post),
        )
        .route("/events/{id}/feedback", post(feedback_post))
        .route("/events/{id}/calendar.ics", get(event_calendar_get))
        .route("/calendar/{token}", get(feed_get))
}

/// What someone may do in an event's room, and where they sit.
#[derive(Clone)]
pub struct RoomAccess {
    pub event: Event,
    pub scope: Scope,
    /// Who is asking, as the policy sees them in this event: a co-facilitator
    /// runs it as the audience's facilitators do.
    pub actor: Actor,
    pub facilitator: bool,
    pub group: Option<Uuid>,
    pub member: Member,
    /// The version to accept, and the stored text (`None`: Hearth's defaults).
    pub rules: (i32, Option<String>),
    pub rules_accepted: bool,
}

impl RoomAccess {
    pub fn viewer(&self) -> Viewer {
        Viewer {
            user: self.member.user,
            facilitator: self.facilitator,
            group: self.group,
        }
    }
}

/// Names of everyone in the event's audience, for showing groups and speakers.
async fn member_names(
    state: &AppState,
    event: &Event,
) -> Result<std::collections::HashMap<UserId, String>, StoreError> {
    Ok(match event.audience {
        Audience::Cohort(cohort) => state
            .store
            .org()
            .cohort_members(cohort)
            .await?
            .into_iter()
            .map(|m| (m.user_id, m.display_name))
            .collect(),
        Audience::SupportGroup(group) => state
            .store
            .support_groups()
            .members(group)
            .await?
            .into_iter()
            .map(|m| (m.user_id, m.name))
            .collect(),
    })
}

/// The groups an event uses. A cohort's: its peer groups, fixed when the
/// event starts, else the current ones. A support group meets as one group
/// (its members; its facilitators host), so its dialogue is the whole group.
pub(crate) async fn arrangement(
    state: &AppState,
    event: &Event,
) -> Result<Option<Arrangement>, StoreError> {
    match event.audience {
        Audience::Cohort(cohort) => {
            let history = state.store.peer_groups().history(cohort).await?;
            Ok(match event.arrangement_id {
                Some(id) => history.into_iter().find(|a| a.id == id),
                None => history.into_iter().next(),
            })
        }
        Audience::SupportGroup(group) => {
            let members = state
                .store
                .support_groups()
                .members(group)
                .await?
                .into_iter()
                .filter(|m| !m.role.facilitates())
                .map(|m| m.user_id)
                .collect();
            Ok(Some(Arrangement {
                id: group.0,
                saved_at: 0,
                saved_by_name: None,
                groups: vec![PeerGroup {
                    id: group.0,
                    position: 0,
                    name: event.audience_name.clone(),
                    members,
                }],
            }))
        }
    }
}

/// Fixes the event's groups to the cohort's current ones when it starts, so
/// later changes to the groups never rewrite what happened. (A support
/// group's membership is its own record.)
pub async fn fix_groups(state: &AppState, event: &Event) -> Result<(), StoreError> {
    if event.arrangement_id.is_none()
        && let Some(cohort) = event.cohort()
        && let Some(current) = state.store.peer_groups().current(cohort).await?
    {
        state
            .store
            .events()
            .fix_arrangement(event.id, current.id)
            .await?;
    }
    Ok(())
}

pub async fn room_access(state: &AppState, me: &SignedIn, id: EventId) -> AppResult<RoomAccess> {
    let event = state.store.events().get(id).await?;
    let scope = event.scope();
    let user = me.user.person.id;
    let (actor, group) = match event.audience {
        Audience::Cohort(cohort) => {
            let actor = if !me.may(Action::RunEvent, scope)
                && state.store.events().is_host(id, user).await?
            {
                hearth_domain::policy::hosting(&me.actor, scope)
            } else {
                me.actor.clone()
            };
            // One indexed query: every live connection asks this when it opens.
            let group = if policy(&actor, Action::RunEvent, scope) {
                None
            } else {
                state
                    .store
                    .peer_groups()
                    .group_of(cohort, event.arrangement_id, user)
                    .await?
            };
            (actor, group)
        }
        Audience::SupportGroup(support_group) => {
            let standing = state
                .store
                .support_groups()
                .standing(support_group, user)
                .await?;
            let actor = hearth_domain::policy::in_group_room(&me.actor, standing, scope);
            let seated = standing.is_some_and(|role| !role.facilitates())
                && !policy(&actor, Action::RunEvent, scope);
            (actor, seated.then_some(support_group.0))
        }
    };
    let facilitator = policy(&actor, Action::RunEvent, scope);
    if !facilitator && !policy(&actor, Action::JoinEvent, scope) {
        return Err(AppError::Forbidden);
    }
    // A training session's room is for the trainees enrolled in the modules
    // (a readiness conversation said "ready"), not every cohort member.
    if !facilitator
        && let Audience::Cohort(cohort) = event.audience
        && state.store.training().is_delivery_event(id).await?
        && !super::training::is_enrolled(state, cohort, user).await?
    {
        return Err(AppError::Forbidden);
    }
    // An event held for one peer group is that group's alone.
    if let Some((audience, _)) = &event.peer_group
        && !facilitator
        && group != Some(*audience)
    {
        return Err(AppError::Forbidden);
    }
    let rules = match state.store.events().ground_rules(event.audience).await? {
        Some((version, text)) => (version, Some(text)),
        None => (0, None),
    };
    let rules_accepted = facilitator
        || state
            .store
            .events()
            .has_accepted(event.audience, user, rules.0)
            .await?;
    let member = Member {
        user,
        name: me.user.person.display_name.clone(),
        facilitator,
        group,
    };
    Ok(RoomAccess {
        event,
        scope,
        actor,
        facilitator,
        group,
        member,
        rules,
        rules_accepted,
    })
}

/// The ground rules in the reader's language when the cohort kept Hearth's defaults.
fn rules_text(tr: &Tr, rules: &Option<String>) -> Vec<String> {
    match rules {
        Some(text) => text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect(),
        None => [
            "ground-rule-confidential",
            "ground-rule-one-voice",
            "ground-rule-choose",
            "ground-rule-kind",
        ]
        .iter()
        .map(|key| tr.t(key))
        .collect(),
    }
}

struct EventRow {
    event: Event,
    when: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "events/cohort_events.html")]
struct CohortEventsView {
    layout: Layout,
    cohort: Cohort,
    events: Vec<EventRow>,
    sheets: Vec<(String, String, usize)>,
    form: ScheduleForm,
    error: Option<String>,
    rules: Vec<String>,
    rules_custom: bool,
    choices: ScheduleChoices,
}

#[derive(Deserialize, Default)]
struct ScheduleForm {
    title: String,
    date: String,
    time: String,
    /// `builtin:N` or a saved run sheet's id.
    sheet: String,
    /// Empty for the whole cohort, or one of its peer groups' ids.
    #[serde(default)]
    audience: String,
    /// The co-facilitators' boxes, `host-<id>`.
    #[serde(flatten)]
    boxes: std::collections::HashMap<String, String>,
}

impl ScheduleForm {
    fn hosts(&self) -> Vec<String> {
        self.boxes
            .keys()
            .filter_map(|key| key.strip_prefix("host-"))
            .map(str::to_owned)
            .collect()
    }

    fn hosts_checked(&self, id: &UserId) -> bool {
        self.boxes.contains_key(&format!("host-{id}"))
    }
}

/// Who an event can be for and who may co-facilitate it, for the form.
struct ScheduleChoices {
    groups: Vec<(Uuid, String)>,
    candidates: Vec<(UserId, String)>,
}

async fn schedule_choices(
    state: &AppState,
    cohort: &Cohort,
    me: &SignedIn,
) -> Result<ScheduleChoices, StoreError> {
    let groups = state
        .store
        .peer_groups()
        .current(cohort.id)
        .await?
        .map(|a| a.groups.into_iter().map(|g| (g.id, g.name)).collect())
        .unwrap_or_default();
    let candidates = state
        .store
        .events()
        .host_candidates(cohort.id)
        .await?
        .into_iter()
        .filter(|(id, _)| *id != me.user.person.id)
        .collect();
    Ok(ScheduleChoices { groups, candidates })
}

#[derive(Deserialize)]
struct DoneQuery {
    done: Option<String>,
}

async fn events_page(
    state: &AppState,
    me: &SignedIn,
    cohort: Cohort,
    form: ScheduleForm,
    error: Option<String>,
    done: Option<&str>,
) -> AppResult<Response> {
    let tr = Tr::new(me.ctx.language);
    let zone = me.time_zone(state).await?;
    let events = state
        .store
        .events()
        .for_cohort(cohort.id)
        .await?
        .into_iter()
        .map(|event| EventRow {
            when: format_time(event.starts_at, &zone),
            event,
        })
        .collect();
    let rules = state
        .store
        .events()
        .ground_rules(Audience::Cohort(cohort.id))
        .await?;
    let status = form_status(error.is_some());
    let view = CohortEventsView {
        layout: Layout::new(
            state,
            &me.ctx,
            "/cohorts",
            tr.t1("events-title", "cohort", &cohort.name),
        )
        .await
        .with_flash(done),
        events,
        sheets: super::run_sheets::choices(state)
            .await?
            .into_iter()
            .map(|(key, s)| (key, s.name, s.steps.len()))
            .collect(),
        form,
        error,
        rules_custom: rules.is_some(),
        rules: rules_text(&tr, &rules.map(|(_, text)| text)),
        choices: schedule_choices(state, &cohort, me).await?,
        cohort,
    };
    Ok((status, no_store(view)).into_response())
}

async fn cohort_events_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<CohortId>,
    Query(query): Query<DoneQuery>,
) -> AppResult<Response> {
    let cohort = state.store.org().cohort(id).await?;
    me.require(Action::RunEvent, cohort.scope())?;
    let form = ScheduleForm {
        title: RunSheet::fishbowl().name,
        sheet: "builtin:0".into(),
        ..ScheduleForm::default()
    };
    events_page(&state, &me, cohort, form, None, query.done.as_deref()).await
}

async fn cohort_events_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<CohortId>,
    Form(form): Form<ScheduleForm>,
) -> AppResult<Response> {
    let cohort = state.store.org().cohort(id).await?;
    me.require(Action::RunEvent, cohort.scope())?;
    let tr = Tr::new(me.ctx.language);
    let zone = me.time_zone(&state).await?;
    let title = Name::parse(&form.title);
    let day = date(&form.date);
    let time = form
        .time
        .trim()
        .parse::<jiff::civil::Time>()
        .map_err(|_| ());
    let sheet = super::run_sheets::chosen(&state, &form.sheet).await?;
    let starts_at = match (&day, time) {
        (Ok(day), Ok(time)) => day
            .to_datetime(time)
            .in_tz(&zone)
            .map(|zoned| zoned.timestamp().as_millisecond())
            .ok(),
        _ => None,
    };
    // Only what the form offered may be chosen.
    let choices = schedule_choices(&state, &cohort, &me).await?;
    let audience = match form.audience.trim() {
        "" => Ok(None),
        chosen => choices
            .groups
            .iter()
            .find(|(id, _)| id.to_string() == chosen)
            .map(|(id, _)| Some(*id))
            .ok_or(()),
    };
    let hosts: Result<Vec<UserId>, ()> = form
        .hosts()
        .iter()
        .map(|chosen| {
            choices
                .candidates
                .iter()
                .find(|(id, _)| id.to_string() == *chosen)
                .map(|(id, _)| *id)
                .ok_or(())
        })
        .collect();
    let error = match (&title, starts_at, &sheet) {
        (Err(e), _, _) => Some(tr.t(e.message_id)),
        (_, None, _) => Some(tr.t("events-error-when")),
        (_, _, None) => Some(tr.t("error-choose-one")),
        _ if audience.is_err() => Some(tr.t("events-error-audience")),
        _ if hosts.is_err() => Some(tr.t("events-error-hosts")),
        _ => None,
    };
    if let (Ok(title), Some(starts_at), Some(run_sheet), None, Ok(audience), Ok(hosts)) =
        (title, starts_at, sheet, &error, audience, hosts)
    {
        let event = NewEvent {
            audience: Audience::Cohort(cohort.id),
            title: title.into_string(),
            starts_at,
            time_zone: zone,
            run_sheet,
            created_by: me.user.person.id,
        };
        let id = state.store.events().create(&event).await?;
        if let Some(group) = audience {
            state.store.events().hold_for_group(id, group).await?;
        }
        if !hosts.is_empty() {
            state.store.events().set_hosts(id, &hosts).await?;
        }
        return Ok(see_other(&format!(
            "/events/{id}?done=flash-event-scheduled"
        )));
    }
    events_page(&state, &me, cohort, form, error, None).await
}

#[derive(Deserialize)]
struct RulesForm {
    rules: String,
}

async fn ground_rules_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<CohortId>,
    Form(form): Form<RulesForm>,
) -> AppResult<Response> {
    let cohort = state.store.org().cohort(id).await?;
    me.require(Action::RunEvent, cohort.scope())?;
    let text = form.rules.trim();
    if text.is_empty() || text.chars().count() > 4000 {
        let tr = Tr::new(me.ctx.language);
        return events_page(
            &state,
            &me,
            cohort,
            ScheduleForm::default(),
            Some(tr.t("events-error-rules")),
            None,
        )
        .await;
    }
    state
        .store
        .events()
        .set_ground_rules(id, text, me.user.person.id)
        .await?;
    Ok(see_other(&format!(
        "/cohorts/{id}/events?done=flash-rules-saved"
    )))
}

#[derive(Template, WebTemplate)]
#[template(path = "events/event.html")]
struct EventView {
    layout: Layout,
    event: Event,
    when: String,
    steps: Vec<(String, String, u32)>,
    facilitator: bool,
    /// May move or cancel it (the audience's facilitators, not co-hosts),
    /// while nothing has happened in the room.
    may_change: bool,
    rules: Vec<String>,
    rules_accepted: bool,
    group_name: Option<String>,
    /// The co-facilitators, by name.
    hosts: Vec<String>,
    /// For the hosts: every answer without names, and the average rating.
    feedback: Vec<hearth_store::Feedback>,
    average: Option<String>,
}

fn step_kind_label(tr: &Tr, kind: StepKind) -> String {
    tr.t(&format!("step-kind-{}", kind.key()))
}

async fn event_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<EventId>,
    Query(query): Query<DoneQuery>,
) -> AppResult<Response> {
    let access = room_access(&state, &me, id).await?;
    let tr = Tr::new(me.ctx.language);
    let zone = me.time_zone(&state).await?;
    let group_name = match (access.group, arrangement(&state, &access.event).await?) {
        (Some(group), Some(arrangement)) => arrangement
            .groups
            .into_iter()
            .find(|g| g.id == group)
            .map(|g| g.name),
        _ => None,
    };
    let feedback = if access.facilitator {
        state.store.event_records().feedback(id).await?
    } else {
        Vec::new()
    };
    let average = (!feedback.is_empty()).then(|| {
        let total: i32 = feedback.iter().map(|f| f.rating).sum();
        format!("{:.1}", f64::from(total) / feedback.len() as f64)
    });
    let view = EventView {
        feedback,
        average,
        layout: Layout::new(&state, &me.ctx, "/cohorts", access.event.title.clone())
            .await
            .with_flash(query.done.as_deref()),
        when: format_time(access.event.starts_at, &zone),
        steps: access
            .event
            .run_sheet
            .steps
            .iter()
            .map(|s| (step_kind_label(&tr, s.kind), s.title.clone(), s.minutes))
            .collect(),
        facilitator: access.facilitator,
        may_change: !access.event.cancelled
            && access.event.cohort().is_some()
            && me.may(Action::RunEvent, access.event.scope())
            && !state.store.events().has_begun(id).await?,
        rules: rules_text(&tr, &access.rules.1),
        rules_accepted: access.rules_accepted,
        group_name,
        hosts: state
            .store
            .events()
            .hosts(id)
            .await?
            .into_iter()
            .map(|(_, name)| name)
            .collect(),
        event: access.event,
    };
    Ok(no_store(view))
}

async fn accept_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<EventId>,
) -> AppResult<Response> {
    let access = room_access(&state, &me, id).await?;
    state
        .store
        .events()
        .accept_ground_rules(access.event.audience, me.user.person.id, access.rules.0)
        .await?;
    Ok(see_other(&format!("/events/{id}/live")))
}

/// What the live page's script needs to know, as JSON in the page.
#[derive(Serialize)]
struct LiveConfig {
    event: String,
    facilitator: bool,
    csrf: String,
    steps: Vec<LiveStep>,
    groups: Vec<LiveGroup>,
    services: Vec<LiveService>,
    text: std::collections::BTreeMap<&'static str, String>,
    reflections: Vec<(usize, String)>,
    feedback_given: bool,
    /// The hosts' alone: the site's crisis path for a call marked urgent.
    escalation: Option<LiveEscalation>,
}

#[derive(Serialize)]
struct LiveEscalation {
    on_call: Option<String>,
    checklist: Vec<String>,
}

#[derive(Serialize)]
struct LiveStep {
    kind: &'static str,
    kind_label: String,
    title: String,
    instructions: String,
    minutes: u32,
    prompts: Vec<String>,
    speakers: u8,
    video_url: Option<String>,
    options: Vec<String>,
}

#[derive(Serialize)]
struct LiveGroup {
    id: Uuid,
    name: String,
    members: Vec<String>,
    /// The group's video call, when the server has a video service.
    video: Option<String>,
}

#[derive(Serialize)]
struct LiveService {
    name: String,
    contact: String,
    hours: String,
    crisis: bool,
}

/// Every string the live room's script shows, looked up once in the reader's language.
const LIVE_TEXT: &[&str] = &[
    "live-mark-urgent",
    "live-mark-urgent-confirm",
    "live-urgent-by",
    "live-urgent-told",
    "live-urgent-no-on-call",
    "live-urgent-no-path",
    "live-urgent-checklist",
    "live-connecting",
    "live-reconnecting",
    "live-connected",
    "live-not-started",
    "live-ended",
    "live-paused",
    "live-time-left",
    "live-one-minute",
    "live-time-up",
    "live-step-of",
    "live-start",
    "live-next",
    "live-previous",
    "live-pause",
    "live-resume",
    "live-more-time",
    "live-less-time",
    "live-end",
    "live-end-confirm",
    "live-broadcast",
    "live-broadcast-send",
    "live-raise-hand",
    "live-lower-hand",
    "live-hands",
    "live-hands-none",
    "live-need-support",
    "live-support-sent",
    "live-support-alert",
    "live-chat",
    "live-chat-send",
    "live-chat-group",
    "live-chat-everyone",
    "live-reflection",
    "live-reflection-saved",
    "live-reflection-saving",
    "live-excerpt-open",
    "live-excerpt-hint",
    "live-excerpt-label",
    "live-excerpt-share",
    "live-excerpt-shared",
    "live-excerpt-from",
    "live-groups",
    "live-visit",
    "live-leave-visit",
    "live-visiting",
    "live-facilitator-joined",
    "live-alerts",
    "live-alerts-none",
    "live-reactions",
    "live-no-group",
    "live-prompts",
    "live-message-from",
    "live-lower-for",
    "live-video",
    "live-services",
    "live-console",
    "live-speakers",
    "live-speakers-propose",
    "live-speakers-announce",
    "live-speakers-chosen",
    "live-speaker-n",
    "live-volunteer",
    "live-spoken",
    "live-feedback",
    "live-feedback-rating",
    "live-feedback-helped",
    "live-feedback-change",
    "live-feedback-send",
    "live-feedback-thanks",
    "live-refused-failed",
    "live-video-call",
    "live-here-now",
    "live-nobody-here",
    "live-guest",
    "live-from-another-group",
    "live-seated",
    "live-seated-home",
    "live-no-group-place",
    "live-move",
    "live-move-who",
    "live-move-to",
    "live-move-send",
    "live-text-only",
    "live-poll-vote",
    "live-poll-voted",
    "live-react-applause",
    "live-react-love",
    "live-react-thanks",
    "live-react-smile",
    "live-react-idea",
];

async fn live_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<EventId>,
) -> AppResult<Response> {
    let access = room_access(&state, &me, id).await?;
    if !access.rules_accepted || access.event.cancelled {
        return Ok(see_other(&format!("/events/{id}")));
    }
    let tr = Tr::new(me.ctx.language);
    let names = member_names(&state, &access.event).await?;
    let groups = arrangement(&state, &access.event)
        .await?
        .map(|a| {
            a.groups
                .into_iter()
                .filter(|g| access.facilitator || Some(g.id) == access.group)
                .map(|g| LiveGroup {
                    video: state.config.video_room(&id.to_string(), &g.id.to_string()),
                    id: g.id,
                    name: g.name,
                    members: g
                        .members
                        .iter()
                        .filter_map(|u| names.get(u).cloned())
                        .collect(),
                })
                .collect()
        })
        .unwrap_or_default();
    let services: Vec<Service> = state.store.services().list(false).await?;
    let mut reflections = Vec::new();
    for (index, step) in access.event.run_sheet.steps.iter().enumerate() {
        if step.kind == StepKind::Reflection {
            let step_number = i32::try_from(index).unwrap_or(i32::MAX);
            if let Some(text) = state
                .store
                .events()
                .own_reflection(id, step_number, me.user.person.id)
                .await?
            {
                reflections.push((index, text));
            }
        }
    }
    let escalation = match crate::live::escalation::site_of(&access.event) {
        Some(site) if access.facilitator => {
            let settings = state.store.support().site_settings(site).await?;
            Some(LiveEscalation {
                on_call: settings.on_call_name,
                checklist: settings
                    .checklist
                    .lines()
                    .map(str::trim)
                    .filter(|line| !line.is_empty())
                    .map(str::to_owned)
                    .collect(),
            })
        }
        _ => None,
    };
    let config = LiveConfig {
        escalation,
        event: id.to_string(),
        facilitator: access.facilitator,
        csrf: me.ctx.csrf.clone(),
        steps: access
            .event
            .run_sheet
            .steps
            .iter()
            .map(|s| LiveStep {
                kind: s.kind.key(),
                kind_label: step_kind_label(&tr, s.kind),
                title: s.title.clone(),
                instructions: s.instructions.clone(),
                minutes: s.minutes,
                prompts: s.prompts.clone(),
                speakers: s.speakers,
                video_url: s.video_url.clone(),
                options: s.options.clone(),
            })
            .collect(),
        groups,
        services: services
            .into_iter()
            .map(|s| LiveService {
                name: s.name,
                contact: s.contact.unwrap_or_default(),
                hours: s.hours.unwrap_or_default(),
                crisis: s.is_crisis_line,
            })
            .collect(),
        // Placeholders stay as `{step}`, `{steps}`, `{name}` for the script to fill in.
        text: LIVE_TEXT
            .iter()
            .map(|key| {
                let placeholders = [
                    ("step", "{step}".to_owned()),
                    ("steps", "{steps}".to_owned()),
                    ("name", "{name}".to_owned()),
                ];
                (*key, tr.args(key, &placeholders))
            })
            .collect(),
        reflections,
        feedback_given: state
            .store
            .event_records()
            .has_given_feedback(id, me.user.person.id)
            .await?,
    };
    let view = LiveView {
        layout: Layout::new(&state, &me.ctx, "/cohorts", access.event.title.clone()).await,
        event: access.event,
        facilitator: access.facilitator,
        config: serde_json::to_string(&config).map_err(|e| AppError::Internal(e.to_string()))?,
    };
    Ok(no_store(view))
}

#[derive(Template, WebTemplate)]
#[template(path = "events/live.html")]
struct LiveView {
    layout: Layout,
    event: Event,
    facilitator: bool,
    config: String,
}

#[derive(Deserialize)]
struct ReflectionForm {
    step: usize,
    text: String,
}

/// Longest reflection kept: private writing can be long.
const MAX_REFLECTION_CHARS: usize = 20_000;

async fn reflection_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<EventId>,
    Form(form): Form<ReflectionForm>,
) -> AppResult<Response> {
    let access = room_access(&state, &me, id).await?;
    let is_reflection = access
        .event
        .run_sheet
        .steps
        .get(form.step)
        .is_some_and(|s| s.kind == StepKind::Reflection);
    if !is_reflection || form.text.chars().count() > MAX_REFLECTION_CHARS {
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, "not saved").into_response());
    }
    let step = i32::try_from(form.step).unwrap_or(i32::MAX);
    state
        .store
        .events()
        .save_reflection(id, step, me.user.person.id, &form.text)
        .await?;
    Ok((StatusCode::OK, "saved").into_response())
}

/// A person the facilitator may choose as a debrief speaker.
#[derive(Serialize)]
struct SpeakerChoice {
    user: UserId,
    name: String,
    volunteer: bool,
    spoken: u32,
}

#[derive(Serialize)]
struct SpeakerGroup {
    name: String,
    members: Vec<SpeakerChoice>,
}

#[derive(Serialize)]
struct SpeakersProposal {
    speakers: usize,
    groups: Vec<SpeakerGroup>,
    proposal: Vec<UserId>,
}

/// The debrief picker: volunteers (raised hands) first, then those who have
/// spoken least in this cohort, one person from each of N different groups.
async fn speakers_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<EventId>,
) -> AppResult<Response> {
    let access = room_access(&state, &me, id).await?;
    if !access.facilitator {
        return Err(AppError::Forbidden);
    }
    let hub = state.hubs.get(&state, &access.event).await?;
    let live = hub.state().await;
    let wanted = access
        .event
        .run_sheet
        .steps
        .iter()
        .find(|s| s.kind == StepKind::Debrief)
        .map(|s| usize::from(s.speakers))
        .unwrap_or(3);
    let names = member_names(&state, &access.event).await?;
    // Fairness is kept across a cohort's events; a support group's meeting
    // starts from volunteers alone.
    let spoken = match access.event.cohort() {
        Some(cohort) => state.store.event_records().times_spoken(cohort).await?,
        None => Default::default(),
    };
    let groups = arrangement(&state, &access.event)
        .await?
        .map(|a| a.groups)
        .unwrap_or_default();
    let people: Vec<Vec<UserId>> = groups.iter().map(|g| g.members.clone()).collect();
    let index: Vec<UserId> = people.iter().flatten().copied().collect();
    let position = |user: &UserId| index.iter().position(|u| u == user);
    let numbered: Vec<Vec<usize>> = people
        .iter()
        .map(|g| g.iter().filter_map(position).collect())
        .collect();
    let volunteers: Vec<usize> = live.hands.iter().filter_map(position).collect();
    let spoken_by_index = index
        .iter()
        .enumerate()
        .map(|(i, u)| (i, spoken.get(u).copied().unwrap_or(0)))
        .collect();
    let seed = u64::from_le_bytes(id.0.as_bytes()[8..16].try_into().unwrap_or_default());
    let wanted = wanted.min(numbered.iter().filter(|g| !g.is_empty()).count());
    let proposal = hearth_groups::debrief::pick_speakers(
        &numbered,
        wanted,
        &volunteers,
        &spoken_by_index,
        seed,
    )
    .map(|picked| {
        picked
            .into_iter()
            .filter_map(|s| index.get(s.person).copied())
            .collect()
    })
    .unwrap_or_default();
    let body = SpeakersProposal {
        speakers: wanted,
        groups: groups
            .into_iter()
            .map(|g| SpeakerGroup {
                name: g.name,
                members: g
                    .members
                    .iter()
                    .map(|u| SpeakerChoice {
                        user: *u,
                        name: names.get(u).cloned().unwrap_or_default(),
                        volunteer: live.hands.contains(u),
                        spoken: spoken.get(u).copied().unwrap_or(0),
                    })
                    .collect(),
            })
            .collect(),
        proposal,
    };
    Ok(no_store(axum::Json(body)))
}

/// Announces the chosen speakers and records them for fairness next time.
async fn speakers_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<EventId>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let access = room_access(&state, &me, id).await?;
    if !access.facilitator {
        return Err(AppError::Forbidden);
    }
    let tr = Tr::new(me.ctx.language);
    let chosen: Vec<UserId> = fields
        .iter()
        .filter(|(k, _)| k == "speaker")
        .filter_map(|(_, v)| v.parse().ok())
        .collect();
    let groups = arrangement(&state, &access.event)
        .await?
        .map(|a| a.groups)
        .unwrap_or_default();
    let names = member_names(&state, &access.event).await?;
    let mut speakers = Vec::new();
    for user in &chosen {
        let Some(name) = names.get(user) else {
            return Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                tr.t("live-refused-speakers"),
            )
                .into_response());
        };
        let group = groups
            .iter()
            .find(|g| g.members.contains(user))
            .map(|g| g.name.clone());
        speakers.push(Speaker {
            user: *user,
            name: name.clone(),
            group,
        });
    }
    let hub = state.hubs.get(&state, &access.event).await?;
    match hub
        .handle(
            &state.store,
            &access.member,
            Command::ChooseSpeakers { speakers },
        )
        .await
    {
        Ok(()) => {
            if let Some(cohort) = access.event.cohort() {
                state
                    .store
                    .event_records()
                    .record_speakers(cohort, id, &chosen)
                    .await?;
            }
            Ok((StatusCode::OK, "announced").into_response())
        }
        Err(crate::live::Rejected::Refused(refusal)) => {
            Ok((StatusCode::UNPROCESSABLE_ENTITY, tr.t(refusal.0)).into_response())
        }
        Err(crate::live::Rejected::Store(error)) => Err(error.into()),
    }
}

#[derive(Deserialize)]
struct FeedbackForm {
    rating: String,
    helped: String,
    change: String,
}

/// Feedback at the end: how it was, what helped, what to change.
async fn feedback_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<EventId>,
    Form(form): Form<FeedbackForm>,
) -> AppResult<Response> {
    let access = room_access(&state, &me, id).await?;
    let tr = Tr::new(me.ctx.language);
    let rating = form
        .rating
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|r| (1..=5).contains(r));
    let helped = hearth_domain::input::optional_text(&form.helped, 2000);
    let change = hearth_domain::input::optional_text(&form.change, 2000);
    let (Some(rating), Ok(helped), Ok(change_next)) = (rating, helped, change) else {
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            tr.t("events-feedback-error"),
        )
            .into_response());
    };
    let feedback = hearth_store::Feedback {
        rating,
        helped,
        change_next,
    };
    match state
        .store
        .event_records()
        .give_feedback(access.event.id, me.user.person.id, &feedback)
        .await
    {
        Ok(()) | Err(StoreError::Conflict(_)) => Ok(see_other(&format!(
            "/events/{id}?done=flash-feedback-thanks"
        ))),
        Err(other) => Err(other.into()),
    }
}

fn ics_response(body: String, file: &str) -> Response {
    let disposition = format!("attachment; filename=\"{file}\"");
    let mut response = (
        [
            (
                axum::http::header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_owned(),
            ),
            (axum::http::header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response();
    response.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    response
}

/// One event as a calendar file to add to any calendar.
async fn event_calendar_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<EventId>,
) -> AppResult<Response> {
    let access = room_access(&state, &me, id).await?;
    let url = format!("{}/events/{id}", state.config.public_url);
    let body = crate::views::ics::calendar(
        &access.event.title,
        &[crate::views::ics::CalendarEntry {
            event: &access.event,
            url,
        }],
        hearth_store::now_ms(),
    );
    Ok(ics_response(body, "event.ics"))
}

/// A person's feed of events, opened by the private address from their profile.
async fn feed_get(State(state): State<AppState>, Path(token): Path<String>) -> AppResult<Response> {
    let token = token.trim_end_matches(".ics");
    let Some(user) = state.store.sessions().calendar_feed_owner(token).await? else {
        return Err(AppError::NotFound);
    };
    // Events of the last month and everything ahead.
    let since = hearth_store::now_ms() - 30 * 24 * 3_600_000;
    let events = state.store.events().upcoming_for(user, since, 500).await?;
    let entries: Vec<crate::views::ics::CalendarEntry<'_>> = events
        .iter()
        .map(|event| crate::views::ics::CalendarEntry {
            event,
            url: format!("{}/events/{}", state.config.public_url, event.id),
        })
        .collect();
    Ok(ics_response(
        crate::views::ics::calendar("Hearth", &entries, hearth_store::now_ms()),
        "hearth.ics",
    ))
}

#[cfg(test)]
mod tests {
    use super::LIVE_TEXT;
    use crate::i18n::Tr;
    use hearth_domain::input::Language;

    #[test]
    fn every_string_the_live_room_shows_is_translated() {
        for language in Language::ALL {
            let tr = Tr::new(language);
            let placeholders = [
                ("step", "1".to_owned()),
                ("steps", "2".to_owned()),
                ("name", "Ana".to_owned()),
            ];
            let missing: Vec<&str> = LIVE_TEXT
                .iter()
                .copied()
                .filter(|key| {
                    tr.args(key, &placeholders)
                        .starts_with("Unknown localization key")
                })
                .collect();
            assert!(missing.is_empty(), "{language:?} lacks {missing:?}");
        }
    }
}
