//! The command line end to end: every test writes a tiny Go tree into a
//! temporary directory, runs the built `ctxmod` binary there (never on a
//! terminal) and checks its exit code, stdout, stderr and the files left on
//! disk. Most use the lost-cancel rule (CTX005), whose fixes are simple;
//! each rule's own behaviour is in its golden cases.

mod support;

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use support::{copy_tree, read_tree};

// ---------------------------------------------------------------------------
// Go sources

/// A Go file of package `app` holding one function per name, each of which
/// discards the cancel function of `context.WithCancel` on its line 2 (file
/// lines 6, 11, 16, …, column 7).
fn leaky(names: &[&str]) -> String {
    go_file(names, "\tctx, _ := context.WithCancel(parent)\n")
}

/// What `ctxmod fix --write` makes of [`leaky`] with the same names.
fn fixed(names: &[&str]) -> String {
    go_file(
        names,
        "\tctx, cancel := context.WithCancel(parent)\n\tdefer cancel()\n",
    )
}

/// A file of package `app` importing `context`, with one function per name
/// whose body is `declaration` then `return ctx.Err()`.
fn go_file(names: &[&str], declaration: &str) -> String {
    let mut text = String::from("package app\n\nimport \"context\"\n");
    for name in names {
        text.push_str(&format!(
            "\nfunc {name}(parent context.Context) error {{\n{declaration}\treturn ctx.Err()\n}}\n"
        ));
    }
    text
}

/// A file with a lost cancel that cannot be fixed because the context is
/// returned: a display-only finding at 6:7.
const ESCAPING: &str = "package app

import \"context\"

func Open(parent context.Context) context.Context {
\tctx, _ := context.WithCancel(parent)
\treturn ctx
}
";

/// A file that uses `context` correctly: nothing to report.
const CLEAN: &str = "package app

import \"context\"

func Load(parent context.Context) error {
\tctx, cancel := context.WithCancel(parent)
\tdefer cancel()
\treturn ctx.Err()
}
";

/// A lost cancel in a file that does not parse: the first error is on line 7.
const BROKEN: &str = "package app

import \"context\"

func Broken(parent context.Context) error {
\tctx, _ := context.WithCancel(parent)
\treturn ctx.Err(
}
";

/// Bytes that are not UTF-8, as in a binary file that happens to end in `.go`.
const BINARY: &[u8] = b"\x7fELF\x02\x01\x01\x00\xff\xfe\x00\x00context\x00\x80\x81";

/// `text` with every line ending turned into CRLF.
fn crlf(text: &str) -> String {
    text.replace('\n', "\r\n")
}

/// `text` without its final newline.
fn no_final_newline(text: &str) -> String {
    text.strip_suffix('\n').unwrap_or(text).to_string()
}

// ---------------------------------------------------------------------------
// Running the binary

/// One finished run of the binary.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Run {
    /// The lines written on stderr.
    fn stderr_lines(&self) -> Vec<&str> {
        self.stderr.lines().collect()
    }

    /// Fails unless the run exited with `code`; shows what it printed.
    fn assert_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code,
            Some(code),
            "exit code\n--- stdout\n{}--- stderr\n{}",
            self.stdout,
            self.stderr
        );
        assert!(!self.stderr.contains("panicked"), "{}", self.stderr);
        self
    }

    /// Fails unless the run exited 2 with exactly one line on stderr that
    /// contains every one of `needles`.
    fn assert_one_line_error(&self, needles: &[&str]) -> &Self {
        self.assert_code(2);
        let lines = self.stderr_lines();
        assert_eq!(lines.len(), 1, "one line on stderr:\n{}", self.stderr);
        for needle in needles {
            assert!(lines[0].contains(needle), "{needle:?} in {:?}", lines[0]);
        }
        self
    }

    /// The findings of a `check --format json` run.
    fn findings(&self) -> Vec<Value> {
        let report: Value = serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout));
        assert_eq!(report["version"], 1, "{}", self.stdout);
        match &report["findings"] {
            Value::Array(items) => items.clone(),
            other => panic!("no findings array ({other:?}):\n{}", self.stdout),
        }
    }

    /// The `file` of every finding of a `check --format json` run.
    fn finding_files(&self) -> BTreeSet<String> {
        self.findings()
            .iter()
            .map(|f| f["file"].as_str().expect("file is a string").to_string())
            .collect()
    }

    /// The files named in the `+++ b/…` headers of a `fix` dry run.
    fn diff_files(&self) -> Vec<String> {
        self.stdout
            .lines()
            .filter_map(|l| l.strip_prefix("+++ b/"))
            .map(str::to_string)
            .collect()
    }
}

impl From<std::process::Output> for Run {
    fn from(out: std::process::Output) -> Run {
        Run {
            code: out.status.code(),
            stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
        }
    }
}

/// A `ctxmod.toml` that has exported functions change like the others:
/// the test modules have no `main` package, where `--exported auto` (the
/// default) would keep their signatures.
const THREAD_EXPORTED: &str = "[thread-ctx]\nexported = \"thread\"\n";

/// A Go tree in a temporary directory.
struct Project {
    _tmp: tempfile::TempDir,
    root: PathBuf,
}

impl Project {
    /// An empty project (its root canonical, so that paths ctxmod prints
    /// compare with the ones the test builds).
    fn new() -> Project {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().canonicalize().unwrap();
        Project { _tmp: tmp, root }
    }

    /// A project holding `files` (relative path, contents).
    fn with(files: &[(&str, &str)]) -> Project {
        let p = Project::new();
        for (rel, text) in files {
            p.write(rel, text);
        }
        p
    }

    /// The absolute path of `rel`.
    fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// Writes `contents` to `rel`, creating directories.
    fn write(&self, rel: &str, contents: impl AsRef<[u8]>) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }

    /// The text of `rel`.
    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap()
    }

    /// Every file of the project with its bytes.
    fn tree(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        read_tree(&self.root)
    }

    /// Runs `ctxmod args` at the project's root.
    fn run(&self, args: &[&str]) -> Run {
        self.run_in(".", args)
    }

    /// Runs `ctxmod args` in the project's subdirectory `dir`.
    fn run_in(&self, dir: &str, args: &[&str]) -> Run {
        support::ctxmod(&self.path(dir), args).into()
    }

    /// Runs `ctxmod args` and fails if it changed any file.
    fn run_read_only(&self, args: &[&str]) -> Run {
        let before = self.tree();
        let run = self.run(args);
        assert!(self.tree() == before, "`ctxmod {args:?}` changed files");
        run
    }

    /// A copy of the project in a new temporary directory.
    fn copy(&self) -> Project {
        let p = Project::new();
        copy_tree(&self.root, &p.root);
        p
    }
}

