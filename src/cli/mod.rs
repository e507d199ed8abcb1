//! The command line: `check`, `fix`, `apply`, `rules` and `explain`.

mod apply;

use crate::lint::config::Config;
use crate::lint::engine::{Engine, Notice, Severity};
use crate::lint::fix::Applicability;
use crate::lint::options::OptionSet;
use crate::lint::rule::{RuleEntry, RuleSet};
use crate::lint::words::{count, noun};
use crate::output::report::notice_line;
use crate::ship::forge::ForgeKind;
use crate::transforms;
use anyhow::{bail, Context, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{IsTerminal, Write};

/// Exit code: nothing found, nothing to change, or changes written.
pub const EXIT_CLEAN: i32 = 0;
/// Exit code: findings reported, or a dry run that would change files.
pub const EXIT_FINDINGS: i32 = 1;
/// Exit code: a usage error, or an input that could not be read or written.
pub const EXIT_ERROR: i32 = 2;

/// Runs below this many files get no progress bar.
const PROGRESS_MIN_FILES: usize = 200;

const MAIN_EXAMPLES: &str = "\
Examples:
  ctxmod check ./...                 list findings in the module
  ctxmod check --format json . > findings.json
  ctxmod check --format sarif ./... > ctxmod.sarif
  ctxmod fix ./...                   preview safe fixes as a unified diff
  ctxmod fix --format markdown --diff-out ctxmod.patch ./...
  ctxmod fix --unsafe --write ./...  apply safe and unsafe fixes in place
  ctxmod apply --branch ctxmod/fixes --push origin
                                     commit the fixes on a branch and push it
  ctxmod rules                       list every rule
  ctxmod explain lost-cancel         read one rule's documentation
  ctxmod completions bash            a completion script for bash (zsh, fish)

Exit codes: 0 clean, 1 findings (or a dry run that would change files, or a
file skipped for a syntax error), 2 error.";

const CHECK_EXAMPLES: &str = "\
Examples:
  ctxmod check                       check the current directory
  ctxmod check ./... --rule CTX005   only the lost-cancel rule
  ctxmod check --format json svc/ > findings.json
  ctxmod check --format sarif ./... > ctxmod.sarif
                                     for code scanning (run at the repository root)
  ctxmod check --format github ./... annotations in a GitHub Actions job
  ctxmod check --format markdown --max-bytes 60000 ./... >> \"$GITHUB_STEP_SUMMARY\"
  ctxmod check --stats ./...         also print file counts and timing

Exit codes: 0 no findings (or no Go files), 1 findings or a file skipped for a
syntax error, 2 usage or I/O error.";

const FIX_EXAMPLES: &str = "\
Examples:
  ctxmod fix ./...                   show the diff of every safe fix; write nothing
  ctxmod fix ./... | git apply       the same, applied with git
  ctxmod fix --diff-out ctxmod.patch --format markdown ./... > report.md
                                     a patch for `git apply` and a report for reviewers
  ctxmod fix --format json ./...     the fixes and each file's diff as JSON
  ctxmod fix --write ./...           apply safe fixes in place
  ctxmod fix --unsafe --write --rule redundant-cancel .
  ctxmod fix --unsafe --verify --write ./...
                                     apply only the fixes that go build and go vet accept
  ctxmod fix --unsafe --exported wrap ./...
                                     thread ctx, keeping exported Foo beside a new FooContext

Exit codes: without --write, 0 nothing to change, 1 changes shown;
with --write, 0 written; 1 also when a file was skipped for a syntax
error; 2 usage or I/O error.";

const APPLY_EXAMPLES: &str = "\
Examples:
  ctxmod apply --branch ctxmod/fixes             commit HEAD's safe fixes on a branch
  ctxmod apply --branch ctxmod/fixes --unsafe --push origin
                                                 also the unsafe fixes; push the branch
  ctxmod apply --branch ctxmod/fixes --base origin/main --squash services/
  ctxmod apply --branch bot/ctx --author 'ctx bot <bot@example.com>' --no-verify
  ctxmod apply --branch ctxmod/fixes --push origin --pr --label ctxmod
                                                 push, then open or update its pull request
  ctxmod apply --branch ctxmod/fixes --push origin --pr --dry-run
                                                 say what would be committed, pushed, opened

The fixes are made on the tree of --base (default HEAD), checked out into a
temporary directory, and committed without touching the working tree, the
index or HEAD: uncommitted changes stay where they are. One commit per rule,
or one with --squash; each ends with a `Ctxmod-Base: <commit>` trailer.
--verify (the default when `go` is on PATH) builds and vets that checkout.
Run it again at will: a branch that holds the result already is left as it
is; one that ctxmod made (every commit since the base has the trailer and
this run's author) is rebuilt on the current base; one with someone else's
commit is left alone unless --force. --push sends the branch with
force-with-lease; credentials come from git (helpers, GIT_ASKPASS, SSH) or
CTXMOD_TOKEN / GITHUB_TOKEN, never from the command line.
--pr then opens the branch's pull request on the forge the remote's URL
names (--forge github or gitea, --api-url for another API address), or
updates the open one when its title, body or labels differ; the body is
the markdown report of the fixes, kept under the forge's size limit. The
token (CTXMOD_TOKEN, else GITHUB_TOKEN) is never printed. --dry-run prints
the commits, the push and the pull request it would make, and writes
nothing: no ref, no object, no push, no forge write.

Exit codes (a dry run exits as the real run would): 0 branch made,
rebuilt or up to date (and pushed, its pull request opened, updated or up
to date), or nothing to fix; 1 left alone (a commit ctxmod did not make
is on it); 2 error, or PATH not in a git repository.";

const RULES_EXAMPLES: &str = "\
Examples:
  ctxmod rules
  ctxmod rules | grep safe
  ctxmod rules --one-file            the rules that need no workspace index";

const COMPLETIONS_EXAMPLES: &str = "\
Examples:
  ctxmod completions bash > ~/.local/share/bash-completion/completions/ctxmod
  ctxmod completions zsh > \"${fpath[1]}/_ctxmod\"
  ctxmod completions fish > ~/.config/fish/completions/ctxmod.fish";

const EXPLAIN_EXAMPLES: &str = "\
Examples:
  ctxmod explain CTX001
  ctxmod explain lost-cancel";

/// ctxmod finds misuse of Go's context.Context and fixes it with minimal,
/// reviewable text edits.
#[derive(Parser, Debug)]
#[command(name = "ctxmod", version, after_help = MAIN_EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Report findings as `file:line:col: CODE id: message`.
    #[command(after_help = CHECK_EXAMPLES)]
    Check(CheckArgs),
    /// Show (or with --write, apply) the fixes as a unified diff.
    #[command(after_help = FIX_EXAMPLES)]
    Fix(FixArgs),
    /// Commit the fixes of a commit's tree on a git branch (and push it).
    #[command(after_help = APPLY_EXAMPLES)]
    Apply(ApplyArgs),
    /// List every rule: code, id, fix applicability and summary.
    #[command(after_help = RULES_EXAMPLES)]
    Rules {
        /// Only the rules that read one file at a time, which need no
        /// workspace index beyond the declarations every run gathers.
        #[arg(long)]
        one_file: bool,
    },
    /// Print one rule's documentation.
    #[command(after_help = EXPLAIN_EXAMPLES)]
    Explain {
        /// A rule id (`lost-cancel`) or code (`CTX005`).
        rule: String,
    },
    /// Print a shell completion script for bash, zsh, fish, elvish or
    /// PowerShell.
    #[command(after_help = COMPLETIONS_EXAMPLES)]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

#[derive(Args, Debug)]
struct Selection {
    /// Files or directories; `./...` and `dir/...` as Go users type them.
    #[arg(default_value = ".")]
    paths: Vec<String>,
    /// Run only this rule (id or code); repeat for more.
    #[arg(long = "rule", value_name = "ID")]
    rules: Vec<String>,
    #[command(flatten)]
    options: RunOptions,
}

/// Declares a struct of rules' options (each a rule's `clap::Args`,
/// flattened into the command's flags) with `given`, which adds the
/// options the flags give to a set, to be merged over ctxmod.toml's.
macro_rules! rule_options {
    ($(#[$attr:meta])* struct $name:ident { $($field:ident: $options:ty,)* }) => {
        $(#[$attr])*
        #[derive(Args, Debug, Default)]
        struct $name {
            $(
                #[command(flatten)]
                $field: $options,
            )*
        }

        impl $name {
            fn given(&self, set: &mut OptionSet) {
                $(set.set(self.$field.clone());)*
            }
        }
    };
}

rule_options! {
    /// The rules' options `check`, `fix` and `apply` all take.
    struct RunOptions {
        thread_ctx: transforms::thread_ctx::ThreadCtxOptions,
    }
}

rule_options! {
    /// The options that only shape the fixes' text: `fix` and `apply` take
    /// them, `check` does not (ctxmod.toml still sets them for its hints).
    struct FixShape {
        string_key: transforms::string_key::StringKeyOptions,
        gin_copy_detach: transforms::gin::copy_detach::GinCopyDetachOptions,
        unbounded_detach: transforms::unbounded_detach::UnboundedDetachOptions,
    }
}

#[derive(Args, Debug)]
struct CheckArgs {
    #[command(flatten)]
    selection: Selection,
    /// Output format: text for people, json (schema/findings.schema.json),
    /// sarif (SARIF 2.1.0, for code scanning), github (workflow-command
    /// annotations), markdown (for a pull request or a job summary).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// With `--format markdown`: keep the report under N bytes, summarising
    /// the files that do not fit in a closing line.
    #[arg(long, value_name = "N")]
    max_bytes: Option<usize>,
    /// When done, print to stderr how many files were read and parsed, how
    /// many parses that took, and how long.
    #[arg(long)]
    stats: bool,
}

#[derive(Args, Debug)]
struct FixArgs {
    #[command(flatten)]
    selection: Selection,
    #[command(flatten)]
    shape: FixShape,
    /// Apply the fixes in place instead of printing a diff.
    #[arg(long)]
    write: bool,
    /// Also apply unsafe fixes (signature changes, new values).
    #[arg(long = "unsafe")]
    unsafe_fixes: bool,
    /// Prove the fixes with `go build` and `go vet` first (the edited files
    /// are handed over as an overlay) and drop any fix that breaks a
    /// package that was clean. Skipped, with a note, when `go` is not on
    /// PATH.
    #[arg(long)]
    verify: bool,
    /// Output format: text (the unified diff, or with --write a summary
    /// line), json (the fixes and each file's diff;
    /// schema/findings.schema.json), markdown (totals and each file's diff,
    /// for a pull request or a job summary).
    #[arg(long, value_enum, default_value_t = FixFormat::Text)]
    format: FixFormat,
    /// With `--format markdown`: keep the report under N bytes, summarising
    /// the files that do not fit in a closing line.
    #[arg(long, value_name = "N")]
    max_bytes: Option<usize>,
    /// Also write the unified diff to FILE, as a patch `git apply` takes
    /// (run from the directory ctxmod ran in); empty when nothing changes.
    #[arg(long, value_name = "FILE")]
    diff_out: Option<std::path::PathBuf>,
}

#[derive(Args, Debug)]
struct ApplyArgs {
    #[command(flatten)]
    selection: Selection,
    #[command(flatten)]
    shape: FixShape,
    /// The branch to commit the fixes on: made, or rebuilt when ctxmod
    /// made it.
    #[arg(long, value_name = "NAME", value_parser = crate::ship::apply::branch_name)]
    branch: String,
    /// The commit whose tree is fixed and that the branch starts from.
    #[arg(long, value_name = "REV", default_value = "HEAD")]
    base: String,
    /// One commit for every rule's fixes instead of one per rule.
    #[arg(long)]
    squash: bool,
    /// Author and committer; default: git's user.name and user.email, else
    /// `ctxmod <ctxmod@localhost>`.
    #[arg(long, value_name = "NAME <EMAIL>")]
    author: Option<String>,
    /// Also apply unsafe fixes (signature changes, new values).
    #[arg(long = "unsafe")]
    unsafe_fixes: bool,
    /// Prove the fixes with `go build` and `go vet` and drop any that
    /// break a package (the default when `go` is on PATH).
    #[arg(long, overrides_with = "no_verify")]
    verify: bool,
    /// Do not prove the fixes with the Go toolchain.
    #[arg(long, overrides_with = "verify")]
    no_verify: bool,
    /// Rebuild the branch (and replace it on the remote) even when it
    /// holds commits ctxmod did not make.
    #[arg(long)]
    force: bool,
    /// Push the branch to this remote (a name or URL), replacing the
    /// remote's branch only when it is ctxmod's and has not moved since it
    /// was looked at.
    #[arg(long, value_name = "REMOTE", value_parser = crate::ship::apply::remote_name)]
    push: Option<String>,
    /// Open the pull request of the branch, or update the open one, on the
    /// forge the --push remote is on; the body is the report of the fixes.
    /// The token comes from CTXMOD_TOKEN, else GITHUB_TOKEN.
    #[arg(long, requires = "push")]
    pr: bool,
    /// The forge's API: github (and GitHub Enterprise) or gitea (and
    /// Forgejo); default github.
    #[arg(long, value_name = "FORGE", requires = "pr", value_parser = |s: &str| s.parse::<ForgeKind>())]
    forge: Option<ForgeKind>,
    /// The forge's API URL; default: from the --push remote's URL
    /// (https://api.github.com for github.com, https://HOST/api/v3 for
    /// GitHub Enterprise, https://HOST/api/v1 for Gitea).
    #[arg(long, value_name = "URL", requires = "pr")]
    api_url: Option<String>,
    /// The pull request's title; default: `ctxmod: fix misuse of
    /// context.Context (N fixes)`.
    #[arg(long, value_name = "TEXT", requires = "pr")]
    title: Option<String>,
    /// Open the pull request as a draft (on Gitea, with a `WIP: ` title).
    #[arg(long, requires = "pr")]
    draft: bool,
    /// A label the pull request must carry (made on the forge when
    /// missing); repeat for more.
    #[arg(long = "label", value_name = "NAME", requires = "pr")]
    labels: Vec<String>,
    /// Say what would be done (the commits, the push, the pull request)
    /// and do none of it: no ref, object, push or forge write.
    #[arg(long)]
    dry_run: bool,
}

/// What `check` prints.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Text,
    Json,
    Sarif,
    Github,
    Markdown,
}

/// What `fix` prints.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum FixFormat {
    Text,
    Json,
    Markdown,
}

/// Refuses `--max-bytes` without the markdown format it applies to.
fn check_max_bytes(max_bytes: Option<usize>, markdown: bool) -> Result<()> {
    if max_bytes.is_some() && !markdown {
        bail!("--max-bytes applies only to --format markdown");
    }
    Ok(())
}

/// Parses the arguments, runs the command and returns the exit code.
pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                EXIT_ERROR
            } else {
                EXIT_CLEAN
            };
        }
    };
    match execute(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            EXIT_ERROR
        }
    }
}

