//! The names whose uses (calls, references, field uses) the rules want the
//! engine to collect, and where Go lets code use them: an exported method
//! or field anywhere; an exported function or type in its own package and
//! in the files that import that package; an unexported name in its own
//! package only.

use crate::workspace::FuncId;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Names to look for, each with where.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WantedNames {
    everywhere: HashSet<String>,
    /// By absolute package directory.
    within: HashMap<PathBuf, HashSet<String>>,
    /// By import path: wanted in the files that import it.
    importers: HashMap<String, HashSet<String>>,
}

/// Where a file stands for [`WantedNames`]: its package directory, and the
/// wanted packages it imports.
#[derive(Debug)]
pub struct Place {
    dir: PathBuf,
    imports: Vec<String>,
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

    /// Wants the uses of a method or field `name` declared in the file at
    /// `path`: everywhere when exported (a value of the type can be
    /// anywhere), else in its own package only.
    pub fn member(&mut self, name: &str, path: &Path) {
        if crate::syntax::is_exported(name) {
            self.everywhere(name);
        } else {
            self.within(path.parent().unwrap_or(Path::new(".")), name);
        }
    }

    /// Wants the uses of a package-level function or type `name` of the
    /// package with import path `package`, declared in the file at `path`:
    /// in its own package, and when exported in the files that import it
    /// (other packages can only name it through the import).
    pub fn package_level(&mut self, name: &str, path: &Path, package: &str) {
        self.within(path.parent().unwrap_or(Path::new(".")), name);
        // An external test package (`_test`) or a directory outside any
        // module cannot be imported.
        if crate::syntax::is_exported(name)
            && !package.ends_with("_test")
            && !package.starts_with("dir:")
        {
            self.importers
                .entry(package.to_string())
                .or_default()
                .insert(name.to_string());
        }
    }

    /// Wants the uses of the function or method `id`, declared in the file
    /// at `path` when ctxmod read it (else everywhere).
    pub fn function(&mut self, id: &FuncId, path: Option<&Path>) {
        match (path, &id.receiver) {
            (None, _) => self.everywhere(id.name.clone()),
            (Some(path), Some(_)) => self.member(&id.name, path),
            (Some(path), None) => self.package_level(&id.name, path, &id.package),
        }
    }

    /// True when no name is wanted anywhere.
    pub fn is_empty(&self) -> bool {
        self.everywhere.is_empty()
            && self.within.values().all(HashSet::is_empty)
            && self.importers.values().all(HashSet::is_empty)
    }

    /// Where the file at `path`, whose text is `text`, stands.
    pub fn place(&self, path: &Path, text: &str) -> Place {
        Place {
            dir: dir_of(path),
            imports: self
                .importers
                .keys()
                .filter(|package| imports(text, package))
                .cloned()
                .collect(),
        }
    }

    /// The names wanted in a file at `place`.
    pub fn at(&self, place: &Place) -> HashSet<String> {
        let mut names = self.everywhere.clone();
        names.extend(self.within.get(&place.dir).into_iter().flatten().cloned());
        for package in &place.imports {
            names.extend(self.importers.get(package).into_iter().flatten().cloned());
        }
        names
    }

    /// True when `name` is wanted in a file at `place`.
    pub fn wants(&self, place: &Place, name: &str) -> bool {
        self.everywhere.contains(name)
            || self
                .within
                .get(&place.dir)
                .is_some_and(|w| w.contains(name))
            || place
                .imports
                .iter()
                .any(|p| self.importers.get(p).is_some_and(|w| w.contains(name)))
    }

    /// Every name, wherever it is wanted, each once.
    fn all(&self) -> HashSet<&str> {
        self.everywhere
            .iter()
            .chain(self.within.values().flatten())
            .chain(self.importers.values().flatten())
            .map(String::as_str)
            .collect()
    }

    /// What `self` wants that `before` did not, file by file.
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
            let mine = self.within.entry(dir.clone()).or_default();
            mine.extend(names.iter().cloned());
        }
        for (package, names) in &other.importers {
            let mine = self.importers.entry(package.clone()).or_default();
            mine.extend(names.iter().cloned());
        }
    }
}

