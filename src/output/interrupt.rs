//! Ctrl-C and `kill` without debris: every temporary file or directory
//! ctxmod makes is registered here while it exists, and a signal removes
//! them all before the process exits.
//!
//! [`install`] starts a thread (signal-hook's iterator) that waits for
//! SIGINT, SIGTERM and SIGHUP. When one comes it takes the registry's lock,
//! removes every registered path and exits with 128 + the signal's number
//! (130 for SIGINT), holding the lock to the end so that no temporary file
//! can be made once the cleanup has started: [`create_file`] and
//! [`temp_dir`] make theirs under the same lock.
//!
//! Files written into a registered directory while it lives are written
//! in [`guarded`], under the same lock, so that the cleanup never races
//! with them.
//!
//! Some steps must not be cut in half: the rename that replaces a Go file,
//! a ref update in the object database. They run in [`critical`]; a signal
//! that comes meanwhile is only recorded, and the step's thread does the
//! cleanup and exits as soon as the step is done. So a Go file is either
//! the old one or the new one, never half-written, and no temporary file
//! outlives the process.

use std::ffi::OsString;
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

/// The signals that end a run.
const SIGNALS: [i32; 3] = [
    signal_hook::consts::SIGINT,
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
];

/// What the handler needs: the temporary paths alive now, and whether a
/// step that must not be cut is running.
struct Registry {
    /// Each live temporary path, with the id its guard removes it by.
    paths: Vec<(u64, PathBuf)>,
    /// The id the next registration gets.
    next: u64,
    /// How many [`critical`] steps are running.
    critical: usize,
    /// A signal that came during a critical step, to act on after it.
    pending: Option<i32>,
}

static REGISTRY: Mutex<Registry> = Mutex::new(Registry {
    paths: Vec::new(),
    next: 0,
    critical: 0,
    pending: None,
});

/// The registry, locked; a panic elsewhere while it was held does not stop
/// the cleanup.
fn registry() -> MutexGuard<'static, Registry> {
    REGISTRY.lock().unwrap_or_else(|e| e.into_inner())
}

impl Registry {
    fn add(&mut self, path: PathBuf) -> u64 {
        let id = self.next;
        self.next += 1;
        self.paths.push((id, path));
        id
    }

    fn remove(&mut self, id: u64) {
        self.paths.retain(|(i, _)| *i != id);
    }

    /// Removes every registered path and exits with 128 + `signal`,
    /// holding the lock (`self`) until the process is gone.
    fn clean_up_and_exit(&mut self, signal: i32) -> ! {
        // Other threads may still be reading the files removed here; what
        // they say of that now is no news to anyone.
        silence_stderr();
        for (_, path) in self.paths.drain(..) {
            remove_path(&path);
        }
        // `_exit`: no at-exit hooks run while other threads still work.
        signal_hook::low_level::exit(128 + signal)
    }
}

/// Points the standard error at `/dev/null`.
fn silence_stderr() {
    use std::os::fd::AsRawFd;
    if let Ok(null) = std::fs::OpenOptions::new().write(true).open("/dev/null") {
        // SAFETY: dup2 on two open descriptors; the one it replaces is
        // the process's standard error, which stays open (on /dev/null).
        unsafe {
            libc::dup2(null.as_raw_fd(), libc::STDERR_FILENO);
        }
    }
}

/// Removes a file, or a directory and everything in it; what is gone
/// already is no error.
fn remove_path(path: &Path) {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => {
            // Another thread may still be writing into it: try again.
            for _ in 0..3 {
                if std::fs::remove_dir_all(path).is_ok() || !path.exists() {
                    break;
                }
            }
        }
        Ok(_) => {
            let _ = std::fs::remove_file(path);
        }
        Err(_) => {}
    }
}

/// True when `signal` is ignored now, as a shell leaves SIGINT for a
/// background job and `nohup` leaves SIGHUP: such a signal stays ignored.
fn ignored(signal: i32) -> bool {
    // SAFETY: with a null new action, sigaction only reads the current
    // disposition into `old`, a plain C struct that zeroes are valid for.
    unsafe {
        let mut old: libc::sigaction = std::mem::zeroed();
        libc::sigaction(signal, std::ptr::null(), &mut old) == 0
            && old.sa_sigaction == libc::SIG_IGN
    }
}

/// Handles SIGINT, SIGTERM and SIGHUP from now on (those not ignored at
/// start): each removes the registered temporary paths and exits with its
/// number plus 128, after the critical step running, if any. Call it
/// once, at the start of `main`.
pub fn install() -> io::Result<()> {
    let wanted: Vec<i32> = SIGNALS.into_iter().filter(|s| !ignored(*s)).collect();
    let mut signals = signal_hook::iterator::Signals::new(&wanted)?;
    std::thread::Builder::new()
        .name("ctxmod-signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                on_signal(signal);
            }
        })?;
    Ok(())
}

/// What a signal does: the cleanup and exit now, or once the running
/// critical step is done.
fn on_signal(signal: i32) {
    let mut registry = registry();
    if registry.critical > 0 {
        registry.pending.get_or_insert(signal);
        return;
    }
    registry.clean_up_and_exit(signal)
}

