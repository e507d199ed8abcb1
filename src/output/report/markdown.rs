//! A report a reviewer reads in a pull request body or a CI job summary:
//! a title, totals per rule and per package (directory), then the findings
//! (`check`) or each changed file's fenced `diff` block with the fixes that
//! made it and each rule's one-line rationale (`fix`).
//!
//! A long report folds each file into a `<details>` block. With a byte
//! budget (`--max-bytes`, e.g. for a comment size limit) the files that do
//! not fit are summarised in one closing line ("… and 12 more fixes in 5
//! files"); a file's block is kept whole or left out, so no code fence is
//! ever cut.

use super::{count, display_path, entry, package_of};
use crate::go::source::line_col;
use crate::lint::engine::{AppliedFix, ChangedFile, FileFindings, FixOutcome};
use std::collections::BTreeMap;
use std::fmt::Write;

/// With more files than this in a report, each file's block is folded.
const FOLD_FILES: usize = 3;
/// With more lines than this in a report's file blocks, each is folded.
const FOLD_LINES: usize = 100;

/// The markdown report of a `check` run, kept under `max_bytes` if given.
pub fn check(files: &[FileFindings], max_bytes: Option<usize>) -> String {
    let total: usize = files.iter().map(|f| f.findings.len()).sum();
    if total == 0 {
        return "## ctxmod: no findings\n".to_string();
    }
    let title = format!(
        "## ctxmod: {} in {}\n",
        count(total, "finding"),
        count(files.len(), "file")
    );
    let mut header = title.clone();
    let mut by_fix = [0usize; 3];
    let mut rules: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    let mut packages: BTreeMap<String, usize> = BTreeMap::new();
    for file in files {
        for f in &file.findings {
            by_fix[f.applicability() as usize] += 1;
            *rules.entry((f.rule.code, f.rule.id)).or_default() += 1;
            *packages.entry(package_of(&file.source.path)).or_default() += 1;
        }
    }
    let [display_only, unsafe_, safe] = by_fix;
    let _ = writeln!(
        header,
        "\n{safe} fixable with `ctxmod fix`, {unsafe_} more with `--unsafe`, {display_only} to fix by hand."
    );
    rule_table(&mut header, "findings", &rules);
    package_table(&mut header, &[], &packages);
    let blocks: Vec<Block> = files
        .iter()
        .map(|file| {
            let path = display_path(&file.source.path);
            let mut body = String::new();
            for f in &file.findings {
                let (line, col) = line_col(&file.source.text, f.range.start);
                let _ = writeln!(
                    body,
                    "- `{path}:{line}:{col}` {} `{}`: {}",
                    f.rule.code,
                    f.rule.id,
                    inline(&f.message)
                );
                match &f.fix {
                    Some(fix) => {
                        let _ = writeln!(
                            body,
                            "  - fix ({}): {}",
                            fix.applicability.as_str(),
                            inline(&fix.title)
                        );
                    }
                    None => body.push_str("  - no automatic fix\n"),
                }
            }
            Block {
                path,
                summary: count(file.findings.len(), "finding"),
                body,
                items: file.findings.len(),
            }
        })
        .collect();
    assemble(
        &title,
        &header,
        "Findings",
        &blocks,
        ("finding", Layout::List),
        max_bytes,
    )
}

/// The markdown report of a `fix` run, kept under `max_bytes` if given:
/// the body of a pull request that makes these changes.
pub fn fix(outcome: &FixOutcome, max_bytes: Option<usize>) -> String {
    if outcome.changed.is_empty() {
        return "## ctxmod: nothing to fix\n".to_string();
    }
    let title = format!(
        "## ctxmod: {} in {}\n",
        count(outcome.fixes.len(), "fix"),
        count(outcome.changed.len(), "file")
    );
    let mut header = title.clone();
    if outcome.remaining > 0 {
        let _ = writeln!(
            header,
            "\n{} left to fix by hand or with `--unsafe` (see `ctxmod check`).",
            count(outcome.remaining, "finding")
        );
    }
    // First, what breaks code in other modules: never cut by the budget.
    let exported = super::exported_changes(&outcome.fixes);
    if !exported.is_empty() {
        let _ = writeln!(
            header,
            "\n### Exported signatures changed\n\nCode in other modules that calls these breaks until it passes a context:\n"
        );
        for line in &exported {
            let _ = writeln!(header, "- {line}");
        }
    }
    let mut rules: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    let mut packages: BTreeMap<String, usize> = BTreeMap::new();
    for f in &outcome.fixes {
        *rules.entry((f.rule.code, f.rule.id)).or_default() += 1;
        *packages.entry(package_of(&f.id.path)).or_default() += 1;
    }
    let files_per_package =
        outcome
            .changed
            .iter()
            .fold(BTreeMap::<String, usize>::new(), |mut acc, file| {
                *acc.entry(package_of(&file.source.path)).or_default() += 1;
                acc
            });
    rule_table(&mut header, "fixes", &rules);
    package_table(
        &mut header,
        &[("files changed", &files_per_package)],
        &packages,
    );
    let blocks: Vec<Block> = outcome
        .changed
        .iter()
        .map(|file| change_block(file, &outcome.fixes))
        .collect();
    assemble(
        &title,
        &header,
        "Changes",
        &blocks,
        ("fix", Layout::FilePerBlock),
        max_bytes,
    )
}

