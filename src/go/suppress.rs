//! `//ctxmod:ignore ID -- reason` comments: silence a rule on the comment's
//! line and the line after it. Another linter's `//nolint:name` and
//! staticcheck's `//lint:ignore CHECK reason` do the same for the rules
//! that make the same check ([`CheckNames::nolint`]), and staticcheck's
//! `//lint:file-ignore CHECK reason` for the whole file: the author kept
//! that code on purpose.

use std::collections::HashMap;

const MARKER: &str = "//ctxmod:ignore";

/// golangci-lint's suppression comment.
const NOLINT: &str = "//nolint:";

/// staticcheck's suppression comment for one line, and for a file.
const LINT_IGNORE: &str = "//lint:ignore ";
const LINT_FILE_IGNORE: &str = "//lint:file-ignore ";

/// The ignore comments of one file, by 1-based line.
#[derive(Debug, Default)]
pub struct Suppressions {
    /// Rule names listed on each line; an empty list silences every rule.
    by_line: HashMap<usize, Vec<String>>,
    /// The linters or checks each `//nolint:a,b` or `//lint:ignore A,B`
    /// comment names, by line.
    nolint: HashMap<usize, Vec<String>>,
    /// The checks `//lint:file-ignore` comments silence in the whole file.
    file_ignored: Vec<String>,
}

impl Suppressions {
    /// Finds every ignore comment in `text`.
    pub fn parse(text: &str) -> Suppressions {
        let mut by_line = HashMap::new();
        let (nolint, file_ignored) = other_linters_comments(text);
        if memchr::memmem::find(text.as_bytes(), MARKER.as_bytes()).is_none() {
            return Suppressions {
                by_line,
                nolint,
                file_ignored,
            };
        }
        for (index, line) in text.lines().enumerate() {
            let Some(at) = line.find(MARKER) else {
                continue;
            };
            let rest = &line[at + MARKER.len()..];
            if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
                continue;
            }
            let names = rest.split("--").next().unwrap_or("");
            let ids = names
                .split([',', ' ', '\t'])
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
            by_line.insert(index + 1, ids);
        }
        Suppressions {
            by_line,
            nolint,
            file_ignored,
        }
    }

    /// True when the check named `rule` is silenced on 1-based `line`.
    pub fn silences(&self, rule: &CheckNames, line: usize) -> bool {
        let other_linter = |names: &Vec<String>| names.iter().any(|name| names_check(name, rule));
        other_linter(&self.file_ignored)
            || [line, line.saturating_sub(1)].iter().any(|l| {
                self.by_line.get(l).is_some_and(|ids| {
                    ids.is_empty()
                        || ids
                            .iter()
                            .any(|id| id == rule.id || id.eq_ignore_ascii_case(rule.code))
                }) || self.nolint.get(l).is_some_and(other_linter)
            })
    }
}

/// The names a suppression comment may give a check: ctxmod's id and code
/// for it, and the names other linters give the same check.
#[derive(Debug, Clone, Copy)]
pub struct CheckNames {
    /// The kebab-case id, e.g. `lost-cancel`.
    pub id: &'static str,
    /// The short code, e.g. `CTX005`.
    pub code: &'static str,
    /// Other linters' names for it (`staticcheck`, `SA1012`).
    pub nolint: &'static [&'static str],
}

/// True when another linter's `name` (a linter, a check, or a check glob
/// as `SA1*`) covers what `rule` checks.
fn names_check(name: &str, rule: &CheckNames) -> bool {
    rule.nolint.iter().any(|n| match name.strip_suffix('*') {
        Some(prefix) => n.len() >= prefix.len() && n[..prefix.len()].eq_ignore_ascii_case(prefix),
        None => n.eq_ignore_ascii_case(name),
    })
}

/// The names other linters' comments of `text` list: each `//nolint:a,b //
/// why` and `//lint:ignore A,B why` by 1-based line, and the checks of
/// every `//lint:file-ignore A,B why`.
fn other_linters_comments(text: &str) -> (HashMap<usize, Vec<String>>, Vec<String>) {
    let mut by_line = HashMap::new();
    let mut whole_file = Vec::new();
    let bytes = text.as_bytes();
    if memchr::memmem::find(bytes, NOLINT.as_bytes()).is_none()
        && memchr::memmem::find(bytes, b"//lint:").is_none()
    {
        return (by_line, whole_file);
    }
    let names = |list: &str| -> Vec<String> {
        list.split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("")
            .split(',')
            .filter(|n| !n.is_empty())
            .map(str::to_string)
            .collect()
    };
    for (index, line) in text.lines().enumerate() {
        if let Some(at) = line.find(NOLINT) {
            by_line.insert(index + 1, names(&line[at + NOLINT.len()..]));
        } else if let Some(at) = line.find(LINT_IGNORE) {
            by_line.insert(index + 1, names(&line[at + LINT_IGNORE.len()..]));
        } else if let Some(at) = line.find(LINT_FILE_IGNORE) {
            whole_file.extend(names(&line[at + LINT_FILE_IGNORE.len()..]));
        }
    }
    (by_line, whole_file)
}

#[cfg(test)]
mod tests {
    use super::*;

    static META: CheckNames = CheckNames {
        code: "CTX005",
        id: "lost-cancel",
        nolint: &[],
    };

    #[test]
    fn same_line_and_line_above() {
        let s = Suppressions::parse(
            "a\n//ctxmod:ignore lost-cancel -- owned by caller\nb\nc //ctxmod:ignore CTX001\nd //ctxmod:ignore\n",
        );
        assert!(s.silences(&META, 2));
        assert!(s.silences(&META, 3));
        assert!(!s.silences(&META, 4));
        assert!(s.silences(&META, 5));
        assert!(!s.silences(&META, 1));
    }

    #[test]
    fn another_linters_nolint_silences_the_rules_that_make_its_check() {
        static NIL: CheckNames = CheckNames {
            code: "CTX009",
            id: "nil-ctx",
            nolint: &["staticcheck", "SA1012"],
        };
        let s = Suppressions::parse(
            "a\nf(nil) //nolint:staticcheck // on purpose\nb\ng(nil) //nolint:errcheck,SA1012\nc\nh(nil) //nolint:errcheck\n",
        );
        assert!(s.silences(&NIL, 2));
        assert!(s.silences(&NIL, 4));
        assert!(!s.silences(&NIL, 6), "another linter's");
        assert!(!s.silences(&META, 2), "a rule that makes another check");
    }

    #[test]
    fn staticchecks_lint_ignore_silences_its_checks() {
        static KEY: CheckNames = CheckNames {
            code: "CTX004",
            id: "string-key",
            nolint: &["staticcheck", "SA1029"],
        };
        let s = Suppressions::parse(
            "a\n//lint:ignore SA1029 the key is shared with a plugin\nb\nc\n//lint:ignore SA1*,ST1003 legacy\nd\n//lint:ignore SA4006 other\ne\n",
        );
        assert!(s.silences(&KEY, 3), "the line below");
        assert!(!s.silences(&KEY, 4));
        assert!(s.silences(&KEY, 6), "a glob of checks");
        assert!(!s.silences(&KEY, 8), "another check");
        assert!(!s.silences(&META, 3), "a rule that makes another check");
        let file = Suppressions::parse("//lint:file-ignore SA1029 generated keys\npackage a\n");
        assert!(file.silences(&KEY, 40));
        assert!(!file.silences(&META, 40));
    }

    #[test]
    fn marker_must_end_the_word() {
        let s = Suppressions::parse("x //ctxmod:ignored\n");
        assert!(!s.silences(&META, 1));
    }
}
