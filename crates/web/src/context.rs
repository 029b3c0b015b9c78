//! Who is asking, in which language, with which CSRF token: worked out once
//! per request by [`load`] and handed to handlers by the extractors here.

use crate::error::AppError;
use crate::state::AppState;
use axum::body::{Body, to_bytes};
use axum::extract::{FromRequestParts, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header, request::Parts};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use hearth_domain::input::Language;
use hearth_domain::policy::{Action, Actor, policy};
use hearth_domain::roles::Scope;
use hearth_store::SessionUser;
use std::sync::Arc;

pub const SESSION_COOKIE: &str = "hearth_session";
pub const CSRF_COOKIE: &str = "hearth_csrf";
pub const LANGUAGE_COOKIE: &str = "hearth_lang";
/// Sessions last two weeks; signing out ends them at once.
pub const SESSION_LIFETIME_MS: i64 = 14 * 24 * 60 * 60 * 1000;
/// Forms larger than this are refused before they are read.
const MAX_FORM_BYTES: usize = 4 * 1024 * 1024;

/// What every handler may know about the request.
#[derive(Clone)]
pub struct RequestContext {
    pub user: Option<Arc<SessionUser>>,
    pub language: Language,
    pub csrf: String,
    pub request_id: String,
}

impl RequestContext {
    pub fn actor(&self) -> Option<Actor> {
        self.user.as_ref().map(|u| Actor {
            user: u.person.id,
            grants: u.grants.clone(),
        })
    }

    /// Whether the signed-in person may do `action` at `target`.
    pub fn may(&self, action: Action, target: Scope) -> bool {
        self.actor()
            .is_some_and(|actor| policy(&actor, action, target))
    }

    /// Checks a CSRF token that arrived outside an urlencoded form (multipart uploads).
    pub fn check_csrf(&self, submitted: &str) -> Result<(), AppError> {
        if constant_time_eq(submitted.as_bytes(), self.csrf.as_bytes()) {
            Ok(())
        } else {
            Err(AppError::FormExpired)
        }
    }
}

/// Any visitor, signed in or not.
pub struct Ctx(pub RequestContext);

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<RequestContext>()
            .cloned()
            .map(Ctx)
            .ok_or_else(|| AppError::Internal("request context missing".into()))
    }
}

/// A signed-in person; anyone else is sent to the sign-in page and back.
pub struct SignedIn {
    pub ctx: RequestContext,
    pub user: Arc<SessionUser>,
    pub actor: Actor,
}

impl SignedIn {
    /// Refuses with the 403 page unless the policy allows `action` at `target`.
    pub fn require(&self, action: Action, target: Scope) -> Result<(), AppError> {
        if policy(&self.actor, action, target) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    pub fn may(&self, action: Action, target: Scope) -> bool {
        policy(&self.actor, action, target)
    }

    /// The time zone times are shown in: the person's own, else the organisation's.
    pub async fn time_zone(&self, state: &AppState) -> Result<String, AppError> {
        if let Some(zone) = &self.user.person.time_zone {
            return Ok(zone.clone());
        }
        let organisation = state.store.org().organisation().await?;
        Ok(organisation
            .map(|o| o.time_zone)
            .unwrap_or_else(|| "UTC".into()))
    }
}

pub struct SignInRedirect(String);

impl IntoResponse for SignInRedirect {
    fn into_response(self) -> Response {
        Redirect::to(&self.0).into_response()
    }
}

impl<S: Send + Sync> FromRequestParts<S> for SignedIn {
    type Rejection = Response;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Ctx(ctx) = Ctx::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let Some(user) = ctx.user.clone() else {
            let next = parts
                .uri
                .path_and_query()
                .map(|p| p.as_str())
                .unwrap_or("/");
            let target = format!("/sign-in?next={}", percent_encode(next));
            return Err(SignInRedirect(target).into_response());
        };
        let actor = Actor {
            user: user.person.id,
            grants: user.grants.clone(),
        };
        Ok(SignedIn { ctx, user, actor })
    }
}