/// True when `git` is on PATH.
fn have_git() -> bool {
    Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Applies `patch` with `git apply` in `dir` (treated as outside any
/// repository, the way `ctxmod fix | git apply` runs in a plain checkout).
fn git_apply(dir: &Path, patch: &str) {
    use std::io::Write;
    let mut child = Command::new("git")
        .arg("apply")
        .current_dir(dir)
        .env("GIT_CEILING_DIRECTORIES", dir.parent().unwrap())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(patch.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "git apply failed:\n{}\n--- patch\n{patch}",
        String::from_utf8_lossy(&out.stderr)
    );
}

// ---------------------------------------------------------------------------
// check

#[test]
fn check_text_groups_findings_by_file_with_a_fix_hint() {
    let p = Project::with(&[
        ("a.go", &leaky(&["One", "Two"])),
        ("sub/b.go", ESCAPING),
        ("sub/clean.go", CLEAN),
    ]);
    let run = p.run_read_only(&["check"]);
    run.assert_code(1);
    assert_eq!(run.stderr, "");
    let lines: Vec<&str> = run.stdout.lines().collect();
    let finding =
        "CTX005 lost-cancel: the cancel function returned by context.WithCancel is discarded";
    assert!(
        lines[0].starts_with(&format!("a.go:6:7: {finding}")),
        "{}",
        run.stdout
    );
    assert_eq!(
        lines[1],
        "    fix (safe): name it `cancel` and `defer cancel()` on the next line"
    );
    assert!(
        lines[2].starts_with(&format!("a.go:11:7: {finding}")),
        "{}",
        run.stdout
    );
    assert!(lines[3].starts_with("    fix (safe): "), "{}", run.stdout);
    assert_eq!(lines[4], "", "a blank line between files");
    assert!(
        lines[5].starts_with(&format!("sub/b.go:6:7: {finding}")),
        "{}",
        run.stdout
    );
    assert!(
        lines[5].contains("not fixed: the context escapes"),
        "{}",
        lines[5]
    );
    assert_eq!(lines[6], "    no automatic fix");
    assert_eq!(lines[7], "");
    assert!(
        lines[8].starts_with("3 findings in 2 files: 2 fixable"),
        "{}",
        lines[8]
    );
    assert_eq!(lines.len(), 9, "{}", run.stdout);
}

#[test]
fn check_json_reports_every_field() {
    let p = Project::with(&[("a.go", &leaky(&["Load"])), ("sub/b.go", ESCAPING)]);
    let run = p.run_read_only(&["check", "--format", "json"]);
    run.assert_code(1);
    let findings = run.findings();
    assert_eq!(findings.len(), 2, "{}", run.stdout);

    let safe = &findings[0];
    assert_eq!(safe["code"], "CTX005");
    assert_eq!(safe["id"], "lost-cancel");
    assert_eq!(safe["file"], "a.go");
    assert_eq!(
        (
            &safe["line"],
            &safe["column"],
            &safe["end_line"],
            &safe["end_column"]
        ),
        (
            &Value::from(6),
            &Value::from(7),
            &Value::from(6),
            &Value::from(8)
        )
    );
    assert!(safe["message"].as_str().unwrap().contains("discarded"));
    assert_eq!(safe["applicability"], "safe");
    let fix = &safe["fix"];
    assert_eq!(fix["applicability"], "safe");
    let edits = fix["edits"].as_array().expect("fix.edits is an array");
    assert_eq!(edits.len(), 2, "{fix}");
    assert_eq!(edits[0]["content"], "cancel");
    assert_eq!(
        (&edits[0]["line"], &edits[0]["column"]),
        (&6.into(), &7.into())
    );
    assert_eq!(edits[1]["content"], "\tdefer cancel()\n");
    assert_eq!(
        (&edits[1]["line"], &edits[1]["column"]),
        (&7.into(), &1.into())
    );

    let display_only = &findings[1];
    assert_eq!(display_only["file"], "sub/b.go");
    assert_eq!(
        (&display_only["line"], &display_only["column"]),
        (&6.into(), &7.into())
    );
    assert_eq!(display_only["applicability"], "display-only");
    assert!(display_only["fix"].is_null(), "{display_only}");
}

#[test]
fn check_exits_0_with_no_findings() {
    let p = Project::with(&[("clean.go", CLEAN), ("notes.go", "package app\n")]);
    let text = p.run_read_only(&["check"]);
    text.assert_code(0);
    assert_eq!((text.stdout.as_str(), text.stderr.as_str()), ("", ""));
    let json = p.run_read_only(&["check", "--format", "json"]);
    json.assert_code(0);
    assert!(json.findings().is_empty());
}

// ---------------------------------------------------------------------------
// fix

#[test]
fn fix_dry_run_prints_a_plain_unified_diff_and_writes_nothing() {
    let p = Project::with(&[("a.go", &leaky(&["Load"])), ("clean.go", CLEAN)]);
    let run = p.run_read_only(&["fix"]);
    run.assert_code(1);
    assert_eq!(run.stderr, "");
    assert!(!run.stdout.contains('\x1b'), "no colour without a terminal");
    assert_eq!(
        run.stdout,
        "--- a/a.go\n+++ b/a.go\n@@ -3,6 +3,7 @@\n import \"context\"\n \n \
         func Load(parent context.Context) error {\n\
         -\tctx, _ := context.WithCancel(parent)\n\
         +\tctx, cancel := context.WithCancel(parent)\n\
         +\tdefer cancel()\n \treturn ctx.Err()\n }\n"
    );
}

#[test]
fn fix_dry_run_exits_0_when_nothing_would_change() {
    // A display-only finding is reported by `check` but never fixed.
    let p = Project::with(&[("clean.go", CLEAN), ("escaping.go", ESCAPING)]);
    for args in [&["fix"][..], &["fix", "--unsafe"]] {
        let run = p.run_read_only(args);
        run.assert_code(0);
        assert_eq!((run.stdout.as_str(), run.stderr.as_str()), ("", ""));
    }
    p.run_read_only(&["check"]).assert_code(1);
}

#[test]
fn fix_write_applies_in_place_and_exits_0() {
    let p = Project::with(&[
        ("a.go", &leaky(&["Load", "Save"])),
        ("sub/b.go", &leaky(&["Get"])),
        ("escaping.go", ESCAPING),
        ("clean.go", CLEAN),
    ]);
    let run = p.run(&["fix", "--write"]);
    run.assert_code(0);
    assert!(!run.stdout.contains("---"), "--write prints no diff");
    assert!(
        run.stdout
            .starts_with("Applied 3 fixes to 2 files; 1 finding left"),
        "{}",
        run.stdout
    );
    assert_eq!(p.read("a.go"), fixed(&["Load", "Save"]));
    assert_eq!(p.read("sub/b.go"), fixed(&["Get"]));
    assert_eq!(p.read("escaping.go"), ESCAPING);
    assert_eq!(p.read("clean.go"), CLEAN);
    let again = p.run_read_only(&["fix"]);
    again.assert_code(0);
    assert_eq!(again.stdout, "");
}

#[test]
fn fix_unsafe_is_accepted_and_never_applies_display_only_findings() {
    // No rule has unsafe fixes yet: --unsafe must give the same result as the
    // safe run, and the display-only finding stays.
    let p = Project::with(&[("a.go", &leaky(&["Load"])), ("escaping.go", ESCAPING)]);
    let safe = p.run_read_only(&["fix"]);
    let with_unsafe = p.run_read_only(&["fix", "--unsafe"]);
    with_unsafe.assert_code(1);
    assert_eq!(with_unsafe.stdout, safe.stdout);
    p.run(&["fix", "--unsafe", "--write"]).assert_code(0);
    assert_eq!(p.read("a.go"), fixed(&["Load"]));
    assert_eq!(p.read("escaping.go"), ESCAPING);
}

#[test]
fn fix_diff_applies_with_git_apply_like_write() {
    if !have_git() {
        eprintln!("git is not on PATH: skipping the `git apply` check");
        return;
    }
    let p = Project::with(&[
        ("a.go", &leaky(&["One", "Two"])),
        ("sub/b.go", &leaky(&["Get"])),
        ("sub/crlf.go", &crlf(&leaky(&["Windows"]))),
        ("nonl.go", &no_final_newline(&leaky(&["Last"]))),
        ("escaping.go", ESCAPING),
        ("clean.go", CLEAN),
    ]);
    let written = p.copy();
    written.run(&["fix", "--write"]).assert_code(0);

    // From the root: every changed file once, paths relative to the root.
    let dry = p.run_read_only(&["fix", "./..."]);
    dry.assert_code(1);
    assert_eq!(
        dry.diff_files(),
        ["a.go", "nonl.go", "sub/b.go", "sub/crlf.go"]
    );
    let applied = p.copy();
    git_apply(&applied.root, &dry.stdout);
    assert!(
        applied.tree() == written.tree(),
        "git apply of the dry run differs from --write"
    );

    // From a subdirectory: paths relative to it.
    let dry = p.run_in("sub", &["fix"]);
    dry.assert_code(1);
    assert_eq!(dry.diff_files(), ["b.go", "crlf.go"]);
    let applied = p.copy();
    git_apply(&applied.path("sub"), &dry.stdout);
    assert!(applied.tree() != p.tree());
    assert_eq!(applied.read("sub/b.go"), written.read("sub/b.go"));
    assert_eq!(applied.read("sub/crlf.go"), written.read("sub/crlf.go"));
    assert_eq!(applied.read("a.go"), p.read("a.go"));
}

#[test]
fn crlf_file_stays_crlf_and_its_diff_shows_only_the_changed_lines() {
    let p = Project::with(&[("win.go", &crlf(&leaky(&["Load"])))]);
    let dry = p.run_read_only(&["fix"]);
    dry.assert_code(1);
    // `split('\n')`, not `lines()`, which would hide the `\r`s.
    let changed: Vec<&str> = dry
        .stdout
        .split('\n')
        .filter(|l| l.starts_with(['-', '+']) && !l.starts_with("---") && !l.starts_with("+++"))
        .collect();
    assert_eq!(
        changed,
        [
            "-\tctx, _ := context.WithCancel(parent)\r",
            "+\tctx, cancel := context.WithCancel(parent)\r",
            "+\tdefer cancel()\r",
        ],
        "{}",
        dry.stdout
    );
    p.run(&["fix", "--write"]).assert_code(0);
    assert_eq!(p.read("win.go"), crlf(&fixed(&["Load"])));
}

// ---------------------------------------------------------------------------
// Rule selection, rules, explain

#[test]
fn rule_flag_restricts_rules_by_id_or_code() {
    let p = Project::with(&[("a.go", &leaky(&["Load"]))]);
    for placeholder in [
        &["--rule", "CTX001"][..],
        &["--rule", "background-in-scope"],
    ] {
        let check = p.run_read_only(&[&["check"], placeholder].concat());
        check.assert_code(0);
        assert_eq!(check.stdout, "");
        let fix = p.run_read_only(&[&["fix"], placeholder].concat());
        fix.assert_code(0);
        assert_eq!(fix.stdout, "");
    }
    for chosen in [
        &["--rule", "lost-cancel"][..],
        &["--rule", "CTX005"],
        &["--rule", "ctx005"],
        &["--rule", "CTX001", "--rule", "lost-cancel"],
        // Named twice, it still runs once.
        &["--rule", "lost-cancel", "--rule", "CTX005"],
    ] {
        let check = p.run_read_only(&[&["check", "--format", "json"], chosen].concat());
        check.assert_code(1);
        assert_eq!(check.findings().len(), 1, "{chosen:?}");
        let fix = p.run_read_only(&[&["fix"], chosen].concat());
        fix.assert_code(1);
        assert_eq!(fix.diff_files(), ["a.go"], "{chosen:?}");
    }
}

#[test]
fn rules_prints_a_table_of_every_rule() {
    let run = Project::new().run(&["rules"]);
    run.assert_code(0);
    let rows: Vec<Vec<&str>> = run
        .stdout
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(rows[0], ["CODE", "ID", "FIX", "SUMMARY"]);
    let lost_cancel = rows
        .iter()
        .find(|r| r[0] == "CTX005")
        .expect("a CTX005 row");
    assert_eq!(lost_cancel[1..3], ["lost-cancel", "safe"]);
    assert!(lost_cancel.len() > 3, "a summary");
    for row in &rows[1..] {
        assert!(
            ["safe", "unsafe", "display-only"].contains(&row[2]),
            "{row:?}"
        );
        assert!(row.len() > 3, "{row:?} has a summary");
    }
    for code in ["CTX001", "CTX006", "CTX007", "CTX008", "CTX009", "CTX010"] {
        assert!(rows.iter().any(|r| r[0] == code), "{code} listed");
    }
}

#[test]
fn explain_prints_a_rules_documentation() {
    let p = Project::new();
    let by_id = p.run(&["explain", "lost-cancel"]);
    by_id.assert_code(0);
    assert!(
        by_id.stdout.starts_with("CTX005 lost-cancel (fix: safe)"),
        "{}",
        by_id.stdout
    );
    for section in [
        "## What it does",
        "## Why",
        "## Example",
        "## Fix safety",
        "## Limitations",
    ] {
        assert!(
            by_id.stdout.contains(section),
            "{section} in\n{}",
            by_id.stdout
        );
    }
    assert!(
        !by_id.stdout.contains("//!"),
        "the doc comment markers are stripped"
    );
    let by_code = p.run(&["explain", "ctx005"]);
    by_code.assert_code(0);
    assert_eq!(by_code.stdout, by_id.stdout);
}

#[test]
fn explain_unknown_rule_is_a_one_line_error() {
    let run = Project::new().run(&["explain", "nope"]);
    run.assert_one_line_error(&["nope"]);
    assert_eq!(run.stdout, "");
}

// ---------------------------------------------------------------------------
// Paths

#[test]
fn paths_may_be_files_directories_or_ellipses_and_default_to_dot() {
    let p = Project::with(&[
        ("a.go", &leaky(&["A"])),
        ("sub/b.go", &leaky(&["B"])),
        ("sub/deep/c.go", &leaky(&["C"])),
    ]);
    let all = ["a.go", "sub/b.go", "sub/deep/c.go"];
    let sub = ["sub/b.go", "sub/deep/c.go"];
    let abs_sub = p.path("sub").display().to_string();
    let abs_c = p.path("sub/deep/c.go").display().to_string();
    let cases: &[(&[&str], &[&str])] = &[
        (&[], &all),
        (&["."], &all),
        (&["./..."], &all),
        (&["..."], &all),
        (&["sub"], &sub),
        (&["sub/"], &sub),
        (&["sub/..."], &sub),
        (&["./sub/..."], &sub),
        (&[&abs_sub], &sub),
        (&["sub/b.go"], &["sub/b.go"]),
        (&[&abs_c], &["sub/deep/c.go"]),
        (&["a.go", "sub/deep"], &["a.go", "sub/deep/c.go"]),
    ];
    for (paths, want) in cases {
        let check = p.run_read_only(&[&["check", "--format", "json"], *paths].concat());
        check.assert_code(1);
        let want: BTreeSet<String> = want.iter().map(|s| s.to_string()).collect();
        assert_eq!(check.finding_files(), want, "check {paths:?}");
        let fix = p.run_read_only(&[&["fix"], *paths].concat());
        let got: BTreeSet<String> = fix.diff_files().into_iter().collect();
        assert_eq!(got, want, "fix {paths:?}");
    }
    let inside = p.run_in("sub", &["check", "--format", "json"]);
    let want: BTreeSet<String> = ["b.go", "deep/c.go"].map(String::from).into();
    assert_eq!(
        inside.finding_files(),
        want,
        "relative to the current directory"
    );
}

#[test]
fn overlapping_paths_report_and_fix_each_file_once() {
    let p = Project::with(&[("a.go", &leaky(&["A"])), ("sub/b.go", &leaky(&["B"]))]);
    let abs_a = p.path("a.go").display().to_string();
    let args = [
        "check", "--format", "json", ".", "sub", "a.go", "./a.go", &abs_a,
    ];
    let check = p.run_read_only(&args);
    check.assert_code(1);
    assert_eq!(check.findings().len(), 2, "{}", check.stdout);
    let dry = p.run_read_only(&["fix", "./...", "sub/...", "sub/b.go"]);
    assert_eq!(dry.diff_files(), ["a.go", "sub/b.go"]);
    let write = p.run(&["fix", "--write", ".", "sub", "./sub/b.go"]);
    write.assert_code(0);
    assert_eq!(write.stderr, "");
    assert_eq!(p.read("sub/b.go"), fixed(&["B"]));
}

// ---------------------------------------------------------------------------
// The walk

#[test]
fn walk_skips_what_go_and_gitignore_skip() {
    let leak = leaky(&["Leak"]);
    let generated = format!("// Code generated by ctxgen. DO NOT EDIT.\n\n{leak}");
    let late_marker = format!("{leak}\n// Code generated by ctxgen. DO NOT EDIT.\n");
    let p = Project::with(&[
        ("a.go", &leak),
        ("sub/b.go", &leak),
        ("late.go", &late_marker),
        ("gen.go", &generated),
        ("sub/gen_test.go", &generated),
        ("vendor/v/v.go", &leak),
        ("sub/vendor/v/v.go", &leak),
        ("testdata/t.go", &leak),
        ("sub/testdata/t.go", &leak),
        ("_tmp/u.go", &leak),
        (".hidden/h.go", &leak),
        ("sub/.cache/h.go", &leak),
        ("_skipped.go", &leak),
        (".gitignore", "ignored/\n*_ignored.go\n"),
        ("ignored/i.go", &leak),
        ("sub/ignored/i.go", &leak),
        ("sub/x_ignored.go", &leak),
        ("sub/.gitignore", "local.go\n"),
        ("sub/local.go", &leak),
    ]);
    assert!(!p.path(".git").exists(), "not a git repository");
    let want: BTreeSet<String> = ["a.go", "late.go", "sub/b.go"].map(String::from).into();
    let check = p.run_read_only(&["check", "--format", "json"]);
    check.assert_code(1);
    assert_eq!(check.finding_files(), want);
    // A parent's .gitignore counts when only a subdirectory is walked.
    let sub = p.run_read_only(&["check", "--format", "json", "sub/..."]);
    assert_eq!(
        sub.finding_files(),
        BTreeSet::from(["sub/b.go".to_string()])
    );

    let before = p.tree();
    p.run(&["fix", "--write"]).assert_code(0);
    let after = p.tree();
    let changed: BTreeSet<String> = after
        .iter()
        .filter(|(path, bytes)| before.get(*path) != Some(bytes))
        .map(|(path, _)| path.display().to_string())
        .collect();
    assert_eq!(changed, want, "only walked, hand-written files are edited");
}

#[test]
fn syntax_error_file_is_warned_about_once_and_never_edited() {
    let p = Project::with(&[("broken.go", BROKEN), ("good.go", &leaky(&["Good"]))]);
    let check = p.run_read_only(&["check"]);
    check.assert_code(1);
    assert_eq!(
        check.stderr_lines(),
        ["warning: broken.go:7: syntax error; file skipped and not edited"]
    );
    assert!(
        check.stdout.starts_with("good.go:6:7: CTX005"),
        "{}",
        check.stdout
    );
    assert!(!check.stdout.contains("broken.go"));

    assert!(check
        .stdout
        .ends_with("\n1 file was not checked: syntax errors (see the warnings on stderr).\n"));
    let alone = p.run_read_only(&["check", "broken.go"]);
    alone.assert_code(1);
    assert_eq!(
        alone.stdout, "1 file was not checked: syntax errors (see the warnings on stderr).\n",
        "a run that skipped its only file is not clean"
    );

    let dry = p.run_read_only(&["fix"]);
    dry.assert_code(1);
    assert_eq!(dry.diff_files(), ["good.go"]);
    assert_eq!(dry.stderr_lines().len(), 2, "{}", dry.stderr);

    let write = p.run(&["fix", "--write"]);
    write.assert_code(1);
    assert_eq!(
        write.stderr_lines()[1],
        "1 file was not checked: syntax errors (see the warnings on stderr)."
    );
    assert!(write.stderr.contains("broken.go:7:"), "{}", write.stderr);
    assert_eq!(p.read("broken.go"), BROKEN);
    assert_eq!(p.read("good.go"), fixed(&["Good"]));
}

#[test]
fn deep_nesting_skips_the_file_with_one_warning() {
    // 5000 nested blocks once overflowed the stack (exit 134) after 40 s.
    let depth = 5000;
    let deep = format!(
        "package p\n\nimport \"context\"\n\nfunc use(ctx context.Context) {{}}\n\nfunc f(ctx context.Context) {{\n{}\tuse(context.Background())\n{}}}\n",
        "\tif true {\n".repeat(depth),
        "\t}\n".repeat(depth)
    );
    let p = Project::with(&[("deep.go", &deep), ("good.go", &leaky(&["Good"]))]);
    for args in [&["check"][..], &["fix", "--unsafe", "--write"]] {
        let run = p.run(args);
        run.assert_code(1);
        let warnings: Vec<&str> = run
            .stderr_lines()
            .into_iter()
            .filter(|l| l.starts_with("warning:"))
            .collect();
        assert_eq!(
            warnings,
            ["warning: deep.go:340: nested more than 1000 syntax levels deep; file skipped and not edited"],
            "{args:?}"
        );
    }
    assert_eq!(p.read("deep.go"), deep);
    assert_eq!(p.read("good.go"), fixed(&["Good"]));
}

#[test]
fn binary_go_file_in_a_walk_is_one_error_line_and_the_run_goes_on() {
    let p = Project::with(&[("good.go", &leaky(&["Good"]))]);
    p.write("x.go", BINARY);
    let check = p.run_read_only(&["check"]);
    check.assert_one_line_error(&["x.go", "UTF-8"]);
    assert!(check.stderr.starts_with("error: "), "{}", check.stderr);
    assert!(
        check.stdout.starts_with("good.go:6:7: CTX005"),
        "{}",
        check.stdout
    );
    let json = p.run_read_only(&["check", "--format", "json"]);
    json.assert_one_line_error(&["x.go"]);
    assert_eq!(
        json.finding_files(),
        BTreeSet::from(["good.go".to_string()])
    );

    let write = p.run(&["fix", "--write"]);
    write.assert_one_line_error(&["x.go"]);
    assert_eq!(p.read("good.go"), fixed(&["Good"]));
    assert_eq!(std::fs::read(p.path("x.go")).unwrap(), BINARY);
}

#[test]
fn unreadable_go_file_is_one_error_line_and_the_run_goes_on() {
    use std::os::unix::fs::PermissionsExt;
    let p = Project::with(&[
        ("good.go", &leaky(&["Good"])),
        ("locked.go", &leaky(&["L"])),
    ]);
    let locked = p.path("locked.go");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let readable_anyway = std::fs::read(&locked).is_ok();

    let check = p.run(&["check", "--format", "json"]);
    let write = p.run(&["fix", "--write"]);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644)).unwrap();

    assert!(!check.stderr.contains("panicked") && !write.stderr.contains("panicked"));
    assert!(check.finding_files().contains("good.go"));
    assert_eq!(p.read("good.go"), fixed(&["Good"]));
    if readable_anyway {
        eprintln!("running as root: chmod 000 does not stop reading; skipping the error checks");
        return;
    }
    check.assert_one_line_error(&["locked.go"]);
    write.assert_one_line_error(&["locked.go"]);
    assert_eq!(p.read("locked.go"), leaky(&["L"]));
}

