//! Sites, programmes with phases, and cohorts: list, create, edit, archive.

use super::home::role_label;
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
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use hearth_domain::input::{Email, Name, optional_text};
use hearth_domain::org::SiteKind;
use hearth_domain::policy::Action;
use hearth_domain::roles::{Role, RoleGrant, Scope};
use hearth_domain::{CohortId, PhaseId, ProgrammeId, RoleGrantId, SiteId};
use hearth_store::{
    Cohort, CohortMember, CohortSummary, NewCohort, NewSite, Programme, Site, StoreError,
};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/sites", get(sites_get).post(sites_post))
        .route("/sites/new", get(site_new_get))
        .route("/sites/{id}", get(site_get).post(site_post))
        .route("/sites/{id}/archive", post(site_archive_post))
        .route("/sites/{id}/restore", post(site_restore_post))
        .route("/programmes", get(programmes_get).post(programmes_post))
        .route("/programmes/{id}", get(programme_get).post(programme_post))
        .route("/programmes/{id}/phases", post(programme_phase_post))
        .route("/programmes/{id}/archive", post(programme_archive_post))
        .route("/cohorts", get(cohorts_get).post(cohorts_post))
        .route("/cohorts/new", get(cohort_new_get))
        .route("/cohorts/{id}", get(cohort_get).post(cohort_post))
        .route("/cohorts/{id}/edit", get(cohort_edit_get))
        .route("/cohorts/{id}/archive", post(cohort_archive_post))
        .route("/cohorts/{id}/members", post(cohort_member_post))
        .route(
            "/cohorts/{id}/members/{grant}/remove",
            post(cohort_member_remove_post),
        )
}

#[derive(Deserialize)]
struct ListQuery {
    archived: Option<String>,
    done: Option<String>,
}

fn status_for(errors: &FieldErrors) -> StatusCode {
    if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
}

