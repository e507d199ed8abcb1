//! `fix --verify`: fixes that build are kept, fixes that break the build are dropped, no `go` skips it.

use crate::support;
use crate::support::project::{run_with_go, Project, Run};
use crate::support::sources::{fixed, leaky, THREAD_EXPORTED};

/// A type whose `Flush` method makes its own context: thread-ctx gives
/// `Flush` a `ctx` parameter, passed by `flushUser`, and `User` no longer
/// satisfies `http.Flusher`, which ctxmod cannot see (the interface is the
/// standard library's, its method name is not one ctxmod knows, and
/// `User` becomes an `http.Flusher` only in a `return`, which only the
/// type checker follows). The context.TODO() is on line 15.
const FLUSHER: &str = "package app

import (
\t\"context\"
\t\"net/http\"
)

// User is a user.
type User struct{ ID int }

func flusher() http.Flusher { return User{} }

// Flush writes the user out.
func (u User) Flush() {
\t_ = lookup(context.TODO(), u.ID)
}

func lookup(ctx context.Context, id int) string {
\t_ = ctx
\treturn http.StatusText(id)
}

func flushUser(ctx context.Context, u User) { u.Flush() }
";

/// Like [`FLUSHER`] with another interface and method name, so that the
/// two are each the only method of their name: `driver.Validator`'s
/// `IsValid`, passed a context by `checkFault`. The context.TODO() is on
/// line 15 too.
const VALIDATOR: &str = "package app

import (
\t\"context\"
\t\"database/sql/driver\"
)

// Fault is a fault.
type Fault struct{ ID int }

func validator() driver.Validator { return Fault{} }

// IsValid checks the fault.
func (f Fault) IsValid() bool {
\treturn check(context.TODO(), f.ID)
}

func check(ctx context.Context, id int) bool {
\t_ = ctx
\treturn id > 0
}

func checkFault(ctx context.Context, f Fault) bool { return f.IsValid() }
";

/// The last line on stderr, which must be verification's summary.
fn verify_summary(run: &Run) -> &str {
    let line = run.stderr.lines().last().unwrap_or_default();
    assert!(line.starts_with("verify: "), "{}", run.stderr);
    assert!(line.ends_with('s'), "timed: {line}");
    line
}

#[test]
fn verify_keeps_fixes_that_build() {
    if !support::have_go() {
        eprintln!("go is not on PATH: skipping (CI has go)");
        return;
    }
    let p = Project::with(&[
        ("ctxmod.toml", THREAD_EXPORTED),
        ("go.mod", "module example.com/app\n\ngo 1.22\n"),
        ("app.go", &leaky(&["Load"])),
        (
            "store/store.go",
            "package store\n\nimport \"context\"\n\nfunc step(ctx context.Context) error { return ctx.Err() }\n\n// Load makes its own context.\nfunc Load() error { return step(context.TODO()) }\n",
        ),
        (
            "api/api.go",
            "package api\n\nimport (\n\t\"context\"\n\n\t\"example.com/app/store\"\n)\n\nfunc Serve(ctx context.Context) error { return store.Load() }\n",
        ),
    ]);
    let run = run_with_go(&p, &["fix", "--unsafe", "--verify", "--write", "./..."]);
    run.assert_code(0);
    let summary = verify_summary(&run);
    assert!(
        summary.starts_with("verify: 2 fixes checked in 1 module, 0 dropped, took "),
        "{summary}"
    );
    // Besides the summary, only the list of exported signatures changed.
    assert_eq!(
        run.stderr.lines().take(2).collect::<Vec<_>>(),
        [
            "warning: 1 exported signature changed; code in other modules that calls it breaks:",
            "  `example.com/app/store.Load` (thread-ctx, store/store.go:8)"
        ],
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.lines().count(), 3, "{}", run.stderr);
    assert_eq!(p.read("app.go"), fixed(&["Load"]));
    assert!(p.read("api/api.go").contains("store.Load(ctx)"));
    assert_eq!(support::go(&p.root, &["vet", "./..."]), Ok(()));
}

