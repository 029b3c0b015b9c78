//! Demo data for ongoing support at the Riverside student centre: two more
//! peer workers with matching profiles, Maya at "session 3 of 6" with Pat,
//! Blerim's agreement waiting for his confirmation, Parveen's request waiting
//! for a coordinator, and a referral whose follow-up is due.

use crate::Store;
use crate::error::StoreError;
use crate::support_ongoing::{NewReferral, NewRequest, PeerProfile};
use crate::time::now_ms;
use hearth_domain::input::{Email, Name};
use hearth_domain::roles::{PeerWorkerKind, Role, RoleGrant, Scope};
use hearth_domain::{SiteId, UserId};

const DAY_MS: i64 = 24 * 3_600_000;

async fn person(store: &Store, email: &str) -> Result<Option<UserId>, StoreError> {
    let Ok(email) = Email::parse(email) else {
        return Ok(None);
    };
    Ok(store.people().find_by_email(&email).await?.map(|p| p.id))
}

fn list(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

/// A peer worker at the campus with a profile.
async fn peer(
    store: &Store,
    campus: SiteId,
    (email, name, language, kind): (&str, &str, &str, PeerWorkerKind),
    profile: PeerProfile,
) -> Result<Option<UserId>, StoreError> {
    let (Ok(address), Ok(display)) = (Email::parse(email), Name::parse(name)) else {
        return Ok(None);
    };
    let hash = crate::password::hash(crate::DEMO_PASSWORD)
        .await
        .map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let id = store
        .people()
        .create(&address, &display, Some(&hash), Some(language))
        .await?;
    store
        .people()
        .add_grant(
            id,
            RoleGrant {
                role: Role::PeerWorker(kind),
                scope: Scope::Site(campus),
            },
        )
        .await?;
    store.ongoing().save_profile(id, &profile).await?;
    Ok(Some(id))
}

pub(crate) async fn load(store: &Store) -> Result<(), StoreError> {
    let Some(campus) = store
        .org()
        .sites(false)
        .await?
        .into_iter()
        .find(|s| s.name == "Riverside Campus")
        .map(|s| s.id)
    else {
        return Ok(());
    };
    let ongoing = store.ongoing();
    let (Some(pat), Some(coordinator), Some(maya), Some(blerim), Some(parveen)) = (
        person(store, "peer@demo.example").await?,
        person(store, "coordinator@demo.example").await?,
        person(store, "maya@demo.example").await?,
        person(store, "blerim@demo.example").await?,
        person(store, "participant@demo.example").await?,
    ) else {
        return Ok(());
    };
    ongoing
        .save_profile(
            pat,
            &PeerProfile {
                topics: list(&["anxiety", "low-mood", "student-life"]),
                languages: list(&["en"]),
                availability: list(&["1-morning", "2-afternoon", "3-morning", "4-afternoon"]),
                open_to_new: true,
                saved: true,
            },
        )
        .await?;
    let lirie = peer(
        store,
        campus,
        (
            "lirie@demo.example",
            "Lirie Mentor",
            "sq",
            PeerWorkerKind::InternationalPeerSupportMentor,
        ),
        PeerProfile {
            topics: list(&["new-culture", "first-in-family", "anxiety"]),
            languages: list(&["sq", "en"]),
            availability: list(&["2-afternoon", "4-evening", "5-morning"]),
            open_to_new: true,
            saved: true,
        },
    )
    .await?;
    peer(
        store,
        campus,
        (
            "theo@demo.example",
            "Theo Coach",
            "en",
            PeerWorkerKind::PeerAcademicCoach,
        ),
        PeerProfile {
            topics: list(&["student-life"]),
            languages: list(&["en"]),
            availability: list(&["1-afternoon", "3-afternoon"]),
            open_to_new: true,
            saved: true,
        },
    )
    .await?;

    // Maya asked online; the coordinator matched her with Pat; six sessions
    // agreed and confirmed; two held, the third the day after tomorrow.
    let now = now_ms();
    let hour = 3_600_000;
    let maya_support = ongoing
        .ask(&NewRequest {
            site: campus,
            student: maya,
            referred_by: None,
            help_with: "Exams are close and I can't sleep or focus. I'd like someone to talk to every week or two.".into(),
            language: Some("en".into()),
            peer_kind: Some(PeerWorkerKind::PeerSupportWorker),
            topics: list(&["anxiety", "student-life"]),
            availability: list(&["1-morning", "3-morning"]),
        })
        .await?;
    ongoing.assign(maya_support, pat, coordinator).await?;
    ongoing
        .propose(
            maya_support,
            pat,
            6,
            "Talking through exam stress and sleep, one hour every week; finding what helps; who else on campus can help.",
        )
        .await?;
    ongoing.confirm(maya_support, maya).await?;
    // At 15:00 on the campus's clock: the drop-in shifts book Quiet Room 1
    // in the mornings only, so the third session can have it.
    let zone = jiff::tz::TimeZone::get("Europe/Belgrade").unwrap_or(jiff::tz::TimeZone::UTC);
    let today = jiff::Timestamp::now()
        .to_zoned_datetime(zone.clone())
        .date();
    let quiet_one = store
        .support()
        .rooms()
        .await?
        .into_iter()
        .find(|r| r.name == "Quiet Room 1")
        .map(|r| r.id);
    for (offset, room) in [(-9, None), (-2, None), (2, quiet_one)] {
        let Ok(starts_at) = today
            .checked_add(jiff::Span::new().days(offset))
            .and_then(|day| day.at(15, 0, 0, 0).to_zoned_datetime(zone.clone()))
            .map(|z| z.timestamp().as_millisecond())
        else {
            continue;
        };
        ongoing
            .schedule(
                maya_support,
                starts_at,
                starts_at + hour,
                room.map(|r| (r, "Ongoing support session".to_owned())),
                pat,
            )
            .await?;
    }

    // Blerim was referred by the supervisor; Lirie proposed four sessions in
    // Albanian and waits for him to confirm.
    if let Some(lirie) = lirie {
        let blerim_support = ongoing
            .ask(&NewRequest {
                site: campus,
                student: blerim,
                referred_by: person(store, "supervisor@demo.example").await?,
                help_with: "New in the city, far from family, finding it hard to settle in.".into(),
                language: Some("sq".into()),
                peer_kind: Some(PeerWorkerKind::InternationalPeerSupportMentor),
                topics: list(&["new-culture"]),
                availability: list(&["2-afternoon"]),
            })
            .await?;
        ongoing.assign(blerim_support, lirie, coordinator).await?;
        ongoing
            .propose(
                blerim_support,
                lirie,
                4,
                "Settling in: the city, the campus, meeting people; every two weeks.",
            )
            .await?;
    }

    // Parveen asked this morning: waiting for the coordinator to match her.
    ongoing
        .ask(&NewRequest {
            site: campus,
            student: parveen,
            referred_by: None,
            help_with: "I'm the first in my family at university and I feel I don't belong here."
                .into(),
            language: Some("en".into()),
            peer_kind: None,
            topics: list(&["first-in-family", "low-mood"]),
            availability: list(&["2-afternoon", "4-afternoon"]),
        })
        .await?;

    // Pat referred Maya to counselling, and the day to check in has come.
    if let Some(counselling) = store
        .services()
        .list(false)
        .await?
        .into_iter()
        .find(|s| s.name.starts_with("Student counselling"))
    {
        ongoing
            .refer(&NewReferral {
                site: Some(campus),
                referrer: pat,
                service: counselling.id,
                source: "ongoing",
                source_id: Some(maya_support),
                person: Some(maya),
                person_label: "Maya Chen".into(),
                note: Some("For the sleep problems, alongside our sessions.".into()),
                follow_up_at: now - DAY_MS,
            })
            .await?;
    }
    Ok(())
}
