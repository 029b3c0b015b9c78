//! `TestApp::spawn(Backend)` boots Hearth on a fresh database and a free
//! port; `app.sign_in(email)` gives a browser-like client with its cookies
//! and CSRF token.

use hearth_store::{Db, Store};
use hearth_web::{AppState, WebConfig};
use std::path::PathBuf;

pub use hearth_store::DEMO_PASSWORD;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub address: String,
    pub store: Store,
    pub data_dir: PathBuf,
    pub state: AppState,
    postgres: Option<(String, String)>,
    server: tokio::task::JoinHandle<()>,
}

/// Runs a test body on both databases: `both!(name, |app| async move { ... })`.
#[macro_export]
macro_rules! both {
    ($name:ident, $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let app = $crate::helpers::TestApp::spawn($crate::helpers::Backend::Sqlite)
                    .await
                    .unwrap();
                ($body)(app).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let Some(app) =
                    $crate::helpers::TestApp::spawn($crate::helpers::Backend::Postgres).await
                else {
                    eprintln!("HEARTH_TEST_POSTGRES_URL is not set: skipping the PostgreSQL run");
                    return;
                };
                ($body)(app).await;
            }
        }
    };
}

impl TestApp {
    /// A fresh database with the demo organisation and a server on a free port.
    /// `None` for PostgreSQL when no test server is configured.
    pub async fn spawn(backend: Backend) -> Option<TestApp> {
        Self::spawn_with(backend, true).await
    }

    /// An organisation with nobody in it.
    pub async fn spawn_empty(backend: Backend) -> Option<TestApp> {
        Self::spawn_with(backend, false).await
    }

    /// The demo's store with no server, so no job runner competes with a
    /// test of the queue itself (its address answers nothing).
    pub async fn store_only(backend: Backend) -> Option<TestApp> {
        Self::spawn_serving(backend, true, false).await
    }

    async fn spawn_with(backend: Backend, demo: bool) -> Option<TestApp> {
        Self::spawn_serving(backend, demo, true).await
    }

