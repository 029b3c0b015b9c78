//! A monthly meeting of "I'm here" run from phones: the facilitator and six
//! members, the "This is who I am" icebreaker, a World Café of three rounds
//! and agreeing the next date. The pages refresh by themselves (no one
//! reloads a member's page in this test).

use super::*;

const MEMBERS: [&str; 6] = [
    "arta@demo.example",
    "blerim@demo.example",
    "dafina@demo.example",
    "egzon@demo.example",
    "fjolla@demo.example",
    "granit@demo.example",
];

/// Sets a form control's value by its id (select, input, textarea).
async fn set_value(client: &Client, id: &str, value: &str) {
    client
        .execute(
            "const el = document.getElementById(arguments[0]); el.value = arguments[1]; return el.value;",
            vec![json!(id), json!(value)],
        )
        .await
        .unwrap_or_else(|e| panic!("could not set #{id}: {e}"));
}

/// Confirms the next `data-confirm` question by itself.
async fn accept_confirmations(client: &Client) {
    client
        .execute("window.confirm = () => true;", vec![])
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_facilitator_and_six_members_run_a_monthly_meeting() {
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    let app = &app;
    app.store
        .db()
        .execute_raw("UPDATE users SET language = 'en'")
        .await
        .unwrap();
    let here = app
        .store
        .support_groups()
        .directory()
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.group.name == "I'm here")
        .unwrap()
        .group;
    let now = hearth_store::now_ms();
    let meeting = app
        .store
        .support_group_meetings()
        .for_group(here.id)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.starts_at > now)
        .expect("the demo's meeting next week");
    let base = format!("/support-groups/{}/meetings/{}", here.id, meeting.id);
    let base = &base;
    let members = app.store.support_groups().members(here.id).await.unwrap();
    let id_of = |email: &str| {
        let name = email.split('@').next().unwrap();
        members
            .iter()
            .find(|m| m.name.to_lowercase().starts_with(name))
            .unwrap_or_else(|| panic!("{email} is a member"))
            .user_id
    };
    let hosts = [id_of("arta@"), id_of("blerim@"), id_of("dafina@")];

    with_browsers("monthly-meeting", 1 + MEMBERS.len(), |clients| async move {
        let teuta = &clients[0];
        let phones = &clients[1..];
        sign_in_with_form(teuta, app, "teacher@demo.example").await;
        join_all(
            phones
                .iter()
                .zip(MEMBERS)
                .map(|(c, email)| sign_in_with_form(c, app, email)),
        )
        .await;

        // ---- This is who I am
        let icebreaker = app.url(&format!("{base}/icebreaker"));
        join_all(phones.iter().map(|c| c.goto(&icebreaker))).await;
        teuta
            .goto(&app.url(&format!("{base}/icebreaker")))
            .await
            .unwrap();
        check_accessibility(teuta, "the icebreaker before it opens").await;
        type_into(teuta, "#f-turn_minutes", "1").await;
        submit_and_wait(teuta, "Open the icebreaker").await;
        // The members' pages notice by themselves and show the writing form.
        join_all(phones.iter().map(|c| find(c, "#f-past"))).await;
        for (i, phone) in phones.iter().enumerate() {
            type_into(phone, "#f-past", &format!("Past of member {i}")).await;
            type_into(phone, "#f-present", &format!("Present of member {i}")).await;
            type_into(phone, "#f-future", &format!("Future of member {i}")).await;
            if i == 1 {
                click(phone, "input[name=keep]").await;
            }
            submit_and_wait(phone, "Save").await;
        }
        // Private until presented: nobody else's page shows member 0's words.
        teuta.refresh().await.unwrap();
        assert!(!body_text(teuta).await.contains("Past of member 0"));
        assert!(!body_text(&phones[2]).await.contains("Past of member 0"));
        screenshots(&phones[0], "meeting-icebreaker-writing").await;

        // The facilitator calls Arta up: everyone sees her three answers and the timer.
        let arta = hosts[0];
        let present = format!(
            "//li[.//input[@value='{arta}']]//button[starts-with(normalize-space(), 'Present now')]"
        );
        teuta
            .find(Locator::XPath(&present))
            .await
            .expect("Arta's button")
            .click()
            .await
            .unwrap();
        join_all(
            phones
                .iter()
                .map(|c| wait_for_text(c, ".presenting", "Past of member 0")),
        )
        .await;
        wait_for_text(&phones[3], ".presenting", "Now presenting: Arta").await;
        find(&phones[3], ".presenting .timer").await;
        screenshots(&phones[3], "meeting-icebreaker-presenting").await;
        screenshots(teuta, "meeting-icebreaker-facilitator").await;
        // Next, whoever the order says.
        click(teuta, ".facilitator-controls button.big").await;
        wait_for_text(&phones[4], ".presenting", "Now presenting").await;
        accept_confirmations(teuta).await;
        submit_and_wait(teuta, "Close the icebreaker").await;
        // What was not kept is gone; Blerim kept his.
        wait_for_text(&phones[0], "main", "The icebreaker is over").await;
        assert!(!body_text(&phones[0]).await.contains("Past of member 0"));
        wait_for_text(&phones[1], "#mine", "Past of member 1").await;

        // ---- World Café: three tables, three rounds
        teuta.goto(&app.url(&format!("{base}/cafe"))).await.unwrap();
        let cafe = app.url(&format!("{base}/cafe"));
        join_all(phones.iter().map(|c| c.goto(&cafe))).await;
        for (n, theme) in ["Discipline", "Motivation", "Bullying", "", "", ""]
            .iter()
            .enumerate()
        {
            set_value(teuta, &format!("theme-{n}"), theme).await;
        }
        for (n, host) in hosts.iter().enumerate() {
            set_value(teuta, &format!("host-{n}"), &host.to_string()).await;
        }
        type_into(teuta, "#f-rounds", "3").await;
        type_into(teuta, "#f-minutes", "1").await;
        submit_and_wait(teuta, "Save the tables").await;
        check_accessibility(teuta, "the café's set-up").await;
        screenshots(teuta, "meeting-cafe-setup").await;
        submit_and_wait(teuta, "Seat everyone").await;
        for round in 1..=3 {
            let label = if round == 1 {
                "Start the first round".to_owned()
            } else {
                format!("Start round {round}")
            };
            submit_and_wait(teuta, &label).await;
            let heading = format!("Round {round} of 3");
            join_all(phones.iter().map(|c| wait_for_text(c, ".seat", &heading))).await;
            // Each guest at a table, with names; each host writes what the table said.
            let guest = text_now(&phones[4], ".seat").await;
            assert!(
                guest.contains("Table ") && guest.contains("With "),
                "{guest}"
            );
            for (h, phone) in phones[..3].iter().enumerate() {
                let field = format!("notes-{h}-{round}");
                find(phone, &format!("#{field}")).await;
                type_into(
                    phone,
                    &format!("#{field}"),
                    &format!("Table {h} said {round}"),
                )
                .await;
                phone
                    .find(Locator::XPath(&format!(
                        "//form[.//textarea[@id='{field}']]//button"
                    )))
                    .await
                    .unwrap()
                    .click()
                    .await
                    .unwrap();
                wait_for_text(phone, "main", "Notes saved").await;
            }
            if round == 2 {
                screenshots(&phones[4], "meeting-cafe-guest").await;
                screenshots(&phones[0], "meeting-cafe-host").await;
            }
        }
        submit_and_wait(teuta, "End the café").await;
        join_all(
            phones
                .iter()
                .map(|c| wait_for_text(c, "main", "The café is over")),
        )
        .await;
        teuta
            .goto(&app.url(&format!("{base}/cafe/harvest")))
            .await
            .unwrap();
        let harvest = body_text(teuta).await;
        for h in 0..3 {
            for round in 1..=3 {
                assert!(
                    harvest.contains(&format!("Table {h} said {round}")),
                    "{harvest}"
                );
            }
        }
        submit_and_wait(teuta, "Share with the whole group").await;
        screenshots(teuta, "meeting-harvest").await;
        phones[5]
            .goto(&app.url(&format!("{base}/cafe/harvest")))
            .await
            .unwrap();
        wait_for_text(&phones[5], "main", "Table 2 said 3").await;

        // ---- Agreeing the next date
        teuta
            .goto(&app.url(&format!(
                "/support-groups/{}/polls/new?meeting={}",
                here.id, meeting.id
            )))
            .await
            .unwrap();
        screenshots(teuta, "meeting-poll-new").await;
        submit_and_wait(teuta, "Send the poll").await;
        let poll_path = teuta.current_url().await.unwrap().path().to_owned();
        for (i, phone) in phones.iter().enumerate() {
            phone.goto(&app.url(&poll_path)).await.unwrap();
            // Everyone can come to the second date; half of them to the first.
            let radios = phone
                .find_all(Locator::Css(".poll-answer fieldset"))
                .await
                .unwrap();
            for (n, fieldset) in radios.iter().enumerate() {
                let value = match (n, i % 2) {
                    (1, _) => "yes",
                    (0, 0) => "maybe",
                    _ => "no",
                };
                fieldset
                    .find(Locator::Css(&format!("input[value={value}]")))
                    .await
                    .unwrap()
                    .click()
                    .await
                    .unwrap();
            }
            submit_and_wait(phone, "Save my answers").await;
            wait_for_text(phone, "main", "your answers are saved").await;
        }
        screenshots(&phones[0], "meeting-poll-member").await;
        teuta.goto(&app.url(&poll_path)).await.unwrap();
        let best = text_now(teuta, "tr.best").await;
        assert!(best.contains("best so far") && best.contains('6'), "{best}");
        screenshots(teuta, "meeting-poll-facilitator").await;
        submit_and_wait(teuta, "Confirm and invite").await;
        wait_for_text(teuta, "main", "The next meeting is scheduled").await;
    })
    .await;
}

