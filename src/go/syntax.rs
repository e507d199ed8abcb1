//! Parsing Go with tree-sitter, and small helpers over its syntax nodes that
//! every rule needs.

use crate::go::parents::Up;
use std::cell::RefCell;
use std::collections::HashSet;
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

/// True when `name` starts with one of `words` (in any case) as a whole
/// word of a camel-case name: `RegisterHandler` and `onClose` for
/// `register` and `on`, not `Online`.
pub fn starts_with_word(name: &str, words: &[&str]) -> bool {
    words.iter().any(|word| {
        name.len() >= word.len()
            && name.is_char_boundary(word.len())
            && name[..word.len()].eq_ignore_ascii_case(word)
            && name[word.len()..]
                .chars()
                .next()
                .is_none_or(char::is_uppercase)
    })
}

/// True when a Go identifier is exported: it starts with an upper-case
/// letter.
pub fn is_exported(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
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

/// Parses only the `ranges` of Go source text: the nodes in them are
/// those of the whole file's tree, at the same positions. `None` when the
/// ranges are not sorted and apart.
pub fn parse_ranges(text: &str, ranges: &[tree_sitter::Range]) -> Option<Tree> {
    PARSER.with(|p| {
        let mut parser = p.borrow_mut();
        parser.set_included_ranges(ranges).ok()?;
        PARSES.fetch_add(1, Ordering::Relaxed);
        let tree = parser.parse(text, None);
        parser
            .set_included_ranges(&[])
            .expect("no range is always a valid set");
        tree
    })
}

/// How deep a file's syntax tree may nest before the file is skipped
/// ([`first_error`]): about 300 nested blocks, far beyond any real code,
/// and shallow enough that every walk stays fast and within its stack.
pub const MAX_NESTING: u32 = 1000;

/// The first ERROR or MISSING node of the tree, if any; else the first
/// node nested deeper than [`MAX_NESTING`], or the first parameter that
/// Go's parser rejects though tree-sitter's accepts it
/// (`first_go_rejection`). [`error_message`] says which.
pub fn first_error(tree: &Tree) -> Option<Node<'_>> {
    let root = tree.root_node();
    if !root.has_error() {
        return first_go_rejection(root);
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

/// What [`first_error`] found, for a message naming the file and line.
pub fn error_message(node: Node<'_>) -> String {
    if node.is_error() || node.is_missing() {
        "syntax error".to_string()
    } else if node.kind().ends_with("parameter_declaration") {
        "syntax error: Go allows no mix of named and unnamed parameters, and `...` only last"
            .to_string()
    } else {
        format!("nested more than {MAX_NESTING} syntax levels deep")
    }
}

/// The first node nested deeper than [`MAX_NESTING`], else the first
/// parameter declaration Go's parser rejects where tree-sitter accepts it:
/// in a list that names a parameter, an unnamed one, unless it is a bare
/// type name before a named one (`(int, err error)` names `int` too), and
/// a `...` parameter that is not the last. Walked with a cursor, so no
/// depth of nesting can overflow the stack.
fn first_go_rejection(root: Node<'_>) -> Option<Node<'_>> {
    let mut cursor = root.walk();
    // Counted here: the cursor's own `depth()` climbs its whole stack.
    let mut depth = 0;
    loop {
        let node = cursor.node();
        if depth > MAX_NESTING {
            return Some(node);
        }
        if node.kind() == "parameter_list" {
            if let Some(bad) = rejected_in_list(node) {
                return Some(bad);
            }
        }
        if cursor.goto_first_child() {
            depth += 1;
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return None;
            }
            depth -= 1;
        }
    }
}

/// The first parameter of one `parameter_list` Go rejects, if any.
fn rejected_in_list(list: Node<'_>) -> Option<Node<'_>> {
    let params: Vec<Node<'_>> = named_children(list)
        .into_iter()
        .filter(|p| p.kind() != "comment")
        .collect();
    let last_named = params
        .iter()
        .rposition(|p| p.child_by_field_name("name").is_some());
    for (i, p) in params.iter().enumerate() {
        if p.kind() == "variadic_parameter_declaration" && i + 1 != params.len() {
            return Some(*p);
        }
        let Some(last_named) = last_named else {
            continue;
        };
        let groups_as_name = i < last_named
            && p.child_by_field_name("type")
                .is_some_and(|t| t.kind() == "type_identifier");
        if p.child_by_field_name("name").is_none() && !groups_as_name {
            return Some(*p);
        }
    }
    None
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

/// The specs of a `type`, `const` or `var` declaration: its named
/// children, with those of a parenthesized `var ( ... )` list in its place.
pub fn specs(decl: Node<'_>) -> Vec<Node<'_>> {
    named_children_through(decl, "var_spec_list")
}

/// The named children of `node` (comments excluded), with those of a
/// child of kind `list` in its place.
pub fn named_children_through<'t>(node: Node<'t>, list: &str) -> Vec<Node<'t>> {
    named_children(node)
        .into_iter()
        .flat_map(|c| match c.kind() {
            kind if kind == list => named_children(c),
            _ => vec![c],
        })
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

/// The separator to put after a new first item of a parenthesised list
/// (`(` at `open`): `", "` when the list has items on the same line, `","`
/// when they start on the next line (gofmt leaves no space before a line
/// break), nothing for an empty list.
pub fn first_item_separator(src: &str, open: usize, list_is_empty: bool) -> &'static str {
    if list_is_empty {
        ""
    } else if src[open + 1..]
        .trim_start_matches([' ', '\t'])
        .starts_with('\n')
    {
        ","
    } else {
        ", "
    }
}

/// The ancestors of `node` in the tree whose root is `root`, nearest
/// first, found in one descent from the root: tree-sitter's
/// [`Node::parent`] descends from the root at each call, so climbing with
/// it costs the depth squared.
/// A `node` of another tree is climbed the slow way.
pub fn ancestors<'t>(root: Node<'t>, node: Node<'t>) -> Vec<Node<'t>> {
    let mut path = Vec::new();
    let mut cur = root;
    while cur.id() != node.id() {
        path.push(cur);
        match cur.child_with_descendant(node) {
            Some(next) => cur = next,
            None => return std::iter::successors(node.up(), |n| n.up()).collect(),
        }
    }
    path.reverse();
    path
}

/// [`enclosing_declaration`] of a node of the tree whose root is `root`,
/// found one step down from the root.
pub fn declaration_around<'t>(root: Node<'t>, node: Node<'t>) -> Option<Node<'t>> {
    match root.child_with_descendant(node) {
        Some(d) if d.id() == node.id() => None,
        Some(d) => matches!(d.kind(), "function_declaration" | "method_declaration").then_some(d),
        None => enclosing_declaration(node),
    }
}

/// Walks up from `node` to the nearest ancestor of one of `kinds`.
pub fn ancestor<'t>(node: Node<'t>, kinds: &[&str]) -> Option<Node<'t>> {
    let mut cur = node.up();
    while let Some(n) = cur {
        if kinds.contains(&n.kind()) {
            return Some(n);
        }
        cur = n.up();
    }
    None
}

/// Go's keywords, which no name may be.
pub const GO_KEYWORDS: &[&str] = &[
    "break",
    "case",
    "chan",
    "const",
    "continue",
    "default",
    "defer",
    "else",
    "fallthrough",
    "for",
    "func",
    "go",
    "goto",
    "if",
    "import",
    "interface",
    "map",
    "package",
    "range",
    "return",
    "select",
    "struct",
    "switch",
    "type",
    "var",
];

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

/// Like [`for_each_node`], but visits only the nodes whose bytes hold one
/// of `offsets` (sorted): the paths from `root` down to some places of
/// interest, skipping every subtree without one.
pub fn for_each_node_around<'t>(
    root: Node<'t>,
    offsets: &[usize],
    mut visit: impl FnMut(Node<'t>),
) {
    let start = offsets.partition_point(|&o| o < root.start_byte());
    let end = offsets.partition_point(|&o| o < root.end_byte());
    if start < end {
        visit_around(root, &offsets[start..end], &mut visit);
    }
}

/// Visits `node`, which holds every one of `offsets`, then the children
/// that hold some, each found directly by its byte.
fn visit_around<'t>(node: Node<'t>, offsets: &[usize], visit: &mut impl FnMut(Node<'t>)) {
    visit(node);
    let mut rest = offsets;
    while let Some(&first) = rest.first() {
        let Some(child) = node.first_child_for_byte(first) else {
            return;
        };
        // The child ends after `first`; offsets in the gap before it
        // belong to no child.
        let start = rest.partition_point(|&o| o < child.start_byte());
        let end = rest.partition_point(|&o| o < child.end_byte());
        if start < end {
            visit_around(child, &rest[start..end], visit);
        }
        rest = &rest[end..];
    }
}

/// True for a byte that can be part of a Go identifier: an ASCII letter,
/// digit or `_`, or any byte of a non-ASCII character (Go code has other
/// characters only in strings and comments).
pub fn is_identifier_byte(b: u8) -> bool {
    IDENTIFIER_BYTES[usize::from(b)]
}

/// [`is_identifier_byte`] of every byte: a lookup, where the lexers spend
/// most of their time.
static IDENTIFIER_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = byte.is_ascii_alphanumeric() || byte == b'_' || byte >= 0x80;
        b += 1;
    }
    table
};

