//! The cross-file facts the index gathers from each file for the rules
//! that read them.

pub mod context_values;
pub mod gin_arguments;
pub mod gin_detach;
pub mod gin_goroutines;
pub mod request_contexts;
