//! Peer support groups: the directory, a group's page (public part for
//! everyone, the rest for members), asking to join and being accepted,
//! roles, ground rules, cooperation between groups, and the coordinator's
//! network view. Meetings are in `support_groups_meetings`.

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
use hearth_domain::input::{Email, InputError, Language, Name, optional_text};
use hearth_domain::policy::Action;
use hearth_domain::roles::Scope;
use hearth_domain::support_groups::{
    CONTACT_MAX, DESCRIPTION_MAX, GroupAct, GroupRole, PURPOSE_MAX, SupportGroupId, required_text,
};
use hearth_domain::{SiteId, UserId};
use hearth_store::{
    Decision, GroupLink, GroupMember, GroupSummary, JoinRequest, NetworkLink, NewSupportGroup,
    Site, StoreError, SupportGroup,
};
use serde::Deserialize;
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/support-groups", get(directory_get).post(group_new_post))
        .route("/support-groups/new", get(group_new_get))
        .route("/support-groups/network", get(network_get))
        .route("/support-groups/network/links", post(network_link_post))
        .route("/support-groups/{id}", get(group_get))
        .route(
            "/support-groups/{id}/edit",
            get(group_edit_get).post(group_edit_post),
        )
        .route("/support-groups/{id}/join", post(join_post))
        .route(
            "/support-groups/{id}/requests/{request}/{decision}",
            post(decide_post),
        )
        .route("/support-groups/{id}/members/{user}", post(member_post))
        .route("/support-groups/{id}/leave", post(leave_post))
        .route("/support-groups/{id}/ground-rules", post(ground_rules_post))
        .route("/support-groups/{id}/links", post(link_post))
        .route(
            "/support-groups/{id}/links/{other}/remove",
            post(unlink_post),
        )
}

/// The group and the person's standing in it, after the directory check.
pub(crate) struct GroupAccess {
    pub group: SupportGroup,
    pub standing: Option<GroupRole>,
}

impl GroupAccess {
    pub fn may(&self, me: &SignedIn, act: GroupAct) -> bool {
        me.may(
            Action::InSupportGroup {
                act,
                standing: self.standing,
            },
            self.group.scope(),
        )
    }

    /// Refuses with the 403 page unless the person's standing allows `act`.
    pub fn require(&self, me: &SignedIn, act: GroupAct) -> AppResult<()> {
        if self.may(me, act) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }
}

pub(crate) async fn group_access(
    state: &AppState,
    me: &SignedIn,
    id: SupportGroupId,
) -> AppResult<GroupAccess> {
    me.require(Action::ViewSupportGroups, Scope::Organisation)?;
    let group = state.store.support_groups().get(id).await?;
    let standing = state
        .store
        .support_groups()
        .standing(id, me.user.person.id)
        .await?;
    Ok(GroupAccess { group, standing })
}

/// Where a person may start groups: each site they coordinate, and the
/// whole network when they coordinate it.
fn places_to_start(me: &SignedIn, sites: &[Site]) -> (bool, Vec<Site>) {
    let network = me.may(Action::StartSupportGroup, Scope::Organisation);
    let sites = sites
        .iter()
        .filter(|s| me.may(Action::StartSupportGroup, Scope::Site(s.id)))
        .cloned()
        .collect();
    (network, sites)
}

/// Whether the person coordinates groups anywhere (so sees the network view).
fn coordinates_somewhere(me: &SignedIn) -> bool {
    me.actor
        .grants
        .iter()
        .any(|g| me.may(Action::CoordinateSupportGroups, g.scope))
}

fn may_coordinate(me: &SignedIn, group: &SupportGroup) -> bool {
    me.may(Action::CoordinateSupportGroups, group.scope())
}

