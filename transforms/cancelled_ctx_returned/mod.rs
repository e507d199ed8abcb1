//! ## What it does
//! Finds a function or method that makes a context with
//! `context.WithCancel`, `WithTimeout`, `WithDeadline` (or their `Cause`
//! variants, or `signal.NotifyContext`), runs `defer cancel()`, and returns
//! the context. It makes the function return the cancel function too, and
//! every call of the workspace take it and `defer` it instead.
//!
//! ## Why
//! The deferred `cancel()` runs as the function returns: the caller gets a
//! context that is already cancelled, its `Done()` closed and its `Err()`
//! `context.Canceled`. Tests that use it at once may pass; a caller that
//! hands it to a goroutine or a slow call sees it dead. Whoever uses the
//! context must own its cancel function, which is why the `context`
//! constructors return the pair.
//!
//! ## Example
//! ```go
//! func openSession(parent context.Context) context.Context {
//!     ctx, cancel := context.WithTimeout(parent, 30*time.Second)
//!     defer cancel()
//!     return ctx
//! }
//!
//! sessionCtx := openSession(reqCtx)
//! go process(sessionCtx)
//! ```
//! becomes
//! ```go
//! func openSession(parent context.Context) (context.Context, context.CancelFunc) {
//!     ctx, cancel := context.WithTimeout(parent, 30*time.Second)
//!     return ctx, cancel
//! }
//!
//! sessionCtx, cancel := openSession(reqCtx)
//! defer cancel()
//! go process(sessionCtx)
//! ```
//! A call whose result is dropped becomes `_, cancel := f(…)`; one that
//! assigns an existing variable declares the cancel function on the line
//! before (`var cancel context.CancelFunc`). The name is `cancel` unless
//! the calling function already uses it (then `cancelCtx`, `cancel2`, …).
//!
//! ## Fix safety
//! Unsafe: it changes a signature, so code outside the workspace that calls
//! the function breaks. It adds no cancellation: each caller now cancels
//! the context when it returns, where before it was cancelled before the
//! caller even had it. The declaration and every call change together, or
//! none; the finding is reported with the reason, naming the call, when a
//! call is not a statement that takes the context whole (`x := f(…)`,
//! `var x = f(…)`, `x = f(…)` of a local variable, or `f(…)` alone): passed
//! to another call (`go process(f(ctx))`), returned, in an `if` header, and
//! so on; when a call is in a loop (each iteration's deferred cancel would
//! wait for the function to return); or when the caller hands the context
//! on (returns, sends or stores it), where its own `defer` would cancel it
//! too soon again. It is not made either when the function returns other
//! results, or something else than that context on some path, when the
//! context escapes it otherwise (a goroutine, a closure, a struct), or
//! when `cancel` is used elsewhere; nor, as for ctx-not-first, when the
//! function is used as a value, may be called through an interface or an
//! unknown receiver, is called from a file ctxmod does not edit, or is
//! exported under `--exported skip`.
//!
//! ## Limitations
//! Only `ctx, cancel := …` followed in the same block by `defer cancel()`
//! is recognised (not `defer func() { cancel() }()`, nor a `var` or `=`
//! declaration), and only a context returned as that variable (or made
//! from it with `context.WithValue` into the same variable). Function
//! literals are not changed. A function that returns a higher-level type
//! holding the context should store the cancel function in it and call it
//! from a `Close` method: that is the reader's change to make. The finding
//! points at the `defer`: a `//ctxmod:ignore` comment goes on its line or
//! the line above.

mod returns;

use crate::go::paths::place;
use crate::index::call_results::{ResultUse, Taking, TakingStatement, CANCEL_NAMES};
use crate::index::summary::CallSite;
use crate::index::wanted::WantedNames;
use crate::index::workspace::Workspace;
use crate::lint::finding::Finding;
use crate::lint::fix::{Applicability, Edit, FileChange, Fix};
use crate::lint::rule::{Rule, RuleMeta, Settings};
use returns::{CancelledReturn, CancelledReturns};
use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;

/// The cancelled-ctx-returned rule.
pub struct CancelledCtxReturned;

/// The registered instance.
pub static RULE: CancelledCtxReturned = CancelledCtxReturned;

static META: RuleMeta = RuleMeta {
    code: "CTX010",
    id: "cancelled-ctx-returned",
    summary: "a function that returns a context its `defer cancel()` cancels: return `(ctx, cancel)`, callers defer it",
    finds: "a function that returns a context its own `defer cancel()` has already cancelled",
    fixes: "return `(ctx, cancel)`; every call of the workspace takes the cancel function \
        and defers it (unsafe)",
    applicability: Applicability::Unsafe,
    kinds: &[],
    // The context is made by a `context` constructor.
    needles: &["context"],
    caller_needles: &[],
    nolint: &[],
};

