//! `ctxmod apply` end to end with real git: every test makes a repository
//! holding a small Go module with two findings of two rules (a discarded
//! cancel function, and `context.TODO()` where `ctx` is in scope),
//! runs the built binary, and reads the result back with the `git`
//! program.

mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use support::git::{git, git_env};
use support::{ctxmod, read_tree};

const GO_MOD: &str = "module example.com/app\n\ngo 1.22\n";

const APP: &str = "package app

import \"context\"

func Run(parent context.Context) error {
\tctx, _ := context.WithCancel(parent)
\treturn ctx.Err()
}

func Load(ctx context.Context) error {
\treturn fetch(context.TODO())
}

func fetch(ctx context.Context) error { return ctx.Err() }
";

/// [`APP`] after the background-in-scope fix only.
const APP_IN_SCOPE: &str = "package app

import \"context\"

func Run(parent context.Context) error {
\tctx, _ := context.WithCancel(parent)
\treturn ctx.Err()
}

func Load(ctx context.Context) error {
\treturn fetch(ctx)
}

func fetch(ctx context.Context) error { return ctx.Err() }
";

/// [`APP`] after both fixes.
const APP_FIXED: &str = "package app

import \"context\"

func Run(parent context.Context) error {
\tctx, cancel := context.WithCancel(parent)
\tdefer cancel()
\treturn ctx.Err()
}

func Load(ctx context.Context) error {
\treturn fetch(ctx)
}

func fetch(ctx context.Context) error { return ctx.Err() }
";

const BRANCH: &str = "ctxmod/fixes";

/// A repository with the module committed on `main` by `Dev`.
fn repository() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    std::fs::create_dir(&repo).unwrap();
    git(&repo, &["init", "-q", "-b", "main"]);
    git(&repo, &["config", "user.name", "Dev"]);
    git(&repo, &["config", "user.email", "dev@example.com"]);
    std::fs::write(repo.join("go.mod"), GO_MOD).unwrap();
    std::fs::write(repo.join("app.go"), APP).unwrap();
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-q", "-m", "init"]);
    (dir, repo)
}

