//! The demo's training cohort in progress: its dates around today, and
//! module 1 under way (a session held with attendance taken, one coming up
//! online as a live event, one coming up in a room), so a newcomer sees the
//! progress grid, attendance, "coming up" and the live room.

use crate::Store;
use crate::activity::{AttendanceStatus, NewActivity};
use crate::error::StoreError;
use crate::events::NewEvent;
use crate::time::now_ms;
use hearth_domain::input::Email;
use hearth_domain::live::RunSheet;
use hearth_domain::training::ModuleKind;
use hearth_domain::{CohortId, UserId};

const DAY_MS: i64 = 24 * 3_600_000;
const ZONE: &str = "Europe/Belgrade";

/// A date `days` from today (negative: in the past), as the demo writes dates.
pub(crate) fn day_from_today(days: i64) -> String {
    let today = jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::get(ZONE).unwrap_or(jiff::tz::TimeZone::UTC))
        .date();
    today
        .checked_add(jiff::Span::new().days(days))
        .unwrap_or(today)
        .to_string()
}

/// 17:00 in the demo's zone, `days` from today.
fn at_five(days: i64) -> Result<i64, StoreError> {
    let corrupt = |e: jiff::Error| StoreError::Corrupt(e.to_string());
    let day: jiff::civil::Date = day_from_today(days).parse().map_err(corrupt)?;
    Ok(day
        .at(17, 0, 0, 0)
        .in_tz(ZONE)
        .map_err(corrupt)?
        .timestamp()
        .as_millisecond())
}

async fn person(store: &Store, email: &str) -> Result<Option<UserId>, StoreError> {
    let email = Email::parse(email).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    Ok(store.people().find_by_email(&email).await?.map(|p| p.id))
}

/// Module 1's sessions for the cohort in progress.
pub(crate) async fn load_module_one(
    store: &Store,
    cohort: CohortId,
    facilitator: UserId,
) -> Result<(), StoreError> {
    let training = store.training();
    let Some(curriculum) = training.cohort_curriculum(cohort).await? else {
        return Ok(());
    };
    let curriculum = training.curriculum(curriculum).await?;
    let Some(module) = curriculum
        .modules
        .iter()
        .find(|m| m.kind == ModuleKind::Module)
    else {
        return Ok(());
    };
    let details = store.org().cohort(cohort).await?;
    // The facilitator brings lived experience; the last session has nobody
    // assigned yet, so it shows the gentle warning.
    training.set_lived_experience(facilitator, true).await?;
    let luan = person(store, "luan@demo.example").await?;
    let elena = person(store, "elena@demo.example").await?;
    // (session index, days from today, online, co-facilitated)
    let plan = [
        (0, -6, false, true),
        (1, 2, true, true),
        (2, 9, false, false),
    ];
    for (index, days, online, staffed) in plan {
        let Some(session) = module.sessions.get(index) else {
            continue;
        };
        let title = session.text.title.clone();
        let starts_at = at_five(days)?;
        let activity = store
            .activities()
            .record(&NewActivity {
                kind: "training-session",
                title: &title,
                site_id: Some(details.site_id),
                cohort_id: Some(cohort),
                phase_id: details.phase_id,
                occurred_at: starts_at,
            })
            .await?;
        let place = (!online).then_some("Student Centre, room 2");
        let delivery = training
            .schedule(cohort, session.id, activity, starts_at, place, facilitator)
            .await?;
        if staffed {
            training
                .set_delivery_facilitators(delivery, &[facilitator])
                .await?;
        }
        if online {
            let event = store
                .events()
                .create(&NewEvent {
                    audience: crate::Audience::Cohort(cohort),
                    title: title.clone(),
                    starts_at,
                    time_zone: ZONE.into(),
                    run_sheet: RunSheet::built_in()
                        .into_iter()
                        .next()
                        .unwrap_or_else(RunSheet::fishbowl),
                    created_by: facilitator,
                })
                .await?;
            training.link_delivery_event(delivery, event).await?;
        }
        if starts_at < now_ms() - DAY_MS {
            if let Some(luan) = luan {
                store
                    .activities()
                    .mark(activity, luan, AttendanceStatus::Present, None)
                    .await?;
            }
            if let Some(elena) = elena {
                store
                    .activities()
                    .mark(activity, elena, AttendanceStatus::Late, None)
                    .await?;
            }
        }
    }
    Ok(())
}
