//! ## What it does
//! Reports `context.WithValue(ctx, key, v)` when `v` is an object that
//! outlives a request: a database handle (`*sql.DB`, `*sql.Conn`,
//! `*gorm.DB`), a client (`*redis.Client`, `*memcache.Client`,
//! `*http.Client`, `*grpc.ClientConn`), a logger (`*slog.Logger`,
//! `*zap.Logger`), a pool (`*pgxpool.Pool`, `*sync.Pool`, `*redis.Pool`),
//! or whatever a `New…Client`, `Connect`, `Open` or `Dial` call returns.
//! The message names the type and says to pass it explicitly.
//!
//! ## Why
//! The `context` package documentation: "Use context Values only for
//! request-scoped data that transits processes and APIs, not for passing
//! optional parameters to functions." A database or client stored in a
//! context is a dependency hidden from every signature: nothing says a
//! function needs it, a context without it fails at run time instead of at
//! compile time, and tests must build contexts instead of passing fakes.
//!
//! ## Example
//! ```go
//! func Handler(db *sql.DB) http.Handler {
//!     return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
//!         ctx := context.WithValue(r.Context(), dbKey{}, db)
//!         serve(w, r.WithContext(ctx))
//!     })
//! }
//! ```
//! is reported: `context.WithValue stores a *sql.DB, which outlives the
//! request: pass it explicitly (a parameter or a field of the handler)`.
//!
//! ## Fix safety
//! Display-only: moving a dependency out of the context changes the
//! signatures of every function between the store and the reads, a design
//! change for a person to make.
//!
//! ## Limitations
//! The value's type is known when it is written in the file: a parameter,
//! a local declared with its type or from a call, a composite literal, or
//! the call itself. A package-level variable or a struct field is not
//! followed. Types are recognised by package name and type name, so a
//! fork of a listed package is recognised too, and a type of another
//! name is not.

use crate::go::file_cx::FileCx;
use crate::go::syntax::call_arguments;
use crate::go::typing::{type_of, Callee, TypeExpr, TypeRef};
use crate::lint::finding::Finding;
use crate::lint::fix::Applicability;
use crate::lint::rule::{Rule, RuleCx, RuleMeta};
use tree_sitter::Node;

/// The long-lived-value rule.
pub struct LongLivedValue;

/// The registered instance.
pub static RULE: LongLivedValue = LongLivedValue;

static META: RuleMeta = RuleMeta {
    code: "CTX014",
    id: "long-lived-value",
    summary: "`context.WithValue` storing a long-lived object (database, client, logger, pool): pass it explicitly",
    finds: "`context.WithValue` storing a long-lived object: a database handle, client, \
        logger or pool (`*sql.DB`, `*redis.Client`, `*http.Client`, `*slog.Logger`, \
        `*grpc.ClientConn`, …) or what a `New…Client`/`Connect`/`Open`/`Dial` call returns",
    fixes: "report, naming the type: pass it explicitly (display-only)",
    applicability: Applicability::DisplayOnly,
    kinds: &["call_expression"],
    needles: &["WithValue"],
    caller_needles: &[],
    nolint: &[],
};

/// Long-lived types as (package name, type name): the last element of the
/// import path, without a major version suffix.
const LONG_LIVED: &[(&str, &str)] = &[
    ("sql", "DB"),
    ("sql", "Conn"),
    ("sqlx", "DB"),
    ("gorm", "DB"),
    ("redis", "Client"),
    ("redis", "ClusterClient"),
    ("redis", "Pool"),
    ("memcache", "Client"),
    ("http", "Client"),
    ("slog", "Logger"),
    ("zap", "Logger"),
    ("zap", "SugaredLogger"),
    ("logrus", "Logger"),
    ("zerolog", "Logger"),
    ("grpc", "ClientConn"),
    ("pgxpool", "Pool"),
    ("pgx", "Conn"),
    ("sync", "Pool"),
    ("mongo", "Client"),
    ("kafka", "Writer"),
    ("kafka", "Reader"),
];

