//! What a goroutine does with a `*gin.Context` in scope: nothing, reads
//! values that can be read before `go`, or needs the whole context.

use crate::go::file_cx::FileCx;
use crate::go::parents::Up;
use crate::go::scope::{contexts_in_scope, ContextKind};
use crate::go::syntax::{named_children, text};
use tree_sitter::Node;

/// The `*gin.Context` methods that only read a value.
pub const ACCESSORS: &[&str] = &[
    "GetString",
    "GetInt",
    "GetBool",
    "GetInt64",
    "GetFloat64",
    "Get",
    "MustGet",
    "Param",
    "Query",
    "DefaultQuery",
    "PostForm",
    "GetHeader",
    "ClientIP",
    "FullPath",
];

/// One use of the gin context inside the goroutine.
pub enum Use<'t> {
    /// A read that can run before `go`: the expression.
    Read(Node<'t>),
    /// `c.Request.Context()`.
    RequestContext(Node<'t>),
    /// Anything else: the goroutine needs the whole context.
    Whole,
}

/// The gin contexts a `go` statement hands its goroutine, when the handler
/// does not wait for it.
pub enum HandOff<'t> {
    /// The context passed whole as an argument of the `go` call.
    Argument(Node<'t>),
    /// Uses of it in the body of the function literal `go` starts, each
    /// with its identifier.
    Literal {
        /// The literal's body.
        body: Node<'t>,
        /// The uses, in order.
        uses: Vec<(Node<'t>, Use<'t>)>,
    },
}

impl HandOff<'_> {
    /// True when the goroutine needs the whole context, not values read
    /// from it.
    pub fn whole(&self) -> bool {
        match self {
            HandOff::Argument(_) => true,
            HandOff::Literal { uses, .. } => uses.iter().any(|(_, u)| matches!(u, Use::Whole)),
        }
    }
}

/// What the goroutine `go` starts gets of a `*gin.Context` in scope, if
/// anything, and the handler does not wait for it.
pub fn hand_off<'t>(cx: &FileCx<'t>, go: Node<'t>) -> Option<HandOff<'t>> {
    let call = named_children(go)
        .into_iter()
        .find(|n| n.kind() == "call_expression")?;
    let gins: Vec<String> = contexts_in_scope(cx, go)
        .into_iter()
        .filter(|c| c.kind == ContextKind::Gin)
        .map(|c| c.name)
        .collect();
    if gins.is_empty() || joined(cx, go) {
        return None;
    }
    let args = call
        .child_by_field_name("arguments")
        .map(named_children)
        .unwrap_or_default();
    if let Some(arg) = args
        .into_iter()
        .find(|a| a.kind() == "identifier" && gins.iter().any(|g| g == text(*a, cx.src)))
    {
        return Some(HandOff::Argument(arg));
    }
    let body = call
        .child_by_field_name("function")
        .filter(|f| f.kind() == "func_literal")
        .and_then(|f| f.child_by_field_name("body"))?;
    let uses = uses_in(cx, body, &gins);
    (!uses.is_empty()).then_some(HandOff::Literal { body, uses })
}

/// True when the handler waits for the goroutine: a `.Wait()` call or a
/// channel receive follows the `go` statement in its function.
pub fn joined(cx: &FileCx<'_>, go: Node<'_>) -> bool {
    let Some(function) = crate::go::syntax::ancestor(go, crate::go::syntax::FUNCTION_KINDS) else {
        return false;
    };
    let mut waits = false;
    crate::go::syntax::for_each_node(function, |n| {
        if waits || n.start_byte() < go.end_byte() {
            return;
        }
        let wait = n.kind() == "call_expression"
            && n.child_by_field_name("function").is_some_and(|f| {
                f.kind() == "selector_expression"
                    && f.child_by_field_name("field")
                        .is_some_and(|field| text(field, cx.src) == "Wait")
            });
        let receive = n.kind() == "unary_expression"
            && n.child_by_field_name("operator")
                .is_some_and(|o| text(o, cx.src) == "<-");
        waits = wait || receive;
    });
    waits
}

