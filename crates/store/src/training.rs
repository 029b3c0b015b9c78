//! Training: curricula, a cohort's chosen curriculum, and the readiness step.
//!
//! Stocktakes and recovery stories are private writing. Their text leaves
//! this module in two ways only: `own_*` for the writer, and `shared_*`,
//! whose SQL itself asks that the writer shared it. Overviews carry whether
//! something is done, never what it says.

use crate::db::{Db, on_db};
use crate::error::{OptionalRow, StoreError};
use crate::time::now_ms;
use hearth_domain::training::{
    ChimeScores, CurriculumPlan, ModuleKind, ModuleText, ReadinessOutcome, SessionText,
};
use hearth_domain::{CohortId, FileId, UserId};
use tracing::instrument;
use uuid::Uuid;

pub struct Training<'a> {
    pub(crate) db: &'a Db,
}

/// A new sitting at the story starts a new version after this long.
pub const STORY_VERSION_GAP_MS: i64 = 30 * 60 * 1000;

#[derive(Debug, Clone)]
pub struct CurriculumSummary {
    pub id: Uuid,
    pub name: String,
    pub description: Option<String>,
    pub modules: i64,
}

#[derive(Debug, Clone)]
pub struct Curriculum {
    pub id: Uuid,
    pub name: String,
    pub description: Option<String>,
    pub stocktake: Vec<String>,
    /// Share of a module's sessions to attend before sign-off, in percent.
    pub attendance_percent: u8,
    pub modules: Vec<CurriculumModule>,
}

impl Curriculum {
    pub fn module(&self, id: Uuid) -> Option<&CurriculumModule> {
        self.modules.iter().find(|m| m.id == id)
    }

    /// A session with the module it belongs to.
    pub fn session(&self, id: Uuid) -> Option<(&CurriculumModule, &CurriculumSession)> {
        self.modules
            .iter()
            .find_map(|m| m.sessions.iter().find(|s| s.id == id).map(|s| (m, s)))
    }
}

#[derive(Debug, Clone)]
pub struct CurriculumModule {
    pub id: Uuid,
    pub kind: ModuleKind,
    pub title: String,
    pub purpose: Option<String>,
    pub builds_on: Option<Uuid>,
    pub sessions: Vec<CurriculumSession>,
}

#[derive(Debug, Clone)]
pub struct CurriculumSession {
    pub id: Uuid,
    pub module_id: Uuid,
    pub text: SessionText,
}

/// A trainee's own stocktake.
#[derive(Debug, Clone)]
pub struct Stocktake {
    pub answers: Vec<(String, String)>,
    pub complete: bool,
    pub shared: bool,
    pub updated_at: i64,
}

#[derive(Debug, Clone)]
pub struct StoryVersion {
    pub id: Uuid,
    pub text: String,
    pub created_at: i64,
    pub updated_at: i64,
}

/// Where one trainee is with readiness, without a word of what they wrote.
#[derive(Debug, Clone, Default)]
pub struct ReadinessStatus {
    pub stocktake_done: bool,
    pub stocktake_shared: bool,
    pub story_started: bool,
    pub story_shared: bool,
    pub latest: Option<(String, ReadinessOutcome)>,
}

#[derive(Debug, Clone)]
pub struct Conversation {
    pub id: Uuid,
    pub held_on: String,
    pub outcome: ReadinessOutcome,
    pub note: Option<String>,
    pub recorded_by: Option<String>,
}

fn corrupt(e: impl ToString) -> StoreError {
    StoreError::Corrupt(e.to_string())
}

fn position(index: usize) -> i32 {
    i32::try_from(index).unwrap_or(i32::MAX)
}

type ModuleRow = (Uuid, String, String, Option<String>, Option<Uuid>);
type ConversationRow = (Uuid, String, String, Option<String>, Option<String>);
type SessionRow = (Uuid, Uuid, String, String, String, String, String);

