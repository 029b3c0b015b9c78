//! Community stories (issue 9, scope 5): a member writes a short story of
//! growth, with an optional picture, chooses how it is signed (full name,
//! first name, anonymous) and who may read it (their cohort, the
//! organisation, anyone); a moderator checks it against a safe-messaging
//! checklist and approves it, asks for changes, or declines it kindly.
//! Public stories are on `/stories` without signing in and at a share link
//! with Open Graph tags. Every story page shows where to find help. The
//! writer can take a story back at any time: it is gone everywhere at once.

use super::{form_status, no_store, see_other};
use crate::context::{Ctx, RequestContext, SignedIn};
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::Layout;
use crate::views::forms::FieldErrors;
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Form, Multipart, Path, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use hearth_domain::ids::{CohortId, FileId};
use hearth_domain::policy::Action;
use hearth_domain::roles::Scope;
use hearth_domain::stories::{Signature, StoryAudience, may_read_story};
use hearth_store::{Moderation, NewFile, StoreError, Story, StoryStatus, StoryText};
use serde::Deserialize;
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/stories", get(stories_get))
        .route("/stories/new", get(new_get).post(new_post))
        .route("/stories/moderate", get(moderate_get))
        .route("/stories/{id}", get(story_get))
        .route("/stories/{id}/edit", get(edit_get).post(edit_post))
        .route("/stories/{id}/picture", get(picture_get))
        .route("/stories/{id}/moderate", post(moderate_post))
        .route("/stories/{id}/withdraw", post(withdraw_post))
        .route("/s/{token}", get(public_get))
}

const TITLE_MAX: usize = 120;
const BODY_MAX: usize = 5000;
const NOTE_MAX: usize = 1000;
const ALT_MAX: usize = 300;
/// A story's picture: a photo, not a film.
const PICTURE_MAX_BYTES: usize = 2 * 1024 * 1024;

/// The safe-messaging checks a moderator ticks before approving.
const CHECKLIST: &[&str] = &[
    "stories-check-no-method",
    "stories-check-hope",
    "stories-check-no-names",
    "stories-check-picture",
];

fn status_label(tr: &Tr, status: StoryStatus) -> String {
    tr.t(&format!("stories-status-{}", status.as_str()))
}

fn share_url(state: &AppState, story: &Story) -> String {
    format!("{}/s/{}", state.config.public_url, story.share_token)
}

/// The name under a story ("Anonymous" when it carries none).
pub fn byline(tr: &Tr, story: &Story) -> String {
    if story.signed_as.is_empty() {
        tr.t("stories-anonymous")
    } else {
        tr.t1("stories-by", "name", &story.signed_as)
    }
}

/// Whether this visitor may read this story: its audience, its writer, or
/// a moderator (who reads stories before they are shared).
fn may_read(ctx: &RequestContext, story: &Story) -> bool {
    let actor = ctx.actor();
    let approved = story.status == StoryStatus::Approved;
    let writer = actor.as_ref().is_some_and(|a| a.user == story.author_id);
    let moderator =
        ctx.may(Action::ModerateStories, Scope::Organisation) && story.status != StoryStatus::Draft;
    writer || moderator || (approved && may_read_story(actor.as_ref(), story.audience))
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

/// A story as a reader sees it in a list.
struct Shown {
    story: Story,
    byline: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "stories/index.html")]
struct StoriesView {
    layout: Layout,
    approved: Vec<Shown>,
    mine: Vec<OwnStory>,
    signed_in: bool,
    may_write: bool,
    may_moderate: bool,
    waiting: usize,
}

