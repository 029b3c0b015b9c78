//! Running a peer support group's meeting from phones (issue 8): the
//! "This is who I am" icebreaker and the World Café. Members take part,
//! facilitators run; every handler asks the policy through the person's
//! standing in the group. Pages refresh by themselves through a small
//! polling script (`static/meetings.js`) that asks `flow-state` for a version.

use super::support_groups::{GroupAccess, group_access};
use super::{form_status, no_store, see_other};
use crate::context::SignedIn;
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::Layout;
use crate::views::forms::FieldErrors;
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use hearth_domain::UserId;
use hearth_domain::input::{Language, optional_text};
use hearth_domain::meeting_flow::{
    CAFE_NOTES_MAX, CAFE_ROUND_MINUTES_MAX, ICEBREAKER_PART_MAX, THEME_MAX, TURN_SECONDS_MAX,
    TURN_SECONDS_MIN, TurnPhase, default_cafe_themes,
};
use hearth_domain::support_groups::{GroupAct, SupportGroupId, required_text};
use hearth_groups::SearchLimits;
use hearth_groups::cafe::{CafeRequest, world_cafe};
use hearth_store::{Cafe, GroupMember, Icebreaker, IcebreakerNote, Meeting, StoreError};
use serde::Deserialize;
use std::collections::HashMap;
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    let base = "/support-groups/{id}/meetings/{meeting}";
    Router::new()
        .route(&format!("{base}/flow-state"), get(flow_state_get))
        .route(&format!("{base}/icebreaker"), get(icebreaker_get))
        .route(
            &format!("{base}/icebreaker/open"),
            post(icebreaker_open_post),
        )
        .route(
            &format!("{base}/icebreaker/note"),
            post(icebreaker_note_post),
        )
        .route(
            &format!("{base}/icebreaker/keep"),
            post(icebreaker_keep_post),
        )
        .route(
            &format!("{base}/icebreaker/turn"),
            post(icebreaker_turn_post),
        )
        .route(
            &format!("{base}/icebreaker/order"),
            post(icebreaker_order_post),
        )
        .route(
            &format!("{base}/icebreaker/close"),
            post(icebreaker_close_post),
        )
        .route(&format!("{base}/cafe"), get(cafe_get))
        .route(&format!("{base}/cafe/setup"), post(cafe_setup_post))
        .route(&format!("{base}/cafe/seat"), post(cafe_seat_post))
        .route(&format!("{base}/cafe/next"), post(cafe_next_post))
        .route(&format!("{base}/cafe/notes"), post(cafe_notes_post))
        .route(&format!("{base}/cafe/harvest"), get(harvest_get))
        .route(&format!("{base}/cafe/share"), post(harvest_share_post))
}

/// The meeting, after checking the person may `act` in its group.
pub(crate) async fn meeting_for(
    state: &AppState,
    me: &SignedIn,
    id: SupportGroupId,
    meeting: Uuid,
    act: GroupAct,
) -> AppResult<(GroupAccess, Meeting)> {
    let access = group_access(state, me, id).await?;
    access.require(me, act)?;
    let meeting = state
        .store
        .support_group_meetings()
        .get(id, meeting)
        .await?;
    Ok((access, meeting))
}

fn names(members: &[GroupMember]) -> HashMap<UserId, String> {
    members
        .iter()
        .map(|m| (m.user_id, m.name.clone()))
        .collect()
}

fn name_of(names: &HashMap<UserId, String>, user: UserId) -> String {
    names.get(&user).cloned().unwrap_or_else(|| "–".to_owned())
}

/// A timer the page's script counts down: shown to everyone, a gentle
/// warning near the end, and never an end to anyone's turn.
pub struct Timer {
    pub ends_at: i64,
    pub warning_ms: i64,
    pub now: i64,
    pub phase: &'static str,
    pub left: String,
}

impl Timer {
    fn new(started_at: i64, seconds: u32) -> Timer {
        let now = hearth_store::now_ms();
        let ends_at = started_at + i64::from(seconds) * 1000;
        let left = ((ends_at - now).max(0) + 999) / 1000;
        Timer {
            ends_at,
            warning_ms: TurnPhase::warning_ms(seconds),
            now,
            phase: TurnPhase::of(now - started_at, seconds).as_str(),
            left: format!("{}:{:02}", left / 60, left % 60),
        }
    }
}

// ---------------------------------------------------------------- state for the script

#[derive(serde::Serialize)]
struct FlowState {
    version: String,
}

/// A version of what the meeting's live pages show; the pages reload when it changes.
async fn flow_state_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, meeting)): Path<(SupportGroupId, Uuid)>,
) -> AppResult<Response> {
    let (_, meeting) = meeting_for(&state, &me, id, meeting, GroupAct::TakePart).await?;
    let flow = state.store.meeting_flow();
    let icebreaker = flow.icebreaker(meeting.id).await?.map(|i| i.changed_at);
    let cafe = flow.cafe(meeting.id).await?.map(|c| c.changed_at);
    let version = format!("{}-{}", icebreaker.unwrap_or(0), cafe.unwrap_or(0));
    Ok(no_store(axum::Json(FlowState { version })))
}