/// Refuses people who may see nothing of the structure anywhere.
fn require_structure(me: &SignedIn) -> AppResult<()> {
    let anywhere = me
        .actor
        .grants
        .iter()
        .any(|g| me.may(Action::ViewStructure, g.scope));
    if anywhere {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

// ----- sites -----

#[derive(Template, WebTemplate)]
#[template(path = "org/sites.html")]
struct SitesView {
    layout: Layout,
    sites: Vec<(Site, String)>,
    can_create: bool,
    showing_archived: bool,
}

async fn sites_get(
    State(state): State<AppState>,
    me: SignedIn,
    Query(query): Query<ListQuery>,
) -> AppResult<Response> {
    require_structure(&me)?;
    let tr = Tr::new(me.ctx.language);
    let showing_archived = query.archived.is_some();
    let sites = state
        .store
        .org()
        .sites(showing_archived)
        .await?
        .into_iter()
        .filter(|s| me.may(Action::ViewStructure, Scope::Site(s.id)))
        .map(|s| {
            let kind = tr.t(&format!("site-kind-{}", s.kind.as_str()));
            (s, kind)
        })
        .collect();
    let view = SitesView {
        layout: Layout::new(&state, &me.ctx, "/sites", tr.t("sites-title"))
            .await
            .with_flash(query.done.as_deref()),
        sites,
        can_create: me.may(Action::ManageSites, Scope::Organisation),
        showing_archived,
    };
    Ok(no_store(view))
}

#[derive(Deserialize, Default, Clone)]
struct SiteForm {
    name: String,
    kind: String,
    address: String,
}

impl SiteForm {
    fn parse(&self, tr: &Tr) -> Result<NewSite, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = errors.check(tr, "name", Name::parse(&self.name));
        let kind = self.kind.parse::<SiteKind>().ok();
        if kind.is_none() {
            errors.add_message(tr, "kind", "error-choose-one");
        }
        let address = errors.check(tr, "address", optional_text(&self.address, 300));
        match (name, kind, address) {
            (Some(name), Some(kind), Some(address)) => Ok(NewSite {
                name: name.into_string(),
                kind,
                address,
            }),
            _ => Err(errors),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "org/site.html")]
struct SiteView {
    layout: Layout,
    site: Option<Site>,
    form: SiteForm,
    errors: FieldErrors,
    kinds: Vec<(&'static str, String)>,
    can_edit: bool,
    cohorts: Vec<CohortSummary>,
}

async fn site_page(
    state: &AppState,
    me: &SignedIn,
    site: Option<Site>,
    form: SiteForm,
    errors: FieldErrors,
    done: Option<&str>,
) -> AppResult<Response> {
    let tr = Tr::new(me.ctx.language);
    let title = site
        .as_ref()
        .map(|s| s.name.clone())
        .unwrap_or_else(|| tr.t("site-new-title"));
    let can_edit = match &site {
        Some(site) => me.may(Action::ManageSites, Scope::Site(site.id)),
        None => me.may(Action::ManageSites, Scope::Organisation),
    };
    let cohorts = match &site {
        Some(site) => state
            .store
            .org()
            .cohorts(false)
            .await?
            .into_iter()
            .filter(|c| c.cohort.site_id == site.id)
            .collect(),
        None => Vec::new(),
    };
    let view = SiteView {
        layout: Layout::new(state, &me.ctx, "/sites", title)
            .await
            .with_flash(done),
        site,
        form,
        kinds: SiteKind::ALL
            .iter()
            .map(|k| (k.as_str(), tr.t(&format!("site-kind-{}", k.as_str()))))
            .collect(),
        errors,
        can_edit,
        cohorts,
    };
    let status = status_for(&view.errors);
    Ok((status, no_store(view)).into_response())
}

async fn site_new_get(State(state): State<AppState>, me: SignedIn) -> AppResult<Response> {
    me.require(Action::ManageSites, Scope::Organisation)?;
    let form = SiteForm {
        kind: SiteKind::School.as_str().into(),
        ..SiteForm::default()
    };
    site_page(&state, &me, None, form, FieldErrors::new(), None).await
}

async fn sites_post(
    State(state): State<AppState>,
    me: SignedIn,
    Form(form): Form<SiteForm>,
) -> AppResult<Response> {
    me.require(Action::ManageSites, Scope::Organisation)?;
    match form.parse(&Tr::new(me.ctx.language)) {
        Ok(site) => {
            let id = state.store.org().create_site(&site).await?;
            Ok(see_other(&format!("/sites/{id}?done=flash-saved")))
        }
        Err(errors) => site_page(&state, &me, None, form, errors, None).await,
    }
}

async fn site_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<SiteId>,
    Query(query): Query<ListQuery>,
) -> AppResult<Response> {
    me.require(Action::ViewStructure, Scope::Site(id))?;
    let site = state.store.org().site(id).await?;
    let form = SiteForm {
        name: site.name.clone(),
        kind: site.kind.as_str().into(),
        address: site.address.clone().unwrap_or_default(),
    };
    site_page(
        &state,
        &me,
        Some(site),
        form,
        FieldErrors::new(),
        query.done.as_deref(),
    )
    .await
}

async fn site_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<SiteId>,
    Form(form): Form<SiteForm>,
) -> AppResult<Response> {
    me.require(Action::ManageSites, Scope::Site(id))?;
    let site = state.store.org().site(id).await?;
    match form.parse(&Tr::new(me.ctx.language)) {
        Ok(new) => {
            state.store.org().update_site(id, &new).await?;
            Ok(see_other(&format!("/sites/{id}?done=flash-saved")))
        }
        Err(errors) => site_page(&state, &me, Some(site), form, errors, None).await,
    }
}

async fn site_archive_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<SiteId>,
) -> AppResult<Response> {
    me.require(Action::ManageSites, Scope::Site(id))?;
    state.store.org().set_site_archived(id, true).await?;
    Ok(see_other("/sites?done=flash-archived"))
}

async fn site_restore_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<SiteId>,
) -> AppResult<Response> {
    me.require(Action::ManageSites, Scope::Site(id))?;
    state.store.org().set_site_archived(id, false).await?;
    Ok(see_other(&format!("/sites/{id}?done=flash-restored")))
}

// ----- programmes -----

#[derive(Template, WebTemplate)]
#[template(path = "org/programmes.html")]
struct ProgrammesView {
    layout: Layout,
    programmes: Vec<Programme>,
    can_create: bool,
    form: ProgrammeForm,
    errors: FieldErrors,
}

