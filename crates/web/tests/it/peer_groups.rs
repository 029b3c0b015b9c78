//! A cohort's peer groups: labels, pairs, proposals, locks, saving, history.

use crate::both;
use crate::helpers::*;
use hearth_domain::{CohortId, Role, UserId};

struct Autumn {
    id: CohortId,
    participants: Vec<(UserId, String)>,
}

async fn autumn(app: &TestApp) -> Autumn {
    let id = app.cohort_named("Autumn dialogue cohort").await.id;
    let participants = app
        .store
        .org()
        .cohort_members(id)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.role == Role::Participant)
        .map(|m| (m.user_id, m.email))
        .collect();
    Autumn { id, participants }
}

/// The group number selected for a person on the proposal page.
fn selected_group(page: &str, user: UserId) -> usize {
    let select = &page[page.find(&format!("name=\"group-{user}\"")).unwrap()..];
    let select = &select[..select.find("</select>").unwrap()];
    let selected = &select[..select.find(" selected").unwrap()];
    let value = selected.rsplit("value=\"").next().unwrap();
    value[..value.find('"').unwrap()].parse().unwrap()
}

both!(
    facilitator_describes_proposes_locks_and_saves,
    |app: TestApp| async move {
        let cohort = autumn(&app).await;
        let facilitator = app.sign_in("facilitator@demo.example").await;
        let (status, page) = facilitator
            .page(&format!("/cohorts/{}/groups", cohort.id))
            .await;
        assert_eq!(status, 200);
        // The demo cohort starts with one saved arrangement.
        assert!(page.contains("Groups now"));
        let saved_before = app
            .store
            .peer_groups()
            .history(cohort.id)
            .await
            .unwrap()
            .len();

        // Four schools, written as labels.
        let mut csv = String::from("email,school\n");
        for (i, (_, email)) in cohort.participants.iter().enumerate() {
            csv.push_str(&format!("{email},school {}\n", i % 4));
        }
        let saved = facilitator
            .post(
                &format!("/cohorts/{}/groups/labels", cohort.id),
                &[("labels", &csv)],
            )
            .await;
        assert_eq!(saved.status(), 303);
        let (first, second) = (&cohort.participants[0].1, &cohort.participants[1].1);
        let pairs = facilitator
            .post(
                &format!("/cohorts/{}/groups/pairs", cohort.id),
                &[("apart", &format!("{first}, {second}")), ("together", "")],
            )
            .await;
        assert_eq!(pairs.status(), 303);

        let proposal = facilitator
            .post(
                &format!("/cohorts/{}/groups/propose", cohort.id),
                &[("size", "4"), ("mix", "school")],
            )
            .await;
        assert_eq!(proposal.status(), 200);
        let page = proposal.text().await.unwrap();
        assert!(
            page.contains("school: perfectly mixed") || page.contains("school: at most"),
            "the balance is shown"
        );
        let groups: Vec<usize> = cohort
            .participants
            .iter()
            .map(|(u, _)| selected_group(&page, *u))
            .collect();
        assert_ne!(groups[0], groups[1], "kept apart");
        assert_eq!(
            app.store
                .peer_groups()
                .history(cohort.id)
                .await
                .unwrap()
                .len(),
            saved_before,
            "nothing saved yet"
        );

        // Lock the first person into group 2, propose again: they stay there.
        let user = cohort.participants[0].0;
        let group_field = format!("group-{user}");
        let lock_field = format!("lock-{user}");
        let again = facilitator
            .post(
                &format!("/cohorts/{}/groups/propose", cohort.id),
                &[
                    ("size", "4"),
                    ("mix", "school"),
                    ("seed", "3"),
                    (&group_field, "2"),
                    (&lock_field, "on"),
                ],
            )
            .await;
        let page = again.text().await.unwrap();
        assert_eq!(selected_group(&page, user), 2);

        // Save what the page proposes.
        let mut fields: Vec<(String, String)> = cohort
            .participants
            .iter()
            .map(|(u, _)| (format!("group-{u}"), selected_group(&page, *u).to_string()))
            .collect();
        fields.push(("name-0".into(), "Willow".into()));
        let borrowed: Vec<(&str, &str)> = fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let saved = facilitator
            .post(&format!("/cohorts/{}/groups/save", cohort.id), &borrowed)
            .await;
        assert_eq!(saved.status(), 303);
        let current = app
            .store
            .peer_groups()
            .current(cohort.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            current
                .groups
                .iter()
                .map(|g| g.members.len())
                .sum::<usize>(),
            cohort.participants.len()
        );
        assert_eq!(current.groups[0].name, "Willow");
        assert!(current.groups[1].members.contains(&user));

        // Saving again keeps the first version in the history.
        let saved = facilitator
            .post(&format!("/cohorts/{}/groups/save", cohort.id), &borrowed)
            .await;
        assert_eq!(saved.status(), 303);
        assert_eq!(
            app.store
                .peer_groups()
                .history(cohort.id)
                .await
                .unwrap()
                .len(),
            saved_before + 2
        );
        let (_, page) = facilitator
            .page(&format!("/cohorts/{}/groups", cohort.id))
            .await;
        assert!(page.contains("Earlier versions"));
    }
);

