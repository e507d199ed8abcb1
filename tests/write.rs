//! `ctxmod fix --write` end to end where writing a file is not simple: a
//! symbolic link, a file the user may not write, a file someone else
//! owns, a directory that takes no new file. Each time the error names the
//! Go file (never a temporary one), the other files are still written,
//! and the run exits 2.

mod support;

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use support::project::Run;
use support::sources::{fixed, leaky};
use support::{read_file, write_file};

/// Another user's ids, for the tests run as root.
const OTHER: u32 = 1234;

/// Runs `ctxmod args` in `dir`, as the user `as_user` (uid and gid) when
/// given.
fn run(dir: &Path, args: &[&str], as_user: Option<u32>) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ctxmod"));
    command.args(args).current_dir(dir);
    if let Some(id) = as_user {
        command.uid(id).gid(id);
    }
    let run = Run::from(command.output().expect("the ctxmod binary runs"));
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run
}

/// True when the tests run as root.
fn root() -> bool {
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

/// A temporary directory (canonical) named so that no message could show
/// it as a temporary file's path.
fn scratch() -> (tempfile::TempDir, PathBuf) {
    support::scratch("ctxmod-write-")
}

fn is_link(path: &Path) -> bool {
    std::fs::symlink_metadata(path).unwrap().is_symlink()
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_link_given_has_its_target_fixed_once_and_stays_a_link() {
    let (_tmp, root) = scratch();
    write_file(&root.join("real.go"), leaky(&["Load"]));
    std::os::unix::fs::symlink("real.go", root.join("link.go")).unwrap();
    for args in [
        &["fix", "--write", "link.go"][..],
        &["fix", "--write", "link.go", "real.go"],
        &["fix", "--write", "real.go", "./link.go", "."],
    ] {
        write_file(&root.join("real.go"), leaky(&["Load"]));
        let run = run(&root, args, None);
        assert_eq!(run.code, Some(0), "{args:?}: {}", run.stderr);
        assert!(is_link(&root.join("link.go")), "{args:?}: the link is kept");
        assert_eq!(
            read_file(&root.join("real.go")),
            fixed(&["Load"]),
            "{args:?}: one fix"
        );
        assert_eq!(names(&root), ["link.go", "real.go"]);
    }
}

#[test]
fn a_link_out_of_the_paths_given_is_refused_and_the_others_written() {
    let (_tmp, root) = scratch();
    let target = root.join("other/x.go");
    write_file(&target, leaky(&["Load"]));
    write_file(&root.join("app/good.go"), leaky(&["Load"]));
    let link = root.join("app/link.go");
    std::os::unix::fs::symlink("../other/x.go", &link).unwrap();
    let run = run(
        &root,
        &["fix", "--write", "app/link.go", "app/good.go"],
        None,
    );
    let error = run.one_error();
    assert!(error.contains("app/link.go: "), "{error}");
    assert!(error.contains("outside the paths given"), "{error}");
    assert!(is_link(&link));
    assert_eq!(read_file(&target), leaky(&["Load"]));
    assert_eq!(read_file(&root.join("app/good.go")), fixed(&["Load"]));
    assert_eq!(names(&root.join("app")), ["good.go", "link.go"]);
    // The target's directory given too: the target is fixed.
    let run = self::run(&root, &["fix", "--write", "app/link.go", "other"], None);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(is_link(&link));
    assert_eq!(read_file(&target), fixed(&["Load"]));
}

#[test]
fn a_read_only_file_is_refused_and_the_others_written() {
    let (_tmp, root) = scratch();
    let locked = root.join("locked.go");
    write_file(&locked, leaky(&["Load"]));
    write_file(&root.join("good.go"), leaky(&["Load"]));
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o444)).unwrap();
    let run = run(&root, &["fix", "--write", "."], None);
    let error = run.one_error();
    assert!(error.contains("locked.go: "), "{error}");
    assert_eq!(read_file(&locked), leaky(&["Load"]));
    let mode = std::fs::metadata(&locked).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o444);
    assert_eq!(read_file(&root.join("good.go")), fixed(&["Load"]));
    assert_eq!(names(&root), ["good.go", "locked.go"]);
}

/// As another user, in a directory they may write: a file only root may
/// write is refused (the rename would have replaced it), theirs is written
/// and stays theirs. Needs root, to run as another user.
#[test]
fn another_users_file_is_refused_though_the_directory_is_writable() {
    if !root() {
        eprintln!("not root: cannot run as another user; skipped");
        return;
    }
    let (_tmp, root) = scratch();
    std::fs::set_permissions(&root, std::fs::Permissions::from_mode(0o777)).unwrap();
    let roots = root.join("roots.go");
    let theirs = root.join("theirs.go");
    write_file(&roots, leaky(&["Load"]));
    write_file(&theirs, leaky(&["Load"]));
    std::os::unix::fs::chown(&theirs, Some(OTHER), Some(OTHER)).unwrap();
    let run = run(&root, &["fix", "--write", "."], Some(OTHER));
    let error = run.one_error();
    assert!(error.contains("roots.go: "), "{error}");
    assert!(error.contains("not writable"), "{error}");
    assert_eq!(read_file(&roots), leaky(&["Load"]));
    assert_eq!(std::fs::metadata(&roots).unwrap().uid(), 0);
    assert_eq!(read_file(&theirs), fixed(&["Load"]));
    let meta = std::fs::metadata(&theirs).unwrap();
    assert_eq!((meta.uid(), meta.gid()), (OTHER, OTHER));
    assert_eq!(names(&root), ["roots.go", "theirs.go"]);
}

/// Root writes a file another user owns: the new file is still theirs,
/// with the same mode.
#[test]
fn owner_group_and_mode_are_kept() {
    if !root() {
        eprintln!("not root: cannot give a file away; skipped");
        return;
    }
    let (_tmp, root) = scratch();
    let path = root.join("theirs.go");
    write_file(&path, leaky(&["Load"]));
    std::os::unix::fs::chown(&path, Some(OTHER), Some(OTHER)).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    let run = run(&root, &["fix", "--write", "."], None);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(read_file(&path), fixed(&["Load"]));
    let meta = std::fs::metadata(&path).unwrap();
    assert_eq!((meta.uid(), meta.gid()), (OTHER, OTHER));
    assert_eq!(meta.permissions().mode() & 0o7777, 0o640);
}

/// A directory that takes no new file: the error names the Go file and the
/// directory, not the temporary file that could not be made. Root may
/// write any directory, so as root the run is another user's.
#[test]
fn a_read_only_directory_is_named_with_the_file() {
    let (_tmp, root) = scratch();
    let user = self::root().then_some(OTHER);
    let dir = root.join("pkg");
    let path = dir.join("a.go");
    write_file(&path, leaky(&["Load"]));
    if let Some(id) = user {
        std::fs::set_permissions(&root, std::fs::Permissions::from_mode(0o755)).unwrap();
        std::os::unix::fs::chown(&path, Some(id), Some(id)).unwrap();
    }
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    let run = run(&root, &["fix", "--write", "."], user);
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let error = run.one_error();
    assert!(error.contains("pkg/a.go: "), "{error}");
    assert!(error.contains(&format!(" {}: ", dir.display())), "{error}");
    assert_eq!(read_file(&path), leaky(&["Load"]));
    assert_eq!(names(&dir), ["a.go"]);
}
