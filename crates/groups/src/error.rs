//! Typed errors for bad input. Every variant names the problem in its message,
//! because the command line prints it as is.

use std::fmt;

/// Everything that can be wrong with a request to the engine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupsError {
    /// A group size of 0 or 1.
    GroupSizeTooSmall { size: usize },
    /// Fewer people than one group needs.
    TooFewPeople { people: usize, needed: usize },
    /// A request for zero rounds.
    NoRounds,
    /// Minimum size above maximum size, or sizes that no split of the people can meet.
    ImpossibleSizes { people: usize, detail: String },
    /// A number of groups of zero, or more groups than pairs of people.
    InvalidGroupCount { groups: usize, people: usize },
    /// An id that is not among the people.
    UnknownId { context: String, id: String },
    /// The same id twice where ids must be distinct.
    DuplicateId { context: String, id: String },
    /// Keep-together pairs chain more people than a group can hold.
    TogetherTooLarge {
        members: Vec<String>,
        max_size: usize,
    },
    /// A pair that is both keep-apart and (directly or through a chain) keep-together.
    ApartAndTogether { a: String, b: String },
    /// A pair asked to be kept apart with itself.
    ApartWithSelf { id: String },
    /// A person locked into a group index that does not exist.
    LockedGroupMissing {
        id: String,
        group: usize,
        groups: usize,
    },
    /// Keep-together people locked into different groups.
    LockedTogetherConflict { a: String, b: String },
    /// A keep-apart pair locked into the same group.
    LockedApartConflict { a: String, b: String, group: usize },
    /// Locked and keep-together people exceed a group's maximum size.
    LockedGroupOverfull { group: usize, max_size: usize },
    /// A mix or match attribute that no person has.
    UnknownAttribute { name: String },
    /// An attribute both mixed and matched.
    AttributeMixedAndMatched { name: String },
    /// World Café: the number of hosts differs from the number of tables.
    HostCountMismatch { hosts: usize, tables: usize },
    /// World Café: zero tables.
    NoTables,
    /// World Café: more rounds than themes (a guest would see a theme twice).
    MoreRoundsThanThemes { rounds: usize, themes: usize },
    /// World Café: fewer guests than tables.
    TooFewGuests { people: usize, tables: usize },
    /// Debrief: fewer groups with someone present than speakers wanted.
    NotEnoughGroups { wanted: usize, available: usize },
    /// Malformed CSV text.
    Csv { line: usize, message: String },
    /// Malformed JSON text (history).
    Json { message: String },
    /// History with a person twice in one round, or otherwise malformed.
    BadHistory { message: String },
    /// A request too large to hold in memory (people x people encounter counts,
    /// or rounds x people assignments).
    TooLarge { detail: String },
    /// A time limit that is negative or not a number.
    BadTimeLimit { seconds: String },
}

impl fmt::Display for GroupsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use GroupsError::*;
        match self {
            GroupSizeTooSmall { size } => {
                write!(f, "group size must be at least 2, got {size}")
            }
            TooFewPeople { people, needed } => write!(
                f,
                "{people} people are too few: one group needs at least {needed}"
            ),
            NoRounds => write!(f, "the number of rounds must be at least 1"),
            ImpossibleSizes { people, detail } => {
                write!(f, "{people} people cannot be split as asked: {detail}")
            }
            InvalidGroupCount { groups, people } => write!(
                f,
                "{groups} groups is not possible for {people} people (each group needs at least 2)"
            ),
            UnknownId { context, id } => write!(f, "unknown id {id:?} in {context}"),
            DuplicateId { context, id } => write!(f, "id {id:?} appears twice in {context}"),
            TogetherTooLarge { members, max_size } => write!(
                f,
                "keep-together chains {} people ({}) but a group holds at most {max_size}",
                members.len(),
                members.join(", ")
            ),
            ApartAndTogether { a, b } => write!(
                f,
                "{a:?} and {b:?} must be kept apart but keep-together pairs join them"
            ),
            ApartWithSelf { id } => write!(f, "{id:?} cannot be kept apart from themself"),
            LockedGroupMissing { id, group, groups } => write!(
                f,
                "{id:?} is locked in group {group} but there are only {groups} groups (numbered from 0)"
            ),
            LockedTogetherConflict { a, b } => write!(
                f,
                "{a:?} and {b:?} must be kept together but are locked in different groups"
            ),
            LockedApartConflict { a, b, group } => write!(
                f,
                "{a:?} and {b:?} must be kept apart but are both locked in group {group}"
            ),
            LockedGroupOverfull { group, max_size } => write!(
                f,
                "group {group} has more locked or kept-together people than its maximum size {max_size}"
            ),
            UnknownAttribute { name } => write!(f, "no person has the attribute {name:?}"),
            AttributeMixedAndMatched { name } => {
                write!(f, "attribute {name:?} cannot be both mixed and matched")
            }
            HostCountMismatch { hosts, tables } => write!(
                f,
                "{hosts} hosts given for {tables} tables: each table needs exactly one host"
            ),
            NoTables => write!(f, "the number of tables (themes) must be at least 1"),
            MoreRoundsThanThemes { rounds, themes } => write!(
                f,
                "{rounds} rounds but only {themes} themes: a guest would visit a theme twice"
            ),
            TooFewGuests { people, tables } => write!(
                f,
                "{people} people for {tables} tables leaves fewer guests than tables (each table needs a host and at least one guest)"
            ),
            NotEnoughGroups { wanted, available } => write!(
                f,
                "{wanted} speakers wanted from different groups but only {available} groups have someone present"
            ),
            Csv { line, message } => write!(f, "people CSV, line {line}: {message}"),
            Json { message } => write!(f, "history is not valid JSON: {message}"),
            BadHistory { message } => write!(f, "history: {message}"),
            TooLarge { detail } => write!(f, "request too large: {detail}"),
            BadTimeLimit { seconds } => write!(
                f,
                "time limit must be a non-negative number of seconds, got {seconds}"
            ),
        }
    }
}

impl std::error::Error for GroupsError {}
