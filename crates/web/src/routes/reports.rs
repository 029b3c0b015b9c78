//! Reports: who took part, in what, where and when; training completion;
//! events and their feedback. Every figure comes from `store.reports()`
//! (the CLI calls the same), is drawn as an SVG with its table beside it,
//! and downloads as CSV with exactly the numbers shown. Activities that
//! happened outside Hearth are recorded here by hand or from CSV.

use super::{form_status, no_store, see_other};
use crate::context::SignedIn;
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::Layout;
use crate::views::chart::{self, Bar};
use crate::views::forms::{FieldErrors, ImportPreview, PreviewRow, read_csv_upload};
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Form, Multipart, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use hearth_domain::org::SiteKind;
use hearth_domain::policy::{Action, Actor, policy};
use hearth_domain::roles::Scope;
use hearth_domain::{PhaseId, ProgrammeId, SiteId, UserId};
use hearth_store::{
    ActivityKind, ActivityReport, Count, Dimension, EventsReport, Programme, RecordedActivity,
    ReportFilter, Site, StoreError, TrainingCompletion,
};
use serde::Deserialize;
use std::collections::HashMap;
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/reports", get(reports_get))
        .route("/reports/summary", get(summary_get))
        .route("/reports/activity.csv", get(activity_csv_get))
        .route("/reports/training.csv", get(training_csv_get))
        .route("/reports/events.csv", get(events_csv_get))
        .route("/reports/ongoing.csv", get(ongoing_csv_get))
        .route("/reports/referrals.csv", get(referrals_csv_get))
        .route("/reports/activities/new", get(record_get).post(record_post))
        .route(
            "/reports/activities/import",
            get(import_get).post(import_post),
        )
        .route(
            "/reports/activities/import/confirm",
            post(import_confirm_post),
        )
        .route("/reports/kinds", get(kinds_get).post(kinds_post))
}

// --- who sees what ---

/// The sites whose figures the viewer may see: `None` is all of them.
fn reach(me: &SignedIn) -> AppResult<Option<Vec<SiteId>>> {
    reach_for(me, Action::ViewReports)
}

fn reach_for(me: &SignedIn, action: Action) -> AppResult<Option<Vec<SiteId>>> {
    if me.may(action, Scope::Organisation) {
        return Ok(None);
    }
    let sites: Vec<SiteId> = me
        .user
        .grants
        .iter()
        .filter_map(|g| match g.scope {
            Scope::Site(site) => {
                let one = Actor {
                    user: me.actor.user,
                    grants: vec![*g],
                };
                policy(&one, action, g.scope).then_some(site)
            }
            _ => None,
        })
        .collect();
    if sites.is_empty() {
        return Err(AppError::Forbidden);
    }
    Ok(Some(sites))
}

fn within(reach: &Option<Vec<SiteId>>, site: SiteId) -> bool {
    reach.as_ref().is_none_or(|sites| sites.contains(&site))
}

// --- labels ---

/// A kind's name: Hearth's own kinds translated, the organisation's as typed.
fn kind_label(tr: &Tr, kinds: &[ActivityKind], slug: &str) -> String {
    let key = format!("activity-kind-{slug}");
    if tr.has(&key) {
        return tr.t(&key);
    }
    kinds
        .iter()
        .find(|k| k.slug == slug)
        .map_or_else(|| slug.to_owned(), |k| k.name.clone())
}

pub(crate) fn count_text(tr: &Tr, count: Count) -> String {
    match count {
        Count::Shown(n) => n.to_string(),
        Count::FewerThanFive => tr.t("reports-fewer-than-5"),
    }
}

fn month_label(month: &str) -> String {
    month.to_owned()
}

// --- the filter ---

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct FilterQuery {
    programme: String,
    phase: String,
    site: String,
    site_kind: String,
    kind: String,
    from: String,
    to: String,
    by: String,
    /// A confirmation to show (`flash-*`), not part of the filter.
    done: String,
}

impl FilterQuery {
    /// The filter again as a query string, for the CSV links and the summary.
    pub(crate) fn encoded(&self) -> String {
        let pairs = [
            ("programme", &self.programme),
            ("phase", &self.phase),
            ("site", &self.site),
            ("site_kind", &self.site_kind),
            ("kind", &self.kind),
            ("from", &self.from),
            ("to", &self.to),
        ];
        pairs
            .iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(k, v)| format!("{k}={}", crate::context::percent_encode(v.trim())))
            .collect::<Vec<_>>()
            .join("&")
    }
}

/// The lists the filter offers, limited to what the viewer may see.
struct Choices {
    programmes: Vec<Programme>,
    sites: Vec<Site>,
    kinds: Vec<ActivityKind>,
}

async fn choices(state: &AppState, reach: &Option<Vec<SiteId>>) -> AppResult<Choices> {
    let programmes = state.store.org().programmes(false).await?;
    let sites = state
        .store
        .org()
        .sites(false)
        .await?
        .into_iter()
        .filter(|s| within(reach, s.id))
        .collect();
    let kinds = state.store.activities().kinds().await?;
    Ok(Choices {
        programmes,
        sites,
        kinds,
    })
}

fn optional_id(errors: &mut FieldErrors, tr: &Tr, field: &'static str, raw: &str) -> Option<Uuid> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    match raw.parse::<Uuid>() {
        Ok(id) => Some(id),
        Err(_) => {
            errors.add_message(tr, field, "error-choose-one");
            None
        }
    }
}

