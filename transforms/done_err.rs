//! ## What it does
//! Finds a new error returned once a context is done, in a
//! `case <-ctx.Done():` arm or after a `<-ctx.Done()` statement, made by
//! `errors.New("...")` or by `fmt.Errorf` without `%w`, and wraps
//! `ctx.Err()` into it. A `fmt.Errorf` that already wraps `ctx.Err()` or
//! `context.Cause(ctx)` with `%w` is fine.
//!
//! ## Why
//! A fresh error with a fixed message hides why the context ended, and
//! callers decide on that: a retry layer retries a deadline that passed,
//! never a caller that gave up. Only `ctx.Err()` says which
//! (`context.DeadlineExceeded` or `context.Canceled`); with the fresh
//! error, `errors.Is(err, context.DeadlineExceeded)` is false either way.
//!
//! ## Example
//! ```go
//! case <-ctx.Done():
//!     return errors.New("job aborted")
//! ```
//! becomes
//! ```go
//! case <-ctx.Done():
//!     return fmt.Errorf("job aborted: %w", ctx.Err())
//! ```
//! and `fmt.Errorf("step %d aborted", n)` becomes
//! `fmt.Errorf("step %d aborted: %w", n, ctx.Err())`. The message is kept
//! (a `%` of an `errors.New` message is doubled, a raw string stays raw),
//! the error may be any of the returned values (`return nil, errors.New(...)`),
//! and `ctx` stands for whatever `.Done()` was received from, written the
//! same way. `fmt` is imported when needed, and `errors` is removed when
//! nothing else uses it.
//!
//! ## Fix safety
//! Safe. The error's message gains `: context canceled` or
//! `: context deadline exceeded`, and `errors.Is`/`errors.As` now see the
//! context's error; nothing else changes. A `fmt.Errorf` that already wraps
//! another error with `%w`, that formats `ctx.Err()` with another verb, or
//! whose format is not a string literal is reported without a fix, as is
//! `errors.New` of anything but a string literal.
//!
//! ## Limitations
//! Only errors built by `errors.New` and `fmt.Errorf` in the `return`
//! statement itself are found: a sentinel (`return ErrAborted`) or an error
//! built earlier in a variable is not. The search for the Done wait stops at
//! the nearest `select` arm and at function literals, and a Done channel
//! stored in a variable (`done := ctx.Done()`) is not followed.

use crate::go::done::done_before;
use crate::go::file_cx::FileCx;
use crate::go::syntax::{call_arguments, for_each_node, named_children};
use crate::lint::finding::Finding;
use crate::lint::fix::{Applicability, Edit, Fix};
use crate::lint::rule::{Rule, RuleCx, RuleMeta};
use tree_sitter::Node;

/// The done-err rule.
pub struct DoneErr;

/// The registered instance.
pub static RULE: DoneErr = DoneErr;

static META: RuleMeta = RuleMeta {
    code: "CTX007",
    id: "done-err",
    summary: "an error returned once ctx is done that drops `ctx.Err()`: wrap it with `%w`",
    finds: "a Done arm returning an error that drops `ctx.Err()`",
    fixes: "`fmt.Errorf(\"<message>: %w\", ctx.Err())` (safe)",
    applicability: Applicability::Safe,
    kinds: &["return_statement"],
    needles: &["Done()"],
    caller_needles: &[],
    nolint: &[],
};

impl Rule for DoneErr {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn visit(&self, node: Node<'_>, cx: &RuleCx<'_>, out: &mut Vec<Finding>) {
        let values = named_children(node)
            .first()
            .map(|list| named_children(*list))
            .unwrap_or_default();
        let made: Vec<(Node<'_>, Constructor)> = values
            .into_iter()
            .filter_map(|v| Constructor::of(cx, v).map(|c| (v, c)))
            .collect();
        if made.is_empty() {
            return;
        }
        let Some(operand) = done_before(node, cx.src) else {
            return;
        };
        let ctx = cx.text(operand);
        let err = format!("{ctx}.Err()");
        // The expressions that give the context's error.
        let wrapped = [
            err.clone(),
            format!("{}.Cause({ctx})", cx.package_name_or_default("context")),
        ];
        for (call, constructor) in made {
            let args = call_arguments(call);
            let mentions_err = args.iter().any(|a| mentions(cx, *a, &wrapped));
            let format = args
                .first()
                .filter(|f| {
                    matches!(
                        f.kind(),
                        "interpreted_string_literal" | "raw_string_literal"
                    )
                })
                .map(|f| cx.text(*f));
            let has_wrap = constructor == Constructor::Errorf && format.is_some_and(has_wrap_verb);
            if has_wrap && mentions_err {
                continue;
            }
            let finding = Finding::new(
                &META,
                call.byte_range(),
                format!("the error returned once {ctx} is done drops `{err}`: callers cannot tell cancellation from a deadline"),
            );
            let checked = match format {
                None if constructor == Constructor::Errorf => {
                    Err("the format is not a string literal")
                }
                None => Err("the message is not a string literal"),
                Some(_) if has_wrap => Err("it already wraps another error with `%w`"),
                Some(_) if mentions_err => {
                    Err("it formats the context's error with another verb than `%w`")
                }
                Some(format) => Ok(format),
            };
            let fix = checked.and_then(|format| {
                wrap_fix(cx, call, constructor, format, &err)
                    .ok_or("`fmt` names something else here")
            });
            match fix {
                Ok(fix) => out.push(finding.with_fix(fix)),
                Err(why) => out.push(Finding {
                    message: format!("{} (not fixed: {why})", finding.message),
                    ..finding
                }),
            }
        }
    }
}

/// How a returned error is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Constructor {
    /// `errors.New(msg)`.
    New,
    /// `fmt.Errorf(format, args...)`.
    Errorf,
}

