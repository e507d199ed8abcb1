//! ## What it does
//! Finds `context.WithValue(ctx, key, v)` and `ctx.Value(key)` whose key is
//! a string, an integer or another value of a predeclared type — a literal
//! or a constant naming one — and gives each such key an unexported type of
//! its own, changing every store and every read of it together. Keys are
//! grouped by value, so `"user"`, `` `user` `` and `const userKey = "user"`
//! are one key. By default the key becomes an empty struct:
//! ```go
//! type userKey struct{}
//! ```
//! used as `userKey{}`; with `[string-key] style = "const"` in
//! `ctxmod.toml` (or `--key-style const`) a string type and a constant:
//! ```go
//! type userKeyType string
//!
//! const userKey userKeyType = "user"
//! ```
//! Names come from the key's text (`"request_id"` → `requestIDKey`) and
//! never reuse a word of the package; the declarations go just above the
//! declaration holding the first store (in a file that is no test and has
//! no build constraint, when there is one). A key that is already a constant
//! (`const userKey = "user"`) keeps its name and gets a type
//! (`const userKey userKeyType = "user"`, with `type userKeyType string`
//! above it), whatever the style, and literal uses of the same value are
//! rewritten to name the constant. Every read form changes, since only the
//! key does: `ctx.Value("k").(T)`, `v, ok := ctx.Value("k").(T)`, a bare
//! `ctx.Value("k")`, and `c.Request.Context().Value("k")` in a gin handler.
//!
//! With `[string-key] accessors = true` (or `--accessors`), a new key
//! whose stores and typed reads all agree on one type `T` also gets
//! ```go
//! func withUser(ctx context.Context, v T) context.Context
//! func userFrom(ctx context.Context) (T, bool)
//! ```
//! next to its type; stores become `withUser(ctx, v)` and two-value reads
//! `u, ok := userFrom(ctx)`. A one-value read `ctx.Value(k).(T)` keeps its
//! panic on a missing value and only changes its key.
//!
//! ## Why
//! The `context` package documentation: "The provided key must be
//! comparable and should not be of type string or any other built-in type
//! to avoid collisions between packages using context. Users of WithValue
//! should define their own types for keys." Two packages that both store
//! `"user"` overwrite each other's value, and nothing checks that a read
//! matches a store (staticcheck SA1029 reports this; nothing fixed it,
//! because every store and read must change at once).
//!
//! ## Example
//! ```go
//! func HandleUser(r *http.Request) *User {
//!     ctx := context.WithValue(r.Context(), "user", r.Header.Get("X-User"))
//!     return ProcessUser(ctx)
//! }
//!
//! func ProcessUser(ctx context.Context) *User {
//!     user := ctx.Value("user").(string)
//!     ...
//! }
//! ```
//! becomes
//! ```go
//! type userKey struct{}
//!
//! func HandleUser(r *http.Request) *User {
//!     ctx := context.WithValue(r.Context(), userKey{}, r.Header.Get("X-User"))
//!     return ProcessUser(ctx)
//! }
//!
//! func ProcessUser(ctx context.Context) *User {
//!     user := ctx.Value(userKey{}).(string)
//!     ...
//! }
//! ```
//!
//! ## Fix safety
//! Safe: the fix is made only when every store and every read of the key
//! value is in one package and in files ctxmod edits, so the new key
//! matches wherever the old one did and nowhere else. The one exception is
//! an exported constant key (`const UserKey = "user"`) that every other
//! package names as `auth.UserKey`: retyping it in place changes every use
//! at once, and is done when the module's code names it nowhere else. Otherwise the
//! finding is display-only and says why, naming each place: a key used in
//! several packages (every package and line is listed: converting one side
//! would compile and silently read nil), unless the exported constant
//! above covers them; a key stored but never read, or
//! read but never stored, in the files checked (code elsewhere may use its
//! string); a read through a `*gin.Context`'s own `Value`, which looks
//! strings up in the gin keys first; a key held in a variable or a local
//! (its value can change); a constant key that is also used for something
//! else, or declared in one spec with other names. `c.Set`, `c.Get` and
//! `c.GetString` on a `*gin.Context` take strings by design and are never
//! touched.
//!
//! ## Limitations
//! Keys are found in the files ctxmod parses (those mentioning `Value(`
//! or `WithValue`). A key naming a constant or variable declared in
//! another file of its package is looked up on disk; a constant found
//! there is not converted, and the keys of its value, or of any value
//! when it cannot be told, are reported instead. Code outside the
//! files checked that stores or reads the same string is not seen. A
//! `x.Value(k)` whose receiver's type ctxmod cannot tell is taken for a
//! context read (a method of another type so named would then stop
//! compiling, which `--verify` catches). Keys are grouped across every
//! module of the run, so two programs that never share a context still
//! keep each other's key from being fixed. A key
//! written through a helper that takes the key as a parameter is reported
//! at the helper, not followed to its callers. Accessors are made only
//! for a key that is not a constant, and only when the type of every
//! stored value is known (a parameter, a local declared with its type or a
//! composite literal, a call the workspace declares) and is predeclared,
//! declared by the package, or written by a read in the first store's
//! file; otherwise the key alone is converted.

