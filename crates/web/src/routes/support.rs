//! One-to-one support, the foundations: student centres and their opening
//! hours, confidential rooms with a day view and bookings the database keeps
//! from overlapping, and the drop-in rota peers sign up to.
//!
//! The queue, session logs and supervision live in `support_logs.rs`.

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
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use hearth_domain::input::{Name, date, optional_text};
use hearth_domain::policy::Action;
use hearth_domain::roles::Scope;
use hearth_domain::support::{self as domain, DayHours};
use hearth_domain::{SiteId, UserId};
use hearth_store::{Location, NewBooking, NewShift, Room, Shift, Site, StoreError, now_ms};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub const SHIFT_REMINDER: &str = "support-shift-reminder";
/// Reminders go out a day before a shift.
const REMINDER_BEFORE_MS: i64 = 24 * 3_600_000;
const DAY_MS: i64 = 24 * 3_600_000;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/one-to-one", get(hub_get))
        .route("/one-to-one/locations", post(location_post))
        .route("/one-to-one/locations/{id}", get(location_get))
        .route("/one-to-one/locations/{id}/hours", post(hours_post))
        .route("/one-to-one/rooms", post(room_post))
        .route("/one-to-one/rooms/{id}", get(room_get))
        .route("/one-to-one/rooms/{id}/bookings", post(booking_post))
        .route("/one-to-one/rota", get(rota_get))
        .route("/one-to-one/rota/shifts", post(shift_post))
        .route("/one-to-one/shifts/{id}/sign-up", post(sign_up_post))
        .route("/one-to-one/shifts/{id}/withdraw", post(withdraw_post))
        .route("/one-to-one/shifts/{id}/swap", post(swap_post))
        .route("/one-to-one/swaps/{id}/take", post(take_swap_post))
}

// --- time on screen and in forms: the organisation's zone ---

pub(crate) fn tz(zone: &str) -> jiff::tz::TimeZone {
    jiff::tz::TimeZone::get(zone).unwrap_or(jiff::tz::TimeZone::UTC)
}

/// A day and a time typed into a form, in `zone`, as stored milliseconds.
pub(crate) fn local_ms(day: jiff::civil::Date, time: &str, zone: &str) -> Option<i64> {
    let time = time.trim().parse::<jiff::civil::Time>().ok()?;
    day.to_datetime(time)
        .to_zoned_datetime(tz(zone))
        .ok()
        .map(|z| z.timestamp().as_millisecond())
}

/// Midnight to midnight of `day` in `zone`.
pub(crate) fn day_bounds(day: jiff::civil::Date, zone: &str) -> (i64, i64) {
    let start = local_ms(day, "00:00", zone).unwrap_or(0);
    let end = day
        .tomorrow()
        .ok()
        .and_then(|d| local_ms(d, "00:00", zone))
        .unwrap_or(start + DAY_MS);
    (start, end)
}

pub(crate) fn today(zone: &str) -> jiff::civil::Date {
    jiff::Timestamp::now().to_zoned_datetime(tz(zone)).date()
}

pub(crate) fn clock(ms: i64, zone: &str) -> String {
    hearth_store::timestamp(ms)
        .to_zoned_datetime(tz(zone))
        .strftime("%H:%M")
        .to_string()
}

pub(crate) fn day_label(tr: &Tr, ms: i64, zone: &str) -> String {
    let zoned = hearth_store::timestamp(ms).to_zoned_datetime(tz(zone));
    let weekday = zoned.weekday().to_monday_one_offset();
    format!(
        "{} {}",
        tr.t(&format!("support-weekday-{weekday}")),
        zoned.strftime("%Y-%m-%d")
    )
}

/// The organisation's zone: shifts and rooms belong to places, not people.
pub(crate) async fn org_zone(state: &AppState) -> AppResult<String> {
    Ok(state
        .store
        .org()
        .organisation()
        .await?
        .map(|o| o.time_zone)
        .unwrap_or_else(|| "UTC".into()))
}

/// The sites where `me` may do `action`.
pub(crate) fn sites_for(me: &SignedIn, sites: &[Site], action: Action) -> Vec<Site> {
    sites
        .iter()
        .filter(|s| me.may(action, Scope::Site(s.id)))
        .cloned()
        .collect()
}

