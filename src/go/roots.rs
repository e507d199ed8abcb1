//! Context roots — `context.Background()` and `context.TODO()` calls — and
//! whether one is deliberate: where a fresh root is the right thing, rules
//! that replace roots leave it alone.

use crate::go::escape::{escapes_after, escaping_use, Escape};
use crate::go::file_cx::FileCx;
use crate::go::parents::Up;
use crate::go::syntax::named_children;
use tree_sitter::Node;

/// True when `call` is `context.Background()` or `context.TODO()`.
pub fn is_root_call(cx: &FileCx<'_>, call: Node<'_>) -> bool {
    cx.is_call_to(call, "context", ROOT_WORDS)
}

/// The names of the `context` functions that make a root context.
pub const ROOT_WORDS: &[&str] = &["Background", "TODO"];

/// True when the root `call` is deliberate: in `main` or `init`, a
/// `Background()` on a shutdown or cleanup path, a nil default, already
/// inside `context.WithoutCancel`, compared rather than used
/// (`ctx != context.Background()`), or building a context meant to outlive
/// the call (returned, stored, sent, or held in a variable that is).
pub fn is_deliberate_root(cx: &FileCx<'_>, call: Node<'_>) -> bool {
    in_main_or_init(cx, call)
        || in_shutdown_path(cx, call)
        || is_nil_default(cx, call)
        || is_without_cancel_argument(cx, call)
        || is_compatibility_wrapper(cx, call)
        || is_compared(call)
        || outlives_the_call(cx, call)
}

/// The words that name a function on a shutdown or cleanup path.
const SHUTDOWN_WORDS: &[&str] = &[
    "shutdown",
    "stop",
    "close",
    "cleanup",
    "teardown",
    "terminate",
    "exit",
];

/// `context.Background()` in a function named for a shutdown or cleanup
/// path (`Shutdown`, `stopAdminServer`, `Close`, `exitProcess`): such code
/// runs when the contexts around it are ending or ended, and an explicit
/// fresh root there is a choice (a `TODO()` is not).
fn in_shutdown_path(cx: &FileCx<'_>, call: Node<'_>) -> bool {
    cx.is_call_to(call, "context", &["Background"])
        && crate::go::syntax::declaration_around(cx.root, call)
            .and_then(|d| d.child_by_field_name("name"))
            .is_some_and(|name| {
                let name = cx.text(name).to_ascii_lowercase();
                SHUTDOWN_WORDS.iter().any(|w| name.contains(w))
            })
}

/// `if ctx == nil { ctx = context.Background() }`: the default of a context
/// that comes from elsewhere (an option, a field, a parameter that may be
/// nil), which is there when the caller gives one.
fn is_nil_default(cx: &FileCx<'_>, call: Node<'_>) -> bool {
    let Some(statement) = call
        .up()
        .filter(|p| p.kind() == "expression_list")
        .and_then(|l| l.up())
        .filter(|s| s.kind() == "assignment_statement")
    else {
        return false;
    };
    let target = statement
        .child_by_field_name("left")
        .map(named_children)
        .unwrap_or_default();
    let [target] = target[..] else {
        return false;
    };
    let Some(condition) = crate::go::syntax::ancestor(statement, &["if_statement"])
        .and_then(|i| i.child_by_field_name("condition"))
    else {
        return false;
    };
    let (left, op, right) = (
        condition.child_by_field_name("left"),
        condition.child_by_field_name("operator"),
        condition.child_by_field_name("right"),
    );
    condition.kind() == "binary_expression"
        && op.is_some_and(|o| cx.text(o) == "==")
        && right.is_some_and(|r| cx.text(r) == "nil")
        && left.is_some_and(|l| cx.text(l) == cx.text(target))
}

/// True when `node` is inside `func main()` or `func init()`.
pub fn in_main_or_init(cx: &FileCx<'_>, node: Node<'_>) -> bool {
    crate::go::syntax::declaration_around(cx.root, node).is_some_and(|d| {
        d.kind() == "function_declaration"
            && d.child_by_field_name("name")
                .is_some_and(|n| matches!(cx.text(n), "main" | "init"))
    })
}

/// `context.WithoutCancel(context.Background())`: already deliberate.
fn is_without_cancel_argument(cx: &FileCx<'_>, call: Node<'_>) -> bool {
    call.up()
        .filter(|p| p.kind() == "argument_list")
        .and_then(|p| p.up())
        .is_some_and(|outer| cx.is_call_to(outer, "context", &["WithoutCancel"]))
}

