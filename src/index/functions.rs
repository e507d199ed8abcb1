//! What thread-ctx and struct-ctx need to know about each function or
//! method declaration, read from its file: whether it has a context, the
//! roots and leaves in it, where a parameter goes, and what an
//! `--exported wrap` wrapper needs.

use crate::go::file_cx::FileCx;
use crate::go::parents::Up;
use crate::go::roots::{is_deliberate_root, is_root_call, ROOT_WORDS};
use crate::go::scope::{context_kind_of_type, context_use, fresh_name, runs_later};
use crate::go::syntax::{line_start, named_children, next_line_start, statements, text};
use crate::go::typing::Callee;
use crate::index::wrapping::{wrap_facts, WrapError, WrapFacts};
use std::ops::Range;
use tree_sitter::Node;

/// What thread-ctx needs to know about one function or method
/// declaration, read from its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FunctionFacts {
    /// The function's name.
    pub name: String,
    /// For a method, its receiver type's name.
    pub receiver: Option<String>,
    /// Where a new first parameter goes: just after the `(`.
    pub param_insert: usize,
    /// What follows the new first parameter: `", "`, `","` before a line
    /// break, or nothing when there were no parameters.
    pub first_separator: &'static str,
    /// Where its parameters start when none of them is named (`func f(int)`,
    /// `M(int64)` in an interface): Go rejects a list that mixes named and
    /// unnamed parameters, so a named `ctx` needs `_ ` before each of
    /// them, and a declaration without a body gets an unnamed context.
    pub unnamed_params: Vec<usize>,
    /// True when the declaration has a body (not an interface method or a
    /// function implemented elsewhere): only then is the new parameter used.
    pub has_body: bool,
    /// True when a parameter already provides a context
    /// (`context.Context`, `*http.Request`, `*gin.Context`).
    pub has_context: bool,
    /// For a root (`main`, `init`, a test, benchmark or fuzz test): the
    /// expression that makes its context.
    pub root: Option<String>,
    /// The `Background()`/`TODO()` calls to replace by the new parameter,
    /// each with whether it may run after the function returns ([`runs_later`]).
    /// Empty in a function with a context or a root, which never takes
    /// the parameter.
    pub leaf_calls: Vec<(Range<usize>, bool)>,
    /// A `ctx := context.TODO()` line the parameter makes redundant: the
    /// lines to delete.
    pub redundant: Option<Range<usize>>,
    /// The first `Background()`/`TODO()` the parameter replaces, for
    /// reporting.
    pub first_root: Option<Range<usize>>,
    /// The name the new parameter gets.
    pub ctx_name: String,
    /// The file's name for the `context` package.
    pub context_pkg: String,
    /// True when the file does not import `context` and another import
    /// takes its name: no code added there can name the package.
    pub context_name_taken: bool,
    /// True when the module's Go has `context.WithoutCancel` (1.21).
    pub detach_ok: bool,
    /// For an exported function or method with a body: what keeping its
    /// signature beside a new `NameContext` needs, or why it cannot.
    pub wrap: Option<Result<WrapFacts, WrapError>>,
    /// The calls that pass `nil` where no context is in scope, each with
    /// the argument's position: where the callee takes a context, nil-ctx
    /// writes `context.TODO()` there and the function becomes a leaf in
    /// the same run. Empty in a function with a context or a root.
    pub nil_arguments: Vec<(Callee, usize)>,
}

impl FunctionFacts {
    /// True when it makes a context of its own that should come from its
    /// caller.
    pub fn is_leaf(&self) -> bool {
        !self.has_context && self.root.is_none() && self.first_root.is_some()
    }
}

/// The facts of every function and method declared in a file.
#[cfg(test)]
fn function_facts(cx: &FileCx<'_>) -> Vec<FunctionFacts> {
    named_children(cx.root)
        .into_iter()
        .filter(|d| matches!(d.kind(), "function_declaration" | "method_declaration"))
        .filter_map(|decl| facts_of(cx, decl))
        .collect()
}

/// The facts of one function or method declaration.
pub fn facts_of(cx: &FileCx<'_>, decl: Node<'_>) -> Option<FunctionFacts> {
    let receiver = decl
        .child_by_field_name("receiver")
        .and_then(|r| named_children(r).into_iter().next())
        .and_then(|p| p.child_by_field_name("type"))
        .map(|t| crate::go::typing::TypeRef::of(cx, t))
        .and_then(|t| t.named().map(|(_, n)| n.to_string()));
    facts_with_receiver(cx, decl, receiver)
}

