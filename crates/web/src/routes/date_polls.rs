//! Agreeing the next date and the feedback pulse (issue 8), and the page
//! that gathers a group's polls, pulses, joint meetings and the harvests
//! other groups shared with it.
//!
//! A member who never signs in answers a date poll through the personal link
//! in their email: an unguessable token (only its hash is stored) that
//! answers that one poll as that one person, and opens nothing else.

use super::support_groups::group_access;
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
use hearth_domain::UserId;
use hearth_domain::input::{Language, optional_text};
use hearth_domain::meeting_flow::{
    DateAnswer, POLL_OPTIONS_MAX, POLL_OPTIONS_MIN, PULSE_MIN_ANSWERS, PULSE_QUESTION_MAX,
    PULSE_QUESTIONS_MAX, PULSE_WORDS_MAX, PulseQuestion, QuestionKind, Tally, best_option,
    default_pulse_questions, scale,
};
use hearth_domain::support_groups::{
    GroupAct, SupportGroupId, monthly_meeting_template, required_text,
};
use hearth_store::{
    DatePoll, GroupMember, JointMeeting, NewDatePoll, NewMeeting, Pulse, PulseAnswer,
    QuestionSummary, SharedHarvest, StoreError, SupportGroup,
};
use serde::Deserialize;
use std::collections::HashMap;
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/support-groups/{id}/together", get(together_get))
        .route(
            "/support-groups/{id}/polls/new",
            get(poll_new_get).post(poll_new_post),
        )
        .route("/support-groups/{id}/polls/{poll}", get(poll_get))
        .route(
            "/support-groups/{id}/polls/{poll}/answer",
            post(answer_post),
        )
        .route(
            "/support-groups/{id}/polls/{poll}/confirm",
            post(confirm_post),
        )
        .route("/date-poll/{token}", get(token_get).post(token_post))
        .route(
            "/support-groups/{id}/pulses/new",
            get(pulse_new_get).post(pulse_new_post),
        )
        .route("/support-groups/{id}/pulses/{pulse}", get(pulse_get))
        .route(
            "/support-groups/{id}/pulses/{pulse}/answer",
            post(pulse_answer_post),
        )
        .route(
            "/support-groups/{id}/pulses/{pulse}/close",
            post(pulse_close_post),
        )
}

/// Translations in the language a person chose (for what we send them).
pub(crate) fn their_tr(person: &hearth_store::Person) -> Tr {
    Tr::for_person(person)
}

#[derive(Deserialize, Default)]
struct DoneQuery {
    done: Option<String>,
}

// ---------------------------------------------------------------- the group's page of these

#[derive(Template, WebTemplate)]
#[template(path = "meetings/together.html")]
struct TogetherView {
    layout: Layout,
    group: SupportGroup,
    facilitates: bool,
    polls: Vec<(DatePoll, String)>,
    pulses: Vec<(Pulse, bool)>,
    joint: Vec<(JointMeeting, String)>,
    harvests: Vec<(SharedHarvest, String)>,
    themes: Vec<String>,
    coming: Vec<(Uuid, String)>,
    linked: Vec<(SupportGroupId, String)>,
    guests: Vec<(String, String)>,
    no_error: Option<String>,
}

