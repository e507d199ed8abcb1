//! Struct fields of type `context.Context`, and every place a field is
//! used by name: read (`x.f`), written (`x.f = v`), set in a composite
//! literal (`T{f: v}`), or hidden in a positional literal (`T{a, b}`).
//! Read from one file at a time; the workspace tells which uses are of
//! which struct.

use crate::go::escape::{escaping_use, Escape};
use crate::go::file_cx::FileCx;
use crate::go::parents::Up;
use crate::go::syntax::{line_start, named_children, next_line_start, text};
use crate::go::typing::{type_of, TypeExpr, TypeRef};
use crate::index::ids::FuncId;
use std::fmt;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;
use tree_sitter::Node;

/// A field of type `context.Context` declared in a struct type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContextField {
    /// The id of the declaring package.
    pub package: String,
    /// The struct type's name.
    pub owner: String,
    /// The field's name.
    pub name: String,
    /// The file.
    pub path: Arc<Path>,
    /// The bytes of the field's declaration.
    pub range: Range<usize>,
    /// The 1-based line of the declaration.
    pub line: usize,
    /// The bytes that remove it (its lines, with its doc comment), or why
    /// it cannot be removed on its own.
    pub deletion: Result<Range<usize>, KeptField>,
}

/// Why a context field cannot be removed on its own
/// ([`ContextField::deletion`]); its text is for a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeptField {
    /// The struct has more than one `context.Context` field, or the
    /// declaration names more than one.
    SeveralContexts,
    /// The declaration shares its line with other code.
    SharesLine,
}

impl fmt::Display for KeptField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            KeptField::SeveralContexts => "the struct has more than one context.Context field: which one a caller's context replaces is a decision to make by hand",
            KeptField::SharesLine => "the field shares its line with other code",
        })
    }
}

/// Why a store into a context field (`x.f = v`, or `T{f: v}`) cannot be
/// deleted ([`FieldAccess::Write`], [`FieldAccess::Key`]); its text is for
/// a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeptStore {
    /// The assignment assigns other things too, or with another operator.
    AssignedWithOthers,
    /// The stored value cannot be read.
    ValueUnreadable,
    /// Evaluating the value may have effects beyond making a context.
    ValueMayDoMore {
        /// The value's text.
        value: String,
    },
    /// Without the store, a local variable would be declared and not used.
    LocalLeftUnused {
        /// The local's name.
        name: String,
    },
    /// The assignment shares its line with other code.
    AssignmentSharesLine,
    /// The literal's element shares its line with a comment.
    ElementSharesLine,
}

impl fmt::Display for KeptStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeptStore::AssignedWithOthers => {
                f.write_str("it is assigned together with other values")
            }
            KeptStore::ValueUnreadable => f.write_str("its value cannot be read"),
            KeptStore::ValueMayDoMore { value } => {
                write!(f, "its value `{value}` may do more than make a context")
            }
            KeptStore::LocalLeftUnused { name } => write!(
                f,
                "without it, the local `{name}` would be declared and not used"
            ),
            KeptStore::AssignmentSharesLine => {
                f.write_str("the assignment shares its line with other code")
            }
            KeptStore::ElementSharesLine => {
                f.write_str("the element shares its line with a comment")
            }
        }
    }
}

/// How a field is used at one place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldAccess {
    /// `x.f` read as a value.
    Read {
        /// True when `x` is the receiver of the method the read is in.
        on_receiver: bool,
        /// How the value leaves the function, if it does: returned, stored,
        /// used by a goroutine or a closure.
        escape: Option<&'static str>,
        /// The context the function's own parameters provide (`ctx`,
        /// `r.Context()`), if any.
        own_context: Option<String>,
        /// True when the read waits for the context's end: `x.f.Done()`.
        /// A struct that does so keeps a lifetime, not a per-call context.
        watched: bool,
        /// When the read is the whole right side of a `name := x.f`
        /// statement of the method's body: the name, and the lines that
        /// delete the statement (the new parameter can take that name).
        local: Option<(String, Range<usize>)>,
    },
    /// `x.f = v`: the statement's lines to delete, or why it cannot go.
    Write(Result<Range<usize>, KeptStore>),
    /// `T{f: v}`: the element's bytes to delete, or why it cannot go.
    Key(Result<Range<usize>, KeptStore>),
    /// `T{a, b}`: a literal that sets every field by position.
    Positional,
}

