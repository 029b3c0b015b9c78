//! What the web layer needs to know about where it runs.

use std::fmt;
use std::path::PathBuf;

#[derive(Clone)]
pub struct WebConfig {
    /// The address people open, e.g. `http://127.0.0.1:8080`; links in emails use it.
    pub public_url: String,
    /// Where the outbox folder lives when no SMTP server is configured.
    pub data_dir: PathBuf,
    /// `smtp://user:pass@host:port` or `smtps://...`; `None` writes mail to the outbox.
    pub smtp_url: Option<String>,
    pub mail_from: String,
    /// A video meeting service (e.g. a Jitsi Meet server) for the peer groups'
    /// calls; without one, groups talk by text and the room says so.
    pub video_base_url: Option<String>,
}

impl WebConfig {
    /// Hearth's defaults: mail to the outbox, no video service.
    pub fn new(public_url: String, data_dir: PathBuf) -> WebConfig {
        WebConfig {
            public_url,
            data_dir,
            smtp_url: None,
            mail_from: "Hearth <hearth@localhost>".into(),
            video_base_url: None,
        }
    }

    /// The call room of one peer group in one event, if a video service is set.
    pub fn video_room(&self, event: &str, group: &str) -> Option<String> {
        self.video_base_url
            .as_ref()
            .map(|base| format!("{}/hearth-{event}-{group}", base.trim_end_matches('/')))
    }

    /// Cookies are marked Secure only when people reach Hearth over https.
    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    pub fn outbox_dir(&self) -> PathBuf {
        self.data_dir.join("outbox")
    }
}

impl fmt::Debug for WebConfig {
    // The SMTP URL may carry a password: never print it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebConfig")
            .field("public_url", &self.public_url)
            .field("data_dir", &self.data_dir)
            .field("smtp_url", &self.smtp_url.as_ref().map(|_| "[redacted]"))
            .field("mail_from", &self.mail_from)
            .field("video_base_url", &self.video_base_url)
            .finish()
    }
}
