//! ## What it does
//! Finds a `*gin.Context` used inside a goroutine: in the body of a
//! function literal started by `go`, or passed whole as an argument of a
//! `go` call. Arguments of the `go` call itself are evaluated before the
//! goroutine starts and are fine (`go h.touch(c.Param("id"))`).
//!
//! When the goroutine only reads values through the accessors (`GetString`,
//! `GetInt`, `GetBool`, `GetInt64`, `GetFloat64`, `Get`, `MustGet`, `Param`,
//! `Query`, `DefaultQuery`, `PostForm`, `GetHeader`, `ClientIP`,
//! `FullPath`, `c.Request.Header.Get`, `c.Request.URL.…`) and
//! `c.Request.Context()`, each distinct read is hoisted into a local
//! declared just before the `go` statement, named from its key
//! (`userID := c.GetString("user_id")`), and `c.Request.Context()` becomes
//! one `ctx := context.WithoutCancel(c.Request.Context())`. A local that
//! the goroutine declared from a read (`userID := c.GetString("user_id")`
//! as a statement of the literal) moves before the `go` statement as it is.
//!
//! ## Why
//! gin pools its contexts: when the handler returns, `c` is reset and handed
//! to another request, so a goroutine that reads it later reads another
//! request's data (a data race the race detector reports). The request's
//! context is also cancelled when the handler returns; the detached context
//! keeps its values without the cancellation.
//!
//! ## Example
//! ```go
//! go func() {
//!     userID := c.GetString("user_id")
//!     h.service.Notify(c.Request.Context(), userID, req)
//! }()
//! ```
//! becomes
//! ```go
//! ctx := context.WithoutCancel(c.Request.Context())
//! userID := c.GetString("user_id")
//! go func() {
//!     h.service.Notify(ctx, userID, req)
//! }()
//! ```
//!
//! ## Fix safety
//! Safe: the reads happen earlier, on the same context, before gin can
//! recycle it; the goroutine gets the same values. (`MustGet` of a missing
//! key now panics in the handler, where gin's recovery sees it, rather than
//! in the goroutine.)
//!
//! ## Limitations
//! A goroutine joined before the handler returns is not a finding: one
//! followed, in the handler, by a `.Wait()` call or a channel receive. A
//! goroutine that needs the whole `*gin.Context` (passes it on, writes to
//! it, calls other methods) is reported without a fix: hand it
//! `detachContext(c)` (see `gin-copy-detach`). Only reads whose arguments
//! are literals are hoisted. `context.Background()`/`TODO()` inside the
//! goroutine are left to `background-in-scope`, which reuses the hoisted
//! `ctx`. The detached context needs Go 1.21; an older module gets the
//! finding without a fix.

use crate::fix::{Applicability, Edit, Finding, Fix};
use crate::key_names::camel_name;
use crate::rule::{FileCx, Rule, RuleMeta};
use crate::scope::{contexts_in_scope, fresh_name_among, name_scope, names_in_scope, ContextKind};
use crate::syntax::{line_indent, line_start, named_children, text};
use std::collections::HashSet;
use tree_sitter::Node;

/// The gin-goroutine rule.
pub struct GinGoroutine;

/// The registered instance.
pub static RULE: GinGoroutine = GinGoroutine;

static META: RuleMeta = RuleMeta {
    code: "GIN001",
    id: "gin-goroutine",
    summary: "a `*gin.Context` used in a goroutine: read its values before `go`",
    applicability: Applicability::Safe,
    kinds: &["go_statement"],
    needles: &["gin-gonic/gin"],
    needs_callers: false,
};

/// The `*gin.Context` methods that only read a value.
const ACCESSORS: &[&str] = &[
    "GetString",
    "GetInt",
    "GetBool",
    "GetInt64",
    "GetFloat64",
    "Get",
    "MustGet",
    "Param",
    "Query",
    "DefaultQuery",
    "PostForm",
    "GetHeader",
    "ClientIP",
    "FullPath",
];

