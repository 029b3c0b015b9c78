//! Ongoing one-to-one support (`seeds/003`): a student asks (or is referred),
//! a coordinator matches them with a peer worker, the two agree at the start
//! how many sessions there will be, and a session past that number needs a
//! supervisor's approval. Also referrals to services and their follow-up.
//!
//! Everything here is pure: the ranking of peers for a request, the rules for
//! scheduling, and the parsing of what forms send.

use crate::input::InputError;
use crate::roles::PeerWorkerKind;
use crate::support::{Agreement, AgreementError};

/// Lived-experience topics a peer may choose to list on their profile and a
/// student may say matter to them (`seeds/003`: mental health, substance use,
/// eating disorders, trauma, health issues, disability, another culture, or
/// simply being a student). Fluent keys are `ongoing-topic-<slug>`.
pub const LIVED_TOPICS: [&str; 12] = [
    "anxiety",
    "low-mood",
    "eating",
    "substance-use",
    "trauma",
    "grief",
    "chronic-illness",
    "disability",
    "new-culture",
    "first-in-family",
    "lgbtq",
    "student-life",
];

/// Parts of a day someone is free, for availability: `1-morning` is Monday morning.
pub const DAY_PARTS: [&str; 3] = ["morning", "afternoon", "evening"];

/// Keeps the known topics among `raw` (form values), in the list's order.
pub fn topics(raw: &[String]) -> Vec<String> {
    LIVED_TOPICS
        .iter()
        .filter(|t| raw.iter().any(|r| r == *t))
        .map(|t| (*t).to_owned())
        .collect()
}

/// Keeps the well-formed availability slots among `raw` (`<1-7>-<part>`), sorted.
pub fn availability(raw: &[String]) -> Vec<String> {
    let mut out: Vec<String> = raw
        .iter()
        .filter(|slot| {
            slot.split_once('-').is_some_and(|(day, part)| {
                day.parse::<u8>().is_ok_and(|d| (1..=7).contains(&d)) && DAY_PARTS.contains(&part)
            })
        })
        .cloned()
        .collect();
    out.sort();
    out.dedup();
    out
}

/// A stored comma-separated list.
pub fn split_list(stored: &str) -> Vec<String> {
    stored
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// What the student asked for help with: required, at most 1000 characters.
pub fn help_with(raw: &str) -> Result<String, InputError> {
    let text = raw.trim();
    if text.is_empty() {
        return Err(InputError::new("ongoing-error-help-required"));
    }
    if text.chars().count() > 1000 {
        return Err(InputError::new("error-text-long"));
    }
    Ok(text.to_owned())
}

/// What a student hopes for, as the coordinator matches on it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Wish {
    pub kind: Option<PeerWorkerKind>,
    pub topics: Vec<String>,
    pub language: Option<String>,
    pub availability: Vec<String>,
}

/// A peer worker who could take the request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub kinds: Vec<PeerWorkerKind>,
    /// Only the topics the peer chose to list.
    pub topics: Vec<String>,
    pub languages: Vec<String>,
    pub availability: Vec<String>,
    /// Ongoing supports they hold now (not closed).
    pub caseload: i32,
    /// Whether they said they take new ongoing supports.
    pub open_to_new: bool,
}

/// A peer holding this many ongoing supports is shown as full, last.
pub const FULL_CASELOAD: i32 = 5;

/// Why a peer is suggested, shown to the coordinator beside the name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// The kind of peer worker the student asked for.
    Kind(PeerWorkerKind),
    /// Lived experience the peer listed that the student said matters.
    SharedTopics(Vec<String>),
    Language(String),
    /// Times both are free.
    Availability(Vec<String>),
    /// Ongoing supports they hold now.
    Caseload(i32),
    /// At or over [`FULL_CASELOAD`], or not taking new supports.
    Full,
}

/// A candidate's place in the suggestions: its index in the input, a score, the reasons.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranked {
    pub index: usize,
    pub score: i32,
    pub reasons: Vec<Reason>,
}