both!(
    participants_see_only_their_own_group,
    |app: TestApp| async move {
        let cohort = autumn(&app).await;
        let facilitator = app.sign_in("facilitator@demo.example").await;
        let half = cohort.participants.len() / 2;
        let fields: Vec<(String, String)> = cohort
            .participants
            .iter()
            .enumerate()
            .map(|(i, (u, _))| {
                (
                    format!("group-{u}"),
                    if i < half { "1" } else { "2" }.to_owned(),
                )
            })
            .collect();
        let borrowed: Vec<(&str, &str)> = fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            facilitator
                .post(&format!("/cohorts/{}/groups/save", cohort.id), &borrowed)
                .await
                .status(),
            303
        );
        let participant = app.sign_in("participant@demo.example").await;
        let (_, page) = participant.page(&format!("/cohorts/{}", cohort.id)).await;
        assert!(page.contains("your group"));
        assert_eq!(
            page.matches("<h3>Group ").count(),
            1,
            "only their own group is shown"
        );
        // They may not open the grouping page or propose.
        assert_eq!(
            participant
                .get(&format!("/cohorts/{}/groups", cohort.id))
                .await
                .status(),
            403
        );
        let refused = participant
            .post(
                &format!("/cohorts/{}/groups/propose", cohort.id),
                &[("size", "4")],
            )
            .await;
        assert_eq!(refused.status(), 403);
        let supervisor = app.sign_in("supervisor@demo.example").await;
        assert_eq!(
            supervisor
                .post(&format!("/cohorts/{}/groups/save", cohort.id), &borrowed)
                .await
                .status(),
            403
        );
        assert_eq!(
            app.store
                .peer_groups()
                .history(cohort.id)
                .await
                .unwrap()
                .len(),
            2,
            "the demo's groups and the facilitator's save; the refused save added nothing"
        );
    }
);

