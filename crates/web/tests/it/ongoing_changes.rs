//! Changes to ongoing one-to-one support over HTTP, on both databases:
//! moving a session (time and room, a taken room refused with nothing
//! changed, the calendar entry's UID kept and its SEQUENCE raised, the
//! reminders following), calling one off (its place counts again, later
//! sessions move up, the limit still holds under concurrent requests), the
//! student withdrawing a request or ending a support; and who may not.

use crate::both;
use crate::helpers::*;
use crate::support_ongoing::{ahead, asked_matched_proposed, campus, person, schedule};
use hearth_store::{OngoingSession, now_ms};
use uuid::Uuid;

const REMINDER: &str = "ongoing-session-reminder";

/// A room of the campus by name.
async fn room(app: &TestApp, name: &str) -> Uuid {
    let site = campus(app).await;
    app.store
        .support()
        .rooms()
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.name == name && r.site_id.to_string() == site)
        .unwrap()
        .id
}

/// Noah's support with `sessions` agreed and confirmed.
async fn confirmed(app: &TestApp, sessions: &str) -> Uuid {
    let id = asked_matched_proposed(app, sessions).await;
    let noah = app.sign_in("noah@demo.example").await;
    let confirmed = noah.post(&format!("/ongoing/{id}/confirm"), &[]).await;
    assert_eq!(confirmed.status(), 303);
    id
}

async fn sessions(app: &TestApp, id: Uuid) -> Vec<OngoingSession> {
    app.store.ongoing().sessions(id).await.unwrap()
}

/// Moves a session; the answer's status and page.
async fn move_to(
    visitor: &Visitor,
    id: Uuid,
    session: Uuid,
    (day, starts, ends): (&str, &str, &str),
    room: &str,
) -> (u16, String) {
    let response = visitor
        .post(
            &format!("/ongoing/{id}/sessions/{session}/move"),
            &[
                ("date", day),
                ("starts", starts),
                ("ends", ends),
                ("room", room),
            ],
        )
        .await;
    let status = response.status().as_u16();
    (status, response.text().await.unwrap_or_default())
}

async fn cancel(visitor: &Visitor, id: Uuid, session: Uuid, why: &str) -> u16 {
    visitor
        .post(
            &format!("/ongoing/{id}/sessions/{session}/cancel"),
            &[("why", why)],
        )
        .await
        .status()
        .as_u16()
}

/// Local (Europe/Belgrade) start of `day` at `time`, in ms.
fn at(day: &str, time: &str) -> i64 {
    let zone = jiff::tz::TimeZone::get("Europe/Belgrade").unwrap();
    let day: jiff::civil::Date = day.parse().unwrap();
    let time: jiff::civil::Time = time.parse().unwrap();
    day.to_datetime(time)
        .to_zoned_datetime(zone)
        .unwrap()
        .timestamp()
        .as_millisecond()
}

async fn reminders(app: &TestApp, session: Uuid) -> Vec<i64> {
    app.store
        .jobs()
        .pending_matching(REMINDER, "session", &session.to_string())
        .await
        .unwrap()
        .into_iter()
        .map(|(_, run_at)| run_at)
        .collect()
}

