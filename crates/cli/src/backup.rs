//! `hearth backup --to FILE`: a consistent copy of the SQLite database while
//! `hearth serve` keeps running; on PostgreSQL it explains pg_dump instead.
//! docs/data.md says how to restore either.

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
    #[arg(long = "to", value_name = "FILE")]
    pub to: PathBuf,
    #[command(flatten)]
    pub database: DatabaseArgs,
}

pub async fn run(args: BackupArgs) -> Result<ExitCode> {
    if args.database.database_url.is_none() && !args.database.data_dir.join("hearth.db").exists() {
        return Err(anyhow!(
            "there is no database in {}: name the data folder with --data-dir, or the database with --database-url",
            args.database.data_dir.display()
        ));
    }
    let db = database::connect(&args.database).await?;
    let outcome = db.backup_to(&args.to).await;
    db.close().await;
    match outcome {
        Ok(BackupOutcome::Written) => {
            let size = std::fs::metadata(&args.to).map(|m| m.len()).unwrap_or(0);
            println!(
                "Wrote a consistent copy of the database to {} ({size} bytes).",
                args.to.display()
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
                args.to.display(),
                args.to.display()
            );
            Ok(ExitCode::from(2))
        }
        Err(StoreError::Conflict(_)) => Err(anyhow!(
            "{} already exists: choose a new file name, so no earlier backup is overwritten",
            args.to.display()
        )),
        Err(error) => Err(anyhow!(
            "could not write the backup to {}: {error}",
            args.to.display()
        )),
    }
}
