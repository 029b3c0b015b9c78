//! The organisation's shape: sites, programmes with phases, cohorts.

use crate::db::{Db, on_db};
use crate::error::{OptionalRow, StoreError};
use crate::time::now_ms;
use hearth_domain::org::SiteKind;
use hearth_domain::roles::Role;
use hearth_domain::{CohortId, FileId, PhaseId, ProgrammeId, RoleGrantId, SiteId, UserId};
use tracing::instrument;
use uuid::Uuid;

pub struct Org<'a> {
    pub(crate) db: &'a Db,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Organisation {
    pub name: String,
    pub time_zone: String,
    pub crisis_text: String,
    pub is_demo: bool,
    /// The uploaded logo (a row of `files`), if there is one.
    pub logo_file_id: Option<Uuid>,
}

/// Numbers for the home page's overview.
#[derive(Debug, Clone, Copy)]
pub struct OrgCounts {
    pub sites: i64,
    pub programmes: i64,
    pub cohorts: i64,
    pub people: i64,
}

#[derive(Debug, Clone)]
pub struct Site {
    pub id: SiteId,
    pub name: String,
    pub kind: SiteKind,
    pub address: Option<String>,
    pub archived: bool,
}

#[derive(sqlx::FromRow)]
struct SiteRow {
    id: Uuid,
    name: String,
    kind: String,
    address: Option<String>,
    archived_at: Option<i64>,
}

impl TryFrom<SiteRow> for Site {
    type Error = StoreError;
    fn try_from(row: SiteRow) -> Result<Self, StoreError> {
        Ok(Site {
            id: SiteId(row.id),
            kind: row
                .kind
                .parse()
                .map_err(|_| StoreError::Corrupt(format!("site kind {}", row.kind)))?,
            name: row.name,
            address: row.address,
            archived: row.archived_at.is_some(),
        })
    }
}

#[derive(Debug, Clone)]
pub struct NewSite {
    pub name: String,
    pub kind: SiteKind,
    pub address: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Phase {
    pub id: PhaseId,
    pub name: String,
    pub position: i32,
    pub starts_on: Option<String>,
    pub ends_on: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Programme {
    pub id: ProgrammeId,
    pub name: String,
    pub description: Option<String>,
    pub archived: bool,
    pub phases: Vec<Phase>,
}

#[derive(Debug, Clone)]
pub struct Cohort {
    pub id: CohortId,
    pub name: String,
    pub programme_id: ProgrammeId,
    pub programme_name: String,
    pub phase_id: Option<PhaseId>,
    pub phase_name: Option<String>,
    pub site_id: SiteId,
    pub site_name: String,
    pub starts_on: Option<String>,
    pub ends_on: Option<String>,
    pub archived: bool,
}

impl Cohort {
    /// Where the cohort's roles apply: the policy's target for anything in it.
    pub fn scope(&self) -> hearth_domain::roles::Scope {
        hearth_domain::roles::Scope::Cohort {
            cohort: self.id,
            site: self.site_id,
        }
    }
}

/// A cohort in a list, with how many people take part.
#[derive(Debug, Clone)]
pub struct CohortSummary {
    pub cohort: Cohort,
    pub participants: i64,
}

#[derive(Debug, Clone)]
pub struct NewCohort {
    pub name: String,
    pub programme_id: ProgrammeId,
    pub phase_id: Option<PhaseId>,
    pub site_id: SiteId,
    pub starts_on: Option<String>,
    pub ends_on: Option<String>,
}

/// Someone in a cohort, with the role they hold there.
#[derive(Debug, Clone)]
pub struct CohortMember {
    pub grant_id: RoleGrantId,
    pub user_id: UserId,
    pub display_name: String,
    pub email: String,
    pub role: Role,
}

#[derive(sqlx::FromRow)]
struct CohortRow {
    id: Uuid,
    name: String,
    programme_id: Uuid,
    programme_name: String,
    phase_id: Option<Uuid>,
    phase_name: Option<String>,
    site_id: Uuid,
    site_name: String,
    starts_on: Option<String>,
    ends_on: Option<String>,
    archived_at: Option<i64>,
    participants: i64,
}

impl From<CohortRow> for CohortSummary {
    fn from(row: CohortRow) -> Self {
        CohortSummary {
            cohort: Cohort {
                id: CohortId(row.id),
                name: row.name,
                programme_id: ProgrammeId(row.programme_id),
                programme_name: row.programme_name,
                phase_id: row.phase_id.map(PhaseId),
                phase_name: row.phase_name,
                site_id: SiteId(row.site_id),
                site_name: row.site_name,
                starts_on: row.starts_on,
                ends_on: row.ends_on,
                archived: row.archived_at.is_some(),
            },
            participants: row.participants,
        }
    }
}

/// programme id, id, name, position, starts_on, ends_on
type PhaseRow = (Uuid, Uuid, String, i32, Option<String>, Option<String>);

const COHORT_SELECT: &str = "SELECT c.id, c.name, c.programme_id, p.name AS programme_name, c.phase_id, \
     ph.name AS phase_name, c.site_id, s.name AS site_name, c.starts_on, c.ends_on, c.archived_at, \
     (SELECT COUNT(*) FROM role_grants g WHERE g.cohort_id = c.id AND g.role = 'participant') AS participants \
     FROM cohorts c JOIN programmes p ON p.id = c.programme_id JOIN sites s ON s.id = c.site_id \
     LEFT JOIN phases ph ON ph.id = c.phase_id";

impl Org<'_> {
    #[instrument(level = "debug", skip_all)]
    pub async fn organisation(&self) -> Result<Option<Organisation>, StoreError> {
        Ok(on_db!(
            self.db,
            read | pool
                | sqlx::query_as(
                    "SELECT name, time_zone, crisis_text, is_demo, logo_file_id FROM organisation LIMIT 1"
                )
                .fetch_optional(pool)
                .await?
        ))
    }

    /// Creates the organisation if there is none yet (first start).
    #[instrument(level = "debug", skip_all)]
    pub async fn ensure_organisation(
        &self,
        name: &str,
        time_zone: &str,
        is_demo: bool,
    ) -> Result<(), StoreError> {
        if self.organisation().await?.is_some() {
            return Ok(());
        }
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO organisation (id, name, time_zone, crisis_text, is_demo, created_at) VALUES ($1, $2, $3, '', $4, $5)"
        )
        .bind(Uuid::now_v7())
        .bind(name)
        .bind(time_zone)
        .bind(is_demo)
        .bind(now_ms())
        .execute(pool)
        .await.map(|r| r.rows_affected())?);
        Ok(())
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn update_organisation(
        &self,
        name: &str,
        time_zone: &str,
        crisis_text: &str,
    ) -> Result<(), StoreError> {
        on_db!(
            self.db,
            write
                | pool
                | sqlx::query(
                    "UPDATE organisation SET name = $1, time_zone = $2, crisis_text = $3"
                )
                .bind(name)
                .bind(time_zone)
                .bind(crisis_text)
                .execute(pool)
                .await
                .map(|r| r.rows_affected())?
        );
        Ok(())
    }

