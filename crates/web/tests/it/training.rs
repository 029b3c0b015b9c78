//! Training: curricula (copy, edit, reorder, safe Markdown), the trainee's
//! side of a session (never the mini knowledge), and the readiness step's
//! privacy rules.

use crate::both;
use crate::helpers::*;
use hearth_domain::CohortId;
use hearth_domain::training::ModuleKind;
use uuid::Uuid;

pub const TRAINING_COHORT: &str = "Peer supporter training";

/// The demo training cohort and its curriculum.
pub async fn training_cohort(app: &TestApp) -> (CohortId, hearth_store::Curriculum) {
    let cohort = app.cohort_named(TRAINING_COHORT).await.id;
    let curriculum = app
        .store
        .training()
        .cohort_curriculum(cohort)
        .await
        .unwrap()
        .unwrap();
    (
        cohort,
        app.store.training().curriculum(curriculum).await.unwrap(),
    )
}

fn id_after(location: &str, prefix: &str) -> Uuid {
    let rest = location.strip_prefix(prefix).unwrap();
    rest.split(['/', '?']).next().unwrap().parse().unwrap()
}

both!(
    facilitator_copies_edits_and_reorders_a_curriculum,
    |app: TestApp| async move {
        let facilitator = app.sign_in("facilitator@demo.example").await;
        let (status, home) = facilitator.page("/").await;
        assert_eq!(status, 200);
        assert!(home.contains("href=\"/curricula\""), "in the navigation");
        let (status, list) = facilitator.page("/curricula").await;
        assert_eq!(status, 200);
        assert!(list.contains("Module 2: The peer support relationship"));

        let copied = facilitator
            .post("/curricula/copy", &[("source", "peer-2-peer")])
            .await;
        assert_eq!(copied.status(), 303);
        let id = id_after(&location(&copied), "/curricula/");
        let (status, page) = facilitator.page(&format!("/curricula/{id}")).await;
        assert_eq!(status, 200);
        assert!(page.contains("Module 1: Introducing peer support"));
        assert!(page.contains("Module 3: Peer concepts and practice"));
        let curriculum = app.store.training().curriculum(id).await.unwrap();
        assert_eq!(curriculum.modules[0].kind, ModuleKind::Readiness);
        assert_eq!(curriculum.stocktake.len(), 5);
        let module_3 = curriculum.modules[3].id;
        assert_eq!(
            curriculum.modules[3].builds_on,
            Some(curriculum.modules[2].id)
        );

        // A module without a title is refused and nothing is added.
        let refused = facilitator
            .post(&format!("/curricula/{id}/modules"), &[("title", "  ")])
            .await;
        assert_eq!(refused.status(), 422);
        assert!(refused.text().await.unwrap().contains("Please"));
        assert_eq!(
            app.store
                .training()
                .curriculum(id)
                .await
                .unwrap()
                .modules
                .len(),
            4
        );

        // Move module 3 before module 2; edit it to stand alone.
        let moved = facilitator
            .post(
                &format!("/curricula/{id}/modules/{module_3}/move"),
                &[("direction", "up")],
            )
            .await;
        assert_eq!(moved.status(), 303);
        let edited = facilitator
            .post(
                &format!("/curricula/{id}/modules/{module_3}"),
                &[
                    ("title", "Module 3: Practice"),
                    ("purpose", "Putting it to work."),
                    ("builds_on", ""),
                ],
            )
            .await;
        assert_eq!(edited.status(), 303);
        let bad = facilitator
            .post(
                &format!("/curricula/{id}/modules/{module_3}"),
                &[
                    ("title", "Module 3: Practice"),
                    ("purpose", ""),
                    ("builds_on", &module_3.to_string()),
                ],
            )
            .await;
        assert_eq!(bad.status(), 422, "a module cannot build on itself");
        let after = app.store.training().curriculum(id).await.unwrap();
        assert_eq!(after.modules[2].id, module_3);
        assert_eq!(after.modules[2].title, "Module 3: Practice");
        assert_eq!(after.modules[2].builds_on, None);

        // A new session, written with Markdown and a script that must stay text.
        let added = facilitator
            .post(
                &format!("/curricula/{id}/modules/{module_3}/sessions"),
                &[("title", "Closing circle")],
            )
            .await;
        assert_eq!(added.status(), 303);
        let session = id_after(&location(&added), &format!("/curricula/{id}/sessions/"));
        let saved = facilitator
            .post(
                &format!("/curricula/{id}/sessions/{session}/edit"),
                &[
                    ("title", "Closing circle"),
                    ("learning_intentions", "- **Notice** what changed"),
                    ("activities", "A round of words."),
                    (
                        "mini_knowledge",
                        "Endings matter <script>alert('x')</script>",
                    ),
                    ("handout", "Thank you."),
                ],
            )
            .await;
        assert_eq!(saved.status(), 303);
        let (status, page) = facilitator
            .page(&format!("/curricula/{id}/sessions/{session}"))
            .await;
        assert_eq!(status, 200);
        assert!(page.contains("<strong>Notice</strong>"));
        assert!(
            page.contains("&lt;script&gt;alert"),
            "the script is shown as text"
        );
        assert!(!page.contains("<script>alert"));

        // A session without a title re-renders with the message; nothing changes.
        let refused = facilitator
            .post(
                &format!("/curricula/{id}/sessions/{session}/edit"),
                &[
                    ("title", ""),
                    ("learning_intentions", "changed"),
                    ("activities", ""),
                    ("mini_knowledge", ""),
                    ("handout", ""),
                ],
            )
            .await;
        assert_eq!(refused.status(), 422);
        let body = refused.text().await.unwrap();
        assert!(body.contains("id=\"f-title-error\""));
        let still = app.store.training().curriculum(id).await.unwrap();
        assert_eq!(
            still.session(session).unwrap().1.text.learning_intentions,
            "- **Notice** what changed"
        );

        // Trainees never reach the facilitator's pages.
        let trainee = app.sign_in("trainee@demo.example").await;
        let (status, _) = trainee
            .page(&format!("/curricula/{id}/sessions/{session}"))
            .await;
        assert_eq!(status, 403);
    }
);

