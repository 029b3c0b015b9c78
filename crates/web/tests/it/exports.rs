//! Reports and the organisation's data (issue 9): a person's export as a
//! readable HTML page (the same document, checks and audit record as the
//! JSON), and the charts of ongoing supports and referrals on the reports
//! page, which never show a count below 5.

use crate::both;
use crate::helpers::*;
use crate::support::{campus, person};
use hearth_domain::UserId;

const TITLE: &str = "<script>alert('title')</script> What I learnt";
const BODY: &str = "Line one & <b>two</b>\n<img src=x onerror=alert(1)>";

/// How many exports of `who`'s data the audit log holds.
async fn exports_of(app: &TestApp, who: UserId) -> usize {
    app.store
        .audit()
        .about(who, 500)
        .await
        .unwrap()
        .iter()
        .filter(|e| e.action == "export" && e.subject_kind == "person-export")
        .count()
}

/// A download as (status, content type, disposition, body).
async fn download(visitor: &Visitor, path: &str) -> (u16, String, String, String) {
    let response = visitor.get(path).await;
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default()
    };
    let (status, kind, disposition) = (
        response.status().as_u16(),
        header("content-type"),
        header("content-disposition"),
    );
    (status, kind, disposition, response.text().await.unwrap())
}

/// Teuta (the teacher) writes a story with markup in it; her id.
async fn teuta_writes_markup(app: &TestApp) -> UserId {
    let teacher = person(app, "teacher@demo.example").await;
    app.store
        .stories()
        .write(
            teacher,
            hearth_store::StoryText {
                title: TITLE,
                body: BODY,
                signature: hearth_domain::stories::Signature::FirstName,
                signed_as: "Teuta",
                audience: hearth_domain::stories::StoryAudience::Organisation,
                picture: None,
                remove_picture: false,
                send: true,
            },
        )
        .await
        .unwrap();
    teacher
}

/// The page holds her words as text, never as markup.
fn escaped(html: &str) {
    assert!(!html.contains("<script"), "no script in the page");
    assert!(!html.contains("<img"), "no image in the page");
    assert!(!html.contains("<b>two"), "no markup from her words");
    assert!(html.contains("&lt;script&gt;alert('title')&lt;/script&gt; What I learnt"));
    assert!(html.contains("Line one &amp; &lt;b&gt;two&lt;/b&gt;"));
}

both!(
    a_person_reads_their_own_export_as_a_page,
    |app: TestApp| async move {
        let teacher = teuta_writes_markup(&app).await;
        let her = app.sign_in("teacher@demo.example").await;
        let (status, page) = her.page("/profile/my-data").await;
        assert_eq!(status, 200);
        assert!(page.contains("href=\"/profile/my-data.html\""), "{page}");
        assert!(page.contains("href=\"/profile/my-data.json\""));

        let before = exports_of(&app, teacher).await;
        let (status, kind, disposition, html) = download(&her, "/profile/my-data.html").await;
        assert_eq!(status, 200);
        assert!(kind.starts_with("text/html"), "{kind}");
        assert_eq!(
            disposition,
            format!("attachment; filename=\"hearth-data-{}.html\"", teacher.0)
        );
        assert_eq!(exports_of(&app, teacher).await, before + 1, "audited");
        // Self-contained: its style inline, nothing fetched, no script.
        assert!(html.starts_with("<!doctype html>"));
        assert!(html.contains("<style>"));
        assert!(!html.contains("<link") && !html.contains("src=\""));
        // Her own writing, under the section headings of her language
        // (Teuta reads Albanian), times in her zone.
        assert!(html.contains("lang=\"sq\""));
        assert!(
            html.contains("I&#39;m here, for them and for me")
                || html.contains("I'm here, for them and for me")
        );
        for heading in [
            "Profili",
            "Çfarë keni shkruar",
            "Historitë e komunitetit",
            "Kush i ka hapur të dhënat tuaja",
        ] {
            assert!(html.contains(&format!(">{heading}</h")), "{heading}");
        }
        assert!(html.contains("<time datetime=\""));
        escaped(&html);
        // Nobody else's story.
        assert!(!html.contains("Saying it out loud"));

        // The JSON holds the same story; both downloads are audited alike.
        let (status, _, _, json) = download(&her, "/profile/my-data.json").await;
        assert_eq!(status, 200);
        assert!(json.contains("What I learnt"));
        assert_eq!(exports_of(&app, teacher).await, before + 2);

        // Someone else's page is their own data, never hers; an English reader gets English.
        let participant = app.sign_in("participant@demo.example").await;
        let (status, _, _, theirs) = download(&participant, "/profile/my-data.html").await;
        assert_eq!(status, 200);
        assert!(!theirs.contains("What I learnt"));
        assert!(theirs.contains(">What you wrote</h"), "English headings");
        assert!(theirs.contains(">Nothing recorded<"));
        // Signed out: nothing.
        let visitor = app.visitor().await;
        assert_ne!(visitor.get("/profile/my-data.html").await.status(), 200);
    }
);

