//! A call for support marked urgent in a live room reaches the site's
//! on-call supervisor and safeguarding leads at once (in the app and by
//! email), as a log flagged "safety concern" does. The alert names who
//! asked and which host marked it; what was said stays in the room.

use crate::i18n::Tr;
use crate::state::AppState;
use hearth_domain::input::Language;
use hearth_domain::roles::Scope;
use hearth_domain::{Role, SiteId, UserId};
use hearth_store::{Event, StoreError};

/// The site whose crisis path an event's calls follow, if it has one (a
/// peer support group of the whole network has none).
pub fn site_of(event: &Event) -> Option<SiteId> {
    match event.scope() {
        Scope::Cohort { site, .. } => Some(site),
        Scope::SupportGroup { site, .. } => site,
        Scope::Organisation | Scope::Site(_) => None,
    }
}

/// Tells the on-call supervisor and the safeguarding leads; returns how
/// many people were told.
pub async fn escalate(
    state: &AppState,
    event: &Event,
    asked: &str,
    host: (UserId, &str),
) -> Result<usize, StoreError> {
    let Some(site) = site_of(event) else {
        return Ok(0);
    };
    let support = state.store.support();
    let mut people: Vec<UserId> = support
        .site_settings(site)
        .await?
        .on_call
        .into_iter()
        .collect();
    people.extend(
        support
            .holders(Role::SafeguardingLead.key().as_str(), site)
            .await?,
    );
    people.sort();
    people.dedup();
    people.retain(|p| *p != host.0);
    for person in &people {
        let who = state.store.people().get(*person).await?;
        let tr = Tr::new(
            who.language
                .as_deref()
                .and_then(Language::from_code)
                .unwrap_or_default(),
        );
        let body = tr.args(
            "live-urgent-notice-body",
            &[
                ("name", asked.to_owned()),
                ("event", event.title.clone()),
                ("host", host.1.to_owned()),
            ],
        );
        crate::jobs::notify(
            state,
            *person,
            &tr.t("live-urgent-notice-title"),
            &body,
            None,
            true,
        )
        .await?;
    }
    Ok(people.len())
}