#[test]
fn no_progress_output_without_a_terminal() {
    let p = Project::new();
    for i in 0..250 {
        p.write(&format!("pkg{}/f{i}.go", i % 10), leaky(&["Load"]));
    }
    let check = p.run_read_only(&["check"]);
    check.assert_code(1);
    assert_eq!(check.stderr, "", "nothing on stderr");
    let write = p.run(&["fix", "--write"]);
    write.assert_code(0);
    assert_eq!(write.stderr, "", "nothing on stderr");
    assert_eq!(p.read("pkg3/f123.go"), fixed(&["Load"]));
}

#[test]
fn a_signature_change_sees_callers_outside_the_paths_given() {
    let p = Project::with(&[
        ("ctxmod.toml", THREAD_EXPORTED),
        ("go.mod", "module example.com/app\n\ngo 1.22\n"),
        (
            "store/store.go",
            "package store\n\nimport \"context\"\n\nfunc step(ctx context.Context) error { return ctx.Err() }\n\n// Load makes its own context.\nfunc Load() error { return step(context.TODO()) }\n",
        ),
        (
            "api/api.go",
            "package api\n\nimport (\n\t\"context\"\n\n\t\"example.com/app/store\"\n)\n\nfunc Serve(ctx context.Context) error { return store.Load() }\n",
        ),
    ]);
    // Only store/ is given: api/ calls Load and may not be edited.
    let partial = p.run_read_only(&["check", "--rule", "thread-ctx", "store/..."]);
    partial.assert_code(1);
    assert!(
        partial
            .stdout
            .contains("api/api.go:9, a file ctxmod does not edit"),
        "{}",
        partial.stdout
    );
    let refused = p.run(&[
        "fix",
        "--unsafe",
        "--write",
        "--rule",
        "thread-ctx",
        "store/...",
    ]);
    refused.assert_code(0);
    assert!(
        p.read("store/store.go").contains("func Load() error"),
        "nothing changed"
    );
    // The whole module: threaded from Serve's context.
    let whole = p.run(&[
        "fix",
        "--unsafe",
        "--write",
        "--rule",
        "thread-ctx",
        "./...",
    ]);
    whole.assert_code(0);
    assert!(p
        .read("store/store.go")
        .contains("func Load(ctx context.Context) error { return step(ctx) }"));
    assert!(p.read("api/api.go").contains("store.Load(ctx)"));
}

