//! `fix --verify`: the planned fixes are proved with the Go toolchain
//! before any reaches the user's tree. Every module holding an edited file
//! is built and vetted as it is, then with the edits (as an overlay: no
//! copy, no write). A package that built before and does not now, or that
//! vet reports something new about, is traced to the fix that broke it:
//! the fixes that touch it or a package it imports are tried in halves
//! until one is found whose addition breaks it. That fix is left out, the
//! fixes are planned again without it (a fix that waited for it may now
//! apply), and the result is checked again, until it is clean.

use crate::go::gomod::{Module, ModuleCache};
use crate::lint::engine::{AppliedFix, Engine, FixOutcome, FixScan, Notice, Severity};
use crate::lint::fix::Applicability;
use crate::lint::fix::FixId;
use crate::lint::words::noun;
use crate::ship::toolchain::{Breakage, Go, Health, Overlay, Packages};
use anyhow::Result;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How many fixes verification traces one by one before it drops all the
/// fixes of a module that still breaks.
const MAX_TRACED: usize = 64;

/// The result of a verified fix run.
pub struct Verified {
    /// The fixes that verified, with the notices of the run and of every
    /// fix dropped.
    pub outcome: FixOutcome,
    /// How many fixes were planned at first.
    pub checked: usize,
    /// How many modules were built.
    pub modules: usize,
    /// How many fixes were dropped.
    pub dropped: usize,
    /// How long verification took.
    pub elapsed: Duration,
}

impl Verified {
    /// The summary line: `verify: N fix(es) checked in M module(s), K
    /// dropped, took X.Ys`.
    pub fn summary(&self) -> String {
        format!(
            "verify: {} {} checked in {} {}, {} dropped, took {:.1}s",
            self.checked,
            noun(self.checked, "fix"),
            self.modules,
            noun(self.modules, "module"),
            self.dropped,
            self.elapsed.as_secs_f64()
        )
    }
}

/// One module being verified: its packages, and how they fared before any
/// fix.
struct ModuleState {
    packages: Packages,
    before: Health,
}

/// A verification in progress.
struct Verifier<'a, 'r> {
    engine: &'a Engine<'r>,
    scanned: &'a FixScan,
    min: Applicability,
    go: &'a Go,
    module_dirs: ModuleCache,
    /// By module directory.
    modules: BTreeMap<PathBuf, ModuleState>,
    /// The fixes left out so far.
    excluded: HashSet<FixId>,
    notices: Vec<Notice>,
}

/// Applies the fixes of `scanned` at least as applicable as `min`: only
/// those that verify when `go` is given, with the summary line of the
/// verification.
pub fn fix_checked(
    engine: &Engine<'_>,
    scanned: &FixScan,
    min: Applicability,
    go: Option<&Go>,
) -> Result<(FixOutcome, Option<String>)> {
    Ok(match go {
        Some(go) => {
            let verified = fix_verified(engine, scanned, min, go)?;
            let summary = verified.summary();
            (verified.outcome, Some(summary))
        }
        None => (engine.fix_scanned(scanned, min, &HashSet::new()), None),
    })
}

