//! `ctxmod apply`: the fixes of a commit as commits on a branch, made in
//! the object database so that the working tree, the index and `HEAD` are
//! never touched (a dirty tree is no problem).
//!
//! The flow has stages, each taking what the one before gave: [`plan`]
//! checks the base commit's tree out into a directory of its own and runs
//! each rule's fixes there in turn (verified when asked), recording a tree
//! per rule; [`update_branch`] turns the trees into commits and moves the
//! branch, unless it already holds the result or holds a commit ctxmod
//! did not make; `push` sends it to a remote; `pull_request` opens or
//! updates the pull request of the branch, its body the report of
//! [`Plan::report`].
//!
//! A branch is ctxmod's own when every commit on it that the base does not
//! have carries the `Ctxmod-Base:` trailer and was authored and committed
//! by the identity this run uses: such a branch is rebuilt from the
//! current base whenever the result changes; any other is left alone
//! unless forced.

use crate::lint::engine::{ChangedFile, Engine, FixOutcome, Notice};
use crate::lint::fix::Applicability;
use crate::lint::rule::{RuleMeta, RuleSet};
use crate::ship::toolchain::Go;
use anyhow::{bail, Context, Result};
use git2::{BranchType, Commit, Oid, Repository, Signature};
use indicatif::ProgressBar;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The trailer that marks a commit ctxmod made, naming the base commit.
pub const TRAILER: &str = "Ctxmod-Base:";

/// How many times the rules are run in turn, at most, until none has
/// anything more to fix (a fix of one rule can make work for another).
const MAX_ROUNDS: usize = 3;

/// `name` when git would create a branch of that name: a valid
/// `refs/heads/NAME` that is not `HEAD` and does not start with `-`
/// (as `git check-ref-format --branch` rules); else why not.
pub fn branch_name(name: &str) -> std::result::Result<String, String> {
    if name == "HEAD" || name.starts_with('-') {
        return Err(format!("`{name}` is not a branch name git allows"));
    }
    if !git2::Reference::is_valid_name(&format!("refs/heads/{name}")) {
        return Err(format!(
            "`{name}` is not a valid branch name (git's rules: no spaces, `..`, `~`, `^`, `:`, `?`, `*`, `[`, `\\`, `@{{`, no part starting with `.` or ending with `.lock`)"
        ));
    }
    Ok(name.to_string())
}

/// `remote` when it is a remote's name git allows, or a URL or path to push
/// to (it has a `/` or a `:`); else why not.
pub fn remote_name(remote: &str) -> std::result::Result<String, String> {
    let url_or_path = remote.contains('/') || remote.contains(':');
    if remote.starts_with('-') || !(url_or_path || git2::Remote::is_valid_name(remote)) {
        return Err(format!(
            "`{remote}` is not a remote name git allows, nor a URL"
        ));
    }
    Ok(remote.to_string())
}

/// Who authors and commits: `Name <email>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// The name.
    pub name: String,
    /// The e-mail address.
    pub email: String,
}

impl Identity {
    /// Reads `Name <email>`.
    pub fn parse(text: &str) -> Result<Identity> {
        let parsed = text.trim().strip_suffix('>').and_then(|rest| {
            let (name, email) = rest.rsplit_once('<')?;
            let name = name.trim();
            (!name.is_empty() && !email.is_empty() && !email.contains('>')).then(|| Identity {
                name: name.to_string(),
                email: email.to_string(),
            })
        });
        match parsed {
            Some(identity) => Ok(identity),
            None => bail!("--author `{text}`: expected `Name <email>`"),
        }
    }

    /// `user.name` and `user.email` from the repository's git
    /// configuration, else `ctxmod <ctxmod@localhost>`.
    pub fn from_config(repo: &Repository) -> Identity {
        match repo.signature() {
            Ok(s) => Identity {
                name: String::from_utf8_lossy(s.name_bytes()).into_owned(),
                email: String::from_utf8_lossy(s.email_bytes()).into_owned(),
            },
            Err(_) => Identity {
                name: "ctxmod".into(),
                email: "ctxmod@localhost".into(),
            },
        }
    }