fn parse_site(raw: &str, allowed: &[Site]) -> Option<SiteId> {
    raw.parse::<SiteId>()
        .ok()
        .filter(|id| allowed.iter().any(|s| s.id == *id))
}

// --- the hub ---

struct ShiftRow {
    shift: Shift,
    when: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "support/hub.html")]
struct HubView {
    layout: Layout,
    locations: Vec<Location>,
    rooms: Vec<Room>,
    /// Sites where the reader keeps the service (new locations and rooms).
    manage_sites: Vec<Site>,
    my_shifts: Vec<ShiftRow>,
    on_shift: Vec<ShiftRow>,
    is_supervisor: bool,
    /// Whether the reader works shifts somewhere (their logs, their wellbeing).
    can_work: bool,
    location_form: LocationForm,
    room_form: RoomForm,
    errors: FieldErrors,
    /// Which form the errors belong to.
    failed: &'static str,
}

#[derive(Deserialize)]
struct DoneQuery {
    done: Option<String>,
}

#[derive(Deserialize, Default, Clone)]
struct LocationForm {
    site: String,
    name: String,
    address: String,
}

#[derive(Deserialize, Default, Clone)]
struct RoomForm {
    site: String,
    room_name: String,
    capacity: String,
    accessibility: String,
}

/// What the hub shows a person; refuses those with no part in the service.
async fn hub_page(
    state: &AppState,
    me: &SignedIn,
    location_form: LocationForm,
    room_form: RoomForm,
    errors: FieldErrors,
    failed: &'static str,
    flash: Option<&str>,
) -> AppResult<Response> {
    let tr = Tr::new(me.ctx.language);
    let sites = state.store.org().sites(false).await?;
    let rota_sites = sites_for(me, &sites, Action::ViewRota);
    let manage_sites = sites_for(me, &sites, Action::ManageSupport);
    let supervised = sites_for(me, &sites, Action::SuperviseSupport);
    if rota_sites.is_empty() && !me.may(Action::ViewRota, Scope::Organisation) {
        return Err(AppError::Forbidden);
    }
    let visible = |site: SiteId| me.may(Action::ViewRota, Scope::Site(site));
    let zone = org_zone(state).await?;
    let now = now_ms();
    let upcoming = state
        .store
        .support()
        .shifts(now - DAY_MS, now + 14 * DAY_MS)
        .await?;
    let row = |shift: Shift| ShiftRow {
        when: format!(
            "{} {}–{}",
            day_label(&tr, shift.starts_at, &zone),
            clock(shift.starts_at, &zone),
            clock(shift.ends_at, &zone)
        ),
        shift,
    };
    let my_shifts = upcoming
        .into_iter()
        .filter(|s| s.has(me.actor.user) && s.ends_at > now)
        .map(row)
        .collect();
    let on_shift = state
        .store
        .support()
        .on_shift(me.actor.user, now)
        .await?
        .into_iter()
        .map(row)
        .collect();
    let view = HubView {
        layout: Layout::new(state, &me.ctx, "/one-to-one", tr.t("support-title"))
            .await
            .with_flash(flash),
        locations: state
            .store
            .support()
            .locations()
            .await?
            .into_iter()
            .filter(|l| visible(l.site_id))
            .collect(),
        rooms: state
            .store
            .support()
            .rooms()
            .await?
            .into_iter()
            .filter(|r| visible(r.site_id))
            .collect(),
        manage_sites,
        my_shifts,
        on_shift,
        is_supervisor: !supervised.is_empty(),
        can_work: !sites_for(me, &sites, Action::WorkShift).is_empty(),
        location_form,
        room_form,
        errors,
        failed,
    };
    Ok((form_status(!failed.is_empty()), no_store(view)).into_response())
}

async fn hub_get(
    State(state): State<AppState>,
    me: SignedIn,
    Query(query): Query<DoneQuery>,
) -> AppResult<Response> {
    hub_page(
        &state,
        &me,
        LocationForm::default(),
        RoomForm::default(),
        FieldErrors::new(),
        "",
        query.done.as_deref(),
    )
    .await
}

