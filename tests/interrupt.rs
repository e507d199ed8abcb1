//! Ctrl-C during `ctxmod fix --write` and `ctxmod apply`: whenever SIGINT
//! comes, the run exits 130 (or 0, when it finished first), every Go file
//! is either as it was or fully fixed, and no temporary file is left
//! anywhere: not beside the Go files, not in the temporary directory, not
//! in the repository.

mod support;

use std::collections::BTreeMap;
use std::hash::{BuildHasher, Hasher};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use support::git::git;
use support::sources::leaky;
use support::{copy_tree, read_tree, write_file};

/// Go files in the generated tree: enough for the write phase to last a
/// while, few enough for the test to stay quick in a debug build.
const FILES: usize = 150;

/// How many runs are interrupted.
const TRIES: usize = 20;

/// How long a run may take to install its signal handler: a signal before
/// that ends the process the default way (status "killed by SIGINT"),
/// before it has made anything.
const HANDLER_WAIT: Duration = Duration::from_secs(1);

/// Waits until the process `pid` catches SIGINT, as `/proc` tells, for at
/// most [`HANDLER_WAIT`]; without `/proc`, for a tenth of that.
fn wait_for_handler(pid: u32) {
    let started = Instant::now();
    while started.elapsed() < HANDLER_WAIT {
        let Ok(status) = std::fs::read_to_string(format!("/proc/{pid}/status")) else {
            std::thread::sleep(HANDLER_WAIT / 10);
            return;
        };
        let caught = status
            .lines()
            .find_map(|line| line.strip_prefix("SigCgt:"))
            .and_then(|mask| u64::from_str_radix(mask.trim(), 16).ok())
            .is_some_and(|mask| mask & (1 << (libc::SIGINT - 1)) != 0);
        if caught {
            return;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// A tree of `files` Go files in 20 packages, each with a lost cancel
/// that the lost-cancel rule fixes safely.
fn generate(root: &Path, files: usize) {
    for i in 0..files {
        let package = format!("pkg{}", i % 20);
        write_file(
            &root.join(&package).join(format!("f{i}.go")),
            leaky(&[&format!("Load{i}")]).replace("package app", &format!("package {package}")),
        );
    }
}

/// Starts `ctxmod fix --write .` in `dir`.
fn start(dir: &Path) -> std::process::Child {
    start_with(dir, &["fix", "--write", "."], None)
}

/// Starts `ctxmod args` in `dir`, with `TMPDIR` set to `tmp` when given.
fn start_with(dir: &Path, args: &[&str], tmp: Option<&Path>) -> std::process::Child {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ctxmod"));
    if let Some(tmp) = tmp {
        command.env("TMPDIR", tmp);
    }
    command
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the ctxmod binary runs")
}

/// A random number below `n`.
fn random_below(n: u64) -> u64 {
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(n);
    hasher.finish() % n.max(1)
}

/// Sends SIGINT to `child` unless it has finished, and waits for it.
fn interrupt(mut child: std::process::Child) -> std::process::Output {
    if child.try_wait().unwrap().is_none() {
        // SAFETY: kill sends a signal to our own child, which is not
        // reaped yet, so its pid is still its own.
        let sent = unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGINT) };
        assert_eq!(sent, 0, "kill: {}", std::io::Error::last_os_error());
    }
    child.wait_with_output().unwrap()
}

/// The tree of the branch `fixes` of `repo`, when there is one.
fn branch_tree(repo: &Path) -> Option<String> {
    let out = Command::new("git")
        .args(["rev-parse", "-q", "--verify", "fixes^{tree}"])
        .current_dir(repo)
        .output()
        .expect("git runs");
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// The paths under `dir` whose names look like a lock or temporary file.
fn debris(dir: &Path) -> Vec<PathBuf> {
    read_tree(dir)
        .into_keys()
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.ends_with(".lock") || name.starts_with("tmp_") || name.starts_with(".tmp")
        })
        .collect()
}

