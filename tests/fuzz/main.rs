//! A fuzzer for the ctxmod binary, on stable Rust: inputs are small Go
//! modules made from the repository's golden and behaviour modules (and,
//! when asked, the module cache), mutated blindly and with
//! Go snippets aimed at the rules. On each, `ctxmod check --format json`
//! and `ctxmod fix --unsafe --write --format json` run as processes with a
//! time bound, and the properties of [`property::Property`] are checked:
//! no crash, no hang, valid JSON, no unreported change, no fix that makes
//! `gofmt -e` reject a file or `go vet` a module it accepted.
//!
//! `cargo test` runs a fixed seed for a bounded number of executions and
//! replays every input under `tests/fuzz/regressions/`; `cargo test
//! --release --test fuzz -- --minutes 30` runs for half an hour. Each new
//! class of failure is minimised and written to `target/fuzz-failures/`.

mod corpus;
mod examine;
mod go_tools;
mod input;
mod mutate;
mod options;
mod property;
mod reproducer;
mod run;
mod snippets;
mod tally;

use corpus::Corpus;
use examine::{examine, Focus, Tools};
use input::Input;
use options::Options;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use tally::{Source, Tally};

/// The repository.
const REPO: &str = env!("CARGO_MANIFEST_DIR");

fn main() {
    let start = Instant::now();
    let options = Options::parse();
    if options.filtered_out {
        println!("fuzz: filtered out");
        return;
    }
    let tools = tools();
    let failures = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("the target directory")
        .join("fuzz-failures");
    let tally = Mutex::new(Tally::new());
    if options.replay.is_empty() {
        let regressions = Path::new(REPO).join("tests/fuzz/regressions");
        replay(&tools, &regression_dirs(&regressions), &tally);
        fuzz(&tools, &options, &failures, &tally);
    } else {
        replay(&tools, &options.replay, &tally);
    }
    let tally = tally.into_inner().expect("no worker panicked");
    print!("{}", tally.summary());
    // The line the test harness ends with, for whoever counts them.
    let (result, passed, failed) = if tally.classes.is_empty() {
        ("ok", 1, 0)
    } else {
        ("FAILED", 0, 1)
    };
    println!(
        "test result: {result}. {passed} passed; {failed} failed; 0 ignored; 0 measured; 0 filtered out; finished in {:.2}s",
        start.elapsed().as_secs_f64()
    );
    if failed > 0 {
        std::process::exit(1);
    }
}

/// `path` relative to the repository when it is inside it.
fn shown(path: &Path) -> String {
    path.strip_prefix(REPO)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// The binary, the time bound, the Go tools on `PATH` and the schema.
fn tools() -> Tools {
    let schema_text = std::fs::read_to_string(Path::new(REPO).join("schema/findings.schema.json"))
        .expect("the JSON schema");
    let schema =
        jsonschema::validator_for(&serde_json::from_str(&schema_text).expect("the schema is JSON"))
            .expect("the schema compiles");
    let tools = Tools {
        ctxmod: PathBuf::from(env!("CARGO_BIN_EXE_ctxmod")),
        bound: Duration::from_secs(if cfg!(debug_assertions) { 20 } else { 10 }),
        gofmt: on_path("gofmt"),
        go: on_path("go"),
        schema,
    };
    if tools.gofmt.is_none() {
        println!("fuzz: gofmt is not on PATH: the parses property is not checked");
    }
    if tools.go.is_none() {
        println!("fuzz: go is not on PATH: the compiles property is not checked");
    }
    tools
}

/// The program `name` in a directory of `PATH`.
fn on_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|path| path.is_file())
}

/// The directories under `root`, sorted.
fn regression_dirs(root: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// Examines the input in each of `dirs`; a failure's reproducer is the
/// directory itself.
fn replay(tools: &Tools, dirs: &[PathBuf], tally: &Mutex<Tally>) {
    let scratch = tempfile::tempdir().expect("a scratch directory");
    for dir in dirs {
        let input =
            Input::load(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
        let exam = examine(tools, &input, scratch.path(), Focus::ALL);
        tally.lock().unwrap().record(Source::Replayed(dir), &exam);
    }
}

/// Examines generated inputs on `options.jobs` threads until the
/// executions or the time are spent.
fn fuzz(tools: &Tools, options: &Options, failures: &Path, tally: &Mutex<Tally>) {
    let cache = options.module_cache.then(corpus::module_cache).flatten();
    let corpus = Corpus::load(Path::new(REPO), cache.as_deref());
    let long = options.duration.is_some();
    println!(
        "fuzz: seed {}, {}, {} jobs, {}s bound per run; corpus: {} modules, {} Go files ({} from the module cache)",
        options.seed,
        match (options.executions, options.duration) {
            (Some(n), _) => format!("{n} executions"),
            (None, Some(d)) => format!("{} minutes", d.as_secs_f64() / 60.0),
            (None, None) => "no bound".to_string(),
        },
        options.jobs,
        tools.bound.as_secs(),
        corpus.trees.len(),
        corpus.files.len(),
        corpus.cache_files,
    );
    let next = AtomicU64::new(0);
    let deadline = options.duration.map(|d| Instant::now() + d);
    let minimise_budget = Duration::from_secs(if long { 120 } else { 20 });
    let progress_every = Duration::from_secs(if long { 60 } else { 20 });
    std::thread::scope(|scope| {
        for _ in 0..options.jobs.max(1) {
            scope.spawn(|| {
                let scratch = tempfile::tempdir().expect("a scratch directory");
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let spent = options.executions.is_some_and(|n| i >= n);
                    if spent || deadline.is_some_and(|d| Instant::now() >= d) {
                        break;
                    }
                    let mut rng = fastrand::Rng::with_seed(
                        options.seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ i,
                    );
                    let input = Input::generate(&mut rng, &corpus);
                    let exam = examine(tools, &input, scratch.path(), Focus::ALL);
                    let source = Source::Generated {
                        execution: i,
                        sources: &input.sources,
                        failures,
                    };
                    let new = tally.lock().unwrap().record(source, &exam);
                    for (violation, dir) in new {
                        println!("fuzz: #{i} {}", violation.class());
                        let small = reproducer::minimise(
                            tools,
                            &input,
                            &violation,
                            scratch.path(),
                            minimise_budget,
                        );
                        let found =
                            format!("seed {}, execution #{i}: {}", options.seed, input.origin);
                        reproducer::save(&dir, &violation, &small, &found)
                            .expect("the reproducer is written");
                        println!("fuzz:   reproducer: {}", dir.display());
                    }
                    if let Some(line) = tally.lock().unwrap().progress(progress_every) {
                        println!("{line}");
                    }
                }
            });
        }
    });
}
