//! The Go that ctxmod parses: the vendored grammar (grammar/tree-sitter-go)
//! must accept the syntax of every Go release up to 1.26, including
//! `new(expr)` and shadowed `make`/`new`, without changing the trees of
//! code the crates.io tree-sitter-go 0.25.0 already parsed.
//!
//! The corpus in `tests/data/go-syntax/` is real Go: every file must parse
//! with no ERROR or MISSING node, be gofmt-clean, and (with Go 1.26 or
//! later on PATH) build and pass `go vet`.

mod support;

use ctxmod::go::syntax::{first_error, parse};
use std::path::{Path, PathBuf};
use std::process::Command;
use tree_sitter::{Node, Tree};

/// Parses `package p; var _ = <expr>` and returns the tree, failing on any
/// ERROR or MISSING node.
fn parse_expression(expr: &str) -> (Tree, String) {
    let src = format!("package p\n\nvar _ = {expr}\n");
    let tree = parse(&src);
    if let Some(bad) = first_error(&tree) {
        panic!(
            "{expr}: {} at byte {} in {}",
            if bad.is_missing() { "MISSING" } else { "ERROR" },
            bad.start_byte(),
            tree.root_node().to_sexp()
        );
    }
    (tree, src)
}

/// The call expression that is the value of the `var _ =` declaration.
fn value(tree: &Tree) -> Node<'_> {
    let root = tree.root_node();
    let decl = root
        .named_child(1)
        .expect("the var declaration follows the package clause");
    let spec = decl.named_child(0).expect("a var spec");
    let list = spec.child_by_field_name("value").expect("a value");
    list.named_child(0).expect("one expression")
}

