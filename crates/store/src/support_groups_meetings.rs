//! A peer support group's meetings: agenda, place, attendance (in the shared
//! activity rows), minutes and action items.

use crate::activity::NewActivity;
use crate::db::{Db, on_db};
use crate::error::{OptionalRow, StoreError};
use crate::time::now_ms;
use hearth_domain::UserId;
use hearth_domain::support_groups::{AgendaItem, SupportGroupId};
use std::collections::HashMap;
use tracing::instrument;
use uuid::Uuid;

pub struct SupportGroupMeetings<'a> {
    pub(crate) db: &'a Db,
}

#[derive(Debug, Clone)]
pub struct Meeting {
    pub id: Uuid,
    pub group_id: SupportGroupId,
    pub series_id: Option<Uuid>,
    pub title: String,
    pub starts_at: i64,
    pub time_zone: String,
    pub place: Option<String>,
    pub online: bool,
    pub agenda: Vec<AgendaItem>,
    pub minutes: Option<String>,
    pub activity_id: Option<Uuid>,
    pub cancelled: bool,
    /// The facilitators' word to the members when it was cancelled.
    pub cancel_note: Option<String>,
    /// How many times it was moved or cancelled (iCalendar's SEQUENCE).
    pub revision: i32,
}

impl Meeting {
    pub fn length_minutes(&self) -> i64 {
        self.agenda.iter().map(|i| i64::from(i.minutes)).sum()
    }
}

#[derive(Debug, Clone)]
pub struct NewMeeting {
    pub title: String,
    pub starts_at: i64,
    pub time_zone: String,
    pub place: Option<String>,
    pub online: bool,
    pub agenda: Vec<AgendaItem>,
}

#[derive(Debug, Clone)]
pub struct ActionItem {
    pub id: Uuid,
    pub meeting_id: Uuid,
    pub group_id: SupportGroupId,
    pub group_name: String,
    pub text: String,
    pub owner_id: UserId,
    pub owner_name: String,
    pub due_on: String,
    pub done: bool,
}

#[derive(sqlx::FromRow)]
struct MeetingRow {
    id: Uuid,
    group_id: Uuid,
    series_id: Option<Uuid>,
    title: String,
    starts_at: i64,
    time_zone: String,
    place: Option<String>,
    online: bool,
    agenda: String,
    minutes: Option<String>,
    activity_id: Option<Uuid>,
    cancelled_at: Option<i64>,
    cancel_note: Option<String>,
    revision: i32,
}

impl TryFrom<MeetingRow> for Meeting {
    type Error = StoreError;
    fn try_from(row: MeetingRow) -> Result<Self, StoreError> {
        Ok(Meeting {
            id: row.id,
            group_id: SupportGroupId(row.group_id),
            series_id: row.series_id,
            title: row.title,
            starts_at: row.starts_at,
            time_zone: row.time_zone,
            place: row.place,
            online: row.online,
            agenda: serde_json::from_str(&row.agenda)
                .map_err(|e| StoreError::Corrupt(format!("meeting agenda: {e}")))?,
            minutes: row.minutes,
            activity_id: row.activity_id,
            cancelled: row.cancelled_at.is_some(),
            cancel_note: row.cancel_note,
            revision: row.revision,
        })
    }
}

/// A meeting whose plan may still change: not cancelled, nobody marked.
const CHANGEABLE: &str = "cancelled_at IS NULL AND NOT EXISTS (SELECT 1 FROM attendance t \
     WHERE t.activity_id = support_group_meetings.activity_id)";

const MEETING_SELECT: &str = "SELECT id, group_id, series_id, title, starts_at, time_zone, place, online, agenda, \
     minutes, activity_id, cancelled_at, cancel_note, revision FROM support_group_meetings";

/// A group's latest meeting held and its next one (milliseconds).
pub type LatestAndNext = (Option<i64>, Option<i64>);