impl Training<'_> {
    #[instrument(level = "debug", skip_all)]
    pub async fn curricula(&self) -> Result<Vec<CurriculumSummary>, StoreError> {
        let rows: Vec<(Uuid, String, Option<String>, i64)> =
            on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT c.id, c.name, c.description, CAST(COUNT(m.id) AS BIGINT) FROM curricula c \
             LEFT JOIN curriculum_modules m ON m.curriculum_id = c.id \
             WHERE c.archived_at IS NULL GROUP BY c.id, c.name, c.description ORDER BY c.name, c.id"
        )
        .fetch_all(pool)
        .await?);
        Ok(rows
            .into_iter()
            .map(|(id, name, description, modules)| CurriculumSummary {
                id,
                name,
                description,
                modules,
            })
            .collect())
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn curriculum(&self, id: Uuid) -> Result<Curriculum, StoreError> {
        let row: Option<(String, Option<String>, String, i32)> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT name, description, stocktake, attendance_percent FROM curricula WHERE id = $1 AND archived_at IS NULL"
        )
        .bind(id)
        .fetch_optional(pool)
        .await?);
        let (name, description, stocktake, attendance_percent) = row.found()?;
        let attendance_percent = u8::try_from(attendance_percent).map_err(corrupt)?;
        let stocktake: Vec<String> = serde_json::from_str(&stocktake).map_err(corrupt)?;
        let modules: Vec<ModuleRow> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT id, kind, title, purpose, builds_on FROM curriculum_modules WHERE curriculum_id = $1 ORDER BY position, id"
        )
        .bind(id)
        .fetch_all(pool)
        .await?);
        let sessions: Vec<SessionRow> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT s.id, s.module_id, s.title, s.learning_intentions, s.activities, s.mini_knowledge, s.handout \
             FROM curriculum_sessions s JOIN curriculum_modules m ON m.id = s.module_id \
             WHERE m.curriculum_id = $1 ORDER BY s.position, s.id"
        )
        .bind(id)
        .fetch_all(pool)
        .await?);
        let mut modules = modules
            .into_iter()
            .map(|(id, kind, title, purpose, builds_on)| {
                Ok(CurriculumModule {
                    id,
                    kind: kind.parse().map_err(corrupt)?,
                    title,
                    purpose,
                    builds_on,
                    sessions: Vec::new(),
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        for (id, module_id, title, learning_intentions, activities, mini_knowledge, handout) in
            sessions
        {
            if let Some(module) = modules.iter_mut().find(|m| m.id == module_id) {
                module.sessions.push(CurriculumSession {
                    id,
                    module_id,
                    text: SessionText {
                        title,
                        learning_intentions,
                        activities,
                        mini_knowledge,
                        handout,
                    },
                });
            }
        }
        Ok(Curriculum {
            id,
            name,
            description,
            stocktake,
            attendance_percent,
            modules,
        })
    }

    /// A new, empty curriculum.
    #[instrument(level = "debug", skip_all)]
    pub async fn create(
        &self,
        name: &str,
        description: Option<&str>,
        by: UserId,
    ) -> Result<Uuid, StoreError> {
        let id = Uuid::now_v7();
        let now = now_ms();
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO curricula (id, name, description, stocktake, created_by, created_at, updated_at) VALUES ($1, $2, $3, '[]', $4, $5, $5)"
        )
        .bind(id)
        .bind(name)
        .bind(description)
        .bind(by.0)
        .bind(now)
        .execute(pool)
        .await
        .map(|_| ())?);
        Ok(id)
    }

    /// Copies a built-in curriculum into the organisation, in one transaction.
    #[instrument(level = "debug", skip_all)]
    pub async fn copy_plan(
        &self,
        plan: &CurriculumPlan,
        name: &str,
        by: Option<UserId>,
    ) -> Result<Uuid, StoreError> {
        let id = Uuid::now_v7();
        let now = now_ms();
        let stocktake = serde_json::to_string(&plan.stocktake).map_err(corrupt)?;
        let module_ids: Vec<Uuid> = plan.modules.iter().map(|_| Uuid::now_v7()).collect();
        on_db!(
            self.db,
            write
                | pool
                | {
                    let mut tx = pool.begin().await?;
                    sqlx::query(
                "INSERT INTO curricula (id, name, description, stocktake, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)"
            )
            .bind(id)
            .bind(name)
            .bind(&plan.description)
            .bind(&stocktake)
            .bind(by.map(|u| u.0))
            .bind(now)
            .execute(&mut *tx)
            .await?;
                    for (index, module) in plan.modules.iter().enumerate() {
                        sqlx::query(
                    "INSERT INTO curriculum_modules (id, curriculum_id, position, kind, title, purpose, builds_on) VALUES ($1, $2, $3, $4, $5, $6, $7)"
                )
                .bind(module_ids[index])
                .bind(id)
                .bind(position(index))
                .bind(module.kind.as_str())
                .bind(&module.title)
                .bind(&module.purpose)
                .bind(module.builds_on.and_then(|i| module_ids.get(i).copied()))
                .execute(&mut *tx)
                .await?;
                        for (s_index, session) in module.sessions.iter().enumerate() {
                            sqlx::query(
                        "INSERT INTO curriculum_sessions (id, module_id, position, title, learning_intentions, activities, mini_knowledge, handout) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
                    )
                    .bind(Uuid::now_v7())
                    .bind(module_ids[index])
                    .bind(position(s_index))
                    .bind(&session.title)
                    .bind(&session.learning_intentions)
                    .bind(&session.activities)
                    .bind(&session.mini_knowledge)
                    .bind(&session.handout)
                    .execute(&mut *tx)
                    .await?;
                        }
                    }
                    tx.commit().await?;
                }
        );
        Ok(id)
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn update(
        &self,
        id: Uuid,
        name: &str,
        description: Option<&str>,
        stocktake: &[String],
        attendance_percent: u8,
    ) -> Result<(), StoreError> {
        let stocktake = serde_json::to_string(stocktake).map_err(corrupt)?;
        let done = on_db!(self.db, write |pool| sqlx::query(
            "UPDATE curricula SET name = $1, description = $2, stocktake = $3, attendance_percent = $6, updated_at = $4 WHERE id = $5 AND archived_at IS NULL"
        )
        .bind(name)
        .bind(description)
        .bind(stocktake)
        .bind(now_ms())
        .bind(id)
        .bind(i32::from(attendance_percent))
        .execute(pool)
        .await
        .map(|d| d.rows_affected())?);
        one(done)
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn add_module(&self, curriculum: Uuid, title: &str) -> Result<Uuid, StoreError> {
        let id = Uuid::now_v7();
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO curriculum_modules (id, curriculum_id, position, kind, title) \
             SELECT $1, $2, CAST(COALESCE(MAX(position), -1) + 1 AS INTEGER), 'module', $3 FROM curriculum_modules WHERE curriculum_id = $2"
        )
        .bind(id)
        .bind(curriculum)
        .bind(title)
        .execute(pool)
        .await
        .map(|_| ())?);
        Ok(id)
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn update_module(
        &self,
        curriculum: Uuid,
        module: Uuid,
        text: &ModuleText,
        builds_on: Option<Uuid>,
    ) -> Result<(), StoreError> {
        let done = on_db!(self.db, write |pool| sqlx::query(
            "UPDATE curriculum_modules SET title = $1, purpose = $2, builds_on = $3 WHERE id = $4 AND curriculum_id = $5"
        )
        .bind(text.title.as_str())
        .bind(text.purpose.as_deref())
        .bind(builds_on)
        .bind(module)
        .bind(curriculum)
        .execute(pool)
        .await
        .map(|d| d.rows_affected())?);
        one(done)
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn add_session(
        &self,
        curriculum: Uuid,
        module: Uuid,
        title: &str,
    ) -> Result<Uuid, StoreError> {
        let id = Uuid::now_v7();
        let done = on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO curriculum_sessions (id, module_id, position, title, learning_intentions, activities, mini_knowledge, handout) \
             SELECT $1, m.id, CAST(COALESCE((SELECT MAX(s.position) FROM curriculum_sessions s WHERE s.module_id = m.id), -1) + 1 AS INTEGER), $2, '', '', '', '' \
             FROM curriculum_modules m WHERE m.id = $3 AND m.curriculum_id = $4"
        )
        .bind(id)
        .bind(title)
        .bind(module)
        .bind(curriculum)
        .execute(pool)
        .await
        .map(|d| d.rows_affected())?);
        one(done)?;
        Ok(id)
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn update_session(
        &self,
        curriculum: Uuid,
        session: Uuid,
        text: &SessionText,
    ) -> Result<(), StoreError> {
        let done = on_db!(self.db, write |pool| sqlx::query(
            "UPDATE curriculum_sessions SET title = $1, learning_intentions = $2, activities = $3, mini_knowledge = $4, handout = $5 \
             WHERE id = $6 AND module_id IN (SELECT id FROM curriculum_modules WHERE curriculum_id = $7)"
        )
        .bind(&text.title)
        .bind(&text.learning_intentions)
        .bind(&text.activities)
        .bind(&text.mini_knowledge)
        .bind(&text.handout)
        .bind(session)
        .bind(curriculum)
        .execute(pool)
        .await
        .map(|d| d.rows_affected())?);
        one(done)
    }

    /// Moves a module one place earlier (`up`) or later.
    #[instrument(level = "debug", skip_all)]
    pub async fn move_module(
        &self,
        curriculum: Uuid,
        module: Uuid,
        up: bool,
    ) -> Result<(), StoreError> {
        let ids: Vec<(Uuid,)> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT id FROM curriculum_modules WHERE curriculum_id = $1 ORDER BY position, id"
        )
        .bind(curriculum)
        .fetch_all(pool)
        .await?);
        let Some(order) = moved(ids.into_iter().map(|(id,)| id).collect(), module, up) else {
            return Err(StoreError::NotFound);
        };
        on_db!(
            self.db,
            write | pool | {
                let mut tx = pool.begin().await?;
                for (index, id) in order.iter().enumerate() {
                    sqlx::query("UPDATE curriculum_modules SET position = $1 WHERE id = $2")
                        .bind(position(index))
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                }
                tx.commit().await?;
            }
        );
        Ok(())
    }

    /// Moves a session one place earlier (`up`) or later within its module.
    #[instrument(level = "debug", skip_all)]
    pub async fn move_session(
        &self,
        curriculum: Uuid,
        session: Uuid,
        up: bool,
    ) -> Result<(), StoreError> {
        let ids: Vec<(Uuid,)> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT s.id FROM curriculum_sessions s JOIN curriculum_modules m ON m.id = s.module_id \
             WHERE m.curriculum_id = $1 AND s.module_id = (SELECT module_id FROM curriculum_sessions WHERE id = $2) \
             ORDER BY s.position, s.id"
        )
        .bind(curriculum)
        .bind(session)
        .fetch_all(pool)
        .await?);
        let Some(order) = moved(ids.into_iter().map(|(id,)| id).collect(), session, up) else {
            return Err(StoreError::NotFound);
        };
        on_db!(
            self.db,
            write | pool | {
                let mut tx = pool.begin().await?;
                for (index, id) in order.iter().enumerate() {
                    sqlx::query("UPDATE curriculum_sessions SET position = $1 WHERE id = $2")
                        .bind(position(index))
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                }
                tx.commit().await?;
            }
        );
        Ok(())
    }

    // --- a cohort's curriculum ---

    #[instrument(level = "debug", skip_all)]
    pub async fn set_cohort_curriculum(
        &self,
        cohort: CohortId,
        curriculum: Uuid,
    ) -> Result<(), StoreError> {
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO cohort_curricula (cohort_id, curriculum_id, set_at) VALUES ($1, $2, $3) \
             ON CONFLICT (cohort_id) DO UPDATE SET curriculum_id = excluded.curriculum_id, set_at = excluded.set_at"
        )
        .bind(cohort.0)
        .bind(curriculum)
        .bind(now_ms())
        .execute(pool)
        .await
        .map(|_| ())?);
        Ok(())
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn cohort_curriculum(&self, cohort: CohortId) -> Result<Option<Uuid>, StoreError> {
        let row: Option<(Uuid,)> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT cc.curriculum_id FROM cohort_curricula cc JOIN curricula c ON c.id = cc.curriculum_id \
             WHERE cc.cohort_id = $1 AND c.archived_at IS NULL"
        )
        .bind(cohort.0)
        .fetch_optional(pool)
        .await?);
        Ok(row.map(|(id,)| id))
    }

    /// Every cohort that has a curriculum (a training cohort).
    #[instrument(level = "debug", skip_all)]
    pub async fn training_cohorts(&self) -> Result<Vec<CohortId>, StoreError> {
        let rows: Vec<(Uuid,)> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as("SELECT cohort_id FROM cohort_curricula")
                    .fetch_all(pool)
                    .await?
        );
        Ok(rows.into_iter().map(|(id,)| CohortId(id)).collect())
    }

    // --- readiness: private writing ---

    /// The writer's own stocktake. Call only with the signed-in person as `me`.
    #[instrument(level = "debug", skip_all)]
    pub async fn own_stocktake(
        &self,
        cohort: CohortId,
        me: UserId,
    ) -> Result<Option<Stocktake>, StoreError> {
        let row: Option<(String, bool, bool, i64)> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT answers, complete, shared, updated_at FROM stocktakes WHERE cohort_id = $1 AND user_id = $2"
        )
        .bind(cohort.0)
        .bind(me.0)
        .fetch_optional(pool)
        .await?);
        row.map(|(answers, complete, shared, updated_at)| {
            Ok(Stocktake {
                answers: serde_json::from_str(&answers).map_err(corrupt)?,
                complete,
                shared,
                updated_at,
            })
        })
        .transpose()
    }

    /// A trainee's stocktake, only if they shared it.
    #[instrument(level = "debug", skip_all)]
    pub async fn shared_stocktake(
        &self,
        cohort: CohortId,
        trainee: UserId,
    ) -> Result<Option<Stocktake>, StoreError> {
        let row: Option<(String, bool, bool, i64)> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT answers, complete, shared, updated_at FROM stocktakes WHERE cohort_id = $1 AND user_id = $2 AND shared = $3"
        )
        .bind(cohort.0)
        .bind(trainee.0)
        .bind(true)
        .fetch_optional(pool)
        .await?);
        row.map(|(answers, complete, shared, updated_at)| {
            Ok(Stocktake {
                answers: serde_json::from_str(&answers).map_err(corrupt)?,
                complete,
                shared,
                updated_at,
            })
        })
        .transpose()
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn save_stocktake(
        &self,
        cohort: CohortId,
        me: UserId,
        answers: &[(String, String)],
    ) -> Result<(), StoreError> {
        let complete = !answers.is_empty() && answers.iter().all(|(_, a)| !a.trim().is_empty());
        let json = serde_json::to_string(answers).map_err(corrupt)?;
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO stocktakes (cohort_id, user_id, answers, complete, shared, updated_at) VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (cohort_id, user_id) DO UPDATE SET answers = excluded.answers, complete = excluded.complete, updated_at = excluded.updated_at"
        )
        .bind(cohort.0)
        .bind(me.0)
        .bind(json)
        .bind(complete)
        .bind(false)
        .bind(now_ms())
        .execute(pool)
        .await
        .map(|_| ())?);
        Ok(())
    }

    /// The writer chooses whether the cohort's facilitators may read their stocktake.
    #[instrument(level = "debug", skip_all)]
    pub async fn share_stocktake(
        &self,
        cohort: CohortId,
        me: UserId,
        shared: bool,
    ) -> Result<(), StoreError> {
        let done = on_db!(
            self.db,
            write
                | pool
                | sqlx::query(
                    "UPDATE stocktakes SET shared = $1 WHERE cohort_id = $2 AND user_id = $3"
                )
                .bind(shared)
                .bind(cohort.0)
                .bind(me.0)
                .execute(pool)
                .await
                .map(|d| d.rows_affected())?
        );
        one(done)
    }

    /// The writer's own story, newest version first.
    #[instrument(level = "debug", skip_all)]
    pub async fn own_story(
        &self,
        cohort: CohortId,
        me: UserId,
    ) -> Result<Vec<StoryVersion>, StoreError> {
        let rows: Vec<(Uuid, String, i64, i64)> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT id, text, created_at, updated_at FROM recovery_story_versions WHERE cohort_id = $1 AND user_id = $2 ORDER BY created_at DESC, id DESC"
        )
        .bind(cohort.0)
        .bind(me.0)
        .fetch_all(pool)
        .await?);
        Ok(rows
            .into_iter()
            .map(|(id, text, created_at, updated_at)| StoryVersion {
                id,
                text,
                created_at,
                updated_at,
            })
            .collect())
    }

    /// The newest version of a trainee's story, only if they shared it.
    #[instrument(level = "debug", skip_all)]
    pub async fn shared_story(
        &self,
        cohort: CohortId,
        trainee: UserId,
    ) -> Result<Option<StoryVersion>, StoreError> {
        let row: Option<(Uuid, String, i64, i64)> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT v.id, v.text, v.created_at, v.updated_at FROM recovery_story_versions v \
             JOIN recovery_story_shares s ON s.cohort_id = v.cohort_id AND s.user_id = v.user_id AND s.shared = $3 \
             WHERE v.cohort_id = $1 AND v.user_id = $2 ORDER BY v.created_at DESC, v.id DESC LIMIT 1"
        )
        .bind(cohort.0)
        .bind(trainee.0)
        .bind(true)
        .fetch_optional(pool)
        .await?);
        Ok(row.map(|(id, text, created_at, updated_at)| StoryVersion {
            id,
            text,
            created_at,
            updated_at,
        }))
    }

    /// Saves the story as it is now: the newest version is updated while the
    /// writer keeps at it; after a pause a new version starts, so earlier
    /// ones are kept. Saving the same text again changes nothing.
    #[instrument(level = "debug", skip_all)]
    pub async fn save_story(
        &self,
        cohort: CohortId,
        me: UserId,
        text: &str,
    ) -> Result<(), StoreError> {
        let now = now_ms();
        let newest = self.own_story(cohort, me).await?.into_iter().next();
        match newest {
            Some(version) if version.text == text => Ok(()),
            Some(version) if now - version.updated_at < STORY_VERSION_GAP_MS => {
                on_db!(self.db, write |pool| sqlx::query(
                    "UPDATE recovery_story_versions SET text = $1, updated_at = $2 WHERE id = $3 AND user_id = $4"
                )
                .bind(text)
                .bind(now)
                .bind(version.id)
                .bind(me.0)
                .execute(pool)
                .await
                .map(|_| ())?);
                Ok(())
            }
            _ => {
                on_db!(self.db, write |pool| sqlx::query(
                    "INSERT INTO recovery_story_versions (id, cohort_id, user_id, text, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)"
                )
                .bind(Uuid::now_v7())
                .bind(cohort.0)
                .bind(me.0)
                .bind(text)
                .bind(now)
                .execute(pool)
                .await
                .map(|_| ())?);
                Ok(())
            }
        }
    }

    /// For tests and the demo: a version written at a given time.
    #[doc(hidden)]
    pub async fn backdate_story(
        &self,
        cohort: CohortId,
        me: UserId,
        by_ms: i64,
    ) -> Result<(), StoreError> {
        on_db!(self.db, write |pool| sqlx::query(
            "UPDATE recovery_story_versions SET created_at = created_at - $1, updated_at = updated_at - $1 WHERE cohort_id = $2 AND user_id = $3"
        )
        .bind(by_ms)
        .bind(cohort.0)
        .bind(me.0)
        .execute(pool)
        .await
        .map(|_| ())?);
        Ok(())
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn share_story(
        &self,
        cohort: CohortId,
        me: UserId,
        shared: bool,
    ) -> Result<(), StoreError> {
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO recovery_story_shares (cohort_id, user_id, shared) VALUES ($1, $2, $3) \
             ON CONFLICT (cohort_id, user_id) DO UPDATE SET shared = excluded.shared"
        )
        .bind(cohort.0)
        .bind(me.0)
        .bind(shared)
        .execute(pool)
        .await
        .map(|_| ())?);
        Ok(())
    }

    /// Whether the writer has shared their story (the writer's own question).
    #[instrument(level = "debug", skip_all)]
    pub async fn story_shared(&self, cohort: CohortId, me: UserId) -> Result<bool, StoreError> {
        let row: Option<(bool,)> =
            on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT shared FROM recovery_story_shares WHERE cohort_id = $1 AND user_id = $2"
        )
        .bind(cohort.0)
        .bind(me.0)
        .fetch_optional(pool)
        .await?);
        Ok(row.is_some_and(|(shared,)| shared))
    }

    /// Each trainee's readiness for the facilitator's overview: done or not,
    /// shared or not, the latest conversation. Never the writing itself.
    #[instrument(level = "debug", skip_all)]
    pub async fn readiness(
        &self,
        cohort: CohortId,
        trainee: UserId,
    ) -> Result<ReadinessStatus, StoreError> {
        let stocktake: Option<(bool, bool)> =
            on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT complete, shared FROM stocktakes WHERE cohort_id = $1 AND user_id = $2"
        )
        .bind(cohort.0)
        .bind(trainee.0)
        .fetch_optional(pool)
        .await?);
        let written: (i64,) = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM recovery_story_versions WHERE cohort_id = $1 AND user_id = $2 AND text <> ''"
        )
        .bind(cohort.0)
        .bind(trainee.0)
        .fetch_one(pool)
        .await?);
        let story_shared = self.story_shared(cohort, trainee).await?;
        let latest = self
            .conversations(cohort, trainee)
            .await?
            .into_iter()
            .next()
            .map(|c| (c.held_on, c.outcome));
        Ok(ReadinessStatus {
            stocktake_done: stocktake.is_some_and(|(complete, _)| complete),
            stocktake_shared: stocktake.is_some_and(|(_, shared)| shared),
            story_started: written.0 > 0,
            story_shared: story_shared && written.0 > 0,
            latest,
        })
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn record_conversation(
        &self,
        cohort: CohortId,
        trainee: UserId,
        held_on: &str,
        outcome: ReadinessOutcome,
        note: Option<&str>,
        by: UserId,
    ) -> Result<Uuid, StoreError> {
        let id = Uuid::now_v7();
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO readiness_conversations (id, cohort_id, user_id, held_on, outcome, note, recorded_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
        )
        .bind(id)
        .bind(cohort.0)
        .bind(trainee.0)
        .bind(held_on)
        .bind(outcome.as_str())
        .bind(note)
        .bind(by.0)
        .bind(now_ms())
        .execute(pool)
        .await
        .map(|_| ())?);
        Ok(id)
    }

    /// A trainee's readiness conversations, the latest first.
    #[instrument(level = "debug", skip_all)]
    pub async fn conversations(
        &self,
        cohort: CohortId,
        trainee: UserId,
    ) -> Result<Vec<Conversation>, StoreError> {
        let rows: Vec<ConversationRow> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT c.id, c.held_on, c.outcome, c.note, u.display_name FROM readiness_conversations c \
             LEFT JOIN users u ON u.id = c.recorded_by \
             WHERE c.cohort_id = $1 AND c.user_id = $2 ORDER BY c.held_on DESC, c.created_at DESC, c.id DESC"
        )
        .bind(cohort.0)
        .bind(trainee.0)
        .fetch_all(pool)
        .await?);
        rows.into_iter()
            .map(|(id, held_on, outcome, note, recorded_by)| {
                Ok(Conversation {
                    id,
                    held_on,
                    outcome: outcome.parse().map_err(corrupt)?,
                    note,
                    recorded_by,
                })
            })
            .collect()
    }
}

