//! Email: through SMTP when configured, otherwise into the outbox folder so
//! a coordinator without a mail server can still copy an invitation link.

use crate::config::WebConfig;
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::path::PathBuf;

pub struct Mailer {
    smtp: Option<AsyncSmtpTransport<Tokio1Executor>>,
    outbox: PathBuf,
    from: String,
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("the address {0} cannot receive email")]
    Address(String),
    #[error("the message could not be built: {0}")]
    Build(String),
    #[error("the mail server refused the message: {0}")]
    Smtp(String),
    #[error("the outbox could not be written: {0}")]
    Outbox(#[from] std::io::Error),
}

impl Mailer {
    pub fn new(config: &WebConfig) -> Mailer {
        let smtp = config.smtp_url.as_deref().and_then(|url| match AsyncSmtpTransport::<Tokio1Executor>::from_url(url) {
            Ok(builder) => Some(builder.build()),
            Err(error) => {
                tracing::error!(%error, "the SMTP address is not valid; writing mail to the outbox instead");
                None
            }
        });
        Mailer {
            smtp,
            outbox: config.outbox_dir(),
            from: config.mail_from.clone(),
        }
    }

    pub async fn send(&self, to: &str, subject: &str, body: &str) -> Result<(), MailError> {
        let to_box: Mailbox = to.parse().map_err(|_| MailError::Address(to.to_owned()))?;
        let from: Mailbox = self
            .from
            .parse()
            .map_err(|_| MailError::Address(self.from.clone()))?;
        let message = Message::builder()
            .from(from)
            .to(to_box)
            .subject(subject)
            .body(body.to_owned())
            .map_err(|e| MailError::Build(e.to_string()))?;
        self.deliver(message, to, subject).await
    }

    /// An email with a calendar invitation attached (`invite.ics`), so the
    /// person's mail program offers to add it to their calendar.
    pub async fn send_with_calendar(
        &self,
        to: &str,
        subject: &str,
        body: &str,
        ics: &str,
    ) -> Result<(), MailError> {
        use lettre::message::header::ContentType;
        use lettre::message::{Attachment, MultiPart, SinglePart};
        let to_box: Mailbox = to.parse().map_err(|_| MailError::Address(to.to_owned()))?;
        let from: Mailbox = self
            .from
            .parse()
            .map_err(|_| MailError::Address(self.from.clone()))?;
        // The part's method follows the calendar's own (PUBLISH or CANCEL).
        let method = ics
            .lines()
            .find_map(|l| l.strip_prefix("METHOD:"))
            .unwrap_or("PUBLISH")
            .trim();
        let calendar =
            ContentType::parse(&format!("text/calendar; charset=utf-8; method={method}"))
                .map_err(|e| MailError::Build(e.to_string()))?;
        let message = Message::builder()
            .from(from)
            .to(to_box)
            .subject(subject)
            .multipart(
                MultiPart::mixed()
                    .singlepart(SinglePart::plain(body.to_owned()))
                    .singlepart(
                        Attachment::new("invite.ics".to_owned()).body(ics.to_owned(), calendar),
                    ),
            )
            .map_err(|e| MailError::Build(e.to_string()))?;
        self.deliver(message, to, subject).await
    }

    async fn deliver(&self, message: Message, to: &str, subject: &str) -> Result<(), MailError> {
        match &self.smtp {
            Some(transport) => {
                transport
                    .send(message)
                    .await
                    .map_err(|e| MailError::Smtp(e.to_string()))?;
                tracing::info!(to, subject, "email sent");
            }
            None => {
                tokio::fs::create_dir_all(&self.outbox).await?;
                let name = format!(
                    "{}-{}.eml",
                    jiff::Timestamp::now().as_millisecond(),
                    uuid::Uuid::now_v7()
                );
                let path = self.outbox.join(name);
                tokio::fs::write(&path, message.formatted()).await?;
                tracing::info!(to, subject, path = %path.display(), "no mail server configured: email written to the outbox");
            }
        }
        Ok(())
    }
}