async fn location_post(
    State(state): State<AppState>,
    me: SignedIn,
    Form(form): Form<LocationForm>,
) -> AppResult<Response> {
    let sites = state.store.org().sites(false).await?;
    let allowed = sites_for(&me, &sites, Action::ManageSupport);
    if allowed.is_empty() {
        return Err(AppError::Forbidden);
    }
    let tr = Tr::new(me.ctx.language);
    let mut errors = FieldErrors::new();
    let site = parse_site(&form.site, &allowed);
    if site.is_none() {
        errors.add_message(&tr, "site", "error-choose-one");
    }
    let name = errors.check(&tr, "name", Name::parse(&form.name));
    let address = errors.check(&tr, "address", optional_text(&form.address, 300));
    if let (Some(site), Some(name), Some(address)) = (site, name, address)
        && errors.is_empty()
    {
        let id = state
            .store
            .support()
            .create_location(site, name.as_str(), address.as_deref())
            .await?;
        return Ok(see_other(&format!(
            "/one-to-one/locations/{id}?done=flash-saved"
        )));
    }
    hub_page(
        &state,
        &me,
        form,
        RoomForm::default(),
        errors,
        "location",
        None,
    )
    .await
}

async fn room_post(
    State(state): State<AppState>,
    me: SignedIn,
    Form(form): Form<RoomForm>,
) -> AppResult<Response> {
    let sites = state.store.org().sites(false).await?;
    let allowed = sites_for(&me, &sites, Action::ManageSupport);
    if allowed.is_empty() {
        return Err(AppError::Forbidden);
    }
    let tr = Tr::new(me.ctx.language);
    let mut errors = FieldErrors::new();
    let site = parse_site(&form.site, &allowed);
    if site.is_none() {
        errors.add_message(&tr, "room_site", "error-choose-one");
    }
    let name = errors.check(&tr, "room_name", Name::parse(&form.room_name));
    let capacity = errors.check(&tr, "capacity", domain::capacity(&form.capacity));
    let accessibility = errors.check(
        &tr,
        "accessibility",
        optional_text(&form.accessibility, 500),
    );
    if let (Some(site), Some(name), Some(capacity), Some(accessibility)) =
        (site, name, capacity, accessibility)
        && errors.is_empty()
    {
        let id = state
            .store
            .support()
            .create_room(site, name.as_str(), capacity, accessibility.as_deref())
            .await?;
        return Ok(see_other(&format!(
            "/one-to-one/rooms/{id}?done=flash-saved"
        )));
    }
    hub_page(
        &state,
        &me,
        LocationForm::default(),
        form,
        errors,
        "room",
        None,
    )
    .await
}

// --- a location: hours and the check-in address ---

#[derive(Template, WebTemplate)]
#[template(path = "support/location.html")]
struct LocationView {
    layout: Layout,
    location: Location,
    /// Monday to Sunday: (weekday, label, typed hours).
    days: Vec<(i8, String, String)>,
    can_manage: bool,
    can_work: bool,
    checkin_url: String,
    errors: FieldErrors,
    queue: Vec<super::support_logs::WaitingRow>,
    on_shift_here: bool,
}

async fn location_page(
    state: &AppState,
    me: &SignedIn,
    id: Uuid,
    typed: Option<Vec<String>>,
    errors: FieldErrors,
    flash: Option<&str>,
) -> AppResult<Response> {
    let location = state.store.support().location(id).await?;
    let scope = Scope::Site(location.site_id);
    me.require(Action::ViewRota, scope)?;
    let tr = Tr::new(me.ctx.language);
    let stored = state.store.support().hours(id).await?;
    let days = (1..=7)
        .map(|weekday: i8| {
            let text = match &typed {
                Some(typed) => typed[usize::from(weekday as u8 - 1)].clone(),
                None => stored
                    .iter()
                    .find(|h| h.weekday == weekday)
                    .map(|h| format!("{}-{}", h.opens, h.closes))
                    .unwrap_or_default(),
            };
            (weekday, tr.t(&format!("support-weekday-{weekday}")), text)
        })
        .collect();
    let can_work = me.may(Action::WorkShift, scope);
    let now = now_ms();
    let on_shift_here = state
        .store
        .support()
        .on_shift(me.actor.user, now)
        .await?
        .iter()
        .any(|s| s.location_id == id);
    let queue = if can_work {
        super::support_logs::waiting_rows(state, &tr, id).await?
    } else {
        Vec::new()
    };
    let view = LocationView {
        layout: Layout::new(state, &me.ctx, "/one-to-one", location.name.clone())
            .await
            .with_flash(flash),
        checkin_url: format!(
            "{}/check-in/{}",
            state.config.public_url.trim_end_matches('/'),
            location.checkin_code
        ),
        can_manage: me.may(Action::ManageSupport, scope),
        can_work,
        location,
        days,
        errors,
        queue,
        on_shift_here,
    };
    let status = form_status(typed.is_some());
    Ok((status, no_store(view)).into_response())
}

