//! Writing fixed files safely, and no less carefully than `gofmt -w`: the
//! new text goes to a temporary file beside the old one, which is then
//! renamed over it, so a Go file is always either the old or the new one.
//!
//! A rename needs only the directory's write permission, and makes a new
//! file, so before it [`Writer`] checks what writing the file in place
//! would have checked and keeps what replacing it would lose:
//!
//! - a file the user may not write is refused ([`Writer::write_if_unchanged`]
//!   says how that is decided for root);
//! - the replacement gets the file's owner, group and mode;
//! - a symbolic link is never replaced: its target is written, and only
//!   when it is inside the paths given ([`Roots`]);
//! - a file is written at most once in a run, however many paths reach it;
//! - a file that changed on disk since it was read is left alone.
//!
//! Temporary files are registered with [`crate::output::interrupt`], so Ctrl-C
//! removes them, and the rename runs as a critical step there. No message
//! names a temporary file: each names the Go file, and the directory when
//! that is what failed.

use crate::output::interrupt::{self, TempPath};
use anyhow::{anyhow, bail, Result};
use std::collections::HashSet;
use std::fs::{File, Metadata};
use std::io::Write;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// The trees a run works on: each directory given on the command line,
/// and the directory of each file given, canonical. A symbolic link is
/// written through only to a target inside one of them.
#[derive(Debug, Clone, Default)]
pub struct Roots {
    dirs: Vec<PathBuf>,
}

impl Roots {
    /// The roots of the command-line `paths` (files, directories or
    /// `dir/...`). A file given stands for its directory: naming a file
    /// works in its package, as the Go tool sees it. Paths that do not
    /// exist are left out.
    pub fn new<S: AsRef<str>>(paths: &[S]) -> Roots {
        let dirs = paths
            .iter()
            .filter_map(|arg| {
                let path = Path::new(crate::lint::walk::strip_ellipsis(arg.as_ref()));
                let dir = if std::fs::metadata(path).ok()?.is_dir() {
                    path
                } else {
                    parent_dir(path)
                };
                std::fs::canonicalize(dir).ok()
            })
            .collect();
        Roots { dirs }
    }

    /// True when the canonical `path` is one of the roots or under one.
    pub fn contains(&self, path: &Path) -> bool {
        self.dirs.iter().any(|root| path.starts_with(root))
    }
}

