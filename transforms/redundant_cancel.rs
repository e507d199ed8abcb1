//! ## What it does
//! Finds an explicit `cancel()` in a function that has already run
//! `defer cancel()` for the same cancel function — one returned by
//! `context.WithCancel`, `WithTimeout`, `WithDeadline` (or their `Cause`
//! variants) or `signal.NotifyContext` — when nothing but the return
//! happens between the two.
//!
//! ## Why
//! `cancel` is idempotent, so the second call does nothing the `defer` does
//! not already do. It still reads as "this matters here", which makes a
//! reader wonder what the `defer` is for, and invites the refactor that
//! removes the `defer` because "the explicit call handles it" — the leak
//! `lost-cancel` reports. Trust the `defer`; when an early cancel really
//! matters, say why in a comment.
//!
//! ## Example
//! ```go
//! ctx, cancel := context.WithCancel(parent)
//! defer cancel()
//! err := doWork(ctx)
//! if err != nil {
//!     cancel()
//!     return err
//! }
//! return nil
//! ```
//! becomes
//! ```go
//! ctx, cancel := context.WithCancel(parent)
//! defer cancel()
//! err := doWork(ctx)
//! if err != nil {
//!     return err
//! }
//! return nil
//! ```
//!
//! ## Fix safety
//! Unsafe: the context is now cancelled a moment later, when the deferred
//! call runs, instead of right away. The call is only reported where that
//! moment holds nothing that could tell the difference: the next thing to
//! run is a `return` whose results call nothing but `fmt.Errorf`,
//! `fmt.Sprintf`, `errors.New` or `errors.Join` (so not `ctx.Err()` or
//! `wg.Wait()`), or the end of the function; and no other `defer` was
//! registered after `defer cancel()` (it would run before the deferred
//! cancel and could be waiting for the early one). A `cancel()` that is the
//! only statement of its block or `case` is reported without a fix:
//! removing it leaves an empty block, and whether the `if` or `case`
//! around it should go too is the reader's call. One that shares its line
//! with other code is reported without a fix as well.
//!
//! ## Limitations
//! Not reported, because they are deliberate or not provably redundant:
//! a cancel followed by more work (`cancel(); wg.Wait()`), a cancel in a
//! goroutine or callback (another function than the `defer`'s), a cancel
//! with a comment on its line or alone on the line above, `cancel(err)` of
//! a `CancelCauseFunc`, a `defer` in a sibling branch, and a cancel after
//! the name is declared or assigned again (`ctx, cancel := ...`), which is
//! a different cancel function. A cancel function called through a field
//! (`s.cancel()`) is not followed, and only `defer cancel()` itself counts
//! as the cover, not `defer func() { cancel() }()`.

use crate::go::file_cx::FileCx;
use crate::go::parents::Up;
use crate::go::syntax::{
    enclosing_function, for_each_node, has_explaining_comment, is_written, named_children,
    statement_deletion, successor, Successor,
};
use crate::lint::finding::Finding;
use crate::lint::fix::{Applicability, Edit, Fix};
use crate::lint::rule::{Rule, RuleCx, RuleMeta};
use tree_sitter::Node;

/// The redundant-cancel rule.
pub struct RedundantCancel;

/// The registered instance.
pub static RULE: RedundantCancel = RedundantCancel;

static META: RuleMeta = RuleMeta {
    code: "CTX008",
    id: "redundant-cancel",
    summary: "an explicit `cancel()` where `defer cancel()` already runs: remove it",
    finds: "an explicit `cancel()` where `defer cancel()` already runs",
    fixes: "remove it (unsafe)",
    applicability: Applicability::Unsafe,
    kinds: &["expression_statement"],
    // The cancel function comes from a `context` constructor.
    needles: &["context"],
    caller_needles: &[],
    nolint: &[],
};

impl Rule for RedundantCancel {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn visit(&self, node: Node<'_>, cx: &RuleCx<'_>, out: &mut Vec<Finding>) {
        let Some(name) = named_children(node)
            .first()
            .and_then(|call| bare_call(cx, *call))
        else {
            return;
        };
        let Some(list) = node.up().filter(|p| p.kind() == "statement_list") else {
            return;
        };
        let Some(function) = enclosing_function(node) else {
            return;
        };
        let Some((defer, watched)) = covering_defer(cx, node, name) else {
            return;
        };
        if !is_context_cancel(cx, function, defer, name) {
            return;
        }
        let returns_next = match successor(node) {
            Successor::FunctionEnd => true,
            Successor::Statement(next) => next.kind() == "return_statement" && inert(cx, next),
            Successor::Unknown => false,
        };
        if !returns_next
            || has_explaining_comment(function, cx.src, node)
            || interferes(cx, function, watched, name)
        {
            return;
        }
        let (line, _) = crate::go::source::line_col(cx.src, defer.start_byte());
        let message = format!(
            "`{name}()` is redundant: the `defer {name}()` on line {line} already cancels the context when the function returns"
        );
        let finding = Finding::new(&META, node.byte_range(), message);
        let not_fixed = |why: &str| Finding {
            message: format!("{} (not fixed: {why})", finding.message),
            ..finding.clone()
        };
        if named_children(list).len() == 1 {
            let holder = match list.up().map(|p| p.kind()) {
                Some("block") => "block",
                _ => "`case`",
            };
            out.push(not_fixed(&format!(
                "it is the only statement of its {holder}, which would be left empty"
            )));
            return;
        }
        let Some(range) = statement_deletion(cx.src, node) else {
            out.push(not_fixed("other code shares its line"));
            return;
        };
        let fix = Fix::new(
            Applicability::Unsafe,
            format!("remove the redundant `{name}()`"),
            vec![Edit::delete(range)],
        );
        out.push(finding.with_fix(fix));
    }
}

