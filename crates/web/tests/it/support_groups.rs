//! Peer support groups: the directory, joining, roles, privacy of what only
//! members read, ground rules, cooperation and the network view.

use crate::both;
use crate::helpers::*;
use hearth_domain::UserId;
use hearth_domain::input::Email;
use hearth_domain::support_groups::{GroupRole, SupportGroupId};

pub async fn group_named(app: &TestApp, name: &str) -> SupportGroupId {
    app.store
        .support_groups()
        .directory()
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.group.name == name)
        .unwrap_or_else(|| panic!("no group named {name}"))
        .group
        .id
}

pub async fn person(app: &TestApp, email: &str) -> UserId {
    app.store
        .people()
        .find_by_email(&Email::parse(email).unwrap())
        .await
        .unwrap()
        .unwrap()
        .id
}

both!(
    asking_to_join_and_being_accepted,
    |app: TestApp| async move {
        let here = group_named(&app, "I'm here").await;
        let path = format!("/support-groups/{here}");

        // Someone outside the group reads the public part only.
        let outsider = app.sign_in("participant@demo.example").await;
        let (status, page) = outsider.page(&path).await;
        assert_eq!(status, 200);
        assert!(page.contains("Ask any member in the staff room"));
        assert!(
            page.contains("Teuta Teacher"),
            "facilitators are named publicly"
        );
        assert!(page.contains("9 members"));
        assert!(
            !page.contains("Blerim Gashi"),
            "members are listed to members only"
        );
        assert!(
            !page.contains("share what works"),
            "the purpose is for members"
        );
        assert!(page.contains("Ask to join"));

        // Too long a message: refused, the text kept, nothing asked.
        let long = "x".repeat(501);
        let refused = outsider
            .post(&format!("{path}/join"), &[("message", &long)])
            .await;
        assert_eq!(refused.status(), 422);
        assert!(refused.text().await.unwrap().contains(&long));
        let parveen = person(&app, "participant@demo.example").await;
        assert!(
            !app.store
                .support_groups()
                .has_open_request(here, parveen)
                .await
                .unwrap()
        );

        let asked = outsider
            .post(
                &format!("{path}/join"),
                &[("message", "I run the Year 8 class.")],
            )
            .await;
        assert_eq!(asked.status(), 303);
        let (_, page) = outsider.page(&path).await;
        assert!(page.contains("You asked to join"));
        // Asking twice keeps one request.
        outsider
            .post(&format!("{path}/join"), &[("message", "again")])
            .await;
        let open = app
            .store
            .support_groups()
            .open_requests(here)
            .await
            .unwrap();
        assert_eq!(open.iter().filter(|r| r.user_id == parveen).count(), 1);
        let request = open.iter().find(|r| r.user_id == parveen).unwrap().id;

        // Only facilitators accept: a member and an administrator are refused.
        let member = app.sign_in("blerim@demo.example").await;
        let admin = app.sign_in("admin@demo.example").await;
        for who in [&member, &admin, &outsider] {
            let response = who
                .post(&format!("{path}/requests/{request}/accept"), &[])
                .await;
            assert_eq!(response.status(), 403);
        }
        let (_, page) = member.page(&path).await;
        assert!(
            !page.contains("I run the Year 8 class."),
            "requests are for facilitators"
        );

        // The facilitator is told, sees the request and accepts it.
        let teuta = app.sign_in("teacher@demo.example").await;
        let (_, notices) = teuta.page("/notifications").await;
        assert!(notices.contains("Parveen Participant"));
        let (_, page) = teuta.page(&path).await;
        assert!(page.contains("I run the Year 8 class."));
        let accepted = teuta
            .post(&format!("{path}/requests/{request}/accept"), &[])
            .await;
        assert_eq!(accepted.status(), 303);
        assert_eq!(
            app.store
                .support_groups()
                .standing(here, parveen)
                .await
                .unwrap(),
            Some(GroupRole::Member)
        );
        // Deciding twice finds nothing open.
        let again = teuta
            .post(&format!("{path}/requests/{request}/decline"), &[])
            .await;
        assert_eq!(again.status(), 404);

        // Now a member: members and the purpose appear; the welcome arrived.
        let (_, page) = outsider.page(&path).await;
        assert!(page.contains("Blerim Gashi"));
        assert!(page.contains("share what works"));
        let (_, notices) = outsider.page("/notifications").await;
        assert!(notices.contains("Welcome to I&#39;m here"));

        // A co-facilitator may decline the next request.
        let jeta = person(&app, "jeta@demo.example").await;
        let jeta_request = app
            .store
            .support_groups()
            .open_requests(here)
            .await
            .unwrap()
            .into_iter()
            .find(|r| r.user_id == jeta)
            .unwrap()
            .id;
        let arta = app.sign_in("arta@demo.example").await;
        let declined = arta
            .post(&format!("{path}/requests/{jeta_request}/decline"), &[])
            .await;
        assert_eq!(declined.status(), 303);
        assert_eq!(
            app.store
                .support_groups()
                .standing(here, jeta)
                .await
                .unwrap(),
            None
        );
    }
);

