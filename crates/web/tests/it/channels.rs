//! Conversations over real WebSockets: a peer support group's channel
//! (ordering, reconnecting with exactly what was missed, refusals, hiding,
//! muting, editing only one's own) and the online drop-in chat at /support
//! (the visitor starts, a peer on shift takes it, messages both ways, the
//! visitor comes back with their token, others are refused).

use crate::both;
use crate::helpers::*;
use futures_util::{SinkExt, StreamExt};
use hearth_domain::UserId;
use hearth_domain::input::Email;
use serde_json::{Value, json};
use std::time::Duration;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

pub(crate) type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// A WebSocket to a conversation (shared with the peer group channel's tests).
pub(crate) struct Chat {
    socket: Socket,
}

impl Chat {
    pub(crate) async fn connect(visitor: &Visitor, path: &str, after: i64) -> Result<Chat, u16> {
        Self::connect_at(visitor.base(), visitor, path, after).await
    }

    /// Connects to a server at `address` (another instance) with the visitor's cookie.
    pub(crate) async fn connect_at(
        address: &str,
        visitor: &Visitor,
        path: &str,
        after: i64,
    ) -> Result<Chat, u16> {
        let url = format!(
            "{}{path}?after={after}",
            address.replace("http://", "ws://")
        );
        let mut request = url.into_client_request().unwrap();
        request
            .headers_mut()
            .insert("cookie", visitor.cookie_header().parse().unwrap());
        match tokio_tungstenite::connect_async(request).await {
            Ok((socket, _)) => Ok(Chat { socket }),
            Err(tokio_tungstenite::tungstenite::Error::Http(response)) => {
                Err(response.status().as_u16())
            }
            Err(other) => panic!("websocket failed: {other}"),
        }
    }

    pub(crate) async fn send(&mut self, command: Value) {
        self.socket
            .send(Message::Text(command.to_string().into()))
            .await
            .unwrap();
    }

