//! ## What it does
//! Finds a struct field of type `context.Context`, removes it, and has
//! every method that read it take `ctx context.Context` as its first
//! parameter instead. The field's value goes from every composite literal
//! (`ctx: ctx,`) and assignment (`p.ctx = ctx`) that set it; each read
//! `p.ctx` becomes `ctx`; and every call of those methods passes a context,
//! threaded from its callers as thread-ctx does: a caller with a context in
//! scope passes it, one without is threaded in turn, up to a root
//! (`main`, a test, an HTTP or gin handler).
//!
//! ## Why
//! The `context` package documentation: "Do not store Contexts inside a
//! struct type; instead, pass a Context explicitly to each function that
//! needs it." A stored context belongs to whoever made the struct, so the
//! callers of its methods cannot give a call its own deadline, cancel it,
//! or attach values to it; the struct's life and the request's get tied
//! together.
//!
//! ## Example
//! ```go
//! type BatchProducer struct {
//!     client *batch.Client
//!     ctx    context.Context
//! }
//!
//! func NewBatchProducer(ctx context.Context, opts []batch.Option) *BatchProducer {
//!     client, _ := batch.New(ctx, opts...)
//!     return &BatchProducer{
//!         client: client,
//!         ctx:    ctx,
//!     }
//! }
//!
//! func (bp *BatchProducer) OnRecordSucceeded(metadata any) {
//!     md, _ := metadata.(*Metadata)
//!     bp.client.Ack(bp.ctx, md.Delivery, md.Queue)
//! }
//! ```
//! becomes
//! ```go
//! type BatchProducer struct {
//!     client *batch.Client
//! }
//!
//! func NewBatchProducer(ctx context.Context, opts []batch.Option) *BatchProducer {
//!     client, _ := batch.New(ctx, opts...)
//!     return &BatchProducer{
//!         client: client,
//!     }
//! }
//!
//! func (bp *BatchProducer) OnRecordSucceeded(ctx context.Context, metadata any) {
//!     md, _ := metadata.(*Metadata)
//!     bp.client.Ack(ctx, md.Delivery, md.Queue)
//! }
//! ```
//! and every `bp.OnRecordSucceeded(md)` passes its caller's context. A
//! method that already has a context parameter uses it for the field's
//! reads, and keeps its signature; one that copies the field into a local
//! (`ctx := bp.ctx`) takes a parameter of that name, and the copy goes.
//!
//! ## Fix safety
//! Unsafe: it changes signatures (code outside the workspace that calls a
//! changed method, or sets the field, breaks) and the methods now follow
//! their callers' deadlines and cancellation instead of the stored
//! context's. Everything of one struct changes together, or nothing: the
//! field, every literal and assignment that sets it, every method that
//! reads it, and all their callers. The fix is not made, and the finding
//! says why with the file and line, when the field is read anywhere but
//! through the receiver of one of the struct's methods, or returned,
//! stored elsewhere, sent, captured by a closure or used by a goroutine
//! (its lifetime is then the struct's, which no caller's context has);
//! when it is set by a method that starts the struct's work (`Start`,
//! `Run`, `Serve`, `Listen`, `Open`, `Init`, `Connect`, caddy's
//! `Provision`…): it is that work's lifetime;
//! when its `Done()` is waited on (`case <-b.ctx.Done():`): the struct
//! follows the end of the context it was given — a client's or a server's
//! lifetime — and a caller's context would end at other times;
//! when a call of a changed method runs in a goroutine; when a literal
//! sets the fields by position; when a value stored in the field could do
//! more than make a context (a call) or dropping it would leave a variable
//! unused; when a use of a field of that name has a receiver whose type
//! ctxmod cannot tell; and when a method cannot change its signature (the
//! same reasons as for thread-ctx: used as a value, a name another method
//! shares, a caller in a file ctxmod does not edit, an exported method with
//! no caller in the workspace, which may satisfy an interface of another
//! module, and a method of a struct that embeds a type of another module,
//! whose interface it may implement: caddy's `resolverClient` embeds
//! `acme.Client` and overrides its `LookupTxt`).
//!
//! ## Limitations
//! A struct that embeds `context.Context` is a context itself: it is
//! custom-context's business, not reported here. One with more than one
//! context field is reported without a fix. A constructor keeps its `ctx` parameter even when storing
//! it was its only use (Go and vet accept an unused parameter; dropping it
//! would change every caller, and could leave their contexts unused): a
//! reviewer may remove it. Without gofmt installed the remaining fields
//! keep their old alignment. Interface methods are not changed, and
//! methods reached only through an interface are not found.

