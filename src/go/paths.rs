//! Paths as the user should see them.

use std::path::Path;

/// A path as the user should see it: relative to the current directory when
/// it is under it.
pub fn display_path(path: &Path) -> String {
    let shown = if path.is_absolute() {
        std::env::current_dir()
            .ok()
            .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
            .unwrap_or_else(|| path.to_path_buf())
    } else {
        path.to_path_buf()
    };
    let s = shown.display().to_string();
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

/// `file:line` for messages, the file as the user should see it.
pub fn place(path: &Path, line: usize) -> String {
    format!("{}:{line}", display_path(path))
}
