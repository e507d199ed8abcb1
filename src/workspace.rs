//! What the engine knows across files: every package's functions, methods
//! (by receiver type), struct fields, interface methods and package-level
//! variables, enough to resolve a call to its declaration without a type
//! checker; and which well-known library calls take a context. Each file
//! contributes a [`FileSummary`]; the [`Workspace`] answers the
//! [`Condition`]s findings carry.

use crate::fix::Condition;
use crate::rule::FileCx;
use crate::syntax::{named_children, text};
use crate::typing::{var_spec_type, Callee, TypeExpr, TypeRef};
use std::collections::{HashMap, HashSet};
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

/// The package-level facts one file contributes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileSummary {
    /// The id of the file's package (see [`crate::typing`]).
    pub package: String,
    /// Top-level functions.
    pub funcs: Vec<Signature>,
    /// Methods, and the methods of top-level interface types.
    pub methods: Vec<Signature>,
    /// Struct types with their fields.
    pub structs: Vec<(String, Vec<Field>)>,
    /// Package-level variables with their types.
    pub vars: Vec<(String, TypeExpr)>,
}

impl FileSummary {
    /// Reads the top-level declarations of a parsed file.
    pub fn from_tree(cx: &FileCx<'_>) -> FileSummary {
        let mut summary = FileSummary {
            package: cx.package.to_string(),
            funcs: Vec::new(),
            methods: Vec::new(),
            structs: Vec::new(),
            vars: Vec::new(),
        };
        for decl in named_children(cx.root) {
            match decl.kind() {
                "function_declaration" => summary.funcs.extend(signature(cx, decl, None)),
                "method_declaration" => {
                    let receiver = decl
                        .child_by_field_name("receiver")
                        .and_then(|r| named_children(r).into_iter().next())
                        .and_then(|p| p.child_by_field_name("type"))
                        .map(|t| TypeRef::of(cx, t));
                    let receiver = receiver.as_ref().and_then(TypeRef::named).map(|(_, n)| n);
                    summary.methods.extend(signature(cx, decl, receiver));
                }
                "type_declaration" => summary.add_types(cx, decl),
                "var_declaration" => summary.add_vars(cx, decl),
                _ => {}
            }
        }
        summary
    }