use crate::go::syntax::is_exported;
use crate::index::fields::{ContextField, FieldAccess, FieldUse};
use crate::index::functions::FunctionFacts;
use crate::index::ids::FuncId;
use crate::index::wanted::WantedNames;
use crate::index::workspace::Workspace;
use crate::lint::finding::Finding;
use crate::lint::fix::{Applicability, Edit, FileChange, Fix};
use crate::lint::rule::{ExportedPolicy, Rule, RuleMeta, Settings};
use crate::transforms::thread_ctx::{boundary, key, wraps};
use crate::transforms::threading::{
    argument_edit, needing_from, parameter_edits, plan, CallEdge, FunctionNode,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The struct-ctx rule.
pub struct StructCtx;

/// The registered instance.
pub static RULE: StructCtx = StructCtx;

static META: RuleMeta = RuleMeta {
    code: "CTX003",
    id: "struct-ctx",
    summary:
        "a struct field of type `context.Context`: remove it; the methods that read it take `ctx`",
    finds: "a struct field of type `context.Context`",
    fixes: "remove it and the values stored in it; the methods that read it take `ctx` \
        first, passed by every caller as for thread-ctx; reported with the reason when the \
        field outlives a call (returned, used by a goroutine, read outside the methods) \
        (unsafe)",
    applicability: Applicability::Unsafe,
    kinds: &[],
    // The field's declaration names the package.
    needles: &["context"],
    caller_needles: &[],
    nolint: &["containedctx"],
};

/// A declared function: its id, file and facts.
type Declared<'w> = (&'w FuncId, &'w Arc<Path>, &'w FunctionFacts);

impl Rule for StructCtx {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn summary_parts(&self) -> crate::index::summary_parts::SummaryParts {
        crate::index::summary_parts::SummaryParts::CALLS
    }

    fn call_sites_wanted(
        &self,
        workspace: &Workspace,
        settings: &Settings,
        wanted: &mut WantedNames,
    ) {
        let declared = |id: &FuncId| workspace.declared(id);
        for field in workspace
            .context_fields()
            .iter()
            .filter(|f| f.deletion.is_ok())
        {
            wanted.field(&field.name, &field.path);
            wanted.literal_type(&field.owner, &field.path, &field.package);
            // A field that cannot go for what its uses are, or whose
            // reader cannot take a context, is reported whatever the
            // readers' callers are: only the readers' own calls matter.
            let Ok(stores) = stores(workspace, settings, field) else {
                continue;
            };
            let seeds: Vec<&FuncId> = readers(field, &stores.uses, |id| declared(id).is_some())
                .values()
                .filter_map(|reads| reads[0].caller.as_deref())
                .filter_map(|id| declared(id).map(|(id, _, _)| &**id))
                .collect();
            let needed = match blocked_reader(workspace, settings, seeds.iter().copied()) {
                Some(_) => seeds,
                None => needing_from(workspace, seeds, key),
            };
            // A method that shares its name is a boundary whatever its
            // calls are: looking for a common name costs many parses.
            for id in needed
                .into_iter()
                .filter(|id| workspace.method_family(id).is_ok_and(|f| f.len() == 1))
            {
                wanted.function(id, declared(id).map(|(_, path, _)| &**path));
            }
        }
    }

    fn check_workspace(
        &self,
        workspace: &Workspace,
        settings: &Settings,
        out: &mut Vec<(PathBuf, Finding)>,
    ) {
        let declared = declared(workspace);
        for field in workspace.context_fields() {
            let message = format!(
                "`{}.{}` stores a context.Context in a struct: the callers of its methods cannot set their own deadline, cancellation or values",
                field.owner, field.name
            );
            let finding = match remove(workspace, settings, &declared, field) {
                Ok((fix, own)) if own.is_empty() => {
                    Finding::new(&META, field.range.clone(), message).with_fix(fix)
                }
                Ok((fix, own)) => Finding::new(
                    &META,
                    field.range.clone(),
                    format!(
                        "{message} ({} already take{} a context, and use{} it instead)",
                        own.iter()
                            .map(|m| format!("`{m}`"))
                            .collect::<Vec<_>>()
                            .join(", "),
                        if own.len() == 1 { "s" } else { "" },
                        if own.len() == 1 { "s" } else { "" },
                    ),
                )
                .with_fix(fix),
                Err(why) => Finding::new(
                    &META,
                    field.range.clone(),
                    format!("{message} (not fixed: {why})"),
                ),
            };
            out.push((field.path.to_path_buf(), finding));
        }
    }
}

