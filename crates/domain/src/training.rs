//! Training: a curriculum of modules and sessions, and the pre-programme
//! readiness step (`seeds/004`).
//!
//! A session has two audiences. Facilitators prepare from its learning
//! intentions and its **mini knowledge**; trainees receive the participant
//! handout. [`SessionPlan::for_trainee`] is the only way the web layer builds
//! what a trainee sees, and it has no mini knowledge to leak.

use crate::input::{InputError, Name, optional_text};
use serde::{Deserialize, Serialize};
use std::str::FromStr;

use crate::roles::UnknownName;

/// Longest Markdown text a curriculum field keeps.
pub const MAX_TEXT_CHARS: usize = 20_000;
/// Longest answer to one stocktake question.
pub const MAX_ANSWER_CHARS: usize = 4_000;
/// Longest recovery story.
pub const MAX_STORY_CHARS: usize = 50_000;
/// At most this many stocktake questions.
pub const MAX_QUESTIONS: usize = 20;

/// The pre-programme readiness module, or one of the modules delivered to a cohort.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ModuleKind {
    /// Done at home before the programme: a trainee sees it before they are ready.
    Readiness,
    /// Delivered to the cohort; a trainee sees it once a conversation says ready.
    Module,
}

impl ModuleKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ModuleKind::Readiness => "readiness",
            ModuleKind::Module => "module",
        }
    }
}

impl FromStr for ModuleKind {
    type Err = UnknownName;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "readiness" => Ok(ModuleKind::Readiness),
            "module" => Ok(ModuleKind::Module),
            other => Err(UnknownName(other.to_owned())),
        }
    }
}

/// What a readiness conversation concluded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReadinessOutcome {
    Ready,
    NotYet,
    /// Better served by other support (the services directory) for now.
    OtherSupport,
}

impl ReadinessOutcome {
    pub const ALL: [ReadinessOutcome; 3] = [Self::Ready, Self::NotYet, Self::OtherSupport];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ready => "ready",
            Self::NotYet => "not-yet",
            Self::OtherSupport => "other-support",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, InputError> {
        raw.trim()
            .parse()
            .map_err(|_| InputError::new("error-choose-one"))
    }
}

impl FromStr for ReadinessOutcome {
    type Err = UnknownName;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|o| o.as_str() == s)
            .ok_or_else(|| UnknownName(s.to_owned()))
    }
}

/// A trainee takes part in the modules only once their latest readiness
/// conversation said "ready"; "not yet" waits for a later conversation.
pub fn enrolled_in_modules(latest: Option<ReadinessOutcome>) -> bool {
    latest == Some(ReadinessOutcome::Ready)
}

/// A module as written: what it is for and what it builds on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModuleText {
    pub title: Name,
    pub purpose: Option<String>,
}

impl ModuleText {
    pub fn parse(title: &str, purpose: &str) -> Result<Self, (&'static str, InputError)> {
        Ok(ModuleText {
            title: Name::parse(title).map_err(|e| ("title", e))?,
            purpose: optional_text(purpose, MAX_TEXT_CHARS).map_err(|e| ("purpose", e))?,
        })
    }
}

/// A session as written, for both audiences.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SessionText {
    pub title: String,
    pub learning_intentions: String,
    pub activities: String,
    pub mini_knowledge: String,
    pub handout: String,
}

/// Which session field a parse error belongs to.
pub type SessionField = &'static str;

impl SessionText {
    /// Checks a session typed into the edit form; each error names its field.
    pub fn parse(
        title: &str,
        learning_intentions: &str,
        activities: &str,
        mini_knowledge: &str,
        handout: &str,
    ) -> Result<Self, Vec<(SessionField, InputError)>> {
        let mut errors = Vec::new();
        let title = Name::parse(title)
            .map_err(|e| errors.push(("title", e)))
            .ok();
        let mut text = |field: SessionField, raw: &str| {
            optional_text(raw, MAX_TEXT_CHARS)
                .map_err(|e| errors.push((field, e)))
                .ok()
                .flatten()
                .unwrap_or_default()
        };
        let learning_intentions = text("learning_intentions", learning_intentions);
        let activities = text("activities", activities);
        let mini_knowledge = text("mini_knowledge", mini_knowledge);
        let handout = text("handout", handout);
        match title {
            Some(title) if errors.is_empty() => Ok(SessionText {
                title: title.into_string(),
                learning_intentions,
                activities,
                mini_knowledge,
                handout,
            }),
            _ => Err(errors),
        }
    }

