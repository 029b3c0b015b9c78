//! Roles that training unlocks (`seeds/003`): each role may need a minimum of
//! training, made of whole modules (signed off) and single sessions
//! (attended), and a peer worker serves for a term with an expected end.

use crate::input::{InputError, optional_text};
use crate::roles::{PeerWorkerKind, Role};
use uuid::Uuid;

/// Longest reason an administrator gives for giving a role before the training is done.
pub const MAX_REASON_CHARS: usize = 1_000;
/// Students serve three years at most (`seeds/003`).
pub const MAX_TERM_YEARS: i16 = 3;
/// A term is two years unless the coordinator says otherwise.
pub const DEFAULT_TERM_YEARS: i16 = 2;
/// The pipeline looks this many months ahead for people leaving.
pub const LEAVING_WITHIN_MONTHS: i32 = 6;

/// One piece of the training a role needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TrainingItem {
    /// A module, complete when a facilitator signed it off.
    Module(Uuid),
    /// A single session, complete when the person attended it (present or late).
    Session(Uuid),
}

impl TrainingItem {
    /// The form value and stored key: `module:<id>` or `session:<id>`.
    pub fn key(self) -> String {
        match self {
            TrainingItem::Module(id) => format!("module:{id}"),
            TrainingItem::Session(id) => format!("session:{id}"),
        }
    }

    pub fn parse(raw: &str) -> Option<TrainingItem> {
        if let Some(id) = raw.strip_prefix("module:") {
            return id.parse().ok().map(TrainingItem::Module);
        }
        raw.strip_prefix("session:")
            .and_then(|id| id.parse().ok())
            .map(TrainingItem::Session)
    }
}

/// What someone has done, across every training cohort they were in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Completion {
    pub modules_signed_off: Vec<Uuid>,
    pub sessions_attended: Vec<Uuid>,
}

impl Completion {
    pub fn has(&self, item: TrainingItem) -> bool {
        match item {
            TrainingItem::Module(id) => self.modules_signed_off.contains(&id),
            TrainingItem::Session(id) => self.sessions_attended.contains(&id),
        }
    }

    /// The required items not done yet, in the order they were required.
    pub fn missing(&self, required: &[TrainingItem]) -> Vec<TrainingItem> {
        required
            .iter()
            .copied()
            .filter(|item| !self.has(*item))
            .collect()
    }
}

/// Whether a role can carry a minimum of training. Administrators are trusted
/// with the whole system, and participants are the people being trained.
pub fn role_takes_training(role: Role) -> bool {
    !matches!(role, Role::Administrator | Role::Participant)
}

/// Every role a coordinator can set training for, in the usual order.
pub fn trainable_roles() -> Vec<Role> {
    Role::all()
        .into_iter()
        .filter(|r| role_takes_training(*r))
        .collect()
}

/// Why an administrator gives a role before the training is done: required.
pub fn override_reason(raw: &str) -> Result<String, InputError> {
    optional_text(raw, MAX_REASON_CHARS)?.ok_or(InputError::new("error-reason-required"))
}

/// Where a default requirement points in a built-in plan: a module by its
/// index in [`crate::training::CurriculumPlan::modules`], or one of its sessions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanItem {
    Module(usize),
    Session(usize, usize),
}

/// The Peer 2 Peer defaults, chosen from `seeds/003` and `seeds/004`
/// (indexes into [`crate::training::CurriculumPlan::peer_2_peer`]: 1 to 3 are
/// modules 1 to 3). Peer support draws on lived experience and needs all three
/// modules; student-delivered services need Module 1 and the sessions that
/// match their work. Peer 2 Peer has no campus-resources session of its own:
/// "Boundaries and risks" maps the crisis path and the services directory, so
/// resource navigators take that one.
pub fn peer_2_peer_defaults() -> Vec<(Role, Vec<PlanItem>)> {
    use PeerWorkerKind::*;
    use PlanItem::*;
    let all_three = vec![Module(1), Module(2), Module(3)];
    vec![
        (Role::PeerWorker(PeerSupportWorker), all_three.clone()),
        (Role::PeerWorker(InternationalPeerSupportMentor), all_three),
        // Mental health may come up, so the boundaries and risks session too.
        (
            Role::PeerWorker(StudentSupportWorker),
            vec![Module(1), Session(2, 1)],
        ),
        (
            Role::PeerWorker(StudentResourceNavigator),
            vec![Module(1), Session(2, 1)],
        ),
        (
            Role::PeerWorker(InternationalStudentPeerMentor),
            vec![Module(1)],
        ),
        (Role::PeerWorker(PeerAcademicCoach), vec![Module(1)]),
        // Educators lead workshops: sharing with purpose, then the sessions
        // for their own topics, which a coordinator adds.
        (
            Role::PeerWorker(PeerEducator),
            vec![Module(1), Session(3, 0)],
        ),
    ]
}

/// A peer worker's term: when they start and when they are expected to leave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    pub starts_on: jiff::civil::Date,
    pub ends_on: jiff::civil::Date,
}

