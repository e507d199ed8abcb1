//! Which identifiers a file holds, and how each may be used there, kept as
//! a small sorted set of hashes, so that the engine can tell without
//! reading a file again that it cannot use a name the way a rule asks
//! about: call a function, read a field, write a literal of a type.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The ways an occurrence of an identifier may use a name, told from the
/// tokens around it. A set: an occurrence can be several at once (`x.f`
/// may call a method or read a field).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Uses(u8);

impl Uses {
    /// No use.
    pub const NONE: Uses = Uses(0);
    /// A function or method called or used as a value: anything but the
    /// left side of a selector (`pkg.` or `x.`), which names a package, a
    /// variable or a type, never a function, and the name a function or
    /// method declaration declares (`func F(`, `func (r T) M(`).
    pub const FUNCTION: Uses = Uses(1);
    /// A field: `x.name` not called (a field the rules ask about is a
    /// `context.Context`, which cannot be), or a key `name:` of a
    /// composite literal.
    pub const FIELD: Uses = Uses(2);
    /// The type of a composite literal whose elements have no keys:
    /// `name{a, b}`, or `name[` for a generic type.
    pub const LITERAL_TYPE: Uses = Uses(4);
    /// The name a method declaration declares: `func (r T) name(`. Not a
    /// use, but a method of another type with the name of an interface's
    /// method may implement it, and must change with it.
    pub const METHOD_DECLARATION: Uses = Uses(8);
    /// The name a function declaration declares: `func name(`. Not a use,
    /// but another file of the package declaring it is a variant for other
    /// build constraints, whose signature must change with it.
    pub const FUNCTION_DECLARATION: Uses = Uses(16);
    /// Every use.
    pub const ALL: Uses = Uses(31);
    /// A field use that is one only when `context` in the file is not the
    /// package: `context.name` not called. No rule asks for it; the file
    /// settles it ([`Uses::settled`]).
    const CONTEXT_MEMBER: Uses = Uses(32);

    /// The uses with `Uses::CONTEXT_MEMBER` settled: no use when the
    /// file's `context` is the package, else a field use.
    pub fn settled(self, context_is_package: bool) -> Uses {
        match (self.intersects(Uses::CONTEXT_MEMBER), context_is_package) {
            (false, _) => self,
            (true, true) => self.without(Uses::CONTEXT_MEMBER),
            (true, false) => self.without(Uses::CONTEXT_MEMBER).union(Uses::FIELD),
        }
    }

    /// The uses in either set.
    pub fn union(self, other: Uses) -> Uses {
        Uses(self.0 | other.0)
    }

    /// True when the sets share a use.
    pub fn intersects(self, other: Uses) -> bool {
        self.0 & other.0 != 0
    }

    /// True when every use of `other` is in `self`.
    pub fn contains(self, other: Uses) -> bool {
        self.0 & other.0 == other.0
    }

    /// The uses of `self` not in `other`.
    pub fn without(self, other: Uses) -> Uses {
        Uses(self.0 & !other.0)
    }
}

/// The identifiers of one file outside comments, strings and runes, hashed,
/// each with the uses its occurrences may make. A name whose hash is not in
/// the set is not used in the file; one whose hash is may be (hashes can
/// collide), which reading the file settles.
#[derive(Debug, Clone, Default)]
pub struct Identifiers {
    /// The words' hashes folded to 32 bits ([`short_hash`]), sorted: a
    /// file holds a few hundred words, kept for every file of a module.
    hashes: Vec<u32>,
    /// The uses of the word whose hash is at the same index.
    uses: Vec<Uses>,
    context_is_package: bool,
}