async fn together_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<SupportGroupId>,
    Query(query): Query<DoneQuery>,
) -> AppResult<Response> {
    let access = group_access(&state, &me, id).await?;
    access.require(&me, GroupAct::TakePart)?;
    let tr = Tr::new(me.ctx.language);
    let zone = me.time_zone(&state).await?;
    let user = me.user.person.id;
    let polls = state
        .store
        .date_polls()
        .for_group(id)
        .await?
        .into_iter()
        .map(|p| {
            let when = format_time(p.created_at, &zone);
            (p, when)
        })
        .collect();
    let mut pulses = Vec::new();
    for pulse in state.store.pulses().for_group(id).await? {
        let answered = state.store.pulses().has_answered(pulse.id, user).await?;
        pulses.push((pulse, answered));
    }
    let network = state.store.network();
    let joint = network
        .joint_meetings_for(id)
        .await?
        .into_iter()
        .map(|j| {
            let when = format_time(j.starts_at, &zone);
            (j, when)
        })
        .collect();
    let harvests = state
        .store
        .meeting_flow()
        .harvests_shared_to(id)
        .await?
        .into_iter()
        .map(|h| {
            let when = format_time(h.starts_at, &zone);
            (h, when)
        })
        .collect();
    let now = hearth_store::now_ms();
    let meetings = state.store.support_group_meetings().for_group(id).await?;
    let mut guests = Vec::new();
    let mut coming = Vec::new();
    for meeting in meetings
        .iter()
        .filter(|m| m.starts_at > now && !m.cancelled)
    {
        let when = format_time(meeting.starts_at, &zone);
        for (_, name) in network.guest_groups(meeting.id).await? {
            guests.push((when.clone(), name));
        }
        coming.push((meeting.id, format!("{when} · {}", meeting.title)));
    }
    let linked = state
        .store
        .support_groups()
        .links(id)
        .await?
        .into_iter()
        .filter(|l| l.agreed)
        .map(|l| (l.other, l.other_name))
        .collect();
    let view = TogetherView {
        layout: Layout::new(
            &state,
            &me.ctx,
            "/support-groups",
            tr.t1("mf-together-title", "group", &access.group.name),
        )
        .await
        .with_flash(query.done.as_deref()),
        facilitates: access.may(&me, GroupAct::Facilitate),
        polls,
        pulses,
        joint,
        harvests,
        themes: network.themes().await?.remove(&id).unwrap_or_default(),
        coming,
        linked,
        guests,
        no_error: None,
        group: access.group,
    };
    Ok(no_store(view))
}

// ---------------------------------------------------------------- a new date poll

#[derive(Deserialize, Default, Clone)]
struct PollForm {
    #[serde(default)]
    meeting: String,
    title: String,
    place: String,
    online: Option<String>,
    #[serde(flatten)]
    rest: HashMap<String, String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "meetings/poll_new.html")]
struct PollNewView {
    layout: Layout,
    group: SupportGroup,
    form: PollForm,
    rows: Vec<(usize, String, String)>,
    errors: FieldErrors,
}

const OPTION_ROWS: usize = 6;

async fn poll_new_page(
    state: &AppState,
    me: &SignedIn,
    group: SupportGroup,
    form: PollForm,
    errors: FieldErrors,
) -> AppResult<Response> {
    let tr = Tr::new(me.ctx.language);
    let rows = (0..OPTION_ROWS)
        .map(|n| {
            (
                n,
                form.rest
                    .get(&format!("date-{n}"))
                    .cloned()
                    .unwrap_or_default(),
                form.rest
                    .get(&format!("time-{n}"))
                    .cloned()
                    .unwrap_or_default(),
            )
        })
        .collect();
    let status = form_status(!errors.is_empty());
    let view = PollNewView {
        layout: Layout::new(state, &me.ctx, "/support-groups", tr.t("mf-poll-new-title")).await,
        group,
        form,
        rows,
        errors,
    };
    Ok((status, no_store(view)).into_response())
}

#[derive(Deserialize)]
struct PollNewQuery {
    meeting: Option<Uuid>,
}