/// The one delivery of a cohort that is not among `before`.
pub async fn new_delivery(
    app: &TestApp,
    cohort: CohortId,
    before: &[hearth_store::Delivery],
) -> hearth_store::Delivery {
    app.store
        .training()
        .deliveries(cohort)
        .await
        .unwrap()
        .into_iter()
        .find(|d| !before.iter().any(|b| b.id == d.id))
        .expect("a new delivery")
}

/// The card of the overview's session list that mentions `needle` (a delivery id).
pub fn card_of<'a>(page: &'a str, needle: &str) -> &'a str {
    let at = page.find(needle).expect("the session is listed");
    let start = page[..at].rfind("<li class=\"card\">").expect("in a card");
    let end = at + page[at..].find("</li>").expect("the card ends");
    &page[start..end]
}

async fn person(app: &TestApp, email: &str) -> hearth_domain::UserId {
    app.store
        .people()
        .find_by_email(&hearth_domain::input::Email::parse(email).unwrap())
        .await
        .unwrap()
        .unwrap()
        .id
}

both!(
    stocktake_and_story_stay_private_unless_shared,
    |app: TestApp| async move {
        let (cohort, _) = training_cohort(&app).await;
        let tomi = person(&app, "trainee@demo.example").await;
        let trainee = app.sign_in("trainee@demo.example").await;
        let (_, home) = trainee.page("/").await;
        assert!(
            home.contains(&format!("href=\"/cohorts/{cohort}/training\"")),
            "the training is one click from home"
        );
        let (status, page) = trainee.page(&format!("/cohorts/{cohort}/training")).await;
        assert_eq!(status, 200);
        assert!(page.contains("Personal stocktake"));
        let (_, cohort_page) = trainee.page(&format!("/cohorts/{cohort}")).await;
        assert!(cohort_page.contains(&format!("href=\"/cohorts/{cohort}/training\"")));

        // Too long an answer changes nothing.
        let before = app
            .store
            .training()
            .own_stocktake(cohort, tomi)
            .await
            .unwrap()
            .unwrap()
            .answers;
        let long = "x".repeat(4_001);
        let refused = trainee
            .post(
                &format!("/cohorts/{cohort}/training/stocktake"),
                &[("answer-0", long.as_str()), ("answer-1", "fine")],
            )
            .await;
        assert_eq!(refused.status(), 422);
        assert!(refused.text().await.unwrap().contains("too long"));
        let unchanged = app
            .store
            .training()
            .own_stocktake(cohort, tomi)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(unchanged.answers, before);
        let answers: Vec<(String, String)> = (0..5)
            .map(|i| (format!("answer-{i}"), format!("STOCKTAKE-SECRET-{i}")))
            .collect();
        let fields: Vec<(&str, &str)> = answers
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let saved = trainee
            .post(&format!("/cohorts/{cohort}/training/stocktake"), &fields)
            .await;
        assert_eq!(saved.status(), 303);

        // The editor's script posts drafts (204); a plain form post still works (303).
        let draft = trainee
            .post(
                &format!("/cohorts/{cohort}/training/story"),
                &[("text", "STORY-SECRET draft"), ("autosave", "1")],
            )
            .await;
        assert_eq!(draft.status(), 204);
        app.store
            .training()
            .backdate_story(cohort, tomi, hearth_store::STORY_VERSION_GAP_MS + 1)
            .await
            .unwrap();
        let plain = trainee
            .post(
                &format!("/cohorts/{cohort}/training/story"),
                &[("text", "STORY-SECRET second sitting")],
            )
            .await;
        assert_eq!(plain.status(), 303);
        let versions = app.store.training().own_story(cohort, tomi).await.unwrap();
        assert_eq!(versions[0].text, "STORY-SECRET second sitting");
        assert!(
            versions.iter().any(|v| v.text == "STORY-SECRET draft"),
            "the earlier version is kept"
        );
        let (_, story) = trainee
            .page(&format!("/cohorts/{cohort}/training/story"))
            .await;
        assert!(story.contains("Earlier versions") && story.contains("STORY-SECRET draft"));

        let trainee_page = format!("/cohorts/{cohort}/training/trainees/{tomi}");
        let facilitator = app.sign_in("facilitator@demo.example").await;
        let coordinator = app.sign_in("coordinator@demo.example").await;
        let admin = app.sign_in("admin@demo.example").await;
        let luan = app.sign_in("luan@demo.example").await;
        let secret =
            |page: &str| page.contains("STOCKTAKE-SECRET") || page.contains("STORY-SECRET");

        // Unshared: the facilitator sees that it is done, not what it says; nor does anyone else.
        let (status, page) = facilitator.page(&trainee_page).await;
        assert_eq!(status, 200);
        assert!(!secret(&page));
        assert!(page.contains("Not shared"));
        let (_, overview) = facilitator
            .page(&format!("/cohorts/{cohort}/training"))
            .await;
        assert!(overview.contains("Tomi Trainee") && !secret(&overview));
        for reader in [&coordinator, &admin] {
            let (status, page) = reader.page(&trainee_page).await;
            assert_eq!(status, 200);
            assert!(!secret(&page));
        }
        let (status, _) = luan.page(&trainee_page).await;
        assert_eq!(status, 403, "another trainee cannot open it");
        let (_, own) = luan
            .page(&format!("/cohorts/{cohort}/training/story"))
            .await;
        assert!(!secret(&own), "another trainee's story page is their own");
        assert!(
            own.contains("Historia e rimëkëmbjes"),
            "Luan reads Albanian"
        );
        let (_, home) = luan.page(&format!("/cohorts/{cohort}/training")).await;
        assert!(home.contains("Para se të fillojmë") && home.contains("Vetëreflektimi CHIME"));

        // Shared: the cohort's facilitator reads it (and that is audited); the programme still does not.
        for what in ["stocktake", "story"] {
            let shared = trainee
                .post(
                    &format!("/cohorts/{cohort}/training/share"),
                    &[("what", what), ("shared", "yes")],
                )
                .await;
            assert_eq!(shared.status(), 303);
        }
        let (_, page) = facilitator.page(&trainee_page).await;
        assert!(page.contains("STOCKTAKE-SECRET-3"));
        assert!(page.contains("STORY-SECRET second sitting"));
        assert!(
            !page.contains("STORY-SECRET draft"),
            "only the newest version is shared"
        );
        let audit = app.store.audit().about(tomi, 10).await.unwrap();
        assert!(!audit.is_empty(), "reading shared writing is audited");
        for reader in [&coordinator, &admin] {
            let (_, page) = reader.page(&trainee_page).await;
            assert!(
                !secret(&page),
                "shared with the facilitators, not the programme"
            );
        }
        let (status, _) = luan.page(&trainee_page).await;
        assert_eq!(status, 403);

        // Stopping sharing makes it private again.
        trainee
            .post(
                &format!("/cohorts/{cohort}/training/share"),
                &[("what", "story"), ("shared", "no")],
            )
            .await;
        let (_, page) = facilitator.page(&trainee_page).await;
        assert!(!page.contains("STORY-SECRET"));
        assert!(page.contains("STOCKTAKE-SECRET-3"));
    }
);

