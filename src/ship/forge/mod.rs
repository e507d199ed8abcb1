//! Opening or updating the pull request of a branch ctxmod pushed, on GitHub
//! or Gitea (and forges with Gitea's API, such as Forgejo).
//!
//! `ctxmod apply` calls this after pushing its branch, with these flags:
//!
//! ```text
//! --pr                    open or update the pull request of --branch
//! --forge github|gitea    the forge's API (default github)
//! --api-url URL           default: from the push remote's URL
//!                         (https://api.github.com for github.com,
//!                         https://HOST/api/v3 for GitHub Enterprise,
//!                         https://HOST/api/v1 for Gitea)
//! --title TEXT            the pull request's title
//! --draft                 open it as a draft
//! --label NAME            repeatable; labels missing on the forge are created
//! --dry-run               say what would be done; send no write request
//! ```
//!
//! `--pr` needs the branch on the forge, so it goes with `--push REMOTE`,
//! whose URL ([`ForgeConfig::from_remote`]) gives the owner, the repository
//! and the default API URL. The token comes from `CTXMOD_TOKEN`, else
//! `GITHUB_TOKEN` ([`Token::from_env`]), never from the command line; it is
//! never printed, and never part of an error. The body is the markdown
//! report of the fixes (GitHub takes at most 65,536 characters:
//! [`ForgeKind::body_limit`]). `apply` prints the [`Outcome`] line; an error
//! (token refused, rate limit past the 60 s the client waits in all:
//! [`RateLimit`]) is exit 2.
//!
//! ```no_run
//! use ctxmod::ship::forge::{self, Client, ForgeConfig, ForgeKind, PullRequestSpec, Token};
//! # fn main() -> anyhow::Result<()> {
//! let token = Token::from_env(|name| std::env::var(name).ok());
//! let config = ForgeConfig::from_remote(ForgeKind::Github, "git@github.com:acme/widgets.git", None, token)?;
//! let spec = PullRequestSpec {
//!     head: "ctxmod/fixes".into(),
//!     base: "main".into(),
//!     title: "ctxmod: fix context misuse".into(),
//!     body: "…the markdown report…".into(),
//!     draft: false,
//!     labels: vec!["ctxmod".into()],
//! };
//! let outcome = forge::open_or_update(&Client::new(config), &spec, false)?;
//! println!("{outcome}");
//! # Ok(()) }
//! ```
//!
//! What it does, in order: look up the open pull request whose head is the
//! branch (in the same repository); when there is one, update its title,
//! body and base where they differ and add the labels it lacks, or do
//! nothing when nothing differs; when there is none, create it, then add its
//! labels. Running it again with the same report changes nothing.
//!
//! Draft: GitHub's `draft` is set when the pull request is created; Gitea has
//! no draft flag and marks work in progress with a `WIP: ` title prefix,
//! which ctxmod adds when creating. An existing pull request keeps its draft
//! state either way (a reviewer may have marked it ready): ctxmod neither
//! adds nor removes the prefix on update.
//!
//! Limitations: the head branch is in the repository itself, not in a fork;
//! labels are only added, never removed; Gitea labels are looked up among
//! the repository's labels, not its organisation's.
//!
//! Tests: `tests/forge.rs` replays recorded exchanges that follow GitHub's
//! and Gitea's documented APIs, and checks every request; `tests/gitea.rs`
//! runs the same flow against a real Gitea server. That one is ignored
//! unless given a Gitea binary, which `scripts/build-gitea.sh` builds from
//! the Go module proxy (about 12 minutes cold on 2 cores). CI runs only the
//! recordings: they need no network, and a Gitea build fails whenever the
//! proxy lacks one of its hundreds of dependencies.

mod gitea;
mod github;
pub mod http;
pub mod remote;

pub use http::RateLimit;
pub use remote::{parse_remote, RemoteRepo};

use anyhow::{bail, Result};
use serde::Deserialize;
use serde_json::Value;
use std::fmt;
use std::str::FromStr;

/// The environment variables the token is read from, first found wins.
pub const TOKEN_VARS: [&str; 2] = ["CTXMOD_TOKEN", "GITHUB_TOKEN"];

/// Which forge API to speak.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ForgeKind {
    /// GitHub and GitHub Enterprise Server (REST API v3).
    Github,
    /// Gitea and Forgejo (API v1).
    Gitea,
}

