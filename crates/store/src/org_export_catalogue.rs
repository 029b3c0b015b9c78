//! What the administrator's full export holds, table by table (issue 9,
//! scope 6). Every table of the schema is named here, so a new table cannot
//! slip into (or out of) the export without someone deciding: the store tests
//! compare this list with the live schema on both databases.
//!
//! Left out, whole or in part: private writing (reflections, stocktakes,
//! recovery stories, check-ins, icebreaker notes, conversations, drafts of
//! stories), session logs and what one-to-one support records in people's
//! own words, and secrets (password hashes, sign-in and link tokens).

/// How one table goes into the export.
#[derive(Debug, Clone, Copy)]
pub enum TableExport {
    /// Every row, without these columns.
    Rows { withheld: &'static [&'static str] },
    /// Not exported, for this reason (written in the README).
    Withheld { reason: &'static str },
}

/// One table of the schema.
#[derive(Debug, Clone, Copy)]
pub struct CatalogueEntry {
    pub table: &'static str,
    /// One line for the README.
    pub about: &'static str,
    pub export: TableExport,
}

const fn rows(table: &'static str, about: &'static str) -> CatalogueEntry {
    CatalogueEntry {
        table,
        about,
        export: TableExport::Rows { withheld: &[] },
    }
}

const fn rows_without(
    table: &'static str,
    about: &'static str,
    withheld: &'static [&'static str],
) -> CatalogueEntry {
    CatalogueEntry {
        table,
        about,
        export: TableExport::Rows { withheld },
    }
}

const fn withheld(
    table: &'static str,
    about: &'static str,
    reason: &'static str,
) -> CatalogueEntry {
    CatalogueEntry {
        table,
        about,
        export: TableExport::Withheld { reason },
    }
}

const SECRET: &str = "sign-in secrets";
const PRIVATE: &str = "private writing";
const LOGS: &str = "session logs";
const WORKINGS: &str = "the server's own workings, with nothing the organisation decided";

/// Columns that hold yes/no. PostgreSQL stores them as BOOLEAN and SQLite as
/// 0/1; the export writes `true`/`false` from both (a store test checks this
/// list against PostgreSQL's schema).
pub const YES_NO_COLUMNS: &[(&str, &str)] = &[
    ("activity_kinds", "sensitive"),
    ("cafes", "shared_with_group"),
    ("date_polls", "online"),
    ("icebreaker_notes", "keep"),
    ("organisation", "is_demo"),
    ("recovery_story_shares", "shared"),
    ("services", "is_crisis_line"),
    ("stocktakes", "complete"),
    ("stocktakes", "shared"),
    ("support_group_meetings", "online"),
    ("support_groups", "formal"),
    ("support_logs", "flag_difficult"),
    ("support_logs", "flag_safety"),
    ("support_peer_profiles", "open_to_new"),
    ("support_wellbeing", "shared"),
    ("users", "active"),
];

/// Whole-number columns that are not times. Every other BIGINT column is a
/// time in milliseconds since 1970 (UTC), which the export writes as an
/// ISO 8601 time.
pub const NUMBER_BIGINT_COLUMNS: &[&str] = &["seq", "posted_seq", "size"];

