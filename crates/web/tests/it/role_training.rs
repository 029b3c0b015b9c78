//! Roles that training unlocks: what each role needs, refusals that name
//! what is missing, the administrator's recorded override, and the
//! coordinator told (and offered the role) when the last piece is done.

use crate::both;
use crate::helpers::*;
use crate::training::training_cohort;
use hearth_domain::UserId;
use hearth_domain::input::Email;
use hearth_domain::roles::{PeerWorkerKind, Role, Scope};

pub const SPRING_COHORT: &str = "Peer supporter training, spring";

pub async fn person(app: &TestApp, email: &str) -> UserId {
    app.store
        .people()
        .find_by_email(&Email::parse(email).unwrap())
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn holds(app: &TestApp, user: UserId, role: Role) -> bool {
    app.store
        .people()
        .grants(user)
        .await
        .unwrap()
        .iter()
        .any(|g| g.grant.role == role)
}

/// Delivers one curriculum session to a cohort now and marks people present.
pub async fn deliver(
    app: &TestApp,
    cohort: hearth_domain::CohortId,
    session: uuid::Uuid,
    present: &[UserId],
) -> uuid::Uuid {
    let by = person(app, "facilitator@demo.example").await;
    let activity = app
        .store
        .activities()
        .record(&hearth_store::NewActivity {
            kind: "training-session",
            title: "A session",
            site_id: None,
            cohort_id: Some(cohort),
            phase_id: None,
            occurred_at: hearth_store::now_ms(),
        })
        .await
        .unwrap();
    let delivery = app
        .store
        .training()
        .schedule(cohort, session, activity, hearth_store::now_ms(), None, by)
        .await
        .unwrap();
    for user in present {
        app.store
            .activities()
            .mark(
                activity,
                *user,
                hearth_store::AttendanceStatus::Present,
                None,
            )
            .await
            .unwrap();
    }
    delivery
}

const PSW: Role = Role::PeerWorker(PeerWorkerKind::PeerSupportWorker);

both!(
    a_role_whose_training_is_incomplete_is_refused_naming_what_is_missing,
    |app: TestApp| async move {
        let tomi = person(&app, "trainee@demo.example").await;
        let campus = app.cohort_named(SPRING_COHORT).await.site_id;
        let coordinator = app.sign_in("coordinator@demo.example").await;
        let path = format!("/people/{tomi}/roles");
        let role = PSW.key();
        let scope = format!("site:{campus}");
        let fields = [("role", role.as_str()), ("scope", scope.as_str())];
        let refused = coordinator.post(&path, &fields).await;
        assert_eq!(refused.status(), 422);
        let body = refused.text().await.unwrap();
        assert!(body.contains("Peer support worker needs training that is not complete yet"));
        for module in [
            "Module 1: Introducing peer support (Peer 2 Peer)",
            "Module 2: The peer support relationship (Peer 2 Peer)",
            "Module 3: Peer concepts and practice (Peer 2 Peer)",
        ] {
            assert!(body.contains(module), "names {module}");
        }
        assert!(
            body.contains(&format!("value=\"{role}\" selected")),
            "the choice is kept"
        );
        // A coordinator is not offered an override, and a reason does not help them.
        assert!(!body.contains("name=\"override_reason\""));
        let still = coordinator
            .post(
                &path,
                &[
                    ("role", role.as_str()),
                    ("scope", scope.as_str()),
                    ("override_reason", "Trust me"),
                ],
            )
            .await;
        assert_eq!(still.status(), 422);
        assert!(!holds(&app, tomi, PSW).await);

        // A role that needs no training is given as before.
        let given = coordinator
            .post(&path, &[("role", "supervisor"), ("scope", scope.as_str())])
            .await;
        assert_eq!(given.status(), 303);

        // An administrator is offered the override; without a reason it is refused.
        let admin = app.sign_in("admin@demo.example").await;
        let offered = admin.post(&path, &fields).await;
        assert_eq!(offered.status(), 422);
        assert!(
            offered
                .text()
                .await
                .unwrap()
                .contains("name=\"override_reason\"")
        );
        let blank = admin
            .post(
                &path,
                &[
                    ("role", role.as_str()),
                    ("scope", scope.as_str()),
                    ("override_reason", "   "),
                ],
            )
            .await;
        assert_eq!(blank.status(), 422);
        let long = "x".repeat(1001);
        let too_long = admin
            .post(
                &path,
                &[
                    ("role", role.as_str()),
                    ("scope", scope.as_str()),
                    ("override_reason", long.as_str()),
                ],
            )
            .await;
        assert_eq!(too_long.status(), 422);
        let body = too_long.text().await.unwrap();
        assert!(body.contains("id=\"f-override_reason-error\""));
        assert!(body.contains(&long), "what they typed is kept");
        assert!(!holds(&app, tomi, PSW).await);
        let overridden = admin
            .post(
                &path,
                &[
                    ("role", role.as_str()),
                    ("scope", scope.as_str()),
                    (
                        "override_reason",
                        "Trained as a peer worker in Tirana, 2025",
                    ),
                ],
            )
            .await;
        assert_eq!(overridden.status(), 303);
        assert!(holds(&app, tomi, PSW).await);
        let recorded = app.store.training().overrides(tomi).await.unwrap();
        assert_eq!(recorded.len(), 1);
        assert!(
            recorded[0]
                .missing
                .contains("Module 2: The peer support relationship")
        );
        assert_eq!(recorded[0].decided_by.as_deref(), Some("Alex Admin"));
        let (_, page) = coordinator.page(&format!("/people/{tomi}")).await;
        assert!(page.contains("Roles given before the training was complete"));
        assert!(page.contains("Trained as a peer worker in Tirana, 2025"));
        let (_, audit) = admin.page("/admin/audit").await;
        assert!(audit.contains("a role given before its training was complete"));

        // Someone whose training is complete is given the role at once.
        let besa = person(&app, "besa@demo.example").await;
        let done = coordinator
            .post(&format!("/people/{besa}/roles"), &fields)
            .await;
        assert_eq!(done.status(), 303);
        assert!(holds(&app, besa, PSW).await);
        assert!(
            app.store
                .training()
                .overrides(besa)
                .await
                .unwrap()
                .is_empty()
        );
    }
);

both!(
    coordinators_set_what_each_role_needs,
    |app: TestApp| async move {
        let coordinator = app.sign_in("coordinator@demo.example").await;
        let (status, home) = coordinator.page("/curricula").await;
        assert_eq!(status, 200);
        assert!(
            home.contains("href=\"/training/roles\""),
            "one click from the library"
        );
        let (status, page) = coordinator.page("/training/roles").await;
        assert_eq!(status, 200);
        assert!(page.contains("Peer support worker"));
        assert!(page.contains(
            "The session “Boundaries and risks” of Module 2: The peer support relationship (Peer 2 Peer)"
        ));
        for who in [
            "municipality@demo.example",
            "facilitator@demo.example",
            "trainee@demo.example",
        ] {
            let visitor = app.sign_in(who).await;
            assert_eq!(visitor.get("/training/roles").await.status(), 403, "{who}");
        }

        let (_, curriculum) = training_cohort(&app).await;
        let session = curriculum.modules[1].sessions[2].id;
        let coach = Role::PeerWorker(PeerWorkerKind::PeerAcademicCoach).key();
        let path = format!("/training/roles/{coach}");
        let (status, form) = coordinator.page(&path).await;
        assert_eq!(status, 200);
        assert!(form.contains(&format!(
            "value=\"module:{}\" checked",
            curriculum.modules[1].id
        )));
        let bad = coordinator
            .post(
                &path,
                &[
                    ("item", format!("session:{session}").as_str()),
                    ("item", "module:not-a-module"),
                ],
            )
            .await;
        assert_eq!(bad.status(), 422);
        let kept = app
            .store
            .training()
            .requirements_for(Role::PeerWorker(PeerWorkerKind::PeerAcademicCoach))
            .await
            .unwrap();
        assert_eq!(kept.len(), 1, "nothing changed");
        let saved = coordinator
            .post(&path, &[("item", format!("session:{session}").as_str())])
            .await;
        assert_eq!(saved.status(), 303);
        let now = app
            .store
            .training()
            .requirements_for(Role::PeerWorker(PeerWorkerKind::PeerAcademicCoach))
            .await
            .unwrap();
        assert_eq!(now.len(), 1);
        assert_eq!(
            now[0].item,
            hearth_domain::role_training::TrainingItem::Session(session)
        );
        assert_eq!(
            now[0].title,
            "What peer support is, and who the partners are"
        );
        assert_eq!(
            coordinator
                .get("/training/roles/administrator")
                .await
                .status(),
            404
        );
        assert_eq!(
            coordinator.get("/training/roles/wizard").await.status(),
            404
        );
    }
);

both!(
    the_last_sign_off_tells_the_coordinator_and_offers_the_role_in_one_step,
    |app: TestApp| async move {
        let (cohort, curriculum) = training_cohort(&app).await;
        let luan = person(&app, "luan@demo.example").await;
        let coordinator_id = person(&app, "coordinator@demo.example").await;
        let module_1 = &curriculum.modules[1];
        for session in &module_1.sessions {
            deliver(&app, cohort, session.id, &[luan]).await;
        }
        let before = app
            .store
            .notifications()
            .list(coordinator_id, 50)
            .await
            .unwrap()
            .len();
        let facilitator = app.sign_in("facilitator@demo.example").await;
        let (luan_text, module_text) = (luan.to_string(), module_1.id.to_string());
        let fields = [
            ("trainee", luan_text.as_str()),
            ("module", module_text.as_str()),
        ];
        let sign_off = format!("/cohorts/{cohort}/training/progress/sign-off");
        assert_eq!(facilitator.post(&sign_off, &fields).await.status(), 303);
        let notices = app
            .store
            .notifications()
            .list(coordinator_id, 50)
            .await
            .unwrap();
        // Module 1 alone is what a peer academic coach and an international
        // student peer mentor need (the Peer 2 Peer defaults).
        assert_eq!(notices.len(), before + 2);
        let titles: Vec<&str> = notices.iter().map(|n| n.title.as_str()).collect();
        assert!(
            titles.contains(&"Luan Berisha has completed the training for Peer academic coach")
        );
        let link = format!("/cohorts/{cohort}/training/trainees/{luan}#roles");
        assert!(
            notices
                .iter()
                .any(|n| n.link.as_deref() == Some(link.as_str()))
        );
        let mails = app.outbox().await;
        assert!(
            mails
                .iter()
                .any(|m| m.contains("To: coordinator@demo.example")
                    && m.contains("Luan Berisha has completed the training"))
        );
        // Signing off again tells nobody twice.
        assert_eq!(facilitator.post(&sign_off, &fields).await.status(), 303);
        assert_eq!(
            app.store
                .notifications()
                .list(coordinator_id, 50)
                .await
                .unwrap()
                .len(),
            before + 2
        );

        // The trainee page offers the role in one POST form; the facilitator
        // sees the progress but may not give roles.
        let trainee_page = format!("/cohorts/{cohort}/training/trainees/{luan}");
        let coach = Role::PeerWorker(PeerWorkerKind::PeerAcademicCoach);
        let give = format!("{trainee_page}/roles");
        let (_, page) = facilitator.page(&trainee_page).await;
        assert!(page.contains("Roles this training leads to"));
        assert!(page.contains("Module 2: The peer support relationship (Peer 2 Peer)"));
        assert!(!page.contains(&format!("action=\"{give}\"")));
        assert_eq!(
            facilitator
                .post(&give, &[("role", coach.key().as_str())])
                .await
                .status(),
            403
        );
        let coordinator = app.sign_in("coordinator@demo.example").await;
        let (status, page) = coordinator.page(&trainee_page).await;
        assert_eq!(status, 200);
        assert!(page.contains("Give Luan Berisha the role Peer academic coach at"));
        // Not yet complete: refused, and nothing given.
        let refused = coordinator
            .post(&give, &[("role", PSW.key().as_str())])
            .await;
        assert_eq!(refused.status(), 422);
        assert!(!holds(&app, luan, PSW).await);
        // A peer worker's term comes with the role: refused without one.
        let no_term = coordinator
            .post(&give, &[("role", coach.key().as_str())])
            .await;
        assert_eq!(no_term.status(), 422);
        let given = coordinator
            .post(
                &give,
                &[
                    ("role", coach.key().as_str()),
                    ("starts_on", "2026-09-01"),
                    ("ends_on", "2028-08-31"),
                ],
            )
            .await;
        assert_eq!(given.status(), 303);
        let site = app.store.org().cohort(cohort).await.unwrap().site_id;
        assert!(
            app.store
                .people()
                .grants(luan)
                .await
                .unwrap()
                .iter()
                .any(|g| g.grant.role == coach && g.grant.scope == Scope::Site(site))
        );
        let (_, page) = coordinator.page(&trainee_page).await;
        assert!(page.contains("Already holds this role."));
        // Luan is told, as with any new role.
        let luan_notices = app.store.notifications().list(luan, 10).await.unwrap();
        // (Luan reads Hearth in Albanian.)
        assert!(
            luan_notices
                .iter()
                .any(|n| n.title.contains("Trajner/e akademik/e bashkëmoshatar/e"))
        );
    }
);

both!(
    a_single_session_can_be_the_last_piece,
    |app: TestApp| async move {
        // Kofi finished Module 1 in spring; a peer educator also needs the
        // session "Listening and sharing with purpose" of Module 3.
        let spring = app.cohort_named(SPRING_COHORT).await.id;
        let kofi = person(&app, "kofi@demo.example").await;
        let coordinator_id = person(&app, "coordinator@demo.example").await;
        let curriculum = app
            .store
            .training()
            .curriculum(
                app.store
                    .training()
                    .cohort_curriculum(spring)
                    .await
                    .unwrap()
                    .unwrap(),
            )
            .await
            .unwrap();
        let session = curriculum.modules[3].sessions[0].id;
        let delivery = deliver(&app, spring, session, &[]).await;
        let facilitator = app.sign_in("facilitator@demo.example").await;
        let key = format!("status-{kofi}");
        let saved = facilitator
            .post(
                &format!("/cohorts/{spring}/training/deliveries/{delivery}"),
                &[(key.as_str(), "late")],
            )
            .await;
        assert_eq!(saved.status(), 303);
        let notices = app
            .store
            .notifications()
            .list(coordinator_id, 50)
            .await
            .unwrap();
        assert!(
            notices
                .iter()
                .any(|n| n.title == "Kofi Mensah has completed the training for Peer educator")
        );
    }
);

/// The numbers of the pipeline's row for `role` under the site heading `site`.
pub fn pipeline_row(page: &str, site: &str, role: &str) -> Vec<u32> {
    let block = page
        .split("<section")
        .find(|b| b.contains(&format!(">{site}</h2>")))
        .unwrap_or_else(|| panic!("no block for {site}"));
    let row = block
        .split("<tr>")
        .find(|r| r.contains(&format!("<th scope=\"row\">{role}")))
        .unwrap_or_else(|| panic!("no row for {role}"));
    row.split("<td")
        .skip(1)
        .map(|cell| {
            let (_, inside) = cell.split_once('>').unwrap();
            inside
                .split("</td>")
                .next()
                .unwrap()
                .trim()
                .parse()
                .unwrap()
        })
        .collect()
}

both!(
    peer_workers_serve_a_term_and_the_pipeline_counts_who_comes_and_goes,
    |app: TestApp| async move {
        let spring = app.cohort_named(SPRING_COHORT).await;
        let (campus, campus_name) = (spring.site_id, spring.site_name.clone());
        let besa = person(&app, "besa@demo.example").await;
        let coordinator = app.sign_in("coordinator@demo.example").await;
        let (_, library) = coordinator.page("/curricula").await;
        assert!(
            library.contains("href=\"/training/pipeline\""),
            "two clicks from the navigation"
        );
        let (status, page) = coordinator.page("/training/pipeline").await;
        assert_eq!(status, 200);
        // Serving, leaving in 6 months, past the end, in training, trained.
        // Pat serves and leaves in four months (the demo); Luan, Elena and Kofi
        // are on their way; Besa is trained and waits for the role.
        assert_eq!(
            pipeline_row(&page, &campus_name, "Peer support worker"),
            [1, 1, 0, 3, 1]
        );

        let path = format!("/people/{besa}/roles");
        let role = PSW.key();
        let scope = format!("site:{campus}");
        let too_long = coordinator
            .post(
                &path,
                &[
                    ("role", role.as_str()),
                    ("scope", scope.as_str()),
                    ("starts_on", "2026-09-01"),
                    ("ends_on", "2029-09-02"),
                ],
            )
            .await;
        assert_eq!(too_long.status(), 422);
        let body = too_long.text().await.unwrap();
        assert!(body.contains("id=\"f-ends_on-error\""));
        assert!(body.contains("Students serve three years at most"));
        assert!(
            body.contains("value=\"2029-09-02\""),
            "what they typed is kept"
        );
        let backwards = coordinator
            .post(
                &path,
                &[
                    ("role", role.as_str()),
                    ("scope", scope.as_str()),
                    ("starts_on", "2026-09-01"),
                    ("ends_on", "2026-08-01"),
                ],
            )
            .await;
        assert_eq!(backwards.status(), 422);
        assert!(!holds(&app, besa, PSW).await);

        // Besa starts today and is expected to leave in five months.
        let today = jiff::Timestamp::now()
            .to_zoned_datetime(jiff::tz::TimeZone::get("Europe/Belgrade").unwrap())
            .date();
        let ends = today.checked_add(jiff::Span::new().months(5)).unwrap();
        let given = coordinator
            .post(
                &path,
                &[
                    ("role", role.as_str()),
                    ("scope", scope.as_str()),
                    ("starts_on", today.to_string().as_str()),
                    ("ends_on", ends.to_string().as_str()),
                ],
            )
            .await;
        assert_eq!(given.status(), 303);
        let (_, person_page) = coordinator.page(&path.replace("/roles", "")).await;
        assert!(person_page.contains(&format!("{today} to {ends}")));
        let (_, page) = coordinator.page("/training/pipeline").await;
        assert_eq!(
            pipeline_row(&page, &campus_name, "Peer support worker"),
            [2, 2, 0, 3, 0]
        );

        // The term is kept with the grant.
        let terms = app.store.training().terms_of(besa).await.unwrap();
        assert_eq!(terms.len(), 1);
        assert_eq!(terms[0].1.ends_on, ends);

        // Supervisors see their site from the navigation; a coordinator of
        // another site sees none of this one; facilitators and trainees nothing.
        let supervisor = app.sign_in("supervisor@demo.example").await;
        let (_, home) = supervisor.page("/").await;
        assert!(home.contains("href=\"/training/pipeline\""));
        let (status, page) = supervisor.page("/training/pipeline").await;
        assert_eq!(status, 200);
        assert!(page.contains(&format!(">{campus_name}</h2>")));
        let elsewhere = app.sign_in("municipality@demo.example").await;
        let (status, page) = elsewhere.page("/training/pipeline").await;
        assert_eq!(status, 200);
        assert!(!page.contains(&format!(">{campus_name}</h2>")));
        for who in [
            "facilitator@demo.example",
            "trainee@demo.example",
            "peer@demo.example",
        ] {
            let visitor = app.sign_in(who).await;
            assert_eq!(
                visitor.get("/training/pipeline").await.status(),
                403,
                "{who}"
            );
        }
    }
);

both!(
    a_session_with_a_run_sheet_runs_online_as_a_live_event,
    |app: TestApp| async move {
        let (cohort, curriculum) = training_cohort(&app).await;
        let facilitator = app.sign_in("facilitator@demo.example").await;
        let session = curriculum.modules[1].sessions[0].id;
        let cur = curriculum.id;
        let bad = facilitator
            .post(
                &format!("/curricula/{cur}/sessions/{session}/run-sheet"),
                &[("sheet", "builtin:99")],
            )
            .await;
        assert_eq!(bad.status(), 422);
        let schedule = format!("/cohorts/{cohort}/training/schedule");
        let deliveries_before = app.store.training().deliveries(cohort).await.unwrap();
        let events_before = app.store.events().for_cohort(cohort).await.unwrap();
        let online = |s: uuid::Uuid| {
            vec![
                ("session", s.to_string()),
                ("date", "2030-10-19".to_string()),
                ("time", "18:00".to_string()),
                ("place", String::new()),
                ("mode", "online".to_string()),
            ]
        };
        let fields = online(session);
        let as_refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let refused = facilitator.post(&schedule, &as_refs).await;
        assert_eq!(refused.status(), 422, "no run sheet yet");
        let body = refused.text().await.unwrap();
        assert!(body.contains("id=\"f-mode-error\""));
        assert!(
            body.contains("value=\"online\" checked"),
            "the choice is kept"
        );
        // The demo's cohort already has module 1 under way (one session online).
        assert_eq!(
            app.store.training().deliveries(cohort).await.unwrap().len(),
            deliveries_before.len()
        );
        assert_eq!(
            app.store.events().for_cohort(cohort).await.unwrap().len(),
            events_before.len()
        );

        let set = facilitator
            .post(
                &format!("/curricula/{cur}/sessions/{session}/run-sheet"),
                &[("sheet", "builtin:0")],
            )
            .await;
        assert_eq!(set.status(), 303);
        let (_, page) = facilitator
            .page(&format!("/curricula/{cur}/sessions/{session}"))
            .await;
        assert!(page.contains("value=\"builtin:0\" selected"));
        let scheduled = facilitator.post(&schedule, &as_refs).await;
        assert_eq!(scheduled.status(), 303);
        let events = app.store.events().for_cohort(cohort).await.unwrap();
        assert_eq!(events.len(), events_before.len() + 1);
        let event = events
            .iter()
            .find(|e| !events_before.iter().any(|b| b.id == e.id))
            .unwrap();
        assert_eq!(event.title, curriculum.modules[1].sessions[0].text.title);
        assert_eq!(
            event.run_sheet,
            hearth_domain::live::RunSheet::built_in()[0]
        );
        let delivery = crate::training::new_delivery(&app, cohort, &deliveries_before).await;
        assert!(
            app.store
                .training()
                .delivery_events(cohort)
                .await
                .unwrap()
                .contains(&(delivery.id, event.id))
        );
        let link = format!("href=\"/events/{}\"", event.id);
        let (_, overview) = facilitator
            .page(&format!("/cohorts/{cohort}/training"))
            .await;
        assert!(overview.contains(&link));
        let (_, attendance) = facilitator
            .page(&format!(
                "/cohorts/{cohort}/training/deliveries/{}",
                delivery.id
            ))
            .await;
        assert!(
            attendance.contains(&link),
            "the delivery page links to the event"
        );
        // Enrolled trainees are offered the room; the one not yet enrolled is not.
        let luan = app.sign_in("luan@demo.example").await;
        let (_, home) = luan.page(&format!("/cohorts/{cohort}/training")).await;
        assert!(home.contains(&link));
        assert_eq!(
            luan.get(&format!("/events/{}", event.id)).await.status(),
            200
        );
        let tomi = app.sign_in("trainee@demo.example").await;
        let (_, home) = tomi.page(&format!("/cohorts/{cohort}/training")).await;
        assert!(!home.contains(&link));
    }
);
