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

/// Every row a query returns about one person (`$1` is their id).
macro_rules! rows_about {
    ($self:ident, $id:expr, $sql:expr) => {
        on_db!(
            $self.db,
            read | pool | sqlx::query_as($sql).bind($id).fetch_all(pool).await?
        )
    };
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
                rows_about!(self, id, $sql)
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
            "ongoing_support": self.export_ongoing(user).await?,
            "conversations": self.export_conversations(user).await?,
            "support_group_meetings": self.export_meetings(user).await?,
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
            // A story's picture goes with it (the picture's row outlives the story otherwise).
            "DELETE FROM files WHERE id IN (SELECT picture_file_id FROM stories WHERE author_id = $1)",
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
                    for statement in [
                        DELETE_BY_USER,
                        ERASE_ONGOING,
                        ERASE_CONVERSATIONS,
                        ERASE_MEETINGS,
                    ]
                    .concat()
                    {
                        sqlx::query(statement).bind(id).execute(&mut *tx).await?;
                    }
                    // Whom they were referred as: the referral counts for its
                    // service, the referrer's list shows no name.
                    sqlx::query(
                        "UPDATE support_referrals SET person_id = NULL, person_label = $2, note = NULL WHERE person_id = $1 \
                         OR (source = 'ongoing' AND source_id IN (SELECT o.id FROM support_ongoing o WHERE o.student_id = $1))",
                    )
                    .bind(id)
                    .bind(ERASED_NAME)
                    .execute(&mut *tx)
                    .await?;
                    // Their messages lose their words and name, as a deletion
                    // does, each under a new number above the conversation's
                    // last, so a page that reconnects "after N" picks it up.
                    // (Numbers stay distinct on both databases: SQLite sees
                    // its own earlier updates in MAX, PostgreSQL adds the rank.)
                    sqlx::query(
                        "UPDATE conversation_messages SET body = '', mentions = '', author_name = $2, \
                         deleted_at = COALESCE(deleted_at, $3), \
                         seq = (SELECT MAX(m.seq) FROM conversation_messages m WHERE m.conversation_id = conversation_messages.conversation_id) \
                             + (SELECT COUNT(*) FROM conversation_messages y WHERE y.conversation_id = conversation_messages.conversation_id \
                                AND y.author_id = $1 AND y.posted_seq <= conversation_messages.posted_seq) \
                         WHERE author_id = $1",
                    )
                    .bind(id)
                    .bind(ERASED_NAME)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                    // A field visit's visitors are free text: their name there goes.
                    sqlx::query("UPDATE field_visits SET visitors = REPLACE(visitors, $1, $2)")
                        .bind(&name)
                        .bind(ERASED_NAME)
                        .execute(&mut *tx)
                        .await?;
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

// --- Areas merged after the first export and erasure: ongoing support and
// referrals (0017), conversations (0018), the meeting flow and the network
// (0019), support groups' ground rules (0022). Each statement binds the
// person's id as `$1`; the reasons are in docs/support.md.

/// Their ongoing support as a student keeps its row (reports count supports
/// by site, start and close) but loses every word about them; as a peer
/// worker, what they wrote stays, like their logs: it is the student's record.
const ERASE_ONGOING: &[&str] = &[
    "DELETE FROM support_peer_profiles WHERE user_id = $1",
    "UPDATE support_ongoing SET help_with = '', language = NULL, peer_kind = NULL, topics = '', availability = '', \
     covers = NULL, closing_summary = NULL, closing_note = NULL WHERE student_id = $1",
    "UPDATE support_ongoing_extensions SET reason = '' \
     WHERE support_id IN (SELECT o.id FROM support_ongoing o WHERE o.student_id = $1)",
    "UPDATE support_ongoing_cancelled SET reason = NULL \
     WHERE support_id IN (SELECT o.id FROM support_ongoing o WHERE o.student_id = $1)",
];

/// Their messages are emptied in `erase` (they need a new number); here what
/// else names them in a conversation.
const ERASE_CONVERSATIONS: &[&str] = &[
    "DELETE FROM conversation_settings WHERE user_id = $1",
    "DELETE FROM conversation_presence WHERE user_id = $1",
    "DELETE FROM conversation_mutes WHERE user_id = $1",
    // The report stays for the moderators; their reason goes.
    "UPDATE conversation_reports SET reason = NULL WHERE reported_by = $1",
];

/// Pulse respondents stay: a row with no answer linked to it, counted for the
/// "enough answers to show" threshold. Library resources and field visits
/// they recorded are the network's shared work and stay under the tombstone.
const ERASE_MEETINGS: &[&str] = &[
    "DELETE FROM icebreaker_notes WHERE user_id = $1",
    "DELETE FROM cafe_notes WHERE EXISTS (SELECT 1 FROM cafe_tables t WHERE t.meeting_id = cafe_notes.meeting_id \
     AND t.position = cafe_notes.position AND t.host_id = $1)",
    "DELETE FROM date_poll_tokens WHERE user_id = $1",
    "DELETE FROM date_poll_answers WHERE user_id = $1",
    "DELETE FROM support_group_rule_acceptances WHERE user_id = $1",
];

fn list<T>(rows: Vec<T>, row: impl Fn(T) -> Value) -> Value {
    Value::Array(rows.into_iter().map(row).collect())
}

impl Privacy<'_> {
    /// Ongoing support: what they asked for and everything the student reads
    /// on their support's page (the peer, the agreement, sessions, extensions,
    /// the closing summary, the services they were referred to, never the
    /// referrer's note); as a peer worker, their matching profile and the
    /// supports they held and referrals they made, counted, never the
    /// student's words or name.
    async fn export_ongoing(&self, user: UserId) -> Result<Value, StoreError> {
        let id = user.0;
        let profile: Vec<(String, String, String, bool, i64)> = rows_about!(
            self,
            id,
            "SELECT topics, languages, availability, open_to_new, updated_at FROM support_peer_profiles WHERE user_id = $1"
        );
        type Asked = (
            Uuid,
            String,
            String,
            Option<String>,
            Option<String>,
            String,
            String,
            Option<String>,
            i64,
        );
        let asked: Vec<Asked> = rows_about!(
            self,
            id,
            "SELECT o.id, s.name, o.help_with, o.language, o.peer_kind, o.topics, o.availability, p.display_name, o.created_at \
             FROM support_ongoing o JOIN sites s ON s.id = o.site_id LEFT JOIN users p ON p.id = o.peer_id \
             WHERE o.student_id = $1 ORDER BY o.created_at"
        );
        type Agreed = (
            Uuid,
            Option<i32>,
            i32,
            Option<String>,
            Option<i64>,
            Option<String>,
            Option<i64>,
        );
        let agreed: Vec<Agreed> = rows_about!(
            self,
            id,
            "SELECT id, agreed_sessions, extended_sessions, covers, confirmed_at, closing_summary, closed_at \
             FROM support_ongoing WHERE student_id = $1"
        );
        let sessions: Vec<(Uuid, i32, i64, i64)> = rows_about!(
            self,
            id,
            "SELECT x.support_id, x.number, x.starts_at, x.ends_at FROM support_ongoing_sessions x \
             JOIN support_ongoing o ON o.id = x.support_id WHERE o.student_id = $1 ORDER BY x.number"
        );
        // How a student ended it themselves, and the sessions called off.
        let ended: Vec<(Uuid, Option<String>, Option<String>)> = rows_about!(
            self,
            id,
            "SELECT id, closed_reason, closing_note FROM support_ongoing WHERE student_id = $1"
        );
        let called_off: Vec<(Uuid, i32, i64, Option<String>)> = rows_about!(
            self,
            id,
            "SELECT c.support_id, c.number, c.starts_at, c.reason FROM support_ongoing_cancelled c \
             JOIN support_ongoing o ON o.id = c.support_id WHERE o.student_id = $1 ORDER BY c.starts_at"
        );
        let extensions: Vec<(Uuid, i32, String, Option<String>, i64)> = rows_about!(
            self,
            id,
            "SELECT x.support_id, x.sessions, x.reason, x.decision, x.created_at FROM support_ongoing_extensions x \
             JOIN support_ongoing o ON o.id = x.support_id WHERE o.student_id = $1 ORDER BY x.created_at"
        );
        let referred: Vec<(String, Option<String>, i64)> = rows_about!(
            self,
            id,
            "SELECT v.name, v.contact, r.created_at FROM support_referrals r JOIN services v ON v.id = r.service_id \
             WHERE r.person_id = $1 ORDER BY r.created_at"
        );
        type Held = (String, Option<i32>, i32, i64, Option<i64>, i64);
        let held: Vec<Held> = rows_about!(
            self,
            id,
            "SELECT s.name, o.agreed_sessions, o.extended_sessions, \
             CAST((SELECT COUNT(*) FROM support_ongoing_sessions x WHERE x.support_id = o.id) AS BIGINT), o.closed_at, o.created_at \
             FROM support_ongoing o JOIN sites s ON s.id = o.site_id WHERE o.peer_id = $1 ORDER BY o.created_at"
        );
        let made: Vec<(String, String, Option<String>, i64)> = rows_about!(
            self,
            id,
            "SELECT v.name, r.source, r.outcome, r.created_at FROM support_referrals r JOIN services v ON v.id = r.service_id \
             WHERE r.referrer_id = $1 ORDER BY r.created_at"
        );

        let as_student = list(
            asked,
            |(support, site, help, language, kind, topics, free, peer, at)| {
                let agreement = agreed.iter().find(|a| a.0 == support);
                json!({
                    "site": site, "asked": iso(at), "help_with": help, "language": language,
                    "kind_of_peer_worker": kind, "topics": topics, "availability": free, "peer_worker": peer,
                    "agreed_sessions": agreement.and_then(|a| a.1),
                    "extended_sessions": agreement.map(|a| a.2),
                    "covers": agreement.and_then(|a| a.3.clone()),
                    "confirmed": iso_opt(agreement.and_then(|a| a.4)),
                    "closing_summary": agreement.and_then(|a| a.5.clone()),
                    "closed": iso_opt(agreement.and_then(|a| a.6)),
                    "sessions": sessions.iter().filter(|s| s.0 == support).map(|s| json!({
                        "number": s.1, "starts": iso(s.2), "ends": iso(s.3)
                    })).collect::<Vec<_>>(),
                    "ended_by_student": ended.iter().find(|e| e.0 == support).and_then(|e| e.1.clone()),
                    "word_to_the_peer": ended.iter().find(|e| e.0 == support).and_then(|e| e.2.clone()),
                    "sessions_called_off": called_off.iter().filter(|c| c.0 == support).map(|c| json!({
                        "number": c.1, "starts": iso(c.2), "reason": c.3
                    })).collect::<Vec<_>>(),
                    "extensions": extensions.iter().filter(|e| e.0 == support).map(|e| json!({
                        "sessions": e.1, "reason": e.2, "decision": e.3, "asked": iso(e.4)
                    })).collect::<Vec<_>>(),
                })
            },
        );
        Ok(json!({
            "as_student": as_student,
            "referred_to_services": list(referred, |(service, contact, at)| json!({
                "service": service, "contact": contact, "referred": iso(at)
            })),
            "matching_profile": profile.into_iter().next().map(|(topics, languages, free, open, at)| json!({
                "topics": topics, "languages": languages, "availability": free, "open_to_new": open, "saved": iso(at)
            })),
            "supports_held_as_peer": list(held, |(site, agreed, extended, scheduled, closed, at)| json!({
                "site": site, "started": iso(at), "agreed_sessions": agreed, "extended_sessions": extended,
                "sessions_scheduled": scheduled, "closed": iso_opt(closed)
            })),
            "referrals_made": list(made, |(service, from, outcome, at)| json!({
                "service": service, "from": from, "outcome": outcome, "referred": iso(at)
            })),
            "note": "What you wrote as a peer worker about the students you supported stays in Hearth: it is about them.",
        }))
    }

    /// Conversations: the messages they wrote (words as they stand now),
    /// the reasons they gave when reporting one (not the message reported:
    /// those are someone else's words), mutes and how they are told.
    async fn export_conversations(&self, user: UserId) -> Result<Value, StoreError> {
        let id = user.0;
        type Written = (
            String,
            Option<String>,
            String,
            i64,
            Option<i64>,
            Option<i64>,
            Option<i64>,
        );
        let written: Vec<Written> = rows_about!(
            self,
            id,
            "SELECT c.kind, COALESCE(g.name, p.name), m.body, m.posted_at, m.edited_at, m.deleted_at, m.hidden_at FROM conversation_messages m \
             JOIN conversations c ON c.id = m.conversation_id LEFT JOIN support_groups g ON g.id = c.group_id \
             LEFT JOIN peer_groups p ON p.id = c.peer_group_id \
             WHERE m.author_id = $1 ORDER BY m.posted_at"
        );
        let reports: Vec<(Option<String>, i64)> = rows_about!(
            self,
            id,
            "SELECT reason, at FROM conversation_reports WHERE reported_by = $1 ORDER BY at"
        );
        let mutes: Vec<(String, Option<String>, i64)> = rows_about!(
            self,
            id,
            "SELECT c.kind, COALESCE(g.name, p.name), m.until FROM conversation_mutes m JOIN conversations c ON c.id = m.conversation_id \
             LEFT JOIN support_groups g ON g.id = c.group_id LEFT JOIN peer_groups p ON p.id = c.peer_group_id WHERE m.user_id = $1"
        );
        let settings: Vec<(String, Option<String>, String)> = rows_about!(
            self,
            id,
            "SELECT c.kind, COALESCE(g.name, p.name), s.notify FROM conversation_settings s JOIN conversations c ON c.id = s.conversation_id \
             LEFT JOIN support_groups g ON g.id = c.group_id LEFT JOIN peer_groups p ON p.id = c.peer_group_id WHERE s.user_id = $1"
        );
        Ok(json!({
            "messages": list(written, |(kind, group, body, at, edited, deleted, hidden)| json!({
                "conversation": kind, "group": group, "text": body, "posted": iso(at),
                "edited": iso_opt(edited), "deleted": iso_opt(deleted), "hidden_by_moderators": iso_opt(hidden)
            })),
            "reports_made": list(reports, |(reason, at)| json!({"reason": reason, "at": iso(at)})),
            "muted": list(mutes, |(kind, group, until)| json!({"conversation": kind, "group": group, "until": iso(until)})),
            "notifications": list(settings, |(kind, group, notify)| json!({"conversation": kind, "group": group, "notify": notify})),
        }))
    }

    /// Support groups' meetings and the network: icebreaker notes still kept,
    /// what they wrote as a World Café table's host, date poll answers,
    /// which pulses they answered (what they answered is never linked to
    /// them, so it cannot be exported), ground rules accepted, library
    /// resources added and field visits recorded.
    async fn export_meetings(&self, user: UserId) -> Result<Value, StoreError> {
        let id = user.0;
        type Note = (String, i64, String, String, String, bool);
        let notes: Vec<Note> = rows_about!(
            self,
            id,
            "SELECT m.title, m.starts_at, n.past, n.present, n.future, n.keep FROM icebreaker_notes n \
             JOIN support_group_meetings m ON m.id = n.meeting_id WHERE n.user_id = $1 ORDER BY m.starts_at"
        );
        let hosted: Vec<(String, i64, String, i32, String)> = rows_about!(
            self,
            id,
            "SELECT m.title, m.starts_at, t.theme, n.round, n.text FROM cafe_tables t \
             JOIN support_group_meetings m ON m.id = t.meeting_id \
             JOIN cafe_notes n ON n.meeting_id = t.meeting_id AND n.position = t.position \
             WHERE t.host_id = $1 ORDER BY m.starts_at, n.round"
        );
        let answers: Vec<(String, i64, String, i64)> = rows_about!(
            self,
            id,
            "SELECT p.title, o.starts_at, a.answer, a.answered_at FROM date_poll_answers a \
             JOIN date_poll_options o ON o.id = a.option_id JOIN date_polls p ON p.id = o.poll_id \
             WHERE a.user_id = $1 ORDER BY o.starts_at"
        );
        let pulses: Vec<(String, String)> = rows_about!(
            self,
            id,
            "SELECT g.name, p.title FROM pulse_respondents r JOIN pulses p ON p.id = r.pulse_id \
             JOIN support_groups g ON g.id = p.group_id WHERE r.user_id = $1 ORDER BY p.created_at"
        );
        let rules: Vec<(String, i32, i64)> = rows_about!(
            self,
            id,
            "SELECT g.name, a.version, a.accepted_at FROM support_group_rule_acceptances a \
             JOIN support_groups g ON g.id = a.group_id WHERE a.user_id = $1 ORDER BY a.accepted_at"
        );
        let resources: Vec<(String, String, Option<String>, i64)> = rows_about!(
            self,
            id,
            "SELECT title, description, url, added_at FROM network_resources WHERE added_by = $1 ORDER BY added_at"
        );
        type Visit = (String, String, String, String, String, String, String);
        let visits: Vec<Visit> = rows_about!(
            self,
            id,
            "SELECT g.name, v.visited_on, v.visitors, v.observations, v.support_needs, v.capacity_needs, v.follow_up \
             FROM field_visits v JOIN support_groups g ON g.id = v.group_id WHERE v.recorded_by = $1 ORDER BY v.visited_on"
        );
        Ok(json!({
            "icebreaker_notes": list(notes, |(meeting, at, past, present, future, keep)| json!({
                "meeting": meeting, "when": iso(at), "past": past, "present": present, "future": future, "kept": keep
            })),
            "cafe_notes_as_host": list(hosted, |(meeting, at, theme, round, text)| json!({
                "meeting": meeting, "when": iso(at), "theme": theme, "round": round, "text": text
            })),
            "date_poll_answers": list(answers, |(poll, option, answer, at)| json!({
                "poll": poll, "date": iso(option), "answer": answer, "answered": iso(at)
            })),
            "pulses_answered": list(pulses, |(group, title)| json!({"group": group, "pulse": title})),
            "pulses_note": "What you answered in a pulse is stored apart from who answered, so nobody, you included, can find your answers.",
            "ground_rules_accepted": list(rules, |(group, version, at)| json!({"group": group, "version": version, "accepted": iso(at)})),
            "library_resources_added": list(resources, |(title, description, url, at)| json!({
                "title": title, "description": description, "url": url, "added": iso(at)
            })),
            "field_visits_recorded": list(visits, |(group, on, visitors, observations, support, capacity, follow_up)| json!({
                "group": group, "visited_on": on, "visitors": visitors, "observations": observations,
                "support_needs": support, "capacity_needs": capacity, "follow_up": follow_up
            })),
        }))
    }
}
