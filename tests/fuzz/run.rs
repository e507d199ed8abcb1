//! Running a program with a time bound: the child is killed when the
//! bound passes, and how it ended is told apart (exit code, signal,
//! timeout).

use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// How a run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// It exited with this code.
    Exited(i32),
    /// A signal ended it (an abort, a stack overflow, a segfault).
    Signalled(i32),
    /// It was still running when the bound passed, and was killed.
    TimedOut,
}

/// What a run printed and how it ended.
pub struct Run {
    /// How it ended.
    pub ending: Ending,
    /// Its standard output.
    pub stdout: Vec<u8>,
    /// Its standard error.
    pub stderr: Vec<u8>,
}

/// Runs `program args` in `cwd` with `env` added, its output going to
/// files in `scratch` (so that no pipe fills up), killing it once `bound`
/// has passed.
pub fn run(
    program: &Path,
    args: &[String],
    env: &[(&str, &str)],
    cwd: &Path,
    scratch: &Path,
    bound: Duration,
) -> Run {
    let out_path = scratch.join("stdout");
    let err_path = scratch.join("stderr");
    let out = std::fs::File::create(&out_path).expect("a scratch file");
    let err = std::fs::File::create(&err_path).expect("a scratch file");
    let mut child = Command::new(program)
        .args(args)
        .envs(env.iter().copied())
        .current_dir(cwd)
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err)
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", program.display()));
    let start = Instant::now();
    let mut pause = Duration::from_millis(1);
    let ending = loop {
        if let Some(status) = child.try_wait().expect("waiting for the child") {
            break ending(status);
        }
        if start.elapsed() >= bound {
            let _ = child.kill();
            let _ = child.wait();
            break Ending::TimedOut;
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(20));
    };
    Run {
        ending,
        stdout: std::fs::read(&out_path).unwrap_or_default(),
        stderr: std::fs::read(&err_path).unwrap_or_default(),
    }
}

#[cfg(unix)]
fn ending(status: ExitStatus) -> Ending {
    use std::os::unix::process::ExitStatusExt;
    match (status.code(), status.signal()) {
        (Some(code), _) => Ending::Exited(code),
        (None, signal) => Ending::Signalled(signal.unwrap_or(0)),
    }
}

#[cfg(not(unix))]
fn ending(status: ExitStatus) -> Ending {
    Ending::Exited(status.code().unwrap_or(-1))
}
