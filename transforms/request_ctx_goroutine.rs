//! ## What it does
//! Finds the request's context handed to a goroutine the handler does not
//! wait for: `r.Context()` of an `*http.Request`, `c.Request.Context()` of
//! a `*gin.Context`, or a local assigned from one (directly or through
//! `context.WithValue`), passed as an argument of the `go` call or captured
//! by the function literal `go` starts. The fix detaches it with
//! `context.WithoutCancel` where it is handed over: an argument is wrapped,
//! and a captured context is declared detached under a fresh name just
//! before the `go` statement and used by that name inside.
//!
//! ## Why
//! `net/http` cancels the request's context when the handler returns (and
//! gin's is the same one): background work started with it fails with
//! "context canceled" as soon as the response is written, or stops half
//! done. `context.WithoutCancel` keeps the request's values (trace ids,
//! the authenticated user) without its cancellation.
//!
//! ## Example
//! ```go
//! func Upload(w http.ResponseWriter, r *http.Request) {
//!     go process(r.Context(), id)
//!     w.WriteHeader(http.StatusAccepted)
//! }
//! ```
//! becomes
//! ```go
//! func Upload(w http.ResponseWriter, r *http.Request) {
//!     go process(context.WithoutCancel(r.Context()), id)
//!     w.WriteHeader(http.StatusAccepted)
//! }
//! ```
//! and a captured context:
//! ```go
//! ctx := r.Context()
//! go func() { s.index(ctx, doc) }()
//! ```
//! becomes
//! ```go
//! ctx := r.Context()
//! bgCtx := context.WithoutCancel(ctx)
//! go func() { s.index(bgCtx, doc) }()
//! ```
//!
//! ## Fix safety
//! Unsafe: the goroutine is no longer stopped when the client goes away or
//! the handler returns, and nothing else bounds it: a goroutine that relied
//! on the cancellation to give up now runs to its end. Give it a deadline
//! of its own (`unbounded-detach`), and check that the work is really meant
//! to outlive the request.
//!
//! ## Limitations
//! A goroutine that watches the context it is handed — it waits on its
//! `Done()` channel, itself or in a function of the same file it passes
//! the context to (two calls deep) — is not a finding: it
//! stops with the request on purpose (`case <-ctx.Done(): return` to avoid
//! leaking itself), and detaching it would bring back the leak. One that
//! watches it only in a function of another file is still reported.
//! A goroutine joined before the handler returns is not a finding, as for
//! `gin-goroutine`: one followed, in the handler, by a `.Wait()` call or a
//! channel receive. Nor is one that writes to an `io.Pipe()` the handler
//! made (`pr, pw := io.Pipe()`): the handler reads the other end, and when
//! it returns early its `pr.Close()` makes the writes fail, so the request's
//! cancellation is what stops the goroutine's work. A semaphore drained by sends to it is not seen as a
//! wait. A local counts as the request's context only when it is assigned
//! once in its function (a local derived with `WithCancel`/`WithTimeout`
//! has a cancellation of its own and is left alone). Inside the function
//! literal, a use of the `*gin.Context` itself (its `c.Request.Context()`
//! included) is `gin-goroutine`'s: it hoists it into a detached `ctx` of
//! its own, so the two rules never fix the same use. `context.WithoutCancel`
//! needs Go 1.21: an older module gets the finding without a fix.

use crate::go::done::{declared_parameter, watches_context};
use crate::go::file_cx::FileCx;
use crate::go::scope::{
    contexts_in_scope, fresh_name_among, name_scope, names_in_scope, ContextKind,
};
use crate::go::syntax::{call_arguments, line_indent, line_start, named_children, text};
use crate::index::facts::request_contexts::{is_request_context, request_accessor};
use crate::lint::finding::Finding;
use crate::lint::fix::{Applicability, Edit, Fix};
use crate::lint::rule::{Rule, RuleCx, RuleMeta};
use std::collections::HashSet;
use tree_sitter::Node;

