//! Context values as one file sees them: every `context.WithValue(ctx, key,
//! v)` and `x.Value(key)` with what its key is, and the package-level
//! constants that could be keys. Each file records them once per parse in
//! its [`crate::index::summary::FileSummary`]; the string-key rule groups them
//! across the workspace.

use crate::go::file_cx::FileCx;
use crate::go::parents::Up;
use crate::go::syntax::{call_arguments, line_start, named_children, next_line_start, text};
use crate::go::typing::{type_of, TypeExpr, TypeRef, BUILTIN};
use crate::index::collect::{Collector, Declaration, Fact, Facts};
use crate::index::workspace::Workspace;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tree_sitter::Node;

/// The value of a constant key of a predeclared type: what makes two keys
/// equal at run time.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyValue {
    /// The predeclared type (`string`, `int`, …), the default type of an
    /// untyped constant.
    pub ty: String,
    /// The value: a string's bytes as Go reads them, a number's digits.
    pub value: String,
    /// The key as first written (a Go literal).
    pub literal: String,
}

impl fmt::Display for KeyValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.literal)
    }
}

/// What a key expression is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Key {
    /// A literal of a predeclared type.
    Literal(KeyValue),
    /// A local variable, parameter or constant of a predeclared type.
    Local {
        /// Its name.
        name: String,
        /// Its type.
        ty: String,
    },
    /// A package-level name (`k` or `pkg.K`), resolved by the workspace.
    Global {
        /// The declaring package's id.
        package: String,
        /// The name.
        name: String,
    },
}

/// Whether a use stores a value or reads one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    /// `context.WithValue(ctx, key, v)`.
    Write,
    /// `x.Value(key)`, with the type of `x` as far as the file can tell.
    Read(TypeExpr),
}

/// One store or read of a context value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueUse {
    /// The file.
    pub path: Arc<Path>,
    /// The file's package id.
    pub package: String,
    /// The 1-based line of the key.
    pub line: usize,
    /// Store or read.
    pub access: Access,
    /// What the key is.
    pub key: Key,
    /// The key's bytes.
    pub key_range: Range<usize>,
    /// Where a declaration goes to stand before the top-level declaration
    /// holding the use (and its doc comment).
    pub insert_at: usize,
    /// False in a file ctxmod does not edit.
    pub editable: bool,
    /// True in a file every build of the package compiles: not a test,
    /// and without a build constraint.
    pub always_built: bool,
    /// What an accessor function needs of the use.
    pub call: CallFacts,
}

/// A store or read as an accessor function would replace it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallFacts {
    /// The call's bytes.
    pub range: Range<usize>,
    /// A store's context and value, or a read's receiver: their text.
    pub operands: Vec<String>,
    /// True when comments inside the call would be lost by rewriting it.
    pub has_comments: bool,
    /// The name the file uses for the `context` package.
    pub context: String,
    /// The type of a stored value, as far as the file can tell.
    pub value_type: TypeExpr,
    /// A read's asserted type, with its text: `ctx.Value(k).(T)`.
    pub asserted: Option<(TypeRef, String)>,
    /// The bytes of a read's `ctx.Value(k).(T)` when it is the whole right
    /// side of a two-value assignment (`v, ok := …`).
    pub comma_ok: Option<Range<usize>>,
}

/// A package-level constant of a predeclared type (or untyped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyConst {
    /// The file.
    pub path: Arc<Path>,
    /// The package id.
    pub package: String,
    /// The 1-based line of its name.
    pub line: usize,
    /// Its name.
    pub name: String,
    /// Its value, when it is a literal.
    pub value: Option<KeyValue>,
    /// The bytes a new type replaces: the predeclared type written in its
    /// spec, or the empty range after its name.
    pub type_range: Range<usize>,
    /// True when the spec declares more than this name.
    pub shared_spec: bool,
    /// Where a declaration goes to stand before the `const` declaration.
    pub insert_at: usize,
}

impl Fact for ValueUse {
    /// A use in a file ctxmod does not edit stays, for what it tells of
    /// the key, but cannot be changed.
    fn read_only(self) -> Option<ValueUse> {
        Some(ValueUse {
            editable: false,
            ..self
        })
    }
}

