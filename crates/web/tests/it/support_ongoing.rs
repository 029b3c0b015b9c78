//! Ongoing one-to-one support over HTTP, on both databases: a request, the
//! match, the agreement the student confirms (nothing scheduled before), the
//! session limit (also under concurrent requests), extensions only a
//! supervisor decides, the closing summary; who sees what; referrals with
//! their follow-up; the reports' figures.

use crate::both;
use crate::helpers::*;
use hearth_domain::UserId;
use hearth_domain::input::Email;
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

pub(crate) async fn campus(app: &TestApp) -> String {
    app.store
        .org()
        .sites(false)
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.name == "Riverside Campus")
        .unwrap()
        .id
        .to_string()
}

pub(crate) fn ahead(days: i64) -> String {
    let zone = jiff::tz::TimeZone::get("Europe/Belgrade").unwrap();
    jiff::Timestamp::now()
        .to_zoned_datetime(zone)
        .date()
        .checked_add(jiff::Span::new().days(days))
        .unwrap()
        .to_string()
}

/// Noah asks, the coordinator matches him with Pat, Pat proposes `sessions`.
pub(crate) async fn asked_matched_proposed(app: &TestApp, sessions: &str) -> Uuid {
    let site = campus(app).await;
    let noah = app.sign_in("noah@demo.example").await;
    let asked = noah
        .post(
            "/my-support",
            &[
                ("site", site.as_str()),
                ("help_with", "Feeling alone since I moved here."),
                ("language", "en"),
                ("kind", "peer-support-worker"),
                ("topics", "anxiety"),
                ("topics", "new-culture"),
                ("availability", "1-morning"),
            ],
        )
        .await;
    assert_eq!(asked.status(), 303);
    let noah_id = person(app, "noah@demo.example").await;
    let support = app.store.ongoing().of_student(noah_id).await.unwrap();
    assert_eq!(support.len(), 1);
    let s = &support[0];
    assert_eq!(s.topics, vec!["anxiety", "new-culture"]);
    let id = s.id;
    let coordinator = app.sign_in("coordinator@demo.example").await;
    let pat = person(app, "peer@demo.example").await.0.to_string();
    let matched = coordinator
        .post(
            &format!("/one-to-one/ongoing/requests/{id}/assign"),
            &[("peer", pat.as_str())],
        )
        .await;
    assert_eq!(matched.status(), 303);
    let peer = app.sign_in("peer@demo.example").await;
    let proposed = peer
        .post(
            &format!("/ongoing/{id}/agreement"),
            &[
                ("sessions", sessions),
                ("covers", "Settling in and feeling less alone."),
            ],
        )
        .await;
    assert_eq!(proposed.status(), 303);
    id
}

pub(crate) async fn schedule(
    visitor: &Visitor,
    id: Uuid,
    day: &str,
    starts: &str,
    ends: &str,
) -> u16 {
    visitor
        .post(
            &format!("/ongoing/{id}/sessions"),
            &[
                ("date", day),
                ("starts", starts),
                ("ends", ends),
                ("room", ""),
            ],
        )
        .await
        .status()
        .as_u16()
}

