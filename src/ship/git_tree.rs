//! A commit's tree as files on disk, and files back into a tree, through
//! the object database only: the repository's working tree, index and
//! `HEAD` are never read or written.

use anyhow::{Context, Result};
use git2::{
    FileMode, Index, IndexEntry, IndexTime, ObjectType, Oid, Repository, Tree, TreeWalkMode,
};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

/// Writes every file of `tree` under `dir` (which exists): regular files
/// with their executable bit, symbolic links as links. Submodules are left
/// out (their commits are not in this repository).
pub fn export(repo: &Repository, tree: &Tree<'_>, dir: &Path) -> Result<()> {
    let mut failed = None;
    let walked = tree.walk(TreeWalkMode::PreOrder, |parent, entry| {
        if entry.kind() != Some(ObjectType::Blob) {
            return git2::TreeWalkResult::Ok;
        }
        let name = String::from_utf8_lossy(entry.name_bytes()).into_owned();
        let path = dir.join(parent).join(name);
        // Guarded: the directory is a registered temporary one, which a
        // signal's cleanup must not race with.
        match crate::output::interrupt::guarded(|| {
            write_blob(repo, entry.id(), entry.filemode(), &path)
        }) {
            Ok(()) => git2::TreeWalkResult::Ok,
            Err(e) => {
                failed = Some(e);
                git2::TreeWalkResult::Abort
            }
        }
    });
    match failed {
        Some(e) => Err(e),
        None => Ok(walked?),
    }
}

fn write_blob(repo: &Repository, id: Oid, mode: i32, path: &Path) -> Result<()> {
    let blob = repo.find_blob(id)?;
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("{}: cannot create", parent.display()))?;
    }
    if mode == i32::from(FileMode::Link) {
        let target = String::from_utf8_lossy(blob.content()).into_owned();
        std::os::unix::fs::symlink(target, path)
            .with_context(|| format!("{}: cannot create the link", path.display()))?;
        return Ok(());
    }
    std::fs::write(path, blob.content())
        .with_context(|| format!("{}: cannot write", path.display()))?;
    if mode == i32::from(FileMode::BlobExecutable) {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))?;
    }
    Ok(())
}

/// The tree `base` with each `(path, bytes)` of `files` written in (paths
/// relative to the tree's root, `/`-separated): a file keeps its mode, a
/// new one is a regular file.
pub fn with_files<'r>(
    repo: &'r Repository,
    base: &Tree<'_>,
    files: &[(String, Vec<u8>)],
) -> Result<Tree<'r>> {
    // An index of our own, in memory: the repository's index is not used.
    let mut index = Index::new()?;
    index.read_tree(base)?;
    for (path, bytes) in files {
        let mode = index
            .get_path(Path::new(path), 0)
            .map_or(u32::from(FileMode::Blob), |e| e.mode);
        let id = repo.blob(bytes)?;
        index.add(&entry(path, id, mode))?;
    }
    let id = index.write_tree_to(repo)?;
    Ok(repo.find_tree(id)?)
}

/// An index entry for the blob `id` at `path`: only the path, mode and
/// blob matter to a tree.
fn entry(path: &str, id: Oid, mode: u32) -> IndexEntry {
    IndexEntry {
        ctime: IndexTime::new(0, 0),
        mtime: IndexTime::new(0, 0),
        dev: 0,
        ino: 0,
        mode,
        uid: 0,
        gid: 0,
        file_size: 0,
        id,
        flags: 0,
        flags_extended: 0,
        path: path.as_bytes().to_vec(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tree_goes_out_and_comes_back_with_changes() {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init_bare(dir.path().join("r.git")).unwrap();
        let mut index = Index::new().unwrap();
        for (path, text, mode) in [
            ("a.go", "package a\n", FileMode::Blob),
            ("sub/run.sh", "#!/bin/sh\n", FileMode::BlobExecutable),
        ] {
            let id = repo.blob(text.as_bytes()).unwrap();
            index.add(&entry(path, id, u32::from(mode))).unwrap();
        }
        let tree = repo.find_tree(index.write_tree_to(&repo).unwrap()).unwrap();
        let out = dir.path().join("out");
        std::fs::create_dir(&out).unwrap();
        export(&repo, &tree, &out).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("a.go")).unwrap(),
            "package a\n"
        );
        let mode = std::fs::metadata(out.join("sub/run.sh"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o111, 0o111, "the executable bit is kept");

        let changed = with_files(
            &repo,
            &tree,
            &[
                ("sub/run.sh".into(), b"#!/bin/sh\nexit 0\n".to_vec()),
                ("sub/new.go".into(), b"package sub\n".to_vec()),
            ],
        )
        .unwrap();
        let run = changed.get_path(Path::new("sub/run.sh")).unwrap();
        assert_eq!(run.filemode(), i32::from(FileMode::BlobExecutable));
        let new = changed.get_path(Path::new("sub/new.go")).unwrap();
        assert_eq!(new.filemode(), i32::from(FileMode::Blob));
        assert_eq!(
            changed.get_path(Path::new("a.go")).unwrap().id(),
            tree.get_path(Path::new("a.go")).unwrap().id()
        );
    }
}
