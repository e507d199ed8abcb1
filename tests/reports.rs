//! The report formats end to end: JSON against the project's own schema,
//! SARIF against the official SARIF 2.1.0 schema (and its fixes against
//! what `fix --write` does), GitHub workflow commands, the markdown report
//! and its byte budget, and `fix --diff-out` through a real `git apply`.

mod support;

use serde_json::Value;
use std::path::{Path, PathBuf};
use support::git::git;
use support::sources::{leaky, BROKEN};
use support::{copy_tree, read_tree, write_file};

/// A lost cancel that cannot be fixed: the context is returned.
const ESCAPING: &str = "package app

import \"context\"

// Open returns a context that is never cancelled — «é» in a comment.
func Open(parent context.Context) context.Context {
\tctx, _ := context.WithCancel(parent)
\treturn ctx
}
";

/// A temporary directory holding a Go tree.
struct Tree {
    _tmp: tempfile::TempDir,
    root: PathBuf,
}

impl Tree {
    fn new(files: &[(&str, &str)]) -> Tree {
        let (tmp, scratch) = support::scratch(".tmp");
        let root = scratch.join("repo");
        std::fs::create_dir_all(&root).unwrap();
        let tree = Tree { _tmp: tmp, root };
        tree.add(files);
        tree
    }

    /// A copy of a golden case's input.
    fn golden(case: &str) -> Tree {
        let tree = Tree::new(&[]);
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("golden")
            .join(case)
            .join("input");
        copy_tree(&from, &tree.root);
        tree
    }

    fn add(&self, files: &[(&str, &str)]) {
        for (rel, text) in files {
            write_file(&self.root.join(rel), text);
        }
    }

    fn copy(&self) -> Tree {
        let tree = Tree::new(&[]);
        copy_tree(&self.root, &tree.root);
        tree
    }

    /// Runs ctxmod at the root: exit code and stdout; stderr must not
    /// hold a panic.
    fn run(&self, args: &[&str]) -> (i32, String) {
        let out = support::ctxmod(&self.root, args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{stderr}");
        (
            out.status.code().unwrap(),
            String::from_utf8(out.stdout).unwrap(),
        )
    }

    fn json(&self, args: &[&str]) -> Value {
        let (_, stdout) = self.run(args);
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}:\n{stdout}"))
    }
}

fn schema(path: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap();
    jsonschema::validator_for(&serde_json::from_str(&text).unwrap()).unwrap()
}

fn assert_valid(validator: &jsonschema::Validator, instance: &Value) {
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{}\n--- instance\n{instance:#}",
        errors.join("\n")
    );
}

// ---------------------------------------------------------------------------
// JSON

#[test]
fn json_reports_follow_the_schema() {
    let validator = schema("schema/findings.schema.json");
    let tree = Tree::new(&[
        ("go.mod", "module example.com/app\n\ngo 1.22\n"),
        ("a.go", &leaky(&["Load"])),
        ("sub/open.go", ESCAPING),
        ("broken.go", BROKEN),
    ]);
    let check = tree.json(&["check", "--format", "json"]);
    assert_valid(&validator, &check);
    assert_eq!(check["version"], 1);
    assert_eq!(check["command"], "check");
    assert_eq!(check["findings"].as_array().unwrap().len(), 2, "{check:#}");
    assert_eq!(check["findings"][0]["fix"]["edits"][0]["content"], "cancel");
    assert_eq!(check["notices"][0]["file"], "broken.go");
    assert_eq!(check["notices"][0]["line"], 7);
    assert_eq!(check["summary"]["display_only"], 1);

    let fix = tree.json(&["fix", "--format", "json"]);
    assert_valid(&validator, &fix);
    assert_eq!(fix["written"], false);
    assert_eq!(fix["fixes"][0]["file"], "a.go");
    assert_eq!(fix["fixes"][0]["line"], 6);
    assert_eq!(fix["changes"][0]["file"], "a.go");
    assert!(fix["changes"][0]["diff"]
        .as_str()
        .unwrap()
        .starts_with("--- a/a.go\n+++ b/a.go\n"));
    assert_eq!(fix["remaining"], 1);

    let written = tree.copy();
    let report = written.json(&["fix", "--write", "--format", "json"]);
    assert_valid(&validator, &report);
    assert_eq!(report["written"], true);
    assert_eq!(report["changes"], fix["changes"]);
    assert_eq!(
        written.json(&["check", "--format", "json"])["summary"]["findings"],
        1
    );

    // The schema is strict enough to fail.
    let mut wrong = check.clone();
    wrong["findings"][0]["line"] = Value::from(0);
    assert!(!validator.is_valid(&wrong));
    let mut unversioned = fix.clone();
    unversioned.as_object_mut().unwrap().remove("version");
    assert!(!validator.is_valid(&unversioned));

    let clean = Tree::new(&[("a.go", "package app\n")]);
    let empty = clean.json(&["check", "--format", "json"]);
    assert_valid(&validator, &empty);
    assert_eq!(empty["findings"], Value::Array(vec![]));
}

