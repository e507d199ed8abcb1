//! Parsing Go with tree-sitter, and small helpers over its syntax nodes that
//! every rule needs.

use std::cell::RefCell;
use std::sync::atomic::{AtomicUsize, Ordering};
use tree_sitter::{Node, Parser, Tree};

/// Parses done by this process, for `--stats`: proof that a run parses
/// each file once.
static PARSES: AtomicUsize = AtomicUsize::new(0);

/// How many times this process has parsed Go source.
pub fn parse_count() -> usize {
    PARSES.load(Ordering::Relaxed)
}

thread_local! {
    static PARSER: RefCell<Parser> = RefCell::new({
        let mut parser = Parser::new();
        parser
            .set_language(&language())
            .expect("tree-sitter-go matches the tree-sitter version");
        parser
    });
}

/// The tree-sitter Go language.
pub fn language() -> tree_sitter::Language {
    tree_sitter_go::LANGUAGE.into()
}

/// Parses Go source text. Each thread keeps one parser.
pub fn parse(text: &str) -> Tree {
    PARSES.fetch_add(1, Ordering::Relaxed);
    PARSER.with(|p| {
        p.borrow_mut()
            .parse(text, None)
            .expect("parsing without a timeout or cancellation flag always returns a tree")
    })
}

/// The first ERROR or MISSING node of the tree, if any.
pub fn first_error(tree: &Tree) -> Option<Node<'_>> {
    let root = tree.root_node();
    if !root.has_error() {
        return None;
    }
    let mut cursor = root.walk();
    loop {
        let node = cursor.node();
        if node.is_error() || node.is_missing() {
            return Some(node);
        }
        if node.has_error() && cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return None;
            }
        }
    }
}

/// The source text of a node.
pub fn text<'a>(node: Node<'_>, src: &'a str) -> &'a str {
    &src[node.byte_range()]
}

/// The named children of a node, comments excluded.
pub fn named_children<'t>(node: Node<'t>) -> Vec<Node<'t>> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor)
        .filter(|c| c.kind() != "comment")
        .collect()
}

/// The statements of a `block`, `communication_case` or similar node: the
/// children of its `statement_list`, comments excluded.
pub fn statements(node: Node<'_>) -> Vec<Node<'_>> {
    let mut cursor = node.walk();
    let list = node
        .named_children(&mut cursor)
        .find(|c| c.kind() == "statement_list");
    list.map(named_children).unwrap_or_default()
}

/// Walks up from `node` to the nearest ancestor of one of `kinds`.
pub fn ancestor<'t>(node: Node<'t>, kinds: &[&str]) -> Option<Node<'t>> {
    let mut cur = node.parent();
    while let Some(n) = cur {
        if kinds.contains(&n.kind()) {
            return Some(n);
        }
        cur = n.parent();
    }
    None
}

/// Node kinds that start a new function body.
pub const FUNCTION_KINDS: &[&str] = &["function_declaration", "method_declaration", "func_literal"];

/// The innermost function (declaration, method or literal) containing `node`.
pub fn enclosing_function(node: Node<'_>) -> Option<Node<'_>> {
    ancestor(node, FUNCTION_KINDS)
}

/// The outermost function declaration or method containing `node`.
pub fn enclosing_declaration(node: Node<'_>) -> Option<Node<'_>> {
    ancestor(node, &["function_declaration", "method_declaration"])
}

/// If `call` is `pkg.Name(...)`, returns `(pkg, Name)` as written.
pub fn selector_call<'a>(call: Node<'_>, src: &'a str) -> Option<(&'a str, &'a str)> {
    if call.kind() != "call_expression" {
        return None;
    }
    let function = call.child_by_field_name("function")?;
    if function.kind() != "selector_expression" {
        return None;
    }
    let operand = function.child_by_field_name("operand")?;
    let field = function.child_by_field_name("field")?;
    Some((text(operand, src), text(field, src)))
}

/// The argument expressions of a call, comments excluded.
pub fn call_arguments(call: Node<'_>) -> Vec<Node<'_>> {
    call.child_by_field_name("arguments")
        .map(named_children)
        .unwrap_or_default()
}

/// The whitespace that starts the line containing byte `offset`.
pub fn line_indent(src: &str, offset: usize) -> &str {
    let start = src[..offset].rfind('\n').map_or(0, |i| i + 1);
    let rest = &src[start..];
    let len = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    &rest[..len]
}

/// Byte offset of the start of the line containing `offset`.
pub fn line_start(src: &str, offset: usize) -> usize {
    src[..offset].rfind('\n').map_or(0, |i| i + 1)
}

/// Byte offset just past the newline ending the line containing `offset`
/// (or the end of the text).
pub fn next_line_start(src: &str, offset: usize) -> usize {
    src[offset..]
        .find('\n')
        .map_or(src.len(), |i| offset + i + 1)
}

/// Calls `visit` for every node under `root` in document order.
pub fn for_each_node<'t>(root: Node<'t>, mut visit: impl FnMut(Node<'t>)) {
    let mut cursor = root.walk();
    loop {
        visit(cursor.node());
        if cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return;
            }
        }
    }
}

/// True when an identifier named `name` appears anywhere under `root`
/// (as a value, type or package reference).
pub fn mentions_identifier(root: Node<'_>, src: &str, name: &str) -> bool {
    let mut found = false;
    for_each_node(root, |n| {
        if !found
            && matches!(
                n.kind(),
                "identifier" | "package_identifier" | "type_identifier"
            )
            && text(n, src) == name
        {
            found = true;
        }
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_first_error_line() {
        let src = "package a\n\nfunc f() {\n\tx := \n}\n";
        let tree = parse(src);
        let err = first_error(&tree).expect("has an error");
        assert!(err.start_position().row >= 3);
        assert!(first_error(&parse("package a\n")).is_none());
    }

    #[test]
    fn indentation_and_lines() {
        let src = "a\n\t\tb := 1\nc";
        assert_eq!(line_indent(src, 6), "\t\t");
        assert_eq!(line_start(src, 6), 2);
        assert_eq!(next_line_start(src, 6), 11);
        assert_eq!(next_line_start(src, 12), src.len());
    }
}
