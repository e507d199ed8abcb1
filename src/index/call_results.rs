//! Where a call's results go: the statement that takes them whole
//! (`x := f()`, `var x = f()`, `x = f()`, `f()` on its own), or in words
//! the other use that keeps a rule from adding a result at the call. A rule
//! that makes a function return one more value rewrites that statement and
//! adds one beside it, so it also needs the statement's indentation, the
//! names it must not reuse, and whether the value it holds leaves the
//! function.

use crate::go::escape::{escaping_use, Escape};
use crate::go::file_cx::FileCx;
use crate::go::parents::Up;
use crate::go::syntax::{
    enclosing_function, for_each_node_around, named_children, next_line_start, text,
    word_offsets_of,
};
use std::ops::Range;
use tree_sitter::Node;

/// How a call's results are used where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResultUse {
    /// A statement of a block takes them whole.
    Taken(Box<TakingStatement>),
    /// Some other use, in words that follow "the call is": "passed to
    /// another call", "returned", ….
    Other(&'static str),
}

/// The statement that takes a call's results, alone on its line in a
/// block of a function.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TakingStatement {
    /// Its form.
    pub form: Taking,
    /// Its bytes (a `var` statement's, for `var x = f()`).
    pub range: Range<usize>,
    /// Where its first line starts.
    pub line_start: usize,
    /// The indentation of that line.
    pub indent: String,
    /// Where the line after it starts: a statement added after it goes
    /// there.
    pub next_line: usize,
    /// True when a loop of its function encloses it.
    pub in_loop: bool,
    /// For a variable that takes the result: how and on which line
    /// (1-based) that variable leaves the function later by being
    /// returned, sent, or stored in a composite value or another variable.
    /// A goroutine or closure that uses it is not counted.
    pub handed_on: Option<(&'static str, usize)>,
    /// The bytes of the declaration around it: the scope a new name is
    /// checked free in ([`crate::go::scope::name_scope`]).
    pub scope: Range<usize>,
    /// Those of [`CANCEL_NAMES`] that the scope already uses as
    /// identifiers, the same for every call in it.
    pub taken: Vec<&'static str>,
    /// The file's name for the `context` package (its default when the
    /// file does not import it); `None` when a local variable hides the
    /// package at the statement.
    pub context_pkg: Option<String>,
}

/// The form of a statement that takes a call's results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Taking {
    /// `x := f()` or `var x = f()`: a new variable takes it; one more name
    /// can be declared after the last, which ends at this offset.
    Declared {
        /// Where the declared names end.
        names_end: usize,
    },
    /// `x = f()` for a variable `x` declared in the function.
    Assigned {
        /// Where the assigned expression ends.
        left_end: usize,
    },
    /// `f()` on its own: the results are dropped.
    Discarded,
}

/// The names a cancel function declared beside a call's results may take,
/// the first free one first.
pub const CANCEL_NAMES: &[&str] = &["cancel", "cancelCtx"];

/// How the results of `call` are used. `taken` holds what
/// [`TakingStatement::taken`] says of the declaration around the call once
/// some call of it has needed it.
pub fn result_use(
    cx: &FileCx<'_>,
    call: Node<'_>,
    taken: &mut Option<Vec<&'static str>>,
) -> ResultUse {
    let (statement, form, variable) = match taking_statement(cx, call) {
        Ok(found) => found,
        Err(how) => return ResultUse::Other(how),
    };
    let Some(declaration) = crate::go::syntax::enclosing_declaration(call) else {
        return ResultUse::Other("at package level");
    };
    if statement.up().is_none_or(|p| p.kind() != "statement_list") {
        return ResultUse::Other("in an `if`, `for` or `switch` header");
    }
    let line_start = crate::go::syntax::line_start(cx.src, statement.start_byte());
    let next_line = next_line_start(cx.src, statement.end_byte());
    let rest = cx.src[statement.end_byte()..next_line].trim();
    let before = cx.src[line_start..statement.start_byte()].trim();
    if !before.is_empty() || (!rest.is_empty() && !rest.starts_with("//")) {
        return ResultUse::Other("on a line with other code");
    }
    let taken = taken
        .get_or_insert_with(|| {
            CANCEL_NAMES
                .iter()
                .copied()
                .filter(|n| crate::go::scope::used_in(cx, declaration, n))
                .collect()
        })
        .clone();
    ResultUse::Taken(Box::new(TakingStatement {
        form,
        range: statement.byte_range(),
        line_start,
        indent: cx.src[line_start..statement.start_byte()].to_string(),
        next_line,
        in_loop: in_loop(call),
        handed_on: variable.and_then(|v| handed_on(cx, statement, v)),
        scope: declaration.byte_range(),
        taken,
        context_pkg: cx.package_name_at("context", statement).map(str::to_string),
    }))
}

