//! Training, more: attendance of an online session taken from who came into
//! its live room (prefilled, counted once the facilitator saves), the CHIME
//! reflection asked at the start and after each module, and a peer worker's
//! term of service changed after the role was given.

use crate::both;
use crate::helpers::*;
use crate::role_training::{SPRING_COHORT, deliver, person, pipeline_row};
use crate::training::training_cohort;
use futures_util::StreamExt;
use hearth_domain::roles::{PeerWorkerKind, Role};
use hearth_domain::{EventId, UserId};
use std::time::{Duration, Instant};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

/// Comes into an event's live room the way a browser does: accepts the
/// ground rules, opens the socket and waits for the room's greeting.
async fn come_into_the_live_room(app: &TestApp, email: &str, event: EventId) {
    let visitor = app.sign_in(email).await;
    let accepted = visitor.post(&format!("/events/{event}/accept"), &[]).await;
    assert_eq!(accepted.status(), 303);
    let url = format!(
        "{}/events/{event}/live/socket?after=0",
        visitor.base().replace("http://", "ws://")
    );
    let mut request = url.into_client_request().unwrap();
    request
        .headers_mut()
        .insert("cookie", visitor.cookie_header().parse().unwrap());
    let (mut socket, _) = tokio_tungstenite::connect_async(request).await.unwrap();
    let greeted = tokio::time::timeout(Duration::from_secs(10), socket.next())
        .await
        .expect("the room answers");
    assert!(greeted.is_some_and(|frame| frame.is_ok()));
}

