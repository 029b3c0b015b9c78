//! A persisted job queue for emails, reminders and digests.
//!
//! A job is claimed by setting `locked_until`, so several Hearth instances
//! on one PostgreSQL never run the same job at once, and a job whose runner
//! died is picked up again once its lock runs out.

use crate::db::{Db, on_db};
use crate::error::StoreError;
use crate::time::now_ms;
use hearth_domain::JobId;
use tracing::instrument;
use uuid::Uuid;

pub struct Jobs<'a> {
    pub(crate) db: &'a Db,
}

#[derive(Debug, Clone)]
pub struct Job {
    pub id: JobId,
    pub kind: String,
    pub payload: serde_json::Value,
    pub attempts: i32,
}

/// How long a claimed job is reserved for its runner.
const LOCK_MS: i64 = 5 * 60 * 1000;

impl Jobs<'_> {
    #[instrument(level = "debug", skip_all, fields(kind))]
    pub async fn enqueue(
        &self,
        kind: &str,
        payload: &serde_json::Value,
        run_at_ms: i64,
    ) -> Result<JobId, StoreError> {
        let id = JobId::new();
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO jobs (id, kind, payload, run_at, attempts, created_at) VALUES ($1, $2, $3, $4, 0, $5)"
        )
        .bind(id.0)
        .bind(kind)
        .bind(payload.to_string())
        .bind(run_at_ms)
        .bind(now_ms())
        .execute(pool)
        .await.map(|r| r.rows_affected())?);
        Ok(id)
    }

    /// Claims the oldest due job, if any.
    #[instrument(level = "debug", skip_all)]
    pub async fn claim(&self) -> Result<Option<Job>, StoreError> {
        let now = now_ms();
        // The inner SELECT picks one candidate; the outer UPDATE only wins if
        // nobody else locked it in between, so two runners never share a job.
        let row: Option<(Uuid, String, String, i32)> = on_db!(
            self.db,
            write
                | pool
                | sqlx::query_as(
                    "UPDATE jobs SET locked_until = $1, attempts = attempts + 1 \
             WHERE id = (SELECT id FROM jobs WHERE done_at IS NULL AND run_at <= $2 \
                         AND (locked_until IS NULL OR locked_until <= $2) ORDER BY run_at LIMIT 1) \
             AND (locked_until IS NULL OR locked_until <= $2) \
             RETURNING id, kind, payload, attempts"
                )
                .bind(now + LOCK_MS)
                .bind(now)
                .fetch_optional(pool)
                .await?
        );
        row.map(|(id, kind, payload, attempts)| {
            Ok(Job {
                id: JobId(id),
                kind,
                payload: serde_json::from_str(&payload)
                    .map_err(|e| StoreError::Corrupt(e.to_string()))?,
                attempts,
            })
        })
        .transpose()
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn complete(&self, id: JobId) -> Result<(), StoreError> {
        on_db!(
            self.db,
            write
                | pool
                | sqlx::query("UPDATE jobs SET done_at = $1, locked_until = NULL WHERE id = $2")
                    .bind(now_ms())
                    .bind(id.0)
                    .execute(pool)
                    .await
                    .map(|r| r.rows_affected())?
        );
        Ok(())
    }

    /// Records a failure and tries again later, or gives up after `max_attempts`.
    #[instrument(level = "debug", skip_all)]
    pub async fn fail(
        &self,
        job: &Job,
        error: &str,
        retry_in_ms: i64,
        max_attempts: i32,
    ) -> Result<(), StoreError> {
        let now = now_ms();
        let done_at = (job.attempts >= max_attempts).then_some(now);
        on_db!(self.db, write |pool| sqlx::query(
            "UPDATE jobs SET last_error = $1, run_at = $2, locked_until = NULL, done_at = $3 WHERE id = $4"
        )
        .bind(error)
        .bind(now + retry_in_ms)
        .bind(done_at)
        .bind(job.id.0)
        .execute(pool)
        .await.map(|r| r.rows_affected())?);
        Ok(())
    }

    /// Withdraws the jobs of `kind` not yet run whose payload holds `key`
    /// with `value` (e.g. a session's reminders when it moves or is called
    /// off). They are marked done, unrun; the count is returned.
    #[instrument(level = "debug", skip_all, fields(kind))]
    pub async fn withdraw(&self, kind: &str, key: &str, value: &str) -> Result<u64, StoreError> {
        // Payloads are compact JSON written by `enqueue`.
        let needle = format!(
            "%{}%",
            serde_json::json!({ key: value })
                .to_string()
                .trim_matches(['{', '}'])
        );
        let done = on_db!(self.db, write |pool| sqlx::query(
            "UPDATE jobs SET done_at = $1, last_error = 'withdrawn' WHERE kind = $2 AND done_at IS NULL \
             AND (locked_until IS NULL OR locked_until <= $1) AND payload LIKE $3"
        )
        .bind(now_ms())
        .bind(kind)
        .bind(needle)
        .execute(pool)
        .await.map(|r| r.rows_affected())?);
        Ok(done)
    }

    /// Jobs of `kind` not yet done whose payload holds `key` with `value`.
    #[instrument(level = "debug", skip_all, fields(kind))]
    pub async fn pending_matching(
        &self,
        kind: &str,
        key: &str,
        value: &str,
    ) -> Result<Vec<(serde_json::Value, i64)>, StoreError> {
        let needle = format!(
            "%{}%",
            serde_json::json!({ key: value })
                .to_string()
                .trim_matches(['{', '}'])
        );
        let rows: Vec<(String, i64)> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT payload, run_at FROM jobs WHERE kind = $1 AND done_at IS NULL AND payload LIKE $2 ORDER BY run_at"
        )
        .bind(kind)
        .bind(needle)
        .fetch_all(pool)
        .await?);
        rows.into_iter()
            .map(|(payload, run_at)| {
                serde_json::from_str(&payload)
                    .map(|p| (p, run_at))
                    .map_err(|e| StoreError::Corrupt(e.to_string()))
            })
            .collect()
    }

    /// Jobs not yet done (for tests and the operator).
    #[instrument(level = "debug", skip_all)]
    pub async fn pending(&self) -> Result<i64, StoreError> {
        let row: (i64,) = on_db!(
            self.db,
            read | pool
                | sqlx::query_as("SELECT COUNT(*) FROM jobs WHERE done_at IS NULL")
                    .fetch_one(pool)
                    .await?
        );
        Ok(row.0)
    }
}
