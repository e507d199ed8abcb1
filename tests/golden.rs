//! Golden cases: `golden/<rule-id>/<case>/input/` is a Go module before
//! `ctxmod fix --write --unsafe`, `expected/` the module after. Each case is
//! fixed on a copy, compared byte for byte, fixed again to prove nothing
//! changes, and (where `go` is on PATH) its `expected/` tree must be
//! gofmt-clean, build and pass `go vet`.
//!
//! `UPDATE_GOLDEN=1 cargo test --test golden` rewrites the `expected/` trees.
//! A case whose expected tree keeps a `go vet` finding on purpose (a
//! suppressed finding) says why in a `vet-fails` file. Files whose names
//! start with `broken` hold deliberate syntax errors and are left out of
//! the gofmt check (a `//go:build ignore` line keeps them out of the build),
//! and make `fix --write` exit 1 when a rule had to read them.
//! A case with a `needs-gofmt` file shows ctxmod laying code out with gofmt
//! and is skipped where gofmt is missing. A case with a `findings` file
//! also pins what `ctxmod check` prints for its input: how findings that
//! are not fixed (display-only ones, or fixes ctxmod refuses) are
//! reported.

mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use support::{copy_tree, ctxmod, go, have_go, tree_difference};

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("golden");
    let mut cases = Vec::new();
    for rule in std::fs::read_dir(&root).unwrap() {
        let rule = rule.unwrap().path();
        if !rule.is_dir() {
            continue;
        }
        for case in std::fs::read_dir(&rule).unwrap() {
            let case = case.unwrap().path();
            if case.join("input").is_dir() {
                cases.push(case);
            }
        }
    }
    cases.sort();
    cases
}

fn case_name(case: &Path) -> String {
    let rule = case
        .parent()
        .unwrap()
        .file_name()
        .unwrap()
        .to_string_lossy();
    format!("{rule}/{}", case.file_name().unwrap().to_string_lossy())
}

/// The exit code of a successful run: 0, or 1 when it skipped a file for
/// its syntax error (a deliberately broken file the rules had to read).
fn success_code(out: &std::process::Output) -> Option<i32> {
    let skipped = String::from_utf8_lossy(&out.stderr).contains("file skipped and not edited");
    Some(if skipped { 1 } else { 0 })
}

/// Runs `fix --write --unsafe` on a copy of the case's input and returns
/// the temporary directory holding the result.
fn fix_copy(case: &Path) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let work = tmp.path().join("m");
    copy_tree(&case.join("input"), &work);
    let out = ctxmod(&work, &["fix", "--write", "--unsafe", "."]);
    assert!(
        out.status.code() == success_code(&out),
        "{}: fix --write exited {:?}\n{}",
        case_name(case),
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    tmp
}

