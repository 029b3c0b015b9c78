//! The home page: what is next for this person, whatever roles they hold.

use super::no_store;
use crate::context::SignedIn;
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::{Layout, format_time};
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;
use hearth_domain::policy::Action;
use hearth_domain::roles::{Role, Scope};
use hearth_store::{CohortSummary, GrantView, Notification, OrgCounts};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new().route("/", get(home_get))
}

/// A role as a sentence: "Facilitator · Autumn dialogue cohort".
pub fn grant_label(tr: &Tr, grant: &GrantView) -> String {
    let role = role_label(tr, grant.grant.role);
    match (&grant.cohort_name, &grant.site_name, grant.grant.scope) {
        (Some(cohort), _, _) => format!("{role} · {cohort}"),
        (None, Some(site), _) => format!("{role} · {site}"),
        (None, None, _) => format!("{role} · {}", tr.t("scope-organisation")),
    }
}

pub fn role_label(tr: &Tr, role: Role) -> String {
    tr.t(&format!("role-{}", role.base_key()))
}

struct QuickAction {
    href: &'static str,
    label: String,
}

struct CohortCard {
    summary: CohortSummary,
    my_role: Option<String>,
    /// A training cohort whose training page this person may open.
    training: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "home/home.html")]
struct HomeView {
    layout: Layout,
    greeting: String,
    roles: Vec<String>,
    actions: Vec<QuickAction>,
    cohorts: Vec<CohortCard>,
    counts: Option<OrgCounts>,
    notifications: Vec<(Notification, String)>,
    events: Vec<(hearth_store::Event, String)>,
    no_roles: bool,
    is_peer_worker: bool,
    /// Open action items from peer support group meetings.
    group_actions: Vec<hearth_store::ActionItem>,
    /// Ongoing one-to-one supports: "session N of M", as student or peer.
    ongoing: Vec<super::support_ongoing::SupportLine>,
}

#[derive(Deserialize)]
struct HomeQuery {
    done: Option<String>,
}

async fn home_get(
    State(state): State<AppState>,
    me: SignedIn,
    Query(query): Query<HomeQuery>,
) -> AppResult<Response> {
    let tr = Tr::new(me.ctx.language);
    let person = &me.user.person;
    let org = Scope::Organisation;
    let grants = &me.user.grant_views;

    let mut actions = Vec::new();
    let mut add = |href: &'static str, key: &str| {
        actions.push(QuickAction {
            href,
            label: tr.t(key),
        })
    };
    if me.may(Action::ManagePeople, org) {
        add("/people/invite", "action-invite");
        add("/people/import", "action-import");
    }
    if me.may(Action::ManageCohorts, org) {
        add("/cohorts/new", "action-new-cohort");
    }
    if me.may(Action::ManageSites, org) {
        add("/sites/new", "action-new-site");
    }
    if me.may(Action::ManageServices, org) {
        add("/services/new", "action-new-service");
    }
    if me.may(Action::ViewAuditLog, org) {
        add("/admin/audit", "action-audit");
    }
    add("/services", "action-services");
    add("/my-support", "action-my-support");

    // Staff see every cohort they may see; members see their own.
    let all_cohorts = state.store.org().cohorts(false).await?;
    let training_cohorts = state.store.training().training_cohorts().await?;
    let mut cohorts: Vec<CohortCard> = all_cohorts
        .into_iter()
        .filter_map(|summary| {
            let scope = Scope::Cohort {
                cohort: summary.cohort.id,
                site: summary.cohort.site_id,
            };
            let mine = grants
                .iter()
                .find(|g| g.grant.scope == scope)
                .map(|g| role_label(&tr, g.grant.role));
            let training = training_cohorts.contains(&summary.cohort.id)
                && (me.may(Action::RunTraining, scope) || me.may(Action::FollowTraining, scope));
            (mine.is_some() || me.may(Action::ViewCohort, scope)).then_some(CohortCard {
                summary,
                my_role: mine,
                training,
            })
        })
        .collect();
    // Cohorts I belong to first.
    cohorts.sort_by_key(|c| c.my_role.is_none());
    cohorts.truncate(12);

    let counts = if me.may(Action::ViewStructure, org) {
        Some(state.store.org().counts().await?)
    } else {
        None
    };

    let unread: Vec<Notification> = state
        .store
        .notifications()
        .list(person.id, 5)
        .await?
        .into_iter()
        .filter(|n| !n.read)
        .collect();
    // The time zone is only needed to date what is new.
    let zone = if unread.is_empty() {
        String::new()
    } else {
        me.time_zone(&state).await?
    };
    let notifications = unread
        .into_iter()
        .map(|n| {
            let when = format_time(n.created_at, &zone);
            (n, when)
        })
        .collect();

    // What is next: events from the start of today on.
    let upcoming = state
        .store
        .events()
        .upcoming_for(person.id, hearth_store::now_ms() - 12 * 3_600_000, 5)
        .await?;
    let zone = if !upcoming.is_empty() && zone.is_empty() {
        me.time_zone(&state).await?
    } else {
        zone
    };
    let events = upcoming
        .into_iter()
        .map(|e| {
            let when = format_time(e.starts_at, &zone);
            (e, when)
        })
        .collect();
    let view = HomeView {
        events,
        layout: Layout::new(&state, &me.ctx, "/", tr.t("home-title"))
            .await
            .with_flash(query.done.as_deref()),
        greeting: tr.t1("home-greeting", "name", &person.display_name),
        roles: grants.iter().map(|g| grant_label(&tr, g)).collect(),
        actions,
        cohorts,
        counts,
        notifications,
        no_roles: grants.is_empty(),
        is_peer_worker: hearth_domain::policy::is_peer_worker(&me.actor),
        group_actions: state
            .store
            .support_group_meetings()
            .open_actions_of(person.id)
            .await?,
        ongoing: super::support_ongoing::home_lines(&state, &me).await?,
    };
    Ok(no_store(view))
}
