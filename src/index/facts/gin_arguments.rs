//! A `*gin.Context` passed as an argument, and the code that relies on a
//! `context.Context` being one: a type assertion or type switch to
//! `*gin.Context`, or a `Value` read with a string key (gin answers those
//! from the keys `c.Set` stored). Passing `c.Request.Context()` instead of
//! `c` is only sound where nothing relies on it.

use crate::go::file_cx::FileCx;
use crate::go::known::qualified_type_is;
use crate::go::scope::{contexts_in_scope, goroutine_of, ContextKind, GIN};
use crate::go::syntax::{call_arguments, named_children};
use crate::go::typing::{callee_of, Callee};
use crate::index::collect::Fact;
use crate::index::facts::context_values::{package_declares, Access, Key, KeyConst, ValueUse};
use crate::index::workspace::Workspace;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;
use tree_sitter::Node;

/// A `*gin.Context` identifier passed as an argument of a call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GinArgument {
    /// The file.
    pub path: Arc<Path>,
    /// The file's package id.
    pub package: String,
    /// The argument's bytes.
    pub range: Range<usize>,
    /// The `*gin.Context` (`c`).
    pub name: String,
    /// The call's function as written (`store.Load`).
    pub function: String,
    /// What the call calls.
    pub callee: Callee,
    /// The argument's position.
    pub index: usize,
}

/// A place that relies on a `context.Context` being a `*gin.Context`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GinReliance {
    /// The file.
    pub path: Arc<Path>,
    /// The 1-based line.
    pub line: usize,
    /// What it does, as written (`ctx.(*gin.Context)`).
    pub what: String,
}

impl Fact for GinArgument {}

impl Fact for GinReliance {
    fn read_only(self) -> Option<GinReliance> {
        Some(self)
    }
}

/// Every `*gin.Context` passed as an argument in the top-level declaration
/// `decl`, outside goroutines the handler does not wait for (there the
/// context is detached as a whole).
pub fn gin_arguments(cx: &FileCx<'_>, decl: Node<'_>, path: &Arc<Path>) -> Vec<GinArgument> {
    let mut out = Vec::new();
    crate::go::syntax::for_each_node(decl, |call| {
        if call.kind() != "call_expression" {
            return;
        }
        let args = call_arguments(call);
        if !args.iter().any(|a| a.kind() == "identifier") {
            return;
        }
        if goroutine_of(call).is_some_and(|go| !crate::index::facts::gin_goroutines::joined(cx, go))
        {
            return;
        }
        let gins: Vec<String> = contexts_in_scope(cx, call)
            .into_iter()
            .filter(|c| c.kind == ContextKind::Gin)
            .map(|c| c.name)
            .collect();
        let passed =
            |a: &Node<'_>| a.kind() == "identifier" && gins.iter().any(|g| g == cx.text(*a));
        if !args.iter().any(passed) {
            return;
        }
        let Some(callee) = callee_of(cx, call) else {
            return;
        };
        let function = call
            .child_by_field_name("function")
            .map(|f| cx.text(f).to_string())
            .unwrap_or_default();
        for (index, arg) in args.iter().enumerate().filter(|(_, a)| passed(a)) {
            out.push(GinArgument {
                path: path.clone(),
                package: cx.package.to_string(),
                range: arg.byte_range(),
                name: cx.text(*arg).to_string(),
                function: function.clone(),
                callee: callee.clone(),
                index,
            });
        }
    });
    out
}

