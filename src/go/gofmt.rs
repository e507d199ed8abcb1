//! gofmt, when it is installed: a fix that makes a one-line function too
//! long for gofmt's taste (it lays such bodies out on several lines) is
//! formatted the way gofmt wants, so the result stays gofmt-clean. Only
//! files that were gofmt-clean before are formatted, so no line the fix did
//! not cause ever changes.

use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::OnceLock;

/// True when a `gofmt` binary can be run.
pub fn available() -> bool {
    static AVAILABLE: OnceLock<bool> = OnceLock::new();
    *AVAILABLE.get_or_init(|| format("package p\n").is_some())
}

/// The source as gofmt formats it, or `None` when gofmt is missing or
/// rejects it.
pub fn format(src: &str) -> Option<String> {
    let mut child = Command::new("gofmt")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let mut stdin = child.stdin.take()?;
    let input = src.to_string();
    // Write on another thread: gofmt may fill its output pipe first.
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().ok()?;
    writer.join().ok()?.ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8(output.stdout).ok())
        .flatten()
}

/// `new` laid out by gofmt when `old` was gofmt-clean and `new` is not;
/// otherwise `new` as it is.
pub fn keep_clean(old: &str, new: String) -> String {
    if !available() || format(old).as_deref() != Some(old) {
        return new;
    }
    match format(&new) {
        Some(formatted) => formatted,
        None => new,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lays_out_what_a_fix_made_too_long() {
        if !available() {
            eprintln!("gofmt is not installed: skipping");
            return;
        }
        let old = "package p\n\nfunc F(t int) { g(t) }\n";
        let new = format!(
            "package p\n\nfunc F(t int) {{ g({}, t) }}\n",
            "x".repeat(90)
        );
        let kept = keep_clean(old, new);
        assert!(kept.contains("{\n\tg("), "{kept}");
        // A file that was not gofmt-clean is left as the fix made it.
        let messy = "package p\nfunc  F() {}\n";
        assert_eq!(
            keep_clean(messy, messy.to_string() + "\n"),
            format!("{messy}\n")
        );
    }
}
