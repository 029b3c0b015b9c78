//! The two databases behind one type.

use sqlx::migrate::{MigrateError, Migrator};
use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// SQLite lets one connection write at a time; giving writes their own
/// single-connection pool makes them queue in order instead of retrying on
/// "database is locked", while readers run alongside in WAL mode.
#[derive(Debug, Clone)]
pub struct SqliteDb {
    pub(crate) reader: SqlitePool,
    pub(crate) writer: SqlitePool,
}

#[derive(Debug, Clone)]
pub enum Db {
    Sqlite(SqliteDb),
    Postgres(PgPool),
}

/// Runs the same SQL text on either database. `read` uses any connection,
/// `write` the one SQLite writer.
macro_rules! on_db {
    ($db:expr, read |$pool:ident| $body:expr) => {
        match $db {
            $crate::db::Db::Sqlite(sqlite) => {
                let $pool = &sqlite.reader;
                $body
            }
            $crate::db::Db::Postgres($pool) => $body,
        }
    };
    ($db:expr, write |$pool:ident| $body:expr) => {
        match $db {
            $crate::db::Db::Sqlite(sqlite) => {
                let $pool = &sqlite.writer;
                $body
            }
            $crate::db::Db::Postgres($pool) => $body,
        }
    };
}
pub(crate) use on_db;

/// Why the schema could not be brought up to date.
#[derive(Debug, thiserror::Error)]
pub enum MigrationError {
    #[error(
        "the database was last used by a newer version of Hearth (it has migration {0}, which this binary does not know). Run the newer binary, or restore a backup made for this one."
    )]
    DatabaseNewerThanBinary(i64),
    #[error("the database schema could not be updated: {0}")]
    Failed(#[from] MigrateError),
}

