//! ## What it does
//! Finds a literal `nil` passed where the callee's parameter is a
//! `context.Context`, and passes a real context instead: the one in scope,
//! else `context.TODO()`.
//!
//! ## Why
//! `Context` is an interface, so `nil` compiles, but the first `ctx.Done()`
//! or `ctx.Value(k)` inside the callee panics with a nil dereference, far
//! from the caller that planted it. The standard library panics on it
//! (`context.WithCancel`, `(*sql.DB).QueryContext`) or refuses it with an
//! error (`http.NewRequestWithContext`); the message says which where the
//! callee is one of these. The
//! `context` documentation: "Do not pass a nil Context, even if a function
//! permits it. Pass context.TODO if you are unsure about which Context to
//! use."
//!
//! ## Example
//! ```go
//! err := ChargeCard(nil, 100)
//! ```
//! becomes
//! ```go
//! err := ChargeCard(context.TODO(), 100)
//! ```
//! or `ChargeCard(ctx, 100)` where a context is in scope (with the same
//! choice of context as `background-in-scope`, including
//! `context.WithoutCancel` inside a goroutine). A remaining `context.TODO()`
//! marks where `thread-ctx` should thread a context through.
//!
//! ## Fix safety
//! Safe: a nil Context breaks the callee's contract (`context`: "Do not
//! pass a nil Context, even if a function permits it"), so the fix moves
//! behaviour only where the code was wrong: the call no longer panics, and
//! the context passed is the one the code already has, or an empty one.
//! A callee that checks for nil and makes its own root now follows the
//! caller's context instead, which is what passing one means. Where the
//! context in scope may already be done (a Done arm, after
//! `<-ctx.Done()`, in a deferred call) it is passed detached
//! (`context.WithoutCancel(ctx)`), as nil never was cancelled.
//!
//! ## Limitations
//! A callee is known to take a context when the workspace declares it with
//! a `context.Context` parameter at that position, or when it is a
//! well-known library call: `context.With*`, `http.NewRequestWithContext`,
//! `exec.CommandContext`, `signal.NotifyContext`, `errgroup.WithContext`,
//! the `slog` `...Context` functions, and methods named `QueryContext`,
//! `ExecContext`, `QueryRowContext`, `PrepareContext`, `PingContext`,
//! `BeginTx` and `DialContext`. Functions resolve by package; methods by
//! the static type of the receiver where the file shows it (the receiver,
//! parameters, `var x T`, `x := T{}`/`&T{}`, a constructor's result,
//! struct fields, embedded types, `range` over a slice or map, package
//! variables). A method whose receiver type cannot be seen counts only
//! when every same-package method (and interface method) of that name and
//! arity takes a context there. Calls through function values and to other
//! external packages are not checked.

use crate::go::file_cx::FileCx;
use crate::go::known::known_context_parameter;
use crate::go::scope::context_use;
use crate::go::syntax::call_arguments;
use crate::go::typing::{callee_of, Callee};
use crate::index::workspace::Condition;
use crate::lint::finding::Finding;
use crate::lint::fix::{Applicability, Edit, Fix};
use crate::lint::rule::{Rule, RuleCx, RuleMeta};
use tree_sitter::Node;

/// The nil-ctx rule.
pub struct NilCtx;

/// The registered instance.
pub static RULE: NilCtx = NilCtx;

static META: RuleMeta = RuleMeta {
    code: "CTX009",
    id: "nil-ctx",
    summary: "`nil` passed as a `context.Context`: pass the context in scope or `context.TODO()`",
    finds: "`nil` passed as a `context.Context`",
    fixes: "the context in scope, else `context.TODO()` (safe)",
    applicability: Applicability::Safe,
    kinds: &["call_expression"],
    // Files calling a workspace function by name are found in a second
    // stage (`caller_needles`); these find the well-known library calls.
    needles: &["context", "Context(", "BeginTx("],
    caller_needles: &["nil"],
    nolint: &["staticcheck", "SA1012"],
};

impl Rule for NilCtx {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn visit(&self, call: Node<'_>, cx: &RuleCx<'_>, out: &mut Vec<Finding>) {
        let args = call_arguments(call);
        if !args.iter().any(|a| a.kind() == "nil") {
            return;
        }
        let Some(callee) = callee_of(cx, call) else {
            return;
        };
        for (index, arg) in args.iter().enumerate().filter(|(_, a)| a.kind() == "nil") {
            let name = cx.text(
                call.child_by_field_name("function")
                    .expect("calls have a function"),
            );
            let mut message = format!(
                "nil passed as the context.Context of `{name}`: {}",
                nil_outcome(&callee)
            );
            let fix = replacement(cx, *arg);
            if let Some(why) = fix
                .is_none()
                .then(|| cx.package_hidden_why("context", *arg))
                .flatten()
            {
                message.push_str(&format!(" (not fixed: {why})"));
            }
            let mut finding = Finding::new(&META, arg.byte_range(), message);
            if let Some(fix) = fix {
                finding = finding.with_fix(fix);
            }
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

/// What the callee does with a nil context, where it is known.
fn nil_outcome(callee: &Callee) -> &'static str {
    match callee {
        Callee::Function { package, name } if package == "context" && name.starts_with("With") => {
            "the context package panics on a nil parent (\"cannot create context from nil parent\")"
        }
        Callee::Function { package, name }
            if package == "net/http" && name == "NewRequestWithContext" =>
        {
            "http.NewRequestWithContext returns the error \"net/http: nil Context\" and no request"
        }
        _ => "the context package never allows a nil Context, and a callee that uses it without checking for nil panics",
    }
}

/// The context in scope, or `context.TODO()`.
fn replacement(cx: &FileCx<'_>, nil: Node<'_>) -> Option<Fix> {
    match context_use(cx, nil) {
        Some(usage) => Fix::using_context(&usage, cx, Applicability::Safe, nil.byte_range()),
        None => {
            let todo = format!("{}.TODO()", cx.package_name_at("context", nil)?);
            Some(
                Fix::new(
                    Applicability::Safe,
                    format!("pass `{todo}`"),
                    vec![Edit::replace(nil.byte_range(), todo)],
                )
                .with_import("context"),
            )
        }
    }
}
