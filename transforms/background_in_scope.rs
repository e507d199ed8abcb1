//! ## What it does
//! Finds `context.Background()` and `context.TODO()` inside a function or
//! closure that already has a context: a parameter or earlier local of type
//! `context.Context`, an `*http.Request` (`r.Context()`) or a `*gin.Context`
//! (`c.Request.Context()`). It replaces the new root with that context.
//!
//! ## Why
//! A fresh root drops everything the caller set up: its deadline, its
//! cancellation and its request-scoped values. A 5-second budget set higher
//! up is silently gone at this leaf, and the call hangs as long as the
//! server on the other end likes. If the function takes a context, it does
//! not create one.
//!
//! ## Example
//! ```go
//! func handler(ctx context.Context, w http.ResponseWriter, r *http.Request) {
//!     rows, err := db.QueryContext(context.Background(), "SELECT ...")
//! ```
//! becomes
//! ```go
//! func handler(ctx context.Context, w http.ResponseWriter, r *http.Request) {
//!     rows, err := db.QueryContext(ctx, "SELECT ...")
//! ```
//! Inside a goroutine (a `go` statement's call, or a function literal started
//! by `go`) the code was never cancelled, and must not start being cancelled
//! when the request ends, so it gets `context.WithoutCancel(ctx)`: the
//! caller's values, no cancellation. For a `*gin.Context`, which gin recycles
//! when the handler returns, the detached context is made before the `go`
//! statement (`ctx := context.WithoutCancel(c.Request.Context())`) and the
//! goroutine uses `ctx`.
//!
//! When several contexts are in scope, the innermost one declared before the
//! call wins; among the parameters of one function, a `context.Context`
//! comes before an `*http.Request`, which comes before a `*gin.Context`.
//!
//! ## Fix safety
//! Safe for `context.TODO()`: the author marked the place as waiting for a
//! context, the replacement has the same type, and behaviour moves only the
//! way the rule intends — the call now honours the caller's deadline and
//! cancellation (outside goroutines) and carries its values. Unsafe for
//! `context.Background()`: an explicit fresh root may be a choice not to be
//! cancelled, and the fix adds the caller's cancellation; review it.
//!
//! Where the context in scope may already be done — in a
//! `case <-ctx.Done():` arm and what only it reaches, after `<-ctx.Done()`
//! or a call handed `ctx.Done()` (`wait.Until(f, p, ctx.Done())`), where
//! `ctx.Err()` is not nil, in a deferred call — the root is what the code
//! needs (a cancelled context would make its work fail at once), and it is
//! not a finding.
//!
//! ## Limitations
//! Left alone, because there a fresh root is deliberate: `main` and `init`;
//! a `Background()` in a function named for a shutdown or cleanup path
//! (`Shutdown`, `Stop…`, `Close…`, `cleanup`, `teardown`, `exit…`), which
//! runs while the contexts around it end; the default of a context that
//! may be nil (`if ctx == nil { ctx = context.Background() }`);
//! a call already inside `context.WithoutCancel`; a comparison
//! (`ctx != context.Background()`); a default for the variable itself
//! (`if ctx == nil { ctx = context.Background() }`); and a context meant to
//! outlive the call — one that is returned, stored in a field, global or
//! composite value, sent on a channel, or held in a variable that is, or
//! captured by a goroutine or closure (`cc.ctx, cc.cancel =
//! context.WithCancel(context.Background())`). A root inside a function
//! literal kept to run later (assigned, returned, stored, passed to a
//! call whose result is kept — `t.cleanup = throttle(time.Minute, func() {
//! t.clean(context.TODO()) })` — or handed to a function named like one
//! that keeps it: `RegisterHandler`, `OnClose`, `AddFunc`, `Subscribe`,
//! `time.AfterFunc`, …) is reported without a fix when the context in
//! scope comes from outside the literal: the literal may run after that
//! context is cancelled. A callback kept by a function named otherwise is
//! not recognised. Only the context itself is
//! followed: a root handed to a constructor whose result is kept
//! (`config.TokenSource(context.Background())`) is still reported, so
//! review such fixes. Locals count as contexts in scope only when they
//! derive from the caller's (not from another root) and their cancel
//! function has not run yet. A function with no context in scope is the
//! job of `thread-ctx`. In a goroutine the fix needs
//! `context.WithoutCancel`, so a module whose `go` directive is older than
//! 1.21 gets the finding without a fix.

