//! The demo's field work across two phases (seeds/001: coaching in Phase I,
//! peer support groups in Phase II, at the school and the municipality), so
//! the reports page shows something real; and two community stories, one
//! shared and one waiting for a coordinator.

use crate::Store;
use crate::activity::RecordedActivity;
use crate::error::StoreError;
use crate::stories::{Moderation, StoryText};
use hearth_domain::input::Email;
use hearth_domain::stories::{Signature, StoryAudience};
use hearth_domain::{PhaseId, SiteId, UserId};

/// Kind, site ("school" or "municipality"), phase (1 or 2), date, then
/// either the demo participants by their place in the list, or a head count.
type DemoActivity = (
    &'static str,
    &'static str,
    u8,
    &'static str,
    &'static [usize],
    Option<i64>,
);

const TEACHERS: &[usize] = &[0, 1, 2, 3, 4, 5, 6, 7, 8];

const FIELD_WORK: &[DemoActivity] = &[
    // Field Phase I: coaching.
    (
        "coaching",
        "school",
        1,
        "2026-03-04",
        &[0, 1, 2, 3, 4, 5],
        None,
    ),
    ("observation", "school", 1, "2026-03-11", &[], Some(14)),
    (
        "coaching",
        "school",
        1,
        "2026-04-08",
        &[0, 1, 2, 3, 6, 7, 8],
        None,
    ),
    ("coaching", "municipality", 1, "2026-04-15", &[], Some(18)),
    ("coaching", "school", 1, "2026-05-06", TEACHERS, None),
    ("coaching", "municipality", 1, "2026-05-20", &[], Some(22)),
    (
        "supervision",
        "municipality",
        1,
        "2026-05-27",
        &[9, 10, 11, 12, 13, 14],
        None,
    ),
    (
        "coaching",
        "school",
        1,
        "2026-06-03",
        &[0, 2, 4, 6, 8],
        None,
    ),
    // Field Phase II: peer support groups.
    (
        "group-development",
        "school",
        2,
        "2026-09-16",
        TEACHERS,
        None,
    ),
    (
        "observation",
        "municipality",
        2,
        "2026-10-07",
        &[],
        Some(12),
    ),
    (
        "supervision",
        "municipality",
        2,
        "2026-10-14",
        &[9, 10, 11, 12, 13],
        None,
    ),
    (
        "group-development",
        "school",
        2,
        "2026-10-21",
        TEACHERS,
        None,
    ),
    (
        "supervision",
        "municipality",
        2,
        "2026-11-11",
        &[9, 11, 13, 15, 16, 17, 18],
        None,
    ),
    ("supervision", "school", 2, "2026-11-12", &[0, 1, 2], None),
    (
        "group-development",
        "school",
        2,
        "2026-11-18",
        &[0, 1, 2, 3, 4, 5, 6, 8],
        None,
    ),
    ("group-meeting", "school", 2, "2026-12-01", TEACHERS, None),
    ("coaching", "municipality", 2, "2026-12-09", &[], Some(16)),
];

