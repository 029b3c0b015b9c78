//! People: search, invite, roles, deactivation, and import from CSV.

use super::auth::send_invitation;
use super::home::{grant_label, role_label};
use super::{PER_PAGE, form_status, no_store, paging, see_other};
use crate::context::SignedIn;
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::Layout;
use crate::views::forms::{FieldErrors, ImportPreview, PreviewRow, read_csv_upload};
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Form, Multipart, Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use hearth_domain::input::{Email, Language, Name, optional_text};
use hearth_domain::policy::Action;
use hearth_domain::role_training::{Term, override_reason};
use hearth_domain::roles::{Role, RoleGrant, Scope};
use hearth_domain::{RoleGrantId, SiteId, UserId};
use hearth_store::{CohortSummary, CsvPerson, GrantView, Person, Site, StoreError};
use serde::Deserialize;
use std::collections::HashSet;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/people", get(people_get))
        .route("/people/invite", get(invite_get).post(invite_post))
        .route("/people/import", get(import_get).post(import_post))
        .route("/people/import/confirm", post(import_confirm_post))
        .route("/people/{id}", get(person_get))
        .route("/people/{id}/roles", post(person_role_post))
        .route(
            "/people/{id}/roles/{grant}/remove",
            post(person_role_remove_post),
        )
        .route("/people/{id}/deactivate", post(person_deactivate_post))
        .route("/people/{id}/reactivate", post(person_reactivate_post))
        .route("/people/{id}/invite", post(person_reinvite_post))
}

/// Whom the viewer may see in the directory: everyone, or people at their sites.
enum Reach {
    Everyone,
    Sites(Vec<SiteId>),
}

fn people_reach(me: &SignedIn) -> AppResult<Reach> {
    if me.may(Action::ViewPeople, Scope::Organisation) {
        return Ok(Reach::Everyone);
    }
    let sites: Vec<SiteId> = me
        .actor
        .grants
        .iter()
        .filter_map(|g| match g.scope {
            Scope::Site(site) if me.may(Action::ViewPeople, g.scope) => Some(site),
            _ => None,
        })
        .collect();
    if sites.is_empty() {
        Err(AppError::Forbidden)
    } else {
        Ok(Reach::Sites(sites))
    }
}

/// Whether the viewer may see this person: everyone they reach, or themself.
fn may_see(me: &SignedIn, reach: &Reach, grants: &[GrantView]) -> bool {
    match reach {
        Reach::Everyone => true,
        Reach::Sites(_) => grants
            .iter()
            .any(|g| me.may(Action::ViewPeople, g.grant.scope)),
    }
}

#[derive(Deserialize)]
struct SearchQuery {
    q: Option<String>,
    page: Option<u32>,
    done: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "people/list.html")]
struct PeopleView {
    layout: Layout,
    query: String,
    people: Vec<Person>,
    total: i64,
    page: i64,
    pages: i64,
    pager_base: String,
    can_manage: bool,
}

async fn people_get(
    State(state): State<AppState>,
    me: SignedIn,
    Query(query): Query<SearchQuery>,
) -> AppResult<Response> {
    let reach = people_reach(&me)?;
    let tr = Tr::new(me.ctx.language);
    let text = query.q.clone().unwrap_or_default();
    let sites = match &reach {
        Reach::Everyone => None,
        Reach::Sites(sites) => Some(sites.as_slice()),
    };
    let total = state.store.people().search(&text, sites, 0, 0).await?.total;
    let (page, pages) = paging(query.page, total, PER_PAGE);
    let found = state
        .store
        .people()
        .search(&text, sites, PER_PAGE, (page - 1) * PER_PAGE)
        .await?;
    let view = PeopleView {
        layout: Layout::new(&state, &me.ctx, "/people", tr.t("people-title"))
            .await
            .with_flash(query.done.as_deref()),
        pager_base: format!("/people?q={}&", crate::context::percent_encode(&text)),
        query: text,
        people: found.people,
        total,
        page,
        pages,
        can_manage: me.may(Action::ManagePeople, Scope::Organisation),
    };
    Ok(no_store(view))
}

