//! Which parts of a file's summary a run gathers. Every run gathers the
//! declarations (functions, methods, types, package variables): findings
//! of the one-file rules are resolved through them. The rest serves only
//! the rules that read it, and a run without those rules does not pay for
//! it; the facts of single rules come from their collectors
//! ([`crate::index::collect`]).

/// A set of the optional parts of a file's summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SummaryParts(u8);

impl SummaryParts {
    /// The declarations only.
    pub const NONE: SummaryParts = SummaryParts(0);
    /// What changing a signature needs: each function's threading facts
    /// and the top-level declarations' ranges (for the call-site rounds),
    /// contexts used late, cancelled contexts returned, and struct fields
    /// of type `context.Context`.
    pub const CALLS: SummaryParts = SummaryParts(1);
    /// Every part.
    pub const ALL: SummaryParts = SummaryParts(1);

    /// The parts in either set.
    pub const fn union(self, other: SummaryParts) -> SummaryParts {
        SummaryParts(self.0 | other.0)
    }

    /// True when every part of `other` is in `self`.
    pub fn contains(self, other: SummaryParts) -> bool {
        self.0 & other.0 == other.0
    }
}

#[cfg(test)]
mod tests {
    use super::SummaryParts;

    #[test]
    fn a_union_holds_both_sets_and_no_more() {
        let both = SummaryParts::NONE.union(SummaryParts::CALLS);
        assert!(both.contains(SummaryParts::CALLS));
        assert!(!SummaryParts::NONE.contains(SummaryParts::CALLS));
        assert!(SummaryParts::ALL.contains(both));
        assert!(both.contains(SummaryParts::NONE));
    }
}