    /// What a trainee may see of a session: everything but the mini knowledge.
    pub fn for_trainee(&self) -> TraineeSession {
        TraineeSession {
            title: self.title.clone(),
            learning_intentions: self.learning_intentions.clone(),
            activities: self.activities.clone(),
            handout: self.handout.clone(),
        }
    }
}

/// The trainee's side of a session. It has no mini knowledge by construction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TraineeSession {
    pub title: String,
    pub learning_intentions: String,
    pub activities: String,
    pub handout: String,
}

/// The stocktake's questions, one per line as typed.
pub fn stocktake_questions(raw: &str) -> Result<Vec<String>, InputError> {
    let questions: Vec<String> = raw
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    if questions.len() > MAX_QUESTIONS {
        return Err(InputError::new("error-too-many-questions"));
    }
    if questions.iter().any(|q| q.chars().count() > 300) {
        return Err(InputError::new("error-text-long"));
    }
    Ok(questions)
}

/// A recovery story draft: may be empty while someone starts, never too long.
pub fn story_text(raw: &str) -> Result<String, InputError> {
    if raw.chars().count() > MAX_STORY_CHARS {
        return Err(InputError::new("error-text-long"));
    }
    Ok(raw.to_owned())
}

mod peer_2_peer_sq;

/// A built-in curriculum, copied into the organisation before it is used.
#[derive(Debug, Clone)]
pub struct CurriculumPlan {
    pub key: &'static str,
    pub name: String,
    pub description: String,
    pub stocktake: Vec<String>,
    pub modules: Vec<ModulePlan>,
}

#[derive(Debug, Clone)]
pub struct ModulePlan {
    pub kind: ModuleKind,
    pub title: String,
    pub purpose: String,
    /// The index of the module this one builds on, within the same plan.
    pub builds_on: Option<usize>,
    pub sessions: Vec<SessionText>,
}

fn session(
    title: &str,
    learning_intentions: &str,
    activities: &str,
    mini_knowledge: &str,
    handout: &str,
) -> SessionText {
    SessionText {
        title: title.into(),
        learning_intentions: learning_intentions.into(),
        activities: activities.into(),
        mini_knowledge: mini_knowledge.into(),
        handout: handout.into(),
    }
}

impl CurriculumPlan {
    pub fn built_in() -> Vec<CurriculumPlan> {
        vec![
            CurriculumPlan::peer_2_peer(),
            CurriculumPlan::peer_2_peer_sq(),
        ]
    }

    pub fn by_key(key: &str) -> Option<CurriculumPlan> {
        Self::built_in().into_iter().find(|p| p.key == key)
    }