/// Every place a role can be given, as (value, label) for a select.
async fn scope_choices(state: &AppState, tr: &Tr) -> Result<Vec<(String, String)>, StoreError> {
    let mut choices = vec![("organisation".to_owned(), tr.t("scope-organisation"))];
    for site in state.store.org().sites(false).await? {
        choices.push((
            format!("site:{}", site.id),
            tr.t1("scope-site", "name", &site.name),
        ));
    }
    for cohort in state.store.org().cohorts(false).await? {
        choices.push((
            format!("cohort:{}", cohort.cohort.id),
            tr.t1("scope-cohort", "name", &cohort.cohort.name),
        ));
    }
    Ok(choices)
}

/// Reads a scope choice back, checking the site or cohort exists.
async fn parse_scope(state: &AppState, value: &str) -> Result<Option<Scope>, StoreError> {
    if value == "organisation" {
        return Ok(Some(Scope::Organisation));
    }
    if let Some(site) = value
        .strip_prefix("site:")
        .and_then(|s| s.parse::<SiteId>().ok())
    {
        return match state.store.org().site(site).await {
            Ok(_) => Ok(Some(Scope::Site(site))),
            Err(StoreError::NotFound) => Ok(None),
            Err(other) => Err(other),
        };
    }
    if let Some(cohort) = value.strip_prefix("cohort:").and_then(|s| s.parse().ok()) {
        return match state.store.org().cohort(cohort).await {
            Ok(found) => Ok(Some(Scope::Cohort {
                cohort: found.id,
                site: found.site_id,
            })),
            Err(StoreError::NotFound) => Ok(None),
            Err(other) => Err(other),
        };
    }
    Ok(None)
}

fn role_choices(tr: &Tr) -> Vec<(String, String)> {
    Role::all()
        .into_iter()
        .map(|r| (r.key(), role_label(tr, r)))
        .collect()
}

#[derive(Deserialize, Default, Clone)]
struct InviteForm {
    email: String,
    name: String,
    role: String,
    scope: String,
    language: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "people/invite.html")]
struct InviteView {
    layout: Layout,
    form: InviteForm,
    errors: FieldErrors,
    roles: Vec<(String, String)>,
    scopes: Vec<(String, String)>,
    languages: Vec<(&'static str, &'static str)>,
}

async fn invite_page(
    state: &AppState,
    me: &SignedIn,
    form: InviteForm,
    errors: FieldErrors,
) -> AppResult<Response> {
    let tr = Tr::new(me.ctx.language);
    let status = form_status(!errors.is_empty());
    let view = InviteView {
        layout: Layout::new(state, &me.ctx, "/people", tr.t("invite-title")).await,
        form,
        errors,
        roles: role_choices(&tr),
        scopes: scope_choices(state, &tr).await?,
        languages: Language::ALL
            .iter()
            .map(|l| (l.code(), l.native_name()))
            .collect(),
    };
    Ok((status, no_store(view)).into_response())
}

async fn invite_get(State(state): State<AppState>, me: SignedIn) -> AppResult<Response> {
    me.require(Action::ManagePeople, Scope::Organisation)?;
    let form = InviteForm {
        role: Role::Participant.key(),
        scope: "organisation".into(),
        language: me.ctx.language.code().into(),
        ..InviteForm::default()
    };
    invite_page(&state, &me, form, FieldErrors::new()).await
}