async fn poll_new_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<SupportGroupId>,
    Query(query): Query<PollNewQuery>,
) -> AppResult<Response> {
    let access = group_access(&state, &me, id).await?;
    access.require(&me, GroupAct::Facilitate)?;
    let tr = Tr::new(me.ctx.language);
    let zone = me.time_zone(&state).await?;
    let mut form = PollForm {
        title: tr.t1("sg-meeting-default-title", "group", &access.group.name),
        ..PollForm::default()
    };
    // From a meeting: the same place, and the same weekday four to six weeks on.
    if let Some(meeting) = query.meeting {
        let meeting = state
            .store
            .support_group_meetings()
            .get(id, meeting)
            .await?;
        form.meeting = meeting.id.to_string();
        form.place = meeting.place.clone().unwrap_or_default();
        if meeting.online {
            form.online = Some("yes".into());
        }
        let zone = jiff::tz::TimeZone::get(&zone).unwrap_or(jiff::tz::TimeZone::UTC);
        let start = hearth_store::timestamp(meeting.starts_at).to_zoned_datetime(zone);
        for (n, weeks) in [4i64, 5, 6].into_iter().enumerate() {
            if let Ok(day) = start.date().checked_add(jiff::Span::new().weeks(weeks)) {
                form.rest.insert(format!("date-{n}"), day.to_string());
                form.rest.insert(
                    format!("time-{n}"),
                    start.time().strftime("%H:%M").to_string(),
                );
            }
        }
    }
    poll_new_page(&state, &me, access.group, form, FieldErrors::new()).await
}

async fn poll_new_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<SupportGroupId>,
    Form(form): Form<PollForm>,
) -> AppResult<Response> {
    let access = group_access(&state, &me, id).await?;
    access.require(&me, GroupAct::Facilitate)?;
    let tr = Tr::new(me.ctx.language);
    let zone = me.time_zone(&state).await?;
    let mut errors = FieldErrors::new();
    let title = errors.check(&tr, "title", required_text(&form.title, 200));
    let place = errors.check(&tr, "place", optional_text(&form.place, 300));
    let meeting = match form.meeting.trim() {
        "" => None,
        raw => {
            let meeting = raw.parse::<Uuid>().map_err(|_| AppError::NotFound)?;
            // Only a meeting of this group.
            state
                .store
                .support_group_meetings()
                .get(id, meeting)
                .await?;
            Some(meeting)
        }
    };
    let mut options = Vec::new();
    for n in 0..OPTION_ROWS {
        let date = form
            .rest
            .get(&format!("date-{n}"))
            .map(|s| s.trim())
            .unwrap_or("");
        let time = form
            .rest
            .get(&format!("time-{n}"))
            .map(|s| s.trim())
            .unwrap_or("");
        if date.is_empty() && time.is_empty() {
            continue;
        }
        let at = hearth_domain::input::date(date).ok().and_then(|d| {
            let t = jiff::civil::Time::strptime("%H:%M", time).ok()?;
            d.to_datetime(t).in_tz(&zone).ok()
        });
        match at {
            Some(at) => options.push(at.timestamp().as_millisecond()),
            None => errors.add_message(&tr, "options", "mf-error-option"),
        }
    }
    options.sort_unstable();
    options.dedup();
    if errors.get("options").is_none()
        && !(POLL_OPTIONS_MIN..=POLL_OPTIONS_MAX).contains(&options.len())
    {
        errors.add_message(&tr, "options", "mf-error-options-count");
    }
    let (Some(title), Some(place), true) = (title, place, errors.is_empty()) else {
        return poll_new_page(&state, &me, access.group, form, errors).await;
    };
    let poll = state
        .store
        .date_polls()
        .create(
            id,
            &NewDatePoll {
                meeting_id: meeting,
                title,
                place,
                online: form.online.is_some(),
                time_zone: zone,
                options,
            },
            me.user.person.id,
        )
        .await?;
    // Every member gets a personal link, so those who never sign in answer too.
    for member in state.store.support_groups().members(id).await? {
        let person = state.store.people().get(member.user_id).await?;
        if !person.active {
            continue;
        }
        let token = state
            .store
            .date_polls()
            .new_token(poll, member.user_id)
            .await?;
        let their = their_tr(&person);
        crate::jobs::queue_email(
            &state,
            &person.email,
            &their.t1("mf-poll-mail-subject", "group", &access.group.name),
            &format!(
                "{}\n\n{}/date-poll/{token}",
                their.t1("mf-poll-mail-body", "group", &access.group.name),
                state.config.public_url
            ),
        )
        .await?;
    }
    Ok(see_other(&format!(
        "/support-groups/{id}/polls/{poll}?done=flash-mf-poll-sent"
    )))
}

