//! Planning which functions get a `ctx context.Context` parameter: from the
//! leaves that make a context of their own (`context.TODO()`), up through
//! every caller that has none, to callers that do or that are roots. A
//! function whose signature cannot change (a boundary) blocks every
//! function that would need a context from it. Pure graph logic: the
//! thread-ctx rule supplies the functions and calls.

use crate::go::edit::Edit;
use crate::index::functions::FunctionFacts;
use crate::index::ids::FuncId;
use crate::index::summary::CallSite;
use crate::index::workspace::Workspace;
use std::collections::{BTreeMap, BTreeSet};

/// The functions that must take a context so that `seeds` can: the seeds,
/// the other methods of their interface ([`Workspace::method_family`]),
/// and every function whose call of one on the list cannot pass a context
/// where it stands, transitively. `key` names a function uniquely. A
/// method whose name is shared otherwise is not followed further: it is a
/// boundary whatever its callers are.
pub fn needing_from<'w>(
    workspace: &'w Workspace,
    seeds: Vec<&'w FuncId>,
    key: impl Fn(&FuncId) -> String,
) -> Vec<&'w FuncId> {
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut work = seeds;
    let mut needed = Vec::new();
    while let Some(id) = work.pop() {
        if !seen.insert(key(id)) {
            continue;
        }
        needed.push(id);
        match workspace.method_family(id) {
            Err(_) => continue,
            Ok(family) => work.extend(
                family
                    .iter()
                    .filter_map(|member| declared_id(workspace, member)),
            ),
        }
        for call in workspace.callers(id).calls {
            if let (Some(caller), None) = (&call.caller, &call.supply) {
                work.push(caller);
            }
        }
    }
    needed
}

/// The workspace's own id of a declared function, so that the list of
/// needed functions borrows from the workspace.
fn declared_id<'w>(workspace: &'w Workspace, id: &FuncId) -> Option<&'w FuncId> {
    workspace.declared(id).map(|(declared, _, _)| &**declared)
}

/// The edits that give a function its new context parameter, first. In a
/// list of unnamed parameters, a declaration without a body gets an
/// unnamed `context.Context`; one with a body names the others `_`, as Go
/// allows no mix of named and unnamed parameters.
pub fn parameter_edits(facts: &FunctionFacts) -> Vec<Edit> {
    let unnamed = !facts.unnamed_params.is_empty();
    let name = if unnamed && !facts.has_body {
        String::new()
    } else {
        format!("{} ", facts.ctx_name)
    };
    let mut first = format!(
        "{name}{}.Context{}",
        facts.context_pkg, facts.first_separator
    );
    let mut edits = Vec::new();
    for &start in facts.unnamed_params.iter().filter(|_| facts.has_body) {
        // Two inserts at one offset would conflict: the first parameter
        // right after `(` takes its `_` from the same edit.
        if start == facts.param_insert {
            first.push_str("_ ");
        } else {
            edits.push(Edit::insert(start, "_ "));
        }
    }
    edits.insert(0, Edit::insert(facts.param_insert, first));
    edits
}

/// The edit that passes `expr` as the new first argument of a call.
pub fn argument_edit(call: &CallSite, expr: &str) -> Edit {
    Edit::insert(
        call.arguments.start + 1,
        format!("{expr}{}", call.first_separator),
    )
}

/// A function as the planner sees it.
#[derive(Debug, Clone)]
pub struct FunctionNode<Id> {
    /// Its identity.
    pub id: Id,
    /// True when it makes a context of its own that should come from its
    /// caller (a leaf).
    pub leaf: bool,
    /// Why its signature cannot change, if it cannot: used as a value,
    /// called from code ctxmod cannot see, and so on.
    pub boundary: Option<String>,
}

/// A call of a function of the graph.
#[derive(Debug, Clone)]
pub struct CallEdge<Id> {
    /// The function the call is in; `None` at package level.
    pub caller: Option<Id>,
    /// The function called.
    pub callee: Id,
    /// True when the call site can supply a context without threading its
    /// caller: a context is in scope there, or the caller is a root.
    pub supplied: bool,
}

/// What the planner decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan<Id: Ord> {
    /// Sets of functions threaded together (one fix each): connected by
    /// calls, so their declarations and call sites change as one.
    pub groups: Vec<BTreeSet<Id>>,
    /// Functions that needed a context but cannot get one, with why.
    pub blocked: BTreeMap<Id, String>,
}

/// Plans the threading of `nodes` given every call between them.
pub fn plan<Id: Ord + Clone + std::fmt::Display>(
    nodes: &[FunctionNode<Id>],
    edges: &[CallEdge<Id>],
) -> Plan<Id> {
    let by_id: BTreeMap<&Id, &FunctionNode<Id>> = nodes.iter().map(|n| (&n.id, n)).collect();
    let mut callers_of: BTreeMap<&Id, Vec<&CallEdge<Id>>> = BTreeMap::new();
    for e in edges {
        callers_of.entry(&e.callee).or_default().push(e);
    }
    let mut blocked: BTreeMap<Id, String> = BTreeMap::new();
    loop {
        let needed = needing_context(nodes, &by_id, &callers_of, &blocked);
        // A needed function is blocked by its own boundary, by a call from
        // package level, or by a caller that needs a context but is blocked.
        let mut newly = BTreeMap::new();
        for id in &needed {
            let node = by_id[id];
            if let Some(reason) = &node.boundary {
                newly.insert(id.clone(), reason.clone());
                continue;
            }
            for e in callers_of
                .get(id)
                .into_iter()
                .flatten()
                .filter(|e| !e.supplied)
            {
                match &e.caller {
                    None => {
                        newly.insert(
                            id.clone(),
                            "called at package level, where there is no context".to_string(),
                        );
                    }
                    Some(caller) if blocked.contains_key(caller) || !by_id.contains_key(caller) => {
                        let why = blocked.get(caller).map_or_else(
                            || "its caller is not in the workspace".to_string(),
                            |r| format!("its caller {caller} cannot take a context: {r}"),
                        );
                        newly.insert(id.clone(), why);
                    }
                    Some(_) => {}
                }
            }
        }
        newly.retain(|id, _| !blocked.contains_key(id));
        if newly.is_empty() {
            let groups = group(&needed, edges);
            return Plan { groups, blocked };
        }
        blocked.extend(newly);
    }
}