/// True when the goroutine `go` writes to an `io.Pipe()` its function made
/// before it (`pr, pw := io.Pipe()`, `pw` used by the goroutine): the
/// handler reads the other end, or closes it when it returns, and the
/// goroutine's writes then fail; the goroutine lives as long as the handler
/// reads.
pub fn feeds_pipe(cx: &FileCx<'_>, go: Node<'_>) -> bool {
    let Some(function) = crate::go::syntax::ancestor(go, crate::go::syntax::FUNCTION_KINDS) else {
        return false;
    };
    let mut writers = Vec::new();
    crate::go::syntax::for_each_node(function, |n| {
        if n.kind() != "short_var_declaration" || n.start_byte() >= go.start_byte() {
            return;
        }
        let (Some(left), Some(right)) = (
            n.child_by_field_name("left"),
            n.child_by_field_name("right"),
        ) else {
            return;
        };
        let pipe = crate::go::syntax::named_children(right)
            .first()
            .is_some_and(|call| {
                call.kind() == "call_expression" && cx.is_call_to(*call, "io", &["Pipe"])
            });
        if let (true, Some(writer)) = (pipe, crate::go::syntax::named_children(left).get(1)) {
            writers.push(text(*writer, cx.src));
        }
    });
    writers
        .iter()
        .any(|w| *w != "_" && crate::go::syntax::mentions_identifier(go, cx.src, w))
}

/// Every use of a gin context of `gins` in `body`, each with its
/// identifier.
fn uses_in<'t>(cx: &FileCx<'t>, body: Node<'t>, gins: &[String]) -> Vec<(Node<'t>, Use<'t>)> {
    let mut out = Vec::new();
    crate::go::syntax::for_each_node(body, |n| {
        if n.kind() == "identifier" && gins.iter().any(|g| g == text(n, cx.src)) {
            out.push((n, classify(cx, n)));
        }
    });
    out
}

/// What the use of the gin context `id` does.
fn classify<'t>(cx: &FileCx<'t>, id: Node<'t>) -> Use<'t> {
    let field_of = |n: Node<'t>| -> Option<(Node<'t>, &str)> {
        let sel = n.up().filter(|p| {
            p.kind() == "selector_expression"
                && p.child_by_field_name("operand")
                    .is_some_and(|o| o.id() == n.id())
        })?;
        Some((sel, text(sel.child_by_field_name("field")?, cx.src)))
    };
    let called = |sel: Node<'t>| -> Option<Node<'t>> {
        sel.up().filter(|p| {
            p.kind() == "call_expression"
                && p.child_by_field_name("function")
                    .is_some_and(|f| f.id() == sel.id())
        })
    };
    let literal_args = |call: Node<'t>| {
        call.child_by_field_name("arguments").is_some_and(|a| {
            named_children(a).iter().all(|x| {
                matches!(
                    x.kind(),
                    "interpreted_string_literal" | "raw_string_literal"
                )
            })
        })
    };
    let Some((sel, field)) = field_of(id) else {
        return Use::Whole;
    };
    if ACCESSORS.contains(&field) {
        return match called(sel).filter(|c| literal_args(*c)) {
            Some(call) => Use::Read(call),
            None => Use::Whole,
        };
    }
    if field != "Request" {
        return Use::Whole;
    }
    let Some((inner, member)) = field_of(sel) else {
        return Use::Whole;
    };
    match member {
        "Context" => match called(inner).filter(|c| literal_args(*c)) {
            Some(call) => Use::RequestContext(call),
            None => Use::Whole,
        },
        "Header" => match field_of(inner) {
            Some((get, "Get")) => match called(get).filter(|c| literal_args(*c)) {
                Some(call) => Use::Read(call),
                None => Use::Whole,
            },
            _ => Use::Whole,
        },
        "URL" => match field_of(inner) {
            Some((url_field, _)) => Use::Read(called(url_field).unwrap_or(url_field)),
            None => Use::Whole,
        },
        _ => Use::Whole,
    }
}
