//! Roles that training unlocks (`seeds/003`): coordinators set the minimum
//! training of each role; a role whose training is incomplete is refused
//! with what is missing, named; completing the last piece tells the
//! coordinators, and the trainee's page offers the role in one step.

use super::home::role_label;
use super::{form_status, no_store, see_other};
use crate::context::SignedIn;
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::Layout;
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use hearth_domain::UserId;
use hearth_domain::input::Language;
use hearth_domain::policy::Action;
use hearth_domain::role_training::{Completion, TrainingItem, trainable_roles};
use hearth_domain::roles::{Role, Scope};
use hearth_domain::training::ModuleKind;
use hearth_store::{Cohort, RequiredItem};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/training/roles", get(roles_get))
        .route("/training/roles/{role}", get(role_get).post(role_post))
        .route("/training/pipeline", get(pipeline_get))
        .route("/people/{id}/terms/{grant}", get(term_get).post(term_post))
}

/// A required piece of training as people read it.
pub fn item_label(tr: &Tr, item: &RequiredItem) -> String {
    match (&item.item, &item.module_title) {
        (TrainingItem::Session(_), Some(module)) => tr.args(
            "role-training-session-item",
            &[
                ("session", item.title.clone()),
                ("module", module.clone()),
                ("curriculum", item.curriculum.clone()),
            ],
        ),
        _ => tr.args(
            "role-training-module-item",
            &[
                ("module", item.title.clone()),
                ("curriculum", item.curriculum.clone()),
            ],
        ),
    }
}

/// What `user` still needs for `role`, named; empty when the role needs no
/// training or it is all done.
pub async fn missing_training(
    state: &AppState,
    user: UserId,
    role: Role,
) -> AppResult<Vec<RequiredItem>> {
    let required = state.store.training().requirements_for(role).await?;
    if required.is_empty() {
        return Ok(Vec::new());
    }
    let done = state.store.training().completion(user).await?;
    Ok(required.into_iter().filter(|r| !done.has(r.item)).collect())
}

/// After a sign-off or attendance: tells the coordinators who look after the
/// cohort about every role whose training `trainee` has just completed.
pub async fn tell_when_unlocked(
    state: &AppState,
    cohort: &Cohort,
    trainee: UserId,
    before: &Completion,
) -> AppResult<()> {
    let now = state.store.training().completion(trainee).await?;
    if now == *before {
        return Ok(());
    }
    let held: Vec<Role> = state
        .store
        .people()
        .grants(trainee)
        .await?
        .into_iter()
        .map(|g| g.grant.role)
        .collect();
    let mut by_role: Vec<(Role, Vec<TrainingItem>)> = Vec::new();
    for (role, item) in state.store.training().role_requirements().await? {
        match by_role.iter_mut().find(|(r, _)| *r == role) {
            Some((_, items)) => items.push(item.item),
            None => by_role.push((role, vec![item.item])),
        }
    }
    let unlocked: Vec<Role> = by_role
        .into_iter()
        .filter(|(role, items)| {
            !held.contains(role)
                && !before.missing(items).is_empty()
                && now.missing(items).is_empty()
        })
        .map(|(role, _)| role)
        .collect();
    if unlocked.is_empty() {
        return Ok(());
    }
    let name = state.store.people().get(trainee).await?.display_name;
    let link = format!("/cohorts/{}/training/trainees/{trainee}#roles", cohort.id);
    for (coordinator, scope) in state.store.training().holders(Role::Coordinator).await? {
        if !scope.covers(cohort.scope()) {
            continue;
        }
        let person = state.store.people().get(coordinator).await?;
        let tr = Tr::new(
            person
                .language
                .as_deref()
                .and_then(Language::from_code)
                .unwrap_or_default(),
        );
        for role in &unlocked {
            let title = tr.args(
                "notice-training-complete-title",
                &[("name", name.clone()), ("role", role_label(&tr, *role))],
            );
            crate::jobs::notify(
                state,
                coordinator,
                &title,
                &tr.t("notice-training-complete-body"),
                Some(&link),
                true,
            )
            .await?;
        }
    }
    Ok(())
}

