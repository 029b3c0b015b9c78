//! The live room's protocol over real WebSockets: ordering, reconnection
//! with exactly the missed changes, restarts, privacy and every refusal.

use crate::both;
use crate::helpers::*;
use futures_util::{SinkExt, StreamExt};
use hearth_domain::input::Email;
use hearth_domain::{EventId, Role, UserId};
use hearth_store::NewGroup;
use serde_json::{Value, json};
use std::time::Duration;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

struct Live {
    socket: Socket,
}

impl Live {
    async fn connect(visitor: &Visitor, event: EventId, after: i64) -> Result<Live, u16> {
        let url = format!(
            "{}/events/{event}/live/socket?after={after}",
            visitor.base().replace("http://", "ws://")
        );
        let mut request = url.into_client_request().unwrap();
        request
            .headers_mut()
            .insert("cookie", visitor.cookie_header().parse().unwrap());
        match tokio_tungstenite::connect_async(request).await {
            Ok((socket, _)) => Ok(Live { socket }),
            Err(tokio_tungstenite::tungstenite::Error::Http(response)) => {
                Err(response.status().as_u16())
            }
            Err(other) => panic!("websocket failed: {other}"),
        }
    }

    async fn send(&mut self, command: Value) {
        self.socket
            .send(Message::Text(command.to_string().into()))
            .await
            .unwrap();
    }

    /// The next frame, or `None` if nothing comes within a moment.
    async fn next(&mut self) -> Option<Value> {
        self.next_within(Duration::from_millis(1500)).await
    }

    /// The next frame, or `None` if nothing comes within `wait`.
    async fn next_within(&mut self, wait: Duration) -> Option<Value> {
        loop {
            match tokio::time::timeout(wait, self.socket.next()).await {
                Ok(Some(Ok(Message::Text(text)))) => {
                    return Some(serde_json::from_str(&text).unwrap());
                }
                Ok(Some(Ok(_))) => continue,
                _ => return None,
            }
        }
    }

    /// Frames until one of `kind` (a change type, "hello" or "error") arrives.
    /// Waits generously: a busy machine may be slow, and an expected frame
    /// that never comes fails the test all the same.
    async fn until(&mut self, kind: &str) -> Vec<Value> {
        let mut seen = Vec::new();
        while let Some(frame) = self.next_within(Duration::from_secs(10)).await {
            let this = frame["type"]
                .as_str()
                .or_else(|| frame["change"]["type"].as_str())
                .unwrap_or("")
                .to_owned();
            seen.push(frame);
            if this == kind {
                return seen;
            }
        }
        panic!("no {kind} frame; saw {seen:?}");
    }

    /// Everything that arrives until the line goes quiet.
    async fn drain(&mut self) -> Vec<Value> {
        let mut seen = Vec::new();
        while let Some(frame) = self.next().await {
            seen.push(frame);
        }
        seen
    }
}

fn kind(frame: &Value) -> &str {
    frame["type"]
        .as_str()
        .or_else(|| frame["change"]["type"].as_str())
        .unwrap_or("")
}

async fn user(app: &TestApp, email: &str) -> UserId {
    app.store
        .people()
        .find_by_email(&Email::parse(email).unwrap())
        .await
        .unwrap()
        .unwrap()
        .id
}

/// The autumn cohort's fishbowl event, with two saved groups: the demo
/// participant with Maya in one, Noah with the peer in the other.
async fn fishbowl(app: &TestApp) -> EventId {
    let cohort = app.cohort_named("Autumn dialogue cohort").await;
    let participants: Vec<UserId> = app
        .store
        .org()
        .cohort_members(cohort.id)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.role == Role::Participant)
        .map(|m| m.user_id)
        .collect();
    let first = [
        user(app, "participant@demo.example").await,
        user(app, "maya@demo.example").await,
    ];
    let second: Vec<UserId> = participants
        .iter()
        .copied()
        .filter(|u| !first.contains(u))
        .collect();
    let facilitator = user(app, "facilitator@demo.example").await;
    app.store
        .peer_groups()
        .save(
            cohort.id,
            facilitator,
            &[
                NewGroup {
                    name: "Oak".into(),
                    members: first.to_vec(),
                },
                NewGroup {
                    name: "Birch".into(),
                    members: second,
                },
            ],
        )
        .await
        .unwrap();
    let host = app.sign_in("facilitator@demo.example").await;
    schedule(
        &host,
        app,
        "Autumn fishbowl",
        "2026-12-01",
        "18:00",
        "builtin:0",
    )
    .await
}

