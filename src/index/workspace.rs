//! What the engine knows across files: every package's functions, methods
//! (by receiver type), struct fields, interface methods and package-level
//! variables, enough to resolve a call to its declaration without a type
//! checker. Each file contributes a [`FileSummary`]; the [`Workspace`]
//! merges them, resolves calls and answers the [`Condition`]s findings
//! carry.

use crate::go::known::STANDARD_METHODS;
use crate::go::typing::{Callee, TypeExpr, TypeRef};
use crate::index::collect::{Derived, Facts};
use crate::index::fields::{ContextField, FieldUse};
use crate::index::functions::FunctionFacts;
use crate::index::ids::FuncId;
use crate::index::summary::{Assertion, CallSite, Field, FileSummary, FuncRef, Signature};
use crate::index::wanted::WantedNames;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// How deep type resolution follows results, fields and variables before
/// giving up (it also stops cycles).
const MAX_DEPTH: usize = 8;

/// One package's declarations.
#[derive(Debug, Default)]
struct PackageDecls {
    funcs: HashMap<String, Signature>,
    /// By (receiver type, method name).
    methods: HashMap<(String, String), Signature>,
    /// By method name, every receiver's: for calls whose receiver type is
    /// not known.
    methods_by_name: HashMap<String, Vec<Signature>>,
    interfaces: HashSet<String>,
    structs: HashMap<String, Vec<Field>>,
    vars: HashMap<String, TypeExpr>,
}

/// Why a method call that might target a given method does not resolve.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unresolved {
    /// The receiver's type cannot be told.
    ReceiverUnknown,
    /// The receiver's type is no named type: an interface literal, say.
    ReceiverUnnamed,
    /// The receiver is an interface that has the method through another
    /// interface it embeds.
    EmbeddingInterface,
    /// A method expression `T.M(t, …)` or `(*T).M(t, …)`: the receiver is
    /// the first argument, so a new context would not go first.
    MethodExpression,
}

impl fmt::Display for Unresolved {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Unresolved::ReceiverUnknown => "receiver type unknown",
            Unresolved::ReceiverUnnamed => "receiver type is not a named type",
            Unresolved::EmbeddingInterface => "receiver is an interface embedding another",
            Unresolved::MethodExpression => {
                "a method expression, with the receiver as its first argument"
            }
        })
    }
}

/// Why a method's signature cannot change together with the other methods
/// of its name ([`Workspace::method_family`]); its text is for a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FamilyError {
    /// Interfaces of the standard library have a method of its name.
    StandardMethod {
        /// The method's name.
        name: String,
    },
    /// Another method shares its name, and no interface of the workspace
    /// declares it.
    SharedName {
        /// The method's name.
        name: String,
    },
    /// A method of its name has another signature than the interface's.
    OtherSignature {
        /// The method's name.
        name: String,
        /// The receiver type of the method that differs.
        receiver: String,
        /// The interface declaring the method.
        interface: String,
    },
}

impl fmt::Display for FamilyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FamilyError::StandardMethod { name } => write!(
                f,
                "`{name}` is a method of standard-library interfaces, which the workspace does not own"
            ),
            FamilyError::SharedName { name } => write!(
                f,
                "another method is named `{name}`, and it may be called through an interface"
            ),
            FamilyError::OtherSignature {
                name,
                receiver,
                interface,
            } => write!(
                f,
                "`{receiver}.{name}` does not have the signature of the interface method `{interface}.{name}`"
            ),
        }
    }
}

/// Why the signature of a function cannot change with its calls
/// ([`Workspace::fixed_signature`]); its text is for a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeptSignature {
    /// A fix made earlier in the run changed what its calls need, and they
    /// were not looked for again.
    CallsNotSearched {
        /// The function's name.
        name: String,
    },
    /// Two files declare it, each for other build constraints.
    DeclaredTwice {
        /// The function's name.
        name: String,
        /// One file.
        first: Arc<Path>,
        /// Another.
        second: Arc<Path>,
    },
    /// Its receiver implements (or embeds) a type the workspace does not own.
    ForeignInterface {
        /// The receiver type.
        receiver: String,
        /// The interface or embedded type.
        interface: String,
        /// Its package.
        package: String,
        /// True when the receiver embeds it.
        embedded: bool,
    },
    /// A file ctxmod cannot parse may use it.
    MaybeUsedUnparsed {
        /// The function's name.
        name: String,
        /// That file.
        path: Arc<Path>,
    },
    /// A `//go:linkname` directive names it.
    Linknamed {
        /// The function's name.
        name: String,
    },
    /// It is used as a value.
    UsedAsValue {
        /// The function's name.
        name: String,
        /// Where.
        path: Arc<Path>,
        /// The 1-based line.
        line: usize,
    },
    /// A call may reach it that ctxmod cannot resolve.
    UnresolvedCall {
        /// The function's name.
        name: String,
        /// The call's file.
        path: Arc<Path>,
        /// The 1-based line.
        line: usize,
        /// Why the call is not resolved.
        why: Unresolved,
    },
    /// Another method shares its name and may be called through an interface.
    SharedMethodName {
        /// The method's name.
        name: String,
    },
    /// A file ctxmod does not edit calls it.
    CalledWhereNotEdited {
        /// The function's name.
        name: String,
        /// The call's file.
        path: Arc<Path>,
        /// The 1-based line.
        line: usize,
    },
    /// Unexported and never called: reflection may call it.
    NoCaller {
        /// The function's name.
        name: String,
    },
}

impl fmt::Display for KeptSignature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::go::paths::{display_path, place};
        match self {
            KeptSignature::CallsNotSearched { name } => write!(
                f,
                "the calls of `{name}` were not looked for: a fix made earlier in this run changed what they need, so run ctxmod again"
            ),
            KeptSignature::DeclaredTwice { name, first, second } => write!(
                f,
                "`{name}` is declared both in {} and in {}, each for other build constraints: ctxmod cannot change them together",
                display_path(first),
                display_path(second)
            ),
            KeptSignature::ForeignInterface {
                receiver,
                interface,
                package,
                embedded: true,
            } => write!(
                f,
                "`{receiver}` embeds `{interface}` of {package}, a type the workspace does not own: its methods may implement that type's interface, and keep their signatures"
            ),
            KeptSignature::ForeignInterface {
                receiver,
                interface,
                package,
                embedded: false,
            } => write!(
                f,
                "`{receiver}` is declared to implement `{interface}` of {package}, an interface the workspace does not own: its methods keep their signatures"
            ),
            KeptSignature::MaybeUsedUnparsed { name, path } => write!(
                f,
                "`{name}` may be used in {}, which ctxmod cannot parse",
                display_path(path)
            ),
            KeptSignature::Linknamed { name } => write!(
                f,
                "`{name}` is named by a `//go:linkname` directive: code elsewhere links to it by name, trusting its signature"
            ),
            KeptSignature::UsedAsValue { name, path, line } => {
                write!(f, "`{name}` is used as a value at {}", place(path, *line))
            }
            KeptSignature::UnresolvedCall {
                name,
                path,
                line,
                why,
            } => write!(
                f,
                "the call at {} may reach `{name}` ({why})",
                place(path, *line)
            ),
            KeptSignature::SharedMethodName { name } => write!(
                f,
                "another method is named `{name}`, and it may be called through an interface"
            ),
            KeptSignature::CalledWhereNotEdited { name, path, line } => write!(
                f,
                "`{name}` is called at {}, a file ctxmod does not edit (generated, excluded or outside the paths given)",
                place(path, *line)
            ),
            KeptSignature::NoCaller { name } => write!(
                f,
                "`{name}` has no caller in the workspace: it may be called by reflection"
            ),
        }
    }
}

