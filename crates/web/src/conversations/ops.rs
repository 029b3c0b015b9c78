//! Every command a conversation takes, from a WebSocket frame or from a
//! form when a page runs without JavaScript: checked against the policy,
//! then applied through the hub. A refused command changes nothing.

use super::access::{Who, standing};
use super::hub::{ConversationHub, Op};
use super::notify;
use crate::i18n::Tr;
use crate::state::AppState;
use hearth_domain::UserId;
use hearth_domain::conversations::{
    ConversationAct, ConversationKind, MessageText, Standing, mentioned, mute_minutes,
};
use hearth_domain::policy::{Action, policy};
use hearth_domain::roles::Scope;
use hearth_store::{Amend, AuthorKind, Message, NewMessage, StoreError, TextConversation, now_ms};
use serde::Deserialize;
use uuid::Uuid;

/// How many messages a page of history holds.
pub const PAGE: i64 = 50;
/// The longest note a report may carry.
const REASON_MAX: usize = 500;

/// What a client may send (`{"type": "post", "text": "..."}`).
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Command {
    Post {
        text: String,
        #[serde(default)]
        reply_to: Option<Uuid>,
    },
    Edit {
        id: Uuid,
        text: String,
    },
    Delete {
        id: Uuid,
    },
    Report {
        id: Uuid,
        #[serde(default)]
        reason: Option<String>,
    },
    Hide {
        id: Uuid,
    },
    Unhide {
        id: Uuid,
    },
    Mute {
        user: Uuid,
        minutes: i64,
    },
    /// The page of history before a message's `posted_seq`.
    Older {
        before: i64,
    },
    Take,
    Close,
}

/// What a command gave back to the one who sent it (everyone else hears
/// of stored changes through the hub).
pub enum Outcome {
    Done,
    Notice(String),
    History(Vec<Message>, bool),
}

/// A refusal: the message's key, for the sender's language.
pub type Refused = &'static str;

fn own(message: &Message, who: &Who) -> bool {
    match (who, message.author_kind) {
        (Who::Person { actor, .. }, AuthorKind::Member) => message.author_id == Some(actor.user),
        (Who::Visitor { .. }, AuthorKind::Visitor) => true,
        _ => false,
    }
}

/// Who belongs to a channel, with their names (a drop-in chat mentions nobody).
pub async fn members(
    state: &AppState,
    conversation: &TextConversation,
) -> Result<Vec<(UserId, String)>, StoreError> {
    match (conversation.kind, conversation.group_id) {
        (ConversationKind::Group, Some(group)) => Ok(state
            .store
            .support_groups()
            .members(group)
            .await?
            .into_iter()
            .map(|m| (m.user_id, m.name))
            .collect()),
        (ConversationKind::Facilitators, _) => {
            state.store.conversations().group_facilitators().await
        }
        (ConversationKind::PeerGroup, _) => match current_peer_group(state, conversation).await? {
            Some(group) => state.store.peer_groups().members_named(group).await,
            None => Ok(Vec::new()),
        },
        _ => Ok(Vec::new()),
    }
}

/// The peer group a peer group's channel belongs to now (it moves when the
/// cohort's groups are saved again).
pub async fn current_peer_group(
    state: &AppState,
    conversation: &TextConversation,
) -> Result<Option<Uuid>, StoreError> {
    Ok(state
        .store
        .conversations()
        .get(conversation.id)
        .await?
        .peer_group_id)
}

fn failed(error: &StoreError) -> Refused {
    tracing::error!(%error, "a conversation command failed");
    "conversation-refused-failed"
}

