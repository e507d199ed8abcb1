//! What the engine knows across files: every package's functions, methods
//! (by receiver type), struct fields, interface methods and package-level
//! variables, enough to resolve a call to its declaration without a type
//! checker; and which well-known library calls take a context. Each file
//! contributes a [`FileSummary`]; the [`Workspace`] answers the
//! [`Condition`]s findings carry.

use crate::go::file_cx::FileCx;
use crate::go::known::STANDARD_METHODS;
use crate::go::syntax::{for_each_node_around, named_children, text};
use crate::go::typing::{callee_of, function_named, var_spec_type, Callee, TypeExpr, TypeRef};
use crate::index::call_results::ResultUse;
use crate::index::collect::{Collector, Declaration, Derived, Facts};
use crate::index::fields::{ContextField, FieldUse};
use crate::index::functions::FunctionFacts;
use crate::index::ids::FuncId;
use crate::index::summary_parts::SummaryParts;
use crate::index::wanted::WantedNames;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::ops::Range;
use std::path::Path;
use std::sync::{Arc, OnceLock};
use tree_sitter::Node;

/// How deep type resolution follows results, fields and variables before
/// giving up (it also stops cycles).
const MAX_DEPTH: usize = 8;

/// A function, method or interface method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// The function or method name.
    pub name: String,
    /// For a method, the name of its receiver type (or interface).
    pub receiver: Option<String>,
    /// The fixed parameters' types, one per parameter name.
    pub params: Vec<TypeRef>,
    /// True when the last parameter is variadic (not in `params`).
    pub variadic: bool,
    /// The result types.
    pub results: Vec<TypeRef>,
}

impl Signature {
    /// True when a call with `arity` arguments (if known) passes argument
    /// `arg` to a context parameter.
    fn takes_context_at(&self, arg: usize, arity: Option<usize>) -> bool {
        arity.is_none_or(|n| self.accepts(n))
            && self.params.get(arg).is_some_and(TypeRef::is_context)
    }

    /// True when some parameter is a `context.Context`.
    fn takes_context(&self) -> bool {
        self.params.iter().any(TypeRef::is_context)
    }

    /// True when a call with `arity` arguments fits the parameters.
    fn accepts(&self, arity: usize) -> bool {
        arity == self.params.len() || (self.variadic && arity >= self.params.len())
    }
}

/// A struct field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The field's name (the type's name for an embedded field).
    pub name: String,
    /// Its type.
    pub ty: TypeRef,
    /// True for an embedded field, whose methods are promoted.
    pub embedded: bool,
}

/// One call in a file: `F(...)`, `pkg.F(...)` or `x.M(...)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallSite {
    /// The file (shared by every site of the file).
    pub path: Arc<Path>,
    /// The bytes of the whole call expression.
    pub range: Range<usize>,
    /// The bytes of the called function's or method's name.
    pub name: Range<usize>,
    /// The bytes of the argument list, parentheses included.
    pub arguments: Range<usize>,
    /// Each argument's bytes and text (comments excluded).
    pub args: Vec<(Range<usize>, String)>,
    /// What follows a new first argument: `", "`, `","` before a line
    /// break, or nothing for an empty list.
    pub first_separator: &'static str,
    /// The 1-based line the call starts on.
    pub line: usize,
    /// What it calls; `None` for a local variable of function type.
    pub callee: Option<Callee>,
    /// The declared function or method the call is in; `None` at package
    /// level (a `var` initializer). Calls in a function literal count as
    /// calls of the declaration around it.
    pub caller: Option<Arc<FuncId>>,
    /// True when the call may run after its caller returns: in a goroutine
    /// (`go f()`, or inside `go func() { ... }()`), or in a function literal
    /// kept to run later ([`crate::go::scope::runs_later`]).
    pub in_goroutine: bool,
    /// True when a local variable hides the `context` package where the
    /// call stands (or the file has no name for it): no
    /// `context.WithoutCancel` can be written there.
    pub context_hidden: bool,
    /// The context the call could pass without changing its caller: the
    /// one in scope, or the one a root makes; `None` when there is none.
    pub supply: Option<String>,
    /// False in a file ctxmod does not edit (generated, or outside the
    /// paths it was given): a signature change would break this call.
    pub editable: bool,
    /// How its results are used: the statement that takes them, if one
    /// does.
    pub results: ResultUse,
}

