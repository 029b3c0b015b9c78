//! Changes to an ongoing support after it is agreed: moving a session still
//! to come (rebooking its room in the same transaction), calling one off (its
//! place counts again and later sessions move up a number), and the student
//! withdrawing a request or ending a running support.
//!
//! A called-off session leaves `support_ongoing_sessions` for
//! `support_ongoing_cancelled`, so every count, the unique number per support
//! and the limit on scheduling stay exactly as they were. Scheduling and
//! cancelling both touch the support's row first: on PostgreSQL that row
//! lock makes them take turns (SQLite has a single writer), so a renumbering
//! never interleaves with a new session's "count + 1".

use crate::db::on_db;
use crate::error::StoreError;
use crate::support_ongoing::{Ongoing, OngoingSession};
use crate::time::now_ms;
use hearth_domain::UserId;
use hearth_domain::support::slots;
use hearth_domain::support_ongoing::StudentEnding;
use tracing::instrument;
use uuid::Uuid;

/// id, number, start, end, room name, sequence, booking
type ComingRow = (Uuid, i32, i64, i64, Option<String>, i32, Option<Uuid>);

/// A session that was called off (it no longer counts).
#[derive(Debug, Clone)]
pub struct CancelledSession {
    pub id: Uuid,
    /// The number it had when it was called off.
    pub number: i32,
    pub starts_at: i64,
    pub ends_at: i64,
    pub reason: Option<String>,
    pub cancelled_by_name: Option<String>,
    pub cancelled_at: i64,
}

/// A session moved: its calendar entry's new SEQUENCE.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moved {
    pub sequence: i32,
}

/// Inside a transaction that just closed support `$id`: moves its sessions
/// still to come to `support_ongoing_cancelled` (no reason: the support
/// ended), frees their rooms, and gives them back for calendars. A macro
/// because `on_db!` writes the transaction once per database.
macro_rules! call_off_coming {
    ($tx:ident, $id:expr, $by:expr, $now:expr) => {{
        let (id, by, now): (Uuid, UserId, i64) = ($id, $by, $now);
        let coming: Vec<ComingRow> =
            sqlx::query_as(
                "SELECT x.id, x.number, x.starts_at, x.ends_at, r.name, x.sequence, x.booking_id \
                 FROM support_ongoing_sessions x LEFT JOIN support_bookings b ON b.id = x.booking_id \
                 LEFT JOIN support_rooms r ON r.id = b.room_id \
                 WHERE x.support_id = $1 AND x.starts_at > $2 ORDER BY x.number",
            )
            .bind(id)
            .bind(now)
            .fetch_all(&mut *$tx)
            .await?;
        let mut called_off = Vec::new();
        for (session, number, starts_at, ends_at, room_name, sequence, booking) in coming {
            sqlx::query(
                "INSERT INTO support_ongoing_cancelled (id, support_id, number, starts_at, ends_at, reason, cancelled_by, cancelled_at) \
                 VALUES ($1, $2, $3, $4, $5, NULL, $6, $7)",
            )
            .bind(session)
            .bind(id)
            .bind(number)
            .bind(starts_at)
            .bind(ends_at)
            .bind(by.0)
            .bind(now)
            .execute(&mut *$tx)
            .await?;
            let gone: Option<(Option<Uuid>,)> = sqlx::query_as(
                "DELETE FROM support_ongoing_sessions WHERE id = $1 RETURNING booking_id",
            )
            .bind(session)
            .fetch_optional(&mut *$tx)
            .await?;
            let booking = gone.and_then(|(b,)| b).or(booking);
            if let Some(booking) = booking {
                sqlx::query("DELETE FROM support_bookings WHERE id = $1")
                    .bind(booking)
                    .execute(&mut *$tx)
                    .await?;
            }
            called_off.push(OngoingSession {
                id: session,
                number,
                starts_at,
                ends_at,
                room_name,
                sequence,
            });
        }
        called_off
    }};
}

