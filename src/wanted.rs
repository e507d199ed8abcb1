//! The names whose uses (calls, references, field uses) the rules want the
//! engine to collect, and where: everywhere, or only in the files of one
//! package directory, for an unexported name no other package can use.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Names to look for, each everywhere or within package directories.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WantedNames {
    everywhere: HashSet<String>,
    /// By absolute directory.
    within: HashMap<PathBuf, HashSet<String>>,
}

impl WantedNames {
    /// Wants `name` in every file.
    pub fn everywhere(&mut self, name: impl Into<String>) {
        self.everywhere.insert(name.into());
    }

    /// Wants `name` in the files of directory `dir` only.
    pub fn within(&mut self, dir: &Path, name: impl Into<String>) {
        self.within
            .entry(crate::gomod::absolute(dir))
            .or_default()
            .insert(name.into());
    }

    /// Wants the uses of `name`, declared in the file at `path`: an
    /// exported name everywhere, an unexported one (function, method,
    /// field or type) in its own package only, the only place Go lets
    /// code use it.
    pub fn declared(&mut self, name: &str, path: &Path) {
        if crate::syntax::is_exported(name) {
            self.everywhere(name);
        } else {
            self.within(path.parent().unwrap_or(Path::new(".")), name);
        }
    }

    /// Like [`WantedNames::declared`], for a name whose declaration ctxmod
    /// may not have read: without one, everywhere.
    pub fn maybe_declared(&mut self, name: &str, path: Option<&Path>) {
        match path {
            Some(path) => self.declared(name, path),
            None => self.everywhere(name),
        }
    }

    /// True when no name is wanted anywhere.
    pub fn is_empty(&self) -> bool {
        self.everywhere.is_empty() && self.within.values().all(HashSet::is_empty)
    }

    /// The names wanted in the files of directory `dir` (absolute, as from
    /// [`dir_of`]).
    pub fn in_dir(&self, dir: &Path) -> HashSet<String> {
        let mut names = self.everywhere.clone();
        if let Some(within) = self.within.get(dir) {
            names.extend(within.iter().cloned());
        }
        names
    }

    /// True when `name` is wanted in the files of directory `dir`.
    pub fn wants(&self, dir: &Path, name: &str) -> bool {
        self.everywhere.contains(name) || self.within.get(dir).is_some_and(|w| w.contains(name))
    }

    /// Every name, wherever it is wanted, each once.
    pub fn all(&self) -> HashSet<&str> {
        self.everywhere
            .iter()
            .chain(self.within.values().flatten())
            .map(String::as_str)
            .collect()
    }

    /// What `self` wants that `before` did not, directory by directory: a
    /// name wanted everywhere now but before only in some directory is new
    /// everywhere else.
    pub fn since(&self, before: &WantedNames) -> NewNames<'_> {
        NewNames {
            now: self,
            before: before.clone(),
        }
    }

    /// Adds everything `other` wants.
    pub fn extend(&mut self, other: &WantedNames) {
        self.everywhere.extend(other.everywhere.iter().cloned());
        for (dir, names) in &other.within {
            self.within
                .entry(dir.clone())
                .or_default()
                .extend(names.iter().cloned());
        }
    }
}

/// The absolute directory of the file at `path`: its package's.
pub fn dir_of(path: &Path) -> PathBuf {
    crate::gomod::absolute(path.parent().unwrap_or(Path::new(".")))
}

/// The names wanted now and not before, from [`WantedNames::since`].
pub struct NewNames<'a> {
    now: &'a WantedNames,
    before: WantedNames,
}

impl NewNames<'_> {
    /// The names the files of directory `dir` must now be searched for.
    pub fn in_dir(&self, dir: &Path) -> HashSet<String> {
        self.now
            .in_dir(dir)
            .into_iter()
            .filter(|n| !self.before.wants(dir, n))
            .collect()
    }

    /// True when the files of directory `dir` must now be searched for
    /// `name`.
    pub fn wants(&self, dir: &Path, name: &str) -> bool {
        self.now.wants(dir, name) && !self.before.wants(dir, name)
    }

    /// Every name that is new somewhere, each once.
    pub fn all(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self
            .now
            .all()
            .into_iter()
            .filter(|n| {
                !self.before.everywhere.contains(*n)
                    && (self.now.everywhere.contains(*n)
                        || self.now.within.iter().any(|(dir, names)| {
                            names.contains(*n)
                                && !self.before.within.get(dir).is_some_and(|b| b.contains(*n))
                        }))
            })
            .collect();
        names.sort_unstable();
        names
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_within_a_directory_are_only_for_its_files() {
        let mut before = WantedNames::default();
        before.everywhere("Load");
        before.within(Path::new("/m/a"), "ctx");
        let mut now = before.clone();
        now.everywhere("Save");
        now.within(Path::new("/m/b"), "ctx");
        let sorted = |set: HashSet<String>| {
            let mut v: Vec<String> = set.into_iter().collect();
            v.sort();
            v
        };
        let (a, b, c) = (Path::new("/m/a"), Path::new("/m/b"), Path::new("/m/c"));
        assert_eq!(dir_of(Path::new("/m/a/x.go")), a);
        assert_eq!(sorted(now.in_dir(a)), ["Load", "Save", "ctx"]);
        assert_eq!(sorted(now.in_dir(c)), ["Load", "Save"]);
        let new = now.since(&before);
        assert_eq!(sorted(new.in_dir(a)), ["Save"]);
        assert_eq!(sorted(new.in_dir(b)), ["Save", "ctx"]);
        assert!(new.wants(b, "ctx") && !new.wants(a, "ctx") && !new.wants(c, "ctx"));
        assert_eq!(new.all(), ["Save", "ctx"]);
        let mut everywhere = now.clone();
        everywhere.everywhere("ctx");
        let new = everywhere.since(&now);
        assert!(new.in_dir(a).is_empty());
        assert_eq!(sorted(new.in_dir(c)), ["ctx"]);
        assert_eq!(new.all(), ["ctx"]);
    }
}
