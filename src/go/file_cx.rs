//! What any analysis may read about one parsed Go file: its path, text,
//! tree, imports, module Go version and package.

use crate::go::gomod::GoVersion;
use crate::go::imports::FileImports;
use std::path::Path;
use tree_sitter::Node;

/// Everything a rule may read about the file being checked.
pub struct FileCx<'a> {
    /// The file's path.
    pub path: &'a Path,
    /// The text (LF line endings).
    pub src: &'a str,
    /// The root of the syntax tree.
    pub root: Node<'a>,
    /// The file's imports.
    pub imports: &'a FileImports,
    /// The `go` directive of the file's module, when there is a `go.mod`.
    pub go_version: Option<GoVersion>,
    /// The id of the file's package: its import path (with `_test` for an
    /// external test package), or `dir:<directory>` outside a module.
    pub package: &'a str,
    /// Caches of whole-function scans made while analysing the file.
    pub memo: crate::go::memo::Memo,
}

impl FileCx<'_> {
    /// The text of a node.
    pub fn text(&self, node: Node<'_>) -> &str {
        crate::go::syntax::text(node, self.src)
    }

    /// The name the file uses for the package at `path`, if it imports it.
    pub fn package_name(&self, path: &str) -> Option<&str> {
        self.imports.local_name(path)
    }

    /// The name generated code should use for `path`: the file's own name for
    /// it when imported, else the package's default name.
    pub fn package_name_or_default<'s>(&'s self, path: &'s str) -> &'s str {
        self.package_name(path)
            .unwrap_or_else(|| crate::go::imports::default_name(path))
    }

    /// The name code added to the file can use for `path`: the file's own
    /// name for it when imported, else its default name unless another
    /// import already uses that name (`code.gitea.io/gitea/services/context`
    /// takes `context`); `None` then.
    pub fn package_name_free<'s>(&'s self, path: &'s str) -> Option<&'s str> {
        match self.package_name(path) {
            Some(name) => Some(name),
            None => {
                let name = crate::go::imports::default_name(path);
                self.imports.path_of(name).is_none().then_some(name)
            }
        }
    }

    /// True when `call` is `pkg.F(...)` for the package at `path` and a name
    /// in `names`.
    pub fn is_call_to(&self, call: Node<'_>, path: &str, names: &[&str]) -> bool {
        match (
            crate::go::syntax::selector_call(call, self.src),
            self.package_name(path),
        ) {
            (Some((pkg, name)), Some(alias)) => pkg == alias && names.contains(&name),
            _ => false,
        }
    }

    /// True when the module's Go version is at least `major.minor`, or the
    /// version is unknown.
    pub fn go_at_least(&self, major: u32, minor: u32) -> bool {
        self.go_version
            .is_none_or(|v| v >= GoVersion { major, minor })
    }
}

/// Building a [`FileCx`] from Go source in unit tests.
#[cfg(test)]
pub(crate) mod testing {
    use super::FileCx;
    use crate::go::gomod::GoVersion;
    use crate::go::imports::FileImports;

    /// Parses `src` as the file `path` of package `package` (module Go
    /// version `go`, if any) and runs `f` on it.
    pub(crate) fn with_file<T>(
        path: &str,
        src: &str,
        package: &str,
        go: Option<GoVersion>,
        f: impl FnOnce(&FileCx<'_>) -> T,
    ) -> T {
        with_tree(path, src, &crate::go::syntax::parse(src), package, go, f)
    }

    /// [`with_file`] with `src` parsed already, whole or in part.
    pub(crate) fn with_tree<T>(
        path: &str,
        src: &str,
        tree: &tree_sitter::Tree,
        package: &str,
        go: Option<GoVersion>,
        f: impl FnOnce(&FileCx<'_>) -> T,
    ) -> T {
        let imports = FileImports::from_tree(tree.root_node(), src);
        let cx = FileCx {
            path: std::path::Path::new(path),
            src,
            root: tree.root_node(),
            imports: &imports,
            go_version: go,
            package,
            memo: Default::default(),
        };
        f(&cx)
    }
}