async fn invite_post(
    State(state): State<AppState>,
    me: SignedIn,
    Form(form): Form<InviteForm>,
) -> AppResult<Response> {
    me.require(Action::ManagePeople, Scope::Organisation)?;
    let tr = Tr::new(me.ctx.language);
    let mut errors = FieldErrors::new();
    let email = errors.check(&tr, "email", Email::parse(&form.email));
    let name = errors.check(&tr, "name", Name::parse(&form.name));
    let language = Language::from_code(&form.language).unwrap_or(me.ctx.language);
    let role = if form.role.is_empty() {
        None
    } else {
        form.role.parse::<Role>().ok()
    };
    if !form.role.is_empty() && role.is_none() {
        errors.add_message(&tr, "role", "error-choose-one");
    }
    let scope = parse_scope(&state, &form.scope).await?;
    if role.is_some() && scope.is_none() {
        errors.add_message(&tr, "scope", "error-choose-one");
    }
    if let (Some(role), Some(scope)) = (role, scope)
        && !me.may(Action::GrantRole(role), scope)
    {
        errors.add_message(&tr, "role", "error-role-not-yours");
    }
    let (Some(email), Some(name)) = (email, name) else {
        return invite_page(&state, &me, form, errors).await;
    };
    if !errors.is_empty() {
        return invite_page(&state, &me, form, errors).await;
    }
    let user = match state
        .store
        .people()
        .create(&email, &name, None, Some(language.code()))
        .await
    {
        Ok(user) => user,
        Err(StoreError::Conflict(_)) => {
            errors.add_message(&tr, "email", "error-email-taken");
            return invite_page(&state, &me, form, errors).await;
        }
        Err(other) => return Err(other.into()),
    };
    if let (Some(role), Some(scope)) = (role, scope) {
        state
            .store
            .people()
            .add_grant(user, RoleGrant { role, scope })
            .await?;
    }
    send_invitation(&state, &me, user).await?;
    Ok(see_other(&format!("/people/{user}?done=flash-invited")))
}

#[derive(Template, WebTemplate)]
#[template(path = "people/person.html")]
struct PersonView {
    layout: Layout,
    person: Person,
    grants: Vec<(GrantView, String, bool)>,
    can_manage: bool,
    can_grant: bool,
    /// May open the person's data page (export, erasure).
    may_export: bool,
    roles: Vec<(String, String)>,
    scopes: Vec<(String, String)>,
    role_error: Option<String>,
    cohorts: Vec<CohortSummary>,
    /// The role form as it was sent, when it is shown again.
    attempt: RoleAttempt,
    /// Roles given before their training was complete: (role, when, by, missing, reason).
    overrides: Vec<(String, String, String, String, String)>,
}

/// A role form shown again: what was chosen, and what training is missing.
#[derive(Default)]
struct RoleAttempt {
    role: String,
    scope: String,
    override_reason: String,
    /// Training still to do, named.
    missing: Vec<String>,
    /// The reader may give the role anyway, with a reason.
    may_override: bool,
    reason_error: Option<String>,
    /// A peer worker's term, as typed.
    starts_on: String,
    ends_on: String,
    term_errors: FieldErrors,
}

#[derive(Deserialize)]
struct DoneQuery {
    done: Option<String>,
}

async fn person_page(
    state: &AppState,
    me: &SignedIn,
    id: UserId,
    role_error: Option<String>,
    done: Option<&str>,
) -> AppResult<Response> {
    person_page_with(state, me, id, role_error, RoleAttempt::default(), done).await
}

async fn person_page_with(
    state: &AppState,
    me: &SignedIn,
    id: UserId,
    role_error: Option<String>,
    attempt: RoleAttempt,
    done: Option<&str>,
) -> AppResult<Response> {
    let reach = people_reach(me)?;
    let tr = Tr::new(me.ctx.language);
    let person = state.store.people().get(id).await?;
    let grant_views = state.store.people().grants(id).await?;
    if !may_see(me, &reach, &grant_views) {
        return Err(AppError::Forbidden);
    }
    let terms = state.store.training().terms_of(id).await?;
    let grants = grant_views
        .into_iter()
        .map(|g| {
            let mut label = grant_label(&tr, &g);
            if let Some((_, term)) = terms.iter().find(|(grant, _)| *grant == g.id) {
                label = tr.args(
                    "role-term-label",
                    &[
                        ("role", label),
                        ("starts", term.starts_on.to_string()),
                        ("ends", term.ends_on.to_string()),
                    ],
                );
            }
            let removable = me.may(Action::GrantRole(g.grant.role), g.grant.scope);
            (g, label, removable)
        })
        .collect();
    let can_grant = me
        .actor
        .grants
        .iter()
        .any(|g| me.may(Action::GrantRole(Role::Participant), g.scope));
    let status = form_status(role_error.is_some());
    let zone = me.time_zone(state).await?;
    let overrides = state
        .store
        .training()
        .overrides(id)
        .await?
        .into_iter()
        .map(|o| {
            (
                role_label(&tr, o.role),
                crate::views::format_time(o.created_at, &zone),
                o.decided_by.unwrap_or_else(|| tr.t("someone-removed")),
                o.missing,
                o.reason,
            )
        })
        .collect();
    let view = PersonView {
        attempt,
        overrides,
        layout: Layout::new(state, &me.ctx, "/people", person.display_name.clone())
            .await
            .with_flash(done),
        cohorts: state.store.org().cohorts_of(id).await?,
        person,
        grants,
        can_manage: me.may(Action::ManagePeople, Scope::Organisation),
        may_export: me.may(Action::ExportPersonData, Scope::Organisation),
        can_grant,
        roles: role_choices(&tr),
        scopes: scope_choices(state, &tr).await?,
        role_error,
    };
    Ok((status, no_store(view)).into_response())
}