both!(
    a_session_moves_in_time_and_room_and_calendars_follow,
    |app: TestApp| async move {
        let id = confirmed(&app, "3").await;
        let peer = app.sign_in("peer@demo.example").await;
        let (one, two) = (
            room(&app, "Quiet Room 1").await,
            room(&app, "Quiet Room 2").await,
        );
        let (day, new_day, busy_day) = (ahead(5), ahead(6), ahead(7));
        let scheduled = peer
            .post(
                &format!("/ongoing/{id}/sessions"),
                &[
                    ("date", day.as_str()),
                    ("starts", "17:00"),
                    ("ends", "18:00"),
                    ("room", &one.to_string()),
                ],
            )
            .await;
        assert_eq!(scheduled.status(), 303);
        let session = sessions(&app, id).await.remove(0);
        assert_eq!(session.room_name.as_deref(), Some("Quiet Room 1"));
        assert_eq!(session.sequence, 0);
        let (status, page) = peer.page(&format!("/ongoing/{id}")).await;
        assert_eq!(status, 200);
        assert!(page.contains(&format!("/ongoing/{id}/sessions/{}/move", session.id)));
        assert!(page.contains(&format!("/ongoing/{id}/sessions/{}/cancel", session.id)));

        // Time and room: the old room is freed, the new one booked.
        let (status, _) = move_to(
            &peer,
            id,
            session.id,
            (&new_day, "17:00", "18:00"),
            &two.to_string(),
        )
        .await;
        assert_eq!(status, 303);
        let moved = sessions(&app, id).await.remove(0);
        assert_eq!(moved.id, session.id, "the same session, the same UID");
        assert_eq!(moved.starts_at, at(&new_day, "17:00"));
        assert_eq!(moved.room_name.as_deref(), Some("Quiet Room 2"));
        assert_eq!(moved.sequence, 1);
        let support = app.store.support();
        let span = (at(&day, "17:00"), at(&day, "18:00"));
        assert!(
            support
                .bookings(one, span.0, span.1)
                .await
                .unwrap()
                .is_empty()
        );
        let new_span = (at(&new_day, "17:00"), at(&new_day, "18:00"));
        assert_eq!(
            support
                .bookings(two, new_span.0, new_span.1)
                .await
                .unwrap()
                .len(),
            1
        );
        // Half an hour later in the same room: its own old quarters do not block it.
        let (status, _) = move_to(
            &peer,
            id,
            session.id,
            (&new_day, "17:30", "18:30"),
            &two.to_string(),
        )
        .await;
        assert_eq!(status, 303);
        assert_eq!(sessions(&app, id).await[0].sequence, 2);

        // A taken room: refused with the reason; the session and its booking stay.
        support
            .book(&hearth_store::NewBooking {
                room: one,
                starts_at: at(&busy_day, "17:00"),
                ends_at: at(&busy_day, "18:00"),
                purpose: "Someone else".into(),
                booked_by: None,
            })
            .await
            .unwrap();
        let (status, page) = move_to(
            &peer,
            id,
            session.id,
            (&busy_day, "17:00", "18:00"),
            &one.to_string(),
        )
        .await;
        assert_eq!(status, 409);
        assert!(page.contains("id=\"change-refused\""), "{page}");
        let kept = sessions(&app, id).await.remove(0);
        assert_eq!(kept.starts_at, at(&new_day, "17:30"));
        assert_eq!(kept.room_name.as_deref(), Some("Quiet Room 2"));
        assert_eq!(kept.sequence, 2);
        let kept_span = (at(&new_day, "17:30"), at(&new_day, "18:30"));
        assert_eq!(
            support
                .bookings(two, kept_span.0, kept_span.1)
                .await
                .unwrap()
                .len(),
            1
        );

        // Bad dates: a clear message and nothing changed.
        for (day, starts, ends) in [
            ("2026-13-45", "17:00", "18:00"),
            (ahead(-3).as_str(), "17:00", "18:00"),
            (new_day.as_str(), "18:00", "17:00"),
        ] {
            let (status, page) = move_to(&peer, id, session.id, (day, starts, ends), "").await;
            assert_eq!(status, 422, "{day} {starts}");
            assert!(page.contains("id=\"change-refused\""));
        }
        let (_, page) = move_to(&peer, id, session.id, (&ahead(-3), "17:00", "18:00"), "").await;
        assert!(page.contains("Please choose a time that is still to come."));
        assert_eq!(sessions(&app, id).await[0].sequence, 2);

        // The student hears of the new time in the app and by email, with a
        // calendar file for the same UID and the higher SEQUENCE.
        let noah = person(&app, "noah@demo.example").await;
        let notes = app.store.notifications().list(noah, 10).await.unwrap();
        let title = format!("Session 1 of 3 moved to {new_day} 17:30");
        assert!(notes.iter().any(|n| n.title == title), "{notes:?}");
        let mails = app.outbox().await;
        let mail = mails
            .iter()
            .rev()
            .find(|m| m.contains("To: noah@demo.example") && m.contains(&title))
            .expect("the student's email");
        assert!(
            mail.contains(&format!("UID:{}@hearth", session.id)),
            "{mail}"
        );
        assert!(mail.contains("SEQUENCE:2"));
        // The reminders moved with it: one each, the day before the new time.
        let due = at(&new_day, "17:30") - 24 * 3_600_000;
        assert_eq!(reminders(&app, session.id).await, vec![due, due]);

        // The student, a stranger and another support's peer may not move it.
        for email in [
            "noah@demo.example",
            "participant@demo.example",
            "theo@demo.example",
            "coordinator@demo.example",
        ] {
            let someone = app.sign_in(email).await;
            let (status, _) =
                move_to(&someone, id, session.id, (&busy_day, "19:00", "20:00"), "").await;
            assert_eq!(status, 403, "{email}");
        }
        // The site's supervisor may.
        let supervisor = app.sign_in("supervisor@demo.example").await;
        let (status, _) = move_to(
            &supervisor,
            id,
            session.id,
            (&busy_day, "19:00", "20:00"),
            "",
        )
        .await;
        assert_eq!(status, 303);
        assert_eq!(
            sessions(&app, id).await[0].starts_at,
            at(&busy_day, "19:00")
        );

        // A held session can never be moved or called off.
        assert_eq!(schedule(&peer, id, &ahead(-1), "17:00", "18:00").await, 303);
        let held = sessions(&app, id)
            .await
            .into_iter()
            .find(|x| x.starts_at < now_ms())
            .unwrap();
        let (status, page) = move_to(&peer, id, held.id, (&busy_day, "09:00", "10:00"), "").await;
        assert_eq!(status, 409);
        assert!(page.contains("This session has already started"));
        assert_eq!(cancel(&peer, id, held.id, "").await, 409);
        let after = sessions(&app, id).await;
        assert_eq!(after.len(), 2);
        assert!(
            after
                .iter()
                .any(|x| x.id == held.id && x.starts_at == held.starts_at)
        );
    }
);

