//! Findings as SARIF 2.1.0, the format code scanning services read (GitHub
//! code scanning among them): every rule with its documentation, every
//! finding as a result with its region and, when it has one, its fix as
//! the replacements it makes, and the notices of the run.
//!
//! Paths are relative to the current directory (`uriBaseId` `%SRCROOT%`),
//! as code scanning wants them when `check` runs at the repository's root.
//! Columns count UTF-16 code units (`columnKind`), 1-based. Each result
//! carries a fingerprint of its rule, file and line text (not its line
//! number), so an alert follows its code when lines move.

use super::{display_path, severity_name};
use crate::go::source::SourceFile;
use crate::lint::engine::{FileFindings, Notice, Severity};
use crate::lint::finding::Finding;
use crate::lint::fix::{Applicability, Fix};
use crate::output::diff::hunks;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The `uriBaseId` every relative path is given against.
const SRCROOT: &str = "%SRCROOT%";

/// The SARIF log of a `check` run.
pub fn check(files: &[FileFindings], notices: &[Notice]) -> String {
    let registry = crate::transforms::registry();
    let rules: Vec<Value> = registry
        .iter()
        .map(|e| {
            let m = e.meta();
            let doc = e.documentation();
            json!({
                "id": m.code,
                "name": m.id,
                "shortDescription": {"text": m.summary},
                "fullDescription": {"text": e.section("What it does")},
                "help": {"text": doc, "markdown": doc},
                "defaultConfiguration": {"level": "warning"},
                "properties": {"tags": ["go", "context"], "fix": m.applicability.as_str()},
            })
        })
        .collect();
    let mut others = Sources::default();
    let mut results = Vec::new();
    for file in files {
        let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
        for f in &file.findings {
            let line_text = line_at(&file.source.text, f.range.start).trim();
            let occurrence = seen.entry((f.rule.id, line_text)).or_default();
            let fingerprint = fnv1a(&format!(
                "{}\0{}\0{line_text}\0{occurrence}",
                f.rule.id,
                display_path(&file.source.path)
            ));
            *occurrence += 1;
            results.push(result(file, f, &fingerprint, &mut others));
        }
    }
    let notifications: Vec<Value> = notices.iter().map(notification).collect();
    let log = json!({
        "$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "ctxmod",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "originalUriBaseIds": {SRCROOT: {"uri": srcroot_uri()}},
            "columnKind": "utf16CodeUnits",
            "invocations": [{
                "executionSuccessful": !notices.iter().any(|n| n.severity == Severity::Error),
                "toolExecutionNotifications": notifications,
            }],
            "results": results,
        }],
    });
    serde_json::to_string_pretty(&log).expect("JSON values serialise") + "\n"
}

/// The texts of files other than the findings' own that fixes change,
/// loaded once each.
#[derive(Default)]
struct Sources(HashMap<PathBuf, Option<SourceFile>>);

impl Sources {
    fn get(&mut self, path: &Path) -> Option<&SourceFile> {
        self.0
            .entry(path.to_path_buf())
            .or_insert_with(|| SourceFile::load_or_new(path).ok())
            .as_ref()
    }
}

fn result(file: &FileFindings, f: &Finding, fingerprint: &str, others: &mut Sources) -> Value {
    let text = &file.source.text;
    let (line, column) = position(text, f.range.start);
    let (end_line, end_column) = position(text, f.range.end);
    let index = crate::transforms::registry()
        .iter()
        .position(|e| e.meta().id == f.rule.id);
    let mut result = json!({
        "ruleId": f.rule.code,
        "level": "warning",
        "message": {"text": f.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": artifact(&file.source.path),
            "region": {
                "startLine": line, "startColumn": column,
                "endLine": end_line, "endColumn": end_column,
            },
        }}],
        "partialFingerprints": {"ctxmod/v1": fingerprint},
        "properties": {"applicability": f.applicability().as_str()},
    });
    if let Some(index) = index {
        result["ruleIndex"] = json!(index);
    }
    let fix = f
        .fix
        .as_ref()
        .filter(|fix| fix.applicability > Applicability::DisplayOnly)
        .and_then(|fix| fix_json(&file.source, fix, others));
    if let Some(fix) = fix {
        result["fixes"] = json!([fix]);
    }
    result
}

