//! The administrator's full export (issue 9, scope 6): a zip with one CSV
//! file per table and a README of the columns, read in one transaction so
//! the files agree with each other. What goes in, and what is left out and
//! why, is decided table by table in `org_export_catalogue`.

use crate::db::Db;
use crate::error::StoreError;
use crate::org_export_catalogue::{
    CATALOGUE, NUMBER_BIGINT_COLUMNS, TableExport, YES_NO_COLUMNS, catalogue_entry,
};
use crate::time::timestamp;
use sqlx::Row;
use std::fmt::Write as _;
use std::io::Write as _;
use tracing::instrument;

/// A finished export.
#[derive(Debug)]
pub struct OrganisationExport {
    /// The zip file's bytes.
    pub zip: Vec<u8>,
    /// Its file name, e.g. `hearth-export-2026-12-02.zip`.
    pub file_name: String,
    /// How many tables went in, and how many rows in all.
    pub tables: usize,
    pub rows: u64,
}

/// How a column's values read in the CSV (and in the README).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ColumnKind {
    Identifier,
    Time,
    Date,
    YesNo,
    Number,
    Text,
}

impl ColumnKind {
    fn describe(self) -> &'static str {
        match self {
            ColumnKind::Identifier => "identifier (links rows across files)",
            ColumnKind::Time => "time, ISO 8601 in UTC",
            ColumnKind::Date => "date, YYYY-MM-DD",
            ColumnKind::YesNo => "yes/no: true or false",
            ColumnKind::Number => "whole number",
            ColumnKind::Text => "text",
        }
    }
}

/// One column as the database declares it.
#[derive(Debug, Clone)]
pub struct SchemaColumn {
    pub name: String,
    /// The declared type, upper case (`BLOB`, `BIGINT`, `UUID`, `BOOLEAN`...).
    pub declared: String,
}

fn column_kind(table: &str, column: &SchemaColumn) -> ColumnKind {
    let declared = column.declared.as_str();
    if declared == "BLOB" || declared == "UUID" {
        ColumnKind::Identifier
    } else if YES_NO_COLUMNS.contains(&(table, column.name.as_str())) || declared == "BOOLEAN" {
        ColumnKind::YesNo
    } else if declared == "BIGINT" && !NUMBER_BIGINT_COLUMNS.contains(&column.name.as_str()) {
        ColumnKind::Time
    } else if declared.contains("INT") {
        ColumnKind::Number
    } else if column.name.ends_with("_on") {
        ColumnKind::Date
    } else {
        ColumnKind::Text
    }
}

/// A quoted SQL identifier. Names come from the schema, never from a user,
/// but quoting keeps a column called `until` or `at` a column.
fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// One cell as the CSV shows it.
fn cell(kind: ColumnKind, raw: Option<String>) -> String {
    let Some(raw) = raw else {
        return String::new();
    };
    match kind {
        ColumnKind::Identifier => uuid::Uuid::try_parse(&raw)
            .map(|id| id.to_string())
            .unwrap_or(raw),
        ColumnKind::Time => raw
            .parse::<i64>()
            .map(|ms| timestamp(ms).to_string())
            .unwrap_or(raw),
        ColumnKind::YesNo => match raw.as_str() {
            "1" | "true" | "t" => "true".into(),
            "0" | "false" | "f" => "false".into(),
            _ => raw,
        },
        ColumnKind::Date | ColumnKind::Number | ColumnKind::Text => raw,
    }
}

/// What the export found in one table.
struct ExportedTable {
    table: &'static str,
    about: &'static str,
    columns: KeptColumns,
    withheld: &'static [&'static str],
    rows: u64,
}

/// Reads a table's columns and rows as text, inside one transaction (`$conn`).
macro_rules! read_table {
    ($conn:expr, $columns_sql:expr, $cast:expr, $table:expr) => {{
        let columns: Vec<(String, String)> = sqlx::query_as($columns_sql)
            .bind($table)
            .fetch_all(&mut *$conn)
            .await?;
        let columns: Vec<SchemaColumn> = columns
            .into_iter()
            .map(|(name, declared)| SchemaColumn {
                name,
                declared: declared.to_uppercase(),
            })
            .collect();
        let rows: Vec<Vec<Option<String>>> = if columns.is_empty() {
            Vec::new()
        } else {
            let select: Vec<String> = columns.iter().map(|c| $cast(&quoted(&c.name))).collect();
            let sql = format!(
                "SELECT {} FROM {} ORDER BY 1",
                select.join(", "),
                quoted($table)
            );
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .fetch_all(&mut *$conn)
                .await?
                .iter()
                .map(|row| {
                    (0..columns.len())
                        .map(|i| row.try_get::<Option<String>, _>(i))
                        .collect::<Result<Vec<_>, _>>()
                })
                .collect::<Result<_, _>>()?
        };
        (columns, rows)
    }};
}