/// One of the writer's own CHIME reflections.
#[derive(Debug, Clone)]
pub struct ChimeEntry {
    pub scores: ChimeScores,
    pub note: Option<String>,
    pub created_at: i64,
}

type ChimeRow = (Uuid, i32, i32, i32, i32, i32, Option<String>, i64);

fn chime_scores(row: &ChimeRow) -> Result<ChimeScores, StoreError> {
    let score = |n: i32| u8::try_from(n).map_err(corrupt);
    Ok(ChimeScores([
        score(row.1)?,
        score(row.2)?,
        score(row.3)?,
        score(row.4)?,
        score(row.5)?,
    ]))
}

impl Training<'_> {
    #[instrument(level = "debug", skip_all)]
    pub async fn record_chime(
        &self,
        cohort: CohortId,
        me: UserId,
        scores: ChimeScores,
        note: Option<&str>,
    ) -> Result<(), StoreError> {
        let [c, h, i, m, e] = scores.0.map(i32::from);
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO chime_reflections (id, cohort_id, user_id, connectedness, hope, identity, meaning, empowerment, note, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
        )
        .bind(Uuid::now_v7())
        .bind(cohort.0)
        .bind(me.0)
        .bind(c)
        .bind(h)
        .bind(i)
        .bind(m)
        .bind(e)
        .bind(note)
        .bind(now_ms())
        .execute(pool)
        .await
        .map(|_| ())?);
        Ok(())
    }

    /// For the demo and tests: moves a person's reflections back in time.
    #[doc(hidden)]
    pub async fn backdate_chime(
        &self,
        cohort: CohortId,
        me: UserId,
        by_ms: i64,
    ) -> Result<(), StoreError> {
        on_db!(self.db, write |pool| sqlx::query(
            "UPDATE chime_reflections SET created_at = created_at - $1 WHERE cohort_id = $2 AND user_id = $3"
        )
        .bind(by_ms)
        .bind(cohort.0)
        .bind(me.0)
        .execute(pool)
        .await
        .map(|_| ())?);
        Ok(())
    }

    /// The writer's own reflections, oldest first (notes included: they are theirs).
    #[instrument(level = "debug", skip_all)]
    pub async fn own_chime(
        &self,
        cohort: CohortId,
        me: UserId,
    ) -> Result<Vec<ChimeEntry>, StoreError> {
        let rows: Vec<ChimeRow> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT user_id, connectedness, hope, identity, meaning, empowerment, note, created_at FROM chime_reflections \
             WHERE cohort_id = $1 AND user_id = $2 ORDER BY created_at, id"
        )
        .bind(cohort.0)
        .bind(me.0)
        .fetch_all(pool)
        .await?);
        rows.iter()
            .map(|row| {
                Ok(ChimeEntry {
                    scores: chime_scores(row)?,
                    note: row.6.clone(),
                    created_at: row.7,
                })
            })
            .collect()
    }

    /// Each person's latest scores in the cohort: no names, no notes, for averages.
    #[instrument(level = "debug", skip_all)]
    pub async fn chime_latest_scores(
        &self,
        cohort: CohortId,
    ) -> Result<Vec<ChimeScores>, StoreError> {
        let rows: Vec<ChimeRow> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT user_id, connectedness, hope, identity, meaning, empowerment, NULL, created_at FROM chime_reflections \
             WHERE cohort_id = $1 ORDER BY user_id, created_at DESC, id DESC"
        )
        .bind(cohort.0)
        .fetch_all(pool)
        .await?);
        let mut seen = std::collections::HashSet::new();
        rows.iter()
            .filter(|row| seen.insert(row.0))
            .map(chime_scores)
            .collect()
    }
}

