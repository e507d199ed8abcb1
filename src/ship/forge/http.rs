//! JSON over HTTPS for the forge client: one request at a time, with the
//! token in the `Authorization` header, timeouts, and a bounded wait when the
//! forge says to slow down.
//!
//! Errors name the method, the path and the forge's own message, and never
//! the token: every text that reaches an error has it replaced by `***`.

use super::Token;
use anyhow::{anyhow, bail, Result};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use ureq::http::Response;
use ureq::Body;

/// How long connecting to the forge may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long one request may take from start to the end of its response.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);
/// How many times one request is sent at most when the forge rate-limits it.
const MAX_ATTEMPTS: u32 = 5;
/// GitHub's advice when a secondary rate limit names no time: wait a minute.
const DEFAULT_RATE_LIMIT_WAIT: Duration = Duration::from_secs(60);

/// How the client waits when the forge rate-limits a request.
///
/// A 403 or 429 response that carries `Retry-After`, or
/// `X-RateLimit-Remaining: 0` with `X-RateLimit-Reset`, is retried after the
/// time it names, as long as all the waits of the client add up to at most
/// `max_wait`; past that the request fails with an error that says when to
/// try again.
#[derive(Clone)]
pub struct RateLimit {
    /// The most time the client may spend waiting, over all its requests.
    pub max_wait: Duration,
    /// Waits; [`std::thread::sleep`] by default, replaced in tests.
    pub sleep: Arc<dyn Fn(Duration) + Send + Sync>,
}

impl Default for RateLimit {
    fn default() -> Self {
        RateLimit {
            max_wait: Duration::from_secs(60),
            sleep: Arc::new(std::thread::sleep),
        }
    }
}

impl fmt::Debug for RateLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RateLimit")
            .field("max_wait", &self.max_wait)
            .finish_non_exhaustive()
    }
}

/// The response headers that say how long to wait before retrying.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct RateHeaders {
    /// `Retry-After`, in seconds.
    pub retry_after: Option<String>,
    /// `X-RateLimit-Remaining`.
    pub remaining: Option<String>,
    /// `X-RateLimit-Reset`, in UTC epoch seconds.
    pub reset: Option<String>,
}

/// How long to wait before retrying a response with `status`, `headers` and
/// `body` received at `now`, or `None` when it is not a rate limit.
///
/// This follows GitHub's documented rules: on a 403 or 429, `Retry-After`
/// wins; else `X-RateLimit-Remaining: 0` means waiting until
/// `X-RateLimit-Reset`; else a 429, or a 403 whose message speaks of a rate
/// limit, means waiting a minute. Any other 403 is a permission error.
pub fn rate_limit_wait(
    status: u16,
    headers: &RateHeaders,
    body: &str,
    now: SystemTime,
) -> Option<Duration> {
    if status != 403 && status != 429 {
        return None;
    }
    let seconds = |v: &Option<String>| v.as_deref().and_then(|s| s.trim().parse::<u64>().ok());
    if let Some(after) = seconds(&headers.retry_after) {
        return Some(Duration::from_secs(after));
    }
    if seconds(&headers.remaining) == Some(0) {
        if let Some(reset) = seconds(&headers.reset) {
            let now = now.duration_since(UNIX_EPOCH).unwrap_or_default().as_secs();
            // One second more: the reset time is rounded down to the second.
            return Some(Duration::from_secs(reset.saturating_sub(now) + 1));
        }
    }
    if status == 429 || body.to_ascii_lowercase().contains("rate limit") {
        return Some(DEFAULT_RATE_LIMIT_WAIT);
    }
    None
}