use crate::go::key_names::{key_name, mentions_in_dir, mentions_in_module, words_in_dir};
use crate::go::paths::place;
use crate::go::syntax::is_exported;
use crate::go::typing::{TypeExpr, TypeRef, BUILTIN};
use crate::index::facts::context_values::{
    key_directory_names, Access, Key, KeyConst, KeyValue, ValueUse,
};
use crate::index::wanted::dir_of;
use crate::index::workspace::Workspace;
use crate::lint::finding::Finding;
use crate::lint::fix::{Applicability, Edit, FileChange, Fix};
use crate::lint::options::{OptionsTable, RuleOptions};
use crate::lint::rule::{Rule, RuleMeta, Settings};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The string-key rule.
pub struct StringKey;

/// The registered instance.
pub static RULE: StringKey = StringKey;

static META: RuleMeta = RuleMeta {
    code: "CTX004",
    id: "string-key",
    summary: "a context value keyed by a string or other built-in type: give the key an unexported type, every store and read together",
    finds: "`context.WithValue`/`Value` with a string, integer or other built-in key (a \
        literal or a constant)",
    fixes: "an unexported key type per key value, every store and read of the package \
        changed together (safe); reported naming every place when the key crosses packages, is \
        stored or read only in the files checked, or shares the package with a key whose value \
        cannot be told",
    applicability: Applicability::Safe,
    kinds: &[],
    needles: &[".Value(", "WithValue("],
    caller_needles: &[],
    nolint: &["staticcheck", "SA1029", "revive"],
};

/// How string-key declares a new key: `ctxmod.toml`'s `[string-key]
/// style`, or `--key-style`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum KeyStyle {
    /// `type userKey struct{}`, used as `userKey{}` (the default).
    #[default]
    Struct,
    /// `type userKeyType string` and `const userKey userKeyType = "user"`.
    Const,
}

/// string-key's options: `[string-key]` in ctxmod.toml, and flags of `fix`
/// and `apply`.
#[derive(Debug, Clone, Default, serde::Deserialize, clap::Args)]
#[serde(deny_unknown_fields)]
pub struct StringKeyOptions {
    /// How string-key declares a new key type: an empty struct
    /// (`userKey{}`) or a string type with a constant. Overrides
    /// `[string-key] style` in ctxmod.toml.
    #[arg(long = "key-style", value_enum, value_name = "STYLE")]
    pub style: Option<KeyStyle>,
    /// Also give each key string-key converts a `withX(ctx, v)` and an
    /// `xFrom(ctx)` function, used by its stores and two-value reads.
    /// Same as `[string-key] accessors = true` in ctxmod.toml.
    #[arg(long)]
    #[serde(default)]
    pub accessors: bool,
}

impl RuleOptions for StringKeyOptions {
    const TABLE: &'static str = "string-key";

    fn merge(self, file: StringKeyOptions) -> StringKeyOptions {
        StringKeyOptions {
            style: self.style.or(file.style),
            accessors: self.accessors || file.accessors,
        }
    }
}

/// One use of a key value, with the constant it names, if any.
struct Use<'w> {
    site: &'w ValueUse,
    via: Option<&'w KeyConst>,
    gin: bool,
}

