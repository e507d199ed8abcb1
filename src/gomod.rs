//! Go modules: the `go.mod` that owns a directory, its module path and `go`
//! version.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// A Go language version from a `go` directive, e.g. `1.22`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct GoVersion {
    /// Major version (always 1 so far).
    pub major: u32,
    /// Minor version.
    pub minor: u32,
}

impl GoVersion {
    /// Parses `1.22`, `1.22.3` or `1.21rc1`.
    pub fn parse(s: &str) -> Option<GoVersion> {
        let mut parts = s.split('.');
        let major = parts.next()?.parse().ok()?;
        let minor_text = parts.next().unwrap_or("0");
        let digits: String = minor_text
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        Some(GoVersion {
            major,
            minor: digits.parse().ok()?,
        })
    }
}

/// One module: the directory holding its `go.mod`, its path and version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Module {
    /// Directory of the `go.mod`.
    pub dir: PathBuf,
    /// The `module` path.
    pub path: String,
    /// The `go` directive, if any.
    pub go_version: Option<GoVersion>,
}

impl Module {
    /// Parses the text of a `go.mod` found in `dir`.
    pub fn parse(dir: PathBuf, text: &str) -> Module {
        let mut path = String::new();
        let mut go_version = None;
        for line in text.lines() {
            let line = line.split("//").next().unwrap_or("").trim();
            if let Some(rest) = line.strip_prefix("module ") {
                path = rest.trim().trim_matches('"').to_string();
            } else if let Some(rest) = line.strip_prefix("go ") {
                go_version = GoVersion::parse(rest.trim());
            }
        }
        Module {
            dir,
            path,
            go_version,
        }
    }

    /// The import path of the package in `dir`, when `dir` is in the module.
    pub fn import_path(&self, dir: &Path) -> Option<String> {
        let rel = dir.strip_prefix(&self.dir).ok()?;
        let mut path = self.path.clone();
        for part in rel.components() {
            path.push('/');
            path.push_str(&part.as_os_str().to_string_lossy());
        }
        Some(path)
    }
}

/// Finds and caches the module owning each directory.
#[derive(Default)]
pub struct ModuleCache {
    by_dir: Mutex<HashMap<PathBuf, Option<Arc<Module>>>>,
}

impl ModuleCache {
    /// The module whose `go.mod` is in `dir` or its nearest parent.
    pub fn module_for(&self, dir: &Path) -> Option<Arc<Module>> {
        let dir = absolute(dir);
        if let Some(hit) = self.by_dir.lock().expect("module cache lock").get(&dir) {
            return hit.clone();
        }
        let found = match std::fs::read_to_string(dir.join("go.mod")) {
            Ok(text) => Some(Arc::new(Module::parse(dir.clone(), &text))),
            Err(_) => dir.parent().and_then(|p| self.module_for(p)),
        };
        self.by_dir
            .lock()
            .expect("module cache lock")
            .insert(dir, found.clone());
        found
    }
}

/// `path` made absolute against the current directory, without touching the
/// file system further.
pub fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_go_mod() {
        let m = Module::parse(
            "/w".into(),
            "module example.com/app // the app\n\ngo 1.22.3\n\nrequire x v1\n",
        );
        assert_eq!(m.path, "example.com/app");
        assert_eq!(
            m.go_version,
            Some(GoVersion {
                major: 1,
                minor: 22
            })
        );
        assert_eq!(
            m.import_path(Path::new("/w/internal/db")).as_deref(),
            Some("example.com/app/internal/db")
        );
        assert!(GoVersion::parse("1.21rc1").unwrap() >= GoVersion::parse("1.21").unwrap());
    }
}