/// The statement taking the results of `call` whole, its form, and the
/// variable it puts them in; or the use it has instead, in words.
fn taking_statement<'t, 's>(
    cx: &FileCx<'s>,
    call: Node<'t>,
) -> Result<(Node<'t>, Taking, Option<&'s str>), &'static str> {
    let parent = call.up().ok_or("at package level")?;
    let sole = |list: Option<Node<'_>>| {
        list.map(named_children)
            .is_some_and(|items| items.len() == 1 && items[0].id() == call.id())
    };
    let single_name = |list: Vec<Node<'t>>| match list[..] {
        [name] if name.kind() == "identifier" => Some(name),
        _ => None,
    };
    match parent.kind() {
        "expression_statement" => Ok((parent, Taking::Discarded, None)),
        "expression_list" => {
            let holder = parent.up().ok_or("at package level")?;
            let left = holder.child_by_field_name("left");
            let right = match holder.kind() {
                "var_spec" => "value",
                _ => "right",
            };
            let taken = sole(holder.child_by_field_name(right));
            let names = left.map(named_children).unwrap_or_default();
            match holder.kind() {
                "short_var_declaration" if taken => {
                    let name = single_name(names).ok_or("assigned together with other values")?;
                    let names_end = left.map_or(name.end_byte(), |l| l.end_byte());
                    Ok((
                        holder,
                        Taking::Declared { names_end },
                        Some(text(name, cx.src)),
                    ))
                }
                "assignment_statement" if taken => {
                    let operator = holder
                        .child_by_field_name("operator")
                        .map(|o| text(o, cx.src));
                    if operator != Some("=") {
                        return Err("assigned with an operator other than `=`");
                    }
                    let [target] = names[..] else {
                        return Err("assigned together with other values");
                    };
                    let local = target.kind() == "identifier"
                        && declared_in_function(cx, holder, text(target, cx.src));
                    if !local {
                        return Err("assigned to something other than a local variable");
                    }
                    let left_end = target.end_byte();
                    Ok((
                        holder,
                        Taking::Assigned { left_end },
                        Some(text(target, cx.src)),
                    ))
                }
                "var_spec" if taken => var_statement(cx, holder),
                "return_statement" => Err("returned"),
                "short_var_declaration" | "assignment_statement" | "var_spec" => {
                    Err("assigned together with other values")
                }
                _ => Err("part of a larger expression"),
            }
        }
        "argument_list" => Err("passed to another call"),
        "go_statement" => Err("run by a `go` statement"),
        "defer_statement" => Err("deferred"),
        _ => Err("part of a larger expression"),
    }
}

