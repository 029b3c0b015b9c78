//! `hearth backup`: a consistent copy of the organisation's data while
//! Hearth keeps serving. SQLite writes one with `VACUUM INTO` (a snapshot
//! read in one transaction, so writes during the copy are either all in it
//! or not at all); PostgreSQL has its own tool for that, pg_dump. The copy
//! goes through the writer connection: a read-only connection cannot create
//! the file, and in WAL mode the copy does not hold up other processes' writes.

use crate::db::{Db, on_db};
use crate::error::StoreError;
use std::path::Path;
use tracing::instrument;

/// What a backup did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackupOutcome {
    /// The copy was written.
    Written,
    /// The database is PostgreSQL: use pg_dump.
    UsePgDump,
}

impl Db {
    /// Writes a consistent copy of an SQLite database to `to`, which must
    /// not exist yet (an old backup is never overwritten by mistake).
    #[instrument(level = "debug", skip_all)]
    pub async fn backup_to(&self, to: &Path) -> Result<BackupOutcome, StoreError> {
        match self {
            Db::Postgres(_) => Ok(BackupOutcome::UsePgDump),
            Db::Sqlite(sqlite) => {
                if to.exists() {
                    return Err(StoreError::Conflict("backup file"));
                }
                let target = to
                    .to_str()
                    .ok_or_else(|| StoreError::Corrupt("the backup path is not UTF-8".into()))?;
                sqlx::query("VACUUM INTO $1")
                    .bind(target)
                    .execute(&sqlite.writer)
                    .await?;
                Ok(BackupOutcome::Written)
            }
        }
    }
}

/// What a database file holds, looked at before it is restored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatabaseCheck {
    /// `PRAGMA integrity_check`'s complaints (empty when the file is sound).
    pub damage: Vec<String>,
    /// How many tables it has, and whether they are Hearth's.
    pub tables: usize,
    pub is_hearth: bool,
    /// The organisation's name, and how many accounts it holds.
    pub organisation: Option<String>,
    pub people: i64,
}

impl Db {
    /// Looks a database over: sound, Hearth's, and whose. Used on a copy
    /// before `hearth restore` puts it in place, and on the place itself
    /// (which must hold nobody yet).
    #[instrument(level = "debug", skip_all)]
    pub async fn check(&self) -> Result<DatabaseCheck, StoreError> {
        let damage = match self {
            Db::Sqlite(sqlite) => {
                let rows: Vec<(String,)> = sqlx::query_as("PRAGMA integrity_check")
                    .fetch_all(&sqlite.reader)
                    .await?;
                rows.into_iter()
                    .map(|(line,)| line)
                    .filter(|line| line != "ok")
                    .collect()
            }
            // PostgreSQL keeps its own pages whole.
            Db::Postgres(_) => Vec::new(),
        };
        let tables = self.schema_tables().await?;
        let is_hearth = ["organisation", "users"]
            .iter()
            .all(|name| tables.iter().any(|t| t == name));
        let (organisation, people) = if is_hearth {
            let name: Option<(String,)> = on_db!(
                self,
                read | pool
                    | sqlx::query_as("SELECT name FROM organisation ORDER BY created_at LIMIT 1")
                        .fetch_optional(pool)
                        .await?
            );
            let (people,): (i64,) = on_db!(
                self,
                read | pool
                    | sqlx::query_as("SELECT COUNT(*) FROM users")
                        .fetch_one(pool)
                        .await?
            );
            (name.map(|(name,)| name), people)
        } else {
            (None, 0)
        };
        Ok(DatabaseCheck {
            damage,
            tables: tables.len(),
            is_hearth,
            organisation,
            people,
        })
    }
}
