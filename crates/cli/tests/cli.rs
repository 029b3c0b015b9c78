//! The `hearth` binary as people run it: flags, output, errors and exit codes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};

fn hearth() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_hearth"));
    // Tests set their own flags; the developer's environment must not leak in.
    for (key, _) in std::env::vars() {
        if key.starts_with("HEARTH_") {
            command.env_remove(key);
        }
    }
    command
}

struct DataDir(PathBuf);

impl DataDir {
    fn new() -> DataDir {
        let dir = std::env::temp_dir().join(format!("hearth-cli-{}", uuid::Uuid::new_v4()));
        DataDir(dir)
    }
    fn arg(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for DataDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn run(command: &mut Command) -> Output {
    command.output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Starts `hearth serve` and waits for the address it prints.
fn serve(args: &[&str]) -> (Child, String) {
    let mut child = hearth()
        .arg("serve")
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let url = lines
        .by_ref()
        .take(20)
        .map_while(Result::ok)
        .find_map(|line| {
            let start = line.find("http://")?;
            Some(
                line[start..]
                    .split_whitespace()
                    .next()?
                    .trim_end_matches('/')
                    .to_owned(),
            )
        });
    let Some(url) = url else {
        let _ = child.kill();
        let _ = child.wait();
        panic!("hearth serve stopped before printing its address");
    };
    // Keep reading so the server's later lines never meet a closed pipe.
    std::thread::spawn(move || lines.for_each(drop));
    (child, url)
}

fn stop(mut child: Child) -> std::process::ExitStatus {
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    child.wait().unwrap()
}

#[test]
fn migrate_creates_the_database_and_says_so() {
    let data = DataDir::new();
    let output = run(hearth().args(["migrate", "--data-dir", data.arg()]));
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(text(&output.stdout).contains("up to date"));
    assert!(data.0.join("hearth.db").exists());
}

#[test]
fn serve_prints_the_address_answers_and_stops_gracefully() {
    let data = DataDir::new();
    let (child, url) = serve(&["--data-dir", data.arg(), "--addr", "127.0.0.1:0"]);
    assert!(url.starts_with("http://127.0.0.1:"));
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        assert_eq!(
            reqwest::get(format!("{url}/healthz"))
                .await
                .unwrap()
                .status(),
            200
        );
        assert_eq!(
            reqwest::get(format!("{url}/readyz"))
                .await
                .unwrap()
                .status(),
            200
        );
    });
    assert!(stop(child).success(), "SIGTERM ends the server cleanly");
}

#[test]
fn admin_create_reads_the_password_from_stdin_and_refuses_duplicates() {
    let data = DataDir::new();
    let create = || {
        let mut child = hearth()
            .args([
                "admin",
                "create",
                "--email",
                "Ada@Example.org",
                "--name",
                "Ada Admin",
                "--password-stdin",
                "--data-dir",
                data.arg(),
            ])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(b"a long admin passphrase\n")
            .unwrap();
        child.wait_with_output().unwrap()
    };
    let first = create();
    assert!(first.status.success(), "{}", text(&first.stderr));
    assert!(text(&first.stdout).contains("Created administrator ada@example.org"));
    let second = create();
    assert!(!second.status.success());
    assert!(text(&second.stderr).contains("already has an account"));

    // The new administrator can sign in.
    let (child, url) = serve(&["--data-dir", data.arg(), "--addr", "127.0.0.1:0"]);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let page = client
            .get(format!("{url}/sign-in"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let marker = "name=\"csrf\" value=\"";
        let start = page.find(marker).unwrap() + marker.len();
        let csrf = &page[start..start + 64];
        let response = client
            .post(format!("{url}/sign-in"))
            .form(&[
                ("csrf", csrf),
                ("email", "ada@example.org"),
                ("password", "a long admin passphrase"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 303);
        let home = client
            .get(format!("{url}/"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(home.contains("Ada Admin"));
    });
    stop(child);
}

#[test]
fn a_short_admin_password_is_refused() {
    let data = DataDir::new();
    let mut child = hearth()
        .args([
            "admin",
            "create",
            "--email",
            "ada@example.org",
            "--name",
            "Ada",
            "--password-stdin",
            "--data-dir",
            data.arg(),
        ])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"short\n").unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(!output.status.success());
    assert!(text(&output.stderr).contains("10 to 200 characters"));
}

#[test]
fn demo_loads_once_and_says_so_the_second_time() {
    let data = DataDir::new();
    let first = run(hearth().args(["demo", "--data-dir", data.arg()]));
    assert!(first.status.success(), "{}", text(&first.stderr));
    assert!(text(&first.stdout).contains("Loaded the demo organisation"));
    let (child, url) = serve(&["--demo", "--data-dir", data.arg(), "--addr", "127.0.0.1:0"]);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let page = reqwest::get(format!("{url}/sign-in"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("This is a demo of Hearth"));
    });
    stop(child);
    let again = run(hearth().args(["demo", "--data-dir", data.arg()]));
    assert!(text(&again.stdout).contains("already has people"));
}

#[test]
fn a_taken_port_is_named_with_a_way_out() {
    let data = DataDir::new();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let output = run(hearth().args(["serve", "--data-dir", data.arg(), "--addr", &addr]));
    assert!(!output.status.success());
    let stderr = text(&output.stderr);
    assert!(stderr.contains("already in use"), "{stderr}");
    assert!(stderr.contains("--addr"));
}

#[test]
fn an_unreachable_database_is_named_without_its_password() {
    let data = DataDir::new();
    let output = run(hearth().args([
        "migrate",
        "--data-dir",
        data.arg(),
        "--database-url",
        "postgres://hearth:topsecret@127.0.0.1:1/hearth",
    ]));
    assert!(!output.status.success());
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("could not connect to the database"),
        "{stderr}"
    );
    assert!(stderr.contains("PostgreSQL is running"));
    assert!(
        !stderr.contains("topsecret"),
        "the password is never printed"
    );
}

#[test]
fn a_database_newer_than_the_binary_is_refused() {
    let data = DataDir::new();
    assert!(
        run(hearth().args(["migrate", "--data-dir", data.arg()]))
            .status
            .success()
    );
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let db = hearth_store::Db::open_sqlite(&data.0.join("hearth.db")).await.unwrap();
        db.execute_raw(
            "INSERT INTO _sqlx_migrations (version, description, installed_on, success, checksum, execution_time) \
             VALUES (99990101000000, 'from the future', CURRENT_TIMESTAMP, 1, X'00', 0)",
        )
        .await
        .unwrap();
        db.close().await;
    });
    let output = run(hearth().args(["serve", "--data-dir", data.arg(), "--addr", "127.0.0.1:0"]));
    assert!(!output.status.success());
    let stderr = text(&output.stderr);
    assert!(stderr.contains("newer version of Hearth"), "{stderr}");
}

