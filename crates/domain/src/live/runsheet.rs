//! Run sheets: the ordered steps an event, a training session or a group
//! meeting follows. One list of step kinds serves them all (PRODUCT.md).

use crate::input::InputError;
use crate::support_groups::{AgendaItem, AgendaKind};
use crate::{FileId, ServiceId};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StepKind {
    Welcome,
    /// A peer video that models mindful sharing, empathic listening, self-awareness.
    Modelling,
    /// Personal prompts; each participant writes privately.
    Reflection,
    /// Breakout into the peer groups, with prompts.
    Dialogue,
    /// Speakers from different groups share first insights.
    Debrief,
    Integration,
    /// Support services from the directory are introduced.
    Invitations,
    CommunityAction,
    Poll,
    Break,
    /// "This is who I am": past, present, future.
    Icebreaker,
    GroupMatters,
    WorldCafe,
    AgreeNextDate,
    GuestSpeaker,
    FreeItem,
}

impl StepKind {
    pub const ALL: [StepKind; 16] = [
        StepKind::Welcome,
        StepKind::Modelling,
        StepKind::Reflection,
        StepKind::Dialogue,
        StepKind::Debrief,
        StepKind::Integration,
        StepKind::Invitations,
        StepKind::CommunityAction,
        StepKind::Poll,
        StepKind::Break,
        StepKind::Icebreaker,
        StepKind::GroupMatters,
        StepKind::WorldCafe,
        StepKind::AgreeNextDate,
        StepKind::GuestSpeaker,
        StepKind::FreeItem,
    ];

    pub fn key(self) -> &'static str {
        match self {
            StepKind::Welcome => "welcome",
            StepKind::Modelling => "modelling",
            StepKind::Reflection => "reflection",
            StepKind::Dialogue => "dialogue",
            StepKind::Debrief => "debrief",
            StepKind::Integration => "integration",
            StepKind::Invitations => "invitations",
            StepKind::CommunityAction => "community-action",
            StepKind::Poll => "poll",
            StepKind::Break => "break",
            StepKind::Icebreaker => "icebreaker",
            StepKind::GroupMatters => "group-matters",
            StepKind::WorldCafe => "world-cafe",
            StepKind::AgreeNextDate => "agree-next-date",
            StepKind::GuestSpeaker => "guest-speaker",
            StepKind::FreeItem => "free-item",
        }
    }

    pub fn from_key(key: &str) -> Option<StepKind> {
        StepKind::ALL.into_iter().find(|k| k.key() == key)
    }

    /// Whether people work in their peer groups during this step.
    pub fn in_groups(self) -> bool {
        matches!(self, StepKind::Dialogue | StepKind::WorldCafe)
    }
}

/// One step of a run sheet, with what its kind needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub kind: StepKind,
    pub title: String,
    #[serde(default)]
    pub instructions: String,
    /// Planned length; the facilitator may extend or shorten it live.
    pub minutes: u32,
    /// Reflection and dialogue prompts.
    #[serde(default)]
    pub prompts: Vec<String>,
    /// Debrief: how many speakers, from as many different groups.
    #[serde(default)]
    pub speakers: u8,
    /// Modelling: a link to the peer video, or an uploaded file.
    #[serde(default)]
    pub video_url: Option<String>,
    #[serde(default)]
    pub video_file: Option<FileId>,
    /// Invitations: the services to introduce.
    #[serde(default)]
    pub services: Vec<ServiceId>,
    /// Poll or quiz: the choices.
    #[serde(default)]
    pub options: Vec<String>,
}

impl Step {
    pub fn new(kind: StepKind, title: &str, instructions: &str, minutes: u32) -> Step {
        Step {
            kind,
            title: title.to_owned(),
            instructions: instructions.to_owned(),
            minutes,
            prompts: Vec::new(),
            speakers: if kind == StepKind::Debrief { 3 } else { 0 },
            video_url: None,
            video_file: None,
            services: Vec::new(),
            options: Vec::new(),
        }
    }

    fn with_options(mut self, options: &[&str]) -> Step {
        self.options = options.iter().map(|o| (*o).to_owned()).collect();
        self
    }