/// Schedules an event for the autumn cohort through the facilitator's form.
async fn schedule(
    host: &Visitor,
    app: &TestApp,
    title: &str,
    date: &str,
    time: &str,
    sheet: &str,
) -> EventId {
    let cohort = app.cohort_named("Autumn dialogue cohort").await;
    let response = host
        .post(
            &format!("/cohorts/{}/events", cohort.id),
            &[
                ("title", title),
                ("date", date),
                ("time", time),
                ("sheet", sheet),
            ],
        )
        .await;
    assert_eq!(response.status(), 303, "the event is scheduled");
    location(&response)
        .trim_start_matches("/events/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

async fn joined(app: &TestApp, email: &str, event: EventId) -> (Visitor, Live) {
    let visitor = app.sign_in(email).await;
    let accepted = visitor.post(&format!("/events/{event}/accept"), &[]).await;
    assert_eq!(accepted.status(), 303);
    let mut live = Live::connect(&visitor, event, 0).await.unwrap();
    let hello = live.until("hello").await;
    assert_eq!(kind(hello.last().unwrap()), "hello");
    (visitor, live)
}

both!(
    the_facilitator_drives_and_everyone_sees_the_same_step,
    |app: TestApp| async move {
        let event = fishbowl(&app).await;
        let host_visitor = app.sign_in("facilitator@demo.example").await;
        let mut host = Live::connect(&host_visitor, event, 0).await.unwrap();
        let hello = host.until("hello").await;
        assert_eq!(hello[0]["me"]["facilitator"], true);
        let (_, mut ana) = joined(&app, "participant@demo.example", event).await;
        let (_, mut noah) = joined(&app, "noah@demo.example", event).await;
        host.send(json!({"type": "start"})).await;
        host.send(json!({"type": "next"})).await;
        for live in [&mut ana, &mut noah, &mut host] {
            let frames = live.until("step-started").await;
            assert_eq!(frames.last().unwrap()["seq"], 1);
            let second = live.until("step-started").await;
            assert_eq!(second.last().unwrap()["seq"], 2);
            assert_eq!(second.last().unwrap()["change"]["step"], 1);
        }
        // Stored before broadcast: the log holds both, in order.
        let viewer = hearth_domain::live::Viewer {
            user: user(&app, "noah@demo.example").await,
            facilitator: false,
            group: None,
        };
        let log = app
            .store
            .events()
            .log_after(event, 0, &viewer)
            .await
            .unwrap();
        assert_eq!(log.iter().map(|e| e.seq).collect::<Vec<_>>(), vec![1, 2]);
    }
);

both!(
    a_reconnecting_tab_gets_exactly_what_it_missed,
    |app: TestApp| async move {
        let event = fishbowl(&app).await;
        let host_visitor = app.sign_in("facilitator@demo.example").await;
        let mut host = Live::connect(&host_visitor, event, 0).await.unwrap();
        host.until("hello").await;
        let (ana_visitor, mut ana) = joined(&app, "participant@demo.example", event).await;
        host.send(json!({"type": "start"})).await;
        let seen = ana.until("step-started").await;
        let last = seen.last().unwrap()["seq"].as_i64().unwrap();
        drop(ana);
        // While Ana is away: a step, a broadcast, a chat in the large group.
        host.send(json!({"type": "next"})).await;
        host.send(json!({"type": "broadcast", "text": "Welcome back soon"}))
            .await;
        host.send(json!({"type": "chat", "text": "Tea is ready"}))
            .await;
        host.until("chat-posted").await;
        let mut again = Live::connect(&ana_visitor, event, last).await.unwrap();
        let frames = again.drain().await;
        assert_eq!(kind(&frames[0]), "hello");
        assert_eq!(frames[0]["seq"], last + 3);
        assert_eq!(
            frames[0]["state"]["step"], 1,
            "the hello carries where the event is now"
        );
        // Numbered changes; where the person sits and who is here come unnumbered.
        let changes: Vec<&Value> = frames
            .iter()
            .filter(|f| f.get("change").is_some())
            .collect();
        let missed: Vec<i64> = changes.iter().map(|f| f["seq"].as_i64().unwrap()).collect();
        assert_eq!(
            missed,
            vec![last + 1, last + 2, last + 3],
            "no gap and no duplicate"
        );
        assert_eq!(kind(changes[1]), "broadcast");
    }
);

both!(
    a_restarted_server_knows_the_step_and_the_time_left,
    |app: TestApp| async move {
        let event = fishbowl(&app).await;
        let host_visitor = app.sign_in("facilitator@demo.example").await;
        let mut host = Live::connect(&host_visitor, event, 0).await.unwrap();
        host.until("hello").await;
        host.send(json!({"type": "start"})).await;
        host.send(json!({"type": "next"})).await;
        let frames = host.until("step-started").await;
        let _ = frames;
        let started = host.until("step-started").await;
        let ends_at = started.last().unwrap()["change"]["ends_at"]
            .as_i64()
            .unwrap();
        // A new server on the same database: no memory of the room but the log.
        let (address, server) = second_instance(&app).await;
        let mut live = connect_to(&address, &host_visitor, event).await;
        let hello = live.next().await.expect("a hello from the new server");
        assert_eq!(hello["state"]["step"], 1);
        assert_eq!(hello["state"]["status"], "running");
        assert_eq!(
            hello["state"]["ends_at"], ends_at,
            "the same time left after the restart"
        );
        server.abort();
    }
);

both!(
    group_chat_support_calls_and_reflections_stay_private,
    |app: TestApp| async move {
        let event = fishbowl(&app).await;
        let host_visitor = app.sign_in("facilitator@demo.example").await;
        let mut host = Live::connect(&host_visitor, event, 0).await.unwrap();
        host.until("hello").await;
        let (ana_visitor, mut ana) = joined(&app, "participant@demo.example", event).await;
        let (_, mut maya) = joined(&app, "maya@demo.example", event).await;
        let (noah_visitor, mut noah) = joined(&app, "noah@demo.example", event).await;
        // Two of Birch are here, so Birch meets on its own.
        let (_, mut olivia) = joined(&app, "olivia@demo.example", event).await;
        host.send(json!({"type": "start"})).await;
        for _ in 0..3 {
            host.send(json!({"type": "next"})).await;
        }
        host.drain().await;
        for live in [&mut ana, &mut maya, &mut noah, &mut olivia] {
            live.drain().await;
        }
        // Step 4 is the dialogue: chat stays in the group.
        ana.send(json!({"type": "chat", "text": "Oak only"})).await;
        assert_eq!(
            maya.until("chat-posted").await.last().unwrap()["change"]["text"],
            "Oak only"
        );
        assert_eq!(
            host.until("chat-posted").await.last().unwrap()["change"]["text"],
            "Oak only",
            "facilitators see every group"
        );
        let noah_saw = noah.drain().await;
        assert!(
            noah_saw.iter().all(|f| kind(f) != "chat-posted"),
            "another group never sees it"
        );
        // A call for support reaches the facilitators and the caller only.
        noah.send(json!({"type": "need-support", "note": "It is a hard day"}))
            .await;
        assert_eq!(
            host.until("support-requested").await.last().unwrap()["change"]["note"],
            "It is a hard day"
        );
        assert_eq!(
            kind(noah.until("support-requested").await.last().unwrap()),
            "support-requested"
        );
        assert!(
            ana.drain()
                .await
                .iter()
                .all(|f| kind(f) != "support-requested")
        );
        // A reflection is its writer's alone.
        let saved = ana_visitor
            .post(
                &format!("/events/{event}/reflection"),
                &[("step", "2"), ("text", "my private thought")],
            )
            .await;
        assert_eq!(saved.status(), 200);
        let (_, own) = ana_visitor.page(&format!("/events/{event}/live")).await;
        assert!(own.contains("my private thought"));
        let (_, hosts_page) = host_visitor.page(&format!("/events/{event}/live")).await;
        assert!(
            !hosts_page.contains("my private thought"),
            "the facilitator cannot read it"
        );
        let (_, noahs_page) = noah_visitor.page(&format!("/events/{event}/live")).await;
        assert!(!noahs_page.contains("my private thought"));
        // Saving to a step that is not a reflection is refused.
        let wrong = ana_visitor
            .post(
                &format!("/events/{event}/reflection"),
                &[("step", "0"), ("text", "x")],
            )
            .await;
        assert_eq!(wrong.status(), 422);
    }
);

both!(
    every_refusal_is_an_error_frame_that_changes_nothing,
    |app: TestApp| async move {
        let event = fishbowl(&app).await;
        let (_, mut ana) = joined(&app, "participant@demo.example", event).await;
        let before = app.store.events().all_changes(event).await.unwrap().1;
        for command in [
            json!({"type": "start"}),
            json!({"type": "next"}),
            json!({"type": "end"}),
            json!({"type": "broadcast", "text": "hi"}),
            json!({"type": "lower-hand", "user": uuid::Uuid::now_v7()}),
            json!({"type": "visit", "group": null}),
            json!({"type": "chat", "text": "too early"}),
            json!({"type": "move", "user": uuid::Uuid::now_v7(), "group": uuid::Uuid::now_v7()}),
            json!({"type": "no-such-command"}),
            json!("not even an object"),
        ] {
            ana.send(command.clone()).await;
            let frames = ana.until("error").await;
            assert!(
                frames.last().unwrap()["message"].as_str().unwrap().len() > 5,
                "{command}: a readable message"
            );
        }
        assert_eq!(
            app.store.events().all_changes(event).await.unwrap().1,
            before,
            "nothing stored"
        );

        let host_visitor = app.sign_in("facilitator@demo.example").await;
        let mut host = Live::connect(&host_visitor, event, 0).await.unwrap();
        host.until("hello").await;
        host.send(json!({"type": "start"})).await;
        host.until("step-started").await;
        for command in [
            json!({"type": "start"}),
            json!({"type": "previous"}),
            json!({"type": "adjust-timer", "seconds": 0}),
            json!({"type": "react", "emoji": "x"}),
            json!({"type": "chat", "text": " "}),
            json!({"type": "move", "user": uuid::Uuid::now_v7(), "group": uuid::Uuid::now_v7()}),
        ] {
            host.send(command.clone()).await;
            host.until("error").await;
        }
        assert_eq!(
            app.store.events().all_changes(event).await.unwrap().1,
            before + 1
        );
    }
);

/// The last frame of `kind` among `frames`.
fn last_of<'a>(frames: &'a [Value], wanted: &str) -> &'a Value {
    frames
        .iter()
        .rev()
        .find(|f| kind(f) == wanted)
        .unwrap_or_else(|| panic!("no {wanted} frame in {frames:?}"))
}