both!(
    a_called_off_session_frees_its_place_and_vanishes,
    |app: TestApp| async move {
        let id = confirmed(&app, "2").await;
        let peer = app.sign_in("peer@demo.example").await;
        let one = room(&app, "Quiet Room 1").await;
        let (first_day, second_day) = (ahead(5), ahead(12));
        let scheduled = peer
            .post(
                &format!("/ongoing/{id}/sessions"),
                &[
                    ("date", first_day.as_str()),
                    ("starts", "17:00"),
                    ("ends", "18:00"),
                    ("room", &one.to_string()),
                ],
            )
            .await;
        assert_eq!(scheduled.status(), 303);
        assert_eq!(
            schedule(&peer, id, &second_day, "17:00", "18:00").await,
            303
        );
        assert_eq!(schedule(&peer, id, &ahead(19), "17:00", "18:00").await, 409);
        let first = sessions(&app, id).await.remove(0);
        assert_eq!(reminders(&app, first.id).await.len(), 2);

        // Nobody outside the support, nor a coordinator, calls it off.
        for email in [
            "participant@demo.example",
            "theo@demo.example",
            "coordinator@demo.example",
            "admin@demo.example",
        ] {
            let someone = app.sign_in(email).await;
            assert_eq!(cancel(&someone, id, first.id, "").await, 403, "{email}");
        }
        // A reason too long is refused and nothing changes.
        let noah = app.sign_in("noah@demo.example").await;
        assert_eq!(cancel(&noah, id, first.id, &"x".repeat(301)).await, 422);
        assert_eq!(sessions(&app, id).await.len(), 2);

        // The student calls off the first session with a reason.
        assert_eq!(
            cancel(&noah, id, first.id, "I have an exam that morning.").await,
            303
        );
        let left = sessions(&app, id).await;
        assert_eq!(left.len(), 1);
        assert_eq!(left[0].number, 1, "the later session moves up");
        assert_eq!(left[0].starts_at, at(&second_day, "17:00"));
        let support = app.store.ongoing().get(id).await.unwrap();
        assert_eq!(support.scheduled, 1);
        assert_eq!(support.next.map(|(n, _)| n), Some(1));
        // Its room is free again and its reminders are gone.
        let span = (at(&first_day, "17:00"), at(&first_day, "18:00"));
        assert!(
            app.store
                .support()
                .bookings(one, span.0, span.1)
                .await
                .unwrap()
                .is_empty()
        );
        assert!(reminders(&app, first.id).await.is_empty());

        // The peer reads why, in the app and by email with a CANCEL for the same UID.
        let pat = person(&app, "peer@demo.example").await;
        let notes = app.store.notifications().list(pat, 10).await.unwrap();
        let note = notes
            .iter()
            .find(|n| n.title == format!("Session 1 of 2 on {first_day} 17:00 is called off"))
            .expect("the peer is told");
        assert!(note.body.contains("I have an exam that morning."));
        let mails = app.outbox().await;
        let mail = mails
            .iter()
            .find(|m| m.contains("To: peer@demo.example") && m.contains("is called off"))
            .expect("the peer's email");
        assert!(mail.contains("METHOD:CANCEL"), "{mail}");
        assert!(mail.contains(&format!("UID:{}@hearth", first.id)));
        assert!(mail.contains("STATUS:CANCELLED"));

        // The place counts again: a session can be scheduled, up to the agreement.
        assert_eq!(schedule(&peer, id, &ahead(19), "17:00", "18:00").await, 303);
        assert_eq!(schedule(&peer, id, &ahead(26), "17:00", "18:00").await, 409);
        let numbers: Vec<i32> = sessions(&app, id).await.iter().map(|x| x.number).collect();
        assert_eq!(numbers, vec![1, 2]);

        // The support's page lists it as called off, with the reason; the
        // home pages and the coordinators' list count only what is on.
        let (_, page) = peer.page(&format!("/ongoing/{id}")).await;
        assert!(page.contains("Called off") && page.contains("I have an exam that morning."));
        let cancelled_when = format!("{first_day} 17:00");
        for visitor in [&noah, &peer] {
            let (_, home) = visitor.page("/").await;
            assert!(home.contains("Session 1 of 2"), "{home}");
            // (The notification of the change may name the old time; the support's line does not.)
            assert!(!home.contains(&format!("Next: session 1 on {cancelled_when}")));
            assert!(
                home.contains(&format!("Next: session 1 on {second_day} 17:00")),
                "{home}"
            );
        }
        let coordinator = app.sign_in("coordinator@demo.example").await;
        let (_, list) = coordinator.page("/one-to-one/ongoing").await;
        assert!(!list.contains(&cancelled_when));
        let (status, csv) = coordinator.page("/reports/ongoing.csv").await;
        assert_eq!(status, 200);
        assert!(!csv.contains("exam"));
    }
);