/// Something to read, watch or print for a session.
#[derive(Debug, Clone)]
pub struct Material {
    pub id: Uuid,
    pub title: String,
    pub url: Option<String>,
    pub file_id: Option<FileId>,
}

/// Where a material belongs: its curriculum and the kind of its module.
#[derive(Debug, Clone)]
pub struct MaterialPlace {
    pub material: Material,
    pub curriculum_id: Uuid,
    pub module_kind: ModuleKind,
}

type MaterialRow = (Uuid, String, Option<String>, Option<Uuid>);
type MaterialPlaceRow = (Uuid, String, Option<String>, Option<Uuid>, Uuid, String);

fn material(row: MaterialRow) -> Material {
    Material {
        id: row.0,
        title: row.1,
        url: row.2,
        file_id: row.3.map(FileId),
    }
}

impl Training<'_> {
    #[instrument(level = "debug", skip_all)]
    pub async fn materials(&self, session: Uuid) -> Result<Vec<Material>, StoreError> {
        let rows: Vec<MaterialRow> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT id, title, url, file_id FROM curriculum_materials WHERE session_id = $1 ORDER BY created_at, id"
        )
        .bind(session)
        .fetch_all(pool)
        .await?);
        Ok(rows.into_iter().map(material).collect())
    }

    /// Adds a link or a stored file to a session of `curriculum`.
    #[instrument(level = "debug", skip_all)]
    pub async fn add_material(
        &self,
        curriculum: Uuid,
        session: Uuid,
        title: &str,
        url: Option<&str>,
        file: Option<FileId>,
    ) -> Result<Uuid, StoreError> {
        let id = Uuid::now_v7();
        let done = on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO curriculum_materials (id, session_id, title, url, file_id, created_at) \
             SELECT $1, s.id, $2, $3, $4, $5 FROM curriculum_sessions s JOIN curriculum_modules m ON m.id = s.module_id \
             WHERE s.id = $6 AND m.curriculum_id = $7"
        )
        .bind(id)
        .bind(title)
        .bind(url)
        .bind(file.map(|f| f.0))
        .bind(now_ms())
        .bind(session)
        .bind(curriculum)
        .execute(pool)
        .await
        .map(|d| d.rows_affected())?);
        one(done)?;
        Ok(id)
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn remove_material(&self, curriculum: Uuid, id: Uuid) -> Result<(), StoreError> {
        let done = on_db!(self.db, write |pool| sqlx::query(
            "DELETE FROM curriculum_materials WHERE id = $1 AND session_id IN \
             (SELECT s.id FROM curriculum_sessions s JOIN curriculum_modules m ON m.id = s.module_id WHERE m.curriculum_id = $2)"
        )
        .bind(id)
        .bind(curriculum)
        .execute(pool)
        .await
        .map(|d| d.rows_affected())?);
        one(done)
    }

    /// A material with where it belongs, to decide who may open it.
    #[instrument(level = "debug", skip_all)]
    pub async fn material_place(&self, id: Uuid) -> Result<MaterialPlace, StoreError> {
        let row: Option<MaterialPlaceRow> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT c.id, c.title, c.url, c.file_id, m.curriculum_id, m.kind FROM curriculum_materials c \
             JOIN curriculum_sessions s ON s.id = c.session_id JOIN curriculum_modules m ON m.id = s.module_id WHERE c.id = $1"
        )
        .bind(id)
        .fetch_optional(pool)
        .await?);
        let (id, title, url, file, curriculum_id, kind) = row.found()?;
        Ok(MaterialPlace {
            material: material((id, title, url, file)),
            curriculum_id,
            module_kind: kind.parse().map_err(corrupt)?,
        })
    }

    /// The cohorts that follow a curriculum.
    #[instrument(level = "debug", skip_all)]
    pub async fn cohorts_following(&self, curriculum: Uuid) -> Result<Vec<CohortId>, StoreError> {
        let rows: Vec<(Uuid,)> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as("SELECT cohort_id FROM cohort_curricula WHERE curriculum_id = $1")
                    .bind(curriculum)
                    .fetch_all(pool)
                    .await?
        );
        Ok(rows.into_iter().map(|(id,)| CohortId(id)).collect())
    }
}

