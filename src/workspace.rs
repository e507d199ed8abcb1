//! What the engine knows across files: which functions of the workspace
//! take a `context.Context` and where, and which well-known library calls
//! do. Each file contributes a [`FileSummary`]; the [`Workspace`] answers
//! the [`Condition`]s findings carry.

use crate::fix::{Callee, Condition};
use crate::imports::FileImports;
use crate::syntax::{named_children, text};
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use tree_sitter::Node;

/// A function or method: its name and which parameters are contexts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// The function or method name.
    pub name: String,
    /// One entry per fixed parameter: true when it is a `context.Context`.
    pub context_params: Vec<bool>,
    /// True when the last parameter is variadic (not in `context_params`).
    pub variadic: bool,
}

impl Signature {
    /// True when a call with `arity` arguments passes argument `arg` to a
    /// context parameter.
    fn takes_context_at(&self, arg: usize, arity: Option<usize>) -> bool {
        arity.is_none_or(|n| self.accepts(n))
            && self.context_params.get(arg).copied().unwrap_or(false)
    }

    /// True when a call with `arity` arguments fits the parameters.
    fn accepts(&self, arity: usize) -> bool {
        arity == self.context_params.len() || (self.variadic && arity >= self.context_params.len())
    }
}

/// The package-level facts one file contributes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileSummary {
    /// The file's package: its directory and package name.
    pub package: PackageKey,
    /// The package's import path, when the file is inside a module.
    pub import_path: Option<String>,
    /// Top-level functions with at least one context parameter.
    pub funcs: Vec<Signature>,
    /// Every method, and every method of a top-level interface type: a
    /// call resolved by name only counts when all of them agree.
    pub methods: Vec<Signature>,
}

/// A package: its directory and its name (a `_test` package is separate).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PackageKey {
    /// Absolute directory.
    pub dir: PathBuf,
    /// The name in the package clause.
    pub name: String,
}

impl FileSummary {
    /// Reads the top-level declarations of a parsed file.
    pub fn from_tree(
        root: Node<'_>,
        src: &str,
        imports: &FileImports,
        package: PackageKey,
        import_path: Option<String>,
    ) -> FileSummary {
        let mut funcs = Vec::new();
        let mut methods = Vec::new();
        let context = imports.local_name("context");
        let add = |decl: Node<'_>, list: &mut Vec<Signature>| {
            if let (Some(name), Some(params)) = (
                decl.child_by_field_name("name"),
                decl.child_by_field_name("parameters"),
            ) {
                list.push(signature(text(name, src), params, src, context));
            }
        };
        for decl in named_children(root) {
            match decl.kind() {
                "function_declaration" => add(decl, &mut funcs),
                "method_declaration" => add(decl, &mut methods),
                "type_declaration" => {
                    for elem in interface_methods(decl) {
                        add(elem, &mut methods);
                    }
                }
                _ => {}
            }
        }
        funcs.retain(|f| f.context_params.contains(&true));
        FileSummary {
            package,
            import_path,
            funcs,
            methods,
        }
    }
}

