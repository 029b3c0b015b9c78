//! The peer video library.

use crate::db::{Db, on_db};
use crate::error::{OptionalRow, StoreError};
use crate::time::now_ms;
use hearth_domain::{FileId, UserId};
use tracing::instrument;
use uuid::Uuid;

pub struct Videos<'a> {
    pub(crate) db: &'a Db,
}

#[derive(Debug, Clone)]
pub struct PeerVideo {
    pub id: Uuid,
    pub title: String,
    /// What it models: mindful-sharing, empathic-listening, self-awareness, ...
    pub tags: Vec<String>,
    pub file_id: Option<FileId>,
    pub url: Option<String>,
}

impl PeerVideo {
    /// Where a browser plays it: Hearth's own file, or the link.
    pub fn source(&self) -> Option<String> {
        self.file_id
            .map(|f| format!("/files/{f}"))
            .or_else(|| self.url.clone())
    }
}

type VideoRow = (Uuid, String, String, Option<Uuid>, Option<String>);

fn video((id, title, tags, file_id, url): VideoRow) -> PeerVideo {
    PeerVideo {
        id,
        title,
        tags: tags
            .split(',')
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect(),
        file_id: file_id.map(FileId),
        url,
    }
}

impl Videos<'_> {
    #[instrument(level = "debug", skip_all)]
    pub async fn list(&self) -> Result<Vec<PeerVideo>, StoreError> {
        let rows: Vec<VideoRow> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT id, title, tags, file_id, url FROM peer_videos WHERE archived_at IS NULL ORDER BY title, id"
        )
        .fetch_all(pool)
        .await?);
        Ok(rows.into_iter().map(video).collect())
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn get(&self, id: Uuid) -> Result<PeerVideo, StoreError> {
        let row: Option<VideoRow> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT id, title, tags, file_id, url FROM peer_videos WHERE id = $1 AND archived_at IS NULL"
        )
        .bind(id)
        .fetch_optional(pool)
        .await?);
        Ok(video(row.found()?))
    }

    /// Whether a stored file is a library video (so any signed-in person may watch it).
    #[instrument(level = "debug", skip_all)]
    pub async fn is_library_file(&self, file: FileId) -> Result<bool, StoreError> {
        let row: Option<(Uuid,)> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as(
                    "SELECT id FROM peer_videos WHERE file_id = $1 AND archived_at IS NULL"
                )
                .bind(file.0)
                .fetch_optional(pool)
                .await?
        );
        Ok(row.is_some())
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn add(
        &self,
        title: &str,
        tags: &[String],
        file: Option<FileId>,
        url: Option<&str>,
        by: UserId,
    ) -> Result<Uuid, StoreError> {
        let id = Uuid::now_v7();
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO peer_videos (id, title, tags, file_id, url, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)"
        )
        .bind(id)
        .bind(title)
        .bind(tags.join(","))
        .bind(file.map(|f| f.0))
        .bind(url)
        .bind(by.0)
        .bind(now_ms())
        .execute(pool)
        .await
        .map(|done| done.rows_affected())?);
        Ok(id)
    }
}
