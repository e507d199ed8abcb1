//! `apply --push`: sending the branch to a remote with `git push`, with
//! force-with-lease semantics. The `git` program does the talking, so
//! every way a user's git already authenticates works as it does for
//! them: credential helpers, `http.extraHeader` (as CI checkouts set it),
//! SSH agents, `GIT_ASKPASS`. A token in `CTXMOD_TOKEN` (else
//! `GITHUB_TOKEN`) is offered for an HTTP(S) remote through a credential
//! helper that reads the variable, so it never appears on a command line.
//! Nothing git prints reaches the user before passwords in URLs and the
//! token are masked.

use crate::ship::apply::ForeignCommit;
use anyhow::{bail, Context, Result};
use git2::{Oid, Repository};
use std::process::{Command, Output};

/// The variables a token for pushing is read from, first set first.
const TOKEN_VARS: [&str; 2] = ["CTXMOD_TOKEN", "GITHUB_TOKEN"];

/// What [`push`] did.
#[derive(Debug, PartialEq, Eq)]
pub enum Pushed {
    /// The remote already had the branch at this tip.
    UpToDate,
    /// The remote's branch is ctxmod's, at another commit with the same
    /// tree (as in a fresh clone, where the branch is made anew each run):
    /// nothing is pushed, so the pull request does not change.
    SameTree(Oid),
    /// The branch was pushed; `replaced` is the remote's tip before, if
    /// it had the branch.
    Pushed {
        /// The remote's tip before.
        replaced: Option<Oid>,
    },
    /// The remote's branch has a commit ctxmod did not make: left alone.
    Foreign(ForeignCommit),
    /// A dry run: the branch would be pushed, replacing the remote's tip
    /// `replaced` if it has the branch. `unchecked` when that tip is not
    /// in the local repository, so a dry run (which fetches nothing) could
    /// not look for commits ctxmod did not make.
    WouldPush {
        /// The remote's tip now.
        replaced: Option<Oid>,
        /// The remote's commits were not looked at.
        unchecked: bool,
    },
}

/// Pushes local branch `branch` (at `tip`) to `remote`, replacing the
/// remote's branch only if it is what was checked: absent, or a tip
/// `owned` finds no foreign commit in (or anything, with `force`) and
/// whose tree differs from `tip`'s. The
/// remote's branch is fetched to check it when its tip is not known
/// here, and the push is refused by the remote if it moved since. With
/// `dry_run`, the remote is only listed: nothing is fetched or pushed.
pub fn push(
    repo: &Repository,
    remote: &str,
    branch: &str,
    tip: Oid,
    force: bool,
    dry_run: bool,
    owned: &dyn Fn(Oid) -> Result<Option<ForeignCommit>>,
) -> Result<Pushed> {
    let git = Git::new(repo, remote);
    let refname = format!("refs/heads/{branch}");
    let listed = git.run(&["ls-remote", "--", remote, &refname])?;
    let theirs = listed.lines().find_map(|line| {
        let (id, name) = line.split_once('\t')?;
        (name == refname).then(|| Oid::from_str(id).ok())?
    });
    if theirs == Some(tip) {
        return Ok(Pushed::UpToDate);
    }
    if let Some(id) = theirs {
        let known = repo.find_commit(id).is_ok();
        if dry_run && !known {
            return Ok(Pushed::WouldPush {
                replaced: theirs,
                unchecked: !force,
            });
        }
        if !known {
            git.run(&[
                "fetch",
                "--no-tags",
                "--no-write-fetch-head",
                "--",
                remote,
                &refname,
            ])?;
        }
        if !force {
            if let Some(foreign) = owned(id)? {
                return Ok(Pushed::Foreign(foreign));
            }
        }
        if repo.find_commit(id)?.tree_id() == repo.find_commit(tip)?.tree_id() {
            return Ok(Pushed::SameTree(id));
        }
    }
    if dry_run {
        return Ok(Pushed::WouldPush {
            replaced: theirs,
            unchecked: false,
        });
    }
    let expected = theirs.map(|id| id.to_string()).unwrap_or_default();
    git.run(&[
        "push",
        "--porcelain",
        &format!("--force-with-lease={refname}:{expected}"),
        "--",
        remote,
        &format!("{refname}:{refname}"),
    ])?;
    Ok(Pushed::Pushed { replaced: theirs })
}