/// One use of a field (or, for a positional literal, of a struct type) by
/// name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldUse {
    /// The file (shared by every site of the file).
    pub path: Arc<Path>,
    /// The bytes of `x.f`, of the key, or of the literal.
    pub range: Range<usize>,
    /// The 1-based line.
    pub line: usize,
    /// The field's name; for a positional literal, the type's.
    pub name: String,
    /// The type the field belongs to: of `x`, or of the literal.
    pub owner: TypeExpr,
    /// How it is used.
    pub access: FieldAccess,
    /// The declared function or method it is in; `None` at package level.
    pub caller: Option<Arc<FuncId>>,
    /// False in a file ctxmod does not edit.
    pub editable: bool,
}

/// The named `context.Context` fields of a struct type node named `owner`
/// (an embedded one makes the struct a context itself, and is left out).
pub fn context_fields(
    cx: &FileCx<'_>,
    owner: &str,
    ty: Node<'_>,
    path: &Arc<Path>,
) -> Vec<ContextField> {
    let Some(list) = named_children(ty)
        .into_iter()
        .find(|c| c.kind() == "field_declaration_list")
    else {
        return Vec::new();
    };
    let declarations: Vec<Node<'_>> = named_children(list)
        .into_iter()
        .filter(|f| {
            f.child_by_field_name("type")
                .is_some_and(|t| TypeRef::of(cx, t).is_context())
        })
        .collect();
    let mut out = Vec::new();
    for decl in &declarations {
        let mut cursor = decl.walk();
        let names: Vec<&str> = decl
            .children_by_field_name("name", &mut cursor)
            .map(|n| text(n, cx.src))
            .collect();
        if names.is_empty() {
            // An embedded context.Context makes the struct a context of its
            // own: custom-context's business, not a stored context.
            continue;
        }
        let deletion = if declarations.len() > 1 || names.len() > 1 {
            Err(KeptField::SeveralContexts)
        } else {
            line_deletion(cx.src, *decl, ";")
                .map(|lines| with_doc_comment(cx.src, list, *decl, lines))
                .ok_or(KeptField::SharesLine)
        };
        for name in names {
            out.push(ContextField {
                package: cx.package.to_string(),
                owner: owner.to_string(),
                name: name.to_string(),
                path: path.clone(),
                range: decl.byte_range(),
                line: decl.start_position().row + 1,
                deletion: deletion.clone(),
            });
        }
    }
    out
}

