//! Mutations of one Go file's bytes: blind byte and line edits, splices
//! from another file, and Go-aware insertions from [`crate::snippets`].

use crate::snippets;
use fastrand::Rng;

/// Applies one mutation, picked at random, to `file`; `donor` is another
/// corpus file to splice lines from, `number` a counter for fresh names.
/// Returns the mutation's name.
pub fn mutate(rng: &mut Rng, file: &mut Vec<u8>, donor: &[u8], number: &mut usize) -> &'static str {
    match rng.u32(..100) {
        0..=29 => {
            declaration(rng, file, number);
            "declaration"
        }
        30..=44 => {
            statement(rng, file);
            "statement"
        }
        45..=49 => {
            let token = snippets::token(rng);
            insert_at_random(rng, file, token.as_bytes());
            "token"
        }
        50..=62 => line_edit(rng, file),
        63..=64 => {
            repeat(rng, file);
            "repeat"
        }
        65..=72 => {
            splice(rng, file, donor);
            "splice"
        }
        73..=84 => byte_edit(rng, file),
        85..=91 => {
            rename(rng, file);
            "rename"
        }
        92..=94 => {
            *file = crlf(file);
            "crlf"
        }
        _ => {
            let depth = depth(rng);
            *number += 1;
            let text = snippets::nested(rng, depth, *number);
            append(file, text.as_bytes(), &["context"]);
            "nesting"
        }
    }
}

/// Appends a declaration from the table, adding the imports it needs.
pub fn declaration(rng: &mut Rng, file: &mut Vec<u8>, number: &mut usize) {
    let decl = &snippets::DECLARATIONS[rng.usize(..snippets::DECLARATIONS.len())];
    *number += 1;
    let mut text = decl.text.to_string();
    if text.contains("fzSink{N}") {
        text = format!("{text}\n{}", snippets::SINK);
    }
    let text = text.replace("{N}", &number.to_string());
    append(file, text.as_bytes(), decl.imports);
}

/// Appends `text` at the end of `file` and an `import "path"` line after
/// the package clause for each of `imports` the file does not name.
fn append(file: &mut Vec<u8>, text: &[u8], imports: &[&str]) {
    if !file.ends_with(b"\n") {
        file.push(b'\n');
    }
    file.push(b'\n');
    file.extend_from_slice(text);
    let missing: String = imports
        .iter()
        .filter(|path| !contains(file, format!("\"{path}\"").as_bytes()))
        .map(|path| format!("\nimport \"{path}\"\n"))
        .collect();
    if let Some(end) = package_clause_end(file) {
        file.splice(end..end, missing.bytes());
    }
}

/// The offset just past the line of the package clause.
fn package_clause_end(file: &[u8]) -> Option<usize> {
    let mut start = 0;
    for line in file.split_inclusive(|&b| b == b'\n') {
        start += line.len();
        if line.starts_with(b"package ") {
            return Some(start);
        }
    }
    None
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Inserts a statement after a random line that opens a block.
fn statement(rng: &mut Rng, file: &mut Vec<u8>) {
    let openers: Vec<usize> = line_ends(file)
        .into_iter()
        .filter(|&end| file[..end].trim_ascii_end().ends_with(b"{"))
        .collect();
    if openers.is_empty() {
        return;
    }
    let at = openers[rng.usize(..openers.len())];
    let text = format!("\t{}\n", snippets::statement(rng));
    file.splice(at..at, text.bytes());
}

/// The offset after each newline: where each line but the first starts.
fn line_ends(file: &[u8]) -> Vec<usize> {
    file.iter()
        .enumerate()
        .filter(|(_, &b)| b == b'\n')
        .map(|(i, _)| i + 1)
        .collect()
}

/// Inserts `text` at a random byte offset.
fn insert_at_random(rng: &mut Rng, file: &mut Vec<u8>, text: &[u8]) {
    let at = rng.usize(..=file.len());
    file.splice(at..at, text.iter().copied());
}

/// Deletes, duplicates or swaps whole lines.
fn line_edit(rng: &mut Rng, file: &mut Vec<u8>) -> &'static str {
    let mut lines: Vec<Vec<u8>> = file
        .split_inclusive(|&b| b == b'\n')
        .map(<[u8]>::to_vec)
        .collect();
    if lines.len() < 2 {
        return "line-none";
    }
    let a = rng.usize(..lines.len());
    let b = rng.usize(..lines.len());
    let name = match rng.u8(..3) {
        0 => {
            let end = (a + 1 + rng.usize(..3)).min(lines.len());
            lines.drain(a..end);
            "line-delete"
        }
        1 => {
            let line = lines[a].clone();
            lines.insert(b, line);
            "line-duplicate"
        }
        _ => {
            lines.swap(a, b);
            "line-swap"
        }
    };
    *file = lines.concat();
    name
}