/// The name `f` when `expr` is the call `f()`: a plain identifier called
/// with no arguments (`cancel(err)` of a `CancelCauseFunc` records a cause
/// and is not redundant).
fn bare_call<'s>(cx: &FileCx<'s>, expr: Node<'_>) -> Option<&'s str> {
    if expr.kind() != "call_expression" {
        return None;
    }
    let function = expr.child_by_field_name("function")?;
    let arguments = expr.child_by_field_name("arguments")?;
    (function.kind() == "identifier" && named_children(arguments).is_empty())
        .then(|| crate::go::syntax::text(function, cx.src))
}

/// The `defer name()` that already covers `stmt`: an earlier statement of a
/// statement list enclosing `stmt` within the same function. Also returns
/// the bytes in which a write of `name` or another `defer` would break the
/// cover: from the `defer` to `stmt`, or to the end of the outermost loop
/// around `stmt` inside the `defer`'s block (a write later in the loop body
/// runs before `stmt` on the next iteration).
fn covering_defer<'t>(
    cx: &FileCx<'_>,
    stmt: Node<'t>,
    name: &str,
) -> Option<(Node<'t>, std::ops::Range<usize>)> {
    let mut end = stmt.start_byte();
    let mut child = stmt;
    while let Some(parent) = child.up() {
        match parent.kind() {
            "statement_list" => {
                let earlier = statements_before(parent, child);
                if let Some(defer) = earlier
                    .into_iter()
                    .rev()
                    .find(|s| is_defer_of(cx, *s, name))
                {
                    return Some((defer, defer.end_byte()..end));
                }
            }
            "for_statement" => end = end.max(parent.end_byte()),
            kind if crate::go::syntax::FUNCTION_KINDS.contains(&kind) => return None,
            _ => {}
        }
        child = parent;
    }
    None
}

/// True when the last assignment of `name` before `defer` makes it the
/// cancel function of a context (`ctx, name := context.WithCancel(...)`):
/// other functions called twice need not be idempotent.
fn is_context_cancel(cx: &FileCx<'_>, function: Node<'_>, defer: Node<'_>, name: &str) -> bool {
    let mut last = None;
    for_each_node(function, |n| {
        let (names, values) = match n.kind() {
            "short_var_declaration" | "assignment_statement" => (
                n.child_by_field_name("left").map(named_children),
                n.child_by_field_name("right").map(named_children),
            ),
            "var_spec" => {
                let mut cursor = n.walk();
                let names: Vec<Node<'_>> = n.children_by_field_name("name", &mut cursor).collect();
                (
                    Some(names),
                    n.child_by_field_name("value").map(named_children),
                )
            }
            _ => return,
        };
        let names = names.unwrap_or_default();
        if n.end_byte() <= defer.start_byte() && names.iter().any(|v| cx.text(*v) == name) {
            let made = names.len() == 2
                && cx.text(names[1]) == name
                && matches!(values.as_deref(), Some([call]) if crate::go::scope::is_cancellable_constructor(cx, *call));
            last = Some(made);
        }
    });
    last.unwrap_or(false)
}

/// The statements of `list` that end before `child` starts.
fn statements_before<'t>(list: Node<'t>, child: Node<'t>) -> Vec<Node<'t>> {
    named_children(list)
        .into_iter()
        .take_while(|s| s.end_byte() <= child.start_byte())
        .collect()
}

/// True when `stmt` is `defer name()`.
fn is_defer_of(cx: &FileCx<'_>, stmt: Node<'_>, name: &str) -> bool {
    stmt.kind() == "defer_statement"
        && named_children(stmt)
            .first()
            .and_then(|call| bare_call(cx, *call))
            == Some(name)
}

/// True when a `return` statement's results run nothing that could notice
/// the context being cancelled: no calls but the pure error and string
/// builders, no channel receives.
fn inert(cx: &FileCx<'_>, ret: Node<'_>) -> bool {
    let mut inert = true;
    for_each_node(ret, |n| match n.kind() {
        "call_expression" => {
            inert &= cx.is_call_to(n, "fmt", &["Errorf", "Sprintf"])
                || cx.is_call_to(n, "errors", &["New", "Join"]);
        }
        "unary_expression" => {
            inert &= n
                .child_by_field_name("operator")
                .is_none_or(|op| op.kind() != "<-");
        }
        _ => {}
    });
    inert
}

/// True when, within `watched`, `name` is declared or assigned again (the
/// explicit call may then cancel another function than the deferred one),
/// or another `defer` of `function` is registered (it runs before the
/// deferred cancel and may rely on the early one).
fn interferes(
    cx: &FileCx<'_>,
    function: Node<'_>,
    watched: std::ops::Range<usize>,
    name: &str,
) -> bool {
    let mut found = false;
    for_each_node(function, |n| {
        if found || n.start_byte() < watched.start || n.start_byte() >= watched.end {
            return;
        }
        found = match n.kind() {
            "identifier" => cx.text(n) == name && is_written(n),
            "defer_statement" => {
                !is_defer_of(cx, n, name)
                    && enclosing_function(n).is_some_and(|f| f.id() == function.id())
            }
            _ => false,
        };
    });
    found
}
