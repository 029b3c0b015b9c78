//! A peer support group's meetings: planning one (or a monthly series) from
//! the built-in template, the agenda, attendance, minutes, action items, a
//! calendar file, and email reminders the day before through the job queue.

use super::support_groups::group_access;
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
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use hearth_domain::UserId;
use hearth_domain::input::{Language, optional_text};
use hearth_domain::support_groups::{
    AgendaItem, AgendaKind, GroupAct, MAX_RECURRING, SupportGroupId, monthly_dates,
    monthly_meeting_template, required_text,
};
use hearth_store::{ActionItem, AttendanceStatus, GroupMember, Meeting, NewMeeting, SupportGroup};
use serde::Deserialize;
use std::collections::HashMap;
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/support-groups/{id}/meetings/new",
            get(meeting_new_get).post(meeting_new_post),
        )
        .route("/support-groups/{id}/meetings/{meeting}", get(meeting_get))
        .route(
            "/support-groups/{id}/meetings/{meeting}/meeting.ics",
            get(meeting_ics),
        )
        .route(
            "/support-groups/{id}/meetings/{meeting}/agenda",
            post(agenda_post),
        )
        .route(
            "/support-groups/{id}/meetings/{meeting}/attendance",
            post(attendance_post),
        )
        .route(
            "/support-groups/{id}/meetings/{meeting}/minutes",
            post(minutes_post),
        )
        .route(
            "/support-groups/{id}/meetings/{meeting}/actions",
            post(action_post),
        )
        .route(
            "/support-groups/{id}/meetings/{meeting}/actions/{action}/done",
            post(action_done_post),
        )
}

/// Reminders go out this long before a meeting.
const REMINDER_BEFORE_MS: i64 = 24 * 3_600_000;

fn kind_label(tr: &Tr, kind: AgendaKind) -> String {
    tr.t(&format!("sg-agenda-{}", kind.as_str()))
}

/// A meeting in a list, with its time in the reader's zone.
pub struct MeetingRow {
    pub meeting: Meeting,
    pub when: String,
    pub past: bool,
}

/// A group's meetings for its page: the coming ones first, then the past.
pub async fn meeting_rows(
    state: &AppState,
    group: SupportGroupId,
    zone: &str,
) -> AppResult<(Vec<MeetingRow>, Vec<MeetingRow>)> {
    let now = hearth_store::now_ms();
    let (past, coming): (Vec<MeetingRow>, Vec<MeetingRow>) = state
        .store
        .support_group_meetings()
        .for_group(group)
        .await?
        .into_iter()
        .map(|meeting| MeetingRow {
            when: format_time(meeting.starts_at, zone),
            past: meeting.starts_at <= now,
            meeting,
        })
        .partition(|row| row.past);
    Ok((coming, past.into_iter().rev().collect()))
}

// ---------------------------------------------------------------- planning

#[derive(Deserialize, Default, Clone)]
struct MeetingForm {
    title: String,
    date: String,
    time: String,
    place: String,
    online: Option<String>,
    /// `template` (the seed's monthly meeting) or `empty`.
    agenda: String,
    /// `once` or `monthly`.
    repeat: String,
    #[serde(default)]
    count: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "support_groups/meeting_new.html")]
struct MeetingNewView {
    layout: Layout,
    group: SupportGroup,
    form: MeetingForm,
    errors: FieldErrors,
    template: Vec<(String, AgendaItem)>,
}

async fn new_page(
    state: &AppState,
    me: &SignedIn,
    group: SupportGroup,
    form: MeetingForm,
    errors: FieldErrors,
) -> AppResult<Response> {
    let tr = Tr::new(me.ctx.language);
    let status = form_status(!errors.is_empty());
    let view = MeetingNewView {
        layout: Layout::new(
            state,
            &me.ctx,
            "/support-groups",
            tr.t1("sg-meeting-new-title", "group", &group.name),
        )
        .await,
        group,
        form,
        errors,
        template: monthly_meeting_template(me.ctx.language == Language::Albanian)
            .into_iter()
            .map(|item| (kind_label(&tr, item.kind), item))
            .collect(),
    };
    Ok((status, no_store(view)).into_response())
}