/// Repeats one to five lines in place, up to thousands of times: long
/// chains of statements, cases or `else if` branches.
fn repeat(rng: &mut Rng, file: &mut Vec<u8>) {
    let lines: Vec<&[u8]> = file.split_inclusive(|&b| b == b'\n').collect();
    if lines.is_empty() {
        return;
    }
    let from = rng.usize(..lines.len());
    let to = (from + 1 + rng.usize(..5)).min(lines.len());
    let times = depth(rng).max(2);
    let mut out = lines[..to].concat();
    for _ in 1..times {
        out.extend(lines[from..to].concat());
    }
    out.extend(lines[to..].concat());
    *file = out;
}

/// Inserts up to 20 lines of `donor` at a random line of `file`.
fn splice(rng: &mut Rng, file: &mut Vec<u8>, donor: &[u8]) {
    let lines: Vec<&[u8]> = donor.split_inclusive(|&b| b == b'\n').collect();
    if lines.is_empty() {
        return;
    }
    let from = rng.usize(..lines.len());
    let to = (from + 1 + rng.usize(..20)).min(lines.len());
    let chunk = lines[from..to].concat();
    let mut ends = line_ends(file);
    ends.push(0);
    let at = ends[rng.usize(..ends.len())];
    file.splice(at..at, chunk);
}

/// Flips a bit, or inserts or deletes a few bytes.
fn byte_edit(rng: &mut Rng, file: &mut Vec<u8>) -> &'static str {
    const BYTES: &[u8] = b"{}()[],;:.=*&!<-\n\t \"`/\\\r\x00\xff\xc3";
    if file.is_empty() {
        file.push(BYTES[rng.usize(..BYTES.len())]);
        return "byte-insert";
    }
    let at = rng.usize(..file.len());
    match rng.u8(..3) {
        0 => {
            file[at] ^= 1 << rng.u8(..8);
            "byte-flip"
        }
        1 => {
            let bytes: Vec<u8> = (0..rng.usize(1..4))
                .map(|_| BYTES[rng.usize(..BYTES.len())])
                .collect();
            file.splice(at..at, bytes);
            "byte-insert"
        }
        _ => {
            let end = (at + rng.usize(1..16)).min(file.len());
            file.drain(at..end);
            "byte-delete"
        }
    }
}

/// Replaces one identifier everywhere with a name rules care about (a
/// local `context` hiding the package, a second `ctx`, a blank).
fn rename(rng: &mut Rng, file: &mut Vec<u8>) {
    const FROM: &[&str] = &["ctx", "cancel", "c", "r", "err", "context", "s", "t"];
    const TO: &[&str] = &["context", "ctx", "c", "_", "cancel", "r", "gin", "http"];
    let from = FROM[rng.usize(..FROM.len())].as_bytes();
    let to = TO[rng.usize(..TO.len())].as_bytes();
    let mut out = Vec::with_capacity(file.len());
    let mut i = 0;
    while i < file.len() {
        let word_start = i == 0 || !is_word_byte(file[i - 1]);
        let end = i + from.len();
        if word_start
            && file[i..].starts_with(from)
            && file.get(end).is_none_or(|&b| !is_word_byte(b))
        {
            out.extend_from_slice(to);
            i = end;
        } else {
            out.push(file[i]);
            i += 1;
        }
    }
    *file = out;
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The file with every line ending in CRLF.
fn crlf(file: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(file.len() + file.len() / 20);
    for (i, &b) in file.iter().enumerate() {
        if b == b'\n' && (i == 0 || file[i - 1] != b'\r') {
            out.push(b'\r');
        }
        out.push(b);
    }
    out
}

/// A nesting depth or a count of repeats: half of the time as in real
/// code (up to 100), else up to 10,000, spread evenly over orders of
/// magnitude.
fn depth(rng: &mut Rng) -> usize {
    let exponent = if rng.bool() {
        rng.f64() * 2.0
    } else {
        2.0 + rng.f64() * 2.0
    };
    10f64.powf(exponent) as usize
}