impl Fact for KeyConst {
    fn read_only(self) -> Option<KeyConst> {
        Some(self)
    }
}

/// A name a top-level declaration declares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeclaredName {
    /// The file.
    pub path: Arc<Path>,
    /// The file's package id.
    pub package: String,
    /// The name.
    pub name: String,
}

impl Fact for DeclaredName {
    fn read_only(self) -> Option<DeclaredName> {
        Some(self)
    }
}

/// Gathers every file's package-level constants that may be keys
/// ([`KeyConst`]) and the names its top-level declarations declare
/// ([`DeclaredName`]).
pub struct KeyDeclarations;

impl Collector for KeyDeclarations {
    fn collect(&self, cx: &FileCx<'_>, decl: Node<'_>, at: &Declaration<'_>, out: &mut Facts) {
        if decl.kind() == "const_declaration" {
            out.extend(key_consts(cx, decl, at.path));
        }
        out.extend(
            declared_names(cx, decl)
                .into_iter()
                .map(|name| DeclaredName {
                    path: at.path.clone(),
                    package: cx.package.to_string(),
                    name,
                }),
        );
    }
}

/// Gathers every store and read of a context value ([`ValueUse`]).
pub struct ValueUses;

impl Collector for ValueUses {
    fn wants(&self, cx: &FileCx<'_>) -> bool {
        cx.src.contains("Value(")
    }

    fn collect(&self, cx: &FileCx<'_>, decl: Node<'_>, at: &Declaration<'_>, out: &mut Facts) {
        out.extend(value_uses(cx, decl, at.path));
    }
}

/// The collectors of context keys and values, for a rule that reads them.
pub const COLLECTORS: &[&dyn Collector] = &[&KeyDeclarations, &ValueUses];

/// The top-level names declared in each package's parsed files.
struct PackageNames(HashMap<String, HashSet<String>>);

/// True when a parsed file of `package` declares `name` at top level
/// (from the [`DeclaredName`]s of [`KeyDeclarations`]).
pub fn package_declares(workspace: &Workspace, package: &str, name: &str) -> bool {
    let names = workspace.derived(|w| {
        let mut names: HashMap<String, HashSet<String>> = HashMap::new();
        for declared in w.facts::<DeclaredName>() {
            names
                .entry(declared.package.clone())
                .or_default()
                .insert(declared.name.clone());
        }
        PackageNames(names)
    });
    names
        .0
        .get(package)
        .is_some_and(|names| names.contains(name))
}

/// The top-level names declared in the files of each directory that use
/// or declare context keys.
pub struct KeyDirectoryNames(HashMap<PathBuf, HashSet<String>>);

impl KeyDirectoryNames {
    /// The names of directory `dir` (absolute, as from
    /// [`crate::index::wanted::dir_of`]).
    pub fn in_dir(&self, dir: &Path) -> Option<&HashSet<String>> {
        self.0.get(dir)
    }
}

/// The top-level names declared in the parsed files of each directory that
/// use or declare context keys (from the facts of [`COLLECTORS`]).
pub fn key_directory_names(workspace: &Workspace) -> Arc<KeyDirectoryNames> {
    workspace.derived(|w| {
        let with_keys: HashSet<&Arc<Path>> = w
            .facts::<ValueUse>()
            .iter()
            .map(|u| &u.path)
            .chain(w.facts::<KeyConst>().iter().map(|c| &c.path))
            .collect();
        let mut names: HashMap<PathBuf, HashSet<String>> = HashMap::new();
        for declared in w.facts::<DeclaredName>() {
            if with_keys.contains(&declared.path) {
                names
                    .entry(crate::index::wanted::dir_of(&declared.path))
                    .or_default()
                    .insert(declared.name.clone());
            }
        }
        KeyDirectoryNames(names)
    })
}