both!(
    calling_off_and_scheduling_at_once_keep_the_numbers_and_the_limit,
    |app: TestApp| async move {
        let id = confirmed(&app, "3").await;
        let peer = app.sign_in("peer@demo.example").await;
        for offset in [4, 5, 6] {
            assert_eq!(
                schedule(&peer, id, &ahead(offset), "17:00", "18:00").await,
                303
            );
        }
        let first = sessions(&app, id).await.remove(0).id;
        let mut tasks = Vec::new();
        {
            let peer = peer.clone();
            tasks.push(tokio::spawn(
                async move { cancel(&peer, id, first, "").await },
            ));
        }
        for offset in 0..4 {
            let peer = peer.clone();
            tasks.push(tokio::spawn(async move {
                schedule(&peer, id, &ahead(8 + offset), "17:00", "18:00").await
            }));
        }
        let mut statuses = Vec::new();
        for task in tasks {
            statuses.push(task.await.unwrap());
        }
        assert_eq!(statuses[0], 303, "{statuses:?}");
        // However they interleave: at most the one freed place is taken
        // again, and the numbers run 1..n with no gap or repeat.
        let taken = statuses[1..].iter().filter(|s| **s == 303).count() as i32;
        assert!(taken <= 1, "{statuses:?}");
        let numbers: Vec<i32> = sessions(&app, id).await.iter().map(|x| x.number).collect();
        assert_eq!(numbers, (1..=2 + taken).collect::<Vec<_>>(), "{statuses:?}");
    }
);

