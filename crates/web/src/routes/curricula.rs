//! The curriculum library: copy the built-in Peer 2 Peer curriculum or start
//! one, then edit and reorder its modules and sessions. Facilitators prepare
//! each session here, with its mini knowledge; trainees never come here.

use super::{form_status, no_store, see_other};
use crate::context::SignedIn;
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::Layout;
use crate::views::forms::FieldErrors;
use crate::views::markdown;
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Form, Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use hearth_domain::input::{Name, optional_text};
use hearth_domain::policy::Action;
use hearth_domain::roles::Scope;
use hearth_domain::training::{
    CurriculumPlan, MAX_TEXT_CHARS, ModuleKind, ModuleText, SessionText, attendance_percent,
    material_url, stocktake_questions,
};
use hearth_store::{
    Curriculum, CurriculumModule, CurriculumSession, CurriculumSummary, Material, NewFile,
};
use serde::Deserialize;
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/curricula", get(list_get).post(create_post))
        .route("/curricula/copy", post(copy_post))
        .route(
            "/curricula/{id}/sessions/{session}/run-sheet",
            post(run_sheet_post),
        )
        .route("/curricula/{id}", get(curriculum_get).post(curriculum_post))
        .route("/curricula/{id}/modules", post(module_add_post))
        .route(
            "/curricula/{id}/modules/{module}",
            get(module_get).post(module_post),
        )
        .route(
            "/curricula/{id}/modules/{module}/move",
            post(module_move_post),
        )
        .route(
            "/curricula/{id}/modules/{module}/sessions",
            post(session_add_post),
        )
        .route("/curricula/{id}/sessions/{session}", get(session_get))
        .route(
            "/curricula/{id}/sessions/{session}/edit",
            get(session_edit_get).post(session_edit_post),
        )
        .route(
            "/curricula/{id}/sessions/{session}/move",
            post(session_move_post),
        )
        .route(
            "/curricula/{id}/sessions/{session}/materials/link",
            post(material_link_post),
        )
        .route(
            "/curricula/{id}/sessions/{session}/materials/upload",
            post(material_upload_post).layer(DefaultBodyLimit::max(MAX_MATERIAL_BYTES + 64 * 1024)),
        )
        .route(
            "/curricula/{id}/materials/{material}/remove",
            post(material_remove_post),
        )
}

fn require(me: &SignedIn) -> AppResult<()> {
    me.require(Action::ManageCurricula, Scope::Organisation)
}

#[derive(Deserialize)]
struct DoneQuery {
    done: Option<String>,
}

fn status_for(errors: &FieldErrors) -> StatusCode {
    if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
}

// --- the library ---

struct BuiltIn {
    key: &'static str,
    name: String,
    description: String,
    modules: Vec<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "training/curricula.html")]
struct CurriculaView {
    layout: Layout,
    saved: Vec<CurriculumSummary>,
    built_in: Vec<BuiltIn>,
    new_name: String,
    errors: FieldErrors,
    /// Links to what each role needs and to the pipeline, for those who may.
    can_set_role_training: bool,
    can_see_pipeline: bool,
}

async fn list_page(
    state: &AppState,
    me: &SignedIn,
    name: String,
    errors: FieldErrors,
    done: Option<&str>,
) -> AppResult<Response> {
    let tr = Tr::new(me.ctx.language);
    let status = status_for(&errors);
    let view = CurriculaView {
        can_see_pipeline: super::role_training::may_see_pipeline(me),
        can_set_role_training: me.may(
            hearth_domain::policy::Action::ManageRoleTraining,
            hearth_domain::roles::Scope::Organisation,
        ),
        layout: Layout::new(state, &me.ctx, "/curricula", tr.t("curricula-title"))
            .await
            .with_flash(done),
        saved: state.store.training().curricula().await?,
        built_in: CurriculumPlan::built_in()
            .into_iter()
            .map(|plan| BuiltIn {
                key: plan.key,
                name: plan.name,
                description: plan.description,
                modules: plan.modules.into_iter().map(|m| m.title).collect(),
            })
            .collect(),
        new_name: name,
        errors,
    };
    Ok((status, no_store(view)).into_response())
}

async fn list_get(
    State(state): State<AppState>,
    me: SignedIn,
    Query(query): Query<DoneQuery>,
) -> AppResult<Response> {
    require(&me)?;
    list_page(
        &state,
        &me,
        String::new(),
        FieldErrors::new(),
        query.done.as_deref(),
    )
    .await
}

