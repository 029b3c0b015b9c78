//! Community stories: a participant writes a short story of growth and
//! agrees to share it under their first name; a coordinator checks it;
//! approved stories appear on the community page and on a public page at
//! an unguessable link (with Open Graph tags, for social media). The writer
//! can take it back at any time, and then it is gone everywhere.

use super::{form_status, no_store, see_other};
use crate::context::{Ctx, SignedIn};
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
use hearth_domain::policy::Action;
use hearth_domain::roles::Scope;
use hearth_store::{StoreError, Story, StoryStatus};
use serde::Deserialize;
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/stories", get(stories_get))
        .route("/stories/new", get(new_get).post(new_post))
        .route("/stories/moderate", get(moderate_get))
        .route("/stories/{id}/moderate", post(moderate_post))
        .route("/stories/{id}/withdraw", post(withdraw_post))
        .route("/s/{token}", get(public_get))
}

const TITLE_MAX: usize = 120;
const BODY_MAX: usize = 5000;
const NOTE_MAX: usize = 1000;

/// The first name a story is signed with.
fn first_name(display_name: &str) -> String {
    display_name
        .split_whitespace()
        .next()
        .unwrap_or(display_name)
        .to_owned()
}

fn status_label(tr: &Tr, status: StoryStatus) -> String {
    tr.t(&format!("stories-status-{}", status.as_str()))
}

fn share_url(state: &AppState, story: &Story) -> String {
    format!("{}/s/{}", state.config.public_url, story.share_token)
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct DoneQuery {
    done: String,
}

/// One of the writer's own stories, with what they can do with it.
struct OwnStory {
    story: Story,
    status: String,
    share: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "stories/index.html")]
struct StoriesView {
    layout: Layout,
    approved: Vec<Story>,
    mine: Vec<OwnStory>,
    may_moderate: bool,
    waiting: usize,
}

async fn stories_get(
    State(state): State<AppState>,
    me: SignedIn,
    Query(done): Query<DoneQuery>,
) -> AppResult<Response> {
    me.require(Action::ShareStories, Scope::Organisation)?;
    let tr = Tr::new(me.ctx.language);
    let stories = state.store.stories();
    let approved = stories.approved().await?;
    let mine = stories
        .by_author(me.user.person.id)
        .await?
        .into_iter()
        .map(|story| OwnStory {
            status: status_label(&tr, story.status),
            share: (story.status == StoryStatus::Approved).then(|| share_url(&state, &story)),
            story,
        })
        .collect();
    let may_moderate = me.may(Action::ModerateStories, Scope::Organisation);
    let waiting = if may_moderate {
        stories.waiting().await?.len()
    } else {
        0
    };
    let view = StoriesView {
        layout: Layout::new(&state, &me.ctx, "/stories", tr.t("stories-title"))
            .await
            .with_flash(Some(done.done.as_str())),
        approved,
        mine,
        may_moderate,
        waiting,
    };
    Ok(no_store(view))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct StoryForm {
    title: String,
    body: String,
    consent: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "stories/new.html")]
struct NewStoryView {
    layout: Layout,
    form: StoryForm,
    first_name: String,
    errors: FieldErrors,
}

async fn new_page(
    state: &AppState,
    me: &SignedIn,
    form: StoryForm,
    errors: FieldErrors,
) -> AppResult<Response> {
    let tr = Tr::new(me.ctx.language);
    let refused = !errors.is_empty();
    let view = NewStoryView {
        layout: Layout::new(state, &me.ctx, "/stories", tr.t("stories-new-title")).await,
        form,
        first_name: first_name(&me.user.person.display_name),
        errors,
    };
    Ok((form_status(refused), no_store(view)).into_response())
}

async fn new_get(State(state): State<AppState>, me: SignedIn) -> AppResult<Response> {
    me.require(Action::ShareStories, Scope::Organisation)?;
    new_page(&state, &me, StoryForm::default(), FieldErrors::new()).await
}

async fn new_post(
    State(state): State<AppState>,
    me: SignedIn,
    Form(form): Form<StoryForm>,
) -> AppResult<Response> {
    me.require(Action::ShareStories, Scope::Organisation)?;
    let tr = Tr::new(me.ctx.language);
    let mut errors = FieldErrors::new();
    let title = form.title.trim();
    if title.is_empty() || title.chars().count() > TITLE_MAX {
        errors.add_message(&tr, "title", "stories-error-title");
    }
    let body = form.body.trim();
    if body.is_empty() || body.chars().count() > BODY_MAX {
        errors.add_message(&tr, "body", "stories-error-body");
    }
    if form.consent.is_none() {
        errors.add_message(&tr, "consent", "stories-error-consent");
    }
    if !errors.is_empty() {
        return new_page(&state, &me, form, errors).await;
    }
    state
        .store
        .stories()
        .write(
            me.user.person.id,
            &first_name(&me.user.person.display_name),
            title,
            body,
        )
        .await?;
    Ok(see_other("/stories?done=flash-story-sent"))
}

