//! The fixes findings carry: the edit model every rule shares.

pub use crate::go::edit::{apply_edits, Edit};
use crate::go::file_cx::FileCx;
use crate::go::scope::ContextUse;
use crate::index::ids::FuncId;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// How far a fix can be trusted, ordered from least to most applicable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Applicability {
    /// Reported with a suggestion, never applied.
    DisplayOnly,
    /// Changes signatures or APIs, or picks a value the code did not have:
    /// applied only with `--unsafe`.
    Unsafe,
    /// Mechanical; cannot break the build; behaviour moves only the way the
    /// rule intends. Applied by default.
    Safe,
}

impl Applicability {
    /// The name used in output and configuration.
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::DisplayOnly => "display-only",
            Applicability::Unsafe => "unsafe",
            Applicability::Safe => "safe",
        }
    }
}

/// What a fix does to one file: disjoint edits, and the imports they need
/// or may have left unused.
#[derive(Debug, Clone, Default)]
pub struct FileChange {
    /// Disjoint edits to the file's text.
    pub edits: Vec<Edit>,
    /// Import paths the edited code uses (added when missing).
    pub add_imports: Vec<&'static str>,
    /// The name an import path of `add_imports` is added under, when it is
    /// not its package's own (that name is taken in the file).
    pub import_names: Vec<(&'static str, String)>,
    /// Import paths the edits may have left unused (removed when they are).
    pub drop_imports_if_unused: Vec<&'static str>,
    /// Names the change declares, each with the byte range of the scope it
    /// checked them free in: two changes declaring the same name in
    /// overlapping scopes cannot share a pass.
    pub declares: Vec<(Range<usize>, String)>,
}

impl FileChange {
    /// A change made of `edits`.
    pub fn new(edits: Vec<Edit>) -> FileChange {
        FileChange {
            edits,
            ..FileChange::default()
        }
    }

    /// True when any edit of `self` conflicts with any edit of `other`, or
    /// both declare the same name in overlapping scopes.
    pub fn conflicts_with(&self, other: &FileChange) -> bool {
        let edits = self
            .edits
            .iter()
            .any(|a| other.edits.iter().any(|b| a.conflicts_with(b)));
        let names = self.declares.iter().any(|(scope, name)| {
            other
                .declares
                .iter()
                .any(|(s, n)| n == name && scope.start < s.end && s.start < scope.end)
        });
        edits || names
    }
}

/// A set of changes applied whole or not at all: to the finding's own file
/// and, for a fix such as a signature change plus its callers, to others.
#[derive(Debug, Clone)]
pub struct Fix {
    /// Whether the fix is applied by default, only with `--unsafe`, or never.
    pub applicability: Applicability,
    /// A one-line description of the change, shown as the hint.
    pub title: String,
    /// The change to the finding's own file.
    pub change: FileChange,
    /// Changes to other files, by path.
    pub elsewhere: Vec<(PathBuf, FileChange)>,
    /// The exported functions and methods whose signatures it changes
    /// (`package.Name`): code in other modules that calls them breaks, so
    /// reports list them first.
    pub exported: Vec<String>,
}

impl Fix {
    /// A fix that writes the context of `usage` over `range`, with the declaration
    /// before the `go` statement and the `context` import when needed; `None`
    /// when it needs `context.WithoutCancel` and the module's Go is older
    /// than 1.21.
    pub fn using_context(
        usage: &ContextUse,
        cx: &FileCx<'_>,
        applicability: Applicability,
        range: std::ops::Range<usize>,
    ) -> Option<Fix> {
        if usage.detaches() && !cx.go_at_least(1, 21) {
            return None;
        }
        let mut edits = vec![Edit::replace(range, usage.expr.clone())];
        if let Some((decl, _, _)) = &usage.before_go {
            edits.push(decl.clone());
        }
        let mut fix = Fix::new(applicability, format!("use `{}`", usage.expr), edits);
        if let Some((_, scope, name)) = &usage.before_go {
            fix = fix.declaring(scope.clone(), name.clone());
        }
        if usage.needs_context_import {
            fix = fix.with_import("context");
        }
        Some(fix)
    }

    /// A fix of the given applicability made of `edits` to the finding's
    /// own file.
    pub fn new(applicability: Applicability, title: impl Into<String>, edits: Vec<Edit>) -> Fix {
        Fix {
            applicability,
            title: title.into(),
            change: FileChange::new(edits),
            elsewhere: Vec::new(),
            exported: Vec::new(),
        }
    }

    /// The same fix, recording that it changes the signatures of the
    /// exported functions `ids` declared in `path` (the others are left out).
    pub fn changing_signatures<'a>(
        mut self,
        ids: impl IntoIterator<Item = (&'a FuncId, &'a Path)>,
    ) -> Fix {
        for (id, path) in ids {
            if id.is_public(path) {
                self.exported.push(id.qualified());
            }
        }
        self.exported.sort();
        self.exported.dedup();
        self
    }

    /// The same fix, recording that it declares `name` in `scope`.
    pub fn declaring(mut self, scope: Range<usize>, name: impl Into<String>) -> Fix {
        self.change.declares.push((scope, name.into()));
        self
    }

    /// The same fix, also making sure `path` is imported.
    pub fn with_import(mut self, path: &'static str) -> Fix {
        if !self.change.add_imports.contains(&path) {
            self.change.add_imports.push(path);
        }
        self
    }

    /// The same fix, also making sure `path` is imported, under `name`
    /// when the fix adds the import.
    pub fn with_import_as(mut self, path: &'static str, name: String) -> Fix {
        self.change.import_names.push((path, name));
        self.with_import(path)
    }

    /// The same fix, also removing the import of `path` if it ends up unused.
    pub fn dropping_import(mut self, path: &'static str) -> Fix {
        self.change.drop_imports_if_unused.push(path);
        self
    }

    /// The same fix, also changing another file.
    pub fn also_in(mut self, path: PathBuf, change: FileChange) -> Fix {
        self.elsewhere.push((path, change));
        self
    }

    /// Every file the fix changes with its change, the finding's own file
    /// (`here`) first.
    pub fn changes<'a>(
        &'a self,
        here: &'a Path,
    ) -> impl Iterator<Item = (&'a Path, &'a FileChange)> {
        std::iter::once((here, &self.change))
            .chain(self.elsewhere.iter().map(|(p, c)| (p.as_path(), c)))
    }
}

/// What identifies a fix across passes, and across runs over the same
/// files that leave other fixes out: the file of its finding, its rule,
/// where the finding starts in the file as read, and its title.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FixId {
    /// The file of its finding.
    pub path: PathBuf,
    /// Its rule's id.
    pub rule: &'static str,
    /// The byte offset of its finding in the file as read (before any fix).
    pub origin: usize,
    /// Its title.
    pub title: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applicability_is_ordered() {
        assert!(Applicability::Safe > Applicability::Unsafe);
    }
}
