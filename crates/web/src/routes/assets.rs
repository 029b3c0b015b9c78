//! CSS, JavaScript and icons, embedded in the binary: no CDN, no fonts fetched.

use crate::state::AppState;
use axum::Router;
use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

struct Asset {
    name: &'static str,
    content_type: &'static str,
    bytes: &'static [u8],
}

const ASSETS: &[Asset] = &[
    Asset {
        name: "app.css",
        content_type: "text/css; charset=utf-8",
        bytes: include_bytes!("../../static/app.css"),
    },
    Asset {
        name: "app.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../static/app.js"),
    },
    Asset {
        name: "live.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../static/live.js"),
    },
    Asset {
        name: "training.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../static/training.js"),
    },
    // Running a peer support group's meeting (issue 8).
    Asset {
        name: "meetings.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../static/meetings.js"),
    },
    Asset {
        name: "conversation.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../static/conversation.js"),
    },
    Asset {
        name: "icon.svg",
        content_type: "image/svg+xml",
        bytes: include_bytes!("../../static/icon.svg"),
    },
];

/// Changes with every release, so browsers may keep assets for an hour and revalidate cheaply.
const ETAG: &str = concat!("\"hearth-", env!("CARGO_PKG_VERSION"), "\"");

pub fn router() -> Router<AppState> {
    Router::new().route("/static/{name}", get(asset_get))
}

async fn asset_get(Path(name): Path<String>, headers: axum::http::HeaderMap) -> Response {
    let Some(asset) = ASSETS.iter().find(|a| a.name == name) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let cache = [
        (
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=3600"),
        ),
        (header::ETAG, HeaderValue::from_static(ETAG)),
    ];
    if headers
        .get(header::IF_NONE_MATCH)
        .is_some_and(|v| v.as_bytes() == ETAG.as_bytes())
    {
        return (StatusCode::NOT_MODIFIED, cache).into_response();
    }
    (
        cache,
        [(header::CONTENT_TYPE, asset.content_type)],
        asset.bytes,
    )
        .into_response()
}
