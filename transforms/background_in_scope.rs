//! ## What it does
//! Finds `context.Background()` and `context.TODO()` inside a function or
//! closure that already has a context: a parameter or earlier local of type
//! `context.Context`, an `*http.Request` (`r.Context()`) or a `*gin.Context`
//! (`c.Request.Context()`). It replaces the new root with that context.
//!
//! ## Why
//! A fresh root drops everything the caller set up: its deadline, its
//! cancellation and its request-scoped values. A 5-second budget set higher
//! up is silently gone at this leaf, and the call hangs as long as the
//! server on the other end likes. If the function takes a context, it does
//! not create one.
//!
//! ## Example
//! ```go
//! func handler(ctx context.Context, w http.ResponseWriter, r *http.Request) {
//!     rows, err := db.QueryContext(context.Background(), "SELECT ...")
//! ```
//! becomes
//! ```go
//! func handler(ctx context.Context, w http.ResponseWriter, r *http.Request) {
//!     rows, err := db.QueryContext(ctx, "SELECT ...")
//! ```
//! Inside a goroutine (a `go` statement's call, or a function literal started
//! by `go`) the code was never cancelled, and must not start being cancelled
//! when the request ends, so it gets `context.WithoutCancel(ctx)`: the
//! caller's values, no cancellation. For a `*gin.Context`, which gin recycles
//! when the handler returns, the detached context is made before the `go`
//! statement (`ctx := context.WithoutCancel(c.Request.Context())`) and the
//! goroutine uses `ctx`.
//!
//! When several contexts are in scope, the innermost one declared before the
//! call wins; among the parameters of one function, a `context.Context`
//! comes before an `*http.Request`, which comes before a `*gin.Context`.
//!
//! ## Fix safety
//! Safe: the replacement has the same type, and moves behaviour only the way
//! the rule intends — the call now honours the caller's deadline and
//! cancellation (outside goroutines) and carries its values.
//!
//! ## Limitations
//! Left alone, because there a fresh root is deliberate: `main` and `init`;
//! a call already inside `context.WithoutCancel`; a comparison
//! (`ctx != context.Background()`); a default for the variable itself
//! (`if ctx == nil { ctx = context.Background() }`); and a context meant to
//! outlive the call — one that is returned, stored in a field, global or
//! composite value, sent on a channel, or held in a variable that is, or
//! captured by a goroutine or closure (`cc.ctx, cc.cancel =
//! context.WithCancel(context.Background())`). Only the context itself is
//! followed: a root handed to a constructor whose result is kept
//! (`config.TokenSource(context.Background())`) is still reported, so
//! review such fixes. Locals count as contexts in scope only when they
//! derive from the caller's (not from another root) and their cancel
//! function has not run yet. A function with no context in scope is the
//! job of `thread-ctx`. In a goroutine the fix needs
//! `context.WithoutCancel`, so a module whose `go` directive is older than
//! 1.21 gets the finding without a fix.

use crate::escape::{escapes_after, escaping_use, Escape};
use crate::fix::{Applicability, Finding};
use crate::rule::{FileCx, Rule, RuleMeta};
use crate::scope::{context_use, goroutine_of};
use crate::syntax::{enclosing_declaration, named_children};
use tree_sitter::Node;

/// The background-in-scope rule.
pub struct BackgroundInScope;

/// The registered instance.
pub static RULE: BackgroundInScope = BackgroundInScope;

static META: RuleMeta = RuleMeta {
    code: "CTX001",
    id: "background-in-scope",
    summary: "`context.Background()`/`TODO()` where a context is in scope: use it",
    applicability: Applicability::Safe,
    kinds: &["call_expression"],
    needles: &["context"],
    needs_callers: false,
};