async fn location_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<Uuid>,
    Query(query): Query<DoneQuery>,
) -> AppResult<Response> {
    location_page(
        &state,
        &me,
        id,
        None,
        FieldErrors::new(),
        query.done.as_deref(),
    )
    .await
}

#[derive(Deserialize)]
struct HoursForm {
    #[serde(default)]
    d1: String,
    #[serde(default)]
    d2: String,
    #[serde(default)]
    d3: String,
    #[serde(default)]
    d4: String,
    #[serde(default)]
    d5: String,
    #[serde(default)]
    d6: String,
    #[serde(default)]
    d7: String,
}

const DAY_FIELDS: [&str; 7] = ["d1", "d2", "d3", "d4", "d5", "d6", "d7"];

async fn hours_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<Uuid>,
    Form(form): Form<HoursForm>,
) -> AppResult<Response> {
    let location = state.store.support().location(id).await?;
    me.require(Action::ManageSupport, Scope::Site(location.site_id))?;
    let tr = Tr::new(me.ctx.language);
    let typed = vec![
        form.d1, form.d2, form.d3, form.d4, form.d5, form.d6, form.d7,
    ];
    let mut errors = FieldErrors::new();
    let mut hours: Vec<DayHours> = Vec::new();
    for (index, text) in typed.iter().enumerate() {
        let weekday = index as i8 + 1;
        if let Some(Some(day)) =
            errors.check(&tr, DAY_FIELDS[index], domain::day_hours(weekday, text))
        {
            hours.push(day);
        }
    }
    if !errors.is_empty() {
        return location_page(&state, &me, id, Some(typed), errors, None).await;
    }
    state.store.support().set_hours(id, &hours).await?;
    Ok(see_other(&format!(
        "/one-to-one/locations/{id}?done=flash-saved"
    )))
}

// --- a room's day view and its bookings ---

struct BookingRow {
    from: String,
    to: String,
    purpose: String,
    by: Option<String>,
    is_shift: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "support/room.html")]
struct RoomView {
    layout: Layout,
    room: Room,
    day_title: String,
    previous: String,
    next: String,
    bookings: Vec<BookingRow>,
    can_book: bool,
    form: BookingForm,
    errors: FieldErrors,
}

#[derive(Deserialize)]
struct DayQuery {
    date: Option<String>,
    done: Option<String>,
}

#[derive(Deserialize, Default, Clone)]
struct BookingForm {
    date: String,
    starts: String,
    ends: String,
    purpose: String,
}

#[allow(clippy::too_many_arguments)]
async fn room_page(
    state: &AppState,
    me: &SignedIn,
    id: Uuid,
    day: jiff::civil::Date,
    form: BookingForm,
    errors: FieldErrors,
    status: StatusCode,
    flash: Option<&str>,
) -> AppResult<Response> {
    let room = state.store.support().room(id).await?;
    let scope = Scope::Site(room.site_id);
    me.require(Action::ViewRota, scope)?;
    let tr = Tr::new(me.ctx.language);
    let zone = org_zone(state).await?;
    let (from, to) = day_bounds(day, &zone);
    let bookings = state
        .store
        .support()
        .bookings(id, from, to)
        .await?
        .into_iter()
        .map(|b| BookingRow {
            from: clock(b.starts_at, &zone),
            to: clock(b.ends_at, &zone),
            purpose: b.purpose,
            by: b.booked_by_name,
            is_shift: b.shift_id.is_some(),
        })
        .collect();
    let view = RoomView {
        layout: Layout::new(state, &me.ctx, "/one-to-one", room.name.clone())
            .await
            .with_flash(flash),
        day_title: day_label(&tr, from, &zone),
        previous: day.yesterday().map(|d| d.to_string()).unwrap_or_default(),
        next: day.tomorrow().map(|d| d.to_string()).unwrap_or_default(),
        bookings,
        can_book: me.may(Action::BookRoom, scope),
        room,
        form,
        errors,
    };
    Ok((status, no_store(view)).into_response())
}

