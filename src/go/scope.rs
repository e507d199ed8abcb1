//! Which context a piece of code can use: parameters and locals of type
//! `context.Context`, an `*http.Request`'s `r.Context()` and a
//! `*gin.Context`'s `c.Request.Context()`, and whether the code runs in a
//! goroutine. Shared by every rule that replaces or supplies a context.

use crate::go::edit::Edit;
use crate::go::file_cx::FileCx;
use crate::go::known::{qualified_type_is, CANCELLABLE};
use crate::go::parents::Up;
use crate::go::syntax::{named_children, text, FUNCTION_KINDS};
use std::collections::HashSet;
use tree_sitter::Node;

/// The import path of gin.
pub const GIN: &str = "github.com/gin-gonic/gin";

/// What kind of value provides the context.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ContextKind {
    /// A `context.Context` value.
    Context,
    /// An `*http.Request`: use `r.Context()`.
    Request,
    /// A `*gin.Context`: use `c.Request.Context()`.
    Gin,
}

/// A variable in scope that provides a context.
#[derive(Debug, Clone)]
pub struct ScopeContext {
    /// The variable's name.
    pub name: String,
    /// What it is.
    pub kind: ContextKind,
    /// True when it was made by `context.WithoutCancel`: already detached
    /// from the caller's cancellation.
    pub detached: bool,
    /// Where its value comes from.
    origin: Origin,
    /// For a local from `WithCancel`/`WithTimeout`/…: the cancel function's
    /// name and where the declaration ends.
    cancel: Option<(String, usize)>,
}

/// Where a context variable's value comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Origin {
    /// From the caller: a parameter, or an accessor such as `r.Context()`.
    Caller,
    /// From a root made here (`Background()`, `TODO()`) or something
    /// ctxmod cannot follow: using it would hand code values or deadlines it
    /// never had.
    Local,
    /// Derived from the variable of this name.
    Variable(String),
}

impl ScopeContext {
    /// The expression that yields the context, e.g. `r.Context()`.
    pub fn expression(&self) -> String {
        match self.kind {
            ContextKind::Context => self.name.clone(),
            ContextKind::Request => format!("{}.Context()", self.name),
            ContextKind::Gin => format!("{}.Request.Context()", self.name),
        }
    }
}

/// How to supply a context at one place in the code.
#[derive(Debug, Clone)]
pub struct ContextUse {
    /// The context in scope it derives from.
    pub source: ScopeContext,
    /// The expression to write at the place.
    pub expr: String,
    /// A declaration to insert before a `go` statement (for gin, whose
    /// `*gin.Context` must not be read inside the goroutine), with the
    /// scope and name it declares.
    pub before_go: Option<(Edit, std::ops::Range<usize>, String)>,
    /// True when `expr` or `before_go` names the `context` package.
    pub needs_context_import: bool,
    /// Why a context may already be done at the place, when one may: the
    /// context is then detached there, as in a goroutine.
    pub done: Option<crate::go::done::Done>,
}

impl ContextUse {
    /// True when the expression or declaration calls
    /// `context.WithoutCancel`, which needs Go 1.21.
    pub fn detaches(&self) -> bool {
        self.needs_context_import
    }
}

/// Every context variable visible at `at`, best first: the innermost
/// declared before `at`, and among the parameters of one function,
/// `context.Context` before `*http.Request` before `*gin.Context`.
pub fn contexts_in_scope(cx: &FileCx<'_>, at: Node<'_>) -> Vec<ScopeContext> {
    let found = declared_in_scope(cx, at);
    let from_caller: Vec<bool> = (0..found.len())
        .map(|i| comes_from_caller(&found, i))
        .collect();
    let scope = name_scope(cx, at);
    found
        .into_iter()
        .zip(from_caller)
        .filter(|(c, from_caller)| *from_caller && !cancelled_before(cx, scope, c, at))
        .map(|(c, _)| c)
        .collect()
}

