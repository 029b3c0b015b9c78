//! What pages show. Each view is named for what it shows and renders
//! `templates/<area>/<name>.html`; every page carries a [`Layout`].

use crate::context::RequestContext;
use crate::i18n::Tr;
use crate::state::AppState;
use hearth_domain::input::Language;
use hearth_domain::policy::Action;
use hearth_domain::roles::Scope;

pub mod chart;
// A person's export as readable HTML (issue 9).
pub mod export_html;
// The drop-in heat map (issue 9).
pub mod forms;
pub mod heatmap;
pub mod ics;
pub mod markdown;

/// A link in the main navigation.
pub struct NavItem {
    pub href: &'static str,
    pub label: String,
    pub current: bool,
}

/// What the base layout needs on every page.
pub struct Layout {
    pub tr: Tr,
    pub title: String,
    pub csrf: String,
    pub signed_in_name: Option<String>,
    pub nav: Vec<NavItem>,
    pub unread: i64,
    pub is_demo: bool,
    pub flash: Option<String>,
    pub languages: Vec<(&'static str, &'static str, bool)>,
    pub path: String,
}

impl Layout {
    /// Builds the layout; `title` is already translated.
    pub async fn new(state: &AppState, ctx: &RequestContext, path: &str, title: String) -> Layout {
        let tr = Tr::new(ctx.language);
        let mut nav = Vec::new();
        let mut unread = 0;
        if let Some(user) = &ctx.user {
            let org = Scope::Organisation;
            let mut add = |href: &'static str, key: &str| {
                let current = if href == "/" {
                    path == "/"
                } else {
                    path.starts_with(href)
                };
                nav.push(NavItem {
                    href,
                    label: tr.t(key),
                    current,
                });
            };
            add("/", "nav-home");
            if ctx.may(Action::ViewStructure, org) || has_structure_role(ctx) {
                add("/cohorts", "nav-cohorts");
                add("/sites", "nav-sites");
                add("/programmes", "nav-programmes");
            }
            if ctx.may(Action::ViewPeople, org) || has_people_role(ctx) {
                add("/people", "nav-people");
            }
            if ctx.may(Action::ManageRunSheets, org) {
                add("/run-sheets", "nav-run-sheets");
                add("/videos", "nav-videos");
            }
            if ctx.may(Action::ManageCurricula, org) {
                add("/curricula", "nav-curricula");
            }
            // Those who keep curricula find the pipeline there; supervisors here.
            if !ctx.may(Action::ManageCurricula, org)
                && user.grants.iter().any(|g| {
                    !matches!(g.scope, Scope::Cohort { .. })
                        && ctx.may(Action::ViewTrainingPipeline, g.scope)
                })
            {
                add("/training/pipeline", "pipeline-title");
            }
            if has_support_role(ctx) {
                add("/one-to-one", "nav-one-to-one");
            }
            add("/services", "nav-services");
            if ctx.may(Action::ViewSupportGroups, org) {
                add("/support-groups", "nav-support-groups");
            }
            if ctx.may(Action::ManageOrganisation, org) {
                add("/admin/organisation", "nav-organisation");
            }
            if ctx.may(Action::ViewAuditLog, org) {
                add("/admin/audit", "nav-audit");
            }
            // Reports: for those who may see some site's figures.
            if may_somewhere(ctx, Action::ViewReports) {
                add("/reports", "nav-reports");
            }
            if may_somewhere(ctx, Action::ShareStories) {
                add("/stories", "nav-stories");
            }
            unread = state
                .store
                .notifications()
                .unread_count(user.person.id)
                .await
                .unwrap_or(0);
        }
        Layout {
            tr,
            title,
            csrf: ctx.csrf.clone(),
            signed_in_name: ctx.user.as_ref().map(|u| u.person.display_name.clone()),
            nav,
            unread,
            is_demo: state.is_demo,
            flash: None,
            languages: Language::ALL
                .iter()
                .map(|l| (l.code(), l.native_name(), *l == ctx.language))
                .collect(),
            path: path.to_owned(),
        }
    }

    /// Shows a confirmation; only known `flash-*` messages are accepted.
    pub fn with_flash(mut self, key: Option<&str>) -> Layout {
        self.flash = key
            .filter(|k| k.starts_with("flash-") && self.tr.has(k))
            .map(|k| self.tr.t(k));
        self
    }
}

/// Roles held at a site or cohort still see the lists (filtered to what they may see).
fn has_structure_role(ctx: &RequestContext) -> bool {
    ctx.user.as_ref().is_some_and(|u| {
        u.grants.iter().any(|g| {
            let actor = hearth_domain::policy::Actor {
                user: u.person.id,
                grants: vec![*g],
            };
            hearth_domain::policy::policy(&actor, Action::ViewStructure, g.scope)
        })
    })
}

/// Anyone who may see a site's rota sees one-to-one support in the navigation.
fn has_support_role(ctx: &RequestContext) -> bool {
    ctx.user.as_ref().is_some_and(|u| {
        u.grants.iter().any(|g| {
            let actor = hearth_domain::policy::Actor {
                user: u.person.id,
                grants: vec![*g],
            };
            hearth_domain::policy::policy(&actor, Action::ViewRota, g.scope)
        })
    })
}

fn has_people_role(ctx: &RequestContext) -> bool {
    ctx.user.as_ref().is_some_and(|u| {
        u.grants.iter().any(|g| {
            let actor = hearth_domain::policy::Actor {
                user: u.person.id,
                grants: vec![*g],
            };
            hearth_domain::policy::policy(&actor, Action::ViewPeople, g.scope)
        })
    })
}

/// Whether any of the person's roles allows `action` where it is held.
fn may_somewhere(ctx: &RequestContext, action: Action) -> bool {
    ctx.user.as_ref().is_some_and(|u| {
        u.grants.iter().any(|g| {
            let actor = hearth_domain::policy::Actor {
                user: u.person.id,
                grants: vec![*g],
            };
            hearth_domain::policy::policy(&actor, action, g.scope)
        })
    })
}

/// A time for people to read, in their zone.
pub fn format_time(ms: i64, time_zone: &str) -> String {
    let zone = jiff::tz::TimeZone::get(time_zone).unwrap_or(jiff::tz::TimeZone::UTC);
    hearth_store::timestamp(ms)
        .to_zoned_datetime(zone)
        .strftime("%Y-%m-%d %H:%M")
        .to_string()
}
