//! Rule options (`--exported`, `--key-style`, `--detach-helper`, …) from the command line or the file.

use crate::support::project::Project;

#[test]
fn exported_functions_can_be_left_alone() {
    let files: &[(&str, &str)] = &[
        ("go.mod", "module example.com/app\n\ngo 1.22\n"),
        (
            "store.go",
            "package app\n\nimport \"context\"\n\nfunc step(ctx context.Context) error { return ctx.Err() }\n\nfunc Load() error { return step(context.TODO()) }\n\nfunc load() error { return step(context.TODO()) }\n\nfunc Serve(ctx context.Context) error {\n\t_ = load()\n\treturn Load()\n}\n",
        ),
    ];
    let flag = Project::with(files);
    let run = flag.run(&[
        "fix",
        "--unsafe",
        "--write",
        "--rule",
        "thread-ctx",
        "--exported",
        "skip",
        ".",
    ]);
    run.assert_code(0);
    let text = flag.read("store.go");
    assert!(
        text.contains("func Load() error"),
        "exported: left alone\n{text}"
    );
    assert!(
        text.contains("func load(ctx context.Context) error"),
        "unexported: threaded\n{text}"
    );
    let check = flag.run(&["check", "--rule", "thread-ctx", "--exported", "skip", "."]);
    assert!(check.stdout.contains("--exported skip"), "{}", check.stdout);

    let config = Project::with(files);
    config.write("ctxmod.toml", "[thread-ctx]\nexported = \"skip\"\n");
    config
        .run(&["fix", "--unsafe", "--write", "--rule", "thread-ctx", "."])
        .assert_code(0);
    assert!(config.read("store.go").contains("func Load() error"));
    // The command line wins over the file.
    config
        .run(&[
            "fix",
            "--unsafe",
            "--write",
            "--rule",
            "thread-ctx",
            "--exported",
            "thread",
            ".",
        ])
        .assert_code(0);
    assert!(config
        .read("store.go")
        .contains("func Load(ctx context.Context) error"));
}

#[test]
fn key_style_and_accessors_come_from_the_command_line() {
    let src = "package p\n\nimport \"context\"\n\n// With stores the user.\nfunc With(ctx context.Context, user string) context.Context {\n\treturn context.WithValue(ctx, \"user\", user)\n}\n\n// User reads it.\nfunc User(ctx context.Context) (string, bool) {\n\tu, ok := ctx.Value(\"user\").(string)\n\treturn u, ok\n}\n";
    let p = Project::with(&[("p.go", src)]);
    let plain = p.run_read_only(&["fix", "--rule", "string-key"]);
    assert!(
        plain.stdout.contains("+type userKey struct{}"),
        "{}",
        plain.stdout
    );
    assert!(!plain.stdout.contains("withUser"), "{}", plain.stdout);
    let styled = p.run_read_only(&[
        "fix",
        "--rule",
        "string-key",
        "--key-style",
        "const",
        "--accessors",
    ]);
    for line in [
        "+type userKeyType string",
        "+const userKey userKeyType = \"user\"",
        "+func withUser(ctx context.Context, v string) context.Context {",
        "+\treturn withUser(ctx, user)",
        "+\tu, ok := userFrom(ctx)",
    ] {
        assert!(
            styled.stdout.contains(line),
            "no `{line}` in\n{}",
            styled.stdout
        );
    }
}

#[test]
fn detach_helper_comes_from_the_command_line_or_the_configuration() {
    let src = "package api\n\nimport \"github.com/gin-gonic/gin\"\n\nfunc notify(c *gin.Context) {}\n\n// Create notifies in the background.\nfunc Create(c *gin.Context) {\n\tgo notify(c.Copy())\n}\n";
    let p = Project::with(&[
        ("go.mod", "module example.com/app\n\ngo 1.22\n"),
        ("api/api.go", src),
    ]);
    let own = p.run_read_only(&["fix", "--rule", "gin-copy-detach"]);
    assert!(
        own.stdout.contains("+++ b/api/detach_context.go"),
        "{}",
        own.stdout
    );
    let shared = p.run_read_only(&[
        "fix",
        "--rule",
        "gin-copy-detach",
        "--detach-helper",
        "example.com/app/ginx.Detach",
    ]);
    shared.assert_code(1);
    for line in [
        "+\t\"example.com/app/ginx\"",
        "+\tgo notify(ginx.Detach(c))",
    ] {
        assert!(
            shared.stdout.contains(line),
            "no `{line}` in\n{}",
            shared.stdout
        );
    }
    assert!(
        !shared.stdout.contains("detach_context.go"),
        "{}",
        shared.stdout
    );
    // The same from ctxmod.toml, and the command line wins over it.
    p.write(
        "ctxmod.toml",
        "[gin-copy-detach]\nhelper = \"example.com/app/ginx.Detach\"\n",
    );
    let configured = p.run_read_only(&["fix", "--rule", "gin-copy-detach"]);
    assert_eq!(configured.stdout, shared.stdout);
    let overridden = p.run_read_only(&[
        "fix",
        "--rule",
        "gin-copy-detach",
        "--detach-helper",
        "example.com/lib/gctx.Detached",
    ]);
    assert!(
        overridden.stdout.contains("+\tgo notify(gctx.Detached(c))"),
        "{}",
        overridden.stdout
    );
    // An unexported or malformed name is a usage error.
    let bad = p.run_read_only(&["fix", "--detach-helper", "example.com/app/ginx.detach"]);
    bad.assert_code(2);
    assert!(
        bad.stderr.contains("not an exported function name"),
        "{}",
        bad.stderr
    );
}

