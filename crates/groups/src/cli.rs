//! Pure functions behind `hearth groups`: parsed arguments and input text in,
//! JSON out. The command line reads files, calls these, prints the JSON, and on
//! error prints the message and exits 2.

use std::time::Instant;

use serde_json::{Value, json};

use crate::cafe::{CafeRequest, world_cafe};
use crate::error::GroupsError;
use crate::people::People;
use crate::persistent::{PersistentRequest, form_groups};
use crate::quality::Round;
use crate::rotation::{RotationRequest, rotate};
use crate::search::SearchLimits;
use crate::sizes::Sizing;

/// Default time limit in seconds; searches return earlier when optimal.
pub const DEFAULT_TIME_LIMIT_SECONDS: f64 = 10.0;

/// Who takes part: a number of people (ids `0..n`) or the text of a people CSV.
#[derive(Debug, Clone)]
pub enum PeopleInput {
    Count(usize),
    Csv(String),
}

/// `hearth groups rounds`.
#[derive(Debug, Clone)]
pub struct RoundsArgs {
    pub people: PeopleInput,
    pub size: usize,
    pub rounds: usize,
    pub seed: u64,
    pub time_limit_seconds: f64,
    /// Text of a JSON file: a list of rounds (or an earlier output with `rounds`).
    pub history: Option<String>,
}

/// `hearth groups persistent`.
#[derive(Debug, Clone)]
pub struct PersistentArgs {
    pub people_csv: String,
    pub size: usize,
    pub mix: Vec<String>,
    pub matched: Vec<String>,
    pub apart: Vec<(String, String)>,
    pub together: Vec<(String, String)>,
    /// Person id -> group index.
    pub locked: Vec<(String, usize)>,
    /// Text of a JSON file: earlier cohorts, each a list of groups.
    pub history: Option<String>,
    pub seed: u64,
    pub time_limit_seconds: f64,
}

/// `hearth groups cafe`.
#[derive(Debug, Clone)]
pub struct CafeArgs {
    pub people: usize,
    pub themes: usize,
    pub rounds: usize,
    /// Host ids, one per table; default `0..themes`.
    pub hosts: Option<Vec<String>>,
    pub seed: u64,
    pub time_limit_seconds: f64,
}

fn limits(seconds: f64) -> Result<SearchLimits, GroupsError> {
    if !seconds.is_finite() || seconds < 0.0 {
        return Err(GroupsError::BadTimeLimit {
            seconds: seconds.to_string(),
        });
    }
    Ok(SearchLimits::seconds(seconds))
}

fn load_people(input: &PeopleInput) -> Result<People, GroupsError> {
    match input {
        PeopleInput::Count(n) => Ok(People::numbered(*n)),
        PeopleInput::Csv(text) => People::from_csv(text),
    }
}

/// The JSON form of a person: a number for generated ids, else the string.
fn id_value(people: &People, p: usize) -> Value {
    if people.is_numbered() {
        json!(p)
    } else {
        json!(people.id(p))
    }
}

fn rounds_value(people: &People, rounds: &[Round]) -> Value {
    Value::Array(
        rounds
            .iter()
            .map(|round| {
                Value::Array(
                    round
                        .iter()
                        .map(|g| Value::Array(g.iter().map(|&p| id_value(people, p)).collect()))
                        .collect(),
                )
            })
            .collect(),
    )
}

fn seconds_since(start: Instant) -> f64 {
    (start.elapsed().as_secs_f64() * 1000.0).round() / 1000.0
}

/// An id in JSON: a string, or a whole number (looked up as its decimal text).
fn id_text(value: &Value, context: &str) -> Result<String, GroupsError> {
    match value {
        Value::String(s) => Ok(s.clone()),
        Value::Number(n) if n.is_u64() => Ok(n.to_string()),
        other => Err(GroupsError::BadHistory {
            message: format!("{context}: expected an id (string or whole number), found {other}"),
        }),
    }
}

fn as_array<'v>(value: &'v Value, what: &str) -> Result<&'v Vec<Value>, GroupsError> {
    value.as_array().ok_or_else(|| GroupsError::BadHistory {
        message: format!("expected {what} to be a list, found {value}"),
    })
}