both!(
    too_few_present_sit_with_another_group_and_late_arrivals_are_placed,
    |app: TestApp| async move {
        let event = fishbowl(&app).await;
        let host_visitor = app.sign_in("facilitator@demo.example").await;
        let mut host = Live::connect(&host_visitor, event, 0).await.unwrap();
        host.until("hello").await;
        let (_, mut ana) = joined(&app, "participant@demo.example", event).await;
        let seat = ana.until("seat").await;
        assert_eq!(last_of(&seat, "seat")["group"]["name"], "Oak");
        let (_, mut maya) = joined(&app, "maya@demo.example", event).await;
        // Ana sees Maya arrive in Oak.
        let here = ana.until("presence").await;
        let mut names: Vec<String> = last_of(&here, "presence")["people"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap().to_owned())
            .collect();
        while names.len() < 2 {
            let more = ana.until("presence").await;
            names = last_of(&more, "presence")["people"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["name"].as_str().unwrap().to_owned())
                .collect();
        }
        assert!(names.iter().any(|n| n.starts_with("Maya")), "{names:?}");
        // Only Noah of Birch came.
        let (noah_visitor, mut noah) = joined(&app, "noah@demo.example", event).await;
        let at_home = noah.until("seat").await;
        assert_eq!(last_of(&at_home, "seat")["group"]["name"], "Birch");
        host.send(json!({"type": "start"})).await;
        for _ in 0..3 {
            host.send(json!({"type": "next"})).await;
        }
        // The dialogue: Noah sits with Oak for now, and only he hears of it.
        let frames = noah.until("seat").await;
        assert_eq!(last_of(&frames, "seated")["change"]["by_host"], false);
        assert_eq!(last_of(&frames, "seat")["group"]["name"], "Oak");
        let oak = last_of(&frames, "seat")["group"]["id"].clone();
        assert!(
            ana.drain().await.iter().all(|f| kind(f) != "seated"),
            "nobody else hears where Noah sits"
        );
        maya.drain().await;
        let host_frames = host.drain().await;
        assert!(host_frames.iter().any(|f| kind(f) == "seated"));
        noah.send(json!({"type": "chat", "text": "Hello Oak, I am Noah"}))
            .await;
        assert_eq!(
            last_of(&ana.until("chat-posted").await, "chat-posted")["change"]["group"],
            oak,
            "Noah talks with the group he sits with"
        );
        // A dropped connection puts him back where he was.
        drop(noah);
        let mut noah = Live::connect(&noah_visitor, event, 0).await.unwrap();
        let again = noah.until("seat").await;
        assert_eq!(again[0]["me"]["group"], oak);
        assert_eq!(last_of(&again, "seat")["group"]["id"], oak);
        // Olivia of Birch arrives late: Birch is not meeting, so she sits
        // with the smallest group that is.
        let (_, mut olivia) = joined(&app, "olivia@demo.example", event).await;
        let frames = olivia.until("seat").await;
        assert_eq!(last_of(&frames, "seat")["group"]["name"], "Oak");
        // The facilitator moves her to Birch; she follows, and Oak's chat no
        // longer reaches her.
        let olivia_id = user(&app, "olivia@demo.example").await;
        let groups = app
            .store
            .peer_groups()
            .current(app.cohort_named("Autumn dialogue cohort").await.id)
            .await
            .unwrap()
            .unwrap();
        let birch_id = groups.groups.iter().find(|g| g.name == "Birch").unwrap().id;
        host.send(json!({"type": "move", "user": olivia_id, "group": birch_id}))
            .await;
        let frames = olivia.until("seat").await;
        assert_eq!(last_of(&frames, "seated")["change"]["by_host"], true);
        assert_eq!(last_of(&frames, "seat")["group"]["name"], "Birch");
        olivia.drain().await;
        ana.send(json!({"type": "chat", "text": "Oak again"})).await;
        maya.until("chat-posted").await;
        assert!(
            olivia
                .drain()
                .await
                .iter()
                .all(|f| kind(f) != "chat-posted"),
            "moved away, Oak's chat is no longer hers"
        );
        // Moving her where she already sits changes nothing.
        host.send(json!({"type": "move", "user": olivia_id, "group": birch_id}))
            .await;
        let mut room = host.until("error").await;
        // The hosts see who is where, at most once a second.
        room.extend(host.drain().await);
        let places = last_of(&room, "room-presence")["places"]
            .as_array()
            .unwrap()
            .clone();
        let birch_here: Vec<&Value> = places
            .iter()
            .filter(|p| p["group"] == json!(birch_id))
            .flat_map(|p| p["people"].as_array().unwrap())
            .collect();
        assert!(
            birch_here.iter().any(|p| p["user"] == json!(olivia_id)),
            "{places:?}"
        );
    }
);

both!(
    only_the_audience_enters_and_only_after_the_ground_rules,
    |app: TestApp| async move {
        let event = fishbowl(&app).await;
        // A participant of another cohort, and a supervisor: not this room.
        let teacher = app.sign_in("teacher@demo.example").await;
        assert_eq!(Live::connect(&teacher, event, 0).await.err(), Some(403));
        assert_eq!(teacher.get(&format!("/events/{event}")).await.status(), 403);
        let supervisor = app.sign_in("supervisor@demo.example").await;
        assert_eq!(Live::connect(&supervisor, event, 0).await.err(), Some(403));
        // A member who has not accepted the ground rules is asked first.
        let maya = app.sign_in("maya@demo.example").await;
        assert_eq!(Live::connect(&maya, event, 0).await.err(), Some(403));
        let page = maya.get(&format!("/events/{event}/live")).await;
        assert_eq!(page.status(), 303);
        let (_, event_page) = maya.page(&format!("/events/{event}")).await;
        assert!(event_page.contains("What is shared in the group stays in the group."));
        maya.post(&format!("/events/{event}/accept"), &[]).await;
        assert!(Live::connect(&maya, event, 0).await.is_ok());
        // New rules ask again.
        let host = app.sign_in("facilitator@demo.example").await;
        let cohort = app.cohort_named("Autumn dialogue cohort").await;
        host.post(
            &format!("/cohorts/{}/ground-rules", cohort.id),
            &[("rules", "Be kind.\nKeep it here.")],
        )
        .await;
        assert_eq!(Live::connect(&maya, event, 0).await.err(), Some(403));
        // A page on another site cannot open the socket with Maya's cookie.
        maya.post(&format!("/events/{event}/accept"), &[]).await;
        let url = format!(
            "{}/events/{event}/live/socket",
            maya.base().replace("http://", "ws://")
        );
        let mut request = url.into_client_request().unwrap();
        request
            .headers_mut()
            .insert("cookie", maya.cookie_header().parse().unwrap());
        request
            .headers_mut()
            .insert("origin", "https://evil.example".parse().unwrap());
        match tokio_tungstenite::connect_async(request).await {
            Err(tokio_tungstenite::tungstenite::Error::Http(response)) => {
                assert_eq!(response.status().as_u16(), 403)
            }
            other => panic!("expected 403, got {:?}", other.map(|_| ())),
        }
        // Signed out: no socket at all.
        let stranger = app.visitor().await;
        assert!(Live::connect(&stranger, event, 0).await.is_err());
    }
);

