//! ## What it does
//! Finds a function with no context of its own that makes one with
//! `context.TODO()` or `context.Background()`, gives it a
//! `ctx context.Context` first parameter instead, and passes the caller's
//! context down: every caller with a context in scope passes it, and every
//! caller without one is threaded in turn, up to a function that has one or
//! a root that makes one.
//!
//! ## Why
//! "If you are passed a Context, prefer continuing to pass it through the
//! entire call chain." A `TODO()` deep in a call chain marks where that was
//! not done: the request's deadline, cancellation and values stop there.
//! Threading by hand means changing a signature and every caller, across
//! packages, which is why it is left undone.
//!
//! ## Example
//! ```go
//! func HandleRequest(ctx context.Context) {
//!     data := BusinessLogicHandler()
//! }
//!
//! func BusinessLogicHandler() string {
//!     ctx := context.TODO()
//!     return RetrieveData(ctx)
//! }
//! ```
//! becomes
//! ```go
//! func HandleRequest(ctx context.Context) {
//!     data := BusinessLogicHandler(ctx)
//! }
//!
//! func BusinessLogicHandler(ctx context.Context) string {
//!     return RetrieveData(ctx)
//! }
//! ```
//! Roots make the context: `main` and `init` `context.Background()`; tests,
//! benchmarks and fuzz tests `t.Context()` from Go 1.24 on (else
//! `context.Background()`); an `http` handler passes `r.Context()` and a gin
//! handler `c.Request.Context()`, as a function with a context parameter
//! passes it. A call that runs in a goroutine, or in a function literal
//! kept to run later (assigned, returned, stored, or handed to a function
//! named like one that keeps it: `RegisterHandler`, `OnClose`, `AddFunc`,
//! `time.AfterFunc`), gets `context.WithoutCancel(ctx)`, so threading
//! never adds a cancellation the code did not have. So does a call where
//! the caller's context may already be done: in a `case <-ctx.Done():` arm
//! and what only it leads to, after `<-ctx.Done()` or a call handed
//! `ctx.Done()` (`wait.Until(f, period, ctx.Done())` returns when it is
//! done), where `ctx.Err()` is not nil, and in a deferred call — the code
//! there runs once the context has ended, and the root it replaces was
//! never cancelled. And so does a call in a function that a `go` statement
//! starts with a context (`go postConsumeQuota(ctx, …)`): the one that
//! started it may return, and cancel that context, while it runs.
//!
//! ## Fix safety
//! Unsafe: it changes signatures, so code outside the workspace that calls
//! a threaded function breaks, and the functions now follow their callers'
//! deadlines and cancellation. All the declarations and calls of one chain
//! change together, or none.
//!
//! A method of an interface the workspace declares changes with the
//! interface and every method of that name (each implementation), and all
//! their calls, through the interface or not.
//!
//! To keep the churn worth its value, a chain is reported and not threaded
//! when nothing in the workspace calls it (no call would pass a context,
//! and code elsewhere that calls it would break); when every call that
//! starts it passes `context.Background()` (`main`,
//! `init`, tests before Go 1.24): the new parameter would change nothing
//! at run time (`--thread-background-roots` or `[thread-ctx]
//! background-roots = true` threads it all the same); when one fix would
//! change more than 50 calls (`--thread-max-calls N`, `[thread-ctx]
//! max-calls = N`, 0 for no limit): the finding gives its size, for a
//! reviewer to decide; and when the function has a variant that takes a
//! context, `FooContext` or `FooWithContext` (as `net.Dial` has
//! `DialContext`): the finding names it, for the callers that have a
//! context to call instead.
//!
//! ## Limitations
//! A root that is the default of a context given some other way
//! (`if c.Context == nil { c.Context = context.Background() }`, a context
//! option) is deliberate: the function already takes a context, and is
//! not threaded.
//! Only the function a `go` statement starts (or calls in the function
//! literal it starts) counts as started in a goroutine; a function that
//! one of them calls with its context is not followed further.
//! A function is not threaded, and the chains that need it are reported
//! with the reason, when it is used as a value (assigned, passed, stored,
//! a method value), when a call may reach it through a receiver whose type
//! ctxmod cannot see or through an interface that embeds the one declaring
//! it, when another method shares its name but no interface of the
//! workspace declares it or one of that name has another signature, when
//! a method's name is one of the standard library's interface methods
//! (`Close`, `String`, `ServeHTTP`…: the type may satisfy one; the list
//! cannot hold every interface of every module, which `--verify` catches),
//! when it is called at package level, from a gin handler's goroutine, or
//! from a file ctxmod does not edit (generated, excluded, outside the paths
//! given), and an unexported function nobody calls (it may be called by
//! reflection).
//! Exported functions of a package other modules can import — one of a
//! module with no `main` package at its root or under `cmd/`, outside
//! `internal/` — keep their signatures by default (`--exported auto`): each
//! is wrapped as below, so a library's importers never break. Elsewhere
//! (an application's packages) they are threaded like the others.
//! `--exported thread` threads them everywhere, `--exported skip` (or
//! `[thread-ctx] exported = "skip"` in ctxmod.toml) leaves them, and the
//! chains through them, alone, and `--exported wrap` keeps each as a
//! deprecated wrapper everywhere: `Foo(args)` calls a new
//! `FooContext(ctx, args)` with `context.Background()` (the standard
//! library's `Query`/`QueryContext`), and the workspace's callers move to
//! `FooContext` (one that would pass `context.Background()` keeps calling
//! `Foo`, which does the same). A wrapped function may be used as a value or called from
//! code ctxmod does not edit (those keep `Foo`); it is not wrapped when a
//! parameter or its receiver has no name, when `FooContext` is declared
//! already, or when it is an interface method.