#[derive(Deserialize, Default, Clone)]
struct ProgrammeForm {
    name: String,
    description: String,
}

impl ProgrammeForm {
    fn parse(&self, tr: &Tr) -> Result<(Name, Option<String>), FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = errors.check(tr, "name", Name::parse(&self.name));
        let description = errors.check(tr, "description", optional_text(&self.description, 2000));
        match (name, description) {
            (Some(name), Some(description)) => Ok((name, description)),
            _ => Err(errors),
        }
    }
}

async fn programmes_page(
    state: &AppState,
    me: &SignedIn,
    form: ProgrammeForm,
    errors: FieldErrors,
    done: Option<&str>,
) -> AppResult<Response> {
    let tr = Tr::new(me.ctx.language);
    let view = ProgrammesView {
        layout: Layout::new(state, &me.ctx, "/programmes", tr.t("programmes-title"))
            .await
            .with_flash(done),
        programmes: state.store.org().programmes(false).await?,
        can_create: me.may(Action::ManageProgrammes, Scope::Organisation),
        form,
        errors,
    };
    let status = status_for(&view.errors);
    Ok((status, no_store(view)).into_response())
}

async fn programmes_get(
    State(state): State<AppState>,
    me: SignedIn,
    Query(query): Query<ListQuery>,
) -> AppResult<Response> {
    require_structure(&me)?;
    programmes_page(
        &state,
        &me,
        ProgrammeForm::default(),
        FieldErrors::new(),
        query.done.as_deref(),
    )
    .await
}

async fn programmes_post(
    State(state): State<AppState>,
    me: SignedIn,
    Form(form): Form<ProgrammeForm>,
) -> AppResult<Response> {
    me.require(Action::ManageProgrammes, Scope::Organisation)?;
    match form.parse(&Tr::new(me.ctx.language)) {
        Ok((name, description)) => {
            let id = state
                .store
                .org()
                .create_programme(name.as_str(), description.as_deref())
                .await?;
            Ok(see_other(&format!("/programmes/{id}?done=flash-saved")))
        }
        Err(errors) => programmes_page(&state, &me, form, errors, None).await,
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "org/programme.html")]
struct ProgrammeView {
    layout: Layout,
    programme: Programme,
    form: ProgrammeForm,
    errors: FieldErrors,
    phase_form: PhaseForm,
    phase_errors: FieldErrors,
    can_edit: bool,
    cohorts: Vec<CohortSummary>,
}

#[derive(Deserialize, Default, Clone)]
struct PhaseForm {
    name: String,
    starts_on: String,
    ends_on: String,
}

/// The two forms on a programme's page, with what each got wrong.
struct ProgrammeForms {
    form: ProgrammeForm,
    errors: FieldErrors,
    phase_form: PhaseForm,
    phase_errors: FieldErrors,
}

impl ProgrammeForms {
    fn for_programme(programme: &Programme) -> ProgrammeForms {
        ProgrammeForms {
            form: ProgrammeForm {
                name: programme.name.clone(),
                description: programme.description.clone().unwrap_or_default(),
            },
            errors: FieldErrors::new(),
            phase_form: PhaseForm::default(),
            phase_errors: FieldErrors::new(),
        }
    }
}

async fn programme_page(
    state: &AppState,
    me: &SignedIn,
    programme: Programme,
    forms: ProgrammeForms,
    done: Option<&str>,
) -> AppResult<Response> {
    let ProgrammeForms {
        form,
        errors,
        phase_form,
        phase_errors,
    } = forms;
    let status = form_status(!(errors.is_empty() && phase_errors.is_empty()));
    let cohorts = state
        .store
        .org()
        .cohorts(false)
        .await?
        .into_iter()
        .filter(|c| c.cohort.programme_id == programme.id)
        .collect();
    let view = ProgrammeView {
        layout: Layout::new(state, &me.ctx, "/programmes", programme.name.clone())
            .await
            .with_flash(done),
        programme,
        form,
        errors,
        phase_form,
        phase_errors,
        can_edit: me.may(Action::ManageProgrammes, Scope::Organisation),
        cohorts,
    };
    Ok((status, no_store(view)).into_response())
}