/// Every type assertion (`x.(*gin.Context)`) and type switch case naming
/// `*gin.Context` in the top-level declaration `decl`.
pub fn gin_assertions(cx: &FileCx<'_>, decl: Node<'_>, path: &Arc<Path>) -> Vec<GinReliance> {
    let gin = cx.package_name(GIN);
    let is_gin = |ty: Node<'_>| {
        ty.kind() == "pointer_type"
            && named_children(ty)
                .first()
                .is_some_and(|inner| qualified_type_is(*inner, cx.src, gin, "Context"))
    };
    let mut out = Vec::new();
    crate::go::syntax::for_each_node(decl, |node| {
        let relies = match node.kind() {
            "type_assertion_expression" => node.child_by_field_name("type").is_some_and(is_gin),
            "type_case" => {
                let mut cursor = node.walk();
                let found = node.children_by_field_name("type", &mut cursor).any(is_gin);
                found
            }
            _ => false,
        };
        if relies {
            let what = match node.kind() {
                "type_case" => cx
                    .text(node)
                    .lines()
                    .next()
                    .unwrap_or_default()
                    .trim_end_matches(':')
                    .to_string(),
                _ => cx.text(node).to_string(),
            };
            out.push(GinReliance {
                path: path.clone(),
                line: node.start_position().row + 1,
                what,
            });
        }
    });
    out
}

/// The first place of the workspace that relies on a `context.Context`
/// being a `*gin.Context`: a type assertion or switch to it, or a `Value`
/// read of a `context.Context` with a key that may be a `string` (a
/// literal, a constant the workspace declares, or a name from outside the
/// workspace).
pub fn first_reliance(workspace: &Workspace) -> Option<GinReliance> {
    let string_key = |key: &Key| match key {
        Key::Literal(value) => value.ty == "string",
        Key::Local { ty, .. } => ty == "string",
        Key::Global { package, name } => {
            match workspace
                .facts::<KeyConst>()
                .iter()
                .find(|c| &c.package == package && &c.name == name)
            {
                Some(c) => c.value.as_ref().is_none_or(|v| v.ty == "string"),
                None => !package_declares(workspace, package, name),
            }
        }
    };
    let reads = workspace
        .facts::<ValueUse>()
        .iter()
        .filter(|u| match &u.access {
            Access::Write => false,
            Access::Read(receiver) => {
                // A read of the *gin.Context itself, or of some other type's
                // `Value` method, is not changed by passing the request's
                // context elsewhere.
                let context = match workspace.resolve(receiver, 0) {
                    Some(ty) => ty.is_context(),
                    None => true,
                };
                context && string_key(&u.key)
            }
        });
    let reads = reads.map(|u| {
        let key = match &u.key {
            Key::Literal(value) => &value.literal,
            Key::Local { name, .. } | Key::Global { name, .. } => name,
        };
        GinReliance {
            path: u.path.clone(),
            line: u.line,
            what: format!("{}.Value({key})", u.call.operands.join("")),
        }
    });
    workspace
        .facts::<GinReliance>()
        .iter()
        .cloned()
        .chain(reads)
        .min_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::go::file_cx::testing::with_file;

    fn assertions(src: &str) -> Vec<(usize, String)> {
        with_file("a.go", src, "p", None, |cx| {
            let path: Arc<Path> = Arc::from(cx.path);
            named_children(cx.root)
                .into_iter()
                .flat_map(|decl| gin_assertions(cx, decl, &path))
                .map(|r| (r.line, r.what))
                .collect()
        })
    }

    #[test]
    fn assertions_and_switch_cases_to_the_gin_context_are_found() {
        let src = "package p\n\nimport (\n\t\"context\"\n\n\tg \"github.com/gin-gonic/gin\"\n)\n\nfunc f(ctx context.Context) string {\n\tif c, ok := ctx.(*g.Context); ok {\n\t\treturn c.ClientIP()\n\t}\n\tswitch v := ctx.(type) {\n\tcase *g.Context, nil:\n\t\treturn v.FullPath()\n\t}\n\t_, _ = ctx.(interface{ Foo() })\n\treturn \"\"\n}\n";
        assert_eq!(
            assertions(src),
            vec![
                (10, "ctx.(*g.Context)".to_string()),
                (14, "case *g.Context, nil".to_string()),
            ]
        );
    }

    #[test]
    fn a_gin_context_type_of_another_package_is_not_gin() {
        let src = "package p\n\nimport (\n\t\"context\"\n\n\t\"example.com/gin\"\n)\n\nfunc f(ctx context.Context) bool {\n\t_, ok := ctx.(*gin.Context)\n\treturn ok\n}\n";
        assert!(assertions(src).is_empty());
    }
}
