//! Roles that training unlocks: what each role needs, what someone has done,
//! and the roles an administrator gave before the training was complete.

use crate::db::on_db;
use crate::error::StoreError;
use crate::people::scope_columns;
use crate::time::now_ms;
use crate::training::Training;
use hearth_domain::role_training::{Completion, PlanItem, Term, TrainingItem};
use hearth_domain::roles::{Role, Scope};
use hearth_domain::{RoleGrantId, SiteId, UserId};
use tracing::instrument;
use uuid::Uuid;

/// One piece of a role's required training, with the names to show.
#[derive(Debug, Clone)]
pub struct RequiredItem {
    pub item: TrainingItem,
    /// The module's or the session's title.
    pub title: String,
    /// For a session, the module it belongs to.
    pub module_title: Option<String>,
    pub curriculum_id: Uuid,
    pub curriculum: String,
}

/// A role given before its training was complete.
#[derive(Debug, Clone)]
pub struct RoleOverride {
    pub role: Role,
    /// What was missing then, as named then.
    pub missing: String,
    pub reason: String,
    pub decided_by: Option<String>,
    pub created_at: i64,
}

/// A holder, the site and cohort of their grant, and the cohort's site.
type HolderRow = (Uuid, Option<Uuid>, Option<Uuid>, Option<Uuid>);
type RequirementRow = (String, i32, Uuid, String, Option<String>, Uuid, String);

fn corrupt(e: impl ToString) -> StoreError {
    StoreError::Corrupt(e.to_string())
}

