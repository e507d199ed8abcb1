//! The Go toolchain as `fix --verify` uses it: `go build` and `go vet` over
//! packages of one module, with edited files handed over as an overlay (so
//! nothing is copied or written), and their output read into the problems
//! of each package directory.

use crate::go::paths::display_path;
use anyhow::{Context, Result};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The `go` command.
pub struct Go {
    exe: PathBuf,
}

impl Go {
    /// The `go` command on `PATH`, if there is one.
    pub fn find() -> Option<Go> {
        let name = if cfg!(windows) { "go.exe" } else { "go" };
        let path = std::env::var_os("PATH")?;
        std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|exe| exe.is_file())
            .map(|exe| Go { exe })
    }

    /// Runs `go args` in `dir` (an absolute, canonical directory), with
    /// the user's environment: `GOFLAGS`, `GOWORK` and the build cache
    /// apply as they do for the user's own builds.
    fn run(&self, dir: &Path, args: &[OsString]) -> Result<Output> {
        Command::new(&self.exe)
            .args(args)
            .current_dir(dir)
            // The Go tool trusts $PWD as its working directory when it
            // names the same directory: make it this one.
            .env("PWD", dir)
            .output()
            .with_context(|| format!("running {} in {}", self.exe.display(), dir.display()))
    }

    /// The packages of the module at `module` (`go list ./...`).
    pub fn packages(&self, module: &Path) -> Result<Packages> {
        let args = [
            "list",
            "-e",
            "-json=Dir,ImportPath,Imports,TestImports,XTestImports",
        ];
        let mut args: Vec<OsString> = args.iter().map(OsString::from).collect();
        args.push("./...".into());
        let out = self.run(module, &args)?;
        let mut packages = Packages::default();
        for value in serde_json::Deserializer::from_slice(&out.stdout).into_iter::<Value>() {
            let Ok(value) = value else { break };
            let (Some(dir), Some(path)) = (value["Dir"].as_str(), value["ImportPath"].as_str())
            else {
                continue;
            };
            let dir = PathBuf::from(dir);
            let imports = ["Imports", "TestImports", "XTestImports"]
                .iter()
                .filter_map(|k| value[k].as_array())
                .flatten()
                .filter_map(|i| i.as_str().map(str::to_string))
                .collect();
            packages.dirs.insert(path.to_string(), dir.clone());
            packages.imports.insert(dir, imports);
        }
        Ok(packages)
    }

    /// Builds and vets `patterns` (`./...`, `./p`) in the module at
    /// `module`, the files of `overlay` replaced by their new texts.
    pub fn check(
        &self,
        module: &Path,
        packages: &Packages,
        patterns: &[String],
        overlay: Option<&Overlay>,
    ) -> Result<Health> {
        let reader = OutputReader {
            module,
            packages,
            overlay,
        };
        let overlay_flag = overlay.map(|o| {
            let mut flag = OsString::from("-overlay=");
            flag.push(o.json().as_os_str());
            flag
        });
        let with = |first: &[&str]| -> Vec<OsString> {
            let mut args: Vec<OsString> = first.iter().map(OsString::from).collect();
            args.extend(overlay_flag.clone());
            args.extend(patterns.iter().map(OsString::from));
            args
        };
        let dev_null = if cfg!(windows) { "NUL" } else { "/dev/null" };
        let build = self.run(module, &with(&["build", "-o", dev_null]))?;
        let vet = self.run(module, &with(&["vet", "-json"]))?;
        let mut health = Health::default();
        // What a run that succeeds prints on stderr (`go: downloading …`)
        // is no error. (`go vet -json` succeeds with findings: they are on
        // stdout.)
        for run in [&build, &vet].into_iter().filter(|r| !r.status.success()) {
            reader.errors(&String::from_utf8_lossy(&run.stderr), &mut health);
        }
        reader.vet_findings(&vet.stdout, &mut health);
        Ok(health)
    }
}

/// The packages of one module: their directories, and what each imports
/// (its tests' imports included).
#[derive(Debug, Default)]
pub struct Packages {
    dirs: HashMap<String, PathBuf>,
    imports: HashMap<PathBuf, Vec<String>>,
}

