//! Waits on a context's `Done` channel: `<-X.Done()` as a `select` arm or
//! a statement, the loop around such a `select`, and the result types of
//! the function a fix returns from. Shared by the rules about what code does
//! once a context is done.

use crate::go::parents::Up;
use crate::go::syntax::{named_children, text, FUNCTION_KINDS};
use tree_sitter::Node;

/// If `expr` is `<-X.Done()`, the expression `X` as written (`ctx`,
/// `s.ctx`, `r.Context()`).
pub fn done_receive_operand<'t>(expr: Node<'t>, src: &str) -> Option<Node<'t>> {
    if expr.kind() != "unary_expression" || expr.child(0)?.kind() != "<-" {
        return None;
    }
    done_channel_operand(expr.child_by_field_name("operand")?, src)
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
            .up()
            .expect("a communication_case is inside a select_statement")
    }
}

/// The context whose Done channel was received from before `node` runs, in
/// the same function: `X` when `node` is in the body of a `case <-X.Done():`
/// arm, or follows a `<-X.Done()` statement in the same block or an
/// enclosing one. The search stops at the nearest `select` arm, Done or not.
pub fn done_before<'t>(node: Node<'t>, src: &str) -> Option<Node<'t>> {
    let mut child = node;
    while let Some(parent) = child.up() {
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

/// Why a context may already be done where a fix would use it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Done {
    /// In a `case <-X.Done():` arm, or after a receive from `X.Done()`, on
    /// some path: the context `X` is done there.
    Received(String),
    /// After a call handed `X.Done()` (`wait.Until(f, p, ctx.Done())`),
    /// which may return because `X` is done.
    Waited(String),
    /// Where `X.Err()` was found not nil.
    Checked(String),
    /// In a deferred call: it runs as the function returns, when the
    /// contexts it made are being cancelled.
    Deferred,
}

impl Done {
    /// The facts of each kind about `context`: what assigning it anew ends.
    fn every_kind_of(context: &str) -> [Done; 3] {
        [
            Done::Received(context.to_string()),
            Done::Waited(context.to_string()),
            Done::Checked(context.to_string()),
        ]
    }
}

/// Whether a context may already be done when `at` runs, and why: `at` is
/// in a deferred call, or a path from the start of its function (for a
/// function literal, from where the literal is written) reaches it after a
/// context was found done. Assigning the context's variable again ends
/// what was known of it.
pub fn done_at(at: Node<'_>, src: &str) -> Option<Done> {
    let mut function = None;
    let mut cur = at.up();
    while let Some(n) = cur {
        match n.kind() {
            "defer_statement" => return Some(Done::Deferred),
            "function_declaration" | "method_declaration" => {
                function.get_or_insert(n);
                break;
            }
            "func_literal" => {
                function.get_or_insert(n);
            }
            _ => {}
        }
        cur = n.up();
    }
    let declaration = cur?;
    // Only a function that mentions a Done channel or an error check
    // can know a context is done: most are spared the graph.
    let body = text(declaration, src);
    if !body.contains(".Done()") && !body.contains(".Err()") {
        return None;
    }
    done_facts(function?, at, src).into_iter().next()
}

