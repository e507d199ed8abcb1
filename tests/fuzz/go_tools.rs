//! The properties the Go toolchain checks: a changed file `gofmt -e`
//! accepted before the fix must still be accepted, and a module `go vet`
//! type-checked must still type-check.

use crate::examine::{tail, Examination, Tools};
use crate::property::{summarise, Property, Step, Violation};
use crate::run::{run, Ending};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The environment `go vet` runs in: no workspace, no network.
const GO_ENV: &[(&str, &str)] = &[
    ("GOWORK", "off"),
    ("GOFLAGS", "-mod=mod"),
    ("GOTOOLCHAIN", "local"),
    ("GOPROXY", "off"),
];

/// The time one `go vet` may take: the first in a cold build cache
/// compiles the standard library's export data.
const VET_BOUND: Duration = Duration::from_secs(300);

/// Every changed Go file that `gofmt -e` accepted before the fix (or is
/// new) must still be accepted.
pub fn parses(
    tools: &Tools,
    gofmt: &Path,
    scratch: &Path,
    changed: &BTreeSet<PathBuf>,
    after: &BTreeMap<PathBuf, Vec<u8>>,
    exam: &mut Examination,
) {
    let go_files: Vec<&PathBuf> = changed
        .iter()
        .filter(|p| crate::corpus::is_go(p) && after.contains_key(*p))
        .collect();
    if go_files.is_empty() {
        return;
    }
    exam.count(Property::Parses, go_files.len());
    let rejected_before = gofmt_errors(tools, gofmt, scratch, "before", &go_files);
    let rejected_after = gofmt_errors(tools, gofmt, scratch, "m", &go_files);
    for path in go_files {
        if rejected_before.contains_key(path) {
            continue;
        }
        if let Some(errors) = rejected_after.get(path) {
            let detail = format!(
                "{}: gofmt -e accepted it before the fix, not after:\n{errors}",
                path.display()
            );
            exam.violations
                .push(Violation::new(Property::Parses, Step::Fix, errors, detail));
        }
    }
}

/// What `gofmt -e` says of each of `files` under `scratch/dir` that it
/// rejects, by path relative to `dir`.
fn gofmt_errors(
    tools: &Tools,
    gofmt: &Path,
    scratch: &Path,
    dir: &str,
    files: &[&PathBuf],
) -> BTreeMap<PathBuf, String> {
    let mut args = vec!["-e".to_string(), "-l".to_string()];
    args.extend(files.iter().map(|p| format!("{dir}/{}", p.display())));
    let output = scratch.join("gofmt");
    std::fs::create_dir_all(&output).expect("a scratch directory");
    let ran = run(gofmt, &args, &[], scratch, &output, tools.bound);
    let stderr = String::from_utf8_lossy(&ran.stderr);
    let mut errors: BTreeMap<PathBuf, String> = BTreeMap::new();
    for line in stderr.lines() {
        for path in files {
            let prefix = format!("{dir}/{}:", path.display());
            if line.starts_with(&prefix) {
                let text = errors.entry(path.to_path_buf()).or_default();
                text.push_str(&line[dir.len() + 1..]);
                text.push('\n');
            }
        }
    }
    errors
}

/// A module that `go vet` type-checked before the fix must type-check
/// after. Only the cheap `atomic` analyzer runs: the point is the type
/// check of every package and its tests.
pub fn compiles(go: &Path, scratch: &Path, exam: &mut Examination) {
    let args: Vec<String> = ["vet", "-atomic", "./..."]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let output = scratch.join("vet");
    std::fs::create_dir_all(&output).expect("a scratch directory");
    let vet_before = run(
        go,
        &args,
        GO_ENV,
        &scratch.join("before"),
        &output,
        VET_BOUND,
    );
    if vet_before.ending != Ending::Exited(0) {
        return;
    }
    exam.count(Property::Compiles, 1);
    let vet_after = run(go, &args, GO_ENV, &scratch.join("m"), &output, VET_BOUND);
    if vet_after.ending == Ending::Exited(0) {
        return;
    }
    let stderr = String::from_utf8_lossy(&vet_after.stderr);
    let first = stderr
        .lines()
        .find(|line| line.contains(".go:"))
        .unwrap_or("go vet failed");
    let detail = format!(
        "go vet -atomic ./... passed before the fix, not after:\n{}",
        tail(&stderr, 30)
    );
    exam.violations.push(Violation {
        property: Property::Compiles,
        step: Step::Fix,
        summary: summarise(first),
        detail,
    });
}