impl Packages {
    /// The directory of the package named in a `# ...` header of the
    /// toolchain's output (`p`, `p [p.test]`, `p_test [p.test]`).
    fn dir_of_header(&self, header: &str) -> Option<PathBuf> {
        let path = header.split_whitespace().next()?.trim_matches(['[', ']']);
        self.dirs
            .get(path)
            .or_else(|| self.dirs.get(path.strip_suffix("_test")?))
            .cloned()
    }

    /// `dir` and the directories of every package of the module it imports,
    /// directly or not (tests included).
    pub fn with_dependencies(&self, dir: &Path) -> HashSet<PathBuf> {
        let mut seen = HashSet::from([dir.to_path_buf()]);
        let mut work = vec![dir.to_path_buf()];
        while let Some(dir) = work.pop() {
            for import in self.imports.get(&dir).into_iter().flatten() {
                if let Some(dep) = self.dirs.get(import) {
                    if seen.insert(dep.clone()) {
                        work.push(dep.clone());
                    }
                }
            }
        }
        seen
    }
}

/// The edited files as the toolchain's `-overlay` sees them: each file's
/// new text in a temporary file, and the JSON that maps one to the other.
pub struct Overlay {
    /// The temporary directory: the JSON and the new texts, removed with
    /// the overlay (or by Ctrl-C).
    dir: crate::output::interrupt::TempDir,
    /// The replaced files, by the key of the directory holding each new
    /// text ([`overlay_key`]).
    originals: HashMap<String, PathBuf>,
}

/// The prefix of an overlay's temporary directory.
const OVERLAY_PREFIX: &str = "ctxmod-verify-";

/// The name of the JSON file an overlay's directory holds for `-overlay`.
const OVERLAY_JSON: &str = "overlay.json";

/// The name of the directory holding the new text of `path` in an overlay:
/// a hash of the path and the text. The toolchain caches what vet says of
/// a package by the contents of its files, and replays it with the paths
/// of the run that filled the cache, another overlay's: the same key there
/// still names the same file.
fn overlay_key(path: &Path, text: &str) -> String {
    let path_hash = crate::go::tokens::hash(path.as_os_str().as_encoded_bytes());
    format!(
        "{:016x}",
        path_hash ^ crate::go::tokens::hash(text.as_bytes()).rotate_left(1)
    )
}

/// The line that ends each new text of an overlay.
const OVERLAY_MARK: &str = "// Checked by ctxmod --verify.\n";

/// `text` as an overlay holds it: with [`OVERLAY_MARK`] at the end, which
/// changes no line and nothing the toolchain builds or vets. Without it,
/// once the fixes are written, the user's own `go vet` would find the
/// same contents in the toolchain's cache and replay what it said of them
/// here, under this overlay's temporary paths.
fn marked(text: &str) -> String {
    let newline = if text.is_empty() || text.ends_with('\n') {
        ""
    } else {
        "\n"
    };
    format!("{text}{newline}{OVERLAY_MARK}")
}

impl Overlay {
    /// Writes the new texts of `files` (absolute, canonical paths).
    pub fn new<'a>(files: impl IntoIterator<Item = (PathBuf, &'a str)>) -> Result<Overlay> {
        let dir = crate::output::interrupt::temp_dir(OVERLAY_PREFIX)
            .context("creating a temporary directory for go build -overlay")?;
        let mut replace = serde_json::Map::new();
        let mut originals = HashMap::new();
        for (path, text) in files {
            let name = path.file_name().context("an edited file has a name")?;
            let key = overlay_key(&path, text);
            let copy = dir.path().join(&key).join(name);
            crate::output::interrupt::guarded(|| {
                std::fs::create_dir_all(dir.path().join(&key))?;
                std::fs::write(&copy, marked(text))
            })?;
            replace.insert(
                path.display().to_string(),
                Value::String(copy.display().to_string()),
            );
            originals.insert(key, path);
        }
        let overlay = serde_json::json!({ "Replace": replace });
        let json = serde_json::to_vec(&overlay)?;
        crate::output::interrupt::guarded(|| std::fs::write(dir.path().join(OVERLAY_JSON), json))?;
        Ok(Overlay { dir, originals })
    }

    /// The JSON file to pass to `-overlay`.
    fn json(&self) -> PathBuf {
        self.dir.path().join(OVERLAY_JSON)
    }

    /// The edited file a path the toolchain printed stands for, when it
    /// is one of the overlay's new texts, however the toolchain shortened
    /// it, and also when it is the same text in another overlay's directory
    /// (replayed from the toolchain's cache): the key survives.
    fn original(&self, shown: &str) -> Option<&Path> {
        let after = &shown[shown.find(OVERLAY_PREFIX)? + OVERLAY_PREFIX.len()..];
        let key = after.split(['/', '\\']).nth(1)?;
        self.originals.get(key).map(PathBuf::as_path)
    }
}