/// The community page: each reader sees the stories shared with them; a
/// visitor who is not signed in sees the public ones.
async fn stories_get(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    Query(done): Query<DoneQuery>,
) -> AppResult<Response> {
    let tr = Tr::new(ctx.language);
    let stories = state.store.stories();
    let actor = ctx.actor();
    let approved = stories
        .approved()
        .await?
        .into_iter()
        .filter(|story| may_read_story(actor.as_ref(), story.audience))
        .map(|story| Shown {
            byline: byline(&tr, &story),
            story,
        })
        .collect();
    let may_write = ctx.may(Action::ShareStories, Scope::Organisation);
    let mine = match &actor {
        Some(actor) if may_write => stories
            .by_author(actor.user)
            .await?
            .into_iter()
            .map(|story| OwnStory {
                status: status_label(&tr, story.status),
                share: (story.status == StoryStatus::Approved
                    && story.audience == Some(StoryAudience::Public))
                .then(|| share_url(&state, &story)),
                story,
            })
            .collect(),
        _ => Vec::new(),
    };
    let may_moderate = ctx.may(Action::ModerateStories, Scope::Organisation);
    let waiting = if may_moderate {
        stories.waiting().await?.len()
    } else {
        0
    };
    let view = StoriesView {
        layout: Layout::new(&state, &ctx, "/stories", tr.t("stories-title"))
            .await
            .with_flash(Some(done.done.as_str())),
        approved,
        mine,
        signed_in: actor.is_some(),
        may_write,
        may_moderate,
        waiting,
    };
    Ok(no_store(view))
}

/// What the story form holds, as typed.
#[derive(Default)]
struct StoryForm {
    title: String,
    body: String,
    signature: String,
    audience: String,
    picture_alt: String,
    remove_picture: bool,
    consent: bool,
    send: bool,
    csrf: String,
    picture: Option<Vec<u8>>,
    /// Part of the form could not be read (too large).
    unreadable: bool,
}

impl StoryForm {
    fn of(story: &Story) -> StoryForm {
        StoryForm {
            title: story.title.clone(),
            body: story.body.clone(),
            signature: story.signature.as_str().to_owned(),
            audience: match story.audience {
                Some(StoryAudience::Cohort(cohort)) => format!("cohort:{}", cohort.0),
                Some(other) => other.kind().to_owned(),
                None => String::new(),
            },
            picture_alt: story.picture_alt.clone().unwrap_or_default(),
            consent: story.status != StoryStatus::Draft,
            ..StoryForm::default()
        }
    }

    /// Reads the form; what came before a part that could not be read (a
    /// picture past the size limit) is kept, so nothing typed is lost.
    async fn read(multipart: Result<Multipart, MultipartRejection>) -> StoryForm {
        let mut form = StoryForm::default();
        // Not a multipart form at all (an old page, or a script): nothing to read.
        let Ok(mut multipart) = multipart else {
            form.unreadable = true;
            return form;
        };
        loop {
            let field = match multipart.next_field().await {
                Ok(Some(field)) => field,
                Ok(None) => break,
                Err(_) => {
                    form.unreadable = true;
                    break;
                }
            };
            let name = field.name().unwrap_or_default().to_owned();
            let Ok(bytes) = field.bytes().await else {
                form.unreadable = true;
                break;
            };
            let text = || String::from_utf8_lossy(&bytes).into_owned();
            match name.as_str() {
                "csrf" => form.csrf = text(),
                "title" => form.title = text(),
                "body" => form.body = text(),
                "signature" => form.signature = text(),
                "audience" => form.audience = text(),
                "picture_alt" => form.picture_alt = text(),
                "remove_picture" => form.remove_picture = true,
                "consent" => form.consent = true,
                "action" => form.send = text() == "send",
                "picture" if !bytes.is_empty() => form.picture = Some(bytes.to_vec()),
                _ => {}
            }
        }
        form
    }
}

/// A cohort the writer may share a story with.
struct CohortChoice {
    value: String,
    name: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "stories/new.html")]