async fn withdraw_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    me.require(Action::ShareStories, Scope::Organisation)?;
    // Only the writer's own story is found: anyone else's is "not found".
    match state.store.stories().withdraw(id, me.user.person.id).await {
        Ok(()) => Ok(see_other("/stories?done=flash-story-withdrawn")),
        Err(StoreError::NotFound) => Err(AppError::NotFound),
        Err(other) => Err(other.into()),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "stories/moderate.html")]
struct ModerateView {
    layout: Layout,
    /// Each waiting story; the one whose decision was refused carries what
    /// was typed and why.
    waiting: Vec<(Story, Option<(String, String)>)>,
}

async fn moderate_page(
    state: &AppState,
    me: &SignedIn,
    refused: Option<(Uuid, String, String)>,
    done: Option<&str>,
) -> AppResult<Response> {
    let tr = Tr::new(me.ctx.language);
    let status = form_status(refused.is_some());
    let view = ModerateView {
        layout: Layout::new(state, &me.ctx, "/stories", tr.t("stories-moderate-title"))
            .await
            .with_flash(done),
        waiting: state
            .store
            .stories()
            .waiting()
            .await?
            .into_iter()
            .map(|story| {
                let typed = refused
                    .as_ref()
                    .filter(|(id, _, _)| *id == story.id)
                    .map(|(_, note, error)| (note.clone(), error.clone()));
                (story, typed)
            })
            .collect(),
    };
    Ok((status, no_store(view)).into_response())
}

async fn moderate_get(
    State(state): State<AppState>,
    me: SignedIn,
    Query(done): Query<DoneQuery>,
) -> AppResult<Response> {
    me.require(Action::ModerateStories, Scope::Organisation)?;
    moderate_page(&state, &me, None, Some(done.done.as_str())).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ModerateForm {
    decision: String,
    note: String,
}

async fn moderate_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<Uuid>,
    Form(form): Form<ModerateForm>,
) -> AppResult<Response> {
    me.require(Action::ModerateStories, Scope::Organisation)?;
    let tr = Tr::new(me.ctx.language);
    let approve = match form.decision.as_str() {
        "approve" => true,
        "decline" => false,
        _ => {
            return moderate_page(
                &state,
                &me,
                Some((id, form.note, tr.t("error-choose-one"))),
                None,
            )
            .await;
        }
    };
    let note = form.note.trim();
    if note.chars().count() > NOTE_MAX {
        return moderate_page(
            &state,
            &me,
            Some((id, form.note.clone(), tr.t("error-text-long"))),
            None,
        )
        .await;
    }
    let note = (!note.is_empty()).then_some(note);
    match state
        .store
        .stories()
        .moderate(id, approve, note, me.user.person.id)
        .await
    {
        Ok(()) => Ok(see_other(if approve {
            "/stories/moderate?done=flash-story-approved"
        } else {
            "/stories/moderate?done=flash-story-declined"
        })),
        // Taken back or already decided meanwhile.
        Err(StoreError::NotFound) => Err(AppError::NotFound),
        Err(other) => Err(other.into()),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "stories/public.html")]
struct PublicStoryView {
    layout: Layout,
    story: Story,
    organisation: String,
    crisis_text: String,
    url: String,
    excerpt: String,
}

/// The public page of an approved story: no sign-in, found only by its link.
async fn public_get(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    Path(token): Path<String>,
) -> AppResult<Response> {
    let story = match state.store.stories().shared(&token).await {
        Ok(story) => story,
        Err(StoreError::NotFound) => return Err(AppError::NotFound),
        Err(other) => return Err(other.into()),
    };
    let organisation = state.store.org().organisation().await?;
    let excerpt: String = story.body.chars().take(200).collect();
    let view = PublicStoryView {
        layout: Layout::new(&state, &ctx, "/stories", story.title.clone()).await,
        url: share_url(&state, &story),
        organisation: organisation
            .as_ref()
            .map_or_else(|| "Hearth".to_owned(), |o| o.name.clone()),
        crisis_text: organisation.map(|o| o.crisis_text).unwrap_or_default(),
        excerpt,
        story,
    };
    Ok(no_store(view))
}
