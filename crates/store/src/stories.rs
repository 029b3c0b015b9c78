//! Community stories: written by a participant, checked by a coordinator,
//! shared under a first name. Taking a story back deletes it, so no page,
//! report or export can show it afterwards.

use crate::db::{Db, on_db};
use crate::error::{OptionalRow, StoreError};
use crate::time::now_ms;
use hearth_domain::UserId;
use tracing::instrument;
use uuid::Uuid;

pub struct Stories<'a> {
    pub(crate) db: &'a Db,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoryStatus {
    Waiting,
    Approved,
    Declined,
}

impl StoryStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            StoryStatus::Waiting => "waiting",
            StoryStatus::Approved => "approved",
            StoryStatus::Declined => "declined",
        }
    }

    fn parse(text: &str) -> Result<StoryStatus, StoreError> {
        match text {
            "waiting" => Ok(StoryStatus::Waiting),
            "approved" => Ok(StoryStatus::Approved),
            "declined" => Ok(StoryStatus::Declined),
            other => Err(StoreError::Corrupt(format!("story status {other}"))),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Story {
    pub id: Uuid,
    pub author_id: UserId,
    pub signed_as: String,
    pub title: String,
    pub body: String,
    pub status: StoryStatus,
    pub moderator_note: Option<String>,
    pub share_token: String,
    pub created_at: i64,
}

type StoryRow = (
    Uuid,
    Uuid,
    String,
    String,
    String,
    String,
    Option<String>,
    String,
    i64,
);

const STORY_SELECT: &str = "SELECT id, author_id, signed_as, title, body, status, moderator_note, share_token, created_at FROM stories";

fn story(row: StoryRow) -> Result<Story, StoreError> {
    let (id, author, signed_as, title, body, status, note, token, created_at) = row;
    Ok(Story {
        id,
        author_id: UserId(author),
        signed_as,
        title,
        body,
        status: StoryStatus::parse(&status)?,
        moderator_note: note,
        share_token: token,
        created_at,
    })
}

impl Stories<'_> {
    /// A new story, waiting for a coordinator to check it.
    #[instrument(level = "debug", skip_all)]
    pub async fn write(
        &self,
        author: UserId,
        signed_as: &str,
        title: &str,
        body: &str,
    ) -> Result<Uuid, StoreError> {
        let id = Uuid::now_v7();
        let token = crate::sessions::new_token()?;
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO stories (id, author_id, signed_as, title, body, status, share_token, created_at) \
             VALUES ($1, $2, $3, $4, $5, 'waiting', $6, $7)"
        )
        .bind(id)
        .bind(author.0)
        .bind(signed_as)
        .bind(title)
        .bind(body)
        .bind(&token)
        .bind(now_ms())
        .execute(pool)
        .await
        .map(|r| r.rows_affected())?);
        Ok(id)
    }

    async fn list(&self, condition: &str, user: Option<Uuid>) -> Result<Vec<Story>, StoreError> {
        let sql = format!("{STORY_SELECT} WHERE {condition} ORDER BY created_at DESC");
        let rows: Vec<StoryRow> = on_db!(
            self.db,
            read | pool | {
                let query = sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()));
                match user {
                    Some(user) => query.bind(user),
                    None => query,
                }
                .fetch_all(pool)
                .await?
            }
        );
        rows.into_iter().map(story).collect()
    }

    /// A writer's own stories, whatever their state.
    pub async fn by_author(&self, author: UserId) -> Result<Vec<Story>, StoreError> {
        self.list("author_id = $1", Some(author.0)).await
    }

    /// Stories waiting for a coordinator, oldest first.
    pub async fn waiting(&self) -> Result<Vec<Story>, StoreError> {
        let mut stories = self.list("status = 'waiting'", None).await?;
        stories.reverse();
        Ok(stories)
    }

    /// Approved stories, newest first: the community page.
    pub async fn approved(&self) -> Result<Vec<Story>, StoreError> {
        self.list("status = 'approved'", None).await
    }

    pub async fn get(&self, id: Uuid) -> Result<Story, StoreError> {
        let row: Option<StoryRow> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as(sqlx::AssertSqlSafe(format!("{STORY_SELECT} WHERE id = $1")))
                    .bind(id)
                    .fetch_optional(pool)
                    .await?
        );
        story(row.found()?)
    }

    /// The story behind a share link, only while it is approved.
    pub async fn shared(&self, token: &str) -> Result<Story, StoreError> {
        let row: Option<StoryRow> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as(sqlx::AssertSqlSafe(format!(
                    "{STORY_SELECT} WHERE share_token = $1 AND status = 'approved'"
                )))
                .bind(token)
                .fetch_optional(pool)
                .await?
        );
        story(row.found()?)
    }

    /// A coordinator's decision on a waiting story; `NotFound` when it is
    /// no longer waiting (taken back, or decided by someone else).
    #[instrument(level = "debug", skip_all)]
    pub async fn moderate(
        &self,
        id: Uuid,
        approve: bool,
        note: Option<&str>,
        by: UserId,
    ) -> Result<(), StoreError> {
        let status = if approve {
            StoryStatus::Approved
        } else {
            StoryStatus::Declined
        };
        let changed = on_db!(self.db, write |pool| sqlx::query(
            "UPDATE stories SET status = $1, moderator_note = $2, moderated_by = $3, moderated_at = $4 \
             WHERE id = $5 AND status = 'waiting'"
        )
        .bind(status.as_str())
        .bind(note)
        .bind(by.0)
        .bind(now_ms())
        .bind(id)
        .execute(pool)
        .await
        .map(|r| r.rows_affected())?);
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// The writer takes their story back: it is deleted.
    #[instrument(level = "debug", skip_all)]
    pub async fn withdraw(&self, id: Uuid, author: UserId) -> Result<(), StoreError> {
        let changed = on_db!(
            self.db,
            write
                | pool
                | sqlx::query("DELETE FROM stories WHERE id = $1 AND author_id = $2")
                    .bind(id)
                    .bind(author.0)
                    .execute(pool)
                    .await
                    .map(|r| r.rows_affected())?
        );
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }
}