/// Ranks peers for a request: the kind asked for and a shared language weigh
/// most, then each lived-experience topic in common, then shared free times
/// (up to three), less one for each support already held. Peers who are full
/// come last whatever their score. Ties keep the input order (by name).
pub fn rank(wish: &Wish, candidates: &[Candidate]) -> Vec<Ranked> {
    let mut ranked: Vec<(bool, Ranked)> = candidates
        .iter()
        .enumerate()
        .map(|(index, c)| {
            let mut score = 0;
            let mut reasons = Vec::new();
            if let Some(kind) = wish.kind
                && c.kinds.contains(&kind)
            {
                score += 4;
                reasons.push(Reason::Kind(kind));
            }
            let shared: Vec<String> = wish
                .topics
                .iter()
                .filter(|t| c.topics.contains(t))
                .cloned()
                .collect();
            if !shared.is_empty() {
                score += 2 * shared.len() as i32;
                reasons.push(Reason::SharedTopics(shared));
            }
            if let Some(language) = &wish.language
                && c.languages.contains(language)
            {
                score += 4;
                reasons.push(Reason::Language(language.clone()));
            }
            let free: Vec<String> = wish
                .availability
                .iter()
                .filter(|s| c.availability.contains(s))
                .cloned()
                .collect();
            if !free.is_empty() {
                score += free.len().min(3) as i32;
                reasons.push(Reason::Availability(free));
            }
            score -= c.caseload;
            reasons.push(Reason::Caseload(c.caseload));
            let full = c.caseload >= FULL_CASELOAD || !c.open_to_new;
            if full {
                reasons.push(Reason::Full);
            }
            (
                full,
                Ranked {
                    index,
                    score,
                    reasons,
                },
            )
        })
        .collect();
    ranked.sort_by(|(full_a, a), (full_b, b)| {
        full_a
            .cmp(full_b)
            .then(b.score.cmp(&a.score))
            .then(a.index.cmp(&b.index))
    });
    ranked.into_iter().map(|(_, r)| r).collect()
}

/// Where an ongoing support stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Asked for, waiting for a coordinator to match a peer.
    Open,
    /// A peer is matched; no agreement proposed yet.
    Matched,
    /// The peer proposed an agreement; the student has not confirmed it.
    Proposed,
    /// The student confirmed: sessions can be scheduled.
    Active,
    Closed,
}

impl Status {
    pub fn of(matched: bool, proposed: bool, confirmed: bool, closed: bool) -> Status {
        match (matched, proposed, confirmed, closed) {
            (_, _, _, true) => Status::Closed,
            (false, _, _, _) => Status::Open,
            (true, false, _, _) => Status::Matched,
            (true, true, false, _) => Status::Proposed,
            (true, true, true, _) => Status::Active,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Matched => "matched",
            Status::Proposed => "proposed",
            Status::Active => "active",
            Status::Closed => "closed",
        }
    }
}

/// Why a session cannot be scheduled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScheduleRefusal {
    /// The student has not confirmed the agreement: nothing is scheduled before.
    NotConfirmed,
    Closed,
    /// Every agreed session is scheduled; only a supervisor's extension adds more.
    LimitReached,
}

impl ScheduleRefusal {
    pub fn message_id(self) -> &'static str {
        match self {
            ScheduleRefusal::NotConfirmed => "ongoing-error-not-confirmed",
            ScheduleRefusal::Closed => "ongoing-error-closed",
            ScheduleRefusal::LimitReached => "ongoing-error-limit",
        }
    }
}

/// The number the next session gets, after `scheduled` sessions, or why none may be.
pub fn next_session(
    status: Status,
    agreement: Agreement,
    scheduled: i32,
) -> Result<(i32, i32), ScheduleRefusal> {
    match status {
        Status::Closed => Err(ScheduleRefusal::Closed),
        Status::Active => agreement
            .next_session(scheduled)
            .map_err(|_| ScheduleRefusal::LimitReached),
        _ => Err(ScheduleRefusal::NotConfirmed),
    }
}

/// An extension decided: the agreement with the sessions added when the
/// supervisor approved, unchanged when they declined.
pub fn decide_extension(
    agreement: Agreement,
    sessions: i32,
    approved: bool,
) -> Result<Agreement, AgreementError> {
    if approved {
        agreement.extend(sessions, true)
    } else {
        Ok(agreement)
    }
}

/// "Session N of M": the number of the next session still to come, else of
/// the last one held; `None` before any session is scheduled.
pub fn session_of(held: i32, next: Option<i32>, total: i32) -> Option<(i32, i32)> {
    match next {
        Some(n) => Some((n, total)),
        None if held > 0 => Some((held, total)),
        None => None,
    }
}

/// How many more sessions an extension asks for: 1 to 6.
pub fn extra_sessions(raw: &str) -> Result<i32, InputError> {
    match raw.trim().parse::<i32>() {
        Ok(n) if (1..=6).contains(&n) => Ok(n),
        _ => Err(InputError::new("ongoing-error-extra")),
    }
}

