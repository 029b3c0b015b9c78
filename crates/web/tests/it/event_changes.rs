//! Plans change: a facilitator moves or cancels a live event before it
//! begins; everyone invited is told, calendars update, and the room closes
//! for a cancelled event. Refusals change nothing.

use crate::both;
use crate::helpers::*;
use hearth_domain::EventId;
use hearth_domain::live::{Change, Visibility};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

const COHORT: &str = "Autumn dialogue cohort";

/// Schedules an event for the autumn cohort through the facilitator's form.
async fn schedule(app: &TestApp, host: &Visitor, title: &str, date: &str) -> EventId {
    let cohort = app.cohort_named(COHORT).await;
    let response = host
        .post(
            &format!("/cohorts/{}/events", cohort.id),
            &[
                ("title", title),
                ("date", date),
                ("time", "18:00"),
                ("sheet", "builtin:0"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303, "the event is scheduled");
    location(&response)
        .trim_start_matches("/events/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

async fn notices(app: &TestApp, email: &str) -> Vec<String> {
    app.store
        .notifications()
        .list(app.user_id(email).await, 50)
        .await
        .unwrap()
        .into_iter()
        .map(|n| format!("{} | {}", n.title, n.body))
        .collect()
}

/// The status the live room's WebSocket answers with (101 when it opens).
async fn socket_status(visitor: &Visitor, event: EventId) -> u16 {
    let url = format!(
        "{}/events/{event}/live/socket",
        visitor.base().replace("http://", "ws://")
    );
    let mut request = url.into_client_request().unwrap();
    let headers = request.headers_mut();
    headers.insert("cookie", visitor.cookie_header().parse().unwrap());
    headers.insert("origin", visitor.base().parse().unwrap());
    match tokio_tungstenite::connect_async(request).await {
        Ok(_) => 101,
        Err(tokio_tungstenite::tungstenite::Error::Http(response)) => response.status().as_u16(),
        Err(other) => panic!("websocket failed: {other}"),
    }
}

both!(
    moving_an_event_tells_everyone_invited_and_updates_calendars,
    |app: TestApp| async move {
        let host = app.sign_in("facilitator@demo.example").await;
        let event = schedule(&app, &host, "Winter fishbowl", "2031-01-10").await;
        let change = format!("/events/{event}/change");

        let (status, page) = host.page(&format!("/events/{event}")).await;
        assert_eq!(status, 200);
        assert!(
            page.contains(&change),
            "the facilitator is offered the change"
        );
        let (status, form) = host.page(&change).await;
        assert_eq!(status, 200);
        assert!(form.contains("value=\"2031-01-10\"") && form.contains("value=\"18:00\""));

        let moved = host
            .post(
                &change,
                &[
                    ("title", "Winter fishbowl, one week on"),
                    ("date", "2031-01-17"),
                    ("time", "19:30"),
                ],
            )
            .await;
        assert_eq!(moved.status(), 303);
        assert_eq!(
            location(&moved),
            format!("/events/{event}?done=flash-event-changed")
        );
        let stored = app.store.events().get(event).await.unwrap();
        assert_eq!(stored.title, "Winter fishbowl, one week on");
        assert_eq!(stored.revision, 1);
        let (_, shown) = host.page(&format!("/events/{event}")).await;
        assert!(
            shown.contains("2031-01-17 19:30"),
            "the page shows the new time"
        );

        // The participants hear of it in the app and by email; the one who
        // moved it does not.
        let told = notices(&app, "participant@demo.example").await;
        assert!(
            told.iter()
                .any(|n| n.contains("“Winter fishbowl, one week on” has moved")
                    && n.contains("2031-01-17 19:30")),
            "{told:?}"
        );
        assert!(
            !notices(&app, "facilitator@demo.example")
                .await
                .iter()
                .any(|n| n.contains("has moved"))
        );
        let mails = app.outbox().await;
        assert!(
            mails
                .iter()
                .any(|m| m.contains("To: participant@demo.example")
                    && m.contains("has moved")
                    && m.contains(&format!("/events/{event}")))
        );

        // Calendars take the new plan: same entry, a higher sequence.
        let ics = host
            .get(&format!("/events/{event}/calendar.ics"))
            .await
            .text()
            .await
            .unwrap();
        assert!(ics.contains(&format!("UID:{event}@hearth")));
        assert!(ics.contains("SEQUENCE:1"), "{ics}");

        // Retitling alone tells nobody again.
        let before = notices(&app, "participant@demo.example").await.len();
        let retitled = host
            .post(
                &change,
                &[
                    ("title", "Winter fishbowl"),
                    ("date", "2031-01-17"),
                    ("time", "19:30"),
                ],
            )
            .await;
        assert_eq!(retitled.status(), 303);
        assert_eq!(
            notices(&app, "participant@demo.example").await.len(),
            before
        );
    }
);

both!(
    bad_changes_and_people_who_may_not_change_it_change_nothing,
    |app: TestApp| async move {
        let host = app.sign_in("facilitator@demo.example").await;
        let event = schedule(&app, &host, "Spring fishbowl", "2031-03-10").await;
        let change = format!("/events/{event}/change");
        let cancel = format!("/events/{event}/cancel");
        let unchanged = |stored: hearth_store::Event| {
            assert_eq!(stored.title, "Spring fishbowl");
            assert_eq!(stored.revision, 0);
            assert!(!stored.cancelled);
        };

        for (fields, status, message) in [
            (
                [
                    ("title", "Spring fishbowl"),
                    ("date", "2020-03-10"),
                    ("time", "18:00"),
                ],
                422,
                "That time has already passed",
            ),
            (
                [("title", "  "), ("date", "2031-03-11"), ("time", "18:00")],
                422,
                "",
            ),
            (
                [
                    ("title", "Spring fishbowl"),
                    ("date", "2031-03-11"),
                    ("time", "25:99"),
                ],
                422,
                "Please give a time",
            ),
            (
                [
                    ("title", "Spring fishbowl"),
                    ("date", "tomorrow"),
                    ("time", "18:00"),
                ],
                422,
                "",
            ),
        ] {
            let refused = host.post(&change, &fields).await;
            assert_eq!(refused.status(), status, "{fields:?}");
            let body = refused.text().await.unwrap();
            assert!(body.contains(message), "{fields:?}");
            // What was typed is kept.
            assert!(body.contains(&format!("value=\"{}\"", fields[1].1)));
            unchanged(app.store.events().get(event).await.unwrap());
        }
        let long_note = "x".repeat(501);
        let refused = host.post(&cancel, &[("note", &long_note)]).await;
        assert_eq!(refused.status(), 422);
        assert!(refused.text().await.unwrap().contains(&long_note));
        unchanged(app.store.events().get(event).await.unwrap());

        // A participant and a facilitator of other groups may not, nor
        // anyone signed out.
        let participant = app.sign_in("participant@demo.example").await;
        let (_, page) = participant.page(&format!("/events/{event}")).await;
        assert!(!page.contains(&change));
        assert_eq!(participant.get(&change).await.status(), 403);
        let moved = [
            ("title", "Mine now"),
            ("date", "2031-03-12"),
            ("time", "18:00"),
        ];
        assert_eq!(participant.post(&change, &moved).await.status(), 403);
        assert_eq!(participant.post(&cancel, &[]).await.status(), 403);
        let teacher = app.sign_in("teacher@demo.example").await;
        assert_eq!(teacher.post(&change, &moved).await.status(), 403);
        assert_eq!(teacher.post(&cancel, &[]).await.status(), 403);
        let nobody = app.visitor().await;
        let signed_out = nobody.post(&cancel, &[]).await;
        assert_eq!(signed_out.status(), 303);
        assert!(location(&signed_out).starts_with("/sign-in"));
        unchanged(app.store.events().get(event).await.unwrap());
        assert!(
            notices(&app, "participant@demo.example")
                .await
                .iter()
                .all(|n| !n.contains("Spring fishbowl")),
            "nobody was told of a change that did not happen"
        );

        // Once the room has begun, its time stays as it was.
        app.store
            .events()
            .append(
                event,
                &[(
                    Change::StepStarted {
                        step: 0,
                        ends_at: hearth_store::now_ms() + 60_000,
                    },
                    Visibility::Everyone,
                )],
                hearth_store::now_ms(),
            )
            .await
            .unwrap();
        let (_, page) = host.page(&format!("/events/{event}")).await;
        assert!(!page.contains(&change), "no offer once it has begun");
        let (_, locked) = host.page(&change).await;
        assert!(locked.contains("This event has begun"));
        let late = host
            .post(
                &change,
                &[
                    ("title", "Spring fishbowl"),
                    ("date", "2031-03-12"),
                    ("time", "18:00"),
                ],
            )
            .await;
        assert_eq!(late.status(), 409);
        assert_eq!(host.post(&cancel, &[]).await.status(), 409);
        unchanged(app.store.events().get(event).await.unwrap());
    }
);

both!(
    a_cancelled_event_says_so_closes_its_room_and_leaves_the_home_pages,
    |app: TestApp| async move {
        let host = app.sign_in("facilitator@demo.example").await;
        let event = schedule(&app, &host, "Snowy fishbowl", "2031-02-01").await;
        let participant = app.sign_in("participant@demo.example").await;
        let (_, home) = participant.page("/").await;
        assert!(home.contains(&format!("<a href=\"/events/{event}\">Snowy fishbowl</a>")));
        let accepted = participant
            .post(&format!("/events/{event}/accept"), &[])
            .await;
        assert_eq!(accepted.status(), 303);
        assert_eq!(socket_status(&participant, event).await, 101);

        let cancelled = host
            .post(
                &format!("/events/{event}/cancel"),
                &[("note", "The roads are closed; we meet next week instead.")],
            )
            .await;
        assert_eq!(cancelled.status(), 303);
        assert_eq!(
            location(&cancelled),
            format!("/events/{event}?done=flash-event-cancelled")
        );
        let stored = app.store.events().get(event).await.unwrap();
        assert!(stored.cancelled);
        assert_eq!(stored.revision, 1);

        let (status, page) = participant.page(&format!("/events/{event}")).await;
        assert_eq!(status, 200);
        assert!(page.contains("This event was cancelled."));
        assert!(page.contains("The roads are closed; we meet next week instead."));
        assert!(!page.contains(&format!("/events/{event}/live\"")));
        let live = participant.get(&format!("/events/{event}/live")).await;
        assert_eq!(live.status(), 303, "the room sends people back to the page");
        assert_eq!(socket_status(&participant, event).await, 403);
        let (_, home) = participant.page("/").await;
        let listed = format!("<a href=\"/events/{event}\">Snowy fishbowl</a>");
        assert!(!home.contains(&listed), "gone from the coming events");
        let cohort = app.cohort_named(COHORT).await;
        let (_, list) = host.page(&format!("/cohorts/{}/events", cohort.id)).await;
        assert!(list.contains("Snowy fishbowl") && list.contains("cancelled"));

        let told = notices(&app, "participant@demo.example").await;
        assert!(
            told.iter()
                .any(|n| n.contains("“Snowy fishbowl” is cancelled")
                    && n.contains("The roads are closed")),
            "{told:?}"
        );
        let mails = app.outbox().await;
        assert!(
            mails
                .iter()
                .any(|m| m.contains("To: noah@demo.example") && m.contains("is cancelled"))
        );

        // Nothing more changes a cancelled event.
        assert_eq!(
            host.post(&format!("/events/{event}/cancel"), &[])
                .await
                .status(),
            409
        );
        let revived = host
            .post(
                &format!("/events/{event}/change"),
                &[
                    ("title", "Snowy fishbowl"),
                    ("date", "2031-02-08"),
                    ("time", "18:00"),
                ],
            )
            .await;
        assert_eq!(revived.status(), 409);
        assert_eq!(app.store.events().get(event).await.unwrap().revision, 1);
    }
);

both!(
    an_online_training_session_moves_its_live_event,
    |app: TestApp| async move {
        let (cohort, _) = crate::training::training_cohort(&app).await;
        let (delivery, event) = app.store.training().delivery_events(cohort).await.unwrap()[0];
        let facilitator = app.sign_in("facilitator@demo.example").await;
        // The event's own page sends the facilitator to the training page.
        let (_, elsewhere) = facilitator.page(&format!("/events/{event}/change")).await;
        assert!(elsewhere.contains(&format!("/cohorts/{cohort}/training")));
        let refused = facilitator
            .post(
                &format!("/events/{event}/change"),
                &[
                    ("title", "Moved here"),
                    ("date", "2031-04-01"),
                    ("time", "10:00"),
                ],
            )
            .await;
        assert_eq!(refused.status(), 409);

        let moved = facilitator
            .post(
                &format!("/cohorts/{cohort}/training/deliveries/{delivery}/change"),
                &[("date", "2031-04-01"), ("time", "10:00")],
            )
            .await;
        assert_eq!(moved.status(), 303);
        let found = app
            .store
            .training()
            .delivery(cohort, delivery)
            .await
            .unwrap();
        let live = app.store.events().get(event).await.unwrap();
        assert_eq!(live.starts_at, found.starts_at, "the event moved with it");
        assert_eq!(live.revision, 1);
        // The trainees are told, each in their own language.
        assert!(
            notices(&app, "elena@demo.example")
                .await
                .iter()
                .any(|n| n.contains("has moved"))
        );
        assert!(
            notices(&app, "luan@demo.example")
                .await
                .iter()
                .any(|n| n.contains("u zhvendos"))
        );

        // Into the past: refused, nothing moves.
        let past = facilitator
            .post(
                &format!("/cohorts/{cohort}/training/deliveries/{delivery}/change"),
                &[("date", "2020-04-01"), ("time", "10:00")],
            )
            .await;
        assert_eq!(past.status(), 422);
        assert_eq!(
            app.store.events().get(event).await.unwrap().starts_at,
            found.starts_at
        );
    }
);

/// Plans a meeting of "I'm here" through its facilitator's form; its path and id.
async fn plan_meeting(
    teuta: &Visitor,
    group: hearth_domain::support_groups::SupportGroupId,
    title: &str,
    date: &str,
    place: &str,
) -> (String, uuid::Uuid) {
    let online = if place.is_empty() { "on" } else { "" };
    let made = teuta
        .post(
            &format!("/support-groups/{group}/meetings/new"),
            &[
                ("title", title),
                ("date", date),
                ("time", "17:00"),
                ("place", place),
                ("online", online),
                ("agenda", "template"),
                ("repeat", "once"),
            ],
        )
        .await;
    assert_eq!(made.status(), 303, "the meeting is planned");
    let path = location(&made).split('?').next().unwrap().to_owned();
    let id = path.rsplit('/').next().unwrap().parse().unwrap();
    (path, id)
}

/// The day-before reminders waiting for a meeting: when each will go.
async fn reminders(app: &TestApp, meeting: uuid::Uuid) -> Vec<i64> {
    app.store
        .jobs()
        .pending_matching("email", "about", &format!("meeting:{meeting}"))
        .await
        .unwrap()
        .into_iter()
        .map(|(_, run_at)| run_at)
        .collect()
}

both!(
    moving_a_meeting_tells_its_members_and_its_reminders_and_room_follow,
    |app: TestApp| async move {
        let here = crate::support_groups::group_named(&app, "I'm here").await;
        let teuta = app.sign_in("teacher@demo.example").await;
        let (path, meeting) = plan_meeting(&teuta, here, "Online catch-up", "2031-03-11", "").await;
        let before = app
            .store
            .support_group_meetings()
            .get(here, meeting)
            .await
            .unwrap();
        let waiting = reminders(&app, meeting).await;
        assert!(!waiting.is_empty());
        assert!(
            waiting
                .iter()
                .all(|at| *at == before.starts_at - 24 * 3_600_000)
        );
        let opened = teuta.post(&format!("{path}/live"), &[]).await;
        assert_eq!(opened.status(), 303);
        let event = app
            .store
            .events()
            .online_meeting_event(meeting)
            .await
            .unwrap()
            .unwrap();

        // A member may not move it.
        let blerim = app.sign_in("blerim@demo.example").await;
        let (_, page) = blerim.page(&path).await;
        assert!(!page.contains(&format!("{path}/change")));
        assert_eq!(blerim.get(&format!("{path}/change")).await.status(), 403);
        let elsewhere = [("date", "2031-03-20"), ("time", "09:00"), ("place", "")];
        assert_eq!(
            blerim
                .post(&format!("{path}/change"), &elsewhere)
                .await
                .status(),
            403
        );
        assert_eq!(
            blerim.post(&format!("{path}/cancel"), &[]).await.status(),
            403
        );
        // Nor into the past.
        let past = teuta
            .post(
                &format!("{path}/change"),
                &[("date", "2020-03-18"), ("time", "18:00"), ("place", "")],
            )
            .await;
        assert_eq!(past.status(), 422);

        let (_, page) = teuta.page(&path).await;
        assert!(page.contains(&format!("{path}/change")));
        let moved = teuta
            .post(
                &format!("{path}/change"),
                &[("date", "2031-03-18"), ("time", "18:00"), ("place", "")],
            )
            .await;
        assert_eq!(moved.status(), 303);
        assert!(location(&moved).ends_with("done=flash-sg-meeting-changed"));
        let after = app
            .store
            .support_group_meetings()
            .get(here, meeting)
            .await
            .unwrap();
        assert_eq!(after.revision, 1);
        assert_eq!(
            after.starts_at - before.starts_at,
            7 * 24 * 3_600_000 + 3_600_000,
            "a week and an hour later"
        );
        let room = app.store.events().get(event).await.unwrap();
        assert_eq!(
            room.starts_at, after.starts_at,
            "the live room moved with it"
        );
        // The reminders follow: as many as before, the day before the new time.
        let waiting_now = reminders(&app, meeting).await;
        assert_eq!(waiting_now.len(), waiting.len());
        assert!(
            waiting_now
                .iter()
                .all(|at| *at == after.starts_at - 24 * 3_600_000)
        );
        let ics = teuta
            .get(&format!("{path}/meeting.ics"))
            .await
            .text()
            .await
            .unwrap();
        assert!(ics.contains("SEQUENCE:1"), "{ics}");
        assert!(
            notices(&app, "blerim@demo.example")
                .await
                .iter()
                .any(|n| n.contains("“Online catch-up” u zhvendos")),
            "Blerim is told, in Albanian"
        );
    }
);

both!(
    a_cancelled_meeting_leaves_the_reports_and_sends_no_reminder,
    |app: TestApp| async move {
        let here = crate::support_groups::group_named(&app, "I'm here").await;
        let teuta = app.sign_in("teacher@demo.example").await;
        let meetings_counted = || async {
            let filter = hearth_store::ReportFilter {
                kind: Some("group-meeting".into()),
                ..Default::default()
            };
            app.store
                .reports()
                .activity(&filter, &[])
                .await
                .unwrap()
                .total
                .activities
        };
        let counted = meetings_counted().await;
        let (path, meeting) =
            plan_meeting(&teuta, here, "April circle", "2031-04-08", "Room 2").await;
        assert_eq!(meetings_counted().await, counted + 1);

        let long_note = "y".repeat(501);
        let refused = teuta
            .post(&format!("{path}/cancel"), &[("note", &long_note)])
            .await;
        assert_eq!(refused.status(), 422);
        assert!(refused.text().await.unwrap().contains(&long_note));

        let cancelled = teuta
            .post(
                &format!("{path}/cancel"),
                &[("note", "Half term: see you in May.")],
            )
            .await;
        assert_eq!(cancelled.status(), 303);
        assert_eq!(meetings_counted().await, counted, "not counted as held");
        assert!(
            reminders(&app, meeting).await.is_empty(),
            "no reminder goes out"
        );
        let blerim = app.sign_in("blerim@demo.example").await;
        let (_, page) = blerim.page(&path).await;
        assert!(page.contains("Ky takim u anulua.") && page.contains("Half term"));
        assert!(
            notices(&app, "blerim@demo.example")
                .await
                .iter()
                .any(|n| n.contains("“April circle” u anulua") && n.contains("Half term")),
        );
        assert_eq!(
            teuta.post(&format!("{path}/cancel"), &[]).await.status(),
            409
        );
        let (_, locked) = teuta.page(&format!("{path}/change")).await;
        assert!(locked.contains("Ky takim u anulua"), "Teuta reads Albanian");

        // A meeting with attendance taken stays as it was.
        let (path, meeting) =
            plan_meeting(&teuta, here, "May circle", "2031-05-06", "Room 2").await;
        let activity = app
            .store
            .support_group_meetings()
            .get(here, meeting)
            .await
            .unwrap()
            .activity_id
            .unwrap();
        app.store
            .activities()
            .mark(
                activity,
                app.user_id("blerim@demo.example").await,
                hearth_store::AttendanceStatus::Present,
                None,
            )
            .await
            .unwrap();
        let late = teuta
            .post(
                &format!("{path}/change"),
                &[
                    ("date", "2031-05-13"),
                    ("time", "17:00"),
                    ("place", "Room 2"),
                ],
            )
            .await;
        assert_eq!(late.status(), 409);
        assert!(
            late.text().await.unwrap().contains("është mbajtur prania"),
            "Teuta reads Albanian"
        );
        assert_eq!(
            teuta.post(&format!("{path}/cancel"), &[]).await.status(),
            409
        );
        let kept = app
            .store
            .support_group_meetings()
            .get(here, meeting)
            .await
            .unwrap();
        assert!(!kept.cancelled && kept.revision == 0);
    }
);