/// True when the nearest context variable named `name` visible at `at` was
/// made by `context.WithoutCancel`, wherever its parent comes from.
pub fn is_detached(cx: &FileCx<'_>, at: Node<'_>, name: &str) -> bool {
    declared_in_scope(cx, at)
        .into_iter()
        .find(|c| c.name == name)
        .is_some_and(|c| c.detached)
}

/// Every context variable declared before `at` in the blocks and functions
/// around it, innermost first, wherever its value comes from.
fn declared_in_scope(cx: &FileCx<'_>, at: Node<'_>) -> Vec<ScopeContext> {
    let mut found = Vec::new();
    let mut node = at;
    for parent in crate::go::syntax::ancestors(cx.root, at) {
        match parent.kind() {
            "statement_list" => {
                // Asked at every place a context is looked for: worked out
                // once per list, each statement's end with what it declares.
                let declared = cx.memo.per_node(parent.id(), || {
                    let declared: Vec<(usize, Vec<ScopeContext>)> = named_children(parent)
                        .into_iter()
                        .map(|stmt| {
                            let mut contexts = Vec::new();
                            declared_contexts(cx, stmt, &mut contexts);
                            (stmt.end_byte(), contexts)
                        })
                        .collect();
                    std::rc::Rc::new(declared)
                });
                let earlier = declared.partition_point(|(end, _)| *end <= node.start_byte());
                for (_, contexts) in declared[..earlier].iter().rev() {
                    found.extend(contexts.iter().cloned());
                }
            }
            "if_statement"
            | "expression_switch_statement"
            | "type_switch_statement"
            | "for_clause" => {
                if let Some(init) = parent.child_by_field_name("initializer") {
                    if init.id() != node.id() && init.end_byte() <= node.start_byte() {
                        declared_contexts(cx, init, &mut found);
                    }
                }
            }
            "for_statement" => {
                let clause = named_children(parent)
                    .into_iter()
                    .find(|c| c.kind() == "for_clause");
                if let Some(init) = clause.and_then(|c| c.child_by_field_name("initializer")) {
                    if init.end_byte() <= node.start_byte() {
                        declared_contexts(cx, init, &mut found);
                    }
                }
            }
            kind if FUNCTION_KINDS.contains(&kind) => {
                if let Some(params) = parent.child_by_field_name("parameters") {
                    let mut params = parameter_contexts(cx, params);
                    params.sort_by_key(|p| p.kind);
                    found.extend(params);
                }
            }
            _ => {}
        }
        node = parent;
    }
    found
}

/// True when the variable at `index` of `found` (nearest first) derives
/// from the caller's context, following `Variable` links outward.
fn comes_from_caller(found: &[ScopeContext], index: usize) -> bool {
    match &found[index].origin {
        Origin::Caller => true,
        Origin::Local => false,
        Origin::Variable(name) => found[index + 1..]
            .iter()
            .position(|c| &c.name == name)
            .is_some_and(|j| comes_from_caller(found, index + 1 + j)),
    }
}

/// True when the context's cancel function is called (outside a `defer`)
/// after its declaration and before `at`: the context is dead there.
fn cancelled_before(cx: &FileCx<'_>, scope: Node<'_>, c: &ScopeContext, at: Node<'_>) -> bool {
    let Some((cancel, declared_end)) = &c.cancel else {
        return false;
    };
    let mut called = false;
    crate::go::syntax::for_each_node(scope, |n| {
        if !called
            && n.kind() == "call_expression"
            && n.start_byte() >= *declared_end
            && n.end_byte() <= at.start_byte()
            && n.child_by_field_name("function")
                .is_some_and(|f| text(f, cx.src) == cancel)
            && crate::go::syntax::ancestor(n, &["defer_statement"]).is_none()
        {
            called = true;
        }
    });
    called
}