/// The ground rules in the reader's language when the group kept Hearth's
/// defaults (the same defaults as an event's audience).
pub(crate) fn rules_lines(tr: &Tr, rules: &Option<(i32, String)>) -> Vec<String> {
    match rules {
        Some((_, text)) => text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect(),
        None => [
            "ground-rule-confidential",
            "ground-rule-one-voice",
            "ground-rule-choose",
            "ground-rule-kind",
        ]
        .iter()
        .map(|key| tr.t(key))
        .collect(),
    }
}

fn role_label(tr: &Tr, role: GroupRole) -> String {
    tr.t(&format!("sg-role-{}", role.as_str()))
}

#[derive(Deserialize)]
struct DoneQuery {
    done: Option<String>,
}

// ---------------------------------------------------------------- directory

#[derive(Template, WebTemplate)]
#[template(path = "support_groups/directory.html")]
struct DirectoryView {
    layout: Layout,
    mine: Vec<(SupportGroup, String)>,
    groups: Vec<GroupSummary>,
    can_start: bool,
    can_see_network: bool,
}

async fn directory_get(
    State(state): State<AppState>,
    me: SignedIn,
    Query(query): Query<DoneQuery>,
) -> AppResult<Response> {
    me.require(Action::ViewSupportGroups, Scope::Organisation)?;
    let tr = Tr::new(me.ctx.language);
    let store = state.store.support_groups();
    let mine = store
        .groups_of(me.user.person.id)
        .await?
        .into_iter()
        .map(|(g, r)| (g, role_label(&tr, r)))
        .collect();
    let sites = state.store.org().sites(false).await?;
    let (network, start_sites) = places_to_start(&me, &sites);
    let view = DirectoryView {
        layout: Layout::new(&state, &me.ctx, "/support-groups", tr.t("sg-title"))
            .await
            .with_flash(query.done.as_deref()),
        mine,
        groups: store.directory().await?,
        can_start: network || !start_sites.is_empty(),
        can_see_network: coordinates_somewhere(&me),
    };
    Ok(no_store(view))
}

// ---------------------------------------------------------------- create and edit

#[derive(Deserialize, Default, Clone)]
struct GroupForm {
    name: String,
    site: String,
    purpose: String,
    description: String,
    contact: String,
    /// `formal` or `informal`.
    format: String,
    /// Only when starting a group: who facilitates it (empty: the one starting it).
    #[serde(default)]
    facilitator: String,
}

impl GroupForm {
    fn from_group(group: &SupportGroup) -> GroupForm {
        GroupForm {
            name: group.name.clone(),
            site: group.site_id.map(|s| s.to_string()).unwrap_or_default(),
            purpose: group.purpose.clone(),
            description: group.description.clone(),
            contact: group.contact.clone(),
            format: if group.formal { "formal" } else { "informal" }.into(),
            facilitator: String::new(),
        }
    }