// ---------------------------------------------------------------- a poll's page

struct OptionRow {
    id: Uuid,
    when: String,
    tally: Tally,
    mine: Option<DateAnswer>,
    best: bool,
    chosen: bool,
    /// Who answered what, by name.
    yes: Vec<String>,
    maybe: Vec<String>,
    no: Vec<String>,
}

impl OptionRow {
    fn mine_is(&self, value: &str) -> bool {
        self.mine.is_some_and(|a| a.as_str() == value)
    }
}

fn option_rows(
    poll: &DatePoll,
    answers: &[(Uuid, UserId, DateAnswer)],
    me: UserId,
    zone: &str,
    names: &HashMap<UserId, String>,
) -> Vec<OptionRow> {
    let mut rows: Vec<OptionRow> = poll
        .options
        .iter()
        .map(|o| {
            let mut row = OptionRow {
                id: o.id,
                when: format_time(o.starts_at, zone),
                tally: Tally::default(),
                mine: None,
                best: false,
                chosen: poll.chosen_option == Some(o.id),
                yes: Vec::new(),
                maybe: Vec::new(),
                no: Vec::new(),
            };
            for (_, user, answer) in answers.iter().filter(|(opt, _, _)| *opt == o.id) {
                let name = names.get(user).cloned().unwrap_or_else(|| "–".into());
                match answer {
                    DateAnswer::Yes => {
                        row.tally.yes += 1;
                        row.yes.push(name);
                    }
                    DateAnswer::Maybe => {
                        row.tally.maybe += 1;
                        row.maybe.push(name);
                    }
                    DateAnswer::No => {
                        row.tally.no += 1;
                        row.no.push(name);
                    }
                }
                if *user == me {
                    row.mine = Some(*answer);
                }
            }
            row
        })
        .collect();
    let tallies: Vec<Tally> = rows.iter().map(|r| r.tally).collect();
    if let Some(best) = best_option(&tallies)
        && let Some(row) = rows.get_mut(best)
    {
        row.best = true;
    }
    rows
}

#[derive(Template, WebTemplate)]
#[template(path = "meetings/poll.html")]
struct PollView {
    layout: Layout,
    group: SupportGroup,
    poll: DatePoll,
    rows: Vec<OptionRow>,
    answered: usize,
    members: usize,
    facilitates: bool,
    /// Where the answer form posts (the member's page or the personal link).
    action: String,
    signed_in: bool,
    person_name: String,
    error: Option<String>,
}

fn names_of(members: &[GroupMember]) -> HashMap<UserId, String> {
    members
        .iter()
        .map(|m| (m.user_id, m.name.clone()))
        .collect()
}

async fn poll_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, poll)): Path<(SupportGroupId, Uuid)>,
    Query(query): Query<DoneQuery>,
) -> AppResult<Response> {
    let access = group_access(&state, &me, id).await?;
    access.require(&me, GroupAct::TakePart)?;
    let poll = state.store.date_polls().get(id, poll).await?;
    let answers = state.store.date_polls().answers(poll.id).await?;
    let members = state.store.support_groups().members(id).await?;
    let zone = me.time_zone(&state).await?;
    let mut answered: Vec<UserId> = answers.iter().map(|(_, u, _)| *u).collect();
    answered.sort();
    answered.dedup();
    let view = PollView {
        layout: Layout::new(&state, &me.ctx, "/support-groups", poll.title.clone())
            .await
            .with_flash(query.done.as_deref()),
        rows: option_rows(
            &poll,
            &answers,
            me.user.person.id,
            &zone,
            &names_of(&members),
        ),
        answered: answered.len(),
        members: members.len(),
        facilitates: access.may(&me, GroupAct::Facilitate),
        action: format!("/support-groups/{id}/polls/{}/answer", poll.id),
        signed_in: true,
        person_name: me.user.person.display_name.clone(),
        error: None,
        group: access.group,
        poll,
    };
    Ok(no_store(view))
}

