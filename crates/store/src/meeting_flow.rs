//! Running a meeting (issue 8): the "This is who I am" icebreaker and the
//! World Café. The icebreaker's notes are private writing: the store hands
//! out another person's only once they presented, and forgets them when the
//! icebreaker closes unless their writer chose to keep them.

use crate::db::{Db, on_db};
use crate::error::{OptionalRow, StoreError};
use crate::time::now_ms;
use hearth_domain::UserId;
use hearth_domain::support_groups::SupportGroupId;
use tracing::instrument;
use uuid::Uuid;

pub struct MeetingFlow<'a> {
    pub(crate) db: &'a Db,
}

impl crate::Store {
    pub fn meeting_flow(&self) -> MeetingFlow<'_> {
        MeetingFlow { db: self.db() }
    }
}

/// Unkept notes are forgotten this long after the icebreaker opened, even
/// when nobody closed it.
pub const ICEBREAKER_FORGET_AFTER_MS: i64 = 12 * 3_600_000;

#[derive(Debug, Clone)]
pub struct Icebreaker {
    pub meeting_id: Uuid,
    pub opened_at: i64,
    pub closed: bool,
    pub turn_seconds: u32,
    pub order: Vec<UserId>,
    pub current: Option<UserId>,
    pub turn_started_at: Option<i64>,
    pub changed_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IcebreakerNote {
    pub user_id: UserId,
    pub past: String,
    pub present: String,
    pub future: String,
    pub keep: bool,
    pub presented: bool,
}

type IcebreakerRow = (
    i64,
    Option<i64>,
    i32,
    String,
    Option<Uuid>,
    Option<i64>,
    i64,
);
type NoteRow = (Uuid, String, String, String, bool, Option<i64>);

fn note(row: NoteRow) -> IcebreakerNote {
    let (user, past, present, future, keep, presented_at) = row;
    IcebreakerNote {
        user_id: UserId(user),
        past,
        present,
        future,
        keep,
        presented: presented_at.is_some(),
    }
}

fn ids_json(ids: &[UserId]) -> Result<String, StoreError> {
    serde_json::to_string(&ids.iter().map(|u| u.0).collect::<Vec<_>>())
        .map_err(|e| StoreError::Corrupt(e.to_string()))
}

impl MeetingFlow<'_> {
    /// Opens (or opens again) a meeting's icebreaker with a presenting order.
    #[instrument(level = "debug", skip_all)]
    pub async fn open_icebreaker(
        &self,
        meeting: Uuid,
        order: &[UserId],
        turn_seconds: u32,
    ) -> Result<(), StoreError> {
        let now = now_ms();
        let order = ids_json(order)?;
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO icebreakers (meeting_id, opened_at, turn_seconds, order_json, changed_at) VALUES ($1, $2, $3, $4, $2) \
             ON CONFLICT (meeting_id) DO UPDATE SET closed_at = NULL, opened_at = excluded.opened_at, \
             turn_seconds = excluded.turn_seconds, order_json = excluded.order_json, current_user_id = NULL, \
             turn_started_at = NULL, changed_at = excluded.changed_at"
        )
        .bind(meeting)
        .bind(now)
        .bind(i32::try_from(turn_seconds).unwrap_or(i32::MAX))
        .bind(order)
        .execute(pool)
        .await?
        .rows_affected());
        Ok(())
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn icebreaker(&self, meeting: Uuid) -> Result<Option<Icebreaker>, StoreError> {
        let row: Option<IcebreakerRow> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT opened_at, closed_at, turn_seconds, order_json, current_user_id, turn_started_at, changed_at \
             FROM icebreakers WHERE meeting_id = $1"
        )
        .bind(meeting)
        .fetch_optional(pool)
        .await?);
        let Some((opened_at, closed_at, turn_seconds, order, current, started, changed_at)) = row
        else {
            return Ok(None);
        };
        let order: Vec<Uuid> = serde_json::from_str(&order)
            .map_err(|e| StoreError::Corrupt(format!("icebreaker order: {e}")))?;
        Ok(Some(Icebreaker {
            meeting_id: meeting,
            opened_at,
            closed: closed_at.is_some(),
            turn_seconds: u32::try_from(turn_seconds).unwrap_or(120),
            order: order.into_iter().map(UserId).collect(),
            current: current.map(UserId),
            turn_started_at: started,
            changed_at,
        }))
    }

    /// Writes (or rewrites) one's own past, present and future. `Conflict`
    /// when the icebreaker is not open.
    #[instrument(level = "debug", skip_all)]
    pub async fn write_note(
        &self,
        meeting: Uuid,
        user: UserId,
        parts: [&str; 3],
        keep: bool,
    ) -> Result<(), StoreError> {
        let now = now_ms();
        let written = on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO icebreaker_notes (meeting_id, user_id, past, present, future, keep, updated_at) \
             SELECT $1, $2, $3, $4, $5, $6, $7 FROM icebreakers WHERE meeting_id = $1 AND closed_at IS NULL \
             ON CONFLICT (meeting_id, user_id) DO UPDATE SET past = excluded.past, present = excluded.present, \
             future = excluded.future, keep = excluded.keep, updated_at = excluded.updated_at"
        )
        .bind(meeting)
        .bind(user.0)
        .bind(parts[0])
        .bind(parts[1])
        .bind(parts[2])
        .bind(keep)
        .bind(now)
        .execute(pool)
        .await?
        .rows_affected());
        if written == 0 {
            return Err(StoreError::Conflict("closed"));
        }
        Ok(())
    }

    /// Keep one's note after the meeting, or not (also once it closed).
    #[instrument(level = "debug", skip_all)]
    pub async fn set_keep(
        &self,
        meeting: Uuid,
        user: UserId,
        keep: bool,
    ) -> Result<(), StoreError> {
        let changed =
            on_db!(self.db, write |pool| sqlx::query(
            "UPDATE icebreaker_notes SET keep = $3 WHERE meeting_id = $1 AND user_id = $2"
        )
        .bind(meeting)
        .bind(user.0)
        .bind(keep)
        .execute(pool)
        .await?
        .rows_affected());
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        // Unticked after the meeting: forgotten at once.
        if !keep {
            on_db!(self.db, write |pool| sqlx::query(
                "DELETE FROM icebreaker_notes WHERE meeting_id = $1 AND user_id = $2 AND keep = FALSE \
                 AND meeting_id IN (SELECT meeting_id FROM icebreakers WHERE closed_at IS NOT NULL)"
            )
            .bind(meeting)
            .bind(user.0)
            .execute(pool)
            .await?
            .rows_affected());
        }
        Ok(())
    }

    /// The writer's own note.
    #[instrument(level = "debug", skip_all)]
    pub async fn own_note(
        &self,
        meeting: Uuid,
        user: UserId,
    ) -> Result<Option<IcebreakerNote>, StoreError> {
        let row: Option<NoteRow> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT user_id, past, present, future, keep, presented_at FROM icebreaker_notes WHERE meeting_id = $1 AND user_id = $2"
        )
        .bind(meeting)
        .bind(user.0)
        .fetch_optional(pool)
        .await?);
        Ok(row.map(note))
    }

    /// The notes of those who presented, while the icebreaker is open: the
    /// only way another person's note leaves the store.
    #[instrument(level = "debug", skip_all)]
    pub async fn presented_notes(&self, meeting: Uuid) -> Result<Vec<IcebreakerNote>, StoreError> {
        let rows: Vec<NoteRow> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT n.user_id, n.past, n.present, n.future, n.keep, n.presented_at FROM icebreaker_notes n \
             JOIN icebreakers i ON i.meeting_id = n.meeting_id \
             WHERE n.meeting_id = $1 AND n.presented_at IS NOT NULL AND i.closed_at IS NULL ORDER BY n.presented_at"
        )
        .bind(meeting)
        .fetch_all(pool)
        .await?);
        Ok(rows.into_iter().map(note).collect())
    }

    /// Who has written something (not what): the facilitator's overview.
    #[instrument(level = "debug", skip_all)]
    pub async fn writers(&self, meeting: Uuid) -> Result<Vec<UserId>, StoreError> {
        let rows: Vec<(Uuid,)> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as("SELECT user_id FROM icebreaker_notes WHERE meeting_id = $1")
                    .bind(meeting)
                    .fetch_all(pool)
                    .await?
        );
        Ok(rows.into_iter().map(|(u,)| UserId(u)).collect())
    }

    /// `user` presents now: their timer starts and their note is shown to the group.
    /// Sets a new presenting order while the icebreaker is open;
    /// `Conflict("closed")` once it is closed.
    #[instrument(level = "debug", skip_all)]
    pub async fn set_order(&self, meeting: Uuid, order: &[UserId]) -> Result<(), StoreError> {
        let order = ids_json(order)?;
        let changed = on_db!(self.db, write |pool| sqlx::query(
            "UPDATE icebreakers SET order_json = $2, changed_at = $3 WHERE meeting_id = $1 AND closed_at IS NULL"
        )
        .bind(meeting)
        .bind(order)
        .bind(now_ms())
        .execute(pool)
        .await?
        .rows_affected());
        if changed == 0 {
            return Err(StoreError::Conflict("closed"));
        }
        Ok(())
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn start_turn(&self, meeting: Uuid, user: Option<UserId>) -> Result<(), StoreError> {
        let now = now_ms();
        on_db!(
            self.db,
            write
                | pool
                | {
                    let mut tx = pool.begin().await?;
                    let changed = sqlx::query(
                        "UPDATE icebreakers SET current_user_id = $2, turn_started_at = $3, changed_at = $3 \
                 WHERE meeting_id = $1 AND closed_at IS NULL",
                    )
                    .bind(meeting)
                    .bind(user.map(|u| u.0))
                    .bind(user.map(|_| now))
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                    if changed == 0 {
                        return Err(StoreError::Conflict("closed"));
                    }
                    if let Some(user) = user {
                        sqlx::query(
                            "UPDATE icebreaker_notes SET presented_at = $3 \
                     WHERE meeting_id = $1 AND user_id = $2 AND presented_at IS NULL",
                        )
                        .bind(meeting)
                        .bind(user.0)
                        .bind(now)
                        .execute(&mut *tx)
                        .await?;
                    }
                    tx.commit().await?;
                }
        );
        Ok(())
    }

    /// Closes the icebreaker and forgets every note nobody chose to keep.
    #[instrument(level = "debug", skip_all)]
    pub async fn close_icebreaker(&self, meeting: Uuid) -> Result<(), StoreError> {
        let now = now_ms();
        on_db!(
            self.db,
            write
                | pool
                | {
                    let mut tx = pool.begin().await?;
                    sqlx::query(
                        "UPDATE icebreakers SET closed_at = $2, current_user_id = NULL, turn_started_at = NULL, changed_at = $2 \
                 WHERE meeting_id = $1",
                    )
                    .bind(meeting)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                    sqlx::query(
                        "DELETE FROM icebreaker_notes WHERE meeting_id = $1 AND keep = FALSE",
                    )
                    .bind(meeting)
                    .execute(&mut *tx)
                    .await?;
                    tx.commit().await?;
                }
        );
        Ok(())
    }

    /// Forgets the unkept notes of icebreakers nobody closed, once the
    /// meeting is surely over. Returns how many were forgotten.
    #[instrument(level = "debug", skip_all)]
    pub async fn forget_stale_notes(&self, now: i64) -> Result<u64, StoreError> {
        Ok(on_db!(
            self.db,
            write
                | pool
                | sqlx::query(
                    "DELETE FROM icebreaker_notes WHERE keep = FALSE AND meeting_id IN \
             (SELECT meeting_id FROM icebreakers WHERE opened_at < $1)"
                )
                .bind(now - ICEBREAKER_FORGET_AFTER_MS)
                .execute(pool)
                .await?
                .rows_affected()
        ))
    }
}