/// True when `text` imports the package at import path `package` (its
/// quoted path appears, as in any import declaration).
fn imports(text: &str, package: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memmem::find_iter(bytes, package.as_bytes())
        .any(|at| at > 0 && bytes[at - 1] == b'"' && bytes.get(at + package.len()) == Some(&b'"'))
}

/// True when some key of `now` holds a name the same key of `before` does
/// not.
fn grew<K: std::hash::Hash + Eq>(
    now: &HashMap<K, HashSet<String>>,
    before: &HashMap<K, HashSet<String>>,
) -> bool {
    now.iter().any(|(key, names)| {
        names
            .iter()
            .any(|n| !before.get(key).is_some_and(|b| b.contains(n)))
    })
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
    /// Where the file at `path` stands (see [`WantedNames::place`]).
    pub fn place(&self, path: &Path, text: &str) -> Place {
        self.now.place(path, text)
    }

    /// The names a file at `place` must now be searched for.
    pub fn at(&self, place: &Place) -> HashSet<String> {
        self.now
            .at(place)
            .into_iter()
            .filter(|n| !self.before.wants(place, n))
            .collect()
    }

    /// True when a file at `place` must now be searched for `name`.
    pub fn wants(&self, place: &Place, name: &str) -> bool {
        self.now.wants(place, name) && !self.before.wants(place, name)
    }

    /// Every name that may be new somewhere, each once, sorted: the words
    /// to look for before asking [`NewNames::wants`] of each file.
    pub fn all(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self
            .now
            .all()
            .into_iter()
            .filter(|n| !self.before.everywhere.contains(*n))
            .collect();
        names.sort_unstable();
        names
    }

    /// True when nothing is new anywhere.
    pub fn is_empty(&self) -> bool {
        self.now.everywhere.is_subset(&self.before.everywhere)
            && !grew(&self.now.within, &self.before.within)
            && !grew(&self.now.importers, &self.before.importers)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(set: HashSet<String>) -> Vec<String> {
        let mut v: Vec<String> = set.into_iter().collect();
        v.sort();
        v
    }

    #[test]
    fn each_name_is_wanted_where_go_lets_code_use_it() {
        let mut before = WantedNames::default();
        before.member("Load", Path::new("/m/a/a.go"));
        before.member("ctx", Path::new("/m/a/a.go"));
        let mut now = before.clone();
        now.member("Save", Path::new("/m/a/a.go"));
        now.member("ctx", Path::new("/m/b/b.go"));
        now.package_level("Open", Path::new("/m/a/a.go"), "example.com/m/a");
        now.package_level("open", Path::new("/m/a/a.go"), "example.com/m/a");
        let importer = "package c\n\nimport \"example.com/m/a\"\n";
        let (a, b) = (
            now.place(Path::new("/m/a/x.go"), ""),
            now.place(Path::new("/m/b/x.go"), ""),
        );
        let c = now.place(Path::new("/m/c/x.go"), importer);
        let d = now.place(Path::new("/m/d/x.go"), "package d // example.com/m/a\n");
        assert_eq!(sorted(now.at(&a)), ["Load", "Open", "Save", "ctx", "open"]);
        assert_eq!(sorted(now.at(&c)), ["Load", "Open", "Save"]);
        assert_eq!(
            sorted(now.at(&d)),
            ["Load", "Save"],
            "not imported, only named"
        );
        let new = now.since(&before);
        assert!(!new.is_empty());
        assert_eq!(sorted(new.at(&a)), ["Open", "Save", "open"]);
        assert_eq!(sorted(new.at(&b)), ["Save", "ctx"]);
        assert!(new.wants(&b, "ctx") && !new.wants(&a, "ctx") && !new.wants(&c, "open"));
        assert_eq!(new.all(), ["Open", "Save", "ctx", "open"]);
        assert!(now.since(&now).is_empty());
        let mut everywhere = now.clone();
        everywhere.everywhere("ctx");
        let new = everywhere.since(&now);
        assert!(new.at(&a).is_empty());
        assert_eq!(sorted(new.at(&c)), ["ctx"]);
    }
}
