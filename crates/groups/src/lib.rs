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
//!
//! Rotations first use constructions ([`constructions`]: round robin,
//! transversal designs (finite fields, a published quasi-difference matrix
//! for order 20, products, Wilson's construction) and affine geometries, known
//! 1-rotational designs, orthogonal Latin squares of order 10), then a tabu search
//! ([`rotation::longest_repeat_free`] adds one repeat-free round at a time).
//!
//! ```
//! use hearth_groups::SearchLimits;
//! use hearth_groups::rotation::{RotationRequest, rotate};
//!
//! // 15 people in groups of 3 for 7 rounds: a Kirkman triple system.
//! let result = rotate(&RotationRequest {
//!     people: 15,
//!     group_size: 3,
//!     rounds: 7,
//!     history: Vec::new(),
//!     seed: 1,
//!     limits: SearchLimits::iterations(10_000),
//! })?;
//! assert_eq!(result.quality.repeated_pairs, 0);
//! # Ok::<(), hearth_groups::GroupsError>(())
//! ```

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
