//! The run: read and pre-scan every file, parse the ones that can matter
//! once, run every rule in one traversal, resolve cross-file conditions, and
//! for `fix`, apply fixes pass by pass until nothing changes.

use crate::go::file_cx::FileCx;
use crate::go::gomod::ModuleCache;
use crate::go::imports::FileImports;
use crate::go::source::{is_generated, SourceFile};
use crate::go::suppress::Suppressions;
use crate::go::syntax::{first_error, parse, parse_ranges};
use crate::go::tokens::{Identifiers, Uses};
use crate::index::summary::FileSummary;
use crate::index::wanted::WantedNames;
use crate::index::workspace::Workspace;
use crate::lint::finding::resolve;
use crate::lint::finding::Finding;
use crate::lint::fix::FixId;
use crate::lint::rule::{RuleCx, RuleMeta, RuleSet};
use aho_corasick::AhoCorasick;
use indicatif::ProgressBar;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use tree_sitter::Tree;

/// How serious a notice is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The run went on; the file was skipped or left unedited.
    Warning,
    /// An input could not be read: the run fails at the end.
    Error,
}

/// How the notice of a file ctxmod could not check ends
/// ([`Notice::skipped_file`]).
const SKIPPED: &str = "file skipped and not edited";

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

impl Notice {
    /// True when the notice is about a file ctxmod could not check: a
    /// syntax error, or nesting too deep.
    pub fn skipped_file(&self) -> bool {
        self.message.ends_with(SKIPPED)
    }
}

