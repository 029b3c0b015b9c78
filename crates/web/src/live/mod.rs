//! The live room: one hub per running event. Commands are checked against
//! the policy, decided by the domain's state machine, **persisted, then
//! broadcast** with increasing sequence numbers. A client that reconnects
//! says the last number it saw and gets what it missed, filtered to what it
//! may see; a client that falls behind catches up from the stored log.

pub mod bus;
pub mod escalation;
mod hub;
mod presence;
mod seating;
mod socket;

pub use hub::{Hub, Hubs, Outgoing, Rejected};
pub use seating::load as load_seating;
pub use socket::socket_get;
