//! Applying fixes to a fixpoint: each pass chooses the fixes that do not
//! conflict (in any file they touch), applies them with their imports,
//! rejects a fix whose result would not parse, re-analyses the changed files
//! and rebuilds the workspace, until nothing applicable is left or the pass
//! bound is reached.

use crate::go::imports::{self, FileImports};
use crate::go::source::SourceFile;
use crate::go::syntax::{first_error, parse};
use crate::index::summary::FileSummary;
use crate::index::wanted::WantedNames;
use crate::index::workspace::Workspace;
use crate::lint::engine::{
    unsuppressed, AnalysedFile, Analysis, AppliedFix, ChangedFile, Engine, FixOutcome, FixScan,
    Notice, Severity,
};
use crate::lint::finding::{resolve, Finding};
use crate::lint::fix::{apply_edits, Applicability, Edit, FileChange, Fix, FixId};
use crate::lint::rule::RuleMeta;
use crate::lint::trail::Trail;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

/// How many fix passes a run makes before it gives up converging.
pub const MAX_PASSES: usize = 10;

/// One file being fixed.
struct FileState {
    /// The file as read.
    source: SourceFile,
    /// Its text after the passes so far.
    text: String,
    /// Its findings in `text` from the file rules, conditions not yet
    /// resolved.
    findings: Vec<Finding>,
    /// Its findings from the workspace rules.
    workspace_findings: Vec<Finding>,
    /// Its package id, for resolving conditions.
    package: String,
    /// The fixes applied to it (as their own file), in order.
    applied: Vec<(&'static RuleMeta, String)>,
    /// The edits made to it, to name places in it as read.
    trail: Trail,
}

/// A fix chosen for a pass, with the files it changes.
struct Chosen<'a> {
    rule: &'static RuleMeta,
    /// The file of its finding.
    home: &'a Path,
    fix: &'a Fix,
    id: FixId,
}

/// Applies every fix at least as applicable as `min`, except the
/// `excluded` ones, to the analysed files (each with its findings and
/// package id). `summaries` are every parsed file's, by path.
pub(crate) fn fix_to_fixpoint(
    engine: &Engine<'_>,
    analysed: Vec<AnalysedFile>,
    summaries: BTreeMap<PathBuf, FileSummary>,
    call_names: &WantedNames,
    min: Applicability,
    excluded: &HashSet<FixId>,
) -> FixOutcome {
    let files = analysed
        .into_iter()
        .map(
            |AnalysedFile {
                 source,
                 findings,
                 package,
             }| {
                let mut state = FileState::new(source);
                state.findings = findings;
                state.package = package;
                (state.source.path.clone(), state)
            },
        )
        .collect();
    let mut fixer = Fixer {
        engine,
        call_names,
        workspace: Workspace::default(),
        summaries,
        files,
        notices: Vec::new(),
        rejected: excluded.clone(),
        applied: Vec::new(),
    };
    fixer.refresh_workspace();
    fixer.run(min);
    fixer.finish()
}

impl FileState {
    fn new(source: SourceFile) -> FileState {
        FileState {
            text: source.text.clone(),
            source,
            findings: Vec::new(),
            workspace_findings: Vec::new(),
            package: String::new(),
            applied: Vec::new(),
            trail: Trail::default(),
        }
    }

    /// Every finding, conditions resolved against `workspace`.
    fn resolved<'a>(&'a self, workspace: &Workspace) -> Vec<&'a Finding> {
        let mut all = resolve(&self.findings, &self.package, workspace);
        all.extend(&self.workspace_findings);
        all
    }
}

/// The state of a fix run across passes.
struct Fixer<'e, 'r> {
    engine: &'e Engine<'r>,
    /// The functions whose call sites summaries hold.
    call_names: &'e WantedNames,
    summaries: BTreeMap<PathBuf, FileSummary>,
    workspace: Workspace,
    files: BTreeMap<PathBuf, FileState>,
    notices: Vec<Notice>,
    /// Fixes not to choose: left out by the caller, or rejected.
    rejected: HashSet<FixId>,
    /// The fixes applied, in order.
    applied: Vec<Planned>,
}