/// Applies the fixes of `scanned` at least as applicable as `min`, keeping
/// only those that verify with `go`.
pub fn fix_verified(
    engine: &Engine<'_>,
    scanned: &FixScan,
    min: Applicability,
    go: &Go,
) -> Result<Verified> {
    let started = Instant::now();
    let mut verifier = Verifier {
        engine,
        scanned,
        min,
        go,
        module_dirs: ModuleCache::default(),
        modules: BTreeMap::new(),
        excluded: HashSet::new(),
        notices: Vec::new(),
    };
    let mut outcome = verifier.plan(&HashSet::new());
    let checked = outcome.fixes.len();
    let mut dropped = 0;
    // Each round leaves out at least one fix that was planned (a breakage
    // means there are changes, so fixes), so the rounds end.
    while let Some((module, broken)) = verifier.first_breakage(&outcome)? {
        let traced = if dropped < MAX_TRACED {
            verifier.culprit(&outcome, &module, &broken)?
        } else {
            None
        };
        let culprits = match traced {
            Some((fix, breakage)) => {
                verifier.drop_fix(&fix, &breakage.describe());
                vec![fix]
            }
            None => {
                // No one fix explains it: drop every fix that touches the
                // module, or every fix when none does (a module of the
                // go.work that only builds against the edits).
                let mut fixes = verifier.fixes_in(&outcome, &module);
                if fixes.is_empty() {
                    fixes.clone_from(&outcome.fixes);
                }
                let why = format!(
                    "{} (not traced to one fix: every fix in this module is dropped)",
                    broken.describe()
                );
                for fix in &fixes {
                    verifier.drop_fix(fix, &why);
                }
                fixes
            }
        };
        dropped += culprits.len();
        verifier.excluded.extend(culprits.into_iter().map(|f| f.id));
        outcome = verifier.plan(&HashSet::new());
    }
    verifier.note_unverified(&outcome);
    outcome.notices.append(&mut verifier.notices);
    outcome
        .notices
        .sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
    Ok(Verified {
        outcome,
        checked,
        modules: verifier.modules.len(),
        dropped,
        elapsed: started.elapsed(),
    })
}

impl Verifier<'_, '_> {
    /// The fixes planned without the excluded ones and `also_excluded`.
    fn plan(&self, also_excluded: &HashSet<FixId>) -> FixOutcome {
        let excluded: HashSet<FixId> = self.excluded.union(also_excluded).cloned().collect();
        self.engine.fix_scanned(self.scanned, self.min, &excluded)
    }

    /// The directory of the module holding `file` (canonical), if any.
    fn module_of(&self, file: &Path) -> Option<PathBuf> {
        let dir = canonical(file).parent()?.to_path_buf();
        Some(self.module_dirs.module_for(&dir)?.dir.clone())
    }

    /// The modules whose builds `outcome` may change: those holding a file
    /// it changes, and the other modules of their `go.work` that require
    /// one of them. Each is measured before any fix the first time it is
    /// seen.
    fn modules_changed(&mut self, outcome: &FixOutcome) -> Result<BTreeSet<PathBuf>> {
        let edited: BTreeMap<PathBuf, Arc<Module>> = outcome
            .changed
            .iter()
            .filter_map(|file| {
                let dir = canonical(&file.source.path).parent()?.to_path_buf();
                let module = self.module_dirs.module_for(&dir)?;
                Some((module.dir.clone(), module))
            })
            .collect();
        let mut changed: BTreeSet<PathBuf> = edited.keys().cloned().collect();
        for module in edited.values() {
            changed.extend(requiring(module));
        }
        for module in &changed {
            if !self.modules.contains_key(module) {
                let packages = self.go.packages(module)?;
                let before = self.go.check(module, &packages, &all(), None)?;
                self.modules
                    .insert(module.clone(), ModuleState { packages, before });
            }
        }
        Ok(changed)
    }

    /// The first module and package `outcome` breaks, if any.
    fn first_breakage(&mut self, outcome: &FixOutcome) -> Result<Option<(PathBuf, Breakage)>> {
        let modules = self.modules_changed(outcome)?;
        let overlay = overlay_of(outcome)?;
        for module in modules {
            let state = &self.modules[&module];
            let after = self
                .go
                .check(&module, &state.packages, &all(), Some(&overlay))?;
            if let Some(broken) = after.broken_since(&state.before) {
                return Ok(Some((module, broken)));
            }
        }
        Ok(None)
    }

    /// Whether the package of `broken` breaks when the fixes planned
    /// without `also_excluded` are applied: how, if it does.
    fn breaks(
        &self,
        module: &Path,
        broken: &Breakage,
        also_excluded: &HashSet<FixId>,
    ) -> Result<Option<Breakage>> {
        let outcome = self.plan(also_excluded);
        let overlay = overlay_of(&outcome)?;
        let state = &self.modules[module];
        let pattern = match broken.dir.strip_prefix(module) {
            Ok(rel) if rel.as_os_str().is_empty() => ".".to_string(),
            Ok(rel) => format!("./{}", rel.display()),
            Err(_) => "./...".to_string(),
        };
        let after = self
            .go
            .check(module, &state.packages, &[pattern], Some(&overlay))?;
        Ok(after.broken_since(&state.before))
    }