/// The uses of context values in the top-level declaration `decl`.
pub fn value_uses(cx: &FileCx<'_>, decl: Node<'_>, path: &Arc<Path>) -> Vec<ValueUse> {
    let mut uses = Vec::new();
    // Only the paths down to the words `WithValue` and `Value`.
    let words =
        crate::go::syntax::word_offsets_of(cx.src, decl.byte_range(), &["WithValue", "Value"]);
    if words.is_empty() {
        return uses;
    }
    let insert_at = declaration_start(cx.src, decl);
    let always_built = always_built(cx);
    crate::go::syntax::for_each_node_around(decl, &words, |node| {
        if node.kind() != "call_expression" {
            return;
        }
        let args = call_arguments(node);
        let (access, key, call) =
            if args.len() == 3 && cx.is_call_to(node, "context", &["WithValue"]) {
                let call = CallFacts {
                    operands: vec![text(args[0], cx.src).into(), text(args[2], cx.src).into()],
                    value_type: type_of(cx, args[2]),
                    ..call_facts(cx, node)
                };
                (Access::Write, args[1], call)
            } else if let Some(receiver) = value_receiver(cx, node, &args) {
                let call = CallFacts {
                    operands: vec![text(receiver, cx.src).into()],
                    ..read_facts(cx, node)
                };
                (Access::Read(type_of(cx, receiver)), args[0], call)
            } else {
                return;
            };
        if let Some(key_kind) = key_of(cx, key) {
            uses.push(ValueUse {
                path: path.clone(),
                package: cx.package.to_string(),
                line: key.start_position().row + 1,
                access,
                key: key_kind,
                key_range: key.byte_range(),
                insert_at,
                editable: true,
                always_built,
                call,
            });
        }
    });
    uses
}

/// True when every build of the package compiles the file: it is no test
/// and has no `//go:build` (or `// +build`) line before its package clause.
fn always_built(cx: &FileCx<'_>) -> bool {
    let header = cx.src.split("\npackage ").next().unwrap_or("");
    !crate::go::gomod::is_test_file(cx.path)
        && !header
            .lines()
            .any(|l| l.starts_with("//go:build") || l.starts_with("// +build"))
}

/// The facts of `call` every use has.
fn call_facts(cx: &FileCx<'_>, call: Node<'_>) -> CallFacts {
    let mut has_comments = false;
    crate::go::syntax::for_each_node(call, |n| has_comments |= n.kind() == "comment");
    CallFacts {
        range: call.byte_range(),
        operands: Vec::new(),
        has_comments,
        context: cx.package_name_or_default("context").to_string(),
        value_type: TypeExpr::Unknown,
        asserted: None,
        comma_ok: None,
    }
}

/// The facts of a read `call`: its type assertion, and whether it is a
/// two-value one.
fn read_facts(cx: &FileCx<'_>, call: Node<'_>) -> CallFacts {
    let mut facts = call_facts(cx, call);
    let Some(assertion) = call
        .up()
        .filter(|p| p.kind() == "type_assertion_expression")
    else {
        return facts;
    };
    let Some(ty) = assertion.child_by_field_name("type") else {
        return facts;
    };
    facts.asserted = Some((TypeRef::of(cx, ty), text(ty, cx.src).to_string()));
    let list = assertion.up().filter(|p| p.kind() == "expression_list");
    let statement = list.and_then(|l| l.up()).filter(|s| {
        matches!(s.kind(), "short_var_declaration" | "assignment_statement")
            && s.child_by_field_name("left")
                .is_some_and(|l| named_children(l).len() == 2)
            && s.child_by_field_name("right")
                .is_some_and(|r| named_children(r).len() == 1)
    });
    if statement.is_some() {
        facts.comma_ok = Some(assertion.byte_range());
    }
    facts
}

/// The receiver of `x.Value(key)`, when `call` is one (and `x` no package).
fn value_receiver<'t>(cx: &FileCx<'_>, call: Node<'t>, args: &[Node<'_>]) -> Option<Node<'t>> {
    let function = call.child_by_field_name("function")?;
    if args.len() != 1
        || function.kind() != "selector_expression"
        || text(function.child_by_field_name("field")?, cx.src) != "Value"
    {
        return None;
    }
    let operand = function.child_by_field_name("operand")?;
    let is_package = operand.kind() == "identifier"
        && cx.imports.path_of(text(operand, cx.src)).is_some()
        && matches!(type_of(cx, operand), TypeExpr::Global { .. });
    (!is_package).then_some(operand)
}