/// One file's part of a report.
struct Block {
    /// The file as the user sees it.
    path: String,
    /// What the block holds, for its folded summary line.
    summary: String,
    /// The block's markdown.
    body: String,
    /// How many findings or fixes it holds, for the closing line.
    items: usize,
}

/// The block of one changed file: the fixes that changed it, why, and
/// its diff.
fn change_block(file: &ChangedFile, fixes: &[AppliedFix]) -> Block {
    let path = &file.source.path;
    let mut body = String::new();
    let mut why: BTreeMap<&str, String> = BTreeMap::new();
    let (mut own, mut others) = (0, 0);
    for f in fixes.iter().filter(|f| f.files.iter().any(|p| p == path)) {
        let at = if f.id.path == *path {
            own += 1;
            format!("line {}", f.line)
        } else {
            others += 1;
            format!("for `{}`", super::place(&f.id.path, f.line))
        };
        let _ = writeln!(
            body,
            "- {} `{}` ({at}): {}",
            f.rule.code,
            f.rule.id,
            inline(&f.id.title)
        );
        // A file changed only for fixes found elsewhere (their callers)
        // leaves the rationale to the file of the finding.
        if let Some(e) = entry(f.rule.id).filter(|_| f.id.path == *path) {
            why.entry(f.rule.id).or_insert_with(|| e.rationale());
        }
    }
    for (id, rationale) in &why {
        let _ = writeln!(body, "\n_Why `{id}`:_ {}", inline(rationale));
    }
    let diff = crate::output::diff::of_changed(file, false);
    let fence = fence_for(&diff);
    let _ = write!(body, "\n{fence}diff\n{diff}");
    if !diff.ends_with('\n') {
        body.push('\n');
    }
    let _ = writeln!(body, "{fence}");
    let mut summary = match (own, others) {
        (0, n) => format!("changed by {} found in another file", count(n, "fix")),
        (n, 0) => count(n, "fix"),
        (n, m) => format!(
            "{}, and changed by {} found in another file",
            count(n, "fix"),
            count(m, "fix")
        ),
    };
    if file.source.is_new {
        summary.push_str(", new file");
    }
    Block {
        path: display_path(path),
        summary,
        body,
        items: own,
    }
}

/// How a report's file blocks are laid out.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// Each under its own heading, or folded into its own `<details>`
    /// (diffs).
    FilePerBlock,
    /// One list, folded whole into one `<details>` (findings).
    List,
}

/// The header, then as many blocks as fit in `max_bytes` (all without a
/// budget), folded when there are many, and a closing line for the rest.
/// When even the header does not fit, the title and the closing line.
fn assemble(
    title: &str,
    header: &str,
    heading: &str,
    blocks: &[Block],
    (unit, layout): (&str, Layout),
    max_bytes: Option<usize>,
) -> String {
    let lines: usize = blocks.iter().map(|b| b.body.lines().count()).sum();
    let fold = blocks.len() > FOLD_FILES || lines > FOLD_LINES;
    let rendered: Vec<String> = blocks
        .iter()
        .map(|b| match layout {
            Layout::List => b.body.clone(),
            Layout::FilePerBlock if fold => format!(
                "<details>\n<summary><code>{}</code>: {}</summary>\n\n{}\n</details>\n\n",
                html(&b.path),
                b.summary,
                b.body
            ),
            Layout::FilePerBlock => format!("#### `{}`\n\n{}\n", b.path, b.body),
        })
        .collect();
    let items = |from: usize| -> usize { blocks[from..].iter().map(|b| b.items).sum() };
    let closing = |from: usize| {
        let n = items(from);
        let noun = crate::lint::words::noun(n, unit);
        format!(
            "… and {n} more {noun} in {} not shown here.\n",
            count(blocks.len() - from, "file")
        )
    };
    let (open, end) = if layout == Layout::List && fold {
        (
            format!(
                "<details>\n<summary>{}</summary>\n\n",
                count(items(0), unit)
            ),
            "\n</details>\n".to_string(),
        )
    } else if layout == Layout::List {
        (String::new(), "\n".to_string())
    } else {
        (String::new(), String::new())
    };
    let mut out = format!("{header}\n### {heading}\n\n{open}");
    let Some(max) = max_bytes else {
        out.extend(rendered);
        out.push_str(&end);
        return out;
    };
    if out.len() + end.len() + closing(0).len() > max {
        return format!("{title}\n{}", closing(0));
    }
    for (i, block) in rendered.iter().enumerate() {
        let rest = if i + 1 < blocks.len() {
            closing(i + 1).len()
        } else {
            0
        };
        if out.len() + block.len() + end.len() + rest > max {
            out.push_str(&end);
            out.push_str(&closing(i));
            return out;
        }
        out.push_str(block);
    }
    out.push_str(&end);
    out
}

