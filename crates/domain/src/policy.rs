//! Who may do what: the one place that decides.
//!
//! Every page, form and live command asks [`policy`]. Handlers never look at
//! roles themselves, so a rule changed here changes everywhere at once.

use crate::UserId;
use crate::roles::{Role, RoleGrant, Scope};
use crate::support_groups::{GroupAct, GroupRole};
use crate::support_ongoing::{OngoingAct, Standing, by_standing};

/// The person asking, with every role they hold.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user: UserId,
    pub grants: Vec<RoleGrant>,
}

/// Something a person wants to do. The target [`Scope`] says where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// See the lists of sites, programmes and cohorts.
    ViewStructure,
    /// Create, edit or archive sites.
    ManageSites,
    /// Create, edit or archive programmes and their phases.
    ManageProgrammes,
    /// Create, edit or archive cohorts (and set who facilitates them).
    ManageCohorts,
    /// Open a cohort's page: its staff and its members.
    ViewCohort,
    /// Form, adjust and save a cohort's peer groups.
    ManagePeerGroups,
    /// Search the people directory and open a person's page.
    ViewPeople,
    /// Invite, import and deactivate people.
    ManagePeople,
    /// Give or take away a role.
    GrantRole(Role),
    /// Add and edit services in the directory.
    ManageServices,
    /// The organisation's name, time zone and crisis numbers.
    ManageOrganisation,
    /// Read the audit log of who read what is sensitive.
    ViewAuditLog,
    /// Schedule events for an audience and drive them live.
    RunEvent,
    /// Join an event's live room as one of its audience.
    JoinEvent,
    /// Create, copy and edit the organisation's run sheets: a shared library,
    /// so a facilitator of any cohort may keep it.
    ManageRunSheets,
    /// Create, copy and edit curricula, and read every session's mini
    /// knowledge: a shared library, like the run sheets.
    ManageCurricula,
    /// Run a training cohort: choose its curriculum, see who has done the
    /// readiness step, record readiness conversations.
    RunTraining,
    /// Take part in a cohort's training as a trainee: read the trainee side
    /// of its curriculum and write one's own stocktake and recovery story.
    FollowTraining,
    /// Read the stocktake or recovery story a trainee chose to share with the
    /// facilitators of their cohort (never anything unshared: the store
    /// does not hand that out).
    ReadSharedReadiness,
    /// Set the minimum training each role needs (organisation-wide).
    ManageRoleTraining,
    /// Give a role although its training is not complete, with a reason.
    OverrideRoleTraining,
    /// See the training pipeline: peer workers active, leaving, in training.
    ViewTrainingPipeline,
    /// Keep a site's one-to-one support: student centres and their hours,
    /// rooms, the rota's shifts, the topic list, crisis contacts.
    ManageSupport,
    /// See a site's rota and its rooms' day views.
    ViewRota,
    /// Book a confidential room at a site.
    BookRoom,
    /// Take drop-in shifts at a site: sign up, run the queue, write logs.
    WorkShift,
    /// Read another person's session log at a site (its author always may).
    /// Every read is audited.
    ReadSessionLog,
    /// Supervise the peers of a site: their caseloads and flagged logs.
    SuperviseSupport,
    /// Read the directory of peer support groups and a group's public page,
    /// and ask to join one: open to everyone who holds any role.
    ViewSupportGroups,
    /// Start a peer support group at a site (or across the network) and name
    /// its first facilitator.
    StartSupportGroup,
    /// The network view of peer support groups (every group with its members
    /// and meetings) and connecting groups that want to cooperate.
    CoordinateSupportGroups,
    /// Something within one peer support group, decided by the person's
    /// `standing` in it (`None`: not a member) and nothing else: no
    /// organisation role reads a group's channel, minutes or notes.
    InSupportGroup {
        act: GroupAct,
        standing: Option<GroupRole>,
    },
    /// Open the reports and download their figures (counts, never names).
    ViewReports,
    /// Record activities that happened outside Hearth, by hand or from CSV.
    RecordActivities,
    /// Add kinds of activity for the whole organisation.
    ManageActivityKinds,
    /// Write a community story and read the approved ones: everyone who
    /// belongs to the organisation, wherever they hold their role.
    ShareStories,
    /// Check stories before the organisation sees them.
    ModerateStories,
    /// Something in a conversation (a group's channel, the facilitators'
    /// channel, an online drop-in chat), decided by the person's standing in
    /// it alone (`None`: no place in it), like [`Action::InSupportGroup`].
    Converse {
        act: crate::conversations::ConversationAct,
        standing: Option<crate::conversations::Standing>,
    },
    // --- ongoing one-to-one support and referrals (issue 7) ---
    /// Ask for ongoing one-to-one support for oneself: anyone signed in.
    AskForSupport,
    /// Refer a student for ongoing support: the staff of a site.
    ReferForSupport,
    /// See a site's open requests for ongoing support and match each to a peer.
    MatchSupport,
    /// Keep one's own profile for matching (lived-experience topics, opt-in).
    OfferOngoingSupport,
    /// Something within one ongoing support: decided by the person's
    /// `standing` in it when they have one, else by their role at its site
    /// (supervisors read it and decide extensions; coordinators and
    /// administrators only see that it exists and its counts).
    InOngoingSupport {
        act: OngoingAct,
        standing: Option<Standing>,
    },
    /// Refer someone to a service from the directory and follow it up.
    ReferToService,
    // Retention and people's rights (issue 7, scope 9): administrators only.
    /// Set how long session logs stay listed and walk-ins' names are kept.
    ManageRetention,
    /// Download everything recorded about a person.
    ExportPersonData,
    /// Erase a person: their personal data goes, anonymous counts stay.
    ErasePerson,
    /// Download the organisation's data, one CSV file per table (issue 9).
    ExportOrganisationData,
    /// Record and read field visits to the peer support groups of a site
    /// (issue 8): its coordinators and supervisors (the experts who visit).
    RecordFieldVisit,
}

