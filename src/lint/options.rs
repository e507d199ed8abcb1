//! A rule's options: one struct beside the rule, read from the rule's table
//! in `ctxmod.toml` (`[string-key]`) and, deriving `clap::Args`, taken as
//! its command-line flags.
//!
//! A rule declares its options with `Rule::options` (in the rule module);
//! the configuration parses the table of every rule that does, by the
//! table's name, into an [`OptionSet`]; the command line's values are
//! merged over the file's ([`RuleOptions::merge`]), and a rule reads its
//! own with `Settings::options`.

use std::any::{Any, TypeId};
use std::fmt::Debug;
use std::marker::PhantomData;
use toml::de::{DeValue, ValueDeserializer};
use toml::Spanned;

/// The options of a rule (or of the rules that share them). Its
/// `Deserialize` reads the rule's table and checks each value, so that an
/// error names the key it is about.
pub trait RuleOptions:
    serde::de::DeserializeOwned + Clone + Default + Debug + Send + Sync + 'static
{
    /// The name of the table in `ctxmod.toml`: the id of the rule.
    const TABLE: &'static str;

    /// These options, given on the command line, over `file`'s, read from
    /// `ctxmod.toml`: a flag given wins over the file's value.
    fn merge(self, file: Self) -> Self;
}

/// How a rule declares its options: the table it reads, parsed into a
/// value of its options' type. Made by [`table`].
pub trait OptionsTable: Sync {
    /// The table's name ([`RuleOptions::TABLE`]).
    fn name(&self) -> &'static str;
    /// Reads the table (a value of the document [`toml::de::DeTable::parse`]
    /// read, so that errors carry spans into its text).
    fn parse(&self, table: Spanned<DeValue<'_>>) -> Result<Box<dyn AnyOptions>, toml::de::Error>;
}

/// The [`OptionsTable`] of the options `T`.
pub const fn table<T: RuleOptions>() -> &'static dyn OptionsTable {
    &Table::<T>(PhantomData)
}

struct Table<T>(PhantomData<fn() -> T>);

impl<T: RuleOptions> OptionsTable for Table<T> {
    fn name(&self) -> &'static str {
        T::TABLE
    }

    fn parse(&self, table: Spanned<DeValue<'_>>) -> Result<Box<dyn AnyOptions>, toml::de::Error> {
        let options: T = serde::Deserialize::deserialize(ValueDeserializer::from(table))?;
        Ok(Box::new(options))
    }
}

/// The options of some rule, whichever: what an [`OptionSet`] holds.
pub trait AnyOptions: Debug + Send + Sync {
    /// The value, to be downcast to its type.
    fn as_any(&self) -> &dyn Any;
    /// A copy.
    fn clone_box(&self) -> Box<dyn AnyOptions>;
    /// These options, from the command line, merged over `file`'s (of the
    /// same type).
    fn merge_box(&self, file: &dyn AnyOptions) -> Box<dyn AnyOptions>;
}

impl<T: RuleOptions> AnyOptions for T {
    fn as_any(&self) -> &dyn Any {
        self
    }

    fn clone_box(&self) -> Box<dyn AnyOptions> {
        Box::new(self.clone())
    }

    fn merge_box(&self, file: &dyn AnyOptions) -> Box<dyn AnyOptions> {
        let file = file.as_any().downcast_ref::<T>().cloned();
        Box::new(self.clone().merge(file.unwrap_or_default()))
    }
}

/// Options of several rules, at most one value of each type.
#[derive(Debug, Default)]
pub struct OptionSet {
    values: Vec<Box<dyn AnyOptions>>,
}

impl Clone for OptionSet {
    fn clone(&self) -> OptionSet {
        OptionSet {
            values: self.values.iter().map(|v| v.clone_box()).collect(),
        }
    }
}

impl OptionSet {
    /// The options of type `T`, if the set has them.
    pub fn get<T: RuleOptions>(&self) -> Option<&T> {
        self.values
            .iter()
            .find_map(|v| v.as_any().downcast_ref::<T>())
    }

    /// Sets the options of type `T`, replacing any.
    pub fn set<T: RuleOptions>(&mut self, options: T) {
        self.insert(Box::new(options));
    }

    /// Sets the options of `options`'s type, replacing any.
    pub fn insert(&mut self, options: Box<dyn AnyOptions>) {
        let ty = options.as_any().type_id();
        self.values.retain(|v| v.as_any().type_id() != ty);
        self.values.push(options);
    }

    /// These options, read from `ctxmod.toml`, with `command_line`'s over
    /// them: each type both have is merged ([`RuleOptions::merge`]).
    pub fn overridden_by(mut self, command_line: &OptionSet) -> OptionSet {
        for given in &command_line.values {
            let ty: TypeId = given.as_any().type_id();
            let merged = match self.values.iter().find(|v| v.as_any().type_id() == ty) {
                Some(file) => given.merge_box(file.as_ref()),
                None => given.clone_box(),
            };
            self.insert(merged);
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Clone, Default, Debug, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Limits {
        most: Option<usize>,
        #[serde(default)]
        all: bool,
    }

    impl RuleOptions for Limits {
        const TABLE: &'static str = "limits";

        fn merge(self, file: Limits) -> Limits {
            Limits {
                most: self.most.or(file.most),
                all: self.all || file.all,
            }
        }
    }

    #[test]
    fn the_command_line_wins_over_the_file() {
        let mut file = OptionSet::default();
        assert_eq!(file.get::<Limits>(), None);
        file.set(Limits {
            most: Some(3),
            all: true,
        });
        let mut flags = OptionSet::default();
        flags.set(Limits {
            most: Some(5),
            all: false,
        });
        let merged = file.clone().overridden_by(&flags);
        assert_eq!(
            merged.get::<Limits>(),
            Some(&Limits {
                most: Some(5),
                all: true
            })
        );
        // Flags not given leave the file's values.
        let merged = file.overridden_by(&OptionSet::default());
        assert_eq!(merged.get::<Limits>().and_then(|l| l.most), Some(3));
    }

    #[test]
    fn a_table_parses_into_its_type() {
        let table = table::<Limits>();
        assert_eq!(table.name(), "limits");
        let text = "[limits]\nmost = 4\n";
        let root = toml::de::DeTable::parse(text).unwrap().into_inner();
        let (_, value) = root.into_iter().next().unwrap();
        let mut set = OptionSet::default();
        set.insert(table.parse(value).unwrap());
        assert_eq!(set.get::<Limits>().and_then(|l| l.most), Some(4));
    }
}