/// Reads the filter; anything not understood is named field by field and
/// left out, so the page still shows figures.
fn parse_filter(
    tr: &Tr,
    query: &FilterQuery,
    choices: &Choices,
    reach: &Option<Vec<SiteId>>,
) -> AppResult<(ReportFilter, FieldErrors)> {
    let mut errors = FieldErrors::new();
    let mut filter = ReportFilter {
        within: reach.clone(),
        ..ReportFilter::default()
    };
    filter.programme = optional_id(&mut errors, tr, "programme", &query.programme)
        .filter(|id| {
            let known = choices.programmes.iter().any(|p| p.id.0 == *id);
            if !known {
                errors.add_message(tr, "programme", "error-choose-one");
            }
            known
        })
        .map(ProgrammeId);
    filter.phase = optional_id(&mut errors, tr, "phase", &query.phase)
        .filter(|id| {
            let known = choices
                .programmes
                .iter()
                .any(|p| p.phases.iter().any(|ph| ph.id.0 == *id));
            if !known {
                errors.add_message(tr, "phase", "error-choose-one");
            }
            known
        })
        .map(PhaseId);
    if let Some(site) = optional_id(&mut errors, tr, "site", &query.site) {
        let site = SiteId(site);
        // Another site's figures are not the viewer's to see.
        if !within(reach, site) {
            return Err(AppError::Forbidden);
        }
        if choices.sites.iter().any(|s| s.id == site) {
            filter.site = Some(site);
        } else {
            errors.add_message(tr, "site", "error-choose-one");
        }
    }
    let site_kind = query.site_kind.trim();
    if !site_kind.is_empty() {
        match site_kind.parse::<SiteKind>() {
            Ok(kind) => filter.site_kind = Some(kind.as_str().to_owned()),
            Err(_) => errors.add_message(tr, "site_kind", "error-choose-one"),
        }
    }
    let kind = query.kind.trim();
    if !kind.is_empty() {
        if choices.kinds.iter().any(|k| k.slug == kind) {
            filter.kind = Some(kind.to_owned());
        } else {
            errors.add_message(tr, "kind", "error-choose-one");
        }
    }
    filter.from = errors
        .check(tr, "from", hearth_domain::input::optional_date(&query.from))
        .flatten();
    filter.to = errors
        .check(tr, "to", hearth_domain::input::optional_date(&query.to))
        .flatten();
    if let (Some(from), Some(to)) = (filter.from, filter.to)
        && to < from
    {
        errors.add_message(tr, "to", "error-end-before-start");
        filter.to = None;
    }
    Ok((filter, errors))
}

pub(crate) struct Prepared {
    pub(crate) tr: Tr,
    reach: Option<Vec<SiteId>>,
    choices: Choices,
    pub(crate) filter: ReportFilter,
    pub(crate) errors: FieldErrors,
}

pub(crate) async fn prepare(
    state: &AppState,
    me: &SignedIn,
    query: &FilterQuery,
) -> AppResult<Prepared> {
    let reach = reach(me)?;
    let tr = Tr::new(me.ctx.language);
    let choices = choices(state, &reach).await?;
    let (filter, errors) = parse_filter(&tr, query, &choices, &reach)?;
    Ok(Prepared {
        tr,
        reach,
        choices,
        filter,
        errors,
    })
}

// --- figures as the page shows them ---

/// One table: its header and its rows of cells, exactly as shown and downloaded.
pub struct Table {
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub(crate) fn csv(&self) -> AppResult<String> {
        let mut writer = csv::Writer::from_writer(Vec::new());
        let io = |e: csv::Error| AppError::Internal(e.to_string());
        writer.write_record(&self.head).map_err(io)?;
        for row in &self.rows {
            writer.write_record(row).map_err(io)?;
        }
        let bytes = writer
            .into_inner()
            .map_err(|e| AppError::Internal(e.to_string()))?;
        String::from_utf8(bytes).map_err(|e| AppError::Internal(e.to_string()))
    }
}

fn activity_table(
    tr: &Tr,
    kinds: &[ActivityKind],
    by: &[Dimension],
    report: &ActivityReport,
    for_csv: bool,
) -> Table {
    let mut head: Vec<String> = by
        .iter()
        .map(|d| tr.t(&format!("reports-by-{}", d.as_str())))
        .collect();
    head.extend([
        tr.t("reports-activities"),
        tr.t("reports-people"),
        tr.t("reports-attendances"),
    ]);
    let shown = |count: Count| {
        if for_csv {
            count.text()
        } else {
            count_text(tr, count)
        }
    };
    let mut rows: Vec<Vec<String>> = report
        .rows
        .iter()
        .map(|row| {
            let mut cells = Vec::new();
            if let Some(kind) = &row.kind {
                cells.push(kind_label(tr, kinds, kind));
            }
            if let Some(site) = &row.site {
                cells.push(if site.is_empty() {
                    tr.t("reports-no-site")
                } else {
                    site.clone()
                });
            }
            if let Some(month) = &row.month {
                cells.push(month_label(month));
            }
            cells.push(row.activities.to_string());
            cells.push(shown(row.people));
            cells.push(shown(row.attendances));
            cells
        })
        .collect();
    // Without a breakdown the one line is the total.
    let mut total = if by.is_empty() {
        rows.clear();
        Vec::new()
    } else {
        let mut label = vec![tr.t("reports-total")];
        label.extend((1..by.len()).map(|_| String::new()));
        label
    };
    total.push(report.total.activities.to_string());
    total.push(shown(report.total.people));
    total.push(shown(report.total.attendances));
    rows.push(total);
    Table { head, rows }
}

