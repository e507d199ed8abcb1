//! Reproducers: a failing input made smaller while it still fails the
//! same way, and written to a directory with a README that says what
//! failed and how to run it again.

use crate::examine::{arguments, examine, Focus, Tools};
use crate::input::{Input, README};
use crate::property::Violation;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Removes files, flags and lines from `input` while it still shows a
/// violation of `violation`'s class, for at most `budget`.
pub fn minimise(
    tools: &Tools,
    input: &Input,
    violation: &Violation,
    scratch: &Path,
    budget: Duration,
) -> Input {
    let deadline = Instant::now() + budget;
    let class = violation.class();
    let focus = Focus::on(violation);
    let fails = |candidate: &Input| {
        Instant::now() < deadline
            && examine(tools, candidate, scratch, focus)
                .violations
                .iter()
                .any(|v| v.class() == class)
    };
    let mut best = input.clone();
    let paths: Vec<PathBuf> = best.files.keys().cloned().collect();
    for path in paths.iter().filter(|p| *p != Path::new("go.mod")) {
        let mut candidate = best.clone();
        candidate.files.remove(path);
        if fails(&candidate) {
            best = candidate;
        }
    }
    let mut group = 0;
    while group < flag_groups(&best.flags).len() {
        let mut candidate = best.clone();
        candidate.flags = flag_groups(&best.flags)
            .into_iter()
            .enumerate()
            .filter(|(i, _)| *i != group)
            .flat_map(|(_, flags)| flags)
            .collect();
        if fails(&candidate) {
            best = candidate;
        } else {
            group += 1;
        }
    }
    for path in paths.iter().filter(|p| crate::corpus::is_go(p)) {
        let Some(file) = best.files.get(path) else {
            continue;
        };
        let mut lines: Vec<Vec<u8>> = file
            .split_inclusive(|&b| b == b'\n')
            .map(<[u8]>::to_vec)
            .collect();
        let mut chunk = lines.len() / 2;
        while chunk >= 1 && Instant::now() < deadline {
            let mut start = 0;
            while start < lines.len() {
                let end = (start + chunk).min(lines.len());
                let kept: Vec<Vec<u8>> = [&lines[..start], &lines[end..]].concat();
                let mut candidate = best.clone();
                candidate.files.insert(path.clone(), kept.concat());
                if fails(&candidate) {
                    best = candidate;
                    lines = kept;
                } else {
                    start += chunk;
                }
            }
            chunk /= 2;
        }
    }
    best
}

/// The flags as option groups: each `--name` with the values after it.
fn flag_groups(flags: &[String]) -> Vec<Vec<String>> {
    let mut groups: Vec<Vec<String>> = Vec::new();
    for flag in flags {
        match groups.last_mut() {
            Some(group) if !flag.starts_with("--") => group.push(flag.clone()),
            _ => groups.push(vec![flag.clone()]),
        }
    }
    groups
}

/// The directory under `root` for a violation's class: the property's
/// name and a hash of the class, so a class found again lands in the same
/// place.
pub fn directory(root: &Path, violation: &Violation) -> PathBuf {
    let hash = violation
        .class()
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
        });
    root.join(format!("{}-{:08x}", violation.property.name(), hash as u32))
}

/// Writes `input` to `dir` (replacing what was there) with a README: the
/// class, the flags, the command that fails, where it was found, and
/// what was seen.
pub fn save(dir: &Path, violation: &Violation, input: &Input, found: &str) -> io::Result<()> {
    let _ = std::fs::remove_dir_all(dir);
    input.write(dir)?;
    let command = arguments(violation.step, &input.flags).join(" ");
    let readme = format!(
        "{class}\nflags: {flags}\ncommand: ctxmod {command} (in this directory, without this README)\nfound: {found}\nreplay: cargo test --test fuzz -- --replay {dir}\n\n{detail}\n",
        class = violation.class(),
        flags = input.flags.join(" "),
        dir = dir.display(),
        detail = violation.detail,
    );
    std::fs::write(dir.join(README), readme)
}
