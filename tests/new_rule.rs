//! `scripts/new-rule.sh`, run on a temporary copy of `transforms/`: the
//! files it writes, the lines it adds to `transforms/mod.rs`, and what it
//! refuses. (Building and testing a rule it wrote takes a whole build; that
//! was tried by hand when the script was written.)

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A temporary root holding a copy of the repository's `transforms/`.
fn scratch_root() -> tempfile::TempDir {
    let root = tempfile::tempdir().unwrap();
    for (path, text) in files(&repo().join("transforms")) {
        let to = root.path().join("transforms").join(path);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::write(to, text).unwrap();
    }
    root
}

/// Runs the script with `args` on `root`.
fn new_rule(root: &Path, args: &[&str]) -> Output {
    Command::new("bash")
        .arg(repo().join("scripts/new-rule.sh"))
        .args(args)
        .env("CTXMOD_ROOT", root)
        .output()
        .unwrap()
}

/// Every file under `dir`, relative to it, with its text.
fn files(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let text = std::fs::read_to_string(&path).unwrap();
                found.push((path.strip_prefix(dir).unwrap().to_path_buf(), text));
            }
        }
    }
    found.sort();
    found
}

/// The field names of a rule file's `static META: RuleMeta` block.
fn meta_fields(source: &str) -> Vec<String> {
    let start = source
        .find("static META: RuleMeta = RuleMeta {\n")
        .expect("a META block");
    source[start..]
        .lines()
        .skip(1)
        .take_while(|line| *line != "};")
        .filter_map(|line| line.strip_prefix("    ")?.split_once(": ").map(|(f, _)| f))
        .filter(|field| field.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        .map(str::to_string)
        .collect()
}

#[test]
fn new_rule_writes_the_rule_its_registry_lines_and_golden_skeletons() {
    let root = scratch_root();
    let before = files(root.path());
    let out = new_rule(root.path(), &["deadline-leak", "CTX099"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("UPDATE_GOLDEN=1") && said.contains("UPDATE_README=1"));

    // The rule file: the five sections, its metadata, the same fields as
    // every rule's (so it compiles), and placeholders the lib test rejects.
    let rule = std::fs::read_to_string(root.path().join("transforms/deadline_leak.rs")).unwrap();
    for section in [
        "What it does",
        "Why",
        "Example",
        "Fix safety",
        "Limitations",
    ] {
        assert!(rule.contains(&format!("//! ## {section}\n")), "{section}");
    }
    assert!(rule.contains("pub struct DeadlineLeak;"));
    assert!(rule.contains("pub static RULE: DeadlineLeak = DeadlineLeak;"));
    assert!(rule.contains("    code: \"CTX099\",\n    id: \"deadline-leak\",\n"));
    assert!(rule.contains("Replace this:"));
    let lost_cancel = std::fs::read_to_string(repo().join("transforms/lost_cancel.rs")).unwrap();
    assert_eq!(meta_fields(&rule), meta_fields(&lost_cancel));

    // mod.rs: declared in alphabetical order, registered last.
    let mod_rs = std::fs::read_to_string(root.path().join("transforms/mod.rs")).unwrap();
    let modules: Vec<&str> = mod_rs
        .lines()
        .filter_map(|l| l.strip_prefix("pub mod ")?.strip_suffix(';'))
        .collect();
    assert!(modules.contains(&"deadline_leak"), "{modules:?}");
    assert!(modules.is_sorted(), "{modules:?}");
    let registry = &mod_rs[mod_rs.find("\nregistry! {\n").unwrap()..];
    let registered: Vec<&str> = registry
        .lines()
        .skip(2)
        .take_while(|l| *l != "}")
        .map(|l| l.trim().trim_end_matches(','))
        .collect();
    assert_eq!(
        registered.last(),
        Some(&"deadline_leak => \"deadline_leak.rs\"")
    );
    let original = std::fs::read_to_string(repo().join("transforms/mod.rs")).unwrap();
    let mut without: Vec<&str> = mod_rs.lines().collect();
    without.retain(|l| {
        *l != "pub mod deadline_leak;" && *l != "    deadline_leak => \"deadline_leak.rs\","
    });
    assert_eq!(without, original.lines().collect::<Vec<_>>());

    // The golden cases: input/ only (UPDATE_GOLDEN=1 writes the snapshot
    // and expected/), a Go module each.
    let golden = files(&root.path().join("golden"));
    let names: Vec<String> = golden
        .iter()
        .map(|(path, _)| path.display().to_string())
        .collect();
    assert_eq!(
        names,
        [
            "deadline-leak/no-op/README",
            "deadline-leak/no-op/input/go.mod",
            "deadline-leak/no-op/input/ok.go",
            "deadline-leak/seed/README",
            "deadline-leak/seed/input/go.mod",
            "deadline-leak/seed/input/seed.go",
            "deadline-leak/suppressed/README",
            "deadline-leak/suppressed/input/go.mod",
            "deadline-leak/suppressed/input/keep.go",
        ]
    );
    for (path, text) in &golden {
        assert!(text.ends_with('\n'), "{}", path.display());
        let go = path.extension().is_some_and(|e| e == "go");
        if path.ends_with("README") {
            // One sentence, as the golden test wants its first line.
            assert_eq!(text.lines().count(), 1, "{}", path.display());
            assert!(text.trim_end().ends_with('.'), "{}", path.display());
        }
        if go {
            assert!(
                text.contains("\tretur"),
                "{} is indented with tabs",
                path.display()
            );
        }
        if go || path.ends_with("README") {
            assert!(text.contains("Replace this:"), "{}", path.display());
        }
    }
    let keep = &golden[8].1;
    assert!(
        keep.contains("\t//ctxmod:ignore deadline-leak -- "),
        "{keep}"
    );
    if let Ok(gofmt) = Command::new("gofmt")
        .arg("-l")
        .arg(root.path().join("golden"))
        .output()
    {
        assert!(
            gofmt.status.success() && gofmt.stdout.is_empty(),
            "{gofmt:?}"
        );
    }

    // Nothing else changed.
    let after = files(root.path());
    let changed: Vec<&PathBuf> = after
        .iter()
        .filter(|file| !before.contains(file))
        .map(|(path, _)| path)
        .collect();
    assert_eq!(changed.len(), 11, "{changed:?}");
}

#[test]
fn new_rule_refuses_a_taken_or_malformed_name_and_writes_nothing() {
    let root = scratch_root();
    let before = files(root.path());
    for args in [
        &["lost-cancel", "CTX099"][..],
        &["new-check", "CTX005"],
        // Rules in a folder count too.
        &["gin-goroutine", "CTX099"],
        &["new-check", "GIN001"],
        &["gin", "CTX099"],
        &["new-check", "ctx005"],
        &["New_Check", "CTX099"],
        &["new-check", "X1"],
        &["match", "CTX099"],
        &["rule", "CTX099"],
        &["new-check"],
    ] {
        let out = new_rule(root.path(), args);
        assert!(!out.status.success(), "{args:?}");
        assert!(!out.stderr.is_empty(), "{args:?} says why");
        assert_eq!(files(root.path()), before, "{args:?} wrote something");
    }
    // A dry run says what it would write, and writes nothing.
    let out = new_rule(root.path(), &["--dry-run", "new-check", "CTX099"]);
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("would write transforms/new_check.rs"),
        "{said}"
    );
    assert!(said.contains("would write golden/new-check/suppressed/input/keep.go"));
    assert!(said.contains("would write golden/new-check/suppressed/README"));
    assert_eq!(files(root.path()), before);
    // The second of two runs finds the rule there.
    assert!(new_rule(root.path(), &["new-check", "CTX099"])
        .status
        .success());
    let out = new_rule(root.path(), &["new-check", "CTX098"]);
    assert!(!out.status.success());
}
