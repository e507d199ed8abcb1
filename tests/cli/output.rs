//! Where output goes: progress and colour only on a terminal, a closed stdout, exported changes first.

use crate::support::project::{Project, Run};
use crate::support::sources::{fixed, leaky};
use std::path::Path;
use std::process::{Command, Stdio};

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
