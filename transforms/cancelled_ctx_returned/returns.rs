//! A function that returns a context it has already cancelled: it makes the
//! context with `context.WithCancel` (or another constructor that also
//! returns a cancel function), runs `defer cancel()`, and returns the
//! context, which is dead by the time its caller has it. What a fix that
//! returns the cancel function too must change in the declaration, read
//! from its file.

use crate::go::edit::Edit;
use crate::go::escape::escaping_use;
use crate::go::file_cx::FileCx;
use crate::go::parents::Up;
use crate::go::scope::is_cancellable_constructor;
use crate::go::syntax::{
    enclosing_function, for_each_node, is_written, named_children, selector_call,
    statement_deletion_with_comment, text,
};
use crate::go::typing::TypeRef;
use crate::index::collect::{Collector, Declaration, Fact, Facts};
use crate::index::ids::FuncId;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;
use tree_sitter::Node;

/// A declaration that returns a context its own `defer` cancels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CancelledReturn {
    /// The function or method.
    pub id: Arc<FuncId>,
    /// Its file.
    pub path: Arc<Path>,
    /// The `defer cancel()` statement.
    pub defer: Range<usize>,
    /// The context variable, e.g. `ctx`.
    pub context: String,
    /// The cancel function's variable, e.g. `cancel`.
    pub cancel: String,
    /// The cancel function's type in the `context` package: `CancelFunc`,
    /// or `CancelCauseFunc` for `WithCancelCause`.
    pub cancel_type: &'static str,
    /// What a call of the cancel function passes: nothing, or `nil` as the
    /// cause of a `CancelCauseFunc`.
    pub cancel_args: &'static str,
    /// The edits that make the declaration return the cancel function
    /// after the context and drop the `defer`, or why they cannot be made.
    pub change: Result<Vec<Edit>, String>,
}

/// Gathers the [`CancelledReturn`]s of every file.
pub struct CancelledReturns;

impl Collector for CancelledReturns {
    fn collect(&self, cx: &FileCx<'_>, decl: Node<'_>, at: &Declaration<'_>, out: &mut Facts) {
        if let Some(id) = at.function {
            out.extend(cancelled_return(cx, decl, id, at.path));
        }
    }
}

impl Fact for CancelledReturn {}

/// The cancelled context `decl` returns, if it returns one.
fn cancelled_return(
    cx: &FileCx<'_>,
    decl: Node<'_>,
    id: &Arc<FuncId>,
    path: &Arc<Path>,
) -> Option<CancelledReturn> {
    let result = decl.child_by_field_name("result")?;
    let body = decl.child_by_field_name("body")?;
    // Most functions cannot match: spare them the walk.
    let source = text(body, cx.src);
    if !source.contains("defer") || !text(result, cx.src).contains("Context") {
        return None;
    }
    let results = result_types(cx, result);
    let position = results.iter().position(|(ty, _)| ty.is_context())?;
    let returns = own_nodes(decl, "return_statement");
    let made = own_nodes(decl, "short_var_declaration")
        .into_iter()
        .filter_map(|n| made_and_deferred(cx, n))
        .find(|made| {
            returns
                .iter()
                .any(|r| made.holds(*r) && returns_at(cx, *r, position, made.context))
        })?;
    if written_after(cx, body, &made) {
        // It may then return another context than the one cancelled.
        return None;
    }
    let (context, cancel) = (made.context.to_string(), made.cancel.to_string());
    let cause = made.constructor == "WithCancelCause";
    let change = edits(cx, decl, result, &results, &returns, &made);
    Some(CancelledReturn {
        id: id.clone(),
        path: path.clone(),
        defer: made.defer.byte_range(),
        context,
        cancel,
        cancel_type: if cause {
            "CancelCauseFunc"
        } else {
            "CancelFunc"
        },
        cancel_args: if cause { "nil" } else { "" },
        change,
    })
}

/// `ctx, cancel := context.WithX(...)` followed in its block by
/// `defer cancel()`.
struct Made<'t, 's> {
    declaration: Node<'t>,
    defer: Node<'t>,
    constructor: &'s str,
    context: &'s str,
    cancel: &'s str,
}

impl Made<'_, '_> {
    /// True when `node` is where the variables declared are in scope: after
    /// the declaration, in its block.
    fn holds(&self, node: Node<'_>) -> bool {
        let block = self.declaration.up().map_or(0..0, |b| b.byte_range());
        node.start_byte() >= self.declaration.end_byte() && node.end_byte() <= block.end
    }
}

