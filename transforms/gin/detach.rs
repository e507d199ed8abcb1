//! The `detachContext` helper the gin rules write: a shared one
//! (`--detach-helper`), the package's own, or a new file declaring one, and
//! the fix that detaches a context at a detach site with it.

use super::copy_detach::GinCopyDetachOptions;
use crate::go::gomod::is_test_file;
use crate::go::scope::fresh_name_among;
use crate::index::facts::context_values::package_declares;
use crate::index::facts::gin_detach::{declared_helper, DetachSite, HELPER_NAME};
use crate::index::workspace::Workspace;
use crate::lint::finding::Finding;
use crate::lint::fix::{Applicability, Edit, FileChange, Fix};
use crate::lint::rule::Settings;

/// The file a new helper goes in, in the package's directory, and the one
/// for a helper only tests use.
pub const HELPER_FILES: [&str; 2] = ["detach_context.go", "detach_context_test.go"];

/// A detach helper shared by every package (`--detach-helper
/// import/path.Func`), called instead of adding one to each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SharedHelper {
    /// The import path of its package.
    pub path: &'static str,
    /// The function's name.
    pub name: &'static str,
}

impl SharedHelper {
    /// Reads `import/path.Func`. The strings live for the whole run (fixes
    /// name the imports they add as `&'static str`), so they are leaked once.
    pub fn parse(spec: &str) -> Result<SharedHelper, String> {
        let (path, name) = spec
            .rsplit_once('.')
            .filter(|(path, name)| !path.is_empty() && !name.contains('/'))
            .ok_or_else(|| format!("`{spec}` is not `import/path.Func`"))?;
        let identifier = name
            .chars()
            .enumerate()
            .all(|(i, c)| c == '_' || c.is_alphabetic() || (i > 0 && c.is_ascii_digit()));
        if !identifier || !crate::go::syntax::is_exported(name) {
            return Err(format!(
                "`{name}` is not an exported function name: other packages could not call it"
            ));
        }
        if path.contains(char::is_whitespace) || path.contains('"') {
            return Err(format!("`{path}` is not an import path"));
        }
        Ok(SharedHelper {
            path: Box::leak(path.into()),
            name: Box::leak(name.into()),
        })
    }
}

/// An option's `import/path.Func`, checked as [`SharedHelper::parse`] does.
impl<'de> serde::Deserialize<'de> for SharedHelper {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<SharedHelper, D::Error> {
        let spec = String::deserialize(d)?;
        SharedHelper::parse(&spec).map_err(serde::de::Error::custom)
    }
}

/// `name` when it can hold a new helper: a `.go` file name, not a test
/// file, in the package's own directory.
pub fn check_helper_file(name: &str) -> Result<String, String> {
    if name.contains(['/', '\\']) || !name.ends_with(".go") || name.ends_with("_test.go") {
        return Err(format!(
            "`{name}` is not a file name ending in `.go` (the helper of tests gets `_test.go` added)"
        ));
    }
    Ok(name.to_string())
}

/// The source of a new file of package `package` declaring the helper
/// `name`.
pub fn helper_file(package: &str, name: &str) -> String {
    format!(
        "package {package}

import (
\t\"context\"

\t\"github.com/gin-gonic/gin\"
)

// {name} returns a copy of c that is safe to use after the handler
// returns: it keeps c's values but is not cancelled with the request.
func {name}(c *gin.Context) *gin.Context {{
\tcp := c.Copy()
\t// Copy shares c.Request, whose context is cancelled when the handler
\t// returns: clone the request onto a context that keeps its values only.
\tcp.Request = cp.Request.Clone(context.WithoutCancel(cp.Request.Context()))
\treturn cp
}}
"
    )
}