/// Runs `write`, which makes files in a registered temporary directory,
/// under the registry's lock: never while a signal's cleanup removes the
/// directory (which would fail, or be undone by `write` making the
/// directory again) and never after it began. Keep `write` short (one
/// file): a signal waits for it.
pub fn guarded<T>(write: impl FnOnce() -> T) -> T {
    let _registry = registry();
    write()
}

/// Runs `step` to its end even when a signal comes meanwhile; the signal
/// takes effect (cleanup and exit) right after it, or after the last of
/// the critical steps running at once.
pub fn critical<T>(step: impl FnOnce() -> T) -> T {
    registry().critical += 1;
    let _end = CriticalEnd;
    step()
}

/// The end of a [`critical`] step, even one that panicked.
struct CriticalEnd;

impl Drop for CriticalEnd {
    fn drop(&mut self) {
        let mut registry = registry();
        registry.critical -= 1;
        if registry.critical == 0 {
            if let Some(signal) = registry.pending {
                registry.clean_up_and_exit(signal);
            }
        }
    }
}

/// A registered temporary path: removed, and struck off the registry, when
/// dropped, unless [`TempPath::keep`] was called (it was renamed away).
#[derive(Debug)]
pub struct TempPath {
    id: u64,
    path: PathBuf,
    live: bool,
}

impl TempPath {
    /// The path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Strikes the path off the registry without removing it: it no longer
    /// names a temporary file (it was renamed or linked into place).
    pub fn keep(mut self) {
        self.live = false;
        registry().remove(self.id);
    }
}

impl Drop for TempPath {
    fn drop(&mut self) {
        if self.live {
            // Removed first, then struck off: a signal in between finds
            // it gone, which is fine; the other order could leave it.
            remove_path(&self.path);
            registry().remove(self.id);
        }
    }
}

/// Creates a new file in `dir`, readable and writable by its owner only,
/// named by `name` from a random number (tried again with another when
/// the name is taken), and registers it. The file is made under the
/// registry's lock: none can appear after a signal's cleanup began.
pub fn create_file(
    dir: &Path,
    mut name: impl FnMut(u64) -> OsString,
) -> io::Result<(File, TempPath)> {
    use std::hash::{BuildHasher, Hasher};
    use std::os::unix::fs::OpenOptionsExt;
    let seed = std::collections::hash_map::RandomState::new();
    let mut registry = registry();
    let mut tries = 0u64;
    loop {
        let mut hasher = seed.build_hasher();
        hasher.write_u64(tries);
        hasher.write_u64(registry.next);
        let path = dir.join(name(hasher.finish()));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path)
        {
            Ok(file) => {
                let id = registry.add(path.clone());
                return Ok((
                    file,
                    TempPath {
                        id,
                        path,
                        live: true,
                    },
                ));
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && tries < 100 => tries += 1,
            Err(e) => return Err(e),
        }
    }
}

/// A registered temporary directory under the system's temporary
/// directory: removed with everything in it when dropped or on a signal.
#[derive(Debug)]
pub struct TempDir {
    dir: Option<tempfile::TempDir>,
    id: u64,
}

impl TempDir {
    /// The directory's path.
    pub fn path(&self) -> &Path {
        self.dir.as_ref().expect("the directory lives").path()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        if let Some(dir) = self.dir.take() {
            let _ = dir.close();
        }
        registry().remove(self.id);
    }
}

/// Creates a temporary directory whose name starts with `prefix`, and
/// registers it, under the registry's lock.
pub fn temp_dir(prefix: &str) -> io::Result<TempDir> {
    let mut registry = registry();
    let dir = tempfile::Builder::new().prefix(prefix).tempdir()?;
    let id = registry.add(dir.path().to_path_buf());
    Ok(TempDir { dir: Some(dir), id })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registered(path: &Path) -> bool {
        registry().paths.iter().any(|(_, p)| p == path)
    }

    #[test]
    fn temporary_paths_are_registered_while_they_live() {
        let dir = temp_dir("ctxmod-test-").unwrap();
        let root = dir.path().to_path_buf();
        assert!(registered(&root));
        let (_, file) = create_file(&root, |n| format!("t{n:x}").into()).unwrap();
        let path = file.path().to_path_buf();
        assert!(path.exists() && registered(&path));
        drop(file);
        assert!(!path.exists() && !registered(&path));
        let (_, kept) = create_file(&root, |n| format!("k{n:x}").into()).unwrap();
        let path = kept.path().to_path_buf();
        kept.keep();
        assert!(path.exists() && !registered(&path));
        drop(dir);
        assert!(!root.exists() && !registered(&root));
    }

    #[test]
    fn a_taken_name_is_tried_again() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("taken"), "").unwrap();
        let mut calls = 0;
        let (_, file) = create_file(dir.path(), |_| {
            calls += 1;
            if calls < 3 { "taken" } else { "free" }.into()
        })
        .unwrap();
        assert_eq!(calls, 3);
        assert_eq!(file.path(), dir.path().join("free"));
    }

    #[test]
    fn a_critical_step_runs_to_its_end() {
        assert_eq!(critical(|| 7), 7);
    }
}