/// The use `node` makes of a field named in `wanted`, if it is one: a
/// selector `x.f`, a key `f:` of a composite literal, or a positional
/// literal of a type named in `wanted`. `decl` is the top-level
/// declaration around it.
pub fn field_use(
    cx: &FileCx<'_>,
    node: Node<'_>,
    decl: Node<'_>,
    wanted: &dyn Fn(&str) -> bool,
) -> Option<(Range<usize>, String, TypeExpr, FieldAccess)> {
    match node.kind() {
        "selector_expression" => {
            let name = text(node.child_by_field_name("field")?, cx.src);
            if !wanted(name) || is_called(node) {
                return None;
            }
            // `pkg.Name` is no field.
            let TypeExpr::Field(owner, _) = type_of(cx, node) else {
                return None;
            };
            let access = selector_access(cx, node, decl);
            Some((node.byte_range(), name.to_string(), *owner, access))
        }
        "keyed_element" => {
            let key = node.child_by_field_name("key")?;
            let ident = named_children(key).into_iter().next()?;
            let name = text(ident, cx.src);
            if ident.kind() != "identifier" || !wanted(name) {
                return None;
            }
            let owner = literal_type(cx, node.up()?);
            let value = node
                .child_by_field_name("value")
                .and_then(|v| named_children(v).into_iter().next());
            let deletion = removable_value(cx, value, decl)
                .and_then(|()| element_deletion(cx.src, node).ok_or(KeptStore::ElementSharesLine));
            Some((
                key.byte_range(),
                name.to_string(),
                owner,
                FieldAccess::Key(deletion),
            ))
        }
        "composite_literal" => {
            let ty = node.child_by_field_name("type")?;
            let name = match ty.kind() {
                "type_identifier" => text(ty, cx.src),
                "qualified_type" => text(ty.child_by_field_name("name")?, cx.src),
                _ => return None,
            };
            let body = node.child_by_field_name("body")?;
            let positional = named_children(body)
                .iter()
                .any(|e| e.kind() == "literal_element");
            (wanted(name) && positional).then(|| {
                (
                    node.byte_range(),
                    name.to_string(),
                    TypeExpr::Known(TypeRef::of(cx, ty)),
                    FieldAccess::Positional,
                )
            })
        }
        _ => None,
    }
}

/// True when the selector is the function of a call: a method, not a
/// field of type `context.Context` (which cannot be called).
fn is_called(selector: Node<'_>) -> bool {
    selector.up().is_some_and(|p| {
        p.kind() == "call_expression"
            && p.child_by_field_name("function")
                .is_some_and(|f| f.id() == selector.id())
    })
}

/// How the selector `x.f` uses the field.
fn selector_access(cx: &FileCx<'_>, selector: Node<'_>, decl: Node<'_>) -> FieldAccess {
    let parent = selector.up();
    if let Some(list) = parent.filter(|p| p.kind() == "expression_list") {
        let assignment = list
            .up()
            .filter(|a| a.kind() == "assignment_statement")
            .filter(|a| {
                a.child_by_field_name("left")
                    .is_some_and(|l| l.id() == list.id())
            });
        if let Some(assignment) = assignment {
            return FieldAccess::Write(assignment_deletion(cx, assignment, decl));
        }
    }
    let on_receiver = decl.kind() == "method_declaration"
        && selector.child_by_field_name("operand").is_some_and(|o| {
            o.kind() == "identifier" && Some(text(o, cx.src)) == receiver_name(cx, decl)
        });
    // A goroutine or closure may run after the method returns, when only
    // the struct's context is still live: even calling a method on the
    // field there is keeping it.
    let escape = if crate::go::scope::goroutine_of(selector).is_some() {
        Some(Escape::Goroutine.describe())
    } else if crate::go::syntax::enclosing_function(selector)
        .is_some_and(|f| f.kind() == "func_literal")
    {
        Some(Escape::Closure.describe())
    } else {
        match escaping_use(selector, decl) {
            None => None,
            Some(Escape::Assigned(statement)) if assigns_locals(statement) => None,
            Some(how) => Some(how.describe()),
        }
    };
    let escape = escape.or_else(|| {
        parent
            .filter(|p| p.kind() == "unary_expression")
            .and_then(|p| p.child_by_field_name("operator"))
            .filter(|op| text(*op, cx.src) == "&")
            .map(|_| "its address is taken")
    });
    let own_context = decl
        .child_by_field_name("parameters")
        .and_then(|params| crate::go::scope::parameter_context(cx, params));
    let watched = parent
        .filter(|p| p.kind() == "selector_expression")
        .filter(|p| {
            p.child_by_field_name("field")
                .is_some_and(|f| text(f, cx.src) == "Done")
        })
        .is_some_and(is_called);
    FieldAccess::Read {
        on_receiver,
        escape,
        own_context,
        watched,
        local: local_copy(cx, selector, decl),
    }
}