    /// Sets the organisation's logo to a newly stored file, or removes it
    /// (`None`). The file of the logo it replaces is deleted in the same
    /// transaction: nothing else refers to it.
    #[instrument(level = "debug", skip_all)]
    pub async fn set_logo(&self, logo: Option<FileId>) -> Result<(), StoreError> {
        let logo = logo.map(|f| f.0);
        on_db!(
            self.db,
            write | pool | {
                let mut tx = pool.begin().await?;
                sqlx::query(
                    "DELETE FROM files WHERE id IN (SELECT logo_file_id FROM organisation)",
                )
                .execute(&mut *tx)
                .await?;
                sqlx::query("UPDATE organisation SET logo_file_id = $1")
                    .bind(logo)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
            }
        );
        Ok(())
    }

    /// How many sites, programmes and cohorts are in use, and how many people
    /// have accounts: one query for the home page.
    #[instrument(level = "debug", skip_all)]
    pub async fn counts(&self) -> Result<OrgCounts, StoreError> {
        let (sites, programmes, cohorts, people): (i64, i64, i64, i64) = on_db!(
            self.db,
            read | pool
                | sqlx::query_as(
                    "SELECT (SELECT COUNT(*) FROM sites WHERE archived_at IS NULL), \
                    (SELECT COUNT(*) FROM programmes WHERE archived_at IS NULL), \
                    (SELECT COUNT(*) FROM cohorts WHERE archived_at IS NULL), \
                    (SELECT COUNT(*) FROM users)"
                )
                .fetch_one(pool)
                .await?
        );
        Ok(OrgCounts {
            sites,
            programmes,
            cohorts,
            people,
        })
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn sites(&self, include_archived: bool) -> Result<Vec<Site>, StoreError> {
        let rows: Vec<SiteRow> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT id, name, kind, address, archived_at FROM sites WHERE ($1 OR archived_at IS NULL) ORDER BY name"
        )
        .bind(include_archived)
        .fetch_all(pool)
        .await?);
        rows.into_iter().map(Site::try_from).collect()
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn site(&self, id: SiteId) -> Result<Site, StoreError> {
        let row: Option<SiteRow> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as(
                    "SELECT id, name, kind, address, archived_at FROM sites WHERE id = $1"
                )
                .bind(id.0)
                .fetch_optional(pool)
                .await?
        );
        row.found()?.try_into()
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn create_site(&self, site: &NewSite) -> Result<SiteId, StoreError> {
        let id = SiteId::new();
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO sites (id, name, kind, address, created_at) VALUES ($1, $2, $3, $4, $5)"
        )
        .bind(id.0)
        .bind(&site.name)
        .bind(site.kind.as_str())
        .bind(site.address.as_deref())
        .bind(now_ms())
        .execute(pool)
        .await.map(|r| r.rows_affected())?);
        Ok(id)
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn update_site(&self, id: SiteId, site: &NewSite) -> Result<(), StoreError> {
        let done = on_db!(
            self.db,
            write
                | pool
                | sqlx::query("UPDATE sites SET name = $1, kind = $2, address = $3 WHERE id = $4")
                    .bind(&site.name)
                    .bind(site.kind.as_str())
                    .bind(site.address.as_deref())
                    .bind(id.0)
                    .execute(pool)
                    .await
                    .map(|r| r.rows_affected())?
        );
        found_one(done)
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn set_site_archived(&self, id: SiteId, archived: bool) -> Result<(), StoreError> {
        let done = on_db!(
            self.db,
            write
                | pool
                | sqlx::query("UPDATE sites SET archived_at = $1 WHERE id = $2")
                    .bind(archived.then(now_ms))
                    .bind(id.0)
                    .execute(pool)
                    .await
                    .map(|r| r.rows_affected())?
        );
        found_one(done)
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn programmes(&self, include_archived: bool) -> Result<Vec<Programme>, StoreError> {
        let rows: Vec<(Uuid, String, Option<String>, Option<i64>)> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT id, name, description, archived_at FROM programmes WHERE ($1 OR archived_at IS NULL) ORDER BY name"
        )
        .bind(include_archived)
        .fetch_all(pool)
        .await?);
        let phases = self.all_phases().await?;
        Ok(rows
            .into_iter()
            .map(|(id, name, description, archived_at)| Programme {
                id: ProgrammeId(id),
                name,
                description,
                archived: archived_at.is_some(),
                phases: phases
                    .iter()
                    .filter(|(p, _)| *p == id)
                    .map(|(_, phase)| phase.clone())
                    .collect(),
            })
            .collect())
    }

    async fn all_phases(&self) -> Result<Vec<(Uuid, Phase)>, StoreError> {
        let rows: Vec<PhaseRow> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT programme_id, id, name, position, starts_on, ends_on FROM phases ORDER BY programme_id, position"
        )
        .fetch_all(pool)
        .await?);
        Ok(rows
            .into_iter()
            .map(|(programme, id, name, position, starts_on, ends_on)| {
                (
                    programme,
                    Phase {
                        id: PhaseId(id),
                        name,
                        position,
                        starts_on,
                        ends_on,
                    },
                )
            })
            .collect())
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn programme(&self, id: ProgrammeId) -> Result<Programme, StoreError> {
        self.programmes(true)
            .await?
            .into_iter()
            .find(|p| p.id == id)
            .found()
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn create_programme(
        &self,
        name: &str,
        description: Option<&str>,
    ) -> Result<ProgrammeId, StoreError> {
        let id = ProgrammeId::new();
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO programmes (id, name, description, created_at) VALUES ($1, $2, $3, $4)"
        )
        .bind(id.0)
        .bind(name)
        .bind(description)
        .bind(now_ms())
        .execute(pool)
        .await.map(|r| r.rows_affected())?);
        Ok(id)
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn update_programme(
        &self,
        id: ProgrammeId,
        name: &str,
        description: Option<&str>,
    ) -> Result<(), StoreError> {
        let done = on_db!(
            self.db,
            write
                | pool
                | sqlx::query("UPDATE programmes SET name = $1, description = $2 WHERE id = $3")
                    .bind(name)
                    .bind(description)
                    .bind(id.0)
                    .execute(pool)
                    .await
                    .map(|r| r.rows_affected())?
        );
        found_one(done)
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn set_programme_archived(
        &self,
        id: ProgrammeId,
        archived: bool,
    ) -> Result<(), StoreError> {
        let done = on_db!(
            self.db,
            write
                | pool
                | sqlx::query("UPDATE programmes SET archived_at = $1 WHERE id = $2")
                    .bind(archived.then(now_ms))
                    .bind(id.0)
                    .execute(pool)
                    .await
                    .map(|r| r.rows_affected())?
        );
        found_one(done)
    }

    /// Adds a phase at the end of the programme's list.
    #[instrument(level = "debug", skip_all)]
    pub async fn add_phase(
        &self,
        programme: ProgrammeId,
        name: &str,
        starts_on: Option<&str>,
        ends_on: Option<&str>,
    ) -> Result<PhaseId, StoreError> {
        let id = PhaseId::new();
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO phases (id, programme_id, name, position, starts_on, ends_on) \
             VALUES ($1, $2, $3, (SELECT COALESCE(MAX(position), 0) + 1 FROM phases WHERE programme_id = $2), $4, $5)"
        )
        .bind(id.0)
        .bind(programme.0)
        .bind(name)
        .bind(starts_on)
        .bind(ends_on)
        .execute(pool)
        .await.map(|r| r.rows_affected())?);
        Ok(id)
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn cohorts(&self, include_archived: bool) -> Result<Vec<CohortSummary>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "{COHORT_SELECT} WHERE ($1 OR c.archived_at IS NULL) ORDER BY c.starts_on DESC, c.name"
        ));
        let rows: Vec<CohortRow> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as(sql)
                    .bind(include_archived)
                    .fetch_all(pool)
                    .await?
        );
        Ok(rows.into_iter().map(CohortSummary::from).collect())
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn cohort(&self, id: CohortId) -> Result<Cohort, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!("{COHORT_SELECT} WHERE c.id = $1"));
        let row: Option<CohortRow> = on_db!(
            self.db,
            read | pool | sqlx::query_as(sql).bind(id.0).fetch_optional(pool).await?
        );
        Ok(CohortSummary::from(row.found()?).cohort)
    }

    /// Cohorts where this person holds any role, newest first.
    #[instrument(level = "debug", skip_all)]
    pub async fn cohorts_of(&self, user: UserId) -> Result<Vec<CohortSummary>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "{COHORT_SELECT} WHERE c.archived_at IS NULL AND c.id IN \
             (SELECT cohort_id FROM role_grants WHERE user_id = $1 AND cohort_id IS NOT NULL) \
             ORDER BY c.starts_on DESC, c.name"
        ));
        let rows: Vec<CohortRow> = on_db!(
            self.db,
            read | pool | sqlx::query_as(sql).bind(user.0).fetch_all(pool).await?
        );
        Ok(rows.into_iter().map(CohortSummary::from).collect())
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn create_cohort(&self, cohort: &NewCohort) -> Result<CohortId, StoreError> {
        let id = CohortId::new();
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO cohorts (id, programme_id, phase_id, site_id, name, starts_on, ends_on, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
        )
        .bind(id.0)
        .bind(cohort.programme_id.0)
        .bind(cohort.phase_id.map(|p| p.0))
        .bind(cohort.site_id.0)
        .bind(&cohort.name)
        .bind(cohort.starts_on.as_deref())
        .bind(cohort.ends_on.as_deref())
        .bind(now_ms())
        .execute(pool)
        .await.map(|r| r.rows_affected())?);
        Ok(id)
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn update_cohort(&self, id: CohortId, cohort: &NewCohort) -> Result<(), StoreError> {
        let done = on_db!(self.db, write |pool| sqlx::query(
            "UPDATE cohorts SET programme_id = $1, phase_id = $2, site_id = $3, name = $4, starts_on = $5, ends_on = $6 WHERE id = $7"
        )
        .bind(cohort.programme_id.0)
        .bind(cohort.phase_id.map(|p| p.0))
        .bind(cohort.site_id.0)
        .bind(&cohort.name)
        .bind(cohort.starts_on.as_deref())
        .bind(cohort.ends_on.as_deref())
        .bind(id.0)
        .execute(pool)
        .await.map(|r| r.rows_affected())?);
        found_one(done)
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn set_cohort_archived(
        &self,
        id: CohortId,
        archived: bool,
    ) -> Result<(), StoreError> {
        let done = on_db!(
            self.db,
            write
                | pool
                | sqlx::query("UPDATE cohorts SET archived_at = $1 WHERE id = $2")
                    .bind(archived.then(now_ms))
                    .bind(id.0)
                    .execute(pool)
                    .await
                    .map(|r| r.rows_affected())?
        );
        found_one(done)
    }

    /// Everyone holding a role in the cohort, staff first, then by name.
    #[instrument(level = "debug", skip_all)]
    pub async fn cohort_members(&self, id: CohortId) -> Result<Vec<CohortMember>, StoreError> {
        let rows: Vec<(Uuid, Uuid, String, String, String)> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT g.id, u.id, u.display_name, u.email, g.role FROM role_grants g JOIN users u ON u.id = g.user_id \
             WHERE g.cohort_id = $1 AND u.active = TRUE ORDER BY u.name_search"
        )
        .bind(id.0)
        .fetch_all(pool)
        .await?);
        let mut members = rows
            .into_iter()
            .map(|(grant, user, display_name, email, role)| {
                let role = role
                    .parse()
                    .map_err(|_| StoreError::Corrupt(format!("role {role}")))?;
                Ok(CohortMember {
                    grant_id: RoleGrantId(grant),
                    user_id: UserId(user),
                    display_name,
                    email,
                    role,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        members.sort_by_key(|m| m.role == Role::Participant);
        Ok(members)
    }
}

fn found_one(rows_affected: u64) -> Result<(), StoreError> {
    if rows_affected == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}