/// How many of `notices` are about files ctxmod could not check.
pub fn skipped_files(notices: &[Notice]) -> usize {
    notices.iter().filter(|n| n.skipped_file()).count()
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
    /// How many parses the run made: one of each file parsed, and the
    /// parts of files the call-site rounds parse again.
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

/// One fix `fix` applied.
#[derive(Debug, Clone)]
pub struct AppliedFix {
    /// What identifies it from run to run.
    pub id: FixId,
    /// Its rule.
    pub rule: &'static RuleMeta,
    /// The 1-based line of its finding in the file as read.
    pub line: usize,
    /// Every file it changes, the finding's own first.
    pub files: Vec<PathBuf>,
    /// The exported functions whose signatures it changes
    /// ([`crate::lint::fix::Fix::exported`]).
    pub exported: Vec<String>,
}

/// The result of `fix`.
#[derive(Debug, Default)]
pub struct FixOutcome {
    /// Changed files, sorted by path.
    pub changed: Vec<ChangedFile>,
    /// The fixes applied, in the order they were.
    pub fixes: Vec<AppliedFix>,
    /// Findings left after fixing (no fix, or a fix not applied).
    pub remaining: usize,
    /// Problems with inputs, and fixes that were rejected.
    pub notices: Vec<Notice>,
}

/// What scanning one file gave.
enum Scanned {
    /// Parsed and checked; the source is kept only when there are findings.
    Analysed(PathBuf, Option<SourceFile>, Box<Analysis>),
    /// Not parsed, but it may call a context-taking function of the
    /// workspace: looked at again once the workspace is known.
    MayCall(PathBuf),
    /// Nothing in it can matter.
    Skipped,
    /// Unreadable, or does not parse.
    Failed(Notice),
}

/// A file with findings, as the scan leaves it.
#[derive(Clone)]
pub(crate) struct AnalysedFile {
    /// The file as read.
    pub(crate) source: SourceFile,
    /// Its findings, conditions not yet resolved.
    pub(crate) findings: Vec<Finding>,
    /// Its package id, to resolve them.
    pub(crate) package: String,
}

/// The files of a `fix` run as read and analysed, before any fix.
pub struct FixScan(pub(crate) Scan);

/// What a scan found.
pub(crate) struct Scan {
    /// Files with findings.
    pub(crate) files: Vec<AnalysedFile>,
    /// Every parsed file's summary, by path.
    pub(crate) summaries: BTreeMap<PathBuf, FileSummary>,
    /// Counts and notices.
    pub(crate) outcome: CheckOutcome,
    /// The functions whose call sites the summaries hold.
    pub(crate) call_names: WantedNames,
    /// The workspace the summaries make.
    pub(crate) workspace: Workspace,
}

/// What a scan has gathered so far.
#[derive(Default)]
struct ScanState {
    /// Files with findings (conditions not yet resolved), with their
    /// package ids.
    analysed: Vec<AnalysedFile>,
    /// The summary of every analysed file.
    summaries: BTreeMap<PathBuf, FileSummary>,
    /// Files to look at again once the workspace is known.
    may_call: Vec<PathBuf>,
    /// Counts and notices.
    outcome: CheckOutcome,
}

impl ScanState {
    /// Takes in what scanning one file gave; returns the file's summary
    /// when it was analysed.
    fn collect(&mut self, scanned: Scanned) -> Option<&FileSummary> {
        match scanned {
            Scanned::Analysed(path, source, analysis) => {
                self.outcome.files_parsed += 1;
                let Analysis { summary, findings } = *analysis;
                if let Some(source) = source {
                    self.analysed.push(AnalysedFile {
                        source,
                        findings,
                        package: summary.package.clone(),
                    });
                }
                let slot = self.summaries.entry(path).or_default();
                *slot = summary;
                return Some(slot);
            }
            Scanned::MayCall(path) => self.may_call.push(path),
            Scanned::Skipped => {}
            Scanned::Failed(n) => {
                self.outcome.files_parsed += usize::from(n.severity == Severity::Warning);
                self.outcome.notices.push(n);
            }
        }
        None
    }
}

/// One file's analysis: its package summary and findings (conditions not
/// yet resolved).
pub(crate) struct Analysis {
    pub(crate) summary: FileSummary,
    pub(crate) findings: Vec<Finding>,
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

    /// The rules this engine runs.
    pub(crate) fn rules(&self) -> &RuleSet {
        self.rules
    }

    /// Finds every problem in `paths` (Go files).
    pub fn check(&self, paths: &[PathBuf], progress: &ProgressBar) -> CheckOutcome {
        let parses_before = crate::go::syntax::parse_count();
        let Scan {
            files: scanned,
            mut outcome,
            workspace,
            ..
        } = self.scan(paths, progress);
        outcome.parses = crate::go::syntax::parse_count() - parses_before;
        let mut files: BTreeMap<PathBuf, FileFindings> = scanned
            .into_iter()
            .map(
                |AnalysedFile {
                     source,
                     findings,
                     package,
                 }| {
                    let findings = resolve(&findings, &package, &workspace)
                        .into_iter()
                        .cloned()
                        .collect();
                    (source.path.clone(), FileFindings { source, findings })
                },
            )
            .collect();
        for (path, findings) in self.rules.check_workspace(&workspace) {
            let entry = match files.entry(path) {
                std::collections::btree_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::btree_map::Entry::Vacant(e) => match SourceFile::load(e.key()) {
                    Ok(source) => e.insert(FileFindings {
                        source,
                        findings: Vec::new(),
                    }),
                    Err(err) => {
                        let path = e.key().clone();
                        outcome
                            .notices
                            .push(notice(Severity::Error, &path, None, err.to_string()));
                        continue;
                    }
                },
            };
            entry
                .findings
                .extend(unsuppressed(&entry.source.text, findings));
            entry
                .findings
                .sort_by_key(|f| (f.range.start, f.range.end, f.rule.code));
        }
        outcome.files = files
            .into_values()
            .filter(|f| !f.findings.is_empty())
            .collect();
        outcome
    }

    /// Reads and analyses `paths` once, for any number of
    /// [`Engine::fix_scanned`] runs.
    pub fn scan_for_fix(&self, paths: &[PathBuf], progress: &ProgressBar) -> FixScan {
        FixScan(self.scan(paths, progress))
    }

    /// Reads, pre-scans and analyses every file. Only the texts of files
    /// with findings are kept.
    fn scan(&self, paths: &[PathBuf], progress: &ProgressBar) -> Scan {
        let first: Vec<(Scanned, Option<Identifiers>)> = paths
            .par_iter()
            .map(|path| {
                progress.inc(1);
                self.scan_first(path)
            })
            .collect();
        let mut state = ScanState {
            outcome: CheckOutcome {
                files_read: paths.len(),
                ..CheckOutcome::default()
            },
            ..ScanState::default()
        };
        let mut identifiers = HashMap::new();
        for (path, (scanned, words)) in paths.iter().zip(first) {
            if let Some(words) = words {
                identifiers.insert(path.clone(), words);
            }
            state.collect(scanned);
        }
        let mut workspace = Workspace::new(state.summaries.values());
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
            for scanned in second {
                if let Some(summary) = state.collect(scanned) {
                    workspace.add(summary);
                }
            }
        }
        let call_names = self.collect_call_sites(paths, identifiers, &mut state, &mut workspace);
        workspace.set_searched(call_names.clone());
        let ScanState {
            mut analysed,
            summaries,
            mut outcome,
            ..
        } = state;
        analysed.sort_by(|a, b| a.source.path.cmp(&b.source.path));
        outcome
            .notices
            .sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
        Scan {
            files: analysed,
            summaries,
            outcome,
            call_names,
            workspace,
        }
    }

    /// Adds to the summaries the calls of and references to the functions
    /// the rules ask about, from every file that may use one so. A rule
    /// may ask for more once it sees those calls (the callers of a function
    /// it threads), so this repeats until no new name is asked for; each
    /// file is searched once for each name, in the declarations that hold
    /// it, parsed again (each once, while the trees kept stay under
    /// [`CACHE_BUDGET`]). Returns the names.
    fn collect_call_sites(
        &self,
        paths: &[PathBuf],
        mut identifiers: HashMap<PathBuf, Identifiers>,
        state: &mut ScanState,
        workspace: &mut Workspace,
    ) -> WantedNames {
        const MAX_ROUNDS: usize = 16;
        let mut seen = WantedNames::default();
        let mut candidates: Option<Vec<Candidate>> = None;
        let kept = AtomicUsize::new(0);
        for _ in 0..MAX_ROUNDS {
            let mut now = seen.clone();
            now.extend(&self.rules.call_sites_wanted(workspace));
            let words = now.grown_since(&seen);
            if words.is_empty() {
                break;
            }
            let candidates = candidates
                .get_or_insert_with(|| self.call_site_candidates(paths, &mut identifiers));
            let words: Vec<(&str, Uses)> = words.into_iter().map(|w| (w, now.uses_of(w))).collect();
            let round = Round {
                wanted: &now,
                words: &words,
                summaries: &state.summaries,
                kept: &kept,
            };
            let found: Vec<(PathBuf, Found)> = candidates
                .par_iter_mut()
                .filter_map(|candidate| self.search(candidate, &round))
                .collect();
            seen = now;
            for (path, found) in found {
                match found {
                    Found::New(summary) => {
                        workspace.add(&summary);
                        state.summaries.insert(path, summary);
                    }
                    Found::Unparsable(names) => {
                        let summary = state
                            .summaries
                            .entry(path.clone())
                            .or_insert_with(|| FileSummary::unparsable(&path));
                        if let Some(file) = &summary.path {
                            workspace.add_unparsable(file, &names);
                        }
                        summary.unparsable.extend(names);
                    }
                    Found::More(uses) => {
                        if let Some(summary) = state.summaries.get_mut(&path) {
                            let uses = summary.unheld(uses);
                            workspace.add_uses(&uses);
                            summary.extend_uses(&uses);
                        }
                    }
                }
            }
        }
        seen
    }

    /// Searches one file for the round's names it may use and has not been
    /// searched for: a file summarised before in the declarations that
    /// hold them, each parsed on its own once in the rounds; another whole.
    /// `None` when it holds none of them, or cannot be read or analysed.
    fn search(&self, candidate: &mut Candidate, round: &Round<'_>) -> Option<(PathBuf, Found)> {
        // Most files use none of the words: tell from their identifiers,
        // then read the few that may. A summary already holds every
        // function and method its file declares.
        let summary = round.summaries.get(&candidate.path);
        let in_dir = round.wanted.uses_in(&candidate.dir);
        let declaring = Uses::METHOD_DECLARATION.union(Uses::FUNCTION_DECLARATION);
        let uses_here = |w: &str, uses: Uses| match summary {
            Some(_) => uses.without(declaring),
            None => in_dir(w, uses),
        };
        let searched = &candidate.searched;
        let held: Vec<(&str, Uses)> = round
            .words
            .iter()
            .map(|&(w, uses)| (w, uses_here(w, uses)))
            .filter(|&(w, uses)| candidate.identifiers.may_use(w, uses))
            .filter(|(w, uses)| !searched.get(*w).is_some_and(|s| s.contains(*uses)))
            .collect();
        if held.is_empty() {
            return None;
        }
        let uses_of = |name: &str| {
            held.iter()
                .find(|(w, _)| *w == name)
                .map_or(Uses::NONE, |(_, uses)| *uses)
        };
        let path = candidate.path.clone();
        let text = SourceFile::load(&path).ok()?.text;
        let place = round.wanted.place(&path, &text);
        let names: HashSet<String> = held
            .iter()
            .filter(|(w, _)| round.wanted.wants(&place, w))
            .map(|(w, _)| w.to_string())
            .collect();
        if names.is_empty() {
            return None;
        }
        candidate
            .searched
            .extend(names.iter().map(|n| (n.clone(), uses_of(n))));
        let found = match summary {
            // A file that did not parse before does not now.
            Some(summary) if !summary.unparsable.is_empty() => Found::unparsable(names),
            Some(summary) => {
                let offsets = summary.use_offsets(
                    &text,
                    &names,
                    uses_of,
                    candidate.identifiers.context_is_package(),
                );
                let declarations = summary.declarations_around(&offsets);
                if declarations.is_empty() {
                    return None;
                }
                let fresh = candidate.kept.parse_missing(&text, summary, &declarations);
                let mut uses = FileSummary::default();
                for tree in candidate
                    .kept
                    .trees
                    .iter()
                    .chain(fresh.as_ref().map(|f| &f.tree))
                {
                    let more = self.guarded(&path, || {
                        self.with_cx(&path, &text, tree, |cx| {
                            summary.uses_of(cx, &names, &offsets)
                        })
                    });
                    uses.extend_uses(&more.ok()?);
                }
                uses.sort_uses();
                if let Some(fresh) = fresh {
                    candidate.kept.keep(fresh, round.kept);
                }
                Found::More(uses)
            }
            None => {
                let tree = parse(&text);
                match self.analyse_tree(&path, &text, &tree, Some(&names), false) {
                    Ok(analysis) => {
                        let mut summary = analysis.summary;
                        if !candidate.editable || is_generated(&text) {
                            summary.make_read_only();
                        }
                        Found::New(summary)
                    }
                    Err(_) => Found::unparsable(names),
                }
            }
        };
        Some((path, found))
    }

    /// The files whose calls a signature change must see: the paths given,
    /// and every other Go file of their modules and of the modules their
    /// `go.work` uses, which a fix may not edit; each read once for its
    /// identifiers (`known` holds those the first stage read). Unreadable
    /// files are left out (the first stage reported them).
    fn call_site_candidates(
        &self,
        paths: &[PathBuf],
        known: &mut HashMap<PathBuf, Identifiers>,
    ) -> Vec<Candidate> {
        let mut seen: HashSet<PathBuf> = paths
            .iter()
            .map(|p| crate::go::gomod::absolute(p))
            .collect();
        let mut modules: Vec<PathBuf> = paths
            .iter()
            .filter_map(|p| {
                self.modules
                    .module_for(p.parent().unwrap_or(Path::new(".")))
            })
            .map(|m| m.dir.clone())
            .collect();
        modules.sort();
        modules.dedup();
        let mut roots: Vec<PathBuf> = modules
            .iter()
            .filter_map(|dir| self.modules.module_for(dir))
            .flat_map(|m| {
                let mut dirs = vec![m.dir.clone()];
                dirs.extend(
                    crate::go::gomod::workspace_modules(&m.dir)
                        .into_iter()
                        .map(|w| w.dir),
                );
                dirs
            })
            .collect();
        roots.sort();
        roots.dedup();
        let mut files: Vec<(PathBuf, bool)> = paths.iter().map(|p| (p.clone(), true)).collect();
        for root in roots {
            let arg = root.display().to_string();
            let Ok(found) =
                crate::lint::walk::go_files(&[arg], &crate::lint::config::Config::default())
            else {
                continue;
            };
            for file in found.files {
                if seen.insert(crate::go::gomod::absolute(&file)) {
                    files.push((file, false));
                }
            }
        }
        let files: Vec<(PathBuf, bool, Option<Identifiers>)> = files
            .into_iter()
            .map(|(path, editable)| {
                let identifiers = known.remove(&path);
                (path, editable, identifiers)
            })
            .collect();
        files
            .into_par_iter()
            .filter_map(|(path, editable, identifiers)| {
                let identifiers = match identifiers {
                    Some(known) => known,
                    None => Identifiers::of(&SourceFile::load(&path).ok()?.text),
                };
                Some(Candidate {
                    dir: crate::index::wanted::dir_of(&path),
                    path,
                    editable,
                    identifiers,
                    searched: HashMap::new(),
                    kept: Kept::default(),
                })
            })
            .collect()
    }

    /// Reads one file and analyses it if its bytes can matter: in the first
    /// stage when they contain a rule's needle, in the second (`callers`
    /// given) when they contain a call of a context-taking function.
    fn scan_file(&self, path: &Path, callers: Option<&AhoCorasick>) -> Scanned {
        match SourceFile::load(path) {
            Ok(source) => self.scan_source(source, callers),
            Err(e) => Scanned::Failed(notice(Severity::Error, path, None, e.to_string())),
        }
    }

    /// [`Engine::scan_file`] of the first stage, which also gives the
    /// file's identifiers when a rule will ask for call sites (the rounds
    /// then need not read it again).
    fn scan_first(&self, path: &Path) -> (Scanned, Option<Identifiers>) {
        match SourceFile::load(path) {
            Ok(source) => {
                let identifiers = self
                    .rules
                    .collects_call_sites()
                    .then(|| Identifiers::of(&source.text));
                (self.scan_source(source, None), identifiers)
            }
            Err(e) => {
                let notice = notice(Severity::Error, path, None, e.to_string());
                (Scanned::Failed(notice), None)
            }
        }
    }

    /// [`Engine::scan_file`] of a file read.
    fn scan_source(&self, source: SourceFile, callers: Option<&AhoCorasick>) -> Scanned {
        if is_generated(&source.text) {
            return Scanned::Skipped;
        }
        let wanted = match callers {
            Some(callers) => callers.is_match(&source.text),
            None if self.needles.is_match(&source.text) => true,
            None => {
                let may_call = self.rules.caller_needles().iter().any(|needle| {
                    memchr::memmem::find(source.text.as_bytes(), needle.as_bytes()).is_some()
                });
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
        let tree = parse(&source.text);
        let analysis = match self.analyse_tree(&source.path, &source.text, &tree, None, true) {
            Ok(a) => Box::new(a),
            Err(n) => return Scanned::Failed(n),
        };
        match analysis.findings.is_empty() {
            true => Scanned::Analysed(source.path, None, analysis),
            false => Scanned::Analysed(source.path.clone(), Some(source), analysis),
        }
    }

    /// Parses one file and runs every rule over it. A rule that panics on
    /// the file is a bug in ctxmod: it becomes an error naming the file, and
    /// the run goes on with the other files.
    /// With `uses`, the summary also holds the calls of and references to
    /// functions so named. Without `check`, only the summary is made (no
    /// findings).
    pub(crate) fn analyse(
        &self,
        path: &Path,
        text: &str,
        uses: Option<&HashSet<String>>,
        check: bool,
    ) -> Result<Analysis, Notice> {
        self.analyse_tree(path, text, &parse(text), uses, check)
    }

    /// [`Engine::analyse`] of a file already parsed.
    fn analyse_tree(
        &self,
        path: &Path,
        text: &str,
        tree: &Tree,
        uses: Option<&HashSet<String>>,
        check: bool,
    ) -> Result<Analysis, Notice> {
        self.guarded(path, || {
            self.analyse_unguarded(path, text, tree, uses, check)
        })?
    }

    /// Runs `work` on the file at `path`, turning a panic (a bug in ctxmod)
    /// into an error naming the file.
    fn guarded<R>(&self, path: &Path, work: impl FnOnce() -> R) -> Result<R, Notice> {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).map_err(|payload| {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            notice(
                Severity::Error,
                path,
                None,
                format!(
                    "internal error while checking this file, skipped (please report it): {what}"
                ),
            )
        })
    }

    fn analyse_unguarded(
        &self,
        path: &Path,
        text: &str,
        tree: &Tree,
        uses: Option<&HashSet<String>>,
        check: bool,
    ) -> Result<Analysis, Notice> {
        if let Some(err) = first_error(tree) {
            let line = err.start_position().row + 1;
            return Err(notice(
                Severity::Warning,
                path,
                Some(line),
                format!("{}; {SKIPPED}", crate::go::syntax::error_message(err)),
            ));
        }
        Ok(self.with_cx(path, text, tree, |cx| {
            let summary = FileSummary::from_tree(
                cx,
                uses,
                self.rules.summary_parts(),
                self.rules.collectors(),
            );
            let mut findings = if check {
                unsuppressed(text, self.rules.check(cx))
            } else {
                Vec::new()
            };
            findings.sort_by_key(|f| (f.range.start, f.range.end, f.rule.code));
            Analysis { summary, findings }
        }))
    }

    /// Calls `f` with what rules see of a parsed file: its imports, module
    /// and package.
    fn with_cx<R>(
        &self,
        path: &Path,
        text: &str,
        tree: &Tree,
        f: impl FnOnce(&RuleCx<'_>) -> R,
    ) -> R {
        let root = tree.root_node();
        let imports = FileImports::from_tree(root, text);
        let dir = crate::go::gomod::absolute(path.parent().unwrap_or(Path::new(".")));
        let module = self.modules.module_for(&dir);
        let package_name = crate::go::syntax::named_children(root)
            .into_iter()
            .find(|n| n.kind() == "package_clause")
            .and_then(|p| crate::go::syntax::named_children(p).into_iter().next())
            .map(|n| crate::go::syntax::text(n, text).to_string())
            .unwrap_or_default();
        let mut package = match module.as_ref().and_then(|m| m.import_path(&dir)) {
            Some(import_path) => import_path,
            None => format!("dir:{}", dir.display()),
        };
        if package_name.ends_with("_test") {
            package.push_str("_test");
        }
        let file = FileCx {
            path,
            src: text,
            root,
            imports: &imports,
            go_version: module.and_then(|m| m.go_version),
            package: &package,
            memo: Default::default(),
        };
        let cx = RuleCx {
            file: &file,
            settings: self.rules.settings(),
        };
        crate::go::parents::indexed(tree, || f(&cx))
    }
}

/// A file the call-site rounds look at.
struct Candidate {
    path: PathBuf,
    /// Its absolute directory ([`crate::index::wanted::dir_of`]).
    dir: PathBuf,
    /// False for a file ctxmod reads but does not edit.
    editable: bool,
    identifiers: Identifiers,
    /// The names it was searched for, each with the uses looked for.
    searched: HashMap<String, Uses>,
    /// The trees the rounds parsed of it and keep.
    kept: Kept,
}

/// The trees the call-site rounds parsed of one file and keep.
#[derive(Default)]
struct Kept {
    /// Trees of parts of the file, apart, or one of the whole file.
    trees: Vec<Tree>,
    /// The starts of the declarations the trees hold.
    covered: HashSet<usize>,
    /// True when `trees` is one tree of the whole file.
    whole: bool,
}

/// A tree a round parsed.
struct Fresh {
    tree: Tree,
    /// True when it holds the whole file.
    whole: bool,
    /// The starts of the declarations it holds.
    starts: Vec<usize>,
    /// The bytes of source it covers.
    bytes: usize,
}

impl Kept {
    /// Parses those of `declarations` of the file (`text`, summarised by
    /// `summary`) that no kept tree holds, with the package clause and
    /// imports; the whole file when they do not parse alone. `None` when
    /// the kept trees hold them all.
    fn parse_missing(
        &self,
        text: &str,
        summary: &FileSummary,
        declarations: &[tree_sitter::Range],
    ) -> Option<Fresh> {
        if self.whole {
            return None;
        }
        let missing: Vec<tree_sitter::Range> = declarations
            .iter()
            .filter(|d| !self.covered.contains(&d.start_byte))
            .copied()
            .collect();
        if missing.is_empty() {
            return None;
        }
        let ranges = summary.with_header(&missing);
        Some(
            match parse_ranges(text, &ranges).filter(|tree| first_error(tree).is_none()) {
                Some(tree) => Fresh {
                    tree,
                    whole: false,
                    starts: missing.iter().map(|d| d.start_byte).collect(),
                    bytes: ranges.iter().map(|r| r.end_byte - r.start_byte).sum(),
                },
                None => Fresh {
                    tree: parse(text),
                    whole: true,
                    starts: Vec::new(),
                    bytes: text.len(),
                },
            },
        )
    }

    /// Keeps `fresh` for later rounds, while the source of the trees kept
    /// (counted in `kept`) stays under [`CACHE_BUDGET`].
    fn keep(&mut self, fresh: Fresh, kept: &AtomicUsize) {
        let Fresh {
            tree,
            whole,
            starts,
            bytes,
        } = fresh;
        if kept.fetch_add(bytes, Ordering::Relaxed) + bytes > CACHE_BUDGET {
            kept.fetch_sub(bytes, Ordering::Relaxed);
            return;
        }
        if whole {
            self.trees = vec![tree];
            self.whole = true;
        } else {
            self.trees.push(tree);
            self.covered.extend(starts);
        }
    }
}

/// What one round of call-site collection looks for, and where.
struct Round<'a> {
    /// Every name wanted so far.
    wanted: &'a WantedNames,
    /// The names wanted somewhere or in some way for the first time, each
    /// with every way its uses are wanted ([`WantedNames::uses_of`]).
    words: &'a [(&'a str, Uses)],
    /// The summaries made so far.
    summaries: &'a BTreeMap<PathBuf, FileSummary>,
    /// The bytes of source the trees the candidates keep cover (see
    /// [`CACHE_BUDGET`]).
    kept: &'a AtomicUsize,
}

