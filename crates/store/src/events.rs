//! Events, their live log, private reflections and ground rules.

use crate::db::{Db, on_db};
use crate::error::{OptionalRow, StoreError};
use crate::time::now_ms;
use hearth_domain::live::{Change, RunSheet, Viewer, Visibility};
use hearth_domain::roles::Scope;
use hearth_domain::support_groups::SupportGroupId;
use hearth_domain::{CohortId, EventId, SiteId, UserId};
use tracing::instrument;
use uuid::Uuid;

pub struct Events<'a> {
    pub(crate) db: &'a Db,
}

/// Whom an event is for: a cohort (or one of its peer groups, see
/// [`Event::peer_group`]), or a peer support group meeting online.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Cohort(CohortId),
    SupportGroup(SupportGroupId),
}

#[derive(Debug, Clone)]
pub struct Event {
    pub id: EventId,
    pub audience: Audience,
    /// The cohort's or the support group's name.
    pub audience_name: String,
    scope: Scope,
    pub title: String,
    pub starts_at: i64,
    pub time_zone: String,
    pub run_sheet: RunSheet,
    pub arrangement_id: Option<Uuid>,
    pub cancelled: bool,
    /// The facilitator's word to the audience when it was cancelled.
    pub cancel_note: Option<String>,
    /// How many times it was moved or cancelled (iCalendar's SEQUENCE).
    pub revision: i32,
    /// Held for one of the cohort's peer groups (its id and name), not the
    /// whole cohort.
    pub peer_group: Option<(Uuid, String)>,
}

impl Event {
    /// The event's audience, for the policy.
    pub fn scope(&self) -> Scope {
        self.scope
    }

    /// The cohort the event is for; `None` for a support group's meeting.
    pub fn cohort(&self) -> Option<CohortId> {
        match self.audience {
            Audience::Cohort(cohort) => Some(cohort),
            Audience::SupportGroup(_) => None,
        }
    }

    /// Where the audience's page is.
    pub fn audience_path(&self) -> String {
        match self.audience {
            Audience::Cohort(cohort) => format!("/cohorts/{cohort}"),
            Audience::SupportGroup(group) => format!("/support-groups/{}", group.0),
        }
    }
}

#[derive(Debug, Clone)]
pub struct NewEvent {
    pub audience: Audience,
    pub title: String,
    pub starts_at: i64,
    pub time_zone: String,
    pub run_sheet: RunSheet,
    pub created_by: UserId,
}

/// One stored change with its sequence number.
#[derive(Debug, Clone)]
pub struct LogEntry {
    pub seq: i64,
    pub change: Change,
    pub visibility: Visibility,
    pub at: i64,
}

#[derive(sqlx::FromRow)]
struct EventRow {
    id: Uuid,
    cohort_id: Option<Uuid>,
    support_group_id: Option<Uuid>,
    audience_name: String,
    site_id: Option<Uuid>,
    title: String,
    starts_at: i64,
    time_zone: String,
    run_sheet: String,
    arrangement_id: Option<Uuid>,
    cancelled_at: Option<i64>,
    cancel_note: Option<String>,
    revision: i32,
    peer_group_id: Option<Uuid>,
    peer_group_name: Option<String>,
}

impl TryFrom<EventRow> for Event {
    type Error = StoreError;
    fn try_from(row: EventRow) -> Result<Event, StoreError> {
        let site = row.site_id.map(SiteId);
        let (audience, scope) = match (row.cohort_id, row.support_group_id, site) {
            (Some(cohort), None, Some(site)) => (
                Audience::Cohort(CohortId(cohort)),
                Scope::Cohort {
                    cohort: CohortId(cohort),
                    site,
                },
            ),
            (None, Some(group), site) => (
                Audience::SupportGroup(SupportGroupId(group)),
                Scope::SupportGroup {
                    group: SupportGroupId(group),
                    site,
                },
            ),
            _ => return Err(StoreError::Corrupt(format!("event {} audience", row.id))),
        };
        Ok(Event {
            id: EventId(row.id),
            audience,
            audience_name: row.audience_name,
            scope,
            title: row.title,
            starts_at: row.starts_at,
            time_zone: row.time_zone,
            run_sheet: serde_json::from_str(&row.run_sheet)
                .map_err(|e| StoreError::Corrupt(e.to_string()))?,
            arrangement_id: row.arrangement_id,
            cancelled: row.cancelled_at.is_some(),
            cancel_note: row.cancel_note,
            revision: row.revision,
            peer_group: row.peer_group_id.zip(row.peer_group_name),
        })
    }
}

