//! Running a meeting and the network (issue 8): the icebreaker's privacy,
//! the World Café, the date poll and its personal links, the pulse's
//! anonymity and threshold, field visits, and who may do each.

use crate::both;
use crate::helpers::*;
use crate::support_groups::{group_named, person};
use hearth_domain::support_groups::SupportGroupId;
use uuid::Uuid;

/// Reads every page in English (some demo teachers read Albanian), so the
/// tests can look for words.
async fn in_english(app: &TestApp) {
    app.store
        .db()
        .execute_raw("UPDATE users SET language = 'en'")
        .await
        .unwrap();
}

/// "I'm here"'s meeting next week.
pub async fn next_meeting(app: &TestApp, group: SupportGroupId) -> Uuid {
    let now = hearth_store::now_ms();
    app.store
        .support_group_meetings()
        .for_group(group)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.starts_at > now)
        .unwrap()
        .id
}

both!(
    icebreaker_answers_stay_private_until_presented_and_are_forgotten,
    |app: TestApp| async move {
        in_english(&app).await;
        let here = group_named(&app, "I'm here").await;
        let meeting = next_meeting(&app, here).await;
        let base = format!("/support-groups/{here}/meetings/{meeting}/icebreaker");
        let teuta = app.sign_in("teacher@demo.example").await;
        let blerim = app.sign_in("blerim@demo.example").await;
        let dafina = app.sign_in("dafina@demo.example").await;
        let outsider = app.sign_in("participant@demo.example").await;

        // Members cannot open it; outsiders cannot even look.
        assert_eq!(
            blerim
                .post(&format!("{base}/open"), &[("turn_minutes", "2")])
                .await
                .status(),
            403
        );
        assert_eq!(outsider.page(&base).await.0, 403);
        // A bad turn length is refused with a message and opens nothing.
        let refused = teuta
            .post(&format!("{base}/open"), &[("turn_minutes", "30")])
            .await;
        assert_eq!(refused.status(), 422);
        assert!(
            app.store
                .meeting_flow()
                .icebreaker(meeting)
                .await
                .unwrap()
                .is_none()
        );
        let opened = teuta
            .post(&format!("{base}/open"), &[("turn_minutes", "2")])
            .await;
        assert_eq!(opened.status(), 303);

        let note = |past: &'static str, keep: bool| {
            let mut fields = vec![
                ("past", past),
                ("present", "Teaching Year 7"),
                ("future", "A calmer school"),
            ];
            if keep {
                fields.push(("keep", "yes"));
            }
            fields
        };
        assert_eq!(
            blerim
                .post(&format!("{base}/note"), &note("Grew up in Podujevë", false))
                .await
                .status(),
            303
        );
        assert_eq!(
            dafina
                .post(
                    &format!("{base}/note"),
                    &note("First job in Prishtina", true)
                )
                .await
                .status(),
            303
        );
        // Too long: refused, the text kept on the page, nothing stored.
        let long = "x".repeat(1001);
        let refused = outsider
            .post(
                &format!("{base}/note"),
                &[("past", &long), ("present", ""), ("future", "")],
            )
            .await;
        assert_eq!(refused.status(), 403);
        let refused = blerim
            .post(
                &format!("{base}/note"),
                &[("past", long.as_str()), ("present", ""), ("future", "")],
            )
            .await;
        assert_eq!(refused.status(), 422);
        assert!(refused.text().await.unwrap().contains(&long));

        // Before presenting, nobody else reads it: not the facilitator, not a member.
        for (who, reader) in [("teuta", &teuta), ("dafina", &dafina)] {
            let (_, page) = reader.page(&base).await;
            assert!(
                !page.contains("Grew up in Podujevë"),
                "{who} read an unpresented note"
            );
        }
        let (_, own) = blerim.page(&base).await;
        assert!(own.contains("Grew up in Podujevë"));
        // Only the facilitator runs the order.
        let blerim_id = person(&app, "blerim@demo.example").await;
        assert_eq!(
            dafina
                .post(&format!("{base}/turn"), &[("user", &blerim_id.to_string())])
                .await
                .status(),
            403
        );
        teuta
            .post(&format!("{base}/turn"), &[("user", &blerim_id.to_string())])
            .await;
        let (_, page) = dafina.page(&base).await;
        assert!(page.contains("Now presenting: Blerim Gashi"));
        assert!(page.contains("Grew up in Podujevë"));
        assert!(page.contains("class=\"timer"));
        // Dafina's own stays hers.
        let (_, page) = teuta.page(&base).await;
        assert!(!page.contains("First job in Prishtina"));

        // Closing forgets what was not kept; the kept note is its writer's alone.
        assert_eq!(
            dafina.post(&format!("{base}/close"), &[]).await.status(),
            403
        );
        teuta.post(&format!("{base}/close"), &[]).await;
        let flow = app.store.meeting_flow();
        assert!(flow.own_note(meeting, blerim_id).await.unwrap().is_none());
        let dafina_id = person(&app, "dafina@demo.example").await;
        assert!(flow.own_note(meeting, dafina_id).await.unwrap().is_some());
        assert!(flow.presented_notes(meeting).await.unwrap().is_empty());
        let (_, page) = dafina.page(&base).await;
        assert!(page.contains("First job in Prishtina"));
        let (_, page) = teuta.page(&base).await;
        assert!(!page.contains("First job in Prishtina"));
        // Unticking keep forgets it at once.
        dafina
            .post(&format!("{base}/keep"), &[("keep", "no")])
            .await;
        assert!(flow.own_note(meeting, dafina_id).await.unwrap().is_none());
    }
);

