//! The forge client against recorded exchanges that follow GitHub's and
//! Gitea's documented APIs, replayed by a local server that checks every
//! request the client sends.

mod support;

use ctxmod::ship::forge::{
    open_or_update, Action, Change, Client, ForgeConfig, ForgeKind, Outcome, PullRequestSpec,
    RateLimit, Token,
};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use support::replay::Replay;

/// The token the fixtures expect in the `Authorization` header.
const TOKEN: &str = "ghp_replay0123456789abcdefTOKEN";
const TITLE: &str = "ctxmod: fix context.Context misuse";
const BODY: &str = "## ctxmod\n\n2 fixes in 1 file.\n\n```diff\n-\tctx, _ := context.WithCancel(parent)\n+\tctx, cancel := context.WithCancel(parent)\n+\tdefer cancel()\n```\n";

/// A client for acme/widgets on the replay server, and the waits it made.
fn client(kind: ForgeKind, replay: &Replay) -> (Client, Arc<Mutex<Vec<Duration>>>) {
    let config = ForgeConfig {
        kind,
        api_url: replay.url().to_string(),
        token: Some(Token::new(TOKEN)),
        owner: "acme".into(),
        repo: "widgets".into(),
    };
    let waits = Arc::new(Mutex::new(Vec::new()));
    let record = Arc::clone(&waits);
    let rate = RateLimit {
        max_wait: Duration::from_secs(60),
        sleep: Arc::new(move |d| record.lock().unwrap().push(d)),
    };
    (Client::new(config).with_rate_limit(rate), waits)
}

fn spec(draft: bool, labels: &[&str]) -> PullRequestSpec {
    PullRequestSpec {
        head: "ctxmod/fixes".into(),
        base: "main".into(),
        title: TITLE.into(),
        body: BODY.into(),
        draft,
        labels: labels.iter().map(|l| l.to_string()).collect(),
    }
}

/// Replays `fixture` for `open_or_update(spec, dry_run)` and checks every
/// recorded request was sent as recorded.
fn run(kind: ForgeKind, fixture: &str, spec: &PullRequestSpec, dry_run: bool) -> Outcome {
    let replay = Replay::start(fixture);
    let (client, waits) = client(kind, &replay);
    let outcome = open_or_update(&client, spec, dry_run);
    replay.finish();
    let outcome = outcome.expect("open_or_update succeeds");
    assert!(waits.lock().unwrap().is_empty(), "no rate limit, no wait");
    outcome
}

/// Replays `fixture`, expecting `open_or_update` to fail; returns the error
/// as `{:#}` shows it, and the waits.
fn fail(fixture: &str) -> (String, Vec<Duration>) {
    let replay = Replay::start(fixture);
    let (client, waits) = client(ForgeKind::Github, &replay);
    let result = open_or_update(&client, &spec(false, &[]), false);
    replay.finish();
    let err = result.expect_err("it fails");
    let text = format!("{err:#} / {err:?}");
    assert!(!text.contains(TOKEN), "the token leaked: {text}");
    let waits = waits.lock().unwrap().clone();
    (text, waits)
}

fn labels(names: &[&str]) -> Change {
    Change::Labels(names.iter().map(|n| n.to_string()).collect())
}

#[test]
fn github_creates_a_draft_with_labels() {
    let outcome = run(
        ForgeKind::Github,
        "github-create",
        &spec(true, &["ctxmod", "automated"]),
        false,
    );
    assert_eq!(outcome.action, Action::Created);
    assert_eq!(outcome.number, Some(42));
    assert_eq!(
        outcome.url.as_deref(),
        Some("https://github.com/acme/widgets/pull/42")
    );
    assert_eq!(
        outcome.changes,
        vec![Change::Draft, labels(&["ctxmod", "automated"])]
    );
    assert_eq!(
        outcome.to_string(),
        "created pull request #42 \"ctxmod: fix context.Context misuse\" (acme/widgets: ctxmod/fixes -> main; draft; labels ctxmod, automated): \
         https://github.com/acme/widgets/pull/42"
    );
}

#[test]
fn github_updates_only_what_differs() {
    let outcome = run(
        ForgeKind::Github,
        "github-update",
        &spec(false, &["ctxmod", "automated"]),
        false,
    );
    assert_eq!(outcome.action, Action::Updated);
    assert_eq!(outcome.number, Some(17));
    assert_eq!(outcome.changes, vec![Change::Body, labels(&["automated"])]);
}

