//! ## What it does
//! Finds `c.Copy()` of a `*gin.Context` handed to a goroutine — as an
//! argument of the `go` call, or through a variable assigned from it and
//! then passed or captured by the function literal `go` starts — and
//! replaces it with `detachContext(c)`: a copy whose
//! request context keeps the request's values but is not cancelled when the
//! handler returns. The package's own helper is used when it has one (a
//! function taking and returning a `*gin.Context` that calls `Copy()` and
//! `context.WithoutCancel`), whatever its name; otherwise the helper is
//! added once per package, in a new file `detach_context.go`
//! (`detach_context_test.go` when only test files need it; another name
//! with `[gin-copy-detach] helper_file = "gin_detach.go"` in ctxmod.toml).
//! With `--detach-helper import/path.Func` (or `[gin-copy-detach] helper`)
//! every package calls that shared helper instead, `pkg.Func(c)`, and the
//! import is added (as `pkg2 "import/path"` in a file where `pkg` is
//! already another import or an identifier).
//!
//! ## Why
//! gin documents `Copy()` as the way to hand a context to a goroutine, but
//! the copy shares `c.Request`, and the request's context is cancelled the
//! moment the handler returns: background work fails with
//! "context canceled" as soon as the response is sent.
//!
//! ## Example
//! ```go
//! func SendApiResponseToClient(c *gin.Context) {
//!     newContext := c.Copy()
//!     go doSomeBackGroundOperations(newContext, response)
//! ```
//! becomes
//! ```go
//! func SendApiResponseToClient(c *gin.Context) {
//!     newContext := detachContext(c)
//!     go doSomeBackGroundOperations(newContext, response)
//! ```
//! with, in `detach_context.go`:
//! ```go
//! func detachContext(c *gin.Context) *gin.Context {
//!     cp := c.Copy()
//!     cp.Request = cp.Request.Clone(context.WithoutCancel(cp.Request.Context()))
//!     return cp
//! }
//! ```
//!
//! ## Fix safety
//! Safe: the helper returns the same type as `Copy()`, with the same values;
//! only the cancellation the goroutine never meant to have is gone.
//!
//! ## Limitations
//! Only a `Copy()` whose receiver is a `*gin.Context` in scope (a parameter
//! or local of that type), passed directly or through a variable declared
//! with `:=` in the same block before the `go` statement (a captured
//! variable is matched by name: one the literal redeclares counts too). A name clash is
//! avoided among the top-level names of the package's parsed files (those
//! that import `context` or gin); when `detachContext` is taken another
//! free name is picked. The helper needs `context.WithoutCancel`: a module
//! whose `go` directive is older than 1.21 gets the finding without a fix,
//! as does a package whose directory already has a `detach_context.go`
//! that is not the helper. A shared helper's package name counts as taken
//! when the file imports another package under it, declares or uses it as
//! an identifier in the function, or the package's parsed files declare
//! it at top level. The work is no longer bounded by the request: give it
//! a deadline of its own (`unbounded-detach`).

use super::detach::{check_helper_file, detach_fix, SharedHelper};
use crate::index::facts::gin_detach::{DetachSite, GinFacts};
use crate::index::workspace::Workspace;
use crate::lint::finding::Finding;
use crate::lint::fix::Applicability;
use crate::lint::options::{OptionsTable, RuleOptions};
use crate::lint::rule::{Rule, RuleMeta, Settings};
use std::path::PathBuf;

/// The gin-copy-detach rule.
pub struct GinCopyDetach;

/// The registered instance.
pub static RULE: GinCopyDetach = GinCopyDetach;

static META: RuleMeta = RuleMeta {
    code: "GIN002",
    id: "gin-copy-detach",
    summary: "`c.Copy()` handed to a goroutine is still cancelled with the request: detach it",
    finds: "`c.Copy()` of a `*gin.Context` handed to a goroutine: its request context is \
        still cancelled when the handler returns",
    fixes: "`detachContext(c)`, the package's own helper when it has one, else one added \
        once per package in a new `detach_context.go` (`helper_file` in ctxmod.toml), or a \
        shared helper with `--detach-helper import/path.Func`, imported as `pkg2` where its \
        name is taken (safe)",
    applicability: Applicability::Safe,
    kinds: &[],
    needles: &["gin-gonic/gin"],
    caller_needles: &[],
    nolint: &[],
};

