//! `/help`: reachable from every page, signed in or not. Crisis numbers first.

use super::no_store;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::Layout;
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use hearth_domain::org::ServiceKind;
use hearth_store::Service;

pub fn router() -> Router<AppState> {
    Router::new().route("/help", get(help_get))
}

#[derive(Template, WebTemplate)]
#[template(path = "help/help.html")]
struct HelpView {
    layout: Layout,
    crisis_text: String,
    crisis_lines: Vec<(Service, Option<String>)>,
    prevention: Vec<Service>,
    intervention: Vec<Service>,
}

/// A `tel:` link for a contact that is a phone number.
pub fn phone_link(contact: Option<&str>) -> Option<String> {
    let contact = contact?.trim();
    let digits: String = contact
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    let looks_like_phone = !digits.is_empty()
        && contact
            .chars()
            .all(|c| c.is_ascii_digit() || " +-()".contains(c));
    looks_like_phone.then(|| format!("tel:{digits}"))
}

async fn help_get(State(state): State<AppState>, Ctx(ctx): Ctx) -> AppResult<Response> {
    let tr = Tr::new(ctx.language);
    let organisation = state.store.org().organisation().await?;
    let services = state.store.services().list(false).await?;
    let (crisis, others): (Vec<_>, Vec<_>) = services.into_iter().partition(|s| s.is_crisis_line);
    let (prevention, intervention) = others
        .into_iter()
        .partition(|s| s.kind == ServiceKind::Prevention);
    let view = HelpView {
        layout: Layout::new(&state, &ctx, "/help", tr.t("help-title")).await,
        crisis_text: organisation.map(|o| o.crisis_text).unwrap_or_default(),
        crisis_lines: crisis
            .into_iter()
            .map(|s| {
                let tel = phone_link(s.contact.as_deref());
                (s, tel)
            })
            .collect(),
        prevention,
        intervention,
    };
    Ok(no_store(view))
}

#[cfg(test)]
mod tests {
    use super::phone_link;

    #[test]
    fn phone_numbers_become_tel_links() {
        assert_eq!(phone_link(Some("112")).as_deref(), Some("tel:112"));
        assert_eq!(
            phone_link(Some("+44 20 7946 0000")).as_deref(),
            Some("tel:+442079460000")
        );
        assert_eq!(phone_link(Some("help@example.org")), None);
        assert_eq!(phone_link(None), None);
    }
}