#[test]
fn github_same_title_body_and_labels_writes_nothing() {
    let outcome = run(
        ForgeKind::Github,
        "github-unchanged",
        &spec(true, &["ctxmod", "Automated"]),
        false,
    );
    assert_eq!(outcome.action, Action::Unchanged);
    assert_eq!(outcome.number, Some(17));
    assert!(outcome.changes.is_empty());
    assert_eq!(
        outcome.to_string(),
        "pull request #17 \"ctxmod: fix context.Context misuse\" (acme/widgets: ctxmod/fixes -> main) is up to date: \
         https://github.com/acme/widgets/pull/17"
    );
}

#[test]
fn github_dry_run_create_only_reads() {
    let outcome = run(
        ForgeKind::Github,
        "github-dry-run-create",
        &spec(false, &["ctxmod"]),
        true,
    );
    assert_eq!(outcome.action, Action::Created);
    assert!(outcome.dry_run);
    assert_eq!((outcome.number, outcome.url.as_deref()), (None, None));
    assert_eq!(
        outcome.to_string(),
        "would create pull request \"ctxmod: fix context.Context misuse\" (acme/widgets: ctxmod/fixes -> main; labels ctxmod)"
    );
}

#[test]
fn github_dry_run_update_only_reads() {
    let outcome = run(
        ForgeKind::Github,
        "github-dry-run-update",
        &spec(false, &[]),
        true,
    );
    assert_eq!(outcome.action, Action::Updated);
    assert_eq!(outcome.changes, vec![Change::Title]);
    assert_eq!(
        outcome.to_string(),
        "would update pull request #17 \"ctxmod: fix context.Context misuse\" (acme/widgets: ctxmod/fixes -> main; title): \
         https://github.com/acme/widgets/pull/17"
    );
}

#[test]
fn github_rate_limit_waits_then_retries() {
    let replay = Replay::start("github-rate-limited");
    let (client, waits) = client(ForgeKind::Github, &replay);
    let outcome =
        open_or_update(&client, &spec(false, &[]), false).expect("it succeeds after the wait");
    replay.finish();
    assert_eq!(outcome.action, Action::Created);
    assert_eq!(outcome.number, Some(43));
    assert_eq!(*waits.lock().unwrap(), vec![Duration::from_secs(1)]);
}

#[test]
fn github_rate_limit_past_the_bound_fails_without_waiting() {
    let (text, waits) = fail("github-rate-limit-exhausted");
    assert!(waits.is_empty(), "{waits:?}");
    assert!(
        text.contains("GitHub API GET /repos/acme/widgets/pulls"),
        "{text}"
    );
    assert!(text.contains("rate limited (403)"), "{text}");
    assert!(text.contains("run again later"), "{text}");
}

#[test]
fn github_refused_token_is_explained_without_the_token() {
    let (text, waits) = fail("github-unauthorized");
    assert!(waits.is_empty());
    assert!(text.contains("401 Unauthorized: Bad credentials"), "{text}");
    assert!(text.contains("CTXMOD_TOKEN or GITHUB_TOKEN"), "{text}");
}

#[test]
fn gitea_creates_with_wip_prefix_and_label_ids() {
    let outcome = run(
        ForgeKind::Gitea,
        "gitea-create",
        &spec(true, &["ctxmod", "automated"]),
        false,
    );
    assert_eq!(outcome.action, Action::Created);
    assert_eq!(outcome.number, Some(5));
    assert_eq!(
        outcome.url.as_deref(),
        Some("http://gitea.example.com/acme/widgets/pulls/5")
    );
}

#[test]
fn gitea_updates_and_keeps_the_wip_prefix() {
    let outcome = run(
        ForgeKind::Gitea,
        "gitea-update",
        &spec(false, &["ctxmod"]),
        false,
    );
    assert_eq!(outcome.action, Action::Updated);
    assert_eq!(outcome.number, Some(5));
    assert_eq!(outcome.changes, vec![Change::Title, Change::Body]);
}

#[test]
fn github_rate_limit_waits_are_bounded_over_all_requests() {
    let (text, waits) = fail("github-rate-limit-budget");
    assert_eq!(waits, vec![Duration::from_secs(40)]);
    assert!(
        text.contains("GitHub API POST /repos/acme/widgets/pulls"),
        "{text}"
    );
    assert!(text.contains("rate limited (429)"), "{text}");
    assert!(
        text.contains("wait 40 s more, past the 60 s ctxmod waits"),
        "{text}"
    );
}