/// May `actor` do `action` at `target`?
pub fn policy(actor: &Actor, action: Action, target: Scope) -> bool {
    if let Action::InSupportGroup { act, standing } = action {
        return in_support_group(act, standing);
    }
    if let Action::Converse { act, standing } = action {
        return crate::conversations::allows(standing, act);
    }
    // The student and the peer of a support act by their standing in it,
    // whatever roles they hold elsewhere: a peer who is also a supervisor
    // still never decides their own extension.
    if let Action::InOngoingSupport {
        act,
        standing: Some(standing),
    } = action
    {
        return by_standing(act, standing);
    }
    // Asking for help needs no role at all.
    if action == Action::AskForSupport {
        return true;
    }
    // The run sheet library belongs to everyone who runs events, wherever they
    // do; the directory of peer support groups and the community's stories
    // are open to anyone with a role.
    let anywhere = matches!(
        action,
        Action::ManageRunSheets
            | Action::ManageCurricula
            | Action::ViewSupportGroups
            | Action::ShareStories
    );
    actor.grants.iter().any(|grant| {
        (anywhere || grant.scope.covers(target)) && role_allows(grant.role, action, grant.scope)
    })
}

/// Within a peer support group: members take part, facilitators run it.
fn in_support_group(act: GroupAct, standing: Option<GroupRole>) -> bool {
    match (act, standing) {
        (_, None) => false,
        (GroupAct::TakePart, Some(_)) => true,
        (GroupAct::Facilitate, Some(role)) => role.facilitates(),
    }
}

/// What an ongoing support is about: beyond "it exists, and its counts".
fn content_of_a_support(action: Action) -> bool {
    matches!(action, Action::InOngoingSupport { act, .. } if act != OngoingAct::SeeCounts)
}

