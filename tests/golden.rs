//! Golden cases. `golden/<rule-id>/<case>/` holds:
//!
//! - `input/`: a Go module before `ctxmod fix --write --unsafe`;
//! - `expected/`: the module after it, when the fix changes anything. A
//!   case without `expected/` is one the fix must leave exactly as it is;
//! - `README`: what the case is for, in its first line (a sentence);
//! - `snapshot`: what `ctxmod check .` (the findings) and `ctxmod fix
//!   --unsafe .` (the fix as a unified diff, a dry run) print on the input,
//!   with what they write to stderr and their exit codes: the file a
//!   reviewer reads;
//! - `vet-fails`, when the fixed tree keeps a `go vet` finding on purpose
//!   (a suppressed finding), saying why;
//! - `needs-gofmt`, when the case shows ctxmod laying code out with gofmt:
//!   its fix and snapshot are not checked where gofmt is missing.
//!
//! Files whose names start with `broken` hold deliberate syntax errors:
//! they are left out of the gofmt check (a `//go:build ignore` line keeps
//! them out of the build), and make `fix --write` exit 1 when a rule had
//! to read them.
//!
//! Each case is one trial named `rule-id/case` (`cargo test --test golden
//! -- lost-cancel/crlf`). It fixes a copy of `input/` and compares it byte
//! for byte with `expected/` (or `input/`), fixes it again to prove
//! nothing changes, requires the fixed tree to have no more findings of
//! any rule than the input and a dry run on it to want nothing, compares
//! the snapshot, and, where `go` is on PATH, requires the fixed tree to be
//! gofmt-clean, build and pass `go vet` (and `input/` to build). Every
//! rule also runs alone on the input and must report there exactly what it
//! reports among all the rules. The `layout` trial checks that `golden/`
//! holds only rules and cases, and that every rule has a `no-op` and a
//! `suppressed` case and one that changes code (for a display-only rule,
//! one whose snapshot shows its finding).
//!
//! A snapshot that differs is written beside the old one as
//! `snapshot.new` and the trial fails; `scripts/review-golden.sh` shows
//! each pending one as a diff and accepts or rejects it.
//! `UPDATE_GOLDEN=1 cargo test --test golden` rewrites every snapshot and
//! `expected/` tree (deleting `expected/` where the fix changes nothing)
//! for review with `git diff`.

mod support;

use libtest_mimic::{Arguments, Failed, Trial};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use support::{copy_tree, ctxmod, go, have_go, read_tree, tree_difference};

/// What every trial shares.
struct Setup {
    /// `UPDATE_GOLDEN` is set: rewrite snapshots and `expected/` trees.
    update: bool,
    /// `go` (and so gofmt) is on PATH.
    have_go: bool,
    /// Every rule, as `ctxmod rules` lists it.
    rules: Vec<Rule>,
}

/// One line of `ctxmod rules`.
struct Rule {
    code: String,
    id: String,
    display_only: bool,
}

/// The files a case directory may hold besides `input/` and `expected/`.
const CASE_FILES: [&str; 5] = [
    "README",
    "snapshot",
    "snapshot.new",
    "vet-fails",
    "needs-gofmt",
];

fn main() {
    let args = Arguments::from_args();
    let setup = Arc::new(Setup {
        update: std::env::var_os("UPDATE_GOLDEN").is_some(),
        have_go: have_go(),
        rules: rules(),
    });
    if !setup.have_go && !args.list {
        eprintln!("go is not on PATH: skipping the toolchain checks (CI has go)");
    }
    let mut trials = vec![{
        let setup = Arc::clone(&setup);
        Trial::test("layout", move || as_trial(layout(&setup)))
    }];
    for case in cases() {
        let setup = Arc::clone(&setup);
        trials.push(Trial::test(case_name(&case), move || {
            as_trial(check_case(&case, &setup))
        }));
    }
    libtest_mimic::run(&args, trials).exit();
}

fn as_trial(failures: Vec<String>) -> Result<(), Failed> {
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("\n\n").into())
    }
}

