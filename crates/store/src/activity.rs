//! Activity and attendance rows: every feature writes them as things happen,
//! and reports read only them.

use crate::db::{Db, on_db};
use crate::error::StoreError;
use crate::time::now_ms;
use hearth_domain::{CohortId, PhaseId, SiteId, UserId};
use tracing::instrument;
use uuid::Uuid;

pub struct Activities<'a> {
    pub(crate) db: &'a Db,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttendanceStatus {
    Present,
    Late,
    Absent,
}

impl AttendanceStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            AttendanceStatus::Present => "present",
            AttendanceStatus::Late => "late",
            AttendanceStatus::Absent => "absent",
        }
    }
}

#[derive(Debug, Clone)]
pub struct NewActivity<'a> {
    /// coaching, supervision, group-development, observation, event, ...
    pub kind: &'a str,
    pub title: &'a str,
    pub site_id: Option<SiteId>,
    pub cohort_id: Option<CohortId>,
    pub phase_id: Option<PhaseId>,
    pub occurred_at: i64,
}

impl Activities<'_> {
    #[instrument(level = "debug", skip_all)]
    pub async fn record(&self, activity: &NewActivity<'_>) -> Result<Uuid, StoreError> {
        let id = Uuid::now_v7();
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO activities (id, kind, title, site_id, cohort_id, phase_id, occurred_at, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
        )
        .bind(id)
        .bind(activity.kind)
        .bind(activity.title)
        .bind(activity.site_id.map(|s| s.0))
        .bind(activity.cohort_id.map(|c| c.0))
        .bind(activity.phase_id.map(|p| p.0))
        .bind(activity.occurred_at)
        .bind(now_ms())
        .execute(pool)
        .await.map(|r| r.rows_affected())?);
        Ok(id)
    }

    /// Records or corrects one person's attendance.
    #[instrument(level = "debug", skip_all)]
    pub async fn mark(
        &self,
        activity: Uuid,
        user: UserId,
        status: AttendanceStatus,
        reason: Option<&str>,
    ) -> Result<(), StoreError> {
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO attendance (activity_id, user_id, status, reason) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (activity_id, user_id) DO UPDATE SET status = excluded.status, reason = excluded.reason"
        )
        .bind(activity)
        .bind(user.0)
        .bind(status.as_str())
        .bind(reason)
        .execute(pool)
        .await.map(|r| r.rows_affected())?);
        Ok(())
    }

    /// Activities by kind, for the reports and the home page's counts.
    #[instrument(level = "debug", skip_all)]
    pub async fn count_by_kind(&self) -> Result<Vec<(String, i64, i64)>, StoreError> {
        Ok(on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT a.kind, COUNT(DISTINCT a.id), CAST(COUNT(t.user_id) AS BIGINT) FROM activities a \
             LEFT JOIN attendance t ON t.activity_id = a.id AND t.status <> 'absent' GROUP BY a.kind ORDER BY a.kind"
        )
        .fetch_all(pool)
        .await?))
    }
}

/// A kind of activity reports count.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ActivityKind {
    pub slug: String,
    pub name: String,
    /// About support or wellbeing: counts below five are never shown.
    pub sensitive: bool,
    pub position: i32,
}

/// An activity that happened outside Hearth, recorded by hand or imported.
#[derive(Debug, Clone)]
pub struct RecordedActivity {
    pub kind: String,
    pub title: String,
    pub site_id: SiteId,
    pub phase_id: Option<PhaseId>,
    pub occurred_at: i64,
    /// Who came; empty when only a head count is known.
    pub attendees: Vec<UserId>,
    pub head_count: Option<i64>,
}

/// The slug for a kind's name: lower case letters and digits joined by dashes.
pub fn kind_slug(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').chars().take(60).collect()
}

