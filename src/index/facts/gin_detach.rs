//! `c.Copy()` of a `*gin.Context` handed to a goroutine, and the
//! `detachContext` helpers a package declares: what a file holds of both.

use crate::go::file_cx::FileCx;
use crate::go::parents::Up;
use crate::go::scope::{contexts_in_scope, fresh_name, name_scope, ContextKind, GIN};
use crate::go::syntax::{call_arguments, line_indent, line_start, named_children, text};
use crate::index::collect::{self, Collector, Fact, Facts};
use crate::index::facts::gin_goroutines::HandOff;
use crate::index::workspace::Workspace;
use std::fmt;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;
use tree_sitter::Node;

/// The `*gin.Context` fields and methods that reach the response (or the
/// handler chain): a copy cannot stand in for the context there.
const RESPONSE_METHODS: &[&str] = &[
    "Writer",
    "JSON",
    "String",
    "HTML",
    "XML",
    "YAML",
    "TOML",
    "ProtoBuf",
    "Data",
    "DataFromReader",
    "File",
    "FileAttachment",
    "FileFromFS",
    "Redirect",
    "Status",
    "Header",
    "Stream",
    "SSEvent",
    "Render",
    "Negotiate",
    "IndentedJSON",
    "PureJSON",
    "SecureJSON",
    "JSONP",
    "AsciiJSON",
    "SetCookie",
    "Abort",
    "AbortWithStatus",
    "AbortWithStatusJSON",
    "AbortWithError",
    "Next",
    "Error",
];

/// The name a new helper gets when it is free in the package.
pub const HELPER_NAME: &str = "detachContext";

/// A detach helper a package declares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetachHelper {
    /// The package id.
    pub package: String,
    /// The helper's name.
    pub name: String,
    /// True when a test file declares it: it serves only tests.
    pub in_test: bool,
}

impl Fact for DetachHelper {
    fn read_only(self) -> Option<DetachHelper> {
        Some(self)
    }
}

impl Fact for DetachSite {
    fn read_only(self) -> Option<DetachSite> {
        Some(self)
    }
}

/// Gathers what the files that import gin hold: detach sites
/// ([`DetachSite`]), declared helpers ([`DetachHelper`]), and the
/// `*gin.Context` arguments and assertions
/// ([`crate::index::facts::gin_arguments`]).
pub struct GinFacts;

impl Collector for GinFacts {
    fn wants(&self, cx: &FileCx<'_>) -> bool {
        cx.package_name(GIN).is_some()
    }

    fn collect(
        &self,
        cx: &FileCx<'_>,
        decl: Node<'_>,
        at: &collect::Declaration<'_>,
        out: &mut Facts,
    ) {
        out.extend(detach_sites(cx, decl, at.path));
        let in_test = crate::go::gomod::is_test_file(cx.path);
        out.extend(detach_helper(cx, decl).map(|name| DetachHelper {
            package: cx.package.to_string(),
            name,
            in_test,
        }));
        out.extend(crate::index::facts::gin_arguments::gin_arguments(
            cx, decl, at.path,
        ));
        out.extend(crate::index::facts::gin_arguments::gin_assertions(
            cx, decl, at.path,
        ));
    }
}

/// The first detach helper `package` declares that code in a test file
/// (`in_test`) or not can use, if any: one in a test file serves only
/// tests.
pub fn declared_helper<'w>(
    workspace: &'w Workspace,
    package: &str,
    in_test: bool,
) -> Option<&'w str> {
    workspace
        .facts::<DetachHelper>()
        .iter()
        .find(|h| h.package == package && (in_test || !h.in_test))
        .map(|h| h.name.as_str())
}

