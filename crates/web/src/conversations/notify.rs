//! Telling members who are away: by each one's own setting (every message,
//! mentions only, a daily digest, none), through the shared notifications
//! and the job queue. Emails say who wrote and where, never what: the words
//! stay in Hearth.

use crate::i18n::Tr;
use crate::jobs::notify as send;
use crate::state::AppState;
use hearth_domain::UserId;
use hearth_domain::conversations::{ConversationKind, NotifySetting};
use hearth_store::{AuthorKind, Message, StoreError, TextConversation, now_ms};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The job that sends one member's daily digest.
pub const DIGEST: &str = "conversation-digest";
const DAY_MS: i64 = 24 * 60 * 60 * 1000;
/// "Every message" sends at most one email in this long.
const EVERY_GAP_MS: i64 = 15 * 60 * 1000;

/// Someone's own language for what they are sent.
fn reader(person: &hearth_store::Person) -> Tr {
    Tr::new(
        person
            .language
            .as_deref()
            .and_then(hearth_domain::input::Language::from_code)
            .unwrap_or_default(),
    )
}

/// Where a channel lives, for links in notifications.
pub fn link(conversation: &TextConversation) -> String {
    match (conversation.kind, conversation.group_id) {
        (ConversationKind::Group, Some(group)) => format!("/support-groups/{group}/channel"),
        (ConversationKind::PeerGroup, _) => match conversation.peer_group_id {
            Some(group) => format!("/peer-groups/{group}/channel"),
            None => "/cohorts".to_owned(),
        },
        _ => "/support-groups/facilitators/channel".to_owned(),
    }
}

/// The channel's name as notifications give it.
async fn title(state: &AppState, conversation: &TextConversation, tr: &Tr) -> String {
    if conversation.kind == ConversationKind::PeerGroup {
        return match conversation.peer_group_id {
            Some(group) => match state.store.peer_groups().group(group).await {
                Ok(group) => group.name,
                Err(_) => tr.t("conversation-channel"),
            },
            None => tr.t("conversation-channel"),
        };
    }
    match conversation.group_id {
        Some(group) => match state.store.support_groups().get(group).await {
            Ok(group) => group.name,
            Err(_) => tr.t("conversation-channel"),
        },
        None => tr.t("conversation-facilitators-title"),
    }
}

/// After a message is stored: tell the members who are away, each as they
/// chose. Runs aside so the sender never waits for it.
pub fn after_post(
    state: &AppState,
    conversation: &TextConversation,
    message: &Message,
    members: Vec<(UserId, String)>,
) {
    if conversation.kind == ConversationKind::DropIn || message.author_kind == AuthorKind::System {
        return;
    }
    let (state, conversation, message) = (state.clone(), conversation.clone(), message.clone());
    tokio::spawn(async move {
        if let Err(error) = tell_away(&state, &conversation, &message, &members).await {
            tracing::error!(%error, "could not tell members about a new message");
        }
    });
}

async fn tell_away(
    state: &AppState,
    conversation: &TextConversation,
    message: &Message,
    members: &[(UserId, String)],
) -> Result<(), StoreError> {
    let conversations = state.store.conversations();
    let present = conversations.present(conversation.id).await?;
    let settings = conversations.settings(conversation.id).await?;
    let now = now_ms();
    for (user, _) in members {
        if Some(*user) == message.author_id || present.contains(user) {
            continue;
        }
        let setting = settings.get(user).cloned().unwrap_or_default();
        let mentioned = message.mentions.contains(user);
        let email = match setting.notify {
            NotifySetting::Every => {
                mentioned
                    || setting
                        .last_emailed_at
                        .is_none_or(|at| now - at >= EVERY_GAP_MS)
            }
            NotifySetting::Mentions => mentioned,
            NotifySetting::Digest | NotifySetting::None => false,
        };
        if !email {
            continue;
        }
        let person = state.store.people().get(*user).await?;
        let tr = reader(&person);
        let name = title(state, conversation, &tr).await;
        let (subject, body) = if mentioned {
            (
                tr.args(
                    "conversation-mention-title",
                    &[("name", message.author_name.clone()), ("channel", name)],
                ),
                tr.t("conversation-mention-body"),
            )
        } else {
            (
                tr.t1("conversation-new-title", "channel", name),
                tr.t("conversation-new-body"),
            )
        };
        send(
            state,
            *user,
            &subject,
            &body,
            Some(&link(conversation)),
            true,
        )
        .await?;
        conversations.emailed(conversation.id, *user, now).await?;
    }
    Ok(())
}

/// The facilitators of the cohort whose peer group the channel belongs to.
async fn cohort_facilitators(
    state: &AppState,
    conversation: &TextConversation,
) -> Result<Vec<UserId>, StoreError> {
    let Some(group) = super::ops::current_peer_group(state, conversation).await? else {
        return Ok(Vec::new());
    };
    let group = state.store.peer_groups().group(group).await?;
    Ok(state
        .store
        .org()
        .cohort_members(group.cohort_id)
        .await?
        .into_iter()
        .filter(|m| m.role == hearth_domain::roles::Role::Facilitator)
        .map(|m| m.user_id)
        .collect())
}