    /// The fix whose addition breaks the package of `broken`, with how it
    /// does, by bisection in the order the fixes were applied: among the
    /// fixes touching the package or a package of the module it imports,
    /// else among the module's, else among all. `None` when the package
    /// breaks even without any of them.
    fn culprit(
        &self,
        outcome: &FixOutcome,
        module: &Path,
        broken: &Breakage,
    ) -> Result<Option<(AppliedFix, Breakage)>> {
        let near = self.modules[module].packages.with_dependencies(&broken.dir);
        let touching = |fix: &&AppliedFix| {
            fix.files
                .iter()
                .any(|f| canonical(f).parent().is_some_and(|d| near.contains(d)))
        };
        let nearby: Vec<AppliedFix> = outcome.fixes.iter().filter(touching).cloned().collect();
        let mut tried = 0;
        for suspects in [
            nearby,
            self.fixes_in(outcome, module),
            outcome.fixes.clone(),
        ] {
            // Each list holds the one before it: try it only if it is longer.
            if suspects.len() <= tried {
                continue;
            }
            tried = suspects.len();
            if let Some(found) = self.bisect(&suspects, module, broken)? {
                return Ok(Some(found));
            }
        }
        Ok(None)
    }

    /// The suspect whose addition, after the ones before it, breaks the
    /// package (the package breaks with all of them), or `None` when it
    /// breaks without any.
    fn bisect(
        &self,
        suspects: &[AppliedFix],
        module: &Path,
        broken: &Breakage,
    ) -> Result<Option<(AppliedFix, Breakage)>> {
        let found = first_breaking(suspects.len(), broken, |k| {
            let without: HashSet<FixId> = suspects[k..].iter().map(|f| f.id.clone()).collect();
            self.breaks(module, broken, &without)
        })?;
        Ok(found.map(|(i, how)| (suspects[i].clone(), how)))
    }

    /// The fixes of `outcome` that change a file of `module`.
    fn fixes_in(&self, outcome: &FixOutcome, module: &Path) -> Vec<AppliedFix> {
        outcome
            .fixes
            .iter()
            .filter(|fix| {
                fix.files
                    .iter()
                    .any(|f| self.module_of(f).as_deref() == Some(module))
            })
            .cloned()
            .collect()
    }

    /// Reports a dropped fix.
    fn drop_fix(&mut self, fix: &AppliedFix, why: &str) {
        self.notices.push(Notice {
            severity: Severity::Warning,
            path: fix.id.path.clone(),
            line: Some(fix.line),
            message: format!(
                "verify: the {} fix \"{}\" was dropped: {why}",
                fix.rule.id, fix.id.title
            ),
        });
    }

    /// Says which of the fixes kept could not be verified, once per
    /// package (at its first edited file): those outside any module, and
    /// those in packages that did not build before, with the first error.
    fn note_unverified(&mut self, outcome: &FixOutcome) {
        let mut reasons: BTreeMap<PathBuf, (PathBuf, String)> = BTreeMap::new();
        let mut files: Vec<&PathBuf> = outcome.fixes.iter().flat_map(|f| &f.files).collect();
        files.sort();
        for file in files {
            let Some(dir) = canonical(file).parent().map(Path::to_path_buf) else {
                continue;
            };
            let why = match self.module_of(file) {
                None => "it is not in a Go module".to_string(),
                Some(m) => {
                    let before = self.modules.get(&m).map(|s| &s.before);
                    match before.and_then(|b| b.first_error(&dir)) {
                        Some(error) => format!("it did not build before them: {error}"),
                        None => continue,
                    }
                }
            };
            reasons.entry(dir).or_insert((file.clone(), why));
        }
        for (path, why) in reasons.into_values() {
            self.notices.push(Notice {
                severity: Severity::Warning,
                path,
                line: None,
                message: format!("verify: the fixes in this package were not verified: {why}"),
            });
        }
    }
}