// ---------------------------------------------------------------- icebreaker

struct PresentedRow {
    name: String,
    note: IcebreakerNote,
}

struct OrderRow {
    user: UserId,
    name: String,
    wrote: bool,
    presented: bool,
    current: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "meetings/icebreaker.html")]
struct IcebreakerView {
    layout: Layout,
    group_id: SupportGroupId,
    group_name: String,
    meeting: Meeting,
    facilitates: bool,
    icebreaker: Option<Icebreaker>,
    version: String,
    presenter: Option<String>,
    presenter_note: Option<IcebreakerNote>,
    timer: Option<Timer>,
    mine: IcebreakerNote,
    has_mine: bool,
    presented: Vec<PresentedRow>,
    order: Vec<OrderRow>,
    next: Option<(UserId, String)>,
    errors: FieldErrors,
    turn_minutes: String,
}

#[derive(Deserialize, Default)]
struct DoneQuery {
    done: Option<String>,
}

#[allow(clippy::too_many_arguments)]
async fn icebreaker_page(
    state: &AppState,
    me: &SignedIn,
    id: SupportGroupId,
    meeting: Uuid,
    typed: Option<IcebreakerNote>,
    errors: FieldErrors,
    turn_minutes: String,
    done: Option<&str>,
) -> AppResult<Response> {
    let (access, meeting) = meeting_for(state, me, id, meeting, GroupAct::TakePart).await?;
    let tr = Tr::new(me.ctx.language);
    let flow = state.store.meeting_flow();
    let icebreaker = flow.icebreaker(meeting.id).await?;
    let members = state.store.support_groups().members(id).await?;
    let names = names(&members);
    let user = me.user.person.id;
    let own = flow.own_note(meeting.id, user).await?;
    let has_mine = own.is_some();
    let mine = typed.or(own).unwrap_or(IcebreakerNote {
        user_id: user,
        past: String::new(),
        present: String::new(),
        future: String::new(),
        keep: false,
        presented: false,
    });
    let (mut presented, mut order, mut presenter, mut presenter_note, mut timer, mut next) =
        (Vec::new(), Vec::new(), None, None, None, None);
    if let Some(ice) = icebreaker.as_ref().filter(|i| !i.closed) {
        let notes = flow.presented_notes(meeting.id).await?;
        let writers = flow.writers(meeting.id).await?;
        if let Some(current) = ice.current {
            presenter = Some(name_of(&names, current));
            presenter_note = notes.iter().find(|n| n.user_id == current).cloned();
            if let Some(started) = ice.turn_started_at {
                timer = Some(Timer::new(started, ice.turn_seconds));
            }
        }
        let presented_already = |u: &UserId| notes.iter().any(|n| n.user_id == *u);
        next = next_presenter(&ice.order, ice.current, &writers, presented_already)
            .map(|u| (u, name_of(&names, u)));
        order = ice
            .order
            .iter()
            .map(|u| OrderRow {
                user: *u,
                name: name_of(&names, *u),
                wrote: writers.contains(u),
                presented: notes.iter().any(|n| n.user_id == *u),
                current: ice.current == Some(*u),
            })
            .collect();
        presented = notes
            .into_iter()
            .filter(|n| Some(n.user_id) != ice.current)
            .map(|note| PresentedRow {
                name: name_of(&names, note.user_id),
                note,
            })
            .collect();
    }
    let version = format!(
        "{}-{}",
        icebreaker.as_ref().map_or(0, |i| i.changed_at),
        flow.cafe(meeting.id).await?.map_or(0, |c| c.changed_at)
    );
    let status = form_status(!errors.is_empty());
    let view = IcebreakerView {
        layout: Layout::new(
            state,
            &me.ctx,
            "/support-groups",
            tr.t("mf-icebreaker-title"),
        )
        .await
        .with_flash(done),
        group_id: id,
        group_name: access.group.name.clone(),
        facilitates: access.may(me, GroupAct::Facilitate),
        meeting,
        icebreaker,
        version,
        presenter,
        presenter_note,
        timer,
        mine,
        has_mine,
        presented,
        order,
        next,
        errors,
        turn_minutes,
    };
    Ok((status, no_store(view)).into_response())
}

async fn icebreaker_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, meeting)): Path<(SupportGroupId, Uuid)>,
    Query(query): Query<DoneQuery>,
) -> AppResult<Response> {
    icebreaker_page(
        &state,
        &me,
        id,
        meeting,
        None,
        FieldErrors::new(),
        "2".into(),
        query.done.as_deref(),
    )
    .await
}

fn icebreaker_path(id: SupportGroupId, meeting: Uuid) -> String {
    format!("/support-groups/{id}/meetings/{meeting}/icebreaker")
}

#[derive(Deserialize)]
struct OpenForm {
    turn_minutes: String,
    #[serde(default)]
    random: Option<String>,
}

