//! Output for CI: `check --format github` (workflow annotations).

use crate::harness::{TODAY, Ws};

#[test]
fn github_annotations_name_the_repository_path_line_and_column() {
    let ws = Ws::empty();
    let records = ws.path().join("records");
    crate::harness::copy_dir(&crate::harness::fixtures().join("base"), &records);
    // A key written twice: an error, whose help goes on a second line (escaped, as the
    // runner reads a raw line break as the end of the command).
    std::fs::write(
        records.join("clients/acme/orders/WO-2026-0002.md"),
        "---\nnumber: WO-2026-0002\nnumber: WO-2026-0003\n---\n",
    )
    .unwrap();
    git2::Repository::init(ws.path()).unwrap();
    let run = ws.run(&[
        "check",
        "{ws}/records",
        "--format",
        "github",
        "--today",
        TODAY,
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "::error file=records/clients/acme/orders/WO-2026-0002.md,line=3,col=1,endLine=3,\
         endColumn=7,title=D007 duplicate-key::the key `number` appears twice in one \
         mapping%0Ahelp: keep one of the two: YAML tools disagree on which one wins",
        "{}",
        run.stdout
    );
    assert!(
        lines.last().unwrap().starts_with("checked "),
        "{}",
        run.stdout
    );
    assert!(
        lines[..lines.len() - 1].iter().all(|l| l.starts_with("::")),
        "{}",
        run.stdout
    );
}