#[test]
fn verify_drops_a_fix_that_breaks_the_build_and_keeps_the_others() {
    if !support::have_go() {
        eprintln!("go is not on PATH: skipping (CI has go)");
        return;
    }
    let p = Project::with(&[
        ("ctxmod.toml", THREAD_EXPORTED),
        ("go.mod", "module example.com/app\n\ngo 1.22\n"),
        ("user.go", FLUSHER),
        (
            "leak/leak.go",
            &leaky(&["Load"]).replace("package app", "package leak"),
        ),
    ]);
    // Without --verify, the build breaks.
    let unverified = p.copy();
    run_with_go(&unverified, &["fix", "--unsafe", "--write", "./..."]).assert_code(0);
    let error = support::go(&unverified.root, &["build", "./..."]).unwrap_err();
    assert!(error.contains("does not implement http.Flusher"), "{error}");

    // The dry run shows only the fix that verified, and says why the other
    // was dropped.
    let before = p.tree();
    let dry = run_with_go(&p, &["fix", "--unsafe", "--verify", "./..."]);
    assert!(p.tree() == before, "a dry run writes nothing");
    dry.assert_code(1);
    assert_eq!(dry.diff_files(), vec!["leak/leak.go"], "{}", dry.stdout);
    let lines = dry.stderr_lines();
    assert_eq!(lines.len(), 2, "{}", dry.stderr);
    assert!(
        lines[0].starts_with(
            "warning: user.go:15: verify: the thread-ctx fix \"take `ctx` as the first parameter"
        ),
        "{}",
        lines[0]
    );
    assert!(
        lines[0].contains("was dropped: it breaks the build: user.go:11:38: cannot use User{}"),
        "the compiler's first error, at the line of the file with the fix: {}",
        lines[0]
    );
    assert!(
        verify_summary(&dry).starts_with("verify: 2 fixes checked in 1 module, 1 dropped, took "),
        "{}",
        dry.stderr
    );

    // --write writes the fix that verified only.
    let write = run_with_go(&p, &["fix", "--unsafe", "--verify", "--write", "./..."]);
    write.assert_code(0);
    assert_eq!(write.stderr_lines()[..1], lines[..1]);
    assert_eq!(p.read("user.go"), FLUSHER);
    assert_eq!(
        p.read("leak/leak.go"),
        fixed(&["Load"]).replace("package app", "package leak")
    );
    assert!(
        write
            .stdout
            .starts_with("Applied 1 fix to 1 file; 1 finding left"),
        "{}",
        write.stdout
    );
    assert_eq!(support::go(&p.root, &["vet", "./..."]), Ok(()));
}

#[test]
fn verify_traces_each_breaking_fix_among_several_in_one_package() {
    if !support::have_go() {
        eprintln!("go is not on PATH: skipping (CI has go)");
        return;
    }
    let fault = VALIDATOR;
    let p = Project::with(&[
        ("ctxmod.toml", THREAD_EXPORTED),
        ("go.mod", "module example.com/app\n\ngo 1.22\n"),
        ("fault.go", fault),
        ("leak.go", &leaky(&["Load", "Save"])),
        ("user.go", FLUSHER),
    ]);
    let run = run_with_go(&p, &["fix", "--unsafe", "--verify", "--write", "./..."]);
    run.assert_code(0);
    let lines = run.stderr_lines();
    assert_eq!(lines.len(), 3, "{}", run.stderr);
    assert!(lines[0].starts_with("warning: fault.go:15: verify: the thread-ctx fix"));
    assert!(
        lines[0].contains("Fault does not implement driver.Validator"),
        "{}",
        lines[0]
    );
    assert!(lines[1].starts_with("warning: user.go:15: verify: the thread-ctx fix"));
    assert!(lines[1].contains("User does not implement http.Flusher"));
    assert!(
        verify_summary(&run).starts_with("verify: 4 fixes checked in 1 module, 2 dropped"),
        "{}",
        run.stderr
    );
    assert_eq!(p.read("fault.go"), fault);
    assert_eq!(p.read("user.go"), FLUSHER);
    assert_eq!(p.read("leak.go"), fixed(&["Load", "Save"]));
}

#[test]
fn verify_builds_the_modules_of_the_go_work_that_require_an_edited_one() {
    if !support::have_go() {
        eprintln!("go is not on PATH: skipping (CI has go)");
        return;
    }
    // lib builds after thread-ctx changes `Flush`; app, which needs
    // lib.User to be an http.Flusher, does not, and holds no edit.
    let user = FLUSHER
        .replace("package app", "package lib")
        .replace("func flusher() http.Flusher { return User{} }\n\n", "");
    let p = Project::with(&[
        ("ctxmod.toml", THREAD_EXPORTED),
        ("go.work", "go 1.22\n\nuse (\n\t./lib\n\t./app\n)\n"),
        ("lib/go.mod", "module example.com/lib\n\ngo 1.22\n"),
        ("lib/user.go", &user),
        ("lib/leak.go", &leaky(&["Load"]).replace("package app", "package lib")),
        (
            "app/go.mod",
            "module example.com/app\n\ngo 1.22\n\nrequire example.com/lib v0.0.0\n",
        ),
        (
            "app/app.go",
            "package app\n\nimport (\n\t\"net/http\"\n\n\t\"example.com/lib\"\n)\n\nvar _ http.Flusher = lib.User{}\n",
        ),
    ]);
    let env = [("GOTOOLCHAIN", "local"), ("GOFLAGS", ""), ("GOWORK", "")];
    let run: Run = support::ctxmod_with_env(
        &p.root,
        &["fix", "--unsafe", "--verify", "--write", "./..."],
        &env,
    )
    .into();
    run.assert_code(0);
    let lines = run.stderr_lines();
    assert!(
        lines[0].starts_with("warning: lib/user.go:13: verify: the thread-ctx fix"),
        "{}",
        run.stderr
    );
    assert!(
        lines[0].contains("it breaks the build: app/app.go:9:22: cannot use lib.User{}"),
        "{}",
        lines[0]
    );
    assert!(
        verify_summary(&run).starts_with("verify: 2 fixes checked in 2 modules, 1 dropped"),
        "{}",
        run.stderr
    );
    assert_eq!(p.read("lib/user.go"), user);
    assert_eq!(
        p.read("lib/leak.go"),
        fixed(&["Load"]).replace("package app", "package lib")
    );
}

