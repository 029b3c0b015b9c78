//! The network of peer support groups (issue 8): every group across the
//! sites with its themes, the shared library (files through the files store,
//! and links, with tags), field visits (recorded by a site's coordinators
//! and supervisors, counted in the reports), a group's themes and joint
//! meetings between groups that agreed to cooperate.

use super::support_groups::group_access;
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
use axum::extract::{DefaultBodyLimit, Form, Multipart, Path, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use hearth_domain::FileId;
use hearth_domain::input::optional_text;
use hearth_domain::meeting_flow::{THEME_MAX, VISIT_TEXT_MAX, tags};
use hearth_domain::policy::Action;
use hearth_domain::roles::Scope;
use hearth_domain::support_groups::{GroupAct, SupportGroupId, required_text};
use hearth_store::{FieldVisit, GroupSummary, NewFieldVisit, NewResource, Resource, SupportGroup};
use serde::Deserialize;
use std::collections::HashMap;
use uuid::Uuid;

/// Largest file kept in the library.
const MAX_RESOURCE_BYTES: usize = 20 * 1024 * 1024;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/network", get(network_get))
        .route(
            "/network/library",
            get(library_get)
                .post(library_post)
                .layer(DefaultBodyLimit::max(MAX_RESOURCE_BYTES + 64 * 1024)),
        )
        .route("/network/library/{id}/remove", post(library_remove_post))
        .route("/network/library/files/{file}", get(library_file_get))
        .route("/network/visits", get(all_visits_get))
        .route(
            "/support-groups/{id}/visits",
            get(visits_get).post(visit_post),
        )
        .route("/support-groups/{id}/themes", post(themes_post))
        .route("/support-groups/{id}/joint", post(joint_post))
}

#[derive(Deserialize, Default)]
struct DoneQuery {
    done: Option<String>,
    tag: Option<String>,
}

/// Whether the person facilitates some group (so adds to the library).
async fn facilitates_somewhere(state: &AppState, me: &SignedIn) -> AppResult<bool> {
    Ok(state
        .store
        .support_groups()
        .groups_of(me.user.person.id)
        .await?
        .iter()
        .any(|(_, role)| {
            me.may(
                Action::InSupportGroup {
                    act: GroupAct::Facilitate,
                    standing: Some(*role),
                },
                Scope::Organisation,
            )
        }))
}

/// Whether the person may record visits anywhere (the network page links them).
fn visits_somewhere(me: &SignedIn) -> bool {
    me.actor
        .grants
        .iter()
        .any(|g| me.may(Action::RecordFieldVisit, g.scope))
}

// ---------------------------------------------------------------- the network page

struct SiteGroups {
    site: String,
    groups: Vec<(GroupSummary, Vec<String>)>,
}

#[derive(Template, WebTemplate)]
#[template(path = "meetings/network.html")]
struct NetworkView {
    layout: Layout,
    sites: Vec<SiteGroups>,
    groups: usize,
    records_visits: bool,
}

async fn network_get(State(state): State<AppState>, me: SignedIn) -> AppResult<Response> {
    me.require(Action::ViewSupportGroups, Scope::Organisation)?;
    let tr = Tr::new(me.ctx.language);
    let themes = state.store.network().themes().await?;
    let directory = state.store.support_groups().directory().await?;
    let groups = directory.len();
    let mut sites: Vec<SiteGroups> = Vec::new();
    for summary in directory {
        let site = summary
            .group
            .site_name
            .clone()
            .unwrap_or_else(|| tr.t("sg-whole-network"));
        let group_themes = themes.get(&summary.group.id).cloned().unwrap_or_default();
        match sites.iter_mut().find(|s| s.site == site) {
            Some(entry) => entry.groups.push((summary, group_themes)),
            None => sites.push(SiteGroups {
                site,
                groups: vec![(summary, group_themes)],
            }),
        }
    }
    let view = NetworkView {
        layout: Layout::new(&state, &me.ctx, "/support-groups", tr.t("mf-network-title")).await,
        sites,
        groups,
        records_visits: visits_somewhere(&me),
    };
    Ok(no_store(view))
}

// ---------------------------------------------------------------- the library

#[derive(Template, WebTemplate)]
#[template(path = "meetings/library.html")]
struct LibraryView {
    layout: Layout,
    resources: Vec<(Resource, bool)>,
    all_tags: Vec<String>,
    tag: Option<String>,
    may_add: bool,
    errors: FieldErrors,
    input: LibraryInput,
}

#[derive(Default)]
struct LibraryInput {
    title: String,
    description: String,
    url: String,
    tags: String,
}

