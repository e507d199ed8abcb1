//! ## What it does
//! Finds a `case <-ctx.Done():` arm of a `select` inside a `for` loop that
//! has no condition (`for { ... }`, `for init; ; post { ... }`), when
//! nothing in the arm leaves the loop, and adds the missing `return`.
//!
//! ## Why
//! A Done channel is closed, not sent on: once the context is cancelled
//! every receive succeeds at once. An arm that falls through to the next
//! iteration selects the same closed channel again and again, pegging a CPU
//! core while the goroutine makes no progress and never exits.
//!
//! ## Example
//! ```go
//! func worker(ctx context.Context, jobs <-chan Job) {
//!     for {
//!         select {
//!         case <-ctx.Done():
//!             // nothing to clean up
//!         case j := <-jobs:
//!             process(j)
//!         }
//!     }
//! }
//! ```
//! becomes
//! ```go
//! func worker(ctx context.Context, jobs <-chan Job) {
//!     for {
//!         select {
//!         case <-ctx.Done():
//!             // nothing to clean up
//!             return
//!         case j := <-jobs:
//!             process(j)
//!         }
//!     }
//! }
//! ```
//! In a function that returns values the `return` gives `ctx.Err()` for a
//! last result of type `error` and the zero value for every other one
//! (`return 0, "", nil, ctx.Err()`), named results included. `ctx` stands
//! for whatever the arm receives `.Done()` from (`s.ctx`, `r.Context()`),
//! written the same way. An arm that ends with a plain `break` (which only
//! leaves the `select`) or `continue` has it replaced by the `return`;
//! otherwise the `return` goes after the arm's statements and comments.
//!
//! ## Fix safety
//! Safe. The loop has no condition and nothing else in it leaves it, so the
//! code after the loop could never run: returning is the only way out, and
//! the arm's own statements still run first. When another arm leaves the
//! loop with a labelled `break` or `goto`, the code after the loop can run,
//! and returning from the Done arm would skip it: the finding is reported
//! without a fix, as it is when a result's zero value cannot be written (a
//! type declared in another file, a type parameter, a named non-struct
//! type) and when the arm ends with `break label` or `continue label`
//! (replacing it could leave the label unused, which does not compile).
//!
//! ## Limitations
//! Not reported, because the loop may well end when the context is done:
//! a `for cond` or `range` loop (the arm may clear the condition), an arm
//! that assigns to the context it waits on, and a loop whose body leaves
//! it anywhere outside the `select` (for example
//! `if err := step(ctx); err != nil { return err }`). Leaving the loop
//! means a `return`, `goto`, a `break` or `continue` out of the loop, or a
//! call that does not come back: `panic`, `os.Exit`, `runtime.Goexit`, and
//! methods named `Fatal*`, `Panic*`, `FailNow`, `Skip*` (`log`, `testing`
//! and most loggers). A Done channel stored in a variable
//! (`done := ctx.Done()`) is not followed. A `break` in the middle of the
//! arm (inside an `if`) is left alone; only the arm's end gets the `return`.

use crate::go::done::{enclosing_loop, is_unconditional_loop, result_types, DoneArm};
use crate::go::file_cx::FileCx;
use crate::go::parents::Up;
use crate::go::syntax::{
    enclosing_function, line_indent, named_children, next_line_start, statements, FUNCTION_KINDS,
};
use crate::lint::finding::Finding;
use crate::lint::fix::{Applicability, Edit, Fix};
use crate::lint::rule::{Rule, RuleCx, RuleMeta};
use tree_sitter::Node;

/// The done-busy-loop rule.
pub struct DoneBusyLoop;

/// The registered instance.
pub static RULE: DoneBusyLoop = DoneBusyLoop;

static META: RuleMeta = RuleMeta {
    code: "CTX006",
    id: "done-busy-loop",
    summary: "a `case <-ctx.Done():` arm that does not leave its `for` loop: add the `return`",
    finds: "a `case <-ctx.Done():` arm in an endless `for`/`select` that never leaves the \
        loop",
    fixes: "`return` with `ctx.Err()` and zero values (safe)",
    applicability: Applicability::Safe,
    kinds: &["communication_case"],
    needles: &["Done()"],
    caller_needles: &[],
    nolint: &[],
};

/// Methods that do not return to their caller, whatever their receiver:
/// `log`'s and most loggers' `Fatal*`/`Panic*`, and `testing`'s.
const NON_RETURNING_METHODS: &[&str] = &[
    "Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln", "FailNow", "SkipNow", "Skip",
    "Skipf",
];