fn apply(repo: &Path, args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["apply", "--branch", BRANCH, "--no-verify"];
    all.extend_from_slice(args);
    let out = ctxmod(repo, &all);
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn show(repo: &Path, rev: &str, path: &str) -> String {
    git(repo, &["show", &format!("{rev}:{path}")]) + "\n"
}

/// Everything a user sees of their checkout: the files (the `.git`
/// directory aside), the index's bytes, `HEAD` and what it points at.
fn snapshot(repo: &Path) -> (BTreeMap<PathBuf, Vec<u8>>, Vec<u8>, Vec<u8>, String) {
    let mut files = read_tree(repo);
    files.retain(|path, _| !path.starts_with(".git"));
    (
        files,
        std::fs::read(repo.join(".git/index")).unwrap(),
        std::fs::read(repo.join(".git/HEAD")).unwrap(),
        git(repo, &["rev-parse", "HEAD"]),
    )
}

#[test]
fn a_branch_is_made_without_touching_the_checkout() {
    let (_dir, repo) = repository();
    // Uncommitted edits, one staged and one not.
    std::fs::write(repo.join("app.go"), format!("{APP}// wip\n")).unwrap();
    std::fs::write(repo.join("notes.txt"), "staged\n").unwrap();
    git(&repo, &["add", "notes.txt"]);
    let before = snapshot(&repo);
    let base = git(&repo, &["rev-parse", "HEAD"]);

    // With --verify (the default), as a user would run it.
    let out = ctxmod(&repo, &["apply", "--branch", BRANCH]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.starts_with("Created branch ctxmod/fixes"),
        "{stdout}"
    );
    assert!(stdout.contains("2 fixes"), "{stdout}");
    assert!(
        before == snapshot(&repo),
        "working tree, index and HEAD unchanged"
    );

    let log = git(
        &repo,
        &[
            "log",
            "--format=%an <%ae>|%cn|%s",
            &format!("{base}..{BRANCH}"),
        ],
    );
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(lines.len(), 2, "{log}");
    assert!(
        lines[1].starts_with("Dev <dev@example.com>|Dev|ctxmod: `context.Background()`"),
        "{log}"
    );
    assert!(lines[1].ends_with("(1 fix)"), "{log}");
    assert!(
        lines[0].starts_with("Dev <dev@example.com>|Dev|ctxmod: a cancel func"),
        "{log}"
    );
    assert_eq!(git(&repo, &["rev-parse", &format!("{BRANCH}~2")]), base);

    // The first commit holds one rule's fix, the second both; go.mod is
    // the base's.
    assert_eq!(show(&repo, &format!("{BRANCH}~1"), "app.go"), APP_IN_SCOPE);
    assert_eq!(show(&repo, BRANCH, "app.go"), APP_FIXED);
    assert_eq!(show(&repo, BRANCH, "go.mod"), GO_MOD);
    assert_eq!(
        git(&repo, &["ls-tree", "-r", "--name-only", BRANCH]),
        "app.go\ngo.mod",
        "the uncommitted file is not in it"
    );
    let body = git(&repo, &["log", "-1", "--format=%B", BRANCH]);
    assert!(body.contains("Rule CTX005 lost-cancel"), "{body}");
    assert!(body.contains("Files:\n  app.go\n"), "{body}");
    assert!(body.ends_with(&format!("Ctxmod-Base: {base}")), "{body}");
}

#[test]
fn squash_makes_one_commit_by_the_given_author() {
    let (_dir, repo) = repository();
    let base = git(&repo, &["rev-parse", "HEAD"]);
    let (code, _, stderr) = apply(&repo, &["--squash", "--author", "Bot <bot@example.com>"]);
    assert_eq!(code, 0, "{stderr}");
    let log = git(
        &repo,
        &[
            "log",
            "--format=%an <%ae>|%cn|%s",
            &format!("{base}..{BRANCH}"),
        ],
    );
    assert_eq!(
        log,
        "Bot <bot@example.com>|Bot|ctxmod: fix misuses of context.Context (2 fixes)"
    );
    assert_eq!(show(&repo, BRANCH, "app.go"), APP_FIXED);
}

#[test]
fn a_second_apply_changes_nothing() {
    let (_dir, repo) = repository();
    assert_eq!(apply(&repo, &[]).0, 0);
    let tip = git(&repo, &["rev-parse", BRANCH]);
    let (code, stdout, _) = apply(&repo, &[]);
    assert_eq!(code, 0);
    assert!(stdout.contains("already holds the fixes"), "{stdout}");
    assert_eq!(git(&repo, &["rev-parse", BRANCH]), tip);
}

/// Commits a second file with a lost cancel on `main`.
fn move_base(repo: &Path) -> String {
    let more = APP
        .replace("Run(", "RunMore(")
        .replace("Load(", "LoadMore(")
        .replace(
            "func fetch(ctx context.Context) error { return ctx.Err() }\n",
            "",
        );
    std::fs::write(repo.join("more.go"), more).unwrap();
    git(repo, &["add", "more.go"]);
    git(repo, &["commit", "-q", "-m", "more"]);
    git(repo, &["rev-parse", "HEAD"])
}

#[test]
fn a_changed_base_rebuilds_the_branch() {
    let (_dir, repo) = repository();
    assert_eq!(apply(&repo, &[]).0, 0);
    let old = git(&repo, &["rev-parse", BRANCH]);
    let base = move_base(&repo);
    let (code, stdout, stderr) = apply(&repo, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.starts_with("Rebuilt branch ctxmod/fixes"),
        "{stdout}"
    );
    assert_eq!(git(&repo, &["rev-parse", &format!("{BRANCH}~2")]), base);
    assert_ne!(git(&repo, &["rev-parse", BRANCH]), old);
    assert!(show(&repo, BRANCH, "more.go").contains("defer cancel()"));
    assert_eq!(show(&repo, BRANCH, "app.go"), APP_FIXED);
}

#[test]
fn a_branch_with_a_foreign_commit_is_left_alone_unless_forced() {
    let (_dir, repo) = repository();
    assert_eq!(apply(&repo, &[]).0, 0);
    // Someone adds a commit of their own to the branch.
    let tip = git(&repo, &["rev-parse", BRANCH]);
    let tree = git(&repo, &["rev-parse", &format!("{BRANCH}^{{tree}}")]);
    let theirs = git_env(
        &repo,
        &["commit-tree", &tree, "-p", &tip, "-m", "a reviewer's touch"],
        &[
            ("GIT_AUTHOR_NAME", "Reviewer"),
            ("GIT_AUTHOR_EMAIL", "rev@example.com"),
        ],
    );
    git(
        &repo,
        &["update-ref", &format!("refs/heads/{BRANCH}"), &theirs],
    );
    move_base(&repo);

    let (code, stdout, stderr) = apply(&repo, &[]);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stderr.contains("has a commit ctxmod did not make"),
        "{stderr}"
    );
    assert!(stderr.contains("Reviewer <rev@example.com>"), "{stderr}");
    assert!(stderr.contains("--force"), "{stderr}");
    assert_eq!(git(&repo, &["rev-parse", BRANCH]), theirs);

    let (code, stdout, _) = apply(&repo, &["--force"]);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("Rebuilt branch"), "{stdout}");
    assert!(show(&repo, BRANCH, "more.go").contains("defer cancel()"));
}

