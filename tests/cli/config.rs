//! `ctxmod.toml`: enabling and disabling rules, excluding paths, and errors in the file.

use crate::support::project::Project;
use crate::support::sources::{fixed, leaky};
use std::collections::BTreeSet;

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