/// Every table of the schema, in the order of the README.
pub const CATALOGUE: &[CatalogueEntry] = &[
    // The organisation and its people.
    rows(
        "organisation",
        "The organisation: name, time zone, crisis text, retention settings and logo (a file id).",
    ),
    rows_without(
        "users",
        "Everyone with an account (erased people are tombstones without a name).",
        &["password_hash", "name_search"],
    ),
    rows(
        "role_grants",
        "Who holds which role, organisation-wide, at a site or in a cohort.",
    ),
    rows(
        "role_grant_terms",
        "The dates a peer support worker's service term runs.",
    ),
    rows(
        "sites",
        "Sites: schools, municipalities, community centres.",
    ),
    rows("programmes", "Programmes."),
    rows("phases", "The phases of each programme, with their dates."),
    rows("cohorts", "Cohorts within programmes and phases."),
    rows(
        "lived_experience",
        "People who marked that they bring lived experience (used when forming groups).",
    ),
    rows(
        "audit_log",
        "Every audited read, export and erasure of sensitive data.",
    ),
    rows_without(
        "files",
        "Uploaded files (names, types and sizes; the files themselves are in a backup).",
        &["bytes"],
    ),
    withheld("sessions", "Signed-in browsers.", SECRET),
    withheld(
        "account_tokens",
        "Invitation and password-reset links.",
        SECRET,
    ),
    withheld(
        "sign_in_failures",
        "Recent failed sign-ins, kept to slow guessing.",
        SECRET,
    ),
    withheld("calendar_feeds", "Personal calendar feed links.", SECRET),
    withheld(
        "jobs",
        "The server's queue of emails and scheduled work.",
        WORKINGS,
    ),
    withheld(
        "notifications",
        "Each person's notifications.",
        "each person's own inbox",
    ),
    // Activities and reports.
    rows("activity_kinds", "The kinds of activity reports count."),
    rows(
        "activities",
        "Every activity: its kind, site, phase and time.",
    ),
    rows("attendance", "Who came to each activity."),
    rows_without(
        "stories",
        "Community stories and their moderation (titles and status; the text stays with its writer).",
        &["body", "moderator_note", "share_token", "picture_alt"],
    ),
    // Live dialogue events.
    rows("events", "Live dialogue events."),
    rows("event_hosts", "The hosts of each event."),
    rows("event_feedback", "Feedback after events."),
    rows("run_sheets", "Run sheets for events."),
    rows("ground_rules", "Each cohort's ground rules, by version."),
    rows(
        "ground_rule_acceptances",
        "Who accepted which version of the ground rules.",
    ),
    rows(
        "debrief_speakers",
        "Who spoke in each event's debrief (for fairness next time).",
    ),
    withheld(
        "event_log",
        "What happened in each live room, step by step.",
        "it holds what people said in the room",
    ),
    withheld(
        "reflections",
        "Private reflections written during events.",
        PRIVATE,
    ),
    withheld(
        "live_presence",
        "Who is in a live room right now.",
        WORKINGS,
    ),
    // Groups.
    rows(
        "peer_group_arrangements",
        "Saved arrangements of peer groups.",
    ),
    rows("peer_groups", "The peer groups of each arrangement."),
    rows("peer_group_members", "Who is in which peer group."),
    rows(
        "member_labels",
        "Labels used when forming groups (for example a school year).",
    ),
    rows(
        "member_pairs",
        "Pairs to keep together or apart when forming groups.",
    ),
    // Training.
    rows("curricula", "Training curricula."),
    rows("curriculum_modules", "The modules of each curriculum."),
    rows("curriculum_sessions", "The sessions of each module."),
    rows("curriculum_materials", "Materials attached to sessions."),
    rows("cohort_curricula", "Which curriculum each cohort follows."),
    rows(
        "session_run_sheets",
        "Which run sheet a training session uses.",
    ),
    rows("training_deliveries", "Scheduled training sessions."),
    rows(
        "delivery_events",
        "The live room of an online training session.",
    ),
    rows(
        "delivery_facilitators",
        "Who facilitated each training session.",
    ),
    rows("delivery_feedback", "Ratings of training sessions."),
    rows("module_signoffs", "Modules signed off for each trainee."),
    rows_without(
        "readiness_conversations",
        "Readiness conversations before training (outcome only).",
        &["note"],
    ),
    rows(
        "role_training_requirements",
        "The training each role needs.",
    ),
    rows(
        "role_training_overrides",
        "Roles given before their training was complete, with the reason.",
    ),
    rows("peer_videos", "The library of peer videos."),
    rows(
        "introductions",
        "Trainees' introductions, shared with their cohort.",
    ),
    withheld("stocktakes", "Trainees' personal stocktakes.", PRIVATE),
    withheld(
        "recovery_story_versions",
        "Trainees' recovery stories.",
        PRIVATE,
    ),
    rows(
        "recovery_story_shares",
        "Whether a trainee chose to share their recovery story.",
    ),
    withheld(
        "chime_reflections",
        "Trainees' CHIME self-reflections.",
        PRIVATE,
    ),
    // One-to-one support.
    rows_without("support_locations", "Drop-in locations.", &["checkin_code"]),
    rows("support_opening_hours", "Drop-in opening hours."),
    rows("support_shifts", "Drop-in shifts."),
    rows("support_shift_signups", "Who signed up for each shift."),
    rows("support_swaps", "Shift swaps asked for and taken."),
    rows_without(
        "support_queue",
        "The walk-in queue (times only; nicknames are left out).",
        &["name"],
    ),
    rows("support_rooms", "Rooms that can be booked."),
    rows("support_bookings", "Room bookings."),
    rows(
        "support_booking_slots",
        "The half-hours each booking holds.",
    ),
    rows("support_topics", "Topics for session logs and matching."),
    rows(
        "support_peer_profiles",
        "What each peer support worker offers for ongoing support.",
    ),
    rows(
        "support_site_settings",
        "Each site's on-call supervisor, checklist and crisis contacts.",
    ),
    rows("services", "Services people are referred to."),
    withheld("support_logs", "Logs of support sessions.", LOGS),
    withheld(
        "support_log_topics",
        "The topics of each session log.",
        LOGS,
    ),
    rows_without(
        "support_supervisions",
        "Supervision sessions (when, who and which site; the notes stay in Hearth).",
        &["notes", "actions"],
    ),
    rows(
        "support_supervision_peers",
        "Who came to each supervision session.",
    ),
    rows_without(
        "support_ongoing",
        "Ongoing one-to-one supports (dates, sessions and who; what the student asked for stays in Hearth).",
        &[
            "help_with",
            "topics",
            "availability",
            "covers",
            "closing_summary",
            "closing_note",
        ],
    ),
    rows(
        "support_ongoing_sessions",
        "The sessions of each ongoing support.",
    ),
    rows_without(
        "support_ongoing_cancelled",
        "Sessions of ongoing supports that were called off (the reason stays in Hearth).",
        &["reason"],
    ),
    rows_without(
        "support_ongoing_extensions",
        "Extra sessions asked for and decided.",
        &["reason"],
    ),
    rows_without(
        "support_referrals",
        "Referrals to services and their outcomes.",
        &["person_label", "note"],
    ),
    withheld(
        "support_wellbeing",
        "Peer support workers' wellbeing check-ins.",
        PRIVATE,
    ),
    // Peer support groups.
    rows("support_groups", "Peer support groups."),
    rows(
        "support_group_members",
        "Who is in each group, and as what.",
    ),
    rows_without(
        "support_group_requests",
        "Requests to join a group and the decisions.",
        &["message"],
    ),
    rows(
        "support_group_ground_rules",
        "Each group's ground rules, by version.",
    ),
    rows(
        "support_group_rule_acceptances",
        "Who accepted which version of a group's ground rules.",
    ),
    rows(
        "support_group_meetings",
        "Group meetings, with agendas and minutes.",
    ),
    rows("support_group_actions", "Actions agreed at meetings."),
    rows("support_group_themes", "The themes each group works on."),
    rows("support_group_links", "Links between groups."),
    rows(
        "meeting_guest_groups",
        "Groups invited to each other's meetings.",
    ),
    rows("field_visits", "Field visits to groups."),
    rows("network_resources", "The network's shared library."),
    rows("date_polls", "Polls for a meeting's date."),
    rows("date_poll_options", "The dates offered in each poll."),
    rows("date_poll_answers", "Who can come when."),
    withheld("date_poll_tokens", "Personal poll links.", SECRET),
    rows("pulses", "Anonymous pulse checks."),
    rows_without(
        "pulse_answers",
        "Pulse answers, anonymous (scores only).",
        &["words"],
    ),
    rows(
        "pulse_respondents",
        "Who has answered each pulse (not what).",
    ),
    rows("icebreakers", "Icebreakers run at meetings."),
    withheld(
        "icebreaker_notes",
        "What people wrote for \"This is who I am\".",
        PRIVATE,
    ),
    rows("cafes", "World Cafés run at meetings."),
    rows("cafe_tables", "The tables of each café."),
    rows("cafe_notes", "Table hosts' notes from each round."),
    rows("cafe_shares", "Groups a café's harvest was shared with."),
    // Channels and chats.
    rows_without(
        "conversations",
        "Channels and drop-in chats (which exist; not what was said).",
        &["visitor_token_hash"],
    ),
    withheld(
        "conversation_messages",
        "Messages in channels and chats.",
        PRIVATE,
    ),
    rows(
        "conversation_settings",
        "Each person's notification settings for a channel.",
    ),
    rows(
        "conversation_mutes",
        "People muted in a channel, and until when.",
    ),
    rows_without(
        "conversation_reports",
        "Messages reported to moderators (the reason stays in Hearth).",
        &["reason"],
    ),
    withheld(
        "conversation_presence",
        "Who is reading a channel right now.",
        WORKINGS,
    ),
];

/// The catalogue entry of `table`, if it has one.
pub fn catalogue_entry(table: &str) -> Option<&'static CatalogueEntry> {
    CATALOGUE.iter().find(|entry| entry.table == table)
}