async fn room_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<Uuid>,
    Query(query): Query<DayQuery>,
) -> AppResult<Response> {
    let zone = org_zone(&state).await?;
    let day = query
        .date
        .as_deref()
        .and_then(|d| date(d).ok())
        .unwrap_or_else(|| today(&zone));
    let form = BookingForm {
        date: day.to_string(),
        ..BookingForm::default()
    };
    room_page(
        &state,
        &me,
        id,
        day,
        form,
        FieldErrors::new(),
        StatusCode::OK,
        query.done.as_deref(),
    )
    .await
}

/// A start and an end typed on a day, checked: on quarter hours, in order.
pub(crate) fn parse_span(
    tr: &Tr,
    errors: &mut FieldErrors,
    day: &str,
    starts: &str,
    ends: &str,
    zone: &str,
) -> Option<(jiff::civil::Date, i64, i64)> {
    let day = errors.check(tr, "date", date(day))?;
    let starts_at = local_ms(day, starts, zone);
    if starts_at.is_none() {
        errors.add_message(tr, "starts", "support-error-time");
    }
    let ends_at = local_ms(day, ends, zone);
    if ends_at.is_none() {
        errors.add_message(tr, "ends", "support-error-time");
    }
    let (starts_at, ends_at) = errors.check(tr, "ends", domain::span(starts_at?, ends_at?))?;
    Some((day, starts_at, ends_at))
}

async fn booking_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<Uuid>,
    Form(form): Form<BookingForm>,
) -> AppResult<Response> {
    let room = state.store.support().room(id).await?;
    me.require(Action::BookRoom, Scope::Site(room.site_id))?;
    let tr = Tr::new(me.ctx.language);
    let zone = org_zone(&state).await?;
    let mut errors = FieldErrors::new();
    let span = parse_span(
        &tr,
        &mut errors,
        &form.date,
        &form.starts,
        &form.ends,
        &zone,
    );
    let purpose = errors.check(&tr, "purpose", Name::parse(&form.purpose));
    let fallback_day = date(&form.date).unwrap_or_else(|_| today(&zone));
    let (Some((day, starts_at, ends_at)), Some(purpose)) = (span, purpose) else {
        let status = form_status(true);
        return room_page(&state, &me, id, fallback_day, form, errors, status, None).await;
    };
    let booking = NewBooking {
        room: id,
        starts_at,
        ends_at,
        purpose: purpose.into_string(),
        booked_by: Some(me.actor.user),
    };
    match state.store.support().book(&booking).await {
        Ok(_) => Ok(see_other(&format!(
            "/one-to-one/rooms/{id}?date={day}&done=flash-booked"
        ))),
        Err(StoreError::Conflict(_)) => {
            errors.add_message(&tr, "starts", "support-error-room-taken");
            room_page(
                &state,
                &me,
                id,
                day,
                form,
                errors,
                StatusCode::CONFLICT,
                None,
            )
            .await
        }
        Err(other) => Err(other.into()),
    }
}

// --- the rota ---

struct RotaShift {
    shift: Shift,
    when: String,
    mine: bool,
    gaps: i32,
    /// An open swap someone else asked for: its id.
    swap_to_take: Option<(Uuid, String)>,
    my_swap_open: bool,
}

struct RotaDay {
    label: String,
    shifts: Vec<RotaShift>,
}

