//! ## What it does
//! Finds a context made by `context.WithoutCancel` that a goroutine passes
//! to a call (the "I/O": any call that takes it as an argument, other than
//! the `context` package's own functions) while nothing in the goroutine
//! gives it a deadline of its own. The fix bounds it at the top of the
//! goroutine with `context.WithTimeout` and `defer cancel()`.
//!
//! ## Why
//! `WithoutCancel` keeps the parent's values and drops its cancellation
//! entirely: the context's `Done()` is `nil`, it never times out. That is
//! right for work that must outlive the request (an audit write, a
//! notification), but a call on it that hangs (a slow sink, a dead peer)
//! holds the goroutine forever, and every request leaks one more. Detaching
//! and then re-bounding is the complete pattern.
//!
//! ## Example
//! ```go
//! bgCtx := context.WithoutCancel(ctx)
//! go func() {
//!     if err := auditSink.Write(bgCtx, event); err != nil {
//!         log.Printf("audit: %v", err)
//!     }
//! }()
//! ```
//! becomes
//! ```go
//! bgCtx := context.WithoutCancel(ctx)
//! go func() {
//!     bgCtx, cancel := context.WithTimeout(bgCtx, 30*time.Second)
//!     defer cancel()
//!     if err := auditSink.Write(bgCtx, event); err != nil {
//!         log.Printf("audit: %v", err)
//!     }
//! }()
//! ```
//! The timeout is `--detach-timeout` (Go syntax: `30s`, `2m`, `1h30m`),
//! else `timeout` in the `[unbounded-detach]` table of `ctxmod.toml`, else
//! 30 seconds; `time` is imported when needed.
//!
//! ## Fix safety
//! Unsafe: a timeout is a cancellation the code did not have, and its
//! value is a choice ctxmod cannot make for the code (an export that takes
//! two minutes is cut short by a 30-second bound). The fix is applied only
//! with `fix --unsafe`; without it the finding is reported, with the fix
//! it would make. A configured timeout changes the value the fix writes,
//! not whether it is applied: a setting in a file shared by every run is
//! not consent to add cancellations to code, and `--unsafe` means the
//! same for every rule. The fix declares the bound under the detached
//! context's own name, so the rest of the goroutine uses it unchanged, and
//! picks a free name for the cancel function.
//!
//! Contexts that `background-in-scope`, `thread-ctx` and `gin-goroutine`
//! detach for a goroutine are found too once those fixes are made (the
//! goroutine had no deadline before either, and now it is visible): with
//! `--unsafe` the same run bounds them.
//!
//! ## Limitations
//! Only goroutines started with a function literal that takes no
//! parameters are looked at (`go func() { ... }()`); in `go f(bgCtx)` the
//! bound belongs inside `f`, which other callers may share. The detached
//! context must be a variable declared (`:=` or `var`) from
//! `context.WithoutCancel(...)` before its use; one written inline as a
//! call's argument, or derived again (`context.WithValue(bgCtx, ...)`),
//! is not followed. A goroutine that derives any
//! `WithTimeout`/`WithDeadline` from the context is taken as bounded,
//! wherever it does so. A goroutine whose body is on one line with more
//! than one statement, or that declares the detached context itself on
//! such a line, is reported without a fix.

use crate::go::duration::GoDuration;
use crate::go::file_cx::FileCx;
use crate::go::parents::Up;
use crate::go::syntax::{
    call_arguments, for_each_node, line_indent, named_children, next_line_start, selector_call,
};
use crate::lint::finding::Finding;
use crate::lint::fix::{Applicability, Edit, Fix};
use crate::lint::options::{OptionsTable, RuleOptions};
use crate::lint::rule::{Rule, RuleCx, RuleMeta};
use tree_sitter::Node;

/// The unbounded-detach rule.
pub struct UnboundedDetach;

/// The registered instance.
pub static RULE: UnboundedDetach = UnboundedDetach;

static META: RuleMeta = RuleMeta {
    code: "CTX011",
    id: "unbounded-detach",
    summary: "a `context.WithoutCancel` context used for I/O in a goroutine with no deadline: bound it with `context.WithTimeout`",
    finds: "a `context.WithoutCancel` context a goroutine (`go func() { ... }()`) passes to \
        a call while nothing gives it a deadline: it is never cancelled",
    fixes: "`ctx, cancel := context.WithTimeout(ctx, D)` and `defer cancel()` at the top of \
        the goroutine, `D` from `--detach-timeout` or `[unbounded-detach] timeout`, else 30s \
        (unsafe: a new cancellation)",
    applicability: Applicability::Unsafe,
    kinds: &["go_statement"],
    needles: &["WithoutCancel"],
    caller_needles: &[],
    nolint: &[],
};