/// `var x = f()`, alone in its `var` statement and with no type.
fn var_statement<'t, 's>(
    cx: &FileCx<'s>,
    spec: Node<'t>,
) -> Result<(Node<'t>, Taking, Option<&'s str>), &'static str> {
    let statement = spec
        .up()
        .filter(|p| p.kind() == "var_declaration")
        .ok_or("declared in a `var ( … )` group")?;
    if spec.child_by_field_name("type").is_some() {
        return Err("declared with a type");
    }
    let mut cursor = spec.walk();
    let names: Vec<Node<'t>> = spec.children_by_field_name("name", &mut cursor).collect();
    let [name] = names[..] else {
        return Err("assigned together with other values");
    };
    let names_end = name.end_byte();
    Ok((
        statement,
        Taking::Declared { names_end },
        Some(text(name, cx.src)),
    ))
}

/// True when `name` is declared by the function around `at` (a parameter,
/// a `:=` or a `var`, not a named result), before `at`: assigning it
/// keeps the value local.
fn declared_in_function(cx: &FileCx<'_>, at: Node<'_>, name: &str) -> bool {
    let Some(function) = enclosing_function(at) else {
        return false;
    };
    // A named result is handed on by a bare `return`: not local.
    let results = function
        .child_by_field_name("result")
        .map_or(0..0, |r| r.byte_range());
    let declares = |n: Node<'_>| {
        n.kind() == "identifier"
            && n.start_byte() < at.start_byte()
            && !results.contains(&n.start_byte())
            && text(n, cx.src) == name
    };
    let mut declared = false;
    let offsets = word_offsets_of(cx.src, function.start_byte()..at.start_byte(), &[name]);
    for_each_node_around(function, &offsets, |n| {
        if declared {
            return;
        }
        let mut cursor = n.walk();
        declared = match n.kind() {
            "parameter_declaration" | "var_spec" => {
                n.children_by_field_name("name", &mut cursor).any(declares)
            }
            "short_var_declaration" => n
                .child_by_field_name("left")
                .filter(|left| left.kind() == "expression_list")
                .is_some_and(|left| named_children(left).into_iter().any(declares)),
            _ => false,
        };
    });
    declared
}

/// True when a `for` loop of the function around `call` encloses it.
fn in_loop(call: Node<'_>) -> bool {
    let mut node = call.up();
    while let Some(n) = node {
        match n.kind() {
            "for_statement" => return true,
            kind if crate::go::syntax::FUNCTION_KINDS.contains(&kind) => return false,
            _ => node = n.up(),
        }
    }
    false
}

/// How the variable `name`, set by `statement`, is handed on by its
/// function after it: returned, sent, or stored (see
/// [`TakingStatement::handed_on`]).
fn handed_on(cx: &FileCx<'_>, statement: Node<'_>, name: &str) -> Option<(&'static str, usize)> {
    let function = enclosing_function(statement)?;
    let mut found = None;
    let offsets = word_offsets_of(cx.src, statement.end_byte()..function.end_byte(), &[name]);
    for_each_node_around(function, &offsets, |n| {
        if found.is_some()
            || n.kind() != "identifier"
            || n.start_byte() < statement.end_byte()
            || text(n, cx.src) != name
        {
            return;
        }
        found = match escaping_use(n, function) {
            Some(Escape::Goroutine | Escape::Closure) | None => None,
            Some(Escape::Assigned(to)) if assigns_blank(cx, to) => None,
            Some(how) => Some((how.describe(), n.start_position().row + 1)),
        };
    });
    found
}