/// Every declared function by its key.
fn declared(workspace: &Workspace) -> HashMap<String, Declared<'_>> {
    workspace
        .functions()
        .iter()
        .map(|(id, path, facts)| (key(id), (&**id, path, facts)))
        .collect()
}

/// Whether a use is of the field, is not, or cannot be told.
enum Owner {
    This,
    Other,
    Unknown,
}

/// Whose field a use is.
fn owner_of(workspace: &Workspace, field: &ContextField, site: &FieldUse) -> Owner {
    let Some(ty) = workspace.resolve(&site.owner, 0) else {
        return Owner::Unknown;
    };
    let Some((package, name)) = ty.named() else {
        return Owner::Other;
    };
    if matches!(site.access, FieldAccess::Positional) {
        return if package == field.package && name == field.owner {
            Owner::This
        } else {
            Owner::Other
        };
    }
    match workspace.field_owner(package, name, &site.name) {
        Some((p, t)) if p == field.package && t == field.owner => Owner::This,
        Some(_) => Owner::Other,
        None if workspace.has_package(package) => Owner::Unknown,
        None => Owner::Other,
    }
}

/// The uses of the field, or why some use cannot be told apart from one.
fn uses_of<'w>(
    workspace: &'w Workspace,
    field: &ContextField,
) -> Result<Vec<&'w FieldUse>, String> {
    let exported = is_exported(&field.name);
    let mut uses = Vec::new();
    for site in workspace.field_uses() {
        let named = match site.access {
            FieldAccess::Positional => site.name == field.owner,
            _ => site.name == field.name,
        };
        if !named {
            continue;
        }
        match owner_of(workspace, field, site) {
            Owner::This => uses.push(site),
            Owner::Other => {}
            // An unexported field is seen only in its own package.
            Owner::Unknown if !exported && !in_package(site, field) => {}
            Owner::Unknown => {
                return Err(format!(
                    "`{}` at {} may be this field: the type it belongs to is unknown",
                    site.name,
                    crate::go::paths::place(&site.path, site.line)
                ))
            }
        }
    }
    Ok(uses)
}

/// True when the use is in the field's package. Call sites carry no
/// package, but a use in a function carries its caller's.
fn in_package(site: &FieldUse, field: &ContextField) -> bool {
    match &site.caller {
        Some(caller) => caller.package == field.package,
        None => site.path.parent() == field.path.parent(),
    }
}

/// The methods that read the field through their receiver and have no
/// context of their own, by key, with the reads.
fn readers<'u>(
    field: &ContextField,
    uses: &[&'u FieldUse],
    is_declared: impl Fn(&FuncId) -> bool,
) -> BTreeMap<String, Vec<&'u FieldUse>> {
    let mut out: BTreeMap<String, Vec<&FieldUse>> = BTreeMap::new();
    for site in uses {
        if let (
            FieldAccess::Read {
                on_receiver: true,
                escape: None,
                own_context: None,
                ..
            },
            Some(caller),
        ) = (&site.access, &site.caller)
        {
            if is_method_of(caller, field) && is_declared(caller) {
                out.entry(key(caller)).or_default().push(site);
            }
        }
    }
    out
}

/// The words a method's name starts with when it starts the struct's work,
/// whose lifetime a context it stores then is.
const LIFETIME_STARTERS: &[&str] = &[
    "Start",
    "Run",
    "Serve",
    "Listen",
    "Open",
    "Init",
    "Connect",
    "Begin",
    "Launch",
    // Module frameworks' set-up steps (caddy's `Provision`).
    "Provision",
    "Setup",
];