const EVENT_SELECT: &str = "SELECT e.id, e.cohort_id, e.support_group_id, \
     COALESCE(c.name, sg.name) AS audience_name, COALESCE(c.site_id, sg.site_id) AS site_id, e.title, e.starts_at, e.time_zone, \
     e.run_sheet, e.arrangement_id, e.cancelled_at, e.cancel_note, e.revision, e.peer_group_id, g.name AS peer_group_name \
     FROM events e LEFT JOIN cohorts c ON c.id = e.cohort_id \
     LEFT JOIN support_groups sg ON sg.id = e.support_group_id \
     LEFT JOIN peer_groups g ON g.id = e.peer_group_id";

fn visibility_columns(visibility: Visibility) -> (&'static str, Option<Uuid>) {
    match visibility {
        Visibility::Everyone => ("everyone", None),
        Visibility::Staff => ("staff", None),
        Visibility::Group(group) => ("group", Some(group)),
        Visibility::Person(user) => ("person", Some(user.0)),
    }
}

fn visibility_from(kind: &str, id: Option<Uuid>) -> Result<Visibility, StoreError> {
    Ok(match (kind, id) {
        ("everyone", _) => Visibility::Everyone,
        ("staff", _) => Visibility::Staff,
        ("group", Some(id)) => Visibility::Group(id),
        ("person", Some(id)) => Visibility::Person(UserId(id)),
        _ => return Err(StoreError::Corrupt(format!("visibility {kind}"))),
    })
}

/// Tells other instances (on PostgreSQL) that the event's log grew; the
/// notice is delivered when the transaction commits, never before.
trait AnnounceOn {
    async fn announce(&mut self, id: EventId, seq: i64) -> Result<(), sqlx::Error>;
}

impl AnnounceOn for sqlx::Transaction<'_, sqlx::Sqlite> {
    async fn announce(&mut self, _: EventId, _: i64) -> Result<(), sqlx::Error> {
        Ok(())
    }
}

impl AnnounceOn for sqlx::Transaction<'_, sqlx::Postgres> {
    async fn announce(&mut self, id: EventId, seq: i64) -> Result<(), sqlx::Error> {
        sqlx::query("SELECT pg_notify($1, $2)")
            .bind(crate::bus::CHANNEL)
            .bind(format!("{id}:{seq}"))
            .execute(&mut **self)
            .await?;
        Ok(())
    }
}

/// A new event: id, its audience (cohort or support group, one of them
/// empty), title, start, zone, run sheet, who made it, when.
const INSERT_EVENT: &str = "INSERT INTO events (id, cohort_id, support_group_id, title, starts_at, time_zone, run_sheet, created_by, created_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";

/// How often an append retries when another instance took the same number.
const APPEND_ATTEMPTS: usize = 5;