both!(
    only_a_ready_conversation_opens_the_modules_and_mini_knowledge_never_shows,
    |app: TestApp| async move {
        let (cohort, curriculum) = training_cohort(&app).await;
        let tomi = person(&app, "trainee@demo.example").await;
        let trainee = app.sign_in("trainee@demo.example").await;
        let facilitator = app.sign_in("facilitator@demo.example").await;
        let readiness_session = curriculum.modules[0].sessions[0].clone();
        let module_session = curriculum.modules[1].sessions[0].clone();

        // The readiness sessions are open before any conversation; the modules are not.
        let (status, page) = trainee
            .page(&format!(
                "/cohorts/{cohort}/training/sessions/{}",
                readiness_session.id
            ))
            .await;
        assert_eq!(status, 200);
        assert!(page.contains(&readiness_session.text.title));
        let waiting = trainee
            .get(&format!(
                "/cohorts/{cohort}/training/sessions/{}",
                module_session.id
            ))
            .await;
        assert_eq!(waiting.status(), 303);

        // Bad input re-renders with field messages and records nothing.
        let conversations = format!("/cohorts/{cohort}/training/trainees/{tomi}/conversations");
        let refused = facilitator
            .post(
                &conversations,
                &[("held_on", "soon"), ("outcome", "maybe"), ("note", "")],
            )
            .await;
        assert_eq!(refused.status(), 422);
        let body = refused.text().await.unwrap();
        assert!(body.contains("id=\"f-held_on-error\"") && body.contains("id=\"f-outcome-error\""));
        assert!(
            app.store
                .training()
                .conversations(cohort, tomi)
                .await
                .unwrap()
                .is_empty()
        );

        let not_yet = facilitator
            .post(
                &conversations,
                &[
                    ("held_on", "2026-10-01"),
                    ("outcome", "not-yet"),
                    ("note", "PRIVATE-NOTE-1"),
                ],
            )
            .await;
        assert_eq!(not_yet.status(), 303);
        let still = trainee
            .get(&format!(
                "/cohorts/{cohort}/training/sessions/{}",
                module_session.id
            ))
            .await;
        assert_eq!(still.status(), 303, "not yet: not enrolled in the modules");
        let (_, home) = trainee.page(&format!("/cohorts/{cohort}/training")).await;
        assert!(home.contains("Not yet"));
        assert!(
            !home.contains("PRIVATE-NOTE-1"),
            "the facilitator's note stays with the facilitators"
        );

        let ready = facilitator
            .post(
                &conversations,
                &[
                    ("held_on", "2026-10-08"),
                    ("outcome", "ready"),
                    ("note", ""),
                ],
            )
            .await;
        assert_eq!(ready.status(), 303);
        let (_, overview) = facilitator
            .page(&format!("/cohorts/{cohort}/training"))
            .await;
        assert!(overview.contains("Ready to begin · 2026-10-08"));

        // Every session the trainee can open shows its handout and never its mini knowledge.
        for module in &curriculum.modules {
            for session in &module.sessions {
                let (status, page) = trainee
                    .page(&format!(
                        "/cohorts/{cohort}/training/sessions/{}",
                        session.id
                    ))
                    .await;
                assert_eq!(status, 200, "{}", session.text.title);
                let handout_start: String = session.text.handout.chars().take(30).collect();
                assert!(page.contains(&handout_start), "{}", session.text.title);
                let mini_start: String = session.text.mini_knowledge.chars().take(30).collect();
                assert!(
                    !page.contains(&mini_start),
                    "mini knowledge leaked: {}",
                    session.text.title
                );
                assert!(!page.contains("Mini knowledge"));
            }
        }
        // The facilitator's view of the same session has it.
        let (_, page) = facilitator
            .page(&format!(
                "/curricula/{}/sessions/{}",
                curriculum.id, module_session.id
            ))
            .await;
        let mini_start: String = module_session
            .text
            .mini_knowledge
            .chars()
            .take(30)
            .collect();
        assert!(page.contains(&mini_start));
    }
);