mod wrapping;

use crate::index::functions::FunctionFacts;
use crate::index::ids::FuncId;
use crate::index::wanted::WantedNames;
use crate::index::workspace::{FamilyError, Workspace};
use crate::lint::finding::Finding;
use crate::lint::fix::{Applicability, Edit, FileChange, Fix};
use crate::lint::options::{OptionsTable, RuleOptions};
use crate::lint::rule::{ExportedPolicy, Rule, RuleMeta, Settings};
use crate::transforms::threading::{
    argument_edit, needing_from, parameter_edits, plan, CallEdge, FunctionNode,
};
use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use wrapping::{context_name, wrapper};

/// The thread-ctx rule.
pub struct ThreadCtx;

/// The registered instance.
pub static RULE: ThreadCtx = ThreadCtx;

static META: RuleMeta = RuleMeta {
    code: "CTX002",
    id: "thread-ctx",
    summary:
        "a function that makes its own context: take `ctx` as a parameter, through every caller",
    finds: "a function with no context that makes one with `context.TODO()`/`Background()`",
    fixes: "take `ctx` as the first parameter and pass it from every caller, up to one that \
        has a context or a root (`main`, tests, handlers); `WithoutCancel` in goroutines, in \
        function literals kept to run later, where the caller's context may be done, and in \
        functions a `go` statement starts; reported, not threaded, when every chain starts at \
        `context.Background()`, past 50 calls, or beside a `FooContext` variant (unsafe)",
    applicability: Applicability::Unsafe,
    kinds: &[],
    // Leaves call context.TODO()/Background().
    needles: &["context"],
    caller_needles: &[],
    nolint: &["contextcheck"],
};

/// The default of [`ThreadCtxOptions::max_calls`].
pub const MAX_CALLS: usize = 50;

/// thread-ctx's options: `[thread-ctx]` in ctxmod.toml, and flags of
/// `check`, `fix` and `apply`.
#[derive(Debug, Clone, Default, serde::Deserialize, clap::Args)]
#[serde(deny_unknown_fields)]
pub struct ThreadCtxOptions {
    /// What thread-ctx and struct-ctx do with exported functions: `auto`
    /// (the default) wraps them in packages other modules can import (a
    /// module with no `main` package at its root or under `cmd/`, outside
    /// `internal/`) and changes them elsewhere; `thread` changes them like
    /// the others; `wrap` keeps each as a deprecated wrapper of a new
    /// `NameContext`; `skip` leaves them (and chains through them) alone.
    /// Overrides `[thread-ctx] exported` in ctxmod.toml.
    #[arg(long, value_enum, value_name = "POLICY")]
    pub exported: Option<ExportedPolicy>,
    /// The most call sites one thread-ctx fix may change (default 50; 0
    /// for no limit): a larger threading is reported with its size and
    /// not applied. Overrides `[thread-ctx] max-calls` in ctxmod.toml.
    #[arg(long = "thread-max-calls", value_name = "N")]
    #[serde(rename = "max-calls")]
    pub max_calls: Option<usize>,
    /// Also thread chains whose every root makes `context.Background()`
    /// (`main`, `init`, tests before Go 1.24): they change nothing at run
    /// time, and are only reported otherwise. Same as
    /// `[thread-ctx] background-roots = true` in ctxmod.toml.
    #[arg(long = "thread-background-roots")]
    #[serde(default, rename = "background-roots")]
    pub background_roots: bool,
}

