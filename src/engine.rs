//! The run: read and pre-scan every file, parse the ones that can matter
//! once, run every rule in one traversal, resolve cross-file conditions, and
//! for `fix`, apply fixes pass by pass until nothing changes.

use crate::fix::{apply_edits, Applicability, Edit, Finding, Fix};
use crate::gomod::ModuleCache;
use crate::imports::{self, FileImports};
use crate::rule::{FileCx, RuleMeta, RuleSet};
use crate::source::{is_generated, SourceFile};
use crate::suppress::Suppressions;
use crate::syntax::{first_error, parse};
use crate::workspace::{FileSummary, Workspace};
use aho_corasick::AhoCorasick;
use indicatif::ProgressBar;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// How many fix passes a file gets before ctxmod gives up converging.
pub const MAX_PASSES: usize = 10;

/// How serious a notice is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The run went on; the file was skipped or left unedited.
    Warning,
    /// An input could not be read: the run fails at the end.
    Error,
}

/// A problem with an input file rather than with its code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// How serious it is.
    pub severity: Severity,
    /// The file.
    pub path: PathBuf,
    /// The 1-based line, when it is about one.
    pub line: Option<usize>,
    /// What happened.
    pub message: String,
}

/// The findings of one file, with the text they point into.
#[derive(Debug)]
pub struct FileFindings {
    /// The file as read.
    pub source: SourceFile,
    /// Its findings, sorted by position.
    pub findings: Vec<Finding>,
}

/// The result of `check`.
#[derive(Debug, Default)]
pub struct CheckOutcome {
    /// Files with findings, sorted by path.
    pub files: Vec<FileFindings>,
    /// Problems with inputs, sorted by path.
    pub notices: Vec<Notice>,
    /// How many files were read.
    pub files_read: usize,
    /// How many of them were parsed.
    pub files_parsed: usize,
    /// How many parses the run made (equal to `files_parsed`: one each).
    pub parses: usize,
}

/// One file `fix` changed.
#[derive(Debug)]
pub struct ChangedFile {
    /// The file as read.
    pub source: SourceFile,
    /// Its new text, with the file's own line endings.
    pub new_text: String,
    /// The fixes applied, in order.
    pub applied: Vec<(&'static RuleMeta, String)>,
}

/// The result of `fix`.
#[derive(Debug, Default)]
pub struct FixOutcome {
    /// Changed files, sorted by path.
    pub changed: Vec<ChangedFile>,
    /// Findings left after fixing (no fix, or a fix not applied).
    pub remaining: usize,
    /// Problems with inputs, and fixes that were rejected.
    pub notices: Vec<Notice>,
}

/// What scanning one file gave.
enum Scanned {
    /// Parsed and checked; the source is kept only when there are findings.
    Analysed(Option<SourceFile>, Analysis),
    /// Not parsed, but it may call a context-taking function of the
    /// workspace: looked at again once the workspace is known.
    MayCall(PathBuf),
    /// Nothing in it can matter.
    Skipped,
    /// Unreadable, or does not parse.
    Failed(Notice),
}

/// What a scan has gathered so far.
#[derive(Default)]
struct ScanState {
    /// Files with findings.
    analysed: Vec<(SourceFile, Analysis)>,
    /// The summary of every analysed file.
    summaries: Vec<FileSummary>,
    /// Files to look at again once the workspace is known.
    may_call: Vec<PathBuf>,
    /// Counts and notices.
    outcome: CheckOutcome,
}

impl ScanState {
    fn collect(&mut self, scanned: Scanned) {
        match scanned {
            Scanned::Analysed(source, analysis) => {
                self.outcome.files_parsed += 1;
                self.summaries.push(analysis.summary.clone());
                if let Some(source) = source {
                    self.analysed.push((source, analysis));
                }
            }
            Scanned::MayCall(path) => self.may_call.push(path),
            Scanned::Skipped => {}
            Scanned::Failed(n) => {
                self.outcome.files_parsed += usize::from(n.severity == Severity::Warning);
                self.outcome.notices.push(n);
            }
        }
    }
}

/// One file's analysis: its package summary and findings.
struct Analysis {
    summary: FileSummary,
    findings: Vec<Finding>,
}

/// Runs rules over files.
pub struct Engine<'r> {
    rules: &'r RuleSet,
    needles: AhoCorasick,
    modules: ModuleCache,
}