/// The directory `path` is in (`.` for a bare file name).
fn parent_dir(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// `dir` as messages show it: absolute when it can be.
fn shown_dir(dir: &Path) -> String {
    std::fs::canonicalize(dir)
        .unwrap_or_else(|_| dir.to_path_buf())
        .display()
        .to_string()
}

/// The files of one run's write phase: where links may lead, and which
/// files were written already.
#[derive(Debug, Default)]
pub struct Writer {
    roots: Roots,
    /// The canonical path of every file written so far.
    written: HashSet<PathBuf>,
}

impl Writer {
    /// A writer for a run over the command-line `paths` ([`Roots::new`]).
    pub fn new<S: AsRef<str>>(paths: &[S]) -> Writer {
        Writer::with_roots(Roots::new(paths))
    }

    /// A writer whose symbolic links may lead into `roots`.
    pub fn with_roots(roots: Roots) -> Writer {
        Writer {
            roots,
            written: HashSet::new(),
        }
    }

    /// Creates `path` holding `new` (mode 0644, owned by this user),
    /// atomically, refusing if anything is at `path` by now (a link
    /// included).
    pub fn create_new(&mut self, path: &Path, new: &[u8]) -> Result<()> {
        let dir = parent_dir(path);
        let mut staged = Staged::new(path, dir, new)?;
        staged.finish(path, std::fs::Permissions::from_mode(0o644))?;
        interrupt::critical(|| link_new(staged.temp.path(), path)).map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                anyhow!(
                    "{}: cannot create it: it appeared since the run started",
                    path.display()
                )
            } else {
                anyhow!(
                    "{}: cannot create it in {}: {e}",
                    path.display(),
                    shown_dir(dir)
                )
            }
        })?;
        // The temporary name is removed as `staged` goes; the file stays.
        drop(staged);
        let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.written.insert(canonical);
        Ok(())
    }

    /// Replaces the contents of `path` with `new`, atomically, if the file
    /// still holds `expected`; the error names `path`, and never a
    /// temporary file.
    ///
    /// Refused:
    /// - a symbolic link whose target is not inside the [`Roots`] (the
    ///   link and its target are left as they are); one whose target is
    ///   inside has its target written, the link kept;
    /// - a file this run wrote already through another path (a link and
    ///   its target both given): it gets one fix, not two;
    /// - a file the user cannot write, as `gofmt -w` would refuse it:
    ///   `access(W_OK)` as the effective user fails. Root passes that
    ///   check for any file, so a file with no write bit at all (`chmod
    ///   a-w`, `chmod 444`) is refused for everyone, root included: the
    ///   user said plainly that it is not to be changed, though gofmt run
    ///   as root would write it;
    /// - a file whose owner or group the replacement cannot keep: it is
    ///   made by this user, and only root may give a file away (anyone
    ///   may change its group to one of theirs). Writing such a file in
    ///   place instead would keep its owner but could leave it
    ///   half-written if the run is cut short, which the rename exists to
    ///   prevent, so it is refused with an error saying why;
    /// - a file that changed on disk since it was read.
    pub fn write_if_unchanged(&mut self, path: &Path, expected: &[u8], new: &[u8]) -> Result<()> {
        let target = self.destination(path)?;
        let canonical = std::fs::canonicalize(&target).unwrap_or_else(|_| target.clone());
        if self.written.contains(&canonical) {
            bail!(
                "{}: the same file as {}, written already in this run; not written again",
                path.display(),
                canonical.display()
            );
        }
        let meta = std::fs::metadata(&target)
            .map_err(|e| anyhow!("{}: cannot read it again: {e}", path.display()))?;
        if !meta.is_file() {
            bail!("{}: not a regular file; not written", path.display());
        }
        writable(path, &target, &meta)?;
        let mut staged = Staged::new(path, parent_dir(&target), new)?;
        staged.keep_owner(path, &meta)?;
        staged.finish(path, meta.permissions())?;
        // Compared last, just before the rename, to keep the window for a
        // change by someone else as short as can be.
        let current = std::fs::read(&target)
            .map_err(|e| anyhow!("{}: cannot read it again: {e}", path.display()))?;
        if current != expected {
            bail!(
                "{}: changed on disk since it was read; not written",
                path.display()
            );
        }
        let Staged { file, temp } = staged;
        drop(file);
        interrupt::critical(|| std::fs::rename(temp.path(), &target).map(|()| temp.keep()))
            .map_err(|e| {
                anyhow!(
                    "{}: cannot replace it in {}: {e}",
                    path.display(),
                    shown_dir(parent_dir(&target))
                )
            })?;
        self.written.insert(canonical);
        Ok(())
    }

    /// The file to write for `path`: itself, or, for a symbolic link, its
    /// target when inside the roots.
    fn destination(&self, path: &Path) -> Result<PathBuf> {
        let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        if !is_link {
            return Ok(path.to_path_buf());
        }
        let target = std::fs::canonicalize(path).map_err(|e| {
            anyhow!(
                "{}: a symbolic link that cannot be followed ({e}); not written",
                path.display()
            )
        })?;
        if !self.roots.contains(&target) {
            bail!(
                "{}: a symbolic link to {}, outside the paths given; not written (give the target's directory too to fix it)",
                path.display(),
                target.display()
            );
        }
        Ok(target)
    }
}

/// Fails unless this user may write `target` (what `path` names), with an
/// error naming `path`; see [`Writer::write_if_unchanged`].
fn writable(path: &Path, target: &Path, meta: &Metadata) -> Result<()> {
    let mode = meta.permissions().mode() & 0o7777;
    if mode & 0o222 == 0 {
        bail!(
            "{}: read-only (mode {mode:04o}); not written",
            path.display()
        );
    }
    use rustix::fs::{Access, AtFlags, CWD};
    rustix::fs::accessat(CWD, target, Access::WRITE_OK, AtFlags::EACCESS).map_err(|e| {
        anyhow!(
            "{}: not writable by this user ({}); not written",
            path.display(),
            std::io::Error::from(e)
        )
    })
}

/// The new text in a registered temporary file in the directory of the
/// file it is to become.
struct Staged {
    file: File,
    temp: TempPath,
}

impl Staged {
    /// A temporary file in `dir` holding `new`, for `path` (named in
    /// errors).
    fn new(path: &Path, dir: &Path, new: &[u8]) -> Result<Staged> {
        let (mut file, temp) =
            interrupt::create_file(dir, |n| format!(".ctxmod-{n:016x}.tmp").into()).map_err(
                |e| {
                    anyhow!(
                        "{}: cannot write it: cannot create a file in {}: {e}",
                        path.display(),
                        shown_dir(dir)
                    )
                },
            )?;
        file.write_all(new).map_err(|e| {
            anyhow!(
                "{}: cannot write it: writing a file in {}: {e}",
                path.display(),
                shown_dir(dir)
            )
        })?;
        Ok(Staged { file, temp })
    }