/// True when an assignment's left side is only `_`: the value goes nowhere.
fn assigns_blank(cx: &FileCx<'_>, assignment: Node<'_>) -> bool {
    assignment
        .child_by_field_name("left")
        .map(named_children)
        .is_some_and(|left| left.iter().all(|l| text(*l, cx.src) == "_"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::go::file_cx::testing::with_file;
    use crate::go::syntax::for_each_node;

    /// The use of the results of the first call of `open` in `body` (the
    /// body of a function with a context parameter `p`).
    fn use_of(body: &str) -> ResultUse {
        let src = format!(
            "package a\n\nimport \"context\"\n\nfunc open(p context.Context) context.Context {{ return p }}\n\nfunc g(p context.Context) {{\n{body}\n}}\n"
        );
        with_file("a.go", &src, "example.com/a", None, |cx| {
            let mut target = None;
            for_each_node(cx.root, |n| {
                if target.is_none()
                    && n.kind() == "call_expression"
                    && n.child_by_field_name("function")
                        .is_some_and(|f| cx.text(f) == "open")
                {
                    target = Some(n);
                }
            });
            result_use(cx, target.expect("a call of open"), &mut None)
        })
    }

    fn taken(body: &str) -> TakingStatement {
        match use_of(body) {
            ResultUse::Taken(t) => *t,
            ResultUse::Other(how) => panic!("{body}: {how}"),
        }
    }

    fn other(body: &str) -> &'static str {
        match use_of(body) {
            ResultUse::Other(how) => how,
            ResultUse::Taken(t) => panic!("{body}: taken {t:?}"),
        }
    }

    #[test]
    fn statements_that_take_the_results_whole() {
        let t = taken("\tc := open(p)\n\t_ = c");
        assert!(matches!(t.form, Taking::Declared { .. }));
        assert_eq!(t.indent, "\t");
        assert!(!t.in_loop && t.handed_on.is_none());
        assert!(t.taken.is_empty());
        let t = taken("\tcancel := 1\n\tc := open(p)\n\t_, _ = c, cancel");
        assert_eq!(t.taken, ["cancel"]);
        // A field or a word in a comment is no identifier of the scope.
        let t =
            taken("\t// cancelCtx\n\tc := open(p)\n\t_ = struct{ cancel int }{}.cancel\n\t_ = c");
        assert!(t.taken.is_empty(), "{:?}", t.taken);
        assert!(matches!(
            taken("\tvar c = open(p)\n\t_ = c").form,
            Taking::Declared { .. }
        ));
        assert!(matches!(
            taken("\tvar c context.Context\n\tc = open(p)\n\t_ = c").form,
            Taking::Assigned { .. }
        ));
        assert!(matches!(taken("\topen(p) // why").form, Taking::Discarded));
        assert!(taken("\tfor {\n\t\topen(p)\n\t}").in_loop);
        assert!(
            !taken("\tfor {\n\t\tgo func() {\n\t\t\topen(p)\n\t\t}()\n\t}").in_loop,
            "a function literal has its own defers"
        );
    }

    #[test]
    fn a_variable_handed_on_is_told_apart_from_one_a_goroutine_uses() {
        let t = taken("\tc := open(p)\n\tgo use(c)\n\tfunc() { use(c) }()");
        assert_eq!(t.handed_on, None);
        let t = taken("\tc := open(p)\n\tuse(c)\n\tch <- c");
        assert_eq!(t.handed_on, Some(("sent on a channel", 10)));
        let t = taken("\tc := open(p)\n\ts := S{c}\n\t_ = s");
        assert_eq!(t.handed_on, Some(("stored in a composite value", 9)));
    }

    #[test]
    fn other_uses_in_words() {
        assert_eq!(other("\tgo use(open(p))"), "passed to another call");
        assert_eq!(other("\treturn open(p)"), "returned");
        assert_eq!(other("\t_ = open(p).Err()"), "part of a larger expression");
        assert_eq!(other("\tgo open(p)"), "run by a `go` statement");
        assert_eq!(other("\tdefer open(p)"), "deferred");
        assert_eq!(
            other("\ta, b := open(p), 1\n\t_, _ = a, b"),
            "assigned together with other values"
        );
        assert_eq!(
            other("\tvar c context.Context = open(p)\n\t_ = c"),
            "declared with a type"
        );
        assert_eq!(
            other("\ts.ctx = open(p)"),
            "assigned to something other than a local variable"
        );
        assert_eq!(
            other("\tif c := open(p); c != nil {\n\t}"),
            "in an `if`, `for` or `switch` header"
        );
        assert_eq!(other("\tc := open(p); use(c)"), "on a line with other code");
    }
}
