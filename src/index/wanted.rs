//! The names whose uses (calls, references, field uses) the rules want the
//! engine to collect, and where Go lets code use them: an exported method
//! or field anywhere; an exported function or type in its own package and
//! in the files that import that package; an unexported name in its own
//! package only. Each name also carries the ways a use must look for the
//! rules to care ([`Uses`]), so that the engine reads only the files that
//! may use it so.

use crate::go::tokens::Uses;
use crate::index::ids::FuncId;
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
    /// How each name's uses must look, wherever it is wanted.
    uses: HashMap<String, Uses>,
}

/// Where a file stands for [`WantedNames`]: its package directory, and the
/// wanted packages it imports.
#[derive(Debug)]
pub struct Place {
    dir: PathBuf,
    imports: Vec<String>,
}

impl WantedNames {
    /// Wants `name`, used in one of the ways of `uses`, in every file.
    fn everywhere(&mut self, name: &str, uses: Uses) {
        self.everywhere.insert(name.to_string());
        self.add_uses(name, uses);
    }

    /// Wants `name`, used in one of the ways of `uses`, in the files of
    /// directory `dir` only.
    fn within(&mut self, dir: &Path, name: &str, uses: Uses) {
        self.within
            .entry(crate::go::gomod::absolute(dir))
            .or_default()
            .insert(name.to_string());
        self.add_uses(name, uses);
    }

    /// Adds `uses` to the ways `name` is wanted.
    fn add_uses(&mut self, name: &str, uses: Uses) {
        let all = self.uses.entry(name.to_string()).or_default();
        *all = all.union(uses);
    }

    /// Wants the uses of a method or field `name` declared in the file at
    /// `path`: everywhere when exported (a value of the type can be
    /// anywhere), else in its own package only.
    fn member(&mut self, name: &str, path: &Path, uses: Uses) {
        if crate::go::syntax::is_exported(name) {
            self.everywhere(name, uses);
        } else {
            self.within(path.parent().unwrap_or(Path::new(".")), name, uses);
        }
    }

    /// Wants the uses of a package-level function or type `name` of the
    /// package with import path `package`, declared in the file at `path`:
    /// in its own package, and when exported in the files that import it
    /// (other packages can only name it through the import).
    fn package_level(&mut self, name: &str, path: &Path, package: &str, uses: Uses) {
        self.within(path.parent().unwrap_or(Path::new(".")), name, uses);
        // An external test package (`_test`) or a directory outside any
        // module cannot be imported.
        if crate::go::syntax::is_exported(name)
            && !package.ends_with("_test")
            && !package.starts_with("dir:")
        {
            self.importers
                .entry(package.to_string())
                .or_default()
                .insert(name.to_string());
        }
    }

    /// Wants the calls of and references to the function or method `id`,
    /// declared in the file at `path` when ctxmod read it (else
    /// everywhere).
    /// Also the files that declare a namesake: for a method, a method of
    /// another type may implement the same interface; for a function,
    /// another file of its package may declare it for other build
    /// constraints ([`WantedNames::uses_in`]).
    pub fn function(&mut self, id: &FuncId, path: Option<&Path>) {
        let uses = match id.receiver {
            Some(_) => Uses::FUNCTION.union(Uses::METHOD_DECLARATION),
            None => Uses::FUNCTION.union(Uses::FUNCTION_DECLARATION),
        };
        match (path, &id.receiver) {
            (None, _) => self.everywhere(&id.name, uses),
            (Some(path), Some(_)) => self.member(&id.name, path, uses),
            (Some(path), None) => self.package_level(&id.name, path, &id.package, uses),
        }
    }

    /// Wants the reads and writes of the struct field `name` declared in
    /// the file at `path`.
    pub fn field(&mut self, name: &str, path: &Path) {
        self.member(name, path, Uses::FIELD);
    }

    /// Wants the composite literals of the type `name` of the package with
    /// import path `package`, declared in the file at `path`.
    pub fn literal_type(&mut self, name: &str, path: &Path, package: &str) {
        self.package_level(name, path, package, Uses::LITERAL_TYPE);
    }

    /// The ways a use of `name` must look for some rule to want it.
    pub fn uses_of(&self, name: &str) -> Uses {
        self.uses.get(name).copied().unwrap_or(Uses::NONE)
    }

