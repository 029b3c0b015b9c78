//! People: search, roles, deactivation and CSV import.

use crate::both;
use crate::helpers::*;
use hearth_domain::input::Email;

async fn person_id(app: &TestApp, email: &str) -> hearth_domain::UserId {
    app.store
        .people()
        .find_by_email(&Email::parse(email).unwrap())
        .await
        .unwrap()
        .unwrap()
        .id
}

both!(
    search_finds_people_by_name_or_email_in_any_case,
    |app: TestApp| async move {
        let coordinator = app.sign_in("coordinator@demo.example").await;
        let (_, page) = coordinator.page("/people?q=KRASNIQI").await;
        assert!(page.contains("Arta Krasniqi"));
        assert!(!page.contains("Blerim Gashi"));
        let (_, page) = coordinator.page("/people?q=maya%40").await;
        assert!(page.contains("Maya Chen"));
        // Wildcards are taken literally.
        let (_, page) = coordinator.page("/people?q=%25").await;
        assert!(
            page.contains("0 people") || page.contains("No people") || !page.contains("<tbody>")
        );
        // Long lists paginate.
        let (_, first) = coordinator.page("/people").await;
        assert!(first.contains("rel=\"next\""));
    }
);

both!(
    roles_are_given_and_taken_and_deactivation_signs_out,
    |app: TestApp| async move {
        let admin = app.sign_in("admin@demo.example").await;
        // Supervisor needs no training (peer-worker roles do: tests/it/role_training.rs).
        let peer = person_id(&app, "maya@demo.example").await;
        let given = admin
            .post(
                &format!("/people/{peer}/roles"),
                &[("role", "supervisor"), ("scope", "organisation")],
            )
            .await;
        assert_eq!(given.status(), 303);
        let grants = app.store.people().grants(peer).await.unwrap();
        let supervisor = grants
            .iter()
            .find(|g| g.grant.role.key() == "supervisor")
            .unwrap();
        let twice = admin
            .post(
                &format!("/people/{peer}/roles"),
                &[("role", "supervisor"), ("scope", "organisation")],
            )
            .await;
        assert_eq!(twice.status(), 422);
        let removed = admin
            .post(
                &format!("/people/{peer}/roles/{}/remove", supervisor.id),
                &[],
            )
            .await;
        assert_eq!(removed.status(), 303);
        assert_eq!(
            app.store.people().grants(peer).await.unwrap().len(),
            grants.len() - 1
        );

        let maya = app.sign_in("maya@demo.example").await;
        admin.post(&format!("/people/{peer}/deactivate"), &[]).await;
        assert_eq!(
            maya.get("/").await.status(),
            303,
            "a deactivated person is signed out"
        );
        let again = app.visitor().await;
        let refused = again
            .post(
                "/sign-in",
                &[("email", "maya@demo.example"), ("password", DEMO_PASSWORD)],
            )
            .await;
        assert_eq!(refused.status(), 422);
        admin.post(&format!("/people/{peer}/reactivate"), &[]).await;
        app.sign_in("maya@demo.example").await;
    }
);

both!(
    coordinators_cannot_make_administrators,
    |app: TestApp| async move {
        let coordinator = app.sign_in("coordinator@demo.example").await;
        let target = person_id(&app, "maya@demo.example").await;
        let refused = coordinator
            .post(
                &format!("/people/{target}/roles"),
                &[("role", "administrator"), ("scope", "organisation")],
            )
            .await;
        assert_eq!(refused.status(), 403);
        let invite = coordinator
            .post(
                "/people/invite",
                &[
                    ("email", "boss@example.org"),
                    ("name", "Would-be Boss"),
                    ("role", "administrator"),
                    ("scope", "organisation"),
                    ("language", "en"),
                ],
            )
            .await;
        assert_eq!(invite.status(), 422);
        assert!(
            app.store
                .people()
                .find_by_email(&Email::parse("boss@example.org").unwrap())
                .await
                .unwrap()
                .is_none()
        );
    }
);

both!(
    inviting_an_existing_address_is_refused_kindly,
    |app: TestApp| async move {
        let coordinator = app.sign_in("coordinator@demo.example").await;
        let response = coordinator
            .post(
                "/people/invite",
                &[
                    ("email", "PEER@demo.example"),
                    ("name", "Pat Again"),
                    ("role", "participant"),
                    ("scope", "organisation"),
                    ("language", "en"),
                ],
            )
            .await;
        assert_eq!(response.status(), 422);
        assert!(
            response
                .text()
                .await
                .unwrap()
                .contains("already has an account")
        );
    }
);

fn csv_form(csrf: &str, csv: &str) -> reqwest::multipart::Form {
    reqwest::multipart::Form::new()
        .text("csrf", csrf.to_owned())
        .part(
            "file",
            reqwest::multipart::Part::bytes(csv.as_bytes().to_vec())
                .file_name("people.csv")
                .mime_str("text/csv")
                .unwrap(),
        )
}