/// Two `hearth serve` processes behind one address, one database: a message
/// sent to one reaches a participant connected to the other.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_on_postgres_share_the_room() {
    let Some(app) = TestApp::spawn(Backend::Postgres).await else {
        eprintln!("HEARTH_TEST_POSTGRES_URL is not set: skipping the two-instance run");
        return;
    };
    let event = fishbowl(&app).await;
    let (second_address, server) = second_instance(&app).await;

    let (ana_visitor, _) = joined(&app, "participant@demo.example", event).await;
    let mut ana_on_second = connect_to(&second_address, &ana_visitor, event).await;
    ana_on_second.until("hello").await;

    let host_visitor = app.sign_in("facilitator@demo.example").await;
    let mut host = Live::connect(&host_visitor, event, 0).await.unwrap();
    host.until("hello").await;
    host.send(json!({"type": "start"})).await;
    host.send(json!({"type": "broadcast", "text": "Hello from the first instance"}))
        .await;
    let frames = ana_on_second.until("broadcast").await;
    assert_eq!(
        frames.last().unwrap()["change"]["text"],
        "Hello from the first instance"
    );
    let seqs: Vec<i64> = frames.iter().filter_map(|f| f["seq"].as_i64()).collect();
    assert_eq!(seqs, vec![1, 2]);
    // And back: Ana's chat on the second instance reaches the host on the first.
    ana_on_second
        .send(json!({"type": "chat", "text": "Hello from the second"}))
        .await;
    let frames = host.until("chat-posted").await;
    assert_eq!(
        frames.last().unwrap()["change"]["text"],
        "Hello from the second"
    );
    assert_eq!(frames.last().unwrap()["seq"], 3);
    server.abort();
}

/// Another `hearth serve` on the same database (a second instance, or the
/// same server after a restart): its own hubs and its own bus. Returns its
/// address; abort the handle to stop it.
pub(crate) async fn second_instance(app: &TestApp) -> (String, tokio::task::JoinHandle<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    let config = hearth_web::WebConfig::new(address.clone(), app.data_dir.clone());
    let state = hearth_web::AppState::new(app.store.clone(), config)
        .await
        .unwrap();
    let server = tokio::spawn(async move {
        hearth_web::serve(listener, state, std::future::pending())
            .await
            .unwrap()
    });
    (address, server)
}

/// Opens the live room on another instance with a visitor's cookie.
async fn connect_to(address: &str, visitor: &Visitor, event: EventId) -> Live {
    let url = format!(
        "{}/events/{event}/live/socket?after=0",
        address.replace("http://", "ws://")
    );
    let mut request = url.into_client_request().unwrap();
    request
        .headers_mut()
        .insert("cookie", visitor.cookie_header().parse().unwrap());
    let (socket, _) = tokio_tungstenite::connect_async(request).await.unwrap();
    Live { socket }
}

/// The user ids in the latest `presence` frame, waiting (a few frames at
/// most) until `wanted` says the list is as expected.
async fn presence_until(live: &mut Live, wanted: impl Fn(&[String]) -> bool) -> Vec<String> {
    for _ in 0..10 {
        let frames = live.until("presence").await;
        let people: Vec<String> = last_of(&frames, "presence")["people"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["user"].as_str().unwrap().to_owned())
            .collect();
        if wanted(&people) {
            return people;
        }
    }
    panic!("the presence list never became as expected");
}

/// Someone with the room open on one instance is present on the others: in
/// their group's list, in the hosts' view, and when the room goes into its
/// groups (so their group is not broken up for want of people).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn presence_is_shared_between_instances_on_postgres() {
    let Some(app) = TestApp::spawn(Backend::Postgres).await else {
        eprintln!("HEARTH_TEST_POSTGRES_URL is not set: skipping the two-instance run");
        return;
    };
    let event = fishbowl(&app).await;
    let (second_address, server) = second_instance(&app).await;
    let ana_id = user(&app, "participant@demo.example").await.to_string();
    let maya_id = user(&app, "maya@demo.example").await.to_string();

    let host_visitor = app.sign_in("facilitator@demo.example").await;
    let mut host = Live::connect(&host_visitor, event, 0).await.unwrap();
    host.until("hello").await;
    // Maya (Oak) on the first instance; Ana (Oak) on the second.
    let (_, mut maya) = joined(&app, "maya@demo.example", event).await;
    let (ana_visitor, _) = joined(&app, "participant@demo.example", event).await;
    let mut ana = connect_to(&second_address, &ana_visitor, event).await;
    ana.until("hello").await;
    presence_until(&mut maya, |people| people.contains(&ana_id)).await;
    presence_until(&mut ana, |people| people.contains(&maya_id)).await;
    // Two of Birch on the first instance.
    let (_, mut noah) = joined(&app, "noah@demo.example", event).await;
    let (_, mut olivia) = joined(&app, "olivia@demo.example", event).await;

    // The hosts' view on the first instance has Ana.
    let mut seen_ana = false;
    for _ in 0..5 {
        let frames = host.until("room-presence").await;
        let places = last_of(&frames, "room-presence")["places"].clone();
        if places.to_string().contains(&ana_id) {
            seen_ana = true;
            break;
        }
    }
    assert!(
        seen_ana,
        "the hosts see Ana, connected to the other instance"
    );

    // Into the groups: Oak has two people present (one on each instance),
    // so nobody is moved, and Oak's chat crosses the instances.
    for live in [&mut maya, &mut noah, &mut olivia] {
        live.drain().await;
    }
    host.send(json!({"type": "start"})).await;
    for _ in 0..3 {
        host.send(json!({"type": "next"})).await;
    }
    while maya.until("step-started").await.last().unwrap()["change"]["step"] != 3 {}
    let mut after_step = maya.drain().await;
    after_step.extend(noah.drain().await);
    after_step.extend(olivia.drain().await);
    assert!(
        after_step
            .iter()
            .all(|f| kind(f) != "seat" && kind(f) != "seated"),
        "nobody was seated elsewhere: {after_step:?}"
    );
    maya.send(json!({"type": "chat", "text": "Hello Ana, from Maya"}))
        .await;
    let frames = ana.until("chat-posted").await;
    assert_eq!(
        last_of(&frames, "chat-posted")["change"]["text"],
        "Hello Ana, from Maya"
    );

    // Ana closes her page: Maya's list lets her go.
    drop(ana);
    presence_until(&mut maya, |people| !people.contains(&ana_id)).await;
    server.abort();
}

both!(
    an_excerpt_of_a_reflection_reaches_only_the_writers_group,
    |app: TestApp| async move {
        let event = fishbowl(&app).await;
        let host_visitor = app.sign_in("facilitator@demo.example").await;
        let mut host = Live::connect(&host_visitor, event, 0).await.unwrap();
        host.until("hello").await;
        let (ana_visitor, mut ana) = joined(&app, "participant@demo.example", event).await;
        let (maya_visitor, mut maya) = joined(&app, "maya@demo.example", event).await;
        let (_, mut noah) = joined(&app, "noah@demo.example", event).await;
        host.send(json!({"type": "start"})).await;
        host.send(json!({"type": "next"})).await;
        host.send(json!({"type": "next"})).await;
        while ana.until("step-started").await.last().unwrap()["change"]["step"] != 2 {}
        // Ana writes privately, then shares a few lines of it.
        let saved = ana_visitor
            .post(
                &format!("/events/{event}/reflection"),
                &[
                    ("step", "2"),
                    ("text", "All of this is mine. I felt heard."),
                ],
            )
            .await;
        assert_eq!(saved.status(), 200);
        ana.send(json!({"type": "share-excerpt", "text": "I felt heard."}))
            .await;
        let frames = maya.until("excerpt-shared").await;
        let shared = last_of(&frames, "excerpt-shared");
        assert_eq!(shared["change"]["text"], "I felt heard.");
        assert!(shared["change"]["name"].as_str().unwrap().len() > 1);
        host.until("excerpt-shared").await;
        assert!(
            noah.drain()
                .await
                .iter()
                .all(|f| kind(f) != "excerpt-shared"),
            "another group never sees it"
        );
        // Nothing of the reflection itself travels: only the shared lines.
        for frame in ana.drain().await.iter().chain(maya.drain().await.iter()) {
            assert!(!frame.to_string().contains("All of this is mine"));
        }
        let (_, mayas_page) = maya_visitor.page(&format!("/events/{event}/live")).await;
        assert!(!mayas_page.contains("All of this is mine"));
        // The host, in no group, cannot share into one.
        host.send(json!({"type": "share-excerpt", "text": "hello"}))
            .await;
        let refused = host.until("error").await;
        assert!(
            !last_of(&refused, "error")["message"]
                .as_str()
                .unwrap()
                .is_empty()
        );
    }
);