impl Constructor {
    /// How `value` makes its error, when it is a call this rule rewrites.
    fn of(cx: &FileCx<'_>, value: Node<'_>) -> Option<Constructor> {
        if cx.is_call_to(value, "errors", &["New"]) {
            Some(Constructor::New)
        } else if cx.is_call_to(value, "fmt", &["Errorf"]) {
            Some(Constructor::Errorf)
        } else {
            None
        }
    }
}

/// The edits that turn `call` into `fmt.Errorf("<message>: %w", ..., err)`:
/// the function name (for `errors.New`), the format literal, and the new
/// last argument. Everything else, comments and line breaks included, stays.
/// `None` when `fmt` cannot be named at the call.
fn wrap_fix(
    cx: &FileCx<'_>,
    call: Node<'_>,
    constructor: Constructor,
    format: &str,
    err: &str,
) -> Option<Fix> {
    let args = call_arguments(call);
    let literal = args[0];
    let last = args[args.len() - 1];
    let (quote, body) = (&format[..1], &format[1..format.len() - 1]);
    let body = match constructor {
        Constructor::New => body.replace('%', "%%"),
        Constructor::Errorf => body.to_string(),
    };
    let mut edits = vec![
        Edit::replace(literal.byte_range(), format!("{quote}{body}: %w{quote}")),
        new_last_argument(cx, call, last, err),
    ];
    let mut fix_title = format!("wrap `{err}` with `%w`");
    if constructor == Constructor::New {
        let function = call
            .child_by_field_name("function")
            .expect("a call has a function");
        let errorf = format!("{}.Errorf", cx.package_name_at("fmt", call)?);
        fix_title = format!("use `{errorf}` and {fix_title}");
        edits.push(Edit::replace(function.byte_range(), errorf));
    }
    let fix = Fix::new(Applicability::Safe, fix_title, edits).with_import("fmt");
    Some(match constructor {
        Constructor::New => fix.dropping_import("errors"),
        Constructor::Errorf => fix,
    })
}

/// The edit that appends `err` to the arguments of `call`: after `last`
/// on the same line, or on a line of its own when the arguments are one a
/// line (the closing parenthesis below the last one).
fn new_last_argument(cx: &FileCx<'_>, call: Node<'_>, last: Node<'_>, err: &str) -> Edit {
    let close = call.end_byte();
    if cx.src[last.end_byte()..close].contains('\n') {
        let indent = crate::go::syntax::line_indent(cx.src, last.start_byte());
        Edit::insert(
            crate::go::syntax::next_line_start(cx.src, last.end_byte()),
            format!("{indent}{err},\n"),
        )
    } else {
        Edit::insert(last.end_byte(), format!(", {err}"))
    }
}

/// True when a call written as one of `calls` appears under `root`.
fn mentions(cx: &FileCx<'_>, root: Node<'_>, calls: &[String]) -> bool {
    let mut found = false;
    for_each_node(root, |n| {
        found |= n.kind() == "call_expression" && calls.iter().any(|c| c == cx.text(n));
    });
    found
}

/// True when a format string literal has a `%w` verb (with any flags,
/// width, precision or argument index between `%` and `w`).
fn has_wrap_verb(format: &str) -> bool {
    let mut chars = format.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            continue;
        }
        let verb = chars
            .by_ref()
            .find(|c| !matches!(c, '+' | '-' | '#' | ' ' | '0'..='9' | '.' | '*' | '[' | ']'));
        if verb == Some('w') {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::{has_wrap_verb, RULE};
    use crate::lint::testing::check_fix;

    #[test]
    fn a_done_arm_error_wraps_ctx_err() {
        check_fix(
            &RULE,
            "package m\n\nimport (\n\t\"context\"\n\t\"errors\"\n)\n\nfunc wait(ctx context.Context, done chan struct{}) error {\n\tselect {\n\tcase <-ctx.Done():\n\t\treturn errors.New(\"wait cancelled\")\n\tcase <-done:\n\t\treturn nil\n\t}\n}\n",
            "package m\n\nimport (\n\t\"context\"\n\t\"fmt\"\n)\n\nfunc wait(ctx context.Context, done chan struct{}) error {\n\tselect {\n\tcase <-ctx.Done():\n\t\treturn fmt.Errorf(\"wait cancelled: %w\", ctx.Err())\n\tcase <-done:\n\t\treturn nil\n\t}\n}\n",
        );
    }

    #[test]
    fn wrap_verbs() {
        assert!(has_wrap_verb("\"aborted: %w\""));
        assert!(has_wrap_verb("\"%[2]w after %d\""));
        assert!(has_wrap_verb("`%+w`"));
        assert!(!has_wrap_verb("\"aborted\""));
        assert!(!has_wrap_verb("\"100%% wrong\""));
        assert!(!has_wrap_verb("\"%v and %s\""));
        assert!(!has_wrap_verb("\"50%%w\""));
    }
}