impl Identifiers {
    /// The identifiers of `text` ([`occurrences`]).
    pub fn of(text: &str) -> Identifiers {
        // A file repeats its words: merge them as they come (the keys are
        // hashes already), then sort the few distinct ones.
        let mut distinct: HashMap<u32, Uses, BuildHasherDefault<Unhashed>> =
            HashMap::with_capacity_and_hasher(text.len() / 64, Default::default());
        for (_, word, uses) in occurrences(text) {
            let all = distinct.entry(short_hash(word.as_bytes())).or_default();
            *all = all.union(uses);
        }
        let context = distinct.get(&short_hash(b"context")).copied();
        let context_is_package = context_is_package(text, context.unwrap_or_default());
        let mut words: Vec<(u32, Uses)> = distinct
            .into_iter()
            .map(|(h, uses)| (h, uses.settled(context_is_package)))
            .collect();
        words.sort_unstable_by_key(|&(h, _)| h);
        Identifiers {
            hashes: words.iter().map(|&(h, _)| h).collect(),
            uses: words.iter().map(|&(_, u)| u).collect(),
            context_is_package,
        }
    }

    /// True when the file's identifier `context` is always the package
    /// ([`context_is_package`]).
    pub fn context_is_package(&self) -> bool {
        self.context_is_package
    }

    /// False when the file certainly does not use `name` in any of the
    /// ways in `uses`.
    pub fn may_use(&self, name: &str, uses: Uses) -> bool {
        self.hashes
            .binary_search(&short_hash(name.as_bytes()))
            .is_ok_and(|i| self.uses[i].intersects(uses))
    }
}

/// True when the identifier `context` in Go source `text` always names the
/// standard package: the file imports it under its own name (a line
/// `"context"` or `import "context"`, as gofmt writes them), and every
/// occurrence of the word (`uses`, their union) is an operand before a `.`
/// (so none declares a variable or reads a field so named). One after a
/// `)` reads as a method's name (`func (s *S) Ctx() context.Context`), but
/// a method so named would not hide the package either. Then `context.X`
/// is never a field.
pub fn context_is_package(text: &str, uses: Uses) -> bool {
    uses.without(Uses::METHOD_DECLARATION) == Uses::NONE
        && memchr::memmem::find_iter(text.as_bytes(), b"\"context\"").any(|at| {
            let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
            let before = text[line_start..at].trim();
            let after = text[at + 9..].split('\n').next().unwrap_or("").trim();
            matches!(before, "" | "import") && (after.is_empty() || after.starts_with("//"))
        })
}

/// The sorted offsets of the [`occurrences`] in `text` of the names in
/// `names` that may use them in one of the ways `uses_of` gives for each.
/// `context_is_package` settles the uses after `context.`
/// ([`Uses::settled`]) for the whole file `text` is from.
pub fn use_offsets(
    text: &str,
    names: &std::collections::HashSet<String>,
    uses_of: impl Fn(&str) -> Uses,
    context_is_package: bool,
) -> Vec<usize> {
    // A few names: comparing each is cheaper than hashing every word.
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    occurrences(text)
        .filter(|(_, word, uses)| {
            names.contains(word) && uses.settled(context_is_package).intersects(uses_of(word))
        })
        .map(|(at, _, _)| at)
        .collect()
}