/// How many calls deep a goroutine is followed, within its file, to see
/// whether it watches the context it is handed.
const WATCH_DEPTH: usize = 2;

/// The request-ctx-goroutine rule.
pub struct RequestCtxGoroutine;

/// The registered instance.
pub static RULE: RequestCtxGoroutine = RequestCtxGoroutine;

static META: RuleMeta = RuleMeta {
    code: "HTTP001",
    id: "request-ctx-goroutine",
    summary: "the request's context handed to a goroutine the handler does not wait for: detach it",
    finds: "the request's context (`r.Context()`, `c.Request.Context()`, or a local assigned \
        from one) handed to a goroutine the handler does not wait for: it is cancelled when \
        the handler returns",
    fixes: "`context.WithoutCancel` where it is handed over: the `go` argument wrapped, a \
        captured context declared detached before `go`; reported without a fix below Go 1.21 \
        (unsafe)",
    applicability: Applicability::Unsafe,
    kinds: &["go_statement"],
    needles: &["net/http", "gin-gonic/gin"],
    caller_needles: &[],
    nolint: &[],
};

/// The request's contexts a `go` statement hands its goroutine.
struct Handed<'t> {
    /// Arguments of the `go` call that are the request's context.
    arguments: Vec<Node<'t>>,
    /// Request contexts the function literal uses, by their text (a local's
    /// name, or `r.Context()`), each with its uses, in order.
    captured: Vec<(&'t str, Vec<Node<'t>>)>,
}

impl Rule for RequestCtxGoroutine {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn visit(&self, go: Node<'_>, cx: &RuleCx<'_>, out: &mut Vec<Finding>) {
        let Some(handed) = handed(cx, go) else {
            return;
        };
        let first = handed
            .arguments
            .first()
            .or_else(|| handed.captured.first().map(|(_, uses)| &uses[0]))
            .copied()
            .expect("something is handed");
        let mut finding = Finding::new(
            &META,
            first.byte_range(),
            format!(
                "the request's context `{}` is handed to a goroutine the handler does not wait for: it is cancelled when the handler returns",
                text(first, cx.src)
            ),
        );
        if !cx.go_at_least(1, 21) {
            finding.message.push_str(
                "; not fixed: context.WithoutCancel needs Go 1.21 and the module's go directive is older",
            );
        } else if let Some(fix) = detach(cx, go, &handed) {
            finding = finding.with_fix(fix);
        }
        out.push(finding);
    }
}