#[test]
fn a_signature_change_sees_callers_in_other_modules_of_the_go_work() {
    let p = Project::with(&[
        ("ctxmod.toml", THREAD_EXPORTED),
        ("go.work", "go 1.22\n\nuse (\n\t./lib\n\t./app\n)\n"),
        ("lib/go.mod", "module example.com/lib\n\ngo 1.22\n"),
        (
            "lib/lib.go",
            "package lib\n\nimport \"context\"\n\nfunc step(ctx context.Context) error { return ctx.Err() }\n\n// Load makes its own context.\nfunc Load() error { return step(context.TODO()) }\n",
        ),
        ("app/go.mod", "module example.com/app\n\ngo 1.22\n\nrequire example.com/lib v0.0.0\n"),
        (
            "app/app.go",
            "package app\n\nimport (\n\t\"context\"\n\n\t\"example.com/lib\"\n)\n\nfunc Serve(ctx context.Context) error { return lib.Load() }\n",
        ),
    ]);
    // Only lib/ is given: app/ is another module of the go.work.
    let partial = p.run_read_only(&["check", "--rule", "thread-ctx", "lib/..."]);
    partial.assert_code(1);
    assert!(
        partial
            .stdout
            .contains("app/app.go:9, a file ctxmod does not edit"),
        "{}",
        partial.stdout
    );
    // Both modules: threaded across them.
    p.run(&[
        "fix",
        "--unsafe",
        "--write",
        "--rule",
        "thread-ctx",
        "./...",
    ])
    .assert_code(0);
    assert!(p
        .read("lib/lib.go")
        .contains("func Load(ctx context.Context) error"));
    assert!(p.read("app/app.go").contains("lib.Load(ctx)"));
}

#[test]
fn a_cancelled_context_that_cannot_be_returned_with_its_cancel_is_reported_with_the_call() {
    let p = Project::new();
    let golden =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("golden/cancelled-ctx-returned/not-fixed/input");
    copy_tree(&golden, &p.root);
    let check = p.run_read_only(&["check", "--rule", "cancelled-ctx-returned", "."]);
    check.assert_code(1);
    for expected in [
        "jobs.go:11:2: CTX010 cancelled-ctx-returned: `child` returns `ctx`, which its `defer cancel()` has cancelled: callers get a dead context (not fixed: the call at jobs.go:21 is passed to another call)",
        "jobs.go:32:2: CTX010 cancelled-ctx-returned: `attempt` returns `ctx`, which its `defer cancel()` has cancelled: callers get a dead context (not fixed: it returns other results besides the context)",
        "(not fixed: the call at jobs.go:52 is in a loop: a `defer cancel()` there would keep every iteration's context until the function returns)",
    ] {
        assert!(check.stdout.contains(expected), "{expected}\n{}", check.stdout);
    }
    let fix = p.run_read_only(&["fix", "--unsafe", "--write", "."]);
    fix.assert_code(0);
}

#[test]
fn exported_functions_can_be_left_alone() {
    let files: &[(&str, &str)] = &[
        ("go.mod", "module example.com/app\n\ngo 1.22\n"),
        (
            "store.go",
            "package app\n\nimport \"context\"\n\nfunc step(ctx context.Context) error { return ctx.Err() }\n\nfunc Load() error { return step(context.TODO()) }\n\nfunc load() error { return step(context.TODO()) }\n\nfunc Serve(ctx context.Context) error {\n\t_ = load()\n\treturn Load()\n}\n",
        ),
    ];
    let flag = Project::with(files);
    let run = flag.run(&[
        "fix",
        "--unsafe",
        "--write",
        "--rule",
        "thread-ctx",
        "--exported",
        "skip",
        ".",
    ]);
    run.assert_code(0);
    let text = flag.read("store.go");
    assert!(
        text.contains("func Load() error"),
        "exported: left alone\n{text}"
    );
    assert!(
        text.contains("func load(ctx context.Context) error"),
        "unexported: threaded\n{text}"
    );
    let check = flag.run(&["check", "--rule", "thread-ctx", "--exported", "skip", "."]);
    assert!(check.stdout.contains("--exported skip"), "{}", check.stdout);

    let config = Project::with(files);
    config.write("ctxmod.toml", "[thread-ctx]\nexported = \"skip\"\n");
    config
        .run(&["fix", "--unsafe", "--write", "--rule", "thread-ctx", "."])
        .assert_code(0);
    assert!(config.read("store.go").contains("func Load() error"));
    // The command line wins over the file.
    config
        .run(&[
            "fix",
            "--unsafe",
            "--write",
            "--rule",
            "thread-ctx",
            "--exported",
            "thread",
            ".",
        ])
        .assert_code(0);
    assert!(config
        .read("store.go")
        .contains("func Load(ctx context.Context) error"));
}

#[test]
fn struct_ctx_reports_a_field_that_outlives_a_call_with_the_place_and_reason() {
    let p = Project::new();
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("golden/struct-ctx/escaping/input");
    copy_tree(&golden, &p.root);
    let run = p.run_read_only(&["check", "--format", "json", "--rule", "struct-ctx", "."]);
    run.assert_code(1);
    let reasons: Vec<(u64, String)> = run
        .findings()
        .iter()
        .map(|f| {
            assert!(f["fix"].is_null(), "{f}");
            let message = f["message"].as_str().unwrap();
            let why = message.split("(not fixed: ").nth(1).unwrap_or(message);
            (f["line"].as_u64().unwrap(), why.to_string())
        })
        .collect();
    let expected = [
        (10, "it is read at server.go:20 and returned"),
        (25, "it is read at server.go:39 and used by a goroutine"),
        (
            49,
            "it is read at server.go:63, outside the methods of `Job`",
        ),
        (
            68,
            "the literal at server.go:74 sets the fields by position",
        ),
        (
            84,
            "it is set at server.go:90, but it is assigned together with other values",
        ),
        // Waiting on the field's Done channel marks a lifetime before the
        // goroutine that calls `Poll` is looked at.
        (101, "its `Done()` is waited on at server.go:106"),
    ];
    assert_eq!(reasons.len(), expected.len(), "{reasons:?}");
    for ((line, why), (want_line, want)) in reasons.iter().zip(expected) {
        assert_eq!(*line, want_line, "{why}");
        assert!(why.starts_with(want), "line {line}: {why}");
    }
    let before = p.tree();
    p.run(&["fix", "--unsafe", "--write", "--rule", "struct-ctx", "."])
        .assert_code(0);
    assert!(p.tree() == before, "nothing is fixed");
}