/// True when `site` is in a method of the field's struct named like one
/// that starts its work (`Start`, `Run`, `Serve`, `runLoop`…).
fn starts_lifetime(site: &FieldUse, field: &ContextField) -> bool {
    site.caller.as_deref().is_some_and(|caller| {
        is_method_of(caller, field)
            && crate::go::syntax::starts_with_word(&caller.name, LIFETIME_STARTERS)
    })
}

fn is_method_of(caller: &FuncId, field: &ContextField) -> bool {
    caller.package == field.package && caller.receiver.as_deref() == Some(&field.owner)
}

/// What removing a field does where it is stored and read, before any
/// reader takes a context.
struct Stores<'w> {
    /// The field's deletion.
    deletion: Range<usize>,
    /// Every use of the field.
    uses: Vec<&'w FieldUse>,
    /// The edits of its stores, and of the reads in methods that have a
    /// context of their own, by file.
    changes: BTreeMap<PathBuf, FileChange>,
    /// The methods that read it but use their own context instead.
    own: BTreeSet<String>,
}

/// The edits that remove the field's stores and the reads that have a
/// context of their own, or why its uses keep the field whatever the
/// readers' callers are.
fn stores<'w>(
    workspace: &'w Workspace,
    settings: &Settings,
    field: &ContextField,
) -> Result<Stores<'w>, String> {
    let deletion = field.deletion.clone().map_err(|why| why.to_string())?;
    let policy = settings.exported_policy_at(&field.path);
    if policy != ExportedPolicy::Thread && is_exported(&field.name) && is_exported(&field.owner) {
        return Err(format!(
            "it is exported, and exported API is left as it is ({})",
            match (settings.exported, policy) {
                (_, ExportedPolicy::Skip) => "--exported skip",
                (ExportedPolicy::Auto, _) =>
                    "a package other modules can import: --exported thread changes it",
                _ => "--exported wrap",
            }
        ));
    }
    let uses = uses_of(workspace, field)?;
    let mut changes: BTreeMap<PathBuf, FileChange> = BTreeMap::new();
    let mut own: BTreeSet<String> = BTreeSet::new();
    let place = |site: &FieldUse| crate::go::paths::place(&site.path, site.line);
    for site in &uses {
        if !site.editable {
            return Err(format!(
                "it is used at {}, a file ctxmod does not edit (generated, excluded or outside the paths given)",
                place(site)
            ));
        }
        let edit = match &site.access {
            FieldAccess::Write(Ok(_)) if starts_lifetime(site, field) => {
                return Err(format!(
                    "it is set at {} by `{}`, which starts the struct's work: it is the lifetime of that work, not a per-call context",
                    place(site),
                    site.caller.as_deref().map_or("", |c| c.name.as_str())
                ))
            }
            FieldAccess::Key(Ok(range)) | FieldAccess::Write(Ok(range)) => {
                Edit::delete(range.clone())
            }
            FieldAccess::Key(Err(why)) => {
                return Err(format!("the literal at {} sets it, but {why}", place(site)))
            }
            FieldAccess::Write(Err(why)) => {
                return Err(format!("it is set at {}, but {why}", place(site)))
            }
            FieldAccess::Positional => {
                return Err(format!(
                    "the literal at {} sets the fields by position",
                    place(site)
                ))
            }
            FieldAccess::Read {
                on_receiver,
                escape,
                own_context,
                watched,
                ..
            } => {
                let method = site
                    .caller
                    .as_deref()
                    .filter(|c| *on_receiver && is_method_of(c, field));
                let Some(method) = method else {
                    return Err(format!(
                        "it is read at {}, outside the methods of `{}` (or not through their receiver)",
                        place(site),
                        field.owner
                    ));
                };
                if let Some(how) = escape {
                    return Err(format!(
                        "it is read at {} and {how}: it lives as long as the struct, which no caller's context does",
                        place(site)
                    ));
                }
                if *watched {
                    return Err(format!(
                        "its `Done()` is waited on at {}: the struct follows the end of that context, a lifetime no caller's context replaces",
                        place(site)
                    ));
                }
                match own_context {
                    Some(expr) => {
                        own.insert(method.name.clone());
                        Edit::replace(site.range.clone(), expr.clone())
                    }
                    // A reader: replaced once it takes its parameter.
                    None => continue,
                }
            }
        };
        let change = changes.entry(site.path.to_path_buf()).or_default();
        change.edits.push(edit);
        change.drop_imports_if_unused.push("context");
    }
    Ok(Stores {
        deletion,
        uses,
        changes,
        own,
    })
}