    fn with_prompts(mut self, prompts: &[&str]) -> Step {
        self.prompts = prompts.iter().map(|p| (*p).to_owned()).collect();
        self
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunSheet {
    pub name: String,
    pub steps: Vec<Step>,
}

/// The longest a step may be planned for: a whole day.
pub const MAX_STEP_MINUTES: u32 = 24 * 60;

impl RunSheet {
    /// Checks what a run sheet must hold before an event may use it.
    pub fn validate(&self) -> Result<(), InputError> {
        if self.name.trim().is_empty() {
            return Err(InputError::new("error-name-required"));
        }
        if self.steps.is_empty() {
            return Err(InputError::new("error-runsheet-empty"));
        }
        for step in &self.steps {
            if step.title.trim().is_empty() {
                return Err(InputError::new("error-step-title"));
            }
            if step.minutes == 0 || step.minutes > MAX_STEP_MINUTES {
                return Err(InputError::new("error-step-minutes"));
            }
            if step.kind == StepKind::Debrief && step.speakers == 0 {
                return Err(InputError::new("error-step-speakers"));
            }
            if step.kind == StepKind::Poll && step.options.len() < 2 {
                return Err(InputError::new("error-step-options"));
            }
        }
        Ok(())
    }

    /// The fishbowl process of `seeds/000`, in order.
    pub fn fishbowl() -> RunSheet {
        use StepKind::*;
        RunSheet {
            name: "Fishbowl dialogue".into(),
            steps: vec![
                Step::new(Welcome, "Welcome", "Welcome everyone to the large group and introduce today's topic. Remind everyone of the ground rules.", 10),
                Step::new(Modelling, "Peer video", "Watch the peer video together: notice mindful sharing, empathic listening and self-awareness.", 10),
                Step::new(Reflection, "Private reflection", "Take a few quiet minutes to write your own thoughts about the prompts. Only you can read what you write.", 10)
                    .with_prompts(&["What in the video spoke to you?", "What is one thing you are carrying at the moment?"]),
                Step::new(Dialogue, "Dialogue in your peer group", "Meet your peer group. Share what you choose, listen with empathy, one voice at a time.", 25)
                    .with_prompts(&["What came up for you while reflecting?", "What helps you when things are hard?"]),
                Step::new(Debrief, "Debrief", "Three people from different groups share the first insights from their group.", 10),
                Step::new(Integration, "Sharing insights", "Share insights about the prompts with the large group. Peers serve each other by lowering the stigma of personal struggles.", 10),
                Step::new(Invitations, "Support services", "Peer support for prevention and psychological support for intervention: here is where to turn when you need more.", 5),
                Step::new(CommunityAction, "Community action", "Stories of personal growth can be shared with the peer community, if you choose to.", 5),
            ],
        }
    }

    /// An online workshop with breakout rooms (`seeds/002`).
    pub fn online_workshop() -> RunSheet {
        use StepKind::*;
        RunSheet {
            name: "Online workshop with breakout rooms".into(),
            steps: vec![
                Step::new(Welcome, "Welcome and ground rules", "Welcome everyone; agree the ground rules: what is shared stays in the group, one voice at a time, share only what you choose.", 10),
                Step::new(GuestSpeaker, "Guest speaker", "A guest shares their experience with the group.", 20),
                Step::new(Dialogue, "Breakout rooms", "In small groups, talk about your own experiences and what you can take away from today.", 20)
                    .with_prompts(&["What is working for you?", "What will you take away from today?"]),
                Step::new(Poll, "Quiz", "A short quiz to close the learning: which idea from today will you use first?", 5)
                    .with_options(&["Taking turns to speak", "Listening without advising", "Knowing where to turn for support"]),
                Step::new(Break, "Virtual tea", "Bring a cup of tea and chat informally.", 10),
                Step::new(Integration, "Back together", "Each group shares one thing it will take away.", 10),
            ],
        }
    }

    /// A peer support group's meeting (`seeds/001`).
    pub fn peer_group_meeting() -> RunSheet {
        use StepKind::*;
        RunSheet {
            name: "Peer group meeting".into(),
            steps: vec![
                Step::new(Icebreaker, "This is who I am", "Write important elements of your past, present and future, then present them to your colleagues.", 20)
                    .with_prompts(&["Past", "Present", "Future"]),
                Step::new(GroupMatters, "Group matters", "Facilitation of the group, member participation, capacity development needs, promotion of the group, cooperation with other groups.", 20),
                Step::new(WorldCafe, "World Café", "Move between host tables, one theme each, and share perspectives.", 40),
                Step::new(AgreeNextDate, "Our next meeting", "Agree together on the date of the next meeting.", 10),
            ],
        }
    }

    /// A peer support group's meeting agenda, run online in the live room:
    /// each item a step, in order, with the instructions its kind calls for.
    /// "Tea and chat" and a discussion topic are talk in the group's own room.
    pub fn from_agenda(title: &str, agenda: &[AgendaItem]) -> RunSheet {
        let steps = agenda
            .iter()
            .map(|item| {
                let (kind, instructions) = match item.kind {
                    AgendaKind::Icebreaker => (StepKind::Icebreaker, "Write important elements of your past, present and future, then present them to your colleagues."),
                    AgendaKind::GroupMatters => (StepKind::GroupMatters, "Facilitation of the group, member participation, capacity development needs, promotion of the group, cooperation with other groups."),
                    AgendaKind::WorldCafe => (StepKind::WorldCafe, "Move between host tables, one theme each, and share perspectives."),
                    AgendaKind::GuestSpeaker => (StepKind::GuestSpeaker, "Welcome our guest; questions are welcome at the end."),
                    AgendaKind::TeaAndChat => (StepKind::Dialogue, "Time to talk together, informally, in the group's room."),
                    AgendaKind::DiscussionTopic => (StepKind::Dialogue, "Talk about the topic together in the group's room. Share what you choose, one voice at a time."),
                    AgendaKind::NextDate => (StepKind::AgreeNextDate, "Agree together on the date of the next meeting."),
                    AgendaKind::Quiz | AgendaKind::Free => (StepKind::FreeItem, ""),
                };
                let step = Step::new(kind, &item.title, instructions, item.minutes.clamp(1, MAX_STEP_MINUTES));
                if kind == StepKind::Icebreaker {
                    step.with_prompts(&["Past", "Present", "Future"])
                } else {
                    step
                }
            })
            .collect();
        RunSheet {
            name: title.to_owned(),
            steps,
        }
    }

    /// The built-in run sheets, which people copy and edit.
    pub fn built_in() -> Vec<RunSheet> {
        vec![
            RunSheet::fishbowl(),
            RunSheet::online_workshop(),
            RunSheet::peer_group_meeting(),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_run_sheets_are_valid_and_follow_the_seeds() {
        for sheet in RunSheet::built_in() {
            assert_eq!(sheet.validate(), Ok(()), "{}", sheet.name);
        }
        let kinds: Vec<StepKind> = RunSheet::fishbowl().steps.iter().map(|s| s.kind).collect();
        use StepKind::*;
        assert_eq!(
            kinds,
            vec![
                Welcome,
                Modelling,
                Reflection,
                Dialogue,
                Debrief,
                Integration,
                Invitations,
                CommunityAction
            ]
        );
        assert_eq!(
            RunSheet::fishbowl().steps[4].speakers,
            3,
            "three speakers from different groups"
        );
    }

    #[test]
    fn step_kinds_round_trip_and_validation_names_the_problem() {
        for kind in StepKind::ALL {
            assert_eq!(StepKind::from_key(kind.key()), Some(kind));
        }
        let mut sheet = RunSheet::fishbowl();
        sheet.steps[0].minutes = 0;
        assert_eq!(sheet.validate(), Err(InputError::new("error-step-minutes")));
        sheet.steps.clear();
        assert_eq!(
            sheet.validate(),
            Err(InputError::new("error-runsheet-empty"))
        );
    }

    #[test]
    fn a_meeting_agenda_runs_as_a_valid_run_sheet_in_its_order() {
        let agenda = crate::support_groups::monthly_meeting_template(false);
        let sheet = RunSheet::from_agenda("Monthly meeting", &agenda);
        assert!(sheet.validate().is_ok());
        assert_eq!(sheet.steps.len(), agenda.len());
        for (step, item) in sheet.steps.iter().zip(&agenda) {
            assert_eq!(step.title, item.title);
            assert_eq!(step.minutes, item.minutes);
        }
        assert_eq!(sheet.steps[0].kind, StepKind::Icebreaker);
        assert_eq!(sheet.steps[0].prompts, ["Past", "Present", "Future"]);
        let chat = RunSheet::from_agenda(
            "Tea",
            &[AgendaItem::new(AgendaKind::TeaAndChat, "Tea and chat", 0)],
        );
        assert_eq!(chat.steps[0].kind, StepKind::Dialogue);
        assert_eq!(chat.steps[0].minutes, 1);
    }
}
