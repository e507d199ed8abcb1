//! What a rule is, what it sees of a file, and the set of rules a run uses.

use crate::go::file_cx::FileCx;
use crate::index::collect::Collector;
use crate::index::ids::FuncId;
use crate::index::summary_parts::SummaryParts;
use crate::index::wanted::WantedNames;
use crate::index::workspace::Workspace;
use crate::lint::finding::Finding;
pub use crate::lint::meta::RuleMeta;
use crate::lint::options::{OptionSet, OptionsTable, RuleOptions};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tree_sitter::Node;

/// What to do with an exported function whose signature a rule would
/// change: code outside the workspace may call it.
///
/// `auto`, the default, never breaks a library's importers: it wraps the
/// exported functions of packages other modules can import
/// ([`crate::go::gomod::importable_elsewhere`]: not `main`, not `internal/`,
/// in a module with no `main` package at its root or under `cmd/`), and
/// changes them elsewhere (an application's, announced in the reports).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum ExportedPolicy {
    /// `wrap` in a package other modules can import, `thread` elsewhere
    /// (the default).
    #[default]
    Auto,
    /// Change it like any other function.
    Thread,
    /// Keep it as a deprecated wrapper that calls a new `NameContext`
    /// taking the context, which callers in the workspace move to.
    Wrap,
    /// Leave it, and every chain through it, as it is.
    Skip,
}

/// Options that change what rules do, from `ctxmod.toml` and the command
/// line.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// What rules that change signatures do with exported functions: the
    /// run-wide policy of thread-ctx's `exported` option.
    pub exported: ExportedPolicy,
    /// Each rule's own options ([`Settings::options`]).
    pub rule_options: OptionSet,
}

impl Settings {
    /// The options of type `T` the run was given, else their default.
    pub fn options<T: RuleOptions>(&self) -> Cow<'_, T> {
        match self.rule_options.get::<T>() {
            Some(options) => Cow::Borrowed(options),
            None => Cow::Owned(T::default()),
        }
    }

    /// What to do with the exported functions declared in `path`: the
    /// policy chosen, with `auto` made `wrap` or `thread` for the file's
    /// package.
    pub fn exported_policy_at(&self, path: &Path) -> ExportedPolicy {
        match self.exported {
            ExportedPolicy::Auto if crate::go::gomod::importable_elsewhere(path) => {
                ExportedPolicy::Wrap
            }
            ExportedPolicy::Auto => ExportedPolicy::Thread,
            policy => policy,
        }
    }

    /// Why a rule leaves the signature of `id` (declared in `path`) as it
    /// is under these settings, if it does: with `--exported skip` or
    /// `wrap` (or `auto` in a package other modules can import), code
    /// outside the workspace may call it (thread-ctx wraps such a function
    /// instead, before asking).
    pub fn keeps_signature(&self, id: &FuncId, path: &Path) -> Option<String> {
        let policy = match self.exported_policy_at(path) {
            ExportedPolicy::Thread | ExportedPolicy::Auto => return None,
            ExportedPolicy::Skip => "--exported skip",
            ExportedPolicy::Wrap if self.exported == ExportedPolicy::Auto => {
                "a package other modules can import: --exported thread changes them"
            }
            ExportedPolicy::Wrap => "--exported wrap",
        };
        id.is_public(path).then(|| {
            format!(
                "`{}` is exported, and exported signatures are kept as they are ({policy})",
                id.name
            )
        })
    }
}

/// A transform: finds problems and proposes fixes.
///
/// The engine walks each file's tree once and calls `visit` for every node
/// whose kind is in the rule's `kinds`. A rule that needs every file at
/// once (a signature change and all its callers) works in
/// `check_workspace` instead, which the engine calls once the workspace is
/// known, and again after each fix pass.
pub trait Rule: Sync {
    /// The rule's identity.
    fn meta(&self) -> &'static RuleMeta;
    /// Looks at one node (of the rule's `kinds`) and reports findings into
    /// `out`. A rule that only looks at the whole workspace leaves it be.
    fn visit(&self, _node: Node<'_>, _cx: &RuleCx<'_>, _out: &mut Vec<Finding>) {}
    /// Looks at the whole workspace and reports findings, each with the
    /// file it is in, into `out`.
    fn check_workspace(
        &self,
        _workspace: &Workspace,
        _settings: &Settings,
        _out: &mut Vec<(PathBuf, Finding)>,
    ) {
    }
    /// Adds to `wanted` the names of the functions, methods (and fields)
    /// whose call sites and references `check_workspace` needs
    /// ([`Workspace::callers`]), given the workspace's declarations.
    /// Collecting uses costs time on every file, so the engine collects
    /// only these, and an unexported name only in its own package
    /// ([`WantedNames::function`], [`WantedNames::field`]).
    fn call_sites_wanted(
        &self,
        _workspace: &Workspace,
        _settings: &Settings,
        _wanted: &mut WantedNames,
    ) {
    }

