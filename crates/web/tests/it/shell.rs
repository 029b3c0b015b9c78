//! The web shell: health, pages everyone sees, error pages, headers.

use crate::both;
use crate::helpers::*;

both!(health_and_readiness_answer, |app: TestApp| async move {
    let client = reqwest::Client::new();
    let health = client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(health.status(), 200);
    assert_eq!(health.text().await.unwrap(), "ok");
    let ready = client.get(app.url("/readyz")).send().await.unwrap();
    assert_eq!(ready.status(), 200);
});

both!(
    signed_out_home_leads_to_the_sign_in_form,
    |app: TestApp| async move {
        let visitor = app.visitor().await;
        let response = visitor.get("/").await;
        assert_eq!(response.status(), 303);
        assert_eq!(location(&response), "/sign-in?next=/");
        let (_, page) = visitor.page("/sign-in").await;
        // The first form on the page is the sign-in form: email, then password, then submit.
        let form = &page[page.find("<form").unwrap()..];
        let form = &form[..form.find("</form>").unwrap()];
        let email = form.find("type=\"email\"").unwrap();
        let password = form.find("type=\"password\"").unwrap();
        let submit = form.find("type=\"submit\"").unwrap();
        assert!(email < password && password < submit);
        assert!(page.contains("href=\"/help\""), "every page links /help");
        assert!(
            page.contains("This is a demo of Hearth"),
            "the demo banner shows"
        );
    }
);

both!(
    help_is_public_and_lists_crisis_numbers_and_services,
    |app: TestApp| async move {
        let response = reqwest::get(app.url("/help")).await.unwrap();
        assert_eq!(response.status(), 200);
        let page = response.text().await.unwrap();
        assert!(
            page.contains("href=\"tel:112\""),
            "the emergency number can be tapped"
        );
        assert!(page.contains("Peer mentorship programme"));
        assert!(page.contains("Student counselling"));
        assert!(
            page.contains("call 112"),
            "the organisation's crisis text shows"
        );
    }
);

both!(
    unknown_pages_get_a_friendly_404_in_the_readers_language,
    |app: TestApp| async move {
        let client = reqwest::Client::new();
        let response = client
            .get(app.url("/no-such-page"))
            .header("accept-language", "sq")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 404);
        let page = response.text().await.unwrap();
        assert!(page.contains("<html lang=\"sq\""));
        assert!(page.contains("href=\"/help\""));
    }
);

both!(
    assets_are_embedded_with_cache_headers_and_pages_with_security_headers,
    |app: TestApp| async move {
        let client = reqwest::Client::new();
        for script in [
            "/static/app.js",
            "/static/live.js",
            "/static/training.js",
            "/static/icon.svg",
        ] {
            assert_eq!(
                client.get(app.url(script)).send().await.unwrap().status(),
                200,
                "{script} is served"
            );
        }
        let css = client.get(app.url("/static/app.css")).send().await.unwrap();
        assert_eq!(css.status(), 200);
        assert!(
            css.headers()["cache-control"]
                .to_str()
                .unwrap()
                .contains("max-age")
        );
        let etag = css.headers()["etag"].clone();
        let again = client
            .get(app.url("/static/app.css"))
            .header("if-none-match", etag)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), 304);
        let page = client.get(app.url("/help")).send().await.unwrap();
        let csp = page.headers()["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("default-src 'self'"));
        assert_eq!(page.headers()["x-content-type-options"], "nosniff");
        assert!(page.headers().contains_key("x-request-id"));
    }
);

both!(
    language_follows_the_browser_and_the_switcher,
    |app: TestApp| async move {
        let client = reqwest::Client::new();
        let page = client
            .get(app.url("/sign-in"))
            .header("accept-language", "sq-AL,sq;q=0.9")
            .send()
            .await
            .unwrap();
        assert!(page.text().await.unwrap().contains("Ndihmë"));
        let visitor = app.visitor().await;
        let response = visitor
            .post("/language", &[("language", "sq"), ("back", "/help")])
            .await;
        assert_eq!(response.status(), 303);
        assert_eq!(location(&response), "/help");
        let (_, help) = visitor.page("/help").await;
        assert!(help.contains("<html lang=\"sq\""));
        // A signed-in person's choice is kept in their profile.
        let teacher = app.sign_in("teacher@demo.example").await;
        let (_, home) = teacher.page("/").await;
        assert!(
            home.contains("<html lang=\"sq\""),
            "the demo teacher chose Albanian"
        );
        teacher
            .post("/language", &[("language", "en"), ("back", "/")])
            .await;
        let person = app
            .store
            .people()
            .find_by_email(&hearth_domain::input::Email::parse("teacher@demo.example").unwrap())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(person.language.as_deref(), Some("en"));
    }
);

both!(
    a_new_organisation_has_no_demo_banner,
    |_demo: TestApp| async move {
        let backend = if std::env::var("HEARTH_TEST_POSTGRES_URL").is_ok() {
            Backend::Postgres
        } else {
            Backend::Sqlite
        };
        let app = TestApp::spawn_empty(backend).await.unwrap();
        let (status, page) = app.visitor().await.page("/sign-in").await;
        assert_eq!(status, 200);
        assert!(!page.contains("This is a demo of Hearth"));
        assert!(!page.contains("Demo accounts"));
    }
);
