//! Training sessions run live: a session's run sheet, and the live event an
//! online delivery made from it.

use crate::db::on_db;
use crate::error::StoreError;
use crate::training::Training;
use hearth_domain::{CohortId, EventId, UserId};
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

    /// Whether an event is the live room of a training session: only the
    /// trainees enrolled in the modules take part in it.
    #[instrument(level = "debug", skip_all)]
    pub async fn is_delivery_event(&self, event: EventId) -> Result<bool, StoreError> {
        let row: Option<(i32,)> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as("SELECT 1 FROM delivery_events WHERE event_id = $1")
                    .bind(event.0)
                    .fetch_optional(pool)
                    .await?
        );
        Ok(row.is_some())
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

impl Training<'_> {
    /// Who came into the live room of an event: the live hub writes one
    /// attendance row per arrival on the event's own activity. For an online
    /// delivery this prefills the attendance a facilitator then confirms.
    #[instrument(level = "debug", skip_all)]
    pub async fn live_room_arrivals(&self, event: EventId) -> Result<Vec<UserId>, StoreError> {
        let rows: Vec<(Uuid,)> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as(
                    "SELECT t.user_id FROM attendance t JOIN activities a ON a.id = t.activity_id \
                     WHERE a.event_id = $1 AND t.status <> 'absent'"
                )
                .bind(event.0)
                .fetch_all(pool)
                .await?
        );
        Ok(rows.into_iter().map(|(u,)| UserId(u)).collect())
    }

    /// When each of one trainee's modules was signed off, for the CHIME
    /// reflection asked at the end of each module.
    #[instrument(level = "debug", skip_all)]
    pub async fn signoff_times(
        &self,
        cohort: CohortId,
        trainee: UserId,
    ) -> Result<Vec<(Uuid, i64)>, StoreError> {
        let rows: Vec<(Uuid, i64)> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as(
                    "SELECT module_id, signed_at FROM module_signoffs \
                     WHERE cohort_id = $1 AND user_id = $2 ORDER BY signed_at"
                )
                .bind(cohort.0)
                .bind(trainee.0)
                .fetch_all(pool)
                .await?
        );
        Ok(rows)
    }

    /// One peer-worker grant with its term, for the form that changes the term.
    #[instrument(level = "debug", skip_all)]
    pub async fn grant_term(
        &self,
        grant: hearth_domain::RoleGrantId,
    ) -> Result<Option<hearth_domain::role_training::Term>, StoreError> {
        let row: Option<(String, String)> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as(
                    "SELECT starts_on, ends_on FROM role_grant_terms WHERE grant_id = $1"
                )
                .bind(grant.0)
                .fetch_optional(pool)
                .await?
        );
        row.map(|(starts, ends)| {
            Ok(hearth_domain::role_training::Term {
                starts_on: starts
                    .parse()
                    .map_err(|e: jiff::Error| StoreError::Corrupt(e.to_string()))?,
                ends_on: ends
                    .parse()
                    .map_err(|e: jiff::Error| StoreError::Corrupt(e.to_string()))?,
            })
        })
        .transpose()
    }
}