/// The table of counts per rule, with each rule's rationale.
fn rule_table(out: &mut String, what: &str, rules: &BTreeMap<(&str, &str), usize>) {
    let _ = writeln!(out, "\n| rule | {what} | why |\n| --- | ---: | --- |");
    for ((code, id), n) in rules {
        let why = entry(id).map(|e| e.rationale()).unwrap_or_default();
        let _ = writeln!(out, "| {code} `{id}` | {n} | {} |", inline(&why));
    }
}

/// The table of counts per package, with `extra` columns before them.
fn package_table(
    out: &mut String,
    extra: &[(&str, &BTreeMap<String, usize>)],
    counts: &BTreeMap<String, usize>,
) {
    let mut names: Vec<&String> = counts.keys().collect();
    for (_, column) in extra {
        names.extend(column.keys());
    }
    names.sort();
    names.dedup();
    let heads: String = extra.iter().map(|(h, _)| format!(" {h} |")).collect();
    let align: String = extra.iter().map(|_| " ---: |").collect();
    let total_head = if extra.is_empty() {
        "findings"
    } else {
        "fixes found there"
    };
    let _ = writeln!(
        out,
        "\n| package |{heads} {total_head} |\n| --- |{align} ---: |"
    );
    for name in names {
        let cells: String = extra
            .iter()
            .map(|(_, c)| format!(" {} |", c.get(name).copied().unwrap_or(0)))
            .collect();
        let n = counts.get(name).copied().unwrap_or(0);
        let _ = writeln!(out, "| `{name}` |{cells} {n} |");
    }
}

/// A code fence longer than any run of backticks in `text`.
fn fence_for(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    "`".repeat(longest.max(2) + 1)
}

/// Text for a markdown line or table cell: outside `code` spans, the
/// characters markdown would read as markup are escaped.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_code = false;
    for c in text.chars() {
        if c == '`' {
            in_code = !in_code;
        } else if !in_code && "\\*_<>[]|".contains(c) {
            out.push('\\');
        } else if in_code && c == '|' {
            // A pipe ends a table cell even inside a code span.
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Text for HTML: `<`, `>` and `&` escaped.
fn html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(path: &str, body: &str, items: usize) -> Block {
        Block {
            path: path.to_string(),
            summary: count(items, "fix"),
            body: body.to_string(),
            items,
        }
    }

    #[test]
    fn fences_outgrow_the_backticks_inside() {
        assert_eq!(fence_for("x := 1"), "```");
        assert_eq!(fence_for("s := `a````b`"), "`````");
    }

    #[test]
    fn markup_is_escaped_outside_code() {
        assert_eq!(
            inline("a *gin.Context in `a*b`"),
            "a \\*gin.Context in `a*b`"
        );
        assert_eq!(inline("<-ctx.Done() | x"), "\\<-ctx.Done() \\| x");
    }

    #[test]
    fn a_budget_keeps_whole_blocks_and_counts_the_rest() {
        let blocks: Vec<Block> = (0..6)
            .map(|i| block(&format!("f{i}.go"), &"```diff\n+x\n```\n".repeat(5), 2))
            .collect();
        for layout in [Layout::FilePerBlock, Layout::List] {
            let how = ("fix", layout);
            let full = assemble("# t\n", "# t\n", "Changes", &blocks, how, None);
            assert!(full.contains("<details>"), "six files fold:\n{full}");
            for max in [60, 200, 300, 400, 700] {
                let cut = assemble("# t\n", "# t\n", "Changes", &blocks, how, Some(max));
                assert!(cut.len() <= max, "{} > {max}:\n{cut}", cut.len());
                assert_eq!(cut.matches("```").count() % 2, 0, "a fence is cut:\n{cut}");
                assert_eq!(
                    cut.matches("<details>").count(),
                    cut.matches("</details>").count()
                );
                assert!(cut == full || cut.contains("more fixes in"), "{cut}");
            }
            let all = assemble("# t\n", "# t\n", "Changes", &blocks, how, Some(full.len()));
            assert_eq!(all, full);
        }
    }
}