impl Rule for BackgroundInScope {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn visit(&self, call: Node<'_>, cx: &FileCx<'_>, out: &mut Vec<Finding>) {
        if !cx.is_call_to(call, "context", &["Background", "TODO"]) {
            return;
        }
        let in_root = enclosing_declaration(call).is_some_and(|d| {
            d.kind() == "function_declaration"
                && d.child_by_field_name("name")
                    .is_some_and(|n| matches!(cx.text(n), "main" | "init"))
        });
        if in_root
            || is_without_cancel_argument(cx, call)
            || is_compared(call)
            || outlives_the_call(cx, call)
        {
            return;
        }
        let Some(usage) = context_use(cx, call) else {
            return;
        };
        if assigns_to_itself(cx, call, &usage.expr) {
            // `if ctx == nil { ctx = context.Background() }`: a default for
            // the variable itself, not a lost context.
            return;
        }
        let root = cx.text(call);
        let source = usage.source.expression();
        let message = if goroutine_of(call).is_some() {
            format!("{root} in a goroutine drops the values of `{source}`; detach it with context.WithoutCancel instead")
        } else {
            format!("{root} discards `{source}`: its deadline, cancellation and values are lost")
        };
        let finding = Finding::new(&META, call.byte_range(), message);
        // The call was a use of the context package; it may have been the
        // last one.
        let fix = usage
            .fix(cx, Applicability::Safe, call.byte_range())
            .map(|fix| fix.dropping_import("context"));
        out.push(match fix {
            Some(fix) => finding.with_fix(fix),
            None => finding,
        });
    }
}

/// `context.WithoutCancel(context.Background())`: already deliberate.
fn is_without_cancel_argument(cx: &FileCx<'_>, call: Node<'_>) -> bool {
    call.parent()
        .filter(|p| p.kind() == "argument_list")
        .and_then(|p| p.parent())
        .is_some_and(|outer| cx.is_call_to(outer, "context", &["WithoutCancel"]))
}

/// `ctx != context.Background()`: a comparison, not a use as a context.
fn is_compared(call: Node<'_>) -> bool {
    call.parent()
        .is_some_and(|p| p.kind() == "binary_expression")
}

/// True when the context built on `call` (the call itself, or a
/// `context.With*` chain on it) is returned, stored in a field, global or
/// composite value, sent, or held in a variable that is: a context meant to
/// outlive this call must not start following the caller's cancellation.
fn outlives_the_call(cx: &FileCx<'_>, call: Node<'_>) -> bool {
    let Some(function) = crate::syntax::enclosing_function(call) else {
        return false;
    };
    let mut value = call;
    while let Some(outer) = value
        .parent()
        .filter(|p| p.kind() == "argument_list")
        .and_then(|p| p.parent())
        .filter(|outer| {
            crate::syntax::call_arguments(*outer)
                .first()
                .map(|a| a.id())
                == Some(value.id())
        })
        .filter(|outer| crate::scope::is_derivation(cx, *outer))
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
    (target.kind() == "identifier" && declared_here).then(|| crate::syntax::text(*target, cx.src))
}

/// True when `name` is a parameter or a variable declared in the function
/// around `at` (not a package-level variable).
fn is_local(cx: &FileCx<'_>, at: Node<'_>, name: &str) -> bool {
    let Some(function) = crate::syntax::enclosing_declaration(at) else {
        return false;
    };
    let mut found = false;
    crate::syntax::for_each_node(function, |n| {
        let declares = match n.kind() {
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
        };
        found |= declares && n.start_byte() < at.start_byte();
    });
    found
}

/// True when `call` is assigned to a variable spelled `expr`
/// (`ctx = context.TODO()` would become `ctx = ctx`).
fn assigns_to_itself(cx: &FileCx<'_>, call: Node<'_>, expr: &str) -> bool {
    let Some(list) = call.parent().filter(|p| p.kind() == "expression_list") else {
        return false;
    };
    let Some(statement) = list.parent() else {
        return false;
    };
    if !matches!(
        statement.kind(),
        "assignment_statement" | "short_var_declaration"
    ) {
        return false;
    }
    let index = named_children(list)
        .iter()
        .position(|n| n.id() == call.id());
    let left = statement
        .child_by_field_name("left")
        .map(named_children)
        .unwrap_or_default();
    index
        .and_then(|i| left.get(i))
        .is_some_and(|target| cx.text(*target) == expr)
}
