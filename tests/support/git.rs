//! Running the `git` program in the tests: commands that must succeed,
//! with the user's own configuration kept out, and `git apply` of a patch
//! ctxmod printed.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// True when `git` is on PATH.
pub fn have_git() -> bool {
    Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Runs `git args` in `dir`, without the user's configuration, and
/// returns its stdout, trimmed; panics when git fails.
pub fn git(dir: &Path, args: &[&str]) -> String {
    git_env(dir, args, &[])
}

/// [`git`] with `env` set on top of the test's environment.
pub fn git_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .envs(env.iter().copied())
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// Applies `patch` with `git apply` in `dir` (treated as outside any
/// repository, the way `ctxmod fix | git apply` runs in a plain checkout).
pub fn git_apply(dir: &Path, patch: &str) {
    let mut child = Command::new("git")
        .arg("apply")
        .current_dir(dir)
        .env("GIT_CEILING_DIRECTORIES", dir.parent().unwrap())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(patch.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "git apply failed:\n{}\n--- patch\n{patch}",
        String::from_utf8_lossy(&out.stderr)
    );
}