/// A place a function or method is used as a value rather than called:
/// passed, assigned, stored in a literal, returned, a method value `x.M`
/// or an explicit instantiation `F[T]`. Such a function cannot change its
/// signature without changing the types of the places it flows to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FuncRef {
    /// The file (shared by every site of the file).
    pub path: Arc<Path>,
    /// The bytes of the reference.
    pub range: Range<usize>,
    /// The 1-based line it is on.
    pub line: usize,
    /// What it may name; a method's `arity` is 0, as nothing is called.
    /// Candidates that name nothing the workspace declares (variables,
    /// fields) are dropped when the workspace indexes references.
    pub target: Callee,
}

/// A package-level `var _ I = (*T)(nil)`: type `T` implements interface
/// `I`, which may belong to another module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assertion {
    /// The package of `T`.
    pub package: String,
    /// `T`.
    pub ty: String,
    /// The package id and name of `I`.
    pub interface: (String, String),
    /// True when `T` embeds `I` rather than being asserted to implement
    /// it: then `I` may be a struct, and only one of another module counts.
    pub embedded: bool,
}

/// The package-level facts one file contributes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileSummary {
    /// The id of the file's package (see [`crate::go::typing`]).
    pub package: String,
    /// Top-level functions.
    pub funcs: Vec<Signature>,
    /// Methods, and the methods of top-level interface types.
    pub methods: Vec<Signature>,
    /// The names of top-level interface types.
    pub interfaces: Vec<String>,
    /// Struct types with their fields.
    pub structs: Vec<(String, Vec<Field>)>,
    /// Package-level variables with their types.
    pub vars: Vec<(String, TypeExpr)>,
    /// Every call of a named function or method, and of a local function
    /// variable.
    pub calls: Vec<CallSite>,
    /// Every use of a name that may be a function or method as a value.
    pub references: Vec<FuncRef>,
    /// What the rules' collectors gathered ([`crate::index::collect`]).
    pub facts: Facts,
    /// What thread-ctx needs of every function and method, with its file.
    pub functions: Vec<(Arc<FuncId>, Arc<Path>, FunctionFacts)>,
    /// Struct fields of type `context.Context`.
    pub context_fields: Vec<ContextField>,
    /// Every use of a field (or positional literal of a type) so named.
    pub field_uses: Vec<FieldUse>,
    /// The interfaces `var _ I = (*T)(nil)` asserts the file's types
    /// implement.
    pub asserted: Vec<Assertion>,
    /// The functions the file starts in a goroutine handing them a
    /// context that is not detached: `go f(ctx, …)`, or `f(ctx, …)` in
    /// the function literal of a `go` statement ([`SummaryParts::CALLS`]).
    pub launched: Vec<Callee>,
    /// The file, for a summary of a whole file.
    pub path: Option<Arc<Path>>,
    /// For a file that does not parse: the wanted names it may use, whose
    /// uses there are unknown ([`FileSummary::unparsable`]).
    pub unparsable: Vec<String>,
    /// The functions a `//go:linkname` directive of the file names: code
    /// elsewhere links to them by name, trusting their signatures.
    pub linknamed: Vec<String>,
    /// The packages the file imports with `.`: an unqualified call there
    /// may name one of their functions.
    pub dot_imports: Vec<String>,
    /// The package clause and imports, through the line break after them.
    header: Option<tree_sitter::Range>,
    /// Each top-level declaration, in order, with what calls in it need.
    enclosing: Vec<Enclosing>,
    /// True for a file ctxmod reads but does not edit.
    read_only: bool,
}

/// A top-level declaration, as the calls in it see it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Enclosing {
    /// Its bytes and points, through the line break after it.
    range: tree_sitter::Range,
    /// The function or method it declares.
    caller: Option<Arc<FuncId>>,
    /// The context it makes as a root.
    root: Option<String>,
}

/// The local names of the `//go:linkname` directives of Go source `src`
/// (`//go:linkname local [target]`, at the start of a line).
fn linknamed(src: &str) -> Vec<String> {
    const DIRECTIVE: &str = "//go:linkname ";
    memchr::memmem::find_iter(src.as_bytes(), DIRECTIVE)
        .filter(|&at| at == 0 || src.as_bytes()[at - 1] == b'\n')
        .filter_map(|at| src[at + DIRECTIVE.len()..].split_whitespace().next())
        .map(str::to_string)
        .collect()
}

