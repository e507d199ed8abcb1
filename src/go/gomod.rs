//! Go modules: the `go.mod` that owns a directory, its module path and `go`
//! version; and the modules of a workspace (`go.work`).

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

/// The modules of the workspace at `root`: every `go.mod` under it (outside
/// the directories Go skips: `vendor`, `testdata`, `.x`, `_x`), and the
/// modules a `go.work` in `root` or a parent `use`s. Sorted by directory,
/// each once.
pub fn workspace_modules(root: &Path) -> Vec<Module> {
    let root = absolute(root);
    let mut dirs = Vec::new();
    find_go_mods(&root, &mut dirs);
    if let Some((work_dir, text)) = root
        .ancestors()
        .find_map(|d| Some((d, std::fs::read_to_string(d.join("go.work")).ok()?)))
    {
        dirs.extend(
            work_uses(&text)
                .iter()
                .map(|u| normalize(&work_dir.join(u))),
        );
    }
    dirs.sort();
    dirs.dedup();
    dirs.into_iter()
        .filter_map(|dir| {
            let text = std::fs::read_to_string(dir.join("go.mod")).ok()?;
            Some(Module::parse(dir, &text))
        })
        .collect()
}

/// Adds `dir` and every directory under it that holds a `go.mod` to `out`.
fn find_go_mods(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_dir && !skipped_dir(&name.to_string_lossy()) {
            find_go_mods(&entry.path(), out);
        } else if name == "go.mod" {
            out.push(dir.to_path_buf());
        }
    }
}

/// The directories a `go.work` `use`s, as written: `use ./x` lines and the
/// lines of `use ( ... )` blocks.
fn work_uses(text: &str) -> Vec<String> {
    let mut uses = Vec::new();
    let mut in_block = false;
    for line in text.lines() {
        let line = line.split("//").next().unwrap_or("").trim();
        let entry = if in_block {
            if line == ")" {
                in_block = false;
                continue;
            }
            line
        } else if let Some(rest) = line.strip_prefix("use") {
            let rest = rest.trim();
            if rest == "(" {
                in_block = true;
                continue;
            }
            rest
        } else {
            continue;
        };
        let entry = entry.trim_matches(|c| c == '"' || c == '`');
        if !entry.is_empty() {
            uses.push(entry.to_string());
        }
    }
    uses
}

/// `path` with `.` and `..` components resolved lexically.
pub(crate) fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// True when other modules may import the package of the Go file `path`,
/// so that changing its exported signatures breaks code ctxmod cannot
/// see: it is not a `main` package, not under an `internal/` directory,
/// not a test file, and its module is a library — one with no `main`
/// package at its root or under `cmd/`. Answers are kept per directory.
pub fn importable_elsewhere(path: &Path) -> bool {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    static KNOWN: OnceLock<Mutex<HashMap<PathBuf, bool>>> = OnceLock::new();
    if is_test_file(path) {
        return false;
    }
    let dir = absolute(path.parent().unwrap_or(Path::new(".")));
    let known = KNOWN.get_or_init(Default::default);
    if let Some(&answer) = known.lock().expect("not poisoned").get(&dir) {
        return answer;
    }
    let answer = !dir.components().any(|c| c.as_os_str() == "internal")
        && !holds_main_package(&dir)
        && module_root(&dir)
            .is_some_and(|root| !holds_main_package(&root) && !root.join("cmd").is_dir());
    known.lock().expect("not poisoned").insert(dir, answer);
    answer
}

/// The directory of the nearest `go.mod` at or above `dir`.
fn module_root(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .find(|d| d.join("go.mod").is_file())
        .map(Path::to_path_buf)
}

/// True when a non-test Go file of `dir` declares `package main`.
fn holds_main_package(dir: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    entries.flatten().any(|e| {
        let name = e.file_name().to_string_lossy().to_string();
        name.ends_with(".go")
            && !is_test_file(Path::new(&name))
            && std::fs::read_to_string(e.path()).is_ok_and(|text| {
                text.lines()
                    .map(str::trim)
                    .find(|l| l.starts_with("package "))
                    .is_some_and(|l| l.split_whitespace().nth(1) == Some("main"))
            })
    })
}