/// `git` run on one repository, for one remote.
struct Git {
    git_dir: std::path::PathBuf,
    /// `-c` settings that offer the token, when there is one.
    token_helper: Option<String>,
}

impl Git {
    fn new(repo: &Repository, remote: &str) -> Git {
        let url = repo
            .find_remote(remote)
            .ok()
            .and_then(|r| r.url().map(str::to_string))
            .unwrap_or_else(|| remote.to_string());
        let token_helper = token().and_then(|_| {
            let origin = http_origin(&url)?;
            // Single quotes keep the variables for the helper's shell.
            Some(format!(
                "credential.{origin}.helper=!f() {{ test \"$1\" = get && printf 'username=x-access-token\\npassword=%s\\n' \"${{{}:-${}}}\"; }}; f",
                TOKEN_VARS[0], TOKEN_VARS[1]
            ))
        });
        Git {
            git_dir: repo.path().to_path_buf(),
            token_helper,
        }
    }

    /// Runs `git args`, returning its stdout; on failure, an error with
    /// what it printed, masked.
    fn run(&self, args: &[&str]) -> Result<String> {
        let mut command = Command::new("git");
        command.arg("--git-dir").arg(&self.git_dir);
        if let Some(helper) = &self.token_helper {
            command.arg("-c").arg(helper);
        }
        command.args(args).stdin(std::process::Stdio::null());
        // No one answers a terminal prompt: fail instead of waiting.
        if std::env::var_os("GIT_TERMINAL_PROMPT").is_none() {
            command.env("GIT_TERMINAL_PROMPT", "0");
        }
        let Output {
            status,
            stdout,
            stderr,
        } = match command.output() {
            Ok(output) => output,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                bail!("--push needs the `git` program, which is not on PATH")
            }
            Err(e) => return Err(e).context("cannot run git"),
        };
        let stdout = String::from_utf8_lossy(&stdout).into_owned();
        if !status.success() {
            let said = format!("{}{}", String::from_utf8_lossy(&stderr), stdout);
            bail!("git {} failed: {}", args[0], mask(said.trim()));
        }
        Ok(stdout)
    }
}

/// The token for pushing, from the first of [`TOKEN_VARS`] set.
fn token() -> Option<String> {
    TOKEN_VARS
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|t| !t.is_empty()))
}

/// `scheme://host[:port]` of an HTTP(S) URL, without user or password:
/// what a credential helper is scoped to.
fn http_origin(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    if scheme != "https" && scheme != "http" {
        return None;
    }
    let authority = rest.split('/').next()?;
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    Some(format!("{scheme}://{host}"))
}

/// `text` with the password of every URL in it, and the token, masked.
pub fn mask(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("://") {
        let (before, after) = rest.split_at(at + 3);
        out.push_str(before);
        let end = after
            .find(|c: char| c.is_whitespace() || c == '/' || c == '\'' || c == '"')
            .unwrap_or(after.len());
        let authority = &after[..end];
        match authority.rsplit_once('@') {
            Some((userinfo, host)) => {
                // A lone user part may be a token: masked too.
                match userinfo.split_once(':') {
                    Some((user, _)) => out.push_str(&format!("{user}:***@{host}")),
                    None => out.push_str(&format!("***@{host}")),
                }
            }
            None => out.push_str(authority),
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    match token() {
        Some(token) => out.replace(&token, "***"),
        None => out,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_in_urls_are_masked() {
        assert_eq!(
            mask("fatal: unable to access 'https://bot:s3cret@example.com/a.git/': refused"),
            "fatal: unable to access 'https://bot:***@example.com/a.git/': refused"
        );
        assert_eq!(
            mask("https://tok3n@example.com/a and http://example.com/b"),
            "https://***@example.com/a and http://example.com/b"
        );
    }

    #[test]
    fn helpers_are_scoped_to_the_origin() {
        assert_eq!(
            http_origin("https://bot:pw@example.com:8443/org/repo.git").as_deref(),
            Some("https://example.com:8443")
        );
        assert_eq!(http_origin("git@example.com:org/repo.git"), None);
        assert_eq!(http_origin("/srv/repo.git"), None);
    }
}
