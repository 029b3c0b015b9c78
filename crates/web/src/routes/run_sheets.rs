//! The run sheet library: copy a built-in sheet, then reorder and edit its steps.

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
use axum::routing::{get, post};
use hearth_domain::live::{RunSheet, Step, StepKind};
use hearth_domain::policy::Action;
use hearth_domain::roles::Scope;
use hearth_store::SavedRunSheet;
use serde::Deserialize;
use std::collections::BTreeMap;
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/run-sheets", get(library_get))
        .route("/run-sheets/copy", post(copy_post))
        .route("/run-sheets/{id}", get(edit_get).post(edit_post))
        .route("/run-sheets/{id}/archive", post(archive_post))
}

fn require(me: &SignedIn) -> AppResult<()> {
    me.require(Action::ManageRunSheets, Scope::Organisation)
}

/// The sheets an event can follow: built-in ones as `builtin:N`, saved ones by id.
pub async fn choices(state: &AppState) -> AppResult<Vec<(String, RunSheet)>> {
    let mut all: Vec<(String, RunSheet)> = RunSheet::built_in()
        .into_iter()
        .enumerate()
        .map(|(i, s)| (format!("builtin:{i}"), s))
        .collect();
    all.extend(
        state
            .store
            .run_sheets()
            .list()
            .await?
            .into_iter()
            .map(|saved| (saved.id.to_string(), saved.sheet)),
    );
    Ok(all)
}

/// A sheet by its choice key.
pub async fn chosen(state: &AppState, key: &str) -> AppResult<Option<RunSheet>> {
    Ok(choices(state)
        .await?
        .into_iter()
        .find(|(k, _)| k == key)
        .map(|(_, sheet)| sheet))
}

#[derive(Template, WebTemplate)]
#[template(path = "run_sheets/library.html")]
struct LibraryView {
    layout: Layout,
    built_in: Vec<(String, RunSheet)>,
    saved: Vec<SavedRunSheet>,
}

#[derive(Deserialize)]
struct DoneQuery {
    done: Option<String>,
}

async fn library_get(
    State(state): State<AppState>,
    me: SignedIn,
    Query(query): Query<DoneQuery>,
) -> AppResult<Response> {
    require(&me)?;
    let tr = Tr::new(me.ctx.language);
    let view = LibraryView {
        layout: Layout::new(&state, &me.ctx, "/run-sheets", tr.t("runsheets-title"))
            .await
            .with_flash(query.done.as_deref()),
        built_in: RunSheet::built_in()
            .into_iter()
            .enumerate()
            .map(|(i, s)| (format!("builtin:{i}"), s))
            .collect(),
        saved: state.store.run_sheets().list().await?,
    };
    Ok(no_store(view))
}

#[derive(Deserialize)]
struct CopyForm {
    source: String,
}

async fn copy_post(
    State(state): State<AppState>,
    me: SignedIn,
    Form(form): Form<CopyForm>,
) -> AppResult<Response> {
    require(&me)?;
    let tr = Tr::new(me.ctx.language);
    let Some(mut sheet) = chosen(&state, &form.source).await? else {
        return Err(AppError::NotFound);
    };
    sheet.name = tr.t1("runsheets-copy-name", "name", &sheet.name);
    let id = state
        .store
        .run_sheets()
        .create(&sheet, me.user.person.id)
        .await?;
    Ok(see_other(&format!(
        "/run-sheets/{id}?done=flash-runsheet-copied"
    )))
}

#[derive(Template, WebTemplate)]
#[template(path = "run_sheets/edit.html")]
struct EditView {
    layout: Layout,
    id: Uuid,
    sheet: RunSheet,
    kinds: Vec<(&'static str, String)>,
    /// Library videos to pick for a modelling step: (address, title).
    videos: Vec<(String, String)>,
    error: Option<String>,
    unsaved: bool,
}

async fn edit_page(
    state: &AppState,
    me: &SignedIn,
    id: Uuid,
    sheet: RunSheet,
    error: Option<String>,
    unsaved: bool,
    done: Option<&str>,
) -> AppResult<Response> {
    let tr = Tr::new(me.ctx.language);
    let status = form_status(error.is_some());
    let view = EditView {
        layout: Layout::new(state, &me.ctx, "/run-sheets", sheet.name.clone())
            .await
            .with_flash(done),
        id,
        videos: state
            .store
            .videos()
            .list()
            .await?
            .into_iter()
            .filter_map(|v| Some((v.source()?, v.title)))
            .collect(),
        kinds: StepKind::ALL
            .iter()
            .map(|k| (k.key(), tr.t(&format!("step-kind-{}", k.key()))))
            .collect(),
        sheet,
        error,
        unsaved,
    };
    Ok((status, no_store(view)).into_response())
}

async fn edit_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<Uuid>,
    Query(query): Query<DoneQuery>,
) -> AppResult<Response> {
    require(&me)?;
    let saved = state.store.run_sheets().get(id).await?;
    edit_page(
        &state,
        &me,
        id,
        saved.sheet,
        None,
        false,
        query.done.as_deref(),
    )
    .await
}

