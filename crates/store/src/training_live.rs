//! Training sessions run live: a session's run sheet, and the live event an
//! online delivery made from it.

use crate::db::on_db;
use crate::error::StoreError;
use crate::training::Training;
use hearth_domain::{CohortId, EventId};
use tracing::instrument;
use uuid::Uuid;

impl Training<'_> {
    /// Sets the run sheet a session runs live from; `None` clears it.
    #[instrument(level = "debug", skip_all)]
    pub async fn set_session_run_sheet(
        &self,
        session: Uuid,
        sheet_key: Option<&str>,
    ) -> Result<(), StoreError> {
        on_db!(
            self.db,
            write
                | pool
                | match sheet_key {
                    Some(key) => sqlx::query(
                        "INSERT INTO session_run_sheets (session_id, sheet_key) VALUES ($1, $2) \
                         ON CONFLICT (session_id) DO UPDATE SET sheet_key = excluded.sheet_key",
                    )
                    .bind(session)
                    .bind(key)
                    .execute(pool)
                    .await
                    .map(|_| ())?,
                    None => sqlx::query("DELETE FROM session_run_sheets WHERE session_id = $1")
                        .bind(session)
                        .execute(pool)
                        .await
                        .map(|_| ())?,
                }
        );
        Ok(())
    }

    /// The run sheet key of every session of a curriculum that has one.
    #[instrument(level = "debug", skip_all)]
    pub async fn session_run_sheets(
        &self,
        curriculum: Uuid,
    ) -> Result<Vec<(Uuid, String)>, StoreError> {
        let rows: Vec<(Uuid, String)> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as(
                    "SELECT r.session_id, r.sheet_key FROM session_run_sheets r \
                     JOIN curriculum_sessions s ON s.id = r.session_id \
                     JOIN curriculum_modules m ON m.id = s.module_id WHERE m.curriculum_id = $1"
                )
                .bind(curriculum)
                .fetch_all(pool)
                .await?
        );
        Ok(rows)
    }

    /// Links an online delivery to the live event made for it.
    #[instrument(level = "debug", skip_all)]
    pub async fn link_delivery_event(
        &self,
        delivery: Uuid,
        event: EventId,
    ) -> Result<(), StoreError> {
        on_db!(
            self.db,
            write
                | pool
                | sqlx::query(
                    "INSERT INTO delivery_events (delivery_id, event_id) VALUES ($1, $2)"
                )
                .bind(delivery)
                .bind(event.0)
                .execute(pool)
                .await
                .map(|_| ())?
        );
        Ok(())
    }

    /// The live event of each of a cohort's online deliveries.
    #[instrument(level = "debug", skip_all)]
    pub async fn delivery_events(
        &self,
        cohort: CohortId,
    ) -> Result<Vec<(Uuid, EventId)>, StoreError> {
        let rows: Vec<(Uuid, Uuid)> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as(
                    "SELECT e.delivery_id, e.event_id FROM delivery_events e \
                     JOIN training_deliveries d ON d.id = e.delivery_id WHERE d.cohort_id = $1"
                )
                .bind(cohort.0)
                .fetch_all(pool)
                .await?
        );
        Ok(rows.into_iter().map(|(d, e)| (d, EventId(e))).collect())
    }
}