/// `apply` checks the base's tree out into the temporary directory and
/// writes objects and a ref into the repository: a signal leaves none of
/// it half-done, and the user's checkout as it was.
#[test]
fn sigint_during_apply_leaves_no_checkout_lock_or_temporary_object() {
    const TRIES: usize = 6;
    let scratch = tempfile::tempdir().unwrap();
    let repo = scratch.path().join("repo");
    let tmp = scratch.path().join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    generate(&repo, 100);
    git(&repo, &["init", "-q", "-b", "main"]);
    git(&repo, &["add", "."]);
    git(
        &repo,
        &[
            "-c",
            "user.name=Dev",
            "-c",
            "user.email=dev@example.com",
            "commit",
            "-q",
            "-m",
            "init",
        ],
    );
    let checkout = |repo: &Path| {
        let mut files = read_tree(repo);
        files.retain(|p, _| !p.starts_with(".git"));
        files
    };
    let before = checkout(&repo);
    let args = [
        "apply",
        "--branch",
        "fixes",
        "--no-verify",
        "--rule",
        "lost-cancel",
        "--author",
        "ctxmod <ctxmod@example.com>",
    ];
    let started = Instant::now();
    let out = start_with(&repo, &args, Some(&tmp))
        .wait_with_output()
        .unwrap();
    let whole_run = started.elapsed();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let fixed_tree = branch_tree(&repo).expect("the branch is made");
    for attempt in 0..TRIES {
        if branch_tree(&repo).is_some() {
            git(&repo, &["branch", "-D", "-q", "fixes"]);
        }
        let delay = Duration::from_millis(random_below(whole_run.as_millis() as u64 + 1));
        let child = start_with(&repo, &args, Some(&tmp));
        wait_for_handler(child.id());
        std::thread::sleep(delay);
        let out = interrupt(child);
        let code = out.status.code();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            code == Some(130) || code == Some(0),
            "try {attempt} (SIGINT after {delay:?}): status {:?}\n{stderr}",
            out.status
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
        let left: Vec<_> = std::fs::read_dir(&tmp).unwrap().collect();
        assert!(left.is_empty(), "try {attempt}: {left:?} left in TMPDIR");
        assert_eq!(debris(&repo), Vec::<PathBuf>::new(), "try {attempt}");
        assert!(
            checkout(&repo) == before,
            "try {attempt}: the checkout changed"
        );
        if let Some(tree) = branch_tree(&repo) {
            assert_eq!(tree, fixed_tree, "try {attempt}: the branch is whole");
        }
    }
}

/// SIGINT at random moments of `fix --write` over a few hundred files,
/// each with a fix: before, while and after the files are written.
#[test]
fn sigint_at_any_moment_leaves_each_file_whole_and_no_temporary_file() {
    let scratch = tempfile::tempdir().unwrap();
    let original = scratch.path().join("original");
    generate(&original, FILES);
    let before = read_tree(&original);

    // The fully fixed tree, from one run that is not interrupted; how
    // long it takes bounds the moments the signal is sent at.
    let fixed_dir = scratch.path().join("fixed");
    copy_tree(&original, &fixed_dir);
    let started = Instant::now();
    let out = start(&fixed_dir).wait_with_output().unwrap();
    let whole_run = started.elapsed();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let after = read_tree(&fixed_dir);
    assert_eq!(
        after.len(),
        before.len(),
        "the fix makes or removes no file"
    );
    assert!(
        before.iter().all(|(path, bytes)| after[path] != *bytes),
        "every file has a fix"
    );

    let mut outcomes: BTreeMap<&str, usize> = BTreeMap::new();
    for attempt in 0..TRIES {
        let dir = scratch.path().join(format!("try{attempt}"));
        copy_tree(&original, &dir);
        let span = whole_run.as_millis() as u64 + 1;
        let delay = Duration::from_millis(random_below(span));
        let child = start(&dir);
        wait_for_handler(child.id());
        std::thread::sleep(delay);
        let out = interrupt(child);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let code = out.status.code();
        assert!(
            code == Some(130) || code == Some(0),
            "try {attempt} (SIGINT after {delay:?}): status {:?}\n{stderr}",
            out.status
        );
        assert!(!stderr.contains("panicked"), "{stderr}");

        let got = read_tree(&dir);
        let extra: Vec<&PathBuf> = got.keys().filter(|p| !before.contains_key(*p)).collect();
        assert!(
            extra.is_empty(),
            "try {attempt} (SIGINT after {delay:?}): left behind {extra:?}"
        );
        let mut fixed = 0;
        for (path, bytes) in &got {
            if *bytes == after[path] {
                fixed += 1;
            } else {
                assert!(
                    *bytes == before[path],
                    "try {attempt} (SIGINT after {delay:?}): {} is neither the original nor the fixed file:\n{}",
                    path.display(),
                    String::from_utf8_lossy(bytes)
                );
            }
        }
        assert_eq!(got.len(), before.len(), "try {attempt}: no file lost");
        if code == Some(0) {
            assert_eq!(fixed, before.len(), "a run that finished fixed every file");
        }
        let outcome = match (code, fixed) {
            (Some(0), _) => "finished",
            (_, 0) => "interrupted before writing",
            (_, n) if n == before.len() => "interrupted after writing",
            _ => "interrupted while writing",
        };
        *outcomes.entry(outcome).or_default() += 1;
        std::fs::remove_dir_all(&dir).unwrap();
    }
    eprintln!("whole run {whole_run:?}; outcomes {outcomes:?}");
}
