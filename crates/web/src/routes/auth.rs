//! Signing in and out, password resets, invitations and the language switch.

use super::{no_store, see_other};
use crate::context::{
    Ctx, LANGUAGE_COOKIE, SESSION_COOKIE, SESSION_LIFETIME_MS, SignedIn, cookie, local_path,
    set_cookie,
};
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::jobs::queue_email;
use crate::state::AppState;
use crate::views::Layout;
use crate::views::forms::FieldErrors;
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Form, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use hearth_domain::input::{Email, Language, NewPassword};
use hearth_store::{TokenPurpose, now_ms, password};
use serde::Deserialize;
use std::time::Duration;

/// After this many failures in the window, each try waits longer.
const SLOW_AFTER: i64 = 3;
/// After this many, sign-in for the address pauses until the window passes.
const PAUSE_AFTER: i64 = 10;
const FAILURE_WINDOW_MS: i64 = 15 * 60 * 1000;
const RESET_LIFETIME_MS: i64 = 60 * 60 * 1000;
pub const INVITATION_LIFETIME_MS: i64 = 14 * 24 * 60 * 60 * 1000;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/sign-in", get(sign_in_get).post(sign_in_post))
        .route("/sign-out", post(sign_out_post))
        .route("/password/forgot", get(forgot_get).post(forgot_post))
        .route("/password/reset/{token}", get(reset_get).post(reset_post))
        .route(
            "/invitation/{token}",
            get(invitation_get).post(invitation_post),
        )
        .route("/language", post(language_post))
}

#[derive(Template, WebTemplate)]
#[template(path = "auth/sign_in.html")]
struct SignInView {
    layout: Layout,
    email: String,
    next: String,
    error: Option<String>,
}

#[derive(Deserialize)]
struct NextQuery {
    next: Option<String>,
    done: Option<String>,
}

async fn sign_in_get(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    Query(query): Query<NextQuery>,
) -> Response {
    if ctx.user.is_some() {
        return see_other(&local_path(query.next.as_deref()));
    }
    let tr = Tr::new(ctx.language);
    let layout = Layout::new(&state, &ctx, "/sign-in", tr.t("sign-in-title"))
        .await
        .with_flash(query.done.as_deref());
    no_store(SignInView {
        layout,
        email: String::new(),
        next: local_path(query.next.as_deref()),
        error: None,
    })
}

#[derive(Deserialize)]
struct SignInForm {
    email: String,
    password: String,
    next: Option<String>,
}

async fn sign_in_post(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    Form(form): Form<SignInForm>,
) -> AppResult<Response> {
    let tr = Tr::new(ctx.language);
    let next = local_path(form.next.as_deref());
    let refuse = |message: &str| {
        let message = tr.t(message);
        let email = form.email.clone();
        let next = next.clone();
        let state = state.clone();
        let ctx = ctx.clone();
        async move {
            let layout = Layout::new(&state, &ctx, "/sign-in", tr.t("sign-in-title")).await;
            let mut response = no_store(SignInView {
                layout,
                email,
                next,
                error: Some(message),
            });
            *response.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
            response
        }
    };
    let Ok(email) = Email::parse(&form.email) else {
        return Ok(refuse("sign-in-failed").await);
    };

    let sessions = state.store.sessions();
    let failures = sessions
        .failures_since(email.as_str(), now_ms() - FAILURE_WINDOW_MS)
        .await?;
    if failures >= PAUSE_AFTER {
        return Ok(refuse("sign-in-paused").await);
    }
    if failures >= SLOW_AFTER {
        // Each further failure costs another second, up to ten.
        let seconds = u64::try_from((failures - SLOW_AFTER + 1).min(10)).unwrap_or(10);
        tokio::time::sleep(Duration::from_secs(seconds)).await;
    }

    let record = state.store.people().sign_in_record(&email).await?;
    let stored_hash = record.as_ref().and_then(|r| r.password_hash.clone());
    // Unknown addresses take as long as known ones, so timing reveals nothing.
    let matches = password::verify(
        &form.password,
        stored_hash.as_deref().unwrap_or(password::DECOY_HASH),
    )
    .await
    .map_err(|e| AppError::Internal(e.to_string()))?;
    let user = match record {
        Some(record) if matches && stored_hash.is_some() && record.active => record.id.0,
        _ => {
            sessions.record_failure(email.as_str()).await?;
            tracing::info!("sign-in failed");
            return Ok(refuse("sign-in-failed").await);
        }
    };
    sessions.clear_failures(email.as_str()).await?;
    let token = sessions.create(user, SESSION_LIFETIME_MS).await?;
    Ok(signed_in_redirect(&state, &token, &next))
}

