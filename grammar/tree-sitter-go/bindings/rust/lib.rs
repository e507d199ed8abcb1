//! Go language support for the [tree-sitter] parsing library: the
//! tree-sitter-go 0.25.0 grammar, changed to accept the Go 1.26
//! `new(expr)` form and calls of shadowed `make`/`new` (see the crate's
//! README.md).
//!
//! ```
//! let mut parser = tree_sitter::Parser::new();
//! parser
//!     .set_language(&tree_sitter_go::LANGUAGE.into())
//!     .expect("Error loading Go parser");
//! let tree = parser.parse("package p\n\nvar p = new(int(42))\n", None).unwrap();
//! assert!(!tree.root_node().has_error());
//! ```
//!
//! [tree-sitter]: https://tree-sitter.github.io/

use tree_sitter_language::LanguageFn;

extern "C" {
    fn tree_sitter_go() -> *const ();
}

/// The tree-sitter [`LanguageFn`] for this grammar.
pub const LANGUAGE: LanguageFn = unsafe { LanguageFn::from_raw(tree_sitter_go) };

/// The content of the [`node-types.json`] file for this grammar.
///
/// [`node-types.json`]: https://tree-sitter.github.io/tree-sitter/using-parsers/6-static-node-types
pub const NODE_TYPES: &str = include_str!("../../src/node-types.json");