    /// Peer 2 Peer, after `seeds/004`, in our own words. The readiness module
    /// comes first; modules 1 to 3 may be delivered in any order or alone.
    pub fn peer_2_peer() -> CurriculumPlan {
        CurriculumPlan {
            key: "peer-2-peer",
            name: "Peer 2 Peer".into(),
            description: "A course for people who want to use their own lived experience to walk alongside others. It starts with a readiness step at home, then three modules that can be run in any order or on their own.".into(),
            stocktake: vec![
                "What is going well in your life at the moment?".into(),
                "What is hard for you right now, and who or what helps when it is?".into(),
                "How do you look after yourself when things get difficult?".into(),
                "Why do you want to become a peer supporter now?".into(),
                "What would you like from the people running this course?".into(),
            ],
            modules: vec![
                ModulePlan {
                    kind: ModuleKind::Readiness,
                    title: "Before we begin: preparing for Peer 2 Peer".into(),
                    purpose: "A gentle check, done at home, that now is a good time to start the peer support journey. Each person takes a personal stocktake and begins writing their recovery story on purpose, then talks it over with a facilitator.".into(),
                    builds_on: None,
                    sessions: vec![
                        session(
                            "Your personal stocktake",
                            "- Notice where you are today: what supports you and what weighs on you.\n- Decide for yourself whether this is a good time to begin.",
                            "Answer the stocktake questions at home, in your own time. There are no right answers.",
                            "The stocktake is the trainee's own. They choose whether to share it; you will see only that it is done.\n\nIn the readiness conversation, ask what they noticed rather than what they wrote. Listen for whether they have support around them and ways to look after themselves when the course stirs up memories. \"Not yet\" is a caring answer, not a failure: agree when to talk again. If someone needs more than peer support right now, offer the services directory together.",
                            "Take a quiet half hour. Answer each question honestly, for yourself first. You can change your answers until your readiness conversation, and you decide whether your facilitator reads them.",
                        ),
                        session(
                            "Writing your recovery story",
                            "- Begin to tell your own story of recovery, on purpose and in your own words.\n- Choose what is yours to share and what stays private.",
                            "Write a first draft of your recovery story. It saves as you type, and earlier versions are kept.",
                            "Writing the story with intention is the first step towards sharing it safely later, when it helps someone else. Encourage trainees to write about what helped and what they learned, not only about what went wrong. The story stays private unless they share it; never ask to read it.",
                            "Your recovery story is yours. Write about where you have been, what helped, and what you carry with you now. Nobody else reads it unless you choose to share it. It will grow during the course.",
                        ),
                    ],
                },
                ModulePlan {
                    kind: ModuleKind::Module,
                    title: "Module 1: Introducing peer support".into(),
                    purpose: "The foundation stone: what recovery and peer support mean, how we make a safe and confidential place to learn together, and who the partners in the programme are. Facilitators take part as experts by experience, not as experts by knowledge.".into(),
                    builds_on: None,
                    sessions: vec![
                        session(
                            "A safe and confidential place to learn",
                            "- Agree together how we keep this group safe and confidential.\n- Know what happens when someone is worried about safety.",
                            "Welcome and introductions. Build the group agreement together. Talk about the limits of confidentiality.",
                            "People learn about personal things only when they feel safe. Let the group write its own agreement and come back to it in every session. Be clear that confidentiality has limits: if someone is at risk of harm, we act, and we say so from the start.",
                            "Our group agreement, written together, and who to talk to if you are worried about yourself or someone else.",
                        ),
                        session(
                            "What recovery means",
                            "- Describe recovery as a personal journey rather than an end point.\n- Recognise hope as the ground recovery grows from.",
                            "Pairs talk about a time something helped them get through. Share themes with the group.",
                            "Recovery here means living a satisfying, hopeful life, with or without symptoms. It is personal and not a straight line. Share something of your own journey if it helps: modelling is a peer approach.",
                            "Recovery is personal. It is about hope, choice and a life that feels like yours.",
                        ),
                        session(
                            "What peer support is, and who the partners are",
                            "- Explain what makes peer support different from clinical help.\n- Name the partners in the programme and what each brings.",
                            "Sort cards of support roles into peer support, student services and clinical care. Meet the partners.",
                            "Peer support rests on shared lived experience and mutuality: walking alongside rather than fixing. It sits next to clinical and student services, not in their place. Be ready to explain where each partner fits and how referrals work.",
                            "Peer support means walking alongside someone with a similar experience. It works next to other services, and you will know how to point people to them.",
                        ),
                    ],
                },
                ModulePlan {
                    kind: ModuleKind::Module,
                    title: "Module 2: The peer support relationship".into(),
                    purpose: "Values, relationships, boundaries and risks in peer support, and recovery as an empowering mindset: an empowering identity, strengths, and the CHIME model (Connectedness, Hope, Identity, Meaning, Empowerment). It builds on Module 1 and also works on its own.".into(),
                    builds_on: Some(1),
                    sessions: vec![
                        session(
                            "Values and the peer relationship",
                            "- Name the values that guide a peer relationship, mutuality first.\n- Notice how a peer relationship differs from friendship and from a professional one.",
                            "Small groups place values on a line from \"always\" to \"never\" and talk about the hard cases.",
                            "Mutuality means both people learn from each other. It does not remove the need for clear boundaries. If you are running this module on its own, recap recovery and peer support from Module 1 briefly.",
                            "The values we hold in peer support, and what mutuality looks like in practice.",
                        ),
                        session(
                            "Boundaries and risks",
                            "- Set and keep boundaries that protect both people.\n- Recognise signs of risk and know the path to help.",
                            "Scenarios in threes: one supporter, one peer, one observer. Map the crisis path on the wall.",
                            "Boundaries are about what we can offer sustainably. Walk through the organisation's crisis path step by step, including out-of-hours numbers. Remind trainees that looking after themselves is part of the role.",
                            "How to keep boundaries kindly, what to do when someone may be at risk, and how to look after yourself.",
                        ),
                        session(
                            "Strengths, identity and CHIME",
                            "- Describe an empowering identity built on strengths.\n- Use the five CHIME themes to reflect on recovery.",
                            "Strengths cards. Each person places themselves on the five CHIME themes, privately, and notices what has moved.",
                            "CHIME comes from research on what matters in personal recovery: Connectedness, Hope, Identity, Meaning and Empowerment. Use it as a mirror, never as a score. Answers are private; the group only ever sees averages.",
                            "The five CHIME themes, and a space to notice your own strengths.",
                        ),
                    ],
                },
                ModulePlan {
                    kind: ModuleKind::Module,
                    title: "Module 3: Peer concepts and practice".into(),
                    purpose: "Putting peer knowledge and skills into practice to support someone else's recovery journey. It builds on Module 2 and also works on its own.".into(),
                    builds_on: Some(2),
                    sessions: vec![
                        session(
                            "Listening and sharing with purpose",
                            "- Listen with empathy and without rushing to fix.\n- Share your own story with intention, when it helps the other person.",
                            "Practice in pairs: listening, reflecting back, and one short, purposeful share.",
                            "Purposeful sharing asks: is this for them or for me? Keep shares short and bring the focus back. Model it yourself before asking trainees to try.",
                            "Ways to listen well, and questions to ask yourself before you share your story.",
                        ),
                        session(
                            "Putting it into practice",
                            "- Plan a first peer conversation from start to finish.\n- Know how supervision and support work for peer supporters.",
                            "Role play a first conversation in threes. Plan the next steps and who you go to for supervision.",
                            "Close the course by linking practice to support: supervision, debriefs and the services directory. Celebrate what the group has learned together.",
                            "A checklist for your first peer conversations and who supports you in the role.",
                        ),
                    ],
                },
            ],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_ready_conversation_enrols() {
        assert!(enrolled_in_modules(Some(ReadinessOutcome::Ready)));
        assert!(!enrolled_in_modules(Some(ReadinessOutcome::NotYet)));
        assert!(!enrolled_in_modules(Some(ReadinessOutcome::OtherSupport)));
        assert!(!enrolled_in_modules(None));
    }

    #[test]
    fn outcomes_round_trip() {
        for outcome in ReadinessOutcome::ALL {
            assert_eq!(ReadinessOutcome::parse(outcome.as_str()), Ok(outcome));
        }
        assert!(ReadinessOutcome::parse("maybe").is_err());
    }

    #[test]
    fn the_trainee_view_has_no_mini_knowledge() {
        let plan = CurriculumPlan::peer_2_peer();
        let session = &plan.modules[1].sessions[0];
        let trainee = session.for_trainee();
        assert!(!format!("{trainee:?}").contains(&session.mini_knowledge));
    }

    #[test]
    fn peer_2_peer_follows_the_seed() {
        let plan = CurriculumPlan::peer_2_peer();
        assert_eq!(plan.modules[0].kind, ModuleKind::Readiness);
        let titles: Vec<&str> = plan.modules.iter().map(|m| m.title.as_str()).collect();
        assert_eq!(titles[1], "Module 1: Introducing peer support");
        assert_eq!(titles[2], "Module 2: The peer support relationship");
        assert_eq!(titles[3], "Module 3: Peer concepts and practice");
        for module in &plan.modules {
            assert!(!module.purpose.is_empty());
            assert!(Name::parse(&module.title).is_ok(), "{}", module.title);
            for s in &module.sessions {
                assert!(!s.learning_intentions.is_empty() && !s.mini_knowledge.is_empty());
                assert!(Name::parse(&s.title).is_ok(), "{}", s.title);
            }
            if let Some(base) = module.builds_on {
                assert!(base < plan.modules.len());
            }
        }
        assert!(!plan.stocktake.is_empty());
    }

    #[test]
    fn session_errors_name_their_fields() {
        let errors = SessionText::parse("", "", "", &"x".repeat(MAX_TEXT_CHARS + 1), "")
            .err()
            .unwrap_or_default();
        let fields: Vec<&str> = errors.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, vec!["title", "mini_knowledge"]);
        assert!(SessionText::parse("Listening", "", "", "", "").is_ok());
    }

    #[test]
    fn stocktake_questions_are_lines() {
        assert_eq!(
            stocktake_questions(" One?\n\nTwo? \n"),
            Ok(vec!["One?".to_owned(), "Two?".to_owned()])
        );
        assert!(stocktake_questions(&"q\n".repeat(21)).is_err());
    }
}

/// The five themes of personal recovery (CHIME), in their usual order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChimeTheme {
    Connectedness,
    Hope,
    Identity,
    Meaning,
    Empowerment,
}