impl ForgeKind {
    /// The name users type: `github` or `gitea`.
    pub fn name(self) -> &'static str {
        match self {
            ForgeKind::Github => "github",
            ForgeKind::Gitea => "gitea",
        }
    }

    /// The longest body the forge accepts, in characters: GitHub's is
    /// 65,536; Gitea sets none.
    pub fn body_limit(self) -> Option<usize> {
        match self {
            ForgeKind::Github => Some(65_536),
            ForgeKind::Gitea => None,
        }
    }

    /// The API's base URL for a repository at `remote`.
    pub fn default_api_url(self, remote: &RemoteRepo) -> String {
        match self {
            ForgeKind::Github if remote.host.eq_ignore_ascii_case("github.com") => {
                "https://api.github.com".to_string()
            }
            ForgeKind::Github => format!("{}/api/v3", remote.web_root()),
            ForgeKind::Gitea => format!("{}/api/v1", remote.web_root()),
        }
    }
}

impl FromStr for ForgeKind {
    type Err = anyhow::Error;

    fn from_str(s: &str) -> Result<Self> {
        match s.to_ascii_lowercase().as_str() {
            "github" => Ok(ForgeKind::Github),
            "gitea" | "forgejo" => Ok(ForgeKind::Gitea),
            _ => bail!("unknown forge `{s}`: expected github or gitea"),
        }
    }
}

impl fmt::Display for ForgeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An API token. It shows as `***` in `Debug` output, and the client keeps
/// it out of every error message.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    /// A token with the given secret text.
    pub fn new(secret: impl Into<String>) -> Token {
        Token(secret.into())
    }

    /// The token in the first of [`TOKEN_VARS`] that `lookup` finds set and
    /// not blank (`lookup` is `std::env::var(name).ok()` outside tests).
    pub fn from_env(lookup: impl Fn(&str) -> Option<String>) -> Option<Token> {
        TOKEN_VARS
            .iter()
            .filter_map(|name| lookup(name))
            .map(|value| value.trim().to_string())
            .find(|value| !value.is_empty())
            .map(Token)
    }

    fn secret(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(***)")
    }
}

/// Which forge, where its API is, and which repository.
#[derive(Debug, Clone)]
pub struct ForgeConfig {
    /// The API flavour.
    pub kind: ForgeKind,
    /// The API's base URL, e.g. `https://api.github.com` or
    /// `https://gitea.example.com/api/v1` (for Gitea, `/api/v1` is added
    /// when missing).
    pub api_url: String,
    /// The token; without one only reads work (enough for `--dry-run` on a
    /// public repository).
    pub token: Option<Token>,
    /// The repository's owner.
    pub owner: String,
    /// The repository's name.
    pub repo: String,
}

impl ForgeConfig {
    /// The configuration for the repository a remote URL names, with the API
    /// at `api_url` or else the forge's default for that host.
    pub fn from_remote(
        kind: ForgeKind,
        remote_url: &str,
        api_url: Option<&str>,
        token: Option<Token>,
    ) -> Result<ForgeConfig> {
        let remote = parse_remote(remote_url)?;
        Ok(ForgeConfig {
            kind,
            api_url: api_url.map_or_else(|| kind.default_api_url(&remote), str::to_string),
            token,
            owner: remote.owner,
            repo: remote.repo,
        })
    }
}

/// The pull request ctxmod wants for its branch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PullRequestSpec {
    /// The branch with the fixes (in the repository itself).
    pub head: String,
    /// The branch to merge into.
    pub base: String,
    /// The title (without any `WIP:` prefix).
    pub title: String,
    /// The body: the markdown report.
    pub body: String,
    /// Open it as a draft.
    pub draft: bool,
    /// Labels it must carry.
    pub labels: Vec<String>,
}

/// A client for one repository on one forge.
pub struct Client {
    config: ForgeConfig,
    http: http::Http,
}

impl Client {
    /// A client for the repository of `config`.
    pub fn new(config: ForgeConfig) -> Client {
        let http = match config.kind {
            ForgeKind::Github => github::http(&config),
            ForgeKind::Gitea => gitea::http(&config),
        };
        Client { config, http }
    }

    /// The same client, waiting on rate limits as `rate` says.
    pub fn with_rate_limit(mut self, rate: RateLimit) -> Client {
        self.http.set_rate_limit(rate);
        self
    }

    /// The configuration the client was made with.
    pub fn config(&self) -> &ForgeConfig {
        &self.config
    }