/// What the toolchain says about a module's packages, by package directory.
#[derive(Debug, Default)]
pub struct Health {
    /// Compile and type errors (also those of test files, from vet), first
    /// first, as lines to show.
    errors: BTreeMap<PathBuf, Vec<String>>,
    /// vet's findings: each as a message with its numbers blanked (to
    /// compare runs whose lines moved) and the line to show.
    findings: BTreeMap<PathBuf, Vec<(String, String)>>,
}

/// How a package that was clean got worse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Breakage {
    /// The package directory.
    pub dir: PathBuf,
    /// False for a compile error, true for a new vet finding.
    pub vet: bool,
    /// The first error or new finding, as `file:line:col: message`.
    pub first: String,
}

impl Breakage {
    /// What went wrong, for messages: "it breaks the build: …".
    pub fn describe(&self) -> String {
        let what = if self.vet {
            "go vet reports"
        } else {
            "it breaks the build"
        };
        format!("{what}: {}", self.first)
    }
}

impl Health {
    /// True when the package in `dir` had a compile error.
    fn failed(&self, dir: &Path) -> bool {
        self.errors.contains_key(dir)
    }

    /// The first compile error of the package in `dir`, if it had any.
    pub fn first_error(&self, dir: &Path) -> Option<&str> {
        self.errors.get(dir)?.first().map(String::as_str)
    }

    /// The first package that built before and does not now, or that vet
    /// reports something new about; compile errors first.
    pub fn broken_since(&self, before: &Health) -> Option<Breakage> {
        let compile = self.errors.iter().find(|(dir, _)| !before.failed(dir));
        if let Some((dir, lines)) = compile {
            return Some(Breakage {
                dir: dir.clone(),
                vet: false,
                first: lines[0].clone(),
            });
        }
        self.findings.iter().find_map(|(dir, found)| {
            if before.failed(dir) {
                return None;
            }
            let mut known: Vec<&str> = before
                .findings
                .get(dir)
                .into_iter()
                .flatten()
                .map(|(message, _)| message.as_str())
                .collect();
            found.iter().find_map(|(message, shown)| {
                match known.iter().position(|k| k == message) {
                    Some(i) => {
                        known.swap_remove(i);
                        None
                    }
                    None => Some(Breakage {
                        dir: dir.clone(),
                        vet: true,
                        first: shown.clone(),
                    }),
                }
            })
        })
    }
}

/// Reads the toolchain's output for one module.
struct OutputReader<'a> {
    module: &'a Path,
    packages: &'a Packages,
    overlay: Option<&'a Overlay>,
}

