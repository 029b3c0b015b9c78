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
