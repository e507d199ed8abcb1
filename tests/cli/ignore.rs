//! `//ctxmod:ignore` comments: which findings they silence.

use crate::support::project::Project;
use crate::support::sources::go_file;

#[test]
fn ignore_comments_silence_findings_on_their_line_and_the_next() {
    let decl = "\tctx, _ := context.WithCancel(parent)\n";
    let p = Project::with(&[(
        "a.go",
        &[
            go_file(
                &["Above"],
                &format!("\t//ctxmod:ignore lost-cancel -- the caller cancels\n{decl}"),
            ),
            go_file(
                &["Same"],
                "\tctx, _ := context.WithCancel(parent) //ctxmod:ignore CTX005 -- ok\n",
            ),
            go_file(&["Bare"], &format!("\t//ctxmod:ignore\n{decl}")),
            go_file(
                &["Other"],
                &format!("\t//ctxmod:ignore background-in-scope -- other rule\n{decl}"),
            ),
            go_file(
                &["Far"],
                &format!("\t//ctxmod:ignore lost-cancel -- two lines up\n\n{decl}"),
            ),
        ]
        .concat(),
    )]);
    let check = p.run_read_only(&["check", "--format", "json"]);
    check.assert_code(1);
    let lines: Vec<i64> = check
        .findings()
        .iter()
        .map(|f| f["line"].as_i64().unwrap())
        .collect();
    let text = p.read("a.go");
    let line_of = |needle: &str| {
        let func = text.find(needle).unwrap();
        let at = func + text[func..].find("ctx, _").unwrap();
        text[..at].matches('\n').count() as i64 + 1
    };
    assert_eq!(lines, [line_of("func Other"), line_of("func Far")]);

    p.run(&["fix", "--write"]).assert_code(0);
    let after = p.read("a.go");
    assert_eq!(
        after.matches("ctx, _ :=").count(),
        3,
        "suppressed lines untouched"
    );
    assert_eq!(after.matches("defer cancel()").count(), 2);
}
