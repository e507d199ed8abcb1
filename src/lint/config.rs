//! `ctxmod.toml`: which rules run and which paths are left out. Looked up in
//! the target directory and its parents.

use anyhow::{bail, Result};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The file name ctxmod looks for.
pub const FILE_NAME: &str = "ctxmod.toml";

/// A loaded configuration.
#[derive(Debug, Default)]
pub struct Config {
    /// The file it came from, if any.
    pub path: Option<PathBuf>,
    /// If not empty, only these rules run (ids or codes).
    pub enable: Vec<String>,
    /// These rules never run (ids or codes).
    pub disable: Vec<String>,
    /// Paths left out, as globs relative to the configuration's directory.
    pub exclude: globset::GlobSet,
    /// `[thread-ctx] exported`, if set.
    pub exported: Option<crate::lint::rule::ExportedPolicy>,
    /// `[string-key] style`, if set.
    pub key_style: Option<crate::index::facts::context_values::KeyStyle>,
    /// `[string-key] accessors`.
    pub accessors: bool,
    /// `[gin-copy-detach] helper`, if set.
    pub detach_helper: Option<crate::transforms::gin::detach::SharedHelper>,
    /// `[gin-copy-detach] helper_file`, if set.
    pub helper_file: Option<String>,
    /// `[unbounded-detach] timeout`, if set.
    pub detach_timeout: Option<crate::go::duration::GoDuration>,
    /// `[thread-ctx] max-calls`, if set.
    pub thread_max_calls: Option<usize>,
    /// `[thread-ctx] background-roots`.
    pub thread_background_roots: bool,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    rules: RawRules,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    #[serde(default, rename = "thread-ctx")]
    thread_ctx: RawThreadCtx,
    #[serde(default, rename = "string-key")]
    string_key: RawStringKey,
    #[serde(default, rename = "gin-copy-detach")]
    gin_copy_detach: RawGinCopyDetach,
    #[serde(default, rename = "unbounded-detach")]
    unbounded_detach: RawUnboundedDetach,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawGinCopyDetach {
    helper: Option<Spanned<String>>,
    helper_file: Option<Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawUnboundedDetach {
    timeout: Option<Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawStringKey {
    style: Option<crate::index::facts::context_values::KeyStyle>,
    #[serde(default)]
    accessors: bool,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawThreadCtx {
    exported: Option<crate::lint::rule::ExportedPolicy>,
    #[serde(rename = "max-calls")]
    max_calls: Option<usize>,
    #[serde(default, rename = "background-roots")]
    background_roots: bool,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawRules {
    #[serde(default)]
    enable: Vec<Spanned<String>>,
    #[serde(default)]
    disable: Vec<Spanned<String>>,
}

impl Config {
    /// Finds `ctxmod.toml` in `start` (or its directory, for a file) or the
    /// nearest parent, and loads it; no file gives the default.
    pub fn discover(start: &Path, known_rule: impl Fn(&str) -> bool) -> Result<Config> {
        let start = crate::go::gomod::absolute(start);
        let mut dir = if start.is_dir() {
            Some(start.as_path())
        } else {
            start.parent()
        };
        while let Some(d) = dir {
            let candidate = d.join(FILE_NAME);
            if candidate.is_file() {
                let text = std::fs::read_to_string(&candidate)
                    .map_err(|e| anyhow::anyhow!("{}: {e}", candidate.display()))?;
                return Config::parse(&candidate, &text, known_rule);
            }
            dir = d.parent();
        }
        Ok(Config::default())
    }

    /// Parses the text of a configuration file at `path`.
    pub fn parse(path: &Path, text: &str, known_rule: impl Fn(&str) -> bool) -> Result<Config> {
        let shown = path.display();
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let start = e.span().map_or(0, |s| s.start);
            let (line, col) = crate::go::source::line_col(text, start);
            let key = key_at(text, start);
            let key = if key.is_empty() { key } else { key + ": " };
            anyhow::anyhow!("{shown}:{line}:{col}: {key}{}", e.message().trim())
        })?;
        let check = |key: &str, names: &[Spanned<String>]| -> Result<Vec<String>> {
            for name in names {
                if !known_rule(name.get_ref()) {
                    let (line, col) = crate::go::source::line_col(text, name.span().start);
                    bail!(
                        "{shown}:{line}:{col}: {key}: unknown rule `{}` (see `ctxmod rules`)",
                        name.get_ref()
                    );
                }
            }
            Ok(names.iter().map(|n| n.get_ref().clone()).collect())
        };
        let enable = check("rules.enable", &raw.rules.enable)?;
        let disable = check("rules.disable", &raw.rules.disable)?;
        let mut globs = globset::GlobSetBuilder::new();
        for pattern in &raw.exclude {
            let glob = globset::GlobBuilder::new(pattern.get_ref())
                .literal_separator(true)
                .build()
                .map_err(|e| {
                    let (line, col) = crate::go::source::line_col(text, pattern.span().start);
                    anyhow::anyhow!("{shown}:{line}:{col}: exclude: {e}")
                })?;
            globs.add(glob);
        }
        let at = |span: std::ops::Range<usize>, key: &str, e: String| {
            let (line, col) = crate::go::source::line_col(text, span.start);
            anyhow::anyhow!("{shown}:{line}:{col}: gin-copy-detach.{key}: {e}")
        };
        let detach_helper = match &raw.gin_copy_detach.helper {
            Some(h) => Some(
                crate::transforms::gin::detach::SharedHelper::parse(h.get_ref())
                    .map_err(|e| at(h.span(), "helper", e))?,
            ),
            None => None,
        };
        let helper_file = match &raw.gin_copy_detach.helper_file {
            Some(f) => Some(
                crate::transforms::gin::detach::check_helper_file(f.get_ref())
                    .map_err(|e| at(f.span(), "helper_file", e))?,
            ),
            None => None,
        };
        let detach_timeout = match &raw.unbounded_detach.timeout {
            Some(timeout) => Some(timeout.get_ref().parse().map_err(|e| {
                let (line, col) = crate::go::source::line_col(text, timeout.span().start);
                anyhow::anyhow!("{shown}:{line}:{col}: unbounded-detach.timeout: {e}")
            })?),
            None => None,
        };
        Ok(Config {
            path: Some(path.to_path_buf()),
            detach_helper,
            helper_file,
            enable,
            disable,
            exclude: globs.build()?,
            exported: raw.thread_ctx.exported,
            thread_max_calls: raw.thread_ctx.max_calls,
            thread_background_roots: raw.thread_ctx.background_roots,
            key_style: raw.string_key.style,
            accessors: raw.string_key.accessors,
            detach_timeout,
        })
    }

    /// True when `path` matches an `exclude` glob (relative to the
    /// configuration's directory).
    pub fn is_excluded(&self, path: &Path) -> bool {
        let Some(dir) = self.path.as_ref().and_then(|p| p.parent()) else {
            return false;
        };
        let abs = crate::go::gomod::absolute(path);
        match abs.strip_prefix(dir) {
            // A glob naming a directory (`gen`, `**/mocks`) leaves out
            // everything under it.
            Ok(rel) => rel
                .ancestors()
                .filter(|p| !p.as_os_str().is_empty())
                .any(|p| self.exclude.is_match(p)),
            Err(_) => false,
        }
    }
}

/// The dotted key an error at byte `offset` is about (`rules.enable`): the
/// last `[table]` header before it and the `key =` of its line or, inside a
/// value spanning lines, of the line that began the value. Empty when there
/// is none, as before the first key.
fn key_at(text: &str, offset: usize) -> String {
    let offset = offset.min(text.len());
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let bare = |k: &str| {
        !k.is_empty()
            && k.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ' '))
    };
    let (mut table, mut key) = ("", "");
    for line in text[..line_end].lines().map(str::trim) {
        if let Some(header) = line.strip_prefix('[') {
            let name = header
                .trim_start_matches('[')
                .split(']')
                .next()
                .unwrap_or("");
            if bare(name.trim()) {
                (table, key) = (name.trim(), "");
            }
        } else if let Some((k, _)) = line.split_once('=') {
            if bare(k.trim()) {
                key = k.trim();
            }
        }
    }
    [table, key]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(".")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(name: &str) -> bool {
        matches!(name, "lost-cancel" | "CTX005" | "nil-ctx")
    }

    #[test]
    fn parses_rules_and_excludes() {
        let c = Config::parse(
            Path::new("/w/ctxmod.toml"),
            "exclude = [\"gen/**\"]\n[rules]\ndisable = [\"CTX005\"]\n",
            known,
        )
        .unwrap();
        assert_eq!(c.disable, vec!["CTX005"]);
        assert!(c.is_excluded(Path::new("/w/gen/a/b.go")));
        assert!(!c.is_excluded(Path::new("/w/src/b.go")));
    }

    #[test]
    fn thread_ctx_churn_limits() {
        let parse = |text: &str| Config::parse(Path::new("ctxmod.toml"), text, known);
        let c = parse("").unwrap();
        assert_eq!(
            (c.thread_max_calls, c.thread_background_roots),
            (None, false)
        );
        let c = parse("[thread-ctx]\nmax-calls = 200\nbackground-roots = true\n").unwrap();
        assert_eq!(
            (c.thread_max_calls, c.thread_background_roots),
            (Some(200), true)
        );
        assert!(parse("[thread-ctx]\nmax-calls = \"many\"\n").is_err());
    }

    #[test]
    fn exported_policy() {
        let c = Config::parse(
            Path::new("ctxmod.toml"),
            "[thread-ctx]\nexported = \"skip\"\n",
            known,
        )
        .unwrap();
        assert_eq!(c.exported, Some(crate::lint::rule::ExportedPolicy::Skip));
        let c = Config::parse(
            Path::new("ctxmod.toml"),
            "[thread-ctx]\nexported = \"wrap\"\n",
            known,
        )
        .unwrap();
        assert_eq!(c.exported, Some(crate::lint::rule::ExportedPolicy::Wrap));
        let err = Config::parse(
            Path::new("ctxmod.toml"),
            "[thread-ctx]\nexported = \"rewrite\"\n",
            known,
        )
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("ctxmod.toml:2:"), "{err}");
        assert!(err.contains("exported") && err.contains("rewrite"), "{err}");
    }

