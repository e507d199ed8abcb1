//! ## What it does
//! Finds the cancel function of `context.WithCancel`, `WithTimeout`,
//! `WithDeadline` (and their `Cause` variants) thrown away with `_`.
//!
//! ## Why
//! The derived context stays registered with its parent until it is
//! cancelled: discarding `cancel` leaks it (and its timer) for as long as the
//! parent lives, forever under `context.Background()`. `go vet`'s
//! `lostcancel` reports this; ctxmod also fixes it.
//!
//! ## Example
//! ```go
//! ctx, _ := context.WithCancel(parent)
//! return store.Get(ctx, id)
//! ```
//! becomes
//! ```go
//! ctx, cancel := context.WithCancel(parent)
//! defer cancel()
//! return store.Get(ctx, id)
//! ```
//!
//! ## Fix safety
//! Safe. `cancel` is idempotent and deferring it only releases the context
//! when the function returns. Unsafe when the context is passed to a
//! function named like one that starts work which may outlive the call
//! (`New…`, `Start…`, `Run…`, `Serve…`, `Listen…`, `Watch…`, `Go…`): that
//! work would now be cancelled when the function returns. The fix is made only when the context does not
//! escape the function: when it is returned, stored in a struct, slice, map,
//! field or global, sent on a channel, or captured by a goroutine or a
//! closure, cancelling it on return would cut short its later users, so the
//! finding is reported without a fix. The name is `cancel` unless the
//! function already uses it.
//!
//! ## Limitations
//! Only the `_` form is found; a cancel function that is named but never
//! called on some path is `go vet`'s job. A plain assignment
//! (`ctx, _ = context.WithTimeout(...)`) and a declaration in an `if` or
//! `for` header are reported without a fix.

use crate::go::file_cx::FileCx;
use crate::go::parents::Up;
use crate::go::syntax::text;
use crate::go::syntax::{ancestor, named_children, next_line_start};
use crate::lint::finding::Finding;
use crate::lint::fix::{Applicability, Edit, Fix};
use crate::lint::rule::{Rule, RuleCx, RuleMeta};
use tree_sitter::Node;

/// The lost-cancel rule.
pub struct LostCancel;

/// The registered instance.
pub static RULE: LostCancel = LostCancel;

static META: RuleMeta = RuleMeta {
    code: "CTX005",
    id: "lost-cancel",
    summary: "a cancel func discarded with `_`: name it and `defer cancel()`",
    finds: "a cancel function discarded with `_`",
    fixes: "name it and `defer cancel()`, unless the context escapes (safe)",
    applicability: Applicability::Safe,
    kinds: &["short_var_declaration", "var_spec", "assignment_statement"],
    needles: &["context"],
    caller_needles: &[],
    nolint: &["govet", "lostcancel"],
};