async fn icebreaker_open_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, meeting)): Path<(SupportGroupId, Uuid)>,
    Form(form): Form<OpenForm>,
) -> AppResult<Response> {
    meeting_for(&state, &me, id, meeting, GroupAct::Facilitate).await?;
    let tr = Tr::new(me.ctx.language);
    let seconds = form
        .turn_minutes
        .trim()
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|m| m.is_finite())
        .map(|m| (m * 60.0).round() as i64)
        .and_then(|s| u32::try_from(s).ok())
        .filter(|s| (TURN_SECONDS_MIN..=TURN_SECONDS_MAX).contains(s));
    let Some(seconds) = seconds else {
        let mut errors = FieldErrors::new();
        errors.add_message(&tr, "turn_minutes", "mf-error-turn");
        return icebreaker_page(
            &state,
            &me,
            id,
            meeting,
            None,
            errors,
            form.turn_minutes,
            None,
        )
        .await;
    };
    let members = state.store.support_groups().members(id).await?;
    let mut order: Vec<UserId> = members.iter().map(|m| m.user_id).collect();
    if form.random.is_some() {
        shuffle(&mut order);
    }
    state
        .store
        .meeting_flow()
        .open_icebreaker(meeting, &order, seconds)
        .await?;
    Ok(see_other(&icebreaker_path(id, meeting)))
}

/// A fair shuffle from the operating system's randomness.
fn shuffle<T>(items: &mut [T]) {
    for i in (1..items.len()).rev() {
        let mut bytes = [0u8; 8];
        if getrandom::fill(&mut bytes).is_err() {
            return;
        }
        let j = (u64::from_le_bytes(bytes) % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
}

#[derive(Deserialize)]
struct NoteForm {
    past: String,
    present: String,
    future: String,
    #[serde(default)]
    keep: Option<String>,
}

async fn icebreaker_note_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, meeting)): Path<(SupportGroupId, Uuid)>,
    Form(form): Form<NoteForm>,
) -> AppResult<Response> {
    meeting_for(&state, &me, id, meeting, GroupAct::TakePart).await?;
    let tr = Tr::new(me.ctx.language);
    let mut errors = FieldErrors::new();
    let past = errors.check(&tr, "past", optional_text(&form.past, ICEBREAKER_PART_MAX));
    let present = errors.check(
        &tr,
        "present",
        optional_text(&form.present, ICEBREAKER_PART_MAX),
    );
    let future = errors.check(
        &tr,
        "future",
        optional_text(&form.future, ICEBREAKER_PART_MAX),
    );
    let keep = form.keep.is_some();
    let (Some(past), Some(present), Some(future)) = (past, present, future) else {
        let typed = IcebreakerNote {
            user_id: me.user.person.id,
            past: form.past,
            present: form.present,
            future: form.future,
            keep,
            presented: false,
        };
        return icebreaker_page(
            &state,
            &me,
            id,
            meeting,
            Some(typed),
            errors,
            "2".into(),
            None,
        )
        .await;
    };
    let parts = [
        past.as_deref().unwrap_or(""),
        present.as_deref().unwrap_or(""),
        future.as_deref().unwrap_or(""),
    ];
    match state
        .store
        .meeting_flow()
        .write_note(meeting, me.user.person.id, parts, keep)
        .await
    {
        Ok(()) => Ok(see_other(&format!(
            "{}?done=flash-mf-note-saved#mine",
            icebreaker_path(id, meeting)
        ))),
        Err(StoreError::Conflict(_)) => Ok(see_other(&format!(
            "{}?done=flash-mf-icebreaker-not-open",
            icebreaker_path(id, meeting)
        ))),
        Err(error) => Err(error.into()),
    }
}

#[derive(Deserialize)]
struct KeepForm {
    keep: String,
}

async fn icebreaker_keep_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, meeting)): Path<(SupportGroupId, Uuid)>,
    Form(form): Form<KeepForm>,
) -> AppResult<Response> {
    meeting_for(&state, &me, id, meeting, GroupAct::TakePart).await?;
    state
        .store
        .meeting_flow()
        .set_keep(meeting, me.user.person.id, form.keep == "yes")
        .await?;
    Ok(see_other(&format!(
        "{}?done=flash-saved#mine",
        icebreaker_path(id, meeting)
    )))
}

#[derive(Deserialize)]
struct TurnForm {
    /// A member's id, or `none` to end the turns.
    user: String,
}