impl Db {
    /// Opens (creating if needed) an SQLite database file.
    pub async fn open_sqlite(path: &Path) -> Result<Db, sqlx::Error> {
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(Duration::from_secs(10))
            .foreign_keys(true)
            .pragma("temp_store", "memory");
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options.clone())
            .await?;
        let reader = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options.read_only(true))
            .await?;
        Ok(Db::Sqlite(SqliteDb { reader, writer }))
    }

    /// Connects to PostgreSQL (`postgres://...`).
    pub async fn connect_postgres(url: &str) -> Result<Db, sqlx::Error> {
        let options = sqlx::postgres::PgConnectOptions::from_str(url)?;
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await?;
        Ok(Db::Postgres(pool))
    }

    pub fn backend(&self) -> Backend {
        match self {
            Db::Sqlite(_) => Backend::Sqlite,
            Db::Postgres(_) => Backend::Postgres,
        }
    }

    /// Brings the schema up to date. Refuses a database newer than the binary.
    pub async fn migrate(&self) -> Result<(), MigrationError> {
        let result = match self {
            Db::Sqlite(sqlite) => SQLITE_MIGRATIONS.run(&sqlite.writer).await,
            Db::Postgres(pool) => POSTGRES_MIGRATIONS.run(pool).await,
        };
        match result {
            Err(MigrateError::VersionMissing(version)) => {
                Err(MigrationError::DatabaseNewerThanBinary(version))
            }
            other => other.map_err(MigrationError::Failed),
        }
    }

    /// Runs one administrative statement that takes no values, such as
    /// `CREATE DATABASE` for a test run. Never pass text a person typed.
    pub async fn execute_raw(&self, statement: &str) -> Result<(), sqlx::Error> {
        let statement = sqlx::AssertSqlSafe(statement.to_owned());
        on_db!(
            self,
            write | pool | sqlx::raw_sql(statement).execute(pool).await.map(|_| ())
        )
    }

    /// Whether the database answers (for `/readyz`).
    pub async fn ping(&self) -> bool {
        on_db!(
            self,
            read | pool
                | sqlx::query("SELECT 1")
                    .execute(pool)
                    .await
                    .map(|r| r.rows_affected())
                    .is_ok()
        )
    }

    pub async fn close(&self) {
        match self {
            Db::Sqlite(sqlite) => {
                sqlite.reader.close().await;
                sqlite.writer.close().await;
            }
            Db::Postgres(pool) => pool.close().await,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    /// Migration 0022 rebuilds `events` on SQLite (to let `cohort_id` be
    /// empty). An event held before it, and everything hanging off it by a
    /// cascading foreign key, must come through untouched.
    #[tokio::test]
    async fn rebuilding_events_on_sqlite_keeps_what_hangs_off_them() {
        let dir = std::env::temp_dir().join(format!("hearth-migrate-{}", uuid::Uuid::now_v7()));
        std::fs::create_dir_all(&dir).unwrap();
        let db = Db::open_sqlite(&dir.join("hearth.db")).await.unwrap();
        let Db::Sqlite(sqlite) = &db else {
            unreachable!()
        };
        let before = Migrator {
            migrations: std::borrow::Cow::Owned(
                SQLITE_MIGRATIONS
                    .migrations
                    .iter()
                    .filter(|m| m.version < 22)
                    .cloned()
                    .collect(),
            ),
            ..Migrator::DEFAULT
        };
        before.run(&sqlite.writer).await.unwrap();
        let (user, site, programme, cohort, event) = (
            uuid::Uuid::now_v7(),
            uuid::Uuid::now_v7(),
            uuid::Uuid::now_v7(),
            uuid::Uuid::now_v7(),
            uuid::Uuid::now_v7(),
        );
        let setup = sqlx::query(
            "INSERT INTO users (id, email, display_name, name_search, created_at) VALUES ($1, 'a@b.example', 'A', 'a', 0);
             INSERT INTO sites (id, name, kind, created_at) VALUES ($2, 'Site', 'school', 0);
             INSERT INTO programmes (id, name, created_at) VALUES ($3, 'P', 0);
             INSERT INTO cohorts (id, programme_id, site_id, name, created_at) VALUES ($4, $3, $2, 'C', 0);
             INSERT INTO events (id, cohort_id, title, starts_at, time_zone, run_sheet, created_by, created_at)
                 VALUES ($5, $4, 'Fishbowl', 1, 'UTC', '{}', $1, 0);
             INSERT INTO event_log (event_id, seq, visibility, change, at) VALUES ($5, 1, 'everyone', '{}', 0);
             INSERT INTO reflections (event_id, step, user_id, text, updated_at) VALUES ($5, 2, $1, 'mine', 0);
             INSERT INTO event_hosts (event_id, user_id) VALUES ($5, $1);",
        );
        // Several statements with shared values: bind by number, once each.
        let setup = setup
            .bind(user)
            .bind(site)
            .bind(programme)
            .bind(cohort)
            .bind(event);
        setup.execute(&sqlite.writer).await.unwrap();

        db.migrate().await.unwrap();

        let counts: (i64, i64, i64, i64) = sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM events WHERE cohort_id = $1 AND support_group_id IS NULL),
                    (SELECT COUNT(*) FROM event_log), (SELECT COUNT(*) FROM reflections),
                    (SELECT COUNT(*) FROM event_hosts)",
        )
        .bind(cohort)
        .fetch_one(&sqlite.writer)
        .await
        .unwrap();
        assert_eq!(counts, (1, 1, 1, 1));
        // Foreign keys are on again, and the references follow the new table.
        let (on,): (i64,) = sqlx::query_as("PRAGMA foreign_keys")
            .fetch_one(&sqlite.writer)
            .await
            .unwrap();
        assert_eq!(on, 1);
        let orphan = sqlx::query(
            "INSERT INTO event_log (event_id, seq, visibility, change, at) VALUES ($1, 1, 'everyone', '{}', 0)",
        )
        .bind(uuid::Uuid::now_v7())
        .execute(&sqlite.writer)
        .await;
        assert!(orphan.is_err(), "event_log still refers to events");
        sqlx::query("DELETE FROM events WHERE id = $1")
            .bind(event)
            .execute(&sqlite.writer)
            .await
            .unwrap();
        let (left,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM event_log")
            .fetch_one(&sqlite.writer)
            .await
            .unwrap();
        assert_eq!(left, 0, "deleting an event still cascades");
        db.close().await;
        let _ = std::fs::remove_dir_all(dir);
    }
}
