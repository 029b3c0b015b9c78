//! The reports' drop-in heat map (issue 9): walk-ins seen by weekday and hour,
//! as an SVG, its data table and a CSV of exactly that table. Every cell is
//! a figure about support, so counts below 5 read "fewer than 5".

use super::reports::{Figure, FilterQuery, Prepared, Table, count_text, csv_response, prepare};
use crate::context::SignedIn;
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::heatmap::{Cell, heat_svg};
use axum::Router;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;
use hearth_store::{Count, DropInHours};

pub fn router() -> Router<AppState> {
    Router::new().route("/reports/drop-in-hours.csv", get(csv_get))
}

const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// The hours the figure spans: those with visits, else a usual opening day.
fn hours(report: &DropInHours) -> std::ops::RangeInclusive<usize> {
    let (first, last) = report.hours.unwrap_or((9, 17));
    first..=last
}

fn hour_label(hour: usize) -> String {
    format!("{hour:02}")
}

/// The table as shown and downloaded: a row per weekday, a column per hour.
/// The CSV writes a hidden count as `<5`, like the other report downloads.
fn table(tr: &Tr, report: &DropInHours, for_csv: bool) -> Table {
    let mut head = vec![tr.t("reports-dropin-day")];
    head.extend(hours(report).map(|h| format!("{}:00", hour_label(h))));
    let rows = WEEKDAYS
        .iter()
        .zip(report.cells.iter())
        .map(|(day, cells)| {
            let mut row = vec![tr.t(&format!("reports-dropin-{day}"))];
            row.extend(hours(report).map(|h| {
                if for_csv {
                    cells[h].text()
                } else {
                    count_text(tr, cells[h])
                }
            }));
            row
        })
        .collect();
    Table { head, rows }
}

fn svg(tr: &Tr, report: &DropInHours, labelled_by: &str) -> String {
    let columns: Vec<String> = hours(report).map(hour_label).collect();
    let rows: Vec<(String, Vec<Cell>)> = WEEKDAYS
        .iter()
        .zip(report.cells.iter())
        .map(|(day, cells)| {
            let cells = hours(report)
                .map(|h| Cell {
                    value: cells[h].value(),
                    shown: match cells[h] {
                        Count::Shown(n) => n.to_string(),
                        Count::FewerThanFive => "<5".to_owned(),
                    },
                })
                .collect();
            (tr.t(&format!("reports-dropin-{day}-short")), cells)
        })
        .collect();
    heat_svg(&columns, &rows, labelled_by)
}

/// The figure for the reports page.
pub(crate) async fn figure(
    state: &AppState,
    prepared: &Prepared,
    query: &str,
) -> AppResult<Figure> {
    let tr = &prepared.tr;
    let report = state
        .store
        .reports()
        .drop_in_hours(&prepared.filter)
        .await?;
    Ok(Figure {
        id: "drop-in-hours",
        caption: tr.t1(
            "reports-dropin-caption",
            "total",
            count_text(tr, report.total),
        ),
        svg: svg(tr, &report, "drop-in-hours-caption"),
        table: table(tr, &report, false),
        csv: if query.is_empty() {
            "/reports/drop-in-hours.csv".to_owned()
        } else {
            format!("/reports/drop-in-hours.csv?{query}")
        },
    })
}

async fn csv_get(
    State(state): State<AppState>,
    me: SignedIn,
    Query(query): Query<FilterQuery>,
) -> AppResult<Response> {
    let prepared = prepare(&state, &me, &query).await?;
    if !prepared.errors.is_empty() {
        return Err(AppError::NotFound);
    }
    let report = state
        .store
        .reports()
        .drop_in_hours(&prepared.filter)
        .await?;
    Ok(csv_response(
        "drop-in-hours.csv",
        table(&prepared.tr, &report, true).csv()?,
    ))
}