/// The context made by `declaration` and the `defer` that cancels it, if
/// `declaration` makes one and a later statement of its block defers its
/// cancel function.
fn made_and_deferred<'t, 's>(cx: &FileCx<'s>, declaration: Node<'t>) -> Option<Made<'t, 's>> {
    let left = named_children(declaration.child_by_field_name("left")?);
    let right = named_children(declaration.child_by_field_name("right")?);
    let ([context, cancel], [call]) = (&left[..], &right[..]) else {
        return None;
    };
    let (context, cancel) = (text(*context, cx.src), text(*cancel, cx.src));
    if context == "_" || cancel == "_" || !is_cancellable_constructor(cx, *call) {
        return None;
    }
    let (_, constructor) = selector_call(*call, cx.src)?;
    let defer = std::iter::successors(declaration.next_named_sibling(), |s| s.next_named_sibling())
        .find(|s| defers_call_of(cx, *s, cancel))?;
    Some(Made {
        declaration,
        defer,
        constructor,
        context,
        cancel,
    })
}

/// True when `stmt` is `defer name(...)`.
fn defers_call_of(cx: &FileCx<'_>, stmt: Node<'_>, name: &str) -> bool {
    stmt.kind() == "defer_statement"
        && named_children(stmt).first().is_some_and(|call| {
            call.kind() == "call_expression"
                && call
                    .child_by_field_name("function")
                    .is_some_and(|f| f.kind() == "identifier" && text(f, cx.src) == name)
        })
}

/// Each result's type and whether it is named, one per result.
fn result_types(cx: &FileCx<'_>, result: Node<'_>) -> Vec<(TypeRef, bool)> {
    if result.kind() != "parameter_list" {
        return vec![(TypeRef::of(cx, result), false)];
    }
    named_children(result)
        .into_iter()
        .flat_map(|p| {
            let ty = p
                .child_by_field_name("type")
                .map_or(TypeRef::Other, |t| TypeRef::of(cx, t));
            let mut cursor = p.walk();
            let names = p.children_by_field_name("name", &mut cursor).count();
            std::iter::repeat_n((ty, names > 0), names.max(1))
        })
        .collect()
}

/// The nodes of `kind` in the function `decl` itself, not in a function
/// literal in it.
fn own_nodes<'t>(decl: Node<'t>, kind: &str) -> Vec<Node<'t>> {
    let mut found = Vec::new();
    for_each_node(decl, |n| {
        if n.kind() == kind && enclosing_function(n).is_some_and(|f| f.id() == decl.id()) {
            found.push(n);
        }
    });
    found
}