    async fn spawn_serving(backend: Backend, demo: bool, serve: bool) -> Option<TestApp> {
        let data_dir = std::env::temp_dir().join(format!("hearth-test-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&data_dir).unwrap();
        let (db, postgres) = match backend {
            Backend::Sqlite => (
                Db::open_sqlite(&data_dir.join("hearth.db")).await.unwrap(),
                None,
            ),
            Backend::Postgres => {
                let admin_url = std::env::var("HEARTH_TEST_POSTGRES_URL").ok()?;
                let name = format!("hearth_test_{}", uuid::Uuid::new_v4().simple());
                let admin = Db::connect_postgres(&admin_url).await.unwrap();
                admin
                    .execute_raw(&format!("CREATE DATABASE {name}"))
                    .await
                    .unwrap();
                admin.close().await;
                let url = database_url(&admin_url, &name);
                (
                    Db::connect_postgres(&url).await.unwrap(),
                    Some((admin_url, name)),
                )
            }
        };
        db.migrate().await.unwrap();
        let store = Store::new(db);
        if demo {
            store.load_demo().await.unwrap();
        } else {
            store
                .org()
                .ensure_organisation("Test organisation", "Europe/Belgrade", false)
                .await
                .unwrap();
        }
        Some(Self::start_serving(store, data_dir, postgres, serve).await)
    }

    async fn start_serving(
        store: Store,
        data_dir: PathBuf,
        postgres: Option<(String, String)>,
        serve: bool,
    ) -> TestApp {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = format!("http://{}", listener.local_addr().unwrap());
        let config = WebConfig::new(address.clone(), data_dir.clone());
        let state = AppState::new(store.clone(), config).await.unwrap();
        let served = state.clone();
        let server = tokio::spawn(async move {
            if serve {
                hearth_web::serve(listener, served, std::future::pending())
                    .await
                    .unwrap();
            }
        });
        TestApp {
            address,
            store,
            data_dir,
            state,
            postgres,
            server,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// A demo cohort by its name.
    pub async fn cohort_named(&self, name: &str) -> hearth_store::Cohort {
        let cohorts = self.store.org().cohorts(true).await.unwrap();
        cohorts
            .into_iter()
            .find(|c| c.cohort.name == name)
            .expect("no cohort of that name")
            .cohort
    }

    /// A client with no account: it has fetched the sign-in page, so it holds a CSRF token.
    pub async fn visitor(&self) -> Visitor {
        let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
        let client = reqwest::Client::builder()
            .cookie_provider(jar.clone())
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let page = client
            .get(self.url("/sign-in"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        Visitor {
            client,
            jar,
            csrf: csrf_in(&page).unwrap(),
            base: self.address.clone(),
        }
    }

    /// Signs in with the demo password.
    pub async fn sign_in(&self, email: &str) -> Visitor {
        self.sign_in_with(email, DEMO_PASSWORD).await
    }

    pub async fn sign_in_with(&self, email: &str, password: &str) -> Visitor {
        let visitor = self.visitor().await;
        let response = visitor
            .post("/sign-in", &[("email", email), ("password", password)])
            .await;
        assert_eq!(response.status(), 303, "sign-in as {email} failed");
        visitor
    }

    /// The id of the person with this email address.
    pub async fn user_id(&self, email: &str) -> hearth_domain::UserId {
        self.store
            .people()
            .find_by_email(&hearth_domain::input::Email::parse(email).unwrap())
            .await
            .unwrap()
            .expect("no such person")
            .id
    }

    /// Emails written to the outbox so far (the job runner sends them within a second).
    pub async fn outbox(&self) -> Vec<String> {
        for _ in 0..50 {
            if self.store.jobs().pending().await.unwrap() == 0 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        let dir = self.data_dir.join("outbox");
        let mut mails: Vec<(PathBuf, String)> = match std::fs::read_dir(&dir) {
            Ok(entries) => entries
                .map(|e| {
                    let path = e.unwrap().path();
                    let text = std::fs::read_to_string(&path).unwrap();
                    (path, text)
                })
                .collect(),
            Err(_) => Vec::new(),
        };
        mails.sort();
        mails
            .into_iter()
            .map(|(_, text)| decode_mail(&text))
            .collect()
    }

    /// The first link to this server in the newest email to `to`.
    pub async fn link_in_mail_to(&self, to: &str) -> String {
        let mails = self.outbox().await;
        let mail = mails
            .iter()
            .rev()
            .find(|m| m.contains(&format!("To: {to}")))
            .expect("no email to that address");
        let start = mail.find(&self.address).expect("no link in the email");
        mail[start..]
            .split_whitespace()
            .next()
            .unwrap()
            .trim_start_matches(&self.address)
            .to_owned()
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.server.abort();
        let _ = std::fs::remove_dir_all(&self.data_dir);
        if let Some((admin_url, name)) = self.postgres.take() {
            // The test's runtime is busy dropping us, so the database is dropped
            // from a thread of its own; FORCE ends the server's open connections
            // (waiting for the pool to close could wait on tasks that never run again).
            let _ = std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap();
                runtime.block_on(async move {
                    if let Ok(admin) = Db::connect_postgres(&admin_url).await {
                        let _ = admin
                            .execute_raw(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                            .await;
                        admin.close().await;
                    }
                });
            })
            .join();
        }
    }
}

fn database_url(admin_url: &str, name: &str) -> String {
    match admin_url.rsplit_once('/') {
        Some((base, _)) if base.contains("://") && base.len() > base.find("://").unwrap() + 3 => {
            format!("{base}/{name}")
        }
        _ => format!("{}/{name}", admin_url.trim_end_matches('/')),
    }
}

/// Undoes quoted-printable soft breaks so links can be read whole.
fn decode_mail(text: &str) -> String {
    text.replace("=\r\n", "")
        .replace("=\n", "")
        .replace("=3D", "=")
}

/// The CSRF token of the first form on a page.
pub fn csrf_in(page: &str) -> Option<String> {
    let marker = "name=\"csrf\" value=\"";
    let start = page.find(marker)? + marker.len();
    Some(page[start..start + 64].to_owned())
}

/// A browser stand-in: cookies kept, redirects not followed (tests assert them).
#[derive(Clone)]
pub struct Visitor {
    pub client: reqwest::Client,
    pub jar: std::sync::Arc<reqwest::cookie::Jar>,
    pub csrf: String,
    base: String,
}

impl Visitor {
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap()
    }

    pub async fn page(&self, path: &str) -> (u16, String) {
        let response = self.get(path).await;
        let status = response.status().as_u16();
        (status, response.text().await.unwrap())
    }

    /// The `Cookie` header this visitor's browser would send.
    pub fn cookie_header(&self) -> String {
        use reqwest::cookie::CookieStore;
        let url = self.base.parse().unwrap();
        self.jar
            .cookies(&url)
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default()
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    /// Posts a form with this visitor's CSRF token.
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let mut form: Vec<(&str, &str)> = vec![("csrf", self.csrf.as_str())];
        form.extend_from_slice(fields);
        self.client
            .post(format!("{}{path}", self.base))
            .form(&form)
            .send()
            .await
            .unwrap()
    }

    /// Posts a form without any CSRF token.
    pub async fn post_without_csrf(
        &self,
        path: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        self.client
            .post(format!("{}{path}", self.base))
            .form(fields)
            .send()
            .await
            .unwrap()
    }

    pub async fn post_multipart(
        &self,
        path: &str,
        form: reqwest::multipart::Form,
    ) -> reqwest::Response {
        self.client
            .post(format!("{}{path}", self.base))
            .multipart(form)
            .send()
            .await
            .unwrap()
    }
}

pub fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default()
}
