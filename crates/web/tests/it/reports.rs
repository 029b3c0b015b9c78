//! Reports: activities recorded by hand and from CSV, the figures on the
//! page and in its CSV downloads against numbers worked out by hand, small
//! counts hidden, and who may see which site's figures.

use crate::both;
use crate::helpers::*;
use hearth_domain::SiteId;
use hearth_domain::org::SiteKind;

/// A site of its own, so the demo's activities never mix into the sums.
pub async fn test_site(app: &TestApp) -> SiteId {
    app.store
        .org()
        .create_site(&hearth_store::NewSite {
            name: "Vushtrri Municipality".into(),
            kind: SiteKind::Municipality,
            address: None,
        })
        .await
        .unwrap()
}

pub async fn phase_two(app: &TestApp) -> String {
    app.store
        .org()
        .programmes(false)
        .await
        .unwrap()
        .into_iter()
        .flat_map(|p| p.phases)
        .find(|p| p.name.starts_with("Field Phase II"))
        .unwrap()
        .id
        .to_string()
}

async fn import(visitor: &Visitor, csv: &str) -> (u16, String) {
    let form = reqwest::multipart::Form::new()
        .text("csrf", visitor.csrf.clone())
        .text("pasted", csv.to_owned());
    let response = visitor
        .post_multipart("/reports/activities/import", form)
        .await;
    let status = response.status().as_u16();
    (status, response.text().await.unwrap())
}