/// `answer-<option id>` = yes | maybe | no, for each option answered.
fn parse_answers(
    form: &HashMap<String, String>,
    poll: &DatePoll,
) -> Result<Vec<(Uuid, DateAnswer)>, ()> {
    let mut answers = Vec::new();
    for option in &poll.options {
        if let Some(raw) = form.get(&format!("answer-{}", option.id)) {
            answers.push((option.id, raw.parse::<DateAnswer>().map_err(|_| ())?));
        }
    }
    if answers.is_empty() {
        return Err(());
    }
    Ok(answers)
}

async fn answer_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, poll)): Path<(SupportGroupId, Uuid)>,
    Form(form): Form<HashMap<String, String>>,
) -> AppResult<Response> {
    let access = group_access(&state, &me, id).await?;
    access.require(&me, GroupAct::TakePart)?;
    let poll = state.store.date_polls().get(id, poll).await?;
    let back = format!("/support-groups/{id}/polls/{}", poll.id);
    let Ok(answers) = parse_answers(&form, &poll) else {
        return Ok(see_other(&format!("{back}?done=flash-mf-answer-missing")));
    };
    match state
        .store
        .date_polls()
        .answer(poll.id, me.user.person.id, &answers)
        .await
    {
        Ok(()) => Ok(see_other(&format!("{back}?done=flash-mf-answer-saved"))),
        Err(StoreError::Conflict(_)) => Ok(see_other(&format!("{back}?done=flash-mf-poll-closed"))),
        Err(error) => Err(error.into()),
    }
}

#[derive(Deserialize)]
struct ConfirmForm {
    option: Uuid,
}

/// The facilitator confirms a date: the meeting is scheduled from the
/// monthly template, members are invited by email and reminded the day before.
async fn confirm_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, poll)): Path<(SupportGroupId, Uuid)>,
    Form(form): Form<ConfirmForm>,
) -> AppResult<Response> {
    let access = group_access(&state, &me, id).await?;
    access.require(&me, GroupAct::Facilitate)?;
    let poll = state.store.date_polls().get(id, poll).await?;
    let option = poll
        .options
        .iter()
        .find(|o| o.id == form.option)
        .ok_or(AppError::NotFound)?;
    if poll.closed {
        return Ok(see_other(&format!(
            "/support-groups/{id}/polls/{}?done=flash-mf-poll-closed",
            poll.id
        )));
    }
    let albanian = me.ctx.language == Language::Albanian;
    let meeting = NewMeeting {
        title: poll.title.clone(),
        starts_at: option.starts_at,
        time_zone: poll.time_zone.clone(),
        place: poll.place.clone(),
        online: poll.online || poll.place.is_none(),
        agenda: monthly_meeting_template(albanian),
    };
    let meetings = state.store.support_group_meetings();
    let ids = meetings
        .schedule(id, std::slice::from_ref(&meeting), me.user.person.id)
        .await?;
    let meeting_id = ids.first().copied().ok_or(AppError::NotFound)?;
    if let Err(StoreError::Conflict(_)) = state
        .store
        .date_polls()
        .confirm(poll.id, option.id, meeting_id)
        .await
    {
        // Someone confirmed at the same moment: keep theirs.
        meetings.cancel(meeting_id, None).await?;
        return Ok(see_other(&format!(
            "/support-groups/{id}/polls/{}?done=flash-mf-poll-closed",
            poll.id
        )));
    }
    super::support_groups_meetings::queue_reminders(
        &state,
        &access.group,
        std::slice::from_ref(&meeting),
        &ids,
    )
    .await?;
    for member in state.store.support_groups().members(id).await? {
        let person = state.store.people().get(member.user_id).await?;
        if !person.active {
            continue;
        }
        let their = their_tr(&person);
        let zone = person.time_zone.as_deref().unwrap_or(&poll.time_zone);
        crate::jobs::queue_email(
            &state,
            &person.email,
            &their.args(
                "mf-invite-subject",
                &[
                    ("group", access.group.name.clone()),
                    ("when", format_time(option.starts_at, zone)),
                ],
            ),
            &format!(
                "{}\n\n{}/support-groups/{id}/meetings/{meeting_id}\n{}/support-groups/{id}/meetings/{meeting_id}/meeting.ics",
                their.args(
                    "mf-invite-body",
                    &[
                        ("title", poll.title.clone()),
                        ("when", format_time(option.starts_at, zone)),
                        (
                            "place",
                            poll.place
                                .clone()
                                .unwrap_or_else(|| their.t("sg-meeting-online")),
                        ),
                    ],
                ),
                state.config.public_url,
                state.config.public_url,
            ),
        )
        .await?;
    }
    Ok(see_other(&format!(
        "/support-groups/{id}/meetings/{meeting_id}?done=flash-mf-date-confirmed"
    )))
}

