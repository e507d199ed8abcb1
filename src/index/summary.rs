//! What one file contributes to the workspace: its declarations
//! ([`Signature`]s, struct [`Field`]s, package variables), and for the
//! rules that ask, its call sites ([`CallSite`]), function references and
//! the facts of the rules' collectors.

use crate::go::file_cx::FileCx;
use crate::go::syntax::{for_each_node_around, named_children, text};
use crate::go::typing::{callee_of, function_named, var_spec_type, Callee, TypeExpr, TypeRef};
use crate::index::call_results::ResultUse;
use crate::index::collect::{Collector, Declaration, Facts};
use crate::index::fields::{ContextField, FieldUse};
use crate::index::functions::FunctionFacts;
use crate::index::ids::FuncId;
use crate::index::summary_parts::SummaryParts;
use std::collections::HashSet;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;
use tree_sitter::Node;

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
    pub(crate) fn takes_context_at(&self, arg: usize, arity: Option<usize>) -> bool {
        arity.is_none_or(|n| self.accepts(n))
            && self.params.get(arg).is_some_and(TypeRef::is_context)
    }

    /// True when some parameter is a `context.Context`.
    pub(crate) fn takes_context(&self) -> bool {
        self.params.iter().any(TypeRef::is_context)
    }

    /// True when a call with `arity` arguments fits the parameters.
    pub(crate) fn accepts(&self, arity: usize) -> bool {
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
    /// methods so named (`Workspace::callers`): collecting every call
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