impl Rule for DoneBusyLoop {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn visit(&self, node: Node<'_>, cx: &RuleCx<'_>, out: &mut Vec<Finding>) {
        let Some(arm) = DoneArm::of(node, cx.src) else {
            return;
        };
        let select = arm.select();
        let Some(for_loop) = enclosing_loop(select).filter(|l| is_unconditional_loop(*l)) else {
            return;
        };
        let Some(body) = for_loop.child_by_field_name("body") else {
            return;
        };
        if assigns_to(cx, arm.case, cx.text(arm.operand)) {
            return;
        }
        let mut other_arm_jump = None;
        for (exit, how) in exits(cx, body, for_loop) {
            if encloses(arm.case, exit) || !encloses(select, exit) {
                // The arm leaves the loop, or the loop has another way out
                // that the cancellation may take.
                return;
            }
            if how == Exit::Jump && other_arm_jump.is_none() {
                other_arm_jump = Some(exit);
            }
        }

        let ctx = cx.text(arm.operand);
        let finding = Finding::new(
            &META,
            arm.receive.byte_range(),
            format!("`case <-{ctx}.Done():` does not leave the loop: once {ctx} is done the loop spins on it"),
        );
        let not_fixed = |why: String| Finding {
            message: format!("{} (not fixed: {why})", finding.message),
            ..finding.clone()
        };
        if let Some(jump) = other_arm_jump {
            out.push(not_fixed(format!(
                "the loop is also left by `{}`, and returning would skip the code after it",
                cx.text(jump)
            )));
            return;
        }
        let statement = match return_statement(cx, arm) {
            Ok(statement) => statement,
            Err(ty) => {
                out.push(not_fixed(format!(
                    "cannot write a zero value of `{ty}`: it is not a built-in type or a struct declared in this file"
                )));
                return;
            }
        };
        if let Some(jump) = final_jump(arm).filter(|j| label_of(cx, *j).is_some()) {
            // Replacing `break label` or `continue label` could leave the
            // label unused, which does not compile.
            out.push(not_fixed(format!("the arm ends with `{}`", cx.text(jump))));
            return;
        }
        out.push(finding.with_fix(return_fix(cx, arm, statement)));
    }
}

/// How a statement leaves the loop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Exit {
    /// `return`, or a call that does not come back: the function ends.
    Return,
    /// `goto`, or `break`/`continue` out of the loop: code after it runs.
    Jump,
}

/// Every statement or call under `root` (not in a function literal) that
/// leaves `for_loop`, with how.
fn exits<'t>(cx: &FileCx<'_>, root: Node<'t>, for_loop: Node<'t>) -> Vec<(Node<'t>, Exit)> {
    let mut found = Vec::new();
    for_each_in_function(root, &mut |n| {
        let how = match n.kind() {
            "return_statement" => Some(Exit::Return),
            "goto_statement" => Some(Exit::Jump),
            "break_statement" | "continue_statement" => {
                leaves_loop(cx, n, for_loop).then_some(Exit::Jump)
            }
            "call_expression" if does_not_return(cx, n) => Some(Exit::Return),
            _ => None,
        };
        found.extend(how.map(|h| (n, h)));
    });
    found
}

/// Calls `visit` for `root` and every node under it, except inside function
/// literals: their statements belong to another function.
fn for_each_in_function<'t>(root: Node<'t>, visit: &mut impl FnMut(Node<'t>)) {
    visit(root);
    for child in named_children(root) {
        if !FUNCTION_KINDS.contains(&child.kind()) {
            for_each_in_function(child, visit);
        }
    }
}

/// True when the `break` or `continue` statement `jump` leaves `for_loop`:
/// it targets the loop (`break`) or a statement around it.
fn leaves_loop(cx: &FileCx<'_>, jump: Node<'_>, for_loop: Node<'_>) -> bool {
    match jump_target(cx, jump) {
        Some(target) if target.id() == for_loop.id() => jump.kind() == "break_statement",
        Some(target) => encloses(target, for_loop),
        // A label we cannot find: assume the worst, that it leaves.
        None => true,
    }
}

/// The statement a `break` or `continue` refers to: the labelled statement
/// its label names, else the innermost `for` (or, for `break`, `select` or
/// `switch`) around it.
fn jump_target<'t>(cx: &FileCx<'_>, jump: Node<'t>) -> Option<Node<'t>> {
    let label = label_of(cx, jump);
    let is_break = jump.kind() == "break_statement";
    let mut cur = jump.up();
    while let Some(n) = cur {
        match (label, n.kind()) {
            (_, kind) if FUNCTION_KINDS.contains(&kind) => return None,
            (Some(label), "labeled_statement")
                if n.child_by_field_name("label").map(|l| cx.text(l)) == Some(label) =>
            {
                return named_children(n)
                    .into_iter()
                    .find(|c| c.kind() != "label_name");
            }
            (None, "for_statement") => return Some(n),
            (
                None,
                "select_statement" | "expression_switch_statement" | "type_switch_statement",
            ) if is_break => return Some(n),
            _ => {}
        }
        cur = n.up();
    }
    None
}

