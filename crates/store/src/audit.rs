//! One audit log for every read of sensitive data.

use crate::db::{Db, on_db};
use crate::error::StoreError;
use crate::time::now_ms;
use hearth_domain::UserId;
use tracing::instrument;
use uuid::Uuid;

pub struct Audit<'a> {
    pub(crate) db: &'a Db,
}

#[derive(Debug, Clone)]
pub struct AuditEntry {
    pub actor_id: Option<UserId>,
    pub actor_name: Option<String>,
    pub action: String,
    pub subject_kind: String,
    pub subject_id: Option<Uuid>,
    pub subject_user_id: Option<UserId>,
    pub subject_user_name: Option<String>,
    pub at: i64,
}

type AuditRow = (
    Option<Uuid>,
    Option<String>,
    String,
    String,
    Option<Uuid>,
    Option<Uuid>,
    Option<String>,
    i64,
);

const AUDIT_SELECT: &str = "SELECT a.actor_id, actor.display_name, a.action, a.subject_kind, a.subject_id, \
     a.subject_user_id, subject.display_name, a.at FROM audit_log a \
     LEFT JOIN users actor ON actor.id = a.actor_id LEFT JOIN users subject ON subject.id = a.subject_user_id";

fn entry(row: AuditRow) -> AuditEntry {
    let (
        actor_id,
        actor_name,
        action,
        subject_kind,
        subject_id,
        subject_user_id,
        subject_user_name,
        at,
    ) = row;
    AuditEntry {
        actor_id: actor_id.map(UserId),
        actor_name,
        action,
        subject_kind,
        subject_id,
        subject_user_id: subject_user_id.map(UserId),
        subject_user_name,
        at,
    }
}

impl Audit<'_> {
    /// Records that `actor` did `action` (e.g. `read`) to a sensitive thing;
    /// `subject_user` is whose data it was, so they can see it was read.
    #[instrument(level = "debug", skip_all, fields(action, subject_kind))]
    pub async fn record(
        &self,
        actor: Option<UserId>,
        action: &str,
        subject_kind: &str,
        subject_id: Option<Uuid>,
        subject_user: Option<UserId>,
    ) -> Result<(), StoreError> {
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO audit_log (id, actor_id, action, subject_kind, subject_id, subject_user_id, at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)"
        )
        .bind(Uuid::now_v7())
        .bind(actor.map(|a| a.0))
        .bind(action)
        .bind(subject_kind)
        .bind(subject_id)
        .bind(subject_user.map(|u| u.0))
        .bind(now_ms())
        .execute(pool)
        .await.map(|r| r.rows_affected())?);
        Ok(())
    }

    /// The newest entries about one person's data.
    #[instrument(level = "debug", skip_all)]
    pub async fn about(
        &self,
        subject_user: UserId,
        limit: i64,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "{AUDIT_SELECT} WHERE a.subject_user_id = $1 ORDER BY a.at DESC, a.id DESC LIMIT $2"
        ));
        let rows: Vec<AuditRow> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as(sql)
                    .bind(subject_user.0)
                    .bind(limit)
                    .fetch_all(pool)
                    .await?
        );
        Ok(rows.into_iter().map(entry).collect())
    }

    /// The newest entries of the whole log, a page at a time.
    #[instrument(level = "debug", skip_all)]
    pub async fn recent(&self, limit: i64, offset: i64) -> Result<Vec<AuditEntry>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "{AUDIT_SELECT} ORDER BY a.at DESC, a.id DESC LIMIT $1 OFFSET $2"
        ));
        let rows: Vec<AuditRow> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as(sql)
                    .bind(limit)
                    .bind(offset)
                    .fetch_all(pool)
                    .await?
        );
        Ok(rows.into_iter().map(entry).collect())
    }
}
