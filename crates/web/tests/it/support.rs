//! One-to-one support: rooms never double booked (under concurrent requests),
//! the rota, the walk-in queue, session logs and their privacy rules: who may
//! read a log, that every read is audited, that a peer cannot see another
//! peer's caseload, that a walk-in gives only a name.

use crate::both;
use crate::helpers::*;
use hearth_domain::input::{Email, Name};
use hearth_domain::roles::{PeerWorkerKind, Role, RoleGrant, Scope};
use hearth_domain::{SiteId, UserId};
use uuid::Uuid;

pub(crate) async fn person(app: &TestApp, email: &str) -> UserId {
    app.store
        .people()
        .find_by_email(&Email::parse(email).unwrap())
        .await
        .unwrap()
        .unwrap()
        .id
}

pub(crate) async fn campus(app: &TestApp) -> SiteId {
    app.store
        .org()
        .sites(false)
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.name == "Riverside Campus")
        .unwrap()
        .id
}

async fn room_named(app: &TestApp, name: &str) -> Uuid {
    app.store
        .support()
        .rooms()
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.name == name)
        .unwrap()
        .id
}

pub(crate) async fn centre(app: &TestApp) -> hearth_store::Location {
    app.store.support().locations().await.unwrap().remove(0)
}

/// A second peer worker at the campus, signed in.
pub(crate) async fn second_peer(app: &TestApp) -> (UserId, Visitor) {
    let hash = hearth_store::password::hash(DEMO_PASSWORD).await.unwrap();
    let id = app
        .store
        .people()
        .create(
            &Email::parse("kai@demo.example").unwrap(),
            &Name::parse("Kai Peer").unwrap(),
            Some(&hash),
            Some("en"),
        )
        .await
        .unwrap();
    app.store
        .people()
        .add_grant(
            id,
            RoleGrant {
                role: Role::PeerWorker(PeerWorkerKind::PeerSupportWorker),
                scope: Scope::Site(campus(app).await),
            },
        )
        .await
        .unwrap();
    (id, app.sign_in("kai@demo.example").await)
}

/// A date a few days ahead (the organisation's zone does not matter for a
/// day this far away).
fn ahead(days: i64) -> String {
    let zone = jiff::tz::TimeZone::get("Europe/Belgrade").unwrap();
    jiff::Timestamp::now()
        .to_zoned_datetime(zone)
        .date()
        .checked_add(jiff::Span::new().days(days))
        .unwrap()
        .to_string()
}

both!(rooms_are_never_double_booked, |app: TestApp| async move {
    let room = room_named(&app, "Quiet Room 2").await;
    let day = ahead(9);
    let peer = app.sign_in("peer@demo.example").await;
    let path = format!("/one-to-one/rooms/{room}/bookings");

    // Eight people try to book the same hour at once: one wins.
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let visitor = peer.clone();
        let path = path.clone();
        let day = day.clone();
        tasks.push(tokio::spawn(async move {
            visitor
                .post(
                    &path,
                    &[
                        ("date", day.as_str()),
                        ("starts", "12:00"),
                        ("ends", "13:00"),
                        ("purpose", "Peer session"),
                    ],
                )
                .await
                .status()
                .as_u16()
        }));
    }
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.unwrap());
    }
    statuses.sort();
    assert_eq!(
        statuses.iter().filter(|s| **s == 303).count(),
        1,
        "{statuses:?}"
    );
    assert!(
        statuses.iter().all(|s| *s == 303 || *s == 409),
        "{statuses:?}"
    );
    assert_eq!(app.store.support().booking_count(room).await.unwrap(), 1);

    // An overlapping booking is refused with the form shown again.
    let overlap = peer
        .post(
            &path,
            &[
                ("date", day.as_str()),
                ("starts", "12:45"),
                ("ends", "13:30"),
                ("purpose", "Overlapping talk"),
            ],
        )
        .await;
    assert_eq!(overlap.status(), 409);
    let body = overlap.text().await.unwrap();
    assert!(body.contains("already booked"));
    assert!(
        body.contains("value=\"Overlapping talk\""),
        "what was typed stays"
    );
    // Back to back is fine.
    let next = peer
        .post(
            &path,
            &[
                ("date", day.as_str()),
                ("starts", "13:00"),
                ("ends", "14:00"),
                ("purpose", "Peer session"),
            ],
        )
        .await;
    assert_eq!(next.status(), 303);
    // Not on the quarter hour: refused field by field, nothing booked.
    let odd = peer
        .post(
            &path,
            &[
                ("date", day.as_str()),
                ("starts", "15:07"),
                ("ends", "15:30"),
                ("purpose", ""),
            ],
        )
        .await;
    assert_eq!(odd.status(), 422);
    let body = odd.text().await.unwrap();
    assert!(body.contains("id=\"f-ends-error\""));
    assert!(body.contains("id=\"f-purpose-error\""));
    assert_eq!(app.store.support().booking_count(room).await.unwrap(), 2);

    // The day view shows both bookings; a participant may not see it.
    let (status, page) = peer
        .page(&format!("/one-to-one/rooms/{room}?date={day}"))
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("12:00") && page.contains("14:00"));
    let participant = app.sign_in("participant@demo.example").await;
    let (status, _) = participant
        .page(&format!("/one-to-one/rooms/{room}?date={day}"))
        .await;
    assert_eq!(status, 403);
    let refused = participant
        .post(
            &path,
            &[
                ("date", day.as_str()),
                ("starts", "16:00"),
                ("ends", "17:00"),
                ("purpose", "x"),
            ],
        )
        .await;
    assert_eq!(refused.status(), 403);
});