async fn person_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<UserId>,
    Query(query): Query<DoneQuery>,
) -> AppResult<Response> {
    let page = person_page(&state, &me, id, None, query.done.as_deref()).await?;
    // A person's record (contact details, roles) read by someone else is audited.
    if page.status().is_success() && id != me.user.person.id {
        state
            .store
            .audit()
            .record(
                Some(me.user.person.id),
                "read",
                "person-record",
                Some(id.0),
                Some(id),
            )
            .await?;
    }
    Ok(page)
}

/// Tells someone, in the app and by email, about a role they were just given.
pub async fn tell_about_new_role(
    state: &AppState,
    user: UserId,
    role: Role,
    scope: Scope,
) -> AppResult<()> {
    let person = state.store.people().get(user).await?;
    let tr = Tr::new(
        person
            .language
            .as_deref()
            .and_then(Language::from_code)
            .unwrap_or_default(),
    );
    let place = match scope {
        Scope::Organisation => tr.t("scope-organisation"),
        Scope::Site(site) => state.store.org().site(site).await?.name,
        Scope::Cohort { cohort, .. } => state.store.org().cohort(cohort).await?.name,
        Scope::SupportGroup { group, .. } => state.store.support_groups().get(group).await?.name,
    };
    let link = match scope {
        Scope::Cohort { cohort, .. } => format!("/cohorts/{cohort}"),
        _ => "/".to_owned(),
    };
    let title = tr.args(
        "notice-role-title",
        &[("role", role_label(&tr, role)), ("place", place)],
    );
    crate::jobs::notify(
        state,
        user,
        &title,
        &tr.t("notice-role-body"),
        Some(&link),
        true,
    )
    .await?;
    Ok(())
}

#[derive(Deserialize)]
struct RoleForm {
    role: String,
    scope: String,
    /// An administrator's reason for giving a role before its training is done.
    #[serde(default)]
    override_reason: String,
    /// A peer worker's term; empty means the usual one, from today.
    #[serde(default)]
    starts_on: String,
    #[serde(default)]
    ends_on: String,
}