/// The bytes and points of `node` through the end of its last line (the
/// line break included): what a partial parse must include for the
/// declarations around to stay apart.
fn through_line_end(node: Node<'_>, src: &str) -> tree_sitter::Range {
    let (end_byte, end_point) = match memchr::memchr(b'\n', &src.as_bytes()[node.end_byte()..]) {
        Some(n) => (
            node.end_byte() + n + 1,
            tree_sitter::Point::new(node.end_position().row + 1, 0),
        ),
        None => (
            src.len(),
            tree_sitter::Point::new(
                node.end_position().row,
                node.end_position().column + src.len() - node.end_byte(),
            ),
        ),
    };
    tree_sitter::Range {
        start_byte: node.start_byte(),
        end_byte,
        start_point: node.start_position(),
        end_point,
    }
}

impl FileSummary {
    /// Reads the top-level declarations of a parsed file, and the `parts`
    /// of the summary the run's rules read.
    /// With `uses`, also the calls of and references to functions and
    /// methods so named ([`Workspace::callers`]): collecting every call
    /// costs time on every file, so only the names some rule asks for are.
    pub fn from_tree(
        cx: &FileCx<'_>,
        uses: Option<&HashSet<String>>,
        parts: SummaryParts,
        collectors: &[&dyn Collector],
    ) -> FileSummary {
        let path: Arc<Path> = Arc::from(cx.path);
        let mut summary = FileSummary {
            package: cx.package.to_string(),
            path: Some(path.clone()),
            linknamed: linknamed(cx.src),
            dot_imports: cx.imports.dot_imports().map(str::to_string).collect(),
            ..FileSummary::default()
        };
        let calls = parts.contains(SummaryParts::CALLS);
        let offsets = uses
            .map(|names| crate::go::syntax::word_offsets(cx.src, names))
            .unwrap_or_default();
        let wanting: Vec<&&dyn Collector> = collectors.iter().filter(|c| c.wants(cx)).collect();
        for decl in named_children(cx.root) {
            let mut caller = None;
            match decl.kind() {
                "package_clause" | "import_declaration" => {
                    let mut header = through_line_end(decl, cx.src);
                    if let Some(first) = summary.header {
                        header.start_byte = first.start_byte;
                        header.start_point = first.start_point;
                    }
                    summary.header = Some(header);
                }
                "function_declaration" => {
                    let sig = signature(cx, decl, None);
                    caller = sig.as_ref().map(|s| summary.func_id(s));
                    summary.funcs.extend(sig);
                }
                "method_declaration" => {
                    let receiver = decl
                        .child_by_field_name("receiver")
                        .and_then(|r| named_children(r).into_iter().next())
                        .and_then(|p| p.child_by_field_name("type"))
                        .map(|t| TypeRef::of(cx, t));
                    let receiver = receiver.as_ref().and_then(TypeRef::named).map(|(_, n)| n);
                    let sig = signature(cx, decl, receiver);
                    caller = sig.as_ref().map(|s| summary.func_id(s));
                    summary.methods.extend(sig);
                }
                "type_declaration" => summary.add_types(cx, decl, &path, calls),
                "var_declaration" => summary.add_vars(cx, decl),
                _ => {}
            }
            let at = Declaration {
                path: &path,
                function: caller.as_ref(),
            };
            for collector in &wanting {
                collector.collect(cx, decl, &at, &mut summary.facts);
            }
            if !calls {
                continue;
            }
            let mut root = None;
            if let Some(id) = &caller {
                if let Some(facts) = crate::index::functions::facts_of(cx, decl) {
                    root = facts.root.clone();
                    summary.functions.push((id.clone(), path.clone(), facts));
                }
                summary.launched.extend(launched_with_context(cx, decl));
            }
            if let Some(names) = uses {
                let enclosing = (caller.clone(), root.as_deref());
                summary.add_uses(cx, decl, &path, enclosing, names, &offsets);
            }
            if !matches!(
                decl.kind(),
                "package_clause" | "import_declaration" | "comment"
            ) {
                summary.enclosing.push(Enclosing {
                    range: through_line_end(decl, cx.src),
                    caller,
                    root,
                });
            }
        }
        summary
    }

    /// The offsets in `text`, the file's source, where the declarations
    /// use one of `names` in one of the ways `uses_of` gives for it
    /// ([`crate::go::tokens::use_offsets`]), sorted. Only the declarations
    /// whose text holds a name are lexed: a declaration starts and ends
    /// outside comments and literals, so it lexes alone as in the file.
    pub fn use_offsets(
        &self,
        text: &str,
        names: &HashSet<String>,
        uses_of: impl Fn(&str) -> crate::go::tokens::Uses,
        context_is_package: bool,
    ) -> Vec<usize> {
        let finders: Vec<memchr::memmem::Finder<'_>> = names
            .iter()
            .map(|n| memchr::memmem::Finder::new(n.as_bytes()))
            .collect();
        let mut offsets = Vec::new();
        for range in self.enclosing.iter().map(|e| e.range) {
            let declaration = &text[range.start_byte..range.end_byte];
            if finders
                .iter()
                .any(|f| f.find(declaration.as_bytes()).is_some())
            {
                offsets.extend(
                    crate::go::tokens::use_offsets(
                        declaration,
                        names,
                        &uses_of,
                        context_is_package,
                    )
                    .into_iter()
                    .map(|at| range.start_byte + at),
                );
            }
        }
        offsets
    }

