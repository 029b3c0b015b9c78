//! Browser tests: a real Chromium (headless, through chromedriver and
//! fantoccini) against the real server, with axe-core checking each page
//! for accessibility and screenshots saved to `target/screenshots/`.
//!
//! Needs Debian's `chromium` and `chromium-driver`, and `npm ci` at the
//! workspace root for axe-core. Without them the tests skip with a note, or
//! fail when the `CI` environment variable is set.
//!
//! One chromedriver serves the whole test binary (started on first use, on a
//! free port, and stopped when the binary exits); browser tests take a global
//! lock so only one browser runs at a time.

use crate::helpers::*;
use fantoccini::actions::{InputSource, MOUSE_BUTTON_LEFT, MouseActions, PointerAction};
use fantoccini::{Client, ClientBuilder, Locator};
use futures_util::FutureExt;
use futures_util::future::join_all;
use hearth_domain::input::Email;
use hearth_domain::{EventId, Role, UserId};
use serde_json::{Value, json};
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};
use tokio::sync::{Mutex, OnceCell};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const WIDE: (u32, u32) = (1280, 900);
const NARROW: (u32, u32) = (360, 800);
const WAIT: Duration = Duration::from_secs(15);

/// Browser tests run one at a time: the machine is small and Chromium is not.
static ONE_BROWSER: Mutex<()> = Mutex::const_new(());
/// The chromedriver of this test binary: its URL, or why it could not start.
static DRIVER: OnceCell<Result<String, String>> = OnceCell::const_new();

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && v != "false")
}

/// Something the browser tests need is missing: a failure under CI, otherwise
/// a printed note (the caller then skips).
fn skip_or_fail(what: &str) {
    assert!(
        !in_ci(),
        "browser tests: {what} (CI is set, so this fails rather than skips)"
    );
    eprintln!("skipping browser tests: {what}");
}

fn workspace_root() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    root.canonicalize().unwrap_or(root)
}

fn screenshot_dir() -> PathBuf {
    workspace_root().join("target/screenshots")
}