impl OutputReader<'_> {
    /// The file a path the toolchain printed names: an edited file for its
    /// overlay copy, else the path from the module's directory.
    fn file(&self, shown: &str) -> PathBuf {
        if let Some(original) = self.overlay.and_then(|o| o.original(shown)) {
            return original.to_path_buf();
        }
        crate::go::gomod::normalize(&self.module.join(shown))
    }

    /// A `file:line:col: message` line with the file as the user sees it,
    /// and the file's directory; other lines as they are.
    fn located(&self, line: &str) -> (String, Option<PathBuf>) {
        let Some(end) = position_end(line) else {
            return (line.to_string(), None);
        };
        let file = self.file(&line[..end]);
        let shown = format!("{}{}", display_path(&file), &line[end..]);
        (shown, file.parent().map(Path::to_path_buf))
    }

    /// Adds the compile and type errors of `text` (`go build` or `go vet`
    /// stderr): each under the package of its file, else of the `# pkg`
    /// header above it, else of the module's directory.
    fn errors(&self, text: &str, health: &mut Health) {
        let mut header: Option<PathBuf> = None;
        for line in text.lines() {
            if let Some(h) = line.strip_prefix("# ") {
                header = self.packages.dir_of_header(h);
                continue;
            }
            if line.trim().is_empty() || line.starts_with(char::is_whitespace) {
                // A continuation (`have …`, `want …`) of the line above.
                continue;
            }
            if PROGRESS.iter().any(|p| line.starts_with(p)) {
                continue;
            }
            let (shown, dir) = self.located(line.strip_prefix("vet: ").unwrap_or(line));
            let dir = dir
                .or_else(|| header.clone())
                .unwrap_or_else(|| self.module.to_path_buf());
            health.errors.entry(dir).or_default().push(shown);
        }
    }

    /// Adds the findings of `go vet -json`'s output: a JSON object per
    /// package, `{pkg: {analyzer: [{posn, message}] | {error}}}`.
    fn vet_findings(&self, stdout: &[u8], health: &mut Health) {
        for value in serde_json::Deserializer::from_slice(stdout).into_iter::<Value>() {
            let Ok(Value::Object(by_package)) = value else {
                break;
            };
            for (package, analyzers) in &by_package {
                let Some(analyzers) = analyzers.as_object() else {
                    continue;
                };
                for (analyzer, found) in analyzers {
                    for item in found.as_array().map_or(&[][..], Vec::as_slice) {
                        let message = item["message"].as_str().unwrap_or_default();
                        let posn = item["posn"].as_str().unwrap_or_default();
                        let (shown, dir) = self.located(&format!("{posn}: {message}"));
                        let Some(dir) = dir.or_else(|| self.packages.dir_of_header(package)) else {
                            continue;
                        };
                        let key = format!("{analyzer}: {}", blank_numbers(message));
                        health.findings.entry(dir).or_default().push((key, shown));
                    }
                    if let Some(error) = found["error"].as_str() {
                        let dir = self
                            .packages
                            .dir_of_header(package)
                            .unwrap_or_else(|| self.module.to_path_buf());
                        let line = format!("{analyzer}: {error}");
                        health.errors.entry(dir).or_default().push(line);
                    }
                }
            }
        }
    }
}

/// The starts of the lines the go command prints about its progress, not
/// about the code.
const PROGRESS: &[&str] = &["go: downloading ", "go: finding ", "go: extracting "];

/// Where the file of a `file.go:line:col: message` line ends.
fn position_end(line: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = line[from..].find(".go:") {
        let end = from + i + 3;
        if line[end + 1..].starts_with(|c: char| c.is_ascii_digit()) {
            return Some(end);
        }
        from = end;
    }
    None
}