    /// The ranges of the top-level declarations that hold one of
    /// `offsets` (sorted), through the end of their last lines.
    pub fn declarations_around(&self, offsets: &[usize]) -> Vec<tree_sitter::Range> {
        self.enclosing
            .iter()
            .map(|e| e.range)
            .filter(|r| !within(offsets, r.start_byte..r.end_byte).is_empty())
            .collect()
    }

    /// What a parse of some `declarations` (sorted) for
    /// [`FileSummary::uses_of`] must include: the package clause and
    /// imports too. Declarations that share a line share a range.
    pub fn with_header(&self, declarations: &[tree_sitter::Range]) -> Vec<tree_sitter::Range> {
        let mut ranges: Vec<tree_sitter::Range> = Vec::new();
        for &range in self.header.iter().chain(declarations) {
            match ranges.last_mut() {
                Some(last) if range.start_byte < last.end_byte => {
                    if range.end_byte > last.end_byte {
                        last.end_byte = range.end_byte;
                        last.end_point = range.end_point;
                    }
                }
                _ => ranges.push(range),
            }
        }
        ranges
    }

    /// The calls of, references to and field uses of the names in `names`
    /// that the file holds, as a summary holding only those, for a summary
    /// made before those names were asked for; `cx` is the same file,
    /// parsed whole or in part ([`FileSummary::with_header`]): only the
    /// declarations in the tree are searched, around `offsets` (sorted),
    /// where the file may use the names.
    /// [`FileSummary::extend_uses`] adds them.
    pub fn uses_of(
        &self,
        cx: &FileCx<'_>,
        names: &HashSet<String>,
        offsets: &[usize],
    ) -> FileSummary {
        let path: Arc<Path> = Arc::from(cx.path);
        let mut found = FileSummary {
            package: self.package.clone(),
            read_only: self.read_only,
            ..FileSummary::default()
        };
        for decl in named_children(cx.root) {
            let at = self
                .enclosing
                .binary_search_by_key(&decl.start_byte(), |e| e.range.start_byte);
            if let Ok(at) = at {
                let Enclosing { caller, root, .. } = &self.enclosing[at];
                let enclosing = (caller.clone(), root.as_deref());
                found.add_uses(cx, decl, &path, enclosing, names, offsets);
            }
        }
        if self.read_only {
            found.make_read_only();
        }
        found
    }

    /// The uses of `found` (from [`FileSummary::uses_of`]) this summary
    /// does not hold yet: a file searched again for a name, for more ways
    /// of using it, finds some of the same uses.
    pub fn unheld(&self, mut found: FileSummary) -> FileSummary {
        let calls: HashSet<Range<usize>> = self.calls.iter().map(|c| c.range.clone()).collect();
        let references: HashSet<Range<usize>> =
            self.references.iter().map(|r| r.range.clone()).collect();
        let field_uses: HashSet<Range<usize>> =
            self.field_uses.iter().map(|u| u.range.clone()).collect();
        found.calls.retain(|c| !calls.contains(&c.range));
        found.references.retain(|r| !references.contains(&r.range));
        found.field_uses.retain(|u| !field_uses.contains(&u.range));
        found
    }

    /// Puts the uses in the order of the file, as one walk of the whole
    /// file finds them (an enclosing expression before those inside it).
    pub fn sort_uses(&mut self) {
        let order = |r: &Range<usize>| (r.start, std::cmp::Reverse(r.end));
        self.calls.sort_by_key(|c| order(&c.range));
        self.references.sort_by_key(|r| order(&r.range));
        self.field_uses.sort_by_key(|u| order(&u.range));
    }

    /// Adds the uses found by [`FileSummary::uses_of`].
    pub fn extend_uses(&mut self, more: &FileSummary) {
        self.calls.extend_from_slice(&more.calls);
        self.references.extend_from_slice(&more.references);
        self.field_uses.extend_from_slice(&more.field_uses);
    }