/// A file's new text with the edits that made it.
type Edited = (String, Trail);

/// The new texts of a pass's files, or the files whose changes failed and
/// why.
type PassResult = Result<BTreeMap<PathBuf, Edited>, BTreeMap<PathBuf, String>>;

impl Fixer<'_, '_> {
    fn run(&mut self, min: Applicability) {
        for pass in 0..=MAX_PASSES {
            let resolved: BTreeMap<&Path, Vec<&Finding>> = self
                .files
                .iter()
                .map(|(path, f)| (path.as_path(), f.resolved(&self.workspace)))
                .collect();
            let origin = |path: &Path, offset: usize| {
                self.files
                    .get(path)
                    .map_or(offset, |f| f.trail.origin(offset))
            };
            let chosen = choose_fixes(&resolved, min, &self.rejected, origin);
            if chosen.is_empty() {
                return;
            }
            if pass == MAX_PASSES {
                let unsettled: HashSet<&Path> = chosen.iter().map(|c| c.home).collect();
                let notices = unsettled.into_iter().map(|path| Notice {
                    severity: Severity::Warning,
                    path: path.to_path_buf(),
                    line: None,
                    message: format!("fixes did not settle after {MAX_PASSES} passes; stopped"),
                });
                let notices: Vec<Notice> = notices.collect();
                self.notices.extend(notices);
                return;
            }
            let planned: Vec<Planned> = chosen.iter().map(Planned::of).collect();
            let changes: BTreeMap<PathBuf, Vec<FileChange>> = per_file(&chosen)
                .into_iter()
                .map(|(path, changes)| (path.to_path_buf(), changes.into_iter().cloned().collect()))
                .collect();
            match self.apply(changes) {
                Ok(texts) => {
                    for p in planned {
                        if let Some(state) = self.files.get_mut(&p.id.path) {
                            state.applied.push((p.rule, p.id.title.clone()));
                        }
                        self.applied.push(p);
                    }
                    self.reanalyse(texts);
                }
                Err(failed) => {
                    // Reject every fix touching a file that failed, then redo
                    // the pass without them.
                    for p in planned {
                        if let Some(why) = p.files.iter().find_map(|f| failed.get(f)) {
                            self.notices.push(p.rejection(why));
                            self.rejected.insert(p.id);
                        }
                    }
                }
            }
        }
    }

    /// Applies a pass's changes to their files, in parallel.
    fn apply(&mut self, changes: BTreeMap<PathBuf, Vec<FileChange>>) -> PassResult {
        let mut failed = BTreeMap::new();
        for path in changes.keys() {
            if !self.files.contains_key(path) {
                // A file only another file's fix changes, or creates.
                match SourceFile::load_or_new(path) {
                    Ok(source) => {
                        self.files
                            .insert(path.to_path_buf(), FileState::new(source));
                    }
                    Err(e) => {
                        failed.insert(path.to_path_buf(), e.to_string());
                    }
                }
            }
        }
        if !failed.is_empty() {
            return Err(failed);
        }
        let results: Vec<(PathBuf, Result<Edited, usize>)> = changes
            .par_iter()
            .map(|(path, changes)| {
                let changes: Vec<&FileChange> = changes.iter().collect();
                (
                    path.clone(),
                    apply_changes(&self.files[path].text, &changes),
                )
            })
            .collect();
        let mut texts = BTreeMap::new();
        for (path, result) in results {
            match result {
                Ok(done) => {
                    texts.insert(path, done);
                }
                Err(line) => {
                    failed.insert(path, format!("line {line}"));
                }
            }
        }
        if failed.is_empty() {
            Ok(texts)
        } else {
            Err(failed)
        }
    }

