//! The `ctxmod` command lines of the example workflows (`examples/*.yml`)
//! and of the README's shell blocks, read as the command line reads them:
//! a flag renamed or a usage rule added breaks this test, not a user's
//! nightly job.

use std::path::Path;

/// The words of a shell command line up to its first redirection, pipe,
/// list operator or comment, quotes removed (`$VARIABLES` stay as
/// written).
fn words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' | '"' => {
                let text = word.get_or_insert_with(String::new);
                for q in chars.by_ref() {
                    if q == c {
                        break;
                    }
                    text.push(q);
                }
            }
            '\\' => {
                if let Some(next) = chars.next() {
                    word.get_or_insert_with(String::new).push(next);
                }
            }
            c if c.is_whitespace() => words.extend(word.take()),
            // A comment starts a word.
            '#' if word.is_none() => break,
            '>' | '<' | '|' | '&' | ';' => {
                // `2>` is a redirection too: its 2 is not an argument.
                if word
                    .as_deref()
                    .is_some_and(|w| w.chars().all(|d| d.is_ascii_digit()))
                {
                    word = None;
                }
                break;
            }
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    words
}

/// Every line of `text` that runs ctxmod (after `run:` or a list dash),
/// with its `\`-continued lines joined; comments are skipped.
fn ctxmod_lines(text: &str) -> Vec<String> {
    let mut joined: Vec<String> = Vec::new();
    let mut open = false;
    for line in text.lines() {
        let trimmed = line.trim();
        if open {
            let last = joined.last_mut().expect("a line is open");
            last.push(' ');
            last.push_str(trimmed.trim_end_matches('\\').trim_end());
        } else {
            joined.push(trimmed.trim_end_matches('\\').trim_end().to_string());
        }
        open = trimmed.ends_with('\\');
    }
    joined
        .into_iter()
        .map(|line| {
            let line = line.strip_prefix("- ").unwrap_or(&line);
            let line = line.strip_prefix("run:").unwrap_or(line);
            line.trim().to_string()
        })
        .filter(|line| line.starts_with("ctxmod "))
        .collect()
}

/// The shell blocks of a markdown text.
fn shell_blocks(markdown: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for line in markdown.lines() {
        if inside && line.starts_with("```") {
            inside = false;
        } else if inside {
            out.push_str(line);
            out.push('\n');
        } else if line == "```sh" || line == "```bash" {
            inside = true;
        }
    }
    out
}

/// Checks every ctxmod line of `text` with the real command line; returns
/// them.
fn check_all(source: &str, text: &str) -> Vec<Vec<String>> {
    let commands: Vec<Vec<String>> = ctxmod_lines(text).iter().map(|l| words(l)).collect();
    for command in &commands {
        if let Err(e) = ctxmod::cli::validate(command) {
            panic!("{source}: `{}` is refused:\n{e}", command.join(" "));
        }
    }
    commands
}

fn example(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn shell_words_stop_at_operators() {
    assert_eq!(
        words(
            r#"ctxmod fix --author "A B <a@b>" './...' >> "$GITHUB_STEP_SUMMARY" || test $? -eq 1"#
        ),
        ["ctxmod", "fix", "--author", "A B <a@b>", "./..."]
    );
    assert_eq!(
        words("ctxmod check . 2>/dev/null"),
        ["ctxmod", "check", "."]
    );
    assert_eq!(words("ctxmod rules # all of them"), ["ctxmod", "rules"]);
    assert_eq!(
        ctxmod_lines("run: |\n  ctxmod apply \\\n    --pr\n# ctxmod x\n  - run: ctxmod rules\n"),
        ["ctxmod apply --pr", "ctxmod rules"]
    );
    // The check itself refuses what the command line refuses.
    assert!(ctxmod::cli::validate(words("ctxmod apply --branch b --pr")).is_err());
    assert!(ctxmod::cli::validate(words("ctxmod check --max-bytes 9 .")).is_err());
}

#[test]
fn the_nightly_bot_example_parses() {
    let commands = check_all("ctxmod-nightly.yml", &example("ctxmod-nightly.yml"));
    assert_eq!(commands.len(), 1, "{commands:?}");
    let apply = &commands[0];
    for flag in ["apply", "--branch", "--push", "--pr", "--label"] {
        assert!(apply.iter().any(|w| w == flag), "{flag} in {apply:?}");
    }
}

#[test]
fn the_report_example_parses() {
    let commands = check_all("ctxmod-report.yml", &example("ctxmod-report.yml"));
    let names: Vec<&str> = commands.iter().map(|c| c[1].as_str()).collect();
    assert_eq!(names, ["fix", "check"], "{commands:?}");
    for flag in ["--format", "markdown", "--max-bytes", "--diff-out"] {
        assert!(commands[0].iter().any(|w| w == flag), "{flag}");
    }
}

#[test]
fn the_readme_commands_parse() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let commands = check_all("README.md", &shell_blocks(&readme));
    assert!(commands.len() >= 5, "{commands:?}");
}
