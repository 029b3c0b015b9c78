//! iCalendar (RFC 5545) text for events: a download per event and a feed per
//! person. Written here because the few properties Hearth needs do not justify
//! a second date library (the icalendar crate is built on chrono; Hearth uses jiff).

use hearth_store::Event;

/// One calendar entry.
pub struct CalendarEntry<'a> {
    pub event: &'a Event,
    /// Where to open the event in Hearth.
    pub url: String,
}

/// A whole calendar with these entries.
pub fn calendar(name: &str, entries: &[CalendarEntry<'_>], now_ms: i64) -> String {
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//Hearth//Peer support//EN");
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    line(&mut out, &format!("X-WR-CALNAME:{}", escape(name)));
    for entry in entries {
        let event = entry.event;
        let minutes: i64 = event
            .run_sheet
            .steps
            .iter()
            .map(|s| i64::from(s.minutes))
            .sum();
        line(&mut out, "BEGIN:VEVENT");
        line(&mut out, &format!("UID:{}@hearth", event.id));
        // Each move or cancellation raises it, so calendars take the new plan.
        line(&mut out, &format!("SEQUENCE:{}", event.revision));
        line(&mut out, &format!("DTSTAMP:{}", utc(now_ms)));
        line(&mut out, &format!("DTSTART:{}", utc(event.starts_at)));
        line(
            &mut out,
            &format!("DTEND:{}", utc(event.starts_at + minutes.max(1) * 60_000)),
        );
        line(&mut out, &format!("SUMMARY:{}", escape(&event.title)));
        line(
            &mut out,
            &format!(
                "DESCRIPTION:{}",
                escape(&format!("{} · {}", event.audience_name, entry.url))
            ),
        );
        line(&mut out, &format!("URL:{}", entry.url));
        if event.cancelled {
            line(&mut out, "STATUS:CANCELLED");
        }
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    out
}

/// A UTC time as `YYYYMMDDTHHMMSSZ`.
fn utc(ms: i64) -> String {
    hearth_store::timestamp(ms)
        .strftime("%Y%m%dT%H%M%SZ")
        .to_string()
}

/// Text values escape backslashes, semicolons, commas and new lines.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            other => out.push(other),
        }
    }
    out
}

/// Lines end in CRLF and fold at 75 octets, never inside a character.
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for ch in content.chars() {
        let len = ch.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(ch);
        width += len;
    }
    out.push_str("\r\n");
}

/// A calendar entry that is not a live event (a peer support group's meeting).
pub struct Appointment {
    pub uid: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub title: String,
    pub description: String,
    pub location: Option<String>,
    pub url: String,
    pub cancelled: bool,
    /// Raised each time the entry changes, so calendars take the newer one
    /// for the same UID.
    pub sequence: i32,
}

/// A whole calendar of appointments.
pub fn appointments(name: &str, entries: &[Appointment], now_ms: i64) -> String {
    appointments_with_method(name, entries, now_ms, "PUBLISH")
}

/// A calendar of appointments with the iTIP method: `PUBLISH`, or `CANCEL`
/// to take entries (same UID, higher SEQUENCE) out of people's calendars.
pub fn appointments_with_method(
    name: &str,
    entries: &[Appointment],
    now_ms: i64,
    method: &str,
) -> String {
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//Hearth//Peer support//EN");
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, &format!("METHOD:{method}"));
    line(&mut out, &format!("X-WR-CALNAME:{}", escape(name)));
    for entry in entries {
        line(&mut out, "BEGIN:VEVENT");
        line(&mut out, &format!("UID:{}@hearth", entry.uid));
        line(&mut out, &format!("SEQUENCE:{}", entry.sequence));
        line(&mut out, &format!("DTSTAMP:{}", utc(now_ms)));
        line(&mut out, &format!("DTSTART:{}", utc(entry.starts_at)));
        line(&mut out, &format!("DTEND:{}", utc(entry.ends_at)));
        line(&mut out, &format!("SUMMARY:{}", escape(&entry.title)));
        line(
            &mut out,
            &format!(
                "DESCRIPTION:{}",
                escape(&format!("{}\n{}", entry.description, entry.url))
            ),
        );
        if let Some(place) = &entry.location {
            line(&mut out, &format!("LOCATION:{}", escape(place)));
        }
        line(&mut out, &format!("URL:{}", entry.url));
        if entry.cancelled {
            line(&mut out, "STATUS:CANCELLED");
        }
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_long_lines_fold_without_splitting_characters() {
        assert_eq!(escape("a;b,c\\d\ne"), "a\\;b\\,c\\\\d\\ne");
        let mut out = String::new();
        line(&mut out, &format!("SUMMARY:{}", "ë".repeat(60)));
        for physical in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(physical.len() <= 75, "{physical}");
        }
        assert!(out.contains("\r\n "));
        assert_eq!(utc(0), "19700101T000000Z");
    }
}