impl Rule for StringKey {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn collectors(&self) -> &'static [&'static dyn crate::index::collect::Collector] {
        crate::index::facts::context_values::COLLECTORS
    }

    fn options(&self) -> Option<&'static dyn OptionsTable> {
        Some(crate::lint::options::table::<StringKeyOptions>())
    }

    fn check_workspace(
        &self,
        workspace: &Workspace,
        settings: &Settings,
        out: &mut Vec<(PathBuf, Finding)>,
    ) {
        let consts: HashMap<(&str, &str), &KeyConst> = workspace
            .facts::<KeyConst>()
            .iter()
            .map(|c| ((c.package.as_str(), c.name.as_str()), c))
            .collect();
        let mut groups: BTreeMap<(String, String), Vec<Use<'_>>> = BTreeMap::new();
        // Keys of each package whose value is not known for sure.
        let mut opaque: HashMap<String, Vec<Opaque>> = HashMap::new();
        let mut on_disk = ConstsOnDisk::new(workspace);
        let options = settings.options::<StringKeyOptions>();
        for site in workspace.facts::<ValueUse>() {
            let gin = match &site.access {
                Access::Write => false,
                Access::Read(receiver) => match workspace.resolve(receiver, 0) {
                    Some(ty) if is_gin_context(&ty) => true,
                    Some(ty) if ty.is_context() => false,
                    // Some other type's `Value` method.
                    Some(TypeRef::Named { .. } | TypeRef::Pointer(_)) => continue,
                    _ => false,
                },
            };
            if gin && !matches!(site.key, Key::Literal(_)) {
                continue;
            }
            let here = place(&site.path, site.line);
            let (value, via) = match &site.key {
                Key::Literal(value) => (value, None),
                Key::Local { name, ty } => {
                    opaque.entry(site.package.clone()).or_default().push(Opaque {
                        ty: Some(ty.clone()),
                        value: None,
                        why: format!("the key at {here} has a value ctxmod cannot tell, which may be this one"),
                    });
                    out.push(not_fixed(
                        site,
                        &format!("`{name}`"),
                        format!("the key is the local `{name}`, whose value ctxmod cannot follow"),
                    ));
                    continue;
                }
                Key::Global { package, name } => match consts.get(&(package, name)) {
                    Some(c) => match &c.value {
                        Some(value) => (value, Some(*c)),
                        None => {
                            opaque.entry(package.clone()).or_default().push(Opaque {
                                ty: None,
                                value: None,
                                why: format!("the key `{name}` at {here} is a constant whose value ctxmod cannot tell, which may be this one"),
                            });
                            continue;
                        }
                    },
                    None => {
                        let global = TypeExpr::Global {
                            package: package.clone(),
                            name: name.clone(),
                        };
                        if let Some(ty) = builtin(workspace.resolve(&global, 0)) {
                            opaque.entry(package.clone()).or_default().push(Opaque {
                                ty: Some(ty),
                                value: None,
                                why: format!("the key at {here} has a value ctxmod cannot tell, which may be this one"),
                            });
                            out.push(not_fixed(
                                site,
                                &format!("`{name}`"),
                                format!("the key is the variable `{name}`, whose value can change"),
                            ));
                        } else if let Some(found) = on_disk.lookup(workspace, package, name) {
                            opaque.entry(package.clone()).or_default().push(Opaque {
                                ty: found.as_ref().map(|v| v.ty.clone()),
                                value: found.map(|v| v.value),
                                why: format!("the key `{name}` at {here} is declared in a file ctxmod did not read for keys (it mentions no `Value(`), and may be this one"),
                            });
                        }
                        continue;
                    }
                },
            };
            groups
                .entry((value.ty.clone(), value.value.clone()))
                .or_default()
                .push(Use { site, via, gin });
        }
        let mut taken: HashMap<PathBuf, HashSet<String>> = HashMap::new();
        for (group, uses) in groups.iter_mut() {
            if uses.iter().all(|u| u.gin) {
                // gin's own keys, set with `c.Set`.
                continue;
            }
            uses.sort_by_key(|u| (u.site.path.clone(), u.site.key_range.start));
            // The new key is declared by the first store of a file every
            // build compiles, so that every use sees it.
            let first = uses
                .iter()
                .find(|u| u.site.access == Access::Write && u.site.always_built)
                .or_else(|| uses.iter().find(|u| u.site.always_built))
                .or_else(|| uses.iter().find(|u| u.site.access == Access::Write))
                .unwrap_or(&uses[0]);
            let shown = shown_key(first);
            let (ty, value) = group;
            let unknown = opaque.get(first.site.package.as_str()).and_then(|keys| {
                keys.iter().find(|k| {
                    k.ty.as_ref().is_none_or(|t| t == ty)
                        && k.value.as_ref().is_none_or(|v| v == value)
                })
            });
            let finding = match why_not(uses, unknown.map(|k| k.why.as_str())) {
                Some(why) => not_fixed(first.site, &shown, why).1,
                None => {
                    let dir = dir_of(&first.site.path);
                    let used = taken.entry(dir.clone()).or_insert_with(|| {
                        let mut words = words_in_dir(&dir);
                        words.extend(
                            key_directory_names(workspace)
                                .in_dir(&dir)
                                .into_iter()
                                .flatten()
                                .cloned(),
                        );
                        words
                    });
                    match convert(
                        workspace,
                        uses,
                        first,
                        (options.style.unwrap_or_default(), options.accessors),
                        used,
                    ) {
                        Ok(fix) => {
                            Finding::new(&META, first.site.key_range.clone(), message(&shown))
                                .with_fix(fix)
                        }
                        Err(why) => not_fixed(first.site, &shown, why).1,
                    }
                }
            };
            out.push((first.site.path.to_path_buf(), finding));
        }
    }
}

