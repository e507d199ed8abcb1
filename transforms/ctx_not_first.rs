//! ## What it does
//! Finds a function or method whose `context.Context` parameter is not the
//! first one, moves it first, and reorders the arguments of every call in
//! the workspace to match.
//!
//! ## Why
//! The `context` package documentation: "The Context should be the first
//! parameter, typically named ctx." Every Go reader, linter and tool
//! expects it there; a context in the middle of a parameter list is easy to
//! miss when threading it through, and easy to pass in the wrong slot when
//! two parameters share a type.
//!
//! ## Example
//! ```go
//! func Invoice(id string, ctx context.Context) error
//! // in another package:
//! err := billing.Invoice("42", ctx)
//! ```
//! becomes
//! ```go
//! func Invoice(ctx context.Context, id string) error
//! err := billing.Invoice(ctx, "42")
//! ```
//!
//! ## Fix safety
//! Unsafe: it changes a signature, and code outside the workspace that
//! calls the function breaks. Inside the workspace the declaration and every
//! call change together, or none: the parameters and arguments are moved as
//! written, so their comments and line breaks stay. The fix is not made
//! (the finding is reported with the reason) when the function is used as
//! a value (its type would change under the code that holds it), when a
//! call may reach it through a receiver whose type ctxmod cannot see, when
//! another method has the same name (it may be called through an
//! interface), when a call passes fewer arguments than the context's
//! position, when calls nest in one another's arguments, or when the
//! parameter list has comments or declares the context together with
//! another parameter (`a, ctx context.Context` is not possible, but
//! `ctx1, ctx2 context.Context` is).
//!
//! ## Limitations
//! A test helper's `t` (`*testing.T`, `*testing.B`, `*testing.F`,
//! `testing.TB`) may come before the context, as Go's own test helpers
//! have it (`CommandContext(t testing.TB, ctx context.Context, …)`).
//! `--exported skip` and `--exported wrap` leave exported functions alone
//! (a wrapper would only move the context under a new name).
//! Interface methods are not moved (the interface and every implementation
//! would have to change together), so methods named like one are left
//! alone. Function literals and function types are not changed.

use crate::go::file_cx::FileCx;
use crate::go::syntax::{named_children, text};
use crate::go::typing::TypeRef;
use crate::index::collect::{Collector, Declaration, Fact, Facts};
use crate::index::ids::FuncId;
use crate::index::wanted::WantedNames;
use crate::index::workspace::Workspace;
use crate::lint::finding::Finding;
use crate::lint::fix::{Applicability, Edit, FileChange, Fix};
use crate::lint::rule::{Rule, RuleMeta, Settings};
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tree_sitter::Node;

/// The ctx-not-first rule.
pub struct CtxNotFirst;

/// The registered instance.
pub static RULE: CtxNotFirst = CtxNotFirst;

static META: RuleMeta = RuleMeta {
    code: "CTX015",
    id: "ctx-not-first",
    summary: "a `context.Context` parameter that is not first: move it first, with every call",
    finds: "a `context.Context` parameter that is not first",
    fixes: "move it first in the declaration and every call of the workspace (unsafe)",
    applicability: Applicability::Unsafe,
    kinds: &[],
    // Declarations with a context parameter mention the package.
    needles: &["context"],
    caller_needles: &[],
    nolint: &["revive"],
};

/// Gathers the [`LateContext`]s of every file.
struct LateContexts;

impl Collector for LateContexts {
    fn collect(&self, cx: &FileCx<'_>, decl: Node<'_>, at: &Declaration<'_>, out: &mut Facts) {
        out.extend(late_context(cx, decl, at));
    }
}

/// A function or method whose `context.Context` parameter is not first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LateContext {
    /// The function.
    pub id: FuncId,
    /// Its file.
    pub path: Arc<Path>,
    /// Each parameter declaration's bytes and text, in order.
    pub params: Vec<(Range<usize>, String)>,
    /// Which declaration is the context.
    pub context_decl: usize,
    /// The context's position among the parameters: the argument to move.
    pub context_arg: usize,
    /// True when the parameter list has no comments and the context's
    /// declaration names only it, so the declarations can be swapped.
    pub movable: bool,
}

impl Fact for LateContext {}

impl Rule for CtxNotFirst {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn collectors(&self) -> &'static [&'static dyn Collector] {
        &[&LateContexts]
    }

    fn summary_parts(&self) -> crate::index::summary_parts::SummaryParts {
        crate::index::summary_parts::SummaryParts::CALLS
    }

    fn call_sites_wanted(
        &self,
        workspace: &Workspace,
        _settings: &Settings,
        wanted: &mut WantedNames,
    ) {
        for late in workspace.facts::<LateContext>() {
            wanted.function(&late.id, Some(&late.path));
        }
    }

    fn check_workspace(
        &self,
        workspace: &Workspace,
        settings: &Settings,
        out: &mut Vec<(PathBuf, Finding)>,
    ) {
        for late in workspace.facts::<LateContext>() {
            let name = match &late.id.receiver {
                Some(receiver) => format!("{receiver}.{}", late.id.name),
                None => late.id.name.clone(),
            };
            let message = format!("the context.Context parameter of `{name}` is not first");
            let range = late.params[late.context_decl].0.clone();
            let moved = match settings.keeps_signature(&late.id, &late.path) {
                Some(why) => Err(why),
                None => move_first(workspace, late),
            };
            let finding = match moved {
                Ok(fix) => Finding::new(&META, range, message).with_fix(fix),
                Err(why) => Finding::new(&META, range, format!("{message} (not fixed: {why})")),
            };
            out.push((late.path.to_path_buf(), finding));
        }
    }
}