/// Every identifier of Go source `text` outside comments, string and rune
/// literals (a run of [`crate::go::syntax::is_identifier_byte`] bytes that does
/// not start with a digit), with its offset and the uses it may make, told
/// from the significant bytes before and after it (comments and blanks
/// skipped; a line break ends a statement, as Go inserts a semicolon).
pub fn occurrences(text: &str) -> impl Iterator<Item = (usize, &str, Uses)> {
    let bytes = text.as_bytes();
    let mut i = 0;
    // The last significant byte before `i`, and whether it ends the
    // keyword `func`.
    let mut before = b';';
    let mut after_func = false;
    // Where the last significant byte is, and where the `.` after an
    // operand `context` is.
    let mut before_at = 0;
    let mut context_dot = None;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            let b = bytes[i];
            match b {
                b' ' | b'\t' | b'\r' => i += 1,
                b'\n' => {
                    // Go ends a statement at a line break after these.
                    if matches!(before, b')' | b']' | b'}' | b'a' | b'"' | b'\'' | b'`') {
                        before = b';';
                    }
                    i += 1;
                }
                b'/' if comment_end(bytes, i).is_some() => {
                    i = comment_end(bytes, i).unwrap_or(bytes.len());
                }
                b'"' | b'\'' => {
                    i = quoted_end(bytes, i);
                    (before, after_func) = (b, false);
                }
                b'`' => {
                    i = memchr::memchr(b'`', &bytes[i + 1..]).map_or(bytes.len(), |n| i + n + 2);
                    (before, after_func) = (b, false);
                }
                _ if crate::go::syntax::is_identifier_byte(b) => {
                    let start = i;
                    while i < bytes.len() && crate::go::syntax::is_identifier_byte(bytes[i]) {
                        i += 1;
                    }
                    let after = after_blanks(bytes, i);
                    let next = bytes.get(after).copied().unwrap_or(b';');
                    let prev = std::mem::replace(&mut before, b'a');
                    let member = prev == b'.' && context_dot == Some(before_at);
                    context_dot = (&bytes[start..i] == b"context" && prev != b'.' && next == b'.')
                        .then_some(after);
                    let function_declared =
                        std::mem::replace(&mut after_func, &bytes[start..i] == b"func");
                    let declared = function_declared || prev == b')';
                    if b.is_ascii_digit() {
                        continue;
                    }
                    let mut uses = Uses::NONE;
                    if (next != b'.' || prev == b'.') && !declared {
                        uses = uses.union(Uses::FUNCTION);
                    }
                    let key = next == b':' && bytes.get(after + 1) != Some(&b'=');
                    if prev == b'.' && next != b'(' && member {
                        uses = uses.union(Uses::CONTEXT_MEMBER);
                    } else if (prev == b'.' && next != b'(') || key {
                        uses = uses.union(Uses::FIELD);
                    }
                    if (next == b'{' && positional_elements(bytes, after + 1)) || next == b'[' {
                        uses = uses.union(Uses::LITERAL_TYPE);
                    }
                    if prev == b')' {
                        uses = uses.union(Uses::METHOD_DECLARATION);
                    }
                    if function_declared {
                        uses = uses.union(Uses::FUNCTION_DECLARATION);
                    }
                    // A run starts and ends on character boundaries: the
                    // bytes around it are ASCII.
                    return Some((start, &text[start..i], uses));
                }
                _ => {
                    (before, after_func, before_at) = (b, false, i);
                    i += 1;
                }
            }
        }
        None
    })
}

/// The offset after the string or rune literal opening at `start`: after
/// its closing quote, or at the line break or end that cuts it short.
fn quoted_end(bytes: &[u8], start: usize) -> usize {
    let quote = bytes[start];
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'\n' => return i,
            b if b == quote => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// True when the composite literal body whose elements start at `i`
/// (after its `{`) has elements and the first has no key `name:`, so none
/// has (Go does not mix them).
fn positional_elements(bytes: &[u8], mut i: usize) -> bool {
    loop {
        match bytes.get(i) {
            Some(b' ' | b'\t' | b'\r' | b'\n') => i += 1,
            Some(b'/') if comment_end(bytes, i).is_some() => {
                i = comment_end(bytes, i).unwrap_or(bytes.len());
            }
            Some(b'}') | None => return false,
            Some(&b) if crate::go::syntax::is_identifier_byte(b) && !b.is_ascii_digit() => {
                let mut end = i;
                while end < bytes.len() && crate::go::syntax::is_identifier_byte(bytes[end]) {
                    end += 1;
                }
                let next = after_blanks(bytes, end);
                return !(bytes.get(next) == Some(&b':') && bytes.get(next + 1) != Some(&b'='));
            }
            Some(_) => return true,
        }
    }
}

/// Where the comment that starts at `i` ends: at the line break that ends
/// a `//` comment, after the `*/` of a `/* */` one (or at the end of an
/// unclosed one); `None` when no comment starts there.
fn comment_end(bytes: &[u8], i: usize) -> Option<usize> {
    match (bytes.get(i), bytes.get(i + 1)) {
        (Some(b'/'), Some(b'/')) => {
            Some(memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n))
        }
        (Some(b'/'), Some(b'*')) => {
            Some(memchr::memmem::find(&bytes[i + 2..], b"*/").map_or(bytes.len(), |n| i + n + 4))
        }
        _ => None,
    }
}