    /// `allowed_sites` and `network` say where the person may put the group.
    fn parse(
        &self,
        tr: &Tr,
        network: bool,
        allowed_sites: &[Site],
        errors: &mut FieldErrors,
    ) -> Option<NewSupportGroup> {
        let name = errors.check(tr, "name", Name::parse(&self.name));
        let site = if self.site.is_empty() {
            if !network {
                errors.add_message(tr, "site", "sg-error-site");
            }
            network.then_some(None)
        } else {
            let found = self
                .site
                .parse::<SiteId>()
                .ok()
                .filter(|id| allowed_sites.iter().any(|s| s.id == *id));
            if found.is_none() {
                errors.add_message(tr, "site", "sg-error-site");
            }
            found.map(Some)
        };
        let purpose = errors.check(tr, "purpose", required_text(&self.purpose, PURPOSE_MAX));
        let description = errors.check(
            tr,
            "description",
            required_text(&self.description, DESCRIPTION_MAX),
        );
        let contact = errors.check(tr, "contact", required_text(&self.contact, CONTACT_MAX));
        let formal = match self.format.as_str() {
            "formal" => Some(true),
            "informal" => Some(false),
            _ => {
                errors.add_message(tr, "format", "error-choose-one");
                None
            }
        };
        match (name, site, purpose, description, contact, formal) {
            (
                Some(name),
                Some(site_id),
                Some(purpose),
                Some(description),
                Some(contact),
                Some(formal),
            ) if errors.is_empty() => Some(NewSupportGroup {
                site_id,
                name: name.into_string(),
                purpose,
                description,
                contact,
                formal,
            }),
            _ => None,
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "support_groups/form.html")]
struct GroupFormView {
    layout: Layout,
    heading: String,
    action: String,
    cancel: String,
    form: GroupForm,
    errors: FieldErrors,
    network: bool,
    sites: Vec<Site>,
    /// Starting a group names its facilitator; editing does not.
    starting: bool,
}

#[allow(clippy::too_many_arguments)]
async fn form_page(
    state: &AppState,
    me: &SignedIn,
    heading: String,
    action: String,
    cancel: String,
    form: GroupForm,
    errors: FieldErrors,
    (network, sites): (bool, Vec<Site>),
    starting: bool,
) -> AppResult<Response> {
    let status = form_status(!errors.is_empty());
    let view = GroupFormView {
        layout: Layout::new(state, &me.ctx, "/support-groups", heading.clone()).await,
        heading,
        action,
        cancel,
        form,
        errors,
        network,
        sites,
        starting,
    };
    Ok((status, no_store(view)).into_response())
}

async fn group_new_get(State(state): State<AppState>, me: SignedIn) -> AppResult<Response> {
    let sites = state.store.org().sites(false).await?;
    let places = places_to_start(&me, &sites);
    if !places.0 && places.1.is_empty() {
        return Err(AppError::Forbidden);
    }
    let tr = Tr::new(me.ctx.language);
    let form = GroupForm {
        format: "formal".into(),
        site: places
            .1
            .first()
            .map(|s| s.id.to_string())
            .unwrap_or_default(),
        ..GroupForm::default()
    };
    form_page(
        &state,
        &me,
        tr.t("sg-new-title"),
        "/support-groups".into(),
        "/support-groups".into(),
        form,
        FieldErrors::new(),
        places,
        true,
    )
    .await
}

async fn group_new_post(
    State(state): State<AppState>,
    me: SignedIn,
    Form(form): Form<GroupForm>,
) -> AppResult<Response> {
    let sites = state.store.org().sites(false).await?;
    let places = places_to_start(&me, &sites);
    if !places.0 && places.1.is_empty() {
        return Err(AppError::Forbidden);
    }
    let tr = Tr::new(me.ctx.language);
    let mut errors = FieldErrors::new();
    let parsed = form.parse(&tr, places.0, &places.1, &mut errors);
    let facilitator = if form.facilitator.trim().is_empty() {
        Some(me.user.person.id)
    } else {
        match Email::parse(&form.facilitator) {
            Ok(email) => match state.store.people().find_by_email(&email).await? {
                Some(person) if person.active => Some(person.id),
                _ => {
                    errors.add_message(&tr, "facilitator", "sg-error-no-such-person");
                    None
                }
            },
            Err(error) => {
                errors.add(&tr, "facilitator", &error);
                None
            }
        }
    };
    match (parsed, facilitator) {
        (Some(group), Some(facilitator)) if errors.is_empty() => {
            let id = state
                .store
                .support_groups()
                .create(&group, facilitator, me.user.person.id)
                .await?;
            Ok(see_other(&format!("/support-groups/{id}?done=flash-saved")))
        }
        _ => {
            form_page(
                &state,
                &me,
                tr.t("sg-new-title"),
                "/support-groups".into(),
                "/support-groups".into(),
                form,
                errors,
                places,
                true,
            )
            .await
        }
    }
}

/// Where a facilitator may move their group: where it is, or anywhere a
/// coordinator of theirs would allow. Facilitators keep the group's place;
/// only coordinators move it.
fn places_to_edit(me: &SignedIn, group: &SupportGroup, sites: &[Site]) -> (bool, Vec<Site>) {
    let (network, mut allowed) = places_to_start(me, sites);
    if let Some(here) = group.site_id
        && !allowed.iter().any(|s| s.id == here)
        && let Some(site) = sites.iter().find(|s| s.id == here)
    {
        allowed.push(site.clone());
    }
    (network || group.site_id.is_none(), allowed)
}

async fn group_edit_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<SupportGroupId>,
) -> AppResult<Response> {
    let access = group_access(&state, &me, id).await?;
    access.require(&me, GroupAct::Facilitate)?;
    let tr = Tr::new(me.ctx.language);
    let sites = state.store.org().sites(false).await?;
    let places = places_to_edit(&me, &access.group, &sites);
    form_page(
        &state,
        &me,
        tr.t1("sg-edit-title", "name", &access.group.name),
        format!("/support-groups/{id}/edit"),
        format!("/support-groups/{id}"),
        GroupForm::from_group(&access.group),
        FieldErrors::new(),
        places,
        false,
    )
    .await
}