/// Runs one command for `who`.
pub async fn run(
    state: &AppState,
    hub: &ConversationHub,
    conversation: &TextConversation,
    who: &Who,
    tr: &Tr,
    command: Command,
) -> Result<Outcome, Refused> {
    let store = &state.store;
    let standing = standing(state, conversation, who)
        .await
        .map_err(|_| "conversation-refused-failed")?;
    // The message a command is about, when it is about one.
    let target = match &command {
        Command::Edit { id, .. }
        | Command::Delete { id }
        | Command::Report { id, .. }
        | Command::Hide { id }
        | Command::Unhide { id } => {
            match store.conversations().message(conversation.id, *id).await {
                Ok(message) if message.author_kind != AuthorKind::System => Some(message),
                Ok(_) | Err(StoreError::NotFound) => {
                    return Err("conversation-refused-no-message");
                }
                Err(error) => return Err(failed(&error)),
            }
        }
        _ => None,
    };
    let mine = target.as_ref().is_some_and(|m| own(m, who));
    let act = match &command {
        Command::Post { .. } => ConversationAct::Post,
        Command::Edit { .. } => ConversationAct::Edit { own: mine },
        Command::Delete { .. } => ConversationAct::Delete { own: mine },
        Command::Report { .. } => ConversationAct::Report,
        Command::Hide { .. } | Command::Unhide { .. } => ConversationAct::Hide,
        Command::Mute { .. } => ConversationAct::Mute,
        Command::Older { .. } => ConversationAct::Read,
        Command::Take => ConversationAct::Take,
        Command::Close => ConversationAct::Close,
    };
    if !policy(
        &who.actor(),
        Action::Converse { act, standing },
        Scope::Organisation,
    ) {
        return Err(match standing {
            Some(Standing::Muted) if act == ConversationAct::Post => "conversation-refused-muted",
            _ => "conversation-refused",
        });
    }
    let ended = conversation.closed_at.is_some()
        || (conversation.kind == ConversationKind::DropIn
            && store
                .conversations()
                .get(conversation.id)
                .await
                .is_ok_and(|c| c.closed_at.is_some()));
    if ended && !matches!(command, Command::Older { .. }) {
        return Err("conversation-refused-ended");
    }
    match command {
        Command::Post { text, reply_to } => {
            let text = MessageText::parse(&text).map_err(|e| e.message_id)?;
            let members = members(state, conversation).await.map_err(|e| failed(&e))?;
            let mentions = mentioned(text.as_str(), &members);
            let message = hub
                .apply(
                    store,
                    &Op::Post(NewMessage {
                        author_kind: who.author_kind(),
                        author_id: who.user(),
                        author_name: who.name(),
                        body: text.as_str(),
                        reply_to,
                        mentions: &mentions,
                    }),
                )
                .await
                .map_err(|e| failed(&e))?;
            notify::after_post(state, conversation, &message, members);
            Ok(Outcome::Done)
        }
        Command::Edit { id, text } => {
            let text = MessageText::parse(&text).map_err(|e| e.message_id)?;
            amend(
                hub.apply(store, &Op::Amend(id, Amend::Edit(text.as_str().to_owned())))
                    .await,
            )
        }
        Command::Delete { id } => amend(hub.apply(store, &Op::Amend(id, Amend::Delete)).await),
        Command::Hide { id } => amend(hub.apply(store, &Op::Amend(id, Amend::Hide(true))).await),
        Command::Unhide { id } => amend(hub.apply(store, &Op::Amend(id, Amend::Hide(false))).await),
        Command::Report { id, reason } => {
            let reason = reason
                .map(|r| r.trim().chars().take(REASON_MAX).collect::<String>())
                .filter(|r| !r.is_empty());
            let Some(user) = who.user() else {
                return Err("conversation-refused");
            };
            match store
                .conversations()
                .report(id, user, reason.as_deref())
                .await
            {
                Ok(()) => {
                    notify::reported(state, conversation).await;
                    Ok(Outcome::Notice(tr.t("conversation-reported")))
                }
                Err(StoreError::Conflict(_)) => {
                    Ok(Outcome::Notice(tr.t("conversation-reported-already")))
                }
                Err(error) => Err(failed(&error)),
            }
        }
        Command::Mute { user, minutes } => {
            let minutes = mute_minutes(minutes).map_err(|e| e.message_id)?;
            let user = UserId(user);
            let may_be_muted = may_be_muted(state, conversation, user)
                .await
                .map_err(|e| failed(&e))?;
            if !may_be_muted || who.user() == Some(user) {
                return Err("conversation-refused-mute");
            }
            let until = now_ms() + minutes * 60_000;
            let by = who.user().unwrap_or(UserId(Uuid::nil()));
            store
                .conversations()
                .mute(conversation.id, user, until, by)
                .await
                .map_err(|e| failed(&e))?;
            Ok(Outcome::Notice(tr.n(
                "conversation-muted",
                "minutes",
                minutes,
            )))
        }
        Command::Older { before } => store
            .conversations()
            .history(conversation.id, Some(before), PAGE)
            .await
            .map(|(messages, more)| Outcome::History(messages, more))
            .map_err(|e| failed(&e)),
        Command::Take => {
            let (Some(queue), Some(user)) = (conversation.queue_id, who.user()) else {
                return Err("conversation-refused");
            };
            let taken = store
                .conversations()
                .take_chat(queue, user)
                .await
                .map_err(|e| failed(&e))?;
            if !taken {
                return Err("conversation-refused-taken");
            }
            system(state, hub, "joined", who.name())
                .await
                .map_err(|e| failed(&e))?;
            Ok(Outcome::Done)
        }
        Command::Close => {
            store
                .conversations()
                .close(conversation)
                .await
                .map_err(|e| failed(&e))?;
            system(state, hub, "closed", who.name())
                .await
                .map_err(|e| failed(&e))?;
            Ok(Outcome::Done)
        }
    }
}

/// Only a channel's members are muted, never its facilitators.
async fn may_be_muted(
    state: &AppState,
    conversation: &TextConversation,
    user: UserId,
) -> Result<bool, StoreError> {
    match (conversation.kind, conversation.group_id) {
        (ConversationKind::Group, Some(group)) => Ok(state
            .store
            .support_groups()
            .standing(group, user)
            .await?
            .is_some_and(|role| !role.facilitates())),
        (ConversationKind::Facilitators, _) => {
            state.store.conversations().facilitates_a_group(user).await
        }
        // Peer groups are formed from the cohort's participants alone, so a
        // member is never one of the cohort's facilitators.
        (ConversationKind::PeerGroup, _) => match current_peer_group(state, conversation).await? {
            Some(group) => state.store.peer_groups().is_member(group, user).await,
            None => Ok(false),
        },
        _ => Ok(false),
    }
}

fn amend(done: Result<Message, StoreError>) -> Result<Outcome, Refused> {
    match done {
        Ok(_) => Ok(Outcome::Done),
        Err(StoreError::NotFound) => Err("conversation-refused-no-change"),
        Err(error) => Err(failed(&error)),
    }
}

/// Says in the conversation that something happened (`joined`, `closed`),
/// naming who did it.
pub async fn system(
    state: &AppState,
    hub: &ConversationHub,
    what: &str,
    name: &str,
) -> Result<Message, StoreError> {
    hub.apply(
        &state.store,
        &Op::Post(NewMessage {
            author_kind: AuthorKind::System,
            author_id: None,
            author_name: name,
            body: what,
            reply_to: None,
            mentions: &[],
        }),
    )
    .await
}
