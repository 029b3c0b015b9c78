//! Signing in and out, sessions, CSRF, passwords, resets and invitations.

use crate::both;
use crate::helpers::*;

both!(sign_in_then_out, |app: TestApp| async move {
    let visitor = app.sign_in("coordinator@demo.example").await;
    let (status, home) = visitor.page("/").await;
    assert_eq!(status, 200);
    assert!(home.contains("Drita Coordinator"));
    let response = visitor.post("/sign-out", &[]).await;
    assert_eq!(response.status(), 303);
    let after = visitor.get("/").await;
    assert_eq!(after.status(), 303, "signed out, home sends to sign-in");
});

both!(
    wrong_password_is_refused_without_saying_which_part_was_wrong,
    |app: TestApp| async move {
        let visitor = app.visitor().await;
        let wrong = visitor
            .post(
                "/sign-in",
                &[
                    ("email", "coordinator@demo.example"),
                    ("password", "not the password"),
                ],
            )
            .await;
        assert_eq!(wrong.status(), 422);
        let page = wrong.text().await.unwrap();
        assert!(page.contains("do not match an account"));
        assert!(
            page.contains("value=\"coordinator@demo.example\""),
            "the email typed is kept"
        );
        let unknown = visitor
            .post(
                "/sign-in",
                &[
                    ("email", "nobody@demo.example"),
                    ("password", "whatever123"),
                ],
            )
            .await;
        assert_eq!(unknown.status(), 422);
        assert!(
            unknown
                .text()
                .await
                .unwrap()
                .contains("do not match an account")
        );
    }
);

both!(
    repeated_failures_pause_sign_in_for_that_address,
    |app: TestApp| async move {
        for _ in 0..10 {
            app.store
                .sessions()
                .record_failure("peer@demo.example")
                .await
                .unwrap();
        }
        let visitor = app.visitor().await;
        let response = visitor
            .post(
                "/sign-in",
                &[("email", "peer@demo.example"), ("password", DEMO_PASSWORD)],
            )
            .await;
        assert_eq!(response.status(), 422);
        assert!(response.text().await.unwrap().contains("Too many tries"));
        // Other addresses are not affected.
        app.sign_in("participant@demo.example").await;
    }
);

