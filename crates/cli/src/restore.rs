//! `hearth restore FILE`: puts a backup made by `hearth backup` in place as
//! the data folder's database, once it is known to be sound, to be Hearth's,
//! and not newer than this binary, and only where no organisation lives yet.
//! The copy is checked and brought up to date beside the target, then moved
//! into place in one rename, so a failed restore leaves nothing half-done.

use crate::config::{DatabaseArgs, redact_url};
use anyhow::{Result, anyhow, bail};
use clap::Args;
use hearth_store::{Db, MigrationError};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct RestoreArgs {
    /// The backup to restore (a file `hearth backup` wrote).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    #[command(flatten)]
    pub database: DatabaseArgs,
}

/// The first bytes of every SQLite database file.
const SQLITE_HEADER: &[u8] = b"SQLite format 3\0";
/// The first bytes of a pg_dump custom-format file.
const PG_DUMP_HEADER: &[u8] = b"PGDMP";

/// A file beside `path` with `suffix` added to its name.
fn beside(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn remove_with_journals(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let _ = std::fs::remove_file(beside(path, suffix));
    }
}

pub async fn run(args: RestoreArgs) -> Result<ExitCode> {
    let target = match args.database.database_url.as_deref() {
        Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
            eprintln!(
                "hearth: this database is PostgreSQL, which restores its own copies (made with pg_dump):\n  \
                 pg_restore --no-owner --dbname '{}' {}\n\
                 Restore into an empty database, then start Hearth with --database-url pointing at it.",
                redact_url(url),
                args.file.display()
            );
            return Ok(ExitCode::from(2));
        }
        Some(url) => url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
            .map(PathBuf::from)
            .ok_or_else(|| {
                anyhow!(
                    "the database URL must start with postgres:// or sqlite:// (it was {})",
                    redact_url(url)
                )
            })?,
        None => args.database.data_dir.join("hearth.db"),
    };
    check_backup_file(&args.file)?;
    check_target_is_empty(&target).await?;
    if let Some(folder) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder)
            .map_err(|e| anyhow!("could not create the folder {}: {e}", folder.display()))?;
    }

    let restoring = beside(&target, ".restoring");
    remove_with_journals(&restoring);
    std::fs::copy(&args.file, &restoring).map_err(|e| {
        anyhow!(
            "could not copy {} to {}: {e}",
            args.file.display(),
            restoring.display()
        )
    })?;
    match prepare_copy(&restoring, &args.file).await {
        Ok((organisation, people)) => {
            // The checked copy takes the empty database's place in one step.
            remove_with_journals(&target);
            std::fs::rename(&restoring, &target).map_err(|e| {
                anyhow!(
                    "could not move the restored copy into place at {}: {e}",
                    target.display()
                )
            })?;
            let people_text = if people == 1 {
                "1 person".to_owned()
            } else {
                format!("{people} people")
            };
            println!(
                "Restored {organisation} ({people_text}) from {} into {}.\nStart Hearth on it with: hearth serve --data-dir {}",
                args.file.display(),
                target.display(),
                target
                    .parent()
                    .map_or_else(|| ".".into(), |p| p.display().to_string())
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => {
            remove_with_journals(&restoring);
            Err(error)
        }
    }
}

fn check_backup_file(file: &Path) -> Result<()> {
    let mut header = [0u8; 16];
    let read = std::fs::File::open(file).and_then(|mut f| {
        use std::io::Read;
        f.read(&mut header)
    });
    match read {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            bail!("there is no file {}", file.display())
        }
        Err(error) => bail!("could not read {}: {error}", file.display()),
        Ok(_) if header.starts_with(PG_DUMP_HEADER) => bail!(
            "{} is a PostgreSQL dump: restore it with pg_restore into an empty PostgreSQL database (see docs/data.md)",
            file.display()
        ),
        Ok(n) if n < SQLITE_HEADER.len() || header != SQLITE_HEADER => bail!(
            "{} is not a Hearth backup: it is not an SQLite database",
            file.display()
        ),
        Ok(_) => Ok(()),
    }
}

/// The target may be missing, or a database nobody has used yet (as
/// `hearth migrate` leaves it); never one with an organisation in it.
async fn check_target_is_empty(target: &Path) -> Result<()> {
    if !target.exists() {
        return Ok(());
    }
    if beside(target, "-wal").exists() {
        bail!(
            "Hearth seems to be running on {} (its write-ahead log is open): stop it first",
            target.display()
        );
    }
    let db = Db::open_sqlite(target)
        .await
        .map_err(|e| anyhow!("could not open {}: {e}", target.display()))?;
    let check = db.check().await;
    db.close().await;
    let check = check?;
    if !check.is_hearth && check.tables > 0 {
        bail!(
            "{} holds another program's database: restore into an empty data folder",
            target.display()
        );
    }
    if check.organisation.is_some() || check.people > 0 {
        bail!(
            "{} already holds {} ({} accounts): restore into an empty data folder, or, with Hearth stopped, move that database aside first",
            target.display(),
            check.organisation.as_deref().unwrap_or("an organisation"),
            check.people
        );
    }
    Ok(())
}

/// Checks the copy and brings its schema up to date; gives the
/// organisation's name and how many accounts it holds.
async fn prepare_copy(copy: &Path, original: &Path) -> Result<(String, i64)> {
    let db = Db::open_sqlite(copy).await.map_err(|e| {
        anyhow!(
            "{} is damaged, so it was not restored (SQLite could not open it: {e})",
            original.display()
        )
    })?;
    let result = async {
        let check = db.check().await?;
        if !check.damage.is_empty() {
            bail!(
                "{} is damaged, so it was not restored (SQLite says: {})",
                original.display(),
                check.damage.join("; ")
            );
        }
        if !check.is_hearth {
            bail!(
                "{} is an SQLite database, but not Hearth's",
                original.display()
            );
        }
        match db.migrate().await {
            Ok(()) => {}
            Err(MigrationError::DatabaseNewerThanBinary(version)) => bail!(
                "{} was made by a newer Hearth (schema version {version}): upgrade Hearth, then restore",
                original.display()
            ),
            Err(error) => bail!("could not bring {} up to date: {error}", original.display()),
        }
        let organisation = check
            .organisation
            .ok_or_else(|| anyhow!("{} holds no organisation", original.display()))?;
        Ok((organisation, check.people))
    }
    .await;
    db.close().await;
    result
}
