//! ## What it does
//! Placeholder for CTX008 redundant-cancel while it is being written.

use crate::fix::{Applicability, Finding};
use crate::rule::{FileCx, Rule, RuleMeta};
use tree_sitter::Node;

/// The redundant-cancel rule.
pub struct Placeholder;

/// The registered instance.
pub static RULE: Placeholder = Placeholder;

static META: RuleMeta = RuleMeta {
    code: "CTX008",
    id: "redundant-cancel",
    summary: "placeholder",
    applicability: Applicability::Unsafe,
    kinds: &[],
    needles: &[],
    needs_callers: false,
};

impl Rule for Placeholder {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn visit(&self, _node: Node<'_>, _cx: &FileCx<'_>, _out: &mut Vec<Finding>) {}
}