    /// Marks the file as one ctxmod reads but does not edit: its calls
    /// cannot be changed, and nothing declared in it is a candidate for a
    /// fix.
    pub fn make_read_only(&mut self) {
        self.read_only = true;
        for call in &mut self.calls {
            call.editable = false;
        }
        for site in &mut self.field_uses {
            site.editable = false;
        }
        self.functions.clear();
        self.facts.make_read_only();
        self.context_fields.clear();
    }

    /// The summary of a file that does not parse, before the names it may
    /// use are added to [`FileSummary::unparsable`].
    pub fn unparsable(path: &Path) -> FileSummary {
        FileSummary {
            path: Some(Arc::from(path)),
            read_only: true,
            ..FileSummary::default()
        }
    }

    /// The id of a function or method this file declares.
    fn func_id(&self, sig: &Signature) -> Arc<FuncId> {
        Arc::new(FuncId {
            package: self.package.clone(),
            receiver: sig.receiver.clone(),
            name: sig.name.clone(),
        })
    }

    /// Records the calls, function references and field uses of `names`
    /// in one top-level declaration, walking only around the `offsets`
    /// (where the names appear in the file) that fall in it. `enclosing`
    /// is the function the declaration declares and the context it makes
    /// as a root.
    fn add_uses(
        &mut self,
        cx: &FileCx<'_>,
        decl: Node<'_>,
        path: &Arc<Path>,
        (caller, root): (Option<Arc<FuncId>>, Option<&str>),
        names: &HashSet<String>,
        offsets: &[usize],
    ) {
        let offsets = within(offsets, decl.byte_range());
        if offsets.is_empty() {
            return;
        }
        let wanted = |n: Node<'_>| last_name(n, cx.src).is_some_and(|name| names.contains(name));
        let wanted_name = |name: &str| names.contains(name);
        // The declaration's identifiers, once a call's statement needs them.
        let mut names_in_decl = None;
        for_each_node_around(decl, offsets, |node| {
            if !node.is_named() {
                return;
            }
            let kind = node.kind();
            let mut targets: Vec<(Node<'_>, Callee)> = Vec::new();
            match kind {
                "call_expression" if node.child_by_field_name("function").is_some_and(wanted) => {
                    let results =
                        crate::index::call_results::result_use(cx, node, &mut names_in_decl);
                    self.add_call(cx, node, path, &caller, root, results);
                }
                "selector_expression" | "keyed_element" | "composite_literal" => {
                    if let Some((range, name, owner, access)) =
                        crate::index::fields::field_use(cx, node, decl, &wanted_name)
                    {
                        self.field_uses.push(FieldUse {
                            path: path.clone(),
                            line: node.start_position().row + 1,
                            range,
                            name,
                            owner,
                            access,
                            caller: caller.clone(),
                            editable: true,
                        });
                    }
                }
                // `F[T]` as a value.
                "type_instantiation_expression" if wanted(node) => {
                    targets.extend(instantiated(cx, node).map(|t| (node, t)));
                }
                _ => {}
            }
            for operand in value_operands(node, kind)
                .into_iter()
                .filter(|o| wanted(*o))
            {
                let target = match operand.kind() {
                    "identifier" | "selector_expression" => {
                        function_named(cx, operand, 0).filter(|t| {
                            !matches!(
                                t,
                                Callee::Method {
                                    receiver: TypeExpr::Unknown,
                                    ..
                                }
                            )
                        })
                    }
                    // `F[T](x)` parses as a conversion to a generic type.
                    "generic_type" => instantiated(cx, operand),
                    _ => None,
                };
                targets.extend(target.map(|t| (operand, t)));
            }
            for (at, target) in targets {
                self.references.push(FuncRef {
                    path: path.clone(),
                    range: at.byte_range(),
                    line: at.start_position().row + 1,
                    target,
                });
            }
        });
    }

    /// Records `call` when it calls a named function or method, or a local
    /// function variable.
    fn add_call(
        &mut self,
        cx: &FileCx<'_>,
        call: Node<'_>,
        path: &Arc<Path>,
        caller: &Option<Arc<FuncId>>,
        root: Option<&str>,
        results: ResultUse,
    ) {
        let (Some(function), Some(arguments)) = (
            call.child_by_field_name("function"),
            call.child_by_field_name("arguments"),
        ) else {
            return;
        };
        let callee = callee_of(cx, call);
        if callee.is_none() && !matches!(function.kind(), "identifier" | "selector_expression") {
            return;
        }
        let in_goroutine = crate::go::scope::runs_later(call, cx.src);
        self.calls.push(CallSite {
            path: path.clone(),
            range: call.byte_range(),
            name: last_name_node(function).map_or(function.byte_range(), |n| n.byte_range()),
            arguments: arguments.byte_range(),
            args: named_children(arguments)
                .into_iter()
                .map(|a| (a.byte_range(), text(a, cx.src).to_string()))
                .collect(),
            first_separator: crate::go::syntax::first_item_separator(
                cx.src,
                arguments.start_byte(),
                named_children(arguments).is_empty(),
            ),
            line: call.start_position().row + 1,
            callee,
            caller: caller.clone(),
            in_goroutine,
            context_hidden: cx.package_name_at("context", call).is_none(),
            supply: supply(cx, call, root, in_goroutine),
            editable: true,
            results,
        });
    }

    /// Adds the interfaces and structs `decl` declares; with `calls`, also
    /// their threading facts and context fields ([`SummaryParts::CALLS`]).
    fn add_types(&mut self, cx: &FileCx<'_>, decl: Node<'_>, path: &Arc<Path>, calls: bool) {
        for spec in named_children(decl)
            .into_iter()
            .filter(|s| s.kind() == "type_spec")
        {
            let (Some(name), Some(ty)) = (
                spec.child_by_field_name("name"),
                spec.child_by_field_name("type"),
            ) else {
                continue;
            };
            let name = text(name, cx.src);
            match ty.kind() {
                "interface_type" => {
                    self.interfaces.push(name.to_string());
                    for elem in named_children(ty)
                        .into_iter()
                        .filter(|e| e.kind() == "method_elem")
                    {
                        let Some(sig) = signature(cx, elem, Some(name)) else {
                            continue;
                        };
                        let id = self.func_id(&sig);
                        self.methods.push(sig);
                        if !calls {
                            continue;
                        }
                        if let Some(facts) =
                            crate::index::functions::interface_method_facts(cx, elem, name)
                        {
                            self.functions.push((id, path.clone(), facts));
                        }
                    }
                }
                "struct_type" => {
                    let fields = struct_fields(cx, ty);
                    // A type of another module embedded in the struct: the
                    // struct's methods of the same names override its
                    // methods, and may implement its interface. (The
                    // standard library's interface methods are known by
                    // name, and its embedded mutexes have none to override.)
                    self.asserted.extend(
                        fields
                            .iter()
                            .filter(|f| f.embedded)
                            .filter_map(|f| f.ty.named())
                            .filter(|(package, _)| {
                                *package != cx.package
                                    && package.split('/').next().is_some_and(|d| d.contains('.'))
                            })
                            .map(|(package, embedded)| Assertion {
                                package: cx.package.to_string(),
                                ty: name.to_string(),
                                interface: (package.to_string(), embedded.to_string()),
                                embedded: true,
                            }),
                    );
                    self.structs.push((name.to_string(), fields));
                    if calls {
                        self.context_fields
                            .extend(crate::index::fields::context_fields(cx, name, ty, path));
                    }
                }
                _ => {}
            }
        }
    }

    fn add_vars(&mut self, cx: &FileCx<'_>, decl: Node<'_>) {
        for spec in crate::go::syntax::specs(decl) {
            let mut cursor = spec.walk();
            let names: Vec<&str> = spec
                .children_by_field_name("name", &mut cursor)
                .map(|n| text(n, cx.src))
                .collect();
            if names == ["_"] {
                self.asserted.extend(interface_assertion(cx, spec));
            }
            for name in names {
                if let Some(ty) = var_spec_type(cx, spec, name) {
                    self.vars.push((name.to_string(), ty));
                }
            }
        }
    }
}

/// The functions `decl` starts in a goroutine handing them a context of
/// its that is not detached (see [`FileSummary::launched`]).
fn launched_with_context(cx: &FileCx<'_>, decl: Node<'_>) -> Vec<Callee> {
    if !cx.text(decl).contains("go ") {
        return Vec::new();
    }
    let mut launched = Vec::new();
    crate::go::syntax::for_each_node(decl, |go| {
        if go.kind() != "go_statement" {
            return;
        }
        let Some(call) = named_children(go)
            .into_iter()
            .find(|c| c.kind() == "call_expression")
        else {
            return;
        };
        let contexts: Vec<String> = crate::go::scope::contexts_in_scope(cx, go)
            .into_iter()
            .filter(|c| !c.detached)
            .map(|c| c.expression())
            .collect();
        if contexts.is_empty() {
            return;
        }
        let hands = |call: Node<'_>| {
            crate::go::syntax::call_arguments(call)
                .iter()
                .any(|a| contexts.iter().any(|c| c == cx.text(*a)))
        };
        match call.child_by_field_name("function") {
            Some(f) if f.kind() == "func_literal" => {
                crate::go::syntax::for_each_node(f, |inner| {
                    if inner.kind() == "call_expression" && hands(inner) {
                        launched.extend(callee_of(cx, inner));
                    }
                });
            }
            _ if hands(call) => launched.extend(callee_of(cx, call)),
            _ => {}
        }
    });
    launched
}