/// Waits until the live room has written down that `user` came.
async fn until_arrived(app: &TestApp, event: EventId, user: UserId) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !app
        .store
        .training()
        .live_room_arrivals(event)
        .await
        .unwrap()
        .contains(&user)
    {
        assert!(Instant::now() < deadline, "the arrival was not recorded");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

both!(
    online_attendance_is_prefilled_from_the_live_room_and_counts_once_saved,
    |app: TestApp| async move {
        let (cohort, _) = training_cohort(&app).await;
        // The demo's module 1 has "What recovery means" coming up online.
        let (delivery, event) = app.store.training().delivery_events(cohort).await.unwrap()[0];
        let found = app
            .store
            .training()
            .delivery(cohort, delivery)
            .await
            .unwrap();
        let luan = person(&app, "luan@demo.example").await;
        let elena = person(&app, "elena@demo.example").await;
        let page = format!("/cohorts/{cohort}/training/deliveries/{delivery}");
        let facilitator = app.sign_in("facilitator@demo.example").await;
        let (status, before) = facilitator.page(&page).await;
        assert_eq!(status, 200);
        assert!(!before.contains("Filled in from who came into the live room"));

        come_into_the_live_room(&app, "luan@demo.example", event).await;
        until_arrived(&app, event, luan).await;

        let (_, prefilled) = facilitator.page(&page).await;
        assert!(prefilled.contains("Filled in from who came into the live room"));
        assert!(prefilled.contains(&format!("name=\"status-{luan}\" value=\"present\" checked")));
        assert!(prefilled.contains("Was in the live room"));
        assert!(
            !prefilled.contains(&format!(
                "name=\"status-{elena}\" value=\"present\" checked"
            )),
            "Elena did not come"
        );
        // Nothing counts before the facilitator saves.
        assert!(
            app.store
                .training()
                .attendance(found.activity_id)
                .await
                .unwrap()
                .is_empty()
        );
        assert!(
            !app.store
                .training()
                .attended(cohort)
                .await
                .unwrap()
                .contains(&(luan, found.session_id))
        );
        // A trainee cannot open or save the attendance.
        let luan_visitor = app.sign_in("luan@demo.example").await;
        assert_eq!(luan_visitor.get(&page).await.status(), 403);
        let luan_key = format!("status-{luan}");
        let refused = luan_visitor
            .post(&page, &[(luan_key.as_str(), "present")])
            .await;
        assert_eq!(refused.status(), 403);

        let elena_key = format!("status-{elena}");
        let reason_key = format!("reason-{elena}");
        let saved = facilitator
            .post(
                &page,
                &[
                    (luan_key.as_str(), "present"),
                    (elena_key.as_str(), "absent"),
                    (reason_key.as_str(), "no connection"),
                ],
            )
            .await;
        assert_eq!(saved.status(), 303);
        assert!(
            app.store
                .training()
                .attended(cohort)
                .await
                .unwrap()
                .contains(&(luan, found.session_id))
        );
        let (_, after) = facilitator.page(&page).await;
        assert!(
            !after.contains("Filled in from who came into the live room"),
            "saved: nothing waits any more"
        );
        assert!(after.contains(&format!("name=\"status-{elena}\" value=\"absent\" checked")));
    }
);

both!(
    chime_is_asked_at_the_start_and_after_each_module,
    |app: TestApp| async move {
        let (cohort, curriculum) = training_cohort(&app).await;
        let home = format!("/cohorts/{cohort}/training");
        let start = "this is your starting point";
        // Ardit has not reflected yet; Tomi has (the demo).
        let ardit = app.sign_in("ardit@demo.example").await;
        let (_, page) = ardit.page(&home).await;
        assert!(
            page.contains("Para se të fillojnë modulet"),
            "Ardit reads Albanian"
        );
        let tomi = app.sign_in("trainee@demo.example").await;
        let (_, page) = tomi.page(&home).await;
        assert!(!page.contains(start) && !page.contains("You have finished"));

        // Luan completes module 1: every session attended, then signed off.
        let module = curriculum.modules[1].clone();
        let luan = person(&app, "luan@demo.example").await;
        for session in &module.sessions {
            deliver(&app, cohort, session.id, &[luan]).await;
        }
        let luan_visitor = app.sign_in("luan@demo.example").await;
        luan_visitor.post("/language", &[("language", "en")]).await;
        let (_, page) = luan_visitor.page(&home).await;
        assert!(!page.contains("You have finished"), "not signed off yet");
        let facilitator = app.sign_in("facilitator@demo.example").await;
        let (luan_text, module_text) = (luan.to_string(), module.id.to_string());
        let signed = facilitator
            .post(
                &format!("/cohorts/{cohort}/training/progress/sign-off"),
                &[
                    ("trainee", luan_text.as_str()),
                    ("module", module_text.as_str()),
                ],
            )
            .await;
        assert_eq!(signed.status(), 303);
        let (_, page) = luan_visitor.page(&home).await;
        assert!(
            page.contains(&format!(
                "You have finished {}. How are you on the five themes now?",
                module.title
            )),
            "{page}"
        );
        let reflected = luan_visitor
            .post(
                &format!("/cohorts/{cohort}/training/chime"),
                &[
                    ("connectedness", "4"),
                    ("hope", "5"),
                    ("identity", "4"),
                    ("meaning", "4"),
                    ("empowerment", "4"),
                    ("note", "CHIME-AFTER-MODULE-NOTE"),
                ],
            )
            .await;
        assert_eq!(reflected.status(), 303);
        let (_, page) = luan_visitor.page(&home).await;
        assert!(!page.contains("You have finished"), "answered");
        // The facilitator who asked never reads the note.
        let (_, trainee_page) = facilitator
            .page(&format!("/cohorts/{cohort}/training/trainees/{luan}"))
            .await;
        let (_, overview) = facilitator.page(&home).await;
        assert!(!trainee_page.contains("CHIME-AFTER-MODULE-NOTE"));
        assert!(!overview.contains("CHIME-AFTER-MODULE-NOTE"));
    }
);

both!(
    a_peer_workers_term_of_service_can_be_changed,
    |app: TestApp| async move {
        let spring = app.cohort_named(SPRING_COHORT).await;
        let kofi = person(&app, "kofi@demo.example").await;
        let grants = app.store.people().grants(kofi).await.unwrap();
        let coach = grants
            .iter()
            .find(|g| g.grant.role == Role::PeerWorker(PeerWorkerKind::PeerAcademicCoach))
            .unwrap()
            .id;
        let not_a_peer_role = grants
            .iter()
            .find(|g| g.grant.role == Role::Participant)
            .unwrap()
            .id;
        let form = format!("/people/{kofi}/terms/{coach}");
        let coordinator = app.sign_in("coordinator@demo.example").await;
        let (_, person_page) = coordinator.page(&format!("/people/{kofi}")).await;
        assert!(person_page.contains(&format!("href=\"{form}\"")));
        let (status, page) = coordinator.page(&form).await;
        assert_eq!(status, 200);
        let before = app.store.training().terms_of(kofi).await.unwrap();
        let (_, term) = before.iter().find(|(g, _)| *g == coach).unwrap();
        assert!(page.contains(&term.ends_on.to_string()));

        // Bad dates change nothing and say why, field by field.
        let refused = coordinator
            .post(
                &form,
                &[("starts_on", "2026-09-01"), ("ends_on", "2031-09-01")],
            )
            .await;
        assert_eq!(refused.status(), 422);
        let body = refused.text().await.unwrap();
        assert!(body.contains("id=\"f-ends_on-error\""));
        let refused = coordinator
            .post(&form, &[("starts_on", "soon"), ("ends_on", "")])
            .await;
        assert_eq!(refused.status(), 422);
        assert_eq!(app.store.training().terms_of(kofi).await.unwrap(), before);

        // Kofi will leave within six months: the pipeline says so.
        let (_, pipeline) = coordinator.page("/training/pipeline").await;
        let row = pipeline_row(&pipeline, &spring.site_name, "Peer academic coach");
        assert!(
            !pipeline.contains(&format!("href=\"{form}\"")),
            "two years to go: nothing to follow up"
        );
        let today = jiff::Timestamp::now()
            .to_zoned_datetime(jiff::tz::TimeZone::UTC)
            .date();
        let soon = today
            .checked_add(jiff::Span::new().months(2))
            .unwrap()
            .to_string();
        let started = today
            .checked_sub(jiff::Span::new().years(1))
            .unwrap()
            .to_string();
        let saved = coordinator
            .post(
                &form,
                &[("starts_on", started.as_str()), ("ends_on", soon.as_str())],
            )
            .await;
        assert_eq!(saved.status(), 303);
        assert_eq!(
            location(&saved),
            format!("/people/{kofi}?done=flash-term-saved")
        );
        let after = app.store.training().terms_of(kofi).await.unwrap();
        let (_, term) = after.iter().find(|(g, _)| *g == coach).unwrap();
        assert_eq!(term.ends_on.to_string(), soon);
        let (_, pipeline) = coordinator.page("/training/pipeline").await;
        let changed = pipeline_row(&pipeline, &spring.site_name, "Peer academic coach");
        assert_eq!(changed[1], row[1] + 1, "one more leaving within six months");
        assert!(
            pipeline.contains(&format!("expected to leave on {soon}"))
                && pipeline.contains(&format!("href=\"{form}\"")),
            "named among those to follow up, with the form for the term"
        );

        // Only someone who may give the role there changes its term.
        for email in [
            "peer@demo.example",
            "trainee@demo.example",
            "facilitator@demo.example",
            "municipality@demo.example",
        ] {
            let visitor = app.sign_in(email).await;
            assert_eq!(visitor.get(&form).await.status(), 403, "{email}");
            let refused = visitor
                .post(
                    &form,
                    &[
                        ("starts_on", started.as_str()),
                        ("ends_on", started.as_str()),
                    ],
                )
                .await;
            assert_eq!(refused.status(), 403, "{email}");
        }
        assert_eq!(app.store.training().terms_of(kofi).await.unwrap(), after);
        assert_eq!(
            coordinator
                .get(&format!("/people/{kofi}/terms/{not_a_peer_role}"))
                .await
                .status(),
            404,
            "only a peer worker's role has a term"
        );
    }
);