#[test]
fn nothing_to_fix_makes_no_branch() {
    let (_dir, repo) = repository();
    std::fs::write(repo.join("app.go"), APP_FIXED).unwrap();
    git(&repo, &["commit", "-q", "-am", "fixed by hand"]);
    let (code, stdout, _) = apply(&repo, &[]);
    assert_eq!(code, 0);
    assert!(stdout.contains("Nothing to fix"), "{stdout}");
    assert_eq!(git(&repo, &["branch", "--list", BRANCH]), "");
}

#[test]
fn the_checked_out_branch_is_refused() {
    let (_dir, repo) = repository();
    let out = ctxmod(&repo, &["apply", "--branch", "main", "--no-verify"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is checked out"));
}

#[test]
fn names_git_refuses_are_errors() {
    let (_dir, repo) = repository();
    for branch in ["HEAD", "-x", "a..b", "fix me", "x.lock", "a/.b", "@{u}"] {
        let arg = format!("--branch={branch}");
        let out = ctxmod(&repo, &["apply", &arg, "--no-verify"]);
        assert_eq!(out.status.code(), Some(2), "--branch {branch}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("branch name"),
            "--branch {branch}: {stderr}"
        );
    }
    for remote in ["bad remote", "-origin"] {
        let arg = format!("--push={remote}");
        let out = ctxmod(&repo, &["apply", "--branch", BRANCH, &arg]);
        assert_eq!(out.status.code(), Some(2), "--push {remote}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("remote name"));
    }
    assert_eq!(
        git(&repo, &["for-each-ref", "--format=%(refname)"]),
        "refs/heads/main",
        "no ref was made"
    );
}

#[test]
fn push_to_a_bare_repository_is_idempotent() {
    let (dir, repo) = repository();
    let bare = dir.path().join("remote.git");
    git(
        dir.path(),
        &["init", "-q", "--bare", bare.to_str().unwrap()],
    );
    git(&repo, &["remote", "add", "origin", bare.to_str().unwrap()]);

    let (code, stdout, stderr) = apply(&repo, &["--push", "origin"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("Pushed ctxmod/fixes to origin."),
        "{stdout}"
    );
    let tip = git(&repo, &["rev-parse", BRANCH]);
    assert_eq!(git(&bare, &["rev-parse", BRANCH]), tip);

    let (code, stdout, _) = apply(&repo, &["--push", "origin"]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("origin already has ctxmod/fixes"),
        "{stdout}"
    );
    assert_eq!(git(&bare, &["rev-parse", BRANCH]), tip);

    // As in a fresh clone, where the local branch does not exist: it is
    // made again (other commits: here one, squashed), but the remote's
    // has the same tree and is left as it is.
    git(&repo, &["branch", "-D", BRANCH]);
    let (code, stdout, _) = apply(&repo, &["--push", "origin", "--squash"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("Created branch"), "{stdout}");
    assert_ne!(git(&repo, &["rev-parse", BRANCH]), tip);
    assert!(
        stdout.contains(&format!(
            "origin already has these fixes on ctxmod/fixes (at {}); nothing pushed.",
            &tip[..7]
        )),
        "{stdout}"
    );
    assert_eq!(git(&bare, &["rev-parse", BRANCH]), tip);

    // A new base: the branch is rebuilt and replaces the remote's.
    move_base(&repo);
    let (code, stdout, _) = apply(&repo, &["--push", "origin"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("replacing"), "{stdout}");
    assert_eq!(
        git(&bare, &["rev-parse", BRANCH]),
        git(&repo, &["rev-parse", BRANCH])
    );
}

#[test]
fn a_remote_branch_with_a_foreign_commit_is_not_replaced() {
    let (dir, repo) = repository();
    let bare = dir.path().join("remote.git");
    git(
        dir.path(),
        &["init", "-q", "--bare", bare.to_str().unwrap()],
    );
    git(&repo, &["remote", "add", "origin", bare.to_str().unwrap()]);
    assert_eq!(apply(&repo, &["--push", "origin"]).0, 0);
    // Someone pushes a commit of their own to the remote's branch.
    let tip = git(&repo, &["rev-parse", BRANCH]);
    let tree = git(&repo, &["rev-parse", &format!("{tip}^{{tree}}")]);
    let theirs = git_env(
        &bare,
        &["commit-tree", &tree, "-p", &tip, "-m", "review"],
        &[
            ("GIT_AUTHOR_NAME", "Reviewer"),
            ("GIT_AUTHOR_EMAIL", "rev@example.com"),
            ("GIT_COMMITTER_NAME", "Reviewer"),
            ("GIT_COMMITTER_EMAIL", "rev@example.com"),
        ],
    );
    git(
        &bare,
        &["update-ref", &format!("refs/heads/{BRANCH}"), &theirs],
    );
    move_base(&repo);

    let (code, _, stderr) = apply(&repo, &["--push", "origin"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("not pushed"), "{stderr}");
    assert_eq!(git(&bare, &["rev-parse", BRANCH]), theirs);

    let (code, stdout, _) = apply(&repo, &["--push", "origin", "--force"]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains(&format!("replacing {}", &theirs[..7])),
        "{stdout}"
    );
}

#[test]
fn a_failed_push_does_not_print_the_password() {
    let (_dir, repo) = repository();
    git(
        &repo,
        &[
            "remote",
            "add",
            "origin",
            "http://bot:s3cret-pw@127.0.0.1:9/app.git",
        ],
    );
    let (code, stdout, stderr) = apply(&repo, &["--push", "origin"]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(stderr.contains("git ls-remote failed"), "{stderr}");
    assert!(!stderr.contains("s3cret-pw"), "{stderr}");
    assert!(!stdout.contains("s3cret-pw"), "{stdout}");
    // The same with the URL given on the command line.
    let url = "http://bot:s3cret-pw@127.0.0.1:9/app.git";
    let (code, stdout, stderr) = apply(&repo, &["--push", url]);
    assert_eq!(code, 2);
    assert!(
        !format!("{stdout}{stderr}").contains("s3cret-pw"),
        "{stdout}{stderr}"
    );
}

#[test]
fn outside_a_repository_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("go.mod"), GO_MOD).unwrap();
    std::fs::write(dir.path().join("app.go"), APP).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_ctxmod"))
        .args(["apply", "--branch", BRANCH])
        .current_dir(dir.path())
        .env("GIT_CEILING_DIRECTORIES", dir.path().parent().unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("not in a git repository"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("app.go")).unwrap(),
        APP
    );
}

/// The token the recorded forge exchanges expect.
const TOKEN: &str = "ghp_replay0123456789abcdefTOKEN";

/// A repository whose `origin` is `https://github.com/acme/widgets.git`,
/// which git's `url.<base>.insteadOf` sends to a bare repository beside
/// it: the URL names the forge's repository, the pushes land in the bare
/// one. Returns the bare repository too.
fn repository_on_a_forge() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let (dir, repo) = repository();
    let bare = dir.path().join("remote.git");
    git(
        dir.path(),
        &["init", "-q", "--bare", bare.to_str().unwrap()],
    );
    let url = "https://github.com/acme/widgets.git";
    git(&repo, &["remote", "add", "origin", url]);
    let rewrite = format!("url.{}.insteadOf", bare.display());
    git(&repo, &["config", &rewrite, url]);
    (dir, repo, bare)
}

/// `apply --push origin --pr` against the forge at `api_url`, with `env`
/// in place of the test's tokens.
fn apply_pr(
    repo: &Path,
    api_url: &str,
    args: &[&str],
    env: &[(&str, &str)],
) -> (i32, String, String) {
    let mut all = vec![
        "apply",
        "--branch",
        BRANCH,
        "--no-verify",
        "--push",
        "origin",
        "--pr",
        "--api-url",
        api_url,
    ];
    all.extend_from_slice(args);
    let out = Command::new(env!("CARGO_BIN_EXE_ctxmod"))
        .args(&all)
        .current_dir(repo)
        .env_remove("CTXMOD_TOKEN")
        .env_remove("GITHUB_TOKEN")
        .envs(env.iter().copied())
        .output()
        .expect("the ctxmod binary runs");
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn the_pull_request_is_created_then_left_then_updated() {
    let (_dir, repo, bare) = repository_on_a_forge();
    let forge = support::replay::Replay::start("apply-pr");
    let token = [("CTXMOD_TOKEN", TOKEN)];
    let base = git(&repo, &["rev-parse", "--short=7", "HEAD"]);

    let (code, stdout, stderr) = apply_pr(&repo, forge.url(), &["--label", "ctxmod"], &token);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stdout.contains("Pushed ctxmod/fixes to origin."),
        "{stdout}"
    );
    assert!(
        stdout.ends_with(
            "Created pull request #7 \"ctxmod: fix misuse of context.Context (2 fixes)\" \
             (acme/widgets: ctxmod/fixes -> main; labels ctxmod): https://github.com/acme/widgets/pull/7\n"
        ),
        "{stdout}"
    );
    assert_eq!(
        git(&bare, &["rev-parse", BRANCH]),
        git(&repo, &["rev-parse", BRANCH])
    );
    let first = forge.kept("first").expect("a pull request was created");
    assert!(
        first.starts_with("## ctxmod: 2 fixes in 1 file\n"),
        "{first}"
    );
    for part in [
        "CTX005 `lost-cancel`",
        "```diff\n",
        "+\tdefer cancel()\n",
        "+\treturn fetch(ctx)\n",
        &format!("_Made by `ctxmod apply` on {base}."),
    ] {
        assert!(first.contains(part), "{part} in {first}");
    }

    // Again: the branch, the remote and the pull request are as wanted.
    let (code, stdout, stderr) = apply_pr(&repo, forge.url(), &["--label", "ctxmod"], &token);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("already holds the fixes"), "{stdout}");
    assert!(
        stdout.contains("origin already has ctxmod/fixes"),
        "{stdout}"
    );
    assert!(
        stdout.ends_with(
            "Pull request #7 \"ctxmod: fix misuse of context.Context (2 fixes)\" \
             (acme/widgets: ctxmod/fixes -> main) is up to date: https://github.com/acme/widgets/pull/7\n"
        ),
        "{stdout}"
    );

    // A new base with two more findings: rebuilt, pushed, updated.
    move_base(&repo);
    let (code, stdout, stderr) = apply_pr(&repo, forge.url(), &["--label", "ctxmod"], &token);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("Rebuilt branch ctxmod/fixes"), "{stdout}");
    assert!(stdout.contains("replacing"), "{stdout}");
    assert!(
        stdout.contains(
            "Updated pull request #7 \"ctxmod: fix misuse of context.Context (4 fixes)\" \
             (acme/widgets: ctxmod/fixes -> main; title; body)"
        ),
        "{stdout}"
    );
    let second = forge.kept("second").expect("the body was updated");
    assert!(
        second.starts_with("## ctxmod: 4 fixes in 2 files\n"),
        "{second}"
    );
    assert!(second.contains("more.go"), "{second}");
    forge.finish();
    assert!(!stdout.contains(TOKEN) && !stderr.contains(TOKEN));
}

/// Every ref of the repository at `git_dir`, and how many files its
/// object database holds.
fn refs_and_objects(repo: &Path) -> (String, usize) {
    let refs = git(repo, &["for-each-ref", "--format=%(refname) %(objectname)"]);
    let objects = Path::new(&git(repo, &["rev-parse", "--absolute-git-dir"])).join("objects");
    (refs, read_tree(&objects).len())
}

#[test]
fn a_dry_run_writes_nothing_anywhere() {
    let (_dir, repo, bare) = repository_on_a_forge();
    let forge = support::replay::Replay::start("apply-pr-dry-run");
    let before = (snapshot(&repo), refs_and_objects(&repo));
    let remote_before = refs_and_objects(&bare);

    let (code, stdout, stderr) = apply_pr(
        &repo,
        forge.url(),
        &["--label", "ctxmod", "--dry-run"],
        &[("CTXMOD_TOKEN", TOKEN)],
    );
    assert_eq!(code, 0, "{stdout}{stderr}");
    let head = git(&repo, &["rev-parse", "--short=7", "HEAD"]);
    assert_eq!(
        stdout,
        format!(
            "Would create branch ctxmod/fixes: 2 fixes on {head} (HEAD), 2 commits:\n\
             \x20 ctxmod: `context.Background()`/`TODO()` where a context is in scope: use it (1 fix)\n\
             \x20 ctxmod: a cancel func discarded with `_`: name it and `defer cancel()` (1 fix)\n\
             Would push ctxmod/fixes to origin.\n\
             Would create pull request \"ctxmod: fix misuse of context.Context (2 fixes)\" \
             (acme/widgets: ctxmod/fixes -> main; labels ctxmod)\n"
        )
    );
    // One read of the forge, no write (an unrecorded request fails it).
    forge.finish();
    assert_eq!(forge.received(), 1);
    assert!(before == (snapshot(&repo), refs_and_objects(&repo)));
    assert_eq!(refs_and_objects(&bare), remote_before);
    assert!(
        refs_and_objects(&bare).0.is_empty(),
        "the remote has no branch"
    );
}

#[test]
fn pr_is_refused_before_any_work_without_a_token_or_a_push() {
    let (_dir, repo, _bare) = repository_on_a_forge();
    let (code, _, stderr) = apply_pr(&repo, "http://127.0.0.1:9", &[], &[]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("--pr needs a token for the github API in CTXMOD_TOKEN or GITHUB_TOKEN"),
        "{stderr}"
    );
    assert!(
        git(&repo, &["branch", "--list", BRANCH]).is_empty(),
        "no branch made"
    );
    let (code, _, stderr) = apply(&repo, &["--pr"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--push <REMOTE>"), "{stderr}");
    let (code, _, stderr) = apply(&repo, &["--push", "origin", "--draft"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--pr"), "{stderr}");
}
