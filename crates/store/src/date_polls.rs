//! Agreeing the next date (a poll members answer, also through a personal
//! link without signing in) and the feedback pulse, whose answers carry no
//! trace of who gave them.

use crate::db::{Db, on_db};
use crate::error::{OptionalRow, StoreError};
use crate::time::now_ms;
use hearth_domain::UserId;
use hearth_domain::meeting_flow::{DateAnswer, PULSE_MIN_ANSWERS, PulseQuestion, QuestionKind};
use hearth_domain::support_groups::SupportGroupId;
use sha2::{Digest, Sha256};
use tracing::instrument;
use uuid::Uuid;

pub struct DatePolls<'a> {
    pub(crate) db: &'a Db,
}

pub struct Pulses<'a> {
    pub(crate) db: &'a Db,
}

impl crate::Store {
    pub fn date_polls(&self) -> DatePolls<'_> {
        DatePolls { db: self.db() }
    }
    pub fn pulses(&self) -> Pulses<'_> {
        Pulses { db: self.db() }
    }
}

#[derive(Debug, Clone)]
pub struct PollOption {
    pub id: Uuid,
    pub starts_at: i64,
}

#[derive(Debug, Clone)]
pub struct DatePoll {
    pub id: Uuid,
    pub group_id: SupportGroupId,
    pub meeting_id: Option<Uuid>,
    pub title: String,
    pub place: Option<String>,
    pub online: bool,
    pub time_zone: String,
    pub created_at: i64,
    pub chosen_option: Option<Uuid>,
    pub scheduled_meeting_id: Option<Uuid>,
    pub closed: bool,
    pub options: Vec<PollOption>,
}

#[derive(Debug, Clone)]
pub struct NewDatePoll {
    pub meeting_id: Option<Uuid>,
    pub title: String,
    pub place: Option<String>,
    pub online: bool,
    pub time_zone: String,
    pub options: Vec<i64>,
}

type PollRow = (
    Uuid,
    Uuid,
    Option<Uuid>,
    String,
    Option<String>,
    bool,
    String,
    i64,
    Option<Uuid>,
    Option<Uuid>,
    Option<i64>,
);

const POLL_SELECT: &str = "SELECT id, group_id, meeting_id, title, place, online, time_zone, created_at, \
     chosen_option, scheduled_meeting_id, closed_at FROM date_polls";

fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

