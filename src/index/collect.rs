//! Facts a rule gathers from every file for its workspace check, without
//! the index knowing the rule: the rule names a [`Collector`]
//! (`Rule::collectors`), the index calls it on each top-level declaration
//! of each summarised file, keeps what it pushes in the file's [`Facts`],
//! and merges the files' facts into the workspace's, where the rule reads
//! them back by type ([`Facts::get`]).

use crate::go::file_cx::FileCx;
use crate::index::workspace::FuncId;
use std::any::{Any, TypeId};
use std::fmt;
use std::path::Path;
use std::sync::Arc;
use tree_sitter::Node;

/// Where a top-level declaration is: its file, and the function or method
/// it declares, if it is one.
pub struct Declaration<'a> {
    /// The file.
    pub path: &'a Arc<Path>,
    /// The function or method declared, when it has a signature.
    pub function: Option<&'a Arc<FuncId>>,
}

/// Gathers one kind of fact from each file, for the rules that ask for it.
///
/// The facts are about declarations a fix may change: a file ctxmod reads
/// but does not edit keeps none.
pub trait Collector: Sync {
    /// Looks at one top-level declaration and pushes its facts into `out`.
    fn collect(&self, cx: &FileCx<'_>, decl: Node<'_>, at: &Declaration<'_>, out: &mut Facts);
}

/// A list of facts of one type, behind the type-erased [`Facts`].
trait FactList: Send + Sync {
    fn as_any(&self) -> &dyn Any;
    fn as_any_mut(&mut self) -> &mut dyn Any;
    fn clone_list(&self) -> Box<dyn FactList>;
    fn append_to(&self, facts: &mut Facts);
    fn equals(&self, other: &dyn FactList) -> bool;
    fn describe(&self) -> String;
}

impl<T: Clone + PartialEq + fmt::Debug + Send + Sync + 'static> FactList for Vec<T> {
    fn as_any(&self) -> &dyn Any {
        self
    }

    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }

    fn clone_list(&self) -> Box<dyn FactList> {
        Box::new(self.clone())
    }

    fn append_to(&self, facts: &mut Facts) {
        facts.list_mut::<T>().extend_from_slice(self);
    }

    fn equals(&self, other: &dyn FactList) -> bool {
        other.as_any().downcast_ref::<Vec<T>>() == Some(self)
    }

    fn describe(&self) -> String {
        format!("{self:?}")
    }
}

/// Facts of any types, each type's in the order they were pushed: one
/// file's, or the whole workspace's.
#[derive(Default)]
pub struct Facts(Vec<(TypeId, Box<dyn FactList>)>);

impl Facts {
    /// Adds a fact.
    pub fn push<T: Clone + PartialEq + fmt::Debug + Send + Sync + 'static>(&mut self, fact: T) {
        self.list_mut::<T>().push(fact);
    }

    /// Adds facts.
    pub fn extend<T: Clone + PartialEq + fmt::Debug + Send + Sync + 'static>(
        &mut self,
        facts: impl IntoIterator<Item = T>,
    ) {
        self.list_mut::<T>().extend(facts);
    }

    /// The facts of type `T`, in the order they were added.
    pub fn get<T: 'static>(&self) -> &[T] {
        self.0
            .iter()
            .find(|(id, _)| *id == TypeId::of::<T>())
            .and_then(|(_, list)| list.as_any().downcast_ref::<Vec<T>>())
            .map_or(&[], Vec::as_slice)
    }

    /// Adds every fact of `other` after those of its type here.
    pub fn append(&mut self, other: &Facts) {
        for (_, list) in &other.0 {
            list.append_to(self);
        }
    }

    /// Drops every fact.
    pub fn clear(&mut self) {
        self.0.clear();
    }

    fn list_mut<T: Clone + PartialEq + fmt::Debug + Send + Sync + 'static>(
        &mut self,
    ) -> &mut Vec<T> {
        let at = match self.0.iter().position(|(id, _)| *id == TypeId::of::<T>()) {
            Some(at) => at,
            None => {
                self.0.push((TypeId::of::<T>(), Box::new(Vec::<T>::new())));
                self.0.len() - 1
            }
        };
        self.0[at]
            .1
            .as_any_mut()
            .downcast_mut::<Vec<T>>()
            .expect("a fact list holds the type it is filed under")
    }
}

impl Clone for Facts {
    fn clone(&self) -> Facts {
        Facts(
            self.0
                .iter()
                .map(|(id, list)| (*id, list.clone_list()))
                .collect(),
        )
    }
}

impl PartialEq for Facts {
    fn eq(&self, other: &Facts) -> bool {
        self.0.len() == other.0.len()
            && self.0.iter().all(|(id, list)| {
                other
                    .0
                    .iter()
                    .find(|(other_id, _)| other_id == id)
                    .is_some_and(|(_, other_list)| list.equals(other_list.as_ref()))
            })
    }
}

impl Eq for Facts {}

impl fmt::Debug for Facts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.0.iter().map(|(_, list)| list.describe()))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_are_kept_by_type_in_order_and_merged() {
        let mut one = Facts::default();
        one.push(1u32);
        one.push("a".to_string());
        one.push(2u32);
        let mut two = Facts::default();
        two.push(3u32);
        let mut all = Facts::default();
        all.append(&one);
        all.append(&two);
        assert_eq!(all.get::<u32>(), &[1, 2, 3]);
        assert_eq!(all.get::<String>(), &["a".to_string()]);
        assert!(all.get::<u8>().is_empty());
        assert_eq!(all.clone(), all);
        assert_ne!(one, two);
        all.clear();
        assert!(all.get::<u32>().is_empty());
    }
}