/// What `go` hands its goroutine of the request's context, if anything,
/// when the handler does not wait for it.
fn handed<'t>(cx: &FileCx<'t>, go: Node<'t>) -> Option<Handed<'t>> {
    let call = named_children(go)
        .into_iter()
        .find(|n| n.kind() == "call_expression")?;
    // Only a handler has a request's context to hand on: with no request
    // or gin context in scope (the literal's parameters included), every
    // other goroutine is spared the search.
    let literal_body = call
        .child_by_field_name("function")
        .filter(|f| f.kind() == "func_literal")
        .and_then(|f| f.child_by_field_name("body"));
    if !contexts_in_scope(cx, literal_body.unwrap_or(go))
        .iter()
        .any(|c| c.kind != ContextKind::Context)
    {
        return None;
    }
    // A goroutine that waits on the Done channel of the context it is
    // handed does so to stop with the request: it wants the cancellation,
    // and detaching it would leak it.
    let function = call.child_by_field_name("function")?;
    let arguments: Vec<Node<'t>> = call_arguments(call)
        .into_iter()
        .enumerate()
        .filter(|(_, a)| is_request_context(cx, *a))
        .filter(|(i, _)| {
            !declared_parameter(cx.root, function, *i, cx.src).is_some_and(|(body, param)| {
                watches_context(cx.root, body, &param, cx.src, WATCH_DEPTH)
            })
        })
        .map(|(_, a)| a)
        .collect();
    let mut captured: Vec<(&'t str, Vec<Node<'t>>)> = Vec::new();
    if let Some(literal) = call
        .child_by_field_name("function")
        .filter(|f| f.kind() == "func_literal")
    {
        let body = literal.child_by_field_name("body")?;
        let declared = declared_in(cx, literal);
        let mut decided: Vec<(&str, bool)> = Vec::new();
        crate::go::syntax::for_each_node(body, |n| {
            let handed = match n.kind() {
                // gin's own context is gin-goroutine's inside the literal.
                "call_expression" => request_accessor(cx, n) == Some(ContextKind::Request),
                "identifier" if !declared.contains(text(n, cx.src)) => {
                    let name = text(n, cx.src);
                    match decided.iter().find(|(d, _)| *d == name) {
                        Some((_, is)) => *is,
                        None => {
                            let is = is_request_context(cx, n);
                            decided.push((name, is));
                            is
                        }
                    }
                }
                _ => false,
            };
            if !handed {
                return;
            }
            let key = text(n, cx.src);
            match captured.iter_mut().find(|(k, _)| *k == key) {
                Some((_, uses)) => uses.push(n),
                None => captured.push((key, vec![n])),
            }
        });
    }
    if let Some(body) = literal_body {
        captured.retain(|(source, _)| !watches_context(cx.root, body, source, cx.src, WATCH_DEPTH));
    }
    if arguments.is_empty() && captured.is_empty() {
        return None;
    }
    let bound = crate::index::facts::gin_goroutines::joined(cx, go)
        || crate::index::facts::gin_goroutines::feeds_pipe(cx, go);
    (!bound).then_some(Handed {
        arguments,
        captured,
    })
}

/// Every name the function literal declares (parameters and locals): a
/// use of one inside it is not the outer variable.
fn declared_in<'t>(cx: &FileCx<'t>, literal: Node<'t>) -> HashSet<&'t str> {
    let mut names = HashSet::new();
    crate::go::syntax::for_each_node(literal, |n| {
        if n.kind() == "identifier" && crate::go::syntax::is_written(n) {
            names.insert(text(n, cx.src));
        }
    });
    names
}

/// The fix: wrap each argument in `context.WithoutCancel`, and declare each
/// captured context detached before `go`; `None` when no name is free.
fn detach(cx: &FileCx<'_>, go: Node<'_>, handed: &Handed<'_>) -> Option<Fix> {
    let context_pkg = cx.package_name_at("context", go)?;
    let mut edits: Vec<Edit> = handed
        .arguments
        .iter()
        .map(|a| {
            Edit::replace(
                a.byte_range(),
                format!("{context_pkg}.WithoutCancel({})", text(*a, cx.src)),
            )
        })
        .collect();
    let used = names_in_scope(cx, go);
    let mut chosen: Vec<String> = Vec::new();
    let indent = line_indent(cx.src, go.start_byte());
    let mut declarations = String::new();
    for (source, uses) in &handed.captured {
        let name = fresh_name_among(&["ctx", "bgCtx", "detachedCtx"], |n| {
            used.contains(n) || chosen.iter().any(|c| c == n)
        })?;
        declarations.push_str(&format!(
            "{indent}{name} := {context_pkg}.WithoutCancel({source})\n"
        ));
        edits.extend(
            uses.iter()
                .map(|u| Edit::replace(u.byte_range(), name.clone())),
        );
        chosen.push(name);
    }
    if !declarations.is_empty() {
        edits.push(Edit::insert(
            line_start(cx.src, go.start_byte()),
            declarations,
        ));
    }
    let title = if chosen.is_empty() {
        "detach it with `context.WithoutCancel`".to_string()
    } else {
        format!(
            "detach it with `context.WithoutCancel` as {}",
            chosen.join(", ")
        )
    };
    let scope = name_scope(cx, go).byte_range();
    let mut fix = Fix::new(Applicability::Unsafe, title, edits).with_import("context");
    for name in chosen {
        fix = fix.declaring(scope.clone(), name);
    }
    Some(fix)
}
