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

use super::detach::detach_fix;
use crate::index::facts::gin_detach::{DetachSite, GinFacts};
use crate::index::workspace::Workspace;
use crate::lint::finding::Finding;
use crate::lint::fix::Applicability;
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
    needs_callers: false,
    nolint: &[],
};

impl Rule for GinCopyDetach {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn collectors(&self) -> &'static [&'static dyn crate::index::collect::Collector] {
        &[&GinFacts]
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