both!(
    an_administrator_downloads_a_persons_export_as_a_page,
    |app: TestApp| async move {
        let teacher = teuta_writes_markup(&app).await;
        let path = format!("/people/{}/export.html", teacher.0);
        // Refused as the JSON is: to another person, a coordinator, a supervisor.
        for who in [
            "participant@demo.example",
            "coordinator@demo.example",
            "supervisor@demo.example",
        ] {
            let visitor = app.sign_in(who).await;
            let json = visitor
                .get(&format!("/people/{}/export.json", teacher.0))
                .await
                .status();
            assert_eq!(visitor.get(&path).await.status(), json, "{who}");
            assert_eq!(json, 403, "{who}");
        }
        let before = exports_of(&app, teacher).await;
        assert_eq!(before, 0, "refusals are not exports");

        let admin = app.sign_in("admin@demo.example").await;
        let (status, page) = admin.page(&format!("/people/{}/data", teacher.0)).await;
        assert_eq!(status, 200);
        assert!(page.contains(&format!("href=\"{path}\"")), "{page}");
        let (status, kind, disposition, html) = download(&admin, &path).await;
        assert_eq!(status, 200);
        assert!(kind.starts_with("text/html"));
        assert!(disposition.contains(&format!("hearth-data-{}.html", teacher.0)));
        assert!(html.contains("teacher@demo.example"));
        assert!(html.contains("Historitë e komunitetit"));
        escaped(&html);
        let entries = app.store.audit().about(teacher, 10).await.unwrap();
        assert_eq!(exports_of(&app, teacher).await, 1);
        assert_eq!(entries[0].actor_name.as_deref(), Some("Alex Admin"));
        // An unknown person is not found, as with the JSON.
        let missing = format!("/people/{}/export.html", uuid::Uuid::new_v4());
        assert_eq!(admin.get(&missing).await.status(), 404);
    }
);

/// The text written in an SVG (labels and counts).
fn svg_texts(svg: &str) -> Vec<String> {
    svg.split("</text>")
        .filter_map(|part| part.rsplit_once('>').map(|(_, text)| text.to_owned()))
        .collect()
}

/// The SVG of the section headed `heading`.
fn chart_of<'a>(page: &'a str, heading: &str) -> &'a str {
    let section = &page[page.find(&format!("id=\"{heading}\"")).unwrap()..];
    let section = &section[..section.find("</section>").unwrap()];
    let start = section.find("<svg").expect("a chart");
    &section[start..section.find("</svg>").unwrap() + 6]
}

both!(
    ongoing_support_and_referrals_are_charted_without_small_counts,
    |app: TestApp| async move {
        let store = &app.store;
        let site = campus(&app).await;
        let peer = person(&app, "peer@demo.example").await;
        let services = store.services().list(false).await.unwrap();
        let (many, few) = (&services[0], &services[1]);
        // Seven referrals to one service, two to another.
        for (service, times) in [(many.id, 7), (few.id, 2)] {
            for _ in 0..times {
                store
                    .ongoing()
                    .refer(&hearth_store::NewReferral {
                        site: Some(site),
                        referrer: peer,
                        service,
                        source: "session-log",
                        source_id: None,
                        person: None,
                        person_label: "A walk-in".to_owned(),
                        note: None,
                        follow_up_at: hearth_store::now_ms() + hearth_store::DAY_MS,
                    })
                    .await
                    .unwrap();
            }
        }
        let figures = store
            .reports()
            .ongoing_support(&hearth_store::ReportFilter::default())
            .await
            .unwrap();
        let coordinator = app.sign_in("coordinator@demo.example").await;
        let (status, page) = coordinator.page("/reports").await;
        assert_eq!(status, 200);

        let referrals = chart_of(&page, "referrals-heading");
        assert!(referrals.contains("aria-labelledby=\"referrals-caption\""));
        assert!(page.contains("id=\"referrals-caption\""));
        let texts = svg_texts(referrals);
        let shown = figures
            .referrals
            .iter()
            .find(|(name, _)| *name == many.name)
            .unwrap()
            .1;
        assert!(shown.value().unwrap() >= 7);
        assert!(
            texts.contains(&shown.value().unwrap().to_string()),
            "{texts:?}"
        );
        assert!(texts.contains(&many.name) && texts.contains(&few.name));
        // The small count is a striped stub reading "fewer than 5", never a number.
        assert!(texts.contains(&"fewer than 5".to_owned()));
        assert!(referrals.contains("class=\"hidden-count\""));
        for small in 1..5 {
            assert!(!texts.contains(&small.to_string()), "{small} in {texts:?}");
        }
        // Beside it, the table for screen readers, and the CSV as shown.
        assert!(page.contains("<caption id=\"referrals-table\">"));
        let csv = coordinator
            .get("/reports/referrals.csv")
            .await
            .text()
            .await
            .unwrap();
        assert!(csv.contains(&format!("{},<5", few.name)), "{csv}");

        // Supports open and closed: whatever their counts, none below 5 shows.
        let supports = chart_of(&page, "ongoing-heading");
        assert!(supports.contains("aria-labelledby=\"ongoing-caption\""));
        let texts = svg_texts(supports);
        assert!(
            texts.contains(&"Ongoing supports open".to_owned()),
            "{texts:?}"
        );
        for count in [figures.open, figures.closed] {
            match count.value() {
                Some(n) => assert!(texts.contains(&n.to_string())),
                None => assert!(texts.contains(&"fewer than 5".to_owned())),
            }
        }
        for small in 1..5 {
            assert!(!texts.contains(&small.to_string()), "{small} in {texts:?}");
        }
        // With a hidden bar, the caption says what the stripes mean.
        assert!(page.contains("Striped bars stand for fewer than 5"));
    }
);
