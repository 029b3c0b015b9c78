//! Flags, each also a `HEARTH_*` variable.

use clap::{Args, ValueEnum};
use std::fmt;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Args, Clone)]
pub struct DatabaseArgs {
    /// `postgres://…` or `sqlite://path`; by default an SQLite file in the data folder.
    #[arg(long, env = "HEARTH_DATABASE_URL")]
    pub database_url: Option<String>,
    /// Where Hearth keeps its files (the SQLite database, the email outbox).
    #[arg(long, env = "HEARTH_DATA_DIR", default_value = "hearth-data")]
    pub data_dir: PathBuf,
}

// The database URL may hold a password: show only what is safe.
impl fmt::Debug for DatabaseArgs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DatabaseArgs")
            .field(
                "database_url",
                &self.database_url.as_deref().map(redact_url),
            )
            .field("data_dir", &self.data_dir)
            .finish()
    }
}

#[derive(Args, Clone)]
pub struct ServeArgs {
    /// The address to listen on.
    #[arg(long, env = "HEARTH_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: String,
    /// Load the demo organisation into an empty database.
    #[arg(long, env = "HEARTH_DEMO")]
    pub demo: bool,
    /// The address people open (for links in emails), e.g. https://hearth.example.org.
    #[arg(long, env = "HEARTH_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// `smtp://user:password@host:587` or `smtps://…`; without it, emails go to the outbox folder.
    #[arg(long, env = "HEARTH_SMTP_URL")]
    pub smtp_url: Option<String>,
    /// A video meeting service for the peer groups' calls (e.g. https://meet.jit.si or your own Jitsi Meet).
    #[arg(long, env = "HEARTH_VIDEO_BASE_URL")]
    pub video_base_url: Option<String>,
    /// The sender of Hearth's emails.
    #[arg(
        long,
        env = "HEARTH_MAIL_FROM",
        default_value = "Hearth <hearth@localhost>"
    )]
    pub mail_from: String,
    #[command(flatten)]
    pub database: DatabaseArgs,
}

impl fmt::Debug for ServeArgs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServeArgs")
            .field("addr", &self.addr)
            .field("demo", &self.demo)
            .field("public_url", &self.public_url)
            .field("smtp_url", &self.smtp_url.as_deref().map(redact_url))
            .field("mail_from", &self.mail_from)
            .field("video_base_url", &self.video_base_url)
            .field("database", &self.database)
            .finish()
    }
}

/// `scheme://user:secret@host/…` becomes `scheme://user:[redacted]@host/…`.
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let Some((credentials, host)) = rest.split_once('@') else {
        return url.to_owned();
    };
    match credentials.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:[redacted]@{host}"),
        None => url.to_owned(),
    }
}

pub fn init_logging(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("HEARTH_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn,tower_http=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Text => builder.init(),
        LogFormat::Json => builder.json().init(),
    }
}

#[cfg(test)]
mod tests {
    use super::redact_url;

    #[test]
    fn passwords_never_reach_the_logs() {
        assert_eq!(
            redact_url("postgres://hearth:s3cret@db:5432/hearth"),
            "postgres://hearth:[redacted]@db:5432/hearth"
        );
        assert_eq!(redact_url("postgres://db/hearth"), "postgres://db/hearth");
    }
}