#[test]
fn groups_rounds_prints_the_schedule_as_json() {
    let output = run(hearth().args([
        "groups",
        "rounds",
        "--people",
        "16",
        "--size",
        "4",
        "--rounds",
        "5",
        "--seed",
        "7",
        "--time-limit",
        "5",
    ]));
    assert!(output.status.success(), "{}", text(&output.stderr));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let rounds = json["rounds"].as_array().unwrap();
    assert_eq!(rounds.len(), 5);
    for round in rounds {
        let mut everyone: Vec<u64> = round
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|g| g.as_array().unwrap().iter().map(|p| p.as_u64().unwrap()))
            .collect();
        everyone.sort_unstable();
        assert_eq!(
            everyone,
            (0..16).collect::<Vec<_>>(),
            "everyone placed exactly once per round"
        );
    }
    // 16 people in groups of 4 can meet for 5 rounds without anyone meeting twice.
    assert_eq!(json["repeated_pairs"], 0);
    assert_eq!(json["max_pair_meetings"], 1);
    assert_eq!(json["lower_bound_repeated_pairs"], 0);
    // The same seed gives the same schedule.
    let again = run(hearth().args([
        "groups",
        "rounds",
        "--people",
        "16",
        "--size",
        "4",
        "--rounds",
        "5",
        "--seed",
        "7",
        "--time-limit",
        "5",
    ]));
    assert_eq!(output.stdout, again.stdout);
}