/// The network's pages and a group's dates-and-feedback page, from the demo,
/// at phone and desktop widths (axe-core checks each, nothing overflows).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_network_and_a_groups_feedback_pages_fit_phones() {
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    let app = &app;
    app.store
        .db()
        .execute_raw("UPDATE users SET language = 'en'")
        .await
        .unwrap();
    let here = app
        .store
        .support_groups()
        .directory()
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.group.name == "I'm here")
        .unwrap()
        .group
        .id;
    let pulse = app.store.pulses().for_group(here).await.unwrap()[0].id;
    let poll = app.store.date_polls().for_group(here).await.unwrap()[0].id;
    let past = app
        .store
        .support_group_meetings()
        .for_group(here)
        .await
        .unwrap()[0]
        .id;
    with_browser("network-pages", |client| async move {
        sign_in_with_form(&client, app, "coordinator@demo.example").await;
        for (path, name, needle) in [
            ("/network".to_owned(), "network", "bullying"),
            (
                "/network/library".to_owned(),
                "network-library",
                "creating, running",
            ),
            (
                format!("/support-groups/{here}/visits"),
                "network-visits",
                "Education expert",
            ),
        ] {
            client.goto(&app.url(&path)).await.unwrap();
            wait_for_text(&client, "main", needle).await;
            screenshots(&client, name).await;
        }
        submit_and_wait(&client, "Sign out").await;
        sign_in_with_form(&client, app, "teacher@demo.example").await;
        for (path, name, needle) in [
            (
                format!("/support-groups/{here}/together"),
                "group-together",
                "Agreeing the next date",
            ),
            (
                format!("/support-groups/{here}/pulses/{pulse}"),
                "group-pulse",
                "Average",
            ),
            (
                format!("/support-groups/{here}/polls/{poll}"),
                "group-poll",
                "best so far",
            ),
            (
                format!("/support-groups/{here}/meetings/{past}/cafe/harvest"),
                "group-harvest",
                "Bullying",
            ),
            (
                format!("/support-groups/{here}/meetings/{past}"),
                "group-meeting",
                "World Café",
            ),
        ] {
            client.goto(&app.url(&path)).await.unwrap();
            wait_for_text(&client, "main", needle).await;
            screenshots(&client, name).await;
        }
    })
    .await;
}
