//! `examples/shop`, the Go module README's set-up commands run ctxmod on:
//! it builds, every rule finds its misuse in it, the fixes leave a module
//! that builds and vets, and what README shows of the fix preview is what
//! ctxmod prints.

mod support;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use support::{copy_tree, ctxmod, have_go};

/// Every rule has its misuse in the example, once.
const RULES: [&str; 19] = [
    "background-in-scope",
    "cancelled-ctx-returned",
    "ctx-not-first",
    "custom-context",
    "done-busy-loop",
    "done-err",
    "gin-as-context",
    "gin-copy-detach",
    "gin-goroutine",
    "long-lived-value",
    "lost-cancel",
    "nil-ctx",
    "redundant-cancel",
    "request-ctx-goroutine",
    "string-key",
    "struct-ctx",
    "thread-ctx",
    "unbounded-detach",
    "zero-timeout",
];

/// The display-only findings no fix removes.
const LEFT_AFTER_FIX: [&str; 3] = ["custom-context", "long-lived-value", "zero-timeout"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn shop() -> PathBuf {
    root().join("examples").join("shop")
}

/// Runs `go args` in `dir` with go.mod and go.sum read-only, so a
/// dependency missing from them fails; returns (success, output).
fn go_readonly(dir: &Path, args: &[&str]) -> (bool, String) {
    let out = Command::new("go")
        .args(args)
        .current_dir(dir)
        .env("GOWORK", "off")
        .env("GOFLAGS", "-mod=readonly")
        .env("GOTOOLCHAIN", "local")
        .output()
        .expect("go runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

/// The rule ids `check --format json` reports for `path`, run in `dir`.
fn finding_ids(dir: &Path, path: &str) -> Vec<String> {
    let out = ctxmod(dir, &["check", "--format", "json", path]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    assert_eq!(json["notices"], serde_json::json!([]), "{json}");
    json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["id"].as_str().expect("id").to_string())
        .collect()
}

#[test]
fn the_example_builds_and_vet_finds_only_the_lost_cancel() {
    if !have_go() {
        eprintln!("go is not on PATH: skipping the example's build (CI has go)");
        return;
    }
    let (ok, out) = go_readonly(&shop(), &["build", "./..."]);
    assert!(ok, "go build ./... in examples/shop:\n{out}");
    // vet's lostcancel reports the discarded cancel function that
    // lost-cancel fixes; every other analyzer passes.
    let (ok, out) = go_readonly(&shop(), &["vet", "-lostcancel=false", "./..."]);
    assert!(
        ok,
        "go vet -lostcancel=false ./... in examples/shop:\n{out}"
    );
    let (ok, out) = go_readonly(&shop(), &["vet", "./..."]);
    assert!(!ok, "go vet should report the discarded cancel:\n{out}");
    let reports: Vec<&str> = out.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(
        reports,
        ["api/server.go:45:7: the cancel function returned by context.WithTimeout should be called, not discarded, to avoid a context leak"],
        "{out}"
    );
}

#[test]
fn the_example_has_a_finding_of_every_rule() {
    let ids = finding_ids(&root(), "examples/shop");
    let found: BTreeSet<&str> = ids.iter().map(String::as_str).collect();
    assert_eq!(found, BTreeSet::from(RULES), "{ids:?}");
    assert_eq!(ids.len(), RULES.len(), "one finding per rule: {ids:?}");
}

#[test]
fn the_fixed_example_builds_vets_and_needs_no_more_fixes() {
    let tmp = tempfile::tempdir().unwrap();
    let work = tmp.path().join("shop");
    copy_tree(&shop(), &work);
    let out = ctxmod(&work, &["fix", "--unsafe", "--write", "./..."]);
    assert!(
        out.status.success(),
        "fix --unsafe --write: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let again = ctxmod(&work, &["fix", "--unsafe", "./..."]);
    assert_eq!(
        again.status.code(),
        Some(0),
        "a second fix still changes:\n{}",
        String::from_utf8_lossy(&again.stdout)
    );
    assert!(
        again.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&again.stdout)
    );
    let left = finding_ids(&work, ".");
    let left: BTreeSet<&str> = left.iter().map(String::as_str).collect();
    assert_eq!(left, BTreeSet::from(LEFT_AFTER_FIX));

    if !have_go() {
        eprintln!("go is not on PATH: skipping the fixed example's build (CI has go)");
        return;
    }
    for args in [&["build", "./..."][..], &["vet", "./..."]] {
        let (ok, out) = go_readonly(&work, args);
        assert!(ok, "go {} in the fixed example:\n{out}", args.join(" "));
    }
    let gofmt = Command::new("gofmt")
        .args(["-l", "."])
        .current_dir(&work)
        .output()
        .expect("gofmt runs");
    assert!(
        gofmt.status.success() && gofmt.stdout.is_empty(),
        "not gofmt-clean after the fixes: {}",
        String::from_utf8_lossy(&gofmt.stdout)
    );
}

/// README's "Set up" section, up to the next section.
fn setup_section(readme: &str) -> &str {
    let start = readme.find("\n## Set up\n").expect("a Set up section");
    let rest = &readme[start + 1..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |i| i + 3);
    &rest[..end]
}

/// The lines of the first fenced block of `section` opened with `fence`.
fn fenced<'a>(section: &'a str, fence: &str) -> Vec<&'a str> {
    let mut lines = section.lines();
    lines
        .by_ref()
        .find(|l| *l == fence)
        .unwrap_or_else(|| panic!("no {fence} block in:\n{section}"));
    lines.take_while(|l| !l.starts_with("```")).collect()
}

#[test]
fn the_readme_setup_runs_and_shows_the_real_fix_preview() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let setup = setup_section(&readme);
    // Each `cargo run --release -- ARGS` line, run as ctxmod ARGS from the
    // repository's root as README says; each has something to report.
    let mut outputs = Vec::new();
    for line in fenced(setup, "```sh") {
        let line = line.split(" #").next().unwrap().trim();
        let Some(args) = line.strip_prefix("cargo run --release -- ") else {
            continue;
        };
        let args: Vec<&str> = args.split_whitespace().collect();
        let out = ctxmod(&root(), &args);
        assert_eq!(
            out.status.code(),
            Some(1),
            "`{line}`: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        outputs.push((args, String::from_utf8(out.stdout).unwrap()));
    }
    let commands: Vec<String> = outputs.iter().map(|(a, _)| a.join(" ")).collect();
    assert_eq!(
        commands,
        ["check examples/shop/...", "fix examples/shop/..."],
        "the Set up commands"
    );
    let check = &outputs[0].1;
    assert!(
        check.contains(&format!("\n{} findings in ", RULES.len())),
        "{check}"
    );

    // The excerpt is a run of consecutive lines of the preview (trailing
    // blanks aside: an editor may strip them from README).
    let preview: Vec<&str> = outputs[1].1.lines().map(str::trim_end).collect();
    let excerpt: Vec<&str> = fenced(setup, "```diff")
        .into_iter()
        .map(str::trim_end)
        .collect();
    assert!(excerpt.len() >= 10, "{excerpt:?}");
    assert!(
        preview.windows(excerpt.len()).any(|w| w == excerpt),
        "README's diff excerpt is not in what `ctxmod fix examples/shop/...` prints:\n{}",
        outputs[1].1
    );
}
