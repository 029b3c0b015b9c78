//! What an event leaves behind: who spoke at the debrief, and feedback.

use crate::db::{Db, on_db};
use crate::error::StoreError;
use crate::time::now_ms;
use hearth_domain::{CohortId, EventId, UserId};
use std::collections::HashMap;
use tracing::instrument;
use uuid::Uuid;

pub struct EventRecords<'a> {
    pub(crate) db: &'a Db,
}

/// One person's answers; the writer is never shown.
#[derive(Debug, Clone)]
pub struct Feedback {
    pub rating: i32,
    pub helped: Option<String>,
    pub change_next: Option<String>,
}

impl EventRecords<'_> {
    /// How often each person of the cohort has spoken at a debrief.
    #[instrument(level = "debug", skip_all)]
    pub async fn times_spoken(&self, cohort: CohortId) -> Result<HashMap<UserId, u32>, StoreError> {
        let rows: Vec<(Uuid, i64)> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT user_id, COUNT(*) FROM debrief_speakers WHERE cohort_id = $1 GROUP BY user_id"
        )
        .bind(cohort.0)
        .fetch_all(pool)
        .await?);
        Ok(rows
            .into_iter()
            .map(|(user, count)| (UserId(user), u32::try_from(count).unwrap_or(u32::MAX)))
            .collect())
    }

    /// Records this event's speakers (choosing again replaces the choice).
    #[instrument(level = "debug", skip_all)]
    pub async fn record_speakers(
        &self,
        cohort: CohortId,
        event: EventId,
        speakers: &[UserId],
    ) -> Result<(), StoreError> {
        let now = now_ms();
        on_db!(
            self.db,
            write
                | pool
                | {
                    let mut tx = pool.begin().await?;
                    sqlx::query("DELETE FROM debrief_speakers WHERE event_id = $1")
                        .bind(event.0)
                        .execute(&mut *tx)
                        .await?;
                    for speaker in speakers {
                        sqlx::query("INSERT INTO debrief_speakers (cohort_id, event_id, user_id, at) VALUES ($1, $2, $3, $4)")
                    .bind(cohort.0)
                    .bind(event.0)
                    .bind(speaker.0)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                    }
                    tx.commit().await?;
                }
        );
        Ok(())
    }

    /// Saves one person's feedback; answering twice is a conflict.
    #[instrument(level = "debug", skip_all)]
    pub async fn give_feedback(
        &self,
        event: EventId,
        user: UserId,
        feedback: &Feedback,
    ) -> Result<(), StoreError> {
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO event_feedback (event_id, user_id, rating, helped, change_next, at) VALUES ($1, $2, $3, $4, $5, $6)"
        )
        .bind(event.0)
        .bind(user.0)
        .bind(feedback.rating)
        .bind(feedback.helped.as_deref())
        .bind(feedback.change_next.as_deref())
        .bind(now_ms())
        .execute(pool)
        .await
        .map(|done| done.rows_affected())
        .map_err(StoreError::unique("feedback"))?);
        Ok(())
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn has_given_feedback(
        &self,
        event: EventId,
        user: UserId,
    ) -> Result<bool, StoreError> {
        let row: Option<(i32,)> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as(
                    "SELECT rating FROM event_feedback WHERE event_id = $1 AND user_id = $2"
                )
                .bind(event.0)
                .bind(user.0)
                .fetch_optional(pool)
                .await?
        );
        Ok(row.is_some())
    }

    /// Every answer, without who gave it, in no particular order of people.
    #[instrument(level = "debug", skip_all)]
    pub async fn feedback(&self, event: EventId) -> Result<Vec<Feedback>, StoreError> {
        let rows: Vec<(i32, Option<String>, Option<String>)> =
            on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT rating, helped, change_next FROM event_feedback WHERE event_id = $1 ORDER BY at"
        )
        .bind(event.0)
        .fetch_all(pool)
        .await?);
        Ok(rows
            .into_iter()
            .map(|(rating, helped, change_next)| Feedback {
                rating,
                helped,
                change_next,
            })
            .collect())
    }
}