async fn group_edit_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<SupportGroupId>,
    Form(form): Form<GroupForm>,
) -> AppResult<Response> {
    let access = group_access(&state, &me, id).await?;
    access.require(&me, GroupAct::Facilitate)?;
    let tr = Tr::new(me.ctx.language);
    let sites = state.store.org().sites(false).await?;
    let places = places_to_edit(&me, &access.group, &sites);
    let mut errors = FieldErrors::new();
    match form.parse(&tr, places.0, &places.1, &mut errors) {
        Some(group) => {
            state.store.support_groups().update(id, &group).await?;
            Ok(see_other(&format!("/support-groups/{id}?done=flash-saved")))
        }
        None => {
            form_page(
                &state,
                &me,
                tr.t1("sg-edit-title", "name", &access.group.name),
                format!("/support-groups/{id}/edit"),
                format!("/support-groups/{id}"),
                form,
                errors,
                places,
                false,
            )
            .await
        }
    }
}

// ---------------------------------------------------------------- the group's page

struct MemberRow {
    member: GroupMember,
    role_label: String,
}

struct RequestRow {
    request: JoinRequest,
    asked: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "support_groups/group.html")]
struct GroupView {
    layout: Layout,
    group: SupportGroup,
    standing: Option<String>,
    member: bool,
    facilitates: bool,
    /// The only facilitator may not leave (the group would have nobody to run it).
    may_leave: bool,
    facilitators: Vec<String>,
    member_count: usize,
    members: Vec<MemberRow>,
    me: UserId,
    roles: Vec<(&'static str, String)>,
    requests: Vec<RequestRow>,
    asked: bool,
    join_message: String,
    join_error: Option<String>,
    rules: Vec<String>,
    rules_text: String,
    rules_error: Option<String>,
    links: Vec<GroupLink>,
    /// Other groups this one may ask to cooperate with.
    others: Vec<(SupportGroupId, String)>,
    link_error: Option<String>,
    coordinates: bool,
    coming: Vec<super::support_groups_meetings::MeetingRow>,
    past: Vec<super::support_groups_meetings::MeetingRow>,
}

/// What was typed into one of the page's forms, shown again when refused.
#[derive(Default)]
struct GroupPageInput {
    join_message: String,
    join_error: Option<String>,
    rules_text: Option<String>,
    rules_error: Option<String>,
    link_error: Option<String>,
}

async fn group_page(
    state: &AppState,
    me: &SignedIn,
    access: GroupAccess,
    input: GroupPageInput,
    done: Option<&str>,
) -> AppResult<Response> {
    let tr = Tr::new(me.ctx.language);
    let store = state.store.support_groups();
    let group = access.group.clone();
    let member = access.may(me, GroupAct::TakePart);
    let facilitates = access.may(me, GroupAct::Facilitate);
    let all_members = store.members(group.id).await?;
    let facilitators = all_members
        .iter()
        .filter(|m| m.role.facilitates())
        .map(|m| m.name.clone())
        .collect();
    let facilitator_count = all_members
        .iter()
        .filter(|m| m.role == GroupRole::Facilitator)
        .count();
    let may_leave = match access.standing {
        Some(GroupRole::Facilitator) => facilitator_count > 1,
        Some(_) => true,
        None => false,
    };
    let zone = me.time_zone(state).await?;
    let requests = if facilitates {
        store
            .open_requests(group.id)
            .await?
            .into_iter()
            .map(|request| RequestRow {
                asked: crate::views::format_time(request.asked_at, &zone),
                request,
            })
            .collect()
    } else {
        Vec::new()
    };
    let rules = store.ground_rules(group.id).await?;
    let links = if member || may_coordinate(me, &group) {
        store.links(group.id).await?
    } else {
        Vec::new()
    };
    let others = if facilitates {
        store
            .directory()
            .await?
            .into_iter()
            .filter(|s| s.group.id != group.id && !links.iter().any(|l| l.other == s.group.id))
            .map(|s| {
                let label = match &s.group.site_name {
                    Some(site) => format!("{} ({site})", s.group.name),
                    None => s.group.name.clone(),
                };
                (s.group.id, label)
            })
            .collect()
    } else {
        Vec::new()
    };
    let (coming, past) = if member {
        super::support_groups_meetings::meeting_rows(state, group.id, &zone).await?
    } else {
        (Vec::new(), Vec::new())
    };
    let view = GroupView {
        coming,
        past,
        layout: Layout::new(state, &me.ctx, "/support-groups", group.name.clone())
            .await
            .with_flash(done),
        standing: access.standing.map(|r| role_label(&tr, r)),
        member,
        facilitates,
        may_leave,
        facilitators,
        member_count: all_members.len(),
        members: if member {
            all_members
                .into_iter()
                .map(|m| MemberRow {
                    role_label: role_label(&tr, m.role),
                    member: m,
                })
                .collect()
        } else {
            Vec::new()
        },
        me: me.user.person.id,
        roles: GroupRole::ALL
            .iter()
            .map(|r| (r.as_str(), role_label(&tr, *r)))
            .collect(),
        requests,
        asked: access.standing.is_none()
            && store.has_open_request(group.id, me.user.person.id).await?,
        join_message: input.join_message,
        join_error: input.join_error,
        rules_text: input
            .rules_text
            .unwrap_or_else(|| rules_lines(&tr, &rules).join("\n")),
        rules: rules_lines(&tr, &rules),
        rules_error: input.rules_error,
        links,
        others,
        link_error: input.link_error,
        coordinates: may_coordinate(me, &group),
        group,
    };
    let refused =
        view.join_error.is_some() || view.rules_error.is_some() || view.link_error.is_some();
    Ok((form_status(refused), no_store(view)).into_response())
}

async fn group_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<SupportGroupId>,
    Query(query): Query<DoneQuery>,
) -> AppResult<Response> {
    let access = group_access(&state, &me, id).await?;
    group_page(
        &state,
        &me,
        access,
        GroupPageInput::default(),
        query.done.as_deref(),
    )
    .await
}

