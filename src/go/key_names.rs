//! Names for new context keys: from the key's text (`"request_id"` →
//! `requestIDKey`, Go initialisms kept), and the words a package already
//! uses, which a new name must avoid.

use std::collections::HashSet;
use std::path::Path;

/// The initialisms Go spells in one case (from golint's list).
const INITIALISMS: &[&str] = &[
    "ACL", "API", "ASCII", "CPU", "CSS", "DNS", "EOF", "GUID", "HTML", "HTTP", "HTTPS", "ID", "IP",
    "JSON", "LHS", "QPS", "RAM", "RHS", "RPC", "SLA", "SMTP", "SQL", "SSH", "TCP", "TLS", "TTL",
    "UDP", "UI", "UID", "UUID", "URI", "URL", "UTF8", "VM", "XML", "XMPP", "XSRF", "XSS",
];

/// The unexported name of a key whose text is `text`: its words in camel
/// case, ending in `Key`.
pub fn key_name(text: &str) -> String {
    let Some(mut name) = camel_name(text) else {
        return format!("key{}", camel_words(text));
    };
    if !words(text)
        .last()
        .is_some_and(|w| w.eq_ignore_ascii_case("key"))
    {
        name.push_str("Key");
    }
    name
}

/// The words of `text` as an unexported Go name in camel case, Go
/// initialisms kept (`"user_id"` → `userID`), or `None` when it would not
/// start with a letter.
pub fn camel_name(text: &str) -> Option<String> {
    let name = camel_words(text);
    name.starts_with(|c: char| c.is_ascii_alphabetic())
        .then_some(name)
}

/// The words of `text` joined in camel case, the first in lower case.
fn camel_words(text: &str) -> String {
    let mut name = String::new();
    for (i, word) in words(text).iter().enumerate() {
        let upper = word.to_ascii_uppercase();
        if i == 0 {
            name.push_str(&word.to_ascii_lowercase());
        } else if INITIALISMS.contains(&upper.as_str()) {
            name.push_str(&upper);
        } else {
            let mut chars = word.chars();
            if let Some(first) = chars.next() {
                name.push(first.to_ascii_uppercase());
                name.push_str(&chars.as_str().to_ascii_lowercase());
            }
        }
    }
    name
}

/// The words of `text`: runs of ASCII letters and digits, split where a
/// lower-case letter meets an upper-case one (`requestID` → `request`,
/// `ID`) and before the last capital of a run of them followed by a lower
/// case letter (`HTTPServer` → `HTTP`, `Server`).
fn words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    for run in text.split(|c: char| !c.is_ascii_alphanumeric()) {
        let chars: Vec<char> = run.chars().collect();
        let mut current = String::new();
        for (i, &c) in chars.iter().enumerate() {
            let previous = i.checked_sub(1).map(|j| chars[j]);
            let next = chars.get(i + 1);
            let boundary = c.is_ascii_uppercase()
                && (previous.is_some_and(|p| p.is_ascii_lowercase() || p.is_ascii_digit())
                    || (previous.is_some_and(|p| p.is_ascii_uppercase())
                        && next.is_some_and(|n| n.is_ascii_lowercase())));
            if boundary && !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            current.push(c);
        }
        if !current.is_empty() {
            words.push(current);
        }
    }
    words
}

/// Every identifier-like word in the code of the `.go` files of directory
/// `dir` (comments and literals left out).
pub fn words_in_dir(dir: &Path) -> HashSet<String> {
    let mut found = HashSet::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "go") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        found.extend(
            code_only(&text)
                .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .filter(|w| !w.is_empty())
                .map(str::to_string),
        );
    }
    found
}

/// How many times `word` appears as a whole word in the code of the `.go`
/// files of directory `dir` (comments and literals left out).
pub fn mentions_in_dir(dir: &Path, word: &str) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "go"))
        .map(|p| mentions_in_file(&p, word))
        .sum()
}

/// How many times `word` appears in the code of the `.go` files of the
/// module holding directory `dir` (the nearest directory above it with a
/// `go.mod`, else `dir`), `vendor/`, `testdata/` and hidden directories
/// left out.
pub fn mentions_in_module(dir: &Path, word: &str) -> usize {
    let root = dir
        .ancestors()
        .find(|d| d.join("go.mod").is_file())
        .unwrap_or(dir);
    let mut count = 0;
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for path in std::fs::read_dir(&dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
        {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            if path.is_dir() {
                let skipped = name.starts_with('.')
                    || name.starts_with('_')
                    || name == "vendor"
                    || name == "testdata"
                    || (path != root && path.join("go.mod").is_file());
                if !skipped {
                    stack.push(path);
                }
            } else if name.ends_with(".go") {
                count += mentions_in_file(&path, word);
            }
        }
    }
    count
}

/// How many times `word` appears in the code of the file at `path`.
fn mentions_in_file(path: &Path, word: &str) -> usize {
    std::fs::read_to_string(path).map_or(0, |text| {
        code_only(&text)
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .filter(|w| *w == word)
            .count()
    })
}

/// `text` with its comments and string and rune literals blanked out.
fn code_only(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
                out.push('\n');
            }
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut star = false;
                for c in chars.by_ref() {
                    if star && c == '/' {
                        break;
                    }
                    star = c == '*';
                }
                out.push(' ');
            }
            '"' | '\'' | '`' => {
                let mut escaped = false;
                for d in chars.by_ref() {
                    if d == c && !escaped {
                        break;
                    }
                    escaped = c != '`' && d == '\\' && !escaped;
                }
                out.push(' ');
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{code_only, key_name};

    #[test]
    fn code_leaves_out_comments_and_literals() {
        let code = code_only("a // b\nc /* d */ \"e\\\"f\" 'g' `h` i");
        let words: Vec<&str> = code.split_whitespace().collect();
        assert_eq!(words, ["a", "c", "i"]);
    }

    #[test]
    fn names_follow_go_style() {
        assert_eq!(key_name("user"), "userKey");
        assert_eq!(key_name("request_id"), "requestIDKey");
        assert_eq!(key_name("X-Request-ID"), "xRequestIDKey");
        assert_eq!(key_name("userID"), "userIDKey");
        assert_eq!(key_name("HTTPServer"), "httpServerKey");
        assert_eq!(key_name("api_key"), "apiKey");
        assert_eq!(key_name("traceUrl"), "traceURLKey");
        assert_eq!(key_name("1"), "key1");
        assert_eq!(key_name(""), "key");
    }
}
