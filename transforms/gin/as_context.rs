//! ## What it does
//! Finds a `*gin.Context` passed where the callee's parameter is a
//! `context.Context`, and passes the request's context instead:
//! `c.Request.Context()`.
//!
//! ## Why
//! `*gin.Context` implements `context.Context`, so the call compiles, but
//! unless the engine sets `ContextWithFallback` its `Done`, `Err` and
//! `Deadline` say nothing: the callee is never cancelled when the client
//! goes away or the server shuts down. It also hands the callee gin's
//! pooled context, which gin recycles for another request when the handler
//! returns. The request's context is what the handler means to pass.
//!
//! ## Example
//! ```go
//! func GetUser(c *gin.Context) {
//!     user, err := store.Load(c, c.Param("id"))
//! ```
//! becomes
//! ```go
//! func GetUser(c *gin.Context) {
//!     user, err := store.Load(c.Request.Context(), c.Param("id"))
//! ```
//!
//! ## Fix safety
//! Safe: the argument keeps its type, and the callee now sees the
//! request's cancellation and deadline. The request's context does not
//! answer what gin's context does: `Value` with a string key reads the
//! keys `c.Set` stored, and a type assertion to `*gin.Context` gets the
//! gin context back. So when any code of the workspace reads a
//! `context.Context`'s `Value` with a key that may be a string, or asserts
//! or switches one to `*gin.Context`, the finding is reported without a
//! fix, naming the first such place: pass those values explicitly (or
//! use a key type of your own) and run ctxmod again.
//!
//! ## Limitations
//! A callee is known to take a context as for `nil-ctx`: a function or
//! method the workspace declares with a `context.Context` parameter at that
//! position (resolved through the static types the file shows), or a
//! well-known library call (`http.NewRequestWithContext`,
//! `exec.CommandContext`, `(*sql.DB).QueryContext`, the `slog` `...Context`
//! functions, …). Only a plain identifier of type `*gin.Context` (a
//! parameter or local) is replaced. What relies on a gin context is
//! looked for in the whole workspace, not only in what the callee
//! reaches, so one such place withholds every fix. Inside a goroutine the handler does not
//! wait for, the context is `gin-goroutine`'s: it is left alone there.

use crate::go::known::known_context_parameter;
use crate::index::facts::gin_arguments::{first_reliance, GinArgument};
use crate::index::facts::gin_detach::GinFacts;
use crate::index::workspace::Condition;
use crate::index::workspace::Workspace;
use crate::lint::finding::Finding;
use crate::lint::fix::{Applicability, Edit, Fix};
use crate::lint::rule::{RuleMeta, Settings};
use std::path::PathBuf;

/// The gin-as-context rule.
pub struct GinAsContext;

/// The registered instance.
pub static RULE: GinAsContext = GinAsContext;

static META: RuleMeta = RuleMeta {
    code: "GIN003",
    id: "gin-as-context",
    summary: "a `*gin.Context` passed as a `context.Context`: pass `c.Request.Context()`",
    finds: "a `*gin.Context` passed where the callee (a function or method of the workspace, \
        or a well-known library call such as `http.NewRequestWithContext` or \
        `(*sql.DB).QueryContext`) takes a `context.Context`: it is never cancelled with the \
        request",
    fixes: "pass `c.Request.Context()` (safe); reported without a fix, naming the place, \
        when code of the workspace asserts a `context.Context` to `*gin.Context` or reads its \
        `Value` with a key that may be a string (gin answers those from `c.Set`'s keys)",
    applicability: Applicability::Safe,
    kinds: &[],
    // A file that reads context values may rely on a gin context without
    // importing gin; one that imports `context` may declare the function
    // a gin context is passed to, whose parameter types the rule checks.
    needles: &["gin-gonic/gin", ".Value(", "context"],
    caller_needles: &[],
    nolint: &[],
};

impl crate::lint::rule::Rule for GinAsContext {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn collectors(&self) -> &'static [&'static dyn crate::index::collect::Collector] {
        use crate::index::facts::context_values::{KeyDeclarations, ValueUses};
        // Whether a gin context may be read for its values decides the fix.
        &[&GinFacts, &KeyDeclarations, &ValueUses]
    }

    fn check_workspace(
        &self,
        workspace: &Workspace,
        _settings: &Settings,
        out: &mut Vec<(PathBuf, Finding)>,
    ) {
        if workspace.facts::<GinArgument>().is_empty() {
            return;
        }
        let reliance = first_reliance(workspace);
        for site in workspace.facts::<GinArgument>() {
            let taken = known_context_parameter(&site.callee, site.index)
                || workspace.holds(
                    &site.package,
                    &Condition::CalleeTakesContext {
                        callee: site.callee.clone(),
                        arg: site.index,
                    },
                );
            if !taken {
                continue;
            }
            let name = &site.name;
            let mut message = format!(
                "`{name}` (a *gin.Context) passed as the context.Context of `{}`: it is never cancelled with the request",
                site.function
            );
            let mut finding = Finding::new(&META, site.range.clone(), String::new());
            if let Some(r) = &reliance {
                message.push_str(&format!(
                    " (not fixed: `{}` at {} may need the gin context itself, which `{name}.Request.Context()` is not)",
                    r.what,
                    crate::go::paths::place(&r.path, r.line)
                ));
            } else {
                let expr = format!("{name}.Request.Context()");
                finding = finding.with_fix(Fix::new(
                    Applicability::Safe,
                    format!("pass `{expr}`"),
                    vec![Edit::replace(site.range.clone(), expr)],
                ));
            }
            finding.message = message;
            out.push((site.path.to_path_buf(), finding));
        }
    }
}