both!(
    roles_leaving_and_the_last_facilitator,
    |app: TestApp| async move {
        let here = group_named(&app, "I'm here").await;
        let path = format!("/support-groups/{here}");
        let teuta = app.sign_in("teacher@demo.example").await;
        let blerim = person(&app, "blerim@demo.example").await;
        let teuta_id = person(&app, "teacher@demo.example").await;

        // A member cannot change roles.
        let member = app.sign_in("blerim@demo.example").await;
        let refused = member
            .post(
                &format!("{path}/members/{blerim}"),
                &[("role", "facilitator")],
            )
            .await;
        assert_eq!(refused.status(), 403);

        // The only facilitator cannot leave or step down.
        let kept = teuta.post(&format!("{path}/leave"), &[]).await;
        assert!(location(&kept).contains("flash-sg-needs-facilitator"));
        // (Arta is co-facilitator; Teuta is the only facilitator.)
        let arta = app.sign_in("arta@demo.example").await;
        let step_down = arta
            .post(&format!("{path}/members/{teuta_id}"), &[("role", "member")])
            .await;
        assert!(location(&step_down).contains("flash-sg-needs-facilitator"));
        assert_eq!(
            app.store
                .support_groups()
                .standing(here, teuta_id)
                .await
                .unwrap(),
            Some(GroupRole::Facilitator)
        );

        // Name Blerim facilitator; then Teuta may leave.
        let made = teuta
            .post(
                &format!("{path}/members/{blerim}"),
                &[("role", "facilitator")],
            )
            .await;
        assert_eq!(made.status(), 303);
        let left = teuta.post(&format!("{path}/leave"), &[]).await;
        assert_eq!(location(&left), "/support-groups?done=flash-sg-left");
        assert_eq!(
            app.store
                .support_groups()
                .standing(here, teuta_id)
                .await
                .unwrap(),
            None
        );
        // No longer a member: the members' part is gone.
        let (_, page) = teuta.page(&path).await;
        assert!(!page.contains("Dafina Berisha"));
    }
);

both!(
    ground_rules_are_versioned_and_for_members,
    |app: TestApp| async move {
        let here = group_named(&app, "I'm here").await;
        let path = format!("/support-groups/{here}");
        let teuta = app.sign_in("teacher@demo.example").await;
        // Hearth's defaults until the group writes its own (Teuta reads Albanian).
        let (_, page) = teuta.page(&path).await;
        assert!(page.contains("Rregullat bazë"));

        let blank = teuta
            .post(&format!("{path}/ground-rules"), &[("rules", "   ")])
            .await;
        assert_eq!(blank.status(), 422);
        let member = app.sign_in("blerim@demo.example").await;
        let refused = member
            .post(
                &format!("{path}/ground-rules"),
                &[("rules", "Anything goes")],
            )
            .await;
        assert_eq!(refused.status(), 403);

        for text in [
            "What is said here stays here.",
            "What is said here stays here.\nPhones away.",
        ] {
            let saved = teuta
                .post(&format!("{path}/ground-rules"), &[("rules", text)])
                .await;
            assert_eq!(saved.status(), 303);
        }
        let (version, _) = app
            .store
            .support_groups()
            .ground_rules(here)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(version, 2);
        let (_, page) = member.page(&path).await;
        assert!(page.contains("Phones away."));
        let outsider = app.sign_in("participant@demo.example").await;
        let (_, page) = outsider.page(&path).await;
        assert!(!page.contains("Phones away."));
    }
);

