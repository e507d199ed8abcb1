//! Single rules' findings and fixes on given Go inputs, not the command line: to become golden cases.

use crate::support::copy_tree;
use crate::support::project::Project;
use crate::support::sources::THREAD_EXPORTED;
use std::path::Path;

#[test]
fn a_cancelled_context_that_cannot_be_returned_with_its_cancel_is_reported_with_the_call() {
    let p = Project::new();
    let golden =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("golden/cancelled-ctx-returned/not-fixed/input");
    copy_tree(&golden, &p.root);
    let check = p.run_read_only(&["check", "--rule", "cancelled-ctx-returned", "."]);
    check.assert_code(1);
    for expected in [
        "jobs.go:11:2: CTX010 cancelled-ctx-returned: `child` returns `ctx`, which its `defer cancel()` has cancelled: callers get a dead context (not fixed: the call at jobs.go:21 is passed to another call)",
        "jobs.go:32:2: CTX010 cancelled-ctx-returned: `attempt` returns `ctx`, which its `defer cancel()` has cancelled: callers get a dead context (not fixed: it returns other results besides the context)",
        "(not fixed: the call at jobs.go:52 is in a loop: a `defer cancel()` there would keep every iteration's context until the function returns)",
    ] {
        assert!(check.stdout.contains(expected), "{expected}\n{}", check.stdout);
    }
    let fix = p.run_read_only(&["fix", "--unsafe", "--write", "."]);
    fix.assert_code(0);
}

#[test]
fn struct_ctx_reports_a_field_that_outlives_a_call_with_the_place_and_reason() {
    let p = Project::new();
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("golden/struct-ctx/escaping/input");
    copy_tree(&golden, &p.root);
    let run = p.run_read_only(&["check", "--format", "json", "--rule", "struct-ctx", "."]);
    run.assert_code(1);
    let reasons: Vec<(u64, String)> = run
        .findings()
        .iter()
        .map(|f| {
            assert!(f["fix"].is_null(), "{f}");
            let message = f["message"].as_str().unwrap();
            let why = message.split("(not fixed: ").nth(1).unwrap_or(message);
            (f["line"].as_u64().unwrap(), why.to_string())
        })
        .collect();
    let expected = [
        (10, "it is read at server.go:20 and returned"),
        (25, "it is read at server.go:39 and used by a goroutine"),
        (
            49,
            "it is read at server.go:63, outside the methods of `Job`",
        ),
        (
            68,
            "the literal at server.go:74 sets the fields by position",
        ),
        (
            84,
            "it is set at server.go:90, but it is assigned together with other values",
        ),
        // Waiting on the field's Done channel marks a lifetime before the
        // goroutine that calls `Poll` is looked at.
        (101, "its `Done()` is waited on at server.go:106"),
    ];
    assert_eq!(reasons.len(), expected.len(), "{reasons:?}");
    for ((line, why), (want_line, want)) in reasons.iter().zip(expected) {
        assert_eq!(*line, want_line, "{why}");
        assert!(why.starts_with(want), "line {line}: {why}");
    }
    let before = p.tree();
    p.run(&["fix", "--unsafe", "--write", "--rule", "struct-ctx", "."])
        .assert_code(0);
    assert!(p.tree() == before, "nothing is fixed");
}

#[test]
fn struct_ctx_leaves_a_method_nothing_calls_and_a_field_set_where_it_cannot_edit() {
    let p = Project::with(&[
        ("ctxmod.toml", THREAD_EXPORTED),
        ("go.mod", "module example.com/app\n\ngo 1.22\n"),
        (
            "hook/hook.go",
            "package hook\n\nimport \"context\"\n\n// Hook is called back by another module.\ntype Hook struct {\n\tctx context.Context\n}\n\n// New makes a hook.\nfunc New(ctx context.Context) *Hook {\n\treturn &Hook{ctx: ctx}\n}\n\n// OnEvent may satisfy an interface of another module.\nfunc (h *Hook) OnEvent() error {\n\treturn h.ctx.Err()\n}\n",
        ),
        (
            "store/store.go",
            "package store\n\nimport \"context\"\n\n// Store keeps a context.\ntype Store struct {\n\tctx context.Context\n}\n\nfunc (s *Store) get() error { return s.ctx.Err() }\n\n// Get reads.\nfunc Get(ctx context.Context, s *Store) error { return s.get() }\n",
        ),
        (
            "store/new.go",
            "package store\n\nimport \"context\"\n\n// New makes a store.\nfunc New(ctx context.Context) *Store {\n\treturn &Store{\n\t\tctx: ctx,\n\t}\n}\n",
        ),
    ]);
    let run = p.run_read_only(&[
        "check",
        "--rule",
        "struct-ctx",
        "hook/...",
        "store/store.go",
    ]);
    run.assert_code(1);
    assert!(
        run.stdout.contains("`OnEvent` has no caller in the workspace: it may satisfy an interface of another module"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("it is used at store/new.go:8, a file ctxmod does not edit"),
        "{}",
        run.stdout
    );
    // Given the whole module, the store's fix is made in both files.
    p.run(&[
        "fix",
        "--unsafe",
        "--write",
        "--rule",
        "struct-ctx",
        "./...",
    ])
    .assert_code(0);
    assert!(
        p.read("store/new.go").contains("return &Store{}")
            || p.read("store/new.go").contains("return &Store{\n\t}")
    );
    assert!(p
        .read("store/store.go")
        .contains("func (s *Store) get(ctx context.Context) error { return ctx.Err() }"));
    assert!(p.read("store/store.go").contains("return s.get(ctx)"));
    assert!(p.read("hook/hook.go").contains("h.ctx.Err()"), "left alone");
}

#[test]
fn struct_ctx_leaves_an_exported_field_alone_with_exported_skip() {
    let p = Project::with(&[
        ("go.mod", "module example.com/app\n\ngo 1.22\n"),
        (
            "opts.go",
            "package app\n\nimport \"context\"\n\n// Options are filled in by callers.\ntype Options struct {\n\tCtx context.Context\n}\n\nfunc (o Options) err() error { return o.Ctx.Err() }\n\n// Run runs.\nfunc Run(ctx context.Context, o Options) error { return o.err() }\n",
        ),
    ]);
    let run = p.run_read_only(&["check", "--rule", "struct-ctx", "--exported", "skip", "."]);
    assert!(run.stdout.contains("(--exported skip)"), "{}", run.stdout);
    // The module has no main package: other modules may import it, and
    // by default its exported API stays too.
    let run = p.run_read_only(&["check", "--rule", "struct-ctx", "."]);
    assert!(
        run.stdout
            .contains("(a package other modules can import: --exported thread changes it)"),
        "{}",
        run.stdout
    );
    p.run(&[
        "fix",
        "--unsafe",
        "--write",
        "--rule",
        "struct-ctx",
        "--exported",
        "thread",
        ".",
    ])
    .assert_code(0);
    assert!(
        p.read("opts.go")
            .contains("func (o Options) err(ctx context.Context) error { return ctx.Err() }"),
        "{}",
        p.read("opts.go")
    );
}
