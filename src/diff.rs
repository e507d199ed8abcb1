//! Unified diffs of the changes `fix` would make.

use similar::TextDiff;

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

#[cfg(test)]
mod tests {
    use super::*;

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
