//! Fixes keep behaviour, or fix it: the Go modules under
//! `tests/behaviour/<rule-id>/` pass their own `go test` before and after
//! `ctxmod fix --write --unsafe`; those under `tests/behaviour/gin/` and
//! `tests/behaviour/http/` fail it before (the bug the rules fix) and pass
//! it after.
//!
//! The cases with an `input/` directory pin fixes ctxmod once got wrong on
//! real code: `input/` is a module whose `go test` passes, `wrong/` holds
//! the files the wrong fix wrote (overlaid on `input/`, the tests fail, or
//! the module does not build), and `expected/` the files as ctxmod must
//! write them now. A case without `expected/` is one ctxmod must leave
//! alone. Either way the fixed module passes `go test` and `go vet`.

mod support;

use std::path::{Path, PathBuf};
use support::{copy_tree, ctxmod, go, have_go, tree_difference};

/// Runs `ctxmod fix --write --unsafe` with `rules` in `work`, checks that
/// it succeeded, and returns the arguments it ran with.
fn fix_write<'a>(work: &Path, rules: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["fix", "--write", "--unsafe"];
    for rule in rules {
        args.extend(["--rule", rule]);
    }
    args.push(".");
    let out = ctxmod(work, &args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    args
}

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
    let mut args = fix_write(&work, rules);
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

/// Checks the case `tests/behaviour/<name>/`: its `input/` passes
/// `go test`; with `wrong/` laid over it the tests fail (or the build
/// does), saying `wrong_fails_with`; `ctxmod fix --write --unsafe` with
/// `rules` turns `input/` into `expected/` when the case `changes` it, and
/// leaves it as it is otherwise; the result passes `go test` and `go vet`,
/// and a dry run finds nothing more to fix.
fn fix_is_right(name: &str, rules: &[&str], wrong_fails_with: &str, changes: bool) {
    if !have_go() {
        eprintln!("go is not on PATH: skipping the behaviour check of {name}");
        return;
    }
    let case: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/behaviour")
        .join(name);
    let input = case.join("input");
    let tmp = tempfile::tempdir().unwrap();

    let work = tmp.path().join("fixed");
    copy_tree(&input, &work);
    go(&work, &["test", "./..."]).expect("the module's tests pass before the fix");

    let wrong = tmp.path().join("wrong");
    copy_tree(&input, &wrong);
    copy_tree(&case.join("wrong"), &wrong);
    let failure =
        go(&wrong, &["test", "./..."]).expect_err("the module's tests fail with the wrong fix");
    assert!(
        failure.contains(wrong_fails_with),
        "the wrong fix fails otherwise than with {wrong_fails_with:?}:\n{failure}"
    );

    let mut args = fix_write(&work, rules);
    if changes {
        assert!(
            tree_difference(&work, &input).is_some(),
            "the fix changed nothing"
        );
        for (rel, want) in support::read_tree(&case.join("expected")) {
            let got =
                std::fs::read(work.join(&rel)).unwrap_or_else(|e| panic!("{}: {e}", rel.display()));
            assert!(
                got == want,
                "{} differs from expected/:\n{}",
                rel.display(),
                similar::TextDiff::from_lines(
                    &String::from_utf8_lossy(&want).to_string(),
                    &String::from_utf8_lossy(&got).to_string()
                )
                .unified_diff()
                .header("expected", "got")
            );
        }
    } else if let Some(diff) = tree_difference(&work, &input) {
        panic!("the fix changed a module it must leave alone:\n{diff}");
    }
    go(&work, &["test", "./..."]).expect("the module's tests pass after the fix");
    go(&work, &["vet", "./..."]).expect("go vet passes after the fix");

    args.retain(|a| *a != "--write");
    let again = ctxmod(&work, &args);
    assert!(
        again.stdout.is_empty(),
        "a dry run after the fix still wants changes:\n{}",
        String::from_utf8_lossy(&again.stdout)
    );
}

/// client-go's leader elector releases its lease after `wait.Until`
/// returns, when the context it ran with is cancelled: the release keeps
/// its own deadline and drops only the cancellation.
#[test]
fn a_lease_released_after_the_wait_ends_is_released_with_a_live_context() {
    fix_is_right(
        "thread-ctx-after-wait",
        &["thread-ctx"],
        "the lease was not released",
        true,
    );
}

/// client-go's `ContextCanceller` stores the client's context to refuse
/// requests once it is done: it is not any request's context.
#[test]
fn a_context_stored_for_the_structs_lifetime_stays_in_the_struct() {
    fix_is_right(
        "struct-ctx-lifetime",
        &["struct-ctx"],
        "closed context should return the known error",
        false,
    );
}

/// A goroutine that selects on the request's `Done()` to give up when
/// the request ends relies on that cancellation: detaching it leaks it.
#[test]
fn a_goroutine_that_waits_on_the_requests_done_keeps_the_request_context() {
    fix_is_right(
        "request-ctx-goroutine-waits",
        &["request-ctx-goroutine"],
        "the resize goroutine outlived its request",
        false,
    );
}

/// A fresh root made in the `<-ctx.Done()` arm of a select is there
/// because `ctx` is done: using `ctx` instead cancels the work at once.
#[test]
fn a_background_context_in_the_done_arm_is_kept() {
    fix_is_right(
        "background-in-done-arm",
        &["background-in-scope"],
        "final health check saw a cancelled context",
        false,
    );
}

/// A request's context handed to a goroutine that outlives the handler
/// reaches a function threaded by thread-ctx: the call in the goroutine
/// detaches it, so the work is not cancelled with the request.
#[test]
fn a_context_threaded_into_a_goroutine_after_the_request_is_detached() {
    fix_is_right(
        "thread-ctx-go-request",
        &["thread-ctx"],
        "the quota cache was not updated",
        true,
    );
}

/// caddy's `resolverClient` embeds another module's interface and
/// implements one of its methods with the stored context: the method's
/// signature is that interface's, so the field stays.
#[test]
fn a_method_implementing_an_embedded_foreign_interface_keeps_its_stored_context() {
    fix_is_right(
        "struct-ctx-foreign-embed",
        &["struct-ctx"],
        "does not implement acme.Client",
        false,
    );
}

/// caddy's stop handler answers, then calls `exitProcess`, whose cleanup
/// makes its own context with `context.Background()`: it runs while the
/// request ends, so threading the request's context cuts it short.
#[test]
fn an_exit_cleanup_keeps_its_own_background_context() {
    fix_is_right(
        "thread-ctx-shutdown-path",
        &["thread-ctx"],
        "the exit cleanup was cut short",
        false,
    );
}

/// client-go's `record.NewBroadcaster` takes its context as a
/// `WithContext` option and defaults a nil one to `context.Background()`:
/// a caller that gives none wants a broadcaster that outlives it.
#[test]
fn a_context_options_nil_default_is_not_threaded() {
    fix_is_right(
        "thread-ctx-context-option",
        &["thread-ctx"],
        "the broadcaster stopped with the request",
        false,
    );
}

/// caddy's `HTTPCertGetter` stores the context its `Provision` is given,
/// the life of its configuration: moving its reads to the handshake's own
/// context makes an abandoned handshake cancel the fetch.
#[test]
fn a_context_stored_by_provision_stays_the_configurations() {
    fix_is_right(
        "struct-ctx-provisioned",
        &["struct-ctx"],
        "the certificate fetch followed the handshake's context",
        false,
    );
}