#[derive(Deserialize)]
struct CreateForm {
    name: String,
}

async fn create_post(
    State(state): State<AppState>,
    me: SignedIn,
    Form(form): Form<CreateForm>,
) -> AppResult<Response> {
    require(&me)?;
    let tr = Tr::new(me.ctx.language);
    let mut errors = FieldErrors::new();
    let Some(name) = errors.check(&tr, "name", Name::parse(&form.name)) else {
        return list_page(&state, &me, form.name, errors, None).await;
    };
    let id = state
        .store
        .training()
        .create(name.as_str(), None, me.user.person.id)
        .await?;
    Ok(see_other(&format!(
        "/curricula/{id}?done=flash-curriculum-created"
    )))
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
    let Some(plan) = CurriculumPlan::by_key(&form.source) else {
        return Err(AppError::NotFound);
    };
    let tr = Tr::new(me.ctx.language);
    let name = tr.t1("curricula-copy-name", "name", &plan.name);
    let id = state
        .store
        .training()
        .copy_plan(&plan, &name, Some(me.user.person.id))
        .await?;
    // The first copy of Peer 2 Peer (in either language: the plans have one
    // shape) brings the roles' default training, for roles nobody has set
    // yet (docs/training.md names them).
    if plan.key.starts_with("peer-2-peer") {
        state
            .store
            .training()
            .apply_default_requirements(id, &hearth_domain::role_training::peer_2_peer_defaults())
            .await?;
    }
    Ok(see_other(&format!(
        "/curricula/{id}?done=flash-curriculum-copied"
    )))
}

// --- one curriculum ---

struct ModuleCard {
    module: CurriculumModule,
    is_readiness: bool,
    purpose_html: String,
    builds_on: Option<String>,
    first: bool,
    last: bool,
    /// The message for this module's "add a session" form, if it was refused.
    session_error: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "training/curriculum.html")]
struct CurriculumView {
    layout: Layout,
    id: Uuid,
    name: String,
    form_name: String,
    description: String,
    description_html: String,
    stocktake: String,
    attendance_percent: String,
    modules: Vec<ModuleCard>,
    errors: FieldErrors,
    new_module: String,
}

/// What the curriculum page's forms hold when one is re-shown with an error.
#[derive(Default)]
struct CurriculumForms {
    name: Option<String>,
    description: Option<String>,
    stocktake: Option<String>,
    attendance_percent: Option<String>,
    new_module: String,
    session_error_in: Option<Uuid>,
}

fn module_cards(curriculum: &Curriculum) -> Vec<ModuleCard> {
    let count = curriculum.modules.len();
    curriculum
        .modules
        .iter()
        .enumerate()
        .map(|(i, module)| ModuleCard {
            is_readiness: module.kind == ModuleKind::Readiness,
            purpose_html: markdown::to_html(module.purpose.as_deref().unwrap_or_default()),
            builds_on: module
                .builds_on
                .and_then(|b| curriculum.module(b))
                .map(|b| b.title.clone()),
            first: i == 0,
            last: i + 1 == count,
            session_error: None,
            module: module.clone(),
        })
        .collect()
}

async fn curriculum_page(
    state: &AppState,
    me: &SignedIn,
    curriculum: Curriculum,
    forms: CurriculumForms,
    errors: FieldErrors,
    done: Option<&str>,
) -> AppResult<Response> {
    let status = status_for(&errors);
    let description = curriculum.description.clone().unwrap_or_default();
    let view = CurriculumView {
        layout: Layout::new(state, &me.ctx, "/curricula", curriculum.name.clone())
            .await
            .with_flash(done),
        id: curriculum.id,
        name: curriculum.name.clone(),
        form_name: forms.name.unwrap_or_else(|| curriculum.name.clone()),
        description_html: markdown::to_html(&description),
        description: forms.description.unwrap_or(description),
        stocktake: forms
            .stocktake
            .unwrap_or_else(|| curriculum.stocktake.join("\n")),
        attendance_percent: forms
            .attendance_percent
            .unwrap_or_else(|| curriculum.attendance_percent.to_string()),
        modules: module_cards(&curriculum)
            .into_iter()
            .map(|mut card| {
                if forms.session_error_in == Some(card.module.id) {
                    card.session_error = errors.get("new_session").map(str::to_owned);
                }
                card
            })
            .collect(),
        errors,
        new_module: forms.new_module,
    };
    Ok((status, no_store(view)).into_response())
}