fn training_table(tr: &Tr, lines: &[TrainingCompletion]) -> Table {
    Table {
        head: vec![
            tr.t("reports-cohort"),
            tr.t("reports-by-site"),
            tr.t("reports-modules"),
            tr.t("reports-trainees"),
            tr.t("reports-completed"),
            tr.t("reports-modules-signed"),
        ],
        rows: lines
            .iter()
            .map(|l| {
                vec![
                    l.cohort.clone(),
                    l.site.clone(),
                    l.modules.to_string(),
                    l.trainees.to_string(),
                    l.completed.to_string(),
                    l.modules_signed.to_string(),
                ]
            })
            .collect(),
    }
}

fn average_text(tr: &Tr, average: Option<f64>, answers: i64) -> String {
    match average {
        Some(a) => format!("{a:.1}"),
        None if answers == 0 => tr.t("reports-no-answers"),
        None => tr.t("reports-too-few-answers"),
    }
}

fn events_table(tr: &Tr, report: &EventsReport) -> Table {
    let mut rows: Vec<Vec<String>> = report
        .events
        .iter()
        .map(|e| {
            vec![
                e.date.clone(),
                e.title.clone(),
                e.site.clone(),
                e.people.to_string(),
                e.answers.to_string(),
                average_text(tr, e.average, e.answers),
            ]
        })
        .collect();
    rows.push(vec![
        tr.t("reports-total"),
        tr.n("reports-events-held-count", "count", report.held),
        String::new(),
        String::new(),
        report.answers.to_string(),
        average_text(tr, report.average, report.answers),
    ]);
    Table {
        head: vec![
            tr.t("reports-date"),
            tr.t("reports-event"),
            tr.t("reports-by-site"),
            tr.t("reports-people"),
            tr.t("reports-answers"),
            tr.t("reports-average"),
        ],
        rows,
    }
}

/// A chart with its caption, data table and download link.
pub struct Figure {
    pub id: &'static str,
    pub caption: String,
    pub svg: String,
    pub table: Table,
    pub csv: String,
}

fn bars(tr: &Tr, kinds: &[ActivityKind], report: &ActivityReport) -> Vec<Bar> {
    report
        .rows
        .iter()
        .map(|row| Bar {
            label: match (&row.kind, &row.site) {
                (Some(kind), _) => kind_label(tr, kinds, kind),
                (None, Some(site)) if site.is_empty() => tr.t("reports-no-site"),
                (None, Some(site)) => site.clone(),
                _ => String::new(),
            },
            value: row.attendances.value(),
            shown: count_text(tr, row.attendances),
        })
        .collect()
}

/// The page's charts; with the by-kind figures (for the totals) and the
/// whole kind × site × month table, all from one read of the attendance.
async fn figures(
    state: &AppState,
    prepared: &Prepared,
    query: &str,
) -> AppResult<(Vec<Figure>, ActivityReport, ActivityReport)> {
    let tr = &prepared.tr;
    let kinds = &prepared.choices.kinds;
    let reports = state.store.reports();
    let link = |by: &str| {
        if query.is_empty() {
            format!("/reports/activity.csv?by={by}")
        } else {
            format!("/reports/activity.csv?{query}&by={by}")
        }
    };
    let [by_kind, by_site, by_month, full]: [ActivityReport; 4] = reports
        .activity_breakdowns(
            &prepared.filter,
            &[
                &[Dimension::Kind],
                &[Dimension::Site],
                &[Dimension::Month],
                &Dimension::ALL,
            ],
        )
        .await?
        .try_into()
        .map_err(|_| AppError::Internal("four breakdowns were asked for".into()))?;
    let months: Vec<String> = by_month
        .rows
        .iter()
        .filter_map(|r| r.month.clone())
        .collect();
    let people: Vec<Option<i64>> = by_month.rows.iter().map(|r| r.people.value()).collect();
    let attendances: Vec<Option<i64>> = by_month
        .rows
        .iter()
        .map(|r| r.attendances.value())
        .collect();
    let figures = vec![
        Figure {
            id: "by-kind",
            caption: tr.t("reports-chart-kind"),
            svg: chart::bar_svg(&bars(tr, kinds, &by_kind), "by-kind-caption"),
            table: activity_table(tr, kinds, &[Dimension::Kind], &by_kind, false),
            csv: link("kind"),
        },
        Figure {
            id: "by-site",
            caption: tr.t("reports-chart-site"),
            svg: chart::bar_svg(&bars(tr, kinds, &by_site), "by-site-caption"),
            table: activity_table(tr, kinds, &[Dimension::Site], &by_site, false),
            csv: link("site"),
        },
        Figure {
            id: "by-month",
            caption: tr.t("reports-chart-month"),
            svg: chart::line_svg(&months, &[people, attendances], "by-month-caption"),
            table: activity_table(tr, kinds, &[Dimension::Month], &by_month, false),
            csv: link("month"),
        },
    ];
    Ok((figures, by_kind, full))
}

// --- the page ---

#[derive(Template, WebTemplate)]
#[template(path = "reports/index.html")]
struct ReportsView {
    layout: Layout,
    query: FilterQuery,
    errors: FieldErrors,
    programmes: Vec<Programme>,
    sites: Vec<Site>,
    site_kinds: Vec<(&'static str, String)>,
    kinds: Vec<(String, String)>,
    summary_link: String,
    totals: Vec<(String, String)>,
    figures: Vec<Figure>,
    breakdown: Table,
    breakdown_csv: String,
    training: Table,
    training_csv: String,
    events: Table,
    events_csv: String,
    may_record: bool,
    may_manage_kinds: bool,
    /// Ongoing supports open and closed, referrals by service (issue 7),
    /// each a chart with its table (issue 9).
    ongoing: (Figure, Figure),
}

fn with_query(path: &str, query: &str) -> String {
    if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{query}")
    }
}

