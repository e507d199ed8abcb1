//! Per-file caches of whole-function scans, so that a rule asking the same
//! question of every call in a function (is `ctx` declared before this
//! call? does it escape after it?) scans the function once, not once per
//! call: a function of a thousand `context.Background()` calls took
//! seconds, growing with their number squared.

use std::any::{Any, TypeId};
use std::cell::RefCell;
use std::collections::HashMap;

/// A function (its node id) and a name in it.
type Key = (usize, String);

/// The caches of one file's analysis; empty until asked.
#[derive(Debug, Default)]
pub struct Memo {
    /// Where each name is declared in a function, sorted.
    declarations: RefCell<HashMap<Key, Vec<usize>>>,
    /// Where each name is used so that its value escapes, sorted.
    escapes: RefCell<HashMap<Key, Vec<usize>>>,
    /// What was worked out once for a node, by node id and kind of answer.
    per_node: RefCell<HashMap<(usize, TypeId), Box<dyn Any>>>,
}

impl Memo {
    /// `query` of the offsets at which `name` is declared in `function`,
    /// which `scan` finds on the first question.
    pub fn declarations<R>(
        &self,
        (function, name): (usize, &str),
        scan: impl FnOnce() -> Vec<usize>,
        query: impl FnOnce(&[usize]) -> R,
    ) -> R {
        cached(&self.declarations, (function, name), scan, query)
    }

    /// `query` of the offsets of the uses of `name` in `function` through
    /// which its value escapes, which `scan` finds on the first question.
    pub fn escapes<R>(
        &self,
        (function, name): (usize, &str),
        scan: impl FnOnce() -> Vec<usize>,
        query: impl FnOnce(&[usize]) -> R,
    ) -> R {
        cached(&self.escapes, (function, name), scan, query)
    }
}

impl Memo {
    /// What `compute` works out for the node with id `node`, computed on
    /// the first question and cloned after.
    pub fn per_node<T: Clone + 'static>(&self, node: usize, compute: impl FnOnce() -> T) -> T {
        let key = (node, TypeId::of::<T>());
        if let Some(found) = self.per_node.borrow().get(&key) {
            if let Some(found) = found.downcast_ref::<T>() {
                return found.clone();
            }
        }
        // Computed outside the borrow: it may ask other questions.
        let value = compute();
        self.per_node
            .borrow_mut()
            .insert(key, Box::new(value.clone()));
        value
    }
}

/// `query` of the sorted offsets `scan` finds, kept in `map` for the next.
fn cached<R>(
    map: &RefCell<HashMap<Key, Vec<usize>>>,
    (function, name): (usize, &str),
    scan: impl FnOnce() -> Vec<usize>,
    query: impl FnOnce(&[usize]) -> R,
) -> R {
    let key = (function, name.to_string());
    if !map.borrow().contains_key(&key) {
        // Scanned outside the borrow: the scan may ask other questions.
        let mut found = scan();
        found.sort_unstable();
        map.borrow_mut().insert(key.clone(), found);
    }
    query(&map.borrow()[&key])
}