async fn meeting_new_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<SupportGroupId>,
) -> AppResult<Response> {
    let access = group_access(&state, &me, id).await?;
    access.require(&me, GroupAct::Facilitate)?;
    let tr = Tr::new(me.ctx.language);
    let form = MeetingForm {
        title: tr.t1("sg-meeting-default-title", "group", &access.group.name),
        time: "14:00".into(),
        agenda: "template".into(),
        repeat: "once".into(),
        count: "3".into(),
        ..MeetingForm::default()
    };
    new_page(&state, &me, access.group, form, FieldErrors::new()).await
}

async fn meeting_new_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<SupportGroupId>,
    Form(form): Form<MeetingForm>,
) -> AppResult<Response> {
    let access = group_access(&state, &me, id).await?;
    access.require(&me, GroupAct::Facilitate)?;
    let tr = Tr::new(me.ctx.language);
    let zone = me.time_zone(&state).await?;
    let mut errors = FieldErrors::new();
    let title = errors.check(&tr, "title", required_text(&form.title, 200));
    let date = errors.check(&tr, "date", hearth_domain::input::date(&form.date));
    let time = jiff::civil::Time::strptime("%H:%M", form.time.trim()).ok();
    if time.is_none() {
        errors.add_message(&tr, "time", "sg-error-time");
    }
    let place = errors.check(&tr, "place", optional_text(&form.place, 300));
    let online = form.online.is_some();
    if matches!(place, Some(None)) && !online {
        errors.add_message(&tr, "place", "sg-error-where");
    }
    let count = match form.repeat.as_str() {
        "once" => Some(1),
        "monthly" => match form.count.trim().parse::<u8>() {
            Ok(n) if (2..=MAX_RECURRING).contains(&n) => Some(n),
            _ => {
                errors.add_message(&tr, "count", "sg-error-count");
                None
            }
        },
        _ => {
            errors.add_message(&tr, "repeat", "error-choose-one");
            None
        }
    };
    let agenda = match form.agenda.as_str() {
        "template" => monthly_meeting_template(me.ctx.language == Language::Albanian),
        _ => Vec::new(),
    };
    let (Some(title), Some(date), Some(time), Some(place), Some(count)) =
        (title, date, time, place, count)
    else {
        return new_page(&state, &me, access.group, form, errors).await;
    };
    let mut meetings = Vec::new();
    for day in monthly_dates(date, count) {
        let Ok(zoned) = day.to_datetime(time).in_tz(&zone) else {
            errors.add_message(&tr, "date", "sg-error-time");
            return new_page(&state, &me, access.group, form, errors).await;
        };
        meetings.push(NewMeeting {
            title: title.clone(),
            starts_at: zoned.timestamp().as_millisecond(),
            time_zone: zone.clone(),
            place: place.clone(),
            online,
            agenda: agenda.clone(),
        });
    }
    let ids = state
        .store
        .support_group_meetings()
        .schedule(id, &meetings, me.user.person.id)
        .await?;
    queue_reminders(&state, &access.group, &meetings, &ids).await?;
    let first = ids.first().copied().ok_or(AppError::NotFound)?;
    Ok(see_other(&format!(
        "/support-groups/{id}/meetings/{first}?done=flash-sg-meeting-planned"
    )))
}

/// What a meeting's reminder emails are about, to withdraw them when it
/// moves or is cancelled.
pub(crate) fn reminder_about(meeting: Uuid) -> String {
    format!("meeting:{meeting}")
}