async fn reports_get(
    State(state): State<AppState>,
    me: SignedIn,
    Query(query): Query<FilterQuery>,
) -> AppResult<Response> {
    let prepared = prepare(&state, &me, &query).await?;
    let tr = &prepared.tr;
    let encoded = query.encoded();
    let (mut figures, by_kind, full) = figures(&state, &prepared, &encoded).await?;
    figures.push(super::reports_dropin::figure(&state, &prepared, &encoded).await?);
    let training = state
        .store
        .reports()
        .training_completion(&prepared.filter)
        .await?;
    let events = state.store.reports().events(&prepared.filter).await?;
    let totals = vec![
        (tr.t("reports-people"), count_text(tr, by_kind.total.people)),
        (
            tr.t("reports-attendances"),
            count_text(tr, by_kind.total.attendances),
        ),
        (
            tr.t("reports-activities"),
            by_kind.total.activities.to_string(),
        ),
        (tr.t("reports-events-held"), events.held.to_string()),
    ];
    let kinds = prepared
        .choices
        .kinds
        .iter()
        .map(|k| {
            (
                k.slug.clone(),
                kind_label(tr, &prepared.choices.kinds, &k.slug),
            )
        })
        .collect();
    let site_kinds = SiteKind::ALL
        .iter()
        .map(|k| (k.as_str(), tr.t(&format!("site-kind-{}", k.as_str()))))
        .collect();
    let refused = !prepared.errors.is_empty();
    let view = ReportsView {
        layout: Layout::new(&state, &me.ctx, "/reports", tr.t("reports-title"))
            .await
            .with_flash(Some(query.done.as_str())),
        breakdown: activity_table(tr, &prepared.choices.kinds, &Dimension::ALL, &full, false),
        breakdown_csv: with_query(
            "/reports/activity.csv",
            &[encoded.as_str(), "by=kind,site,month"]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join("&"),
        ),
        training: training_table(tr, &training),
        training_csv: with_query("/reports/training.csv", &encoded),
        events: events_table(tr, &events),
        events_csv: with_query("/reports/events.csv", &encoded),
        summary_link: with_query("/reports/summary", &encoded),
        query,
        errors: prepared.errors,
        programmes: prepared.choices.programmes,
        sites: prepared.choices.sites,
        site_kinds,
        kinds,
        totals,
        figures,
        may_record: reach_for(&me, Action::RecordActivities).is_ok(),
        may_manage_kinds: me.may(Action::ManageActivityKinds, Scope::Organisation),
        ongoing: ongoing_figures(
            tr,
            &state
                .store
                .reports()
                .ongoing_support(&prepared.filter)
                .await?,
            &encoded,
        ),
    };
    Ok((form_status(refused), no_store(view)).into_response())
}

// --- CSV downloads ---

pub(crate) fn csv_response(name: &str, body: String) -> Response {
    super::attachment(body, "text/csv; charset=utf-8", name)
}

async fn activity_csv_get(
    State(state): State<AppState>,
    me: SignedIn,
    Query(query): Query<FilterQuery>,
) -> AppResult<Response> {
    let prepared = prepare(&state, &me, &query).await?;
    let by = Dimension::parse_list(&query.by).map_err(|_| AppError::NotFound)?;
    if !prepared.errors.is_empty() {
        return Err(AppError::NotFound);
    }
    let report = state
        .store
        .reports()
        .activity(&prepared.filter, &by)
        .await?;
    let table = activity_table(&prepared.tr, &prepared.choices.kinds, &by, &report, true);
    Ok(csv_response("activity.csv", table.csv()?))
}

async fn training_csv_get(
    State(state): State<AppState>,
    me: SignedIn,
    Query(query): Query<FilterQuery>,
) -> AppResult<Response> {
    let prepared = prepare(&state, &me, &query).await?;
    if !prepared.errors.is_empty() {
        return Err(AppError::NotFound);
    }
    let lines = state
        .store
        .reports()
        .training_completion(&prepared.filter)
        .await?;
    Ok(csv_response(
        "training.csv",
        training_table(&prepared.tr, &lines).csv()?,
    ))
}

async fn events_csv_get(
    State(state): State<AppState>,
    me: SignedIn,
    Query(query): Query<FilterQuery>,
) -> AppResult<Response> {
    let prepared = prepare(&state, &me, &query).await?;
    if !prepared.errors.is_empty() {
        return Err(AppError::NotFound);
    }
    let report = state.store.reports().events(&prepared.filter).await?;
    Ok(csv_response(
        "events.csv",
        events_table(&prepared.tr, &report).csv()?,
    ))
}

// --- the printable summary ---

#[derive(Template, WebTemplate)]
#[template(path = "reports/summary.html")]
struct SummaryView {
    layout: Layout,
    organisation: String,
    /// Where the organisation's logo is served, if it has one.
    logo: Option<String>,
    scope_lines: Vec<(String, String)>,
    totals: Vec<(String, String)>,
    by_kind: Table,
    by_site: Table,
    training: Table,
    events_line: String,
    back: String,
}

