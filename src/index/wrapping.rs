//! Keeping an exported function's signature while it gains a context
//! (`--exported wrap`): `Foo(args)` stays as a thin, deprecated wrapper
//! that calls the new `FooContext(ctx, args)` with `context.Background()`,
//! the standard library's pattern (`Query` and `QueryContext`).

use crate::go::file_cx::FileCx;
use crate::go::syntax::{named_children, text};
use std::fmt;
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

/// Why a function cannot be wrapped ([`wrap_facts`]); its text is for a
/// finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WrapError {
    /// The declaration has no body.
    NoBody,
    /// The method's receiver has no name (or is `_`), so the wrapper cannot
    /// call the new method on it.
    UnnamedReceiver,
    /// The file imports another package named `context`.
    ContextPackageTaken,
    /// The receiver has the context package's name.
    ReceiverHidesPackage {
        /// That name.
        name: String,
    },
    /// A parameter has no name (or is `_`), so the wrapper cannot pass it on.
    UnnamedParameter,
    /// A parameter has the context package's name.
    ParameterHidesPackage {
        /// That name.
        name: String,
    },
}

impl fmt::Display for WrapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WrapError::NoBody => f.write_str("it has no body"),
            WrapError::UnnamedReceiver => f.write_str("its receiver has no name"),
            WrapError::ContextPackageTaken => {
                f.write_str("its file imports another package named `context`")
            }
            WrapError::ReceiverHidesPackage { name } => {
                write!(f, "its receiver `{name}` hides the package")
            }
            WrapError::UnnamedParameter => f.write_str("a parameter has no name"),
            WrapError::ParameterHidesPackage { name } => {
                write!(f, "its parameter `{name}` hides the package")
            }
        }
    }
}

/// The facts to wrap the function or method `decl`, or why it cannot be
/// wrapped: the wrapper must name every parameter to pass it on.
pub fn wrap_facts(cx: &FileCx<'_>, decl: Node<'_>) -> Result<WrapFacts, WrapError> {
    let (Some(name), Some(params), Some(body)) = (
        decl.child_by_field_name("name"),
        decl.child_by_field_name("parameters"),
        decl.child_by_field_name("body"),
    ) else {
        return Err(WrapError::NoBody);
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
                _ => return Err(WrapError::UnnamedReceiver),
            }
        }
    };
    // The wrapper's body calls `context.Background()`.
    let context_pkg = cx
        .package_name_free("context")
        .ok_or(WrapError::ContextPackageTaken)?;
    if call_prefix.strip_suffix('.') == Some(context_pkg) {
        return Err(WrapError::ReceiverHidesPackage {
            name: context_pkg.to_string(),
        });
    }
    let mut args = Vec::new();
    for param in named_children(params) {
        let names = names_of(cx, param);
        if names.is_empty() || names.iter().any(|n| n == "_") {
            return Err(WrapError::UnnamedParameter);
        }
        if names.iter().any(|n| n == context_pkg) {
            return Err(WrapError::ParameterHidesPackage {
                name: context_pkg.to_string(),
            });
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
