//! A file's imports, and the edits that add or remove one in gofmt style.

use crate::go::edit::Edit;
use crate::go::parents::Up;
use crate::go::syntax::{line_start, named_children, next_line_start, text};
use tree_sitter::Node;

/// One import spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportSpec {
    /// The explicit name (`f`, `_` or `.`), if any.
    pub name: Option<String>,
    /// The import path, unquoted.
    pub path: String,
}

/// The imports of one file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileImports {
    /// Every import spec, in order.
    pub specs: Vec<ImportSpec>,
}

impl FileImports {
    /// Reads the imports from a parsed file.
    pub fn from_tree(root: Node<'_>, src: &str) -> FileImports {
        let specs = import_specs(root)
            .into_iter()
            .map(|s| spec_of(s, src))
            .collect();
        FileImports { specs }
    }

    /// The name the file refers to the package at `path` by, if it imports
    /// it under a usable name (not `_` or `.`).
    pub fn local_name<'a>(&'a self, path: &str) -> Option<&'a str> {
        let spec = self.specs.iter().find(|s| s.path == path)?;
        match spec.name.as_deref() {
            Some("_") | Some(".") => None,
            Some(name) => Some(name),
            None => Some(default_name(&spec.path)),
        }
    }

    /// The import path the file refers to by `name`, if any.
    pub fn path_of(&self, name: &str) -> Option<&str> {
        self.specs
            .iter()
            .find(|s| match s.name.as_deref() {
                Some(n) => n == name,
                None => default_name(&s.path) == name,
            })
            .map(|s| s.path.as_str())
    }

    /// True when `path` is imported in any form.
    pub fn contains(&self, path: &str) -> bool {
        self.specs.iter().any(|s| s.path == path)
    }

    /// The paths imported with `.`, whose exported names the file uses
    /// unqualified.
    pub fn dot_imports(&self) -> impl Iterator<Item = &str> {
        self.specs
            .iter()
            .filter(|s| s.name.as_deref() == Some("."))
            .map(|s| s.path.as_str())
    }
}

/// The package name Go code conventionally uses for an import path: the
/// last element, skipping a `/vN` major-version suffix and a `.vN` gopkg.in
/// suffix.
pub fn default_name(path: &str) -> &str {
    let mut parts = path.rsplit('/');
    let mut last = parts.next().unwrap_or(path);
    if is_major_version(last) {
        last = parts.next().unwrap_or(last);
    }
    match last.rfind(".v") {
        Some(i) if is_major_version(&last[i + 1..]) => &last[..i],
        _ => last,
    }
}

fn is_major_version(s: &str) -> bool {
    s.len() > 1 && s.starts_with('v') && s[1..].bytes().all(|b| b.is_ascii_digit())
}

fn spec_of(spec: Node<'_>, src: &str) -> ImportSpec {
    let name = spec
        .child_by_field_name("name")
        .map(|n| text(n, src).to_string());
    let path = spec
        .child_by_field_name("path")
        .map(|p| text(p, src).trim_matches(['"', '`']).to_string())
        .unwrap_or_default();
    ImportSpec { name, path }
}