/// The offset of the first byte from `i` that is not a blank or a
/// one-line `/* */` comment; a line break or `//` comment stops it (Go
/// ends the statement there).
fn after_blanks(bytes: &[u8], mut i: usize) -> usize {
    loop {
        match bytes.get(i) {
            Some(b' ' | b'\t' | b'\r') => i += 1,
            Some(b'/') if bytes.get(i + 1) == Some(&b'*') => match comment_end(bytes, i) {
                Some(end) if !bytes[i..end].contains(&b'\n') => i = end,
                _ => return i,
            },
            _ => return i,
        }
    }
}

/// The hasher of a map whose keys are hashes already ([`short_hash`]): it
/// keeps them.
#[derive(Default)]
struct Unhashed(u64);

impl Hasher for Unhashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, _: &[u8]) {
        unreachable!("only u32 keys are hashed")
    }

    fn write_u32(&mut self, n: u32) {
        // The table reads its buckets from the low bits and its tags from
        // the high ones: both must vary.
        self.0 = u64::from(n) << 32 | u64::from(n);
    }
}

/// A 64-bit FNV-1a hash of `bytes`: the same in every run.
pub(crate) fn hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// [`hash`] folded to 32 bits: enough to tell apart the words of a file,
/// where a collision only costs reading it.
fn short_hash(bytes: &[u8]) -> u32 {
    let h = hash(bytes);
    (h ^ (h >> 32)) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_identifiers_only() {
        let ids = Identifiers::of("s := NewServer(cfg); Renew(); x.New()\n_ = 9lives + café");
        for name in ["s", "NewServer", "cfg", "Renew", "New", "_", "café"] {
            assert!(ids.may_use(name, Uses::ALL), "{name}");
        }
        // `x` only qualifies a selector.
        for name in [
            "x", "Server", "Re", "new", "lives", "9lives", "NewServ", "caf",
        ] {
            assert!(!ids.may_use(name, Uses::ALL), "{name}");
        }
    }

    #[test]
    fn a_member_of_the_context_package_is_no_field() {
        let file = |body: &str| format!("package p\n\nimport (\n\t\"context\"\n)\n\n{body}");
        let plain = Identifiers::of(&file(
            "func f(s S) context.Context {\n\t_ = context.Canceled\n\treturn s.Context\n}\n",
        ));
        assert!(plain.context_is_package());
        assert!(!plain.may_use("Canceled", Uses::FIELD));
        assert!(
            plain.may_use("Canceled", Uses::FUNCTION),
            "a member may be a function"
        );
        assert!(
            plain.may_use("Context", Uses::FIELD),
            "`s.Context` reads a field"
        );
        // `context` declared as a variable, read after a `.`, imported under
        // another name or not at all: `context.X` may be a field.
        for body in [
            "func f(context *T) { _ = context.Canceled }\n",
            "func f(t T) { _ = t.context.Canceled }\n",
        ] {
            let ids = Identifiers::of(&file(body));
            assert!(!ids.context_is_package(), "{body}");
            assert!(ids.may_use("Canceled", Uses::FIELD), "{body}");
        }
        for text in [
            "package p\n\nimport ctx \"context\"\n\nvar _ = context.Canceled\n",
            "package p\n\nvar _ = context.Canceled\n",
        ] {
            let ids = Identifiers::of(text);
            assert!(!ids.context_is_package(), "{text}");
            assert!(ids.may_use("Canceled", Uses::FIELD), "{text}");
        }
        let names: std::collections::HashSet<String> = ["Canceled".to_string()].into();
        let src = "_ = context.Canceled";
        assert!(use_offsets(src, &names, |_| Uses::FIELD, true).is_empty());
        assert_eq!(use_offsets(src, &names, |_| Uses::FIELD, false), [12]);
    }

    #[test]
    fn comments_strings_and_runes_hold_no_identifiers() {
        let ids = Identifiers::of(
            "// StartEtcd starts\n/* Stop\n here */ x := \"Open(\\\"a\\\")\" + `Raw\nText` + string('\\'') + y\n",
        );
        for name in [
            "StartEtcd",
            "starts",
            "Stop",
            "here",
            "Open",
            "a",
            "Raw",
            "Text",
        ] {
            assert!(!ids.may_use(name, Uses::ALL), "{name}");
        }
        for name in ["x", "string", "y"] {
            assert!(ids.may_use(name, Uses::ALL), "{name}");
        }
    }

    #[test]
    fn each_occurrence_tells_how_it_may_use_the_name() {
        let uses = |src: &str, name: &str| {
            occurrences(src)
                .filter(|(_, w, _)| *w == name)
                .fold(Uses::NONE, |all, (_, _, u)| all.union(u))
        };
        // The left side of a selector is no function.
        assert_eq!(uses("sync.Mutex{}", "sync"), Uses::NONE);
        assert_eq!(
            uses("s.ctx.Done()", "ctx"),
            Uses::FUNCTION.union(Uses::FIELD)
        );
        assert_eq!(uses("s.\n\tctx", "ctx"), Uses::FUNCTION.union(Uses::FIELD));
        // A call is no field the rules ask about.
        assert_eq!(uses("s.Context()", "Context"), Uses::FUNCTION);
        assert_eq!(
            uses("(s.Context)", "Context"),
            Uses::FUNCTION.union(Uses::FIELD)
        );
        assert_eq!(uses("f(ctx)", "ctx"), Uses::FUNCTION);
        assert_eq!(uses("T{ctx: c}", "ctx"), Uses::FUNCTION.union(Uses::FIELD));
        assert_eq!(uses("ctx := c", "ctx"), Uses::FUNCTION);
        assert_eq!(
            uses("&pkg.Server /* x */ {a}", "Server"),
            Uses::FUNCTION.union(Uses::FIELD).union(Uses::LITERAL_TYPE)
        );
        // Only a literal without keys is positional.
        let positional = |src: &str| uses(src, "S").contains(Uses::LITERAL_TYPE);
        assert!(positional("S{1, 2}") && positional("S{\n\t// a\n\tf(x),\n}"));
        assert!(positional("[]S{{1}}") && positional("S{x.y}"));
        assert!(!positional("S{}") && !positional("S{a: 1}") && !positional("S{\n\ta : 1,\n}"));
        assert_eq!(
            uses("List[int]{}", "List"),
            Uses::FUNCTION.union(Uses::LITERAL_TYPE)
        );
        assert_eq!(uses("func (s *Server) Run()", "Server"), Uses::FUNCTION);
        // A declaration's own name is no use of it; a method's is told
        // apart.
        let method = Uses::METHOD_DECLARATION;
        assert_eq!(uses("func (s *Server) Run()", "Run"), method);
        assert_eq!(uses("func (s *List[T]) Run()", "Run"), method);
        assert_eq!(uses("func (s *Server) /* x */ Run()", "Run"), method);
        let function = Uses::FUNCTION_DECLARATION;
        assert_eq!(uses("func Run() {}", "Run"), function);
        assert_eq!(uses("func /* x */ Run() {}", "Run"), function);
        assert_eq!(uses("go func() { Run() }()", "Run"), Uses::FUNCTION);
        assert_eq!(uses("f()\nRun()", "Run"), Uses::FUNCTION);
        // A line break ends the statement: what follows it is not the
        // name's neighbour.
        assert_eq!(
            uses("x := v.ctx // ctx.\n", "ctx"),
            Uses::FUNCTION.union(Uses::FIELD)
        );
        assert_eq!(uses("return T\n{", "T"), Uses::FUNCTION);
    }
}
