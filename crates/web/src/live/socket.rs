//! One WebSocket per browser tab: `GET /events/{id}/live/socket?after=N`.

use super::hub::{Heard, Heeded, Hub, Joined, Rejected, Seat, Watching, encode};
use super::presence::{PlacePresence, PresentPerson};
use crate::context::SignedIn;
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::routes::events::{RoomAccess, room_access};
use crate::state::AppState;
use axum::extract::ws::{Message, Utf8Bytes, WebSocket, WebSocketUpgrade};
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use futures_util::stream::SplitSink;
use futures_util::{SinkExt, StreamExt};
use hearth_domain::EventId;
use hearth_domain::live::{Command, LiveState, Member, Viewer};
use hearth_domain::policy::Actor;
use hearth_domain::roles::Scope;
use hearth_store::now_ms;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Commands are small; anything bigger is refused before it is read.
const MAX_FRAME_BYTES: usize = 16 * 1024;
/// Small buffers: thousands of people may be connected to one server.
const BUFFER_BYTES: usize = 4 * 1024;

#[derive(Deserialize)]
pub struct SocketQuery {
    /// The last sequence number this tab saw; it gets everything after it.
    after: Option<i64>,
}

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
enum ServerFrame<'a> {
    Hello {
        seq: i64,
        now: i64,
        state: &'a LiveState,
        me: Me<'a>,
    },
    Error {
        message: String,
    },
    /// Where this participant sits now, with the group's call.
    Seat {
        group: Option<&'a Seat>,
        video: Option<String>,
    },
    /// Who is present in this participant's group.
    Presence {
        people: &'a [PresentPerson],
    },
    /// Who is present in the whole room, for the hosts.
    RoomPresence {
        places: &'a [PlacePresence],
    },
}

#[derive(Serialize)]
struct Me<'a> {
    user: String,
    name: &'a str,
    facilitator: bool,
    group: Option<uuid::Uuid>,
}

/// What an open connection keeps: only what its commands need, since
/// thousands of them may be open at once.
struct Connection {
    actor: Actor,
    scope: Scope,
    member: Member,
    viewer: Viewer,
    tr: Tr,
}

impl Connection {
    /// Takes what commands need; the rest (the event, the session) is dropped here.
    fn new(me: SignedIn, access: RoomAccess, viewer: Viewer) -> Connection {
        Connection {
            tr: Tr::new(me.ctx.language),
            actor: access.actor,
            scope: access.scope,
            member: access.member,
            viewer,
        }
    }
}

pub async fn socket_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<EventId>,
    Query(query): Query<SocketQuery>,
    headers: HeaderMap,
    upgrade: WebSocketUpgrade,
) -> AppResult<Response> {
    // A page on another site must not open a socket with this person's cookie.
    if !crate::context::same_origin(&headers) {
        return Err(AppError::Forbidden);
    }
    let access = room_access(&state, &me, id).await?;
    if !access.rules_accepted || access.event.cancelled {
        return Err(AppError::Forbidden);
    }
    let hub = state.hubs.get(&state, &access.event).await?;
    let after = query.after.unwrap_or(0).max(0);
    Ok(upgrade
        .read_buffer_size(BUFFER_BYTES)
        .write_buffer_size(BUFFER_BYTES)
        .max_message_size(MAX_FRAME_BYTES)
        .max_frame_size(MAX_FRAME_BYTES)
        .on_upgrade(move |socket| async move {
            if let Err(error) = serve(socket, state, hub, me, access, after).await {
                tracing::debug!(%error, "live socket closed");
            }
        }))
}

type Sink = SplitSink<WebSocket, Message>;

/// Says hello and sends what the tab missed; returns the last number sent.
async fn greet(
    sink: &mut Sink,
    state: &AppState,
    hub: &Hub,
    me: &SignedIn,
    access: &RoomAccess,
    joined: Joined,
    after: i64,
) -> Result<(i64, super::hub::Feed, Watching), axum::Error> {
    let Joined {
        feed,
        state: snapshot,
        seq,
        missed,
        seat,
        mut watching,
    } = joined;
    let hello = ServerFrame::Hello {
        seq,
        now: now_ms(),
        state: &snapshot,
        me: Me {
            user: me.user.person.id.to_string(),
            name: &me.user.person.display_name,
            facilitator: access.facilitator,
            group: if access.facilitator {
                access.group
            } else {
                seat.as_ref().map(|s| s.id)
            },
        },
    };
    sink.send(text(&hello)).await?;
    if !access.facilitator {
        send_seat(sink, state, hub, seat.as_ref()).await?;
    }
    send_presence(sink, hub, &mut watching, None).await?;
    // What this tab missed (or, on first load, the room's history it may see):
    // from memory when the hub still has it all, else from the stored log.
    if after < seq {
        match missed {
            Some(frames) => {
                for frame in frames {
                    sink.feed(Message::Text(frame)).await?;
                }
                sink.flush().await?;
            }
            None => match state
                .store
                .events()
                .log_after(hub.event, after, &access.viewer())
                .await
            {
                Ok(entries) => {
                    for entry in entries.iter().filter(|e| e.seq <= seq) {
                        sink.feed(Message::Text(encode(entry.seq, entry.at, &entry.change)))
                            .await?;
                    }
                    sink.flush().await?;
                }
                Err(error) => tracing::error!(%error, "could not read the event log"),
            },
        }
    }
    Ok((seq, feed, watching))
}

