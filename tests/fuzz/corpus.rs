//! The seeds inputs are made from: the Go modules of the repository (the
//! golden trees and the behaviour modules) and, when asked, the Go files
//! of the module cache. The regression inputs are replayed, not mutated:
//! some of them are slow on purpose.

use std::path::{Path, PathBuf};

/// Module-cache files larger than this are left out: they only slow runs.
const MAX_CACHE_FILE: u64 = 256 * 1024;
/// The most module-cache files taken.
const MAX_CACHE_FILES: usize = 50_000;

/// Everything an input can start from.
pub struct Corpus {
    /// Directories holding a `go.mod`, each with its files (relative).
    pub trees: Vec<Tree>,
    /// Every Go file, of the repository first, then of the module cache.
    pub files: Vec<PathBuf>,
    /// How many of `files` come from the module cache.
    pub cache_files: usize,
}

/// A Go module of the repository.
pub struct Tree {
    /// The directory of its `go.mod`.
    pub root: PathBuf,
    /// Its files, relative to `root`.
    pub files: Vec<PathBuf>,
}

impl Corpus {
    /// Gathers the repository's modules and Go files under `repo`, and
    /// those of `module_cache` when given.
    pub fn load(repo: &Path, module_cache: Option<&Path>) -> Corpus {
        let mut all = Vec::new();
        for dir in ["golden", "tests/behaviour"] {
            files_under(&repo.join(dir), u64::MAX, usize::MAX, &mut all);
        }
        all.sort();
        let trees = all
            .iter()
            .filter(|path| path.file_name().is_some_and(|name| name == "go.mod"))
            .filter_map(|go_mod| go_mod.parent())
            .map(|root| Tree {
                root: root.to_path_buf(),
                files: all
                    .iter()
                    .filter_map(|path| path.strip_prefix(root).ok())
                    .filter(|path| *path != Path::new(crate::input::README))
                    .map(Path::to_path_buf)
                    .collect(),
            })
            .collect();
        let mut files: Vec<PathBuf> = all.into_iter().filter(|p| is_go(p)).collect();
        let repo_files = files.len();
        if let Some(cache) = module_cache {
            let mut cached = Vec::new();
            files_under(cache, MAX_CACHE_FILE, MAX_CACHE_FILES, &mut cached);
            files.extend(cached.into_iter().filter(|p| is_go(p)));
        }
        Corpus {
            trees,
            cache_files: files.len() - repo_files,
            files,
        }
    }
}

/// True for a `.go` file.
pub fn is_go(path: &Path) -> bool {
    path.extension().is_some_and(|ext| ext == "go")
}

/// Adds every file under `dir` no larger than `max_size` to `out`, until
/// it holds `max_count`; the module cache's download cache is skipped.
fn files_under(dir: &Path, max_size: u64, max_count: usize, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        if out.len() >= max_count {
            return;
        }
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let path = entry.path();
        if kind.is_dir() {
            if entry.file_name() != "cache" {
                files_under(&path, max_size, max_count, out);
            }
        } else if kind.is_file() && entry.metadata().is_ok_and(|m| m.len() <= max_size) {
            out.push(path);
        }
    }
}

/// The module cache: `GOMODCACHE`, else `go env GOMODCACHE`, if it exists.
pub fn module_cache() -> Option<PathBuf> {
    let from_env = std::env::var_os("GOMODCACHE").map(PathBuf::from);
    let dir = from_env.or_else(|| {
        let out = std::process::Command::new("go")
            .args(["env", "GOMODCACHE"])
            .output()
            .ok()?;
        let text = String::from_utf8(out.stdout).ok()?;
        Some(PathBuf::from(text.trim()))
    })?;
    dir.is_dir().then_some(dir)
}
