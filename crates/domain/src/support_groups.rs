//! Peer support groups (`seeds/001`, `seeds/002`): groups of colleagues or
//! peers that keep meeting, with their own facilitators. Not the cohort's
//! peer groups of an event (see `groups` and the store's `peer_groups`).

use crate::input::InputError;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use uuid::Uuid;

/// A peer support group's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SupportGroupId(pub Uuid);

impl SupportGroupId {
    /// A new time-ordered (v7) id.
    pub fn new() -> Self {
        Self(Uuid::now_v7())
    }
}

impl Default for SupportGroupId {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Display for SupportGroupId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl FromStr for SupportGroupId {
    type Err = uuid::Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Uuid::parse_str(s).map(Self)
    }
}

/// A person's role within one peer support group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum GroupRole {
    Facilitator,
    CoFacilitator,
    Member,
}

impl GroupRole {
    pub const ALL: [GroupRole; 3] = [Self::Facilitator, Self::CoFacilitator, Self::Member];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Facilitator => "facilitator",
            Self::CoFacilitator => "co-facilitator",
            Self::Member => "member",
        }
    }

    /// Facilitators and co-facilitators run the group together.
    pub fn facilitates(self) -> bool {
        matches!(self, Self::Facilitator | Self::CoFacilitator)
    }
}

impl FromStr for GroupRole {
    type Err = InputError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| InputError::new("error-choose-one"))
    }
}

/// What is done within one group; the policy decides it from the person's
/// standing in that group (see [`crate::policy::Action::InSupportGroup`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupAct {
    /// Read what only members read (members, meetings, minutes, the channel,
    /// icebreaker notes) and take part (write, answer, attend).
    TakePart,
    /// Run the group: accept or decline who asks to join, change roles, edit
    /// the group and its ground rules, plan meetings, agree to cooperate.
    Facilitate,
}

/// The short text fields of a group, with their limits.
pub const PURPOSE_MAX: usize = 1000;
pub const DESCRIPTION_MAX: usize = 600;
pub const CONTACT_MAX: usize = 300;

/// Required text with a limit (a purpose, a public description).
pub fn required_text(raw: &str, max_chars: usize) -> Result<String, InputError> {
    let text = raw.trim();
    if text.is_empty() {
        return Err(InputError::new("sg-error-required"));
    }
    if text.chars().count() > max_chars {
        return Err(InputError::new("error-text-long"));
    }
    Ok(text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_and_only_facilitators_facilitate() {
        for role in GroupRole::ALL {
            assert_eq!(role.as_str().parse::<GroupRole>(), Ok(role));
        }
        assert!("owner".parse::<GroupRole>().is_err());
        assert!(GroupRole::Facilitator.facilitates());
        assert!(GroupRole::CoFacilitator.facilitates());
        assert!(!GroupRole::Member.facilitates());
    }

    #[test]
    fn required_text_is_trimmed_and_limited() {
        assert_eq!(required_text("  hi ", 5), Ok("hi".to_owned()));
        assert!(required_text("   ", 5).is_err());
        assert!(required_text("abcdef", 5).is_err());
    }
}

/// The kinds of item a meeting's agenda is built from (`seeds/001`, `seeds/002`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AgendaKind {
    Icebreaker,
    GroupMatters,
    WorldCafe,
    GuestSpeaker,
    Quiz,
    TeaAndChat,
    DiscussionTopic,
    NextDate,
    Free,
}

impl AgendaKind {
    pub const ALL: [AgendaKind; 9] = [
        Self::Icebreaker,
        Self::GroupMatters,
        Self::WorldCafe,
        Self::GuestSpeaker,
        Self::Quiz,
        Self::TeaAndChat,
        Self::DiscussionTopic,
        Self::NextDate,
        Self::Free,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Icebreaker => "icebreaker",
            Self::GroupMatters => "group-matters",
            Self::WorldCafe => "world-cafe",
            Self::GuestSpeaker => "guest-speaker",
            Self::Quiz => "quiz",
            Self::TeaAndChat => "tea-and-chat",
            Self::DiscussionTopic => "discussion-topic",
            Self::NextDate => "next-date",
            Self::Free => "free",
        }
    }
}

impl FromStr for AgendaKind {
    type Err = InputError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| InputError::new("error-choose-one"))
    }
}

/// One item of a meeting's agenda.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaItem {
    pub kind: AgendaKind,
    pub title: String,
    pub minutes: u32,
}

