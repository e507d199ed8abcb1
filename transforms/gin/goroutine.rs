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
//! When the goroutine needs the whole `*gin.Context` (passes it on, writes
//! to it, calls other methods), it gets `detachContext(c)`, the helper
//! `gin-copy-detach` uses (the package's own, or one added once per
//! package, or the shared one of `--detach-helper`): as the argument of
//! the `go` call, or, for a function literal,
//! as `cc := detachContext(c)` declared before `go` and used inside. A
//! context passed to a function whose parameter there is a
//! `context.Context` (`go work(c)` with `func work(ctx context.Context)`,
//! resolved as for `gin-as-context`) gets
//! `context.WithoutCancel(c.Request.Context())` instead: the function
//! needs no gin context, only the request's values (unless code of the
//! workspace relies on contexts being gin's, as `gin-as-context` checks).
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
//! recycle it; the goroutine gets the same values (and a detached copy
//! holds the same values too). (`MustGet` of a missing
//! key now panics in the handler, where gin's recovery sees it, rather than
//! in the goroutine.)
//!
//! ## Limitations
//! A goroutine joined before the handler returns is not a finding: one
//! followed, in the handler, by a `.Wait()` call or a channel receive
//! (whatever it waits for: a wait for something else hides a finding). A
//! goroutine that uses the response (`c.Writer`, `c.JSON`, `c.Stream`,
//! `c.Next`, …) in a function literal is reported without a fix, saying
//! so: a copy has no response writer. A context passed to a function
//! (`go record(c)`) gets the copy as gin advises, whatever the function
//! does; and values the goroutine `Set`s on the copy no longer reach the
//! handler's context: review such fixes. The helper is not
//! added where `gin-copy-detach` would not add it (see its limitations);
//! the finding is then reported without a fix. Only reads whose arguments
//! are literals are hoisted. `context.Background()`/`TODO()` inside the
//! goroutine are left to `background-in-scope`, which reuses the hoisted
//! `ctx`. The detached context needs Go 1.21; an older module gets the
//! finding without a fix.

use super::copy_detach::GinCopyDetachOptions;
use super::detach::detach_fix;
use crate::go::file_cx::FileCx;
use crate::go::key_names::camel_name;
use crate::go::known::known_context_parameter;
use crate::go::parents::Up;
use crate::go::scope::{fresh_name_among, name_scope, names_in_scope};
use crate::go::syntax::{line_indent, line_start, named_children, text};
use crate::index::facts::gin_arguments::first_reliance;
use crate::index::facts::gin_detach::{DetachSite, GinFacts};
use crate::index::facts::gin_goroutines::{hand_off, HandOff, Use};
use crate::index::workspace::Condition;
use crate::index::workspace::Workspace;
use crate::lint::finding::Finding;
use crate::lint::fix::{Applicability, Edit, Fix};
use crate::lint::options::OptionsTable;
use crate::lint::rule::{Rule, RuleCx, RuleMeta, Settings};
use std::collections::HashSet;
use std::path::PathBuf;
use tree_sitter::Node;

/// The gin-goroutine rule.
pub struct GinGoroutine;

/// The registered instance.
pub static RULE: GinGoroutine = GinGoroutine;

static META: RuleMeta = RuleMeta {
    code: "GIN001",
    id: "gin-goroutine",
    summary: "a `*gin.Context` used in a goroutine: read its values before `go`",
    finds: "a `*gin.Context` used inside a goroutine that the handler does not wait for \
        (GN010): gin recycles it when the handler returns",
    fixes: "read the values before `go` into locals named from their keys, and `ctx := \
        context.WithoutCancel(c.Request.Context())`; when it needs the whole context, \
        `detachContext(c)` as for GIN002; `go f(c)` where `f` takes a `context.Context` there \
        gets `context.WithoutCancel(c.Request.Context())` (safe)",
    applicability: Applicability::Safe,
    kinds: &["go_statement"],
    // A file that imports `context` may declare the function a goroutine
    // starts, whose context parameter decides the fix.
    needles: &["gin-gonic/gin", "context"],
    caller_needles: &[],
    nolint: &[],
};