fn import_declarations(root: Node<'_>) -> Vec<Node<'_>> {
    named_children(root)
        .into_iter()
        .filter(|n| n.kind() == "import_declaration")
        .collect()
}

fn import_specs(root: Node<'_>) -> Vec<Node<'_>> {
    let mut specs = Vec::new();
    for decl in import_declarations(root) {
        for child in named_children(decl) {
            match child.kind() {
                "import_spec" => specs.push(child),
                "import_spec_list" => specs.extend(
                    named_children(child)
                        .into_iter()
                        .filter(|s| s.kind() == "import_spec"),
                ),
                _ => {}
            }
        }
    }
    specs
}

/// Standard-library paths have no dot in their first element.
fn is_std(path: &str) -> bool {
    !path.split('/').next().unwrap_or("").contains('.')
}

/// The edit that imports `path`, keeping gofmt's layout: into the
/// standard-library group of the first parenthesised import in sorted
/// position, by turning a single `import "x"` into a block, or as a new
/// declaration after the package clause.
pub fn add_import(src: &str, root: Node<'_>, path: &str) -> Edit {
    add_import_as(src, root, path, None)
}

/// The edit that imports `path` under `name` (`name "path"`) when given,
/// else under its own name, placed as [`add_import`] places it.
pub fn add_import_as(src: &str, root: Node<'_>, path: &str, name: Option<&str>) -> Edit {
    let line = match name {
        Some(name) => format!("{name} \"{path}\""),
        None => format!("\"{path}\""),
    };
    let decls = import_declarations(root);
    if let Some(list) = decls.iter().find_map(|d| {
        named_children(*d)
            .into_iter()
            .find(|c| c.kind() == "import_spec_list")
    }) {
        return add_to_block(src, list, path, &line);
    }
    if let Some(decl) = decls.first() {
        if let Some(spec) = named_children(*decl)
            .into_iter()
            .find(|c| c.kind() == "import_spec")
        {
            let existing = text(spec, src);
            let existing_path = spec_of(spec, src).path;
            let mut lines = [(existing_path.as_str(), existing), (path, line.as_str())];
            lines.sort_by_key(|(p, _)| (!is_std(p), *p));
            let (first, second) = (lines[0], lines[1]);
            let gap = if is_std(first.0) != is_std(second.0) {
                "\n"
            } else {
                ""
            };
            return Edit::replace(
                decl.byte_range(),
                format!("import (\n\t{}\n{gap}\t{}\n)", first.1, second.1),
            );
        }
    }
    let package = named_children(root)
        .into_iter()
        .find(|n| n.kind() == "package_clause");
    let at = package.map_or(0, |p| next_line_start(src, p.end_byte()));
    let lead = if at > 0 && !src[..at].ends_with('\n') {
        "\n\n"
    } else {
        "\n"
    };
    Edit::insert(at, format!("{lead}import {line}\n"))
}

fn add_to_block(src: &str, list: Node<'_>, path: &str, line: &str) -> Edit {
    let specs: Vec<Node<'_>> = named_children(list)
        .into_iter()
        .filter(|s| s.kind() == "import_spec")
        .collect();
    if specs.is_empty() {
        let close = list.end_byte() - 1;
        return Edit::insert(line_start(src, close), format!("\t{line}\n"));
    }
    // Groups are runs of specs without a blank line between them.
    let mut groups: Vec<Vec<Node<'_>>> = vec![vec![specs[0]]];
    for pair in specs.windows(2) {
        let gap = &src[pair[0].end_byte()..pair[1].start_byte()];
        if gap.matches('\n').count() > 1 {
            groups.push(Vec::new());
        }
        groups.last_mut().expect("a group").push(pair[1]);
    }
    let std = is_std(path);
    let group = groups
        .iter()
        .find(|g| g.iter().all(|s| is_std(&spec_of(*s, src).path) == std));
    let indent = crate::go::syntax::line_indent(src, specs[0].start_byte()).to_string();
    match group {
        Some(group) => {
            let before = group
                .iter()
                .find(|s| spec_of(**s, src).path.as_str() > path);
            match before {
                Some(s) => {
                    Edit::insert(line_start(src, s.start_byte()), format!("{indent}{line}\n"))
                }
                None => {
                    let last = group.last().expect("groups are not empty");
                    Edit::insert(
                        next_line_start(src, last.end_byte()),
                        format!("{indent}{line}\n"),
                    )
                }
            }
        }
        None if std => Edit::insert(
            line_start(src, specs[0].start_byte()),
            format!("{indent}{line}\n\n"),
        ),
        None => {
            let last = specs.last().expect("specs are not empty");
            Edit::insert(
                next_line_start(src, last.end_byte()),
                format!("\n{indent}{line}\n"),
            )
        }
    }
}

/// True when `name` is referred to anywhere outside the import declarations.
pub fn is_name_used(src: &str, root: Node<'_>, name: &str) -> bool {
    named_children(root)
        .into_iter()
        .filter(|n| n.kind() != "import_declaration")
        .any(|n| crate::go::syntax::mentions_identifier(n, src, name))
}

/// The edit that removes the import of `path` (its whole line, and the whole
/// declaration when it was the only spec), keeping at most one blank line
/// where it was.
pub fn remove_import(src: &str, root: Node<'_>, path: &str) -> Option<Edit> {
    let spec = import_specs(root)
        .into_iter()
        .find(|s| spec_of(*s, src).path == path)?;
    let parent = spec.up()?;
    let siblings = if parent.kind() == "import_spec_list" {
        named_children(parent)
            .into_iter()
            .filter(|s| s.kind() == "import_spec")
            .count()
    } else {
        1
    };
    let target = if siblings > 1 {
        spec
    } else if parent.kind() == "import_spec_list" {
        parent.up()?
    } else {
        parent
    };
    let mut start = line_start(src, target.start_byte());
    let mut end = next_line_start(src, target.end_byte());
    let blank_before = start >= 2 && src[..start - 1].ends_with('\n');
    let rest = &src[end..];
    let blank_after = rest.starts_with('\n');
    let closes_after = rest.trim_start_matches([' ', '\t']).starts_with(')');
    let opens_before = src[..start].trim_end().ends_with('(');
    if siblings == 1 {
        if blank_after {
            end += 1;
        }
    } else if blank_before && (blank_after || closes_after) {
        start -= 1;
    } else if opens_before && blank_after {
        end += 1;
    }
    Some(Edit::delete(start..end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::go::edit::apply_edits;
    use crate::go::syntax::parse;

    fn add(src: &str, path: &str) -> String {
        let tree = parse(src);
        apply_edits(src, &[&add_import(src, tree.root_node(), path)])
    }

    fn remove(src: &str, path: &str) -> String {
        let tree = parse(src);
        let edit = remove_import(src, tree.root_node(), path).expect("imported");
        apply_edits(src, &[&edit])
    }

    #[test]
    fn names() {
        assert_eq!(default_name("github.com/gin-gonic/gin"), "gin");
        assert_eq!(default_name("gopkg.in/yaml.v3"), "yaml");
        assert_eq!(default_name("github.com/x/y/v2"), "y");
        assert_eq!(default_name("context"), "context");
        let tree = parse("package a\nimport (\n\tstdctx \"context\"\n\t_ \"embed\"\n)\n");
        let src = "package a\nimport (\n\tstdctx \"context\"\n\t_ \"embed\"\n)\n";
        let imports = FileImports::from_tree(tree.root_node(), src);
        assert_eq!(imports.local_name("context"), Some("stdctx"));
        assert_eq!(imports.local_name("embed"), None);
        assert_eq!(imports.path_of("stdctx"), Some("context"));
    }

    #[test]
    fn adds_into_sorted_std_group() {
        let src = "package a\n\nimport (\n\t\"errors\"\n\t\"os\"\n\n\t\"example.com/x\"\n)\n";
        assert_eq!(
            add(src, "fmt"),
            "package a\n\nimport (\n\t\"errors\"\n\t\"fmt\"\n\t\"os\"\n\n\t\"example.com/x\"\n)\n"
        );
        assert_eq!(
            add(src, "time"),
            "package a\n\nimport (\n\t\"errors\"\n\t\"os\"\n\t\"time\"\n\n\t\"example.com/x\"\n)\n"
        );
    }

    #[test]
    fn adds_under_a_name() {
        let add_as = |src: &str| {
            let tree = parse(src);
            let edit = add_import_as(src, tree.root_node(), "example.com/app/ginx", Some("ginx2"));
            apply_edits(src, &[&edit])
        };
        assert_eq!(
            add_as("package a\n\nimport (\n\t\"context\"\n\n\t\"example.com/app/a\"\n\tginx \"example.com/lib/ginx\"\n)\n"),
            "package a\n\nimport (\n\t\"context\"\n\n\t\"example.com/app/a\"\n\tginx2 \"example.com/app/ginx\"\n\tginx \"example.com/lib/ginx\"\n)\n"
        );
        assert_eq!(
            add_as("package a\n\nimport ginx \"example.com/lib/ginx\"\n"),
            "package a\n\nimport (\n\tginx2 \"example.com/app/ginx\"\n\tginx \"example.com/lib/ginx\"\n)\n"
        );
        assert_eq!(
            add_as("package a\n"),
            "package a\n\nimport ginx2 \"example.com/app/ginx\"\n"
        );
    }

    #[test]
    fn adds_std_group_before_third_party() {
        let src = "package a\n\nimport (\n\t\"example.com/x\"\n)\n";
        assert_eq!(
            add(src, "context"),
            "package a\n\nimport (\n\t\"context\"\n\n\t\"example.com/x\"\n)\n"
        );
    }

    #[test]
    fn turns_single_import_into_block() {
        assert_eq!(
            add("package a\n\nimport \"errors\"\n", "fmt"),
            "package a\n\nimport (\n\t\"errors\"\n\t\"fmt\"\n)\n"
        );
        assert_eq!(
            add("package a\n\nimport \"example.com/x\"\n", "context"),
            "package a\n\nimport (\n\t\"context\"\n\n\t\"example.com/x\"\n)\n"
        );
    }

    #[test]
    fn adds_first_import() {
        assert_eq!(
            add("package a\n\nfunc f() {}\n", "context"),
            "package a\n\nimport \"context\"\n\nfunc f() {}\n"
        );
    }

    #[test]
    fn removes_spec_and_declaration() {
        assert_eq!(
            remove(
                "package a\n\nimport (\n\t\"errors\"\n\t\"fmt\"\n)\n",
                "errors"
            ),
            "package a\n\nimport (\n\t\"fmt\"\n)\n"
        );
        assert_eq!(
            remove("package a\n\nimport \"errors\"\n\nfunc f() {}\n", "errors"),
            "package a\n\nfunc f() {}\n"
        );
        assert_eq!(
            remove(
                "package a\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/x\"\n)\n",
                "example.com/x"
            ),
            "package a\n\nimport (\n\t\"fmt\"\n)\n"
        );
    }

    #[test]
    fn usage() {
        let src = "package a\n\nimport \"errors\"\n\nvar e = errors.New(\"x\")\n";
        let tree = parse(src);
        assert!(is_name_used(src, tree.root_node(), "errors"));
        assert!(!is_name_used(src, tree.root_node(), "fmt"));
    }
}