    pub(crate) async fn next_within(&mut self, wait: Duration) -> Option<Value> {
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

    /// Frames until one of `kind` arrives (waits generously on a busy machine).
    pub(crate) async fn until(&mut self, kind: &str) -> Value {
        let mut seen = Vec::new();
        while let Some(frame) = self.next_within(Duration::from_secs(10)).await {
            if frame["type"] == kind {
                return frame;
            }
            seen.push(frame);
        }
        panic!("no {kind} frame; saw {seen:?}");
    }

    /// Everything that arrives until the line goes quiet.
    pub(crate) async fn drain(&mut self) -> Vec<Value> {
        let mut seen = Vec::new();
        while let Some(frame) = self.next_within(Duration::from_millis(1200)).await {
            seen.push(frame);
        }
        seen
    }
}

async fn here_channel(app: &TestApp) -> String {
    let group = app
        .store
        .support_groups()
        .directory()
        .await
        .unwrap()
        .into_iter()
        .find(|g| g.group.name == "I'm here")
        .unwrap();
    format!("/support-groups/{}/channel", group.group.id)
}

pub(crate) async fn user_id(app: &TestApp, email: &str) -> UserId {
    app.store
        .people()
        .find_by_email(&Email::parse(email).unwrap())
        .await
        .unwrap()
        .unwrap()
        .id
}

pub(crate) fn bodies(frames: &[Value]) -> Vec<String> {
    frames
        .iter()
        .filter(|f| f["type"] == "message")
        .map(|f| f["message"]["body"].as_str().unwrap().to_owned())
        .collect()
}

both!(
    a_channel_keeps_order_and_a_reconnect_gets_exactly_what_it_missed,
    |app: TestApp| async move {
        let base = here_channel(&app).await;
        let socket = format!("{base}/socket");
        let teuta = app.sign_in("teacher@demo.example").await;
        let blerim = app.sign_in("blerim@demo.example").await;

        // The demo's four messages come first, in order, for a first load.
        let mut first = Chat::connect(&blerim, &socket, 0).await.unwrap();
        let hello = first.until("hello").await;
        assert_eq!(hello["me"]["moderator"], false);
        let history = first.drain().await;
        assert_eq!(bodies(&history).len(), 4);
        let seen = hello["seq"].as_i64().unwrap();

        let mut writer = Chat::connect(&teuta, &socket, seen).await.unwrap();
        writer.until("hello").await;
        for n in 1..=5 {
            writer
                .send(json!({"type": "post", "text": format!("message {n}")}))
                .await;
        }
        let live = first.drain().await;
        assert_eq!(
            bodies(&live),
            (1..=5).map(|n| format!("message {n}")).collect::<Vec<_>>()
        );
        let seqs: Vec<i64> = live.iter().map(|f| f["seq"].as_i64().unwrap()).collect();
        assert!(seqs.windows(2).all(|w| w[1] == w[0] + 1), "{seqs:?}");

        // Blerim saw up to message 3, dropped, and comes back: exactly 4 and 5.
        drop(first);
        let after = seqs[2];
        let mut again = Chat::connect(&blerim, &socket, after).await.unwrap();
        assert_eq!(again.until("hello").await["seq"], seqs[4]);
        assert_eq!(bodies(&again.drain().await), vec!["message 4", "message 5"]);

        // An edit while away arrives once, as it is now, under a new number.
        let edited = live[0]["message"]["id"].as_str().unwrap().to_owned();
        writer
            .send(json!({"type": "edit", "id": edited, "text": "message 1 (edited)"}))
            .await;
        let changed = again.until("message").await;
        assert_eq!(changed["message"]["body"], "message 1 (edited)");
        assert_eq!(changed["message"]["edited"], true);
        assert_eq!(changed["seq"], seqs[4] + 1);

        // The page without JavaScript shows the same, and posts through the same path.
        let posted = blerim.post(&base, &[("text", "from a form")]).await;
        assert_eq!(posted.status(), 303);
        assert_eq!(bodies(&[again.until("message").await]), vec!["from a form"]);
        let (status, page) = blerim.page(&base).await;
        assert_eq!(status, 200);
        assert!(page.contains("from a form") && page.contains("message 1 (edited)"));
        // The ground rules are pinned on top.
        assert!(page.contains("conversation-rules"));
    }
);

both!(
    channels_refuse_outsiders_the_muted_and_other_peoples_words,
    |app: TestApp| async move {
        let base = here_channel(&app).await;
        let socket = format!("{base}/socket");

        // Not a member: no page, no socket, no form.
        for outsider in ["participant@demo.example", "coordinator@demo.example"] {
            let visitor = app.sign_in(outsider).await;
            assert_eq!(visitor.page(&base).await.0, 403, "{outsider}");
            assert_eq!(Chat::connect(&visitor, &socket, 0).await.err(), Some(403));
            assert_eq!(visitor.post(&base, &[("text", "hi")]).await.status(), 403);
        }
        let anonymous = app.visitor().await;
        assert_ne!(Chat::connect(&anonymous, &socket, 0).await.err(), None);

        let teuta = app.sign_in("teacher@demo.example").await;
        let blerim = app.sign_in("blerim@demo.example").await;
        let dafina_id = user_id(&app, "dafina@demo.example").await;
        let dafina = app.sign_in("dafina@demo.example").await;
        let mut host = Chat::connect(&teuta, &socket, 0).await.unwrap();
        assert_eq!(host.until("hello").await["me"]["moderator"], true);
        host.drain().await;
        let mut member = Chat::connect(&blerim, &socket, 0).await.unwrap();
        let seen = member.until("hello").await["seq"].as_i64().unwrap();
        member.drain().await;
        let mut other = Chat::connect(&dafina, &socket, seen).await.unwrap();
        other.until("hello").await;

        // Bad input: an error frame, and nothing stored or sent.
        member.send(json!({"type": "post", "text": "   "})).await;
        assert!(
            member.until("error").await["message"]
                .as_str()
                .unwrap()
                .len()
                > 3
        );
        member.send(json!({"type": "shout"})).await;
        member.until("error").await;
        let last = app
            .store
            .conversations()
            .last_seq(
                app.store
                    .conversations()
                    .group_channel(
                        app.store
                            .support_groups()
                            .directory()
                            .await
                            .unwrap()
                            .into_iter()
                            .find(|g| g.group.name == "I'm here")
                            .unwrap()
                            .group
                            .id,
                    )
                    .await
                    .unwrap()
                    .id,
            )
            .await
            .unwrap();
        assert_eq!(last, seen);

        // Someone else's words are neither edited nor deleted, not even by a facilitator.
        member
            .send(json!({"type": "post", "text": "Blerim's own words"}))
            .await;
        let mine = member.until("message").await;
        let id = mine["message"]["id"].as_str().unwrap().to_owned();
        other.until("message").await;
        other
            .send(json!({"type": "edit", "id": id, "text": "changed"}))
            .await;
        other.until("error").await;
        other.send(json!({"type": "delete", "id": id})).await;
        other.until("error").await;
        host.until("message").await;
        host.send(json!({"type": "edit", "id": id, "text": "changed"}))
            .await;
        host.until("error").await;
        // Members cannot hide or mute.
        other.send(json!({"type": "hide", "id": id})).await;
        other.until("error").await;
        // The author may delete their own: the words go for everyone.
        member.send(json!({"type": "delete", "id": id})).await;
        member.until("message").await;
        let deleted = other.until("message").await;
        assert_eq!(deleted["message"]["deleted"], true);
        assert_eq!(deleted["message"]["body"], "");

        // A hidden message's words never reach members; the facilitator keeps them.
        other
            .send(json!({"type": "post", "text": "something unkind"}))
            .await;
        let unkind = member.until("message").await;
        let unkind_id = unkind["message"]["id"].as_str().unwrap().to_owned();
        host.until("message").await;
        member
            .send(json!({"type": "report", "id": unkind_id, "reason": "hurtful"}))
            .await;
        member.until("notice").await;
        host.send(json!({"type": "hide", "id": unkind_id})).await;
        let for_member = member.until("message").await;
        assert_eq!(for_member["message"]["hidden"], true);
        assert_eq!(for_member["message"]["body"], "");
        let for_host = host.until("message").await;
        assert_eq!(for_host["message"]["body"], "something unkind");
        // Nor on reconnecting, nor on the page.
        let mut later = Chat::connect(&blerim, &socket, seen).await.unwrap();
        later.until("hello").await;
        let replay = later.drain().await;
        assert!(!Value::from(replay).to_string().contains("something unkind"));
        assert!(!blerim.page(&base).await.1.contains("something unkind"));
        assert!(teuta.page(&base).await.1.contains("something unkind"));
        // The facilitator was told of the report, in the app.
        let teuta_id = user_id(&app, "teacher@demo.example").await;
        let notes = app.store.notifications().list(teuta_id, 10).await.unwrap();
        assert!(
            notes
                .iter()
                .any(|n| n.link.as_deref() == Some(base.as_str()))
        );

        // A muted member reads but cannot write until the mute ends.
        host.send(json!({"type": "mute", "user": dafina_id.0, "minutes": 60}))
            .await;
        host.until("notice").await;
        other
            .send(json!({"type": "post", "text": "let me speak"}))
            .await;
        other.until("error").await;
        assert!(
            !Value::from(member.drain().await)
                .to_string()
                .contains("let me speak")
        );
        assert_eq!(dafina.page(&base).await.0, 200);
        // Facilitators are never muted.
        let teuta_mute = json!({"type": "mute", "user": teuta_id.0, "minutes": 5});
        host.send(teuta_mute).await;
        host.until("error").await;
    }
);

both!(
    mentions_email_members_who_are_away_as_they_chose,
    |app: TestApp| async move {
        let base = here_channel(&app).await;
        let teuta = app.sign_in("teacher@demo.example").await;
        let hana = app.sign_in("hana@demo.example").await;
        // Hana wants only a daily digest; Blerim keeps "mentions only".
        let saved = hana
            .post(&format!("{base}/settings"), &[("notify", "digest")])
            .await;
        assert_eq!(saved.status(), 303);
        let refused = hana
            .post(&format!("{base}/settings"), &[("notify", "loud")])
            .await;
        assert!(location(&refused).contains("refused="));
        let posted = teuta
            .post(&base, &[("text", "@Blerim and @Hana, see you Tuesday")])
            .await;
        assert_eq!(posted.status(), 303);
        let mut mails = Vec::new();
        for _ in 0..30 {
            mails = app.outbox().await;
            if !mails.is_empty() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        let to_blerim: Vec<_> = mails
            .iter()
            .filter(|m| m.contains("To: blerim@demo.example"))
            .collect();
        assert_eq!(to_blerim.len(), 1, "{mails:?}");
        assert!(to_blerim[0].contains(&base));
        // The words stay in Hearth.
        assert!(!to_blerim[0].contains("see you Tuesday"));
        assert!(!mails.iter().any(|m| m.contains("To: hana@demo.example")));
        // The digest is queued for a day from now.
        assert!(app.store.jobs().pending().await.unwrap() >= 1);
    }
);

both!(
    the_online_drop_in_waits_in_the_queue_and_a_peer_on_shift_takes_it,
    |app: TestApp| async move {
        let centre = app
            .store
            .support()
            .locations()
            .await
            .unwrap()
            .into_iter()
            .find(|l| l.name == "Student Centre")
            .unwrap();
        // The demo has Pat on an online shift now: the page offers the chat.
        let sky = app.visitor().await;
        let (status, page) = sky.page("/support").await;
        assert_eq!(status, 200);
        assert!(page.contains("/support/chat/start"));
        // A nickname is needed; nothing else is kept even when sent.
        let refused = sky
            .post(
                "/support/chat/start",
                &[("nickname", " "), ("location", &centre.id.to_string())],
            )
            .await;
        assert_eq!(refused.status(), 422);
        let started = sky
            .post(
                "/support/chat/start",
                &[
                    ("nickname", "Sky"),
                    ("location", &centre.id.to_string()),
                    ("email", "sky@example.org"),
                ],
            )
            .await;
        assert_eq!(started.status(), 303);
        assert!(sky.cookie_header().contains("hearth_chat="));
        let waiting = app.store.support().waiting(centre.id).await.unwrap();
        let entry = waiting.iter().find(|e| e.name == "Sky").unwrap().clone();
        assert_eq!(entry.source, "online-chat");

        let mut visitor = Chat::connect(&sky, "/support/chat/socket", 0)
            .await
            .unwrap();
        visitor.until("hello").await;
        visitor
            .send(json!({"type": "post", "text": "Hi, exams are too much"}))
            .await;
        visitor.until("message").await;

        // Someone else's browser, and a peer not on shift, are refused.
        let stranger = app.visitor().await;
        assert_eq!(
            Chat::connect(&stranger, "/support/chat/socket", 0)
                .await
                .err(),
            Some(403)
        );
        let chat_path = format!("/one-to-one/chats/{}", entry.id);
        // Kai works at the campus but is on no shift.
        let (_, kai) = crate::support::second_peer(&app).await;
        assert_eq!(kai.page(&chat_path).await.0, 403);
        assert_eq!(
            kai.post(&format!("{chat_path}/take"), &[]).await.status(),
            403
        );
        assert_eq!(
            Chat::connect(&kai, &format!("{chat_path}/socket"), 0)
                .await
                .err(),
            Some(403)
        );
        // "Take next" by a peer off shift leaves the online chat waiting.
        let next = kai
            .post(
                &format!("/one-to-one/locations/{}/take-next", centre.id),
                &[],
            )
            .await;
        assert!(
            location(&next).contains("queue-empty"),
            "{}",
            location(&next)
        );
        // The peer on shift sees only that a chat waits, not its words, until they take it.
        let pat = app.sign_in("peer@demo.example").await;
        let (status, before) = pat.page(&chat_path).await;
        assert_eq!(status, 200);
        assert!(!before.contains("exams are too much"));
        let taken = pat.post(&format!("{chat_path}/take"), &[]).await;
        assert_eq!(taken.status(), 303);
        let joined = visitor.until("message").await;
        assert_eq!(joined["message"]["author"]["kind"], "system");
        assert_eq!(joined["message"]["body"], "joined");
        // A second take is refused.
        assert!(location(&pat.post(&format!("{chat_path}/take"), &[]).await).contains("refused"));

        // Messages both ways.
        let mut peer = Chat::connect(&pat, &format!("{chat_path}/socket"), 0)
            .await
            .unwrap();
        peer.until("hello").await;
        let history = peer.drain().await;
        assert!(
            Value::from(history)
                .to_string()
                .contains("exams are too much")
        );
        peer.send(json!({"type": "post", "text": "I'm here. What's on your mind?"}))
            .await;
        assert_eq!(
            visitor.until("message").await["message"]["body"],
            "I'm here. What's on your mind?"
        );
        let seen = visitor.drain().await;
        drop(visitor);
        peer.send(json!({"type": "post", "text": "Take your time."}))
            .await;
        peer.until("message").await;

        // The visitor comes back on the same device: their token opens the chat,
        // and they get what they missed.
        let last = seen
            .iter()
            .filter_map(|f| f["seq"].as_i64())
            .max()
            .unwrap_or(0)
            .max(joined["seq"].as_i64().unwrap() + 1);
        let mut back = Chat::connect(&sky, "/support/chat/socket", last)
            .await
            .unwrap();
        back.until("hello").await;
        assert_eq!(bodies(&back.drain().await), vec!["Take your time."]);
        let (_, page) = sky.page("/support/chat").await;
        assert!(page.contains("Take your time."));
        // A visitor cannot moderate or take.
        back.send(json!({"type": "take"})).await;
        back.until("error").await;

        // Nothing about the visitor is kept but the nickname.
        let people = app
            .store
            .people()
            .find_by_email(&Email::parse("sky@example.org").unwrap())
            .await
            .unwrap();
        assert!(people.is_none());

        // Ending the chat clears the device and stops further messages.
        let ended = sky.post("/support/chat/end", &[]).await;
        assert_eq!(ended.status(), 303);
        assert_eq!(location(&sky.get("/support/chat").await), "/support");
        peer.until("message").await;
        peer.send(json!({"type": "post", "text": "still there?"}))
            .await;
        peer.until("error").await;
    }
);

both!(
    a_daily_digest_says_who_wrote_and_comes_again_the_next_day,
    |app: TestApp| async move {
        let base = here_channel(&app).await;
        let hana = app.sign_in("hana@demo.example").await;
        let chose = hana
            .post(&format!("{base}/settings"), &[("notify", "digest")])
            .await;
        assert_eq!(chose.status(), 303);
        let teuta = app.sign_in("teacher@demo.example").await;
        teuta
            .post(&base, &[("text", "The minutes are in the folder")])
            .await;
        let group = app
            .store
            .support_groups()
            .directory()
            .await
            .unwrap()
            .into_iter()
            .find(|g| g.group.name == "I'm here")
            .unwrap()
            .group
            .id;
        let channel = app
            .store
            .conversations()
            .group_channel(group)
            .await
            .unwrap();
        let hana_id = user_id(&app, "hana@demo.example").await;
        let conversations = app.store.conversations();
        let due = conversations
            .setting(channel.id, hana_id)
            .await
            .unwrap()
            .digest_due
            .expect("a digest is queued");
        assert!(due > hearth_store::now_ms() + 23 * 3_600_000);
        // The queued job, run as the job runner would when it is due.
        let job = json!({"conversation": channel.id, "user": hana_id.0, "due": due});
        hearth_web::conversations::notify::run_digest(&app.state, &job)
            .await
            .unwrap();
        let mut to_hana = Vec::new();
        for _ in 0..10 {
            to_hana = app
                .outbox()
                .await
                .into_iter()
                .filter(|m| m.contains("To: hana@demo.example"))
                .collect();
            if !to_hana.is_empty() {
                break;
            }
        }
        assert_eq!(to_hana.len(), 1);
        assert!(to_hana[0].contains("Teuta"));
        assert!(!to_hana[0].contains("minutes are in the folder"));
        let next = conversations.setting(channel.id, hana_id).await.unwrap();
        assert_eq!(next.digest_due, Some(due + 86_400_000));
        // The same job again (a retry) sends nothing twice.
        hearth_web::conversations::notify::run_digest(&app.state, &job)
            .await
            .unwrap();
        let again = app
            .outbox()
            .await
            .into_iter()
            .filter(|m| m.contains("To: hana@demo.example"))
            .count();
        assert_eq!(again, 1);
    }
);

/// Two servers on one PostgreSQL database: members connected to different
/// instances hear each other, and messages sent on both at once get one
/// number each, in the same order everywhere.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_on_postgres_share_a_channel() {
    let Some(app) = TestApp::spawn(Backend::Postgres).await else {
        eprintln!("HEARTH_TEST_POSTGRES_URL is not set: skipping the two-instance run");
        return;
    };
    let (second, server) = crate::live::second_instance(&app).await;
    let socket = format!("{}/socket", here_channel(&app).await);
    let teuta = app.sign_in("teacher@demo.example").await;
    let blerim = app.sign_in("blerim@demo.example").await;
    let mut first = Chat::connect(&teuta, &socket, 0).await.unwrap();
    let start = first.until("hello").await["seq"].as_i64().unwrap();
    first.drain().await;
    let mut other = Chat::connect_at(&second, &blerim, &socket, start)
        .await
        .unwrap();
    other.until("hello").await;

    first
        .send(json!({"type": "post", "text": "from the first"}))
        .await;
    assert_eq!(
        other.until("message").await["message"]["body"],
        "from the first"
    );
    first.until("message").await;
    other
        .send(json!({"type": "post", "text": "from the second"}))
        .await;
    assert_eq!(
        first.until("message").await["message"]["body"],
        "from the second"
    );
    other.until("message").await;

    for n in 0..5 {
        first
            .send(json!({"type": "post", "text": format!("a{n}")}))
            .await;
        other
            .send(json!({"type": "post", "text": format!("b{n}")}))
            .await;
    }
    let seen = |frames: Vec<Value>| -> Vec<(i64, String)> {
        frames
            .iter()
            .filter(|f| f["type"] == "message")
            .map(|f| {
                (
                    f["seq"].as_i64().unwrap(),
                    f["message"]["body"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    let (mut on_first, mut on_second) = (Vec::new(), Vec::new());
    for _ in 0..10 {
        on_first.extend(seen(first.drain().await));
        on_second.extend(seen(other.drain().await));
        if on_first.len() >= 10 && on_second.len() >= 10 {
            break;
        }
    }
    assert_eq!(on_first, on_second);
    let numbers: Vec<i64> = on_first.iter().map(|(seq, _)| *seq).collect();
    assert_eq!(numbers, (start + 3..start + 13).collect::<Vec<_>>());
    server.abort();
}