    fn signature(&self) -> Result<Signature<'static>> {
        Ok(Signature::now(&self.name, &self.email)?)
    }

    fn made(&self, who: &Signature<'_>) -> bool {
        who.name_bytes() == self.name.as_bytes() && who.email_bytes() == self.email.as_bytes()
    }
}

impl std::fmt::Display for Identity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} <{}>", self.name, self.email)
    }
}

/// The fixes of one rule, as one commit would hold them.
#[derive(Debug, Clone)]
pub struct Step {
    /// The rule.
    pub rule: &'static RuleMeta,
    /// How many fixes it applied.
    pub fixes: usize,
    /// The files it changed, relative to the repository's root.
    pub files: Vec<String>,
    /// The tree with these fixes and every earlier step's.
    pub tree: Oid,
}

/// What [`plan`] gives.
#[derive(Debug, Default)]
pub struct Plan {
    /// One step per rule that fixed something, in rule order.
    pub steps: Vec<Step>,
    /// Problems with inputs and fixes left out, paths relative to the
    /// repository's root, each once.
    pub notices: Vec<Notice>,
    /// The verification summary of each rule that had fixes, when verified.
    pub verified: Vec<String>,
    /// Every step's fixes as one `fix` run would give them: each changed
    /// file from the base's text to the last step's, paths relative to the
    /// repository's root; what the pull request's body reports. (A fix's
    /// line is in the file as its step read it.)
    pub report: FixOutcome,
}

/// Runs each rule of `rules` in turn over the files `walk` lists under
/// `checkout` (the tree of `base`, written out), applying its fixes at
/// least as applicable as `min` (verified with `go` when given) to the
/// files there and recording the tree they make. Rounds repeat, up to a
/// bound, while a rule finds more to fix.
pub fn plan(
    repo: &Repository,
    base: &Commit<'_>,
    checkout: &Path,
    rules: &RuleSet,
    walk: &dyn Fn() -> Result<Vec<PathBuf>>,
    min: Applicability,
    go: Option<&Go>,
) -> Result<Plan> {
    let mut plan = Plan::default();
    let mut report = Report::default();
    let mut tree = base.tree()?;
    for _ in 0..MAX_ROUNDS {
        let mut fixed_any = false;
        for single in rules.split() {
            let engine = Engine::new(&single);
            let scanned = engine.scan_for_fix(&walk()?, &ProgressBar::hidden());
            let (mut outcome, summary) =
                crate::ship::verify::fix_checked(&engine, &scanned, min, go)?;
            for notice in std::mem::take(&mut outcome.notices) {
                let notice = relative_notice(notice, checkout);
                if !plan.notices.contains(&notice) {
                    plan.notices.push(notice);
                }
            }
            let rule = single.rules()[0].meta();
            report.remaining.insert(rule.id, outcome.remaining);
            if outcome.changed.is_empty() {
                continue;
            }
            plan.verified.extend(summary);
            fixed_any = true;
            let mut files = Vec::new();
            for file in &outcome.changed {
                crate::output::interrupt::guarded(|| {
                    std::fs::write(&file.source.path, &file.new_text)
                })
                .with_context(|| format!("{}: cannot write", file.source.path.display()))?;
                files.push((
                    relative(checkout, &file.source.path),
                    file.new_text.as_bytes().to_vec(),
                ));
            }
            // Whole or not at all: libgit2 writes each object through a
            // temporary file that Ctrl-C would leave in the repository.
            tree = crate::output::interrupt::critical(|| {
                crate::ship::git_tree::with_files(repo, &tree, &files)
            })?;
            plan.steps.push(Step {
                rule,
                fixes: outcome.fixes.len(),
                files: files.into_iter().map(|(path, _)| path).collect(),
                tree: tree.id(),
            });
            report.add(outcome, checkout);
        }
        if !fixed_any {
            break;
        }
    }
    plan.report = report.into_outcome();
    Ok(plan)
}

