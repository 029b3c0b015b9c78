//! `hearth-loadgen`: many people in one live room, on one machine.
//!
//! Starts a release `hearth serve` on a fresh data folder (or uses `--url`
//! and `--database-url`), creates a cohort with N participants, one
//! facilitator, peer groups of five and a fishbowl event through Hearth's own
//! store, connects everyone to the room's WebSocket, lets the facilitator
//! change the step ten times while every group chats, and prints one JSON
//! line with the latencies, the frames that never arrived and the server's
//! peak memory.

use anyhow::{Context, Result, anyhow, bail};
use clap::Parser;
use futures_util::{SinkExt, StreamExt};
use hearth_domain::input::{Email, Name};
use hearth_domain::live::RunSheet;
use hearth_domain::org::SiteKind;
use hearth_domain::{CohortId, Role, RoleGrant, Scope, SiteId, UserId};
use hearth_store::{Audience, Db, NewCohort, NewEvent, NewGroup, NewSite, Store, now_ms};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Child, Command as Process, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::{Notify, Semaphore, mpsc};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;

/// Set once the open-file limit was raised and the program started again.
const NOFILE_ENV: &str = "HEARTH_LOADGEN_NOFILE";
/// The fishbowl's dialogue step: the only one where chat stays in the group.
const DIALOGUE_STEP: usize = 3;

#[derive(Parser, Debug, Clone)]
#[command(about = "Load generator for Hearth's live room")]
struct Args {
    /// How many participants join the event (plus one facilitator).
    #[arg(long, default_value_t = 1000)]
    participants: usize,
    /// A running Hearth to use (e.g. http://127.0.0.1:8080) instead of starting one.
    #[arg(long, requires = "database_url")]
    url: Option<String>,
    /// The database that Hearth uses (`sqlite://path` or `postgres://…`).
    #[arg(long)]
    database_url: Option<String>,
    /// With `--url`: the server's process id, to report its peak memory.
    #[arg(long)]
    server_pid: Option<u32>,
    /// The `hearth` binary to start (default: target/release/hearth, built first so it matches).
    #[arg(long)]
    hearth_bin: Option<PathBuf>,
    /// New connections per second.
    #[arg(long, default_value_t = 500)]
    ramp: usize,
    /// Handshakes in flight at once.
    #[arg(long, default_value_t = 16)]
    handshakes: usize,
    /// People per peer group.
    #[arg(long, default_value_t = 5)]
    group_size: usize,
    /// Seconds between a group's chat messages, on average.
    #[arg(long, default_value_t = 5.0)]
    chat_every: f64,
    /// Step changes the facilitator makes (at least 4: start and on to the dialogue).
    #[arg(long, default_value_t = 10)]
    step_changes: usize,
    /// Seconds between the facilitator's step changes.
    #[arg(long, default_value_t = 4.0)]
    step_gap: f64,
    /// The open-file limit to ask for (the server's and this program's).
    #[arg(long, default_value_t = 20_000)]
    nofile: u64,
}

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// What the tasks share: send times and counters.
struct Shared {
    ws_url: String,
    host: String,
    /// When the facilitator sent each step command.
    step_sent: Mutex<Vec<Instant>>,
    /// Chat id: the sender's group and when it was sent.
    chat_sent: Mutex<HashMap<u64, (usize, Instant)>>,
    /// Chat only while the room is on the dialogue step.
    chat_open: AtomicBool,
    next_chat: AtomicU64,
    hellos: AtomicUsize,
    failed: AtomicUsize,
    refused: AtomicUsize,
    dropped: AtomicUsize,
    stop: Notify,
    stopping: AtomicBool,
    handshakes: Semaphore,
}

/// What one participant received.
#[derive(Default)]
struct Received {
    /// Sequence numbers of step changes, with when they arrived.
    steps: Vec<(i64, Instant)>,
    /// Chat ids, with when they arrived.
    chats: Vec<(u64, Instant)>,
}

/// One person of the run: who, and their session token.
struct Person {
    id: UserId,
    token: String,
}

struct Fixture {
    event: hearth_domain::EventId,
    facilitator: Person,
    participants: Vec<Person>,
    /// Participant indexes, per group.
    groups: Vec<Vec<usize>>,
}