/// One use of the gin context inside the goroutine.
enum Use<'t> {
    /// A read that can run before `go`: the expression.
    Read(Node<'t>),
    /// `c.Request.Context()`.
    RequestContext(Node<'t>),
    /// Anything else: the goroutine needs the whole context.
    Whole,
}

impl Rule for GinGoroutine {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn visit(&self, go: Node<'_>, cx: &FileCx<'_>, out: &mut Vec<Finding>) {
        let Some(call) = named_children(go)
            .into_iter()
            .find(|n| n.kind() == "call_expression")
        else {
            return;
        };
        let gins: Vec<String> = contexts_in_scope(cx, go)
            .into_iter()
            .filter(|c| c.kind == ContextKind::Gin)
            .map(|c| c.name)
            .collect();
        if gins.is_empty() || joined(cx, go) {
            return;
        }
        let args = call
            .child_by_field_name("arguments")
            .map(named_children)
            .unwrap_or_default();
        if let Some(arg) = args
            .iter()
            .find(|a| a.kind() == "identifier" && gins.iter().any(|g| g == text(**a, cx.src)))
        {
            let name = text(*arg, cx.src);
            out.push(Finding::new(
                &META,
                arg.byte_range(),
                format!("`{name}` is handed to a goroutine, but gin recycles it when the handler returns; pass `detachContext({name})` or the values it needs"),
            ));
            return;
        }
        let Some(body) = call
            .child_by_field_name("function")
            .filter(|f| f.kind() == "func_literal")
            .and_then(|f| f.child_by_field_name("body"))
        else {
            return;
        };
        let uses = uses_in(cx, body, &gins);
        let Some(first) = uses.first().map(|(n, _)| *n) else {
            return;
        };
        let name = text(first, cx.src);
        let finding = Finding::new(
            &META,
            first.byte_range(),
            format!("`{name}` is read in a goroutine, after gin may have recycled it for another request; read the values before `go`"),
        );
        if uses.iter().any(|(_, u)| matches!(u, Use::Whole)) {
            out.push(Finding {
                message: format!("`{name}` is used in a goroutine, after gin may have recycled it for another request; hand the goroutine `detachContext({name})`"),
                ..finding
            });
            return;
        }
        match hoist(cx, go, body, &uses) {
            Some(fix) => out.push(finding.with_fix(fix)),
            None => out.push(finding),
        }
    }
}

/// True when the handler waits for the goroutine: a `.Wait()` call or a
/// channel receive follows the `go` statement in its function.
fn joined(cx: &FileCx<'_>, go: Node<'_>) -> bool {
    let Some(function) = crate::syntax::ancestor(go, crate::syntax::FUNCTION_KINDS) else {
        return false;
    };
    let mut waits = false;
    crate::syntax::for_each_node(function, |n| {
        if waits || n.start_byte() < go.end_byte() {
            return;
        }
        let wait = n.kind() == "call_expression"
            && n.child_by_field_name("function").is_some_and(|f| {
                f.kind() == "selector_expression"
                    && f.child_by_field_name("field")
                        .is_some_and(|field| text(field, cx.src) == "Wait")
            });
        let receive = n.kind() == "unary_expression"
            && n.child_by_field_name("operator")
                .is_some_and(|o| text(o, cx.src) == "<-");
        waits = wait || receive;
    });
    waits
}

/// Every use of a gin context of `gins` in `body`, each with its
/// identifier.
fn uses_in<'t>(cx: &FileCx<'t>, body: Node<'t>, gins: &[String]) -> Vec<(Node<'t>, Use<'t>)> {
    let mut out = Vec::new();
    crate::syntax::for_each_node(body, |n| {
        if n.kind() == "identifier" && gins.iter().any(|g| g == text(n, cx.src)) {
            out.push((n, classify(cx, n)));
        }
    });
    out
}

