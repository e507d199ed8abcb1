//! Shipping fixes: a branch of commits, its push and pull request, and the
//! build and vet check before it.

pub mod apply;
pub mod forge;
pub mod git_tree;
pub mod pull_request;
pub mod push;
pub mod toolchain;
pub mod verify;