/// The method elements of the interface types a type declaration declares.
fn interface_methods(decl: Node<'_>) -> Vec<Node<'_>> {
    named_children(decl)
        .into_iter()
        .filter(|spec| spec.kind() == "type_spec")
        .filter_map(|spec| spec.child_by_field_name("type"))
        .filter(|ty| ty.kind() == "interface_type")
        .flat_map(named_children)
        .filter(|elem| elem.kind() == "method_elem")
        .collect()
}

/// The signature of a parameter list, marking `context.Context` parameters
/// (with `context` the file's name for the package, if imported).
pub fn signature(name: &str, params: Node<'_>, src: &str, context: Option<&str>) -> Signature {
    let mut context_params = Vec::new();
    let mut variadic = false;
    for param in named_children(params) {
        if param.kind() == "variadic_parameter_declaration" {
            variadic = true;
            continue;
        }
        let is_ctx = param
            .child_by_field_name("type")
            .is_some_and(|t| is_context_type(t, src, context));
        let mut cursor = param.walk();
        let names = param
            .children_by_field_name("name", &mut cursor)
            .count()
            .max(1);
        context_params.extend(std::iter::repeat_n(is_ctx, names));
    }
    Signature {
        name: name.to_string(),
        context_params,
        variadic,
    }
}

/// True when a type node is `context.Context` (with `context` the file's
/// name for the package).
pub fn is_context_type(ty: Node<'_>, src: &str, context: Option<&str>) -> bool {
    qualified_type_is(ty, src, context, "Context")
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

/// Every function summary of the run, by package.
#[derive(Debug, Default)]
pub struct Workspace {
    packages: HashMap<PackageKey, PackageSignatures>,
    by_import_path: HashMap<String, PackageKey>,
}

#[derive(Debug, Default)]
struct PackageSignatures {
    funcs: HashMap<String, Signature>,
    methods: HashMap<String, Vec<Signature>>,
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
        if let Some(path) = &summary.import_path {
            if !summary.package.name.ends_with("_test") {
                self.by_import_path
                    .insert(path.clone(), summary.package.clone());
            }
        }
        let pkg = self.packages.entry(summary.package.clone()).or_default();
        for f in &summary.funcs {
            pkg.funcs.insert(f.name.clone(), f.clone());
        }
        for m in &summary.methods {
            pkg.methods
                .entry(m.name.clone())
                .or_default()
                .push(m.clone());
        }
    }

    /// Byte strings one of which a file must contain to call a function or
    /// method of the workspace with a `nil` context: `Name(nil` where every
    /// signature of that name takes its context first, else `Name(`.
    pub fn caller_needles(&self) -> Vec<String> {
        let mut needles: HashSet<String> = HashSet::new();
        let sigs = self.packages.values().flat_map(|p| {
            p.funcs
                .values()
                .chain(p.methods.values().flatten())
                .filter(|s| s.context_params.contains(&true))
        });
        for sig in sigs {
            if sig.context_params.iter().skip(1).any(|c| *c) {
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
    pub fn holds(&self, package: &PackageKey, condition: &Condition) -> bool {
        match condition {
            Condition::CalleeTakesContext { callee, arg } => {
                self.callee_takes_context(package, callee, *arg)
            }
        }
    }

    fn callee_takes_context(&self, package: &PackageKey, callee: &Callee, arg: usize) -> bool {
        match callee {
            Callee::Local { name } => self
                .packages
                .get(package)
                .and_then(|p| p.funcs.get(name))
                .is_some_and(|s| s.takes_context_at(arg, None)),
            Callee::Imported { path, name } => self
                .by_import_path
                .get(path)
                .and_then(|key| self.packages.get(key))
                .and_then(|p| p.funcs.get(name))
                .is_some_and(|s| s.takes_context_at(arg, None)),
            Callee::Method { name, arity } => {
                let fitting: Vec<&Signature> = self
                    .packages
                    .get(package)
                    .and_then(|p| p.methods.get(name))
                    .into_iter()
                    .flatten()
                    .filter(|s| s.accepts(*arity))
                    .collect();
                !fitting.is_empty()
                    && fitting
                        .iter()
                        .all(|s| s.takes_context_at(arg, Some(*arity)))
            }
        }
    }
}

/// True when a well-known library call passes argument `arg` as a context,
/// without needing the workspace: `pkg.Name` by import path, or a method by
/// its distinctive name.
pub fn known_context_parameter(callee: &Callee, arg: usize) -> bool {
    if arg != 0 {
        return false;
    }
    match callee {
        Callee::Imported { path, name } => {
            (path == "context" && CANCELLABLE.contains(&name.as_str()))
                || KNOWN_FUNCTIONS
                    .iter()
                    .any(|(p, names)| p == path && names.contains(&name.as_str()))
        }
        Callee::Method { name, .. } => KNOWN_METHODS.contains(&name.as_str()),
        Callee::Local { .. } => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse;

    fn summary(src: &str) -> FileSummary {
        let tree = parse(src);
        let imports = FileImports::from_tree(tree.root_node(), src);
        FileSummary::from_tree(
            tree.root_node(),
            src,
            &imports,
            PackageKey {
                dir: "/w/pay".into(),
                name: "pay".into(),
            },
            Some("example.com/pay".into()),
        )
    }

    #[test]
    fn finds_context_parameters() {
        let s = summary(
            "package pay\nimport \"context\"\nfunc Charge(a, b int, ctx context.Context) {}\nfunc Plain(x int) {}\nfunc (s *S) Do(ctx context.Context, xs ...int) {}\n",
        );
        assert_eq!(s.funcs.len(), 1);
        assert_eq!(s.funcs[0].context_params, vec![false, false, true]);
        assert!(s.methods[0].variadic);
        let ws = Workspace::new([&s]);
        let pkg = &s.package;
        let local = |name: &str, arg| Condition::CalleeTakesContext {
            callee: Callee::Local { name: name.into() },
            arg,
        };
        assert!(ws.holds(pkg, &local("Charge", 2)));
        assert!(!ws.holds(pkg, &local("Charge", 0)));
        assert!(!ws.holds(pkg, &local("Plain", 0)));
        let imported = Condition::CalleeTakesContext {
            callee: Callee::Imported {
                path: "example.com/pay".into(),
                name: "Charge".into(),
            },
            arg: 2,
        };
        assert!(ws.holds(pkg, &imported));
        let method = |arity| Condition::CalleeTakesContext {
            callee: Callee::Method {
                name: "Do".into(),
                arity,
            },
            arg: 0,
        };
        assert!(ws.holds(pkg, &method(3)));
        assert!(ws.holds(pkg, &method(1)));
        assert_eq!(ws.caller_needles(), vec!["Charge(", "Do(nil"]);
    }

    #[test]
    fn methods_by_name_must_agree() {
        let s = summary(
            "package pay\nimport \"context\"\ntype applier interface {\n\tDelete(txn Txn, id string) error\n}\nfunc (s *Server) Delete(ctx context.Context, id string) error { return nil }\n",
        );
        let ws = Workspace::new([&s]);
        let delete = Condition::CalleeTakesContext {
            callee: Callee::Method {
                name: "Delete".into(),
                arity: 2,
            },
            arg: 0,
        };
        assert!(
            !ws.holds(&s.package, &delete),
            "the interface method takes a Txn there"
        );
    }

    #[test]
    fn knows_library_calls() {
        let http = Callee::Imported {
            path: "net/http".into(),
            name: "NewRequestWithContext".into(),
        };
        assert!(known_context_parameter(&http, 0));
        assert!(!known_context_parameter(&http, 1));
        let query = Callee::Method {
            name: "QueryContext".into(),
            arity: 2,
        };
        assert!(known_context_parameter(&query, 0));
    }
}
