//! Input from people, parsed into types that are valid by construction.
//!
//! Each error carries a Fluent message id, so the form that rejected the
//! input can say what is wrong in the reader's language.

use serde::Serialize;
use std::fmt;

/// Why a piece of input was refused; `message_id` names the Fluent message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message_id}")]
pub struct InputError {
    pub message_id: &'static str,
}

impl InputError {
    pub const fn new(message_id: &'static str) -> Self {
        Self { message_id }
    }
}

/// An email address, trimmed and lower-cased so one person has one address.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, InputError> {
        let email = raw.trim().to_lowercase();
        let invalid = InputError::new("error-email-invalid");
        if email.is_empty() {
            return Err(InputError::new("error-email-required"));
        }
        if email.len() > 254 || email.chars().any(char::is_whitespace) {
            return Err(invalid);
        }
        let (local, domain) = email.split_once('@').ok_or(invalid.clone())?;
        if local.is_empty() || domain.contains('@') || !domain.contains('.') {
            return Err(invalid);
        }
        if domain.starts_with('.') || domain.ends_with('.') {
            return Err(invalid);
        }
        Ok(Self(email))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A new password. Only its length is checked: long passphrases beat rules.
#[derive(Clone, PartialEq, Eq)]
pub struct NewPassword(String);

impl NewPassword {
    pub const MIN_CHARS: usize = 10;
    pub const MAX_CHARS: usize = 200;

    pub fn parse(raw: &str) -> Result<Self, InputError> {
        let count = raw.chars().count();
        if count < Self::MIN_CHARS {
            return Err(InputError::new("error-password-short"));
        }
        if count > Self::MAX_CHARS {
            return Err(InputError::new("error-password-long"));
        }
        Ok(Self(raw.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NewPassword(redacted)")
    }
}

/// A required short text: a person's display name, a site's name, a title.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Name(String);

impl Name {
    pub const MAX_CHARS: usize = 120;

    pub fn parse(raw: &str) -> Result<Self, InputError> {
        let name = raw.trim();
        if name.is_empty() {
            return Err(InputError::new("error-name-required"));
        }
        if name.chars().count() > Self::MAX_CHARS {
            return Err(InputError::new("error-name-long"));
        }
        if name.chars().any(char::is_control) {
            return Err(InputError::new("error-name-invalid"));
        }
        Ok(Self(name.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Optional free text with a length limit; empty becomes `None`.
pub fn optional_text(raw: &str, max_chars: usize) -> Result<Option<String>, InputError> {
    let text = raw.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if text.chars().count() > max_chars {
        return Err(InputError::new("error-text-long"));
    }
    Ok(Some(text.to_owned()))
}

/// A language the interface speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Default)]
pub enum Language {
    #[default]
    English,
    Albanian,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::English, Language::Albanian];

    pub fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::Albanian => "sq",
        }
    }

    /// The language's name in itself, for the switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Language::English => "English",
            Language::Albanian => "Shqip",
        }
    }

    pub fn from_code(code: &str) -> Option<Language> {
        let primary = code.split(['-', '_']).next()?.trim().to_lowercase();
        Language::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// The best language for an `Accept-Language` header, honouring q-values.
    pub fn from_accept_language(header: &str) -> Option<Language> {
        let mut best: Option<(Language, f32)> = None;
        for part in header.split(',') {
            let mut pieces = part.split(';');
            let Some(tag) = pieces.next() else { continue };
            let quality = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            if let Some(language) = Language::from_code(tag)
                && best.is_none_or(|(_, q)| quality > q)
            {
                best = Some((language, quality));
            }
        }
        best.map(|(language, _)| language)
    }
}

/// A calendar date typed into a form (`YYYY-MM-DD`).
pub fn date(raw: &str) -> Result<jiff::civil::Date, InputError> {
    raw.trim()
        .parse()
        .map_err(|_| InputError::new("error-date-invalid"))
}

/// An optional date: empty is `None`.
pub fn optional_date(raw: &str) -> Result<Option<jiff::civil::Date>, InputError> {
    if raw.trim().is_empty() {
        Ok(None)
    } else {
        date(raw).map(Some)
    }
}

/// An IANA time zone name, checked against the zones jiff knows.
pub fn time_zone(raw: &str) -> Result<String, InputError> {
    let name = raw.trim();
    jiff::tz::TimeZone::get(name)
        .map(|_| name.to_owned())
        .map_err(|_| InputError::new("error-time-zone-invalid"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(
            Email::parse("  Ana@Example.ORG ").map(|e| e.0),
            Ok("ana@example.org".into())
        );
        for bad in [
            "",
            "ana",
            "ana@",
            "@example.org",
            "a b@example.org",
            "ana@example",
            "a@b@c.d",
            "a@.org",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn passwords_need_ten_characters() {
        assert!(NewPassword::parse("short").is_err());
        assert!(NewPassword::parse("long enough pass").is_ok());
        assert_eq!(
            format!("{:?}", NewPassword::parse("secret secret").ok()),
            "Some(NewPassword(redacted))"
        );
    }

    #[test]
    fn names_are_trimmed_and_required() {
        assert_eq!(
            Name::parse("  I'm here ").map(|n| n.0),
            Ok("I'm here".into())
        );
        assert!(Name::parse("   ").is_err());
        assert!(Name::parse(&"x".repeat(121)).is_err());
        assert!(Name::parse("tab\there").is_err());
    }

    #[test]
    fn accept_language_picks_the_preferred_known_language() {
        assert_eq!(
            Language::from_accept_language("sq-AL,sq;q=0.9,en;q=0.8"),
            Some(Language::Albanian)
        );
        assert_eq!(
            Language::from_accept_language("de-DE,en;q=0.5,sq;q=0.7"),
            Some(Language::Albanian)
        );
        assert_eq!(Language::from_accept_language("de-DE"), None);
    }

    #[test]
    fn time_zones_and_dates_parse() {
        assert!(time_zone("Europe/Belgrade").is_ok());
        assert!(time_zone("Mars/Olympus").is_err());
        assert!(date("2026-11-23").is_ok());
        assert!(date("23/11/2026").is_err());
        assert_eq!(optional_date(" "), Ok(None));
    }
}
