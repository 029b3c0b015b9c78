//! The job runner: sends queued email (and, later, reminders and digests).
//! Jobs are stored, so nothing queued is lost when the server restarts.

use crate::state::AppState;
use hearth_domain::UserId;
use hearth_store::{StoreError, now_ms};
use serde::{Deserialize, Serialize};
use std::time::Duration;
use tokio::task::JoinHandle;

pub const EMAIL: &str = "email";
const MAX_ATTEMPTS: i32 = 5;

#[derive(Debug, Serialize, Deserialize)]
pub struct EmailJob {
    pub to: String,
    pub subject: String,
    pub body: String,
    /// What a scheduled email is about (e.g. `meeting:<id>`), so it can be
    /// withdrawn when its occasion moves or is cancelled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub about: Option<String>,
}

/// Queues an email; the runner sends it within a second or two.
pub async fn queue_email(
    state: &AppState,
    to: &str,
    subject: &str,
    body: &str,
) -> Result<(), StoreError> {
    let job = EmailJob {
        to: to.to_owned(),
        subject: subject.to_owned(),
        body: body.to_owned(),
        about: None,
    };
    let payload = serde_json::to_value(&job).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    state
        .store
        .jobs()
        .enqueue(EMAIL, &payload, now_ms())
        .await?;
    Ok(())
}

/// Notifies someone in the app and, when `email` is set, by email too.
pub async fn notify(
    state: &AppState,
    user: UserId,
    title: &str,
    body: &str,
    link: Option<&str>,
    email: bool,
) -> Result<(), StoreError> {
    state
        .store
        .notifications()
        .create(user, title, body, link)
        .await?;
    if email {
        let person = state.store.people().get(user).await?;
        let text = match link {
            Some(link) => format!("{body}\n\n{}{link}", state.config.public_url),
            None => body.to_owned(),
        };
        queue_email(state, &person.email, title, &text).await?;
    }
    Ok(())
}

pub fn spawn_runner(state: AppState) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut last_prune = 0;
        // Tomorrow's retention pass is queued before any backlog is worked through.
        if let Err(error) = crate::routes::schedule_retention(&state).await {
            tracing::error!(%error, "could not queue the retention pass");
        }
        loop {
            match run_due(&state).await {
                Ok(0) => tokio::time::sleep(Duration::from_millis(500)).await,
                Ok(_) => {}
                Err(error) => {
                    tracing::error!(%error, "the job runner could not read the queue");
                    tokio::time::sleep(Duration::from_secs(5)).await;
                }
            }
            // Once an hour, forget expired sessions and old sign-in failures.
            if now_ms() - last_prune > 3_600_000 {
                last_prune = now_ms();
                // And make sure tomorrow's retention pass is queued (once, however many instances).
                if let Err(error) = crate::routes::schedule_retention(&state).await {
                    tracing::error!(%error, "could not queue the retention pass");
                }
                if let Err(error) = state.store.sessions().prune(now_ms() - 86_400_000).await {
                    tracing::error!(%error, "could not prune sessions");
                }
                // Icebreaker notes nobody chose to keep, of meetings surely over (issue 8).
                if let Err(error) = state
                    .store
                    .meeting_flow()
                    .forget_stale_notes(now_ms())
                    .await
                {
                    tracing::error!(%error, "could not forget old icebreaker notes");
                }
            }
        }
    })
}

/// Runs every job that is due; returns how many ran.
pub async fn run_due(state: &AppState) -> Result<usize, StoreError> {
    let mut ran = 0;
    while let Some(job) = state.store.jobs().claim().await? {
        ran += 1;
        let outcome = match job.kind.as_str() {
            EMAIL => match serde_json::from_value::<EmailJob>(job.payload.clone()) {
                Ok(email) => state
                    .mailer
                    .send(&email.to, &email.subject, &email.body)
                    .await
                    .map_err(|e| e.to_string()),
                Err(error) => Err(format!("unreadable email job: {error}")),
            },
            crate::routes::SUPPORT_SHIFT_REMINDER => {
                crate::routes::run_support_shift_reminder(state, &job.payload).await
            }
            crate::conversations::notify::DIGEST => {
                crate::conversations::notify::run_digest(state, &job.payload).await
            }
            // Ongoing one-to-one support and referrals (issue 7).
            kind if kind.starts_with(crate::routes::ONGOING_JOB_PREFIX) => {
                crate::routes::run_ongoing_job(state, kind, &job.payload).await
            }
            crate::routes::RETENTION_JOB => crate::routes::run_retention(state, &job.payload).await,
            other => Err(format!("unknown job kind {other}")),
        };
        match outcome {
            Ok(()) => state.store.jobs().complete(job.id).await?,
            Err(error) => {
                tracing::warn!(kind = job.kind, attempts = job.attempts, %error, "job failed; will retry");
                let backoff = 30_000 * i64::from(job.attempts.max(1));
                state
                    .store
                    .jobs()
                    .fail(&job, &error, backoff, MAX_ATTEMPTS)
                    .await?;
            }
        }
    }
    Ok(ran)
}
