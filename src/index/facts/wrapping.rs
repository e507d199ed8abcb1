//! Keeping an exported function's signature while it gains a context
//! (`--exported wrap`): `Foo(args)` stays as a thin, deprecated wrapper
//! that calls the new `FooContext(ctx, args)` with `context.Background()`,
//! the standard library's pattern (`Query` and `QueryContext`).

use crate::go::file_cx::FileCx;
use crate::go::syntax::{named_children, text};
use std::ops::Range;
use tree_sitter::Node;

/// What wrapping one function declaration needs, read from its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrapFacts {
    /// Where the declaration starts (its `func` keyword).
    pub decl_start: usize,
    /// True when a doc comment ends on the line just above.
    pub documented: bool,
    /// The range of the function's name.
    pub name: Range<usize>,
    /// The declaration up to its body: `func (s *S) Foo(a int) error`.
    pub header: String,
    /// What the wrapper calls the new function on: `s.` for a method.
    pub call_prefix: String,
    /// The type parameters passed on: `[K, V]`, or empty.
    pub type_args: String,
    /// The wrapper's arguments after the context: `a, rest...`.
    pub args: String,
    /// True when the function has results (the wrapper returns them).
    pub returns: bool,
}

/// The facts to wrap the function or method `decl`, or why it cannot be
/// wrapped: the wrapper must name every parameter to pass it on.
pub fn wrap_facts(cx: &FileCx<'_>, decl: Node<'_>) -> Result<WrapFacts, String> {
    let (Some(name), Some(params), Some(body)) = (
        decl.child_by_field_name("name"),
        decl.child_by_field_name("parameters"),
        decl.child_by_field_name("body"),
    ) else {
        return Err("it has no body".into());
    };
    let call_prefix = match decl.child_by_field_name("receiver") {
        None => String::new(),
        Some(receiver) => {
            let names = named_children(receiver)
                .into_iter()
                .next()
                .map(|p| names_of(cx, p))
                .unwrap_or_default();
            match names.as_slice() {
                [name] if name != "_" => format!("{name}."),
                _ => return Err("its receiver has no name".into()),
            }
        }
    };
    // The wrapper's body calls `context.Background()`.
    let context_pkg = cx
        .package_name_free("context")
        .ok_or("its file imports another package named `context`")?;
    if call_prefix.strip_suffix('.') == Some(context_pkg) {
        return Err(format!("its receiver `{context_pkg}` hides the package"));
    }
    let mut args = Vec::new();
    for param in named_children(params) {
        let names = names_of(cx, param);
        if names.is_empty() || names.iter().any(|n| n == "_") {
            return Err("a parameter has no name".into());
        }
        if names.iter().any(|n| n == context_pkg) {
            return Err(format!("its parameter `{context_pkg}` hides the package"));
        }
        let variadic = param.kind() == "variadic_parameter_declaration";
        args.extend(
            names
                .into_iter()
                .map(|n| if variadic { n + "..." } else { n }),
        );
    }
    let type_args = decl
        .child_by_field_name("type_parameters")
        .map(|list| {
            let names: Vec<String> = named_children(list)
                .into_iter()
                .flat_map(|p| names_of(cx, p))
                .collect();
            format!("[{}]", names.join(", "))
        })
        .unwrap_or_default();
    let documented = decl.prev_sibling().is_some_and(|c| {
        c.kind() == "comment" && c.end_position().row + 1 == decl.start_position().row
    });
    Ok(WrapFacts {
        decl_start: decl.start_byte(),
        documented,
        name: name.byte_range(),
        header: cx.src[decl.start_byte()..body.start_byte()]
            .trim_end()
            .to_string(),
        call_prefix,
        type_args,
        args: args.join(", "),
        returns: decl.child_by_field_name("result").is_some(),
    })
}

/// The names a parameter (or type parameter) declaration declares.
fn names_of(cx: &FileCx<'_>, param: Node<'_>) -> Vec<String> {
    let mut cursor = param.walk();
    param
        .children_by_field_name("name", &mut cursor)
        .map(|n| text(n, cx.src).to_string())
        .collect()
}

