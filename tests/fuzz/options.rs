//! The fuzzer's options: arguments after `--`, else `CTXMOD_FUZZ_*`
//! environment variables, else the bounded run CI makes.

use std::path::PathBuf;
use std::time::{Duration, SystemTime};

/// Executions of a default (CI) run.
pub const DEFAULT_EXECUTIONS: u64 = 300;
/// The seed of a default run.
pub const DEFAULT_SEED: u64 = 1;

const USAGE: &str = "\
cargo test [--release] --test fuzz -- [OPTIONS]
  --minutes N       run for N minutes (CTXMOD_FUZZ_MINUTES)
  --executions N    stop after N inputs (CTXMOD_FUZZ_EXECUTIONS; default 300 without --minutes)
  --seed N          the seed (CTXMOD_FUZZ_SEED; default 1, or the clock with --minutes)
  --jobs N          inputs examined at once (CTXMOD_FUZZ_JOBS; default: the cores)
  --module-cache    also take Go files from the module cache (CTXMOD_FUZZ_MODULE_CACHE=1;
                    on by default with --minutes when it exists, =0 turns it off)
  --replay DIR      only examine the input in DIR, a reproducer or regression (repeatable)";

/// What a run does.
pub struct Options {
    /// How long to run, when it is a long run.
    pub duration: Option<Duration>,
    /// The most inputs to examine.
    pub executions: Option<u64>,
    /// The seed every input's random choices derive from.
    pub seed: u64,
    /// How many inputs are examined at once.
    pub jobs: usize,
    /// Take Go files from the module cache too.
    pub module_cache: bool,
    /// Directories to replay instead of fuzzing.
    pub replay: Vec<PathBuf>,
    /// A test filter was given that does not name this test: do nothing.
    pub filtered_out: bool,
}

impl Options {
    /// Reads the options from the command line and the environment.
    pub fn parse() -> Options {
        let mut args: Vec<(String, Option<String>)> = Vec::new();
        let mut filters = Vec::new();
        let mut iter = std::env::args().skip(1);
        while let Some(arg) = iter.next() {
            match arg.as_str() {
                "--help" | "-h" => {
                    println!("{USAGE}");
                    std::process::exit(0);
                }
                "--minutes" | "--executions" | "--seed" | "--jobs" | "--replay" => {
                    let value = iter
                        .next()
                        .unwrap_or_else(|| usage(&format!("{arg} needs a value")));
                    args.push((arg, Some(value)));
                }
                "--module-cache" => args.push((arg, None)),
                // The test harness's own options that take a value.
                "--test-threads" | "--skip" | "--color" | "--format" | "--logfile" | "-Z" => {
                    iter.next();
                }
                _ if arg.starts_with('-') => {}
                _ => filters.push(arg),
            }
        }
        let value = |name: &str| -> Option<String> {
            let flag = format!("--{name}");
            let from_args = args
                .iter()
                .rev()
                .find(|(a, _)| *a == flag)
                .and_then(|(_, v)| v.clone());
            let variable = format!("CTXMOD_FUZZ_{}", name.to_uppercase().replace('-', "_"));
            from_args.or_else(|| std::env::var(variable).ok().filter(|v| !v.is_empty()))
        };
        let minutes: Option<f64> = value("minutes").map(|v| number(&v, "--minutes"));
        let module_cache = if args.iter().any(|(a, _)| a == "--module-cache") {
            true
        } else {
            match value("module-cache").as_deref() {
                Some(v) => v != "0",
                None => minutes.is_some(),
            }
        };
        let clock = || {
            SystemTime::now()
                .duration_since(SystemTime::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs())
        };
        Options {
            duration: minutes.map(|m| Duration::from_secs_f64(m * 60.0)),
            executions: value("executions")
                .map(|v| number(&v, "--executions"))
                .or(minutes.is_none().then_some(DEFAULT_EXECUTIONS)),
            seed: value("seed").map_or_else(
                || {
                    if minutes.is_some() {
                        clock()
                    } else {
                        DEFAULT_SEED
                    }
                },
                |v| number(&v, "--seed"),
            ),
            jobs: value("jobs").map_or_else(
                || std::thread::available_parallelism().map_or(1, |n| n.get()),
                |v| number(&v, "--jobs"),
            ),
            module_cache,
            replay: args
                .iter()
                .filter(|(a, _)| a == "--replay")
                .filter_map(|(_, v)| v.clone().map(PathBuf::from))
                .collect(),
            filtered_out: !filters.is_empty()
                && !filters.iter().any(|f| "fuzz".contains(f.as_str())),
        }
    }
}

/// Parses a number option, or stops with the usage.
fn number<T: std::str::FromStr>(text: &str, name: &str) -> T {
    text.parse()
        .unwrap_or_else(|_| usage(&format!("{name}: not a number: {text}")))
}

fn usage(problem: &str) -> ! {
    eprintln!("fuzz: {problem}\n{USAGE}");
    std::process::exit(2);
}