/// `FooContext(context.Background(), …)` (or `FooWithContext`) inside
/// `Foo`: the standard library's pattern for keeping a signature that
/// predates the context (`Query` calls `QueryContext`), as
/// `--exported wrap` writes it.
fn is_compatibility_wrapper(cx: &FileCx<'_>, call: Node<'_>) -> bool {
    let Some(outer) = call
        .up()
        .filter(|p| p.kind() == "argument_list")
        .and_then(|p| p.up())
    else {
        return false;
    };
    let first = crate::go::syntax::call_arguments(outer).first().copied();
    let called = outer
        .child_by_field_name("function")
        .map(|f| match f.kind() {
            "selector_expression" => f.child_by_field_name("field").unwrap_or(f),
            _ => f,
        })
        .map(|f| cx.text(f));
    let wrapper = crate::go::syntax::declaration_around(cx.root, call)
        .and_then(|d| d.child_by_field_name("name"))
        .map(|n| cx.text(n));
    first == Some(call)
        && matches!((called, wrapper), (Some(c), Some(w))
            if c.strip_suffix("Context") == Some(w) || c.strip_suffix("WithContext") == Some(w))
}

/// `ctx != context.Background()`: a comparison, not a use as a context.
fn is_compared(call: Node<'_>) -> bool {
    call.up().is_some_and(|p| p.kind() == "binary_expression")
}

/// True when the context built on `call` (the call itself, or a
/// `context.With*` chain on it) is returned, stored in a field, global or
/// composite value, sent, or held in a variable that is: a context meant to
/// outlive this call must not start following the caller's cancellation.
fn outlives_the_call(cx: &FileCx<'_>, call: Node<'_>) -> bool {
    let Some(function) = crate::go::syntax::enclosing_function(call) else {
        return false;
    };
    let mut value = call;
    while let Some(outer) = value
        .up()
        .filter(|p| p.kind() == "argument_list")
        .and_then(|p| p.up())
        .filter(|outer| {
            crate::go::syntax::call_arguments(*outer)
                .first()
                .map(|a| a.id())
                == Some(value.id())
        })
        .filter(|outer| crate::go::scope::is_derivation(cx, *outer))
    {
        value = outer;
    }
    match escaping_use(value, function) {
        // An argument of a `go` statement: detached below, not kept.
        None | Some(Escape::Goroutine) => false,
        Some(Escape::Assigned(statement)) => match assigned_variable(cx, statement, value) {
            Some(name) => escapes_after(cx, statement, name).is_some(),
            None => true,
        },
        Some(_) => true,
    }
}

/// The plain local variable `value` is assigned to by `statement` (the
/// first one when a single call feeds several), or `None` when it goes
/// into a field, an index or a package-level name.
fn assigned_variable<'s>(cx: &FileCx<'s>, statement: Node<'_>, value: Node<'_>) -> Option<&'s str> {
    let (left, right) = match statement.kind() {
        "var_spec" => {
            let mut cursor = statement.walk();
            let names: Vec<Node<'_>> = statement
                .children_by_field_name("name", &mut cursor)
                .collect();
            let values = statement
                .child_by_field_name("value")
                .map(named_children)
                .unwrap_or_default();
            (names, values)
        }
        _ => (
            statement
                .child_by_field_name("left")
                .map(named_children)
                .unwrap_or_default(),
            statement
                .child_by_field_name("right")
                .map(named_children)
                .unwrap_or_default(),
        ),
    };
    let index = if right.len() == 1 {
        0
    } else {
        right.iter().position(|r| r.id() == value.id())?
    };
    let target = left.get(index)?;
    let declared_here =
        statement.kind() != "assignment_statement" || is_local(cx, statement, cx.text(*target));
    (target.kind() == "identifier" && declared_here)
        .then(|| crate::go::syntax::text(*target, cx.src))
}

/// True when `name` is a parameter or a variable declared in the function
/// around `at` (not a package-level variable).
fn is_local(cx: &FileCx<'_>, at: Node<'_>, name: &str) -> bool {
    let Some(function) = crate::go::syntax::enclosing_declaration(at) else {
        return false;
    };
    let scan = || {
        let mut found = Vec::new();
        crate::go::syntax::for_each_node(function, |n| {
            if declares(cx, n, name) {
                found.push(n.start_byte());
            }
        });
        found
    };
    cx.memo
        .declarations((function.id(), name), scan, |offsets| {
            offsets
                .first()
                .is_some_and(|&first| first < at.start_byte())
        })
}

/// True when `n` declares `name`: a parameter, a `var` or a `:=`.
fn declares(cx: &FileCx<'_>, n: Node<'_>, name: &str) -> bool {
    {
        match n.kind() {
            "parameter_declaration" | "var_spec" => {
                let mut cursor = n.walk();
                let hit = n
                    .children_by_field_name("name", &mut cursor)
                    .any(|v| cx.text(v) == name);
                hit
            }
            "short_var_declaration" => n
                .child_by_field_name("left")
                .map(named_children)
                .unwrap_or_default()
                .iter()
                .any(|v| cx.text(*v) == name),
            _ => false,
        }
    }
}
