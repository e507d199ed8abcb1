//! ## What it does
//! Reports `context.WithTimeout` (and `WithTimeoutCause`) whose duration can
//! be zero or negative, and `context.WithDeadline` (and
//! `WithDeadlineCause`) whose time can be the zero time or past:
//!
//! - a duration of `0`, or a product with a factor that is a loop variable
//!   or a counter named like one (`attempt`, `retries`, `tries`): zero on
//!   the first round;
//! - a duration read from a field (`cfg.Timeout`, a factor
//!   `time.Duration(cfg.TimeoutSec)`): zero when the configuration leaves it
//!   unset;
//! - `time.Until(t)` or `t.Sub(time.Now())`: negative once `t` has passed;
//! - a deadline of `time.Time{}`, a `var t time.Time` declared without a
//!   value, or a field: the zero time (year 1) when unset;
//! - a deadline `time.Now().Add(d)`, where `d` is one of the durations
//!   above.
//!
//! A local variable is followed to the value it is declared with. The
//! message names what can be zero and what to check.
//!
//! ## Why
//! `WithTimeout(parent, 0)` is `WithDeadline(parent, time.Now())`, and a
//! deadline that is not in the future cancels the context before it is
//! returned: `ctx.Err()` is `DeadlineExceeded` from the first instant, and
//! the call it guards does nothing. `0` reads as "no timeout" or "use the
//! default", and `time.Time{}` as "no deadline", but they mean "already
//! expired". Configuration that leaves a value unset, and a retry loop's
//! first attempt, produce exactly those.
//!
//! ## Example
//! ```go
//! func quickCheck(parent context.Context, attempt int) error {
//!     d := time.Duration(attempt) * 100 * time.Millisecond
//!     ctx, cancel := context.WithTimeout(parent, d)
//!     defer cancel()
//!     return ping(ctx)
//! }
//! ```
//! is reported: `` context.WithTimeout: `d` is 0 when the counter `attempt`
//! is 0, and a zero timeout cancels the context before it is returned:
//! check that `attempt` starts at 1, or use context.WithCancel when it is
//! 0 ``.
//!
//! ## Fix safety
//! Display-only: whether zero means "no deadline" (use `WithCancel`), "use
//! a default", or a configuration error to reject at load time is the
//! code's decision.
//!
//! ## Limitations
//! A field is taken as checked when its file rejects a zero value of a
//! field of that name anywhere (`if lec.RenewDeadline < 1 { return nil,
//! err }` in the constructor that stores the configuration); a check in
//! another file is not seen. A value is taken as checked, and not reported, when an `if` or
//! `switch` before the call in the same function names it anywhere
//! (`if d <= 0`, `if !t.IsZero()`, `if ok { d = cfg.Timeout }`), or one
//! around the call names it in its header, whatever the check does; a
//! field also counts as checked through a flag of it (`if ht.timeoutSet`,
//! `hasTimeout`, `timeoutValid`, `isTimeoutSet`). A `time.Time`
//! parameter is not reported: in the code this was tried on (grpc, etcd,
//! x/net, redis, pgx) every deadline parameter is a deadline the caller
//! computed (`time.Now().Add(d)`) or a wrapper's, so the zero time would
//! be the caller's mistake, reported where it writes it. Test files are
//! not checked: a zero or negative timeout there is most often what the
//! test is about. A variable is followed to the value it is declared with, not
//! through later assignments; package-level variables and the results of
//! calls (other than `time.Until`) are not followed. A struct field is
//! reported wherever it is read, even when the configuration was checked
//! where it was loaded.

use crate::go::file_cx::FileCx;
use crate::go::parents::Up;
use crate::go::syntax::{call_arguments, for_each_node, named_children, selector_call, text};
use crate::go::typing::{local_declaration, Declaration};
use crate::lint::finding::Finding;
use crate::lint::fix::Applicability;
use crate::lint::rule::{Rule, RuleCx, RuleMeta};
use tree_sitter::Node;

/// The zero-timeout rule.
pub struct ZeroTimeout;

/// The registered instance.
pub static RULE: ZeroTimeout = ZeroTimeout;

