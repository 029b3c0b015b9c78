//! Retention and people's rights (issue 7, scope 9): archiving session logs
//! after the organisation's number of months, forgetting walk-ins' nicknames
//! once served, a person's export ("what is recorded about me") and erasure.
//!
//! Erasure keeps the account row as a tombstone (no name, email, password or
//! roles) instead of deleting it: attendance rows point at it, so every
//! report counts the same people and attendances after an erasure as before,
//! while nothing left says who that person was.

use crate::db::{Db, on_db};
use crate::error::{OptionalRow, StoreError};
use crate::time::{now_ms, timestamp};
use hearth_domain::UserId;
use serde_json::{Value, json};
use tracing::instrument;
use uuid::Uuid;

pub struct Privacy<'a> {
    pub(crate) db: &'a Db,
}

/// The organisation's retention periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    /// Session logs older than this leave every list (they stay readable).
    pub log_archive_months: i32,
    /// A served (or gone) walk-in's first name or nickname is kept this long.
    pub queue_name_hours: i32,
}

/// What one retention pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RetentionOutcome {
    pub logs_archived: u64,
    pub names_forgotten: u64,
}

/// A day in milliseconds.
pub const DAY_MS: i64 = 86_400_000;

/// The name an erased person's tombstone carries.
pub const ERASED_NAME: &str = "Erased person";

/// The daily retention job's id for a given day: the same id for the same day,
/// so however many instances schedule it, it is queued once.
fn daily_job_id(day: i64) -> Uuid {
    // "retention" in ASCII, then the day number since the epoch.
    Uuid::from_u128((0x7265_7465_6e74_696f_6e00_u128 << 40) | (day as u128 & 0xff_ffff_ffff))
}

fn iso(ms: i64) -> String {
    timestamp(ms).to_string()
}

fn iso_opt(ms: Option<i64>) -> Value {
    ms.map_or(Value::Null, |ms| Value::String(iso(ms)))
}