/// The options of gin-copy-detach, which gin-goroutine reads too: where
/// the detach helper comes from. `[gin-copy-detach]` in ctxmod.toml, and a
/// flag of `fix` and `apply`.
#[derive(Debug, Clone, Default, serde::Deserialize, clap::Args)]
#[serde(deny_unknown_fields)]
pub struct GinCopyDetachOptions {
    /// A shared helper (`import/path.Func`, taking and returning a
    /// `*gin.Context`) that gin-copy-detach and gin-goroutine call instead of
    /// adding `detachContext` to each package. Overrides
    /// `[gin-copy-detach] helper` in ctxmod.toml.
    #[arg(long = "detach-helper", value_name = "PATH.FUNC", value_parser = SharedHelper::parse)]
    pub helper: Option<SharedHelper>,
    /// The file a new detach helper goes in, instead of `detach_context.go`
    /// (ctxmod.toml only).
    #[arg(skip)]
    #[serde(default, deserialize_with = "helper_file")]
    pub helper_file: Option<String>,
}

/// Reads `helper_file`: a file name [`check_helper_file`] takes.
fn helper_file<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let name: String = serde::Deserialize::deserialize(d)?;
    check_helper_file(&name)
        .map(Some)
        .map_err(serde::de::Error::custom)
}

impl RuleOptions for GinCopyDetachOptions {
    const TABLE: &'static str = "gin-copy-detach";

    fn merge(self, file: GinCopyDetachOptions) -> GinCopyDetachOptions {
        GinCopyDetachOptions {
            helper: self.helper.or(file.helper),
            helper_file: self.helper_file.or(file.helper_file),
        }
    }
}

impl Rule for GinCopyDetach {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn collectors(&self) -> &'static [&'static dyn crate::index::collect::Collector] {
        &[&GinFacts]
    }

    fn options(&self) -> Option<&'static dyn OptionsTable> {
        Some(crate::lint::options::table::<GinCopyDetachOptions>())
    }

    fn check_workspace(
        &self,
        workspace: &Workspace,
        settings: &Settings,
        out: &mut Vec<(PathBuf, Finding)>,
    ) {
        for site in workspace.facts::<DetachSite>().iter().filter(|s| !s.whole) {
            let message = format!(
                "`{}.Copy()` handed to a goroutine is still cancelled when the handler returns",
                site.receiver
            );
            let finding = Finding::new(&META, site.replace[0].clone(), message);
            out.push((
                site.path.to_path_buf(),
                detach_fix(workspace, settings, site, finding),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_come_from_the_gin_copy_detach_table() {
        let set = crate::transforms::configured(
            "[gin-copy-detach]\nhelper = \"example.com/app/ginx.Detach\"\nhelper_file = \"gin_detach.go\"\n",
        )
        .unwrap();
        let options = set.get::<GinCopyDetachOptions>().unwrap();
        let helper = options.helper.unwrap();
        assert_eq!(
            (helper.path, helper.name),
            ("example.com/app/ginx", "Detach")
        );
        assert_eq!(options.helper_file.as_deref(), Some("gin_detach.go"));
        let err = |text: &str| crate::transforms::configured(text).unwrap_err().to_string();
        assert_eq!(
            err("[gin-copy-detach]\nhelper = \"example.com/app/ginx.detach\"\n"),
            "ctxmod.toml:2:10: gin-copy-detach.helper: `detach` is not an exported function name: other packages could not call it"
        );
        assert_eq!(
            err("[gin-copy-detach]\nhelper_file = \"sub/x.go\"\n"),
            "ctxmod.toml:2:15: gin-copy-detach.helper_file: `sub/x.go` is not a file name ending in `.go` (the helper of tests gets `_test.go` added)"
        );
    }
}