/// The name and statement lines of `name := x.f`, when the selector is its
/// whole right side and the statement is one of the body's own.
fn local_copy(
    cx: &FileCx<'_>,
    selector: Node<'_>,
    decl: Node<'_>,
) -> Option<(String, Range<usize>)> {
    let list = selector.up().filter(|p| p.kind() == "expression_list")?;
    let statement = list.up().filter(|s| s.kind() == "short_var_declaration")?;
    let right = statement.child_by_field_name("right")?;
    let left = named_children(statement.child_by_field_name("left")?);
    let body = decl.child_by_field_name("body")?;
    let in_body = crate::go::syntax::statements(body)
        .iter()
        .any(|s| s.id() == statement.id());
    match (&left[..], named_children(right).len()) {
        ([name], 1) if right.id() == list.id() && in_body && name.kind() == "identifier" => {
            let lines = crate::go::syntax::statement_deletion(cx.src, statement)?;
            Some((text(*name, cx.src).to_string(), lines))
        }
        _ => None,
    }
}

/// The name of a method declaration's receiver.
fn receiver_name<'s>(cx: &FileCx<'s>, decl: Node<'_>) -> Option<&'s str> {
    let param = named_children(decl.child_by_field_name("receiver")?)
        .into_iter()
        .next()?;
    Some(text(param.child_by_field_name("name")?, cx.src))
}

/// True when an assignment or declaration assigns to local names only
/// (`c := s.ctx`), not to a field or element of another value.
fn assigns_locals(statement: Node<'_>) -> bool {
    match statement.kind() {
        "assignment_statement" | "short_var_declaration" => statement
            .child_by_field_name("left")
            .is_some_and(|l| named_children(l).iter().all(|n| n.kind() == "identifier")),
        _ => true,
    }
}

/// The lines that delete `x.f = v`, or why it cannot go: it assigns
/// other things too, its value may have effects, or removing it would
/// leave a variable unused.
fn assignment_deletion(
    cx: &FileCx<'_>,
    assignment: Node<'_>,
    decl: Node<'_>,
) -> Result<Range<usize>, KeptStore> {
    let side = |f| {
        assignment
            .child_by_field_name(f)
            .map(named_children)
            .unwrap_or_default()
    };
    let (left, right) = (side("left"), side("right"));
    let op = assignment
        .child_by_field_name("operator")
        .map(|o| text(o, cx.src));
    if left.len() != 1 || right.len() != 1 || op != Some("=") {
        return Err(KeptStore::AssignedWithOthers);
    }
    removable_value(cx, right.first().copied(), decl)?;
    crate::go::syntax::statement_deletion(cx.src, assignment).ok_or(KeptStore::AssignmentSharesLine)
}

/// Ok when the value stored in the field can be dropped: no call that may
/// have effects, and no local variable left unused without it.
fn removable_value(
    cx: &FileCx<'_>,
    value: Option<Node<'_>>,
    decl: Node<'_>,
) -> Result<(), KeptStore> {
    let Some(value) = value else {
        return Err(KeptStore::ValueUnreadable);
    };
    if !is_plain(cx, value) {
        return Err(KeptStore::ValueMayDoMore {
            value: text(value, cx.src).to_string(),
        });
    }
    if value.kind() == "identifier" {
        let name = text(value, cx.src);
        if local_used_only_once(cx, decl, name) {
            return Err(KeptStore::LocalLeftUnused {
                name: name.to_string(),
            });
        }
    }
    Ok(())
}

/// True when evaluating the expression has no effect worth keeping: a
/// name, a field, `nil`, `context.Background()`/`TODO()`, or
/// `x.Context()`.
fn is_plain(cx: &FileCx<'_>, value: Node<'_>) -> bool {
    match value.kind() {
        "identifier" | "nil" => true,
        "selector_expression" => value
            .child_by_field_name("operand")
            .is_some_and(|o| is_plain(cx, o)),
        "parenthesized_expression" => named_children(value)
            .first()
            .is_some_and(|v| is_plain(cx, *v)),
        "call_expression" => {
            crate::go::roots::is_root_call(cx, value)
                || matches!(
                    crate::go::syntax::selector_call(value, cx.src),
                    Some((_, "Context")) if crate::go::syntax::call_arguments(value).is_empty()
                )
        }
        _ => false,
    }
}