both!(
    starting_a_group_refuses_bad_input_and_keeps_it,
    |app: TestApp| async move {
        let coordinator = app.sign_in("municipality@demo.example").await;
        let before = app.store.support_groups().directory().await.unwrap().len();
        // A site coordinator may not start a network-wide group (empty site).
        let refused = coordinator
            .post(
                "/support-groups",
                &[
                    ("name", "Kujdes"),
                    ("site", ""),
                    ("purpose", "Self-care"),
                    ("description", ""),
                    ("contact", "The office"),
                    ("format", "informal"),
                    ("facilitator", "nobody@demo.example"),
                ],
            )
            .await;
        assert_eq!(refused.status(), 422);
        let page = refused.text().await.unwrap();
        assert!(page.contains("value=\"Kujdes\""));
        assert!(page.contains("Choose a place where you may start groups."));
        assert!(page.contains("Please fill this in."));
        assert!(page.contains("Nobody with this email has an active account."));
        assert_eq!(
            app.store.support_groups().directory().await.unwrap().len(),
            before
        );

        // Participants may not start groups at all.
        let participant = app.sign_in("participant@demo.example").await;
        assert_eq!(participant.get("/support-groups/new").await.status(), 403);

        let municipality = app
            .store
            .org()
            .sites(false)
            .await
            .unwrap()
            .into_iter()
            .find(|s| s.name == "Podujevë Municipality")
            .unwrap()
            .id
            .to_string();
        let made = coordinator
            .post(
                "/support-groups",
                &[
                    ("name", "Kujdes"),
                    ("site", &municipality),
                    ("purpose", "Self-care"),
                    ("description", "For teachers who look after others."),
                    ("contact", "The office"),
                    ("format", "informal"),
                    ("facilitator", "kaltrina@demo.example"),
                ],
            )
            .await;
        assert_eq!(made.status(), 303);
        let kujdes = group_named(&app, "Kujdes").await;
        let kaltrina = person(&app, "kaltrina@demo.example").await;
        assert_eq!(
            app.store
                .support_groups()
                .standing(kujdes, kaltrina)
                .await
                .unwrap(),
            Some(GroupRole::Facilitator)
        );
        let group = app.store.support_groups().get(kujdes).await.unwrap();
        assert!(!group.formal);
    }
);

both!(
    groups_cooperate_by_agreement_or_by_the_coordinator,
    |app: TestApp| async move {
        let here = group_named(&app, "I'm here").await;
        let circle = group_named(&app, "Riverside peer supporters' circle").await;
        let network = group_named(&app, "Facilitators across the network").await;
        let links = app.store.support_groups();
        // The demo's circle asked "I'm here"; it waits for their facilitators.
        assert!(!links.link_agreed(here, circle).await.unwrap());
        let member = app.sign_in("blerim@demo.example").await;
        let refused = member
            .post(
                &format!("/support-groups/{here}/links"),
                &[("other", &circle.to_string())],
            )
            .await;
        assert_eq!(refused.status(), 403);
        let teuta = app.sign_in("teacher@demo.example").await;
        let agreed = teuta
            .post(
                &format!("/support-groups/{here}/links"),
                &[("other", &circle.to_string())],
            )
            .await;
        assert!(location(&agreed).contains("flash-sg-linked"));
        assert!(links.link_agreed(here, circle).await.unwrap());

        // Asking a group waits for the other side.
        let asked = teuta
            .post(
                &format!("/support-groups/{here}/links"),
                &[("other", &network.to_string())],
            )
            .await;
        assert!(location(&asked).contains("flash-sg-link-asked"));
        assert!(!links.link_agreed(here, network).await.unwrap());
        let unknown = teuta
            .post(
                &format!("/support-groups/{here}/links"),
                &[("other", "nonsense")],
            )
            .await;
        assert_eq!(unknown.status(), 422);

        // The programme's coordinator sees every group and connects two at once.
        let coordinator = app.sign_in("coordinator@demo.example").await;
        let (status, page) = coordinator.page("/support-groups/network").await;
        assert_eq!(status, 200);
        for name in [
            "I&#39;m here",
            "Together for our pupils",
            "Riverside peer supporters&#39; circle",
        ] {
            assert!(page.contains(name), "{name}");
        }
        let together = group_named(&app, "Together for our pupils").await;
        let connected = coordinator
            .post(
                "/support-groups/network/links",
                &[
                    ("first", &circle.to_string()),
                    ("second", &together.to_string()),
                ],
            )
            .await;
        assert_eq!(connected.status(), 303);
        assert!(links.link_agreed(circle, together).await.unwrap());
        let same = coordinator
            .post(
                "/support-groups/network/links",
                &[
                    ("first", &circle.to_string()),
                    ("second", &circle.to_string()),
                ],
            )
            .await;
        assert_eq!(same.status(), 422);

        // A municipality's coordinator sees and connects only its own groups.
        let mentor = app.sign_in("municipality@demo.example").await;
        let (status, page) = mentor.page("/support-groups/network").await;
        assert_eq!(status, 200);
        assert!(page.contains("Together for our pupils"));
        // The campus circle appears only as the partner of its own group.
        assert!(!page.contains(&format!(
            "<th scope=\"row\"><a href=\"/support-groups/{circle}\""
        )));
        assert!(page.contains(&format!(
            "<th scope=\"row\"><a href=\"/support-groups/{together}\""
        )));
        let outside = mentor
            .post(
                "/support-groups/network/links",
                &[
                    ("first", &here.to_string()),
                    ("second", &together.to_string()),
                ],
            )
            .await;
        assert_eq!(outside.status(), 422);
        // Members and facilitators do not see the network view.
        assert_eq!(teuta.get("/support-groups/network").await.status(), 403);
    }
);

