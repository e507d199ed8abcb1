//! Go text the mutator inserts to steer inputs toward the rules' code
//! paths: statements for a function body, and whole declarations that
//! type-check in any package (their names end in a fresh number).

use fastrand::Rng;

/// A top-level declaration: `{N}` in its text is replaced by a number
/// unique in the file, and `imports` are the packages it uses. Contexts
/// are handed to `fzSink{N}` ([`SINK`], added with it when named).
pub struct Declaration {
    /// The Go text, with `{N}` where a fresh number goes.
    pub text: &'static str,
    /// The import paths the text needs.
    pub imports: &'static [&'static str],
}

/// Declarations that build wherever their imports are present, each
/// aimed at a rule or at a shape of Go that rules must handle.
pub const DECLARATIONS: &[Declaration] = &[
    // thread-ctx on an unnamed parameter list.
    decl(
        "func fzF{N}(int) int { _ = fzSink{N}(context.TODO()); return 0 }\n\nfunc fzG{N}(ctx context.Context) int { _ = ctx; return fzF{N}(1) }\n",
        &["context"],
    ),
    // An interface method with unnamed parameters, and its implementation.
    decl(
        "type fzI{N} interface{ M{N}(int64) }\n\ntype fzT{N} struct{}\n\nfunc (fzT{N}) M{N}(int64) { _ = fzSink{N}(context.TODO()) }\n\nfunc fzCall{N}(ctx context.Context, i fzI{N}) { _ = ctx; i.M{N}(1) }\n",
        &["context"],
    ),
    // Calls through a method expression.
    decl(
        "type fzM{N} struct{}\n\nfunc (fzM{N}) Get{N}(x int) int { _ = fzSink{N}(context.TODO()); return x }\n\nfunc fzUse{N}(ctx context.Context) int {\n\t_ = ctx\n\tf := fzM{N}.Get{N}\n\treturn f(fzM{N}{}, 1) + fzM{N}.Get{N}(fzM{N}{}, 2) + fzM{N}{}.Get{N}(3)\n}\n",
        &["context"],
    ),
    // Calls through a method value.
    decl(
        "type fzMV{N} struct{}\n\nfunc (*fzMV{N}) Put{N}(x int) int { _ = fzSink{N}(context.TODO()); return x }\n\nfunc fzUseMV{N}(ctx context.Context) int {\n\t_ = ctx\n\tv := &fzMV{N}{}\n\tg := v.Put{N}\n\treturn g(1) + v.Put{N}(2)\n}\n",
        &["context"],
    ),
    // A function used as a value.
    decl(
        "func fzP{N}() { _ = fzSink{N}(context.TODO()) }\n\nvar fzTable{N} = map[string]func(){\"a\": fzP{N}}\n\nfunc fzQ{N}(ctx context.Context) { _ = ctx; fzP{N}() }\n",
        &["context"],
    ),
    // A chain to a caller that has a context.
    decl(
        "func fzA{N}() error { return fzB{N}() }\n\nfunc fzB{N}() error { return fzSink{N}(context.TODO()) }\n\nfunc fzRoot{N}(ctx context.Context) error { _ = ctx; return fzA{N}() }\n",
        &["context"],
    ),
    // background-in-scope and nil-ctx.
    decl(
        "func fzBG{N}(ctx context.Context) error {\n\t_ = fzSink{N}(nil)\n\treturn fzSink{N}(context.Background())\n}\n",
        &["context"],
    ),
    // struct-ctx.
    decl(
        "type fzS{N} struct{ ctx context.Context }\n\nfunc (s *fzS{N}) Run() error { return fzSink{N}(s.ctx) }\n\nfunc fzNewS{N}(ctx context.Context) error { s := &fzS{N}{ctx: ctx}; return s.Run() }\n",
        &["context"],
    ),
    // lost-cancel, redundant-cancel.
    decl(
        "func fzL{N}(ctx context.Context) error {\n\tctx, _ = context.WithCancel(ctx)\n\tc2, cancel := context.WithCancel(ctx)\n\tdefer cancel()\n\tcancel()\n\treturn fzSink{N}(c2)\n}\n",
        &["context"],
    ),
    // ctx-not-first.
    decl(
        "func fzC{N}(n int, ctx context.Context) error { _ = n; return fzSink{N}(ctx) }\n\nfunc fzD{N}(ctx context.Context) error { return fzC{N}(1, ctx) }\n",
        &["context"],
    ),
    // Generic functions and types.
    decl(
        "func fzGen{N}[T any](x T) T { _ = fzSink{N}(context.TODO()); return x }\n\ntype fzBox{N}[T any] struct{ v T }\n\nfunc (b *fzBox{N}[T]) Get() T { _ = fzSink{N}(context.TODO()); return b.v }\n\nfunc fzUseGen{N}(ctx context.Context) int {\n\t_ = ctx\n\tb := &fzBox{N}[int]{}\n\treturn fzGen{N}[int](1) + fzGen{N}(2) + b.Get()\n}\n",
        &["context"],
    ),
    // cancelled-ctx-returned.
    decl(
        "func fzR{N}() context.Context {\n\tctx, cancel := context.WithCancel(context.Background())\n\tdefer cancel()\n\treturn ctx\n}\n\nfunc fzUseR{N}() error { return fzSink{N}(fzR{N}()) }\n",
        &["context"],
    ),
    // done-busy-loop and done-err.
    decl(
        "func fzBusy{N}(ctx context.Context, ch chan int) error {\n\tfor {\n\t\tselect {\n\t\tcase <-ctx.Done():\n\t\tcase v := <-ch:\n\t\t\tif v < 0 {\n\t\t\t\treturn errors.New(\"negative\")\n\t\t\t}\n\t\t}\n\t}\n}\n\nfunc fzErr{N}(ctx context.Context) error {\n\tselect {\n\tcase <-ctx.Done():\n\t\treturn errors.New(\"stopped\")\n\t}\n}\n",
        &["context", "errors"],
    ),
    // request-ctx-goroutine, unbounded-detach, background-in-scope in a handler.
    decl(
        "func fzH{N}(w http.ResponseWriter, r *http.Request) {\n\tgo func() { _ = fzSink{N}(r.Context()) }()\n\tgo fzSink{N}(context.WithoutCancel(r.Context()))\n\t_ = fzSink{N}(context.TODO())\n\t_ = w\n}\n",
        &["context", "net/http"],
    ),
    // string-key and long-lived-value.
    decl(
        "func fzK{N}(ctx context.Context) context.Context { return context.WithValue(ctx, \"user{N}\", 1) }\n\nfunc fzV{N}(ctx context.Context) any { return ctx.Value(\"user{N}\") }\n\nfunc fzDB{N}(ctx context.Context) context.Context { return context.WithValue(ctx, \"client\", http.DefaultClient) }\n",
        &["context", "net/http"],
    ),
    // custom-context and zero-timeout.
    decl(
        "type fzCC{N} struct{ context.Context }\n\nfunc (fzCC{N}) Done() <-chan struct{} { return nil }\n\nfunc fzZ{N}(ctx context.Context, d time.Duration) error {\n\tctx, cancel := context.WithTimeout(ctx, 0*d)\n\tdefer cancel()\n\treturn fzSink{N}(ctx)\n}\n",
        &["context", "time"],
    ),
    // Variadic, grouped, blank and named-result parameters.
    decl(
        "func fzVar{N}(xs ...int) int { _ = fzSink{N}(context.TODO()); return len(xs) }\n\nfunc fzMulti{N}(a, b int) (n int) { _ = fzSink{N}(context.TODO()); n = a + b; return }\n\nfunc fzBlank{N}(_ int, _ string) { _ = fzSink{N}(context.TODO()) }\n\nfunc fzUseVar{N}(ctx context.Context) int {\n\t_ = ctx\n\tfzBlank{N}(1, \"\")\n\treturn fzVar{N}(1, 2) + fzVar{N}() + fzMulti{N}(1, 2)\n}\n",
        &["context"],
    ),
    // Goroutines, defers and closures around a context.
    decl(
        "func fzGo{N}(ctx context.Context) {\n\tdefer func() { _ = fzSink{N}(context.Background()) }()\n\tgo func() {\n\t\t_ = fzSink{N}(context.TODO())\n\t\t<-ctx.Done()\n\t}()\n\tf := func() error { return fzSink{N}(context.TODO()) }\n\t_ = f()\n}\n",
        &["context"],
    ),
    // Labels, goto and an init function.
    decl(
        "func init() { _ = fzSink{N}(context.TODO()) }\n\nfunc fzLabel{N}(ctx context.Context, n int) int {\nouter:\n\tfor i := 0; i < n; i++ {\n\t\tfor {\n\t\t\tselect {\n\t\t\tcase <-ctx.Done():\n\t\t\t\tbreak outer\n\t\t\tdefault:\n\t\t\t\tcontinue outer\n\t\t\t}\n\t\t}\n\t}\n\tif n > 0 {\n\t\tgoto end\n\t}\nend:\n\treturn n\n}\n",
        &["context"],
    ),
];