/// The type of the file's package and the interface that `var _ I = …`
/// asserts it implements: `(*T)(nil)`, `&T{}`, `T{}` or `new(T)`.
fn interface_assertion(cx: &FileCx<'_>, spec: Node<'_>) -> Option<Assertion> {
    let interface = match TypeRef::of(cx, spec.child_by_field_name("type")?) {
        TypeRef::Named { package, name } => (package, name),
        _ => return None,
    };
    let [value] = named_children(spec.child_by_field_name("value")?)[..] else {
        return None;
    };
    let value: String = text(value, cx.src)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let ty = value
        .strip_prefix("(*")
        .and_then(|v| v.strip_suffix(")(nil)"))
        .or_else(|| value.strip_prefix('&').and_then(|v| v.strip_suffix("{}")))
        .or_else(|| value.strip_prefix("new(").and_then(|v| v.strip_suffix(')')))
        .or_else(|| value.strip_suffix("{}"))?;
    let is_name = !ty.is_empty() && ty.bytes().all(crate::go::syntax::is_identifier_byte);
    is_name.then(|| Assertion {
        package: cx.package.to_string(),
        ty: ty.to_string(),
        interface,
        embedded: false,
    })
}

/// The sorted offsets that fall in `range`.
fn within(offsets: &[usize], range: Range<usize>) -> &[usize] {
    let start = offsets.partition_point(|&o| o < range.start);
    let end = offsets.partition_point(|&o| o < range.end);
    &offsets[start..end]
}