/// `path` made absolute against the current directory, without touching the
/// file system further.
pub fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// True when `path` is a test file, which only `go test` compiles.
pub fn is_test_file(path: &Path) -> bool {
    path.as_os_str().as_encoded_bytes().ends_with(b"_test.go")
}

/// True for a directory Go tooling skips: `vendor`, `testdata`, and names
/// starting with `.` or `_`.
pub fn skipped_dir(name: &str) -> bool {
    name == "vendor" || name == "testdata" || name.starts_with('.') || name.starts_with('_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packages_other_modules_can_import() {
        let tmp = tempfile::tempdir().unwrap();
        let write = |rel: &str, text: &str| {
            let path = tmp.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, text).unwrap();
            path
        };
        write("lib/go.mod", "module example.com/lib\n");
        let lib = write("lib/store/store.go", "// Package store.\npackage store\n");
        let internal = write("lib/internal/x/x.go", "package x\n");
        let test = write("lib/store/store_test.go", "package store\n");
        let example = write("lib/examples/demo/main.go", "package main\n");
        assert!(importable_elsewhere(&lib));
        assert!(!importable_elsewhere(&internal));
        assert!(!importable_elsewhere(&test));
        assert!(!importable_elsewhere(&example), "a main package");
        write("app/go.mod", "module example.com/app\n");
        write("app/cmd/app/main.go", "package main\n");
        let pkg = write("app/pkg/api/api.go", "package api\n");
        assert!(!importable_elsewhere(&pkg), "a module with commands");
        write("tool/go.mod", "module example.com/tool\n");
        write("tool/main.go", "/* package doc */\npackage main\n");
        let util = write("tool/util/util.go", "package util\n");
        assert!(!importable_elsewhere(&util), "a module that is a command");
    }

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

    fn write(path: &Path, text: &str) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn paths(modules: &[Module]) -> Vec<&str> {
        modules.iter().map(|m| m.path.as_str()).collect()
    }

    #[test]
    fn reads_use_lines_and_blocks() {
        let text = "go 1.22\n\nuse ./tools // the tools\nuse (\n\t./api\n\t\"../shared\"\n)\n";
        assert_eq!(work_uses(text), vec!["./tools", "./api", "../shared"]);
    }

    #[test]
    fn workspace_modules_come_from_go_mods_and_go_work() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("ws");
        write(
            &root.join("go.work"),
            "go 1.22\n\nuse (\n\t./app\n\t../lib\n)\nuse ./tools\n",
        );
        write(&root.join("app/go.mod"), "module example.com/app\n");
        write(&root.join("tools/go.mod"), "module example.com/tools\n");
        write(&tmp.path().join("lib/go.mod"), "module example.com/lib\n");
        write(
            &root.join("app/vendor/x/go.mod"),
            "module example.com/vendored\n",
        );
        write(
            &root.join("app/testdata/go.mod"),
            "module example.com/testdata\n",
        );
        write(&root.join("extra/go.mod"), "module example.com/extra\n");

        let modules = workspace_modules(&root);
        let mut found = paths(&modules);
        found.sort();
        assert_eq!(
            found,
            vec![
                "example.com/app",
                "example.com/extra",
                "example.com/lib",
                "example.com/tools"
            ],
            "go.mod files under the root and go.work uses, outside the root too, each once"
        );
        assert!(modules
            .iter()
            .all(|m| !m.dir.to_string_lossy().contains("..")));

        // From inside a module, the go.work of a parent still counts.
        let from_app = workspace_modules(&root.join("app"));
        let mut found = paths(&from_app);
        found.sort();
        assert_eq!(
            found,
            vec!["example.com/app", "example.com/lib", "example.com/tools"]
        );
    }

    #[test]
    fn without_go_work_only_go_mods_count() {
        let tmp = tempfile::tempdir().unwrap();
        write(&tmp.path().join("go.mod"), "module example.com/root\n");
        write(
            &tmp.path().join("sub/go.mod"),
            "module example.com/root/sub\n",
        );
        let modules = workspace_modules(tmp.path());
        assert_eq!(
            paths(&modules),
            vec!["example.com/root", "example.com/root/sub"]
        );
        let cache = ModuleCache::default();
        assert_eq!(
            cache
                .module_for(&tmp.path().join("sub/x"))
                .map(|m| m.path.clone()),
            Some("example.com/root/sub".to_string())
        );
    }
}