impl Rule for CancelledCtxReturned {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn collectors(&self) -> &'static [&'static dyn crate::index::collect::Collector] {
        &[&CancelledReturns]
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
        for found in workspace.facts::<CancelledReturn>() {
            wanted.function(&found.id, Some(&found.path));
        }
    }

    fn check_workspace(
        &self,
        workspace: &Workspace,
        settings: &Settings,
        out: &mut Vec<(PathBuf, Finding)>,
    ) {
        for found in workspace.facts::<CancelledReturn>() {
            let message = format!(
                "`{}` returns `{}`, which its `defer {}({})` has cancelled: callers get a dead context",
                found.id.name, found.context, found.cancel, found.cancel_args
            );
            let finding = Finding::new(&META, found.defer.clone(), &message);
            let finding = match fix(workspace, settings, found) {
                Ok(fix) => finding.with_fix(fix),
                Err(why) => Finding {
                    message: format!("{message} (not fixed: {why})"),
                    ..finding
                },
            };
            out.push((found.path.to_path_buf(), finding));
        }
    }
}

/// The fix that returns the cancel function with the context and defers it
/// at every call, or why it cannot be made.
fn fix(workspace: &Workspace, settings: &Settings, found: &CancelledReturn) -> Result<Fix, String> {
    let declaration = found.change.clone()?;
    if let Some(why) = settings
        .keeps_signature(&found.id, &found.path)
        .or_else(|| {
            workspace
                .fixed_signature(&found.id)
                .map(|why| why.to_string())
        })
    {
        return Err(why);
    }
    let mut changes: BTreeMap<PathBuf, FileChange> = BTreeMap::new();
    changes
        .entry(found.path.to_path_buf())
        .or_default()
        .edits
        .extend(declaration);
    // The names given so far in each calling declaration, by file and scope.
    let mut given: BTreeMap<(PathBuf, usize), HashSet<String>> = BTreeMap::new();
    let calls = workspace.callers(&found.id).calls;
    for call in &calls {
        let statement = taking_statement(call, found)?;
        let given = given
            .entry((call.path.to_path_buf(), statement.scope.start))
            .or_default();
        let name = crate::go::scope::fresh_name_among(CANCEL_NAMES, |n| {
            statement.taken.contains(&n) || given.contains(n)
        })
        .ok_or_else(|| format!("no free name for the cancel function at {}", at(call)))?;
        given.insert(name.clone());
        let change = changes.entry(call.path.to_path_buf()).or_default();
        let edits = deferring(statement, found, &name)
            .map_err(|why| format!("the call at {} is {why}", at(call)))?;
        change.edits.extend(edits);
        change.declares.push((statement.scope.clone(), name));
        if matches!(statement.form, Taking::Assigned { .. }) {
            change.add_imports.push("context");
        }
    }
    for change in changes.values() {
        let e = &change.edits;
        if e.iter()
            .enumerate()
            .any(|(i, a)| e[i + 1..].iter().any(|b| a.conflicts_with(b)))
        {
            return Err("some of its calls overlap".into());
        }
    }
    let title = format!(
        "return `{}` with the context, and `defer` it in {}",
        found.cancel,
        crate::lint::words::count(calls.len(), "call")
    );
    let mut fix = Fix::new(Applicability::Unsafe, title, Vec::new())
        .changing_signatures([(&*found.id, &*found.path)]);
    fix.change = changes.remove(&*found.path).unwrap_or_default();
    Ok(changes
        .into_iter()
        .fold(fix, |fix, (path, change)| fix.also_in(path, change)))
}

/// `file:line` of a call.
fn at(call: &CallSite) -> String {
    place(&call.path, call.line)
}

/// The statement that takes the context at `call`, when a `defer` of the
/// cancel function can follow it there.
fn taking_statement<'c>(
    call: &'c CallSite,
    found: &CancelledReturn,
) -> Result<&'c TakingStatement, String> {
    let statement = match &call.results {
        ResultUse::Taken(statement) => statement,
        ResultUse::Other(how) => return Err(format!("the call at {} is {how}", at(call))),
    };
    if statement.in_loop {
        return Err(format!(
            "the call at {} is in a loop: a `defer {}()` there would keep every iteration's context until the function returns",
            at(call),
            found.cancel
        ));
    }
    if let Some((how, line)) = statement.handed_on {
        return Err(format!(
            "the context from the call at {} is {how} on line {line}: a `defer` there would cancel it too soon as well",
            at(call)
        ));
    }
    Ok(statement)
}

/// The edits that make `statement` take the cancel function as `name`
/// too, and `defer` it on the next line; why not, when the cancel function
/// needs a `var` whose type cannot be named there.
fn deferring(
    statement: &TakingStatement,
    found: &CancelledReturn,
    name: &str,
) -> Result<Vec<Edit>, String> {
    let indent = &statement.indent;
    let deferred = Edit::insert(
        statement.next_line,
        format!("{indent}defer {name}({})\n", found.cancel_args),
    );
    let taken = match statement.form {
        Taking::Declared { names_end } => vec![Edit::insert(names_end, format!(", {name}"))],
        Taking::Assigned { left_end } => {
            let context_pkg = statement.context_pkg.as_deref().ok_or(
                "where a local variable hides the `context` package, which the cancel function's `var` must name",
            )?;
            vec![
                Edit::insert(
                    statement.line_start,
                    format!("{indent}var {name} {context_pkg}.{}\n", found.cancel_type),
                ),
                Edit::insert(left_end, format!(", {name}")),
            ]
        }
        Taking::Discarded => vec![Edit::insert(
            statement.range.start,
            format!("_, {name} := "),
        )],
    };
    Ok(taken.into_iter().chain([deferred]).collect())
}
