//! Output folders: every command that writes with `--out` refuses the records, however
//! the path is written (`..`, `.`, a symbolic link into them, a link that leads nowhere
//! yet), and writes nothing there.

use crate::harness::{TODAY, Ws};
use crate::site::files;

/// The commands that write into `--out`, with the argument list around it.
fn writers(out: &str) -> Vec<Vec<String>> {
    let out = out.to_string();
    let today = TODAY.to_string();
    let s = |v: &[&str]| v.iter().map(|a| a.to_string()).collect::<Vec<_>>();
    vec![
        [
            s(&["build", "{ws}", "--out"]),
            vec![out.clone()],
            s(&["--today"]),
            vec![today.clone()],
        ]
        .concat(),
        [
            s(&["report", "weekly", "{ws}", "--client", "acme", "--out"]),
            vec![out.clone()],
            s(&["--today"]),
            vec![today],
        ]
        .concat(),
        [s(&["schema", "--out"]), vec![out.clone()]].concat(),
        [s(&["man", "--out"]), vec![out]].concat(),
    ]
}

#[test]
fn no_output_lands_in_the_records_however_the_path_is_written() {
    let ws = Ws::base();
    let root = ws.path();
    std::os::unix::fs::symlink(root.join("clients"), root.join("shortcut")).unwrap();
    std::os::unix::fs::symlink("clients/acme/minutes", root.join("later")).unwrap();
    std::os::unix::fs::symlink(root, root.join("clients/../up")).unwrap();
    let before = files(root);
    for out in [
        "{ws}/nope/../clients/acme/minutes",
        "{ws}/./clients/../clients/acme",
        "{ws}/clients/acme/orders/../../bolt/./x",
        "{ws}/shortcut/acme",
        "{ws}/shortcut",
        "{ws}/up/internal/reports",
        "{ws}/later",
        "{ws}/nope/./..",
    ] {
        for args in writers(out) {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let run = ws.run(&args);
            let shown = out.replace("{ws}", "[WS]");
            assert_eq!(run.code, 2, "{args:?}: {}{}", run.stdout, run.stderr);
            assert!(
                run.stderr.contains(&format!("--out {shown}"))
                    && (run.stderr.contains("inside the workspace's records")
                        || run.stderr.contains("the workspace itself")),
                "{args:?}: {}",
                run.stderr
            );
            assert_eq!(before, files(root), "{args:?}: something was written");
            assert!(!root.join("nope").exists(), "{args:?}: a folder was made");
            assert!(!root.join("clients/acme/minutes").exists(), "{args:?}");
        }
    }
    // The same spellings that end outside the records are written.
    for out in ["{ws}/nope/../out", "{ws}/shortcut/../elsewhere"] {
        for args in writers(out) {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let run = ws.run(&args);
            assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        }
    }
    assert!(root.join("out/docket.1").is_file() && root.join("elsewhere/files.json").is_file());
}