/// The directories of the other modules of `module`'s `go.work` whose
/// `go.mod` requires it: they build against its edited files.
fn requiring(module: &Module) -> Vec<PathBuf> {
    let Some(root) = module.dir.ancestors().find(|d| d.join("go.work").is_file()) else {
        return Vec::new();
    };
    crate::go::gomod::workspace_modules(root)
        .into_iter()
        .filter(|other| other.dir != module.dir)
        .filter(|other| {
            std::fs::read_to_string(other.dir.join("go.mod"))
                .is_ok_and(|text| text.split_whitespace().any(|word| word == module.path))
        })
        .map(|other| other.dir)
        .collect()
}

/// Of `count` suspects that break a package together (as `broken` says),
/// the one whose addition to the ones before it breaks it, by bisection,
/// with how it does; `None` when it breaks without any. `breaks(k)` says
/// how the package fares with the first `k` suspects only.
fn first_breaking(
    count: usize,
    broken: &Breakage,
    mut breaks: impl FnMut(usize) -> Result<Option<Breakage>>,
) -> Result<Option<(usize, Breakage)>> {
    if breaks(0)?.is_some() {
        return Ok(None);
    }
    // The first `good` suspects leave it clean; the first `bad` break it.
    let (mut good, mut bad) = (0, count);
    let mut how = broken.clone();
    while bad - good > 1 {
        let mid = (good + bad) / 2;
        match breaks(mid)? {
            Some(b) => {
                bad = mid;
                how = b;
            }
            None => good = mid,
        }
    }
    Ok(Some((bad - 1, how)))
}

/// The pattern of every package of a module.
fn all() -> Vec<String> {
    vec!["./...".to_string()]
}

/// `path` absolute, with symbolic links resolved as the Go tool resolves
/// them, when it exists.
fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| crate::go::gomod::absolute(path))
}

/// The overlay of every file `outcome` changes.
fn overlay_of(outcome: &FixOutcome) -> Result<Overlay> {
    Overlay::new(
        outcome
            .changed
            .iter()
            .map(|c| (canonical(&c.source.path), c.new_text.as_str())),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn breakage(first: &str) -> Breakage {
        Breakage {
            dir: PathBuf::from("/m"),
            vet: false,
            first: first.to_string(),
        }
    }

    /// Finds the culprit among `count` suspects when the package breaks
    /// as soon as the prefix holds `culprit` (and, if given, `also`: the
    /// two break it only together), counting the builds.
    fn trace(count: usize, culprit: usize, also: Option<usize>) -> (Option<usize>, String, usize) {
        let mut builds = 0;
        let found = first_breaking(count, &breakage("all"), |k| {
            builds += 1;
            let broken = k > culprit && also.is_none_or(|a| k > a);
            Ok(broken.then(|| breakage(&format!("first {k}"))))
        })
        .unwrap();
        let how = found
            .as_ref()
            .map_or(String::new(), |(_, b)| b.first.clone());
        (found.map(|(i, _)| i), how, builds)
    }

    #[test]
    fn bisection_finds_the_fix_whose_addition_breaks_the_package() {
        for count in 1..40 {
            for culprit in 0..count {
                let (found, _, builds) = trace(count, culprit, None);
                assert_eq!(found, Some(culprit), "{culprit} of {count}");
                let most = 1 + (usize::BITS - (count - 1).leading_zeros()) as usize;
                assert!(builds <= most, "{builds} builds for {count} suspects");
            }
        }
        // Two that break it only together: the later one is found, the one
        // whose addition breaks it.
        assert_eq!(trace(10, 2, Some(7)).0, Some(7));
        // Broken with the first four: the error is the one it made then.
        assert_eq!(trace(9, 3, None).1, "first 4");
        assert_eq!(trace(1, 0, None).1, "all", "the error it was found with");
    }

    #[test]
    fn bisection_gives_up_when_the_package_breaks_without_any_suspect() {
        let found = first_breaking(5, &breakage("all"), |_| Ok(Some(breakage("still"))));
        assert_eq!(found.unwrap(), None);
    }
}