struct StoryFormView {
    layout: Layout,
    form: StoryForm,
    /// Where the form posts: `/stories/new` or the story's edit page.
    action: String,
    full_name: String,
    first_name: String,
    cohorts: Vec<CohortChoice>,
    /// The picture the story has now, when editing.
    current_picture: Option<String>,
    moderator_note: Option<String>,
    errors: FieldErrors,
}

async fn form_page(
    state: &AppState,
    me: &SignedIn,
    form: StoryForm,
    editing: Option<&Story>,
    errors: FieldErrors,
) -> AppResult<Response> {
    let tr = Tr::new(me.ctx.language);
    let refused = !errors.is_empty();
    let cohorts = state
        .store
        .org()
        .cohorts_of(me.user.person.id)
        .await?
        .into_iter()
        .map(|c| CohortChoice {
            value: format!("cohort:{}", c.cohort.id.0),
            name: c.cohort.name,
        })
        .collect();
    let title = if editing.is_some() {
        tr.t("stories-edit-title")
    } else {
        tr.t("stories-new-title")
    };
    let display = &me.user.person.display_name;
    let view = StoryFormView {
        layout: Layout::new(state, &me.ctx, "/stories", title).await,
        form,
        action: editing.map_or_else(
            || "/stories/new".to_owned(),
            |s| format!("/stories/{}/edit", s.id),
        ),
        full_name: Signature::FullName.name_for(display),
        first_name: Signature::FirstName.name_for(display),
        cohorts,
        current_picture: editing
            .and_then(|s| s.picture.map(|_| format!("/stories/{}/picture", s.id))),
        moderator_note: editing.and_then(|s| {
            (s.status == StoryStatus::Changes)
                .then(|| s.moderator_note.clone())
                .flatten()
        }),
        errors,
    };
    Ok((form_status(refused), no_store(view)).into_response())
}

async fn new_get(State(state): State<AppState>, me: SignedIn) -> AppResult<Response> {
    me.require(Action::ShareStories, Scope::Organisation)?;
    let form = StoryForm {
        signature: "first".into(),
        ..StoryForm::default()
    };
    form_page(&state, &me, form, None, FieldErrors::new()).await
}

/// Checks the form; the story's text and choices, or the form again with
/// what is wrong. Nothing is stored until everything is right.
async fn checked<'a>(
    state: &AppState,
    me: &SignedIn,
    form: &'a StoryForm,
    has_picture: bool,
) -> AppResult<Result<(StoryText<'a>, Option<(Vec<u8>, &'static str)>), FieldErrors>> {
    let tr = Tr::new(me.ctx.language);
    let mut errors = FieldErrors::new();
    if form.unreadable {
        let key = if form.title.is_empty() && form.body.is_empty() {
            "stories-error-form"
        } else {
            "stories-error-picture-size"
        };
        errors.add_message(&tr, "picture", key);
    }
    let title = form.title.trim();
    if title.is_empty() || title.chars().count() > TITLE_MAX {
        errors.add_message(&tr, "title", "stories-error-title");
    }
    let body = form.body.trim();
    if body.is_empty() || body.chars().count() > BODY_MAX {
        errors.add_message(&tr, "body", "stories-error-body");
    }
    let signature = Signature::parse(&form.signature);
    if signature.is_none() {
        errors.add_message(&tr, "signature", "stories-error-signature");
    }
    let audience = match form.audience.as_str() {
        "public" => Some(StoryAudience::Public),
        "organisation" => Some(StoryAudience::Organisation),
        other => {
            let mine = state.store.org().cohorts_of(me.user.person.id).await?;
            other
                .strip_prefix("cohort:")
                .and_then(|id| Uuid::parse_str(id).ok())
                .map(CohortId)
                .filter(|id| mine.iter().any(|c| c.cohort.id == *id))
                .map(StoryAudience::Cohort)
        }
    };
    if audience.is_none() {
        errors.add_message(&tr, "audience", "stories-error-audience");
    }
    let picture = match &form.picture {
        Some(bytes) if bytes.len() > PICTURE_MAX_BYTES => {
            errors.add_message(&tr, "picture", "stories-error-picture-size");
            None
        }
        // Only PNG, JPEG and WebP: an SVG could carry a script, and the
        // browser's word for a file is no proof of what it is.
        Some(bytes) => match super::org_logo::image_type(bytes) {
            Some(kind) => Some((bytes.clone(), kind)),
            None => {
                errors.add_message(&tr, "picture", "stories-error-picture-type");
                None
            }
        },
        None => None,
    };
    let alt = form.picture_alt.trim();
    let will_have_picture = picture.is_some() || (has_picture && !form.remove_picture);
    if will_have_picture && (alt.is_empty() || alt.chars().count() > ALT_MAX) {
        errors.add_message(&tr, "picture_alt", "stories-error-alt");
    }
    if form.send && !form.consent {
        errors.add_message(&tr, "consent", "stories-error-consent");
    }
    let (Some(signature), Some(audience)) = (signature, audience) else {
        return Ok(Err(errors));
    };
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    Ok(Ok((
        StoryText {
            title,
            body,
            signature,
            signed_as: "",
            audience,
            picture: None,
            remove_picture: form.remove_picture,
            send: form.send,
        },
        picture,
    )))
}