type ActionRow = (
    Uuid,
    Uuid,
    Uuid,
    String,
    String,
    Uuid,
    String,
    String,
    Option<i64>,
);

const ACTION_SELECT: &str = "SELECT a.id, a.meeting_id, g.id, g.name, a.text, a.owner_id, u.display_name, a.due_on, a.done_at \
     FROM support_group_actions a JOIN support_group_meetings m ON m.id = a.meeting_id \
     JOIN support_groups g ON g.id = m.group_id JOIN users u ON u.id = a.owner_id";

fn action(row: ActionRow) -> ActionItem {
    let (id, meeting_id, group_id, group_name, text, owner, owner_name, due_on, done_at) = row;
    ActionItem {
        id,
        meeting_id,
        group_id: SupportGroupId(group_id),
        group_name,
        text,
        owner_id: UserId(owner),
        owner_name,
        due_on,
        done: done_at.is_some(),
    }
}

impl SupportGroupMeetings<'_> {
    /// Schedules meetings (one, or each of a series) with an activity row each,
    /// so reports count them and attendance has a place. Returns their ids.
    #[instrument(level = "debug", skip_all)]
    pub async fn schedule(
        &self,
        group: SupportGroupId,
        meetings: &[NewMeeting],
        created_by: UserId,
    ) -> Result<Vec<Uuid>, StoreError> {
        let site: Option<(Option<Uuid>,)> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as("SELECT site_id FROM support_groups WHERE id = $1")
                    .bind(group.0)
                    .fetch_optional(pool)
                    .await?
        );
        let site = site.found()?.0.map(hearth_domain::SiteId);
        let series = (meetings.len() > 1).then(Uuid::now_v7);
        let mut ids = Vec::new();
        for meeting in meetings {
            let activity = crate::activity::Activities { db: self.db }
                .record(&NewActivity {
                    kind: "group-meeting",
                    title: &meeting.title,
                    site_id: site,
                    cohort_id: None,
                    phase_id: None,
                    occurred_at: meeting.starts_at,
                })
                .await?;
            let agenda = serde_json::to_string(&meeting.agenda)
                .map_err(|e| StoreError::Corrupt(e.to_string()))?;
            let id = Uuid::now_v7();
            on_db!(self.db, write |pool| sqlx::query(
                "INSERT INTO support_group_meetings (id, group_id, series_id, title, starts_at, time_zone, place, online, \
                 agenda, activity_id, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
            )
            .bind(id)
            .bind(group.0)
            .bind(series)
            .bind(&meeting.title)
            .bind(meeting.starts_at)
            .bind(&meeting.time_zone)
            .bind(meeting.place.as_deref())
            .bind(meeting.online)
            .bind(&agenda)
            .bind(activity)
            .bind(created_by.0)
            .bind(now_ms())
            .execute(pool)
            .await?
            .rows_affected());
            ids.push(id);
        }
        Ok(ids)
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn get(&self, group: SupportGroupId, id: Uuid) -> Result<Meeting, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!("{MEETING_SELECT} WHERE id = $1 AND group_id = $2"));
        let row: Option<MeetingRow> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as(sql)
                    .bind(id)
                    .bind(group.0)
                    .fetch_optional(pool)
                    .await?
        );
        row.found()?.try_into()
    }

    /// A group's meetings, oldest first.
    #[instrument(level = "debug", skip_all)]
    pub async fn for_group(&self, group: SupportGroupId) -> Result<Vec<Meeting>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "{MEETING_SELECT} WHERE group_id = $1 ORDER BY starts_at"
        ));
        let rows: Vec<MeetingRow> = on_db!(
            self.db,
            read | pool | sqlx::query_as(sql).bind(group.0).fetch_all(pool).await?
        );
        rows.into_iter().map(Meeting::try_from).collect()
    }

    /// For each group: its latest meeting held and its next one, not cancelled.
    #[instrument(level = "debug", skip_all)]
    pub async fn latest_and_next(
        &self,
        now: i64,
    ) -> Result<HashMap<SupportGroupId, LatestAndNext>, StoreError> {
        let rows: Vec<(Uuid, Option<i64>, Option<i64>)> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT group_id, MAX(CASE WHEN starts_at <= $1 THEN starts_at END), MIN(CASE WHEN starts_at > $1 THEN starts_at END) \
             FROM support_group_meetings WHERE cancelled_at IS NULL GROUP BY group_id"
        )
        .bind(now)
        .fetch_all(pool)
        .await?);
        Ok(rows
            .into_iter()
            .map(|(g, latest, next)| (SupportGroupId(g), (latest, next)))
            .collect())
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn set_agenda(&self, id: Uuid, agenda: &[AgendaItem]) -> Result<(), StoreError> {
        let agenda =
            serde_json::to_string(agenda).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        on_db!(
            self.db,
            write
                | pool
                | sqlx::query("UPDATE support_group_meetings SET agenda = $2 WHERE id = $1")
                    .bind(id)
                    .bind(agenda)
                    .execute(pool)
                    .await?
                    .rows_affected()
        );
        Ok(())
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn set_minutes(&self, id: Uuid, minutes: Option<&str>) -> Result<(), StoreError> {
        on_db!(
            self.db,
            write
                | pool
                | sqlx::query("UPDATE support_group_meetings SET minutes = $2 WHERE id = $1")
                    .bind(id)
                    .bind(minutes)
                    .execute(pool)
                    .await?
                    .rows_affected()
        );
        Ok(())
    }

    /// Moves a meeting nobody has been marked at yet, and its activity with
    /// it. `Conflict("cancelled")` after it was cancelled,
    /// `Conflict("attended")` once attendance was taken.
    #[instrument(level = "debug", skip_all)]
    pub async fn move_meeting(
        &self,
        id: Uuid,
        starts_at: i64,
        place: Option<&str>,
    ) -> Result<(), StoreError> {
        let moved = on_db!(
            self.db,
            write
                | pool
                | {
                    let mut tx = pool.begin().await?;
                    let moved = sqlx::query(sqlx::AssertSqlSafe(format!(
                "UPDATE support_group_meetings SET starts_at = $2, place = $3, revision = revision + 1 \
                 WHERE id = $1 AND {CHANGEABLE}"
            )))
            .bind(id)
            .bind(starts_at)
            .bind(place)
            .execute(&mut *tx)
            .await?
            .rows_affected();
                    sqlx::query(
                        "UPDATE activities SET occurred_at = $2 \
                 WHERE id = (SELECT activity_id FROM support_group_meetings WHERE id = $1)",
                    )
                    .bind(id)
                    .bind(starts_at)
                    .execute(&mut *tx)
                    .await?;
                    if moved == 1 {
                        tx.commit().await?;
                    }
                    moved
                }
        );
        if moved == 1 {
            Ok(())
        } else {
            Err(self.why_unchanged(id).await?)
        }
    }

    /// Cancels a meeting nobody has been marked at, with an optional word
    /// for the members. Its activity goes, so reports never count a meeting
    /// that did not happen. Refused as `move_meeting` is.
    #[instrument(level = "debug", skip_all)]
    pub async fn cancel(&self, id: Uuid, note: Option<&str>) -> Result<(), StoreError> {
        let cancelled = on_db!(
            self.db,
            write | pool | {
                let mut tx = pool.begin().await?;
                let activity: Option<(Option<Uuid>,)> =
                    sqlx::query_as("SELECT activity_id FROM support_group_meetings WHERE id = $1")
                        .bind(id)
                        .fetch_optional(&mut *tx)
                        .await?;
                let cancelled = sqlx::query(sqlx::AssertSqlSafe(format!(
                    "UPDATE support_group_meetings SET cancelled_at = $2, cancel_note = $3, \
                 revision = revision + 1 WHERE id = $1 AND {CHANGEABLE}"
                )))
                .bind(id)
                .bind(now_ms())
                .bind(note)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if cancelled == 1 {
                    if let Some((Some(activity),)) = activity {
                        sqlx::query(
                            "UPDATE support_group_meetings SET activity_id = NULL WHERE id = $1",
                        )
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                        sqlx::query("DELETE FROM activities WHERE id = $1")
                            .bind(activity)
                            .execute(&mut *tx)
                            .await?;
                    }
                    tx.commit().await?;
                }
                cancelled
            }
        );
        if cancelled == 1 {
            Ok(())
        } else {
            Err(self.why_unchanged(id).await?)
        }
    }

    /// Why a change to a meeting's plan changed nothing.
    async fn why_unchanged(&self, id: Uuid) -> Result<StoreError, StoreError> {
        let row: Option<(Option<i64>,)> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as("SELECT cancelled_at FROM support_group_meetings WHERE id = $1")
                    .bind(id)
                    .fetch_optional(pool)
                    .await?
        );
        Ok(match row.found()? {
            (Some(_),) => StoreError::Conflict("cancelled"),
            (None,) => StoreError::Conflict("attended"),
        })
    }

    /// Who was marked at a meeting: user -> status.
    #[instrument(level = "debug", skip_all)]
    pub async fn attendance(&self, activity: Uuid) -> Result<HashMap<UserId, String>, StoreError> {
        let rows: Vec<(Uuid, String)> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as("SELECT user_id, status FROM attendance WHERE activity_id = $1")
                    .bind(activity)
                    .fetch_all(pool)
                    .await?
        );
        Ok(rows.into_iter().map(|(u, s)| (UserId(u), s)).collect())
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn add_action(
        &self,
        meeting: Uuid,
        text: &str,
        owner: UserId,
        due_on: &str,
    ) -> Result<Uuid, StoreError> {
        let id = Uuid::now_v7();
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO support_group_actions (id, meeting_id, text, owner_id, due_on, created_at) VALUES ($1, $2, $3, $4, $5, $6)"
        )
        .bind(id)
        .bind(meeting)
        .bind(text)
        .bind(owner.0)
        .bind(due_on)
        .bind(now_ms())
        .execute(pool)
        .await?
        .rows_affected());
        Ok(id)
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn actions_of_meeting(&self, meeting: Uuid) -> Result<Vec<ActionItem>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "{ACTION_SELECT} WHERE a.meeting_id = $1 ORDER BY a.due_on, a.created_at"
        ));
        let rows: Vec<ActionRow> = on_db!(
            self.db,
            read | pool | sqlx::query_as(sql).bind(meeting).fetch_all(pool).await?
        );
        Ok(rows.into_iter().map(action).collect())
    }

    /// A person's open action items across their groups, soonest due first
    /// (for their home page).
    #[instrument(level = "debug", skip_all)]
    pub async fn open_actions_of(&self, owner: UserId) -> Result<Vec<ActionItem>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "{ACTION_SELECT} WHERE a.owner_id = $1 AND a.done_at IS NULL AND m.cancelled_at IS NULL ORDER BY a.due_on"
        ));
        let rows: Vec<ActionRow> = on_db!(
            self.db,
            read | pool | sqlx::query_as(sql).bind(owner.0).fetch_all(pool).await?
        );
        Ok(rows.into_iter().map(action).collect())
    }

    /// Marks an item done (or open again); `NotFound` unless it belongs to the meeting.
    #[instrument(level = "debug", skip_all)]
    pub async fn set_action_done(
        &self,
        meeting: Uuid,
        id: Uuid,
        done: bool,
    ) -> Result<(), StoreError> {
        let changed = on_db!(self.db, write |pool| sqlx::query(
            "UPDATE support_group_actions SET done_at = $3 WHERE id = $1 AND meeting_id = $2"
        )
        .bind(id)
        .bind(meeting)
        .bind(done.then(now_ms))
        .execute(pool)
        .await?
        .rows_affected());
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }
}