    fn flavour(&self) -> &'static dyn Flavour {
        match self.config.kind {
            ForgeKind::Github => &github::GitHub,
            ForgeKind::Gitea => &gitea::Gitea,
        }
    }

    /// `/repos/{owner}/{repo}` followed by `rest`.
    fn repo_path(&self, rest: &str) -> String {
        format!("/repos/{}/{}{rest}", self.config.owner, self.config.repo)
    }
}

/// What [`open_or_update`] did, or would do in a dry run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// A new pull request.
    Created,
    /// An existing pull request got a new title, body, base or labels.
    Updated,
    /// The open pull request already matched the spec.
    Unchanged,
}

/// One thing written to the forge (or that would be, in a dry run).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// The title.
    Title,
    /// The body.
    Body,
    /// The base branch.
    Base,
    /// Opened as a draft.
    Draft,
    /// These labels were added.
    Labels(Vec<String>),
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Change::Title => f.write_str("title"),
            Change::Body => f.write_str("body"),
            Change::Base => f.write_str("base"),
            Change::Draft => f.write_str("draft"),
            Change::Labels(names) => write!(f, "labels {}", names.join(", ")),
        }
    }
}

/// The result of [`open_or_update`]; its `Display` is the line to print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// Created, updated or unchanged.
    pub action: Action,
    /// The pull request's number; `None` only for a dry-run create.
    pub number: Option<u64>,
    /// The pull request's web page; `None` only for a dry-run create.
    pub url: Option<String>,
    /// What was (or would be) written: the draft state and labels of a new
    /// pull request; the title, body, base and labels of an update.
    pub changes: Vec<Change>,
    /// Nothing was written: this is what would be done.
    pub dry_run: bool,
    /// `owner/repo: head -> base`, for the message.
    pub target: String,
    /// The title the pull request has (or would have) afterwards.
    pub title: String,
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let number = self.number.map(|n| format!(" #{n}")).unwrap_or_default();
        let url = self
            .url
            .as_deref()
            .map(|u| format!(": {u}"))
            .unwrap_or_default();
        let changes: String = self.changes.iter().map(|c| format!("; {c}")).collect();
        let verb = match (self.action, self.dry_run) {
            (Action::Created, false) => "created",
            (Action::Created, true) => "would create",
            (Action::Updated, false) => "updated",
            (Action::Updated, true) => "would update",
            (Action::Unchanged, _) => {
                return write!(
                    f,
                    "pull request{number} {:?} ({}) is up to date{url}",
                    self.title, self.target
                );
            }
        };
        write!(
            f,
            "{verb} pull request{number} {:?} ({}{changes}){url}",
            self.title, self.target
        )
    }
}

/// An open pull request as both forges describe it.
#[derive(Debug, Clone, Deserialize)]
struct RemotePull {
    number: u64,
    html_url: String,
    title: String,
    #[serde(default)]
    body: Option<String>,
    base: BranchRef,
    head: BranchRef,
    #[serde(default)]
    labels: Vec<RemoteLabel>,
}

/// One side of a pull request.
#[derive(Debug, Clone, Deserialize)]
struct BranchRef {
    #[serde(rename = "ref")]
    name: String,
    #[serde(default)]
    repo: Option<RemoteRepoRef>,
}

/// The repository a branch is in.
#[derive(Debug, Clone, Deserialize)]
struct RemoteRepoRef {
    full_name: String,
}

/// A label on a forge.
#[derive(Debug, Clone, Deserialize)]
struct RemoteLabel {
    #[serde(default)]
    id: u64,
    name: String,
}

impl RemotePull {
    /// Whether this pull request's head is `branch` of `owner/repo`.
    fn is_head(&self, client: &Client, branch: &str) -> bool {
        let full_name = format!("{}/{}", client.config.owner, client.config.repo);
        self.head.name == branch
            && self
                .head
                .repo
                .as_ref()
                .is_some_and(|r| r.full_name.eq_ignore_ascii_case(&full_name))
    }
}

/// What differs between the API flavours.
trait Flavour {
    /// The open pull requests whose head is `branch` of the repository.
    fn find_open(&self, client: &Client, branch: &str) -> Result<Vec<RemotePull>>;
    /// The title a new pull request gets.
    fn new_title(&self, spec: &PullRequestSpec) -> String;
    /// The title an existing pull request should have.
    fn updated_title(&self, spec: &PullRequestSpec, existing: &RemotePull) -> String;
    /// Creates the pull request with `title`.
    fn create(&self, client: &Client, spec: &PullRequestSpec, title: &str) -> Result<RemotePull>;
    /// Adds the labels `names` to pull request `number`.
    fn add_labels(&self, client: &Client, number: u64, names: &[String]) -> Result<()>;
}