/// A place where a goroutine gets a `*gin.Context` that must be detached
/// with the package's helper: a `c.Copy()` whose result a goroutine gets
/// (as an argument of the `go` call, or through a variable assigned from
/// it and then passed or captured by the function literal `go` starts), or
/// the context itself handed whole to a goroutine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetachSite {
    /// The file.
    pub path: Arc<Path>,
    /// What becomes `detachContext(c)` (the `c.Copy()` call, or the `c`
    /// passed to the `go` call), or the uses of `c` in a function literal
    /// that become the local of `declare`.
    pub replace: Vec<Range<usize>>,
    /// The `*gin.Context` detached (`c`).
    pub receiver: String,
    /// For a function literal: the local `name := detachContext(c)`
    /// declared before the `go` statement.
    pub declare: Option<Declaration>,
    /// True when the goroutine got the whole context, false for a copy.
    pub whole: bool,
    /// Why a copy cannot stand in for the context, if it cannot.
    pub unfixable: Option<Undetachable>,
    /// The file's package id.
    pub package: String,
    /// The file's package clause name.
    pub package_name: String,
    /// True when the module's Go has `context.WithoutCancel` (1.21).
    pub has_without_cancel: bool,
    /// The file's imports.
    pub imports: crate::go::imports::FileImports,
    /// Every identifier of the declaration holding the `go` statement: a
    /// package name the fix adds must not be one.
    pub names: Vec<String>,
    /// For a context passed as an argument of the `go` call (`go f(c)`):
    /// the callee and the argument's position. Where that parameter is a
    /// `context.Context`, the goroutine needs the request's context only.
    pub argument_of: Option<(crate::go::typing::Callee, usize)>,
}

/// Why a copy cannot stand in for a `*gin.Context` a goroutine gets
/// ([`DetachSite::unfixable`]); its text is for a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Undetachable {
    /// The goroutine reaches the response through the context, which a
    /// copy does not have.
    WritesResponse {
        /// The `*gin.Context` (`c`).
        receiver: String,
        /// The field or method that reaches the response (`JSON`, `Writer`).
        member: &'static str,
    },
}

impl fmt::Display for Undetachable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Undetachable::WritesResponse { receiver, member } => write!(
                f,
                "the goroutine uses `{receiver}.{member}`, and a copy has no response writer"
            ),
        }
    }
}

/// A local declared before a `go` statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declaration {
    /// Where the declaration's line goes.
    pub at: usize,
    /// Its indentation.
    pub indent: String,
    /// The local's name.
    pub name: String,
    /// The scope the name was checked free in.
    pub scope: Range<usize>,
}

/// The places in `decl` where a goroutine gets a `*gin.Context` that must
/// be detached.
pub fn detach_sites(cx: &FileCx<'_>, decl: Node<'_>, path: &Arc<Path>) -> Vec<DetachSite> {
    let Some(package_name) = cx.package_name(GIN).map(|_| package_clause(cx)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    crate::go::syntax::for_each_node(decl, |go| {
        if go.kind() != "go_statement" {
            return;
        }
        let Some(call) = named_children(go)
            .into_iter()
            .find(|n| n.kind() == "call_expression")
        else {
            return;
        };
        // What the goroutine gets: the go call's arguments, and the
        // variables its function literal captures.
        let mut names: Vec<String> = crate::go::scope::names_in_scope(cx, go)
            .into_iter()
            .map(str::to_string)
            .collect();
        names.sort_unstable();
        let mut handed = call
            .child_by_field_name("arguments")
            .map(named_children)
            .unwrap_or_default();
        if let Some(body) = call
            .child_by_field_name("function")
            .filter(|f| f.kind() == "func_literal")
            .and_then(|f| f.child_by_field_name("body"))
        {
            crate::go::syntax::for_each_node(body, |n| {
                if n.kind() == "identifier" {
                    handed.push(n);
                }
            });
        }
        let site = |replace, receiver, declare, whole| DetachSite {
            path: path.clone(),
            replace,
            receiver,
            declare,
            whole,
            unfixable: None,
            package: cx.package.to_string(),
            package_name: package_name.clone(),
            has_without_cancel: cx.go_at_least(1, 21),
            imports: cx.imports.clone(),
            names: names.clone(),
            argument_of: None,
        };
        match crate::index::facts::gin_goroutines::hand_off(cx, go) {
            Some(HandOff::Argument(arg)) => {
                let mut whole = site(
                    vec![arg.byte_range()],
                    text(arg, cx.src).to_string(),
                    None,
                    true,
                );
                let index = call_arguments(call).iter().position(|a| *a == arg);
                whole.argument_of = crate::go::typing::callee_of(cx, call).zip(index);
                out.push(whole);
                return;
            }
            Some(hand_off @ HandOff::Literal { .. }) if hand_off.whole() => {
                let HandOff::Literal { uses, .. } = hand_off else {
                    return;
                };
                let receiver = text(uses[0].0, cx.src).to_string();
                let Some(name) = fresh_name(cx, go, &["cc", "ginCtx", "detached"]) else {
                    return;
                };
                let declare = Declaration {
                    at: line_start(cx.src, go.start_byte()),
                    indent: line_indent(cx.src, go.start_byte()).to_string(),
                    name,
                    scope: name_scope(cx, go).byte_range(),
                };
                // Uses of another gin context in scope stay as they are.
                let replace = uses
                    .iter()
                    .filter(|(n, _)| text(*n, cx.src) == receiver)
                    .map(|(n, _)| n.byte_range())
                    .collect();
                let writes = uses.iter().find_map(|(n, _)| {
                    let field = n.up()?.child_by_field_name("field")?;
                    let field = text(field, cx.src);
                    RESPONSE_METHODS.iter().find(|m| **m == field).copied()
                });
                let mut whole = site(replace, receiver.clone(), Some(declare), true);
                whole.unfixable = writes.map(|member| Undetachable::WritesResponse {
                    receiver: receiver.clone(),
                    member,
                });
                out.push(whole);
                return;
            }
            _ => {}
        }
        let mut seen = std::collections::HashSet::new();
        for arg in handed {
            let copy = match arg.kind() {
                "call_expression" => Some(arg),
                "identifier" if seen.insert(text(arg, cx.src)) => {
                    assigned_copy(cx, go, text(arg, cx.src))
                }
                _ => None,
            };
            let Some((call, receiver)) = copy.and_then(|c| gin_copy(cx, c)) else {
                continue;
            };
            if !out
                .iter()
                .any(|c: &DetachSite| c.replace == [call.byte_range()])
            {
                out.push(site(vec![call.byte_range()], receiver, None, false));
            }
        }
    });
    out
}

/// The call `x.Copy()` with its receiver, when `x` is a `*gin.Context` in
/// scope there.
fn gin_copy<'t>(cx: &FileCx<'t>, call: Node<'t>) -> Option<(Node<'t>, String)> {
    let function = call.child_by_field_name("function")?;
    let args = call.child_by_field_name("arguments")?;
    if function.kind() != "selector_expression" || !named_children(args).is_empty() {
        return None;
    }
    let field = function.child_by_field_name("field")?;
    let operand = function.child_by_field_name("operand")?;
    if text(field, cx.src) != "Copy" || operand.kind() != "identifier" {
        return None;
    }
    let receiver = text(operand, cx.src);
    contexts_in_scope(cx, call)
        .iter()
        .find(|c| c.name == receiver)
        .filter(|c| c.kind == ContextKind::Gin)
        .map(|_| (call, receiver.to_string()))
}

