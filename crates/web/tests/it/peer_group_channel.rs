//! A cohort peer group's channel: the peer support groups' channel
//! mechanism, for a peer group's members and its cohort's facilitators.
//! A member posts and another receives it over the WebSocket; people with
//! no place in it are refused on the page, the forms and the socket; the
//! facilitator hides a message; saving new groups keeps the channel with
//! its people.

use crate::both;
use crate::channels::{Chat, bodies, user_id};
use crate::helpers::*;
use hearth_domain::UserId;
use hearth_store::NewGroup;
use serde_json::json;
use uuid::Uuid;

/// The Autumn dialogue cohort's current groups, with their members' emails.
struct Groups {
    cohort: hearth_domain::CohortId,
    /// (group id, member emails), the participant's group first.
    groups: Vec<(Uuid, Vec<String>)>,
}

async fn autumn_groups(app: &TestApp) -> Groups {
    let cohort = app.cohort_named("Autumn dialogue cohort").await.id;
    let emails: std::collections::HashMap<UserId, String> = app
        .store
        .org()
        .cohort_members(cohort)
        .await
        .unwrap()
        .into_iter()
        .map(|m| (m.user_id, m.email))
        .collect();
    let arrangement = app
        .store
        .peer_groups()
        .current(cohort)
        .await
        .unwrap()
        .unwrap();
    let mut groups: Vec<(Uuid, Vec<String>)> = arrangement
        .groups
        .iter()
        .map(|g| (g.id, g.members.iter().map(|m| emails[m].clone()).collect()))
        .collect();
    groups.sort_by_key(|(_, members)| !members.iter().any(|e| e == "participant@demo.example"));
    Groups { cohort, groups }
}

/// The exported entry whose `text` is `text`, wherever it is.
fn find_text<'a>(value: &'a serde_json::Value, text: &str) -> Option<&'a serde_json::Value> {
    match value {
        serde_json::Value::Object(map)
            if map.get("text").and_then(|t| t.as_str()) == Some(text) =>
        {
            Some(value)
        }
        serde_json::Value::Object(map) => map.values().find_map(|v| find_text(v, text)),
        serde_json::Value::Array(items) => items.iter().find_map(|v| find_text(v, text)),
        _ => None,
    }
}

/// Someone in the group other than the demo's participant.
fn another(members: &[String]) -> &str {
    members
        .iter()
        .find(|e| *e != "participant@demo.example")
        .unwrap()
}

