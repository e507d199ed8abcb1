//! The command line end to end: every test writes a tiny Go tree into a
//! temporary directory, runs the built `ctxmod` binary there (on a
//! terminal only in [`output`]) and checks its exit code, stdout, stderr
//! and the files left on disk. Most use the lost-cancel rule (CTX005),
//! whose fixes are simple; each rule's own behaviour is in its golden
//! cases, and the tests still waiting to become golden cases are in
//! [`rule_behaviour`]. One test binary, one module per subject.

#[path = "../support/mod.rs"]
mod support;

mod bad_files;
mod check;
mod config;
mod fix;
mod ignore;
mod options;
mod output;
mod paths;
mod rules;
mod stats;
mod usage;
mod verify;