static META: RuleMeta = RuleMeta {
    code: "CTX012",
    id: "zero-timeout",
    summary: "`WithTimeout`/`WithDeadline` with a duration or time that can be zero or past: the context is cancelled at once",
    finds: "`WithTimeout` with a duration that can be 0 or negative (`0`, a product with a \
        loop or attempt counter, a field, `time.Until(t)`), `WithDeadline` with a time that \
        can be zero or past (`time.Time{}`, a zero `var`, a field); not a `time.Time` \
        parameter, not in test files, and not a value an earlier `if` looks at or whose \
        `xSet`/`hasX` flag it checks",
    fixes: "report what can be zero and what to check (display-only)",
    applicability: Applicability::DisplayOnly,
    kinds: &["call_expression"],
    needles: &["WithTimeout", "WithDeadline"],
    caller_needles: &[],
    nolint: &[],
};

/// How far a local variable is followed to the value it is declared with.
const MAX_DEPTH: usize = 4;

/// Words that name a counter of attempts.
const COUNTER_WORDS: &[&str] = &["attempt", "attempts", "retry", "retries", "try", "tries"];

impl Rule for ZeroTimeout {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn visit(&self, node: Node<'_>, cx: &RuleCx<'_>, out: &mut Vec<Finding>) {
        const TIMEOUTS: &[&str] = &["WithTimeout", "WithTimeoutCause"];
        const DEADLINES: &[&str] = &["WithDeadline", "WithDeadlineCause"];
        // A test's zero timeout is most often the point of the test.
        if crate::go::gomod::is_test_file(cx.path) {
            return;
        }
        let timeout = cx.is_call_to(node, "context", TIMEOUTS);
        if !timeout && !cx.is_call_to(node, "context", DEADLINES) {
            return;
        }
        let Some(&arg) = call_arguments(node).get(1) else {
            return;
        };
        let (_, func) = selector_call(node, cx.src).expect("checked above");
        let shown = cx.text(arg);
        let reason = if timeout {
            zero_duration(cx, node, arg, shown, 0)
        } else {
            zero_time(cx, node, arg, shown, 0)
        };
        if let Some(reason) = reason {
            out.push(Finding::new(
                &META,
                arg.byte_range(),
                format!("context.{func}: {reason}"),
            ));
        }
    }
}

