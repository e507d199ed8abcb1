//! The properties every input is checked against, and a violation of
//! one, with the one-line summary that names its class.

/// A property checked on every input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Property {
    /// ctxmod exits 0, 1 or 2, and prints no panic.
    NoCrash,
    /// ctxmod ends within the time bound.
    NoHang,
    /// The JSON ctxmod prints parses and matches the schema.
    Json,
    /// A file that `fix` reports no change for keeps its bytes.
    Untouched,
    /// A Go file `gofmt -e` accepted before the fix, it accepts after.
    Parses,
    /// A module `go vet` type-checked before the fix, it type-checks after.
    Compiles,
}

impl Property {
    /// Every property, in the order summaries list them.
    pub const ALL: [Property; 6] = [
        Property::NoCrash,
        Property::NoHang,
        Property::Json,
        Property::Untouched,
        Property::Parses,
        Property::Compiles,
    ];

    /// Its name in reports and reproducer directories.
    pub fn name(self) -> &'static str {
        match self {
            Property::NoCrash => "no-crash",
            Property::NoHang => "no-hang",
            Property::Json => "json",
            Property::Untouched => "untouched",
            Property::Parses => "parses",
            Property::Compiles => "compiles",
        }
    }

    /// What is counted each time it is checked.
    pub fn unit(self) -> &'static str {
        match self {
            Property::NoCrash | Property::NoHang | Property::Json => "runs",
            Property::Untouched => "fix runs",
            Property::Parses => "changed files (gofmt -e)",
            Property::Compiles => "changed modules (go vet)",
        }
    }

    /// Its index in per-property counts.
    pub fn index(self) -> usize {
        self as usize
    }
}

/// The ctxmod command a violation came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// `ctxmod check --format json`.
    Check,
    /// `ctxmod fix --unsafe --write --format json`.
    Fix,
}

impl Step {
    /// The ctxmod subcommand.
    pub fn name(self) -> &'static str {
        match self {
            Step::Check => "check",
            Step::Fix => "fix",
        }
    }
}

/// A property that did not hold.
#[derive(Clone, Debug)]
pub struct Violation {
    /// Which property.
    pub property: Property,
    /// The command it came from.
    pub step: Step,
    /// One line, without places or numbers: with the property, the class.
    pub summary: String,
    /// What was seen, in full (a panic message, gofmt's errors, …).
    pub detail: String,
}

impl Violation {
    /// A violation whose summary is made from `message`.
    pub fn new(property: Property, step: Step, message: &str, detail: String) -> Violation {
        Violation {
            property,
            step,
            summary: summarise(message),
            detail,
        }
    }

    /// The class: violations of one class are one defect, most likely.
    pub fn class(&self) -> String {
        format!("{}: {}", self.property.name(), self.summary)
    }
}

/// The first line of `message` without a leading `file:line:col: ` (and
/// `vet: `), parenthesised asides or numbers, cut to eight words.
pub fn summarise(message: &str) -> String {
    let line = message.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut line = line.trim().trim_start_matches("vet: ");
    if let Some(at) = line.find(".go:") {
        let rest = &line[at + 4..];
        let text = rest.trim_start_matches(|c: char| c.is_ascii_digit() || c == ':');
        line = text.trim();
    }
    let mut out = String::new();
    let mut depth = 0usize;
    for c in line.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            c if c.is_ascii_digit() => {
                if !out.ends_with('N') {
                    out.push('N');
                }
            }
            c => out.push(c),
        }
    }
    out.split_whitespace().take(8).collect::<Vec<_>>().join(" ")
}
