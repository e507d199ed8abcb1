//! Writing fixed files safely: temp file and rename in the same directory,
//! the file's mode kept, and never over a file that changed since it was
//! read.

use anyhow::{bail, Context, Result};
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

/// A temporary file beside `path` holding `new`, synced, with
/// `permissions`: renamed over (or to) `path`, it replaces it atomically.
fn staged(
    path: &Path,
    new: &[u8],
    permissions: std::fs::Permissions,
) -> Result<tempfile::NamedTempFile> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("{}: cannot create a temporary file", dir.display()))?;
    tmp.write_all(new)
        .and_then(|_| tmp.as_file().sync_all())
        .with_context(|| format!("{}: cannot write", path.display()))?;
    std::fs::set_permissions(tmp.path(), permissions)
        .with_context(|| format!("{}: cannot set its mode", path.display()))?;
    Ok(tmp)
}

/// Creates `path` holding `new` (mode 0644), atomically, refusing if the
/// file exists by now.
pub fn create_new(path: &Path, new: &[u8]) -> Result<()> {
    let tmp = staged(path, new, std::fs::Permissions::from_mode(0o644))?;
    tmp.persist_noclobber(path).map_err(|e| {
        anyhow::anyhow!(
            "{}: cannot create (it appeared since the run started?): {}",
            path.display(),
            e.error
        )
    })?;
    Ok(())
}

/// Replaces the contents of `path` with `new`, atomically, if the file
/// still holds `expected`.
pub fn write_if_unchanged(path: &Path, expected: &[u8], new: &[u8]) -> Result<()> {
    let current =
        std::fs::read(path).with_context(|| format!("{}: cannot re-read", path.display()))?;
    if current != expected {
        bail!(
            "{}: changed on disk since it was read; not written",
            path.display()
        );
    }
    let permissions = std::fs::metadata(path)
        .with_context(|| format!("{}: cannot read its mode", path.display()))?
        .permissions();
    let tmp = staged(path, new, permissions)?;
    tmp.persist(path)
        .map_err(|e| anyhow::anyhow!("{}: cannot replace: {}", path.display(), e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_mode_and_refuses_changed_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.go");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_if_unchanged(&path, b"old", b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        let err = write_if_unchanged(&path, b"old", b"newer").unwrap_err();
        assert!(err.to_string().contains("changed on disk"));
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temp file left"
        );
    }

    #[test]
    fn creates_a_new_file_but_never_over_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.go");
        create_new(&path, b"package a\n").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"package a\n");
        let err = create_new(&path, b"other").unwrap_err();
        assert!(err.to_string().contains("cannot create"));
        assert_eq!(std::fs::read(&path).unwrap(), b"package a\n");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
