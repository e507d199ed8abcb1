//! Waits on a context's `Done` channel: `<-X.Done()` as a `select` arm or
//! a statement, the loop around such a `select`, and the result types of
//! the function a fix returns from. Shared by the rules about what code does
//! once a context is done.

use crate::syntax::{named_children, text, FUNCTION_KINDS};
use tree_sitter::Node;

/// If `expr` is `<-X.Done()`, the expression `X` as written (`ctx`,
/// `s.ctx`, `r.Context()`).
pub fn done_receive_operand<'t>(expr: Node<'t>, src: &str) -> Option<Node<'t>> {
    if expr.kind() != "unary_expression" || expr.child(0)?.kind() != "<-" {
        return None;
    }
    let call = expr.child_by_field_name("operand")?;
    if call.kind() != "call_expression" || !crate::syntax::call_arguments(call).is_empty() {
        return None;
    }
    let function = call.child_by_field_name("function")?;
    if function.kind() != "selector_expression" {
        return None;
    }
    let field = function.child_by_field_name("field")?;
    if text(field, src) != "Done" {
        return None;
    }
    function.child_by_field_name("operand")
}

/// A `select` arm that receives from a Done channel: `case <-X.Done():`.
#[derive(Debug, Clone, Copy)]
pub struct DoneArm<'t> {
    /// The `communication_case` node; its statements are the arm's body.
    pub case: Node<'t>,
    /// The `<-X.Done()` expression.
    pub receive: Node<'t>,
    /// `X`, the context as written.
    pub operand: Node<'t>,
}

impl<'t> DoneArm<'t> {
    /// The Done arm `case` is, if it is one (`case <-X.Done():`, also with
    /// `v := ` or `v, ok := ` in front).
    pub fn of(case: Node<'t>, src: &str) -> Option<DoneArm<'t>> {
        if case.kind() != "communication_case" {
            return None;
        }
        let communication = case.child_by_field_name("communication")?;
        let receive = match communication.kind() {
            "receive_statement" => communication.child_by_field_name("right")?,
            _ => return None,
        };
        let operand = done_receive_operand(receive, src)?;
        Some(DoneArm {
            case,
            receive,
            operand,
        })
    }

    /// The `select` statement the arm belongs to.
    pub fn select(&self) -> Node<'t> {
        self.case
            .parent()
            .expect("a communication_case is inside a select_statement")
    }
}

/// The context whose Done channel was received from before `node` runs, in
/// the same function: `X` when `node` is in the body of a `case <-X.Done():`
/// arm, or follows a `<-X.Done()` statement in the same block or an
/// enclosing one. The search stops at the nearest `select` arm, Done or not.
pub fn done_before<'t>(node: Node<'t>, src: &str) -> Option<Node<'t>> {
    let mut child = node;
    while let Some(parent) = child.parent() {
        match parent.kind() {
            kind if FUNCTION_KINDS.contains(&kind) => return None,
            "communication_case" => return DoneArm::of(parent, src).map(|arm| arm.operand),
            "statement_list" => {
                let earlier = named_children(parent)
                    .into_iter()
                    .take_while(|s| s.end_byte() <= child.start_byte())
                    .filter(|s| s.kind() == "expression_statement")
                    .filter_map(|s| named_children(s).into_iter().next())
                    .filter_map(|e| done_receive_operand(e, src))
                    .last();
                if earlier.is_some() {
                    return earlier;
                }
            }
            _ => {}
        }
        child = parent;
    }
    None
}