async fn curriculum_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<Uuid>,
    Query(query): Query<DoneQuery>,
) -> AppResult<Response> {
    require(&me)?;
    let curriculum = state.store.training().curriculum(id).await?;
    curriculum_page(
        &state,
        &me,
        curriculum,
        CurriculumForms::default(),
        FieldErrors::new(),
        query.done.as_deref(),
    )
    .await
}

#[derive(Deserialize)]
struct CurriculumForm {
    name: String,
    description: String,
    stocktake: String,
    #[serde(default)]
    attendance_percent: String,
}

async fn curriculum_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<Uuid>,
    Form(form): Form<CurriculumForm>,
) -> AppResult<Response> {
    require(&me)?;
    let curriculum = state.store.training().curriculum(id).await?;
    let tr = Tr::new(me.ctx.language);
    let mut errors = FieldErrors::new();
    let name = errors.check(&tr, "name", Name::parse(&form.name));
    let description = errors.check(
        &tr,
        "description",
        optional_text(&form.description, MAX_TEXT_CHARS),
    );
    let stocktake = errors.check(&tr, "stocktake", stocktake_questions(&form.stocktake));
    let percent = errors.check(
        &tr,
        "attendance_percent",
        attendance_percent(&form.attendance_percent),
    );
    let (Some(name), Some(description), Some(stocktake), Some(percent)) =
        (name, description, stocktake, percent)
    else {
        let forms = CurriculumForms {
            name: Some(form.name),
            description: Some(form.description),
            stocktake: Some(form.stocktake),
            attendance_percent: Some(form.attendance_percent),
            ..CurriculumForms::default()
        };
        return curriculum_page(&state, &me, curriculum, forms, errors, None).await;
    };
    state
        .store
        .training()
        .update(
            id,
            name.as_str(),
            description.as_deref(),
            &stocktake,
            percent,
        )
        .await?;
    Ok(see_other(&format!("/curricula/{id}?done=flash-saved")))
}

#[derive(Deserialize)]
struct TitleForm {
    title: String,
}

async fn module_add_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<Uuid>,
    Form(form): Form<TitleForm>,
) -> AppResult<Response> {
    require(&me)?;
    let curriculum = state.store.training().curriculum(id).await?;
    let tr = Tr::new(me.ctx.language);
    let mut errors = FieldErrors::new();
    let Some(title) = errors.check(&tr, "new_module", Name::parse(&form.title)) else {
        let forms = CurriculumForms {
            new_module: form.title,
            ..CurriculumForms::default()
        };
        return curriculum_page(&state, &me, curriculum, forms, errors, None).await;
    };
    let module = state
        .store
        .training()
        .add_module(id, title.as_str())
        .await?;
    Ok(see_other(&format!(
        "/curricula/{id}/modules/{module}?done=flash-module-added"
    )))
}

#[derive(Deserialize)]
struct MoveForm {
    direction: String,
}

async fn module_move_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, module)): Path<(Uuid, Uuid)>,
    Form(form): Form<MoveForm>,
) -> AppResult<Response> {
    require(&me)?;
    state
        .store
        .training()
        .move_module(id, module, form.direction == "up")
        .await?;
    Ok(see_other(&format!("/curricula/{id}?done=flash-moved")))
}

async fn session_add_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, module)): Path<(Uuid, Uuid)>,
    Form(form): Form<TitleForm>,
) -> AppResult<Response> {
    require(&me)?;
    let curriculum = state.store.training().curriculum(id).await?;
    if curriculum.module(module).is_none() {
        return Err(AppError::NotFound);
    }
    let tr = Tr::new(me.ctx.language);
    let mut errors = FieldErrors::new();
    let Some(title) = errors.check(&tr, "new_session", Name::parse(&form.title)) else {
        let forms = CurriculumForms {
            session_error_in: Some(module),
            ..CurriculumForms::default()
        };
        return curriculum_page(&state, &me, curriculum, forms, errors, None).await;
    };
    let session = state
        .store
        .training()
        .add_session(id, module, title.as_str())
        .await?;
    Ok(see_other(&format!(
        "/curricula/{id}/sessions/{session}/edit?done=flash-session-added"
    )))
}

// --- a module ---

#[derive(Template, WebTemplate)]
#[template(path = "training/module_form.html")]
struct ModuleFormView {
    layout: Layout,
    curriculum_id: Uuid,
    curriculum_name: String,
    module_id: Uuid,
    title: String,
    purpose: String,
    builds_on: String,
    /// The other modules it may build on: (id, title).
    others: Vec<(String, String)>,
    errors: FieldErrors,
}

