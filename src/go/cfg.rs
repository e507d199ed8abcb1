//! A control-flow graph of one function body, statement by statement:
//! blocks, `if`/`else`, `switch` (with `fallthrough`), `select`, `for`
//! (with labels), `break`/`continue`/`goto`, `return`, and calls that never
//! return (`panic`, `os.Exit`, `log.Fatal*`, `t.Fatal*`). A function
//! literal is a body of its own: its statements are not part of the graph
//! of the function around it. `defer` and `go` statements are ordinary
//! statements here; what they start runs elsewhere.
//!
//! Analyses run on it as forward data-flow problems
//! ([`Cfg::forward_may`]): what may hold when a statement starts, over
//! every path from the entry.

use crate::go::syntax::{named_children, statements, text};
use std::collections::HashMap;
use tree_sitter::Node;

/// What a point of the graph stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PointKind {
    /// Where the body starts.
    Entry,
    /// Where the function returns (every `return`, and the body's end).
    Exit,
    /// A simple statement (`node`), or the header of a compound one: an
    /// initializer, an `if`'s or `for`'s condition, a `switch`'s value, a
    /// `select` (all in `node`).
    Statement,
    /// The start of a `case`/`default` clause (`node`): for a `select`, its
    /// communication has happened.
    CaseEntry,
    /// The start of an `if`'s consequence (`then == true`) or of its
    /// alternative, or the path around an `if` without one (`node` is the
    /// `if_statement`).
    Branch {
        /// Which way the condition went.
        then: bool,
    },
}

/// One point of the graph.
#[derive(Debug, Clone, Copy)]
pub struct Point<'t> {
    /// What it stands for.
    pub kind: PointKind,
    /// The syntax it stands for (`None` for the entry and the exit).
    pub node: Option<Node<'t>>,
}

/// The graph of one body.
#[derive(Debug)]
pub struct Cfg<'t> {
    points: Vec<Point<'t>>,
    successors: Vec<Vec<usize>>,
}

/// The index of the entry point.
const ENTRY: usize = 0;
/// The index of the exit point.
const EXIT: usize = 1;