both!(
    forms_without_the_csrf_token_change_nothing,
    |app: TestApp| async move {
        let visitor = app.sign_in("admin@demo.example").await;
        let response = visitor
            .post_without_csrf(
                "/sites",
                &[("name", "Forged site"), ("kind", "school"), ("address", "")],
            )
            .await;
        assert_eq!(response.status(), 403);
        assert!(
            response
                .text()
                .await
                .unwrap()
                .contains("Please try that again")
        );
        let forged_origin = visitor
            .client
            .post(app.url("/sites"))
            .header("origin", "https://evil.example")
            .form(&[
                ("csrf", visitor.csrf.as_str()),
                ("name", "Forged site"),
                ("kind", "school"),
                ("address", ""),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(forged_origin.status(), 403);
        let sites = app.store.org().sites(true).await.unwrap();
        assert!(sites.iter().all(|s| s.name != "Forged site"));
    }
);

both!(
    sessions_are_stored_and_survive_a_restart,
    |app: TestApp| async move {
        let visitor = app.sign_in("facilitator@demo.example").await;
        // A second server on the same database knows the session.
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = format!("http://{}", listener.local_addr().unwrap());
        let state = app.state.clone();
        let second = tokio::spawn(async move {
            hearth_web::serve(listener, state, std::future::pending())
                .await
                .unwrap()
        });
        let response = visitor
            .client
            .get(format!("{address}/profile"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        assert!(
            response
                .text()
                .await
                .unwrap()
                .contains("facilitator@demo.example")
        );
        second.abort();
    }
);

both!(
    session_cookie_is_http_only_and_lax,
    |app: TestApp| async move {
        let visitor = app.visitor().await;
        let response = visitor
            .post(
                "/sign-in",
                &[("email", "admin@demo.example"), ("password", DEMO_PASSWORD)],
            )
            .await;
        let cookie = response
            .headers()
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .find(|c| c.starts_with("hearth_session="))
            .unwrap();
        assert!(cookie.contains("HttpOnly"));
        assert!(cookie.contains("SameSite=Lax"));
        assert!(
            !cookie.contains("Secure"),
            "plain http in tests: no Secure flag"
        );
    }
);

both!(
    changing_the_password_needs_the_current_one_and_ends_sessions,
    |app: TestApp| async move {
        let visitor = app.sign_in("peer@demo.example").await;
        let wrong = visitor
            .post(
                "/profile/password",
                &[
                    ("current", "wrong password"),
                    ("password", "a new long passphrase"),
                    ("confirm", "a new long passphrase"),
                ],
            )
            .await;
        assert_eq!(wrong.status(), 422);
        assert!(
            wrong
                .text()
                .await
                .unwrap()
                .contains("not your current password")
        );
        let short = visitor
            .post(
                "/profile/password",
                &[
                    ("current", DEMO_PASSWORD),
                    ("password", "short"),
                    ("confirm", "short"),
                ],
            )
            .await;
        assert_eq!(short.status(), 422);
        let done = visitor
            .post(
                "/profile/password",
                &[
                    ("current", DEMO_PASSWORD),
                    ("password", "a new long passphrase"),
                    ("confirm", "a new long passphrase"),
                ],
            )
            .await;
        assert_eq!(done.status(), 303);
        assert_eq!(
            visitor.get("/").await.status(),
            303,
            "the old session ended"
        );
        app.sign_in_with("peer@demo.example", "a new long passphrase")
            .await;
    }
);

both!(password_reset_by_emailed_link, |app: TestApp| async move {
    let visitor = app.visitor().await;
    let response = visitor
        .post("/password/forgot", &[("email", "participant@demo.example")])
        .await;
    assert_eq!(response.status(), 200);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("a link is on its way")
    );
    // Unknown addresses get the same answer and no email.
    visitor
        .post("/password/forgot", &[("email", "stranger@example.org")])
        .await;
    let link = app.link_in_mail_to("participant@demo.example").await;
    assert!(link.starts_with("/password/reset/"));
    assert!(
        app.outbox()
            .await
            .iter()
            .all(|m| !m.contains("stranger@example.org"))
    );
    let mismatch = visitor
        .post(
            &link,
            &[
                ("password", "brand new passphrase"),
                ("confirm", "another passphrase"),
            ],
        )
        .await;
    assert_eq!(mismatch.status(), 422);
    let done = visitor
        .post(
            &link,
            &[
                ("password", "brand new passphrase"),
                ("confirm", "brand new passphrase"),
            ],
        )
        .await;
    assert_eq!(done.status(), 303);
    assert_eq!(
        visitor.get("/").await.status(),
        200,
        "the new password signs them in"
    );
    // A used link does not work twice.
    let (_, again) = visitor.page(&link).await;
    assert!(again.contains("expired or was already used"));
    app.sign_in_with("participant@demo.example", "brand new passphrase")
        .await;
});

both!(
    invitation_lets_a_new_person_choose_a_password,
    |app: TestApp| async move {
        let coordinator = app.sign_in("coordinator@demo.example").await;
        let response = coordinator
            .post(
                "/people/invite",
                &[
                    ("email", "Newcomer@Example.org"),
                    ("name", "Nora Newcomer"),
                    ("role", "participant"),
                    ("scope", "organisation"),
                    ("language", "en"),
                ],
            )
            .await;
        assert_eq!(response.status(), 303);
        let link = app.link_in_mail_to("newcomer@example.org").await;
        assert!(link.starts_with("/invitation/"));
        let newcomer = app.visitor().await;
        let (_, page) = newcomer.page(&link).await;
        assert!(page.contains("Nora Newcomer"));
        let done = newcomer
            .post(
                &link,
                &[
                    ("password", "my own passphrase"),
                    ("confirm", "my own passphrase"),
                ],
            )
            .await;
        assert_eq!(done.status(), 303);
        let (_, home) = newcomer.page("/").await;
        assert!(home.contains("Hello, Nora Newcomer"));
    }
);

both!(
    profile_changes_are_validated_field_by_field,
    |app: TestApp| async move {
        let visitor = app.sign_in("participant@demo.example").await;
        let bad = visitor
            .post(
                "/profile",
                &[
                    ("display_name", "  "),
                    ("pronouns", ""),
                    ("language", "en"),
                    ("time_zone", "Mars/Olympus"),
                ],
            )
            .await;
        assert_eq!(bad.status(), 422);
        let page = bad.text().await.unwrap();
        assert!(page.contains("Please enter a name"));
        assert!(page.contains("Please enter a time zone"));
        let good = visitor
            .post(
                "/profile",
                &[
                    ("display_name", "Parveen P."),
                    ("pronouns", "she/her"),
                    ("language", "sq"),
                    ("time_zone", "Europe/Belgrade"),
                ],
            )
            .await;
        assert_eq!(good.status(), 303);
        let (_, profile) = visitor.page("/profile").await;
        assert!(profile.contains("Parveen P."));
        assert!(profile.contains("<html lang=\"sq\""));
    }
);
