//! The organisation's logo (issue 9, scope 4): an administrator uploads,
//! replaces or removes it on /admin/organisation; anyone may fetch it at
//! /organisation/logo, and the printable summary shows it beside the name.
//!
//! Only PNG, JPEG and WebP are kept, recognised by their first bytes (never
//! by the file's name or the browser's word), at most 1 MB. SVG is refused:
//! it can carry scripts.

use super::admin::{Edit, organisation_page};
use super::see_other;
use crate::context::SignedIn;
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::state::AppState;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Form, Multipart, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use hearth_domain::FileId;
use hearth_domain::policy::Action;
use hearth_domain::roles::Scope;
use hearth_store::{NewFile, Organisation};
use serde::Deserialize;

/// The largest logo accepted.
pub const MAX_LOGO_BYTES: usize = 1024 * 1024;

/// The administrator's forms (behind the session and CSRF layers).
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/admin/organisation/logo",
            // Room for a logo a little too big, so it is refused with a message.
            post(upload_post).layer(DefaultBodyLimit::max(2 * MAX_LOGO_BYTES + 64 * 1024)),
        )
        .route("/admin/organisation/logo/remove", post(remove_post))
}

/// The logo itself, for everyone. Outside the session layer, like the
/// static assets, so a cached copy never carries a cookie.
pub fn public_router() -> Router<AppState> {
    Router::new().route("/organisation/logo", get(logo_get))
}

/// Where pages load the logo from: the file id in the query makes a new
/// logo show at once, though browsers keep the address for an hour.
pub fn logo_src(org: &Organisation) -> Option<String> {
    org.logo_file_id
        .map(|id| format!("/organisation/logo?v={id}"))
}

/// The image's type, read from its first bytes; `None` for anything else.
pub fn image_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

fn require(me: &SignedIn) -> AppResult<()> {
    me.require(Action::ManageOrganisation, Scope::Organisation)
}

async fn refuse(state: &AppState, me: &SignedIn, key: &str) -> AppResult<Response> {
    let message = Tr::new(me.ctx.language).t(key);
    organisation_page(state, me, Edit::LogoRefused(message)).await
}

async fn upload_post(
    State(state): State<AppState>,
    me: SignedIn,
    mut multipart: Multipart,
) -> AppResult<Response> {
    require(&me)?;
    let mut csrf = String::new();
    let mut logo = None;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            // Most often the body was cut off at the size limit.
            Err(_) => return refuse(&state, &me, "org-logo-error-unreadable").await,
        };
        let name = field.name().unwrap_or_default().to_owned();
        let Ok(bytes) = field.bytes().await else {
            return refuse(&state, &me, "org-logo-error-unreadable").await;
        };
        match name.as_str() {
            "csrf" => csrf = String::from_utf8_lossy(&bytes).into_owned(),
            "logo" if !bytes.is_empty() => logo = Some(bytes),
            _ => {}
        }
    }
    me.ctx.check_csrf(&csrf)?;
    let Some(bytes) = logo else {
        return refuse(&state, &me, "org-logo-error-missing").await;
    };
    if bytes.len() > MAX_LOGO_BYTES {
        return refuse(&state, &me, "org-logo-error-too-big").await;
    }
    let Some(content_type) = image_type(&bytes) else {
        return refuse(&state, &me, "org-logo-error-type").await;
    };
    let name = format!("logo.{}", content_type.trim_start_matches("image/"));
    let file = state
        .store
        .files()
        .put(NewFile {
            name: &name,
            content_type,
            bytes: &bytes,
            uploaded_by: Some(me.user.person.id),
        })
        .await?;
    state.store.org().set_logo(Some(file)).await?;
    Ok(see_other("/admin/organisation?done=flash-org-logo-saved"))
}

#[derive(Deserialize)]
struct RemoveForm {}

async fn remove_post(
    State(state): State<AppState>,
    me: SignedIn,
    // The CSRF layer has checked the token of this urlencoded form.
    Form(_): Form<RemoveForm>,
) -> AppResult<Response> {
    require(&me)?;
    state.store.org().set_logo(None).await?;
    Ok(see_other("/admin/organisation?done=flash-org-logo-removed"))
}

async fn logo_get(State(state): State<AppState>, headers: HeaderMap) -> AppResult<Response> {
    let id = state
        .store
        .org()
        .organisation()
        .await?
        .and_then(|o| o.logo_file_id);
    let Some(id) = id else {
        return Ok(StatusCode::NOT_FOUND.into_response());
    };
    let etag = format!("\"{id}\"");
    let mut response = if headers
        .get(header::IF_NONE_MATCH)
        .is_some_and(|v| v.as_bytes() == etag.as_bytes())
    {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let file = state.store.files().get(FileId(id)).await?;
        // Only what the upload accepted is ever served as an image.
        let Some(content_type) = image_type(&file.bytes) else {
            return Ok(StatusCode::NOT_FOUND.into_response());
        };
        ([(header::CONTENT_TYPE, content_type)], file.bytes).into_response()
    };
    let response_headers = response.headers_mut();
    response_headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    if let Ok(value) = HeaderValue::from_str(&etag) {
        response_headers.insert(header::ETAG, value);
    }
    response_headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::image_type;

    #[test]
    fn images_are_known_by_their_first_bytes() {
        assert_eq!(image_type(b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
        assert_eq!(image_type(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("image/jpeg"));
        assert_eq!(image_type(b"RIFF\0\0\0\0WEBPVP8 "), Some("image/webp"));
        assert_eq!(image_type(b"RIFF\0\0\0\0WAVEfmt "), None);
        assert_eq!(
            image_type(b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
            None
        );
        assert_eq!(image_type(b"not a picture"), None);
        assert_eq!(image_type(b""), None);
    }
}
