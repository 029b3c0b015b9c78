//! Hearth's storage: the only crate that speaks SQL.
//!
//! [`Db`] is SQLite or PostgreSQL; every method runs the same SQL text on
//! either (see [`on_db!`]). Methods are grouped by area (`store.people()`,
//! `store.org()`, ...) and speak domain types, never rows.

mod activity;
mod audit;
mod bus;
mod db;
mod demo;
mod demo_training;
mod error;
mod event_records;
mod events;
mod files;
mod jobs;
mod live_presence;
mod notifications;
mod org;
pub mod password;
mod peer_groups;
mod people;
mod role_training;
mod run_sheets;
mod services;
mod sessions;
mod support;
mod support_demo;
mod support_groups;
mod support_groups_meetings;
mod time;
mod training;
mod training_deliveries;
mod training_live;
mod videos;
// Reports and community stories (issue 9).
mod demo_reports;
mod reports;
mod stories;
// Channels and online drop-in chats.
mod conversations;
mod demo_conversations;
// Ongoing one-to-one support and referrals (issue 7).
mod support_ongoing;
mod support_ongoing_demo;
// Retention and people's rights (issue 7, scope 9).
mod privacy;
mod reports_dropin;
// `hearth backup` and the organisation's export (issue 9).
mod backup;
mod demo_safety;
mod org_export;
pub mod org_export_catalogue;
// Running meetings and the network of peer support groups (issue 8).
mod date_polls;
mod demo_meetings;
mod meeting_flow;
mod network;
// Moving and calling off ongoing support's sessions; the student ending it.
mod support_ongoing_changes;

pub use activity::{Activities, AttendanceStatus, NewActivity};
pub use activity::{ActivityKind, RecordedActivity, kind_slug};
pub use audit::{Audit, AuditEntry};
pub use backup::{BackupOutcome, DatabaseCheck};
pub use bus::{LiveListener, Notice};
pub use conversations::{
    Amend, AuthorKind, CONVERSATION_PRESENCE_STALE_MS, ConversationListener, Conversations,
    Message, NewMessage, ONLINE_CHAT, Replied, Setting, TextConversation,
};
pub use date_polls::{
    DatePoll, DatePolls, NewDatePoll, PollOption, Pulse, PulseAnswer, Pulses, QuestionSummary,
};
pub use db::{Backend, Db, MigrationError};
pub use demo::{DEMO_PASSWORD, DemoOutcome};
pub use error::StoreError;
pub use event_records::{EventRecords, Feedback};
pub use events::{Audience, Event, Events, LogEntry, NewEvent};
pub use files::{Files, NewFile, StoredFile};
pub use jobs::{Job, Jobs};
pub use live_presence::{InstanceId, LivePresence, PRESENCE_STALE_MS, PresentElsewhere};
pub use meeting_flow::{
    Cafe, CafeNote, CafePlan, CafeTable, Icebreaker, IcebreakerNote, MeetingFlow, SharedHarvest,
};
pub use network::{FieldVisit, JointMeeting, Network, NewFieldVisit, NewResource, Resource};
pub use notifications::{Notification, Notifications};
pub use org::{
    Cohort, CohortMember, CohortSummary, NewCohort, NewSite, Org, OrgCounts, Organisation, Phase,
    Programme, Site,
};
pub use org_export::{OrganisationExport, SchemaColumn};
pub use peer_groups::{
    Arrangement, MemberPair, NewGroup, PairKind, PeerGroup, PeerGroupRef, PeerGroups,
};
pub use people::{CsvPerson, GrantView, People, Person, PersonPage, SignInRecord};
pub use privacy::{DAY_MS, ERASED_NAME, Privacy, Retention, RetentionOutcome};
pub use reports::{
    ActivityReport, ActivityRow, Count, Dimension, EventHeld, EventsReport, ReportFilter, Reports,
    SMALL_COUNT, TrainingCompletion,
};
pub use reports_dropin::DropInHours;
pub use role_training::{RequiredItem, RoleOverride, ServingPeer};
pub use run_sheets::{RunSheets, SavedRunSheet};
pub use services::{NewService, Service, Services};
pub use sessions::{SessionUser, Sessions, TokenPurpose, new_token as random_token};
pub use stories::{Moderation, Stories, Story, StoryStatus, StoryText};
pub use support::{
    Booking, Location, LogRead, LogSummary, NewBooking, NewLog, NewShift, OpeningHours, QueueEntry,
    Room, SessionLog, Shift, SiteSettings, Supervision, Support, Topic, Wellbeing,
};
pub use support_groups::{
    Decision, GroupLink, GroupMember, GroupSummary, JoinRequest, NetworkLink, NewSupportGroup,
    SupportGroup, SupportGroups,
};
pub use support_groups_meetings::{ActionItem, Meeting, NewMeeting, SupportGroupMeetings};
pub use support_ongoing::{
    Extension, NewReferral, NewRequest, Ongoing, OngoingFigures, OngoingSession, OngoingSupport,
    PeerCandidate, PeerProfile, Referral,
};
pub use support_ongoing_changes::{CancelledSession, Moved};
pub use time::{now_ms, timestamp};
pub use training::{
    AttendanceMark, ChimeEntry, Conversation, Curriculum, CurriculumModule, CurriculumSession,
    CurriculumSummary, Delivery, Material, MaterialPlace, ReadinessStatus, STORY_VERSION_GAP_MS,
    Stocktake, StoryVersion, Training,
};
pub use videos::{PeerVideo, Videos};

