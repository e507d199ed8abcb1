//! What ctxmod knows of the standard library and well-known modules:
//! which calls take or make a context, and which methods are the standard
//! ones of common interfaces.

use crate::go::syntax::text;
use crate::go::typing::Callee;
use tree_sitter::Node;

/// True when a type node is `pkg.Name` with `pkg` as given.
pub fn qualified_type_is(ty: Node<'_>, src: &str, pkg: Option<&str>, name: &str) -> bool {
    let Some(pkg) = pkg else { return false };
    ty.kind() == "qualified_type"
        && ty
            .child_by_field_name("package")
            .is_some_and(|p| text(p, src) == pkg)
        && ty
            .child_by_field_name("name")
            .is_some_and(|n| text(n, src) == name)
}

/// Method names of the standard library's interfaces (`io`, `fmt`,
/// `error`, `sort`, `heap`, `net/http`, `database/sql`, `encoding`,
/// `context`, `log/slog`, `sync`, `flag`, `hash`): a type with such a
/// method may satisfy one of them, so its signature is not the workspace's
/// to change.
pub const STANDARD_METHODS: &[&str] = &[
    "Read",
    "Write",
    "Close",
    "Seek",
    "ReadAt",
    "WriteAt",
    "ReadFrom",
    "WriteTo",
    "ReadByte",
    "WriteByte",
    "ReadRune",
    "WriteString",
    "String",
    "GoString",
    "Format",
    "Error",
    "Unwrap",
    "Is",
    "As",
    "Timeout",
    "Temporary",
    "Len",
    "Less",
    "Swap",
    "Push",
    "Pop",
    "ServeHTTP",
    "RoundTrip",
    "Scan",
    "Value",
    "MarshalJSON",
    "UnmarshalJSON",
    "MarshalText",
    "UnmarshalText",
    "MarshalBinary",
    "UnmarshalBinary",
    "Deadline",
    "Done",
    "Err",
    "Handle",
    "Enabled",
    "WithAttrs",
    "WithGroup",
    "LogValue",
    "Lock",
    "Unlock",
    "RLock",
    "RUnlock",
    "Set",
    "Sum",
    "Reset",
    "Size",
    "BlockSize",
];

/// The `context` constructors that return a context and its cancel
/// function.
pub const CANCELLABLE: &[&str] = &[
    "WithCancel",
    "WithCancelCause",
    "WithTimeout",
    "WithTimeoutCause",
    "WithDeadline",
    "WithDeadlineCause",
];

/// Standard-library and well-known functions whose first parameter is a
/// context, by import path and name (besides [`CANCELLABLE`]).
const KNOWN_FUNCTIONS: &[(&str, &[&str])] = &[
    (
        "context",
        &["WithValue", "WithoutCancel", "AfterFunc", "Cause"],
    ),
    ("net/http", &["NewRequestWithContext"]),
    ("os/exec", &["CommandContext"]),
    ("os/signal", &["NotifyContext"]),
    ("golang.org/x/sync/errgroup", &["WithContext"]),
    (
        "log/slog",
        &[
            "DebugContext",
            "InfoContext",
            "WarnContext",
            "ErrorContext",
            "Log",
            "LogAttrs",
        ],
    ),
];

/// Methods of well-known types whose first parameter is a context, by name:
/// `database/sql`'s `*DB`, `*Conn`, `*Tx` and `*Stmt`, and `net.Dialer`.
const KNOWN_METHODS: &[&str] = &[
    "QueryContext",
    "ExecContext",
    "QueryRowContext",
    "PrepareContext",
    "PingContext",
    "BeginTx",
    "DialContext",
];

/// True when a well-known library call passes argument `arg` as a context,
/// without needing the workspace: a function by import path and name, or a
/// method by its distinctive name.
pub fn known_context_parameter(callee: &Callee, arg: usize) -> bool {
    if arg != 0 {
        return false;
    }
    match callee {
        Callee::Function { package, name } => {
            (package == "context" && CANCELLABLE.contains(&name.as_str()))
                || KNOWN_FUNCTIONS
                    .iter()
                    .any(|(p, names)| p == package && names.contains(&name.as_str()))
        }
        Callee::Method { name, .. } => KNOWN_METHODS.contains(&name.as_str()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::go::typing::TypeExpr;

    #[test]
    fn knows_library_calls() {
        let http = Callee::Function {
            package: "net/http".into(),
            name: "NewRequestWithContext".into(),
        };
        assert!(known_context_parameter(&http, 0));
        assert!(!known_context_parameter(&http, 1));
        let query = Callee::Method {
            receiver: TypeExpr::Unknown,
            name: "QueryContext".into(),
            arity: 2,
        };
        assert!(known_context_parameter(&query, 0));
    }
}
