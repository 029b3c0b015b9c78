//! Running a peer support group's meeting (`seeds/001`): the "This is who I
//! am" icebreaker's gentle timer, the World Café's themes, agreeing the next
//! date, and the feedback pulse (`seeds/002`). No I/O.

use crate::UserId;
use crate::input::InputError;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// What one person writes in the icebreaker, per part.
pub const ICEBREAKER_PART_MAX: usize = 1000;
/// A presenter's turn: between half a minute and ten minutes.
pub const TURN_SECONDS_MIN: u32 = 30;
pub const TURN_SECONDS_MAX: u32 = 600;

/// Where a presenter's turn stands. The timer never cuts anyone off:
/// `Over` only tells the room, gently, that the time is up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TurnPhase {
    Speaking,
    /// The last fifth of the turn (at least the last 15 seconds).
    NearlyDone,
    Over,
}

impl TurnPhase {
    pub fn of(elapsed_ms: i64, turn_seconds: u32) -> TurnPhase {
        let turn_ms = i64::from(turn_seconds) * 1000;
        let warning_ms = (turn_ms / 5).max(15_000).min(turn_ms);
        if elapsed_ms >= turn_ms {
            TurnPhase::Over
        } else if elapsed_ms >= turn_ms - warning_ms {
            TurnPhase::NearlyDone
        } else {
            TurnPhase::Speaking
        }
    }

    /// Milliseconds before the end at which the warning shows (for the page's script).
    pub fn warning_ms(turn_seconds: u32) -> i64 {
        let turn_ms = i64::from(turn_seconds) * 1000;
        (turn_ms / 5).max(15_000).min(turn_ms)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            TurnPhase::Speaking => "speaking",
            TurnPhase::NearlyDone => "nearly-done",
            TurnPhase::Over => "over",
        }
    }
}

/// The World Café's themes in the seed's meeting.
pub fn default_cafe_themes(albanian: bool) -> Vec<String> {
    let themes: [&str; 5] = if albanian {
        [
            "Disiplina",
            "Përqendrimi",
            "Mjedisi",
            "Motivimi",
            "Bullizmi",
        ]
    } else {
        [
            "Discipline",
            "Concentration",
            "Environment",
            "Motivation",
            "Bullying",
        ]
    };
    themes.iter().map(|t| (*t).to_owned()).collect()
}

pub const THEME_MAX: usize = 80;
pub const CAFE_ROUND_MINUTES_MAX: u32 = 60;
pub const CAFE_NOTES_MAX: usize = 4000;

/// A member's answer to one proposed date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateAnswer {
    Yes,
    /// "If need be".
    Maybe,
    No,
}

impl DateAnswer {
    pub const ALL: [DateAnswer; 3] = [Self::Yes, Self::Maybe, Self::No];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Yes => "yes",
            Self::Maybe => "maybe",
            Self::No => "no",
        }
    }
}

impl FromStr for DateAnswer {
    type Err = InputError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|a| a.as_str() == s)
            .ok_or_else(|| InputError::new("error-choose-one"))
    }
}

/// How one proposed date was answered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub yes: u32,
    pub maybe: u32,
    pub no: u32,
}

/// The best date: the most people who can come (yes or if need be), then
/// the most who gladly can (yes); on a tie the earlier date, as options come
/// in date order. `None` while nobody can come to any.
pub fn best_option(tallies: &[Tally]) -> Option<usize> {
    tallies
        .iter()
        .enumerate()
        .filter(|(_, t)| t.yes + t.maybe > 0)
        .max_by(|(i, a), (j, b)| {
            (a.yes + a.maybe, a.yes)
                .cmp(&(b.yes + b.maybe, b.yes))
                .then(j.cmp(i))
        })
        .map(|(i, _)| i)
}

/// A poll proposes between two and eight dates.
pub const POLL_OPTIONS_MIN: usize = 2;
pub const POLL_OPTIONS_MAX: usize = 8;

/// A pulse's summary is shown only once this many have answered, so no
/// single answer can be told apart.
pub const PULSE_MIN_ANSWERS: i64 = 3;
pub const PULSE_QUESTIONS_MAX: usize = 5;
pub const PULSE_QUESTION_MAX: usize = 200;
pub const PULSE_WORDS_MAX: usize = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum QuestionKind {
    /// 1 (not at all) to 5 (very well).
    Scale,
    /// A few words.
    Words,
}

impl QuestionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Scale => "scale",
            Self::Words => "words",
        }
    }
}