both!(
    members_talk_in_their_peer_groups_channel_and_the_facilitator_keeps_it,
    |app: TestApp| async move {
        let autumn = autumn_groups(&app).await;
        let (group, members) = &autumn.groups[0];
        let base = format!("/peer-groups/{group}/channel");
        let socket = format!("{base}/socket");

        // The group home links its channel.
        let parveen = app.sign_in("participant@demo.example").await;
        let (status, home) = parveen
            .page(&format!("/cohorts/{}/my-group", autumn.cohort))
            .await;
        assert_eq!(status, 200);
        assert!(home.contains(&base), "the home links the channel");

        // The demo's warm welcome is there.
        let (status, page) = parveen.page(&base).await;
        assert_eq!(status, 200);
        assert!(page.contains("write down one thing"));
        // It says plainly who reads it besides the group.
        assert!(page.contains("who look after it"));

        let friend = app.sign_in(another(members)).await;
        let mut listener = Chat::connect(&friend, &socket, 0).await.unwrap();
        let hello = listener.until("hello").await;
        assert_eq!(hello["me"]["moderator"], false);
        assert_eq!(bodies(&listener.drain().await).len(), 4);

        // A member posts over the socket; another member receives it.
        let mut writer = Chat::connect(&parveen, &socket, hello["seq"].as_i64().unwrap())
            .await
            .unwrap();
        writer.until("hello").await;
        writer
            .send(json!({"type": "post", "text": "See you all tomorrow!"}))
            .await;
        let got = listener.until("message").await;
        assert_eq!(got["message"]["body"], "See you all tomorrow!");
        // And through the form without JavaScript, the same way.
        let posted = friend.post(&base, &[("text", "Me too")]).await;
        assert_eq!(posted.status(), 303);
        assert_eq!(listener.until("message").await["message"]["body"], "Me too");
        let seen: Vec<String> = vec![
            writer.until("message").await["message"]["body"]
                .as_str()
                .unwrap()
                .to_owned(),
            writer.until("message").await["message"]["body"]
                .as_str()
                .unwrap()
                .to_owned(),
        ];
        assert_eq!(seen, vec!["See you all tomorrow!", "Me too"]);

        // The cohort's facilitator keeps the channel: they hide a message,
        // and its words no longer reach the members.
        let fatima = app.sign_in("facilitator@demo.example").await;
        let mut host = Chat::connect(&fatima, &socket, 0).await.unwrap();
        assert_eq!(host.until("hello").await["me"]["moderator"], true);
        let history = host.drain().await;
        let unkind = history
            .iter()
            .find(|f| f["message"]["body"] == "Me too")
            .unwrap()["message"]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        host.send(json!({"type": "hide", "id": unkind})).await;
        let for_member = listener.until("message").await;
        assert_eq!(for_member["message"]["hidden"], true);
        assert_eq!(for_member["message"]["body"], "");
        assert_eq!(host.until("message").await["message"]["body"], "Me too");
        assert!(!parveen.page(&base).await.1.contains("Me too"));
        assert!(fatima.page(&base).await.1.contains("Me too"));
        // Members neither hide nor mute.
        listener.send(json!({"type": "hide", "id": unkind})).await;
        listener.until("error").await;

        // A report reaches the cohort's facilitator, in the app.
        let first = history[0]["message"]["id"].as_str().unwrap().to_owned();
        listener
            .send(json!({"type": "report", "id": first, "reason": "worried"}))
            .await;
        listener.until("notice").await;
        let fatima_id = user_id(&app, "facilitator@demo.example").await;
        let notes = app.store.notifications().list(fatima_id, 10).await.unwrap();
        assert!(
            notes
                .iter()
                .any(|n| n.link.as_deref() == Some(base.as_str()))
        );

        // Parveen's own export names the group they wrote in; erasing them
        // takes their words out of the channel.
        let parveen_id = user_id(&app, "participant@demo.example").await;
        let export = app.store.privacy().export(parveen_id).await.unwrap();
        let entry = find_text(&export, "See you all tomorrow!").expect("the message is exported");
        assert_eq!(entry["conversation"], "peer-group");
        let name = app.store.peer_groups().group(*group).await.unwrap().name;
        assert_eq!(entry["group"], name.as_str());
        app.store.privacy().erase(parveen_id).await.unwrap();
        assert!(!fatima.page(&base).await.1.contains("See you all tomorrow!"));
    }
);