const SQLITE_COLUMNS: &str = "SELECT name, type FROM pragma_table_info($1) ORDER BY cid";
const POSTGRES_COLUMNS: &str = "SELECT column_name::text, data_type::text FROM information_schema.columns \
     WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position";

fn sqlite_text(column: &str) -> String {
    // Ids are 16-byte blobs in SQLite: hex, made a UUID again in `cell`.
    format!(
        "CASE WHEN typeof({column}) = 'blob' THEN lower(hex({column})) ELSE CAST({column} AS TEXT) END"
    )
}

fn postgres_text(column: &str) -> String {
    format!("{column}::text")
}

/// The zip being written, with the CSV of each table as it is read.
struct ZipBuilder {
    zip: zip::ZipWriter<std::io::Cursor<Vec<u8>>>,
    folder: String,
    options: zip::write::SimpleFileOptions,
}

fn zip_error(error: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("could not write the export: {error}"))
}

impl ZipBuilder {
    fn new(folder: String, now: jiff::Timestamp) -> Self {
        let civil = jiff::tz::TimeZone::UTC.to_datetime(now);
        let mut options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        // Zip keeps local times to two seconds; UTC is as good as any here.
        if let Ok(modified) = zip::DateTime::from_date_and_time(
            civil.year() as u16,
            civil.month() as u8,
            civil.day() as u8,
            civil.hour() as u8,
            civil.minute() as u8,
            civil.second() as u8,
        ) {
            options = options.last_modified_time(modified);
        }
        Self {
            zip: zip::ZipWriter::new(std::io::Cursor::new(Vec::new())),
            folder,
            options,
        }
    }

    fn add(&mut self, name: &str, bytes: &[u8]) -> Result<(), StoreError> {
        self.zip
            .start_file(format!("{}/{name}", self.folder), self.options)
            .map_err(zip_error)?;
        self.zip.write_all(bytes).map_err(zip_error)
    }

    fn finish(self) -> Result<Vec<u8>, StoreError> {
        Ok(self.zip.finish().map_err(zip_error)?.into_inner())
    }
}

/// The columns that went into a table's CSV, with how they read.
type KeptColumns = Vec<(String, ColumnKind)>;

/// One table's CSV: the header, then every row in the export's form.
fn table_csv(
    table: &'static str,
    columns: &[SchemaColumn],
    rows: Vec<Vec<Option<String>>>,
    withheld: &'static [&'static str],
) -> Result<(Vec<u8>, KeptColumns), StoreError> {
    let kept: Vec<(usize, String, ColumnKind)> = columns
        .iter()
        .enumerate()
        .filter(|(_, c)| !withheld.contains(&c.name.as_str()))
        .map(|(i, c)| (i, c.name.clone(), column_kind(table, c)))
        .collect();
    let mut csv = csv::Writer::from_writer(Vec::new());
    csv.write_record(kept.iter().map(|(_, name, _)| name.as_str()))
        .map_err(zip_error)?;
    for mut row in rows {
        let cells: Vec<String> = kept
            .iter()
            .map(|(i, _, kind)| cell(*kind, row.get_mut(*i).and_then(Option::take)))
            .collect();
        csv.write_record(&cells).map_err(zip_error)?;
    }
    let bytes = csv.into_inner().map_err(zip_error)?;
    Ok((
        bytes,
        kept.into_iter()
            .map(|(_, name, kind)| (name, kind))
            .collect(),
    ))
}