async fn programme_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<ProgrammeId>,
    Query(query): Query<ListQuery>,
) -> AppResult<Response> {
    require_structure(&me)?;
    let programme = state.store.org().programme(id).await?;
    let forms = ProgrammeForms::for_programme(&programme);
    programme_page(&state, &me, programme, forms, query.done.as_deref()).await
}

async fn programme_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<ProgrammeId>,
    Form(form): Form<ProgrammeForm>,
) -> AppResult<Response> {
    me.require(Action::ManageProgrammes, Scope::Organisation)?;
    let programme = state.store.org().programme(id).await?;
    match form.parse(&Tr::new(me.ctx.language)) {
        Ok((name, description)) => {
            state
                .store
                .org()
                .update_programme(id, name.as_str(), description.as_deref())
                .await?;
            Ok(see_other(&format!("/programmes/{id}?done=flash-saved")))
        }
        Err(errors) => {
            let forms = ProgrammeForms {
                form,
                errors,
                ..ProgrammeForms::for_programme(&programme)
            };
            programme_page(&state, &me, programme, forms, None).await
        }
    }
}

async fn programme_phase_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<ProgrammeId>,
    Form(phase): Form<PhaseForm>,
) -> AppResult<Response> {
    me.require(Action::ManageProgrammes, Scope::Organisation)?;
    let tr = Tr::new(me.ctx.language);
    let programme = state.store.org().programme(id).await?;
    let mut errors = FieldErrors::new();
    let name = errors.check(&tr, "phase_name", Name::parse(&phase.name));
    let dates = errors.check_dates(&tr, &phase.starts_on, &phase.ends_on);
    match (name, dates) {
        (Some(name), Some((starts, ends))) if errors.is_empty() => {
            state
                .store
                .org()
                .add_phase(id, name.as_str(), starts.as_deref(), ends.as_deref())
                .await?;
            Ok(see_other(&format!("/programmes/{id}?done=flash-saved")))
        }
        _ => {
            let forms = ProgrammeForms {
                phase_form: phase,
                phase_errors: errors,
                ..ProgrammeForms::for_programme(&programme)
            };
            programme_page(&state, &me, programme, forms, None).await
        }
    }
}

async fn programme_archive_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<ProgrammeId>,
) -> AppResult<Response> {
    me.require(Action::ManageProgrammes, Scope::Organisation)?;
    state.store.org().set_programme_archived(id, true).await?;
    Ok(see_other("/programmes?done=flash-archived"))
}

// ----- cohorts -----

#[derive(Template, WebTemplate)]
#[template(path = "org/cohorts.html")]
struct CohortsView {
    layout: Layout,
    cohorts: Vec<CohortSummary>,
    can_create: bool,
    showing_archived: bool,
}

/// Sites where this person may create cohorts.
async fn sites_for_cohorts(state: &AppState, me: &SignedIn) -> Result<Vec<Site>, StoreError> {
    Ok(state
        .store
        .org()
        .sites(false)
        .await?
        .into_iter()
        .filter(|s| me.may(Action::ManageCohorts, Scope::Site(s.id)))
        .collect())
}

async fn cohorts_get(
    State(state): State<AppState>,
    me: SignedIn,
    Query(query): Query<ListQuery>,
) -> AppResult<Response> {
    let tr = Tr::new(me.ctx.language);
    let showing_archived = query.archived.is_some();
    let cohorts: Vec<CohortSummary> = state
        .store
        .org()
        .cohorts(showing_archived)
        .await?
        .into_iter()
        .filter(|c| me.may(Action::ViewCohort, c.cohort.scope()))
        .collect();
    let can_create = !sites_for_cohorts(&state, &me).await?.is_empty();
    let view = CohortsView {
        layout: Layout::new(&state, &me.ctx, "/cohorts", tr.t("cohorts-title"))
            .await
            .with_flash(query.done.as_deref()),
        cohorts,
        can_create,
        showing_archived,
    };
    Ok(no_store(view))
}

#[derive(Deserialize, Default, Clone)]
struct CohortForm {
    name: String,
    programme: String,
    site: String,
    starts_on: String,
    ends_on: String,
}

