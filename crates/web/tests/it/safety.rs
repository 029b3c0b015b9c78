//! A path for crisis, retention and people's rights (issue 7), and the
//! drop-in heat map (issue 9): `/help` shows each site's crisis contacts and
//! every page links it; the daily retention job archives old logs (still
//! readable, still audited) and forgets walk-ins' names; an administrator
//! exports and erases a person, and the reports count the same afterwards;
//! a person downloads what is recorded about them.

use crate::both;
use crate::helpers::*;
use crate::support::{campus, centre, person};
use hearth_domain::input::Email;
use std::time::Duration;
use uuid::Uuid;

fn today() -> String {
    let zone = jiff::tz::TimeZone::get("Europe/Belgrade").unwrap();
    jiff::Timestamp::now()
        .to_zoned_datetime(zone)
        .date()
        .to_string()
}

/// Pat, on shift, takes a walk-in and writes a short log; returns the log and queue entry.
async fn log_a_visit(app: &TestApp, peer: &Visitor, name: &str) -> (Uuid, Uuid) {
    let centre = centre(app).await;
    let added = peer
        .post(
            &format!("/one-to-one/locations/{}/queue", centre.id),
            &[("name", name)],
        )
        .await;
    assert_eq!(added.status(), 303);
    let taken = peer
        .post(
            &format!("/one-to-one/locations/{}/take-next", centre.id),
            &[],
        )
        .await;
    let to = location(&taken);
    let queue: Uuid = to.rsplit('=').next().unwrap().parse().unwrap();
    let saved = peer
        .post(
            "/one-to-one/logs",
            &[
                ("queue", queue.to_string().as_str()),
                ("location", centre.id.to_string().as_str()),
                ("held_on", today().as_str()),
                ("minutes", "20"),
                ("kind", "drop-in"),
                ("note", "Worried about exams."),
            ],
        )
        .await;
    assert_eq!(saved.status(), 303);
    let peer_id = person(app, "peer@demo.example").await;
    let log = app.store.support().logs_by(peer_id, 1).await.unwrap()[0].id;
    (log, queue)
}

both!(
    help_shows_each_sites_crisis_contacts_and_every_page_links_it,
    |app: TestApp| async move {
        let visitor = app.visitor().await;
        let (status, help) = visitor.page("/help").await;
        assert_eq!(status, 200);
        // The demo campus's contacts, with the number ready to tap.
        assert!(help.contains("Crisis contacts at our sites"));
        assert!(help.contains("Riverside Campus"));
        assert!(help.contains("href=\"tel:0800123456\""), "{help}");
        assert!(help.contains("(day and night)"));

        // A coordinator changes them in the site's crisis form; /help follows.
        let coordinator = app.sign_in("coordinator@demo.example").await;
        let site = campus(&app).await;
        let (status, form) = coordinator
            .page(&format!("/one-to-one/sites/{site}/crisis"))
            .await;
        assert_eq!(status, 200);
        assert!(form.contains("name=\"crisis_contacts\""));
        let saved = coordinator
            .post(
                &format!("/one-to-one/sites/{site}/crisis"),
                &[
                    ("on_call", ""),
                    ("checklist", "Stay with them.\nCall the on-call supervisor."),
                    (
                        "crisis_contacts",
                        "Campus nurse: +383 38 000 111\nAsk at the front desk, room 2",
                    ),
                ],
            )
            .await;
        assert_eq!(saved.status(), 303);
        let (_, help) = visitor.page("/help").await;
        assert!(help.contains("href=\"tel:+38338000111\""));
        assert!(help.contains("Ask at the front desk, room 2"));
        assert!(!help.contains("tel:0800123456"));
        // A peer may not change them.
        let peer = app.sign_in("peer@demo.example").await;
        let refused = peer
            .post(
                &format!("/one-to-one/sites/{site}/crisis"),
                &[("checklist", "x"), ("crisis_contacts", "Call 000")],
            )
            .await;
        assert_eq!(refused.status(), 403);
        assert!(
            !visitor.page("/help").await.1.contains("Call 000"),
            "a refused change changes nothing"
        );

        // Every page links /help, signed in or not.
        let code = centre(&app).await.checkin_code;
        let token = app.store.stories().approved().await.unwrap()[0]
            .share_token
            .clone();
        for path in [
            "/sign-in".to_owned(),
            "/help".to_owned(),
            format!("/check-in/{code}"),
            format!("/s/{token}"),
            "/no-such-page".to_owned(),
        ] {
            let (_, page) = visitor.page(&path).await;
            assert!(page.contains("href=\"/help\""), "{path} links /help");
        }
        for path in [
            "/",
            "/one-to-one",
            "/stories",
            "/profile",
            "/profile/my-data",
        ] {
            let (status, page) = peer.page(path).await;
            assert_eq!(status, 200, "{path}");
            assert!(page.contains("href=\"/help\""), "{path} links /help");
        }
    }
);