/// A role's training as the trainee's page shows it.
pub struct RoleOffer {
    pub role_key: String,
    pub label: String,
    pub done: usize,
    pub total: usize,
    pub missing: Vec<String>,
    /// Already held somewhere.
    pub held: bool,
    /// The reader may give it at the cohort's site.
    pub may_give: bool,
}

/// The roles whose training draws on this cohort's curriculum, and how far
/// `user` is with each.
pub async fn role_offers(
    state: &AppState,
    me: &SignedIn,
    cohort: &Cohort,
    curriculum: Option<&hearth_store::Curriculum>,
    user: UserId,
) -> AppResult<Vec<RoleOffer>> {
    let Some(curriculum) = curriculum else {
        return Ok(Vec::new());
    };
    let tr = Tr::new(me.ctx.language);
    let done = state.store.training().completion(user).await?;
    let held: Vec<Role> = state
        .store
        .people()
        .grants(user)
        .await?
        .into_iter()
        .map(|g| g.grant.role)
        .collect();
    let all = state.store.training().role_requirements().await?;
    let mut offers = Vec::new();
    for role in trainable_roles() {
        let items: Vec<&RequiredItem> = all
            .iter()
            .filter(|(r, _)| *r == role)
            .map(|(_, i)| i)
            .collect();
        if !items.iter().any(|i| i.curriculum_id == curriculum.id) {
            continue;
        }
        let missing: Vec<String> = items
            .iter()
            .filter(|i| !done.has(i.item))
            .map(|i| item_label(&tr, i))
            .collect();
        offers.push(RoleOffer {
            role_key: role.key(),
            label: role_label(&tr, role),
            done: items.len() - missing.len(),
            total: items.len(),
            missing,
            held: held.contains(&role),
            may_give: me.may(Action::GrantRole(role), Scope::Site(cohort.site_id)),
        });
    }
    Ok(offers)
}

// --- the coordinators' page: what each role needs ---

struct RoleRow {
    key: String,
    label: String,
    items: Vec<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "training/roles.html")]
struct RolesView {
    layout: Layout,
    rows: Vec<RoleRow>,
    can_see_pipeline: bool,
}

#[derive(Deserialize)]
struct DoneQuery {
    done: Option<String>,
}

async fn roles_get(
    State(state): State<AppState>,
    me: SignedIn,
    Query(query): Query<DoneQuery>,
) -> AppResult<Response> {
    me.require(Action::ManageRoleTraining, Scope::Organisation)?;
    let tr = Tr::new(me.ctx.language);
    let all = state.store.training().role_requirements().await?;
    let rows = trainable_roles()
        .into_iter()
        .map(|role| RoleRow {
            key: role.key(),
            label: role_label(&tr, role),
            items: all
                .iter()
                .filter(|(r, _)| *r == role)
                .map(|(_, i)| item_label(&tr, i))
                .collect(),
        })
        .collect();
    let view = RolesView {
        layout: Layout::new(&state, &me.ctx, "/curricula", tr.t("role-training-title"))
            .await
            .with_flash(query.done.as_deref()),
        rows,
        can_see_pipeline: me.may(Action::ViewTrainingPipeline, Scope::Organisation),
    };
    Ok(no_store(view))
}

/// One checkbox: a module, or a session within it.
struct Choice {
    key: String,
    label: String,
    checked: bool,
}

struct ModuleChoices {
    module: Choice,
    sessions: Vec<Choice>,
}

struct CurriculumChoices {
    name: String,
    modules: Vec<ModuleChoices>,
}

#[derive(Template, WebTemplate)]
#[template(path = "training/role_form.html")]
struct RoleFormView {
    layout: Layout,
    key: String,
    label: String,
    curricula: Vec<CurriculumChoices>,
    error: Option<String>,
}

