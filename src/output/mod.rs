//! What a run prints and writes: reports, diffs and safe file writes.

pub mod diff;
pub mod interrupt;
pub mod report;
pub mod write;
