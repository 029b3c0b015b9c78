//! Conversations in text outside the live room: a peer support group's
//! channel, a cohort peer group's channel, the facilitators' channel across
//! groups, and one online drop-in chat between a visitor and the peer on
//! shift who took it. One mechanism for all of them; what a person may do follows from their [`Standing`] in
//! the conversation (see [`crate::policy::Action::Converse`]).

use crate::UserId;
use crate::input::InputError;
use serde::{Deserialize, Serialize};

/// What kind of conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ConversationKind {
    /// A peer support group's channel between meetings.
    Group,
    /// Facilitators of any peer support group in the network.
    Facilitators,
    /// A cohort peer group's channel between events (peer_group_id set).
    PeerGroup,
    /// A visitor of `/support` and the peer on shift who took them.
    DropIn,
}

impl ConversationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Group => "group",
            Self::Facilitators => "facilitators",
            Self::DropIn => "drop-in",
            Self::PeerGroup => "peer-group",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        [
            Self::Group,
            Self::Facilitators,
            Self::DropIn,
            Self::PeerGroup,
        ]
        .into_iter()
        .find(|k| k.as_str() == slug)
    }
}

/// A person's place in one conversation, worked out fresh for every command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Anyone on the public support page, before they start a chat.
    Public,
    /// A member of a channel.
    Member,
    /// A member muted for a while: reads, reports and leaves, says nothing.
    Muted,
    /// Keeps a channel: hides messages and mutes members.
    Moderator,
    /// The visitor of a drop-in chat (they hold its token).
    Visitor,
    /// A peer on shift at the chat's centre who may take it.
    OnShift,
    /// The peer who took the drop-in chat.
    Responder,
}

/// Something done in a conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConversationAct {
    /// Start an online drop-in chat.
    Start,
    /// See the messages (and older pages of them).
    Read,
    Post,
    /// Edit a message; `own` says whether the person wrote it.
    Edit {
        own: bool,
    },
    Delete {
        own: bool,
    },
    /// Tell a channel's moderators about a message.
    Report,
    /// Hide a message from members, or show it again.
    Hide,
    /// Stop a member posting for a while.
    Mute,
    /// Choose how one is told of new messages.
    Settings,
    /// Take a waiting drop-in chat.
    Take,
    /// End a drop-in chat.
    Close,
}

/// Whether a standing allows an act: the rules behind
/// [`crate::policy::Action::Converse`].
pub fn allows(standing: Option<Standing>, act: ConversationAct) -> bool {
    use ConversationAct as A;
    use Standing as S;
    let Some(standing) = standing else {
        return false;
    };
    match (standing, act) {
        (S::Public, A::Start) => true,
        (S::Public, _) => false,
        // Words reach the peer who takes the chat, not every peer on shift.
        (S::OnShift, A::Take) => true,
        (S::OnShift, _) => false,
        // Nobody edits or deletes someone else's words, moderators included:
        // they hide.
        (S::Muted, A::Edit { .. }) => false,
        (_, A::Edit { own } | A::Delete { own }) => own,
        (S::Member | S::Muted | S::Moderator, A::Read | A::Report | A::Settings) => true,
        (S::Member | S::Moderator, A::Post) => true,
        (S::Moderator, A::Hide | A::Mute) => true,
        (S::Visitor | S::Responder, A::Read | A::Post | A::Close) => true,
        _ => false,
    }
}

/// A message's text: trimmed, not empty, not too long.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageText(String);

impl MessageText {
    pub const MAX_CHARS: usize = 2000;