/// The fix that removes the field, with the methods that use a context of
/// their own instead, or why it cannot be made.
fn remove(
    workspace: &Workspace,
    settings: &Settings,
    declared: &HashMap<String, Declared<'_>>,
    field: &ContextField,
) -> Result<(Fix, Vec<String>), String> {
    let Stores {
        deletion,
        uses,
        mut changes,
        own,
    } = stores(workspace, settings, field)?;
    let seeds = readers(field, &uses, |id| declared.contains_key(&key(id)));
    let threaded = thread_readers(workspace, settings, declared, &seeds, &mut changes)?;
    let home = changes.entry(field.path.to_path_buf()).or_default();
    home.edits.push(Edit::delete(deletion));
    home.drop_imports_if_unused.push("context");
    for change in changes.values() {
        let e = &change.edits;
        if e.iter()
            .enumerate()
            .any(|(i, a)| e[i + 1..].iter().any(|b| a.conflicts_with(b)))
        {
            return Err("its edits would overlap (nested calls)".into());
        }
    }
    let title = match seeds.len() {
        0 => "remove the field and the values stored in it".to_string(),
        n => format!(
            "remove the field; {n} method{} `ctx` as the first parameter, passed by every caller",
            if n == 1 { " takes" } else { "s take" }
        ),
    };
    let here = changes.remove(&*field.path).unwrap_or_default();
    let mut fix = Fix::new(Applicability::Unsafe, title, Vec::new())
        .changing_signatures(threaded.iter().map(|k| (declared[k].0, &**declared[k].1)));
    fix.change = here;
    let fix = changes
        .into_iter()
        .fold(fix, |fix, (path, change)| fix.also_in(path, change));
    Ok((fix, own.into_iter().collect()))
}

/// Gives every reader a context parameter that replaces its reads, and
/// every function that must pass one to a reader one too, with every
/// call, into `changes`; or says why one of them cannot.
fn thread_readers(
    workspace: &Workspace,
    settings: &Settings,
    declared: &HashMap<String, Declared<'_>>,
    seeds: &BTreeMap<String, Vec<&FieldUse>>,
    changes: &mut BTreeMap<PathBuf, FileChange>,
) -> Result<Vec<String>, String> {
    let reader_ids: Vec<&FuncId> = seeds.keys().map(|k| declared[k].0).collect();
    // Checked first, as the call-site rounds do: when one is blocked, the
    // callers of the others' callers were not looked for.
    if let Some(why) = blocked_reader(workspace, settings, reader_ids.iter().copied()) {
        return Err(why);
    }
    let needed = needing_from(workspace, reader_ids, key);
    let mut nodes = Vec::new();
    let mut edges = Vec::new();
    for id in &needed {
        let k = key(id);
        let Some((_, path, facts)) = declared.get(&k) else {
            continue;
        };
        let why = match seeds.contains_key(&k) {
            true => None,
            false => signature_boundary(workspace, settings, id, path, facts),
        };
        nodes.push(FunctionNode {
            id: k.clone(),
            leaf: seeds.contains_key(&k),
            boundary: why,
        });
        for call in workspace.callers(id).calls {
            edges.push(CallEdge {
                caller: call.caller.as_deref().map(key),
                callee: k.clone(),
                supplied: call.supply.is_some(),
            });
        }
    }
    let planned = plan(&nodes, &edges);
    if let Some((k, why)) = planned.blocked.iter().find(|(k, _)| seeds.contains_key(*k)) {
        return Err(format!(
            "`{}` cannot take a context: {why}",
            declared[k].0.name
        ));
    }
    let threaded: BTreeSet<&String> = planned.groups.iter().flatten().collect();
    // A method that copies the field into a local (`ctx := s.ctx`) names
    // its parameter after it, and the copy goes.
    let copies: HashMap<&String, (String, Range<usize>)> = threaded
        .iter()
        .filter_map(|k| {
            let mut copies = seeds.get(*k)?.iter().filter_map(|read| match &read.access {
                FieldAccess::Read { local, .. } => local.clone(),
                _ => None,
            });
            match (copies.next(), copies.next()) {
                (Some(copy), None) => Some((*k, copy)),
                _ => None,
            }
        })
        .collect();
    let ctx_name = |k: &String| {
        copies
            .get(k)
            .map_or_else(|| declared[k].2.ctx_name.clone(), |(name, _)| name.clone())
    };
    for k in &threaded {
        let (id, path, facts) = declared[*k];
        let name = ctx_name(k);
        let change = changes.entry(path.to_path_buf()).or_default();
        let mut named = facts.clone();
        named.ctx_name = name.clone();
        change.edits.extend(parameter_edits(&named));
        change.add_imports.push("context");
        let copy = copies.get(*k).map(|(_, lines)| lines);
        if let Some(lines) = copy {
            change.edits.push(Edit::delete(lines.clone()));
        }
        for read in seeds.get(*k).into_iter().flatten() {
            if copy.is_some_and(|lines| lines.contains(&read.range.start)) {
                continue;
            }
            change
                .edits
                .push(Edit::replace(read.range.clone(), name.clone()));
        }
        for call in workspace.callers(id).calls {
            let place = crate::go::paths::place(&call.path, call.line);
            if call.in_goroutine {
                return Err(format!(
                    "`{}` is called at {place} in a goroutine, which the struct's context may be what stops",
                    id.name
                ));
            }
            let caller = call.caller.as_deref().map(key);
            let expr = match caller.filter(|c| threaded.contains(c)) {
                Some(c) => ctx_name(&c),
                None => call
                    .supply
                    .clone()
                    .ok_or_else(|| format!("no context to pass at {place}"))?,
            };
            let change = changes.entry(call.path.to_path_buf()).or_default();
            if expr.starts_with("context.") {
                change.add_imports.push("context");
            }
            change.edits.push(argument_edit(call, &expr));
        }
    }
    Ok(threaded.into_iter().cloned().collect())
}

