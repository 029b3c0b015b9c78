//! Uploaded files live in the database, so every instance serves the same ones.

use crate::db::{Db, on_db};
use crate::error::{OptionalRow, StoreError};
use crate::time::now_ms;
use hearth_domain::{FileId, UserId};
use tracing::instrument;
use uuid::Uuid;

pub struct Files<'a> {
    pub(crate) db: &'a Db,
}

pub struct NewFile<'a> {
    pub name: &'a str,
    pub content_type: &'a str,
    pub bytes: &'a [u8],
    pub uploaded_by: Option<UserId>,
}

#[derive(Debug, Clone)]
pub struct StoredFile {
    pub id: FileId,
    pub name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

impl Files<'_> {
    #[instrument(level = "debug", skip_all)]
    pub async fn put(&self, file: NewFile<'_>) -> Result<FileId, StoreError> {
        let id = FileId::new();
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO files (id, name, content_type, size, bytes, uploaded_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)"
        )
        .bind(id.0)
        .bind(file.name)
        .bind(file.content_type)
        .bind(i64::try_from(file.bytes.len()).unwrap_or(i64::MAX))
        .bind(file.bytes)
        .bind(file.uploaded_by.map(|u| u.0))
        .bind(now_ms())
        .execute(pool)
        .await.map(|r| r.rows_affected())?);
        Ok(id)
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn get(&self, id: FileId) -> Result<StoredFile, StoreError> {
        let row: Option<(Uuid, String, String, Vec<u8>)> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as("SELECT id, name, content_type, bytes FROM files WHERE id = $1")
                    .bind(id.0)
                    .fetch_optional(pool)
                    .await?
        );
        let (id, name, content_type, bytes) = row.found()?;
        Ok(StoredFile {
            id: FileId(id),
            name,
            content_type,
            bytes,
        })
    }
}
