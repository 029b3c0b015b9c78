//! One-to-one support: student centres, rooms and bookings, the drop-in rota,
//! the walk-in queue and session logs.
//!
//! A room's quarter hours are rows with a primary key, so two bookings of the
//! same quarter cannot both commit, on either database. Session logs are
//! handed out by id only; the web layer decides who may read one and writes
//! every read to the audit log.

use crate::db::{Db, on_db};
use crate::error::{OptionalRow, StoreError};
use crate::time::now_ms;
use hearth_domain::support::{DayHours, LogKind, slots};
use hearth_domain::{SiteId, UserId};
use tracing::instrument;
use uuid::Uuid;

pub struct Support<'a> {
    pub(crate) db: &'a Db,
}

#[derive(Debug, Clone)]
pub struct Location {
    pub id: Uuid,
    pub site_id: SiteId,
    pub site_name: String,
    pub name: String,
    pub address: Option<String>,
    /// The unguessable part of the public check-in address.
    pub checkin_code: String,
}

#[derive(Debug, Clone)]
pub struct OpeningHours {
    pub weekday: i8,
    pub opens: String,
    pub closes: String,
}

#[derive(Debug, Clone)]
pub struct Room {
    pub id: Uuid,
    pub site_id: SiteId,
    pub site_name: String,
    pub name: String,
    pub capacity: i32,
    pub accessibility: Option<String>,
}

#[derive(Debug, Clone)]
pub struct NewBooking {
    pub room: Uuid,
    pub starts_at: i64,
    pub ends_at: i64,
    pub purpose: String,
    pub booked_by: Option<UserId>,
}

#[derive(Debug, Clone)]
pub struct Booking {
    pub id: Uuid,
    pub room_id: Uuid,
    pub starts_at: i64,
    pub ends_at: i64,
    pub purpose: String,
    pub shift_id: Option<Uuid>,
    pub booked_by_name: Option<String>,
}

#[derive(Debug, Clone)]
pub struct NewShift {
    pub location: Uuid,
    pub starts_at: i64,
    pub ends_at: i64,
    pub places: i32,
    /// A room booked for the shift's whole length, if any.
    pub room: Option<Uuid>,
    pub created_by: Option<UserId>,
}

#[derive(Debug, Clone)]
pub struct Shift {
    pub id: Uuid,
    pub location_id: Uuid,
    pub location_name: String,
    pub site_id: SiteId,
    pub starts_at: i64,
    pub ends_at: i64,
    pub places: i32,
    pub room_name: Option<String>,
    /// Who signed up: (id, name).
    pub peers: Vec<(UserId, String)>,
    /// Open swap requests: (swap id, who asks, their note).
    pub swaps: Vec<(Uuid, UserId, String, Option<String>)>,
}

impl Shift {
    /// Places nobody has taken yet.
    pub fn gaps(&self) -> i32 {
        (self.places - self.peers.len() as i32).max(0)
    }

    pub fn has(&self, user: UserId) -> bool {
        self.peers.iter().any(|(id, _)| *id == user)
    }
}

#[derive(Debug, Clone)]
pub struct QueueEntry {
    pub id: Uuid,
    pub location_id: Uuid,
    pub name: String,
    pub source: String,
    pub added_at: i64,
    pub taken_at: Option<i64>,
    pub taken_by: Option<UserId>,
}

#[derive(Debug, Clone)]
pub struct Topic {
    pub id: Uuid,
    pub name: String,
}

#[derive(Debug, Clone)]
pub struct NewLog {
    pub author: UserId,
    pub site: SiteId,
    pub location: Option<Uuid>,
    pub queue: Option<Uuid>,
    pub held_on: String,
    pub minutes: i32,
    pub kind: LogKind,
    pub topics: Vec<Uuid>,
    pub resources: Option<String>,
    pub referrals: Option<String>,
    pub note: Option<String>,
    pub flag_difficult: bool,
    pub flag_safety: bool,
}

/// A whole session log: read only through an audited page.
#[derive(Debug, Clone)]
pub struct SessionLog {
    pub id: Uuid,
    pub author_id: Option<UserId>,
    pub author_name: Option<String>,
    pub site_id: SiteId,
    pub location_name: Option<String>,
    pub held_on: String,
    pub minutes: i32,
    pub kind: String,
    pub topics: Vec<String>,
    pub resources: Option<String>,
    pub referrals: Option<String>,
    pub note: Option<String>,
    pub flag_difficult: bool,
    pub flag_safety: bool,
    pub created_at: i64,
    pub archived: bool,
}

/// What lists show of a log: never its content.
#[derive(Debug, Clone)]
pub struct LogSummary {
    pub id: Uuid,
    pub author_id: Option<UserId>,
    pub author_name: Option<String>,
    pub site_id: SiteId,
    pub held_on: String,
    pub minutes: i32,
    pub kind: String,
    pub flag_difficult: bool,
    pub flag_safety: bool,
}

/// A site's crisis settings.
#[derive(Debug, Clone, Default)]
pub struct SiteSettings {
    pub on_call: Option<UserId>,
    pub on_call_name: Option<String>,
    /// One step a line.
    pub checklist: String,
    pub crisis_contacts: Option<String>,
}

/// A supervision session, one peer or a group.
#[derive(Debug, Clone)]
pub struct Supervision {
    pub id: Uuid,
    pub supervisor_name: Option<String>,
    pub site_id: SiteId,
    /// individual or group
    pub kind: String,
    pub held_on: String,
    pub notes: Option<String>,
    pub actions: Option<String>,
    pub peers: Vec<(UserId, String)>,
}

/// A peer's wellbeing check-in: a 1-5 score and an optional note.
#[derive(Debug, Clone)]
pub struct Wellbeing {
    pub score: i32,
    pub note: Option<String>,
    pub shared: bool,
    pub at: i64,
}

