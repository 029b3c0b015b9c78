//! The group engine of Hearth: no I/O, deterministic for a seed, anytime.
//!
//! People are dense indexes `0..n` ([`People`] maps them to external ids and
//! attributes). The entry points:
//! * [`rotation::rotate`]: rounds of groups that minimise repeated encounters
//!   (Social Golfer schedules where they exist), with a proven lower bound;
//! * [`persistent::form_groups`]: lasting groups, even sizes, attributes mixed
//!   or matched, keep-apart / keep-together / locked people, history avoided;
//! * [`cafe::world_cafe`]: World Café tables with fixed hosts and themes;
//! * [`attendance`]: merging too-small groups for a session, placing late joiners;
//! * [`debrief::pick_speakers`]: one speaker from each of k groups;
//! * [`cli`]: JSON-in/JSON-out functions behind `hearth groups`.
//!
//! Searches stop at a [`SearchLimits`]: a deadline (anytime: the best so far is
//! returned) and/or an iteration budget. With a seed and no deadline a result is
//! fully reproducible; with a deadline it is reproducible whenever the search
//! finishes (reaches its bound or budget) before the deadline.

pub mod attendance;
pub mod cafe;
pub mod cli;
pub mod constructions;
pub mod debrief;
pub mod error;
pub mod people;
pub mod persistent;
pub mod quality;
pub mod rng;
pub mod rotation;
mod search;
pub mod sizes;

pub use error::GroupsError;
pub use people::People;
pub use quality::{EncounterQuality, Round};
pub use search::SearchLimits;
pub use sizes::Sizing;