    /// Takes the new texts, re-analyses them in parallel and rebuilds the
    /// workspace from the new summaries.
    fn reanalyse(&mut self, texts: BTreeMap<PathBuf, Edited>) {
        let engine = self.engine;
        let names = self.call_names;
        let analysed: Vec<(PathBuf, String, Trail, Result<Analysis, Notice>)> = texts
            .into_par_iter()
            .map(|(path, (text, trail))| {
                let wanted = names.at(&names.place(&path, &text));
                let uses = (!wanted.is_empty()).then_some(&wanted);
                let analysis = engine.analyse(&path, &text, uses, true);
                (path, text, trail, analysis)
            })
            .collect();
        for (path, text, trail, analysis) in analysed {
            let state = self.files.get_mut(&path).expect("applied files are loaded");
            state.text = text;
            state.trail.extend(trail);
            match analysis {
                Ok(a) => {
                    state.package = a.summary.package.clone();
                    state.findings = a.findings;
                    self.summaries.insert(path, a.summary);
                }
                Err(n) => {
                    state.findings.clear();
                    self.notices.push(n);
                }
            }
        }
        self.refresh_workspace();
    }

    /// Rebuilds the workspace from the current summaries and reruns the
    /// workspace rules on it.
    fn refresh_workspace(&mut self) {
        self.workspace = Workspace::new(self.summaries.values());
        self.workspace.set_searched(self.call_names.clone());
        for state in self.files.values_mut() {
            state.workspace_findings.clear();
        }
        for (path, findings) in self.engine.rules().check_workspace(&self.workspace) {
            if !self.files.contains_key(&path) {
                match SourceFile::load(&path) {
                    Ok(source) => {
                        self.files.insert(path.clone(), FileState::new(source));
                    }
                    Err(e) => {
                        self.notices.push(Notice {
                            severity: Severity::Error,
                            path,
                            line: None,
                            message: e.to_string(),
                        });
                        continue;
                    }
                }
            }
            let state = self.files.get_mut(&path).expect("loaded above");
            state.workspace_findings = unsuppressed(&state.text, findings);
        }
    }

    /// The changed files, the fixes applied, the findings left and the
    /// notices.
    fn finish(self) -> FixOutcome {
        let remaining = self
            .files
            .values()
            .map(|f| f.resolved(&self.workspace).len())
            .sum();
        let fixes = self
            .applied
            .into_iter()
            .map(|p| AppliedFix {
                line: self.files.get(&p.id.path).map_or(1, |f| {
                    crate::go::source::line_col(&f.source.text, p.id.origin).0
                }),
                rule: p.rule,
                id: p.id,
                files: p.files,
                exported: p.exported,
            })
            .collect();
        let changed = self
            .files
            .into_values()
            .filter(|f| f.text != f.source.text)
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(|f| {
                let text = crate::go::gofmt::keep_clean(&f.source.text, f.text);
                ChangedFile {
                    new_text: f.source.to_disk_text(&text),
                    source: f.source,
                    applied: f.applied,
                }
            })
            .collect();
        FixOutcome {
            changed,
            fixes,
            remaining,
            notices: self.notices,
        }
    }
}

/// The fixes of one pass: file by file and in order of position, each
/// applicable fix not `rejected` none of whose changes conflicts with a
/// change chosen before it in the same file. The rest wait for the next
/// pass. `origin` maps an offset of a file's current text to the file as
/// read.
fn choose_fixes<'a>(
    findings: &BTreeMap<&'a Path, Vec<&'a Finding>>,
    min: Applicability,
    rejected: &HashSet<FixId>,
    origin: impl Fn(&Path, usize) -> usize,
) -> Vec<Chosen<'a>> {
    let mut chosen = Vec::new();
    let mut taken: BTreeMap<&Path, Vec<&FileChange>> = BTreeMap::new();
    for (home, list) in findings {
        for finding in list {
            let Some(fix) = &finding.fix else { continue };
            if fix.applicability < min || fix.applicability == Applicability::DisplayOnly {
                continue;
            }
            let id = FixId {
                path: home.to_path_buf(),
                rule: finding.rule.id,
                origin: origin(home, finding.range.start),
                title: fix.title.clone(),
            };
            if rejected.contains(&id) {
                continue;
            }
            let candidate = Chosen {
                rule: finding.rule,
                home,
                fix,
                id,
            };
            let free = fix.changes(home).all(|(path, change)| {
                taken
                    .get(path)
                    .is_none_or(|others| others.iter().all(|o| !o.conflicts_with(change)))
            });
            if free {
                for (path, change) in fix.changes(home) {
                    taken.entry(path).or_default().push(change);
                }
                chosen.push(candidate);
            }
        }
    }
    chosen
}