/// A JSON client for one forge API: its base URL, its headers and its token.
pub(crate) struct Http {
    agent: ureq::Agent,
    base: String,
    /// The forge's name, for error messages.
    forge: &'static str,
    /// `(name, value)` headers sent with every request.
    headers: Vec<(&'static str, String)>,
    token: Option<Token>,
    rate: RateLimit,
    /// Milliseconds waited on rate limits so far.
    waited_ms: AtomicU64,
}

impl Http {
    /// A client for the API at `base` (no trailing slash) that authenticates
    /// with `token` as `auth_scheme token`.
    pub(crate) fn new(
        forge: &'static str,
        base: &str,
        token: Option<Token>,
        auth_scheme: &str,
        mut headers: Vec<(&'static str, String)>,
    ) -> Http {
        let agent = ureq::Agent::config_builder()
            .timeout_connect(Some(CONNECT_TIMEOUT))
            .timeout_global(Some(REQUEST_TIMEOUT))
            .http_status_as_error(false)
            .user_agent(format!("ctxmod/{}", env!("CARGO_PKG_VERSION")))
            .build()
            .new_agent();
        if let Some(token) = &token {
            headers.push(("Authorization", format!("{auth_scheme} {}", token.secret())));
        }
        Http {
            agent,
            base: base.trim_end_matches('/').to_string(),
            forge,
            headers,
            token,
            rate: RateLimit::default(),
            waited_ms: AtomicU64::new(0),
        }
    }

    /// Replaces how the client waits on rate limits.
    pub(crate) fn set_rate_limit(&mut self, rate: RateLimit) {
        self.rate = rate;
    }

    /// `GET path?query`, decoded from JSON.
    pub(crate) fn get<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, String)],
    ) -> Result<T> {
        let url = self.url(path);
        self.execute("GET", path, || {
            let mut request = self.agent.get(&url);
            for (name, value) in &self.headers {
                request = request.header(*name, value);
            }
            for (name, value) in query {
                request = request.query(*name, value);
            }
            request.call()
        })
    }

    /// `method path` with `body` as JSON, the response decoded from JSON.
    pub(crate) fn send<T: DeserializeOwned>(
        &self,
        method: &'static str,
        path: &str,
        body: &Value,
    ) -> Result<T> {
        let url = self.url(path);
        let payload = body.to_string();
        self.execute(method, path, || {
            let mut request = match method {
                "POST" => self.agent.post(&url),
                "PATCH" => self.agent.patch(&url),
                other => unreachable!("no request with a body uses {other}"),
            };
            for (name, value) in &self.headers {
                request = request.header(*name, value);
            }
            request
                .header("Content-Type", "application/json")
                .send(payload.as_bytes())
        })
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Sends a request through `call`, again after a rate limit's wait, and
    /// decodes a 2xx response.
    fn execute<T: DeserializeOwned>(
        &self,
        method: &str,
        path: &str,
        call: impl Fn() -> Result<Response<Body>, ureq::Error>,
    ) -> Result<T> {
        for attempt in 1.. {
            let mut response = call().map_err(|e| {
                anyhow!(
                    "{} API {method} {path}: {}",
                    self.forge,
                    self.scrub(&e.to_string())
                )
            })?;
            let status = response.status().as_u16();
            let headers = rate_headers(&response);
            let text = response.body_mut().read_to_string().map_err(|e| {
                anyhow!(
                    "{} API {method} {path}: reading the response: {}",
                    self.forge,
                    self.scrub(&e.to_string())
                )
            })?;
            if (200..300).contains(&status) {
                let text = if text.trim().is_empty() {
                    "null"
                } else {
                    &text
                };
                return serde_json::from_str(text).map_err(|e| {
                    anyhow!(
                        "{} API {method} {path}: the response is not the JSON expected: {e}",
                        self.forge
                    )
                });
            }
            if let Some(wait) = rate_limit_wait(status, &headers, &text, SystemTime::now()) {
                let waited = Duration::from_millis(self.waited_ms.load(Ordering::Relaxed));
                if attempt < MAX_ATTEMPTS && waited + wait <= self.rate.max_wait {
                    (self.rate.sleep)(wait);
                    let ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX);
                    self.waited_ms.fetch_add(ms, Ordering::Relaxed);
                    continue;
                }
                bail!(
                    "{} API {method} {path}: rate limited ({status}); the forge asks to wait {} s \
                     more, past the {} s ctxmod waits: run again later",
                    self.forge,
                    wait.as_secs(),
                    self.rate.max_wait.as_secs()
                );
            }
            bail!("{}", self.status_error(method, path, status, &text));
        }
        unreachable!("the loop returns or fails")
    }

    /// The error for a non-2xx response: status, the forge's message, and
    /// what to check.
    fn status_error(&self, method: &str, path: &str, status: u16, text: &str) -> String {
        let message = forge_message(text);
        let hint = match status {
            401 => ": the token in CTXMOD_TOKEN or GITHUB_TOKEN is missing, expired or wrong",
            403 => ": the token may lack permission to write pull requests",
            404 => ": check the owner, the repository and --api-url, and that the token can see the repository",
            422 => ": the forge refused the request (does the branch exist on the forge?)",
            _ => "",
        };
        let reason = ureq::http::StatusCode::from_u16(status)
            .ok()
            .and_then(|s| s.canonical_reason())
            .unwrap_or("");
        self.scrub(&format!(
            "{} API {method} {path}: {status} {reason}{}{hint}",
            self.forge,
            if message.is_empty() {
                String::new()
            } else {
                format!(": {message}")
            }
        ))
    }

    /// `text` with the token, if it occurs, replaced by `***`.
    fn scrub(&self, text: &str) -> String {
        match &self.token {
            Some(token) if !token.secret().is_empty() => text.replace(token.secret(), "***"),
            _ => text.to_string(),
        }
    }
}