async fn summary_get(
    State(state): State<AppState>,
    me: SignedIn,
    Query(query): Query<FilterQuery>,
) -> AppResult<Response> {
    let prepared = prepare(&state, &me, &query).await?;
    let tr = &prepared.tr;
    let kinds = &prepared.choices.kinds;
    let reports = state.store.reports();
    let [by_kind, by_site]: [ActivityReport; 2] = reports
        .activity_breakdowns(&prepared.filter, &[&[Dimension::Kind], &[Dimension::Site]])
        .await?
        .try_into()
        .map_err(|_| AppError::Internal("two breakdowns were asked for".into()))?;
    let training = reports.training_completion(&prepared.filter).await?;
    let events = reports.events(&prepared.filter).await?;
    let org = state.store.org().organisation().await?;
    let logo = org.as_ref().and_then(super::org_logo::logo_src);
    let organisation = org.map_or_else(|| "Hearth".to_owned(), |o| o.name);
    let f = &prepared.filter;
    let all = tr.t("reports-all");
    let programme = f
        .programme
        .and_then(|id| prepared.choices.programmes.iter().find(|p| p.id == id))
        .map_or_else(|| all.clone(), |p| p.name.clone());
    let phase = f
        .phase
        .and_then(|id| {
            prepared
                .choices
                .programmes
                .iter()
                .flat_map(|p| p.phases.iter())
                .find(|ph| ph.id == id)
        })
        .map_or_else(|| all.clone(), |p| p.name.clone());
    let site = match (f.site, &prepared.reach) {
        (Some(id), _) => prepared
            .choices
            .sites
            .iter()
            .find(|s| s.id == id)
            .map_or_else(|| all.clone(), |s| s.name.clone()),
        (None, Some(_)) => prepared
            .choices
            .sites
            .iter()
            .map(|s| s.name.clone())
            .collect::<Vec<_>>()
            .join(", "),
        (None, None) => all.clone(),
    };
    let dates = match (f.from, f.to) {
        (None, None) => all.clone(),
        (from, to) => format!(
            "{} – {}",
            from.map(|d| d.to_string()).unwrap_or_default(),
            to.map(|d| d.to_string()).unwrap_or_default()
        ),
    };
    let kind = f
        .kind
        .as_deref()
        .map_or_else(|| all.clone(), |k| kind_label(tr, kinds, k));
    let scope_lines = vec![
        (tr.t("reports-programme"), programme),
        (tr.t("reports-phase"), phase),
        (tr.t("reports-by-site"), site),
        (tr.t("reports-by-kind"), kind),
        (tr.t("reports-dates"), dates),
    ];
    let totals = vec![
        (tr.t("reports-people"), count_text(tr, by_kind.total.people)),
        (
            tr.t("reports-attendances"),
            count_text(tr, by_kind.total.attendances),
        ),
        (
            tr.t("reports-activities"),
            by_kind.total.activities.to_string(),
        ),
    ];
    let events_line = tr.args(
        "reports-summary-events",
        &[
            ("held", events.held.to_string()),
            ("average", average_text(tr, events.average, events.answers)),
        ],
    );
    let view = SummaryView {
        layout: Layout::new(&state, &me.ctx, "/reports", tr.t("reports-summary-title")).await,
        organisation,
        logo,
        scope_lines,
        totals,
        by_kind: activity_table(tr, kinds, &[Dimension::Kind], &by_kind, false),
        by_site: activity_table(tr, kinds, &[Dimension::Site], &by_site, false),
        training: training_table(tr, &training),
        events_line,
        back: with_query("/reports", &query.encoded()),
    };
    Ok(no_store(view))
}

// --- recording activities by hand and from CSV ---

/// What was typed for one activity, from the form or one CSV row.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
struct ActivityInput {
    date: String,
    kind: String,
    site: String,
    phase: String,
    title: String,
    attendees: String,
    head_count: String,
}

/// What checking needs: the kinds, the sites the recorder may record at,
/// the phases, and the people named anywhere in the input.
struct Known {
    kinds: Vec<ActivityKind>,
    sites: Vec<Site>,
    programmes: Vec<Programme>,
    people: HashMap<String, UserId>,
    zone: jiff::tz::TimeZone,
}

async fn known(
    state: &AppState,
    reach: &Option<Vec<SiteId>>,
    inputs: &[&ActivityInput],
) -> AppResult<Known> {
    let choices = choices(state, reach).await?;
    let emails: Vec<String> = inputs
        .iter()
        .flat_map(|i| split_emails(&i.attendees))
        .collect();
    let people = state.store.activities().people_by_email(&emails).await?;
    let zone_name = state
        .store
        .org()
        .organisation()
        .await?
        .map_or_else(|| "UTC".to_owned(), |o| o.time_zone);
    Ok(Known {
        kinds: choices.kinds,
        sites: choices.sites,
        programmes: choices.programmes,
        people,
        zone: jiff::tz::TimeZone::get(&zone_name).unwrap_or(jiff::tz::TimeZone::UTC),
    })
}

fn split_emails(text: &str) -> Vec<String> {
    text.split([',', ';', '\n', '\r', ' ', '\t'])
        .map(|e| e.trim().to_lowercase())
        .filter(|e| !e.is_empty())
        .collect()
}