fn main() -> std::process::ExitCode {
    let args = Args::parse();
    if let Err(error) = raise_open_files(&args) {
        eprintln!("hearth-loadgen: {error:#}");
        return std::process::ExitCode::FAILURE;
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("hearth-loadgen: no runtime: {error}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(args)) {
        Ok(line) => {
            println!("{line}");
            std::process::ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("hearth-loadgen: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// Raises the soft open-file limit by starting this program again through
/// `sh -c 'ulimit -n …; exec …'` (there is no safe setrlimit in std).
fn raise_open_files(args: &Args) -> Result<()> {
    if std::env::var_os(NOFILE_ENV).is_some() {
        return Ok(());
    }
    use std::os::unix::process::CommandExt;
    let me = std::env::current_exe().context("where is this program?")?;
    let error = Process::new("sh")
        .arg("-c")
        .arg(r#"ulimit -n "$HEARTH_LOADGEN_NOFILE" 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec "$0" "$@""#)
        .arg(me)
        .args(std::env::args_os().skip(1))
        .env(NOFILE_ENV, args.nofile.to_string())
        .exec();
    Err(anyhow!(
        "could not start again with more open files: {error}"
    ))
}

async fn run(args: Args) -> Result<String> {
    if args.participants == 0 || args.group_size == 0 {
        bail!("--participants and --group-size must be at least 1");
    }
    if args.step_changes < DIALOGUE_STEP + 1 {
        bail!("--step-changes must be at least {}", DIALOGUE_STEP + 1);
    }
    let mut server = None;
    let mut made_dir = None;
    let outcome = async {
        let (base, database_url, pid) = match &args.url {
            Some(url) => (
                url.trim_end_matches('/').to_owned(),
                args.database_url.clone().unwrap_or_default(),
                args.server_pid,
            ),
            None => {
                let dir =
                    std::env::temp_dir().join(format!("hearth-loadgen-{}", uuid::Uuid::new_v4()));
                std::fs::create_dir_all(&dir)?;
                made_dir = Some(dir.clone());
                let database_url = args
                    .database_url
                    .clone()
                    .unwrap_or_else(|| format!("sqlite://{}", dir.join("hearth.db").display()));
                // The database is made first, so the server starts on it ready.
                let fixture = setup(&args, &database_url).await?;
                let started = start_server(&args, &dir, &database_url).await?;
                let pid = started.1.id();
                server = Some(started.1);
                return Ok::<_, anyhow::Error>((started.0, Some(pid), fixture));
            }
        };
        let fixture = setup(&args, &database_url).await?;
        Ok((base, pid, fixture))
    }
    .await;
    let result = match outcome {
        Ok((base, pid, fixture)) => drive(&args, &base, fixture, pid).await,
        Err(error) => Err(error),
    };
    if let Some(mut child) = server {
        stop_server(&mut child).await;
    }
    if let Some(dir) = made_dir {
        let _ = std::fs::remove_dir_all(dir);
    }
    result
}

fn log(start: Instant, message: impl AsRef<str>) {
    eprintln!(
        "[{:7.1}s] {}",
        start.elapsed().as_secs_f64(),
        message.as_ref()
    );
}

async fn open_store(database_url: &str) -> Result<Store> {
    let db = if database_url.starts_with("postgres://") || database_url.starts_with("postgresql://")
    {
        Db::connect_postgres(database_url).await?
    } else {
        let path = database_url
            .strip_prefix("sqlite://")
            .or_else(|| database_url.strip_prefix("sqlite:"))
            .ok_or_else(|| anyhow!("the database URL must start with sqlite:// or postgres://"))?;
        Db::open_sqlite(Path::new(path)).await?
    };
    db.migrate().await?;
    Ok(Store::new(db))
}

/// The cohort, its people, groups and event, made with Hearth's own store.
async fn setup(args: &Args, database_url: &str) -> Result<Fixture> {
    let start = Instant::now();
    let store = open_store(database_url).await?;
    let tag = uuid::Uuid::new_v4().simple().to_string()[..8].to_owned();
    let site = store
        .org()
        .create_site(&NewSite {
            name: format!("Load site {tag}"),
            kind: SiteKind::Campus,
            address: None,
        })
        .await?;
    let programme = store
        .org()
        .create_programme(&format!("Load programme {tag}"), None)
        .await?;
    let cohort = store
        .org()
        .create_cohort(&NewCohort {
            name: format!("Load cohort {tag}"),
            programme_id: programme,
            phase_id: None,
            site_id: site,
            starts_on: None,
            ends_on: None,
        })
        .await?;
    let facilitator = person(&store, &tag, "facilitator", Role::Facilitator, cohort, site).await?;
    // A few writers at once (PostgreSQL takes them in parallel; SQLite queues them).
    let workers = 8;
    let mut tasks = tokio::task::JoinSet::new();
    for worker in 0..workers {
        let store = store.clone();
        let tag = tag.clone();
        let count = args.participants;
        tasks.spawn(async move {
            let mut made = Vec::new();
            for i in (worker..count).step_by(workers) {
                let who = person(
                    &store,
                    &tag,
                    &format!("p{i}"),
                    Role::Participant,
                    cohort,
                    site,
                )
                .await?;
                // No custom ground rules: version 0 is what the room asks for.
                store
                    .events()
                    .accept_ground_rules(Audience::Cohort(cohort), who.id, 0)
                    .await?;
                made.push((i, who));
            }
            Ok::<_, anyhow::Error>(made)
        });
    }
    let mut participants: Vec<Option<Person>> = (0..args.participants).map(|_| None).collect();
    while let Some(done) = tasks.join_next().await {
        for (i, who) in done?? {
            participants[i] = Some(who);
        }
    }
    let participants: Vec<Person> = participants.into_iter().flatten().collect();
    let groups: Vec<Vec<usize>> = (0..participants.len())
        .collect::<Vec<_>>()
        .chunks(args.group_size)
        .map(<[usize]>::to_vec)
        .collect();
    let new_groups: Vec<NewGroup> = groups
        .iter()
        .enumerate()
        .map(|(g, members)| NewGroup {
            name: format!("Group {g}"),
            members: members.iter().map(|&i| participants[i].id).collect(),
        })
        .collect();
    store
        .peer_groups()
        .save(cohort, facilitator.id, &new_groups)
        .await?;
    let event = store
        .events()
        .create(&NewEvent {
            audience: Audience::Cohort(cohort),
            title: format!("Load test {tag}"),
            starts_at: now_ms(),
            time_zone: "UTC".into(),
            run_sheet: RunSheet::fishbowl(),
            created_by: facilitator.id,
        })
        .await?;
    store.db().close().await;
    log(
        start,
        format!(
            "set up {} participants in {} groups, event {event}",
            participants.len(),
            groups.len()
        ),
    );
    Ok(Fixture {
        event,
        facilitator,
        participants,
        groups,
    })
}

async fn person(
    store: &Store,
    tag: &str,
    handle: &str,
    role: Role,
    cohort: CohortId,
    site: SiteId,
) -> Result<Person> {
    let email = Email::parse(&format!("{handle}-{tag}@load.example"))
        .map_err(|e| anyhow!("email: {e:?}"))?;
    let name = Name::parse(&format!("Load {handle}")).map_err(|e| anyhow!("name: {e:?}"))?;
    let id = store.people().create(&email, &name, None, None).await?;
    store
        .people()
        .add_grant(
            id,
            RoleGrant {
                role,
                scope: Scope::Cohort { cohort, site },
            },
        )
        .await?;
    let token = store.sessions().create(id, 24 * 3600 * 1000).await?;
    Ok(Person { id, token })
}

fn hearth_binary(args: &Args) -> Result<PathBuf> {
    if let Some(bin) = &args.hearth_bin {
        return Ok(bin.clone());
    }
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace.join("target"));
    let bin = target.join("release/hearth");
    // Always (re)build: a stale server would not know the schema this run's store writes.
    {
        eprintln!("building the release server (cargo build --release -p hearth)...");
        let status = Process::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
            .args(["build", "--release", "-p", "hearth"])
            .current_dir(&workspace)
            .status()?;
        if !status.success() {
            bail!("building the server failed");
        }
    }
    Ok(bin)
}

/// Starts `hearth serve` with a raised open-file limit; returns its address.
async fn start_server(args: &Args, dir: &Path, database_url: &str) -> Result<(String, Child)> {
    let bin = hearth_binary(args)?;
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let addr = format!("127.0.0.1:{port}");
    let log_file = std::fs::File::create(dir.join("server.log"))?;
    let mut child = Process::new("sh")
        .arg("-c")
        .arg(format!(
            r#"ulimit -n {} 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec "$0" "$@""#,
            args.nofile
        ))
        .arg(&bin)
        .args(["serve", "--addr", &addr, "--data-dir"])
        .arg(dir)
        .args(["--database-url", database_url])
        .env("HEARTH_LOG", "warn")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log_file)
        .spawn()
        .with_context(|| format!("could not start {}", bin.display()))?;
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if tokio::net::TcpStream::connect(&addr).await.is_ok() {
            break;
        }
        if let Some(status) = child.try_wait()? {
            let log = std::fs::read_to_string(dir.join("server.log")).unwrap_or_default();
            bail!("the server stopped ({status}):\n{log}");
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            bail!("the server did not start listening within a minute");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Ok((format!("http://{addr}"), child))
}

/// SIGTERM (a graceful stop), then SIGKILL if it takes too long.
async fn stop_server(child: &mut Child) {
    let _ = Process::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    for _ in 0..100 {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// The server's peak resident memory in MB (`VmHWM`).
fn peak_rss_mb(pid: u32) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some((kb / 1024.0 * 10.0).round() / 10.0)
}

async fn connect(shared: &Shared, token: &str) -> Result<Socket> {
    let mut request = shared.ws_url.as_str().into_client_request()?;
    let headers = request.headers_mut();
    headers.insert("cookie", format!("hearth_session={token}").parse()?);
    headers.insert("origin", format!("http://{}", shared.host).parse()?);
    let config = WebSocketConfig::default()
        .read_buffer_size(4096)
        .write_buffer_size(0);
    let mut last = None;
    for attempt in 0..5u64 {
        match tokio_tungstenite::connect_async_with_config(request.clone(), Some(config), true)
            .await
        {
            Ok((socket, _)) => return Ok(socket),
            Err(error) => last = Some(error),
        }
        tokio::time::sleep(Duration::from_millis(500 * (attempt + 1))).await;
    }
    Err(anyhow!("could not connect: {last:?}"))
}

/// Reads frames until the hello.
async fn hello(socket: &mut Socket) -> Result<()> {
    while let Some(message) = tokio::time::timeout(Duration::from_secs(60), socket.next())
        .await
        .map_err(|_| anyhow!("no hello within a minute"))?
    {
        if let Message::Text(text) = message? {
            let frame: serde_json::Value = serde_json::from_str(&text)?;
            if frame["type"] == "hello" {
                return Ok(());
            }
        }
    }
    bail!("closed before the hello")
}

/// What a change frame is to the load generator.
enum Seen {
    Step(i64),
    Chat(u64),
    Refused,
    Other,
}

fn classify(text: &str) -> Seen {
    let Ok(frame) = serde_json::from_str::<serde_json::Value>(text) else {
        return Seen::Other;
    };
    if frame["type"] == "error" {
        return Seen::Refused;
    }
    match frame["change"]["type"].as_str() {
        Some("step-started") => frame["seq"].as_i64().map_or(Seen::Other, Seen::Step),
        Some("chat-posted") => frame["change"]["text"]
            .as_str()
            .and_then(|t| t.strip_prefix("load "))
            .and_then(|id| id.parse().ok())
            .map_or(Seen::Other, Seen::Chat),
        _ => Seen::Other,
    }
}

/// One participant: connects, says hello, records what arrives, and sends
/// the chat messages its group's driver hands it.
async fn participant(
    shared: Arc<Shared>,
    token: String,
    group: usize,
    mut chats: mpsc::Receiver<u64>,
) -> Received {
    let mut received = Received::default();
    // A bounded number of handshakes at a time: the server's pace, not a queue.
    let permit = shared.handshakes.acquire().await;
    let mut socket = match connect(&shared, &token).await {
        Ok(socket) => socket,
        Err(error) => {
            if shared.failed.fetch_add(1, Ordering::Relaxed) < 3 {
                eprintln!("participant: {error:#}");
            }
            return received;
        }
    };
    if let Err(error) = hello(&mut socket).await {
        if shared.failed.fetch_add(1, Ordering::Relaxed) < 3 {
            eprintln!("participant: {error:#}");
        }
        return received;
    }
    drop(permit);
    shared.hellos.fetch_add(1, Ordering::Relaxed);
    let stop = shared.stop.notified();
    tokio::pin!(stop);
    if shared.stopping.load(Ordering::Relaxed) {
        return received;
    }
    loop {
        tokio::select! {
            _ = &mut stop => break,
            message = socket.next() => match message {
                Some(Ok(Message::Text(text))) => match classify(&text) {
                    Seen::Step(seq) => received.steps.push((seq, Instant::now())),
                    Seen::Chat(id) => received.chats.push((id, Instant::now())),
                    Seen::Refused => { shared.refused.fetch_add(1, Ordering::Relaxed); }
                    Seen::Other => {}
                },
                Some(Ok(_)) => {}
                Some(Err(_)) | None => {
                    shared.dropped.fetch_add(1, Ordering::Relaxed);
                    break;
                }
            },
            Some(id) = chats.recv() => {
                let command = serde_json::json!({"type": "chat", "text": format!("load {id}")}).to_string();
                if let Ok(mut sent) = shared.chat_sent.lock() {
                    sent.insert(id, (group, Instant::now()));
                }
                if socket.send(Message::Text(command.into())).await.is_err() {
                    shared.dropped.fetch_add(1, Ordering::Relaxed);
                    break;
                }
            }
        }
    }
    let _ = socket.close(None).await;
    received
}

/// The facilitator: sends step commands, and learns which sequence number
/// each became and which chats the room accepted.
struct FacilitatorLog {
    steps: Vec<i64>,
    chats: HashSet<u64>,
}

async fn facilitator(
    shared: Arc<Shared>,
    mut socket: Socket,
    mut commands: mpsc::Receiver<&'static str>,
    seen_step: mpsc::UnboundedSender<usize>,
) -> FacilitatorLog {
    let mut log = FacilitatorLog {
        steps: Vec::new(),
        chats: HashSet::new(),
    };
    let stop = shared.stop.notified();
    tokio::pin!(stop);
    loop {
        tokio::select! {
            _ = &mut stop => break,
            message = socket.next() => match message {
                Some(Ok(Message::Text(text))) => match classify(&text) {
                    Seen::Step(seq) => {
                        log.steps.push(seq);
                        let _ = seen_step.send(log.steps.len());
                    }
                    Seen::Chat(id) => { log.chats.insert(id); }
                    Seen::Refused => {
                        eprintln!("facilitator: refused: {text}");
                        shared.refused.fetch_add(1, Ordering::Relaxed);
                    }
                    Seen::Other => {}
                },
                Some(Ok(_)) => {}
                Some(Err(_)) | None => {
                    eprintln!("facilitator: the socket closed");
                    break;
                }
            },
            Some(command) = commands.recv() => {
                let body = serde_json::json!({"type": command}).to_string();
                if let Ok(mut sent) = shared.step_sent.lock() {
                    sent.push(Instant::now());
                }
                if socket.send(Message::Text(body.into())).await.is_err() {
                    break;
                }
            }
        }
    }
    let _ = socket.close(None).await;
    log
}

/// A small xorshift generator: enough to pick senders and delays.
struct Rng(u64);

impl Rng {
    fn new() -> Rng {
        Rng(uuid::Uuid::new_v4().as_u64_pair().0 | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    let value = sorted[rank.clamp(1, sorted.len()) - 1];
    (value * 10.0).round() / 10.0
}

async fn drive(args: &Args, base: &str, fixture: Fixture, pid: Option<u32>) -> Result<String> {
    let start = Instant::now();
    let host = base
        .split_once("://")
        .map(|(_, rest)| rest.trim_end_matches('/').to_owned())
        .ok_or_else(|| anyhow!("--url must look like http://host:port"))?;
    let shared = Arc::new(Shared {
        ws_url: format!(
            "{}/events/{}/live/socket?after=0",
            base.replacen("http", "ws", 1),
            fixture.event
        ),
        host,
        step_sent: Mutex::new(Vec::new()),
        chat_sent: Mutex::new(HashMap::new()),
        chat_open: AtomicBool::new(false),
        next_chat: AtomicU64::new(1),
        hellos: AtomicUsize::new(0),
        failed: AtomicUsize::new(0),
        refused: AtomicUsize::new(0),
        dropped: AtomicUsize::new(0),
        stop: Notify::new(),
        stopping: AtomicBool::new(false),
        handshakes: Semaphore::new(args.handshakes),
    });

    // The facilitator first.
    let mut host_socket = connect(&shared, &fixture.facilitator.token).await?;
    hello(&mut host_socket).await?;
    let (command_tx, command_rx) = mpsc::channel(16);
    let (seen_tx, mut seen_rx) = mpsc::unbounded_channel();
    let host_task = tokio::spawn(facilitator(
        shared.clone(),
        host_socket,
        command_rx,
        seen_tx,
    ));

    // Everyone else, ramped.
    let n = fixture.participants.len();
    let mut group_of = vec![0usize; n];
    for (g, members) in fixture.groups.iter().enumerate() {
        for &i in members {
            group_of[i] = g;
        }
    }
    let mut senders = Vec::with_capacity(n);
    let mut tasks = Vec::with_capacity(n);
    let per_tick = (args.ramp / 20).max(1);
    let mut tick = tokio::time::interval(Duration::from_millis(50));
    for (i, who) in fixture.participants.iter().enumerate() {
        if i % per_tick == 0 {
            tick.tick().await;
        }
        let (tx, rx) = mpsc::channel(8);
        senders.push(tx);
        tasks.push(tokio::spawn(participant(
            shared.clone(),
            who.token.clone(),
            group_of[i],
            rx,
        )));
        if i > 0 && i % 1000 == 0 {
            log(
                start,
                format!(
                    "{i} connecting, {} in the room",
                    shared.hellos.load(Ordering::Relaxed)
                ),
            );
        }
    }
    // Wait while people keep arriving; give up after a minute without progress.
    let mut progress = (0, Instant::now());
    let mut report = Instant::now();
    loop {
        let ready = shared.hellos.load(Ordering::Relaxed);
        let failed = shared.failed.load(Ordering::Relaxed);
        if ready + failed >= n {
            break;
        }
        if ready + failed > progress.0 {
            progress = (ready + failed, Instant::now());
        }
        if report.elapsed() > Duration::from_secs(10) {
            report = Instant::now();
            log(start, format!("{ready} in the room"));
        }
        if progress.1.elapsed() > Duration::from_secs(60) {
            log(
                start,
                format!("gave up waiting: {ready} in the room, {failed} failed"),
            );
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    log(
        start,
        format!(
            "{} in the room, {} failed to join",
            shared.hellos.load(Ordering::Relaxed),
            shared.failed.load(Ordering::Relaxed)
        ),
    );
    tokio::time::sleep(Duration::from_secs(1)).await;

    // Each group's chat, from random members, while the gate is open.
    let mut chatters = Vec::new();
    for members in &fixture.groups {
        let shared = shared.clone();
        let members: Vec<mpsc::Sender<u64>> = members.iter().map(|&i| senders[i].clone()).collect();
        let mean = args.chat_every;
        chatters.push(tokio::spawn(async move {
            let mut rng = Rng::new();
            loop {
                let wait = rng.unit() * 2.0 * mean;
                tokio::time::sleep(Duration::from_secs_f64(wait)).await;
                if shared.stopping.load(Ordering::Relaxed) {
                    break;
                }
                if !shared.chat_open.load(Ordering::Relaxed) {
                    continue;
                }
                let who = (rng.next() % members.len() as u64) as usize;
                let id = shared.next_chat.fetch_add(1, Ordering::Relaxed);
                let _ = members[who].try_send(id);
            }
        }));
    }

    // The facilitator's run: start, on to the dialogue, then away and back.
    let gap = Duration::from_secs_f64(args.step_gap);
    let mut plan: Vec<&'static str> = vec!["start"];
    plan.extend(std::iter::repeat_n("next", DIALOGUE_STEP));
    while plan.len() < args.step_changes {
        plan.push(if plan.len().is_multiple_of(2) {
            "next"
        } else {
            "previous"
        });
    }
    plan.truncate(args.step_changes);
    let mut step = 0usize;
    for (k, command) in plan.iter().enumerate() {
        let leaving = step == DIALOGUE_STEP;
        if leaving {
            // Chat sent now would reach the whole room: hold it while away.
            shared.chat_open.store(false, Ordering::Relaxed);
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        command_tx.send(command).await?;
        let confirmed = tokio::time::timeout(Duration::from_secs(30), async {
            while let Some(seen) = seen_rx.recv().await {
                if seen > k {
                    return true;
                }
            }
            false
        })
        .await
        .unwrap_or(false);
        if !confirmed {
            bail!("step change {k} ({command}) never came back to the facilitator");
        }
        step = match *command {
            "start" => 0,
            "next" => step + 1,
            _ => step - 1,
        };
        log(
            start,
            format!("step change {} ({command}) -> step {step}", k + 1),
        );
        if step == DIALOGUE_STEP {
            shared.chat_open.store(true, Ordering::Relaxed);
            tokio::time::sleep(gap).await;
        } else if leaving {
            tokio::time::sleep(Duration::from_secs(1)).await;
        } else {
            tokio::time::sleep(Duration::from_secs(2)).await;
        }
    }
    // Let the last chats and steps arrive.
    shared.chat_open.store(false, Ordering::Relaxed);
    tokio::time::sleep(Duration::from_secs(3)).await;
    let rss = pid.and_then(peak_rss_mb);
    shared.stopping.store(true, Ordering::Relaxed);
    shared.stop.notify_waiters();
    for chatter in chatters {
        chatter.abort();
    }
    let host_log = host_task.await?;
    let mut received = Vec::with_capacity(n);
    for task in tasks {
        received.push(task.await?);
    }
    log(start, "stopped");

    // Step latency: each participant, each step change.
    let step_sent = shared
        .step_sent
        .lock()
        .map_err(|_| anyhow!("poisoned"))?
        .clone();
    let step_index: HashMap<i64, usize> = host_log
        .steps
        .iter()
        .enumerate()
        .map(|(k, &seq)| (seq, k))
        .collect();
    let mut lost = 0usize;
    let mut step_ms = Vec::with_capacity(n * plan.len());
    let mut per_step: Vec<Vec<f64>> = vec![Vec::new(); plan.len()];
    for got in &received {
        let mut seen = HashSet::new();
        for (seq, at) in &got.steps {
            if let Some(&k) = step_index.get(seq)
                && seen.insert(k)
                && let Some(sent) = step_sent.get(k)
            {
                let ms = at.saturating_duration_since(*sent).as_secs_f64() * 1000.0;
                step_ms.push(ms);
                per_step[k].push(ms);
            }
        }
        lost += plan.len() - seen.len();
    }
    for (k, times) in per_step.iter_mut().enumerate() {
        times.sort_by(f64::total_cmp);
        log(
            start,
            format!(
                "step change {} ({}): {} receipts, p50 {} ms, p99 {} ms, max {} ms",
                k + 1,
                plan[k],
                times.len(),
                percentile(times, 50.0),
                percentile(times, 99.0),
                percentile(times, 100.0)
            ),
        );
    }
    // Chat latency: each chat, each member of the sender's group.
    let chat_sent = shared
        .chat_sent
        .lock()
        .map_err(|_| anyhow!("poisoned"))?
        .clone();
    let mut chat_ms = Vec::with_capacity(chat_sent.len() * args.group_size);
    let arrived: Vec<HashMap<u64, Instant>> = received
        .iter()
        .map(|r| r.chats.iter().copied().collect())
        .collect();
    for (id, (group, sent)) in &chat_sent {
        for &member in &fixture.groups[*group] {
            match arrived[member].get(id) {
                Some(at) => {
                    chat_ms.push(at.saturating_duration_since(*sent).as_secs_f64() * 1000.0);
                }
                None => lost += 1,
            }
        }
    }
    let not_accepted = chat_sent
        .keys()
        .filter(|id| !host_log.chats.contains(id))
        .count();
    step_ms.sort_by(f64::total_cmp);
    chat_ms.sort_by(f64::total_cmp);
    log(
        start,
        format!(
            "{} step receipts (p50 {} ms, p99 {} ms, max {} ms); {} chats sent, {} receipts (p50 {} ms, p99 {} ms, max {} ms); \
             {} chats the facilitator never saw; {} refusals; {} connections dropped; {} failed to join",
            step_ms.len(),
            percentile(&step_ms, 50.0),
            percentile(&step_ms, 99.0),
            percentile(&step_ms, 100.0),
            chat_sent.len(),
            chat_ms.len(),
            percentile(&chat_ms, 50.0),
            percentile(&chat_ms, 99.0),
            percentile(&chat_ms, 100.0),
            not_accepted,
            shared.refused.load(Ordering::Relaxed),
            shared.dropped.load(Ordering::Relaxed),
            shared.failed.load(Ordering::Relaxed),
        ),
    );
    // The fields in the order the issue gives them.
    let rss = rss.map_or_else(|| "null".to_owned(), |mb| mb.to_string());
    Ok(format!(
        "{{\"participants\":{n},\"step_p50_ms\":{},\"step_p99_ms\":{},\"chat_p99_ms\":{},\"messages_lost\":{lost},\"server_rss_mb\":{rss}}}",
        percentile(&step_ms, 50.0),
        percentile(&step_ms, 99.0),
        percentile(&chat_ms, 99.0),
    ))
}
