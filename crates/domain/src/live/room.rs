//! The live room as a state machine: commands come in, are decided against
//! the current state, and become changes. Changes are what is stored (with a
//! sequence number) and broadcast; folding them rebuilds the state, so a
//! restarted server knows exactly where the event was.

use super::runsheet::RunSheet;
use crate::UserId;
use crate::policy::{Action, Actor, policy};
use crate::roles::Scope;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use uuid::Uuid;

/// Longest chat message, broadcast or support note.
pub const MAX_MESSAGE_CHARS: usize = 2000;
/// Reactions people may send: a small, kind set.
pub const REACTIONS: [&str; 5] = ["👏", "❤️", "🙏", "😊", "💡"];

/// What a client asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Command {
    Start,
    Next,
    Previous,
    Pause,
    Resume,
    /// Extend (positive) or shorten (negative) the running step's timer.
    AdjustTimer {
        seconds: i64,
    },
    /// A message from the facilitators to every group.
    Broadcast {
        text: String,
    },
    End,
    RaiseHand,
    /// Lower one's own hand, or (facilitators) anyone's.
    LowerHand {
        user: Option<UserId>,
    },
    /// "I need support": privately alerts the facilitators.
    NeedSupport {
        note: Option<String>,
    },
    Chat {
        text: String,
    },
    /// A few lines from one's private reflection, shared with one's group.
    ShareExcerpt {
        text: String,
    },
    React {
        emoji: String,
    },
    /// A facilitator joins a group's room (or returns to the large group).
    Visit {
        group: Option<Uuid>,
    },
    /// The debrief's speakers, one from each of several groups.
    ChooseSpeakers {
        speakers: Vec<Speaker>,
    },
    /// A vote in the current poll step (one per person).
    Vote {
        option: usize,
    },
    /// A facilitator seats someone with another group for this event.
    Move {
        user: UserId,
        group: Uuid,
    },
    /// A host marks someone's call for support urgent: the site's on-call
    /// supervisor is told at once and the hosts see the escalation checklist.
    MarkUrgent {
        user: UserId,
    },
}

/// Someone asked to share their group's first insights at the debrief.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Speaker {
    pub user: UserId,
    pub name: String,
    pub group: Option<String>,
}

/// The most speakers a debrief may have.
pub const MAX_SPEAKERS: usize = 10;

impl Command {
    /// What the policy must allow for this command: driving the event is the
    /// facilitators'; taking part is every member's.
    pub fn required_action(&self) -> Action {
        match self {
            Command::Start
            | Command::Next
            | Command::Previous
            | Command::Pause
            | Command::Resume
            | Command::AdjustTimer { .. }
            | Command::Broadcast { .. }
            | Command::End
            | Command::Visit { .. }
            | Command::Move { .. }
            | Command::MarkUrgent { .. }
            | Command::ChooseSpeakers { .. } => Action::RunEvent,
            Command::LowerHand { user: Some(_) } => Action::RunEvent,
            Command::RaiseHand
            | Command::LowerHand { user: None }
            | Command::NeedSupport { .. }
            | Command::Chat { .. }
            | Command::ShareExcerpt { .. }
            | Command::React { .. }
            | Command::Vote { .. } => Action::JoinEvent,
        }
    }
}

/// Whether this person may send this command in the room at `scope`. The
/// hosts may also do what members do: chat in a group they visit, react.
pub fn may_send(actor: &Actor, command: &Command, scope: Scope) -> bool {
    let required = command.required_action();
    policy(actor, required, scope)
        || (required == Action::JoinEvent && policy(actor, Action::RunEvent, scope))
}

/// What happened; stored and broadcast.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Change {
    /// The event started, or moved to another step; the timer restarts.
    StepStarted {
        step: usize,
        ends_at: i64,
    },
    Paused {
        remaining_ms: i64,
    },
    Resumed {
        ends_at: i64,
    },
    TimerAdjusted {
        ends_at: Option<i64>,
        remaining_ms: Option<i64>,
    },
    Ended,
    HandRaised {
        user: UserId,
        name: String,
    },
    HandLowered {
        user: UserId,
    },
    Broadcast {
        from: String,
        text: String,
    },
    SupportRequested {
        user: UserId,
        name: String,
        note: Option<String>,
    },
    /// A call for support was marked urgent by a host (`by`); the hosts'
    /// alone, like the call itself.
    SupportEscalated {
        user: UserId,
        name: String,
        by: String,
    },
    ChatPosted {
        group: Option<Uuid>,
        user: UserId,
        name: String,
        text: String,
    },
    /// What someone chose to share of their reflection; their group's alone.
    ExcerptShared {
        group: Uuid,
        user: UserId,
        name: String,
        text: String,
    },
    Reacted {
        emoji: String,
    },
    Visited {
        user: UserId,
        name: String,
        group: Option<Uuid>,
    },
    SpeakersChosen {
        speakers: Vec<Speaker>,
    },
    /// Someone voted; only they and the hosts see whose vote it was.
    Voted {
        user: UserId,
        step: usize,
        option: usize,
    },
    /// The poll's running count, for everyone.
    PollCounted {
        step: usize,
        counts: Vec<u32>,
    },
    /// For this event only, `user` sits with `group`: balanced out when too
    /// few of a group came, placed on arriving late, or moved by a host
    /// (`by_host`, which later balancing keeps).
    Seated {
        user: UserId,
        group: Uuid,
        by_host: bool,
    },
}

