//! A local HTTP server that replays recorded forge exchanges: each request
//! the client sends must be the next one of the fixture (method, path,
//! query, `Authorization` header and JSON body); the server answers with the
//! recorded response. Fixtures live in `tests/data/forge/NAME.json`.
//!
//! A request body a test cannot know to the byte (a pull request body made
//! from a report) is matched by a placeholder: the string `{{any:NAME}}` in
//! a recorded request matches any string and keeps it as NAME; the string
//! `{{NAME}}` in a later response is replaced by what was kept, so that the
//! forge answers with what it was sent.

use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread;

/// One recorded request and the forge's answer.
#[derive(Debug, Deserialize)]
struct Exchange {
    request: ExpectedRequest,
    response: RecordedResponse,
}

/// What the client must send.
#[derive(Debug, Deserialize)]
struct ExpectedRequest {
    method: String,
    path: String,
    #[serde(default)]
    query: BTreeMap<String, String>,
    /// The `Authorization` header; absent means none may be sent.
    #[serde(default)]
    authorization: Option<String>,
    /// The JSON body; absent means the request has no body.
    #[serde(default)]
    body: Option<Value>,
}

/// What the forge answered.
#[derive(Debug, Deserialize)]
struct RecordedResponse {
    status: u16,
    #[serde(default)]
    headers: BTreeMap<String, String>,
    #[serde(default)]
    body: Value,
}

/// A fixture file: its exchanges in order (its `about` says what it shows,
/// for the reader).
#[derive(Debug, Deserialize)]
struct Fixture {
    exchanges: Vec<Exchange>,
}

/// A request as the server received it.
#[derive(Debug)]
struct Received {
    method: String,
    path: String,
    query: BTreeMap<String, String>,
    headers: BTreeMap<String, String>,
    body: Vec<u8>,
}

#[derive(Default)]
struct State {
    exchanges: Vec<Exchange>,
    next: usize,
    failures: Vec<String>,
    /// What `{{any:NAME}}` placeholders matched, by NAME.
    kept: BTreeMap<String, String>,
}

/// A running replay server.
pub struct Replay {
    url: String,
    state: Arc<Mutex<State>>,
}

impl Replay {
    /// Starts a server on 127.0.0.1 replaying `tests/data/forge/{name}.json`.
    pub fn start(name: &str) -> Replay {
        let file = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/forge")
            .join(format!("{name}.json"));
        let text = std::fs::read_to_string(&file).expect("the fixture is readable");
        let fixture: Fixture = serde_json::from_str(&text).expect("the fixture is valid");
        let listener = TcpListener::bind("127.0.0.1:0").expect("a local port");
        let url = format!("http://{}", listener.local_addr().unwrap());
        let state = Arc::new(Mutex::new(State {
            exchanges: fixture.exchanges,
            ..State::default()
        }));
        let shared = Arc::clone(&state);
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                serve(stream, &shared);
            }
        });
        Replay { url, state }
    }

    /// The server's root URL.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The string the placeholder `{{any:name}}` matched, if one did.
    pub fn kept(&self, name: &str) -> Option<String> {
        self.state.lock().unwrap().kept.get(name).cloned()
    }

    /// How many requests the server has received.
    pub fn received(&self) -> usize {
        self.state.lock().unwrap().next
    }

    /// Panics unless every exchange was replayed, in order, as recorded.
    pub fn finish(&self) {
        let state = self.state.lock().unwrap();
        assert!(
            state.failures.is_empty(),
            "requests differed from the recording:\n{}",
            state.failures.join("\n")
        );
        assert_eq!(
            state.next,
            state.exchanges.len(),
            "only {} of {} recorded requests were sent",
            state.next,
            state.exchanges.len()
        );
    }
}

/// Answers the requests of one connection.
fn serve(stream: TcpStream, state: &Mutex<State>) {
    let mut reader = BufReader::new(stream.try_clone().expect("the stream clones"));
    let Some(received) = read_request(&mut reader) else {
        return;
    };
    let mut state = state.lock().unwrap();
    let index = state.next;
    let (status, headers, body) = match state.exchanges.get(index) {
        None => {
            let message = format!(
                "request {}: {} {} was not recorded",
                index + 1,
                received.method,
                received.path
            );
            state.failures.push(message.clone());
            (599, BTreeMap::new(), Value::String(message))
        }
        Some(exchange) => {
            let mut kept = state.kept.clone();
            let problems = compare(&exchange.request, &received, &mut kept);
            if problems.is_empty() {
                let r = &exchange.response;
                let answer = (r.status, r.headers.clone(), fill(&r.body, &kept));
                state.kept = kept;
                answer
            } else {
                let message = format!(
                    "request {} ({} {}): {}",
                    index + 1,
                    exchange.request.method,
                    exchange.request.path,
                    problems.join("; ")
                );
                state.failures.push(message.clone());
                (599, BTreeMap::new(), Value::String(message))
            }
        }
    };
    state.next += 1;
    drop(state);
    let body = body.to_string();
    let mut out = format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n",
        reason(status),
        body.len()
    );
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str("\r\n");
    out.push_str(&body);
    let mut stream = reader.into_inner();
    let _ = stream.write_all(out.as_bytes());
    let _ = stream.flush();
}