async fn person_role_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<UserId>,
    Form(form): Form<RoleForm>,
) -> AppResult<Response> {
    let tr = Tr::new(me.ctx.language);
    state.store.people().get(id).await?;
    let role = form.role.parse::<Role>().ok();
    let scope = parse_scope(&state, &form.scope).await?;
    let (Some(role), Some(scope)) = (role, scope) else {
        return person_page(&state, &me, id, Some(tr.t("error-choose-one")), None).await;
    };
    me.require(Action::GrantRole(role), scope)?;
    // Peer workers serve for a term: students for a few years at most.
    let mut term = None;
    if matches!(role, Role::PeerWorker(_)) {
        let today = super::role_training::today(&state, &me).await?;
        match (form.starts_on.trim(), form.ends_on.trim()) {
            ("", "") => term = Some(Term::default_from(today)),
            (starts, ends) => match Term::parse(starts, ends) {
                Ok(parsed) => term = Some(parsed),
                Err(problems) => {
                    let mut term_errors = FieldErrors::new();
                    for (field, error) in &problems {
                        term_errors.add(&tr, field, error);
                    }
                    let attempt = RoleAttempt {
                        role: form.role,
                        scope: form.scope,
                        override_reason: form.override_reason,
                        starts_on: form.starts_on,
                        ends_on: form.ends_on,
                        term_errors,
                        ..RoleAttempt::default()
                    };
                    let error = tr.t("role-term-invalid");
                    return person_page_with(&state, &me, id, Some(error), attempt, None).await;
                }
            },
        }
    }
    // A role whose minimum training is not done is refused, naming what is
    // missing; an administrator may give it anyway, with a reason kept.
    let missing: Vec<String> = super::role_training::missing_training(&state, id, role)
        .await?
        .iter()
        .map(|item| super::role_training::item_label(&tr, item))
        .collect();
    let mut overridden = None;
    if !missing.is_empty() {
        let may_override = me.may(Action::OverrideRoleTraining, scope);
        let wants_override = may_override && !form.override_reason.trim().is_empty();
        let reason = wants_override.then(|| override_reason(&form.override_reason));
        let mut reason_error = None;
        match reason {
            Some(Ok(reason)) => overridden = Some(reason),
            Some(Err(e)) => reason_error = Some(tr.t(e.message_id)),
            None => {}
        }
        if overridden.is_none() {
            let error = tr.t1("role-training-incomplete", "role", role_label(&tr, role));
            let attempt = RoleAttempt {
                role: form.role,
                scope: form.scope,
                override_reason: form.override_reason,
                missing,
                may_override,
                reason_error,
                starts_on: form.starts_on,
                ends_on: form.ends_on,
                term_errors: FieldErrors::new(),
            };
            return person_page_with(&state, &me, id, Some(error), attempt, None).await;
        }
    }
    match state
        .store
        .people()
        .add_grant(id, RoleGrant { role, scope })
        .await
    {
        Ok(grant) => {
            if let Some(term) = term {
                state.store.training().set_term(grant, term).await?;
            }
            if let Some(reason) = overridden {
                state
                    .store
                    .training()
                    .record_override(
                        id,
                        role,
                        scope,
                        &missing.join("; "),
                        &reason,
                        me.user.person.id,
                    )
                    .await?;
                state
                    .store
                    .audit()
                    .record(
                        Some(me.user.person.id),
                        "override",
                        "role-training-override",
                        None,
                        Some(id),
                    )
                    .await?;
            }
            tell_about_new_role(&state, id, role, scope).await?;
            Ok(see_other(&format!("/people/{id}?done=flash-role-added")))
        }
        Err(StoreError::Conflict(_)) => {
            person_page(&state, &me, id, Some(tr.t("error-role-held")), None).await
        }
        Err(other) => Err(other.into()),
    }
}

async fn person_role_remove_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, grant)): Path<(UserId, RoleGrantId)>,
) -> AppResult<Response> {
    let (holder, view) = state.store.people().grant(grant).await?;
    if holder != id {
        return Err(AppError::NotFound);
    }
    me.require(Action::GrantRole(view.grant.role), view.grant.scope)?;
    state.store.people().remove_grant(grant).await?;
    Ok(see_other(&format!("/people/{id}?done=flash-role-removed")))
}

async fn person_deactivate_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<UserId>,
) -> AppResult<Response> {
    me.require(Action::ManagePeople, Scope::Organisation)?;
    if id == me.user.person.id {
        // Locking oneself out helps nobody; another administrator can do it.
        return Err(AppError::Forbidden);
    }
    state.store.people().set_active(id, false).await?;
    Ok(see_other(&format!("/people/{id}?done=flash-deactivated")))
}

async fn person_reactivate_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<UserId>,
) -> AppResult<Response> {
    me.require(Action::ManagePeople, Scope::Organisation)?;
    state.store.people().set_active(id, true).await?;
    Ok(see_other(&format!("/people/{id}?done=flash-reactivated")))
}

async fn person_reinvite_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<UserId>,
) -> AppResult<Response> {
    me.require(Action::ManagePeople, Scope::Organisation)?;
    let person = state.store.people().get(id).await?;
    if person.has_password {
        return Err(AppError::NotFound);
    }
    send_invitation(&state, &me, id).await?;
    Ok(see_other(&format!("/people/{id}?done=flash-invited")))
}

