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