/// Why the first of `readers` that cannot take a context cannot: then the
/// field stays, whatever their callers are.
fn blocked_reader<'w>(
    workspace: &Workspace,
    settings: &Settings,
    readers: impl IntoIterator<Item = &'w FuncId>,
) -> Option<String> {
    readers.into_iter().find_map(|id| {
        let (_, path, facts) = workspace.declared(id)?;
        let why = reader_boundary(workspace, settings, id, path, facts)?;
        Some(format!("`{}` cannot take a context: {why}", id.name))
    })
}

/// Why a function cannot take a context: thread-ctx's reasons, except
/// that the methods of an interface are not changed here, nor (under
/// `--exported wrap`, since a wrapper would need the field) exported ones.
fn signature_boundary(
    workspace: &Workspace,
    settings: &Settings,
    id: &FuncId,
    path: &Path,
    facts: &FunctionFacts,
) -> Option<String> {
    if wraps(settings, id, path) {
        return Some(format!(
            "`{}` is exported, and under --exported wrap its signature is kept (a wrapper would need the field)",
            id.name
        ));
    }
    let family = match workspace.method_family(id) {
        Ok(family) if family.len() > 1 => {
            return Some(format!(
                "`{}` is a method of an interface, which struct-ctx does not change",
                id.name
            ))
        }
        family => family,
    };
    boundary(workspace, settings, id, path, facts, &family)
}

/// Why a method that reads the field cannot take a context: the reasons
/// of thread-ctx, a test method (run by reflection), or an exported method
/// nothing in the workspace calls (it may satisfy an interface of another
/// module, which would then no longer be satisfied).
fn reader_boundary(
    workspace: &Workspace,
    settings: &Settings,
    id: &FuncId,
    path: &Path,
    facts: &FunctionFacts,
) -> Option<String> {
    if let Some(why) = signature_boundary(workspace, settings, id, path, facts) {
        return Some(why);
    }
    if facts.root.is_some() {
        return Some(format!(
            "`{}` is a test method, run by reflection with no arguments",
            id.name
        ));
    }
    if id.is_public(path) && workspace.callers(id).calls.is_empty() {
        return Some(format!(
            "`{}` has no caller in the workspace: it may satisfy an interface of another module",
            id.name
        ));
    }
    None
}
