//! Just enough static typing to resolve calls without a type checker: Go
//! types as written ([`TypeRef`]), the type of an expression as far as one
//! file can tell ([`TypeExpr`], finished by the workspace), and what a call
//! targets ([`Callee`]).
//!
//! Types are absolute: a named type carries the id of the package that
//! declares it (its import path, or `dir:<directory>` outside a module;
//! `""` for predeclared types), so facts from different files compare
//! directly.

use crate::go::file_cx::FileCx;
use crate::go::syntax::{call_arguments, named_children, text, FUNCTION_KINDS};
use tree_sitter::Node;

/// The package id of predeclared types (`int`, `error`, …).
pub const BUILTIN: &str = "";

/// Go's predeclared type names.
const PREDECLARED: &[&str] = &[
    "any",
    "bool",
    "byte",
    "comparable",
    "complex64",
    "complex128",
    "error",
    "float32",
    "float64",
    "int",
    "int8",
    "int16",
    "int32",
    "int64",
    "rune",
    "string",
    "uint",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "uintptr",
];

/// A Go type as written, with named types resolved to their package.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TypeRef {
    /// `T` or `pkg.T` (type arguments dropped).
    Named {
        /// The declaring package's id.
        package: String,
        /// The type name.
        name: String,
    },
    /// `*T`.
    Pointer(Box<TypeRef>),
    /// `[]T` or `[N]T`.
    Slice(Box<TypeRef>),
    /// `map[K]V` (the value type).
    Map(Box<TypeRef>),
    /// Anything else: channels, funcs, literal struct and interface types.
    Other,
}

impl TypeRef {
    /// Reads a type node written in the file of `cx`.
    pub fn of(cx: &FileCx<'_>, ty: Node<'_>) -> TypeRef {
        let inner = |field: Option<&str>| -> TypeRef {
            let child = match field {
                Some(f) => ty.child_by_field_name(f),
                None => named_children(ty).into_iter().next(),
            };
            child.map_or(TypeRef::Other, |c| TypeRef::of(cx, c))
        };
        match ty.kind() {
            "type_identifier" => {
                let name = text(ty, cx.src);
                let package = if PREDECLARED.contains(&name) {
                    BUILTIN
                } else {
                    cx.package
                };
                TypeRef::Named {
                    package: package.to_string(),
                    name: name.to_string(),
                }
            }
            "qualified_type" => {
                let alias = ty.child_by_field_name("package").map(|p| text(p, cx.src));
                let name = ty.child_by_field_name("name").map(|n| text(n, cx.src));
                match (alias.and_then(|a| cx.imports.path_of(a)), name) {
                    (Some(path), Some(name)) => TypeRef::Named {
                        package: path.to_string(),
                        name: name.to_string(),
                    },
                    _ => TypeRef::Other,
                }
            }
            "generic_type" => inner(Some("type")),
            "pointer_type" => TypeRef::Pointer(Box::new(inner(None))),
            "slice_type" | "array_type" | "implicit_length_array_type" => {
                TypeRef::Slice(Box::new(inner(Some("element"))))
            }
            "map_type" => TypeRef::Map(Box::new(inner(Some("value")))),
            "parenthesized_type" => inner(None),
            _ => TypeRef::Other,
        }
    }

    /// True for `context.Context`.
    pub fn is_context(&self) -> bool {
        matches!(self, TypeRef::Named { package, name } if package == "context" && name == "Context")
    }

    /// The named type under at most one pointer: `T` for `T` and `*T`.
    pub fn named(&self) -> Option<(&str, &str)> {
        match self {
            TypeRef::Named { package, name } => Some((package, name)),
            TypeRef::Pointer(inner) => match inner.as_ref() {
                TypeRef::Named { package, name } => Some((package, name)),
                _ => None,
            },
            _ => None,
        }
    }
}