impl DatePolls<'_> {
    #[instrument(level = "debug", skip_all)]
    pub async fn create(
        &self,
        group: SupportGroupId,
        poll: &NewDatePoll,
        created_by: UserId,
    ) -> Result<Uuid, StoreError> {
        let id = Uuid::now_v7();
        let now = now_ms();
        on_db!(
            self.db,
            write
                | pool
                | {
                    let mut tx = pool.begin().await?;
                    sqlx::query(
                        "INSERT INTO date_polls (id, group_id, meeting_id, title, place, online, time_zone, created_by, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                    )
                    .bind(id)
                    .bind(group.0)
                    .bind(poll.meeting_id)
                    .bind(&poll.title)
                    .bind(poll.place.as_deref())
                    .bind(poll.online)
                    .bind(&poll.time_zone)
                    .bind(created_by.0)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                    for starts_at in &poll.options {
                        sqlx::query(
                            "INSERT INTO date_poll_options (id, poll_id, starts_at) VALUES ($1, $2, $3)",
                        )
                        .bind(Uuid::now_v7())
                        .bind(id)
                        .bind(starts_at)
                        .execute(&mut *tx)
                        .await?;
                    }
                    tx.commit().await?;
                }
        );
        Ok(id)
    }

    async fn options(&self, poll: Uuid) -> Result<Vec<PollOption>, StoreError> {
        let rows: Vec<(Uuid, i64)> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT id, starts_at FROM date_poll_options WHERE poll_id = $1 ORDER BY starts_at, id"
        )
        .bind(poll)
        .fetch_all(pool)
        .await?);
        Ok(rows
            .into_iter()
            .map(|(id, starts_at)| PollOption { id, starts_at })
            .collect())
    }

    async fn with_options(&self, row: PollRow) -> Result<DatePoll, StoreError> {
        let (id, group, meeting, title, place, online, zone, created_at, chosen, scheduled, closed) =
            row;
        Ok(DatePoll {
            id,
            group_id: SupportGroupId(group),
            meeting_id: meeting,
            title,
            place,
            online,
            time_zone: zone,
            created_at,
            chosen_option: chosen,
            scheduled_meeting_id: scheduled,
            closed: closed.is_some(),
            options: self.options(id).await?,
        })
    }

    /// A poll of this group; `NotFound` for another group's.
    #[instrument(level = "debug", skip_all)]
    pub async fn get(&self, group: SupportGroupId, id: Uuid) -> Result<DatePoll, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!("{POLL_SELECT} WHERE id = $1 AND group_id = $2"));
        let row: Option<PollRow> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as(sql)
                    .bind(id)
                    .bind(group.0)
                    .fetch_optional(pool)
                    .await?
        );
        self.with_options(row.found()?).await
    }

    /// A group's polls, newest first.
    #[instrument(level = "debug", skip_all)]
    pub async fn for_group(&self, group: SupportGroupId) -> Result<Vec<DatePoll>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "{POLL_SELECT} WHERE group_id = $1 ORDER BY created_at DESC"
        ));
        let rows: Vec<PollRow> = on_db!(
            self.db,
            read | pool | sqlx::query_as(sql).bind(group.0).fetch_all(pool).await?
        );
        let mut polls = Vec::new();
        for row in rows {
            polls.push(self.with_options(row).await?);
        }
        Ok(polls)
    }

    /// Every answer: (option, person, answer).
    #[instrument(level = "debug", skip_all)]
    pub async fn answers(&self, poll: Uuid) -> Result<Vec<(Uuid, UserId, DateAnswer)>, StoreError> {
        let rows: Vec<(Uuid, Uuid, String)> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as(
                    "SELECT a.option_id, a.user_id, a.answer FROM date_poll_answers a \
             JOIN date_poll_options o ON o.id = a.option_id WHERE o.poll_id = $1"
                )
                .bind(poll)
                .fetch_all(pool)
                .await?
        );
        rows.into_iter()
            .map(|(option, user, answer)| {
                let answer = answer
                    .parse()
                    .map_err(|_| StoreError::Corrupt(format!("date answer {answer}")))?;
                Ok((option, UserId(user), answer))
            })
            .collect()
    }

    /// One person's answers to an open poll. `NotFound` when an option is
    /// not this poll's; `Conflict("closed")` once the date is confirmed.
    #[instrument(level = "debug", skip_all)]
    pub async fn answer(
        &self,
        poll: Uuid,
        user: UserId,
        answers: &[(Uuid, DateAnswer)],
    ) -> Result<(), StoreError> {
        let now = now_ms();
        on_db!(
            self.db,
            write
                | pool
                | {
                    let mut tx = pool.begin().await?;
                    let open: Option<(Option<i64>,)> =
                        sqlx::query_as("SELECT closed_at FROM date_polls WHERE id = $1")
                            .bind(poll)
                            .fetch_optional(&mut *tx)
                            .await?;
                    match open {
                        None => return Err(StoreError::NotFound),
                        Some((Some(_),)) => return Err(StoreError::Conflict("closed")),
                        Some((None,)) => {}
                    }
                    for (option, answer) in answers {
                        let written = sqlx::query(
                            "INSERT INTO date_poll_answers (option_id, user_id, answer, answered_at) \
                     SELECT id, $2, $3, $4 FROM date_poll_options WHERE id = $1 AND poll_id = $5 \
                     ON CONFLICT (option_id, user_id) DO UPDATE SET answer = excluded.answer, answered_at = excluded.answered_at",
                        )
                        .bind(option)
                        .bind(user.0)
                        .bind(answer.as_str())
                        .bind(now)
                        .bind(poll)
                        .execute(&mut *tx)
                        .await?
                        .rows_affected();
                        if written == 0 {
                            return Err(StoreError::NotFound);
                        }
                    }
                    tx.commit().await?;
                }
        );
        Ok(())
    }

    /// A new personal link token for `user` to answer `poll` (an earlier one stops working).
    #[instrument(level = "debug", skip_all)]
    pub async fn new_token(&self, poll: Uuid, user: UserId) -> Result<String, StoreError> {
        let token = crate::sessions::new_token()?;
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO date_poll_tokens (token_hash, poll_id, user_id) VALUES ($1, $2, $3) \
             ON CONFLICT (poll_id, user_id) DO UPDATE SET token_hash = excluded.token_hash"
        )
        .bind(token_hash(&token))
        .bind(poll)
        .bind(user.0)
        .execute(pool)
        .await?
        .rows_affected());
        Ok(token)
    }

    /// Whose link this is and for which poll.
    #[instrument(level = "debug", skip_all)]
    pub async fn by_token(
        &self,
        token: &str,
    ) -> Result<Option<(SupportGroupId, Uuid, UserId)>, StoreError> {
        let row: Option<(Uuid, Uuid, Uuid)> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT p.group_id, t.poll_id, t.user_id FROM date_poll_tokens t JOIN date_polls p ON p.id = t.poll_id \
             JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1 AND u.active = TRUE"
        )
        .bind(token_hash(token))
        .fetch_optional(pool)
        .await?);
        Ok(row.map(|(g, p, u)| (SupportGroupId(g), p, UserId(u))))
    }

    /// The facilitator confirmed `option`; the meeting made for it.
    #[instrument(level = "debug", skip_all)]
    pub async fn confirm(&self, poll: Uuid, option: Uuid, meeting: Uuid) -> Result<(), StoreError> {
        let changed = on_db!(self.db, write |pool| sqlx::query(
            "UPDATE date_polls SET chosen_option = $2, scheduled_meeting_id = $3, closed_at = $4 \
             WHERE id = $1 AND closed_at IS NULL"
        )
        .bind(poll)
        .bind(option)
        .bind(meeting)
        .bind(now_ms())
        .execute(pool)
        .await?
        .rows_affected());
        if changed == 0 {
            return Err(StoreError::Conflict("closed"));
        }
        Ok(())
    }
}