fn parse_role(raw: &str) -> AppResult<Role> {
    raw.parse::<Role>()
        .ok()
        .filter(|r| hearth_domain::role_training::role_takes_training(*r) && r.key() == raw)
        .ok_or(AppError::NotFound)
}

/// Every module and session a requirement can name, from each curriculum in use.
async fn choices(state: &AppState, chosen: &[TrainingItem]) -> AppResult<Vec<CurriculumChoices>> {
    let mut list = Vec::new();
    for summary in state.store.training().curricula().await? {
        let curriculum = state.store.training().curriculum(summary.id).await?;
        let modules = curriculum
            .modules
            .iter()
            .filter(|m| m.kind == ModuleKind::Module)
            .map(|m| ModuleChoices {
                module: Choice {
                    key: TrainingItem::Module(m.id).key(),
                    label: m.title.clone(),
                    checked: chosen.contains(&TrainingItem::Module(m.id)),
                },
                sessions: m
                    .sessions
                    .iter()
                    .map(|s| Choice {
                        key: TrainingItem::Session(s.id).key(),
                        label: s.text.title.clone(),
                        checked: chosen.contains(&TrainingItem::Session(s.id)),
                    })
                    .collect(),
            })
            .collect();
        list.push(CurriculumChoices {
            name: curriculum.name,
            modules,
        });
    }
    Ok(list)
}

async fn role_page(
    state: &AppState,
    me: &SignedIn,
    role: Role,
    chosen: &[TrainingItem],
    error: Option<String>,
) -> AppResult<Response> {
    let tr = Tr::new(me.ctx.language);
    let label = role_label(&tr, role);
    let status = form_status(error.is_some());
    let view = RoleFormView {
        layout: Layout::new(
            state,
            &me.ctx,
            "/curricula",
            tr.t1("role-training-for", "role", &label),
        )
        .await,
        key: role.key(),
        label,
        curricula: choices(state, chosen).await?,
        error,
    };
    Ok((status, no_store(view)).into_response())
}

async fn role_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path(raw): Path<String>,
) -> AppResult<Response> {
    me.require(Action::ManageRoleTraining, Scope::Organisation)?;
    let role = parse_role(&raw)?;
    let chosen: Vec<TrainingItem> = state
        .store
        .training()
        .requirements_for(role)
        .await?
        .into_iter()
        .map(|i| i.item)
        .collect();
    role_page(&state, &me, role, &chosen, None).await
}

async fn role_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(raw): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    me.require(Action::ManageRoleTraining, Scope::Organisation)?;
    let role = parse_role(&raw)?;
    let tr = Tr::new(me.ctx.language);
    let offered: Vec<String> = choices(&state, &[])
        .await?
        .into_iter()
        .flat_map(|c| c.modules)
        .flat_map(|m| std::iter::once(m.module.key).chain(m.sessions.into_iter().map(|s| s.key)))
        .collect();
    let mut chosen = Vec::new();
    let mut unknown = false;
    for (_, value) in fields.iter().filter(|(k, _)| k == "item") {
        match TrainingItem::parse(value) {
            Some(item) if offered.contains(value) => chosen.push(item),
            _ => unknown = true,
        }
    }
    if unknown {
        return role_page(&state, &me, role, &chosen, Some(tr.t("error-choose-one"))).await;
    }
    state
        .store
        .training()
        .set_requirements(role, &chosen)
        .await?;
    Ok(see_other("/training/roles?done=flash-role-training-saved"))
}

/// Whether the reader sees the pipeline of the organisation or of a site.
pub fn may_see_pipeline(me: &SignedIn) -> bool {
    let action = Action::ViewTrainingPipeline;
    me.may(action, Scope::Organisation)
        || me
            .actor
            .grants
            .iter()
            .any(|g| matches!(g.scope, Scope::Site(_)) && me.may(action, g.scope))
}