both!(
    world_cafe_seats_rotates_and_harvests,
    |app: TestApp| async move {
        in_english(&app).await;
        let here = group_named(&app, "I'm here").await;
        let meeting = next_meeting(&app, here).await;
        let base = format!("/support-groups/{here}/meetings/{meeting}/cafe");
        let teuta = app.sign_in("teacher@demo.example").await;
        let blerim = app.sign_in("blerim@demo.example").await;
        let outsider = app.sign_in("participant@demo.example").await;
        let hosts = [
            person(&app, "arta@demo.example").await,
            person(&app, "dafina@demo.example").await,
            person(&app, "egzon@demo.example").await,
        ];
        let setup: Vec<(String, String)> = vec![
            ("theme-0".into(), "Discipline".into()),
            ("host-0".into(), hosts[0].to_string()),
            ("theme-1".into(), "Motivation".into()),
            ("host-1".into(), hosts[1].to_string()),
            ("theme-2".into(), "Bullying".into()),
            ("host-2".into(), hosts[2].to_string()),
            ("rounds".into(), "3".into()),
            ("minutes".into(), "10".into()),
        ];
        let fields: Vec<(&str, &str)> = setup
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            blerim
                .post(&format!("{base}/setup"), &fields)
                .await
                .status(),
            403
        );
        // Four rounds at three tables would repeat a theme: refused.
        let mut too_many = fields.clone();
        too_many[6] = ("rounds", "4");
        assert_eq!(
            teuta
                .post(&format!("{base}/setup"), &too_many)
                .await
                .status(),
            422
        );
        assert!(
            app.store
                .meeting_flow()
                .cafe(meeting)
                .await
                .unwrap()
                .is_none()
        );
        assert_eq!(
            teuta.post(&format!("{base}/setup"), &fields).await.status(),
            303
        );

        // Seat all nine: hosts stay, guests see each theme once.
        let members = app.store.support_groups().members(here).await.unwrap();
        let here_ids: Vec<String> = members.iter().map(|m| m.user_id.to_string()).collect();
        let seat: Vec<(&str, &str)> = here_ids.iter().map(|id| ("here", id.as_str())).collect();
        assert_eq!(
            blerim.post(&format!("{base}/seat"), &seat).await.status(),
            403
        );
        assert_eq!(
            teuta.post(&format!("{base}/seat"), &seat).await.status(),
            303
        );
        let cafe = app
            .store
            .meeting_flow()
            .cafe(meeting)
            .await
            .unwrap()
            .unwrap();
        let plan = cafe.plan.clone().unwrap();
        assert_eq!(plan.len(), 3);
        for round in &plan {
            for (t, table) in round.iter().enumerate() {
                assert_eq!(table[0], hosts[t], "the host stays");
            }
        }
        let blerim_id = person(&app, "blerim@demo.example").await;
        let mut seen: Vec<usize> = (1..=3)
            .map(|r| cafe.seat(blerim_id, r).unwrap().0)
            .collect();
        seen.sort();
        assert_eq!(seen, vec![0, 1, 2]);

        assert_eq!(
            blerim.post(&format!("{base}/next"), &[]).await.status(),
            403
        );
        teuta.post(&format!("{base}/next"), &[]).await;
        let (_, page) = blerim.page(&base).await;
        assert!(page.contains("Round 1 of 3"), "{page}");
        let (theme_index, _) = cafe.seat(blerim_id, 1).unwrap();
        let theme = ["Discipline", "Motivation", "Bullying"][theme_index];
        assert!(page.contains(&format!("Table {theme}")));

        // Only a table's host writes its notes.
        let notes = [
            ("position", "1"),
            ("round", "1"),
            ("text", "Small wins keep pupils going."),
        ];
        assert_eq!(
            blerim.post(&format!("{base}/notes"), &notes).await.status(),
            403
        );
        let dafina = app.sign_in("dafina@demo.example").await;
        assert_eq!(
            dafina.post(&format!("{base}/notes"), &notes).await.status(),
            303
        );
        // Not a round that has not started.
        let later = [("position", "1"), ("round", "2"), ("text", "too early")];
        assert_eq!(
            dafina.post(&format!("{base}/notes"), &later).await.status(),
            404
        );

        // The harvest: hosts and facilitators; members once shared; never outsiders.
        let harvest = format!("{base}/harvest");
        assert_eq!(blerim.page(&harvest).await.0, 403);
        assert_eq!(outsider.page(&harvest).await.0, 403);
        let (status, page) = dafina.page(&harvest).await;
        assert_eq!(status, 200);
        assert!(page.contains("Small wins keep pupils going."));
        assert_eq!(
            blerim
                .post(&format!("{base}/share"), &[("with", "group")])
                .await
                .status(),
            403
        );
        teuta
            .post(&format!("{base}/share"), &[("with", "group")])
            .await;
        assert_eq!(blerim.page(&harvest).await.0, 200);
        // Shared with a linked group: its members read it; an unlinked group cannot receive it.
        let together = group_named(&app, "Together for our pupils").await;
        let circle = group_named(&app, "Riverside peer supporters' circle").await;
        let kaltrina = app.sign_in("kaltrina@demo.example").await;
        assert_eq!(kaltrina.page(&harvest).await.0, 403);
        assert_eq!(
            teuta
                .post(&format!("{base}/share"), &[("with", &circle.to_string())])
                .await
                .status(),
            404
        );
        teuta
            .post(&format!("{base}/share"), &[("with", &together.to_string())])
            .await;
        assert_eq!(kaltrina.page(&harvest).await.0, 200);
    }
);

