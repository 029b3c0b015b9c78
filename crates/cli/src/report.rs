//! `hearth report activity`: the reports page's numbers for scripts and
//! funders, from the same query module (`store.reports()`) and the same
//! database as `hearth serve`. CSV or JSON on stdout; on bad input a message
//! on stderr, exit code 2 and nothing on stdout.

use crate::config::DatabaseArgs;
use crate::database;
use clap::{Args, Subcommand, ValueEnum};
use hearth_domain::org::SiteKind;
use hearth_store::{ActivityReport, ActivityRow, Dimension, ReportFilter, Store};
use std::process::ExitCode;

#[derive(Subcommand, Debug)]
pub enum ReportCommand {
    /// Unique people, attendances and activities, broken down as you ask.
    Activity(ActivityFlags),
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    Csv,
    Json,
}

#[derive(Args, Debug)]
pub struct ActivityFlags {
    /// A programme, by name or id.
    #[arg(long)]
    programme: Option<String>,
    /// A phase, by name or id.
    #[arg(long)]
    phase: Option<String>,
    /// A site, by name or id.
    #[arg(long)]
    site: Option<String>,
    /// A kind of site: school, campus, municipality or community-centre.
    #[arg(long)]
    site_kind: Option<String>,
    /// A kind of activity, by its short name (e.g. supervision).
    #[arg(long)]
    kind: Option<String>,
    /// The first day counted (YYYY-MM-DD, the organisation's calendar).
    #[arg(long)]
    from: Option<String>,
    /// The last day counted (included).
    #[arg(long)]
    to: Option<String>,
    /// The breakdown: any of kind, site, month, separated by commas.
    #[arg(long, default_value = "kind,site,month")]
    by: String,
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    format: Format,
    #[command(flatten)]
    database: DatabaseArgs,
}

/// Bad input (exit 2) or a failure of the database (exit 1).
enum Failure {
    Input(String),
    Other(anyhow::Error),
}

impl<E: Into<anyhow::Error>> From<E> for Failure {
    fn from(error: E) -> Failure {
        Failure::Other(error.into())
    }
}

