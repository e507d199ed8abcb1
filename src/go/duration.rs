//! Go durations as options take them (`30s`, `2m`, `1h30m`, Go's
//! `time.ParseDuration` syntax) and as the Go code a fix writes
//! (`30*time.Second`).

use std::fmt;
use std::str::FromStr;

/// A positive duration, in nanoseconds. An option's value deserialises
/// from the same syntax, its errors the parser's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(try_from = "String")]
pub struct GoDuration {
    nanos: u64,
}

/// Go's duration units, largest first, with their `time` constant.
const UNITS: &[(u64, &str)] = &[
    (3_600_000_000_000, "Hour"),
    (60_000_000_000, "Minute"),
    (1_000_000_000, "Second"),
    (1_000_000, "Millisecond"),
    (1_000, "Microsecond"),
    (1, "Nanosecond"),
];

impl GoDuration {
    /// A duration of `seconds` seconds.
    pub const fn seconds(seconds: u64) -> GoDuration {
        GoDuration {
            nanos: seconds * 1_000_000_000,
        }
    }

    /// Go code for the duration, the `time` package being named `time` in
    /// the file: `30*time.Second`, `time.Minute`, `90*time.Minute`.
    pub fn go_expr(&self, time: &str) -> String {
        let (size, unit) = UNITS
            .iter()
            .find(|(size, _)| self.nanos % size == 0)
            .expect("a nanosecond divides every duration");
        match self.nanos / size {
            1 => format!("{time}.{unit}"),
            n => format!("{n}*{time}.{unit}"),
        }
    }
}

impl FromStr for GoDuration {
    type Err = String;

    /// Parses a sequence of decimal numbers, each with a unit (`ns`, `us`,
    /// `µs`, `ms`, `s`, `m`, `h`), as Go's `time.ParseDuration` does; the
    /// total must be positive.
    fn from_str(text: &str) -> Result<GoDuration, String> {
        let invalid = || format!("invalid duration `{text}` (expected e.g. 30s, 2m, 1h30m)");
        if text.starts_with('-') || text.trim_start_matches(['0', '.', '+']).is_empty() {
            return Err(format!("the duration `{text}` must be positive"));
        }
        let mut rest = text.strip_prefix('+').unwrap_or(text);
        let mut total: u128 = 0;
        while !rest.is_empty() {
            let number_len = rest
                .find(|c: char| !c.is_ascii_digit() && c != '.')
                .ok_or_else(invalid)?;
            let (number, tail) = rest.split_at(number_len);
            let unit_len = tail
                .find(|c: char| c.is_ascii_digit() || c == '.')
                .unwrap_or(tail.len());
            let (unit, tail) = tail.split_at(unit_len);
            let size: u128 = match unit {
                "ns" => 1,
                "us" | "µs" | "μs" => 1_000,
                "ms" => 1_000_000,
                "s" => 1_000_000_000,
                "m" => 60_000_000_000,
                "h" => 3_600_000_000_000,
                _ => return Err(invalid()),
            };
            let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
            if (whole.is_empty() && fraction.is_empty()) || fraction.contains('.') {
                return Err(invalid());
            }
            let whole: u128 = if whole.is_empty() {
                0
            } else {
                whole.parse().map_err(|_| invalid())?
            };
            let mut part = whole.checked_mul(size).ok_or_else(invalid)?;
            let mut scale = size;
            for digit in fraction.bytes() {
                scale /= 10;
                part += u128::from(digit - b'0') * scale;
            }
            total = total.checked_add(part).ok_or_else(invalid)?;
            rest = tail;
        }
        match u64::try_from(total) {
            Ok(0) => Err(format!("the duration `{text}` must be positive")),
            Ok(nanos) if nanos <= i64::MAX as u64 => Ok(GoDuration { nanos }),
            _ => Err(format!("the duration `{text}` is too long")),
        }
    }
}

impl TryFrom<String> for GoDuration {
    type Error = String;

    fn try_from(text: String) -> Result<GoDuration, String> {
        text.parse()
    }
}

impl fmt::Display for GoDuration {
    /// Writes the duration as Go code with the package named `time`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.go_expr("time"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn go(text: &str) -> Result<String, String> {
        text.parse::<GoDuration>().map(|d| d.go_expr("time"))
    }

    #[test]
    fn parses_go_syntax_into_the_largest_whole_unit() {
        assert_eq!(go("30s").unwrap(), "30*time.Second");
        assert_eq!(go("2m").unwrap(), "2*time.Minute");
        assert_eq!(go("1h").unwrap(), "time.Hour");
        assert_eq!(go("1h30m").unwrap(), "90*time.Minute");
        assert_eq!(go("1.5s").unwrap(), "1500*time.Millisecond");
        assert_eq!(go("120s").unwrap(), "2*time.Minute");
        assert_eq!(go("250ms").unwrap(), "250*time.Millisecond");
        assert_eq!(go("10µs").unwrap(), "10*time.Microsecond");
        assert_eq!(go("7ns").unwrap(), "7*time.Nanosecond");
        assert_eq!(go(".5h").unwrap(), "30*time.Minute");
        assert_eq!(GoDuration::seconds(30).to_string(), "30*time.Second");
    }

    #[test]
    fn rejects_what_go_rejects_and_zero() {
        for bad in ["", "30", "s", "3x", "1.2.3s", "-5s", "0s", "0", "1..s"] {
            assert!(go(bad).is_err(), "{bad} parsed");
        }
        assert!(go("0s").unwrap_err().contains("positive"));
        assert!(go("99999999999h").unwrap_err().contains("too long"));
    }
}