impl RuleOptions for ThreadCtxOptions {
    const TABLE: &'static str = "thread-ctx";

    fn merge(self, file: ThreadCtxOptions) -> ThreadCtxOptions {
        ThreadCtxOptions {
            exported: self.exported.or(file.exported),
            max_calls: self.max_calls.or(file.max_calls),
            background_roots: self.background_roots || file.background_roots,
        }
    }
}

impl ThreadCtxOptions {
    /// The most call sites one fix may change; 0 for no limit.
    pub fn max_calls(&self) -> usize {
        self.max_calls.unwrap_or(MAX_CALLS)
    }
}

/// A declared function with its file and facts.
type Declared<'w> = (&'w Arc<Path>, &'w FunctionFacts);

/// A function's key for the planner: unique, and readable in messages.
pub(crate) fn key(id: &FuncId) -> String {
    id.qualified()
}

impl Rule for ThreadCtx {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn summary_parts(&self) -> crate::index::summary_parts::SummaryParts {
        crate::index::summary_parts::SummaryParts::CALLS
    }

    fn options(&self) -> Option<&'static dyn OptionsTable> {
        Some(crate::lint::options::table::<ThreadCtxOptions>())
    }

    fn call_sites_wanted(
        &self,
        workspace: &Workspace,
        _settings: &Settings,
        wanted: &mut WantedNames,
    ) {
        for id in needing_soon(workspace)
            .into_iter()
            .filter(|id| workspace.method_family(id).is_ok())
        {
            wanted.function(id, workspace.declared(id).map(|(_, path, _)| &**path));
        }
    }

    fn check_workspace(
        &self,
        workspace: &Workspace,
        settings: &Settings,
        out: &mut Vec<(PathBuf, Finding)>,
    ) {
        // A function declared for several build constraints is reported
        // where a declaration makes its own context.
        let mut declared: HashMap<String, (&FuncId, Declared<'_>)> = HashMap::new();
        for (id, path, facts) in workspace.functions() {
            match declared.entry(key(id)) {
                Entry::Occupied(e) if e.get().1 .1.is_leaf() && !facts.is_leaf() => {}
                entry => {
                    entry.insert_entry((&**id, (path, facts)));
                }
            }
        }
        let mut nodes = Vec::new();
        let mut edges = Vec::new();
        for id in needing(workspace) {
            let Some((_, (path, facts))) = declared.get(&key(id)) else {
                continue;
            };
            let family = workspace.method_family(id);
            nodes.push(FunctionNode {
                id: key(id),
                leaf: facts.is_leaf(),
                boundary: boundary(workspace, settings, id, path, facts, &family)
                    .or_else(|| undeclared_member(&family, &declared)),
            });
            // The methods of one interface take the context together: each
            // needs it when another does.
            for other in family.iter().flatten().filter(|other| *other != id) {
                edges.push(CallEdge {
                    caller: Some(key(other)),
                    callee: key(id),
                    supplied: false,
                });
            }
            let wrapped = wraps(settings, id, path);
            for call in workspace.callers(id).calls {
                if wrapped && !call.editable {
                    // It keeps calling the wrapper.
                    continue;
                }
                edges.push(CallEdge {
                    caller: call.caller.as_deref().map(key),
                    callee: key(id),
                    supplied: call.supply.is_some(),
                });
            }
        }
        let planned = plan(&nodes, &edges);
        for group in &planned.groups {
            let leaves: Vec<&String> = group
                .iter()
                .filter(|k| declared[*k].1 .1.is_leaf())
                .collect();
            let Some(first) = leaves.first() else {
                continue;
            };
            let (path, facts) = declared[*first].1;
            match thread(workspace, settings, &declared, group) {
                // One fix threads the whole group, reported at its first leaf.
                Ok(fix) => out.push((
                    path.to_path_buf(),
                    Finding::new(
                        &META,
                        facts.first_root.clone().expect("leaves have one"),
                        leaf_message(facts),
                    )
                    .with_fix(fix),
                )),
                // Without a fix, every leaf of the group is reported.
                Err(why) => {
                    for leaf in &leaves {
                        let (path, facts) = declared[*leaf].1;
                        out.push((
                            path.to_path_buf(),
                            Finding::new(
                                &META,
                                facts.first_root.clone().expect("leaves have one"),
                                format!("{} (not fixed: {why})", leaf_message(facts)),
                            ),
                        ));
                    }
                }
            }
        }
        for (k, why) in &planned.blocked {
            let Some((_, (path, facts))) = declared.get(k) else {
                continue;
            };
            if facts.is_leaf() {
                let message = format!("{} (not fixed: {why})", leaf_message(facts));
                out.push((
                    path.to_path_buf(),
                    Finding::new(
                        &META,
                        facts.first_root.clone().expect("leaves have one"),
                        message,
                    ),
                ));
            }
        }
    }
}