/// Checks one activity; errors are keyed by field.
fn check_activity(
    tr: &Tr,
    known: &Known,
    input: &ActivityInput,
    errors: &mut FieldErrors,
) -> Option<RecordedActivity> {
    let day = errors.check(tr, "date", hearth_domain::input::date(&input.date));
    let kind_text = input.kind.trim().to_lowercase();
    let kind = known.kinds.iter().find(|k| {
        k.slug == kind_text
            || k.name.to_lowercase() == kind_text
            || kind_label(tr, &known.kinds, &k.slug).to_lowercase() == kind_text
    });
    if kind.is_none() {
        if kind_text.is_empty() {
            errors.add_message(tr, "kind", "error-choose-one");
        } else {
            errors.add_message(tr, "kind", "reports-error-kind");
        }
    }
    let site_text = input.site.trim();
    let site = known.sites.iter().find(|s| {
        s.id.0.to_string() == site_text || s.name.to_lowercase() == site_text.to_lowercase()
    });
    if site.is_none() {
        errors.add_message(tr, "site", "reports-error-site");
    }
    let phase_text = input.phase.trim();
    let phase = if phase_text.is_empty() {
        Some(None)
    } else {
        let found = known
            .programmes
            .iter()
            .flat_map(|p| p.phases.iter())
            .find(|ph| {
                ph.id.0.to_string() == phase_text
                    || ph.name.to_lowercase() == phase_text.to_lowercase()
            })
            .map(|ph| Some(ph.id));
        if found.is_none() {
            errors.add_message(tr, "phase", "error-choose-one");
        }
        found
    };
    let title = errors.check(
        tr,
        "title",
        hearth_domain::input::optional_text(&input.title, 200),
    );
    let emails = split_emails(&input.attendees);
    let mut attendees = Vec::new();
    let mut unknown = Vec::new();
    for email in &emails {
        match known.people.get(email) {
            Some(id) if !attendees.contains(id) => attendees.push(*id),
            Some(_) => {}
            None => unknown.push(email.clone()),
        }
    }
    if !unknown.is_empty() {
        errors.add_message_text(
            "attendees",
            tr.t1("reports-error-unknown-people", "emails", unknown.join(", ")),
        );
    }
    let head_text = input.head_count.trim();
    let head_count = if head_text.is_empty() {
        None
    } else {
        match head_text.parse::<i64>() {
            Ok(n) if (1..=100_000).contains(&n) => Some(n),
            _ => {
                errors.add_message(tr, "head_count", "reports-error-head-count");
                None
            }
        }
    };
    if emails.is_empty() && head_text.is_empty() {
        errors.add_message(tr, "attendees", "reports-error-who-came");
    } else if !emails.is_empty() && !head_text.is_empty() {
        errors.add_message(tr, "head_count", "reports-error-both");
    }
    let occurred_at = day.and_then(|d| {
        d.to_datetime(jiff::civil::Time::midnight())
            .to_zoned_datetime(known.zone.clone())
            .ok()
            .map(|z| z.timestamp().as_millisecond())
    });
    if !errors.is_empty() {
        return None;
    }
    let (kind, site, phase, title, occurred_at) = (kind?, site?, phase?, title?, occurred_at?);
    Some(RecordedActivity {
        kind: kind.slug.clone(),
        title: title.unwrap_or_else(|| kind_label(tr, &known.kinds, &kind.slug)),
        site_id: site.id,
        phase_id: phase,
        occurred_at,
        attendees,
        head_count,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "reports/record.html")]
struct RecordView {
    layout: Layout,
    form: ActivityInput,
    errors: FieldErrors,
    kinds: Vec<(String, String)>,
    sites: Vec<Site>,
    programmes: Vec<Programme>,
}

async fn record_page(
    state: &AppState,
    me: &SignedIn,
    reach: &Option<Vec<SiteId>>,
    form: ActivityInput,
    errors: FieldErrors,
) -> AppResult<Response> {
    let tr = Tr::new(me.ctx.language);
    let choices = choices(state, reach).await?;
    let kinds = choices
        .kinds
        .iter()
        .map(|k| (k.slug.clone(), kind_label(&tr, &choices.kinds, &k.slug)))
        .collect();
    let refused = !errors.is_empty();
    let view = RecordView {
        layout: Layout::new(state, &me.ctx, "/reports", tr.t("reports-record-title")).await,
        form,
        errors,
        kinds,
        sites: choices.sites,
        programmes: choices.programmes,
    };
    Ok((form_status(refused), no_store(view)).into_response())
}

async fn record_get(State(state): State<AppState>, me: SignedIn) -> AppResult<Response> {
    let reach = reach_for(&me, Action::RecordActivities)?;
    record_page(
        &state,
        &me,
        &reach,
        ActivityInput::default(),
        FieldErrors::new(),
    )
    .await
}

#[derive(Deserialize)]
struct RecordForm {
    #[serde(flatten)]
    input: ActivityInput,
}

async fn record_post(
    State(state): State<AppState>,
    me: SignedIn,
    Form(form): Form<RecordForm>,
) -> AppResult<Response> {
    let reach = reach_for(&me, Action::RecordActivities)?;
    let tr = Tr::new(me.ctx.language);
    let known = known(&state, &reach, &[&form.input]).await?;
    let mut errors = FieldErrors::new();
    let Some(activity) = check_activity(&tr, &known, &form.input, &mut errors) else {
        return record_page(&state, &me, &reach, form.input, errors).await;
    };
    state
        .store
        .activities()
        .record_all(&[activity], me.user.person.id)
        .await
        .map_err(|(_, e)| e)?;
    Ok(see_other("/reports?done=flash-activity-recorded"))
}

/// One row of an import as the preview shows it.
struct ImportRow {
    line: usize,
    date: String,
    kind: String,
    site: String,
    who: String,
    errors: Vec<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "reports/import.html")]
struct ImportView {
    layout: Layout,
    preview: ImportPreview,
}