impl<'t> Cfg<'t> {
    /// The graph of a function declaration's, method's or literal's body;
    /// `None` when it has none (an external declaration).
    pub fn of_function(function: Node<'t>, src: &str) -> Option<Cfg<'t>> {
        let body = function.child_by_field_name("body")?;
        let mut builder = Builder {
            cfg: Cfg {
                points: vec![
                    Point {
                        kind: PointKind::Entry,
                        node: None,
                    },
                    Point {
                        kind: PointKind::Exit,
                        node: None,
                    },
                ],
                successors: vec![Vec::new(), Vec::new()],
            },
            src,
            targets: Vec::new(),
            labels: HashMap::new(),
            gotos: Vec::new(),
            pending_label: None,
        };
        let ends = builder.sequence(&statements(body), vec![ENTRY]);
        builder.link(&ends, EXIT);
        for (from, label) in std::mem::take(&mut builder.gotos) {
            if let Some(&to) = builder.labels.get(&label) {
                builder.link(&[from], to);
            }
        }
        Some(builder.cfg)
    }

    /// Every point, by index.
    pub fn points(&self) -> &[Point<'t>] {
        &self.points
    }

    /// The points control may go to from point `i`.
    pub fn successors(&self, i: usize) -> &[usize] {
        &self.successors[i]
    }

    /// The innermost point whose syntax holds `node`: the statement, header
    /// or clause it is part of (a statement inside a clause or a branch is
    /// a point of its own, and smaller). `None` when `node` is outside the
    /// body.
    pub fn point_of(&self, node: Node<'_>) -> Option<usize> {
        self.points
            .iter()
            .enumerate()
            .filter_map(|(i, p)| p.node.map(|n| (i, n)))
            .filter(|(_, n)| n.start_byte() <= node.start_byte() && node.end_byte() <= n.end_byte())
            .min_by_key(|(_, n)| n.end_byte() - n.start_byte())
            .map(|(i, _)| i)
    }

    /// Where control may leave the function from after point `from`
    /// without passing a point `stops` holds for: the point it leaves from
    /// (a `return` statement, or the last statement of a body that falls
    /// off its end), the first such one in a breadth-first walk, so the
    /// nearest. `None` when every path from `from` to the exit passes a
    /// stopping point, or never reaches the exit (a call that never
    /// returns, an endless loop). `go vet`'s lostcancel asks this of the
    /// statement after a `WithCancel`, stopping at the uses of `cancel`
    /// (the header point of a compound statement may stand for the whole
    /// statement: `stops` should look at its header's own syntax only).
    pub fn exit_avoiding(&self, from: usize, stops: impl Fn(&Point<'t>) -> bool) -> Option<usize> {
        let mut seen = vec![false; self.points.len()];
        let mut queue = std::collections::VecDeque::new();
        seen[from] = true;
        queue.push_back(from);
        while let Some(i) = queue.pop_front() {
            if i != from && stops(&self.points[i]) {
                continue;
            }
            if self.successors[i].contains(&EXIT) && i != ENTRY {
                return Some(i);
            }
            for &s in &self.successors[i] {
                if !seen[s] {
                    seen[s] = true;
                    queue.push_back(s);
                }
            }
        }
        None
    }

    /// A forward "may" analysis: the facts that may hold when each point
    /// starts, over every path from the entry, where `transfer` gives what
    /// a point adds and removes (`(gen, kill)`) and `entry` holds at the
    /// start. Facts are small sets; unreachable points hold none.
    pub fn forward_may<F: Clone + PartialEq>(
        &self,
        entry: &[F],
        transfer: impl Fn(&Point<'t>) -> (Vec<F>, Vec<F>),
    ) -> Vec<Vec<F>> {
        let effects: Vec<(Vec<F>, Vec<F>)> = self.points.iter().map(&transfer).collect();
        let mut before: Vec<Option<Vec<F>>> = vec![None; self.points.len()];
        before[ENTRY] = Some(entry.to_vec());
        let mut work = vec![ENTRY];
        while let Some(i) = work.pop() {
            let state = before[i].clone().unwrap_or_default();
            let (gen, kill) = &effects[i];
            let mut after: Vec<F> = state.into_iter().filter(|f| !kill.contains(f)).collect();
            for g in gen {
                if !after.contains(g) {
                    after.push(g.clone());
                }
            }
            for &s in &self.successors[i] {
                // A point is visited once it is reached, and again whenever
                // it may hold more.
                let first = before[s].is_none();
                let target = before[s].get_or_insert_with(Vec::new);
                let mut grew = false;
                for f in &after {
                    if !target.contains(f) {
                        target.push(f.clone());
                        grew = true;
                    }
                }
                if (first || grew) && !work.contains(&s) {
                    work.push(s);
                }
            }
        }
        before.into_iter().map(Option::unwrap_or_default).collect()
    }
}

/// Where `break` and `continue` go from inside a loop, `switch` or `select`.
struct Target {
    label: Option<String>,
    breaks: Vec<usize>,
    /// The point `continue` goes to; `None` for a `switch` or `select`.
    continues: Option<usize>,
}

struct Builder<'t, 's> {
    cfg: Cfg<'t>,
    src: &'s str,
    targets: Vec<Target>,
    labels: HashMap<String, usize>,
    gotos: Vec<(usize, String)>,
    /// The label of the statement being built, for the loop or switch it
    /// labels.
    pending_label: Option<String>,
}

impl<'t> Builder<'t, '_> {
    fn point(&mut self, kind: PointKind, node: Node<'t>, from: &[usize]) -> usize {
        let i = self.cfg.points.len();
        self.cfg.points.push(Point {
            kind,
            node: Some(node),
        });
        self.cfg.successors.push(Vec::new());
        self.link(from, i);
        i
    }

    fn link(&mut self, from: &[usize], to: usize) {
        for &f in from {
            if !self.cfg.successors[f].contains(&to) {
                self.cfg.successors[f].push(to);
            }
        }
    }

    /// Builds `stmts` in order from `from`; returns the points control
    /// leaves them from to go on with what follows.
    fn sequence(&mut self, stmts: &[Node<'t>], from: Vec<usize>) -> Vec<usize> {
        let mut ends = from;
        for &s in stmts {
            ends = self.statement(s, ends);
        }
        ends
    }

    fn statement(&mut self, s: Node<'t>, from: Vec<usize>) -> Vec<usize> {
        let label = self.pending_label.take();
        match s.kind() {
            "block" => self.sequence(&statements(s), from),
            "return_statement" => {
                let p = self.point(PointKind::Statement, s, &from);
                self.link(&[p], EXIT);
                Vec::new()
            }
            "break_statement" | "continue_statement" => {
                let p = self.point(PointKind::Statement, s, &from);
                let wanted = named_children(s)
                    .into_iter()
                    .find(|c| c.kind() == "label_name")
                    .map(|l| text(l, self.src).to_string());
                let is_break = s.kind() == "break_statement";
                let target = self.targets.iter_mut().rev().find(|t| {
                    (wanted.is_none() || t.label == wanted) && (is_break || t.continues.is_some())
                });
                match target {
                    Some(t) if is_break => t.breaks.push(p),
                    Some(t) => {
                        let to = t.continues.expect("a loop");
                        self.link(&[p], to);
                    }
                    None => {}
                }
                Vec::new()
            }
            "goto_statement" => {
                let p = self.point(PointKind::Statement, s, &from);
                if let Some(l) = named_children(s)
                    .into_iter()
                    .find(|c| c.kind() == "label_name")
                {
                    self.gotos.push((p, text(l, self.src).to_string()));
                }
                Vec::new()
            }
            "labeled_statement" => {
                let name = s
                    .child_by_field_name("label")
                    .map(|l| text(l, self.src).to_string())
                    .unwrap_or_default();
                // The label is a point of its own, so `goto` has a target.
                let p = self.point(PointKind::Statement, s, &from);
                self.labels.insert(name.clone(), p);
                let inner = named_children(s)
                    .into_iter()
                    .find(|c| c.kind() != "label_name");
                match inner {
                    Some(inner) => {
                        self.pending_label = Some(name);
                        let ends = self.statement(inner, vec![p]);
                        self.pending_label = None;
                        ends
                    }
                    None => vec![p],
                }
            }
            "if_statement" => self.if_statement(s, from),
            "for_statement" => self.for_statement(s, from, label),
            "expression_switch_statement" | "type_switch_statement" => {
                self.switch_statement(s, from, label)
            }
            "select_statement" => self.select_statement(s, from, label),
            // `fallthrough` is wired by the switch around it.
            "fallthrough_statement" => vec![self.point(PointKind::Statement, s, &from)],
            _ => {
                let p = self.point(PointKind::Statement, s, &from);
                if never_returns(s, self.src) {
                    Vec::new()
                } else {
                    vec![p]
                }
            }
        }
    }

    fn if_statement(&mut self, s: Node<'t>, mut from: Vec<usize>) -> Vec<usize> {
        if let Some(init) = s.child_by_field_name("initializer") {
            from = vec![self.point(PointKind::Statement, init, &from)];
        }
        let condition = s.child_by_field_name("condition").unwrap_or(s);
        let head = self.point(PointKind::Statement, condition, &from);
        let then = self.point(PointKind::Branch { then: true }, s, &[head]);
        let mut ends = match s.child_by_field_name("consequence") {
            Some(block) => self.statement(block, vec![then]),
            None => vec![then],
        };
        let otherwise = self.point(PointKind::Branch { then: false }, s, &[head]);
        match s.child_by_field_name("alternative") {
            Some(alternative) => ends.extend(self.statement(alternative, vec![otherwise])),
            None => ends.push(otherwise),
        }
        ends
    }

    fn for_statement(
        &mut self,
        s: Node<'t>,
        mut from: Vec<usize>,
        label: Option<String>,
    ) -> Vec<usize> {
        let header = named_children(s)
            .into_iter()
            .find(|c| c.kind() != "block" && c.kind() != "comment");
        let clause = header.filter(|h| h.kind() == "for_clause");
        if let Some(init) = clause.and_then(|c| c.child_by_field_name("initializer")) {
            from = vec![self.point(PointKind::Statement, init, &from)];
        }
        // The loop's head: its condition or range clause, or the loop itself.
        let condition = match (header, clause) {
            (_, Some(c)) => c.child_by_field_name("condition"),
            (h, None) => h,
        };
        let head = self.point(PointKind::Statement, condition.unwrap_or(s), &from);
        let update = clause
            .and_then(|c| c.child_by_field_name("update"))
            .map(|u| {
                let p = self.point(PointKind::Statement, u, &[]);
                self.link(&[p], head);
                p
            });
        self.targets.push(Target {
            label,
            breaks: Vec::new(),
            continues: Some(update.unwrap_or(head)),
        });
        let body_ends = match s.child_by_field_name("body") {
            Some(body) => self.statement(body, vec![head]),
            None => vec![head],
        };
        self.link(&body_ends, update.unwrap_or(head));
        let target = self.targets.pop().expect("pushed above");
        let mut ends = target.breaks;
        if condition.is_some() {
            ends.push(head);
        }
        ends
    }

    fn switch_statement(
        &mut self,
        s: Node<'t>,
        mut from: Vec<usize>,
        label: Option<String>,
    ) -> Vec<usize> {
        if let Some(init) = s.child_by_field_name("initializer") {
            from = vec![self.point(PointKind::Statement, init, &from)];
        }
        let value = s.child_by_field_name("value").unwrap_or(s);
        let head = self.point(PointKind::Statement, value, &from);
        self.targets.push(Target {
            label,
            breaks: Vec::new(),
            continues: None,
        });
        let cases: Vec<Node<'t>> = named_children(s)
            .into_iter()
            .filter(|c| matches!(c.kind(), "expression_case" | "type_case" | "default_case"))
            .collect();
        let mut ends = Vec::new();
        let mut fallen: Vec<usize> = Vec::new();
        for case in &cases {
            let entry = self.point(PointKind::CaseEntry, *case, &[head]);
            self.link(&fallen, entry);
            let body = statements(*case);
            let case_ends = self.sequence(&body, vec![entry]);
            if body
                .last()
                .is_some_and(|b| b.kind() == "fallthrough_statement")
            {
                fallen = case_ends;
            } else {
                fallen = Vec::new();
                ends.extend(case_ends);
            }
        }
        if !cases.iter().any(|c| c.kind() == "default_case") {
            ends.push(head);
        }
        ends.extend(self.targets.pop().expect("pushed above").breaks);
        ends
    }

    fn select_statement(
        &mut self,
        s: Node<'t>,
        from: Vec<usize>,
        label: Option<String>,
    ) -> Vec<usize> {
        let head = self.point(PointKind::Statement, s, &from);
        self.targets.push(Target {
            label,
            breaks: Vec::new(),
            continues: None,
        });
        let mut ends = Vec::new();
        for case in named_children(s)
            .into_iter()
            .filter(|c| matches!(c.kind(), "communication_case" | "default_case"))
        {
            let entry = self.point(PointKind::CaseEntry, case, &[head]);
            ends.extend(self.sequence(&statements(case), vec![entry]));
        }
        ends.extend(self.targets.pop().expect("pushed above").breaks);
        ends
    }
}

/// True when the simple statement `s` is a call that never returns:
/// `panic(…)`, `os.Exit`, `runtime.Goexit`, `log.Fatal*`/`log.Panic*` and
/// the `Fatal*`/`FailNow`/`SkipNow` methods of tests.
fn never_returns(s: Node<'_>, src: &str) -> bool {
    if s.kind() != "expression_statement" {
        return false;
    }
    let Some(call) = named_children(s)
        .into_iter()
        .next()
        .filter(|c| c.kind() == "call_expression")
    else {
        return false;
    };
    let Some(function) = call.child_by_field_name("function") else {
        return false;
    };
    match function.kind() {
        "identifier" => text(function, src) == "panic",
        "selector_expression" => {
            let operand = function
                .child_by_field_name("operand")
                .map(|o| text(o, src))
                .unwrap_or_default();
            let field = function
                .child_by_field_name("field")
                .map(|f| text(f, src))
                .unwrap_or_default();
            matches!(
                (operand, field),
                ("os", "Exit")
                    | ("runtime", "Goexit")
                    | (
                        _,
                        "Fatal" | "Fatalf" | "Fatalln" | "FailNow" | "SkipNow" | "Skipf"
                    )
                    | ("log", "Panic" | "Panicf" | "Panicln")
            )
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::go::syntax::{for_each_node, parse};

    /// The texts of the statements reachable from the entry of `f` in
    /// `body`, with whether `mark` may hold at them, where `mark` starts
    /// at the statement `gen` and nothing removes it.
    fn reached_after(body: &str, gen: &str) -> Vec<(String, bool)> {
        let src = format!("package a\nfunc f() {{\n{body}\n}}\n");
        let tree = parse(&src);
        let mut function = None;
        for_each_node(tree.root_node(), |n| {
            if function.is_none() && n.kind() == "function_declaration" {
                function = Some(n);
            }
        });
        let cfg = Cfg::of_function(function.unwrap(), &src).unwrap();
        let facts = cfg.forward_may(&[], |p| match p.node {
            Some(n) if p.kind == PointKind::Statement && text(n, &src) == gen => {
                (vec!["m"], Vec::new())
            }
            _ => (Vec::new(), Vec::new()),
        });
        cfg.points()
            .iter()
            .zip(facts)
            .filter(|(p, _)| p.kind == PointKind::Statement)
            .filter_map(|(p, f)| {
                let n = p.node?;
                (n.kind() == "expression_statement")
                    .then(|| (text(n, &src).to_string(), !f.is_empty()))
            })
            .collect()
    }

    fn holds(facts: &[(String, bool)], statement: &str) -> bool {
        facts
            .iter()
            .find(|(s, _)| s == statement)
            .unwrap_or_else(|| panic!("no statement {statement} in {facts:?}"))
            .1
    }

    #[test]
    fn a_fact_flows_to_what_follows_and_not_to_what_precedes() {
        let f = reached_after("a()\nmark()\nb()", "mark()");
        assert!(!holds(&f, "a()"));
        assert!(holds(&f, "b()"));
    }

    #[test]
    fn branches_join_after_an_if() {
        let f = reached_after("if x {\nmark()\nreturn\n}\nb()", "mark()");
        assert!(!holds(&f, "b()"), "the marked branch returns");
        let f = reached_after("if x {\nmark()\n} else {\nc()\n}\nb()", "mark()");
        assert!(holds(&f, "b()"));
        assert!(!holds(&f, "c()"));
    }

    #[test]
    fn a_loop_carries_a_fact_back_to_its_start() {
        let f = reached_after("for i := 0; i < n; i++ {\na()\nmark()\n}\nb()", "mark()");
        assert!(holds(&f, "a()"));
        assert!(holds(&f, "b()"));
    }

    #[test]
    fn only_breaks_leave_an_unconditional_loop() {
        let body = "for {\nselect {\ncase <-x:\nmark()\nreturn\ncase <-y:\nbreak\n}\n}\nb()";
        let f = reached_after(body, "mark()");
        assert!(!holds(&f, "b()"), "the marked case returns");
        let body =
            "loop:\nfor {\nselect {\ncase <-x:\nmark()\nbreak loop\ncase <-y:\nc()\n}\n}\nb()";
        let f = reached_after(body, "mark()");
        assert!(holds(&f, "b()"));
        assert!(!holds(&f, "c()"), "the marked case leaves the loop");
    }

    #[test]
    fn switch_cases_fall_through() {
        let body = "switch x {\ncase 1:\nmark()\nfallthrough\ncase 2:\nc()\ncase 3:\nd()\n}";
        let f = reached_after(body, "mark()");
        assert!(holds(&f, "c()"));
        assert!(!holds(&f, "d()"));
    }

    #[test]
    fn goto_and_calls_that_never_return() {
        let f = reached_after("mark()\ngoto end\nc()\nend:\nb()", "mark()");
        assert!(!holds(&f, "c()"), "unreachable");
        assert!(holds(&f, "b()"));
        let f = reached_after("if x {\nmark()\nlog.Fatal(err)\n}\nb()", "mark()");
        assert!(!holds(&f, "b()"));
        let f = reached_after("if x {\nmark()\npanic(err)\n}\nb()", "mark()");
        assert!(!holds(&f, "b()"));
    }

    /// The statement through which control leaves `f` from after the
    /// statement `from` without passing a statement that mentions `stop`.
    fn leak(body: &str, from: &str, stop: &str) -> Option<String> {
        let src = format!("package a\nfunc f() {{\n{body}\n}}\n");
        let tree = parse(&src);
        let mut function = None;
        for_each_node(tree.root_node(), |n| {
            if function.is_none() && n.kind() == "function_declaration" {
                function = Some(n);
            }
        });
        let cfg = Cfg::of_function(function.unwrap(), &src).unwrap();
        let start = cfg
            .points()
            .iter()
            .position(|p| p.node.is_some_and(|n| text(n, &src) == from))
            .unwrap();
        // Simple statements only: a compound statement's header point may
        // stand for the whole statement, whose body is points of its own.
        cfg.exit_avoiding(start, |p| {
            p.kind == PointKind::Statement
                && p.node.is_some_and(|n| {
                    matches!(n.kind(), "expression_statement" | "defer_statement")
                        && text(n, &src).contains(stop)
                })
        })
        .map(|i| text(cfg.points()[i].node.unwrap(), &src).to_string())
    }

    #[test]
    fn an_exit_that_avoids_a_use_is_the_nearest_return() {
        let body = "mark()\nif x {\nreturn\n}\ncancel()\nreturn";
        assert_eq!(leak(body, "mark()", "cancel"), Some("return".into()));
        let all = "mark()\ndefer cancel()\nif x {\nreturn\n}\nb()";
        assert_eq!(
            leak(all, "mark()", "cancel"),
            None,
            "the defer is on every path"
        );
        let falls_off = "mark()\nif x {\ncancel()\nreturn\n}\nb()";
        assert_eq!(leak(falls_off, "mark()", "cancel"), Some("b()".into()));
    }

    #[test]
    fn paths_that_never_reach_the_exit_leak_nothing() {
        let panics = "mark()\nif x {\npanic(1)\n}\ncancel()\nreturn";
        assert_eq!(leak(panics, "mark()", "cancel"), None);
        let endless = "mark()\nfor {\nb()\n}";
        assert_eq!(leak(endless, "mark()", "cancel"), None);
        let exits = "mark()\nif x {\nos.Exit(1)\n}\ndefer cancel()";
        assert_eq!(leak(exits, "mark()", "cancel"), None);
    }

    #[test]
    fn a_loop_that_can_break_leaks_through_the_code_after_it() {
        let body = "mark()\nfor {\nif x {\nbreak\n}\ncancel()\nreturn\n}\nb()";
        assert_eq!(leak(body, "mark()", "cancel"), Some("b()".into()));
    }

    #[test]
    fn function_literals_are_bodies_of_their_own() {
        let f = reached_after("go func() {\nmark()\n}()\nb()", "mark()");
        assert!(!holds(&f, "b()"));
    }
}
