//! The organisation's own run sheets.

use crate::db::{Db, on_db};
use crate::error::{OptionalRow, StoreError};
use crate::time::now_ms;
use hearth_domain::UserId;
use hearth_domain::live::{RunSheet, Step};
use tracing::instrument;
use uuid::Uuid;

pub struct RunSheets<'a> {
    pub(crate) db: &'a Db,
}

#[derive(Debug, Clone)]
pub struct SavedRunSheet {
    pub id: Uuid,
    pub sheet: RunSheet,
    pub updated_at: i64,
}

fn decode(
    id: Uuid,
    name: String,
    steps: &str,
    updated_at: i64,
) -> Result<SavedRunSheet, StoreError> {
    let steps: Vec<Step> =
        serde_json::from_str(steps).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    Ok(SavedRunSheet {
        id,
        sheet: RunSheet { name, steps },
        updated_at,
    })
}

impl RunSheets<'_> {
    #[instrument(level = "debug", skip_all)]
    pub async fn list(&self) -> Result<Vec<SavedRunSheet>, StoreError> {
        let rows: Vec<(Uuid, String, String, i64)> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT id, name, steps, updated_at FROM run_sheets WHERE archived_at IS NULL ORDER BY name, id"
        )
        .fetch_all(pool)
        .await?);
        rows.into_iter()
            .map(|(id, name, steps, at)| decode(id, name, &steps, at))
            .collect()
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn get(&self, id: Uuid) -> Result<SavedRunSheet, StoreError> {
        let row: Option<(Uuid, String, String, i64)> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT id, name, steps, updated_at FROM run_sheets WHERE id = $1 AND archived_at IS NULL"
        )
        .bind(id)
        .fetch_optional(pool)
        .await?);
        let (id, name, steps, at) = row.found()?;
        decode(id, name, &steps, at)
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn create(&self, sheet: &RunSheet, by: UserId) -> Result<Uuid, StoreError> {
        let id = Uuid::now_v7();
        let steps =
            serde_json::to_string(&sheet.steps).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let now = now_ms();
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO run_sheets (id, name, steps, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)"
        )
        .bind(id)
        .bind(&sheet.name)
        .bind(steps)
        .bind(by.0)
        .bind(now)
        .execute(pool)
        .await
        .map(|done| done.rows_affected())?);
        Ok(id)
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn update(&self, id: Uuid, sheet: &RunSheet) -> Result<(), StoreError> {
        let steps =
            serde_json::to_string(&sheet.steps).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let done = on_db!(self.db, write |pool| sqlx::query(
            "UPDATE run_sheets SET name = $1, steps = $2, updated_at = $3 WHERE id = $4 AND archived_at IS NULL"
        )
        .bind(&sheet.name)
        .bind(steps)
        .bind(now_ms())
        .bind(id)
        .execute(pool)
        .await
        .map(|done| done.rows_affected())?);
        if done == 0 {
            Err(StoreError::NotFound)
        } else {
            Ok(())
        }
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn archive(&self, id: Uuid) -> Result<(), StoreError> {
        let done = on_db!(
            self.db,
            write
                | pool
                | sqlx::query("UPDATE run_sheets SET archived_at = $1 WHERE id = $2")
                    .bind(now_ms())
                    .bind(id)
                    .execute(pool)
                    .await
                    .map(|done| done.rows_affected())?
        );
        if done == 0 {
            Err(StoreError::NotFound)
        } else {
            Ok(())
        }
    }
}
