//! The gin rules: a `*gin.Context` handed to a goroutine or used as a
//! `context.Context`, and the detach helper they share.

pub mod as_context;
pub mod copy_detach;
pub mod detach;
pub mod goroutine;