async fn icebreaker_turn_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, meeting)): Path<(SupportGroupId, Uuid)>,
    Form(form): Form<TurnForm>,
) -> AppResult<Response> {
    meeting_for(&state, &me, id, meeting, GroupAct::Facilitate).await?;
    let flow = state.store.meeting_flow();
    // Besides the hourly sweep of the job runner: whatever was left unkept
    // in icebreakers nobody closed is forgotten as the next one runs.
    flow.forget_stale_notes(hearth_store::now_ms()).await?;
    let icebreaker = flow.icebreaker(meeting).await?.ok_or(AppError::NotFound)?;
    let user = if form.user == "none" {
        None
    } else {
        let user = form
            .user
            .parse::<UserId>()
            .map_err(|_| AppError::NotFound)?;
        if !icebreaker.order.contains(&user) {
            return Err(AppError::NotFound);
        }
        Some(user)
    };
    match flow.start_turn(meeting, user).await {
        Ok(()) => Ok(see_other(&icebreaker_path(id, meeting))),
        Err(StoreError::Conflict(_)) => Ok(see_other(&format!(
            "{}?done=flash-mf-icebreaker-not-open",
            icebreaker_path(id, meeting)
        ))),
        Err(error) => Err(error.into()),
    }
}

#[derive(Deserialize)]
struct OrderForm {
    user: String,
    /// "earlier" or "later".
    direction: String,
}

/// The facilitator moves someone one place earlier or later in the
/// presenting order (who presents when is theirs to judge in the room).
async fn icebreaker_order_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, meeting)): Path<(SupportGroupId, Uuid)>,
    Form(form): Form<OrderForm>,
) -> AppResult<Response> {
    meeting_for(&state, &me, id, meeting, GroupAct::Facilitate).await?;
    let flow = state.store.meeting_flow();
    let icebreaker = flow.icebreaker(meeting).await?.ok_or(AppError::NotFound)?;
    let user = form
        .user
        .parse::<UserId>()
        .map_err(|_| AppError::NotFound)?;
    let earlier = match form.direction.as_str() {
        "earlier" => true,
        "later" => false,
        _ => return Err(AppError::NotFound),
    };
    // At the top or the bottom already: nothing to move, nothing changes.
    if let Some(order) =
        hearth_domain::meeting_flow::moved_in_order(&icebreaker.order, user, earlier)
    {
        match flow.set_order(meeting, &order).await {
            Ok(()) => {}
            Err(StoreError::Conflict(_)) => {
                return Ok(see_other(&format!(
                    "{}?done=flash-mf-icebreaker-not-open",
                    icebreaker_path(id, meeting)
                )));
            }
            Err(error) => return Err(error.into()),
        }
    } else if !icebreaker.order.contains(&user) {
        return Err(AppError::NotFound);
    }
    Ok(see_other(&format!(
        "{}#order-heading",
        icebreaker_path(id, meeting)
    )))
}

async fn icebreaker_close_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, meeting)): Path<(SupportGroupId, Uuid)>,
) -> AppResult<Response> {
    meeting_for(&state, &me, id, meeting, GroupAct::Facilitate).await?;
    state.store.meeting_flow().close_icebreaker(meeting).await?;
    Ok(see_other(&format!(
        "{}?done=flash-mf-icebreaker-closed",
        icebreaker_path(id, meeting)
    )))
}

// ---------------------------------------------------------------- World Café

fn cafe_path(id: SupportGroupId, meeting: Uuid) -> String {
    format!("/support-groups/{id}/meetings/{meeting}/cafe")
}

/// One table in the set-up form.
#[derive(Clone, Default)]
struct TableInput {
    theme: String,
    host: String,
}

/// Where someone sits in one round, in words.
struct SeatView {
    round: u32,
    theme: String,
    host: String,
    others: Vec<String>,
    hosting: bool,
}

/// A table in the facilitator's overview of a round.
struct TableRound {
    theme: String,
    people: Vec<String>,
}

struct HostNotes {
    position: i32,
    theme: String,
    /// (round, text) for each round so far.
    rounds: Vec<(u32, String)>,
}

#[derive(Template, WebTemplate)]
#[template(path = "meetings/cafe.html")]
struct CafeView {
    layout: Layout,
    group_id: SupportGroupId,
    group_name: String,
    meeting: Meeting,
    facilitates: bool,
    cafe: Option<Cafe>,
    version: String,
    members: Vec<GroupMember>,
    tables: Vec<TableInput>,
    rounds_input: String,
    minutes_input: String,
    here: Vec<UserId>,
    errors: FieldErrors,
    timer: Option<Timer>,
    seat: Option<SeatView>,
    my_seats: Vec<SeatView>,
    overview: Vec<TableRound>,
    host_notes: Vec<HostNotes>,
    may_read_harvest: bool,
    /// The facilitator may still change the tables and the seating.
    show_setup: bool,
}

struct CafeInput {
    tables: Vec<TableInput>,
    rounds: String,
    minutes: String,
    here: Option<Vec<UserId>>,
}

fn seat_view(
    cafe: &Cafe,
    names: &HashMap<UserId, String>,
    user: UserId,
    round: u32,
) -> Option<SeatView> {
    let (table, people) = cafe.seat(user, round)?;
    let info = cafe.tables.get(table)?;
    Some(SeatView {
        round,
        theme: info.theme.clone(),
        host: name_of(names, info.host_id),
        others: people
            .iter()
            .filter(|p| **p != user && **p != info.host_id)
            .map(|p| name_of(names, *p))
            .collect(),
        hosting: info.host_id == user,
    })
}