/// Everything that may call or hold a function, from [`Workspace::callers`].
#[derive(Debug)]
pub struct Callers<'w> {
    /// The calls that resolve to it.
    pub calls: Vec<&'w CallSite>,
    /// The places it is used as a value.
    pub references: Vec<&'w FuncRef>,
    /// For a method, the calls of a method of that name that fit its
    /// parameters but whose receiver does not resolve, each with why.
    pub unresolved: Vec<(&'w CallSite, Unresolved)>,
}

/// Calls and references by what they resolve to, indexes into
/// [`Workspace`]'s `calls` and `references`.
#[derive(Debug, Default)]
struct CallIndex {
    calls: HashMap<FuncId, Vec<usize>>,
    references: HashMap<FuncId, Vec<usize>>,
    /// Method calls that do not resolve, by method name.
    unresolved: HashMap<String, Vec<(usize, Unresolved)>>,
}

/// Declarations by what queries look for, built once the declarations are
/// all in.
#[derive(Debug, Default)]
struct DeclIndex {
    /// Declared functions, as indexes into [`Workspace`]'s `functions`.
    functions: HashMap<FuncId, usize>,
    /// The packages that declare a method of each name, sorted.
    method_packages: HashMap<String, Vec<String>>,
}

/// A condition a finding holds under only if the rest of the workspace
/// agrees, checked once every file has been summarised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Condition {
    /// The callee's parameter at `arg` is a `context.Context`.
    CalleeTakesContext {
        /// What the call calls.
        callee: Callee,
        /// The argument's position.
        arg: usize,
    },
}

/// Every declaration of the run, by package id, and every call and
/// function reference.
#[derive(Debug, Default)]
pub struct Workspace {
    packages: HashMap<String, PackageDecls>,
    facts: Facts,
    functions: Vec<(Arc<FuncId>, Arc<Path>, FunctionFacts)>,
    context_fields: Vec<ContextField>,
    field_uses: Vec<FieldUse>,
    calls: Vec<CallSite>,
    references: Vec<FuncRef>,
    /// The packages each file imports with `.`.
    dot_imports: HashMap<Arc<Path>, Vec<String>>,
    /// The functions `//go:linkname` directives name.
    linknamed: HashSet<FuncId>,
    /// Names that files which do not parse may use, each with one such
    /// file.
    unparsable: HashMap<String, Arc<Path>>,
    /// The interfaces each type (package id, name) is asserted to
    /// implement.
    asserted: HashMap<(String, String), Vec<Assertion>>,
    /// What files start in goroutines with a context that is not detached
    /// ([`FileSummary::launched`]).
    launched: Vec<Callee>,
    /// The files that declare each function and method: more than one for
    /// a declaration made for each set of build constraints.
    declared_in: HashMap<FuncId, Vec<Arc<Path>>>,
    /// Built on the first [`Workspace::callers`] query, once every file is
    /// in: a call resolves through declarations of other files.
    index: OnceLock<CallIndex>,
    /// Built on first use, again after [`Workspace::add`].
    decl_index: OnceLock<DeclIndex>,
    /// The rules' lookups over the facts ([`Workspace::derived`]).
    derived: Derived,
    /// The names whose calls the call-site rounds collected, once they are
    /// over ([`Workspace::set_searched`]).
    searched: Option<WantedNames>,
}

impl Workspace {
    /// True when some file starts `id` in a goroutine handing it a context
    /// that is not detached ([`FileSummary::launched`]): its context may
    /// be cancelled while it runs, when the function that started it
    /// returns.
    pub fn launched_with_context(&self, id: &FuncId) -> bool {
        self.launched.iter().any(|callee| match callee {
            Callee::Function { package, name } => {
                id.receiver.is_none() && *package == id.package && *name == id.name
            }
            Callee::Method { receiver, name, .. } => {
                *name == id.name
                    && self
                        .resolve(receiver, 0)
                        .as_ref()
                        .and_then(TypeRef::named)
                        .is_some_and(|(package, ty)| {
                            package == id.package && Some(ty) == id.receiver.as_deref()
                        })
            }
        })
    }