fn leaf_message(facts: &FunctionFacts) -> String {
    format!(
        "`{}` makes its own context with context.TODO()/Background(): its callers' deadline, cancellation and values stop here",
        facts.name
    )
}

/// The leaves, and every function whose call of a function on the list
/// cannot pass a context where it stands, transitively.
fn needing(workspace: &Workspace) -> Vec<&FuncId> {
    let leaves = workspace
        .functions()
        .iter()
        .filter(|(_, _, facts)| facts.is_leaf())
        .map(|(id, _, _)| &**id)
        .collect();
    needing_from(workspace, leaves, key)
}

/// [`needing`], and the functions that become leaves once nil-ctx gives
/// their `nil` contexts a `context.TODO()`, with the chains above them:
/// their calls are looked for in the same run, so the threading follows
/// nil-ctx's fix without a second run.
fn needing_soon(workspace: &Workspace) -> Vec<&FuncId> {
    let leaves = workspace
        .functions()
        .iter()
        .filter(|(id, _, facts)| {
            facts.is_leaf()
                || facts.nil_arguments.iter().any(|(callee, arg)| {
                    crate::go::known::known_context_parameter(callee, *arg)
                        || workspace.holds(
                            &id.package,
                            &crate::index::workspace::Condition::CalleeTakesContext {
                                callee: callee.clone(),
                                arg: *arg,
                            },
                        )
                })
        })
        .map(|(id, _, _)| &**id)
        .collect();
    needing_from(workspace, leaves, key)
}

/// Why a function that would need a context cannot take one, if it
/// cannot.
pub(crate) fn boundary(
    workspace: &Workspace,
    settings: &Settings,
    id: &FuncId,
    path: &Path,
    facts: &FunctionFacts,
    family: &Result<Vec<FuncId>, FamilyError>,
) -> Option<String> {
    if facts.context_name_taken {
        return Some(format!(
            "its file imports another package named `{}`, so the context package cannot be named there",
            facts.context_pkg
        ));
    }
    // `Dial` beside `DialContext`: callers that have a context are meant to
    // call the variant, and threading `Dial` would make two of it.
    if let Some(twin) = ["Context", "WithContext"].iter().find_map(|suffix| {
        let twin = FuncId {
            name: format!("{}{suffix}", id.name),
            ..id.clone()
        };
        workspace.declared(&twin).map(|_| twin.name)
    }) {
        return Some(format!(
            "`{}` has a variant that takes a context, `{twin}`: a caller that has a context should call it",
            id.name
        ));
    }
    if wraps(settings, id, path) {
        return unwrappable(workspace, id, facts, family);
    }
    let family = match family {
        Err(why) => return Some(why.to_string()),
        Ok(family) => family,
    };
    let name = &id.name;
    if facts.root.is_some() {
        // It makes a context, but a call in it cannot be given one.
        return Some(format!(
            "`{name}` makes its own context, but where a call in it stands a local variable named `{}` hides the package",
            facts.context_pkg
        ));
    }
    if let Some(why) = workspace.fixed_signature_in_family(id, family) {
        return Some(why.to_string());
    }
    if facts.has_context {
        // It has one, but cannot hand it over where its call stands.
        return Some(format!(
            "`{name}` has a context, but a call in it runs in a goroutine of a gin handler, where the request must be detached before `go`"
        ));
    }
    let called = family
        .iter()
        .any(|member| !workspace.callers(member).calls.is_empty());
    if crate::go::gomod::is_test_file(path) && !called {
        return Some(format!(
            "`{name}` is in a test file and nothing calls it: the test framework may, by reflection"
        ));
    }
    settings.keeps_signature(id, path)
}

