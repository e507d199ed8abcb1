//! Go files ctxmod cannot check: one warning or error line each, never edited, and the run goes on.

use crate::support::project::Project;
use crate::support::sources::{fixed, leaky, BINARY, BROKEN};
use std::collections::BTreeSet;

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