impl Rule for GinGoroutine {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn collectors(&self) -> &'static [&'static dyn crate::index::collect::Collector] {
        &[&GinFacts]
    }

    fn options(&self) -> Option<&'static dyn OptionsTable> {
        Some(crate::lint::options::table::<GinCopyDetachOptions>())
    }

    fn visit(&self, go: Node<'_>, cx: &RuleCx<'_>, out: &mut Vec<Finding>) {
        // A goroutine that needs the whole context is the workspace
        // check's: its fix uses the package's detach helper.
        let Some(HandOff::Literal { body, uses }) = hand_off(cx, go) else {
            return;
        };
        if uses.iter().any(|(_, u)| matches!(u, Use::Whole)) {
            return;
        }
        let first = uses[0].0;
        let name = text(first, cx.src);
        let finding = Finding::new(
            &META,
            first.byte_range(),
            format!("`{name}` is read in a goroutine, after gin may have recycled it for another request; read the values before `go`"),
        );
        match hoist(cx, go, body, &uses) {
            Some(fix) => out.push(finding.with_fix(fix)),
            None => out.push(finding),
        }
    }

    fn check_workspace(
        &self,
        workspace: &Workspace,
        settings: &Settings,
        out: &mut Vec<(PathBuf, Finding)>,
    ) {
        for site in workspace.facts::<DetachSite>().iter().filter(|s| s.whole) {
            let message = match site.declare {
                None => format!("`{}` is handed to a goroutine, but gin recycles it when the handler returns", site.receiver),
                Some(_) => format!("`{}` is used in a goroutine, after gin may have recycled it for another request", site.receiver),
            };
            let finding = Finding::new(&META, site.replace[0].clone(), message);
            let finding = match request_context_fix(workspace, site) {
                Some(fix) => finding.with_fix(fix),
                None => detach_fix(workspace, settings, site, finding),
            };
            out.push((site.path.to_path_buf(), finding));
        }
    }
}

/// For `go f(c)` where `f` takes a `context.Context` there: the fix that
/// passes `context.WithoutCancel(c.Request.Context())`, which the handler
/// evaluates before gin can recycle `c`. `None` when the parameter is not
/// known to be a context, the module's Go is older than 1.21, the name
/// `context` means something else in the file, or code of the workspace
/// relies on contexts being gin's ([`first_reliance`]).
fn request_context_fix(workspace: &Workspace, site: &DetachSite) -> Option<Fix> {
    let (callee, index) = site.argument_of.as_ref()?;
    let takes_context = known_context_parameter(callee, *index)
        || workspace.holds(
            &site.package,
            &Condition::CalleeTakesContext {
                callee: callee.clone(),
                arg: *index,
            },
        );
    // Code that asserts the context back to *gin.Context or reads gin's
    // keys through it needs the detached copy.
    if !takes_context || !site.has_without_cancel || first_reliance(workspace).is_some() {
        return None;
    }
    let context = match site.imports.local_name("context") {
        Some(name) => name,
        None if site.imports.path_of("context").is_some()
            || site.names.iter().any(|n| n == "context") =>
        {
            return None
        }
        None => "context",
    };
    let detached = format!(
        "{context}.WithoutCancel({}.Request.Context())",
        site.receiver
    );
    let edits = vec![Edit::replace(site.replace[0].clone(), detached.clone())];
    Some(Fix::new(Applicability::Safe, format!("pass `{detached}`"), edits).with_import("context"))
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
    if needs_ctx && cx.package_name_at("context", go).is_none() {
        return None;
    }
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
    let list = read.up().filter(|p| p.kind() == "expression_list")?;
    let statement = list.up().filter(|s| s.kind() == "short_var_declaration")?;
    let block = statement.up()?;
    let in_body = block.id() == body.id()
        || (block.kind() == "statement_list" && block.up().is_some_and(|b| b.id() == body.id()));
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
    crate::go::syntax::for_each_node(scope, |n| {
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
        .filter(|n| !crate::go::syntax::GO_KEYWORDS.contains(&n.as_str()))
        .unwrap_or_else(|| "value".to_string())
}