// ---------------------------------------------------------------- joining

#[derive(Deserialize)]
struct JoinForm {
    #[serde(default)]
    message: String,
}

async fn join_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<SupportGroupId>,
    Form(form): Form<JoinForm>,
) -> AppResult<Response> {
    let access = group_access(&state, &me, id).await?;
    let tr = Tr::new(me.ctx.language);
    if access.standing.is_some() {
        return Ok(see_other(&format!("/support-groups/{id}")));
    }
    let message = match optional_text(&form.message, 500) {
        Ok(message) => message,
        Err(error) => {
            let input = GroupPageInput {
                join_error: Some(tr.t(error.message_id)),
                join_message: form.message,
                ..GroupPageInput::default()
            };
            return group_page(&state, &me, access, input, None).await;
        }
    };
    match state
        .store
        .support_groups()
        .ask_to_join(id, me.user.person.id, message.as_deref())
        .await
    {
        // Asking twice changes nothing: the first request is still waiting.
        Ok(_) | Err(StoreError::Conflict(_)) => {}
        Err(other) => return Err(other.into()),
    }
    for member in state.store.support_groups().members(id).await? {
        if !member.role.facilitates() {
            continue;
        }
        let person = state.store.people().get(member.user_id).await?;
        let their = Tr::new(
            person
                .language
                .as_deref()
                .and_then(Language::from_code)
                .unwrap_or_default(),
        );
        crate::jobs::notify(
            &state,
            member.user_id,
            &their.args(
                "sg-notice-asked-title",
                &[
                    ("name", me.user.person.display_name.clone()),
                    ("group", access.group.name.clone()),
                ],
            ),
            &their.t("sg-notice-asked-body"),
            Some(&format!("/support-groups/{id}#requests")),
            true,
        )
        .await?;
    }
    Ok(see_other(&format!(
        "/support-groups/{id}?done=flash-sg-asked"
    )))
}