both!(
    an_event_for_one_peer_group_with_a_co_facilitator,
    |app: TestApp| async move {
        // The whole cohort's fishbowl, and groups Oak and Birch.
        let cohort_wide = fishbowl(&app).await;
        let cohort = app.cohort_named("Autumn dialogue cohort").await;
        let groups = app
            .store
            .peer_groups()
            .current(cohort.id)
            .await
            .unwrap()
            .unwrap();
        let oak = groups.groups.iter().find(|g| g.name == "Oak").unwrap().id;
        let peer = user(&app, "peer@demo.example").await;
        let host = app.sign_in("facilitator@demo.example").await;
        // The form offers the groups and the people who may co-facilitate.
        let (_, form) = host.page(&format!("/cohorts/{}/events", cohort.id)).await;
        assert!(form.contains(&format!("value=\"{oak}\"")));
        assert!(form.contains(&format!("name=\"host-{peer}\"")));
        let events = format!("/cohorts/{}/events", cohort.id);
        let fields = |audience: String, co_host: String| {
            vec![
                ("title".to_owned(), "Oak's evening".to_owned()),
                ("date".to_owned(), "2026-12-03".to_owned()),
                ("time".to_owned(), "18:30".to_owned()),
                ("sheet".to_owned(), "builtin:0".to_owned()),
                ("audience".to_owned(), audience),
                (co_host, "on".to_owned()),
            ]
        };
        // Only what the form offered may be chosen; nothing is scheduled otherwise.
        let before = app
            .store
            .events()
            .for_cohort(cohort.id)
            .await
            .unwrap()
            .len();
        for (audience, co_host) in [
            (uuid::Uuid::now_v7().to_string(), format!("host-{peer}")),
            (oak.to_string(), format!("host-{}", UserId::new())),
        ] {
            let refused = post_fields(&host, &events, &fields(audience, co_host)).await;
            assert_eq!(refused.status(), 422);
            assert!(refused.text().await.unwrap().contains("from the list"));
        }
        assert_eq!(
            app.store
                .events()
                .for_cohort(cohort.id)
                .await
                .unwrap()
                .len(),
            before
        );
        let scheduled = post_fields(
            &host,
            &events,
            &fields(oak.to_string(), format!("host-{peer}")),
        )
        .await;
        assert_eq!(scheduled.status(), 303);
        let event: EventId = location(&scheduled)
            .trim_start_matches("/events/")
            .split('?')
            .next()
            .unwrap()
            .parse()
            .unwrap();

        // Oak's members come in; Birch's do not even see it.
        let maya = app.sign_in("maya@demo.example").await;
        let (status, page) = maya.page(&format!("/events/{event}")).await;
        assert_eq!(status, 200);
        assert!(page.contains("for the peer group Oak"));
        assert!(page.contains("Pat Peer"), "the co-facilitator is named");
        let (_, home) = maya.page("/").await;
        assert!(home.contains(&format!("href=\"/events/{event}\"")));
        let noah = app.sign_in("noah@demo.example").await;
        assert_eq!(noah.page(&format!("/events/{event}")).await.0, 403);
        assert!(Live::connect(&noah, event, 0).await.is_err());
        let (_, home) = noah.page("/").await;
        assert!(
            !home.contains(&format!("href=\"/events/{event}\"")),
            "not on Birch's home page"
        );

        // The co-facilitator runs this event: the console, and the commands.
        let (co_host, mut co_live) = joined_as_host(&app, "peer@demo.example", event).await;
        let (status, page) = co_host.page(&format!("/events/{event}")).await;
        assert_eq!(status, 200);
        assert!(page.contains("Open the facilitator"));
        co_live.send(json!({"type": "start"})).await;
        assert_eq!(
            last_of(&co_live.until("step-started").await, "step-started")["seq"],
            1
        );
        // The room has Oak alone.
        let (_, mut maya_live) = joined(&app, "maya@demo.example", event).await;
        let seat = maya_live.until("seat").await;
        assert_eq!(last_of(&seat, "seat")["group"]["name"], "Oak");
        // ... and no other event: there they are a participant, as before.
        let (status, _) = co_host.page(&events).await;
        assert_eq!(
            status, 403,
            "co-facilitating is not facilitating the cohort"
        );
        let (_, page) = co_host.page(&format!("/events/{cohort_wide}")).await;
        assert!(!page.contains("Open the facilitator"));
        let accepted = co_host
            .post(&format!("/events/{cohort_wide}/accept"), &[])
            .await;
        assert_eq!(accepted.status(), 303);
        let mut elsewhere = Live::connect(&co_host, cohort_wide, 0).await.unwrap();
        elsewhere.until("hello").await;
        elsewhere.send(json!({"type": "start"})).await;
        elsewhere.until("error").await;
    }
);

/// Posts fields made at run time.
async fn post_fields(
    visitor: &Visitor,
    path: &str,
    fields: &[(String, String)],
) -> reqwest::Response {
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(name, value)| (name.as_str(), value.as_str()))
        .collect();
    visitor.post(path, &fields).await
}

/// Signs in someone who runs the event and opens its room.
async fn joined_as_host(app: &TestApp, email: &str, event: EventId) -> (Visitor, Live) {
    let visitor = app.sign_in(email).await;
    let mut live = Live::connect(&visitor, event, 0).await.unwrap();
    let hello = live.until("hello").await;
    assert_eq!(hello.last().unwrap()["me"]["facilitator"], true);
    (visitor, live)
}

both!(
    the_debrief_picker_prefers_volunteers_and_is_fair_across_events,
    |app: TestApp| async move {
        let event = fishbowl(&app).await;
        let host_visitor = app.sign_in("facilitator@demo.example").await;
        let mut host = Live::connect(&host_visitor, event, 0).await.unwrap();
        host.until("hello").await;
        let (_, mut noah) = joined(&app, "noah@demo.example", event).await;
        host.send(json!({"type": "start"})).await;
        for _ in 0..4 {
            host.send(json!({"type": "next"})).await;
        }
        // Raise the hand once the room is at the debrief.
        while noah.until("step-started").await.last().unwrap()["change"]["step"] != 4 {}
        noah.send(json!({"type": "raise-hand"})).await;
        host.until("hand-raised").await;
        let proposal: Value = host_visitor
            .get(&format!("/events/{event}/speakers"))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(
            proposal["speakers"], 2,
            "three wanted, but only two groups: one speaker each"
        );
        let noah_id = user(&app, "noah@demo.example").await.to_string();
        let picked: Vec<String> = proposal["proposal"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_owned())
            .collect();
        assert_eq!(picked[0], noah_id, "the volunteer comes first");
        assert_eq!(picked.len(), 2);
        // Participants may not see or choose.
        let (_, mut ana) = joined(&app, "participant@demo.example", event).await;
        let ana_visitor = app.sign_in("participant@demo.example").await;
        assert_eq!(
            ana_visitor
                .get(&format!("/events/{event}/speakers"))
                .await
                .status(),
            403
        );
        let fields: Vec<(&str, &str)> = picked.iter().map(|p| ("speaker", p.as_str())).collect();
        assert_eq!(
            ana_visitor
                .post(&format!("/events/{event}/speakers"), &fields)
                .await
                .status(),
            403
        );
        let announced = host_visitor
            .post(&format!("/events/{event}/speakers"), &fields)
            .await;
        assert_eq!(announced.status(), 200);
        let frames = ana.until("speakers-chosen").await;
        assert_eq!(
            frames.last().unwrap()["change"]["speakers"]
                .as_array()
                .unwrap()
                .len(),
            2
        );
        let cohort = app.cohort_named("Autumn dialogue cohort").await;
        let spoken = app
            .store
            .event_records()
            .times_spoken(cohort.id)
            .await
            .unwrap();
        assert_eq!(spoken.len(), 2, "recorded for fairness next time");
    }
);

