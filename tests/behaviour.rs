//! Fixes keep behaviour: the Go modules under `tests/behaviour/<rule-id>/`
//! pass their own `go test` before and after `ctxmod fix --write`.

mod support;

use std::path::Path;
use support::{copy_tree, ctxmod, go, have_go, tree_difference};

/// Runs the module's tests, fixes it, checks that the fix changed it and
/// left nothing of `rule` to fix, and runs its tests and vet again.
fn behaviour_is_kept(rule: &str) {
    if !have_go() {
        eprintln!("go is not on PATH: skipping the behaviour check of {rule}");
        return;
    }
    let module = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/behaviour")
        .join(rule);
    let tmp = tempfile::tempdir().unwrap();
    let work = tmp.path().join("m");
    copy_tree(&module, &work);
    go(&work, &["test", "./..."]).expect("the module's tests pass before the fix");
    let out = ctxmod(&work, &["fix", "--write", "--rule", rule, "."]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        tree_difference(&work, &module).is_some(),
        "the fix changed nothing"
    );
    let left = ctxmod(&work, &["check", "--rule", rule, "."]);
    assert!(
        left.stdout.is_empty(),
        "findings left after the fix:\n{}",
        String::from_utf8_lossy(&left.stdout)
    );
    go(&work, &["test", "./..."]).expect("the module's tests pass after the fix");
    go(&work, &["vet", "./..."]).expect("go vet passes after the fix");
}

#[test]
fn string_keys_become_typed_keys_and_tests_still_pass() {
    behaviour_is_kept("string-key");
}