/// `finding` with the fix that detaches the context at `site` with the
/// shared helper of `settings`, else the package's own, adding the helper
/// (in the `helper_file` option, default `detach_context.go`) when the
/// package has none; without a fix, saying why, when a copy cannot stand in
/// for the context, and without one when the helper cannot be added (Go older than
/// 1.21, or the file's name taken).
pub fn detach_fix(
    workspace: &Workspace,
    settings: &Settings,
    site: &DetachSite,
    finding: Finding,
) -> Finding {
    if let Some(why) = &site.unfixable {
        let message = format!("{}; not fixed: {why}", finding.message);
        return Finding { message, ..finding };
    }
    let options = settings.options::<GinCopyDetachOptions>();
    if let Some(shared) = options.helper {
        let (function, alias) = shared_helper_call(workspace, site, shared);
        return finding.with_fix(replacement(site, &function, Some((shared, alias))));
    }
    let in_test = is_test_file(&site.path);
    let existing = declared_helper(workspace, &site.package, in_test);
    let name = existing.map(str::to_string).unwrap_or_else(|| {
        fresh_name_among(&[HELPER_NAME], |n| name_taken(workspace, site, n))
            .unwrap_or_else(|| HELPER_NAME.to_string())
    });
    let mut fix = replacement(site, &name, None);
    if existing.is_none() {
        let file_name = helper_file_name(&options, in_test);
        let file = crate::index::wanted::dir_of(&site.path).join(file_name);
        if file.exists() || !site.has_without_cancel {
            return finding;
        }
        let text = helper_file(&site.package_name, &name);
        fix = fix.also_in(file, FileChange::new(vec![Edit::insert(0, text)]));
    }
    finding.with_fix(fix)
}

/// True when `name` may be declared in the package of `site`: by a parsed
/// file, or by any word of the code of the package's directory, whose
/// files the run may not have parsed (a file without a rule's needle is
/// read, not parsed).
fn name_taken(workspace: &Workspace, site: &DetachSite, name: &str) -> bool {
    package_declares(workspace, &site.package, name)
        || crate::go::key_names::mentions_in_dir(&crate::index::wanted::dir_of(&site.path), name)
            > 0
}

/// The name of the file a new helper goes in.
fn helper_file_name(options: &GinCopyDetachOptions, in_test: bool) -> String {
    match (&options.helper_file, in_test) {
        (None, _) => HELPER_FILES[usize::from(in_test)].to_string(),
        (Some(name), false) => name.clone(),
        (Some(name), true) => format!("{}_test.go", name.trim_end_matches(".go")),
    }
}

/// How the file of `site` calls the shared helper: by its name in the
/// helper's own package, else qualified by the name the file imports its
/// package under, or will: its own name, or when that is taken in the file
/// the first free one of `ginx2`, `ginx3`, … (returned second, for the
/// import to be added under it).
fn shared_helper_call(
    workspace: &Workspace,
    site: &DetachSite,
    shared: SharedHelper,
) -> (String, Option<String>) {
    if site.package == shared.path {
        return (shared.name.to_string(), None);
    }
    if let Some(local) = site.imports.local_name(shared.path) {
        return (format!("{local}.{}", shared.name), None);
    }
    let package = crate::go::imports::default_name(shared.path);
    let taken = |name: &str| {
        site.imports.path_of(name).is_some()
            || site.names.iter().any(|n| n == name)
            || name_taken(workspace, site, name)
    };
    let name = fresh_name_among(&[package], taken).unwrap_or_else(|| package.to_string());
    let alias = (name != package).then(|| name.clone());
    (format!("{name}.{}", shared.name), alias)
}

/// The fix that writes `function(c)` at the site (declaring the local of a
/// function literal first), importing the shared helper's package (under
/// the alias, if any) when `function` is qualified.
fn replacement(
    site: &DetachSite,
    function: &str,
    shared: Option<(SharedHelper, Option<String>)>,
) -> Fix {
    let detached = format!("{function}({})", site.receiver);
    let mut edits = Vec::new();
    let replacement = match &site.declare {
        Some(d) => {
            edits.push(Edit::insert(
                d.at,
                format!("{}{} := {detached}\n", d.indent, d.name),
            ));
            d.name.clone()
        }
        None => detached.clone(),
    };
    edits.extend(
        site.replace
            .iter()
            .map(|r| Edit::replace(r.clone(), replacement.clone())),
    );
    let mut fix = Fix::new(Applicability::Safe, format!("use `{detached}`"), edits);
    if let Some(d) = &site.declare {
        fix = fix.declaring(d.scope.clone(), d.name.clone());
    }
    match shared.filter(|_| function.contains('.')) {
        Some((shared, Some(alias))) => fix = fix.with_import_as(shared.path, alias),
        Some((shared, None)) => fix = fix.with_import(shared.path),
        None => {}
    }
    fix
}