impl ChimeTheme {
    pub const ALL: [ChimeTheme; 5] = [
        Self::Connectedness,
        Self::Hope,
        Self::Identity,
        Self::Meaning,
        Self::Empowerment,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Connectedness => "connectedness",
            Self::Hope => "hope",
            Self::Identity => "identity",
            Self::Meaning => "meaning",
            Self::Empowerment => "empowerment",
        }
    }
}

/// One CHIME self-reflection: each theme on a scale of 1 to 5, in [`ChimeTheme::ALL`] order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChimeScores(pub [u8; 5]);

/// Cohort averages are shown only when at least this many people answered.
pub const CHIME_MIN_FOR_AVERAGES: usize = 5;

impl ChimeScores {
    /// Parses five answers (in theme order); each error names its theme.
    pub fn parse(raw: [&str; 5]) -> Result<Self, Vec<(ChimeTheme, InputError)>> {
        let mut scores = [0u8; 5];
        let mut errors = Vec::new();
        for (i, value) in raw.iter().enumerate() {
            match value.trim().parse::<u8>() {
                Ok(n) if (1..=5).contains(&n) => scores[i] = n,
                _ => errors.push((ChimeTheme::ALL[i], InputError::new("error-chime-scale"))),
            }
        }
        if errors.is_empty() {
            Ok(ChimeScores(scores))
        } else {
            Err(errors)
        }
    }
}