/// The type of an expression as far as its file can tell; the workspace
/// finishes what needs other files (the workspace index).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TypeExpr {
    /// Written out in the file.
    Known(TypeRef),
    /// The first result of a call.
    ResultOf(Box<Callee>),
    /// A field of a value: `x.f`.
    Field(Box<TypeExpr>, String),
    /// An element of a slice or map: `x[i]`, or a `range` value.
    Elem(Box<TypeExpr>),
    /// A package-level variable of a package.
    Global {
        /// The package's id.
        package: String,
        /// The variable.
        name: String,
    },
    /// Not known.
    Unknown,
}

/// A call's target as far as one file can tell.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Callee {
    /// A package-level function: `F(...)` of the caller's package or
    /// `pkg.F(...)`.
    Function {
        /// The package's id.
        package: String,
        /// The function.
        name: String,
    },
    /// A method called on a value: `x.M(...)`.
    Method {
        /// The receiver's type.
        receiver: TypeExpr,
        /// The method.
        name: String,
        /// How many arguments the call passes.
        arity: usize,
    },
}

/// What `call` targets, or `None` for a call of a function value this file
/// cannot name (a local variable, a literal, a call result, a conversion).
pub fn callee_of(cx: &FileCx<'_>, call: Node<'_>) -> Option<Callee> {
    let function = call.child_by_field_name("function")?;
    function_named(cx, function, call_arguments(call).len())
}

/// The function or method `expr` names when it is `F`, `pkg.F` or `x.M`
/// (and `F` is no local variable), called with `arity` arguments; `None`
/// for any other expression.
pub fn function_named(cx: &FileCx<'_>, expr: Node<'_>, arity: usize) -> Option<Callee> {
    match expr.kind() {
        "identifier" => {
            let name = text(expr, cx.src);
            if local_declaration(cx, expr, name).is_some() {
                // A local variable of function type.
                return None;
            }
            Some(Callee::Function {
                package: cx.package.to_string(),
                name: name.to_string(),
            })
        }
        "selector_expression" => {
            let operand = expr.child_by_field_name("operand")?;
            let name = text(expr.child_by_field_name("field")?, cx.src).to_string();
            if let Some(path) = package_operand(cx, operand) {
                return Some(Callee::Function {
                    package: path.to_string(),
                    name,
                });
            }
            if let Some(receiver) = parenthesized_global(cx, operand) {
                return Some(Callee::Method {
                    receiver,
                    name,
                    arity,
                });
            }
            Some(Callee::Method {
                receiver: type_of(cx, operand),
                name,
                arity,
            })
        }
        _ => None,
    }
}

/// For `(*X)` or `(X)` where `X` (or `pkg.X`) is no local variable: the
/// package-level name it may be, a variable (dereferenced) or a type (a
/// method expression), which only the workspace tells apart.
fn parenthesized_global(cx: &FileCx<'_>, operand: Node<'_>) -> Option<TypeExpr> {
    if operand.kind() != "parenthesized_expression" {
        return None;
    }
    let mut inner = operand.named_child(0)?;
    if inner.kind() == "unary_expression"
        && inner
            .child_by_field_name("operator")
            .is_some_and(|o| text(o, cx.src) == "*")
    {
        inner = inner.child_by_field_name("operand")?;
    }
    match inner.kind() {
        "identifier" => {
            let name = text(inner, cx.src);
            local_declaration(cx, inner, name)
                .is_none()
                .then(|| TypeExpr::Global {
                    package: cx.package.to_string(),
                    name: name.to_string(),
                })
        }
        "selector_expression" => {
            let package = package_operand(cx, inner.child_by_field_name("operand")?)?;
            Some(TypeExpr::Global {
                package: package.to_string(),
                name: text(inner.child_by_field_name("field")?, cx.src).to_string(),
            })
        }
        _ => None,
    }
}

/// The import path when `operand` names an imported package (and no local
/// variable shadows it).
fn package_operand<'a>(cx: &FileCx<'a>, operand: Node<'_>) -> Option<&'a str> {
    if operand.kind() != "identifier" {
        return None;
    }
    let name = text(operand, cx.src);
    let path = cx.imports.path_of(name)?;
    local_declaration(cx, operand, name)
        .is_none()
        .then_some(path)
}