async fn cafe_page(
    state: &AppState,
    me: &SignedIn,
    id: SupportGroupId,
    meeting: Uuid,
    input: Option<CafeInput>,
    errors: FieldErrors,
    done: Option<&str>,
) -> AppResult<Response> {
    let (access, meeting) = meeting_for(state, me, id, meeting, GroupAct::TakePart).await?;
    let tr = Tr::new(me.ctx.language);
    let flow = state.store.meeting_flow();
    let cafe = flow.cafe(meeting.id).await?;
    let members = state.store.support_groups().members(id).await?;
    let names = names(&members);
    let user = me.user.person.id;
    let facilitates = access.may(me, GroupAct::Facilitate);
    let albanian = me.ctx.language == Language::Albanian;
    let input = input.unwrap_or_else(|| match &cafe {
        Some(c) => CafeInput {
            tables: c
                .tables
                .iter()
                .map(|t| TableInput {
                    theme: t.theme.clone(),
                    host: t.host_id.to_string(),
                })
                .collect(),
            rounds: c.rounds.to_string(),
            minutes: c.round_minutes.to_string(),
            here: None,
        },
        None => CafeInput {
            tables: default_cafe_themes(albanian)
                .into_iter()
                .map(|theme| TableInput {
                    theme,
                    host: String::new(),
                })
                .collect(),
            rounds: "3".into(),
            minutes: "10".into(),
            here: None,
        },
    });
    let mut tables = input.tables;
    // Room for one more table than set up, up to eight.
    if tables.len() < 8 {
        tables.push(TableInput::default());
    }
    // Those marked absent stay out of the seating unless ticked.
    let marks = match meeting.activity_id {
        Some(activity) => {
            state
                .store
                .support_group_meetings()
                .attendance(activity)
                .await?
        }
        None => HashMap::new(),
    };
    let here = input.here.unwrap_or_else(|| {
        members
            .iter()
            .filter(|m| marks.get(&m.user_id).map(String::as_str) != Some("absent"))
            .map(|m| m.user_id)
            .collect()
    });
    let (mut timer, mut seat, mut my_seats, mut overview, mut host_notes) =
        (None, None, Vec::new(), Vec::new(), Vec::new());
    let mut may_read_harvest = facilitates;
    if let Some(c) = &cafe {
        may_read_harvest |= c.is_host(&user) || c.shared_with_group;
        if c.running() {
            if let Some(started) = c.round_started_at {
                timer = Some(Timer::new(
                    started,
                    c.round_minutes.saturating_mul(60).max(60),
                ));
            }
            seat = seat_view(c, &names, user, c.current_round);
            if let Some(round) = c
                .plan
                .as_ref()
                .and_then(|p| p.get(c.current_round as usize - 1))
            {
                overview = round
                    .iter()
                    .enumerate()
                    .map(|(t, people)| TableRound {
                        theme: c.tables.get(t).map(|x| x.theme.clone()).unwrap_or_default(),
                        people: people.iter().map(|p| name_of(&names, *p)).collect(),
                    })
                    .collect();
            }
        }
        if c.plan.is_some() {
            my_seats = (1..=c.rounds)
                .filter_map(|r| seat_view(c, &names, user, r))
                .collect();
        }
        let notes = flow.cafe_notes(meeting.id).await?;
        let last_round = c.current_round.min(c.rounds);
        host_notes = c
            .tables
            .iter()
            .filter(|t| t.host_id == user)
            .map(|t| HostNotes {
                position: t.position,
                theme: t.theme.clone(),
                rounds: (1..=last_round)
                    .map(|r| {
                        let text = notes
                            .iter()
                            .find(|n| n.position == t.position && n.round == r)
                            .map(|n| n.text.clone())
                            .unwrap_or_default();
                        (r, text)
                    })
                    .collect(),
            })
            .collect();
    }
    let version = format!(
        "{}-{}",
        flow.icebreaker(meeting.id)
            .await?
            .map_or(0, |i| i.changed_at),
        cafe.as_ref().map_or(0, |c| c.changed_at)
    );
    let status = form_status(!errors.is_empty());
    let view = CafeView {
        layout: Layout::new(state, &me.ctx, "/support-groups", tr.t("mf-cafe-title"))
            .await
            .with_flash(done),
        group_id: id,
        group_name: access.group.name.clone(),
        meeting,
        facilitates,
        version,
        members,
        tables,
        rounds_input: input.rounds,
        minutes_input: input.minutes,
        here,
        errors,
        timer,
        seat,
        my_seats,
        overview,
        host_notes,
        may_read_harvest,
        show_setup: facilitates && cafe.as_ref().is_none_or(|c| c.current_round == 0),
        cafe,
    };
    Ok((status, no_store(view)).into_response())
}

async fn cafe_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, meeting)): Path<(SupportGroupId, Uuid)>,
    Query(query): Query<DoneQuery>,
) -> AppResult<Response> {
    cafe_page(
        &state,
        &me,
        id,
        meeting,
        None,
        FieldErrors::new(),
        query.done.as_deref(),
    )
    .await
}