/// The changes of the chosen fixes, by file.
fn per_file<'a>(chosen: &[Chosen<'a>]) -> BTreeMap<&'a Path, Vec<&'a FileChange>> {
    let mut by_file: BTreeMap<&Path, Vec<&FileChange>> = BTreeMap::new();
    for c in chosen {
        for (path, change) in c.fix.changes(c.home) {
            by_file.entry(path).or_default().push(change);
        }
    }
    by_file
}

/// A chosen fix as the pass remembers it once its changes are out.
struct Planned {
    id: FixId,
    rule: &'static RuleMeta,
    /// Every file it changes.
    files: Vec<PathBuf>,
    /// The exported signatures it changes.
    exported: Vec<String>,
}

impl Planned {
    fn of(c: &Chosen<'_>) -> Planned {
        Planned {
            id: c.id.clone(),
            rule: c.rule,
            files: c
                .fix
                .changes(c.home)
                .map(|(p, _)| p.to_path_buf())
                .collect(),
            exported: c.fix.exported.clone(),
        }
    }

    fn rejection(&self, why: &str) -> Notice {
        Notice {
            severity: Severity::Warning,
            path: self.id.path.clone(),
            line: None,
            message: format!(
                "the {} fix \"{}\" was not applied: it would leave a syntax error ({why}); please report this",
                self.rule.id, self.id.title
            ),
        }
    }
}

/// `text` with one change made as a pass makes it (edits, then imports
/// added and dropped), or `None` when the result would not parse: what a
/// single fix does to a file, for reports that show it alone.
pub fn preview(text: &str, change: &FileChange) -> Option<String> {
    apply_changes(text, &[change]).ok().map(|(text, _)| text)
}

/// Applies one file's changes of a pass and their imports; returns the new
/// text and the edits that made it. Fails with the line of the first syntax
/// error when the result would not parse.
fn apply_changes(text: &str, changes: &[&FileChange]) -> Result<Edited, usize> {
    let edits: Vec<&Edit> = changes.iter().flat_map(|c| c.edits.iter()).collect();
    let mut trail = Trail::default();
    let mut text = apply_edits(text, &edits);
    trail.record(&edits);
    let mut tree = parse(&text);
    let mut wanted: Vec<&'static str> = changes
        .iter()
        .flat_map(|c| c.add_imports.iter().copied())
        .collect();
    wanted.sort_unstable();
    wanted.dedup();
    for path in wanted {
        if !FileImports::from_tree(tree.root_node(), &text).contains(path) {
            let name = changes
                .iter()
                .flat_map(|c| &c.import_names)
                .find(|(p, _)| *p == path)
                .map(|(_, name)| name.as_str());
            let edit = imports::add_import_as(&text, tree.root_node(), path, name);
            text = apply_edits(&text, &[&edit]);
            trail.record(&[&edit]);
            tree = parse(&text);
        }
    }
    for path in changes.iter().flat_map(|c| c.drop_imports_if_unused.iter()) {
        let current = FileImports::from_tree(tree.root_node(), &text);
        let Some(name) = current.local_name(path) else {
            continue;
        };
        if imports::is_name_used(&text, tree.root_node(), name) {
            continue;
        }
        if let Some(edit) = imports::remove_import(&text, tree.root_node(), path) {
            text = apply_edits(&text, &[&edit]);
            trail.record(&[&edit]);
            tree = parse(&text);
        }
    }
    match first_error(&tree) {
        Some(err) => Err(err.start_position().row + 1),
        None => Ok((text, trail)),
    }
}