/// What may be known done when `at` runs in `function` (a declaration or a
/// literal; a literal starts with what is known where it is written).
fn done_facts(function: Node<'_>, at: Node<'_>, src: &str) -> Vec<Done> {
    let entry: Vec<Done> = if function.kind() == "func_literal" {
        function
            .up()
            .and_then(|p| crate::go::syntax::ancestor(p, FUNCTION_KINDS))
            .map(|o| done_facts(o, function, src))
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    let Some(cfg) = crate::go::cfg::Cfg::of_function(function, src) else {
        return Vec::new();
    };
    let Some(point) = cfg.point_of(at) else {
        return Vec::new();
    };
    let mut facts = cfg
        .forward_may(&entry, |p| effects(p, src))
        .swap_remove(point);
    facts.sort();
    facts
}

/// What a point of the graph makes known done, and what it makes unknown
/// again (a context variable assigned anew).
fn effects(point: &crate::go::cfg::Point<'_>, src: &str) -> (Vec<Done>, Vec<Done>) {
    use crate::go::cfg::PointKind;
    let Some(node) = point.node else {
        return (Vec::new(), Vec::new());
    };
    let fact = |context: Node<'_>, done: fn(String) -> Done| done(text(context, src).to_string());
    match point.kind {
        PointKind::CaseEntry => {
            let gen = DoneArm::of(node, src)
                .map(|arm| fact(arm.operand, Done::Received))
                .into_iter()
                .collect();
            (gen, Vec::new())
        }
        PointKind::Branch { then } => {
            let gen = checked_context(node, then, src)
                .map(|x| fact(x, Done::Checked))
                .into_iter()
                .collect();
            (gen, Vec::new())
        }
        PointKind::Statement => match node.kind() {
            "expression_statement" => {
                let Some(expr) = named_children(node).into_iter().next() else {
                    return (Vec::new(), Vec::new());
                };
                let mut gen: Vec<Done> = done_receive_operand(expr, src)
                    .map(|x| fact(x, Done::Received))
                    .into_iter()
                    .collect();
                if expr.kind() == "call_expression" {
                    gen.extend(
                        crate::go::syntax::call_arguments(expr)
                            .into_iter()
                            .filter_map(|a| done_channel_operand(a, src))
                            .map(|x| fact(x, Done::Waited)),
                    );
                }
                (gen, Vec::new())
            }
            "assignment_statement" | "short_var_declaration" => {
                let kill = node
                    .child_by_field_name("left")
                    .map(named_children)
                    .unwrap_or_default()
                    .into_iter()
                    .flat_map(|l| Done::every_kind_of(text(l, src)))
                    .collect();
                (Vec::new(), kill)
            }
            _ => (Vec::new(), Vec::new()),
        },
        _ => (Vec::new(), Vec::new()),
    }
}

/// If `expr` is `X.Done()` (the channel, not a receive from it), `X`.
fn done_channel_operand<'t>(expr: Node<'t>, src: &str) -> Option<Node<'t>> {
    if expr.kind() != "call_expression" || !crate::go::syntax::call_arguments(expr).is_empty() {
        return None;
    }
    let function = expr.child_by_field_name("function")?;
    if function.kind() != "selector_expression"
        || text(function.child_by_field_name("field")?, src) != "Done"
    {
        return None;
    }
    function.child_by_field_name("operand")
}

/// The context an `if` statement finds done on the branch `then`:
/// `X.Err() != nil` (or `err != nil` after `err := X.Err()`) on the
/// consequence, `X.Err() == nil` on the alternative.
fn checked_context<'t>(if_statement: Node<'t>, then: bool, src: &str) -> Option<Node<'t>> {
    let condition = if_statement.child_by_field_name("condition")?;
    if condition.kind() != "binary_expression" {
        return None;
    }
    let operator = condition
        .child_by_field_name("operator")
        .map(|o| text(o, src));
    let wanted = if then { "!=" } else { "==" };
    if operator != Some(wanted) {
        return None;
    }
    let left = condition.child_by_field_name("left")?;
    let right = condition.child_by_field_name("right")?;
    if text(right, src) != "nil" {
        return None;
    }
    let err_call = match left.kind() {
        "call_expression" => left,
        "identifier" => {
            // `if err := X.Err(); err != nil`
            let init = if_statement.child_by_field_name("initializer")?;
            if init.kind() != "short_var_declaration" {
                return None;
            }
            let names = init.child_by_field_name("left").map(named_children)?;
            let values = init.child_by_field_name("right").map(named_children)?;
            let i = names
                .iter()
                .position(|n| text(*n, src) == text(left, src))?;
            *values.get(i)?
        }
        _ => return None,
    };
    if err_call.kind() != "call_expression"
        || !crate::go::syntax::call_arguments(err_call).is_empty()
    {
        return None;
    }
    let function = err_call.child_by_field_name("function")?;
    (function.kind() == "selector_expression"
        && text(function.child_by_field_name("field")?, src) == "Err")
        .then(|| function.child_by_field_name("operand"))
        .flatten()
}

/// True when `body` watches the context named `name` to stop: it calls
/// `name.Done()`, or passes `name` to a function or method declared in the
/// same file (`root`) whose body does so with the matching parameter, up
/// to `depth` calls deep. Code that waits on a context's Done channel
/// wants its cancellation (reading `Err()` may only be reporting it).
pub fn watches_context(
    root: Node<'_>,
    body: Node<'_>,
    name: &str,
    src: &str,
    depth: usize,
) -> bool {
    let mut watches = false;
    crate::go::syntax::for_each_node(body, |n| {
        if watches || n.kind() != "call_expression" {
            return;
        }
        let Some(function) = n.child_by_field_name("function") else {
            return;
        };
        if done_channel_operand(n, src).is_some_and(|o| text(o, src) == name) {
            watches = true;
            return;
        }
        if depth == 0 {
            return;
        }
        let args = crate::go::syntax::call_arguments(n);
        for (i, arg) in args.iter().enumerate() {
            if text(*arg, src) != name {
                continue;
            }
            if let Some((callee_body, param)) = declared_parameter(root, function, i, src) {
                if watches_context(root, callee_body, &param, src, depth - 1) {
                    watches = true;
                    return;
                }
            }
        }
    });
    watches
}