/// The steps' fixes gathered into one [`FixOutcome`] as [`plan`] makes
/// them.
#[derive(Default)]
struct Report {
    /// Each changed file by relative path: as the base has it, and its
    /// latest text.
    changed: BTreeMap<PathBuf, ChangedFile>,
    /// The fixes, step after step.
    fixes: Vec<crate::lint::engine::AppliedFix>,
    /// The findings each rule left unfixed the last time it ran.
    remaining: BTreeMap<&'static str, usize>,
}

impl Report {
    /// Adds one step's outcome, its paths made relative to `checkout`. A
    /// file an earlier step changed keeps the text it was read with then.
    fn add(&mut self, outcome: FixOutcome, checkout: &Path) {
        let rel = |path: &Path| PathBuf::from(relative(checkout, path));
        for mut file in outcome.changed {
            file.source.path = rel(&file.source.path);
            match self.changed.get_mut(&file.source.path) {
                Some(seen) => {
                    seen.new_text = file.new_text;
                    seen.applied.extend(file.applied);
                }
                None => {
                    self.changed.insert(file.source.path.clone(), file);
                }
            }
        }
        for mut fix in outcome.fixes {
            fix.id.path = rel(&fix.id.path);
            fix.files = fix.files.iter().map(|p| rel(p)).collect();
            self.fixes.push(fix);
        }
    }

    fn into_outcome(self) -> FixOutcome {
        FixOutcome {
            changed: self.changed.into_values().collect(),
            fixes: self.fixes,
            remaining: self.remaining.values().sum(),
            notices: Vec::new(),
        }
    }
}

/// `path` relative to `root`, `/`-separated.
fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// `notice` with its path, and any mention of `checkout` in its message,
/// relative to the repository's root.
fn relative_notice(mut notice: Notice, checkout: &Path) -> Notice {
    notice.path = PathBuf::from(relative(checkout, &notice.path));
    let prefix = format!("{}/", checkout.display());
    notice.message = notice.message.replace(&prefix, "");
    notice
}

/// What [`update_branch`] did.
#[derive(Debug, PartialEq, Eq)]
pub enum BranchUpdate {
    /// Nothing to fix: no branch made, an existing one left as it is.
    NothingToFix {
        /// The branch's tip, when it exists.
        existing: Option<Oid>,
    },
    /// The branch already holds the result.
    UpToDate(Oid),
    /// The branch was made.
    Created(Oid),
    /// The branch was rebuilt from the base.
    Rebuilt {
        /// Its tip before.
        from: Oid,
        /// Its tip now.
        to: Oid,
    },
    /// The branch has a commit ctxmod did not make and was left alone.
    Foreign(ForeignCommit),
}

/// A commit on a branch that ctxmod did not make.
#[derive(Debug, PartialEq, Eq)]
pub struct ForeignCommit {
    /// The commit.
    pub id: Oid,
    /// Its author, `Name <email>`.
    pub author: String,
}

/// What [`update_branch`] is asked to do.
pub struct BranchRequest<'a> {
    /// The branch's short name.
    pub name: &'a str,
    /// The commit the fixes were made on.
    pub base: &'a Commit<'a>,
    /// One commit for all the steps instead of one each.
    pub squash: bool,
    /// Who authors and commits.
    pub identity: &'a Identity,
    /// Rebuild a branch that holds a commit ctxmod did not make.
    pub force: bool,
    /// Make the commits but move no ref: what would be done. (With the
    /// repository's object database writing to memory, nothing at all is
    /// written.)
    pub dry_run: bool,
}