/// An email to each member the day before each meeting, in their language,
/// through the persisted job queue (so a restart loses none).
pub(crate) async fn queue_reminders(
    state: &AppState,
    group: &SupportGroup,
    meetings: &[NewMeeting],
    ids: &[Uuid],
) -> AppResult<()> {
    let now = hearth_store::now_ms();
    let members = state.store.support_groups().members(group.id).await?;
    for (meeting, id) in meetings.iter().zip(ids) {
        let run_at = meeting.starts_at - REMINDER_BEFORE_MS;
        if run_at <= now {
            continue;
        }
        for member in &members {
            let person = state.store.people().get(member.user_id).await?;
            if !person.active {
                continue;
            }
            let tr = Tr::for_person(&person);
            let zone = person.time_zone.as_deref().unwrap_or(&meeting.time_zone);
            let where_ = match (&meeting.place, meeting.online) {
                (Some(place), true) => format!("{place} · {}", tr.t("sg-meeting-online")),
                (Some(place), false) => place.clone(),
                (None, _) => tr.t("sg-meeting-online"),
            };
            let job = crate::jobs::EmailJob {
                to: person.email.clone(),
                subject: tr.args(
                    "sg-reminder-subject",
                    &[
                        ("group", group.name.clone()),
                        ("when", format_time(meeting.starts_at, zone)),
                    ],
                ),
                body: format!(
                    "{}\n\n{}\n\n{}/support-groups/{}/meetings/{id}",
                    tr.args(
                        "sg-reminder-body",
                        &[
                            ("title", meeting.title.clone()),
                            ("when", format_time(meeting.starts_at, zone)),
                            ("place", where_),
                        ],
                    ),
                    meeting
                        .agenda
                        .iter()
                        .map(|i| format!("- {}", i.title))
                        .collect::<Vec<_>>()
                        .join("\n"),
                    state.config.public_url,
                    group.id
                ),
                about: Some(reminder_about(*id)),
            };
            let payload =
                serde_json::to_value(&job).map_err(|e| AppError::Internal(e.to_string()))?;
            state
                .store
                .jobs()
                .enqueue(crate::jobs::EMAIL, &payload, run_at)
                .await?;
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- the meeting page

struct AttendanceRow {
    member: GroupMember,
    status: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "support_groups/meeting.html")]
struct MeetingView {
    /// The live room of a meeting held online, once a host opened it.
    live_event: Option<hearth_domain::EventId>,
    layout: Layout,
    group: SupportGroup,
    meeting: Meeting,
    when: String,
    facilitates: bool,
    agenda: Vec<(usize, String, AgendaItem)>,
    kinds: Vec<(&'static str, String)>,
    attendance: Vec<AttendanceRow>,
    minutes_text: String,
    actions: Vec<ActionItem>,
    members: Vec<GroupMember>,
    me: UserId,
    errors: FieldErrors,
    input: MeetingInput,
}

/// What was typed into the meeting page's forms, shown again when refused.
#[derive(Default, Deserialize)]
struct MeetingInput {
    #[serde(default)]
    item_kind: String,
    #[serde(default)]
    item_title: String,
    #[serde(default)]
    item_minutes: String,
    #[serde(default)]
    action_text: String,
    #[serde(default)]
    action_owner: String,
    #[serde(default)]
    action_due: String,
}

#[allow(clippy::too_many_arguments)]
async fn meeting_page(
    state: &AppState,
    me: &SignedIn,
    id: SupportGroupId,
    meeting_id: Uuid,
    errors: FieldErrors,
    input: MeetingInput,
    minutes_typed: Option<String>,
    done: Option<&str>,
) -> AppResult<Response> {
    let access = group_access(state, me, id).await?;
    access.require(me, GroupAct::TakePart)?;
    let tr = Tr::new(me.ctx.language);
    let meetings = state.store.support_group_meetings();
    let meeting = meetings.get(id, meeting_id).await?;
    let zone = me.time_zone(state).await?;
    let members = state.store.support_groups().members(id).await?;
    let marks = match meeting.activity_id {
        Some(activity) => meetings.attendance(activity).await?,
        None => HashMap::new(),
    };
    let live_event = state
        .store
        .events()
        .online_meeting_event(meeting_id)
        .await?;
    let status = form_status(!errors.is_empty());
    let view = MeetingView {
        live_event,
        layout: Layout::new(state, &me.ctx, "/support-groups", meeting.title.clone())
            .await
            .with_flash(done),
        when: format_time(meeting.starts_at, &zone),
        facilitates: access.may(me, GroupAct::Facilitate),
        agenda: meeting
            .agenda
            .iter()
            .enumerate()
            .map(|(i, item)| (i, kind_label(&tr, item.kind), item.clone()))
            .collect(),
        kinds: AgendaKind::ALL
            .iter()
            .map(|k| (k.as_str(), kind_label(&tr, *k)))
            .collect(),
        attendance: members
            .iter()
            .map(|m| AttendanceRow {
                status: marks.get(&m.user_id).cloned(),
                member: m.clone(),
            })
            .collect(),
        minutes_text: minutes_typed.unwrap_or_else(|| meeting.minutes.clone().unwrap_or_default()),
        actions: meetings.actions_of_meeting(meeting_id).await?,
        members,
        me: me.user.person.id,
        errors,
        input,
        group: access.group,
        meeting,
    };
    Ok((status, no_store(view)).into_response())
}

#[derive(Deserialize)]
struct DoneQuery {
    done: Option<String>,
}

async fn meeting_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, meeting)): Path<(SupportGroupId, Uuid)>,
    Query(query): Query<DoneQuery>,
) -> AppResult<Response> {
    meeting_page(
        &state,
        &me,
        id,
        meeting,
        FieldErrors::new(),
        MeetingInput::default(),
        None,
        query.done.as_deref(),
    )
    .await
}

