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
// Not a rule: the threading planner thread-ctx and struct-ctx share.
pub mod threading;
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
    thread_ctx => "thread_ctx/mod.rs",
    struct_ctx => "struct_ctx.rs",
    string_key => "string_key.rs",
    lost_cancel => "lost_cancel.rs",
    done_busy_loop => "done_busy_loop.rs",
    done_err => "done_err.rs",
    redundant_cancel => "redundant_cancel.rs",
    nil_ctx => "nil_ctx.rs",
    cancelled_ctx_returned => "cancelled_ctx_returned/mod.rs",
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
    fn the_index_benchmark_asks_ctxmod_which_rules_read_one_file() {
        // bench/index.sh takes its list from `ctxmod rules --one-file`
        // ([`RuleEntry::reads_one_file`]) instead of naming rules itself.
        let bench = include_str!("../bench/index.sh");
        assert!(bench.contains("rules --one-file"), "bench/index.sh");
        for entry in registry() {
            assert!(
                !bench.contains(&format!("--rule {}", entry.meta().id)),
                "bench/index.sh names {}: it should ask `ctxmod rules --one-file`",
                entry.meta().id
            );
        }
        // Both sides of the comparison hold rules.
        assert!(registry().iter().any(|entry| entry.reads_one_file()));
        assert!(!registry().iter().all(|entry| entry.reads_one_file()));
    }

    #[test]
    fn a_rule_that_reads_one_file_needs_nothing_of_the_index() {
        use crate::index::summary_parts::SummaryParts;
        for entry in registry().iter().filter(|entry| entry.reads_one_file()) {
            let alone = crate::lint::rule::RuleSet::new(vec![entry.rule]);
            assert_eq!(alone.summary_parts(), SummaryParts::NONE);
            assert!(alone.collectors().is_empty() && !alone.collects_call_sites());
        }
    }

    /// The README's rules table, as the registry renders it: a row per rule
    /// from its [`RuleMeta`](crate::lint::rule::RuleMeta) (`finds`,
    /// `fixes`), in catalog order, then a blank line.
    fn readme_rules_table() -> String {
        let mut table = String::from("| code | id | finds | fix |\n|---|---|---|---|\n");
        for entry in registry() {
            table.push_str(&entry.readme_row());
            table.push('\n');
        }
        table.push('\n');
        table
    }

    /// The README's rules table is generated from the registry: it is what
    /// lies between `<!-- rules:begin -->` and `<!-- rules:end -->`.
    /// `UPDATE_README=1 cargo test --lib readme` rewrites it from the rules'
    /// metadata.
    #[test]
    fn the_readme_rules_table_is_the_registrys() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
        let readme = std::fs::read_to_string(&path).unwrap();
        let (begin, end) = ("<!-- rules:begin -->\n", "<!-- rules:end -->\n");
        let start = readme
            .find(begin)
            .expect("README.md has <!-- rules:begin -->")
            + begin.len();
        let stop = start
            + readme[start..]
                .find(end)
                .expect("README.md has <!-- rules:end -->");
        let want = readme_rules_table();
        if readme[start..stop] == want {
            return;
        }
        if std::env::var_os("UPDATE_README").is_some() {
            let updated = format!("{}{want}{}", &readme[..start], &readme[stop..]);
            std::fs::write(&path, updated).unwrap();
            return;
        }
        panic!(
            "README.md's rules table differs from the registry's (rewrite it with \
             `UPDATE_README=1 cargo test --lib readme`):\n{}",
            similar::TextDiff::from_lines(&readme[start..stop], &want)
                .unified_diff()
                .header("README.md", "registry")
        );
    }

    /// The text `scripts/new-rule.sh` writes where a person must write the
    /// rule's own: its documentation, metadata and golden cases.
    const PLACEHOLDER: &str = "Replace this:";

    #[test]
    fn no_rule_keeps_the_placeholders_of_new_rule_sh() {
        for entry in registry() {
            // Its documentation, metadata and code.
            let m = entry.meta();
            assert!(
                !entry.source.contains(PLACEHOLDER),
                "{}: its transform file still says `{PLACEHOLDER}`",
                m.id
            );
            let golden = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("golden")
                .join(m.id);
            let mut stack = vec![golden];
            while let Some(dir) = stack.pop() {
                for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                    let path = e.path();
                    if path.is_dir() {
                        stack.push(path);
                    } else if std::fs::read_to_string(&path)
                        .is_ok_and(|text| text.contains(PLACEHOLDER))
                    {
                        panic!("{} still says `{PLACEHOLDER}`", path.display());
                    }
                }
            }
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
            ("workspace.context_fields(", SummaryParts::CALLS),
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
    fn a_set_of_rules_runs_each_collector_they_name_once() {
        use std::collections::HashSet;
        let all = crate::lint::rule::RuleSet::new(registry().iter().map(|e| e.rule).collect());
        let named: HashSet<std::any::TypeId> = registry()
            .iter()
            .flat_map(|e| e.rule.collectors())
            .map(|c| c.kind())
            .collect();
        let run: Vec<std::any::TypeId> = all.collectors().iter().map(|c| c.kind()).collect();
        assert!(named.len() >= 5, "collectors named: {}", named.len());
        assert_eq!(run.len(), named.len(), "each collector once");
        assert_eq!(run.into_iter().collect::<HashSet<_>>(), named);
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
}