/// The function snippets hand a context to: a call that takes one.
pub const SINK: &str = "func fzSink{N}(ctx context.Context) error { return ctx.Err() }\n";

/// Builds a [`Declaration`] (a `const fn`, so the table stays a constant).
const fn decl(text: &'static str, imports: &'static [&'static str]) -> Declaration {
    Declaration { text, imports }
}

/// Statements for the inside of a function body; most do not type-check
/// where they land, and need not: they reach the parser and the rules.
const STATEMENTS: &[&str] = &[
    "ctx, _ := context.WithCancel(ctx)",
    "ctx, _ = context.WithTimeout(ctx, 0)",
    "_ = context.TODO()",
    "_ = context.Background()",
    "ctx := context.Background()",
    "ctx = context.WithValue(ctx, \"key\", 1)",
    "_ = ctx.Value(\"key\")",
    "go func() { _ = c.Request.Context() }()",
    "go func() { work(r.Context()) }()",
    "go func() { work(context.WithoutCancel(ctx)) }()",
    "_ = work(context.TODO())",
    "work(nil, 1)",
    "go work(c)",
    "c2 := c.Copy()\n\tgo func() { _ = c2 }()",
    "select {\n\tcase <-ctx.Done():\n\t}",
    "for {\n\t\tselect {\n\t\tcase <-ctx.Done():\n\t\tdefault:\n\t\t}\n\t}",
    "defer cancel()",
    "cancel()",
    "<-ctx.Done()",
    "if ctx.Err() != nil {\n\t\treturn\n\t}",
    "f := T.M\n\tf(t, 1)",
    "x := new(int(1))",
    "L:\n\tfor {\n\t\tbreak L\n\t}",
    "goto L",
    "//ctxmod:ignore",
    "//nolint:contextcheck",
    "var s struct{ ctx context.Context }",
    "type S struct{ ctx context.Context }",
    "func() {}()",
    "var f func(int) int",
    "_ = []any{nil, context.TODO()}",
];

/// Snippets for anywhere in the file: tokens and comments that change how
/// a file is classified or parsed.
const TOKENS: &[&str] = &[
    "func ",
    "go ",
    "defer ",
    "ctx",
    "context.",
    "nil",
    "...",
    "<-",
    ":=",
    "[T any]",
    "(int)",
    "interface{ M(int64) }",
    "context.Context",
    "c *gin.Context",
    "r *http.Request",
    "// Code generated by fuzz. DO NOT EDIT.\n",
    "//go:build ignore\n",
    "//go:linkname x y\n",
    "/*",
    "`",
    "\"",
    "'",
    "\r\n",
    "\u{feff}",
    "é",
];

/// A statement to insert in a function body.
pub fn statement(rng: &mut Rng) -> &'static str {
    STATEMENTS[rng.usize(..STATEMENTS.len())]
}