impl<'r> Engine<'r> {
    /// An engine running `rules`.
    pub fn new(rules: &'r RuleSet) -> Engine<'r> {
        let needles = AhoCorasick::new(rules.needles()).expect("needles are plain strings");
        Engine {
            rules,
            needles,
            modules: ModuleCache::default(),
        }
    }

    /// Finds every problem in `paths` (Go files).
    pub fn check(&self, paths: &[PathBuf], progress: &ProgressBar) -> CheckOutcome {
        let parses_before = crate::syntax::parse_count();
        let (scanned, workspace, mut outcome) = self.scan(paths, progress);
        outcome.parses = crate::syntax::parse_count() - parses_before;
        outcome.files = scanned
            .into_iter()
            .filter_map(|(source, analysis)| {
                let findings = resolve(analysis, &workspace);
                (!findings.is_empty()).then_some(FileFindings { source, findings })
            })
            .collect();
        outcome
    }

    /// Applies every fix at least as applicable as `min` to `paths`, in
    /// memory. Writing is the caller's choice.
    pub fn fix(&self, paths: &[PathBuf], min: Applicability, progress: &ProgressBar) -> FixOutcome {
        let (scanned, workspace, checked) = self.scan(paths, progress);
        let results: Vec<(Option<ChangedFile>, usize, Option<Notice>)> = scanned
            .into_par_iter()
            .map(|(source, analysis)| {
                let findings = resolve(analysis, &workspace);
                self.fix_file(source, findings, min, &workspace)
            })
            .collect();
        let mut outcome = FixOutcome {
            notices: checked.notices,
            ..FixOutcome::default()
        };
        for (changed, remaining, notice) in results {
            outcome.changed.extend(changed);
            outcome.remaining += remaining;
            outcome.notices.extend(notice);
        }
        outcome
            .notices
            .sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
        outcome
    }

    /// Reads, pre-scans and analyses every file; returns the files with
    /// findings and the workspace their conditions resolve against. Only
    /// the texts of files with findings are kept.
    fn scan(
        &self,
        paths: &[PathBuf],
        progress: &ProgressBar,
    ) -> (Vec<(SourceFile, Analysis)>, Workspace, CheckOutcome) {
        let first: Vec<Scanned> = paths
            .par_iter()
            .map(|path| {
                progress.inc(1);
                self.scan_file(path, None)
            })
            .collect();
        let mut state = ScanState {
            outcome: CheckOutcome {
                files_read: paths.len(),
                ..CheckOutcome::default()
            },
            ..ScanState::default()
        };
        for scanned in first {
            state.collect(scanned);
        }
        let mut workspace = Workspace::new(&state.summaries);

        // Files without the needles can still call a context-taking function
        // of the workspace: parse those that contain such a call's text.
        let needles = workspace.caller_needles();
        let unparsed = std::mem::take(&mut state.may_call);
        if !needles.is_empty() && !unparsed.is_empty() {
            let callers = AhoCorasick::new(&needles).expect("needles are plain strings");
            let second: Vec<Scanned> = unparsed
                .par_iter()
                .map(|path| self.scan_file(path, Some(&callers)))
                .collect();
            state.summaries.clear();
            for scanned in second {
                state.collect(scanned);
            }
            for summary in &state.summaries {
                workspace.add(summary);
            }
        }
        let ScanState {
            mut analysed,
            mut outcome,
            ..
        } = state;
        analysed.sort_by(|a, b| a.0.path.cmp(&b.0.path));
        outcome
            .notices
            .sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
        (analysed, workspace, outcome)
    }

    /// Reads one file and analyses it if its bytes can matter: in the first
    /// stage when they contain a rule's needle, in the second (`callers`
    /// given) when they contain a call of a context-taking function.
    fn scan_file(&self, path: &Path, callers: Option<&AhoCorasick>) -> Scanned {
        let source = match SourceFile::load(path) {
            Ok(s) => s,
            Err(e) => return Scanned::Failed(notice(Severity::Error, path, None, e.to_string())),
        };
        if is_generated(&source.text) {
            return Scanned::Skipped;
        }
        let wanted = match callers {
            Some(callers) => callers.is_match(&source.text),
            None if self.needles.is_match(&source.text) => true,
            None => {
                let may_call = self.rules.needs_callers()
                    && memchr::memmem::find(source.text.as_bytes(), b"nil").is_some();
                return if may_call {
                    Scanned::MayCall(source.path)
                } else {
                    Scanned::Skipped
                };
            }
        };
        if !wanted {
            return Scanned::Skipped;
        }
        match self.analyse(path, &source.text) {
            Ok(a) if a.findings.is_empty() => Scanned::Analysed(None, a),
            Ok(a) => Scanned::Analysed(Some(source), a),
            Err(n) => Scanned::Failed(n),
        }
    }

    /// Parses one file and runs every rule over it. A rule that panics on
    /// the file is a bug in ctxmod: it becomes an error naming the file, and
    /// the run goes on with the other files.
    fn analyse(&self, path: &Path, text: &str) -> Result<Analysis, Notice> {
        let run = std::panic::AssertUnwindSafe(|| self.analyse_unguarded(path, text));
        std::panic::catch_unwind(run).unwrap_or_else(|payload| {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(notice(
                Severity::Error,
                path,
                None,
                format!(
                    "internal error while checking this file, skipped (please report it): {what}"
                ),
            ))
        })
    }

    fn analyse_unguarded(&self, path: &Path, text: &str) -> Result<Analysis, Notice> {
        let tree = parse(text);
        if let Some(err) = first_error(&tree) {
            let line = err.start_position().row + 1;
            return Err(notice(
                Severity::Warning,
                path,
                Some(line),
                "syntax error; file skipped and not edited".into(),
            ));
        }
        let root = tree.root_node();
        let imports = FileImports::from_tree(root, text);
        let dir = crate::gomod::absolute(path.parent().unwrap_or(Path::new(".")));
        let module = self.modules.module_for(&dir);
        let package_name = crate::syntax::named_children(root)
            .into_iter()
            .find(|n| n.kind() == "package_clause")
            .and_then(|p| crate::syntax::named_children(p).into_iter().next())
            .map(|n| crate::syntax::text(n, text).to_string())
            .unwrap_or_default();
        let mut package = match module.as_ref().and_then(|m| m.import_path(&dir)) {
            Some(import_path) => import_path,
            None => format!("dir:{}", dir.display()),
        };
        if package_name.ends_with("_test") {
            package.push_str("_test");
        }
        let cx = FileCx {
            path,
            src: text,
            root,
            imports: &imports,
            go_version: module.and_then(|m| m.go_version),
            package: &package,
        };
        let summary = FileSummary::from_tree(&cx);
        let mut findings = self.rules.check(&cx);
        let suppressions = Suppressions::parse(text);
        findings.retain(|f| {
            let (line, _) = crate::source::line_col(text, f.range.start);
            !suppressions.silences(f.rule, line)
        });
        findings.sort_by_key(|f| (f.range.start, f.range.end, f.rule.code));
        Ok(Analysis { summary, findings })
    }

    /// Applies fixes to one file pass by pass. Returns the changed file, the
    /// number of findings left, and a notice if a pass was rejected.
    fn fix_file(
        &self,
        source: SourceFile,
        mut findings: Vec<Finding>,
        min: Applicability,
        workspace: &Workspace,
    ) -> (Option<ChangedFile>, usize, Option<Notice>) {
        let mut text = source.text.clone();
        let mut applied = Vec::new();
        let mut problem = None;
        for pass in 0.. {
            let chosen = choose_fixes(&findings, min);
            if chosen.is_empty() {
                break;
            }
            if pass == MAX_PASSES {
                problem = Some(notice(
                    Severity::Warning,
                    &source.path,
                    None,
                    format!("fixes did not settle after {MAX_PASSES} passes; stopped"),
                ));
                break;
            }
            let next = match apply_pass(&text, &chosen) {
                Ok(next) => next,
                Err(line) => {
                    let rules: Vec<&str> = chosen.iter().map(|(m, _)| m.id).collect();
                    problem = Some(notice(
                        Severity::Warning,
                        &source.path,
                        Some(line),
                        format!(
                            "fixes of {} would leave a syntax error; not applied (please report this)",
                            rules.join(", ")
                        ),
                    ));
                    break;
                }
            };
            applied.extend(chosen.iter().map(|(m, f)| (*m, f.title.clone())));
            text = next;
            match self.analyse(&source.path, &text) {
                Ok(a) => findings = resolve(a, workspace),
                Err(n) => {
                    findings.clear();
                    problem = Some(n);
                    break;
                }
            }
        }
        let remaining = findings.len();
        let changed = (text != source.text).then(|| ChangedFile {
            new_text: source.to_disk_text(&text),
            source,
            applied,
        });
        (changed, remaining, problem)
    }
}

/// Keeps the findings whose conditions the workspace confirms.
fn resolve(analysis: Analysis, workspace: &Workspace) -> Vec<Finding> {
    let package = &analysis.summary.package;
    analysis
        .findings
        .into_iter()
        .filter(|f| {
            f.condition
                .as_ref()
                .is_none_or(|c| workspace.holds(package, c))
        })
        .collect()
}

/// The fixes of one pass: in order of position, each applicable fix that
/// conflicts with none chosen before it. The rest wait for the next pass.
fn choose_fixes(findings: &[Finding], min: Applicability) -> Vec<(&'static RuleMeta, &Fix)> {
    let mut chosen: Vec<(&'static RuleMeta, &Fix)> = Vec::new();
    for finding in findings {
        let Some(fix) = &finding.fix else { continue };
        if fix.applicability < min || fix.applicability == Applicability::DisplayOnly {
            continue;
        }
        if chosen.iter().all(|(_, c)| !c.conflicts_with(fix)) {
            chosen.push((finding.rule, fix));
        }
    }
    chosen
}

/// Applies the chosen fixes and their import changes. Fails with the line
/// of the first syntax error when the result would not parse.
fn apply_pass(text: &str, chosen: &[(&'static RuleMeta, &Fix)]) -> Result<String, usize> {
    let edits: Vec<&Edit> = chosen.iter().flat_map(|(_, f)| f.edits.iter()).collect();
    let mut text = apply_edits(text, &edits);
    let mut tree = parse(&text);
    let mut wanted: Vec<&'static str> = chosen
        .iter()
        .flat_map(|(_, f)| f.add_imports.iter().copied())
        .collect();
    wanted.sort_unstable();
    wanted.dedup();
    for path in wanted {
        if !FileImports::from_tree(tree.root_node(), &text).contains(path) {
            let edit = imports::add_import(&text, tree.root_node(), path);
            text = apply_edits(&text, &[&edit]);
            tree = parse(&text);
        }
    }
    for (_, fix) in chosen {
        for path in &fix.drop_imports_if_unused {
            let current = FileImports::from_tree(tree.root_node(), &text);
            let Some(name) = current.local_name(path) else {
                continue;
            };
            if imports::is_name_used(&text, tree.root_node(), name) {
                continue;
            }
            if let Some(edit) = imports::remove_import(&text, tree.root_node(), path) {
                text = apply_edits(&text, &[&edit]);
                tree = parse(&text);
            }
        }
    }
    match first_error(&tree) {
        Some(err) => Err(err.start_position().row + 1),
        None => Ok(text),
    }
}

fn notice(severity: Severity, path: &Path, line: Option<usize>, message: String) -> Notice {
    Notice {
        severity,
        path: path.to_path_buf(),
        line,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fix::Edit;
    use crate::rule::{FileCx, Rule};
    use tree_sitter::Node;

    /// Declares a test rule from a visit function over one node kind.
    macro_rules! test_rule {
        ($name:ident, $code:literal, $kind:literal, $visit:expr) => {
            struct $name;
            impl Rule for $name {
                fn meta(&self) -> &'static RuleMeta {
                    static META: RuleMeta = RuleMeta {
                        code: $code,
                        id: $code,
                        summary: "test",
                        applicability: Applicability::Safe,
                        kinds: &[$kind],
                        needles: &["package"],
                        needs_callers: false,
                    };
                    &META
                }
                fn visit(&self, node: Node<'_>, cx: &FileCx<'_>, out: &mut Vec<Finding>) {
                    let visit: fn(Node<'_>, &FileCx<'_>) -> Option<Fix> = $visit;
                    if let Some(fix) = visit(node, cx) {
                        out.push(
                            Finding::new(self.meta(), node.byte_range(), "test").with_fix(fix),
                        );
                    }
                }
            }
        };
    }

    fn safe(edits: Vec<Edit>) -> Option<Fix> {
        Some(Fix::new(Applicability::Safe, "test", edits))
    }

    // `var x = 1` -> `var x = 10`.
    test_rule!(Tenfold, "T1", "int_literal", |n, cx| {
        (cx.text(n) == "1").then(|| safe(vec![Edit::replace(n.byte_range(), "10")]))?
    });
    // `var x = N` -> `var x = N // checked`, rewriting the whole spec, so it
    // overlaps Tenfold's edit and has to wait for the next pass.
    test_rule!(Checked, "T2", "var_declaration", |n, cx| {
        let rest = &cx.src[n.end_byte()..];
        (!rest.starts_with(" //")).then(|| {
            safe(vec![Edit::replace(
                n.byte_range(),
                format!("{} // checked", cx.text(n)),
            )])
        })?
    });
    // Always wants one more change: never converges.
    test_rule!(Restless, "T3", "comment", |n, cx| {
        safe(vec![Edit::insert(n.end_byte(), "!")]).filter(|_| cx.text(n).starts_with("//"))
    });
    // Produces text that does not parse.
    test_rule!(Breaker, "T4", "var_declaration", |n, _| {
        safe(vec![Edit::insert(n.end_byte(), " {")])
    });

    // A bug: panics on files that mention "boom".
    test_rule!(Panicker, "T7", "package_clause", |_, cx| {
        assert!(!cx.src.contains("boom"), "rule bug");
        None
    });

    #[test]
    fn a_rule_panic_is_an_error_for_that_file_only() {
        let dir = tempfile::tempdir().unwrap();
        let (bad, good) = (dir.path().join("bad.go"), dir.path().join("good.go"));
        std::fs::write(&bad, "package a\n\n// boom\n").unwrap();
        std::fs::write(&good, "package a\n\nvar x = 1\n").unwrap();
        let set = RuleSet::new(vec![&Panicker, &Tenfold]);
        let outcome = Engine::new(&set).check(&[bad.clone(), good.clone()], &ProgressBar::hidden());
        assert_eq!(outcome.notices.len(), 1);
        assert_eq!(outcome.notices[0].path, bad);
        assert_eq!(outcome.notices[0].severity, Severity::Error);
        assert!(outcome.notices[0].message.contains("internal error"));
        assert_eq!(outcome.files.len(), 1, "the other file is still checked");
        assert_eq!(outcome.files[0].source.path, good);
    }

    fn fix_text(rules: Vec<&'static dyn Rule>, text: &str) -> (String, FixOutcome) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.go");
        std::fs::write(&path, text).unwrap();
        let set = RuleSet::new(rules);
        let outcome = Engine::new(&set).fix(&[path], Applicability::Safe, &ProgressBar::hidden());
        let new = outcome
            .changed
            .first()
            .map_or_else(|| text.to_string(), |c| c.new_text.clone());
        (new, outcome)
    }

    #[test]
    fn overlapping_fixes_wait_for_the_next_pass() {
        let (new, outcome) = fix_text(vec![&Tenfold, &Checked], "package a\n\nvar x = 1\n");
        assert_eq!(new, "package a\n\nvar x = 10 // checked\n");
        assert_eq!(outcome.changed[0].applied.len(), 2, "one fix per pass");
        assert!(outcome.notices.is_empty());
    }

    #[test]
    fn passes_are_bounded() {
        let (new, outcome) = fix_text(vec![&Restless], "package a\n\n// x\n");
        assert_eq!(
            new,
            format!("package a\n\n// x{}\n", "!".repeat(MAX_PASSES))
        );
        assert!(outcome.notices[0].message.contains("did not settle"));
    }

    #[test]
    fn a_pass_that_breaks_the_syntax_is_rejected() {
        let text = "package a\n\nvar x = 1\n";
        let (new, outcome) = fix_text(vec![&Breaker], text);
        assert_eq!(new, text, "nothing applied");
        assert!(outcome.changed.is_empty());
        assert!(outcome.notices[0]
            .message
            .contains("would leave a syntax error"));
        assert_eq!(outcome.remaining, 1, "the finding is still reported");
    }

    #[test]
    fn a_fix_is_chosen_whole_or_not_at_all() {
        static META: RuleMeta = RuleMeta {
            code: "T5",
            id: "T5",
            summary: "",
            applicability: Applicability::Safe,
            kinds: &[],
            needles: &[],
            needs_callers: false,
        };
        let finding = |edits: Vec<Edit>| {
            Finding::new(&META, 0..1, "").with_fix(Fix::new(Applicability::Safe, "", edits))
        };
        let findings = vec![
            finding(vec![Edit::replace(0..2, "a")]),
            // Its second edit overlaps the first fix: the whole fix waits.
            finding(vec![Edit::replace(5..6, "b"), Edit::replace(1..3, "c")]),
            finding(vec![Edit::replace(5..6, "d")]),
        ];
        let chosen = choose_fixes(&findings, Applicability::Safe);
        let texts: Vec<&str> = chosen
            .iter()
            .flat_map(|(_, f)| f.edits.iter().map(|e| e.text.as_str()))
            .collect();
        assert_eq!(texts, vec!["a", "d"]);
    }

    #[test]
    fn unsafe_and_display_only_fixes_need_asking() {
        static META: RuleMeta = RuleMeta {
            code: "T6",
            id: "T6",
            summary: "",
            applicability: Applicability::Unsafe,
            kinds: &[],
            needles: &[],
            needs_callers: false,
        };
        let findings = vec![
            Finding::new(&META, 0..1, "").with_fix(Fix::new(
                Applicability::Unsafe,
                "",
                vec![Edit::insert(0, "u")],
            )),
            Finding::new(&META, 2..3, "").with_fix(Fix::new(
                Applicability::DisplayOnly,
                "",
                vec![Edit::insert(2, "d")],
            )),
        ];
        assert!(choose_fixes(&findings, Applicability::Safe).is_empty());
        assert_eq!(choose_fixes(&findings, Applicability::Unsafe).len(), 1);
    }
}