/// The facts of a method of interface type `interface` (a `method_elem`):
/// never a leaf or a root, only where a new parameter goes.
pub fn interface_method_facts(
    cx: &FileCx<'_>,
    elem: Node<'_>,
    interface: &str,
) -> Option<FunctionFacts> {
    facts_with_receiver(cx, elem, Some(interface.to_string()))
}

fn facts_with_receiver(
    cx: &FileCx<'_>,
    decl: Node<'_>,
    receiver: Option<String>,
) -> Option<FunctionFacts> {
    let name = text(decl.child_by_field_name("name")?, cx.src).to_string();
    let params = decl.child_by_field_name("parameters")?;
    let param_nodes = named_children(params);
    let has_context = param_nodes
        .iter()
        .filter_map(|p| p.child_by_field_name("type"))
        .any(|t| context_kind_of_type(cx, t).is_some());
    let context_pkg = cx.package_name_or_default("context").to_string();
    let context_name_taken = cx.package_name_free("context").is_none();
    let root = root_context(cx, &name, receiver.is_some(), &param_nodes, &context_pkg);
    let mut leaf_calls = Vec::new();
    let decl_text = text(decl, cx.src);
    // Only a function without a context of its own is ever a leaf
    // ([`FunctionFacts::is_leaf`]): spare the others the search for roots.
    let makes_root = !has_context
        && root.is_none()
        && (decl_text.contains("Background()") || decl_text.contains("TODO()"));
    let redeclared = decl
        .child_by_field_name("body")
        .filter(|_| makes_root)
        .and_then(|b| redeclared_root(cx, b));
    let redundant = redeclared.as_ref().map(|(_, lines, _)| lines.clone());
    let mut first_root = redeclared.as_ref().map(|(_, _, call)| call.clone());
    if let Some(body) = decl.child_by_field_name("body").filter(|_| makes_root) {
        // Only the paths down to the words `Background` and `TODO`.
        let words = crate::go::syntax::word_offsets_of(cx.src, body.byte_range(), ROOT_WORDS);
        crate::go::syntax::for_each_node_around(body, &words, |n| {
            if n.kind() == "call_expression"
                && is_root_call(cx, n)
                && !is_deliberate_root(cx, n)
                && context_use(cx, n).is_none()
                // The redundant `ctx := context.TODO()` line goes whole.
                && !redundant.as_ref().is_some_and(|r| r.contains(&n.start_byte()))
            {
                if first_root.as_ref().is_none_or(|f| n.start_byte() < f.start) {
                    first_root = Some(n.byte_range());
                }
                leaf_calls.push((n.byte_range(), runs_later(n, cx.src)));
            }
        });
    }
    let mut nil_arguments = Vec::new();
    if let Some(body) = decl
        .child_by_field_name("body")
        .filter(|_| !has_context && root.is_none() && decl_text.contains("nil"))
    {
        let words = crate::go::syntax::word_offsets_of(cx.src, body.byte_range(), &["nil"]);
        crate::go::syntax::for_each_node_around(body, &words, |n| {
            let Some(call) = n
                .up()
                .filter(|p| n.kind() == "nil" && p.kind() == "argument_list")
                .and_then(|p| p.up())
            else {
                return;
            };
            let index = crate::go::syntax::call_arguments(call)
                .iter()
                .position(|a| a.id() == n.id());
            if let (Some(callee), Some(index)) = (crate::go::typing::callee_of(cx, call), index) {
                if context_use(cx, n).is_none() {
                    nil_arguments.push((callee, index));
                }
            }
        });
    }
    let ctx_name = match &redeclared {
        Some((name, _, _)) => name.clone(),
        // Most functions never mention `ctx`, and one with a context or a
        // root is never given the parameter: spare them the walk.
        None if !decl_text.contains("ctx") || has_context || root.is_some() => "ctx".to_string(),
        None => fresh_name(cx, params, &["ctx"])?,
    };
    // Only `--exported wrap` (or `auto` in a library) reads them
    // ([`crate::index::wrapping`]); which functions it wraps is a
    // setting the index does not know, so every exported one has them.
    let wrap = (crate::go::syntax::is_exported(&name)
        && decl.child_by_field_name("body").is_some())
    .then(|| wrap_facts(cx, decl));
    Some(FunctionFacts {
        wrap,
        name,
        receiver,
        param_insert: params.start_byte() + 1,
        unnamed_params: unnamed_parameters(&param_nodes),
        has_body: decl.child_by_field_name("body").is_some(),
        first_separator: crate::go::syntax::first_item_separator(
            cx.src,
            params.start_byte(),
            param_nodes.is_empty(),
        ),
        has_context,
        root,
        leaf_calls,
        redundant,
        first_root,
        detach_ok: cx.go_at_least(1, 21),
        ctx_name,
        context_pkg,
        context_name_taken,
        nil_arguments,
    })
}

