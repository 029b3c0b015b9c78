//! `hearth groups`: the group engine for scripts. Prints JSON on success; on
//! bad input, a message naming the problem on stderr, exit code 2 and no output.

use clap::{Args, Subcommand};
use hearth_groups::cli::{self as engine, CafeArgs, PeopleInput, PersistentArgs, RoundsArgs};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Subcommand, Debug)]
pub enum GroupsCommand {
    /// Rounds of groups in which people meet as few people again as possible.
    Rounds(RoundsFlags),
    /// Peer groups that stay together, balanced on what you ask.
    Persistent(PersistentFlags),
    /// A World Café: themed tables with fixed hosts; guests visit each theme once.
    Cafe(CafeFlags),
}

#[derive(Args, Debug)]
pub struct SearchFlags {
    /// The same seed and input give the same answer.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Stop searching after this many seconds and return the best found.
    #[arg(long = "time-limit", default_value_t = engine::DEFAULT_TIME_LIMIT_SECONDS)]
    time_limit: f64,
}

#[derive(Args, Debug)]
pub struct RoundsFlags {
    /// People numbered 0…N−1.
    #[arg(long, conflicts_with = "input", required_unless_present = "input")]
    people: Option<usize>,
    /// A CSV file of people: an `id` column plus attribute columns.
    #[arg(long)]
    input: Option<PathBuf>,
    #[arg(long)]
    size: usize,
    #[arg(long)]
    rounds: usize,
    /// A JSON file of earlier rounds; those meetings count as encounters.
    #[arg(long)]
    history: Option<PathBuf>,
    #[command(flatten)]
    search: SearchFlags,
}

#[derive(Args, Debug)]
pub struct PersistentFlags {
    /// A CSV file of people: an `id` column plus attribute columns.
    #[arg(long)]
    input: PathBuf,
    #[arg(long)]
    size: usize,
    /// Attributes to spread evenly across groups, e.g. `site,role`.
    #[arg(long, value_delimiter = ',')]
    mix: Vec<String>,
    /// Attributes every group keeps to one value, e.g. `language`.
    #[arg(long = "match", value_delimiter = ',')]
    matched: Vec<String>,
    /// Two people to keep in different groups: `a,b` (repeat for more pairs).
    #[arg(long)]
    apart: Vec<String>,
    /// Two people to keep in the same group: `a,b` (repeat for more pairs).
    #[arg(long)]
    together: Vec<String>,
    /// A person who stays in a group: `id=group` (0-based; repeat for more).
    #[arg(long)]
    lock: Vec<String>,
    /// A JSON file of earlier cohorts' groups; those pairs are avoided.
    #[arg(long)]
    history: Option<PathBuf>,
    #[command(flatten)]
    search: SearchFlags,
}

#[derive(Args, Debug)]
pub struct CafeFlags {
    #[arg(long)]
    people: usize,
    #[arg(long)]
    themes: usize,
    #[arg(long)]
    rounds: usize,
    /// Host ids, one per table in theme order; by default people 0…T−1 host.
    #[arg(long, value_delimiter = ',')]
    hosts: Option<Vec<String>>,
    #[command(flatten)]
    search: SearchFlags,
}

pub fn run(command: GroupsCommand) -> ExitCode {
    match answer(command) {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("hearth groups: {message}");
            ExitCode::from(2)
        }
    }
}

fn answer(command: GroupsCommand) -> Result<String, String> {
    let value = match command {
        GroupsCommand::Rounds(flags) => {
            let people = match (flags.people, &flags.input) {
                (_, Some(path)) => PeopleInput::Csv(read(path)?),
                (Some(count), None) => PeopleInput::Count(count),
                (None, None) => return Err("give --people N or --input people.csv".into()),
            };
            engine::rounds(&RoundsArgs {
                people,
                size: flags.size,
                rounds: flags.rounds,
                seed: flags.search.seed,
                time_limit_seconds: flags.search.time_limit,
                history: flags.history.as_deref().map(read).transpose()?,
            })
        }
        GroupsCommand::Persistent(flags) => engine::persistent(&PersistentArgs {
            people_csv: read(&flags.input)?,
            size: flags.size,
            mix: flags.mix,
            matched: flags.matched,
            apart: pairs("--apart", &flags.apart)?,
            together: pairs("--together", &flags.together)?,
            locked: locks(&flags.lock)?,
            history: flags.history.as_deref().map(read).transpose()?,
            seed: flags.search.seed,
            time_limit_seconds: flags.search.time_limit,
        }),
        GroupsCommand::Cafe(flags) => engine::cafe(&CafeArgs {
            people: flags.people,
            themes: flags.themes,
            rounds: flags.rounds,
            hosts: flags.hosts,
            seed: flags.search.seed,
            time_limit_seconds: flags.search.time_limit,
        }),
    };
    value.map(|v| v.to_string()).map_err(|e| e.to_string())
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("could not read {}: {e}", path.display()))
}

fn pairs(flag: &str, values: &[String]) -> Result<Vec<(String, String)>, String> {
    values
        .iter()
        .map(|value| match value.split_once(',') {
            Some((a, b)) if !a.trim().is_empty() && !b.trim().is_empty() && !b.contains(',') => {
                Ok((a.trim().to_owned(), b.trim().to_owned()))
            }
            _ => Err(format!(
                "{flag} takes two ids separated by a comma, like {flag} ana,ben (got \"{value}\")"
            )),
        })
        .collect()
}

fn locks(values: &[String]) -> Result<Vec<(String, usize)>, String> {
    values
        .iter()
        .map(|value| {
            let (id, group) = value.split_once('=').ok_or_else(|| {
                format!("--lock takes id=group, like --lock ana=0 (got \"{value}\")")
            })?;
            let group = group
                .trim()
                .parse()
                .map_err(|_| format!("--lock: \"{group}\" is not a group number"))?;
            Ok((id.trim().to_owned(), group))
        })
        .collect()
}