impl CohortForm {
    fn from_cohort(cohort: &Cohort) -> CohortForm {
        CohortForm {
            name: cohort.name.clone(),
            programme: match cohort.phase_id {
                Some(phase) => format!("{}:{phase}", cohort.programme_id),
                None => cohort.programme_id.to_string(),
            },
            site: cohort.site_id.to_string(),
            starts_on: cohort.starts_on.clone().unwrap_or_default(),
            ends_on: cohort.ends_on.clone().unwrap_or_default(),
        }
    }

    /// `programme` is `<programme id>` or `<programme id>:<phase id>`.
    fn parse(
        &self,
        tr: &Tr,
        programmes: &[Programme],
        sites: &[Site],
    ) -> Result<NewCohort, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = errors.check(tr, "name", Name::parse(&self.name));
        let (programme_part, phase_part) = match self.programme.split_once(':') {
            Some((programme, phase)) => (programme, Some(phase)),
            None => (self.programme.as_str(), None),
        };
        let programme = programme_part
            .parse::<ProgrammeId>()
            .ok()
            .and_then(|id| programmes.iter().find(|p| p.id == id));
        let phase = match (programme, phase_part) {
            (Some(programme), Some(phase)) => {
                let phase = phase
                    .parse::<PhaseId>()
                    .ok()
                    .filter(|id| programme.phases.iter().any(|p| p.id == *id));
                if phase.is_none() {
                    errors.add_message(tr, "programme", "error-choose-one");
                }
                phase
            }
            _ => None,
        };
        if programme.is_none() {
            errors.add_message(tr, "programme", "error-choose-one");
        }
        let site = self
            .site
            .parse::<SiteId>()
            .ok()
            .filter(|id| sites.iter().any(|s| s.id == *id));
        if site.is_none() {
            errors.add_message(tr, "site", "error-choose-one");
        }
        let dates = errors.check_dates(tr, &self.starts_on, &self.ends_on);
        match (name, programme, site, dates) {
            (Some(name), Some(programme), Some(site_id), Some((starts_on, ends_on)))
                if errors.is_empty() =>
            {
                Ok(NewCohort {
                    name: name.into_string(),
                    programme_id: programme.id,
                    phase_id: phase,
                    site_id,
                    starts_on,
                    ends_on,
                })
            }
            _ => Err(errors),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "org/cohort_form.html")]
struct CohortFormView {
    layout: Layout,
    heading: String,
    action: String,
    form: CohortForm,
    errors: FieldErrors,
    programmes: Vec<Programme>,
    sites: Vec<Site>,
    archive_action: Option<String>,
}

async fn cohort_form_page(
    state: &AppState,
    me: &SignedIn,
    existing: Option<&Cohort>,
    form: CohortForm,
    errors: FieldErrors,
) -> AppResult<Response> {
    let tr = Tr::new(me.ctx.language);
    let heading = match existing {
        Some(cohort) => tr.t1("edit-named", "name", &cohort.name),
        None => tr.t("cohort-new-title"),
    };
    let view = CohortFormView {
        layout: Layout::new(state, &me.ctx, "/cohorts", heading.clone()).await,
        heading,
        action: existing
            .map(|c| format!("/cohorts/{}", c.id))
            .unwrap_or_else(|| "/cohorts".into()),
        form,
        programmes: state.store.org().programmes(false).await?,
        sites: sites_for_cohorts(state, me).await?,
        archive_action: existing
            .filter(|c| !c.archived)
            .map(|c| format!("/cohorts/{}/archive", c.id)),
        errors,
    };
    let status = status_for(&view.errors);
    Ok((status, no_store(view)).into_response())
}

async fn cohort_new_get(State(state): State<AppState>, me: SignedIn) -> AppResult<Response> {
    if sites_for_cohorts(&state, &me).await?.is_empty() {
        return Err(AppError::Forbidden);
    }
    cohort_form_page(&state, &me, None, CohortForm::default(), FieldErrors::new()).await
}