/// What the use of the gin context `id` does.
fn classify<'t>(cx: &FileCx<'t>, id: Node<'t>) -> Use<'t> {
    let field_of = |n: Node<'t>| -> Option<(Node<'t>, &str)> {
        let sel = n.parent().filter(|p| {
            p.kind() == "selector_expression"
                && p.child_by_field_name("operand")
                    .is_some_and(|o| o.id() == n.id())
        })?;
        Some((sel, text(sel.child_by_field_name("field")?, cx.src)))
    };
    let called = |sel: Node<'t>| -> Option<Node<'t>> {
        sel.parent().filter(|p| {
            p.kind() == "call_expression"
                && p.child_by_field_name("function")
                    .is_some_and(|f| f.id() == sel.id())
        })
    };
    let literal_args = |call: Node<'t>| {
        call.child_by_field_name("arguments").is_some_and(|a| {
            named_children(a).iter().all(|x| {
                matches!(
                    x.kind(),
                    "interpreted_string_literal" | "raw_string_literal"
                )
            })
        })
    };
    let Some((sel, field)) = field_of(id) else {
        return Use::Whole;
    };
    if ACCESSORS.contains(&field) {
        return match called(sel).filter(|c| literal_args(*c)) {
            Some(call) => Use::Read(call),
            None => Use::Whole,
        };
    }
    if field != "Request" {
        return Use::Whole;
    }
    let Some((inner, member)) = field_of(sel) else {
        return Use::Whole;
    };
    match member {
        "Context" => match called(inner).filter(|c| literal_args(*c)) {
            Some(call) => Use::RequestContext(call),
            None => Use::Whole,
        },
        "Header" => match field_of(inner) {
            Some((get, "Get")) => match called(get).filter(|c| literal_args(*c)) {
                Some(call) => Use::Read(call),
                None => Use::Whole,
            },
            _ => Use::Whole,
        },
        "URL" => match field_of(inner) {
            Some((url_field, _)) => Use::Read(called(url_field).unwrap_or(url_field)),
            None => Use::Whole,
        },
        _ => Use::Whole,
    }
}

/// The fix that reads every use before `go`, or `None` when it needs
/// `context.WithoutCancel` and the module's Go is older than 1.21.
fn hoist(
    cx: &FileCx<'_>,
    go: Node<'_>,
    body: Node<'_>,
    uses: &[(Node<'_>, Use<'_>)],
) -> Option<Fix> {
    let needs_ctx = uses
        .iter()
        .any(|(_, u)| matches!(u, Use::RequestContext(_)));
    if needs_ctx && !cx.go_at_least(1, 21) {
        return None;
    }
    let used = names_in_scope(cx, go);
    let mut chosen: HashSet<String> = HashSet::new();
    let indent = line_indent(cx.src, go.start_byte());
    let at = line_start(cx.src, go.start_byte());
    let mut declarations = String::new();
    let mut edits = Vec::new();
    let mut names = Vec::new();
    let context_pkg = cx.package_name_or_default("context");
    if needs_ctx {
        let name = fresh_name_among(&["ctx", "reqCtx", "requestCtx"], |n| {
            used.contains(n) || chosen.contains(n)
        })?;
        let source = uses
            .iter()
            .find_map(|(_, u)| match u {
                Use::RequestContext(call) => Some(text(*call, cx.src)),
                _ => None,
            })
            .unwrap_or_default();
        declarations.push_str(&format!(
            "{indent}{name} := {context_pkg}.WithoutCancel({source})\n"
        ));
        for (_, u) in uses {
            if let Use::RequestContext(call) = u {
                edits.push(Edit::replace(call.byte_range(), name.clone()));
            }
        }
        chosen.insert(name.clone());
        names.push(name);
    }
    let mut reads: Vec<(&str, String)> = Vec::new();
    for (_, u) in uses {
        let Use::Read(read) = u else { continue };
        let expr = text(*read, cx.src);
        let name = match reads.iter().find(|(e, _)| *e == expr) {
            Some((_, name)) => name.clone(),
            None => {
                let name = match moved_declaration(cx, body, *read) {
                    Some((statement, name)) => {
                        // The statement moves with the rest of its line, so
                        // a trailing comment moves along.
                        let start = line_start(cx.src, statement.start_byte());
                        let end = cx.src[statement.end_byte()..]
                            .find('\n')
                            .map_or(cx.src.len(), |i| statement.end_byte() + i);
                        let line = &cx.src[statement.start_byte()..end];
                        declarations.push_str(&format!("{indent}{line}\n"));
                        edits.push(Edit::delete(start..(end + 1).min(cx.src.len())));
                        name
                    }
                    None => {
                        let wanted = local_name(cx, *read);
                        let name = fresh_name_among(&[wanted.as_str()], |n| {
                            used.contains(n) || chosen.contains(n)
                        })?;
                        declarations.push_str(&format!("{indent}{name} := {expr}\n"));
                        edits.push(Edit::replace(read.byte_range(), name.clone()));
                        name
                    }
                };
                chosen.insert(name.clone());
                names.push(name.clone());
                reads.push((expr, name.clone()));
                continue;
            }
        };
        edits.push(Edit::replace(read.byte_range(), name));
    }
    edits.push(Edit::insert(at, declarations));
    let scope = name_scope(cx, go).byte_range();
    let mut fix = Fix::new(
        Applicability::Safe,
        format!("read {} before `go`", names.join(", ")),
        edits,
    );
    for name in names {
        fix = fix.declaring(scope.clone(), name);
    }
    if needs_ctx {
        fix = fix.with_import("context");
    }
    Some(fix)
}