/// Who may see a change. Facilitators see everything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "to", content = "id", rename_all = "kebab-case")]
pub enum Visibility {
    Everyone,
    Staff,
    Group(Uuid),
    Person(UserId),
}

impl Visibility {
    pub fn reaches(&self, viewer: &Viewer) -> bool {
        viewer.facilitator
            || match self {
                Visibility::Everyone => true,
                Visibility::Staff => false,
                Visibility::Group(group) => viewer.group == Some(*group),
                Visibility::Person(user) => viewer.user == *user,
            }
    }
}

/// Whose eyes a stream of changes is filtered for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Viewer {
    pub user: UserId,
    pub facilitator: bool,
    pub group: Option<Uuid>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    #[default]
    NotStarted,
    Running,
    Paused,
    Ended,
}

/// Where the event is: rebuilt by folding its changes in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct LiveState {
    pub status: Status,
    pub step: usize,
    /// When the running step's time is up (milliseconds since the epoch).
    pub ends_at: Option<i64>,
    /// Time left while paused.
    pub remaining_ms: Option<i64>,
    /// Raised hands, first raised first.
    pub hands: Vec<UserId>,
    /// Who has voted in each poll step, and the counts per option.
    #[serde(skip)]
    pub voters: std::collections::BTreeMap<usize, Vec<UserId>>,
    pub polls: std::collections::BTreeMap<usize, Vec<u32>>,
    /// Where people sit for this event when it is not their own group.
    /// Each person learns their own seat; it is not part of the shared state.
    #[serde(skip)]
    pub seats: BTreeMap<UserId, Uuid>,
    /// Seats a host chose, which balancing leaves alone.
    #[serde(skip)]
    pub seated_by_host: BTreeSet<UserId>,
    /// Who called for support (by name), and whose call is urgent: for the
    /// hosts' decisions, never part of the shared state.
    #[serde(skip)]
    pub support_calls: BTreeMap<UserId, String>,
    #[serde(skip)]
    pub urgent: BTreeSet<UserId>,
}

/// The event's peer groups as fixed when it started: who belongs where.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Seating {
    groups: Vec<SeatGroup>,
    home: HashMap<UserId, Uuid>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeatGroup {
    pub id: Uuid,
    pub name: String,
    pub members: Vec<UserId>,
}

impl Seating {
    pub fn new(groups: Vec<SeatGroup>) -> Seating {
        let home = groups
            .iter()
            .flat_map(|g| g.members.iter().map(move |m| (*m, g.id)))
            .collect();
        Seating { groups, home }
    }

    pub fn groups(&self) -> &[SeatGroup] {
        &self.groups
    }

    /// The person's own peer group.
    pub fn home_of(&self, user: UserId) -> Option<Uuid> {
        self.home.get(&user).copied()
    }

    pub fn group(&self, id: Uuid) -> Option<&SeatGroup> {
        self.groups.iter().find(|g| g.id == id)
    }
}

/// The person sending a command, as the room knows them.
#[derive(Debug, Clone)]
pub struct Member {
    pub user: UserId,
    pub name: String,
    pub facilitator: bool,
    /// Their peer group in this event (a facilitator: the group they visit).
    pub group: Option<Uuid>,
}

/// Why a command changed nothing; the id names the Fluent message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Refusal(pub &'static str);