/// A curriculum session scheduled for a cohort.
#[derive(Debug, Clone)]
pub struct Delivery {
    pub id: Uuid,
    pub session_id: Uuid,
    pub activity_id: Uuid,
    pub starts_at: i64,
    pub place: Option<String>,
}

/// One person's attendance at a delivered session.
#[derive(Debug, Clone)]
pub struct AttendanceMark {
    pub user_id: UserId,
    pub status: String,
    pub reason: Option<String>,
}

type DeliveryRow = (Uuid, Uuid, Uuid, i64, Option<String>);

fn delivery(row: DeliveryRow) -> Delivery {
    Delivery {
        id: row.0,
        session_id: row.1,
        activity_id: row.2,
        starts_at: row.3,
        place: row.4,
    }
}

impl Training<'_> {
    /// Schedules a session for a cohort; `activity` is its row in the shared activities.
    #[instrument(level = "debug", skip_all)]
    pub async fn schedule(
        &self,
        cohort: CohortId,
        session: Uuid,
        activity: Uuid,
        starts_at: i64,
        place: Option<&str>,
        by: UserId,
    ) -> Result<Uuid, StoreError> {
        let id = Uuid::now_v7();
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO training_deliveries (id, cohort_id, session_id, activity_id, starts_at, place, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
        )
        .bind(id)
        .bind(cohort.0)
        .bind(session)
        .bind(activity)
        .bind(starts_at)
        .bind(place)
        .bind(by.0)
        .bind(now_ms())
        .execute(pool)
        .await
        .map(|_| ())?);
        Ok(id)
    }

    /// A cohort's scheduled sessions, soonest first.
    #[instrument(level = "debug", skip_all)]
    pub async fn deliveries(&self, cohort: CohortId) -> Result<Vec<Delivery>, StoreError> {
        let rows: Vec<DeliveryRow> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT id, session_id, activity_id, starts_at, place FROM training_deliveries WHERE cohort_id = $1 ORDER BY starts_at, id"
        )
        .bind(cohort.0)
        .fetch_all(pool)
        .await?);
        Ok(rows.into_iter().map(delivery).collect())
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn delivery(&self, cohort: CohortId, id: Uuid) -> Result<Delivery, StoreError> {
        let row: Option<DeliveryRow> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT id, session_id, activity_id, starts_at, place FROM training_deliveries WHERE cohort_id = $1 AND id = $2"
        )
        .bind(cohort.0)
        .bind(id)
        .fetch_optional(pool)
        .await?);
        Ok(delivery(row.found()?))
    }

    /// Who was marked at an activity, and how.
    #[instrument(level = "debug", skip_all)]
    pub async fn attendance(&self, activity: Uuid) -> Result<Vec<AttendanceMark>, StoreError> {
        let rows: Vec<(Uuid, String, Option<String>)> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as(
                    "SELECT user_id, status, reason FROM attendance WHERE activity_id = $1"
                )
                .bind(activity)
                .fetch_all(pool)
                .await?
        );
        Ok(rows
            .into_iter()
            .map(|(user, status, reason)| AttendanceMark {
                user_id: UserId(user),
                status,
                reason,
            })
            .collect())
    }
}