pub(crate) async fn load(store: &Store, participants: &[(&str, &str)]) -> Result<(), StoreError> {
    let sites = store.org().sites(false).await?;
    let site = |name: &str| -> Result<SiteId, StoreError> {
        sites
            .iter()
            .find(|s| s.name == name)
            .map(|s| s.id)
            .ok_or(StoreError::NotFound)
    };
    let (school, municipality) = (
        site("Xheladin Rekaliu School")?,
        site("Podujevë Municipality")?,
    );
    let phases: Vec<(String, PhaseId)> = store
        .org()
        .programmes(false)
        .await?
        .into_iter()
        .flat_map(|p| p.phases)
        .map(|p| (p.name, p.id))
        .collect();
    let phase = |prefix: &str| -> Result<PhaseId, StoreError> {
        phases
            .iter()
            .find(|(name, _)| name.starts_with(prefix))
            .map(|(_, id)| *id)
            .ok_or(StoreError::NotFound)
    };
    let (one, two) = (phase("Field Phase I:")?, phase("Field Phase II:")?);

    let mut people: Vec<UserId> = Vec::new();
    for (name, _) in participants {
        let first = name.split(' ').next().unwrap_or_default().to_lowercase();
        let email = Email::parse(&format!("{first}@demo.example"))
            .map_err(|_| StoreError::Corrupt(format!("demo email for {name}")))?;
        if let Some(person) = store.people().find_by_email(&email).await? {
            people.push(person.id);
        }
    }
    let recorder = people.first().copied().ok_or(StoreError::NotFound)?;
    let zone = jiff::tz::TimeZone::get("Europe/Belgrade").unwrap_or(jiff::tz::TimeZone::UTC);
    let mut activities = Vec::new();
    for (kind, place, phase_number, day, who, head_count) in FIELD_WORK {
        let occurred_at = day
            .parse::<jiff::civil::Date>()
            .map_err(|e| StoreError::Corrupt(e.to_string()))?
            .at(10, 0, 0, 0)
            .to_zoned_datetime(zone.clone())
            .map_err(|e| StoreError::Corrupt(e.to_string()))?
            .timestamp()
            .as_millisecond();
        activities.push(RecordedActivity {
            kind: (*kind).to_owned(),
            title: match *kind {
                "group-development" => "\"I'm here\" peer support group".to_owned(),
                "group-meeting" => "\"I'm here\": monthly meeting".to_owned(),
                _ => String::new(),
            },
            site_id: if *place == "school" {
                school
            } else {
                municipality
            },
            phase_id: Some(if *phase_number == 1 { one } else { two }),
            occurred_at,
            attendees: who.iter().filter_map(|i| people.get(*i).copied()).collect(),
            head_count: *head_count,
        });
    }
    let kinds = store.activities().kinds().await?;
    for activity in &mut activities {
        if activity.title.is_empty() {
            activity.title = kinds
                .iter()
                .find(|k| k.slug == activity.kind)
                .map_or_else(|| activity.kind.clone(), |k| k.name.clone());
        }
    }
    store
        .activities()
        .record_all(&activities, recorder)
        .await
        .map_err(|(_, e)| e)?;

    // Two stories: one shared publicly under a first name, one waiting to be
    // checked (for the organisation).
    let find = |email: &'static str| async move {
        let email = Email::parse(email).map_err(|_| StoreError::NotFound)?;
        store
            .people()
            .find_by_email(&email)
            .await?
            .ok_or(StoreError::NotFound)
    };
    let teacher = find("teacher@demo.example").await?;
    let coordinator = find("coordinator@demo.example").await?;
    let shared = store
        .stories()
        .write(
            teacher.id,
            StoryText {
                signed_as: "Teuta",
                signature: Signature::FirstName,
                audience: StoryAudience::Public,
                picture: None,
                remove_picture: false,
                send: true,
                title: "I'm here, for them and for me",
                body: "Last winter I was tired all the time and I had stopped enjoying my class. In the coaching sessions I learned that I was not the only one.\n\n\
             Now our school has a peer support group. We called it \"I'm here\", because that is what we want the pupils to know. Once a month we sit together, we listen, and we plan. I sleep better, and I laugh with my class again.",
            },
        )
        .await?;
    store
        .stories()
        .moderate(
            shared,
            Moderation::Approve,
            Some("Thank you, Teuta. This will help others."),
            coordinator.id,
        )
        .await?;
    let participant = find("participant@demo.example").await?;
    store
        .stories()
        .write(
            participant.id,
            StoryText {
                signed_as: "Parveen",
                signature: Signature::FirstName,
                audience: StoryAudience::Organisation,
                picture: None,
                remove_picture: false,
                send: true,
                title: "Saying it out loud",
                body: "At the first dialogue event I only listened. By the third I told my small group that I was struggling with my studies. Nobody judged me. One of them walked with me to student counselling the next day. I am still working on it, and I am not doing it alone.",
            },
        )
        .await?;
    Ok(())
}