    /// Builds the workspace from every file's summary.
    pub fn new<'a>(summaries: impl IntoIterator<Item = &'a FileSummary>) -> Workspace {
        let mut ws = Workspace::default();
        for s in summaries {
            ws.add(s);
        }
        ws
    }

    /// Records the names whose calls were collected. The rules ask for the
    /// calls they need until they need no more (a rule's wanted names),
    /// but a fix applied later in the run can make a rule need calls it did
    /// not ask for: a function whose calls were not collected then keeps
    /// its signature.
    ///
    pub fn set_searched(&mut self, names: WantedNames) {
        self.searched = Some(names);
    }

    /// True unless the calls of `id` are known not to have been collected
    /// ([`Workspace::set_searched`]).
    fn callers_searched(&self, id: &FuncId) -> bool {
        let Some(searched) = &self.searched else {
            return true;
        };
        let mut wanted = WantedNames::default();
        wanted.function(id, self.declared(id).map(|(_, path, _)| &**path));
        searched.covers(&wanted)
    }

    /// Adds one file's summary.
    pub fn add(&mut self, summary: &FileSummary) {
        if let Some(path) = summary
            .path
            .as_ref()
            .filter(|_| !summary.unparsable.is_empty())
        {
            self.add_unparsable(path, &summary.unparsable);
            return;
        }
        let pkg = self.packages.entry(summary.package.clone()).or_default();
        for f in &summary.funcs {
            pkg.funcs.insert(f.name.clone(), f.clone());
        }
        for m in &summary.methods {
            let receiver = m.receiver.clone().unwrap_or_default();
            pkg.methods.insert((receiver, m.name.clone()), m.clone());
            pkg.methods_by_name
                .entry(m.name.clone())
                .or_default()
                .push(m.clone());
        }
        pkg.interfaces.extend(summary.interfaces.iter().cloned());
        for (name, fields) in &summary.structs {
            pkg.structs.insert(name.clone(), fields.clone());
        }
        for (name, ty) in &summary.vars {
            pkg.vars.insert(name.clone(), ty.clone());
        }
        self.facts.append(&summary.facts);
        self.derived.clear();
        let first = self.functions.len();
        self.functions.extend_from_slice(&summary.functions);
        // The call-site rounds add files between lookups: keep an index
        // built already up to date rather than build it again.
        if let Some(index) = self.decl_index.get_mut() {
            for (i, (id, _, _)) in self.functions.iter().enumerate().skip(first) {
                index.functions.entry((**id).clone()).or_insert(i);
            }
            for method in &summary.methods {
                let packages = index
                    .method_packages
                    .entry(method.name.clone())
                    .or_default();
                if let Err(at) = packages.binary_search(&summary.package) {
                    packages.insert(at, summary.package.clone());
                }
            }
        }
        self.context_fields
            .extend_from_slice(&summary.context_fields);
        self.launched.extend_from_slice(&summary.launched);
        for assertion in &summary.asserted {
            self.asserted
                .entry((assertion.package.clone(), assertion.ty.clone()))
                .or_default()
                .push(assertion.clone());
        }
        if let Some(path) = &summary.path {
            for sig in summary.funcs.iter().chain(&summary.methods) {
                let id = FuncId {
                    package: summary.package.clone(),
                    receiver: sig.receiver.clone(),
                    name: sig.name.clone(),
                };
                let files = self.declared_in.entry(id).or_default();
                if !files.contains(path) {
                    files.push(path.clone());
                }
            }
        }
        self.linknamed
            .extend(summary.linknamed.iter().map(|name| FuncId {
                package: summary.package.clone(),
                receiver: None,
                name: name.clone(),
            }));
        if let Some(path) = summary
            .path
            .as_ref()
            .filter(|_| !summary.dot_imports.is_empty())
        {
            self.dot_imports
                .insert(path.clone(), summary.dot_imports.clone());
        }
        self.add_uses(summary);
    }

    /// Records that the file at `path`, which does not parse, may use
    /// `names`: a function so named may have callers there that no fix can
    /// update.
    pub fn add_unparsable(&mut self, path: &Arc<Path>, names: &[String]) {
        for name in names {
            self.unparsable
                .entry(name.clone())
                .or_insert_with(|| path.clone());
        }
    }

    /// Adds the calls, references and field uses of `uses`, for a file
    /// already added ([`FileSummary::uses_of`]).
    pub fn add_uses(&mut self, uses: &FileSummary) {
        self.field_uses.extend_from_slice(&uses.field_uses);
        self.calls.extend_from_slice(&uses.calls);
        self.references.extend_from_slice(&uses.references);
        self.index.take();
    }

    /// Every declared function and method with its file and facts.
    pub fn functions(&self) -> &[(Arc<FuncId>, Arc<Path>, FunctionFacts)] {
        &self.functions
    }

    /// The workspace's own copy of a declared function's id, with its file
    /// and facts, when ctxmod read its declaration in a file it may edit.
    pub fn declared(&self, id: &FuncId) -> Option<&(Arc<FuncId>, Arc<Path>, FunctionFacts)> {
        let index = self.decl_index.get_or_init(|| self.build_decl_index());
        index.functions.get(id).map(|&i| &self.functions[i])
    }

    fn build_decl_index(&self) -> DeclIndex {
        let mut index = DeclIndex::default();
        for (i, (id, _, _)) in self.functions.iter().enumerate() {
            index.functions.entry((**id).clone()).or_insert(i);
        }
        for (package, decls) in &self.packages {
            for name in decls.methods_by_name.keys() {
                let packages = index.method_packages.entry(name.clone()).or_default();
                packages.push(package.clone());
            }
        }
        for packages in index.method_packages.values_mut() {
            packages.sort();
        }
        index
    }

    /// The facts of type `T` the rules' collectors gathered from every
    /// file, in the order the files were added.
    pub fn facts<T: 'static>(&self) -> &[T] {
        self.facts.get()
    }

    /// A lookup a rule builds from the facts, built once (by `build`)
    /// until more files are added.
    pub fn derived<T: Send + Sync + 'static>(
        &self,
        build: impl FnOnce(&Workspace) -> T,
    ) -> std::sync::Arc<T> {
        self.derived.get_or_build(|| build(self))
    }

    /// Every struct field of type `context.Context`.
    pub fn context_fields(&self) -> &[ContextField] {
        &self.context_fields
    }

    /// Every use of a field, or positional literal of a type, whose name
    /// some rule asked for (a rule's wanted names).
    ///
    pub fn field_uses(&self) -> &[FieldUse] {
        &self.field_uses
    }

    /// The struct type that declares field `field` of the named type, as
    /// `(package, type)`: the type itself, or the embedded struct it is
    /// promoted from. `None` when the workspace does not declare the type
    /// as a struct, or it has no such field.
    pub fn field_owner(
        &self,
        package: &str,
        type_name: &str,
        field: &str,
    ) -> Option<(String, String)> {
        self.field_owner_at(package, type_name, field, 0)
    }

    fn field_owner_at(
        &self,
        package: &str,
        type_name: &str,
        field: &str,
        depth: usize,
    ) -> Option<(String, String)> {
        if depth > MAX_DEPTH {
            return None;
        }
        let fields = self.packages.get(package)?.structs.get(type_name)?;
        if fields.iter().any(|f| f.name == field) {
            return Some((package.to_string(), type_name.to_string()));
        }
        fields.iter().filter(|f| f.embedded).find_map(|f| {
            let (p, t) = f.ty.named()?;
            self.field_owner_at(p, t, field, depth + 1)
        })
    }

    /// True when the workspace declares the package `package`.
    pub fn has_package(&self, package: &str) -> bool {
        self.packages.contains_key(package)
    }

    /// How many methods (and interface methods) of the workspace have this
    /// name, across all types.
    /// The methods (and interface methods) named like method `id` that an
    /// interface could hold together with it, each with its package id,
    /// sorted: of every package for an exported name, of its own for an
    /// unexported one (only a type of the package declaring an interface
    /// can have its unexported methods).
    fn namesakes(&self, id: &FuncId) -> Vec<(&str, &Signature)> {
        let index = self.decl_index.get_or_init(|| self.build_decl_index());
        let own = [id.package.clone()];
        let packages: &[String] = if crate::go::syntax::is_exported(&id.name) {
            index
                .method_packages
                .get(&id.name)
                .map_or(&[], Vec::as_slice)
        } else {
            &own
        };
        let mut members: Vec<(&str, &Signature)> = packages
            .iter()
            .filter_map(|package| self.packages.get_key_value(package))
            .flat_map(|(package, decls)| {
                decls
                    .methods_by_name
                    .get(&id.name)
                    .into_iter()
                    .flatten()
                    .map(move |sig| (package.as_str(), sig))
            })
            .collect();
        // The order, and so the messages, must not depend on the order the
        // files came in.
        members.sort_by(|a, b| (a.0, &a.1.receiver).cmp(&(b.0, &b.1.receiver)));
        // A method declared again for other build constraints is the same
        // method (see `declared_in`).
        members.dedup_by(|a, b| a.0 == b.0 && a.1.receiver == b.1.receiver);
        members
    }

    /// True for a method whose name another method (or interface method)
    /// shares: a call may reach it through an interface.
    pub fn shares_method_name(&self, id: &FuncId) -> bool {
        id.receiver.is_some() && self.namesakes(id).len() > 1
    }

    /// Why the signature of `id` cannot change with its calls, if it
    /// cannot: it is used as a value, a call may reach it through a
    /// receiver whose type is not known, or another method shares its name.
    pub fn fixed_signature(&self, id: &FuncId) -> Option<KeptSignature> {
        self.fixed(id, None)
    }

    /// Like [`Workspace::fixed_signature`], for a member of a method family
    /// ([`Workspace::method_family`]) changed as a whole: sharing the name
    /// is no reason, and a call of any member counts as a caller.
    pub fn fixed_signature_in_family(
        &self,
        id: &FuncId,
        family: &[FuncId],
    ) -> Option<KeptSignature> {
        self.fixed(id, Some(family))
    }

    fn fixed(&self, id: &FuncId, family: Option<&[FuncId]>) -> Option<KeptSignature> {
        let name = id.name.clone();
        if !self.callers_searched(id) {
            return Some(KeptSignature::CallsNotSearched { name });
        }
        if let Some([first, second, ..]) = self.declared_in.get(id).map(Vec::as_slice) {
            return Some(KeptSignature::DeclaredTwice {
                name,
                first: first.clone(),
                second: second.clone(),
            });
        }
        if let Some(receiver) = &id.receiver {
            let interfaces = self.asserted.get(&(id.package.clone(), receiver.clone()));
            let foreign = interfaces.into_iter().flatten().find(|a| {
                let (package, name) = &a.interface;
                let owned =
                    self.is_interface(package, name) || a.embedded && self.has_package(package);
                !owned
            });
            if let Some(Assertion {
                interface: (package, interface),
                embedded,
                ..
            }) = foreign
            {
                return Some(KeptSignature::ForeignInterface {
                    receiver: receiver.clone(),
                    interface: interface.clone(),
                    package: package.clone(),
                    embedded: *embedded,
                });
            }
        }
        if let Some(path) = self.unparsable.get(&id.name) {
            return Some(KeptSignature::MaybeUsedUnparsed {
                name,
                path: path.clone(),
            });
        }
        if self.linknamed.contains(id) {
            return Some(KeptSignature::Linknamed { name });
        }
        let callers = self.callers(id);
        if let Some(r) = callers.references.first() {
            return Some(KeptSignature::UsedAsValue {
                name,
                path: r.path.clone(),
                line: r.line,
            });
        }
        if let Some((call, why)) = callers.unresolved.first() {
            return Some(KeptSignature::UnresolvedCall {
                name,
                path: call.path.clone(),
                line: call.line,
                why: *why,
            });
        }
        if family.is_none() && self.shares_method_name(id) {
            return Some(KeptSignature::SharedMethodName { name });
        }
        if let Some(call) = callers.calls.iter().find(|c| !c.editable) {
            return Some(KeptSignature::CalledWhereNotEdited {
                name,
                path: call.path.clone(),
                line: call.line,
            });
        }
        let exported = crate::go::syntax::is_exported(&id.name);
        let called = family
            .unwrap_or(std::slice::from_ref(id))
            .iter()
            .any(|member| !self.callers(member).calls.is_empty());
        if !exported && !called {
            return Some(KeptSignature::NoCaller { name });
        }
        None
    }

    /// True when the workspace declares the function, or the method on
    /// that receiver type.
    pub fn declares(&self, id: &FuncId) -> bool {
        let Some(package) = self.packages.get(&id.package) else {
            return false;
        };
        match &id.receiver {
            None => package.funcs.contains_key(&id.name),
            Some(receiver) => package
                .methods
                .contains_key(&(receiver.clone(), id.name.clone())),
        }
    }

    /// True when the workspace declares `name` in `package` as an interface.
    fn is_interface(&self, package: &str, name: &str) -> bool {
        self.packages
            .get(package)
            .is_some_and(|p| p.interfaces.contains(name))
    }

    /// The methods whose signatures must change together with method `id`:
    /// every method of the workspace with its name, when one of them is a
    /// method of an interface the workspace declares and all of them have
    /// its signature (they implement it, and calls through the interface
    /// reach them all). Just `id` when no other method has its name; why not,
    /// for a name the standard library's interfaces use (the type may
    /// satisfy one of those, alone or not), or when the name is shared
    /// otherwise: a method of another signature, or no interface of the
    /// workspace.
    pub fn method_family(&self, id: &FuncId) -> Result<Vec<FuncId>, FamilyError> {
        if id.receiver.is_none() {
            return Ok(vec![id.clone()]);
        }
        let name = &id.name;
        if STANDARD_METHODS.contains(&name.as_str()) {
            return Err(FamilyError::StandardMethod { name: name.clone() });
        }
        let members = self.namesakes(id);
        if members.len() <= 1 {
            return Ok(vec![id.clone()]);
        }
        let interface = members.iter().find(|(package, sig)| {
            sig.receiver
                .as_ref()
                .is_some_and(|r| self.is_interface(package, r))
        });
        let Some((_, interface)) = interface else {
            return Err(FamilyError::SharedName { name: name.clone() });
        };
        let differs = |sig: &Signature| {
            sig.params != interface.params
                || sig.variadic != interface.variadic
                || sig.results != interface.results
        };
        if let Some((_, other)) = members.iter().find(|(_, sig)| differs(sig)) {
            return Err(FamilyError::OtherSignature {
                name: name.clone(),
                receiver: other.receiver.clone().unwrap_or_default(),
                interface: interface.receiver.clone().unwrap_or_default(),
            });
        }
        let mut family: Vec<FuncId> = members
            .iter()
            .map(|(package, sig)| FuncId {
                package: package.to_string(),
                receiver: sig.receiver.clone(),
                name: name.clone(),
            })
            .collect();
        family.dedup();
        Ok(family)
    }

    /// The function or method a call or reference resolves to, if the
    /// workspace declares it; a promoted method is the embedded type's.
    pub fn func_id_of(&self, callee: &Callee) -> Option<FuncId> {
        match callee {
            Callee::Function { package, name } => {
                self.packages.get(package)?.funcs.get(name)?;
                Some(FuncId {
                    package: package.clone(),
                    receiver: None,
                    name: name.clone(),
                })
            }
            Callee::Method { receiver, name, .. } => {
                let (package, sig) = self.method_of(receiver, name, 0)?;
                Some(FuncId {
                    package: package.to_string(),
                    receiver: sig.receiver.clone(),
                    name: name.clone(),
                })
            }
        }
    }

    /// The method `T.M` when `receiver` names no variable but the type `T`
    /// of a package of the workspace, which declares `M`: `S.M` and
    /// `(*S).M` are method expressions, functions whose first parameter is
    /// the receiver.
    fn method_expression(&self, receiver: &TypeExpr, name: &str) -> Option<FuncId> {
        let TypeExpr::Global {
            package,
            name: type_name,
        } = receiver
        else {
            return None;
        };
        let summary = self.packages.get(package)?;
        if summary.vars.contains_key(type_name) {
            return None;
        }
        summary
            .methods
            .contains_key(&(type_name.clone(), name.to_string()))
            .then(|| FuncId {
                package: package.clone(),
                receiver: Some(type_name.clone()),
                name: name.to_string(),
            })
    }

    /// The function of a package the file at `path` imports with `.` that
    /// an unqualified `callee` names: Go lets no package declare a name its
    /// file imports so.
    fn dot_imported(&self, path: &Path, callee: &Callee) -> Option<FuncId> {
        let Callee::Function { name, .. } = callee else {
            return None;
        };
        if !crate::go::syntax::is_exported(name) {
            return None;
        }
        let package = self.dot_imports.get(path)?.iter().find(|p| {
            self.packages
                .get(*p)
                .is_some_and(|decls| decls.funcs.contains_key(name))
        })?;
        Some(FuncId {
            package: package.clone(),
            receiver: None,
            name: name.clone(),
        })
    }

    /// The calls of a function or method, the places it is used as a
    /// value, and for a method the calls that may be it but do not resolve.
    pub fn callers(&self, id: &FuncId) -> Callers<'_> {
        let index = self.index.get_or_init(|| self.build_index());
        let calls = index.calls.get(id).map(Vec::as_slice).unwrap_or_default();
        let references = index
            .references
            .get(id)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let unresolved = match &id.receiver {
            Some(receiver) => {
                let sig = self
                    .packages
                    .get(&id.package)
                    .and_then(|p| p.methods.get(&(receiver.clone(), id.name.clone())));
                index
                    .unresolved
                    .get(&id.name)
                    .map(Vec::as_slice)
                    .unwrap_or_default()
                    .iter()
                    .filter(|(i, reason)| match (&self.calls[*i].callee, sig) {
                        _ if *reason == Unresolved::MethodExpression => true,
                        (Some(Callee::Method { arity, .. }), Some(sig)) => sig.accepts(*arity),
                        _ => true,
                    })
                    .map(|(i, reason)| (&self.calls[*i], *reason))
                    .collect()
            }
            None => Vec::new(),
        };
        Callers {
            calls: calls.iter().map(|i| &self.calls[*i]).collect(),
            references: references.iter().map(|i| &self.references[*i]).collect(),
            unresolved,
        }
    }

    /// Resolves every call and reference once.
    fn build_index(&self) -> CallIndex {
        let mut index = CallIndex::default();
        for (i, site) in self.calls.iter().enumerate() {
            let Some(callee) = &site.callee else { continue };
            if let Some(id) = self
                .func_id_of(callee)
                .or_else(|| self.dot_imported(&site.path, callee))
            {
                index.calls.entry(id).or_default().push(i);
            } else if let Callee::Method { receiver, name, .. } = callee {
                let reason = match self.resolve(receiver, 0) {
                    None if self.method_expression(receiver, name).is_some() => {
                        Unresolved::MethodExpression
                    }
                    None => Unresolved::ReceiverUnknown,
                    Some(ty) if ty.named().is_none() => Unresolved::ReceiverUnnamed,
                    // An interface of the workspace, with the method from
                    // an interface it embeds.
                    Some(ty) if ty.named().is_some_and(|(p, n)| self.is_interface(p, n)) => {
                        Unresolved::EmbeddingInterface
                    }
                    // A type the workspace knows, without that method.
                    Some(_) => continue,
                };
                index
                    .unresolved
                    .entry(name.clone())
                    .or_default()
                    .push((i, reason));
            }
        }
        for (i, reference) in self.references.iter().enumerate() {
            let target = &reference.target;
            if let Some(id) = self
                .func_id_of(target)
                .or_else(|| self.dot_imported(&reference.path, target))
                .or_else(|| match target {
                    Callee::Method { receiver, name, .. } => self.method_expression(receiver, name),
                    Callee::Function { .. } => None,
                })
            {
                index.references.entry(id).or_default().push(i);
            }
        }
        index
    }

    /// Byte strings one of which a file must contain to call a function or
    /// method of the workspace with a `nil` context: `Name(nil` where every
    /// signature of that name takes its context first, else `Name(`.
    pub fn caller_needles(&self) -> Vec<String> {
        let mut needles: HashSet<String> = HashSet::new();
        let sigs = self
            .packages
            .values()
            .flat_map(|p| p.funcs.values().chain(p.methods.values()))
            .filter(|s| s.takes_context());
        for sig in sigs {
            if sig.params.iter().skip(1).any(TypeRef::is_context) {
                needles.insert(format!("{}(", sig.name));
            } else {
                needles.insert(format!("{}(nil", sig.name));
            }
        }
        let mut needles: Vec<String> = needles.into_iter().collect();
        needles.sort();
        needles
    }

    /// True when `condition` holds for a finding in a file of `package`.
    pub fn holds(&self, package: &str, condition: &Condition) -> bool {
        match condition {
            Condition::CalleeTakesContext { callee, arg } => {
                self.callee_takes_context(package, callee, *arg)
            }
        }
    }

    fn callee_takes_context(&self, package: &str, callee: &Callee, arg: usize) -> bool {
        if let Some(sig) = self.signature_of(callee, 0) {
            let arity = match callee {
                Callee::Method { arity, .. } => Some(*arity),
                Callee::Function { .. } => None,
            };
            return sig.takes_context_at(arg, arity);
        }
        match callee {
            // The receiver's type is unknown: a same-package method of that
            // name counts when every one of that arity agrees.
            Callee::Method {
                receiver,
                name,
                arity,
            } if self.resolve(receiver, 0).is_none() => {
                let fitting: Vec<&Signature> = self
                    .packages
                    .get(package)
                    .and_then(|p| p.methods_by_name.get(name))
                    .into_iter()
                    .flatten()
                    .filter(|s| s.accepts(*arity))
                    .collect();
                !fitting.is_empty()
                    && fitting
                        .iter()
                        .all(|s| s.takes_context_at(arg, Some(*arity)))
            }
            _ => false,
        }
    }

    /// The declaration a call resolves to, if the workspace declares it.
    pub fn signature_of(&self, callee: &Callee, depth: usize) -> Option<&Signature> {
        match callee {
            Callee::Function { package, name } => self.packages.get(package)?.funcs.get(name),
            Callee::Method { receiver, name, .. } => {
                self.method_of(receiver, name, depth).map(|(_, sig)| sig)
            }
        }
    }

    /// The method `name` of a receiver, with the id of its package.
    fn method_of(
        &self,
        receiver: &TypeExpr,
        name: &str,
        depth: usize,
    ) -> Option<(&str, &Signature)> {
        let ty = self.resolve(receiver, depth + 1)?;
        let (package, type_name) = ty.named()?;
        self.method(package, type_name, name, depth + 1)
    }

    /// The method `name` of the named type, declared on it or promoted from
    /// an embedded field, with the id of the package declaring it.
    fn method(
        &self,
        package: &str,
        type_name: &str,
        name: &str,
        depth: usize,
    ) -> Option<(&str, &Signature)> {
        if depth > MAX_DEPTH {
            return None;
        }
        let (package, pkg) = self.packages.get_key_value(package)?;
        if let Some(sig) = pkg.methods.get(&(type_name.to_string(), name.to_string())) {
            return Some((package, sig));
        }
        pkg.structs
            .get(type_name)?
            .iter()
            .filter(|f| f.embedded)
            .find_map(|f| {
                let (p, t) = f.ty.named()?;
                self.method(p, t, name, depth + 1)
            })
    }

    /// The type a [`TypeExpr`] stands for, when the workspace can tell.
    pub fn resolve(&self, expr: &TypeExpr, depth: usize) -> Option<TypeRef> {
        if depth > MAX_DEPTH {
            return None;
        }
        match expr {
            TypeExpr::Known(ty) => Some(ty.clone()),
            TypeExpr::ResultOf(callee) => self
                .signature_of(callee, depth + 1)?
                .results
                .first()
                .cloned(),
            TypeExpr::Field(of, field) => {
                let ty = self.resolve(of, depth + 1)?;
                let (package, name) = ty.named()?;
                self.field(package, name, field, depth + 1)
            }
            TypeExpr::Elem(of) => match self.resolve(of, depth + 1)? {
                TypeRef::Slice(elem) | TypeRef::Map(elem) => Some(*elem),
                _ => None,
            },
            TypeExpr::Global { package, name } => {
                let ty = self.packages.get(package)?.vars.get(name)?;
                self.resolve(ty, depth + 1)
            }
            TypeExpr::Unknown => None,
        }
    }

    /// The type of field `field` of the named struct type, declared on it or
    /// promoted from an embedded field.
    fn field(&self, package: &str, type_name: &str, field: &str, depth: usize) -> Option<TypeRef> {
        if depth > MAX_DEPTH {
            return None;
        }
        let fields = self.packages.get(package)?.structs.get(type_name)?;
        if let Some(f) = fields.iter().find(|f| f.name == field) {
            return Some(f.ty.clone());
        }
        fields.iter().filter(|f| f.embedded).find_map(|f| {
            let (p, t) = f.ty.named()?;
            self.field(p, t, field, depth + 1)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::go::file_cx::testing::{with_file, with_tree};
    use crate::go::file_cx::FileCx;
    use crate::go::syntax::for_each_node;
    use crate::go::syntax::text;
    use crate::go::typing::callee_of;
    use crate::index::summary_parts::SummaryParts;

    /// The summary of `src` as a file of package `package`, and the callee
    /// of its call written `call` (if given).
    fn summarise(src: &str, package: &str, call: Option<&str>) -> (FileSummary, Option<Callee>) {
        with_file("a.go", src, package, None, |cx| {
            let mut callee = None;
            for_each_node(cx.root, |n| {
                if callee.is_none() && n.kind() == "call_expression" && Some(text(n, src)) == call {
                    callee = callee_of(cx, n);
                }
            });
            (
                FileSummary::from_tree(cx, Some(&all_names(cx)), SummaryParts::ALL, &[]),
                callee,
            )
        })
    }

    #[test]
    fn only_the_calls_asked_for_are_collected() {
        let src = "package a\nfunc f() {}\nfunc g() {}\nfunc h() {\n\tf()\n\tg()\n\trun(f)\n\trun(g)\n}\n";
        let wanted = HashSet::from(["g".to_string()]);
        let summary = with_file("a.go", src, "example.com/a", None, |cx| {
            FileSummary::from_tree(cx, Some(&wanted), SummaryParts::ALL, &[])
        });
        assert_eq!(summary.calls.len(), 1);
        assert_eq!(summary.references.len(), 1);
        let none = with_file("a.go", src, "example.com/a", None, |cx| {
            FileSummary::from_tree(cx, None, SummaryParts::ALL, &[])
        });
        assert!(none.calls.is_empty() && none.references.is_empty());
    }

    /// Every name in the file: asking for the uses of all of them.
    fn all_names(cx: &FileCx<'_>) -> HashSet<String> {
        let mut names = HashSet::new();
        for_each_node(cx.root, |n| {
            if matches!(
                n.kind(),
                "identifier" | "field_identifier" | "type_identifier"
            ) {
                names.insert(text(n, cx.src).to_string());
            }
        });
        names
    }

    fn takes_context(ws: &Workspace, package: &str, callee: &Callee, arg: usize) -> bool {
        ws.holds(
            package,
            &Condition::CalleeTakesContext {
                callee: callee.clone(),
                arg,
            },
        )
    }

    #[test]
    fn functions_across_packages() {
        let (pay, _) = summarise(
            "package pay\nimport \"context\"\nfunc Charge(a, b int, ctx context.Context) {}\nfunc Plain(x int) {}\n",
            "example.com/pay",
            None,
        );
        let (_, call) = summarise(
            "package shop\nimport \"example.com/pay\"\nfunc f() { pay.Charge(1, 2, nil) }\n",
            "example.com/shop",
            Some("pay.Charge(1, 2, nil)"),
        );
        let ws = Workspace::new([&pay]);
        let call = call.unwrap();
        assert!(takes_context(&ws, "example.com/shop", &call, 2));
        assert!(!takes_context(&ws, "example.com/shop", &call, 0));
        assert_eq!(ws.caller_needles(), vec!["Charge("]);
    }

    #[test]
    fn methods_through_fields_constructors_and_embedding() {
        let store = "package store\nimport \"context\"\ntype DB struct{}\nfunc (d *DB) Get(ctx context.Context, k string) {}\nfunc (d *DB) Put(k string, v []byte) {}\nfunc New() *DB { return &DB{} }\ntype Cached struct {\n\t*DB\n}\n";
        let (store, _) = summarise(store, "example.com/store", None);
        let app = "package app\nimport \"example.com/store\"\ntype Service struct{ db *store.DB; c store.Cached }\nvar global = store.New()\nfunc (s *Service) run() {\n\ts.db.Get(nil, \"k\")\n\tn := store.New()\n\tn.Get(nil, \"k\")\n\ts.c.Get(nil, \"k\")\n\tglobal.Get(nil, \"k\")\n\ts.db.Put(nil, nil)\n}\n";
        let ws_with = |app_summary: &FileSummary| Workspace::new([&store, app_summary]);
        for call in [
            "s.db.Get(nil, \"k\")",
            "n.Get(nil, \"k\")",
            "s.c.Get(nil, \"k\")",
            "global.Get(nil, \"k\")",
        ] {
            let (summary, callee) = summarise(app, "example.com/app", Some(call));
            let ws = ws_with(&summary);
            assert!(
                takes_context(&ws, "example.com/app", &callee.unwrap(), 0),
                "{call}"
            );
        }
        let (summary, callee) = summarise(app, "example.com/app", Some("s.db.Put(nil, nil)"));
        assert!(!takes_context(
            &ws_with(&summary),
            "example.com/app",
            &callee.unwrap(),
            0
        ));
    }

    #[test]
    fn unknown_receivers_fall_back_to_agreeing_names() {
        let src = "package pay\nimport \"context\"\ntype applier interface {\n\tDelete(txn Txn, id string) error\n}\nfunc (s *Server) Delete(ctx context.Context, id string) error { return nil }\nfunc (s *Server) Stop(ctx context.Context) {}\nfunc f(x interface{ Stop(context.Context) }) {\n\tunknown().Delete(nil, \"k\")\n\tunknown().Stop(nil)\n}\n";
        let (summary, delete) =
            summarise(src, "example.com/pay", Some("unknown().Delete(nil, \"k\")"));
        let (_, stop) = summarise(src, "example.com/pay", Some("unknown().Stop(nil)"));
        let ws = Workspace::new([&summary]);
        assert!(
            !takes_context(&ws, "example.com/pay", &delete.unwrap(), 0),
            "the interface method takes a Txn"
        );
        assert!(takes_context(&ws, "example.com/pay", &stop.unwrap(), 0));
    }

    /// The summary of `src` as the file `path` of package `package`.
    fn summary_at(path: &str, src: &str, package: &str) -> FileSummary {
        with_file(path, src, package, None, |cx| {
            FileSummary::from_tree(cx, Some(&all_names(cx)), SummaryParts::ALL, &[])
        })
    }

    fn func(package: &str, receiver: Option<&str>, name: &str) -> FuncId {
        FuncId {
            package: package.into(),
            receiver: receiver.map(str::to_string),
            name: name.into(),
        }
    }

    /// Each site as `path:line in caller`.
    fn sites(calls: &[&CallSite]) -> Vec<String> {
        let mut out: Vec<String> = calls
            .iter()
            .map(|c| {
                let caller = c.caller.as_deref().map_or("-".to_string(), |f| {
                    format!("{}.{}", f.receiver.as_deref().unwrap_or(&f.package), f.name)
                });
                format!("{}:{} in {caller}", c.path.display(), c.line)
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn method_families_follow_owned_interfaces() {
        let src = "package shop\ntype Store interface {\n\tLoad(id string) error\n\tClose() error\n}\ntype Big interface {\n\tStore\n}\ntype Mem struct{}\nfunc (m *Mem) Load(id string) error { return nil }\nfunc (m *Mem) Close() error { return nil }\ntype Disk struct{}\nfunc (d *Disk) Load(id string) error { return nil }\nfunc (d *Disk) Close() error { return nil }\ntype Cache struct{}\nfunc (c *Cache) Get(k string) {}\ntype Other struct{}\nfunc (o *Other) Get(k string) {}\nfunc (o *Other) Save(k int) {}\ntype Saver interface {\n\tSave(k string)\n}\ntype Name struct{}\nfunc (n Name) String() string { return \"\" }\nfunc use(b Big, s Store) {\n\tb.Load(\"x\")\n\ts.Load(\"y\")\n}\n";
        let ws = Workspace::new([&summary_at("shop.go", src, "example.com/shop")]);
        let load = ws
            .method_family(&func("example.com/shop", Some("Mem"), "Load"))
            .unwrap();
        let receivers: Vec<&str> = load.iter().filter_map(|f| f.receiver.as_deref()).collect();
        assert_eq!(receivers, ["Disk", "Mem", "Store"]);
        let close = ws.method_family(&func("example.com/shop", Some("Mem"), "Close"));
        assert!(matches!(
            close.unwrap_err(),
            FamilyError::StandardMethod { .. }
        ));
        let string = ws.method_family(&func("example.com/shop", Some("Name"), "String"));
        assert!(
            matches!(string.unwrap_err(), FamilyError::StandardMethod { .. }),
            "alone, it may still be a fmt.Stringer"
        );
        let get = ws.method_family(&func("example.com/shop", Some("Cache"), "Get"));
        assert!(
            matches!(get.unwrap_err(), FamilyError::SharedName { .. }),
            "no interface of the workspace declares Get"
        );
        let save = ws.method_family(&func("example.com/shop", Some("Other"), "Save"));
        let save = save.unwrap_err();
        assert_eq!(
            save,
            FamilyError::OtherSignature {
                name: "Save".into(),
                receiver: "Other".into(),
                interface: "Saver".into(),
            }
        );
        assert_eq!(
            save.to_string(),
            "`Other.Save` does not have the signature of the interface method `Saver.Save`"
        );
        let load_via_store = ws.callers(&func("example.com/shop", Some("Store"), "Load"));
        assert_eq!(
            load_via_store.calls.len(),
            1,
            "s.Load resolves to Store.Load"
        );
        let mem = ws.callers(&func("example.com/shop", Some("Mem"), "Load"));
        assert_eq!(
            mem.unresolved
                .iter()
                .map(|(_, why)| *why)
                .collect::<Vec<_>>(),
            [Unresolved::EmbeddingInterface],
            "b.Load goes through an interface embedding Store: not resolved"
        );
    }

    #[test]
    fn unexported_method_names_are_shared_within_their_package_only() {
        let a = summary_at(
            "a/a.go",
            "package a\ntype S struct{}\nfunc (s *S) save() {}\nfunc (s *S) Load() {}\n",
            "example.com/a",
        );
        let b = summary_at(
            "b/b.go",
            "package b\ntype T struct{}\nfunc (t *T) save() {}\nfunc (t *T) Load() {}\ntype U struct{}\nfunc (u *U) save() {}\n",
            "example.com/b",
        );
        let ws = Workspace::new([&a, &b]);
        assert!(!ws.shares_method_name(&func("example.com/a", Some("S"), "save")));
        assert!(ws.shares_method_name(&func("example.com/b", Some("T"), "save")));
        assert!(ws.shares_method_name(&func("example.com/a", Some("S"), "Load")));
    }

    #[test]
    fn callers_across_packages_aliases_and_external_tests() {
        let pay = summary_at(
            "pay/pay.go",
            "package pay\nfunc Charge(n int) {}\nfunc init() {\n\tCharge(0)\n}\n",
            "example.com/pay",
        );
        let shop = summary_at(
            "shop/shop.go",
            "package shop\nimport \"example.com/pay\"\nfunc buy() {\n\tpay.Charge(1)\n}\n",
            "example.com/shop",
        );
        let cart = summary_at(
            "cart/cart.go",
            "package cart\nimport p \"example.com/pay\"\nvar total = p.Charge\nfunc add() {\n\tp.Charge(2)\n}\n",
            "example.com/cart",
        );
        let test = summary_at(
            "pay/pay_test.go",
            "package pay_test\nimport (\n\t\"testing\"\n\t\"example.com/pay\"\n)\nfunc TestCharge(t *testing.T) {\n\tpay.Charge(3)\n}\n",
            "example.com/pay_test",
        );
        let ws = Workspace::new([&pay, &shop, &cart, &test]);
        let charge = func("example.com/pay", None, "Charge");
        let callers = ws.callers(&charge);
        assert_eq!(
            sites(&callers.calls),
            vec![
                "cart/cart.go:5 in example.com/cart.add",
                "pay/pay.go:4 in example.com/pay.init",
                "pay/pay_test.go:7 in example.com/pay_test.TestCharge",
                "shop/shop.go:4 in example.com/shop.buy",
            ]
        );
        let call = callers
            .calls
            .iter()
            .find(|c| c.path.ends_with("shop.go"))
            .unwrap();
        let src = "package shop\nimport \"example.com/pay\"\nfunc buy() {\n\tpay.Charge(1)\n}\n";
        assert_eq!(&src[call.range.clone()], "pay.Charge(1)");
        assert_eq!(&src[call.arguments.clone()], "(1)");
        let [reference] = callers.references.as_slice() else {
            panic!("one reference: {:?}", callers.references)
        };
        assert_eq!(
            (reference.path.to_str(), reference.line),
            (Some("cart/cart.go"), 3),
            "`var total = p.Charge` uses the function as a value"
        );
        assert!(
            callers.unresolved.is_empty(),
            "a function call always resolves"
        );
        assert!(ws
            .callers(&func("example.com/pay", None, "Other"))
            .calls
            .is_empty());
    }

    #[test]
    fn a_function_whose_calls_were_not_collected_keeps_its_signature() {
        let src = "package app\nfunc load() {}\nfunc run() { load() }\n";
        let mut ws = Workspace::new([&summary_at("app/app.go", src, "example.com/app")]);
        let load = func("example.com/app", None, "load");
        assert_eq!(
            ws.fixed_signature(&load),
            None,
            "before the rounds are over"
        );
        let mut collected = WantedNames::default();
        ws.set_searched(collected.clone());
        assert_eq!(
            ws.fixed_signature(&load),
            Some(KeptSignature::CallsNotSearched {
                name: "load".into()
            })
        );
        collected.function(&load, Some(Path::new("app/app.go")));
        ws.set_searched(collected);
        assert_eq!(ws.fixed_signature(&load), None);
    }

    #[test]
    fn methods_through_fields_constructors_and_embedding_resolve() {
        let store = summary_at(
            "store/db.go",
            "package store\ntype DB struct{}\nfunc (d *DB) Get(k string) {}\nfunc New() *DB { return &DB{} }\ntype Cached struct {\n\t*DB\n}\n",
            "example.com/store",
        );
        let app = summary_at(
            "app/app.go",
            "package app\nimport \"example.com/store\"\ntype Service struct {\n\tdb *store.DB\n\tc  store.Cached\n}\nfunc (s *Service) run() {\n\ts.db.Get(\"a\")\n\tn := store.New()\n\tn.Get(\"b\")\n\ts.c.Get(\"c\")\n}\n",
            "example.com/app",
        );
        let ws = Workspace::new([&store, &app]);
        let get = func("example.com/store", Some("DB"), "Get");
        assert_eq!(
            sites(&ws.callers(&get).calls),
            vec![
                "app/app.go:10 in Service.run",
                "app/app.go:11 in Service.run",
                "app/app.go:8 in Service.run",
            ],
            "through a field, a constructor's result and an embedded field"
        );
        let promoted = app.calls.iter().find(|c| c.line == 11).unwrap();
        assert_eq!(ws.func_id_of(promoted.callee.as_ref().unwrap()), Some(get));
    }

    #[test]
    fn functions_used_as_values_are_references() {
        let src = "package srv\ntype Server struct{}\nfunc (s *Server) handle() {}\nfunc run() {}\nfunc Map[T any](x T) {}\nvar handlers = map[string]func(){\"run\": run}\nfunc (s *Server) start() {\n\tregister(s.handle)\n\tMap[int](1)\n\trun := func() {}\n\tregister(run)\n\trun()\n}\nfunc register(f func()) {}\n";
        let summary = summary_at("srv/srv.go", src, "example.com/srv");
        let ws = Workspace::new([&summary]);
        let text = |r: &FuncRef| &src[r.range.clone()];

        let handle = ws.callers(&func("example.com/srv", Some("Server"), "handle"));
        assert!(handle.calls.is_empty(), "a method value is not a call");
        assert_eq!(
            handle
                .references
                .iter()
                .map(|r| (text(r), r.line))
                .collect::<Vec<_>>(),
            vec![("s.handle", 8)]
        );

        let run = ws.callers(&func("example.com/srv", None, "run"));
        assert_eq!(
            run.references
                .iter()
                .map(|r| (text(r), r.line))
                .collect::<Vec<_>>(),
            vec![("run", 6)],
            "the map literal's value, not its key, nor the local `run`"
        );
        assert!(run.calls.is_empty(), "`run()` calls the local variable");
        assert!(summary
            .calls
            .iter()
            .any(|c| c.line == 12 && c.callee.is_none()));

        let generic = ws.callers(&func("example.com/srv", None, "Map"));
        assert_eq!(
            generic
                .references
                .iter()
                .map(|r| text(r))
                .collect::<Vec<_>>(),
            vec!["Map[int]"],
            "an explicit instantiation is a function value"
        );
    }

    #[test]
    fn calls_know_goroutines_callers_and_recursion() {
        let src = "package w\nvar first = work(0)\nfunc work(n int) int {\n\tif n > 0 {\n\t\treturn work(n - 1)\n\t}\n\tgo work(1)\n\tgo func() {\n\t\twork(2)\n\t}()\n\treturn 0\n}\n";
        let summary = summary_at("w/w.go", src, "example.com/w");
        let ws = Workspace::new([&summary]);
        let work = func("example.com/w", None, "work");
        let callers = ws.callers(&work);
        let by_line = |line| *callers.calls.iter().find(|c| c.line == line).unwrap();
        assert_eq!(by_line(2).caller, None, "a package-level initializer");
        assert_eq!(by_line(5).caller.as_deref(), Some(&work), "recursion");
        assert!(!by_line(5).in_goroutine);
        assert!(by_line(7).in_goroutine, "`go work(1)`");
        assert!(by_line(9).in_goroutine, "inside `go func() {{ ... }}()`");
        assert_eq!(by_line(9).caller.as_deref(), Some(&work));
    }

    #[test]
    fn unknown_receivers_are_unresolved_with_a_reason() {
        let src = "package db\ntype Conn struct{}\nfunc (c *Conn) Close() error { return nil }\nfunc f(x interface{ Close() error }) {\n\tunknown().Close()\n\tunknown().Close(1)\n\tx.Close()\n\t(&Conn{}).Close()\n}\n";
        let summary = summary_at("db/db.go", src, "example.com/db");
        let ws = Workspace::new([&summary]);
        let callers = ws.callers(&func("example.com/db", Some("Conn"), "Close"));
        assert_eq!(
            callers.calls.iter().map(|c| c.line).collect::<Vec<_>>(),
            vec![8]
        );
        let unresolved: Vec<(usize, String)> = callers
            .unresolved
            .iter()
            .map(|(c, why)| (c.line, why.to_string()))
            .collect();
        assert_eq!(
            unresolved,
            vec![
                (5, "receiver type unknown".to_string()),
                (7, "receiver type is not a named type".to_string()),
            ],
            "`unknown().Close(1)` does not fit the parameters"
        );
    }

    #[test]
    fn a_partial_parse_finds_the_uses_the_whole_file_holds() {
        let src = "package a\n\nimport (\n\t\"context\"\n\t\"fmt\"\n)\n\n// Load loads.\nfunc Load() error { return nil }\n\ntype T struct{ ctx context.Context }\n\nvar x = 1; func g() { Load() }\n\nfunc (t *T) Run(n int) {\n\tif err := Load(); err != nil {\n\t\tfmt.Println(t.ctx, n)\n\t}\n\tgo func() { _ = Load() }()\n\tf := Load\n\t_ = f\n}\n\nfunc other() { fmt.Println(\"Load\") }\n\nfunc h() error { return Load() }";
        let names: HashSet<String> = ["Load", "ctx"].map(String::from).into();
        let offsets =
            crate::go::tokens::use_offsets(src, &names, |_| crate::go::tokens::Uses::ALL, false);
        let (summary, whole) = with_file("a.go", src, "example.com/a", None, |cx| {
            let summary = FileSummary::from_tree(cx, None, SummaryParts::ALL, &[]);
            let whole = summary.uses_of(cx, &names, &offsets);
            (summary, whole)
        });
        let declarations = summary.declarations_around(&offsets);
        let ranges = summary.with_header(&declarations);
        let included: usize = ranges.iter().map(|r| r.end_byte - r.start_byte).sum();
        assert!(included < src.len(), "`Load` and `other` are left out");
        let tree = crate::go::syntax::parse_ranges(src, &ranges).expect("sorted ranges, apart");
        assert!(crate::go::syntax::first_error(&tree).is_none());
        let partial = with_tree("a.go", src, &tree, "example.com/a", None, |cx| {
            summary.uses_of(cx, &names, &offsets)
        });
        assert_eq!(whole.calls.len(), 4, "{:?}", whole.calls);
        // `f := Load`, and `t.ctx`, which may name a method until the
        // workspace says it does not.
        assert_eq!(whole.references.len(), 2, "{:?}", whole.references);
        assert_eq!(whole.field_uses.len(), 1);
        assert_eq!(partial.calls, whole.calls);
        assert_eq!(partial.references, whole.references);
        assert_eq!(partial.field_uses, whole.field_uses);
    }
}