#[derive(Deserialize)]
struct ModuleForm {
    title: String,
    purpose: String,
    builds_on: String,
}

async fn module_page(
    state: &AppState,
    me: &SignedIn,
    curriculum: &Curriculum,
    module: &CurriculumModule,
    form: ModuleForm,
    errors: FieldErrors,
    done: Option<&str>,
) -> AppResult<Response> {
    let status = status_for(&errors);
    let view = ModuleFormView {
        layout: Layout::new(state, &me.ctx, "/curricula", module.title.clone())
            .await
            .with_flash(done),
        curriculum_id: curriculum.id,
        curriculum_name: curriculum.name.clone(),
        module_id: module.id,
        title: form.title,
        purpose: form.purpose,
        builds_on: form.builds_on,
        others: curriculum
            .modules
            .iter()
            .filter(|m| m.id != module.id)
            .map(|m| (m.id.to_string(), m.title.clone()))
            .collect(),
        errors,
    };
    Ok((status, no_store(view)).into_response())
}

async fn module_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, module)): Path<(Uuid, Uuid)>,
    Query(query): Query<DoneQuery>,
) -> AppResult<Response> {
    require(&me)?;
    let curriculum = state.store.training().curriculum(id).await?;
    let module = curriculum.module(module).ok_or(AppError::NotFound)?;
    let form = ModuleForm {
        title: module.title.clone(),
        purpose: module.purpose.clone().unwrap_or_default(),
        builds_on: module.builds_on.map(|b| b.to_string()).unwrap_or_default(),
    };
    module_page(
        &state,
        &me,
        &curriculum,
        module,
        form,
        FieldErrors::new(),
        query.done.as_deref(),
    )
    .await
}

async fn module_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, module_id)): Path<(Uuid, Uuid)>,
    Form(form): Form<ModuleForm>,
) -> AppResult<Response> {
    require(&me)?;
    let curriculum = state.store.training().curriculum(id).await?;
    let module = curriculum.module(module_id).ok_or(AppError::NotFound)?;
    let tr = Tr::new(me.ctx.language);
    let mut errors = FieldErrors::new();
    let text = match ModuleText::parse(&form.title, &form.purpose) {
        Ok(text) => Some(text),
        Err((field, error)) => {
            errors.add(&tr, field, &error);
            None
        }
    };
    // It may build on another module of this curriculum, or on none.
    let builds_on = match form.builds_on.trim() {
        "" => Some(None),
        raw => raw
            .parse::<Uuid>()
            .ok()
            .filter(|b| *b != module_id && curriculum.module(*b).is_some())
            .map(Some),
    };
    if builds_on.is_none() {
        errors.add_message(&tr, "builds_on", "error-choose-one");
    }
    let (Some(text), Some(builds_on)) = (text, builds_on) else {
        return module_page(&state, &me, &curriculum, module, form, errors, None).await;
    };
    state
        .store
        .training()
        .update_module(id, module_id, &text, builds_on)
        .await?;
    Ok(see_other(&format!("/curricula/{id}?done=flash-saved")))
}

// --- a session ---

#[derive(Template, WebTemplate)]
#[template(path = "training/session_facilitator.html")]
struct FacilitatorSessionView {
    layout: Layout,
    curriculum_id: Uuid,
    curriculum_name: String,
    module_title: String,
    session_id: Uuid,
    title: String,
    learning_intentions: String,
    activities: String,
    mini_knowledge: String,
    handout: String,
    materials: Vec<Material>,
    material_error: Option<String>,
    /// Run sheets to run this session live online: (key, name), and the chosen key.
    run_sheets: Vec<(String, String)>,
    run_sheet: String,
}

fn found_session(
    curriculum: &Curriculum,
    session: Uuid,
) -> AppResult<(&CurriculumModule, &CurriculumSession)> {
    curriculum.session(session).ok_or(AppError::NotFound)
}