/// How much source the trees kept between call-site rounds may cover: a
/// tree takes some forty times the bytes it parses, so about 40 MiB. Past
/// it, a declaration is parsed again in each round that searches it.
const CACHE_BUDGET: usize = 1 << 20;

/// What a round of call-site collection found in one file.
enum Found {
    /// A file not summarised before: its whole summary.
    New(FileSummary),
    /// More uses in a file already summarised, as a summary of only those.
    More(FileSummary),
    /// A file that may use these names but does not parse: what it does
    /// with them is unknown.
    Unparsable(Vec<String>),
}

impl Found {
    /// What a file that does not parse gives for `names`, in order.
    fn unparsable(names: HashSet<String>) -> Found {
        let mut names: Vec<String> = names.into_iter().collect();
        names.sort();
        Found::Unparsable(names)
    }
}

/// The findings not silenced by an ignore comment of `text`.
pub(crate) fn unsuppressed(text: &str, mut findings: Vec<Finding>) -> Vec<Finding> {
    let suppressions = Suppressions::parse(text);
    findings.retain(|f| {
        let (line, _) = crate::go::source::line_col(text, f.range.start);
        !suppressions.silences(&f.rule.check_names(), line)
    });
    findings
}

fn notice(severity: Severity, path: &Path, line: Option<usize>, message: String) -> Notice {
    Notice {
        severity,
        path: path.to_path_buf(),
        line,
        message,
    }
}