// ---------------------------------------------------------------- World Café

#[derive(Debug, Clone)]
pub struct CafeTable {
    pub position: i32,
    pub theme: String,
    pub host_id: UserId,
    pub host_name: String,
}

/// `plan[r][t]`: who sits at table `t` in round `r`, host first.
pub type CafePlan = Vec<Vec<Vec<UserId>>>;

#[derive(Debug, Clone)]
pub struct Cafe {
    pub meeting_id: Uuid,
    pub rounds: u32,
    pub round_minutes: u32,
    pub plan: Option<CafePlan>,
    /// 0 before the first round, `rounds + 1` once the café ended.
    pub current_round: u32,
    pub round_started_at: Option<i64>,
    pub shared_with_group: bool,
    pub changed_at: i64,
    pub tables: Vec<CafeTable>,
}

impl Cafe {
    pub fn ended(&self) -> bool {
        self.current_round > self.rounds
    }

    pub fn running(&self) -> bool {
        self.current_round >= 1 && !self.ended()
    }

    pub fn is_host(&self, user: &UserId) -> bool {
        self.tables.iter().any(|t| t.host_id == *user)
    }

    /// The table `user` sits at in `round` (1-based) and who sits there.
    pub fn seat(&self, user: UserId, round: u32) -> Option<(usize, &[UserId])> {
        let index = usize::try_from(round.checked_sub(1)?).ok()?;
        let tables = self.plan.as_ref()?.get(index)?;
        tables
            .iter()
            .enumerate()
            .find(|(_, people)| people.contains(&user))
            .map(|(t, people)| (t, people.as_slice()))
    }
}