/// The name of the function that takes the context: `FooContext`.
pub fn context_name(name: &str) -> String {
    format!("{name}Context")
}

/// The text inserted before the declaration: the end of its doc comment
/// (a `Deprecated:` paragraph), the wrapper keeping the old signature, and
/// the new function's doc comment. `context_pkg` is the file's name for the
/// `context` package.
pub fn wrapper(facts: &WrapFacts, name: &str, context_pkg: &str) -> String {
    let new_name = context_name(name);
    let doc = if facts.documented {
        String::from("//\n")
    } else {
        format!("// {name} calls {new_name} with {context_pkg}.Background().\n//\n")
    };
    let separator = if facts.args.is_empty() { "" } else { ", " };
    let call = format!(
        "{}{new_name}{}({context_pkg}.Background(){separator}{})",
        facts.call_prefix, facts.type_args, facts.args
    );
    let body = if facts.returns {
        format!("return {call}")
    } else {
        call
    };
    format!(
        "{doc}// Deprecated: use {new_name}.\n{} {{\n\t{body}\n}}\n\n// {new_name} is like {name} but takes a context.\n",
        facts.header
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::go::file_cx::testing::with_file;

    fn facts_of(src: &str) -> Result<WrapFacts, String> {
        with_file("a.go", src, "example.com/a", None, |cx| {
            let decl = named_children(cx.root)
                .into_iter()
                .find(|d| matches!(d.kind(), "function_declaration" | "method_declaration"))
                .unwrap();
            wrap_facts(cx, decl)
        })
    }

    #[test]
    fn wrapper_passes_every_parameter_on() {
        let src = "package a\n\n// Get gets.\nfunc Get[K comparable, V any](k K, opts ...V) (string, error) {\n\treturn \"\", nil\n}\n";
        let facts = facts_of(src).unwrap();
        assert!(facts.documented);
        assert_eq!(&src[facts.name.clone()], "Get");
        assert_eq!(
            wrapper(&facts, "Get", "context"),
            "//\n// Deprecated: use GetContext.\nfunc Get[K comparable, V any](k K, opts ...V) (string, error) {\n\treturn GetContext[K, V](context.Background(), k, opts...)\n}\n\n// GetContext is like Get but takes a context.\n"
        );
        let method =
            facts_of("package a\n\nfunc (s *S) Put(a, b int) error {\n\treturn nil\n}\n").unwrap();
        assert_eq!(
            (method.call_prefix.as_str(), method.args.as_str()),
            ("s.", "a, b")
        );
    }

    #[test]
    fn undocumented_and_resultless() {
        let facts = facts_of("package a\n\nfunc Ping() {\n}\n").unwrap();
        assert!(!facts.documented);
        assert_eq!(
            wrapper(&facts, "Ping", "ctxpkg"),
            "// Ping calls PingContext with ctxpkg.Background().\n//\n// Deprecated: use PingContext.\nfunc Ping() {\n\tPingContext(ctxpkg.Background())\n}\n\n// PingContext is like Ping but takes a context.\n"
        );
    }

    #[test]
    fn unnamed_parameters_cannot_be_passed_on() {
        assert!(facts_of("package a\n\nfunc F(int) {}\n").is_err());
        assert!(facts_of("package a\n\nfunc F(_ int) {}\n").is_err());
        assert!(facts_of("package a\n\nfunc (S) F(a int) {}\n").is_err());
    }

    #[test]
    fn a_parameter_named_like_the_context_package_hides_it() {
        assert_eq!(
            facts_of("package a\n\nfunc F(context *C) {}\n")
                .err()
                .as_deref(),
            Some("its parameter `context` hides the package")
        );
        let aliased = "package a\n\nimport ctxpkg \"context\"\n\nvar _ ctxpkg.Context\n\nfunc F(context *C) {}\n";
        assert!(
            facts_of(aliased).is_ok(),
            "the wrapper names the package `ctxpkg`"
        );
        assert!(facts_of("package a\n\nfunc (context *C) F() {}\n").is_err());
    }
}
