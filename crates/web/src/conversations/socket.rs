//! One WebSocket per open page of a conversation, `...?after=N`: a hello,
//! every message changed after N (exactly what the page missed), then each
//! change as it is stored. Commands come back as JSON; a refused one gets
//! an error frame and changes nothing.

use super::access::{Who, standing};
use super::hub::{ConversationHub, MessageView, Out, encode};
use super::ops::{self, Command, Outcome};
use crate::i18n::Tr;
use crate::state::AppState;
use axum::extract::ws::{Message as WsMessage, Utf8Bytes, WebSocket, WebSocketUpgrade};
use axum::response::Response;
use futures_util::stream::SplitSink;
use futures_util::{SinkExt, StreamExt};
use hearth_domain::conversations::Standing;
use hearth_store::{Message, TextConversation};
use serde::Serialize;
use std::sync::Arc;
use tokio::sync::broadcast::Receiver;
use tokio::sync::broadcast::error::RecvError;

/// Commands are small; anything bigger is refused before it is read.
const MAX_FRAME_BYTES: usize = 16 * 1024;
/// Small buffers, as the live room's: many pages may be open at once.
const BUFFER_BYTES: usize = 4 * 1024;

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
enum ServerFrame<'a> {
    Hello {
        seq: i64,
        me: Me<'a>,
    },
    Error {
        message: String,
    },
    Notice {
        message: String,
    },
    History {
        messages: Vec<MessageView<'a>>,
        more: bool,
    },
}

#[derive(Serialize)]
struct Me<'a> {
    /// The person's id; `null` for a visitor.
    id: Option<String>,
    name: &'a str,
    moderator: bool,
}

fn text<T: Serialize>(frame: &T) -> WsMessage {
    WsMessage::Text(serde_json::to_string(frame).unwrap_or_default().into())
}

/// Upgrades a request already allowed to read the conversation.
pub fn upgrade(
    upgrade: WebSocketUpgrade,
    state: AppState,
    conversation: TextConversation,
    who: Who,
    tr: Tr,
    moderator: bool,
    after: i64,
) -> Response {
    upgrade
        .read_buffer_size(BUFFER_BYTES)
        .write_buffer_size(BUFFER_BYTES)
        .max_message_size(MAX_FRAME_BYTES)
        .max_frame_size(MAX_FRAME_BYTES)
        .on_upgrade(move |socket| async move {
            let id = conversation.id;
            let joined = state
                .conversation_hubs
                .join(&state.store, id, state.instance)
                .await;
            match joined {
                Ok((hub, feed, seq)) => {
                    let connection = Connection {
                        state: state.clone(),
                        hub,
                        conversation,
                        who,
                        tr,
                        moderator,
                    };
                    if let Err(error) = Box::pin(connection.serve(socket, feed, seq, after)).await {
                        tracing::debug!(%error, "conversation socket closed");
                    }
                }
                Err(error) => tracing::error!(%error, "could not open a conversation"),
            }
            // The feed is gone by now: the hub may go too if it was the last.
            state.conversation_hubs.release(id);
        })
}

type Sink = SplitSink<WebSocket, WsMessage>;

struct Connection {
    state: AppState,
    hub: Arc<ConversationHub>,
    conversation: TextConversation,
    who: Who,
    tr: Tr,
    moderator: bool,
}

/// Counts someone as present while their page is open, however it closes.
struct Present(Arc<ConversationHub>, Option<hearth_domain::UserId>);

impl Drop for Present {
    fn drop(&mut self) {
        if let Some(user) = self.1 {
            self.0.leave(user);
        }
    }
}

