//! People: dense indexes `0..n` for the engine, with the caller's string ids and
//! optional attributes (attribute name -> value).

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::error::GroupsError;

/// The people taking part. Index `i` in every result refers to `ids[i]`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct People {
    ids: Vec<String>,
    attributes: Vec<BTreeMap<String, String>>,
    #[serde(skip)]
    index: HashMap<String, usize>,
    /// True when ids were generated (`0..n`), so outputs can print numbers.
    numbered: bool,
}

impl People {
    /// `n` people with ids "0".."n-1" and no attributes.
    pub fn numbered(n: usize) -> Self {
        let ids: Vec<String> = (0..n).map(|i| i.to_string()).collect();
        let index = ids
            .iter()
            .enumerate()
            .map(|(i, id)| (id.clone(), i))
            .collect();
        People {
            ids,
            attributes: vec![BTreeMap::new(); n],
            index,
            numbered: true,
        }
    }

    /// People from `(id, attributes)` pairs; ids must be distinct and non-empty.
    pub fn from_records(
        records: Vec<(String, BTreeMap<String, String>)>,
    ) -> Result<Self, GroupsError> {
        let mut people = People::default();
        for (id, attrs) in records {
            if people.index.contains_key(&id) {
                return Err(GroupsError::DuplicateId {
                    context: "people".into(),
                    id,
                });
            }
            people.index.insert(id.clone(), people.ids.len());
            people.ids.push(id);
            people.attributes.push(attrs);
        }
        Ok(people)
    }

    /// Parse CSV text: a header row with an `id` column plus attribute columns.
    /// Empty cells mean "no value" for that attribute.
    pub fn from_csv(text: &str) -> Result<Self, GroupsError> {
        let mut rows = Vec::new();
        for (line_index, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            rows.push((line_index + 1, parse_csv_line(line, line_index + 1)?));
        }
        let Some((_, header)) = rows.first() else {
            return Err(GroupsError::Csv {
                line: 1,
                message: "the file is empty; expected a header row with an `id` column".into(),
            });
        };
        let header: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
        let Some(id_column) = header.iter().position(|h| h.eq_ignore_ascii_case("id")) else {
            return Err(GroupsError::Csv {
                line: rows[0].0,
                message: "the header row has no `id` column".into(),
            });
        };
        let mut records = Vec::new();
        let mut seen = HashMap::new();
        for (line, fields) in rows.iter().skip(1) {
            if fields.len() != header.len() {
                return Err(GroupsError::Csv {
                    line: *line,
                    message: format!(
                        "expected {} fields as in the header, found {}",
                        header.len(),
                        fields.len()
                    ),
                });
            }
            let id = fields[id_column].trim().to_string();
            if id.is_empty() {
                return Err(GroupsError::Csv {
                    line: *line,
                    message: "empty id".into(),
                });
            }
            if let Some(first) = seen.insert(id.clone(), *line) {
                return Err(GroupsError::Csv {
                    line: *line,
                    message: format!("id {id:?} already used on line {first}"),
                });
            }
            let attrs = header
                .iter()
                .zip(fields)
                .enumerate()
                .filter(|(column, (_, value))| *column != id_column && !value.trim().is_empty())
                .map(|(_, (name, value))| (name.clone(), value.trim().to_string()))
                .collect();
            records.push((id, attrs));
        }
        People::from_records(records)
    }

    /// Number of people.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// True when there is nobody.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// True when ids were generated as `0..n`.
    pub fn is_numbered(&self) -> bool {
        self.numbered
    }

    /// The external id of person `i`.
    pub fn id(&self, i: usize) -> &str {
        self.ids.get(i).map_or("?", String::as_str)
    }

    /// All external ids, by index.
    pub fn ids(&self) -> &[String] {
        &self.ids
    }

    /// The index of an external id, or `UnknownId` naming `context`.
    pub fn index_of(&self, id: &str, context: &str) -> Result<usize, GroupsError> {
        self.index
            .get(id)
            .copied()
            .ok_or_else(|| GroupsError::UnknownId {
                context: context.into(),
                id: id.into(),
            })
    }

    /// The value of `attribute` for person `i`, if any.
    pub fn attribute(&self, i: usize, attribute: &str) -> Option<&str> {
        self.attributes
            .get(i)
            .and_then(|a| a.get(attribute))
            .map(String::as_str)
    }

    /// True when at least one person has `attribute`.
    pub fn has_attribute(&self, attribute: &str) -> bool {
        self.attributes.iter().any(|a| a.contains_key(attribute))
    }
}

/// Split one CSV line, honouring double quotes ("" inside quotes is a quote).
fn parse_csv_line(line: &str, line_number: usize) -> Result<Vec<String>, GroupsError> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut in_quotes = false;
    let mut chars = line.trim_end_matches('\r').chars().peekable();
    while let Some(c) = chars.next() {
        match (c, in_quotes) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', true) => in_quotes = false,
            ('"', false) if field.trim().is_empty() => {
                field.clear();
                in_quotes = true;
            }
            (',', false) => fields.push(std::mem::take(&mut field)),
            (c, _) => field.push(c),
        }
    }
    if in_quotes {
        return Err(GroupsError::Csv {
            line: line_number,
            message: "a quoted field is not closed".into(),
        });
    }
    fields.push(field);
    Ok(fields)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn parses_csv_with_quotes_and_blanks() {
        let p = People::from_csv("id,site,lang\na,\"North, upper\",en\nb,,fr\n").unwrap();
        assert_eq!(p.len(), 2);
        assert_eq!(p.attribute(0, "site"), Some("North, upper"));
        assert_eq!(p.attribute(1, "site"), None);
        assert_eq!(p.index_of("b", "x").unwrap(), 1);
    }

    #[test]
    fn csv_errors_are_clear() {
        let e = People::from_csv("").unwrap_err();
        assert!(e.to_string().contains("empty"), "{e}");
        let e = People::from_csv("name,site\na,b").unwrap_err();
        assert!(e.to_string().contains("no `id` column"), "{e}");
        let e = People::from_csv("id,site\na,b,c").unwrap_err();
        assert!(e.to_string().contains("line 2: expected 2 fields"), "{e}");
        let e = People::from_csv("id\na\na").unwrap_err();
        assert!(e.to_string().contains("already used on line 2"), "{e}");
        let e = People::from_csv("id\n\"a").unwrap_err();
        assert!(e.to_string().contains("not closed"), "{e}");
        let e = People::numbered(3).index_of("7", "keep apart").unwrap_err();
        assert_eq!(e.to_string(), "unknown id \"7\" in keep apart");
    }
}
