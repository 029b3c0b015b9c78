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
