//! `--stats`, and through it that ctxmod parses only the files it needs, each once.

use crate::support::project::Project;
use crate::support::sources::{leaky, CLEAN};

#[test]
fn stats_show_one_parse_per_parsed_file() {
    let p = Project::with(&[
        ("a.go", &leaky(&["Load", "Save"])),
        ("b.go", CLEAN),
        ("plain.go", "package app\n\nfunc Plain() int { return 1 }\n"),
    ]);
    let run = p.run(&["check", "--stats"]);
    run.assert_code(1);
    let line = run.stderr.lines().last().unwrap_or_default().to_string();
    assert!(
        line.starts_with("ctxmod: 3 files read, 2 parsed in 2 parses, 2 findings, "),
        "the file without `context` is not parsed; the others once each: {line}"
    );
}

#[test]
fn string_key_parses_only_files_that_store_or_read_a_value() {
    // A context value is stored with `WithValue(` and read with `.Value(`:
    // a file that only calls another function ending in `Value` is not
    // read as a tree, even when it is all string-key runs.
    let p = Project::with(&[
        ("go.mod", "module example.com/app\n\ngo 1.22\n"),
        (
            "store.go",
            "package app\n\nimport \"context\"\n\nfunc store(ctx context.Context) context.Context {\n\treturn context.WithValue(ctx, \"user\", 1)\n}\n",
        ),
        (
            "read.go",
            "package app\n\ntype valuer interface{ Value(key any) any }\n\nfunc read(v valuer) any { return v.Value(\"user\") }\n",
        ),
        (
            "labels.go",
            "package app\n\nfunc LabelValue(s string) string { return s }\n\nfunc label() string { return LabelValue(\"user\") }\n",
        ),
    ]);
    let run = p.run_read_only(&["check", "--stats", "--rule", "string-key", "."]);
    assert!(run.stdout.contains("CTX004"), "{}", run.stdout);
    let line = run.stderr.lines().last().unwrap_or_default();
    assert!(
        line.starts_with("ctxmod: 3 files read, 2 parsed in 2 parses, "),
        "labels.go only calls LabelValue: {line}"
    );
}

#[test]
fn struct_ctx_looks_no_further_than_a_reader_that_cannot_take_a_context() {
    // `get` is used as a value, so the field stays whoever calls `x`: y.go,
    // which only calls `x`, need not be read.
    let p = Project::with(&[
        ("go.mod", "module example.com/app\n\ngo 1.22\n"),
        (
            "store.go",
            "package app\n\nimport \"context\"\n\n// Store keeps a context.\ntype Store struct {\n\tctx context.Context\n}\n\nfunc newStore(ctx context.Context) *Store { return &Store{ctx: ctx} }\n\nfunc (s *Store) get() error { return s.ctx.Err() }\n\nfunc (s *Store) hook() func() error { return s.get }\n",
        ),
        ("x.go", "package app\n\nfunc x(s *Store) error { return s.get() }\n"),
        ("y.go", "package app\n\nfunc y(s *Store) error { return x(s) }\n"),
    ]);
    let run = p.run_read_only(&["check", "--stats", "--rule", "struct-ctx", "."]);
    assert!(
        run.stdout.contains(
            "(not fixed: `get` cannot take a context: `get` is used as a value at store.go:14)"
        ),
        "{}",
        run.stdout
    );
    let line = run.stderr.lines().last().unwrap_or_default();
    assert!(
        line.starts_with("ctxmod: 3 files read, 1 parsed in 4 parses, "),
        "as many parses as without y.go, which only calls `x`: {line}"
    );
}