/// The value `name := <value>` assigns in a statement before the one
/// holding `go`, in the same block.
fn assigned_copy<'t>(cx: &FileCx<'t>, go: Node<'t>, name: &str) -> Option<Node<'t>> {
    let block = go.up()?;
    named_children(block)
        .into_iter()
        .take_while(|s| s.end_byte() <= go.start_byte())
        .filter(|s| s.kind() == "short_var_declaration")
        .filter_map(|s| {
            let left = named_children(s.child_by_field_name("left")?);
            let right = named_children(s.child_by_field_name("right")?);
            (left.len() == 1 && right.len() == 1 && text(left[0], cx.src) == name).then(|| right[0])
        })
        .last()
}

/// The name of `decl` when it is a detach helper: a function taking one
/// `*gin.Context` and returning one, that calls both `Copy()` and
/// `context.WithoutCancel`.
pub fn detach_helper(cx: &FileCx<'_>, decl: Node<'_>) -> Option<String> {
    if decl.kind() != "function_declaration" {
        return None;
    }
    let params = named_children(decl.child_by_field_name("parameters")?);
    let result = decl.child_by_field_name("result")?;
    let gin_type =
        |ty: Node<'_>| crate::go::scope::context_kind_of_type(cx, ty) == Some(ContextKind::Gin);
    let takes = params.len() == 1 && params[0].child_by_field_name("type").is_some_and(gin_type);
    let body = text(decl.child_by_field_name("body")?, cx.src);
    let context = cx.package_name("context")?;
    let name = text(decl.child_by_field_name("name")?, cx.src);
    (takes
        && gin_type(result)
        && body.contains(".Copy()")
        && body.contains(&format!("{context}.WithoutCancel(")))
    .then(|| name.to_string())
}

/// The file's package clause name.
fn package_clause(cx: &FileCx<'_>) -> String {
    named_children(cx.root)
        .into_iter()
        .find(|n| n.kind() == "package_clause")
        .and_then(|p| named_children(p).into_iter().next())
        .map(|n| text(n, cx.src).to_string())
        .unwrap_or_default()
}