/// The fix that moves the context first in the declaration and every call,
/// or why it cannot be made.
fn move_first(workspace: &Workspace, late: &LateContext) -> Result<Fix, String> {
    if !late.movable {
        return Err(
            "the parameter list has comments, or declares the context with another parameter"
                .into(),
        );
    }
    if let Some(why) = workspace.fixed_signature(&late.id) {
        return Err(why.to_string());
    }
    let callers = workspace.callers(&late.id);
    let mut by_file: BTreeMap<PathBuf, Vec<Edit>> = BTreeMap::new();
    by_file
        .entry(late.path.to_path_buf())
        .or_default()
        .extend(moved_first(&late.params, late.context_decl));
    for call in &callers.calls {
        if call.args.len() <= late.context_arg {
            return Err(format!(
                "the call at {} passes fewer arguments than that",
                crate::go::paths::place(&call.path, call.line)
            ));
        }
        by_file
            .entry(call.path.to_path_buf())
            .or_default()
            .extend(moved_first(&call.args, late.context_arg));
    }
    for edits in by_file.values() {
        let nested = edits
            .iter()
            .enumerate()
            .any(|(i, a)| edits[i + 1..].iter().any(|b| a.conflicts_with(b)));
        if nested {
            return Err("some of its calls are nested in another's arguments".into());
        }
    }
    let calls = callers.calls.len();
    let title = format!(
        "move the context first here and in {}",
        crate::lint::words::count(calls, "call")
    );
    let here = by_file.remove(&*late.path).unwrap_or_default();
    let fix = by_file.into_iter().fold(
        Fix::new(Applicability::Unsafe, title, here).changing_signatures([(&late.id, &*late.path)]),
        |fix, (path, edits)| fix.also_in(path, FileChange::new(edits)),
    );
    Ok(fix)
}

/// The edits that move item `index` of a list to the front, shifting the
/// ones before it along; each item keeps its slot's surroundings.
fn moved_first(items: &[(Range<usize>, String)], index: usize) -> Vec<Edit> {
    (0..=index)
        .map(|slot| {
            let from = if slot == 0 { index } else { slot - 1 };
            Edit::replace(items[slot].0.clone(), items[from].1.clone())
        })
        .collect()
}

/// The declaration's context parameter, when it has one and it is not
/// first.
fn late_context(cx: &FileCx<'_>, decl: Node<'_>, at: &Declaration<'_>) -> Option<LateContext> {
    let id = at.function?;
    let list = decl.child_by_field_name("parameters")?;
    let decls = named_children(list);
    let names = |p: &Node<'_>| {
        let mut cursor = p.walk();
        let count = p.children_by_field_name("name", &mut cursor).count();
        count.max(1)
    };
    let is_context = |p: &Node<'_>| {
        p.kind() == "parameter_declaration"
            && p.child_by_field_name("type")
                .is_some_and(|t| TypeRef::of(cx, t).is_context())
    };
    let context_decl = decls.iter().position(is_context)?;
    // Test helpers take their `t` first by convention (`testing.TB`,
    // `*testing.T`, …), and the context right after.
    let testing = |p: &Node<'_>| {
        p.child_by_field_name("type").is_some_and(|t| {
            let ty = TypeRef::of(cx, t);
            matches!(ty.named(), Some(("testing", "T" | "B" | "F" | "TB")))
        })
    };
    if decls[..context_decl].iter().all(testing) {
        return None;
    }
    let mut cursor = list.walk();
    let has_comments = list
        .named_children(&mut cursor)
        .any(|c| c.kind() == "comment");
    Some(LateContext {
        id: FuncId::clone(id),
        path: at.path.clone(),
        params: decls
            .iter()
            .map(|p| (p.byte_range(), text(*p, cx.src).to_string()))
            .collect(),
        context_decl,
        context_arg: decls[..context_decl].iter().map(names).sum(),
        movable: !has_comments && names(&decls[context_decl]) == 1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moving_first_shifts_the_others() {
        let items: Vec<(Range<usize>, String)> = ["a", "b", "ctx", "d"]
            .iter()
            .enumerate()
            .map(|(i, t)| (i * 10..i * 10 + 1, t.to_string()))
            .collect();
        let texts: Vec<String> = moved_first(&items, 2).into_iter().map(|e| e.text).collect();
        assert_eq!(texts, vec!["ctx", "a", "b"]);
    }
}