/// The key as the finding names it: the constant, or the literal.
fn shown_key(first: &Use<'_>) -> String {
    match (&first.site.key, first.via) {
        (_, Some(c)) => format!("`{}`", c.name),
        (Key::Literal(value), None) => value.literal.clone(),
        _ => String::new(),
    }
}

/// What is wrong with a key, in one line.
fn message(shown: &str) -> String {
    format!("the context key {shown} has a built-in type: any code using the same value reads and overwrites it, and nothing checks the value's type")
}

/// A display-only finding at `site`, saying why it is not fixed.
fn not_fixed(site: &ValueUse, shown: &str, why: String) -> (PathBuf, Finding) {
    (
        site.path.to_path_buf(),
        Finding::new(
            &META,
            site.key_range.clone(),
            format!("{} (not fixed: {why})", message(shown)),
        ),
    )
}

/// True for `gin.Context` or `*gin.Context`.
fn is_gin_context(ty: &TypeRef) -> bool {
    ty.named() == Some(("github.com/gin-gonic/gin", "Context"))
}

/// The name of a resolved type when it is predeclared (not `any` or
/// `error`).
fn builtin(ty: Option<TypeRef>) -> Option<String> {
    match ty {
        Some(TypeRef::Named { package, name })
            if package == BUILTIN && name != "any" && name != "error" =>
        {
            Some(name)
        }
        _ => None,
    }
}