    fn add_types(&mut self, cx: &FileCx<'_>, decl: Node<'_>) {
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
                    for elem in named_children(ty)
                        .into_iter()
                        .filter(|e| e.kind() == "method_elem")
                    {
                        self.methods.extend(signature(cx, elem, Some(name)));
                    }
                }
                "struct_type" => self.structs.push((name.to_string(), struct_fields(cx, ty))),
                _ => {}
            }
        }
    }

    fn add_vars(&mut self, cx: &FileCx<'_>, decl: Node<'_>) {
        let specs = named_children(decl)
            .into_iter()
            .flat_map(|c| match c.kind() {
                "var_spec_list" => named_children(c),
                _ => vec![c],
            });
        for spec in specs {
            let mut cursor = spec.walk();
            let names: Vec<&str> = spec
                .children_by_field_name("name", &mut cursor)
                .map(|n| text(n, cx.src))
                .collect();
            for name in names {
                if let Some(ty) = var_spec_type(cx, spec, name) {
                    self.vars.push((name.to_string(), ty));
                }
            }
        }
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

/// True when a type node is `pkg.Name` with `pkg` as given.
pub fn qualified_type_is(ty: Node<'_>, src: &str, pkg: Option<&str>, name: &str) -> bool {
    let Some(pkg) = pkg else { return false };
    ty.kind() == "qualified_type"
        && ty
            .child_by_field_name("package")
            .is_some_and(|p| text(p, src) == pkg)
        && ty
            .child_by_field_name("name")
            .is_some_and(|n| text(n, src) == name)
}

/// The `context` constructors that return a context and its cancel
/// function.
pub const CANCELLABLE: &[&str] = &[
    "WithCancel",
    "WithCancelCause",
    "WithTimeout",
    "WithTimeoutCause",
    "WithDeadline",
    "WithDeadlineCause",
];

/// Standard-library and well-known functions whose first parameter is a
/// context, by import path and name (besides [`CANCELLABLE`]).
const KNOWN_FUNCTIONS: &[(&str, &[&str])] = &[
    (
        "context",
        &["WithValue", "WithoutCancel", "AfterFunc", "Cause"],
    ),
    ("net/http", &["NewRequestWithContext"]),
    ("os/exec", &["CommandContext"]),
    ("os/signal", &["NotifyContext"]),
    ("golang.org/x/sync/errgroup", &["WithContext"]),
    (
        "log/slog",
        &[
            "DebugContext",
            "InfoContext",
            "WarnContext",
            "ErrorContext",
            "Log",
            "LogAttrs",
        ],
    ),
];

/// Methods of well-known types whose first parameter is a context, by name:
/// `database/sql`'s `*DB`, `*Conn`, `*Tx` and `*Stmt`, and `net.Dialer`.
const KNOWN_METHODS: &[&str] = &[
    "QueryContext",
    "ExecContext",
    "QueryRowContext",
    "PrepareContext",
    "PingContext",
    "BeginTx",
    "DialContext",
];

/// True when a well-known library call passes argument `arg` as a context,
/// without needing the workspace: a function by import path and name, or a
/// method by its distinctive name.
pub fn known_context_parameter(callee: &Callee, arg: usize) -> bool {
    if arg != 0 {
        return false;
    }
    match callee {
        Callee::Function { package, name } => {
            (package == "context" && CANCELLABLE.contains(&name.as_str()))
                || KNOWN_FUNCTIONS
                    .iter()
                    .any(|(p, names)| p == package && names.contains(&name.as_str()))
        }
        Callee::Method { name, .. } => KNOWN_METHODS.contains(&name.as_str()),
    }
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
    structs: HashMap<String, Vec<Field>>,
    vars: HashMap<String, TypeExpr>,
}

/// Every declaration of the run, by package id.
#[derive(Debug, Default)]
pub struct Workspace {
    packages: HashMap<String, PackageDecls>,
}

impl Workspace {
    /// Builds the workspace from every file's summary.
    pub fn new<'a>(summaries: impl IntoIterator<Item = &'a FileSummary>) -> Workspace {
        let mut ws = Workspace::default();
        for s in summaries {
            ws.add(s);
        }
        ws
    }

    /// Adds one file's summary.
    pub fn add(&mut self, summary: &FileSummary) {
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
        for (name, fields) in &summary.structs {
            pkg.structs.insert(name.clone(), fields.clone());
        }
        for (name, ty) in &summary.vars {
            pkg.vars.insert(name.clone(), ty.clone());
        }
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
                let ty = self.resolve(receiver, depth + 1)?;
                let (package, type_name) = ty.named()?;
                self.method(package, type_name, name, depth + 1)
            }
        }
    }

    /// The method `name` of the named type, declared on it or promoted from
    /// an embedded field.
    fn method(
        &self,
        package: &str,
        type_name: &str,
        name: &str,
        depth: usize,
    ) -> Option<&Signature> {
        if depth > MAX_DEPTH {
            return None;
        }
        let pkg = self.packages.get(package)?;
        if let Some(sig) = pkg.methods.get(&(type_name.to_string(), name.to_string())) {
            return Some(sig);
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
    use crate::imports::FileImports;
    use crate::syntax::{for_each_node, parse};
    use crate::typing::callee_of;

    /// The summary of `src` as a file of package `package`, and the callee
    /// of its call written `call` (if given).
    fn summarise(src: &str, package: &str, call: Option<&str>) -> (FileSummary, Option<Callee>) {
        let tree = parse(src);
        let imports = FileImports::from_tree(tree.root_node(), src);
        let cx = FileCx {
            path: std::path::Path::new("a.go"),
            src,
            root: tree.root_node(),
            imports: &imports,
            go_version: None,
            package,
        };
        let mut callee = None;
        for_each_node(tree.root_node(), |n| {
            if callee.is_none() && n.kind() == "call_expression" && Some(text(n, src)) == call {
                callee = callee_of(&cx, n);
            }
        });
        (FileSummary::from_tree(&cx), callee)
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

    #[test]
    fn knows_library_calls() {
        let http = Callee::Function {
            package: "net/http".into(),
            name: "NewRequestWithContext".into(),
        };
        assert!(known_context_parameter(&http, 0));
        assert!(!known_context_parameter(&http, 1));
        let query = Callee::Method {
            receiver: TypeExpr::Unknown,
            name: "QueryContext".into(),
            arity: 2,
        };
        assert!(known_context_parameter(&query, 0));
    }
}
