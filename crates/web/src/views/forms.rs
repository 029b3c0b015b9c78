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

// --- the all-or-nothing CSV import preview, shared by the people import and
// the reports' activity import: reading the upload, and the preview table ---

/// One row of an import as its preview shows it: the line of the file, the
/// cells in the order of the preview's columns, and what is wrong with it.
pub struct PreviewRow {
    pub line: usize,
    pub cells: Vec<String>,
    pub errors: Vec<String>,
}

/// What an import page shows: the checked rows, and whether they may be added.
/// Rendered by `templates/import_preview.html`.
pub struct ImportPreview {
    /// The file's text, sent back with the confirmation.
    pub csv: String,
    /// The columns after "line" (their names also label cells on a phone).
    pub head: Vec<String>,
    pub rows: Vec<PreviewRow>,
    pub file_error: Option<String>,
    pub previewed: bool,
    /// Every row is right: the confirm button is shown.
    pub valid: bool,
}

impl ImportPreview {
    pub fn new(
        csv: String,
        head: Vec<String>,
        rows: Vec<PreviewRow>,
        file_error: Option<String>,
        previewed: bool,
    ) -> ImportPreview {
        let valid = previewed
            && file_error.is_none()
            && !rows.is_empty()
            && rows.iter().all(|r| r.errors.is_empty());
        ImportPreview {
            csv,
            head,
            rows,
            file_error,
            previewed,
            valid,
        }
    }

    /// A preview that was asked for and found problems answers 422.
    pub fn refused(&self) -> bool {
        self.previewed && !self.valid
    }
}

/// Reads an import form (a `file` or `pasted` text, and the CSRF token):
/// gives the token and the text, or the message to show instead.
pub async fn read_csv_upload(
    multipart: &mut axum::extract::Multipart,
    tr: &Tr,
    max_bytes: usize,
    empty_message_id: &str,
) -> (String, Result<String, String>) {
    let mut csrf = String::new();
    let mut text = String::new();
    let mut file_error = None;
    while let Ok(Some(field)) = multipart.next_field().await {
        let name = field.name().unwrap_or_default().to_owned();
        let Ok(bytes) = field.bytes().await else {
            file_error = Some(tr.t("import-error-unreadable"));
            break;
        };
        match name.as_str() {
            "csrf" => csrf = String::from_utf8_lossy(&bytes).into_owned(),
            "file" | "pasted" if !bytes.is_empty() && text.is_empty() => {
                if bytes.len() > max_bytes {
                    file_error = Some(tr.t("import-error-too-big"));
                } else {
                    match String::from_utf8(bytes.to_vec()) {
                        Ok(decoded) => text = decoded.trim_start_matches('\u{feff}').to_owned(),
                        Err(_) => file_error = Some(tr.t("import-error-encoding")),
                    }
                }
            }
            _ => {}
        }
    }
    if file_error.is_none() && text.trim().is_empty() {
        file_error = Some(tr.t(empty_message_id));
    }
    match file_error {
        Some(error) => (csrf, Err(error)),
        None => (csrf, Ok(text)),
    }
}