// ---------------------------------------------------------------- the personal link

async fn token_page(
    state: &AppState,
    ctx: &crate::context::RequestContext,
    token: &str,
    error: Option<String>,
    done: Option<&str>,
) -> AppResult<Response> {
    let (group_id, poll_id, user) = state
        .store
        .date_polls()
        .by_token(token)
        .await?
        .ok_or(AppError::NotFound)?;
    let group = state.store.support_groups().get(group_id).await?;
    let poll = state.store.date_polls().get(group_id, poll_id).await?;
    let answers = state.store.date_polls().answers(poll.id).await?;
    let members = state.store.support_groups().members(group_id).await?;
    let person = state.store.people().get(user).await?;
    let zone = person
        .time_zone
        .clone()
        .unwrap_or_else(|| poll.time_zone.clone());
    let mut answered: Vec<UserId> = answers.iter().map(|(_, u, _)| *u).collect();
    answered.sort();
    answered.dedup();
    let view = PollView {
        layout: Layout::new(state, ctx, "/date-poll", poll.title.clone())
            .await
            .with_flash(done),
        rows: option_rows(&poll, &answers, user, &zone, &names_of(&members)),
        answered: answered.len(),
        members: members.len(),
        facilitates: false,
        action: format!("/date-poll/{token}"),
        signed_in: ctx.user.is_some(),
        person_name: person.display_name.clone(),
        error,
        group,
        poll,
    };
    Ok((form_status(view.error.is_some()), no_store(view)).into_response())
}

async fn token_get(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    Path(token): Path<String>,
    Query(query): Query<DoneQuery>,
) -> AppResult<Response> {
    token_page(&state, &ctx, &token, None, query.done.as_deref()).await
}

/// Answers as the link's person, whoever is signed in on this browser.
async fn token_post(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    Path(token): Path<String>,
    Form(form): Form<HashMap<String, String>>,
) -> AppResult<Response> {
    let (group_id, poll_id, user) = state
        .store
        .date_polls()
        .by_token(&token)
        .await?
        .ok_or(AppError::NotFound)?;
    let poll = state.store.date_polls().get(group_id, poll_id).await?;
    // A member who left the group no longer answers for it.
    if state
        .store
        .support_groups()
        .standing(group_id, user)
        .await?
        .is_none()
    {
        return Err(AppError::Forbidden);
    }
    let tr = Tr::new(ctx.language);
    let Ok(answers) = parse_answers(&form, &poll) else {
        return token_page(
            &state,
            &ctx,
            &token,
            Some(tr.t("flash-mf-answer-missing")),
            None,
        )
        .await;
    };
    match state
        .store
        .date_polls()
        .answer(poll.id, user, &answers)
        .await
    {
        Ok(()) => Ok(see_other(&format!(
            "/date-poll/{token}?done=flash-mf-answer-saved"
        ))),
        Err(StoreError::Conflict(_)) => {
            token_page(
                &state,
                &ctx,
                &token,
                Some(tr.t("flash-mf-poll-closed")),
                None,
            )
            .await
        }
        Err(error) => Err(error.into()),
    }
}

// ---------------------------------------------------------------- pulses