/// Makes the commits of `steps` on the branch of `request`, or says why
/// not. Only the branch's ref (and its reflog) changes; a branch checked
/// out in any worktree is refused.
pub fn update_branch(
    repo: &Repository,
    request: &BranchRequest<'_>,
    steps: &[Step],
) -> Result<BranchUpdate> {
    let refname = format!("refs/heads/{}", request.name);
    if !git2::Reference::is_valid_name(&refname) {
        bail!("`{}` is not a valid branch name", request.name);
    }
    refuse_checked_out(repo, &refname)?;
    let existing = match repo.find_branch(request.name, BranchType::Local) {
        Ok(branch) => Some(branch.get().peel_to_commit()?),
        Err(e) if e.code() == git2::ErrorCode::NotFound => None,
        Err(e) => return Err(e.into()),
    };
    let Some(last) = steps.last() else {
        return Ok(BranchUpdate::NothingToFix {
            existing: existing.map(|c| c.id()),
        });
    };
    if let Some(tip) = &existing {
        if tip.tree_id() == last.tree {
            return Ok(BranchUpdate::UpToDate(tip.id()));
        }
        if !request.force {
            if let Some(foreign) =
                first_foreign(repo, tip.id(), request.base.id(), request.identity)?
            {
                return Ok(BranchUpdate::Foreign(foreign));
            }
        }
    }
    let tip = commit_steps(repo, request, steps)?;
    Ok(match existing {
        Some(old) => {
            if !request.dry_run {
                let log = format!("ctxmod apply: rebuilt on {}", request.base.id());
                repo.reference_matching(&refname, tip, true, old.id(), &log)?;
            }
            BranchUpdate::Rebuilt {
                from: old.id(),
                to: tip,
            }
        }
        None => {
            if !request.dry_run {
                let log = format!("ctxmod apply: created on {}", request.base.id());
                repo.reference(&refname, tip, false, &log)?;
            }
            BranchUpdate::Created(tip)
        }
    })
}

/// An error when `refname` is checked out in the repository or any of its
/// worktrees: moving it would change what `HEAD` is.
fn refuse_checked_out(repo: &Repository, refname: &str) -> Result<()> {
    let head_of = |r: &Repository| -> Option<String> {
        r.find_reference("HEAD")
            .ok()?
            .symbolic_target()
            .map(str::to_string)
    };
    let mut heads = vec![head_of(repo)];
    for name in repo.worktrees()?.iter().flatten() {
        if let Ok(worktree) = repo.find_worktree(name) {
            if let Ok(other) = Repository::open_from_worktree(&worktree) {
                heads.push(head_of(&other));
            }
        }
    }
    if let Ok(main) = Repository::open(repo.commondir()) {
        heads.push(head_of(&main));
    }
    if heads.iter().flatten().any(|h| h == refname) {
        bail!(
            "branch `{}` is checked out; ctxmod apply never moves a checked-out branch (switch away from it, or pick another --branch)",
            refname.trim_start_matches("refs/heads/")
        );
    }
    Ok(())
}

/// The first commit reachable from `tip` but not from `base` that ctxmod
/// did not make as `identity`, if any.
pub fn first_foreign(
    repo: &Repository,
    tip: Oid,
    base: Oid,
    identity: &Identity,
) -> Result<Option<ForeignCommit>> {
    let mut walk = repo.revwalk()?;
    walk.push(tip)?;
    walk.hide(base)?;
    for id in walk {
        let commit = repo.find_commit(id?)?;
        let marked = commit
            .message_bytes()
            .split(|b| *b == b'\n')
            .any(|line| line.starts_with(TRAILER.as_bytes()));
        if !(marked && identity.made(&commit.author()) && identity.made(&commit.committer())) {
            let author = commit.author();
            return Ok(Some(ForeignCommit {
                id: commit.id(),
                author: format!(
                    "{} <{}>",
                    String::from_utf8_lossy(author.name_bytes()),
                    String::from_utf8_lossy(author.email_bytes())
                ),
            }));
        }
    }
    Ok(None)
}