type PresenceWait = std::pin::Pin<Box<dyn std::future::Future<Output = (Watching, Heeded)> + Send>>;

/// Waits for the next change of who is present, owning what it watches.
fn wait_for_presence(mut watching: Watching) -> PresenceWait {
    Box::pin(async move {
        let heeded = watching.changed().await;
        (watching, heeded)
    })
}

/// Tells a participant where they sit, with their group's call if there is one.
async fn send_seat(
    sink: &mut Sink,
    state: &AppState,
    hub: &Hub,
    seat: Option<&Seat>,
) -> Result<(), axum::Error> {
    let video = seat.and_then(|s| {
        state
            .config
            .video_room(&hub.event.to_string(), &s.id.to_string())
    });
    sink.send(text(&ServerFrame::Seat { group: seat, video }))
        .await
}

/// Sends who is present: a group's list as it is (or as `heard`), or the whole room.
async fn send_presence(
    sink: &mut Sink,
    hub: &Hub,
    watching: &mut Watching,
    heard: Option<Heeded>,
) -> Result<(), axum::Error> {
    let heard = match heard {
        Some(heard) => heard,
        None => match watching {
            Watching::Group(_) => match watching.current() {
                Some(list) => Heeded::Group(list),
                None => return Ok(()),
            },
            Watching::Room(..) => Heeded::Room,
            Watching::Nothing => return Ok(()),
        },
    };
    match heard {
        Heeded::Group(people) => {
            sink.send(text(&ServerFrame::Presence { people: &people }))
                .await
        }
        Heeded::Room => {
            let places = hub.presence();
            sink.send(text(&ServerFrame::RoomPresence { places: &places }))
                .await
        }
    }
}

/// Counts a participant as present while their connection lives, and
/// leaves however it ends.
struct Present {
    hub: Arc<Hub>,
    user: Option<hearth_domain::UserId>,
}

impl Drop for Present {
    fn drop(&mut self) {
        if let Some(user) = self.user {
            self.hub.leave(user);
        }
    }
}

async fn serve(
    socket: WebSocket,
    state: AppState,
    hub: Arc<Hub>,
    me: SignedIn,
    mut access: RoomAccess,
    after: i64,
) -> Result<(), axum::Error> {
    // Boxed: joining may store a seat, and a database call's future is
    // large; awaited inline it would stay in every connection's task.
    let joined =
        match Box::pin(hub.join(&state.store, &access.member, &access.viewer(), after)).await {
            Ok(joined) => joined,
            Err(error) => {
                tracing::error!(%error, "could not seat a late arrival");
                return Ok(());
            }
        };
    let _present = Present {
        hub: hub.clone(),
        user: (!access.facilitator).then_some(access.member.user),
    };
    let (mut sink, mut stream) = socket.split();
    // The connection hears the group where the person sits now.
    if !access.facilitator {
        access.group = joined.seat.as_ref().map(|s| s.id);
    }
    let viewer = access.viewer();
    // Boxed: the greeting and commands (with their database calls) take
    // memory only while they run, not for the life of every connection.
    let (mut last, mut feed, watching) =
        Box::pin(greet(&mut sink, &state, &hub, &me, &access, joined, after)).await?;
    // Kept across the loop's turns: a step burst wakes every connection, and
    // waiting anew for presence each time would cost all of them.
    let mut presence = wait_for_presence(watching);
    // From here on only what commands need is kept.
    let mut connection = Connection::new(me, access, viewer);
    loop {
        tokio::select! {
            heard = feed.next() => match heard {
                Heard::Change(outgoing) => {
                    if outgoing.seq > last {
                        last = outgoing.seq;
                        if outgoing.visibility.reaches(&connection.viewer) {
                            sink.send(Message::Text(outgoing.frame)).await?;
                        }
                        // Seated elsewhere: hear the new group from here on.
                        if !connection.viewer.facilitator && outgoing.seated == Some(connection.viewer.user) {
                            let watching;
                            (last, feed, watching) = Box::pin(follow_seat(&mut sink, &state, &hub, &mut connection, last)).await?;
                            presence = wait_for_presence(watching);
                        }
                    }
                }
                // Fallen behind: catch up from memory or the stored log, so nothing is lost.
                Heard::Lagged => {
                    last = Box::pin(catch_up(&mut sink, &state, &hub, &connection.viewer, last)).await?;
                }
                Heard::Closed => break,
            },
            (mut watching, heeded) = &mut presence => {
                Box::pin(send_presence(&mut sink, &hub, &mut watching, Some(heeded))).await?;
                presence = wait_for_presence(watching);
            },
            incoming = stream.next() => match incoming {
                Some(Ok(Message::Text(body))) => {
                    if let Some(message) = Box::pin(command(&state, &hub, &mut connection, &body)).await {
                        sink.send(text(&ServerFrame::Error { message })).await?;
                    }
                }
                Some(Ok(Message::Close(_))) | None | Some(Err(_)) => break,
                Some(Ok(_)) => {}
            },
        }
    }
    Ok(())
}