/// The timeout used when none is configured.
const DEFAULT_TIMEOUT: GoDuration = GoDuration::seconds(30);

/// unbounded-detach's options: `[unbounded-detach]` in ctxmod.toml, and a
/// flag of `fix` and `apply`.
#[derive(Debug, Clone, Default, serde::Deserialize, clap::Args)]
#[serde(deny_unknown_fields)]
pub struct UnboundedDetachOptions {
    /// The timeout unbounded-detach gives a goroutine that uses a
    /// `context.WithoutCancel` context (Go syntax: 30s, 2m, 1h30m; default
    /// 30s). Overrides `[unbounded-detach] timeout` in ctxmod.toml.
    #[arg(long = "detach-timeout", value_name = "DURATION")]
    pub timeout: Option<GoDuration>,
}

impl RuleOptions for UnboundedDetachOptions {
    const TABLE: &'static str = "unbounded-detach";

    fn merge(self, file: UnboundedDetachOptions) -> UnboundedDetachOptions {
        UnboundedDetachOptions {
            timeout: self.timeout.or(file.timeout),
        }
    }
}

/// The constructors that give a context a deadline.
const DEADLINES: &[&str] = &[
    "WithTimeout",
    "WithDeadline",
    "WithTimeoutCause",
    "WithDeadlineCause",
];

impl Rule for UnboundedDetach {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn options(&self) -> Option<&'static dyn OptionsTable> {
        Some(crate::lint::options::table::<UnboundedDetachOptions>())
    }

    fn visit(&self, node: Node<'_>, cx: &RuleCx<'_>, out: &mut Vec<Finding>) {
        let Some(call) = named_children(node)
            .into_iter()
            .find(|c| c.kind() == "call_expression")
        else {
            return;
        };
        let Some(literal) = call
            .child_by_field_name("function")
            .filter(|f| f.kind() == "func_literal")
        else {
            return;
        };
        let takes_parameters = literal
            .child_by_field_name("parameters")
            .is_some_and(|p| !named_children(p).is_empty());
        let Some(body) = literal.child_by_field_name("body") else {
            return;
        };
        if takes_parameters {
            return;
        }
        for use_ in unbounded_uses(cx, node, body) {
            let name = cx.text(use_);
            let message = format!(
                "`{name}` is detached with context.WithoutCancel and passed to a call in a goroutine that gives it no deadline: nothing ever cancels it, so a call that hangs holds the goroutine forever"
            );
            let finding = Finding::new(&META, use_.byte_range(), message);
            match bound(cx, node, body, use_) {
                Some(fix) => out.push(finding.with_fix(fix)),
                None => out.push(finding),
            }
        }
    }
}

/// The first use, for each detached context, of a context the goroutine
/// `go_statement` (whose function literal has `body`) passes to a call
/// without bounding it.
fn unbounded_uses<'t>(cx: &FileCx<'t>, go_statement: Node<'t>, body: Node<'t>) -> Vec<Node<'t>> {
    let context_pkg = cx.package_name_or_default("context");
    let mut uses: Vec<Node<'t>> = Vec::new();
    for_each_node(body, |n| {
        if n.kind() != "identifier" {
            return;
        }
        let Some(call) = n
            .up()
            .filter(|p| p.kind() == "argument_list")
            .and_then(|p| p.up())
            .filter(|c| c.kind() == "call_expression")
        else {
            return;
        };
        let name = cx.text(n);
        let is_context_call =
            selector_call(call, cx.src).is_some_and(|(pkg, _)| pkg == context_pkg);
        if is_context_call
            || uses.iter().any(|u| cx.text(*u) == name)
            || crate::go::scope::goroutine_of(n).map(|g| g.id()) != Some(go_statement.id())
            || !crate::go::scope::is_detached(cx, n, name)
            || derives_deadline(cx, body, name)
        {
            return;
        }
        uses.push(n);
    });
    uses
}

/// True when `body` derives a context with a deadline from `name`.
fn derives_deadline(cx: &FileCx<'_>, body: Node<'_>, name: &str) -> bool {
    let mut found = false;
    for_each_node(body, |n| {
        found = found
            || (n.kind() == "call_expression"
                && cx.is_call_to(n, "context", DEADLINES)
                && call_arguments(n)
                    .first()
                    .is_some_and(|a| cx.text(*a) == name));
    });
    found
}