/// The headers of `response` that [`rate_limit_wait`] reads.
fn rate_headers(response: &Response<Body>) -> RateHeaders {
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    RateHeaders {
        retry_after: header("retry-after"),
        remaining: header("x-ratelimit-remaining"),
        reset: header("x-ratelimit-reset"),
    }
}

/// The forge's own explanation in an error body: GitHub's and Gitea's
/// `message`, with GitHub's `errors[].message` and codes after it; the body
/// itself, shortened, when it is not JSON.
fn forge_message(text: &str) -> String {
    let Ok(value) = serde_json::from_str::<Value>(text) else {
        let line = text.lines().next().unwrap_or("").trim();
        return line.chars().take(200).collect();
    };
    let mut parts: Vec<String> = Vec::new();
    if let Some(message) = value.get("message").and_then(Value::as_str) {
        parts.push(message.to_string());
    }
    for error in value
        .get("errors")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let detail = error
            .get("message")
            .or_else(|| error.get("code"))
            .and_then(Value::as_str);
        if let Some(detail) = detail {
            parts.push(detail.to_string());
        }
    }
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(
        retry_after: Option<&str>,
        remaining: Option<&str>,
        reset: Option<&str>,
    ) -> RateHeaders {
        RateHeaders {
            retry_after: retry_after.map(String::from),
            remaining: remaining.map(String::from),
            reset: reset.map(String::from),
        }
    }

    fn at(seconds: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(seconds)
    }

    #[test]
    fn retry_after_wins() {
        let h = headers(Some("7"), Some("0"), Some("1000"));
        assert_eq!(
            rate_limit_wait(429, &h, "", at(900)),
            Some(Duration::from_secs(7))
        );
        assert_eq!(
            rate_limit_wait(403, &h, "", at(900)),
            Some(Duration::from_secs(7))
        );
    }

    #[test]
    fn exhausted_quota_waits_until_the_reset() {
        let h = headers(None, Some("0"), Some("1000"));
        assert_eq!(
            rate_limit_wait(403, &h, "", at(990)),
            Some(Duration::from_secs(11))
        );
        // A reset already past still waits a second.
        assert_eq!(
            rate_limit_wait(403, &h, "", at(2000)),
            Some(Duration::from_secs(1))
        );
    }

    #[test]
    fn a_quota_left_is_not_a_rate_limit() {
        let h = headers(None, Some("12"), Some("1000"));
        assert_eq!(
            rate_limit_wait(403, &h, r#"{"message":"Resource not accessible"}"#, at(990)),
            None
        );
    }

    #[test]
    fn secondary_limit_without_headers_waits_a_minute() {
        let body = r#"{"message":"You have exceeded a secondary rate limit."}"#;
        let none = RateHeaders::default();
        assert_eq!(
            rate_limit_wait(403, &none, body, at(0)),
            Some(DEFAULT_RATE_LIMIT_WAIT)
        );
        assert_eq!(
            rate_limit_wait(429, &none, "", at(0)),
            Some(DEFAULT_RATE_LIMIT_WAIT)
        );
    }

    #[test]
    fn other_statuses_are_not_rate_limits() {
        let h = headers(Some("5"), Some("0"), Some("1000"));
        for status in [200, 401, 404, 422, 500, 503] {
            assert_eq!(
                rate_limit_wait(status, &h, "rate limit", at(0)),
                None,
                "{status}"
            );
        }
    }

    #[test]
    fn errors_never_show_the_token() {
        let secret = "s3cr3t-token";
        // Nothing listens on the discard port: the request fails to connect.
        let http = Http::new(
            "GitHub",
            "http://127.0.0.1:9",
            Some(Token::new(secret)),
            "Bearer",
            vec![],
        );
        let text = http.status_error(
            "GET",
            "/x",
            401,
            r#"{"message":"token s3cr3t-token is bad"}"#,
        );
        assert!(
            text.contains("401 Unauthorized: token *** is bad"),
            "{text}"
        );
        let err = http.get::<Value>("/x", &[]).unwrap_err();
        let text = format!("{err:#} {err:?}");
        assert!(!text.contains(secret), "{text}");
        assert!(text.contains("GitHub API GET /x"), "{text}");
    }

    #[test]
    fn forge_messages_are_read_from_json_or_text() {
        assert_eq!(
            forge_message(
                r#"{"message":"Validation Failed","errors":[{"resource":"PullRequest","code":"custom","message":"A pull request already exists"}]}"#
            ),
            "Validation Failed; A pull request already exists"
        );
        assert_eq!(
            forge_message(r#"{"message":"Bad credentials"}"#),
            "Bad credentials"
        );
        assert_eq!(
            forge_message("<html>bad gateway</html>\nmore"),
            "<html>bad gateway</html>"
        );
    }
}