both!(
    feedback_is_given_once_and_shown_without_names,
    |app: TestApp| async move {
        let event = fishbowl(&app).await;
        let (ana, _) = joined(&app, "participant@demo.example", event).await;
        let bad = ana
            .post(
                &format!("/events/{event}/feedback"),
                &[("rating", "9"), ("helped", ""), ("change", "")],
            )
            .await;
        assert_eq!(bad.status(), 422);
        let good = ana
            .post(
                &format!("/events/{event}/feedback"),
                &[
                    ("rating", "5"),
                    ("helped", "Hearing others"),
                    ("change", "More time"),
                ],
            )
            .await;
        assert_eq!(good.status(), 303);
        ana.post(
            &format!("/events/{event}/feedback"),
            &[("rating", "1"), ("helped", ""), ("change", "")],
        )
        .await;
        let all = app.store.event_records().feedback(event).await.unwrap();
        assert_eq!(all.len(), 1, "one answer per person");
        let host = app.sign_in("facilitator@demo.example").await;
        let (_, page) = host.page(&format!("/events/{event}")).await;
        assert!(page.contains("Hearing others") && page.contains("More time"));
        assert!(!page.contains("Parveen"), "answers are shown without names");
        let (_, own) = ana.page(&format!("/events/{event}")).await;
        assert!(
            !own.contains("Hearing others"),
            "participants do not see the answers"
        );
    }
);

both!(
    events_reach_calendars_by_file_and_by_private_feed,
    |app: TestApp| async move {
        let event = fishbowl(&app).await;
        let (ana, _) = joined(&app, "participant@demo.example", event).await;
        let file = ana.get(&format!("/events/{event}/calendar.ics")).await;
        assert_eq!(file.status(), 200);
        assert!(
            file.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/calendar")
        );
        let text = file.text().await.unwrap();
        assert!(
            text.contains("SUMMARY:Autumn fishbowl") && text.contains("DTSTART:20261201T170000Z"),
            "{text}"
        );
        let teacher = app.sign_in("teacher@demo.example").await;
        assert_eq!(
            teacher
                .get(&format!("/events/{event}/calendar.ics"))
                .await
                .status(),
            403
        );

        let (_, profile) = ana.page("/profile").await;
        assert!(!profile.contains("/calendar/"));
        let made = ana.post("/profile/calendar", &[]).await;
        assert_eq!(made.status(), 200);
        let page = made.text().await.unwrap();
        let start = page.find("/calendar/").unwrap();
        let path = page[start..page[start..].find('"').unwrap() + start].to_owned();
        // The feed needs no session: a calendar app fetches it.
        let feed = reqwest::get(app.url(&path)).await.unwrap();
        assert_eq!(feed.status(), 200);
        let body = feed.text().await.unwrap();
        assert!(body.contains("Autumn fishbowl"));
        assert!(body.matches("BEGIN:VEVENT").count() >= 1);
        ana.post("/profile/calendar", &[]).await;
        assert_eq!(
            reqwest::get(app.url(&path)).await.unwrap().status(),
            404,
            "a renewed feed ends the old address"
        );
    }
);

both!(
    run_sheets_are_copied_reordered_edited_and_used,
    |app: TestApp| async move {
        let host = app.sign_in("facilitator@demo.example").await;
        let copied = host
            .post("/run-sheets/copy", &[("source", "builtin:0")])
            .await;
        assert_eq!(copied.status(), 303);
        let path = location(&copied);
        let path = path.split('?').next().unwrap().to_owned();
        let (_, page) = host.page(&path).await;
        assert!(page.contains("Fishbowl dialogue (copy)"));
        // The form as the browser sends it: name, then each step's fields.
        let sheet = hearth_domain::live::RunSheet::fishbowl();
        let mut fields: Vec<(String, String)> = vec![("name".into(), "Short fishbowl".into())];
        for (i, step) in sheet.steps.iter().enumerate().take(3) {
            fields.push((format!("step-{i}-kind"), step.kind.key().into()));
            fields.push((format!("step-{i}-title"), step.title.clone()));
            fields.push((format!("step-{i}-instructions"), step.instructions.clone()));
            fields.push((format!("step-{i}-minutes"), step.minutes.to_string()));
            fields.push((format!("step-{i}-prompts"), step.prompts.join("\n")));
            fields.push((format!("step-{i}-speakers"), "0".into()));
            fields.push((format!("step-{i}-video"), String::new()));
        }
        let send = |extra: (&'static str, &'static str)| {
            let mut all: Vec<(&str, &str)> = fields
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            all.push(extra);
            all
        };
        // Moving a step only changes the form until Save.
        let moved = host.post(&path, &send(("action", "up-1"))).await;
        assert_eq!(moved.status(), 200);
        let moved_page = moved.text().await.unwrap();
        assert!(
            moved_page.find("Peer video").unwrap() < moved_page.find("value=\"Welcome\"").unwrap()
        );
        let id: uuid::Uuid = path.trim_start_matches("/run-sheets/").parse().unwrap();
        assert_eq!(
            app.store
                .run_sheets()
                .get(id)
                .await
                .unwrap()
                .sheet
                .steps
                .len(),
            8,
            "not saved yet"
        );
        // A step of zero minutes is refused with a message, and nothing is saved.
        let mut broken = send(("action", "save"));
        for field in broken.iter_mut() {
            if field.0 == "step-0-minutes" {
                field.1 = "0";
            }
        }
        let refused = host.post(&path, &broken).await;
        assert_eq!(refused.status(), 422);
        let saved = host.post(&path, &send(("action", "save"))).await;
        assert_eq!(saved.status(), 303);
        let stored = app.store.run_sheets().get(id).await.unwrap().sheet;
        assert_eq!(
            (stored.name.as_str(), stored.steps.len()),
            ("Short fishbowl", 3)
        );
        // Scheduling can use it.
        let event = schedule(
            &host,
            &app,
            "Short one",
            "2026-12-02",
            "17:00",
            &id.to_string(),
        )
        .await;
        assert_eq!(
            app.store
                .events()
                .get(event)
                .await
                .unwrap()
                .run_sheet
                .steps
                .len(),
            3
        );
        // Participants may not touch the library.
        let participant = app.sign_in("participant@demo.example").await;
        assert_eq!(participant.get("/run-sheets").await.status(), 403);
        assert_eq!(
            participant
                .post("/run-sheets/copy", &[("source", "builtin:0")])
                .await
                .status(),
            403
        );
    }
);

