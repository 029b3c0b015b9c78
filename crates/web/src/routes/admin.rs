//! The organisation's settings and the audit log.

use super::{PER_PAGE, no_store, see_other};
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
use axum::http::StatusCode;
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
struct OrganisationForm {
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
    let tr = Tr::new(me.ctx.language);
    let org = state.store.org().organisation().await?;
    let form = org
        .map(|o| OrganisationForm {
            name: o.name,
            time_zone: o.time_zone,
            crisis_text: o.crisis_text,
        })
        .unwrap_or_default();
    let view = OrganisationView {
        layout: Layout::new(
            &state,
            &me.ctx,
            "/admin/organisation",
            tr.t("organisation-title"),
        )
        .await
        .with_flash(query.done.as_deref()),
        form,
        errors: FieldErrors::new(),
        may_export_data: me.may(Action::ExportOrganisationData, Scope::Organisation),
    };
    Ok(no_store(view))
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
        {
            state
                .store
                .org()
                .update_organisation(name.as_str(), &zone, crisis.as_deref().unwrap_or(""))
                .await?;
            return Ok(see_other("/admin/organisation?done=flash-saved"));
        }
    }
    let view = OrganisationView {
        layout: Layout::new(
            &state,
            &me.ctx,
            "/admin/organisation",
            tr.t("organisation-title"),
        )
        .await,
        form,
        errors,
        may_export_data: me.may(Action::ExportOrganisationData, Scope::Organisation),
    };
    Ok((StatusCode::UNPROCESSABLE_ENTITY, no_store(view)).into_response())
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