#[test]
fn verify_does_not_blame_a_package_that_did_not_build_before() {
    if !support::have_go() {
        eprintln!("go is not on PATH: skipping (CI has go)");
        return;
    }
    // The package does not compile before any fix (a type error the
    // parser cannot see); its lost cancel is still fixed.
    let broken = format!("{}\nvar count int = \"three\"\n", leaky(&["Load"]));
    let p = Project::with(&[
        ("go.mod", "module example.com/app\n\ngo 1.22\n"),
        ("app.go", &broken),
    ]);
    assert!(support::go(&p.root, &["build", "./..."]).is_err());
    let run = run_with_go(&p, &["fix", "--verify", "--write", "./..."]);
    run.assert_code(0);
    let lines = run.stderr_lines();
    assert_eq!(
        lines[0],
        "warning: app.go: verify: the fixes in this package were not verified: it did not build before them: app.go:10:17: cannot use \"three\" (untyped string constant) as int value in variable declaration"
    );
    assert!(
        verify_summary(&run).starts_with("verify: 1 fix checked in 1 module, 0 dropped, took "),
        "{}",
        run.stderr
    );
    assert_eq!(lines.len(), 2, "{}", run.stderr);
    assert_eq!(
        p.read("app.go"),
        format!("{}\nvar count int = \"three\"\n", fixed(&["Load"]))
    );
}

/// A module whose app.go has a lost cancel to fix and a self-assignment
/// vet reports, with that file's text.
fn with_a_vet_finding() -> (Project, String) {
    let text = format!(
        "{}\nfunc same() {{\n\tx := 1\n\tx = x\n\t_ = x\n}}\n",
        leaky(&["Load"])
    );
    let p = Project::with(&[
        ("go.mod", "module example.com/app\n\ngo 1.22\n"),
        ("app.go", &text),
    ]);
    (p, text)
}

#[test]
fn verify_gives_the_same_answer_when_vet_replays_its_cache() {
    if !support::have_go() {
        eprintln!("go is not on PATH: skipping (CI has go)");
        return;
    }
    // The edited file has a vet finding of its own. The toolchain caches
    // what vet says of a package by its files' contents, and the second
    // run is told it again with the first run's temporary paths.
    let (p, _) = with_a_vet_finding();
    assert!(support::go(&p.root, &["vet", "./..."]).is_err());
    for run in 1..=2 {
        let out = run_with_go(&p, &["fix", "--verify", "./..."]);
        assert!(
            verify_summary(&out).starts_with("verify: 1 fix checked in 1 module, 0 dropped, took "),
            "run {run}: {}",
            out.stderr
        );
    }
}

#[test]
fn go_vet_after_verify_names_the_users_files() {
    if !support::have_go() {
        eprintln!("go is not on PATH: skipping (CI has go)");
        return;
    }
    // vet's finding in the edited file is cached by the file's contents:
    // once written, they must not be those vet saw under the overlay's
    // temporary path, or the user's own vet says it again with that path.
    let (p, text) = with_a_vet_finding();
    let out = run_with_go(&p, &["fix", "--verify", "--write", "./..."]);
    assert!(
        verify_summary(&out).starts_with("verify: 1 fix checked in 1 module, 0 dropped, took "),
        "{}",
        out.stderr
    );
    assert_eq!(
        p.read("app.go"),
        text.replace(&leaky(&["Load"]), &fixed(&["Load"]))
    );
    let vet = support::go(&p.root, &["vet", "./..."]).expect_err("the self-assignment stays");
    assert!(vet.contains("app.go:"), "{vet}");
    assert!(!vet.contains("ctxmod-verify-"), "{vet}");
}

#[test]
fn verify_is_skipped_with_a_note_when_go_is_not_on_path() {
    let p = Project::with(&[
        ("go.mod", "module example.com/app\n\ngo 1.22\n"),
        ("app.go", &leaky(&["Load"])),
    ]);
    let empty = tempfile::tempdir().unwrap();
    let path = empty.path().to_str().unwrap();
    let run: Run =
        support::ctxmod_with_env(&p.root, &["fix", "--verify", "--write"], &[("PATH", path)])
            .into();
    run.assert_code(0);
    assert_eq!(run.stderr, "verify: skipped (go not found)\n");
    assert_eq!(
        p.read("app.go"),
        fixed(&["Load"]),
        "fixed as without --verify"
    );
    let help = p.run(&["fix", "--help"]);
    assert!(help.stdout.contains("--verify"), "{}", help.stdout);
    assert!(
        help.stdout.contains("ctxmod fix --unsafe --verify"),
        "an example"
    );
}
