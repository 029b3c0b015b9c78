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

both!(
    a_story_is_checked_shared_and_taken_back,
    |app: TestApp| async move {
        let writer = app.sign_in("maya@demo.example").await;
        let refused = writer
            .post(
                "/stories/new",
                &[
                    ("title", "Finding my feet"),
                    ("body", "Kept as I wrote it."),
                ],
            )
            .await;
        assert_eq!(refused.status(), 422);
        let page = refused.text().await.unwrap();
        assert!(page.contains("Please tick the box"));
        assert!(page.contains("Kept as I wrote it.</textarea>"));
        assert!(page.contains("value=\"Finding my feet\""));
        let sent = writer
            .post(
                "/stories/new",
                &[
                    ("title", "Finding my feet"),
                    (
                        "body",
                        "I was lost in my first term. The peer group helped.",
                    ),
                    ("consent", "yes"),
                ],
            )
            .await;
        assert_eq!(sent.status(), 303);
        let (id, token) = story_token(&app, "maya@demo.example", "Finding my feet").await;
        let anonymous = app.visitor().await;

        // Waiting: not public, not on the community page, only the writer sees it.
        assert_eq!(anonymous.page(&format!("/s/{token}")).await.0, 404);
        let reader = app.sign_in("noah@demo.example").await;
        assert!(!reader.page("/stories").await.1.contains("Finding my feet"));
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
                .post(
                    &format!("/stories/{id}/moderate"),
                    &[("decision", "approve")]
                )
                .await
                .status(),
            403
        );

        // A coordinator approves it: it is on the community page and public by its link.
        let coordinator = app.sign_in("coordinator@demo.example").await;
        let (_, queue) = coordinator.page("/stories/moderate").await;
        assert!(queue.contains("Finding my feet"));
        let approved = coordinator
            .post(
                &format!("/stories/{id}/moderate"),
                &[("decision", "approve"), ("note", "Lovely, thank you.")],
            )
            .await;
        assert_eq!(approved.status(), 303);
        let (_, community) = reader.page("/stories").await;
        assert!(community.contains("Finding my feet"));
        assert!(community.contains("by Maya"));
        assert!(
            !community.contains("Maya Chen"),
            "signed with the first name only"
        );
        let (status, public) = anonymous.page(&format!("/s/{token}")).await;
        assert_eq!(status, 200);
        assert!(public.contains("<meta property=\"og:title\" content=\"Finding my feet\">"));
        assert!(public.contains("og:url"));
        assert!(public.contains("If you need help now"));
        assert!(public.contains("call 112"));
        assert!(!public.contains("Maya Chen"));
        let (_, mine) = writer.page("/stories").await;
        assert!(mine.contains(&format!("/s/{token}")));
        assert!(mine.contains("Lovely, thank you."));
        // A link that was never given out finds nothing.
        assert_eq!(anonymous.page("/s/not-a-real-link").await.0, 404);
        // Stories are not report figures.
        assert!(
            !coordinator
                .page("/reports")
                .await
                .1
                .contains("Finding my feet")
        );

        // Taken back: gone everywhere at once.
        let withdrawn = writer.post(&format!("/stories/{id}/withdraw"), &[]).await;
        assert_eq!(withdrawn.status(), 303);
        assert_eq!(anonymous.page(&format!("/s/{token}")).await.0, 404);
        assert!(!reader.page("/stories").await.1.contains("Finding my feet"));
        assert!(!writer.page("/stories").await.1.contains("Finding my feet"));
        assert!(app.store.stories().get(id).await.is_err());

        // A declined story stays with its writer, with the note, and never goes public.
        writer
            .post(
                "/stories/new",
                &[
                    ("title", "Second try"),
                    ("body", "Some words."),
                    ("consent", "yes"),
                ],
            )
            .await;
        let (id, token) = story_token(&app, "maya@demo.example", "Second try").await;
        let declined = coordinator
            .post(
                &format!("/stories/{id}/moderate"),
                &[
                    ("decision", "decline"),
                    ("note", "Could you say how it ends?"),
                ],
            )
            .await;
        assert_eq!(declined.status(), 303);
        assert_eq!(anonymous.page(&format!("/s/{token}")).await.0, 404);
        assert!(!reader.page("/stories").await.1.contains("Second try"));
        let (_, mine) = writer.page("/stories").await;
        assert!(mine.contains("Not shared") && mine.contains("Could you say how it ends?"));
        // Deciding twice is refused.
        assert_eq!(
            coordinator
                .post(
                    &format!("/stories/{id}/moderate"),
                    &[("decision", "approve")]
                )
                .await
                .status(),
            404
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