/// Opens the pull request for `spec.head`, or updates the open one; with
/// `dry_run`, only reads from the forge and says what it would write.
pub fn open_or_update(client: &Client, spec: &PullRequestSpec, dry_run: bool) -> Result<Outcome> {
    if let Some(limit) = client.config.kind.body_limit() {
        let length = spec.body.chars().count();
        if length > limit {
            bail!(
                "the pull request body has {length} characters, more than the {limit} {} accepts: \
                 make the report shorter (--max-bytes)",
                client.config.kind
            );
        }
    }
    let flavour = client.flavour();
    let target = format!(
        "{}/{}: {} -> {}",
        client.config.owner, client.config.repo, spec.head, spec.base
    );
    let mut open = flavour.find_open(client, &spec.head)?;
    open.sort_by_key(|pull| pull.number);
    let Some(existing) = open.into_iter().next() else {
        let title = flavour.new_title(spec);
        let labels = unique_labels(&spec.labels, &[]);
        let mut changes = Vec::new();
        if spec.draft {
            changes.push(Change::Draft);
        }
        if !labels.is_empty() {
            changes.push(Change::Labels(labels.clone()));
        }
        let mut outcome = Outcome {
            action: Action::Created,
            number: None,
            url: None,
            changes,
            dry_run,
            target,
            title,
        };
        if !dry_run {
            let created = flavour.create(client, spec, &outcome.title)?;
            if !labels.is_empty() {
                flavour.add_labels(client, created.number, &labels)?;
            }
            outcome.number = Some(created.number);
            outcome.url = Some(created.html_url);
        }
        return Ok(outcome);
    };

    let title = flavour.updated_title(spec, &existing);
    let mut patch = serde_json::Map::new();
    let mut changes = Vec::new();
    if existing.title != title {
        patch.insert("title".into(), Value::String(title.clone()));
        changes.push(Change::Title);
    }
    if normalize_body(existing.body.as_deref().unwrap_or("")) != normalize_body(&spec.body) {
        patch.insert("body".into(), Value::String(spec.body.clone()));
        changes.push(Change::Body);
    }
    if existing.base.name != spec.base {
        patch.insert("base".into(), Value::String(spec.base.clone()));
        changes.push(Change::Base);
    }
    let labels = unique_labels(&spec.labels, &existing.labels);
    if !labels.is_empty() {
        changes.push(Change::Labels(labels.clone()));
    }
    let action = if changes.is_empty() {
        Action::Unchanged
    } else {
        Action::Updated
    };
    if !dry_run {
        if !patch.is_empty() {
            let path = client.repo_path(&format!("/pulls/{}", existing.number));
            let _: Value = client.http.send("PATCH", &path, &Value::Object(patch))?;
        }
        if !labels.is_empty() {
            flavour.add_labels(client, existing.number, &labels)?;
        }
    }
    Ok(Outcome {
        action,
        number: Some(existing.number),
        url: Some(existing.html_url),
        changes,
        dry_run,
        target,
        title,
    })
}

/// The labels of `wanted` that `present` lacks, each once, in the order
/// given; label names compare without regard to case, as both forges do.
fn unique_labels(wanted: &[String], present: &[RemoteLabel]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in wanted.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        let known = |other: &str| other.eq_ignore_ascii_case(name);
        if !present.iter().any(|l| known(&l.name)) && !out.iter().any(|l| known(l)) {
            out.push(name.to_string());
        }
    }
    out
}