    /// What [`WantedNames::uses_of`] gives for a name, `uses`, comes to in
    /// a file of the directory `dir`: a function's declaration matters only
    /// in the directory of its package.
    pub fn uses_in<'a>(&'a self, dir: &Path) -> impl Fn(&str, Uses) -> Uses + 'a {
        let own = self.within.get(dir);
        move |name, uses| {
            let declared = Uses::FUNCTION_DECLARATION;
            match uses.intersects(declared) && !own.is_some_and(|w| w.contains(name)) {
                true => uses.without(declared),
                false => uses,
            }
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

    /// The names wanted somewhere, or in some way, that `before` did not
    /// want so, sorted: each file not yet searched for one of them may
    /// have to be.
    pub fn grown_since<'a>(&'a self, before: &'a WantedNames) -> Vec<&'a str> {
        let mut names: Vec<&str> = self
            .all()
            .into_iter()
            .filter(|name| !before.uses_of(name).contains(self.uses_of(name)))
            .collect();
        names.extend(
            self.everywhere
                .difference(&before.everywhere)
                .map(String::as_str),
        );
        names.extend(grown(&self.within, &before.within));
        names.extend(grown(&self.importers, &before.importers));
        names.sort_unstable();
        names.dedup();
        names
    }

    /// True when `other` wants nothing `self` does not.
    pub fn covers(&self, other: &WantedNames) -> bool {
        other.grown_since(self).is_empty()
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
        for (name, uses) in &other.uses {
            self.add_uses(name, *uses);
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

/// The names some key of `now` holds that the same key of `before` does
/// not.
fn grown<'a, K: std::hash::Hash + Eq>(
    now: &'a HashMap<K, HashSet<String>>,
    before: &'a HashMap<K, HashSet<String>>,
) -> impl Iterator<Item = &'a str> {
    now.iter().flat_map(move |(key, names)| {
        let before = before.get(key);
        names
            .iter()
            .filter(move |n| !before.is_some_and(|b| b.contains(*n)))
            .map(String::as_str)
    })
}

/// The absolute directory of the file at `path`: its package's.
pub fn dir_of(path: &Path) -> PathBuf {
    crate::go::gomod::absolute(path.parent().unwrap_or(Path::new(".")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(set: HashSet<String>) -> Vec<String> {
        let mut v: Vec<String> = set.into_iter().collect();
        v.sort();
        v
    }

    fn method(name: &str) -> FuncId {
        FuncId {
            package: "example.com/m/a".into(),
            receiver: Some("T".into()),
            name: name.into(),
        }
    }

    fn function(name: &str) -> FuncId {
        FuncId {
            receiver: None,
            ..method(name)
        }
    }

    #[test]
    fn each_name_is_wanted_where_go_lets_code_use_it() {
        let a_go = Some(Path::new("/m/a/a.go"));
        let mut before = WantedNames::default();
        before.function(&method("Load"), a_go);
        before.field("ctx", Path::new("/m/a/a.go"));
        let mut now = before.clone();
        now.function(&method("Save"), a_go);
        now.field("ctx", Path::new("/m/b/b.go"));
        now.function(&function("Open"), a_go);
        now.function(&function("open"), a_go);
        now.literal_type("Server", Path::new("/m/a/a.go"), "example.com/m/a");
        let importer = "package c\n\nimport \"example.com/m/a\"\n";
        let (a, b) = (
            now.place(Path::new("/m/a/x.go"), ""),
            now.place(Path::new("/m/b/x.go"), ""),
        );
        let c = now.place(Path::new("/m/c/x.go"), importer);
        let d = now.place(Path::new("/m/d/x.go"), "package d // example.com/m/a\n");
        assert_eq!(
            sorted(now.at(&a)),
            ["Load", "Open", "Save", "Server", "ctx", "open"]
        );
        assert_eq!(sorted(now.at(&c)), ["Load", "Open", "Save", "Server"]);
        assert_eq!(
            sorted(now.at(&d)),
            ["Load", "Save"],
            "not imported, only named"
        );
        assert!(now.wants(&b, "ctx") && !now.wants(&c, "ctx") && !now.wants(&c, "open"));
        assert_eq!(now.uses_of("ctx"), Uses::FIELD);
        // A function is also looked for where its package may declare it
        // again, for other build constraints: in its own directory only.
        let declared = Uses::FUNCTION.union(Uses::FUNCTION_DECLARATION);
        assert_eq!(now.uses_of("Open"), declared);
        let uses = now.uses_of("Open");
        assert_eq!(now.uses_in(Path::new("/m/a"))("Open", uses), declared);
        assert_eq!(now.uses_in(Path::new("/m/c"))("Open", uses), Uses::FUNCTION);
        assert_eq!(now.uses_of("Server"), Uses::LITERAL_TYPE);
        assert_eq!(now.uses_of("Missing"), Uses::NONE);
        // `ctx` is wanted in a new package, the others for the first time.
        assert_eq!(
            now.grown_since(&before),
            ["Open", "Save", "Server", "ctx", "open"]
        );
        assert!(now.grown_since(&now).is_empty());
        // Wanted in a new way is wanted anew.
        let mut more = now.clone();
        more.function(&method("ctx"), a_go);
        assert_eq!(more.grown_since(&now), ["ctx"]);
        // A method is also looked for where a namesake is declared.
        assert_eq!(
            more.uses_of("ctx"),
            Uses::FIELD
                .union(Uses::FUNCTION)
                .union(Uses::METHOD_DECLARATION)
        );
    }
}