/// True when `name` is a variable the declaration `decl` declares in its
/// body (not a parameter) and reads only once: the use being removed.
fn local_used_only_once(cx: &FileCx<'_>, decl: Node<'_>, name: &str) -> bool {
    let Some(body) = decl.child_by_field_name("body") else {
        return false;
    };
    let (mut declared, mut reads) = (false, 0);
    crate::go::syntax::for_each_node(body, |n| {
        if n.kind() == "identifier" && text(n, cx.src) == name && !is_literal_key(n) {
            if crate::go::syntax::is_written(n) {
                declared |= n
                    .up()
                    .and_then(|p| {
                        if p.kind() == "expression_list" {
                            p.up()
                        } else {
                            Some(p)
                        }
                    })
                    .is_some_and(|s| {
                        matches!(
                            s.kind(),
                            "short_var_declaration" | "var_spec" | "range_clause"
                        )
                    });
            } else {
                reads += 1;
            }
        }
    });
    declared && reads <= 1
}

/// True when the identifier is the key of a composite literal element
/// (`ctx` in `S{ctx: v}`): a field's name, not a variable.
fn is_literal_key(ident: Node<'_>) -> bool {
    ident
        .up()
        .filter(|p| p.kind() == "literal_element")
        .and_then(|element| {
            let keyed = element.up()?;
            (keyed.kind() == "keyed_element")
                .then_some(keyed.child_by_field_name("key")?.id() == element.id())
        })
        .unwrap_or(false)
}

/// The type of the composite literal whose body is `literal_value`: its
/// written type, or for an elided one (`[]T{{...}}`) the element type of
/// the literal around it.
fn literal_type(cx: &FileCx<'_>, literal_value: Node<'_>) -> TypeExpr {
    let Some(parent) = literal_value.up() else {
        return TypeExpr::Unknown;
    };
    match parent.kind() {
        "composite_literal" => parent
            .child_by_field_name("type")
            .map_or(TypeExpr::Unknown, |t| TypeExpr::Known(TypeRef::of(cx, t))),
        "literal_element" => {
            let outer = parent.up().and_then(|p| match p.kind() {
                "keyed_element" => p
                    .child_by_field_name("value")
                    .filter(|v| v.id() == parent.id())
                    .and_then(|_| p.up()),
                "literal_value" => Some(p),
                _ => None,
            });
            outer.map_or(TypeExpr::Unknown, |o| {
                TypeExpr::Elem(Box::new(literal_type(cx, o)))
            })
        }
        _ => TypeExpr::Unknown,
    }
}

/// The lines holding `node` alone, with what may follow it on its last
/// line: `separator` and a `//` comment. `None` when other code shares
/// them.
fn line_deletion(src: &str, node: Node<'_>, separator: &str) -> Option<Range<usize>> {
    let start = line_start(src, node.start_byte());
    let end = next_line_start(src, node.end_byte());
    let rest = src[node.end_byte()..end].trim();
    let rest = rest.strip_prefix(separator).unwrap_or(rest).trim_start();
    let alone = src[start..node.start_byte()].trim().is_empty()
        && (rest.is_empty() || rest.starts_with("//"));
    alone.then_some(start..end)
}