async fn import_page(
    state: &AppState,
    me: &SignedIn,
    csv: String,
    rows: Vec<ImportRow>,
    file_error: Option<String>,
    previewed: bool,
) -> AppResult<Response> {
    let tr = Tr::new(me.ctx.language);
    let head = [
        "reports-date",
        "reports-kind",
        "reports-site",
        "reports-who",
    ]
    .map(|key| tr.t(key))
    .to_vec();
    let rows = rows
        .into_iter()
        .map(|r| PreviewRow {
            line: r.line,
            cells: vec![r.date, r.kind, r.site, r.who],
            errors: r.errors,
        })
        .collect();
    let preview = ImportPreview::new(csv, head, rows, file_error, previewed);
    let status = form_status(preview.refused());
    let view = ImportView {
        layout: Layout::new(state, &me.ctx, "/reports", tr.t("reports-import-title")).await,
        preview,
    };
    Ok((status, no_store(view)).into_response())
}

async fn import_get(State(state): State<AppState>, me: SignedIn) -> AppResult<Response> {
    reach_for(&me, Action::RecordActivities)?;
    import_page(&state, &me, String::new(), Vec::new(), None, false).await
}

/// The import file is at most this big.
const MAX_IMPORT_BYTES: usize = 1024 * 1024;

async fn import_post(
    State(state): State<AppState>,
    me: SignedIn,
    mut multipart: Multipart,
) -> AppResult<Response> {
    let reach = reach_for(&me, Action::RecordActivities)?;
    let tr = Tr::new(me.ctx.language);
    let (csrf, upload) = read_csv_upload(
        &mut multipart,
        &tr,
        MAX_IMPORT_BYTES,
        "reports-import-error-empty",
    )
    .await;
    me.ctx.check_csrf(&csrf)?;
    let text = match upload {
        Ok(text) => text,
        Err(error) => {
            return import_page(&state, &me, String::new(), Vec::new(), Some(error), true).await;
        }
    };
    let (rows, _, error) = check_import(&state, &reach, &tr, &text).await?;
    import_page(&state, &me, text, rows, error, true).await
}

#[derive(Deserialize)]
struct ConfirmForm {
    csv: String,
}

async fn import_confirm_post(
    State(state): State<AppState>,
    me: SignedIn,
    Form(form): Form<ConfirmForm>,
) -> AppResult<Response> {
    let reach = reach_for(&me, Action::RecordActivities)?;
    let tr = Tr::new(me.ctx.language);
    // Checked again: the file travelled through the browser since the preview.
    let (rows, activities, error) = check_import(&state, &reach, &tr, &form.csv).await?;
    let all_valid = error.is_none() && !rows.is_empty() && rows.iter().all(|r| r.errors.is_empty());
    if !all_valid {
        return import_page(&state, &me, form.csv, rows, error, true).await;
    }
    let count = state
        .store
        .activities()
        .record_all(&activities, me.user.person.id)
        .await
        .map_err(|(_, e)| e)?;
    Ok(see_other(&format!(
        "/reports?done=flash-activities-imported&imported={count}"
    )))
}

/// Reads and checks every row. Nothing is written here.
async fn check_import(
    state: &AppState,
    reach: &Option<Vec<SiteId>>,
    tr: &Tr,
    text: &str,
) -> AppResult<(Vec<ImportRow>, Vec<RecordedActivity>, Option<String>)> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(headers) => headers.iter().map(|h| h.to_lowercase()).collect(),
        Err(_) => {
            return Ok((
                Vec::new(),
                Vec::new(),
                Some(tr.t("import-error-unreadable")),
            ));
        }
    };
    let column = |name: &str| headers.iter().position(|h| h == name);
    let (Some(date_col), Some(kind_col), Some(site_col)) =
        (column("date"), column("kind"), column("site"))
    else {
        return Ok((
            Vec::new(),
            Vec::new(),
            Some(tr.t("reports-import-error-columns")),
        ));
    };
    let (attendees_col, head_col, title_col, phase_col) = (
        column("attendees"),
        column("head_count"),
        column("title"),
        column("phase"),
    );
    let mut inputs: Vec<(usize, Option<ActivityInput>)> = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let line = index + 2;
        let Ok(record) = record else {
            inputs.push((line, None));
            continue;
        };
        let cell = |col: Option<usize>| {
            col.and_then(|c| record.get(c))
                .unwrap_or_default()
                .to_owned()
        };
        if record.iter().all(|c| c.is_empty()) {
            continue;
        }
        inputs.push((
            line,
            Some(ActivityInput {
                date: cell(Some(date_col)),
                kind: cell(Some(kind_col)),
                site: cell(Some(site_col)),
                phase: cell(phase_col),
                title: cell(title_col),
                attendees: cell(attendees_col),
                head_count: cell(head_col),
            }),
        ));
    }
    let all: Vec<&ActivityInput> = inputs.iter().filter_map(|(_, i)| i.as_ref()).collect();
    let known = known(state, reach, &all).await?;
    let mut rows = Vec::new();
    let mut activities = Vec::new();
    for (line, input) in &inputs {
        let Some(input) = input else {
            rows.push(ImportRow {
                line: *line,
                date: String::new(),
                kind: String::new(),
                site: String::new(),
                who: String::new(),
                errors: vec![tr.t("import-error-row-unreadable")],
            });
            continue;
        };
        let mut errors = FieldErrors::new();
        let checked = check_activity(tr, &known, input, &mut errors);
        let who = match &checked {
            Some(a) if a.head_count.is_some() => {
                tr.n("reports-head-count-of", "count", a.head_count.unwrap_or(0))
            }
            Some(a) => tr.n("reports-people-named", "count", a.attendees.len() as i64),
            None => String::new(),
        };
        rows.push(ImportRow {
            line: *line,
            date: input.date.clone(),
            kind: input.kind.clone(),
            site: input.site.clone(),
            who,
            errors: errors.messages(),
        });
        if let Some(activity) = checked {
            activities.push(activity);
        }
    }
    if rows.is_empty() {
        return Ok((rows, activities, Some(tr.t("reports-import-error-empty"))));
    }
    Ok((rows, activities, None))
}

