//! A person's export (`Privacy::export`, a JSON document) as readable HTML
//! (issue 9). The JSON is walked generically, so a field the store adds
//! later shows up here without a change: an object becomes a definition list
//! of its plain values followed by a headed section per list or object in
//! it, a list of objects becomes a table (its columns are the union of the
//! rows' keys), an empty list says "Nothing recorded", and nested values
//! nest. Known keys have a Fluent label (`export-key-*`), others a humanised
//! one. RFC 3339 timestamps are shown in the person's time zone.
//!
//! Every piece of text from the document is escaped: what a person wrote is
//! shown as text and never becomes markup.

use super::chart::escape;
use crate::i18n::Tr;
use serde_json::{Map, Value};

/// The order keys are shown in (sections, then columns and fields); keys
/// not listed follow in alphabetical order. Who and what first, then the
/// words, then when.
const ORDER: &[&str] = &[
    // sections
    "person",
    "roles",
    "memberships",
    "writing",
    "training",
    "attendance",
    "support",
    "ongoing_support",
    "conversations",
    "support_group_meetings",
    // sections within sections
    "peer_groups",
    "support_groups",
    "reflections",
    "introductions",
    "stocktakes",
    "recovery_story_versions",
    "chime_reflections",
    "stories",
    "event_feedback",
    "wellbeing_check_ins",
    "readiness_conversations",
    "shifts",
    "session_logs_written",
    "session_logs_about_you",
    "as_student",
    "referred_to_services",
    "matching_profile",
    "supports_held_as_peer",
    "referrals_made",
    "messages",
    "reports_made",
    "muted",
    // (after the conversations' own lists, and last at the top level)
    "notifications",
    "icebreaker_notes",
    "cafe_notes_as_host",
    "date_poll_answers",
    "pulses_answered",
    "ground_rules_accepted",
    "library_resources_added",
    "field_visits_recorded",
    "reads_of_your_data",
    // who and what
    "id",
    "name",
    "email",
    "pronouns",
    "title",
    "event",
    "meeting",
    "poll",
    "pulse",
    "theme",
    "round",
    "service",
    "contact",
    "site",
    "location",
    "cohort",
    "group",
    "conversation",
    "role",
    "kind",
    "by",
    "action",
    "what",
    "step",
    "number",
    // the words and figures
    "score",
    "rating",
    "connectedness",
    "hope",
    "identity",
    "meaning",
    "empowerment",
    "text",
    "answers",
    "help_with",
    "kind_of_peer_worker",
    "language",
    "time_zone",
    "active",
    "topics",
    "languages",
    "availability",
    "open_to_new",
    "peer_worker",
    "agreed_sessions",
    "extended_sessions",
    "sessions_scheduled",
    "covers",
    "closing_summary",
    "sessions",
    "extensions",
    "reason",
    "decision",
    "outcome",
    "from",
    "what_helped",
    "change_next_time",
    "past",
    "present",
    "future",
    "kept",
    "answer",
    "version",
    "description",
    "url",
    "visitors",
    "observations",
    "support_needs",
    "capacity_needs",
    "follow_up",
    "notify",
    "minutes",
    "flag_difficult",
    "flag_safety",
    "signed_as",
    "status",
    "shared",
    "shared_with_supervisors",
    "note",
    "session_logs_note",
    "pulses_note",
    // when
    "held_on",
    "visited_on",
    "date",
    "when",
    "starts",
    "ends",
    "since",
    "joined",
    "asked",
    "started",
    "confirmed",
    "referred",
    "posted",
    "edited",
    "deleted",
    "hidden_by_moderators",
    "until",
    "accepted",
    "answered",
    "added",
    "saved",
    "given",
    "written",
    "at",
    "closed",
    "archived",
    "erased",
    "exported_at",
];

/// The most columns a table shows side by side.
const WIDE: usize = 6;

fn rank(key: &str) -> usize {
    ORDER.iter().position(|k| *k == key).unwrap_or(ORDER.len())
}

/// An object's keys in reading order.
fn ordered<'a>(keys: impl Iterator<Item = &'a String>) -> Vec<&'a str> {
    let mut keys: Vec<&str> = keys.map(String::as_str).collect();
    keys.sort_by(|a, b| rank(a).cmp(&rank(b)).then(a.cmp(b)));
    keys.dedup();
    keys
}

/// `some_new_key` as "Some new key".
fn humanise(key: &str) -> String {
    let words = key.replace(['_', '-'], " ");
    let mut chars = words.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A key as an `id` attribute: letters, digits and dashes only.
fn anchor(key: &str) -> String {
    let safe: String = key
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("section-{safe}")
}

fn is_plain(value: &Value) -> bool {
    !matches!(value, Value::Array(_) | Value::Object(_))
}

/// Renders an export in one language and time zone.
pub struct Readable<'a> {
    tr: &'a Tr,
    zone: jiff::tz::TimeZone,
}