/// What a role allows within its own scope.
fn role_allows(role: Role, action: Action, held_at: Scope) -> bool {
    use Action::*;
    match role {
        // Shared private writing is shared with the cohort's facilitators alone.
        // Session logs reach the author, supervisors and the safeguarding
        // lead only: an administrator sees that they were read, not what they say.
        // The same holds for what an ongoing support is about.
        Role::Administrator => {
            !matches!(
                action,
                ReadSharedReadiness | ReadSessionLog | SuperviseSupport
            ) && !content_of_a_support(action)
        }
        Role::Coordinator => match action {
            ViewStructure | ViewCohort | ViewPeople | ManagePeople | ManageCohorts
            | ManagePeerGroups | RunEvent | ManageRunSheets | ManageCurricula | RunTraining => true,
            ViewSupportGroups | StartSupportGroup | CoordinateSupportGroups => true,
            // Decided before any role is looked at (see `in_support_group`).
            InSupportGroup { .. } | Converse { .. } => false,
            // Coordinators enter a room as its hosts, not as its audience.
            JoinEvent | FollowTraining => false,
            // A trainee shares their writing with facilitators, not with the programme.
            ReadSharedReadiness => false,
            // Sites and programmes span the organisation; a coordinator of one
            // site edits that site but not the organisation's shape.
            ManageSites | ManageProgrammes | ManageServices | ManageOrganisation => {
                held_at == Scope::Organisation
            }
            GrantRole(granted) => granted != Role::Administrator,
            ViewAuditLog => false,
            // What each role needs is the organisation's rule; a site's
            // coordinator sees the pipeline of their own site.
            ManageRoleTraining => held_at == Scope::Organisation,
            ViewTrainingPipeline => true,
            // Only an administrator answers for a role given before its training is done.
            OverrideRoleTraining => false,
            // Coordinators keep the support service but never read its logs.
            ManageSupport | ViewRota | BookRoom => true,
            WorkShift | ReadSessionLog | SuperviseSupport => false,
            // A site's coordinator sees and records their site's figures.
            ViewReports | RecordActivities | ShareStories => true,
            ManageActivityKinds | ModerateStories => held_at == Scope::Organisation,
            // Coordinators match requests and see that a support exists and
            // its counts; what it is about stays with the people in it.
            ReferForSupport | MatchSupport => true,
            InOngoingSupport { act, .. } => act == OngoingAct::SeeCounts,
            AskForSupport | OfferOngoingSupport | ReferToService => false,
            // A person's whole record, and its erasure, are an administrator's.
            ManageRetention | ExportPersonData | ErasePerson | ExportOrganisationData => false,
            RecordFieldVisit => true,
        },
        // Supervisors support the peer workers: their logs and caseloads,
        // and who is leaving when.
        Role::Supervisor => matches!(
            action,
            ViewStructure
                | ViewCohort
                | ViewPeople
                | ViewTrainingPipeline
                | ViewRota
                | BookRoom
                | ReadSessionLog
                | SuperviseSupport
                | ViewSupportGroups
                | ViewReports
                | ShareStories
                | ReferForSupport
                | ReferToService
                | InOngoingSupport {
                    act: OngoingAct::SeeCounts
                        | OngoingAct::Read
                        | OngoingAct::DecideExtension
                        // A supervisor can move or call off a session when the peer cannot.
                        | OngoingAct::Move
                        | OngoingAct::CancelSession,
                    ..
                }
                | RecordFieldVisit
        ),
        Role::SafeguardingLead => matches!(
            action,
            ViewStructure
                | ViewCohort
                | ViewAuditLog
                | ViewRota
                | ReadSessionLog
                | ViewSupportGroups
                | ShareStories
        ),
        // Facilitators form the peer groups of the cohorts they run.
        Role::Facilitator => {
            matches!(
                action,
                ViewStructure
                    | ViewCohort
                    | ManageRunSheets
                    | ManageCurricula
                    | ViewSupportGroups
                    | ShareStories
            ) || (matches!(
                action,
                ManagePeerGroups | RunEvent | RunTraining | ReadSharedReadiness | ReferToService
            ) && matches!(held_at, Scope::Cohort { .. }))
                || (action == RunEvent && matches!(held_at, Scope::SupportGroup { .. }))
        }
        // Peer workers take the shifts of the site they serve.
        Role::PeerWorker(_)
            if matches!(
                action,
                ViewRota
                    | BookRoom
                    | WorkShift
                    | ReferForSupport
                    | OfferOngoingSupport
                    | ReferToService
            ) && !matches!(held_at, Scope::Cohort { .. }) =>
        {
            true
        }
        // Members of a cohort see their own cohort; nothing of the structure.
        Role::PeerWorker(_) | Role::Participant => {
            matches!(action, ViewSupportGroups | ShareStories)
                || (matches!(action, ViewCohort | JoinEvent | FollowTraining)
                    && matches!(held_at, Scope::Cohort { .. }))
                || (action == JoinEvent && matches!(held_at, Scope::SupportGroup { .. }))
        }
    }
}

impl Actor {
    /// Someone with no account (a visitor of the public support page): no
    /// grants, so only standing-based actions can allow them anything.
    pub fn anonymous() -> Actor {
        Actor {
            user: UserId(uuid::Uuid::nil()),
            grants: Vec::new(),
        }
    }
}

