//! One fuzz input: a small Go module (its files by relative path) and the
//! flags ctxmod runs with; made from the corpus, or read back from a
//! reproducer or regression directory.

use crate::corpus::{is_go, Corpus};
use crate::mutate;
use fastrand::Rng;
use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

/// The file of a reproducer or regression directory that says what it
/// caught (first line) and the flags it needs (a `flags:` line).
pub const README: &str = "README";

/// The package `--detach-helper` names: it exists, as the flag requires.
const DETACH_HELPER: &str = "package fzginx

import (
\t\"context\"

\t\"github.com/gin-gonic/gin\"
)

// Detach returns a copy of c that is not cancelled with the request.
func Detach(c *gin.Context) *gin.Context {
\tcp := c.Copy()
\tcp.Request = cp.Request.Clone(context.WithoutCancel(cp.Request.Context()))
\treturn cp
}
";

/// The Go versions a made-up module declares.
const GO_VERSIONS: &[&str] = &["1.20", "1.21", "1.22", "1.24", "1.26"];

/// A Go module to run ctxmod on.
#[derive(Clone)]
pub struct Input {
    /// Its files by path relative to the module's root.
    pub files: BTreeMap<PathBuf, Vec<u8>>,
    /// Flags given to both `check` and `fix`.
    pub flags: Vec<String>,
    /// How it was made: the corpus files and mutations.
    pub origin: String,
    /// The corpus files it started from.
    pub sources: Vec<PathBuf>,
}

impl Input {
    /// Makes an input: a repository module or one to three corpus files in
    /// a new module, mutated one to a few times.
    pub fn generate(rng: &mut Rng, corpus: &Corpus) -> Input {
        let mut input = if rng.bool() && !corpus.trees.is_empty() {
            from_tree(rng, corpus)
        } else {
            from_files(rng, corpus)
        };
        let go_files: Vec<PathBuf> = input.files.keys().filter(|p| is_go(p)).cloned().collect();
        if go_files.is_empty() {
            return input;
        }
        // Some inputs get only declarations that type-check, so that a
        // module that builds still builds and the compile check applies.
        let sound = rng.u8(..10) < 3;
        let count = if rng.u8(..10) == 0 {
            0
        } else {
            1 + rng.usize(..4)
        };
        let mut number = 0;
        let mut steps = Vec::new();
        for _ in 0..count {
            let path = &go_files[rng.usize(..go_files.len())];
            let donor =
                std::fs::read(&corpus.files[rng.usize(..corpus.files.len())]).unwrap_or_default();
            let file = input.files.get_mut(path).expect("a file of the input");
            let step = if sound {
                mutate::declaration(rng, file, &mut number);
                "declaration"
            } else {
                mutate::mutate(rng, file, &donor, &mut number)
            };
            steps.push(format!("{step} in {}", path.display()));
        }
        input.flags = flags(rng);
        if input.flags.iter().any(|f| f == "--detach-helper") {
            input.add_detach_helper();
        }
        if !steps.is_empty() {
            input.origin = format!("{}; {}", input.origin, steps.join(", "));
        }
        input
    }

    /// Reads a reproducer or regression directory: every file but the
    /// README, whose `flags:` line gives the flags; a `go.mod` is added
    /// when it has none.
    pub fn load(dir: &Path) -> io::Result<Input> {
        let mut files = BTreeMap::new();
        read_files(dir, dir, &mut files)?;
        let readme = files
            .remove(Path::new(README))
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
            .unwrap_or_default();
        let flags = readme
            .lines()
            .find_map(|line| line.strip_prefix("flags:"))
            .map(|flags| flags.split_whitespace().map(str::to_string).collect())
            .unwrap_or_default();
        files
            .entry(PathBuf::from("go.mod"))
            .or_insert_with(|| go_mod("1.22"));
        Ok(Input {
            files,
            flags,
            origin: dir.display().to_string(),
            sources: Vec::new(),
        })
    }

    /// Adds a package `fzginx` with a gin detach helper to the module, and
    /// its path as the value of the `--detach-helper` flag.
    fn add_detach_helper(&mut self) {
        let go_mod = self
            .files
            .get(Path::new("go.mod"))
            .map(|b| String::from_utf8_lossy(b).into_owned());
        let module = go_mod
            .as_deref()
            .and_then(|text| text.lines().find_map(|l| l.strip_prefix("module ")))
            .map_or("fuzz.example/p", str::trim);
        let at = self
            .flags
            .iter()
            .position(|f| f == "--detach-helper")
            .expect("the flag");
        self.flags.insert(at + 1, format!("{module}/fzginx.Detach"));
        self.files.insert(
            PathBuf::from("fzginx/detach.go"),
            DETACH_HELPER.as_bytes().to_vec(),
        );
    }