    /// Gives the file the owner and group of `original` where they
    /// differ, or fails naming `path`.
    fn keep_owner(&self, path: &Path, original: &Metadata) -> Result<()> {
        let made = self
            .file
            .metadata()
            .map_err(|e| anyhow!("{}: cannot write it: {e}", path.display()))?;
        let owner = (made.uid() != original.uid()).then_some(original.uid());
        let group = (made.gid() != original.gid()).then_some(original.gid());
        if owner.is_none() && group.is_none() {
            return Ok(());
        }
        std::os::unix::fs::fchown(&self.file, owner, group).map_err(|e| {
            anyhow!(
                "{}: owned by {}:{}, which a replacement made by this user cannot keep ({e}); not written",
                path.display(),
                original.uid(),
                original.gid()
            )
        })
    }

    /// Sets the mode (after any change of owner, which clears set-id bits)
    /// and syncs the file to disk.
    fn finish(&mut self, path: &Path, permissions: std::fs::Permissions) -> Result<()> {
        let mode = permissions.mode() & 0o7777;
        self.file
            .set_permissions(std::fs::Permissions::from_mode(mode))
            .and_then(|()| self.file.sync_all())
            .map_err(|e| anyhow!("{}: cannot write it: {e}", path.display()))
    }
}

/// Gives the file at `temp` the name `path` too, failing if `path` exists
/// (a link included): a rename that never replaces where the system has
/// one, else a hard link.
fn link_new(temp: &Path, path: &Path) -> std::io::Result<()> {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        use rustix::fs::{renameat_with, RenameFlags, CWD};
        match renameat_with(CWD, temp, CWD, path, RenameFlags::NOREPLACE) {
            Ok(()) => return Ok(()),
            Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => {}
            Err(e) => return Err(e.into()),
        }
    }
    std::fs::hard_link(temp, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names in `dir`, sorted.
    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    fn writer_for(dir: &Path) -> Writer {
        Writer::new(&[dir.display().to_string()])
    }

    #[test]
    fn keeps_mode_and_refuses_changed_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.go");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        let mut writer = writer_for(dir.path());
        writer.write_if_unchanged(&path, b"old", b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        let err = writer_for(dir.path())
            .write_if_unchanged(&path, b"old", b"newer")
            .unwrap_err();
        assert!(err.to_string().contains("changed on disk"));
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        assert_eq!(names(dir.path()), ["a.go"], "no temp file left");
    }

    #[test]
    fn creates_a_new_file_but_never_over_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.go");
        let mut writer = writer_for(dir.path());
        writer.create_new(&path, b"package a\n").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"package a\n");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o644);
        let err = writer.create_new(&path, b"other").unwrap_err();
        assert!(err.to_string().contains("cannot create"), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), b"package a\n");
        assert_eq!(names(dir.path()), ["new.go"]);
    }

    #[test]
    fn a_new_file_is_never_made_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        let link = dir.path().join("new.go");
        std::os::unix::fs::symlink(elsewhere.path().join("x.go"), &link).unwrap();
        let err = writer_for(dir.path())
            .create_new(&link, b"package a\n")
            .unwrap_err();
        assert!(err.to_string().contains("new.go: cannot create"), "{err}");
        assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
        assert!(names(elsewhere.path()).is_empty());
        assert_eq!(names(dir.path()), ["new.go"]);
    }

    #[test]
    fn a_link_inside_the_tree_has_its_target_written_and_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.go");
        let link = dir.path().join("link.go");
        std::fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink("real.go", &link).unwrap();
        let mut writer = writer_for(dir.path());
        writer.write_if_unchanged(&link, b"old", b"new").unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
        assert_eq!(std::fs::read_link(&link).unwrap(), Path::new("real.go"));
        assert_eq!(std::fs::read(&real).unwrap(), b"new");
        // The same file by its own name: one fix, not two.
        let err = writer
            .write_if_unchanged(&real, b"old", b"new twice")
            .unwrap_err();
        assert!(err.to_string().contains("written already"), "{err}");
        assert_eq!(std::fs::read(&real).unwrap(), b"new");
        assert_eq!(names(dir.path()), ["link.go", "real.go"]);
    }

    #[test]
    fn a_link_out_of_the_tree_is_refused_and_left_alone() {
        let tree = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let target = outside.path().join("x.go");
        std::fs::write(&target, "old").unwrap();
        let link = tree.path().join("link.go");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        // Given as a directory, and as the link itself: its directory is
        // the tree either way.
        for given in [tree.path().to_path_buf(), link.clone()] {
            let err = Writer::new(&[given.display().to_string()])
                .write_if_unchanged(&link, b"old", b"new")
                .unwrap_err()
                .to_string();
            assert!(err.starts_with(&format!("{}: ", link.display())), "{err}");
            assert!(err.contains("outside the paths given"), "{err}");
        }
        assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
        assert_eq!(std::fs::read(&target).unwrap(), b"old");
        // With the target's directory given too, the target is written.
        let both = [tree.path(), outside.path()].map(|p| p.display().to_string());
        Writer::new(&both)
            .write_if_unchanged(&link, b"old", b"new")
            .unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
        assert_eq!(std::fs::read(&target).unwrap(), b"new");
    }

    /// Refused for everyone, root included: see `write_if_unchanged`. (A
    /// file only another user may write is refused by `access`, which
    /// the command-line tests check in a run as another user.)
    #[test]
    fn a_file_without_write_bits_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let locked = dir.path().join("locked.go");
        let open = dir.path().join("open.go");
        std::fs::write(&locked, "old").unwrap();
        std::fs::write(&open, "old").unwrap();
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o444)).unwrap();
        let mut writer = writer_for(dir.path());
        let err = writer
            .write_if_unchanged(&locked, b"old", b"new")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with(&format!("{}: ", locked.display())), "{err}");
        assert!(err.contains("read-only (mode 0444)"), "{err}");
        writer.write_if_unchanged(&open, b"old", b"new").unwrap();
        assert_eq!(std::fs::read(&locked).unwrap(), b"old");
        assert_eq!(std::fs::read(&open).unwrap(), b"new");
        assert_eq!(names(dir.path()), ["locked.go", "open.go"]);
    }

    /// Owner and group are kept when they are not the writer's own; only
    /// root can make that happen here, so other users skip it.
    #[test]
    fn keeps_owner_group_and_mode() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("theirs.go");
        std::fs::write(&path, "old").unwrap();
        if std::os::unix::fs::chown(&path, Some(1234), Some(1234)).is_err() {
            eprintln!("not root: cannot give a file away; skipped");
            return;
        }
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o2751)).unwrap();
        writer_for(dir.path())
            .write_if_unchanged(&path, b"old", b"new")
            .unwrap();
        let meta = std::fs::metadata(&path).unwrap();
        assert_eq!((meta.uid(), meta.gid()), (1234, 1234));
        assert_eq!(meta.permissions().mode() & 0o7777, 0o2751);
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        assert_eq!(names(dir.path()), ["theirs.go"]);
    }

    /// The directory cannot take a new file: the message names the Go file
    /// and the directory, never a temporary file. A directory without
    /// write permission stops only users other than root, so when run as
    /// root the test also makes creation fail the one way that stops root
    /// (the directory gone), which the same code reports; the command-line
    /// tests check the read-only directory in a run as another user.
    #[test]
    fn an_unwritable_directory_is_named_without_a_temporary_path() {
        let check = |err: String, path: &Path, dir: &Path| {
            assert!(err.starts_with(&format!("{}: ", path.display())), "{err}");
            assert!(err.contains(&format!(" in {}: ", dir.display())), "{err}");
            assert!(!err.contains(".tmp") && !err.contains(".ctxmod-"), "{err}");
        };
        // Not `.tmpXXXXXX`, the name of tempfile's files, which the
        // messages must not show.
        let dir = tempfile::Builder::new()
            .prefix("write-test-")
            .tempdir()
            .unwrap();
        let root = dir.path().canonicalize().unwrap();
        let path = root.join("a.go");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&root, std::fs::Permissions::from_mode(0o555)).unwrap();
        let result = writer_for(&root).write_if_unchanged(&path, b"old", b"new");
        std::fs::set_permissions(&root, std::fs::Permissions::from_mode(0o755)).unwrap();
        match result {
            Err(err) => check(err.to_string(), &path, &root),
            Ok(()) => eprintln!("root writes in a read-only directory; checked below"),
        }
        assert_eq!(names(&root), ["a.go"]);

        let gone = root.join("gone");
        let err = Staged::new(&gone.join("b.go"), &gone, b"new")
            .err()
            .unwrap();
        check(err.to_string(), &gone.join("b.go"), &gone);
        assert_eq!(names(&root), ["a.go"]);
    }
}
