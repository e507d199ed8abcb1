//! Go knowledge and no rules: syntax helpers, source text and tokens,
//! imports, go.mod, static types, scopes, escapes, context roots, where a
//! context is done, durations, gofmt layout and suppression comments.

pub mod cfg;
pub mod done;
pub mod duration;
pub mod edit;
pub mod escape;
pub mod file_cx;
pub mod gofmt;
pub mod gomod;
pub mod imports;
pub mod key_names;
pub mod known;
pub mod memo;
pub mod parents;
pub mod paths;
pub mod roots;
pub mod scope;
pub mod source;
pub mod suppress;
pub mod syntax;
pub mod tokens;
pub mod typing;
pub mod zero;
