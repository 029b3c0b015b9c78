//! The demo of running a meeting and of the network (issue 8): "I'm here"'s
//! last meeting with its World Café harvest, an open poll for the date after
//! next week's meeting, a feedback pulse, themes, a library and a field visit.

use crate::date_polls::NewDatePoll;
use crate::error::{OptionalRow, StoreError};
use crate::network::{NewFieldVisit, NewResource};
use hearth_domain::UserId;
use hearth_domain::meeting_flow::{default_cafe_themes, default_pulse_questions};
use hearth_domain::support_groups::SupportGroupId;

async fn group(store: &crate::Store, name: &str) -> Result<SupportGroupId, StoreError> {
    store
        .support_groups()
        .directory()
        .await?
        .into_iter()
        .find(|s| s.group.name == name)
        .map(|s| s.group.id)
        .found()
}

async fn person(store: &crate::Store, email: &str) -> Result<UserId, StoreError> {
    let email = hearth_domain::input::Email::parse(email)
        .map_err(|e| StoreError::Corrupt(e.to_string()))?;
    store
        .people()
        .find_by_email(&email)
        .await?
        .map(|p| p.id)
        .found()
}

pub(crate) async fn load(store: &crate::Store) -> Result<(), StoreError> {
    let here = group(store, "I'm here").await?;
    let together = group(store, "Together for our pupils").await?;
    let circle = group(store, "Riverside peer supporters' circle").await?;
    let network = store.network();
    network
        .set_themes(
            here,
            &[
                "bullying".into(),
                "discipline".into(),
                "self-care".into(),
                "pupils in need".into(),
            ],
        )
        .await?;
    network
        .set_themes(
            together,
            &[
                "children returning from migration".into(),
                "case discussion".into(),
                "self-care".into(),
            ],
        )
        .await?;
    network
        .set_themes(
            circle,
            &["peer support on campus".into(), "listening".into()],
        )
        .await?;

    let teuta = person(store, "teacher@demo.example").await?;
    let now = crate::time::now_ms();
    let meetings = store.support_group_meetings().for_group(here).await?;
    let past = meetings.iter().find(|m| m.starts_at < now).found()?;
    let next = meetings.iter().find(|m| m.starts_at > now).found()?;

    // Last month's World Café: five host tables, three rounds, the hosts' notes.
    let members = store.support_groups().members(here).await?;
    let ids: Vec<UserId> = members.iter().map(|m| m.user_id).collect();
    let themes = default_cafe_themes(false);
    let tables: Vec<(String, UserId)> = themes.iter().cloned().zip(ids.iter().copied()).collect();
    let flow = store.meeting_flow();
    flow.set_up_cafe(past.id, &tables, 2, 12).await?;
    // Two rounds: the four guests visit two different tables each.
    let guests = &ids[tables.len().min(ids.len())..];
    let mut plan = Vec::new();
    for round in 0..2 {
        let mut seats: Vec<Vec<UserId>> = tables.iter().map(|(_, h)| vec![*h]).collect();
        for (k, guest) in guests.iter().enumerate() {
            let t = (k + round * 2) % seats.len();
            if let Some(table) = seats.get_mut(t) {
                table.push(*guest);
            }
        }
        plan.push(seats);
    }
    flow.set_cafe_plan(past.id, &plan).await?;
    flow.next_round(past.id).await?;
    flow.next_round(past.id).await?;
    flow.next_round(past.id).await?;
    let notes = [
        (
            0,
            "Agree three class rules with pupils at the start of term; praise in public, correct in private.",
        ),
        (
            1,
            "Short movement breaks every 20 minutes help; phones in a box during tests.",
        ),
        (
            2,
            "A quiet corner in each classroom; the yard needs more adults at break time.",
        ),
        (
            3,
            "Pupils returning from abroad need a buddy in their first weeks; small tasks they can succeed at.",
        ),
        (
            4,
            "Name it when we see it; a box for anonymous notes; tell parents early and together.",
        ),
    ];
    for (position, text) in notes {
        flow.write_cafe_note(past.id, position, 1, text).await?;
    }
    flow.write_cafe_note(
        past.id,
        4,
        2,
        "The psychologist offers a session on cyberbullying for Year 8.",
    )
    .await?;
    flow.share_harvest_with_group(past.id, true).await?;
    flow.share_harvest_with(past.id, together).await?;

    // The poll for the meeting after next week's, still open.
    let zone = "Europe/Belgrade";
    let next_start = crate::time::timestamp(next.starts_at);
    let options: Vec<i64> = [28i64, 35, 42]
        .iter()
        .map(|days| next_start.as_millisecond() + days * 86_400_000)
        .collect();
    let poll = store
        .date_polls()
        .create(
            here,
            &NewDatePoll {
                meeting_id: Some(next.id),
                title: "Takimi mujor i grupit \"I'm here\"".into(),
                place: next.place.clone(),
                online: false,
                time_zone: zone.into(),
                options: options.clone(),
            },
            teuta,
        )
        .await?;
    let poll = store.date_polls().get(here, poll).await?;
    use hearth_domain::meeting_flow::DateAnswer::{Maybe, No, Yes};
    let answers = [
        ("arta@demo.example", [Yes, Maybe, No]),
        ("blerim@demo.example", [Yes, Yes, No]),
        ("dafina@demo.example", [Maybe, Yes, Yes]),
        ("egzon@demo.example", [No, Yes, Yes]),
    ];
    for (email, said) in answers {
        let who = person(store, email).await?;
        let pairs: Vec<_> = poll.options.iter().map(|o| o.id).zip(said).collect();
        store.date_polls().answer(poll.id, who, &pairs).await?;
    }

    // A pulse three members already answered, so its summary shows.
    let pulse = store
        .pulses()
        .create(
            here,
            "How are our meetings working for you?",
            &default_pulse_questions(false),
            teuta,
        )
        .await?;
    use crate::date_polls::PulseAnswer::{Score, Words};
    for (email, a, b, words) in [
        (
            "arta@demo.example",
            4,
            5,
            Some("More time for the World Café."),
        ),
        ("fjolla@demo.example", 3, 4, None),
        (
            "granit@demo.example",
            5,
            4,
            Some("Meet online when it snows."),
        ),
    ] {
        let who = person(store, email).await?;
        store
            .pulses()
            .answer(
                pulse,
                who,
                &[Score(a), Score(b), Words(words.map(str::to_owned))],
            )
            .await?;
    }

    // The library and a field visit by the municipality's coordinator.
    let coordinator = person(store, "coordinator@demo.example").await?;
    network
        .add_resource(
            &NewResource {
                title: "Peer support: creating, running and sustaining networks".into(),
                description: "Three things learned from online workshops: platforms, ground rules, keeping it inviting.".into(),
                url: Some("https://www.ces-vol.org.uk/".into()),
                file_id: None,
                tags: vec!["networks".into(), "online".into()],
            },
            coordinator,
        )
        .await?;
    let visitor = coordinator;
    let site = store.support_groups().get(here).await?.site_id;
    let visited_on = crate::time::timestamp(past.starts_at)
        .to_zoned_datetime(jiff::tz::TimeZone::get(zone).unwrap_or(jiff::tz::TimeZone::UTC))
        .date();
    network
        .record_visit(
            here,
            site,
            "Field visit to \"I'm here\"",
            &NewFieldVisit {
                visited_on,
                occurred_at: past.starts_at,
                visitors: "Education expert; municipality coordinator".into(),
                observations: "The group held its first monthly meeting: the icebreaker, group matters and a World Café on five themes. Nine members, all engaged.".into(),
                support_needs: "A room that stays free on meeting days; time in the timetable.".into(),
                capacity_needs: "Facilitation skills for the co-facilitator; handling bullying cases.".into(),
                follow_up: "Connect with \"Together for our pupils\"; visit again in two months.".into(),
            },
            visitor,
        )
        .await?;
    Ok(())
}
