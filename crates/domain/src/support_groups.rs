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