impl FromStr for QuestionKind {
    type Err = InputError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "scale" => Ok(Self::Scale),
            "words" => Ok(Self::Words),
            _ => Err(InputError::new("error-choose-one")),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PulseQuestion {
    pub text: String,
    pub kind: QuestionKind,
}

/// The pulse `seeds/002` suggests: how the platform and the format work for members.
pub fn default_pulse_questions(albanian: bool) -> Vec<PulseQuestion> {
    let q = |en: &str, sq: &str, kind| PulseQuestion {
        text: if albanian { sq } else { en }.to_owned(),
        kind,
    };
    vec![
        q(
            "How well does meeting through Hearth work for you?",
            "Sa mirë funksionon për ju takimi përmes Hearth?",
            QuestionKind::Scale,
        ),
        q(
            "How well does the format of our meetings work for you?",
            "Sa mirë funksionon për ju formati i takimeve tona?",
            QuestionKind::Scale,
        ),
        q(
            "What would you change?",
            "Çfarë do të ndryshonit?",
            QuestionKind::Words,
        ),
    ]
}

/// A scale answer, 1 to 5.
pub fn scale(raw: &str) -> Result<i32, InputError> {
    match raw.trim().parse::<i32>() {
        Ok(n) if (1..=5).contains(&n) => Ok(n),
        _ => Err(InputError::new("error-choose-one")),
    }
}

/// Field visits (`seeds/001`): each text part's limit.
pub const VISIT_TEXT_MAX: usize = 4000;

/// Tags of a library resource: lower case, trimmed, unique, at most ten.
pub fn tags(raw: &str) -> Vec<String> {
    let mut tags: Vec<String> = raw
        .split(',')
        .map(|t| t.trim().to_lowercase())
        .filter(|t| !t.is_empty())
        .map(|t| t.chars().take(40).collect())
        .collect();
    tags.sort();
    tags.dedup();
    tags.truncate(10);
    tags
}

/// The presenting order with `user` one place earlier (or later); `None`
/// when they are not in it or already first (or last).
pub fn moved_in_order(order: &[UserId], user: UserId, earlier: bool) -> Option<Vec<UserId>> {
    let at = order.iter().position(|u| *u == user)?;
    let to = if earlier {
        at.checked_sub(1)?
    } else {
        Some(at + 1).filter(|to| *to < order.len())?
    };
    let mut moved = order.to_vec();
    moved.swap(at, to);
    Some(moved)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_timer_warns_near_the_end_and_never_ends_the_turn() {
        // Two minutes: the warning shows in the last 24 seconds.
        assert_eq!(TurnPhase::of(0, 120), TurnPhase::Speaking);
        assert_eq!(TurnPhase::of(95_000, 120), TurnPhase::Speaking);
        assert_eq!(TurnPhase::of(96_000, 120), TurnPhase::NearlyDone);
        assert_eq!(TurnPhase::of(120_000, 120), TurnPhase::Over);
        assert_eq!(TurnPhase::of(900_000, 120), TurnPhase::Over);
        // Short turns still warn for 15 seconds.
        assert_eq!(TurnPhase::warning_ms(30), 15_000);
        assert_eq!(TurnPhase::of(14_000, 30), TurnPhase::Speaking);
        assert_eq!(TurnPhase::of(15_000, 30), TurnPhase::NearlyDone);
    }

    #[test]
    fn the_best_date_is_who_can_come_then_who_gladly_can_then_the_earliest() {
        let t = |yes, maybe, no| Tally { yes, maybe, no };
        assert_eq!(best_option(&[]), None);
        assert_eq!(best_option(&[t(0, 0, 3), t(0, 0, 2)]), None);
        assert_eq!(best_option(&[t(2, 0, 1), t(1, 2, 0)]), Some(1));
        assert_eq!(best_option(&[t(1, 2, 0), t(3, 0, 0)]), Some(1));
        assert_eq!(best_option(&[t(2, 1, 0), t(2, 1, 0)]), Some(0));
        for answer in DateAnswer::ALL {
            assert_eq!(answer.as_str().parse::<DateAnswer>(), Ok(answer));
        }
        assert!("perhaps".parse::<DateAnswer>().is_err());
    }

    #[test]
    fn scales_and_tags_are_parsed() {
        assert_eq!(scale(" 4 "), Ok(4));
        assert!(scale("0").is_err());
        assert!(scale("6").is_err());
        assert!(scale("good").is_err());
        assert_eq!(
            tags(" Bullying, self-care,,bullying , STRESS"),
            vec!["bullying", "self-care", "stress"]
        );
        assert_eq!(default_cafe_themes(false).len(), 5);
        assert_eq!(default_pulse_questions(true).len(), 3);
    }

    #[test]
    fn a_presenter_moves_one_place_at_a_time_and_never_off_the_list() {
        let [a, b, c] = [UserId::new(), UserId::new(), UserId::new()];
        let order = [a, b, c];
        assert_eq!(moved_in_order(&order, b, true), Some(vec![b, a, c]));
        assert_eq!(moved_in_order(&order, b, false), Some(vec![a, c, b]));
        assert_eq!(moved_in_order(&order, a, true), None);
        assert_eq!(moved_in_order(&order, c, false), None);
        assert_eq!(moved_in_order(&order, UserId::new(), true), None);
    }
}