// ----- import -----

/// One row of an import as the preview shows it.
struct ImportRow {
    line: usize,
    email: String,
    name: String,
    role: String,
    place: String,
    errors: Vec<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "people/import.html")]
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
    let head = ["field-email", "field-name", "field-role", "field-scope"]
        .map(|key| tr.t(key))
        .to_vec();
    let rows = rows
        .into_iter()
        .map(|r| PreviewRow {
            line: r.line,
            cells: vec![r.email, r.name, r.role, r.place],
            errors: r.errors,
        })
        .collect();
    let preview = ImportPreview::new(csv, head, rows, file_error, previewed);
    let status = form_status(preview.refused());
    let view = ImportView {
        layout: Layout::new(state, &me.ctx, "/people", tr.t("import-title")).await,
        preview,
    };
    Ok((status, no_store(view)).into_response())
}

async fn import_get(State(state): State<AppState>, me: SignedIn) -> AppResult<Response> {
    me.require(Action::ManagePeople, Scope::Organisation)?;
    import_page(&state, &me, String::new(), Vec::new(), None, false).await
}

/// The import file is at most this big (about ten thousand people).
const MAX_IMPORT_BYTES: usize = 1024 * 1024;

async fn import_post(
    State(state): State<AppState>,
    me: SignedIn,
    mut multipart: Multipart,
) -> AppResult<Response> {
    me.require(Action::ManagePeople, Scope::Organisation)?;
    let tr = Tr::new(me.ctx.language);
    let (csrf, upload) =
        read_csv_upload(&mut multipart, &tr, MAX_IMPORT_BYTES, "import-error-empty").await;
    me.ctx.check_csrf(&csrf)?;
    let text = match upload {
        Ok(text) => text,
        Err(error) => {
            return import_page(&state, &me, String::new(), Vec::new(), Some(error), true).await;
        }
    };
    let (rows, _, error) = check_import(&state, &me, &tr, &text).await?;
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
    me.require(Action::ManagePeople, Scope::Organisation)?;
    let tr = Tr::new(me.ctx.language);
    // Checked again: the file travelled through the browser since the preview.
    let (rows, people, error) = check_import(&state, &me, &tr, &form.csv).await?;
    let all_valid = error.is_none() && !rows.is_empty() && rows.iter().all(|r| r.errors.is_empty());
    if !all_valid {
        return import_page(&state, &me, form.csv, rows, error, true).await;
    }
    match state.store.people().import(&people).await {
        Ok(count) => {
            // Each new person gets an invitation to choose a password.
            for person in &people {
                if let Some(found) = state.store.people().find_by_email(&person.email).await? {
                    send_invitation(&state, &me, found.id).await?;
                }
            }
            Ok(see_other(&format!(
                "/people?done=flash-imported&imported={count}"
            )))
        }
        Err((index, StoreError::Conflict(_))) => {
            let mut rows = rows;
            if let Some(row) = rows.get_mut(index) {
                row.errors.push(tr.t("error-email-taken"));
            }
            import_page(&state, &me, form.csv, rows, None, true).await
        }
        Err((_, other)) => Err(other.into()),
    }
}

