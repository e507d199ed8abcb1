//! Findings as GitHub Actions workflow commands: one
//! `::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`
//! line each, which the runner shows as annotations on the pull request.

use super::display_path;
use crate::go::source::line_col;
use crate::lint::engine::FileFindings;
use std::fmt::Write;

/// One workflow command per finding, the fix's hint after the message.
pub fn check(files: &[FileFindings]) -> String {
    let mut out = String::new();
    for file in files {
        let path = display_path(&file.source.path);
        for f in &file.findings {
            let (line, col) = line_col(&file.source.text, f.range.start);
            let (end_line, end_col) = line_col(&file.source.text, f.range.end);
            let mut message = f.message.clone();
            match &f.fix {
                Some(fix) => {
                    let _ = write!(
                        message,
                        "\nfix ({}): {}",
                        fix.applicability.as_str(),
                        fix.title
                    );
                }
                None => message.push_str("\nno automatic fix"),
            }
            let _ = writeln!(
                out,
                "::warning file={},line={line},col={col},endLine={end_line},endColumn={end_col},title={}::{}",
                property(&path),
                property(&format!("{} {}", f.rule.code, f.rule.id)),
                data(&message)
            );
        }
    }
    out
}

/// A command's message, escaped as the runner unescapes it.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A command property's value: as a message, and `:` and `,` too.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_runner_expects() {
        assert_eq!(data("50%\r\nok"), "50%25%0D%0Aok");
        assert_eq!(property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
