//! The `hearth` binary: serve the web interface, migrate, create the first
//! administrator, load the demo organisation, and run the group engine.

mod backup;
mod config;
mod database;
mod groups;
mod report;
mod restore;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};
use config::{DatabaseArgs, LogFormat, ServeArgs};
use hearth_domain::input::{Email, Name, NewPassword};
use hearth_domain::roles::{Role, RoleGrant, Scope};
use hearth_store::{DEMO_PASSWORD, DemoOutcome, Store};
use std::io::{BufRead, Write};
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "hearth",
    version,
    about = "Hearth: a home for peer support programmes."
)]
struct Cli {
    /// Log lines as plain text or JSON (logs go to stderr).
    #[arg(long, env = "HEARTH_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text, global = true)]
    log_format: LogFormat,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Run the web server (creates and migrates the database if needed).
    Serve(ServeArgs),
    /// Bring the database schema up to date, then exit.
    Migrate(DatabaseArgs),
    /// Manage administrator accounts.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
    /// Load the demo organisation into an empty database.
    Demo(DatabaseArgs),
    /// Form groups with the group engine; prints JSON.
    Groups {
        #[command(subcommand)]
        command: groups::GroupsCommand,
    },
    /// Print report figures as CSV or JSON (the same numbers as the reports page).
    Report {
        #[command(subcommand)]
        command: report::ReportCommand,
    },
    /// Write a consistent copy of the database while Hearth runs (SQLite);
    /// on PostgreSQL, says how to use pg_dump.
    Backup(backup::BackupArgs),
    /// Put a backup in place as the database of an empty data folder.
    Restore(restore::RestoreArgs),
}

#[derive(Subcommand, Debug)]
enum AdminCommand {
    /// Create an administrator; the password is read from standard input.
    Create {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// Read the password from the first line of standard input.
        #[arg(long, required = true)]
        password_stdin: bool,
        #[command(flatten)]
        database: DatabaseArgs,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    config::init_logging(cli.log_format);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("hearth: could not start: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli.command)) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("hearth: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// Runs a command; the exit code is the command's own (2 for bad group input).
async fn run(command: Command) -> Result<ExitCode> {
    match command {
        Command::Groups { command } => Ok(groups::run(command)),
        Command::Report { command } => Ok(report::run(command).await),
        Command::Backup(args) => backup::run(args).await,
        Command::Restore(args) => restore::run(args).await,
        Command::Serve(args) => serve(args).await.map(|()| ExitCode::SUCCESS),
        Command::Migrate(args) => {
            let store = database::open(&args).await?;
            store.db().close().await;
            println!("The database is up to date.");
            Ok(ExitCode::SUCCESS)
        }
        Command::Demo(args) => {
            let store = database::open(&args).await?;
            report_demo(store.load_demo().await?);
            store.db().close().await;
            Ok(ExitCode::SUCCESS)
        }
        Command::Admin {
            command:
                AdminCommand::Create {
                    email,
                    name,
                    password_stdin: _,
                    database,
                },
        } => create_admin(&email, &name, &database)
            .await
            .map(|()| ExitCode::SUCCESS),
    }
}

fn report_demo(outcome: DemoOutcome) {
    match outcome {
        DemoOutcome::Loaded => println!(
            "Loaded the demo organisation. Every demo account's password is {DEMO_PASSWORD}."
        ),
        DemoOutcome::AlreadyHasData => {
            println!(
                "The database already has people in it, so the demo was not loaded; it is used as it is."
            )
        }
    }
}

async fn create_admin(email: &str, name: &str, database: &DatabaseArgs) -> Result<()> {
    let email =
        Email::parse(email).map_err(|_| anyhow::anyhow!("\"{email}\" is not an email address"))?;
    let name =
        Name::parse(name).map_err(|_| anyhow::anyhow!("the name must be 1 to 120 characters"))?;
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context("could not read the password from standard input")?;
    let password = NewPassword::parse(line.trim_end_matches(['\r', '\n']))
        .map_err(|_| anyhow::anyhow!("the password must be 10 to 200 characters"))?;
    let store = database::open(database).await?;
    store
        .org()
        .ensure_organisation("Hearth", "UTC", false)
        .await?;
    let hash = hearth_store::password::hash(password.expose()).await?;
    let user = match store
        .people()
        .create(&email, &name, Some(&hash), None)
        .await
    {
        Ok(user) => user,
        Err(hearth_store::StoreError::Conflict(_)) => {
            bail!("someone already has an account with {email}")
        }
        Err(other) => return Err(other.into()),
    };
    store
        .people()
        .add_grant(
            user,
            RoleGrant {
                role: Role::Administrator,
                scope: Scope::Organisation,
            },
        )
        .await?;
    store.db().close().await;
    println!("Created administrator {email}.");
    Ok(())
}

async fn serve(args: ServeArgs) -> Result<()> {
    let store: Store = database::open(&args.database).await?;
    if args.demo {
        report_demo(store.load_demo().await?);
    }
    store
        .org()
        .ensure_organisation("Hearth", "UTC", false)
        .await?;

    let listener = tokio::net::TcpListener::bind(&args.addr).await.map_err(|error| match error.kind() {
        std::io::ErrorKind::AddrInUse => anyhow::anyhow!(
            "the address {} is already in use. Stop the program using it, or choose another with --addr (for example --addr 127.0.0.1:8081).",
            args.addr
        ),
        std::io::ErrorKind::PermissionDenied => anyhow::anyhow!(
            "not allowed to listen on {}. Ports below 1024 need special rights: choose another with --addr.",
            args.addr
        ),
        _ => anyhow::anyhow!("could not listen on {}: {error}", args.addr),
    })?;
    let local = listener.local_addr()?;
    let public_url = args
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{local}"));
    let config = hearth_web::WebConfig {
        public_url: public_url.trim_end_matches('/').to_owned(),
        data_dir: args.database.data_dir.clone(),
        smtp_url: args.smtp_url.clone(),
        mail_from: args.mail_from.clone(),
        video_base_url: args.video_base_url.clone(),
    };
    let state = hearth_web::AppState::new(store.clone(), config).await?;

    // The address is the command's result, so it goes to stdout. A closed
    // stdout (a finished pipe) must not stop the server, so errors are ignored.
    let mut banner = format!(
        "Hearth is running. Open {}/ in your browser.\n",
        public_url.trim_end_matches('/')
    );
    if state.is_demo {
        banner.push_str(&format!(
            "Demo accounts (password {DEMO_PASSWORD}): admin@demo.example, coordinator@demo.example, supervisor@demo.example, \
             facilitator@demo.example, peer@demo.example, participant@demo.example\n"
        ));
    } else if store.people().count().await? == 0 {
        banner.push_str(
            "No accounts yet. Create the first administrator with:\n  hearth admin create --email you@example.org --name \"Your Name\" --password-stdin\n",
        );
    }
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(banner.as_bytes()).and_then(|()| out.flush());
    drop(out);
    tracing::info!(address = %local, "listening");

    hearth_web::serve(listener, state, shutdown_signal()).await?;
    store.db().close().await;
    tracing::info!("stopped");
    Ok(())
}

/// Ctrl-C or SIGTERM: stop taking new requests and let the ones in flight finish.
async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