    #[test]
    fn key_style() {
        use crate::index::facts::context_values::KeyStyle;
        let parse = |text: &str| Config::parse(Path::new("ctxmod.toml"), text, known);
        assert_eq!(parse("").unwrap().key_style, None);
        let c = parse("[string-key]\nstyle = \"const\"\n").unwrap();
        assert_eq!(c.key_style, Some(KeyStyle::Const));
        let c = parse("[string-key]\nstyle = \"struct\"\n").unwrap();
        assert_eq!(c.key_style, Some(KeyStyle::Struct));
        assert!(!c.accessors);
        assert!(parse("[string-key]\naccessors = true\n").unwrap().accessors);
        let err = parse("[string-key]\nstyle = \"string\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("ctxmod.toml:2:"), "{err}");
        assert!(err.contains("style") && err.contains("string"), "{err}");
    }

    #[test]
    fn detach_helper() {
        let parse = |text: &str| Config::parse(Path::new("ctxmod.toml"), text, known);
        let c = parse(
            "[gin-copy-detach]\nhelper = \"example.com/app/ginx.Detach\"\nhelper_file = \"gin_detach.go\"\n",
        )
        .unwrap();
        let helper = c.detach_helper.unwrap();
        assert_eq!(
            (helper.path, helper.name),
            ("example.com/app/ginx", "Detach")
        );
        assert_eq!(c.helper_file.as_deref(), Some("gin_detach.go"));
        let err = parse("[gin-copy-detach]\nhelper = \"example.com/app/ginx.detach\"\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("ctxmod.toml:2:10: gin-copy-detach.helper: "),
            "{err}"
        );
        let err = parse("[gin-copy-detach]\nhelper_file = \"sub/x.go\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("gin-copy-detach.helper_file"), "{err}");
    }

    #[test]
    fn detach_timeout() {
        let parse = |text: &str| Config::parse(Path::new("ctxmod.toml"), text, known);
        assert_eq!(parse("").unwrap().detach_timeout, None);
        let c = parse("[unbounded-detach]\ntimeout = \"2m\"\n").unwrap();
        assert_eq!(c.detach_timeout.unwrap().go_expr("time"), "2*time.Minute");
        let err = parse("[unbounded-detach]\ntimeout = \"soon\"\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("ctxmod.toml:2:11: unbounded-detach.timeout: invalid duration"),
            "{err}"
        );
        let err = parse("[unbounded-detach]\ntimeout = \"0s\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("must be positive"), "{err}");
    }

    #[test]
    fn unknown_key_names_file_line_and_key() {
        let err = Config::parse(Path::new("ctxmod.toml"), "[rules]\nenabled = []\n", known)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("ctxmod.toml:2:1:"), "{err}");
        assert!(err.contains("enabled"), "{err}");
    }

    #[test]
    fn type_errors_name_the_key() {
        let err = Config::parse(
            Path::new("ctxmod.toml"),
            "exclude = []\n[rules]\ndisable = [\n  \"CTX005\",\n  3,\n]\n",
            known,
        )
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("ctxmod.toml:5:3: rules.disable: "), "{err}");
        assert_eq!(key_at("exclude = [\"a\"\n", 14), "exclude");
        assert_eq!(key_at("# note\n", 3), "");
    }

    #[test]
    fn directory_globs_exclude_what_is_under_them() {
        let c = Config::parse(
            Path::new("/w/ctxmod.toml"),
            "exclude = [\"legacy\", \"**/mocks\"]\n",
            known,
        )
        .unwrap();
        assert!(c.is_excluded(Path::new("/w/legacy/a.go")));
        assert!(c.is_excluded(Path::new("/w/svc/mocks/deep/m.go")));
        assert!(!c.is_excluded(Path::new("/w/svc/legacy.go")));
    }

    #[test]
    fn unknown_rule_names_line() {
        let err = Config::parse(
            Path::new("ctxmod.toml"),
            "[rules]\nenable = [\"lost-cancel\",\n  \"nope\"]\n",
            known,
        )
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("ctxmod.toml:3:3: rules.enable"), "{err}");
    }
}
