//! Training in a browser from end to end: a trainee does the readiness step
//! at home (in Albanian), a facilitator records the readiness conversation,
//! schedules module 1, takes attendance on a phone and signs the module off,
//! the coordinator is told and gives the role it unlocked in one step, and
//! the trainee finds their certificate. Every page is checked with axe-core
//! and at phone width.

use crate::browser::{
    body_text, check_accessibility, click, find, screenshots, sign_in_with_form, submit_and_wait,
    type_into, wait_for_path, with_browser,
};
use crate::helpers::*;
use crate::role_training::person;
use crate::training::{new_delivery, training_cohort};
use hearth_domain::roles::{PeerWorkerKind, Role};
use serde_json::json;
use std::time::{Duration, Instant};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_trainee_goes_from_readiness_through_module_one_to_a_role() {
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    let app = &app;
    let (cohort, curriculum) = training_cohort(app).await;
    let curriculum = &curriculum;
    let module = &curriculum.modules[1];
    let ardit = person(app, "ardit@demo.example").await;
    let home = format!("/cohorts/{cohort}/training");
    let home = home.as_str();

    // At home, in Albanian: the personal stocktake and a first draft of the story.
    with_browser("training-journey-trainee", |client| async move {
        sign_in_with_form(&client, app, "ardit@demo.example").await;
        wait_for_path(&client, "/").await;
        click(&client, &format!("a[href='{home}']")).await;
        wait_for_path(&client, home).await;
        let text = body_text(&client).await;
        assert!(text.contains("Para se të fillojmë"), "Ardit reads Albanian");
        assert!(
            text.contains("pika juaj e nisjes"),
            "CHIME is asked at the start"
        );
        click(&client, &format!("a[href='{home}/stocktake']")).await;
        wait_for_path(&client, &format!("{home}/stocktake")).await;
        for i in 0..curriculum.stocktake.len() {
            type_into(&client, &format!("#answer-{i}"), "Një përgjigje e imja.").await;
        }
        check_accessibility(&client, "the stocktake, in Albanian").await;
        submit_and_wait(&client, "Ruaj").await;
        wait_for_path(&client, home).await;
        let own = app
            .store
            .training()
            .own_stocktake(cohort, ardit)
            .await
            .unwrap();
        assert!(
            own.is_some_and(|s| s.complete && !s.shared),
            "done, and private"
        );

        click(&client, &format!("a[href='{home}/story']")).await;
        wait_for_path(&client, &format!("{home}/story")).await;
        find(&client, "#f-text")
            .await
            .send_keys("Ku nisa, dhe çfarë më ndihmoi.")
            .await
            .unwrap();
        // The editor saves as the trainee types.
        let deadline = Instant::now() + Duration::from_secs(15);
        while app
            .store
            .training()
            .own_story(cohort, ardit)
            .await
            .unwrap()
            .first()
            .is_none_or(|v| v.text != "Ku nisa, dhe çfarë më ndihmoi.")
        {
            assert!(
                Instant::now() < deadline,
                "the story was not saved as typed"
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }

        // The starting point on the five CHIME themes.
        client.goto(&app.url(home)).await.unwrap();
        click(&client, &format!("a[href='{home}/chime']")).await;
        wait_for_path(&client, &format!("{home}/chime")).await;
        for theme in [
            "connectedness",
            "hope",
            "identity",
            "meaning",
            "empowerment",
        ] {
            click(&client, &format!("input[name={theme}][value='3']")).await;
        }
        submit_and_wait(&client, "Ruaj").await;
        wait_for_path(&client, &format!("{home}/chime")).await;
        find(&client, "svg.chime-chart").await;
        assert_eq!(
            app.store
                .training()
                .own_chime(cohort, ardit)
                .await
                .unwrap()
                .len(),
            1
        );
        client.goto(&app.url(home)).await.unwrap();
        assert!(
            !body_text(&client).await.contains("pika juaj e nisjes"),
            "asked once"
        );
    })
    .await;

    // The facilitator: the readiness conversation, module 1 scheduled and
    // delivered with attendance taken, then the module signed off.
    with_browser("training-journey-facilitator", |client| async move {
        sign_in_with_form(&client, app, "facilitator@demo.example").await;
        wait_for_path(&client, "/").await;
        client.goto(&app.url(home)).await.unwrap();
        click(&client, &format!("a[href='{home}/trainees/{ardit}']")).await;
        wait_for_path(&client, &format!("{home}/trainees/{ardit}")).await;
        let page = body_text(&client).await;
        assert!(
            !page.contains("Një përgjigje e imja"),
            "not shared: not shown"
        );
        click(&client, "input[name=outcome][value=ready]").await;
        submit_and_wait(&client, "Record the conversation").await;
        wait_for_path(&client, home).await;

        for (i, session) in module.sessions.iter().enumerate() {
            let before = app.store.training().deliveries(cohort).await.unwrap();
            find(&client, "#f-session")
                .await
                .select_by_value(&session.id.to_string())
                .await
                .unwrap();
            client
                .execute(
                    "document.getElementById('f-date').value = arguments[0];\
                     document.getElementById('f-time').value = '17:00';",
                    vec![json!(format!("2026-0{}-0{}", 3, i + 2))],
                )
                .await
                .unwrap();
            type_into(&client, "#f-place", "Student Centre, room 2").await;
            submit_and_wait(&client, "Schedule the session").await;
            wait_for_path(&client, home).await;
            let delivery = new_delivery(app, cohort, &before).await;
            assert_eq!(delivery.session_id, session.id);

            // Attendance on a phone, in a few taps.
            client.set_window_size(360, 800).await.unwrap();
            click(
                &client,
                &format!("a[href='{home}/deliveries/{}']", delivery.id),
            )
            .await;
            wait_for_path(&client, &format!("{home}/deliveries/{}", delivery.id)).await;
            click(
                &client,
                &format!("input[name='status-{ardit}'][value='present']"),
            )
            .await;
            if i == 0 {
                check_accessibility(&client, "attendance on a phone").await;
                client.set_window_size(1280, 900).await.unwrap();
                screenshots(&client, "training-journey-attendance").await;
            }
            submit_and_wait(&client, "Save").await;
            wait_for_path(&client, home).await;
            client.set_window_size(1280, 900).await.unwrap();
        }
        check_accessibility(&client, "the cohort's training page").await;
        screenshots(&client, "training-journey-overview").await;

        click(&client, &format!("a[href='{home}/progress']")).await;
        wait_for_path(&client, &format!("{home}/progress")).await;
        submit_and_wait(
            &client,
            &format!("Sign off as completed Ardit Hasani, {}", module.title),
        )
        .await;
        assert!(
            body_text(&client)
                .await
                .contains("The module is signed off as completed.")
        );
        check_accessibility(&client, "progress").await;
        screenshots(&client, "training-journey-progress").await;
    })
    .await;
    assert!(
        app.store
            .training()
            .signoffs(cohort)
            .await
            .unwrap()
            .contains(&(ardit, module.id))
    );

    // The coordinator is told, and gives the role module 1 unlocked in one step.
    let coach = Role::PeerWorker(PeerWorkerKind::PeerAcademicCoach);
    with_browser("training-journey-coordinator", |client| async move {
        sign_in_with_form(&client, app, "coordinator@demo.example").await;
        wait_for_path(&client, "/").await;
        client.goto(&app.url("/notifications")).await.unwrap();
        let told = body_text(&client).await;
        assert!(
            told.contains("Ardit Hasani has completed the training for Peer academic coach"),
            "{told}"
        );
        click(&client, &format!("a[href='{home}/trainees/{ardit}#roles']")).await;
        wait_for_path(&client, &format!("{home}/trainees/{ardit}")).await;
        check_accessibility(&client, "the trainee's roles").await;
        screenshots(&client, "training-journey-roles").await;
        // The term of service is offered with the role: two years from today.
        let ends = find(&client, "form[action$='/roles'] input[name=ends_on]").await;
        assert!(
            !ends
                .prop("value")
                .await
                .unwrap()
                .unwrap_or_default()
                .is_empty()
        );
        submit_and_wait(
            &client,
            "Give Ardit Hasani the role Peer academic coach at Riverside Campus",
        )
        .await;
        assert!(body_text(&client).await.contains("Role given."));
    })
    .await;
    let grants = app.store.people().grants(ardit).await.unwrap();
    let grant = grants
        .iter()
        .find(|g| g.grant.role == coach)
        .expect("Ardit holds the role now");
    let terms = app.store.training().terms_of(ardit).await.unwrap();
    assert!(
        terms.iter().any(|(id, _)| *id == grant.id),
        "with a term of service"
    );

    // Ardit finds the certificate, and is asked how they are after the module.
    with_browser("training-journey-certificate", |client| async move {
        sign_in_with_form(&client, app, "ardit@demo.example").await;
        wait_for_path(&client, "/").await;
        client.goto(&app.url(home)).await.unwrap();
        let text = body_text(&client).await;
        assert!(
            text.contains(&format!("Përfunduat {}", module.title)),
            "{text}"
        );
        click(
            &client,
            &format!("a[href='{home}/certificate/{}']", module.id),
        )
        .await;
        wait_for_path(&client, &format!("{home}/certificate/{}", module.id)).await;
        let certificate = body_text(&client).await;
        assert!(certificate.contains("Ardit Hasani") && certificate.contains(&module.title));
        check_accessibility(&client, "the certificate").await;
        screenshots(&client, "training-journey-certificate").await;
    })
    .await;
}
