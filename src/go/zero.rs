//! Zero values of Go types, written as source text.

use crate::go::syntax::{for_each_node, named_children, text};
use std::collections::HashSet;
use tree_sitter::Node;

/// Names of the struct types declared in a file.
pub fn struct_types(root: Node<'_>, src: &str) -> HashSet<String> {
    let mut names = HashSet::new();
    for_each_node(root, |n| {
        if n.kind() == "type_spec"
            && n.child_by_field_name("type")
                .is_some_and(|t| t.kind() == "struct_type")
        {
            if let Some(name) = n.child_by_field_name("name") {
                names.insert(text(name, src).to_string());
            }
        }
    });
    names
}

/// The zero value of a type as source text, or `None` when it cannot be
/// written without knowing more about the type (a named non-struct type
/// from elsewhere, a type parameter).
pub fn zero_value(ty: Node<'_>, src: &str, structs: &HashSet<String>) -> Option<String> {
    match ty.kind() {
        "type_identifier" => {
            let name = text(ty, src);
            match name {
                "int" | "int8" | "int16" | "int32" | "int64" | "uint" | "uint8" | "uint16"
                | "uint32" | "uint64" | "uintptr" | "byte" | "rune" | "float32" | "float64"
                | "complex64" | "complex128" => Some("0".into()),
                "string" => Some("\"\"".into()),
                "bool" => Some("false".into()),
                "error" | "any" => Some("nil".into()),
                _ if structs.contains(name) => Some(format!("{name}{{}}")),
                _ => None,
            }
        }
        "pointer_type" | "slice_type" | "map_type" | "channel_type" | "function_type"
        | "interface_type" => Some("nil".into()),
        "struct_type" | "array_type" => Some(format!("{}{{}}", text(ty, src))),
        "parenthesized_type" => named_children(ty)
            .first()
            .and_then(|t| zero_value(*t, src, structs)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::go::syntax::parse;

    #[test]
    fn zeros() {
        let src = "package a\ntype S struct{}\ntype N int\nfunc f() (int, string, bool, *S, []int, S, N, error, [2]int) {}\n";
        let tree = parse(src);
        let structs = struct_types(tree.root_node(), src);
        let mut results = Vec::new();
        for_each_node(tree.root_node(), |n| {
            if n.kind() == "parameter_declaration" {
                let t = n.child_by_field_name("type").unwrap();
                results.push(zero_value(t, src, &structs));
            }
        });
        let got: Vec<Option<&str>> = results.iter().map(|r| r.as_deref()).collect();
        assert_eq!(
            got,
            vec![
                Some("0"),
                Some("\"\""),
                Some("false"),
                Some("nil"),
                Some("nil"),
                Some("S{}"),
                None,
                Some("nil"),
                Some("[2]int{}")
            ]
        );
    }
}