both!(
    a_poll_counts_one_vote_each_and_keeps_who_voted_private,
    |app: TestApp| async move {
        fishbowl(&app).await; // saves the groups
        let host_visitor = app.sign_in("facilitator@demo.example").await;
        let event = schedule(
            &host_visitor,
            &app,
            "Workshop",
            "2026-12-03",
            "10:00",
            "builtin:1",
        )
        .await;
        let mut host = Live::connect(&host_visitor, event, 0).await.unwrap();
        host.until("hello").await;
        let (_, mut ana) = joined(&app, "participant@demo.example", event).await;
        let (_, mut noah) = joined(&app, "noah@demo.example", event).await;
        host.send(json!({"type": "start"})).await;
        for _ in 0..3 {
            host.send(json!({"type": "next"})).await;
        }
        while ana.until("step-started").await.last().unwrap()["change"]["step"] != 3 {}
        ana.send(json!({"type": "vote", "option": 1})).await;
        let counted = noah.until("poll-counted").await;
        assert_eq!(
            counted.last().unwrap()["change"]["counts"],
            json!([0, 1, 0])
        );
        assert!(
            counted.iter().all(|f| kind(f) != "voted"),
            "nobody else learns who voted what"
        );
        assert_eq!(kind(ana.until("voted").await.last().unwrap()), "voted");
        ana.send(json!({"type": "vote", "option": 2})).await;
        assert!(
            ana.until("error").await.last().unwrap()["message"]
                .as_str()
                .unwrap()
                .contains("already voted")
        );
    }
);

both!(
    the_peer_video_library_serves_its_videos_to_people_signed_in,
    |app: TestApp| async move {
        let host = app.sign_in("facilitator@demo.example").await;
        let video = vec![0u8, 0, 0, 24, b'f', b't', b'y', b'p', 1, 2, 3, 4];
        let form = |kind: &str| {
            reqwest::multipart::Form::new()
                .text("csrf", host.csrf.clone())
                .text("title", "Listening without fixing")
                .text("tag", "empathic-listening")
                .part(
                    "file",
                    reqwest::multipart::Part::bytes(video.clone())
                        .file_name("listening.mp4")
                        .mime_str(kind)
                        .unwrap(),
                )
        };
        let wrong = host
            .post_multipart("/videos/upload", form("text/plain"))
            .await;
        assert_eq!(wrong.status(), 422, "only video files");
        let uploaded = host
            .post_multipart("/videos/upload", form("video/mp4"))
            .await;
        assert_eq!(uploaded.status(), 303);
        let library = app.store.videos().list().await.unwrap();
        assert_eq!(library.len(), 1);
        assert_eq!(library[0].tags, vec!["empathic-listening".to_owned()]);
        let source = library[0].source().unwrap();
        let participant = app.sign_in("participant@demo.example").await;
        let served = participant.get(&source).await;
        assert_eq!(served.status(), 200);
        assert_eq!(served.headers()["content-type"], "video/mp4");
        assert_eq!(served.bytes().await.unwrap().to_vec(), video);
        assert_eq!(
            app.visitor().await.get(&source).await.status(),
            303,
            "signed out: sign in first"
        );
        // A participant may watch but not add; links must be web addresses.
        let form = reqwest::multipart::Form::new()
            .text("csrf", participant.csrf.clone())
            .text("title", "x");
        assert_eq!(
            participant
                .post_multipart("/videos/upload", form)
                .await
                .status(),
            403
        );
        let bad_link = host
            .post(
                "/videos/link",
                &[("title", "Odd"), ("url", "javascript:alert(1)")],
            )
            .await;
        assert_eq!(bad_link.status(), 422);
        let link = host
            .post(
                "/videos/link",
                &[
                    ("title", "On the web"),
                    ("tag", "self-awareness"),
                    ("url", "https://video.example/peer"),
                ],
            )
            .await;
        assert_eq!(link.status(), 303);
        // Files that are not library videos are never served.
        let other = app
            .store
            .files()
            .put(hearth_store::NewFile {
                name: "private.txt",
                content_type: "text/plain",
                bytes: b"secret",
                uploaded_by: None,
            })
            .await
            .unwrap();
        assert_eq!(
            participant.get(&format!("/files/{other}")).await.status(),
            404
        );
    }
);