/// The handle every layer above holds: cheap to clone.
#[derive(Clone, Debug)]
pub struct Store {
    db: Db,
}

impl Store {
    pub fn new(db: Db) -> Self {
        Self { db }
    }

    pub fn db(&self) -> &Db {
        &self.db
    }

    pub fn people(&self) -> People<'_> {
        People { db: &self.db }
    }
    pub fn sessions(&self) -> Sessions<'_> {
        Sessions { db: &self.db }
    }
    pub fn org(&self) -> Org<'_> {
        Org { db: &self.db }
    }
    pub fn services(&self) -> Services<'_> {
        Services { db: &self.db }
    }
    pub fn notifications(&self) -> Notifications<'_> {
        Notifications { db: &self.db }
    }
    pub fn jobs(&self) -> Jobs<'_> {
        Jobs { db: &self.db }
    }
    pub fn audit(&self) -> Audit<'_> {
        Audit { db: &self.db }
    }
    pub fn files(&self) -> Files<'_> {
        Files { db: &self.db }
    }
    pub fn events(&self) -> Events<'_> {
        Events { db: &self.db }
    }
    pub fn live_presence(&self) -> LivePresence<'_> {
        LivePresence { db: &self.db }
    }
    pub fn event_records(&self) -> EventRecords<'_> {
        EventRecords { db: &self.db }
    }
    pub fn videos(&self) -> Videos<'_> {
        Videos { db: &self.db }
    }
    pub fn run_sheets(&self) -> RunSheets<'_> {
        RunSheets { db: &self.db }
    }
    pub fn peer_groups(&self) -> PeerGroups<'_> {
        PeerGroups { db: &self.db }
    }
    pub fn activities(&self) -> Activities<'_> {
        Activities { db: &self.db }
    }
    pub fn training(&self) -> Training<'_> {
        Training { db: &self.db }
    }
    pub fn support(&self) -> Support<'_> {
        Support { db: &self.db }
    }
    pub fn support_groups(&self) -> SupportGroups<'_> {
        SupportGroups { db: &self.db }
    }
    pub fn support_group_meetings(&self) -> SupportGroupMeetings<'_> {
        SupportGroupMeetings { db: &self.db }
    }
    pub fn reports(&self) -> Reports<'_> {
        Reports { db: &self.db }
    }
    pub fn stories(&self) -> Stories<'_> {
        Stories { db: &self.db }
    }
    pub fn conversations(&self) -> Conversations<'_> {
        Conversations { db: &self.db }
    }

    pub fn ongoing(&self) -> Ongoing<'_> {
        Ongoing { db: &self.db }
    }

    pub fn privacy(&self) -> Privacy<'_> {
        Privacy { db: &self.db }
    }

    /// Loads the demo organisation into an empty database.
    pub async fn load_demo(&self) -> Result<DemoOutcome, StoreError> {
        demo::load(self).await
    }
}