/// Finds the person, language and CSRF token; refuses forged forms.
pub async fn load(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let (mut parts, body) = request.into_parts();
    let headers = &parts.headers;
    let request_id = headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-")
        .to_owned();

    let user = match cookie(headers, SESSION_COOKIE) {
        Some(token) => match state.store.sessions().user(token).await {
            Ok(user) => user.map(Arc::new),
            Err(error) => {
                tracing::error!(%error, "could not load the session");
                return AppError::Store(error).into_response();
            }
        },
        None => None,
    };
    let language = user
        .as_ref()
        .and_then(|u| u.person.language.as_deref())
        .and_then(Language::from_code)
        .or_else(|| cookie(headers, LANGUAGE_COOKIE).and_then(Language::from_code))
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Language::from_accept_language)
        })
        .unwrap_or_default();

    let existing_csrf = cookie(headers, CSRF_COOKIE)
        .filter(|t| t.len() == 64)
        .map(str::to_owned);
    let csrf = match existing_csrf.clone() {
        Some(token) => token,
        None => match hearth_store::random_token() {
            Ok(token) => token,
            Err(error) => return AppError::Store(error).into_response(),
        },
    };

    let context = RequestContext {
        user,
        language,
        csrf: csrf.clone(),
        request_id,
    };
    parts.extensions.insert(context.clone());

    let body = if is_state_changing(&parts.method) {
        match checked_body(&parts.headers, body, existing_csrf.as_deref()).await {
            Ok(body) => body,
            Err(refusal) => return with_context(refusal, context),
        }
    } else {
        body
    };

    let mut response = next.run(Request::from_parts(parts, body)).await;
    if existing_csrf.is_none() {
        let cookie = format!(
            "{CSRF_COOKIE}={csrf}; Path=/; HttpOnly; SameSite=Lax{}",
            if state.config.secure_cookies() {
                "; Secure"
            } else {
                ""
            }
        );
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    with_context(response, context)
}

/// The error-page layer reads the context from the response, so a refusal
/// is drawn in the person's own language.
fn with_context(mut response: Response, context: RequestContext) -> Response {
    response.extensions_mut().insert(context);
    response
}

/// Refuses a form from another site, or an urlencoded form without the
/// browser's CSRF token. Multipart forms check theirs in the handler.
async fn checked_body(
    headers: &HeaderMap,
    body: Body,
    expected: Option<&str>,
) -> Result<Body, Response> {
    if !same_origin(headers) {
        return Err(AppError::FormExpired.into_response());
    }
    if !is_urlencoded(headers) {
        return Ok(body);
    }
    let bytes = to_bytes(body, MAX_FORM_BYTES)
        .await
        .map_err(|_| StatusCode::PAYLOAD_TOO_LARGE.into_response())?;
    let submitted = form_field(&bytes, "csrf");
    let valid = match (expected, submitted) {
        (Some(expected), Some(submitted)) => {
            constant_time_eq(submitted.as_bytes(), expected.as_bytes())
        }
        _ => false,
    };
    if valid {
        Ok(Body::from(bytes))
    } else {
        Err(AppError::FormExpired.into_response())
    }
}

fn is_state_changing(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

fn is_urlencoded(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"))
}

/// Browsers send `Origin` with every form post; one from another site is
/// refused outright. Clients that send none (scripts, tests) still need the token.
pub fn same_origin(headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    origin
        .split_once("://")
        .is_some_and(|(_, origin_host)| origin_host == host)
}

/// One field of an urlencoded body.
fn form_field(body: &[u8], name: &str) -> Option<String> {
    form_urlencoded_pairs(body)
        .find(|(key, _)| key == name)
        .map(|(_, value)| value)
}

fn form_urlencoded_pairs(body: &[u8]) -> impl Iterator<Item = (String, String)> + '_ {
    body.split(|b| *b == b'&').filter_map(|pair| {
        let mut pieces = pair.splitn(2, |b| *b == b'=');
        let key = percent_decode(pieces.next()?);
        let value = percent_decode(pieces.next().unwrap_or_default());
        Some((key, value))
    })
}

fn percent_decode(bytes: &[u8]) -> String {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                match std::str::from_utf8(&bytes[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                {
                    Some(byte) => {
                        out.push(byte);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            other => out.push(other),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Encodes a path for use inside a query string.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~' | b'/') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// A cookie's value from the request headers.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A `Set-Cookie` value with Hearth's attributes.
pub fn set_cookie(
    state: &AppState,
    name: &str,
    value: &str,
    max_age_seconds: Option<i64>,
) -> String {
    let mut cookie = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax");
    if let Some(age) = max_age_seconds {
        cookie.push_str(&format!("; Max-Age={age}"));
    }
    if state.config.secure_cookies() {
        cookie.push_str("; Secure");
    }
    cookie
}

/// A safe place to go after signing in: only paths on this site.
pub fn local_path(next: Option<&str>) -> String {
    match next {
        Some(path) if path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') => {
            path.to_owned()
        }
        _ => "/".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_fields_are_decoded() {
        assert_eq!(
            form_field(b"a=1&csrf=ab%2Fc+d&b=2", "csrf").as_deref(),
            Some("ab/c d")
        );
        assert_eq!(form_field(b"a=1", "csrf"), None);
        assert_eq!(form_field(b"csrf=%zz%", "csrf").as_deref(), Some("%zz%"));
    }

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(local_path(Some("/people?q=a")), "/people?q=a");
        assert_eq!(local_path(Some("//evil.example")), "/");
        assert_eq!(local_path(Some("https://evil.example")), "/");
        assert_eq!(local_path(None), "/");
    }
}