/// The generic function an instantiation `F[T]` or `pkg.F[T]` may name.
fn instantiated(cx: &FileCx<'_>, node: Node<'_>) -> Option<Callee> {
    match TypeRef::of(cx, node.child_by_field_name("type")?) {
        TypeRef::Named { package, name } => Some(Callee::Function { package, name }),
        _ => None,
    }
}

/// The children of `node` that stand where a function can be a value: an
/// argument, a value assigned, returned, sent or ranged over, an element of
/// a composite literal, an indexed (instantiated) or converted operand,
/// and the generic type of a conversion `F[T](x)`. (Functions are never
/// keys, operands of a selector, or compared but to `nil`.) Found from the
/// parent, as tree-sitter's `Node::parent` is a descent from the root.
fn value_operands<'t>(node: Node<'t>, kind: &str) -> Vec<Node<'t>> {
    let field = |name: &str| node.child_by_field_name(name);
    let list = |name: &str| field(name).map(named_children).unwrap_or_default();
    match kind {
        "argument_list" | "parenthesized_expression" => named_children(node),
        "assignment_statement" | "short_var_declaration" => list("right"),
        "var_spec" => list("value"),
        "return_statement" => named_children(node)
            .into_iter()
            .flat_map(|c| match c.kind() {
                "expression_list" => named_children(c),
                _ => vec![c],
            })
            .collect(),
        "literal_value" => named_children(node)
            .into_iter()
            .filter_map(|element| match element.kind() {
                "keyed_element" => element.child_by_field_name("value"),
                _ => Some(element),
            })
            .filter_map(|element| named_children(element).into_iter().next())
            .collect(),
        "index_expression" => field("operand").into_iter().collect(),
        "type_conversion_expression" => field("operand")
            .into_iter()
            .chain(field("type").filter(|t| t.kind() == "generic_type"))
            .collect(),
        "send_statement" => field("value").into_iter().collect(),
        "range_clause" => field("right").into_iter().collect(),
        _ => Vec::new(),
    }
}