/// Starts chromedriver on a free port. It runs under a small shell watchdog
/// that stops it once this test binary has exited, whatever way it exits.
async fn start_driver() -> Result<String, String> {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_err(|e| format!("no free port for chromedriver: {e}"))?
        .port();
    let log = std::env::temp_dir().join(format!("hearth-chromedriver-{port}.log"));
    // $1 chromedriver, $2 port, $3 log file, $4 the test binary's pid. The log is
    // kept only if chromedriver stopped by itself.
    let watchdog = r#"
        "$1" --port="$2" --allowed-ips=127.0.0.1 --log-path="$3" --log-level=WARNING >/dev/null 2>&1 &
        driver=$!
        trap 'kill $driver 2>/dev/null; rm -f "$3"; exit' INT TERM HUP
        while kill -0 "$4" 2>/dev/null && kill -0 $driver 2>/dev/null; do sleep 1; done
        if kill -0 $driver 2>/dev/null; then kill $driver; rm -f "$3"; fi
    "#;
    Command::new("sh")
        .args(["-c", watchdog, "hearth-chromedriver-watchdog", CHROMEDRIVER])
        .arg(port.to_string())
        .arg(&log)
        .arg(std::process::id().to_string())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("could not start {CHROMEDRIVER}: {e}"))?;
    let url = format!("http://127.0.0.1:{port}");
    let http = reqwest::Client::new();
    let deadline = Instant::now() + WAIT;
    while Instant::now() < deadline {
        if let Ok(response) = http.get(format!("{url}/status")).send().await
            && response.status().is_success()
        {
            return Ok(url);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err(format!(
        "chromedriver did not answer on port {port} within {WAIT:?}; its log is {}",
        log.display()
    ))
}

/// A headless Chromium with a profile of its own, for one test.
struct Browser {
    client: Client,
    profile: PathBuf,
}

impl Browser {
    /// `None` when the browser tests should be skipped (not under CI).
    async fn open() -> Option<Browser> {
        if !Path::new(CHROMIUM).exists() || !Path::new(CHROMEDRIVER).exists() {
            skip_or_fail(
                "install chromium and chromium-driver (apt-get install chromium chromium-driver)",
            );
            return None;
        }
        let driver = match DRIVER.get_or_init(start_driver).await {
            Ok(url) => url.clone(),
            Err(why) => {
                skip_or_fail(why);
                return None;
            }
        };
        // The workspace compiles rustls with two crypto back ends (lettre asks for ring,
        // fantoccini's hyper-rustls for aws-lc-rs), so rustls cannot choose one by itself.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let profile =
            std::env::temp_dir().join(format!("hearth-chromium-{}", uuid::Uuid::new_v4()));
        let args = [
            "--headless=new".to_owned(),
            "--no-sandbox".to_owned(),
            "--disable-gpu".to_owned(),
            "--disable-dev-shm-usage".to_owned(),
            "--disable-quic".to_owned(),
            "--no-first-run".to_owned(),
            "--disable-background-networking".to_owned(),
            "--disable-component-update".to_owned(),
            "--disable-sync".to_owned(),
            format!("--window-size={},{}", WIDE.0, WIDE.1),
            format!("--user-data-dir={}", profile.display()),
        ];
        let capabilities = json!({
            "browserName": "chrome",
            "goog:chromeOptions": { "binary": CHROMIUM, "args": args },
        });
        let Value::Object(capabilities) = capabilities else {
            unreachable!()
        };
        let client = ClientBuilder::rustls()
            .expect("TLS set-up for the WebDriver client")
            .capabilities(capabilities)
            .connect(&driver)
            .await
            .unwrap_or_else(|e| {
                panic!("could not start Chromium through chromedriver at {driver}: {e}")
            });
        Some(Browser { client, profile })
    }

    async fn close(self) {
        let _ = self.client.close().await;
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// Runs a browser test: one at a time, with the browser closed afterwards even
/// when the test fails (and a screenshot of where it failed).
/// Gives what the test gave, or `None` when the browser tests are skipped.
pub(crate) async fn with_browser<F, Fut, T>(name: &str, test: F) -> Option<T>
where
    F: FnOnce(Client) -> Fut,
    Fut: Future<Output = T>,
{
    let _turn = ONE_BROWSER.lock().await;
    let browser = Browser::open().await?;
    let outcome = AssertUnwindSafe(test(browser.client.clone()))
        .catch_unwind()
        .await;
    if outcome.is_err() {
        let _ = save_screenshot(&browser.client, &format!("{name}-failure")).await;
    }
    browser.close().await;
    match outcome {
        Ok(value) => Some(value),
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

/// Runs a browser test with several people at once: each browser its own
/// Chromium with its own profile (so its own cookies), all closed afterwards
/// even when the test fails (with a screenshot of each one's page).
async fn with_browsers<F, Fut, T>(name: &str, count: usize, test: F) -> Option<T>
where
    F: FnOnce(Vec<Client>) -> Fut,
    Fut: Future<Output = T>,
{
    let _turn = ONE_BROWSER.lock().await;
    let opened: Vec<Option<Browser>> = join_all((0..count).map(|_| Browser::open())).await;
    if opened.iter().any(Option::is_none) {
        for browser in opened.into_iter().flatten() {
            browser.close().await;
        }
        return None;
    }
    let browsers: Vec<Browser> = opened.into_iter().flatten().collect();
    let clients = browsers.iter().map(|b| b.client.clone()).collect();
    let outcome = AssertUnwindSafe(test(clients)).catch_unwind().await;
    if outcome.is_err() {
        for (i, browser) in browsers.iter().enumerate() {
            let _ = AssertUnwindSafe(save_screenshot(
                &browser.client,
                &format!("{name}-{i}-failure"),
            ))
            .catch_unwind()
            .await;
        }
    }
    join_all(browsers.into_iter().map(Browser::close)).await;
    match outcome {
        Ok(value) => Some(value),
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

/// Waits until the browser is at `path`; gives the URL's query.
pub(crate) async fn wait_for_path(client: &Client, path: &str) -> String {
    let deadline = Instant::now() + WAIT;
    loop {
        let url = client.current_url().await.expect("current URL");
        if url.path() == path {
            return url.query().unwrap_or_default().to_owned();
        }
        assert!(
            Instant::now() < deadline,
            "expected to reach {path}, but the browser is at {url}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Waits until the browser is at a path starting with `prefix`.
async fn wait_for_path_prefix(client: &Client, prefix: &str) -> String {
    let deadline = Instant::now() + WAIT;
    loop {
        let url = client.current_url().await.expect("current URL");
        if url.path().starts_with(prefix) && url.path() != prefix {
            return url.path().to_owned();
        }
        assert!(
            Instant::now() < deadline,
            "expected a page under {prefix}, but the browser is at {url}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

pub(crate) async fn find(client: &Client, css: &str) -> fantoccini::elements::Element {
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no element matches {css}: {e}"))
}

async fn text_of(client: &Client, css: &str) -> String {
    find(client, css).await.text().await.expect("element text")
}

pub(crate) async fn click(client: &Client, css: &str) {
    find(client, css)
        .await
        .click()
        .await
        .unwrap_or_else(|e| panic!("could not click {css}: {e}"));
}

pub(crate) async fn type_into(client: &Client, css: &str, text: &str) {
    let field = find(client, css).await;
    field
        .clear()
        .await
        .unwrap_or_else(|e| panic!("could not clear {css}: {e}"));
    field
        .send_keys(text)
        .await
        .unwrap_or_else(|e| panic!("could not type into {css}: {e}"));
}

pub(crate) async fn body_text(client: &Client) -> String {
    text_of(client, "body").await
}

/// The axe-core script from `npm ci`, or `None` (with a note) to skip the checks.
fn axe_script() -> Option<&'static str> {
    static AXE: OnceLock<Option<String>> = OnceLock::new();
    AXE.get_or_init(|| {
        let path = workspace_root().join("node_modules/axe-core/axe.min.js");
        match std::fs::read_to_string(&path) {
            Ok(script) => Some(script),
            Err(e) => {
                assert!(!in_ci(), "axe-core is missing ({}: {e}): run `npm ci` in the workspace root", path.display());
                eprintln!("note: skipping the accessibility checks: {} is missing; run `npm ci` in the workspace root", path.display());
                None
            }
        }
    })
    .as_deref()
}

/// Runs axe-core (WCAG 2.0/2.1, levels A and AA) on the page in the browser:
/// every violation as (impact, report), or `None` when axe-core is not installed.
async fn axe_violations(client: &Client, page: &str) -> Option<Vec<(String, String)>> {
    let axe = axe_script()?;
    client
        .execute(axe, vec![])
        .await
        .unwrap_or_else(|e| panic!("could not load axe-core into {page}: {e}"));
    let run = r#"
        const done = arguments[arguments.length - 1];
        axe.run(document, {
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
            resultTypes: ['violations'],
        }).then(
            (results) => done(JSON.stringify(results.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, summary: n.failureSummary })),
            })))),
            (error) => done(JSON.stringify({ error: String(error) })),
        );
    "#;
    let result = client
        .execute_async(run, vec![])
        .await
        .unwrap_or_else(|e| panic!("axe-core did not run on {page}: {e}"));
    let result: Value =
        serde_json::from_str(result.as_str().unwrap_or("null")).expect("axe-core results as JSON");
    if let Some(error) = result.get("error") {
        panic!("axe-core failed on {page}: {error}");
    }
    let violations = result
        .as_array()
        .unwrap_or_else(|| panic!("axe-core gave no list of violations on {page}: {result}"));
    let reports = violations
        .iter()
        .map(|violation| {
            let impact = violation["impact"].as_str().unwrap_or("unknown").to_owned();
            let mut report = format!(
                "[{impact}] {}: {} ({})",
                violation["id"], violation["help"], violation["helpUrl"]
            );
            for node in violation["nodes"].as_array().into_iter().flatten() {
                let summary = node["summary"]
                    .as_str()
                    .unwrap_or_default()
                    .replace('\n', "\n      ");
                report.push_str(&format!(
                    "\n    at {}: {}\n      {summary}",
                    node["target"], node["html"]
                ));
            }
            (impact, report)
        })
        .collect();
    Some(reports)
}

/// Fails on any serious or critical accessibility violation; lesser ones are printed.
pub(crate) async fn check_accessibility(client: &Client, page: &str) {
    let Some(violations) = axe_violations(client, page).await else {
        return;
    };
    let mut serious = Vec::new();
    for (impact, report) in violations {
        if matches!(impact.as_str(), "serious" | "critical") {
            serious.push(report);
        } else {
            eprintln!("axe-core on {page} (not failing the test): {report}");
        }
    }
    assert!(
        serious.is_empty(),
        "axe-core found serious or critical accessibility problems on {page}:\n{}",
        serious.join("\n")
    );
}

/// Saves a PNG of the whole page: the window is stretched until the page fits
/// (a few rounds, as heights in `vh` grow with the window), then put back.
async fn save_screenshot(client: &Client, name: &str) -> PathBuf {
    let (width, height) = client.get_window_size().await.expect("window size");
    let (width, height) = (
        u32::try_from(width).unwrap_or(WIDE.0),
        u32::try_from(height).unwrap_or(WIDE.1),
    );
    for _ in 0..4 {
        let sizes = client
            .execute("return [Math.ceil(document.documentElement.scrollHeight), window.innerHeight, window.outerHeight];", vec![])
            .await
            .expect("page height");
        let [page, inner, outer] =
            [0, 1, 2].map(|i| u32::try_from(sizes[i].as_u64().unwrap_or(0)).unwrap_or(0));
        if page <= inner || inner == 0 {
            break;
        }
        client
            .set_window_size(width, (page + outer.saturating_sub(inner)).min(10_000))
            .await
            .expect("stretch the window");
    }
    let png = client.screenshot().await.expect("screenshot");
    client
        .set_window_size(width, height)
        .await
        .expect("restore the window");
    let dir = screenshot_dir();
    std::fs::create_dir_all(&dir).expect("create target/screenshots");
    let path = dir.join(format!("{name}.png"));
    std::fs::write(&path, png).expect("write the screenshot");
    path
}

/// Screenshots of the current page at desktop and phone widths. At phone
/// width, nothing may push the page sideways, and axe-core looks again.
pub(crate) async fn screenshots(client: &Client, name: &str) {
    save_screenshot(client, &format!("{name}-1280")).await;
    client
        .set_window_size(NARROW.0, NARROW.1)
        .await
        .expect("narrow window");
    let widths = client
        .execute(
            "return [document.documentElement.scrollWidth, window.innerWidth];",
            vec![],
        )
        .await
        .expect("page width");
    save_screenshot(client, &format!("{name}-360")).await;
    check_accessibility(client, &format!("{name} at phone width")).await;
    client
        .set_window_size(WIDE.0, WIDE.1)
        .await
        .expect("wide window");
    let (scroll, inner) = (
        widths[0].as_u64().unwrap_or(0),
        widths[1].as_u64().unwrap_or(0),
    );
    assert!(
        scroll <= inner,
        "{name} is {scroll}px wide in a {inner}px window: something overflows at phone width"
    );
}

async fn person_exists(app: &TestApp, email: &str) -> bool {
    app.store
        .people()
        .find_by_email(&Email::parse(email).unwrap())
        .await
        .unwrap()
        .is_some()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn coordinator_signs_in_browses_imports_people_and_signs_out() {
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    with_browser("coordinator", |client| async move {
        // Signed out, the home page sends the browser to sign in.
        client.goto(&app.url("/")).await.unwrap();
        wait_for_path(&client, "/sign-in").await;
        check_accessibility(&client, "the sign-in page").await;
        type_into(&client, "#email", "coordinator@demo.example").await;
        type_into(&client, "#password", DEMO_PASSWORD).await;
        click(&client, "form[action='/sign-in'] button[type=submit]").await;

        // Home.
        wait_for_path(&client, "/").await;
        assert!(text_of(&client, "h1").await.starts_with("Hello,"), "the home page greets the coordinator");
        find(&client, "nav[aria-label='Main'] a[href='/cohorts']").await;
        check_accessibility(&client, "the home page").await;
        screenshots(&client, "home").await;

        // Cohorts, then one cohort, through the links.
        click(&client, "nav[aria-label='Main'] a[href='/cohorts']").await;
        wait_for_path(&client, "/cohorts").await;
        client.find(Locator::LinkText("Autumn dialogue cohort")).await.expect("the cohort's link").click().await.unwrap();
        let cohort_path = wait_for_path_prefix(&client, "/cohorts/").await;
        assert_eq!(text_of(&client, "h1").await, "Autumn dialogue cohort");
        check_accessibility(&client, "the cohort page").await;

        // People, and a search.
        click(&client, "nav[aria-label='Main'] a[href='/people']").await;
        wait_for_path(&client, "/people").await;
        check_accessibility(&client, "the people page").await;
        screenshots(&client, "people").await;
        type_into(&client, "#q", "krasniqi").await;
        click(&client, "form.search button[type=submit]").await;
        let deadline = Instant::now() + WAIT;
        while !wait_for_path(&client, "/people").await.contains("q=krasniqi") {
            assert!(Instant::now() < deadline, "the search did not run");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let found = text_of(&client, "table").await;
        assert!(found.contains("Arta Krasniqi"), "search results: {found}");
        assert!(!found.contains("Blerim Gashi"), "search results: {found}");

        // Import: a file with a wrong row is previewed, row by row, and nothing is saved.
        click(&client, "a[href='/people/import']").await;
        wait_for_path(&client, "/people/import").await;
        let before = app.store.people().count().await.unwrap();
        let bad = "email,name,role,cohort,language\n\
                   rhea.valid@example.org,Rhea Valid,participant,Autumn dialogue cohort,en\n\
                   olek.wrong@example.org,Olek Wrong,wizard,Autumn dialogue cohort,en\n";
        type_into(&client, "#f-pasted", bad).await;
        click(&client, "form[action='/people/import'] button[type=submit]").await;
        let problem = text_of(&client, "tr.row-error").await;
        assert!(problem.contains("olek.wrong@example.org") && problem.contains("\"wizard\" is not a role"), "the wrong row: {problem}");
        assert!(text_of(&client, ".error-summary").await.contains("Nothing has been saved"));
        assert!(client.find(Locator::Css("form[action='/people/import/confirm']")).await.is_err(), "no confirm button for a file with errors");
        assert_eq!(app.store.people().count().await.unwrap(), before, "nothing is written for a file with errors");
        assert!(!person_exists(&app, "rhea.valid@example.org").await);
        check_accessibility(&client, "the import preview with errors").await;
        screenshots(&client, "import-preview-errors").await;

        // A good file: previewed, confirmed, saved, and the people are in the cohort.
        let good = "email,name,role,cohort,language,pronouns\n\
                    rhea.valid@example.org,Rhea Valid,participant,Autumn dialogue cohort,en,she/her\n\
                    teodor.new@example.org,Teodor New,participant,Autumn dialogue cohort,sq,\n";
        type_into(&client, "#f-pasted", good).await;
        click(&client, "form[action='/people/import'] button[type=submit]").await;
        let ready = text_of(&client, "p.flash").await;
        assert!(ready.contains('2'), "the preview of a good file: {ready}");
        assert!(client.find(Locator::Css("tr.row-error")).await.is_err());
        assert!(!person_exists(&app, "rhea.valid@example.org").await, "a preview writes nothing");
        check_accessibility(&client, "the import preview").await;
        screenshots(&client, "import-preview").await;
        click(&client, "form[action='/people/import/confirm'] button[type=submit]").await;
        wait_for_path(&client, "/people").await;
        assert!(text_of(&client, "p.flash").await.contains("Everyone in the file was added"));
        assert_eq!(app.store.people().count().await.unwrap(), before + 2);
        assert!(person_exists(&app, "rhea.valid@example.org").await);
        assert!(person_exists(&app, "teodor.new@example.org").await);
        client.goto(&app.url(&cohort_path)).await.unwrap();
        let participants = text_of(&client, "section[aria-labelledby='participants-heading']").await;
        assert!(participants.contains("Rhea Valid") && participants.contains("Teodor New"), "the cohort's participants: {participants}");

        // Help, from the header link.
        click(&client, "a.help-link").await;
        wait_for_path(&client, "/help").await;
        check_accessibility(&client, "the help page").await;
        screenshots(&client, "help").await;

        // Sign out from the nav; the home page is closed again.
        click(&client, "nav[aria-label='Main'] form[action='/sign-out'] button").await;
        wait_for_path(&client, "/sign-in").await;
        assert!(body_text(&client).await.contains("You have signed out"));
        client.goto(&app.url("/people")).await.unwrap();
        wait_for_path(&client, "/sign-in").await;
    })
    .await;
}

/// The checker itself: axe-core must really run and really see problems.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_accessibility_check_sees_a_broken_page() {
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    with_browser("axe-self-test", |client| async move {
        // A real page of ours, then the same page broken on purpose.
        client.goto(&app.url("/sign-in")).await.unwrap();
        wait_for_path(&client, "/sign-in").await;
        client
            .execute(
                "document.querySelector('label[for=email]').remove();\
                 document.documentElement.removeAttribute('lang');\
                 document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"/static/icon.svg\">');",
                vec![],
            )
            .await
            .unwrap();
        let Some(violations) = axe_violations(&client, "a broken sign-in page").await else { return };
        let found: Vec<&str> = violations.iter().map(|(_, report)| report.as_str()).collect();
        for rule in ["\"label\"", "\"html-has-lang\"", "\"image-alt\""] {
            assert!(found.iter().any(|r| r.contains(rule)), "axe-core missed {rule}; it found: {found:#?}");
        }
    })
    .await;
}

/// The form control whose `<label for>` reads `text`.
async fn labelled(client: &Client, text: &str) -> fantoccini::elements::Element {
    let label = client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(&format!(
            "//label[normalize-space()='{text}']"
        )))
        .await
        .unwrap_or_else(|e| panic!("no label reads {text:?}: {e}"));
    let id = label
        .attr("for")
        .await
        .expect("the label's for")
        .unwrap_or_else(|| panic!("the label {text:?} names no control"));
    find(client, &format!("#{id}")).await
}

/// The button that reads `text`.
async fn button(client: &Client, text: &str) -> fantoccini::elements::Element {
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(&format!(
            "//button[normalize-space()='{text}']"
        )))
        .await
        .unwrap_or_else(|e| panic!("no button reads {text:?}: {e}"))
}

/// Clicks a button that submits a form, and waits for the page it brings
/// (which may have the same address as this one).
pub(crate) async fn submit_and_wait(client: &Client, text: &str) {
    client
        .execute("document.documentElement.dataset.leaving = 'yes';", vec![])
        .await
        .unwrap();
    button(client, text)
        .await
        .click()
        .await
        .unwrap_or_else(|e| panic!("could not click {text:?}: {e}"));
    let deadline = Instant::now() + WAIT;
    loop {
        let fresh = client
            .execute(
                "return document.readyState === 'complete' && !document.documentElement.dataset.leaving;",
                vec![],
            )
            .await
            .unwrap_or(Value::Bool(false));
        if fresh == Value::Bool(true) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "no new page after clicking {text:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Signs in through the sign-in form.
pub(crate) async fn sign_in_with_form(client: &Client, app: &TestApp, email: &str) {
    client.goto(&app.url("/sign-in")).await.unwrap();
    type_into(client, "#email", email).await;
    type_into(client, "#password", DEMO_PASSWORD).await;
    click(client, "form[action='/sign-in'] button[type=submit]").await;
    wait_for_path(client, "/").await;
}

/// The group number (1, 2, ...) whose box holds this person on the proposal page.
async fn group_on_screen(client: &Client, member: &str) -> Option<String> {
    let group = client
        .execute(
            "const item = document.querySelector(`li.member[data-member=\"${arguments[0]}\"]`);\
             return item ? item.closest('.group-drop').dataset.group : null;",
            vec![json!(member)],
        )
        .await
        .expect("where the person is");
    group.as_str().map(str::to_owned)
}

/// The first person in a group's box on the proposal page: id and name.
async fn first_in_group(client: &Client, group: usize) -> (String, String) {
    let item = find(
        client,
        &format!(".group-drop[data-group='{group}'] li.member"),
    )
    .await;
    let id = item
        .attr("data-member")
        .await
        .unwrap()
        .expect("data-member");
    let name = item
        .find(Locator::Css("strong"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    (id, name)
}

/// Drags one element onto another with the mouse, through WebDriver actions.
/// Chromium does run a real HTML5 drag and drop (dragstart, dragover, drop)
/// for WebDriver's synthetic mouse, but only when the pointer moves in steps:
/// the drag starts on the first moves after the button goes down, and dragover
/// and drop come only with later moves, so a single straight move drops nothing.
async fn drag_and_drop(client: &Client, from: &str, to: &str) {
    let from = find(client, from).await;
    let to = find(client, to).await;
    let step = |duration| Some(Duration::from_millis(duration));
    let mut mouse = MouseActions::new("mouse".into())
        .then(PointerAction::MoveToElement {
            element: from,
            duration: None,
            x: 0.0,
            y: 0.0,
        })
        .then(PointerAction::Down {
            button: MOUSE_BUTTON_LEFT,
        });
    for _ in 0..5 {
        mouse = mouse
            .then(PointerAction::MoveBy {
                duration: step(50),
                x: 3.0,
                y: 3.0,
            })
            .pause(Duration::from_millis(50));
    }
    for _ in 0..4 {
        mouse = mouse
            .then(PointerAction::MoveToElement {
                element: to.clone(),
                duration: step(100),
                x: 0.0,
                y: 0.0,
            })
            .pause(Duration::from_millis(100));
    }
    let mouse = mouse.then(PointerAction::Up {
        button: MOUSE_BUTTON_LEFT,
    });
    client.perform_actions(mouse).await.expect("drag and drop");
    client.release_actions().await.expect("release the mouse");
}

/// The "school" box under "Mix on" on the peer groups page.
const MIX_ON_SCHOOL: &str =
    "//fieldset[legend[normalize-space()='Mix on']]//label[normalize-space()='school']/input";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn facilitator_forms_peer_groups_by_keyboard_and_mouse_and_a_participant_sees_theirs() {
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    let app = &app;
    let cohort = app
        .store
        .org()
        .cohorts(false)
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.cohort.name == "Autumn dialogue cohort")
        .expect("the demo's Autumn dialogue cohort")
        .cohort
        .id;
    let participants: Vec<(UserId, String)> = app
        .store
        .org()
        .cohort_members(cohort)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.role == Role::Participant)
        .map(|m| (m.user_id, m.email))
        .collect();
    assert!(
        participants.len() >= 10,
        "enough participants for three groups of four"
    );
    let participants = &participants;
    let groups_path = format!("/cohorts/{cohort}/groups");
    let proposal_path = format!("/cohorts/{cohort}/groups/propose");

    let locked = with_browser("peer-groups", |client| async move {
        sign_in_with_form(&client, app, "facilitator@demo.example").await;
        click(&client, "nav[aria-label='Main'] a[href='/cohorts']").await;
        wait_for_path(&client, "/cohorts").await;
        client
            .find(Locator::LinkText("Autumn dialogue cohort"))
            .await
            .expect("the cohort's link")
            .click()
            .await
            .unwrap();
        wait_for_path(&client, &format!("/cohorts/{cohort}")).await;
        client
            .find(Locator::LinkText("Form and adjust groups"))
            .await
            .expect("the groups link")
            .click()
            .await
            .unwrap();
        wait_for_path(&client, &groups_path).await;

        // Four schools, one for each participant.
        let mut csv = String::from("email,school\n");
        for (i, (_, email)) in participants.iter().enumerate() {
            csv.push_str(&format!("{email},School {}\n", ["A", "B", "C", "D"][i % 4]));
        }
        let labels = labelled(&client, "Labels (CSV)").await;
        labels.clear().await.unwrap();
        labels.send_keys(&csv).await.unwrap();
        button(&client, "Save the labels")
            .await
            .click()
            .await
            .unwrap();
        let deadline = Instant::now() + WAIT;
        while !wait_for_path(&client, &groups_path)
            .await
            .contains("done=flash-saved")
        {
            assert!(Instant::now() < deadline, "the labels were not saved");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let saved = app.store.peer_groups().labels(cohort).await.unwrap();
        for (user, email) in participants {
            assert!(
                saved.get(user).is_some_and(|l| l.contains_key("school")),
                "{email} has a school"
            );
        }
        check_accessibility(&client, "the peer groups page").await;
        screenshots(&client, "peer-groups").await;

        // Groups of four, mixed on school.
        let size = labelled(&client, "People per group").await;
        size.clear().await.unwrap();
        size.send_keys("4").await.unwrap();
        let school = client
            .find(Locator::XPath(MIX_ON_SCHOOL))
            .await
            .expect("school under Mix on");
        if !school.is_selected().await.unwrap() {
            school.click().await.unwrap();
        }
        assert!(school.is_selected().await.unwrap());
        button(&client, "Propose groups")
            .await
            .click()
            .await
            .unwrap();
        wait_for_path(&client, &proposal_path).await;
        let boxes = client
            .find_all(Locator::Css(".group-drop"))
            .await
            .unwrap()
            .len();
        assert!(
            boxes >= 3,
            "{} participants in groups of four make at least three groups, not {boxes}",
            participants.len()
        );
        check_accessibility(&client, "the proposed groups").await;
        screenshots(&client, "peer-groups-proposal").await;

        // (1) By keyboard: the first person of group 1 goes to group 2 with the
        // "Move to group" list (typing "2" on the focused list picks option 2),
        // and is then kept there.
        let (keyboard, keyboard_name) = first_in_group(&client, 1).await;
        let select = find(
            &client,
            &format!("select[aria-label='Move to group: {keyboard_name}']"),
        )
        .await;
        select.send_keys("2").await.unwrap();
        assert_eq!(select.prop("value").await.unwrap().as_deref(), Some("2"));
        let deadline = Instant::now() + WAIT;
        while group_on_screen(&client, &keyboard).await.as_deref() != Some("2") {
            assert!(
                Instant::now() < deadline,
                "{keyboard_name} did not move into group 2's box"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let focused = client
            .execute(
                "return document.activeElement && document.activeElement.name;",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(
            focused,
            json!(format!("group-{keyboard}")),
            "focus stays on the list that was used"
        );
        click(
            &client,
            &format!("li.member[data-member='{keyboard}'] input[name='lock-{keyboard}']"),
        )
        .await;

        // (2) By mouse: the first person of the last group is dragged onto group 1,
        // a real HTML5 drag and drop (see `drag_and_drop`).
        let (dragged, dragged_name) = first_in_group(&client, boxes).await;
        drag_and_drop(
            &client,
            &format!("li.member[data-member='{dragged}'] strong"),
            ".group-drop[data-group='1'] .group-name",
        )
        .await;
        let deadline = Instant::now() + WAIT;
        while group_on_screen(&client, &dragged).await.as_deref() != Some("1") {
            assert!(
                Instant::now() < deadline,
                "dragging {dragged_name} onto group 1 did not move them"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let moved = find(&client, &format!("select[name='group-{dragged}']")).await;
        assert_eq!(
            moved.prop("value").await.unwrap().as_deref(),
            Some("1"),
            "the drop sets the list the form sends"
        );
        assert_eq!(
            group_on_screen(&client, &keyboard).await.as_deref(),
            Some("2")
        );

        // (3) Proposing again rearranges the others but keeps the locked person in group 2.
        submit_and_wait(&client, "Propose again").await;
        wait_for_path(&client, &proposal_path).await;
        assert_eq!(
            group_on_screen(&client, &keyboard).await.as_deref(),
            Some("2"),
            "{keyboard_name} is kept in group 2"
        );
        let lock = find(&client, &format!("input[name='lock-{keyboard}']")).await;
        assert!(
            lock.is_selected().await.unwrap(),
            "{keyboard_name} is still marked to keep"
        );
        let select = find(&client, &format!("select[name='group-{keyboard}']")).await;
        assert_eq!(select.prop("value").await.unwrap().as_deref(), Some("2"));

        // (4) Save.
        submit_and_wait(&client, "Save these groups").await;
        assert!(
            wait_for_path(&client, &groups_path)
                .await
                .contains("done=flash-groups-saved")
        );
        let current = text_of(&client, "section[aria-labelledby='current-heading']").await;
        assert!(
            current.contains(&keyboard_name),
            "the saved groups on the page: {current}"
        );
        check_accessibility(&client, "the peer groups page with groups").await;
        screenshots(&client, "peer-groups-saved").await;
        keyboard.parse::<UserId>().expect("a person's id")
    })
    .await;
    let Some(locked) = locked else { return };

    // Saved: every participant exactly once, the locked person in the second group.
    let saved = app
        .store
        .peer_groups()
        .current(cohort)
        .await
        .unwrap()
        .expect("saved groups");
    let mut placed: Vec<UserId> = saved
        .groups
        .iter()
        .flat_map(|g| g.members.iter().copied())
        .collect();
    placed.sort();
    let mut expected: Vec<UserId> = participants.iter().map(|(id, _)| *id).collect();
    expected.sort();
    assert_eq!(
        placed, expected,
        "every participant is in exactly one saved group"
    );
    assert!(
        saved.groups[1].members.contains(&locked),
        "the locked person is in the second group: {saved:?}"
    );

    // A participant, in a browser of their own, sees which group is theirs.
    let participant = participants
        .iter()
        .find(|(_, email)| email == "participant@demo.example")
        .expect("participant@demo.example is in the cohort")
        .0;
    let theirs = saved
        .groups
        .iter()
        .find(|g| g.members.contains(&participant))
        .expect("the participant's group")
        .name
        .clone();
    with_browser("peer-groups-participant", |client| async move {
        sign_in_with_form(&client, app, "participant@demo.example").await;
        client
            .goto(&app.url(&format!("/cohorts/{cohort}")))
            .await
            .unwrap();
        let mut marked = Vec::new();
        for card in client
            .find_all(Locator::Css(
                "section[aria-labelledby='groups-heading'] .card",
            ))
            .await
            .unwrap()
        {
            let heading = card
                .find(Locator::Css("h3"))
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            if let Some(name) = heading.strip_suffix("your group") {
                marked.push(name.trim().to_owned());
            }
        }
        assert_eq!(
            marked,
            vec![theirs],
            "exactly one group is marked as the participant's"
        );
        check_accessibility(&client, "the cohort page of a participant").await;
    })
    .await;
}

/// The text of the first element matching `css` once it contains `needle`.
async fn wait_for_text(client: &Client, css: &str, needle: &str) -> String {
    let deadline = Instant::now() + WAIT;
    loop {
        let text = client
            .execute(
                "const node = document.querySelector(arguments[0]); return node ? node.innerText : null;",
                vec![json!(css)],
            )
            .await
            .unwrap_or(Value::Null);
        if let Some(text) = text.as_str()
            && text.contains(needle)
        {
            return text.to_owned();
        }
        assert!(
            Instant::now() < deadline,
            "waited {WAIT:?} for {needle:?} in {css}, which reads {text}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The text of the first element matching `css`, or "" when there is none.
async fn text_now(client: &Client, css: &str) -> String {
    client
        .execute(
            "const node = document.querySelector(arguments[0]); return node ? node.innerText : '';",
            vec![json!(css)],
        )
        .await
        .expect("read the page")
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// Waits until the live room's script has its first frame from the server.
async fn wait_for_live_room(client: &Client, app: &TestApp) {
    let deadline = Instant::now() + WAIT;
    loop {
        let ready = client
            .execute(
                "const live = document.getElementById('live'); return !!live && live.dataset.ready === 'yes';",
                vec![],
            )
            .await
            .unwrap_or(Value::Bool(false));
        if ready == Value::Bool(true) {
            return;
        }
        if Instant::now() >= deadline {
            let script = reqwest::get(app.url("/static/live.js")).await.unwrap();
            panic!(
                "the live room did not connect within {WAIT:?}; /static/live.js answers {} (it must be served like app.js, from crates/web/src/routes/assets.rs); the page says: {}",
                script.status(),
                text_now(client, "#live").await
            );
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Signs in through the form and goes from the home page's "Coming up" to
/// the event; a participant accepts the ground rules, the facilitator opens
/// the console; both end up in the live room, connected.
async fn enter_live_room(client: &Client, app: &TestApp, email: &str, event: EventId) {
    sign_in_with_form(client, app, email).await;
    click(
        client,
        &format!("section[aria-labelledby='events-heading'] a[href='/events/{event}']"),
    )
    .await;
    wait_for_path(client, &format!("/events/{event}")).await;
    if email == "facilitator@demo.example" {
        click(client, &format!("a.button[href='/events/{event}/live']")).await;
    } else {
        // Asked to accept the ground rules first (in their own language).
        find(client, "section[aria-labelledby='rules-heading'] li").await;
        click(
            client,
            &format!("form[action='/events/{event}/accept'] button[type=submit]"),
        )
        .await;
    }
    wait_for_path(client, &format!("/events/{event}/live")).await;
    wait_for_live_room(client, app).await;
}

/// Waits until the step's countdown shows minutes and seconds.
async fn wait_for_clock(client: &Client) {
    let deadline = Instant::now() + WAIT;
    let script = "const node = document.getElementById('countdown');\
                  return !!node && /\\d+:\\d\\d/.test(node.innerText) && node.offsetParent !== null;";
    while client.execute(script, vec![]).await.unwrap_or(Value::Null) != Value::Bool(true) {
        assert!(
            Instant::now() < deadline,
            "no countdown to read: {}",
            text_now(client, "#countdown").await
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// No message id stands where its text should (a string the page forgot).
async fn assert_no_message_ids(client: &Client, page: &str) {
    let text = body_text(client).await;
    assert!(
        !text
            .split_whitespace()
            .any(|word| word.starts_with("live-")),
        "{page} shows a message id instead of its text: {text}"
    );
}

/// Types a chat message and sends it with the form's button.
async fn say(client: &Client, text: &str) {
    type_into(client, "#chat-text", text).await;
    click(client, "#chat-form button[type=submit]").await;
}

/// A participant of the test, and the saved peer group they are in.
struct Participant {
    user: UserId,
    email: String,
    name: String,
    group: uuid::Uuid,
    group_name: String,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_facilitator_and_six_participants_walk_a_fishbowl_in_the_live_room() {
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    let app = &app;
    // The demo's fishbowl of the autumn cohort, and its saved peer groups.
    let cohort = app.cohort_named("Autumn dialogue cohort").await;
    let event = app
        .store
        .events()
        .for_cohort(cohort.id)
        .await
        .unwrap()
        .into_iter()
        .find(|e| e.title.starts_with("Autumn fishbowl"))
        .expect("the demo's fishbowl event");
    let steps: Vec<String> = event
        .run_sheet
        .steps
        .iter()
        .map(|s| s.title.clone())
        .collect();
    assert_eq!(steps.len(), 8, "the fishbowl has eight steps");
    let event = event.id;
    let groups = app
        .store
        .peer_groups()
        .current(cohort.id)
        .await
        .unwrap()
        .expect("the demo's peer groups")
        .groups;
    assert!(groups.len() >= 2, "the demo saves at least two peer groups");
    let members = app.store.org().cohort_members(cohort.id).await.unwrap();
    // Three people from each of two groups; English speakers, so the test can
    // read their pages, but the very last an Albanian speaker when the second
    // group has one (their checks do not depend on the words).
    let mut people = Vec::new();
    for (index, group) in groups[..2].iter().enumerate() {
        let mut english = Vec::new();
        let mut albanian = Vec::new();
        for user in &group.members {
            let member = members
                .iter()
                .find(|m| m.user_id == *user)
                .expect("a group member is in the cohort");
            let language = app
                .store
                .people()
                .find_by_email(&Email::parse(&member.email).unwrap())
                .await
                .unwrap()
                .expect("the member's account")
                .language;
            let person = Participant {
                user: *user,
                email: member.email.clone(),
                name: member.display_name.clone(),
                group: group.id,
                group_name: group.name.clone(),
            };
            if language.as_deref().is_none_or(|l| l == "en") {
                english.push(person);
            } else {
                albanian.push(person);
            }
        }
        let mut chosen: Vec<Participant> = english.into_iter().take(3).collect();
        if index == 1 && !albanian.is_empty() {
            chosen.truncate(2);
        }
        chosen.extend(albanian.into_iter().take(3 - chosen.len()));
        people.extend(chosen);
    }
    assert_eq!(people.len(), 6, "three people in each of two groups");
    let people = &people;
    let steps = &steps;

    with_browsers("live-fishbowl", 1 + people.len(), |clients| async move {
        let host = &clients[0];
        let guests = &clients[1..];
        let everyone = || clients.iter();
        let of_group = |group: uuid::Uuid| {
            people
                .iter()
                .zip(guests)
                .filter(move |(p, _)| p.group == group)
                .map(|(_, c)| c)
        };

        // Everyone signs in, finds the event on their home page and enters.
        let entering = std::iter::once(enter_live_room(
            host,
            app,
            "facilitator@demo.example",
            event,
        ))
        .chain(
            people
                .iter()
                .zip(guests)
                .map(|(p, c)| enter_live_room(c, app, &p.email, event)),
        );
        join_all(entering).await;
        wait_for_text(host, "#step", "has not started").await;
        join_all(guests.iter().map(|c| find(c, "#step p"))).await;
        let first = &guests[0];
        let first_group = people[0].group;
        let other_group = people[3].group;
        assert_ne!(first_group, other_group);

        for (index, title) in steps.iter().enumerate() {
            if index == 0 {
                button(host, "Start the event").await.click().await.unwrap();
            } else {
                button(host, "Next step").await.click().await.unwrap();
            }
            let position = format!("Step {} of {}", index + 1, steps.len());
            wait_for_text(host, "#step .step-position", &position).await;
            join_all(everyone().map(|c| wait_for_text(c, "#step h2", title))).await;
            join_all(everyone().map(wait_for_clock)).await;

            match index {
                // Private reflection: saved for its writer, and shown to nobody else.
                2 => {
                    let private = "What I carry this week is mine to write.";
                    type_into(first, "#reflection-text", private).await;
                    wait_for_text(
                        first,
                        "#reflection-status",
                        "Saved. Only you can read this.",
                    )
                    .await;
                    let saved = app
                        .store
                        .events()
                        .own_reflection(event, 2, people[0].user)
                        .await
                        .unwrap();
                    assert_eq!(saved.as_deref(), Some(private), "the reflection is saved");
                    let neighbour = &guests[1];
                    let theirs = find(neighbour, "#reflection-text").await;
                    assert_eq!(theirs.prop("value").await.unwrap().as_deref(), Some(""));
                    for other in [neighbour, host] {
                        assert!(
                            !body_text(other).await.contains(private),
                            "another page shows the reflection"
                        );
                    }
                    assert!(
                        app.store
                            .events()
                            .own_reflection(event, 2, people[1].user)
                            .await
                            .unwrap()
                            .is_none(),
                        "nothing is saved for the neighbour"
                    );
                    // A few lines, chosen on purpose, go to the writer's group.
                    click(first, "#excerpt summary").await;
                    type_into(first, "#excerpt-text", "I am learning to ask for help.").await;
                    button(first, "Share with my group")
                        .await
                        .click()
                        .await
                        .unwrap();
                    wait_for_text(first, "#excerpt-status", "Shared with your group").await;
                    screenshots(first, "live-reflection").await;
                }
                // Dialogue: each group chats among itself; the console counts.
                3 => {
                    let oak = format!("Hello from {}", people[0].group_name);
                    let birch = format!("Greetings from {}", people[3].group_name);
                    join_all(
                        of_group(first_group)
                            .map(|c| wait_for_text(c, "#chat-where", &people[0].group_name)),
                    )
                    .await;
                    say(first, &oak).await;
                    say(&guests[3], &birch).await;
                    // The first group's count includes the shared excerpt.
                    wait_for_text(
                        host,
                        &format!(".group-overview[data-group='{first_group}'] .chat-count"),
                        "2",
                    )
                    .await;
                    wait_for_text(
                        host,
                        &format!(".group-overview[data-group='{other_group}'] .chat-count"),
                        "1",
                    )
                    .await;
                    let overview = wait_for_text(host, "#chat-log", &oak).await;
                    assert!(
                        overview.contains(&birch),
                        "the facilitator sees every group's messages: {overview}"
                    );
                    // The excerpt shared at the reflection waits in the group's room.
                    wait_for_text(&guests[1], "#chat-log", "I am learning to ask for help.").await;
                    assert!(
                        !text_now(&guests[3], "#chat-log")
                            .await
                            .contains("I am learning to ask for help."),
                        "another group never sees the excerpt"
                    );
                    for (mine, theirs, group) in
                        [(&oak, &birch, first_group), (&birch, &oak, other_group)]
                    {
                        for client in of_group(group) {
                            wait_for_text(client, "#chat-log", mine).await;
                            let log = text_now(client, "#chat-log").await;
                            assert!(
                                !log.contains(theirs.as_str()),
                                "another group's message reached this one: {log}"
                            );
                        }
                    }
                    // The facilitator visits one group: only its messages.
                    button(host, "Visit this group")
                        .await
                        .click()
                        .await
                        .unwrap();
                    let visited = wait_for_text(host, "#chat-where", &people[0].group_name).await;
                    assert!(!visited.is_empty());
                    let log = wait_for_text(host, "#chat-log", &oak).await;
                    assert!(
                        !log.contains(&birch),
                        "a visit shows one group's messages: {log}"
                    );
                    wait_for_text(first, "#step", "joined your group").await;
                    button(host, "Back to the large group")
                        .await
                        .click()
                        .await
                        .unwrap();
                    wait_for_text(host, "#chat-log", &birch).await;

                    // A raised hand reaches the facilitator's queue.
                    let hand = &guests[1];
                    button(hand, "Raise my hand").await.click().await.unwrap();
                    wait_for_text(host, "#hand-queue", &people[1].name).await;
                    button(hand, "Lower my hand").await;
                    wait_for_text(&guests[4], "#hands", &people[1].name).await;

                    // "I need support": the facilitator is told, the person sees where to turn.
                    let asking = &guests[4];
                    click(asking, "#need-support").await;
                    wait_for_text(asking, "#support-panel", "The facilitators have been told")
                        .await;
                    wait_for_text(asking, "#support-panel", "Emergency services").await;
                    let alerts = wait_for_text(host, "#alerts", &people[4].name).await;
                    assert!(alerts.contains("asked for support"), "{alerts}");
                    let calm = &guests[5];
                    assert!(
                        !find(calm, "#support-panel")
                            .await
                            .is_displayed()
                            .await
                            .unwrap(),
                        "nobody else sees a call for support"
                    );
                    assert!(!body_text(calm).await.contains("asked for support"));

                    // Each group sees who of it is here.
                    wait_for_text(first, "#here-now", &people[1].name).await;
                    wait_for_text(
                        host,
                        &format!(".group-overview[data-group='{other_group}'] .here-now"),
                        &people[4].name,
                    )
                    .await;
                    // The facilitator moves someone to the other group for
                    // this event; their page follows them there.
                    let moving = &guests[2];
                    wait_for_text(host, "#move-who", &people[2].name).await;
                    find(host, "#move-who")
                        .await
                        .select_by_value(&people[2].user.to_string())
                        .await
                        .unwrap();
                    find(host, "#move-to")
                        .await
                        .select_by_value(&other_group.to_string())
                        .await
                        .unwrap();
                    button(host, "Move").await.click().await.unwrap();
                    wait_for_text(moving, "#my-group h2", &people[3].group_name).await;
                    wait_for_text(moving, "#chat-where", &people[3].group_name).await;
                    wait_for_text(moving, "#live-status", &people[3].group_name).await;
                    wait_for_text(
                        host,
                        &format!(".group-overview[data-group='{other_group}'] .here-now"),
                        &people[2].name,
                    )
                    .await;

                    check_accessibility(first, "the live room of a participant").await;
                    check_accessibility(host, "the facilitator's console").await;
                    screenshots(first, "live-participant").await;
                    screenshots(asking, "live-participant-support").await;
                    screenshots(host, "live-console").await;
                }
                // Debrief: speakers proposed, announced, seen by everyone.
                4 => {
                    button(host, "Propose speakers")
                        .await
                        .click()
                        .await
                        .unwrap();
                    find(host, ".speaker-choice").await;
                    button(host, "Announce the speakers")
                        .await
                        .click()
                        .await
                        .unwrap();
                    wait_for_text(first, ".speakers-chosen", "Sharing first insights").await;
                    join_all(everyone().map(|c| find(c, ".speakers-chosen li"))).await;
                    for (i, client) in everyone().enumerate() {
                        assert_no_message_ids(client, &format!("the debrief of browser {i}")).await;
                    }
                    let chosen = client_lines(first, ".speakers-chosen li").await;
                    let named_groups: std::collections::BTreeSet<&str> = chosen
                        .iter()
                        .filter_map(|line| line.rsplit_once(" · ").map(|(_, group)| group))
                        .collect();
                    assert!(
                        chosen.len() >= 2 && named_groups.len() == chosen.len(),
                        "speakers come from different groups: {chosen:?}"
                    );
                    assert!(
                        chosen.iter().any(|line| line.starts_with(&people[1].name)),
                        "the raised hand volunteered first: {chosen:?}"
                    );
                }
                _ => {}
            }
        }
        assert!(
            !button(host, "Next step").await.is_enabled().await.unwrap(),
            "the last step has no next one"
        );

        // The end, and feedback.
        button(host, "End the event").await.click().await.unwrap();
        host.accept_alert().await.expect("the confirmation to end");
        wait_for_text(host, "#step h2", "The event has ended").await;
        join_all(guests.iter().map(|c| find(c, "#feedback"))).await;
        for (i, client) in everyone().enumerate() {
            assert_no_message_ids(client, &format!("the end of browser {i}")).await;
        }
        let ratings = [5, 4, 5, 4, 5, 3];
        join_all(
            guests
                .iter()
                .zip(ratings)
                .enumerate()
                .map(|(i, (client, rating))| async move {
                    click(
                        client,
                        &format!("#feedback input[name=rating][value='{rating}']"),
                    )
                    .await;
                    type_into(
                        client,
                        "#feedback-helped",
                        &format!("Listening without advice ({i})"),
                    )
                    .await;
                    if i == 0 {
                        type_into(client, "#feedback-change", "More time in the groups").await;
                    }
                    click(client, "#feedback button[type=submit]").await;
                    let query = wait_for_path(client, &format!("/events/{event}")).await;
                    assert!(query.contains("flash-feedback-thanks"), "{query}");
                }),
        )
        .await;
        host.goto(&app.url(&format!("/events/{event}")))
            .await
            .unwrap();
        let answers = text_of(host, "section[aria-labelledby='feedback-heading']").await;
        assert!(
            answers.contains("6 answers, average 4.3 out of 5"),
            "{answers}"
        );
        for i in 0..6 {
            assert!(
                answers.contains(&format!("Listening without advice ({i})")),
                "{answers}"
            );
        }
        assert!(answers.contains("More time in the groups"), "{answers}");
        for person in people {
            assert!(
                !answers.contains(&person.name),
                "feedback is shown without names: {answers}"
            );
        }
    })
    .await;
}

/// The text of every element matching `css`.
async fn client_lines(client: &Client, css: &str) -> Vec<String> {
    let mut lines = Vec::new();
    for node in client.find_all(Locator::Css(css)).await.unwrap() {
        lines.push(node.text().await.unwrap());
    }
    lines
}

/// Training in a browser: a trainee's story saves as they type (the editor's
/// script), the facilitator prepares from a session's mini knowledge and
/// records the readiness conversation; each page checked at phone width.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn trainee_writes_a_story_and_the_facilitator_records_readiness() {
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    let app = &app;
    let (cohort, curriculum) = crate::training::training_cohort(app).await;
    let curriculum = &curriculum;
    let tomi = app
        .store
        .people()
        .find_by_email(&Email::parse("trainee@demo.example").unwrap())
        .await
        .unwrap()
        .unwrap()
        .id;
    with_browser("training-trainee", |client| async move {
        sign_in_with_form(&client, app, "trainee@demo.example").await;
        wait_for_path(&client, "/").await;
        click(&client, &format!("a[href='/cohorts/{cohort}/training']")).await;
        wait_for_path(&client, &format!("/cohorts/{cohort}/training")).await;
        check_accessibility(&client, "the trainee's training page").await;
        screenshots(&client, "training-trainee-home").await;
        click(
            &client,
            &format!("a[href='/cohorts/{cohort}/training/story']"),
        )
        .await;
        wait_for_path(&client, &format!("/cohorts/{cohort}/training/story")).await;
        let area = find(&client, "#f-text").await;
        area.clear().await.unwrap();
        area.send_keys("Typed in the browser, never submitted.")
            .await
            .unwrap();
        // The script saves a moment after typing stops, without leaving the page.
        let deadline = Instant::now() + WAIT;
        loop {
            let newest = app.store.training().own_story(cohort, tomi).await.unwrap();
            if newest
                .first()
                .is_some_and(|v| v.text == "Typed in the browser, never submitted.")
            {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "the story was not saved as the trainee typed"
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        assert!(
            text_of(&client, "[data-autosave-status]")
                .await
                .contains("Saved")
        );
        check_accessibility(&client, "the story editor").await;
        screenshots(&client, "training-story").await;
        click(&client, &format!("a[href='/cohorts/{cohort}/training']")).await;
        click(
            &client,
            &format!("a[href='/cohorts/{cohort}/training/stocktake']"),
        )
        .await;
        wait_for_path(&client, &format!("/cohorts/{cohort}/training/stocktake")).await;
        check_accessibility(&client, "the stocktake").await;
        screenshots(&client, "training-stocktake").await;
        let readiness = curriculum.modules[0].sessions[0].id;
        client
            .goto(&app.url(&format!("/cohorts/{cohort}/training/sessions/{readiness}")))
            .await
            .unwrap();
        check_accessibility(&client, "a session for trainees").await;
        screenshots(&client, "training-session-trainee").await;
        client
            .goto(&app.url(&format!("/cohorts/{cohort}/training/chime")))
            .await
            .unwrap();
        find(&client, "svg.chime-chart").await;
        check_accessibility(&client, "the CHIME reflection").await;
        screenshots(&client, "training-chime").await;
    })
    .await;

    let session = curriculum.modules[1].sessions[0].id;
    with_browser("training-facilitator", |client| async move {
        sign_in_with_form(&client, app, "facilitator@demo.example").await;
        wait_for_path(&client, "/").await;
        click(&client, "nav[aria-label='Main'] a[href='/curricula']").await;
        wait_for_path(&client, "/curricula").await;
        check_accessibility(&client, "the curricula").await;
        screenshots(&client, "training-curricula").await;
        client
            .goto(&app.url(&format!("/curricula/{}", curriculum.id)))
            .await
            .unwrap();
        check_accessibility(&client, "a curriculum").await;
        screenshots(&client, "training-curriculum").await;
        client
            .goto(&app.url(&format!("/curricula/{}/sessions/{session}", curriculum.id)))
            .await
            .unwrap();
        assert!(body_text(&client).await.contains("Mini knowledge"));
        screenshots(&client, "training-session-facilitator").await;
        client
            .goto(&app.url(&format!("/cohorts/{cohort}/training")))
            .await
            .unwrap();
        check_accessibility(&client, "the readiness overview").await;
        screenshots(&client, "training-overview").await;
        click(
            &client,
            &format!("a[href='/cohorts/{cohort}/training/trainees/{tomi}']"),
        )
        .await;
        wait_for_path(
            &client,
            &format!("/cohorts/{cohort}/training/trainees/{tomi}"),
        )
        .await;
        check_accessibility(&client, "a trainee's readiness").await;
        client
            .find(Locator::Css("input[name=outcome][value=ready]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        screenshots(&client, "training-trainee-readiness").await;
        submit_and_wait(&client, "Record the conversation").await;
        wait_for_path(&client, &format!("/cohorts/{cohort}/training")).await;
        assert!(
            body_text(&client)
                .await
                .contains("The conversation is recorded.")
        );
        // Attendance on a phone: a session scheduled for the cohort.
        let activity = app
            .store
            .activities()
            .record(&hearth_store::NewActivity {
                kind: "training-session",
                title: "A safe and confidential place to learn",
                site_id: None,
                cohort_id: Some(cohort),
                phase_id: None,
                occurred_at: hearth_store::now_ms(),
            })
            .await
            .unwrap();
        let delivery = app
            .store
            .training()
            .schedule(
                cohort,
                session,
                activity,
                hearth_store::now_ms(),
                Some("Room 2"),
                tomi,
            )
            .await
            .unwrap();
        client
            .goto(&app.url(&format!("/cohorts/{cohort}/training/deliveries/{delivery}")))
            .await
            .unwrap();
        check_accessibility(&client, "attendance").await;
        screenshots(&client, "training-attendance").await;
        client
            .goto(&app.url(&format!("/cohorts/{cohort}/training/progress")))
            .await
            .unwrap();
        check_accessibility(&client, "progress").await;
        screenshots(&client, "training-progress").await;
    })
    .await;
    let conversations = app
        .store
        .training()
        .conversations(cohort, tomi)
        .await
        .unwrap();
    assert_eq!(conversations.len(), 1);
}

/// Two members talk in the "I'm here" channel in two browsers: a message
/// appears on the other's page as it is sent, a reply quotes what it
/// answers; the page and the public `/support` chat pass axe-core at both widths.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_members_talk_in_their_groups_channel() {
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    let group = app
        .store
        .support_groups()
        .directory()
        .await
        .unwrap()
        .into_iter()
        .find(|g| g.group.name == "I'm here")
        .unwrap()
        .group
        .id;
    let channel = app.url(&format!("/support-groups/{group}/channel"));
    with_browsers("channel", 2, |clients| async move {
        let (teuta, blerim) = (&clients[0], &clients[1]);
        sign_in_with_form(teuta, &app, "teacher@demo.example").await;
        sign_in_with_form(blerim, &app, "blerim@demo.example").await;
        for client in [teuta, blerim] {
            client.goto(&channel).await.unwrap();
            // The demo's messages, drawn by the script with their actions.
            wait_for_text(client, "#messages", "five fingers").await;
            wait_for_text(client, "#conversation-status", "").await;
        }
        type_into(
            teuta,
            "#compose-text",
            "Shall we meet in the library on Friday?",
        )
        .await;
        click(teuta, "#compose button[type=submit]").await;
        wait_for_text(blerim, "#messages", "library on Friday").await;
        // Blerim answers that very message.
        let reply = blerim
            .find(Locator::XPath(
                "//li[contains(., 'library on Friday')]//button[@data-action='reply']",
            ))
            .await
            .expect("a reply button on Teuta's message");
        reply.click().await.unwrap();
        wait_for_text(blerim, "#replying", "Teuta").await;
        type_into(blerim, "#compose-text", "Yes, after the last lesson.").await;
        click(blerim, "#compose button[type=submit]").await;
        let seen = wait_for_text(teuta, "#messages", "after the last lesson").await;
        assert!(seen.contains("library on Friday"));
        let quoted = text_of(teuta, "#messages li:last-child blockquote").await;
        assert!(quoted.contains("library on Friday"), "{quoted}");
        check_accessibility(teuta, "a group's channel").await;
        screenshots(teuta, "channel").await;

        // The online drop-in chat: a visitor with no account, and the peer on shift.
        let (peer, visitor) = (&clients[0], &clients[1]);
        visitor.delete_all_cookies().await.unwrap();
        visitor.goto(&app.url("/support")).await.unwrap();
        check_accessibility(visitor, "the support page").await;
        screenshots(visitor, "support").await;
        type_into(visitor, "#f-nickname", "Sky").await;
        click(
            visitor,
            "form[action='/support/chat/start'] button[type=submit]",
        )
        .await;
        wait_for_path(visitor, "/support/chat").await;
        wait_for_text(visitor, "#conversation-status", "").await;
        type_into(visitor, "#compose-text", "Hello, is anyone there?").await;
        click(visitor, "#compose button[type=submit]").await;
        wait_for_text(visitor, "#messages", "anyone there").await;

        peer.delete_all_cookies().await.unwrap();
        sign_in_with_form(peer, &app, "peer@demo.example").await;
        let centre = app.store.support().locations().await.unwrap().remove(0);
        let waiting = app.store.support().waiting(centre.id).await.unwrap();
        let sky = waiting.iter().find(|e| e.name == "Sky").unwrap();
        peer.goto(&app.url(&format!("/one-to-one/locations/{}", centre.id)))
            .await
            .unwrap();
        click(peer, &format!("a[href='/one-to-one/chats/{}']", sky.id)).await;
        click(peer, "form[action$='/take'] button[type=submit]").await;
        wait_for_text(peer, "#messages", "anyone there").await;
        wait_for_text(visitor, "#chat-status", "Pat").await;
        type_into(peer, "#compose-text", "Hi Sky, I'm Pat. I'm here.").await;
        click(peer, "#compose button[type=submit]").await;
        wait_for_text(visitor, "#messages", "I'm Pat").await;
        check_accessibility(visitor, "the visitor's chat").await;
        screenshots(visitor, "support-chat").await;
        check_accessibility(peer, "the peer's chat").await;
        screenshots(peer, "support-chat-peer").await;
    })
    .await;
}
// One-to-one support's safety (issue 7): its own file, with the helpers above.
mod safety;
// Running a peer support group's monthly meeting from phones (issue 8).
mod meeting_flow;
// Community stories with a picture, from writer to public reader (issue 9).
mod stories;