both!(
    chime_is_the_trainees_own_and_averages_need_five_people,
    |app: TestApp| async move {
        let (cohort, _) = training_cohort(&app).await;
        let tomi = person(&app, "trainee@demo.example").await;
        let chime = format!("/cohorts/{cohort}/training/chime");
        let trainee = app.sign_in("trainee@demo.example").await;
        let (status, page) = trainee.page(&chime).await;
        assert_eq!(status, 200);
        assert!(
            page.contains("<svg class=\"chime-chart\""),
            "the chart of the demo's reflections"
        );
        assert!(page.contains("<table>"), "with the numbers as a table");

        let before = app
            .store
            .training()
            .own_chime(cohort, tomi)
            .await
            .unwrap()
            .len();
        let refused = trainee
            .post(
                &chime,
                &[
                    ("connectedness", "0"),
                    ("identity", "3"),
                    ("meaning", "3"),
                    ("empowerment", "3"),
                ],
            )
            .await;
        assert_eq!(refused.status(), 422);
        let body = refused.text().await.unwrap();
        assert!(
            body.contains("id=\"f-connectedness-error\"") && body.contains("id=\"f-hope-error\"")
        );
        assert_eq!(
            app.store
                .training()
                .own_chime(cohort, tomi)
                .await
                .unwrap()
                .len(),
            before
        );
        let saved = trainee
            .post(
                &chime,
                &[
                    ("connectedness", "5"),
                    ("hope", "5"),
                    ("identity", "5"),
                    ("meaning", "5"),
                    ("empowerment", "5"),
                    ("note", "CHIME-NOTE-SECRET"),
                ],
            )
            .await;
        assert_eq!(saved.status(), 303);
        let (_, page) = trainee.page(&chime).await;
        assert!(
            page.contains("CHIME-NOTE-SECRET"),
            "the writer reads their own note"
        );

        // Four people have answered: nobody sees averages, nor anyone's answers.
        let overview = format!("/cohorts/{cohort}/training");
        let coordinator = app.sign_in("coordinator@demo.example").await;
        let facilitator = app.sign_in("facilitator@demo.example").await;
        for reader in [&coordinator, &facilitator] {
            let (_, page) = reader.page(&overview).await;
            assert!(
                page.contains("Averages appear once at least 5 people have answered (4 so far)")
            );
            assert!(!page.contains("CHIME-NOTE-SECRET"));
            let (_, page) = reader
                .page(&format!("/cohorts/{cohort}/training/trainees/{tomi}"))
                .await;
            assert!(!page.contains("CHIME-NOTE-SECRET"));
            let (status, _) = reader.page(&chime).await;
            assert_eq!(status, 403, "the reflection page is the trainee's own");
        }
        let luan = app.sign_in("luan@demo.example").await;
        let (_, page) = luan.page(&chime).await;
        assert!(
            !page.contains("CHIME-NOTE-SECRET"),
            "another trainee sees only their own"
        );

        // The fifth person answers: the averages of each person's latest reflection appear.
        let ardit = app.sign_in("ardit@demo.example").await;
        let fifth = ardit
            .post(
                &chime,
                &[
                    ("connectedness", "1"),
                    ("hope", "1"),
                    ("identity", "1"),
                    ("meaning", "1"),
                    ("empowerment", "1"),
                ],
            )
            .await;
        assert_eq!(fifth.status(), 303);
        let (_, page) = coordinator.page(&overview).await;
        assert!(page.contains("(5 people)"), "{page}");
        // Connectedness: (5 + 4 + 4 + 4 + 1) / 5.
        assert!(page.contains("<dd>3.6</dd>"));
        assert!(!page.contains("CHIME-NOTE-SECRET"));
    }
);