/// The label a `break` or `continue` names, if any.
fn label_of<'a>(cx: &FileCx<'a>, jump: Node<'_>) -> Option<&'a str> {
    named_children(jump)
        .into_iter()
        .find(|c| c.kind() == "label_name")
        .map(|l| crate::go::syntax::text(l, cx.src))
}

/// The arm's last statement when it is a `break` or `continue`. The arm
/// does not leave the loop, so it leaves only the `select` or starts the
/// next iteration: a `return` after it would be unreachable.
fn final_jump<'t>(arm: DoneArm<'t>) -> Option<Node<'t>> {
    statements(arm.case)
        .last()
        .copied()
        .filter(|s| matches!(s.kind(), "break_statement" | "continue_statement"))
}

/// True when `call` never returns: `panic`, `os.Exit`, `runtime.Goexit` or
/// a method in [`NON_RETURNING_METHODS`].
fn does_not_return(cx: &FileCx<'_>, call: Node<'_>) -> bool {
    let function = call.child_by_field_name("function");
    if function.is_some_and(|f| f.kind() == "identifier" && cx.text(f) == "panic") {
        return true;
    }
    cx.is_call_to(call, "os", &["Exit"])
        || cx.is_call_to(call, "runtime", &["Goexit"])
        || crate::go::syntax::selector_call(call, cx.src)
            .is_some_and(|(_, method)| NON_RETURNING_METHODS.contains(&method))
}

/// True when something under `root` (not in a function literal) assigns to
/// the expression written `target`.
fn assigns_to(cx: &FileCx<'_>, root: Node<'_>, target: &str) -> bool {
    let mut found = false;
    for_each_in_function(root, &mut |n| {
        found |= n.kind() == "assignment_statement"
            && n.child_by_field_name("left")
                .is_some_and(|left| named_children(left).iter().any(|l| cx.text(*l) == target));
    });
    found
}

/// True when `inner` lies within `outer` (or is it).
fn encloses(outer: Node<'_>, inner: Node<'_>) -> bool {
    outer.start_byte() <= inner.start_byte() && inner.end_byte() <= outer.end_byte()
}

/// The `return` statement that leaves the arm's function: `ctx.Err()` for a
/// last result of type `error`, zero values for the others. Fails with the
/// text of a result type that has no writable zero value.
fn return_statement(cx: &FileCx<'_>, arm: DoneArm<'_>) -> Result<String, String> {
    let types = enclosing_function(arm.case)
        .map(result_types)
        .unwrap_or_default();
    if types.is_empty() {
        return Ok("return".into());
    }
    let structs = crate::go::zero::struct_types(cx.root, cx.src);
    let last = types.len() - 1;
    let mut values = Vec::with_capacity(types.len());
    for (i, ty) in types.into_iter().enumerate() {
        let value = if i == last && cx.text(ty) == "error" {
            format!("{}.Err()", cx.text(arm.operand))
        } else {
            crate::go::zero::zero_value(ty, cx.src, &structs)
                .ok_or_else(|| cx.text(ty).to_string())?
        };
        values.push(value);
    }
    Ok(format!("return {}", values.join(", ")))
}