pub async fn run(command: ReportCommand) -> ExitCode {
    let ReportCommand::Activity(flags) = command;
    match activity(&flags).await {
        Ok(output) => {
            print!("{output}");
            ExitCode::SUCCESS
        }
        Err(Failure::Input(message)) => {
            eprintln!("hearth report: {message}");
            ExitCode::from(2)
        }
        Err(Failure::Other(error)) => {
            eprintln!("hearth report: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn date(flag: &str, value: Option<&str>) -> Result<Option<jiff::civil::Date>, Failure> {
    value
        .map(|v| {
            v.trim().parse::<jiff::civil::Date>().map_err(|_| {
                Failure::Input(format!(
                    "--{flag} \"{v}\" is not a date; write it as YYYY-MM-DD, for example 2026-09-01"
                ))
            })
        })
        .transpose()
}

fn same(name: &str, id: impl std::fmt::Display, wanted: &str) -> bool {
    id.to_string() == wanted.trim() || name.to_lowercase() == wanted.trim().to_lowercase()
}

/// Reads the flags into a filter, checking every name against the database.
async fn filter(store: &Store, flags: &ActivityFlags) -> Result<ReportFilter, Failure> {
    let mut filter = ReportFilter {
        from: date("from", flags.from.as_deref())?,
        to: date("to", flags.to.as_deref())?,
        ..ReportFilter::default()
    };
    if let (Some(from), Some(to)) = (filter.from, filter.to)
        && to < from
    {
        return Err(Failure::Input(format!("--to {to} is before --from {from}")));
    }
    let programmes = store.org().programmes(true).await?;
    if let Some(wanted) = &flags.programme {
        let found = programmes
            .iter()
            .find(|p| same(&p.name, p.id, wanted))
            .ok_or_else(|| {
                Failure::Input(format!(
                    "there is no programme called \"{wanted}\" (programmes: {})",
                    programmes
                        .iter()
                        .map(|p| p.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            })?;
        filter.programme = Some(found.id);
    }
    if let Some(wanted) = &flags.phase {
        let found = programmes
            .iter()
            .flat_map(|p| p.phases.iter())
            .find(|p| same(&p.name, p.id, wanted))
            .ok_or_else(|| Failure::Input(format!("there is no phase called \"{wanted}\"")))?;
        filter.phase = Some(found.id);
    }
    if let Some(wanted) = &flags.site {
        let sites = store.org().sites(true).await?;
        let found = sites
            .iter()
            .find(|s| same(&s.name, s.id, wanted))
            .ok_or_else(|| Failure::Input(format!("there is no site called \"{wanted}\"")))?;
        filter.site = Some(found.id);
    }
    if let Some(wanted) = &flags.site_kind {
        let kind = wanted.trim().parse::<SiteKind>().map_err(|_| {
            Failure::Input(format!(
                "\"{wanted}\" is not a kind of site (school, campus, municipality, community-centre)"
            ))
        })?;
        filter.site_kind = Some(kind.as_str().to_owned());
    }
    if let Some(wanted) = &flags.kind {
        let kinds = store.activities().kinds().await?;
        let found = kinds
            .iter()
            .find(|k| {
                k.slug == wanted.trim() || k.name.to_lowercase() == wanted.trim().to_lowercase()
            })
            .ok_or_else(|| {
                Failure::Input(format!(
                    "\"{wanted}\" is not a kind of activity (kinds: {})",
                    kinds
                        .iter()
                        .map(|k| k.slug.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            })?;
        filter.kind = Some(found.slug.clone());
    }
    Ok(filter)
}

async fn activity(flags: &ActivityFlags) -> Result<String, Failure> {
    // Flags that need no database are checked before opening it.
    let by = Dimension::parse_list(&flags.by).map_err(|part| {
        Failure::Input(format!(
            "--by \"{part}\" is not a breakdown; use any of kind, site, month separated by commas"
        ))
    })?;
    date("from", flags.from.as_deref())?;
    date("to", flags.to.as_deref())?;
    let store = database::open(&flags.database).await?;
    let result = async {
        let filter = filter(&store, flags).await?;
        let report = store.reports().activity(&filter, &by).await?;
        let names: std::collections::HashMap<String, String> = store
            .activities()
            .kinds()
            .await?
            .into_iter()
            .map(|k| (k.slug, k.name))
            .collect();
        match flags.format {
            Format::Json => Ok(format!(
                "{}\n",
                serde_json::to_string_pretty(&serde_json::json!({
                    "by": by.iter().map(|d| d.as_str()).collect::<Vec<_>>(),
                    "rows": report.rows,
                    "total": report.total,
                }))?
            )),
            Format::Csv => csv(&by, &report, &names),
        }
    }
    .await;
    store.db().close().await;
    result
}

/// The page's CSV with machine-friendly headers: the same rows, the kind by
/// its stored name, and the total last.
fn csv(
    by: &[Dimension],
    report: &ActivityReport,
    names: &std::collections::HashMap<String, String>,
) -> Result<String, Failure> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut head: Vec<&str> = by.iter().map(|d| d.as_str()).collect();
    head.extend(["activities", "people", "attendances"]);
    writer.write_record(&head)?;
    let line = |row: &ActivityRow, label: Vec<String>| {
        let mut cells = label;
        cells.push(row.activities.to_string());
        cells.push(row.people.text());
        cells.push(row.attendances.text());
        cells
    };
    if !by.is_empty() {
        for row in &report.rows {
            let mut label = Vec::new();
            if let Some(kind) = &row.kind {
                label.push(names.get(kind).cloned().unwrap_or_else(|| kind.clone()));
            }
            if let Some(site) = &row.site {
                label.push(site.clone());
            }
            if let Some(month) = &row.month {
                label.push(month.clone());
            }
            writer.write_record(line(row, label))?;
        }
    }
    let mut total = Vec::new();
    if !by.is_empty() {
        total.push("Total".to_owned());
        total.extend((1..by.len()).map(|_| String::new()));
    }
    writer.write_record(line(&report.total, total))?;
    let bytes = writer.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(String::from_utf8(bytes)?)
}