async fn upload(visitor: &Visitor, cur: Uuid, session: Uuid) -> reqwest::Response {
    let form = reqwest::multipart::Form::new()
        .text("csrf", visitor.csrf.clone())
        .text("title", "Group agreement")
        .part(
            "file",
            reqwest::multipart::Part::bytes(b"<h1>our agreement</h1>".to_vec())
                .file_name("agreement.html")
                .mime_str("text/html")
                .unwrap(),
        );
    visitor
        .post_multipart(
            &format!("/curricula/{cur}/sessions/{session}/materials/upload"),
            form,
        )
        .await
}

both!(
    session_materials_reach_the_trainees_who_may_open_the_session,
    |app: TestApp| async move {
        let (cohort, curriculum) = training_cohort(&app).await;
        let cur = curriculum.id;
        let session = curriculum.modules[1].sessions[0].id;
        let facilitator = app.sign_in("facilitator@demo.example").await;
        let links = format!("/curricula/{cur}/sessions/{session}/materials/link");
        let refused = facilitator
            .post(&links, &[("title", "Bad"), ("url", "javascript:alert(1)")])
            .await;
        assert_eq!(refused.status(), 422);
        assert!(
            app.store
                .training()
                .materials(session)
                .await
                .unwrap()
                .is_empty()
        );
        let added = facilitator
            .post(
                &links,
                &[
                    ("title", "Recovery reading"),
                    ("url", "https://example.org/reading"),
                ],
            )
            .await;
        assert_eq!(added.status(), 303);
        assert_eq!(upload(&facilitator, cur, session).await.status(), 303);
        let materials = app.store.training().materials(session).await.unwrap();
        assert_eq!(materials.len(), 2);
        let file = materials.iter().find(|m| m.file_id.is_some()).unwrap().id;
        let (_, page) = facilitator
            .page(&format!("/curricula/{cur}/sessions/{session}"))
            .await;
        assert!(page.contains("Recovery reading") && page.contains(&format!("/materials/{file}")));

        // A ready trainee sees both with the session and downloads the file (never inline).
        let luan = app.sign_in("luan@demo.example").await;
        let (status, page) = luan
            .page(&format!("/cohorts/{cohort}/training/sessions/{session}"))
            .await;
        assert_eq!(status, 200);
        assert!(page.contains("https://example.org/reading"));
        let download = luan.get(&format!("/materials/{file}")).await;
        assert_eq!(download.status(), 200);
        let disposition = download.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(disposition.starts_with("attachment"), "{disposition}");
        assert_eq!(download.text().await.unwrap(), "<h1>our agreement</h1>");

        // Not yet enrolled, another cohort's participant, or a trainee uploading: refused.
        let tomi = app.sign_in("trainee@demo.example").await;
        assert_eq!(tomi.get(&format!("/materials/{file}")).await.status(), 403);
        assert_eq!(upload(&tomi, cur, session).await.status(), 403);
        let participant = app.sign_in("participant@demo.example").await;
        assert_eq!(
            participant
                .get(&format!("/materials/{file}"))
                .await
                .status(),
            403
        );

        let removed = facilitator
            .post(
                &format!("/curricula/{cur}/materials/{file}/remove"),
                &[("session", &session.to_string())],
            )
            .await;
        assert_eq!(removed.status(), 303);
        assert_eq!(luan.get(&format!("/materials/{file}")).await.status(), 404);
    }
);