#[derive(Template, WebTemplate)]
#[template(path = "support/rota.html")]
struct RotaView {
    layout: Layout,
    days: Vec<RotaDay>,
    week: String,
    previous: String,
    next: String,
    can_work: bool,
    total_gaps: i32,
    /// For the new-shift form: locations and rooms the reader keeps.
    locations: Vec<Location>,
    rooms: Vec<Room>,
    form: ShiftForm,
    errors: FieldErrors,
}

#[derive(Deserialize)]
struct WeekQuery {
    week: Option<String>,
    done: Option<String>,
}

#[derive(Deserialize, Default, Clone)]
struct ShiftForm {
    location: String,
    date: String,
    starts: String,
    ends: String,
    places: String,
    room: String,
    /// The week shown, to come back to.
    #[serde(default)]
    week: String,
}

fn monday_of(day: jiff::civil::Date) -> jiff::civil::Date {
    let back = i64::from(day.weekday().to_monday_zero_offset());
    day.checked_sub(jiff::Span::new().days(back)).unwrap_or(day)
}

async fn rota_page(
    state: &AppState,
    me: &SignedIn,
    week: jiff::civil::Date,
    form: ShiftForm,
    errors: FieldErrors,
    status: StatusCode,
    flash: Option<&str>,
) -> AppResult<Response> {
    let sites = state.store.org().sites(false).await?;
    let rota_sites = sites_for(me, &sites, Action::ViewRota);
    if rota_sites.is_empty() {
        return Err(AppError::Forbidden);
    }
    let tr = Tr::new(me.ctx.language);
    let zone = org_zone(state).await?;
    let monday = monday_of(week);
    let (from, _) = day_bounds(monday, &zone);
    let sunday_end = monday
        .checked_add(jiff::Span::new().days(7))
        .ok()
        .map(|d| day_bounds(d, &zone).0)
        .unwrap_or(from + 7 * DAY_MS);
    let shifts = state.store.support().shifts(from, sunday_end).await?;
    let me_id = me.actor.user;
    let mut days: Vec<RotaDay> = Vec::new();
    let mut total_gaps = 0;
    for shift in shifts
        .into_iter()
        .filter(|s| me.may(Action::ViewRota, Scope::Site(s.site_id)))
    {
        let label = day_label(&tr, shift.starts_at, &zone);
        let mine = shift.has(me_id);
        let gaps = shift.gaps();
        total_gaps += gaps;
        let swap_to_take = if mine {
            None
        } else {
            shift
                .swaps
                .iter()
                .find(|(_, from, _, _)| *from != me_id)
                .map(|(id, _, name, _)| (*id, name.clone()))
        };
        let my_swap_open = shift.swaps.iter().any(|(_, from, _, _)| *from == me_id);
        let row = RotaShift {
            when: format!(
                "{}–{}",
                clock(shift.starts_at, &zone),
                clock(shift.ends_at, &zone)
            ),
            mine,
            gaps,
            swap_to_take,
            my_swap_open,
            shift,
        };
        match days.last_mut() {
            Some(day) if day.label == label => day.shifts.push(row),
            _ => days.push(RotaDay {
                label,
                shifts: vec![row],
            }),
        }
    }
    let manage = |site: SiteId| me.may(Action::ManageSupport, Scope::Site(site));
    let view = RotaView {
        layout: Layout::new(state, &me.ctx, "/one-to-one", tr.t("support-rota-title"))
            .await
            .with_flash(flash),
        days,
        week: monday.to_string(),
        previous: monday
            .checked_sub(jiff::Span::new().days(7))
            .map(|d| d.to_string())
            .unwrap_or_default(),
        next: monday
            .checked_add(jiff::Span::new().days(7))
            .map(|d| d.to_string())
            .unwrap_or_default(),
        can_work: rota_sites
            .iter()
            .any(|s| me.may(Action::WorkShift, Scope::Site(s.id))),
        total_gaps,
        locations: state
            .store
            .support()
            .locations()
            .await?
            .into_iter()
            .filter(|l| manage(l.site_id))
            .collect(),
        rooms: state
            .store
            .support()
            .rooms()
            .await?
            .into_iter()
            .filter(|r| manage(r.site_id))
            .collect(),
        form,
        errors,
    };
    Ok((status, no_store(view)).into_response())
}

