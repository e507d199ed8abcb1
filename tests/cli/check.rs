//! `ctxmod check`: the text and JSON reports, and the exit code with nothing to report.

use crate::support::project::Project;
use crate::support::sources::{leaky, CLEAN, ESCAPING};
use serde_json::Value;

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