/// Whether `got` is `want`, where a `{{any:NAME}}` string in `want`
/// matches any string, kept in `kept` as NAME.
fn matches(want: &Value, got: &Value, kept: &mut BTreeMap<String, String>) -> bool {
    match (want, got) {
        (Value::String(w), Value::String(g)) => match placeholder(w) {
            Some(name) => {
                kept.insert(name.to_string(), g.clone());
                true
            }
            None => w == g,
        },
        (Value::Array(w), Value::Array(g)) => {
            w.len() == g.len() && w.iter().zip(g).all(|(w, g)| matches(w, g, kept))
        }
        (Value::Object(w), Value::Object(g)) => {
            w.len() == g.len()
                && w.iter()
                    .all(|(k, w)| g.get(k).is_some_and(|g| matches(w, g, kept)))
        }
        _ => want == got,
    }
}

/// NAME of a `{{any:NAME}}` string.
fn placeholder(text: &str) -> Option<&str> {
    text.strip_prefix("{{any:")?.strip_suffix("}}")
}

/// `value` with every `{{NAME}}` string replaced by what NAME kept.
fn fill(value: &Value, kept: &BTreeMap<String, String>) -> Value {
    match value {
        Value::String(s) => {
            let name = s.strip_prefix("{{").and_then(|r| r.strip_suffix("}}"));
            match name.and_then(|n| kept.get(n)) {
                Some(text) => Value::String(text.clone()),
                None => value.clone(),
            }
        }
        Value::Array(items) => Value::Array(items.iter().map(|v| fill(v, kept)).collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), fill(v, kept)))
                .collect(),
        ),
        _ => value.clone(),
    }
}

/// What differs between the recorded request and the received one.
fn compare(
    expected: &ExpectedRequest,
    received: &Received,
    kept: &mut BTreeMap<String, String>,
) -> Vec<String> {
    let mut problems = Vec::new();
    if expected.method != received.method || expected.path != received.path {
        problems.push(format!("got {} {}", received.method, received.path));
    }
    if expected.query != received.query {
        problems.push(format!(
            "query {:?}, expected {:?}",
            received.query, expected.query
        ));
    }
    let authorization = received.headers.get("authorization");
    if expected.authorization.as_ref() != authorization {
        problems.push(format!(
            "Authorization header {}",
            if authorization.is_some() {
                "differs"
            } else {
                "missing"
            }
        ));
    }
    let agent = received
        .headers
        .get("user-agent")
        .map_or("", String::as_str);
    if !agent.starts_with("ctxmod/") {
        problems.push(format!("User-Agent {agent:?}"));
    }
    match &expected.body {
        None if !received.body.is_empty() => problems.push("unexpected body".to_string()),
        None => {}
        Some(want) => {
            let content_type = received
                .headers
                .get("content-type")
                .map_or("", String::as_str);
            if content_type != "application/json" {
                problems.push(format!("Content-Type {content_type:?}"));
            }
            match serde_json::from_slice::<Value>(&received.body) {
                Ok(got) if matches(want, &got, kept) => {}
                Ok(got) => problems.push(format!("body {got}, expected {want}")),
                Err(e) => problems.push(format!("body is not JSON: {e}")),
            }
        }
    }
    problems
}

/// Reads one HTTP/1.1 request: request line, headers, `Content-Length` body.
fn read_request(reader: &mut BufReader<TcpStream>) -> Option<Received> {
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_string();
    let target = parts.next()?.to_string();
    let mut headers = BTreeMap::new();
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).ok()?;
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':')?;
        headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_string());
    }
    let length: usize = headers
        .get("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
    let query = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(k), decode(v))
        })
        .collect();
    Some(Received {
        method,
        path: path.to_string(),
        query,
        headers,
        body,
    })
}

/// Percent-decodes a query component (`+` is a space).
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
                match u8::from_str_radix(hex, 16) {
                    Ok(b) => {
                        out.push(b);
                        i += 3;
                        continue;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The reason phrase of the statuses the fixtures use.
fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        _ => "Status",
    }
}