/// The context a call in the fuzz target of a fuzz test uses:
/// `t.Context()` of the target's `*testing.T` (vet forbids the target to
/// call methods of the `*testing.F`), when the module's Go is 1.24 or
/// later; `None` for a call anywhere else.
pub fn fuzz_target_root(cx: &FileCx<'_>, call: Node<'_>) -> Option<String> {
    if !cx.go_at_least(1, 24) {
        return None;
    }
    let declaration = crate::go::syntax::enclosing_declaration(call)?;
    let name = declaration.child_by_field_name("name")?;
    if !text(name, cx.src).starts_with("Fuzz") {
        return None;
    }
    let mut node = call.up();
    while let Some(n) = node.filter(|n| n.id() != declaration.id()) {
        if n.kind() == "func_literal" {
            let params = n.child_by_field_name("parameters").map(named_children);
            let t =
                params
                    .unwrap_or_default()
                    .into_iter()
                    .find_map(|p| match testing_param(cx, p)? {
                        ("T", Some(var)) if var != "_" => Some(var),
                        _ => None,
                    });
            if let Some(t) = t {
                return Some(format!("{t}.Context()"));
            }
        }
        node = n.up();
    }
    None
}

/// For a parameter `t *testing.T` (or `B`, `F`, `M`): the type's name and
/// the parameter's, if it has one.
fn testing_param<'s>(cx: &FileCx<'s>, param: Node<'_>) -> Option<(&'static str, Option<&'s str>)> {
    let ty = param.child_by_field_name("type")?;
    let inner = named_children(ty)
        .into_iter()
        .next()
        .filter(|_| ty.kind() == "pointer_type")?;
    let testing = cx.package_name("testing");
    let kind = ["T", "B", "F", "M"]
        .into_iter()
        .find(|k| crate::go::known::qualified_type_is(inner, cx.src, testing, k))?;
    let mut cursor = param.walk();
    let var = param
        .children_by_field_name("name", &mut cursor)
        .next()
        .map(|n| text(n, cx.src));
    Some((kind, var))
}

