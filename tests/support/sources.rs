//! Small Go files with known findings, and the `ctxmod.toml` most module
//! tests need: the inputs several test binaries build their trees from.

/// A Go file of package `app` holding one function per name, each of which
/// discards the cancel function of `context.WithCancel` on its line 2 (file
/// lines 6, 11, 16, …, column 7).
pub fn leaky(names: &[&str]) -> String {
    go_file(names, "\tctx, _ := context.WithCancel(parent)\n")
}

/// What `ctxmod fix --write` makes of [`leaky`] with the same names.
pub fn fixed(names: &[&str]) -> String {
    go_file(
        names,
        "\tctx, cancel := context.WithCancel(parent)\n\tdefer cancel()\n",
    )
}

/// A file of package `app` importing `context`, with one function per name
/// whose body is `declaration` then `return ctx.Err()`.
pub fn go_file(names: &[&str], declaration: &str) -> String {
    let mut text = String::from("package app\n\nimport \"context\"\n");
    for name in names {
        text.push_str(&format!(
            "\nfunc {name}(parent context.Context) error {{\n{declaration}\treturn ctx.Err()\n}}\n"
        ));
    }
    text
}

/// A file with a lost cancel that cannot be fixed because the context is
/// returned: a display-only finding at 6:7.
pub const ESCAPING: &str = "package app

import \"context\"

func Open(parent context.Context) context.Context {
\tctx, _ := context.WithCancel(parent)
\treturn ctx
}
";

/// A file that uses `context` correctly: nothing to report.
pub const CLEAN: &str = "package app

import \"context\"

func Load(parent context.Context) error {
\tctx, cancel := context.WithCancel(parent)
\tdefer cancel()
\treturn ctx.Err()
}
";

/// A lost cancel in a file that does not parse: the first error is on line 7.
pub const BROKEN: &str = "package app

import \"context\"

func Broken(parent context.Context) error {
\tctx, _ := context.WithCancel(parent)
\treturn ctx.Err(
}
";

/// Bytes that are not UTF-8, as in a binary file that happens to end in `.go`.
pub const BINARY: &[u8] = b"\x7fELF\x02\x01\x01\x00\xff\xfe\x00\x00context\x00\x80\x81";

/// A `ctxmod.toml` that has exported functions change like the others:
/// the test modules have no `main` package, where `--exported auto` (the
/// default) would keep their signatures.
pub const THREAD_EXPORTED: &str = "[thread-ctx]\nexported = \"thread\"\n";