#[test]
fn groups_persistent_and_cafe_read_files_and_flags() {
    let data = DataDir::new();
    std::fs::create_dir_all(&data.0).unwrap();
    let csv = data.0.join("people.csv");
    let mut rows = String::from("id,site,role\n");
    for i in 0..20 {
        rows.push_str(&format!(
            "p{i},school{},{}\n",
            i % 4,
            if i % 3 == 0 {
                "teacher"
            } else {
                "psychologist"
            }
        ));
    }
    std::fs::write(&csv, rows).unwrap();
    let output = run(hearth().args([
        "groups",
        "persistent",
        "--input",
        csv.to_str().unwrap(),
        "--size",
        "5",
        "--mix",
        "site,role",
        "--apart",
        "p0,p1",
        "--time-limit",
        "2",
    ]));
    assert!(output.status.success(), "{}", text(&output.stderr));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let groups = json["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 4);
    let together = groups.iter().any(|g| {
        g.as_array().unwrap().contains(&"p0".into()) && g.as_array().unwrap().contains(&"p1".into())
    });
    assert!(!together, "kept apart");

    let cafe = run(hearth().args([
        "groups",
        "cafe",
        "--people",
        "25",
        "--themes",
        "5",
        "--rounds",
        "5",
        "--hosts",
        "0,1,2,3,4",
        "--time-limit",
        "2",
    ]));
    assert!(cafe.status.success(), "{}", text(&cafe.stderr));
    let json: serde_json::Value = serde_json::from_slice(&cafe.stdout).unwrap();
    assert_eq!(json["hosts"], serde_json::json!([0, 1, 2, 3, 4]));
    for round in json["rounds"].as_array().unwrap() {
        for (table, members) in round.as_array().unwrap().iter().enumerate() {
            assert!(
                members
                    .as_array()
                    .unwrap()
                    .contains(&serde_json::json!(table)),
                "host {table} stays at table {table}"
            );
        }
    }
}

#[test]
fn groups_bad_input_exits_2_with_a_message_and_no_output() {
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "groups", "rounds", "--people", "10", "--size", "1", "--rounds", "3",
            ],
            "size",
        ),
        (
            &[
                "groups", "rounds", "--people", "10", "--size", "0", "--rounds", "3",
            ],
            "size",
        ),
        (
            &[
                "groups", "cafe", "--people", "20", "--themes", "3", "--rounds", "3", "--hosts",
                "0,1,2,3",
            ],
            "host",
        ),
        (
            &[
                "groups",
                "persistent",
                "--input",
                "/no/such/file.csv",
                "--size",
                "4",
            ],
            "could not read",
        ),
    ];
    for (args, needle) in cases {
        let output = run(hearth().args(*args));
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty(), "no partial output for {args:?}");
        let stderr = text(&output.stderr).to_lowercase();
        assert!(stderr.contains(needle), "{args:?}: {stderr}");
    }
    let data = DataDir::new();
    std::fs::create_dir_all(&data.0).unwrap();
    let csv = data.0.join("people.csv");
    std::fs::write(&csv, "id,site\na,x\nb,y\nc,x\nd,y\n").unwrap();
    let unknown = run(hearth().args([
        "groups",
        "persistent",
        "--input",
        csv.to_str().unwrap(),
        "--size",
        "2",
        "--apart",
        "a,zed",
    ]));
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        text(&unknown.stderr).contains("zed"),
        "the unknown id is named"
    );
    let malformed = run(hearth().args([
        "groups",
        "persistent",
        "--input",
        csv.to_str().unwrap(),
        "--size",
        "2",
        "--apart",
        "a",
    ]));
    assert_eq!(malformed.status.code(), Some(2));
    assert!(text(&malformed.stderr).contains("--apart"));
}