fn signed_in_redirect(state: &AppState, token: &str, next: &str) -> Response {
    let mut response = see_other(next);
    let cookie = set_cookie(
        state,
        SESSION_COOKIE,
        token,
        Some(SESSION_LIFETIME_MS / 1000),
    );
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

async fn sign_out_post(State(state): State<AppState>, headers: HeaderMap) -> AppResult<Response> {
    if let Some(token) = cookie(&headers, SESSION_COOKIE) {
        state.store.sessions().delete(token).await?;
    }
    let mut response = see_other("/sign-in?done=flash-signed-out");
    let cleared = set_cookie(&state, SESSION_COOKIE, "", Some(0));
    if let Ok(value) = HeaderValue::from_str(&cleared) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    Ok(response)
}

#[derive(Template, WebTemplate)]
#[template(path = "auth/forgot.html")]
struct ForgotView {
    layout: Layout,
    email: String,
    error: Option<String>,
    sent: bool,
}

async fn forgot_get(State(state): State<AppState>, Ctx(ctx): Ctx) -> Response {
    let tr = Tr::new(ctx.language);
    let layout = Layout::new(&state, &ctx, "/password/forgot", tr.t("forgot-title")).await;
    no_store(ForgotView {
        layout,
        email: String::new(),
        error: None,
        sent: false,
    })
}

#[derive(Deserialize)]
struct ForgotForm {
    email: String,
}

async fn forgot_post(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    Form(form): Form<ForgotForm>,
) -> AppResult<Response> {
    let tr = Tr::new(ctx.language);
    let layout = Layout::new(&state, &ctx, "/password/forgot", tr.t("forgot-title")).await;
    let email = match Email::parse(&form.email) {
        Ok(email) => email,
        Err(error) => {
            return Ok(no_store(ForgotView {
                layout,
                email: form.email,
                error: Some(tr.t(error.message_id)),
                sent: false,
            }));
        }
    };
    // The answer is the same whether or not the address has an account.
    if let Some(person) = state.store.people().find_by_email(&email).await?
        && person.active
    {
        {
            let token = state
                .store
                .sessions()
                .create_link_token(person.id, TokenPurpose::PasswordReset, RESET_LIFETIME_MS)
                .await?;
            let person_tr = Tr::new(
                person
                    .language
                    .as_deref()
                    .and_then(Language::from_code)
                    .unwrap_or(ctx.language),
            );
            let link = format!("{}/password/reset/{token}", state.config.public_url);
            let body = person_tr.args(
                "email-reset-body",
                &[("name", person.display_name.clone()), ("link", link)],
            );
            queue_email(
                &state,
                &person.email,
                &person_tr.t("email-reset-subject"),
                &body,
            )
            .await?;
        }
    }
    Ok(no_store(ForgotView {
        layout,
        email: String::new(),
        error: None,
        sent: true,
    }))
}

#[derive(Template, WebTemplate)]
#[template(path = "auth/choose_password.html")]
struct ChoosePasswordView {
    layout: Layout,
    heading: String,
    intro: String,
    action: String,
    errors: FieldErrors,
    link_valid: bool,
}

#[derive(Deserialize)]
struct ChoosePasswordForm {
    password: String,
    confirm: String,
}

async fn choose_password_page(
    state: &AppState,
    ctx: &crate::context::RequestContext,
    purpose: TokenPurpose,
    token: &str,
    errors: FieldErrors,
) -> AppResult<Response> {
    let tr = Tr::new(ctx.language);
    let user = state
        .store
        .sessions()
        .peek_link_token(token, purpose)
        .await?;
    let (heading, intro, action) = match purpose {
        TokenPurpose::PasswordReset => (
            "reset-title",
            tr.t("reset-intro"),
            format!("/password/reset/{token}"),
        ),
        TokenPurpose::Invitation => {
            let intro = match user {
                Some(user) => {
                    let person = state.store.people().get(user).await?;
                    tr.t1("invitation-intro", "name", person.display_name)
                }
                None => String::new(),
            };
            ("invitation-title", intro, format!("/invitation/{token}"))
        }
    };
    let layout = Layout::new(state, ctx, "/password", tr.t(heading)).await;
    let status = if errors.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    let view = ChoosePasswordView {
        layout,
        heading: tr.t(heading),
        intro,
        action,
        errors,
        link_valid: user.is_some(),
    };
    Ok((status, no_store(view)).into_response())
}

async fn reset_get(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    Path(token): Path<String>,
) -> AppResult<Response> {
    choose_password_page(
        &state,
        &ctx,
        TokenPurpose::PasswordReset,
        &token,
        FieldErrors::new(),
    )
    .await
}

async fn invitation_get(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    Path(token): Path<String>,
) -> AppResult<Response> {
    choose_password_page(
        &state,
        &ctx,
        TokenPurpose::Invitation,
        &token,
        FieldErrors::new(),
    )
    .await
}

async fn reset_post(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    Path(token): Path<String>,
    Form(form): Form<ChoosePasswordForm>,
) -> AppResult<Response> {
    choose_password_post(state, ctx, TokenPurpose::PasswordReset, token, form).await
}

async fn invitation_post(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    Path(token): Path<String>,
    Form(form): Form<ChoosePasswordForm>,
) -> AppResult<Response> {
    choose_password_post(state, ctx, TokenPurpose::Invitation, token, form).await
}

async fn choose_password_post(
    state: AppState,
    ctx: crate::context::RequestContext,
    purpose: TokenPurpose,
    token: String,
    form: ChoosePasswordForm,
) -> AppResult<Response> {
    let tr = Tr::new(ctx.language);
    let mut errors = FieldErrors::new();
    let password = errors.check(&tr, "password", NewPassword::parse(&form.password));
    if password.is_some() && form.password != form.confirm {
        errors.add_message(&tr, "confirm", "error-password-mismatch");
    }
    let Some(password) = password.filter(|_| errors.is_empty()) else {
        return choose_password_page(&state, &ctx, purpose, &token, errors).await;
    };
    let Some(user) = state
        .store
        .sessions()
        .consume_link_token(&token, purpose)
        .await?
    else {
        return choose_password_page(&state, &ctx, purpose, &token, FieldErrors::new()).await;
    };
    let hash = password::hash(password.expose())
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    state.store.people().set_password(user, &hash).await?;
    // Choosing a password from the emailed link proves the address: sign them in.
    let session = state
        .store
        .sessions()
        .create(user, SESSION_LIFETIME_MS)
        .await?;
    Ok(signed_in_redirect(
        &state,
        &session,
        "/?done=flash-password-set",
    ))
}

#[derive(Deserialize)]
struct LanguageForm {
    language: String,
    back: Option<String>,
}

async fn language_post(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    Form(form): Form<LanguageForm>,
) -> AppResult<Response> {
    let Some(language) = Language::from_code(&form.language) else {
        return Err(AppError::NotFound);
    };
    let mut response = see_other(&local_path(form.back.as_deref()));
    if let Some(user) = &ctx.user {
        state
            .store
            .people()
            .set_language(user.person.id, language.code())
            .await?;
    }
    // The cookie also carries the choice to the sign-in page after signing out.
    let cookie = set_cookie(
        &state,
        LANGUAGE_COOKIE,
        language.code(),
        Some(365 * 24 * 3600),
    );
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    Ok(response)
}

/// Sends (or resends) an invitation email with a link to choose a password.
pub async fn send_invitation(
    state: &AppState,
    inviter: &SignedIn,
    user: hearth_domain::UserId,
) -> AppResult<()> {
    let person = state.store.people().get(user).await?;
    let token = state
        .store
        .sessions()
        .create_link_token(user, TokenPurpose::Invitation, INVITATION_LIFETIME_MS)
        .await?;
    let tr = Tr::new(
        person
            .language
            .as_deref()
            .and_then(Language::from_code)
            .unwrap_or(inviter.ctx.language),
    );
    let org = state
        .store
        .org()
        .organisation()
        .await?
        .map(|o| o.name)
        .unwrap_or_else(|| "Hearth".into());
    let link = format!("{}/invitation/{token}", state.config.public_url);
    let body = tr.args(
        "email-invitation-body",
        &[
            ("name", person.display_name.clone()),
            ("inviter", inviter.user.person.display_name.clone()),
            ("organisation", org.clone()),
            ("link", link),
        ],
    );
    queue_email(
        state,
        &person.email,
        &tr.t1("email-invitation-subject", "organisation", org),
        &body,
    )
    .await?;
    Ok(())
}