async fn library_page(
    state: &AppState,
    me: &SignedIn,
    tag: Option<String>,
    errors: FieldErrors,
    input: LibraryInput,
    done: Option<&str>,
) -> AppResult<Response> {
    me.require(Action::ViewSupportGroups, Scope::Organisation)?;
    let tr = Tr::new(me.ctx.language);
    let network = state.store.network();
    let everything = network.resources(None).await?;
    let mut all_tags: Vec<String> = everything.iter().flat_map(|r| r.tags.clone()).collect();
    all_tags.sort();
    all_tags.dedup();
    let coordinates = me.may(Action::CoordinateSupportGroups, Scope::Organisation);
    let resources = everything
        .into_iter()
        .filter(|r| tag.as_ref().is_none_or(|t| r.tags.contains(t)))
        .map(|r| {
            let mine = r.added_by_id == Some(me.user.person.id);
            (r, coordinates || mine)
        })
        .collect();
    let status = form_status(!errors.is_empty());
    let view = LibraryView {
        layout: Layout::new(state, &me.ctx, "/support-groups", tr.t("mf-library-title"))
            .await
            .with_flash(done),
        resources,
        all_tags,
        tag,
        may_add: coordinates || facilitates_somewhere(state, me).await?,
        errors,
        input,
    };
    Ok((status, no_store(view)).into_response())
}

async fn library_get(
    State(state): State<AppState>,
    me: SignedIn,
    Query(query): Query<DoneQuery>,
) -> AppResult<Response> {
    library_page(
        &state,
        &me,
        query.tag.filter(|t| !t.is_empty()),
        FieldErrors::new(),
        LibraryInput::default(),
        query.done.as_deref(),
    )
    .await
}

/// Adds a link or a file: facilitators of any group and coordinators.
async fn library_post(
    State(state): State<AppState>,
    me: SignedIn,
    mut multipart: Multipart,
) -> AppResult<Response> {
    let mut input = LibraryInput::default();
    let mut csrf = String::new();
    let mut file: Option<(String, String, Vec<u8>)> = None;
    let mut unreadable = false;
    while let Ok(Some(field)) = multipart.next_field().await {
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field.file_name().map(str::to_owned);
        let content_type = field.content_type().map(str::to_owned);
        let Ok(bytes) = field.bytes().await else {
            unreadable = true;
            break;
        };
        let text = || String::from_utf8_lossy(&bytes).into_owned();
        match name.as_str() {
            "csrf" => csrf = text(),
            "title" => input.title = text(),
            "description" => input.description = text(),
            "url" => input.url = text(),
            "tags" => input.tags = text(),
            "file" if !bytes.is_empty() => {
                file = Some((
                    file_name.unwrap_or_else(|| "resource".into()),
                    content_type.unwrap_or_else(|| "application/octet-stream".into()),
                    bytes.to_vec(),
                ));
            }
            _ => {}
        }
    }
    me.ctx.check_csrf(&csrf)?;
    me.require(Action::ViewSupportGroups, Scope::Organisation)?;
    if !(me.may(Action::CoordinateSupportGroups, Scope::Organisation)
        || facilitates_somewhere(&state, &me).await?)
    {
        return Err(AppError::Forbidden);
    }
    let tr = Tr::new(me.ctx.language);
    let mut errors = FieldErrors::new();
    let title = errors.check(&tr, "title", required_text(&input.title, 200));
    let description = errors.check(&tr, "description", optional_text(&input.description, 1000));
    let url = input.url.trim().to_owned();
    let url = if url.is_empty() {
        None
    } else if (url.starts_with("https://") || url.starts_with("http://"))
        && url.len() <= 1000
        && !url.contains(char::is_whitespace)
    {
        Some(url)
    } else {
        errors.add_message(&tr, "url", "mf-error-url");
        None
    };
    if unreadable
        || file
            .as_ref()
            .is_some_and(|(_, _, b)| b.len() > MAX_RESOURCE_BYTES)
    {
        errors.add_message(&tr, "file", "mf-error-file");
    }
    if url.is_none()
        && file.is_none()
        && errors.get("url").is_none()
        && errors.get("file").is_none()
    {
        errors.add_message(&tr, "url", "mf-error-link-or-file");
    }
    let (Some(title), Some(description), true) = (title, description, errors.is_empty()) else {
        return library_page(&state, &me, None, errors, input, None).await;
    };
    let file_id = match &file {
        Some((name, kind, bytes)) => Some(
            state
                .store
                .files()
                .put(hearth_store::NewFile {
                    name,
                    content_type: kind,
                    bytes,
                    uploaded_by: Some(me.user.person.id),
                })
                .await?,
        ),
        None => None,
    };
    state
        .store
        .network()
        .add_resource(
            &NewResource {
                title,
                description: description.unwrap_or_default(),
                url,
                file_id,
                tags: tags(&input.tags),
            },
            me.user.person.id,
        )
        .await?;
    Ok(see_other("/network/library?done=flash-mf-resource-added"))
}

