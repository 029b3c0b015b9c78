//! Every user-facing string comes from `locales/<lang>/*.ftl`.

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid, static_loader};
use hearth_domain::input::Language;
use std::borrow::Cow;
use std::collections::HashMap;

static_loader! {
    pub static LOCALES = {
        locales: "../../locales",
        fallback_language: "en",
        // Bidi isolation marks around arguments show up as stray characters
        // in plain-text emails and in some screen readers.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static ENGLISH: LanguageIdentifier = langid!("en");
static ALBANIAN: LanguageIdentifier = langid!("sq");

fn identifier(language: Language) -> &'static LanguageIdentifier {
    match language {
        Language::English => &ENGLISH,
        Language::Albanian => &ALBANIAN,
    }
}

/// Translations in one language; templates call `tr.t("key")`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Tr {
    pub language: Language,
}

impl Tr {
    pub fn new(language: Language) -> Self {
        Tr { language }
    }

    /// Someone's own language, for what is sent to them (the default when
    /// they have not chosen one).
    pub fn for_person(person: &hearth_store::Person) -> Self {
        Tr::new(
            person
                .language
                .as_deref()
                .and_then(Language::from_code)
                .unwrap_or_default(),
        )
    }

    pub fn t(&self, key: &str) -> String {
        LOCALES.lookup(identifier(self.language), key)
    }

    /// A message with one named argument.
    pub fn t1(&self, key: &str, name: &str, value: impl ToString) -> String {
        self.args(key, &[(name, value.to_string())])
    }

    /// A message with a number argument (plural rules need a number).
    pub fn n(&self, key: &str, name: &str, value: impl Count) -> String {
        let mut args: HashMap<Cow<'static, str>, FluentValue> = HashMap::new();
        args.insert(
            Cow::Owned(name.to_owned()),
            FluentValue::from(value.count()),
        );
        LOCALES.lookup_with_args(identifier(self.language), key, &args)
    }

    pub fn args(&self, key: &str, values: &[(&str, String)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue> = values
            .iter()
            .map(|(name, value)| {
                (
                    Cow::Owned((*name).to_owned()),
                    FluentValue::from(value.clone()),
                )
            })
            .collect();
        LOCALES.lookup_with_args(identifier(self.language), key, &args)
    }

    /// Whether a key exists (used to accept only known flash messages).
    pub fn has(&self, key: &str) -> bool {
        LOCALES.try_lookup(identifier(self.language), key).is_some()
    }

    pub fn code(&self) -> &'static str {
        self.language.code()
    }
}

/// Anything templates count with: plural rules need the number itself.
pub trait Count {
    fn count(&self) -> i64;
}

impl Count for i64 {
    fn count(&self) -> i64 {
        *self
    }
}

impl Count for i32 {
    fn count(&self) -> i64 {
        i64::from(*self)
    }
}

impl Count for u32 {
    fn count(&self) -> i64 {
        i64::from(*self)
    }
}

impl Count for usize {
    fn count(&self) -> i64 {
        i64::try_from(*self).unwrap_or(i64::MAX)
    }
}

impl<T: Count> Count for &T {
    fn count(&self) -> i64 {
        (*self).count()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use std::collections::BTreeSet;

    fn keys(language: &str) -> BTreeSet<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../locales")
            .join(language);
        let mut keys = BTreeSet::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for line in text.lines() {
                let starts_message = line.chars().next().is_some_and(|c| c.is_ascii_lowercase());
                if let (true, Some((key, _))) = (starts_message, line.split_once(" =")) {
                    keys.insert(key.trim().to_owned());
                }
            }
        }
        keys
    }

    #[test]
    fn every_locale_has_every_key() {
        let english = keys("en");
        let albanian = keys("sq");
        assert!(
            english.len() > 100,
            "expected the English messages, found {}",
            english.len()
        );
        let missing: Vec<_> = english.difference(&albanian).collect();
        assert!(missing.is_empty(), "Albanian lacks: {missing:?}");
        let extra: Vec<_> = albanian.difference(&english).collect();
        assert!(
            extra.is_empty(),
            "Albanian has keys English lacks: {extra:?}"
        );
    }

    #[test]
    fn messages_resolve_in_both_languages() {
        assert_eq!(Tr::new(Language::English).t("nav-help"), "Help");
        assert_eq!(Tr::new(Language::Albanian).t("nav-help"), "Ndihmë");
    }
}
