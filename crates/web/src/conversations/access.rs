//! Who someone is in a conversation: worked out from the database each time
//! it matters, so a member removed or muted a moment ago is treated so at once.

use crate::error::AppResult;
use crate::state::AppState;
use hearth_domain::UserId;
use hearth_domain::conversations::{ConversationKind, Standing};
use hearth_domain::policy::{Action, Actor, in_peer_group_channel, policy};
use hearth_domain::roles::Scope;
use hearth_store::{AuthorKind, TextConversation, now_ms};

/// The person at the other end of a connection or form.
#[derive(Clone)]
pub enum Who {
    /// Someone signed in.
    Person { actor: Actor, name: String },
    /// The visitor of a drop-in chat: they hold its token, nothing else is known.
    Visitor { nickname: String },
}

impl Who {
    pub fn user(&self) -> Option<UserId> {
        match self {
            Who::Person { actor, .. } => Some(actor.user),
            Who::Visitor { .. } => None,
        }
    }

    pub fn name(&self) -> &str {
        match self {
            Who::Person { name, .. } => name,
            Who::Visitor { nickname } => nickname,
        }
    }

    pub fn author_kind(&self) -> AuthorKind {
        match self {
            Who::Person { .. } => AuthorKind::Member,
            Who::Visitor { .. } => AuthorKind::Visitor,
        }
    }

    /// The actor the policy is asked about (a visitor has no grants).
    pub fn actor(&self) -> Actor {
        match self {
            Who::Person { actor, .. } => actor.clone(),
            Who::Visitor { .. } => Actor::anonymous(),
        }
    }
}

/// A member muted now is `Muted`.
async fn unless_muted(
    state: &AppState,
    conversation: &TextConversation,
    user: UserId,
) -> AppResult<Standing> {
    let muted = state
        .store
        .conversations()
        .muted_until(conversation.id, user, now_ms())
        .await?;
    Ok(if muted.is_some() {
        Standing::Muted
    } else {
        Standing::Member
    })
}

/// Whether this person coordinates the network of peer support groups
/// (they keep the facilitators' channel).
pub fn coordinates_network(actor: &Actor) -> bool {
    policy(actor, Action::CoordinateSupportGroups, Scope::Organisation)
}

/// Someone's standing in a conversation (`None`: no place in it).
pub async fn standing(
    state: &AppState,
    conversation: &TextConversation,
    who: &Who,
) -> AppResult<Option<Standing>> {
    let Who::Person { actor, .. } = who else {
        // A visitor reaches only the chat their token opened.
        return Ok(match conversation.kind {
            ConversationKind::DropIn => Some(Standing::Visitor),
            _ => None,
        });
    };
    let user = actor.user;
    match conversation.kind {
        ConversationKind::Group => {
            let Some(group) = conversation.group_id else {
                return Ok(None);
            };
            match state.store.support_groups().standing(group, user).await? {
                None => Ok(None),
                Some(role) if role.facilitates() => Ok(Some(Standing::Moderator)),
                Some(_) => Ok(Some(unless_muted(state, conversation, user).await?)),
            }
        }
        ConversationKind::PeerGroup => {
            // Read afresh: the channel moves when the cohort's groups are
            // saved again, and a socket opened before must follow it.
            let Some(group) = state
                .store
                .conversations()
                .get(conversation.id)
                .await?
                .peer_group_id
            else {
                return Ok(None);
            };
            let group = state.store.peer_groups().group(group).await?;
            let cohort = state.store.org().cohort(group.cohort_id).await?;
            let member = state.store.peer_groups().is_member(group.id, user).await?;
            match in_peer_group_channel(actor, member, cohort.scope()) {
                Some(Standing::Member) => Ok(Some(unless_muted(state, conversation, user).await?)),
                other => Ok(other),
            }
        }
        ConversationKind::Facilitators => {
            if coordinates_network(actor) {
                Ok(Some(Standing::Moderator))
            } else if state
                .store
                .conversations()
                .facilitates_a_group(user)
                .await?
            {
                Ok(Some(unless_muted(state, conversation, user).await?))
            } else {
                Ok(None)
            }
        }
        ConversationKind::DropIn => {
            let Some(queue) = conversation.queue_id else {
                return Ok(None);
            };
            let entry = state.store.support().queue_entry(queue).await?;
            if entry.taken_by == Some(user) {
                return Ok(Some(Standing::Responder));
            }
            if entry.taken_at.is_some() || conversation.closed_at.is_some() {
                return Ok(None);
            }
            let location = state.store.support().location(entry.location_id).await?;
            let works_here = policy(actor, Action::WorkShift, Scope::Site(location.site_id));
            let on_shift = works_here
                && state
                    .store
                    .support()
                    .on_shift(user, now_ms())
                    .await?
                    .iter()
                    .any(|s| s.location_id == location.id);
            Ok(on_shift.then_some(Standing::OnShift))
        }
    }
}
