//! Names of what the index holds.

use std::path::Path;

/// A declared function or method: what a call resolves to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FuncId {
    /// The declaring package's id.
    pub package: String,
    /// For a method, the name of its receiver type (without `*`).
    pub receiver: Option<String>,
    /// The function or method name.
    pub name: String,
}

impl FuncId {
    /// `package.Name` or `package.Receiver.Name`: unique, and readable in
    /// messages.
    pub fn qualified(&self) -> String {
        match &self.receiver {
            Some(receiver) => format!("{}.{receiver}.{}", self.package, self.name),
            None => format!("{}.{}", self.package, self.name),
        }
    }

    /// True when code outside the workspace may call the function declared
    /// in `path`: exported, on an exported type, and not in a test file.
    pub fn is_public(&self, path: &Path) -> bool {
        crate::go::syntax::is_exported(&self.name)
            && self
                .receiver
                .as_deref()
                .is_none_or(crate::go::syntax::is_exported)
            && !crate::go::gomod::is_test_file(path)
    }
}