/// Calls of `make` and `new` with a type keep the trees tree-sitter-go
/// 0.25.0 gave them: the first argument stays a type node. The expected
/// S-expressions are that release's output for each call.
#[test]
fn make_and_new_with_a_type_keep_their_trees() {
    let cases = [
        (
            "new(T)",
            "(call_expression function: (identifier) arguments: (argument_list (type_identifier)))",
        ),
        (
            "make([]T, n)",
            "(call_expression function: (identifier) arguments: (argument_list (slice_type element: (type_identifier)) (identifier)))",
        ),
        (
            "make(map[K]V)",
            "(call_expression function: (identifier) arguments: (argument_list (map_type key: (type_identifier) value: (type_identifier))))",
        ),
        (
            "make(chan T, 1)",
            "(call_expression function: (identifier) arguments: (argument_list (channel_type value: (type_identifier)) (int_literal)))",
        ),
        (
            "new(pkg.T)",
            "(call_expression function: (identifier) arguments: (argument_list (qualified_type package: (package_identifier) name: (type_identifier))))",
        ),
        (
            "new([]int)",
            "(call_expression function: (identifier) arguments: (argument_list (slice_type element: (type_identifier))))",
        ),
        (
            "new(G[int])",
            "(call_expression function: (identifier) arguments: (argument_list (generic_type type: (type_identifier) type_arguments: (type_arguments (type_elem (type_identifier))))))",
        ),
        (
            "new(pkg.G[int, string])",
            "(call_expression function: (identifier) arguments: (argument_list (generic_type type: (qualified_type package: (package_identifier) name: (type_identifier)) type_arguments: (type_arguments (type_elem (type_identifier)) (type_elem (type_identifier))))))",
        ),
        (
            "new(*T)",
            "(call_expression function: (identifier) arguments: (argument_list (pointer_type (type_identifier))))",
        ),
        (
            "make(map[string][]int, 8)",
            "(call_expression function: (identifier) arguments: (argument_list (map_type key: (type_identifier) value: (slice_type element: (type_identifier))) (int_literal)))",
        ),
        (
            "new(struct{ a int })",
            "(call_expression function: (identifier) arguments: (argument_list (struct_type (field_declaration_list (field_declaration name: (field_identifier) type: (type_identifier))))))",
        ),
        (
            "make([]int, 0, 10)",
            "(call_expression function: (identifier) arguments: (argument_list (slice_type element: (type_identifier)) (int_literal) (int_literal)))",
        ),
        (
            "new(chan<- int)",
            "(call_expression function: (identifier) arguments: (argument_list (channel_type value: (type_identifier))))",
        ),
        (
            "make(<-chan int)",
            "(call_expression function: (identifier) arguments: (argument_list (channel_type value: (type_identifier))))",
        ),
        (
            "new(func() error)",
            "(call_expression function: (identifier) arguments: (argument_list (function_type parameters: (parameter_list) result: (type_identifier))))",
        ),
        (
            "new([4]byte)",
            "(call_expression function: (identifier) arguments: (argument_list (array_type length: (int_literal) element: (type_identifier))))",
        ),
    ];
    let mut failures = Vec::new();
    for (expr, want) in cases {
        let (tree, _) = parse_expression(expr);
        let got = value(&tree).to_sexp();
        if got != want {
            failures.push(format!("{expr}\n  want {want}\n  got  {got}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Go 1.26's `new(expr)`: the argument is the expression it reads as.
#[test]
fn new_takes_an_expression() {
    let cases = [
        ("new(int(42))", "call_expression"),
        ("new(f())", "call_expression"),
        ("new(pkg.F())", "call_expression"),
        ("new(\"s\")", "interpreted_string_literal"),
        ("new(x + 1)", "binary_expression"),
        ("new(T{A: 1})", "composite_literal"),
        ("new([]int{1, 2})", "composite_literal"),
        ("new(-x)", "unary_expression"),
        ("new(m[\"k\"])", "index_expression"),
        ("new(s[1:])", "slice_expression"),
        ("new(a.b.c)", "selector_expression"),
        ("new(v.(T))", "type_assertion_expression"),
        ("new(true)", "true"),
        ("new(30 * time.Second)", "binary_expression"),
        ("new(func() int { return 1 })", "func_literal"),
    ];
    for (expr, kind) in cases {
        let (tree, src) = parse_expression(expr);
        let call = value(&tree);
        assert_eq!(call.kind(), "call_expression", "{expr}");
        assert_eq!(
            &src[call.child_by_field_name("function").unwrap().byte_range()],
            "new",
            "{expr}"
        );
        let args = call.child_by_field_name("arguments").unwrap();
        assert_eq!(args.kind(), "argument_list", "{expr}");
        assert_eq!(args.named_child_count(), 1, "{expr}: {}", call.to_sexp());
        assert_eq!(
            args.named_child(0).unwrap().kind(),
            kind,
            "{expr}: {}",
            call.to_sexp()
        );
    }
}

/// `make` and `new` are predeclared identifiers, not keywords: a function
/// of that name is called like any other (tree-sitter-go issue #189), and
/// a variable named `new` is still indexed. `make[int](1)` reads as an
/// index then a call, as any `f[int](1)` does without types to tell an
/// instantiation from an index (the trees tree-sitter-go 0.25.0 gave).
#[test]
fn shadowed_make_and_new_are_ordinary_calls() {
    let src = "package p

func make[T any](x T) T { return x }

func f(xs ...int) int {
	new := func(a, b int) int { return a + b }
	_ = make[int](1)
	_ = make[[]int](nil)
	_ = make(2)
	_ = new(xs...)
	return new(1, 2)
}

func g(old, new []T) bool {
	return new[0].Name == old[0].Name
}
";
    let tree = parse(src);
    if let Some(bad) = first_error(&tree) {
        panic!(
            "error at line {}: {}",
            bad.start_position().row + 1,
            tree.root_node().to_sexp()
        );
    }
    let mut calls = Vec::new();
    collect(tree.root_node(), "call_expression", &mut calls);
    let sexps: Vec<(String, String)> = calls
        .iter()
        .map(|c| (src[c.byte_range()].to_string(), c.to_sexp()))
        .collect();
    let want = [
        (
            "make[int](1)",
            "(call_expression function: (index_expression operand: (identifier) index: (identifier)) arguments: (argument_list (int_literal)))",
        ),
        (
            "make[[]int](nil)",
            "(call_expression function: (identifier) type_arguments: (type_arguments (type_elem (slice_type element: (type_identifier)))) arguments: (argument_list (nil)))",
        ),
        (
            "make(2)",
            "(call_expression function: (identifier) arguments: (argument_list (int_literal)))",
        ),
        (
            "new(xs...)",
            "(call_expression function: (identifier) arguments: (argument_list (variadic_argument (identifier))))",
        ),
        (
            "new(1, 2)",
            "(call_expression function: (identifier) arguments: (argument_list (int_literal) (int_literal)))",
        ),
    ];
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(sexps, want);
    let generic = tree.root_node().named_child(1).unwrap();
    assert_eq!(generic.kind(), "function_declaration");
    assert_eq!(
        &src[generic.child_by_field_name("name").unwrap().byte_range()],
        "make"
    );
    let mut selectors = Vec::new();
    collect(tree.root_node(), "selector_expression", &mut selectors);
    let operand = selectors[0].child_by_field_name("operand").unwrap();
    assert_eq!(
        operand.to_sexp(),
        "(index_expression operand: (identifier) index: (int_literal))"
    );
    assert_eq!(&src[operand.byte_range()], "new[0]");
}

fn collect<'t>(node: Node<'t>, kind: &str, out: &mut Vec<Node<'t>>) {
    if node.kind() == kind {
        out.push(node);
    }
    let mut cursor = node.walk();
    for child in node.named_children(&mut cursor) {
        collect(child, kind, out);
    }
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/go-syntax")
}

/// Every `.go` file of the corpus, sorted.
fn corpus_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![corpus_dir()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "go") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn go_syntax_corpus_parses_without_errors() {
    let files = corpus_files();
    assert!(files.len() >= 5, "corpus files: {files:?}");
    let mut failures = Vec::new();
    for file in &files {
        let src = std::fs::read_to_string(file).unwrap();
        let tree = parse(&src);
        if let Some(bad) = first_error(&tree) {
            let at = bad.start_position();
            let inner = innermost_error(bad).start_position();
            let line = src.lines().nth(inner.row).unwrap_or("");
            failures.push(format!(
                "{}:{}:{}: {} node (innermost at {}:{}: {})",
                file.strip_prefix(corpus_dir()).unwrap().display(),
                at.row + 1,
                at.column + 1,
                if bad.is_missing() { "MISSING" } else { "ERROR" },
                inner.row + 1,
                inner.column + 1,
                line.trim()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The deepest ERROR or MISSING node on the path of first errors under
/// `node`: an ERROR often spans a whole declaration, and the innermost one
/// is nearer the text the grammar rejects.
fn innermost_error(mut node: Node<'_>) -> Node<'_> {
    let mut found = node;
    loop {
        let mut cursor = node.walk();
        let next = node
            .children(&mut cursor)
            .find(|c| c.is_error() || c.is_missing() || c.has_error());
        match next {
            Some(child) => {
                if child.is_error() || child.is_missing() {
                    found = child;
                }
                node = child;
            }
            None => return found,
        }
    }
}

#[test]
fn go_syntax_corpus_is_real_go() {
    if !support::have_go() {
        eprintln!("go is not on PATH: skipping the toolchain checks (CI has go)");
        return;
    }
    let out = Command::new("gofmt")
        .args(["-e", "-l", "."])
        .current_dir(corpus_dir())
        .output()
        .unwrap();
    assert!(
        out.status.success() && out.stdout.is_empty(),
        "gofmt -e -l rejects or would reformat:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );

    // Building needs Go 1.26 (new(expr)); an older toolchain only checks
    // the syntax above.
    let version = Command::new("go")
        .args(["env", "GOVERSION"])
        .output()
        .unwrap();
    let version = String::from_utf8_lossy(&version.stdout).trim().to_string();
    if !at_least_go_1_26(&version) {
        eprintln!("{version} is older than go1.26: not building the corpus");
        return;
    }
    let scratch = tempfile::tempdir().unwrap();
    let module = scratch.path().join("gosyntax");
    support::copy_tree(&corpus_dir(), &module);
    std::fs::write(
        module.join("go.mod"),
        "module example.com/gosyntax\n\ngo 1.26\n",
    )
    .unwrap();
    if let Err(e) = support::go(&module, &["vet", "./..."]) {
        panic!("the corpus does not build or vet:\n{e}");
    }
}

/// True for `go1.26`, `go1.26.3`, `go1.27rc1`, `go2.0` and later.
fn at_least_go_1_26(version: &str) -> bool {
    let Some(rest) = version.strip_prefix("go") else {
        return false;
    };
    let mut parts = rest.split(|c: char| !c.is_ascii_digit());
    let major: u32 = parts.next().and_then(|p| p.parse().ok()).unwrap_or(0);
    let minor: u32 = parts.next().and_then(|p| p.parse().ok()).unwrap_or(0);
    (major, minor) >= (1, 26)
}