    /// The parts of each file's summary the rule reads, beyond the
    /// declarations every run gathers. A rule that implements
    /// [`Rule::call_sites_wanted`] reads [`SummaryParts::CALLS`]: the first
    /// stage then also keeps every file's identifiers for the rounds.
    fn summary_parts(&self) -> SummaryParts {
        SummaryParts::NONE
    }

    /// The collectors whose facts `check_workspace` reads
    /// ([`Workspace::facts`]): the index runs them on every file it
    /// summarises.
    fn collectors(&self) -> &'static [&'static dyn Collector] {
        &[]
    }

    /// The rule's options, when it has some: their table in `ctxmod.toml`
    /// ([`crate::lint::options::table`]). Rules that share options may
    /// each declare them.
    fn options(&self) -> Option<&'static dyn OptionsTable> {
        None
    }
}

/// The option tables of `rules`, each once, in the rules' order.
pub fn option_tables<'r>(
    rules: impl IntoIterator<Item = &'r RuleEntry>,
) -> Vec<&'static dyn OptionsTable> {
    let mut tables: Vec<&'static dyn OptionsTable> = Vec::new();
    for table in rules.into_iter().filter_map(|e| e.rule.options()) {
        if !tables.iter().any(|t| t.name() == table.name()) {
            tables.push(table);
        }
    }
    tables
}

/// Everything a rule may read while checking one file: the file
/// ([`FileCx`], which it derefs to) and the run's settings.
pub struct RuleCx<'a> {
    /// The file being checked.
    pub file: &'a FileCx<'a>,
    /// The run's options.
    pub settings: &'a Settings,
}

impl<'a> std::ops::Deref for RuleCx<'a> {
    type Target = FileCx<'a>;

    fn deref(&self) -> &FileCx<'a> {
        self.file
    }
}

/// A registered rule with the source file that documents it.
pub struct RuleEntry {
    /// The rule.
    pub rule: &'static dyn Rule,
    /// The full text of its transform file; its `//!` lines are its docs.
    pub source: &'static str,
}

impl RuleEntry {
    /// The rule's metadata.
    pub fn meta(&self) -> &'static RuleMeta {
        self.rule.meta()
    }

    /// The rule's user documentation: its module doc comment.
    pub fn documentation(&self) -> String {
        let mut doc = String::new();
        for line in self.source.lines() {
            if let Some(rest) = line.strip_prefix("//!") {
                doc.push_str(rest.strip_prefix(' ').unwrap_or(rest));
                doc.push('\n');
            } else if !doc.is_empty() {
                break;
            }
        }
        doc
    }

    /// The text of one `## heading` section of the documentation, without
    /// the heading, trimmed.
    pub fn section(&self, heading: &str) -> String {
        let doc = self.documentation();
        let title = format!("## {heading}\n");
        let Some(start) = doc.find(&title).map(|i| i + title.len()) else {
            return String::new();
        };
        let rest = &doc[start..];
        let end = rest.find("\n## ").unwrap_or(rest.len());
        rest[..end].trim().to_string()
    }

    /// Why the rule matters, in one line: the first sentence of its `Why`
    /// section.
    pub fn rationale(&self) -> String {
        let why = self
            .section("Why")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        // A sentence ends at a full stop before a space, outside a
        // quotation or where one closes.
        let end = why.match_indices('.').find_map(|(i, _)| {
            let rest = &why[i + 1..];
            let quoted = why[..i].matches('"').count() % 2 == 1;
            let closing = usize::from(quoted && rest.starts_with('"'));
            (quoted == (closing == 1) && rest[closing..].starts_with(' '))
                .then_some(i + 1 + closing)
        });
        match end {
            Some(end) => why[..end].to_string(),
            None => why,
        }
    }

    /// True when `name` is this rule's id or code (codes case-insensitively).
    pub fn matches(&self, name: &str) -> bool {
        let m = self.meta();
        m.id == name || m.code.eq_ignore_ascii_case(name)
    }

    /// True when the rule reads one file at a time: it asks for no part of
    /// the files' summaries beyond the declarations every run gathers
    /// ([`Rule::summary_parts`]) and runs no collector
    /// ([`Rule::collectors`]), so a run of such rules alone builds no
    /// workspace index worth the name (`bench/index.sh` compares with them).
    pub fn reads_one_file(&self) -> bool {
        self.rule.summary_parts() == SummaryParts::NONE && self.rule.collectors().is_empty()
    }

    /// The rule's row of the README's rules table: code, id, what it finds,
    /// what its fix does.
    pub fn readme_row(&self) -> String {
        let m = self.meta();
        format!("| {} | {} | {} | {} |", m.code, m.id, m.finds, m.fixes)
    }
}