async fn decide_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, request, decision)): Path<(SupportGroupId, Uuid, String)>,
) -> AppResult<Response> {
    let access = group_access(&state, &me, id).await?;
    access.require(&me, GroupAct::Facilitate)?;
    let decision = match decision.as_str() {
        "accept" => Decision::Accepted,
        "decline" => Decision::Declined,
        _ => return Err(AppError::NotFound),
    };
    let asker = state
        .store
        .support_groups()
        .decide(id, request, decision, me.user.person.id)
        .await?;
    let person = state.store.people().get(asker).await?;
    let their = Tr::new(
        person
            .language
            .as_deref()
            .and_then(Language::from_code)
            .unwrap_or_default(),
    );
    let (title, body) = match decision {
        Decision::Accepted => ("sg-notice-accepted-title", "sg-notice-accepted-body"),
        Decision::Declined => ("sg-notice-declined-title", "sg-notice-declined-body"),
    };
    crate::jobs::notify(
        &state,
        asker,
        &their.t1(title, "group", &access.group.name),
        &their.t(body),
        Some(&format!("/support-groups/{id}")),
        true,
    )
    .await?;
    let flash = match decision {
        Decision::Accepted => "flash-sg-accepted",
        Decision::Declined => "flash-sg-declined",
    };
    Ok(see_other(&format!(
        "/support-groups/{id}?done={flash}#requests"
    )))
}

#[derive(Deserialize)]
struct MemberForm {
    /// A role, or `remove`.
    role: String,
}

/// Whether the group would still have a facilitator after `user` becomes `role`.
async fn keeps_a_facilitator(
    state: &AppState,
    id: SupportGroupId,
    user: UserId,
    role: Option<GroupRole>,
) -> AppResult<bool> {
    let members = state.store.support_groups().members(id).await?;
    Ok(role == Some(GroupRole::Facilitator)
        || members
            .iter()
            .any(|m| m.user_id != user && m.role == GroupRole::Facilitator))
}

async fn member_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, user)): Path<(SupportGroupId, UserId)>,
    Form(form): Form<MemberForm>,
) -> AppResult<Response> {
    let access = group_access(&state, &me, id).await?;
    access.require(&me, GroupAct::Facilitate)?;
    let role = if form.role == "remove" {
        None
    } else {
        Some(
            form.role
                .parse::<GroupRole>()
                .map_err(|_: InputError| AppError::NotFound)?,
        )
    };
    if state
        .store
        .support_groups()
        .standing(id, user)
        .await?
        .is_none()
    {
        return Err(AppError::NotFound);
    }
    if !keeps_a_facilitator(&state, id, user, role).await? {
        return Ok(see_other(&format!(
            "/support-groups/{id}?done=flash-sg-needs-facilitator#members"
        )));
    }
    match role {
        Some(role) => {
            state
                .store
                .support_groups()
                .set_role(id, user, role)
                .await?
        }
        None => state.store.support_groups().remove_member(id, user).await?,
    }
    Ok(see_other(&format!(
        "/support-groups/{id}?done=flash-saved#members"
    )))
}