impl Events<'_> {
    #[instrument(level = "debug", skip_all)]
    pub async fn create(&self, event: &NewEvent) -> Result<EventId, StoreError> {
        let id = EventId::new();
        let sheet = serde_json::to_string(&event.run_sheet)
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let (cohort, group) = match event.audience {
            Audience::Cohort(cohort) => (Some(cohort.0), None),
            Audience::SupportGroup(group) => (None, Some(group.0)),
        };
        on_db!(
            self.db,
            write
                | pool
                | sqlx::query(INSERT_EVENT)
                    .bind(id.0)
                    .bind(cohort)
                    .bind(group)
                    .bind(&event.title)
                    .bind(event.starts_at)
                    .bind(&event.time_zone)
                    .bind(sheet)
                    .bind(event.created_by.0)
                    .bind(now_ms())
                    .execute(pool)
                    .await
                    .map(|done| done.rows_affected())?
        );
        Ok(id)
    }

    /// The live event a support group's meeting runs online as: made the
    /// first time its room is opened, the same one every time after (two
    /// hosts opening it at once still get one event).
    #[instrument(level = "debug", skip_all)]
    pub async fn hold_meeting_online(
        &self,
        meeting: Uuid,
        event: &NewEvent,
    ) -> Result<EventId, StoreError> {
        if let Some(id) = self.online_meeting_event(meeting).await? {
            return Ok(id);
        }
        let Audience::SupportGroup(group) = event.audience else {
            return Err(StoreError::NotFound);
        };
        let id = EventId::new();
        let sheet = serde_json::to_string(&event.run_sheet)
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let linked = on_db!(
            self.db,
            write
                | pool
                | {
                    let mut tx = pool.begin().await?;
                    sqlx::query(INSERT_EVENT)
                        .bind(id.0)
                        .bind(None::<Uuid>)
                        .bind(group.0)
                        .bind(&event.title)
                        .bind(event.starts_at)
                        .bind(&event.time_zone)
                        .bind(&sheet)
                        .bind(event.created_by.0)
                        .bind(now_ms())
                        .execute(&mut *tx)
                        .await?;
                    let linked = sqlx::query(
                        "UPDATE support_group_meetings SET event_id = $1 \
                         WHERE id = $2 AND group_id = $3 AND event_id IS NULL AND cancelled_at IS NULL",
                    )
                    .bind(id.0)
                    .bind(meeting)
                    .bind(group.0)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                    if linked == 1 {
                        tx.commit().await?;
                    } else {
                        tx.rollback().await?;
                    }
                    linked
                }
        );
        if linked == 1 {
            return Ok(id);
        }
        self.online_meeting_event(meeting)
            .await?
            .ok_or(StoreError::NotFound)
    }

    /// Moves an event that has not begun (nothing in its room's log yet)
    /// and gives it a new title. `Conflict("started")` once the room has
    /// begun, `Conflict("cancelled")` after it was cancelled. The check and
    /// the change are one statement, so a host pressing Start at the same
    /// moment cannot slip between them.
    #[instrument(level = "debug", skip_all)]
    pub async fn change_plan(
        &self,
        id: EventId,
        title: &str,
        starts_at: i64,
    ) -> Result<(), StoreError> {
        let changed = on_db!(
            self.db,
            write
                | pool
                | sqlx::query(
                    "UPDATE events SET title = $2, starts_at = $3, revision = revision + 1 \
             WHERE id = $1 AND cancelled_at IS NULL \
             AND NOT EXISTS (SELECT 1 FROM event_log l WHERE l.event_id = $1)"
                )
                .bind(id.0)
                .bind(title)
                .bind(starts_at)
                .execute(pool)
                .await?
                .rows_affected()
        );
        if changed == 1 {
            Ok(())
        } else {
            Err(self.why_unchanged(id).await?)
        }
    }

    /// Cancels an event that has not begun, with a word for its audience;
    /// refused as `change_plan` is.
    #[instrument(level = "debug", skip_all)]
    pub async fn cancel(&self, id: EventId, note: Option<&str>) -> Result<(), StoreError> {
        let changed = on_db!(self.db, write |pool| sqlx::query(
            "UPDATE events SET cancelled_at = $2, cancel_note = $3, revision = revision + 1 \
             WHERE id = $1 AND cancelled_at IS NULL \
             AND NOT EXISTS (SELECT 1 FROM event_log l WHERE l.event_id = $1)"
        )
        .bind(id.0)
        .bind(now_ms())
        .bind(note)
        .execute(pool)
        .await?
        .rows_affected());
        if changed == 1 {
            Ok(())
        } else {
            Err(self.why_unchanged(id).await?)
        }
    }

    /// Why a change to an event's plan changed nothing.
    async fn why_unchanged(&self, id: EventId) -> Result<StoreError, StoreError> {
        let event = self.get(id).await?;
        Ok(StoreError::Conflict(if event.cancelled {
            "cancelled"
        } else {
            "started"
        }))
    }

    /// Whether anything has happened in the event's room yet.
    #[instrument(level = "debug", skip_all)]
    pub async fn has_begun(&self, id: EventId) -> Result<bool, StoreError> {
        let row: Option<(i32,)> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as("SELECT 1 FROM event_log WHERE event_id = $1 LIMIT 1")
                    .bind(id.0)
                    .fetch_optional(pool)
                    .await?
        );
        Ok(row.is_some())
    }

    /// Everyone who sees the event on their home page and calendar (as
    /// `upcoming_for` decides), to tell them when it moves or is cancelled.
    #[instrument(level = "debug", skip_all)]
    pub async fn audience_of(&self, id: EventId) -> Result<Vec<UserId>, StoreError> {
        let rows: Vec<(Uuid,)> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT a.user_id FROM ( \
                 SELECT user_id FROM event_hosts WHERE event_id = $1 \
                 UNION SELECT m.user_id FROM support_group_members m \
                       JOIN events e ON e.support_group_id = m.group_id WHERE e.id = $1 \
                 UNION SELECT r.user_id FROM role_grants r JOIN events e ON e.cohort_id = r.cohort_id \
                       WHERE e.id = $1 AND (e.peer_group_id IS NULL \
                             OR r.user_id IN (SELECT user_id FROM peer_group_members WHERE group_id = e.peer_group_id) \
                             OR r.role IN ('facilitator', 'coordinator')) \
             ) a JOIN users u ON u.id = a.user_id WHERE u.active = TRUE"
        )
        .bind(id.0)
        .fetch_all(pool)
        .await?);
        Ok(rows.into_iter().map(|(user,)| UserId(user)).collect())
    }

    /// The live event a meeting runs online as, once its room was opened.
    #[instrument(level = "debug", skip_all)]
    pub async fn online_meeting_event(&self, meeting: Uuid) -> Result<Option<EventId>, StoreError> {
        let row: Option<(Option<Uuid>,)> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as("SELECT event_id FROM support_group_meetings WHERE id = $1")
                    .bind(meeting)
                    .fetch_optional(pool)
                    .await?
        );
        Ok(row.and_then(|(id,)| id).map(EventId))
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn get(&self, id: EventId) -> Result<Event, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!("{EVENT_SELECT} WHERE e.id = $1"));
        let row: Option<EventRow> = on_db!(
            self.db,
            read | pool | sqlx::query_as(sql).bind(id.0).fetch_optional(pool).await?
        );
        row.found()?.try_into()
    }

    /// A cohort's events, soonest first.
    #[instrument(level = "debug", skip_all)]
    pub async fn for_cohort(&self, cohort: CohortId) -> Result<Vec<Event>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "{EVENT_SELECT} WHERE e.cohort_id = $1 ORDER BY e.starts_at"
        ));
        let rows: Vec<EventRow> = on_db!(
            self.db,
            read | pool | sqlx::query_as(sql).bind(cohort.0).fetch_all(pool).await?
        );
        rows.into_iter().map(Event::try_from).collect()
    }

    /// Holds the event for one of its cohort's peer groups (of the groups
    /// saved now, which the event then keeps).
    #[instrument(level = "debug", skip_all)]
    pub async fn hold_for_group(&self, id: EventId, group: Uuid) -> Result<(), StoreError> {
        let done = on_db!(
            self.db,
            write
                | pool
                | sqlx::query(
                    "UPDATE events SET peer_group_id = $1, \
                     arrangement_id = (SELECT g.arrangement_id FROM peer_groups g WHERE g.id = $1) \
                     WHERE id = $2 AND EXISTS (SELECT 1 FROM peer_groups g WHERE g.id = $1 AND g.cohort_id = events.cohort_id)"
                )
                .bind(group)
                .bind(id.0)
                .execute(pool)
                .await
                .map(|done| done.rows_affected())?
        );
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// The event's co-facilitators are exactly these people.
    #[instrument(level = "debug", skip_all)]
    pub async fn set_hosts(&self, id: EventId, hosts: &[UserId]) -> Result<(), StoreError> {
        on_db!(
            self.db,
            write
                | pool
                | {
                    let mut tx = pool.begin().await?;
                    sqlx::query("DELETE FROM event_hosts WHERE event_id = $1")
                        .bind(id.0)
                        .execute(&mut *tx)
                        .await?;
                    for host in hosts {
                        sqlx::query(
                    "INSERT INTO event_hosts (event_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                )
                .bind(id.0)
                .bind(host.0)
                .execute(&mut *tx)
                .await?;
                    }
                    tx.commit().await?;
                }
        );
        Ok(())
    }

    /// The event's co-facilitators, by name.
    #[instrument(level = "debug", skip_all)]
    pub async fn hosts(&self, id: EventId) -> Result<Vec<(UserId, String)>, StoreError> {
        let rows: Vec<(Uuid, String)> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as(
                    "SELECT u.id, u.display_name FROM event_hosts h JOIN users u ON u.id = h.user_id \
                     WHERE h.event_id = $1 ORDER BY u.display_name"
                )
                .bind(id.0)
                .fetch_all(pool)
                .await?
        );
        Ok(rows
            .into_iter()
            .map(|(id, name)| (UserId(id), name))
            .collect())
    }

    /// Whether this person co-facilitates the event.
    #[instrument(level = "debug", skip_all)]
    pub async fn is_host(&self, id: EventId, user: UserId) -> Result<bool, StoreError> {
        let row: Option<(i32,)> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as("SELECT 1 FROM event_hosts WHERE event_id = $1 AND user_id = $2")
                    .bind(id.0)
                    .bind(user.0)
                    .fetch_optional(pool)
                    .await?
        );
        Ok(row.is_some())
    }

    /// Who may co-facilitate the cohort's events: active people who
    /// facilitate or are peer workers in the organisation, at the cohort's
    /// site, or in the cohort.
    #[instrument(level = "debug", skip_all)]
    pub async fn host_candidates(
        &self,
        cohort: CohortId,
    ) -> Result<Vec<(UserId, String)>, StoreError> {
        let rows: Vec<(Uuid, String)> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as(
                    "SELECT DISTINCT u.id, u.display_name FROM role_grants r JOIN users u ON u.id = r.user_id \
                     JOIN cohorts c ON c.id = $1 \
                     WHERE u.active \
                       AND (r.role = 'facilitator' OR r.role LIKE 'peer-worker:%') \
                       AND ((r.site_id IS NULL AND r.cohort_id IS NULL) OR r.site_id = c.site_id OR r.cohort_id = c.id) \
                     ORDER BY u.display_name"
                )
                .bind(cohort.0)
                .fetch_all(pool)
                .await?
        );
        Ok(rows
            .into_iter()
            .map(|(id, name)| (UserId(id), name))
            .collect())
    }

    /// Events from `since` on that this person may take part in or runs:
    /// in the cohorts where they hold a role (an event held for one peer
    /// group only for its members and the cohort's staff), the online
    /// meetings of their support groups, and the events they co-facilitate.
    #[instrument(level = "debug", skip_all)]
    pub async fn upcoming_for(
        &self,
        user: UserId,
        since: i64,
        limit: i64,
    ) -> Result<Vec<Event>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "{EVENT_SELECT} WHERE e.cancelled_at IS NULL AND e.starts_at >= $2 AND ( \
                 e.id IN (SELECT event_id FROM event_hosts WHERE user_id = $1) \
                 OR e.support_group_id IN (SELECT group_id FROM support_group_members WHERE user_id = $1) \
                 OR (e.cohort_id IN (SELECT cohort_id FROM role_grants WHERE user_id = $1 AND cohort_id IS NOT NULL) \
                     AND (e.peer_group_id IS NULL \
                          OR e.peer_group_id IN (SELECT group_id FROM peer_group_members WHERE user_id = $1) \
                          OR e.cohort_id IN (SELECT cohort_id FROM role_grants WHERE user_id = $1 \
                                             AND cohort_id IS NOT NULL AND role IN ('facilitator', 'coordinator'))))) \
             ORDER BY e.starts_at LIMIT $3"
        ));
        let rows: Vec<EventRow> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as(sql)
                    .bind(user.0)
                    .bind(since)
                    .bind(limit)
                    .fetch_all(pool)
                    .await?
        );
        rows.into_iter().map(Event::try_from).collect()
    }

    /// Fixes the peer groups an event uses (the first time it starts).
    #[instrument(level = "debug", skip_all)]
    pub async fn fix_arrangement(&self, id: EventId, arrangement: Uuid) -> Result<(), StoreError> {
        on_db!(
            self.db,
            write
                | pool
                | sqlx::query(
                    "UPDATE events SET arrangement_id = $1 WHERE id = $2 AND arrangement_id IS NULL"
                )
                .bind(arrangement)
                .bind(id.0)
                .execute(pool)
                .await
                .map(|done| done.rows_affected())?
        );
        Ok(())
    }

    /// Stores changes in order, each with the next sequence number of the event.
    /// Returns the numbers given. Written before anything is broadcast.
    #[instrument(level = "debug", skip_all)]
    pub async fn append(
        &self,
        id: EventId,
        changes: &[(Change, Visibility)],
        at: i64,
    ) -> Result<Vec<i64>, StoreError> {
        let encoded: Vec<(String, &'static str, Option<Uuid>)> = changes
            .iter()
            .map(|(change, visibility)| {
                let (kind, target) = visibility_columns(*visibility);
                serde_json::to_string(change).map(|json| (json, kind, target))
            })
            .collect::<Result<_, _>>()
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let result: Result<Vec<i64>, sqlx::Error> = on_db!(
                self.db,
                write
                    | pool
                    | {
                        async {
                    let mut tx = pool.begin().await?;
                    let (last,): (Option<i64>,) = sqlx::query_as("SELECT MAX(seq) FROM event_log WHERE event_id = $1")
                        .bind(id.0)
                        .fetch_one(&mut *tx)
                        .await?;
                    let mut seq = last.unwrap_or(0);
                    let mut given = Vec::with_capacity(encoded.len());
                    for (json, kind, target) in &encoded {
                        seq += 1;
                        sqlx::query(
                            "INSERT INTO event_log (event_id, seq, visibility, visibility_id, change, at) VALUES ($1, $2, $3, $4, $5, $6)",
                        )
                        .bind(id.0)
                        .bind(seq)
                        .bind(*kind)
                        .bind(*target)
                        .bind(json)
                        .bind(at)
                        .execute(&mut *tx)
                        .await?;
                        given.push(seq);
                    }
                    tx.announce(id, seq).await?;
                    tx.commit().await?;
                    Ok(given)
                }
                .await
                    }
            );
            match result {
                Ok(given) => return Ok(given),
                // Another instance wrote the same number first: read the new maximum and try again.
                Err(sqlx::Error::Database(db))
                    if db.is_unique_violation() && attempt < APPEND_ATTEMPTS =>
                {
                    continue;
                }
                Err(other) => return Err(other.into()),
            }
        }
    }

    /// Stores changes numbered from `first_seq` on, as the caller's hub
    /// counts them. If another instance already stored that number, nothing
    /// is written and the answer is `Conflict("seq")`: read the log and try
    /// again. Written before anything is broadcast.
    #[instrument(level = "debug", skip_all)]
    pub async fn append_numbered(
        &self,
        id: EventId,
        first_seq: i64,
        changes: &[(Change, Visibility)],
        at: i64,
    ) -> Result<Vec<i64>, StoreError> {
        let encoded: Vec<(String, &'static str, Option<Uuid>)> = changes
            .iter()
            .map(|(change, visibility)| {
                let (kind, target) = visibility_columns(*visibility);
                serde_json::to_string(change).map(|json| (json, kind, target))
            })
            .collect::<Result<_, _>>()
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        // One change on SQLite (nobody to notify): a single statement is its
        // own transaction, one trip to the writer instead of three, which
        // keeps chat quick while a step change reaches thousands.
        if let (Db::Sqlite(sqlite), [(json, kind, target)]) = (self.db, encoded.as_slice()) {
            return sqlx::query(
                "INSERT INTO event_log (event_id, seq, visibility, visibility_id, change, at) VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(id.0)
            .bind(first_seq)
            .bind(*kind)
            .bind(*target)
            .bind(json)
            .bind(at)
            .execute(&sqlite.writer)
            .await
            .map(|_| vec![first_seq])
            .map_err(StoreError::unique("seq"));
        }
        let result: Result<Vec<i64>, sqlx::Error> = on_db!(
            self.db,
            write
                | pool
                | {
                    async {
                        let mut tx = pool.begin().await?;
                        let mut given = Vec::with_capacity(encoded.len());
                        for (seq, (json, kind, target)) in (first_seq..).zip(&encoded) {
                            sqlx::query(
                                "INSERT INTO event_log (event_id, seq, visibility, visibility_id, change, at) VALUES ($1, $2, $3, $4, $5, $6)",
                            )
                            .bind(id.0)
                            .bind(seq)
                            .bind(*kind)
                            .bind(*target)
                            .bind(json)
                            .bind(at)
                            .execute(&mut *tx)
                            .await?;
                            given.push(seq);
                        }
                        if let Some(last) = given.last() {
                            tx.announce(id, *last).await?;
                        }
                        tx.commit().await?;
                        Ok(given)
                    }
                    .await
                }
        );
        result.map_err(StoreError::unique("seq"))
    }

    /// Every change after `after` that this viewer may see, in order.
    #[instrument(level = "debug", skip_all)]
    pub async fn log_after(
        &self,
        id: EventId,
        after: i64,
        viewer: &Viewer,
    ) -> Result<Vec<LogEntry>, StoreError> {
        let group = viewer.group.unwrap_or_else(Uuid::nil);
        let rows: Vec<(i64, String, Option<Uuid>, String, i64)> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT seq, visibility, visibility_id, change, at FROM event_log WHERE event_id = $1 AND seq > $2 \
             AND ($3 OR visibility = 'everyone' OR (visibility = 'group' AND visibility_id = $4) \
                  OR (visibility = 'person' AND visibility_id = $5)) ORDER BY seq"
        )
        .bind(id.0)
        .bind(after)
        .bind(viewer.facilitator)
        .bind(group)
        .bind(viewer.user.0)
        .fetch_all(pool)
        .await?);
        rows.into_iter()
            .map(|(seq, kind, target, change, at)| {
                Ok(LogEntry {
                    seq,
                    visibility: visibility_from(&kind, target)?,
                    change: serde_json::from_str(&change)
                        .map_err(|e| StoreError::Corrupt(e.to_string()))?,
                    at,
                })
            })
            .collect()
    }

    /// Every change of the event, to rebuild its state, and the last number.
    #[instrument(level = "debug", skip_all)]
    pub async fn all_changes(&self, id: EventId) -> Result<(Vec<Change>, i64), StoreError> {
        let rows: Vec<(i64, String)> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as(
                    "SELECT seq, change FROM event_log WHERE event_id = $1 ORDER BY seq"
                )
                .bind(id.0)
                .fetch_all(pool)
                .await?
        );
        let last = rows.last().map(|(seq, _)| *seq).unwrap_or(0);
        let changes = rows
            .into_iter()
            .map(|(_, change)| {
                serde_json::from_str(&change).map_err(|e| StoreError::Corrupt(e.to_string()))
            })
            .collect::<Result<_, _>>()?;
        Ok((changes, last))
    }

    /// Saves a private reflection (as the writer types).
    #[instrument(level = "debug", skip_all)]
    pub async fn save_reflection(
        &self,
        id: EventId,
        step: i32,
        user: UserId,
        text: &str,
    ) -> Result<(), StoreError> {
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO reflections (event_id, step, user_id, text, updated_at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (event_id, step, user_id) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at"
        )
        .bind(id.0)
        .bind(step)
        .bind(user.0)
        .bind(text)
        .bind(now_ms())
        .execute(pool)
        .await
        .map(|done| done.rows_affected())?);
        Ok(())
    }

    /// The writer's own reflection. There is deliberately no way to read anyone else's.
    #[instrument(level = "debug", skip_all)]
    pub async fn own_reflection(
        &self,
        id: EventId,
        step: i32,
        writer: UserId,
    ) -> Result<Option<String>, StoreError> {
        let row: Option<(String,)> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT text FROM reflections WHERE event_id = $1 AND step = $2 AND user_id = $3"
        )
        .bind(id.0)
        .bind(step)
        .bind(writer.0)
        .fetch_optional(pool)
        .await?);
        Ok(row.map(|(text,)| text))
    }

    /// The newest version of the audience's ground rules: a cohort's, or the
    /// support group's own.
    #[instrument(level = "debug", skip_all)]
    pub async fn ground_rules(
        &self,
        audience: Audience,
    ) -> Result<Option<(i32, String)>, StoreError> {
        let (sql, id) = match audience {
            Audience::Cohort(cohort) => (
                "SELECT version, text FROM ground_rules WHERE cohort_id = $1 ORDER BY version DESC LIMIT 1",
                cohort.0,
            ),
            Audience::SupportGroup(group) => (
                "SELECT version, text FROM support_group_ground_rules WHERE group_id = $1 ORDER BY version DESC LIMIT 1",
                group.0,
            ),
        };
        Ok(on_db!(
            self.db,
            read | pool | sqlx::query_as(sql).bind(id).fetch_optional(pool).await?
        ))
    }

    /// A new version of the ground rules; everyone accepts it again.
    #[instrument(level = "debug", skip_all)]
    pub async fn set_ground_rules(
        &self,
        cohort: CohortId,
        text: &str,
        by: UserId,
    ) -> Result<i32, StoreError> {
        let (version,): (i32,) = on_db!(self.db, write |pool| sqlx::query_as(
            "INSERT INTO ground_rules (cohort_id, version, text, created_at, created_by) \
             VALUES ($1, (SELECT COALESCE(MAX(version), 0) + 1 FROM ground_rules WHERE cohort_id = $1), $2, $3, $4) \
             RETURNING version"
        )
        .bind(cohort.0)
        .bind(text)
        .bind(now_ms())
        .bind(by.0)
        .fetch_one(pool)
        .await?);
        Ok(version)
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn accept_ground_rules(
        &self,
        audience: Audience,
        user: UserId,
        version: i32,
    ) -> Result<(), StoreError> {
        let (sql, id) = match audience {
            Audience::Cohort(cohort) => (
                "INSERT INTO ground_rule_acceptances (cohort_id, user_id, version, accepted_at) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (cohort_id, user_id, version) DO NOTHING",
                cohort.0,
            ),
            Audience::SupportGroup(group) => (
                "INSERT INTO support_group_rule_acceptances (group_id, user_id, version, accepted_at) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (group_id, user_id, version) DO NOTHING",
                group.0,
            ),
        };
        on_db!(
            self.db,
            write
                | pool
                | sqlx::query(sql)
                    .bind(id)
                    .bind(user.0)
                    .bind(version)
                    .bind(now_ms())
                    .execute(pool)
                    .await
                    .map(|done| done.rows_affected())?
        );
        Ok(())
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn has_accepted(
        &self,
        audience: Audience,
        user: UserId,
        version: i32,
    ) -> Result<bool, StoreError> {
        let (sql, id) = match audience {
            Audience::Cohort(cohort) => (
                "SELECT version FROM ground_rule_acceptances WHERE cohort_id = $1 AND user_id = $2 AND version = $3",
                cohort.0,
            ),
            Audience::SupportGroup(group) => (
                "SELECT version FROM support_group_rule_acceptances WHERE group_id = $1 AND user_id = $2 AND version = $3",
                group.0,
            ),
        };
        let row: Option<(i32,)> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as(sql)
                    .bind(id)
                    .bind(user.0)
                    .bind(version)
                    .fetch_optional(pool)
                    .await?
        );
        Ok(row.is_some())
    }
}