both!(
    csv_import_previews_every_row_and_writes_all_or_nothing,
    |app: TestApp| async move {
        let coordinator = app.sign_in("coordinator@demo.example").await;
        let count = app.store.people().count().await.unwrap();
        let bad = "email,name,role,cohort,language\n\
               new.one@example.org,New One,participant,Autumn dialogue cohort,sq\n\
               not-an-email,Broken Row,participant,,\n\
               new.two@example.org,New Two,wizard,,\n\
               peer@demo.example,Already Here,,,\n\
               new.one@example.org,Twice,,,\n";
        let preview = coordinator
            .post_multipart("/people/import", csv_form(&coordinator.csrf, bad))
            .await;
        assert_eq!(preview.status(), 422);
        let page = preview.text().await.unwrap();
        assert!(page.contains("does not look like an email address"));
        assert!(page.contains("wizard&#34; is not a role Hearth knows"));
        assert!(page.contains("already has an account"));
        assert!(page.contains("appears twice"));
        assert!(
            !page.contains("/people/import/confirm"),
            "no confirm button while rows are wrong"
        );
        assert_eq!(
            app.store.people().count().await.unwrap(),
            count,
            "nothing written"
        );

        // A forged confirm with the bad file is refused too.
        let forced = coordinator
            .post("/people/import/confirm", &[("csv", bad)])
            .await;
        assert_eq!(forced.status(), 422);
        assert_eq!(app.store.people().count().await.unwrap(), count);

        let good = "email,name,role,cohort,language,pronouns\n\
                new.one@example.org,New One,participant,Autumn dialogue cohort,sq,she/her\n\
                new.two@example.org,New Two,peer-educator,,en,\n";
        let preview = coordinator
            .post_multipart("/people/import", csv_form(&coordinator.csrf, good))
            .await;
        assert_eq!(preview.status(), 200);
        assert!(
            preview
                .text()
                .await
                .unwrap()
                .contains("/people/import/confirm")
        );
        let done = coordinator
            .post("/people/import/confirm", &[("csv", good)])
            .await;
        assert_eq!(done.status(), 303);
        assert_eq!(app.store.people().count().await.unwrap(), count + 2);
        let one = person_id(&app, "new.one@example.org").await;
        let grants = app.store.people().grants(one).await.unwrap();
        assert_eq!(
            grants[0].cohort_name.as_deref(),
            Some("Autumn dialogue cohort")
        );
        assert!(
            !app.link_in_mail_to("new.two@example.org").await.is_empty(),
            "imported people are invited"
        );
    }
);

both!(
    multipart_import_needs_the_csrf_token,
    |app: TestApp| async move {
        let coordinator = app.sign_in("coordinator@demo.example").await;
        let response = coordinator
            .post_multipart(
                "/people/import",
                csv_form("0".repeat(64).as_str(), "email,name\na@example.org,A\n"),
            )
            .await;
        assert_eq!(response.status(), 403);
    }
);

both!(
    reading_someones_record_is_audited_and_they_can_see_it,
    |app: TestApp| async move {
        let coordinator = app.sign_in("coordinator@demo.example").await;
        let maya = person_id(&app, "maya@demo.example").await;
        let (status, _) = coordinator.page(&format!("/people/{maya}")).await;
        assert_eq!(status, 200);
        let entries = app.store.audit().about(maya, 10).await.unwrap();
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].actor_name.as_deref(), Some("Drita Coordinator"));
        let (_, profile) = app
            .sign_in("maya@demo.example")
            .await
            .page("/profile")
            .await;
        assert!(
            profile.contains("Drita Coordinator"),
            "Maya sees who read her record"
        );
        let (_, audit) = app
            .sign_in("admin@demo.example")
            .await
            .page("/admin/audit")
            .await;
        assert!(audit.contains("Maya Chen") && audit.contains("Drita Coordinator"));
        // Someone else's profile page never shows Maya's audit trail.
        let (_, other) = app
            .sign_in("participant@demo.example")
            .await
            .page("/profile")
            .await;
        assert!(!other.contains("Drita Coordinator"));
    }
);

both!(
    a_new_role_is_announced_in_the_app_and_by_email,
    |app: TestApp| async move {
        let coordinator = app.sign_in("coordinator@demo.example").await;
        let autumn = app.cohort_named("Autumn dialogue cohort").await.id;
        let response = coordinator
            .post(
                &format!("/cohorts/{autumn}/members"),
                &[("email", "teacher@demo.example"), ("role", "facilitator")],
            )
            .await;
        assert_eq!(response.status(), 303);
        let teacher = app.sign_in("teacher@demo.example").await;
        let (_, home) = teacher.page("/").await;
        // The teacher reads Albanian.
        assert!(
            home.contains("Tani jeni"),
            "the notice shows on the home page"
        );
        assert!(home.contains("Autumn dialogue cohort"));
        let mails = app.outbox().await;
        assert!(mails.iter().any(
            |m| m.contains("To: teacher@demo.example") && m.contains("Autumn dialogue cohort")
        ));
        teacher.post("/notifications/read", &[]).await;
        assert_eq!(
            app.store
                .notifications()
                .unread_count(person_id(&app, "teacher@demo.example").await)
                .await
                .unwrap(),
            0
        );
    }
);