/// Why the uses of one key value cannot all change together, if they
/// cannot; `unknown` is a key of the same type in the package whose value
/// ctxmod cannot tell, which may be this one.
fn why_not(uses: &[Use<'_>], unknown: Option<&str>) -> Option<String> {
    let places = |filter: &dyn Fn(&Use<'_>) -> bool| -> String {
        uses.iter()
            .filter(|u| filter(u))
            .map(|u| place(&u.site.path, u.site.line))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let packages: BTreeSet<&str> = uses.iter().map(|u| u.site.package.as_str()).collect();
    if packages.len() > 1 && !exported_constant_covers(uses) {
        let each = packages
            .iter()
            .map(|p| format!("{p} ({})", places(&|u| u.site.package == *p)))
            .collect::<Vec<_>>()
            .join("; ");
        return Some(format!(
            "it is used in {} packages, which must change together: {each}",
            packages.len()
        ));
    }
    if let Some(why) = unknown {
        return Some(why.to_string());
    }
    if let Some(g) = uses.iter().find(|u| u.gin) {
        return Some(format!(
            "{} reads it through a *gin.Context's Value, which looks string keys up in the gin keys first",
            place(&g.site.path, g.site.line)
        ));
    }
    if let Some(u) = uses.iter().find(|u| !u.site.editable) {
        return Some(format!(
            "{} uses it, in a file ctxmod does not edit",
            place(&u.site.path, u.site.line)
        ));
    }
    if !uses.iter().any(|u| u.site.access == Access::Write) {
        return Some(format!(
            "it is read ({}) but never stored in the files checked: code elsewhere may store it",
            places(&|_| true)
        ));
    }
    if !uses
        .iter()
        .any(|u| matches!(u.site.access, Access::Read(_)))
    {
        return Some(format!(
            "it is stored ({}) but never read in the files checked: code elsewhere may read it",
            places(&|_| true)
        ));
    }
    None
}

/// A key of a package whose value ctxmod does not know for sure: it may
/// be any key of its type (or of any type), or the one of its value.
struct Opaque {
    ty: Option<String>,
    value: Option<String>,
    /// Why a key it may be is not fixed.
    why: String,
}

/// The package-level names of the files ctxmod did not parse, read from
/// disk when a key names one: `Some(value)` for a constant of a
/// predeclared type with a literal value, `None` for any other name that
/// may be a built-in key.
struct ConstsOnDisk {
    /// Each package's directory, from the files that were parsed.
    dirs: HashMap<String, PathBuf>,
    /// By package: what was found.
    found: HashMap<String, PackageKeys>,
}

/// The names of a package that may be built-in keys, each with its value
/// when it is a constant's literal, and the names of typed ones.
type PackageKeys = (HashMap<String, Option<KeyValue>>, HashSet<String>);

impl ConstsOnDisk {
    fn new(workspace: &Workspace) -> ConstsOnDisk {
        let dirs = workspace
            .facts::<ValueUse>()
            .iter()
            .map(|u| (u.package.clone(), dir_of(&u.path)))
            .chain(
                workspace
                    .facts::<KeyConst>()
                    .iter()
                    .map(|c| (c.package.clone(), dir_of(&c.path))),
            )
            .collect();
        ConstsOnDisk {
            dirs,
            found: HashMap::new(),
        }
    }

    /// What the key `package.name` may be: `None` when it is not a key of
    /// a predeclared type or its package is not in the workspace,
    /// `Some(None)` when it may be any, `Some(Some(value))` for a constant.
    /// A name a parsed file declares is no such key (the workspace would
    /// know it), whatever the files on disk, which earlier fix passes may
    /// have changed, say.
    fn lookup(
        &mut self,
        workspace: &Workspace,
        package: &str,
        name: &str,
    ) -> Option<Option<KeyValue>> {
        let dir = self.dirs.get(package)?.clone();
        if key_directory_names(workspace)
            .in_dir(&dir)
            .is_some_and(|names| names.contains(name))
        {
            return None;
        }
        let (builtin, typed) = self.found.entry(package.to_string()).or_insert_with(|| {
            crate::index::facts::context_values::package_level_keys(&dir, package)
        });
        if typed.contains(name) {
            return None;
        }
        Some(builtin.get(name).cloned().flatten())
    }
}

/// True when one package declares the key as an exported constant and
/// every use in another package names that constant: retyping the
/// constant changes them all at once.
fn exported_constant_covers(uses: &[Use<'_>]) -> bool {
    let constants = constants(uses);
    let Some(home) = constants.first() else {
        return false;
    };
    constants.iter().all(|c| c.package == home.package)
        && uses
            .iter()
            .all(|u| u.site.package == home.package || u.via.is_some_and(|c| is_exported(&c.name)))
}

/// The constants the uses name, each once, in order.
fn constants<'w>(uses: &[Use<'w>]) -> Vec<&'w KeyConst> {
    let mut seen = Vec::<&KeyConst>::new();
    for c in uses.iter().filter_map(|u| u.via) {
        if !seen.iter().any(|s| std::ptr::eq(*s, c)) {
            seen.push(c);
        }
    }
    seen.sort_by_key(|c| (c.path.clone(), c.insert_at));
    seen
}