both!(
    meetings_from_the_template_with_minutes_and_action_items,
    |app: TestApp| async move {
        let here = group_named(&app, "I'm here").await;
        let base = format!("/support-groups/{here}");
        let teuta = app.sign_in("teacher@demo.example").await;
        let member = app.sign_in("blerim@demo.example").await;
        let outsider = app.sign_in("participant@demo.example").await;
        let blerim = person(&app, "blerim@demo.example").await;
        let meetings = app.store.support_group_meetings();

        // The demo's group met last month and meets next week; Arta owes an action item.
        assert_eq!(meetings.for_group(here).await.unwrap().len(), 2);
        let arta = app.sign_in("arta@demo.example").await;
        let (_, home) = arta.page("/").await;
        assert!(home.contains("door badges"));

        // Only facilitators plan.
        assert_eq!(
            member.get(&format!("{base}/meetings/new")).await.status(),
            403
        );
        let (status, form) = teuta.page(&format!("{base}/meetings/new")).await;
        assert_eq!(status, 200);
        assert!(form.contains("World Café"));

        let refused = teuta
            .post(
                &format!("{base}/meetings/new"),
                &[
                    ("title", "Takimi i marsit"),
                    ("date", "2027-03-09"),
                    ("time", "2pm"),
                    ("place", ""),
                    ("repeat", "monthly"),
                    ("count", "20"),
                    ("agenda", "template"),
                ],
            )
            .await;
        assert_eq!(refused.status(), 422);
        let page = refused.text().await.unwrap();
        assert!(page.contains("value=\"Takimi i marsit\""));
        assert_eq!(meetings.for_group(here).await.unwrap().len(), 2);

        let jobs_before = app.store.jobs().pending().await.unwrap();
        let planned = teuta
            .post(
                &format!("{base}/meetings/new"),
                &[
                    ("title", "Takimi i marsit"),
                    ("date", "2027-03-09"),
                    ("time", "14:00"),
                    ("place", "Salla e mësuesve"),
                    ("repeat", "monthly"),
                    ("count", "3"),
                    ("agenda", "template"),
                ],
            )
            .await;
        assert_eq!(planned.status(), 303);
        let all = meetings.for_group(here).await.unwrap();
        assert_eq!(all.len(), 5);
        // Monthly on the second Tuesday, 14:00 in Europe/Belgrade.
        let series: Vec<String> = all
            .iter()
            .filter(|m| m.series_id.is_some())
            .map(|m| hearth_store::timestamp(m.starts_at).to_string())
            .collect();
        assert_eq!(
            series,
            vec![
                "2027-03-09T13:00:00Z",
                "2027-04-13T12:00:00Z",
                "2027-05-11T12:00:00Z"
            ]
        );
        // A reminder for each of the nine members, for each meeting, waits in the queue.
        assert_eq!(
            app.store.jobs().pending().await.unwrap() - jobs_before,
            3 * 9
        );
        let march = all.iter().find(|m| m.series_id.is_some()).unwrap().id;
        let path = format!("{base}/meetings/{march}");

        // Members read the meeting and its calendar file; nobody else does.
        let (status, page) = member.page(&path).await;
        assert_eq!(status, 200);
        assert!(page.contains("Ky jam unë"));
        let ics = member.get(&format!("{path}/meeting.ics")).await;
        assert_eq!(ics.status(), 200);
        let ics = ics.text().await.unwrap();
        assert!(ics.contains("DTSTART:20270309T130000Z"));
        assert!(ics.contains("LOCATION:Salla e mësuesve"));
        for who in [&outsider, &app.sign_in("admin@demo.example").await] {
            assert_eq!(who.get(&path).await.status(), 403);
            assert_eq!(who.get(&format!("{path}/meeting.ics")).await.status(), 403);
        }

        // Minutes: facilitators write, members read, outsiders never.
        let refused = member
            .post(
                &format!("{path}/minutes"),
                &[("minutes", "I was not asked")],
            )
            .await;
        assert_eq!(refused.status(), 403);
        let saved = teuta
            .post(
                &format!("{path}/minutes"),
                &[("minutes", "We shared what helps.")],
            )
            .await;
        assert_eq!(saved.status(), 303);
        let (_, page) = member.page(&path).await;
        assert!(page.contains("We shared what helps."));
        let (_, page) = outsider.page(&base).await;
        assert!(
            !page.contains("Takimi i marsit"),
            "meetings are for members"
        );

        // Attendance goes into the shared attendance rows.
        let marked = teuta
            .post(
                &format!("{path}/attendance"),
                &[(&format!("status-{blerim}") as &str, "late")],
            )
            .await;
        assert_eq!(marked.status(), 303);
        let activity = meetings
            .get(here, march)
            .await
            .unwrap()
            .activity_id
            .unwrap();
        assert_eq!(
            meetings
                .attendance(activity)
                .await
                .unwrap()
                .get(&blerim)
                .map(String::as_str),
            Some("late")
        );

        // An action item with an owner and a due date reaches the owner's home.
        let blank = teuta
            .post(
                &format!("{path}/actions"),
                &[
                    ("action_text", "Invite a guest speaker"),
                    ("action_owner", ""),
                    ("action_due", "2027-03-20"),
                ],
            )
            .await;
        assert_eq!(blank.status(), 422);
        assert!(
            blank
                .text()
                .await
                .unwrap()
                .contains("value=\"Invite a guest speaker\"")
        );
        let added = teuta
            .post(
                &format!("{path}/actions"),
                &[
                    ("action_text", "Invite a guest speaker"),
                    ("action_owner", &blerim.to_string()),
                    ("action_due", "2027-03-20"),
                ],
            )
            .await;
        assert_eq!(added.status(), 303);
        let (_, home) = member.page("/").await;
        assert!(home.contains("Invite a guest speaker"));
        let item = meetings.actions_of_meeting(march).await.unwrap()[0].id;
        let stranger = outsider
            .post(&format!("{path}/actions/{item}/done"), &[("done", "yes")])
            .await;
        assert_eq!(stranger.status(), 403);
        let done = member
            .post(&format!("{path}/actions/{item}/done"), &[("done", "yes")])
            .await;
        assert_eq!(done.status(), 303);
        let (_, home) = member.page("/").await;
        assert!(!home.contains("Invite a guest speaker"));

        // The agenda: facilitators add items; a bad one is refused with what was typed.
        let bad = teuta
            .post(
                &format!("{path}/agenda"),
                &[
                    ("op", "add"),
                    ("item_kind", "quiz"),
                    ("item_title", "Stress quiz"),
                    ("item_minutes", "0"),
                ],
            )
            .await;
        assert_eq!(bad.status(), 422);
        assert!(bad.text().await.unwrap().contains("value=\"Stress quiz\""));
        let ok = teuta
            .post(
                &format!("{path}/agenda"),
                &[
                    ("op", "add"),
                    ("item_kind", "tea-and-chat"),
                    ("item_title", "Tea and biscuits"),
                    ("item_minutes", "15"),
                ],
            )
            .await;
        assert_eq!(ok.status(), 303);
        let agenda = meetings.get(here, march).await.unwrap().agenda;
        assert_eq!(agenda.len(), 5);
        assert_eq!(agenda[4].title, "Tea and biscuits");
        let refused = member
            .post(&format!("{path}/agenda"), &[("op", "remove-0")])
            .await;
        assert_eq!(refused.status(), 403);

        // The network view shows each group's latest and next meetings.
        let coordinator = app.sign_in("coordinator@demo.example").await;
        let (_, page) = coordinator.page("/support-groups/network").await;
        assert!(page.contains("Latest meeting"));
    }
);
