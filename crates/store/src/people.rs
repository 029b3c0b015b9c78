//! People: accounts, profiles and the roles they hold.

use crate::db::{Db, on_db};
use crate::error::{OptionalRow, StoreError};
use crate::time::now_ms;
use hearth_domain::input::{Email, Name};
use hearth_domain::roles::{Role, RoleGrant, Scope};
use hearth_domain::{CohortId, RoleGrantId, SiteId, UserId};
use tracing::instrument;
use uuid::Uuid;

pub struct People<'a> {
    pub(crate) db: &'a Db,
}

/// A person as pages show them.
#[derive(Debug, Clone)]
pub struct Person {
    pub id: UserId,
    pub email: String,
    pub display_name: String,
    pub pronouns: Option<String>,
    pub language: Option<String>,
    pub time_zone: Option<String>,
    pub active: bool,
    /// False until an invited person chooses a password.
    pub has_password: bool,
    pub created_at: i64,
}

#[derive(Clone, sqlx::FromRow)]
pub(crate) struct PersonRow {
    id: Uuid,
    email: String,
    display_name: String,
    pronouns: Option<String>,
    language: Option<String>,
    time_zone: Option<String>,
    active: bool,
    has_password: bool,
    created_at: i64,
}

impl From<PersonRow> for Person {
    fn from(row: PersonRow) -> Self {
        Person {
            id: UserId(row.id),
            email: row.email,
            display_name: row.display_name,
            pronouns: row.pronouns,
            language: row.language,
            time_zone: row.time_zone,
            active: row.active,
            has_password: row.has_password,
            created_at: row.created_at,
        }
    }
}

pub(crate) const PERSON_COLUMNS: &str = "u.id, u.email, u.display_name, u.pronouns, u.language, u.time_zone, u.active, \
     (u.password_hash IS NOT NULL) AS has_password, u.created_at";

/// What sign-in needs to check a password.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SignInRecord {
    #[sqlx(try_from = "Uuid")]
    pub id: UserIdColumn,
    pub password_hash: Option<String>,
    pub active: bool,
}

/// A column wrapper so `FromRow` can produce a `UserId` directly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UserIdColumn(pub UserId);

impl From<Uuid> for UserIdColumn {
    fn from(id: Uuid) -> Self {
        UserIdColumn(UserId(id))
    }
}

/// A role grant with the names of where it applies, for display.
#[derive(Debug, Clone)]
pub struct GrantView {
    pub id: RoleGrantId,
    pub grant: RoleGrant,
    pub site_name: Option<String>,
    pub cohort_name: Option<String>,
}

#[derive(sqlx::FromRow)]
pub(crate) struct GrantRow {
    pub(crate) id: Uuid,
    pub(crate) role: String,
    pub(crate) site_id: Option<Uuid>,
    pub(crate) cohort_id: Option<Uuid>,
    pub(crate) cohort_site_id: Option<Uuid>,
    pub(crate) site_name: Option<String>,
    pub(crate) cohort_name: Option<String>,
}

impl GrantRow {
    pub(crate) fn into_view(self) -> Result<GrantView, StoreError> {
        let role: Role = self
            .role
            .parse()
            .map_err(|_| StoreError::Corrupt(format!("unknown role {}", self.role)))?;
        let scope = match (self.cohort_id, self.cohort_site_id, self.site_id) {
            (Some(cohort), Some(site), _) => Scope::Cohort {
                cohort: CohortId(cohort),
                site: SiteId(site),
            },
            (None, _, Some(site)) => Scope::Site(SiteId(site)),
            (None, _, None) => Scope::Organisation,
            (Some(_), None, _) => {
                return Err(StoreError::Corrupt("grant for a missing cohort".into()));
            }
        };
        Ok(GrantView {
            id: RoleGrantId(self.id),
            grant: RoleGrant { role, scope },
            site_name: self.site_name,
            cohort_name: self.cohort_name,
        })
    }
}

const GRANT_SELECT: &str = "SELECT g.id, g.role, g.site_id, g.cohort_id, c.site_id AS cohort_site_id, \
     s.name AS site_name, c.name AS cohort_name \
     FROM role_grants g \
     LEFT JOIN cohorts c ON c.id = g.cohort_id \
     LEFT JOIN sites s ON s.id = COALESCE(g.site_id, c.site_id)";

