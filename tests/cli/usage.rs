//! Usage: bad arguments are one-line errors with exit 2, `--help`, and shell completions.

use crate::support::project::Project;
use crate::support::sources::{leaky, BINARY};

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

#[test]
fn help_names_no_rust_items() {
    // Doc comments become help text: a rustdoc link there shows as
    // `[`crate::…`]` to the user.
    let p = Project::new();
    for args in [
        &["check", "--help"][..],
        &["fix", "--help"],
        &["apply", "--help"],
    ] {
        let run = p.run(args);
        run.assert_code(0);
        assert!(
            !run.stdout.contains("crate::") && !run.stdout.contains("[`"),
            "{args:?}:\n{}",
            run.stdout
        );
    }
}