/// Checks a command line as `ctxmod` reads it (the program's name first)
/// without running it: clap's message, or ctxmod's, when it would be
/// refused as a usage error.
pub fn validate<I, T>(args: I) -> std::result::Result<(), String>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let cli = Cli::try_parse_from(args).map_err(|e| e.to_string())?;
    check_usage(&cli).map_err(|e| format!("{e:#}"))
}

/// The usage errors clap does not catch.
fn check_usage(cli: &Cli) -> Result<()> {
    match &cli.command {
        Command::Check(args) => check_max_bytes(args.max_bytes, args.format == Format::Markdown),
        Command::Fix(args) => check_max_bytes(args.max_bytes, args.format == FixFormat::Markdown),
        _ => Ok(()),
    }
}

fn execute(cli: Cli) -> Result<i32> {
    check_usage(&cli)?;
    match cli.command {
        Command::Check(args) => check(args),
        Command::Fix(args) => fix(args),
        Command::Apply(args) => apply::apply(args),
        Command::Rules { one_file } => {
            write!(std::io::stdout().lock(), "{}", rules_table(one_file))?;
            Ok(EXIT_CLEAN)
        }
        Command::Completions { shell } => {
            use clap::CommandFactory;
            let mut buffer = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "ctxmod", &mut buffer);
            std::io::stdout().lock().write_all(&buffer)?;
            Ok(EXIT_CLEAN)
        }
        Command::Explain { rule } => {
            let entry = find_rule(&rule)?;
            let m = entry.meta();
            let mut stdout = std::io::stdout().lock();
            writeln!(
                stdout,
                "{} {} (fix: {})\n",
                m.code,
                m.id,
                m.applicability.as_str()
            )?;
            write!(stdout, "{}", entry.documentation())?;
            Ok(EXIT_CLEAN)
        }
    }
}

