//! Form errors, field by field, in the reader's language.

use crate::i18n::Tr;
use hearth_domain::input::InputError;
use std::collections::BTreeMap;

/// Errors keyed by field name; templates ask `errors.get("email")`.
#[derive(Debug, Default, Clone)]
pub struct FieldErrors {
    errors: BTreeMap<&'static str, String>,
}

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    /// Records the translated message for `field`.
    pub fn add(&mut self, tr: &Tr, field: &'static str, error: &InputError) {
        self.errors
            .entry(field)
            .or_insert_with(|| tr.t(error.message_id));
    }

    /// Records a message by its Fluent id.
    pub fn add_message(&mut self, tr: &Tr, field: &'static str, message_id: &str) {
        self.errors.entry(field).or_insert_with(|| tr.t(message_id));
    }

    /// Keeps the parsed value, or records the error and returns `None`.
    pub fn check<T>(
        &mut self,
        tr: &Tr,
        field: &'static str,
        parsed: Result<T, InputError>,
    ) -> Option<T> {
        match parsed {
            Ok(value) => Some(value),
            Err(error) => {
                self.add(tr, field, &error);
                None
            }
        }
    }

    /// Optional `starts_on` and `ends_on` dates, the end not before the start,
    /// as stored text (`YYYY-MM-DD`).
    pub fn check_dates(
        &mut self,
        tr: &Tr,
        starts: &str,
        ends: &str,
    ) -> Option<(Option<String>, Option<String>)> {
        let starts = self.check(tr, "starts_on", hearth_domain::input::optional_date(starts));
        let ends = self.check(tr, "ends_on", hearth_domain::input::optional_date(ends));
        if let (Some(Some(start)), Some(Some(end))) = (starts, ends)
            && end < start
        {
            self.add_message(tr, "ends_on", "error-end-before-start");
            return None;
        }
        Some((starts?.map(|d| d.to_string()), ends?.map(|d| d.to_string())))
    }

    /// Records a message already put into words (one with arguments).
    pub fn add_message_text(&mut self, field: &'static str, message: String) {
        self.errors.entry(field).or_insert(message);
    }

    /// Every message, for a list such as an import row's problems.
    pub fn messages(&self) -> Vec<String> {
        self.errors.values().cloned().collect()
    }

    pub fn get(&self, field: &str) -> Option<&str> {
        self.errors.get(field).map(String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    pub fn len(&self) -> usize {
        self.errors.len()
    }
}