#[test]
fn struct_ctx_leaves_a_method_nothing_calls_and_a_field_set_where_it_cannot_edit() {
    let p = Project::with(&[
        ("ctxmod.toml", THREAD_EXPORTED),
        ("go.mod", "module example.com/app\n\ngo 1.22\n"),
        (
            "hook/hook.go",
            "package hook\n\nimport \"context\"\n\n// Hook is called back by another module.\ntype Hook struct {\n\tctx context.Context\n}\n\n// New makes a hook.\nfunc New(ctx context.Context) *Hook {\n\treturn &Hook{ctx: ctx}\n}\n\n// OnEvent may satisfy an interface of another module.\nfunc (h *Hook) OnEvent() error {\n\treturn h.ctx.Err()\n}\n",
        ),
        (
            "store/store.go",
            "package store\n\nimport \"context\"\n\n// Store keeps a context.\ntype Store struct {\n\tctx context.Context\n}\n\nfunc (s *Store) get() error { return s.ctx.Err() }\n\n// Get reads.\nfunc Get(ctx context.Context, s *Store) error { return s.get() }\n",
        ),
        (
            "store/new.go",
            "package store\n\nimport \"context\"\n\n// New makes a store.\nfunc New(ctx context.Context) *Store {\n\treturn &Store{\n\t\tctx: ctx,\n\t}\n}\n",
        ),
    ]);
    let run = p.run_read_only(&[
        "check",
        "--rule",
        "struct-ctx",
        "hook/...",
        "store/store.go",
    ]);
    run.assert_code(1);
    assert!(
        run.stdout.contains("`OnEvent` has no caller in the workspace: it may satisfy an interface of another module"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("it is used at store/new.go:8, a file ctxmod does not edit"),
        "{}",
        run.stdout
    );
    // Given the whole module, the store's fix is made in both files.
    p.run(&[
        "fix",
        "--unsafe",
        "--write",
        "--rule",
        "struct-ctx",
        "./...",
    ])
    .assert_code(0);
    assert!(
        p.read("store/new.go").contains("return &Store{}")
            || p.read("store/new.go").contains("return &Store{\n\t}")
    );
    assert!(p
        .read("store/store.go")
        .contains("func (s *Store) get(ctx context.Context) error { return ctx.Err() }"));
    assert!(p.read("store/store.go").contains("return s.get(ctx)"));
    assert!(p.read("hook/hook.go").contains("h.ctx.Err()"), "left alone");
}

#[test]
fn struct_ctx_leaves_an_exported_field_alone_with_exported_skip() {
    let p = Project::with(&[
        ("go.mod", "module example.com/app\n\ngo 1.22\n"),
        (
            "opts.go",
            "package app\n\nimport \"context\"\n\n// Options are filled in by callers.\ntype Options struct {\n\tCtx context.Context\n}\n\nfunc (o Options) err() error { return o.Ctx.Err() }\n\n// Run runs.\nfunc Run(ctx context.Context, o Options) error { return o.err() }\n",
        ),
    ]);
    let run = p.run_read_only(&["check", "--rule", "struct-ctx", "--exported", "skip", "."]);
    assert!(run.stdout.contains("(--exported skip)"), "{}", run.stdout);
    // The module has no main package: other modules may import it, and
    // by default its exported API stays too.
    let run = p.run_read_only(&["check", "--rule", "struct-ctx", "."]);
    assert!(
        run.stdout
            .contains("(a package other modules can import: --exported thread changes it)"),
        "{}",
        run.stdout
    );
    p.run(&[
        "fix",
        "--unsafe",
        "--write",
        "--rule",
        "struct-ctx",
        "--exported",
        "thread",
        ".",
    ])
    .assert_code(0);
    assert!(
        p.read("opts.go")
            .contains("func (o Options) err(ctx context.Context) error { return ctx.Err() }"),
        "{}",
        p.read("opts.go")
    );
}

#[test]
fn struct_ctx_looks_no_further_than_a_reader_that_cannot_take_a_context() {
    // `get` is used as a value, so the field stays whoever calls `x`: y.go,
    // which only calls `x`, need not be read.
    let p = Project::with(&[
        ("go.mod", "module example.com/app\n\ngo 1.22\n"),
        (
            "store.go",
            "package app\n\nimport \"context\"\n\n// Store keeps a context.\ntype Store struct {\n\tctx context.Context\n}\n\nfunc newStore(ctx context.Context) *Store { return &Store{ctx: ctx} }\n\nfunc (s *Store) get() error { return s.ctx.Err() }\n\nfunc (s *Store) hook() func() error { return s.get }\n",
        ),
        ("x.go", "package app\n\nfunc x(s *Store) error { return s.get() }\n"),
        ("y.go", "package app\n\nfunc y(s *Store) error { return x(s) }\n"),
    ]);
    let run = p.run_read_only(&["check", "--stats", "--rule", "struct-ctx", "."]);
    assert!(
        run.stdout.contains(
            "(not fixed: `get` cannot take a context: `get` is used as a value at store.go:14)"
        ),
        "{}",
        run.stdout
    );
    let line = run.stderr.lines().last().unwrap_or_default();
    assert!(
        line.starts_with("ctxmod: 3 files read, 1 parsed in 4 parses, "),
        "as many parses as without y.go, which only calls `x`: {line}"
    );
}

#[test]
fn stats_show_one_parse_per_parsed_file() {
    let p = Project::with(&[
        ("a.go", &leaky(&["Load", "Save"])),
        ("b.go", CLEAN),
        ("plain.go", "package app\n\nfunc Plain() int { return 1 }\n"),
    ]);
    let run = p.run(&["check", "--stats"]);
    run.assert_code(1);
    let line = run.stderr.lines().last().unwrap_or_default().to_string();
    assert!(
        line.starts_with("ctxmod: 3 files read, 2 parsed in 2 parses, 2 findings, "),
        "the file without `context` is not parsed; the others once each: {line}"
    );
}

#[test]
fn string_key_parses_only_files_that_store_or_read_a_value() {
    // A context value is stored with `WithValue(` and read with `.Value(`:
    // a file that only calls another function ending in `Value` is not
    // read as a tree, even when it is all string-key runs.
    let p = Project::with(&[
        ("go.mod", "module example.com/app\n\ngo 1.22\n"),
        (
            "store.go",
            "package app\n\nimport \"context\"\n\nfunc store(ctx context.Context) context.Context {\n\treturn context.WithValue(ctx, \"user\", 1)\n}\n",
        ),
        (
            "read.go",
            "package app\n\ntype valuer interface{ Value(key any) any }\n\nfunc read(v valuer) any { return v.Value(\"user\") }\n",
        ),
        (
            "labels.go",
            "package app\n\nfunc LabelValue(s string) string { return s }\n\nfunc label() string { return LabelValue(\"user\") }\n",
        ),
    ]);
    let run = p.run_read_only(&["check", "--stats", "--rule", "string-key", "."]);
    assert!(run.stdout.contains("CTX004"), "{}", run.stdout);
    let line = run.stderr.lines().last().unwrap_or_default();
    assert!(
        line.starts_with("ctxmod: 3 files read, 2 parsed in 2 parses, "),
        "labels.go only calls LabelValue: {line}"
    );
}

// ---------------------------------------------------------------------------
// fix --verify

/// The settings the Go toolchain gets in these tests: the installed Go
/// only, no workspace, the module cache as it is.
const GO_ENV: &[(&str, &str)] = &[
    ("GOTOOLCHAIN", "local"),
    ("GOWORK", "off"),
    ("GOFLAGS", "-mod=mod"),
];

/// Runs `ctxmod args` at the project's root with [`GO_ENV`].
fn run_with_go(p: &Project, args: &[&str]) -> Run {
    support::ctxmod_with_env(&p.root, args, GO_ENV).into()
}

/// A type whose `Flush` method makes its own context: thread-ctx gives
/// `Flush` a `ctx` parameter, passed by `flushUser`, and `User` no longer
/// satisfies `http.Flusher`, which ctxmod cannot see (the interface is the
/// standard library's, its method name is not one ctxmod knows, and
/// `User` becomes an `http.Flusher` only in a `return`, which only the
/// type checker follows). The context.TODO() is on line 15.
const FLUSHER: &str = "package app

import (
\t\"context\"
\t\"net/http\"
)

// User is a user.
type User struct{ ID int }

func flusher() http.Flusher { return User{} }

// Flush writes the user out.
func (u User) Flush() {
\t_ = lookup(context.TODO(), u.ID)
}

func lookup(ctx context.Context, id int) string {
\t_ = ctx
\treturn http.StatusText(id)
}

func flushUser(ctx context.Context, u User) { u.Flush() }
";

/// Like [`FLUSHER`] with another interface and method name, so that the
/// two are each the only method of their name: `driver.Validator`'s
/// `IsValid`, passed a context by `checkFault`. The context.TODO() is on
/// line 15 too.
const VALIDATOR: &str = "package app

import (
\t\"context\"
\t\"database/sql/driver\"
)

// Fault is a fault.
type Fault struct{ ID int }

func validator() driver.Validator { return Fault{} }

// IsValid checks the fault.
func (f Fault) IsValid() bool {
\treturn check(context.TODO(), f.ID)
}

func check(ctx context.Context, id int) bool {
\t_ = ctx
\treturn id > 0
}

func checkFault(ctx context.Context, f Fault) bool { return f.IsValid() }
";

/// The last line on stderr, which must be verification's summary.
fn verify_summary(run: &Run) -> &str {
    let line = run.stderr.lines().last().unwrap_or_default();
    assert!(line.starts_with("verify: "), "{}", run.stderr);
    assert!(line.ends_with('s'), "timed: {line}");
    line
}

#[test]
fn verify_keeps_fixes_that_build() {
    if !support::have_go() {
        eprintln!("go is not on PATH: skipping (CI has go)");
        return;
    }
    let p = Project::with(&[
        ("ctxmod.toml", THREAD_EXPORTED),
        ("go.mod", "module example.com/app\n\ngo 1.22\n"),
        ("app.go", &leaky(&["Load"])),
        (
            "store/store.go",
            "package store\n\nimport \"context\"\n\nfunc step(ctx context.Context) error { return ctx.Err() }\n\n// Load makes its own context.\nfunc Load() error { return step(context.TODO()) }\n",
        ),
        (
            "api/api.go",
            "package api\n\nimport (\n\t\"context\"\n\n\t\"example.com/app/store\"\n)\n\nfunc Serve(ctx context.Context) error { return store.Load() }\n",
        ),
    ]);
    let run = run_with_go(&p, &["fix", "--unsafe", "--verify", "--write", "./..."]);
    run.assert_code(0);
    let summary = verify_summary(&run);
    assert!(
        summary.starts_with("verify: 2 fixes checked in 1 module, 0 dropped, took "),
        "{summary}"
    );
    // Besides the summary, only the list of exported signatures changed.
    assert_eq!(
        run.stderr.lines().take(2).collect::<Vec<_>>(),
        [
            "warning: 1 exported signature changed; code in other modules that calls it breaks:",
            "  `example.com/app/store.Load` (thread-ctx, store/store.go:8)"
        ],
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.lines().count(), 3, "{}", run.stderr);
    assert_eq!(p.read("app.go"), fixed(&["Load"]));
    assert!(p.read("api/api.go").contains("store.Load(ctx)"));
    assert_eq!(support::go(&p.root, &["vet", "./..."]), Ok(()));
}

#[test]
fn verify_drops_a_fix_that_breaks_the_build_and_keeps_the_others() {
    if !support::have_go() {
        eprintln!("go is not on PATH: skipping (CI has go)");
        return;
    }
    let p = Project::with(&[
        ("ctxmod.toml", THREAD_EXPORTED),
        ("go.mod", "module example.com/app\n\ngo 1.22\n"),
        ("user.go", FLUSHER),
        (
            "leak/leak.go",
            &leaky(&["Load"]).replace("package app", "package leak"),
        ),
    ]);
    // Without --verify, the build breaks.
    let unverified = p.copy();
    run_with_go(&unverified, &["fix", "--unsafe", "--write", "./..."]).assert_code(0);
    let error = support::go(&unverified.root, &["build", "./..."]).unwrap_err();
    assert!(error.contains("does not implement http.Flusher"), "{error}");

    // The dry run shows only the fix that verified, and says why the other
    // was dropped.
    let before = p.tree();
    let dry = run_with_go(&p, &["fix", "--unsafe", "--verify", "./..."]);
    assert!(p.tree() == before, "a dry run writes nothing");
    dry.assert_code(1);
    assert_eq!(dry.diff_files(), vec!["leak/leak.go"], "{}", dry.stdout);
    let lines = dry.stderr_lines();
    assert_eq!(lines.len(), 2, "{}", dry.stderr);
    assert!(
        lines[0].starts_with(
            "warning: user.go:15: verify: the thread-ctx fix \"take `ctx` as the first parameter"
        ),
        "{}",
        lines[0]
    );
    assert!(
        lines[0].contains("was dropped: it breaks the build: user.go:11:38: cannot use User{}"),
        "the compiler's first error, at the line of the file with the fix: {}",
        lines[0]
    );
    assert!(
        verify_summary(&dry).starts_with("verify: 2 fixes checked in 1 module, 1 dropped, took "),
        "{}",
        dry.stderr
    );

    // --write writes the fix that verified only.
    let write = run_with_go(&p, &["fix", "--unsafe", "--verify", "--write", "./..."]);
    write.assert_code(0);
    assert_eq!(write.stderr_lines()[..1], lines[..1]);
    assert_eq!(p.read("user.go"), FLUSHER);
    assert_eq!(
        p.read("leak/leak.go"),
        fixed(&["Load"]).replace("package app", "package leak")
    );
    assert!(
        write
            .stdout
            .starts_with("Applied 1 fix to 1 file; 1 finding left"),
        "{}",
        write.stdout
    );
    assert_eq!(support::go(&p.root, &["vet", "./..."]), Ok(()));
}

#[test]
fn verify_traces_each_breaking_fix_among_several_in_one_package() {
    if !support::have_go() {
        eprintln!("go is not on PATH: skipping (CI has go)");
        return;
    }
    let fault = VALIDATOR;
    let p = Project::with(&[
        ("ctxmod.toml", THREAD_EXPORTED),
        ("go.mod", "module example.com/app\n\ngo 1.22\n"),
        ("fault.go", fault),
        ("leak.go", &leaky(&["Load", "Save"])),
        ("user.go", FLUSHER),
    ]);
    let run = run_with_go(&p, &["fix", "--unsafe", "--verify", "--write", "./..."]);
    run.assert_code(0);
    let lines = run.stderr_lines();
    assert_eq!(lines.len(), 3, "{}", run.stderr);
    assert!(lines[0].starts_with("warning: fault.go:15: verify: the thread-ctx fix"));
    assert!(
        lines[0].contains("Fault does not implement driver.Validator"),
        "{}",
        lines[0]
    );
    assert!(lines[1].starts_with("warning: user.go:15: verify: the thread-ctx fix"));
    assert!(lines[1].contains("User does not implement http.Flusher"));
    assert!(
        verify_summary(&run).starts_with("verify: 4 fixes checked in 1 module, 2 dropped"),
        "{}",
        run.stderr
    );
    assert_eq!(p.read("fault.go"), fault);
    assert_eq!(p.read("user.go"), FLUSHER);
    assert_eq!(p.read("leak.go"), fixed(&["Load", "Save"]));
}

#[test]
fn verify_builds_the_modules_of_the_go_work_that_require_an_edited_one() {
    if !support::have_go() {
        eprintln!("go is not on PATH: skipping (CI has go)");
        return;
    }
    // lib builds after thread-ctx changes `Flush`; app, which needs
    // lib.User to be an http.Flusher, does not, and holds no edit.
    let user = FLUSHER
        .replace("package app", "package lib")
        .replace("func flusher() http.Flusher { return User{} }\n\n", "");
    let p = Project::with(&[
        ("ctxmod.toml", THREAD_EXPORTED),
        ("go.work", "go 1.22\n\nuse (\n\t./lib\n\t./app\n)\n"),
        ("lib/go.mod", "module example.com/lib\n\ngo 1.22\n"),
        ("lib/user.go", &user),
        ("lib/leak.go", &leaky(&["Load"]).replace("package app", "package lib")),
        (
            "app/go.mod",
            "module example.com/app\n\ngo 1.22\n\nrequire example.com/lib v0.0.0\n",
        ),
        (
            "app/app.go",
            "package app\n\nimport (\n\t\"net/http\"\n\n\t\"example.com/lib\"\n)\n\nvar _ http.Flusher = lib.User{}\n",
        ),
    ]);
    let env = [("GOTOOLCHAIN", "local"), ("GOFLAGS", ""), ("GOWORK", "")];
    let run: Run = support::ctxmod_with_env(
        &p.root,
        &["fix", "--unsafe", "--verify", "--write", "./..."],
        &env,
    )
    .into();
    run.assert_code(0);
    let lines = run.stderr_lines();
    assert!(
        lines[0].starts_with("warning: lib/user.go:13: verify: the thread-ctx fix"),
        "{}",
        run.stderr
    );
    assert!(
        lines[0].contains("it breaks the build: app/app.go:9:22: cannot use lib.User{}"),
        "{}",
        lines[0]
    );
    assert!(
        verify_summary(&run).starts_with("verify: 2 fixes checked in 2 modules, 1 dropped"),
        "{}",
        run.stderr
    );
    assert_eq!(p.read("lib/user.go"), user);
    assert_eq!(
        p.read("lib/leak.go"),
        fixed(&["Load"]).replace("package app", "package lib")
    );
}

#[test]
fn verify_does_not_blame_a_package_that_did_not_build_before() {
    if !support::have_go() {
        eprintln!("go is not on PATH: skipping (CI has go)");
        return;
    }
    // The package does not compile before any fix (a type error the
    // parser cannot see); its lost cancel is still fixed.
    let broken = format!("{}\nvar count int = \"three\"\n", leaky(&["Load"]));
    let p = Project::with(&[
        ("go.mod", "module example.com/app\n\ngo 1.22\n"),
        ("app.go", &broken),
    ]);
    assert!(support::go(&p.root, &["build", "./..."]).is_err());
    let run = run_with_go(&p, &["fix", "--verify", "--write", "./..."]);
    run.assert_code(0);
    let lines = run.stderr_lines();
    assert_eq!(
        lines[0],
        "warning: app.go: verify: the fixes in this package were not verified: it did not build before them: app.go:10:17: cannot use \"three\" (untyped string constant) as int value in variable declaration"
    );
    assert!(
        verify_summary(&run).starts_with("verify: 1 fix checked in 1 module, 0 dropped, took "),
        "{}",
        run.stderr
    );
    assert_eq!(lines.len(), 2, "{}", run.stderr);
    assert_eq!(
        p.read("app.go"),
        format!("{}\nvar count int = \"three\"\n", fixed(&["Load"]))
    );
}

/// A module whose app.go has a lost cancel to fix and a self-assignment
/// vet reports, with that file's text.
fn with_a_vet_finding() -> (Project, String) {
    let text = format!(
        "{}\nfunc same() {{\n\tx := 1\n\tx = x\n\t_ = x\n}}\n",
        leaky(&["Load"])
    );
    let p = Project::with(&[
        ("go.mod", "module example.com/app\n\ngo 1.22\n"),
        ("app.go", &text),
    ]);
    (p, text)
}

#[test]
fn verify_gives_the_same_answer_when_vet_replays_its_cache() {
    if !support::have_go() {
        eprintln!("go is not on PATH: skipping (CI has go)");
        return;
    }
    // The edited file has a vet finding of its own. The toolchain caches
    // what vet says of a package by its files' contents, and the second
    // run is told it again with the first run's temporary paths.
    let (p, _) = with_a_vet_finding();
    assert!(support::go(&p.root, &["vet", "./..."]).is_err());
    for run in 1..=2 {
        let out = run_with_go(&p, &["fix", "--verify", "./..."]);
        assert!(
            verify_summary(&out).starts_with("verify: 1 fix checked in 1 module, 0 dropped, took "),
            "run {run}: {}",
            out.stderr
        );
    }
}

#[test]
fn go_vet_after_verify_names_the_users_files() {
    if !support::have_go() {
        eprintln!("go is not on PATH: skipping (CI has go)");
        return;
    }
    // vet's finding in the edited file is cached by the file's contents:
    // once written, they must not be those vet saw under the overlay's
    // temporary path, or the user's own vet says it again with that path.
    let (p, text) = with_a_vet_finding();
    let out = run_with_go(&p, &["fix", "--verify", "--write", "./..."]);
    assert!(
        verify_summary(&out).starts_with("verify: 1 fix checked in 1 module, 0 dropped, took "),
        "{}",
        out.stderr
    );
    assert_eq!(
        p.read("app.go"),
        text.replace(&leaky(&["Load"]), &fixed(&["Load"]))
    );
    let vet = support::go(&p.root, &["vet", "./..."]).expect_err("the self-assignment stays");
    assert!(vet.contains("app.go:"), "{vet}");
    assert!(!vet.contains("ctxmod-verify-"), "{vet}");
}

#[test]
fn verify_is_skipped_with_a_note_when_go_is_not_on_path() {
    let p = Project::with(&[
        ("go.mod", "module example.com/app\n\ngo 1.22\n"),
        ("app.go", &leaky(&["Load"])),
    ]);
    let empty = tempfile::tempdir().unwrap();
    let path = empty.path().to_str().unwrap();
    let run: Run =
        support::ctxmod_with_env(&p.root, &["fix", "--verify", "--write"], &[("PATH", path)])
            .into();
    run.assert_code(0);
    assert_eq!(run.stderr, "verify: skipped (go not found)\n");
    assert_eq!(
        p.read("app.go"),
        fixed(&["Load"]),
        "fixed as without --verify"
    );
    let help = p.run(&["fix", "--help"]);
    assert!(help.stdout.contains("--verify"), "{}", help.stdout);
    assert!(
        help.stdout.contains("ctxmod fix --unsafe --verify"),
        "an example"
    );
}

/// Runs `ctxmod args` at `dir` under a pseudo-terminal (util-linux
/// `script`), returning everything it drew there, or `None` when `script`
/// is not installed.
fn run_on_terminal(dir: &Path, args: &[&str]) -> Option<String> {
    let available = Command::new("script")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !available {
        eprintln!("script(1) is not installed: skipping the terminal checks");
        return None;
    }
    let command = format!("{} {}", env!("CARGO_BIN_EXE_ctxmod"), args.join(" "));
    let out = Command::new("script")
        .args(["-qfec", &command, "/dev/null"])
        .current_dir(dir)
        .output()
        .expect("script runs");
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn progress_bar_and_colour_only_on_a_terminal() {
    let p = Project::new();
    for i in 0..250 {
        p.write(&format!("pkg{}/f{i}.go", i % 10), leaky(&["Load"]));
    }
    let Some(check) = run_on_terminal(&p.root, &["check", "."]) else {
        return;
    };
    assert!(
        check.contains("/250 files"),
        "a progress bar is drawn: {check:?}"
    );
    let small = Project::with(&[("a.go", &leaky(&["Load"]))]);
    let diff = run_on_terminal(&small.root, &["fix", "."]).expect("script is installed");
    assert!(
        diff.contains("\x1b[31m-\tctx, _ :="),
        "removed lines are red: {diff:?}"
    );
    assert!(
        diff.contains("\x1b[32m+\tdefer cancel()"),
        "added lines are green: {diff:?}"
    );
    let quiet = run_on_terminal(&small.root, &["check", "."]).expect("script is installed");
    assert!(
        !quiet.contains(" files "),
        "no progress bar for a short run: {quiet:?}"
    );
}

// ---------------------------------------------------------------------------
// Suppression and configuration

#[test]
fn ignore_comments_silence_findings_on_their_line_and_the_next() {
    let decl = "\tctx, _ := context.WithCancel(parent)\n";
    let p = Project::with(&[(
        "a.go",
        &[
            go_file(
                &["Above"],
                &format!("\t//ctxmod:ignore lost-cancel -- the caller cancels\n{decl}"),
            ),
            go_file(
                &["Same"],
                "\tctx, _ := context.WithCancel(parent) //ctxmod:ignore CTX005 -- ok\n",
            ),
            go_file(&["Bare"], &format!("\t//ctxmod:ignore\n{decl}")),
            go_file(
                &["Other"],
                &format!("\t//ctxmod:ignore background-in-scope -- other rule\n{decl}"),
            ),
            go_file(
                &["Far"],
                &format!("\t//ctxmod:ignore lost-cancel -- two lines up\n\n{decl}"),
            ),
        ]
        .concat(),
    )]);
    let check = p.run_read_only(&["check", "--format", "json"]);
    check.assert_code(1);
    let lines: Vec<i64> = check
        .findings()
        .iter()
        .map(|f| f["line"].as_i64().unwrap())
        .collect();
    let text = p.read("a.go");
    let line_of = |needle: &str| {
        let func = text.find(needle).unwrap();
        let at = func + text[func..].find("ctx, _").unwrap();
        text[..at].matches('\n').count() as i64 + 1
    };
    assert_eq!(lines, [line_of("func Other"), line_of("func Far")]);

    p.run(&["fix", "--write"]).assert_code(0);
    let after = p.read("a.go");
    assert_eq!(
        after.matches("ctx, _ :=").count(),
        3,
        "suppressed lines untouched"
    );
    assert_eq!(after.matches("defer cancel()").count(), 2);
}

#[test]
fn config_enables_and_disables_rules_from_the_target_or_a_parent() {
    let p = Project::with(&[("a.go", &leaky(&["A"])), ("sub/b.go", &leaky(&["B"]))]);
    for (config, code) in [
        ("[rules]\ndisable = [\"CTX005\"]\n", 0),
        ("[rules]\ndisable = [\"lost-cancel\"]\n", 0),
        ("[rules]\nenable = [\"nil-ctx\"]\n", 0),
        ("[rules]\nenable = [\"lost-cancel\", \"CTX001\"]\n", 1),
        (
            "[rules]\nenable = [\"ctx005\"]\ndisable = [\"nil-ctx\"]\n",
            1,
        ),
    ] {
        p.write("ctxmod.toml", config);
        for (dir, path) in [(".", "."), (".", "sub"), ("sub", "."), (".", "sub/b.go")] {
            let run = p.run_in(dir, &["check", path]);
            run.assert_code(code);
            assert_eq!(run.stderr, "", "{config} in {dir}, {path}");
            let fix = p.run_in(dir, &["fix", path]);
            fix.assert_code(code);
        }
    }
}

#[test]
fn config_excludes_paths_relative_to_its_directory() {
    let leak = leaky(&["Leak"]);
    let p = Project::with(&[
        ("a.go", &leak),
        ("gen/g.go", &leak),
        ("svc/mocks/m.go", &leak),
        ("svc/s.go", &leak),
        ("svc/s_mock.go", &leak),
        ("legacy/old/l.go", &leak),
        (
            "ctxmod.toml",
            "exclude = [\"gen/**\", \"**/mocks\", \"svc/*_mock.go\", \"legacy\"]\n",
        ),
    ]);
    let check = p.run_read_only(&["check", "--format", "json"]);
    check.assert_code(1);
    let want: BTreeSet<String> = ["a.go", "svc/s.go"].map(String::from).into();
    assert_eq!(check.finding_files(), want);
    let in_svc = p.run_in("svc", &["check", "--format", "json"]);
    assert_eq!(in_svc.finding_files(), BTreeSet::from(["s.go".to_string()]));

    p.run(&["fix", "--write"]).assert_code(0);
    assert_eq!(p.read("a.go"), fixed(&["Leak"]));
    assert_eq!(p.read("svc/s.go"), fixed(&["Leak"]));
    for excluded in [
        "gen/g.go",
        "svc/mocks/m.go",
        "svc/s_mock.go",
        "legacy/old/l.go",
    ] {
        assert_eq!(p.read(excluded), leak, "{excluded} is not edited");
    }
}

#[test]
fn invalid_config_is_an_error_naming_file_line_and_key() {
    let p = Project::with(&[("sub/a.go", &leaky(&["A"]))]);
    for (config, line, key) in [
        ("exclude = [\"a\"\n", 1, "exclude"),
        ("[rules\nenable = []\n", 1, "rules"),
        ("[rules]\nenabled = [\"lost-cancel\"]\n", 2, "enabled"),
        ("verbose = true\n", 1, "verbose"),
        (
            "[rules]\nenable = [\"lost-cancel\",\n  \"nope\"]\n",
            3,
            "rules.enable",
        ),
        ("[rules]\ndisable = \"CTX005\"\n", 2, "rules.disable"),
        ("exclude = [\"[z\"]\n", 1, "exclude"),
    ] {
        p.write("ctxmod.toml", config);
        for (dir, args) in [(".", &["check"][..]), ("sub", &["fix", "--write"])] {
            let run = p.run_in(dir, args);
            let at = format!("ctxmod.toml:{line}:");
            run.assert_one_line_error(&[&at, key]);
            assert_eq!(run.stdout, "", "{config}");
        }
        assert_eq!(p.read("sub/a.go"), leaky(&["A"]));
    }
}

// ---------------------------------------------------------------------------
// Bad input and usage

#[test]
fn bad_input_is_a_one_line_error_with_exit_2() {
    let p = Project::with(&[
        ("a.go", &leaky(&["A"])),
        ("docs/readme.md", "# docs\n"),
        ("only_vendor/vendor/v.go", &leaky(&["V"])),
    ]);
    std::fs::create_dir(p.path("empty")).unwrap();
    p.write("bin/x.go", BINARY);
    let cases: &[(&[&str], &[&str])] = &[
        (&["check", "missing"], &["missing", "no such file"]),
        (&["fix", "missing/..."], &["missing", "no such file"]),
        (&["check", "a.go", "missing.go"], &["missing.go"]),
        (&["check", "--rule", "nope"], &["unknown rule", "nope"]),
        (
            &["fix", "--rule", "lost-cancel", "--rule", "CTX999"],
            &["CTX999"],
        ),
        (
            &["check", "docs/readme.md"],
            &["readme.md", "not a Go file"],
        ),
        (&["check", "bin/x.go"], &["bin/x.go", "UTF-8"]),
        (&["fix", "--write", "bin"], &["bin/x.go"]),
    ];
    for (args, needles) in cases {
        let run = p.run_read_only(args);
        run.assert_one_line_error(needles);
        assert_eq!(run.stdout, "", "{args:?}");
    }
}

#[test]
fn a_tree_without_go_files_is_clean_with_a_note() {
    let p = Project::with(&[
        ("docs/readme.md", "# docs\n"),
        ("only_vendor/vendor/v.go", &leaky(&["V"])),
    ]);
    std::fs::create_dir(p.path("empty")).unwrap();
    for (args, dir) in [
        (&["check", "empty"][..], "empty"),
        (&["check", "--format", "json", "empty"], "empty"),
        (&["fix", "--write", "docs/..."], "docs"),
        (&["fix", "only_vendor"], "only_vendor"),
        (&["check", "."], "."),
    ] {
        let run = p.run_read_only(args);
        run.assert_code(0);
        assert_eq!(
            run.stderr_lines(),
            [format!("note: {dir}: no Go files found; nothing to do")],
            "{args:?}"
        );
        if args.contains(&"json") {
            let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
            assert_eq!(report["summary"]["findings"], 0);
        } else {
            assert_eq!(run.stdout, "", "{args:?}");
        }
    }
}

#[test]
fn check_help_shows_only_what_check_uses() {
    let p = Project::new();
    let check = p.run(&["check", "--help"]);
    check.assert_code(0);
    for fix_only in [
        "--key-style",
        "--accessors",
        "--detach-helper",
        "--detach-timeout",
        "--write",
        "--unsafe",
    ] {
        assert!(
            !check.stdout.contains(fix_only),
            "check --help shows {fix_only}"
        );
    }
    let fix = p.run(&["fix", "--help"]);
    for option in [
        "--key-style",
        "--accessors",
        "--detach-helper",
        "--detach-timeout",
    ] {
        assert!(fix.stdout.contains(option), "fix --help lacks {option}");
    }
    p.run(&["check", "--key-style", "const"]).assert_code(2);
}

#[test]
fn completions_are_printed_for_each_shell() {
    let p = Project::new();
    for (shell, marker) in [
        ("bash", "complete -F _ctxmod"),
        ("zsh", "#compdef ctxmod"),
        ("fish", "complete -c ctxmod"),
    ] {
        let run = p.run(&["completions", shell]);
        run.assert_code(0);
        assert!(run.stdout.contains(marker), "{shell}: {}", run.stdout);
        assert!(run.stdout.contains("thread-max-calls"), "{shell}");
    }
    p.run(&["completions", "tcsh"]).assert_code(2);
}

#[test]
fn help_shows_examples_and_unknown_flags_exit_2() {
    let p = Project::new();
    for args in [
        &["--help"][..],
        &["check", "--help"],
        &["fix", "--help"],
        &["rules", "--help"],
        &["explain", "--help"],
        &["completions", "--help"],
    ] {
        let run = p.run(args);
        run.assert_code(0);
        assert!(
            run.stdout.contains("Examples:"),
            "{args:?}:\n{}",
            run.stdout
        );
        assert!(run.stdout.contains("ctxmod "), "{args:?}");
    }
    for args in [
        &["--bogus"][..],
        &["check", "--bogus"],
        &["fix", "--writ"],
        &["check", "--format", "xml"],
        &["explain"],
        &[],
    ] {
        let run = p.run(args);
        run.assert_code(2);
        assert!(!run.stderr.is_empty(), "{args:?} explains itself on stderr");
        assert_eq!(run.stdout, "", "{args:?}");
    }
}

/// Runs `ctxmod args` in `dir` with a stdout pipe whose reading end is
/// closed at once, as in `ctxmod check | head -1`.
fn run_with_closed_stdout(dir: &Path, args: &[&str]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ctxmod"))
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code(),
        stdout: String::new(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

#[test]
fn a_closed_stdout_is_an_io_error_not_a_panic() {
    // More output than a pipe holds, so that writing must fail.
    let p = Project::new();
    for i in 0..300 {
        p.write(&format!("f{i}.go"), leaky(&["Load"]));
    }
    for args in [&["check"][..], &["check", "--format", "json"], &["fix"]] {
        let run = run_with_closed_stdout(&p.root, args);
        assert!(run.stdout.is_empty());
        run.assert_one_line_error(&["error:"]);
    }
}

#[test]
fn key_style_and_accessors_come_from_the_command_line() {
    let src = "package p\n\nimport \"context\"\n\n// With stores the user.\nfunc With(ctx context.Context, user string) context.Context {\n\treturn context.WithValue(ctx, \"user\", user)\n}\n\n// User reads it.\nfunc User(ctx context.Context) (string, bool) {\n\tu, ok := ctx.Value(\"user\").(string)\n\treturn u, ok\n}\n";
    let p = Project::with(&[("p.go", src)]);
    let plain = p.run_read_only(&["fix", "--rule", "string-key"]);
    assert!(
        plain.stdout.contains("+type userKey struct{}"),
        "{}",
        plain.stdout
    );
    assert!(!plain.stdout.contains("withUser"), "{}", plain.stdout);
    let styled = p.run_read_only(&[
        "fix",
        "--rule",
        "string-key",
        "--key-style",
        "const",
        "--accessors",
    ]);
    for line in [
        "+type userKeyType string",
        "+const userKey userKeyType = \"user\"",
        "+func withUser(ctx context.Context, v string) context.Context {",
        "+\treturn withUser(ctx, user)",
        "+\tu, ok := userFrom(ctx)",
    ] {
        assert!(
            styled.stdout.contains(line),
            "no `{line}` in\n{}",
            styled.stdout
        );
    }
}

#[test]
fn detach_helper_comes_from_the_command_line_or_the_configuration() {
    let src = "package api\n\nimport \"github.com/gin-gonic/gin\"\n\nfunc notify(c *gin.Context) {}\n\n// Create notifies in the background.\nfunc Create(c *gin.Context) {\n\tgo notify(c.Copy())\n}\n";
    let p = Project::with(&[
        ("go.mod", "module example.com/app\n\ngo 1.22\n"),
        ("api/api.go", src),
    ]);
    let own = p.run_read_only(&["fix", "--rule", "gin-copy-detach"]);
    assert!(
        own.stdout.contains("+++ b/api/detach_context.go"),
        "{}",
        own.stdout
    );
    let shared = p.run_read_only(&[
        "fix",
        "--rule",
        "gin-copy-detach",
        "--detach-helper",
        "example.com/app/ginx.Detach",
    ]);
    shared.assert_code(1);
    for line in [
        "+\t\"example.com/app/ginx\"",
        "+\tgo notify(ginx.Detach(c))",
    ] {
        assert!(
            shared.stdout.contains(line),
            "no `{line}` in\n{}",
            shared.stdout
        );
    }
    assert!(
        !shared.stdout.contains("detach_context.go"),
        "{}",
        shared.stdout
    );
    // The same from ctxmod.toml, and the command line wins over it.
    p.write(
        "ctxmod.toml",
        "[gin-copy-detach]\nhelper = \"example.com/app/ginx.Detach\"\n",
    );
    let configured = p.run_read_only(&["fix", "--rule", "gin-copy-detach"]);
    assert_eq!(configured.stdout, shared.stdout);
    let overridden = p.run_read_only(&[
        "fix",
        "--rule",
        "gin-copy-detach",
        "--detach-helper",
        "example.com/lib/gctx.Detached",
    ]);
    assert!(
        overridden.stdout.contains("+\tgo notify(gctx.Detached(c))"),
        "{}",
        overridden.stdout
    );
    // An unexported or malformed name is a usage error.
    let bad = p.run_read_only(&["fix", "--detach-helper", "example.com/app/ginx.detach"]);
    bad.assert_code(2);
    assert!(
        bad.stderr.contains("not an exported function name"),
        "{}",
        bad.stderr
    );
}

#[test]
fn detach_timeout_comes_from_the_command_line_over_the_file_and_needs_unsafe() {
    let src = "package p\n\nimport \"context\"\n\n// Send writes in the background.\nfunc Send(ctx context.Context, write func(context.Context) error) {\n\tbg := context.WithoutCancel(ctx)\n\tgo func() {\n\t\t_ = write(bg)\n\t}()\n}\n";
    let p = Project::with(&[
        ("p.go", src),
        ("ctxmod.toml", "[unbounded-detach]\ntimeout = \"2m\"\n"),
    ]);
    // Configured or not, the new cancellation waits for --unsafe.
    let safe = p.run_read_only(&["fix", "--rule", "unbounded-detach"]);
    assert_eq!(safe.code, Some(0), "{}", safe.stdout);
    assert!(safe.stdout.is_empty(), "{}", safe.stdout);
    let configured = p.run_read_only(&["fix", "--unsafe", "--rule", "CTX011"]);
    assert!(
        configured
            .stdout
            .contains("+\t\tbg, cancel := context.WithTimeout(bg, 2*time.Minute)"),
        "{}",
        configured.stdout
    );
    assert!(
        configured.stdout.contains("+\t\"time\""),
        "{}",
        configured.stdout
    );
    let flag = p.run_read_only(&["fix", "--unsafe", "--detach-timeout", "1h30m"]);
    assert!(
        flag.stdout
            .contains("+\t\tbg, cancel := context.WithTimeout(bg, 90*time.Minute)"),
        "{}",
        flag.stdout
    );
    p.run_read_only(&["fix", "--detach-timeout", "0s"])
        .assert_code(2);
    p.write("ctxmod.toml", "[unbounded-detach]\ntimeout = \"soon\"\n");
    p.run_read_only(&["check"]).assert_one_line_error(&[
        "ctxmod.toml:2:11: unbounded-detach.timeout: invalid duration `soon`",
    ]);
}

/// A module where nil-ctx's fix (`context.TODO()` for a `nil` context in a
/// function with none) makes work for thread-ctx, which threads the new
/// root from the handler's request.
const NIL_THEN_THREAD: &str = "package app

import (
\t\"context\"
\t\"net/http\"
)

func fetch(ctx context.Context, url string) (*http.Request, error) {
\treturn http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
}

func load(url string) error {
\t_, err := fetch(nil, url)
\treturn err
}

// Handler loads on every request.
func Handler(w http.ResponseWriter, r *http.Request) {
\t_ = load(\"http://example.com\")
}
";

#[test]
fn a_fix_that_makes_work_for_another_rule_is_followed_up_in_the_same_run() {
    for verify in [false, true] {
        if verify && !support::have_go() {
            eprintln!("go is not on PATH: skipping the --verify half (CI has go)");
            continue;
        }
        let p = Project::with(&[
            ("go.mod", "module example.com/app\n\ngo 1.22\n"),
            ("app.go", NIL_THEN_THREAD),
        ]);
        let mut args = vec!["fix", "--unsafe", "--write"];
        if verify {
            args.push("--verify");
        }
        args.push("./...");
        run_with_go(&p, &args).assert_code(0);
        let fixed = p.read("app.go");
        assert!(
            fixed.contains(
                "func load(ctx context.Context, url string) error {\n\t_, err := fetch(ctx, url)"
            ),
            "verify={verify}:\n{fixed}"
        );
        assert!(
            fixed.contains("_ = load(r.Context(), \"http://example.com\")"),
            "verify={verify}:\n{fixed}"
        );
        let again = run_with_go(&p, &["fix", "--unsafe", "./..."]);
        again.assert_code(0);
        assert!(
            again.stdout.is_empty(),
            "verify={verify}: a second run still fixes:\n{}",
            again.stdout
        );
    }
}

/// A leaf called from three handlers: threading it changes 3 calls.
const THREE_CALLERS: &str = "package app

import (
\t\"context\"
\t\"net/http\"
)

func find(ctx context.Context) error { return ctx.Err() }

func lookup() error { return find(context.TODO()) }

// A handles a.
func A(w http.ResponseWriter, r *http.Request) { _ = lookup() }

// B handles b.
func B(w http.ResponseWriter, r *http.Request) { _ = lookup() }

// C handles c.
func C(w http.ResponseWriter, r *http.Request) { _ = lookup() }
";

#[test]
fn a_threading_larger_than_the_limit_is_reported_with_its_size() {
    let p = Project::with(&[
        ("go.mod", "module example.com/app\n\ngo 1.22\n"),
        ("app.go", THREE_CALLERS),
    ]);
    let run = p.run_read_only(&["check", "--thread-max-calls", "2", "."]);
    run.assert_code(1);
    assert!(
        run.stdout.contains("(not fixed: threading it changes 1 functions and 3 calls, more than the 2 calls one fix may change"),
        "{}",
        run.stdout
    );
    // The same limit from ctxmod.toml; the flag wins over it.
    p.write("ctxmod.toml", "[thread-ctx]\nmax-calls = 2\n");
    let run = p.run_read_only(&["fix", "--unsafe", "."]);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    let run = p.run_read_only(&["fix", "--unsafe", "--thread-max-calls", "3", "."]);
    run.assert_code(1);
    assert_eq!(
        run.stdout.matches("r.Context()").count(),
        3,
        "{}",
        run.stdout
    );
    // 0 is no limit.
    let run = p.run_read_only(&["fix", "--unsafe", "--thread-max-calls", "0", "."]);
    assert_eq!(
        run.stdout.matches("r.Context()").count(),
        3,
        "{}",
        run.stdout
    );
}

#[test]
fn exported_signature_changes_are_listed_first_in_every_report() {
    let p = Project::with(&[
        ("go.mod", "module example.com/lib\n\ngo 1.22\n"),
        (
            "store/store.go",
            "package store\n\nimport \"context\"\n\nfunc step(ctx context.Context) error { return ctx.Err() }\n\n// Load makes its own context.\nfunc Load() error { return step(context.TODO()) }\n",
        ),
        (
            "api/api.go",
            "package api\n\nimport (\n\t\"context\"\n\n\t\"example.com/lib/store\"\n)\n\n// Serve serves.\nfunc Serve(ctx context.Context) error { return store.Load() }\n",
        ),
    ]);
    // A library: by default Load stays, beside a new LoadContext.
    let run = p.run_read_only(&["fix", "--unsafe", "."]);
    assert!(
        run.stdout
            .contains("+func LoadContext(ctx context.Context) error"),
        "{}",
        run.stdout
    );
    assert!(!run.stderr.contains("exported signature"), "{}", run.stderr);
    // Told to thread exported functions, every report lists Load first.
    let thread = ["fix", "--unsafe", "--exported", "thread", "."];
    let run = p.run_read_only(&thread);
    assert!(
        run.stderr.contains(
            "warning: 1 exported signature changed; code in other modules that calls it breaks:\n  `example.com/lib/store.Load` (thread-ctx, store/store.go:8)\n"
        ),
        "{}",
        run.stderr
    );
    let markdown = p.run_read_only(&[
        thread[0], thread[1], thread[2], thread[3], "--format", "markdown", ".",
    ]);
    let listed = markdown
        .stdout
        .find("### Exported signatures changed")
        .expect("a section");
    assert!(
        listed < markdown.stdout.find("### Changes").unwrap(),
        "{}",
        markdown.stdout
    );
    assert!(markdown
        .stdout
        .contains("- `example.com/lib/store.Load` (thread-ctx, store/store.go:8)"));
    let json = p.run_read_only(&[
        thread[0], thread[1], thread[2], thread[3], "--format", "json", ".",
    ]);
    let report: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(
        report["fixes"][0]["exported"][0],
        "example.com/lib/store.Load"
    );
}