both!(
    a_student_withdraws_a_request_or_ends_a_support_kindly,
    |app: TestApp| async move {
        // A request not yet confirmed: withdrawn from "My support".
        let id = asked_matched_proposed(&app, "4").await;
        let noah = app.sign_in("noah@demo.example").await;
        let (_, mine) = noah.page("/my-support").await;
        assert!(mine.contains(&format!("/ongoing/{id}/withdraw")));
        for email in [
            "peer@demo.example",
            "participant@demo.example",
            "supervisor@demo.example",
        ] {
            let someone = app.sign_in(email).await;
            let refused = someone.post(&format!("/ongoing/{id}/withdraw"), &[]).await;
            assert_eq!(refused.status(), 403, "{email}");
        }
        let withdrawn = noah.post(&format!("/ongoing/{id}/withdraw"), &[]).await;
        assert_eq!(withdrawn.status(), 303);
        assert_eq!(
            location(&withdrawn),
            "/my-support?done=flash-ongoing-withdrawn"
        );
        let s = app.store.ongoing().get(id).await.unwrap();
        assert!(s.closed_at.is_some());
        assert_eq!(s.closed_reason.as_deref(), Some("withdrawn"));
        let (_, mine) = noah.page("/my-support?done=flash-ongoing-withdrawn").await;
        assert!(mine.contains("Your request is withdrawn."));
        let pat = person(&app, "peer@demo.example").await;
        let notes = app.store.notifications().list(pat, 10).await.unwrap();
        assert!(notes.iter().any(|n| n.title == "A request was withdrawn"));
        // Nothing more happens in it.
        let confirm = noah.post(&format!("/ongoing/{id}/confirm"), &[]).await;
        assert_eq!(
            location(&confirm),
            format!("/ongoing/{id}?done=flash-ongoing-not-now")
        );

        // A running support: Maya ends hers with a word for Pat; the
        // session still to come is called off and its room freed.
        let maya = person(&app, "maya@demo.example").await;
        let support = app.store.ongoing().of_student(maya).await.unwrap()[0].id;
        let coming = sessions(&app, support)
            .await
            .into_iter()
            .find(|x| x.starts_at > now_ms())
            .unwrap();
        let student = app.sign_in("maya@demo.example").await;
        let (_, page) = student.page(&format!("/ongoing/{support}")).await;
        assert!(page.contains("End this support"));
        let too_long = "x".repeat(501);
        let refused = student
            .post(
                &format!("/ongoing/{support}/withdraw"),
                &[("note", too_long.as_str())],
            )
            .await;
        assert_eq!(refused.status(), 422);
        assert!(
            app.store
                .ongoing()
                .get(support)
                .await
                .unwrap()
                .closed_at
                .is_none()
        );
        let ended = student
            .post(
                &format!("/ongoing/{support}/withdraw"),
                &[("note", "Exams are over and I sleep again. Thank you!")],
            )
            .await;
        assert_eq!(location(&ended), "/my-support?done=flash-ongoing-ended");
        let s = app.store.ongoing().get(support).await.unwrap();
        assert_eq!(s.closed_reason.as_deref(), Some("ended-by-student"));
        assert_eq!(s.held, 2);
        assert_eq!(s.scheduled, 2, "the session to come no longer counts");
        assert!(reminders(&app, coming.id).await.is_empty());
        let notes = app.store.notifications().list(pat, 10).await.unwrap();
        let note = notes
            .iter()
            .find(|n| n.title == "A student ended their support")
            .unwrap();
        assert!(note.body.contains("Exams are over"));
        let peer = app.sign_in("peer@demo.example").await;
        let (_, page) = peer.page(&format!("/ongoing/{support}")).await;
        assert!(page.contains("Maya") && page.contains("ended this support"));
        assert!(page.contains("Exams are over and I sleep again."));
        let (_, home) = student.page("/").await;
        assert!(!home.contains(&format!("/ongoing/{support}")));
        // Her own export says so, with the session called off.
        let export = app.store.privacy().export(maya).await.unwrap();
        let mine = &export["ongoing_support"]["as_student"][0];
        assert_eq!(mine["ended_by_student"], "ended-by-student", "{mine}");
        assert_eq!(mine["sessions_called_off"][0]["number"], 3, "{mine}");
        // Once ended, nothing is moved or called off in it.
        let (status, _) = move_to(
            &peer,
            support,
            sessions(&app, support).await[0].id,
            (&ahead(9), "17:00", "18:00"),
            "",
        )
        .await;
        assert_eq!(status, 409);
    }
);