// ---------------------------------------------------------------- pulses

#[derive(Debug, Clone)]
pub struct Pulse {
    pub id: Uuid,
    pub group_id: SupportGroupId,
    pub title: String,
    pub questions: Vec<PulseQuestion>,
    pub created_at: i64,
    pub closed: bool,
    pub respondents: i64,
}

/// One answer to one question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PulseAnswer {
    Score(i32),
    Words(Option<String>),
}

/// What a question's answers add up to.
#[derive(Debug, Clone)]
pub struct QuestionSummary {
    pub question: PulseQuestion,
    /// How many gave 1, 2, 3, 4 and 5.
    pub counts: [i64; 5],
    /// Tenths, e.g. 42 for 4.2; `None` without scores.
    pub average_tenths: Option<i64>,
    /// Free answers, in alphabetical order (never in the order given).
    pub words: Vec<String>,
}

impl QuestionSummary {
    /// How many gave a score.
    pub fn total(&self) -> i64 {
        self.counts.iter().sum()
    }
}

type PulseRow = (Uuid, Uuid, String, String, i64, Option<i64>, i64);

const PULSE_SELECT: &str = "SELECT p.id, p.group_id, p.title, p.questions_json, p.created_at, p.closed_at, \
     (SELECT COUNT(*) FROM pulse_respondents r WHERE r.pulse_id = p.id) FROM pulses p";

fn pulse(row: PulseRow) -> Result<Pulse, StoreError> {
    let (id, group, title, questions, created_at, closed_at, respondents) = row;
    Ok(Pulse {
        id,
        group_id: SupportGroupId(group),
        title,
        questions: serde_json::from_str(&questions)
            .map_err(|e| StoreError::Corrupt(format!("pulse questions: {e}")))?,
        created_at,
        closed: closed_at.is_some(),
        respondents,
    })
}

