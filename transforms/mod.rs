//! The rules, one file each. A rule's module doc comment is its user
//! documentation (`ctxmod explain` prints it), with the sections What it
//! does, Why, Example, Fix safety and Limitations.

use crate::lint::rule::RuleEntry;

// The modules are declared outside the macro so that rustfmt formats them.
pub mod background_in_scope;
pub mod cancelled_ctx_returned;
pub mod ctx_not_first;
pub mod custom_context;
pub mod done_busy_loop;
pub mod done_err;
pub mod gin;
pub mod long_lived_value;
pub mod lost_cancel;
pub mod nil_ctx;
pub mod redundant_cancel;
pub mod request_ctx_goroutine;
pub mod string_key;
pub mod struct_ctx;
pub mod thread_ctx;
pub mod unbounded_detach;
pub mod zero_timeout;

macro_rules! registry {
    ($($module:ident $(:: $inner:ident)* => $file:literal),* $(,)?) => {
        /// Every rule, in catalog order.
        pub fn registry() -> &'static [RuleEntry] {
            static REGISTRY: &[RuleEntry] = &[
                $(RuleEntry {
                    rule: &$module $(:: $inner)*::RULE,
                    source: include_str!($file),
                },)*
            ];
            REGISTRY
        }
    };
}

// One line per rule: its module and the file that documents it.
registry! {
    background_in_scope => "background_in_scope.rs",
    thread_ctx => "thread_ctx.rs",
    struct_ctx => "struct_ctx.rs",
    string_key => "string_key.rs",
    lost_cancel => "lost_cancel.rs",
    done_busy_loop => "done_busy_loop.rs",
    done_err => "done_err.rs",
    redundant_cancel => "redundant_cancel.rs",
    nil_ctx => "nil_ctx.rs",
    cancelled_ctx_returned => "cancelled_ctx_returned.rs",
    unbounded_detach => "unbounded_detach.rs",
    zero_timeout => "zero_timeout.rs",
    custom_context => "custom_context.rs",
    long_lived_value => "long_lived_value.rs",
    ctx_not_first => "ctx_not_first.rs",
    gin::goroutine => "gin/goroutine.rs",
    gin::copy_detach => "gin/copy_detach.rs",
    gin::as_context => "gin/as_context.rs",
    request_ctx_goroutine => "request_ctx_goroutine.rs",
}

/// The rules' options as `text`, a `ctxmod.toml`, sets them.
#[cfg(test)]
pub(crate) fn configured(text: &str) -> anyhow::Result<crate::lint::options::OptionSet> {
    let tables = crate::lint::rule::option_tables(registry());
    let path = std::path::Path::new("ctxmod.toml");
    Ok(crate::lint::config::Config::parse(path, text, |_| true, &tables)?.options)
}

#[cfg(test)]
mod tests {
    use super::registry;

    #[test]
    fn every_rule_documents_the_five_sections() {
        for entry in registry() {
            let doc = entry.documentation();
            for section in [
                "## What it does",
                "## Why",
                "## Example",
                "## Fix safety",
                "## Limitations",
            ] {
                assert!(
                    doc.contains(section),
                    "{} lacks `{section}`",
                    entry.meta().id
                );
            }
        }
    }

    #[test]
    fn every_rationale_is_one_sentence() {
        for entry in registry() {
            let why = entry.rationale();
            assert!(
                (why.ends_with('.') || why.ends_with(".\""))
                    && why.len() <= 320
                    && !why.contains("```"),
                "{}: {why:?}",
                entry.meta().id
            );
            assert!(!entry.section("What it does").is_empty());
        }
    }

    #[test]
    fn the_index_benchmark_compares_with_every_rule_that_reads_one_file() {
        let bench = include_str!("../bench/index.sh");
        for entry in registry() {
            let reads_one_file = !entry.source.contains("fn check_workspace")
                && !entry.source.contains("fn call_sites_wanted");
            let listed = bench.contains(&format!("--rule {}", entry.meta().id));
            assert_eq!(
                listed,
                reads_one_file,
                "bench/index.sh's local_rules and {}",
                entry.meta().id
            );
        }
    }