async fn facilitator_session_page(
    state: &AppState,
    me: &SignedIn,
    curriculum: &Curriculum,
    session: Uuid,
    material_error: Option<String>,
    done: Option<&str>,
) -> AppResult<Response> {
    let (module, session) = found_session(curriculum, session)?;
    let text = &session.text;
    let status = form_status(material_error.is_some());
    let view = FacilitatorSessionView {
        layout: Layout::new(state, &me.ctx, "/curricula", text.title.clone())
            .await
            .with_flash(done),
        curriculum_id: curriculum.id,
        curriculum_name: curriculum.name.clone(),
        module_title: module.title.clone(),
        session_id: session.id,
        title: text.title.clone(),
        learning_intentions: markdown::to_html(&text.learning_intentions),
        activities: markdown::to_html(&text.activities),
        mini_knowledge: markdown::to_html(&text.mini_knowledge),
        handout: markdown::to_html(&text.handout),
        materials: state.store.training().materials(session.id).await?,
        material_error,
        run_sheets: super::run_sheets::choices(state)
            .await?
            .into_iter()
            .map(|(key, sheet)| (key, sheet.name))
            .collect(),
        run_sheet: state
            .store
            .training()
            .session_run_sheets(curriculum.id)
            .await?
            .into_iter()
            .find(|(id, _)| *id == session.id)
            .map(|(_, key)| key)
            .unwrap_or_default(),
    };
    Ok((status, no_store(view)).into_response())
}

async fn session_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, session)): Path<(Uuid, Uuid)>,
    Query(query): Query<DoneQuery>,
) -> AppResult<Response> {
    require(&me)?;
    let curriculum = state.store.training().curriculum(id).await?;
    facilitator_session_page(
        &state,
        &me,
        &curriculum,
        session,
        None,
        query.done.as_deref(),
    )
    .await
}

#[derive(Deserialize)]
struct LinkForm {
    title: String,
    url: String,
}

async fn material_link_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, session)): Path<(Uuid, Uuid)>,
    Form(form): Form<LinkForm>,
) -> AppResult<Response> {
    require(&me)?;
    let curriculum = state.store.training().curriculum(id).await?;
    found_session(&curriculum, session)?;
    let tr = Tr::new(me.ctx.language);
    let parsed = Name::parse(&form.title).and_then(|title| Ok((title, material_url(&form.url)?)));
    let (title, url) = match parsed {
        Ok(parsed) => parsed,
        Err(error) => {
            return facilitator_session_page(
                &state,
                &me,
                &curriculum,
                session,
                Some(tr.t(error.message_id)),
                None,
            )
            .await;
        }
    };
    state
        .store
        .training()
        .add_material(id, session, title.as_str(), Some(&url), None)
        .await?;
    Ok(see_other(&format!(
        "/curricula/{id}/sessions/{session}?done=flash-material-added"
    )))
}

/// Largest material file kept.
const MAX_MATERIAL_BYTES: usize = 20 * 1024 * 1024;

async fn material_upload_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, session)): Path<(Uuid, Uuid)>,
    mut multipart: Multipart,
) -> AppResult<Response> {
    require(&me)?;
    let tr = Tr::new(me.ctx.language);
    let (mut csrf, mut title) = (String::new(), String::new());
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
        match name.as_str() {
            "csrf" => csrf = String::from_utf8_lossy(&bytes).into_owned(),
            "title" => title = String::from_utf8_lossy(&bytes).into_owned(),
            "file" if !bytes.is_empty() => {
                file = Some((
                    file_name.unwrap_or_else(|| "material".into()),
                    content_type.unwrap_or_else(|| "application/octet-stream".into()),
                    bytes.to_vec(),
                ));
            }
            _ => {}
        }
    }
    me.ctx.check_csrf(&csrf)?;
    let curriculum = state.store.training().curriculum(id).await?;
    found_session(&curriculum, session)?;
    let refuse = |message: &str| Some(tr.t(message));
    let error = if unreadable {
        refuse("error-material-file")
    } else if let Err(error) = Name::parse(&title) {
        refuse(error.message_id)
    } else if file
        .as_ref()
        .is_none_or(|(_, _, bytes)| bytes.len() > MAX_MATERIAL_BYTES)
    {
        refuse("error-material-file")
    } else {
        None
    };
    let (Some((file_name, content_type, bytes)), None) = (file, &error) else {
        return facilitator_session_page(&state, &me, &curriculum, session, error, None).await;
    };
    let stored = state
        .store
        .files()
        .put(NewFile {
            name: &file_name,
            content_type: &content_type,
            bytes: &bytes,
            uploaded_by: Some(me.user.person.id),
        })
        .await?;
    state
        .store
        .training()
        .add_material(id, session, title.trim(), None, Some(stored))
        .await?;
    Ok(see_other(&format!(
        "/curricula/{id}/sessions/{session}?done=flash-material-added"
    )))
}

#[derive(Deserialize)]
struct RemoveMaterialForm {
    session: Uuid,
}