async fn store_picture(
    state: &AppState,
    me: &SignedIn,
    picture: Option<(Vec<u8>, &'static str)>,
) -> AppResult<Option<FileId>> {
    let Some((bytes, kind)) = picture else {
        return Ok(None);
    };
    let file = state
        .store
        .files()
        .put(NewFile {
            name: "story-picture",
            content_type: kind,
            bytes: &bytes,
            uploaded_by: Some(me.user.person.id),
        })
        .await?;
    Ok(Some(file))
}

fn sent_or_saved(send: bool) -> Response {
    see_other(if send {
        "/stories?done=flash-story-sent"
    } else {
        "/stories?done=flash-story-draft"
    })
}

async fn new_post(
    State(state): State<AppState>,
    me: SignedIn,
    multipart: Result<Multipart, MultipartRejection>,
) -> AppResult<Response> {
    me.require(Action::ShareStories, Scope::Organisation)?;
    let form = StoryForm::read(multipart).await;
    if !form.unreadable {
        me.ctx.check_csrf(&form.csrf)?;
    }
    match checked(&state, &me, &form, false).await? {
        Ok(checked) => save(&state, &me, &form, checked, None).await,
        Err(errors) => form_page(&state, &me, form, None, errors).await,
    }
}

/// Stores a checked story (a new one, or the writer's changes to `editing`)
/// with its new picture, under the name its signature gives.
async fn save(
    state: &AppState,
    me: &SignedIn,
    form: &StoryForm,
    (text, picture): (StoryText<'_>, Option<(Vec<u8>, &'static str)>),
    editing: Option<Uuid>,
) -> AppResult<Response> {
    let signed_as = text.signature.name_for(&me.user.person.display_name);
    let picture = store_picture(state, me, picture).await?;
    let send = text.send;
    let text = StoryText {
        signed_as: &signed_as,
        picture: picture.map(|file| (file, form.picture_alt.trim())),
        ..text
    };
    let stories = state.store.stories();
    match editing {
        Some(id) => stories.rewrite(id, me.user.person.id, text).await?,
        None => {
            stories.write(me.user.person.id, text).await?;
        }
    }
    Ok(sent_or_saved(send))
}

/// The writer's own story, while they may still change it.
async fn own_editable(state: &AppState, me: &SignedIn, id: Uuid) -> AppResult<Story> {
    match state.store.stories().get(id).await {
        Ok(story) if story.author_id == me.user.person.id && story.status.editable() => Ok(story),
        Ok(_) | Err(StoreError::NotFound) => Err(AppError::NotFound),
        Err(other) => Err(other.into()),
    }
}