impl Term {
    /// Checks a term typed into a form: each error names its field.
    pub fn parse(starts_on: &str, ends_on: &str) -> Result<Term, Vec<(&'static str, InputError)>> {
        let start = crate::input::date(starts_on);
        let end = crate::input::date(ends_on);
        let mut errors = Vec::new();
        if let Err(e) = &start {
            errors.push(("starts_on", e.clone()));
        }
        if let Err(e) = &end {
            errors.push(("ends_on", e.clone()));
        }
        let (Ok(starts_on), Ok(ends_on)) = (start, end) else {
            return Err(errors);
        };
        if ends_on <= starts_on {
            return Err(vec![("ends_on", InputError::new("error-term-order"))]);
        }
        let longest = starts_on
            .checked_add(jiff::Span::new().years(MAX_TERM_YEARS))
            .unwrap_or(jiff::civil::Date::MAX);
        if ends_on > longest {
            return Err(vec![("ends_on", InputError::new("error-term-too-long"))]);
        }
        Ok(Term { starts_on, ends_on })
    }

    /// The usual term from a start date.
    pub fn default_from(starts_on: jiff::civil::Date) -> Term {
        let ends_on = starts_on
            .checked_add(jiff::Span::new().years(DEFAULT_TERM_YEARS))
            .unwrap_or(starts_on);
        Term { starts_on, ends_on }
    }
}

/// Where a term stands on a given day, for the pipeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermStanding {
    /// Not started yet.
    Starting,
    Active,
    /// Active, and expected to leave within [`LEAVING_WITHIN_MONTHS`].
    Leaving,
    /// Past the expected end and still holding the role: time to follow up.
    Overdue,
}

pub fn term_standing(term: Option<Term>, today: jiff::civil::Date) -> TermStanding {
    let Some(term) = term else {
        return TermStanding::Active;
    };
    if term.starts_on > today {
        return TermStanding::Starting;
    }
    if term.ends_on < today {
        return TermStanding::Overdue;
    }
    let horizon = today
        .checked_add(jiff::Span::new().months(LEAVING_WITHIN_MONTHS))
        .unwrap_or(jiff::civil::Date::MAX);
    if term.ends_on <= horizon {
        TermStanding::Leaving
    } else {
        TermStanding::Active
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::training::{CurriculumPlan, ModuleKind};

    #[test]
    fn items_round_trip_and_reject_anything_else() {
        let id = Uuid::now_v7();
        for item in [TrainingItem::Module(id), TrainingItem::Session(id)] {
            assert_eq!(TrainingItem::parse(&item.key()), Some(item));
        }
        assert_eq!(TrainingItem::parse("module:nope"), None);
        assert_eq!(TrainingItem::parse(&id.to_string()), None);
    }

    #[test]
    fn missing_lists_what_is_not_done_in_order() {
        let (m1, m2, s) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
        let done = Completion {
            modules_signed_off: vec![m1],
            sessions_attended: vec![m2],
        };
        let required = [
            TrainingItem::Module(m1),
            TrainingItem::Module(m2),
            TrainingItem::Session(s),
        ];
        // Attending a session with a module's id does not complete the module.
        assert_eq!(
            done.missing(&required),
            vec![TrainingItem::Module(m2), TrainingItem::Session(s)]
        );
        assert!(done.missing(&[]).is_empty());
    }

    #[test]
    fn defaults_point_at_real_modules_and_sessions_of_peer_2_peer() {
        let plan = CurriculumPlan::peer_2_peer();
        let defaults = peer_2_peer_defaults();
        assert_eq!(defaults.len(), PeerWorkerKind::ALL.len());
        for (_, items) in defaults {
            for item in items {
                match item {
                    PlanItem::Module(m) => assert_eq!(plan.modules[m].kind, ModuleKind::Module),
                    PlanItem::Session(m, s) => assert!(plan.modules[m].sessions.get(s).is_some()),
                }
            }
        }
        assert_eq!(plan.modules[2].sessions[1].title, "Boundaries and risks");
    }

    #[test]
    fn a_reason_is_required_and_kept_short() {
        assert!(override_reason("  ").is_err());
        assert!(override_reason(&"x".repeat(MAX_REASON_CHARS + 1)).is_err());
        assert_eq!(
            override_reason(" Trained elsewhere "),
            Ok("Trained elsewhere".into())
        );
    }

    #[test]
    fn terms_end_after_they_start_and_last_three_years_at_most() {
        assert!(Term::parse("2026-09-01", "2028-08-31").is_ok());
        assert!(Term::parse("2026-09-01", "2029-09-01").is_ok());
        let too_long = Term::parse("2026-09-01", "2029-09-02").unwrap_err();
        assert_eq!(too_long[0].0, "ends_on");
        assert_eq!(
            Term::parse("2026-09-01", "2026-09-01").unwrap_err()[0].0,
            "ends_on"
        );
        let both = Term::parse("soon", "").unwrap_err();
        assert_eq!(both.len(), 2);
    }

    #[test]
    fn standing_on_a_day() {
        let today: jiff::civil::Date = "2026-12-01".parse().unwrap();
        let term = |s: &str, e: &str| Some(Term::parse(s, e).unwrap());
        assert_eq!(term_standing(None, today), TermStanding::Active);
        assert_eq!(
            term_standing(term("2025-09-01", "2027-08-31"), today),
            TermStanding::Active
        );
        assert_eq!(
            term_standing(term("2025-01-01", "2027-06-01"), today),
            TermStanding::Leaving
        );
        assert_eq!(
            term_standing(term("2024-01-01", "2026-11-30"), today),
            TermStanding::Overdue
        );
        assert_eq!(
            term_standing(term("2027-01-01", "2028-01-01"), today),
            TermStanding::Starting
        );
    }
}