/// The subject lines of the commits from `base` (excluded) to `tip`,
/// oldest first.
pub fn subjects(repo: &Repository, tip: Oid, base: Oid) -> Result<Vec<String>> {
    let mut walk = repo.revwalk()?;
    walk.set_sorting(git2::Sort::TOPOLOGICAL | git2::Sort::REVERSE)?;
    walk.push(tip)?;
    walk.hide(base)?;
    walk.map(|id| {
        let commit = repo.find_commit(id?)?;
        Ok(commit.summary().unwrap_or_default().to_string())
    })
    .collect()
}

/// Writes the commits of `steps` on top of the base: one per step, or one
/// for all when squashed. Returns the last.
fn commit_steps(repo: &Repository, request: &BranchRequest<'_>, steps: &[Step]) -> Result<Oid> {
    let who = request.identity.signature()?;
    let base = request.base.id();
    let groups: Vec<&[Step]> = if request.squash {
        vec![steps]
    } else {
        steps.chunks(1).collect()
    };
    let mut parent = request.base.clone();
    for group in groups {
        let tree = repo.find_tree(group.last().expect("groups are not empty").tree)?;
        let message = message(group, base);
        let id = repo.commit(None, &who, &who, &message, &tree, &[&parent])?;
        parent = repo.find_commit(id)?;
    }
    Ok(parent.id())
}

/// A commit message for `steps`: `ctxmod: <summary> (<n> fixes)`, a body
/// naming the rules and listing the files, and the trailer.
pub fn message(steps: &[Step], base: Oid) -> String {
    let fixes: usize = steps.iter().map(|s| s.fixes).sum();
    let count = format!("{fixes} {}", if fixes == 1 { "fix" } else { "fixes" });
    let mut out = match steps {
        [step] => format!(
            "ctxmod: {} ({count})\n\nRule {} {} ({} fixes); `ctxmod explain {}` says why.\n",
            step.rule.summary,
            step.rule.code,
            step.rule.id,
            step.rule.applicability.as_str(),
            step.rule.id
        ),
        _ => {
            let mut out = format!("ctxmod: fix misuses of context.Context ({count})\n\n");
            for step in steps {
                out.push_str(&format!(
                    "- {} {}: {} ({} {})\n",
                    step.rule.code,
                    step.rule.id,
                    step.rule.summary,
                    step.fixes,
                    if step.fixes == 1 { "fix" } else { "fixes" }
                ));
            }
            out
        }
    };
    let files: BTreeSet<&str> = steps
        .iter()
        .flat_map(|s| s.files.iter().map(String::as_str))
        .collect();
    out.push_str("\nFiles:\n");
    for file in files {
        out.push_str(&format!("  {file}\n"));
    }
    out.push_str(&format!("\n{TRAILER} {base}\n"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identities() {
        let who = Identity::parse(" Jane Doe <jane@example.com> ").unwrap();
        assert_eq!(who.name, "Jane Doe");
        assert_eq!(who.email, "jane@example.com");
        assert_eq!(who.to_string(), "Jane Doe <jane@example.com>");
        for bad in [
            "jane",
            "<jane@example.com>",
            "Jane <>",
            "Jane jane@example.com>",
        ] {
            assert!(Identity::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_message_has_subject_rule_files_and_trailer() {
        let rule = crate::transforms::registry()
            .iter()
            .find(|e| e.matches("lost-cancel"))
            .unwrap()
            .meta();
        let step = Step {
            rule,
            fixes: 2,
            files: vec!["b.go".into(), "a/a.go".into()],
            tree: Oid::zero(),
        };
        let text = message(&[step], Oid::zero());
        let zero = Oid::zero();
        assert_eq!(
            text,
            format!(
                "ctxmod: {} (2 fixes)\n\nRule CTX005 lost-cancel (safe fixes); `ctxmod explain lost-cancel` says why.\n\nFiles:\n  a/a.go\n  b.go\n\nCtxmod-Base: {zero}\n",
                rule.summary
            )
        );
    }
}