/// The byte offsets where one of `names` appears in `text` as a whole
/// identifier (`New` in `x.New(`, not in `NewServer` or `Renew`), sorted.
pub fn word_offsets(text: &str, names: &HashSet<String>) -> Vec<usize> {
    if names.is_empty() {
        return Vec::new();
    }
    identifiers(text)
        .filter(|(_, word)| names.contains(*word))
        .map(|(at, _)| at)
        .collect()
}

/// The offsets, within `range` of `text`, where one of `words` appears as
/// a whole identifier, sorted: for [`for_each_node_around`] to visit only
/// the nodes around them.
pub fn word_offsets_of(text: &str, range: std::ops::Range<usize>, words: &[&str]) -> Vec<usize> {
    let start = range.start;
    identifiers(&text[range])
        .filter(|(_, word)| words.contains(word))
        .map(|(at, _)| start + at)
        .collect()
}

/// Every maximal run of identifier bytes ([`is_identifier_byte`]) in
/// `text` that does not start with a digit, with its offset: the
/// identifiers, wherever they are (comments and strings included).
pub fn identifiers(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        loop {
            while i < bytes.len() && !is_identifier_byte(bytes[i]) {
                i += 1;
            }
            if i == bytes.len() {
                return None;
            }
            let start = i;
            while i < bytes.len() && is_identifier_byte(bytes[i]) {
                i += 1;
            }
            // A run starts and ends on character boundaries: the bytes
            // around it are ASCII.
            if !bytes[start].is_ascii_digit() {
                return Some((start, &text[start..i]));
            }
        }
    })
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