/// For a call of `function` (`f` or `x.m`) declared in the file `root`:
/// the declaration's body and the name of its parameter at `index`.
pub fn declared_parameter<'t>(
    root: Node<'t>,
    function: Node<'_>,
    index: usize,
    src: &str,
) -> Option<(Node<'t>, String)> {
    let (name, method) = match function.kind() {
        "identifier" => (text(function, src), false),
        "selector_expression" => (text(function.child_by_field_name("field")?, src), true),
        _ => return None,
    };
    let kind = if method {
        "method_declaration"
    } else {
        "function_declaration"
    };
    let mut matches = named_children(root).into_iter().filter(|d| {
        d.kind() == kind
            && d.child_by_field_name("name")
                .is_some_and(|n| text(n, src) == name)
    });
    let decl = matches.next()?;
    if matches.next().is_some() {
        // Two methods of that name: which one runs is not known here.
        return None;
    }
    let mut names = Vec::new();
    for param in named_children(decl.child_by_field_name("parameters")?) {
        let mut cursor = param.walk();
        let declared: Vec<String> = param
            .children_by_field_name("name", &mut cursor)
            .map(|n| text(n, src).to_string())
            .collect();
        if declared.is_empty() {
            names.push(String::new());
        }
        names.extend(declared);
    }
    let param = names.get(index).filter(|n| !n.is_empty() && *n != "_")?;
    Some((decl.child_by_field_name("body")?, param.clone()))
}

/// The innermost `for` statement around `node` in the same function.
pub fn enclosing_loop(node: Node<'_>) -> Option<Node<'_>> {
    let mut cur = node.up();
    while let Some(n) = cur {
        match n.kind() {
            "for_statement" => return Some(n),
            kind if FUNCTION_KINDS.contains(&kind) => return None,
            _ => cur = n.up(),
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
    use crate::go::syntax::{for_each_node, parse};

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
    fn knows_where_a_context_may_be_done() {
        let done = |body: &str| {
            let src = format!("package a\nfunc f(ctx context.Context) {{\n{body}\n}}\n");
            let tree = parse(&src);
            let mut found = None;
            for_each_node(tree.root_node(), |n| {
                if found.is_none()
                    && n.kind() == "call_expression"
                    && text(n, &src).starts_with("use(")
                {
                    found = Some(n);
                }
            });
            done_at(found.expect("a use() call"), &src)
        };
        let received = Some(Done::Received("ctx".into()));
        assert_eq!(done("select {\ncase <-ctx.Done():\nuse()\n}"), received);
        assert_eq!(
            done("select {\ncase <-ctx.Done():\nreturn\ncase <-t:\n}\nuse()"),
            None
        );
        assert_eq!(
            done("for {\nselect {\ncase <-ctx.Done():\nbreak\ncase <-t:\n}\n}\nuse()"),
            None,
            "a break in a select leaves the select, not the loop"
        );
        assert_eq!(
            done("loop:\nfor {\nselect {\ncase <-ctx.Done():\nbreak loop\ncase v := <-t:\n_ = v\n}\n}\nuse()"),
            received
        );
        assert_eq!(done("<-ctx.Done()\nuse()"), received);
        assert_eq!(
            done("wait.Until(f, time.Second, ctx.Done())\nuse()"),
            Some(Done::Waited("ctx".into()))
        );
        assert_eq!(
            done("if err := ctx.Err(); err != nil {\nuse()\n}"),
            Some(Done::Checked("ctx".into()))
        );
        assert_eq!(done("if ctx.Err() != nil {\nreturn\n}\nuse()"), None);
        assert_eq!(
            done("if ctx.Err() == nil {\nreturn\n} else {\nuse()\n}"),
            Some(Done::Checked("ctx".into()))
        );
        assert_eq!(done("defer func() {\nuse()\n}()"), Some(Done::Deferred));
        assert_eq!(done("<-ctx.Done()\nctx = fresh()\nuse()"), None);
        assert_eq!(done("<-ctx.Done()\nfunc() {\nuse()\n}()"), received);
        assert_eq!(done("go func() {\n<-ctx.Done()\n}()\nuse()"), None);
        assert_eq!(done("use()\n<-ctx.Done()"), None);
        assert_eq!(
            done("for {\nuse()\nselect {\ncase <-ctx.Done():\ncase <-t:\n}\n}"),
            received,
            "a Done arm that stays in the loop reaches its start again"
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
