//! Which identifiers a file holds, kept as a small sorted set of hashes, so
//! that the engine can tell without reading a file again that it cannot
//! name a function it looks for.

/// The identifiers of one file, hashed. A name whose hash is not in the set
/// is not in the file; one whose hash is may be (hashes can collide), which
/// reading the file settles.
#[derive(Debug, Clone, Default)]
pub struct Identifiers(Vec<u64>);

impl Identifiers {
    /// The identifiers of `text`: every maximal run of letters, digits and
    /// `_` that does not start with a digit, wherever it is (comments and
    /// strings included). Any non-ASCII byte counts as a letter: Go code
    /// has other characters only in strings and comments.
    pub fn of(text: &str) -> Identifiers {
        let bytes = text.as_bytes();
        let is_ident = crate::syntax::is_identifier_byte;
        let mut hashes = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if !is_ident(bytes[i]) {
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && is_ident(bytes[i]) {
                i += 1;
            }
            if !bytes[start].is_ascii_digit() {
                hashes.push(hash(&bytes[start..i]));
            }
        }
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