/// The type of an expression, as far as its file can tell.
pub fn type_of(cx: &FileCx<'_>, expr: Node<'_>) -> TypeExpr {
    match expr.kind() {
        "identifier" => {
            let name = text(expr, cx.src);
            match local_declaration(cx, expr, name) {
                Some(declared) => declared.type_expr(cx),
                None => TypeExpr::Global {
                    package: cx.package.to_string(),
                    name: name.to_string(),
                },
            }
        }
        "composite_literal" => expr
            .child_by_field_name("type")
            .map_or(TypeExpr::Unknown, |t| TypeExpr::Known(TypeRef::of(cx, t))),
        "unary_expression" => {
            let operand = expr.child_by_field_name("operand");
            let is_address = expr
                .child_by_field_name("operator")
                .is_some_and(|o| text(o, cx.src) == "&");
            match (operand, is_address) {
                (Some(o), true) => match type_of(cx, o) {
                    TypeExpr::Known(t) => TypeExpr::Known(TypeRef::Pointer(Box::new(t))),
                    _ => TypeExpr::Unknown,
                },
                _ => TypeExpr::Unknown,
            }
        }
        "call_expression" => {
            let function = expr.child_by_field_name("function");
            if function.is_some_and(|f| text(f, cx.src) == "new") {
                let arg = call_arguments(expr).into_iter().next();
                return arg.map_or(TypeExpr::Unknown, |t| {
                    TypeExpr::Known(TypeRef::Pointer(Box::new(TypeRef::of(cx, t))))
                });
            }
            match callee_of(cx, expr) {
                Some(callee) => TypeExpr::ResultOf(Box::new(callee)),
                None => TypeExpr::Unknown,
            }
        }
        "selector_expression" => {
            let (Some(operand), Some(field)) = (
                expr.child_by_field_name("operand"),
                expr.child_by_field_name("field"),
            ) else {
                return TypeExpr::Unknown;
            };
            let field = text(field, cx.src).to_string();
            match package_operand(cx, operand) {
                Some(path) => TypeExpr::Global {
                    package: path.to_string(),
                    name: field,
                },
                None => TypeExpr::Field(Box::new(type_of(cx, operand)), field),
            }
        }
        "index_expression" => expr
            .child_by_field_name("operand")
            .map_or(TypeExpr::Unknown, |o| {
                TypeExpr::Elem(Box::new(type_of(cx, o)))
            }),
        "parenthesized_expression" => named_children(expr)
            .into_iter()
            .next()
            .map_or(TypeExpr::Unknown, |e| type_of(cx, e)),
        _ => TypeExpr::Unknown,
    }
}