async fn rota_get(
    State(state): State<AppState>,
    me: SignedIn,
    Query(query): Query<WeekQuery>,
) -> AppResult<Response> {
    let zone = org_zone(&state).await?;
    let week = query
        .week
        .as_deref()
        .and_then(|d| date(d).ok())
        .unwrap_or_else(|| today(&zone));
    let form = ShiftForm {
        date: week.to_string(),
        starts: "10:00".into(),
        ends: "14:00".into(),
        places: "2".into(),
        ..ShiftForm::default()
    };
    rota_page(
        &state,
        &me,
        week,
        form,
        FieldErrors::new(),
        StatusCode::OK,
        query.done.as_deref(),
    )
    .await
}

async fn shift_post(
    State(state): State<AppState>,
    me: SignedIn,
    Form(form): Form<ShiftForm>,
) -> AppResult<Response> {
    let locations = state.store.support().locations().await?;
    let mine: Vec<&Location> = locations
        .iter()
        .filter(|l| me.may(Action::ManageSupport, Scope::Site(l.site_id)))
        .collect();
    if mine.is_empty() {
        return Err(AppError::Forbidden);
    }
    let tr = Tr::new(me.ctx.language);
    let zone = org_zone(&state).await?;
    let mut errors = FieldErrors::new();
    let location = form
        .location
        .parse::<Uuid>()
        .ok()
        .and_then(|id| mine.iter().find(|l| l.id == id).copied());
    if location.is_none() {
        errors.add_message(&tr, "location", "error-choose-one");
    }
    let span = parse_span(
        &tr,
        &mut errors,
        &form.date,
        &form.starts,
        &form.ends,
        &zone,
    );
    let places = errors.check(&tr, "places", domain::places(&form.places));
    let room = if form.room.is_empty() {
        Some(None)
    } else {
        let room = match form.room.parse::<Uuid>() {
            Ok(id) => state.store.support().room(id).await.ok(),
            Err(_) => None,
        };
        match (room, location) {
            (Some(room), Some(location)) if room.site_id == location.site_id => Some(Some(room.id)),
            _ => {
                errors.add_message(&tr, "room", "support-error-room-site");
                None
            }
        }
    };
    let week = date(&form.week)
        .or_else(|_| date(&form.date))
        .unwrap_or_else(|_| today(&zone));
    let (Some(location), Some((_, starts_at, ends_at)), Some(places), Some(room)) =
        (location, span, places, room)
    else {
        return rota_page(&state, &me, week, form, errors, form_status(true), None).await;
    };
    let shift = NewShift {
        location: location.id,
        starts_at,
        ends_at,
        places,
        room,
        created_by: Some(me.actor.user),
    };
    let purpose = tr.t1("support-shift-booking", "location", &location.name);
    match state.store.support().create_shift(&shift, &purpose).await {
        Ok(_) => Ok(see_other(&format!(
            "/one-to-one/rota?week={week}&done=flash-saved"
        ))),
        Err(StoreError::Conflict(_)) => {
            errors.add_message(&tr, "room", "support-error-room-taken");
            rota_page(&state, &me, week, form, errors, StatusCode::CONFLICT, None).await
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Serialize, Deserialize)]
pub struct ShiftReminder {
    pub shift: Uuid,
    pub user: UserId,
}

/// The week a shift is in, to come back to the rota there.
async fn back_to_week(state: &AppState, shift: &Shift, flash: &str) -> AppResult<Response> {
    let zone = org_zone(state).await?;
    let day = hearth_store::timestamp(shift.starts_at)
        .to_zoned_datetime(tz(&zone))
        .date();
    Ok(see_other(&format!(
        "/one-to-one/rota?week={day}&done={flash}"
    )))
}

async fn sign_up_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let shift = state.store.support().shift(id).await?;
    me.require(Action::WorkShift, Scope::Site(shift.site_id))?;
    match state.store.support().sign_up(id, me.actor.user).await {
        Ok(()) => {}
        Err(StoreError::Conflict(_)) => {
            return back_to_week(&state, &shift, "flash-shift-full").await;
        }
        Err(other) => return Err(other.into()),
    }
    // A reminder a day before, through the job queue so a restart keeps it.
    let payload = serde_json::to_value(ShiftReminder {
        shift: id,
        user: me.actor.user,
    })
    .map_err(|e| AppError::Internal(e.to_string()))?;
    let run_at = (shift.starts_at - REMINDER_BEFORE_MS).max(now_ms());
    state
        .store
        .jobs()
        .enqueue(SHIFT_REMINDER, &payload, run_at)
        .await?;
    back_to_week(&state, &shift, "flash-signed-up").await
}