both!(
    a_request_is_matched_agreed_and_held_within_its_limit,
    |app: TestApp| async move {
        // Bad input: a clear message, nothing stored.
        let noah = app.sign_in("noah@demo.example").await;
        let site = campus(&app).await;
        let refused = noah
            .post(
                "/my-support",
                &[("site", site.as_str()), ("help_with", "  ")],
            )
            .await;
        assert_eq!(refused.status(), 422);
        assert!(refused.text().await.unwrap().contains("f-help_with-error"));
        let noah_id = person(&app, "noah@demo.example").await;
        assert!(
            app.store
                .ongoing()
                .of_student(noah_id)
                .await
                .unwrap()
                .is_empty()
        );

        let id = asked_matched_proposed(&app, "2").await;
        let peer = app.sign_in("peer@demo.example").await;
        let day = ahead(5);

        // Nothing is scheduled before the student confirms.
        assert_eq!(schedule(&peer, id, &day, "10:00", "11:00").await, 409);
        assert_eq!(app.store.ongoing().get(id).await.unwrap().scheduled, 0);
        // The student reads the proposal, cannot schedule, and confirms.
        let (status, page) = noah.page(&format!("/ongoing/{id}")).await;
        assert_eq!(status, 200);
        assert!(page.contains("Settling in and feeling less alone."));
        assert!(page.contains("id=\"confirm\""));
        assert_eq!(schedule(&noah, id, &day, "10:00", "11:00").await, 403);
        assert_eq!(
            noah.post(&format!("/ongoing/{id}/confirm"), &[])
                .await
                .status(),
            303
        );

        // Two sessions agreed: the third is refused and nothing changes.
        assert_eq!(schedule(&peer, id, &day, "10:00", "11:00").await, 303);
        assert_eq!(schedule(&peer, id, &ahead(12), "10:00", "11:00").await, 303);
        assert_eq!(schedule(&peer, id, &ahead(19), "10:00", "11:00").await, 409);
        assert_eq!(app.store.ongoing().get(id).await.unwrap().scheduled, 2);
        let (_, page) = peer.page(&format!("/ongoing/{id}")).await;
        assert!(page.contains("Session 1 of 2"), "{page}");
        assert!(page.contains("id=\"limit-reached\""));
        // "Session 1 of 2" on both home pages too.
        let (_, home) = noah.page("/").await;
        assert!(home.contains("Session 1 of 2"));
        let (_, home) = peer.page("/").await;
        assert!(home.contains("Session 1 of 2") && home.contains("Noah Patel"));

        // Both get the invitation with the calendar file; the .ics downloads.
        let mails = app.outbox().await;
        for to in ["noah@demo.example", "peer@demo.example"] {
            let mail = mails
                .iter()
                .find(|m| m.contains(&format!("To: {to}")) && m.contains("Session 1 of 2"))
                .unwrap_or_else(|| panic!("no invitation to {to}"));
            assert!(mail.contains("text/calendar"), "{mail}");
            assert!(mail.contains("invite.ics"));
        }
        let sessions = app.store.ongoing().sessions(id).await.unwrap();
        let ics = peer
            .get(&format!(
                "/ongoing/{id}/sessions/{}/calendar.ics",
                sessions[0].id
            ))
            .await;
        assert!(
            ics.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/calendar")
        );
        let ics = ics.text().await.unwrap();
        assert!(ics.contains("BEGIN:VEVENT") && ics.contains("session 1 of 2"));
        assert!(
            !ics.contains("feeling less alone"),
            "no content in calendars"
        );
        // Reminders wait in the job queue for the day before.
        assert!(app.store.jobs().pending().await.unwrap() >= 4);

        // An extension: the peer asks with a reason; nobody but a supervisor decides.
        let asked = peer
            .post(
                &format!("/ongoing/{id}/extension"),
                &[
                    ("extra", "2"),
                    ("reason", "We are getting somewhere; two more would help."),
                ],
            )
            .await;
        assert_eq!(asked.status(), 303);
        let extension = app.store.ongoing().extensions(id).await.unwrap().remove(0);
        let decide = format!("/ongoing/extensions/{}/decide", extension.id);
        assert_eq!(
            peer.post(&decide, &[("decision", "approve")])
                .await
                .status(),
            403
        );
        assert_eq!(
            noah.post(&decide, &[("decision", "approve")])
                .await
                .status(),
            403
        );
        let coordinator = app.sign_in("coordinator@demo.example").await;
        assert_eq!(
            coordinator
                .post(&decide, &[("decision", "approve")])
                .await
                .status(),
            403
        );
        assert_eq!(
            app.store.ongoing().get(id).await.unwrap().extended_sessions,
            0
        );
        let supervisor = app.sign_in("supervisor@demo.example").await;
        assert_eq!(
            supervisor
                .post(&decide, &[("decision", "approve")])
                .await
                .status(),
            303
        );
        assert_eq!(
            app.store.ongoing().get(id).await.unwrap().extended_sessions,
            2
        );
        assert_eq!(schedule(&peer, id, &ahead(19), "10:00", "11:00").await, 303);
        let (_, page) = noah.page(&format!("/ongoing/{id}")).await;
        assert!(page.contains("Session 1 of 4"), "{page}");

        // Closing: the peer writes the summary; the student reads it.
        assert_eq!(
            noah.post(&format!("/ongoing/{id}/close"), &[("summary", "Bye")])
                .await
                .status(),
            403
        );
        let closed = peer
            .post(&format!("/ongoing/{id}/close"), &[("summary", "")])
            .await;
        assert_eq!(closed.status(), 422);
        let closed = peer
            .post(
                &format!("/ongoing/{id}/close"),
                &[(
                    "summary",
                    "You found your people here. The peer mentors meet on Thursdays.",
                )],
            )
            .await;
        assert_eq!(closed.status(), 303);
        let (_, page) = noah.page(&format!("/ongoing/{id}")).await;
        assert!(page.contains("You found your people here."));
        assert_eq!(schedule(&peer, id, &ahead(26), "10:00", "11:00").await, 409);
    }
);

