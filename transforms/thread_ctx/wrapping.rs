//! The wrapper `--exported wrap` keeps of an exported function: `Foo(args)`
//! stays as a thin, deprecated wrapper that calls the new
//! `FooContext(ctx, args)` with `context.Background()`, the standard
//! library's pattern (`Query` and `QueryContext`).

use crate::index::wrapping::WrapFacts;

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
    use crate::go::syntax::named_children;
    use crate::index::wrapping::{wrap_facts, WrapError};

    fn facts_of(src: &str) -> Result<WrapFacts, WrapError> {
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
                .map(|why| why.to_string())
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
