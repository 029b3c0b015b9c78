//! Community stories (issue 9, scope 5): who may read one, and how it is
//! signed. The writer chooses both; a moderator checks the story before
//! anyone else reads it.

use crate::ids::CohortId;
use crate::policy::{Action, Actor, policy};
use crate::roles::Scope;

/// Who may read a story once it is approved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoryAudience {
    /// The people of one cohort (and the moderators).
    Cohort(CohortId),
    /// Everyone with a role in the organisation.
    Organisation,
    /// Anyone, signed in or not, and by its share link.
    Public,
}

impl StoryAudience {
    pub fn kind(self) -> &'static str {
        match self {
            StoryAudience::Cohort(_) => "cohort",
            StoryAudience::Organisation => "organisation",
            StoryAudience::Public => "public",
        }
    }

    /// From the stored kind and cohort; a cohort story whose cohort is gone
    /// is read by nobody but its writer and the moderators.
    pub fn from_parts(kind: &str, cohort: Option<CohortId>) -> Option<StoryAudience> {
        match (kind, cohort) {
            ("cohort", Some(cohort)) => Some(StoryAudience::Cohort(cohort)),
            ("organisation", _) => Some(StoryAudience::Organisation),
            ("public", _) => Some(StoryAudience::Public),
            _ => None,
        }
    }

    pub fn cohort(self) -> Option<CohortId> {
        match self {
            StoryAudience::Cohort(cohort) => Some(cohort),
            _ => None,
        }
    }
}

/// How a story is signed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signature {
    FullName,
    FirstName,
    Anonymous,
}

impl Signature {
    pub fn as_str(self) -> &'static str {
        match self {
            Signature::FullName => "full",
            Signature::FirstName => "first",
            Signature::Anonymous => "anonymous",
        }
    }

    pub fn parse(text: &str) -> Option<Signature> {
        match text {
            "full" => Some(Signature::FullName),
            "first" => Some(Signature::FirstName),
            "anonymous" => Some(Signature::Anonymous),
            _ => None,
        }
    }

    /// The name the story carries (empty when anonymous).
    pub fn name_for(self, display_name: &str) -> String {
        let name = display_name.trim();
        match self {
            Signature::FullName => name.to_owned(),
            Signature::FirstName => name.split_whitespace().next().unwrap_or(name).to_owned(),
            Signature::Anonymous => String::new(),
        }
    }
}

/// Whether `reader` (None: not signed in) may read an approved story shared
/// with `audience`. Moderators read every story; cohort stories are read by
/// anyone who holds a role in that cohort.
pub fn may_read_story(reader: Option<&Actor>, audience: Option<StoryAudience>) -> bool {
    let Some(reader) = reader else {
        return audience == Some(StoryAudience::Public);
    };
    if policy(reader, Action::ModerateStories, Scope::Organisation) {
        return true;
    }
    let has_a_role = !reader.grants.is_empty();
    match audience {
        Some(StoryAudience::Public | StoryAudience::Organisation) => has_a_role,
        Some(StoryAudience::Cohort(cohort)) => reader
            .grants
            .iter()
            .any(|g| matches!(g.scope, Scope::Cohort { cohort: c, .. } if c == cohort)),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{SiteId, UserId};
    use crate::roles::{Role, RoleGrant};

    fn actor(role: Role, scope: Scope) -> Actor {
        Actor {
            user: UserId::new(),
            grants: vec![RoleGrant { role, scope }],
        }
    }

    #[test]
    fn each_audience_reaches_exactly_its_readers() {
        let site = SiteId::new();
        let ours = CohortId::new();
        let theirs = CohortId::new();
        let member = actor(Role::Participant, Scope::Cohort { cohort: ours, site });
        let other = actor(
            Role::Participant,
            Scope::Cohort {
                cohort: theirs,
                site,
            },
        );
        let coordinator = actor(Role::Coordinator, Scope::Organisation);
        let nobody = Actor {
            user: UserId::new(),
            grants: Vec::new(),
        };
        let public = Some(StoryAudience::Public);
        let organisation = Some(StoryAudience::Organisation);
        let cohort = Some(StoryAudience::Cohort(ours));

        assert!(may_read_story(None, public));
        assert!(!may_read_story(None, organisation));
        assert!(!may_read_story(None, cohort));
        assert!(may_read_story(Some(&other), organisation));
        assert!(!may_read_story(Some(&other), cohort));
        assert!(may_read_story(Some(&member), cohort));
        assert!(may_read_story(Some(&coordinator), cohort));
        assert!(!may_read_story(Some(&nobody), organisation));
        assert!(!may_read_story(Some(&member), None));
    }

    #[test]
    fn a_signature_shows_only_what_was_chosen() {
        assert_eq!(Signature::FullName.name_for("Maya Chen"), "Maya Chen");
        assert_eq!(Signature::FirstName.name_for("Maya Chen"), "Maya");
        assert_eq!(Signature::Anonymous.name_for("Maya Chen"), "");
        assert_eq!(Signature::parse("first"), Some(Signature::FirstName));
        assert_eq!(Signature::parse("nickname"), None);
    }
}