/// Today in the reader's time zone.
pub async fn today(state: &AppState, me: &SignedIn) -> AppResult<jiff::civil::Date> {
    let zone =
        jiff::tz::TimeZone::get(&me.time_zone(state).await?).unwrap_or(jiff::tz::TimeZone::UTC);
    Ok(jiff::Timestamp::now().to_zoned_datetime(zone).date())
}

// --- the pipeline: who serves, who leaves, who is coming ---

#[derive(Default)]
struct PipelineRow {
    role: Option<Role>,
    label: String,
    active: usize,
    leaving: usize,
    overdue: usize,
    in_training: usize,
    /// Training complete, role not given yet.
    ready: usize,
}

impl PipelineRow {
    /// More are leaving than are coming: the next cohort should start.
    fn plan_next(&self) -> bool {
        self.leaving + self.overdue > self.in_training + self.ready
    }
}

struct SiteBlock {
    name: String,
    rows: Vec<PipelineRow>,
    /// Peer workers to follow up: leaving soon, past their end, or with no
    /// term recorded.
    follow_up: Vec<FollowUp>,
}

/// One peer worker to follow up, named, with the form for their term when
/// the reader may change it.
#[derive(Clone)]
struct FollowUp {
    name: String,
    role: String,
    /// What stands out, already worded.
    standing: String,
    term_link: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "training/pipeline.html")]
struct PipelineView {
    layout: Layout,
    blocks: Vec<SiteBlock>,
    months: i32,
    today: String,
}

/// The row for a role within a site's block, made when first needed.
fn row_for(
    blocks: &mut Vec<(Option<hearth_domain::SiteId>, Vec<PipelineRow>)>,
    site: Option<hearth_domain::SiteId>,
    role: Role,
) -> &mut PipelineRow {
    let index = match blocks.iter().position(|(s, _)| *s == site) {
        Some(index) => index,
        None => {
            blocks.push((site, Vec::new()));
            blocks.len() - 1
        }
    };
    let rows = &mut blocks[index].1;
    let at = match rows.iter().position(|r| r.role == Some(role)) {
        Some(at) => at,
        None => {
            rows.push(PipelineRow {
                role: Some(role),
                ..PipelineRow::default()
            });
            rows.len() - 1
        }
    };
    &mut rows[at]
}