/// The statement `name := <read>` of the literal's own block, with the
/// name, when it can move before `go` as it is: `name` appears nowhere
/// else in the function outside the literal, nor elsewhere in it before.
fn moved_declaration<'t>(
    cx: &FileCx<'t>,
    body: Node<'t>,
    read: Node<'t>,
) -> Option<(Node<'t>, String)> {
    let list = read.parent().filter(|p| p.kind() == "expression_list")?;
    let statement = list
        .parent()
        .filter(|s| s.kind() == "short_var_declaration")?;
    let block = statement.parent()?;
    let in_body = block.id() == body.id()
        || (block.kind() == "statement_list"
            && block.parent().is_some_and(|b| b.id() == body.id()));
    if !in_body || named_children(list).len() != 1 {
        return None;
    }
    let left = named_children(statement.child_by_field_name("left")?);
    let [target] = left.as_slice() else {
        return None;
    };
    let name = text(*target, cx.src);
    let scope = name_scope(cx, body);
    let mut clash = false;
    crate::syntax::for_each_node(scope, |n| {
        let outside = n.end_byte() <= body.start_byte() || n.start_byte() >= body.end_byte();
        let before = n.start_byte() >= body.start_byte() && n.end_byte() <= statement.start_byte();
        if n.kind() == "identifier" && text(n, cx.src) == name && (outside || before) {
            clash = true;
        }
    });
    (!clash).then(|| (statement, name.to_string()))
}

/// The name a hoisted read gets: from its key (`c.GetString("user_id")` →
/// `userID`), else from the accessor (`c.ClientIP()` → `clientIP`).
fn local_name(cx: &FileCx<'_>, read: Node<'_>) -> String {
    let key = read
        .child_by_field_name("arguments")
        .and_then(|a| named_children(a).into_iter().next())
        .map(|k| {
            text(k, cx.src)
                .trim_matches(|c| c == '"' || c == '`')
                .to_string()
        });
    let accessor = match read.kind() {
        "call_expression" => read
            .child_by_field_name("function")
            .and_then(|f| f.child_by_field_name("field")),
        _ => read.child_by_field_name("field"),
    }
    .map(|f| text(f, cx.src).to_string())
    .unwrap_or_default();
    key.and_then(|k| camel_name(&k))
        .or_else(|| camel_name(&accessor))
        .filter(|n| !crate::syntax::GO_KEYWORDS.contains(&n.as_str()))
        .unwrap_or_else(|| "value".to_string())
}
