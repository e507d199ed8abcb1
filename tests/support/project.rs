//! A Go tree in a temporary directory to run the built `ctxmod` in, and
//! one finished run with the checks the tests make of it (exit code,
//! stderr, the JSON report, the files a diff names).

use super::{copy_tree, read_file, read_tree, scratch, write_file, GO_ENV};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// One finished run of the binary.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The lines written on stderr.
    pub fn stderr_lines(&self) -> Vec<&str> {
        self.stderr.lines().collect()
    }

    /// Fails unless the run exited with `code`; shows what it printed.
    pub fn assert_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code,
            Some(code),
            "exit code\n--- stdout\n{}--- stderr\n{}",
            self.stdout,
            self.stderr
        );
        assert!(!self.stderr.contains("panicked"), "{}", self.stderr);
        self
    }

    /// Fails unless the run exited 2 with exactly one line on stderr that
    /// contains every one of `needles`.
    pub fn assert_one_line_error(&self, needles: &[&str]) -> &Self {
        self.assert_code(2);
        let lines = self.stderr_lines();
        assert_eq!(lines.len(), 1, "one line on stderr:\n{}", self.stderr);
        for needle in needles {
            assert!(lines[0].contains(needle), "{needle:?} in {:?}", lines[0]);
        }
        self
    }

    /// The run's one line on stderr, after checking that it exited 2 and
    /// names no temporary file: how a file ctxmod refused to write is
    /// reported.
    pub fn one_error(&self) -> &str {
        self.assert_one_line_error(&[]);
        let line = self.stderr_lines()[0];
        assert!(
            !line.contains(".tmp") && !line.contains(".ctxmod-"),
            "a temporary path: {line}"
        );
        line
    }

    /// The findings of a `check --format json` run.
    pub fn findings(&self) -> Vec<Value> {
        let report: Value = serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout));
        assert_eq!(report["version"], 1, "{}", self.stdout);
        match &report["findings"] {
            Value::Array(items) => items.clone(),
            other => panic!("no findings array ({other:?}):\n{}", self.stdout),
        }
    }

    /// The `file` of every finding of a `check --format json` run.
    pub fn finding_files(&self) -> BTreeSet<String> {
        self.findings()
            .iter()
            .map(|f| f["file"].as_str().expect("file is a string").to_string())
            .collect()
    }

    /// The files named in the `+++ b/…` headers of a `fix` dry run.
    pub fn diff_files(&self) -> Vec<String> {
        self.stdout
            .lines()
            .filter_map(|l| l.strip_prefix("+++ b/"))
            .map(str::to_string)
            .collect()
    }
}

impl From<std::process::Output> for Run {
    fn from(out: std::process::Output) -> Run {
        Run {
            code: out.status.code(),
            stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
        }
    }
}

/// A Go tree in a temporary directory.
pub struct Project {
    _tmp: tempfile::TempDir,
    pub root: PathBuf,
}

impl Project {
    /// An empty project (its root canonical, so that paths ctxmod prints
    /// compare with the ones the test builds).
    pub fn new() -> Project {
        let (tmp, root) = scratch(".tmp");
        Project { _tmp: tmp, root }
    }

    /// A project holding `files` (relative path, contents).
    pub fn with(files: &[(&str, &str)]) -> Project {
        let p = Project::new();
        for (rel, text) in files {
            p.write(rel, text);
        }
        p
    }

    /// The absolute path of `rel`.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// Writes `contents` to `rel`, creating directories.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) {
        write_file(&self.path(rel), contents);
    }

    /// The text of `rel`.
    pub fn read(&self, rel: &str) -> String {
        read_file(&self.path(rel))
    }

    /// Every file of the project with its bytes.
    pub fn tree(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        read_tree(&self.root)
    }

    /// Runs `ctxmod args` at the project's root.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_in(".", args)
    }

    /// Runs `ctxmod args` in the project's subdirectory `dir`.
    pub fn run_in(&self, dir: &str, args: &[&str]) -> Run {
        super::ctxmod(&self.path(dir), args).into()
    }

    /// Runs `ctxmod args` and fails if it changed any file.
    pub fn run_read_only(&self, args: &[&str]) -> Run {
        let before = self.tree();
        let run = self.run(args);
        assert!(self.tree() == before, "`ctxmod {args:?}` changed files");
        run
    }

    /// A copy of the project in a new temporary directory.
    pub fn copy(&self) -> Project {
        let p = Project::new();
        copy_tree(&self.root, &p.root);
        p
    }
}

/// Runs `ctxmod args` at the project's root with [`GO_ENV`].
pub fn run_with_go(p: &Project, args: &[&str]) -> Run {
    super::ctxmod_with_env(&p.root, args, GO_ENV).into()
}
