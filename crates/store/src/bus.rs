//! Several Hearth instances on one PostgreSQL database share live events:
//! every stored change is announced on a channel with its event and number,
//! and each instance reads the rows it has not seen. SQLite has one instance,
//! so it needs no bus.

use crate::db::Db;
use crate::error::StoreError;
use hearth_domain::EventId;
use sqlx::postgres::PgListener;

pub(crate) const CHANNEL: &str = "hearth_live";

/// Announcements of stored live changes from any instance.
pub struct LiveListener {
    listener: PgListener,
}

impl LiveListener {
    /// Waits for the next announcement: (event, sequence number).
    /// Malformed payloads are skipped.
    pub async fn next(&mut self) -> Result<(EventId, i64), StoreError> {
        loop {
            let notification = self.listener.recv().await?;
            if let Some((event, seq)) = notification.payload().split_once(':')
                && let (Ok(event), Ok(seq)) = (event.parse(), seq.parse())
            {
                return Ok((event, seq));
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
                listener.listen(CHANNEL).await?;
                Ok(Some(LiveListener { listener }))
            }
        }
    }
}