use crate::go::file_cx::FileCx;
use crate::go::parents::Up;
use crate::go::roots::{is_deliberate_root, is_root_call};
use crate::go::scope::{context_use, goroutine_of};
use crate::go::syntax::named_children;
use crate::lint::finding::Finding;
use crate::lint::fix::{Applicability, Fix};
use crate::lint::rule::{Rule, RuleCx, RuleMeta};
use tree_sitter::Node;

/// The background-in-scope rule.
pub struct BackgroundInScope;

/// The registered instance.
pub static RULE: BackgroundInScope = BackgroundInScope;

static META: RuleMeta = RuleMeta {
    code: "CTX001",
    id: "background-in-scope",
    summary: "`context.Background()`/`TODO()` where a context is in scope: use it",
    finds: "`context.Background()`/`TODO()` where a context is in scope (a `context.Context` \
        parameter or local, `r.Context()` of an `*http.Request`, `c.Request.Context()` of a \
        `*gin.Context`), except where that context may be done (a `case <-ctx.Done():` arm, \
        after `<-ctx.Done()`, a deferred call)",
    fixes: "use it; in a goroutine `context.WithoutCancel(ctx)`; reported without a fix in a \
        function literal kept to run later (stored, or handed to \
        `Register…`/`On…`/`AfterFunc`…) (safe for `TODO()`, unsafe for `Background()`)",
    applicability: Applicability::Safe,
    kinds: &["call_expression"],
    needles: &["context"],
    caller_needles: &[],
    nolint: &["contextcheck"],
};

impl Rule for BackgroundInScope {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn visit(&self, call: Node<'_>, cx: &RuleCx<'_>, out: &mut Vec<Finding>) {
        if !is_root_call(cx, call) || is_deliberate_root(cx, call) {
            return;
        }
        let Some(usage) = context_use(cx, call) else {
            return;
        };
        if usage.done.is_some() {
            // A Done arm, a deferred call, code after the context ended: a
            // fresh root is what such code needs, and the context in scope
            // would cancel it at once.
            return;
        }
        if assigns_to_itself(cx, call, &usage.expr) {
            // `if ctx == nil { ctx = context.Background() }`: a default for
            // the variable itself, not a lost context.
            return;
        }
        let root = cx.text(call);
        let source = usage.source.expression();
        let message = if goroutine_of(call).is_some() {
            format!("{root} in a goroutine drops the values of `{source}`; detach it with context.WithoutCancel instead")
        } else {
            format!("{root} discards `{source}`: its deadline, cancellation and values are lost")
        };
        // A function literal kept to run later may run after the context
        // in scope is cancelled: the root it uses never is.
        if let Some((literal, how)) =
            crate::go::escape::kept_literal(call, cx.src).filter(|_| goroutine_of(call).is_none())
        {
            if !crate::go::scope::declares_before(cx, literal, call, &usage.source.name) {
                let message = format!(
                    "{message} (not fixed: the function literal is {}, and may run after `{source}` is cancelled)",
                    how.describe()
                );
                out.push(Finding::new(&META, call.byte_range(), message));
                return;
            }
        }
        let finding = Finding::new(&META, call.byte_range(), message);
        // The call was a use of the context package; it may have been the
        // last one.
        // `TODO()` asked for a context; an explicit `Background()` chose
        // to have no cancellation, and the fix gives it one.
        let applicability = if cx.is_call_to(call, "context", &["TODO"]) {
            Applicability::Safe
        } else {
            Applicability::Unsafe
        };
        let fix = Fix::using_context(&usage, cx, applicability, call.byte_range())
            .map(|fix| fix.dropping_import("context"));
        out.push(match fix {
            Some(fix) => finding.with_fix(fix),
            None => finding,
        });
    }
}

/// True when `call` is assigned to a variable spelled `expr`
/// (`ctx = context.TODO()` would become `ctx = ctx`).
fn assigns_to_itself(cx: &FileCx<'_>, call: Node<'_>, expr: &str) -> bool {
    let Some(list) = call.up().filter(|p| p.kind() == "expression_list") else {
        return false;
    };
    let Some(statement) = list.up() else {
        return false;
    };
    if !matches!(
        statement.kind(),
        "assignment_statement" | "short_var_declaration"
    ) {
        return false;
    }
    let index = named_children(list)
        .iter()
        .position(|n| n.id() == call.id());
    let left = statement
        .child_by_field_name("left")
        .map(named_children)
        .unwrap_or_default();
    index
        .and_then(|i| left.get(i))
        .is_some_and(|target| cx.text(*target) == expr)
}
