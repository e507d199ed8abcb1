//! Running rules: the rule trait and settings, rules' options, the fix and
//! edit model, configuration, the file walk, the engine and its fixpoint
//! passes.

pub mod config;
pub mod engine;
pub mod finding;
pub mod fix;
pub mod meta;
pub mod options;
pub mod passes;
pub mod rule;
#[cfg(test)]
pub(crate) mod testing;
pub mod trail;
pub mod walk;
pub mod words;