/// Every function that must take a context: the unblocked leaves, and the
/// callers that cannot supply one to a function that must.
fn needing_context<'a, Id: Ord + Clone>(
    nodes: &'a [FunctionNode<Id>],
    by_id: &BTreeMap<&Id, &FunctionNode<Id>>,
    callers_of: &BTreeMap<&Id, Vec<&'a CallEdge<Id>>>,
    blocked: &BTreeMap<Id, String>,
) -> BTreeSet<Id> {
    let mut needed: BTreeSet<Id> = BTreeSet::new();
    let mut work: Vec<Id> = nodes
        .iter()
        .filter(|n| n.leaf && !blocked.contains_key(&n.id))
        .map(|n| n.id.clone())
        .collect();
    while let Some(id) = work.pop() {
        if !needed.insert(id.clone()) {
            continue;
        }
        for e in callers_of
            .get(&id)
            .into_iter()
            .flatten()
            .filter(|e| !e.supplied)
        {
            // A caller outside the graph blocks the callee instead (see
            // `plan`).
            if let Some(caller) = e.caller.as_ref().filter(|c| by_id.contains_key(c)) {
                if !needed.contains(caller) {
                    work.push(caller.clone());
                }
            }
        }
    }
    needed
}

/// Splits the needed functions into groups connected by calls between them.
fn group<Id: Ord + Clone>(needed: &BTreeSet<Id>, edges: &[CallEdge<Id>]) -> Vec<BTreeSet<Id>> {
    let mut group_of: BTreeMap<Id, usize> = needed
        .iter()
        .cloned()
        .enumerate()
        .map(|(i, id)| (id, i))
        .collect();
    let mut groups: Vec<BTreeSet<Id>> = needed
        .iter()
        .map(|id| BTreeSet::from([id.clone()]))
        .collect();
    for e in edges {
        let Some(caller) = &e.caller else { continue };
        let (Some(&a), Some(&b)) = (group_of.get(caller), group_of.get(&e.callee)) else {
            continue;
        };
        if a != b {
            let moved = std::mem::take(&mut groups[b]);
            for id in &moved {
                group_of.insert(id.clone(), a);
            }
            groups[a].extend(moved);
        }
    }
    groups.retain(|g| !g.is_empty());
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(id: &'static str, leaf: bool) -> FunctionNode<&'static str> {
        FunctionNode {
            id,
            leaf,
            boundary: None,
        }
    }

    fn call(
        caller: Option<&'static str>,
        callee: &'static str,
        supplied: bool,
    ) -> CallEdge<&'static str> {
        CallEdge {
            caller,
            callee,
            supplied,
        }
    }

    #[test]
    fn threads_up_to_a_caller_with_a_context() {
        // HandleRequest(r) -> Business() -> Retrieve() with TODO.
        let nodes = [
            node("Handle", false),
            node("Business", false),
            node("Retrieve", true),
        ];
        let edges = [
            call(Some("Handle"), "Business", true),
            call(Some("Business"), "Retrieve", false),
        ];
        let p = plan(&nodes, &edges);
        assert_eq!(p.groups, vec![BTreeSet::from(["Business", "Retrieve"])]);
        assert!(p.blocked.is_empty());
    }

    #[test]
    fn a_boundary_blocks_the_functions_below_it() {
        let mut top = node("Top", false);
        top.boundary = Some("used as a value".into());
        let nodes = [
            top,
            node("Mid", false),
            node("Leaf", true),
            node("Other", true),
        ];
        let edges = [
            call(Some("Top"), "Mid", false),
            call(Some("Mid"), "Leaf", false),
            call(Some("Main"), "Other", true),
        ];
        let p = plan(&nodes, &edges);
        assert_eq!(p.groups, vec![BTreeSet::from(["Other"])]);
        assert_eq!(p.blocked["Top"], "used as a value");
        assert!(p.blocked["Mid"].starts_with("its caller Top cannot take a context"));
        assert!(p.blocked["Leaf"].starts_with("its caller Mid"));
    }

    #[test]
    fn package_level_and_unknown_callers_block() {
        let nodes = [node("A", true), node("B", true)];
        let edges = [call(None, "A", false), call(Some("elsewhere"), "B", false)];
        let p = plan(&nodes, &edges);
        assert!(p.groups.is_empty());
        assert!(p.blocked["A"].contains("package level"));
        assert!(p.blocked["B"].contains("not in the workspace"));
    }

    #[test]
    fn recursion_and_separate_chains() {
        let nodes = [node("R", true), node("X", true), node("Y", false)];
        let edges = [
            call(Some("R"), "R", false),
            call(Some("main"), "R", true),
            call(Some("Y"), "X", false),
            call(Some("main"), "Y", true),
        ];
        let p = plan(&nodes, &edges);
        assert_eq!(
            p.groups,
            vec![BTreeSet::from(["R"]), BTreeSet::from(["X", "Y"])]
        );
    }
}