/// Parse history JSON: a list of rounds, each a list of groups of ids. An
/// object with a `rounds` (or `groups`, for one cohort) field is accepted too,
/// so an earlier output can be passed back.
pub fn parse_history(text: &str, people: &People) -> Result<Vec<Round>, GroupsError> {
    let value: Value = serde_json::from_str(text).map_err(|e| GroupsError::Json {
        message: e.to_string(),
    })?;
    let list = match &value {
        Value::Object(map) => match (map.get("rounds"), map.get("groups")) {
            (Some(rounds), _) => rounds.clone(),
            (None, Some(groups)) => Value::Array(vec![groups.clone()]),
            _ => {
                return Err(GroupsError::BadHistory {
                    message: "expected a list of rounds or an object with \"rounds\"".into(),
                });
            }
        },
        other => other.clone(),
    };
    let mut rounds = Vec::new();
    for (r, round) in as_array(&list, "the history")?.iter().enumerate() {
        let mut groups = Vec::new();
        for group in as_array(round, &format!("round {r}"))? {
            let mut members = Vec::new();
            for id in as_array(group, &format!("a group of round {r}"))? {
                let text = id_text(id, &format!("round {r}"))?;
                members.push(people.index_of(&text, "history")?);
            }
            groups.push(members);
        }
        rounds.push(groups);
    }
    crate::rotation::validate_history(people.len(), &rounds)?;
    Ok(rounds)
}

/// `hearth groups rounds`: rotations minimising repeated encounters.
pub fn rounds(args: &RoundsArgs) -> Result<Value, GroupsError> {
    let start = Instant::now();
    let limits = limits(args.time_limit_seconds)?;
    let people = load_people(&args.people)?;
    let history = match &args.history {
        Some(text) => parse_history(text, &people)?,
        None => Vec::new(),
    };
    let result = rotate(&RotationRequest {
        people: people.len(),
        group_size: args.size,
        rounds: args.rounds,
        history,
        seed: args.seed,
        limits,
    })?;
    Ok(json!({
        "rounds": rounds_value(&people, &result.rounds),
        "repeated_pairs": result.quality.repeated_pairs,
        "max_pair_meetings": result.quality.max_pair_meetings,
        "lower_bound_repeated_pairs": result.quality.lower_bound_repeated_pairs,
        "seconds": seconds_since(start),
    }))
}

fn pairs(
    people: &People,
    pairs: &[(String, String)],
    context: &str,
) -> Result<Vec<(usize, usize)>, GroupsError> {
    pairs
        .iter()
        .map(|(a, b)| Ok((people.index_of(a, context)?, people.index_of(b, context)?)))
        .collect()
}

/// `hearth groups persistent`: lasting groups with mixing, matching and constraints.
pub fn persistent(args: &PersistentArgs) -> Result<Value, GroupsError> {
    let start = Instant::now();
    let limits = limits(args.time_limit_seconds)?;
    let people = People::from_csv(&args.people_csv)?;
    let keep_apart = pairs(&people, &args.apart, "keep apart")?;
    let keep_together = pairs(&people, &args.together, "keep together")?;
    let locked = args
        .locked
        .iter()
        .map(|(id, g)| Ok((people.index_of(id, "locked")?, *g)))
        .collect::<Result<Vec<_>, GroupsError>>()?;
    let history = match &args.history {
        Some(text) => parse_cohorts(text, &people)?,
        None => Vec::new(),
    };
    let result = form_groups(&PersistentRequest {
        people: people.clone(),
        sizing: Sizing::Target(args.size),
        mix: args.mix.clone(),
        matched: args.matched.clone(),
        keep_apart,
        keep_together,
        locked,
        history,
        seed: args.seed,
        limits,
    })?;
    let groups: Vec<Value> = result
        .groups
        .iter()
        .map(|g| Value::Array(g.iter().map(|&p| id_value(&people, p)).collect()))
        .collect();
    Ok(json!({
        "groups": groups,
        "balance": result.quality.balance,
        "mismatched": result.quality.mismatched,
        "repeated_pairs": result.quality.repeated_pairs,
        "constraints_broken": result.quality.constraints_broken,
        "smallest_group": result.quality.smallest_group,
        "largest_group": result.quality.largest_group,
        "seconds": seconds_since(start),
    }))
}

/// Earlier cohorts for persistent groups: the same shape as rotation history
/// (a list of groupings), so it reuses that parser.
fn parse_cohorts(text: &str, people: &People) -> Result<Vec<Vec<Vec<usize>>>, GroupsError> {
    parse_history(text, people)
}

