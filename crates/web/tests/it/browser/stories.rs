//! A community story in a browser (issue 9): Maya writes one with a picture
//! and chooses to share it publicly under her first name; a coordinator goes
//! through the safe-messaging checklist and approves it; a visitor who is not
//! signed in reads it, with its picture and where to find help. Every page is
//! checked with axe-core, at desktop and phone width.

use super::*;

/// A one-pixel PNG, written to a file the browser can upload.
const PIXEL_PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
    0x42, 0x60, 0x82,
];

/// Clicks the button an XPath names and waits for the page it brings.
async fn click_and_wait(client: &Client, xpath: &str) {
    client
        .execute("document.documentElement.dataset.leaving = 'yes';", vec![])
        .await
        .unwrap();
    client
        .find(Locator::XPath(xpath))
        .await
        .unwrap_or_else(|e| panic!("no {xpath}: {e}"))
        .click()
        .await
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(15);
    while client
        .execute(
            "return document.readyState === 'complete' && !document.documentElement.dataset.leaving;",
            vec![],
        )
        .await
        .unwrap_or(Value::Bool(false))
        != Value::Bool(true)
    {
        assert!(Instant::now() < deadline, "no new page after {xpath}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_story_is_written_with_a_picture_checked_and_read_by_anyone() {
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    let app = &app;
    let picture = app.data_dir.join("autumn-path.png");
    std::fs::write(&picture, PIXEL_PNG).unwrap();
    let picture = picture.to_str().unwrap().to_owned();
    let picture = &picture;

    with_browser("story-writer", |client| async move {
        sign_in_with_form(&client, app, "maya@demo.example").await;
        client.goto(&app.url("/stories")).await.unwrap();
        click(&client, "a[href='/stories/new']").await;
        wait_for_path(&client, "/stories/new").await;
        type_into(&client, "#f-title", "Finding my feet").await;
        type_into(
            &client,
            "#f-body",
            "I was lost in my first term. The peer group helped, and now I help others.",
        )
        .await;
        find(&client, "#f-picture")
            .await
            .send_keys(picture)
            .await
            .unwrap();
        type_into(&client, "#f-picture_alt", "A path through autumn trees").await;
        click(&client, "#f-aud-public").await;
        click(&client, "#f-consent").await;
        check_accessibility(&client, "writing a story").await;
        screenshots(&client, "story-write").await;
        submit_and_wait(&client, "Send for checking").await;
        wait_for_path(&client, "/stories").await;
        let text = body_text(&client).await;
        assert!(text.contains("Waiting to be checked"), "{text}");
    })
    .await;

    with_browser("story-moderator", |client| async move {
        sign_in_with_form(&client, app, "coordinator@demo.example").await;
        client.goto(&app.url("/stories/moderate")).await.unwrap();
        let text = body_text(&client).await;
        assert!(text.contains("Finding my feet") && text.contains("A path through autumn trees"));
        check_accessibility(&client, "the stories to check").await;
        screenshots(&client, "story-moderate").await;
        // Maya's is the second story waiting (the demo's is older).
        let in_hers = "//article[.//h2[text()='Finding my feet']]";
        let approve = format!("{in_hers}//button[@value='approve']");
        // Approving without the checklist is refused, kindly.
        click_and_wait(&client, &approve).await;
        assert!(
            body_text(&client)
                .await
                .contains("every point needs a tick")
        );
        for check in [
            "stories-check-no-method",
            "stories-check-hope",
            "stories-check-no-names",
            "stories-check-picture",
        ] {
            client
                .find(Locator::XPath(&format!(
                    "{in_hers}//input[@value='{check}']"
                )))
                .await
                .unwrap()
                .click()
                .await
                .unwrap();
        }
        click_and_wait(&client, &approve).await;
        assert!(body_text(&client).await.contains("The story is shared"));
    })
    .await;

    with_browser("story-reader", |client| async move {
        client.goto(&app.url("/stories")).await.unwrap();
        let text = body_text(&client).await;
        assert!(text.contains("Finding my feet") && text.contains("by Maya"));
        assert!(!text.contains("Maya Chen"));
        let loaded = client
            .execute(
                "const img = document.querySelector('img.story-picture'); \
                 return img && img.complete && img.naturalWidth === 1 ? img.alt : null;",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(loaded.as_str(), Some("A path through autumn trees"));
        check_accessibility(&client, "the public stories").await;
        screenshots(&client, "stories-public").await;
        click(&client, "h3 a").await;
        wait_for_path_prefix(&client, "/stories/").await;
        let text = body_text(&client).await;
        assert!(text.contains("If you need help now"));
        check_accessibility(&client, "a public story").await;
    })
    .await;
}