// --- hearth report (issue 9) ---

/// The fixed data set: two sites, one phase, six people.
/// Sums by hand are in the test below.
async fn seed_reports(store: &hearth_store::Store) -> String {
    use hearth_domain::input::{Email, Name};
    use hearth_store::{NewSite, RecordedActivity};
    store
        .org()
        .ensure_organisation("Report Test Network", "Europe/Belgrade", false)
        .await
        .unwrap();
    let org = store.org();
    let town = org
        .create_site(&NewSite {
            name: "Vushtrri Municipality".into(),
            kind: hearth_domain::org::SiteKind::Municipality,
            address: None,
        })
        .await
        .unwrap();
    let school = org
        .create_site(&NewSite {
            name: "Mitrovica School".into(),
            kind: hearth_domain::org::SiteKind::School,
            address: None,
        })
        .await
        .unwrap();
    let programme = org.create_programme("Field", None).await.unwrap();
    let phase = org
        .add_phase(programme, "Phase II", Some("2026-09-01"), None)
        .await
        .unwrap();
    let mut people = Vec::new();
    for i in 1..=6 {
        people.push(
            store
                .people()
                .create(
                    &Email::parse(&format!("p{i}@example.org")).unwrap(),
                    &Name::parse(&format!("Person {i}")).unwrap(),
                    None,
                    None,
                )
                .await
                .unwrap(),
        );
    }
    let at = |day: &str, hour: i8, minute: i8| {
        day.parse::<jiff::civil::Date>()
            .unwrap()
            .at(hour, minute, 0, 0)
            .in_tz("Europe/Belgrade")
            .unwrap()
            .timestamp()
            .as_millisecond()
    };
    let activity = |kind: &str, site, phase_id, when, attendees: &[hearth_domain::UserId], head| {
        RecordedActivity {
            kind: kind.into(),
            title: kind.into(),
            site_id: site,
            phase_id,
            occurred_at: when,
            attendees: attendees.to_vec(),
            head_count: head,
        }
    };
    let p = &people;
    let recorded = [
        activity(
            "supervision",
            town,
            Some(phase),
            at("2026-10-05", 9, 0),
            &p[0..5],
            None,
        ),
        // Late on 31 October in Belgrade is already November in UTC: it counts in October.
        activity(
            "supervision",
            town,
            Some(phase),
            at("2026-10-31", 23, 30),
            &p[0..2],
            None,
        ),
        activity(
            "coaching",
            school,
            Some(phase),
            at("2026-11-03", 10, 0),
            &[],
            Some(12),
        ),
        activity(
            "coaching",
            school,
            Some(phase),
            at("2026-11-04", 10, 0),
            &p[5..6],
            None,
        ),
        activity(
            "coaching",
            town,
            None,
            at("2026-11-05", 10, 0),
            &p[0..1],
            None,
        ),
    ];
    store
        .activities()
        .record_all(&recorded, people[0])
        .await
        .unwrap();
    phase.to_string()
}

fn report(db: &[&str], args: &[&str]) -> (String, Output) {
    let output = run(hearth().args(["report", "activity"]).args(db).args(args));
    assert!(
        output.status.success(),
        "{args:?}: {}",
        text(&output.stderr)
    );
    (text(&output.stdout), output)
}

