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
