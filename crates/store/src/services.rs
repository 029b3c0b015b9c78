//! The directory of support services: prevention and intervention.

use crate::db::{Db, on_db};
use crate::error::{OptionalRow, StoreError};
use crate::time::now_ms;
use hearth_domain::org::ServiceKind;
use hearth_domain::{ServiceId, SiteId};
use tracing::instrument;
use uuid::Uuid;

pub struct Services<'a> {
    pub(crate) db: &'a Db,
}

#[derive(Debug, Clone)]
pub struct Service {
    pub id: ServiceId,
    pub name: String,
    pub kind: ServiceKind,
    pub description: Option<String>,
    pub contact: Option<String>,
    pub hours: Option<String>,
    pub languages: Option<String>,
    pub site_id: Option<SiteId>,
    pub site_name: Option<String>,
    /// Shown first on `/help`: a number to call now.
    pub is_crisis_line: bool,
    pub archived: bool,
}

#[derive(Debug, Clone)]
pub struct NewService {
    pub name: String,
    pub kind: ServiceKind,
    pub description: Option<String>,
    pub contact: Option<String>,
    pub hours: Option<String>,
    pub languages: Option<String>,
    pub site_id: Option<SiteId>,
    pub is_crisis_line: bool,
}

#[derive(sqlx::FromRow)]
struct ServiceRow {
    id: Uuid,
    name: String,
    kind: String,
    description: Option<String>,
    contact: Option<String>,
    hours: Option<String>,
    languages: Option<String>,
    site_id: Option<Uuid>,
    site_name: Option<String>,
    is_crisis_line: bool,
    archived_at: Option<i64>,
}

impl TryFrom<ServiceRow> for Service {
    type Error = StoreError;
    fn try_from(row: ServiceRow) -> Result<Self, StoreError> {
        Ok(Service {
            id: ServiceId(row.id),
            kind: row
                .kind
                .parse()
                .map_err(|_| StoreError::Corrupt(format!("service kind {}", row.kind)))?,
            name: row.name,
            description: row.description,
            contact: row.contact,
            hours: row.hours,
            languages: row.languages,
            site_id: row.site_id.map(SiteId),
            site_name: row.site_name,
            is_crisis_line: row.is_crisis_line,
            archived: row.archived_at.is_some(),
        })
    }
}

const SERVICE_SELECT: &str = "SELECT v.id, v.name, v.kind, v.description, v.contact, v.hours, v.languages, \
     v.site_id, s.name AS site_name, v.is_crisis_line, v.archived_at FROM services v LEFT JOIN sites s ON s.id = v.site_id";

impl Services<'_> {
    /// Crisis lines first, then prevention before intervention, then by name.
    #[instrument(level = "debug", skip_all)]
    pub async fn list(&self, include_archived: bool) -> Result<Vec<Service>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "{SERVICE_SELECT} WHERE ($1 OR v.archived_at IS NULL) ORDER BY v.is_crisis_line DESC, v.kind DESC, v.name"
        ));
        let rows: Vec<ServiceRow> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as(sql)
                    .bind(include_archived)
                    .fetch_all(pool)
                    .await?
        );
        rows.into_iter().map(Service::try_from).collect()
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn get(&self, id: ServiceId) -> Result<Service, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!("{SERVICE_SELECT} WHERE v.id = $1"));
        let row: Option<ServiceRow> = on_db!(
            self.db,
            read | pool | sqlx::query_as(sql).bind(id.0).fetch_optional(pool).await?
        );
        row.found()?.try_into()
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn create(&self, service: &NewService) -> Result<ServiceId, StoreError> {
        let id = ServiceId::new();
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO services (id, name, kind, description, contact, hours, languages, site_id, is_crisis_line, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
        )
        .bind(id.0)
        .bind(&service.name)
        .bind(service.kind.as_str())
        .bind(service.description.as_deref())
        .bind(service.contact.as_deref())
        .bind(service.hours.as_deref())
        .bind(service.languages.as_deref())
        .bind(service.site_id.map(|s| s.0))
        .bind(service.is_crisis_line)
        .bind(now_ms())
        .execute(pool)
        .await.map(|r| r.rows_affected())?);
        Ok(id)
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn update(&self, id: ServiceId, service: &NewService) -> Result<(), StoreError> {
        let done = on_db!(self.db, write |pool| sqlx::query(
            "UPDATE services SET name = $1, kind = $2, description = $3, contact = $4, hours = $5, languages = $6, \
             site_id = $7, is_crisis_line = $8 WHERE id = $9"
        )
        .bind(&service.name)
        .bind(service.kind.as_str())
        .bind(service.description.as_deref())
        .bind(service.contact.as_deref())
        .bind(service.hours.as_deref())
        .bind(service.languages.as_deref())
        .bind(service.site_id.map(|s| s.0))
        .bind(service.is_crisis_line)
        .bind(id.0)
        .execute(pool)
        .await.map(|r| r.rows_affected())?);
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn set_archived(&self, id: ServiceId, archived: bool) -> Result<(), StoreError> {
        let done = on_db!(
            self.db,
            write
                | pool
                | sqlx::query("UPDATE services SET archived_at = $1 WHERE id = $2")
                    .bind(archived.then(now_ms))
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
}