impl Engine<'_> {
    /// Applies every fix at least as applicable as `min` to `paths`, in
    /// memory. Writing is the caller's choice.
    pub fn fix(
        &self,
        paths: &[PathBuf],
        min: Applicability,
        progress: &indicatif::ProgressBar,
    ) -> FixOutcome {
        let scanned = self.scan_for_fix(paths, progress);
        self.fix_scanned(&scanned, min, &HashSet::new())
    }

    /// Applies every fix at least as applicable as `min`, except the
    /// `excluded` ones, to the files of `scanned`, in memory.
    pub fn fix_scanned(
        &self,
        scanned: &FixScan,
        min: Applicability,
        excluded: &HashSet<FixId>,
    ) -> FixOutcome {
        let scan = &scanned.0;
        let mut outcome = fix_to_fixpoint(
            self,
            scan.files.clone(),
            scan.summaries.clone(),
            &scan.call_names,
            min,
            excluded,
        );
        outcome.notices.extend(scan.outcome.notices.iter().cloned());
        outcome
            .notices
            .sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
        outcome
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::fix::Edit;

    /// Chooses among findings of one file, `a.go`.
    fn choose(findings: &[Finding], min: Applicability) -> Vec<Chosen<'_>> {
        let by_file = BTreeMap::from([(Path::new("a.go"), findings.iter().collect())]);
        choose_fixes(&by_file, min, &HashSet::new(), |_, offset| offset)
    }

    #[test]
    fn a_fix_is_chosen_whole_or_not_at_all() {
        static META: RuleMeta = RuleMeta {
            code: "T5",
            id: "T5",
            summary: "",
            finds: "",
            fixes: "",
            applicability: Applicability::Safe,
            kinds: &[],
            needles: &[],
            caller_needles: &[],
            nolint: &[],
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
        let chosen = choose(&findings, Applicability::Safe);
        let texts: Vec<&str> = chosen
            .iter()
            .flat_map(|c| c.fix.change.edits.iter().map(|e| e.text.as_str()))
            .collect();
        assert_eq!(texts, vec!["a", "d"]);
    }

    #[test]
    fn unsafe_and_display_only_fixes_need_asking() {
        static META: RuleMeta = RuleMeta {
            code: "T6",
            id: "T6",
            summary: "",
            finds: "",
            fixes: "",
            applicability: Applicability::Unsafe,
            kinds: &[],
            needles: &[],
            caller_needles: &[],
            nolint: &[],
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
        assert!(choose(&findings, Applicability::Safe).is_empty());
        assert_eq!(choose(&findings, Applicability::Unsafe).len(), 1);
    }

    #[test]
    fn a_fix_across_files_waits_when_any_of_its_files_is_taken() {
        static META: RuleMeta = RuleMeta {
            code: "T8",
            id: "T8",
            summary: "",
            finds: "",
            fixes: "",
            applicability: Applicability::Safe,
            kinds: &[],
            needles: &[],
            caller_needles: &[],
            nolint: &[],
        };
        let other = PathBuf::from("b.go");
        let findings = vec![
            // Changes a.go and b.go.
            Finding::new(&META, 0..1, "").with_fix(
                Fix::new(Applicability::Safe, "", vec![Edit::insert(0, "x")]).also_in(
                    other.clone(),
                    FileChange::new(vec![Edit::replace(3..5, "y")]),
                ),
            ),
            // Its own file is free, but b.go 4..6 overlaps the first fix.
            Finding::new(&META, 8..9, "").with_fix(
                Fix::new(Applicability::Safe, "", vec![Edit::insert(8, "z")])
                    .also_in(other, FileChange::new(vec![Edit::replace(4..6, "w")])),
            ),
        ];
        let chosen = choose(&findings, Applicability::Safe);
        assert_eq!(chosen.len(), 1, "the second fix waits whole");
        let files = per_file(&chosen);
        assert_eq!(files.len(), 2, "the chosen fix changes both files");
    }
}

/// The engine run whole: checks and fixes to a fixpoint.
#[cfg(test)]
mod engine_tests {
    use super::*;
    use crate::go::file_cx::FileCx;
    use crate::lint::engine::*;
    use crate::lint::fix::{Edit, Fix};
    use crate::lint::passes::MAX_PASSES;
    use crate::lint::rule::Rule;
    use crate::lint::rule::*;
    use indicatif::ProgressBar;
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
                        finds: "",
                        fixes: "",
                        applicability: Applicability::Safe,
                        kinds: &[$kind],
                        needles: &["package"],
                        caller_needles: &[],
                        nolint: &[],
                    };
                    &META
                }
                fn visit(&self, node: Node<'_>, cx: &RuleCx<'_>, out: &mut Vec<Finding>) {
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

    // `var marker = 1` in a.go: renames it and records the change in b.go's
    // comment: one fix across two files.
    test_rule!(Across, "T9", "var_spec", |n, cx| {
        let name = n.child_by_field_name("name")?;
        (cx.text(name) == "marker").then(|| {
            let other = cx.path.with_file_name("b.go");
            let target = std::fs::read_to_string(&other).ok()?;
            let at = target.find("// todo")?;
            safe(vec![Edit::replace(name.byte_range(), "renamed")]).map(|fix| {
                fix.also_in(
                    other,
                    crate::lint::fix::FileChange::new(vec![Edit::replace(at..at + 7, "// done")]),
                )
            })
        })?
    });
    // Like Across, but breaks b.go.
    test_rule!(AcrossBroken, "T10", "var_spec", |n, cx| {
        let name = n.child_by_field_name("name")?;
        (cx.text(name) == "marker").then(|| {
            safe(vec![Edit::replace(name.byte_range(), "renamed")]).map(|fix| {
                fix.also_in(
                    cx.path.with_file_name("b.go"),
                    crate::lint::fix::FileChange::new(vec![Edit::insert(0, "{")]),
                )
            })
        })?
    });

    /// Fixes a.go and b.go (b.go has nothing of its own to fix) and returns
    /// their texts after.
    fn fix_two(rule: &'static dyn Rule) -> (String, String, FixOutcome) {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.go"), dir.path().join("b.go"));
        std::fs::write(&a, "package p\n\nvar marker = 1\n").unwrap();
        std::fs::write(&b, "package p\n\n// todo\nvar other = 2\n").unwrap();
        let set = RuleSet::new(vec![rule]);
        let outcome = Engine::new(&set).fix(
            &[a.clone(), b.clone()],
            Applicability::Safe,
            &ProgressBar::hidden(),
        );
        let text = |path: &std::path::Path| {
            outcome
                .changed
                .iter()
                .find(|c| c.source.path == path)
                .map_or_else(
                    || std::fs::read_to_string(path).unwrap(),
                    |c| c.new_text.clone(),
                )
        };
        (text(&a), text(&b), outcome)
    }

    #[test]
    fn a_fix_across_files_is_applied_to_all_of_them() {
        let (a, b, outcome) = fix_two(&Across);
        assert_eq!(a, "package p\n\nvar renamed = 1\n");
        assert_eq!(b, "package p\n\n// done\nvar other = 2\n");
        assert_eq!(outcome.changed.len(), 2);
        assert!(outcome.notices.is_empty(), "{:?}", outcome.notices);
    }

    #[test]
    fn a_fix_across_files_is_rejected_whole_when_one_file_breaks() {
        let (a, b, outcome) = fix_two(&AcrossBroken);
        assert_eq!(
            a, "package p\n\nvar marker = 1\n",
            "its own file is left alone too"
        );
        assert_eq!(b, "package p\n\n// todo\nvar other = 2\n");
        assert!(outcome.changed.is_empty());
        assert!(outcome.notices[0]
            .message
            .contains("would leave a syntax error"));
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
    fn a_fix_left_out_stays_out_whatever_pass_it_came_in() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.go");
        std::fs::write(&path, "package a\n\nvar x = 1\nvar z = 1\n").unwrap();
        let set = RuleSet::new(vec![&Tenfold, &Checked]);
        let engine = Engine::new(&set);
        let scanned = engine.scan_for_fix(&[path], &ProgressBar::hidden());
        let all = engine.fix_scanned(&scanned, Applicability::Safe, &HashSet::new());
        assert_eq!(
            all.changed[0].new_text,
            "package a\n\nvar x = 10 // checked\nvar z = 10 // checked\n"
        );
        let fix = |code: &str, line: usize| {
            let found = all
                .fixes
                .iter()
                .find(|f| f.rule.code == code && f.line == line);
            found.expect("applied").id.clone()
        };
        // z's comment came in the second pass, its declaration moved by the
        // first; leaving x's 10 out moves it differently, and it still is
        // the same fix.
        let excluded = HashSet::from([fix("T1", 3), fix("T2", 4)]);
        let some = engine.fix_scanned(&scanned, Applicability::Safe, &excluded);
        assert_eq!(
            some.changed[0].new_text,
            "package a\n\nvar x = 1 // checked\nvar z = 10\n"
        );
        assert_eq!(some.fixes.len(), 2);
        assert_eq!(some.remaining, 2, "the fixes left out are still findings");
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

    /// A function declaration, as the [`Declared`] collector of the test
    /// rule [`SameName`] records it.
    #[derive(Debug, Clone, PartialEq, Eq)]
    struct DeclaredFunction {
        path: std::sync::Arc<std::path::Path>,
        name: String,
        range: std::ops::Range<usize>,
    }

    impl crate::index::collect::Fact for DeclaredFunction {}

    /// Records every top-level function of every file.
    struct Declared;

    impl crate::index::collect::Collector for Declared {
        fn collect(
            &self,
            cx: &FileCx<'_>,
            decl: Node<'_>,
            at: &crate::index::collect::Declaration<'_>,
            out: &mut crate::index::collect::Facts,
        ) {
            if let Some(name) = decl
                .child_by_field_name("name")
                .filter(|_| decl.kind() == "function_declaration")
            {
                out.push(DeclaredFunction {
                    path: at.path.clone(),
                    name: cx.text(name).to_string(),
                    range: name.byte_range(),
                });
            }
        }
    }

    /// A rule whose facts cross files, defined here with its collector:
    /// the index names neither, which is all a new rule of this kind needs.
    /// It reports a function another file also declares.
    struct SameName;

    impl Rule for SameName {
        fn meta(&self) -> &'static RuleMeta {
            static META: RuleMeta = RuleMeta {
                code: "T9",
                id: "same-name",
                summary: "test",
                finds: "",
                fixes: "",
                applicability: Applicability::DisplayOnly,
                kinds: &[],
                needles: &["func"],
                caller_needles: &[],
                nolint: &[],
            };
            &META
        }

        fn collectors(&self) -> &'static [&'static dyn crate::index::collect::Collector] {
            &[&Declared]
        }

        fn check_workspace(
            &self,
            workspace: &crate::index::workspace::Workspace,
            _settings: &Settings,
            out: &mut Vec<(PathBuf, Finding)>,
        ) {
            let all = workspace.facts::<DeclaredFunction>();
            for f in all {
                if let Some(other) = all.iter().find(|o| o.name == f.name && o.path != f.path) {
                    let message = format!(
                        "`{}` is also declared in {}",
                        f.name,
                        other.path.file_name().unwrap().to_string_lossy()
                    );
                    out.push((
                        f.path.to_path_buf(),
                        Finding::new(self.meta(), f.range.clone(), message),
                    ));
                }
            }
        }
    }

    #[test]
    fn a_rule_outside_the_index_gathers_its_own_cross_file_facts() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a/a.go");
        let b = dir.path().join("b/b.go");
        for (path, text) in [
            (&a, "package a\n\nfunc Run() {}\n"),
            (&b, "package b\n\nfunc Run() {}\n\nfunc other() {}\n"),
        ] {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let set = RuleSet::new(vec![&SameName]);
        let outcome = Engine::new(&set).check(&[a, b], &ProgressBar::hidden());
        let messages: Vec<String> = outcome
            .files
            .iter()
            .flat_map(|f| f.findings.iter().map(|x| x.message.clone()))
            .collect();
        assert_eq!(
            messages,
            [
                "`Run` is also declared in b.go",
                "`Run` is also declared in a.go"
            ]
        );
    }
}