/// The values a `return` statement returns.
fn returned(ret: Node<'_>) -> Vec<Node<'_>> {
    crate::go::syntax::named_children_through(ret, "expression_list")
}

/// True when `ret` returns the variable `name` as result `position`.
fn returns_at(cx: &FileCx<'_>, ret: Node<'_>, position: usize, name: &str) -> bool {
    returned(ret)
        .get(position)
        .is_some_and(|v| v.kind() == "identifier" && text(*v, cx.src) == name)
}

/// True when the context variable is set again after it is made, other
/// than to a value derived from it with `context.WithValue`.
fn written_after(cx: &FileCx<'_>, body: Node<'_>, made: &Made<'_, '_>) -> bool {
    let mut written = false;
    for_each_node(body, |n| {
        if written
            || n.kind() != "identifier"
            || n.start_byte() < made.declaration.end_byte()
            || text(n, cx.src) != made.context
            || !is_written(n)
        {
            return;
        }
        let derived = n
            .up()
            .and_then(|list| list.up())
            .filter(|holder| holder.kind() == "assignment_statement")
            .and_then(|holder| holder.child_by_field_name("right"))
            .map(named_children)
            .is_some_and(|values| match values[..] {
                [value] => {
                    cx.is_call_to(value, "context", &["WithValue"])
                        && crate::go::syntax::call_arguments(value)
                            .first()
                            .is_some_and(|a| text(*a, cx.src) == made.context)
                }
                _ => false,
            });
        written = !derived;
    });
    written
}

/// The edits that make the function return `(ctx, cancel)` and drop the
/// `defer`, or why they cannot be made.
fn edits(
    cx: &FileCx<'_>,
    decl: Node<'_>,
    result: Node<'_>,
    results: &[(TypeRef, bool)],
    returns: &[Node<'_>],
    made: &Made<'_, '_>,
) -> Result<Vec<Edit>, String> {
    let line = |n: Node<'_>| n.start_position().row + 1;
    match results {
        [(_, false)] => {}
        [(_, true)] => return Err("its result is named".into()),
        _ => return Err("it returns other results besides the context".into()),
    }
    let mut values = Vec::new();
    for ret in returns {
        match returned(*ret)[..] {
            [value] if made.holds(*ret) && text(value, cx.src) == made.context => {
                values.push(value.id())
            }
            _ => {
                return Err(format!(
                    "on line {} it returns something else than the context it cancels",
                    line(*ret)
                ))
            }
        }
    }
    for n in identifiers_after(cx, decl, made.declaration, made.context) {
        if values.contains(&n.id()) {
            continue;
        }
        if let Some(how) = escaping_use(n, decl) {
            return Err(format!(
                "the context also escapes on line {} ({})",
                line(n),
                how.describe()
            ));
        }
    }
    let defer_call = named_children(made.defer)[0];
    let deferred = |n: &Node<'_>| n.up().is_some_and(|call| call.id() == defer_call.id());
    if let Some(n) = identifiers_after(cx, decl, made.declaration, made.cancel)
        .into_iter()
        .find(|n| !deferred(n))
    {
        return Err(format!(
            "`{}` is also used on line {}",
            made.cancel,
            line(n)
        ));
    }
    let args = crate::go::syntax::call_arguments(defer_call);
    let cause = made.constructor == "WithCancelCause";
    match (&args[..], cause) {
        ([], false) => {}
        ([arg], true) if text(*arg, cx.src) == "nil" => {}
        _ => return Err("the deferred call passes a cause other than `nil`".into()),
    }
    let deletion = statement_deletion_with_comment(cx.src, made.defer)
        .ok_or_else(|| format!("other code shares the line of `defer {}()`", made.cancel))?;
    let context_type = match result.kind() {
        "parameter_list" => named_children(result)
            .first()
            .and_then(|p| p.child_by_field_name("type"))
            .map_or("", |t| text(t, cx.src)),
        _ => text(result, cx.src),
    };
    let package = cx
        .package_name_free("context")
        .ok_or("its file imports another package named `context`")?;
    let cancel_type = if cause {
        "CancelCauseFunc"
    } else {
        "CancelFunc"
    };
    let mut edits = vec![
        Edit::replace(
            result.byte_range(),
            format!("({context_type}, {package}.{cancel_type})"),
        ),
        Edit::delete(deletion),
    ];
    edits.extend(
        returns
            .iter()
            .map(|r| Edit::insert(r.end_byte(), format!(", {}", made.cancel))),
    );
    Ok(edits)
}

/// The identifiers named `name` under `node` after `after` ends.
fn identifiers_after<'t>(
    cx: &FileCx<'_>,
    node: Node<'t>,
    after: Node<'_>,
    name: &str,
) -> Vec<Node<'t>> {
    let mut found = Vec::new();
    for_each_node(node, |n| {
        if n.kind() == "identifier" && n.start_byte() >= after.end_byte() && text(n, cx.src) == name
        {
            found.push(n);
        }
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::go::edit::apply_edits;
    use crate::go::file_cx::testing::with_file;

    /// The cancelled return of the first function of `src`, and its
    /// declaration fixed (or why not).
    fn found(src: &str) -> Option<(CancelledReturn, Result<String, String>)> {
        with_file("a.go", src, "example.com/a", None, |cx| {
            let decl = named_children(cx.root)
                .into_iter()
                .find(|d| d.kind() == "function_declaration")?;
            let id = Arc::new(FuncId {
                package: "example.com/a".into(),
                receiver: None,
                name: "open".into(),
            });
            let found = cancelled_return(cx, decl, &id, &Arc::from(Path::new("a.go")))?;
            let fixed = found.change.clone().map(|edits| {
                let edits: Vec<&Edit> = edits.iter().collect();
                apply_edits(src, &edits)
            });
            Some((found, fixed))
        })
    }

    fn function(result: &str, body: &str) -> String {
        format!("package a\n\nimport (\n\t\"context\"\n\t\"time\"\n)\n\nfunc open(p context.Context) {result} {{\n{body}}}\n")
    }

    #[test]
    fn returns_the_cancel_function_and_drops_the_defer() {
        let body = "\tctx, cancel := context.WithTimeout(p, time.Second)\n\tdefer cancel() // BUG\n\n\tif p.Err() != nil {\n\t\treturn ctx\n\t}\n\treturn ctx\n";
        let (found, fixed) = found(&function("context.Context", body)).unwrap();
        assert_eq!(
            (found.context.as_str(), found.cancel.as_str()),
            ("ctx", "cancel")
        );
        assert_eq!(found.cancel_type, "CancelFunc");
        assert_eq!(
            fixed.unwrap(),
            function(
                "(context.Context, context.CancelFunc)",
                "\tctx, cancel := context.WithTimeout(p, time.Second)\n\n\tif p.Err() != nil {\n\t\treturn ctx, cancel\n\t}\n\treturn ctx, cancel\n"
            )
        );
    }

    #[test]
    fn a_cause_is_passed_on_as_nil() {
        let body = "\tctx, stop := context.WithCancelCause(p)\n\tdefer stop(nil)\n\treturn ctx\n";
        let (found, fixed) = found(&function("(context.Context)", body)).unwrap();
        assert_eq!(
            (found.cancel_type, found.cancel_args),
            ("CancelCauseFunc", "nil")
        );
        assert!(fixed
            .unwrap()
            .contains("func open(p context.Context) (context.Context, context.CancelCauseFunc) {\n\tctx, stop := context.WithCancelCause(p)\n\treturn ctx, stop\n}"));
    }

    #[test]
    fn not_a_cancelled_return() {
        let returned_live = "\tctx, cancel := context.WithCancel(p)\n\t_ = cancel\n\treturn ctx\n";
        let other_context = "\tctx, cancel := context.WithCancel(p)\n\tdefer cancel()\n\t_ = ctx.Err()\n\treturn p\n";
        let reassigned =
            "\tctx, cancel := context.WithCancel(p)\n\tdefer cancel()\n\tctx = p\n\treturn ctx\n";
        let in_literal = "\tctx, cancel := context.WithCancel(p)\n\tdefer cancel()\n\tf := func() context.Context { return ctx }\n\t_ = f\n\treturn p\n";
        for body in [returned_live, other_context, reassigned, in_literal] {
            assert!(
                found(&function("context.Context", body)).is_none(),
                "{body}"
            );
        }
    }

    /// Why the declaration with this result and body is not fixed.
    fn why(result: &str, body: &str) -> String {
        let (_, fixed) = found(&function(result, body)).expect("a cancelled return");
        fixed.expect_err("not fixed")
    }

    #[test]
    fn reported_without_a_fix() {
        let made = "\tctx, cancel := context.WithCancel(p)\n\tdefer cancel()\n";
        assert_eq!(
            why(
                "(context.Context, error)",
                &format!("{made}\treturn ctx, nil\n")
            ),
            "it returns other results besides the context"
        );
        assert_eq!(
            why("(c context.Context)", &format!("{made}\treturn ctx\n")),
            "its result is named"
        );
        assert_eq!(
            why(
                "context.Context",
                &format!("{made}\tif p == nil {{\n\t\treturn p\n\t}}\n\treturn ctx\n")
            ),
            "on line 12 it returns something else than the context it cancels"
        );
        assert_eq!(
            why(
                "context.Context",
                &format!(
                    "\tif p == nil {{\n\t\tctx := p\n\t\treturn ctx\n\t}}\n{made}\treturn ctx\n"
                )
            ),
            "on line 11 it returns something else than the context it cancels",
            "another `ctx`, before this one is made"
        );
        assert_eq!(
            why(
                "context.Context",
                &format!("{made}\tgo work(ctx)\n\treturn ctx\n")
            ),
            "the context also escapes on line 11 (used by a goroutine)"
        );
        assert_eq!(
            why(
                "context.Context",
                &format!("{made}\tif p == nil {{\n\t\tcancel()\n\t}}\n\treturn ctx\n")
            ),
            "`cancel` is also used on line 12"
        );
        assert_eq!(
            why(
                "context.Context",
                "\tctx, cancel := context.WithCancel(p)\n\tdefer cancel(); _ = 1\n\treturn ctx\n"
            ),
            "other code shares the line of `defer cancel()`"
        );
    }
}