fn readme(organisation: &str, exported_at: jiff::Timestamp, tables: &[ExportedTable]) -> String {
    let mut text = String::new();
    let total: u64 = tables.iter().map(|t| t.rows).sum();
    let _ = writeln!(text, "# {organisation}: the organisation's data\n");
    let _ = writeln!(
        text,
        "Exported from Hearth at {} (UTC): {} tables, {total} rows, read at one moment so the files agree with each other.\n",
        exported_at.strftime("%Y-%m-%d %H:%M"),
        tables.len(),
    );
    text.push_str(
        "## How to read the files\n\n\
         - One CSV file per table: UTF-8, comma-separated, with a header row. Spreadsheets open them directly.\n\
         - Identifiers link rows across files: `user_id` in `attendance.csv` is an `id` in `users.csv`.\n\
         - Times are ISO 8601 in UTC (`2026-12-02T09:30:00Z`); dates are `YYYY-MM-DD`.\n\
         - Yes/no columns read `true` or `false`. An empty cell means nothing was recorded.\n\
         - This export was written to Hearth's audit log, with who downloaded it.\n\n",
    );
    text.push_str(
        "## What is left out, and why\n\n\
         Private writing (reflections, stocktakes, recovery stories, check-ins, conversations, drafts), \
         session logs and what people said about themselves in one-to-one support stay in Hearth, \
         where every read is audited; sign-in secrets never leave it.\n\n",
    );
    for entry in CATALOGUE {
        if let TableExport::Withheld { reason } = entry.export {
            let _ = writeln!(
                text,
                "- `{}`: {} Left out: {reason}.",
                entry.table, entry.about
            );
        }
    }
    text.push('\n');
    for table in tables.iter().filter(|t| !t.withheld.is_empty()) {
        let _ = writeln!(
            text,
            "- In `{}.csv`, these columns are left out: {}.",
            table.table,
            table
                .withheld
                .iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    text.push_str("\n## The files\n");
    for table in tables {
        let _ = writeln!(
            text,
            "\n### {}.csv ({} {})\n\n{}\n\n| Column | What it holds |\n|---|---|",
            table.table,
            table.rows,
            if table.rows == 1 { "row" } else { "rows" },
            table.about
        );
        for (name, kind) in &table.columns {
            let _ = writeln!(text, "| `{name}` | {} |", kind.describe());
        }
    }
    text
}

impl Db {
    /// The names of every table of the schema (migrations' own table aside).
    #[instrument(level = "debug", skip_all)]
    pub async fn schema_tables(&self) -> Result<Vec<String>, StoreError> {
        let names: Vec<(String,)> = match self {
            Db::Sqlite(sqlite) => {
                sqlx::query_as(
                    "SELECT name FROM sqlite_master WHERE type = 'table' \
                     AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_sqlx%' ORDER BY name",
                )
                .fetch_all(&sqlite.reader)
                .await?
            }
            Db::Postgres(pool) => {
                sqlx::query_as(
                    "SELECT table_name::text FROM information_schema.tables \
                     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' \
                     AND table_name NOT LIKE '\\_sqlx%' ORDER BY table_name",
                )
                .fetch_all(pool)
                .await?
            }
        };
        Ok(names.into_iter().map(|(name,)| name).collect())
    }

    /// The columns of `table`, in order.
    #[instrument(level = "debug", skip_all)]
    pub async fn table_columns(&self, table: &str) -> Result<Vec<SchemaColumn>, StoreError> {
        let columns: Vec<(String, String)> = match self {
            Db::Sqlite(sqlite) => {
                sqlx::query_as(SQLITE_COLUMNS)
                    .bind(table)
                    .fetch_all(&sqlite.reader)
                    .await?
            }
            Db::Postgres(pool) => {
                sqlx::query_as(POSTGRES_COLUMNS)
                    .bind(table)
                    .fetch_all(pool)
                    .await?
            }
        };
        Ok(columns
            .into_iter()
            .map(|(name, declared)| SchemaColumn {
                name,
                declared: declared.to_uppercase(),
            })
            .collect())
    }

    /// The columns PostgreSQL stores as BOOLEAN, as `(table, column)`
    /// (empty on SQLite, which has no such type).
    #[instrument(level = "debug", skip_all)]
    pub async fn boolean_columns(&self) -> Result<Vec<(String, String)>, StoreError> {
        match self {
            Db::Sqlite(_) => Ok(Vec::new()),
            Db::Postgres(pool) => Ok(sqlx::query_as(
                "SELECT table_name::text, column_name::text FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND data_type = 'boolean' AND table_name NOT LIKE '\\_sqlx%' \
                 ORDER BY table_name, column_name",
            )
            .fetch_all(pool)
            .await?),
        }
    }

    /// Writes the organisation's export: every table the catalogue lets out,
    /// read in one transaction, as a zip of CSV files with a README.
    #[instrument(level = "debug", skip_all)]
    pub async fn export_organisation(
        &self,
        organisation: &str,
        now_ms: i64,
    ) -> Result<OrganisationExport, StoreError> {
        let now = timestamp(now_ms);
        let day = now.strftime("%Y-%m-%d").to_string();
        let folder = format!("hearth-export-{day}");
        let mut zip = ZipBuilder::new(folder.clone(), now);
        let mut exported = Vec::new();
        let present = self.schema_tables().await?;
        let mut reads = Vec::new();
        // One snapshot for every table: a reader transaction on SQLite (WAL
        // keeps it at one moment), REPEATABLE READ on PostgreSQL.
        match self {
            Db::Sqlite(sqlite) => {
                let mut tx = sqlite.reader.begin().await?;
                for entry in CATALOGUE {
                    if let TableExport::Rows { withheld } = entry.export
                        && present.iter().any(|t| t == entry.table)
                    {
                        let (columns, rows) =
                            read_table!(tx, SQLITE_COLUMNS, sqlite_text, entry.table);
                        reads.push((entry, withheld, columns, rows));
                    }
                }
                tx.commit().await?;
            }
            Db::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                    .execute(&mut *tx)
                    .await?;
                for entry in CATALOGUE {
                    if let TableExport::Rows { withheld } = entry.export
                        && present.iter().any(|t| t == entry.table)
                    {
                        let (columns, rows) =
                            read_table!(tx, POSTGRES_COLUMNS, postgres_text, entry.table);
                        reads.push((entry, withheld, columns, rows));
                    }
                }
                tx.commit().await?;
            }
        }
        for (entry, withheld, columns, rows) in reads {
            let count = rows.len() as u64;
            let (csv, kept) = table_csv(entry.table, &columns, rows, withheld)?;
            zip.add(&format!("{}.csv", entry.table), &csv)?;
            exported.push(ExportedTable {
                table: entry.table,
                about: entry.about,
                columns: kept,
                withheld,
                rows: count,
            });
        }
        // A table the catalogue does not know yet stays out until someone
        // decides about it (the store tests make that decision due).
        for table in &present {
            if catalogue_entry(table).is_none() {
                tracing::warn!(table, "left out of the export: not in the catalogue");
            }
        }
        zip.add("README.md", readme(organisation, now, &exported).as_bytes())?;
        Ok(OrganisationExport {
            zip: zip.finish()?,
            file_name: format!("{folder}.zip"),
            tables: exported.len(),
            rows: exported.iter().map(|t| t.rows).sum(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column(name: &str, declared: &str) -> SchemaColumn {
        SchemaColumn {
            name: name.into(),
            declared: declared.into(),
        }
    }

    #[test]
    fn columns_read_as_their_kind_on_both_databases() {
        assert_eq!(
            column_kind("users", &column("id", "BLOB")),
            ColumnKind::Identifier
        );
        assert_eq!(
            column_kind("users", &column("id", "UUID")),
            ColumnKind::Identifier
        );
        assert_eq!(
            column_kind("users", &column("active", "INTEGER")),
            ColumnKind::YesNo
        );
        assert_eq!(
            column_kind("users", &column("active", "BOOLEAN")),
            ColumnKind::YesNo
        );
        assert_eq!(
            column_kind("users", &column("created_at", "BIGINT")),
            ColumnKind::Time
        );
        assert_eq!(
            column_kind("files", &column("size", "BIGINT")),
            ColumnKind::Number
        );
        assert_eq!(
            column_kind("phases", &column("position", "INTEGER")),
            ColumnKind::Number
        );
        assert_eq!(
            column_kind("phases", &column("starts_on", "TEXT")),
            ColumnKind::Date
        );
        assert_eq!(
            column_kind("phases", &column("name", "TEXT")),
            ColumnKind::Text
        );
    }

    #[test]
    fn cells_are_written_alike_from_both_databases() {
        let id = "0193a5b2c3d47e8f9a0b1c2d3e4f5a6b";
        let dashed = "0193a5b2-c3d4-7e8f-9a0b-1c2d3e4f5a6b";
        assert_eq!(cell(ColumnKind::Identifier, Some(id.into())), dashed);
        assert_eq!(cell(ColumnKind::Identifier, Some(dashed.into())), dashed);
        assert_eq!(
            cell(ColumnKind::Time, Some("1764667800000".into())),
            "2025-12-02T09:30:00Z"
        );
        assert_eq!(cell(ColumnKind::YesNo, Some("1".into())), "true");
        assert_eq!(cell(ColumnKind::YesNo, Some("f".into())), "false");
        assert_eq!(cell(ColumnKind::Text, None), "");
    }
}
