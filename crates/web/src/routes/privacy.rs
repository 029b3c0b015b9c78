//! Retention and people's rights (issue 7, scope 9).
//!
//! - `/admin/retention`: how long session logs stay listed and how long a
//!   served walk-in's nickname is kept; a daily job applies both.
//! - `/people/{id}/data`: an administrator downloads everything recorded
//!   about a person, or erases them.
//! - `/profile/my-data`: anyone downloads what is recorded about them,
//!   directly (see docs/support.md for why no approval step).
//! - `/one-to-one/archived-logs`: archived logs, out of every list, still
//!   readable by the people who may read them.
//!
//! Each export downloads as JSON or as one readable HTML page (the same
//! document, checks and audit record; see views/export_html.rs).
//!
//! Every export and erasure is written to the audit log.

use super::support_logs::{lines, supervises};
use super::{no_store, see_other};
use crate::context::SignedIn;
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::export_html::Readable;
use crate::views::forms::FieldErrors;
use crate::views::{Layout, format_time};
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Form, Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use hearth_domain::UserId;
use hearth_domain::input::Language;
use hearth_domain::policy::Action;
use hearth_domain::roles::Scope;
use hearth_store::{DAY_MS, Retention, StoreError, now_ms};
use serde::Deserialize;

/// The job kind of the daily retention pass.
pub const RETENTION_JOB: &str = "retention";

/// The allowed ranges (months of logs, hours of nicknames).
const MONTHS: std::ops::RangeInclusive<i32> = 1..=120;
const HOURS: std::ops::RangeInclusive<i32> = 1..=720;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/retention", get(retention_get).post(retention_post))
        .route("/admin/retention/apply", post(retention_apply_post))
        .route("/people/{id}/data", get(person_data_get))
        .route("/people/{id}/export.json", get(person_export_get))
        .route("/people/{id}/export.html", get(person_export_html_get))
        .route("/people/{id}/erase", post(person_erase_post))
        .route("/profile/my-data", get(my_data_get))
        .route("/profile/my-data.json", get(my_export_get))
        .route("/profile/my-data.html", get(my_export_html_get))
        .route("/one-to-one/archived-logs", get(archived_logs_get))
}

// --- the daily job ---

/// Runs one retention pass and queues the next day's.
pub async fn run_retention(state: &AppState, payload: &serde_json::Value) -> Result<(), String> {
    let privacy = state.store.privacy();
    let outcome = privacy
        .apply_retention(now_ms())
        .await
        .map_err(|e| e.to_string())?;
    tracing::info!(
        logs_archived = outcome.logs_archived,
        names_forgotten = outcome.names_forgotten,
        "retention pass"
    );
    let today = now_ms().div_euclid(DAY_MS);
    let day = payload["day"].as_i64().unwrap_or(today).max(today);
    privacy
        .schedule_day(RETENTION_JOB, day + 1)
        .await
        .map_err(|e| e.to_string())
}

/// Makes sure tomorrow's pass is queued (called when the runner starts and
/// hourly; queued once however many instances call it).
pub async fn schedule_retention(state: &AppState) -> Result<(), StoreError> {
    state
        .store
        .privacy()
        .schedule_day(RETENTION_JOB, now_ms().div_euclid(DAY_MS) + 1)
        .await
}

// --- settings ---

#[derive(Deserialize, Default)]
struct RetentionForm {
    log_archive_months: String,
    queue_name_hours: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "privacy/retention.html")]