/// The set-up form: `theme-N` and `host-N` for each table, `rounds`, `minutes`.
async fn cafe_setup_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, meeting)): Path<(SupportGroupId, Uuid)>,
    Form(form): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    meeting_for(&state, &me, id, meeting, GroupAct::Facilitate).await?;
    let tr = Tr::new(me.ctx.language);
    let field = |name: &str| {
        form.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let members = state.store.support_groups().members(id).await?;
    let mut errors = FieldErrors::new();
    let mut inputs = Vec::new();
    let mut tables = Vec::new();
    for n in 0..8 {
        let theme = field(&format!("theme-{n}"));
        let host = field(&format!("host-{n}"));
        if theme.trim().is_empty() && host.is_empty() {
            continue;
        }
        inputs.push(TableInput {
            theme: theme.clone(),
            host: host.clone(),
        });
        let theme = required_text(&theme, THEME_MAX);
        let host = host
            .parse::<UserId>()
            .ok()
            .filter(|h| members.iter().any(|m| m.user_id == *h));
        match (theme, host) {
            (Ok(theme), Some(host)) => tables.push((theme, host)),
            (Err(_), _) => errors.add_message(&tr, "tables", "mf-error-table-theme"),
            (_, None) => errors.add_message(&tr, "tables", "mf-error-table-host"),
        }
    }
    let mut hosts: Vec<UserId> = tables.iter().map(|(_, h)| *h).collect();
    hosts.sort();
    hosts.dedup();
    if hosts.len() != tables.len() {
        errors.add_message(&tr, "tables", "mf-error-host-twice");
    }
    if tables.len() < 2 && errors.get("tables").is_none() {
        errors.add_message(&tr, "tables", "mf-error-two-tables");
    }
    let rounds = field("rounds")
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|r| *r >= 1 && (*r as usize) <= tables.len().max(1));
    if rounds.is_none() {
        errors.add_message(&tr, "rounds", "mf-error-rounds");
    }
    let minutes = field("minutes")
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|m| (1..=CAFE_ROUND_MINUTES_MAX).contains(m));
    if minutes.is_none() {
        errors.add_message(&tr, "minutes", "mf-error-round-minutes");
    }
    let (Some(rounds), Some(minutes), true) = (rounds, minutes, errors.is_empty()) else {
        let input = CafeInput {
            tables: inputs,
            rounds: field("rounds"),
            minutes: field("minutes"),
            here: None,
        };
        return cafe_page(&state, &me, id, meeting, Some(input), errors, None).await;
    };
    match state
        .store
        .meeting_flow()
        .set_up_cafe(meeting, &tables, rounds, minutes)
        .await
    {
        Ok(()) => Ok(see_other(&format!(
            "{}?done=flash-saved#seating",
            cafe_path(id, meeting)
        ))),
        Err(StoreError::Conflict(_)) => Ok(see_other(&format!(
            "{}?done=flash-mf-cafe-started",
            cafe_path(id, meeting)
        ))),
        Err(error) => Err(error.into()),
    }
}

/// Seats who is here with the group engine's café mode: hosts stay, guests
/// visit each theme at most once and meet as many new people as can be.
async fn cafe_seat_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, meeting)): Path<(SupportGroupId, Uuid)>,
    Form(form): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    meeting_for(&state, &me, id, meeting, GroupAct::Facilitate).await?;
    let tr = Tr::new(me.ctx.language);
    let flow = state.store.meeting_flow();
    let cafe = flow.cafe(meeting).await?.ok_or(AppError::NotFound)?;
    let members = state.store.support_groups().members(id).await?;
    let ticked: Vec<UserId> = form
        .iter()
        .filter(|(k, _)| k == "here")
        .filter_map(|(_, v)| v.parse::<UserId>().ok())
        .filter(|u| members.iter().any(|m| m.user_id == *u))
        .collect();
    // Hosts first (index t hosts table t), then the guests who are here.
    let mut people: Vec<UserId> = cafe.tables.iter().map(|t| t.host_id).collect();
    let guests: Vec<UserId> = ticked
        .iter()
        .filter(|u| !people.contains(u))
        .copied()
        .collect();
    people.extend(guests);
    let request = CafeRequest {
        people: people.len(),
        tables: cafe.tables.len(),
        rounds: cafe.rounds as usize,
        hosts: Some((0..cafe.tables.len()).collect()),
        seed: hearth_store::now_ms().unsigned_abs(),
        limits: SearchLimits::iterations(20_000),
    };
    let plan = match world_cafe(&request) {
        Ok(plan) => plan,
        Err(_) => {
            let mut errors = FieldErrors::new();
            errors.add_message(&tr, "here", "mf-error-too-few-guests");
            let input = CafeInput {
                tables: cafe
                    .tables
                    .iter()
                    .map(|t| TableInput {
                        theme: t.theme.clone(),
                        host: t.host_id.to_string(),
                    })
                    .collect(),
                rounds: cafe.rounds.to_string(),
                minutes: cafe.round_minutes.to_string(),
                here: Some(ticked),
            };
            return cafe_page(&state, &me, id, meeting, Some(input), errors, None).await;
        }
    };
    let seating: hearth_store::CafePlan = plan
        .rounds
        .iter()
        .map(|round| {
            round
                .iter()
                .map(|table| {
                    table
                        .iter()
                        .filter_map(|&p| people.get(p).copied())
                        .collect()
                })
                .collect()
        })
        .collect();
    match flow.set_cafe_plan(meeting, &seating).await {
        Ok(()) => Ok(see_other(&format!(
            "{}?done=flash-mf-cafe-seated",
            cafe_path(id, meeting)
        ))),
        Err(StoreError::Conflict(_)) => Ok(see_other(&format!(
            "{}?done=flash-mf-cafe-started",
            cafe_path(id, meeting)
        ))),
        Err(error) => Err(error.into()),
    }
}