/// Reads the whole sheet back from the form's numbered fields.
fn read_sheet(fields: &[(String, String)]) -> Result<RunSheet, &'static str> {
    let mut name = String::new();
    let mut steps: BTreeMap<usize, BTreeMap<String, String>> = BTreeMap::new();
    for (key, value) in fields {
        if key == "name" {
            name = value.trim().to_owned();
        } else if let Some(rest) = key.strip_prefix("step-")
            && let Some((index, field)) = rest.split_once('-')
            && let Ok(index) = index.parse::<usize>()
            && index < 100
        {
            steps
                .entry(index)
                .or_default()
                .insert(field.to_owned(), value.clone());
        }
    }
    let steps = steps
        .into_values()
        .map(|f| {
            let field = |name: &str| f.get(name).map(|v| v.trim().to_owned()).unwrap_or_default();
            let kind = StepKind::from_key(&field("kind")).ok_or("error-choose-one")?;
            let mut step = Step::new(
                kind,
                &field("title"),
                &field("instructions"),
                field("minutes").parse().unwrap_or(0),
            );
            step.prompts = field("prompts")
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect();
            step.speakers = if kind == StepKind::Debrief {
                field("speakers").parse().unwrap_or(0)
            } else {
                0
            };
            step.options = field("options")
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect();
            let video = field("video");
            step.video_url = (!video.is_empty()).then_some(video);
            Ok(step)
        })
        .collect::<Result<Vec<Step>, &'static str>>()?;
    Ok(RunSheet { name, steps })
}

async fn edit_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<Uuid>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    require(&me)?;
    state.store.run_sheets().get(id).await?;
    let tr = Tr::new(me.ctx.language);
    let mut sheet = match read_sheet(&fields) {
        Ok(sheet) => sheet,
        Err(message) => {
            let saved = state.store.run_sheets().get(id).await?;
            return edit_page(
                &state,
                &me,
                id,
                saved.sheet,
                Some(tr.t(message)),
                false,
                None,
            )
            .await;
        }
    };
    let action = fields
        .iter()
        .find(|(k, _)| k == "action")
        .map(|(_, v)| v.as_str())
        .unwrap_or("save");
    let index = |prefix: &str| {
        action
            .strip_prefix(prefix)
            .and_then(|i| i.parse::<usize>().ok())
            .filter(|i| *i < sheet.steps.len())
    };
    // Moving, adding and removing only change the form; nothing is written until "Save".
    if action == "add" {
        sheet.steps.push(Step::new(
            StepKind::FreeItem,
            &tr.t("runsheets-new-step"),
            "",
            10,
        ));
    } else if let Some(i) = index("up-") {
        if i > 0 {
            sheet.steps.swap(i, i - 1);
        }
    } else if let Some(i) = index("down-") {
        if i + 1 < sheet.steps.len() {
            sheet.steps.swap(i, i + 1);
        }
    } else if let Some(i) = index("remove-") {
        sheet.steps.remove(i);
    } else {
        return match sheet.validate() {
            Ok(()) => {
                state.store.run_sheets().update(id, &sheet).await?;
                Ok(see_other(&format!("/run-sheets/{id}?done=flash-saved")))
            }
            Err(error) => {
                edit_page(
                    &state,
                    &me,
                    id,
                    sheet,
                    Some(tr.t(error.message_id)),
                    true,
                    None,
                )
                .await
            }
        };
    }
    edit_page(&state, &me, id, sheet, None, true, None).await
}

async fn archive_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    require(&me)?;
    state.store.run_sheets().archive(id).await?;
    Ok(see_other("/run-sheets?done=flash-archived"))
}
