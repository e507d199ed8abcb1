//! `ctxmod fix`: the dry run's diff, `--write`, `--unsafe`, CRLF files and follow-up fixes in one run.

use crate::support;
use crate::support::git::{git_apply, have_git};
use crate::support::project::{run_with_go, Project};
use crate::support::sources::{fixed, leaky, CLEAN, ESCAPING};

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

/// `text` with every line ending turned into CRLF.
fn crlf(text: &str) -> String {
    text.replace('\n', "\r\n")
}

/// `text` without its final newline.
fn no_final_newline(text: &str) -> String {
    text.strip_suffix('\n').unwrap_or(text).to_string()
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
