//! Sites, programmes, phases and cohorts.

use crate::both;
use crate::helpers::*;

both!(
    coordinator_creates_a_site_programme_phase_and_cohort,
    |app: TestApp| async move {
        let coordinator = app.sign_in("coordinator@demo.example").await;
        let site = coordinator
            .post(
                "/sites",
                &[
                    ("name", "Hill Street School"),
                    ("kind", "school"),
                    ("address", "Hill Street 4"),
                ],
            )
            .await;
        assert_eq!(site.status(), 303);
        let site_path = location(&site);
        let site_id = site_path
            .trim_start_matches("/sites/")
            .split('?')
            .next()
            .unwrap()
            .to_owned();

        let programme = coordinator
            .post(
                "/programmes",
                &[("name", "Wellbeing in Schools"), ("description", "")],
            )
            .await;
        assert_eq!(programme.status(), 303);
        let programme_path = location(&programme);
        let programme_id = programme_path
            .trim_start_matches("/programmes/")
            .split('?')
            .next()
            .unwrap()
            .to_owned();
        let phase = coordinator
            .post(
                &format!("/programmes/{programme_id}/phases"),
                &[
                    ("name", "Field Phase I"),
                    ("starts_on", "2027-01-10"),
                    ("ends_on", "2027-05-30"),
                ],
            )
            .await;
        assert_eq!(phase.status(), 303);
        let programmes = app.store.org().programmes(false).await.unwrap();
        let created = programmes
            .iter()
            .find(|p| p.name == "Wellbeing in Schools")
            .unwrap();
        assert_eq!(created.phases.len(), 1);
        let phase_id = created.phases[0].id;

        let cohort = coordinator
            .post(
                "/cohorts",
                &[
                    ("name", "Spring cohort"),
                    ("programme", &format!("{programme_id}:{phase_id}")),
                    ("site", &site_id),
                    ("starts_on", "2027-02-01"),
                    ("ends_on", "2027-04-30"),
                ],
            )
            .await;
        assert_eq!(cohort.status(), 303);
        let cohort_path = location(&cohort);
        let (status, page) = coordinator.page(&cohort_path).await;
        assert_eq!(status, 200);
        assert!(page.contains("Spring cohort"));
        assert!(page.contains("Hill Street School"));
        assert!(page.contains("Field Phase I"));
    }
);

both!(
    bad_input_is_explained_and_changes_nothing,
    |app: TestApp| async move {
        let coordinator = app.sign_in("coordinator@demo.example").await;
        let before = app.store.org().sites(true).await.unwrap().len();
        let site = coordinator
            .post(
                "/sites",
                &[("name", "   "), ("kind", "castle"), ("address", "")],
            )
            .await;
        assert_eq!(site.status(), 422);
        let page = site.text().await.unwrap();
        assert!(page.contains("Please enter a name"));
        assert!(page.contains("Please choose one of the options"));
        assert_eq!(app.store.org().sites(true).await.unwrap().len(), before);

        let sites = app.store.org().sites(false).await.unwrap();
        let programmes = app.store.org().programmes(false).await.unwrap();
        let cohorts_before = app.store.org().cohorts(true).await.unwrap().len();
        let cohort = coordinator
            .post(
                "/cohorts",
                &[
                    ("name", "Backwards cohort"),
                    ("programme", &programmes[0].id.to_string()),
                    ("site", &sites[0].id.to_string()),
                    ("starts_on", "2027-05-01"),
                    ("ends_on", "2027-01-01"),
                ],
            )
            .await;
        assert_eq!(cohort.status(), 422);
        let page = cohort.text().await.unwrap();
        assert!(page.contains("The end date is before the start date"));
        assert!(
            page.contains("value=\"Backwards cohort\""),
            "what was typed is kept"
        );
        assert_eq!(
            app.store.org().cohorts(true).await.unwrap().len(),
            cohorts_before
        );
    }
);