/// The hidden CSV field of the preview's confirm form, unescaped.
fn confirm_csv(page: &str) -> String {
    let start = page.find("name=\"csv\" value=\"").unwrap() + "name=\"csv\" value=\"".len();
    let end = start + page[start..].find('"').unwrap();
    page[start..end]
        .replace("&#10;", "\n")
        .replace("&#13;", "\r")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&#34;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Records the fixed data set at `site` (see the test below for the sums).
pub async fn record_fixed_set(app: &TestApp, coordinator: &Visitor, site: SiteId) {
    let phase = phase_two(app).await;
    let site_text = site.to_string();
    let recorded = coordinator
        .post(
            "/reports/activities/new",
            &[
                ("date", "2026-10-05"),
                ("kind", "supervision"),
                ("site", &site_text),
                ("phase", &phase),
                ("title", "Case supervision"),
                (
                    "attendees",
                    "arta@demo.example\nblerim@demo.example, dafina@demo.example\negzon@demo.example fjolla@demo.example",
                ),
                ("head_count", ""),
            ],
        )
        .await;
    assert_eq!(recorded.status(), 303);
    let csv = "date,kind,site,phase,title,attendees,head_count\n\
        2026-10-12,supervision,Vushtrri Municipality,Field Phase II: peer support groups,,arta@demo.example; blerim@demo.example,\n\
        2026-11-03,Coaching,vushtrri municipality,Field Phase II: peer support groups,Coaching circle,,12\n\
        2026-11-04,coaching,Vushtrri Municipality,Field Phase II: peer support groups,,granit@demo.example;hana@demo.example,\n\
        2026-11-20,one-to-one,Vushtrri Municipality,Field Phase II: peer support groups,,arta@demo.example;ilir@demo.example,\n";
    let (status, preview) = import(coordinator, csv).await;
    assert_eq!(status, 200, "{preview}");
    assert!(preview.contains("All 4 activities are ready to add."));
    let confirmed = coordinator
        .post(
            "/reports/activities/import/confirm",
            &[("csv", &confirm_csv(&preview))],
        )
        .await;
    assert_eq!(confirmed.status(), 303);
}

async fn csv_lines(visitor: &Visitor, path: &str) -> Vec<String> {
    let response = visitor.get(path).await;
    assert_eq!(response.status(), 200, "{path}");
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    response
        .text()
        .await
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

both!(
    bad_activities_are_refused_field_by_field_and_nothing_is_added,
    |app: TestApp| async move {
        let site = test_site(&app).await;
        let coordinator = app.sign_in("coordinator@demo.example").await;
        let before = app.store.activities().count_by_kind().await.unwrap();
        let site_text = site.to_string();
        let refused = coordinator
            .post(
                "/reports/activities/new",
                &[
                    ("date", "05/10/2026"),
                    ("kind", "supervision"),
                    ("site", &site_text),
                    ("phase", ""),
                    ("title", "Kept as typed"),
                    ("attendees", "arta@demo.example, nobody@nowhere.example"),
                    ("head_count", ""),
                ],
            )
            .await;
        assert_eq!(refused.status(), 422);
        let page = refused.text().await.unwrap();
        assert!(page.contains("Please enter a date as year-month-day"));
        assert!(
            page.contains("Nobody in Hearth has these email addresses: nobody@nowhere.example")
        );
        assert!(page.contains("value=\"Kept as typed\""));
        assert!(page.contains("nobody@nowhere.example</textarea>"));
        let both_given = coordinator
            .post(
                "/reports/activities/new",
                &[
                    ("date", "2026-10-05"),
                    ("kind", "coaching"),
                    ("site", &site_text),
                    ("attendees", "arta@demo.example"),
                    ("head_count", "4"),
                ],
            )
            .await;
        assert_eq!(both_given.status(), 422);
        assert!(
            both_given
                .text()
                .await
                .unwrap()
                .contains("either names or a head count, not both")
        );

        // One bad row stops the whole file.
        let (status, preview) = import(
            &coordinator,
            "date,kind,site,attendees,head_count\n\
             2026-10-12,coaching,Vushtrri Municipality,,10\n\
             2026-10-13,juggling,Nowhere,,x\n",
        )
        .await;
        assert_eq!(status, 422);
        assert!(preview.contains("Some rows need fixing. Nothing has been added"));
        assert!(preview.contains("This is not a kind of activity Hearth knows"));
        assert!(preview.contains("Please choose one of your sites."));
        assert!(!preview.contains("/reports/activities/import/confirm"));
        // Sending the bad file to the confirm step anyway adds nothing either.
        let forced = coordinator
            .post(
                "/reports/activities/import/confirm",
                &[(
                    "csv",
                    "date,kind,site,attendees,head_count\n2026-10-12,coaching,Vushtrri Municipality,,10\n2026-10-13,juggling,Nowhere,,x\n",
                )],
            )
            .await;
        assert_eq!(forced.status(), 422);
        let (status, page) = import(&coordinator, "name,email\nx,y\n").await;
        assert_eq!(status, 422);
        assert!(page.contains("The first row must name the columns"));
        assert_eq!(
            app.store.activities().count_by_kind().await.unwrap(),
            before
        );
    }
);

both!(
    the_page_and_its_csv_show_the_numbers_worked_out_by_hand,
    |app: TestApp| async move {
        let site = test_site(&app).await;
        let coordinator = app.sign_in("coordinator@demo.example").await;
        record_fixed_set(&app, &coordinator, site).await;
        // By hand, at this site:
        // supervision: 5 Oct (5 people), 12 Oct (2 of them again): 2 activities, 5 people, 7 attendances.
        // coaching: 3 Nov (head count 12), 4 Nov (2 new people): 2, 2, 14.
        // one-to-one: 20 Nov (Arta, Ilir): 1 activity, 2 people and 2 attendances: fewer than 5.
        // Total: 5 activities, 8 different people, 23 attendances.
        let q = format!("site={site}");
        assert_eq!(
            csv_lines(&coordinator, &format!("/reports/activity.csv?{q}&by=kind")).await,
            vec![
                "Kind of activity,Activities,Different people,Attendances",
                "Coaching,2,2,14",
                "Supervision (case management),2,5,7",
                "One-to-one,1,<5,<5",
                "Total,5,8,23",
            ]
        );
        // October: 2 activities, 5 people, 7 attendances. November: 3 activities;
        // Granit, Hana, Arta and Ilir are 4 people, hidden as the month holds a one-to-one.
        assert_eq!(
            csv_lines(&coordinator, &format!("/reports/activity.csv?{q}&by=month")).await,
            vec![
                "Month,Activities,Different people,Attendances",
                "2026-10,2,5,7",
                "2026-11,3,<5,16",
                "Total,5,8,23",
            ]
        );
        assert_eq!(
            csv_lines(
                &coordinator,
                &format!("/reports/activity.csv?{q}&by=kind,site,month")
            )
            .await,
            vec![
                "Kind of activity,Site,Month,Activities,Different people,Attendances",
                "Coaching,Vushtrri Municipality,2026-11,2,2,14",
                "Supervision (case management),Vushtrri Municipality,2026-10,2,5,7",
                "One-to-one,Vushtrri Municipality,2026-11,1,<5,<5",
                "Total,,,5,8,23",
            ]
        );
        // Filters: a kind, and a date range (both ends included).
        assert_eq!(
            csv_lines(
                &coordinator,
                &format!("/reports/activity.csv?{q}&kind=supervision&by=site")
            )
            .await[1],
            "Vushtrri Municipality,2,5,7"
        );
        assert_eq!(
            csv_lines(
                &coordinator,
                &format!("/reports/activity.csv?{q}&from=2026-10-12&to=2026-11-03&by=")
            )
            .await,
            // Arta and Blerim on 12 Oct are hidden: that day was supervision.
            vec!["Activities,Different people,Attendances", "2,<5,14"]
        );
        let phase = phase_two(&app).await;
        assert_eq!(
            csv_lines(
                &coordinator,
                &format!("/reports/activity.csv?site_kind=municipality&phase={phase}&by=site")
            )
            .await
            .iter()
            .find(|l| l.starts_with("Vushtrri"))
            .unwrap(),
            "Vushtrri Municipality,5,8,23"
        );

        // The page shows the same numbers, charts with their tables, and the small count hidden.
        let (status, page) = coordinator.page(&format!("/reports?{q}")).await;
        assert_eq!(status, 200);
        assert!(page.contains("<svg class=\"report-chart\""));
        assert!(page.contains("<td>fewer than 5</td>"));
        assert!(page.contains(
            "<th scope=\"row\">Supervision (case management)</th><td>2</td><td>5</td><td>7</td>"
        ));
        assert!(page.contains("<dd class=\"stat\">8</dd>"));
        assert!(page.contains("<dd class=\"stat\">23</dd>"));
        let link = format!("/reports/activity.csv?site={site}&#38;by=kind");
        assert!(
            page.contains(&link),
            "{}",
            &page[page.find("activity.csv").unwrap()..][..80]
        );

        // The printable summary.
        let (status, summary) = coordinator.page(&format!("/reports/summary?{q}")).await;
        assert_eq!(status, 200);
        assert!(summary.contains("Hearth Demo Network"));
        assert!(summary.contains("Vushtrri Municipality"));
        assert!(summary.contains("<dd class=\"stat\">23</dd>"));

        // A filter that is not understood is named, not a crash.
        let (status, page) = coordinator
            .page("/reports?from=someday&kind=juggling")
            .await;
        assert_eq!(status, 422);
        assert!(page.contains("Please enter a date as year-month-day"));
    }
);

both!(who_may_see_which_figures, |app: TestApp| async move {
    let site = test_site(&app).await;
    let coordinator = app.sign_in("coordinator@demo.example").await;
    record_fixed_set(&app, &coordinator, site).await;

    // Participants and facilitators do not open reports.
    for email in ["participant@demo.example", "facilitator@demo.example"] {
        let visitor = app.sign_in(email).await;
        assert_eq!(visitor.page("/reports").await.0, 403, "{email}");
        assert_eq!(
            visitor.page("/reports/activity.csv?by=kind").await.0,
            403,
            "{email}"
        );
        let (_, home) = visitor.page("/").await;
        assert!(!home.contains("href=\"/reports\""), "{email}");
    }
    // The municipality's coordinator sees only their own site.
    let local = app.sign_in("municipality@demo.example").await;
    let (status, page) = local.page("/reports").await;
    assert_eq!(status, 200);
    assert!(page.contains("href=\"/reports\""));
    assert!(!page.contains("Vushtrri Municipality"));
    let lines = csv_lines(&local, "/reports/activity.csv?by=site").await;
    assert!(
        lines
            .iter()
            .skip(1)
            .all(|l| l.starts_with("Podujevë Municipality") || l.starts_with("Total")),
        "{lines:?}"
    );
    assert_eq!(
        local
            .page(&format!("/reports/activity.csv?site={site}&by=kind"))
            .await
            .0,
        403
    );
    assert_eq!(local.page(&format!("/reports?site={site}")).await.0, 403);
    // ...and records activities only there.
    let refused = local
        .post(
            "/reports/activities/new",
            &[
                ("date", "2026-10-05"),
                ("kind", "coaching"),
                ("site", &site.to_string()),
                ("head_count", "4"),
            ],
        )
        .await;
    assert_eq!(refused.status(), 422);
    // Only the organisation's coordinators add kinds.
    assert_eq!(local.page("/reports/kinds").await.0, 403);
    let added = coordinator
        .post(
            "/reports/kinds",
            &[("name", "Home visit"), ("sensitive", "on")],
        )
        .await;
    assert_eq!(added.status(), 303);
    let kinds = app.store.activities().kinds().await.unwrap();
    // (Field visits are Hearth's own kind since issue 8.)
    let visit = kinds.iter().find(|k| k.slug == "home-visit").unwrap();
    assert!(visit.sensitive);
    let again = coordinator
        .post("/reports/kinds", &[("name", "Home  visit")])
        .await;
    assert_eq!(again.status(), 422);
});

async fn story_token(app: &TestApp, email: &str, title: &str) -> (uuid::Uuid, String) {
    let author = app
        .store
        .people()
        .find_by_email(&hearth_domain::input::Email::parse(email).unwrap())
        .await
        .unwrap()
        .unwrap()
        .id;
    let story = app
        .store
        .stories()
        .by_author(author)
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.title == title)
        .unwrap();
    (story.id, story.share_token)
}

/// The story form as a browser sends it (it can carry a picture).
fn story_form(visitor: &Visitor, fields: &[(&str, &str)]) -> reqwest::multipart::Form {
    let mut form = reqwest::multipart::Form::new().text("csrf", visitor.csrf.clone());
    for (name, value) in fields {
        form = form.text((*name).to_owned(), (*value).to_owned());
    }
    form
}

/// A tiny, valid PNG (one transparent pixel).
const PIXEL_PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
    0x42, 0x60, 0x82,
];