/// Where a stored grant applies. A support group's room is never one: roles
/// there come from standing in the group (`policy::in_group_room`).
pub(crate) fn scope_columns(
    scope: Scope,
) -> Result<(Option<Uuid>, Option<Uuid>, String), StoreError> {
    Ok(match scope {
        Scope::Organisation => (None, None, "organisation".to_owned()),
        Scope::Site(site) => (Some(site.0), None, format!("site:{site}")),
        Scope::Cohort { cohort, .. } => (None, Some(cohort.0), format!("cohort:{cohort}")),
        Scope::SupportGroup { .. } => {
            return Err(StoreError::Corrupt(
                "a role is never stored at a support group's room".to_owned(),
            ));
        }
    })
}

/// A page of search results.
#[derive(Debug, Clone)]
pub struct PersonPage {
    pub people: Vec<Person>,
    pub total: i64,
}

/// One valid row of a people import.
#[derive(Debug, Clone)]
pub struct CsvPerson {
    pub email: Email,
    pub display_name: Name,
    pub language: Option<String>,
    pub pronouns: Option<String>,
    pub grant: Option<RoleGrant>,
}

/// Escapes `%`, `_` and `\` so a search term matches literally.
fn like_pattern(term: &str) -> String {
    let mut pattern = String::from("%");
    for ch in term.to_lowercase().chars() {
        if matches!(ch, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(ch);
    }
    pattern.push('%');
    pattern
}

impl People<'_> {
    /// Creates an account; `password_hash` is `None` for an invitation.
    #[instrument(level = "debug", skip_all)]
    pub async fn create(
        &self,
        email: &Email,
        display_name: &Name,
        password_hash: Option<&str>,
        language: Option<&str>,
    ) -> Result<UserId, StoreError> {
        let id = UserId::new();
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO users (id, email, display_name, name_search, password_hash, language, active, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, TRUE, $7)",
        )
        .bind(id.0)
        .bind(email.as_str())
        .bind(display_name.as_str())
        .bind(display_name.as_str().to_lowercase())
        .bind(password_hash)
        .bind(language)
        .bind(now_ms())
        .execute(pool)
        .await.map(|r| r.rows_affected())
        .map_err(StoreError::unique("email"))?);
        Ok(id)
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn get(&self, id: UserId) -> Result<Person, StoreError> {
        let sql = format!("SELECT {PERSON_COLUMNS} FROM users u WHERE u.id = $1");
        let row: Option<PersonRow> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
                    .bind(id.0)
                    .fetch_optional(pool)
                    .await?
        );
        row.map(Person::from).found()
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn find_by_email(&self, email: &Email) -> Result<Option<Person>, StoreError> {
        let sql = format!("SELECT {PERSON_COLUMNS} FROM users u WHERE u.email = $1");
        let row: Option<PersonRow> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
                    .bind(email.as_str())
                    .fetch_optional(pool)
                    .await?
        );
        Ok(row.map(Person::from))
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn sign_in_record(&self, email: &Email) -> Result<Option<SignInRecord>, StoreError> {
        Ok(on_db!(
            self.db,
            read | pool
                | sqlx::query_as("SELECT id, password_hash, active FROM users WHERE email = $1")
                    .bind(email.as_str())
                    .fetch_optional(pool)
                    .await?
        ))
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn password_hash(&self, id: UserId) -> Result<Option<String>, StoreError> {
        let row: Option<(Option<String>,)> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as("SELECT password_hash FROM users WHERE id = $1")
                    .bind(id.0)
                    .fetch_optional(pool)
                    .await?
        );
        Ok(row.found()?.0)
    }

    /// Sets a new password and ends every session the person had.
    #[instrument(level = "debug", skip_all)]
    pub async fn set_password(&self, id: UserId, password_hash: &str) -> Result<(), StoreError> {
        on_db!(
            self.db,
            write | pool | {
                let mut tx = pool.begin().await?;
                let done = sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
                    .bind(password_hash)
                    .bind(id.0)
                    .execute(&mut *tx)
                    .await?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::NotFound);
                }
                sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                    .bind(id.0)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
            }
        );
        Ok(())
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn update_profile(
        &self,
        id: UserId,
        display_name: &Name,
        pronouns: Option<&str>,
        language: Option<&str>,
        time_zone: Option<&str>,
    ) -> Result<(), StoreError> {
        let done = on_db!(self.db, write |pool| sqlx::query(
            "UPDATE users SET display_name = $1, name_search = $2, pronouns = $3, language = $4, time_zone = $5 WHERE id = $6",
        )
        .bind(display_name.as_str())
        .bind(display_name.as_str().to_lowercase())
        .bind(pronouns)
        .bind(language)
        .bind(time_zone)
        .bind(id.0)
        .execute(pool)
        .await.map(|r| r.rows_affected())?);
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Only the language, for the switcher on every page.
    #[instrument(level = "debug", skip_all)]
    pub async fn set_language(&self, id: UserId, language: &str) -> Result<(), StoreError> {
        on_db!(
            self.db,
            write
                | pool
                | sqlx::query("UPDATE users SET language = $1 WHERE id = $2")
                    .bind(language)
                    .bind(id.0)
                    .execute(pool)
                    .await
                    .map(|r| r.rows_affected())?
        );
        Ok(())
    }

    /// Deactivating also signs the person out everywhere.
    #[instrument(level = "debug", skip_all)]
    pub async fn set_active(&self, id: UserId, active: bool) -> Result<(), StoreError> {
        on_db!(
            self.db,
            write | pool | {
                let mut tx = pool.begin().await?;
                let done = sqlx::query("UPDATE users SET active = $1 WHERE id = $2")
                    .bind(active)
                    .bind(id.0)
                    .execute(&mut *tx)
                    .await?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::NotFound);
                }
                if !active {
                    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                        .bind(id.0)
                        .execute(&mut *tx)
                        .await?;
                }
                tx.commit().await?;
            }
        );
        Ok(())
    }

    /// Name or email contains `query` (any case), ordered by name. With
    /// `within_sites`, only people holding a role at one of those sites.
    #[instrument(level = "debug", skip_all)]
    pub async fn search(
        &self,
        query: &str,
        within_sites: Option<&[SiteId]>,
        limit: i64,
        offset: i64,
    ) -> Result<PersonPage, StoreError> {
        let pattern = like_pattern(query.trim());
        let mut filter =
            String::from("(u.name_search LIKE $1 ESCAPE '\\' OR u.email LIKE $1 ESCAPE '\\')");
        if let Some(sites) = within_sites {
            // Placeholders $4.. carry the site ids; the text holds no values.
            let placeholders: Vec<String> =
                (0..sites.len()).map(|i| format!("${}", i + 4)).collect();
            let list = if placeholders.is_empty() {
                "NULL".to_owned()
            } else {
                placeholders.join(", ")
            };
            filter.push_str(&format!(
                " AND u.id IN (SELECT g.user_id FROM role_grants g LEFT JOIN cohorts c ON c.id = g.cohort_id \
                 WHERE COALESCE(g.site_id, c.site_id) IN ({list}))"
            ));
        }
        let sql = format!(
            "SELECT {PERSON_COLUMNS} FROM users u WHERE {filter} ORDER BY u.name_search, u.id LIMIT $2 OFFSET $3"
        );
        let count_sql =
            format!("SELECT COUNT(*) FROM users u WHERE {filter} AND $2 >= 0 AND $3 >= 0");
        let sites: Vec<Uuid> = within_sites
            .unwrap_or_default()
            .iter()
            .map(|s| s.0)
            .collect();
        let (rows, total): (Vec<PersonRow>, (i64,)) = on_db!(
            self.db,
            read | pool | {
                let mut rows_query = sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
                    .bind(&pattern)
                    .bind(limit)
                    .bind(offset);
                let mut count_query = sqlx::query_as(sqlx::AssertSqlSafe(count_sql.as_str()))
                    .bind(&pattern)
                    .bind(limit)
                    .bind(offset);
                for site in &sites {
                    rows_query = rows_query.bind(*site);
                    count_query = count_query.bind(*site);
                }
                (
                    rows_query.fetch_all(pool).await?,
                    count_query.fetch_one(pool).await?,
                )
            }
        );
        Ok(PersonPage {
            people: rows.into_iter().map(Person::from).collect(),
            total: total.0,
        })
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn grants(&self, user: UserId) -> Result<Vec<GrantView>, StoreError> {
        let sql = format!("{GRANT_SELECT} WHERE g.user_id = $1 ORDER BY g.created_at");
        let rows: Vec<GrantRow> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
                    .bind(user.0)
                    .fetch_all(pool)
                    .await?
        );
        rows.into_iter().map(GrantRow::into_view).collect()
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn grant(&self, id: RoleGrantId) -> Result<(UserId, GrantView), StoreError> {
        let sql = format!("{GRANT_SELECT} WHERE g.id = $1");
        let user_sql = "SELECT user_id FROM role_grants WHERE id = $1";
        let (row, user): (Option<GrantRow>, Option<(Uuid,)>) = on_db!(
            self.db,
            read | pool
                | (
                    sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
                        .bind(id.0)
                        .fetch_optional(pool)
                        .await?,
                    sqlx::query_as(user_sql)
                        .bind(id.0)
                        .fetch_optional(pool)
                        .await?,
                )
        );
        Ok((UserId(user.found()?.0), row.found()?.into_view()?))
    }

    /// Gives a role; giving the same role at the same place twice is a conflict.
    #[instrument(level = "debug", skip_all)]
    pub async fn add_grant(
        &self,
        user: UserId,
        grant: RoleGrant,
    ) -> Result<RoleGrantId, StoreError> {
        let id = RoleGrantId::new();
        let (site, cohort, scope_key) = scope_columns(grant.scope)?;
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO role_grants (id, user_id, role, site_id, cohort_id, scope_key, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id.0)
        .bind(user.0)
        .bind(grant.role.key())
        .bind(site)
        .bind(cohort)
        .bind(scope_key)
        .bind(now_ms())
        .execute(pool)
        .await.map(|r| r.rows_affected())
        .map_err(StoreError::unique("role"))?);
        Ok(id)
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn remove_grant(&self, id: RoleGrantId) -> Result<(), StoreError> {
        let done = on_db!(
            self.db,
            write
                | pool
                | sqlx::query("DELETE FROM role_grants WHERE id = $1")
                    .bind(id.0)
                    .execute(pool)
                    .await
                    .map(|r| r.rows_affected())?
        );
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Creates every person of an import, or none: the first conflict rolls
    /// back the whole file and names the row (0-based) that caused it.
    #[instrument(level = "debug", skip_all)]
    pub async fn import(&self, people: &[CsvPerson]) -> Result<usize, (usize, StoreError)> {
        let now = now_ms();
        let result: Result<(), (usize, StoreError)> = on_db!(
            self.db,
            write
                | pool
                | {
                    let mut tx = pool.begin().await.map_err(|e| (0, e.into()))?;
                    for (index, person) in people.iter().enumerate() {
                        let id = UserId::new();
                        sqlx::query(
                    "INSERT INTO users (id, email, display_name, name_search, pronouns, language, active, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, TRUE, $7)",
                )
                .bind(id.0)
                .bind(person.email.as_str())
                .bind(person.display_name.as_str())
                .bind(person.display_name.as_str().to_lowercase())
                .bind(person.pronouns.as_deref())
                .bind(person.language.as_deref())
                .bind(now)
                .execute(&mut *tx)
                .await
                .map_err(|e| (index, StoreError::unique("email")(e)))?;
                        if let Some(grant) = person.grant {
                            let (site, cohort, scope_key) =
                                scope_columns(grant.scope).map_err(|e| (index, e))?;
                            sqlx::query(
                        "INSERT INTO role_grants (id, user_id, role, site_id, cohort_id, scope_key, created_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    )
                    .bind(RoleGrantId::new().0)
                    .bind(id.0)
                    .bind(grant.role.key())
                    .bind(site)
                    .bind(cohort)
                    .bind(scope_key)
                    .bind(now)
                    .execute(&mut *tx)
                    .await
                    .map_err(|e| (index, e.into()))?;
                        }
                    }
                    tx.commit().await.map_err(|e| (people.len(), e.into()))?;
                    Ok(())
                }
        );
        result.map(|()| people.len())
    }

    /// Emails among `emails` that already have an account (for the import preview).
    #[instrument(level = "debug", skip_all)]
    pub async fn existing_emails(&self, emails: &[String]) -> Result<Vec<String>, StoreError> {
        let mut found = Vec::new();
        // Chunked so the statement stays within every database's parameter limit.
        for chunk in emails.chunks(500) {
            let placeholders: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
            let sql = format!(
                "SELECT email FROM users WHERE email IN ({})",
                placeholders.join(", ")
            );
            let rows: Vec<(String,)> = on_db!(
                self.db,
                read | pool | {
                    let mut query = sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()));
                    for email in chunk {
                        query = query.bind(email);
                    }
                    query.fetch_all(pool).await?
                }
            );
            found.extend(rows.into_iter().map(|(email,)| email));
        }
        Ok(found)
    }

    /// Whether anyone at all has an account (the first-run check).
    #[instrument(level = "debug", skip_all)]
    pub async fn count(&self) -> Result<i64, StoreError> {
        let row: (i64,) = on_db!(
            self.db,
            read | pool
                | sqlx::query_as("SELECT COUNT(*) FROM users")
                    .fetch_one(pool)
                    .await?
        );
        Ok(row.0)
    }
}