/// Functions known to return a long-lived object, by package name, with
/// the type they return.
const CONSTRUCTORS: &[(&str, &str, &str)] = &[
    ("sql", "Open", "*sql.DB"),
    ("sql", "OpenDB", "*sql.DB"),
    ("gorm", "Open", "*gorm.DB"),
    ("redis", "NewClient", "*redis.Client"),
    ("redis", "NewClusterClient", "*redis.ClusterClient"),
    ("memcache", "New", "*memcache.Client"),
    ("slog", "New", "*slog.Logger"),
    ("slog", "Default", "*slog.Logger"),
    ("zap", "New", "*zap.Logger"),
    ("zap", "NewProduction", "*zap.Logger"),
    ("zap", "NewDevelopment", "*zap.Logger"),
    ("zap", "L", "*zap.Logger"),
    ("grpc", "Dial", "*grpc.ClientConn"),
    ("grpc", "DialContext", "*grpc.ClientConn"),
    ("grpc", "NewClient", "*grpc.ClientConn"),
    ("pgxpool", "New", "*pgxpool.Pool"),
    ("pgxpool", "Connect", "*pgxpool.Pool"),
];

impl Rule for LongLivedValue {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn visit(&self, call: Node<'_>, cx: &RuleCx<'_>, out: &mut Vec<Finding>) {
        let args = call_arguments(call);
        if args.len() != 3 || !cx.is_call_to(call, "context", &["WithValue"]) {
            return;
        }
        let value = args[2];
        if let Some(what) = long_lived(cx, value) {
            out.push(Finding::new(
                &META,
                value.byte_range(),
                format!(
                    "context.WithValue stores {what}, which outlives the request: pass it explicitly (a parameter or a field) instead of in the context"
                ),
            ));
        }
    }
}

/// What makes `value` long-lived, as the message names it.
fn long_lived(cx: &FileCx<'_>, value: Node<'_>) -> Option<String> {
    match type_of(cx, value) {
        TypeExpr::Known(ty) => long_lived_type(&ty).map(|t| format!("a {t}")),
        TypeExpr::ResultOf(callee) => made_by(&callee, cx.package),
        _ => None,
    }
}

/// The type as written (`*sql.DB`), when it is a long-lived one.
fn long_lived_type(ty: &TypeRef) -> Option<String> {
    let (path, name) = ty.named()?;
    let package = package_name(path);
    LONG_LIVED.contains(&(package, name)).then(|| {
        let star = if matches!(ty, TypeRef::Pointer(_)) {
            "*"
        } else {
            ""
        };
        format!("{star}{package}.{name}")
    })
}

/// What a call made in package `here` returns, when it builds a
/// long-lived object.
fn made_by(callee: &Callee, here: &str) -> Option<String> {
    let (package, name) = match callee {
        Callee::Function { package, name } if package != here => {
            (package_name(package), name.as_str())
        }
        Callee::Function { name, .. } | Callee::Method { name, .. } => ("", name.as_str()),
    };
    if let Some((_, _, ty)) = CONSTRUCTORS
        .iter()
        .find(|(p, n, _)| *p == package && *n == name)
    {
        return Some(format!("a {ty} (from {package}.{name})"));
    }
    let client = name.starts_with("New") && name.ends_with("Client");
    (client || matches!(name, "Connect" | "Open" | "Dial")).then(|| {
        let shown = if package.is_empty() {
            name.to_string()
        } else {
            format!("{package}.{name}")
        };
        format!("what `{shown}` returns, a connection or client")
    })
}

/// The package name an import path declares by convention, as Go code
/// names it: `github.com/redis/go-redis/v9` is `redis`.
fn package_name(path: &str) -> &str {
    let name = crate::go::imports::default_name(path);
    name.strip_prefix("go-").unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::package_name;

    #[test]
    fn package_names_are_the_ones_code_uses() {
        assert_eq!(package_name("github.com/redis/go-redis/v9"), "redis");
        assert_eq!(package_name("github.com/go-redis/redis/v8"), "redis");
        assert_eq!(package_name("database/sql"), "sql");
        assert_eq!(package_name("github.com/jackc/pgx/v5/pgxpool"), "pgxpool");
    }
}
