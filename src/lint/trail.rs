//! Where a byte of an edited text was in the text as read: the edits made
//! to one file, step by step across passes, so that a fix found in a later
//! pass can be named by a place in the file the user has, the same from run
//! to run whatever other fixes were made before it.

use crate::lint::fix::Edit;
use std::ops::Range;

/// The edits applied to one file, in order: each step is one application of
/// disjoint edits, as the range each replaced and the length of its text.
#[derive(Debug, Clone, Default)]
pub(crate) struct Trail {
    steps: Vec<Vec<(Range<usize>, usize)>>,
}

impl Trail {
    /// Records one application of disjoint `edits`.
    pub(crate) fn record(&mut self, edits: &[&Edit]) {
        let mut step: Vec<(Range<usize>, usize)> = edits
            .iter()
            .map(|e| (e.range.clone(), e.text.len()))
            .collect();
        step.sort_by_key(|(range, _)| (range.start, range.end));
        self.steps.push(step);
    }

    /// Appends the steps of `later`, made after every step of this trail.
    pub(crate) fn extend(&mut self, later: Trail) {
        self.steps.extend(later.steps);
    }

    /// Where `offset` of the current text was in the text as read. An
    /// offset inside text an edit wrote maps to the start of what it
    /// replaced.
    pub(crate) fn origin(&self, offset: usize) -> usize {
        self.steps
            .iter()
            .rev()
            .fold(offset, |offset, step| before_step(step, offset))
    }
}

/// Where `offset` of the text after `step` was in the text before it.
fn before_step(step: &[(Range<usize>, usize)], offset: usize) -> usize {
    // How much longer the text after the step is, up to the current edit.
    let mut grown: isize = 0;
    for (range, len) in step {
        let start = range.start.saturating_add_signed(grown);
        if offset < start {
            break;
        }
        if offset < start + len {
            return range.start;
        }
        grown += *len as isize - range.len() as isize;
    }
    offset.saturating_add_signed(-grown)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::fix::apply_edits;

    #[test]
    fn offsets_map_back_through_every_step() {
        let text = "abcdefghij";
        let mut trail = Trail::default();
        // "abcdefghij" -> "XXabcdeYfghij" (insert at 0, replace "" at 5).
        let first = [Edit::insert(0, "XX"), Edit::insert(5, "Y")];
        let refs: Vec<&Edit> = first.iter().collect();
        let after_first = apply_edits(text, &refs);
        trail.record(&refs);
        // Then "def" (now at 5..8 with the Y inside) becomes "-".
        let second = [Edit::replace(5..9, "-")];
        let refs: Vec<&Edit> = second.iter().collect();
        let now = apply_edits(&after_first, &refs);
        trail.record(&refs);
        assert_eq!(now, "XXabc-ghij");
        assert_eq!(
            trail.origin(now.find('g').unwrap()),
            text.find('g').unwrap()
        );
        assert_eq!(trail.origin(now.find('a').unwrap()), 0);
        assert_eq!(trail.origin(0), 0, "inside inserted text: where it went");
        assert_eq!(trail.origin(now.find('-').unwrap()), 3, "where d was");
        assert_eq!(trail.origin(now.len()), text.len());
    }
}