    pub fn parse(raw: &str) -> Result<Self, InputError> {
        let text = raw.trim();
        if text.is_empty() {
            return Err(InputError::new("conversation-error-empty"));
        }
        if text.chars().count() > Self::MAX_CHARS {
            return Err(InputError::new("conversation-error-long"));
        }
        // Line breaks are kept; other control characters are not text.
        if text
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
        {
            return Err(InputError::new("conversation-error-invalid"));
        }
        Ok(Self(text.replace("\r\n", "\n")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// How long a mute may last, in minutes: from a few minutes to a week.
pub fn mute_minutes(raw: i64) -> Result<i64, InputError> {
    if (1..=7 * 24 * 60).contains(&raw) {
        Ok(raw)
    } else {
        Err(InputError::new("conversation-error-mute-length"))
    }
}

/// How a member of a channel hears of new messages while away.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NotifySetting {
    /// An email for new messages (at most one every quarter hour).
    Every,
    /// An email when someone mentions them.
    #[default]
    Mentions,
    /// One email a day listing what was said.
    Digest,
    None,
}

impl NotifySetting {
    pub const ALL: [NotifySetting; 4] = [Self::Every, Self::Mentions, Self::Digest, Self::None];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Every => "every",
            Self::Mentions => "mentions",
            Self::Digest => "digest",
            Self::None => "none",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, InputError> {
        Self::ALL
            .into_iter()
            .find(|s| s.as_str() == raw)
            .ok_or_else(|| InputError::new("error-choose-one"))
    }
}

/// Who a message mentions: `@` followed by a member's full name, or by
/// their first name when no other member shares it. Case does not matter.
pub fn mentioned(text: &str, members: &[(UserId, String)]) -> Vec<UserId> {
    let lower = text.to_lowercase();
    let mut found = Vec::new();
    for (user, name) in members {
        let full = name.trim().to_lowercase();
        if full.is_empty() {
            continue;
        }
        let first = full.split_whitespace().next().unwrap_or(&full).to_owned();
        let first_is_unique = members
            .iter()
            .filter(|(_, other)| {
                other.trim().to_lowercase().split_whitespace().next() == Some(first.as_str())
            })
            .count()
            == 1;
        let says = |needle: &str| {
            lower.match_indices(&format!("@{needle}")).any(|(at, m)| {
                // A name ends where a word does: "@ana" does not mention "Anabel".
                lower[at + m.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric())
            })
        };
        if says(&full) || (first_is_unique && says(&first)) {
            found.push(*user);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use ConversationAct as A;
    use Standing as S;

    #[test]
    fn members_post_and_moderators_keep_the_channel() {
        assert!(allows(Some(S::Member), A::Post));
        assert!(!allows(Some(S::Member), A::Hide));
        assert!(!allows(Some(S::Member), A::Mute));
        assert!(allows(Some(S::Moderator), A::Hide));
        assert!(allows(Some(S::Moderator), A::Mute));
        assert!(!allows(None, A::Read));
        assert!(!allows(None, A::Post));
    }

    #[test]
    fn only_ones_own_words_are_edited_or_deleted() {
        for standing in [S::Member, S::Moderator, S::Visitor, S::Responder] {
            assert!(allows(Some(standing), A::Edit { own: true }));
            assert!(!allows(Some(standing), A::Edit { own: false }));
            assert!(allows(Some(standing), A::Delete { own: true }));
            assert!(!allows(Some(standing), A::Delete { own: false }));
        }
    }

    #[test]
    fn a_muted_member_reads_and_deletes_but_says_nothing() {
        assert!(allows(Some(S::Muted), A::Read));
        assert!(allows(Some(S::Muted), A::Report));
        assert!(allows(Some(S::Muted), A::Delete { own: true }));
        assert!(!allows(Some(S::Muted), A::Post));
        assert!(!allows(Some(S::Muted), A::Edit { own: true }));
    }

    #[test]
    fn drop_in_chats_are_for_their_visitor_and_their_peer() {
        assert!(allows(Some(S::Public), A::Start));
        assert!(!allows(Some(S::Public), A::Read));
        assert!(allows(Some(S::OnShift), A::Take));
        assert!(!allows(Some(S::OnShift), A::Post));
        assert!(!allows(Some(S::OnShift), A::Read));
        assert!(allows(Some(S::Visitor), A::Post));
        assert!(allows(Some(S::Responder), A::Close));
        assert!(!allows(Some(S::Visitor), A::Take));
        assert!(!allows(Some(S::Visitor), A::Hide));
    }

    #[test]
    fn every_kind_reads_back_from_its_slug() {
        for kind in [
            ConversationKind::Group,
            ConversationKind::Facilitators,
            ConversationKind::DropIn,
            ConversationKind::PeerGroup,
        ] {
            assert_eq!(ConversationKind::from_slug(kind.as_str()), Some(kind));
        }
    }

    #[test]
    fn message_text_is_trimmed_and_bounded() {
        assert_eq!(
            MessageText::parse("  hi \r\nthere ").unwrap().as_str(),
            "hi \nthere"
        );
        assert!(MessageText::parse("   ").is_err());
        assert!(MessageText::parse(&"x".repeat(2001)).is_err());
        assert!(MessageText::parse("a\u{7}b").is_err());
        assert_eq!(mute_minutes(60), Ok(60));
        assert!(mute_minutes(0).is_err());
        assert!(mute_minutes(100_000).is_err());
        assert_eq!(NotifySetting::parse("digest"), Ok(NotifySetting::Digest));
        assert!(NotifySetting::parse("loud").is_err());
    }

    #[test]
    fn mentions_find_full_names_and_unique_first_names() {
        let (ana, ana_b, besa) = (UserId::new(), UserId::new(), UserId::new());
        let members = vec![
            (ana, "Ana Hoxha".to_owned()),
            (ana_b, "Ana Berisha".to_owned()),
            (besa, "Besa Krasniqi".to_owned()),
        ];
        assert_eq!(mentioned("thanks @besa!", &members), vec![besa]);
        // Two Anas: the first name alone mentions nobody.
        assert!(mentioned("@Ana are you there", &members).is_empty());
        assert_eq!(mentioned("@ana hoxha see you", &members), vec![ana]);
        assert!(mentioned("@besar", &members).is_empty());
        assert!(mentioned("no one", &members).is_empty());
    }
}