impl Ongoing<'_> {
    /// Moves a session still to come. The old booking is freed and the new
    /// one taken in one transaction, so a taken room leaves the session and
    /// its old booking as they were. `Conflict("room")` when the room is
    /// taken; `Conflict("held")` when the session has started, the support
    /// is closed or the session is not this support's.
    #[instrument(level = "debug", skip_all)]
    pub async fn move_session(
        &self,
        id: Uuid,
        session: Uuid,
        (starts_at, ends_at): (i64, i64),
        room: Option<(Uuid, String)>,
        by: UserId,
    ) -> Result<Moved, StoreError> {
        let now = now_ms();
        let booking = room.as_ref().map(|_| Uuid::now_v7());
        let result: Result<Option<i32>, sqlx::Error> = on_db!(
            self.db,
            write
                | pool
                | {
                    async {
                        let mut tx = pool.begin().await?;
                        let old: Option<(Option<Uuid>,)> = sqlx::query_as(
                            "SELECT x.booking_id FROM support_ongoing_sessions x JOIN support_ongoing o ON o.id = x.support_id \
                             WHERE x.id = $1 AND x.support_id = $2 AND x.starts_at > $3 AND o.closed_at IS NULL",
                        )
                        .bind(session)
                        .bind(id)
                        .bind(now)
                        .fetch_optional(&mut *tx)
                        .await?;
                        let Some((old_booking,)) = old else {
                            return Ok(None);
                        };
                        if let Some(old) = old_booking {
                            sqlx::query("DELETE FROM support_bookings WHERE id = $1")
                                .bind(old)
                                .execute(&mut *tx)
                                .await?;
                        }
                        if let (Some((room, purpose)), Some(booking)) = (&room, booking) {
                            sqlx::query(
                                "INSERT INTO support_bookings (id, room_id, starts_at, ends_at, purpose, booked_by, created_at) \
                                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
                            )
                            .bind(booking)
                            .bind(*room)
                            .bind(starts_at)
                            .bind(ends_at)
                            .bind(purpose)
                            .bind(by.0)
                            .bind(now)
                            .execute(&mut *tx)
                            .await?;
                            for quarter in slots(starts_at, ends_at) {
                                sqlx::query(
                                    "INSERT INTO support_booking_slots (room_id, slot_start, booking_id) VALUES ($1, $2, $3)",
                                )
                                .bind(*room)
                                .bind(quarter)
                                .bind(booking)
                                .execute(&mut *tx)
                                .await?;
                            }
                        }
                        let row: Option<(i32,)> = sqlx::query_as(
                            "UPDATE support_ongoing_sessions SET starts_at = $3, ends_at = $4, booking_id = $5, sequence = sequence + 1 \
                             WHERE id = $1 AND support_id = $2 AND starts_at > $6 RETURNING sequence",
                        )
                        .bind(session)
                        .bind(id)
                        .bind(starts_at)
                        .bind(ends_at)
                        .bind(booking)
                        .bind(now)
                        .fetch_optional(&mut *tx)
                        .await?;
                        // Gone or started meanwhile: dropping the transaction
                        // rolls the rebooking back.
                        let Some((sequence,)) = row else {
                            return Ok(None);
                        };
                        tx.commit().await?;
                        Ok(Some(sequence))
                    }
                    .await
                }
        );
        match result.map_err(StoreError::unique("room"))? {
            Some(sequence) => Ok(Moved { sequence }),
            None => Err(StoreError::Conflict("held")),
        }
    }

    /// Calls off a session still to come: its booking is freed, later
    /// sessions move up one number (one by one, lowest first, so the unique
    /// number holds at every step) and its place counts again.
    /// `Conflict("held")` when it has started, the support is closed or the
    /// session is not this support's.
    #[instrument(level = "debug", skip_all)]
    pub async fn cancel_session(
        &self,
        id: Uuid,
        session: Uuid,
        reason: Option<&str>,
        by: UserId,
    ) -> Result<(), StoreError> {
        let now = now_ms();
        let done: Result<bool, sqlx::Error> = on_db!(
            self.db,
            write
                | pool
                | {
                    async {
                        let mut tx = pool.begin().await?;
                        let open = sqlx::query(
                            "UPDATE support_ongoing SET sessions_version = sessions_version + 1 WHERE id = $1 AND closed_at IS NULL",
                        )
                        .bind(id)
                        .execute(&mut *tx)
                        .await?
                        .rows_affected();
                        if open == 0 {
                            return Ok(false);
                        }
                        let found: Option<(i32, i64, i64, Option<Uuid>)> = sqlx::query_as(
                            "SELECT number, starts_at, ends_at, booking_id FROM support_ongoing_sessions \
                             WHERE id = $1 AND support_id = $2 AND starts_at > $3",
                        )
                        .bind(session)
                        .bind(id)
                        .bind(now)
                        .fetch_optional(&mut *tx)
                        .await?;
                        let Some((number, starts_at, ends_at, booking)) = found else {
                            return Ok(false);
                        };
                        sqlx::query(
                            "INSERT INTO support_ongoing_cancelled (id, support_id, number, starts_at, ends_at, reason, cancelled_by, cancelled_at) \
                             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                        )
                        .bind(session)
                        .bind(id)
                        .bind(number)
                        .bind(starts_at)
                        .bind(ends_at)
                        .bind(reason)
                        .bind(by.0)
                        .bind(now)
                        .execute(&mut *tx)
                        .await?;
                        // The booking as it is when the row goes: a move that
                        // committed meanwhile may have changed it.
                        let gone: Option<(Option<Uuid>,)> = sqlx::query_as(
                            "DELETE FROM support_ongoing_sessions WHERE id = $1 RETURNING booking_id",
                        )
                        .bind(session)
                        .fetch_optional(&mut *tx)
                        .await?;
                        let booking = gone.and_then(|(b,)| b).or(booking);
                        let later: Vec<(Uuid,)> = sqlx::query_as(
                            "SELECT id FROM support_ongoing_sessions WHERE support_id = $1 AND number > $2 ORDER BY number",
                        )
                        .bind(id)
                        .bind(number)
                        .fetch_all(&mut *tx)
                        .await?;
                        for (later,) in later {
                            // Its title ("session N of M") changes: a newer calendar entry.
                            sqlx::query(
                                "UPDATE support_ongoing_sessions SET number = number - 1, sequence = sequence + 1 WHERE id = $1",
                            )
                            .bind(later)
                            .execute(&mut *tx)
                            .await?;
                        }
                        if let Some(booking) = booking {
                            sqlx::query("DELETE FROM support_bookings WHERE id = $1")
                                .bind(booking)
                                .execute(&mut *tx)
                                .await?;
                        }
                        tx.commit().await?;
                        Ok(true)
                    }
                    .await
                }
        );
        if !done? {
            return Err(StoreError::Conflict("held"));
        }
        Ok(())
    }

    /// Sessions called off in a support, in the order they were numbered.
    #[instrument(level = "debug", skip_all)]
    pub async fn cancelled(&self, id: Uuid) -> Result<Vec<CancelledSession>, StoreError> {
        type Row = (Uuid, i32, i64, i64, Option<String>, Option<String>, i64);
        let rows: Vec<Row> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT c.id, c.number, c.starts_at, c.ends_at, c.reason, u.display_name, c.cancelled_at \
             FROM support_ongoing_cancelled c LEFT JOIN users u ON u.id = c.cancelled_by \
             WHERE c.support_id = $1 ORDER BY c.starts_at"
        )
        .bind(id)
        .fetch_all(pool)
        .await?);
        Ok(rows
            .into_iter()
            .map(
                |(id, number, starts_at, ends_at, reason, cancelled_by_name, cancelled_at)| {
                    CancelledSession {
                        id,
                        number,
                        starts_at,
                        ends_at,
                        reason,
                        cancelled_by_name,
                        cancelled_at,
                    }
                },
            )
            .collect())
    }

    /// The student withdraws a request not yet confirmed, or ends a running
    /// support: the same close as the peer's, marked as theirs, with an
    /// optional word for the peer. Sessions still to come are called off
    /// and their rooms freed; they are returned, to tell calendars.
    /// `Conflict("closed")` when it closed (or was confirmed) meanwhile.
    #[instrument(level = "debug", skip_all)]
    pub async fn end_by_student(
        &self,
        id: Uuid,
        student: UserId,
        ending: StudentEnding,
        note: Option<&str>,
    ) -> Result<Vec<OngoingSession>, StoreError> {
        let now = now_ms();
        let withdrawn = ending == StudentEnding::Withdrawn;
        let result: Result<Option<Vec<OngoingSession>>, sqlx::Error> = on_db!(
            self.db,
            write
                | pool
                | {
                    async {
                        let mut tx = pool.begin().await?;
                        // A withdrawal only before the agreement is confirmed;
                        // an ending only after: a confirmation racing in loses neither.
                        let closed = sqlx::query(
                            "UPDATE support_ongoing SET closed_at = $3, closed_reason = $4, closing_note = $5, \
                             sessions_version = sessions_version + 1 \
                             WHERE id = $1 AND student_id = $2 AND closed_at IS NULL \
                             AND ((confirmed_at IS NULL AND $6) OR (confirmed_at IS NOT NULL AND NOT $6))",
                        )
                        .bind(id)
                        .bind(student.0)
                        .bind(now)
                        .bind(ending.as_str())
                        .bind(note)
                        .bind(withdrawn)
                        .execute(&mut *tx)
                        .await?
                        .rows_affected();
                        if closed == 0 {
                            return Ok(None);
                        }
                        let called_off = call_off_coming!(tx, id, student, now);
                        tx.commit().await?;
                        Ok(Some(called_off))
                    }
                    .await
                }
        );
        result?.ok_or(StoreError::Conflict("closed"))
    }

    /// The peer closes the support with a summary for the student; sessions
    /// still to come are called off in the same transaction (rooms freed)
    /// and returned, to tell calendars. `Conflict("closed")` when it was
    /// closed already or is not theirs.
    #[instrument(level = "debug", skip_all)]
    pub async fn close_calling_off(
        &self,
        id: Uuid,
        peer: UserId,
        summary: &str,
    ) -> Result<Vec<OngoingSession>, StoreError> {
        let now = now_ms();
        let result: Result<Option<Vec<OngoingSession>>, sqlx::Error> = on_db!(
            self.db,
            write
                | pool
                | {
                    async {
                        let mut tx = pool.begin().await?;
                        let closed = sqlx::query(
                            "UPDATE support_ongoing SET closing_summary = $3, closed_at = $4, sessions_version = sessions_version + 1 \
                             WHERE id = $1 AND peer_id = $2 AND closed_at IS NULL",
                        )
                        .bind(id)
                        .bind(peer.0)
                        .bind(summary)
                        .bind(now)
                        .execute(&mut *tx)
                        .await?
                        .rows_affected();
                        if closed == 0 {
                            return Ok(None);
                        }
                        let called_off = call_off_coming!(tx, id, peer, now);
                        tx.commit().await?;
                        Ok(Some(called_off))
                    }
                    .await
                }
        );
        result?.ok_or(StoreError::Conflict("closed"))
    }
}