fn find_rule(name: &str) -> Result<&'static RuleEntry> {
    match transforms::registry().iter().find(|e| e.matches(name)) {
        Some(e) => Ok(e),
        None => bail!("unknown rule `{name}` (see `ctxmod rules`)"),
    }
}

/// The table `ctxmod rules` prints; with `one_file`, only the rules that
/// read one file at a time ([`RuleEntry::reads_one_file`]).
fn rules_table(one_file: bool) -> String {
    let mut out = format!("{:<8} {:<22} {:<13} {}\n", "CODE", "ID", "FIX", "SUMMARY");
    for e in transforms::registry()
        .iter()
        .filter(|e| !one_file || e.reads_one_file())
    {
        let m = e.meta();
        out.push_str(&format!(
            "{:<8} {:<22} {:<13} {}\n",
            m.code,
            m.id,
            m.applicability.as_str(),
            m.summary
        ));
    }
    out
}

/// The rules a run uses: `--rule` if given, else the configuration's
/// enable/disable lists over every rule.
fn select_rules(selection: &Selection, shape: &FixShape, config: &Config) -> Result<RuleSet> {
    let registry = transforms::registry();
    let chosen: Vec<&'static RuleEntry> = if selection.rules.is_empty() {
        registry
            .iter()
            .filter(|e| config.enable.is_empty() || config.enable.iter().any(|n| e.matches(n)))
            .filter(|e| !config.disable.iter().any(|n| e.matches(n)))
            .collect()
    } else {
        let mut chosen: Vec<&'static RuleEntry> = Vec::new();
        for name in &selection.rules {
            let entry = find_rule(name)?;
            // A rule named twice (by id and by code, say) runs once.
            if !chosen.iter().any(|c| std::ptr::eq(*c, entry)) {
                chosen.push(entry);
            }
        }
        chosen
    };
    let mut given = OptionSet::default();
    selection.options.given(&mut given);
    shape.given(&mut given);
    let rule_options = config.options.clone().overridden_by(&given);
    // thread-ctx's `exported` is the policy of every rule that changes
    // signatures.
    let exported = rule_options
        .get::<transforms::thread_ctx::ThreadCtxOptions>()
        .and_then(|o| o.exported)
        .unwrap_or_default();
    let settings = crate::lint::rule::Settings {
        exported,
        rule_options,
    };
    Ok(RuleSet::new(chosen.iter().map(|e| e.rule).collect()).with_settings(settings))
}