/// Why the duration `expr` (shown as `shown`) passed at `call` can be zero
/// or negative, if it can.
fn zero_duration(
    cx: &FileCx<'_>,
    call: Node<'_>,
    expr: Node<'_>,
    shown: &str,
    depth: usize,
) -> Option<String> {
    let expr = unwrap_duration(cx, expr);
    const CANCELS: &str = "a zero timeout cancels the context before it is returned";
    match expr.kind() {
        "int_literal" | "float_literal" if is_zero_literal(cx.text(expr)) => Some(format!(
            "the timeout is 0, and {CANCELS}: use context.WithCancel for no deadline"
        )),
        "binary_expression" if operator(cx, expr) == "*" => factors(cx, expr)
            .into_iter()
            .find_map(|factor| zero_factor(cx, call, factor, shown)),
        "selector_expression" => field(cx, expr).and_then(|f| {
            (!checked(cx, call, f)).then(|| {
                format!(
                    "the timeout {}, 0 when it is not set, and {CANCELS}: check that `{f}` > 0 where it is loaded, or use context.WithCancel for 0",
                    from_field(shown, f)
                )
            })
        }),
        "call_expression" => until(cx, expr).and_then(|t| {
            (!checked(cx, call, t)).then(|| {
                format!(
                    "the timeout `{shown}` is zero or negative once `{t}` has passed, and {CANCELS}: check that `{t}` is in the future (and not the zero time) first"
                )
            })
        }),
        "identifier" if depth < MAX_DEPTH && !checked(cx, call, cx.text(expr)) => {
            match local_declaration(cx, expr, cx.text(expr))? {
                Declaration::Assigned(values, index) if values.len() > index => {
                    zero_duration(cx, call, values[index], shown, depth + 1)
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// Why the factor `factor` of a product passed at `call` makes it zero, if
/// it can.
fn zero_factor(cx: &FileCx<'_>, call: Node<'_>, factor: Node<'_>, shown: &str) -> Option<String> {
    let factor = unwrap_duration(cx, factor);
    let name = cx.text(factor);
    match factor.kind() {
        "int_literal" | "float_literal" if is_zero_literal(name) => Some(format!(
            "the timeout `{shown}` is 0, and a zero timeout cancels the context before it is returned: use context.WithCancel for no deadline"
        )),
        "identifier" if is_counter(cx, factor) && !checked(cx, call, name) => Some(format!(
            "`{shown}` is 0 when the counter `{name}` is 0, and a zero timeout cancels the context before it is returned: check that `{name}` starts at 1, or use context.WithCancel when it is 0"
        )),
        "selector_expression" => field(cx, factor).and_then(|f| {
            (!checked(cx, call, f)).then(|| format!(
                "`{shown}` is 0 when the field `{f}` is not set, and a zero timeout cancels the context before it is returned: check that `{f}` > 0 where it is loaded, or use context.WithCancel for 0"
            ))
        }),
        _ => None,
    }
}

/// Why the deadline `expr` (shown as `shown`) passed at `call` can be the
/// zero time or past, if it can.
fn zero_time(
    cx: &FileCx<'_>,
    call: Node<'_>,
    expr: Node<'_>,
    shown: &str,
    depth: usize,
) -> Option<String> {
    const CANCELS: &str =
        "a deadline that is not in the future cancels the context before it is returned";
    let time = cx.package_name_or_default("time");
    match expr.kind() {
        "composite_literal" => {
            let ty = expr.child_by_field_name("type")?;
            let empty = expr
                .child_by_field_name("body")
                .is_some_and(|b| named_children(b).is_empty());
            (empty && cx.text(ty) == format!("{time}.Time")).then(|| {
                format!(
                    "the deadline `{shown}` is the zero time (year 1), and {CANCELS}: use context.WithCancel for no deadline"
                )
            })
        }
        "selector_expression" => field(cx, expr).and_then(|f| {
            (!checked(cx, call, f)).then(|| format!(
                "the deadline {}, the zero time (year 1) when it is not set, and {CANCELS}: check `{f}.IsZero()` (and that it is in the future) first",
                from_field(shown, f)
            ))
        }),
        "identifier" if !checked(cx, call, cx.text(expr)) => {
            let name = cx.text(expr);
            match local_declaration(cx, expr, name)? {
                // A parameter is the caller's deadline: not reported.
                Declaration::Typed { ty, .. }
                    if cx.text(ty) == format!("{time}.Time")
                        && ty.up().is_none_or(|p| p.kind() != "parameter_declaration") =>
                {
                    Some(format!(
                        "the deadline `{name}` is declared as the zero time (year 1) and may still be zero here, and {CANCELS}: check `{name}.IsZero()` (and that it is in the future) first"
                    ))
                }
                Declaration::Assigned(values, index) if values.len() > index && depth < MAX_DEPTH => {
                    zero_time(cx, call, values[index], shown, depth + 1)
                }
                _ => None,
            }
        }
        "call_expression" => {
            // `time.Now().Add(d)`: as zero as `d`.
            let function = expr.child_by_field_name("function")?;
            let operand = function.child_by_field_name("operand")?;
            let is_now_add = function.kind() == "selector_expression"
                && function
                    .child_by_field_name("field")
                    .is_some_and(|f| text(f, cx.src) == "Add")
                && cx.text(operand) == format!("{time}.Now()");
            let [d] = call_arguments(expr)[..] else {
                return None;
            };
            if !is_now_add {
                return None;
            }
            zero_duration(cx, call, d, cx.text(d), depth + 1)
                .map(|why| format!("the deadline `{shown}` is now plus a duration that can be zero or negative: {why}"))
        }
        _ => None,
    }
}

/// How a message names a value read from the field `f`: `` `f` is a field ``
/// when the value is the field itself.
fn from_field(shown: &str, f: &str) -> String {
    if shown == f {
        format!("`{f}` is a field")
    } else {
        format!("`{shown}` comes from the field `{f}`")
    }
}

/// `expr` without parentheses and `time.Duration(...)` conversions around
/// it.
fn unwrap_duration<'t>(cx: &FileCx<'_>, expr: Node<'t>) -> Node<'t> {
    let time = cx.package_name_or_default("time");
    let mut expr = expr;
    loop {
        let inner = match expr.kind() {
            "parenthesized_expression" => named_children(expr).into_iter().next(),
            "call_expression"
                if expr
                    .child_by_field_name("function")
                    .is_some_and(|f| cx.text(f) == format!("{time}.Duration")) =>
            {
                match call_arguments(expr)[..] {
                    [inner] => Some(inner),
                    _ => None,
                }
            }
            _ => None,
        };
        match inner {
            Some(inner) => expr = inner,
            None => return expr,
        }
    }
}

/// The operator of a binary expression.
fn operator<'s>(cx: &FileCx<'s>, expr: Node<'_>) -> &'s str {
    expr.child_by_field_name("operator")
        .map_or("", |o| text(o, cx.src))
}

/// The factors of a product, nested products flattened.
fn factors<'t>(cx: &FileCx<'_>, product: Node<'t>) -> Vec<Node<'t>> {
    let mut out = Vec::new();
    for side in ["left", "right"] {
        let Some(operand) = product.child_by_field_name(side) else {
            continue;
        };
        let operand = unwrap_duration(cx, operand);
        if operand.kind() == "binary_expression" && operator(cx, operand) == "*" {
            out.extend(factors(cx, operand));
        } else {
            out.push(operand);
        }
    }
    out
}

/// True for a literal `0`, `0.0`, `0x0`.
fn is_zero_literal(literal: &str) -> bool {
    let digits = literal
        .trim_start_matches("0x")
        .trim_start_matches("0X")
        .replace('_', "");
    !digits.is_empty() && digits.chars().all(|c| c == '0' || c == '.')
}

/// The text of `expr` when it reads a field (`cfg.Timeout`, `s.opts.Wait`)
/// rather than a package's name (`time.Second`, `config.Default`).
fn field<'s>(cx: &FileCx<'s>, expr: Node<'_>) -> Option<&'s str> {
    let operand = expr.child_by_field_name("operand")?;
    let is_package = operand.kind() == "identifier"
        && cx.imports.path_of(cx.text(operand)).is_some()
        && local_declaration(cx, operand, cx.text(operand)).is_none();
    (!is_package).then(|| text(expr, cx.src))
}

/// The time `t` of `time.Until(t)` or `t.Sub(time.Now())`.
fn until<'s>(cx: &FileCx<'s>, call: Node<'_>) -> Option<&'s str> {
    let time = cx.package_name_or_default("time");
    let args = call_arguments(call);
    match (selector_call(call, cx.src), &args[..]) {
        (Some((pkg, "Until")), [t]) if pkg == time => Some(text(*t, cx.src)),
        (Some((t, "Sub")), [now]) if cx.text(*now) == format!("{time}.Now()") => Some(t),
        _ => None,
    }
}

/// True when the identifier `name` counts attempts: a variable of a loop
/// around it, or a name made of words like `attempt` or `retries`.
fn is_counter(cx: &FileCx<'_>, ident: Node<'_>) -> bool {
    let name = cx.text(ident);
    let mut words = Vec::new();
    let mut word = String::new();
    for c in name.chars() {
        if (c.is_uppercase() || c == '_') && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        if c != '_' {
            word.extend(c.to_lowercase());
        }
    }
    words.push(word);
    if words.iter().any(|w| COUNTER_WORDS.contains(&w.as_str())) {
        return true;
    }
    let mut node = ident.up();
    while let Some(n) = node {
        if crate::go::syntax::FUNCTION_KINDS.contains(&n.kind()) {
            return false;
        }
        if n.kind() == "for_statement" && declares_loop_variable(cx, n, name) {
            return true;
        }
        node = n.up();
    }
    false
}

/// True when the header of the loop `for_statement` declares `name`.
fn declares_loop_variable(cx: &FileCx<'_>, for_statement: Node<'_>, name: &str) -> bool {
    named_children(for_statement).into_iter().any(|clause| {
        let declared = match clause.kind() {
            "for_clause" => clause
                .child_by_field_name("initializer")
                .filter(|i| i.kind() == "short_var_declaration")
                .and_then(|i| i.child_by_field_name("left")),
            "range_clause" => clause.child_by_field_name("left"),
            _ => None,
        };
        declared
            .map(named_children)
            .unwrap_or_default()
            .iter()
            .any(|d| cx.text(*d) == name)
    })
}

/// True when the function around `call` looks at `what` before using it:
/// an `if` or `switch` wholly before `call` that names `what` (or a flag
/// of it, see [`flags_of`]) anywhere, or one around `call` that names it
/// in its header (initializer and condition). (A loop's condition does not
/// count: `attempt < 3` says nothing of 0.)
fn checked(cx: &FileCx<'_>, call: Node<'_>, what: &str) -> bool {
    if validated_in_file(cx, what) {
        return true;
    }
    let Some(function) = crate::go::syntax::enclosing_function(call) else {
        return false;
    };
    let flags = flags_of(what);
    let names = |node: Node<'_>| {
        let text = cx.text(node);
        mentions(text, what) || flags.iter().any(|f| mentions_word(text, f))
    };
    let mut found = false;
    for_each_node(function, |n| {
        if found || n.start_byte() >= call.start_byte() {
            return;
        }
        let header: &[&str] = match n.kind() {
            "if_statement" => &["initializer", "condition"],
            "expression_switch_statement" => &["initializer", "value"],
            _ => return,
        };
        found = if n.end_byte() <= call.start_byte() {
            names(n)
        } else {
            header
                .iter()
                .filter_map(|field| n.child_by_field_name(field))
                .any(names)
        };
    });
    found
}

/// True when `what` is a field (`le.config.RenewDeadline`) whose name the
/// file rejects at zero somewhere: an `if` whose condition compares any
/// `x.RenewDeadline` with `<= 0`, `< 1`, `< 0` or `== 0` (a constructor
/// validating its configuration). Only the field's name is compared: the
/// value checked and the value used are most often one configuration.
fn validated_in_file(cx: &FileCx<'_>, what: &str) -> bool {
    let Some((_, name)) = what.rsplit_once('.') else {
        return false;
    };
    if !cx.src.contains(name) {
        return false;
    }
    let mut found = false;
    for_each_node(cx.root, |n| {
        if found || n.kind() != "if_statement" {
            return;
        }
        let Some(condition) = n.child_by_field_name("condition") else {
            return;
        };
        for_each_node(condition, |c| {
            if found || c.kind() != "binary_expression" {
                return;
            }
            let (Some(left), Some(right)) = (
                c.child_by_field_name("left"),
                c.child_by_field_name("right"),
            ) else {
                return;
            };
            let names_field = left.kind() == "selector_expression"
                && left
                    .child_by_field_name("field")
                    .is_some_and(|f| cx.text(f) == name);
            found = names_field
                && matches!(
                    (operator(cx, c), cx.text(right)),
                    ("<=" | "==" | "<", "0") | ("<", "1")
                );
        });
    });
    found
}

/// The flags that say whether the field `x.f` was set: `fSet`, `hasF`,
/// `fValid`, `isFSet` (each alone or as a field of `x`). Empty for a name
/// that is not a field.
fn flags_of(what: &str) -> Vec<String> {
    let Some((_, field)) = what.rsplit_once('.') else {
        return Vec::new();
    };
    let mut chars = field.chars();
    let Some(first) = chars.next() else {
        return Vec::new();
    };
    let capital: String = first.to_uppercase().chain(chars).collect();
    vec![
        format!("{field}Set"),
        format!("has{capital}"),
        format!("{field}Valid"),
        format!("is{capital}Set"),
    ]
}

/// True when `text` holds `word` as a whole name, alone or as a field
/// (`ht.timeoutSet`).
fn mentions_word(text: &str, word: &str) -> bool {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(is_word) && !after.is_some_and(is_word)
    })
}

/// True when `text` holds `what` as a whole expression (not part of a
/// longer name).
fn mentions(text: &str, what: &str) -> bool {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(what).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + what.len()..].chars().next();
        !before.is_some_and(|c| is_word(c) || c == '.') && !after.is_some_and(is_word)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_of_a_field() {
        assert_eq!(
            flags_of("ht.timeout"),
            ["timeoutSet", "hasTimeout", "timeoutValid", "isTimeoutSet"]
        );
        assert!(flags_of("timeout").is_empty());
        assert!(mentions_word("ht.timeoutSet && x", "timeoutSet"));
        assert!(mentions_word("hasTimeout", "hasTimeout"));
        assert!(!mentions_word("ht.timeoutSettled", "timeoutSet"));
    }
}
