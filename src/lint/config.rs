//! `ctxmod.toml`: which rules run, which paths are left out, and the
//! options of rules, each in the rule's table. Looked up in the target
//! directory and its parents.

use crate::lint::options::{OptionSet, OptionsTable};
use anyhow::{bail, Result};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use toml::de::{DeTable, ValueDeserializer};
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
    /// The options of the rules whose tables the file has
    /// ([`crate::lint::options`]).
    pub options: OptionSet,
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
    /// nearest parent, and loads it; no file gives the default. `tables`
    /// are the rules' option tables ([`crate::lint::rule::Rule::options`]).
    pub fn discover(
        start: &Path,
        known_rule: impl Fn(&str) -> bool,
        tables: &[&'static dyn OptionsTable],
    ) -> Result<Config> {
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
                return Config::parse(&candidate, &text, known_rule, tables);
            }
            dir = d.parent();
        }
        Ok(Config::default())
    }

    /// Parses the text of a configuration file at `path`: `[rules]`,
    /// `exclude`, and the table of each of `tables`.
    pub fn parse(
        path: &Path,
        text: &str,
        known_rule: impl Fn(&str) -> bool,
        tables: &[&'static dyn OptionsTable],
    ) -> Result<Config> {
        let shown = path.display();
        let error_at = |start: usize, message: &str| {
            let (line, col) = crate::go::source::line_col(text, start);
            let key = key_at(text, start);
            let key = if key.is_empty() { key } else { key + ": " };
            anyhow::anyhow!("{shown}:{line}:{col}: {key}{}", message.trim())
        };
        let toml_error =
            |e: toml::de::Error| error_at(e.span().map_or(0, |s| s.start), e.message());
        // The top-level keys in the order serde visits a table's (sorted),
        // the first wrong one an error.
        let (mut rules, mut exclude) = (RawRules::default(), Vec::<Spanned<String>>::new());
        let mut options = OptionSet::default();
        for (key, value) in DeTable::parse(text).map_err(toml_error)?.into_inner() {
            match key.get_ref().as_ref() {
                "rules" => {
                    rules = RawRules::deserialize(ValueDeserializer::from(value))
                        .map_err(toml_error)?;
                }
                "exclude" => {
                    exclude =
                        Vec::deserialize(ValueDeserializer::from(value)).map_err(toml_error)?;
                }
                name => match tables.iter().find(|t| t.name() == name) {
                    Some(table) => options.insert(table.parse(value).map_err(toml_error)?),
                    None => return Err(error_at(key.span().start, &unknown_key(name, tables))),
                },
            }
        }
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
        let enable = check("rules.enable", &rules.enable)?;
        let disable = check("rules.disable", &rules.disable)?;
        let mut globs = globset::GlobSetBuilder::new();
        for pattern in &exclude {
            let glob = globset::GlobBuilder::new(pattern.get_ref())
                .literal_separator(true)
                .build()
                .map_err(|e| {
                    let (line, col) = crate::go::source::line_col(text, pattern.span().start);
                    anyhow::anyhow!("{shown}:{line}:{col}: exclude: {e}")
                })?;
            globs.add(glob);
        }
        Ok(Config {
            path: Some(path.to_path_buf()),
            enable,
            disable,
            exclude: globs.build()?,
            options,
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

/// The error for a top-level key that is neither `rules`, `exclude` nor the
/// table of a rule's options, naming those (as serde names the fields of a
/// struct).
fn unknown_key(name: &str, tables: &[&'static dyn OptionsTable]) -> String {
    let expected: Vec<String> = ["rules", "exclude"]
        .into_iter()
        .chain(tables.iter().map(|t| t.name()))
        .map(|key| format!("`{key}`"))
        .collect();
    match expected.as_slice() {
        [first, second] => format!("unknown field `{name}`, expected {first} or {second}"),
        _ => format!(
            "unknown field `{name}`, expected one of {}",
            expected.join(", ")
        ),
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
            &[],
        )
        .unwrap();
        assert_eq!(c.disable, vec!["CTX005"]);
        assert!(c.is_excluded(Path::new("/w/gen/a/b.go")));
        assert!(!c.is_excluded(Path::new("/w/src/b.go")));
    }

    /// Options as a rule declares them, with a value its `Deserialize`
    /// checks.
    #[derive(Deserialize, Clone, Default, Debug, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Limits {
        most: Option<usize>,
        #[serde(default, deserialize_with = "exported_name")]
        name: Option<String>,
    }

    fn exported_name<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        let name = String::deserialize(d)?;
        match crate::go::syntax::is_exported(&name) {
            true => Ok(Some(name)),
            false => Err(serde::de::Error::custom(format!(
                "`{name}` is not exported"
            ))),
        }
    }

    impl crate::lint::options::RuleOptions for Limits {
        const TABLE: &'static str = "lost-cancel";

        fn merge(self, file: Limits) -> Limits {
            Limits {
                most: self.most.or(file.most),
                name: self.name.or(file.name),
            }
        }
    }

    fn parse_limits(text: &str) -> Result<Config> {
        let tables = [crate::lint::options::table::<Limits>()];
        Config::parse(Path::new("ctxmod.toml"), text, known, &tables)
    }

    #[test]
    fn a_rule_table_parses_into_its_options() {
        let c = parse_limits("").unwrap();
        assert_eq!(c.options.get::<Limits>(), None);
        let c = parse_limits("[lost-cancel]\nmost = 200\nname = \"Detach\"\n").unwrap();
        let want = Limits {
            most: Some(200),
            name: Some("Detach".into()),
        };
        assert_eq!(c.options.get::<Limits>(), Some(&want));
        let err = parse_limits("[lost-cancel]\nmost = \"many\"\n")
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "ctxmod.toml:2:8: lost-cancel.most: invalid type: string \"many\", expected usize"
        );
        // The options' own checks name their place.
        let err = parse_limits("[lost-cancel]\nname = \"detach\"\n")
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "ctxmod.toml:2:8: lost-cancel.name: `detach` is not exported"
        );
        let err = parse_limits("[lost-cancel]\nleast = 1\n")
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "ctxmod.toml:2:1: lost-cancel.least: unknown field `least`, expected `most` or `name`"
        );
    }

    #[test]
    fn an_unknown_table_names_the_known_ones() {
        let err = parse_limits("exclude = []\n[nil-ctx]\nmost = 1\n")
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "ctxmod.toml:2:2: nil-ctx: unknown field `nil-ctx`, expected one of `rules`, `exclude`, `lost-cancel`"
        );
        let err = Config::parse(Path::new("ctxmod.toml"), "verbose = true\n", known, &[])
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "ctxmod.toml:1:1: verbose: unknown field `verbose`, expected `rules` or `exclude`"
        );
    }

    #[test]
    fn unknown_key_names_file_line_and_key() {
        let err = Config::parse(
            Path::new("ctxmod.toml"),
            "[rules]\nenabled = []\n",
            known,
            &[],
        )
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
            &[],
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
            &[],
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
            &[],
        )
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("ctxmod.toml:3:3: rules.enable"), "{err}");
    }
}