// ---------------------------------------------------------------------------
// SARIF

/// Applies the replacements of `change` (a SARIF artifactChange whose
/// regions are whole lines) to `text`.
fn apply_sarif_change(text: &str, change: &Value) -> String {
    let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_string).collect();
    let mut replacements: Vec<&Value> = change["replacements"].as_array().unwrap().iter().collect();
    replacements.sort_by_key(|r| std::cmp::Reverse(r["deletedRegion"]["startLine"].as_u64()));
    for r in replacements {
        let region = &r["deletedRegion"];
        assert_eq!(
            (&region["startColumn"], &region["endColumn"]),
            (&1.into(), &1.into())
        );
        let start = region["startLine"].as_u64().unwrap() as usize - 1;
        let end = region["endLine"].as_u64().unwrap() as usize - 1;
        let inserted = r["insertedContent"]["text"].as_str().unwrap().to_string();
        lines.splice(start..end, [inserted]);
    }
    lines.concat()
}

#[test]
fn sarif_validates_and_its_fixes_are_what_fix_writes() {
    let validator = schema("tests/data/sarif-schema-2.1.0.json");
    let tree = Tree::new(&[
        ("go.mod", "module example.com/app\n\ngo 1.22\n"),
        ("a.go", &leaky(&["Load"])),
        ("sub/crlf.go", &leaky(&["Windows"]).replace('\n', "\r\n")),
        ("sub/open.go", ESCAPING),
        ("dir with space/b.go", &leaky(&["Spaced"])),
        ("broken.go", BROKEN),
    ]);
    let log = tree.json(&["check", "--format", "sarif"]);
    assert_valid(&validator, &log);
    let mut wrong = log.clone();
    wrong["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        Value::from(0);
    assert!(
        !validator.is_valid(&wrong),
        "the schema is strict enough to fail"
    );
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 4, "{log:#}");
    for result in results {
        // What code scanning needs of every result.
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        assert!(rules[index]["help"]["markdown"]
            .as_str()
            .unwrap()
            .contains("## Fix safety"));
        assert!(!result["message"]["text"].as_str().unwrap().is_empty());
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        assert!(location["region"]["startLine"].as_u64().unwrap() >= 1);
        assert!(result["partialFingerprints"]["ctxmod/v1"].is_string());
    }
    let uris: Vec<&str> = results
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert_eq!(
        uris,
        [
            "a.go",
            "dir%20with%20space/b.go",
            "sub/crlf.go",
            "sub/open.go"
        ]
    );
    let escaping = &results[3];
    assert!(escaping.get("fixes").is_none(), "{escaping:#}");
    assert_eq!(
        escaping["locations"][0]["physicalLocation"]["region"]["startLine"],
        7
    );
    let notes = &run["invocations"][0]["toolExecutionNotifications"];
    assert_eq!(notes[0]["level"], "warning");
    assert_eq!(
        notes[0]["locations"][0]["physicalLocation"]["region"]["startLine"],
        7
    );

    // Each fix, applied alone, gives what `fix --write` writes.
    let written = tree.copy();
    written.run(&["fix", "--write"]);
    for result in &results[..3] {
        let change = &result["fixes"][0]["artifactChanges"][0];
        let uri = change["artifactLocation"]["uri"].as_str().unwrap();
        let rel = uri.replace("%20", " ");
        let before = std::fs::read_to_string(tree.root.join(&rel)).unwrap();
        let after = std::fs::read_to_string(written.root.join(&rel)).unwrap();
        assert_eq!(apply_sarif_change(&before, change), after, "{uri}");
    }

    // The same finding keeps its fingerprint when lines move above it.
    let moved = tree.copy();
    moved.add(&[(
        "a.go",
        &leaky(&["Load"]).replace("package app\n", "package app\n\n// Moved.\n"),
    )]);
    let again = moved.json(&["check", "--format", "sarif"]);
    let first = &again["runs"][0]["results"][0];
    assert_eq!(
        first["locations"][0]["physicalLocation"]["region"]["startLine"],
        8
    );
    assert_eq!(
        first["partialFingerprints"],
        results[0]["partialFingerprints"]
    );
}

