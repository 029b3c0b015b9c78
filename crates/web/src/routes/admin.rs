//! The organisation's settings and the audit log.

use super::{PER_PAGE, form_status, no_store, see_other};
use crate::context::SignedIn;
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::forms::FieldErrors;
use crate::views::{Layout, format_time};
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Form, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use hearth_domain::input::{Name, optional_text, time_zone};
use hearth_domain::policy::Action;
use hearth_domain::roles::Scope;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/admin/organisation",
            get(organisation_get).post(organisation_post),
        )
        .route("/admin/audit", get(audit_get))
}

#[derive(Deserialize, Default)]
pub(super) struct OrganisationForm {
    name: String,
    time_zone: String,
    crisis_text: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/organisation.html")]
struct OrganisationView {
    layout: Layout,
    form: OrganisationForm,
    errors: FieldErrors,
    /// Where the logo is served, if there is one.
    logo: Option<String>,
    /// The organisation's name, the logo's text alternative.
    logo_alt: String,
    logo_error: Option<String>,
    may_export_data: bool,
}

#[derive(Deserialize)]
struct DoneQuery {
    done: Option<String>,
}

async fn organisation_get(
    State(state): State<AppState>,
    me: SignedIn,
    Query(query): Query<DoneQuery>,
) -> AppResult<Response> {
    me.require(Action::ManageOrganisation, Scope::Organisation)?;
    organisation_page(&state, &me, Edit::Saved(query.done.as_deref())).await
}

/// What the organisation page shows besides the saved settings.
pub(super) enum Edit<'a> {
    /// The saved settings, with a confirmation (a `flash-*` key) if any.
    Saved(Option<&'a str>),
    /// The settings form sent back with its errors.
    Refused(OrganisationForm, FieldErrors),
    /// The logo form refused, with this message.
    LogoRefused(String),
}

/// The organisation page; 422 when something was refused.
pub(super) async fn organisation_page(
    state: &AppState,
    me: &SignedIn,
    edit: Edit<'_>,
) -> AppResult<Response> {
    let tr = Tr::new(me.ctx.language);
    let org = state.store.org().organisation().await?;
    let logo = org.as_ref().and_then(super::org_logo::logo_src);
    let saved = || {
        org.clone()
            .map(|o| OrganisationForm {
                name: o.name,
                time_zone: o.time_zone,
                crisis_text: o.crisis_text,
            })
            .unwrap_or_default()
    };
    let layout = Layout::new(
        state,
        &me.ctx,
        "/admin/organisation",
        tr.t("organisation-title"),
    )
    .await;
    let (layout, form, errors, logo_error) = match edit {
        Edit::Saved(done) => (layout.with_flash(done), saved(), FieldErrors::new(), None),
        Edit::Refused(form, errors) => (layout, form, errors, None),
        Edit::LogoRefused(message) => (layout, saved(), FieldErrors::new(), Some(message)),
    };
    let status = form_status(!errors.is_empty() || logo_error.is_some());
    let view = OrganisationView {
        logo_alt: org.map(|o| o.name).unwrap_or_default(),
        layout,
        form,
        errors,
        logo,
        logo_error,
        may_export_data: me.may(Action::ExportOrganisationData, Scope::Organisation),
    };
    Ok((status, no_store(view)).into_response())
}

async fn organisation_post(
    State(state): State<AppState>,
    me: SignedIn,
    Form(form): Form<OrganisationForm>,
) -> AppResult<Response> {
    me.require(Action::ManageOrganisation, Scope::Organisation)?;
    let tr = Tr::new(me.ctx.language);
    let mut errors = FieldErrors::new();
    let name = errors.check(&tr, "name", Name::parse(&form.name));
    let zone = errors.check(&tr, "time_zone", time_zone(&form.time_zone));
    let crisis = errors.check(&tr, "crisis_text", optional_text(&form.crisis_text, 2000));
    if let (Some(name), Some(zone), Some(crisis)) = (name, zone, crisis)
        && errors.is_empty()
    {
        state
            .store
            .org()
            .update_organisation(name.as_str(), &zone, crisis.as_deref().unwrap_or(""))
            .await?;
        return Ok(see_other("/admin/organisation?done=flash-saved"));
    }
    organisation_page(&state, &me, Edit::Refused(form, errors)).await
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/audit.html")]
struct AuditView {
    layout: Layout,
    entries: Vec<[String; 4]>,
    page: i64,
    has_next: bool,
}

#[derive(Deserialize)]
struct PageQuery {
    page: Option<u32>,
}

async fn audit_get(
    State(state): State<AppState>,
    me: SignedIn,
    Query(query): Query<PageQuery>,
) -> AppResult<Response> {
    me.require(Action::ViewAuditLog, Scope::Organisation)?;
    let tr = Tr::new(me.ctx.language);
    let zone = me.time_zone(&state).await?;
    let page = i64::from(query.page.unwrap_or(1).max(1));
    let mut rows = state
        .store
        .audit()
        .recent(PER_PAGE + 1, (page - 1) * PER_PAGE)
        .await?;
    let has_next = rows.len() as i64 > PER_PAGE;
    rows.truncate(PER_PAGE as usize);
    let entries = rows
        .into_iter()
        .map(|e| {
            [
                format_time(e.at, &zone),
                e.actor_name.unwrap_or_else(|| tr.t("someone-removed")),
                tr.t(&format!("audit-subject-{}", e.subject_kind)),
                e.subject_user_name.unwrap_or_default(),
            ]
        })
        .collect();
    let view = AuditView {
        layout: Layout::new(&state, &me.ctx, "/admin/audit", tr.t("audit-title")).await,
        entries,
        page,
        has_next,
    };
    Ok(no_store(view))
}