async fn cafe_next_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, meeting)): Path<(SupportGroupId, Uuid)>,
) -> AppResult<Response> {
    meeting_for(&state, &me, id, meeting, GroupAct::Facilitate).await?;
    match state.store.meeting_flow().next_round(meeting).await {
        Ok(()) => Ok(see_other(&cafe_path(id, meeting))),
        Err(StoreError::Conflict(_)) => Ok(see_other(&format!(
            "{}?done=flash-mf-cafe-not-seated",
            cafe_path(id, meeting)
        ))),
        Err(error) => Err(error.into()),
    }
}

#[derive(Deserialize)]
struct CafeNotesForm {
    position: i32,
    round: u32,
    text: String,
}

/// A host writes what their table said in a round (this or an earlier one).
async fn cafe_notes_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, meeting)): Path<(SupportGroupId, Uuid)>,
    Form(form): Form<CafeNotesForm>,
) -> AppResult<Response> {
    meeting_for(&state, &me, id, meeting, GroupAct::TakePart).await?;
    let flow = state.store.meeting_flow();
    let cafe = flow.cafe(meeting).await?.ok_or(AppError::NotFound)?;
    let table = cafe
        .tables
        .iter()
        .find(|t| t.position == form.position)
        .ok_or(AppError::NotFound)?;
    if table.host_id != me.user.person.id {
        return Err(AppError::Forbidden);
    }
    if form.round == 0 || form.round > cafe.current_round.min(cafe.rounds) {
        return Err(AppError::NotFound);
    }
    let tr = Tr::new(me.ctx.language);
    match optional_text(&form.text, CAFE_NOTES_MAX) {
        Ok(text) => {
            flow.write_cafe_note(
                meeting,
                form.position,
                form.round,
                text.as_deref().unwrap_or(""),
            )
            .await?;
            Ok(see_other(&format!(
                "{}?done=flash-mf-notes-saved#notes",
                cafe_path(id, meeting)
            )))
        }
        Err(error) => {
            let mut errors = FieldErrors::new();
            errors.add(&tr, "notes", &error);
            cafe_page(&state, &me, id, meeting, None, errors, None).await
        }
    }
}

// ---------------------------------------------------------------- the harvest

struct HarvestTable {
    theme: String,
    host: String,
    rounds: Vec<(u32, String)>,
}

#[derive(Template, WebTemplate)]
#[template(path = "meetings/harvest.html")]
struct HarvestView {
    layout: Layout,
    group_id: SupportGroupId,
    group_name: String,
    meeting: Meeting,
    when: String,
    facilitates: bool,
    member: bool,
    shared_with_group: bool,
    tables: Vec<HarvestTable>,
    shared_with: Vec<String>,
    linked: Vec<(SupportGroupId, String)>,
}