// --- activity kinds ---

#[derive(Template, WebTemplate)]
#[template(path = "reports/kinds.html")]
struct KindsView {
    layout: Layout,
    kinds: Vec<(String, String, bool)>,
    kind_name: String,
    sensitive: bool,
    errors: FieldErrors,
}

async fn kinds_page(
    state: &AppState,
    me: &SignedIn,
    name: String,
    sensitive: bool,
    errors: FieldErrors,
    done: Option<&str>,
) -> AppResult<Response> {
    let tr = Tr::new(me.ctx.language);
    let all = state.store.activities().kinds().await?;
    let kinds = all
        .iter()
        .map(|k| (k.slug.clone(), kind_label(&tr, &all, &k.slug), k.sensitive))
        .collect();
    let refused = !errors.is_empty();
    let view = KindsView {
        layout: Layout::new(state, &me.ctx, "/reports", tr.t("reports-kinds-title"))
            .await
            .with_flash(done),
        kinds,
        kind_name: name,
        sensitive,
        errors,
    };
    Ok((form_status(refused), no_store(view)).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct DoneQuery {
    done: String,
}

async fn kinds_get(
    State(state): State<AppState>,
    me: SignedIn,
    Query(done): Query<DoneQuery>,
) -> AppResult<Response> {
    me.require(Action::ManageActivityKinds, Scope::Organisation)?;
    kinds_page(
        &state,
        &me,
        String::new(),
        false,
        FieldErrors::new(),
        Some(done.done.as_str()),
    )
    .await
}

#[derive(Deserialize)]
struct KindForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    sensitive: Option<String>,
}

async fn kinds_post(
    State(state): State<AppState>,
    me: SignedIn,
    Form(form): Form<KindForm>,
) -> AppResult<Response> {
    me.require(Action::ManageActivityKinds, Scope::Organisation)?;
    let tr = Tr::new(me.ctx.language);
    let sensitive = form.sensitive.is_some();
    let mut errors = FieldErrors::new();
    let name = form.name.trim();
    if name.is_empty() {
        errors.add_message(&tr, "name", "error-name-required");
    } else if name.chars().count() > 80 {
        errors.add_message(&tr, "name", "error-text-long");
    } else {
        match state.store.activities().add_kind(name, sensitive).await {
            Ok(_) => return Ok(see_other("/reports/kinds?done=flash-kind-added")),
            Err(StoreError::Conflict(_)) => {
                errors.add_message(&tr, "name", "reports-error-kind-taken");
            }
            Err(other) => return Err(other.into()),
        }
    }
    kinds_page(&state, &me, form.name, sensitive, errors, None).await
}

/// Ongoing supports open and closed, and referrals by service, as charts
/// beside their tables. Every count here is about support, so one below 5
/// reads "fewer than 5" in the table and is a striped stub of fixed length
/// in the chart (see `chart::bar_svg`): neither tells the number.
fn ongoing_figures(
    tr: &Tr,
    figures: &hearth_store::OngoingFigures,
    query: &str,
) -> (Figure, Figure) {
    let bar = |label: &str, count: Count| Bar {
        label: label.to_owned(),
        value: count.value(),
        shown: count_text(tr, count),
    };
    let supports = [
        bar(&tr.t("reports-ongoing-open"), figures.open),
        bar(&tr.t("reports-ongoing-closed"), figures.closed),
    ];
    let referrals: Vec<Bar> = figures
        .referrals
        .iter()
        .map(|(service, count)| bar(service, *count))
        .collect();
    let (supports_table, referrals_table) =
        super::support_matching::report_tables(tr, figures, false);
    (
        Figure {
            id: "ongoing",
            caption: tr.t("reports-ongoing-chart"),
            svg: chart::bar_svg(&supports, "ongoing-caption"),
            table: supports_table,
            csv: with_query("/reports/ongoing.csv", query),
        },
        Figure {
            id: "referrals",
            caption: tr.t("reports-referrals-chart"),
            svg: chart::bar_svg(&referrals, "referrals-caption"),
            table: referrals_table,
            csv: with_query("/reports/referrals.csv", query),
        },
    )
}

/// Ongoing supports open and closed, and referrals by service: the two
/// tables of the page, exactly as shown (`<5` for small counts).
async fn ongoing_tables(
    state: &AppState,
    me: &SignedIn,
    query: &FilterQuery,
) -> AppResult<(Table, Table)> {
    let prepared = prepare(state, me, query).await?;
    if !prepared.errors.is_empty() {
        return Err(AppError::NotFound);
    }
    let figures = state
        .store
        .reports()
        .ongoing_support(&prepared.filter)
        .await?;
    Ok(super::support_matching::report_tables(
        &prepared.tr,
        &figures,
        true,
    ))
}

async fn ongoing_csv_get(
    State(state): State<AppState>,
    me: SignedIn,
    Query(query): Query<FilterQuery>,
) -> AppResult<Response> {
    let (supports, _) = ongoing_tables(&state, &me, &query).await?;
    Ok(csv_response("ongoing-supports.csv", supports.csv()?))
}

async fn referrals_csv_get(
    State(state): State<AppState>,
    me: SignedIn,
    Query(query): Query<FilterQuery>,
) -> AppResult<Response> {
    let (_, referrals) = ongoing_tables(&state, &me, &query).await?;
    Ok(csv_response("referrals.csv", referrals.csv()?))
}