struct RetentionView {
    layout: Layout,
    form: RetentionForm,
    errors: FieldErrors,
    next_run: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct DoneQuery {
    done: String,
    archived: Option<u64>,
    forgotten: Option<u64>,
}

async fn retention_page(
    state: &AppState,
    me: &SignedIn,
    form: RetentionForm,
    errors: FieldErrors,
    flash: Option<String>,
) -> AppResult<Response> {
    let tr = Tr::new(me.ctx.language);
    let zone = me.time_zone(state).await?;
    let next_run = state
        .store
        .privacy()
        .next_run(RETENTION_JOB)
        .await?
        .map(|at| format_time(at, &zone));
    let refused = !errors.is_empty();
    let mut layout = Layout::new(
        state,
        &me.ctx,
        // Under "Organisation" in the navigation, where its link is.
        "/admin/organisation",
        tr.t("privacy-retention-title"),
    )
    .await;
    layout.flash = flash;
    let view = RetentionView {
        layout,
        form,
        errors,
        next_run,
    };
    Ok((super::form_status(refused), no_store(view)).into_response())
}

async fn retention_get(
    State(state): State<AppState>,
    me: SignedIn,
    Query(query): Query<DoneQuery>,
) -> AppResult<Response> {
    me.require(Action::ManageRetention, Scope::Organisation)?;
    let tr = Tr::new(me.ctx.language);
    let retention = state.store.privacy().retention().await?;
    let flash = match query.done.as_str() {
        "flash-saved" => Some(tr.t("flash-saved")),
        "flash-retention-applied" => Some(tr.args(
            "privacy-retention-applied",
            &[
                ("logs", query.archived.unwrap_or(0).to_string()),
                ("names", query.forgotten.unwrap_or(0).to_string()),
            ],
        )),
        _ => None,
    };
    let form = RetentionForm {
        log_archive_months: retention.log_archive_months.to_string(),
        queue_name_hours: retention.queue_name_hours.to_string(),
    };
    retention_page(&state, &me, form, FieldErrors::new(), flash).await
}

/// A whole number within `range`, or the field's message.
fn number_in(
    errors: &mut FieldErrors,
    tr: &Tr,
    field: &'static str,
    raw: &str,
    range: std::ops::RangeInclusive<i32>,
) -> Option<i32> {
    match raw.trim().parse::<i32>() {
        Ok(n) if range.contains(&n) => Some(n),
        _ => {
            errors.add_message_text(
                field,
                tr.args(
                    "privacy-error-range",
                    &[
                        ("min", range.start().to_string()),
                        ("max", range.end().to_string()),
                    ],
                ),
            );
            None
        }
    }
}

async fn retention_post(
    State(state): State<AppState>,
    me: SignedIn,
    Form(form): Form<RetentionForm>,
) -> AppResult<Response> {
    me.require(Action::ManageRetention, Scope::Organisation)?;
    let tr = Tr::new(me.ctx.language);
    let mut errors = FieldErrors::new();
    let months = number_in(
        &mut errors,
        &tr,
        "log_archive_months",
        &form.log_archive_months,
        MONTHS,
    );
    let hours = number_in(
        &mut errors,
        &tr,
        "queue_name_hours",
        &form.queue_name_hours,
        HOURS,
    );
    let (Some(log_archive_months), Some(queue_name_hours)) = (months, hours) else {
        return retention_page(&state, &me, form, errors, None).await;
    };
    state
        .store
        .privacy()
        .set_retention(Retention {
            log_archive_months,
            queue_name_hours,
        })
        .await?;
    Ok(see_other("/admin/retention?done=flash-saved"))
}

/// Applies the periods now (the daily job does the same), e.g. after shortening them.
async fn retention_apply_post(State(state): State<AppState>, me: SignedIn) -> AppResult<Response> {
    me.require(Action::ManageRetention, Scope::Organisation)?;
    let outcome = state.store.privacy().apply_retention(now_ms()).await?;
    Ok(see_other(&format!(
        "/admin/retention?done=flash-retention-applied&archived={}&forgotten={}",
        outcome.logs_archived, outcome.names_forgotten
    )))
}

// --- a person's data: export and erasure ---

/// The two forms of the same export: JSON for machines, HTML for people.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Json,
    Html,
}

/// The export as one self-contained page: inline CSS, no scripts and no
/// other files, so it opens offline from the downloads folder and prints.
#[derive(Template)]
#[template(path = "privacy/export_document.html")]
struct ExportDocument {
    tr: Tr,
    title: String,
    intro: String,
    contents: Vec<(String, String)>,
    body: String,
}