/// A read of one of someone's logs, for the person's own audit page.
#[derive(Debug, Clone)]
pub struct LogRead {
    pub log_id: Uuid,
    pub reader_name: Option<String>,
    pub at: i64,
}

#[derive(sqlx::FromRow)]
struct LocationRow {
    id: Uuid,
    site_id: Uuid,
    site_name: String,
    name: String,
    address: Option<String>,
    checkin_code: String,
}

impl From<LocationRow> for Location {
    fn from(r: LocationRow) -> Self {
        Location {
            id: r.id,
            site_id: SiteId(r.site_id),
            site_name: r.site_name,
            name: r.name,
            address: r.address,
            checkin_code: r.checkin_code,
        }
    }
}

const LOCATION_SELECT: &str = "SELECT l.id, l.site_id, s.name AS site_name, l.name, l.address, l.checkin_code \
     FROM support_locations l JOIN sites s ON s.id = l.site_id";

#[derive(sqlx::FromRow)]
struct RoomRow {
    id: Uuid,
    site_id: Uuid,
    site_name: String,
    name: String,
    capacity: i32,
    accessibility: Option<String>,
}

impl From<RoomRow> for Room {
    fn from(r: RoomRow) -> Self {
        Room {
            id: r.id,
            site_id: SiteId(r.site_id),
            site_name: r.site_name,
            name: r.name,
            capacity: r.capacity,
            accessibility: r.accessibility,
        }
    }
}

const ROOM_SELECT: &str = "SELECT r.id, r.site_id, s.name AS site_name, r.name, r.capacity, r.accessibility \
     FROM support_rooms r JOIN sites s ON s.id = r.site_id";

/// id, location_id, location name, site_id, starts_at, ends_at, places, room name
type ShiftRow = (Uuid, Uuid, String, Uuid, i64, i64, i32, Option<String>);

const SHIFT_SELECT: &str = "SELECT h.id, h.location_id, l.name, l.site_id, h.starts_at, h.ends_at, h.places, \
     (SELECT r.name FROM support_bookings b JOIN support_rooms r ON r.id = b.room_id WHERE b.shift_id = h.id LIMIT 1) \
     FROM support_shifts h JOIN support_locations l ON l.id = h.location_id";

/// id, room_id, starts_at, ends_at, purpose, shift_id, booked by
type BookingRow = (Uuid, Uuid, i64, i64, String, Option<Uuid>, Option<String>);

/// id, supervisor's name, site, kind, held_on, notes, actions
type SupervisionRow = (
    Uuid,
    Option<String>,
    Uuid,
    String,
    String,
    Option<String>,
    Option<String>,
);

/// on call, their name, checklist, crisis contacts
type SettingsRow = (Option<Uuid>, Option<String>, String, Option<String>);

/// id, location_id, name, source, added_at, taken_at, taken_by
type QueueRow = (Uuid, Uuid, String, String, i64, Option<i64>, Option<Uuid>);

fn queue_entry(row: QueueRow) -> QueueEntry {
    let (id, location_id, name, source, added_at, taken_at, taken_by) = row;
    QueueEntry {
        id,
        location_id,
        name,
        source,
        added_at,
        taken_at,
        taken_by: taken_by.map(UserId),
    }
}

#[derive(sqlx::FromRow)]
struct LogRow {
    id: Uuid,
    author_id: Option<Uuid>,
    author_name: Option<String>,
    site_id: Uuid,
    location_name: Option<String>,
    held_on: String,
    minutes: i32,
    kind: String,
    resources: Option<String>,
    referrals: Option<String>,
    note: Option<String>,
    flag_difficult: bool,
    flag_safety: bool,
    created_at: i64,
    archived_at: Option<i64>,
}

const LOG_SELECT: &str = "SELECT g.id, g.author_id, u.display_name AS author_name, g.site_id, l.name AS location_name, \
     g.held_on, g.minutes, g.kind, g.resources, g.referrals, g.note, g.flag_difficult, g.flag_safety, g.created_at, g.archived_at \
     FROM support_logs g LEFT JOIN users u ON u.id = g.author_id LEFT JOIN support_locations l ON l.id = g.location_id";

fn summary(row: LogRow) -> LogSummary {
    LogSummary {
        id: row.id,
        author_id: row.author_id.map(UserId),
        author_name: row.author_name,
        site_id: SiteId(row.site_id),
        held_on: row.held_on,
        minutes: row.minutes,
        kind: row.kind,
        flag_difficult: row.flag_difficult,
        flag_safety: row.flag_safety,
    }
}

