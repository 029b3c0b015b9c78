//! The peer video library: uploaded files or links, tagged by what they model
//! (`seeds/000`: mindful sharing, empathic listening, self-awareness).

use super::{form_status, no_store, see_other};
use crate::context::SignedIn;
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::Layout;
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Form, Multipart, Path, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use hearth_domain::FileId;
use hearth_domain::input::Name;
use hearth_domain::policy::Action;
use hearth_domain::roles::Scope;
use hearth_store::{NewFile, PeerVideo};
use serde::Deserialize;

/// What a peer video can model; people may add their own words too.
pub const TAGS: [&str; 3] = ["mindful-sharing", "empathic-listening", "self-awareness"];
/// The largest video file accepted.
const MAX_VIDEO_BYTES: usize = 200 * 1024 * 1024;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/videos", get(library_get))
        .route(
            "/videos/upload",
            post(upload_post).layer(DefaultBodyLimit::max(MAX_VIDEO_BYTES + 64 * 1024)),
        )
        .route("/videos/link", post(link_post))
        .route("/files/{id}", get(file_get))
}

fn require(me: &SignedIn) -> AppResult<()> {
    me.require(Action::ManageRunSheets, Scope::Organisation)
}

#[derive(Template, WebTemplate)]
#[template(path = "videos/library.html")]
struct LibraryView {
    layout: Layout,
    videos: Vec<PeerVideo>,
    tags: Vec<(&'static str, String)>,
    error: Option<String>,
}

#[derive(Deserialize)]
struct DoneQuery {
    done: Option<String>,
}

async fn page(
    state: &AppState,
    me: &SignedIn,
    error: Option<String>,
    done: Option<&str>,
) -> AppResult<Response> {
    let tr = Tr::new(me.ctx.language);
    let status = form_status(error.is_some());
    let view = LibraryView {
        layout: Layout::new(state, &me.ctx, "/videos", tr.t("videos-title"))
            .await
            .with_flash(done),
        videos: state.store.videos().list().await?,
        tags: TAGS
            .iter()
            .map(|t| (*t, tr.t(&format!("video-tag-{t}"))))
            .collect(),
        error,
    };
    Ok((status, no_store(view)).into_response())
}

async fn library_get(
    State(state): State<AppState>,
    me: SignedIn,
    Query(query): Query<DoneQuery>,
) -> AppResult<Response> {
    require(&me)?;
    page(&state, &me, None, query.done.as_deref()).await
}

fn known_tags(values: &[String]) -> Vec<String> {
    values
        .iter()
        .filter(|t| TAGS.contains(&t.as_str()))
        .cloned()
        .collect()
}

async fn upload_post(
    State(state): State<AppState>,
    me: SignedIn,
    mut multipart: Multipart,
) -> AppResult<Response> {
    require(&me)?;
    let tr = Tr::new(me.ctx.language);
    let (mut csrf, mut title, mut tags) = (String::new(), String::new(), Vec::new());
    let mut file: Option<(String, String, Vec<u8>)> = None;
    while let Ok(Some(field)) = multipart.next_field().await {
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field.file_name().map(str::to_owned);
        let content_type = field.content_type().map(str::to_owned);
        let Ok(bytes) = field.bytes().await else {
            return page(&state, &me, Some(tr.t("videos-error-file")), None).await;
        };
        match name.as_str() {
            "csrf" => csrf = String::from_utf8_lossy(&bytes).into_owned(),
            "title" => title = String::from_utf8_lossy(&bytes).into_owned(),
            "tag" => tags.push(String::from_utf8_lossy(&bytes).into_owned()),
            "file" if !bytes.is_empty() => {
                file = Some((
                    file_name.unwrap_or_else(|| "video".into()),
                    content_type.unwrap_or_default(),
                    bytes.to_vec(),
                ));
            }
            _ => {}
        }
    }
    me.ctx.check_csrf(&csrf)?;
    let Ok(title) = Name::parse(&title) else {
        return page(&state, &me, Some(tr.t("error-name-required")), None).await;
    };
    // Only video files: the browser plays them straight from Hearth.
    let Some((file_name, content_type, bytes)) = file.filter(|(_, t, _)| t.starts_with("video/"))
    else {
        return page(&state, &me, Some(tr.t("videos-error-file")), None).await;
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
        .videos()
        .add(
            title.as_str(),
            &known_tags(&tags),
            Some(stored),
            None,
            me.user.person.id,
        )
        .await?;
    Ok(see_other("/videos?done=flash-video-added"))
}

async fn link_post(
    State(state): State<AppState>,
    me: SignedIn,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    require(&me)?;
    let tr = Tr::new(me.ctx.language);
    let field = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_owned())
            .unwrap_or_default()
    };
    let tags: Vec<String> = fields
        .iter()
        .filter(|(k, _)| k == "tag")
        .map(|(_, v)| v.clone())
        .collect();
    let url = field("url");
    let Ok(title) = Name::parse(&field("title")) else {
        return page(&state, &me, Some(tr.t("error-name-required")), None).await;
    };
    if !(url.starts_with("https://") || url.starts_with("http://")) || url.len() > 2000 {
        return page(&state, &me, Some(tr.t("videos-error-link")), None).await;
    }
    state
        .store
        .videos()
        .add(
            title.as_str(),
            &known_tags(&tags),
            None,
            Some(&url),
            me.user.person.id,
        )
        .await?;
    Ok(see_other("/videos?done=flash-video-added"))
}

/// A stored file. Only library videos are served, to anyone signed in.
async fn file_get(
    State(state): State<AppState>,
    _me: SignedIn,
    Path(id): Path<FileId>,
) -> AppResult<Response> {
    if !state.store.videos().is_library_file(id).await? {
        return Err(AppError::NotFound);
    }
    let file = state.store.files().get(id).await?;
    let mut response = file.bytes.into_response();
    let headers = response.headers_mut();
    if let Ok(kind) = HeaderValue::from_str(&file.content_type) {
        headers.insert(header::CONTENT_TYPE, kind);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, max-age=3600"),
    );
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("inline"),
    );
    Ok(response)
}