const CHECKED: &[(&str, &str)] = &[
    ("decision", "approve"),
    ("check", "stories-check-no-method"),
    ("check", "stories-check-hope"),
    ("check", "stories-check-no-names"),
    ("check", "stories-check-picture"),
];

both!(
    a_story_goes_from_draft_through_changes_to_public_and_is_taken_back,
    |app: TestApp| async move {
        let writer = app.sign_in("maya@demo.example").await;
        // Sending needs consent; what was written is kept.
        let refused = writer
            .post_multipart(
                "/stories/new",
                story_form(
                    &writer,
                    &[
                        ("title", "Finding my feet"),
                        ("body", "Kept as I wrote it."),
                        ("signature", "first"),
                        ("audience", "public"),
                        ("action", "send"),
                    ],
                ),
            )
            .await;
        assert_eq!(refused.status(), 422);
        let page = refused.text().await.unwrap();
        assert!(page.contains("Please tick the box"));
        assert!(page.contains("Kept as I wrote it.</textarea>"));
        assert!(page.contains("value=\"Finding my feet\""));
        // A draft needs no consent, and nobody else sees it.
        let saved = writer
            .post_multipart(
                "/stories/new",
                story_form(
                    &writer,
                    &[
                        ("title", "Finding my feet"),
                        ("body", "I was lost in my first term."),
                        ("signature", "first"),
                        ("audience", "public"),
                        ("action", "draft"),
                    ],
                ),
            )
            .await;
        assert_eq!(saved.status(), 303);
        let (id, token) = story_token(&app, "maya@demo.example", "Finding my feet").await;
        let coordinator = app.sign_in("coordinator@demo.example").await;
        assert!(
            !coordinator
                .page("/stories/moderate")
                .await
                .1
                .contains("Finding my feet")
        );
        assert_eq!(coordinator.page(&format!("/stories/{id}")).await.0, 404);
        let (_, mine) = writer.page("/stories").await;
        assert!(mine.contains("Draft: only you can see it"));

        // Sent, with a picture and its description.
        let form = story_form(
            &writer,
            &[
                ("title", "Finding my feet"),
                (
                    "body",
                    "I was lost in my first term. The peer group helped.",
                ),
                ("signature", "first"),
                ("audience", "public"),
                ("picture_alt", "A path through autumn trees"),
                ("consent", "yes"),
                ("action", "send"),
            ],
        )
        .part(
            "picture",
            reqwest::multipart::Part::bytes(PIXEL_PNG.to_vec())
                .file_name("path.png")
                .mime_str("image/png")
                .unwrap(),
        );
        let sent = writer
            .post_multipart(&format!("/stories/{id}/edit"), form)
            .await;
        assert_eq!(sent.status(), 303);
        let anonymous = app.visitor().await;

        // Waiting: not public, not on the community page; only the writer
        // and the moderators read it.
        assert_eq!(anonymous.page(&format!("/s/{token}")).await.0, 404);
        assert_eq!(
            anonymous.page(&format!("/stories/{id}/picture")).await.0,
            404
        );
        let reader = app.sign_in("noah@demo.example").await;
        assert!(!reader.page("/stories").await.1.contains("Finding my feet"));
        assert_eq!(reader.page(&format!("/stories/{id}")).await.0, 404);
        let (_, mine) = writer.page("/stories").await;
        assert!(mine.contains("Finding my feet") && mine.contains("Waiting to be checked"));
        assert!(!mine.contains(&format!("/s/{token}")));
        // Nobody else may take it back, or check it without the role.
        assert_eq!(
            reader
                .post(&format!("/stories/{id}/withdraw"), &[])
                .await
                .status(),
            404
        );
        let local = app.sign_in("municipality@demo.example").await;
        assert_eq!(local.page("/stories/moderate").await.0, 403);
        assert_eq!(
            local
                .post(&format!("/stories/{id}/moderate"), CHECKED)
                .await
                .status(),
            403
        );

        // Approving needs the whole checklist; asking for changes needs a note.
        let (_, queue) = coordinator.page("/stories/moderate").await;
        assert!(queue.contains("Finding my feet") && queue.contains("A path through autumn trees"));
        let unchecked = coordinator
            .post(
                &format!("/stories/{id}/moderate"),
                &[("decision", "approve")],
            )
            .await;
        assert_eq!(unchecked.status(), 422);
        assert!(
            unchecked
                .text()
                .await
                .unwrap()
                .contains("every point needs a tick")
        );
        let no_note = coordinator
            .post(
                &format!("/stories/{id}/moderate"),
                &[("decision", "changes")],
            )
            .await;
        assert_eq!(no_note.status(), 422);
        let changes = coordinator
            .post(
                &format!("/stories/{id}/moderate"),
                &[
                    ("decision", "changes"),
                    ("note", "Could you say where you are now?"),
                ],
            )
            .await;
        assert_eq!(changes.status(), 303);
        let (_, mine) = writer.page("/stories").await;
        assert!(
            mine.contains("Changes asked for") && mine.contains("Could you say where you are now?")
        );
        let (status, edit) = writer.page(&format!("/stories/{id}/edit")).await;
        assert_eq!(status, 200);
        assert!(edit.contains("Could you say where you are now?"));
        assert!(edit.contains("I was lost in my first term. The peer group helped.</textarea>"));
        let resent = writer
            .post_multipart(
                &format!("/stories/{id}/edit"),
                story_form(
                    &writer,
                    &[
                        ("title", "Finding my feet"),
                        ("body", "I was lost in my first term. The peer group helped. Now I help others."),
                        ("signature", "first"),
                        ("audience", "public"),
                        ("picture_alt", "A path through autumn trees"),
                        ("consent", "yes"),
                        ("action", "send"),
                    ],
                ),
            )
            .await;
        assert_eq!(resent.status(), 303);

        // Approved: on the community page for everyone, public by its link,
        // with Open Graph tags, its picture, and where to find help.
        let mut approve = CHECKED.to_vec();
        approve.push(("note", "Lovely, thank you."));
        let approved = coordinator
            .post(&format!("/stories/{id}/moderate"), &approve)
            .await;
        assert_eq!(approved.status(), 303);
        let (_, community) = anonymous.page("/stories").await;
        assert!(community.contains("Finding my feet"));
        assert!(community.contains("by Maya"));
        assert!(
            !community.contains("Maya Chen"),
            "signed with the first name only"
        );
        let (status, public) = anonymous.page(&format!("/s/{token}")).await;
        assert_eq!(status, 200);
        assert!(public.contains("<meta property=\"og:title\" content=\"Finding my feet\">"));
        assert!(
            public.contains(&format!("/stories/{id}/picture\">")),
            "og:image"
        );
        assert!(public.contains("If you need help now"));
        assert!(public.contains("call 112"));
        assert!(
            public.contains("Now I help others."),
            "the changed text is what is shared"
        );
        let picture = anonymous.get(&format!("/stories/{id}/picture")).await;
        assert_eq!(picture.status(), 200);
        assert_eq!(picture.headers()["content-type"], "image/png");
        assert_eq!(picture.headers()["x-content-type-options"], "nosniff");
        assert_eq!(picture.bytes().await.unwrap().as_ref(), PIXEL_PNG);
        let (_, mine) = writer.page("/stories").await;
        assert!(mine.contains(&format!("/s/{token}")));
        assert!(mine.contains("Lovely, thank you."));
        // Shared stories can no longer be edited, only taken back.
        assert_eq!(writer.page(&format!("/stories/{id}/edit")).await.0, 404);
        assert_eq!(anonymous.page("/s/not-a-real-link").await.0, 404);
        // Stories are not report figures.
        assert!(
            !coordinator
                .page("/reports")
                .await
                .1
                .contains("Finding my feet")
        );

        // Taken back: gone everywhere at once, picture too.
        let withdrawn = writer.post(&format!("/stories/{id}/withdraw"), &[]).await;
        assert_eq!(withdrawn.status(), 303);
        assert_eq!(anonymous.page(&format!("/s/{token}")).await.0, 404);
        assert_eq!(
            anonymous.page(&format!("/stories/{id}/picture")).await.0,
            404
        );
        assert!(
            !anonymous
                .page("/stories")
                .await
                .1
                .contains("Finding my feet")
        );
        assert!(!reader.page("/stories").await.1.contains("Finding my feet"));
        assert!(!writer.page("/stories").await.1.contains("Finding my feet"));
        assert!(app.store.stories().get(id).await.is_err());

        // A declined story stays with its writer, with the note, and never goes public.
        writer
            .post_multipart(
                "/stories/new",
                story_form(
                    &writer,
                    &[
                        ("title", "Second try"),
                        ("body", "Some words."),
                        ("signature", "anonymous"),
                        ("audience", "organisation"),
                        ("consent", "yes"),
                        ("action", "send"),
                    ],
                ),
            )
            .await;
        let (id, token) = story_token(&app, "maya@demo.example", "Second try").await;
        let declined = coordinator
            .post(
                &format!("/stories/{id}/moderate"),
                &[
                    ("decision", "decline"),
                    ("note", "Thank you for writing it."),
                ],
            )
            .await;
        assert_eq!(declined.status(), 303);
        assert_eq!(anonymous.page(&format!("/s/{token}")).await.0, 404);
        assert!(!reader.page("/stories").await.1.contains("Second try"));
        let (_, mine) = writer.page("/stories").await;
        assert!(mine.contains("Not shared") && mine.contains("Thank you for writing it."));
        // Deciding twice is refused.
        assert_eq!(
            coordinator
                .post(&format!("/stories/{id}/moderate"), CHECKED)
                .await
                .status(),
            404
        );
    }
);