async fn edit_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    me.require(Action::ShareStories, Scope::Organisation)?;
    let story = own_editable(&state, &me, id).await?;
    form_page(
        &state,
        &me,
        StoryForm::of(&story),
        Some(&story),
        FieldErrors::new(),
    )
    .await
}

async fn edit_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<Uuid>,
    multipart: Result<Multipart, MultipartRejection>,
) -> AppResult<Response> {
    me.require(Action::ShareStories, Scope::Organisation)?;
    let form = StoryForm::read(multipart).await;
    if !form.unreadable {
        me.ctx.check_csrf(&form.csrf)?;
    }
    let story = own_editable(&state, &me, id).await?;
    match checked(&state, &me, &form, story.picture.is_some()).await? {
        Ok(checked) => save(&state, &me, &form, checked, Some(id)).await,
        Err(errors) => form_page(&state, &me, form, Some(&story), errors).await,
    }
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

/// A story the visitor may read, or "not found" (never "forbidden": that
/// would say a story exists).
async fn readable(state: &AppState, ctx: &RequestContext, id: Uuid) -> AppResult<Story> {
    match state.store.stories().get(id).await {
        Ok(story) if may_read(ctx, &story) => Ok(story),
        Ok(_) | Err(StoreError::NotFound) => Err(AppError::NotFound),
        Err(other) => Err(other.into()),
    }
}

async fn picture_get(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let story = readable(&state, &ctx, id).await?;
    let file = story.picture.ok_or(AppError::NotFound)?;
    let file = state.store.files().get(file).await?;
    let mut response = file.bytes.into_response();
    let headers = response.headers_mut();
    if let Ok(kind) = HeaderValue::from_str(&file.content_type) {
        headers.insert(header::CONTENT_TYPE, kind);
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    // Taking a story back must take its picture back too: no long caching.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    Ok(response)
}

/// A story waiting for a moderator, with what was typed and why it was
/// refused when the decision on it was.
struct Waiting {
    story: Story,
    byline: String,
    audience: String,
    picture: Option<String>,
    refused: Option<(String, String)>,
}

#[derive(Template, WebTemplate)]
#[template(path = "stories/moderate.html")]
struct ModerateView {
    layout: Layout,
    waiting: Vec<Waiting>,
    checklist: Vec<(&'static str, String)>,
}

fn audience_label(
    tr: &Tr,
    audience: Option<StoryAudience>,
    cohorts: &[(CohortId, String)],
) -> String {
    match audience {
        Some(StoryAudience::Public) => tr.t("stories-audience-public"),
        Some(StoryAudience::Organisation) => tr.t("stories-audience-organisation"),
        Some(StoryAudience::Cohort(id)) => {
            let name = cohorts
                .iter()
                .find(|(c, _)| *c == id)
                .map_or_else(String::new, |(_, n)| n.clone());
            tr.t1("stories-audience-cohort-named", "cohort", name)
        }
        None => tr.t("stories-audience-gone"),
    }
}

async fn moderate_page(
    state: &AppState,
    me: &SignedIn,
    refused: Option<(Uuid, String, String)>,
    done: Option<&str>,
) -> AppResult<Response> {
    let tr = Tr::new(me.ctx.language);
    let status = form_status(refused.is_some());
    let cohorts: Vec<(CohortId, String)> = state
        .store
        .org()
        .cohorts(true)
        .await?
        .into_iter()
        .map(|c| (c.cohort.id, c.cohort.name))
        .collect();
    let waiting = state
        .store
        .stories()
        .waiting()
        .await?
        .into_iter()
        .map(|story| Waiting {
            byline: byline(&tr, &story),
            audience: audience_label(&tr, story.audience, &cohorts),
            picture: story
                .picture
                .map(|_| format!("/stories/{}/picture", story.id)),
            refused: refused
                .as_ref()
                .filter(|(id, _, _)| *id == story.id)
                .map(|(_, note, error)| (note.clone(), error.clone())),
            story,
        })
        .collect();
    let view = ModerateView {
        layout: Layout::new(state, &me.ctx, "/stories", tr.t("stories-moderate-title"))
            .await
            .with_flash(done),
        waiting,
        checklist: CHECKLIST.iter().map(|key| (*key, tr.t(key))).collect(),
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

async fn moderate_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<Uuid>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    me.require(Action::ModerateStories, Scope::Organisation)?;
    // Only a waiting story can be decided: anything else is not found.
    match state.store.stories().get(id).await {
        Ok(story) if story.status == StoryStatus::Waiting => {}
        Ok(_) | Err(StoreError::NotFound) => return Err(AppError::NotFound),
        Err(other) => return Err(other.into()),
    }
    let tr = Tr::new(me.ctx.language);
    let field = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let typed = field("note");
    let note = typed.trim();
    let refuse =
        |message: String| moderate_page(&state, &me, Some((id, typed.clone(), message)), None);
    let decision = match field("decision").as_str() {
        "approve" => Moderation::Approve,
        "changes" => Moderation::AskForChanges,
        "decline" => Moderation::Decline,
        _ => return refuse(tr.t("error-choose-one")).await,
    };
    if note.chars().count() > NOTE_MAX {
        return refuse(tr.t("error-text-long")).await;
    }
    let ticked = |key: &str| fields.iter().any(|(k, v)| k == "check" && v == key);
    if decision == Moderation::Approve && !CHECKLIST.iter().all(|key| ticked(key)) {
        return refuse(tr.t("stories-error-checklist")).await;
    }
    if decision == Moderation::AskForChanges && note.is_empty() {
        return refuse(tr.t("stories-error-changes-note")).await;
    }
    let note = (!note.is_empty()).then_some(note);
    match state
        .store
        .stories()
        .moderate(id, decision, note, me.user.person.id)
        .await
    {
        Ok(()) => Ok(see_other(match decision {
            Moderation::Approve => "/stories/moderate?done=flash-story-approved",
            Moderation::AskForChanges => "/stories/moderate?done=flash-story-changes",
            Moderation::Decline => "/stories/moderate?done=flash-story-declined",
        })),
        // Taken back, changed or already decided meanwhile.
        Err(StoreError::NotFound) => Err(AppError::NotFound),
        Err(other) => Err(other.into()),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "stories/public.html")]
struct StoryView {
    layout: Layout,
    story: Story,
    byline: String,
    organisation: String,
    crisis_text: String,
    /// The share link and picture address, for Open Graph (public stories only).
    share: Option<String>,
    picture: Option<String>,
    excerpt: String,
}

async fn story_page(state: &AppState, ctx: &RequestContext, story: Story) -> AppResult<Response> {
    let tr = Tr::new(ctx.language);
    let organisation = state.store.org().organisation().await?;
    let public =
        story.status == StoryStatus::Approved && story.audience == Some(StoryAudience::Public);
    let view = StoryView {
        layout: Layout::new(state, ctx, "/stories", story.title.clone()).await,
        byline: byline(&tr, &story),
        share: public.then(|| share_url(state, &story)),
        picture: story
            .picture
            .map(|_| format!("{}/stories/{}/picture", state.config.public_url, story.id)),
        organisation: organisation
            .as_ref()
            .map_or_else(|| "Hearth".to_owned(), |o| o.name.clone()),
        crisis_text: organisation.map(|o| o.crisis_text).unwrap_or_default(),
        excerpt: story.body.chars().take(200).collect(),
        story,
    };
    Ok(no_store(view))
}

/// A story's own page, for whoever may read it.
async fn story_get(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let story = readable(&state, &ctx, id).await?;
    story_page(&state, &ctx, story).await
}

/// The public page of an approved public story: no sign-in, by its link.
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
    story_page(&state, &ctx, story).await
}