impl<'a> Readable<'a> {
    pub fn new(tr: &'a Tr, time_zone: &str) -> Self {
        Readable {
            tr,
            zone: jiff::tz::TimeZone::get(time_zone).unwrap_or(jiff::tz::TimeZone::UTC),
        }
    }

    /// A key's heading: its Fluent label, or the key made readable.
    pub fn label(&self, key: &str) -> String {
        let id = format!("export-key-{}", key.replace('_', "-"));
        if self.tr.has(&id) {
            self.tr.t(&id)
        } else {
            humanise(key)
        }
    }

    /// The top level's sections, for a list of contents: (anchor, label).
    pub fn contents(&self, export: &Value) -> Vec<(String, String)> {
        let Value::Object(map) = export else {
            return Vec::new();
        };
        ordered(map.keys())
            .into_iter()
            .filter(|key| !is_plain(&map[*key]))
            .map(|key| (anchor(key), self.label(key)))
            .collect()
    }

    /// The document's body (escaped HTML), headings from `<h2>` down.
    pub fn body(&self, export: &Value) -> String {
        let mut out = String::new();
        self.block(&mut out, export, 2, true);
        out
    }

    /// A value under a heading of `level` - 1.
    fn block(&self, out: &mut String, value: &Value, level: usize, top: bool) {
        match value {
            Value::Object(map) => self.object(out, map, level, top),
            Value::Array(items) if items.is_empty() => self.nothing(out),
            Value::Array(items) if items.iter().all(Value::is_object) => self.table(out, items),
            Value::Array(items) => self.list(out, items),
            plain => {
                out.push_str("<p>");
                self.plain(out, plain);
                out.push_str("</p>");
            }
        }
    }

    /// Plain values as a definition list, then a section per list or object.
    fn object(&self, out: &mut String, map: &Map<String, Value>, level: usize, top: bool) {
        let keys = ordered(map.keys());
        let (plain, nested): (Vec<&str>, Vec<&str>) =
            keys.into_iter().partition(|k| is_plain(&map[*k]));
        if !plain.is_empty() {
            out.push_str("<dl>");
            for key in plain {
                out.push_str(&format!("<div><dt>{}</dt><dd>", escape(&self.label(key))));
                self.plain(out, &map[key]);
                out.push_str("</dd></div>");
            }
            out.push_str("</dl>");
        }
        let heading = level.min(6);
        for key in nested {
            let id = if top {
                format!(" id=\"{}\"", anchor(key))
            } else {
                String::new()
            };
            out.push_str(&format!(
                "<section{id}><h{heading}>{}</h{heading}>",
                escape(&self.label(key))
            ));
            self.block(out, &map[key], level + 1, false);
            out.push_str("</section>");
        }
    }

    /// Rows of objects as a table; each cell carries its column's label for
    /// the stacked layout of narrow screens. A table of more than
    /// [`WIDE`] columns is laid out as one card per row at every width (and
    /// on paper), where its columns would not fit side by side.
    fn table(&self, out: &mut String, rows: &[Value]) {
        let columns = ordered(rows.iter().filter_map(Value::as_object).flat_map(Map::keys));
        let labels: Vec<String> = columns.iter().map(|k| escape(&self.label(k))).collect();
        let class = if columns.len() > WIDE {
            " class=\"wide\""
        } else {
            ""
        };
        out.push_str(&format!("<div class=\"table\"><table{class}><thead><tr>"));
        for label in &labels {
            out.push_str(&format!("<th scope=\"col\">{label}</th>"));
        }
        out.push_str("</tr></thead><tbody>");
        for row in rows {
            out.push_str("<tr>");
            for (key, label) in columns.iter().zip(&labels) {
                out.push_str(&format!("<td data-label=\"{label}\">"));
                if let Some(value) = row.get(*key) {
                    self.inline(out, value);
                }
                out.push_str("</td>");
            }
            out.push_str("</tr>");
        }
        out.push_str("</tbody></table></div>");
    }

    fn list(&self, out: &mut String, items: &[Value]) {
        out.push_str("<ul>");
        for item in items {
            out.push_str("<li>");
            self.inline(out, item);
            out.push_str("</li>");
        }
        out.push_str("</ul>");
    }