impl LiveState {
    pub fn fold<'a>(changes: impl IntoIterator<Item = &'a Change>) -> LiveState {
        let mut state = LiveState::default();
        for change in changes {
            state.apply(change);
        }
        state
    }

    pub fn apply(&mut self, change: &Change) {
        match change {
            Change::StepStarted { step, ends_at } => {
                self.status = Status::Running;
                self.step = *step;
                self.ends_at = Some(*ends_at);
                self.remaining_ms = None;
            }
            Change::Paused { remaining_ms } => {
                self.status = Status::Paused;
                self.ends_at = None;
                self.remaining_ms = Some(*remaining_ms);
            }
            Change::Resumed { ends_at } => {
                self.status = Status::Running;
                self.ends_at = Some(*ends_at);
                self.remaining_ms = None;
            }
            Change::TimerAdjusted {
                ends_at,
                remaining_ms,
            } => {
                self.ends_at = *ends_at;
                self.remaining_ms = *remaining_ms;
            }
            Change::Ended => {
                self.status = Status::Ended;
                self.ends_at = None;
                self.remaining_ms = None;
                self.hands.clear();
            }
            Change::HandRaised { user, .. } => {
                if !self.hands.contains(user) {
                    self.hands.push(*user);
                }
            }
            Change::HandLowered { user } => self.hands.retain(|u| u != user),
            Change::SupportRequested { user, name, .. } => {
                self.support_calls.insert(*user, name.clone());
            }
            Change::SupportEscalated { user, .. } => {
                self.urgent.insert(*user);
            }
            Change::Broadcast { .. }
            | Change::ChatPosted { .. }
            | Change::ExcerptShared { .. }
            | Change::Reacted { .. }
            | Change::Visited { .. }
            | Change::SpeakersChosen { .. } => {}
            Change::Seated {
                user,
                group,
                by_host,
            } => {
                self.seats.insert(*user, *group);
                if *by_host {
                    self.seated_by_host.insert(*user);
                } else {
                    self.seated_by_host.remove(user);
                }
            }
            Change::Voted { user, step, .. } => self.voters.entry(*step).or_default().push(*user),
            Change::PollCounted { step, counts } => {
                self.polls.insert(*step, counts.clone());
            }
        }
    }

    /// Where a participant sits in this event: a seat given for this event,
    /// else their own group.
    pub fn group_of(&self, seating: &Seating, user: UserId) -> Option<Uuid> {
        self.seats
            .get(&user)
            .copied()
            .or_else(|| seating.home_of(user))
    }

    /// Whether the room is in a step that people spend in their groups.
    pub fn in_groups(&self, sheet: &RunSheet) -> bool {
        matches!(self.status, Status::Running | Status::Paused)
            && sheet
                .steps
                .get(self.step)
                .is_some_and(|s| s.kind.in_groups())
    }

    /// The changes that seat people where `placements` says, for those not
    /// already sitting there. Each person hears only of their own seat.
    pub fn reseat(
        &self,
        seating: &Seating,
        placements: impl IntoIterator<Item = (UserId, Uuid)>,
    ) -> Vec<(Change, Visibility)> {
        placements
            .into_iter()
            .filter(|(user, group)| self.group_of(seating, *user) != Some(*group))
            .map(|(user, group)| {
                (
                    Change::Seated {
                        user,
                        group,
                        by_host: false,
                    },
                    Visibility::Person(user),
                )
            })
            .collect()
    }

    /// Time left on the current step at `now` (never below zero).
    pub fn remaining_at(&self, now: i64) -> Option<i64> {
        match (self.ends_at, self.remaining_ms) {
            (Some(ends), _) => Some((ends - now).max(0)),
            (None, remaining) => remaining,
        }
    }

    /// Decides what a command changes. The caller has already asked the
    /// policy whether this person may send it at all.
    pub fn decide(
        &self,
        sheet: &RunSheet,
        seating: &Seating,
        who: &Member,
        command: Command,
        now: i64,
    ) -> Result<Vec<(Change, Visibility)>, Refusal> {
        if self.status == Status::Ended {
            return Err(Refusal("live-refused-ended"));
        }
        let started = self.status != Status::NotStarted;
        let step_ms = |step: usize| sheet.steps.get(step).map(|s| i64::from(s.minutes) * 60_000);
        let everyone = |change: Change| Ok(vec![(change, Visibility::Everyone)]);
        match command {
            Command::Start if started => Err(Refusal("live-refused-started")),
            Command::Start => {
                let ms = step_ms(0).ok_or(Refusal("error-runsheet-empty"))?;
                everyone(Change::StepStarted {
                    step: 0,
                    ends_at: now + ms,
                })
            }
            _ if !started => Err(Refusal("live-refused-not-started")),
            Command::Next => {
                let step = self.step + 1;
                let ms = step_ms(step).ok_or(Refusal("live-refused-last-step"))?;
                everyone(Change::StepStarted {
                    step,
                    ends_at: now + ms,
                })
            }
            Command::Previous => {
                let step = self
                    .step
                    .checked_sub(1)
                    .ok_or(Refusal("live-refused-first-step"))?;
                let ms = step_ms(step).ok_or(Refusal("live-refused-first-step"))?;
                everyone(Change::StepStarted {
                    step,
                    ends_at: now + ms,
                })
            }
            Command::Pause => match self.status {
                Status::Running => everyone(Change::Paused {
                    remaining_ms: self.remaining_at(now).unwrap_or(0),
                }),
                _ => Err(Refusal("live-refused-not-running")),
            },
            Command::Resume => match self.status {
                Status::Paused => everyone(Change::Resumed {
                    ends_at: now + self.remaining_ms.unwrap_or(0),
                }),
                _ => Err(Refusal("live-refused-not-paused")),
            },
            Command::AdjustTimer { seconds } => {
                if seconds == 0 || seconds.abs() > 3 * 60 * 60 {
                    return Err(Refusal("live-refused-adjust"));
                }
                let delta = seconds * 1000;
                // Shortening never ends a step in the past: it stops at "now".
                match self.status {
                    Status::Running => {
                        let ends = self.ends_at.unwrap_or(now).saturating_add(delta).max(now);
                        everyone(Change::TimerAdjusted {
                            ends_at: Some(ends),
                            remaining_ms: None,
                        })
                    }
                    _ => {
                        let remaining = self.remaining_ms.unwrap_or(0).saturating_add(delta).max(0);
                        everyone(Change::TimerAdjusted {
                            ends_at: None,
                            remaining_ms: Some(remaining),
                        })
                    }
                }
            }
            Command::Broadcast { text } => everyone(Change::Broadcast {
                from: who.name.clone(),
                text: message(&text)?,
            }),
            Command::End => everyone(Change::Ended),
            Command::RaiseHand if self.hands.contains(&who.user) => {
                Err(Refusal("live-refused-hand-up"))
            }
            Command::RaiseHand => everyone(Change::HandRaised {
                user: who.user,
                name: who.name.clone(),
            }),
            Command::LowerHand { user } => {
                let user = user.unwrap_or(who.user);
                if !self.hands.contains(&user) {
                    return Err(Refusal("live-refused-hand-down"));
                }
                everyone(Change::HandLowered { user })
            }
            Command::NeedSupport { note } => {
                let note = match note.as_deref().map(str::trim) {
                    Some(text) if !text.is_empty() => Some(message(text)?),
                    _ => None,
                };
                // The facilitators see it; the person sees it was sent. Nobody else.
                Ok(vec![(
                    Change::SupportRequested {
                        user: who.user,
                        name: who.name.clone(),
                        note,
                    },
                    Visibility::Person(who.user),
                )])
            }
            Command::Chat { text } => {
                let text = message(&text)?;
                let in_groups = sheet
                    .steps
                    .get(self.step)
                    .is_some_and(|s| s.kind.in_groups());
                // A participant talks where they sit; a host, in the group they visit.
                let sits = if who.facilitator {
                    who.group
                } else {
                    self.group_of(seating, who.user).or(who.group)
                };
                let (group, visibility) = match (in_groups, sits) {
                    (true, Some(group)) => (Some(group), Visibility::Group(group)),
                    (true, None) if !who.facilitator => {
                        return Err(Refusal("live-refused-no-group"));
                    }
                    _ => (None, Visibility::Everyone),
                };
                Ok(vec![(
                    Change::ChatPosted {
                        group,
                        user: who.user,
                        name: who.name.clone(),
                        text,
                    },
                    visibility,
                )])
            }
            Command::ShareExcerpt { text } => {
                let text = message(&text)?;
                let group = self
                    .group_of(seating, who.user)
                    .or(who.group)
                    .ok_or(Refusal("live-refused-no-group"))?;
                Ok(vec![(
                    Change::ExcerptShared {
                        group,
                        user: who.user,
                        name: who.name.clone(),
                        text,
                    },
                    Visibility::Group(group),
                )])
            }
            Command::React { emoji } => {
                if !REACTIONS.contains(&emoji.as_str()) {
                    return Err(Refusal("live-refused-reaction"));
                }
                everyone(Change::Reacted { emoji })
            }
            Command::Vote { option } => {
                let step = self.step;
                let poll = sheet
                    .steps
                    .get(step)
                    .filter(|s| s.kind == super::runsheet::StepKind::Poll);
                let Some(poll) = poll else {
                    return Err(Refusal("live-refused-not-poll"));
                };
                if option >= poll.options.len() {
                    return Err(Refusal("live-refused-option"));
                }
                if self
                    .voters
                    .get(&step)
                    .is_some_and(|v| v.contains(&who.user))
                {
                    return Err(Refusal("live-refused-voted"));
                }
                let mut counts = self
                    .polls
                    .get(&step)
                    .cloned()
                    .unwrap_or_else(|| vec![0; poll.options.len()]);
                counts.resize(poll.options.len(), 0);
                if let Some(count) = counts.get_mut(option) {
                    *count += 1;
                }
                Ok(vec![
                    (
                        Change::Voted {
                            user: who.user,
                            step,
                            option,
                        },
                        Visibility::Person(who.user),
                    ),
                    (Change::PollCounted { step, counts }, Visibility::Everyone),
                ])
            }
            Command::ChooseSpeakers { speakers } => {
                let at_debrief = sheet
                    .steps
                    .get(self.step)
                    .is_some_and(|s| s.kind == super::runsheet::StepKind::Debrief);
                if !at_debrief {
                    return Err(Refusal("live-refused-not-debrief"));
                }
                let mut seen: Vec<UserId> = speakers.iter().map(|s| s.user).collect();
                seen.sort();
                seen.dedup();
                if speakers.is_empty()
                    || speakers.len() > MAX_SPEAKERS
                    || seen.len() != speakers.len()
                {
                    return Err(Refusal("live-refused-speakers"));
                }
                everyone(Change::SpeakersChosen { speakers })
            }
            Command::Move { user, group } => {
                if seating.group(group).is_none() {
                    return Err(Refusal("live-refused-group"));
                }
                let known = seating.home_of(user).is_some() || self.seats.contains_key(&user);
                if !known {
                    return Err(Refusal("live-refused-person"));
                }
                if self.group_of(seating, user) == Some(group) {
                    return Err(Refusal("live-refused-same-group"));
                }
                Ok(vec![(
                    Change::Seated {
                        user,
                        group,
                        by_host: true,
                    },
                    Visibility::Person(user),
                )])
            }
            Command::MarkUrgent { user } => {
                let Some(name) = self.support_calls.get(&user) else {
                    return Err(Refusal("live-refused-no-call"));
                };
                if self.urgent.contains(&user) {
                    return Err(Refusal("live-refused-already-urgent"));
                }
                Ok(vec![(
                    Change::SupportEscalated {
                        user,
                        name: name.clone(),
                        by: who.name.clone(),
                    },
                    Visibility::Staff,
                )])
            }
            Command::Visit { group } => {
                let visibility = match group {
                    Some(group) => Visibility::Group(group),
                    None => Visibility::Staff,
                };
                Ok(vec![(
                    Change::Visited {
                        user: who.user,
                        name: who.name.clone(),
                        group,
                    },
                    visibility,
                )])
            }
        }
    }
}

