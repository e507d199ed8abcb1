//! The rules, one file each. A rule's module doc comment is its user
//! documentation (`ctxmod explain` prints it), with the sections What it
//! does, Why, Example, Fix safety and Limitations.

use crate::rule::RuleEntry;

macro_rules! rules {
    ($($module:ident),* $(,)?) => {
        $(pub mod $module;)*

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

rules! {
    background_in_scope,
    lost_cancel,
    done_busy_loop,
    done_err,
    redundant_cancel,
    nil_ctx,
}