impl Pulses<'_> {
    #[instrument(level = "debug", skip_all)]
    pub async fn create(
        &self,
        group: SupportGroupId,
        title: &str,
        questions: &[PulseQuestion],
        created_by: UserId,
    ) -> Result<Uuid, StoreError> {
        let id = Uuid::now_v7();
        let questions =
            serde_json::to_string(questions).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO pulses (id, group_id, title, questions_json, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)"
        )
        .bind(id)
        .bind(group.0)
        .bind(title)
        .bind(questions)
        .bind(created_by.0)
        .bind(now_ms())
        .execute(pool)
        .await?
        .rows_affected());
        Ok(id)
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn get(&self, group: SupportGroupId, id: Uuid) -> Result<Pulse, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "{PULSE_SELECT} WHERE p.id = $1 AND p.group_id = $2"
        ));
        let row: Option<PulseRow> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as(sql)
                    .bind(id)
                    .bind(group.0)
                    .fetch_optional(pool)
                    .await?
        );
        pulse(row.found()?)
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn for_group(&self, group: SupportGroupId) -> Result<Vec<Pulse>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "{PULSE_SELECT} WHERE p.group_id = $1 ORDER BY p.created_at DESC"
        ));
        let rows: Vec<PulseRow> = on_db!(
            self.db,
            read | pool | sqlx::query_as(sql).bind(group.0).fetch_all(pool).await?
        );
        rows.into_iter().map(pulse).collect()
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn has_answered(&self, pulse: Uuid, user: UserId) -> Result<bool, StoreError> {
        let row: Option<(Uuid,)> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as(
                    "SELECT user_id FROM pulse_respondents WHERE pulse_id = $1 AND user_id = $2"
                )
                .bind(pulse)
                .bind(user.0)
                .fetch_optional(pool)
                .await?
        );
        Ok(row.is_some())
    }

    /// Records that `user` answered and, apart, what was answered: the two
    /// are never linked. `Conflict("answered")` the second time,
    /// `Conflict("closed")` once closed.
    #[instrument(level = "debug", skip_all)]
    pub async fn answer(
        &self,
        pulse: Uuid,
        user: UserId,
        answers: &[PulseAnswer],
    ) -> Result<(), StoreError> {
        on_db!(
            self.db,
            write
                | pool
                | {
                    let mut tx = pool.begin().await?;
                    let open: Option<(Option<i64>,)> =
                        sqlx::query_as("SELECT closed_at FROM pulses WHERE id = $1")
                            .bind(pulse)
                            .fetch_optional(&mut *tx)
                            .await?;
                    match open {
                        None => return Err(StoreError::NotFound),
                        Some((Some(_),)) => return Err(StoreError::Conflict("closed")),
                        Some((None,)) => {}
                    }
                    sqlx::query(
                        "INSERT INTO pulse_respondents (pulse_id, user_id) VALUES ($1, $2)",
                    )
                    .bind(pulse)
                    .bind(user.0)
                    .execute(&mut *tx)
                    .await
                    .map_err(StoreError::unique("answered"))?;
                    for (question, answer) in answers.iter().enumerate() {
                        let (score, words) = match answer {
                            PulseAnswer::Score(n) => (Some(*n), None),
                            PulseAnswer::Words(None) => continue,
                            PulseAnswer::Words(Some(text)) => (None, Some(text.as_str())),
                        };
                        // A random id, not a time-ordered one: nothing about
                        // the row tells when (so by whom) it was written.
                        sqlx::query(
                            "INSERT INTO pulse_answers (id, pulse_id, question, score, words) VALUES ($1, $2, $3, $4, $5)",
                        )
                        .bind(Uuid::new_v4())
                        .bind(pulse)
                        .bind(i32::try_from(question).unwrap_or(0))
                        .bind(score)
                        .bind(words)
                        .execute(&mut *tx)
                        .await?;
                    }
                    tx.commit().await?;
                }
        );
        Ok(())
    }

    /// The summary, or `None` while fewer than [`PULSE_MIN_ANSWERS`] answered:
    /// below that, the answers never leave the store.
    #[instrument(level = "debug", skip_all)]
    pub async fn summary(&self, pulse: &Pulse) -> Result<Option<Vec<QuestionSummary>>, StoreError> {
        if pulse.respondents < PULSE_MIN_ANSWERS {
            return Ok(None);
        }
        let rows: Vec<(i32, Option<i32>, Option<String>)> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as(
                    "SELECT question, score, words FROM pulse_answers WHERE pulse_id = $1"
                )
                .bind(pulse.id)
                .fetch_all(pool)
                .await?
        );
        let mut summaries: Vec<QuestionSummary> = pulse
            .questions
            .iter()
            .map(|q| QuestionSummary {
                question: q.clone(),
                counts: [0; 5],
                average_tenths: None,
                words: Vec::new(),
            })
            .collect();
        for (question, score, words) in rows {
            let Some(summary) = usize::try_from(question)
                .ok()
                .and_then(|q| summaries.get_mut(q))
            else {
                continue;
            };
            if let Some(n) = score
                && let Some(slot) = usize::try_from(n - 1)
                    .ok()
                    .and_then(|i| summary.counts.get_mut(i))
            {
                *slot += 1;
            }
            if let Some(text) = words {
                summary.words.push(text);
            }
        }
        for summary in &mut summaries {
            summary.words.sort();
            let count: i64 = summary.counts.iter().sum();
            if summary.question.kind == QuestionKind::Scale && count > 0 {
                let total: i64 = summary
                    .counts
                    .iter()
                    .zip(1..)
                    .map(|(c, score)| c * score)
                    .sum();
                summary.average_tenths = Some((total * 10 + count / 2) / count);
            }
        }
        Ok(Some(summaries))
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn close(&self, pulse: Uuid) -> Result<(), StoreError> {
        on_db!(
            self.db,
            write
                | pool
                | sqlx::query(
                    "UPDATE pulses SET closed_at = $2 WHERE id = $1 AND closed_at IS NULL"
                )
                .bind(pulse)
                .bind(now_ms())
                .execute(pool)
                .await?
                .rows_affected()
        );
        Ok(())
    }
}