#[test]
fn sarif_fixes_span_files_and_create_them() {
    let validator = schema("tests/data/sarif-schema-2.1.0.json");
    let tree = Tree::golden("gin-copy-detach/seed");
    let log = tree.json(&["check", "--format", "sarif"]);
    assert_valid(&validator, &log);
    let changes = &log["runs"][0]["results"][0]["fixes"][0]["artifactChanges"];
    let created = changes
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["artifactLocation"]["uri"] == "detach_context.go")
        .unwrap_or_else(|| panic!("no new file in {changes:#}"));
    let written = tree.copy();
    written.run(&["fix", "--write"]);
    assert_eq!(
        apply_sarif_change("", created),
        std::fs::read_to_string(written.root.join("detach_context.go")).unwrap()
    );
}

// ---------------------------------------------------------------------------
// GitHub workflow commands

#[test]
fn github_annotations_escape_their_properties_and_message() {
    let tree = Tree::new(&[("we,ird:name.go", &leaky(&["Load"])), ("open.go", ESCAPING)]);
    let (code, stdout) = tree.run(&["check", "--format", "github"]);
    assert_eq!(code, 1);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    assert!(
        lines[0].starts_with(
            "::warning file=open.go,line=7,col=7,endLine=7,endColumn=8,title=CTX005 lost-cancel::"
        ),
        "{}",
        lines[0]
    );
    assert!(lines[0].ends_with("%0Ano automatic fix"), "{}", lines[0]);
    assert!(
        lines[1].starts_with("::warning file=we%2Cird%3Aname.go,line=6,col=7,"),
        "{}",
        lines[1]
    );
    assert!(
        lines[1].contains("%0Afix (safe): name it `cancel`"),
        "{}",
        lines[1]
    );
}

// ---------------------------------------------------------------------------
// Markdown

/// True when every code fence of `markdown` is closed.
fn fences_balanced(markdown: &str) -> bool {
    let mut open: Option<usize> = None;
    for line in markdown.lines() {
        let ticks = line.chars().take_while(|&c| c == '`').count();
        if ticks < 3 {
            continue;
        }
        match open {
            None => open = Some(ticks),
            Some(n) if ticks >= n && line[ticks..].trim().is_empty() => open = None,
            Some(_) => {}
        }
    }
    open.is_none()
}

#[test]
fn markdown_reports_totals_diffs_and_rationales() {
    let tree = Tree::new(&[
        ("go.mod", "module example.com/app\n\ngo 1.22\n"),
        ("a.go", &leaky(&["Load", "Save"])),
        ("sub/open.go", ESCAPING),
    ]);
    let (code, check) = tree.run(&["check", "--format", "markdown"]);
    assert_eq!(code, 1);
    assert!(
        check.starts_with("## ctxmod: 3 findings in 2 files\n"),
        "{check}"
    );
    assert!(
        check.contains("| CTX005 `lost-cancel` | 3 | The derived context"),
        "{check}"
    );
    assert!(check.contains("| `sub` | 1 |"), "{check}");
    assert!(
        check.contains("- `sub/open.go:7:7` CTX005 `lost-cancel`: "),
        "{check}"
    );
    assert!(check.contains("\n  - no automatic fix\n"), "{check}");
    assert!(!check.contains("<details>"), "{check}");

    let (code, fix) = tree.run(&["fix", "--format", "markdown"]);
    assert_eq!(code, 1);
    assert!(fix.starts_with("## ctxmod: 2 fixes in 1 file\n"), "{fix}");
    assert!(
        fix.contains("| package | files changed | fixes found there |"),
        "{fix}"
    );
    assert!(fix.contains("| `.` | 1 | 2 |"), "{fix}");
    assert!(
        fix.contains("- CTX005 `lost-cancel` (line 11): name it `cancel`"),
        "{fix}"
    );
    assert!(
        fix.contains("_Why `lost-cancel`:_ The derived context"),
        "{fix}"
    );
    assert!(fix.contains("```diff\n--- a/a.go\n+++ b/a.go\n"), "{fix}");
    assert!(!fix.contains("<details>"), "one file is not folded:\n{fix}");
    assert!(fences_balanced(&fix));

    let clean = Tree::new(&[("a.go", "package app\n")]);
    assert_eq!(
        clean.run(&["fix", "--format", "markdown"]).1,
        "## ctxmod: nothing to fix\n"
    );
    assert_eq!(
        clean.run(&["check", "--format", "markdown"]).1,
        "## ctxmod: no findings\n"
    );
}

