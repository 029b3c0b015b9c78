//! Hearth's domain: the words every other crate speaks.
//!
//! No I/O lives here. Input from people is parsed into the newtypes of
//! [`input`]; who may do what is decided by [`policy::policy`] alone.

pub mod ids;
pub mod input;
pub mod live;
pub mod org;
pub mod policy;
pub mod role_training;
pub mod roles;
pub mod support;
pub mod training;

pub use ids::*;
pub use roles::{PeerWorkerKind, Role, RoleGrant, Scope};
pub mod conversations;
pub mod meeting_flow;
pub mod support_groups;
// Community stories (issue 9).
pub mod stories;
// Ongoing one-to-one support and referrals (issue 7).
pub mod support_ongoing;