/// On a phone: Pat opens the "Move" and "Call off" forms under Maya's next
/// session (checked with axe-core, nothing wider than 360 px), moves it an
/// hour later and reads the flash.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_is_moved_in_a_browser_at_phone_width() {
    use crate::browser::{
        body_text, click, screenshots, sign_in_with_form, submit_and_wait, wait_for_path,
        with_browser,
    };
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    let app = &app;
    let maya = person(app, "maya@demo.example").await;
    let support = app.store.ongoing().of_student(maya).await.unwrap()[0].id;
    let coming = sessions(app, support)
        .await
        .into_iter()
        .find(|x| x.starts_at > now_ms())
        .unwrap();
    let page = format!("/ongoing/{support}");
    let ran = with_browser("ongoing-changes", |client| async move {
        sign_in_with_form(&client, app, "peer@demo.example").await;
        client.goto(&app.url(&page)).await.unwrap();
        let line = format!("#session-{}", coming.id);
        click(&client, &format!("{line} details:nth-of-type(1) summary")).await;
        click(&client, &format!("{line} details:nth-of-type(2) summary")).await;
        screenshots(&client, "ongoing-session-changes").await;
        // Time fields type differently per browser locale: set the value.
        client
            .execute(
                "document.getElementById(arguments[0]).value = '16:00';\
                 document.getElementById(arguments[1]).value = '17:00';",
                vec![
                    serde_json::json!(format!("move-{}-starts", coming.id)),
                    serde_json::json!(format!("move-{}-ends", coming.id)),
                ],
            )
            .await
            .unwrap();
        submit_and_wait(&client, "Move the session").await;
        wait_for_path(&client, &page).await;
        assert!(body_text(&client).await.contains("The session is moved."));
    })
    .await
    .is_some();
    if !ran {
        return; // no browser here: skipped with a note
    }
    let moved = sessions(app, support)
        .await
        .into_iter()
        .find(|x| x.id == coming.id)
        .unwrap();
    assert_eq!(moved.sequence, 1);
    assert_eq!(moved.starts_at, coming.starts_at + 3_600_000);
    assert_eq!(moved.room_name.as_deref(), Some("Quiet Room 1"));
}

both!(
    closing_a_support_calls_off_its_sessions_to_come,
    |app: TestApp| async move {
        let id = confirmed(&app, "2").await;
        let peer = app.sign_in("peer@demo.example").await;
        let one = room(&app, "Quiet Room 1").await;
        let day = ahead(5);
        let scheduled = peer
            .post(
                &format!("/ongoing/{id}/sessions"),
                &[
                    ("date", day.as_str()),
                    ("starts", "17:00"),
                    ("ends", "18:00"),
                    ("room", &one.to_string()),
                ],
            )
            .await;
        assert_eq!(scheduled.status(), 303);
        let session = sessions(&app, id).await.remove(0).id;
        let closed = peer
            .post(
                &format!("/ongoing/{id}/close"),
                &[("summary", "We found what helps; the door stays open.")],
            )
            .await;
        assert_eq!(closed.status(), 303);
        assert!(sessions(&app, id).await.is_empty());
        let span = (at(&day, "17:00"), at(&day, "18:00"));
        assert!(
            app.store
                .support()
                .bookings(one, span.0, span.1)
                .await
                .unwrap()
                .is_empty()
        );
        assert!(reminders(&app, session).await.is_empty());
        let mails = app.outbox().await;
        assert!(mails.iter().any(|m| m.contains("To: noah@demo.example")
            && m.contains("METHOD:CANCEL")
            && m.contains(&format!("UID:{session}@hearth"))));
    }
);