both!(
    the_last_place_is_taken_once_under_concurrent_requests,
    |app: TestApp| async move {
        let id = asked_matched_proposed(&app, "1").await;
        let noah = app.sign_in("noah@demo.example").await;
        assert_eq!(
            noah.post(&format!("/ongoing/{id}/confirm"), &[])
                .await
                .status(),
            303
        );
        let peer = app.sign_in("peer@demo.example").await;
        let mut tasks = Vec::new();
        for offset in 0..6 {
            let peer = peer.clone();
            tasks.push(tokio::spawn(async move {
                schedule(&peer, id, &ahead(3 + offset), "09:00", "10:00").await
            }));
        }
        let mut statuses = Vec::new();
        for task in tasks {
            statuses.push(task.await.unwrap());
        }
        assert_eq!(
            statuses.iter().filter(|s| **s == 303).count(),
            1,
            "{statuses:?}"
        );
        assert_eq!(app.store.ongoing().sessions(id).await.unwrap().len(), 1);
    }
);

both!(
    a_support_is_read_only_by_its_student_peer_and_site_supervisors,
    |app: TestApp| async move {
        let id = asked_matched_proposed(&app, "6").await;
        let secret = "Feeling alone since I moved here.";
        for (email, sees_content) in [
            ("noah@demo.example", true),
            ("peer@demo.example", true),
            ("supervisor@demo.example", true),
            ("coordinator@demo.example", false),
            ("admin@demo.example", false),
        ] {
            let visitor = app.sign_in(email).await;
            let (status, page) = visitor.page(&format!("/ongoing/{id}")).await;
            assert_eq!(status, 200, "{email}");
            assert_eq!(page.contains(secret), sees_content, "{email}");
            assert_eq!(
                page.contains("Settling in and feeling less alone."),
                sees_content,
                "{email}"
            );
        }
        // The supervisor's read is audited; the student's and the peer's are not.
        let reads = app.store.audit().recent(50, 0).await.unwrap();
        assert_eq!(
            reads
                .iter()
                .filter(|r| r.subject_kind == "ongoing-support")
                .count(),
            1
        );
        // Nobody else sees that it exists.
        for email in [
            "participant@demo.example",
            "maya@demo.example",
            "safeguarding@demo.example",
            "facilitator@demo.example",
            "theo@demo.example",
            "municipality@demo.example",
        ] {
            let visitor = app.sign_in(email).await;
            let (status, page) = visitor.page(&format!("/ongoing/{id}")).await;
            assert_eq!(status, 403, "{email}");
            assert!(!page.contains(secret));
        }
        // Another peer cannot act in it; a coordinator elsewhere cannot match.
        let theo = app.sign_in("theo@demo.example").await;
        assert_eq!(
            theo.post(
                &format!("/ongoing/{id}/agreement"),
                &[("sessions", "3"), ("covers", "x")]
            )
            .await
            .status(),
            403
        );
        let parveen = person(&app, "participant@demo.example").await;
        let request = app.store.ongoing().of_student(parveen).await.unwrap()[0].id;
        let elsewhere = app.sign_in("municipality@demo.example").await;
        let (status, _) = elsewhere
            .page(&format!("/one-to-one/ongoing/requests/{request}"))
            .await;
        assert_eq!(status, 403);
        // The coordinator of the site matches with the reasons shown.
        let coordinator = app.sign_in("coordinator@demo.example").await;
        let (status, page) = coordinator
            .page(&format!("/one-to-one/ongoing/requests/{request}"))
            .await;
        assert_eq!(status, 200);
        assert!(page.contains("Has lived through: First in the family at university"));
        assert!(page.contains("Speaks English"));
        // A peer's lived experience is theirs to list: Theo listed none of Parveen's.
        let theo_at = page.find("Theo Coach").unwrap();
        let lirie_at = page.find("Lirie Mentor").unwrap();
        assert!(lirie_at < theo_at, "a shared experience ranks higher");
        // A peer lists a lived experience on their profile: it counts at once.
        let theo = app.sign_in("theo@demo.example").await;
        let saved = theo
            .post(
                "/one-to-one/ongoing/profile",
                &[
                    ("open_to_new", "yes"),
                    ("topics", "first-in-family"),
                    ("topics", "low-mood"),
                    ("languages", "en"),
                    ("availability", "2-afternoon"),
                    ("availability", "4-afternoon"),
                ],
            )
            .await;
        assert_eq!(saved.status(), 303);
        let (_, page) = coordinator
            .page(&format!("/one-to-one/ongoing/requests/{request}"))
            .await;
        let theo_at = page.find("Theo Coach").unwrap();
        assert!(theo_at < page.find("Lirie Mentor").unwrap(), "{page}");
        assert!(page.contains(
            "Has lived through: First in the family at university, Low mood and depression"
        ));
        // The list shows the coordinator counts, never content.
        let (_, list) = coordinator.page("/one-to-one/ongoing").await;
        assert!(list.contains("Session 3 of 6") && !list.contains(secret));
    }
);