impl AgendaItem {
    pub fn new(kind: AgendaKind, title: &str, minutes: u32) -> Self {
        Self {
            kind,
            title: title.to_owned(),
            minutes,
        }
    }
}

/// The monthly meeting of `seeds/001`: the "This is who I am" icebreaker,
/// group matters, a World Café on five themes, and agreeing the next date.
/// Titles are the facilitator's to change; these are in English and
/// Albanian by the template's language.
pub fn monthly_meeting_template(albanian: bool) -> Vec<AgendaItem> {
    let t = |en: &str, sq: &str| {
        if albanian {
            sq.to_owned()
        } else {
            en.to_owned()
        }
    };
    vec![
        AgendaItem {
            kind: AgendaKind::Icebreaker,
            title: t(
                "This is who I am: past, present, future",
                "Ky jam unë: e kaluara, e tashmja, e ardhmja",
            ),
            minutes: 25,
        },
        AgendaItem {
            kind: AgendaKind::GroupMatters,
            title: t(
                "Group matters: facilitation, participation, capacity needs, promoting the group, cooperation with other groups",
                "Çështjet e grupit: lehtësimi, pjesëmarrja, nevojat për zhvillim, promovimi i grupit, bashkëpunimi me grupe të tjera",
            ),
            minutes: 20,
        },
        AgendaItem {
            kind: AgendaKind::WorldCafe,
            title: t(
                "World Café: Discipline, Concentration, Environment, Motivation, Bullying",
                "World Café: Disiplina, Përqendrimi, Mjedisi, Motivimi, Bullizmi",
            ),
            minutes: 45,
        },
        AgendaItem {
            kind: AgendaKind::NextDate,
            title: t("Agreeing the next date", "Caktimi i datës së ardhshme"),
            minutes: 10,
        },
    ]
}

/// How a meeting repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recurrence {
    Once,
    /// Monthly on the same weekday of the same week as the first meeting
    /// (the second Tuesday, ...), `count` meetings in all.
    MonthlyByWeekday {
        count: u8,
    },
}

pub const MAX_RECURRING: u8 = 12;

/// The dates of a series: the first, then monthly on the same "nth weekday"
/// (a fifth weekday that a month lacks becomes that month's last one).
pub fn monthly_dates(first: jiff::civil::Date, count: u8) -> Vec<jiff::civil::Date> {
    let weekday = first.weekday();
    let nth = (first.day() - 1) / 7 + 1;
    let mut dates = vec![first];
    let mut month_start = first.first_of_month();
    for _ in 1..count {
        let Ok(next) = month_start.checked_add(jiff::Span::new().months(1)) else {
            break;
        };
        month_start = next;
        let date = month_start
            .nth_weekday_of_month(nth, weekday)
            .or_else(|_| month_start.nth_weekday_of_month(-1, weekday));
        match date {
            Ok(date) => dates.push(date),
            Err(_) => break,
        }
    }
    dates
}

#[cfg(test)]
mod meeting_tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn monthly_on_the_second_tuesday() {
        // 2026-12-08 is the second Tuesday of December.
        let dates = monthly_dates(date(2026, 12, 8), 3);
        assert_eq!(
            dates,
            vec![date(2026, 12, 8), date(2027, 1, 12), date(2027, 2, 9)]
        );
        for d in dates {
            assert_eq!(d.weekday(), jiff::civil::Weekday::Tuesday);
        }
    }

    #[test]
    fn a_missing_fifth_weekday_becomes_the_last() {
        // 2026-12-29 is December's fifth Tuesday; January and February 2027
        // have four, so their meetings fall on the last.
        let dates = monthly_dates(date(2026, 12, 29), 3);
        assert_eq!(
            dates,
            vec![date(2026, 12, 29), date(2027, 1, 26), date(2027, 2, 23)]
        );
    }

    #[test]
    fn the_template_follows_the_seed() {
        let kinds: Vec<AgendaKind> = monthly_meeting_template(false)
            .iter()
            .map(|i| i.kind)
            .collect();
        assert_eq!(
            kinds,
            vec![
                AgendaKind::Icebreaker,
                AgendaKind::GroupMatters,
                AgendaKind::WorldCafe,
                AgendaKind::NextDate
            ]
        );
        for kind in AgendaKind::ALL {
            assert_eq!(kind.as_str().parse::<AgendaKind>(), Ok(kind));
        }
    }
}
