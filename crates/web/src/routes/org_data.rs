//! The organisation's data (issue 9, scope 6): an administrator downloads
//! everything the organisation holds as a zip of CSV files, one per table,
//! with a README of the columns. Private writing, session logs and sign-in
//! secrets are left out (store: `org_export_catalogue`); every download is
//! written to the audit log before it leaves.

use super::{attachment, no_store};
use crate::context::SignedIn;
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::Layout;
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::{get, post};
use hearth_domain::policy::Action;
use hearth_domain::roles::Scope;
use hearth_store::now_ms;
use hearth_store::org_export_catalogue::{CATALOGUE, TableExport};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/data", get(data_get))
        .route("/admin/data/export", post(export_post))
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/data.html")]
struct DataView {
    layout: Layout,
    /// How many tables go in, and how many are left out whole.
    tables_in: usize,
    tables_out: usize,
}

async fn data_get(State(state): State<AppState>, me: SignedIn) -> AppResult<Response> {
    me.require(Action::ExportOrganisationData, Scope::Organisation)?;
    let tr = Tr::new(me.ctx.language);
    let tables_out = CATALOGUE
        .iter()
        .filter(|entry| matches!(entry.export, TableExport::Withheld { .. }))
        .count();
    let view = DataView {
        // Under "Organisation" in the navigation, where its link is.
        layout: Layout::new(
            &state,
            &me.ctx,
            "/admin/organisation",
            tr.t("org-data-title"),
        )
        .await,
        tables_in: CATALOGUE.len() - tables_out,
        tables_out,
    };
    Ok(no_store(view))
}

async fn export_post(State(state): State<AppState>, me: SignedIn) -> AppResult<Response> {
    me.require(Action::ExportOrganisationData, Scope::Organisation)?;
    let organisation = state
        .store
        .org()
        .organisation()
        .await?
        .map(|org| org.name)
        .unwrap_or_default();
    let export = state
        .store
        .db()
        .export_organisation(&organisation, now_ms())
        .await?;
    state
        .store
        .audit()
        .record(
            Some(me.actor.user),
            "export",
            "organisation-export",
            None,
            None,
        )
        .await?;
    tracing::info!(
        tables = export.tables,
        rows = export.rows,
        "organisation export downloaded"
    );
    Ok(attachment(export.zip, "application/zip", &export.file_name))
}