    #[test]
    fn a_rule_asks_for_the_summary_parts_it_reads() {
        use crate::index::summary_parts::SummaryParts;
        // What a rule's own code reads of the workspace; the golden test
        // `every_rule_alone_finds_what_it_finds_among_all` covers what it
        // reads through shared code.
        let reads = [
            ("fn call_sites_wanted", SummaryParts::CALLS),
            ("workspace.functions(", SummaryParts::CALLS),
            ("workspace.cancelled_returns(", SummaryParts::CALLS),
            ("workspace.context_fields(", SummaryParts::CALLS),
            ("workspace.context_values(", SummaryParts::VALUES),
            ("workspace.key_consts(", SummaryParts::VALUES),
            ("workspace.declared_names_in(", SummaryParts::VALUES),
            ("workspace.detach_sites(", SummaryParts::GIN),
            ("workspace.gin_arguments(", SummaryParts::GIN),
        ];
        for entry in registry() {
            let parts = entry.rule.summary_parts();
            for (read, part) in reads {
                if entry.source.contains(read) {
                    assert!(
                        parts.contains(part),
                        "{} calls `{read}` but does not ask for {part:?}",
                        entry.meta().id
                    );
                }
            }
            assert_eq!(
                parts.contains(SummaryParts::CALLS),
                entry.source.contains("fn call_sites_wanted"),
                "{}: summary_parts and call_sites_wanted",
                entry.meta().id
            );
        }
    }

    #[test]
    fn an_options_table_is_named_after_a_rule_that_declares_it() {
        let tables = crate::lint::rule::option_tables(registry());
        assert!(!tables.is_empty());
        for table in tables {
            let owner = registry().iter().find(|e| e.meta().id == table.name());
            assert!(
                owner.and_then(|e| e.rule.options()).map(|t| t.name()) == Some(table.name()),
                "no rule `{}` declares the table",
                table.name()
            );
        }
        let err = super::configured("[nil-ctx]\n").unwrap_err().to_string();
        assert_eq!(
            err,
            "ctxmod.toml:1:2: nil-ctx: unknown field `nil-ctx`, expected one of `rules`, `exclude`, `thread-ctx`, `string-key`, `unbounded-detach`, `gin-copy-detach`"
        );
    }

    #[test]
    fn ids_and_codes_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for entry in registry() {
            let m = entry.meta();
            assert!(seen.insert(m.id), "duplicate id {}", m.id);
            assert!(seen.insert(m.code), "duplicate code {}", m.code);
        }
    }

    #[test]
    fn every_rule_has_positive_no_op_and_suppressed_golden_cases() {
        let golden = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("golden");
        for entry in registry() {
            let dir = golden.join(entry.meta().id);
            for case in ["no-op", "suppressed"] {
                assert!(
                    dir.join(case).is_dir(),
                    "{} has no golden {case} case",
                    entry.meta().id
                );
            }
            let cases: Vec<std::path::PathBuf> = std::fs::read_dir(&dir)
                .unwrap_or_else(|_| panic!("{} has no golden cases", entry.meta().id))
                .filter_map(Result::ok)
                .map(|case| case.path())
                .filter(|case| case.join("input").is_dir())
                .collect();
            if entry.meta().applicability == crate::lint::fix::Applicability::DisplayOnly {
                // Its findings are its output: a case pins what they say.
                let code = entry.meta().code;
                let reports = cases.iter().any(|case| {
                    std::fs::read_to_string(case.join("findings"))
                        .is_ok_and(|text| text.contains(code))
                });
                assert!(
                    reports,
                    "{} has no golden case whose `findings` file shows it",
                    entry.meta().id
                );
                continue;
            }
            assert!(
                cases.iter().any(|case| trees_differ(case)),
                "{} has no golden case that changes code",
                entry.meta().id
            );
        }
    }

    /// True when a golden case's `expected/` tree differs from its `input/`.
    fn trees_differ(case: &std::path::Path) -> bool {
        let list = |side: &str| -> Vec<(std::path::PathBuf, Vec<u8>)> {
            let mut files = Vec::new();
            let mut stack = vec![case.join(side)];
            while let Some(dir) = stack.pop() {
                for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                    if e.path().is_dir() {
                        stack.push(e.path());
                    } else {
                        let rel = e
                            .path()
                            .strip_prefix(case.join(side))
                            .unwrap()
                            .to_path_buf();
                        files.push((rel, std::fs::read(e.path()).unwrap()));
                    }
                }
            }
            files.sort();
            files
        };
        list("input") != list("expected")
    }
}