/// The rules of one run, with a dispatch table from node kind to rules.
pub struct RuleSet {
    rules: Vec<&'static dyn Rule>,
    settings: Settings,
    by_kind: Vec<Vec<usize>>,
    needles: Vec<&'static str>,
    caller_needles: Vec<&'static str>,
    summary_parts: SummaryParts,
    collectors: Vec<&'static dyn Collector>,
}

impl RuleSet {
    /// Builds the dispatch table for `rules`.
    pub fn new(rules: Vec<&'static dyn Rule>) -> RuleSet {
        let language = crate::go::syntax::language();
        let kind_count = language.node_kind_count();
        let mut by_kind = vec![Vec::new(); kind_count];
        for (index, rule) in rules.iter().enumerate() {
            for kind in rule.meta().kinds {
                let mut known = false;
                for id in 0..kind_count as u16 {
                    if language.node_kind_is_named(id)
                        && language.node_kind_for_id(id) == Some(kind)
                    {
                        by_kind[id as usize].push(index);
                        known = true;
                    }
                }
                assert!(
                    known,
                    "rule {} names unknown node kind {kind}",
                    rule.meta().id
                );
            }
        }
        let mut needles: Vec<&'static str> = rules
            .iter()
            .flat_map(|r| r.meta().needles.iter().copied())
            .collect();
        needles.sort_unstable();
        needles.dedup();
        let mut caller_needles: Vec<&'static str> = rules
            .iter()
            .flat_map(|r| r.meta().caller_needles.iter().copied())
            .collect();
        caller_needles.sort_unstable();
        caller_needles.dedup();
        let summary_parts = rules
            .iter()
            .fold(SummaryParts::NONE, |all, r| all.union(r.summary_parts()));
        let mut collectors: Vec<&'static dyn Collector> = Vec::new();
        for &collector in rules.iter().flat_map(|r| r.collectors()) {
            if !collectors.iter().any(|c| c.kind() == collector.kind()) {
                collectors.push(collector);
            }
        }
        RuleSet {
            collectors,
            rules,
            settings: Settings::default(),
            by_kind,
            needles,
            caller_needles,
            summary_parts,
        }
    }

    /// The same set, with these settings.
    pub fn with_settings(mut self, settings: Settings) -> RuleSet {
        self.settings = settings;
        self
    }

    /// The options the rules run with.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// One set per rule, in order, each with these settings.
    pub fn split(&self) -> Vec<RuleSet> {
        self.rules
            .iter()
            .map(|rule| RuleSet::new(vec![*rule]).with_settings(self.settings.clone()))
            .collect()
    }

    /// The rules in the set.
    pub fn rules(&self) -> &[&'static dyn Rule] {
        &self.rules
    }

    /// The byte strings that make a file worth parsing.
    pub fn needles(&self) -> &[&'static str] {
        &self.needles
    }

    /// The names whose call sites some rule needs.
    pub fn call_sites_wanted(&self, workspace: &Workspace) -> WantedNames {
        let mut wanted = WantedNames::default();
        for rule in &self.rules {
            rule.call_sites_wanted(workspace, &self.settings, &mut wanted);
        }
        wanted
    }

    /// What a file must contain for some rule to want it when it calls a
    /// context-taking function of the workspace ([`RuleMeta::caller_needles`]);
    /// empty when no rule does.
    pub fn caller_needles(&self) -> &[&'static str] {
        &self.caller_needles
    }

    /// The parts of each file's summary some rule reads
    /// ([`Rule::summary_parts`]).
    pub fn summary_parts(&self) -> SummaryParts {
        self.summary_parts
    }

    /// The collectors some rule reads the facts of, each once.
    pub fn collectors(&self) -> &[&'static dyn Collector] {
        &self.collectors
    }

    /// True when some rule asks for call sites ([`SummaryParts::CALLS`]).
    pub fn collects_call_sites(&self) -> bool {
        self.summary_parts.contains(SummaryParts::CALLS)
    }

    /// Runs every rule's workspace check, findings grouped by file.
    pub fn check_workspace(&self, workspace: &Workspace) -> BTreeMap<PathBuf, Vec<Finding>> {
        let mut found = Vec::new();
        for rule in &self.rules {
            rule.check_workspace(workspace, &self.settings, &mut found);
        }
        let mut by_file: BTreeMap<PathBuf, Vec<Finding>> = BTreeMap::new();
        for (path, finding) in found {
            by_file.entry(path).or_default().push(finding);
        }
        by_file
    }

    /// Runs every rule over the tree in one traversal.
    pub fn check(&self, cx: &RuleCx<'_>) -> Vec<Finding> {
        let mut out = Vec::new();
        crate::go::syntax::for_each_node(cx.root, |node| {
            if let Some(indices) = self.by_kind.get(node.kind_id() as usize) {
                for &i in indices {
                    self.rules[i].visit(node, cx, &mut out);
                }
            }
        });
        out
    }
}