/// Moves a participant's connection to the group they now sit with: the new
/// group's channel, anything of it after `last`, and where they sit.
async fn follow_seat(
    sink: &mut Sink,
    state: &AppState,
    hub: &Hub,
    connection: &mut Connection,
    last: i64,
) -> Result<(i64, super::hub::Feed, Watching), axum::Error> {
    let Joined {
        feed,
        seq,
        missed,
        seat,
        mut watching,
        ..
    } = hub.follow_seat(&connection.viewer, last).await;
    connection.viewer.group = seat.as_ref().map(|s| s.id);
    connection.member.group = connection.viewer.group;
    let mut reached = last;
    match missed {
        Some(frames) => {
            for frame in frames {
                sink.feed(Message::Text(frame)).await?;
            }
            sink.flush().await?;
            reached = reached.max(seq);
        }
        None => {
            reached = catch_up(sink, state, hub, &connection.viewer, last).await?;
        }
    }
    send_seat(sink, state, hub, seat.as_ref()).await?;
    send_presence(sink, hub, &mut watching, None).await?;
    Ok((reached.max(last), feed, watching))
}

/// Fallen behind: catches up from memory or the stored log, so nothing is
/// lost. Returns the last number sent.
async fn catch_up(
    sink: &mut Sink,
    state: &AppState,
    hub: &Hub,
    viewer: &Viewer,
    mut last: i64,
) -> Result<i64, axum::Error> {
    match hub.missed(last, viewer).await {
        Some((frames, upto)) => {
            for frame in frames {
                sink.feed(Message::Text(frame)).await?;
            }
            sink.flush().await?;
            last = last.max(upto);
        }
        None => match state
            .store
            .events()
            .log_after(hub.event, last, viewer)
            .await
        {
            Ok(entries) => {
                for entry in entries {
                    last = last.max(entry.seq);
                    sink.feed(Message::Text(encode(entry.seq, entry.at, &entry.change)))
                        .await?;
                }
                sink.flush().await?;
            }
            Err(error) => tracing::error!(%error, "could not catch up from the event log"),
        },
    }
    Ok(last)
}

/// Runs one command; returns the message for an error frame if it changed nothing.
async fn command(
    state: &AppState,
    hub: &Hub,
    connection: &mut Connection,
    body: &Utf8Bytes,
) -> Option<String> {
    let tr = &connection.tr;
    let Ok(command) = serde_json::from_str::<Command>(body) else {
        return Some(tr.t("live-refused-unreadable"));
    };
    if !hearth_domain::live::room::may_send(&connection.actor, &command, connection.scope) {
        return Some(tr.t("live-refused-not-allowed"));
    }
    if matches!(command, Command::Start) {
        match fixed_seating(state, hub.event).await {
            Ok(seating) => hub.set_seating(seating).await,
            Err(error) => {
                tracing::error!(%error, "could not fix the event's groups");
                return Some(tr.t("live-refused-failed"));
            }
        }
    }
    let visit = match &command {
        Command::Visit { group } => Some(*group),
        _ => None,
    };
    let urgent = match &command {
        Command::MarkUrgent { user } => hub.state().await.support_calls.get(user).cloned(),
        _ => None,
    };
    match hub.handle(&state.store, &connection.member, command).await {
        Ok(()) => {
            if let Some(group) = visit {
                connection.member.group = group;
            }
            if let Some(asked) = urgent {
                // Stored and shown to the hosts already; telling the on-call
                // supervisor must not hold up the room.
                let state = state.clone();
                let event = hub.event;
                let host = (connection.member.user, connection.member.name.clone());
                tokio::spawn(async move {
                    let told = match state.store.events().get(event).await {
                        Ok(event) => {
                            super::escalation::escalate(&state, &event, &asked, (host.0, &host.1))
                                .await
                        }
                        Err(error) => Err(error),
                    };
                    if let Err(error) = told {
                        tracing::error!(%error, "could not tell the on-call supervisor");
                    }
                });
            }
            None
        }
        Err(Rejected::Refused(refusal)) => Some(tr.t(refusal.0)),
        Err(Rejected::Store(error)) => {
            tracing::error!(%error, "could not store a live change");
            Some(tr.t("live-refused-failed"))
        }
    }
}

/// The groups are fixed as the event starts, and the room seats people by them.
async fn fixed_seating(
    state: &AppState,
    event: EventId,
) -> Result<hearth_domain::live::Seating, hearth_store::StoreError> {
    let event = state.store.events().get(event).await?;
    crate::routes::events::fix_groups(state, &event).await?;
    let event = state.store.events().get(event.id).await?;
    super::seating::load(state, &event).await
}

fn text<T: Serialize>(frame: &T) -> Message {
    Message::Text(serde_json::to_string(frame).unwrap_or_default().into())
}
