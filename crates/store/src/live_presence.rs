//! Who has a live room open, shared between instances on one PostgreSQL
//! database. Each instance writes its own rows (one per person with the room
//! open there) and announces every arrival and departure on the bus; the
//! others apply the notice, and read the table when they open a room or
//! sweep. A heartbeat keeps an instance's rows fresh; rows that went stale
//! belong to an instance that stopped without saying goodbye.

use crate::db::{Db, on_db};
use crate::error::StoreError;
use hearth_domain::{EventId, UserId};
use tracing::instrument;
use uuid::Uuid;

/// Rows not refreshed for this long are ignored (their instance is gone).
pub const PRESENCE_STALE_MS: i64 = 60_000;

pub struct LivePresence<'a> {
    pub(crate) db: &'a Db,
}

/// Someone with the room open on another instance.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PresentElsewhere {
    #[sqlx(try_from = "Uuid")]
    pub instance: InstanceId,
    #[sqlx(try_from = "Uuid")]
    pub user: UserId,
    pub name: String,
}

/// One running Hearth process, for the rows it owns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct InstanceId(pub Uuid);

impl From<Uuid> for InstanceId {
    fn from(id: Uuid) -> Self {
        InstanceId(id)
    }
}

impl InstanceId {
    pub fn new() -> Self {
        InstanceId(Uuid::now_v7())
    }
}

impl Default for InstanceId {
    fn default() -> Self {
        Self::new()
    }
}

impl LivePresence<'_> {
    /// This instance now has the person's room open; tells the others.
    #[instrument(level = "debug", skip_all)]
    pub async fn arrive(
        &self,
        event: EventId,
        instance: InstanceId,
        user: UserId,
        name: &str,
        now: i64,
    ) -> Result<(), StoreError> {
        on_db!(
            self.db,
            write
                | pool
                | sqlx::query(
                    "INSERT INTO live_presence (event_id, instance_id, user_id, name, updated_at) \
                     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (event_id, instance_id, user_id) \
                     DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at"
                )
                .bind(event.0)
                .bind(instance.0)
                .bind(user.0)
                .bind(name)
                .bind(now)
                .execute(pool)
                .await
                .map(|done| done.rows_affected())?
        );
        self.announce(event, instance, user, Some(name)).await
    }

    /// The person's last page on this instance closed; tells the others.
    #[instrument(level = "debug", skip_all)]
    pub async fn leave(
        &self,
        event: EventId,
        instance: InstanceId,
        user: UserId,
    ) -> Result<(), StoreError> {
        on_db!(
            self.db,
            write
                | pool
                | sqlx::query(
                    "DELETE FROM live_presence WHERE event_id = $1 AND instance_id = $2 AND user_id = $3"
                )
                .bind(event.0)
                .bind(instance.0)
                .bind(user.0)
                .execute(pool)
                .await
                .map(|done| done.rows_affected())?
        );
        self.announce(event, instance, user, None).await
    }

    /// Keeps this instance's rows fresh, and forgets rows long stale.
    #[instrument(level = "debug", skip_all)]
    pub async fn heartbeat(&self, instance: InstanceId, now: i64) -> Result<(), StoreError> {
        on_db!(
            self.db,
            write
                | pool
                | sqlx::query("UPDATE live_presence SET updated_at = $1 WHERE instance_id = $2")
                    .bind(now)
                    .bind(instance.0)
                    .execute(pool)
                    .await
                    .map(|done| done.rows_affected())?
        );
        on_db!(
            self.db,
            write
                | pool
                | sqlx::query("DELETE FROM live_presence WHERE updated_at < $1")
                    .bind(now - 10 * PRESENCE_STALE_MS)
                    .execute(pool)
                    .await
                    .map(|done| done.rows_affected())?
        );
        Ok(())
    }

    /// Everyone with the room open on other instances, as their rows say now.
    #[instrument(level = "debug", skip_all)]
    pub async fn elsewhere(
        &self,
        event: EventId,
        instance: InstanceId,
        now: i64,
    ) -> Result<Vec<PresentElsewhere>, StoreError> {
        Ok(on_db!(
            self.db,
            read | pool
                | sqlx::query_as(
                    "SELECT instance_id AS instance, user_id AS user, name FROM live_presence \
                     WHERE event_id = $1 AND instance_id <> $2 AND updated_at >= $3"
                )
                .bind(event.0)
                .bind(instance.0)
                .bind(now - PRESENCE_STALE_MS)
                .fetch_all(pool)
                .await?
        ))
    }

    /// This instance is stopping: its people are no longer here.
    #[instrument(level = "debug", skip_all)]
    pub async fn forget_instance(&self, instance: InstanceId) -> Result<(), StoreError> {
        let events: Vec<(Uuid, Uuid)> = on_db!(
            self.db,
            write
                | pool
                | sqlx::query_as(
                    "DELETE FROM live_presence WHERE instance_id = $1 RETURNING event_id, user_id"
                )
                .bind(instance.0)
                .fetch_all(pool)
                .await?
        );
        for (event, user) in events {
            self.announce(EventId(event), instance, UserId(user), None)
                .await?;
        }
        Ok(())
    }

    /// On PostgreSQL, a notice on the bus; SQLite has one instance and no bus.
    async fn announce(
        &self,
        event: EventId,
        instance: InstanceId,
        user: UserId,
        arrived_as: Option<&str>,
    ) -> Result<(), StoreError> {
        if let Db::Postgres(pool) = self.db {
            sqlx::query("SELECT pg_notify($1, $2)")
                .bind(crate::bus::PRESENCE_CHANNEL)
                .bind(crate::bus::presence_payload(
                    event, instance, user, arrived_as,
                ))
                .execute(pool)
                .await?;
        }
        Ok(())
    }
}
