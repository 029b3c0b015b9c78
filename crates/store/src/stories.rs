//! Community stories: written by a member, checked by a moderator, read by
//! the audience the writer chose (their cohort, the organisation, or anyone)
//! under the name they chose. Taking a story back deletes it (and its
//! picture), so no page, report or export can show it afterwards.

use crate::db::{Db, on_db};
use crate::error::{OptionalRow, StoreError};
use crate::time::now_ms;
use hearth_domain::UserId;
use hearth_domain::ids::{CohortId, FileId};
use hearth_domain::stories::{Signature, StoryAudience};
use tracing::instrument;
use uuid::Uuid;

pub struct Stories<'a> {
    pub(crate) db: &'a Db,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoryStatus {
    /// Kept by its writer; nobody else sees it.
    Draft,
    Waiting,
    /// A moderator asked for changes; back with the writer.
    Changes,
    Approved,
    Declined,
}

impl StoryStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            StoryStatus::Draft => "draft",
            StoryStatus::Waiting => "waiting",
            StoryStatus::Changes => "changes",
            StoryStatus::Approved => "approved",
            StoryStatus::Declined => "declined",
        }
    }

    fn parse(text: &str) -> Result<StoryStatus, StoreError> {
        match text {
            "draft" => Ok(StoryStatus::Draft),
            "waiting" => Ok(StoryStatus::Waiting),
            "changes" => Ok(StoryStatus::Changes),
            "approved" => Ok(StoryStatus::Approved),
            "declined" => Ok(StoryStatus::Declined),
            other => Err(StoreError::Corrupt(format!("story status {other}"))),
        }
    }

    /// Whether its writer may still change it.
    pub fn editable(self) -> bool {
        matches!(
            self,
            StoryStatus::Draft | StoryStatus::Waiting | StoryStatus::Changes
        )
    }
}

/// A moderator's decision on a waiting story.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moderation {
    Approve,
    AskForChanges,
    Decline,
}

#[derive(Debug, Clone)]
pub struct Story {
    pub id: Uuid,
    pub author_id: UserId,
    /// The name it is signed with (empty: anonymous).
    pub signed_as: String,
    pub signature: Signature,
    pub title: String,
    pub body: String,
    pub status: StoryStatus,
    /// None when it was shared with a cohort that no longer exists.
    pub audience: Option<StoryAudience>,
    pub picture: Option<FileId>,
    pub picture_alt: Option<String>,
    pub moderator_note: Option<String>,
    pub share_token: String,
    pub created_at: i64,
}

/// What the writer wrote and chose.
#[derive(Debug, Clone)]
pub struct StoryText<'a> {
    pub title: &'a str,
    pub body: &'a str,
    pub signature: Signature,
    /// The name for the signature, from the writer's display name.
    pub signed_as: &'a str,
    pub audience: StoryAudience,
    /// A new picture and its alt text; `None` keeps (or leaves out) the one there is.
    pub picture: Option<(FileId, &'a str)>,
    /// Takes the picture there is away.
    pub remove_picture: bool,
    /// Send it to the moderators now (otherwise it stays a draft).
    pub send: bool,
}

type FlatRow = (
    Uuid,
    Uuid,
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    String,
    i64,
    String,
    Option<Uuid>,
    Option<Uuid>,
    Option<String>,
);

const STORY_SELECT: &str = "SELECT id, author_id, signed_as, signature, title, body, status, moderator_note, share_token, created_at, \
     audience, cohort_id, picture_file_id, picture_alt FROM stories";

fn story(row: FlatRow) -> Result<Story, StoreError> {
    let (
        id,
        author,
        signed_as,
        signature,
        title,
        body,
        status,
        note,
        token,
        created_at,
        audience,
        cohort,
        picture,
        picture_alt,
    ) = row;
    Ok(Story {
        id,
        author_id: UserId(author),
        signed_as,
        signature: Signature::parse(&signature)
            .ok_or_else(|| StoreError::Corrupt(format!("story signature {signature}")))?,
        title,
        body,
        status: StoryStatus::parse(&status)?,
        audience: StoryAudience::from_parts(&audience, cohort.map(CohortId)),
        picture: picture.map(FileId),
        picture_alt,
        moderator_note: note,
        share_token: token,
        created_at,
    })
}

fn status_for(send: bool) -> StoryStatus {
    if send {
        StoryStatus::Waiting
    } else {
        StoryStatus::Draft
    }
}