#[test]
fn detach_timeout_comes_from_the_command_line_over_the_file_and_needs_unsafe() {
    let src = "package p\n\nimport \"context\"\n\n// Send writes in the background.\nfunc Send(ctx context.Context, write func(context.Context) error) {\n\tbg := context.WithoutCancel(ctx)\n\tgo func() {\n\t\t_ = write(bg)\n\t}()\n}\n";
    let p = Project::with(&[
        ("p.go", src),
        ("ctxmod.toml", "[unbounded-detach]\ntimeout = \"2m\"\n"),
    ]);
    // Configured or not, the new cancellation waits for --unsafe.
    let safe = p.run_read_only(&["fix", "--rule", "unbounded-detach"]);
    assert_eq!(safe.code, Some(0), "{}", safe.stdout);
    assert!(safe.stdout.is_empty(), "{}", safe.stdout);
    let configured = p.run_read_only(&["fix", "--unsafe", "--rule", "CTX011"]);
    assert!(
        configured
            .stdout
            .contains("+\t\tbg, cancel := context.WithTimeout(bg, 2*time.Minute)"),
        "{}",
        configured.stdout
    );
    assert!(
        configured.stdout.contains("+\t\"time\""),
        "{}",
        configured.stdout
    );
    let flag = p.run_read_only(&["fix", "--unsafe", "--detach-timeout", "1h30m"]);
    assert!(
        flag.stdout
            .contains("+\t\tbg, cancel := context.WithTimeout(bg, 90*time.Minute)"),
        "{}",
        flag.stdout
    );
    p.run_read_only(&["fix", "--detach-timeout", "0s"])
        .assert_code(2);
    p.write("ctxmod.toml", "[unbounded-detach]\ntimeout = \"soon\"\n");
    p.run_read_only(&["check"]).assert_one_line_error(&[
        "ctxmod.toml:2:11: unbounded-detach.timeout: invalid duration `soon`",
    ]);
}

/// A leaf called from three handlers: threading it changes 3 calls.
const THREE_CALLERS: &str = "package app

import (
\t\"context\"
\t\"net/http\"
)

func find(ctx context.Context) error { return ctx.Err() }

func lookup() error { return find(context.TODO()) }

// A handles a.
func A(w http.ResponseWriter, r *http.Request) { _ = lookup() }

// B handles b.
func B(w http.ResponseWriter, r *http.Request) { _ = lookup() }

// C handles c.
func C(w http.ResponseWriter, r *http.Request) { _ = lookup() }
";

#[test]
fn a_threading_larger_than_the_limit_is_reported_with_its_size() {
    let p = Project::with(&[
        ("go.mod", "module example.com/app\n\ngo 1.22\n"),
        ("app.go", THREE_CALLERS),
    ]);
    let run = p.run_read_only(&["check", "--thread-max-calls", "2", "."]);
    run.assert_code(1);
    assert!(
        run.stdout.contains("(not fixed: threading it changes 1 functions and 3 calls, more than the 2 calls one fix may change"),
        "{}",
        run.stdout
    );
    // The same limit from ctxmod.toml; the flag wins over it.
    p.write("ctxmod.toml", "[thread-ctx]\nmax-calls = 2\n");
    let run = p.run_read_only(&["fix", "--unsafe", "."]);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    let run = p.run_read_only(&["fix", "--unsafe", "--thread-max-calls", "3", "."]);
    run.assert_code(1);
    assert_eq!(
        run.stdout.matches("r.Context()").count(),
        3,
        "{}",
        run.stdout
    );
    // 0 is no limit.
    let run = p.run_read_only(&["fix", "--unsafe", "--thread-max-calls", "0", "."]);
    assert_eq!(
        run.stdout.matches("r.Context()").count(),
        3,
        "{}",
        run.stdout
    );
}