/// What the key expression is, when it may be of a predeclared type.
fn key_of(cx: &FileCx<'_>, key: Node<'_>) -> Option<Key> {
    if let Some(value) = literal_value(cx.src, key) {
        return Some(Key::Literal(value));
    }
    match key.kind() {
        "identifier" => match type_of(cx, key) {
            TypeExpr::Global { package, name } => Some(Key::Global { package, name }),
            TypeExpr::Known(TypeRef::Named { package, name }) if package == BUILTIN => {
                (name != "any" && name != "error").then(|| Key::Local {
                    name: text(key, cx.src).into(),
                    ty: name,
                })
            }
            _ => None,
        },
        "selector_expression" => match type_of(cx, key) {
            TypeExpr::Global { package, name } => Some(Key::Global { package, name }),
            _ => None,
        },
        _ => None,
    }
}

/// The value of a literal of a predeclared type.
pub fn literal_value(src: &str, node: Node<'_>) -> Option<KeyValue> {
    let literal = text(node, src);
    let (ty, value) = match node.kind() {
        "interpreted_string_literal" => ("string", unquote(literal)?),
        "raw_string_literal" => (
            "string",
            literal
                .trim_start_matches('`')
                .trim_end_matches('`')
                .replace('\r', ""),
        ),
        "int_literal" => ("int", int_value(literal)?),
        "rune_literal" => ("rune", literal.to_string()),
        "float_literal" => ("float64", literal.to_string()),
        "true" | "false" => ("bool", literal.to_string()),
        _ => return None,
    };
    Some(KeyValue {
        ty: ty.to_string(),
        value,
        literal: literal.to_string(),
    })
}

/// The bytes an interpreted string literal stands for (as text; `None`
/// when they are not valid UTF-8 or an escape is malformed).
fn unquote(literal: &str) -> Option<String> {
    let inner = literal.strip_prefix('"')?.strip_suffix('"')?;
    let mut bytes = Vec::new();
    let mut chars = inner.chars();
    let push_char = |bytes: &mut Vec<u8>, c: char| {
        let mut buf = [0; 4];
        bytes.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    };
    while let Some(c) = chars.next() {
        if c != '\\' {
            push_char(&mut bytes, c);
            continue;
        }
        let letter = chars.next()?;
        let mut number = |n: usize, radix: u32| -> Option<u32> {
            let digits: String = chars.by_ref().take(n).collect();
            if digits.chars().count() != n {
                return None;
            }
            u32::from_str_radix(&digits, radix).ok()
        };
        match letter {
            'a' => bytes.push(7),
            'b' => bytes.push(8),
            'f' => bytes.push(12),
            'n' => bytes.push(b'\n'),
            'r' => bytes.push(b'\r'),
            't' => bytes.push(b'\t'),
            'v' => bytes.push(11),
            '\\' | '"' | '\'' => bytes.push(letter as u8),
            'x' => bytes.push(u8::try_from(number(2, 16)?).ok()?),
            'u' => push_char(&mut bytes, char::from_u32(number(4, 16)?)?),
            'U' => push_char(&mut bytes, char::from_u32(number(8, 16)?)?),
            '0'..='7' => {
                let high = letter.to_digit(8)?;
                bytes.push(u8::try_from(high * 64 + number(2, 8)?).ok()?);
            }
            _ => return None,
        }
    }
    String::from_utf8(bytes).ok()
}

/// The value of an integer literal, in decimal.
fn int_value(literal: &str) -> Option<String> {
    let digits = literal.replace('_', "").to_ascii_lowercase();
    let (radix, rest) = if let Some(r) = digits.strip_prefix("0x") {
        (16, r.to_string())
    } else if let Some(r) = digits.strip_prefix("0b") {
        (2, r.to_string())
    } else if let Some(r) = digits.strip_prefix("0o") {
        (8, r.to_string())
    } else if digits.len() > 1 && digits.starts_with('0') {
        (8, digits[1..].to_string())
    } else {
        (10, digits)
    };
    u128::from_str_radix(&rest, radix)
        .ok()
        .map(|v| v.to_string())
}

