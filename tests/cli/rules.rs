//! Choosing rules with `--rule`, and the `rules` and `explain` commands.

use crate::support::project::Project;
use crate::support::sources::leaky;

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
fn rules_one_file_lists_the_rules_that_read_one_file_at_a_time() {
    let run = Project::new().run(&["rules", "--one-file"]);
    run.assert_code(0);
    let mut lines = run.stdout.lines();
    let header: Vec<&str> = lines.next().unwrap().split_whitespace().collect();
    assert_eq!(header, ["CODE", "ID", "FIX", "SUMMARY"]);
    let listed: Vec<&str> = lines
        .map(|l| l.split_whitespace().nth(1).unwrap())
        .collect();
    let one_file: Vec<&str> = ctxmod::transforms::registry()
        .iter()
        .filter(|e| e.reads_one_file())
        .map(|e| e.meta().id)
        .collect();
    assert_eq!(listed, one_file);
    assert!(listed.contains(&"lost-cancel"), "{listed:?}");
    assert!(!listed.contains(&"thread-ctx"), "{listed:?}");
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