async fn pipeline_get(State(state): State<AppState>, me: SignedIn) -> AppResult<Response> {
    use hearth_domain::role_training::{LEAVING_WITHIN_MONTHS, TermStanding, term_standing};
    let action = Action::ViewTrainingPipeline;
    let may_site = |site: Option<hearth_domain::SiteId>| match site {
        Some(site) => me.may(action, Scope::Site(site)),
        None => me.may(action, Scope::Organisation),
    };
    if !may_see_pipeline(&me) {
        return Err(AppError::Forbidden);
    }
    let tr = Tr::new(me.ctx.language);
    let today = today(&state, &me).await?;
    let mut blocks: Vec<(Option<hearth_domain::SiteId>, Vec<PipelineRow>)> = Vec::new();
    let mut follow_up: Vec<(Option<hearth_domain::SiteId>, FollowUp)> = Vec::new();

    // Who serves now, and when they are expected to leave.
    for peer in state.store.training().peer_worker_terms().await? {
        if !may_site(peer.site) {
            continue;
        }
        let standing = match (peer.term, term_standing(peer.term, today)) {
            (None, _) => Some(tr.t("pipeline-no-term")),
            (Some(term), TermStanding::Leaving | TermStanding::Overdue) => {
                Some(tr.t1("pipeline-expected-end", "date", term.ends_on.to_string()))
            }
            _ => None,
        };
        if let Some(standing) = standing {
            let scope = peer.site.map_or(Scope::Organisation, Scope::Site);
            follow_up.push((
                peer.site,
                FollowUp {
                    name: peer.name.clone(),
                    role: role_label(&tr, peer.role),
                    standing,
                    term_link: me
                        .may(Action::GrantRole(peer.role), scope)
                        .then(|| format!("/people/{}/terms/{}", peer.user, peer.grant)),
                },
            ));
        }
        let row = row_for(&mut blocks, peer.site, peer.role);
        match term_standing(peer.term, today) {
            TermStanding::Active | TermStanding::Starting => row.active += 1,
            TermStanding::Leaving => {
                row.active += 1;
                row.leaving += 1;
            }
            TermStanding::Overdue => row.overdue += 1,
        }
    }

    // Who is coming: trainees of training cohorts, per role their curriculum leads to.
    let requirements = state.store.training().role_requirements().await?;
    let mut counted = std::collections::HashSet::new();
    for cohort_id in state.store.training().training_cohorts().await? {
        let cohort = state.store.org().cohort(cohort_id).await?;
        if cohort.archived || !may_site(Some(cohort.site_id)) {
            continue;
        }
        let Some(curriculum) = state.store.training().cohort_curriculum(cohort_id).await? else {
            continue;
        };
        let roles: Vec<(Role, Vec<TrainingItem>)> = hearth_domain::PeerWorkerKind::ALL
            .into_iter()
            .map(Role::PeerWorker)
            .filter_map(|role| {
                let items: Vec<&RequiredItem> = requirements
                    .iter()
                    .filter(|(r, _)| *r == role)
                    .map(|(_, i)| i)
                    .collect();
                items
                    .iter()
                    .any(|i| i.curriculum_id == curriculum)
                    .then(|| (role, items.iter().map(|i| i.item).collect()))
            })
            .collect();
        if roles.is_empty() {
            continue;
        }
        for member in state.store.org().cohort_members(cohort_id).await? {
            if member.role != Role::Participant {
                continue;
            }
            let latest = state
                .store
                .training()
                .conversations(cohort_id, member.user_id)
                .await?
                .into_iter()
                .next()
                .map(|c| c.outcome);
            let enrolled = hearth_domain::training::enrolled_in_modules(latest);
            let done = state.store.training().completion(member.user_id).await?;
            let held: Vec<Role> = state
                .store
                .people()
                .grants(member.user_id)
                .await?
                .into_iter()
                .map(|g| g.grant.role)
                .collect();
            for (role, items) in &roles {
                if held.contains(role) || !counted.insert((cohort.site_id, *role, member.user_id)) {
                    continue;
                }
                let row = row_for(&mut blocks, Some(cohort.site_id), *role);
                if done.missing(items).is_empty() {
                    row.ready += 1;
                } else if enrolled {
                    // Until the cohort is archived, its trainees are on their way.
                    row.in_training += 1;
                } else {
                    counted.remove(&(cohort.site_id, *role, member.user_id));
                }
            }
        }
    }

    let sites = state.store.org().sites(true).await?;
    let order = |role: Option<Role>| {
        trainable_roles()
            .iter()
            .position(|r| Some(*r) == role)
            .unwrap_or(usize::MAX)
    };
    let mut named: Vec<SiteBlock> = blocks
        .into_iter()
        .map(|(site, mut rows)| {
            rows.retain(|r| r.active + r.overdue + r.in_training + r.ready > 0);
            rows.sort_by_key(|r| order(r.role));
            for row in &mut rows {
                row.label = row.role.map(|r| role_label(&tr, r)).unwrap_or_default();
            }
            let name = match site {
                Some(site) => sites
                    .iter()
                    .find(|s| s.id == site)
                    .map(|s| s.name.clone())
                    .unwrap_or_default(),
                None => tr.t("scope-organisation"),
            };
            SiteBlock {
                name,
                rows,
                follow_up: follow_up
                    .iter()
                    .filter(|(at, _)| *at == site)
                    .map(|(_, person)| person.clone())
                    .collect(),
            }
        })
        .filter(|b| !b.rows.is_empty())
        .collect();
    named.sort_by(|a, b| a.name.cmp(&b.name));
    let view = PipelineView {
        layout: Layout::new(&state, &me.ctx, "/curricula", tr.t("pipeline-title")).await,
        blocks: named,
        months: LEAVING_WITHIN_MONTHS,
        today: today.to_string(),
    };
    Ok(no_store(view))
}

