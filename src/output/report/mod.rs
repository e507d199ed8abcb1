//! What `check` and `fix` print: findings as text for people ([`mod@text`]),
//! JSON for machines ([`json`]), SARIF for code scanning ([`sarif`]),
//! workflow commands for GitHub Actions ([`github`]) and markdown for a
//! pull request or a CI summary ([`markdown`]).

pub mod github;
pub mod json;
pub mod markdown;
pub mod sarif;
pub mod text;

pub use text::text;

pub use crate::go::paths::{display_path, place};
use crate::lint::engine::{Notice, Severity};
use crate::lint::rule::RuleEntry;
use crate::lint::words::count;
use std::path::Path;

/// The name of a notice's severity in output.
fn severity_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Warning => "warning",
        Severity::Error => "error",
    }
}

/// The exported signatures `fixes` change, each with the rule and place of
/// the fix that changes it, sorted: what breaks code in other modules.
pub fn exported_changes(fixes: &[crate::lint::engine::AppliedFix]) -> Vec<String> {
    let mut lines: Vec<String> = fixes
        .iter()
        .flat_map(|f| {
            f.exported
                .iter()
                .map(move |name| format!("`{name}` ({}, {})", f.rule.id, place(&f.id.path, f.line)))
        })
        .collect();
    lines.sort();
    lines.dedup();
    lines
}

/// One line for stderr: `warning: file:line: message`.
pub fn notice_line(n: &Notice) -> String {
    let level = severity_name(n.severity);
    match n.line {
        Some(line) => format!("{level}: {}:{line}: {}", display_path(&n.path), n.message),
        None => format!("{level}: {}: {}", display_path(&n.path), n.message),
    }
}

/// The package a file belongs to as reports group it: its directory as the
/// user sees it (`.` for the current one).
fn package_of(path: &Path) -> String {
    let shown = display_path(path);
    match shown.rfind('/') {
        Some(0) => "/".to_string(),
        Some(i) => shown[..i].to_string(),
        None => ".".to_string(),
    }
}

/// The registered rule with this id.
fn entry(id: &str) -> Option<&'static RuleEntry> {
    crate::transforms::registry()
        .iter()
        .find(|e| e.meta().id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packages_are_directories() {
        assert_eq!(package_of(Path::new("a.go")), ".");
        assert_eq!(package_of(Path::new("svc/api/a.go")), "svc/api");
        assert_eq!(count(1, "fix"), "1 fix");
        assert_eq!(count(2, "file"), "2 files");
        assert_eq!(count(2, "fix"), "2 fixes");
    }
}