/// A fix as the replacements it makes in each file, as if it were the only
/// one applied; `None` when one of its files cannot be read or would not
/// parse.
fn fix_json(home: &SourceFile, fix: &Fix, others: &mut Sources) -> Option<Value> {
    let mut changes = Vec::new();
    for (path, change) in fix.changes(&home.path) {
        let source = if path == home.path {
            home
        } else {
            others.get(path)?
        };
        let new = crate::lint::passes::preview(&source.text, change)?;
        let old = String::from_utf8_lossy(&source.original);
        let replacements: Vec<Value> = hunks(&old, &source.to_disk_text(&new))
            .into_iter()
            .map(|h| {
                json!({
                    "deletedRegion": {
                        "startLine": h.old_lines.start + 1, "startColumn": 1,
                        "endLine": h.old_lines.end + 1, "endColumn": 1,
                    },
                    "insertedContent": {"text": h.new_text},
                })
            })
            .collect();
        if !replacements.is_empty() {
            changes.push(json!({
                "artifactLocation": artifact(path),
                "replacements": replacements,
            }));
        }
    }
    Some(json!({
        "description": {"text": fix.title},
        "artifactChanges": changes,
    }))
}

fn notification(n: &Notice) -> Value {
    let mut location = json!({"artifactLocation": artifact(&n.path)});
    if let Some(line) = n.line {
        location["region"] = json!({"startLine": line});
    }
    json!({
        "level": severity_name(n.severity),
        "message": {"text": n.message},
        "locations": [{"physicalLocation": location}],
    })
}

/// Where a file is: relative to `%SRCROOT%` when it is under the current
/// directory, else an absolute `file:` URI.
fn artifact(path: &Path) -> Value {
    let shown = display_path(path);
    if shown.starts_with('/') {
        json!({"uri": format!("file://{}", uri_path(&shown))})
    } else {
        json!({"uri": uri_path(&shown), "uriBaseId": SRCROOT})
    }
}

/// The current directory as a `file:` URI ending in `/`.
fn srcroot_uri() -> String {
    let cwd = std::env::current_dir()
        .map(|d| d.display().to_string())
        .unwrap_or_else(|_| "/".to_string());
    let dir = uri_path(&cwd);
    if dir.ends_with('/') {
        format!("file://{dir}")
    } else {
        format!("file://{dir}/")
    }
}

/// A path with every byte a URI path may not hold percent-encoded.
fn uri_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for &b in path.as_bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The line holding `offset`, without its line ending.
fn line_at(text: &str, offset: usize) -> &str {
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    &text[start..end]
}

/// 1-based line and column (in UTF-16 code units) of a byte offset.
fn position(text: &str, offset: usize) -> (usize, usize) {
    let (line, byte_column) = crate::go::source::line_col(text, offset);
    let line_start = offset - (byte_column - 1);
    (line, text[line_start..offset].encode_utf16().count() + 1)
}

/// A stable 64-bit FNV-1a hash, in hex: the same on every platform and
/// release, as a fingerprint must be.
fn fnv1a(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in text.as_bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_units() {
        assert_eq!(position("ab\n\u{e9}x", 5), (2, 2));
        assert_eq!(position("\u{1F600}y", 4), (1, 3));
        assert_eq!(line_at("a\nbcd\ne", 3), "bcd");
    }

    #[test]
    fn uris_are_encoded() {
        assert_eq!(uri_path("a b/c%.go"), "a%20b/c%25.go");
        assert_eq!(fnv1a(""), "cbf29ce484222325");
    }
}
