//! Sessions, sign-in throttling and one-time account links.
//!
//! Only a hash of each token is stored, so a copy of the database cannot be
//! used to sign in as anyone.

use crate::db::{Db, on_db};
use crate::error::StoreError;
use crate::people::{GrantRow, GrantView, PERSON_COLUMNS, Person, PersonRow};
use crate::time::now_ms;
use hearth_domain::UserId;
use hearth_domain::roles::RoleGrant;
use sha2::{Digest, Sha256};
use tracing::instrument;
use uuid::Uuid;

pub struct Sessions<'a> {
    pub(crate) db: &'a Db,
}

/// The signed-in person and every role they hold.
#[derive(Debug, Clone)]
pub struct SessionUser {
    pub person: Person,
    pub grants: Vec<RoleGrant>,
    /// The same roles with the names of where they apply, for display.
    pub grant_views: Vec<GrantView>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenPurpose {
    PasswordReset,
    Invitation,
}

impl TokenPurpose {
    fn as_str(self) -> &'static str {
        match self {
            TokenPurpose::PasswordReset => "password-reset",
            TokenPurpose::Invitation => "invitation",
        }
    }
}

/// A session row: the person, then one of their roles (if any).
#[derive(sqlx::FromRow)]
struct SessionRow {
    #[sqlx(flatten)]
    person: PersonRow,
    grant_id: Option<Uuid>,
    grant_role: Option<String>,
    grant_site_id: Option<Uuid>,
    grant_cohort_id: Option<Uuid>,
    cohort_site_id: Option<Uuid>,
    site_name: Option<String>,
    cohort_name: Option<String>,
}

/// 256 random bits, hex encoded.
pub fn new_token() -> Result<String, StoreError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| StoreError::Corrupt(format!("no randomness: {e}")))?;
    Ok(hex::encode(bytes))
}

pub(crate) fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

