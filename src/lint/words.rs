//! English words for messages: nouns that agree with their count.

/// `word`, or its plural when `n` is not 1 (`fixes` for `fix`).
pub fn noun(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_string()
    } else if word.ends_with('x') {
        format!("{word}es")
    } else {
        format!("{word}s")
    }
}

/// `n word` or `n words`.
pub fn count(n: usize, word: &str) -> String {
    format!("{n} {}", noun(n, word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nouns_agree_with_their_count() {
        assert_eq!(count(1, "fix"), "1 fix");
        assert_eq!(count(2, "fix"), "2 fixes");
        assert_eq!(count(0, "finding"), "0 findings");
        assert_eq!(noun(3, "call"), "calls");
    }
}