/// Why a method family cannot change, when one of its methods is declared
/// where ctxmod does not edit.
fn undeclared_member(
    family: &Result<Vec<FuncId>, FamilyError>,
    declared: &HashMap<String, (&FuncId, Declared<'_>)>,
) -> Option<String> {
    let missing = family
        .iter()
        .flatten()
        .find(|m| !declared.contains_key(&key(m)))?;
    Some(format!(
        "`{}.{}` is declared in a file ctxmod does not edit (generated, excluded or outside the paths given)",
        missing.receiver.as_deref().unwrap_or_default(),
        missing.name
    ))
}

/// True when the function keeps its signature as a wrapper of a new
/// `NameContext` (`--exported wrap`).
pub(crate) fn wraps(settings: &Settings, id: &FuncId, path: &Path) -> bool {
    settings.exported_policy_at(path) == ExportedPolicy::Wrap && id.is_public(path)
}

/// Why an exported function cannot be wrapped, if it cannot. Its old
/// signature stays, so what holds it as a value or calls it from code
/// ctxmod does not edit keeps working.
fn unwrappable(
    workspace: &Workspace,
    id: &FuncId,
    facts: &FunctionFacts,
    family: &Result<Vec<FuncId>, FamilyError>,
) -> Option<String> {
    let name = &id.name;
    if family.as_ref().is_ok_and(|f| f.len() > 1) {
        return Some(format!(
            "`{name}` is a method of an interface, which --exported wrap does not change"
        ));
    }
    if facts.has_context {
        return Some(format!(
            "`{name}` has a context, but a call in it runs in a goroutine of a gin handler, where the request must be detached before `go`"
        ));
    }
    if let Some(Err(why)) = &facts.wrap {
        return Some(format!("`{name}` cannot keep a wrapper: {why}"));
    }
    let new_id = FuncId {
        name: context_name(name),
        ..id.clone()
    };
    if workspace.declares(&new_id) {
        return Some(format!(
            "`{}` exists already, so `{name}` cannot move there",
            new_id.name
        ));
    }
    None
}

/// The fix that threads one group: every declaration takes the context
/// first, every leaf uses it, and every call passes one.
fn thread(
    workspace: &Workspace,
    settings: &Settings,
    declared: &HashMap<String, (&FuncId, Declared<'_>)>,
    group: &BTreeSet<String>,
) -> Result<Fix, String> {
    let mut changes: BTreeMap<PathBuf, FileChange> = BTreeMap::new();
    let mut calls = 0;
    // The calls that pass it detached: in goroutines, or where it may be done.
    let mut detached = 0;
    // What the calls from outside the group pass: where the chain starts.
    let mut entries: BTreeSet<String> = BTreeSet::new();
    for k in group {
        let (id, (path, facts)) = declared[k];
        let wrapped = wraps(settings, id, path);
        let change = changes.entry(path.to_path_buf()).or_default();
        if let (true, Some(Ok(wrap))) = (wrapped, &facts.wrap) {
            change.edits.push(Edit::insert(
                wrap.decl_start,
                wrapper(wrap, &id.name, &facts.context_pkg),
            ));
            change
                .edits
                .push(Edit::replace(wrap.name.clone(), context_name(&id.name)));
        }
        change.edits.extend(parameter_edits(facts));
        for (range, in_goroutine) in &facts.leaf_calls {
            change
                .edits
                .push(Edit::replace(range.clone(), pass(facts, *in_goroutine)?));
        }
        if let Some(lines) = &facts.redundant {
            change.edits.push(Edit::delete(lines.clone()));
        }
        change.add_imports.push("context");
        for call in workspace.callers(id).calls {
            if wrapped && !call.editable {
                continue;
            }
            let caller = call.caller.as_deref().and_then(|c| declared.get(&key(c)));
            let expr = match caller {
                Some((c, (_, caller_facts))) if group.contains(&key(c)) => {
                    if call.in_goroutine && call.context_hidden {
                        return Err(format!(
                            "the call at {} runs later, and a local variable hides the `context` package its context must be detached with",
                            crate::go::paths::place(&call.path, call.line)
                        ));
                    }
                    pass(caller_facts, call.in_goroutine)?
                }
                Some((c, (_, caller_facts))) if workspace.launched_with_context(c) => {
                    let supply = call.supply.clone().ok_or_else(|| {
                        format!(
                            "no context to pass at {}",
                            crate::go::paths::place(&call.path, call.line)
                        )
                    })?;
                    detach_in_goroutine(caller_facts, call, &supply)?
                }
                _ => call.supply.clone().ok_or_else(|| {
                    format!(
                        "no context to pass at {}",
                        crate::go::paths::place(&call.path, call.line)
                    )
                })?,
            };
            let from_outside = !caller.is_some_and(|(c, _)| group.contains(&key(c)));
            if from_outside {
                entries.insert(expr.clone());
            }
            if wrapped && is_background(&expr) {
                // The wrapper passes the same: the call stays as it is.
                continue;
            }
            let change = changes.entry(call.path.to_path_buf()).or_default();
            if let Some((_, (_, caller_facts))) = caller {
                if expr.starts_with(&format!("{}.", caller_facts.context_pkg)) {
                    change.add_imports.push("context");
                }
            }
            if expr.contains(".WithoutCancel(") {
                detached += 1;
            }
            change.edits.push(argument_edit(call, &expr));
            if wrapped {
                change
                    .edits
                    .push(Edit::replace(call.name.clone(), context_name(&id.name)));
            }
            calls += 1;
        }
    }
    for change in changes.values() {
        let e = &change.edits;
        if e.iter()
            .enumerate()
            .any(|(i, a)| e[i + 1..].iter().any(|b| a.conflicts_with(b)))
        {
            return Err("its edits would overlap (nested calls)".into());
        }
    }
    let options = settings.options::<ThreadCtxOptions>();
    let max_calls = options.max_calls();
    if max_calls > 0 && calls > max_calls {
        return Err(format!(
            "threading it changes {} functions and {calls} calls, more than the {max_calls} calls one fix may change; --thread-max-calls (or [thread-ctx] max-calls in ctxmod.toml) raises the limit",
            group.len(),
        ));
    }
    if entries.is_empty() {
        return Err(
            "nothing in the workspace calls it: no call would pass it a context, and code elsewhere that calls it would break"
                .into(),
        );
    }
    let only_background = entries.iter().all(|e| is_background(e));
    if only_background && !options.background_roots {
        return Err(
            "every chain to it starts at context.Background() (main, init, or a test before Go 1.24): threading would change nothing at run time; --thread-background-roots (or [thread-ctx] background-roots = true) applies it"
                .into(),
        );
    }
    let leaf_path = group
        .iter()
        .map(|k| declared[k].1)
        .find(|(_, facts)| facts.is_leaf())
        .map(|(path, _)| path.to_path_buf())
        .expect("a group holds a leaf");
    let home = changes.remove(&leaf_path).unwrap_or_default();
    let mut title = format!(
        "take `ctx` as the first parameter of {} function{} and pass it in {calls} call{}",
        group.len(),
        if group.len() == 1 { "" } else { "s" },
        if calls == 1 { "" } else { "s" }
    );
    if detached > 0 {
        title.push_str(&format!(
            " ({detached} detached with context.WithoutCancel: they run in a goroutine or once the context may be done)"
        ));
    }
    // A wrapped function keeps its signature; the others change theirs.
    let changed = group
        .iter()
        .map(|k| declared[k])
        .filter(|(id, (path, _))| !wraps(settings, id, path));
    let mut fix = Fix::new(Applicability::Unsafe, title, Vec::new())
        .changing_signatures(changed.map(|(id, (path, _))| (id, &**path)));
    fix.change = home;
    Ok(changes
        .into_iter()
        .fold(fix, |fix, (path, change)| fix.also_in(path, change)))
}

/// True when `expr` is `context.Background()`, as a file names the package.
fn is_background(expr: &str) -> bool {
    expr.strip_suffix(".Background()").is_some_and(|pkg| {
        !pkg.is_empty() && pkg.bytes().all(crate::go::syntax::is_identifier_byte)
    })
}

/// What a call passes in a function that some `go` statement starts with
/// a context that is not detached: that context may be cancelled while the
/// function runs (when whoever started it returns), so the context it
/// supplies is detached, as the root it replaces never was cancelled.
/// Already detached contexts and roots pass as they are.
fn detach_in_goroutine(
    facts: &FunctionFacts,
    call: &crate::index::summary::CallSite,
    supply: &str,
) -> Result<String, String> {
    let pkg = &facts.context_pkg;
    if supply.starts_with(&format!("{pkg}.")) || call.in_goroutine {
        return Ok(supply.to_string());
    }
    if call.context_hidden {
        return Err(format!(
            "`{}` runs in a goroutine (a `go` statement starts it) and its call at {} needs context.WithoutCancel, but a local variable hides the `context` package there",
            facts.name,
            crate::go::paths::place(&call.path, call.line)
        ));
    }
    if !facts.detach_ok {
        return Err(format!(
            "`{}` runs in a goroutine (a `go` statement starts it): its calls need context.WithoutCancel, which needs Go 1.21",
            facts.name
        ));
    }
    Ok(format!("{pkg}.WithoutCancel({supply})"))
}

/// What a threaded function passes on: its context, detached in a
/// goroutine (which needs Go 1.21).
fn pass(facts: &FunctionFacts, in_goroutine: bool) -> Result<String, String> {
    if !in_goroutine {
        return Ok(facts.ctx_name.clone());
    }
    if !facts.detach_ok {
        return Err("a goroutine would need context.WithoutCancel, which needs Go 1.21".into());
    }
    Ok(format!(
        "{}.WithoutCancel({})",
        facts.context_pkg, facts.ctx_name
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(text: &str) -> ThreadCtxOptions {
        let set = crate::transforms::configured(text).unwrap();
        set.get::<ThreadCtxOptions>().cloned().unwrap_or_default()
    }

    #[test]
    fn options_come_from_the_thread_ctx_table() {
        let o = options("");
        assert_eq!((o.max_calls(), o.background_roots), (MAX_CALLS, false));
        let o = options("[thread-ctx]\nmax-calls = 200\nbackground-roots = true\n");
        assert_eq!((o.max_calls(), o.background_roots), (200, true));
        assert_eq!(options("[thread-ctx]\nmax-calls = 0\n").max_calls(), 0);
        let o = options("[thread-ctx]\nexported = \"skip\"\n");
        assert_eq!(o.exported, Some(ExportedPolicy::Skip));
        let o = options("[thread-ctx]\nexported = \"wrap\"\n");
        assert_eq!(o.exported, Some(ExportedPolicy::Wrap));
        let err = |text: &str| crate::transforms::configured(text).unwrap_err().to_string();
        assert_eq!(
            err("[thread-ctx]\nexported = \"rewrite\"\n"),
            "ctxmod.toml:2:12: thread-ctx.exported: unknown variant `rewrite`, expected one of `auto`, `thread`, `wrap`, `skip`"
        );
        assert_eq!(
            err("[thread-ctx]\nmax-calls = \"many\"\n"),
            "ctxmod.toml:2:13: thread-ctx.max-calls: invalid type: string \"many\", expected usize"
        );
        assert_eq!(
            err("[thread-ctx]\nfoo = 1\n"),
            "ctxmod.toml:2:1: thread-ctx.foo: unknown field `foo`, expected one of `exported`, `max-calls`, `background-roots`"
        );
    }
}