/// The context a call could be given where it stands (see
/// [`CallSite::supply`]). A gin handler's goroutine is left out: its
/// context must be made before the `go` statement.
fn supply(
    cx: &FileCx<'_>,
    call: Node<'_>,
    root: Option<&str>,
    in_goroutine: bool,
) -> Option<String> {
    let context = cx.package_name_or_default("context");
    let expr = match crate::go::scope::context_use(cx, call) {
        Some(usage) if usage.detaches() && !cx.go_at_least(1, 21) => return None,
        Some(usage) => usage.before_go.is_none().then_some(usage.expr)?,
        None => {
            let root = root?;
            let fuzzed = root
                .ends_with(".Context()")
                .then(|| crate::index::functions::fuzz_target_root(cx, call))
                .flatten();
            let root = fuzzed.as_deref().unwrap_or(root);
            if in_goroutine && root != format!("{context}.Background()") {
                format!("{context}.WithoutCancel({root})")
            } else {
                root.to_string()
            }
        }
    };
    // A local variable named like the package (`func(context *cli.Context)`)
    // hides it where the call stands, or another import takes its name:
    // the expression cannot be written.
    let hidden =
        expr.starts_with(&format!("{context}.")) && cx.package_name_at("context", call).is_none();
    (!hidden).then_some(expr)
}

/// The name a function expression ends in: `F`, `pkg.F`, `x.M`, `F[T]`.
fn last_name<'s>(node: Node<'_>, src: &'s str) -> Option<&'s str> {
    last_name_node(node).map(|n| text(n, src))
}

/// The identifier naming what `node` refers to: `F`, the `F` of `pkg.F`,
/// `x.F`, `F[T]` or `pkg.T`.
fn last_name_node(node: Node<'_>) -> Option<Node<'_>> {
    match node.kind() {
        "identifier" | "type_identifier" => Some(node),
        "selector_expression" => node.child_by_field_name("field"),
        "qualified_type" => node.child_by_field_name("name"),
        "generic_type" | "type_instantiation_expression" => {
            let inner = node
                .child_by_field_name("type")
                .or_else(|| named_children(node).into_iter().next())?;
            last_name_node(inner)
        }
        "index_expression" => last_name_node(node.child_by_field_name("operand")?),
        _ => None,
    }
}

/// The fields of a struct type node.
fn struct_fields(cx: &FileCx<'_>, ty: Node<'_>) -> Vec<Field> {
    let list = named_children(ty)
        .into_iter()
        .find(|c| c.kind() == "field_declaration_list");
    let mut fields = Vec::new();
    for field in list.map(named_children).unwrap_or_default() {
        let Some(ty) = field.child_by_field_name("type") else {
            continue;
        };
        let ty = TypeRef::of(cx, ty);
        let mut cursor = field.walk();
        let names: Vec<String> = field
            .children_by_field_name("name", &mut cursor)
            .map(|n| text(n, cx.src).to_string())
            .collect();
        if names.is_empty() {
            if let Some((_, name)) = ty.named() {
                fields.push(Field {
                    name: name.to_string(),
                    ty: ty.clone(),
                    embedded: true,
                });
            }
        }
        fields.extend(names.into_iter().map(|name| Field {
            name,
            ty: ty.clone(),
            embedded: false,
        }));
    }
    fields
}

/// The signature of a function, method or interface method node.
fn signature(cx: &FileCx<'_>, decl: Node<'_>, receiver: Option<&str>) -> Option<Signature> {
    let name = text(decl.child_by_field_name("name")?, cx.src).to_string();
    let mut params = Vec::new();
    let mut variadic = false;
    for param in decl
        .child_by_field_name("parameters")
        .map(named_children)
        .unwrap_or_default()
    {
        if param.kind() == "variadic_parameter_declaration" {
            variadic = true;
            continue;
        }
        let ty = param
            .child_by_field_name("type")
            .map_or(TypeRef::Other, |t| TypeRef::of(cx, t));
        let mut cursor = param.walk();
        let names = param
            .children_by_field_name("name", &mut cursor)
            .count()
            .max(1);
        params.extend(std::iter::repeat_n(ty, names));
    }
    let results = match decl.child_by_field_name("result") {
        None => Vec::new(),
        Some(list) if list.kind() == "parameter_list" => named_children(list)
            .into_iter()
            .flat_map(|p| {
                let ty = p
                    .child_by_field_name("type")
                    .map_or(TypeRef::Other, |t| TypeRef::of(cx, t));
                let mut cursor = p.walk();
                let names = p.children_by_field_name("name", &mut cursor).count().max(1);
                std::iter::repeat_n(ty, names)
            })
            .collect(),
        Some(single) => vec![TypeRef::of(cx, single)],
    };
    Some(Signature {
        name,
        receiver: receiver.map(str::to_string),
        params,
        variadic,
        results,
    })
}

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
    use crate::go::syntax::for_each_node;
    use crate::go::typing::callee_of;

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