/// The declaration of the local variable or parameter `name` visible at
/// `at`, if one is declared in the functions around it. `None` means it is
/// not a local (a package-level name, an import or undeclared).
pub fn local_declaration<'t>(cx: &FileCx<'t>, at: Node<'t>, name: &str) -> Option<Declaration<'t>> {
    let top = cx.root.child_with_descendant(at)?;
    let start = top.start_byte();
    let candidates = declaration_candidates(&cx.src[start..at.start_byte()], name);
    if candidates.is_empty() {
        return None;
    }
    // True when a candidate lies in the bytes `from..to`.
    let may_declare = |from: usize, to: usize| {
        candidates
            .iter()
            .any(|&c| (from..to).contains(&(start + c)))
    };
    // Declared by nothing but the declaration's own parameters (its
    // receiver `s`, a `ctx`): those, without a walk down to `at`.
    let lists: Vec<Node<'t>> = match top.kind() {
        "function_declaration" | "method_declaration" => ["receiver", "parameters", "result"]
            .iter()
            .filter_map(|f| top.child_by_field_name(f))
            .collect(),
        _ => Vec::new(),
    };
    let in_lists = |c: &usize| lists.iter().any(|l| l.byte_range().contains(&(start + c)));
    if !lists.is_empty() && candidates.iter().all(in_lists) {
        return lists
            .iter()
            .find_map(|list| parameter_declaration(*list, name, cx.src));
    }
    ancestors(top, at).windows(2).find_map(|pair| {
        let (node, parent) = (pair[0], pair[1]);
        match parent.kind() {
            "statement_list" if may_declare(parent.start_byte(), node.start_byte()) => {
                let mut cursor = parent.walk();
                let before: Vec<Node<'_>> = parent
                    .named_children(&mut cursor)
                    .take_while(|s| s.end_byte() <= node.start_byte())
                    .filter(|s| may_declare(s.start_byte(), s.end_byte()))
                    .collect();
                before
                    .into_iter()
                    .rev()
                    .find_map(|stmt| statement_declaration(cx, stmt, name))
            }
            "type_switch_statement"
                if list_names(parent.child_by_field_name("alias"), name, cx.src) =>
            {
                Some(Declaration::Untyped)
            }
            "communication_case"
                if list_names(
                    parent
                        .child_by_field_name("communication")
                        .and_then(|c| c.child_by_field_name("left")),
                    name,
                    cx.src,
                ) =>
            {
                Some(Declaration::Untyped)
            }
            "if_statement"
            | "expression_switch_statement"
            | "type_switch_statement"
            | "for_clause" => parent
                .child_by_field_name("initializer")
                .filter(|init| init.end_byte() <= node.start_byte())
                .and_then(|init| statement_declaration(cx, init, name)),
            "for_statement" => named_children(parent)
                .into_iter()
                .filter(|c| c.kind() == "range_clause" || c.kind() == "for_clause")
                .filter(|c| c.end_byte() <= node.start_byte())
                .find_map(|c| match c.kind() {
                    "range_clause" => range_declaration(cx, c, name),
                    _ => c
                        .child_by_field_name("initializer")
                        .and_then(|init| statement_declaration(cx, init, name)),
                }),
            kind if FUNCTION_KINDS.contains(&kind) => {
                let lists = ["receiver", "parameters", "result"];
                lists
                    .iter()
                    .filter_map(|f| parent.child_by_field_name(f))
                    .find_map(|list| parameter_declaration(list, name, cx.src))
            }
            _ => None,
        }
    })
}

/// Where `text` may declare `name`: the offsets of each whole word `name`
/// that is not a selector's field (after `.`), an operand (before `.`) or
/// called (before `(`), as every declaration of a local is. A cheap test
/// that spares most lookups the walk over every statement before them.
fn declaration_candidates(text: &str, name: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    memchr::memmem::find_iter(bytes, name.as_bytes())
        .filter(|&start| {
            let end = start + name.len();
            let before = start.checked_sub(1).map(|i| bytes[i]);
            let after = bytes.get(end).copied();
            !before.is_some_and(|b| is_word(b) || b == b'.')
                && !after.is_some_and(|b| is_word(b) || b == b'.' || b == b'(')
        })
        .collect()
}

/// `node` and the nodes around it up to `root`, innermost first, found in
/// one descent from `root`: tree-sitter's `Node::parent` descends from the
/// root on every call, so walking up with it costs a descent per level.
fn ancestors<'t>(root: Node<'t>, node: Node<'t>) -> Vec<Node<'t>> {
    let mut chain = vec![root];
    let mut current = root;
    while current.id() != node.id() {
        match current.child_with_descendant(node) {
            Some(next) => {
                chain.push(next);
                current = next;
            }
            None => break,
        }
    }
    chain.reverse();
    chain
}

