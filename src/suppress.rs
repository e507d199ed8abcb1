//! `//ctxmod:ignore ID -- reason` comments: silence a rule on the comment's
//! line and the line after it.

use crate::rule::RuleMeta;
use std::collections::HashMap;

const MARKER: &str = "//ctxmod:ignore";

/// The ignore comments of one file, by 1-based line.
#[derive(Debug, Default)]
pub struct Suppressions {
    /// Rule names listed on each line; an empty list silences every rule.
    by_line: HashMap<usize, Vec<String>>,
}

impl Suppressions {
    /// Finds every ignore comment in `text`.
    pub fn parse(text: &str) -> Suppressions {
        let mut by_line = HashMap::new();
        if memchr::memmem::find(text.as_bytes(), MARKER.as_bytes()).is_none() {
            return Suppressions { by_line };
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
        Suppressions { by_line }
    }

    /// True when `rule` is silenced on 1-based `line`.
    pub fn silences(&self, rule: &RuleMeta, line: usize) -> bool {
        [line, line.saturating_sub(1)].iter().any(|l| {
            self.by_line.get(l).is_some_and(|ids| {
                ids.is_empty()
                    || ids
                        .iter()
                        .any(|id| id == rule.id || id.eq_ignore_ascii_case(rule.code))
            })
        })
    }
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
    fn marker_must_end_the_word() {
        let s = Suppressions::parse("x //ctxmod:ignored\n");
        assert!(!s.silences(&META, 1));
    }
}
