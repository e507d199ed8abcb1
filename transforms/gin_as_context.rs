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
//! request's cancellation and deadline. Values the callee reads with
//! `ctx.Value` come from the request's context: keys set with `c.Set` are
//! no longer visible through it (gin looks them up first in its own
//! `Keys`); pass such values explicitly.
//!
//! ## Limitations
//! A callee is known to take a context as for `nil-ctx`: a function or
//! method the workspace declares with a `context.Context` parameter at that
//! position (resolved through the static types the file shows), or a
//! well-known library call (`http.NewRequestWithContext`,
//! `exec.CommandContext`, `(*sql.DB).QueryContext`, the `slog` `...Context`
//! functions, …). Only a plain identifier of type `*gin.Context` (a
//! parameter or local) is replaced. Inside a goroutine the handler does not
//! wait for, the context is `gin-goroutine`'s: it is left alone there.

use crate::fix::{Applicability, Condition, Edit, Finding, Fix};
use crate::rule::{FileCx, Rule, RuleMeta};
use crate::scope::{contexts_in_scope, goroutine_of, ContextKind, GIN};
use crate::syntax::call_arguments;
use crate::typing::callee_of;
use crate::workspace::known_context_parameter;
use tree_sitter::Node;

/// The gin-as-context rule.
pub struct GinAsContext;

/// The registered instance.
pub static RULE: GinAsContext = GinAsContext;

static META: RuleMeta = RuleMeta {
    code: "GIN003",
    id: "gin-as-context",
    summary: "a `*gin.Context` passed as a `context.Context`: pass `c.Request.Context()`",
    applicability: Applicability::Safe,
    kinds: &["call_expression"],
    needles: &["gin-gonic/gin"],
    needs_callers: false,
};

impl Rule for GinAsContext {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn visit(&self, call: Node<'_>, cx: &FileCx<'_>, out: &mut Vec<Finding>) {
        if cx.package_name(GIN).is_none() {
            return;
        }
        let args = call_arguments(call);
        if !args.iter().any(|a| a.kind() == "identifier") {
            return;
        }
        // A goroutine the handler does not wait for must not read the
        // context at all: gin-goroutine detaches it there.
        if goroutine_of(call).is_some_and(|go| !crate::gin_goroutines::joined(cx, go)) {
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
        let function = cx.text(
            call.child_by_field_name("function")
                .expect("calls have a function"),
        );
        for (index, arg) in args.iter().enumerate().filter(|(_, a)| passed(a)) {
            let name = cx.text(*arg);
            let expr = format!("{name}.Request.Context()");
            let message = format!(
                "`{name}` (a *gin.Context) passed as the context.Context of `{function}`: it is never cancelled with the request"
            );
            let fix = Fix::new(
                Applicability::Safe,
                format!("pass `{expr}`"),
                vec![Edit::replace(arg.byte_range(), expr.clone())],
            );
            let mut finding = Finding::new(&META, arg.byte_range(), message).with_fix(fix);
            if !known_context_parameter(&callee, index) {
                finding = finding.when(Condition::CalleeTakesContext {
                    callee: callee.clone(),
                    arg: index,
                });
            }
            out.push(finding);
        }
    }
}