/// An event's co-facilitator runs that one event as a facilitator of its
/// audience would. The grant is derived for the event's own pages and room,
/// where every check names the event's audience, and is never stored.
pub fn hosting(actor: &Actor, audience: Scope) -> Actor {
    let mut hosting = actor.clone();
    hosting.grants.push(RoleGrant {
        role: Role::Facilitator,
        scope: audience,
    });
    hosting
}

/// In a peer support group's live room its facilitators and co-facilitators
/// host and its members take part, as a cohort's do in theirs. Derived from
/// the person's standing in the group for that room only, never stored.
pub fn in_group_room(actor: &Actor, standing: Option<GroupRole>, room: Scope) -> Actor {
    let mut in_room = actor.clone();
    let role = match standing {
        Some(role) if role.facilitates() => Role::Facilitator,
        Some(_) => Role::Participant,
        None => return in_room,
    };
    in_room.grants.push(RoleGrant { role, scope: room });
    in_room
}

/// Someone's place in a cohort peer group's channel, mirroring a peer
/// support group's: the cohort's facilitators keep it (read, hide, mute) as
/// a group's facilitators keep theirs; the peer group's members take part;
/// nobody else has a place. Least privilege: an administrator or a
/// coordinator, who may run any event, does not read peers' conversations
/// by virtue of that role alone. `cohort` is the group's cohort scope. A
/// member muted now is made `Muted` by the caller, which knows the mutes.
pub fn in_peer_group_channel(
    actor: &Actor,
    member: bool,
    cohort: Scope,
) -> Option<crate::conversations::Standing> {
    use crate::conversations::Standing;
    let facilitating = Actor {
        user: actor.user,
        grants: actor
            .grants
            .iter()
            .filter(|g| g.role == Role::Facilitator)
            .copied()
            .collect(),
    };
    if policy(&facilitating, Action::RunEvent, cohort) {
        Some(Standing::Moderator)
    } else if member {
        Some(Standing::Member)
    } else {
        None
    }
}

/// Whether the person holds `role` anywhere.
pub fn holds(actor: &Actor, role: Role) -> bool {
    actor.grants.iter().any(|g| g.role == role)
}