both!(
    the_daily_job_archives_old_logs_and_forgets_walk_ins_names,
    |app: TestApp| async move {
        let admin = app.sign_in("admin@demo.example").await;
        let peer = app.sign_in("peer@demo.example").await;
        let supervisor = app.sign_in("supervisor@demo.example").await;
        let coordinator = app.sign_in("coordinator@demo.example").await;

        // Only an administrator sets the periods.
        assert_eq!(coordinator.page("/admin/retention").await.0, 403);
        assert_eq!(peer.page("/admin/retention").await.0, 403);
        assert_eq!(
            coordinator
                .post(
                    "/admin/retention",
                    &[("log_archive_months", "1"), ("queue_name_hours", "1")]
                )
                .await
                .status(),
            403
        );
        let (status, page) = admin.page("/admin/retention").await;
        assert_eq!(status, 200);
        assert!(page.contains("value=\"24\""), "the defaults are shown");
        // Bad values are refused field by field and change nothing.
        let bad = admin
            .post(
                "/admin/retention",
                &[("log_archive_months", "0"), ("queue_name_hours", "many")],
            )
            .await;
        assert_eq!(bad.status(), 422);
        let body = bad.text().await.unwrap();
        assert!(body.contains("Enter a whole number from 1 to 120."));
        assert!(body.contains("Enter a whole number from 1 to 720."));
        let kept = app.store.privacy().retention().await.unwrap();
        assert_eq!((kept.log_archive_months, kept.queue_name_hours), (24, 24));
        let saved = admin
            .post(
                "/admin/retention",
                &[("log_archive_months", "2"), ("queue_name_hours", "1")],
            )
            .await;
        assert_eq!(saved.status(), 303);

        // The runner queued tomorrow's pass when it started, once.
        let mut next = None;
        for _ in 0..50 {
            next = app.store.privacy().next_run("retention").await.unwrap();
            if next.is_some() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let next = next.expect("a retention pass is queued");
        assert!(next > hearth_store::now_ms());

        let (old_log, old_visit) = log_a_visit(&app, &peer, "Ariel").await;
        let (new_log, new_visit) = log_a_visit(&app, &peer, "Blue").await;
        // Ariel's log is three months old, and Ariel was seen two hours ago.
        let day = 86_400_000i64;
        let peer_id = person(&app, "peer@demo.example").await;
        backdate(&app, old_log, old_visit, 90 * day, 2 * 3_600_000).await;

        // The daily pass comes due and the job runner does it.
        app.store
            .db()
            .execute_raw("UPDATE jobs SET run_at = 0 WHERE kind = 'retention'")
            .await
            .unwrap();
        let mut archived = Vec::new();
        for _ in 0..60 {
            archived = app
                .store
                .support()
                .archived_logs_by(peer_id, 10)
                .await
                .unwrap();
            if !archived.is_empty() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        assert_eq!(archived.len(), 1, "the old log was archived");
        assert_eq!(archived[0].id, old_log);
        // The next pass is queued for tomorrow.
        assert!(
            app.store
                .privacy()
                .next_run("retention")
                .await
                .unwrap()
                .is_some_and(|at| at > hearth_store::now_ms())
        );

        // Ariel's name is forgotten; Blue (seen just now) keeps theirs.
        assert_eq!(
            app.store
                .support()
                .queue_entry(old_visit)
                .await
                .unwrap()
                .name,
            ""
        );
        assert_eq!(
            app.store
                .support()
                .queue_entry(new_visit)
                .await
                .unwrap()
                .name,
            "Blue"
        );

        // The archived log left the lists...
        let (_, mine) = peer.page("/one-to-one/my-logs").await;
        assert!(!mine.contains(&old_log.to_string()));
        assert!(mine.contains(&new_log.to_string()));
        let (_, caseload) = supervisor
            .page(&format!("/one-to-one/peers/{}", peer_id.0))
            .await;
        assert!(!caseload.contains(&old_log.to_string()));
        // ...and is listed as archived for its author and their supervisor...
        let (status, page) = peer.page("/one-to-one/archived-logs").await;
        assert_eq!(status, 200);
        assert!(page.contains(&old_log.to_string()));
        assert!(!page.contains(&new_log.to_string()));
        let archived_of_peer = format!("/one-to-one/archived-logs?peer={}", peer_id.0);
        let (status, page) = supervisor.page(&archived_of_peer).await;
        assert_eq!(status, 200);
        assert!(page.contains(&old_log.to_string()));
        // ...never for anyone else...
        assert_eq!(coordinator.page(&archived_of_peer).await.0, 403);
        assert_eq!(admin.page(&archived_of_peer).await.0, 403);
        // ...and stays readable by who may read it, each read audited.
        let (status, page) = supervisor
            .page(&format!("/one-to-one/logs/{old_log}"))
            .await;
        assert_eq!(status, 200);
        assert!(page.contains("Worried about exams."));
        assert_eq!(
            coordinator
                .page(&format!("/one-to-one/logs/{old_log}"))
                .await
                .0,
            403
        );
        let reads = app
            .store
            .support()
            .reads_of_logs_by(peer_id, 10)
            .await
            .unwrap();
        assert!(
            reads
                .iter()
                .any(|r| r.log_id == old_log && r.reader_name.as_deref() == Some("Sam Supervisor"))
        );

        // "Apply now" does the same at once, and says what it did.
        let applied = admin.post("/admin/retention/apply", &[]).await;
        assert_eq!(applied.status(), 303);
        let (_, page) = admin.page(&location(&applied)).await;
        assert!(
            page.contains("Done: 0 logs archived, 0 names forgotten."),
            "{page}"
        );
    }
);

/// Moves a log `log_ms` and a queue entry `visit_ms` into the past, on
/// either database (ids are blobs on SQLite, UUIDs on PostgreSQL).
async fn backdate(app: &TestApp, log: Uuid, visit: Uuid, log_ms: i64, visit_ms: i64) {
    let id = |id: Uuid| match app.store.db().backend() {
        hearth_store::Backend::Sqlite => format!("x'{}'", id.simple()),
        hearth_store::Backend::Postgres => format!("'{id}'"),
    };
    app.store
        .db()
        .execute_raw(&format!(
            "UPDATE support_logs SET created_at = created_at - {log_ms} WHERE id = {}",
            id(log)
        ))
        .await
        .unwrap();
    app.store
        .db()
        .execute_raw(&format!(
            "UPDATE support_queue SET added_at = added_at - {visit_ms}, taken_at = taken_at - {visit_ms} WHERE id = {}",
            id(visit)
        ))
        .await
        .unwrap();
}

both!(
    an_administrator_exports_a_person_and_the_export_is_audited,
    |app: TestApp| async move {
        let admin = app.sign_in("admin@demo.example").await;
        let teacher = person(&app, "teacher@demo.example").await;
        let path = format!("/people/{}/export.json", teacher.0);
        // Nobody but an administrator: not a coordinator, not the person's peers.
        for who in [
            "coordinator@demo.example",
            "supervisor@demo.example",
            "participant@demo.example",
        ] {
            let visitor = app.sign_in(who).await;
            assert_eq!(visitor.page(&path).await.0, 403, "{who}");
            assert_eq!(
                visitor.page(&format!("/people/{}/data", teacher.0)).await.0,
                403,
                "{who}"
            );
        }
        let (status, page) = admin.page(&format!("/people/{}", teacher.0)).await;
        assert_eq!(status, 200);
        assert!(page.contains(&format!("href=\"/people/{}/data\"", teacher.0)));
        let response = admin.get(&path).await;
        assert_eq!(response.status(), 200);
        assert!(
            response.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .starts_with("attachment")
        );
        let export: serde_json::Value = response.json().await.unwrap();
        assert_eq!(export["person"]["email"], "teacher@demo.example");
        assert!(!export["roles"].as_array().unwrap().is_empty());
        let stories = export["writing"]["stories"].as_array().unwrap();
        assert!(
            stories
                .iter()
                .any(|s| s["title"] == "I'm here, for them and for me")
        );
        // Nobody else's writing: the participant's story is not in it.
        assert!(!export.to_string().contains("Saying it out loud"));
        // The export is in the audit log, and in the person's own.
        let (_, audit) = admin.page("/admin/audit").await;
        assert!(audit.contains("an export of their data"));
        let mine: serde_json::Value = app
            .sign_in("teacher@demo.example")
            .await
            .get("/profile/my-data.json")
            .await
            .json()
            .await
            .unwrap();
        assert!(
            mine["reads_of_your_data"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r["action"] == "export" && r["by"] == "Alex Admin"),
            "{mine}"
        );
    }
);

both!(
    a_person_downloads_what_is_recorded_about_them,
    |app: TestApp| async move {
        let peer = app.sign_in("peer@demo.example").await;
        let (log, _) = log_a_visit(&app, &peer, "Sol").await;
        let supervisor = app.sign_in("supervisor@demo.example").await;
        assert_eq!(
            supervisor.page(&format!("/one-to-one/logs/{log}")).await.0,
            200
        );

        let (status, page) = peer.page("/profile").await;
        assert_eq!(status, 200);
        assert!(page.contains("href=\"/profile/my-data\""));
        let (status, page) = peer.page("/profile/my-data").await;
        assert_eq!(status, 200);
        assert!(page.contains("href=\"/profile/my-data.json\""));
        assert!(page.contains("your ongoing one-to-one support"), "{page}");
        let response = peer.get("/profile/my-data.json").await;
        assert_eq!(response.status(), 200);
        let export: serde_json::Value = response.json().await.unwrap();
        assert_eq!(export["person"]["email"], "peer@demo.example");
        // The log they wrote, without its note (it is about the walk-in).
        let logs = export["support"]["session_logs_written"]
            .as_array()
            .unwrap();
        assert!(
            logs.iter()
                .any(|l| l["minutes"] == 20 && l["kind"] == "drop-in")
        );
        assert!(!export.to_string().contains("Worried about exams."));
        assert!(
            !export.to_string().contains("Sol"),
            "the walk-in's name is not theirs"
        );
        // The supervisor's read of their log is there.
        assert!(
            export["reads_of_your_data"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r["by"] == "Sam Supervisor" && r["what"] == "session-log")
        );
        // Signed out, there is nothing to download.
        let visitor = app.visitor().await;
        let response = visitor.get("/profile/my-data.json").await;
        assert_ne!(response.status(), 200);
    }
);

/// What Teuta (the teacher) writes in the areas that came after the first
/// erasure, and the ids to look for it again.
struct TeutasWriting {
    support: Uuid,
    referral: Uuid,
    channel: Uuid,
    group: hearth_domain::support_groups::SupportGroupId,
    meeting: Uuid,
    poll: Uuid,
    poll_token: String,
    pulse: Uuid,
}

/// Her own words in each area: the export holds them, the erasure removes them.
const TEUTAS_WORDS: &[&str] = &[
    "Marking keeps me awake",
    "Four talks on sleep and workload",
    "Teuta found an evening rhythm",
    "My class made me laugh today",
    "A village school by the river",
    "Table notes from the belonging table",
];
/// Other people's private words about or near her: never in her export.
const NOT_HERS: &[&str] = &["Pat's own note: sounded tired", "Blerim says hello"];

async fn teuta_writes_in_every_area(app: &TestApp) -> TeutasWriting {
    use hearth_domain::meeting_flow::{DateAnswer, PulseQuestion, QuestionKind};
    let store = &app.store;
    let teuta = person(app, "teacher@demo.example").await;
    let peer = person(app, "peer@demo.example").await;
    let coordinator = person(app, "coordinator@demo.example").await;
    let blerim = person(app, "blerim@demo.example").await;
    let site = campus(app).await;
    // Ongoing support: she asks, Pat is matched, they agree, Pat closes it
    // and refers her to a service with a note of his own.
    let ongoing = store.ongoing();
    let support = ongoing
        .ask(&hearth_store::NewRequest {
            site,
            student: teuta,
            referred_by: None,
            help_with: TEUTAS_WORDS[0].to_owned(),
            language: None,
            peer_kind: None,
            topics: Vec::new(),
            availability: Vec::new(),
        })
        .await
        .unwrap();
    ongoing.assign(support, peer, coordinator).await.unwrap();
    ongoing
        .propose(support, peer, 4, TEUTAS_WORDS[1])
        .await
        .unwrap();
    ongoing.confirm(support, teuta).await.unwrap();
    ongoing
        .close_calling_off(support, peer, TEUTAS_WORDS[2])
        .await
        .unwrap();
    let service = store.services().list(false).await.unwrap()[0].id;
    let referral = ongoing
        .refer(&hearth_store::NewReferral {
            site: Some(site),
            referrer: peer,
            service,
            source: "ongoing",
            source_id: Some(support),
            person: Some(teuta),
            person_label: "Teuta".to_owned(),
            note: Some(NOT_HERS[0].to_owned()),
            follow_up_at: hearth_store::now_ms() + hearth_store::DAY_MS,
        })
        .await
        .unwrap();
    // She also serves as a peer worker: her matching profile.
    ongoing
        .save_profile(
            teuta,
            &hearth_store::PeerProfile {
                languages: vec!["sq".to_owned()],
                open_to_new: false,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    // Her group's channel: her message, and Blerim's after it.
    let group = crate::support_groups::group_named(app, "I'm here").await;
    let channel = store.conversations().group_channel(group).await.unwrap().id;
    for (author, name, body) in [
        (teuta, "Teuta", TEUTAS_WORDS[3]),
        (blerim, "Blerim", NOT_HERS[1]),
    ] {
        let seq = store.conversations().last_seq(channel).await.unwrap() + 1;
        store
            .conversations()
            .post(
                channel,
                seq,
                &hearth_store::NewMessage {
                    author_kind: hearth_store::AuthorKind::Member,
                    author_id: Some(author),
                    author_name: name,
                    body,
                    reply_to: None,
                    mentions: &[],
                },
            )
            .await
            .unwrap();
    }
    // The next meeting: her kept icebreaker note, a World Café table she
    // hosts, her answer to a date poll (with her personal link), a pulse,
    // and the group's ground rules accepted.
    let now = hearth_store::now_ms();
    let meeting = crate::meeting_flow::next_meeting(app, group).await;
    let flow = store.meeting_flow();
    flow.open_icebreaker(meeting, &[teuta], 120).await.unwrap();
    flow.write_note(
        meeting,
        teuta,
        [TEUTAS_WORDS[4], "Teaching Year 7", "A calmer school"],
        true,
    )
    .await
    .unwrap();
    flow.set_up_cafe(meeting, &[("Belonging".to_owned(), teuta)], 2, 10)
        .await
        .unwrap();
    flow.write_cafe_note(meeting, 0, 1, TEUTAS_WORDS[5])
        .await
        .unwrap();
    let poll = store
        .date_polls()
        .create(
            group,
            &hearth_store::NewDatePoll {
                meeting_id: None,
                title: "When next?".to_owned(),
                place: None,
                online: false,
                time_zone: "Europe/Belgrade".to_owned(),
                options: vec![now + 7 * hearth_store::DAY_MS],
            },
            teuta,
        )
        .await
        .unwrap();
    let option = store.date_polls().get(group, poll).await.unwrap().options[0].id;
    store
        .date_polls()
        .answer(poll, teuta, &[(option, DateAnswer::Yes)])
        .await
        .unwrap();
    let poll_token = store.date_polls().new_token(poll, teuta).await.unwrap();
    let pulse = store
        .pulses()
        .create(
            group,
            "How did today feel?",
            &[PulseQuestion {
                text: "In a few words".to_owned(),
                kind: QuestionKind::Words,
            }],
            blerim,
        )
        .await
        .unwrap();
    store
        .pulses()
        .answer(
            pulse,
            teuta,
            &[hearth_store::PulseAnswer::Words(Some("Lighter".to_owned()))],
        )
        .await
        .unwrap();
    store
        .events()
        .accept_ground_rules(hearth_store::Audience::SupportGroup(group), teuta, 1)
        .await
        .unwrap();
    TeutasWriting {
        support,
        referral,
        channel,
        group,
        meeting,
        poll,
        poll_token,
        pulse,
    }
}

/// The numbers reports and group pages count in those areas.
async fn area_counts(app: &TestApp, w: &TeutasWriting) -> (String, Vec<i64>) {
    let figures = app
        .store
        .reports()
        .ongoing_support(&hearth_store::ReportFilter::default())
        .await
        .unwrap();
    let peer = person(app, "peer@demo.example").await;
    let (messages, _) = app
        .store
        .conversations()
        .history(w.channel, None, 500)
        .await
        .unwrap();
    let counts = vec![
        app.store.ongoing().all().await.unwrap().len() as i64,
        app.store.ongoing().sessions(w.support).await.unwrap().len() as i64,
        app.store.ongoing().referrals_by(peer).await.unwrap().len() as i64,
        messages.len() as i64,
        app.store
            .pulses()
            .get(w.group, w.pulse)
            .await
            .unwrap()
            .respondents,
    ];
    (format!("{figures:?}"), counts)
}

async fn report_csvs(visitor: &Visitor) -> Vec<String> {
    let mut all = Vec::new();
    for path in [
        "/reports/activity.csv?by=kind,site,month",
        "/reports/activity.csv?by=",
        "/reports/events.csv",
        "/reports/training.csv",
        "/reports/drop-in-hours.csv",
    ] {
        let response = visitor.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        all.push(response.text().await.unwrap());
    }
    all
}

both!(
    erasing_a_person_removes_them_and_keeps_the_reports_counts,
    |app: TestApp| async move {
        let admin = app.sign_in("admin@demo.example").await;
        let teacher = person(&app, "teacher@demo.example").await;
        // The teacher came to a coaching session that reports count.
        let coordinator = app.sign_in("coordinator@demo.example").await;
        let site = campus(&app).await.to_string();
        let recorded = coordinator
            .post(
                "/reports/activities/new",
                &[
                    ("date", "2026-10-05"),
                    ("kind", "coaching"),
                    ("site", site.as_str()),
                    ("phase", ""),
                    ("title", "Coaching"),
                    ("attendees", "teacher@demo.example participant@demo.example"),
                    ("head_count", ""),
                ],
            )
            .await;
        assert_eq!(recorded.status(), 303);
        let before = report_csvs(&admin).await;
        assert!(before[0].contains("Coaching"), "{}", before[0]);
        // She writes in ongoing support, her group's channel and its meeting.
        let writing = teuta_writes_in_every_area(&app).await;
        let counts_before = area_counts(&app, &writing).await;
        let export = admin
            .get(&format!("/people/{}/export.json", teacher.0))
            .await
            .text()
            .await
            .unwrap();
        for words in TEUTAS_WORDS {
            assert!(export.contains(words), "her export holds {words:?}");
        }
        for words in NOT_HERS {
            assert!(!export.contains(words), "her export leaves out {words:?}");
        }
        let export: serde_json::Value = serde_json::from_str(&export).unwrap();
        assert_eq!(
            export["ongoing_support"]["matching_profile"]["languages"],
            "sq"
        );
        assert_eq!(
            export["support_group_meetings"]["pulses_answered"][0]["pulse"],
            "How did today feel?"
        );
        assert_eq!(
            export["ongoing_support"]["referred_to_services"]
                .as_array()
                .unwrap()
                .len(),
            1
        );
        let participant = app.sign_in("participant@demo.example").await;
        let (_, stories) = participant.page("/stories").await;
        assert!(stories.contains("for them and for me"));
        let story = app.store.stories().by_author(teacher).await.unwrap()[0].clone();
        // And a draft with a picture, which must go with her.
        let picture = app
            .store
            .files()
            .put(hearth_store::NewFile {
                name: "story-picture",
                content_type: "image/png",
                bytes: b"\x89PNG\r\n\x1a\n",
                uploaded_by: Some(teacher),
            })
            .await
            .unwrap();
        app.store
            .stories()
            .write(
                teacher,
                hearth_store::StoryText {
                    title: "A draft with a picture",
                    body: "Not finished.",
                    signature: hearth_domain::stories::Signature::FullName,
                    signed_as: "Teuta Teacher",
                    audience: hearth_domain::stories::StoryAudience::Organisation,
                    picture: Some((picture, "Our classroom")),
                    remove_picture: false,
                    send: false,
                },
            )
            .await
            .unwrap();
        assert_eq!(
            app.visitor()
                .await
                .page(&format!("/s/{}", story.share_token))
                .await
                .0,
            200
        );

        // She downloads the same herself: her request and Pat's summary of it.
        let mine = app
            .sign_in("teacher@demo.example")
            .await
            .get("/profile/my-data.json")
            .await
            .text()
            .await
            .unwrap();
        assert!(mine.contains(TEUTAS_WORDS[0]) && mine.contains(TEUTAS_WORDS[2]));
        assert!(!mine.contains(NOT_HERS[0]));

        // A wrong confirmation changes nothing.
        let data = format!("/people/{}/data", teacher.0);
        let erase = format!("/people/{}/erase", teacher.0);
        let wrong = admin
            .post(&erase, &[("confirm", "someone@demo.example")])
            .await;
        assert_eq!(wrong.status(), 422);
        assert!(
            wrong
                .text()
                .await
                .unwrap()
                .contains("That is not their email. Nothing was erased.")
        );
        assert_eq!(
            app.store.people().get(teacher).await.unwrap().email,
            "teacher@demo.example"
        );
        // Nobody but an administrator erases, and never themself.
        assert_eq!(
            coordinator
                .post(&erase, &[("confirm", "teacher@demo.example")])
                .await
                .status(),
            403
        );
        let admin_id = person(&app, "admin@demo.example").await;
        let myself = admin
            .post(
                &format!("/people/{}/erase", admin_id.0),
                &[("confirm", "admin@demo.example")],
            )
            .await;
        assert_eq!(myself.status(), 422);

        let erased = admin
            .post(&erase, &[("confirm", "Teacher@Demo.example")])
            .await;
        assert_eq!(erased.status(), 303);
        let (_, page) = admin.page(&location(&erased)).await;
        assert!(page.contains("The person was erased."));
        assert!(app.store.privacy().is_erased(teacher).await.unwrap());

        // Their name, email, roles and writing are gone from the database.
        let tombstone = app.store.people().get(teacher).await.unwrap();
        assert_eq!(tombstone.display_name, "Erased person");
        assert!(tombstone.email.ends_with("@erased.invalid"));
        assert!(!tombstone.active);
        assert!(
            app.store
                .people()
                .find_by_email(&Email::parse("teacher@demo.example").unwrap())
                .await
                .unwrap()
                .is_none()
        );
        assert!(app.store.people().grants(teacher).await.unwrap().is_empty());
        assert!(
            app.store
                .stories()
                .by_author(teacher)
                .await
                .unwrap()
                .is_empty()
        );
        let export: serde_json::Value = admin
            .get(&format!("/people/{}/export.json", teacher.0))
            .await
            .json()
            .await
            .unwrap();
        let text = export.to_string();
        assert!(!text.contains("teacher@demo.example"));
        assert!(!text.contains("Teuta"));
        assert!(export["writing"]["stories"].as_array().unwrap().is_empty());
        assert!(
            app.store.files().get(picture).await.is_err(),
            "her story's picture is erased with it"
        );
        // The public page no longer shows the story; signing in no longer works.
        let (_, stories) = participant.page("/stories").await;
        assert!(!stories.contains("for them and for me"));
        assert_eq!(
            app.visitor()
                .await
                .page(&format!("/s/{}", story.share_token))
                .await
                .0,
            404
        );
        let visitor = app.visitor().await;
        let (_, page) = visitor.page("/sign-in").await;
        let csrf = csrf_in(&page).unwrap();
        let attempt = visitor
            .client
            .post(app.url("/sign-in"))
            .form(&[
                ("csrf", csrf.as_str()),
                ("email", "teacher@demo.example"),
                ("password", DEMO_PASSWORD),
            ])
            .send()
            .await
            .unwrap();
        assert_ne!(attempt.status(), 303, "an erased person cannot sign in");

        // Only anonymous counts remain, and the reports count the same.
        assert_eq!(report_csvs(&admin).await, before);
        assert_eq!(area_counts(&app, &writing).await, counts_before);
        for words in TEUTAS_WORDS {
            assert!(!text.contains(words), "{words:?} left her export");
        }
        let support = app.store.ongoing().get(writing.support).await.unwrap();
        assert_eq!(support.help_with, "");
        assert_eq!((support.covers, support.closing_summary), (None, None));
        assert!(support.closed_at.is_some(), "it still counts as closed");
        let referral = app
            .store
            .ongoing()
            .referral(writing.referral)
            .await
            .unwrap();
        assert_eq!(
            (referral.person_label.as_str(), referral.note),
            ("Erased person", None)
        );
        let (messages, _) = app
            .store
            .conversations()
            .history(writing.channel, None, 500)
            .await
            .unwrap();
        let (hers, others): (Vec<_>, Vec<_>) =
            messages.iter().partition(|m| m.author_id == Some(teacher));
        assert!(!hers.is_empty());
        for m in &hers {
            assert_eq!(
                (m.body.as_str(), m.author_name.as_str()),
                ("", "Erased person")
            );
            assert!(m.deleted_at.is_some());
        }
        // Each has a new number above everyone else's, and none is shared,
        // so pages that reconnect "after N" learn of the change.
        let others_last = others.iter().map(|m| m.seq).max().unwrap();
        assert!(hers.iter().all(|m| m.seq > others_last));
        let mut seqs: Vec<i64> = hers.iter().map(|m| m.seq).collect();
        seqs.sort_unstable();
        seqs.dedup();
        assert_eq!(seqs.len(), hers.len());
        assert!(
            messages.iter().any(|m| m.body == NOT_HERS[1]),
            "Blerim's words stay"
        );
        assert!(!app.store.ongoing().profile(teacher).await.unwrap().saved);
        let flow = app.store.meeting_flow();
        assert!(
            flow.own_note(writing.meeting, teacher)
                .await
                .unwrap()
                .is_none()
        );
        assert!(flow.cafe_notes(writing.meeting).await.unwrap().is_empty());
        let polls = app.store.date_polls();
        assert!(polls.answers(writing.poll).await.unwrap().is_empty());
        assert!(polls.by_token(&writing.poll_token).await.unwrap().is_none());
        assert!(
            !app.store
                .events()
                .has_accepted(
                    hearth_store::Audience::SupportGroup(writing.group),
                    teacher,
                    1
                )
                .await
                .unwrap()
        );
        // The erasure is in the audit log; erasing twice is refused.
        let (_, audit) = admin.page("/admin/audit").await;
        assert!(audit.contains("their erasure"));
        let (_, page) = admin.page(&data).await;
        assert!(page.contains("This person was erased."));
        let again = admin
            .post(&erase, &[("confirm", tombstone.email.as_str())])
            .await;
        assert_eq!(again.status(), 422);
    }
);

both!(
    drop_in_visits_by_hour_of_the_week_hide_small_counts,
    |app: TestApp| async move {
        let location = centre(&app).await;
        let peer = person(&app, "peer@demo.example").await;
        // Six walk-ins seen, one left unseen: only those seen count.
        for name in ["A", "B", "C", "D", "E", "F"] {
            app.store
                .support()
                .join_queue(location.id, name, "peer")
                .await
                .unwrap();
            app.store
                .support()
                .take_next(location.id, peer)
                .await
                .unwrap()
                .unwrap();
        }
        app.store
            .support()
            .join_queue(location.id, "G", "peer")
            .await
            .unwrap();
        let zone = jiff::tz::TimeZone::get("Europe/Belgrade").unwrap();
        let now = jiff::Timestamp::now().to_zoned_datetime(zone);
        let weekday = [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ][now.weekday().to_monday_zero_offset() as usize];
        let hour = format!("{:02}:00", now.hour());

        // Today only: the demo's visits of past weeks stay out of the sums.
        let today = now.date().to_string();
        let day = format!("from={today}&to={today}");
        let coordinator = app.sign_in("coordinator@demo.example").await;
        let (status, page) = coordinator.page(&format!("/reports?{day}")).await;
        assert_eq!(status, 200);
        assert!(page.contains("Drop-in visits by hour of the week (6 walk-ins seen"));
        assert!(page.contains("class=\"report-chart heat-map\""));
        assert!(page.contains(&format!(
            "href=\"/reports/drop-in-hours.csv?{}\"",
            day.replace('&', "&#38;")
        )));

        // The CSV holds exactly the table: a row per weekday, a column per hour.
        let csv = coordinator
            .get(&format!("/reports/drop-in-hours.csv?{day}"))
            .await
            .text()
            .await
            .unwrap();
        let lines: Vec<Vec<String>> = csv
            .lines()
            .map(|l| l.split(',').map(str::to_owned).collect())
            .collect();
        assert_eq!(lines.len(), 8);
        assert_eq!(lines[0], vec!["Day".to_owned(), hour.clone()]);
        let row = lines.iter().find(|l| l[0] == weekday).unwrap();
        assert_eq!(row[1], "6");
        assert!(
            lines[1..]
                .iter()
                .filter(|l| l[0] != weekday)
                .all(|l| l[1] == "0")
        );

        // Fewer than five are never shown as a number.
        let site = campus(&app).await;
        let filtered = format!("/reports/drop-in-hours.csv?site={site}&from={today}&to={today}");
        let csv = coordinator.get(&filtered).await.text().await.unwrap();
        assert!(csv.contains(",6"));
        app.store
            .db()
            .execute_raw(
                "UPDATE support_queue SET taken_at = NULL, removed_at = 1 WHERE name IN ('A', 'B')",
            )
            .await
            .unwrap();
        let csv = coordinator
            .get(&format!("/reports/drop-in-hours.csv?{day}"))
            .await
            .text()
            .await
            .unwrap();
        assert!(csv.contains(&format!("{weekday},<5")), "{csv}");
        let (_, page) = coordinator.page(&format!("/reports?{day}")).await;
        assert!(page.contains("fewer than 5 walk-ins seen") || page.contains("(fewer than 5"));
        assert!(page.contains("&lt;5"), "the chart's cell reads <5");

        // Another site's coordinator never sees the campus's visits; a
        // programme (drop-ins belong to none) gives nothing.
        let municipality = app.sign_in("municipality@demo.example").await;
        let csv = municipality
            .get("/reports/drop-in-hours.csv")
            .await
            .text()
            .await
            .unwrap();
        assert!(!csv.contains("<5") && !csv.contains(",4"), "{csv}");
        let programme = app.store.org().programmes(false).await.unwrap()[0].id;
        let csv = coordinator
            .get(&format!("/reports/drop-in-hours.csv?programme={programme}"))
            .await
            .text()
            .await
            .unwrap();
        assert!(!csv.contains("<5"));
        // A participant sees no reports at all.
        let participant = app.sign_in("participant@demo.example").await;
        assert_eq!(participant.page("/reports/drop-in-hours.csv").await.0, 403);
    }
);
