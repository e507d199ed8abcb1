//! Finding the Go files of a run: paths as Go users type them, directories
//! walked in parallel with `.gitignore` respected and Go's own skips.

use crate::lint::config::Config;
use anyhow::{bail, Result};
use ignore::{WalkBuilder, WalkState};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Turns `./...` and `dir/...` into the directory to walk.
pub fn strip_ellipsis(arg: &str) -> &str {
    let stripped = arg.strip_suffix("...").unwrap_or(arg);
    if stripped.len() < arg.len() {
        let dir = stripped.trim_end_matches('/');
        if dir.is_empty() {
            "."
        } else {
            dir
        }
    } else {
        arg
    }
}

/// True for a file the Go tool builds from: `*.go` not starting with `.` or `_`.
fn is_go_file(name: &str) -> bool {
    name.ends_with(".go") && !name.starts_with('.') && !name.starts_with('_')
}

/// The Go files of a run, and the parts of the tree that could not be read.
#[derive(Debug, Default)]
pub struct GoFiles {
    /// Every Go file found, sorted, each once.
    pub files: Vec<PathBuf>,
    /// Directories or entries the walk could not read, one line each.
    pub unreadable: Vec<String>,
    /// The directories given that hold no Go file: a note, not an error,
    /// so that a job on a repository without Go passes.
    pub empty: Vec<PathBuf>,
}

/// Every Go file under `args` (files, directories or `dir/...`), sorted.
/// A missing path or a non-Go file is an error naming it; a directory
/// holding no Go files is listed in [`GoFiles::empty`]; an unreadable
/// directory inside the tree is listed in [`GoFiles::unreadable`] and the
/// walk goes on.
pub fn go_files(args: &[String], config: &Config) -> Result<GoFiles> {
    let mut files = Vec::new();
    let mut unreadable = Vec::new();
    let mut empty = Vec::new();
    for arg in args {
        let path = Path::new(strip_ellipsis(arg));
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                bail!("{}: no such file or directory", path.display())
            }
            Err(e) => bail!("{}: {e}", path.display()),
        };
        if meta.is_file() {
            if path.extension().is_none_or(|e| e != "go") {
                bail!("{}: not a Go file", path.display());
            }
            files.push(path.to_path_buf());
            continue;
        }
        let (found, errors) = walk_dir(path, config);
        unreadable.extend(errors);
        if found.is_empty() && unreadable.is_empty() {
            empty.push(path.to_path_buf());
        }
        files.extend(found);
    }
    files.sort();
    // The same file reached through overlapping arguments (`. sub`,
    // `a.go ./a.go`) is checked and fixed once, not reported twice and
    // then refused as "changed on disk" by its second write.
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| seen.insert(std::fs::canonicalize(f).unwrap_or_else(|_| f.clone())));
    Ok(GoFiles {
        files,
        unreadable,
        empty,
    })
}

fn walk_dir(root: &Path, config: &Config) -> (Vec<PathBuf>, Vec<String>) {
    let found = Mutex::new(Vec::new());
    let errors = Mutex::new(Vec::new());
    WalkBuilder::new(root)
        .hidden(false)
        .git_ignore(true)
        .git_exclude(true)
        .git_global(false)
        .require_git(false)
        .parents(true)
        .filter_entry(|entry| {
            if entry.depth() == 0 {
                return true;
            }
            let name = entry.file_name().to_string_lossy();
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            !(is_dir && crate::go::gomod::skipped_dir(&name))
        })
        .build_parallel()
        .run(|| {
            Box::new(|entry| {
                let entry = match entry {
                    Ok(entry) => entry,
                    Err(e) => {
                        errors.lock().expect("walk errors lock").push(e.to_string());
                        return WalkState::Continue;
                    }
                };
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                if is_file
                    && is_go_file(&entry.file_name().to_string_lossy())
                    && !config.is_excluded(entry.path())
                {
                    found
                        .lock()
                        .expect("walk results lock")
                        .push(entry.into_path());
                }
                WalkState::Continue
            })
        });
    (
        found.into_inner().expect("walk results lock"),
        errors.into_inner().expect("walk errors lock"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ellipsis() {
        assert_eq!(strip_ellipsis("./..."), ".");
        assert_eq!(strip_ellipsis("..."), ".");
        assert_eq!(strip_ellipsis("pkg/..."), "pkg");
        assert_eq!(strip_ellipsis("a.go"), "a.go");
        assert_eq!(strip_ellipsis(".."), "..");
    }

    #[test]
    fn skips_like_go() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for p in [
            "a.go",
            "_x.go",
            "vendor/v.go",
            "testdata/t.go",
            ".hidden/h.go",
            "_tmp/u.go",
            "sub/b.go",
            "ignored/i.go",
            "sub/readme.md",
        ] {
            let path = root.join(p);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, "package a\n").unwrap();
        }
        std::fs::write(root.join(".gitignore"), "ignored/\n").unwrap();
        let found = go_files(&[root.display().to_string()], &Config::default()).unwrap();
        assert!(found.unreadable.is_empty());
        let files = found.files;
        let rel: Vec<String> = files
            .iter()
            .map(|f| f.strip_prefix(root).unwrap().display().to_string())
            .collect();
        assert_eq!(rel, vec!["a.go", "sub/b.go"]);
    }

    #[test]
    fn errors_name_the_path() {
        let err = go_files(&["/no/such/dir".into()], &Config::default()).unwrap_err();
        assert_eq!(err.to_string(), "/no/such/dir: no such file or directory");
        let dir = tempfile::tempdir().unwrap();
        let found = go_files(&[dir.path().display().to_string()], &Config::default()).unwrap();
        assert!(found.files.is_empty());
        assert_eq!(found.empty, [dir.path()]);
    }
}
