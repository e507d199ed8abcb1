//! What a run has done so far: executions, properties checked, corpus
//! files used, and the failures by class; printed as progress lines and
//! a closing summary.

use crate::examine::Examination;
use crate::property::{Property, Violation};
use crate::reproducer;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The failures of one class.
pub struct Class {
    /// The first violation seen.
    pub violation: Violation,
    /// The executions (or regression names) that showed it.
    pub seen_in: Vec<String>,
    /// Where its reproducer is.
    pub reproducer: PathBuf,
}

/// Where an examined input came from.
#[derive(Clone, Copy)]
pub enum Source<'a> {
    /// Made by the fuzzer.
    Generated {
        /// Its execution number.
        execution: u64,
        /// The corpus files or modules it was made from.
        sources: &'a [PathBuf],
        /// Where reproducers go.
        failures: &'a Path,
    },
    /// Read from a reproducer or regression directory.
    Replayed(&'a Path),
}

/// The counts of a run.
pub struct Tally {
    start: Instant,
    last_progress: Instant,
    /// Inputs examined.
    pub executions: u64,
    /// How many of them were replayed reproducers or regressions.
    replayed: u64,
    /// Inputs the fix changed.
    pub changed: u64,
    /// Inputs with at least one violation.
    pub failing: u64,
    /// Checks made, by [`Property::index`].
    pub checked: [u64; Property::ALL.len()],
    /// The corpus files and modules inputs started from.
    pub sources: BTreeSet<PathBuf>,
    /// The failures by class.
    pub classes: BTreeMap<String, Class>,
}

impl Tally {
    /// An empty tally, its clock started.
    pub fn new() -> Tally {
        Tally {
            start: Instant::now(),
            last_progress: Instant::now(),
            executions: 0,
            replayed: 0,
            changed: 0,
            failing: 0,
            checked: [0; Property::ALL.len()],
            sources: BTreeSet::new(),
            classes: BTreeMap::new(),
        }
    }

    /// Counts one examined input; returns the violations of classes not
    /// seen before, with the directory their reproducer goes to. A replayed
    /// input's failures are its own classes, so that the fuzzer still
    /// writes reproducers for what it finds of the same kind.
    pub fn record(&mut self, source: Source, exam: &Examination) -> Vec<(Violation, PathBuf)> {
        self.executions += 1;
        self.changed += u64::from(exam.changed);
        self.failing += u64::from(!exam.violations.is_empty());
        for (total, n) in self.checked.iter_mut().zip(exam.checked) {
            *total += n;
        }
        let name = match source {
            Source::Generated {
                execution, sources, ..
            } => {
                self.sources.extend(sources.iter().cloned());
                format!("#{execution}")
            }
            Source::Replayed(dir) => {
                self.replayed += 1;
                format!("replay of {}", crate::shown(dir))
            }
        };
        let mut new = Vec::new();
        for violation in &exam.violations {
            let (key, dir) = match source {
                Source::Generated { failures, .. } => (
                    violation.class(),
                    reproducer::directory(failures, violation),
                ),
                Source::Replayed(dir) => (
                    format!("{} [{}]", violation.class(), crate::shown(dir)),
                    dir.to_path_buf(),
                ),
            };
            let class = self.classes.entry(key).or_insert_with(|| {
                new.push((violation.clone(), dir.clone()));
                Class {
                    violation: violation.clone(),
                    seen_in: Vec::new(),
                    reproducer: dir,
                }
            });
            if class.seen_in.last() != Some(&name) {
                class.seen_in.push(name.clone());
            }
        }
        new
    }

    /// A progress line, when `every` has passed since the last one.
    pub fn progress(&mut self, every: Duration) -> Option<String> {
        if self.last_progress.elapsed() < every {
            return None;
        }
        self.last_progress = Instant::now();
        Some(format!(
            "fuzz: {} {} executions ({:.1}/s), {} failing, {} classes",
            minutes(self.start.elapsed()),
            self.executions,
            self.rate(),
            self.failing,
            self.classes.len()
        ))
    }

    fn rate(&self) -> f64 {
        self.executions as f64 / self.start.elapsed().as_secs_f64().max(0.001)
    }

    /// The closing summary.
    pub fn summary(&self) -> String {
        let mut out = format!(
            "fuzz: {} executions ({} of them replays) in {} ({:.1}/s); the fix changed {} of them; {} distinct corpus files and modules used\n",
            self.executions,
            self.replayed,
            minutes(self.start.elapsed()),
            self.rate(),
            self.changed,
            self.sources.len()
        );
        out.push_str("fuzz: properties checked:");
        for property in Property::ALL {
            let n = self.checked[property.index()];
            out.push_str(&format!(" {} {n} {};", property.name(), property.unit()));
        }
        out.pop();
        out.push('\n');
        out.push_str(&format!(
            "fuzz: {} failing inputs in {} classes\n",
            self.failing,
            self.classes.len()
        ));
        for (name, class) in &self.classes {
            let shown: Vec<&str> = class.seen_in.iter().take(8).map(String::as_str).collect();
            let more = class.seen_in.len().saturating_sub(shown.len());
            let example = class
                .violation
                .detail
                .lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("");
            out.push_str(&format!(
                "  {name}\n    e.g. {example}\n    seen {} times: {}{}\n    reproducer: {}\n",
                class.seen_in.len(),
                shown.join(", "),
                if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                },
                class.reproducer.display()
            ));
        }
        out
    }
}

/// `1m05s`.
fn minutes(d: Duration) -> String {
    let s = d.as_secs();
    format!("{}m{:02}s", s / 60, s % 60)
}