    /// Writes the files under `dir`, which must be empty or missing.
    pub fn write(&self, dir: &Path) -> io::Result<()> {
        for (path, bytes) in &self.files {
            let path = dir.join(path);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(path, bytes)?;
        }
        Ok(())
    }
}

/// A module of the repository, whole.
fn from_tree(rng: &mut Rng, corpus: &Corpus) -> Input {
    let tree = &corpus.trees[rng.usize(..corpus.trees.len())];
    let files = tree
        .files
        .iter()
        .filter_map(|rel| Some((rel.clone(), std::fs::read(tree.root.join(rel)).ok()?)))
        .collect();
    Input {
        files,
        flags: Vec::new(),
        origin: crate::shown(&tree.root),
        sources: vec![tree.root.clone()],
    }
}

/// One to three corpus files in a new module, mostly in one package `p`.
fn from_files(rng: &mut Rng, corpus: &Corpus) -> Input {
    let version = GO_VERSIONS[rng.usize(..GO_VERSIONS.len())];
    let mut files = BTreeMap::from([(PathBuf::from("go.mod"), go_mod(version))]);
    let same_package = rng.u8(..10) < 8;
    let mut sources = Vec::new();
    for i in 0..1 + rng.usize(..3) {
        let source = &corpus.files[rng.usize(..corpus.files.len())];
        let Ok(mut bytes) = std::fs::read(source) else {
            continue;
        };
        if same_package {
            bytes = rename_package(&bytes);
        }
        let name = source.file_name().expect("a file name").to_string_lossy();
        let mut path = PathBuf::from(name.as_ref());
        if files.contains_key(&path) {
            path = PathBuf::from(format!("f{i}_{name}"));
        }
        files.insert(path, bytes);
        sources.push(source.clone());
    }
    let origin = sources
        .iter()
        .map(|s| crate::shown(s))
        .collect::<Vec<_>>()
        .join(" + ");
    Input {
        files,
        flags: Vec::new(),
        origin: format!("go {version}: {origin}"),
        sources,
    }
}

/// A `go.mod` for a made-up module.
fn go_mod(version: &str) -> Vec<u8> {
    format!("module fuzz.example/p\n\ngo {version}\n").into_bytes()
}

/// The file with its package clause naming `p`.
fn rename_package(file: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(file.len());
    let mut done = false;
    for line in file.split_inclusive(|&b| b == b'\n') {
        if !done && line.starts_with(b"package ") {
            out.extend_from_slice(b"package p\n");
            done = true;
        } else {
            out.extend_from_slice(line);
        }
    }
    out
}

/// Flags for both commands (`check` drops the ones only `fix` takes):
/// mostly none, else a few of the options that change what the rules do.
fn flags(rng: &mut Rng) -> Vec<String> {
    const RULES: &[&str] = &[
        "background-in-scope",
        "thread-ctx",
        "struct-ctx",
        "string-key",
        "lost-cancel",
        "nil-ctx",
        "cancelled-ctx-returned",
        "ctx-not-first",
        "gin-goroutine",
        "request-ctx-goroutine",
    ];
    let mut flags = Vec::new();
    if rng.bool() {
        return flags;
    }
    let mut add = |rng: &mut Rng, odds: u8, words: &[&str]| {
        if rng.u8(..odds) == 0 {
            flags.extend(words.iter().map(|w| w.to_string()));
        }
    };
    let exported = ["auto", "thread", "wrap", "skip"][rng.usize(..4)];
    add(rng, 2, &["--exported", exported]);
    let rule = RULES[rng.usize(..RULES.len())];
    add(rng, 4, &["--rule", rule]);
    add(rng, 4, &["--key-style", "const"]);
    add(rng, 4, &["--accessors"]);
    add(rng, 4, &["--thread-background-roots"]);
    let calls = ["0", "1", "3"][rng.usize(..3)];
    add(rng, 4, &["--thread-max-calls", calls]);
    add(rng, 6, &["--detach-timeout", "2m"]);
    add(rng, 6, &["--detach-helper"]);
    flags
}

/// Adds every file under `dir` to `files`, by path relative to `root`.
fn read_files(root: &Path, dir: &Path, files: &mut BTreeMap<PathBuf, Vec<u8>>) -> io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            read_files(root, &path, files)?;
        } else {
            let rel = path
                .strip_prefix(root)
                .expect("under the root")
                .to_path_buf();
            files.insert(rel, std::fs::read(&path)?);
        }
    }
    Ok(())
}