async fn library_remove_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    me.require(Action::ViewSupportGroups, Scope::Organisation)?;
    let resource = state
        .store
        .network()
        .resources(None)
        .await?
        .into_iter()
        .find(|r| r.id == id)
        .ok_or(AppError::NotFound)?;
    let mine = resource.added_by_id == Some(me.user.person.id);
    if !(mine || me.may(Action::CoordinateSupportGroups, Scope::Organisation)) {
        return Err(AppError::Forbidden);
    }
    state.store.network().remove_resource(id).await?;
    Ok(see_other("/network/library?done=flash-saved"))
}

/// A library file, to anyone who reads the library (never any other file).
async fn library_file_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path(file): Path<FileId>,
) -> AppResult<Response> {
    me.require(Action::ViewSupportGroups, Scope::Organisation)?;
    state.store.network().resource_file(file).await?;
    let file = state.store.files().get(file).await?;
    let mut response = file.bytes.into_response();
    let headers = response.headers_mut();
    if let Ok(kind) = HeaderValue::from_str(&file.content_type) {
        headers.insert(header::CONTENT_TYPE, kind);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private"));
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment"),
    );
    Ok(response)
}

// ---------------------------------------------------------------- field visits

#[derive(Template, WebTemplate)]
#[template(path = "meetings/visits.html")]
struct VisitsView {
    layout: Layout,
    group: Option<SupportGroup>,
    visits: Vec<FieldVisit>,
    may_record: bool,
    errors: FieldErrors,
    input: VisitForm,
}

#[derive(Deserialize, Default)]
struct VisitForm {
    visited_on: String,
    visitors: String,
    observations: String,
    support_needs: String,
    capacity_needs: String,
    follow_up: String,
}

/// A group's visits: those who record visits at the group's site, and the
/// group's own facilitators (the follow-up is theirs too).
async fn visits_page(
    state: &AppState,
    me: &SignedIn,
    id: SupportGroupId,
    errors: FieldErrors,
    input: VisitForm,
    done: Option<&str>,
) -> AppResult<Response> {
    let access = group_access(state, me, id).await?;
    let may_record = me.may(Action::RecordFieldVisit, access.group.scope());
    if !(may_record || access.may(me, GroupAct::Facilitate)) {
        return Err(AppError::Forbidden);
    }
    let tr = Tr::new(me.ctx.language);
    let status = form_status(!errors.is_empty());
    let view = VisitsView {
        layout: Layout::new(
            state,
            &me.ctx,
            "/support-groups",
            tr.t1("mf-visits-title", "group", &access.group.name),
        )
        .await
        .with_flash(done),
        visits: state.store.network().visits(id).await?,
        group: Some(access.group),
        may_record,
        errors,
        input,
    };
    Ok((status, no_store(view)).into_response())
}

async fn visits_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<SupportGroupId>,
    Query(query): Query<DoneQuery>,
) -> AppResult<Response> {
    let zone = me.time_zone(&state).await?;
    let today: String = crate::views::format_time(hearth_store::now_ms(), &zone)
        .chars()
        .take(10)
        .collect();
    visits_page(
        &state,
        &me,
        id,
        FieldErrors::new(),
        VisitForm {
            visited_on: today,
            visitors: me.user.person.display_name.clone(),
            ..VisitForm::default()
        },
        query.done.as_deref(),
    )
    .await
}