both!(
    sessions_are_scheduled_and_attendance_taken_for_enrolled_trainees,
    |app: TestApp| async move {
        let (cohort, curriculum) = training_cohort(&app).await;
        let session = curriculum.modules[1].sessions[0].clone();
        let facilitator = app.sign_in("facilitator@demo.example").await;
        let schedule = format!("/cohorts/{cohort}/training/schedule");
        let refused = facilitator
            .post(
                &schedule,
                &[
                    ("session", "nope"),
                    ("date", "someday"),
                    ("time", "late"),
                    ("place", ""),
                ],
            )
            .await;
        assert_eq!(refused.status(), 422);
        let body = refused.text().await.unwrap();
        assert!(body.contains("id=\"f-date-error\"") && body.contains("id=\"f-time-error\""));
        // The demo's cohort has module 1 under way already.
        let before = app.store.training().deliveries(cohort).await.unwrap();
        assert_eq!(
            app.store.training().deliveries(cohort).await.unwrap().len(),
            before.len(),
            "nothing scheduled"
        );
        let scheduled = facilitator
            .post(
                &schedule,
                &[
                    ("session", &session.id.to_string()),
                    ("date", "2030-10-12"),
                    ("time", "18:00"),
                    ("place", "Library, room 7"),
                ],
            )
            .await;
        assert_eq!(scheduled.status(), 303);
        let delivery = new_delivery(&app, cohort, &before).await;
        assert_eq!(delivery.session_id, session.id);
        let (_, overview) = facilitator
            .page(&format!("/cohorts/{cohort}/training"))
            .await;
        assert!(overview.contains("Library, room 7"));

        // Only trainees a "ready" conversation enrolled are listed for a module's session.
        let page_path = format!("/cohorts/{cohort}/training/deliveries/{}", delivery.id);
        let (status, page) = facilitator.page(&page_path).await;
        assert_eq!(status, 200);
        assert!(page.contains("Luan Berisha") && page.contains("Elena Petrova"));
        assert!(!page.contains("Tomi Trainee") && !page.contains("Mira Ahmeti"));
        let luan = person(&app, "luan@demo.example").await;
        let elena = person(&app, "elena@demo.example").await;
        let (luan_key, elena_key) = (format!("status-{luan}"), format!("status-{elena}"));
        let bad = facilitator
            .post(&page_path, &[(luan_key.as_str(), "maybe")])
            .await;
        assert_eq!(bad.status(), 422);
        assert!(
            app.store
                .training()
                .attendance(delivery.activity_id)
                .await
                .unwrap()
                .is_empty()
        );
        let reason_key = format!("reason-{elena}");
        let saved = facilitator
            .post(
                &page_path,
                &[
                    (luan_key.as_str(), "present"),
                    (elena_key.as_str(), "absent"),
                    (reason_key.as_str(), "unwell"),
                ],
            )
            .await;
        assert_eq!(saved.status(), 303);
        let marks = app
            .store
            .training()
            .attendance(delivery.activity_id)
            .await
            .unwrap();
        assert_eq!(marks.len(), 2);
        let elena_mark = marks.iter().find(|m| m.user_id == elena).unwrap();
        assert_eq!(
            (elena_mark.status.as_str(), elena_mark.reason.as_deref()),
            ("absent", Some("unwell"))
        );
        let (_, overview) = facilitator
            .page(&format!("/cohorts/{cohort}/training"))
            .await;
        assert!(card_of(&overview, &delivery.id.to_string()).contains("2 people marked"));

        let trainee = app.sign_in("trainee@demo.example").await;
        assert_eq!(trainee.get(&page_path).await.status(), 403);
        // The enrolled trainee sees it coming up; the one not yet enrolled does not.
        let luan_visitor = app.sign_in("luan@demo.example").await;
        let (_, home) = luan_visitor
            .page(&format!("/cohorts/{cohort}/training"))
            .await;
        assert!(home.contains("Library, room 7"));
        let (_, home) = trainee.page(&format!("/cohorts/{cohort}/training")).await;
        assert!(!home.contains("Library, room 7"));
    }
);