/// A token or comment to insert anywhere.
pub fn token(rng: &mut Rng) -> &'static str {
    TOKENS[rng.usize(..TOKENS.len())]
}

/// Ways to open and close one level of nesting inside a function body.
const LEVELS: &[(&str, &str)] = &[
    ("if true {\n", "}\n"),
    ("for {\n", "}\n"),
    ("{\n", "}\n"),
    ("func() {\n", "}()\n"),
    ("go func() {\n", "}()\n"),
    ("switch {\ncase true:\n", "}\n"),
    ("select {\ndefault:\n", "}\n"),
];

/// A function `depth` levels deep (blocks, loops, closures, nested
/// parentheses, or a chain of `else if`), a context made in the innermost
/// (in every branch of a chain).
pub fn nested(rng: &mut Rng, depth: usize, number: usize) -> String {
    let mut text = format!("func fzDeep{number}(x int) {{\n");
    let call = format!("fzSink{number}(context.TODO())");
    let shape = rng.u8(..4);
    if shape == 0 {
        text.push_str(&format!(
            "_ = {}{call}{}\n",
            "(".repeat(depth),
            ")".repeat(depth)
        ));
    } else if shape == 1 {
        text.push_str("if x == 0 {\n");
        for i in 1..=depth {
            text.push_str(&format!("}} else if x == {i} {{\n_ = {call}\n"));
        }
        text.push_str("}\n");
    } else {
        let levels: Vec<&(&str, &str)> = (0..depth)
            .map(|_| &LEVELS[rng.usize(..LEVELS.len())])
            .collect();
        levels.iter().for_each(|(open, _)| text.push_str(open));
        text.push_str(&format!("_ = {call}\n"));
        levels
            .iter()
            .rev()
            .for_each(|(_, close)| text.push_str(close));
    }
    text.push_str("}\n\n");
    text.push_str(&SINK.replace("{N}", &number.to_string()));
    text
}