impl Support<'_> {
    // --- locations and their hours ---

    #[instrument(level = "debug", skip_all)]
    pub async fn create_location(
        &self,
        site: SiteId,
        name: &str,
        address: Option<&str>,
    ) -> Result<Uuid, StoreError> {
        let id = Uuid::now_v7();
        let code = crate::sessions::new_token()?;
        let code = &code[..24];
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO support_locations (id, site_id, name, address, checkin_code, created_at) VALUES ($1, $2, $3, $4, $5, $6)"
        )
        .bind(id)
        .bind(site.0)
        .bind(name)
        .bind(address)
        .bind(code)
        .bind(now_ms())
        .execute(pool)
        .await.map(|r| r.rows_affected())?);
        Ok(id)
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn locations(&self) -> Result<Vec<Location>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!("{LOCATION_SELECT} ORDER BY s.name, l.name"));
        let rows: Vec<LocationRow> = on_db!(
            self.db,
            read | pool | sqlx::query_as(sql).fetch_all(pool).await?
        );
        Ok(rows.into_iter().map(Location::from).collect())
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn location(&self, id: Uuid) -> Result<Location, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!("{LOCATION_SELECT} WHERE l.id = $1"));
        let row: Option<LocationRow> = on_db!(
            self.db,
            read | pool | sqlx::query_as(sql).bind(id).fetch_optional(pool).await?
        );
        Ok(row.found()?.into())
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn location_by_code(&self, code: &str) -> Result<Location, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!("{LOCATION_SELECT} WHERE l.checkin_code = $1"));
        let row: Option<LocationRow> = on_db!(
            self.db,
            read | pool | sqlx::query_as(sql).bind(code).fetch_optional(pool).await?
        );
        Ok(row.found()?.into())
    }

    /// Replaces a location's weekly opening hours.
    #[instrument(level = "debug", skip_all)]
    pub async fn set_hours(&self, location: Uuid, hours: &[DayHours]) -> Result<(), StoreError> {
        let rows: Vec<(i32, String, String)> = hours
            .iter()
            .map(|h| {
                (
                    i32::from(h.weekday),
                    h.opens.strftime("%H:%M").to_string(),
                    h.closes.strftime("%H:%M").to_string(),
                )
            })
            .collect();
        on_db!(
            self.db,
            write
                | pool
                | {
                    let mut tx = pool.begin().await?;
                    sqlx::query("DELETE FROM support_opening_hours WHERE location_id = $1")
                        .bind(location)
                        .execute(&mut *tx)
                        .await?;
                    for (weekday, opens, closes) in &rows {
                        sqlx::query("INSERT INTO support_opening_hours (location_id, weekday, opens, closes) VALUES ($1, $2, $3, $4)")
                    .bind(location)
                    .bind(*weekday)
                    .bind(opens)
                    .bind(closes)
                    .execute(&mut *tx)
                    .await?;
                    }
                    tx.commit().await?;
                }
        );
        Ok(())
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn hours(&self, location: Uuid) -> Result<Vec<OpeningHours>, StoreError> {
        let rows: Vec<(i32, String, String)> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT weekday, opens, closes FROM support_opening_hours WHERE location_id = $1 ORDER BY weekday"
        )
        .bind(location)
        .fetch_all(pool)
        .await?);
        Ok(rows
            .into_iter()
            .map(|(weekday, opens, closes)| OpeningHours {
                weekday: weekday as i8,
                opens,
                closes,
            })
            .collect())
    }

    // --- rooms and bookings ---

    #[instrument(level = "debug", skip_all)]
    pub async fn create_room(
        &self,
        site: SiteId,
        name: &str,
        capacity: i32,
        accessibility: Option<&str>,
    ) -> Result<Uuid, StoreError> {
        let id = Uuid::now_v7();
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO support_rooms (id, site_id, name, capacity, accessibility, created_at) VALUES ($1, $2, $3, $4, $5, $6)"
        )
        .bind(id)
        .bind(site.0)
        .bind(name)
        .bind(capacity)
        .bind(accessibility)
        .bind(now_ms())
        .execute(pool)
        .await.map(|r| r.rows_affected())?);
        Ok(id)
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn rooms(&self) -> Result<Vec<Room>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!("{ROOM_SELECT} ORDER BY s.name, r.name"));
        let rows: Vec<RoomRow> = on_db!(
            self.db,
            read | pool | sqlx::query_as(sql).fetch_all(pool).await?
        );
        Ok(rows.into_iter().map(Room::from).collect())
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn room(&self, id: Uuid) -> Result<Room, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!("{ROOM_SELECT} WHERE r.id = $1"));
        let row: Option<RoomRow> = on_db!(
            self.db,
            read | pool | sqlx::query_as(sql).bind(id).fetch_optional(pool).await?
        );
        Ok(row.found()?.into())
    }

    /// Books a room, or `Conflict("room")` when any quarter hour is taken.
    #[instrument(level = "debug", skip_all)]
    pub async fn book(&self, booking: &NewBooking) -> Result<Uuid, StoreError> {
        self.insert_booking(booking, None).await
    }

    async fn insert_booking(
        &self,
        booking: &NewBooking,
        shift: Option<&NewShift>,
    ) -> Result<Uuid, StoreError> {
        let id = Uuid::now_v7();
        let shift_id = shift.map(|_| Uuid::now_v7());
        let quarters = slots(booking.starts_at, booking.ends_at);
        let now = now_ms();
        let result: Result<(), sqlx::Error> = on_db!(
            self.db,
            write
                | pool
                | {
                    async {
                let mut tx = pool.begin().await?;
                if let (Some(shift), Some(shift_id)) = (shift, shift_id) {
                    sqlx::query(
                        "INSERT INTO support_shifts (id, location_id, starts_at, ends_at, places, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
                    )
                    .bind(shift_id)
                    .bind(shift.location)
                    .bind(shift.starts_at)
                    .bind(shift.ends_at)
                    .bind(shift.places)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                }
                sqlx::query(
                    "INSERT INTO support_bookings (id, room_id, starts_at, ends_at, purpose, shift_id, booked_by, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(id)
                .bind(booking.room)
                .bind(booking.starts_at)
                .bind(booking.ends_at)
                .bind(&booking.purpose)
                .bind(shift_id)
                .bind(booking.booked_by.map(|u| u.0))
                .bind(now)
                .execute(&mut *tx)
                .await?;
                for quarter in &quarters {
                    sqlx::query(
                        "INSERT INTO support_booking_slots (room_id, slot_start, booking_id) VALUES ($1, $2, $3)",
                    )
                    .bind(booking.room)
                    .bind(*quarter)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                }
                tx.commit().await
            }
            .await
                }
        );
        result.map_err(StoreError::unique("room"))?;
        Ok(shift_id.unwrap_or(id))
    }

    /// A room's bookings overlapping `from..to`, in order.
    #[instrument(level = "debug", skip_all)]
    pub async fn bookings(
        &self,
        room: Uuid,
        from: i64,
        to: i64,
    ) -> Result<Vec<Booking>, StoreError> {
        let rows: Vec<BookingRow> =
            on_db!(self.db, read |pool| sqlx::query_as(
                "SELECT b.id, b.room_id, b.starts_at, b.ends_at, b.purpose, b.shift_id, u.display_name \
                 FROM support_bookings b LEFT JOIN users u ON u.id = b.booked_by \
                 WHERE b.room_id = $1 AND b.starts_at < $3 AND b.ends_at > $2 ORDER BY b.starts_at"
            )
            .bind(room)
            .bind(from)
            .bind(to)
            .fetch_all(pool)
            .await?);
        Ok(rows
            .into_iter()
            .map(
                |(id, room_id, starts_at, ends_at, purpose, shift_id, booked_by_name)| Booking {
                    id,
                    room_id,
                    starts_at,
                    ends_at,
                    purpose,
                    shift_id,
                    booked_by_name,
                },
            )
            .collect())
    }

    /// How many bookings a room has (tests count them after a race).
    #[instrument(level = "debug", skip_all)]
    pub async fn booking_count(&self, room: Uuid) -> Result<i64, StoreError> {
        let row: (i64,) = on_db!(
            self.db,
            read | pool
                | sqlx::query_as("SELECT COUNT(*) FROM support_bookings WHERE room_id = $1")
                    .bind(room)
                    .fetch_one(pool)
                    .await?
        );
        Ok(row.0)
    }

    // --- shifts and the rota ---

    /// A shift, with its room booked for its whole length when one is named
    /// (`Conflict("room")` when the room is taken: then no shift is made).
    #[instrument(level = "debug", skip_all)]
    pub async fn create_shift(&self, shift: &NewShift, purpose: &str) -> Result<Uuid, StoreError> {
        if let Some(room) = shift.room {
            let booking = NewBooking {
                room,
                starts_at: shift.starts_at,
                ends_at: shift.ends_at,
                purpose: purpose.to_owned(),
                booked_by: shift.created_by,
            };
            return self.insert_booking(&booking, Some(shift)).await;
        }
        let id = Uuid::now_v7();
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO support_shifts (id, location_id, starts_at, ends_at, places, created_at) VALUES ($1, $2, $3, $4, $5, $6)"
        )
        .bind(id)
        .bind(shift.location)
        .bind(shift.starts_at)
        .bind(shift.ends_at)
        .bind(shift.places)
        .bind(now_ms())
        .execute(pool)
        .await.map(|r| r.rows_affected())?);
        Ok(id)
    }

    async fn fill_shifts(&self, rows: Vec<ShiftRow>) -> Result<Vec<Shift>, StoreError> {
        let mut shifts = Vec::with_capacity(rows.len());
        for (id, location_id, location_name, site_id, starts_at, ends_at, places, room_name) in rows
        {
            let peers: Vec<(Uuid, String)> = on_db!(self.db, read |pool| sqlx::query_as(
                "SELECT u.id, u.display_name FROM support_shift_signups p JOIN users u ON u.id = p.user_id \
                 WHERE p.shift_id = $1 ORDER BY p.created_at"
            )
            .bind(id)
            .fetch_all(pool)
            .await?);
            let swaps: Vec<(Uuid, Uuid, String, Option<String>)> = on_db!(self.db, read |pool| sqlx::query_as(
                "SELECT w.id, w.from_user, u.display_name, w.note FROM support_swaps w JOIN users u ON u.id = w.from_user \
                 WHERE w.shift_id = $1 AND w.closed_at IS NULL ORDER BY w.created_at"
            )
            .bind(id)
            .fetch_all(pool)
            .await?);
            shifts.push(Shift {
                id,
                location_id,
                location_name,
                site_id: SiteId(site_id),
                starts_at,
                ends_at,
                places,
                room_name,
                peers: peers.into_iter().map(|(u, n)| (UserId(u), n)).collect(),
                swaps: swaps
                    .into_iter()
                    .map(|(w, u, n, note)| (w, UserId(u), n, note))
                    .collect(),
            });
        }
        Ok(shifts)
    }

    /// Shifts starting in `from..to`, in order.
    #[instrument(level = "debug", skip_all)]
    pub async fn shifts(&self, from: i64, to: i64) -> Result<Vec<Shift>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "{SHIFT_SELECT} WHERE h.starts_at >= $1 AND h.starts_at < $2 ORDER BY h.starts_at, l.name"
        ));
        let rows: Vec<ShiftRow> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as(sql)
                    .bind(from)
                    .bind(to)
                    .fetch_all(pool)
                    .await?
        );
        self.fill_shifts(rows).await
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn shift(&self, id: Uuid) -> Result<Shift, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!("{SHIFT_SELECT} WHERE h.id = $1"));
        let row: Option<ShiftRow> = on_db!(
            self.db,
            read | pool | sqlx::query_as(sql).bind(id).fetch_optional(pool).await?
        );
        self.fill_shifts(vec![row.found()?])
            .await?
            .pop()
            .ok_or(StoreError::NotFound)
    }

    /// The shifts `user` is on at `at` (from a quarter hour before the start).
    #[instrument(level = "debug", skip_all)]
    pub async fn on_shift(&self, user: UserId, at: i64) -> Result<Vec<Shift>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "{SHIFT_SELECT} WHERE h.starts_at <= $2 AND h.ends_at > $3 \
             AND EXISTS (SELECT 1 FROM support_shift_signups p WHERE p.shift_id = h.id AND p.user_id = $1) ORDER BY h.starts_at"
        ));
        let rows: Vec<ShiftRow> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as(sql)
                    .bind(user.0)
                    .bind(at + hearth_domain::support::SLOT_MS)
                    .bind(at)
                    .fetch_all(pool)
                    .await?
        );
        self.fill_shifts(rows).await
    }

    /// Whether anyone is on a shift at the location now.
    #[instrument(level = "debug", skip_all)]
    pub async fn shift_now(&self, location: Uuid, at: i64) -> Result<bool, StoreError> {
        let row: (i64,) = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT COUNT(*) FROM support_shifts h WHERE h.location_id = $1 AND h.starts_at <= $2 AND h.ends_at > $2 \
             AND EXISTS (SELECT 1 FROM support_shift_signups p WHERE p.shift_id = h.id)"
        )
        .bind(location)
        .bind(at)
        .fetch_one(pool)
        .await?);
        Ok(row.0 > 0)
    }

    /// Signs up for a place; `Conflict("full")` when every place is taken,
    /// `Conflict("signed-up")` when already on it.
    #[instrument(level = "debug", skip_all)]
    pub async fn sign_up(&self, shift: Uuid, user: UserId) -> Result<(), StoreError> {
        let done = on_db!(
            self.db,
            write
                | pool
                | sqlx::query(
                    "INSERT INTO support_shift_signups (shift_id, user_id, created_at) \
             SELECT h.id, $2, $3 FROM support_shifts h WHERE h.id = $1 \
             AND (SELECT COUNT(*) FROM support_shift_signups p WHERE p.shift_id = h.id) < h.places"
                )
                .bind(shift)
                .bind(user.0)
                .bind(now_ms())
                .execute(pool)
                .await
                .map(|r| r.rows_affected())
                .map_err(StoreError::unique("signed-up"))?
        );
        if done == 0 {
            return Err(StoreError::Conflict("full"));
        }
        Ok(())
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn withdraw(&self, shift: Uuid, user: UserId) -> Result<(), StoreError> {
        on_db!(
            self.db,
            write
                | pool
                | {
                    let mut tx = pool.begin().await?;
                    sqlx::query(
                        "DELETE FROM support_shift_signups WHERE shift_id = $1 AND user_id = $2",
                    )
                    .bind(shift)
                    .bind(user.0)
                    .execute(&mut *tx)
                    .await?;
                    sqlx::query("UPDATE support_swaps SET closed_at = $3 WHERE shift_id = $1 AND from_user = $2 AND closed_at IS NULL")
                .bind(shift)
                .bind(user.0)
                .bind(now_ms())
                .execute(&mut *tx)
                .await?;
                    tx.commit().await?;
                }
        );
        Ok(())
    }

    /// Asks for someone to take `user`'s place on a shift they are on.
    #[instrument(level = "debug", skip_all)]
    pub async fn request_swap(
        &self,
        shift: Uuid,
        user: UserId,
        note: Option<&str>,
    ) -> Result<Uuid, StoreError> {
        let id = Uuid::now_v7();
        let done = on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO support_swaps (id, shift_id, from_user, note, created_at) \
             SELECT $1, $2, $3, $4, $5 WHERE EXISTS (SELECT 1 FROM support_shift_signups WHERE shift_id = $2 AND user_id = $3) \
             AND NOT EXISTS (SELECT 1 FROM support_swaps WHERE shift_id = $2 AND from_user = $3 AND closed_at IS NULL)"
        )
        .bind(id)
        .bind(shift)
        .bind(user.0)
        .bind(note)
        .bind(now_ms())
        .execute(pool)
        .await
        .map(|r| r.rows_affected())?);
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(id)
    }

    /// Takes over an open swap: the asker leaves the shift, `user` joins it.
    /// Returns the shift and who asked.
    #[instrument(level = "debug", skip_all)]
    pub async fn take_swap(&self, swap: Uuid, user: UserId) -> Result<(Uuid, UserId), StoreError> {
        let now = now_ms();
        let taken: Result<Option<(Uuid, Uuid)>, sqlx::Error> = on_db!(
            self.db,
            write
                | pool
                | {
                    async {
                let mut tx = pool.begin().await?;
                let row: Option<(Uuid, Uuid)> = sqlx::query_as(
                    "UPDATE support_swaps SET taken_by = $2, closed_at = $3 WHERE id = $1 AND closed_at IS NULL AND from_user <> $2 \
                     RETURNING shift_id, from_user",
                )
                .bind(swap)
                .bind(user.0)
                .bind(now)
                .fetch_optional(&mut *tx)
                .await?;
                let Some((shift, from)) = row else {
                    return Ok(None);
                };
                sqlx::query("DELETE FROM support_shift_signups WHERE shift_id = $1 AND user_id = $2")
                    .bind(shift)
                    .bind(from)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("INSERT INTO support_shift_signups (shift_id, user_id, created_at) VALUES ($1, $2, $3)")
                    .bind(shift)
                    .bind(user.0)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(Some((shift, from)))
            }
            .await
                }
        );
        let (shift, from) = taken.map_err(StoreError::unique("signed-up"))?.found()?;
        Ok((shift, UserId(from)))
    }

    /// Whether `user` is still signed up (reminders check before they go).
    #[instrument(level = "debug", skip_all)]
    pub async fn is_signed_up(&self, shift: Uuid, user: UserId) -> Result<bool, StoreError> {
        let row: (i64,) = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT COUNT(*) FROM support_shift_signups WHERE shift_id = $1 AND user_id = $2"
        )
        .bind(shift)
        .bind(user.0)
        .fetch_one(pool)
        .await?);
        Ok(row.0 > 0)
    }

    // --- the walk-in queue ---

    #[instrument(level = "debug", skip_all)]
    pub async fn join_queue(
        &self,
        location: Uuid,
        name: &str,
        source: &str,
    ) -> Result<Uuid, StoreError> {
        let id = Uuid::now_v7();
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO support_queue (id, location_id, name, source, added_at) VALUES ($1, $2, $3, $4, $5)"
        )
        .bind(id)
        .bind(location)
        .bind(name)
        .bind(source)
        .bind(now_ms())
        .execute(pool)
        .await.map(|r| r.rows_affected())?);
        Ok(id)
    }

    /// Who is waiting at a location, first come first.
    #[instrument(level = "debug", skip_all)]
    pub async fn waiting(&self, location: Uuid) -> Result<Vec<QueueEntry>, StoreError> {
        let rows: Vec<QueueRow> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT id, location_id, name, source, added_at, taken_at, taken_by FROM support_queue \
             WHERE location_id = $1 AND taken_at IS NULL AND removed_at IS NULL ORDER BY added_at, id"
        )
        .bind(location)
        .fetch_all(pool)
        .await?);
        Ok(rows.into_iter().map(queue_entry).collect())
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn queue_entry(&self, id: Uuid) -> Result<QueueEntry, StoreError> {
        let row: Option<QueueRow> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT id, location_id, name, source, added_at, taken_at, taken_by FROM support_queue WHERE id = $1"
        )
        .bind(id)
        .fetch_optional(pool)
        .await?);
        Ok(queue_entry(row.found()?))
    }

    /// Takes the person who has waited longest; two peers never take the same one.
    #[instrument(level = "debug", skip_all)]
    pub async fn take_next(
        &self,
        location: Uuid,
        peer: UserId,
    ) -> Result<Option<QueueEntry>, StoreError> {
        let row: Option<QueueRow> = on_db!(self.db, write |pool| sqlx::query_as(
            "UPDATE support_queue SET taken_at = $3, taken_by = $2 WHERE id = \
             (SELECT id FROM support_queue WHERE location_id = $1 AND taken_at IS NULL AND removed_at IS NULL ORDER BY added_at, id LIMIT 1) \
             AND taken_at IS NULL RETURNING id, location_id, name, source, added_at, taken_at, taken_by"
        )
        .bind(location)
        .bind(peer.0)
        .bind(now_ms())
        .fetch_optional(pool)
        .await?);
        Ok(row.map(queue_entry))
    }

    /// Someone left without being seen.
    #[instrument(level = "debug", skip_all)]
    pub async fn leave_queue(&self, id: Uuid) -> Result<(), StoreError> {
        on_db!(self.db, write |pool| sqlx::query(
            "UPDATE support_queue SET removed_at = $2 WHERE id = $1 AND taken_at IS NULL AND removed_at IS NULL"
        )
        .bind(id)
        .bind(now_ms())
        .execute(pool)
        .await.map(|r| r.rows_affected())?);
        Ok(())
    }

    // --- topics ---

    #[instrument(level = "debug", skip_all)]
    pub async fn topics(&self) -> Result<Vec<Topic>, StoreError> {
        let rows: Vec<(Uuid, String)> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT id, name FROM support_topics WHERE archived_at IS NULL ORDER BY position, name"
        )
        .fetch_all(pool)
        .await?);
        Ok(rows
            .into_iter()
            .map(|(id, name)| Topic { id, name })
            .collect())
    }

    /// Adds a topic at the end of the list; `Conflict("topic")` for a name in use.
    #[instrument(level = "debug", skip_all)]
    pub async fn add_topic(&self, name: &str) -> Result<Uuid, StoreError> {
        let id = Uuid::now_v7();
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO support_topics (id, name, position) SELECT $1, $2, COALESCE(MAX(position), 0) + 1 FROM support_topics"
        )
        .bind(id)
        .bind(name)
        .execute(pool)
        .await
        .map(|r| r.rows_affected())
        .map_err(StoreError::unique("topic"))?);
        Ok(id)
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn archive_topic(&self, id: Uuid) -> Result<(), StoreError> {
        let done = on_db!(self.db, write |pool| sqlx::query(
            "UPDATE support_topics SET archived_at = $2 WHERE id = $1 AND archived_at IS NULL"
        )
        .bind(id)
        .bind(now_ms())
        .execute(pool)
        .await.map(|r| r.rows_affected())?);
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    // --- session logs ---

    #[instrument(level = "debug", skip_all)]
    pub async fn create_log(&self, log: &NewLog) -> Result<Uuid, StoreError> {
        let id = Uuid::now_v7();
        on_db!(
            self.db,
            write
                | pool
                | {
                    let mut tx = pool.begin().await?;
                    sqlx::query(
                "INSERT INTO support_logs (id, author_id, site_id, location_id, queue_id, held_on, minutes, kind, resources, referrals, note, \
                 flag_difficult, flag_safety, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
            )
            .bind(id)
            .bind(log.author.0)
            .bind(log.site.0)
            .bind(log.location)
            .bind(log.queue)
            .bind(&log.held_on)
            .bind(log.minutes)
            .bind(log.kind.as_str())
            .bind(log.resources.as_deref())
            .bind(log.referrals.as_deref())
            .bind(log.note.as_deref())
            .bind(log.flag_difficult)
            .bind(log.flag_safety)
            .bind(now_ms())
            .execute(&mut *tx)
            .await?;
                    for topic in &log.topics {
                        sqlx::query(
                            "INSERT INTO support_log_topics (log_id, topic_id) VALUES ($1, $2)",
                        )
                        .bind(id)
                        .bind(*topic)
                        .execute(&mut *tx)
                        .await?;
                    }
                    tx.commit().await?;
                }
        );
        Ok(id)
    }

    /// A whole log. Callers check who may read it and audit the read.
    #[instrument(level = "debug", skip_all)]
    pub async fn log(&self, id: Uuid) -> Result<SessionLog, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!("{LOG_SELECT} WHERE g.id = $1"));
        let row: Option<LogRow> = on_db!(
            self.db,
            read | pool | sqlx::query_as(sql).bind(id).fetch_optional(pool).await?
        );
        let row = row.found()?;
        let topics: Vec<(String,)> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT t.name FROM support_log_topics x JOIN support_topics t ON t.id = x.topic_id WHERE x.log_id = $1 ORDER BY t.position"
        )
        .bind(id)
        .fetch_all(pool)
        .await?);
        Ok(SessionLog {
            id: row.id,
            author_id: row.author_id.map(UserId),
            author_name: row.author_name,
            site_id: SiteId(row.site_id),
            location_name: row.location_name,
            held_on: row.held_on,
            minutes: row.minutes,
            kind: row.kind,
            topics: topics.into_iter().map(|(t,)| t).collect(),
            resources: row.resources,
            referrals: row.referrals,
            note: row.note,
            flag_difficult: row.flag_difficult,
            flag_safety: row.flag_safety,
            created_at: row.created_at,
            archived: row.archived_at.is_some(),
        })
    }

    /// One peer's caseload: the logs they wrote, newest first (no content).
    /// Archived logs leave it (see [`Support::archived_logs_by`]).
    #[instrument(level = "debug", skip_all)]
    pub async fn logs_by(&self, author: UserId, limit: i64) -> Result<Vec<LogSummary>, StoreError> {
        self.logs_of(author, limit, "g.archived_at IS NULL").await
    }

    /// The logs a peer wrote that retention archived, newest first (no content):
    /// out of the lists, still readable by those who may read them.
    #[instrument(level = "debug", skip_all)]
    pub async fn archived_logs_by(
        &self,
        author: UserId,
        limit: i64,
    ) -> Result<Vec<LogSummary>, StoreError> {
        self.logs_of(author, limit, "g.archived_at IS NOT NULL")
            .await
    }

    /// `author`'s logs meeting `archived` (a fixed condition, never input).
    async fn logs_of(
        &self,
        author: UserId,
        limit: i64,
        archived: &'static str,
    ) -> Result<Vec<LogSummary>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "{LOG_SELECT} WHERE g.author_id = $1 AND {archived} ORDER BY g.created_at DESC LIMIT $2"
        ));
        let rows: Vec<LogRow> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as(sql)
                    .bind(author.0)
                    .bind(limit)
                    .fetch_all(pool)
                    .await?
        );
        Ok(rows.into_iter().map(summary).collect())
    }

    /// Flagged logs of every site, newest first (no content): the caller
    /// keeps those of the sites the reader supervises.
    #[instrument(level = "debug", skip_all)]
    pub async fn flagged_logs(&self, limit: i64) -> Result<Vec<LogSummary>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "{LOG_SELECT} WHERE (g.flag_difficult OR g.flag_safety) AND g.archived_at IS NULL ORDER BY g.created_at DESC LIMIT $1"
        ));
        let rows: Vec<LogRow> = on_db!(
            self.db,
            read | pool | sqlx::query_as(sql).bind(limit).fetch_all(pool).await?
        );
        Ok(rows.into_iter().map(summary).collect())
    }

    /// Who read the logs `author` wrote, newest first.
    #[instrument(level = "debug", skip_all)]
    pub async fn reads_of_logs_by(
        &self,
        author: UserId,
        limit: i64,
    ) -> Result<Vec<LogRead>, StoreError> {
        let rows: Vec<(Uuid, Option<String>, i64)> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT g.id, u.display_name, a.at FROM audit_log a JOIN support_logs g ON g.id = a.subject_id \
             LEFT JOIN users u ON u.id = a.actor_id WHERE a.subject_kind = 'session-log' AND g.author_id = $1 \
             ORDER BY a.at DESC, a.id DESC LIMIT $2"
        )
        .bind(author.0)
        .bind(limit)
        .fetch_all(pool)
        .await?);
        Ok(rows
            .into_iter()
            .map(|(log_id, reader_name, at)| LogRead {
                log_id,
                reader_name,
                at,
            })
            .collect())
    }

    // --- people around a site ---

    /// Who holds `role` (its stored key) at the organisation or at `site`.
    #[instrument(level = "debug", skip_all)]
    pub async fn holders(&self, role: &str, site: SiteId) -> Result<Vec<UserId>, StoreError> {
        let rows: Vec<(Uuid,)> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT DISTINCT g.user_id FROM role_grants g JOIN users u ON u.id = g.user_id \
             WHERE g.role = $1 AND u.active AND (g.scope_key = 'organisation' OR (g.site_id = $2 AND g.cohort_id IS NULL))"
        )
        .bind(role)
        .bind(site.0)
        .fetch_all(pool)
        .await?);
        Ok(rows.into_iter().map(|(id,)| UserId(id)).collect())
    }

    // --- a site's crisis settings ---

    #[instrument(level = "debug", skip_all)]
    pub async fn site_settings(&self, site: SiteId) -> Result<SiteSettings, StoreError> {
        let row: Option<SettingsRow> =
            on_db!(self.db, read |pool| sqlx::query_as(
                "SELECT s.on_call_user_id, u.display_name, s.checklist, s.crisis_contacts FROM support_site_settings s \
                 LEFT JOIN users u ON u.id = s.on_call_user_id WHERE s.site_id = $1"
            )
            .bind(site.0)
            .fetch_optional(pool)
            .await?);
        Ok(row
            .map(
                |(on_call, on_call_name, checklist, crisis_contacts)| SiteSettings {
                    on_call: on_call.map(UserId),
                    on_call_name,
                    checklist,
                    crisis_contacts,
                },
            )
            .unwrap_or_default())
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn save_site_settings(
        &self,
        site: SiteId,
        on_call: Option<UserId>,
        checklist: &str,
        crisis_contacts: Option<&str>,
    ) -> Result<(), StoreError> {
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO support_site_settings (site_id, on_call_user_id, checklist, crisis_contacts) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (site_id) DO UPDATE SET on_call_user_id = excluded.on_call_user_id, checklist = excluded.checklist, \
             crisis_contacts = excluded.crisis_contacts"
        )
        .bind(site.0)
        .bind(on_call.map(|u| u.0))
        .bind(checklist)
        .bind(crisis_contacts)
        .execute(pool)
        .await.map(|r| r.rows_affected())?);
        Ok(())
    }

    /// Every open site's crisis contacts, by site name, for `/help`: public,
    /// so only what coordinators wrote for the public, never who is on call.
    #[instrument(level = "debug", skip_all)]
    pub async fn crisis_contacts(&self) -> Result<Vec<(String, String)>, StoreError> {
        let rows: Vec<(String, String)> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT s.name, x.crisis_contacts FROM support_site_settings x JOIN sites s ON s.id = x.site_id \
             WHERE s.archived_at IS NULL AND x.crisis_contacts IS NOT NULL AND x.crisis_contacts <> '' ORDER BY s.name"
        )
        .fetch_all(pool)
        .await?);
        Ok(rows)
    }

    // --- supervision and wellbeing ---

    /// Records a supervision session with the peers who took part.
    #[allow(clippy::too_many_arguments)]
    #[instrument(level = "debug", skip_all)]
    pub async fn record_supervision(
        &self,
        supervisor: UserId,
        site: SiteId,
        kind: &str,
        held_on: &str,
        notes: Option<&str>,
        actions: Option<&str>,
        peers: &[UserId],
    ) -> Result<Uuid, StoreError> {
        let id = Uuid::now_v7();
        on_db!(
            self.db,
            write
                | pool
                | {
                    let mut tx = pool.begin().await?;
                    sqlx::query(
                "INSERT INTO support_supervisions (id, supervisor_id, site_id, kind, held_on, notes, actions, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(id)
            .bind(supervisor.0)
            .bind(site.0)
            .bind(kind)
            .bind(held_on)
            .bind(notes)
            .bind(actions)
            .bind(now_ms())
            .execute(&mut *tx)
            .await?;
                    for peer in peers {
                        sqlx::query("INSERT INTO support_supervision_peers (supervision_id, user_id) VALUES ($1, $2)")
                    .bind(id)
                    .bind(peer.0)
                    .execute(&mut *tx)
                    .await?;
                    }
                    tx.commit().await?;
                }
        );
        Ok(id)
    }

    /// Supervision sessions a supervisor held, or (with `peer`) that a peer
    /// took part in; newest first.
    #[instrument(level = "debug", skip_all)]
    pub async fn supervisions(
        &self,
        supervisor: Option<UserId>,
        peer: Option<UserId>,
    ) -> Result<Vec<Supervision>, StoreError> {
        let rows: Vec<SupervisionRow> =
            on_db!(self.db, read |pool| sqlx::query_as(
                "SELECT v.id, u.display_name, v.site_id, v.kind, v.held_on, v.notes, v.actions FROM support_supervisions v \
                 LEFT JOIN users u ON u.id = v.supervisor_id \
                 WHERE ($1 IS NULL OR v.supervisor_id = $1) \
                 AND ($2 IS NULL OR EXISTS (SELECT 1 FROM support_supervision_peers p WHERE p.supervision_id = v.id AND p.user_id = $2)) \
                 ORDER BY v.held_on DESC, v.created_at DESC LIMIT 100"
            )
            .bind(supervisor.map(|u| u.0))
            .bind(peer.map(|u| u.0))
            .fetch_all(pool)
            .await?);
        let mut out = Vec::with_capacity(rows.len());
        for (id, supervisor_name, site_id, kind, held_on, notes, actions) in rows {
            let peers: Vec<(Uuid, String)> = on_db!(self.db, read |pool| sqlx::query_as(
                "SELECT u.id, u.display_name FROM support_supervision_peers p JOIN users u ON u.id = p.user_id \
                 WHERE p.supervision_id = $1 ORDER BY u.display_name"
            )
            .bind(id)
            .fetch_all(pool)
            .await?);
            out.push(Supervision {
                id,
                supervisor_name,
                site_id: SiteId(site_id),
                kind,
                held_on,
                notes,
                actions,
                peers: peers.into_iter().map(|(u, n)| (UserId(u), n)).collect(),
            });
        }
        Ok(out)
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn check_in_wellbeing(
        &self,
        user: UserId,
        score: i32,
        note: Option<&str>,
        shared: bool,
    ) -> Result<(), StoreError> {
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO support_wellbeing (id, user_id, score, note, shared, at) VALUES ($1, $2, $3, $4, $5, $6)"
        )
        .bind(Uuid::now_v7())
        .bind(user.0)
        .bind(score)
        .bind(note)
        .bind(shared)
        .bind(now_ms())
        .execute(pool)
        .await.map(|r| r.rows_affected())?);
        Ok(())
    }

    /// A peer's check-ins, newest first; `shared_only` for their supervisors.
    #[instrument(level = "debug", skip_all)]
    pub async fn wellbeing(
        &self,
        user: UserId,
        shared_only: bool,
    ) -> Result<Vec<Wellbeing>, StoreError> {
        let rows: Vec<(i32, Option<String>, bool, i64)> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT score, note, shared, at FROM support_wellbeing WHERE user_id = $1 AND (shared OR NOT $2) \
             ORDER BY at DESC LIMIT 50"
        )
        .bind(user.0)
        .bind(shared_only)
        .fetch_all(pool)
        .await?);
        Ok(rows
            .into_iter()
            .map(|(score, note, shared, at)| Wellbeing {
                score,
                note,
                shared,
                at,
            })
            .collect())
    }
}