both!(
    people_with_no_place_in_a_peer_group_are_refused_everywhere,
    |app: TestApp| async move {
        let autumn = autumn_groups(&app).await;
        let (group, _) = &autumn.groups[0];
        let (_, elsewhere) = &autumn.groups[1];
        let base = format!("/peer-groups/{group}/channel");
        let socket = format!("{base}/socket");
        let before = app
            .store
            .conversations()
            .peer_group_channel(*group)
            .await
            .unwrap();
        let seq = app.store.conversations().last_seq(before.id).await.unwrap();

        // A member of another peer group of the same cohort, a participant of
        // another cohort, someone from another site, and the organisation's
        // staff, who do not read peers' conversations by role alone: page,
        // forms, socket.
        for outsider in [
            elsewhere[0].as_str(),
            "teacher@demo.example",
            "municipality@demo.example",
            "supervisor@demo.example",
            "coordinator@demo.example",
            "admin@demo.example",
        ] {
            let visitor = app.sign_in(outsider).await;
            assert_eq!(visitor.page(&base).await.0, 403, "{outsider}");
            assert_eq!(
                visitor.post(&base, &[("text", "hi")]).await.status(),
                403,
                "{outsider}"
            );
            assert_eq!(
                visitor
                    .post(&format!("{base}/settings"), &[("notify", "none")])
                    .await
                    .status(),
                403,
                "{outsider}"
            );
            assert_eq!(
                Chat::connect(&visitor, &socket, 0).await.err(),
                Some(403),
                "{outsider}"
            );
        }
        // Signed out: sent to sign in, never served.
        let anonymous = app.visitor().await;
        let (status, page) = anonymous.page(&base).await;
        assert_eq!(status, 303);
        assert!(!page.contains("fishbowl"));
        assert_eq!(anonymous.post(&base, &[("text", "hi")]).await.status(), 303);
        assert!(Chat::connect(&anonymous, &socket, 0).await.is_err());
        // Nothing reached the channel.
        assert_eq!(
            app.store.conversations().last_seq(before.id).await.unwrap(),
            seq
        );
        // Nor did anyone's visit make a channel for another group.
        let (other, _) = &autumn.groups[1];
        let outsider = app.sign_in("teacher@demo.example").await;
        assert_eq!(
            outsider
                .page(&format!("/peer-groups/{other}/channel"))
                .await
                .0,
            403
        );
        assert!(
            app.store
                .conversations()
                .peer_group_channel_if_any(*other)
                .await
                .unwrap()
                .is_none()
        );
    }
);

both!(
    saving_new_groups_keeps_each_channel_with_its_people,
    |app: TestApp| async move {
        let autumn = autumn_groups(&app).await;
        let (group, _) = &autumn.groups[0];
        let old = app
            .store
            .conversations()
            .peer_group_channel(*group)
            .await
            .unwrap();
        // The coordinator saves the groups again, in another order and with
        // one person moved from the participant's group to the next.
        let arrangement = app
            .store
            .peer_groups()
            .current(autumn.cohort)
            .await
            .unwrap()
            .unwrap();
        let mut groups: Vec<NewGroup> = arrangement
            .groups
            .iter()
            .rev()
            .map(|g| NewGroup {
                name: g.name.clone(),
                members: g.members.clone(),
            })
            .collect();
        let parveen = user_id(&app, "participant@demo.example").await;
        let from = groups
            .iter()
            .position(|g| g.members.contains(&parveen))
            .unwrap();
        let to = (from + 1) % groups.len();
        let moved = *groups[from]
            .members
            .iter()
            .find(|m| **m != parveen)
            .unwrap();
        groups[from].members.retain(|m| *m != moved);
        groups[to].members.push(moved);
        let coordinator = user_id(&app, "coordinator@demo.example").await;
        app.store
            .peer_groups()
            .save(autumn.cohort, coordinator, &groups)
            .await
            .unwrap();

        // The channel is the participant's new group's, with what was written.
        let now = app
            .store
            .peer_groups()
            .group_of(autumn.cohort, None, parveen)
            .await
            .unwrap()
            .unwrap();
        assert_ne!(now, *group);
        let kept = app
            .store
            .conversations()
            .peer_group_channel_if_any(now)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(kept.id, old.id);
        let visitor = app.sign_in("participant@demo.example").await;
        let (status, page) = visitor.page(&format!("/peer-groups/{now}/channel")).await;
        assert_eq!(status, 200);
        assert!(page.contains("write down one thing"));
        // An old link leads to the group home, which links the channel now.
        let old_link = visitor.get(&format!("/peer-groups/{group}/channel")).await;
        assert_eq!(old_link.status(), 303);
        assert_eq!(
            location(&old_link),
            format!("/cohorts/{}/my-group", autumn.cohort)
        );
        // The person who moved is no longer in it.
        let moved_email = app.store.people().get(moved).await.unwrap().email;
        let mover = app.sign_in(&moved_email).await;
        assert_eq!(
            mover.page(&format!("/peer-groups/{now}/channel")).await.0,
            403
        );
    }
);