/// The meeting, after checking that the person facilitates its group.
async fn facilitated_meeting(
    state: &AppState,
    me: &SignedIn,
    id: SupportGroupId,
    meeting: Uuid,
) -> AppResult<Meeting> {
    let access = group_access(state, me, id).await?;
    access.require(me, GroupAct::Facilitate)?;
    Ok(state
        .store
        .support_group_meetings()
        .get(id, meeting)
        .await?)
}

#[derive(Deserialize)]
struct AgendaForm {
    /// `add`, or `remove-N`, `up-N`.
    op: String,
    #[serde(flatten)]
    input: MeetingInput,
}

async fn agenda_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, meeting_id)): Path<(SupportGroupId, Uuid)>,
    Form(form): Form<AgendaForm>,
) -> AppResult<Response> {
    let meeting = facilitated_meeting(&state, &me, id, meeting_id).await?;
    let tr = Tr::new(me.ctx.language);
    let mut agenda = meeting.agenda.clone();
    let index = |prefix: &str| {
        form.op
            .strip_prefix(prefix)
            .and_then(|n| n.parse::<usize>().ok())
            .filter(|n| *n < agenda.len())
    };
    if form.op == "add" {
        let mut errors = FieldErrors::new();
        let kind = form.input.item_kind.parse::<AgendaKind>().ok();
        if kind.is_none() {
            errors.add_message(&tr, "item_kind", "error-choose-one");
        }
        let title = errors.check(
            &tr,
            "item_title",
            required_text(&form.input.item_title, 300),
        );
        let minutes = form
            .input
            .item_minutes
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|m| (1..=240).contains(m));
        if minutes.is_none() {
            errors.add_message(&tr, "item_minutes", "sg-error-minutes");
        }
        let (Some(kind), Some(title), Some(minutes)) = (kind, title, minutes) else {
            return meeting_page(&state, &me, id, meeting_id, errors, form.input, None, None).await;
        };
        agenda.push(AgendaItem {
            kind,
            title,
            minutes,
        });
    } else if let Some(n) = index("remove-") {
        agenda.remove(n);
    } else if let Some(n) = index("up-") {
        if n > 0 {
            agenda.swap(n, n - 1);
        }
    } else {
        return Err(AppError::NotFound);
    }
    state
        .store
        .support_group_meetings()
        .set_agenda(meeting_id, &agenda)
        .await?;
    Ok(see_other(&format!(
        "/support-groups/{id}/meetings/{meeting_id}?done=flash-saved#agenda"
    )))
}

async fn attendance_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, meeting_id)): Path<(SupportGroupId, Uuid)>,
    Form(form): Form<HashMap<String, String>>,
) -> AppResult<Response> {
    let meeting = facilitated_meeting(&state, &me, id, meeting_id).await?;
    let activity = meeting.activity_id.ok_or(AppError::NotFound)?;
    let members = state.store.support_groups().members(id).await?;
    for member in members {
        let status = match form
            .get(&format!("status-{}", member.user_id))
            .map(String::as_str)
        {
            Some("present") => AttendanceStatus::Present,
            Some("late") => AttendanceStatus::Late,
            Some("absent") => AttendanceStatus::Absent,
            _ => continue,
        };
        state
            .store
            .activities()
            .mark(activity, member.user_id, status, None)
            .await?;
    }
    Ok(see_other(&format!(
        "/support-groups/{id}/meetings/{meeting_id}?done=flash-saved#attendance"
    )))
}

#[derive(Deserialize)]
struct MinutesForm {
    minutes: String,
}

