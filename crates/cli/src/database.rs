//! Opening the database named by the flags, with errors that say how to fix them.

use crate::config::{DatabaseArgs, redact_url};
use anyhow::{Context, Result, anyhow};
use hearth_store::{Db, Store};
use std::path::PathBuf;

pub async fn open(args: &DatabaseArgs) -> Result<Store> {
    let db = connect(args).await?;
    db.migrate().await?;
    Ok(Store::new(db))
}

/// Connects without touching the schema (a backup copies it as it is).
pub async fn connect(args: &DatabaseArgs) -> Result<Db> {
    std::fs::create_dir_all(&args.data_dir).with_context(|| {
        format!(
            "could not create the data folder {}",
            args.data_dir.display()
        )
    })?;
    let db = match args.database_url.as_deref() {
        Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
            Db::connect_postgres(url).await.map_err(|error| {
                anyhow!(
                    "could not connect to the database at {}: {error}. Check that PostgreSQL is running, the database exists and the URL is right.",
                    redact_url(url)
                )
            })?
        }
        Some(url) => {
            let path = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")).map(PathBuf::from).ok_or_else(|| {
                anyhow!("the database URL must start with postgres:// or sqlite:// (it was {})", redact_url(url))
            })?;
            open_sqlite(path).await?
        }
        None => open_sqlite(args.data_dir.join("hearth.db")).await?,
    };
    Ok(db)
}

async fn open_sqlite(path: PathBuf) -> Result<Db> {
    Db::open_sqlite(&path).await.map_err(|error| {
        anyhow!(
            "could not open the SQLite database {}: {error}",
            path.display()
        )
    })
}
