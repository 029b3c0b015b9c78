//! Roles a person holds, and where each one applies.

use crate::support_groups::SupportGroupId;
use crate::{CohortId, SiteId};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The kinds of peer worker of `seeds/003`: some give peer support, others a
/// student-delivered service, and each needs a different minimum of training.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PeerWorkerKind {
    PeerSupportWorker,
    StudentSupportWorker,
    StudentResourceNavigator,
    InternationalPeerSupportMentor,
    InternationalStudentPeerMentor,
    PeerAcademicCoach,
    PeerEducator,
}

impl PeerWorkerKind {
    pub const ALL: [PeerWorkerKind; 7] = [
        Self::PeerSupportWorker,
        Self::StudentSupportWorker,
        Self::StudentResourceNavigator,
        Self::InternationalPeerSupportMentor,
        Self::InternationalStudentPeerMentor,
        Self::PeerAcademicCoach,
        Self::PeerEducator,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::PeerSupportWorker => "peer-support-worker",
            Self::StudentSupportWorker => "student-support-worker",
            Self::StudentResourceNavigator => "student-resource-navigator",
            Self::InternationalPeerSupportMentor => "international-peer-support-mentor",
            Self::InternationalStudentPeerMentor => "international-student-peer-mentor",
            Self::PeerAcademicCoach => "peer-academic-coach",
            Self::PeerEducator => "peer-educator",
        }
    }

    /// Peer support draws on lived experience of a similar struggle; the
    /// other kinds are student-delivered services (`seeds/003`).
    pub fn is_peer_support(self) -> bool {
        matches!(
            self,
            Self::PeerSupportWorker | Self::InternationalPeerSupportMentor
        )
    }

    /// Mentoring kinds pair a mentor with the people they mentor.
    pub fn pairs_mentees(self) -> bool {
        matches!(
            self,
            Self::InternationalPeerSupportMentor | Self::InternationalStudentPeerMentor
        )
    }
}

impl FromStr for PeerWorkerKind {
    type Err = UnknownName;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| UnknownName(s.to_owned()))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("\"{0}\" is not a name Hearth knows")]
pub struct UnknownName(pub String);

/// A role. A person may hold several, each within a [`Scope`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    Administrator,
    /// Runs the programme; also moderates stories.
    Coordinator,
    Supervisor,
    /// Sees safety alerts and audited logs for a site.
    SafeguardingLead,
    Facilitator,
    PeerWorker(PeerWorkerKind),
    Participant,
}

impl Role {
    /// Every role, with each peer-worker kind listed as its own role.
    pub fn all() -> Vec<Role> {
        let mut roles = vec![
            Role::Administrator,
            Role::Coordinator,
            Role::Supervisor,
            Role::SafeguardingLead,
            Role::Facilitator,
        ];
        roles.extend(PeerWorkerKind::ALL.into_iter().map(Role::PeerWorker));
        roles.push(Role::Participant);
        roles
    }

    /// The stored name, e.g. `peer-worker:peer-educator`.
    pub fn key(self) -> String {
        match self {
            Role::PeerWorker(kind) => format!("peer-worker:{}", kind.as_str()),
            other => other.base_key().to_owned(),
        }
    }

    /// The name without the peer-worker kind; also the Fluent key suffix.
    pub fn base_key(self) -> &'static str {
        match self {
            Role::Administrator => "administrator",
            Role::Coordinator => "coordinator",
            Role::Supervisor => "supervisor",
            Role::SafeguardingLead => "safeguarding-lead",
            Role::Facilitator => "facilitator",
            Role::PeerWorker(kind) => kind.as_str(),
            Role::Participant => "participant",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.key())
    }
}

impl FromStr for Role {
    type Err = UnknownName;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if let Some(kind) = s.strip_prefix("peer-worker:") {
            return kind.parse().map(Role::PeerWorker);
        }
        // A bare kind name is accepted too, so CSV files can say "peer-educator".
        if let Ok(kind) = s.parse::<PeerWorkerKind>() {
            return Ok(Role::PeerWorker(kind));
        }
        Ok(match s {
            "administrator" => Role::Administrator,
            "coordinator" => Role::Coordinator,
            "supervisor" => Role::Supervisor,
            "safeguarding-lead" => Role::SafeguardingLead,
            "facilitator" => Role::Facilitator,
            "peer-worker" => Role::PeerWorker(PeerWorkerKind::PeerSupportWorker),
            "participant" => Role::Participant,
            other => return Err(UnknownName(other.to_owned())),
        })
    }
}

/// Where a role applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Scope {
    Organisation,
    Site(SiteId),
    Cohort {
        cohort: CohortId,
        site: SiteId,
    },
    /// A peer support group's own live room (its online meetings). No role
    /// is ever stored here: the room derives one from the person's standing
    /// in the group (see `policy::in_group_room`).
    SupportGroup {
        group: SupportGroupId,
        site: Option<SiteId>,
    },
}

impl Scope {
    /// Whether a role held at `self` reaches `target`: the organisation
    /// reaches everything, a site reaches its cohorts and its peer support
    /// groups, a cohort or a group only itself.
    pub fn covers(self, target: Scope) -> bool {
        match (self, target) {
            (Scope::Organisation, _) => true,
            (Scope::Site(mine), Scope::Site(theirs)) => mine == theirs,
            (Scope::Site(mine), Scope::Cohort { site, .. }) => mine == site,
            (Scope::Cohort { cohort: mine, .. }, Scope::Cohort { cohort, .. }) => mine == cohort,
            (Scope::Site(mine), Scope::SupportGroup { site, .. }) => site == Some(mine),
            (Scope::SupportGroup { group: mine, .. }, Scope::SupportGroup { group, .. }) => {
                mine == group
            }
            _ => false,
        }
    }
}

/// One role held by a person within one scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleGrant {
    pub role: Role,
    pub scope: Scope,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_keys_round_trip() {
        for role in Role::all() {
            assert_eq!(role.key().parse::<Role>(), Ok(role));
        }
        assert_eq!(
            "peer-educator".parse::<Role>(),
            Ok(Role::PeerWorker(PeerWorkerKind::PeerEducator))
        );
        assert!("wizard".parse::<Role>().is_err());
    }

    #[test]
    fn scopes_reach_down_never_up_or_across() {
        let site = SiteId::new();
        let other_site = SiteId::new();
        let cohort = Scope::Cohort {
            cohort: CohortId::new(),
            site,
        };
        assert!(Scope::Organisation.covers(cohort));
        assert!(Scope::Site(site).covers(cohort));
        assert!(!Scope::Site(other_site).covers(cohort));
        assert!(!cohort.covers(Scope::Site(site)));
        assert!(!Scope::Site(site).covers(Scope::Organisation));
        let group = Scope::SupportGroup {
            group: SupportGroupId::new(),
            site: Some(site),
        };
        assert!(Scope::Site(site).covers(group));
        assert!(!Scope::Site(other_site).covers(group));
        assert!(!cohort.covers(group));
        assert!(!group.covers(Scope::Site(site)));
        assert!(!group.covers(Scope::SupportGroup {
            group: SupportGroupId::new(),
            site: Some(site),
        }));
        let other_cohort = Scope::Cohort {
            cohort: CohortId::new(),
            site,
        };
        assert!(!cohort.covers(other_cohort));
    }
}