/// The CLI's numbers, the hand-worked sums and the page's CSV, for one database.
fn report_agrees_with_the_page(
    db: &[&str],
    store: hearth_store::Store,
    runtime: &tokio::runtime::Runtime,
) {
    let phase = runtime.block_on(async {
        let phase = seed_reports(&store).await;
        store.db().close().await;
        phase
    });
    let (csv, _) = report(db, &["--phase", "Phase II", "--by", "kind,site,month"]);
    // coaching at the school in November: 2 activities, 1 named person, 12 + 1 attendances.
    // supervision in the town in October: 2 activities, 5 people, 5 + 2 attendances.
    // The town's coaching has no phase, so it is left out. Total: 4, 6, 20.
    assert_eq!(
        csv,
        "kind,site,month,activities,people,attendances\n\
         Coaching,Mitrovica School,2026-11,2,1,13\n\
         Supervision (case management),Vushtrri Municipality,2026-10,2,5,7\n\
         Total,,,4,6,20\n"
    );
    let (csv, _) = report(db, &["--by", "site"]);
    assert_eq!(
        csv,
        "site,activities,people,attendances\n\
         Mitrovica School,2,1,13\n\
         Vushtrri Municipality,3,5,8\n\
         Total,5,6,21\n"
    );
    let (csv, _) = report(
        db,
        &[
            "--kind",
            "supervision",
            "--to",
            "2026-10-31",
            "--by",
            "month",
        ],
    );
    assert_eq!(
        csv,
        "month,activities,people,attendances\n2026-10,2,5,7\nTotal,2,5,7\n"
    );
    // The day before leaves out the late session; one person is fewer than 5 in supervision.
    let (csv, _) = report(
        db,
        &[
            "--site",
            "vushtrri municipality",
            "--from",
            "2026-10-31",
            "--by",
            "kind",
        ],
    );
    assert_eq!(
        csv,
        "kind,activities,people,attendances\n\
         Coaching,1,1,1\n\
         Supervision (case management),1,<5,<5\n\
         Total,2,<5,<5\n"
    );
    let (json, _) = report(
        db,
        &["--phase", "Phase II", "--by", "kind", "--format", "json"],
    );
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["by"], serde_json::json!(["kind"]));
    assert_eq!(value["rows"][0]["kind"], "coaching");
    assert_eq!(value["rows"][0]["attendances"], 13);
    assert_eq!(value["rows"][1]["people"], 5);
    assert_eq!(value["total"]["people"], 6);

    // The page, served from the same database, gives the same numbers.
    let mut create = hearth()
        .args([
            "admin",
            "create",
            "--email",
            "admin@example.org",
            "--name",
            "Admin",
            "--password-stdin",
        ])
        .args(db)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    create
        .stdin
        .take()
        .unwrap()
        .write_all(b"a long enough password\n")
        .unwrap();
    assert!(create.wait().unwrap().success());
    let mut serve_args = vec!["--addr", "127.0.0.1:0"];
    serve_args.extend_from_slice(db);
    let (child, url) = serve(&serve_args);
    let page_csv = runtime.block_on(async {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let sign_in = client
            .get(format!("{url}/sign-in"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let start = sign_in.find("name=\"csrf\" value=\"").unwrap() + 19;
        let csrf = &sign_in[start..start + sign_in[start..].find('"').unwrap()];
        let signed_in = client
            .post(format!("{url}/sign-in"))
            .form(&[
                ("csrf", csrf),
                ("email", "admin@example.org"),
                ("password", "a long enough password"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(signed_in.status(), 303);
        client
            .get(format!(
                "{url}/reports/activity.csv?phase={phase}&by=kind,site,month"
            ))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    });
    assert!(stop(child).success());
    let (cli_csv, _) = report(db, &["--phase", &phase, "--by", "kind,site,month"]);
    let numbers = |csv: &str| csv.lines().skip(1).map(str::to_owned).collect::<Vec<_>>();
    assert_eq!(numbers(&page_csv), numbers(&cli_csv));
}

#[test]
fn report_activity_prints_the_pages_numbers_on_sqlite() {
    let data = DataDir::new();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    assert!(
        run(hearth().args(["migrate", "--data-dir", data.arg()]))
            .status
            .success()
    );
    let store = runtime.block_on(async {
        let db = hearth_store::Db::open_sqlite(&data.0.join("hearth.db"))
            .await
            .unwrap();
        hearth_store::Store::new(db)
    });
    report_agrees_with_the_page(&["--data-dir", data.arg()], store, &runtime);
}

#[test]
fn report_activity_prints_the_pages_numbers_on_postgres() {
    let Ok(admin_url) = std::env::var("HEARTH_TEST_POSTGRES_URL") else {
        eprintln!("HEARTH_TEST_POSTGRES_URL is not set: skipping the PostgreSQL run");
        return;
    };
    let data = DataDir::new();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let name = format!("hearth_cli_{}", uuid::Uuid::new_v4().simple());
    let url = format!(
        "{}/{name}",
        admin_url
            .rsplit_once('/')
            .map_or(admin_url.as_str(), |(base, _)| base)
    );
    let store = runtime.block_on(async {
        let admin = hearth_store::Db::connect_postgres(&admin_url)
            .await
            .unwrap();
        admin
            .execute_raw(&format!("CREATE DATABASE {name}"))
            .await
            .unwrap();
        admin.close().await;
        let db = hearth_store::Db::connect_postgres(&url).await.unwrap();
        db.migrate().await.unwrap();
        hearth_store::Store::new(db)
    });
    report_agrees_with_the_page(
        &["--database-url", &url, "--data-dir", data.arg()],
        store,
        &runtime,
    );
}

#[test]
fn report_bad_input_exits_2_with_a_message_and_no_output() {
    let data = DataDir::new();
    assert!(
        run(hearth().args(["migrate", "--data-dir", data.arg()]))
            .status
            .success()
    );
    let cases: &[(&[&str], &str)] = &[
        (&["--by", "kind,colour"], "--by \"colour\""),
        (
            &["--from", "2026-13-01"],
            "--from \"2026-13-01\" is not a date",
        ),
        (
            &["--from", "2026-10-02", "--to", "2026-10-01"],
            "before --from",
        ),
        (&["--site", "Nowhere"], "no site called \"Nowhere\""),
        (
            &["--programme", "Nothing"],
            "no programme called \"Nothing\"",
        ),
        (&["--phase", "Phase IX"], "no phase called \"Phase IX\""),
        (
            &["--kind", "juggling"],
            "\"juggling\" is not a kind of activity",
        ),
        (&["--site-kind", "castle"], "not a kind of site"),
        (&["--format", "xml"], "xml"),
    ];
    for (args, needle) in cases {
        let output = run(hearth()
            .args(["report", "activity", "--data-dir", data.arg()])
            .args(*args));
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty(), "no output for {args:?}");
        let stderr = text(&output.stderr);
        assert!(stderr.contains(needle), "{args:?}: {stderr}");
    }
}

// --- hearth backup (issue 9) ---

/// Signs in to a running server as `email` (demo password); the cookie jar
/// client, ready for more requests.
async fn signed_in(url: &str, email: &str) -> reqwest::Client {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let page = client.get(format!("{url}/sign-in")).send().await.unwrap();
    let page = page.text().await.unwrap();
    let csrf = page
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();
    let response = client
        .post(format!("{url}/sign-in"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("email", email),
            ("password", hearth_store::DEMO_PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303, "{email} signs in");
    client
}

#[test]
fn backup_while_serving_and_restore_into_an_empty_folder_round_trip() {
    let data = DataDir::new();
    let copies = DataDir::new();
    std::fs::create_dir_all(&copies.0).unwrap();
    let backup = copies.0.join("hearth-backup.db");
    let (child, url) = serve(&["--data-dir", data.arg(), "--addr", "127.0.0.1:0", "--demo"]);

    // People keep using Hearth while the copy is made: reading pages and
    // signing in (which writes a session each time).
    let busy = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    let traffic = {
        let busy = busy.clone();
        let url = url.clone();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Runtime::new().unwrap();
            runtime.block_on(async {
                let mut answered = 0;
                while busy.load(std::sync::atomic::Ordering::Relaxed) || answered < 2 {
                    let client = signed_in(&url, "coordinator@demo.example").await;
                    let status = client
                        .get(format!("{url}/reports"))
                        .send()
                        .await
                        .unwrap()
                        .status();
                    assert_eq!(status, 200);
                    answered += 1;
                }
                answered
            })
        })
    };
    let output = run(hearth().args(["backup", backup.to_str().unwrap(), "--data-dir", data.arg()]));
    busy.store(false, std::sync::atomic::Ordering::Relaxed);
    assert!(
        traffic.join().unwrap() > 0,
        "the server answered during the backup"
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(text(&output.stdout).contains("Wrote a consistent copy of the database"));
    assert!(backup.metadata().unwrap().len() > 0);

    // An existing file is never overwritten (the old flag spelling works too).
    let again = run(hearth().args([
        "backup",
        "--data-dir",
        data.arg(),
        "--to",
        backup.to_str().unwrap(),
    ]));
    assert!(!again.status.success());
    assert!(
        text(&again.stderr).contains("already exists"),
        "{}",
        text(&again.stderr)
    );
    assert!(again.stdout.is_empty());

    // Restoring into the folder Hearth is serving is refused, and changes nothing.
    let before = std::fs::metadata(data.0.join("hearth.db")).unwrap().len();
    let refused = run(hearth().args([
        "restore",
        backup.to_str().unwrap(),
        "--data-dir",
        data.arg(),
    ]));
    assert!(!refused.status.success());
    let message = text(&refused.stderr);
    assert!(
        message.contains("running on") || message.contains("already holds"),
        "{message}"
    );
    assert_eq!(
        std::fs::metadata(data.0.join("hearth.db")).unwrap().len(),
        before
    );
    assert!(stop(child).success());

    // Into an empty folder: it serves, people sign in with their own
    // passwords, and the reports give the same numbers as the original.
    let restored = DataDir::new();
    let output = run(hearth().args([
        "restore",
        backup.to_str().unwrap(),
        "--data-dir",
        restored.arg(),
    ]));
    assert!(output.status.success(), "{}", text(&output.stderr));
    let said = text(&output.stdout);
    assert!(said.contains("Restored Hearth Demo Network ("), "{said}");
    assert!(said.contains("hearth serve --data-dir"), "{said}");
    assert!(!restored.0.join("hearth.db.restoring").exists());
    let args = ["--by", "kind,site,month", "--format", "csv"];
    let (original, _) = report(&["--data-dir", data.arg()], &args);
    let (copy, _) = report(&["--data-dir", restored.arg()], &args);
    assert!(original.lines().count() > 2, "{original}");
    assert_eq!(copy, original);
    let (child, url) = serve(&["--data-dir", restored.arg(), "--addr", "127.0.0.1:0"]);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let page = reqwest::get(format!("{url}/help")).await.unwrap();
        assert_eq!(page.status(), 200);
        assert!(page.text().await.unwrap().contains("Riverside Campus"));
        let admin = signed_in(&url, "admin@demo.example").await;
        let people = admin.get(format!("{url}/people")).send().await.unwrap();
        assert_eq!(people.status(), 200);
        assert!(people.text().await.unwrap().contains("Drita Coordinator"));
    });
    assert!(stop(child).success());

    // A second restore into the now-used folder is refused.
    let twice = run(hearth().args([
        "restore",
        backup.to_str().unwrap(),
        "--data-dir",
        restored.arg(),
    ]));
    assert!(!twice.status.success());
    assert!(
        text(&twice.stderr).contains("already holds Hearth Demo Network"),
        "{}",
        text(&twice.stderr)
    );
}

#[test]
fn restore_refuses_what_is_not_a_sound_hearth_backup_and_leaves_nothing() {
    let files = DataDir::new();
    std::fs::create_dir_all(&files.0).unwrap();
    let attempt = |file: &std::path::Path| {
        let target = DataDir::new();
        let output = run(hearth().args([
            "restore",
            file.to_str().unwrap(),
            "--data-dir",
            target.arg(),
        ]));
        assert!(!output.status.success());
        assert!(output.stdout.is_empty());
        assert!(
            !target.0.join("hearth.db").exists(),
            "a refused restore leaves no database"
        );
        assert!(!target.0.join("hearth.db.restoring").exists());
        text(&output.stderr)
    };

    let missing = files.0.join("missing.db");
    assert!(attempt(&missing).contains("there is no file"));

    let notes = files.0.join("notes.txt");
    std::fs::write(&notes, "not a database at all").unwrap();
    assert!(attempt(&notes).contains("is not a Hearth backup"));

    let dump = files.0.join("hearth.dump");
    std::fs::write(&dump, b"PGDMP\x01\x0e\x00").unwrap();
    assert!(attempt(&dump).contains("pg_restore"));

    // An SQLite database that is not Hearth's (an empty migrate target has
    // Hearth's tables, so make one with another tool's table).
    let other = files.0.join("other.db");
    {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        runtime.block_on(async {
            let db = hearth_store::Db::open_sqlite(&other).await.unwrap();
            db.execute_raw("CREATE TABLE recipes (name TEXT)")
                .await
                .unwrap();
            db.close().await;
        });
    }
    let message = attempt(&other);
    assert!(message.contains("not Hearth's"), "{message}");
    // Nor is another program's database ever replaced by a restore.
    let output = run(hearth().args([
        "restore",
        other.to_str().unwrap(),
        "--database-url",
        &format!("sqlite://{}", other.display()),
    ]));
    assert!(!output.status.success());
    assert!(
        text(&output.stderr).contains("another program's database"),
        "{}",
        text(&output.stderr)
    );

    // A backup cut short is damaged.
    let data = DataDir::new();
    let (child, _) = serve(&["--data-dir", data.arg(), "--addr", "127.0.0.1:0", "--demo"]);
    let good = files.0.join("good.db");
    let output = run(hearth().args(["backup", good.to_str().unwrap(), "--data-dir", data.arg()]));
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(stop(child).success());
    let bytes = std::fs::read(&good).unwrap();
    let cut = files.0.join("cut.db");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let message = attempt(&cut);
    assert!(
        message.contains("is damaged, so it was not restored"),
        "{message}"
    );

    // On PostgreSQL it explains pg_restore (exit 2), without the password.
    let output = run(hearth().args([
        "restore",
        good.to_str().unwrap(),
        "--database-url",
        "postgres://hearth:s3cret@127.0.0.1:5432/elsewhere",
    ]));
    assert_eq!(output.status.code(), Some(2));
    let message = text(&output.stderr);
    assert!(message.contains("pg_restore --no-owner"), "{message}");
    assert!(!message.contains("s3cret"));
}

#[test]
fn backup_without_a_database_says_where_it_looked() {
    let data = DataDir::new();
    let output = run(hearth().args(["backup", "copy.db", "--data-dir", data.arg()]));
    assert!(!output.status.success());
    assert!(
        text(&output.stderr).contains("there is no database in"),
        "{}",
        text(&output.stderr)
    );
    assert!(!std::path::Path::new("copy.db").exists());
}

#[test]
fn backup_on_postgres_explains_pg_dump_without_the_password() {
    let Ok(admin_url) = std::env::var("HEARTH_TEST_POSTGRES_URL") else {
        eprintln!("HEARTH_TEST_POSTGRES_URL is not set: skipping the PostgreSQL run");
        return;
    };
    let data = DataDir::new();
    let target = data.0.join("hearth.dump");
    let with_password =
        admin_url.replacen("postgres://postgres@", "postgres://postgres:s3cret@", 1);
    let output = run(hearth().args([
        "backup",
        "--database-url",
        &with_password,
        "--data-dir",
        data.arg(),
        "--to",
        target.to_str().unwrap(),
    ]));
    assert_eq!(output.status.code(), Some(2));
    let message = text(&output.stderr);
    assert!(message.contains("pg_dump --format=custom"), "{message}");
    assert!(message.contains("pg_restore"));
    assert!(!message.contains("s3cret"));
    assert!(!target.exists());
}