impl Activities<'_> {
    /// Every kind, in the organisation's order.
    #[instrument(level = "debug", skip_all)]
    pub async fn kinds(&self) -> Result<Vec<ActivityKind>, StoreError> {
        Ok(on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT slug, name, sensitive, position FROM activity_kinds ORDER BY position, slug"
        )
        .fetch_all(pool)
        .await?))
    }

    /// Adds a kind at the end of the list; its slug comes from its name.
    #[instrument(level = "debug", skip_all)]
    pub async fn add_kind(&self, name: &str, sensitive: bool) -> Result<String, StoreError> {
        let slug = kind_slug(name);
        if slug.is_empty() {
            return Err(StoreError::Conflict("name"));
        }
        on_db!(
            self.db,
            write
                | pool
                | sqlx::query(
                    "INSERT INTO activity_kinds (slug, name, sensitive, position, created_at) \
             VALUES ($1, $2, $3, (SELECT COALESCE(MAX(position), 0) + 1 FROM activity_kinds), $4)"
                )
                .bind(&slug)
                .bind(name)
                .bind(sensitive)
                .bind(now_ms())
                .execute(pool)
                .await
                .map(|r| r.rows_affected())
                .map_err(StoreError::unique("name"))?
        );
        Ok(slug)
    }

    /// A live event's attendance: a cohort event's one activity row is made
    /// when the first person comes in (so events nobody came to are not
    /// counted as held); a support group's online meeting counts on the
    /// meeting's own activity. Each person counts once however often they
    /// reconnect.
    #[instrument(level = "debug", skip_all)]
    pub async fn attend_event(
        &self,
        event: hearth_domain::EventId,
        user: UserId,
    ) -> Result<(), StoreError> {
        let now = now_ms();
        on_db!(
            self.db,
            write
                | pool
                | {
                    let mut tx = pool.begin().await?;
                    sqlx::query(
                "INSERT INTO activities (id, kind, title, site_id, cohort_id, phase_id, occurred_at, created_at, event_id) \
                 SELECT $1, 'dialogue-event', e.title, c.site_id, e.cohort_id, c.phase_id, e.starts_at, $2, e.id \
                 FROM events e JOIN cohorts c ON c.id = e.cohort_id WHERE e.id = $3 \
                 ON CONFLICT (event_id) DO NOTHING",
            )
            .bind(Uuid::now_v7())
            .bind(now)
            .bind(event.0)
            .execute(&mut *tx)
            .await?;
                    sqlx::query(
                        "INSERT INTO attendance (activity_id, user_id, status) \
                 SELECT a.id, $1, 'present' FROM activities a WHERE a.event_id = $2 \
                 UNION SELECT m.activity_id, $1, 'present' FROM support_group_meetings m \
                       WHERE m.event_id = $2 AND m.activity_id IS NOT NULL \
                 ON CONFLICT (activity_id, user_id) DO NOTHING",
                    )
                    .bind(user.0)
                    .bind(event.0)
                    .execute(&mut *tx)
                    .await?;
                    tx.commit().await?;
                }
        );
        Ok(())
    }

    /// Records activities that happened outside Hearth: all of them, or
    /// none (the index of the one that failed comes back).
    #[instrument(level = "debug", skip_all)]
    pub async fn record_all(
        &self,
        activities: &[RecordedActivity],
        recorded_by: UserId,
    ) -> Result<usize, (usize, StoreError)> {
        let now = now_ms();
        let result: Result<(), (usize, StoreError)> = on_db!(
            self.db,
            write
                | pool
                | {
                    let mut tx = pool.begin().await.map_err(|e| (0, e.into()))?;
                    for (index, activity) in activities.iter().enumerate() {
                        let id = Uuid::now_v7();
                        sqlx::query(
                    "INSERT INTO activities (id, kind, title, site_id, cohort_id, phase_id, occurred_at, created_at, head_count, recorded_by) \
                     VALUES ($1, $2, $3, $4, NULL, $5, $6, $7, $8, $9)",
                )
                .bind(id)
                .bind(&activity.kind)
                .bind(&activity.title)
                .bind(activity.site_id.0)
                .bind(activity.phase_id.map(|p| p.0))
                .bind(activity.occurred_at)
                .bind(now)
                .bind(activity.head_count)
                .bind(recorded_by.0)
                .execute(&mut *tx)
                .await
                .map_err(|e| (index, e.into()))?;
                        for user in &activity.attendees {
                            sqlx::query(
                        "INSERT INTO attendance (activity_id, user_id, status) VALUES ($1, $2, 'present') \
                         ON CONFLICT (activity_id, user_id) DO NOTHING",
                    )
                    .bind(id)
                    .bind(user.0)
                    .execute(&mut *tx)
                    .await
                    .map_err(|e| (index, e.into()))?;
                        }
                    }
                    tx.commit()
                        .await
                        .map_err(|e| (activities.len(), e.into()))?;
                    Ok(())
                }
        );
        result.map(|()| activities.len())
    }
}

impl Activities<'_> {
    /// The ids of the active people with these (lower-case) emails, for
    /// recording who came; unknown emails are simply missing from the map.
    #[instrument(level = "debug", skip_all)]
    pub async fn people_by_email(
        &self,
        emails: &[String],
    ) -> Result<std::collections::HashMap<String, UserId>, StoreError> {
        let mut found = std::collections::HashMap::new();
        // Chunked so the statement stays within every database's parameter limit.
        for chunk in emails.chunks(500) {
            let placeholders: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
            let sql = format!(
                "SELECT email, id FROM users WHERE active = TRUE AND email IN ({})",
                placeholders.join(", ")
            );
            let rows: Vec<(String, Uuid)> = on_db!(
                self.db,
                read | pool | {
                    let mut query = sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()));
                    for email in chunk {
                        query = query.bind(email);
                    }
                    query.fetch_all(pool).await?
                }
            );
            found.extend(rows.into_iter().map(|(email, id)| (email, UserId(id))));
        }
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use super::kind_slug;

    #[test]
    fn slugs_are_lower_case_words_joined_by_dashes() {
        assert_eq!(
            kind_slug("Supervision (case management)"),
            "supervision-case-management"
        );
        assert_eq!(kind_slug("  Field visit!  "), "field-visit");
        assert_eq!(kind_slug("Vizitë në terren"), "vizitë-në-terren");
        assert_eq!(kind_slug("!!!"), "");
    }
}
