//! Checking one rule on a Go file in unit tests, next to the rule:
//! `check_fix(&RULE, before, after)` and `findings(&RULE, src)`, as
//! rust-analyzer's assists test themselves. Cases that need several files,
//! a build or a vet run are golden cases (`golden/`).

use crate::lint::engine::Engine;
use crate::lint::fix::Applicability;
use crate::lint::rule::{Rule, RuleSet};
use indicatif::ProgressBar;
use std::path::PathBuf;

/// A module `example.com/m` (Go 1.22) holding `src` as `a.go`.
fn module(src: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("go.mod"),
        "module example.com/m\n\ngo 1.22\n",
    )
    .unwrap();
    let path = dir.path().join("a.go");
    std::fs::write(&path, src).unwrap();
    (dir, path)
}

/// What `rule` alone reports on `src`, each finding as `line: message`.
pub(crate) fn findings(rule: &'static dyn Rule, src: &str) -> Vec<String> {
    let (_dir, path) = module(src);
    let set = RuleSet::new(vec![rule]);
    let outcome = Engine::new(&set).check(&[path], &ProgressBar::hidden());
    assert!(outcome.notices.is_empty(), "{:?}", outcome.notices);
    outcome
        .files
        .iter()
        .flat_map(|file| {
            file.findings.iter().map(|f| {
                let (line, _) = crate::go::source::line_col(&file.source.text, f.range.start);
                format!("{line}: {}", f.message)
            })
        })
        .collect()
}

/// Asserts that the fixes of `rule` alone, unsafe ones included, turn
/// `before` into `after`, and that they leave nothing more to fix.
pub(crate) fn check_fix(rule: &'static dyn Rule, before: &str, after: &str) {
    let (_dir, path) = module(before);
    let set = RuleSet::new(vec![rule]);
    let engine = Engine::new(&set);
    let outcome = engine.fix(
        std::slice::from_ref(&path),
        Applicability::Unsafe,
        &ProgressBar::hidden(),
    );
    assert!(outcome.notices.is_empty(), "{:?}", outcome.notices);
    let fixed = outcome
        .changed
        .iter()
        .find(|c| c.source.path == path)
        .map_or(before, |c| c.new_text.as_str());
    assert_eq!(fixed, after, "the fix of {}", rule.meta().id);
    std::fs::write(&path, fixed).unwrap();
    let again = engine.fix(&[path], Applicability::Unsafe, &ProgressBar::hidden());
    assert!(
        again.changed.is_empty(),
        "a second run of {} changes the fixed file",
        rule.meta().id
    );
}
