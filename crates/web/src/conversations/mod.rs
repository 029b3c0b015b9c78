//! Conversations in text outside the live room, built once and used by a
//! peer support group's channel, the facilitators' channel and the online
//! drop-in chat. The live room's guarantees, for messages: every change is
//! **stored, then broadcast** with the conversation's next number; a page
//! that reconnects says the last number it saw and gets exactly what it
//! missed; on PostgreSQL instances share changes through LISTEN/NOTIFY.
//! See `docs/channels.md`.

pub mod access;
pub mod bus;
pub mod hub;
pub mod notify;
pub mod ops;
pub mod socket;

pub use hub::ConversationHubs;