/// `hearth groups cafe`: World Café rounds with fixed hosts.
pub fn cafe(args: &CafeArgs) -> Result<Value, GroupsError> {
    let start = Instant::now();
    let limits = limits(args.time_limit_seconds)?;
    let people = People::numbered(args.people);
    let hosts = match &args.hosts {
        Some(ids) => Some(
            ids.iter()
                .map(|id| people.index_of(id.trim(), "hosts"))
                .collect::<Result<Vec<_>, _>>()?,
        ),
        None => None,
    };
    let result = world_cafe(&CafeRequest {
        people: args.people,
        tables: args.themes,
        rounds: args.rounds,
        hosts,
        seed: args.seed,
        limits,
    })?;
    Ok(json!({
        "hosts": result.hosts,
        "rounds": rounds_value(&people, &result.rounds),
        "repeated_pairs": result.quality.repeated_pairs,
        "max_pair_meetings": result.quality.max_pair_meetings,
        "seconds": seconds_since(start),
    }))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    fn rounds_args(n: usize, size: usize, rounds: usize) -> RoundsArgs {
        RoundsArgs {
            people: PeopleInput::Count(n),
            size,
            rounds,
            seed: 0,
            time_limit_seconds: 2.0,
            history: None,
        }
    }

    fn persistent_args() -> PersistentArgs {
        PersistentArgs {
            people_csv: "id,site,lang\na,n,en\nb,s,en\nc,n,fr\nd,s,fr\ne,n,en\nf,s,fr\n".into(),
            size: 3,
            mix: vec!["site".into()],
            matched: Vec::new(),
            apart: Vec::new(),
            together: Vec::new(),
            locked: Vec::new(),
            history: None,
            seed: 0,
            time_limit_seconds: 1.0,
        }
    }

    fn message(result: Result<Value, GroupsError>) -> String {
        result.unwrap_err().to_string()
    }

    #[test]
    fn rounds_output_has_the_documented_shape() {
        let out = rounds(&rounds_args(12, 3, 4)).unwrap();
        let keys: Vec<&str> = out
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            vec![
                "lower_bound_repeated_pairs",
                "max_pair_meetings",
                "repeated_pairs",
                "rounds",
                "seconds"
            ]
        );
        assert_eq!(out["repeated_pairs"], 0);
        assert_eq!(out["rounds"].as_array().unwrap().len(), 4);
        assert!(out["rounds"][0][0][0].is_number());
    }

    #[test]
    fn rounds_with_csv_and_history_use_string_ids() {
        let mut args = rounds_args(0, 2, 1);
        args.people = PeopleInput::Csv("id\nann\nbob\ncy\ndee\n".into());
        args.history = Some(r#"[[["ann","bob"],["cy","dee"]]]"#.into());
        let out = rounds(&args).unwrap();
        assert!(out["rounds"][0][0][0].is_string());
        assert_eq!(out["repeated_pairs"], 0);
        // An earlier output works as history too.
        args.history = Some(out.to_string());
        args.rounds = 2;
        let out = rounds(&args).unwrap();
        assert_eq!(out["lower_bound_repeated_pairs"], 0);
    }

    #[test]
    fn rounds_errors_are_clear() {
        assert_eq!(
            message(rounds(&rounds_args(10, 1, 2))),
            "group size must be at least 2, got 1"
        );
        assert_eq!(
            message(rounds(&rounds_args(10, 0, 2))),
            "group size must be at least 2, got 0"
        );
        assert_eq!(
            message(rounds(&rounds_args(10, 2, 0))),
            "the number of rounds must be at least 1"
        );
        assert_eq!(
            message(rounds(&rounds_args(3, 4, 2))),
            "3 people are too few: one group needs at least 4"
        );
        let mut args = rounds_args(6, 3, 2);
        args.time_limit_seconds = -1.0;
        assert_eq!(
            message(rounds(&args)),
            "time limit must be a non-negative number of seconds, got -1"
        );
        let mut args = rounds_args(6, 3, 2);
        args.history = Some("[[[0,1,2]], ".into());
        assert!(message(rounds(&args)).starts_with("history is not valid JSON"));
        args.history = Some("[[[0,1,7]]]".into());
        assert_eq!(message(rounds(&args)), "unknown id \"7\" in history");
        args.history = Some("[[[0,1,1]]]".into());
        assert_eq!(
            message(rounds(&args)),
            "history: round 0 lists person 1 twice"
        );
        args.history = Some("[[[0,1.5]]]".into());
        assert!(message(rounds(&args)).contains("expected an id"));
        args.history = Some("{\"x\":1}".into());
        assert!(message(rounds(&args)).contains("expected a list of rounds"));
        args.history = Some("[5]".into());
        assert!(message(rounds(&args)).contains("to be a list"));
        args.history = None;
        args.people = PeopleInput::Csv("name\nx".into());
        assert_eq!(
            message(rounds(&args)),
            "people CSV, line 1: the header row has no `id` column"
        );
    }

    #[test]
    fn persistent_output_and_errors() {
        let out = persistent(&persistent_args()).unwrap();
        assert_eq!(out["groups"].as_array().unwrap().len(), 2);
        assert_eq!(out["balance"]["site"], 0.0);
        assert_eq!(out["constraints_broken"].as_array().unwrap().len(), 0);

        let mut args = persistent_args();
        args.apart = vec![("a".into(), "zz".into())];
        assert_eq!(
            message(persistent(&args)),
            "unknown id \"zz\" in keep apart"
        );
        let mut args = persistent_args();
        args.together = vec![
            ("a".into(), "b".into()),
            ("b".into(), "c".into()),
            ("c".into(), "d".into()),
        ];
        assert!(
            message(persistent(&args)).starts_with(
                "keep-together chains 4 people (a, b, c, d) but a group holds at most 3"
            )
        );
        let mut args = persistent_args();
        args.together = vec![("a".into(), "b".into()), ("b".into(), "c".into())];
        args.apart = vec![("a".into(), "c".into())];
        assert_eq!(
            message(persistent(&args)),
            "\"a\" and \"c\" must be kept apart but keep-together pairs join them"
        );
        let mut args = persistent_args();
        args.apart = vec![("a".into(), "a".into())];
        assert_eq!(
            message(persistent(&args)),
            "\"a\" cannot be kept apart from themself"
        );
        let mut args = persistent_args();
        args.locked = vec![("a".into(), 2)];
        assert_eq!(
            message(persistent(&args)),
            "\"a\" is locked in group 2 but there are only 2 groups (numbered from 0)"
        );
        let mut args = persistent_args();
        args.locked = vec![("a".into(), 0), ("b".into(), 1)];
        args.together = vec![("a".into(), "b".into())];
        assert_eq!(
            message(persistent(&args)),
            "\"a\" and \"b\" must be kept together but are locked in different groups"
        );
        let mut args = persistent_args();
        args.locked = vec![("a".into(), 0), ("b".into(), 0)];
        args.apart = vec![("a".into(), "b".into())];
        assert_eq!(
            message(persistent(&args)),
            "\"a\" and \"b\" must be kept apart but are both locked in group 0"
        );
        let mut args = persistent_args();
        args.locked = vec![
            ("a".into(), 0),
            ("b".into(), 0),
            ("c".into(), 0),
            ("d".into(), 0),
        ];
        assert_eq!(
            message(persistent(&args)),
            "group 0 has more locked or kept-together people than its maximum size 3"
        );
        let mut args = persistent_args();
        args.mix = vec!["age".into()];
        assert_eq!(
            message(persistent(&args)),
            "no person has the attribute \"age\""
        );
        let mut args = persistent_args();
        args.matched = vec!["site".into()];
        assert_eq!(
            message(persistent(&args)),
            "attribute \"site\" cannot be both mixed and matched"
        );
        let mut args = persistent_args();
        args.size = 1;
        assert_eq!(
            message(persistent(&args)),
            "group size must be at least 2, got 1"
        );
        let mut args = persistent_args();
        args.size = 7;
        assert_eq!(
            message(persistent(&args)),
            "6 people are too few: one group needs at least 7"
        );
    }

    #[test]
    fn cafe_output_and_errors() {
        let args = CafeArgs {
            people: 20,
            themes: 4,
            rounds: 4,
            hosts: None,
            seed: 0,
            time_limit_seconds: 1.0,
        };
        let out = cafe(&args).unwrap();
        assert_eq!(out["hosts"], json!([0, 1, 2, 3]));
        assert_eq!(out["rounds"][0][2][0], 2);
        let mut bad = args.clone();
        bad.hosts = Some(vec!["0".into(), "1".into(), "2".into()]);
        assert_eq!(
            message(cafe(&bad)),
            "3 hosts given for 4 tables: each table needs exactly one host"
        );
        let mut bad = args.clone();
        bad.hosts = Some(vec!["0".into(), "1".into(), "2".into(), "x".into()]);
        assert_eq!(message(cafe(&bad)), "unknown id \"x\" in hosts");
        let mut bad = args.clone();
        bad.rounds = 5;
        assert_eq!(
            message(cafe(&bad)),
            "5 rounds but only 4 themes: a guest would visit a theme twice"
        );
        let mut bad = args;
        bad.themes = 0;
        assert_eq!(
            message(cafe(&bad)),
            "the number of tables (themes) must be at least 1"
        );
    }
}