/// Loads the configuration, selects the rules and lists the files. Parts
/// of the tree that could not be read are reported on stderr; the third
/// value is true when there were any.
fn prepare(
    selection: &Selection,
    shape: &FixShape,
) -> Result<(RuleSet, Vec<std::path::PathBuf>, bool)> {
    let (rules, config) = configure(selection, shape)?;
    let found = crate::lint::walk::go_files(&selection.paths, &config)?;
    for error in &found.unreadable {
        eprintln!("error: {error}");
    }
    for dir in &found.empty {
        eprintln!("note: {}: no Go files found; nothing to do", dir.display());
    }
    Ok((rules, found.files, !found.unreadable.is_empty()))
}

/// Loads the configuration of the first path and selects the rules.
fn configure(selection: &Selection, shape: &FixShape) -> Result<(RuleSet, Config)> {
    let first = crate::lint::walk::strip_ellipsis(&selection.paths[0]);
    let known = |n: &str| transforms::registry().iter().any(|e| e.matches(n));
    let tables = crate::lint::rule::option_tables(transforms::registry());
    let config = Config::discover(std::path::Path::new(first), known, &tables)?;
    let rules = select_rules(selection, shape, &config)?;
    Ok((rules, config))
}

fn progress_bar(files: usize) -> ProgressBar {
    if files < PROGRESS_MIN_FILES || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(files as u64);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} files {elapsed}")
            .expect("the template is valid"),
    );
    bar
}