impl Training<'_> {
    /// Every role's requirements, in each role's order.
    #[instrument(level = "debug", skip_all)]
    pub async fn role_requirements(&self) -> Result<Vec<(Role, RequiredItem)>, StoreError> {
        self.requirements_where("", None).await
    }

    /// One role's requirements, in order.
    #[instrument(level = "debug", skip_all)]
    pub async fn requirements_for(&self, role: Role) -> Result<Vec<RequiredItem>, StoreError> {
        Ok(self
            .requirements_where(" WHERE r.role = $1", Some(role.key()))
            .await?
            .into_iter()
            .map(|(_, item)| item)
            .collect())
    }

    async fn requirements_where(
        &self,
        filter: &str,
        role: Option<String>,
    ) -> Result<Vec<(Role, RequiredItem)>, StoreError> {
        let modules_sql = format!(
            "SELECT r.role, r.position, m.id, m.title, CAST(NULL AS TEXT), c.id, c.name \
             FROM role_training_requirements r \
             JOIN curriculum_modules m ON m.id = r.module_id \
             JOIN curricula c ON c.id = m.curriculum_id{filter}"
        );
        let sessions_sql = format!(
            "SELECT r.role, r.position, s.id, s.title, m.title, c.id, c.name \
             FROM role_training_requirements r \
             JOIN curriculum_sessions s ON s.id = r.session_id \
             JOIN curriculum_modules m ON m.id = s.module_id \
             JOIN curricula c ON c.id = m.curriculum_id{filter}"
        );
        let (modules, sessions): (Vec<RequirementRow>, Vec<RequirementRow>) = on_db!(
            self.db,
            read | pool | {
                let mut modules = sqlx::query_as(sqlx::AssertSqlSafe(modules_sql.as_str()));
                let mut sessions = sqlx::query_as(sqlx::AssertSqlSafe(sessions_sql.as_str()));
                if let Some(role) = &role {
                    modules = modules.bind(role.clone());
                    sessions = sessions.bind(role.clone());
                }
                (
                    modules.fetch_all(pool).await?,
                    sessions.fetch_all(pool).await?,
                )
            }
        );
        let mut rows = Vec::new();
        for (is_module, list) in [(true, modules), (false, sessions)] {
            for (role, position, id, title, module_title, curriculum_id, curriculum) in list {
                let role: Role = role.parse().map_err(corrupt)?;
                let item = if is_module {
                    TrainingItem::Module(id)
                } else {
                    TrainingItem::Session(id)
                };
                rows.push((
                    role,
                    position,
                    RequiredItem {
                        item,
                        title,
                        module_title,
                        curriculum_id,
                        curriculum,
                    },
                ));
            }
        }
        rows.sort_by_key(|row| (row.0.key(), row.1));
        Ok(rows
            .into_iter()
            .map(|(role, _, item)| (role, item))
            .collect())
    }

    /// Replaces what a role needs (an empty list: nothing).
    #[instrument(level = "debug", skip_all)]
    pub async fn set_requirements(
        &self,
        role: Role,
        items: &[TrainingItem],
    ) -> Result<(), StoreError> {
        on_db!(
            self.db,
            write
                | pool
                | {
                    let mut tx = pool.begin().await?;
                    sqlx::query("DELETE FROM role_training_requirements WHERE role = $1")
                        .bind(role.key())
                        .execute(&mut *tx)
                        .await?;
                    for (index, item) in items.iter().enumerate() {
                        let (module, session) = match item {
                            TrainingItem::Module(id) => (Some(*id), None),
                            TrainingItem::Session(id) => (None, Some(*id)),
                        };
                        sqlx::query(
                            "INSERT INTO role_training_requirements (role, item_key, module_id, session_id, position) \
                             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (role, item_key) DO NOTHING",
                        )
                        .bind(role.key())
                        .bind(item.key())
                        .bind(module)
                        .bind(session)
                        .bind(i32::try_from(index).unwrap_or(i32::MAX))
                        .execute(&mut *tx)
                        .await?;
                    }
                    tx.commit().await?;
                }
        );
        Ok(())
    }

    /// Sets a built-in plan's defaults, pointing at a copy of that plan, for
    /// every role that needs nothing yet. Returns how many roles were set.
    #[instrument(level = "debug", skip_all)]
    pub async fn apply_default_requirements(
        &self,
        curriculum: Uuid,
        defaults: &[(Role, Vec<PlanItem>)],
    ) -> Result<usize, StoreError> {
        let copy = self.curriculum(curriculum).await?;
        let set: Vec<Role> = self
            .role_requirements()
            .await?
            .into_iter()
            .map(|(role, _)| role)
            .collect();
        let mut count = 0;
        for (role, items) in defaults {
            if set.contains(role) {
                continue;
            }
            let items: Vec<TrainingItem> = items
                .iter()
                .filter_map(|item| match *item {
                    PlanItem::Module(m) => copy.modules.get(m).map(|m| TrainingItem::Module(m.id)),
                    PlanItem::Session(m, s) => copy
                        .modules
                        .get(m)
                        .and_then(|m| m.sessions.get(s))
                        .map(|s| TrainingItem::Session(s.id)),
                })
                .collect();
            self.set_requirements(*role, &items).await?;
            count += 1;
        }
        Ok(count)
    }

    /// The modules someone was signed off for and the sessions they attended,
    /// in every training cohort they were in.
    #[instrument(level = "debug", skip_all)]
    pub async fn completion(&self, user: UserId) -> Result<Completion, StoreError> {
        let (modules, sessions): (Vec<(Uuid,)>, Vec<(Uuid,)>) = on_db!(
            self.db,
            read | pool
                | (
                    sqlx::query_as(
                        "SELECT DISTINCT module_id FROM module_signoffs WHERE user_id = $1"
                    )
                    .bind(user.0)
                    .fetch_all(pool)
                    .await?,
                    sqlx::query_as(
                        "SELECT DISTINCT d.session_id FROM training_deliveries d \
                         JOIN attendance a ON a.activity_id = d.activity_id \
                         WHERE a.user_id = $1 AND a.status <> 'absent'"
                    )
                    .bind(user.0)
                    .fetch_all(pool)
                    .await?,
                )
        );
        Ok(Completion {
            modules_signed_off: modules.into_iter().map(|(id,)| id).collect(),
            sessions_attended: sessions.into_iter().map(|(id,)| id).collect(),
        })
    }

    /// Records that a role was given before its training was complete.
    #[instrument(level = "debug", skip_all)]
    pub async fn record_override(
        &self,
        user: UserId,
        role: Role,
        scope: Scope,
        missing: &str,
        reason: &str,
        by: UserId,
    ) -> Result<(), StoreError> {
        let (_, _, scope_key) = scope_columns(scope)?;
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO role_training_overrides (id, user_id, role, scope_key, missing, reason, decided_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
        )
        .bind(Uuid::now_v7())
        .bind(user.0)
        .bind(role.key())
        .bind(scope_key)
        .bind(missing)
        .bind(reason)
        .bind(by.0)
        .bind(now_ms())
        .execute(pool)
        .await
        .map(|_| ())?);
        Ok(())
    }

    /// The roles someone was given before their training was complete, newest first.
    #[instrument(level = "debug", skip_all)]
    pub async fn overrides(&self, user: UserId) -> Result<Vec<RoleOverride>, StoreError> {
        let rows: Vec<(String, String, String, Option<String>, i64)> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as(
                    "SELECT o.role, o.missing, o.reason, u.display_name, o.created_at \
                     FROM role_training_overrides o LEFT JOIN users u ON u.id = o.decided_by \
                     WHERE o.user_id = $1 ORDER BY o.created_at DESC, o.id DESC"
                )
                .bind(user.0)
                .fetch_all(pool)
                .await?
        );
        rows.into_iter()
            .map(|(role, missing, reason, decided_by, created_at)| {
                Ok(RoleOverride {
                    role: role.parse().map_err(corrupt)?,
                    missing,
                    reason,
                    decided_by,
                    created_at,
                })
            })
            .collect()
    }

    /// Everyone active who holds `role`, with where they hold it.
    #[instrument(level = "debug", skip_all)]
    pub async fn holders(&self, role: Role) -> Result<Vec<(UserId, Scope)>, StoreError> {
        let rows: Vec<HolderRow> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as(
                    "SELECT g.user_id, g.site_id, g.cohort_id, c.site_id FROM role_grants g \
                     JOIN users u ON u.id = g.user_id LEFT JOIN cohorts c ON c.id = g.cohort_id \
                     WHERE g.role = $1 AND u.active = TRUE ORDER BY g.created_at"
                )
                .bind(role.key())
                .fetch_all(pool)
                .await?
        );
        Ok(rows
            .into_iter()
            .map(|(user, site, cohort, cohort_site)| {
                let scope = match (cohort, cohort_site, site) {
                    (Some(cohort), Some(site), _) => Scope::Cohort {
                        cohort: hearth_domain::CohortId(cohort),
                        site: SiteId(site),
                    },
                    (_, _, Some(site)) => Scope::Site(SiteId(site)),
                    _ => Scope::Organisation,
                };
                (UserId(user), scope)
            })
            .collect())
    }

    /// Sets (or changes) the service term of a role grant.
    #[instrument(level = "debug", skip_all)]
    pub async fn set_term(&self, grant: RoleGrantId, term: Term) -> Result<(), StoreError> {
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO role_grant_terms (grant_id, starts_on, ends_on) VALUES ($1, $2, $3) \
             ON CONFLICT (grant_id) DO UPDATE SET starts_on = excluded.starts_on, ends_on = excluded.ends_on"
        )
        .bind(grant.0)
        .bind(term.starts_on.to_string())
        .bind(term.ends_on.to_string())
        .execute(pool)
        .await
        .map(|_| ())?);
        Ok(())
    }

    /// The terms of one person's grants.
    #[instrument(level = "debug", skip_all)]
    pub async fn terms_of(&self, user: UserId) -> Result<Vec<(RoleGrantId, Term)>, StoreError> {
        let rows: Vec<(Uuid, String, String)> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as(
                    "SELECT t.grant_id, t.starts_on, t.ends_on FROM role_grant_terms t \
                     JOIN role_grants g ON g.id = t.grant_id WHERE g.user_id = $1"
                )
                .bind(user.0)
                .fetch_all(pool)
                .await?
        );
        rows.into_iter()
            .map(|(id, starts, ends)| Ok((RoleGrantId(id), stored_term(&starts, &ends)?)))
            .collect()
    }

    /// Every active person's peer-worker grants, with the site they serve at
    /// (none for the whole organisation) and their term, if one was set.
    #[instrument(level = "debug", skip_all)]
    pub async fn peer_worker_terms(&self) -> Result<Vec<ServingPeer>, StoreError> {
        let rows: Vec<ServingRow> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as(
                    "SELECT g.id, g.user_id, u.display_name, g.role, COALESCE(g.site_id, c.site_id), t.starts_on, t.ends_on \
                     FROM role_grants g JOIN users u ON u.id = g.user_id \
                     LEFT JOIN cohorts c ON c.id = g.cohort_id \
                     LEFT JOIN role_grant_terms t ON t.grant_id = g.id \
                     WHERE u.active = TRUE AND g.role LIKE 'peer-worker:%'"
                )
                .fetch_all(pool)
                .await?
        );
        rows.into_iter()
            .map(|(grant, user, name, role, site, starts, ends)| {
                let term = match (starts, ends) {
                    (Some(s), Some(e)) => Some(stored_term(&s, &e)?),
                    _ => None,
                };
                Ok(ServingPeer {
                    grant: RoleGrantId(grant),
                    name,
                    user: UserId(user),
                    role: role.parse().map_err(corrupt)?,
                    site: site.map(SiteId),
                    term,
                })
            })
            .collect()
    }
}

/// A peer worker serving in a role, for the pipeline.
#[derive(Debug, Clone)]
pub struct ServingPeer {
    pub grant: RoleGrantId,
    pub name: String,
    pub user: UserId,
    pub role: Role,
    pub site: Option<SiteId>,
    pub term: Option<Term>,
}

type ServingRow = (
    Uuid,
    Uuid,
    String,
    String,
    Option<Uuid>,
    Option<String>,
    Option<String>,
);

fn stored_term(starts: &str, ends: &str) -> Result<Term, StoreError> {
    Ok(Term {
        starts_on: starts.parse().map_err(corrupt)?,
        ends_on: ends.parse().map_err(corrupt)?,
    })
}