/// The context a root makes: `main`, `init`, `TestMain` and examples start
/// from `context.Background()`; a test, benchmark or fuzz test from
/// `t.Context()` when the module's Go is 1.24 or later.
fn root_context(
    cx: &FileCx<'_>,
    name: &str,
    is_method: bool,
    params: &[Node<'_>],
    context_pkg: &str,
) -> Option<String> {
    let background = format!("{context_pkg}.Background()");
    let in_test_file = crate::go::gomod::is_test_file(cx.path);
    let tester = match params {
        [param] if in_test_file => Some(testing_param(cx, *param)?),
        _ => None,
    };
    // Test methods (suites that run `func (s) TestX(t *testing.T)` by
    // reflection) are roots like test functions; `main` and `init` are not
    // methods.
    match (name, tester) {
        ("main", None) if !is_method && is_main_package(cx) => Some(background),
        ("init", None) if !is_method => Some(background),
        ("TestMain", Some(("M", _))) => Some(background),
        // `go test` runs examples with no arguments, and vet insists; test
        // suites (testify's) run their `TestX()` methods by reflection.
        (_, None)
            if in_test_file
                && params.is_empty()
                && (name.starts_with("Example")
                    || (is_method
                        && ["Test", "Benchmark"].iter().any(|p| name.starts_with(p)))) =>
        {
            Some(background)
        }
        (_, Some((kind, Some(var))))
            if ["Test", "Benchmark", "Fuzz"]
                .iter()
                .any(|p| name.starts_with(p))
                && kind != "M" =>
        {
            Some(if cx.go_at_least(1, 24) {
                format!("{var}.Context()")
            } else {
                background
            })
        }
        _ => None,
    }
}

/// True when the file's package clause says `package main`.
fn is_main_package(cx: &FileCx<'_>) -> bool {
    named_children(cx.root)
        .into_iter()
        .find(|n| n.kind() == "package_clause")
        .and_then(|p| named_children(p).into_iter().next())
        .is_some_and(|n| text(n, cx.src) == "main")
}

/// A top-level `name := context.TODO()` (or `Background()`) of a function
/// body: the variable's name, the lines of the statement and the call.
fn redeclared_root(
    cx: &FileCx<'_>,
    body: Node<'_>,
) -> Option<(String, Range<usize>, Range<usize>)> {
    statements(body).into_iter().find_map(|stmt| {
        if stmt.kind() != "short_var_declaration" {
            return None;
        }
        let left = stmt
            .child_by_field_name("left")
            .map(named_children)
            .unwrap_or_default();
        let right = stmt
            .child_by_field_name("right")
            .map(named_children)
            .unwrap_or_default();
        match (&left[..], &right[..]) {
            ([name], [call]) if is_root_call(cx, *call) && !is_deliberate_root(cx, *call) => {
                Some((
                    text(*name, cx.src).to_string(),
                    line_start(cx.src, stmt.start_byte())..next_line_start(cx.src, stmt.end_byte()),
                    call.byte_range(),
                ))
            }
            _ => None,
        }
    })
}

/// Where each parameter of a list starts when none of them has a name;
/// empty when one has, or there are none.
fn unnamed_parameters(params: &[Node<'_>]) -> Vec<usize> {
    if params
        .iter()
        .any(|p| p.child_by_field_name("name").is_some())
    {
        return Vec::new();
    }
    params
        .iter()
        .filter(|p| p.kind() != "comment")
        .map(|p| p.start_byte())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::go::file_cx::testing::with_file;

    fn facts(path: &str, src: &str, go: Option<(u32, u32)>) -> Vec<FunctionFacts> {
        let go = go.map(|(major, minor)| crate::go::gomod::GoVersion { major, minor });
        with_file(path, src, "example.com/a", go, function_facts)
    }

    #[test]
    fn leaves_roots_and_names() {
        let src = "package main\n\nimport \"context\"\n\nfunc main() { work() }\n\nfunc work() {\n\tctx := context.TODO()\n\tuse(ctx)\n\tgo use(context.Background())\n}\n\nfunc (s *S) Get(ctx int) { use(context.TODO()) }\n\nfunc has(c context.Context) { use(context.TODO()) }\n";
        let f = facts("main.go", src, None);
        let by = |n: &str| f.iter().find(|x| x.name == n).unwrap().clone();
        assert_eq!(by("main").root.as_deref(), Some("context.Background()"));
        assert!(!by("main").is_leaf());
        let work = by("work");
        assert!(work.is_leaf());
        assert_eq!(work.ctx_name, "ctx", "the redeclared name is reused");
        assert!(work.redundant.is_some());
        assert_eq!(
            work.leaf_calls.len(),
            1,
            "the redeclared TODO() goes with its line, not as a replacement"
        );
        assert!(work.leaf_calls[0].1, "the other runs in a goroutine");
        assert!(work
            .first_root
            .is_some_and(|r| r.start < work.leaf_calls[0].0.start));
        let get = by("Get");
        assert_eq!(get.receiver.as_deref(), Some("S"));
        assert_ne!(get.ctx_name, "ctx", "ctx is taken by a parameter");
        assert_eq!(get.first_separator, ", ");
        assert!(!by("has").is_leaf(), "it has a context already");
    }

    #[test]
    fn test_roots_follow_the_go_version() {
        let src = "package a\n\nimport \"testing\"\n\nfunc TestX(t *testing.T) { work() }\n\nfunc BenchmarkY(b *testing.B) {}\n\nfunc helper(t *testing.T) {}\n";
        let old = facts("a_test.go", src, Some((1, 22)));
        assert_eq!(old[0].root.as_deref(), Some("context.Background()"));
        let new = facts("a_test.go", src, Some((1, 24)));
        assert_eq!(new[0].root.as_deref(), Some("t.Context()"));
        assert_eq!(new[1].root.as_deref(), Some("b.Context()"));
        assert_eq!(new[2].root, None, "not a test function");
        assert_eq!(
            facts("a.go", src, Some((1, 24)))[0].root,
            None,
            "not in a _test.go file"
        );
    }
}