/// The `go` statement `node` runs under, if any: `node` is in the call of a
/// `go` statement or in a function literal started by one.
pub fn goroutine_of(node: Node<'_>) -> Option<Node<'_>> {
    let mut cur = node.up();
    while let Some(n) = cur {
        match n.kind() {
            "go_statement" => return Some(n),
            "function_declaration" | "method_declaration" => return None,
            _ => cur = n.up(),
        }
    }
    None
}

/// True when `node` may run after its function has returned: in a
/// goroutine ([`goroutine_of`]) or in a function literal kept to run later
/// ([`crate::go::escape::kept_literal`]). A context handed to such code is
/// detached, so it is never cancelled by what ends the function.
pub fn runs_later(node: Node<'_>, src: &str) -> bool {
    goroutine_of(node).is_some() || crate::go::escape::kept_literal(node, src).is_some()
}

/// True when the function literal `literal` declares `name` where `call`
/// sees it: a parameter, or a local declared before the call in a block
/// around it. `ctx, cancel := context.WithTimeout(context.Background(), d)`
/// declares `ctx` only after the statement: the call still sees the
/// `ctx` outside the literal.
pub fn declares_before(cx: &FileCx<'_>, literal: Node<'_>, call: Node<'_>, name: &str) -> bool {
    let mut found = false;
    crate::go::syntax::for_each_node(literal, |n| {
        let seen = n.kind() == "parameter_declaration"
            || (n.end_byte() <= call.start_byte() && scope_holds(n, call));
        if !seen {
            return;
        }
        let names = match n.kind() {
            "parameter_declaration" => n.children_by_field_name("name", &mut n.walk()).collect(),
            "short_var_declaration" => n
                .child_by_field_name("left")
                .map(named_children)
                .unwrap_or_default(),
            "var_spec" => n.children_by_field_name("name", &mut n.walk()).collect(),
            _ => Vec::new(),
        };
        found |= names.iter().any(|d| cx.text(*d) == name);
    });
    found
}

/// True when the scope of the local `declaration` declares (its block, or
/// the statement whose header declares it) holds `call`.
fn scope_holds(declaration: Node<'_>, call: Node<'_>) -> bool {
    const SCOPES: &[&str] = &[
        "block",
        "if_statement",
        "for_statement",
        "expression_switch_statement",
        "type_switch_statement",
        "communication_case",
    ];
    crate::go::syntax::ancestor(declaration, SCOPES)
        .is_some_and(|s| s.start_byte() <= call.start_byte() && call.end_byte() <= s.end_byte())
}

/// How to use the best context in scope at `at`, or `None` when there is
/// none (or the package name `context` is shadowed there). Inside a
/// goroutine, and where a context may already be done
/// ([`crate::go::done::done_at`]), the context is detached with
/// `context.WithoutCancel`, so code that was never cancelled stays so but
/// keeps the request's values.
pub fn context_use(cx: &FileCx<'_>, at: Node<'_>) -> Option<ContextUse> {
    let context_pkg = cx.package_name_or_default("context");
    let candidates = contexts_in_scope(cx, at);
    if candidates.iter().any(|c| c.name == context_pkg) {
        return None;
    }
    let source = candidates.into_iter().next()?;
    let goroutine = goroutine_of(at);
    // Where a context may be done already, handing it on would cancel
    // code that was not cancelled before: it is detached, as in a goroutine.
    let done = goroutine
        .is_none()
        .then(|| crate::go::done::done_at(at, cx.src))
        .flatten();
    // So is a context from outside a function literal kept to run later
    // (stored, returned, registered): it may run after the context ends.
    let kept = goroutine.is_none()
        && crate::go::escape::kept_literal(at, cx.src)
            .is_some_and(|(literal, _)| !declares_before(cx, literal, at, &source.name));
    let detached_context = source.detached && source.kind == ContextKind::Context;
    let (expr, before_go) = match (goroutine, source.kind) {
        (None, _) if (done.is_none() && !kept) || detached_context => (source.expression(), None),
        (None, _) => (
            format!("{context_pkg}.WithoutCancel({})", source.expression()),
            None,
        ),
        (Some(_), ContextKind::Context) if source.detached => (source.name.clone(), None),
        (Some(go), ContextKind::Gin) => {
            let name = fresh_name(cx, at, &["ctx", "reqCtx", "requestCtx"])?;
            let indent = crate::go::syntax::line_indent(cx.src, go.start_byte());
            let decl = format!(
                "{indent}{name} := {context_pkg}.WithoutCancel({})\n",
                source.expression()
            );
            let at_line = crate::go::syntax::line_start(cx.src, go.start_byte());
            let scope = name_scope(cx, at).byte_range();
            (
                name.clone(),
                Some((Edit::insert(at_line, decl), scope, name)),
            )
        }
        (Some(_), _) => (
            format!("{context_pkg}.WithoutCancel({})", source.expression()),
            None,
        ),
    };
    let needs_context_import = (goroutine.is_some() || done.is_some() || kept) && !detached_context;
    // Where a local variable hides the package, the detaching call cannot
    // be written.
    let written_at = match &before_go {
        Some(_) => goroutine.unwrap_or(at),
        None => at,
    };
    if needs_context_import && cx.package_name_at("context", written_at).is_none() {
        return None;
    }
    Some(ContextUse {
        source,
        expr,
        before_go,
        needs_context_import,
        done,
    })
}

/// The scope [`fresh_name`] checks names in: the function declaration
/// around `at`, or the file at top level.
pub fn name_scope<'t>(cx: &FileCx<'t>, at: Node<'t>) -> Node<'t> {
    crate::go::syntax::declaration_around(cx.root, at).unwrap_or(cx.root)
}

/// The first of `names` not used as an identifier anywhere in the
/// [`name_scope`] of `at`. A fix that declares it records so with
/// a fix's declared names, so two fixes never pick the same name in
/// one pass.
pub fn fresh_name(cx: &FileCx<'_>, at: Node<'_>, names: &[&str]) -> Option<String> {
    let scope = name_scope(cx, at);
    fresh_name_among(names, |n| used_in(cx, scope, n))
}

/// True when `name` is used as an identifier anywhere under `scope`. Only
/// the nodes around the places the word appears are visited.
pub(crate) fn used_in(cx: &FileCx<'_>, scope: Node<'_>, name: &str) -> bool {
    let words = crate::go::syntax::word_offsets_of(cx.src, scope.byte_range(), &[name]);
    let mut used = false;
    crate::go::syntax::for_each_node_around(scope, &words, |n| {
        used |= n.kind() == "identifier" && text(n, cx.src) == name;
    });
    used
}

/// Every identifier used anywhere in the [`name_scope`] of `at`: the
/// names a new local there must avoid.
pub fn names_in_scope<'s>(cx: &FileCx<'s>, at: Node<'_>) -> HashSet<&'s str> {
    let mut used = HashSet::new();
    crate::go::syntax::for_each_node(name_scope(cx, at), |n| {
        if n.kind() == "identifier" {
            used.insert(text(n, cx.src));
        }
    });
    used
}

/// The first of `names` that is not `used`, else the first followed by a
/// number (`cancel2`, …): how [`fresh_name`] picks once it knows the names
/// of the scope.
pub fn fresh_name_among(names: &[&str], used: impl Fn(&str) -> bool) -> Option<String> {
    names
        .iter()
        .find(|n| !used(n))
        .map(|n| n.to_string())
        .or_else(|| {
            (2..100)
                .map(|i| format!("{}{i}", names[0]))
                .find(|n| !used(n))
        })
}

/// The expression for the best context a parameter list provides (`ctx`,
/// `r.Context()`, `c.Request.Context()`), if it provides one.
pub fn parameter_context(cx: &FileCx<'_>, params: Node<'_>) -> Option<String> {
    let mut found = parameter_contexts(cx, params);
    found.sort_by_key(|p| p.kind);
    found.first().map(ScopeContext::expression)
}

/// Context variables declared by the parameters of a function.
fn parameter_contexts(cx: &FileCx<'_>, params: Node<'_>) -> Vec<ScopeContext> {
    let mut out = Vec::new();
    // `ctxs ...context.Context` holds a slice of contexts, maybe empty.
    let single = |p: &Node<'_>| p.kind() != "variadic_parameter_declaration";
    for param in named_children(params).into_iter().filter(single) {
        let Some(kind) = param
            .child_by_field_name("type")
            .and_then(|t| context_kind_of_type(cx, t))
        else {
            continue;
        };
        let mut cursor = param.walk();
        for name in param.children_by_field_name("name", &mut cursor) {
            let name = text(name, cx.src);
            if name != "_" {
                out.push(ScopeContext {
                    name: name.to_string(),
                    kind,
                    detached: false,
                    origin: Origin::Caller,
                    cancel: None,
                });
            }
        }
    }
    out
}

/// The context kind a type provides: `context.Context`, `*http.Request` or
/// `*gin.Context`.
pub fn context_kind_of_type(cx: &FileCx<'_>, ty: Node<'_>) -> Option<ContextKind> {
    if qualified_type_is(ty, cx.src, cx.package_name("context"), "Context") {
        return Some(ContextKind::Context);
    }
    if ty.kind() != "pointer_type" {
        return None;
    }
    let inner = named_children(ty).into_iter().next()?;
    if qualified_type_is(inner, cx.src, cx.package_name("net/http"), "Request") {
        Some(ContextKind::Request)
    } else if qualified_type_is(inner, cx.src, cx.package_name(GIN), "Context") {
        Some(ContextKind::Gin)
    } else {
        None
    }
}

/// Context variables a statement declares (`:=` or `var`), last first.
fn declared_contexts(cx: &FileCx<'_>, stmt: Node<'_>, out: &mut Vec<ScopeContext>) {
    let mut add = |names: Vec<Node<'_>>, values: Vec<Option<Declared>>| {
        let cancel = names
            .get(1)
            .map(|n| (text(*n, cx.src).to_string(), stmt.end_byte()))
            .filter(|(n, _)| n != "_");
        for (name, value) in names.into_iter().zip(values).rev() {
            let name = text(name, cx.src);
            let Some(value) = value.filter(|_| name != "_") else {
                continue;
            };
            out.push(ScopeContext {
                name: name.to_string(),
                kind: value.kind,
                detached: value.detached,
                origin: value.origin,
                cancel: value.cancellable.then(|| cancel.clone()).flatten(),
            });
        }
    };
    match stmt.kind() {
        "short_var_declaration" => {
            let field = |f| {
                stmt.child_by_field_name(f)
                    .map(named_children)
                    .unwrap_or_default()
            };
            let (left, right) = (field("left"), field("right"));
            let values = declared_values(cx, &right, left.len());
            add(left, values);
        }
        "var_declaration" => {
            let mut specs: Vec<Node<'_>> = Vec::new();
            for child in named_children(stmt) {
                match child.kind() {
                    "var_spec" => specs.push(child),
                    "var_spec_list" => specs.extend(named_children(child)),
                    _ => {}
                }
            }
            for spec in specs.into_iter().rev() {
                let mut cursor = spec.walk();
                let names: Vec<Node<'_>> =
                    spec.children_by_field_name("name", &mut cursor).collect();
                let values = match spec.child_by_field_name("value") {
                    Some(values) => declared_values(cx, &named_children(values), names.len()),
                    // `var ctx context.Context` holds nil until assigned.
                    None => vec![None; names.len()],
                };
                add(names, values);
            }
        }
        _ => {}
    }
}

