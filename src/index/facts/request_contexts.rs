//! Contexts that come from the incoming request: `r.Context()` of an
//! `*http.Request`, `c.Request.Context()` of a `*gin.Context`, and locals
//! assigned from one (directly or through `context.WithValue`). They are
//! cancelled when the handler returns.

use crate::go::file_cx::FileCx;
use crate::go::parents::Up;
use crate::go::scope::{contexts_in_scope, name_scope, ContextKind};
use crate::go::syntax::{call_arguments, is_written, named_children, text};
use tree_sitter::Node;

/// How deep a chain of locals is followed.
const MAX_DEPTH: usize = 8;

/// True when `expr` yields the request's context: `r.Context()` or
/// `c.Request.Context()` of a request or gin context in scope, a
/// `context.WithValue` of one, or a local assigned once from one before
/// `expr`.
pub fn is_request_context(cx: &FileCx<'_>, expr: Node<'_>) -> bool {
    yields_request_context(cx, expr, 0)
}

/// The kind of value whose `Context()` accessor `call` is, when it is
/// `r.Context()` of an `*http.Request` (`Request`) or
/// `c.Request.Context()` of a `*gin.Context` (`Gin`) in scope.
pub fn request_accessor(cx: &FileCx<'_>, call: Node<'_>) -> Option<ContextKind> {
    if call.kind() != "call_expression" || !call_arguments(call).is_empty() {
        return None;
    }
    let function = call.child_by_field_name("function")?;
    if function.kind() != "selector_expression"
        || text(function.child_by_field_name("field")?, cx.src) != "Context"
    {
        return None;
    }
    let operand = function.child_by_field_name("operand")?;
    let (name, kind) = match operand.kind() {
        "identifier" => (operand, ContextKind::Request),
        "selector_expression"
            if operand
                .child_by_field_name("field")
                .is_some_and(|f| text(f, cx.src) == "Request") =>
        {
            (operand.child_by_field_name("operand")?, ContextKind::Gin)
        }
        _ => return None,
    };
    let name = text(name, cx.src);
    contexts_in_scope(cx, call)
        .iter()
        .any(|c| c.name == name && c.kind == kind)
        .then_some(kind)
}

fn yields_request_context(cx: &FileCx<'_>, expr: Node<'_>, depth: usize) -> bool {
    if depth > MAX_DEPTH {
        return false;
    }
    match expr.kind() {
        "parenthesized_expression" => named_children(expr)
            .first()
            .is_some_and(|inner| yields_request_context(cx, *inner, depth + 1)),
        "call_expression" if cx.is_call_to(expr, "context", &["WithValue"]) => call_arguments(expr)
            .first()
            .is_some_and(|parent| yields_request_context(cx, *parent, depth + 1)),
        "call_expression" => request_accessor(cx, expr).is_some(),
        "identifier" => single_assignment(cx, expr)
            .is_some_and(|value| yields_request_context(cx, value, depth + 1)),
        _ => false,
    }
}

/// The value the local `ident` names was given, when it is written once
/// in its function (its declaration, before `ident`, with `:=` or `var`).
fn single_assignment<'t>(cx: &FileCx<'t>, ident: Node<'t>) -> Option<Node<'t>> {
    let name = text(ident, cx.src);
    let mut writes = Vec::new();
    crate::go::syntax::for_each_node(name_scope(cx, ident), |n| {
        if n.kind() == "identifier" && text(n, cx.src) == name && is_written(n) {
            writes.push(n);
        }
    });
    let [target] = writes.as_slice() else {
        return None;
    };
    if target.end_byte() > ident.start_byte() {
        return None;
    }
    let list = target.up()?;
    let (names, values) = match list.kind() {
        "expression_list" => {
            let statement = list.up().filter(|s| s.kind() == "short_var_declaration")?;
            (
                named_children(list),
                named_children(statement.child_by_field_name("right")?),
            )
        }
        "var_spec" => {
            let mut cursor = list.walk();
            let names: Vec<Node<'t>> = list.children_by_field_name("name", &mut cursor).collect();
            (names, named_children(list.child_by_field_name("value")?))
        }
        _ => return None,
    };
    let index = names.iter().position(|n| n.id() == target.id())?;
    (names.len() == values.len()).then(|| values[index])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::go::file_cx::testing::with_file;

    /// Whether the argument of `use(...)` in `body` (a handler's body) is
    /// the request's context.
    fn request_context_used(body: &str) -> bool {
        let src = format!(
            "package a\nimport (\n\"context\"\n\"net/http\"\n)\nfunc h(w http.ResponseWriter, r *http.Request, other context.Context) {{\n{body}\n}}\n"
        );
        with_file("a.go", &src, "example.com/a", None, |cx| {
            let mut found = None;
            crate::go::syntax::for_each_node(cx.root, |n| {
                if n.kind() == "call_expression"
                    && n.child_by_field_name("function")
                        .is_some_and(|f| cx.text(f) == "use")
                {
                    found = call_arguments(n).first().copied();
                }
            });
            is_request_context(cx, found.expect("a use(...) call"))
        })
    }

    #[test]
    fn accessors_and_locals_assigned_once() {
        assert!(request_context_used("use(r.Context())"));
        assert!(request_context_used("ctx := r.Context()\nuse(ctx)"));
        assert!(request_context_used(
            "base := r.Context()\nctx := context.WithValue(base, k{}, 1)\nuse(ctx)"
        ));
        assert!(!request_context_used("use(other)"));
        // Written again: which value it holds is not known.
        assert!(!request_context_used(
            "ctx := r.Context()\nctx = other\nuse(ctx)"
        ));
        // A cancellation of its own.
        assert!(!request_context_used(
            "ctx, cancel := context.WithTimeout(r.Context(), 1)\ndefer cancel()\nuse(ctx)"
        ));
        assert!(!request_context_used(
            "ctx := context.WithoutCancel(r.Context())\nuse(ctx)"
        ));
    }
}
