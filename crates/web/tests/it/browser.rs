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
use fantoccini::{Client, ClientBuilder, Locator};
use futures_util::FutureExt;
use hearth_domain::input::Email;
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
async fn with_browser<F, Fut>(name: &str, test: F)
where
    F: FnOnce(Client) -> Fut,
    Fut: Future<Output = ()>,
{
    let _turn = ONE_BROWSER.lock().await;
    let Some(browser) = Browser::open().await else {
        return;
    };
    let outcome = AssertUnwindSafe(test(browser.client.clone()))
        .catch_unwind()
        .await;
    if outcome.is_err() {
        let _ = save_screenshot(&browser.client, &format!("{name}-failure")).await;
    }
    browser.close().await;
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

/// Waits until the browser is at `path`; gives the URL's query.
async fn wait_for_path(client: &Client, path: &str) -> String {
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

async fn find(client: &Client, css: &str) -> fantoccini::elements::Element {
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

async fn click(client: &Client, css: &str) {
    find(client, css)
        .await
        .click()
        .await
        .unwrap_or_else(|e| panic!("could not click {css}: {e}"));
}

async fn type_into(client: &Client, css: &str, text: &str) {
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

async fn body_text(client: &Client) -> String {
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
async fn check_accessibility(client: &Client, page: &str) {
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
async fn screenshots(client: &Client, name: &str) {
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