/// The fix that ends the arm with `statement`: replacing a final unlabelled
/// `break` or `continue` (see [`final_jump`]), else on a new line after the
/// arm's last statement and the comments that belong to the arm.
fn return_fix(cx: &FileCx<'_>, arm: DoneArm<'_>, statement: String) -> Fix {
    if let Some(jump) = final_jump(arm) {
        return Fix::new(
            Applicability::Safe,
            format!("replace `{}` with `{statement}`", cx.text(jump)),
            vec![Edit::replace(jump.byte_range(), statement)],
        );
    }
    let case_indent = line_indent(cx.src, arm.case.start_byte());
    let mut end = statements(arm.case)
        .last()
        .map_or(arm.case.end_byte(), |s| s.end_byte());
    // Comments after the arm's last statement (all of an empty arm's
    // comments) are children of the `select`: those on the same line or
    // indented deeper than `case` are the arm's.
    let mut next = arm.case.next_named_sibling();
    while let Some(comment) = next.filter(|n| n.kind() == "comment") {
        let same_line = !cx.src[end..comment.start_byte()].contains('\n');
        let indent = line_indent(cx.src, comment.start_byte());
        if !same_line && indent.len() <= case_indent.len() {
            break;
        }
        end = comment.end_byte();
        next = comment.next_named_sibling();
    }
    Fix::new(
        Applicability::Safe,
        format!("add `{statement}`"),
        vec![Edit::insert(
            next_line_start(cx.src, end),
            format!("{case_indent}\t{statement}\n"),
        )],
    )
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::go::file_cx::testing::with_file;
    use crate::lint::fix::apply_edits;
    use crate::lint::rule::RuleSet;

    /// The function body `body` after the rule's fixes, or `None` when the
    /// rule finds nothing; a finding without a fix leaves it unchanged.
    fn fixed(body: &str) -> Option<String> {
        let src = format!("package a\n\nimport \"context\"\n\nfunc f(ctx context.Context, in chan int) {{\n{body}\n}}\n");
        let findings = with_file("a.go", &src, "example.com/a", None, |cx| {
            RuleSet::new(vec![&RULE]).check(&super::RuleCx {
                file: cx,
                settings: &Default::default(),
            })
        });
        if findings.is_empty() {
            return None;
        }
        let edits: Vec<_> = findings
            .iter()
            .flat_map(|f| f.fix.iter())
            .flat_map(|f| &f.change.edits)
            .collect();
        let out = apply_edits(&src, &edits);
        let start = out.find("in chan int) {\n").unwrap() + "in chan int) {\n".len();
        Some(out[start..out.len() - "\n}\n".len()].to_string())
    }

    #[test]
    fn continue_to_the_loop_itself_still_spins() {
        let body = "for {\n\t\tselect {\n\t\tcase <-ctx.Done():\n\t\t\tcontinue\n\t\tcase <-in:\n\t\t}\n\t}";
        let want = body.replace("continue", "return");
        assert_eq!(fixed(body), Some(want));
        // The label could be left unused: reported, not fixed.
        let labelled = "L:\n\tfor {\n\t\tselect {\n\t\tcase <-ctx.Done():\n\t\t\tcontinue L\n\t\tcase <-in:\n\t\t}\n\t}";
        assert_eq!(fixed(labelled).as_deref(), Some(labelled));
    }

    #[test]
    fn jumps_out_of_the_loop_leave_it() {
        let outer = "outer:\n\tfor {\n\t\tfor {\n\t\t\tselect {\n\t\t\tcase <-ctx.Done():\n\t\t\t\tcontinue outer\n\t\t\tcase <-in:\n\t\t\t}\n\t\t}\n\t}";
        assert_eq!(fixed(outer), None);
        let fatal = "for {\n\t\tselect {\n\t\tcase <-ctx.Done():\n\t\t\tt.Fatalf(\"%v\", ctx.Err())\n\t\tcase <-in:\n\t\t}\n\t}";
        assert_eq!(fixed(fatal), None);
    }

    #[test]
    fn breaks_that_stay_in_the_loop() {
        // The break leaves the inner loop only: the return goes after it.
        let nested = "for {\n\t\tselect {\n\t\tcase <-ctx.Done():\n\t\t\tfor range in {\n\t\t\t\tbreak\n\t\t\t}\n\t\tcase <-in:\n\t\t}\n\t}";
        let want = nested.replace(
            "\t\t\t}\n\t\tcase <-in",
            "\t\t\t}\n\t\t\treturn\n\t\tcase <-in",
        );
        assert_eq!(fixed(nested), Some(want));
        // `break sel` leaves the select only, but cannot be replaced.
        let labelled = "for {\n\tsel:\n\t\tselect {\n\t\tcase <-ctx.Done():\n\t\t\tbreak sel\n\t\tcase <-in:\n\t\t}\n\t}";
        assert_eq!(fixed(labelled).as_deref(), Some(labelled));
    }

    #[test]
    fn returns_in_closures_do_not_count() {
        let body = "for {\n\t\tselect {\n\t\tcase <-ctx.Done():\n\t\t\tgo func() {\n\t\t\t\treturn\n\t\t\t}()\n\t\tcase <-in:\n\t\t}\n\t}";
        let want = body.replace("}()\n", "}()\n\t\t\treturn\n");
        assert_eq!(fixed(body), Some(want));
    }

    #[test]
    fn a_break_elsewhere_in_the_loop_may_be_the_way_out() {
        let body = "for {\n\t\tselect {\n\t\tcase <-ctx.Done():\n\t\tcase <-in:\n\t\t}\n\t\tif ctx.Err() != nil {\n\t\t\tbreak\n\t\t}\n\t}";
        assert_eq!(fixed(body), None);
    }
}