both!(
    each_audience_reads_only_what_is_shared_with_it,
    |app: TestApp| async move {
        let writer = app.sign_in("maya@demo.example").await;
        let coordinator = app.sign_in("coordinator@demo.example").await;
        let cohort = app.cohort_named("Autumn dialogue cohort").await;
        let cohort_value = format!("cohort:{}", cohort.id.0);
        for (title, audience, signature) in [
            ("For my cohort", cohort_value.as_str(), "full"),
            ("For the organisation", "organisation", "anonymous"),
        ] {
            let sent = writer
                .post_multipart(
                    "/stories/new",
                    story_form(
                        &writer,
                        &[
                            ("title", title),
                            ("body", "Words for the right readers."),
                            ("signature", signature),
                            ("audience", audience),
                            ("consent", "yes"),
                            ("action", "send"),
                        ],
                    ),
                )
                .await;
            assert_eq!(sent.status(), 303, "{title}");
            let (id, _) = story_token(&app, "maya@demo.example", title).await;
            let approved = coordinator
                .post(&format!("/stories/{id}/moderate"), CHECKED)
                .await;
            assert_eq!(approved.status(), 303);
        }
        let (cohort_story, cohort_token) =
            story_token(&app, "maya@demo.example", "For my cohort").await;
        let (org_story, org_token) =
            story_token(&app, "maya@demo.example", "For the organisation").await;

        // A cohort-mate reads both, the cohort's with Maya's full name.
        let mate = app.sign_in("noah@demo.example").await;
        let (_, page) = mate.page("/stories").await;
        assert!(page.contains("For my cohort") && page.contains("by Maya Chen"));
        assert!(page.contains("For the organisation") && page.contains("Anonymous"));
        assert_eq!(mate.page(&format!("/stories/{cohort_story}")).await.0, 200);
        // Someone in another cohort reads only the organisation's.
        let outsider = app.sign_in("arta@demo.example").await;
        let (_, page) = outsider.page("/stories").await;
        assert!(!page.contains("For my cohort"));
        assert!(page.contains("For the organisation"));
        assert_eq!(
            outsider.page(&format!("/stories/{cohort_story}")).await.0,
            404
        );
        assert_eq!(outsider.page(&format!("/stories/{org_story}")).await.0, 200);
        // Signed out: neither; no share link works for them.
        let anonymous = app.visitor().await;
        let (status, page) = anonymous.page("/stories").await;
        assert_eq!(status, 200);
        assert!(!page.contains("For my cohort") && !page.contains("For the organisation"));
        assert!(
            page.contains("I&#39;m here, for them and for me")
                || page.contains("I'm here, for them and for me")
        );
        for (id, token) in [(cohort_story, &cohort_token), (org_story, &org_token)] {
            assert_eq!(anonymous.page(&format!("/stories/{id}")).await.0, 404);
            assert_eq!(anonymous.page(&format!("/s/{token}")).await.0, 404);
        }
        // The writer is offered no share link for a story that is not public.
        let (_, mine) = writer.page("/stories").await;
        assert!(!mine.contains(&format!("/s/{cohort_token}")));
        // A cohort she is not in cannot be chosen.
        let other = app.cohort_named("Teachers' wellbeing coaching").await;
        let refused = writer
            .post_multipart(
                "/stories/new",
                story_form(
                    &writer,
                    &[
                        ("title", "Elsewhere"),
                        ("body", "Not my cohort."),
                        ("signature", "first"),
                        ("audience", &format!("cohort:{}", other.id.0)),
                        ("consent", "yes"),
                        ("action", "send"),
                    ],
                ),
            )
            .await;
        assert_eq!(refused.status(), 422);
        assert!(
            refused
                .text()
                .await
                .unwrap()
                .contains("Please choose who may read your story.")
        );
    }
);

