//! `//ctxmod:ignore ID -- reason` comments: silence a rule on the comment's
//! line and the line after it. Another linter's `//nolint:name` does the
//! same for the rules that make the same check ([`RuleMeta::nolint`]):
//! the author kept that code on purpose.

use crate::rule::RuleMeta;
use std::collections::HashMap;

const MARKER: &str = "//ctxmod:ignore";

/// golangci-lint's suppression comment.
const NOLINT: &str = "//nolint:";

/// The ignore comments of one file, by 1-based line.
#[derive(Debug, Default)]
pub struct Suppressions {
    /// Rule names listed on each line; an empty list silences every rule.
    by_line: HashMap<usize, Vec<String>>,
    /// The linters each `//nolint:a,b` comment names, by line.
    nolint: HashMap<usize, Vec<String>>,
}

impl Suppressions {
    /// Finds every ignore comment in `text`.
    pub fn parse(text: &str) -> Suppressions {
        let mut by_line = HashMap::new();
        let nolint = nolint_comments(text);
        if memchr::memmem::find(text.as_bytes(), MARKER.as_bytes()).is_none() {
            return Suppressions { by_line, nolint };
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
        Suppressions { by_line, nolint }
    }

    /// True when `rule` is silenced on 1-based `line`.
    pub fn silences(&self, rule: &RuleMeta, line: usize) -> bool {
        [line, line.saturating_sub(1)].iter().any(|l| {
            self.by_line.get(l).is_some_and(|ids| {
                ids.is_empty()
                    || ids
                        .iter()
                        .any(|id| id == rule.id || id.eq_ignore_ascii_case(rule.code))
            }) || self.nolint.get(l).is_some_and(|linters| {
                linters
                    .iter()
                    .any(|l| rule.nolint.iter().any(|n| n.eq_ignore_ascii_case(l)))
            })
        })
    }
}

/// The linters each `//nolint:a,b // why` comment of `text` names, by
/// 1-based line.
fn nolint_comments(text: &str) -> HashMap<usize, Vec<String>> {
    let mut found = HashMap::new();
    if memchr::memmem::find(text.as_bytes(), NOLINT.as_bytes()).is_none() {
        return found;
    }
    for (index, line) in text.lines().enumerate() {
        let Some(at) = line.find(NOLINT) else {
            continue;
        };
        let names = line[at + NOLINT.len()..]
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("");
        found.insert(
            index + 1,
            names
                .split(',')
                .filter(|n| !n.is_empty())
                .map(str::to_string)
                .collect(),
        );
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fix::Applicability;

    static META: RuleMeta = RuleMeta {
        code: "CTX005",
        id: "lost-cancel",
        summary: "",
        applicability: Applicability::Safe,
        kinds: &[],
        needles: &[],
        needs_callers: false,
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
        static NIL: RuleMeta = RuleMeta {
            code: "CTX009",
            id: "nil-ctx",
            nolint: &["staticcheck", "SA1012"],
            ..META
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
    fn marker_must_end_the_word() {
        let s = Suppressions::parse("x //ctxmod:ignored\n");
        assert!(!s.silences(&META, 1));
    }
}