/// The constants of predeclared type that the top-level `const`
/// declaration `decl` declares.
pub fn key_consts(cx: &FileCx<'_>, decl: Node<'_>, path: &Arc<Path>) -> Vec<KeyConst> {
    let mut out = Vec::new();
    let insert_at = declaration_start(cx.src, decl);
    for spec in named_children(decl)
        .into_iter()
        .filter(|s| s.kind() == "const_spec")
    {
        let mut cursor = spec.walk();
        let names: Vec<Node<'_>> = spec.children_by_field_name("name", &mut cursor).collect();
        let values: Vec<Node<'_>> = spec
            .child_by_field_name("value")
            .map(named_children)
            .unwrap_or_default();
        let declared = spec.child_by_field_name("type");
        let builtin = declared.map(|t| TypeRef::of(cx, t));
        let ty = match &builtin {
            Some(TypeRef::Named { package, name }) if package == BUILTIN => Some(name.clone()),
            Some(_) => continue,
            None => None,
        };
        let Some(last) = names.last() else { continue };
        let type_range = declared.map_or(last.end_byte()..last.end_byte(), |t| t.byte_range());
        for (i, name) in names.iter().enumerate() {
            let value = values
                .get(i)
                .and_then(|v| literal_value(cx.src, *v))
                .map(|mut v| {
                    if let Some(ty) = &ty {
                        v.ty = ty.clone();
                    }
                    v
                });
            out.push(KeyConst {
                path: path.clone(),
                package: cx.package.to_string(),
                line: name.start_position().row + 1,
                name: text(*name, cx.src).to_string(),
                value,
                type_range: type_range.clone(),
                shared_spec: names.len() > 1,
                insert_at,
            });
        }
    }
    out
}

/// The package-level constants and variables of the `.go` files of `dir`
/// (package id `package`), read from disk: those that may be keys of a
/// predeclared type, each with its value when it is a constant's literal,
/// and the names of the others (of a named type).
pub fn package_level_keys(
    dir: &Path,
    package: &str,
) -> (HashMap<String, Option<KeyValue>>, HashSet<String>) {
    let mut builtin = HashMap::new();
    let mut typed = HashSet::new();
    let files = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "go"));
    for file in files {
        let Ok(src) = std::fs::read_to_string(&file) else {
            continue;
        };
        let src = src.replace("\r\n", "\n");
        let tree = crate::go::syntax::parse(&src);
        let root = tree.root_node();
        let imports = crate::go::imports::FileImports::from_tree(root, &src);
        let cx = FileCx {
            path: &file,
            src: &src,
            root,
            imports: &imports,
            go_version: None,
            package,
            memo: Default::default(),
        };
        let path: Arc<Path> = Arc::from(file.as_path());
        for decl in named_children(root) {
            match decl.kind() {
                "const_declaration" => {
                    let keys = key_consts(&cx, decl, &path);
                    for name in declared_names(&cx, decl) {
                        match keys.iter().find(|k| k.name == name) {
                            Some(k) => builtin.insert(name, k.value.clone()),
                            None => typed.insert(name).then_some(None),
                        };
                    }
                }
                "var_declaration" => crate::go::syntax::for_each_node(decl, |spec| {
                    if spec.kind() != "var_spec" {
                        return;
                    }
                    let mut cursor = spec.walk();
                    for name in spec.children_by_field_name("name", &mut cursor) {
                        let name = text(name, cx.src);
                        match crate::go::typing::var_spec_type(&cx, spec, name) {
                            Some(TypeExpr::Known(TypeRef::Named { package, .. }))
                                if package == BUILTIN =>
                            {
                                builtin.insert(name.to_string(), None);
                            }
                            Some(TypeExpr::Known(_)) => {
                                typed.insert(name.to_string());
                            }
                            _ => {
                                builtin.insert(name.to_string(), None);
                            }
                        }
                    }
                }),
                _ => {}
            }
        }
    }
    (builtin, typed)
}