async fn cohorts_post(
    State(state): State<AppState>,
    me: SignedIn,
    Form(form): Form<CohortForm>,
) -> AppResult<Response> {
    let sites = sites_for_cohorts(&state, &me).await?;
    if sites.is_empty() {
        return Err(AppError::Forbidden);
    }
    let programmes = state.store.org().programmes(false).await?;
    match form.parse(&Tr::new(me.ctx.language), &programmes, &sites) {
        Ok(cohort) => {
            let id = state.store.org().create_cohort(&cohort).await?;
            Ok(see_other(&format!("/cohorts/{id}?done=flash-saved")))
        }
        Err(errors) => cohort_form_page(&state, &me, None, form, errors).await,
    }
}

async fn cohort_edit_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<CohortId>,
) -> AppResult<Response> {
    let cohort = state.store.org().cohort(id).await?;
    me.require(Action::ManageCohorts, cohort.scope())?;
    let form = CohortForm::from_cohort(&cohort);
    cohort_form_page(&state, &me, Some(&cohort), form, FieldErrors::new()).await
}

async fn cohort_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<CohortId>,
    Form(form): Form<CohortForm>,
) -> AppResult<Response> {
    let cohort = state.store.org().cohort(id).await?;
    me.require(Action::ManageCohorts, cohort.scope())?;
    let sites = sites_for_cohorts(&state, &me).await?;
    let programmes = state.store.org().programmes(false).await?;
    match form.parse(&Tr::new(me.ctx.language), &programmes, &sites) {
        Ok(new) => {
            state.store.org().update_cohort(id, &new).await?;
            Ok(see_other(&format!("/cohorts/{id}?done=flash-saved")))
        }
        Err(errors) => cohort_form_page(&state, &me, Some(&cohort), form, errors).await,
    }
}

async fn cohort_archive_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<CohortId>,
) -> AppResult<Response> {
    let cohort = state.store.org().cohort(id).await?;
    me.require(Action::ManageCohorts, cohort.scope())?;
    state.store.org().set_cohort_archived(id, true).await?;
    Ok(see_other("/cohorts?done=flash-archived"))
}

struct MemberRow {
    member: CohortMember,
    role: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "org/cohort.html")]
struct CohortView {
    layout: Layout,
    cohort: Cohort,
    staff: Vec<MemberRow>,
    participants: Vec<MemberRow>,
    can_edit: bool,
    can_add_members: bool,
    can_see_emails: bool,
    member_email: String,
    member_role: String,
    member_error: Option<String>,
    member_roles: Vec<(String, String)>,
    can_form_groups: bool,
    can_run_events: bool,
    events: Vec<(hearth_store::Event, String)>,
    /// The groups as everyone in the cohort sees them; a participant sees their own.
    groups: Vec<(String, Vec<String>, bool)>,
    /// A training cohort whose training page this person may open.
    can_open_training: bool,
}

#[derive(Deserialize, Default)]
struct MemberForm {
    email: String,
    role: String,
}

/// The current peer groups as this person may see them: staff see all of
/// them, a participant sees the group they belong to.
async fn visible_groups(
    state: &AppState,
    me: &SignedIn,
    cohort: &Cohort,
    staff: &[MemberRow],
    participants: &[MemberRow],
    sees_all: bool,
) -> AppResult<Vec<(String, Vec<String>, bool)>> {
    let Some(arrangement) = state.store.peer_groups().current(cohort.id).await? else {
        return Ok(Vec::new());
    };
    let sees_all = sees_all || me.may(Action::ViewPeople, cohort.scope());
    let names: std::collections::HashMap<_, _> = staff
        .iter()
        .chain(participants)
        .map(|row| (row.member.user_id, row.member.display_name.clone()))
        .collect();
    Ok(arrangement
        .groups
        .into_iter()
        .map(|group| {
            let mine = group.members.contains(&me.user.person.id);
            let members = group
                .members
                .iter()
                .filter_map(|u| names.get(u).cloned())
                .collect();
            (group.name, members, mine)
        })
        .filter(|(_, _, mine)| *mine || sees_all)
        .collect())
}

