//! Integration tests: the real server on a random port, over HTTP, against
//! SQLite and (when `HEARTH_TEST_POSTGRES_URL` is set) PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod helpers;

mod accounts;
mod browser;
mod live;
mod mechanisms;
mod organisation;
mod peer_groups;
mod people;
mod policy_matrix;
mod role_training;
mod shell;
mod support;
mod support_groups;
// Ongoing one-to-one support and referrals (issue 7).
mod support_ongoing;
// Moving and calling off its sessions; the student withdrawing or ending it.
mod ongoing_changes;
mod training;
// Training, more: live-room attendance, CHIME prompts, terms (issue 6).
mod training_more;
// A trainee from readiness to a role, in a browser (issue 6).
mod training_browser;
// Reports and community stories (issue 9).
mod reports;
// Channels and the online drop-in chat.
mod channels;
// A path for crisis, retention and rights (issue 7); the drop-in heat map (issue 9).
mod safety;
// Running meetings and the network (issue 8).
mod meeting_flow;
// The organisation's full export (issue 9).
mod org_export;
// A person's export as a readable page; charts of ongoing support (issue 9).
mod exports;
// The organisation's logo on the printable summary (issue 9).
mod org_logo;
// Moving and cancelling live events before they begin.
mod event_changes;
// A cohort peer group's channel (the support groups' channel mechanism).
mod peer_group_channel;