/// `message` with every run of digits replaced by `#`: the same finding on
/// a line that moved reads the same.
fn blank_numbers(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    for c in message.chars() {
        if !c.is_ascii_digit() {
            out.push(c);
        } else if !out.ends_with('#') {
            out.push('#');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn packages() -> Packages {
        let mut p = Packages::default();
        p.dirs.insert("example.com/m".into(), "/m".into());
        p.dirs.insert("example.com/m/q".into(), "/m/q".into());
        p.imports
            .insert("/m".into(), vec!["fmt".into(), "example.com/m/q".into()]);
        p
    }

    #[test]
    fn errors_go_to_the_package_of_their_file_or_header() {
        let packages = packages();
        let reader = OutputReader {
            module: Path::new("/m"),
            packages: &packages,
            overlay: None,
        };
        let mut health = Health::default();
        reader.errors(
            "# example.com/m/q\n\
             q/q.go:5:23: not enough arguments in call to p.G\n\
             \thave ()\n\
             # example.com/m [example.com/m.test]\n\
             vet: ./m_test.go:3:1: undefined: x\n\
             ../lib/lib.go:4:5: in another module of the go.work\n\
             # example.com/m_test [example.com/m.test]\n\
             some error without a place\n\
             go: downloading example.com/dep v1.0.0\n\
             go: something about the module\n",
            &mut health,
        );
        assert_eq!(
            health.errors[Path::new("/m/q")],
            vec!["/m/q/q.go:5:23: not enough arguments in call to p.G"]
        );
        assert_eq!(
            health.errors[Path::new("/lib")],
            vec!["/lib/lib.go:4:5: in another module of the go.work"]
        );
        assert_eq!(
            health.errors[Path::new("/m")],
            vec![
                "/m/m_test.go:3:1: undefined: x",
                "some error without a place",
                "go: something about the module"
            ]
        );
        assert_eq!(
            packages.with_dependencies(Path::new("/m")),
            HashSet::from([PathBuf::from("/m"), PathBuf::from("/m/q")])
        );
    }

    #[test]
    fn only_packages_clean_before_count_as_broken() {
        let mut before = Health::default();
        before
            .errors
            .insert("/m/old".into(), vec!["old.go:1:1: x".into()]);
        before
            .findings
            .insert("/m".into(), vec![("printf: %d of #".into(), "a".into())]);
        let mut after = Health::default();
        after
            .errors
            .insert("/m/old".into(), vec!["old.go:9:1: y".into()]);
        assert_eq!(after.broken_since(&before), None, "broken before");
        after
            .findings
            .insert("/m".into(), vec![("printf: %d of #".into(), "b".into())]);
        assert_eq!(after.broken_since(&before), None, "the same finding");
        after
            .findings
            .get_mut(Path::new("/m"))
            .unwrap()
            .push(("lostcancel: leak".into(), "m.go:4:2: leak".into()));
        let broken = after.broken_since(&before).unwrap();
        assert!(broken.vet);
        assert_eq!(broken.first, "m.go:4:2: leak");
        after
            .errors
            .insert("/m/new".into(), vec!["new.go:2:3: z".into()]);
        let broken = after.broken_since(&before).unwrap();
        assert_eq!((broken.dir, broken.vet), (PathBuf::from("/m/new"), false));
    }

    #[test]
    fn overlay_paths_map_back_to_the_edited_file() {
        let overlay = Overlay::new([(PathBuf::from("/m/a.go"), "package m\n")]).unwrap();
        let key = overlay_key(Path::new("/m/a.go"), "package m\n");
        let copy = overlay.dir.path().join(&key).join("a.go");
        // The new text, marked apart from the file the user will have.
        assert_eq!(
            std::fs::read_to_string(&copy).unwrap(),
            format!("package m\n{OVERLAY_MARK}")
        );
        assert_eq!(marked("package m"), format!("package m\n{OVERLAY_MARK}"));
        let shown = copy.display().to_string();
        assert_eq!(overlay.original(&shown), Some(Path::new("/m/a.go")));
        let name = overlay.dir.path().file_name().unwrap().to_string_lossy();
        let shortened = format!("../../tmp/{name}/{key}/a.go");
        assert_eq!(overlay.original(&shortened), Some(Path::new("/m/a.go")));
        // What vet said of the same text in an earlier run's overlay, and
        // the toolchain's cache replays.
        let replayed = format!("/tmp/{OVERLAY_PREFIX}Xy12ab/{key}/a.go");
        assert_eq!(overlay.original(&replayed), Some(Path::new("/m/a.go")));
        let other_text = overlay_key(Path::new("/m/a.go"), "package m\n\nvar x int\n");
        assert_ne!(other_text, key);
        let other = format!("/tmp/{OVERLAY_PREFIX}Xy12ab/{other_text}/a.go");
        assert_eq!(overlay.original(&other), None);
        assert_eq!(overlay.original("/m/a.go"), None);
        assert_eq!(position_end("a.go:3:4: x"), Some(4));
        assert_eq!(position_end("go: cannot find main module"), None);
        assert_eq!(
            blank_numbers("defined on line 12 of 3"),
            "defined on line # of #"
        );
    }
}