/// Prints notices to stderr; true when any was an error.
fn print_notices(notices: &[Notice]) -> bool {
    let mut stderr = std::io::stderr().lock();
    for n in notices {
        let _ = writeln!(stderr, "{}", notice_line(n));
    }
    notices.iter().any(|n| n.severity == Severity::Error)
}

fn check(args: CheckArgs) -> Result<i32> {
    let (rules, files, walk_failed) = prepare(&args.selection, &FixShape::default())?;
    let started = std::time::Instant::now();
    let bar = progress_bar(files.len());
    let outcome = Engine::new(&rules).check(&files, &bar);
    bar.finish_and_clear();
    let errors = print_notices(&outcome.notices) || walk_failed;
    let skipped = crate::lint::engine::skipped_files(&outcome.notices);
    if args.stats {
        let findings: usize = outcome.files.iter().map(|f| f.findings.len()).sum();
        eprintln!(
            "ctxmod: {} files read, {} parsed in {} parses, {findings} findings, {:.2}s",
            outcome.files_read,
            outcome.files_parsed,
            outcome.parses,
            started.elapsed().as_secs_f64()
        );
    }
    let report = match args.format {
        Format::Text => crate::output::report::text(&outcome.files, skipped),
        Format::Json => crate::output::report::json::check(&outcome.files, &outcome.notices),
        Format::Sarif => crate::output::report::sarif::check(&outcome.files, &outcome.notices),
        Format::Github => crate::output::report::github::check(&outcome.files),
        Format::Markdown => crate::output::report::markdown::check(&outcome.files, args.max_bytes),
    };
    // `write!`, not `print!`: a reader that went away (`| head`) is an I/O
    // error to report, not a panic.
    write!(std::io::stdout().lock(), "{report}")?;
    // A file that could not be checked is no clean result.
    Ok(if errors {
        EXIT_ERROR
    } else if outcome.files.is_empty() && skipped == 0 {
        EXIT_CLEAN
    } else {
        EXIT_FINDINGS
    })
}

