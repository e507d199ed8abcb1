//! Text edits: replacements of byte ranges of a file's text.

use std::ops::Range;

/// One replacement of a byte range of a file's text by new text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// The bytes replaced (empty for an insertion).
    pub range: Range<usize>,
    /// What replaces them; lines end in `\n` (CRLF files get `\r\n` on write).
    pub text: String,
}

impl Edit {
    /// Replaces `range` with `text`.
    pub fn replace(range: Range<usize>, text: impl Into<String>) -> Edit {
        Edit {
            range,
            text: text.into(),
        }
    }

    /// Inserts `text` at `offset`.
    pub fn insert(offset: usize, text: impl Into<String>) -> Edit {
        Edit::replace(offset..offset, text)
    }

    /// Deletes `range`.
    pub fn delete(range: Range<usize>) -> Edit {
        Edit::replace(range, "")
    }

    /// True when the two edits cannot both be applied unambiguously: their
    /// ranges overlap, or they start at the same offset.
    pub fn conflicts_with(&self, other: &Edit) -> bool {
        self.range.start == other.range.start
            || (self.range.start < other.range.end && other.range.start < self.range.end)
    }
}

/// Applies disjoint edits to `text`.
pub fn apply_edits(text: &str, edits: &[&Edit]) -> String {
    let mut sorted: Vec<&Edit> = edits.to_vec();
    sorted.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len() + 64);
    let mut pos = 0;
    for e in sorted {
        debug_assert!(e.range.start >= pos, "edits overlap");
        out.push_str(&text[pos..e.range.start]);
        out.push_str(&e.text);
        pos = e.range.end;
    }
    out.push_str(&text[pos..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_apply_in_order() {
        let a = Edit::replace(0..1, "X");
        let b = Edit::insert(3, "!");
        assert_eq!(apply_edits("abc", &[&b, &a]), "Xbc!");
    }

    #[test]
    fn conflicts() {
        assert!(Edit::replace(0..3, "").conflicts_with(&Edit::replace(2..4, "")));
        assert!(Edit::insert(2, "a").conflicts_with(&Edit::insert(2, "b")));
        assert!(!Edit::replace(0..2, "").conflicts_with(&Edit::replace(2..4, "")));
    }
}