    /// A value inside a cell or a list item: nested values nest, unheaded.
    fn inline(&self, out: &mut String, value: &Value) {
        match value {
            Value::Object(map) if map.is_empty() => self.nothing(out),
            Value::Object(map) => {
                out.push_str("<dl>");
                for key in ordered(map.keys()) {
                    out.push_str(&format!("<div><dt>{}</dt><dd>", escape(&self.label(key))));
                    self.inline(out, &map[key]);
                    out.push_str("</dd></div>");
                }
                out.push_str("</dl>");
            }
            Value::Array(items) if items.is_empty() => self.nothing(out),
            Value::Array(items) if items.iter().all(Value::is_object) => self.table(out, items),
            Value::Array(items) => self.list(out, items),
            plain => self.plain(out, plain),
        }
    }

    fn nothing(&self, out: &mut String) {
        out.push_str(&format!(
            "<p class=\"empty\">{}</p>",
            escape(&self.tr.t("export-nothing"))
        ));
    }

    /// One value as text: times in the person's zone, yes and no in words,
    /// a missing value as a dash (read out as "not recorded").
    fn plain(&self, out: &mut String, value: &Value) {
        match value {
            Value::Null => out.push_str(&format!(
                "<span class=\"none\"><span aria-hidden=\"true\">—</span><span class=\"sr\">{}</span></span>",
                escape(&self.tr.t("export-not-recorded"))
            )),
            Value::Bool(yes) => out.push_str(&escape(
                &self.tr.t(if *yes { "export-yes" } else { "export-no" }),
            )),
            Value::Number(n) => out.push_str(&n.to_string()),
            Value::String(text) => match self.time(text) {
                Some(when) => out.push_str(&format!(
                    "<time datetime=\"{}\">{}</time>",
                    escape(text),
                    escape(&when)
                )),
                None => out.push_str(&format!("<span class=\"text\">{}</span>", escape(text))),
            },
            nested => self.inline(out, nested),
        }
    }

    /// An RFC 3339 timestamp as "2 December 2026, 09:36" in the zone.
    fn time(&self, text: &str) -> Option<String> {
        // Dates alone ("2026-12-02") and other words stay as they are.
        if !text.contains('T') && !text.contains(' ') {
            return None;
        }
        let at: jiff::Timestamp = text.trim().parse().ok()?;
        let local = at.to_zoned_datetime(self.zone.clone());
        Some(self.tr.args(
            "export-time",
            &[
                ("day", local.day().to_string()),
                (
                    "month",
                    self.tr.t(&format!("export-month-{}", local.month())),
                ),
                ("year", local.year().to_string()),
                ("time", local.strftime("%H:%M").to_string()),
            ],
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hearth_domain::input::Language;
    use serde_json::json;

    fn render(value: &Value) -> String {
        let tr = Tr::new(Language::English);
        Readable::new(&tr, "Europe/Belgrade").body(value)
    }

    #[test]
    fn objects_lists_and_tables() {
        let html = render(&json!({
            "exported_at": "2026-12-02T09:36:00Z",
            "person": {"name": "Teuta", "active": true, "erased": null},
            "writing": {
                "stories": [
                    {"title": "One", "text": "First"},
                    {"title": "Two", "written": "2026-01-05T08:00:00.123Z", "a_new_field": 3}
                ],
                "reflections": []
            },
            "tags": ["a", "b"],
        }));
        // Times in the person's zone (UTC+1 in December and January).
        assert!(html.contains(">2 December 2026, 10:36</time>"), "{html}");
        assert!(html.contains(">5 January 2026, 09:00</time>"), "{html}");
        assert!(html.contains("<dt>Name</dt><dd><span class=\"text\">Teuta</span>"));
        assert!(html.contains("<dd>Yes</dd>"));
        assert!(html.contains("Not recorded"));
        // Columns are the union of the rows' keys; unknown keys are humanised.
        assert!(
            html.contains("<th scope=\"col\">A new field</th>"),
            "{html}"
        );
        assert_eq!(html.matches("<tr>").count(), 3);
        assert!(html.contains("Nothing recorded"));
        assert!(html.contains("<li><span class=\"text\">a</span></li>"));
        // The person comes before their writing, whatever the JSON's order.
        assert!(html.find("section-person") < html.find("section-writing"));
    }

    #[test]
    fn words_never_become_markup() {
        let html = render(&json!({
            "writing": {"stories": [{"title": "<script>alert(1)</script>", "text": "a & \"b\""}]},
            "<b>odd key</b>": {"x": "<img src=x onerror=alert(1)>"},
        }));
        assert!(!html.contains("<script>"));
        assert!(!html.contains("<img"));
        assert!(!html.contains("<b>"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(html.contains("a &amp; &quot;b&quot;"));
    }

    #[test]
    fn every_top_level_section_is_in_the_contents() {
        let tr = Tr::new(Language::Albanian);
        let readable = Readable::new(&tr, "UTC");
        let contents = readable.contents(&json!({"exported_at": "x", "roles": [], "person": {}}));
        assert_eq!(contents.len(), 2);
        assert_eq!(contents[0].0, "section-person");
    }
}