/// What a declared variable holds, when it is recognisably a context.
#[derive(Clone)]
struct Declared {
    kind: ContextKind,
    detached: bool,
    origin: Origin,
    /// Declared together with a cancel function (the second name).
    cancellable: bool,
}

/// What each of `count` variables assigned from `values` holds, when it is
/// recognisably a context. Roots (`Background()`, `TODO()`) are not
/// counted: they are what rules replace.
fn declared_values(cx: &FileCx<'_>, values: &[Node<'_>], count: usize) -> Vec<Option<Declared>> {
    let context = |call: Node<'_>, detached, cancellable| {
        Some(Declared {
            kind: ContextKind::Context,
            detached,
            origin: origin_of_first_argument(cx, call),
            cancellable,
        })
    };
    let mut kinds = vec![None; count];
    // Each context maker below is a call `pkg.With...(` or `x.Context()`:
    // most declarations name neither, and need no closer look.
    if !values.iter().any(|v| {
        let value = text(*v, cx.src);
        value.contains("With") || value.contains("Context")
    }) {
        return kinds;
    }
    if let ([call], true) = (values, count > 1) {
        let call = *call;
        if is_cancellable_constructor(cx, call) {
            kinds[0] = context(call, false, true);
        } else if cx.is_call_to(call, "golang.org/x/sync/errgroup", &["WithContext"]) {
            kinds[1] = context(call, false, false);
        }
        return kinds;
    }
    for (slot, value) in kinds.iter_mut().zip(values) {
        *slot = if cx.is_call_to(*value, "context", &["WithoutCancel"]) {
            context(*value, true, false)
        } else if cx.is_call_to(*value, "context", &["WithValue"]) {
            context(*value, false, false)
        } else if is_context_method_call(cx, *value) {
            Some(Declared {
                kind: ContextKind::Context,
                detached: false,
                origin: Origin::Caller,
                cancellable: false,
            })
        } else {
            None
        };
    }
    kinds
}

