//! ctxmod finds misuse of Go's `context.Context` and fixes it with minimal
//! text edits.
//!
//! The library is layered, each layer using only the ones below it:
//!
//! - [`go`]: Go knowledge and no rules (syntax, types, scopes, imports).
//! - [`index`]: the workspace index (declarations, calls, cross-file facts).
//! - [`lint`]: the rule trait, fixes, configuration, the walk and the engine
//!   that parses each file once, runs the rules and applies their fixes to
//!   a fixpoint.
//! - [`transforms`]: the rules, one file (or folder) each.
//! - [`output`]: reports, diffs and safe writes.
//! - [`ship`]: branches, pushes, pull requests and the build check.
//! - [`cli`]: the command line.
//!
//! `tests/layers.rs` keeps the layers in this order.

#![warn(missing_docs)]

pub mod cli;
pub mod go;
pub mod index;
pub mod lint;
pub mod output;
pub mod ship;

#[path = "../transforms/mod.rs"]
pub mod transforms;