both!(archiving_hides_but_keeps, |app: TestApp| async move {
    let coordinator = app.sign_in("coordinator@demo.example").await;
    let site = app
        .store
        .org()
        .sites(false)
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.name == "Northside Community Centre")
        .unwrap();
    let response = coordinator
        .post(&format!("/sites/{}/archive", site.id), &[])
        .await;
    assert_eq!(response.status(), 303);
    let (_, list) = coordinator.page("/sites").await;
    assert!(!list.contains("Northside Community Centre"));
    let (_, archived) = coordinator.page("/sites?archived=1").await;
    assert!(archived.contains("Northside Community Centre"));
    coordinator
        .post(&format!("/sites/{}/restore", site.id), &[])
        .await;
    let (_, list) = coordinator.page("/sites").await;
    assert!(list.contains("Northside Community Centre"));
});

both!(
    facilitators_add_participants_to_their_cohort_only,
    |app: TestApp| async move {
        let cohorts = app.store.org().cohorts(false).await.unwrap();
        let autumn = cohorts
            .iter()
            .find(|c| c.cohort.name == "Autumn dialogue cohort")
            .unwrap()
            .cohort
            .clone();
        let before = autumn_participants(&app, autumn.id).await;
        let facilitator = app.sign_in("facilitator@demo.example").await;
        // Facilitators may see their cohort but not give roles in it: that is the coordinator's.
        let refused = facilitator
            .post(
                &format!("/cohorts/{}/members", autumn.id),
                &[("email", "teacher@demo.example"), ("role", "participant")],
            )
            .await;
        assert_eq!(refused.status(), 403);
        let coordinator = app.sign_in("coordinator@demo.example").await;
        let unknown = coordinator
            .post(
                &format!("/cohorts/{}/members", autumn.id),
                &[("email", "ghost@demo.example"), ("role", "participant")],
            )
            .await;
        assert_eq!(unknown.status(), 422);
        assert!(
            unknown
                .text()
                .await
                .unwrap()
                .contains("Nobody has an account")
        );
        let added = coordinator
            .post(
                &format!("/cohorts/{}/members", autumn.id),
                &[("email", "teacher@demo.example"), ("role", "participant")],
            )
            .await;
        assert_eq!(added.status(), 303);
        assert_eq!(autumn_participants(&app, autumn.id).await, before + 1);
        let twice = coordinator
            .post(
                &format!("/cohorts/{}/members", autumn.id),
                &[("email", "teacher@demo.example"), ("role", "participant")],
            )
            .await;
        assert_eq!(twice.status(), 422);
        assert!(
            twice
                .text()
                .await
                .unwrap()
                .contains("already has that role")
        );
    }
);

async fn autumn_participants(app: &TestApp, cohort: hearth_domain::CohortId) -> usize {
    app.store
        .org()
        .cohort_members(cohort)
        .await
        .unwrap()
        .iter()
        .filter(|m| m.role == hearth_domain::Role::Participant)
        .count()
}

both!(
    participants_see_their_own_cohort_and_not_others,
    |app: TestApp| async move {
        let cohorts = app.store.org().cohorts(false).await.unwrap();
        let autumn = cohorts
            .iter()
            .find(|c| c.cohort.name == "Autumn dialogue cohort")
            .unwrap();
        let teachers = cohorts
            .iter()
            .find(|c| c.cohort.name == "Teachers' wellbeing coaching")
            .unwrap();
        let participant = app.sign_in("participant@demo.example").await;
        let (status, page) = participant
            .page(&format!("/cohorts/{}", autumn.cohort.id))
            .await;
        assert_eq!(status, 200);
        assert!(page.contains("Fatima Facilitator"));
        assert!(
            !page.contains("@demo.example"),
            "participants do not see each other's email addresses"
        );
        let (status, _) = participant
            .page(&format!("/cohorts/{}", teachers.cohort.id))
            .await;
        assert_eq!(status, 403);
        let (_, list) = participant.page("/cohorts").await;
        assert!(list.contains("Autumn dialogue cohort"));
        assert!(
            !list.contains("Teachers&#x27; wellbeing coaching")
                && !list.contains("Teachers' wellbeing coaching")
        );
    }
);