/// `lines` grown upward over the `//` comment lines just above `node`
/// (its doc comment), which describe what is removed.
fn with_doc_comment(
    src: &str,
    list: Node<'_>,
    node: Node<'_>,
    lines: Range<usize>,
) -> Range<usize> {
    let mut start = lines.start;
    let mut cursor = list.walk();
    let comments: Vec<Node<'_>> = list
        .named_children(&mut cursor)
        .filter(|c| c.kind() == "comment" && c.end_byte() <= node.start_byte())
        .collect();
    for comment in comments.iter().rev() {
        let (from, to) = (line_start(src, comment.start_byte()), comment.end_byte());
        let adjacent = next_line_start(src, to) == start;
        if !adjacent
            || !src[from..comment.start_byte()].trim().is_empty()
            || !text(*comment, src).starts_with("//")
        {
            break;
        }
        start = from;
    }
    start..lines.end
}

/// The bytes that delete one element of a composite literal: its lines
/// when it stands alone on them (with its comma and a trailing comment),
/// else the element with the `, ` that joins it to its neighbour.
fn element_deletion(src: &str, element: Node<'_>) -> Option<Range<usize>> {
    if let Some(lines) = line_deletion(src, element, ",") {
        return Some(lines);
    }
    let next = element.next_named_sibling();
    let prev = element.prev_named_sibling();
    let between = |a: usize, b: usize| {
        let gap = src[a..b].trim();
        (gap.is_empty() || gap == ",") && !src[a..b].contains('\n')
    };
    match (prev, next) {
        (_, Some(n)) if n.kind() != "comment" && between(element.end_byte(), n.start_byte()) => {
            Some(element.start_byte()..n.start_byte())
        }
        (Some(p), None) if p.kind() != "comment" && between(p.end_byte(), element.start_byte()) => {
            let end = if src[element.end_byte()..].trim_start().starts_with(',') {
                element.end_byte() + src[element.end_byte()..].find(',').map_or(0, |i| i + 1)
            } else {
                element.end_byte()
            };
            Some(p.end_byte()..end)
        }
        (None, None) => Some(element.byte_range()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::go::file_cx::testing::with_file;
    use crate::go::syntax::for_each_node;

    /// The text of `src` once each field use of `ctx` that can be deleted
    /// is, with the accesses found.
    fn delete_uses(src: &str) -> (String, Vec<String>) {
        with_file("a.go", src, "example.com/a", None, |cx| {
            let mut found = Vec::new();
            for decl in named_children(cx.root) {
                for_each_node(decl, |n| {
                    if let Some(u) = field_use(cx, n, decl, &|name| name == "ctx" || name == "S") {
                        found.push(u);
                    }
                });
            }
            let mut edits = Vec::new();
            let mut kinds = Vec::new();
            for (_, _, _, access) in found {
                match access {
                    FieldAccess::Key(Ok(r)) | FieldAccess::Write(Ok(r)) => {
                        kinds.push("deleted".to_string());
                        edits.push(crate::go::edit::Edit::delete(r));
                    }
                    FieldAccess::Key(Err(why)) | FieldAccess::Write(Err(why)) => {
                        kinds.push(why.to_string())
                    }
                    FieldAccess::Positional => kinds.push("positional".into()),
                    FieldAccess::Read {
                        escape,
                        own_context,
                        on_receiver,
                        ..
                    } => kinds.push(format!(
                        "read receiver={on_receiver} escape={escape:?} own={own_context:?}"
                    )),
                }
            }
            let edits: Vec<&crate::go::edit::Edit> = edits.iter().collect();
            (crate::go::edit::apply_edits(src, &edits), kinds)
        })
    }

    #[test]
    fn literal_elements_go_with_their_line_or_their_comma() {
        let src = "package a\n\nfunc f(ctx context.Context) {\n\t_ = &S{\n\t\ta:   1,\n\t\tctx: ctx, // stored\n\t}\n\t_ = S{a: 1, ctx: ctx}\n\t_ = S{ctx: ctx, a: 1}\n\t_ = S{ctx: ctx}\n\t_ = []S{{ctx: ctx}}\n}\n";
        let (text, kinds) = delete_uses(src);
        assert_eq!(
            text,
            "package a\n\nfunc f(ctx context.Context) {\n\t_ = &S{\n\t\ta:   1,\n\t}\n\t_ = S{a: 1}\n\t_ = S{a: 1}\n\t_ = S{}\n\t_ = []S{{}}\n}\n"
        );
        assert_eq!(kinds, vec!["deleted"; 5]);
    }

    #[test]
    fn values_that_may_do_more_or_leave_a_local_unused_stay() {
        let src = "package a\n\nfunc f(p context.Context) {\n\tctx, cancel := context.WithCancel(p)\n\t_ = S{ctx: ctx, stop: cancel}\n\t_ = S{ctx: make(p)}\n\tvar s S\n\ts.ctx = p\n\ts.ctx, s.stop = context.WithCancel(p)\n\t_ = S{p, nil}\n}\n";
        let (text, kinds) = delete_uses(src);
        assert!(
            kinds[0].contains("`ctx` would be declared and not used"),
            "{kinds:?}"
        );
        assert!(kinds[1].contains("may do more"), "{kinds:?}");
        assert_eq!(kinds[2], "deleted", "a parameter may be left unused");
        assert!(kinds[3].contains("together with other values"), "{kinds:?}");
        assert_eq!(kinds[4], "positional");
        assert!(!text.contains("s.ctx = p"));
    }

    #[test]
    fn reads_know_the_receiver_escapes_and_own_context() {
        let src = "package a\n\nimport \"context\"\n\nfunc (s *S) a() { use(s.ctx) }\n\nfunc (s *S) b(ctx context.Context) { use(s.ctx) }\n\nfunc (s *S) c() context.Context { return s.ctx }\n\nfunc (s *S) d() { go use(s.ctx) }\n\nfunc (s *S) e() { defer func() { <-s.ctx.Done() }() }\n\nfunc g(s *S) { c := s.ctx; use(c) }\n";
        let (_, kinds) = delete_uses(src);
        assert_eq!(
            kinds,
            vec![
                "read receiver=true escape=None own=None",
                "read receiver=true escape=None own=Some(\"ctx\")",
                "read receiver=true escape=Some(\"returned\") own=None",
                "read receiver=true escape=Some(\"used by a goroutine\") own=None",
                "read receiver=true escape=Some(\"captured by a closure\") own=None",
                "read receiver=false escape=None own=None",
            ]
        );
    }

    #[test]
    fn context_fields_and_what_stops_their_removal() {
        let src = "package a\n\nimport \"context\"\n\ntype S struct {\n\tname string\n\t// ctx is the server's.\n\t// It is cancelled on Stop.\n\tctx context.Context // stored\n}\n\ntype E struct {\n\tcontext.Context\n}\n\ntype M struct {\n\ta, b context.Context\n}\n\ntype L struct{ ctx context.Context }\n";
        let fields = with_file("a.go", src, "example.com/a", None, |cx| {
            let path: Arc<Path> = Arc::from(Path::new("a.go"));
            let mut out = Vec::new();
            for_each_node(cx.root, |n| {
                if n.kind() == "type_spec" {
                    let name = text(n.child_by_field_name("name").unwrap(), src);
                    out.extend(context_fields(
                        cx,
                        name,
                        n.child_by_field_name("type").unwrap(),
                        &path,
                    ));
                }
            });
            out
        });
        let s = &fields[0];
        let deleted = s
            .deletion
            .clone()
            .map(|r| format!("{}{}", &src[..r.start], &src[r.end..]));
        assert_eq!(
            deleted.unwrap().lines().nth(6),
            Some("}"),
            "the field goes with its doc comment and trailing comment"
        );
        // E embeds the context: a custom context, no stored one.
        assert!(fields.iter().all(|f| f.owner != "E"));
        assert_eq!(fields.len(), 4, "S's ctx, a and b of M, and L's ctx");
        assert_eq!(fields[1].deletion, Err(KeptField::SeveralContexts));
        assert_eq!(fields[3].deletion, Err(KeptField::SharesLine));
        assert!(KeptField::SeveralContexts
            .to_string()
            .contains("more than one"));
    }
}