both!(
    a_date_poll_answered_through_personal_links_and_confirmed,
    |app: TestApp| async move {
        in_english(&app).await;
        let here = group_named(&app, "I'm here").await;
        let meeting = next_meeting(&app, here).await;
        let teuta = app.sign_in("teacher@demo.example").await;
        let blerim = app.sign_in("blerim@demo.example").await;
        let outsider = app.sign_in("participant@demo.example").await;
        let fields = [
            ("meeting", meeting.to_string()),
            ("title", "Next monthly meeting".to_owned()),
            ("place", "Staff room".to_owned()),
            ("date-0", "2031-03-11".to_owned()),
            ("time-0", "14:00".to_owned()),
            ("date-1", "2031-03-18".to_owned()),
            ("time-1", "14:00".to_owned()),
        ];
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(
            blerim
                .post(&format!("/support-groups/{here}/polls/new"), &fields)
                .await
                .status(),
            403
        );
        // One date only: refused, nothing made.
        let refused = teuta
            .post(&format!("/support-groups/{here}/polls/new"), &fields[..5])
            .await;
        assert_eq!(refused.status(), 422);
        let before = app.store.date_polls().for_group(here).await.unwrap().len();
        let made = teuta
            .post(&format!("/support-groups/{here}/polls/new"), &fields)
            .await;
        assert_eq!(made.status(), 303);
        let polls = app.store.date_polls().for_group(here).await.unwrap();
        assert_eq!(polls.len(), before + 1);
        let poll = polls
            .into_iter()
            .find(|p| p.title == "Next monthly meeting")
            .unwrap();
        assert_eq!(
            outsider
                .page(&format!("/support-groups/{here}/polls/{}", poll.id))
                .await
                .0,
            403
        );

        // Hana never signs in: her emailed link answers this poll, as her.
        let link = app.link_in_mail_to("hana@demo.example").await;
        assert!(link.starts_with("/date-poll/"));
        let stranger = app.visitor().await;
        let (status, page) = stranger.page(&link).await;
        assert_eq!(status, 200);
        assert!(page.contains("Hana Kelmendi"));
        let page_csrf = csrf_in(&page).unwrap();
        let first = poll.options[0].id.to_string();
        let second = poll.options[1].id.to_string();
        let answer = stranger
            .client
            .post(app.url(&link))
            .form(&[
                ("csrf", page_csrf.as_str()),
                (format!("answer-{first}").as_str(), "yes"),
                (format!("answer-{second}").as_str(), "maybe"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), 303);
        let hana = person(&app, "hana@demo.example").await;
        let answers = app.store.date_polls().answers(poll.id).await.unwrap();
        assert_eq!(answers.iter().filter(|(_, u, _)| *u == hana).count(), 2);
        // The link answers only its poll: another poll's option changes nothing.
        let other = app
            .store
            .date_polls()
            .for_group(here)
            .await
            .unwrap()
            .into_iter()
            .find(|p| p.id != poll.id)
            .unwrap();
        let foreign = stranger
            .client
            .post(app.url(&link))
            .form(&[
                ("csrf", page_csrf.as_str()),
                (format!("answer-{}", other.options[0].id).as_str(), "yes"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(foreign.status(), 422);
        let theirs = app.store.date_polls().answers(other.id).await.unwrap();
        assert!(!theirs.iter().any(|(_, u, _)| *u == hana));
        // And it opens nothing else: the group's pages still want a sign-in.
        assert_eq!(
            stranger
                .get(&format!("/support-groups/{here}"))
                .await
                .status(),
            303
        );
        assert_eq!(stranger.page("/date-poll/not-a-token").await.0, 404);

        // A member answers signed in; the best date is highlighted.
        blerim
            .post(
                &format!("/support-groups/{here}/polls/{}/answer", poll.id),
                &[
                    (format!("answer-{second}").as_str(), "yes"),
                    (format!("answer-{first}").as_str(), "no"),
                ],
            )
            .await;
        let (_, page) = teuta
            .page(&format!("/support-groups/{here}/polls/{}", poll.id))
            .await;
        assert!(page.contains("best so far"));

        // Only a facilitator confirms; the meeting is made and members invited.
        let confirm = format!("/support-groups/{here}/polls/{}/confirm", poll.id);
        assert_eq!(
            blerim.post(&confirm, &[("option", &second)]).await.status(),
            403
        );
        let confirmed = teuta.post(&confirm, &[("option", &second)]).await;
        assert_eq!(confirmed.status(), 303);
        let poll = app.store.date_polls().get(here, poll.id).await.unwrap();
        let made = poll.scheduled_meeting_id.unwrap();
        let meeting = app
            .store
            .support_group_meetings()
            .get(here, made)
            .await
            .unwrap();
        assert_eq!(meeting.starts_at, poll.options[1].starts_at);
        let mails = app.outbox().await;
        assert!(
            mails
                .iter()
                .any(|m| m.contains("To: hana@demo.example") && m.contains(&made.to_string()))
        );
        // Closed: the link no longer changes answers.
        let late = stranger
            .client
            .post(app.url(&link))
            .form(&[
                ("csrf", page_csrf.as_str()),
                (format!("answer-{first}").as_str(), "no"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(late.status(), 422);
    }
);

both!(
    pulse_answers_are_anonymous_and_summarised_from_three,
    |app: TestApp| async move {
        in_english(&app).await;
        let here = group_named(&app, "I'm here").await;
        let teuta = app.sign_in("teacher@demo.example").await;
        let outsider = app.sign_in("participant@demo.example").await;
        let fields = [
            ("title", "Quick pulse"),
            ("q-0", "How well does the platform work?"),
            ("kind-0", "scale"),
            ("q-1", "What would you change?"),
            ("kind-1", "words"),
        ];
        let blerim = app.sign_in("blerim@demo.example").await;
        assert_eq!(
            blerim
                .post(&format!("/support-groups/{here}/pulses/new"), &fields)
                .await
                .status(),
            403
        );
        assert_eq!(
            teuta
                .post(&format!("/support-groups/{here}/pulses/new"), &fields)
                .await
                .status(),
            303
        );
        let pulse = app
            .store
            .pulses()
            .for_group(here)
            .await
            .unwrap()
            .into_iter()
            .find(|p| p.title == "Quick pulse")
            .unwrap();
        let path = format!("/support-groups/{here}/pulses/{}", pulse.id);
        assert_eq!(outsider.page(&path).await.0, 403);
        assert_eq!(
            outsider
                .post(&format!("{path}/answer"), &[("a-0", "5")])
                .await
                .status(),
            403
        );

        let target = format!("{path}/answer");
        let answer = |who: Visitor, score: &'static str, words: &'static str| {
            let target = target.clone();
            async move { who.post(&target, &[("a-0", score), ("a-1", words)]).await }
        };
        // A score out of range: refused, nothing recorded.
        assert_eq!(answer(blerim.clone(), "9", "").await.status(), 422);
        assert_eq!(answer(blerim.clone(), "4", "More tea").await.status(), 303);
        // Twice: refused.
        answer(blerim.clone(), "1", "Changed my mind").await;
        let dafina = app.sign_in("dafina@demo.example").await;
        answer(dafina, "2", "").await;
        let (_, page) = teuta.page(&path).await;
        assert!(page.contains("2 people answered"));
        assert!(!page.contains("More tea"), "no summary below three");
        let pulse_now = app.store.pulses().get(here, pulse.id).await.unwrap();
        assert!(
            app.store
                .pulses()
                .summary(&pulse_now)
                .await
                .unwrap()
                .is_none()
        );

        let egzon = app.sign_in("egzon@demo.example").await;
        answer(egzon, "3", "Shorter meetings").await;
        let (_, page) = teuta.page(&path).await;
        assert!(page.contains("More tea") && page.contains("Shorter meetings"));
        assert!(page.contains("Average: 3.0 of 5"));
        assert!(!page.contains("Changed my mind"));
        let pulse_now = app.store.pulses().get(here, pulse.id).await.unwrap();
        assert_eq!(pulse_now.respondents, 3);
        let summary = app
            .store
            .pulses()
            .summary(&pulse_now)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(summary[0].counts, [0, 1, 1, 1, 0]);
        // Who answered is known (so nobody answers twice), but nothing ties
        // them to what was answered: the summary is the same whoever reads it.
        let (_, as_member) = app.sign_in("fjolla@demo.example").await.page(&path).await;
        assert!(as_member.contains("Average: 3.0 of 5"));
        let blerim_id = person(&app, "blerim@demo.example").await;
        assert!(
            app.store
                .pulses()
                .has_answered(pulse.id, blerim_id)
                .await
                .unwrap()
        );
    }
);

both!(
    field_visits_are_recorded_by_coordinators_and_counted,
    |app: TestApp| async move {
        in_english(&app).await;
        let here = group_named(&app, "I'm here").await;
        let path = format!("/support-groups/{here}/visits");
        let coordinator = app.sign_in("coordinator@demo.example").await;
        let member = app.sign_in("blerim@demo.example").await;
        let outsider = app.sign_in("participant@demo.example").await;
        let fields = [
            ("visited_on", "2026-11-20"),
            ("visitors", "Education expert"),
            ("observations", "Nine members, a lively World Café."),
            ("support_needs", "A free room"),
            ("capacity_needs", "Facilitation skills"),
            ("follow_up", "Visit again in spring"),
        ];
        for who in [&member, &outsider] {
            assert_eq!(who.post(&path, &fields).await.status(), 403);
            assert_eq!(who.page(&path).await.0, 403);
        }
        let mut missing = fields;
        missing[2] = ("observations", "  ");
        assert_eq!(coordinator.post(&path, &missing).await.status(), 422);
        let before = app.store.network().visits(here).await.unwrap().len();
        assert_eq!(coordinator.post(&path, &fields).await.status(), 303);
        let visits = app.store.network().visits(here).await.unwrap();
        assert_eq!(visits.len(), before + 1);
        // The group's facilitator reads it; the reports count it.
        let teuta = app.sign_in("teacher@demo.example").await;
        let (status, page) = teuta.page(&path).await;
        assert_eq!(status, 200);
        assert!(page.contains("Nine members, a lively World Café."));
        let counts = app.store.activities().count_by_kind().await.unwrap();
        let visits = counts
            .iter()
            .find(|(kind, _, _)| kind == "field-visit")
            .unwrap();
        assert_eq!(visits.1, 2, "the demo's visit and this one");
        // The network page lists the groups with their themes, for everyone.
        let (status, page) = outsider.page("/network").await;
        assert_eq!(status, 200);
        assert!(page.contains("m here</a>"));
        assert!(page.contains("bullying"));
    }
);

both!(
    unclosed_icebreakers_forget_unkept_notes_and_outsiders_see_no_state,
    |app: TestApp| async move {
        in_english(&app).await;
        let here = group_named(&app, "I'm here").await;
        let meeting = next_meeting(&app, here).await;
        let base = format!("/support-groups/{here}/meetings/{meeting}");
        let teuta = app.sign_in("teacher@demo.example").await;
        let blerim = app.sign_in("blerim@demo.example").await;
        let outsider = app.sign_in("participant@demo.example").await;
        assert_eq!(
            outsider.get(&format!("{base}/flow-state")).await.status(),
            403
        );
        let (status, _) = blerim.page(&format!("{base}/flow-state")).await;
        assert_eq!(status, 200);
        teuta
            .post(&format!("{base}/icebreaker/open"), &[("turn_minutes", "2")])
            .await;
        for (who, keep) in [(&blerim, false), (&teuta, true)] {
            let mut fields = vec![("past", "p"), ("present", "q"), ("future", "r")];
            if keep {
                fields.push(("keep", "yes"));
            }
            who.post(&format!("{base}/icebreaker/note"), &fields).await;
        }
        // Nobody closed it; a day later the unkept note is gone, the kept one stays.
        app.store
            .db()
            .execute_raw("UPDATE icebreakers SET opened_at = opened_at - 86400000")
            .await
            .unwrap();
        // The job runner's sweep forgets them, and so does the next turn.
        let flow = app.store.meeting_flow();
        let blerim_id = person(&app, "blerim@demo.example").await;
        teuta
            .post(&format!("{base}/icebreaker/turn"), &[("user", "none")])
            .await;
        let teuta_id = person(&app, "teacher@demo.example").await;
        assert!(flow.own_note(meeting, blerim_id).await.unwrap().is_none());
        assert!(flow.own_note(meeting, teuta_id).await.unwrap().is_some());
    }
);

both!(the_library_and_joint_meetings, |app: TestApp| async move {
    in_english(&app).await;
    let here = group_named(&app, "I'm here").await;
    let together = group_named(&app, "Together for our pupils").await;
    let circle = group_named(&app, "Riverside peer supporters' circle").await;
    let teuta = app.sign_in("teacher@demo.example").await;
    let blerim = app.sign_in("blerim@demo.example").await;

    // A member who facilitates nothing reads the library but adds nothing.
    let (status, page) = blerim.page("/network/library").await;
    assert_eq!(status, 200);
    assert!(page.contains("creating, running"));
    let form = |csrf: &str, title: &str| {
        reqwest::multipart::Form::new()
            .text("csrf", csrf.to_owned())
            .text("title", title.to_owned())
            .text("tags", "Self-care, bullying")
            .part(
                "file",
                reqwest::multipart::Part::bytes(b"ground rules".to_vec())
                    .file_name("rules.txt")
                    .mime_str("text/plain")
                    .unwrap(),
            )
    };
    let refused = blerim
        .post_multipart("/network/library", form(&blerim.csrf, "Mine"))
        .await;
    assert_eq!(refused.status(), 403);
    // Neither a link nor a file: refused, nothing added.
    let empty = reqwest::multipart::Form::new()
        .text("csrf", teuta.csrf.clone())
        .text("title", "Nothing");
    assert_eq!(
        teuta
            .post_multipart("/network/library", empty)
            .await
            .status(),
        422
    );
    let added = teuta
        .post_multipart("/network/library", form(&teuta.csrf, "Our ground rules"))
        .await;
    assert_eq!(added.status(), 303);
    let resource = app
        .store
        .network()
        .resources(Some("self-care"))
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.title == "Our ground rules")
        .unwrap();
    let file = resource.file_id.unwrap();
    let download = blerim.get(&format!("/network/library/files/{file}")).await;
    assert_eq!(download.status(), 200);
    assert_eq!(download.text().await.unwrap(), "ground rules");
    // Only what was added removes it (or a coordinator).
    assert_eq!(
        blerim
            .post(&format!("/network/library/{}/remove", resource.id), &[])
            .await
            .status(),
        403
    );

    // A joint meeting with a cooperating group only.
    let meeting = next_meeting(&app, here).await;
    let joint = format!("/support-groups/{here}/joint");
    assert_eq!(
        blerim
            .post(
                &joint,
                &[
                    ("meeting", &meeting.to_string()),
                    ("guest", &together.to_string())
                ]
            )
            .await
            .status(),
        403
    );
    assert_eq!(
        teuta
            .post(
                &joint,
                &[
                    ("meeting", &meeting.to_string()),
                    ("guest", &circle.to_string())
                ]
            )
            .await
            .status(),
        404
    );
    assert_eq!(
        teuta
            .post(
                &joint,
                &[
                    ("meeting", &meeting.to_string()),
                    ("guest", &together.to_string())
                ]
            )
            .await
            .status(),
        303
    );
    let kaltrina = app.sign_in("kaltrina@demo.example").await;
    let (_, page) = kaltrina
        .page(&format!("/support-groups/{together}/together"))
        .await;
    assert!(page.contains("hosted by I"), "{page}");
});

both!(
    the_facilitator_moves_someone_earlier_or_later_in_the_presenting_order,
    |app: TestApp| async move {
        let here = group_named(&app, "I'm here").await;
        let meeting = next_meeting(&app, here).await;
        let base = format!("/support-groups/{here}/meetings/{meeting}");
        let teuta = app.sign_in("teacher@demo.example").await;
        teuta
            .post(&format!("{base}/icebreaker/open"), &[("turn_minutes", "2")])
            .await;
        let flow = app.store.meeting_flow();
        let order = flow.icebreaker(meeting).await.unwrap().unwrap().order;
        assert!(order.len() >= 3);
        let second = order[1].to_string();
        let (_, page) = teuta.page(&format!("{base}/icebreaker")).await;
        assert!(page.contains(&format!("{base}/icebreaker/order")));

        // Members and outsiders may not reorder it.
        let blerim = app.sign_in("blerim@demo.example").await;
        let outsider = app.sign_in("participant@demo.example").await;
        for who in [&blerim, &outsider] {
            let refused = who
                .post(
                    &format!("{base}/icebreaker/order"),
                    &[("user", &second), ("direction", "earlier")],
                )
                .await;
            assert_eq!(refused.status(), 403);
        }
        assert_eq!(
            flow.icebreaker(meeting).await.unwrap().unwrap().order,
            order
        );

        let moved = teuta
            .post(
                &format!("{base}/icebreaker/order"),
                &[("user", &second), ("direction", "earlier")],
            )
            .await;
        assert_eq!(moved.status(), 303);
        let now = flow.icebreaker(meeting).await.unwrap().unwrap().order;
        assert_eq!((now[0], now[1]), (order[1], order[0]));
        assert_eq!(now[2..], order[2..]);
        // First already: nothing moves. Last, moved later: nothing moves.
        teuta
            .post(
                &format!("{base}/icebreaker/order"),
                &[("user", &second), ("direction", "earlier")],
            )
            .await;
        let last = order.last().unwrap().to_string();
        teuta
            .post(
                &format!("{base}/icebreaker/order"),
                &[("user", &last), ("direction", "later")],
            )
            .await;
        assert_eq!(flow.icebreaker(meeting).await.unwrap().unwrap().order, now);
        // Someone not in the order, or a direction that is not one: not found.
        let stranger = app.user_id("participant@demo.example").await.to_string();
        for fields in [
            [("user", stranger.as_str()), ("direction", "earlier")],
            [("user", second.as_str()), ("direction", "sideways")],
        ] {
            let refused = teuta
                .post(&format!("{base}/icebreaker/order"), &fields)
                .await;
            assert_eq!(refused.status(), 404);
        }
        // Once closed, the order stays as it was.
        teuta.post(&format!("{base}/icebreaker/close"), &[]).await;
        let closed = teuta
            .post(
                &format!("{base}/icebreaker/order"),
                &[("user", &second), ("direction", "later")],
            )
            .await;
        assert_eq!(closed.status(), 303);
        assert!(location(&closed).contains("flash-mf-icebreaker-not-open"));
        assert_eq!(flow.icebreaker(meeting).await.unwrap().unwrap().order, now);
    }
);
