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
    /// Each site's own crisis contacts, line by line, with a `tel:` link
    /// for a line that ends in a phone number.
    site_contacts: Vec<(String, Vec<ContactLine>)>,
    prevention: Vec<Service>,
    intervention: Vec<Service>,
}

/// One line of a site's crisis contacts: the words around the number, the
/// number, and its `tel:` link (a line without a number is all `label`).
pub struct ContactLine {
    pub label: String,
    pub number: String,
    pub note: String,
    pub tel: Option<String>,
}

/// Finds the phone number in "Campus security: 0800 123 456 (day and night)"
/// so it can be tapped, keeping the words before and after it.
pub fn contact_line(line: &str) -> ContactLine {
    let line = line.trim();
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if c.is_ascii_digit() || c == '+' {
            let mut j = i;
            let mut digits = 0;
            while j < chars.len() && (chars[j].1.is_ascii_digit() || " +-".contains(chars[j].1)) {
                digits += usize::from(chars[j].1.is_ascii_digit());
                j += 1;
            }
            let end = chars.get(j).map_or(line.len(), |(at, _)| *at);
            let number = line[start..end].trim_end_matches([' ', '-']);
            if digits >= 3 {
                return ContactLine {
                    label: line[..start]
                        .trim()
                        .trim_end_matches([':', '-', '\u{2013}', '\u{2014}'])
                        .trim()
                        .to_owned(),
                    number: number.to_owned(),
                    note: line[start + number.len()..].trim().to_owned(),
                    tel: phone_link(Some(number)),
                };
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    ContactLine {
        label: line.to_owned(),
        number: String::new(),
        note: String::new(),
        tel: None,
    }
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
    let site_contacts = state
        .store
        .support()
        .crisis_contacts()
        .await?
        .into_iter()
        .map(|(site, text)| {
            let lines = text
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(contact_line)
                .collect();
            (site, lines)
        })
        .collect();
    let view = HelpView {
        site_contacts,
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
    use super::{contact_line, phone_link};

    #[test]
    fn a_contact_line_keeps_its_words_and_taps_its_number() {
        let line = contact_line("Campus security: 0800 123 456 (day and night)");
        assert_eq!(line.label, "Campus security");
        assert_eq!(line.number, "0800 123 456");
        assert_eq!(line.note, "(day and night)");
        assert_eq!(line.tel.as_deref(), Some("tel:0800123456"));
        let plus = contact_line("Night nurse +383 38 000 111");
        assert_eq!(plus.label, "Night nurse");
        assert_eq!(plus.tel.as_deref(), Some("tel:+38338000111"));
        let words = contact_line("Ask at the front desk, room 2");
        assert_eq!(words.label, "Ask at the front desk, room 2");
        assert_eq!(words.tel, None);
    }

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
