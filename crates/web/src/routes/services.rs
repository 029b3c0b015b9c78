//! The services directory: everyone signed in reads it; coordinators keep it.

use super::{form_status, no_store, see_other};
use crate::context::SignedIn;
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::Layout;
use crate::views::forms::FieldErrors;
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use hearth_domain::input::{Name, optional_text};
use hearth_domain::org::ServiceKind;
use hearth_domain::policy::Action;
use hearth_domain::roles::Scope;
use hearth_domain::{ServiceId, SiteId};
use hearth_store::{NewService, Service, Site};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/services", get(services_get).post(services_post))
        .route("/services/new", get(service_new_get))
        .route(
            "/services/{id}",
            get(service_edit_get).post(service_edit_post),
        )
        .route("/services/{id}/archive", post(service_archive_post))
}

#[derive(Template, WebTemplate)]
#[template(path = "services/list.html")]
struct ServicesView {
    layout: Layout,
    services: Vec<Service>,
    can_manage: bool,
}

#[derive(Deserialize)]
struct DoneQuery {
    done: Option<String>,
}

async fn services_get(
    State(state): State<AppState>,
    me: SignedIn,
    Query(query): Query<DoneQuery>,
) -> AppResult<Response> {
    let tr = Tr::new(me.ctx.language);
    let can_manage = me.may(Action::ManageServices, Scope::Organisation);
    let view = ServicesView {
        layout: Layout::new(&state, &me.ctx, "/services", tr.t("services-title"))
            .await
            .with_flash(query.done.as_deref()),
        services: state.store.services().list(false).await?,
        can_manage,
    };
    Ok(no_store(view))
}

#[derive(Deserialize, Default, Clone)]
struct ServiceForm {
    name: String,
    kind: String,
    description: String,
    contact: String,
    hours: String,
    languages: String,
    site: String,
    is_crisis_line: Option<String>,
}

impl ServiceForm {
    fn from_service(service: &Service) -> ServiceForm {
        ServiceForm {
            name: service.name.clone(),
            kind: service.kind.as_str().to_owned(),
            description: service.description.clone().unwrap_or_default(),
            contact: service.contact.clone().unwrap_or_default(),
            hours: service.hours.clone().unwrap_or_default(),
            languages: service.languages.clone().unwrap_or_default(),
            site: service.site_id.map(|s| s.to_string()).unwrap_or_default(),
            is_crisis_line: service.is_crisis_line.then(|| "on".to_owned()),
        }
    }

    fn parse(&self, tr: &Tr, sites: &[Site]) -> Result<NewService, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = errors.check(tr, "name", Name::parse(&self.name));
        let kind = self.kind.parse::<ServiceKind>().ok();
        if kind.is_none() {
            errors.add_message(tr, "kind", "error-choose-one");
        }
        let description = errors.check(tr, "description", optional_text(&self.description, 2000));
        let contact = errors.check(tr, "contact", optional_text(&self.contact, 300));
        let hours = errors.check(tr, "hours", optional_text(&self.hours, 300));
        let languages = errors.check(tr, "languages", optional_text(&self.languages, 300));
        let site = if self.site.is_empty() {
            Some(None)
        } else {
            let found = self
                .site
                .parse::<SiteId>()
                .ok()
                .filter(|id| sites.iter().any(|s| s.id == *id));
            if found.is_none() {
                errors.add_message(tr, "site", "error-choose-one");
            }
            found.map(Some)
        };
        match (name, kind, description, contact, hours, languages, site) {
            (
                Some(name),
                Some(kind),
                Some(description),
                Some(contact),
                Some(hours),
                Some(languages),
                Some(site_id),
            ) if errors.is_empty() => Ok(NewService {
                name: name.into_string(),
                kind,
                description,
                contact,
                hours,
                languages,
                site_id,
                is_crisis_line: self.is_crisis_line.is_some(),
            }),
            _ => Err(errors),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "services/form.html")]
struct ServiceFormView {
    layout: Layout,
    heading: String,
    action: String,
    form: ServiceForm,
    errors: FieldErrors,
    sites: Vec<Site>,
    kinds: Vec<(&'static str, String)>,
    archive_action: Option<String>,
}

async fn form_page(
    state: &AppState,
    me: &SignedIn,
    heading_key: &str,
    action: String,
    form: ServiceForm,
    errors: FieldErrors,
    archive_action: Option<String>,
) -> AppResult<Response> {
    let tr = Tr::new(me.ctx.language);
    let status = form_status(!errors.is_empty());
    let view = ServiceFormView {
        layout: Layout::new(state, &me.ctx, "/services", tr.t(heading_key)).await,
        heading: tr.t(heading_key),
        action,
        form,
        errors,
        sites: state.store.org().sites(false).await?,
        kinds: ServiceKind::ALL
            .iter()
            .map(|k| (k.as_str(), tr.t(&format!("service-kind-{}", k.as_str()))))
            .collect(),
        archive_action,
    };
    Ok((status, no_store(view)).into_response())
}

async fn service_new_get(State(state): State<AppState>, me: SignedIn) -> AppResult<Response> {
    me.require(Action::ManageServices, Scope::Organisation)?;
    let form = ServiceForm {
        kind: "prevention".into(),
        ..ServiceForm::default()
    };
    form_page(
        &state,
        &me,
        "service-new-title",
        "/services".into(),
        form,
        FieldErrors::new(),
        None,
    )
    .await
}

async fn services_post(
    State(state): State<AppState>,
    me: SignedIn,
    Form(form): Form<ServiceForm>,
) -> AppResult<Response> {
    me.require(Action::ManageServices, Scope::Organisation)?;
    let tr = Tr::new(me.ctx.language);
    let sites = state.store.org().sites(false).await?;
    match form.parse(&tr, &sites) {
        Ok(service) => {
            state.store.services().create(&service).await?;
            Ok(see_other("/services?done=flash-saved"))
        }
        Err(errors) => {
            form_page(
                &state,
                &me,
                "service-new-title",
                "/services".into(),
                form,
                errors,
                None,
            )
            .await
        }
    }
}

async fn service_edit_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<ServiceId>,
) -> AppResult<Response> {
    me.require(Action::ManageServices, Scope::Organisation)?;
    let service = state.store.services().get(id).await?;
    let form = ServiceForm::from_service(&service);
    let archive = (!service.archived).then(|| format!("/services/{id}/archive"));
    form_page(
        &state,
        &me,
        "service-edit-title",
        format!("/services/{id}"),
        form,
        FieldErrors::new(),
        archive,
    )
    .await
}

async fn service_edit_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<ServiceId>,
    Form(form): Form<ServiceForm>,
) -> AppResult<Response> {
    me.require(Action::ManageServices, Scope::Organisation)?;
    let tr = Tr::new(me.ctx.language);
    let sites = state.store.org().sites(false).await?;
    match form.parse(&tr, &sites) {
        Ok(service) => {
            state.store.services().update(id, &service).await?;
            Ok(see_other("/services?done=flash-saved"))
        }
        Err(errors) => {
            let archive = Some(format!("/services/{id}/archive"));
            form_page(
                &state,
                &me,
                "service-edit-title",
                format!("/services/{id}"),
                form,
                errors,
                archive,
            )
            .await
        }
    }
}

async fn service_archive_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<ServiceId>,
) -> AppResult<Response> {
    me.require(Action::ManageServices, Scope::Organisation)?;
    state
        .store
        .services()
        .set_archived(id, true)
        .await
        .map_err(AppError::from)?;
    Ok(see_other("/services?done=flash-archived"))
}
