//! Supervision: the supervisor's board (flagged logs, their peers, the
//! sessions they held), supervision sessions with notes and agreed actions,
//! and the peers' own wellbeing check-ins after their shifts.

use super::support::{org_zone, sites_for, today};
use super::support_logs::{LogLine, lines, supervises};
use super::{form_status, no_store, see_other};
use crate::context::SignedIn;
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::forms::FieldErrors;
use crate::views::{Layout, format_time};
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Form, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use hearth_domain::UserId;
use hearth_domain::input::{date, optional_text};
use hearth_domain::policy::Action;
use hearth_domain::roles::{Role, Scope};
use hearth_store::{NewActivity, Site, Supervision, now_ms};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/one-to-one/supervision",
            get(supervision_get).post(supervision_post),
        )
        .route(
            "/one-to-one/wellbeing",
            get(wellbeing_get).post(wellbeing_post),
        )
}

#[derive(Deserialize)]
struct DoneQuery {
    done: Option<String>,
}

#[derive(Default)]
struct SessionForm {
    site: String,
    kind: String,
    held_on: String,
    peers: Vec<String>,
    notes: String,
    actions: String,
}

impl SessionForm {
    fn from_fields(fields: &[(String, String)]) -> SessionForm {
        let field = |name: &str| {
            fields
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        SessionForm {
            site: field("site"),
            kind: field("kind"),
            held_on: field("held_on"),
            peers: fields
                .iter()
                .filter(|(k, _)| k == "peers")
                .map(|(_, v)| v.clone())
                .collect(),
            notes: field("notes"),
            actions: field("actions"),
        }
    }

    fn has_peer(&self, id: &UserId) -> bool {
        self.peers.iter().any(|p| *p == id.to_string())
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "support/supervision.html")]
struct SupervisionView {
    layout: Layout,
    flagged: Vec<LogLine>,
    /// The peers of the sites the reader supervises: (id, name).
    peers: Vec<(UserId, String)>,
    sites: Vec<Site>,
    sessions: Vec<Supervision>,
    form: SessionForm,
    errors: FieldErrors,
}

/// The peers who serve at the sites `me` supervises.
async fn my_peers(state: &AppState, supervised: &[Site]) -> AppResult<Vec<(UserId, String)>> {
    let mut peers: Vec<(UserId, String)> = Vec::new();
    for site in supervised {
        for kind in hearth_domain::PeerWorkerKind::ALL {
            for id in state
                .store
                .support()
                .holders(&Role::PeerWorker(kind).key(), site.id)
                .await?
            {
                if !peers.iter().any(|(p, _)| *p == id) {
                    let person = state.store.people().get(id).await?;
                    peers.push((id, person.display_name));
                }
            }
        }
    }
    peers.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(peers)
}

async fn supervision_page(
    state: &AppState,
    me: &SignedIn,
    form: SessionForm,
    errors: FieldErrors,
    flash: Option<&str>,
) -> AppResult<Response> {
    let sites = state.store.org().sites(false).await?;
    let supervised = sites_for(me, &sites, Action::SuperviseSupport);
    if supervised.is_empty() {
        return Err(AppError::Forbidden);
    }
    let tr = Tr::new(me.ctx.language);
    let flagged = state
        .store
        .support()
        .flagged_logs(200)
        .await?
        .into_iter()
        .filter(|l| me.may(Action::SuperviseSupport, Scope::Site(l.site_id)))
        .collect();
    let refused = !errors.is_empty();
    let view = SupervisionView {
        layout: Layout::new(
            state,
            &me.ctx,
            "/one-to-one",
            tr.t("support-supervision-title"),
        )
        .await
        .with_flash(flash),
        flagged: lines(&tr, flagged),
        peers: my_peers(state, &supervised).await?,
        sessions: state
            .store
            .support()
            .supervisions(Some(me.actor.user), None)
            .await?,
        sites: supervised,
        form,
        errors,
    };
    Ok((form_status(refused), no_store(view)).into_response())
}

async fn supervision_get(
    State(state): State<AppState>,
    me: SignedIn,
    Query(query): Query<DoneQuery>,
) -> AppResult<Response> {
    let zone = org_zone(&state).await?;
    let form = SessionForm {
        kind: "individual".into(),
        held_on: today(&zone).to_string(),
        ..SessionForm::default()
    };
    supervision_page(&state, &me, form, FieldErrors::new(), query.done.as_deref()).await
}

async fn supervision_post(
    State(state): State<AppState>,
    me: SignedIn,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let form = SessionForm::from_fields(&fields);
    let sites = state.store.org().sites(false).await?;
    let supervised = sites_for(&me, &sites, Action::SuperviseSupport);
    if supervised.is_empty() {
        return Err(AppError::Forbidden);
    }
    let tr = Tr::new(me.ctx.language);
    let mut errors = FieldErrors::new();
    let site = form
        .site
        .parse()
        .ok()
        .and_then(|id| supervised.iter().find(|s| s.id == id));
    if site.is_none() {
        errors.add_message(&tr, "site", "error-choose-one");
    }
    let kind = match form.kind.as_str() {
        "individual" | "group" => Some(form.kind.clone()),
        _ => {
            errors.add_message(&tr, "kind", "error-choose-one");
            None
        }
    };
    let held_on = errors.check(&tr, "held_on", date(&form.held_on));
    // Only peers the supervisor supervises can be named.
    let mut peers = Vec::new();
    for raw in &form.peers {
        match raw.parse::<UserId>() {
            Ok(id) if supervises(&state, &me, id).await? => {
                if !peers.contains(&id) {
                    peers.push(id);
                }
            }
            _ => errors.add_message(&tr, "peers", "error-choose-one"),
        }
    }
    match (kind.as_deref(), peers.len()) {
        (_, 0) => errors.add_message(&tr, "peers", "support-error-peers-none"),
        (Some("individual"), n) if n > 1 => {
            errors.add_message(&tr, "peers", "support-error-peers-individual")
        }
        _ => {}
    }
    let notes = errors.check(&tr, "notes", optional_text(&form.notes, 4000));
    let actions = errors.check(&tr, "actions", optional_text(&form.actions, 2000));
    let (Some(site), Some(kind), Some(held_on), Some(notes), Some(actions)) =
        (site, kind, held_on, notes, actions)
    else {
        return supervision_page(&state, &me, form, errors, None).await;
    };
    if !errors.is_empty() {
        return supervision_page(&state, &me, form, errors, None).await;
    }
    state
        .store
        .support()
        .record_supervision(
            me.actor.user,
            site.id,
            &kind,
            &held_on.to_string(),
            notes.as_deref(),
            actions.as_deref(),
            &peers,
        )
        .await?;
    // Supervision is an activity for reports, with the peers present.
    let activity = state
        .store
        .activities()
        .record(&NewActivity {
            kind: "supervision",
            title: &kind,
            site_id: Some(site.id),
            cohort_id: None,
            phase_id: None,
            occurred_at: now_ms(),
        })
        .await?;
    for peer in &peers {
        state
            .store
            .activities()
            .mark(
                activity,
                *peer,
                hearth_store::AttendanceStatus::Present,
                None,
            )
            .await?;
    }
    Ok(see_other("/one-to-one/supervision?done=flash-saved"))
}

// --- wellbeing check-ins ---

#[derive(Template, WebTemplate)]
#[template(path = "support/wellbeing.html")]
struct WellbeingView {
    layout: Layout,
    history: Vec<(hearth_store::Wellbeing, String)>,
    /// Supervision sessions the peer took part in: their agreed actions.
    sessions: Vec<Supervision>,
    form: WellbeingForm,
    errors: FieldErrors,
}

#[derive(Deserialize, Default)]
struct WellbeingForm {
    #[serde(default)]
    score: String,
    #[serde(default)]
    note: String,
    shared: Option<String>,
}

async fn wellbeing_page(
    state: &AppState,
    me: &SignedIn,
    form: WellbeingForm,
    errors: FieldErrors,
    flash: Option<&str>,
) -> AppResult<Response> {
    let sites = state.store.org().sites(false).await?;
    if sites_for(me, &sites, Action::WorkShift).is_empty() {
        return Err(AppError::Forbidden);
    }
    let tr = Tr::new(me.ctx.language);
    let zone = me.time_zone(state).await?;
    let refused = !errors.is_empty();
    let view = WellbeingView {
        layout: Layout::new(
            state,
            &me.ctx,
            "/one-to-one",
            tr.t("support-wellbeing-title"),
        )
        .await
        .with_flash(flash),
        history: state
            .store
            .support()
            .wellbeing(me.actor.user, false)
            .await?
            .into_iter()
            .map(|w| {
                let when = format_time(w.at, &zone);
                (w, when)
            })
            .collect(),
        sessions: state
            .store
            .support()
            .supervisions(None, Some(me.actor.user))
            .await?,
        form,
        errors,
    };
    Ok((form_status(refused), no_store(view)).into_response())
}

async fn wellbeing_get(
    State(state): State<AppState>,
    me: SignedIn,
    Query(query): Query<DoneQuery>,
) -> AppResult<Response> {
    wellbeing_page(
        &state,
        &me,
        WellbeingForm::default(),
        FieldErrors::new(),
        query.done.as_deref(),
    )
    .await
}

async fn wellbeing_post(
    State(state): State<AppState>,
    me: SignedIn,
    Form(form): Form<WellbeingForm>,
) -> AppResult<Response> {
    let sites = state.store.org().sites(false).await?;
    if sites_for(&me, &sites, Action::WorkShift).is_empty() {
        return Err(AppError::Forbidden);
    }
    let tr = Tr::new(me.ctx.language);
    let mut errors = FieldErrors::new();
    let score = match form.score.trim().parse::<i32>() {
        Ok(s) if (1..=5).contains(&s) => Some(s),
        _ => {
            errors.add_message(&tr, "score", "support-error-score");
            None
        }
    };
    let note = errors.check(&tr, "note", optional_text(&form.note, 2000));
    let (Some(score), Some(note)) = (score, note) else {
        return wellbeing_page(&state, &me, form, errors, None).await;
    };
    state
        .store
        .support()
        .check_in_wellbeing(me.actor.user, score, note.as_deref(), form.shared.is_some())
        .await?;
    Ok(see_other(
        "/one-to-one/wellbeing?done=flash-wellbeing-saved",
    ))
}