impl Rule for LostCancel {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn visit(&self, node: Node<'_>, cx: &RuleCx<'_>, out: &mut Vec<Finding>) {
        let (names, values): (Vec<Node<'_>>, Vec<Node<'_>>) = match node.kind() {
            "var_spec" => {
                let mut cursor = node.walk();
                let names = node.children_by_field_name("name", &mut cursor).collect();
                let values = node
                    .child_by_field_name("value")
                    .map(named_children)
                    .unwrap_or_default();
                (names, values)
            }
            _ => (
                node.child_by_field_name("left")
                    .map(named_children)
                    .unwrap_or_default(),
                node.child_by_field_name("right")
                    .map(named_children)
                    .unwrap_or_default(),
            ),
        };
        let [ctx_name, discarded] = names[..] else {
            return;
        };
        let [call] = values[..] else { return };
        if cx.text(discarded) != "_"
            || !cx.is_call_to(call, "context", crate::go::known::CANCELLABLE)
        {
            return;
        }
        let (_, func) = crate::go::syntax::selector_call(call, cx.src).expect("checked above");
        let message = format!("the cancel function returned by context.{func} is discarded: the context leaks until its parent is cancelled");
        let finding = Finding::new(&META, discarded.byte_range(), message);
        let statement = if node.kind() == "var_spec" {
            ancestor(node, &["var_declaration"]).unwrap_or(node)
        } else {
            node
        };
        let plain_assignment = node.kind() == "assignment_statement";
        let in_block = statement.up().is_some_and(|p| p.kind() == "statement_list");
        let ctx = cx.text(ctx_name);
        if plain_assignment || !in_block || ctx == "_" {
            out.push(finding);
            return;
        }
        if let Some(how) = crate::go::escape::escapes_after(cx, statement, ctx) {
            out.push(Finding {
                message: format!(
                    "{} (not fixed: the context escapes the function, {})",
                    finding.message,
                    how.describe()
                ),
                ..finding
            });
            return;
        }
        let Some(name) = crate::go::scope::fresh_name(cx, node, &["cancel", "cancelCtx"]) else {
            out.push(finding);
            return;
        };
        let args = if func == "WithCancelCause" { "nil" } else { "" };
        let indent = crate::go::syntax::line_indent(cx.src, statement.start_byte());
        // Handed to something that may start work with it, the context may
        // be in use after the function returns: cancelling it then stops
        // that work.
        let (applicability, why) = match starter_given(cx, statement, ctx) {
            Some(starter) => (
                Applicability::Unsafe,
                format!(" (`{starter}` may keep using the context after this function returns)"),
            ),
            None => (Applicability::Safe, String::new()),
        };
        let fix = Fix::new(
            applicability,
            format!("name it `{name}` and `defer {name}({args})` on the next line{why}"),
            vec![
                Edit::replace(discarded.byte_range(), name.clone()),
                Edit::insert(
                    next_line_start(cx.src, statement.end_byte()),
                    format!("{indent}defer {name}({args})\n"),
                ),
            ],
        )
        .declaring(crate::go::scope::name_scope(cx, node).byte_range(), name);
        out.push(finding.with_fix(fix));
    }
}

/// The words that start the name of a function that may start work which
/// outlives the call: a constructor, or a `Start`/`Run`/`Serve`/`Watch`.
const STARTERS: &[&str] = &[
    "New", "Start", "Run", "Serve", "Listen", "Watch", "Spawn", "Launch", "Go",
];

/// The function after `statement` that `ctx` is passed to and whose name
/// says it may start work that outlives the call (`NewClient`,
/// `StartWatcher`, `informer.Run`), if any.
fn starter_given(cx: &FileCx<'_>, statement: Node<'_>, ctx: &str) -> Option<String> {
    let function = crate::go::syntax::enclosing_function(statement)?;
    let after = statement.end_byte()..function.end_byte();
    let words = crate::go::syntax::word_offsets_of(cx.src, after, &[ctx]);
    let mut found = None;
    crate::go::syntax::for_each_node_around(function, &words, |n| {
        if found.is_some() || n.kind() != "identifier" || text(n, cx.src) != ctx {
            return;
        }
        let Some(call) = n
            .up()
            .filter(|p| p.kind() == "argument_list")
            .and_then(|p| p.up())
        else {
            return;
        };
        let name = call
            .child_by_field_name("function")
            .and_then(|f| match f.kind() {
                "selector_expression" => f.child_by_field_name("field"),
                "identifier" => Some(f),
                _ => None,
            });
        let Some(name) = name.map(|n| text(n, cx.src)) else {
            return;
        };
        if crate::go::syntax::starts_with_word(name, STARTERS) {
            found = Some(name.to_string());
        }
    });
    found
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::testing::{check_fix, findings};

    #[test]
    fn a_discarded_cancel_is_named_and_deferred() {
        check_fix(
            &RULE,
            "package m\n\nimport (\n\t\"context\"\n\t\"time\"\n)\n\nfunc load(parent context.Context) error {\n\tctx, _ := context.WithTimeout(parent, time.Second)\n\treturn use(ctx)\n}\n\nfunc use(ctx context.Context) error { return ctx.Err() }\n",
            "package m\n\nimport (\n\t\"context\"\n\t\"time\"\n)\n\nfunc load(parent context.Context) error {\n\tctx, cancel := context.WithTimeout(parent, time.Second)\n\tdefer cancel()\n\treturn use(ctx)\n}\n\nfunc use(ctx context.Context) error { return ctx.Err() }\n",
        );
    }

    #[test]
    fn a_called_cancel_is_no_finding() {
        let src = "package m\n\nimport \"context\"\n\nfunc load(parent context.Context) {\n\tctx, cancel := context.WithCancel(parent)\n\tdefer cancel()\n\t_ = ctx\n}\n";
        assert_eq!(findings(&RULE, src), Vec::<String>::new());
    }
}