/// Reads and checks every row. Nothing is written here.
async fn check_import(
    state: &AppState,
    me: &SignedIn,
    tr: &Tr,
    text: &str,
) -> AppResult<(Vec<ImportRow>, Vec<CsvPerson>, Option<String>)> {
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
    let (Some(email_col), Some(name_col)) = (column("email"), column("name")) else {
        return Ok((Vec::new(), Vec::new(), Some(tr.t("import-error-columns"))));
    };
    let (role_col, site_col, cohort_col, language_col, pronouns_col) = (
        column("role"),
        column("site"),
        column("cohort"),
        column("language"),
        column("pronouns"),
    );

    let sites: Vec<Site> = state.store.org().sites(false).await?;
    let cohorts: Vec<CohortSummary> = state.store.org().cohorts(false).await?;
    let mut rows = Vec::new();
    let mut people = Vec::new();
    let mut seen = HashSet::new();
    for (index, record) in reader.records().enumerate() {
        let line = index + 2;
        let Ok(record) = record else {
            rows.push(ImportRow {
                line,
                email: String::new(),
                name: String::new(),
                role: String::new(),
                place: String::new(),
                errors: vec![tr.t("import-error-row-unreadable")],
            });
            continue;
        };
        let cell = |col: Option<usize>| col.and_then(|c| record.get(c)).unwrap_or("").to_owned();
        let (email_text, name_text, role_text) =
            (cell(Some(email_col)), cell(Some(name_col)), cell(role_col));
        let (site_text, cohort_text) = (cell(site_col), cell(cohort_col));
        let mut errors = Vec::new();
        let email = match Email::parse(&email_text) {
            Ok(email) if !seen.insert(email.as_str().to_owned()) => {
                errors.push(tr.t("import-error-duplicate"));
                None
            }
            Ok(email) => Some(email),
            Err(error) => {
                errors.push(tr.t(error.message_id));
                None
            }
        };
        let name = Name::parse(&name_text)
            .map_err(|e| errors.push(tr.t(e.message_id)))
            .ok();
        let role = if role_text.is_empty() {
            Some(Role::Participant)
        } else {
            role_text
                .to_lowercase()
                .replace(' ', "-")
                .parse::<Role>()
                .map_err(|_| errors.push(tr.t1("import-error-role", "role", &role_text)))
                .ok()
        };
        let scope = if !cohort_text.is_empty() {
            match cohorts
                .iter()
                .find(|c| c.cohort.name.eq_ignore_ascii_case(&cohort_text))
            {
                Some(c) => Some(Scope::Cohort {
                    cohort: c.cohort.id,
                    site: c.cohort.site_id,
                }),
                None => {
                    errors.push(tr.t1("import-error-cohort", "cohort", &cohort_text));
                    None
                }
            }
        } else if !site_text.is_empty() {
            match sites
                .iter()
                .find(|s| s.name.eq_ignore_ascii_case(&site_text))
            {
                Some(s) => Some(Scope::Site(s.id)),
                None => {
                    errors.push(tr.t1("import-error-site", "site", &site_text));
                    None
                }
            }
        } else {
            Some(Scope::Organisation)
        };
        if let (Some(role), Some(scope)) = (role, scope)
            && !me.may(Action::GrantRole(role), scope)
        {
            errors.push(tr.t("error-role-not-yours"));
        }
        let language_text = cell(language_col);
        let language = if language_text.is_empty() {
            None
        } else {
            match Language::from_code(&language_text) {
                Some(language) => Some(language.code().to_owned()),
                None => {
                    errors.push(tr.t1("import-error-language", "language", &language_text));
                    None
                }
            }
        };
        let pronouns = optional_text(&cell(pronouns_col), 40)
            .map_err(|e| errors.push(tr.t(e.message_id)))
            .ok()
            .flatten();
        let place = if !cohort_text.is_empty() {
            cohort_text
        } else if !site_text.is_empty() {
            site_text
        } else {
            tr.t("scope-organisation")
        };
        if let (Some(email), Some(name), Some(role), Some(scope), true) =
            (email.clone(), name, role, scope, errors.is_empty())
        {
            people.push(CsvPerson {
                email,
                display_name: name,
                language,
                pronouns,
                grant: Some(RoleGrant { role, scope }),
            });
        }
        rows.push(ImportRow {
            line,
            email: email_text,
            name: name_text,
            role: role.map(|r| role_label(tr, r)).unwrap_or(role_text),
            place,
            errors,
        });
    }
    if rows.is_empty() {
        return Ok((rows, people, Some(tr.t("import-error-empty"))));
    }
    // Addresses that already have an account are named before anything is written.
    let emails: Vec<String> = rows.iter().map(|r| r.email.trim().to_lowercase()).collect();
    let existing: HashSet<String> = state
        .store
        .people()
        .existing_emails(&emails)
        .await?
        .into_iter()
        .collect();
    for row in &mut rows {
        if existing.contains(&row.email.trim().to_lowercase()) {
            row.errors.push(tr.t("error-email-taken"));
        }
    }
    Ok((rows, people, None))
}
