//! Checking one input: `ctxmod check` and `ctxmod fix --unsafe --write`
//! run on a copy of it, and every property checked on what they did.

use crate::go_tools;
use crate::input::Input;
use crate::property::{Property, Step, Violation};
use crate::run::{run, Ending, Run};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// What examining an input needs.
pub struct Tools {
    /// The ctxmod binary.
    pub ctxmod: PathBuf,
    /// The time one run of ctxmod (or of gofmt) may take.
    pub bound: Duration,
    /// `gofmt`, when on `PATH`.
    pub gofmt: Option<PathBuf>,
    /// `go`, when on `PATH`.
    pub go: Option<PathBuf>,
    /// `schema/findings.schema.json`.
    pub schema: jsonschema::Validator,
}

/// The parts of the examination to run: all of them, or, while a
/// reproducer is made smaller, only those one violation needs.
#[derive(Clone, Copy)]
pub struct Focus {
    check: bool,
    fix: bool,
    parses: bool,
    compiles: bool,
}

impl Focus {
    /// Every command and property.
    pub const ALL: Focus = Focus {
        check: true,
        fix: true,
        parses: true,
        compiles: true,
    };

    /// Only what can show `violation` again.
    pub fn on(violation: &Violation) -> Focus {
        Focus {
            check: violation.step == Step::Check,
            fix: violation.step == Step::Fix,
            parses: violation.property == Property::Parses,
            compiles: violation.property == Property::Compiles,
        }
    }
}

/// What examining one input found.
#[derive(Default)]
pub struct Examination {
    /// The properties that did not hold.
    pub violations: Vec<Violation>,
    /// How many times each property was checked, by [`Property::index`].
    pub checked: [u64; Property::ALL.len()],
    /// True when the fix changed a file.
    pub changed: bool,
}

impl Examination {
    /// Counts `n` checks of `property`.
    pub fn count(&mut self, property: Property, n: usize) {
        self.checked[property.index()] += n as u64;
    }
}

/// The ctxmod arguments for `step` on an input with `flags`.
pub fn arguments(step: Step, flags: &[String]) -> Vec<String> {
    let head: &[&str] = match step {
        Step::Check => &["check", "--format", "json"],
        Step::Fix => &["fix", "--unsafe", "--write", "--format", "json"],
    };
    let mut args: Vec<String> = head.iter().map(|s| s.to_string()).collect();
    let mut flags = flags.iter();
    while let Some(flag) = flags.next() {
        // `check` takes no option that only shapes the fixes' text.
        if step == Step::Check && FIX_ONLY.contains(&flag.as_str()) {
            if flag != "--accessors" {
                flags.next();
            }
            continue;
        }
        args.push(flag.clone());
    }
    args.push(".".to_string());
    args
}

/// The options `fix` takes and `check` does not.
const FIX_ONLY: &[&str] = &[
    "--key-style",
    "--accessors",
    "--detach-timeout",
    "--detach-helper",
];

/// Runs the commands `focus` asks for on a copy of `input` under
/// `scratch` (emptied first) and checks the properties.
pub fn examine(tools: &Tools, input: &Input, scratch: &Path, focus: Focus) -> Examination {
    let _ = std::fs::remove_dir_all(scratch);
    let module = scratch.join("m");
    std::fs::create_dir_all(&module).expect("a scratch directory");
    input.write(&module).expect("the input is written");
    let mut exam = Examination::default();
    if focus.check {
        let ran = run(
            &tools.ctxmod,
            &arguments(Step::Check, &input.flags),
            &[],
            &module,
            scratch,
            tools.bound,
        );
        ctxmod_properties(tools, Step::Check, &ran, &mut exam);
        // `fix` does what `check` does first: it would hang too.
        if ran.ending == Ending::TimedOut {
            return exam;
        }
    }
    if !focus.fix {
        return exam;
    }
    let ran = run(
        &tools.ctxmod,
        &arguments(Step::Fix, &input.flags),
        &[],
        &module,
        scratch,
        tools.bound,
    );
    let report = ctxmod_properties(tools, Step::Fix, &ran, &mut exam);
    let after = read_tree(&module);
    let changed: BTreeSet<PathBuf> = input
        .files
        .keys()
        .chain(after.keys())
        .filter(|path| input.files.get(*path) != after.get(*path))
        .cloned()
        .collect();
    exam.changed = !changed.is_empty();
    if let Some(report) = report {
        untouched(&report, &changed, &mut exam);
    }
    if changed.is_empty() {
        return exam;
    }
    let before = scratch.join("before");
    input.write(&before).expect("the input is written");
    if focus.parses {
        if let Some(gofmt) = &tools.gofmt {
            go_tools::parses(tools, gofmt, scratch, &changed, &after, &mut exam);
        }
    }
    // A file that no longer parses does not compile either: one defect.
    let parse_broken = exam
        .violations
        .iter()
        .any(|v| v.property == Property::Parses);
    if focus.compiles && !parse_broken && input.files.contains_key(Path::new("go.mod")) {
        if let Some(go) = &tools.go {
            go_tools::compiles(go, scratch, &mut exam);
        }
    }
    exam
}