async fn withdraw_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let shift = state.store.support().shift(id).await?;
    me.require(Action::WorkShift, Scope::Site(shift.site_id))?;
    state.store.support().withdraw(id, me.actor.user).await?;
    back_to_week(&state, &shift, "flash-withdrawn").await
}

#[derive(Deserialize)]
struct SwapForm {
    #[serde(default)]
    note: String,
}

async fn swap_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<Uuid>,
    Form(form): Form<SwapForm>,
) -> AppResult<Response> {
    let shift = state.store.support().shift(id).await?;
    me.require(Action::WorkShift, Scope::Site(shift.site_id))?;
    let note = optional_text(&form.note, 300).unwrap_or(None);
    state
        .store
        .support()
        .request_swap(id, me.actor.user, note.as_deref())
        .await?;
    back_to_week(&state, &shift, "flash-swap-asked").await
}

async fn take_swap_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    // The swap's shift decides where; find it among the open ones.
    let sites = state.store.org().sites(false).await?;
    if sites_for(&me, &sites, Action::WorkShift).is_empty() {
        return Err(AppError::Forbidden);
    }
    let (shift_id, from) = match state.store.support().take_swap(id, me.actor.user).await {
        Ok(taken) => taken,
        Err(StoreError::Conflict(_)) => return Err(AppError::NotFound),
        Err(other) => return Err(other.into()),
    };
    let shift = state.store.support().shift(shift_id).await?;
    if !me.may(Action::WorkShift, Scope::Site(shift.site_id)) {
        return Err(AppError::Forbidden);
    }
    let tr = Tr::new(me.ctx.language);
    let zone = org_zone(&state).await?;
    crate::jobs::notify(
        &state,
        from,
        &tr.t("support-swap-taken-title"),
        &tr.args(
            "support-swap-taken-body",
            &[
                ("name", me.user.person.display_name.clone()),
                ("when", format_time(shift.starts_at, &zone)),
            ],
        ),
        Some("/one-to-one/rota"),
        false,
    )
    .await?;
    back_to_week(&state, &shift, "flash-swap-taken").await
}

/// Runs a queued shift reminder: only if the person is still on the shift.
pub async fn run_shift_reminder(
    state: &AppState,
    payload: &serde_json::Value,
) -> Result<(), String> {
    let reminder: ShiftReminder =
        serde_json::from_value(payload.clone()).map_err(|e| e.to_string())?;
    let support = state.store.support();
    let shift = match support.shift(reminder.shift).await {
        Ok(shift) => shift,
        Err(StoreError::NotFound) => return Ok(()),
        Err(other) => return Err(other.to_string()),
    };
    if !support
        .is_signed_up(reminder.shift, reminder.user)
        .await
        .map_err(|e| e.to_string())?
    {
        return Ok(());
    }
    let person = state
        .store
        .people()
        .get(reminder.user)
        .await
        .map_err(|e| e.to_string())?;
    let language = person
        .language
        .as_deref()
        .and_then(hearth_domain::input::Language::from_code)
        .unwrap_or_default();
    let tr = Tr::new(language);
    let zone = org_zone(state).await.map_err(|e| format!("{e:?}"))?;
    crate::jobs::notify(
        state,
        reminder.user,
        &tr.t("support-reminder-title"),
        &tr.args(
            "support-reminder-body",
            &[
                ("location", shift.location_name.clone()),
                ("when", format_time(shift.starts_at, &zone)),
            ],
        ),
        Some("/one-to-one"),
        true,
    )
    .await
    .map_err(|e| e.to_string())
}
