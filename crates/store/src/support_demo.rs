//! Demo data for one-to-one support: the Riverside student centre with its
//! hours, two quiet rooms, a week of drop-in shifts, the topic list and the
//! campus crisis path.

use crate::Store;
use crate::error::StoreError;
use crate::support::NewShift;
use hearth_domain::input::Email;
use hearth_domain::support::DayHours;
use hearth_domain::{SiteId, UserId};

const TOPICS: &[&str] = &[
    "Stress and exams",
    "Loneliness",
    "Relationships",
    "Money worries",
    "Settling in",
    "Mental health",
    "Substance use",
    "Something else",
];

async fn person(store: &Store, email: &str) -> Result<Option<UserId>, StoreError> {
    let Ok(email) = Email::parse(email) else {
        return Ok(None);
    };
    Ok(store.people().find_by_email(&email).await?.map(|p| p.id))
}

pub(crate) async fn load(store: &Store, campus: SiteId, zone: &str) -> Result<(), StoreError> {
    let support = store.support();
    let centre = support
        .create_location(
            campus,
            "Student Centre",
            Some("Ground floor, 12 College Road"),
        )
        .await?;
    let time = |h: i8| jiff::civil::Time::constant(h, 0, 0, 0);
    let hours: Vec<DayHours> = (1..=5)
        .map(|weekday| DayHours {
            weekday,
            opens: time(10),
            closes: time(16),
        })
        .collect();
    support.set_hours(centre, &hours).await?;
    let quiet = support
        .create_room(
            campus,
            "Quiet Room 1",
            2,
            Some("Step-free from the entrance; soft lighting; a box of tissues and water."),
        )
        .await?;
    support
        .create_room(
            campus,
            "Quiet Room 2",
            4,
            Some("First floor, lift nearby; hearing loop."),
        )
        .await?;
    for topic in TOPICS {
        support.add_topic(topic).await?;
    }
    let supervisor = person(store, "supervisor@demo.example").await?;
    support
        .save_site_settings(
            campus,
            supervisor,
            "Stay with the student and keep them company.\nCall the supervisor on call now.\nIf anyone is in danger, call 112.\nWrite down what happened and what was agreed.",
            Some("Campus security: 0800 123 456 (day and night)"),
        )
        .await?;

    // A week of shifts from this week's Monday: mornings with a room, afternoons without.
    let tz = jiff::tz::TimeZone::get(zone).unwrap_or(jiff::tz::TimeZone::UTC);
    let today = jiff::Timestamp::now().to_zoned_datetime(tz.clone()).date();
    let monday = today
        .checked_sub(jiff::Span::new().days(i64::from(today.weekday().to_monday_zero_offset())))
        .unwrap_or(today);
    let peer = person(store, "peer@demo.example").await?;
    for offset in 0..5 {
        let Ok(day) = monday.checked_add(jiff::Span::new().days(offset)) else {
            continue;
        };
        for (start, end, room) in [(10, 13, Some(quiet)), (13, 16, None)] {
            let at = |h: i8| {
                day.to_datetime(time(h))
                    .to_zoned_datetime(tz.clone())
                    .map(|z| z.timestamp().as_millisecond())
            };
            let (Ok(starts_at), Ok(ends_at)) = (at(start), at(end)) else {
                continue;
            };
            let shift = support
                .create_shift(
                    &NewShift {
                        location: centre,
                        starts_at,
                        ends_at,
                        places: 2,
                        room,
                        created_by: None,
                    },
                    "Drop-in shift · Student Centre",
                )
                .await?;
            // Pat takes the mornings; the afternoons show their gaps.
            if let (Some(peer), 10) = (peer, start) {
                support.sign_up(shift, peer).await?;
            }
        }
    }
    Ok(())
}
