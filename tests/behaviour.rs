//! Fixes keep behaviour, or fix it: the Go modules under
//! `tests/behaviour/<rule-id>/` pass their own `go test` before and after
//! `ctxmod fix --write --unsafe`; those under `tests/behaviour/gin/` and
//! `tests/behaviour/http/` fail it before (the bug the rules fix) and pass
//! it after.

mod support;

use std::path::Path;
use support::{copy_tree, ctxmod, go, have_go, tree_difference};

/// Runs the module's tests, fixes it, checks that the fix changed it and
/// left nothing of `rule` to fix, and runs its tests and vet again.
fn behaviour_is_kept(rule: &str) {
    fixed_module(rule, &[rule], |before| {
        before.expect("the module's tests pass before the fix");
    });
}

/// Copies the module `tests/behaviour/<dir>`, runs its tests and hands
/// the result to `before`, fixes it with `rules`, checks that the fix
/// changed it and left nothing of them to fix, and runs its tests and vet
/// again. Unsafe fixes are applied too: `rules` picks what runs.
fn fixed_module(dir: &str, rules: &[&str], before: impl FnOnce(Result<(), String>)) {
    if !have_go() {
        eprintln!("go is not on PATH: skipping the behaviour check of {dir}");
        return;
    }
    let module = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/behaviour")
        .join(dir);
    let tmp = tempfile::tempdir().unwrap();
    let work = tmp.path().join("m");
    copy_tree(&module, &work);
    before(go(&work, &["test", "./..."]));
    let mut args = vec!["fix", "--write", "--unsafe"];
    for rule in rules {
        args.extend(["--rule", rule]);
    }
    args.push(".");
    let out = ctxmod(&work, &args);
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
    args[0] = "check";
    args.retain(|a| *a != "--write" && *a != "--unsafe");
    let left = ctxmod(&work, &args);
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

#[test]
fn gin_background_jobs_keep_the_request_values_and_are_not_cancelled() {
    fixed_module("gin", &["gin-goroutine", "gin-copy-detach"], |before| {
        let failure = before.expect_err("the background jobs fail before the fix");
        assert!(
            failure.contains("/copied: the background job saw context canceled"),
            "{failure}"
        );
        assert!(
            failure.contains("/captured: the background job saw context canceled"),
            "{failure}"
        );
    });
}

#[test]
fn request_contexts_handed_to_goroutines_keep_their_values_and_are_not_cancelled() {
    fixed_module("http", &["request-ctx-goroutine"], |before| {
        let failure = before.expect_err("the background writes fail before the fix");
        assert!(
            failure.contains("/handed: the background write saw context canceled"),
            "{failure}"
        );
        assert!(
            failure.contains("/captured: the background write saw context canceled"),
            "{failure}"
        );
    });
}