/// True when `call` makes a context and a cancel function:
/// `context.WithCancel`/`WithTimeout`/`WithDeadline` (and their `Cause`
/// variants) or `signal.NotifyContext`.
pub fn is_cancellable_constructor(cx: &FileCx<'_>, call: Node<'_>) -> bool {
    cx.is_call_to(call, "context", CANCELLABLE)
        || cx.is_call_to(call, "os/signal", &["NotifyContext"])
}

/// True when `call` derives a context from its first argument:
/// `context.WithCancel`, `WithTimeout`, `WithDeadline`, their `Cause`
/// variants, `WithValue` or `WithoutCancel`.
pub fn is_derivation(cx: &FileCx<'_>, call: Node<'_>) -> bool {
    cx.is_call_to(call, "context", CANCELLABLE)
        || cx.is_call_to(call, "context", &["WithValue", "WithoutCancel"])
}

/// Where the context passed as the first argument of `call` comes from.
fn origin_of_first_argument(cx: &FileCx<'_>, call: Node<'_>) -> Origin {
    match crate::go::syntax::call_arguments(call).first() {
        Some(arg) => origin_of(cx, *arg),
        None => Origin::Local,
    }
}

/// Where the context an expression yields comes from.
fn origin_of(cx: &FileCx<'_>, expr: Node<'_>) -> Origin {
    if expr.kind() == "identifier" {
        Origin::Variable(text(expr, cx.src).to_string())
    } else if is_context_method_call(cx, expr) {
        Origin::Caller
    } else if is_derivation(cx, expr) {
        origin_of_first_argument(cx, expr)
    } else {
        Origin::Local
    }
}