impl Sessions<'_> {
    /// Starts a session; returns the token for the cookie.
    #[instrument(level = "debug", skip_all)]
    pub async fn create(&self, user: UserId, lifetime_ms: i64) -> Result<String, StoreError> {
        let token = new_token()?;
        let now = now_ms();
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)"
        )
        .bind(token_hash(&token))
        .bind(user.0)
        .bind(now)
        .bind(now + lifetime_ms)
        .execute(pool)
        .await.map(|r| r.rows_affected())?);
        Ok(token)
    }

    /// The person behind a live session token, with their roles, in one query
    /// (every page asks this first).
    #[instrument(level = "debug", skip_all)]
    pub async fn user(&self, token: &str) -> Result<Option<SessionUser>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "SELECT {PERSON_COLUMNS}, g.id AS grant_id, g.role AS grant_role, g.site_id AS grant_site_id, \
             g.cohort_id AS grant_cohort_id, c.site_id AS cohort_site_id, st.name AS site_name, c.name AS cohort_name \
             FROM sessions s JOIN users u ON u.id = s.user_id \
             LEFT JOIN role_grants g ON g.user_id = u.id \
             LEFT JOIN cohorts c ON c.id = g.cohort_id \
             LEFT JOIN sites st ON st.id = COALESCE(g.site_id, c.site_id) \
             WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.active = TRUE \
             ORDER BY g.created_at"
        ));
        let rows: Vec<SessionRow> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as(sql)
                    .bind(token_hash(token))
                    .bind(now_ms())
                    .fetch_all(pool)
                    .await?
        );
        let mut rows = rows.into_iter().peekable();
        let Some(first) = rows.peek() else {
            return Ok(None);
        };
        let person = Person::from(first.person.clone());
        let mut grant_views = Vec::new();
        for row in rows {
            if let (Some(id), Some(role)) = (row.grant_id, row.grant_role) {
                let grant = GrantRow {
                    id,
                    role,
                    site_id: row.grant_site_id,
                    cohort_id: row.grant_cohort_id,
                    cohort_site_id: row.cohort_site_id,
                    site_name: row.site_name,
                    cohort_name: row.cohort_name,
                };
                grant_views.push(grant.into_view()?);
            }
        }
        let grants = grant_views.iter().map(|view| view.grant).collect();
        Ok(Some(SessionUser {
            person,
            grants,
            grant_views,
        }))
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn delete(&self, token: &str) -> Result<(), StoreError> {
        on_db!(
            self.db,
            write
                | pool
                | sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
                    .bind(token_hash(token))
                    .execute(pool)
                    .await
                    .map(|r| r.rows_affected())?
        );
        Ok(())
    }

    /// Removes expired sessions, failures and links (run by the job queue).
    #[instrument(level = "debug", skip_all)]
    pub async fn prune(&self, failures_older_than: i64) -> Result<(), StoreError> {
        let now = now_ms();
        on_db!(
            self.db,
            write | pool | {
                sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
                    .bind(now)
                    .execute(pool)
                    .await
                    .map(|r| r.rows_affected())?;
                sqlx::query("DELETE FROM account_tokens WHERE expires_at <= $1")
                    .bind(now)
                    .execute(pool)
                    .await
                    .map(|r| r.rows_affected())?;
                sqlx::query("DELETE FROM sign_in_failures WHERE failed_at <= $1")
                    .bind(failures_older_than)
                    .execute(pool)
                    .await
                    .map(|r| r.rows_affected())?;
            }
        );
        Ok(())
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn record_failure(&self, email: &str) -> Result<(), StoreError> {
        on_db!(
            self.db,
            write
                | pool
                | sqlx::query("INSERT INTO sign_in_failures (email, failed_at) VALUES ($1, $2)")
                    .bind(email)
                    .bind(now_ms())
                    .execute(pool)
                    .await
                    .map(|r| r.rows_affected())?
        );
        Ok(())
    }

    /// Failed sign-ins for this address since `since_ms`.
    #[instrument(level = "debug", skip_all)]
    pub async fn failures_since(&self, email: &str, since_ms: i64) -> Result<i64, StoreError> {
        let row: (i64,) = on_db!(
            self.db,
            read | pool
                | sqlx::query_as(
                    "SELECT COUNT(*) FROM sign_in_failures WHERE email = $1 AND failed_at > $2"
                )
                .bind(email)
                .bind(since_ms)
                .fetch_one(pool)
                .await?
        );
        Ok(row.0)
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn clear_failures(&self, email: &str) -> Result<(), StoreError> {
        on_db!(
            self.db,
            write
                | pool
                | sqlx::query("DELETE FROM sign_in_failures WHERE email = $1")
                    .bind(email)
                    .execute(pool)
                    .await
                    .map(|r| r.rows_affected())?
        );
        Ok(())
    }

    /// A one-time link token for a password reset or an invitation.
    #[instrument(level = "debug", skip_all)]
    pub async fn create_link_token(
        &self,
        user: UserId,
        purpose: TokenPurpose,
        lifetime_ms: i64,
    ) -> Result<String, StoreError> {
        let token = new_token()?;
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO account_tokens (token_hash, user_id, purpose, expires_at) VALUES ($1, $2, $3, $4)"
        )
        .bind(token_hash(&token))
        .bind(user.0)
        .bind(purpose.as_str())
        .bind(now_ms() + lifetime_ms)
        .execute(pool)
        .await.map(|r| r.rows_affected())?);
        Ok(token)
    }

    /// A new address for this person's calendar feed; the old one stops working.
    #[instrument(level = "debug", skip_all)]
    pub async fn renew_calendar_feed(&self, user: UserId) -> Result<String, StoreError> {
        let token = new_token()?;
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO calendar_feeds (user_id, token_hash, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at"
        )
        .bind(user.0)
        .bind(token_hash(&token))
        .bind(now_ms())
        .execute(pool)
        .await
        .map(|done| done.rows_affected())?);
        Ok(token)
    }

    /// Whose calendar feed this token opens, if any.
    #[instrument(level = "debug", skip_all)]
    pub async fn calendar_feed_owner(&self, token: &str) -> Result<Option<UserId>, StoreError> {
        let row: Option<(Uuid,)> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT f.user_id FROM calendar_feeds f JOIN users u ON u.id = f.user_id WHERE f.token_hash = $1 AND u.active = TRUE"
        )
        .bind(token_hash(token))
        .fetch_optional(pool)
        .await?);
        Ok(row.map(|(id,)| UserId(id)))
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn has_calendar_feed(&self, user: UserId) -> Result<bool, StoreError> {
        let row: Option<(Uuid,)> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as("SELECT user_id FROM calendar_feeds WHERE user_id = $1")
                    .bind(user.0)
                    .fetch_optional(pool)
                    .await?
        );
        Ok(row.is_some())
    }

    /// Who a link is for, if it is live, without using it up (to show the form).
    #[instrument(level = "debug", skip_all)]
    pub async fn peek_link_token(
        &self,
        token: &str,
        purpose: TokenPurpose,
    ) -> Result<Option<UserId>, StoreError> {
        let row: Option<(Uuid,)> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT user_id FROM account_tokens WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3"
        )
        .bind(token_hash(token))
        .bind(purpose.as_str())
        .bind(now_ms())
        .fetch_optional(pool)
        .await?);
        Ok(row.map(|(id,)| UserId(id)))
    }

    /// Uses a link up; a second use, or an expired link, finds no one.
    #[instrument(level = "debug", skip_all)]
    pub async fn consume_link_token(
        &self,
        token: &str,
        purpose: TokenPurpose,
    ) -> Result<Option<UserId>, StoreError> {
        let now = now_ms();
        let row: Option<(Uuid,)> = on_db!(self.db, write |pool| sqlx::query_as(
            "UPDATE account_tokens SET used_at = $1 \
             WHERE token_hash = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > $1 RETURNING user_id"
        )
        .bind(now)
        .bind(token_hash(token))
        .bind(purpose.as_str())
        .fetch_optional(pool)
        .await?);
        Ok(row.map(|(id,)| UserId(id)))
    }
}
