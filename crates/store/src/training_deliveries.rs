//! Changing a scheduled session: a new time or place, or removing one
//! scheduled by mistake (only while nobody is marked, so no attendance the
//! reports or someone's progress counted is ever lost).

use crate::db::on_db;
use crate::error::StoreError;
use crate::training::Training;
use hearth_domain::CohortId;
use tracing::instrument;
use uuid::Uuid;

impl Training<'_> {
    /// Moves a delivered session to another time or place; its activity row
    /// moves with it, so the reports count it when it happens.
    #[instrument(level = "debug", skip_all)]
    pub async fn reschedule(
        &self,
        cohort: CohortId,
        delivery: Uuid,
        starts_at: i64,
        place: Option<&str>,
    ) -> Result<(), StoreError> {
        let done = on_db!(
            self.db,
            write
                | pool
                | {
                    let mut tx = pool.begin().await?;
                    let moved = sqlx::query(
                    "UPDATE training_deliveries SET starts_at = $1, place = $2 WHERE id = $3 AND cohort_id = $4",
                )
                .bind(starts_at)
                .bind(place)
                .bind(delivery)
                .bind(cohort.0)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                    sqlx::query(
                    "UPDATE activities SET occurred_at = $1 WHERE id = (SELECT activity_id FROM training_deliveries WHERE id = $2 AND cohort_id = $3)",
                )
                .bind(starts_at)
                .bind(delivery)
                .bind(cohort.0)
                .execute(&mut *tx)
                .await?;
                    tx.commit().await?;
                    moved
                }
        );
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Removes a session scheduled by mistake, with its activity row; refused
    /// (`Conflict`) once anyone is marked for it.
    #[instrument(level = "debug", skip_all)]
    pub async fn remove_delivery(
        &self,
        cohort: CohortId,
        delivery: Uuid,
    ) -> Result<(), StoreError> {
        let outcome: Result<(), StoreError> = on_db!(
            self.db,
            write
                | pool
                | {
                    let mut tx = pool.begin().await?;
                    let found: Option<(Uuid, i64)> = sqlx::query_as(
                    "SELECT d.activity_id, CAST((SELECT COUNT(*) FROM attendance a WHERE a.activity_id = d.activity_id) AS BIGINT) \
                     FROM training_deliveries d WHERE d.id = $1 AND d.cohort_id = $2",
                )
                .bind(delivery)
                .bind(cohort.0)
                .fetch_optional(&mut *tx)
                .await?;
                    match found {
                        None => Err(StoreError::NotFound),
                        Some((_, marked)) if marked > 0 => Err(StoreError::Conflict("attendance")),
                        Some((activity, _)) => {
                            sqlx::query("DELETE FROM training_deliveries WHERE id = $1")
                                .bind(delivery)
                                .execute(&mut *tx)
                                .await?;
                            sqlx::query("DELETE FROM activities WHERE id = $1")
                                .bind(activity)
                                .execute(&mut *tx)
                                .await?;
                            tx.commit().await?;
                            Ok(())
                        }
                    }
                }
        );
        outcome
    }
}
