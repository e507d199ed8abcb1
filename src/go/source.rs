//! One Go source file as ctxmod reads it: the bytes on disk, the text the
//! rules see (CRLF folded to LF) and the way back.

use std::path::{Path, PathBuf};

/// A Go file loaded for checking or fixing.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as found by the walk.
    pub path: PathBuf,
    /// The exact bytes read from disk, kept to detect concurrent changes.
    pub original: Vec<u8>,
    /// The text rules work on: the file with every `\r\n` turned into `\n`
    /// when the file uses CRLF line endings, else the file as is.
    pub text: String,
    /// True when every line ending of the file is `\r\n`.
    pub crlf: bool,
    /// True when the file does not exist yet: a fix creates it.
    pub is_new: bool,
}

/// Why a file could not be loaded.
#[derive(Debug)]
pub enum LoadError {
    /// The file could not be read.
    Io(std::io::Error),
    /// The file is not valid UTF-8 (Go source must be).
    NotUtf8 {
        /// The byte offset of the first invalid byte.
        offset: usize,
    },
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Io(e) => write!(f, "{e}"),
            LoadError::NotUtf8 { offset } => {
                write!(f, "not valid UTF-8 (byte {offset}); is it a binary file?")
            }
        }
    }
}

impl SourceFile {
    /// Reads `path` from disk.
    pub fn load(path: &Path) -> Result<SourceFile, LoadError> {
        let bytes = std::fs::read(path).map_err(LoadError::Io)?;
        SourceFile::from_bytes(path.to_path_buf(), bytes)
    }

    /// Builds a source file from bytes already read.
    pub fn from_bytes(path: PathBuf, bytes: Vec<u8>) -> Result<SourceFile, LoadError> {
        let raw = std::str::from_utf8(&bytes).map_err(|e| LoadError::NotUtf8 {
            offset: e.valid_up_to(),
        })?;
        let crlf = uses_crlf(raw);
        let text = if crlf {
            raw.replace("\r\n", "\n")
        } else {
            raw.to_string()
        };
        Ok(SourceFile {
            path,
            original: bytes,
            text,
            crlf,
            is_new: false,
        })
    }

    /// Reads `path` from disk, or, when it does not exist, an empty file
    /// that a fix may create.
    pub fn load_or_new(path: &Path) -> Result<SourceFile, LoadError> {
        match SourceFile::load(path) {
            Err(LoadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => Ok(SourceFile {
                path: path.to_path_buf(),
                original: Vec::new(),
                text: String::new(),
                crlf: false,
                is_new: true,
            }),
            other => other,
        }
    }

    /// The file's bytes for `text`, with CRLF restored where the file had it.
    pub fn to_disk_text(&self, text: &str) -> String {
        if self.crlf {
            text.replace('\n', "\r\n")
        } else {
            text.to_string()
        }
    }
}

/// True when the text has line endings and all of them are `\r\n`.
fn uses_crlf(text: &str) -> bool {
    let newlines = memchr::memchr_iter(b'\n', text.as_bytes()).count();
    newlines > 0 && memchr::memmem::find_iter(text.as_bytes(), b"\r\n").count() == newlines
}

/// True when the file declares itself generated: a line
/// `// Code generated ... DO NOT EDIT.` before the package clause, the
/// convention `go generate` documents.
pub fn is_generated(text: &str) -> bool {
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.starts_with("package ") {
            return false;
        }
        if line.starts_with("// Code generated ") && line.ends_with(" DO NOT EDIT.") {
            return true;
        }
    }
    false
}

/// 1-based line and column (in bytes) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text.as_bytes()[..offset.min(text.len())];
    let line = memchr::memchr_iter(b'\n', before).count() + 1;
    let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
    (line, offset - line_start + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_file_loads_as_new_and_empty() {
        let dir = tempfile::tempdir().unwrap();
        let missing = SourceFile::load_or_new(&dir.path().join("new.go")).unwrap();
        assert!(missing.is_new && missing.text.is_empty() && missing.original.is_empty());
        std::fs::write(dir.path().join("old.go"), "package a\n").unwrap();
        let existing = SourceFile::load_or_new(&dir.path().join("old.go")).unwrap();
        assert!(!existing.is_new);
        assert_eq!(existing.text, "package a\n");
    }

    #[test]
    fn crlf_round_trips() {
        let f = SourceFile::from_bytes("a.go".into(), b"package a\r\n\r\nvar x = 1\r\n".to_vec())
            .unwrap();
        assert!(f.crlf);
        assert_eq!(f.text, "package a\n\nvar x = 1\n");
        assert_eq!(f.to_disk_text(&f.text).as_bytes(), f.original.as_slice());
    }

    #[test]
    fn mixed_endings_are_left_alone() {
        let f =
            SourceFile::from_bytes("a.go".into(), b"package a\r\nvar x = 1\n".to_vec()).unwrap();
        assert!(!f.crlf);
        assert_eq!(f.text.as_bytes(), f.original.as_slice());
    }

    #[test]
    fn binary_is_rejected() {
        let err = SourceFile::from_bytes("a.go".into(), vec![0x70, 0xff, 0xfe]).unwrap_err();
        assert!(matches!(err, LoadError::NotUtf8 { offset: 1 }));
    }

    #[test]
    fn generated_header() {
        assert!(is_generated(
            "// Code generated by protoc-gen-go. DO NOT EDIT.\n\npackage a\n"
        ));
        assert!(!is_generated(
            "package a\n\n// Code generated by x. DO NOT EDIT.\n"
        ));
        assert!(!is_generated("// Code generated by hand.\npackage a\n"));
    }

    #[test]
    fn positions() {
        assert_eq!(line_col("ab\ncd", 4), (2, 2));
        assert_eq!(line_col("ab\ncd", 0), (1, 1));
    }
}
