//! Whether a value outlives the function that made it: returned, stored in
//! a field, global or composite value, sent on a channel, or captured by a
//! goroutine or closure. Rules use it to leave alone contexts whose
//! lifetime they cannot see.

use crate::go::file_cx::FileCx;
use crate::go::parents::Up;
use crate::go::syntax::{enclosing_function, for_each_node};
use tree_sitter::Node;

/// How a value leaves the function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Escape<'t> {
    /// Used inside a `go` statement.
    Goroutine,
    /// Captured by a function literal.
    Closure,
    /// Returned.
    Returned,
    /// Sent on a channel.
    Sent,
    /// Part of a composite literal (a struct, slice or map value).
    Composite,
    /// On the right of this assignment or declaration.
    Assigned(Node<'t>),
    /// Handed to a function that keeps it to call later.
    Registered,
}

impl Escape<'_> {
    /// A few words for messages.
    pub fn describe(&self) -> &'static str {
        match self {
            Escape::Goroutine => "used by a goroutine",
            Escape::Closure => "captured by a closure",
            Escape::Returned => "returned",
            Escape::Sent => "sent on a channel",
            Escape::Composite => "stored in a composite value",
            Escape::Assigned(_) => "assigned to another variable or field",
            Escape::Registered => "handed to a function that keeps it",
        }
    }
}

/// How the value of `expr` leaves `function`, if this use of it does.
/// Passing it to a call, or calling a method on it, is a use, not an escape.
pub fn escaping_use<'t>(expr: Node<'t>, function: Node<'t>) -> Option<Escape<'t>> {
    let mut child = expr;
    let mut passed_as_argument = false;
    while let Some(parent) = child.up() {
        if parent.id() == function.id() {
            return None;
        }
        match parent.kind() {
            "go_statement" => return Some(Escape::Goroutine),
            "func_literal" => return Some(Escape::Closure),
            "argument_list" => passed_as_argument = true,
            // `ctx.Err()`, `ctx.Value(k)`: using the value, not keeping it.
            "selector_expression" if !passed_as_argument => return None,
            _ if passed_as_argument => {}
            "return_statement" => return Some(Escape::Returned),
            "send_statement" => return Some(Escape::Sent),
            "composite_literal" => return Some(Escape::Composite),
            "assignment_statement" | "short_var_declaration" | "var_spec"
                if is_on_the_right(parent, child) =>
            {
                return Some(Escape::Assigned(parent))
            }
            _ => {}
        }
        child = parent;
    }
    None
}

/// How the variable `name`, declared or assigned by `statement`, leaves the
/// function after it, if any use does.
pub fn escapes_after<'t>(cx: &FileCx<'_>, statement: Node<'t>, name: &str) -> Option<Escape<'t>> {
    let function = enclosing_function(statement)?;
    // Every escaping use of the name in the function, found once: only
    // the nodes around the places the name appears.
    let scan = || {
        let words = crate::go::syntax::word_offsets_of(cx.src, function.byte_range(), &[name]);
        let mut found = Vec::new();
        crate::go::syntax::for_each_node_around(function, &words, |n| {
            if n.kind() == "identifier" && cx.text(n) == name && escaping_use(n, function).is_some()
            {
                found.push(n.start_byte());
            }
        });
        found
    };
    let first = cx.memo.escapes((function.id(), name), scan, |offsets| {
        let later = offsets.partition_point(|&o| o < statement.end_byte());
        offsets.get(later).copied()
    })?;
    let use_ = function.named_descendant_for_byte_range(first, first + name.len())?;
    escaping_use(use_, function)
}

/// The function literal around `node` that is kept to run later, with how
/// it is kept: the literal, or a call it is passed to, is returned, sent,
/// stored in a composite value, or assigned (`t.cleanup =
/// throttle(time.Minute, func() { … })`). Literals called in place, passed
/// to a call whose result is not kept (`sort.Slice(xs, func…)`), or started
/// by `go` are not (a goroutine is for the rules to treat as one).
pub fn kept_literal<'t>(node: Node<'t>, src: &str) -> Option<(Node<'t>, Escape<'t>)> {
    let mut cur = node.up();
    while let Some(literal) = cur {
        match literal.kind() {
            "function_declaration" | "method_declaration" | "go_statement" => return None,
            "func_literal" => {
                if let Some(how) = kept(literal, src) {
                    return Some((literal, how));
                }
            }
            _ => {}
        }
        cur = literal.up();
    }
    None
}