/// Checks how a ctxmod run ended and what it printed; returns the JSON
/// it printed when that is valid.
fn ctxmod_properties(
    tools: &Tools,
    step: Step,
    ran: &Run,
    exam: &mut Examination,
) -> Option<Value> {
    exam.count(Property::NoHang, 1);
    exam.count(Property::NoCrash, 1);
    let stderr = String::from_utf8_lossy(&ran.stderr);
    if ran.ending == Ending::TimedOut {
        let message = format!(
            "`{}` gives no result in {}s",
            step.name(),
            tools.bound.as_secs()
        );
        exam.violations.push(Violation::new(
            Property::NoHang,
            step,
            &message,
            message.clone(),
        ));
        return None;
    }
    if let Some(summary) = crash(ran.ending, &stderr) {
        let detail = tail(&stderr, 40);
        exam.violations.push(Violation {
            property: Property::NoCrash,
            step,
            summary,
            detail,
        });
        return None;
    }
    exam.count(Property::Json, 1);
    let value: Value = match serde_json::from_slice(&ran.stdout) {
        Ok(value) => value,
        Err(e) => {
            let detail = format!(
                "{e}\n--- stdout\n{}",
                tail(&String::from_utf8_lossy(&ran.stdout), 20)
            );
            exam.violations.push(Violation::new(
                Property::Json,
                step,
                "stdout is not JSON",
                detail,
            ));
            return None;
        }
    };
    let errors: Vec<String> = tools
        .schema
        .iter_errors(&value)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    if let Some(first) = errors.first() {
        let message = format!("not the schema: {first}");
        exam.violations.push(Violation::new(
            Property::Json,
            step,
            &message,
            errors.join("\n"),
        ));
        return None;
    }
    Some(value)
}

/// The summary of a crash, if the run crashed: a signal, an exit code
/// other than 0, 1 and 2, or a panic message.
fn crash(ending: Ending, stderr: &str) -> Option<String> {
    let panic = stderr.lines().find_map(|line| {
        line.split_once("panicked at ")
            .map(|(_, at)| at.trim_end_matches(':'))
    });
    let how = match ending {
        Ending::Signalled(signal) if stderr.contains("overflowed its stack") => {
            format!("stack overflow (signal {signal})")
        }
        Ending::Signalled(signal) => format!("signal {signal}"),
        Ending::Exited(0..=2) if panic.is_none() => return None,
        Ending::Exited(code) => format!("exit code {code}"),
        Ending::TimedOut => unreachable!("timeouts are told apart first"),
    };
    Some(match panic {
        Some(at) => format!("panicked at {at} ({how})"),
        None => how,
    })
}

/// A file changed on disk that the fix report does not list.
fn untouched(report: &Value, changed: &BTreeSet<PathBuf>, exam: &mut Examination) {
    exam.count(Property::Untouched, 1);
    let listed: BTreeSet<PathBuf> = report["changes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|change| change["file"].as_str())
        .map(PathBuf::from)
        .collect();
    let unlisted: Vec<String> = changed
        .difference(&listed)
        .map(|p| p.display().to_string())
        .collect();
    if !unlisted.is_empty() {
        let detail = format!(
            "changed but not in the report's changes: {}",
            unlisted.join(", ")
        );
        let message = "a file changed that the report does not list";
        exam.violations.push(Violation::new(
            Property::Untouched,
            Step::Fix,
            message,
            detail,
        ));
    }
}
/// The last `n` lines of `text`.
pub fn tail(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}

/// Every file under `root`, by relative path.
fn read_tree(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(bytes) = std::fs::read(&path) {
                let rel = path
                    .strip_prefix(root)
                    .expect("under the root")
                    .to_path_buf();
                files.insert(rel, bytes);
            }
        }
    }
    files
}