impl Training<'_> {
    /// Which sessions each trainee attended (present or late) in a cohort.
    #[instrument(level = "debug", skip_all)]
    pub async fn attended(&self, cohort: CohortId) -> Result<Vec<(UserId, Uuid)>, StoreError> {
        let rows: Vec<(Uuid, Uuid)> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as(
                    "SELECT DISTINCT a.user_id, d.session_id FROM training_deliveries d \
             JOIN attendance a ON a.activity_id = d.activity_id \
             WHERE d.cohort_id = $1 AND a.status <> 'absent'"
                )
                .bind(cohort.0)
                .fetch_all(pool)
                .await?
        );
        Ok(rows.into_iter().map(|(u, s)| (UserId(u), s)).collect())
    }

    /// The modules each trainee has been signed off for.
    #[instrument(level = "debug", skip_all)]
    pub async fn signoffs(&self, cohort: CohortId) -> Result<Vec<(UserId, Uuid)>, StoreError> {
        let rows: Vec<(Uuid, Uuid)> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as(
                    "SELECT user_id, module_id FROM module_signoffs WHERE cohort_id = $1"
                )
                .bind(cohort.0)
                .fetch_all(pool)
                .await?
        );
        Ok(rows.into_iter().map(|(u, m)| (UserId(u), m)).collect())
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn sign_off(
        &self,
        cohort: CohortId,
        trainee: UserId,
        module: Uuid,
        by: UserId,
    ) -> Result<(), StoreError> {
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO module_signoffs (cohort_id, user_id, module_id, signed_by, signed_at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (cohort_id, user_id, module_id) DO NOTHING"
        )
        .bind(cohort.0)
        .bind(trainee.0)
        .bind(module)
        .bind(by.0)
        .bind(now_ms())
        .execute(pool)
        .await
        .map(|_| ())?);
        Ok(())
    }
}

