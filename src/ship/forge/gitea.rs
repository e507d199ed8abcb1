//! Gitea's API (v1), which Forgejo shares: GitHub's shapes under `/api/v1`,
//! with three differences. Open pull requests are listed page by page and
//! filtered by head branch here; there is no draft flag, so a draft is a
//! title with Gitea's `WIP: ` prefix; labels are added by id, so their ids
//! are looked up, and missing labels created, first.

use super::http::Http;
use super::{Client, Flavour, ForgeConfig, PullRequestSpec, RemoteLabel, RemotePull};
use anyhow::{bail, Result};
use serde_json::{json, Value};

/// Items per page: Gitea's default upper bound on `limit`.
const PAGE_SIZE: usize = 50;
/// Pages read at most from one list.
const MAX_PAGES: usize = 100;
/// The prefixes Gitea reads as work in progress by default
/// (`WORK_IN_PROGRESS_PREFIXES`); the first is the one ctxmod writes.
const WIP_PREFIXES: [&str; 2] = ["WIP:", "[WIP]"];
/// The colour of a label ctxmod creates.
const LABEL_COLOR: &str = "#ededed";

/// The HTTP client for Gitea's API at `config.api_url`, with `/api/v1`
/// added when the URL is the server's root.
pub(super) fn http(config: &ForgeConfig) -> Http {
    let base = config.api_url.trim_end_matches('/');
    let base = if base.ends_with("/api/v1") {
        base.to_string()
    } else {
        format!("{base}/api/v1")
    };
    Http::new(
        "Gitea",
        &base,
        config.token.clone(),
        "token",
        vec![("Accept", "application/json".to_string())],
    )
}

/// Gitea's flavour of the pull request API.
pub(super) struct Gitea;

impl Flavour for Gitea {
    fn find_open(&self, client: &Client, branch: &str) -> Result<Vec<RemotePull>> {
        let pulls: Vec<RemotePull> = all_pages(client, "/pulls", &[("state", "open")])?;
        Ok(pulls
            .into_iter()
            .filter(|p| p.is_head(client, branch))
            .collect())
    }

    fn new_title(&self, spec: &PullRequestSpec) -> String {
        if spec.draft {
            format!("{} {}", WIP_PREFIXES[0], spec.title)
        } else {
            spec.title.clone()
        }
    }

    fn updated_title(&self, spec: &PullRequestSpec, existing: &RemotePull) -> String {
        match wip_prefix(&existing.title) {
            Some(prefix) => format!("{prefix}{}", spec.title),
            None => spec.title.clone(),
        }
    }

    fn create(&self, client: &Client, spec: &PullRequestSpec, title: &str) -> Result<RemotePull> {
        let body = json!({
            "title": title,
            "head": spec.head,
            "base": spec.base,
            "body": spec.body,
        });
        client.http.send("POST", &client.repo_path("/pulls"), &body)
    }

    fn add_labels(&self, client: &Client, number: u64, names: &[String]) -> Result<()> {
        let known: Vec<RemoteLabel> = all_pages(client, "/labels", &[])?;
        let mut ids = Vec::new();
        for name in names {
            let id = match known.iter().find(|l| l.name.eq_ignore_ascii_case(name)) {
                Some(label) => label.id,
                None => {
                    let body = json!({ "name": name, "color": LABEL_COLOR });
                    let created: RemoteLabel =
                        client
                            .http
                            .send("POST", &client.repo_path("/labels"), &body)?;
                    created.id
                }
            };
            ids.push(id);
        }
        let path = client.repo_path(&format!("/issues/{number}/labels"));
        let _: Value = client.http.send("POST", &path, &json!({ "labels": ids }))?;
        Ok(())
    }
}

/// The work-in-progress prefix `title` starts with, as written there and
/// with the spaces after it, compared without regard to case as Gitea does.
fn wip_prefix(title: &str) -> Option<&str> {
    WIP_PREFIXES.iter().find_map(|prefix| {
        let head = title.get(..prefix.len())?;
        if !head.eq_ignore_ascii_case(prefix) {
            return None;
        }
        let rest = &title[prefix.len()..];
        let spaces = rest.len() - rest.trim_start().len();
        Some(&title[..prefix.len() + spaces])
    })
}

/// Every item of the list at `/repos/{owner}/{repo}{path}`, page by page.
fn all_pages<T: serde::de::DeserializeOwned>(
    client: &Client,
    path: &str,
    query: &[(&str, &str)],
) -> Result<Vec<T>> {
    let path = client.repo_path(path);
    let mut items = Vec::new();
    for page in 1..=MAX_PAGES {
        let mut q: Vec<(&str, String)> = query.iter().map(|(k, v)| (*k, v.to_string())).collect();
        q.push(("limit", PAGE_SIZE.to_string()));
        q.push(("page", page.to_string()));
        let batch: Vec<T> = client.http.get(&path, &q)?;
        let last = batch.len() < PAGE_SIZE;
        items.extend(batch);
        if last {
            return Ok(items);
        }
    }
    bail!("Gitea API GET {path}: more than {MAX_PAGES} pages")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wip_prefixes_are_kept_as_written() {
        assert_eq!(wip_prefix("WIP: fix things"), Some("WIP: "));
        assert_eq!(wip_prefix("wip:fix"), Some("wip:"));
        assert_eq!(wip_prefix("[WIP]  fix"), Some("[WIP]  "));
        assert_eq!(wip_prefix("Fix WIP: later"), None);
        assert_eq!(wip_prefix("WI"), None);
        assert_eq!(wip_prefix("ÉWIP: x"), None);
    }
}
