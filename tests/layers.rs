//! The library's layers, checked from the source: every `crate::` path in a
//! module names a module of its own layer or of one below it, and the
//! modules of the library form no import cycle.
//!
//! The layers, lowest first: `go`, `index`, `lint`, `transforms` (the
//! rules), `output`, `ship`, `cli`. A module is a file's path below its
//! layer without the extension (`index::facts::fields`); the cycle check
//! looks at the first module below each layer (`index::facts`, `go::scope`,
//! `transforms::thread_ctx`), since a folder module and its files change
//! together.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const LAYERS: &[&str] = &["go", "index", "lint", "transforms", "output", "ship", "cli"];

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The module path of a source file: `["go", "scope"]` for
/// `src/go/scope.rs`, `["transforms", "thread_ctx"]` for
/// `transforms/thread_ctx/mod.rs`; `None` for the crate root and `main`.
fn module_of(root: &Path, file: &Path) -> Option<Vec<String>> {
    let rel = file.strip_prefix(root).unwrap();
    let mut parts: Vec<String> = rel
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    match parts[0].as_str() {
        "src" => {
            parts.remove(0);
        }
        "transforms" => {}
        _ => return None,
    }
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    (!parts.is_empty() && !matches!(parts[0].as_str(), "lib" | "main")).then_some(parts)
}

/// The modules `text` names with `crate::`, each as its path segments (up
/// to the first item that is not a module of a known layer).
fn crate_paths(text: &str) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    for (at, _) in text.match_indices("crate::") {
        let rest = &text[at + "crate::".len()..];
        let path: Vec<String> = rest
            .split("::")
            .map(|segment| {
                segment
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect::<String>()
            })
            .take_while(|segment| !segment.is_empty())
            .collect();
        if !path.is_empty() {
            paths.push(path);
        }
    }
    paths
}

fn layer_rank(name: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| *layer == name)
}

/// The node of the cycle check a module belongs to.
fn node(path: &[String]) -> String {
    if path[0] == "transforms" || path.len() == 1 {
        path.iter().take(2).cloned().collect::<Vec<_>>().join("::")
    } else {
        path[..2].join("::")
    }
}

struct Sources {
    /// Module path → the `crate::` paths its file names, with their lines.
    uses: BTreeMap<Vec<String>, Vec<(usize, Vec<String>)>>,
}

fn sources() -> Sources {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut uses = BTreeMap::new();
    for dir in ["src", "transforms"] {
        for file in rust_files(&root.join(dir)) {
            let Some(module) = module_of(root, &file) else {
                continue;
            };
            let text = std::fs::read_to_string(&file).unwrap();
            let mut found = Vec::new();
            for (number, line) in text.lines().enumerate() {
                for path in crate_paths(line) {
                    found.push((number + 1, path));
                }
            }
            uses.insert(module, found);
        }
    }
    Sources { uses }
}

#[test]
fn every_module_belongs_to_a_layer() {
    let sources = sources();
    assert!(sources.uses.len() > 50, "too few modules found");
    let strays: Vec<String> = sources
        .uses
        .keys()
        .filter(|module| layer_rank(&module[0]).is_none())
        .map(|module| module.join("::"))
        .collect();
    assert!(
        strays.is_empty(),
        "modules outside the layers {LAYERS:?}: {strays:?}"
    );
}

#[test]
fn no_layer_uses_a_layer_above_it() {
    let mut wrong = Vec::new();
    for (module, uses) in &sources().uses {
        let Some(rank) = layer_rank(&module[0]) else {
            continue;
        };
        for (line, path) in uses {
            match layer_rank(&path[0]) {
                Some(used) if used > rank => wrong.push(format!(
                    "{} (line {line}) uses crate::{} from the higher layer `{}`",
                    module.join("::"),
                    path.join("::"),
                    path[0]
                )),
                Some(_) => {}
                None => wrong.push(format!(
                    "{} (line {line}) uses crate::{}, which is in no layer",
                    module.join("::"),
                    path.join("::")
                )),
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn modules_form_no_import_cycle() {
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (module, uses) in &sources().uses {
        let from = node(module);
        edges.entry(from.clone()).or_default();
        for (_, path) in uses {
            if layer_rank(&path[0]).is_none() || path.len() < 2 {
                continue;
            }
            let to = node(path);
            if to != from {
                edges.entry(from.clone()).or_default().insert(to);
            }
        }
    }
    let cycles = strongly_connected(&edges)
        .into_iter()
        .filter(|component| component.len() > 1)
        .map(|component| component.join(" ↔ "))
        .collect::<Vec<_>>();
    assert!(cycles.is_empty(), "import cycles:\n{}", cycles.join("\n"));
}

/// Tarjan's strongly connected components of `edges`.
fn strongly_connected(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct State<'a> {
        edges: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        components: Vec<Vec<String>>,
    }
    fn visit<'a>(state: &mut State<'a>, v: &'a str) {
        let next = state.index.len();
        state.index.insert(v, next);
        state.low.insert(v, next);
        state.stack.push(v);
        state.on_stack.insert(v);
        for w in state.edges.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !state.index.contains_key(w) {
                visit(state, w);
                let low = state.low[v].min(state.low[w]);
                state.low.insert(v, low);
            } else if state.on_stack.contains(w) {
                let low = state.low[v].min(state.index[w]);
                state.low.insert(v, low);
            }
        }
        if state.low[v] == state.index[v] {
            let mut component = Vec::new();
            while let Some(w) = state.stack.pop() {
                state.on_stack.remove(w);
                component.push(w.to_string());
                if w == v {
                    break;
                }
            }
            component.sort();
            state.components.push(component);
        }
    }
    let mut state = State {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        components: Vec::new(),
    };
    for v in edges.keys() {
        if !state.index.contains_key(v.as_str()) {
            visit(&mut state, v);
        }
    }
    state.components
}

#[test]
fn the_cycle_check_finds_a_cycle() {
    let edges: BTreeMap<String, BTreeSet<String>> = [
        ("a", vec!["b"]),
        ("b", vec!["c"]),
        ("c", vec!["a"]),
        ("d", vec!["a"]),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.into_iter().map(String::from).collect()))
    .collect();
    let components = strongly_connected(&edges);
    assert!(components.contains(&vec!["a".to_string(), "b".into(), "c".into()]));
    assert!(components.contains(&vec!["d".to_string()]));
}