impl Training<'_> {
    /// Sets who co-facilitates a delivered session.
    #[instrument(level = "debug", skip_all)]
    pub async fn set_delivery_facilitators(
        &self,
        delivery: Uuid,
        people: &[UserId],
    ) -> Result<(), StoreError> {
        on_db!(
            self.db,
            write | pool | {
                let mut tx = pool.begin().await?;
                sqlx::query("DELETE FROM delivery_facilitators WHERE delivery_id = $1")
                    .bind(delivery)
                    .execute(&mut *tx)
                    .await?;
                for person in people {
                    sqlx::query(
                        "INSERT INTO delivery_facilitators (delivery_id, user_id) VALUES ($1, $2)",
                    )
                    .bind(delivery)
                    .bind(person.0)
                    .execute(&mut *tx)
                    .await?;
                }
                tx.commit().await?;
            }
        );
        Ok(())
    }

    /// Who co-facilitates each of a cohort's delivered sessions.
    #[instrument(level = "debug", skip_all)]
    pub async fn delivery_facilitators(
        &self,
        cohort: CohortId,
    ) -> Result<Vec<(Uuid, UserId)>, StoreError> {
        let rows: Vec<(Uuid, Uuid)> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as(
                    "SELECT f.delivery_id, f.user_id FROM delivery_facilitators f \
             JOIN training_deliveries d ON d.id = f.delivery_id WHERE d.cohort_id = $1"
                )
                .bind(cohort.0)
                .fetch_all(pool)
                .await?
        );
        Ok(rows.into_iter().map(|(d, u)| (d, UserId(u))).collect())
    }

    /// A facilitator says whether they bring lived experience.
    #[instrument(level = "debug", skip_all)]
    pub async fn set_lived_experience(&self, me: UserId, brings: bool) -> Result<(), StoreError> {
        if brings {
            on_db!(self.db, write |pool| sqlx::query(
                "INSERT INTO lived_experience (user_id, marked_at) VALUES ($1, $2) ON CONFLICT (user_id) DO NOTHING"
            )
            .bind(me.0)
            .bind(now_ms())
            .execute(pool)
            .await
            .map(|_| ())?);
        } else {
            on_db!(
                self.db,
                write
                    | pool
                    | sqlx::query("DELETE FROM lived_experience WHERE user_id = $1")
                        .bind(me.0)
                        .execute(pool)
                        .await
                        .map(|_| ())?
            );
        }
        Ok(())
    }

    /// Everyone who says they bring lived experience.
    #[instrument(level = "debug", skip_all)]
    pub async fn with_lived_experience(&self) -> Result<Vec<UserId>, StoreError> {
        let rows: Vec<(Uuid,)> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as("SELECT user_id FROM lived_experience")
                    .fetch_all(pool)
                    .await?
        );
        Ok(rows.into_iter().map(|(u,)| UserId(u)).collect())
    }
}