impl Stories<'_> {
    /// A new story: a draft, or waiting for a moderator when `send`.
    #[instrument(level = "debug", skip_all)]
    pub async fn write(&self, author: UserId, text: StoryText<'_>) -> Result<Uuid, StoreError> {
        let id = Uuid::now_v7();
        let token = crate::sessions::new_token()?;
        let (picture, alt) = text
            .picture
            .map_or((None, None), |(f, a)| (Some(f.0), Some(a)));
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO stories (id, author_id, signed_as, signature, title, body, status, share_token, created_at, \
             audience, cohort_id, picture_file_id, picture_alt) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"
        )
        .bind(id)
        .bind(author.0)
        .bind(text.signed_as)
        .bind(text.signature.as_str())
        .bind(text.title)
        .bind(text.body)
        .bind(status_for(text.send).as_str())
        .bind(&token)
        .bind(now_ms())
        .bind(text.audience.kind())
        .bind(text.audience.cohort().map(|c| c.0))
        .bind(picture)
        .bind(alt)
        .execute(pool)
        .await
        .map(|r| r.rows_affected())?);
        Ok(id)
    }

    /// The writer changes a story they may still change (a draft, waiting,
    /// or with changes asked for); `NotFound` otherwise. A picture replaced
    /// or removed is deleted.
    #[instrument(level = "debug", skip_all)]
    pub async fn rewrite(
        &self,
        id: Uuid,
        author: UserId,
        text: StoryText<'_>,
    ) -> Result<(), StoreError> {
        let before = self.get(id).await?;
        if before.author_id != author || !before.status.editable() {
            return Err(StoreError::NotFound);
        }
        let (picture, alt) = match text.picture {
            Some((file, alt)) => (Some(file.0), Some(alt.to_owned())),
            None if text.remove_picture => (None, None),
            None => (before.picture.map(|f| f.0), before.picture_alt.clone()),
        };
        let changed = on_db!(self.db, write |pool| sqlx::query(
            "UPDATE stories SET signed_as = $1, signature = $2, title = $3, body = $4, status = $5, \
             audience = $6, cohort_id = $7, picture_file_id = $8, picture_alt = $9, updated_at = $10 \
             WHERE id = $11 AND author_id = $12 AND status IN ('draft', 'waiting', 'changes')"
        )
        .bind(text.signed_as)
        .bind(text.signature.as_str())
        .bind(text.title)
        .bind(text.body)
        .bind(status_for(text.send).as_str())
        .bind(text.audience.kind())
        .bind(text.audience.cohort().map(|c| c.0))
        .bind(picture)
        .bind(alt)
        .bind(now_ms())
        .bind(id)
        .bind(author.0)
        .execute(pool)
        .await
        .map(|r| r.rows_affected())?);
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        if let Some(old) = before.picture
            && Some(old.0) != picture
        {
            self.delete_file(old).await?;
        }
        Ok(())
    }

    async fn delete_file(&self, file: FileId) -> Result<(), StoreError> {
        on_db!(
            self.db,
            write
                | pool
                | sqlx::query("DELETE FROM files WHERE id = $1")
                    .bind(file.0)
                    .execute(pool)
                    .await
                    .map(|r| r.rows_affected())?
        );
        Ok(())
    }

    async fn list(&self, condition: &str, user: Option<Uuid>) -> Result<Vec<Story>, StoreError> {
        let sql = format!("{STORY_SELECT} WHERE {condition} ORDER BY created_at DESC");
        let rows: Vec<FlatRow> = on_db!(
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

    /// Approved stories, newest first: the community page (each reader
    /// sees those `may_read_story` lets them).
    pub async fn approved(&self) -> Result<Vec<Story>, StoreError> {
        self.list("status = 'approved'", None).await
    }

    pub async fn get(&self, id: Uuid) -> Result<Story, StoreError> {
        let row: Option<FlatRow> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as(sqlx::AssertSqlSafe(format!("{STORY_SELECT} WHERE id = $1")))
                    .bind(id)
                    .fetch_optional(pool)
                    .await?
        );
        story(row.found()?)
    }

    /// The story behind a share link, only while it is approved and public.
    pub async fn shared(&self, token: &str) -> Result<Story, StoreError> {
        let row: Option<FlatRow> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as(sqlx::AssertSqlSafe(format!(
                    "{STORY_SELECT} WHERE share_token = $1 AND status = 'approved' AND audience = 'public'"
                )))
                .bind(token)
                .fetch_optional(pool)
                .await?
        );
        story(row.found()?)
    }

    /// A moderator's decision on a waiting story; `NotFound` when it is
    /// no longer waiting (taken back, changed back to a draft, or decided
    /// by someone else).
    #[instrument(level = "debug", skip_all)]
    pub async fn moderate(
        &self,
        id: Uuid,
        decision: Moderation,
        note: Option<&str>,
        by: UserId,
    ) -> Result<(), StoreError> {
        let status = match decision {
            Moderation::Approve => StoryStatus::Approved,
            Moderation::AskForChanges => StoryStatus::Changes,
            Moderation::Decline => StoryStatus::Declined,
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

    /// The writer takes their story back: it is deleted, with its picture.
    #[instrument(level = "debug", skip_all)]
    pub async fn withdraw(&self, id: Uuid, author: UserId) -> Result<(), StoreError> {
        let picture = match self.get(id).await {
            Ok(story) if story.author_id == author => story.picture,
            Ok(_) | Err(StoreError::NotFound) => return Err(StoreError::NotFound),
            Err(other) => return Err(other),
        };
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
        if let Some(picture) = picture {
            self.delete_file(picture).await?;
        }
        Ok(())
    }

    /// Whether `file` is a story's picture (so it may be served as one).
    pub async fn with_picture(&self, file: FileId) -> Result<Story, StoreError> {
        let row: Option<FlatRow> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as(sqlx::AssertSqlSafe(format!(
                    "{STORY_SELECT} WHERE picture_file_id = $1"
                )))
                .bind(file.0)
                .fetch_optional(pool)
                .await?
        );
        story(row.found()?)
    }
}
