//! The rules, one file each. A rule's module doc comment is its user
//! documentation (`ctxmod explain` prints it), with the sections What it
//! does, Why, Example, Fix safety and Limitations.

use crate::rule::RuleEntry;

// The modules are declared outside the macro so that rustfmt formats them.
pub mod background_in_scope;
pub mod done_busy_loop;
pub mod done_err;
pub mod lost_cancel;
pub mod nil_ctx;
pub mod redundant_cancel;

macro_rules! registry {
    ($($module:ident),* $(,)?) => {
        /// Every rule, in catalog order.
        pub fn registry() -> &'static [RuleEntry] {
            static REGISTRY: &[RuleEntry] = &[
                $(RuleEntry {
                    rule: &$module::RULE,
                    source: include_str!(concat!(stringify!($module), ".rs")),
                },)*
            ];
            REGISTRY
        }
    };
}

registry! {
    background_in_scope,
    lost_cancel,
    done_busy_loop,
    done_err,
    redundant_cancel,
    nil_ctx,
}
