//! Findings as text for people: `file:line:col: CODE id: message` with a
//! one-line hint of the fix, grouped by file, then a summary line.

use super::display_path;
use crate::go::source::line_col;
use crate::lint::engine::FileFindings;
use std::fmt::Write;

/// Findings grouped by file, each with a one-line hint of its fix, then a
/// summary line, which also says how many files were `skipped` (not
/// checked, for syntax errors).
pub fn text(files: &[FileFindings], skipped: usize) -> String {
    let mut out = String::new();
    let mut counts = [0usize; 3];
    for (i, file) in files.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let path = display_path(&file.source.path);
        for f in &file.findings {
            let (line, col) = line_col(&file.source.text, f.range.start);
            let _ = writeln!(
                out,
                "{path}:{line}:{col}: {} {}: {}",
                f.rule.code, f.rule.id, f.message
            );
            match &f.fix {
                Some(fix) => {
                    let _ = writeln!(
                        out,
                        "    fix ({}): {}",
                        fix.applicability.as_str(),
                        fix.title
                    );
                }
                None => {
                    let _ = writeln!(out, "    no automatic fix");
                }
            }
            counts[f.applicability() as usize] += 1;
        }
    }
    let total: usize = counts.iter().sum();
    let [display, unsafe_, safe] = counts;
    let files_word = if files.len() == 1 { "file" } else { "files" };
    let findings_word = if total == 1 { "finding" } else { "findings" };
    if total > 0 {
        let _ = writeln!(
            out,
            "\n{total} {findings_word} in {} {files_word}: {safe} fixable with `ctxmod fix`, {unsafe_} more with `--unsafe`, {display} to fix by hand.",
            files.len()
        );
    }
    if skipped > 0 {
        let _ = writeln!(out, "{}", skipped_line(skipped));
    }
    out
}

/// The closing line of a run that could not check every file.
pub fn skipped_line(skipped: usize) -> String {
    format!(
        "{skipped} {} not checked: syntax errors (see the warnings on stderr).",
        if skipped == 1 {
            "file was"
        } else {
            "files were"
        }
    )
}