/// A required short text (what the support covers, a reason, a summary).
pub fn required(raw: &str, max_chars: usize) -> Result<String, InputError> {
    let text = raw.trim();
    if text.is_empty() {
        return Err(InputError::new("ongoing-error-required"));
    }
    if text.chars().count() > max_chars {
        return Err(InputError::new("error-text-long"));
    }
    Ok(text.to_owned())
}

/// Who someone is within one ongoing support.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    Student,
    Peer,
}

/// What is done within one ongoing support; the policy decides it from the
/// person's standing in it and, for the site's supervisors, their role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OngoingAct {
    /// See that it exists, its status and its counts ("session 3 of 6").
    SeeCounts,
    /// Read what it is about: the request, the agreement, the sessions, the
    /// extensions, referrals made in it and the closing summary.
    Read,
    /// Propose the agreement (sessions and what it covers).
    Propose,
    /// Confirm the agreement.
    Confirm,
    /// Schedule a session (and book a room for it).
    Schedule,
    /// Ask a supervisor for more sessions.
    AskExtension,
    /// Approve or decline an extension.
    DecideExtension,
    /// Write the closing summary and close it.
    Close,
    /// Refer the student to a service from the directory.
    Refer,
    /// Move a session still to come to another time or room.
    Move,
    /// Call off a session still to come (its place counts again).
    CancelSession,
    /// The student withdraws their request, or ends a running support.
    Withdraw,
}

/// Within one ongoing support, by standing alone: the student reads,
/// confirms, may call off a session and may withdraw or end it; the peer runs
/// it (moving and calling off sessions too) but never decides their own
/// extension, and ends it with a summary rather than withdrawing.
pub fn by_standing(act: OngoingAct, standing: Standing) -> bool {
    use OngoingAct::*;
    match standing {
        Standing::Student => matches!(act, SeeCounts | Read | Confirm | CancelSession | Withdraw),
        Standing::Peer => !matches!(act, Confirm | DecideExtension | Withdraw),
    }
}

/// Why a session cannot be moved or called off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeRefusal {
    /// It has started (or is over): what was held stays as it was.
    Held,
    Closed,
}

impl ChangeRefusal {
    pub fn message_id(self) -> &'static str {
        match self {
            ChangeRefusal::Held => "ongoing-error-held",
            ChangeRefusal::Closed => "ongoing-error-closed",
        }
    }
}

/// A session may be moved or called off only while the support runs and
/// before it starts.
pub fn may_change(status: Status, starts_at: i64, now: i64) -> Result<(), ChangeRefusal> {
    if status == Status::Closed {
        Err(ChangeRefusal::Closed)
    } else if starts_at <= now {
        Err(ChangeRefusal::Held)
    } else {
        Ok(())
    }
}

/// An optional short reason (for calling off a session, for ending a
/// support): at most `max_chars`, `None` when left empty.
pub fn optional_reason(raw: &str, max_chars: usize) -> Result<Option<String>, InputError> {
    let text = raw.trim();
    if text.chars().count() > max_chars {
        return Err(InputError::new("error-text-long"));
    }
    Ok((!text.is_empty()).then(|| text.to_owned()))
}

/// How a student's own ending of a support is recorded. Either way it is the
/// same close as the peer's (status closed, counted as closed in reports),
/// marked as the student's and without a peer's summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StudentEnding {
    /// Before the agreement was confirmed: the request is withdrawn.
    Withdrawn,
    /// A running support the student ends; sessions still to come are called off.
    Ended,
}

impl StudentEnding {
    /// What a student's "withdraw / end" means now, or `None` once closed.
    pub fn of(status: Status) -> Option<StudentEnding> {
        match status {
            Status::Open | Status::Matched | Status::Proposed => Some(StudentEnding::Withdrawn),
            Status::Active => Some(StudentEnding::Ended),
            Status::Closed => None,
        }
    }

    /// As stored in `support_ongoing.closed_reason`.
    pub fn as_str(self) -> &'static str {
        match self {
            StudentEnding::Withdrawn => "withdrawn",
            StudentEnding::Ended => "ended-by-student",
        }
    }
}

/// How a referral turned out, as the referrer heard when they checked in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    TakenUp,
    Declined,
    NotReachable,
    StillWaiting,
}