/// The names a top-level declaration declares.
pub fn declared_names(cx: &FileCx<'_>, decl: Node<'_>) -> Vec<String> {
    let mut names = Vec::new();
    match decl.kind() {
        "function_declaration" => {
            names.extend(
                decl.child_by_field_name("name")
                    .map(|n| text(n, cx.src).to_string()),
            );
            return names;
        }
        "method_declaration" => return names,
        _ => {}
    }
    // What the specs' values hold (a function literal's locals) is not
    // package-level.
    for spec in crate::go::syntax::specs(decl) {
        if matches!(
            spec.kind(),
            "type_spec" | "type_alias" | "const_spec" | "var_spec"
        ) {
            let mut cursor = spec.walk();
            names.extend(
                spec.children_by_field_name("name", &mut cursor)
                    .map(|n| text(n, cx.src).to_string()),
            );
        }
    }
    names
}

/// The start of the line of `decl`, or of the `//` comment lines just
/// above it (its doc comment).
fn declaration_start(src: &str, decl: Node<'_>) -> usize {
    let mut start = line_start(src, decl.start_byte());
    let mut previous = decl.prev_named_sibling();
    while let Some(comment) = previous.filter(|c| c.kind() == "comment") {
        let from = line_start(src, comment.start_byte());
        if next_line_start(src, comment.end_byte()) != start
            || !src[from..comment.start_byte()].trim().is_empty()
        {
            break;
        }
        start = from;
        previous = comment.prev_named_sibling();
    }
    start
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(src_literal: &str) -> Option<String> {
        let src = format!("package p\n\nvar _ = {src_literal}\n");
        let tree = crate::go::syntax::parse(&src);
        let mut found = None;
        crate::go::syntax::for_each_node(tree.root_node(), |n| {
            if found.is_none() {
                found = literal_value(&src, n).map(|v| format!("{}:{}", v.ty, v.value));
            }
        });
        found
    }

    /// The names each top-level declaration of `src` declares.
    fn declared(src: &str) -> Vec<Vec<String>> {
        let tree = crate::go::syntax::parse(src);
        let root = tree.root_node();
        let imports = crate::go::imports::FileImports::from_tree(root, src);
        let cx = FileCx {
            path: Path::new("p.go"),
            src,
            root,
            imports: &imports,
            go_version: None,
            package: "example.com/p",
            memo: Default::default(),
        };
        named_children(root)
            .into_iter()
            .filter(|d| d.kind() != "package_clause")
            .map(|d| declared_names(&cx, d))
            .collect()
    }

    #[test]
    fn a_declaration_declares_its_specs_names_not_its_values_locals() {
        let src = "package p\n\nvar (\n\ta    = 1\n\tb, c = 2, 3\n)\n\nconst d = 4\n\ntype (\n\tT int\n\tU = T\n)\n\nvar f = func() int {\n\tconst local = 5\n\tvar inner int\n\ttype hidden struct{}\n\treturn local + inner\n}\n\nfunc g() { var x int; _ = x }\n\nfunc (T) m() {}\n";
        let names: Vec<String> = declared(src).concat();
        assert_eq!(names, ["a", "b", "c", "d", "T", "U", "f", "g"]);
    }

    #[test]
    fn literals_are_read_as_go_reads_them() {
        assert_eq!(key(r#""user""#).unwrap(), "string:user");
        assert_eq!(key("`user`").unwrap(), "string:user");
        assert_eq!(key(r#""us\x65r""#).unwrap(), "string:user");
        assert_eq!(key(r#""us\u0065r""#).unwrap(), "string:user");
        assert_eq!(key(r#""us\145r""#).unwrap(), "string:user");
        assert_eq!(key(r#""a\tb""#).unwrap(), "string:a\tb");
        assert_eq!(key("0x10").unwrap(), "int:16");
        assert_eq!(key("1_6").unwrap(), "int:16");
        assert_eq!(key("020").unwrap(), "int:16");
    }
}