impl Training<'_> {
    /// A trainee's rating of a session they attended; giving it again changes it.
    #[instrument(level = "debug", skip_all)]
    pub async fn give_feedback(
        &self,
        delivery: Uuid,
        me: UserId,
        rating: u8,
    ) -> Result<(), StoreError> {
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO delivery_feedback (delivery_id, user_id, rating, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (delivery_id, user_id) DO UPDATE SET rating = excluded.rating"
        )
        .bind(delivery)
        .bind(me.0)
        .bind(i32::from(rating))
        .bind(now_ms())
        .execute(pool)
        .await
        .map(|_| ())?);
        Ok(())
    }

    /// How many gave each rating (1 to 5): never who.
    #[instrument(level = "debug", skip_all)]
    pub async fn feedback_counts(&self, delivery: Uuid) -> Result<[i64; 5], StoreError> {
        let rows: Vec<(i32, i64)> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT rating, CAST(COUNT(*) AS BIGINT) FROM delivery_feedback WHERE delivery_id = $1 GROUP BY rating"
        )
        .bind(delivery)
        .fetch_all(pool)
        .await?);
        let mut counts = [0i64; 5];
        for (rating, count) in rows {
            if let Some(slot) = usize::try_from(rating - 1)
                .ok()
                .and_then(|i| counts.get_mut(i))
            {
                *slot = count;
            }
        }
        Ok(counts)
    }

    /// The deliveries this person has rated (so the form is not offered twice).
    #[instrument(level = "debug", skip_all)]
    pub async fn rated_by(&self, cohort: CohortId, me: UserId) -> Result<Vec<Uuid>, StoreError> {
        let rows: Vec<(Uuid,)> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT f.delivery_id FROM delivery_feedback f JOIN training_deliveries d ON d.id = f.delivery_id \
             WHERE d.cohort_id = $1 AND f.user_id = $2"
        )
        .bind(cohort.0)
        .bind(me.0)
        .fetch_all(pool)
        .await?);
        Ok(rows.into_iter().map(|(d,)| d).collect())
    }
}

fn one(rows_affected: u64) -> Result<(), StoreError> {
    if rows_affected == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}

/// The order after moving `id` one place; `None` when it is not there.
fn moved(mut order: Vec<Uuid>, id: Uuid, up: bool) -> Option<Vec<Uuid>> {
    let index = order.iter().position(|x| *x == id)?;
    if up && index > 0 {
        order.swap(index, index - 1);
    } else if !up && index + 1 < order.len() {
        order.swap(index, index + 1);
    }
    Some(order)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moving_swaps_with_a_neighbour_and_stops_at_the_ends() {
        let ids: Vec<Uuid> = (0..3).map(|_| Uuid::now_v7()).collect();
        assert_eq!(
            moved(ids.clone(), ids[1], true),
            Some(vec![ids[1], ids[0], ids[2]])
        );
        assert_eq!(moved(ids.clone(), ids[2], false), Some(ids.clone()));
        assert_eq!(moved(ids.clone(), Uuid::now_v7(), true), None);
    }
}