/// How the value of the function literal `literal` is kept, if it is.
fn kept<'t>(literal: Node<'t>, src: &str) -> Option<Escape<'t>> {
    let mut child = literal;
    while let Some(parent) = child.up() {
        match parent.kind() {
            "parenthesized_expression" | "argument_list" => {}
            // Called in place: `func() { … }()`.
            "call_expression"
                if parent
                    .child_by_field_name("function")
                    .is_some_and(|f| f.id() == child.id()) =>
            {
                return None
            }
            // A callback handed to a registry is kept there:
            // `events.RegisterReloadHandler(func() error { … })`.
            "call_expression" if child.kind() == "argument_list" && registers(parent, src) => {
                return Some(Escape::Registered)
            }
            // Its result may hold the literal: `throttle(d, func() { … })`.
            "call_expression" => {}
            "return_statement" => return Some(Escape::Returned),
            "send_statement" => return Some(Escape::Sent),
            "composite_literal" | "literal_value" | "keyed_element" | "literal_element" => {
                return Some(Escape::Composite)
            }
            "expression_list" => {}
            "short_var_declaration" | "var_spec"
                if is_on_the_right(parent, child) && only_called(parent, src) =>
            {
                return None
            }
            "assignment_statement" | "short_var_declaration" | "var_spec"
                if is_on_the_right(parent, child) =>
            {
                return Some(Escape::Assigned(parent))
            }
            _ => return None,
        }
        child = parent;
    }
    None
}

/// True when the one local `declaration` declares is only ever called
/// after it (`later := func() { … }; later()`), in its function.
fn only_called(declaration: Node<'_>, src: &str) -> bool {
    let names = match declaration.kind() {
        "var_spec" => declaration
            .children_by_field_name("name", &mut declaration.walk())
            .collect(),
        _ => declaration
            .child_by_field_name("left")
            .map(crate::go::syntax::named_children)
            .unwrap_or_default(),
    };
    let ([name], Some(function)) = (&names[..], enclosing_function(declaration)) else {
        return false;
    };
    let name = crate::go::syntax::text(*name, src);
    let mut only_calls = true;
    for_each_node(function, |n| {
        if n.kind() == "identifier"
            && n.start_byte() >= declaration.end_byte()
            && crate::go::syntax::text(n, src) == name
        {
            only_calls &= n.up().is_some_and(|p| {
                p.kind() == "call_expression"
                    && p.child_by_field_name("function")
                        .is_some_and(|f| f.id() == n.id())
            });
        }
    });
    only_calls
}

/// Words that start the name of a function that keeps a callback to call
/// later: `RegisterHandler`, `OnClose`, `AddFunc`, `Subscribe`,
/// `time.AfterFunc`, `SetFinalizer`.
const REGISTERING: &[&str] = &[
    "register",
    "on",
    "add",
    "subscribe",
    "watch",
    "schedule",
    "after",
    "handle",
    "set",
    // `t.Cleanup(func() { … })` runs after the test's context is done.
    "cleanup",
];

/// True when the call's function is named like one that keeps a callback
/// ([`REGISTERING`]): the word, alone or followed by a capital.
fn registers(call: Node<'_>, src: &str) -> bool {
    let Some(function) = call.child_by_field_name("function") else {
        return false;
    };
    let name = match function.kind() {
        "selector_expression" => function.child_by_field_name("field"),
        "identifier" => Some(function),
        _ => None,
    };
    let Some(name) = name.map(|n| crate::go::syntax::text(n, src)) else {
        return false;
    };
    crate::go::syntax::starts_with_word(name, REGISTERING)
}

fn is_on_the_right(assignment: Node<'_>, child: Node<'_>) -> bool {
    ["right", "value"].iter().any(|field| {
        assignment
            .child_by_field_name(field)
            .is_some_and(|r| r.id() == child.id())
    })
}