both!(
    the_rota_shows_gaps_and_peers_sign_up_and_swap,
    |app: TestApp| async move {
        let coordinator = app.sign_in("coordinator@demo.example").await;
        let location = centre(&app).await;
        let room = room_named(&app, "Quiet Room 2").await;
        // A shift starting within the day, so its reminder is due at once.
        let zone = jiff::tz::TimeZone::get("Europe/Belgrade").unwrap();
        let soon = jiff::Timestamp::now()
            .checked_add(jiff::SignedDuration::from_hours(3))
            .unwrap()
            .to_zoned_datetime(zone);
        let day = soon.date().to_string();
        let starts = format!("{:02}:00", soon.hour());
        let ends = format!("{:02}:00", (soon.hour() + 1) % 24);
        if soon.hour() == 23 {
            // A shift cannot cross midnight in this form; nothing to test this late.
            return;
        }
        let made = coordinator
            .post(
                "/one-to-one/rota/shifts",
                &[
                    ("location", location.id.to_string().as_str()),
                    ("date", day.as_str()),
                    ("starts", starts.as_str()),
                    ("ends", ends.as_str()),
                    ("places", "2"),
                    ("room", room.to_string().as_str()),
                    ("week", day.as_str()),
                ],
            )
            .await;
        assert_eq!(made.status(), 303);
        let from = hearth_store::now_ms();
        let shift = app
            .store
            .support()
            .shifts(from, from + 86_400_000)
            .await
            .unwrap()
            .into_iter()
            .find(|s| s.room_name.as_deref() == Some("Quiet Room 2"))
            .unwrap();
        // The room is booked for the shift: a second shift in it is refused.
        let again = coordinator
            .post(
                "/one-to-one/rota/shifts",
                &[
                    ("location", location.id.to_string().as_str()),
                    ("date", day.as_str()),
                    ("starts", starts.as_str()),
                    ("ends", ends.as_str()),
                    ("places", "1"),
                    ("room", room.to_string().as_str()),
                    ("week", day.as_str()),
                ],
            )
            .await;
        assert_eq!(again.status(), 409);

        let peer = app.sign_in("peer@demo.example").await;
        let (status, rota) = peer.page(&format!("/one-to-one/rota?week={day}")).await;
        assert_eq!(status, 200);
        assert!(rota.contains("2 places open"));
        let signed = peer
            .post(&format!("/one-to-one/shifts/{}/sign-up", shift.id), &[])
            .await;
        assert_eq!(signed.status(), 303);
        // The reminder goes through the job queue and arrives in the app and by email.
        let pat = person(&app, "peer@demo.example").await;
        let mut reminded = false;
        for _ in 0..100 {
            let notes = app.store.notifications().list(pat, 20).await.unwrap();
            if notes.iter().any(|n| n.title.contains("shift is coming up")) {
                reminded = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert!(reminded, "the reminder was not delivered");
        assert!(
            app.outbox()
                .await
                .iter()
                .any(|m| m.contains("To: peer@demo.example") && m.contains("shift is coming up"))
        );

        // Pat asks for a swap; Kai takes it; Pat is told.
        let asked = peer
            .post(
                &format!("/one-to-one/shifts/{}/swap", shift.id),
                &[("note", "Exam that day")],
            )
            .await;
        assert_eq!(asked.status(), 303);
        let (kai, kai_visitor) = second_peer(&app).await;
        let swap = app.store.support().shift(shift.id).await.unwrap().swaps[0].0;
        let taken = kai_visitor
            .post(&format!("/one-to-one/swaps/{swap}/take"), &[])
            .await;
        assert_eq!(taken.status(), 303);
        let after = app.store.support().shift(shift.id).await.unwrap();
        assert!(after.has(kai) && !after.has(pat));
        assert!(after.swaps.is_empty());
        let notes = app.store.notifications().list(pat, 20).await.unwrap();
        assert!(notes.iter().any(|n| n.body.contains("Kai Peer")));
        // A swap is taken once.
        let twice = kai_visitor
            .post(&format!("/one-to-one/swaps/{swap}/take"), &[])
            .await;
        assert_eq!(twice.status(), 404);

        // Participants have no rota; coordinators keep it but do not work shifts.
        let participant = app.sign_in("participant@demo.example").await;
        assert_eq!(participant.page("/one-to-one/rota").await.0, 403);
        let refused = coordinator
            .post(&format!("/one-to-one/shifts/{}/sign-up", shift.id), &[])
            .await;
        assert_eq!(refused.status(), 403);
    }
);

/// Checks a walk-in in through the public page; returns the queue entry id.
async fn check_in(app: &TestApp, code: &str, name: &str) -> Uuid {
    let walk_in = app.visitor().await;
    let (status, page) = walk_in.page(&format!("/check-in/{code}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("href=\"/help\""));
    let csrf = csrf_in(&page).unwrap();
    // Whatever else a form sends, only the name is kept.
    let response = walk_in
        .client
        .post(app.url(&format!("/check-in/{code}")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("name", name),
            ("email", "someone@example.org"),
            ("student_number", "123456"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    let waiting = location(&response);
    let (status, page) = walk_in.page(&waiting).await;
    assert_eq!(status, 200);
    assert!(page.contains(&format!("Thank you, {name}")));
    waiting.rsplit('/').next().unwrap().parse().unwrap()
}

both!(
    a_walk_in_gives_only_a_name_and_is_taken_in_turn,
    |app: TestApp| async move {
        let location = centre(&app).await;
        let sky = check_in(&app, &location.checkin_code, "Sky").await;
        let entry = app.store.support().queue_entry(sky).await.unwrap();
        assert_eq!(entry.name, "Sky");
        assert_eq!(entry.source, "check-in");
        // An empty name is refused and nothing is queued.
        let visitor = app.visitor().await;
        let (_, page) = visitor
            .page(&format!("/check-in/{}", location.checkin_code))
            .await;
        let refused = visitor
            .client
            .post(app.url(&format!("/check-in/{}", location.checkin_code)))
            .form(&[("csrf", csrf_in(&page).unwrap().as_str()), ("name", "  ")])
            .send()
            .await
            .unwrap();
        assert_eq!(refused.status(), 422);
        assert_eq!(
            app.store
                .support()
                .waiting(location.id)
                .await
                .unwrap()
                .len(),
            1
        );
        // A wrong code is not found.
        assert_eq!(visitor.page("/check-in/nothing-here").await.0, 404);

        let peer = app.sign_in("peer@demo.example").await;
        let added = peer
            .post(
                &format!("/one-to-one/locations/{}/queue", location.id),
                &[("name", "Jo")],
            )
            .await;
        assert_eq!(added.status(), 303);
        let (status, page) = peer
            .page(&format!("/one-to-one/locations/{}", location.id))
            .await;
        assert_eq!(status, 200);
        assert!(page.contains("Sky") && page.contains("Jo"));
        assert!(page.contains("waiting 0 minutes") || page.contains("waiting 1 minute"));

        // Take next takes whoever waited longest: Sky.
        let taken = peer
            .post(
                &format!("/one-to-one/locations/{}/take-next", location.id),
                &[],
            )
            .await;
        assert_eq!(taken.status(), 303);
        assert_eq!(
            location_of(&taken),
            format!("/one-to-one/logs/new?queue={sky}")
        );
        let (status, form) = peer.page(&location_of(&taken)).await;
        assert_eq!(status, 200);
        assert!(form.contains("Talking with Sky"));
        // Another peer cannot write Sky's log.
        let (_, kai) = second_peer(&app).await;
        assert_eq!(kai.page(&location_of(&taken)).await.0, 403);

        let topic = app.store.support().topics().await.unwrap()[0]
            .id
            .to_string();
        let location_id = location.id.to_string();
        let sky_id = sky.to_string();
        let today = ahead(0);
        let bad = peer
            .post(
                "/one-to-one/logs",
                &[
                    ("queue", sky_id.as_str()),
                    ("location", location_id.as_str()),
                    ("held_on", today.as_str()),
                    ("minutes", "0"),
                    ("kind", "drop-in"),
                    ("topics", topic.as_str()),
                    ("note", "Talked about exams."),
                ],
            )
            .await;
        assert_eq!(bad.status(), 422);
        let body = bad.text().await.unwrap();
        assert!(body.contains("id=\"f-minutes-error\""));
        assert!(body.contains("Talked about exams."), "the note is kept");
        assert!(
            app.store
                .support()
                .logs_by(person(&app, "peer@demo.example").await, 10)
                .await
                .unwrap()
                .is_empty()
        );

        let saved = peer
            .post(
                "/one-to-one/logs",
                &[
                    ("queue", sky_id.as_str()),
                    ("location", location_id.as_str()),
                    ("held_on", today.as_str()),
                    ("minutes", "25"),
                    ("kind", "drop-in"),
                    ("topics", topic.as_str()),
                    ("note", "Talked about exams."),
                    ("difficult", "on"),
                ],
            )
            .await;
        assert_eq!(saved.status(), 303);
        // The flag reaches the supervisor at once: on their home page and by email.
        let supervisor = app.sign_in("supervisor@demo.example").await;
        let (_, home) = supervisor.page("/").await;
        assert!(
            home.contains("A log was flagged"),
            "on the supervisor's home page"
        );
        assert!(
            app.outbox()
                .await
                .iter()
                .any(|m| m.contains("To: supervisor@demo.example")
                    && m.contains("A log was flagged"))
        );
        // The email names the peer, never what the log says.
        assert!(
            !app.outbox()
                .await
                .iter()
                .any(|m| m.contains("Talked about exams"))
        );
        // Jo is still waiting; Sky is not.
        let waiting = app.store.support().waiting(location.id).await.unwrap();
        assert_eq!(waiting.len(), 1);
        assert_eq!(waiting[0].name, "Jo");
    }
);

/// Pat writes a log flagged as a safety concern; returns its id.
async fn safety_log(app: &TestApp, peer: &Visitor) -> Uuid {
    let location = centre(app).await;
    let saved = peer
        .post(
            "/one-to-one/logs",
            &[
                ("location", location.id.to_string().as_str()),
                ("held_on", ahead(0).as_str()),
                ("minutes", "40"),
                ("kind", "drop-in"),
                ("note", "Said they did not feel safe at home."),
                ("safety", "on"),
            ],
        )
        .await;
    assert_eq!(saved.status(), 303);
    let to = location_of(&saved);
    assert!(to.ends_with("?checklist=1"), "{to}");
    to.trim_start_matches("/one-to-one/logs/")
        .trim_end_matches("?checklist=1")
        .parse()
        .unwrap()
}

fn location_of(response: &reqwest::Response) -> String {
    location(response)
}

both!(
    a_log_is_read_only_by_its_author_supervisors_and_safeguarding_and_every_read_is_audited,
    |app: TestApp| async move {
        let peer = app.sign_in("peer@demo.example").await;
        let pat = person(&app, "peer@demo.example").await;
        let log = safety_log(&app, &peer).await;

        // The peer sees the site's escalation checklist at once.
        let (status, page) = peer
            .page(&format!("/one-to-one/logs/{log}?checklist=1"))
            .await;
        assert_eq!(status, 200);
        assert!(page.contains("Call the supervisor on call now."));
        assert!(page.contains("Sam Supervisor, the supervisor on call, has been told."));
        // The on-call supervisor and the safeguarding lead were told.
        for email in ["supervisor@demo.example", "safeguarding@demo.example"] {
            let id = person(&app, email).await;
            let notes = app.store.notifications().list(id, 10).await.unwrap();
            assert!(
                notes.iter().any(|n| n.title == "Safety concern flagged"),
                "{email}"
            );
        }

        let path = format!("/one-to-one/logs/{log}");
        for email in ["supervisor@demo.example", "safeguarding@demo.example"] {
            let reader = app.sign_in(email).await;
            let (status, page) = reader.page(&path).await;
            assert_eq!(status, 200, "{email}");
            assert!(page.contains("did not feel safe at home"));
        }
        let (_, kai) = second_peer(&app).await;
        for (who, visitor) in [
            ("admin", app.sign_in("admin@demo.example").await),
            ("coordinator", app.sign_in("coordinator@demo.example").await),
            ("facilitator", app.sign_in("facilitator@demo.example").await),
            ("participant", app.sign_in("participant@demo.example").await),
            ("another peer", kai),
        ] {
            let (status, page) = visitor.page(&path).await;
            assert_eq!(status, 403, "{who}");
            assert!(!page.contains("did not feel safe"), "{who}");
        }
        let signed_out = app.visitor().await;
        assert_eq!(signed_out.get(&path).await.status(), 303);

        // Every read is in the audit trail: Pat's own, the supervisor's and the lead's.
        let trail: Vec<_> = app
            .store
            .audit()
            .about(pat, 50)
            .await
            .unwrap()
            .into_iter()
            .filter(|e| e.subject_kind == "session-log" && e.subject_id == Some(log))
            .collect();
        assert_eq!(trail.len(), 3, "{trail:?}");
        let readers: Vec<_> = trail.iter().filter_map(|e| e.actor_name.clone()).collect();
        assert!(readers.contains(&"Sam Supervisor".to_owned()));
        assert!(readers.contains(&"Sara Safeguarding".to_owned()));
        // Pat sees who read their logs; an administrator sees the whole trail.
        let (_, mine) = peer.page("/one-to-one/my-logs").await;
        assert!(mine.contains("Sam Supervisor") && mine.contains("Sara Safeguarding"));
        let admin = app.sign_in("admin@demo.example").await;
        let (status, audit) = admin.page("/admin/audit").await;
        assert_eq!(status, 200);
        assert!(audit.contains("a session log"));
        assert!(!audit.contains("did not feel safe"));
    }
);

both!(
    a_peer_cannot_see_another_peers_caseload,
    |app: TestApp| async move {
        let peer = app.sign_in("peer@demo.example").await;
        let pat = person(&app, "peer@demo.example").await;
        let log = safety_log(&app, &peer).await;
        let (kai_id, kai) = second_peer(&app).await;

        let supervisor = app.sign_in("supervisor@demo.example").await;
        let (status, caseload) = supervisor.page(&format!("/one-to-one/peers/{pat}")).await;
        assert_eq!(status, 200);
        assert!(caseload.contains(&format!("/one-to-one/logs/{log}")));
        assert!(
            !caseload.contains("did not feel safe"),
            "a list shows no content"
        );
        let (status, board) = supervisor.page("/one-to-one/supervision").await;
        assert_eq!(status, 200);
        assert!(board.contains(&format!("/one-to-one/logs/{log}")));
        assert!(board.contains("Kai Peer") && board.contains("Pat Peer"));

        assert_eq!(kai.page(&format!("/one-to-one/peers/{pat}")).await.0, 403);
        assert_eq!(
            peer.page(&format!("/one-to-one/peers/{kai_id}")).await.0,
            403
        );
        assert_eq!(kai.page("/one-to-one/supervision").await.0, 403);
        let (_, kai_logs) = kai.page("/one-to-one/my-logs").await;
        assert!(!kai_logs.contains(&log.to_string()));
        for email in [
            "coordinator@demo.example",
            "safeguarding@demo.example",
            "admin@demo.example",
        ] {
            let visitor = app.sign_in(email).await;
            assert_eq!(
                visitor.page(&format!("/one-to-one/peers/{pat}")).await.0,
                403,
                "{email}"
            );
        }
    }
);

both!(
    supervision_sessions_and_wellbeing_check_ins,
    |app: TestApp| async move {
        let pat = person(&app, "peer@demo.example").await;
        let (kai_id, kai) = second_peer(&app).await;
        let participant = person(&app, "participant@demo.example").await;
        let site = campus(&app).await.to_string();
        let supervisor = app.sign_in("supervisor@demo.example").await;
        let (pat_s, kai_s, participant_s) =
            (pat.to_string(), kai_id.to_string(), participant.to_string());

        // An individual session is with one peer; someone not supervised is refused.
        let refused = supervisor
            .post(
                "/one-to-one/supervision",
                &[
                    ("site", site.as_str()),
                    ("kind", "individual"),
                    ("held_on", ahead(0).as_str()),
                    ("peers", pat_s.as_str()),
                    ("peers", kai_s.as_str()),
                    ("notes", "Kept notes"),
                    ("actions", ""),
                ],
            )
            .await;
        assert_eq!(refused.status(), 422);
        let body = refused.text().await.unwrap();
        assert!(body.contains("id=\"f-peers-error\""));
        assert!(body.contains("Kept notes"), "what was typed stays");
        let stranger = supervisor
            .post(
                "/one-to-one/supervision",
                &[
                    ("site", site.as_str()),
                    ("kind", "group"),
                    ("held_on", ahead(0).as_str()),
                    ("peers", participant_s.as_str()),
                ],
            )
            .await;
        assert_eq!(stranger.status(), 422);

        let saved = supervisor
            .post(
                "/one-to-one/supervision",
                &[
                    ("site", site.as_str()),
                    ("kind", "group"),
                    ("held_on", ahead(0).as_str()),
                    ("peers", pat_s.as_str()),
                    ("peers", kai_s.as_str()),
                    ("notes", "Pat seemed tired after the exam week."),
                    ("actions", "Take one shift fewer next week."),
                ],
            )
            .await;
        assert_eq!(saved.status(), 303);
        let (_, board) = supervisor.page("/one-to-one/supervision").await;
        assert!(board.contains("Pat seemed tired"));

        // Peers see the agreed actions, never the supervisor's notes.
        let peer = app.sign_in("peer@demo.example").await;
        let (status, page) = peer.page("/one-to-one/wellbeing").await;
        assert_eq!(status, 200);
        assert!(page.contains("Take one shift fewer next week."));
        assert!(!page.contains("Pat seemed tired"));

        // A wellbeing check-in is the peer's own unless shared.
        for (score, note, shared) in [
            ("2", "Hard week, quietly.", false),
            ("3", "Better after supervision.", true),
        ] {
            let mut fields = vec![("score", score), ("note", note)];
            if shared {
                fields.push(("shared", "on"));
            }
            assert_eq!(
                peer.post("/one-to-one/wellbeing", &fields).await.status(),
                303
            );
        }
        assert_eq!(
            peer.post("/one-to-one/wellbeing", &[("score", "9")])
                .await
                .status(),
            422
        );
        let (_, mine) = peer.page("/one-to-one/wellbeing").await;
        assert!(mine.contains("Hard week, quietly.") && mine.contains("Better after supervision."));
        let (_, caseload) = supervisor.page(&format!("/one-to-one/peers/{pat}")).await;
        assert!(caseload.contains("Better after supervision."));
        assert!(!caseload.contains("Hard week, quietly."));
        assert_eq!(kai.page(&format!("/one-to-one/peers/{pat}")).await.0, 403);
        let (_, kai_page) = kai.page("/one-to-one/wellbeing").await;
        assert!(!kai_page.contains("Better after supervision."));
        assert_eq!(
            app.sign_in("participant@demo.example")
                .await
                .page("/one-to-one/wellbeing")
                .await
                .0,
            403
        );
    }
);