/// Where a local is declared: enough to tell its type when asked, which
/// most lookups (is this name a local?) never do.
pub enum Declaration<'t> {
    /// Declared with its type written out; `...T` when variadic.
    Typed {
        /// The type node.
        ty: Node<'t>,
        /// True for a variadic parameter.
        variadic: bool,
    },
    /// The `index`th name assigned from `values` (`:=`, or `var` without a
    /// type).
    Assigned(Vec<Node<'t>>, usize),
    /// The `index`th variable of a `range` clause over `over`.
    Ranged {
        /// The ranged-over expression.
        over: Node<'t>,
        /// The variable's position.
        index: usize,
    },
    /// A local whose type is not followed: a type switch's variable, a
    /// `case v := <-ch` variable, a local constant.
    Untyped,
}

impl Declaration<'_> {
    /// The type the declaration gives its name.
    fn type_expr(&self, cx: &FileCx<'_>) -> TypeExpr {
        match self {
            Declaration::Untyped => TypeExpr::Unknown,
            Declaration::Typed { ty, variadic } => {
                let ty = TypeRef::of(cx, *ty);
                TypeExpr::Known(match variadic {
                    true => TypeRef::Slice(Box::new(ty)),
                    false => ty,
                })
            }
            Declaration::Assigned(values, index) => assigned_type(cx, values, *index),
            // The element of a slice or the value of a map, for the second
            // variable.
            Declaration::Ranged { over, index: 1 } => TypeExpr::Elem(Box::new(type_of(cx, *over))),
            Declaration::Ranged { .. } => TypeExpr::Unknown,
        }
    }
}

/// The declaration of parameter `name` in a parameter list.
fn parameter_declaration<'t>(list: Node<'t>, name: &str, src: &str) -> Option<Declaration<'t>> {
    named_children(list).into_iter().find_map(|param| {
        let mut cursor = param.walk();
        let named = param
            .children_by_field_name("name", &mut cursor)
            .any(|n| text(n, src) == name);
        if !named {
            return None;
        }
        Some(Declaration::Typed {
            ty: param.child_by_field_name("type")?,
            variadic: param.kind() == "variadic_parameter_declaration",
        })
    })
}

/// The declaration of `name` by a `:=` or `var` statement, if it declares
/// it.
fn statement_declaration<'t>(
    cx: &FileCx<'_>,
    stmt: Node<'t>,
    name: &str,
) -> Option<Declaration<'t>> {
    match stmt.kind() {
        "short_var_declaration" => {
            let field = |f| {
                stmt.child_by_field_name(f)
                    .map(named_children)
                    .unwrap_or_default()
            };
            let index = field("left")
                .iter()
                .position(|l| text(*l, cx.src) == name)?;
            Some(Declaration::Assigned(field("right"), index))
        }
        "var_declaration" => named_children(stmt)
            .into_iter()
            .flat_map(|c| match c.kind() {
                "var_spec_list" => named_children(c),
                _ => vec![c],
            })
            .find_map(|spec| var_spec_declaration(cx, spec, name)),
        "const_declaration" => named_children(stmt)
            .into_iter()
            .any(|spec| {
                let mut cursor = spec.walk();
                let declares = spec
                    .children_by_field_name("name", &mut cursor)
                    .any(|n| text(n, cx.src) == name);
                declares
            })
            .then_some(Declaration::Untyped),
        _ => None,
    }
}

/// True when the expression list `list` (a type switch's alias, a receive's
/// left side) names `name`.
fn list_names(list: Option<Node<'_>>, name: &str, src: &str) -> bool {
    list.map(named_children)
        .unwrap_or_default()
        .iter()
        .any(|n| text(*n, src) == name)
}

/// The type a `var` spec gives `name`, if it declares it.
pub fn var_spec_type(cx: &FileCx<'_>, spec: Node<'_>, name: &str) -> Option<TypeExpr> {
    var_spec_declaration(cx, spec, name).map(|d| d.type_expr(cx))
}

