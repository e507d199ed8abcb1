//! ctxmod finds misuse of Go's `context.Context` and fixes it with minimal
//! text edits.
//!
//! Data flows one way: [`walk`] finds the Go files, [`engine`] parses each
//! candidate file once and runs every enabled rule in one traversal
//! ([`rule`]), findings carry [`fix::Fix`]es that the engine applies to a
//! fixpoint (with [`imports`] kept right), and [`report`], [`diff`] and
//! [`mod@write`] turn the result into output; [`forge`] opens or updates the pull
//! request of a branch of fixes. The rules themselves live in
//! `transforms/`, one file each; the engine knows nothing about any one rule.

#![warn(missing_docs)]

pub mod apply;
pub mod call_results;
pub mod cancelled_return;
pub mod cfg;
pub mod cli;
pub mod config;
pub mod context_values;
pub mod diff;
pub mod done;
pub mod duration;
pub mod engine;
pub mod escape;
pub mod fields;
pub mod fix;
pub mod forge;
pub mod gin_arguments;
pub mod gin_detach;
pub mod gin_goroutines;
pub mod git_tree;
pub mod gofmt;
pub mod gomod;
pub mod imports;
pub mod interrupt;
pub mod key_names;
pub mod memo;
pub mod parents;
pub mod passes;
pub mod pull_request;
pub mod push;
pub mod report;
pub mod request_contexts;
pub mod roots;
pub mod rule;
pub mod scope;
pub mod source;
pub mod summary_parts;
pub mod suppress;
pub mod syntax;
pub mod threading;
pub mod tokens;
pub mod toolchain;
pub mod trail;
pub mod typing;
pub mod verify;
pub mod walk;
pub mod wanted;
pub mod workspace;
pub mod wrapping;
pub mod write;
pub mod zero;

#[path = "../transforms/mod.rs"]
pub mod transforms;
