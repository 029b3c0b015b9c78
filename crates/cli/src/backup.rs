//! `hearth backup FILE`: a consistent copy of the SQLite database while
//! `hearth serve` keeps running; on PostgreSQL it explains pg_dump instead.
//! `hearth restore FILE` puts such a copy back (restore.rs).

use crate::config::{DatabaseArgs, redact_url};
use crate::database;
use anyhow::{Result, anyhow};
use clap::Args;
use hearth_store::{BackupOutcome, StoreError};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct BackupArgs {
    /// The file to write; it must not exist yet.
    #[arg(value_name = "FILE", required_unless_present = "to")]
    pub file: Option<PathBuf>,
    /// The same, as a flag (the first releases spelled it this way).
    #[arg(long = "to", value_name = "FILE", conflicts_with = "file", hide = true)]
    pub to: Option<PathBuf>,
    #[command(flatten)]
    pub database: DatabaseArgs,
}

pub async fn run(args: BackupArgs) -> Result<ExitCode> {
    let to = args
        .file
        .or(args.to)
        .ok_or_else(|| anyhow!("name the file to write: hearth backup FILE"))?;
    if args.database.database_url.is_none() && !args.database.data_dir.join("hearth.db").exists() {
        return Err(anyhow!(
            "there is no database in {}: name the data folder with --data-dir, or the database with --database-url",
            args.database.data_dir.display()
        ));
    }
    let db = database::connect(&args.database).await?;
    let outcome = db.backup_to(&to).await;
    db.close().await;
    match outcome {
        Ok(BackupOutcome::Written) => {
            let size = std::fs::metadata(&to).map(|m| m.len()).unwrap_or(0);
            println!(
                "Wrote a consistent copy of the database to {} ({size} bytes).",
                to.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Ok(BackupOutcome::UsePgDump) => {
            let url = args
                .database
                .database_url
                .as_deref()
                .map(redact_url)
                .unwrap_or_default();
            eprintln!(
                "hearth: this database is PostgreSQL, which makes its own consistent copies while Hearth runs:\n  \
                 pg_dump --format=custom --file {} '{url}'\n\
                 To restore into an empty database: pg_restore --no-owner --dbname '<new database URL>' {}",
                to.display(),
                to.display()
            );
            Ok(ExitCode::from(2))
        }
        Err(StoreError::Conflict(_)) => Err(anyhow!(
            "{} already exists: choose a new file name, so no earlier backup is overwritten",
            to.display()
        )),
        Err(error) => Err(anyhow!(
            "could not write the backup to {}: {error}",
            to.display()
        )),
    }
}