#[test]
fn golden_cases_fix_to_expected_and_converge() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut failures = Vec::new();
    let all = cases();
    assert!(!all.is_empty(), "no golden cases found");
    for case in &all {
        let name = case_name(case);
        if case.join("needs-gofmt").is_file() && !have_go() {
            eprintln!("{name}: gofmt is not on PATH, skipped");
            continue;
        }
        if let Some(failure) = check_findings(case, update) {
            failures.push(failure);
        }
        let tmp = fix_copy(case);
        let work = tmp.path().join("m");
        let expected = case.join("expected");
        if update {
            let _ = std::fs::remove_dir_all(&expected);
            copy_tree(&work, &expected);
        }
        if let Some(diff) = tree_difference(&work, &expected) {
            failures.push(format!("{name}: output differs from expected/\n{diff}"));
            continue;
        }
        let again = ctxmod(&work, &["fix", "--write", "--unsafe", "."]);
        if again.status.code() != success_code(&again) {
            failures.push(format!("{name}: second fix --write failed"));
        }
        if let Some(diff) = tree_difference(&work, &expected) {
            failures.push(format!("{name}: a second run changed the output\n{diff}"));
        }
        let before = findings_by_rule(&case.join("input"));
        for (code, after) in findings_by_rule(&work) {
            let had = before.get(&code).copied().unwrap_or(0);
            if after > had {
                failures.push(format!(
                    "{name}: the fixed tree has {after} {code} finding(s), the input {had}: a fix made new work"
                ));
            }
        }
        let dry = ctxmod(&work, &["fix", "--unsafe", "."]);
        if dry.status.code() != success_code(&dry) || !dry.stdout.is_empty() {
            failures.push(format!(
                "{name}: a dry run after fixing still wants changes:\n{}",
                String::from_utf8_lossy(&dry.stdout)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Compares what `ctxmod check` prints for the case's input with its
/// `findings` file, if it has one (rewriting the file with `update`).
fn check_findings(case: &Path, update: bool) -> Option<String> {
    let file = case.join("findings");
    if !file.is_file() {
        return None;
    }
    let tmp = tempfile::tempdir().unwrap();
    let work = tmp.path().join("m");
    copy_tree(&case.join("input"), &work);
    let out = ctxmod(&work, &["check", "."]);
    let got = String::from_utf8_lossy(&out.stdout).to_string();
    if update {
        std::fs::write(&file, &got).unwrap();
    }
    let want = std::fs::read_to_string(&file).unwrap();
    (got != want).then(|| {
        format!(
            "{}: check prints other findings than `findings`:\n--- want\n{want}--- got\n{got}",
            case_name(case)
        )
    })
}

/// How many findings `ctxmod check` reports in `dir`, by rule code.
fn findings_by_rule(dir: &Path) -> BTreeMap<String, usize> {
    let out = ctxmod(dir, &["check", "--format", "json", "."]);
    let findings: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("check --format json in {}: {e}", dir.display()));
    let mut counts = BTreeMap::new();
    for finding in findings["findings"]
        .as_array()
        .expect("an array of findings")
    {
        let code = finding["code"].as_str().expect("a rule code").to_string();
        *counts.entry(code).or_insert(0) += 1;
    }
    counts
}

/// Every `.go` file of `dir` that is not deliberately broken, with CRLF
/// folded to LF (gofmt itself writes LF), copied into `into`.
fn gofmt_inputs(dir: &Path, into: &Path) {
    for (rel, bytes) in support::read_tree(dir) {
        let name = rel.file_name().unwrap().to_string_lossy().to_string();
        if !name.ends_with(".go") || name.starts_with("broken") {
            continue;
        }
        let text = String::from_utf8(bytes).unwrap().replace("\r\n", "\n");
        let target = into.join(&rel);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, text).unwrap();
    }
}

#[test]
fn golden_expected_trees_are_gofmt_clean_build_and_vet() {
    if !have_go() {
        eprintln!("go is not on PATH: skipping the toolchain checks (CI has go)");
        return;
    }
    let mut failures = Vec::new();
    for case in cases() {
        let name = case_name(&case);
        let expected = case.join("expected");
        let fmt_dir = tempfile::tempdir().unwrap();
        gofmt_inputs(&expected, fmt_dir.path());
        let out = std::process::Command::new("gofmt")
            .arg("-l")
            .arg(".")
            .current_dir(fmt_dir.path())
            .output()
            .unwrap();
        if !out.status.success() || !out.stdout.is_empty() {
            failures.push(format!(
                "{name}: gofmt -l lists {}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        // The toolchain runs on copies, so nothing it writes lands in golden/.
        let scratch = tempfile::tempdir().unwrap();
        let (input, output) = (
            scratch.path().join("input"),
            scratch.path().join("expected"),
        );
        copy_tree(&case.join("input"), &input);
        copy_tree(&expected, &output);
        let build = ["build", "-o", "/dev/null", "./..."];
        if let Err(e) = go(&input, &build) {
            failures.push(format!("{name}: input/ does not build:\n{e}"));
        }
        if let Err(e) = go(&output, &build) {
            failures.push(format!("{name}: expected/ does not build:\n{e}"));
            continue;
        }
        let vet = go(&output, &["vet", "./..."]);
        let vet_may_fail = case.join("vet-fails").is_file();
        match (vet, vet_may_fail) {
            (Err(e), false) => failures.push(format!("{name}: go vet fails on expected/:\n{e}")),
            (Ok(()), true) => failures.push(format!(
                "{name}: go vet passes, so the vet-fails note is stale"
            )),
            _ => {}
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// What `ctxmod check --format json ARGS` in `dir` reports, one line per
/// finding (everything it says of it), by rule id.
fn findings_in(dir: &Path, args: &[&str]) -> BTreeMap<String, Vec<String>> {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    all.push(".");
    let out = ctxmod(dir, &all);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("check --format json in {}: {e}", dir.display()));
    let mut by_rule: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for finding in report["findings"].as_array().expect("an array of findings") {
        let id = finding["id"].as_str().expect("a rule id").to_string();
        by_rule.entry(id).or_default().push(finding.to_string());
    }
    for findings in by_rule.values_mut() {
        findings.sort();
    }
    by_rule
}

/// A rule must not depend on which other rules run: what it finds in a
/// golden input alone (`--rule ID`) is what it finds there among all the
/// rules, fixes and reasons included. This holds the engine to reading,
/// parsing and summarising what each rule needs, whichever rules are on.
#[test]
fn every_rule_alone_finds_what_it_finds_among_all() {
    use rayon::prelude::*;
    let ids: Vec<&str> = ctxmod::transforms::registry()
        .iter()
        .map(|e| e.meta().id)
        .collect();
    // Every rule named, so that a case's `ctxmod.toml` choosing some
    // rules does not decide what runs.
    let every: Vec<&str> = ids.iter().flat_map(|id| ["--rule", id]).collect();
    let cases = cases();
    let failures: Vec<String> = cases
        .par_iter()
        .flat_map(|case| {
            let input = case.join("input");
            let together = findings_in(&input, &every);
            ids.par_iter()
                .filter_map(|id| {
                    let alone = findings_in(&input, &["--rule", id]).remove(*id);
                    let among = together.get(*id).cloned();
                    (alone != among).then(|| {
                        format!(
                            "{}: {id} alone finds\n{:#?}\nbut among all the rules\n{:#?}",
                            case_name(case),
                            alone.unwrap_or_default(),
                            among.unwrap_or_default()
                        )
                    })
                })
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(!cases.is_empty(), "no golden cases found");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
