//! `ctxmod apply`: the fixes of a commit committed on a branch, pushed,
//! and proposed as a pull request.

use super::{
    configure, print_notices, ApplyArgs, Selection, EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS,
};
use crate::lint::fix::Applicability;
use crate::ship::forge::ForgeKind;
use anyhow::{bail, Context, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The repository `path` is in.
fn open_repository(path: &Path) -> Result<git2::Repository> {
    let mut probe = crate::go::gomod::absolute(path);
    while !probe.exists() {
        match probe.parent() {
            Some(parent) => probe = parent.to_path_buf(),
            None => break,
        }
    }
    git2::Repository::discover(&probe).map_err(|_| {
        anyhow::anyhow!(
            "{}: not in a git repository (apply commits to a git branch; `ctxmod fix --write` edits files anywhere)",
            path.display()
        )
    })
}

/// `path` relative to the working directory `workdir` (canonical).
fn in_repository(workdir: &Path, path: &Path) -> Result<PathBuf> {
    let full = std::fs::canonicalize(path).unwrap_or_else(|_| crate::go::gomod::absolute(path));
    match full.strip_prefix(workdir) {
        Ok(rel) => Ok(rel.to_path_buf()),
        Err(_) => bail!(
            "{}: outside the repository at {}",
            path.display(),
            workdir.display()
        ),
    }
}

fn short(id: git2::Oid) -> String {
    id.to_string()[..7].to_string()
}

pub(super) fn apply(args: ApplyArgs) -> Result<i32> {
    use crate::ship::apply::{BranchRequest, BranchUpdate, Identity};
    use crate::ship::push::Pushed;
    let first = Path::new(crate::lint::walk::strip_ellipsis(&args.selection.paths[0]));
    let repo = open_repository(first)?;
    let Some(workdir) = repo.workdir() else {
        bail!(
            "{}: a bare repository; run apply in a clone",
            repo.path().display()
        );
    };
    let workdir = std::fs::canonicalize(workdir)?;
    let base = repo
        .revparse_single(&args.base)
        .and_then(|o| o.peel_to_commit())
        .map_err(|e| anyhow::anyhow!("--base {}: not a commit: {}", args.base, e.message()))?;
    let identity = match &args.author {
        Some(text) => Identity::parse(text)?,
        None => Identity::from_config(&repo),
    };
    // Everything --pr needs is checked before any work is done.
    let forge = match (&args.push, args.pr) {
        (Some(remote), true) => Some(forge_target(&repo, remote, &args)?),
        _ => None,
    };
    // A dry run writes the objects it makes to memory, not to the
    // repository: they live as long as this run.
    let odb = repo.odb()?;
    let _in_memory = if args.dry_run {
        Some(odb.add_new_mempack_backend(1000)?)
    } else {
        None
    };
    // The base's tree, checked out where nothing else looks: the rules
    // read it (with its go.mod and ctxmod.toml), fixes are written there
    // rule after rule, and --verify builds it.
    // Registered, so that Ctrl-C removes it too.
    let checkout = crate::output::interrupt::temp_dir("ctxmod-apply-")?;
    let root = std::fs::canonicalize(checkout.path())?;
    crate::ship::git_tree::export(&repo, &base.tree()?, &root)?;
    let mut paths = Vec::new();
    for arg in &args.selection.paths {
        let inside = in_repository(&workdir, Path::new(crate::lint::walk::strip_ellipsis(arg)))?;
        let there = root.join(&inside);
        if !there.exists() {
            bail!("{arg}: not in the tree of {}", args.base);
        }
        paths.push(there.display().to_string());
    }
    let selection = Selection {
        paths,
        ..args.selection
    };
    let (rules, config) = configure(&selection, &args.shape)?;
    let walk = || Ok(crate::lint::walk::go_files(&selection.paths, &config)?.files);
    let min = if args.unsafe_fixes {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    };
    let go = if args.verify || !args.no_verify {
        let go = crate::ship::toolchain::Go::find();
        if go.is_none() {
            eprintln!("verify: skipped (go not found)");
        }
        go
    } else {
        None
    };
    let plan = crate::ship::apply::plan(&repo, &base, &root, &rules, &walk, min, go.as_ref())?;
    let errors = print_notices(&plan.notices);
    for summary in &plan.verified {
        eprintln!("{summary}");
    }
    let request = BranchRequest {
        name: &args.branch,
        base: &base,
        squash: args.squash,
        identity: &identity,
        force: args.force,
        dry_run: args.dry_run,
    };
    // Not cut short by Ctrl-C: a ref update cut in half leaves a lock
    // file that stops the next run and git itself.
    let update = crate::output::interrupt::critical(|| {
        crate::ship::apply::update_branch(&repo, &request, &plan.steps)
    })?;
    let on = format!("{} ({})", short(base.id()), args.base);
    let fixes: usize = plan.steps.iter().map(|s| s.fixes).sum();
    let commits = if args.squash { 1 } else { plan.steps.len() };
    let made = format!(
        "{} on {on}, {commits} {}",
        count(fixes, "fix", "fixes"),
        if commits == 1 { "commit" } else { "commits" }
    );
    let would = |done: &str, undone: &str| {
        if args.dry_run {
            undone.to_string()
        } else {
            done.to_string()
        }
    };
    let mut stdout = std::io::stdout().lock();
    let tip = match update {
        BranchUpdate::NothingToFix { existing } => {
            match existing {
                Some(_) => writeln!(
                    stdout,
                    "Nothing to fix on {on}; branch {} left as it is.",
                    args.branch
                )?,
                None => writeln!(stdout, "Nothing to fix on {on}; no branch made.")?,
            }
            return Ok(if errors { EXIT_ERROR } else { EXIT_CLEAN });
        }
        BranchUpdate::Foreign(foreign) => {
            eprintln!(
                "ctxmod: branch {} has a commit ctxmod did not make ({} by {}): left as it is (--force rebuilds it)",
                args.branch,
                short(foreign.id),
                foreign.author
            );
            return Ok(EXIT_FINDINGS);
        }
        BranchUpdate::UpToDate(tip) => {
            writeln!(
                stdout,
                "Branch {} ({}) already holds the fixes of {on}; nothing to do.",
                args.branch,
                short(tip)
            )?;
            tip
        }
        BranchUpdate::Created(tip) => {
            writeln!(
                stdout,
                "{} branch {}{}: {made}{}",
                would("Created", "Would create"),
                args.branch,
                would(&format!(" ({})", short(tip)), ""),
                would(".", ":")
            )?;
            list_commits(&mut stdout, &repo, args.dry_run, tip, base.id())?;
            tip
        }
        BranchUpdate::Rebuilt { from, to } => {
            writeln!(
                stdout,
                "{} branch {} ({}{}): {made}{}",
                would("Rebuilt", "Would rebuild"),
                args.branch,
                short(from),
                would(&format!(" -> {}", short(to)), ""),
                would(".", ":")
            )?;
            list_commits(&mut stdout, &repo, args.dry_run, to, base.id())?;
            to
        }
    };
    let Some(remote) = &args.push else {
        return Ok(if errors { EXIT_ERROR } else { EXIT_CLEAN });
    };
    let shown = crate::ship::push::mask(remote);
    let owned = |id| crate::ship::apply::first_foreign(&repo, id, base.id(), &identity);
    match crate::ship::push::push(
        &repo,
        remote,
        &args.branch,
        tip,
        args.force,
        args.dry_run,
        &owned,
    )? {
        Pushed::UpToDate => writeln!(
            stdout,
            "{shown} already has {} at {}; nothing {}.",
            args.branch,
            short(tip),
            would("pushed", "to push")
        )?,
        Pushed::SameTree(theirs) => writeln!(
            stdout,
            "{shown} already has these fixes on {} (at {}); nothing {}.",
            args.branch,
            short(theirs),
            would("pushed", "to push")
        )?,
        Pushed::Pushed { replaced } => match replaced {
            Some(old) => writeln!(
                stdout,
                "Pushed {} to {shown}, replacing {}.",
                args.branch,
                short(old)
            )?,
            None => writeln!(stdout, "Pushed {} to {shown}.", args.branch)?,
        },
        Pushed::WouldPush {
            replaced,
            unchecked,
        } => match replaced {
            Some(old) => writeln!(
                stdout,
                "Would push {} to {shown}, replacing {}{}.",
                args.branch,
                short(old),
                if unchecked {
                    " (its commits are not here, and a dry run fetches nothing: not checked for commits ctxmod did not make)"
                } else {
                    ""
                }
            )?,
            None => writeln!(stdout, "Would push {} to {shown}.", args.branch)?,
        },
        Pushed::Foreign(foreign) => {
            eprintln!(
                "ctxmod: {shown}'s branch {} has a commit ctxmod did not make ({} by {}): {} (--force replaces it)",
                args.branch,
                short(foreign.id),
                foreign.author,
                would("not pushed", "it would not be pushed")
            );
            return Ok(EXIT_FINDINGS);
        }
    }
    if let Some((client, base_branch)) = forge {
        let spec = crate::ship::forge::PullRequestSpec {
            head: args.branch.clone(),
            base: base_branch,
            title: args
                .title
                .clone()
                .unwrap_or_else(|| crate::ship::pull_request::default_title(fixes)),
            body: crate::ship::pull_request::body(&plan.report, client.config().kind, base.id()),
            draft: args.draft,
            labels: args.labels.clone(),
        };
        let outcome = crate::ship::forge::open_or_update(&client, &spec, args.dry_run)?;
        writeln!(stdout, "{}", capitalized(&outcome.to_string()))?;
    }
    Ok(if errors { EXIT_ERROR } else { EXIT_CLEAN })
}

/// The forge client for the repository `remote` is on, and the branch
/// the pull request merges into; an error when --pr cannot work (a remote
/// that is no forge's URL, a base that is no branch, no token for a real
/// run).
fn forge_target(
    repo: &git2::Repository,
    remote: &str,
    args: &ApplyArgs,
) -> Result<(crate::ship::forge::Client, String)> {
    use crate::ship::forge::{Client, ForgeConfig, Token};
    let kind = args.forge.unwrap_or(ForgeKind::Github);
    let token = Token::from_env(|name| std::env::var(name).ok());
    if token.is_none() && !args.dry_run {
        bail!(
            "--pr needs a token for the {kind} API in CTXMOD_TOKEN or GITHUB_TOKEN (nothing was done)"
        );
    }
    let url = crate::ship::pull_request::remote_url(repo, remote);
    let config = ForgeConfig::from_remote(kind, &url, args.api_url.as_deref(), token)
        .with_context(|| format!("--pr: the remote {}", crate::ship::push::mask(remote)))?;
    let base = crate::ship::pull_request::base_branch(repo, &args.base)?;
    Ok((Client::new(config), base))
}

/// In a dry run, the subjects of the commits the branch would get, which
/// exist only in memory: a real run's are in `git log`.
fn list_commits(
    out: &mut impl Write,
    repo: &git2::Repository,
    dry_run: bool,
    tip: git2::Oid,
    base: git2::Oid,
) -> Result<()> {
    if dry_run {
        for subject in crate::ship::apply::subjects(repo, tip, base)? {
            writeln!(out, "  {subject}")?;
        }
    }
    Ok(())
}

/// `text` with its first letter in upper case.
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `n` and the word for it.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