#[test]
fn long_markdown_folds_and_a_budget_summarises_the_tail() {
    let files: Vec<(String, String)> = (0..8)
        .map(|i| (format!("pkg{i}/a.go"), leaky(&["Load", "Save"])))
        .collect();
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let tree = Tree::new(&files);
    let (_, full) = tree.run(&["fix", "--format", "markdown"]);
    assert_eq!(full.matches("<details>").count(), 8, "{full}");
    assert!(
        full.contains("<summary><code>pkg0/a.go</code>: 2 fixes</summary>"),
        "{full}"
    );
    for max in [300, 1500, 4000] {
        let (code, cut) = tree.run(&[
            "fix",
            "--format",
            "markdown",
            "--max-bytes",
            &max.to_string(),
        ]);
        assert_eq!(code, 1);
        assert!(cut.len() <= max, "{} bytes > {max}:\n{cut}", cut.len());
        assert!(fences_balanced(&cut), "{cut}");
        assert_eq!(
            cut.matches("<details>").count(),
            cut.matches("</details>").count()
        );
        let shown = cut.matches("<details>").count();
        assert!(
            cut.ends_with(&format!(
                "… and {} more fixes in {} files not shown here.\n",
                2 * (8 - shown),
                8 - shown
            )),
            "{cut}"
        );
    }
    let (_, all) = tree.run(&[
        "fix",
        "--format",
        "markdown",
        "--max-bytes",
        &full.len().to_string(),
    ]);
    assert_eq!(all, full);
    let (_, check) = tree.run(&["check", "--format", "markdown", "--max-bytes", "1200"]);
    assert!(check.len() <= 1200, "{check}");
    assert!(check.contains("more findings in"), "{check}");

    let out = support::ctxmod(&tree.root, &["check", "--max-bytes", "10"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("--max-bytes applies only to --format markdown"));
}

// ---------------------------------------------------------------------------
// fix --diff-out

/// A git repository holding `tree`'s files, committed.
fn git_repo(tree: &Tree) {
    for args in [
        &["init", "-q"][..],
        &["add", "-A"],
        &[
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@t",
            "commit",
            "-q",
            "-m",
            "base",
        ],
    ] {
        git(&tree.root, args);
    }
}

#[test]
fn diff_out_is_a_patch_git_applies() {
    // A new file (gin-copy-detach adds detach_context.go) and a CRLF file.
    let tree = Tree::golden("gin-copy-detach/seed");
    tree.add(&[(
        "crlf.go",
        &leaky(&["Windows"])
            .replace("package app", "package main")
            .replace('\n', "\r\n"),
    )]);
    git_repo(&tree);
    let written = tree.copy();
    written.run(&["fix", "--write"]);

    let (code, stdout) = tree.run(&["fix", "--diff-out", "../ctxmod.patch"]);
    assert_eq!(code, 1);
    let patch_path = tree.root.parent().unwrap().join("ctxmod.patch");
    let patch = std::fs::read_to_string(&patch_path).unwrap();
    assert_eq!(patch, stdout, "the patch is the dry run's diff");
    assert!(
        patch.contains("--- /dev/null\n+++ b/detach_context.go\n"),
        "{patch}"
    );
    assert!(patch.contains("\r\n"), "{patch}");
    git(
        &tree.root,
        &["apply", "--check", patch_path.to_str().unwrap()],
    );
    git(&tree.root, &["apply", patch_path.to_str().unwrap()]);
    let mut applied = read_tree(&tree.root);
    applied.retain(|p, _| !p.starts_with(".git"));
    let mut want = read_tree(&written.root);
    want.retain(|p, _| !p.starts_with(".git"));
    assert!(
        applied == want,
        "git apply of --diff-out differs from --write"
    );

    // With --write and another format, the patch is still written; with
    // nothing to change it is empty.
    let again = written.copy();
    let (code, report) = again.run(&[
        "fix",
        "--write",
        "--format",
        "json",
        "--diff-out",
        "../empty.patch",
    ]);
    assert_eq!(code, 0);
    assert!(report.contains("\"written\": true"), "{report}");
    assert_eq!(
        std::fs::read_to_string(again.root.parent().unwrap().join("empty.patch")).unwrap(),
        ""
    );
}