// --- a peer worker's service term, changed after the role was given ---

#[derive(Template, WebTemplate)]
#[template(path = "training/term_form.html")]
struct TermFormView {
    layout: Layout,
    person: hearth_store::Person,
    grant: hearth_domain::RoleGrantId,
    /// "Peer support worker · Riverside Campus"
    role: String,
    starts_on: String,
    ends_on: String,
    errors: crate::views::forms::FieldErrors,
    /// No term was recorded yet (a role given before terms were kept).
    unset: bool,
}

/// The person and one of their peer-worker grants, if the reader may give
/// that role where it is held (who may give a role may change its term).
async fn term_grant(
    state: &AppState,
    me: &SignedIn,
    person: UserId,
    grant: hearth_domain::RoleGrantId,
) -> AppResult<(hearth_store::Person, hearth_store::GrantView)> {
    let found = state.store.people().get(person).await?;
    let held = state
        .store
        .people()
        .grants(person)
        .await?
        .into_iter()
        .find(|g| g.id == grant && matches!(g.grant.role, Role::PeerWorker(_)))
        .ok_or(AppError::NotFound)?;
    me.require(Action::GrantRole(held.grant.role), held.grant.scope)?;
    Ok((found, held))
}

#[allow(clippy::too_many_arguments)] // the page as first shown and as sent back
async fn term_page(
    state: &AppState,
    me: &SignedIn,
    person: hearth_store::Person,
    held: &hearth_store::GrantView,
    starts_on: String,
    ends_on: String,
    errors: crate::views::forms::FieldErrors,
    unset: bool,
) -> AppResult<Response> {
    let tr = Tr::new(me.ctx.language);
    let status = form_status(!errors.is_empty());
    let view = TermFormView {
        layout: Layout::new(
            state,
            &me.ctx,
            "/people",
            tr.t1("term-edit-title", "name", &person.display_name),
        )
        .await,
        role: super::home::grant_label(&tr, held),
        grant: held.id,
        person,
        starts_on,
        ends_on,
        errors,
        unset,
    };
    Ok((status, no_store(view)).into_response())
}

async fn term_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path((person, grant)): Path<(UserId, hearth_domain::RoleGrantId)>,
) -> AppResult<Response> {
    let (found, held) = term_grant(&state, &me, person, grant).await?;
    let term = state.store.training().grant_term(grant).await?;
    // Without a term yet, the usual one from today is offered.
    let shown = match term {
        Some(term) => term,
        None => hearth_domain::role_training::Term::default_from(today(&state, &me).await?),
    };
    term_page(
        &state,
        &me,
        found,
        &held,
        shown.starts_on.to_string(),
        shown.ends_on.to_string(),
        crate::views::forms::FieldErrors::new(),
        term.is_none(),
    )
    .await
}

#[derive(Deserialize)]
struct TermForm {
    #[serde(default)]
    starts_on: String,
    #[serde(default)]
    ends_on: String,
}

async fn term_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path((person, grant)): Path<(UserId, hearth_domain::RoleGrantId)>,
    Form(form): Form<TermForm>,
) -> AppResult<Response> {
    let (found, held) = term_grant(&state, &me, person, grant).await?;
    match hearth_domain::role_training::Term::parse(&form.starts_on, &form.ends_on) {
        Ok(term) => {
            state.store.training().set_term(grant, term).await?;
            Ok(see_other(&format!(
                "/people/{person}?done=flash-term-saved"
            )))
        }
        Err(problems) => {
            let tr = Tr::new(me.ctx.language);
            let mut errors = crate::views::forms::FieldErrors::new();
            for (field, error) in &problems {
                errors.add(&tr, field, error);
            }
            let unset = state.store.training().grant_term(grant).await?.is_none();
            term_page(
                &state,
                &me,
                found,
                &held,
                form.starts_on,
                form.ends_on,
                errors,
                unset,
            )
            .await
        }
    }
}