both!(
    a_module_completes_with_enough_attendance_and_a_sign_off,
    |app: TestApp| async move {
        let (cohort, curriculum) = training_cohort(&app).await;
        let module = curriculum.modules[1].clone();
        let luan = person(&app, "luan@demo.example").await;
        let facilitator_id = person(&app, "facilitator@demo.example").await;
        // Module 1's three sessions delivered; Luan present, late, then absent.
        for (session, status) in module.sessions.iter().zip([
            hearth_store::AttendanceStatus::Present,
            hearth_store::AttendanceStatus::Late,
            hearth_store::AttendanceStatus::Absent,
        ]) {
            let activity = app
                .store
                .activities()
                .record(&hearth_store::NewActivity {
                    kind: "training-session",
                    title: &session.text.title,
                    site_id: None,
                    cohort_id: Some(cohort),
                    phase_id: None,
                    occurred_at: hearth_store::now_ms(),
                })
                .await
                .unwrap();
            app.store
                .training()
                .schedule(
                    cohort,
                    session.id,
                    activity,
                    hearth_store::now_ms(),
                    None,
                    facilitator_id,
                )
                .await
                .unwrap();
            app.store
                .activities()
                .mark(activity, luan, status, None)
                .await
                .unwrap();
        }
        let facilitator = app.sign_in("facilitator@demo.example").await;
        let (status, page) = facilitator
            .page(&format!("/cohorts/{cohort}/training/progress"))
            .await;
        assert_eq!(status, 200);
        assert!(page.contains("attended 2 of 3 sessions"));
        let sign_off = format!("/cohorts/{cohort}/training/progress/sign-off");
        let (luan_text, module_text) = (luan.to_string(), module.id.to_string());
        let fields = [
            ("trainee", luan_text.as_str()),
            ("module", module_text.as_str()),
        ];
        let refused = facilitator.post(&sign_off, &fields).await;
        assert_eq!(
            refused.status(),
            422,
            "2 of 3 is below the curriculum's 75%"
        );
        assert!(
            app.store
                .training()
                .signoffs(cohort)
                .await
                .unwrap()
                .is_empty()
        );

        // The curriculum asks for 60%: now the module can be signed off.
        let stocktake = curriculum.stocktake.join("\n");
        let lowered = facilitator
            .post(
                &format!("/curricula/{}", curriculum.id),
                &[
                    ("name", curriculum.name.as_str()),
                    ("description", ""),
                    ("stocktake", stocktake.as_str()),
                    ("attendance_percent", "60"),
                ],
            )
            .await;
        assert_eq!(lowered.status(), 303);
        let signed = facilitator.post(&sign_off, &fields).await;
        assert_eq!(signed.status(), 303);
        let (_, page) = facilitator
            .page(&format!("/cohorts/{cohort}/training/progress"))
            .await;
        assert!(page.contains("Completed"));

        // Luan sees it and prints a certificate; nobody else has one.
        let certificate = format!("/cohorts/{cohort}/training/certificate/{}", module.id);
        let trainee = app.sign_in("luan@demo.example").await;
        let (_, home) = trainee.page(&format!("/cohorts/{cohort}/training")).await;
        assert!(home.contains(&certificate));
        let (status, page) = trainee.page(&certificate).await;
        assert_eq!(status, 200);
        assert!(page.contains("Luan Berisha") && page.contains(&module.title));
        let tomi = app.sign_in("trainee@demo.example").await;
        assert_eq!(tomi.get(&certificate).await.status(), 404);
        assert_eq!(
            tomi.get(&format!("/cohorts/{cohort}/training/progress"))
                .await
                .status(),
            403
        );
    }
);