impl Privacy<'_> {
    #[instrument(level = "debug", skip_all)]
    pub async fn retention(&self) -> Result<Retention, StoreError> {
        let row: Option<(i32, i32)> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT log_archive_months, queue_name_hours FROM organisation ORDER BY created_at LIMIT 1"
        )
        .fetch_optional(pool)
        .await?);
        let (log_archive_months, queue_name_hours) = row.found()?;
        Ok(Retention {
            log_archive_months,
            queue_name_hours,
        })
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn set_retention(&self, retention: Retention) -> Result<(), StoreError> {
        on_db!(
            self.db,
            write
                | pool
                | sqlx::query(
                    "UPDATE organisation SET log_archive_months = $1, queue_name_hours = $2"
                )
                .bind(retention.log_archive_months)
                .bind(retention.queue_name_hours)
                .execute(pool)
                .await
                .map(|r| r.rows_affected())?
        );
        Ok(())
    }

    /// Archives logs written more than the set months before `now` and
    /// forgets the names of walk-ins served or gone more than the set hours
    /// before `now` (or still "waiting" that long: the shift is over).
    #[instrument(level = "debug", skip_all)]
    pub async fn apply_retention(&self, now: i64) -> Result<RetentionOutcome, StoreError> {
        let retention = self.retention().await?;
        let log_cutoff = timestamp(now)
            .to_zoned_datetime(jiff::tz::TimeZone::UTC)
            .checked_sub(jiff::Span::new().months(i64::from(retention.log_archive_months)))
            .map_err(|e| StoreError::Corrupt(e.to_string()))?
            .timestamp()
            .as_millisecond();
        let name_cutoff = now - i64::from(retention.queue_name_hours) * 3_600_000;
        let (logs_archived, names_forgotten) = on_db!(
            self.db,
            write
                | pool
                | {
                    let mut tx = pool.begin().await?;
                    let logs = sqlx::query(
                        "UPDATE support_logs SET archived_at = $1 WHERE archived_at IS NULL AND created_at < $2",
                    )
                    .bind(now)
                    .bind(log_cutoff)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                    // Someone left "waiting" past the window was not seen: their
                    // entry closes, so no list shows it again.
                    sqlx::query(
                        "UPDATE support_queue SET removed_at = $1 \
                         WHERE taken_at IS NULL AND removed_at IS NULL AND added_at < $2",
                    )
                    .bind(now)
                    .bind(name_cutoff)
                    .execute(&mut *tx)
                    .await?;
                    let names = sqlx::query(
                        "UPDATE support_queue SET name = '' WHERE name <> '' \
                         AND (taken_at < $1 OR removed_at < $1)",
                    )
                    .bind(name_cutoff)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                    tx.commit().await?;
                    (logs, names)
                }
        );
        Ok(RetentionOutcome {
            logs_archived,
            names_forgotten,
        })
    }

    /// Queues the retention job of `day` (days since the epoch, UTC), to run
    /// at 03:00 UTC that day, once however often it is called: the job's id
    /// is the day's. The payload carries the day, so a pass queues the next
    /// day's even when it ran late.
    #[instrument(level = "debug", skip_all)]
    pub async fn schedule_day(&self, kind: &str, day: i64) -> Result<(), StoreError> {
        let run_at = day * DAY_MS + 3 * 3_600_000;
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO jobs (id, kind, payload, run_at, attempts, created_at) VALUES ($1, $2, $3, $4, 0, $5) \
             ON CONFLICT (id) DO NOTHING"
        )
        .bind(daily_job_id(day))
        .bind(kind)
        .bind(json!({ "day": day }).to_string())
        .bind(run_at)
        .bind(now_ms())
        .execute(pool)
        .await
        .map(|r| r.rows_affected())?);
        Ok(())
    }

    /// Whether a retention job is waiting in the queue (for the operator and tests).
    #[instrument(level = "debug", skip_all)]
    pub async fn next_run(&self, kind: &str) -> Result<Option<i64>, StoreError> {
        let row: Option<(i64,)> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT run_at FROM jobs WHERE kind = $1 AND done_at IS NULL ORDER BY run_at LIMIT 1"
        )
        .bind(kind)
        .fetch_optional(pool)
        .await?);
        Ok(row.map(|(at,)| at))
    }

    /// Whether `user` was erased.
    #[instrument(level = "debug", skip_all)]
    pub async fn is_erased(&self, user: UserId) -> Result<bool, StoreError> {
        let row: Option<(Option<i64>,)> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as("SELECT erased_at FROM users WHERE id = $1")
                    .bind(user.0)
                    .fetch_optional(pool)
                    .await?
        );
        Ok(row.found()?.0.is_some())
    }

    /// Everything Hearth holds about `user`, as one JSON document: profile,
    /// roles, memberships, their own writing, the activities they came to,
    /// their shifts and the logs they wrote (when, how long, flags: the notes
    /// are about the people they supported), notifications, and every
    /// audited read of their data.
    #[instrument(level = "debug", skip_all)]
    pub async fn export(&self, user: UserId) -> Result<Value, StoreError> {
        let id = user.0;
        // Every list below is rows about this one person.
        macro_rules! about {
            ($sql:expr) => {
                on_db!(
                    self.db,
                    read | pool | sqlx::query_as($sql).bind(id).fetch_all(pool).await?
                )
            };
        }
        type Profile = (
            String,
            String,
            Option<String>,
            Option<String>,
            Option<String>,
            bool,
            i64,
            Option<i64>,
        );
        let profile: Option<Profile> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT email, display_name, pronouns, language, time_zone, active, created_at, erased_at FROM users WHERE id = $1"
        )
        .bind(id)
        .fetch_optional(pool)
        .await?);
        let (email, name, pronouns, language, zone, active, created, erased) = profile.found()?;

        let roles: Vec<(String, Option<String>, Option<String>, i64)> = about!(
            "SELECT g.role, s.name, c.name, g.created_at FROM role_grants g LEFT JOIN sites s ON s.id = g.site_id \
             LEFT JOIN cohorts c ON c.id = g.cohort_id WHERE g.user_id = $1 ORDER BY g.created_at"
        );
        let peer_groups: Vec<(String, String)> = about!(
            "SELECT c.name, p.name FROM peer_group_members m JOIN peer_groups p ON p.id = m.group_id \
             JOIN cohorts c ON c.id = p.cohort_id WHERE m.user_id = $1 ORDER BY c.name, p.name"
        );
        let support_groups: Vec<(String, String, i64)> = about!(
            "SELECT g.name, m.role, m.joined_at FROM support_group_members m JOIN support_groups g ON g.id = m.group_id \
             WHERE m.user_id = $1 ORDER BY m.joined_at"
        );
        let reflections: Vec<(String, i32, String, i64)> = about!(
            "SELECT e.title, r.step, r.text, r.updated_at FROM reflections r JOIN events e ON e.id = r.event_id \
             WHERE r.user_id = $1 ORDER BY r.updated_at"
        );
        let introductions: Vec<(String, String, i64)> = about!(
            "SELECT c.name, i.text, i.updated_at FROM introductions i JOIN cohorts c ON c.id = i.cohort_id \
             WHERE i.user_id = $1 ORDER BY i.updated_at"
        );
        let stocktakes: Vec<(String, String, bool, i64)> = about!(
            "SELECT c.name, s.answers, s.shared, s.updated_at FROM stocktakes s JOIN cohorts c ON c.id = s.cohort_id \
             WHERE s.user_id = $1 ORDER BY s.updated_at"
        );
        let recovery: Vec<(String, String, i64)> = about!(
            "SELECT c.name, v.text, v.updated_at FROM recovery_story_versions v JOIN cohorts c ON c.id = v.cohort_id \
             WHERE v.user_id = $1 ORDER BY v.created_at"
        );
        type Chime = (String, i32, i32, i32, i32, i32, Option<String>, i64);
        let chime: Vec<Chime> = about!(
            "SELECT c.name, r.connectedness, r.hope, r.identity, r.meaning, r.empowerment, r.note, r.created_at \
             FROM chime_reflections r JOIN cohorts c ON c.id = r.cohort_id WHERE r.user_id = $1 ORDER BY r.created_at"
        );
        let stories: Vec<(String, String, String, String, i64)> = about!(
            "SELECT title, body, signed_as, status, created_at FROM stories WHERE author_id = $1 ORDER BY created_at"
        );
        type FeedbackRow = (String, i32, Option<String>, Option<String>, i64);
        let feedback: Vec<FeedbackRow> = about!(
            "SELECT e.title, f.rating, f.helped, f.change_next, f.at FROM event_feedback f JOIN events e ON e.id = f.event_id \
             WHERE f.user_id = $1 ORDER BY f.at"
        );
        let wellbeing: Vec<(i32, Option<String>, bool, i64)> = about!(
            "SELECT score, note, shared, at FROM support_wellbeing WHERE user_id = $1 ORDER BY at"
        );
        let readiness: Vec<(String, String, String, Option<String>)> = about!(
            "SELECT c.name, r.held_on, r.outcome, r.note FROM readiness_conversations r JOIN cohorts c ON c.id = r.cohort_id \
             WHERE r.user_id = $1 ORDER BY r.created_at"
        );
        let attendance: Vec<(String, String, Option<String>, i64, String)> = about!(
            "SELECT a.kind, a.title, s.name, a.occurred_at, t.status FROM attendance t JOIN activities a ON a.id = t.activity_id \
             LEFT JOIN sites s ON s.id = a.site_id WHERE t.user_id = $1 ORDER BY a.occurred_at"
        );
        let shifts: Vec<(String, i64, i64)> = about!(
            "SELECT l.name, s.starts_at, s.ends_at FROM support_shift_signups x JOIN support_shifts s ON s.id = x.shift_id \
             JOIN support_locations l ON l.id = s.location_id WHERE x.user_id = $1 ORDER BY s.starts_at"
        );
        type LogMeta = (String, i32, String, bool, bool, Option<i64>);
        let logs: Vec<LogMeta> = about!(
            "SELECT held_on, minutes, kind, flag_difficult, flag_safety, archived_at FROM support_logs \
             WHERE author_id = $1 ORDER BY created_at"
        );
        let notifications: Vec<(String, String, i64)> = about!(
            "SELECT title, body, created_at FROM notifications WHERE user_id = $1 ORDER BY created_at"
        );
        let reads: Vec<(Option<String>, String, String, i64)> = about!(
            "SELECT u.display_name, a.action, a.subject_kind, a.at FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id \
             WHERE a.subject_user_id = $1 ORDER BY a.at"
        );

        Ok(json!({
            "exported_at": iso(now_ms()),
            "person": {
                "id": id.to_string(),
                "email": email,
                "name": name,
                "pronouns": pronouns,
                "language": language,
                "time_zone": zone,
                "active": active,
                "joined": iso(created),
                "erased": iso_opt(erased),
            },
            "roles": roles.into_iter().map(|(role, site, cohort, at)| json!({
                "role": role, "site": site, "cohort": cohort, "since": iso(at)
            })).collect::<Vec<_>>(),
            "memberships": {
                "peer_groups": peer_groups.into_iter().map(|(cohort, group)| json!({"cohort": cohort, "group": group})).collect::<Vec<_>>(),
                "support_groups": support_groups.into_iter().map(|(group, role, at)| json!({"group": group, "role": role, "joined": iso(at)})).collect::<Vec<_>>(),
            },
            "writing": {
                "reflections": reflections.into_iter().map(|(event, step, text, at)| json!({"event": event, "step": step, "text": text, "written": iso(at)})).collect::<Vec<_>>(),
                "introductions": introductions.into_iter().map(|(cohort, text, at)| json!({"cohort": cohort, "text": text, "written": iso(at)})).collect::<Vec<_>>(),
                "stocktakes": stocktakes.into_iter().map(|(cohort, answers, shared, at)| json!({
                    "cohort": cohort,
                    "answers": serde_json::from_str::<Value>(&answers).unwrap_or(Value::String(answers)),
                    "shared": shared, "written": iso(at)
                })).collect::<Vec<_>>(),
                "recovery_story_versions": recovery.into_iter().map(|(cohort, text, at)| json!({"cohort": cohort, "text": text, "written": iso(at)})).collect::<Vec<_>>(),
                "chime_reflections": chime.into_iter().map(|(cohort, c, h, i, m, e, note, at)| json!({
                    "cohort": cohort, "connectedness": c, "hope": h, "identity": i, "meaning": m, "empowerment": e,
                    "note": note, "written": iso(at)
                })).collect::<Vec<_>>(),
                "stories": stories.into_iter().map(|(title, body, signed_as, status, at)| json!({
                    "title": title, "text": body, "signed_as": signed_as, "status": status, "written": iso(at)
                })).collect::<Vec<_>>(),
                "event_feedback": feedback.into_iter().map(|(event, rating, helped, change, at)| json!({
                    "event": event, "rating": rating, "what_helped": helped, "change_next_time": change, "given": iso(at)
                })).collect::<Vec<_>>(),
                "wellbeing_check_ins": wellbeing.into_iter().map(|(score, note, shared, at)| json!({
                    "score": score, "note": note, "shared_with_supervisors": shared, "at": iso(at)
                })).collect::<Vec<_>>(),
            },
            "training": {
                "readiness_conversations": readiness.into_iter().map(|(cohort, held_on, outcome, note)| json!({
                    "cohort": cohort, "held_on": held_on, "outcome": outcome, "note": note
                })).collect::<Vec<_>>(),
            },
            "attendance": attendance.into_iter().map(|(kind, title, site, at, status)| json!({
                "kind": kind, "title": title, "site": site, "when": iso(at), "status": status
            })).collect::<Vec<_>>(),
            "support": {
                "shifts": shifts.into_iter().map(|(location, start, end)| json!({"location": location, "starts": iso(start), "ends": iso(end)})).collect::<Vec<_>>(),
                "session_logs_written": logs.into_iter().map(|(held_on, minutes, kind, difficult, safety, archived)| json!({
                    "held_on": held_on, "minutes": minutes, "kind": kind,
                    "flag_difficult": difficult, "flag_safety": safety, "archived": iso_opt(archived)
                })).collect::<Vec<_>>(),
                "session_logs_note": "The notes of the logs you wrote are about the people you supported, so they stay in Hearth, where every read is audited.",
                "session_logs_about_you": [],
            },
            "notifications": notifications.into_iter().map(|(title, body, at)| json!({"title": title, "text": body, "at": iso(at)})).collect::<Vec<_>>(),
            "reads_of_your_data": reads.into_iter().map(|(who, action, what, at)| json!({
                "by": who, "action": action, "what": what, "at": iso(at)
            })).collect::<Vec<_>>(),
        }))
    }

    /// Erases `user`: every piece of their personal data is deleted, and the
    /// account row becomes a tombstone with no name, email, password or role.
    /// Attendance stays with the tombstone and feedback keeps its rating
    /// (not its words), so reports count exactly as before. Logs they wrote
    /// stay (they are about the people they supported) under the tombstone.
    #[instrument(level = "debug", skip_all)]
    pub async fn erase(&self, user: UserId) -> Result<(), StoreError> {
        let id = user.0;
        let row: Option<(String, String)> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as("SELECT email, display_name FROM users WHERE id = $1")
                    .bind(id)
                    .fetch_optional(pool)
                    .await?
        );
        let (email, name) = row.found()?;
        // Everything that is theirs alone, by the column naming them.
        const DELETE_BY_USER: &[&str] = &[
            "DELETE FROM sessions WHERE user_id = $1",
            "DELETE FROM account_tokens WHERE user_id = $1",
            "DELETE FROM calendar_feeds WHERE user_id = $1",
            "DELETE FROM notifications WHERE user_id = $1",
            "DELETE FROM reflections WHERE user_id = $1",
            "DELETE FROM introductions WHERE user_id = $1",
            "DELETE FROM stocktakes WHERE user_id = $1",
            "DELETE FROM recovery_story_versions WHERE user_id = $1",
            "DELETE FROM recovery_story_shares WHERE user_id = $1",
            "DELETE FROM readiness_conversations WHERE user_id = $1",
            "DELETE FROM chime_reflections WHERE user_id = $1",
            "DELETE FROM lived_experience WHERE user_id = $1",
            "DELETE FROM stories WHERE author_id = $1",
            "DELETE FROM support_wellbeing WHERE user_id = $1",
            "DELETE FROM support_shift_signups WHERE user_id = $1",
            "DELETE FROM support_swaps WHERE from_user = $1",
            "DELETE FROM support_group_requests WHERE user_id = $1",
            "DELETE FROM support_group_members WHERE user_id = $1",
            "DELETE FROM support_group_actions WHERE owner_id = $1",
            "DELETE FROM member_labels WHERE user_id = $1",
            "DELETE FROM member_pairs WHERE first_user = $1 OR second_user = $1",
            "DELETE FROM peer_group_members WHERE user_id = $1",
            "DELETE FROM ground_rule_acceptances WHERE user_id = $1",
            "DELETE FROM debrief_speakers WHERE user_id = $1",
            "DELETE FROM live_presence WHERE user_id = $1",
            "DELETE FROM event_hosts WHERE user_id = $1",
            "DELETE FROM delivery_facilitators WHERE user_id = $1",
            "DELETE FROM role_training_overrides WHERE user_id = $1",
            "DELETE FROM role_grants WHERE user_id = $1",
            // What they wrote to the event goes; the rating stays for the average.
            "UPDATE event_feedback SET helped = NULL, change_next = NULL WHERE user_id = $1",
            // Entries of a live room addressed to them alone.
            "DELETE FROM event_log WHERE visibility = 'person' AND visibility_id = $1",
        ];
        let now = now_ms();
        on_db!(
            self.db,
            write
                | pool
                | {
                    let mut tx = pool.begin().await?;
                    for statement in DELETE_BY_USER {
                        sqlx::query(*statement).bind(id).execute(&mut *tx).await?;
                    }
                    sqlx::query("DELETE FROM sign_in_failures WHERE email = $1")
                        .bind(&email)
                        .execute(&mut *tx)
                        .await?;
                    // Their name as the live room showed it to others.
                    sqlx::query("UPDATE event_log SET change = REPLACE(change, $1, $2)")
                        .bind(serde_json::to_string(&name).unwrap_or_default())
                        .bind(serde_json::to_string(ERASED_NAME).unwrap_or_default())
                        .execute(&mut *tx)
                        .await?;
                    sqlx::query(
                        "UPDATE users SET email = $2, display_name = $3, name_search = '', pronouns = NULL, \
                         language = NULL, time_zone = NULL, password_hash = NULL, active = $4, erased_at = $5 WHERE id = $1",
                    )
                    .bind(id)
                    .bind(format!("erased-{}@erased.invalid", id.simple()))
                    .bind(ERASED_NAME)
                    .bind(false)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                    tx.commit().await?;
                }
        );
        Ok(())
    }
}