#[derive(Debug, Clone)]
pub struct CafeNote {
    pub position: i32,
    pub round: u32,
    pub text: String,
}

/// A harvest another group shared with this one.
#[derive(Debug, Clone)]
pub struct SharedHarvest {
    pub meeting_id: Uuid,
    pub group_id: SupportGroupId,
    pub group_name: String,
    pub title: String,
    pub starts_at: i64,
}

type CafeRow = (i32, i32, Option<String>, i32, Option<i64>, bool, i64);

impl MeetingFlow<'_> {
    /// Sets the café's tables (theme and host each), rounds and their length.
    /// `Conflict("started")` once the first round began.
    #[instrument(level = "debug", skip_all)]
    pub async fn set_up_cafe(
        &self,
        meeting: Uuid,
        tables: &[(String, UserId)],
        rounds: u32,
        round_minutes: u32,
    ) -> Result<(), StoreError> {
        if let Some(cafe) = self.cafe(meeting).await?
            && cafe.current_round > 0
        {
            return Err(StoreError::Conflict("started"));
        }
        let now = now_ms();
        on_db!(
            self.db,
            write
                | pool
                | {
                    let mut tx = pool.begin().await?;
                    sqlx::query(
                        "INSERT INTO cafes (meeting_id, rounds, round_minutes, changed_at) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (meeting_id) DO UPDATE SET rounds = excluded.rounds, round_minutes = excluded.round_minutes, \
                 plan_json = NULL, changed_at = excluded.changed_at",
                    )
                    .bind(meeting)
                    .bind(i32::try_from(rounds).unwrap_or(1))
                    .bind(i32::try_from(round_minutes).unwrap_or(1))
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                    sqlx::query("DELETE FROM cafe_tables WHERE meeting_id = $1")
                        .bind(meeting)
                        .execute(&mut *tx)
                        .await?;
                    for (position, (theme, host)) in tables.iter().enumerate() {
                        sqlx::query(
                            "INSERT INTO cafe_tables (meeting_id, position, theme, host_id) VALUES ($1, $2, $3, $4)",
                        )
                        .bind(meeting)
                        .bind(i32::try_from(position).unwrap_or(0))
                        .bind(theme)
                        .bind(host.0)
                        .execute(&mut *tx)
                        .await?;
                    }
                    tx.commit().await?;
                }
        );
        Ok(())
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn cafe(&self, meeting: Uuid) -> Result<Option<Cafe>, StoreError> {
        let row: Option<CafeRow> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT rounds, round_minutes, plan_json, current_round, round_started_at, shared_with_group, changed_at \
             FROM cafes WHERE meeting_id = $1"
        )
        .bind(meeting)
        .fetch_optional(pool)
        .await?);
        let Some((rounds, round_minutes, plan, current_round, started, shared, changed_at)) = row
        else {
            return Ok(None);
        };
        let tables: Vec<(i32, String, Uuid, String)> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT t.position, t.theme, t.host_id, u.display_name FROM cafe_tables t JOIN users u ON u.id = t.host_id \
             WHERE t.meeting_id = $1 ORDER BY t.position"
        )
        .bind(meeting)
        .fetch_all(pool)
        .await?);
        let plan = match plan {
            Some(text) => {
                let ids: Vec<Vec<Vec<Uuid>>> = serde_json::from_str(&text)
                    .map_err(|e| StoreError::Corrupt(format!("café plan: {e}")))?;
                Some(
                    ids.into_iter()
                        .map(|round| {
                            round
                                .into_iter()
                                .map(|t| t.into_iter().map(UserId).collect())
                                .collect()
                        })
                        .collect(),
                )
            }
            None => None,
        };
        let count = |n: i32| u32::try_from(n).unwrap_or(0);
        Ok(Some(Cafe {
            meeting_id: meeting,
            rounds: count(rounds),
            round_minutes: count(round_minutes),
            plan,
            current_round: count(current_round),
            round_started_at: started,
            shared_with_group: shared,
            changed_at,
            tables: tables
                .into_iter()
                .map(|(position, theme, host, host_name)| CafeTable {
                    position,
                    theme,
                    host_id: UserId(host),
                    host_name,
                })
                .collect(),
        }))
    }

    /// Saves the seating from the group engine.
    #[instrument(level = "debug", skip_all)]
    pub async fn set_cafe_plan(&self, meeting: Uuid, plan: &CafePlan) -> Result<(), StoreError> {
        let ids: Vec<Vec<Vec<Uuid>>> = plan
            .iter()
            .map(|round| {
                round
                    .iter()
                    .map(|t| t.iter().map(|u| u.0).collect())
                    .collect()
            })
            .collect();
        let text = serde_json::to_string(&ids).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let changed = on_db!(self.db, write |pool| sqlx::query(
            "UPDATE cafes SET plan_json = $2, changed_at = $3 WHERE meeting_id = $1 AND current_round = 0"
        )
        .bind(meeting)
        .bind(text)
        .bind(now_ms())
        .execute(pool)
        .await?
        .rows_affected());
        if changed == 0 {
            return Err(StoreError::Conflict("started"));
        }
        Ok(())
    }

    /// Starts the next round (or ends the café after the last).
    #[instrument(level = "debug", skip_all)]
    pub async fn next_round(&self, meeting: Uuid) -> Result<(), StoreError> {
        let now = now_ms();
        let changed = on_db!(self.db, write |pool| sqlx::query(
            "UPDATE cafes SET current_round = current_round + 1, round_started_at = $2, changed_at = $2 \
             WHERE meeting_id = $1 AND plan_json IS NOT NULL AND current_round <= rounds"
        )
        .bind(meeting)
        .bind(now)
        .execute(pool)
        .await?
        .rows_affected());
        if changed == 0 {
            return Err(StoreError::Conflict("round"));
        }
        Ok(())
    }

    /// A host's notes for their table in one round.
    #[instrument(level = "debug", skip_all)]
    pub async fn write_cafe_note(
        &self,
        meeting: Uuid,
        position: i32,
        round: u32,
        text: &str,
    ) -> Result<(), StoreError> {
        let now = now_ms();
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO cafe_notes (meeting_id, position, round, text, updated_at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (meeting_id, position, round) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at"
        )
        .bind(meeting)
        .bind(position)
        .bind(i32::try_from(round).unwrap_or(0))
        .bind(text)
        .bind(now)
        .execute(pool)
        .await?
        .rows_affected());
        on_db!(
            self.db,
            write
                | pool
                | sqlx::query("UPDATE cafes SET changed_at = $2 WHERE meeting_id = $1")
                    .bind(meeting)
                    .bind(now)
                    .execute(pool)
                    .await?
                    .rows_affected()
        );
        Ok(())
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn cafe_notes(&self, meeting: Uuid) -> Result<Vec<CafeNote>, StoreError> {
        let rows: Vec<(i32, i32, String)> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT position, round, text FROM cafe_notes WHERE meeting_id = $1 ORDER BY position, round"
        )
        .bind(meeting)
        .fetch_all(pool)
        .await?);
        Ok(rows
            .into_iter()
            .map(|(position, round, text)| CafeNote {
                position,
                round: u32::try_from(round).unwrap_or(0),
                text,
            })
            .collect())
    }

    /// Every member of the group may read the harvest (or only its
    /// facilitators and hosts again).
    #[instrument(level = "debug", skip_all)]
    pub async fn share_harvest_with_group(
        &self,
        meeting: Uuid,
        shared: bool,
    ) -> Result<(), StoreError> {
        let changed =
            on_db!(self.db, write |pool| sqlx::query(
            "UPDATE cafes SET shared_with_group = $2, changed_at = $3 WHERE meeting_id = $1"
        )
        .bind(meeting)
        .bind(shared)
        .bind(now_ms())
        .execute(pool)
        .await?
        .rows_affected());
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Shares the harvest with another group (the caller checks they cooperate).
    #[instrument(level = "debug", skip_all)]
    pub async fn share_harvest_with(
        &self,
        meeting: Uuid,
        group: SupportGroupId,
    ) -> Result<(), StoreError> {
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO cafe_shares (meeting_id, group_id, shared_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING"
        )
        .bind(meeting)
        .bind(group.0)
        .bind(now_ms())
        .execute(pool)
        .await?
        .rows_affected());
        Ok(())
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn harvest_shared_with(
        &self,
        meeting: Uuid,
    ) -> Result<Vec<SupportGroupId>, StoreError> {
        let rows: Vec<(Uuid,)> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as("SELECT group_id FROM cafe_shares WHERE meeting_id = $1")
                    .bind(meeting)
                    .fetch_all(pool)
                    .await?
        );
        Ok(rows.into_iter().map(|(g,)| SupportGroupId(g)).collect())
    }

    /// Harvests other groups shared with `group`, newest first.
    #[instrument(level = "debug", skip_all)]
    pub async fn harvests_shared_to(
        &self,
        group: SupportGroupId,
    ) -> Result<Vec<SharedHarvest>, StoreError> {
        let rows: Vec<(Uuid, Uuid, String, String, i64)> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT m.id, g.id, g.name, m.title, m.starts_at FROM cafe_shares s \
             JOIN support_group_meetings m ON m.id = s.meeting_id JOIN support_groups g ON g.id = m.group_id \
             WHERE s.group_id = $1 ORDER BY m.starts_at DESC"
        )
        .bind(group.0)
        .fetch_all(pool)
        .await?);
        Ok(rows
            .into_iter()
            .map(
                |(meeting_id, group_id, group_name, title, starts_at)| SharedHarvest {
                    meeting_id,
                    group_id: SupportGroupId(group_id),
                    group_name,
                    title,
                    starts_at,
                },
            )
            .collect())
    }

    /// The group a meeting belongs to.
    #[instrument(level = "debug", skip_all)]
    pub async fn group_of_meeting(&self, meeting: Uuid) -> Result<SupportGroupId, StoreError> {
        let row: Option<(Uuid,)> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as("SELECT group_id FROM support_group_meetings WHERE id = $1")
                    .bind(meeting)
                    .fetch_optional(pool)
                    .await?
        );
        Ok(SupportGroupId(row.found()?.0))
    }
}