/// The innermost `for` statement around `node` in the same function.
pub fn enclosing_loop(node: Node<'_>) -> Option<Node<'_>> {
    let mut cur = node.parent();
    while let Some(n) = cur {
        match n.kind() {
            "for_statement" => return Some(n),
            kind if FUNCTION_KINDS.contains(&kind) => return None,
            _ => cur = n.parent(),
        }
    }
    None
}

/// True when a `for` statement has no condition that could end it:
/// `for { ... }` or `for init; ; post { ... }`. A `for cond`, a three-clause
/// loop with a condition and a `range` loop can end on their own.
pub fn is_unconditional_loop(for_statement: Node<'_>) -> bool {
    named_children(for_statement)
        .into_iter()
        .all(|c| match c.kind() {
            "block" => true,
            "for_clause" => c.child_by_field_name("condition").is_none(),
            _ => false,
        })
}

/// The result types of a function declaration, method or literal, one per
/// value returned (a `(a, b int)` result gives `int` twice); empty when it
/// returns nothing.
pub fn result_types(function: Node<'_>) -> Vec<Node<'_>> {
    let Some(result) = function.child_by_field_name("result") else {
        return Vec::new();
    };
    if result.kind() != "parameter_list" {
        return vec![result];
    }
    let mut types = Vec::new();
    for param in named_children(result) {
        let Some(ty) = param.child_by_field_name("type") else {
            continue;
        };
        let mut cursor = param.walk();
        let names = param.children_by_field_name("name", &mut cursor).count();
        types.extend(std::iter::repeat_n(ty, names.max(1)));
    }
    types
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::{for_each_node, parse};

    /// The first node of `kind` in `src`, passed to `f` with the source.
    fn first<T>(src: &str, kind: &str, f: impl Fn(Node<'_>) -> T) -> T {
        let tree = parse(src);
        let mut found = None;
        for_each_node(tree.root_node(), |n| {
            if found.is_none() && n.kind() == kind {
                found = Some(n);
            }
        });
        f(found.unwrap_or_else(|| panic!("no {kind} in the source")))
    }

    #[test]
    fn recognises_done_arms() {
        let arm = |case: &str| {
            let src = format!("package a\nfunc f() {{\n\tselect {{\n\t{case}\n\t}}\n}}\n");
            first(&src, "communication_case", |c| {
                DoneArm::of(c, &src).map(|a| text(a.operand, &src).to_string())
            })
        };
        assert_eq!(arm("case <-ctx.Done():").as_deref(), Some("ctx"));
        assert_eq!(arm("case <-s.ctx.Done():").as_deref(), Some("s.ctx"));
        assert_eq!(
            arm("case _, ok := <-r.Context().Done():").as_deref(),
            Some("r.Context()")
        );
        assert_eq!(arm("case <-done:"), None);
        assert_eq!(arm("case <-ctx.Wait():"), None);
        assert_eq!(arm("case <-ctx.Done(1):"), None);
        assert_eq!(arm("case ch <- v:"), None);
    }

    #[test]
    fn finds_the_done_wait_before_a_statement() {
        let operand = |body: &str| {
            let src = format!("package a\nfunc f() error {{\n{body}\n}}\n");
            first(&src, "return_statement", |r| {
                done_before(r, &src).map(|o| text(o, &src).to_string())
            })
        };
        assert_eq!(operand("<-ctx.Done()\nreturn nil").as_deref(), Some("ctx"));
        assert_eq!(
            operand("<-ctx.Done()\nif x {\nreturn nil\n}").as_deref(),
            Some("ctx")
        );
        assert_eq!(
            operand("select {\ncase <-c.Done():\nreturn nil\n}").as_deref(),
            Some("c")
        );
        assert_eq!(operand("return nil\n<-ctx.Done()"), None);
        assert_eq!(
            operand("<-ctx.Done()\ngo func() error {\nreturn nil\n}()"),
            None
        );
        assert_eq!(
            operand("<-ctx.Done()\nselect {\ncase <-other:\nreturn nil\n}"),
            None
        );
    }

    #[test]
    fn loops_without_conditions() {
        let unconditional = |header: &str| {
            let src = format!("package a\nfunc f() {{\n\t{header} {{\n\t}}\n}}\n");
            first(&src, "for_statement", is_unconditional_loop)
        };
        assert!(unconditional("for"));
        assert!(unconditional("for i := 0; ; i++"));
        assert!(!unconditional("for running"));
        assert!(!unconditional("for i := 0; i < n; i++"));
        assert!(!unconditional("for range ch"));
    }

    #[test]
    fn result_types_one_per_value() {
        let types = |sig: &str| {
            let src = format!("package a\nfunc f() {sig} {{}}\n");
            first(&src, "function_declaration", |f| {
                result_types(f)
                    .into_iter()
                    .map(|t| text(t, &src).to_string())
                    .collect::<Vec<_>>()
            })
        };
        assert_eq!(types(""), Vec::<String>::new());
        assert_eq!(types("error"), ["error"]);
        assert_eq!(types("(int, *T, error)"), ["int", "*T", "error"]);
        assert_eq!(types("(a, b int, err error)"), ["int", "int", "error"]);
    }
}
