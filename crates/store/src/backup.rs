//! `hearth backup`: a consistent copy of the organisation's data while
//! Hearth keeps serving. SQLite writes one with `VACUUM INTO` (a snapshot
//! read in one transaction, so writes during the copy are either all in it
//! or not at all); PostgreSQL has its own tool for that, pg_dump. The copy
//! goes through the writer connection: a read-only connection cannot create
//! the file, and in WAL mode the copy does not hold up other processes' writes.

use crate::db::Db;
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