both!(
    bad_grouping_input_is_explained_and_changes_nothing,
    |app: TestApp| async move {
        let cohort = autumn(&app).await;
        let facilitator = app.sign_in("facilitator@demo.example").await;
        let path = |tail: &str| format!("/cohorts/{}/groups/{tail}", cohort.id);
        let stranger = facilitator
            .post(
                &path("labels"),
                &[("labels", "email,school\nteacher@demo.example,A\n")],
            )
            .await;
        assert_eq!(stranger.status(), 422);
        assert!(
            stranger
                .text()
                .await
                .unwrap()
                .contains("is not a participant of this cohort")
        );
        assert!(
            app.store
                .peer_groups()
                .labels(cohort.id)
                .await
                .unwrap()
                .is_empty()
        );

        let clash = format!("{}, {}", cohort.participants[0].1, cohort.participants[1].1);
        let both_ways = facilitator
            .post(&path("pairs"), &[("apart", &clash), ("together", &clash)])
            .await;
        assert_eq!(both_ways.status(), 422);
        assert!(
            app.store
                .peer_groups()
                .pairs(cohort.id)
                .await
                .unwrap()
                .is_empty()
        );

        let tiny = facilitator.post(&path("propose"), &[("size", "1")]).await;
        assert_eq!(tiny.status(), 422);

        // Someone left out, or alone in a group: not saved.
        let some: Vec<(String, String)> = cohort
            .participants
            .iter()
            .skip(1)
            .map(|(u, _)| (format!("group-{u}"), "1".to_owned()))
            .collect();
        let borrowed: Vec<(&str, &str)> =
            some.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let missing = facilitator.post(&path("save"), &borrowed).await;
        assert_eq!(missing.status(), 422);
        assert!(
            missing
                .text()
                .await
                .unwrap()
                .contains("Everyone needs a group")
        );
        let mut alone = some.clone();
        alone.push((
            format!("group-{}", cohort.participants[0].0),
            "2".to_owned(),
        ));
        let borrowed: Vec<(&str, &str)> = alone
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let lonely = facilitator.post(&path("save"), &borrowed).await;
        assert_eq!(lonely.status(), 422);
        assert_eq!(
            app.store
                .peer_groups()
                .history(cohort.id)
                .await
                .unwrap()
                .len(),
            1,
            "only the demo's groups"
        );
    }
);

both!(
    introductions_stay_within_the_group_and_its_hosts,
    |app: TestApp| async move {
        let cohort = app.cohort_named("Autumn dialogue cohort").await;
        let current = app
            .store
            .peer_groups()
            .current(cohort.id)
            .await
            .unwrap()
            .unwrap();
        let email_of = |user: hearth_domain::UserId| {
            let app = &app;
            async move { app.store.people().get(user).await.unwrap().email }
        };
        let (first, second) = (&current.groups[0], &current.groups[1]);
        let writer = email_of(first.members[0]).await;
        let neighbour = email_of(first.members[1]).await;
        let stranger = email_of(second.members[0]).await;

        let author = app.sign_in(&writer).await;
        let empty = author
            .post(
                &format!("/cohorts/{}/introduction", cohort.id),
                &[("text", "  ")],
            )
            .await;
        assert_eq!(empty.status(), 422);
        let saved = author
            .post(
                &format!("/cohorts/{}/introduction", cohort.id),
                &[("text", "I love long walks and quiet mornings")],
            )
            .await;
        assert_eq!(saved.status(), 303);

        let (_, page) = app
            .sign_in(&neighbour)
            .await
            .page(&format!("/cohorts/{}/my-group", cohort.id))
            .await;
        assert!(page.contains("I love long walks"), "the group reads it");
        let outsider = app.sign_in(&stranger).await;
        let (_, page) = outsider
            .page(&format!("/cohorts/{}/my-group", cohort.id))
            .await;
        assert!(
            !page.contains("I love long walks"),
            "another group does not"
        );
        let (_, peeking) = outsider
            .page(&format!(
                "/cohorts/{}/my-group?group={}",
                cohort.id, first.id
            ))
            .await;
        assert!(
            !peeking.contains("I love long walks"),
            "a member cannot open another group's page"
        );
        let (_, host) = app
            .sign_in("facilitator@demo.example")
            .await
            .page(&format!(
                "/cohorts/{}/my-group?group={}",
                cohort.id, first.id
            ))
            .await;
        assert!(host.contains("I love long walks"), "the facilitators may");
        let teacher = app.sign_in("teacher@demo.example").await;
        assert_eq!(
            teacher
                .get(&format!("/cohorts/{}/my-group", cohort.id))
                .await
                .status(),
            403
        );
        assert!(
            page.contains("Autumn fishbowl"),
            "the next event is there to prepare for"
        );
    }
);