/// The declaration of `name` by a `var` spec, if it declares it.
fn var_spec_declaration<'t>(
    cx: &FileCx<'_>,
    spec: Node<'t>,
    name: &str,
) -> Option<Declaration<'t>> {
    let mut cursor = spec.walk();
    let names: Vec<Node<'_>> = spec.children_by_field_name("name", &mut cursor).collect();
    let index = names.iter().position(|n| text(*n, cx.src) == name)?;
    if let Some(ty) = spec.child_by_field_name("type") {
        return Some(Declaration::Typed {
            ty,
            variadic: false,
        });
    }
    let values = spec
        .child_by_field_name("value")
        .map(named_children)
        .unwrap_or_default();
    Some(Declaration::Assigned(values, index))
}

/// The type of the `index`th variable assigned from `values`: the value at
/// that position, or the first result of a single call for index 0.
fn assigned_type(cx: &FileCx<'_>, values: &[Node<'_>], index: usize) -> TypeExpr {
    if values.len() == 1 && index > 0 {
        // `v, ok := m[k]` or `x, err := f()`: only the first is followed.
        return TypeExpr::Unknown;
    }
    values
        .get(index)
        .map_or(TypeExpr::Unknown, |v| type_of(cx, *v))
}

/// The declaration of `name` by a `range` clause, if it declares it.
fn range_declaration<'t>(cx: &FileCx<'_>, clause: Node<'t>, name: &str) -> Option<Declaration<'t>> {
    let left = clause
        .child_by_field_name("left")
        .map(named_children)
        .unwrap_or_default();
    let index = left.iter().position(|l| text(*l, cx.src) == name)?;
    let over = clause.child_by_field_name("right")?;
    Some(Declaration::Ranged { over, index })
}

