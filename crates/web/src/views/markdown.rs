//! Markdown written in the browser (curricula), rendered safely.
//!
//! pulldown-cmark passes raw HTML through by default; here every piece of
//! raw HTML becomes plain text, so `<script>` shows as the characters people
//! typed. Links and images keep only web, mail and same-site addresses.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, html};

/// HTML for Markdown `text`; safe to place in a page unescaped.
pub fn to_html(text: &str) -> String {
    let options = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES;
    let events = Parser::new_ext(text, options).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: safe_url(dest_url),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: safe_url(dest_url),
            title,
            id,
        }),
        other => other,
    });
    let mut out = String::with_capacity(text.len() * 3 / 2);
    html::push_html(&mut out, events);
    out
}

/// Keeps `http(s):`, `mailto:`, `tel:` and addresses on this site; anything
/// else (`javascript:`, `data:`...) becomes an empty link.
fn safe_url(url: CowStr<'_>) -> CowStr<'_> {
    let lower = url.trim().to_ascii_lowercase();
    let scheme_allowed = ["http://", "https://", "mailto:", "tel:"]
        .iter()
        .any(|s| lower.starts_with(s));
    let has_scheme = lower
        .split(['/', '?', '#'])
        .next()
        .is_some_and(|first| first.contains(':'));
    if scheme_allowed || !has_scheme {
        url
    } else {
        CowStr::Borrowed("#")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_shown_as_text() {
        let out = to_html("Hello <script>alert(1)</script>\n\n<div onclick=\"x\">hi</div>");
        assert!(!out.contains("<script"), "{out}");
        assert!(
            out.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{out}"
        );
        assert!(!out.contains("<div"), "{out}");
    }

    #[test]
    fn markdown_renders_and_dangerous_links_go() {
        let out = to_html("- **one**\n- [two](https://example.org)\n\n[bad](javascript:alert(1))");
        assert!(out.contains("<li><strong>one</strong></li>"), "{out}");
        assert!(out.contains("href=\"https://example.org\""), "{out}");
        assert!(!out.contains("javascript"), "{out}");
        assert!(to_html("[here](/help)").contains("href=\"/help\""));
    }
}
