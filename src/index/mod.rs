//! The workspace index: each file's declarations and facts, merged into
//! one [`workspace::Workspace`] that resolves calls across files.

pub mod call_results;
pub mod collect;
pub mod facts;
pub mod fields;
pub mod functions;
pub mod ids;
pub mod summary;
pub mod summary_parts;
pub mod wanted;
pub mod workspace;
pub mod wrapping;
