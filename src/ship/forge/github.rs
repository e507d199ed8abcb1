//! GitHub's REST API (v3): pull requests are found with the `head=owner:branch`
//! filter, created with `draft`, and labelled by name through the issues API
//! (GitHub creates a label that does not exist yet).

use super::http::Http;
use super::{Client, Flavour, ForgeConfig, PullRequestSpec, RemotePull};
use anyhow::Result;
use serde_json::{json, Value};

/// The API version the requests are written against.
const API_VERSION: &str = "2022-11-28";

/// The HTTP client for GitHub's API at `config.api_url`.
pub(super) fn http(config: &ForgeConfig) -> Http {
    Http::new(
        "GitHub",
        &config.api_url,
        config.token.clone(),
        "Bearer",
        vec![
            ("Accept", "application/vnd.github+json".to_string()),
            ("X-GitHub-Api-Version", API_VERSION.to_string()),
        ],
    )
}

/// GitHub's flavour of the pull request API.
pub(super) struct GitHub;

impl Flavour for GitHub {
    fn find_open(&self, client: &Client, branch: &str) -> Result<Vec<RemotePull>> {
        let head = format!("{}:{branch}", client.config.owner);
        let query = [
            ("state", "open".to_string()),
            ("head", head),
            ("per_page", "100".to_string()),
        ];
        let pulls: Vec<RemotePull> = client.http.get(&client.repo_path("/pulls"), &query)?;
        Ok(pulls
            .into_iter()
            .filter(|p| p.is_head(client, branch))
            .collect())
    }

    fn new_title(&self, spec: &PullRequestSpec) -> String {
        spec.title.clone()
    }

    fn updated_title(&self, spec: &PullRequestSpec, _existing: &RemotePull) -> String {
        spec.title.clone()
    }

    fn create(&self, client: &Client, spec: &PullRequestSpec, title: &str) -> Result<RemotePull> {
        let body = json!({
            "title": title,
            "head": spec.head,
            "base": spec.base,
            "body": spec.body,
            "draft": spec.draft,
        });
        client.http.send("POST", &client.repo_path("/pulls"), &body)
    }

    fn add_labels(&self, client: &Client, number: u64, names: &[String]) -> Result<()> {
        let path = client.repo_path(&format!("/issues/{number}/labels"));
        let _: Value = client
            .http
            .send("POST", &path, &json!({ "labels": names }))?;
        Ok(())
    }
}
