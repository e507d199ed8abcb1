//! Helpers shared by the integration tests: running the binary, making,
//! reading and comparing directory trees, running `go`, and in
//! submodules `git` ([`git`]), Go inputs with known findings
//! ([`sources`]), a Go tree to run ctxmod in ([`project`]) and a forge
//! replaying recorded exchanges ([`replay`]).

#![allow(dead_code)]

pub mod git;
pub mod project;
pub mod replay;
pub mod sources;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs the ctxmod binary with `args` in `dir`.
pub fn ctxmod(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ctxmod"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the ctxmod binary runs")
}

/// Runs the ctxmod binary with `args` in `dir`, with `env` set on top of
/// the test's environment.
pub fn ctxmod_with_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ctxmod"))
        .args(args)
        .current_dir(dir)
        .envs(env.iter().copied())
        .output()
        .expect("the ctxmod binary runs")
}

/// A new temporary directory whose name starts with `prefix`, with its
/// canonical path: the one ctxmod prints paths under, which a test can
/// compare them with. (`.tmp` is tempfile's usual prefix.)
pub fn scratch(prefix: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::Builder::new().prefix(prefix).tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    (dir, root)
}

/// Writes `contents` to `path`, creating its directories.
pub fn write_file(path: &Path, contents: impl AsRef<[u8]>) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, contents).unwrap();
}

/// The text of the file at `path`.
pub fn read_file(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// Copies the tree at `from` to `to`.
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under `root`, by relative path, with its bytes.
pub fn read_tree(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let entry = entry.unwrap();
            if entry.file_type().unwrap().is_dir() {
                stack.push(entry.path());
            } else {
                let rel = entry.path().strip_prefix(root).unwrap().to_path_buf();
                files.insert(rel, std::fs::read(entry.path()).unwrap());
            }
        }
    }
    files
}

/// Describes how two trees differ, or `None` when they are identical.
pub fn tree_difference(got: &Path, want: &Path) -> Option<String> {
    let got = read_tree(got);
    let want = read_tree(want);
    let mut problems = Vec::new();
    for (path, bytes) in &want {
        match got.get(path) {
            None => problems.push(format!("missing {}", path.display())),
            Some(g) if g != bytes => problems.push(format!(
                "{} differs:\n{}",
                path.display(),
                similar::TextDiff::from_lines(
                    &String::from_utf8_lossy(bytes).to_string(),
                    &String::from_utf8_lossy(g).to_string()
                )
                .unified_diff()
                .header("expected", "got")
            )),
            _ => {}
        }
    }
    for path in got.keys().filter(|p| !want.contains_key(*p)) {
        problems.push(format!("unexpected {}", path.display()));
    }
    (!problems.is_empty()).then(|| problems.join("\n"))
}

/// True when the Go toolchain is on PATH.
pub fn have_go() -> bool {
    Command::new("go")
        .arg("version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The settings the Go toolchain gets in the tests: the installed Go
/// only, no workspace, the module cache as it is.
pub const GO_ENV: &[(&str, &str)] = &[
    ("GOTOOLCHAIN", "local"),
    ("GOWORK", "off"),
    ("GOFLAGS", "-mod=mod"),
];

/// Runs `go args` in `dir` with [`GO_ENV`]; returns the combined output
/// on failure.
pub fn go(dir: &Path, args: &[&str]) -> Result<(), String> {
    let out = Command::new("go")
        .args(args)
        .current_dir(dir)
        .envs(GO_ENV.iter().copied())
        .output()
        .map_err(|e| e.to_string())?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}