/// `x.Context()`: by convention (`*http.Request`, `*testing.T`,
/// `*cobra.Command`, `*gin.Context.Request`) a context accessor.
fn is_context_method_call(cx: &FileCx<'_>, node: Node<'_>) -> bool {
    match crate::go::syntax::selector_call(node, cx.src) {
        Some((operand, "Context")) => {
            operand != cx.package_name_or_default("context")
                && crate::go::syntax::call_arguments(node).is_empty()
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::go::file_cx::testing::with_file;
    use crate::go::syntax::for_each_node;

    /// Runs `f` on the first `context.Background()` call of `src`.
    fn at_background<T>(src: &str, f: impl Fn(&FileCx<'_>, Node<'_>) -> T) -> T {
        with_file("a.go", src, "example.com/a", None, |cx| {
            let mut target = None;
            for_each_node(cx.root, |n| {
                if target.is_none()
                    && n.kind() == "call_expression"
                    && text(n, src) == "context.Background()"
                {
                    target = Some(n);
                }
            });
            f(cx, target.expect("a Background call"))
        })
    }

    fn best(src: &str) -> Option<String> {
        at_background(src, |cx, n| context_use(cx, n).map(|u| u.expr))
    }

    #[test]
    fn prefers_innermost_declared_before_use() {
        let src = "package a\nimport (\n\"context\"\n\"net/http\"\n)\nfunc h(w http.ResponseWriter, r *http.Request, ctx context.Context) {\n\tif true {\n\t\tinner, cancel := context.WithCancel(ctx)\n\t\tdefer cancel()\n\t\tuse(context.Background())\n\t\tlater := ctx\n\t}\n}\n";
        assert_eq!(best(src).as_deref(), Some("inner"));
    }

    #[test]
    fn parameters_by_kind() {
        let src = "package a\nimport (\n\"context\"\n\"net/http\"\n)\nfunc h(w http.ResponseWriter, r *http.Request) {\n\tuse(context.Background())\n}\n";
        assert_eq!(best(src).as_deref(), Some("r.Context()"));
        let src = "package a\nimport (\n\"context\"\n\"net/http\"\n)\nfunc h(r *http.Request, ctx context.Context) {\n\tuse(context.Background())\n}\n";
        assert_eq!(best(src).as_deref(), Some("ctx"));
    }

    #[test]
    fn goroutines_detach() {
        let src = "package a\nimport \"context\"\nfunc h(ctx context.Context) {\n\tgo func() {\n\t\tuse(context.Background())\n\t}()\n}\n";
        assert_eq!(best(src).as_deref(), Some("context.WithoutCancel(ctx)"));
        let src = "package a\nimport (\n\"context\"\n\"github.com/gin-gonic/gin\"\n)\nfunc h(c *gin.Context) {\n\tgo work(context.Background())\n}\n";
        let (expr, decl) = at_background(src, |cx, n| {
            let u = context_use(cx, n).unwrap();
            (u.expr, u.before_go.unwrap().0.text)
        });
        assert_eq!(expr, "ctx");
        assert_eq!(
            decl,
            "\tctx := context.WithoutCancel(c.Request.Context())\n"
        );
    }

    #[test]
    fn locals_rooted_here_or_cancelled_are_not_used() {
        // A local built on Background() carries values and deadlines of its
        // own, not the caller's.
        let src = "package a\nimport \"context\"\nfunc h() {\n\tctx1 := context.WithValue(context.TODO(), k{}, 1)\n\tuse(context.Background())\n\tuse(ctx1)\n}\n";
        assert_eq!(best(src), None);
        // Derived from a parameter, through another local: usable.
        let src = "package a\nimport \"context\"\nfunc h(p context.Context) {\n\ta, stop := context.WithCancel(p)\n\tdefer stop()\n\tb := context.WithValue(a, k{}, 1)\n\tuse(context.Background())\n\tuse(b)\n}\n";
        assert_eq!(best(src).as_deref(), Some("b"));
        // Cancelled before the use: dead, so the parameter is used instead.
        let src = "package a\nimport \"context\"\nfunc h(p context.Context) {\n\tctx, cancel := context.WithTimeout(p, 1)\n\tuse(ctx)\n\tcancel()\n\tuse(context.Background())\n}\n";
        assert_eq!(best(src).as_deref(), Some("p"));
    }

    #[test]
    fn nothing_in_scope() {
        let src = "package a\nimport \"context\"\nfunc h() {\n\tuse(context.Background())\n\tctx := context.Background()\n}\n";
        assert_eq!(best(src), None);
    }
}