async fn leave_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<SupportGroupId>,
) -> AppResult<Response> {
    let access = group_access(&state, &me, id).await?;
    access.require(&me, GroupAct::TakePart)?;
    let user = me.user.person.id;
    if !keeps_a_facilitator(&state, id, user, None).await? {
        return Ok(see_other(&format!(
            "/support-groups/{id}?done=flash-sg-needs-facilitator"
        )));
    }
    state.store.support_groups().remove_member(id, user).await?;
    Ok(see_other("/support-groups?done=flash-sg-left"))
}

// ---------------------------------------------------------------- ground rules

#[derive(Deserialize)]
struct RulesForm {
    rules: String,
}

async fn ground_rules_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<SupportGroupId>,
    Form(form): Form<RulesForm>,
) -> AppResult<Response> {
    let access = group_access(&state, &me, id).await?;
    access.require(&me, GroupAct::Facilitate)?;
    let tr = Tr::new(me.ctx.language);
    match required_text(&form.rules, 4000) {
        Ok(text) => {
            state
                .store
                .support_groups()
                .set_ground_rules(id, &text, me.user.person.id)
                .await?;
            Ok(see_other(&format!(
                "/support-groups/{id}?done=flash-saved#ground-rules"
            )))
        }
        Err(error) => {
            let input = GroupPageInput {
                rules_text: Some(form.rules),
                rules_error: Some(tr.t(error.message_id)),
                ..GroupPageInput::default()
            };
            group_page(&state, &me, access, input, None).await
        }
    }
}

// ---------------------------------------------------------------- cooperation

#[derive(Deserialize)]
struct LinkForm {
    other: String,
}

async fn link_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<SupportGroupId>,
    Form(form): Form<LinkForm>,
) -> AppResult<Response> {
    let access = group_access(&state, &me, id).await?;
    access.require(&me, GroupAct::Facilitate)?;
    let tr = Tr::new(me.ctx.language);
    let other = match form.other.parse::<SupportGroupId>() {
        Ok(other) if other != id => state.store.support_groups().get(other).await.ok(),
        _ => None,
    };
    let Some(other) = other else {
        let input = GroupPageInput {
            link_error: Some(tr.t("error-choose-one")),
            ..GroupPageInput::default()
        };
        return group_page(&state, &me, access, input, None).await;
    };
    let agreed = state
        .store
        .support_groups()
        .propose_link(id, other.id, me.user.person.id)
        .await?;
    if !agreed {
        // Ask the other group's facilitators.
        for member in state.store.support_groups().members(other.id).await? {
            if !member.role.facilitates() {
                continue;
            }
            let person = state.store.people().get(member.user_id).await?;
            let their = Tr::new(
                person
                    .language
                    .as_deref()
                    .and_then(Language::from_code)
                    .unwrap_or_default(),
            );
            crate::jobs::notify(
                &state,
                member.user_id,
                &their.t1("sg-notice-link-title", "group", &access.group.name),
                &their.t("sg-notice-link-body"),
                Some(&format!("/support-groups/{}#cooperation", other.id)),
                false,
            )
            .await?;
        }
    }
    let flash = if agreed {
        "flash-sg-linked"
    } else {
        "flash-sg-link-asked"
    };
    Ok(see_other(&format!(
        "/support-groups/{id}?done={flash}#cooperation"
    )))
}

async fn unlink_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, other)): Path<(SupportGroupId, SupportGroupId)>,
) -> AppResult<Response> {
    let access = group_access(&state, &me, id).await?;
    if !(access.may(&me, GroupAct::Facilitate) || may_coordinate(&me, &access.group)) {
        return Err(AppError::Forbidden);
    }
    state.store.support_groups().unlink(id, other).await?;
    Ok(see_other(&format!(
        "/support-groups/{id}?done=flash-saved#cooperation"
    )))
}