both!(
    a_picture_must_be_a_photo_and_nothing_typed_is_lost,
    |app: TestApp| async move {
        let writer = app.sign_in("maya@demo.example").await;
        let attempts = [
            (
                "evil.svg",
                b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>".to_vec(),
                "must be a PNG, JPEG or WebP",
            ),
            (
                "photo.png",
                b"just some text pretending".to_vec(),
                "must be a PNG, JPEG or WebP",
            ),
            (
                "big.png",
                [PIXEL_PNG, &vec![0u8; 2 * 1024 * 1024]].concat(),
                "too large",
            ),
        ];
        for (name, bytes, message) in attempts {
            let form = story_form(
                &writer,
                &[
                    ("title", "With a picture"),
                    ("body", "My words stay."),
                    ("signature", "first"),
                    ("audience", "organisation"),
                    ("picture_alt", "Something"),
                    ("consent", "yes"),
                    ("action", "send"),
                ],
            )
            .part(
                "picture",
                reqwest::multipart::Part::bytes(bytes).file_name(name),
            );
            let refused = writer.post_multipart("/stories/new", form).await;
            assert_eq!(refused.status(), 422, "{name}");
            let page = refused.text().await.unwrap();
            assert!(page.contains(message), "{name}: {message}");
            assert!(page.contains("My words stay.</textarea>"), "{name}");
        }
        // A picture needs its description.
        let form = story_form(
            &writer,
            &[
                ("title", "With a picture"),
                ("body", "My words stay."),
                ("signature", "first"),
                ("audience", "organisation"),
                ("consent", "yes"),
                ("action", "send"),
            ],
        )
        .part(
            "picture",
            reqwest::multipart::Part::bytes(PIXEL_PNG.to_vec()).file_name("p.png"),
        );
        let refused = writer.post_multipart("/stories/new", form).await;
        assert_eq!(refused.status(), 422);
        assert!(
            refused
                .text()
                .await
                .unwrap()
                .contains("what the picture shows")
        );
        let author = app
            .store
            .people()
            .find_by_email(&hearth_domain::input::Email::parse("maya@demo.example").unwrap())
            .await
            .unwrap()
            .unwrap()
            .id;
        assert!(
            app.store
                .stories()
                .by_author(author)
                .await
                .unwrap()
                .is_empty(),
            "nothing was stored"
        );
    }
);

both!(
    the_demo_has_two_phases_of_field_work_and_two_stories,
    |app: TestApp| async move {
        let coordinator = app.sign_in("coordinator@demo.example").await;
        let phase = phase_two(&app).await;
        // "How many people took part in supervision in each municipality in Phase II?"
        // Podujevë: 14 Oct (5 people) and 11 Nov (7, of whom 3 came before): 9 people.
        let lines = csv_lines(
            &coordinator,
            &format!("/reports/activity.csv?phase={phase}&kind=supervision&site_kind=municipality&by=site"),
        )
        .await;
        assert_eq!(lines[1], "Podujevë Municipality,2,9,12");
        let (_, page) = coordinator.page("/stories").await;
        assert!(
            page.contains("I&#39;m here, for them and for me")
                || page.contains("I'm here, for them and for me")
        );
        let (_, queue) = coordinator.page("/stories/moderate").await;
        assert!(queue.contains("Saying it out loud"));
    }
);
