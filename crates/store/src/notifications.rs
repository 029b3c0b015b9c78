//! In-app notifications (email copies go through the job queue).

use crate::db::{Db, on_db};
use crate::error::StoreError;
use crate::time::now_ms;
use hearth_domain::{NotificationId, UserId};
use tracing::instrument;
use uuid::Uuid;

pub struct Notifications<'a> {
    pub(crate) db: &'a Db,
}

#[derive(Debug, Clone)]
pub struct Notification {
    pub id: NotificationId,
    pub title: String,
    pub body: String,
    pub link: Option<String>,
    pub created_at: i64,
    pub read: bool,
}

/// id, title, body, link, created_at, read_at
type NotificationRow = (Uuid, String, String, Option<String>, i64, Option<i64>);

impl Notifications<'_> {
    #[instrument(level = "debug", skip_all)]
    pub async fn create(
        &self,
        user: UserId,
        title: &str,
        body: &str,
        link: Option<&str>,
    ) -> Result<NotificationId, StoreError> {
        let id = NotificationId::new();
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO notifications (id, user_id, title, body, link, created_at) VALUES ($1, $2, $3, $4, $5, $6)"
        )
        .bind(id.0)
        .bind(user.0)
        .bind(title)
        .bind(body)
        .bind(link)
        .bind(now_ms())
        .execute(pool)
        .await.map(|r| r.rows_affected())?);
        Ok(id)
    }

    /// The newest notifications first.
    #[instrument(level = "debug", skip_all)]
    pub async fn list(&self, user: UserId, limit: i64) -> Result<Vec<Notification>, StoreError> {
        let rows: Vec<NotificationRow> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT id, title, body, link, created_at, read_at FROM notifications WHERE user_id = $1 \
             ORDER BY created_at DESC, id DESC LIMIT $2"
        )
        .bind(user.0)
        .bind(limit)
        .fetch_all(pool)
        .await?);
        Ok(rows
            .into_iter()
            .map(
                |(id, title, body, link, created_at, read_at)| Notification {
                    id: NotificationId(id),
                    title,
                    body,
                    link,
                    created_at,
                    read: read_at.is_some(),
                },
            )
            .collect())
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn unread_count(&self, user: UserId) -> Result<i64, StoreError> {
        let row: (i64,) = on_db!(
            self.db,
            read | pool
                | sqlx::query_as(
                    "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL"
                )
                .bind(user.0)
                .fetch_one(pool)
                .await?
        );
        Ok(row.0)
    }

    /// Marks all of one person's notifications read (only theirs).
    #[instrument(level = "debug", skip_all)]
    pub async fn mark_all_read(&self, user: UserId) -> Result<(), StoreError> {
        on_db!(
            self.db,
            write
                | pool
                | sqlx::query(
                    "UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL"
                )
                .bind(now_ms())
                .bind(user.0)
                .execute(pool)
                .await
                .map(|r| r.rows_affected())?
        );
        Ok(())
    }
}