/// A body as compared with the one wanted: forges store what the web editor
/// sends, with CRLF line ends and without trailing blank lines.
fn normalize_body(body: &str) -> String {
    body.replace("\r\n", "\n").trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(name: &str) -> RemoteLabel {
        RemoteLabel {
            id: 1,
            name: name.to_string(),
        }
    }

    #[test]
    fn token_from_env_prefers_ctxmod_token_and_skips_blank() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        let both = Token::from_env(env(&[("CTXMOD_TOKEN", "a"), ("GITHUB_TOKEN", "b")]));
        assert_eq!(both, Some(Token::new("a")));
        let blank = Token::from_env(env(&[("CTXMOD_TOKEN", " "), ("GITHUB_TOKEN", "b")]));
        assert_eq!(blank, Some(Token::new("b")));
        assert_eq!(Token::from_env(env(&[])), None);
    }

    #[test]
    fn token_never_shows_in_debug() {
        let config = ForgeConfig {
            kind: ForgeKind::Github,
            api_url: "https://api.github.com".into(),
            token: Some(Token::new("ghp_s3cret")),
            owner: "acme".into(),
            repo: "widgets".into(),
        };
        let text = format!("{config:?}");
        assert!(!text.contains("ghp_s3cret"), "{text}");
        assert!(text.contains("Token(***)"), "{text}");
    }

    #[test]
    fn api_url_from_remote() {
        let url = |kind, remote| {
            ForgeConfig::from_remote(kind, remote, None, None)
                .unwrap()
                .api_url
        };
        assert_eq!(
            url(ForgeKind::Github, "git@github.com:acme/w.git"),
            "https://api.github.com"
        );
        assert_eq!(
            url(ForgeKind::Github, "https://ghe.example.com/acme/w.git"),
            "https://ghe.example.com/api/v3"
        );
        assert_eq!(
            url(ForgeKind::Gitea, "http://localhost:3000/acme/w.git"),
            "http://localhost:3000/api/v1"
        );
        let given = ForgeConfig::from_remote(
            ForgeKind::Gitea,
            "git@git.example.com:acme/w.git",
            Some("https://git.example.com/api/v1"),
            None,
        )
        .unwrap();
        assert_eq!(given.api_url, "https://git.example.com/api/v1");
        assert_eq!((given.owner.as_str(), given.repo.as_str()), ("acme", "w"));
    }

    #[test]
    fn a_body_github_would_refuse_fails_before_any_request() {
        let config = ForgeConfig {
            kind: ForgeKind::Github,
            // Nothing listens on the discard port: a request would fail otherwise.
            api_url: "http://127.0.0.1:9".into(),
            token: None,
            owner: "acme".into(),
            repo: "widgets".into(),
        };
        let spec = PullRequestSpec {
            head: "ctxmod/fixes".into(),
            base: "main".into(),
            title: "t".into(),
            body: "é".repeat(65_537),
            draft: false,
            labels: vec![],
        };
        let err = open_or_update(&Client::new(config), &spec, true).unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("65537 characters, more than the 65536 github accepts"),
            "{text}"
        );
    }

    #[test]
    fn forge_kind_names() {
        assert_eq!("GitHub".parse::<ForgeKind>().unwrap(), ForgeKind::Github);
        assert_eq!("forgejo".parse::<ForgeKind>().unwrap(), ForgeKind::Gitea);
        assert!("gitlab".parse::<ForgeKind>().is_err());
    }

    #[test]
    fn labels_missing_once_regardless_of_case() {
        let wanted: Vec<String> = ["ctxmod", "Bot", "bot", " ", "deps"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            unique_labels(&wanted, &[label("CTXMOD")]),
            vec!["Bot", "deps"]
        );
    }

    #[test]
    fn bodies_compare_without_crlf_or_trailing_space() {
        assert_eq!(normalize_body("a\r\nb\r\n\r\n"), normalize_body("a\nb\n"));
        assert_ne!(normalize_body("a\nb"), normalize_body("a\nc"));
    }

    #[test]
    fn outcome_lines() {
        let outcome = Outcome {
            action: Action::Created,
            number: None,
            url: None,
            changes: vec![Change::Draft, Change::Labels(vec!["ctxmod".into()])],
            dry_run: true,
            target: "acme/widgets: ctxmod/fixes -> main".into(),
            title: "ctxmod: fixes".into(),
        };
        assert_eq!(
            outcome.to_string(),
            "would create pull request \"ctxmod: fixes\" (acme/widgets: ctxmod/fixes -> main; draft; labels ctxmod)"
        );
        let outcome = Outcome {
            action: Action::Unchanged,
            number: Some(7),
            url: Some("https://github.com/acme/widgets/pull/7".into()),
            changes: vec![],
            dry_run: false,
            target: "acme/widgets: ctxmod/fixes -> main".into(),
            title: "ctxmod: fixes".into(),
        };
        assert_eq!(
            outcome.to_string(),
            "pull request #7 \"ctxmod: fixes\" (acme/widgets: ctxmod/fixes -> main) is up to date: https://github.com/acme/widgets/pull/7"
        );
    }
}
