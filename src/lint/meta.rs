//! A rule's identity: its code, id and summary, and what the engine needs
//! to schedule it.

use crate::lint::fix::Applicability;

/// A rule's identity and the facts the engine needs to schedule it.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable short code, e.g. `CTX001`.
    pub code: &'static str,
    /// Stable kebab-case id, e.g. `background-in-scope`.
    pub id: &'static str,
    /// One line for `ctxmod rules`.
    pub summary: &'static str,
    /// What the rule finds: the `finds` column of the README's rules
    /// table (markdown), which is generated from these fields.
    pub finds: &'static str,
    /// What its fix does, and how safe it is: the `fix` column of the
    /// README's rules table (markdown).
    pub fixes: &'static str,
    /// The strongest applicability the rule's fixes can have.
    pub applicability: Applicability,
    /// Node kinds the rule's `visit` is called for.
    pub kinds: &'static [&'static str],
    /// A file is parsed for this rule only if its bytes contain one of these.
    pub needles: &'static [&'static str],
    /// Also check, even without any of the needles, the files that call a
    /// context-taking function of the workspace and whose bytes contain
    /// one of these (`nil` for nil-ctx).
    pub caller_needles: &'static [&'static str],
    /// The names other linters give the same check in their suppression
    /// comments (`//nolint:staticcheck` for a nil context): code that
    /// silences them on purpose is not fixed behind their back.
    pub nolint: &'static [&'static str],
}

impl RuleMeta {
    /// The names suppression comments may give the rule.
    pub fn check_names(&self) -> crate::go::suppress::CheckNames {
        crate::go::suppress::CheckNames {
            id: self.id,
            code: self.code,
            nolint: self.nolint,
        }
    }
}