/// A message was reported: the channel's moderators hear of it in the app.
pub async fn reported(state: &AppState, conversation: &TextConversation) {
    let moderators: Vec<UserId> = match (conversation.kind, conversation.group_id) {
        (ConversationKind::Group, Some(group)) => {
            match state.store.support_groups().members(group).await {
                Ok(members) => members
                    .into_iter()
                    .filter(|m| m.role.facilitates())
                    .map(|m| m.user_id)
                    .collect(),
                Err(error) => {
                    tracing::error!(%error, "could not find the facilitators to tell of a report");
                    return;
                }
            }
        }
        // A peer group's channel is kept by its cohort's facilitators.
        (ConversationKind::PeerGroup, _) => match cohort_facilitators(state, conversation).await {
            Ok(facilitators) => facilitators,
            Err(error) => {
                tracing::error!(%error, "could not find the facilitators to tell of a report");
                return;
            }
        },
        _ => match state
            .store
            .support()
            .holders("coordinator", hearth_domain::SiteId(Uuid::nil()))
            .await
        {
            Ok(holders) => holders,
            Err(error) => {
                tracing::error!(%error, "could not find the coordinators to tell of a report");
                return;
            }
        },
    };
    for user in moderators {
        let tr = match state.store.people().get(user).await {
            Ok(person) => reader(&person),
            Err(_) => continue,
        };
        let name = title(state, conversation, &tr).await;
        if let Err(error) = send(
            state,
            user,
            &tr.t1("conversation-report-title", "channel", name),
            &tr.t("conversation-report-body"),
            Some(&link(conversation)),
            false,
        )
        .await
        {
            tracing::error!(%error, "could not tell a moderator of a report");
        }
    }
}

#[derive(Serialize, Deserialize)]
struct DigestJob {
    conversation: Uuid,
    user: Uuid,
    due: i64,
}

/// Saves a member's setting; choosing the digest queues its first run.
pub async fn choose(
    state: &AppState,
    conversation: &TextConversation,
    user: UserId,
    setting: NotifySetting,
) -> Result<(), StoreError> {
    let due = now_ms() + DAY_MS;
    let queue = state
        .store
        .conversations()
        .set_setting(conversation.id, user, setting, due)
        .await?;
    if queue {
        enqueue(state, conversation.id, user, due).await?;
    }
    Ok(())
}

async fn enqueue(
    state: &AppState,
    conversation: Uuid,
    user: UserId,
    due: i64,
) -> Result<(), StoreError> {
    let payload = serde_json::to_value(DigestJob {
        conversation,
        user: user.0,
        due,
    })
    .map_err(|e| StoreError::Corrupt(e.to_string()))?;
    state.store.jobs().enqueue(DIGEST, &payload, due).await?;
    Ok(())
}

/// Runs a member's daily digest: what others wrote since the last one,
/// by whom, then the next day's run. A digest no longer chosen stops.
pub async fn run_digest(state: &AppState, payload: &serde_json::Value) -> Result<(), String> {
    let job: DigestJob = serde_json::from_value(payload.clone()).map_err(|e| e.to_string())?;
    let user = UserId(job.user);
    let conversations = state.store.conversations();
    let step = async {
        let conversation = conversations.get(job.conversation).await?;
        let setting = conversations.setting(conversation.id, user).await?;
        if setting.digest_due != Some(job.due) {
            // Replaced by a later choice: another job carries on, or none.
            return Ok(());
        }
        let now = now_ms();
        if setting.notify != NotifySetting::Digest {
            conversations
                .digest_ran(conversation.id, user, job.due, now, None)
                .await?;
            return Ok(());
        }
        let since = setting.digest_after.unwrap_or(job.due - DAY_MS);
        let new: Vec<Message> = conversations
            .posted_since(conversation.id, since)
            .await?
            .into_iter()
            .filter(|m| m.author_id != Some(user))
            .collect();
        let next = job.due + DAY_MS;
        if conversations
            .digest_ran(conversation.id, user, job.due, now, Some(next))
            .await?
        {
            enqueue(state, conversation.id, user, next).await?;
        }
        if !new.is_empty() {
            let person = state.store.people().get(user).await?;
            let tr = reader(&person);
            let mut names: Vec<String> = new.iter().map(|m| m.author_name.clone()).collect();
            names.sort();
            names.dedup();
            let name = title(state, &conversation, &tr).await;
            send(
                state,
                user,
                &tr.t1("conversation-digest-title", "channel", name),
                &tr.args(
                    "conversation-digest-body",
                    &[
                        ("count", new.len().to_string()),
                        ("names", names.join(", ")),
                    ],
                ),
                Some(&link(&conversation)),
                true,
            )
            .await?;
        }
        Ok::<(), StoreError>(())
    };
    step.await.map_err(|e| e.to_string())
}