both!(
    referrals_are_followed_up_by_their_referrer,
    |app: TestApp| async move {
        let maya = person(&app, "maya@demo.example").await;
        let support = app.store.ongoing().of_student(maya).await.unwrap()[0].id;
        let counselling = app
            .store
            .services()
            .list(false)
            .await
            .unwrap()
            .into_iter()
            .find(|s| s.name.starts_with("Psychological support groups"))
            .unwrap()
            .id
            .to_string();
        let peer = app.sign_in("peer@demo.example").await;
        let (status, form) = peer
            .page(&format!("/one-to-one/referrals/new?support={support}"))
            .await;
        assert_eq!(status, 200);
        assert!(form.contains("Psychological support groups"));
        assert!(
            !form.contains("Campus crisis line"),
            "crisis lines are called, not referred to"
        );
        // Bad input changes nothing.
        let refused = peer
            .post(
                "/one-to-one/referrals",
                &[
                    ("support", &support.to_string()),
                    ("service", ""),
                    ("days", "90"),
                ],
            )
            .await;
        assert_eq!(refused.status(), 422);
        assert_eq!(
            app.store
                .ongoing()
                .referrals_from(support)
                .await
                .unwrap()
                .len(),
            1
        );
        let made = peer
            .post(
                "/one-to-one/referrals",
                &[
                    ("support", &support.to_string()),
                    ("service", counselling.as_str()),
                    ("note", "Group on Wednesdays"),
                    ("days", "3"),
                ],
            )
            .await;
        assert_eq!(made.status(), 303);
        assert_eq!(
            location(&made),
            format!("/ongoing/{support}?done=flash-referral-made")
        );
        // The student sees where she was referred; the follow-up waits in the queue.
        let student = app.sign_in("maya@demo.example").await;
        let (_, page) = student.page(&format!("/ongoing/{support}")).await;
        assert!(page.contains("Psychological support groups"));
        assert!(
            !page.contains("Group on Wednesdays"),
            "the referrer's note is theirs"
        );
        assert_eq!(
            student
                .get(&format!("/one-to-one/referrals/new?support={support}"))
                .await
                .status(),
            403
        );
        // The demo's referral is due: the referrer sees it and records the outcome.
        let (_, list) = peer.page("/one-to-one/referrals").await;
        assert!(list.contains("Time to check in"));
        let due = app
            .store
            .ongoing()
            .referrals_by(person(&app, "peer@demo.example").await)
            .await
            .unwrap();
        let first = due
            .iter()
            .find(|r| r.follow_up_at < hearth_store::now_ms())
            .unwrap()
            .id;
        let supervisor = app.sign_in("supervisor@demo.example").await;
        assert_eq!(
            supervisor
                .post(
                    &format!("/one-to-one/referrals/{first}/outcome"),
                    &[("outcome", "declined")]
                )
                .await
                .status(),
            403
        );
        assert_eq!(
            peer.post(
                &format!("/one-to-one/referrals/{first}/outcome"),
                &[("outcome", "taken-up")]
            )
            .await
            .status(),
            303
        );
        assert_eq!(
            app.store
                .ongoing()
                .referral(first)
                .await
                .unwrap()
                .outcome
                .as_deref(),
            Some("taken-up")
        );
        // The follow-up reminder reaches the referrer through the job queue
        // (queued as due now, as it will be after the chosen days).
        let other = due.iter().find(|r| r.id != first).unwrap().id;
        app.store
            .jobs()
            .enqueue(
                "ongoing-referral-follow-up",
                &serde_json::json!({ "referral": other }),
                hearth_store::now_ms(),
            )
            .await
            .unwrap();
        let pat = person(&app, "peer@demo.example").await;
        let mut reminded = false;
        for _ in 0..50 {
            let notes = app.store.notifications().list(pat, 10).await.unwrap();
            if notes
                .iter()
                .any(|n| n.title == "Time to check in on a referral")
            {
                reminded = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert!(reminded, "the referrer is reminded to check in");

        // Reports: counts only, small ones hidden.
        let coordinator = app.sign_in("coordinator@demo.example").await;
        let (status, report) = coordinator.page("/reports").await;
        assert_eq!(status, 200);
        assert!(report.contains("Referrals by service"));
        assert!(report.contains("Psychological support groups"));
        assert!(report.contains("fewer than 5"));
        assert!(!report.contains("Group on Wednesdays"));
        // Each table downloads as exactly what it shows, `<5` for small counts.
        assert!(report.contains("href=\"/reports/referrals.csv\""));
        let csv = coordinator.get("/reports/referrals.csv").await;
        assert_eq!(csv.status(), 200);
        assert!(
            csv.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/csv")
        );
        let csv = csv.text().await.unwrap();
        assert!(csv.contains("Psychological support groups,<5"), "{csv}");
        assert!(!csv.contains("Group on Wednesdays"));
        let (status, supports) = coordinator.page("/reports/ongoing.csv").await;
        assert_eq!(status, 200);
        assert_eq!(
            supports.lines().count(),
            3,
            "a header, open and closed: {supports}"
        );
        // Nobody without the reports sees them.
        let participant = app.sign_in("participant@demo.example").await;
        for path in ["/reports/ongoing.csv", "/reports/referrals.csv"] {
            assert_eq!(participant.get(path).await.status(), 403, "{path}");
        }
    }
);

both!(
    a_peer_refers_from_their_own_session_log_only,
    |app: TestApp| async move {
        let peer = app.sign_in("peer@demo.example").await;
        let centre = app.store.support().locations().await.unwrap().remove(0);
        let posted = peer
            .post(
                "/one-to-one/logs",
                &[
                    ("location", &centre.id.to_string()),
                    ("held_on", &ahead(0)),
                    ("minutes", "30"),
                    ("kind", "drop-in"),
                ],
            )
            .await;
        assert_eq!(posted.status(), 303);
        let log = app
            .store
            .support()
            .logs_by(person(&app, "peer@demo.example").await, 1)
            .await
            .unwrap()
            .remove(0)
            .id;
        let (_, page) = peer.page(&format!("/one-to-one/logs/{log}")).await;
        assert!(page.contains(&format!("/one-to-one/referrals/new?log={log}")));
        let supervisor = app.sign_in("supervisor@demo.example").await;
        let (_, page) = supervisor.page(&format!("/one-to-one/logs/{log}")).await;
        assert!(!page.contains("/one-to-one/referrals/new"));
        assert_eq!(
            supervisor
                .get(&format!("/one-to-one/referrals/new?log={log}"))
                .await
                .status(),
            403
        );
        let service = app.store.services().list(false).await.unwrap();
        let peer_mentors = service
            .iter()
            .find(|s| s.name == "Peer mentorship programme")
            .unwrap()
            .id
            .to_string();
        let made = peer
            .post(
                "/one-to-one/referrals",
                &[
                    ("log", &log.to_string()),
                    ("service", peer_mentors.as_str()),
                    ("days", "7"),
                ],
            )
            .await;
        assert_eq!(made.status(), 303);
        let referral = app
            .store
            .ongoing()
            .referrals_from(log)
            .await
            .unwrap()
            .remove(0);
        assert!(referral.person_label.starts_with("a drop-in visitor"));
    }
);

both!(
    a_facilitator_refers_from_a_live_events_alert,
    |app: TestApp| async move {
        use hearth_domain::live::{Change, Visibility};
        let autumn = app.cohort_named("Autumn dialogue cohort").await.id;
        let fatima = person(&app, "facilitator@demo.example").await;
        let noah = person(&app, "noah@demo.example").await;
        let event = app
            .store
            .events()
            .create(&hearth_store::NewEvent {
                audience: hearth_store::Audience::Cohort(autumn),
                title: "Alerts fishbowl".into(),
                starts_at: hearth_store::now_ms(),
                time_zone: "Europe/Belgrade".into(),
                run_sheet: hearth_domain::live::RunSheet::fishbowl(),
                created_by: fatima,
            })
            .await
            .unwrap();
        // What the live room stores when Noah presses "I need support".
        let seq = app
            .store
            .events()
            .append(
                event,
                &[(
                    Change::SupportRequested {
                        user: noah,
                        name: "Noah Patel".into(),
                        note: Some("It is a hard day".into()),
                    },
                    Visibility::Person(noah),
                )],
                hearth_store::now_ms(),
            )
            .await
            .unwrap()[0];
        let facilitator = app.sign_in("facilitator@demo.example").await;
        let (status, page) = facilitator.page(&format!("/events/{event}")).await;
        assert_eq!(status, 200);
        assert!(page.contains(&format!("/events/{event}/support-alerts")));
        let (status, page) = facilitator
            .page(&format!("/events/{event}/support-alerts"))
            .await;
        assert_eq!(status, 200);
        assert!(page.contains("Noah Patel") && page.contains("It is a hard day"));
        for email in ["noah@demo.example", "peer@demo.example"] {
            let someone = app.sign_in(email).await;
            let (status, page) = someone
                .page(&format!("/events/{event}/support-alerts"))
                .await;
            assert_eq!(status, 403, "{email}");
            assert!(!page.contains("It is a hard day"));
        }
        let service = app
            .store
            .services()
            .list(false)
            .await
            .unwrap()
            .into_iter()
            .find(|s| s.name == "Peer mentorship programme")
            .unwrap()
            .id
            .to_string();
        let fields = [
            ("event", event.to_string()),
            ("alert", seq.to_string()),
            ("service", service),
            ("days", "5".to_string()),
        ];
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let pat = app.sign_in("peer@demo.example").await;
        assert_eq!(
            pat.post("/one-to-one/referrals", &fields).await.status(),
            403
        );
        let made = facilitator.post("/one-to-one/referrals", &fields).await;
        assert_eq!(made.status(), 303);
        assert_eq!(
            location(&made),
            format!("/events/{event}/support-alerts?done=flash-referral-made")
        );
        let referral = app
            .store
            .ongoing()
            .referrals_from(event.0)
            .await
            .unwrap()
            .remove(0);
        assert_eq!(referral.person_label, "Noah Patel");
        assert_eq!(referral.source, "event-alert");
        assert_eq!(referral.referrer_id, Some(fatima));
    }
);