/// Who reads a harvest: the group's facilitators and the café's hosts; every
/// member once shared with the group; members of a group it was shared with.
async fn harvest_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, meeting_id)): Path<(SupportGroupId, Uuid)>,
    Query(query): Query<DoneQuery>,
) -> AppResult<Response> {
    let access = group_access(&state, &me, id).await?;
    let meeting = state
        .store
        .support_group_meetings()
        .get(id, meeting_id)
        .await?;
    let flow = state.store.meeting_flow();
    let cafe = flow.cafe(meeting_id).await?.ok_or(AppError::NotFound)?;
    let user = me.user.person.id;
    let member = access.may(&me, GroupAct::TakePart);
    let facilitates = access.may(&me, GroupAct::Facilitate);
    let shared_with = flow.harvest_shared_with(meeting_id).await?;
    let mut may = facilitates || (member && (cafe.is_host(&user) || cafe.shared_with_group));
    if !may {
        for group in &shared_with {
            let standing = state.store.support_groups().standing(*group, user).await?;
            if me.may(
                hearth_domain::policy::Action::InSupportGroup {
                    act: GroupAct::TakePart,
                    standing,
                },
                access.group.scope(),
            ) {
                may = true;
            }
        }
    }
    if !may {
        return Err(AppError::Forbidden);
    }
    let tr = Tr::new(me.ctx.language);
    let notes = flow.cafe_notes(meeting_id).await?;
    let tables = cafe
        .tables
        .iter()
        .map(|t| HarvestTable {
            theme: t.theme.clone(),
            host: t.host_name.clone(),
            rounds: notes
                .iter()
                .filter(|n| n.position == t.position && !n.text.is_empty())
                .map(|n| (n.round, n.text.clone()))
                .collect(),
        })
        .collect();
    let links = state.store.support_groups().links(id).await?;
    let zone = me.time_zone(&state).await?;
    let group_names: HashMap<SupportGroupId, String> = links
        .iter()
        .map(|l| (l.other, l.other_name.clone()))
        .collect();
    let view = HarvestView {
        layout: Layout::new(&state, &me.ctx, "/support-groups", tr.t("mf-harvest-title"))
            .await
            .with_flash(query.done.as_deref()),
        group_id: id,
        group_name: access.group.name.clone(),
        when: crate::views::format_time(meeting.starts_at, &zone),
        meeting,
        facilitates,
        member,
        shared_with_group: cafe.shared_with_group,
        tables,
        shared_with: shared_with
            .iter()
            .filter_map(|g| group_names.get(g).cloned())
            .collect(),
        linked: links
            .into_iter()
            .filter(|l| l.agreed && !shared_with.contains(&l.other))
            .map(|l| (l.other, l.other_name))
            .collect(),
    };
    Ok(no_store(view))
}

#[derive(Deserialize)]
struct ShareForm {
    /// `group`, `ungroup`, or a linked group's id.
    with: String,
}

async fn harvest_share_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, meeting)): Path<(SupportGroupId, Uuid)>,
    Form(form): Form<ShareForm>,
) -> AppResult<Response> {
    let (access, meeting) = meeting_for(&state, &me, id, meeting, GroupAct::Facilitate).await?;
    let flow = state.store.meeting_flow();
    match form.with.as_str() {
        "group" | "ungroup" => {
            flow.share_harvest_with_group(meeting.id, form.with == "group")
                .await?
        }
        other => {
            let other = other
                .parse::<SupportGroupId>()
                .map_err(|_| AppError::NotFound)?;
            // Only groups that agreed to cooperate receive a harvest.
            if !state.store.support_groups().link_agreed(id, other).await? {
                return Err(AppError::NotFound);
            }
            flow.share_harvest_with(meeting.id, other).await?;
            for member in state.store.support_groups().members(other).await? {
                if !member.role.facilitates() {
                    continue;
                }
                let person = state.store.people().get(member.user_id).await?;
                let their = super::date_polls::their_tr(&person);
                crate::jobs::notify(
                    &state,
                    member.user_id,
                    &their.t1("mf-notice-harvest-title", "group", &access.group.name),
                    &their.t("mf-notice-harvest-body"),
                    Some(&format!(
                        "/support-groups/{id}/meetings/{}/cafe/harvest",
                        meeting.id
                    )),
                    false,
                )
                .await?;
            }
        }
    }
    Ok(see_other(&format!(
        "/support-groups/{id}/meetings/{}/cafe/harvest?done=flash-mf-harvest-shared",
        meeting.id
    )))
}

/// Who presents next: the first after the current presenter in the order
/// who has not presented yet; after the last, back to anyone earlier who
/// wrote and has not presented (a facilitator may call someone out of
/// order, and "next" must not then vanish while people are still waiting).
fn next_presenter(
    order: &[UserId],
    current: Option<UserId>,
    writers: &[UserId],
    presented: impl Fn(&UserId) -> bool,
) -> Option<UserId> {
    let start = current
        .and_then(|c| order.iter().position(|u| *u == c))
        .map_or(0, |i| i + 1);
    let waiting = |u: &&UserId| Some(**u) != current && !presented(u);
    order[start.min(order.len())..]
        .iter()
        .find(waiting)
        .or_else(|| {
            order[..start.min(order.len())]
                .iter()
                .filter(|u| writers.contains(u))
                .find(waiting)
        })
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_follows_the_order_and_comes_back_for_those_still_waiting() {
        let people: Vec<UserId> = (0..4).map(|_| UserId::new()).collect();
        let [a, b, c, d] = [people[0], people[1], people[2], people[3]];
        let none = |_: &UserId| false;
        assert_eq!(next_presenter(&people, None, &people, none), Some(a));
        assert_eq!(next_presenter(&people, Some(b), &people, none), Some(c));
        // The last was called out of order: back to the first still waiting.
        assert_eq!(next_presenter(&people, Some(d), &people, none), Some(a));
        let done = |u: &UserId| *u == a;
        assert_eq!(next_presenter(&people, Some(d), &people, done), Some(b));
        // Someone who wrote nothing is offered in turn, but not again after the end.
        let wrote = [a, c, d];
        assert_eq!(next_presenter(&people, Some(a), &wrote, none), Some(b));
        let all_but_b = |u: &UserId| *u != b;
        assert_eq!(next_presenter(&people, Some(d), &wrote, all_but_b), None);
    }
}
