//! Demo data for conversations: a few messages in the "I'm here" group's
//! channel and in the channel of the Autumn dialogue cohort's peer group
//! that `participant@demo.example` belongs to, and an online drop-in shift at the Student Centre from the hour
//! the demo is loaded, so `/support` takes chats in the demo at once.

use crate::Store;
use crate::conversations::{AuthorKind, NewMessage};
use crate::error::{OptionalRow, StoreError};
use crate::support::NewShift;
use hearth_domain::UserId;
use hearth_domain::input::Email;

async fn person(store: &Store, email: &str) -> Result<(UserId, String), StoreError> {
    let email = Email::parse(email).map_err(|e| StoreError::Corrupt(e.message_id.into()))?;
    let person = store.people().find_by_email(&email).await?.found()?;
    Ok((person.id, person.display_name))
}

pub(crate) async fn load(store: &Store) -> Result<(), StoreError> {
    let groups = store.support_groups().directory().await?;
    if let Some(here) = groups.iter().find(|g| g.group.name == "I'm here") {
        let channel = store.conversations().group_channel(here.group.id).await?;
        let teuta = person(store, "teacher@demo.example").await?;
        let arta = person(store, "arta@demo.example").await?;
        let blerim = person(store, "blerim@demo.example").await?;
        let lines = [
            (
                &teuta,
                "Welcome to our channel! Drop in whenever you like between meetings.",
            ),
            (
                &arta,
                "Thank you for Tuesday. The World Café on bullying gave me ideas for Year 8.",
            ),
            (
                &blerim,
                "Does anyone have a short breathing exercise that works before a test?",
            ),
            (
                &teuta,
                "@Blerim the \"five fingers\" one from the coaching session: I'll bring the card.",
            ),
        ];
        let mut seq = store.conversations().last_seq(channel.id).await?;
        for ((id, name), body) in lines {
            seq += 1;
            let mentions: Vec<UserId> = if body.starts_with("@Blerim") {
                vec![blerim.0]
            } else {
                Vec::new()
            };
            store
                .conversations()
                .post(
                    channel.id,
                    seq,
                    &NewMessage {
                        author_kind: AuthorKind::Member,
                        author_id: Some(*id),
                        author_name: name,
                        body,
                        reply_to: None,
                        mentions: &mentions,
                    },
                )
                .await?;
        }
    }

    peer_group_channel(store).await?;

    // The online drop-in: Pat is on shift from this hour for twelve hours.
    let support = store.support();
    if let Some(centre) = support
        .locations()
        .await?
        .into_iter()
        .find(|l| l.name == "Student Centre")
    {
        let now = crate::time::now_ms();
        let starts_at = now - now % 3_600_000;
        let shift = support
            .create_shift(
                &NewShift {
                    location: centre.id,
                    starts_at,
                    ends_at: starts_at + 12 * 3_600_000,
                    places: 1,
                    room: None,
                    created_by: None,
                },
                "Online drop-in · Student Centre",
            )
            .await?;
        let (peer, _) = person(store, "peer@demo.example").await?;
        support.sign_up(shift, peer).await?;
    }
    Ok(())
}

/// A warm start to the channel of the participant's peer group in the
/// Autumn dialogue cohort, so a newcomer signing in as them sees one.
async fn peer_group_channel(store: &Store) -> Result<(), StoreError> {
    let Some(cohort) = store
        .org()
        .cohorts(true)
        .await?
        .into_iter()
        .find(|c| c.cohort.name == "Autumn dialogue cohort")
    else {
        return Ok(());
    };
    let me = person(store, "participant@demo.example").await?;
    let Some(group) = store
        .peer_groups()
        .group_of(cohort.cohort.id, None, me.0)
        .await?
    else {
        return Ok(());
    };
    let others: Vec<(UserId, String)> = store
        .peer_groups()
        .members_named(group)
        .await?
        .into_iter()
        .filter(|(id, _)| *id != me.0)
        .collect();
    let (Some(first), Some(second)) = (others.first(), others.get(1)) else {
        return Ok(());
    };
    let channel = store.conversations().peer_group_channel(group).await?;
    let lines = [
        (
            first,
            "Hi everyone! Looking forward to the fishbowl. Is anyone else a little nervous about the inner circle?",
        ),
        (
            &me,
            "A little, yes. It helps me to write down one thing I want to say before I come.",
        ),
        (
            second,
            "Same here. Shall we find each other when we arrive and sit together at the start?",
        ),
        (first, "Yes please. Thank you both, see you there!"),
    ];
    let mut seq = store.conversations().last_seq(channel.id).await?;
    for ((id, name), body) in lines {
        seq += 1;
        store
            .conversations()
            .post(
                channel.id,
                seq,
                &NewMessage {
                    author_kind: AuthorKind::Member,
                    author_id: Some(*id),
                    author_name: name,
                    body,
                    reply_to: None,
                    mentions: &[],
                },
            )
            .await?;
    }
    Ok(())
}
