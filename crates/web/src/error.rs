//! One error type for the web layer. Handlers use `?`; the friendly page is
//! drawn by [`crate::routes::error_pages`], which knows the language and the
//! request id.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use hearth_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("not allowed")]
    Forbidden,
    /// A form arrived without the right CSRF token (usually an old tab).
    #[error("the form expired")]
    FormExpired,
    #[error(transparent)]
    Store(StoreError),
    #[error("{0}")]
    Internal(String),
}

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound => AppError::NotFound,
            other => AppError::Store(other),
        }
    }
}

/// Marks a response whose body the error-page layer should draw.
#[derive(Debug, Clone, Copy)]
pub struct ErrorPage;

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = match &self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Forbidden | AppError::FormExpired => StatusCode::FORBIDDEN,
            AppError::Store(_) | AppError::Internal(_) => {
                tracing::error!(error = %self, "request failed");
                StatusCode::INTERNAL_SERVER_ERROR
            }
        };
        let mut response = status.into_response();
        response.extensions_mut().insert(ErrorPage);
        if matches!(self, AppError::FormExpired) {
            response.extensions_mut().insert(FormExpired);
        }
        response
    }
}

#[derive(Debug, Clone, Copy)]
pub struct FormExpired;

pub type AppResult<T> = Result<T, AppError>;
