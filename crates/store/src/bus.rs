//! Several Hearth instances on one PostgreSQL database share live events:
//! every stored change is announced on a channel with its event and number,
//! and each instance reads the rows it has not seen. Arrivals and departures
//! in a live room are announced on a second channel, so every instance knows
//! who is present wherever they connected. SQLite has one instance, so it
//! needs no bus.

use crate::db::Db;
use crate::error::StoreError;
use crate::live_presence::InstanceId;
use hearth_domain::{EventId, UserId};
use sqlx::postgres::PgListener;

pub(crate) const CHANNEL: &str = "hearth_live";
pub(crate) const PRESENCE_CHANNEL: &str = "hearth_presence";

/// What another instance announced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// The event's log grew to this number.
    Changed { event: EventId, seq: i64 },
    /// Someone opened the room on `instance` (`arrived_as` is their name),
    /// or closed their last page there (`None`).
    Presence {
        event: EventId,
        instance: InstanceId,
        user: UserId,
        arrived_as: Option<String>,
    },
}

/// `event:instance:user:+name` or `event:instance:user:-`; the name comes
/// last so it may hold any character.
pub(crate) fn presence_payload(
    event: EventId,
    instance: InstanceId,
    user: UserId,
    arrived_as: Option<&str>,
) -> String {
    match arrived_as {
        Some(name) => format!("{event}:{}:{user}:+{name}", instance.0),
        None => format!("{event}:{}:{user}:-", instance.0),
    }
}

fn parse_presence(payload: &str) -> Option<Notice> {
    let mut parts = payload.splitn(4, ':');
    let event = parts.next()?.parse().ok()?;
    let instance = InstanceId(parts.next()?.parse().ok()?);
    let user = parts.next()?.parse().ok()?;
    let rest = parts.next()?;
    let arrived_as = match rest.strip_prefix('+') {
        Some(name) => Some(name.to_owned()),
        None if rest == "-" => None,
        None => return None,
    };
    Some(Notice::Presence {
        event,
        instance,
        user,
        arrived_as,
    })
}

fn parse_change(payload: &str) -> Option<Notice> {
    let (event, seq) = payload.split_once(':')?;
    Some(Notice::Changed {
        event: event.parse().ok()?,
        seq: seq.parse().ok()?,
    })
}

/// Announcements from any instance.
pub struct LiveListener {
    listener: PgListener,
}

impl LiveListener {
    /// Waits for the next announcement. Malformed payloads are skipped.
    pub async fn next(&mut self) -> Result<Notice, StoreError> {
        loop {
            let notification = self.listener.recv().await?;
            let notice = if notification.channel() == PRESENCE_CHANNEL {
                parse_presence(notification.payload())
            } else {
                parse_change(notification.payload())
            };
            if let Some(notice) = notice {
                return Ok(notice);
            }
        }
    }
}

impl Db {
    /// The bus for this database, if it needs one (PostgreSQL only).
    pub async fn live_listener(&self) -> Result<Option<LiveListener>, StoreError> {
        match self {
            Db::Sqlite(_) => Ok(None),
            Db::Postgres(pool) => {
                let mut listener = PgListener::connect_with(pool).await?;
                listener.listen_all([CHANNEL, PRESENCE_CHANNEL]).await?;
                Ok(Some(LiveListener { listener }))
            }
        }
    }

    /// Whether several instances may share this database's live rooms.
    pub fn is_shared(&self) -> bool {
        matches!(self, Db::Postgres(_))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn presence_notices_round_trip_any_name() {
        let (event, instance, user) = (EventId::new(), InstanceId::new(), UserId::new());
        let arrived = presence_payload(event, instance, user, Some("Ana: la 'Rosa'"));
        assert_eq!(
            parse_presence(&arrived),
            Some(Notice::Presence {
                event,
                instance,
                user,
                arrived_as: Some("Ana: la 'Rosa'".to_owned())
            })
        );
        let left = presence_payload(event, instance, user, None);
        assert!(matches!(
            parse_presence(&left),
            Some(Notice::Presence {
                arrived_as: None,
                ..
            })
        ));
        assert_eq!(parse_presence("not:a:notice"), None);
        assert_eq!(
            parse_change(&format!("{event}:7")),
            Some(Notice::Changed { event, seq: 7 })
        );
    }
}
