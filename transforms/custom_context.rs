//! ## What it does
//! Reports a `Done`, `Err` or `Deadline` method declared on a struct type
//! that embeds `context.Context`: a custom context that overrides the
//! methods carrying cancellation instead of forwarding them. A method whose
//! body only returns the embedded context's (`return c.Context.Err()`) is
//! not reported. The message says what the override must guarantee.
//!
//! ## Why
//! The standard library's contexts keep `Done`, `Err` and the deadline
//! consistent under one lock: `Err` becomes non-nil exactly when `Done` is
//! closed, and never changes after. An override that keeps its own state
//! beside the embedded context (an `atomic.Bool`, a second channel) lets a
//! reader see one change without the other: `Done` not closed while `Err`
//! says cancelled, or a close missed between a check and a return. `-race`
//! finds it; production sees it as a flaky, once-in-a-million missed
//! cancellation. A `Deadline` that differs from when `Done` closes misleads
//! every `WithTimeout` derived from it, which trusts the parent's deadline.
//!
//! ## Example
//! ```go
//! type tracingCtx struct {
//!     context.Context
//!     cancelled atomic.Bool
//! }
//!
//! func (c *tracingCtx) Done() <-chan struct{} {
//!     if c.cancelled.Load() {
//!         return closedchan
//!     }
//!     return c.Context.Done()
//! }
//! ```
//! is reported: `` `tracingCtx` embeds context.Context and overrides Done:
//! … ``. Forward to the embedded context instead, and derive with
//! `context.WithCancel` (or `WithCancelCause`) to add a way to cancel, so
//! the standard library owns the close.
//!
//! ## Fix safety
//! Display-only: replacing a custom context is a design change.
//!
//! ## Limitations
//! The type and the method must be declared in the same file. A type that
//! implements `context.Context` without embedding it (every method its
//! own) is not reported, nor is a type embedding another custom context.

use crate::go::file_cx::FileCx;
use crate::go::known::qualified_type_is;
use crate::go::syntax::{for_each_node, named_children};
use crate::lint::finding::Finding;
use crate::lint::fix::Applicability;
use crate::lint::rule::{Rule, RuleCx, RuleMeta};
use tree_sitter::Node;

/// The custom-context rule.
pub struct CustomContext;

/// The registered instance.
pub static RULE: CustomContext = CustomContext;

static META: RuleMeta = RuleMeta {
    code: "CTX013",
    id: "custom-context",
    summary: "a type embedding `context.Context` that overrides `Done`/`Err`/`Deadline`: forward, or derive with `WithCancel`",
    finds: "a struct embedding `context.Context` that declares its own `Done`, `Err` or \
        `Deadline`",
    fixes: "report what the override must guarantee (display-only)",
    applicability: Applicability::DisplayOnly,
    kinds: &["method_declaration"],
    needles: &["context"],
    caller_needles: &[],
    nolint: &[],
};

impl Rule for CustomContext {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn visit(&self, node: Node<'_>, cx: &RuleCx<'_>, out: &mut Vec<Finding>) {
        let Some(name) = node.child_by_field_name("name") else {
            return;
        };
        let what = match cx.text(name) {
            "Done" => "Done must be closed exactly when Err becomes non-nil, under the same lock: check that no reader can see one change without the other (run the tests with -race)",
            "Err" => "Err must turn non-nil exactly when Done is closed and never change after: check that it reads the same state Done does, under the same lock",
            "Deadline" => "Deadline must report when Done will close: check that it is never later than the embedded context's deadline, which WithTimeout and WithDeadline derived from it trust",
            _ => return,
        };
        let Some(receiver) = receiver_type(cx, node) else {
            return;
        };
        let method = cx.text(name);
        if !embeds_context(cx, receiver) || forwards(cx, node, method) {
            return;
        }
        out.push(Finding::new(
            &META,
            name.byte_range(),
            format!(
                "`{receiver}` embeds context.Context and overrides {method}: {what}; or forward to the embedded context, and add cancellation with context.WithCancel"
            ),
        ));
    }
}

/// True when the method's body only returns what the embedded context's
/// method of the same name returns (`return c.Context.Err()`).
fn forwards(cx: &FileCx<'_>, method: Node<'_>, name: &str) -> bool {
    let receiver = method
        .child_by_field_name("receiver")
        .and_then(|r| named_children(r).into_iter().next())
        .and_then(|p| p.child_by_field_name("name"));
    let statements: Vec<Node<'_>> = method
        .child_by_field_name("body")
        .and_then(|b| {
            named_children(b)
                .into_iter()
                .find(|c| c.kind() == "statement_list")
        })
        .map(named_children)
        .unwrap_or_default();
    match (receiver, &statements[..]) {
        (Some(receiver), [only]) if only.kind() == "return_statement" => {
            let forwarded = format!("{}.Context.{name}()", cx.text(receiver));
            cx.text(*only)
                .strip_prefix("return")
                .is_some_and(|value| value.trim() == forwarded)
        }
        _ => false,
    }
}

/// The name of a method's receiver type, without `*` or type parameters.
fn receiver_type<'s>(cx: &FileCx<'s>, method: Node<'_>) -> Option<&'s str> {
    let receiver = method.child_by_field_name("receiver")?;
    let param = named_children(receiver).into_iter().next()?;
    let mut ty = param.child_by_field_name("type")?;
    loop {
        ty = match ty.kind() {
            "pointer_type" | "parenthesized_type" => named_children(ty).into_iter().next()?,
            "generic_type" => ty.child_by_field_name("type")?,
            "type_identifier" => return Some(crate::go::syntax::text(ty, cx.src)),
            _ => return None,
        };
    }
}

/// True when the file declares `name` as a struct type with an embedded
/// `context.Context`.
fn embeds_context(cx: &FileCx<'_>, name: &str) -> bool {
    let context_pkg = cx.package_name("context");
    let mut found = false;
    for_each_node(cx.root, |spec| {
        if found
            || spec.kind() != "type_spec"
            || spec
                .child_by_field_name("name")
                .is_none_or(|n| cx.text(n) != name)
        {
            return;
        }
        let Some(body) = spec
            .child_by_field_name("type")
            .filter(|t| t.kind() == "struct_type")
        else {
            return;
        };
        for_each_node(body, |field| {
            found |= field.kind() == "field_declaration"
                && field.child_by_field_name("name").is_none()
                && field
                    .child_by_field_name("type")
                    .is_some_and(|t| qualified_type_is(t, cx.src, context_pkg, "Context"));
        });
    });
    found
}