/// Opened in a browser rather than saved, the file still runs nothing and
/// loads nothing: its only style is inline.
const DOCUMENT_POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; \
     form-action 'none'; frame-ancestors 'none'; sandbox";

/// The export as readable HTML, in the person's language and time zone
/// when they chose them (the organisation's zone otherwise).
async fn html_download(
    state: &AppState,
    me: &SignedIn,
    person: UserId,
    export: &serde_json::Value,
) -> AppResult<Response> {
    let recorded = |key: &str| {
        export["person"][key]
            .as_str()
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    let language = recorded("language")
        .and_then(|code| Language::from_code(&code))
        .unwrap_or(me.ctx.language);
    let zone = match recorded("time_zone") {
        Some(zone) => zone,
        None if person == me.actor.user => me.time_zone(state).await?,
        None => state
            .store
            .org()
            .organisation()
            .await?
            .map_or_else(|| "UTC".to_owned(), |o| o.time_zone),
    };
    let tr = Tr::new(language);
    let readable = Readable::new(&tr, &zone);
    let name = recorded("name").unwrap_or_default();
    let document = ExportDocument {
        title: tr.t1("export-document-title", "name", &name),
        intro: tr.t1("export-document-zone", "zone", &zone),
        contents: readable.contents(export),
        body: readable.body(export),
        tr,
    };
    let html = document
        .render()
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let mut response = super::attachment(
        html,
        "text/html; charset=utf-8",
        &format!("hearth-data-{}.html", person.0),
    );
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(DOCUMENT_POLICY),
    );
    Ok(response)
}

/// The export, written to the audit log before it leaves (the same record
/// for either form).
async fn export_of(
    state: &AppState,
    me: &SignedIn,
    person: UserId,
    format: Format,
) -> AppResult<Response> {
    let export = state.store.privacy().export(person).await?;
    state
        .store
        .audit()
        .record(
            Some(me.actor.user),
            "export",
            "person-export",
            Some(person.0),
            Some(person),
        )
        .await?;
    match format {
        Format::Json => {
            let text = serde_json::to_string_pretty(&export)
                .map_err(|e| AppError::Store(StoreError::Corrupt(e.to_string())))?;
            Ok(super::attachment(
                text,
                "application/json; charset=utf-8",
                &format!("hearth-data-{}.json", person.0),
            ))
        }
        Format::Html => html_download(state, me, person, &export).await,
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "privacy/person_data.html")]
struct PersonDataView {
    layout: Layout,
    person: hearth_store::Person,
    erased: bool,
    may_erase: bool,
    confirm: String,
    errors: FieldErrors,
}

async fn person_data_page(
    state: &AppState,
    me: &SignedIn,
    id: UserId,
    confirm: String,
    errors: FieldErrors,
    done: Option<&str>,
) -> AppResult<Response> {
    me.require(Action::ExportPersonData, Scope::Organisation)?;
    let tr = Tr::new(me.ctx.language);
    let person = state.store.people().get(id).await?;
    let erased = state.store.privacy().is_erased(id).await?;
    let refused = !errors.is_empty();
    let view = PersonDataView {
        layout: Layout::new(
            state,
            &me.ctx,
            "/people",
            tr.t1("privacy-person-title", "name", &person.display_name),
        )
        .await
        .with_flash(done),
        may_erase: me.may(Action::ErasePerson, Scope::Organisation) && id != me.actor.user,
        person,
        erased,
        confirm,
        errors,
    };
    Ok((super::form_status(refused), no_store(view)).into_response())
}

async fn person_data_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<UserId>,
    Query(query): Query<DoneQuery>,
) -> AppResult<Response> {
    person_data_page(
        &state,
        &me,
        id,
        String::new(),
        FieldErrors::new(),
        Some(query.done.as_str()),
    )
    .await
}

async fn person_export_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<UserId>,
) -> AppResult<Response> {
    me.require(Action::ExportPersonData, Scope::Organisation)?;
    export_of(&state, &me, id, Format::Json).await
}