impl Connection {
    async fn serve(
        mut self,
        socket: WebSocket,
        mut feed: Receiver<Out>,
        seq: i64,
        after: i64,
    ) -> Result<(), axum::Error> {
        let (mut sink, mut stream) = socket.split();
        if let Some(user) = self.who.user() {
            self.hub.arrive(user);
        }
        let _present = Present(self.hub.clone(), self.who.user());
        let me = ServerFrame::Hello {
            seq,
            me: Me {
                id: self.who.user().map(|u| u.0.to_string()),
                name: self.who.name(),
                moderator: self.moderator,
            },
        };
        sink.send(text(&me)).await?;
        let mut last = self.send_missed(&mut sink, after.max(0), seq).await?;
        last = last.max(seq);
        loop {
            tokio::select! {
                heard = feed.recv() => match heard {
                    Ok(out) => {
                        if out.seq > last {
                            last = out.seq;
                            sink.send(WsMessage::Text(out.frame(self.moderator))).await?;
                        }
                    }
                    // Fallen behind: read what was missed from the stored messages.
                    Err(RecvError::Lagged(_)) => {
                        let upto = self.hub.last_seq();
                        last = self.send_missed(&mut sink, last, upto).await?.max(last);
                    }
                    Err(RecvError::Closed) => break,
                },
                incoming = stream.next() => match incoming {
                    Some(Ok(WsMessage::Text(body))) => {
                        if let Some(reply) = Box::pin(self.command(&body)).await {
                            sink.send(reply).await?;
                        }
                    }
                    Some(Ok(WsMessage::Close(_))) | None | Some(Err(_)) => break,
                    Some(Ok(_)) => {}
                },
            }
        }
        Ok(())
    }

    /// Sends every message changed after `after` up to `upto`; returns the
    /// last number sent.
    async fn send_missed(
        &self,
        sink: &mut Sink,
        after: i64,
        upto: i64,
    ) -> Result<i64, axum::Error> {
        if after >= upto {
            return Ok(after);
        }
        match self
            .state
            .store
            .conversations()
            .changed_after(self.conversation.id, after, upto)
            .await
        {
            Ok(messages) => {
                let mut last = after;
                for message in &messages {
                    last = last.max(message.seq);
                    sink.feed(WsMessage::Text(encode(message, self.moderator)))
                        .await?;
                }
                sink.flush().await?;
                Ok(last)
            }
            Err(error) => {
                tracing::error!(%error, "could not read a conversation's messages");
                Ok(after)
            }
        }
    }

    /// Runs one command; returns the frame for its sender, if any.
    async fn command(&mut self, body: &Utf8Bytes) -> Option<WsMessage> {
        let Ok(command) = serde_json::from_str::<Command>(body) else {
            return Some(text(&ServerFrame::Error {
                message: self.tr.t("conversation-refused-unreadable"),
            }));
        };
        let done = ops::run(
            &self.state,
            &self.hub,
            &self.conversation,
            &self.who,
            &self.tr,
            command,
        )
        .await;
        match done {
            Ok(Outcome::Done) => None,
            Ok(Outcome::Notice(message)) => Some(text(&ServerFrame::Notice { message })),
            Ok(Outcome::History(messages, more)) => Some(self.history(&messages, more)),
            Err(key) => Some(text(&ServerFrame::Error {
                message: self.tr.t(key),
            })),
        }
    }

    fn history(&self, messages: &[Message], more: bool) -> WsMessage {
        text(&ServerFrame::History {
            messages: messages
                .iter()
                .map(|m| MessageView::of(m, self.moderator))
                .collect(),
            more,
        })
    }
}

/// Whether someone may open the conversation's socket at all, and whether
/// they see it as a moderator.
pub async fn may_open(
    state: &AppState,
    conversation: &TextConversation,
    who: &Who,
) -> crate::error::AppResult<Option<bool>> {
    let standing = standing(state, conversation, who).await?;
    let allowed = hearth_domain::policy::policy(
        &who.actor(),
        hearth_domain::policy::Action::Converse {
            act: hearth_domain::conversations::ConversationAct::Read,
            standing,
        },
        hearth_domain::roles::Scope::Organisation,
    );
    Ok(allowed.then_some(standing == Some(Standing::Moderator)))
}