/// The package names code at a place can use, which depend on the
/// local declarations there.
impl FileCx<'_> {
    /// [`FileCx::package_name_free`] for code written at `at`; `None` also
    /// when a local variable or parameter of that name hides the package
    /// there (`func(context *cli.Context)`), so no code there can name it.
    pub fn package_name_at<'s>(&'s self, path: &'s str, at: Node<'_>) -> Option<&'s str> {
        let name = self.package_name_free(path)?;
        local_declaration(self, at, name).is_none().then_some(name)
    }

    /// Why [`FileCx::package_name_at`] gives no name for `path` at `at`,
    /// in words for a finding; `None` when it gives one.
    pub fn package_hidden_why(&self, path: &str, at: Node<'_>) -> Option<String> {
        if self.package_name_at(path, at).is_some() {
            return None;
        }
        let name = self.package_name_or_default(path);
        Some(match self.package_name_free(path) {
            None => format!("the file imports another package named `{name}`"),
            Some(_) => format!("a local variable named `{name}` hides the package here"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::go::file_cx::testing::with_file;
    use crate::go::syntax::for_each_node;

    /// The callee of the call whose text is `call` in `src`.
    fn callee(src: &str, call: &str) -> Option<Callee> {
        with_file("a.go", src, "example.com/a", None, |cx| {
            let mut found = None;
            for_each_node(cx.root, |n| {
                if found.is_none() && n.kind() == "call_expression" && text(n, src) == call {
                    found = Some(n);
                }
            });
            callee_of(cx, found.expect("the call is in the source"))
        })
    }

    fn named(package: &str, name: &str) -> TypeRef {
        TypeRef::Named {
            package: package.into(),
            name: name.into(),
        }
    }

    fn receiver(c: Option<Callee>) -> TypeExpr {
        match c {
            Some(Callee::Method { receiver, .. }) => receiver,
            other => panic!("not a method call: {other:?}"),
        }
    }

    #[test]
    fn functions_and_imported_functions() {
        let src = "package a\nimport db \"example.com/store\"\nfunc f() { g(); db.Open() }\n";
        assert_eq!(
            callee(src, "g()"),
            Some(Callee::Function {
                package: "example.com/a".into(),
                name: "g".into()
            })
        );
        assert_eq!(
            callee(src, "db.Open()"),
            Some(Callee::Function {
                package: "example.com/store".into(),
                name: "Open".into()
            })
        );
    }

    #[test]
    fn receivers_parameters_and_locals() {
        let src = "package a\nimport \"example.com/store\"\ntype S struct{}\nfunc (s *S) f(p store.DB, xs []S) {\n\ts.a()\n\tp.b()\n\tvar v S\n\tv.c()\n\tw := &S{}\n\tw.d()\n\tn := store.New()\n\tn.e()\n\tfor _, x := range xs {\n\t\tx.g()\n\t}\n\ts.field.h()\n}\n";
        let s = TypeExpr::Known(TypeRef::Pointer(Box::new(named("example.com/a", "S"))));
        assert_eq!(receiver(callee(src, "s.a()")), s);
        assert_eq!(
            receiver(callee(src, "p.b()")),
            TypeExpr::Known(named("example.com/store", "DB"))
        );
        assert_eq!(
            receiver(callee(src, "v.c()")),
            TypeExpr::Known(named("example.com/a", "S"))
        );
        assert_eq!(receiver(callee(src, "w.d()")), s);
        assert_eq!(
            receiver(callee(src, "n.e()")),
            TypeExpr::ResultOf(Box::new(Callee::Function {
                package: "example.com/store".into(),
                name: "New".into()
            }))
        );
        assert_eq!(
            receiver(callee(src, "x.g()")),
            TypeExpr::Elem(Box::new(TypeExpr::Known(TypeRef::Slice(Box::new(named(
                "example.com/a",
                "S"
            ))))))
        );
        assert_eq!(
            receiver(callee(src, "s.field.h()")),
            TypeExpr::Field(Box::new(s), "field".into())
        );
    }

    #[test]
    fn shadowing_and_unformatted_declarations_are_seen() {
        // The receiver `s` is redeclared: the parameters alone do not decide.
        let src = "package a\nimport \"fmt\"\ntype S struct{}\ntype T struct{}\nfunc (s *S) f(db T) {\n\ts.a()\n\tif true {\n\t\ts:=T{}\n\t\ts.b()\n\t}\n\tfunc(db S) { db.c() }(S{})\n\tdb.d()\n\tfmt := T{}\n\tfmt.e()\n}\n";
        let (s, t) = (named("example.com/a", "S"), named("example.com/a", "T"));
        let pointer = TypeExpr::Known(TypeRef::Pointer(Box::new(s.clone())));
        assert_eq!(receiver(callee(src, "s.a()")), pointer);
        assert_eq!(receiver(callee(src, "s.b()")), TypeExpr::Known(t.clone()));
        assert_eq!(receiver(callee(src, "db.c()")), TypeExpr::Known(s));
        assert_eq!(receiver(callee(src, "db.d()")), TypeExpr::Known(t.clone()));
        assert_eq!(receiver(callee(src, "fmt.e()")), TypeExpr::Known(t));
    }

    #[test]
    fn named_results_and_untyped_locals_are_not_globals() {
        let src = "package a\nvar v Client\nvar c Client\nvar k Client\nfunc f(x any, ch chan Client) (c Client) {\n\tc.Do()\n\tswitch v := x.(type) {\n\tcase Client:\n\t\tv.Do()\n\t}\n\tselect {\n\tcase k := <-ch:\n\t\tk.Do()\n\t}\n\tconst n = 1\n\tn.Do()\n\treturn\n}\n";
        assert_eq!(
            receiver(callee(src, "c.Do()")),
            TypeExpr::Known(named("example.com/a", "Client"))
        );
        for call in ["v.Do()", "k.Do()", "n.Do()"] {
            assert_eq!(
                receiver(callee(src, call)),
                TypeExpr::Unknown,
                "{call} is a local, not the package variable"
            );
        }
    }

    #[test]
    fn globals_and_function_values() {
        let src = "package a\nvar client Client\nfunc f(cb func()) {\n\tclient.Do()\n\tcb()\n}\n";
        assert_eq!(
            receiver(callee(src, "client.Do()")),
            TypeExpr::Global {
                package: "example.com/a".into(),
                name: "client".into()
            }
        );
        assert_eq!(callee(src, "cb()"), None, "a parameter of function type");
    }
}