/// Whether the person holds any peer-worker role.
pub fn is_peer_worker(actor: &Actor) -> bool {
    actor
        .grants
        .iter()
        .any(|g| matches!(g.role, Role::PeerWorker(_)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roles::PeerWorkerKind;
    use crate::{CohortId, SiteId};

    fn actor(role: Role, scope: Scope) -> Actor {
        Actor {
            user: UserId::new(),
            grants: vec![RoleGrant { role, scope }],
        }
    }

    #[test]
    fn a_peer_groups_channel_is_its_members_and_its_cohorts_hosts() {
        use crate::conversations::Standing;
        let site = SiteId::new();
        let cohort = Scope::Cohort {
            cohort: CohortId::new(),
            site,
        };
        let elsewhere = Scope::Cohort {
            cohort: CohortId::new(),
            site,
        };
        let facilitator = actor(Role::Facilitator, cohort);
        assert_eq!(
            in_peer_group_channel(&facilitator, false, cohort),
            Some(Standing::Moderator)
        );
        // The organisation's staff do not read peers' conversations by role.
        for role in [Role::Administrator, Role::Coordinator] {
            assert_eq!(
                in_peer_group_channel(&actor(role, Scope::Organisation), false, cohort),
                None
            );
        }
        // A facilitator of another cohort has no place in this one's groups.
        let other_facilitator = actor(Role::Facilitator, elsewhere);
        assert_eq!(
            in_peer_group_channel(&other_facilitator, false, cohort),
            None
        );
        let participant = actor(Role::Participant, cohort);
        assert_eq!(
            in_peer_group_channel(&participant, true, cohort),
            Some(Standing::Member)
        );
        // In the cohort but not in this peer group: no place.
        assert_eq!(in_peer_group_channel(&participant, false, cohort), None);
        let stranger = actor(Role::Participant, elsewhere);
        assert_eq!(in_peer_group_channel(&stranger, false, cohort), None);
        assert_eq!(
            in_peer_group_channel(&Actor::anonymous(), false, cohort),
            None
        );
    }

    #[test]
    fn administrator_may_do_everything() {
        let admin = actor(Role::Administrator, Scope::Organisation);
        assert!(policy(
            &admin,
            Action::GrantRole(Role::Administrator),
            Scope::Organisation
        ));
        assert!(policy(
            &admin,
            Action::ViewAuditLog,
            Scope::Site(SiteId::new())
        ));
    }

    #[test]
    fn only_an_administrator_exports_erases_and_sets_retention() {
        let admin = actor(Role::Administrator, Scope::Organisation);
        let coordinator = actor(Role::Coordinator, Scope::Organisation);
        let site = SiteId::new();
        let safeguarding = actor(Role::SafeguardingLead, Scope::Site(site));
        for action in [
            Action::ExportPersonData,
            Action::ErasePerson,
            Action::ManageRetention,
            Action::ExportOrganisationData,
        ] {
            assert!(policy(&admin, action, Scope::Organisation));
            assert!(!policy(&coordinator, action, Scope::Organisation));
            assert!(!policy(&safeguarding, action, Scope::Site(site)));
        }
    }

    #[test]
    fn coordinator_cannot_make_administrators_or_read_the_audit_log() {
        let coordinator = actor(Role::Coordinator, Scope::Organisation);
        assert!(policy(
            &coordinator,
            Action::GrantRole(Role::Facilitator),
            Scope::Organisation
        ));
        assert!(!policy(
            &coordinator,
            Action::GrantRole(Role::Administrator),
            Scope::Organisation
        ));
        assert!(!policy(
            &coordinator,
            Action::ViewAuditLog,
            Scope::Organisation
        ));
    }

    #[test]
    fn site_coordinator_stays_in_their_site() {
        let site = SiteId::new();
        let coordinator = actor(Role::Coordinator, Scope::Site(site));
        let here = Scope::Cohort {
            cohort: CohortId::new(),
            site,
        };
        let elsewhere = Scope::Cohort {
            cohort: CohortId::new(),
            site: SiteId::new(),
        };
        assert!(policy(&coordinator, Action::ManageCohorts, here));
        assert!(!policy(&coordinator, Action::ManageCohorts, elsewhere));
        assert!(!policy(
            &coordinator,
            Action::ManageSites,
            Scope::Organisation
        ));
    }

    #[test]
    fn participants_see_only_their_own_cohort() {
        let site = SiteId::new();
        let mine = Scope::Cohort {
            cohort: CohortId::new(),
            site,
        };
        let other = Scope::Cohort {
            cohort: CohortId::new(),
            site,
        };
        let participant = actor(Role::Participant, mine);
        assert!(policy(&participant, Action::ViewCohort, mine));
        assert!(!policy(&participant, Action::ViewCohort, other));
        assert!(!policy(
            &participant,
            Action::ViewStructure,
            Scope::Organisation
        ));
        assert!(!policy(
            &participant,
            Action::ViewPeople,
            Scope::Organisation
        ));
        let peer = actor(
            Role::PeerWorker(PeerWorkerKind::PeerEducator),
            Scope::Organisation,
        );
        assert!(!policy(&peer, Action::ViewCohort, mine));
    }

    #[test]
    fn facilitators_form_groups_only_in_their_cohorts() {
        let site = SiteId::new();
        let mine = Scope::Cohort {
            cohort: CohortId::new(),
            site,
        };
        let other = Scope::Cohort {
            cohort: CohortId::new(),
            site,
        };
        let facilitator = actor(Role::Facilitator, mine);
        assert!(policy(&facilitator, Action::ManagePeerGroups, mine));
        assert!(!policy(&facilitator, Action::ManagePeerGroups, other));
        let participant = actor(Role::Participant, mine);
        assert!(!policy(&participant, Action::ManagePeerGroups, mine));
    }

    #[test]
    fn anyone_who_runs_events_keeps_the_run_sheet_library() {
        let site = SiteId::new();
        let facilitator = actor(
            Role::Facilitator,
            Scope::Cohort {
                cohort: CohortId::new(),
                site,
            },
        );
        assert!(policy(
            &facilitator,
            Action::ManageRunSheets,
            Scope::Organisation
        ));
        let participant = actor(
            Role::Participant,
            Scope::Cohort {
                cohort: CohortId::new(),
                site,
            },
        );
        assert!(!policy(
            &participant,
            Action::ManageRunSheets,
            Scope::Organisation
        ));
        let supervisor = actor(Role::Supervisor, Scope::Organisation);
        assert!(!policy(
            &supervisor,
            Action::ManageRunSheets,
            Scope::Organisation
        ));
    }

    #[test]
    fn shared_readiness_writing_reaches_only_the_cohorts_facilitators() {
        let site = SiteId::new();
        let cohort = Scope::Cohort {
            cohort: CohortId::new(),
            site,
        };
        let other = Scope::Cohort {
            cohort: CohortId::new(),
            site,
        };
        let facilitator = actor(Role::Facilitator, cohort);
        assert!(policy(&facilitator, Action::ReadSharedReadiness, cohort));
        assert!(!policy(&facilitator, Action::ReadSharedReadiness, other));
        assert!(policy(&facilitator, Action::RunTraining, cohort));
        assert!(policy(
            &facilitator,
            Action::ManageCurricula,
            Scope::Organisation
        ));
        for role in [Role::Administrator, Role::Coordinator, Role::Supervisor] {
            let someone = actor(role, Scope::Organisation);
            assert!(
                !policy(&someone, Action::ReadSharedReadiness, cohort),
                "{role}"
            );
        }
        let trainee = actor(Role::Participant, cohort);
        assert!(policy(&trainee, Action::FollowTraining, cohort));
        assert!(!policy(&trainee, Action::FollowTraining, other));
        assert!(!policy(
            &trainee,
            Action::ManageCurricula,
            Scope::Organisation
        ));
        assert!(!policy(&trainee, Action::RunTraining, cohort));
        let coordinator = actor(Role::Coordinator, Scope::Organisation);
        assert!(!policy(&coordinator, Action::FollowTraining, cohort));
        assert!(policy(&coordinator, Action::RunTraining, cohort));
    }

    #[test]
    fn only_administrators_override_training_and_only_central_coordinators_set_it() {
        let site = SiteId::new();
        let admin = actor(Role::Administrator, Scope::Organisation);
        assert!(policy(
            &admin,
            Action::OverrideRoleTraining,
            Scope::Site(site)
        ));
        let coordinator = actor(Role::Coordinator, Scope::Organisation);
        assert!(!policy(
            &coordinator,
            Action::OverrideRoleTraining,
            Scope::Site(site)
        ));
        assert!(policy(
            &coordinator,
            Action::ManageRoleTraining,
            Scope::Organisation
        ));
        let local = actor(Role::Coordinator, Scope::Site(site));
        assert!(!policy(
            &local,
            Action::ManageRoleTraining,
            Scope::Organisation
        ));
        assert!(policy(
            &local,
            Action::ViewTrainingPipeline,
            Scope::Site(site)
        ));
        assert!(!policy(
            &local,
            Action::ViewTrainingPipeline,
            Scope::Site(SiteId::new())
        ));
        let facilitator = actor(
            Role::Facilitator,
            Scope::Cohort {
                cohort: CohortId::new(),
                site,
            },
        );
        assert!(!policy(
            &facilitator,
            Action::ViewTrainingPipeline,
            Scope::Site(site)
        ));
    }

    #[test]
    fn session_logs_reach_supervisors_and_safeguarding_of_their_site_only() {
        let site = SiteId::new();
        let here = Scope::Site(site);
        let elsewhere = Scope::Site(SiteId::new());
        let supervisor = actor(Role::Supervisor, here);
        assert!(policy(&supervisor, Action::ReadSessionLog, here));
        assert!(policy(&supervisor, Action::SuperviseSupport, here));
        assert!(!policy(&supervisor, Action::ReadSessionLog, elsewhere));
        let lead = actor(Role::SafeguardingLead, here);
        assert!(policy(&lead, Action::ReadSessionLog, here));
        assert!(!policy(&lead, Action::SuperviseSupport, here));
        let peer = actor(Role::PeerWorker(PeerWorkerKind::PeerSupportWorker), here);
        assert!(policy(&peer, Action::WorkShift, here));
        assert!(!policy(&peer, Action::ReadSessionLog, here));
        assert!(!policy(&peer, Action::SuperviseSupport, here));
        assert!(!policy(&peer, Action::WorkShift, elsewhere));
        for role in [Role::Administrator, Role::Coordinator] {
            let someone = actor(role, Scope::Organisation);
            assert!(!policy(&someone, Action::ReadSessionLog, here), "{role}");
            assert!(policy(&someone, Action::ManageSupport, here), "{role}");
        }
        let participant = actor(
            Role::Participant,
            Scope::Cohort {
                cohort: CohortId::new(),
                site,
            },
        );
        assert!(!policy(&participant, Action::ViewRota, here));
    }

    #[test]
    fn peer_support_groups_are_run_by_their_own_facilitators() {
        use crate::support_groups::{GroupAct, GroupRole};
        let site = SiteId::new();
        let cohort = Scope::Cohort {
            cohort: CohortId::new(),
            site,
        };
        // Everyone with a role sees the directory.
        for (role, scope) in [
            (Role::Participant, cohort),
            (
                Role::PeerWorker(PeerWorkerKind::PeerEducator),
                Scope::Site(site),
            ),
            (Role::Supervisor, Scope::Site(site)),
            (Role::Facilitator, cohort),
        ] {
            assert!(
                policy(
                    &actor(role, scope),
                    Action::ViewSupportGroups,
                    Scope::Organisation
                ),
                "{role}"
            );
        }
        // Standing in the group decides, whatever else the person holds.
        let admin = actor(Role::Administrator, Scope::Organisation);
        let take_part = |standing| Action::InSupportGroup {
            act: GroupAct::TakePart,
            standing,
        };
        let facilitate = |standing| Action::InSupportGroup {
            act: GroupAct::Facilitate,
            standing,
        };
        assert!(!policy(&admin, take_part(None), Scope::Site(site)));
        assert!(!policy(&admin, facilitate(None), Scope::Site(site)));
        let member = actor(Role::Participant, cohort);
        assert!(policy(
            &member,
            take_part(Some(GroupRole::Member)),
            Scope::Site(site)
        ));
        assert!(!policy(
            &member,
            facilitate(Some(GroupRole::Member)),
            Scope::Site(site)
        ));
        assert!(policy(
            &member,
            facilitate(Some(GroupRole::CoFacilitator)),
            Scope::Site(site)
        ));
        // Coordinators connect the groups of their own site only.
        let coordinator = actor(Role::Coordinator, Scope::Site(site));
        assert!(policy(
            &coordinator,
            Action::CoordinateSupportGroups,
            Scope::Site(site)
        ));
        assert!(policy(
            &coordinator,
            Action::StartSupportGroup,
            Scope::Site(site)
        ));
        assert!(!policy(
            &coordinator,
            Action::CoordinateSupportGroups,
            Scope::Site(SiteId::new())
        ));
        assert!(!policy(
            &coordinator,
            Action::StartSupportGroup,
            Scope::Organisation
        ));
        assert!(!policy(
            &member,
            Action::StartSupportGroup,
            Scope::Site(site)
        ));
        assert!(!policy(
            &member,
            Action::CoordinateSupportGroups,
            Scope::Site(site)
        ));
    }

    #[test]
    fn reports_stay_within_a_coordinators_site_and_participants_only_share_stories() {
        let site = SiteId::new();
        let here = actor(Role::Coordinator, Scope::Site(site));
        assert!(policy(&here, Action::ViewReports, Scope::Site(site)));
        assert!(!policy(
            &here,
            Action::ViewReports,
            Scope::Site(SiteId::new())
        ));
        assert!(!policy(&here, Action::ViewReports, Scope::Organisation));
        assert!(!policy(&here, Action::ModerateStories, Scope::Organisation));
        let central = actor(Role::Coordinator, Scope::Organisation);
        assert!(policy(
            &central,
            Action::ModerateStories,
            Scope::Organisation
        ));
        assert!(policy(
            &central,
            Action::ManageActivityKinds,
            Scope::Organisation
        ));
        let participant = actor(
            Role::Participant,
            Scope::Cohort {
                cohort: CohortId::new(),
                site,
            },
        );
        assert!(policy(
            &participant,
            Action::ShareStories,
            Scope::Organisation
        ));
        assert!(!policy(
            &participant,
            Action::ViewReports,
            Scope::Site(site)
        ));
        assert!(!policy(
            &participant,
            Action::ModerateStories,
            Scope::Organisation
        ));
        let nobody = Actor {
            user: UserId::new(),
            grants: vec![],
        };
        assert!(!policy(&nobody, Action::ShareStories, Scope::Organisation));
    }

    #[test]
    fn an_ongoing_support_is_read_by_its_student_peer_and_site_supervisors_only() {
        use crate::support_ongoing::{OngoingAct as Act, Standing};
        let site = SiteId::new();
        let here = Scope::Site(site);
        let within = |act, standing| Action::InOngoingSupport { act, standing };
        let supervisor = actor(Role::Supervisor, here);
        assert!(policy(&supervisor, within(Act::Read, None), here));
        assert!(policy(
            &supervisor,
            within(Act::DecideExtension, None),
            here
        ));
        assert!(!policy(&supervisor, within(Act::Schedule, None), here));
        assert!(policy(&supervisor, within(Act::Move, None), here));
        assert!(policy(&supervisor, within(Act::CancelSession, None), here));
        assert!(!policy(&supervisor, within(Act::Withdraw, None), here));
        assert!(!policy(
            &supervisor,
            within(Act::Move, None),
            Scope::Site(SiteId::new())
        ));
        assert!(!policy(
            &supervisor,
            within(Act::Read, None),
            Scope::Site(SiteId::new())
        ));
        // Supervising elsewhere, or being the peer, never decides one's own extension.
        assert!(!policy(
            &supervisor,
            within(Act::DecideExtension, Some(Standing::Peer)),
            here
        ));
        for role in [Role::Administrator, Role::Coordinator] {
            let someone = actor(role, Scope::Organisation);
            assert!(
                policy(&someone, within(Act::SeeCounts, None), here),
                "{role}"
            );
            assert!(!policy(&someone, within(Act::Read, None), here), "{role}");
            assert!(
                !policy(&someone, within(Act::DecideExtension, None), here),
                "{role}"
            );
        }
        let coordinator = actor(Role::Coordinator, here);
        assert!(policy(&coordinator, Action::MatchSupport, here));
        assert!(!policy(
            &coordinator,
            Action::MatchSupport,
            Scope::Site(SiteId::new())
        ));
        let lead = actor(Role::SafeguardingLead, here);
        assert!(!policy(&lead, within(Act::Read, None), here));
        let peer = actor(Role::PeerWorker(PeerWorkerKind::PeerSupportWorker), here);
        assert!(!policy(&peer, within(Act::Read, None), here));
        assert!(policy(
            &peer,
            within(Act::Schedule, Some(Standing::Peer)),
            here
        ));
        assert!(policy(&peer, Action::ReferToService, here));
        assert!(!policy(&peer, Action::MatchSupport, here));
        let nobody = Actor {
            user: UserId::new(),
            grants: vec![],
        };
        assert!(policy(&nobody, Action::AskForSupport, here));
        assert!(policy(
            &nobody,
            within(Act::Confirm, Some(Standing::Student)),
            here
        ));
        assert!(!policy(
            &nobody,
            within(Act::Schedule, Some(Standing::Student)),
            here
        ));
        assert!(!policy(&nobody, within(Act::Read, None), here));
    }

    #[test]
    fn nobody_without_a_role_may_do_anything() {
        let nobody = Actor {
            user: UserId::new(),
            grants: vec![],
        };
        assert!(!policy(&nobody, Action::ViewStructure, Scope::Organisation));
    }

    #[test]
    fn a_support_groups_room_is_its_members_and_hosted_by_its_facilitators() {
        use crate::support_groups::SupportGroupId;
        let site = SiteId::new();
        let room = Scope::SupportGroup {
            group: SupportGroupId::new(),
            site: Some(site),
        };
        let other_room = Scope::SupportGroup {
            group: SupportGroupId::new(),
            site: Some(site),
        };
        let nobody = Actor {
            user: UserId::new(),
            grants: vec![],
        };
        let member = in_group_room(&nobody, Some(GroupRole::Member), room);
        assert!(policy(&member, Action::JoinEvent, room));
        assert!(!policy(&member, Action::RunEvent, room));
        assert!(!policy(&member, Action::JoinEvent, other_room));
        for host in [GroupRole::Facilitator, GroupRole::CoFacilitator] {
            let host = in_group_room(&nobody, Some(host), room);
            assert!(policy(&host, Action::RunEvent, room));
            assert!(!policy(&host, Action::RunEvent, other_room));
        }
        let outsider = in_group_room(&nobody, None, room);
        assert!(!policy(&outsider, Action::JoinEvent, room));
        // The site's coordinator may host; a cohort's facilitator of the same
        // site may not, nor may a cohort's participant join.
        let cohort = Scope::Cohort {
            cohort: CohortId::new(),
            site,
        };
        assert!(policy(
            &actor(Role::Coordinator, Scope::Site(site)),
            Action::RunEvent,
            room
        ));
        assert!(!policy(
            &actor(Role::Facilitator, cohort),
            Action::RunEvent,
            room
        ));
        assert!(!policy(
            &actor(Role::Participant, cohort),
            Action::JoinEvent,
            room
        ));
    }
}