/// The cohort's average on each theme, from each person's latest reflection;
/// `None` while fewer than [`CHIME_MIN_FOR_AVERAGES`] people have answered,
/// so no one's answers can be read back from the average.
pub fn chime_averages(latest_per_person: &[ChimeScores]) -> Option<[f64; 5]> {
    if latest_per_person.len() < CHIME_MIN_FOR_AVERAGES {
        return None;
    }
    let count = latest_per_person.len() as f64;
    let mut sums = [0f64; 5];
    for scores in latest_per_person {
        for (sum, score) in sums.iter_mut().zip(scores.0) {
            *sum += f64::from(score);
        }
    }
    Some(sums.map(|s| s / count))
}

#[cfg(test)]
mod chime_tests {
    use super::*;

    #[test]
    fn scores_are_one_to_five() {
        assert_eq!(
            ChimeScores::parse(["1", "2", "3", "4", "5"]),
            Ok(ChimeScores([1, 2, 3, 4, 5]))
        );
        let errors = ChimeScores::parse(["0", "", "3", "6", "x"])
            .err()
            .unwrap_or_default();
        let themes: Vec<ChimeTheme> = errors.iter().map(|(t, _)| *t).collect();
        assert_eq!(
            themes,
            vec![
                ChimeTheme::Connectedness,
                ChimeTheme::Hope,
                ChimeTheme::Meaning,
                ChimeTheme::Empowerment
            ]
        );
    }