fn fix(args: FixArgs) -> Result<i32> {
    let (rules, files, walk_failed) = prepare(&args.selection, &args.shape)?;
    let min = if args.unsafe_fixes {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    };
    let bar = progress_bar(files.len());
    let engine = Engine::new(&rules);
    let scanned = engine.scan_for_fix(&files, &bar);
    bar.finish_and_clear();
    let go = if args.verify {
        let go = crate::ship::toolchain::Go::find();
        if go.is_none() {
            eprintln!("verify: skipped (go not found)");
        }
        go
    } else {
        None
    };
    let (outcome, summary) = crate::ship::verify::fix_checked(&engine, &scanned, min, go.as_ref())?;
    let mut errors = print_notices(&outcome.notices) || walk_failed;
    let skipped = crate::lint::engine::skipped_files(&outcome.notices);
    if skipped > 0 {
        eprintln!("{}", crate::output::report::text::skipped_line(skipped));
    }
    warn_exported_changes(&outcome, args.format);
    if let Some(summary) = summary {
        eprintln!("{summary}");
    }
    if let Some(path) = &args.diff_out {
        let patch: String = outcome
            .changed
            .iter()
            .map(|file| crate::output::diff::of_changed(file, false))
            .collect();
        std::fs::write(path, patch)
            .with_context(|| format!("{}: cannot write the diff", path.display()))?;
    }
    let mut stdout = std::io::stdout().lock();
    if args.write {
        let mut fixes = 0;
        let mut written = 0;
        let mut writer = crate::output::write::Writer::new(&args.selection.paths);
        for file in &outcome.changed {
            let written_file = if file.source.is_new {
                writer.create_new(&file.source.path, file.new_text.as_bytes())
            } else {
                writer.write_if_unchanged(
                    &file.source.path,
                    &file.source.original,
                    file.new_text.as_bytes(),
                )
            };
            match written_file {
                Ok(()) => {
                    written += 1;
                    fixes += file.applied.len();
                }
                Err(e) => {
                    errors = true;
                    eprintln!("error: {e:#}");
                }
            }
        }
        if let Some(report) = fix_report(&outcome, args.format, true, args.max_bytes) {
            write!(stdout, "{report}")?;
        } else if written > 0 || outcome.remaining > 0 {
            let files_word = if written == 1 { "file" } else { "files" };
            writeln!(
                stdout,
                "Applied {fixes} {} to {written} {files_word}; {} {} left (see `ctxmod check`).",
                noun(fixes, "fix"),
                outcome.remaining,
                noun(outcome.remaining, "finding")
            )?;
        }
        return Ok(if errors {
            EXIT_ERROR
        } else if skipped > 0 {
            EXIT_FINDINGS
        } else {
            EXIT_CLEAN
        });
    }
    if let Some(report) = fix_report(&outcome, args.format, false, args.max_bytes) {
        write!(stdout, "{report}")?;
    } else {
        let color = std::io::stdout().is_terminal();
        for file in &outcome.changed {
            write!(stdout, "{}", crate::output::diff::of_changed(file, color))?;
        }
    }
    Ok(if errors {
        EXIT_ERROR
    } else if outcome.changed.is_empty() && skipped == 0 {
        EXIT_CLEAN
    } else {
        EXIT_FINDINGS
    })
}

/// For the text format: the exported signatures the fixes change, on
/// stderr before the diff or the summary line (stdout stays a patch).
fn warn_exported_changes(outcome: &crate::lint::engine::FixOutcome, format: FixFormat) {
    let lines = crate::output::report::exported_changes(&outcome.fixes);
    if format != FixFormat::Text || lines.is_empty() {
        return;
    }
    eprintln!(
        "warning: {} changed; code in other modules that calls {} breaks:",
        count(lines.len(), "exported signature"),
        if lines.len() == 1 { "it" } else { "them" }
    );
    for line in lines {
        eprintln!("  {line}");
    }
}

/// The report of a fix run, unless the format is text (the diff, or the
/// summary line of `--write`).
fn fix_report(
    outcome: &crate::lint::engine::FixOutcome,
    format: FixFormat,
    written: bool,
    max_bytes: Option<usize>,
) -> Option<String> {
    match format {
        FixFormat::Json => Some(crate::output::report::json::fix(outcome, written)),
        FixFormat::Markdown => Some(crate::output::report::markdown::fix(outcome, max_bytes)),
        FixFormat::Text => None,
    }
}