/// The fix that gives the key value of `uses` its own type, or why there
/// is none. `used` holds the words of the package, and gets the new names.
fn convert(
    workspace: &Workspace,
    uses: &[Use<'_>],
    first: &Use<'_>,
    (style, accessors): (KeyStyle, bool),
    used: &mut HashSet<String>,
) -> Result<Fix, String> {
    let constants = constants(uses);
    let mut edits: BTreeMap<PathBuf, Vec<Edit>> = BTreeMap::new();
    let mut edit = |path: &Path, e: Edit| edits.entry(path.to_path_buf()).or_default().push(e);
    let mut fresh = |base: &str| {
        // `userKey`, else `userCtxKey`, else `userKey2`, …
        let alternative = base.strip_suffix("Key").map(|stem| format!("{stem}CtxKey"));
        let mut names = vec![base];
        names.extend(alternative.as_deref());
        let name = crate::go::scope::fresh_name_among(&names, |n| used.contains(n))
            .unwrap_or_else(|| base.to_string());
        used.insert(name.clone());
        name
    };
    let (name, title);
    if let Some(home) = constants.first() {
        let dir = dir_of(&home.path);
        for c in &constants {
            if c.shared_spec {
                return Err(format!(
                    "`{}` ({}) is declared in one spec with other names",
                    c.name,
                    place(&c.path, c.line)
                ));
            }
            let named = uses
                .iter()
                .filter(|u| u.via.is_some_and(|v| std::ptr::eq(v, *c)))
                .count();
            // Other packages name an exported constant as `pkg.Name`.
            let mentions = if uses.iter().all(|u| u.site.package == c.package) {
                mentions_in_dir(&dir, &c.name)
            } else {
                mentions_in_module(&dir, &c.name)
            };
            if mentions != named + 1 {
                return Err(format!(
                    "`{}` ({}) is also used for something other than a context key",
                    c.name,
                    place(&c.path, c.line)
                ));
            }
        }
        let value = home.value.as_ref().expect("a key constant has a value");
        let ty = fresh(&format!("{}Type", home.name));
        let doc = if is_exported(&ty) {
            format!("// {ty} is the type of the context key {}.\n", home.name)
        } else {
            String::new()
        };
        edit(
            &home.path,
            Edit::insert(home.insert_at, format!("{doc}type {ty} {}\n\n", value.ty)),
        );
        for c in &constants {
            edit(
                &c.path,
                if c.type_range.is_empty() {
                    Edit::insert(c.type_range.start, format!(" {ty}"))
                } else {
                    Edit::replace(c.type_range.clone(), ty.clone())
                },
            );
        }
        name = home.name.clone();
        title = format!("give `{name}` a type of its own, `{ty}`");
    } else {
        let Key::Literal(value) = &first.site.key else {
            unreachable!("a key without a constant is a literal")
        };
        name = fresh(&key_name(name_text(value)));
        let mut declaration = match style {
            KeyStyle::Struct => format!("type {name} struct{{}}\n\n"),
            KeyStyle::Const => {
                let ty = fresh(&format!("{name}Type"));
                format!(
                    "type {ty} {}\n\nconst {name} {ty} = {}\n\n",
                    value.ty, value.literal
                )
            }
        };
        let key = match style {
            KeyStyle::Struct => format!("{name}{{}}"),
            KeyStyle::Const => name.clone(),
        };
        let accessors = accessors
            .then(|| value_type(workspace, uses, first))
            .flatten()
            .map(|ty| {
                let stem = name.strip_suffix("Key").unwrap_or(&name);
                let with = fresh(&format!("with{}{}", stem[..1].to_uppercase(), &stem[1..]));
                let from = fresh(&format!("{stem}From"));
                let context = &first.site.call.context;
                declaration.push_str(&format!(
                    "// {with} returns a copy of ctx carrying v under {key}.\n\
                     func {with}(ctx {context}.Context, v {ty}) {context}.Context {{\n\
                     \treturn {context}.WithValue(ctx, {key}, v)\n}}\n\n\
                     // {from} returns the value ctx carries under {key}, and whether it has one.\n\
                     func {from}(ctx {context}.Context) ({ty}, bool) {{\n\
                     \tv, ok := ctx.Value({key}).({ty})\n\treturn v, ok\n}}\n\n"
                ));
                (with, from)
            });
        edit(
            &first.site.path,
            Edit::insert(first.site.insert_at, declaration),
        );
        title = match &accessors {
            Some((with, from)) => format!(
                "give the key {} a type of its own, `{name}`, with `{with}` and `{from}`",
                value.literal
            ),
            None => format!("give the key {} a type of its own, `{name}`", value.literal),
        };
        for u in uses {
            let call = &u.site.call;
            let e = match (&accessors, &u.site.access, &call.comma_ok) {
                (Some((with, _)), Access::Write, _) => Edit::replace(
                    call.range.clone(),
                    format!("{with}({})", call.operands.join(", ")),
                ),
                (Some((_, from)), Access::Read(_), Some(assertion)) => {
                    Edit::replace(assertion.clone(), format!("{from}({})", call.operands[0]))
                }
                _ => Edit::replace(u.site.key_range.clone(), key.clone()),
            };
            edit(&u.site.path, e);
        }
    }
    if !constants.is_empty() {
        for u in uses.iter().filter(|u| u.via.is_none()) {
            edit(
                &u.site.path,
                Edit::replace(u.site.key_range.clone(), name.clone()),
            );
        }
    }
    // Stores rewritten to accessors may leave `context` unused.
    let change = |edits: Vec<Edit>| FileChange {
        drop_imports_if_unused: vec!["context"],
        ..FileChange::new(edits)
    };
    let home = first.site.path.to_path_buf();
    let own = edits.remove(&home).unwrap_or_default();
    let mut fix = Fix {
        change: change(own),
        ..Fix::new(Applicability::Safe, title, Vec::new())
    }
    .with_import("context")
    .declaring(0..usize::MAX, name);
    for (path, edits) in edits {
        fix = fix.also_in(path, change(edits));
    }
    Ok(fix)
}

/// The type every store and typed read of the key agree on, written as the
/// file of the first store can write it, when there is one: accessor
/// functions take and return it.
fn value_type(workspace: &Workspace, uses: &[Use<'_>], first: &Use<'_>) -> Option<String> {
    let mut ty = None;
    for u in uses {
        let here = match &u.site.access {
            Access::Write if u.site.call.has_comments => return None,
            Access::Write => workspace.resolve(&u.site.call.value_type, 0)?,
            Access::Read(_) => match &u.site.call.asserted {
                Some((t, _)) => t.clone(),
                None => continue,
            },
        };
        if ty.get_or_insert_with(|| here.clone()) != &here {
            return None;
        }
    }
    let ty = ty?;
    // As written by a read of the first store's file, else built from its
    // name when the file needs no import for it.
    let written = uses.iter().find_map(|u| match &u.site.call.asserted {
        Some((t, text)) if *t == ty && u.site.path == first.site.path => Some(text.clone()),
        _ => None,
    });
    written.or_else(|| local_type_text(&ty, &first.site.package))
}

/// How a file of `package` writes `ty` without importing anything, if it
/// can: a predeclared type or one of the package, or a pointer to one.
fn local_type_text(ty: &TypeRef, package: &str) -> Option<String> {
    match ty {
        TypeRef::Named { package: p, name } if p == BUILTIN || p == package => Some(name.clone()),
        TypeRef::Pointer(inner) => Some(format!("*{}", local_type_text(inner, package)?)),
        _ => None,
    }
}

/// The text a name is made from: a string's value, else the literal.
fn name_text(value: &KeyValue) -> &str {
    if value.ty == "string" {
        &value.value
    } else {
        &value.literal
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_come_from_the_string_key_table() {
        let options = |text: &str| {
            let set = crate::transforms::configured(text).unwrap();
            set.get::<StringKeyOptions>().cloned().unwrap_or_default()
        };
        assert_eq!(options("").style, None);
        let o = options("[string-key]\nstyle = \"const\"\n");
        assert_eq!((o.style, o.accessors), (Some(KeyStyle::Const), false));
        let o = options("[string-key]\nstyle = \"struct\"\naccessors = true\n");
        assert_eq!((o.style, o.accessors), (Some(KeyStyle::Struct), true));
        let err = crate::transforms::configured("[string-key]\nstyle = \"string\"\n")
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "ctxmod.toml:2:9: string-key.style: unknown variant `string`, expected `struct` or `const`"
        );
    }
}
