//! The router: each area owns its routes; shared layers wrap them all.

use crate::context::{self, RequestContext};
use crate::error::{AppError, ErrorPage, FormExpired};
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::Layout;
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use hearth_domain::input::Language;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};

mod admin;
mod assets;
mod auth;
mod curricula;
pub(crate) mod event_changes;
pub(crate) mod events;
mod health;
mod help;
mod home;
mod meeting_changes;
mod notifications;
mod org;
mod peer_groups;
mod people;
mod profile;
mod role_training;
mod run_sheets;
mod services;
mod support;
mod support_group_live;
mod support_groups;
mod support_groups_meetings;
mod support_logs;
mod support_supervision;
mod training;
mod videos;
// Reports and community stories (issue 9).
mod reports;
mod stories;
// Channels and the online drop-in chat.
mod channels;
mod drop_in;
// Ongoing one-to-one support and referrals (issue 7).
mod support_matching;
mod support_ongoing;
// Moving and calling off sessions; the student withdrawing or ending a support.
mod support_ongoing_changes;
mod support_referrals;
// Retention and people's rights (issue 7, scope 9).
mod privacy;
// The drop-in heat map (issue 9).
mod reports_dropin;
// Running meetings and the network of peer support groups (issue 8).
mod date_polls;
mod meeting_flow;
mod network;
// The organisation's full export (issue 9).
mod org_data;
// The organisation's logo, on the printable summary (issue 9).
mod org_logo;

pub use privacy::{RETENTION_JOB, run_retention, schedule_retention};
pub use support::{
    SHIFT_REMINDER as SUPPORT_SHIFT_REMINDER, run_shift_reminder as run_support_shift_reminder,
};
pub use support_ongoing::{JOB_PREFIX as ONGOING_JOB_PREFIX, run_job as run_ongoing_job};

pub fn router(state: AppState) -> Router {
    let pages = Router::new()
        .merge(auth::router())
        .merge(home::router())
        .merge(help::router())
        .merge(profile::router())
        .merge(notifications::router())
        .merge(org::router())
        .merge(events::router())
        .merge(event_changes::router())
        .merge(meeting_changes::router())
        .merge(run_sheets::router())
        .merge(curricula::router())
        .merge(training::router())
        .merge(role_training::router())
        .merge(videos::router())
        .merge(peer_groups::router())
        .merge(people::router())
        .merge(services::router())
        .merge(support_groups::router())
        .merge(support_groups_meetings::router())
        .merge(support_group_live::router())
        .merge(admin::router())
        .merge(org_data::router())
        .merge(support::router())
        .merge(support_logs::router())
        .merge(support_supervision::router())
        .merge(reports::router())
        .merge(stories::router())
        .merge(channels::router())
        .merge(drop_in::router())
        .merge(support_ongoing::router())
        .merge(support_matching::router())
        .merge(support_referrals::router())
        .merge(privacy::router())
        .merge(reports_dropin::router())
        .merge(meeting_flow::router())
        .merge(date_polls::router())
        .merge(network::router())
        .merge(org_logo::router())
        .fallback(|| async { AppError::NotFound })
        .layer(middleware::from_fn_with_state(state.clone(), context::load))
        .layer(middleware::from_fn_with_state(state.clone(), error_pages));

    let request_id = HeaderName::from_static("x-request-id");
    Router::new()
        .merge(health::router())
        .merge(assets::router())
        .merge(org_logo::public_router())
        .merge(pages)
        .layer(CompressionLayer::new())
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'self'; img-src 'self' data:; media-src 'self'; style-src 'self'; script-src 'self'; \
                 connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'",
            ),
        ))
        .layer(SetResponseHeaderLayer::overriding(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::overriding(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
        .layer(SetResponseHeaderLayer::overriding(header::REFERRER_POLICY, HeaderValue::from_static("same-origin")))
        .layer(CatchPanicLayer::custom(|_| {
            // A panic is a bug; the person still gets a page, never a dropped connection.
            let mut response = StatusCode::INTERNAL_SERVER_ERROR.into_response();
            response.extensions_mut().insert(ErrorPage);
            response
        }))
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|request: &Request| {
                    let id = request.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("-");
                    tracing::info_span!("request", method = %request.method(), path = %request.uri().path(), request_id = %id)
                })
                .on_response(DefaultOnResponse::new().level(tracing::Level::INFO).latency_unit(tower_http::LatencyUnit::Micros)),
        )
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
        .with_state(state)
}

#[derive(Template, WebTemplate)]
#[template(path = "errors/error.html")]
struct ErrorView {
    layout: Layout,
    heading: String,
    message: String,
    request_id: Option<String>,
}

/// Draws the friendly 403/404/500 pages in the reader's language.
async fn error_pages(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let request_id = request
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-")
        .to_owned();
    let fallback_language = context::cookie(request.headers(), context::LANGUAGE_COOKIE)
        .and_then(Language::from_code)
        .or_else(|| {
            request
                .headers()
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Language::from_accept_language)
        })
        .unwrap_or_default();
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    if response.extensions().get::<ErrorPage>().is_none() {
        return response;
    }
    let status = response.status();
    let ctx = response
        .extensions()
        .get::<RequestContext>()
        .cloned()
        .unwrap_or_else(|| RequestContext {
            user: None,
            language: fallback_language,
            csrf: String::new(),
            request_id: request_id.clone(),
        });
    let tr = Tr::new(ctx.language);
    let (heading, message) = if response.extensions().get::<FormExpired>().is_some() {
        ("error-form-expired-title", "error-form-expired")
    } else {
        match status {
            StatusCode::NOT_FOUND => ("error-not-found-title", "error-not-found"),
            StatusCode::FORBIDDEN => ("error-forbidden-title", "error-forbidden"),
            _ => ("error-internal-title", "error-internal"),
        }
    };
    let view = ErrorView {
        layout: Layout::new(&state, &ctx, &path, tr.t(heading)).await,
        heading: tr.t(heading),
        message: tr.t(message),
        request_id: status.is_server_error().then_some(request_id),
    };
    let mut page = (status, view).into_response();
    page.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    page
}

/// Pages with personal data must not be kept by the browser or proxies.
pub fn no_store<R: IntoResponse>(response: R) -> Response {
    let mut response = response.into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// A download: `body` saved as `name`, never cached.
pub fn attachment<B: IntoResponse>(body: B, content_type: &'static str, name: &str) -> Response {
    let mut response = no_store(body);
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// Redirect after a POST with a confirmation to show.
/// A form shown again because of what was typed answers 422, so a script
/// or a test can tell it from a page shown for the first time.
pub fn form_status(refused: bool) -> axum::http::StatusCode {
    if refused {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    } else {
        axum::http::StatusCode::OK
    }
}

pub fn see_other(path: &str) -> Response {
    axum::response::Redirect::to(path).into_response()
}

/// Page number from a query (1-based) and the page count for `total` rows.
pub fn paging(page: Option<u32>, total: i64, per_page: i64) -> (i64, i64) {
    let pages = ((total + per_page - 1) / per_page).max(1);
    let page = i64::from(page.unwrap_or(1)).clamp(1, pages);
    (page, pages)
}

pub const PER_PAGE: i64 = 25;
