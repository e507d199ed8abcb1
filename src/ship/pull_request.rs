//! What `apply --pr` asks the forge for: the pull request's title and body,
//! the branch it merges into, and the repository it is in (from the push
//! remote's URL).

use crate::lint::engine::FixOutcome;
use crate::ship::forge::ForgeKind;
use anyhow::{bail, Result};
use git2::{Oid, Repository};

/// The longest body ctxmod writes on a forge that sets no limit (Gitea):
/// GitHub's limit, past which a body is no longer read anyway.
const BODY_MAX: usize = 65_536;

/// The default title: what the pull request does, and how many fixes.
pub fn default_title(fixes: usize) -> String {
    format!(
        "ctxmod: fix misuse of context.Context ({fixes} {})",
        if fixes == 1 { "fix" } else { "fixes" }
    )
}

/// The body: the markdown report of the fixes the branch holds, made on
/// `base`, kept under the forge's limit, and a closing note on how the
/// branch is kept.
pub fn body(report: &FixOutcome, kind: ForgeKind, base: Oid) -> String {
    let short = &base.to_string()[..7];
    let note = format!(
        "\n\n---\n\n_Made by `ctxmod apply` on {short}. ctxmod rebuilds this branch when the base \
         changes; a commit pushed to it by anyone else stops that._\n"
    );
    let limit = kind.body_limit().unwrap_or(BODY_MAX);
    let report = crate::output::report::markdown::fix(report, Some(limit - note.len()));
    format!("{}{note}", report.trim_end())
}

/// The name of the branch `rev` (as `--base` gives it) names on the forge:
/// the branch `HEAD` is on, a local branch, or a remote-tracking branch
/// without its remote's name (`origin/main` is `main`).
pub fn base_branch(repo: &Repository, rev: &str) -> Result<String> {
    let reference = if rev == "HEAD" {
        repo.head().ok().filter(|head| head.is_branch())
    } else {
        repo.resolve_reference_from_short_name(rev)
            .ok()
            .filter(|r| r.is_branch() || r.is_remote())
    };
    let Some(reference) = reference else {
        bail!(
            "--pr needs the branch the pull request merges into, and --base {rev} is not a \
             branch: pass --base BRANCH (e.g. --base origin/main)"
        );
    };
    let name = reference.shorthand().unwrap_or_default().to_string();
    if !reference.is_remote() {
        return Ok(name);
    }
    let full = reference.name().unwrap_or_default();
    let remote = repo.branch_remote_name(full)?;
    let remote = remote.as_str().unwrap_or_default();
    Ok(name
        .strip_prefix(&format!("{remote}/"))
        .unwrap_or(&name)
        .to_string())
}

/// The URL the repository's remote `remote` is configured with (its push
/// URL if set), as written in the configuration: not rewritten by
/// `url.<base>.insteadOf`, which may point at a mirror; `remote` itself
/// when it is not a configured remote but a URL.
pub fn remote_url(repo: &Repository, remote: &str) -> String {
    let configured = repo.config().ok().and_then(|config| {
        ["pushurl", "url"]
            .iter()
            .find_map(|key| config.get_string(&format!("remote.{remote}.{key}")).ok())
    });
    configured.unwrap_or_else(|| remote.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_count_the_fixes() {
        assert_eq!(
            default_title(1),
            "ctxmod: fix misuse of context.Context (1 fix)"
        );
        assert_eq!(
            default_title(12),
            "ctxmod: fix misuse of context.Context (12 fixes)"
        );
    }

    #[test]
    fn a_body_ends_with_the_note_and_fits_the_limit() {
        let body = body(&FixOutcome::default(), ForgeKind::Github, Oid::zero());
        assert!(
            body.starts_with("## ctxmod: nothing to fix\n\n---\n\n_Made"),
            "{body}"
        );
        assert!(body.ends_with("stops that._\n"), "{body}");
        assert!(body.contains("on 0000000."), "{body}");
    }
}