fn golden_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("golden")
}

/// Every rule, from `ctxmod rules` (a header line, then `CODE ID FIX
/// SUMMARY` per rule).
fn rules() -> Vec<Rule> {
    let out = ctxmod(Path::new(env!("CARGO_MANIFEST_DIR")), &["rules"]);
    assert!(out.status.success(), "ctxmod rules failed");
    let rules: Vec<Rule> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .skip(1)
        .map(|line| {
            let mut words = line.split_whitespace();
            let mut word = || words.next().expect("CODE ID FIX in `ctxmod rules`");
            Rule {
                code: word().to_string(),
                id: word().to_string(),
                display_only: word() == "display-only",
            }
        })
        .collect();
    assert!(!rules.is_empty(), "ctxmod rules lists no rule");
    rules
}

fn cases() -> Vec<PathBuf> {
    let mut cases = Vec::new();
    for rule in std::fs::read_dir(golden_root()).unwrap() {
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

/// Every check of one case; what failed, each naming the case.
fn check_case(case: &Path, setup: &Setup) -> Vec<String> {
    let name = case_name(case);
    let mut failures = Vec::new();
    if case.join("needs-gofmt").is_file() && !setup.have_go {
        eprintln!("{name}: gofmt is not on PATH, its fix and snapshot are not checked");
    } else {
        failures.extend(fix_checks(case, setup.update));
        failures.extend(snapshot_check(case, setup.update));
    }
    // After the fix checks, which may have rewritten `expected/`.
    failures.extend(case_files(case));
    if setup.have_go {
        failures.extend(toolchain_checks(case));
    }
    failures.extend(rules_alone(case, &setup.rules));
    failures.extend(suppression_check(case));
    failures
}

/// A `suppressed` case proves its `//ctxmod:ignore` comments keep its
/// rule quiet: without them, the rule reports something in its input.
fn suppression_check(case: &Path) -> Vec<String> {
    if case.file_name().is_none_or(|n| n != "suppressed") {
        return Vec::new();
    }
    let rule = case
        .parent()
        .and_then(Path::file_name)
        .unwrap()
        .to_string_lossy()
        .to_string();
    let tmp = tempfile::tempdir().unwrap();
    let work = tmp.path().join("m");
    copy_tree(&case.join("input"), &work);
    let mut stripped = 0;
    for (path, bytes) in read_tree(&work) {
        let Ok(text) = String::from_utf8(bytes) else {
            continue;
        };
        if !text.contains("//ctxmod:ignore") {
            continue;
        }
        let without: String = text
            .split_inclusive('\n')
            .map(|line| match line.find("//ctxmod:ignore") {
                Some(at) => {
                    stripped += 1;
                    let kept = line[..at].trim_end();
                    if kept.is_empty() {
                        String::new()
                    } else {
                        format!("{kept}\n")
                    }
                }
                None => line.to_string(),
            })
            .collect();
        std::fs::write(work.join(path), without).unwrap();
    }
    let name = case_name(case);
    if stripped == 0 {
        return vec![format!("{name}: no //ctxmod:ignore comment to prove")];
    }
    let found = findings_in(&work, &["--rule", &rule]);
    if found.get(&rule).is_none_or(Vec::is_empty) {
        return vec![format!(
            "{name}: {rule} reports nothing even without the //ctxmod:ignore comments, so they prove nothing"
        )];
    }
    Vec::new()
}

/// The exit code of a successful run: 0, or 1 when it skipped a file for
/// its syntax error (a deliberately broken file the rules had to read).
fn success_code(out: &std::process::Output) -> Option<i32> {
    let skipped = String::from_utf8_lossy(&out.stderr).contains("file skipped and not edited");
    Some(if skipped { 1 } else { 0 })
}

/// The tree the fix must turn `input/` into: `expected/`, or `input/`
/// itself when the case has no `expected/`.
fn fixed_tree(case: &Path) -> (PathBuf, &'static str) {
    let expected = case.join("expected");
    if expected.is_dir() {
        (expected, "expected/")
    } else {
        (case.join("input"), "input/ (the case has no expected/)")
    }
}

/// Runs `fix --write --unsafe` on a copy of the case's input and returns
/// the temporary directory holding the result in `m/`.
fn fix_copy(case: &Path) -> Result<tempfile::TempDir, String> {
    let tmp = tempfile::tempdir().unwrap();
    let work = tmp.path().join("m");
    copy_tree(&case.join("input"), &work);
    let out = ctxmod(&work, &["fix", "--write", "--unsafe", "."]);
    if out.status.code() != success_code(&out) {
        return Err(format!(
            "{}: fix --write exited {:?}\n{}",
            case_name(case),
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(tmp)
}

/// Fixes a copy of the input: it must match `expected/` (or the input),
/// a second fix must change nothing, the fixed tree must have no more
/// findings of any rule than the input, and a dry run on it must want
/// nothing. With `update`, `expected/` is first rewritten (or deleted
/// when the fix changes nothing).
fn fix_checks(case: &Path, update: bool) -> Vec<String> {
    let name = case_name(case);
    let tmp = match fix_copy(case) {
        Ok(tmp) => tmp,
        Err(failure) => return vec![failure],
    };
    let work = tmp.path().join("m");
    if update {
        let expected = case.join("expected");
        let _ = std::fs::remove_dir_all(&expected);
        if tree_difference(&work, &case.join("input")).is_some() {
            copy_tree(&work, &expected);
        }
    }
    let (want, what) = fixed_tree(case);
    if let Some(diff) = tree_difference(&work, &want) {
        return vec![format!("{name}: output differs from {what}\n{diff}")];
    }
    let mut failures = Vec::new();
    let again = ctxmod(&work, &["fix", "--write", "--unsafe", "."]);
    if again.status.code() != success_code(&again) {
        failures.push(format!("{name}: second fix --write failed"));
    }
    if let Some(diff) = tree_difference(&work, &want) {
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
    failures
}

/// What the snapshot of a case holds: for `check .` and the dry run `fix
/// --unsafe .` on a copy of its input, the command, its stdout, its stderr
/// (if any) and its exit code.
fn snapshot_of(case: &Path) -> Vec<u8> {
    let tmp = tempfile::tempdir().unwrap();
    let work = tmp.path().join("m");
    copy_tree(&case.join("input"), &work);
    let mut snapshot = Vec::new();
    for args in [&["check", "."][..], &["fix", "--unsafe", "."]] {
        if !snapshot.is_empty() {
            snapshot.push(b'\n');
        }
        let out = ctxmod(&work, args);
        snapshot.extend(format!("$ ctxmod {}\n", args.join(" ")).bytes());
        push_output(&mut snapshot, &out.stdout);
        if !out.stderr.is_empty() {
            snapshot.extend(b"[stderr]\n");
            push_output(&mut snapshot, &out.stderr);
        }
        let code = out
            .status
            .code()
            .map_or("killed by a signal".to_string(), |code| code.to_string());
        snapshot.extend(format!("[exit {code}]\n").bytes());
    }
    snapshot
}

/// Appends what a command printed, saying so when it did not end its last
/// line.
fn push_output(snapshot: &mut Vec<u8>, output: &[u8]) {
    snapshot.extend(output);
    if !output.is_empty() && !output.ends_with(b"\n") {
        snapshot.extend(b"\n[no newline at end]\n");
    }
}

/// Compares the case's `snapshot` with what the commands print now. On a
/// difference the new one is written to `snapshot.new` for review; with
/// `update` it replaces `snapshot`. A matching snapshot clears a stale
/// `snapshot.new`.
fn snapshot_check(case: &Path, update: bool) -> Vec<String> {
    let name = case_name(case);
    let file = case.join("snapshot");
    let pending = case.join("snapshot.new");
    let got = snapshot_of(case);
    if update {
        std::fs::write(&file, &got).unwrap();
    }
    let want = std::fs::read(&file).ok();
    if want.as_deref() == Some(&got[..]) {
        let _ = std::fs::remove_file(&pending);
        return Vec::new();
    }
    std::fs::write(&pending, &got).unwrap();
    let how = "review it with `scripts/review-golden.sh`, or take every new snapshot \
               with `UPDATE_GOLDEN=1 cargo test --test golden`";
    let failure = match want {
        None => format!(
            "{name}: no snapshot: wrote golden/{name}/snapshot.new ({how}):\n{}",
            String::from_utf8_lossy(&got)
        ),
        Some(want) => format!(
            "{name}: the snapshot differs: wrote golden/{name}/snapshot.new ({how}):\n{}",
            similar::TextDiff::from_lines(
                &String::from_utf8_lossy(&want).to_string(),
                &String::from_utf8_lossy(&got).to_string()
            )
            .unified_diff()
            .header("snapshot", "snapshot.new")
        ),
    };
    vec![failure]
}

/// The case's own files: a README whose first line is a sentence, nothing
/// the harness does not read, reasons in `vet-fails` and `needs-gofmt`,
/// and no `expected/` that repeats `input/`.
fn case_files(case: &Path) -> Vec<String> {
    let name = case_name(case);
    let mut failures = Vec::new();
    match std::fs::read_to_string(case.join("README")) {
        Err(_) => failures.push(format!(
            "{name}: no README: its first line says what the case is for"
        )),
        Ok(text) => {
            let first = text.lines().next().unwrap_or_default();
            if first.trim().is_empty() || first.trim() != first || !first.ends_with('.') {
                failures.push(format!(
                    "{name}: the first line of README must be a sentence saying what the case is for, ending with a full stop"
                ));
            }
        }
    }
    for entry in std::fs::read_dir(case).unwrap() {
        let entry = entry.unwrap();
        let file = entry.file_name().to_string_lossy().to_string();
        let known = if entry.file_type().unwrap().is_dir() {
            file == "input" || file == "expected"
        } else {
            CASE_FILES.contains(&file.as_str())
        };
        if !known {
            failures.push(format!(
                "{name}: unexpected {file}: a case holds input/, expected/ and the files {}",
                CASE_FILES.join(", ")
            ));
        }
    }
    for note in ["vet-fails", "needs-gofmt"] {
        let path = case.join(note);
        if path.is_file() && std::fs::read_to_string(&path).unwrap().trim().is_empty() {
            failures.push(format!("{name}: {note} must say why"));
        }
    }
    let expected = case.join("expected");
    if expected.is_dir() && read_tree(&expected) == read_tree(&case.join("input")) {
        failures.push(format!(
            "{name}: expected/ is the same as input/: delete it (a case without expected/ must not change)"
        ));
    }
    failures
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
    for (rel, bytes) in read_tree(dir) {
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

/// The fixed tree (`expected/`, or `input/` when there is none) must be
/// gofmt-clean, build and pass `go vet` (or fail it, as `vet-fails`
/// says); `input/` must build.
fn toolchain_checks(case: &Path) -> Vec<String> {
    let name = case_name(case);
    let mut failures = Vec::new();
    let (fixed, what) = fixed_tree(case);
    let fmt_dir = tempfile::tempdir().unwrap();
    gofmt_inputs(&fixed, fmt_dir.path());
    let out = std::process::Command::new("gofmt")
        .arg("-l")
        .arg(".")
        .current_dir(fmt_dir.path())
        .output()
        .unwrap();
    if !out.status.success() || !out.stdout.is_empty() {
        failures.push(format!(
            "{name}: gofmt -l on {what} lists {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    // The toolchain runs on copies, so nothing it writes lands in golden/.
    let scratch = tempfile::tempdir().unwrap();
    let input = scratch.path().join("input");
    copy_tree(&case.join("input"), &input);
    let build = ["build", "-o", "/dev/null", "./..."];
    let input_builds = go(&input, &build);
    if let Err(e) = &input_builds {
        failures.push(format!("{name}: input/ does not build:\n{e}"));
    }
    let output = if case.join("expected").is_dir() {
        let output = scratch.path().join("expected");
        copy_tree(&fixed, &output);
        if let Err(e) = go(&output, &build) {
            failures.push(format!("{name}: expected/ does not build:\n{e}"));
            return failures;
        }
        output
    } else if input_builds.is_ok() {
        input
    } else {
        return failures;
    };
    let vet = go(&output, &["vet", "./..."]);
    let vet_may_fail = case.join("vet-fails").is_file();
    match (vet, vet_may_fail) {
        (Err(e), false) => failures.push(format!("{name}: go vet fails on {what}:\n{e}")),
        (Ok(()), true) => failures.push(format!(
            "{name}: go vet passes, so the vet-fails note is stale"
        )),
        _ => {}
    }
    failures
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
fn rules_alone(case: &Path, rules: &[Rule]) -> Vec<String> {
    let input = case.join("input");
    // Every rule named, so that a case's `ctxmod.toml` choosing some
    // rules does not decide what runs.
    let every: Vec<&str> = rules
        .iter()
        .flat_map(|rule| ["--rule", rule.id.as_str()])
        .collect();
    let together = findings_in(&input, &every);
    rules
        .iter()
        .filter_map(|rule| {
            let id = rule.id.as_str();
            let alone = findings_in(&input, &["--rule", id]).remove(id);
            let among = together.get(id).cloned();
            (alone != among).then(|| {
                format!(
                    "{}: {id} alone finds\n{:#?}\nbut among all the rules\n{:#?}",
                    case_name(case),
                    alone.unwrap_or_default(),
                    among.unwrap_or_default()
                )
            })
        })
        .collect()
}

/// `golden/` holds a directory per rule and nothing else (but its
/// `.gitignore`), a rule's directory holds only cases, and every rule has
/// a `no-op` and a `suppressed` case and one that changes code, or, for a
/// display-only rule, one whose snapshot shows its finding.
fn layout(setup: &Setup) -> Vec<String> {
    let root = golden_root();
    let mut failures = Vec::new();
    for entry in std::fs::read_dir(&root).unwrap() {
        let entry = entry.unwrap();
        let file = entry.file_name().to_string_lossy().to_string();
        let is_rule =
            entry.file_type().unwrap().is_dir() && setup.rules.iter().any(|rule| rule.id == file);
        if !is_rule && file != ".gitignore" {
            failures.push(format!(
                "golden/{file}: not the directory of a rule `ctxmod rules` lists"
            ));
        }
    }
    for rule in &setup.rules {
        let id = &rule.id;
        let Ok(entries) = std::fs::read_dir(root.join(id)) else {
            failures.push(format!("{id} has no golden cases"));
            continue;
        };
        let mut cases = Vec::new();
        for entry in entries {
            let case = entry.unwrap().path();
            if case.join("input").is_dir() {
                cases.push(case);
            } else {
                failures.push(format!(
                    "golden/{id}/{}: not a case (a case has input/)",
                    case.file_name().unwrap().to_string_lossy()
                ));
            }
        }
        for case in ["no-op", "suppressed"] {
            if !root.join(id).join(case).join("input").is_dir() {
                failures.push(format!("{id} has no golden {case} case"));
            }
        }
        if rule.display_only {
            // Its findings are its output: a case pins what they say.
            let shown = format!(" {} {id}: ", rule.code);
            let shows = cases.iter().any(|case| {
                std::fs::read_to_string(case.join("snapshot"))
                    .is_ok_and(|snapshot| snapshot.contains(&shown))
            });
            if !shows {
                failures.push(format!(
                    "{id} has no golden case whose snapshot shows its finding"
                ));
            }
        } else if !cases.iter().any(|case| case.join("expected").is_dir()) {
            failures.push(format!("{id} has no golden case that changes code"));
        }
    }
    failures
}
