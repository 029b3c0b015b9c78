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

        let rooms_counted = || async {
            let filter = hearth_store::ReportFilter {
                kind: Some("dialogue-event".into()),
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
        let rooms_before = rooms_counted().await;
        come_into_the_live_room(&app, "luan@demo.example", event).await;
        until_arrived(&app, event, luan).await;
        // The session counts as training once saved; its room is not counted
        // again as a dialogue event.
        assert_eq!(rooms_counted().await, rooms_before);

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
        // A cohort member whose readiness conversation said "not yet" is not
        // enrolled, so the session's room is closed to her.
        let mira = app.sign_in("mira@demo.example").await;
        assert_eq!(mira.get(&format!("/events/{event}")).await.status(), 403);
        let url = format!(
            "{}/events/{event}/live/socket?after=0",
            mira.base().replace("http://", "ws://")
        );
        let mut request = url.into_client_request().unwrap();
        request
            .headers_mut()
            .insert("cookie", mira.cookie_header().parse().unwrap());
        assert!(
            tokio_tungstenite::connect_async(request).await.is_err(),
            "no live room for someone not enrolled"
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

both!(
    peer_2_peer_is_built_in_in_albanian_too,
    |app: TestApp| async move {
        let facilitator = app.sign_in("facilitator@demo.example").await;
        let (_, library) = facilitator.page("/curricula").await;
        assert!(library.contains("Peer 2 Peer (shqip)"));
        assert!(library.contains("Moduli 1: Njohja me mbështetjen bashkëmoshatare"));
        let copied = facilitator
            .post("/curricula/copy", &[("source", "peer-2-peer-sq")])
            .await;
        assert_eq!(copied.status(), 303);
        let id: uuid::Uuid = location(&copied)
            .trim_start_matches("/curricula/")
            .split('?')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let copy = app.store.training().curriculum(id).await.unwrap();
        assert_eq!(
            copy.modules[2].title,
            "Moduli 2: Marrëdhënia e mbështetjes bashkëmoshatare"
        );
        assert_eq!(copy.modules[2].builds_on, Some(copy.modules[1].id));
        assert_eq!(copy.stocktake.len(), 5);
        let (status, page) = facilitator.page(&format!("/curricula/{id}")).await;
        assert_eq!(status, 200);
        assert!(page.contains("Moduli 3: Konceptet dhe praktika bashkëmoshatare"));
        // Trainees never reach the library, in any language.
        let trainee = app.sign_in("luan@demo.example").await;
        assert_eq!(trainee.get(&format!("/curricula/{id}")).await.status(), 403);
        let refused = trainee
            .post("/curricula/copy", &[("source", "peer-2-peer-sq")])
            .await;
        assert_eq!(refused.status(), 403);
        assert_eq!(
            facilitator
                .post("/curricula/copy", &[("source", "peer-2-peer-xx")])
                .await
                .status(),
            404
        );
    }
);

both!(
    a_scheduled_session_can_be_moved_and_one_scheduled_by_mistake_removed,
    |app: TestApp| async move {
        let (cohort, curriculum) = training_cohort(&app).await;
        let session = curriculum.modules[3].sessions[0].id.to_string();
        let fatima = person(&app, "facilitator@demo.example").await.to_string();
        let facilitator = app.sign_in("facilitator@demo.example").await;
        let before = app.store.training().deliveries(cohort).await.unwrap();
        let scheduled = facilitator
            .post(
                &format!("/cohorts/{cohort}/training/schedule"),
                &[
                    ("session", session.as_str()),
                    ("date", "2030-01-10"),
                    ("time", "17:00"),
                    ("place", "Room 1"),
                ],
            )
            .await;
        assert_eq!(scheduled.status(), 303);
        let delivery = crate::training::new_delivery(&app, cohort, &before).await;
        let page = format!("/cohorts/{cohort}/training/deliveries/{}", delivery.id);
        let change = format!("{page}/change");

        // Bad input re-renders with field messages and changes nothing.
        let refused = facilitator
            .post(
                &change,
                &[("date", "someday"), ("time", "17:00"), ("place", "")],
            )
            .await;
        assert_eq!(refused.status(), 422);
        assert!(
            refused
                .text()
                .await
                .unwrap()
                .contains("id=\"f-date-error\"")
        );
        let unchanged = app
            .store
            .training()
            .delivery(cohort, delivery.id)
            .await
            .unwrap();
        assert_eq!(unchanged.starts_at, delivery.starts_at);

        // Moved a week on, to another room, with a co-facilitator.
        let moved = facilitator
            .post(
                &change,
                &[
                    ("date", "2030-01-17"),
                    ("time", "18:30"),
                    ("place", "Room 4"),
                    ("facilitator", fatima.as_str()),
                ],
            )
            .await;
        assert_eq!(moved.status(), 303);
        let after = app
            .store
            .training()
            .delivery(cohort, delivery.id)
            .await
            .unwrap();
        assert_eq!(after.place.as_deref(), Some("Room 4"));
        assert_eq!(
            after.starts_at - delivery.starts_at,
            7 * 24 * 3_600_000 + 90 * 60_000
        );
        let (_, overview) = facilitator
            .page(&format!("/cohorts/{cohort}/training"))
            .await;
        let card = crate::training::card_of(&overview, &delivery.id.to_string());
        assert!(card.contains("Room 4") && card.contains("Facilitated by Fatima Facilitator"));

        // Trainees cannot change or remove it.
        let luan = app.sign_in("luan@demo.example").await;
        assert_eq!(
            luan.post(
                &change,
                &[("date", "2030-01-01"), ("time", "9:00"), ("place", "")]
            )
            .await
            .status(),
            403
        );
        assert_eq!(
            luan.post(&format!("{page}/remove"), &[]).await.status(),
            403
        );

        // Once someone is marked it stays; before that it can go.
        let elena = person(&app, "elena@demo.example").await;
        app.store
            .activities()
            .mark(
                delivery.activity_id,
                elena,
                hearth_store::AttendanceStatus::Present,
                None,
            )
            .await
            .unwrap();
        let kept = facilitator.post(&format!("{page}/remove"), &[]).await;
        assert_eq!(kept.status(), 422);
        assert!(
            kept.text()
                .await
                .unwrap()
                .contains("Attendance has been taken")
        );
        assert!(
            app.store
                .training()
                .delivery(cohort, delivery.id)
                .await
                .is_ok()
        );
        let before = app.store.training().deliveries(cohort).await.unwrap();
        let mistake = facilitator
            .post(
                &format!("/cohorts/{cohort}/training/schedule"),
                &[
                    ("session", session.as_str()),
                    ("date", "2031-01-10"),
                    ("time", "17:00"),
                    ("place", "Wrong room"),
                ],
            )
            .await;
        assert_eq!(mistake.status(), 303);
        let wrong = crate::training::new_delivery(&app, cohort, &before).await;
        let removed = facilitator
            .post(
                &format!("/cohorts/{cohort}/training/deliveries/{}/remove", wrong.id),
                &[],
            )
            .await;
        assert_eq!(removed.status(), 303);
        assert!(
            app.store
                .training()
                .delivery(cohort, wrong.id)
                .await
                .is_err()
        );
        let (_, overview) = facilitator
            .page(&format!("/cohorts/{cohort}/training"))
            .await;
        assert!(!overview.contains("Wrong room"));

        // An online session keeps its live event: it is not removed.
        let (online, _) = app.store.training().delivery_events(cohort).await.unwrap()[0];
        let kept = facilitator
            .post(
                &format!("/cohorts/{cohort}/training/deliveries/{online}/remove"),
                &[],
            )
            .await;
        assert_eq!(kept.status(), 422);
        assert!(app.store.training().delivery(cohort, online).await.is_ok());
    }
);