/// The fix that bounds the detached context `use_` names at the top of the
/// goroutine's `body` (or right after the goroutine declares it), or
/// `None` when the body's layout does not allow it.
fn bound(cx: &RuleCx<'_>, go_statement: Node<'_>, body: Node<'_>, use_: Node<'_>) -> Option<Fix> {
    let name = cx.text(use_);
    let cancel = crate::go::scope::fresh_name(cx, go_statement, &["cancel", "cancelCtx"])?;
    let configured = cx.settings.options::<UnboundedDetachOptions>().timeout;
    let timeout = configured.unwrap_or(DEFAULT_TIMEOUT);
    let duration = timeout.go_expr(cx.package_name_at("time", use_)?);
    let context_pkg = cx.package_name_at("context", use_)?;
    let declaration = format!("{name}, {cancel} := {context_pkg}.WithTimeout({name}, {duration})");
    let defer = format!("defer {cancel}()");
    let statements = named_children(body)
        .into_iter()
        .find(|c| c.kind() == "statement_list")
        .map(named_children)
        .unwrap_or_default();
    let declared_here = statements
        .iter()
        .find(|s| s.end_byte() <= use_.start_byte() && declares(cx, **s, name));
    let open = body.start_byte();
    let multiline = cx.src[open + 1..next_line_start(cx.src, open)]
        .trim()
        .is_empty();
    let edit = match (declared_here, multiline) {
        (Some(stmt), true) => {
            let indent = line_indent(cx.src, stmt.start_byte());
            Edit::insert(
                next_line_start(cx.src, stmt.end_byte()),
                format!("{indent}{declaration}\n{indent}{defer}\n"),
            )
        }
        (None, true) => {
            let indent = format!("{}\t", line_indent(cx.src, go_statement.start_byte()));
            Edit::insert(
                next_line_start(cx.src, open),
                format!("{indent}{declaration}\n{indent}{defer}\n"),
            )
        }
        (None, false) if statements.len() == 1 => {
            let outer = line_indent(cx.src, go_statement.start_byte());
            let inner = cx.text(statements[0]);
            Edit::replace(
                body.byte_range(),
                format!(
                    "{{\n{outer}\t{declaration}\n{outer}\t{defer}\n{outer}\t{inner}\n{outer}}}"
                ),
            )
        }
        _ => return None,
    };
    let configured = if configured.is_some() {
        ""
    } else {
        " (the default; set --detach-timeout or [unbounded-detach] timeout)"
    };
    Some(
        Fix::new(
            Applicability::Unsafe,
            format!("bound it in the goroutine: `{declaration}` and `{defer}`{configured}"),
            vec![edit],
        )
        .with_import("time")
        .declaring(
            crate::go::scope::name_scope(cx, go_statement).byte_range(),
            cancel,
        ),
    )
}

/// True when the statement `stmt` declares `name` (`:=` or `var`).
fn declares(cx: &FileCx<'_>, stmt: Node<'_>, name: &str) -> bool {
    let names: Vec<Node<'_>> = match stmt.kind() {
        "short_var_declaration" => stmt
            .child_by_field_name("left")
            .map(named_children)
            .unwrap_or_default(),
        "var_declaration" => {
            let mut names = Vec::new();
            for_each_node(stmt, |n| {
                if n.kind() == "var_spec" {
                    let mut cursor = n.walk();
                    names.extend(n.children_by_field_name("name", &mut cursor));
                }
            });
            names
        }
        _ => Vec::new(),
    };
    names.iter().any(|n| cx.text(*n) == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_come_from_the_unbounded_detach_table() {
        let timeout = |text: &str| {
            let set = crate::transforms::configured(text).unwrap();
            set.get::<UnboundedDetachOptions>().and_then(|o| o.timeout)
        };
        assert_eq!(timeout(""), None);
        let two = timeout("[unbounded-detach]\ntimeout = \"2m\"\n").unwrap();
        assert_eq!(two.go_expr("time"), "2*time.Minute");
        let err = |text: &str| crate::transforms::configured(text).unwrap_err().to_string();
        assert_eq!(
            err("[unbounded-detach]\ntimeout = \"soon\"\n"),
            "ctxmod.toml:2:11: unbounded-detach.timeout: invalid duration `soon` (expected e.g. 30s, 2m, 1h30m)"
        );
        assert_eq!(
            err("[unbounded-detach]\ntimeout = \"0s\"\n"),
            "ctxmod.toml:2:11: unbounded-detach.timeout: the duration `0s` must be positive"
        );
    }
}
