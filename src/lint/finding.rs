//! What a rule reports: one problem, with the fix it proposes if any.

use crate::index::workspace::{Condition, Workspace};
use crate::lint::fix::{Applicability, Fix};
use crate::lint::meta::RuleMeta;
use std::ops::Range;

/// One problem found by a rule.
#[derive(Debug, Clone)]
pub struct Finding {
    /// The rule that found it.
    pub rule: &'static RuleMeta,
    /// The bytes it is about.
    pub range: Range<usize>,
    /// What is wrong, in one line.
    pub message: String,
    /// How to fix it, if ctxmod can.
    pub fix: Option<Fix>,
    /// Holds only if the workspace confirms this.
    pub condition: Option<Condition>,
}

impl Finding {
    /// A finding of `rule` over `range`.
    pub fn new(
        rule: &'static RuleMeta,
        range: Range<usize>,
        message: impl Into<String>,
    ) -> Finding {
        Finding {
            rule,
            range,
            message: message.into(),
            fix: None,
            condition: None,
        }
    }

    /// The same finding with a fix.
    pub fn with_fix(mut self, fix: Fix) -> Finding {
        self.fix = Some(fix);
        self
    }

    /// The same finding, kept only if `condition` holds.
    pub fn when(mut self, condition: Condition) -> Finding {
        self.condition = Some(condition);
        self
    }

    /// The applicability of the fix, or display-only without one.
    pub fn applicability(&self) -> Applicability {
        self.fix
            .as_ref()
            .map_or(Applicability::DisplayOnly, |f| f.applicability)
    }
}

/// The findings whose conditions the workspace confirms.
pub fn resolve<'a>(
    findings: &'a [Finding],
    package: &str,
    workspace: &Workspace,
) -> Vec<&'a Finding> {
    findings
        .iter()
        .filter(|f| {
            f.condition
                .as_ref()
                .is_none_or(|c| workspace.holds(package, c))
        })
        .collect()
}