#[derive(Template, WebTemplate)]
#[template(path = "meetings/pulse_new.html")]
struct PulseNewView {
    layout: Layout,
    group: SupportGroup,
    title: String,
    questions: Vec<(usize, String, String)>,
    errors: FieldErrors,
}

async fn pulse_new_page(
    state: &AppState,
    me: &SignedIn,
    group: SupportGroup,
    title: String,
    questions: Vec<(usize, String, String)>,
    errors: FieldErrors,
) -> AppResult<Response> {
    let tr = Tr::new(me.ctx.language);
    let status = form_status(!errors.is_empty());
    let view = PulseNewView {
        layout: Layout::new(
            state,
            &me.ctx,
            "/support-groups",
            tr.t("mf-pulse-new-title"),
        )
        .await,
        group,
        title,
        questions,
        errors,
    };
    Ok((status, no_store(view)).into_response())
}

async fn pulse_new_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<SupportGroupId>,
) -> AppResult<Response> {
    let access = group_access(&state, &me, id).await?;
    access.require(&me, GroupAct::Facilitate)?;
    let tr = Tr::new(me.ctx.language);
    let mut questions: Vec<(usize, String, String)> =
        default_pulse_questions(me.ctx.language == Language::Albanian)
            .into_iter()
            .enumerate()
            .map(|(n, q)| (n, q.text, q.kind.as_str().to_owned()))
            .collect();
    while questions.len() < PULSE_QUESTIONS_MAX {
        questions.push((questions.len(), String::new(), "scale".into()));
    }
    pulse_new_page(
        &state,
        &me,
        access.group,
        tr.t("mf-pulse-default-title"),
        questions,
        FieldErrors::new(),
    )
    .await
}

async fn pulse_new_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<SupportGroupId>,
    Form(form): Form<HashMap<String, String>>,
) -> AppResult<Response> {
    let access = group_access(&state, &me, id).await?;
    access.require(&me, GroupAct::Facilitate)?;
    let tr = Tr::new(me.ctx.language);
    let mut errors = FieldErrors::new();
    let title = errors.check(
        &tr,
        "title",
        required_text(form.get("title").map_or("", String::as_str), 200),
    );
    let mut typed = Vec::new();
    let mut questions = Vec::new();
    for n in 0..PULSE_QUESTIONS_MAX {
        let text = form.get(&format!("q-{n}")).cloned().unwrap_or_default();
        let kind = form
            .get(&format!("kind-{n}"))
            .cloned()
            .unwrap_or_else(|| "scale".into());
        typed.push((n, text.clone(), kind.clone()));
        if text.trim().is_empty() {
            continue;
        }
        match (
            required_text(&text, PULSE_QUESTION_MAX),
            kind.parse::<QuestionKind>(),
        ) {
            (Ok(text), Ok(kind)) => questions.push(PulseQuestion { text, kind }),
            _ => errors.add_message(&tr, "questions", "mf-error-question"),
        }
    }
    if questions.is_empty() && errors.get("questions").is_none() {
        errors.add_message(&tr, "questions", "mf-error-no-questions");
    }
    let (Some(title), true) = (title, errors.is_empty()) else {
        let title = form.get("title").cloned().unwrap_or_default();
        return pulse_new_page(&state, &me, access.group, title, typed, errors).await;
    };
    let pulse = state
        .store
        .pulses()
        .create(id, &title, &questions, me.user.person.id)
        .await?;
    for member in state.store.support_groups().members(id).await? {
        if member.user_id == me.user.person.id {
            continue;
        }
        let person = state.store.people().get(member.user_id).await?;
        let their = their_tr(&person);
        crate::jobs::notify(
            &state,
            member.user_id,
            &their.t1("mf-notice-pulse-title", "group", &access.group.name),
            &their.t("mf-notice-pulse-body"),
            Some(&format!("/support-groups/{id}/pulses/{pulse}")),
            false,
        )
        .await?;
    }
    Ok(see_other(&format!(
        "/support-groups/{id}/pulses/{pulse}?done=flash-mf-pulse-sent"
    )))
}