both!(
    a_session_without_lived_experience_among_its_facilitators_is_gently_flagged,
    |app: TestApp| async move {
        let (cohort, curriculum) = training_cohort(&app).await;
        let session = curriculum.modules[2].sessions[0].id.to_string();
        let fatima = person(&app, "facilitator@demo.example").await.to_string();
        let facilitator = app.sign_in("facilitator@demo.example").await;
        // In the demo Fatima says she brings lived experience; she takes it back.
        let took_back = facilitator
            .post(
                &format!("/cohorts/{cohort}/training/lived-experience"),
                &[("brings", "no")],
            )
            .await;
        assert_eq!(took_back.status(), 303);
        let before = app.store.training().deliveries(cohort).await.unwrap();
        let scheduled = facilitator
            .post(
                &format!("/cohorts/{cohort}/training/schedule"),
                &[
                    ("session", session.as_str()),
                    ("date", "2030-11-02"),
                    ("time", "17:00"),
                    ("place", ""),
                    ("facilitator", fatima.as_str()),
                ],
            )
            .await;
        assert_eq!(scheduled.status(), 303);
        let delivery = new_delivery(&app, cohort, &before).await.id.to_string();
        let overview = format!("/cohorts/{cohort}/training");
        let warning = "No one facilitating this session has said they bring lived experience";
        let (_, page) = facilitator.page(&overview).await;
        let card = card_of(&page, &delivery);
        assert!(card.contains("Facilitated by Fatima Facilitator"));
        assert!(card.contains(warning));
        let said = facilitator
            .post(
                &format!("/cohorts/{cohort}/training/lived-experience"),
                &[("brings", "yes")],
            )
            .await;
        assert_eq!(said.status(), 303);
        let (_, page) = facilitator.page(&overview).await;
        assert!(
            !card_of(&page, &delivery).contains(warning),
            "Fatima brings lived experience now"
        );
        let trainee = app.sign_in("trainee@demo.example").await;
        let refused = trainee
            .post(
                &format!("/cohorts/{cohort}/training/lived-experience"),
                &[("brings", "yes")],
            )
            .await;
        assert_eq!(refused.status(), 403);
    }
);

both!(
    session_feedback_is_anonymous_and_counted_from_five_answers,
    |app: TestApp| async move {
        let (cohort, curriculum) = training_cohort(&app).await;
        let session = curriculum.modules[1].sessions[1].clone();
        let facilitator_id = person(&app, "facilitator@demo.example").await;
        let emails = [
            "trainee@demo.example",
            "luan@demo.example",
            "elena@demo.example",
            "mira@demo.example",
            "ardit@demo.example",
        ];
        let mut deliveries = Vec::new();
        for _ in 0..2 {
            let activity = app
                .store
                .activities()
                .record(&hearth_store::NewActivity {
                    kind: "training-session",
                    title: &session.text.title,
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
                .schedule(
                    cohort,
                    session.id,
                    activity,
                    hearth_store::now_ms(),
                    None,
                    facilitator_id,
                )
                .await
                .unwrap();
            deliveries.push((delivery, activity));
        }
        let (first, first_activity) = deliveries[0];
        let (second, second_activity) = deliveries[1];
        for email in emails {
            let id = person(&app, email).await;
            app.store
                .activities()
                .mark(
                    first_activity,
                    id,
                    hearth_store::AttendanceStatus::Present,
                    None,
                )
                .await
                .unwrap();
        }
        let ardit = person(&app, "ardit@demo.example").await;
        app.store
            .activities()
            .mark(
                second_activity,
                ardit,
                hearth_store::AttendanceStatus::Absent,
                Some("ill"),
            )
            .await
            .unwrap();

        let feedback = format!("/cohorts/{cohort}/training/deliveries/{first}/feedback");
        let tomi = app.sign_in("trainee@demo.example").await;
        let (_, home) = tomi.page(&format!("/cohorts/{cohort}/training")).await;
        assert!(
            home.contains(&feedback),
            "the trainee is asked about the session"
        );
        let bad = tomi.post(&feedback, &[("rating", "9")]).await;
        assert_eq!(bad.status(), 422);
        for (i, email) in emails.iter().enumerate().take(4) {
            let visitor = app.sign_in(email).await;
            let rating = ["4", "5", "4", "3"][i];
            assert_eq!(
                visitor
                    .post(&feedback, &[("rating", rating)])
                    .await
                    .status(),
                303
            );
        }
        let (_, home) = tomi.page(&format!("/cohorts/{cohort}/training")).await;
        assert!(!home.contains(&feedback), "asked once");
        let facilitator = app.sign_in("facilitator@demo.example").await;
        let (_, page) = facilitator
            .page(&format!("/cohorts/{cohort}/training"))
            .await;
        assert!(page.contains("Feedback appears from 5 answers (4 so far)"));
        let ardit_visitor = app.sign_in("ardit@demo.example").await;
        let absent = ardit_visitor
            .post(
                &format!("/cohorts/{cohort}/training/deliveries/{second}/feedback"),
                &[("rating", "1")],
            )
            .await;
        assert_eq!(
            absent.status(),
            403,
            "only those who attended give feedback"
        );
        assert_eq!(
            ardit_visitor
                .post(&feedback, &[("rating", "2")])
                .await
                .status(),
            303
        );
        let (_, page) = facilitator
            .page(&format!("/cohorts/{cohort}/training"))
            .await;
        assert!(
            page.contains("Feedback (rating: answers): 1: 0 · 2: 1 · 3: 1 · 4: 2 · 5: 1"),
            "{page}"
        );
    }
);
