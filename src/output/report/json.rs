//! Findings and fixes as JSON for machines, in the schema
//! `schema/findings.schema.json` describes. [`VERSION`] changes only when a
//! field is removed or changes meaning; new fields may appear without it.

use super::{display_path, severity_name};
use crate::go::source::line_col;
use crate::lint::engine::{FileFindings, FixOutcome, Notice};
use crate::lint::finding::Finding;
use serde_json::{json, Value};

/// The version of the JSON report's schema.
pub const VERSION: u32 = 1;

/// The report of `check`: every finding with its fix, the notices, and
/// totals.
pub fn check(files: &[FileFindings], notices: &[Notice]) -> String {
    let findings: Vec<Value> = files
        .iter()
        .flat_map(|file| {
            file.findings
                .iter()
                .map(move |f| finding(&display_path(&file.source.path), &file.source.text, f))
        })
        .collect();
    let mut by_fix = [0usize; 3];
    for f in files.iter().flat_map(|file| &file.findings) {
        by_fix[f.applicability() as usize] += 1;
    }
    let [display_only, unsafe_, safe] = by_fix;
    let report = json!({
        "version": VERSION,
        "tool": tool(),
        "command": "check",
        "findings": findings,
        "notices": notices_json(notices),
        "summary": {
            "findings": findings.len(),
            "files": files.len(),
            "safe": safe,
            "unsafe": unsafe_,
            "display_only": display_only,
        },
    });
    pretty(&report)
}

/// The report of `fix`: every fix applied, every file changed with its
/// unified diff, what is left, and the notices. `written` tells whether
/// the changes were written (`--write`) or only shown.
pub fn fix(outcome: &FixOutcome, written: bool) -> String {
    let fixes: Vec<Value> = outcome
        .fixes
        .iter()
        .map(|f| {
            json!({
                "code": f.rule.code,
                "id": f.rule.id,
                "file": display_path(&f.id.path),
                "line": f.line,
                "message": f.id.title,
                "files": f.files.iter().map(|p| display_path(p)).collect::<Vec<_>>(),
                "exported": f.exported,
            })
        })
        .collect();
    let changes: Vec<Value> = outcome
        .changed
        .iter()
        .map(|file| {
            json!({
                "file": display_path(&file.source.path),
                "new_file": file.source.is_new,
                "diff": crate::output::diff::of_changed(file, false),
            })
        })
        .collect();
    let report = json!({
        "version": VERSION,
        "tool": tool(),
        "command": "fix",
        "written": written,
        "fixes": fixes,
        "changes": changes,
        "remaining": outcome.remaining,
        "notices": notices_json(&outcome.notices),
    });
    pretty(&report)
}

fn tool() -> Value {
    json!({"name": "ctxmod", "version": env!("CARGO_PKG_VERSION")})
}

fn pretty(report: &Value) -> String {
    serde_json::to_string_pretty(report).expect("JSON values serialise") + "\n"
}

fn notices_json(notices: &[Notice]) -> Vec<Value> {
    notices
        .iter()
        .map(|n| {
            json!({
                "severity": severity_name(n.severity),
                "file": display_path(&n.path),
                "line": n.line,
                "message": n.message,
            })
        })
        .collect()
}

fn finding(path: &str, text: &str, f: &Finding) -> Value {
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
        "applicability": f.applicability().as_str(),
        "fix": fix,
    })
}