// ---------------------------------------------------------------- the network

struct NetworkRow {
    summary: GroupSummary,
    latest_meeting: Option<String>,
    next_meeting: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "support_groups/network.html")]
struct NetworkView {
    layout: Layout,
    rows: Vec<NetworkRow>,
    sites: usize,
    links: Vec<NetworkLink>,
    first: String,
    second: String,
    error: Option<String>,
}

async fn network_page(
    state: &AppState,
    me: &SignedIn,
    first: String,
    second: String,
    error: Option<String>,
    done: Option<&str>,
) -> AppResult<Response> {
    if !coordinates_somewhere(me) {
        return Err(AppError::Forbidden);
    }
    let tr = Tr::new(me.ctx.language);
    let zone = me.time_zone(state).await?;
    let meetings = state
        .store
        .support_group_meetings()
        .latest_and_next(hearth_store::now_ms())
        .await?;
    let visible: Vec<GroupSummary> = state
        .store
        .support_groups()
        .directory()
        .await?
        .into_iter()
        .filter(|s| may_coordinate(me, &s.group))
        .collect();
    let mut sites: Vec<Option<SiteId>> = visible.iter().map(|s| s.group.site_id).collect();
    sites.sort();
    sites.dedup();
    let rows = visible
        .into_iter()
        .map(|summary| {
            let (latest, next) = meetings.get(&summary.group.id).copied().unwrap_or_default();
            NetworkRow {
                latest_meeting: latest.map(|at| crate::views::format_time(at, &zone)),
                next_meeting: next.map(|at| crate::views::format_time(at, &zone)),
                summary,
            }
        })
        .collect::<Vec<_>>();
    let links = state
        .store
        .support_groups()
        .all_links()
        .await?
        .into_iter()
        .filter(|l| {
            rows.iter().any(|r| r.summary.group.id == l.first)
                || rows.iter().any(|r| r.summary.group.id == l.second)
        })
        .collect();
    let view = NetworkView {
        layout: Layout::new(state, &me.ctx, "/support-groups", tr.t("sg-network-title"))
            .await
            .with_flash(done),
        sites: sites.len(),
        rows,
        links,
        first,
        second,
        error,
    };
    Ok((form_status(view.error.is_some()), no_store(view)).into_response())
}

async fn network_get(
    State(state): State<AppState>,
    me: SignedIn,
    Query(query): Query<DoneQuery>,
) -> AppResult<Response> {
    network_page(
        &state,
        &me,
        String::new(),
        String::new(),
        None,
        query.done.as_deref(),
    )
    .await
}

#[derive(Deserialize)]
struct NetworkLinkForm {
    first: String,
    second: String,
}

async fn network_link_post(
    State(state): State<AppState>,
    me: SignedIn,
    Form(form): Form<NetworkLinkForm>,
) -> AppResult<Response> {
    if !coordinates_somewhere(&me) {
        return Err(AppError::Forbidden);
    }
    let tr = Tr::new(me.ctx.language);
    let store = state.store.support_groups();
    let find = |raw: &str| raw.parse::<SupportGroupId>().ok();
    let mut pair = None;
    if let (Some(a), Some(b)) = (find(&form.first), find(&form.second))
        && a != b
        && let (Ok(first), Ok(second)) = (store.get(a).await, store.get(b).await)
        && may_coordinate(&me, &first)
        && may_coordinate(&me, &second)
    {
        pair = Some((first.id, second.id));
    }
    let Some((a, b)) = pair else {
        return network_page(
            &state,
            &me,
            form.first,
            form.second,
            Some(tr.t("sg-error-two-groups")),
            None,
        )
        .await;
    };
    store.connect(a, b, me.user.person.id).await?;
    Ok(see_other("/support-groups/network?done=flash-sg-linked"))
}