async fn cohort_page(
    state: &AppState,
    me: &SignedIn,
    cohort: Cohort,
    member: MemberForm,
    member_error: Option<String>,
    done: Option<&str>,
) -> AppResult<Response> {
    let tr = Tr::new(me.ctx.language);
    let scope = cohort.scope();
    let members = state.store.org().cohort_members(cohort.id).await?;
    let (participants, staff): (Vec<_>, Vec<_>) = members
        .into_iter()
        .map(|member| MemberRow {
            role: role_label(&tr, member.role),
            member,
        })
        .partition(|row| row.member.role == Role::Participant);
    let member_roles = [Role::Participant, Role::Facilitator, Role::Supervisor]
        .into_iter()
        .filter(|role| me.may(Action::GrantRole(*role), scope))
        .map(|role| (role.key(), role_label(&tr, role)))
        .collect::<Vec<_>>();
    let can_form_groups = me.may(Action::ManagePeerGroups, scope);
    let groups = visible_groups(state, me, &cohort, &staff, &participants, can_form_groups).await?;
    let status = form_status(member_error.is_some());
    let zone = me.time_zone(state).await?;
    let events = state
        .store
        .events()
        .for_cohort(cohort.id)
        .await?
        .into_iter()
        .filter(|e| !e.cancelled)
        .map(|e| {
            let when = crate::views::format_time(e.starts_at, &zone);
            (e, when)
        })
        .collect();
    let can_open_training = (me.may(Action::RunTraining, scope)
        || me.may(Action::FollowTraining, scope))
        && state
            .store
            .training()
            .cohort_curriculum(cohort.id)
            .await?
            .is_some();
    let view = CohortView {
        can_open_training,
        can_form_groups,
        can_run_events: me.may(Action::RunEvent, scope),
        events,
        groups,
        layout: Layout::new(state, &me.ctx, "/cohorts", cohort.name.clone())
            .await
            .with_flash(done),
        can_edit: me.may(Action::ManageCohorts, scope),
        can_add_members: !member_roles.is_empty(),
        can_see_emails: me.may(Action::ViewPeople, scope),
        cohort,
        staff,
        participants,
        member_email: member.email,
        member_role: if member.role.is_empty() {
            Role::Participant.key()
        } else {
            member.role
        },
        member_error,
        member_roles,
    };
    Ok((status, no_store(view)).into_response())
}

async fn cohort_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<CohortId>,
    Query(query): Query<ListQuery>,
) -> AppResult<Response> {
    let cohort = state.store.org().cohort(id).await?;
    me.require(Action::ViewCohort, cohort.scope())?;
    cohort_page(
        &state,
        &me,
        cohort,
        MemberForm::default(),
        None,
        query.done.as_deref(),
    )
    .await
}

async fn cohort_member_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<CohortId>,
    Form(form): Form<MemberForm>,
) -> AppResult<Response> {
    let cohort = state.store.org().cohort(id).await?;
    let scope = cohort.scope();
    let tr = Tr::new(me.ctx.language);
    let role: Role = form.role.parse().map_err(|_| AppError::Forbidden)?;
    me.require(Action::GrantRole(role), scope)?;
    let error = match Email::parse(&form.email) {
        Err(error) => Some(tr.t(error.message_id)),
        Ok(email) => match state.store.people().find_by_email(&email).await? {
            None => Some(tr.t("cohort-member-unknown")),
            Some(person) => match state
                .store
                .people()
                .add_grant(person.id, RoleGrant { role, scope })
                .await
            {
                Ok(_) => {
                    super::people::tell_about_new_role(&state, person.id, role, scope).await?;
                    return Ok(see_other(&format!("/cohorts/{id}?done=flash-member-added")));
                }
                Err(StoreError::Conflict(_)) => Some(tr.t("cohort-member-already")),
                Err(other) => return Err(other.into()),
            },
        },
    };
    cohort_page(&state, &me, cohort, form, error, None).await
}

async fn cohort_member_remove_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, grant)): Path<(CohortId, RoleGrantId)>,
) -> AppResult<Response> {
    let cohort = state.store.org().cohort(id).await?;
    let (_, view) = state.store.people().grant(grant).await?;
    if view.grant.scope != cohort.scope() {
        return Err(AppError::NotFound);
    }
    me.require(Action::GrantRole(view.grant.role), view.grant.scope)?;
    state.store.people().remove_grant(grant).await?;
    Ok(see_other(&format!(
        "/cohorts/{id}?done=flash-member-removed"
    )))
}