both!(
    people_who_come_into_the_room_count_in_the_reports,
    |app: TestApp| async move {
        let event = fishbowl(&app).await;
        let host_visitor = app.sign_in("facilitator@demo.example").await;
        let mut host = Live::connect(&host_visitor, event, 0).await.unwrap();
        host.until("hello").await;
        let (_, _ana) = joined(&app, "participant@demo.example", event).await;
        let (noah_visitor, noah) = joined(&app, "noah@demo.example", event).await;
        // Coming back after a dropped line counts once.
        drop(noah);
        let mut again = Live::connect(&noah_visitor, event, 0).await.unwrap();
        again.until("hello").await;
        let filter = hearth_store::ReportFilter {
            kind: Some("dialogue-event".into()),
            ..Default::default()
        };
        let mut people = 0;
        for _ in 0..100 {
            let report = app.store.reports().events(&filter).await.unwrap();
            if let Some(held) = report.events.iter().find(|e| e.title == "Autumn fishbowl") {
                people = held.people;
                if people == 2 {
                    break;
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        // The two participants; the facilitator hosts and is not counted.
        assert_eq!(people, 2);
        let report = app
            .store
            .reports()
            .activity(&filter, &[hearth_store::Dimension::Kind])
            .await
            .unwrap();
        assert_eq!(report.total.activities, 1);
        assert_eq!(report.total.people, hearth_store::Count::Shown(2));
        assert_eq!(report.total.attendances, hearth_store::Count::Shown(2));
    }
);

both!(
    a_support_groups_online_meeting_runs_in_the_live_room,
    |app: TestApp| async move {
        let here = crate::support_groups::group_named(&app, "I'm here").await;
        let teuta = app.sign_in("teacher@demo.example").await;
        // An online meeting, planned from the monthly template.
        let made = teuta
            .post(
                &format!("/support-groups/{here}/meetings/new"),
                &[
                    ("title", "Online catch-up"),
                    ("date", "2031-03-11"),
                    ("time", "17:00"),
                    ("place", ""),
                    ("online", "on"),
                    ("agenda", "template"),
                    ("repeat", "once"),
                ],
            )
            .await;
        assert_eq!(made.status(), 303, "the meeting is planned");
        let meeting_path = location(&made);
        let meeting_path = meeting_path.split('?').next().unwrap().to_owned();
        let meeting: uuid::Uuid = meeting_path.rsplit('/').next().unwrap().parse().unwrap();

        // Before a host opens it, members are told to come back later.
        let blerim = app.sign_in("blerim@demo.example").await;
        let (_, page) = blerim.page(&meeting_path).await;
        assert!(page.contains("id=\"online-heading\""));
        assert!(!page.contains("/events/"), "no room to join yet");
        // Only the group's facilitators open the room.
        let refused = blerim.post(&format!("{meeting_path}/live"), &[]).await;
        assert_eq!(refused.status(), 403);

        let opened = teuta.post(&format!("{meeting_path}/live"), &[]).await;
        assert_eq!(opened.status(), 303);
        let room = location(&opened);
        let event: EventId = room
            .trim_start_matches("/events/")
            .trim_end_matches("/live")
            .parse()
            .unwrap();
        // Opening it again (a co-facilitator, a second click) is the same room.
        let arta = app.sign_in("arta@demo.example").await;
        let again = arta.post(&format!("{meeting_path}/live"), &[]).await;
        assert_eq!(location(&again), room);

        // The agenda became the run sheet, in order.
        let stored = app.store.events().get(event).await.unwrap();
        let titles: Vec<&str> = stored
            .run_sheet
            .steps
            .iter()
            .map(|s| s.title.as_str())
            .collect();
        assert_eq!(titles.len(), 4);
        assert_eq!(stored.audience_name, "I'm here");

        // A member is offered the room, accepts the group's ground rules and joins.
        let (_, page) = blerim.page(&meeting_path).await;
        assert!(page.contains(&format!("/events/{event}")));
        let (status, page) = blerim.page(&format!("/events/{event}")).await;
        assert_eq!(status, 200);
        assert!(page.contains("I&#39;m here"), "the audience is named");
        let (_, home) = blerim.page("/").await;
        assert!(
            home.contains("Online catch-up"),
            "on the member's home page"
        );
        let (_, mut blerim_live) = joined(&app, "blerim@demo.example", event).await;

        let mut host = Live::connect(&teuta, event, 0).await.unwrap();
        let hello = host.until("hello").await;
        assert_eq!(hello.last().unwrap()["me"]["facilitator"], true);
        host.send(json!({"type": "start"})).await;
        let started = blerim_live.until("step-started").await;
        assert_eq!(started.last().unwrap()["change"]["step"], 0);
        blerim_live
            .send(json!({"type": "chat", "text": "Hello from my classroom"}))
            .await;
        let seen = host.until("chat-posted").await;
        assert_eq!(
            seen.last().unwrap()["change"]["text"],
            "Hello from my classroom"
        );
        // A member may not drive the meeting.
        blerim_live.send(json!({"type": "next"})).await;
        blerim_live.until("error").await;

        // Coming to the room counts as coming to the meeting.
        let activity = app
            .store
            .support_group_meetings()
            .get(here, meeting)
            .await
            .unwrap()
            .activity_id
            .unwrap();
        // It is written aside so the room never waits on it: give it a moment
        // on a busy machine.
        let blerim_id = user(&app, "blerim@demo.example").await;
        let mut marks = Default::default();
        for _ in 0..100 {
            marks = app
                .store
                .support_group_meetings()
                .attendance(activity)
                .await
                .unwrap();
            if marks.contains_key(&blerim_id) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert!(marks.contains_key(&blerim_id), "{marks:?}");

        // Someone outside the group gets nothing of it.
        let outsider = app.sign_in("participant@demo.example").await;
        let (status, _) = outsider.page(&format!("/events/{event}")).await;
        assert_eq!(status, 403);
        assert_eq!(Live::connect(&outsider, event, 0).await.err(), Some(403));
        // A member of another group neither.
        let kaltrina = app.sign_in("kaltrina@demo.example").await;
        assert_eq!(Live::connect(&kaltrina, event, 0).await.err(), Some(403));

        // A meeting held only in person has no live room.
        let in_person = teuta
            .post(
                &format!("/support-groups/{here}/meetings/new"),
                &[
                    ("title", "In the staff room"),
                    ("date", "2031-04-08"),
                    ("time", "14:00"),
                    ("place", "Staff room"),
                    ("agenda", "template"),
                    ("repeat", "once"),
                ],
            )
            .await;
        let in_person = location(&in_person);
        let in_person = in_person.split('?').next().unwrap();
        let refused = teuta.post(&format!("{in_person}/live"), &[]).await;
        assert_eq!(refused.status(), 422);
    }
);

both!(
    a_call_marked_urgent_reaches_the_on_call_supervisor_and_no_one_else,
    |app: TestApp| async move {
        let event = fishbowl(&app).await;
        let site = match app.store.events().get(event).await.unwrap().scope() {
            hearth_domain::Scope::Cohort { site, .. } => site,
            other => panic!("a cohort event, not {other:?}"),
        };
        let supervisor = user(&app, "supervisor@demo.example").await;
        app.store
            .support()
            .save_site_settings(
                site,
                Some(supervisor),
                "Stay with them\nCall the on-call supervisor",
                None,
            )
            .await
            .unwrap();
        let (host_visitor, mut host) =
            joined_as_host(&app, "facilitator@demo.example", event).await;
        let (_, mut ana) = joined(&app, "participant@demo.example", event).await;
        let (_, mut noah) = joined(&app, "noah@demo.example", event).await;
        let ana_id = user(&app, "participant@demo.example").await;
        host.send(json!({"type": "start"})).await;
        ana.until("step-started").await;
        noah.until("step-started").await;

        // Nobody may escalate what was never asked, and a participant never may.
        host.send(json!({"type": "mark-urgent", "user": ana_id.to_string()}))
            .await;
        host.until("error").await;
        ana.send(json!({"type": "need-support", "note": "I am not OK"}))
            .await;
        host.until("support-requested").await;
        noah.send(json!({"type": "mark-urgent", "user": ana_id.to_string()}))
            .await;
        noah.until("error").await;

        host.send(json!({"type": "mark-urgent", "user": ana_id.to_string()}))
            .await;
        let seen = host.until("support-escalated").await;
        assert_eq!(
            seen.last().unwrap()["change"]["name"],
            "Parveen Participant"
        );
        // The hosts' alone: not the person, not the others.
        for live in [&mut ana, &mut noah] {
            assert!(
                live.drain()
                    .await
                    .iter()
                    .all(|f| kind(f) != "support-escalated")
            );
        }
        // The on-call supervisor is told at once, in the app and by email.
        let mut told = Vec::new();
        for _ in 0..50 {
            told = app
                .store
                .notifications()
                .list(supervisor, 10)
                .await
                .unwrap();
            if !told.is_empty() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert_eq!(told.len(), 1, "one notice for the on-call supervisor");
        assert!(told[0].body.contains("Parveen Participant"));
        assert!(
            !told[0].body.contains("I am not OK"),
            "what was said stays in the room"
        );
        // The console carries the site's checklist for the hosts only.
        let (_, page) = host_visitor.page(&format!("/events/{event}/live")).await;
        assert!(page.contains("Call the on-call supervisor"));
        let ana_visitor = app.sign_in("participant@demo.example").await;
        let (_, page) = ana_visitor.page(&format!("/events/{event}/live")).await;
        assert!(!page.contains("Call the on-call supervisor"));
        // A second mark changes nothing.
        host.send(json!({"type": "mark-urgent", "user": ana_id.to_string()}))
            .await;
        host.until("error").await;
    }
);

both!(
    an_event_cancelled_while_people_wait_never_starts,
    |app: TestApp| async move {
        let event = fishbowl(&app).await;
        let host_visitor = app.sign_in("facilitator@demo.example").await;
        let mut host = Live::connect(&host_visitor, event, 0).await.unwrap();
        host.until("hello").await;
        let (_, mut ana) = joined(&app, "participant@demo.example", event).await;
        let cancelled = host_visitor
            .post(&format!("/events/{event}/cancel"), &[("note", "")])
            .await;
        assert_eq!(cancelled.status(), 303);
        // The tabs still open in the waiting room cannot start it.
        host.send(json!({"type": "start"})).await;
        let refused = host.until("error").await;
        assert!(
            last_of(&refused, "error")["message"]
                .as_str()
                .unwrap()
                .contains("cancelled")
        );
        assert!(
            !ana.drain().await.iter().any(|f| kind(f) == "step-started"),
            "nothing started"
        );
        let (changes, _) = app.store.events().all_changes(event).await.unwrap();
        assert!(changes.is_empty(), "nothing was written to the room's log");
    }
);