async fn visit_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<SupportGroupId>,
    Form(form): Form<VisitForm>,
) -> AppResult<Response> {
    let access = group_access(&state, &me, id).await?;
    me.require(Action::RecordFieldVisit, access.group.scope())?;
    let tr = Tr::new(me.ctx.language);
    let mut errors = FieldErrors::new();
    let date = errors.check(
        &tr,
        "visited_on",
        hearth_domain::input::date(&form.visited_on),
    );
    let visitors = errors.check(&tr, "visitors", required_text(&form.visitors, 300));
    let observations = errors.check(
        &tr,
        "observations",
        required_text(&form.observations, VISIT_TEXT_MAX),
    );
    let mut optional = |field: &'static str, raw: &str| {
        errors
            .check(&tr, field, optional_text(raw, VISIT_TEXT_MAX))
            .map(Option::unwrap_or_default)
    };
    let support = optional("support_needs", &form.support_needs);
    let capacity = optional("capacity_needs", &form.capacity_needs);
    let follow_up = optional("follow_up", &form.follow_up);
    let (
        Some(date),
        Some(visitors),
        Some(observations),
        Some(support),
        Some(capacity),
        Some(follow_up),
    ) = (date, visitors, observations, support, capacity, follow_up)
    else {
        return visits_page(&state, &me, id, errors, form, None).await;
    };
    let zone = me.time_zone(&state).await?;
    let occurred_at = date
        .at(12, 0, 0, 0)
        .in_tz(&zone)
        .map(|z| z.timestamp().as_millisecond())
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let title = tr.t1("mf-visit-activity", "group", &access.group.name);
    state
        .store
        .network()
        .record_visit(
            id,
            access.group.site_id,
            &title,
            &NewFieldVisit {
                visited_on: date,
                occurred_at,
                visitors,
                observations,
                support_needs: support,
                capacity_needs: capacity,
                follow_up,
            },
            me.user.person.id,
        )
        .await?;
    Ok(see_other(&format!(
        "/support-groups/{id}/visits?done=flash-mf-visit-recorded"
    )))
}

/// Every visit the person may read, across the network.
async fn all_visits_get(State(state): State<AppState>, me: SignedIn) -> AppResult<Response> {
    if !visits_somewhere(&me) {
        return Err(AppError::Forbidden);
    }
    let tr = Tr::new(me.ctx.language);
    let groups: HashMap<SupportGroupId, SupportGroup> = state
        .store
        .support_groups()
        .directory()
        .await?
        .into_iter()
        .map(|s| (s.group.id, s.group))
        .collect();
    let visits = state
        .store
        .network()
        .all_visits()
        .await?
        .into_iter()
        .filter(|v| {
            groups
                .get(&v.group_id)
                .is_some_and(|g| me.may(Action::RecordFieldVisit, g.scope()))
        })
        .collect();
    let view = VisitsView {
        layout: Layout::new(&state, &me.ctx, "/support-groups", tr.t("mf-visits-all")).await,
        group: None,
        visits,
        may_record: false,
        errors: FieldErrors::new(),
        input: VisitForm::default(),
    };
    Ok(no_store(view))
}

// ---------------------------------------------------------------- themes and joint meetings

#[derive(Deserialize)]
struct ThemesForm {
    themes: String,
}

async fn themes_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<SupportGroupId>,
    Form(form): Form<ThemesForm>,
) -> AppResult<Response> {
    let access = group_access(&state, &me, id).await?;
    access.require(&me, GroupAct::Facilitate)?;
    let themes: Vec<String> = form
        .themes
        .split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| t.chars().take(THEME_MAX).collect())
        .take(12)
        .collect();
    state.store.network().set_themes(id, &themes).await?;
    Ok(see_other(&format!(
        "/support-groups/{id}/together?done=flash-saved"
    )))
}

#[derive(Deserialize)]
struct JointForm {
    meeting: Uuid,
    guest: SupportGroupId,
}

/// Invites a cooperating group to one of this group's meetings; the other
/// group's members are told.
async fn joint_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<SupportGroupId>,
    Form(form): Form<JointForm>,
) -> AppResult<Response> {
    let access = group_access(&state, &me, id).await?;
    access.require(&me, GroupAct::Facilitate)?;
    let meeting = state
        .store
        .support_group_meetings()
        .get(id, form.meeting)
        .await?;
    if !state
        .store
        .support_groups()
        .link_agreed(id, form.guest)
        .await?
    {
        return Err(AppError::NotFound);
    }
    state
        .store
        .network()
        .invite_group(meeting.id, form.guest)
        .await?;
    for member in state.store.support_groups().members(form.guest).await? {
        let person = state.store.people().get(member.user_id).await?;
        let their = super::date_polls::their_tr(&person);
        let zone = person.time_zone.as_deref().unwrap_or(&meeting.time_zone);
        crate::jobs::notify(
            &state,
            member.user_id,
            &their.t1("mf-notice-joint-title", "group", &access.group.name),
            &their.args(
                "mf-notice-joint-body",
                &[
                    ("title", meeting.title.clone()),
                    ("when", crate::views::format_time(meeting.starts_at, zone)),
                ],
            ),
            Some(&format!("/support-groups/{}/together", form.guest)),
            true,
        )
        .await?;
    }
    Ok(see_other(&format!(
        "/support-groups/{id}/together?done=flash-mf-joint-invited"
    )))
}