/// True when a comment's text (with its `//`) is a directive for a tool
/// rather than prose for a reader: `//go:build`, `//nolint:errcheck`,
/// `//ctxmod:ignore ...`, `//line`, `//export`, `//extern`. The test is
/// Go's own (`go/ast`'s `isDirective`).
pub fn is_directive_comment(comment: &str) -> bool {
    let Some(body) = comment.strip_prefix("//") else {
        return false;
    };
    if ["line ", "extern ", "export "]
        .iter()
        .any(|p| body.starts_with(p))
    {
        return true;
    }
    let word = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    match body.find(':') {
        Some(colon) if colon > 0 && colon + 1 < body.len() => {
            body.as_bytes()[..colon].iter().all(|&b| word(b)) && word(body.as_bytes()[colon + 1])
        }
        _ => false,
    }
}

/// True when a comment a reader would take as explaining `node` sits next
/// to it: on its first or last line, or alone on the line just above it.
/// Directives (see [`is_directive_comment`]) explain nothing. Only
/// comments under `scope` are looked at.
pub fn has_explaining_comment(scope: Node<'_>, src: &str, node: Node<'_>) -> bool {
    let first = node.start_position().row;
    let last = node.end_position().row;
    let mut found = false;
    for_each_node(scope, |c| {
        if found || c.kind() != "comment" || is_directive_comment(text(c, src)) {
            return;
        }
        let on_same_line = (c.start_byte() >= node.end_byte() && c.start_position().row == last)
            || (c.end_byte() <= node.start_byte() && c.end_position().row == first);
        let alone_just_above = c.end_position().row + 1 == first
            && src[line_start(src, c.start_byte())..c.start_byte()]
                .trim()
                .is_empty();
        found = on_same_line || alone_just_above;
    });
    found
}

