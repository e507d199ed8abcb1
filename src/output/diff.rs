//! Unified diffs of the changes `fix` would make.

use crate::lint::engine::ChangedFile;
use similar::{DiffOp, TextDiff};
use std::ops::Range;

/// A unified diff of one file, `---`/`+++` with `a/` and `b/` prefixes for
/// a relative path (so `git apply` takes it) and the bare path for an
/// absolute one (`/dev/null` before a file the fix creates, `is_new`),
/// three lines of context, ANSI-coloured if asked.
pub fn unified(path: &str, old: &str, new: &str, is_new: bool, color: bool) -> String {
    let diff = TextDiff::from_lines(old, new);
    let (mut before, after) = if path.starts_with('/') {
        (path.to_string(), path.to_string())
    } else {
        (format!("a/{path}"), format!("b/{path}"))
    };
    if is_new {
        before = "/dev/null".to_string();
    }
    let text = diff
        .unified_diff()
        .context_radius(3)
        .header(&before, &after)
        .to_string();
    if !color {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 256);
    for line in text.split_inclusive('\n') {
        let (body, end) = match line.strip_suffix('\n') {
            Some(b) => (b, "\n"),
            None => (line, ""),
        };
        let code = if body.starts_with("---") || body.starts_with("+++") {
            "1"
        } else if body.starts_with("@@") {
            "36"
        } else if body.starts_with('-') {
            "31"
        } else if body.starts_with('+') {
            "32"
        } else {
            ""
        };
        if code.is_empty() {
            out.push_str(line);
        } else {
            out.push_str(&format!("\x1b[{code}m{body}\x1b[0m{end}"));
        }
    }
    out
}

/// The unified diff of a file `fix` changed, as [`unified`] makes it, the
/// path as the user sees it.
pub fn of_changed(file: &ChangedFile, color: bool) -> String {
    let old = String::from_utf8_lossy(&file.source.original);
    let path = crate::go::paths::display_path(&file.source.path);
    unified(&path, &old, &file.new_text, file.source.is_new, color)
}

/// One run of changed lines: the lines of the old text it replaces
/// (0-based, end exclusive; empty for an insertion before `start`) and the
/// text that replaces them, whole lines with their line endings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hunk {
    /// The old lines replaced.
    pub old_lines: Range<usize>,
    /// What replaces them.
    pub new_text: String,
}

/// The runs of changed lines that turn `old` into `new`, without context.
pub fn hunks(old: &str, new: &str) -> Vec<Hunk> {
    let diff = TextDiff::from_lines(old, new);
    let new_lines = diff.new_slices();
    let mut out: Vec<Hunk> = Vec::new();
    let mut last_new_end = 0;
    for op in diff.ops() {
        if let DiffOp::Equal { .. } = op {
            continue;
        }
        let (old_range, new_range) = (op.old_range(), op.new_range());
        let text: String = new_lines[new_range.clone()].concat();
        match out.last_mut() {
            // A delete followed by an insert at the same place is one hunk.
            Some(h) if h.old_lines.end == old_range.start && last_new_end == new_range.start => {
                h.old_lines.end = old_range.end;
                h.new_text.push_str(&text);
            }
            _ => out.push(Hunk {
                old_lines: old_range,
                new_text: text,
            }),
        }
        last_new_end = new_range.end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunks_are_runs_of_changed_lines() {
        let h = hunks("a\nb\nc\nd\n", "a\nB\nc\nd\ne\n");
        assert_eq!(
            h,
            vec![
                Hunk {
                    old_lines: 1..2,
                    new_text: "B\n".into()
                },
                Hunk {
                    old_lines: 4..4,
                    new_text: "e\n".into()
                },
            ]
        );
        assert_eq!(
            hunks("", "x\n"),
            vec![Hunk {
                old_lines: 0..0,
                new_text: "x\n".into()
            }]
        );
        assert!(hunks("same\n", "same\n").is_empty());
    }

    #[test]
    fn plain_diff() {
        let d = unified("a.go", "x\ny\n", "x\nz\n", false, false);
        assert_eq!(d, "--- a/a.go\n+++ b/a.go\n@@ -1,2 +1,2 @@\n x\n-y\n+z\n");
        assert!(!d.contains('\x1b'));
        assert!(unified("a.go", "x\n", "y\n", false, true).contains("\x1b[31m-x"));
        assert!(unified("b.go", "", "y\n", true, false).starts_with("--- /dev/null\n+++ b/b.go\n"));
        assert!(unified("/abs/a.go", "x\n", "y\n", false, false)
            .starts_with("--- /abs/a.go\n+++ /abs/a.go\n"));
    }
}
