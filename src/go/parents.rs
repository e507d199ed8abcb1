//! Parent links of the tree being analysed, in constant time.
//!
//! tree-sitter's [`Node::parent`] descends from the root at each call, so a
//! rule that climbs from a node to its function pays the depth squared,
//! and one climb per call makes a long `else if` chain cost its length
//! cubed. While [`indexed`] runs, [`Up::up`] answers from a table of every
//! node's parent, built on the first climb (files that never climb pay
//! nothing); a node of another tree climbs the slow way.

use std::cell::RefCell;
use std::collections::HashMap;
use tree_sitter::ffi::{TSNode, TSTree};
use tree_sitter::{Node, Tree};

/// The parents of one tree's nodes, by node id.
struct ParentIndex {
    /// The tree, as tree-sitter's nodes name it.
    tree: *const TSTree,
    /// Its root, to build the table from.
    root: TSNode,
    /// Every node's parent, built on first use.
    parents: Option<HashMap<usize, TSNode>>,
}

thread_local! {
    static INDEX: RefCell<Option<ParentIndex>> = const { RefCell::new(None) };
}

/// Runs `f` with [`Up::up`] answering for the nodes of `tree` from a
/// table; the table is dropped when `f` returns (or unwinds).
pub fn indexed<R>(tree: &Tree, f: impl FnOnce() -> R) -> R {
    struct Reset(Option<ParentIndex>);
    impl Drop for Reset {
        fn drop(&mut self) {
            INDEX.with(|i| *i.borrow_mut() = self.0.take());
        }
    }
    let root = tree.root_node().into_raw();
    let previous = INDEX.with(|i| {
        i.borrow_mut().replace(ParentIndex {
            tree: root.tree,
            root,
            parents: None,
        })
    });
    let _reset = Reset(previous);
    f()
}

/// Every node's parent, walked once with a cursor.
fn parent_table(root: Node<'_>) -> HashMap<usize, TSNode> {
    let mut parents = HashMap::new();
    let mut cursor = root.walk();
    let mut stack: Vec<Node<'_>> = Vec::new();
    loop {
        let node = cursor.node();
        if let Some(parent) = stack.last() {
            parents.insert(node.id(), parent.into_raw());
        }
        if cursor.goto_first_child() {
            stack.push(node);
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return parents;
            }
            stack.pop();
        }
    }
}

/// A node's parent, fast in the tree [`indexed`] runs for.
pub trait Up<'t> {
    /// The node's parent, as [`Node::parent`] gives it.
    fn up(&self) -> Option<Node<'t>>;
}

impl<'t> Up<'t> for Node<'t> {
    fn up(&self) -> Option<Node<'t>> {
        let raw = self.into_raw();
        let found = INDEX.with(|i| {
            let mut index = i.borrow_mut();
            let index = index.as_mut().filter(|x| x.tree == raw.tree)?;
            let root = index.root;
            let parents = index.parents.get_or_insert_with(|| {
                // SAFETY: `root` is the root of the tree `indexed` borrows,
                // alive while the index is set.
                parent_table(unsafe { Node::from_raw(root) })
            });
            Some(parents.get(&self.id()).copied())
        });
        match found {
            // SAFETY: the parent belongs to the tree `self` belongs to (the
            // same tree pointer, alive while `self` is), so it lives as long.
            Some(parent) => parent.map(|p| unsafe { Node::from_raw(p) }),
            None => self.parent(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_as_tree_sitter_does() {
        let src = "package a\n\nfunc f() {\n\tif x {\n\t\tg(1)\n\t} else if y {\n\t\th()\n\t}\n}\n";
        let parse = |src: &str| {
            let mut parser = tree_sitter::Parser::new();
            parser
                .set_language(&tree_sitter_go::LANGUAGE.into())
                .unwrap();
            parser.parse(src, None).unwrap()
        };
        let tree = parse(src);
        let other = parse("package b\n\nvar v = 1\n");
        let mut nodes = Vec::new();
        let mut todo = vec![tree.root_node()];
        while let Some(n) = todo.pop() {
            nodes.push(n);
            let mut cursor = n.walk();
            todo.extend(n.children(&mut cursor));
        }
        indexed(&tree, || {
            for n in &nodes {
                assert_eq!(n.up(), n.parent(), "{}", n.kind());
            }
            let leaf = other.root_node().named_descendant_for_byte_range(21, 22);
            let leaf = leaf.expect("a node of the other tree");
            assert_eq!(leaf.up(), leaf.parent(), "another tree climbs the slow way");
        });
        assert_eq!(
            nodes[3].up(),
            nodes[3].parent(),
            "and so does every tree after"
        );
    }
}
