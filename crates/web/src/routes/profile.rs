//! My profile: name, pronouns, language, time zone, password, and who has
//! read what is recorded about me.

use super::{form_status, no_store, see_other};
use crate::context::SignedIn;
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::forms::FieldErrors;
use crate::views::{Layout, format_time};
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Form, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use hearth_domain::input::{Language, Name, NewPassword, optional_text, time_zone};
use hearth_store::password;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/profile", get(profile_get).post(profile_post))
        .route("/profile/password", post(password_post))
        .route("/profile/calendar", post(calendar_post))
}

#[derive(Deserialize, Default, Clone)]
struct ProfileForm {
    display_name: String,
    pronouns: String,
    language: String,
    time_zone: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "profile/profile.html")]
struct ProfileView {
    layout: Layout,
    email: String,
    form: ProfileForm,
    errors: FieldErrors,
    password_errors: FieldErrors,
    languages: Vec<(&'static str, &'static str)>,
    reads: Vec<(String, String, String)>,
    /// The private feed address, shown once right after it is made.
    feed_url: Option<String>,
    has_feed: bool,
}

#[derive(Deserialize)]
struct DoneQuery {
    done: Option<String>,
}

async fn page(
    state: &AppState,
    me: &SignedIn,
    form: ProfileForm,
    errors: FieldErrors,
    password_errors: FieldErrors,
    done: Option<&str>,
) -> AppResult<Response> {
    let status = form_status(!(errors.is_empty() && password_errors.is_empty()));
    let view = profile_view(state, me, form, errors, password_errors, done).await?;
    Ok((status, no_store(view)).into_response())
}

async fn profile_view(
    state: &AppState,
    me: &SignedIn,
    form: ProfileForm,
    errors: FieldErrors,
    password_errors: FieldErrors,
    done: Option<&str>,
) -> AppResult<ProfileView> {
    let tr = Tr::new(me.ctx.language);
    let person = &me.user.person;
    let zone = me.time_zone(state).await?;
    let reads = state
        .store
        .audit()
        .about(person.id, 20)
        .await?
        .into_iter()
        .map(|entry| {
            let who = entry.actor_name.unwrap_or_else(|| tr.t("someone-removed"));
            (
                format_time(entry.at, &zone),
                who,
                tr.t(&format!("audit-subject-{}", entry.subject_kind)),
            )
        })
        .collect();
    Ok(ProfileView {
        layout: Layout::new(state, &me.ctx, "/profile", tr.t("profile-title"))
            .await
            .with_flash(done),
        email: person.email.clone(),
        form,
        errors,
        password_errors,
        languages: Language::ALL
            .iter()
            .map(|l| (l.code(), l.native_name()))
            .collect(),
        reads,
        feed_url: None,
        has_feed: state.store.sessions().has_calendar_feed(person.id).await?,
    })
}

async fn profile_get(
    State(state): State<AppState>,
    me: SignedIn,
    Query(query): Query<DoneQuery>,
) -> AppResult<Response> {
    let person = &me.user.person;
    let form = ProfileForm {
        display_name: person.display_name.clone(),
        pronouns: person.pronouns.clone().unwrap_or_default(),
        language: person
            .language
            .clone()
            .unwrap_or_else(|| me.ctx.language.code().to_owned()),
        time_zone: person.time_zone.clone().unwrap_or_default(),
    };
    page(
        &state,
        &me,
        form,
        FieldErrors::new(),
        FieldErrors::new(),
        query.done.as_deref(),
    )
    .await
}

async fn profile_post(
    State(state): State<AppState>,
    me: SignedIn,
    Form(form): Form<ProfileForm>,
) -> AppResult<Response> {
    let tr = Tr::new(me.ctx.language);
    let mut errors = FieldErrors::new();
    let name = errors.check(&tr, "display_name", Name::parse(&form.display_name));
    let pronouns = errors.check(&tr, "pronouns", optional_text(&form.pronouns, 40));
    let language = Language::from_code(&form.language);
    if language.is_none() {
        errors.add_message(&tr, "language", "error-choose-one");
    }
    let zone = if form.time_zone.trim().is_empty() {
        Some(None)
    } else {
        errors
            .check(&tr, "time_zone", time_zone(&form.time_zone))
            .map(Some)
    };
    match (name, pronouns, language, zone) {
        (Some(name), Some(pronouns), Some(language), Some(zone)) if errors.is_empty() => {
            state
                .store
                .people()
                .update_profile(
                    me.user.person.id,
                    &name,
                    pronouns.as_deref(),
                    Some(language.code()),
                    zone.as_deref(),
                )
                .await?;
            Ok(see_other("/profile?done=flash-saved"))
        }
        _ => page(&state, &me, form, errors, FieldErrors::new(), None).await,
    }
}

#[derive(Deserialize)]
struct PasswordForm {
    current: String,
    password: String,
    confirm: String,
}

async fn password_post(
    State(state): State<AppState>,
    me: SignedIn,
    Form(form): Form<PasswordForm>,
) -> AppResult<Response> {
    let tr = Tr::new(me.ctx.language);
    let person = &me.user.person;
    let mut errors = FieldErrors::new();
    let stored = state.store.people().password_hash(person.id).await?;
    let current_ok = match stored.as_deref() {
        Some(hash) => password::verify(&form.current, hash)
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?,
        None => false,
    };
    if !current_ok {
        errors.add_message(&tr, "current", "error-current-password");
    }
    let new = errors.check(&tr, "password", NewPassword::parse(&form.password));
    if new.is_some() && form.password != form.confirm {
        errors.add_message(&tr, "confirm", "error-password-mismatch");
    }
    let Some(new) = new.filter(|_| errors.is_empty()) else {
        let profile = ProfileForm {
            display_name: person.display_name.clone(),
            pronouns: person.pronouns.clone().unwrap_or_default(),
            language: person.language.clone().unwrap_or_default(),
            time_zone: person.time_zone.clone().unwrap_or_default(),
        };
        return page(&state, &me, profile, FieldErrors::new(), errors, None).await;
    };
    let hash = password::hash(new.expose())
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    // Changing the password ends every session, this one included: sign in again.
    state.store.people().set_password(person.id, &hash).await?;
    Ok(see_other("/sign-in?done=flash-password-changed"))
}

/// Makes (or renews) the person's private calendar feed and shows its address once.
async fn calendar_post(State(state): State<AppState>, me: SignedIn) -> AppResult<Response> {
    let token = state
        .store
        .sessions()
        .renew_calendar_feed(me.user.person.id)
        .await?;
    let person = &me.user.person;
    let form = ProfileForm {
        display_name: person.display_name.clone(),
        pronouns: person.pronouns.clone().unwrap_or_default(),
        language: person.language.clone().unwrap_or_default(),
        time_zone: person.time_zone.clone().unwrap_or_default(),
    };
    let mut view = profile_view(
        &state,
        &me,
        form,
        FieldErrors::new(),
        FieldErrors::new(),
        Some("flash-feed-ready"),
    )
    .await?;
    view.feed_url = Some(format!("{}/calendar/{token}.ics", state.config.public_url));
    Ok(no_store(view))
}
