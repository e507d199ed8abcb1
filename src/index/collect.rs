//! Facts a rule gathers from every file for its workspace check, without
//! the index knowing the rule: the rule names a [`Collector`]
//! (`Rule::collectors`), the index calls it on each top-level declaration
//! of each summarised file, keeps what it pushes in the file's [`Facts`],
//! and merges the files' facts into the workspace's, where the rule reads
//! them back by type ([`Facts::get`]).

use crate::go::file_cx::FileCx;
use crate::index::ids::FuncId;
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
pub trait Collector: Sync + 'static {
    /// What tells collectors apart: two rules may name the same one, and
    /// (collectors being unit structs) two may share an address.
    fn kind(&self) -> TypeId {
        TypeId::of::<Self>()
    }
    /// True when the file may hold facts of this kind (`collect` is not
    /// called otherwise): a cheap test, as for an import or a word.
    fn wants(&self, _cx: &FileCx<'_>) -> bool {
        true
    }
    /// Looks at one top-level declaration and pushes its facts into `out`.
    fn collect(&self, cx: &FileCx<'_>, decl: Node<'_>, at: &Declaration<'_>, out: &mut Facts);
}

/// A fact a collector gathers.
pub trait Fact: Clone + PartialEq + fmt::Debug + Send + Sync + 'static {
    /// What a file ctxmod reads but does not edit keeps of the fact: by
    /// default nothing, as most facts are about code a fix may change.
    fn read_only(self) -> Option<Self> {
        None
    }
}

/// A list of facts of one type, behind the type-erased [`Facts`].
trait FactList: Send + Sync {
    fn as_any(&self) -> &dyn Any;
    fn as_any_mut(&mut self) -> &mut dyn Any;
    fn clone_list(&self) -> Box<dyn FactList>;
    fn append_to(&self, facts: &mut Facts);
    fn equals(&self, other: &dyn FactList) -> bool;
    fn describe(&self) -> String;
    fn make_read_only(&mut self);
}

impl<T: Fact> FactList for Vec<T> {
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

    fn make_read_only(&mut self) {
        *self = std::mem::take(self)
            .into_iter()
            .filter_map(Fact::read_only)
            .collect();
    }
}

/// Facts of any types, each type's in the order they were pushed: one
/// file's, or the whole workspace's.
#[derive(Default)]
pub struct Facts(Vec<(TypeId, Box<dyn FactList>)>);

impl Facts {
    /// Adds a fact.
    pub fn push<T: Fact>(&mut self, fact: T) {
        self.list_mut::<T>().push(fact);
    }

    /// Adds facts.
    pub fn extend<T: Fact>(&mut self, facts: impl IntoIterator<Item = T>) {
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

    /// Keeps what a file ctxmod reads but does not edit keeps of each fact
    /// ([`Fact::read_only`]).
    pub fn make_read_only(&mut self) {
        for (_, list) in &mut self.0 {
            list.make_read_only();
        }
    }

    fn list_mut<T: Fact>(&mut self) -> &mut Vec<T> {
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

/// Lookups the rules build from the workspace's facts (a map from names to
/// places, say), built once by the first rule that asks and dropped when
/// facts are added.
#[derive(Default)]
pub struct Derived(std::sync::Mutex<Vec<(TypeId, Arc<dyn Any + Send + Sync>)>>);

impl Derived {
    /// The lookup of type `T`, built with `build` if there is none.
    pub fn get_or_build<T: Send + Sync + 'static>(&self, build: impl FnOnce() -> T) -> Arc<T> {
        let mut built = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, value)) = built.iter().find(|(id, _)| *id == TypeId::of::<T>()) {
            if let Ok(value) = Arc::clone(value).downcast::<T>() {
                return value;
            }
        }
        let value = Arc::new(build());
        built.push((TypeId::of::<T>(), value.clone()));
        value
    }

    /// Drops every lookup.
    pub fn clear(&mut self) {
        self.0.get_mut().unwrap_or_else(|e| e.into_inner()).clear();
    }
}

impl fmt::Debug for Derived {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Derived")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    impl Fact for u32 {
        fn read_only(self) -> Option<u32> {
            (self % 2 == 1).then_some(self)
        }
    }

    impl Fact for String {}

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
        let derived = Derived::default();
        assert_eq!(*derived.get_or_build(|| all.get::<u32>().len()), 3);
        assert_eq!(*derived.get_or_build(|| 0usize), 3, "built once");
        all.make_read_only();
        assert_eq!(all.get::<u32>(), &[1, 3]);
        assert!(all.get::<String>().is_empty());
    }
}