async fn minutes_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, meeting_id)): Path<(SupportGroupId, Uuid)>,
    Form(form): Form<MinutesForm>,
) -> AppResult<Response> {
    facilitated_meeting(&state, &me, id, meeting_id).await?;
    let tr = Tr::new(me.ctx.language);
    match optional_text(&form.minutes, 20_000) {
        Ok(minutes) => {
            state
                .store
                .support_group_meetings()
                .set_minutes(meeting_id, minutes.as_deref())
                .await?;
            Ok(see_other(&format!(
                "/support-groups/{id}/meetings/{meeting_id}?done=flash-saved#minutes"
            )))
        }
        Err(error) => {
            let mut errors = FieldErrors::new();
            errors.add(&tr, "minutes", &error);
            meeting_page(
                &state,
                &me,
                id,
                meeting_id,
                errors,
                MeetingInput::default(),
                Some(form.minutes),
                None,
            )
            .await
        }
    }
}

async fn action_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, meeting_id)): Path<(SupportGroupId, Uuid)>,
    Form(input): Form<MeetingInput>,
) -> AppResult<Response> {
    facilitated_meeting(&state, &me, id, meeting_id).await?;
    let tr = Tr::new(me.ctx.language);
    let mut errors = FieldErrors::new();
    let text = errors.check(&tr, "action_text", required_text(&input.action_text, 500));
    let members = state.store.support_groups().members(id).await?;
    let owner = input
        .action_owner
        .parse::<UserId>()
        .ok()
        .filter(|u| members.iter().any(|m| m.user_id == *u));
    if owner.is_none() {
        errors.add_message(&tr, "action_owner", "error-choose-one");
    }
    let due = errors.check(
        &tr,
        "action_due",
        hearth_domain::input::date(&input.action_due),
    );
    let (Some(text), Some(owner), Some(due)) = (text, owner, due) else {
        return meeting_page(&state, &me, id, meeting_id, errors, input, None, None).await;
    };
    state
        .store
        .support_group_meetings()
        .add_action(meeting_id, &text, owner, &due.to_string())
        .await?;
    Ok(see_other(&format!(
        "/support-groups/{id}/meetings/{meeting_id}?done=flash-saved#actions"
    )))
}

#[derive(Deserialize)]
struct DoneForm {
    done: String,
}

/// The owner or a facilitator ticks an action item off (or opens it again).
async fn action_done_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, meeting_id, action)): Path<(SupportGroupId, Uuid, Uuid)>,
    Form(form): Form<DoneForm>,
) -> AppResult<Response> {
    let access = group_access(&state, &me, id).await?;
    access.require(&me, GroupAct::TakePart)?;
    let meetings = state.store.support_group_meetings();
    let item = meetings
        .actions_of_meeting(meeting_id)
        .await?
        .into_iter()
        .find(|a| a.id == action && a.group_id == id)
        .ok_or(AppError::NotFound)?;
    if item.owner_id != me.user.person.id && !access.may(&me, GroupAct::Facilitate) {
        return Err(AppError::Forbidden);
    }
    meetings
        .set_action_done(meeting_id, action, form.done == "yes")
        .await?;
    Ok(see_other(&format!(
        "/support-groups/{id}/meetings/{meeting_id}?done=flash-saved#actions"
    )))
}

async fn meeting_ics(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, meeting_id)): Path<(SupportGroupId, Uuid)>,
) -> AppResult<Response> {
    let access = group_access(&state, &me, id).await?;
    access.require(&me, GroupAct::TakePart)?;
    let meeting = state
        .store
        .support_group_meetings()
        .get(id, meeting_id)
        .await?;
    let url = format!(
        "{}/support-groups/{id}/meetings/{meeting_id}",
        state.config.public_url
    );
    let body = crate::views::ics::appointments(
        &access.group.name,
        &[crate::views::ics::Appointment {
            uid: meeting.id.to_string(),
            starts_at: meeting.starts_at,
            ends_at: meeting.starts_at + meeting.length_minutes().max(60) * 60_000,
            title: format!("{} · {}", access.group.name, meeting.title),
            description: meeting
                .agenda
                .iter()
                .map(|i| i.title.clone())
                .collect::<Vec<_>>()
                .join("\n"),
            location: meeting.place.clone(),
            url,
            cancelled: meeting.cancelled,
            sequence: meeting.revision,
        }],
        hearth_store::now_ms(),
    );
    let mut response = body.into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/calendar; charset=utf-8"),
    );
    response.headers_mut().insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"meeting.ics\""),
    );
    Ok(no_store(response))
}