/// The bytes to delete to remove `node`, a statement, with its lines:
/// from the start of its first line to past the newline of its last.
/// `None` when other code shares those lines. A blank line next to it goes
/// too when it would otherwise end up beside another blank line, after an
/// opening `{` or `case ...:`, or before a closing `}`, so the result reads as if the
/// statement had never been written.
pub fn statement_deletion(src: &str, node: Node<'_>) -> Option<std::ops::Range<usize>> {
    lines_deletion(src, node.start_byte()..node.end_byte())
}

/// Like [`statement_deletion`], but a `//` comment after the statement on
/// its last line goes with it: it speaks of the statement.
pub fn statement_deletion_with_comment(
    src: &str,
    node: Node<'_>,
) -> Option<std::ops::Range<usize>> {
    let line_end = next_line_start(src, node.end_byte());
    let rest = &src[node.end_byte()..line_end];
    let end = if rest.trim_start().starts_with("//") {
        node.end_byte() + rest.trim_end().len()
    } else {
        node.end_byte()
    };
    lines_deletion(src, node.start_byte()..end)
}

/// The bytes to delete to remove the lines holding `code`, for
/// [`statement_deletion`].
fn lines_deletion(src: &str, code: std::ops::Range<usize>) -> Option<std::ops::Range<usize>> {
    let start = line_start(src, code.start);
    let end = next_line_start(src, code.end);
    let alone = src[start..code.start].trim().is_empty() && src[code.end..end].trim().is_empty();
    if !alone {
        return None;
    }
    let before = (start > 0).then(|| line_start(src, start - 1));
    let before_text = before.map_or("", |b| src[b..start].trim());
    let after = &src[end..next_line_start(src, end)];
    match before {
        Some(b)
            if before_text.is_empty()
                && (after.trim().is_empty() || after.trim_start().starts_with('}')) =>
        {
            Some(b..end)
        }
        _ if after.trim().is_empty() && !after.is_empty() && before_text.ends_with(['{', ':']) => {
            Some(start..end + after.len())
        }
        _ => Some(start..end),
    }
}

/// Where control goes when a statement completes without jumping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Successor<'t> {
    /// This statement runs next.
    Statement(Node<'t>),
    /// The enclosing function (declaration, method or literal) returns.
    FunctionEnd,
    /// Somewhere not followed: a loop's next iteration, or a statement that
    /// is not part of a statement list.
    Unknown,
}