fn message(text: &str) -> Result<String, Refusal> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Refusal("live-refused-empty"));
    }
    if text.chars().count() > MAX_MESSAGE_CHARS {
        return Err(Refusal("live-refused-long"));
    }
    Ok(text.to_owned())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn member(facilitator: bool, group: Option<Uuid>) -> Member {
        Member {
            user: UserId::new(),
            name: "Ana".into(),
            facilitator,
            group,
        }
    }

    fn run(
        state: &mut LiveState,
        sheet: &RunSheet,
        who: &Member,
        command: Command,
        now: i64,
    ) -> Vec<(Change, Visibility)> {
        let changes = state
            .decide(sheet, &Seating::default(), who, command, now)
            .unwrap();
        for (change, _) in &changes {
            state.apply(change);
        }
        changes
    }

    #[test]
    fn the_facilitator_walks_the_run_sheet_and_the_timer_follows() {
        let sheet = RunSheet::fishbowl();
        let host = member(true, None);
        let mut state = LiveState::default();
        assert_eq!(
            state.decide(&sheet, &Seating::default(), &host, Command::Next, 0),
            Err(Refusal("live-refused-not-started"))
        );
        run(&mut state, &sheet, &host, Command::Start, 1_000);
        assert_eq!(
            (state.status, state.step, state.ends_at),
            (Status::Running, 0, Some(1_000 + 600_000))
        );
        run(&mut state, &sheet, &host, Command::Pause, 61_000);
        assert_eq!(
            state.remaining_at(999_999),
            Some(540_000),
            "a paused timer does not run"
        );
        run(
            &mut state,
            &sheet,
            &host,
            Command::AdjustTimer { seconds: 60 },
            70_000,
        );
        assert_eq!(state.remaining_ms, Some(600_000));
        run(&mut state, &sheet, &host, Command::Resume, 100_000);
        assert_eq!(state.ends_at, Some(700_000));
        run(
            &mut state,
            &sheet,
            &host,
            Command::AdjustTimer { seconds: -3600 },
            200_000,
        );
        assert_eq!(
            state.ends_at,
            Some(200_000),
            "shortening stops at now, never in the past"
        );
        run(&mut state, &sheet, &host, Command::Next, 200_000);
        assert_eq!(state.step, 1);
        run(&mut state, &sheet, &host, Command::Previous, 210_000);
        assert_eq!(state.step, 0);
        assert_eq!(
            state.decide(&sheet, &Seating::default(), &host, Command::Previous, 0),
            Err(Refusal("live-refused-first-step"))
        );
        for _ in 1..sheet.steps.len() {
            run(&mut state, &sheet, &host, Command::Next, 300_000);
        }
        assert_eq!(
            state.decide(&sheet, &Seating::default(), &host, Command::Next, 0),
            Err(Refusal("live-refused-last-step"))
        );
        run(&mut state, &sheet, &host, Command::End, 400_000);
        assert_eq!(
            state.decide(&sheet, &Seating::default(), &host, Command::Start, 0),
            Err(Refusal("live-refused-ended"))
        );
    }

    #[test]
    fn folding_the_changes_rebuilds_the_same_state() {
        let sheet = RunSheet::fishbowl();
        let host = member(true, None);
        let guest = member(false, None);
        let mut state = LiveState::default();
        let mut log = Vec::new();
        for (who, command) in [
            (&host, Command::Start),
            (&guest, Command::RaiseHand),
            (&host, Command::Next),
            (&host, Command::Pause),
            (&host, Command::AdjustTimer { seconds: 30 }),
        ] {
            log.extend(
                run(&mut state, &sheet, who, command, 5_000)
                    .into_iter()
                    .map(|(c, _)| c),
            );
        }
        assert_eq!(LiveState::fold(&log), state);
        assert_eq!(state.hands, vec![guest.user]);
    }

    #[test]
    fn an_excerpt_of_a_reflection_reaches_the_writers_group_only() {
        let sheet = RunSheet::fishbowl();
        let host = member(true, None);
        let group = Uuid::now_v7();
        let writer = member(false, Some(group));
        let loner = member(false, None);
        let mut state = LiveState::default();
        let share = |text: &str| Command::ShareExcerpt { text: text.into() };
        assert_eq!(
            state.decide(&sheet, &Seating::default(), &writer, share("too soon"), 0),
            Err(Refusal("live-refused-not-started"))
        );
        run(&mut state, &sheet, &host, Command::Start, 0);
        // At the reflection step, before the groups meet.
        run(&mut state, &sheet, &host, Command::Next, 0);
        run(&mut state, &sheet, &host, Command::Next, 0);
        let changes = run(&mut state, &sheet, &writer, share("  I felt heard  "), 0);
        assert_eq!(changes[0].1, Visibility::Group(group));
        assert!(matches!(
            &changes[0].0,
            Change::ExcerptShared { text, group: g, .. } if text == "I felt heard" && *g == group
        ));
        assert_eq!(
            state.decide(&sheet, &Seating::default(), &loner, share("hello"), 0),
            Err(Refusal("live-refused-no-group"))
        );
        assert_eq!(
            state.decide(&sheet, &Seating::default(), &writer, share("   "), 0),
            Err(Refusal("live-refused-empty"))
        );
    }

    #[test]
    fn group_chat_stays_in_the_group_and_support_stays_private() {
        let sheet = RunSheet::fishbowl();
        let host = member(true, None);
        let group = Uuid::now_v7();
        let guest = member(false, Some(group));
        let mut state = LiveState::default();
        run(&mut state, &sheet, &host, Command::Start, 0);
        // The welcome is the large group: chat reaches everyone.
        let changes = run(
            &mut state,
            &sheet,
            &guest,
            Command::Chat {
                text: "hello all".into(),
            },
            0,
        );
        assert_eq!(changes[0].1, Visibility::Everyone);
        for _ in 0..3 {
            run(&mut state, &sheet, &host, Command::Next, 0);
        }
        assert_eq!(
            sheet.steps[state.step].kind,
            super::super::runsheet::StepKind::Dialogue
        );
        let changes = run(
            &mut state,
            &sheet,
            &guest,
            Command::Chat {
                text: "hi group".into(),
            },
            0,
        );
        assert_eq!(changes[0].1, Visibility::Group(group));
        let outsider = Viewer {
            user: UserId::new(),
            facilitator: false,
            group: Some(Uuid::now_v7()),
        };
        let insider = Viewer {
            user: UserId::new(),
            facilitator: false,
            group: Some(group),
        };
        let staff = Viewer {
            user: host.user,
            facilitator: true,
            group: None,
        };
        assert!(!changes[0].1.reaches(&outsider));
        assert!(changes[0].1.reaches(&insider) && changes[0].1.reaches(&staff));
        let support = run(
            &mut state,
            &sheet,
            &guest,
            Command::NeedSupport { note: None },
            0,
        );
        assert_eq!(support[0].1, Visibility::Person(guest.user));
        assert!(
            !support[0].1.reaches(&insider),
            "other members never see a call for support"
        );
        let lonely = member(false, None);
        assert_eq!(
            state.decide(
                &sheet,
                &Seating::default(),
                &lonely,
                Command::Chat { text: "x".into() },
                0
            ),
            Err(Refusal("live-refused-no-group"))
        );
    }

    #[test]
    fn only_a_call_for_support_can_be_marked_urgent_and_only_once() {
        let sheet = RunSheet::fishbowl();
        let host = member(true, None);
        let guest = member(false, Some(Uuid::now_v7()));
        let mut state = LiveState::default();
        let urgent = |user| Command::MarkUrgent { user };
        run(&mut state, &sheet, &host, Command::Start, 0);
        assert_eq!(
            state.decide(&sheet, &Seating::default(), &host, urgent(guest.user), 0),
            Err(Refusal("live-refused-no-call"))
        );
        run(
            &mut state,
            &sheet,
            &guest,
            Command::NeedSupport { note: None },
            0,
        );
        let changes = run(&mut state, &sheet, &host, urgent(guest.user), 0);
        assert_eq!(changes[0].1, Visibility::Staff, "the hosts' alone");
        assert!(matches!(
            &changes[0].0,
            Change::SupportEscalated { user, .. } if *user == guest.user
        ));
        assert_eq!(
            state.decide(&sheet, &Seating::default(), &host, urgent(guest.user), 0),
            Err(Refusal("live-refused-already-urgent"))
        );
        assert_eq!(
            urgent(guest.user).required_action(),
            Action::RunEvent,
            "participants cannot escalate"
        );
    }

    #[test]
    fn bad_messages_change_nothing() {
        let sheet = RunSheet::fishbowl();
        let host = member(true, None);
        let mut state = LiveState::default();
        run(&mut state, &sheet, &host, Command::Start, 0);
        let before = state.clone();
        assert_eq!(
            state.decide(
                &sheet,
                &Seating::default(),
                &host,
                Command::Chat { text: "   ".into() },
                0
            ),
            Err(Refusal("live-refused-empty"))
        );
        let long = "x".repeat(MAX_MESSAGE_CHARS + 1);
        assert_eq!(
            state.decide(
                &sheet,
                &Seating::default(),
                &host,
                Command::Broadcast { text: long },
                0
            ),
            Err(Refusal("live-refused-long"))
        );
        assert_eq!(
            state.decide(
                &sheet,
                &Seating::default(),
                &host,
                Command::React {
                    emoji: "💩".into()
                },
                0
            ),
            Err(Refusal("live-refused-reaction"))
        );
        assert_eq!(
            state.decide(
                &sheet,
                &Seating::default(),
                &host,
                Command::AdjustTimer { seconds: 0 },
                0
            ),
            Err(Refusal("live-refused-adjust"))
        );
        assert_eq!(state, before);
    }

    #[test]
    fn speakers_are_chosen_only_at_the_debrief_and_only_once_each() {
        let sheet = RunSheet::fishbowl();
        let host = member(true, None);
        let mut state = LiveState::default();
        run(&mut state, &sheet, &host, Command::Start, 0);
        let ana = Speaker {
            user: UserId::new(),
            name: "Ana".into(),
            group: Some("Oak".into()),
        };
        let choose = |speakers: Vec<Speaker>| Command::ChooseSpeakers { speakers };
        assert_eq!(
            state.decide(
                &sheet,
                &Seating::default(),
                &host,
                choose(vec![ana.clone()]),
                0
            ),
            Err(Refusal("live-refused-not-debrief"))
        );
        for _ in 0..4 {
            run(&mut state, &sheet, &host, Command::Next, 0);
        }
        assert_eq!(
            state.decide(
                &sheet,
                &Seating::default(),
                &host,
                choose(vec![ana.clone(), ana.clone()]),
                0
            ),
            Err(Refusal("live-refused-speakers"))
        );
        assert_eq!(
            state.decide(&sheet, &Seating::default(), &host, choose(vec![]), 0),
            Err(Refusal("live-refused-speakers"))
        );
        let changes = run(&mut state, &sheet, &host, choose(vec![ana.clone()]), 0);
        assert_eq!(
            changes[0].0,
            Change::SpeakersChosen {
                speakers: vec![ana]
            }
        );
    }

    #[test]
    fn each_person_votes_once_and_everyone_sees_the_count() {
        let sheet = RunSheet::online_workshop();
        let host = member(true, None);
        let ana = member(false, None);
        let ben = member(false, None);
        let mut state = LiveState::default();
        run(&mut state, &sheet, &host, Command::Start, 0);
        assert_eq!(
            state.decide(
                &sheet,
                &Seating::default(),
                &ana,
                Command::Vote { option: 0 },
                0
            ),
            Err(Refusal("live-refused-not-poll"))
        );
        for _ in 0..3 {
            run(&mut state, &sheet, &host, Command::Next, 0);
        }
        let changes = run(&mut state, &sheet, &ana, Command::Vote { option: 1 }, 0);
        assert_eq!(
            changes[0].1,
            Visibility::Person(ana.user),
            "whose vote it was stays private"
        );
        assert_eq!(
            changes[1],
            (
                Change::PollCounted {
                    step: 3,
                    counts: vec![0, 1, 0]
                },
                Visibility::Everyone
            )
        );
        assert_eq!(
            state.decide(
                &sheet,
                &Seating::default(),
                &ana,
                Command::Vote { option: 2 },
                0
            ),
            Err(Refusal("live-refused-voted"))
        );
        assert_eq!(
            state.decide(
                &sheet,
                &Seating::default(),
                &ben,
                Command::Vote { option: 9 },
                0
            ),
            Err(Refusal("live-refused-option"))
        );
        run(&mut state, &sheet, &ben, Command::Vote { option: 1 }, 0);
        assert_eq!(state.polls[&3], vec![0, 2, 0]);
    }

    #[test]
    fn a_seat_for_this_event_moves_chat_and_hosts_may_move_people() {
        let sheet = RunSheet::fishbowl();
        let host = member(true, None);
        let guest = member(false, None);
        let (oak, elm) = (Uuid::now_v7(), Uuid::now_v7());
        let seating = Seating::new(vec![
            SeatGroup {
                id: oak,
                name: "Oak".into(),
                members: vec![guest.user],
            },
            SeatGroup {
                id: elm,
                name: "Elm".into(),
                members: vec![],
            },
        ]);
        let mut state = LiveState::default();
        run(&mut state, &sheet, &host, Command::Start, 0);
        for _ in 0..3 {
            run(&mut state, &sheet, &host, Command::Next, 0);
        }
        assert!(state.in_groups(&sheet));
        assert_eq!(state.group_of(&seating, guest.user), Some(oak));
        // Balancing seats the guest with Elm; only they hear of it.
        let seated = state.reseat(&seating, [(guest.user, elm)]);
        assert_eq!(seated[0].1, Visibility::Person(guest.user));
        for (change, _) in &seated {
            state.apply(change);
        }
        assert!(
            state.reseat(&seating, [(guest.user, elm)]).is_empty(),
            "nobody is seated where they already sit"
        );
        let chat = state
            .decide(
                &sheet,
                &seating,
                &guest,
                Command::Chat { text: "hi".into() },
                0,
            )
            .unwrap();
        assert_eq!(
            chat[0].1,
            Visibility::Group(elm),
            "they talk where they sit"
        );
        let back = |group| Command::Move {
            user: guest.user,
            group,
        };
        assert_eq!(
            state.decide(&sheet, &seating, &host, back(elm), 0),
            Err(Refusal("live-refused-same-group"))
        );
        assert_eq!(
            state.decide(&sheet, &seating, &host, back(Uuid::now_v7()), 0),
            Err(Refusal("live-refused-group"))
        );
        let stranger = Command::Move {
            user: UserId::new(),
            group: oak,
        };
        assert_eq!(
            state.decide(&sheet, &seating, &host, stranger, 0),
            Err(Refusal("live-refused-person"))
        );
        let moved = state.decide(&sheet, &seating, &host, back(oak), 0).unwrap();
        for (change, _) in &moved {
            state.apply(change);
        }
        assert_eq!(state.group_of(&seating, guest.user), Some(oak));
        assert!(state.seated_by_host.contains(&guest.user));
        assert_eq!(back(oak).required_action(), Action::RunEvent);
    }

    #[test]
    fn only_driving_commands_need_the_facilitator() {
        assert_eq!(Command::Next.required_action(), Action::RunEvent);
        assert_eq!(
            Command::LowerHand {
                user: Some(UserId::new())
            }
            .required_action(),
            Action::RunEvent
        );
        assert_eq!(
            Command::LowerHand { user: None }.required_action(),
            Action::JoinEvent
        );
        assert_eq!(
            Command::Chat { text: "hi".into() }.required_action(),
            Action::JoinEvent
        );
    }
}