async fn material_remove_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, material)): Path<(Uuid, Uuid)>,
    Form(form): Form<RemoveMaterialForm>,
) -> AppResult<Response> {
    require(&me)?;
    state.store.training().remove_material(id, material).await?;
    Ok(see_other(&format!(
        "/curricula/{id}/sessions/{}?done=flash-material-removed",
        form.session
    )))
}

#[derive(Template, WebTemplate)]
#[template(path = "training/session_form.html")]
struct SessionFormView {
    layout: Layout,
    curriculum_id: Uuid,
    module_title: String,
    session_id: Uuid,
    form: SessionForm,
    errors: FieldErrors,
}

#[derive(Deserialize)]
struct SessionForm {
    title: String,
    learning_intentions: String,
    activities: String,
    mini_knowledge: String,
    handout: String,
}

async fn session_form_page(
    state: &AppState,
    me: &SignedIn,
    curriculum: &Curriculum,
    session: Uuid,
    form: SessionForm,
    errors: FieldErrors,
    done: Option<&str>,
) -> AppResult<Response> {
    let (module, _) = found_session(curriculum, session)?;
    let status = status_for(&errors);
    let tr = Tr::new(me.ctx.language);
    let view = SessionFormView {
        layout: Layout::new(state, &me.ctx, "/curricula", tr.t("curricula-edit-session"))
            .await
            .with_flash(done),
        curriculum_id: curriculum.id,
        module_title: module.title.clone(),
        session_id: session,
        form,
        errors,
    };
    Ok((status, no_store(view)).into_response())
}

async fn session_edit_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, session)): Path<(Uuid, Uuid)>,
    Query(query): Query<DoneQuery>,
) -> AppResult<Response> {
    require(&me)?;
    let curriculum = state.store.training().curriculum(id).await?;
    let (_, found) = found_session(&curriculum, session)?;
    let text = found.text.clone();
    let form = SessionForm {
        title: text.title,
        learning_intentions: text.learning_intentions,
        activities: text.activities,
        mini_knowledge: text.mini_knowledge,
        handout: text.handout,
    };
    session_form_page(
        &state,
        &me,
        &curriculum,
        session,
        form,
        FieldErrors::new(),
        query.done.as_deref(),
    )
    .await
}

async fn session_edit_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, session)): Path<(Uuid, Uuid)>,
    Form(form): Form<SessionForm>,
) -> AppResult<Response> {
    require(&me)?;
    let curriculum = state.store.training().curriculum(id).await?;
    found_session(&curriculum, session)?;
    let tr = Tr::new(me.ctx.language);
    let text = SessionText::parse(
        &form.title,
        &form.learning_intentions,
        &form.activities,
        &form.mini_knowledge,
        &form.handout,
    );
    let text = match text {
        Ok(text) => text,
        Err(problems) => {
            let mut errors = FieldErrors::new();
            for (field, error) in problems {
                errors.add(&tr, field, &error);
            }
            return session_form_page(&state, &me, &curriculum, session, form, errors, None).await;
        }
    };
    state
        .store
        .training()
        .update_session(id, session, &text)
        .await?;
    Ok(see_other(&format!(
        "/curricula/{id}/sessions/{session}?done=flash-saved"
    )))
}

async fn session_move_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, session)): Path<(Uuid, Uuid)>,
    Form(form): Form<MoveForm>,
) -> AppResult<Response> {
    require(&me)?;
    state
        .store
        .training()
        .move_session(id, session, form.direction == "up")
        .await?;
    Ok(see_other(&format!("/curricula/{id}?done=flash-moved")))
}

#[derive(Deserialize)]
struct RunSheetForm {
    sheet: String,
}

/// Chooses the run sheet a session's activities follow when it runs live online.
async fn run_sheet_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path((id, session)): Path<(Uuid, Uuid)>,
    Form(form): Form<RunSheetForm>,
) -> AppResult<Response> {
    require(&me)?;
    let curriculum = state.store.training().curriculum(id).await?;
    found_session(&curriculum, session)?;
    let key = form.sheet.trim();
    if !key.is_empty() && super::run_sheets::chosen(&state, key).await?.is_none() {
        let tr = Tr::new(me.ctx.language);
        return facilitator_session_page(
            &state,
            &me,
            &curriculum,
            session,
            Some(tr.t("error-choose-one")),
            None,
        )
        .await;
    }
    state
        .store
        .training()
        .set_session_run_sheet(session, (!key.is_empty()).then_some(key))
        .await?;
    Ok(see_other(&format!(
        "/curricula/{id}/sessions/{session}?done=flash-saved"
    )))
}