async fn person_export_html_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<UserId>,
) -> AppResult<Response> {
    me.require(Action::ExportPersonData, Scope::Organisation)?;
    export_of(&state, &me, id, Format::Html).await
}

#[derive(Deserialize)]
struct EraseForm {
    confirm: String,
}

async fn person_erase_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<UserId>,
    Form(form): Form<EraseForm>,
) -> AppResult<Response> {
    me.require(Action::ErasePerson, Scope::Organisation)?;
    let tr = Tr::new(me.ctx.language);
    let person = state.store.people().get(id).await?;
    let mut errors = FieldErrors::new();
    if id == me.actor.user {
        // Another administrator must do it, so nobody erases the last way in.
        errors.add_message(&tr, "confirm", "privacy-error-self");
    } else if state.store.privacy().is_erased(id).await? {
        errors.add_message(&tr, "confirm", "privacy-error-erased");
    } else if !form.confirm.trim().eq_ignore_ascii_case(&person.email) {
        errors.add_message(&tr, "confirm", "privacy-error-confirm");
    }
    if !errors.is_empty() {
        return person_data_page(&state, &me, id, form.confirm, errors, None).await;
    }
    state.store.privacy().erase(id).await?;
    state
        .store
        .audit()
        .record(
            Some(me.actor.user),
            "erase",
            "person-erasure",
            Some(id.0),
            Some(id),
        )
        .await?;
    Ok(see_other(&format!(
        "/people/{}/data?done=flash-person-erased",
        id.0
    )))
}

// --- one's own data ---

#[derive(Template, WebTemplate)]
#[template(path = "privacy/my_data.html")]
struct MyDataView {
    layout: Layout,
}

async fn my_data_get(State(state): State<AppState>, me: SignedIn) -> AppResult<Response> {
    let tr = Tr::new(me.ctx.language);
    let view = MyDataView {
        layout: Layout::new(&state, &me.ctx, "/profile", tr.t("privacy-my-data-title")).await,
    };
    Ok(no_store(view))
}

/// Anyone downloads what is recorded about them, at once: it is theirs, and
/// an approval step would put someone else's eyes on it first.
async fn my_export_get(State(state): State<AppState>, me: SignedIn) -> AppResult<Response> {
    export_of(&state, &me, me.actor.user, Format::Json).await
}

/// The same, as a page to read and print.
async fn my_export_html_get(State(state): State<AppState>, me: SignedIn) -> AppResult<Response> {
    export_of(&state, &me, me.actor.user, Format::Html).await
}

// --- archived logs ---

#[derive(Deserialize, Default)]
#[serde(default)]
struct ArchivedQuery {
    peer: Option<UserId>,
}

#[derive(Template, WebTemplate)]
#[template(path = "privacy/archived_logs.html")]
struct ArchivedLogsView {
    layout: Layout,
    heading: String,
    logs: Vec<super::support_logs::LogLine>,
    back: String,
}

/// The logs retention archived: the author's own, or (for their
/// supervisors) a peer's. Opening one is audited like any log.
async fn archived_logs_get(
    State(state): State<AppState>,
    me: SignedIn,
    Query(query): Query<ArchivedQuery>,
) -> AppResult<Response> {
    let tr = Tr::new(me.ctx.language);
    let peer = query.peer.unwrap_or(me.actor.user);
    let (heading, back) = if peer == me.actor.user {
        (
            tr.t("privacy-archived-mine"),
            "/one-to-one/my-logs".to_owned(),
        )
    } else if supervises(&state, &me, peer).await? {
        let person = state.store.people().get(peer).await?;
        (
            tr.t1("privacy-archived-of", "name", &person.display_name),
            format!("/one-to-one/peers/{}", peer.0),
        )
    } else {
        return Err(AppError::Forbidden);
    };
    let logs = state.store.support().archived_logs_by(peer, 500).await?;
    let view = ArchivedLogsView {
        layout: Layout::new(&state, &me.ctx, "/one-to-one", heading.clone()).await,
        heading,
        logs: lines(&tr, logs),
        back,
    };
    Ok((StatusCode::OK, no_store(view)).into_response())
}