impl Outcome {
    pub const ALL: [Outcome; 4] = [
        Outcome::TakenUp,
        Outcome::Declined,
        Outcome::NotReachable,
        Outcome::StillWaiting,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::TakenUp => "taken-up",
            Outcome::Declined => "declined",
            Outcome::NotReachable => "not-reachable",
            Outcome::StillWaiting => "waiting",
        }
    }

    pub fn parse(raw: &str) -> Result<Outcome, InputError> {
        Self::ALL
            .into_iter()
            .find(|o| o.as_str() == raw)
            .ok_or(InputError::new("error-choose-one"))
    }
}

/// Where a referral was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReferralSource {
    SessionLog,
    Ongoing,
    EventAlert,
}

impl ReferralSource {
    pub fn as_str(self) -> &'static str {
        match self {
            ReferralSource::SessionLog => "session-log",
            ReferralSource::Ongoing => "ongoing",
            ReferralSource::EventAlert => "event-alert",
        }
    }
}

/// Days until the referrer is reminded to check in: 1 to 60.
pub fn follow_up_days(raw: &str) -> Result<i64, InputError> {
    match raw.trim().parse::<i64>() {
        Ok(n) if (1..=60).contains(&n) => Ok(n),
        _ => Err(InputError::new("ongoing-error-follow-up")),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn peer(kind: PeerWorkerKind, topics: &[&str], languages: &[&str], caseload: i32) -> Candidate {
        Candidate {
            kinds: vec![kind],
            topics: topics.iter().map(|t| (*t).to_owned()).collect(),
            languages: languages.iter().map(|t| (*t).to_owned()).collect(),
            availability: vec!["1-morning".into(), "3-afternoon".into()],
            caseload,
            open_to_new: true,
        }
    }

    #[test]
    fn shared_experience_and_language_rank_first_with_reasons() {
        let wish = Wish {
            kind: Some(PeerWorkerKind::PeerSupportWorker),
            topics: vec!["anxiety".into(), "new-culture".into()],
            language: Some("sq".into()),
            availability: vec!["3-afternoon".into()],
        };
        let candidates = vec![
            peer(PeerWorkerKind::PeerAcademicCoach, &[], &["en"], 0),
            peer(
                PeerWorkerKind::PeerSupportWorker,
                &["anxiety", "new-culture"],
                &["sq", "en"],
                2,
            ),
            peer(PeerWorkerKind::PeerSupportWorker, &["anxiety"], &["en"], 0),
        ];
        let ranked = rank(&wish, &candidates);
        assert_eq!(
            ranked.iter().map(|r| r.index).collect::<Vec<_>>(),
            vec![1, 2, 0]
        );
        let best = &ranked[0];
        assert!(
            best.reasons
                .contains(&Reason::Kind(PeerWorkerKind::PeerSupportWorker))
        );
        assert!(best.reasons.contains(&Reason::SharedTopics(vec![
            "anxiety".into(),
            "new-culture".into()
        ])));
        assert!(best.reasons.contains(&Reason::Language("sq".into())));
        assert!(
            best.reasons
                .contains(&Reason::Availability(vec!["3-afternoon".into()]))
        );
        assert!(best.reasons.contains(&Reason::Caseload(2)));
        // 4 kind + 4 shared topics + 4 language + 1 free time - 2 caseload
        assert_eq!(best.score, 11);
    }

    #[test]
    fn a_lighter_caseload_breaks_ties_and_full_peers_come_last() {
        let wish = Wish::default();
        let mut busy = peer(PeerWorkerKind::PeerSupportWorker, &[], &["en"], 1);
        let light = peer(PeerWorkerKind::PeerSupportWorker, &[], &["en"], 0);
        let full = peer(
            PeerWorkerKind::PeerSupportWorker,
            &[],
            &["en"],
            FULL_CASELOAD,
        );
        let ranked = rank(&wish, &[busy.clone(), full, light]);
        assert_eq!(
            ranked.iter().map(|r| r.index).collect::<Vec<_>>(),
            vec![2, 0, 1]
        );
        assert!(ranked[2].reasons.contains(&Reason::Full));
        // Not taking new supports counts as full, however good the match.
        busy.open_to_new = false;
        let ranked = rank(
            &wish,
            &[busy, peer(PeerWorkerKind::PeerEducator, &[], &[], 3)],
        );
        assert_eq!(ranked[0].index, 1);
        assert!(ranked[1].reasons.contains(&Reason::Full));
    }

    #[test]
    fn nothing_is_scheduled_before_confirmation_or_past_the_agreement() {
        let six = Agreement::parse("6").unwrap();
        assert_eq!(
            next_session(Status::Proposed, six, 0),
            Err(ScheduleRefusal::NotConfirmed)
        );
        assert_eq!(
            next_session(Status::Matched, six, 0),
            Err(ScheduleRefusal::NotConfirmed)
        );
        assert_eq!(next_session(Status::Active, six, 2), Ok((3, 6)));
        assert_eq!(
            next_session(Status::Active, six, 6),
            Err(ScheduleRefusal::LimitReached)
        );
        assert_eq!(
            next_session(Status::Closed, six, 1),
            Err(ScheduleRefusal::Closed)
        );
        let eight = decide_extension(six, 2, true).unwrap();
        assert_eq!(next_session(Status::Active, eight, 6), Ok((7, 8)));
        assert_eq!(decide_extension(six, 2, false), Ok(six));
    }

    #[test]
    fn status_follows_the_steps() {
        assert_eq!(Status::of(false, false, false, false), Status::Open);
        assert_eq!(Status::of(true, false, false, false), Status::Matched);
        assert_eq!(Status::of(true, true, false, false), Status::Proposed);
        assert_eq!(Status::of(true, true, true, false), Status::Active);
        assert_eq!(Status::of(true, true, true, true), Status::Closed);
        assert_eq!(Status::of(false, false, false, true), Status::Closed);
    }

    #[test]
    fn session_n_of_m() {
        assert_eq!(session_of(2, Some(3), 6), Some((3, 6)));
        assert_eq!(session_of(6, None, 6), Some((6, 6)));
        assert_eq!(session_of(0, None, 6), None);
    }

    #[test]
    fn the_student_confirms_and_the_peer_never_decides_their_own_extension() {
        assert!(by_standing(OngoingAct::Confirm, Standing::Student));
        assert!(!by_standing(OngoingAct::Schedule, Standing::Student));
        assert!(!by_standing(OngoingAct::DecideExtension, Standing::Student));
        assert!(by_standing(OngoingAct::Schedule, Standing::Peer));
        assert!(by_standing(OngoingAct::AskExtension, Standing::Peer));
        assert!(!by_standing(OngoingAct::DecideExtension, Standing::Peer));
        assert!(!by_standing(OngoingAct::Confirm, Standing::Peer));
    }

    #[test]
    fn held_sessions_stay_and_the_student_only_calls_off_or_withdraws() {
        assert_eq!(may_change(Status::Active, 2_000, 1_000), Ok(()));
        assert_eq!(
            may_change(Status::Active, 1_000, 1_000),
            Err(ChangeRefusal::Held)
        );
        assert_eq!(
            may_change(Status::Closed, 2_000, 1_000),
            Err(ChangeRefusal::Closed)
        );
        assert!(by_standing(OngoingAct::CancelSession, Standing::Student));
        assert!(by_standing(OngoingAct::Withdraw, Standing::Student));
        assert!(!by_standing(OngoingAct::Move, Standing::Student));
        assert!(by_standing(OngoingAct::Move, Standing::Peer));
        assert!(by_standing(OngoingAct::CancelSession, Standing::Peer));
        assert!(!by_standing(OngoingAct::Withdraw, Standing::Peer));
        assert_eq!(
            StudentEnding::of(Status::Proposed),
            Some(StudentEnding::Withdrawn)
        );
        assert_eq!(
            StudentEnding::of(Status::Active),
            Some(StudentEnding::Ended)
        );
        assert_eq!(StudentEnding::of(Status::Closed), None);
        assert_eq!(optional_reason("  ", 10), Ok(None));
        assert_eq!(optional_reason(" ill ", 10), Ok(Some("ill".into())));
        assert!(optional_reason(&"x".repeat(11), 10).is_err());
    }

    #[test]
    fn form_lists_keep_only_known_values() {
        assert_eq!(
            topics(&["trauma".into(), "astrology".into(), "anxiety".into()]),
            vec!["anxiety".to_owned(), "trauma".to_owned()]
        );
        assert_eq!(
            availability(&[
                "3-evening".into(),
                "8-morning".into(),
                "1-noon".into(),
                "1-morning".into(),
                "1-morning".into()
            ]),
            vec!["1-morning".to_owned(), "3-evening".to_owned()]
        );
        assert_eq!(split_list("a, b,,c"), vec!["a", "b", "c"]);
        assert!(help_with("  ").is_err());
        assert!(extra_sessions("0").is_err());
        assert_eq!(extra_sessions("2"), Ok(2));
        assert!(follow_up_days("61").is_err());
        assert_eq!(Outcome::parse("taken-up"), Ok(Outcome::TakenUp));
        assert!(Outcome::parse("maybe").is_err());
    }
}
