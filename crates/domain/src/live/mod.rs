//! Live events: run sheets and the live room's state machine.

pub mod room;
pub mod runsheet;

pub use room::{
    Change, Command, LiveState, Member, Refusal, SeatGroup, Seating, Speaker, Status, Viewer,
    Visibility,
};
pub use runsheet::{RunSheet, Step, StepKind};
