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
mod training;
// Reports and community stories (issue 9).
mod reports;
// Running meetings and the network (issue 8).
mod meeting_flow;