/// What runs after `stmt` completes normally: the next statement of its
/// list, else what follows the block, `if`, `switch` or `select` it ends,
/// up to the end of the function. Loops are not followed.
pub fn successor(stmt: Node<'_>) -> Successor<'_> {
    let mut done = stmt;
    loop {
        let Some(parent) = done.up() else {
            return Successor::Unknown;
        };
        done = match parent.kind() {
            "statement_list" => {
                let mut next = done.next_named_sibling();
                while let Some(n) = next.filter(|n| n.kind() == "comment") {
                    next = n.next_named_sibling();
                }
                if let Some(next) = next {
                    return Successor::Statement(next);
                }
                parent
            }
            "block" | "if_statement" | "labeled_statement" => parent,
            // Go cases do not fall through unless they say so, and a
            // `fallthrough` jumps: the end of a case ends the statement.
            "expression_case" | "default_case" | "type_case" | "communication_case" => {
                match parent.up() {
                    Some(switch) => switch,
                    None => return Successor::Unknown,
                }
            }
            kind if FUNCTION_KINDS.contains(&kind) => return Successor::FunctionEnd,
            _ => return Successor::Unknown,
        };
    }
}

/// True when the identifier `ident` is declared or assigned where it
/// stands (`x :=`, `x =`, `x +=`, `var x`, `for x := range`, `case x :=
/// <-ch`, `switch x := v.(type)`, a parameter), or has its address taken
/// (`&x`), so it may hold another value from here on.
pub fn is_written(ident: Node<'_>) -> bool {
    let Some(parent) = ident.up() else {
        return false;
    };
    let is_field = |node: Node<'_>, field: &str, child: Node<'_>| {
        let mut cursor = node.walk();
        let found = node
            .children_by_field_name(field, &mut cursor)
            .any(|c| c.id() == child.id());
        found
    };
    match parent.kind() {
        "expression_list" => parent.up().is_some_and(|holder| match holder.kind() {
            "assignment_statement"
            | "short_var_declaration"
            | "range_clause"
            | "receive_statement" => is_field(holder, "left", parent),
            "type_switch_statement" => is_field(holder, "alias", parent),
            _ => false,
        }),
        "var_spec" | "const_spec" | "parameter_declaration" | "variadic_parameter_declaration" => {
            is_field(parent, "name", ident)
        }
        "inc_statement" | "dec_statement" => true,
        "unary_expression" => parent
            .child_by_field_name("operator")
            .is_some_and(|op| op.kind() == "&"),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_the_parameter_lists_go_rejects() {
        let line_of = |decl: &str| {
            let src = format!("package p\n\n{decl}\n");
            first_error(&parse(&src)).map(|n| n.start_position().row + 1)
        };
        for accepted in [
            "func f(int, string) {}",
            "func f(a, b int, c string) {}",
            "func f(int, ctx context.Context) {}",
            "func f() (int, err error) { return 0, nil }",
            "func f(_ int, xs ...int) {}",
            "func f(...int) {}",
            "type I interface{ M(context.Context, int64) }",
        ] {
            assert_eq!(line_of(accepted), None, "{accepted}");
        }
        for rejected in [
            "func f(ctx context.Context, int) {}",
            "type I interface{ M(ctx context.Context, int64) }",
            "var f func(ctx context.Context, int)",
            "func f(a.B, c int) {}",
            "func f(x int, y) {}",
            "func f(a ...int, b int) {}",
        ] {
            assert_eq!(line_of(rejected), Some(3), "{rejected}");
        }
    }

    #[test]
    fn visits_only_around_the_offsets_and_finds_whole_words() {
        let src = "package a\n\nfunc f() {\n\tg(1)\n\th(Load(2))\n\tLoader(3)\n}\n";
        let names: HashSet<String> = ["Load".to_string(), "g".to_string()].into();
        let offsets = word_offsets(src, &names);
        assert_eq!(
            offsets,
            [src.find("g(").unwrap(), src.find("Load(").unwrap()]
        );
        let tree = parse(src);
        let mut all = Vec::new();
        for_each_node(tree.root_node(), |n| {
            if offsets
                .iter()
                .any(|&o| n.start_byte() <= o && o < n.end_byte())
            {
                all.push(n.id());
            }
        });
        let mut around = Vec::new();
        for_each_node_around(tree.root_node(), &offsets, |n| around.push(n.id()));
        assert_eq!(around, all, "exactly the nodes holding an offset, in order");
        assert!(!around.is_empty());
        let mut none = 0;
        for_each_node_around(tree.root_node(), &[], |_| none += 1);
        assert_eq!(none, 0);
        let names: HashSet<String> = ["New".to_string(), "café".to_string()].into();
        let text = "x.New(); NewServer(); Renew(); café; cafés";
        assert_eq!(
            word_offsets(text, &names),
            [2, 31],
            "whole identifiers only"
        );
        let within = text.find("Renew").unwrap()..text.len();
        assert_eq!(
            word_offsets_of(text, within, &["New", "café", "x"]),
            [31],
            "only inside the range, as offsets of the whole text"
        );
    }

    #[test]
    fn finds_first_error_line() {
        let src = "package a\n\nfunc f() {\n\tx := \n}\n";
        let tree = parse(src);
        let err = first_error(&tree).expect("has an error");
        assert!(err.start_position().row >= 3);
        assert!(first_error(&parse("package a\n")).is_none());
    }

    #[test]
    fn separators_after_a_new_first_item() {
        assert_eq!(first_item_separator("f(a)", 1, false), ", ");
        assert_eq!(first_item_separator("f(\n\ta,\n)", 1, false), ",");
        assert_eq!(first_item_separator("f()", 1, true), "");
    }

    #[test]
    fn indentation_and_lines() {
        let src = "a\n\t\tb := 1\nc";
        assert_eq!(line_indent(src, 6), "\t\t");
        assert_eq!(line_start(src, 6), 2);
        assert_eq!(next_line_start(src, 6), 11);
        assert_eq!(next_line_start(src, 12), src.len());
    }
    /// The first node of `kind` whose text is `wanted`.
    fn find<'t>(root: Node<'t>, src: &str, kind: &str, wanted: &str) -> Node<'t> {
        let mut found = None;
        for_each_node(root, |n| {
            if found.is_none() && n.kind() == kind && text(n, src) == wanted {
                found = Some(n);
            }
        });
        found.unwrap_or_else(|| panic!("no {kind} `{wanted}`"))
    }

    #[test]
    fn directives_are_not_prose() {
        assert!(is_directive_comment("//go:build linux"));
        assert!(is_directive_comment("//nolint:errcheck"));
        assert!(is_directive_comment("//ctxmod:ignore CTX008 -- why"));
        assert!(is_directive_comment("//line a.go:3"));
        assert!(!is_directive_comment("// note: the parent slot"));
        assert!(!is_directive_comment("//TODO: later"));
        assert!(!is_directive_comment("/* go:build */"));
        assert!(!is_directive_comment("//x:"));
    }

    #[test]
    fn explaining_comments_are_adjacent_prose() {
        let src = "package a\n\nfunc f() {\n\t// why\n\ta()\n\tb() // why\n\tx() // about x\n\tc()\n\t//nolint:all\n\td()\n\n\t// far\n\n\te()\n}\n";
        let tree = parse(src);
        let root = tree.root_node();
        let explained = |call: &str| {
            let stmt = find(root, src, "expression_statement", call);
            has_explaining_comment(root, src, stmt)
        };
        assert!(explained("a()"));
        assert!(explained("b()"));
        assert!(
            !explained("c()"),
            "a trailing comment of the line above is about that line"
        );
        assert!(!explained("d()"), "a directive explains nothing");
        assert!(
            !explained("e()"),
            "a comment a blank line away stands alone"
        );
    }

    #[test]
    fn deleting_a_statement_takes_its_line_and_a_stray_blank() {
        let delete = |src: &str, stmt: &str| {
            let tree = parse(src);
            let node = find(tree.root_node(), src, "expression_statement", stmt);
            statement_deletion(src, node).map(|r| format!("{}{}", &src[..r.start], &src[r.end..]))
        };
        let src = "package a\n\nfunc f() {\n\ta()\n\tc()\n\tb()\n}\n";
        assert_eq!(
            delete(src, "c()").unwrap(),
            "package a\n\nfunc f() {\n\ta()\n\tb()\n}\n"
        );
        let src = "package a\n\nfunc f() {\n\ta()\n\n\tc()\n\n\tb()\n}\n";
        assert_eq!(
            delete(src, "c()").unwrap(),
            "package a\n\nfunc f() {\n\ta()\n\n\tb()\n}\n"
        );
        let src = "package a\n\nfunc f() {\n\ta()\n\n\tc()\n}\n";
        assert_eq!(
            delete(src, "c()").unwrap(),
            "package a\n\nfunc f() {\n\ta()\n}\n"
        );
        let src = "package a\n\nfunc f() {\n\tc()\n\n\tb()\n}\n";
        assert_eq!(
            delete(src, "c()").unwrap(),
            "package a\n\nfunc f() {\n\tb()\n}\n"
        );
        let src = "package a\n\nfunc f() {\n\ta(); c()\n}\n";
        assert_eq!(delete(src, "c()"), None);
    }

    #[test]
    fn a_trailing_comment_can_go_with_its_statement() {
        let src = "package a\n\nfunc f() {\n\ta()\n\tc() // why\n\tb()\n}\n";
        let tree = parse(src);
        let node = find(tree.root_node(), src, "expression_statement", "c()");
        assert_eq!(statement_deletion(src, node), None);
        let range = statement_deletion_with_comment(src, node).unwrap();
        assert_eq!(
            format!("{}{}", &src[..range.start], &src[range.end..]),
            "package a\n\nfunc f() {\n\ta()\n\tb()\n}\n"
        );
    }

    #[test]
    fn successors_follow_blocks_and_cases_not_loops() {
        let src = "package a\n\nfunc f(x int) int {\n\tif x > 0 {\n\t\ta()\n\t} else if x < 0 {\n\t\tb()\n\t}\n\tswitch x {\n\tcase 1:\n\t\tc()\n\t}\n\tfor {\n\t\td()\n\t}\n\treturn x\n}\n\nvar g = func() {\n\te()\n}\n";
        let tree = parse(src);
        let root = tree.root_node();
        let after = |call: &str| successor(find(root, src, "expression_statement", call));
        let switch = find(
            root,
            src,
            "expression_switch_statement",
            "switch x {\n\tcase 1:\n\t\tc()\n\t}",
        );
        assert_eq!(after("a()"), Successor::Statement(switch));
        assert_eq!(after("b()"), Successor::Statement(switch));
        match after("c()") {
            Successor::Statement(s) => assert_eq!(s.kind(), "for_statement"),
            other => panic!("{other:?}"),
        }
        assert_eq!(after("d()"), Successor::Unknown);
        assert_eq!(after("e()"), Successor::FunctionEnd);
    }

    #[test]
    fn writes_are_declarations_assignments_and_addresses() {
        let src = "package a\n\nfunc f(p func()) {\n\tq := p\n\tq = p\n\tvar r = q\n\tfor s := range 3 {\n\t\t_ = s\n\t}\n\tt := &r\n\tq()\n\t_, _ = t, r\n}\n";
        let tree = parse(src);
        let mut written = Vec::new();
        for_each_node(tree.root_node(), |n| {
            if n.kind() == "identifier" && is_written(n) {
                written.push(format!("{}@{}", text(n, src), n.start_position().row));
            }
        });
        assert_eq!(
            written,
            ["p@2", "q@3", "q@4", "r@5", "s@6", "_@7", "t@9", "r@9", "_@11", "_@11"]
        );
    }
}
