//! The workspace index: each file's declarations and facts, merged into
//! one [`workspace::Workspace`] that resolves calls across files.

pub mod collect;
pub mod facts;
pub mod summary_parts;
pub mod wanted;
pub mod workspace;
