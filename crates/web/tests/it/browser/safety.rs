//! Browser tests for one-to-one support's safety (issue 7): a drop-in shift
//! from the queue to the supervisor reading the flagged log (and the audit
//! showing that read), and `/help` reached in two taps from three pages.

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_drop_in_shift_from_the_queue_to_the_supervisor_reading_the_flagged_log() {
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    let app = &app;
    let centre = app.store.support().locations().await.unwrap().remove(0);
    with_browser("drop-in-shift", |client| async move {
        // Pat, on shift, adds a walk-in who gives only a nickname.
        sign_in_with_form(&client, app, "peer@demo.example").await;
        client
            .goto(&app.url(&format!("/one-to-one/locations/{}", centre.id)))
            .await
            .unwrap();
        type_into(&client, "#f-name", "Robin").await;
        submit_and_wait(&client, "Add to the queue").await;
        assert!(text_of(&client, "ol.queue").await.contains("Robin"));
        check_accessibility(&client, "the walk-in queue").await;
        screenshots(&client, "drop-in-queue").await;

        // Take next opens the log for Robin.
        submit_and_wait(&client, "Take next").await;
        wait_for_path(&client, "/one-to-one/logs/new").await;
        assert!(body_text(&client).await.contains("Robin"));
        type_into(&client, "#f-minutes", "30").await;
        type_into(&client, "#f-note", "Robin is struggling after a break-up.").await;
        click(&client, "input[name=difficult]").await;
        check_accessibility(&client, "the session log form").await;
        submit_and_wait(&client, "Save the log").await;
        wait_for_path(&client, "/one-to-one").await;
        assert!(
            app.store
                .support()
                .waiting(centre.id)
                .await
                .unwrap()
                .is_empty(),
            "Robin left the queue"
        );
        submit_and_wait(&client, "Sign out").await;

        // The supervisor sees the flag on their home page and reads the log.
        sign_in_with_form(&client, app, "supervisor@demo.example").await;
        assert!(
            body_text(&client)
                .await
                .contains("A log was flagged: difficult situation"),
            "the flag is on the supervisor's home page"
        );
        check_accessibility(&client, "the supervisor's home page with a flag").await;
        click(&client, "main a[href^='/one-to-one/logs/']").await;
        wait_for_path_prefix(&client, "/one-to-one/logs/").await;
        assert!(
            body_text(&client)
                .await
                .contains("Robin is struggling after a break-up.")
        );
        check_accessibility(&client, "a flagged session log").await;
        screenshots(&client, "drop-in-flagged-log").await;
        submit_and_wait(&client, "Sign out").await;

        // The audit trail shows that the supervisor read it.
        sign_in_with_form(&client, app, "admin@demo.example").await;
        client.goto(&app.url("/admin/audit")).await.unwrap();
        let audit = text_of(&client, "main table").await;
        let line = audit
            .lines()
            .find(|l| l.contains("Sam Supervisor") && l.contains("a session log"))
            .unwrap_or_else(|| panic!("no read by the supervisor in the audit: {audit}"));
        assert!(line.contains("Pat"), "whose log it was: {line}");
        assert!(
            !audit.contains("break-up"),
            "the audit never shows what a log says"
        );
        check_accessibility(&client, "the audit log").await;
    })
    .await;
}

/// From a page, tap "Get help now", then the first crisis number: two taps.
async fn two_taps_to_a_crisis_number(client: &Client, from: &str) {
    click(client, "a.help-link").await;
    wait_for_path(client, "/help").await;
    let number = find(client, "a.call[href^='tel:']").await;
    let href = number.attr("href").await.unwrap().unwrap_or_default();
    assert!(href.starts_with("tel:"), "from {from}: {href}");
    // The second tap is on the number itself: it is visible and reachable.
    assert!(number.is_displayed().await.unwrap(), "from {from}");
    let site_number = find(client, ".site-crisis a.call[href='tel:0800123456']").await;
    assert!(site_number.is_displayed().await.unwrap());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn help_is_two_taps_away_from_three_pages_on_a_phone() {
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    let app = &app;
    let code = app.store.support().locations().await.unwrap()[0]
        .checkin_code
        .clone();
    with_browser("help-two-taps", |client| async move {
        client.set_window_size(NARROW.0, NARROW.1).await.unwrap();
        // Signed out: the sign-in page and a check-in page.
        for path in ["/sign-in".to_owned(), format!("/check-in/{code}")] {
            client.goto(&app.url(&path)).await.unwrap();
            check_accessibility(&client, &path).await;
            two_taps_to_a_crisis_number(&client, &path).await;
        }
        check_accessibility(&client, "/help at phone width").await;
        client.set_window_size(WIDE.0, WIDE.1).await.unwrap();
        screenshots(&client, "help").await;
        // Signed in: the home page.
        sign_in_with_form(&client, app, "participant@demo.example").await;
        client.set_window_size(NARROW.0, NARROW.1).await.unwrap();
        client.goto(&app.url("/")).await.unwrap();
        two_taps_to_a_crisis_number(&client, "home").await;
        client.set_window_size(WIDE.0, WIDE.1).await.unwrap();
    })
    .await;
}