    #[test]
    fn averages_need_five_people() {
        let four = vec![ChimeScores([1, 2, 3, 4, 5]); 4];
        assert_eq!(chime_averages(&four), None);
        let mut five = four.clone();
        five.push(ChimeScores([5, 2, 3, 4, 5]));
        assert_eq!(chime_averages(&five), Some([1.8, 2.0, 3.0, 4.0, 5.0]));
    }
}

/// A link to a material: a web address, nothing else.
pub fn material_url(raw: &str) -> Result<String, InputError> {
    let url = raw.trim();
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://"))
        || url.len() > 2000
        || url.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return Err(InputError::new("error-material-link"));
    }
    Ok(url.to_owned())
}

#[cfg(test)]
mod material_tests {
    use super::*;

    #[test]
    fn only_web_addresses_are_links() {
        assert!(material_url(" https://example.org/handout.pdf ").is_ok());
        for bad in ["javascript:alert(1)", "example.org", "https://a b", ""] {
            assert!(material_url(bad).is_err(), "{bad}");
        }
    }
}

/// Whether `attended` of a module's `total` sessions reaches the curriculum's
/// threshold (a percentage). A module without sessions needs none.
pub fn meets_attendance(attended: usize, total: usize, percent: u8) -> bool {
    attended * 100 >= total * usize::from(percent.min(100))
}

/// A threshold typed into the curriculum form: a whole percentage, 0 to 100.
pub fn attendance_percent(raw: &str) -> Result<u8, InputError> {
    raw.trim()
        .parse::<u8>()
        .ok()
        .filter(|p| *p <= 100)
        .ok_or(InputError::new("error-percent"))
}

#[cfg(test)]
mod progress_tests {
    use super::*;

    #[test]
    fn attendance_threshold_is_a_share_of_sessions() {
        assert!(meets_attendance(3, 4, 75));
        assert!(!meets_attendance(2, 4, 75));
        assert!(meets_attendance(0, 0, 75));
        assert!(meets_attendance(3, 3, 100));
        assert_eq!(attendance_percent(" 80 "), Ok(80));
        assert!(attendance_percent("120").is_err() && attendance_percent("most").is_err());
    }
}

/// Session feedback counts are shown only from this many answers on.
pub const FEEDBACK_MIN_ANSWERS: i64 = 5;

/// A rating from 1 (not helpful) to 5 (very helpful).
pub fn rating(raw: &str) -> Result<u8, InputError> {
    raw.trim()
        .parse::<u8>()
        .ok()
        .filter(|r| (1..=5).contains(r))
        .ok_or(InputError::new("error-chime-scale"))
}

/// When to ask a trainee for a CHIME reflection (seeds/004: at the start,
/// at the end of each module, and whenever they like).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChimePrompt {
    /// No reflection yet: the starting point.
    Start,
    /// A module was signed off after the latest reflection (the latest such module).
    AfterModule(uuid::Uuid),
}

/// The reflection to ask for now, if any: `reflections` are the times of the
/// trainee's own reflections, `signoffs` each module signed off and when.
pub fn chime_prompt(reflections: &[i64], signoffs: &[(uuid::Uuid, i64)]) -> Option<ChimePrompt> {
    let Some(latest) = reflections.iter().max() else {
        return Some(ChimePrompt::Start);
    };
    signoffs
        .iter()
        .filter(|(_, at)| at > latest)
        .max_by_key(|(_, at)| *at)
        .map(|(module, _)| ChimePrompt::AfterModule(*module))
}

#[cfg(test)]
mod chime_prompt_tests {
    use super::*;

    #[test]
    fn asks_at_the_start_and_after_each_module_signed_off_since() {
        let (m1, m2) = (uuid::Uuid::now_v7(), uuid::Uuid::now_v7());
        assert_eq!(chime_prompt(&[], &[]), Some(ChimePrompt::Start));
        assert_eq!(chime_prompt(&[], &[(m1, 5)]), Some(ChimePrompt::Start));
        assert_eq!(chime_prompt(&[10], &[(m1, 5)]), None, "reflected since");
        assert_eq!(
            chime_prompt(&[10, 3], &[(m1, 5), (m2, 20), (m1, 15)]),
            Some(ChimePrompt::AfterModule(m2))
        );
    }
}
