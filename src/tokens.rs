//! Which identifiers a file holds, kept as a small sorted set of hashes, so
//! that the engine can tell without reading a file again that it cannot
//! name a function it looks for.

/// The identifiers of one file, hashed. A name whose hash is not in the set
/// is not in the file; one whose hash is may be (hashes can collide), which
/// reading the file settles.
#[derive(Debug, Clone, Default)]
pub struct Identifiers(Vec<u64>);

impl Identifiers {
    /// The identifiers of `text` ([`crate::syntax::identifiers`]).
    pub fn of(text: &str) -> Identifiers {
        let mut hashes: Vec<u64> = crate::syntax::identifiers(text)
            .map(|(_, word)| hash(word.as_bytes()))
            .collect();
        hashes.sort_unstable();
        hashes.dedup();
        Identifiers(hashes)
    }

    /// False when the file certainly does not hold `name` as an identifier.
    pub fn may_hold(&self, name: &str) -> bool {
        self.0.binary_search(&hash(name.as_bytes())).is_ok()
    }
}

/// FNV-1a, 64 bits: fast on short identifiers, and stable across runs.
fn hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_identifiers_only() {
        let ids = Identifiers::of("s := NewServer(cfg) // Renew x.New()\n_ = 9lives + café");
        for name in ["s", "NewServer", "cfg", "Renew", "x", "New", "_", "café"] {
            assert!(ids.may_hold(name), "{name}");
        }
        for name in ["Server", "Re", "new", "lives", "9lives", "NewServ", "caf"] {
            assert!(!ids.may_hold(name), "{name}");
        }
    }
}