#[derive(Template, WebTemplate)]
#[template(path = "meetings/pulse.html")]
struct PulseView {
    layout: Layout,
    group: SupportGroup,
    pulse: Pulse,
    answered: bool,
    facilitates: bool,
    summary: Option<Vec<QuestionSummary>>,
    minimum: i64,
    errors: FieldErrors,
}

async fn pulse_page(
    state: &AppState,
    me: &SignedIn,
    id: SupportGroupId,
    pulse: Uuid,
    errors: FieldErrors,
    done: Option<&str>,
) -> AppResult<Response> {
    let access = group_access(state, me, id).await?;
    access.require(me, GroupAct::TakePart)?;
    let pulses = state.store.pulses();
    let pulse = pulses.get(id, pulse).await?;
    let status = form_status(!errors.is_empty());
    let view = PulseView {
        layout: Layout::new(state, &me.ctx, "/support-groups", pulse.title.clone())
            .await
            .with_flash(done),
        answered: pulses.has_answered(pulse.id, me.user.person.id).await?,
        facilitates: access.may(me, GroupAct::Facilitate),
        summary: pulses.summary(&pulse).await?,
        minimum: PULSE_MIN_ANSWERS,
        errors,
        group: access.group,
        pulse,
    };
    Ok((status, no_store(view)).into_response())
}

async fn pulse_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, pulse)): Path<(SupportGroupId, Uuid)>,
    Query(query): Query<DoneQuery>,
) -> AppResult<Response> {
    pulse_page(
        &state,
        &me,
        id,
        pulse,
        FieldErrors::new(),
        query.done.as_deref(),
    )
    .await
}

async fn pulse_answer_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, pulse_id)): Path<(SupportGroupId, Uuid)>,
    Form(form): Form<HashMap<String, String>>,
) -> AppResult<Response> {
    let access = group_access(&state, &me, id).await?;
    access.require(&me, GroupAct::TakePart)?;
    let tr = Tr::new(me.ctx.language);
    let pulse = state.store.pulses().get(id, pulse_id).await?;
    let mut errors = FieldErrors::new();
    let mut answers = Vec::new();
    for (n, question) in pulse.questions.iter().enumerate() {
        let raw = form.get(&format!("a-{n}")).map_or("", String::as_str);
        match question.kind {
            QuestionKind::Scale => match scale(raw) {
                Ok(score) => answers.push(PulseAnswer::Score(score)),
                Err(_) => errors.add_message(&tr, "answers", "mf-error-scale"),
            },
            QuestionKind::Words => match optional_text(raw, PULSE_WORDS_MAX) {
                Ok(words) => answers.push(PulseAnswer::Words(words)),
                Err(error) => errors.add(&tr, "answers", &error),
            },
        }
    }
    if !errors.is_empty() {
        return pulse_page(&state, &me, id, pulse_id, errors, None).await;
    }
    let back = format!("/support-groups/{id}/pulses/{pulse_id}");
    match state
        .store
        .pulses()
        .answer(pulse_id, me.user.person.id, &answers)
        .await
    {
        Ok(()) => Ok(see_other(&format!("{back}?done=flash-mf-pulse-thanks"))),
        Err(StoreError::Conflict("answered")) => {
            Ok(see_other(&format!("{back}?done=flash-mf-pulse-already")))
        }
        Err(StoreError::Conflict(_)) => Ok(see_other(&format!("{back}?done=flash-mf-poll-closed"))),
        Err(error) => Err(error.into()),
    }
}

async fn pulse_close_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, pulse)): Path<(SupportGroupId, Uuid)>,
) -> AppResult<Response> {
    let access = group_access(&state, &me, id).await?;
    access.require(&me, GroupAct::Facilitate)?;
    let pulse = state.store.pulses().get(id, pulse).await?;
    state.store.pulses().close(pulse.id).await?;
    Ok(see_other(&format!(
        "/support-groups/{id}/pulses/{}?done=flash-saved",
        pulse.id
    )))
}
