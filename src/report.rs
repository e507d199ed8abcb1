//! Findings and notices as text for people and JSON for machines.

use crate::engine::{FileFindings, Notice, Severity};
use crate::fix::{Applicability, Finding};
use crate::source::line_col;
use serde_json::{json, Value};
use std::fmt::Write;
use std::path::Path;

/// A path as the user should see it: relative to the current directory when
/// it is under it.
pub fn display_path(path: &Path) -> String {
    let shown = if path.is_absolute() {
        std::env::current_dir()
            .ok()
            .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
            .unwrap_or_else(|| path.to_path_buf())
    } else {
        path.to_path_buf()
    };
    let s = shown.display().to_string();
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

/// `file:line` for messages, the file as the user should see it.
pub fn place(path: &Path, line: usize) -> String {
    format!("{}:{line}", display_path(path))
}

/// One line for stderr: `warning: file:line: message`.
pub fn notice_line(n: &Notice) -> String {
    let level = match n.severity {
        Severity::Warning => "warning",
        Severity::Error => "error",
    };
    match n.line {
        Some(line) => format!("{level}: {}:{line}: {}", display_path(&n.path), n.message),
        None => format!("{level}: {}: {}", display_path(&n.path), n.message),
    }
}

/// Findings grouped by file, each with a one-line hint of its fix, then a
/// summary line.
pub fn text(files: &[FileFindings]) -> String {
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
    out
}

/// Findings as a JSON array, one object per finding.
pub fn json(files: &[FileFindings]) -> String {
    let items: Vec<Value> = files
        .iter()
        .flat_map(|file| {
            file.findings
                .iter()
                .map(move |f| finding_json(&display_path(&file.source.path), &file.source.text, f))
        })
        .collect();
    serde_json::to_string_pretty(&Value::Array(items)).expect("JSON values serialise") + "\n"
}

fn finding_json(path: &str, text: &str, f: &Finding) -> Value {
    let (line, column) = line_col(text, f.range.start);
    let (end_line, end_column) = line_col(text, f.range.end);
    let fix = f.fix.as_ref().map(|fix| {
        let edits: Vec<Value> = fix
            .change
            .edits
            .iter()
            .map(|e| {
                let (line, column) = line_col(text, e.range.start);
                let (end_line, end_column) = line_col(text, e.range.end);
                json!({
                    "line": line, "column": column,
                    "end_line": end_line, "end_column": end_column,
                    "content": e.text,
                })
            })
            .collect();
        // Edits in other files are given by byte offsets: their texts are
        // not loaded for reporting.
        let elsewhere: Vec<Value> = fix
            .elsewhere
            .iter()
            .map(|(file, change)| {
                let edits: Vec<Value> = change
                    .edits
                    .iter()
                    .map(|e| json!({"start_byte": e.range.start, "end_byte": e.range.end, "content": e.text}))
                    .collect();
                json!({"file": display_path(file), "edits": edits, "add_imports": change.add_imports})
            })
            .collect();
        json!({
            "applicability": fix.applicability.as_str(),
            "message": fix.title,
            "edits": edits,
            "add_imports": fix.change.add_imports,
            "elsewhere": elsewhere,
        })
    });
    json!({
        "code": f.rule.code,
        "id": f.rule.id,
        "file": path,
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "message": f.message,
        "applicability": f.fix.as_ref().map_or(Applicability::DisplayOnly, |x| x.applicability).as_str(),
        "fix": fix,
    })
}
