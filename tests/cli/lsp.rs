//! `docket lsp` driven over standard input and output by a small client, as an editor
//! would: diagnostics of an unsaved buffer, completion, hover, definition, a quick fix.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use serde_json::{Value, json};

use crate::harness::{TODAY, Ws};

struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    next: i64,
}

impl Client {
    fn start() -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_docket"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let (tx, messages) = channel();
        std::thread::spawn(move || {
            loop {
                let mut length = 0;
                loop {
                    let mut line = String::new();
                    if stdout.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = n.parse().unwrap();
                    }
                }
                let mut body = vec![0; length];
                stdout.read_exact(&mut body).unwrap();
                if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            messages,
            next: 1,
        }
    }

    /// Initialises the server for the workspace at `root` and returns its answer.
    fn initialize(&mut self, root: &std::path::Path, seen: &mut Vec<Value>) -> Value {
        let init = self.request(
            "initialize",
            json!({ "processId": null, "rootUri": format!("file://{}", root.display()), "capabilities": {} }),
            seen,
        );
        self.notify("initialized", json!({}));
        init
    }

    fn write(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.write(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and waits for its answer (notifications on the way are kept).
    fn request(&mut self, method: &str, params: Value, seen: &mut Vec<Value>) -> Value {
        let id = self.next;
        self.next += 1;
        self.write(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        loop {
            let m = self.wait();
            if m["id"] == id {
                assert!(m.get("error").is_none(), "{m}");
                return m["result"].clone();
            }
            seen.push(m);
        }
    }

    fn wait(&mut self) -> Value {
        self.messages
            .recv_timeout(Duration::from_secs(60))
            .expect("the server answers")
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics_for(&mut self, uri: &str, seen: &mut Vec<Value>) -> Vec<Value> {
        if let Some(i) = seen.iter().position(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        }) {
            return seen.remove(i)["params"]["diagnostics"]
                .as_array()
                .unwrap()
                .clone();
        }
        loop {
            let m = self.wait();
            if m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri {
                return m["params"]["diagnostics"].as_array().unwrap().clone();
            }
        }
    }
}

const BUFFER: &str = "---
number: WO-2026-0001
kind: creative
titel: Launch key visual
requested: 2026-10-01
due: 2026-12-01
team: [cai.cr, ]
budget: { amount: \"50,000.00\", currency: CNY }
---
";

#[test]
fn an_editor_sees_the_mistakes_of_an_unsaved_buffer_and_gets_help() {
    let ws = Ws::base();
    let root = ws.path().canonicalize().unwrap();
    let file = root.join("clients/acme/orders/WO-2026-0001.md");
    let on_disk = std::fs::read(&file).unwrap();
    let uri = format!("file://{}", file.display());
    let mut seen = Vec::new();
    let mut lsp = Client::start();
    let init = lsp.initialize(&root, &mut seen);
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(init["serverInfo"]["name"], "docket");
    lsp.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": BUFFER } }),
    );
    let diagnostics = lsp.diagnostics_for(&uri, &mut seen);
    let typo = diagnostics
        .iter()
        .find(|d| d["code"] == "D021")
        .unwrap_or_else(|| panic!("{diagnostics:#?}"));
    assert_eq!(typo["range"]["start"], json!({ "line": 3, "character": 0 }));
    assert_eq!(typo["range"]["end"], json!({ "line": 3, "character": 5 }));
    assert_eq!(typo["source"], "docket");
    assert_eq!(typo["data"]["replace"], "title");

    // The same codes and positions as `check` on the same text.
    let copy = Ws::base();
    copy.write("clients/acme/orders/WO-2026-0001.md", BUFFER);
    let (_, found, _) = copy.check_json();
    let mut from_check: Vec<(String, u64, u64)> = found
        .iter()
        .filter(|f| f.file == "clients/acme/orders/WO-2026-0001.md")
        .map(|f| (f.code.clone(), f.line as u64, f.column as u64))
        .collect();
    let mut from_lsp: Vec<(String, u64, u64)> = diagnostics
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["range"]["start"]["line"].as_u64().unwrap() + 1,
                d["range"]["start"]["character"].as_u64().unwrap() + 1,
            )
        })
        .collect();
    from_check.sort();
    from_lsp.sort();
    assert_eq!(from_lsp, from_check);

    // Completion of people in `team: [cai.cr, |`.
    let at = json!({ "textDocument": { "uri": uri }, "position": { "line": 6, "character": 15 } });
    let items = lsp.request("textDocument/completion", at, &mut seen);
    let labels: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert!(
        labels.contains(&"ann.ae") && labels.contains(&"rita.acme"),
        "{labels:?}"
    );
    // Field names at the start of a line.
    let at = json!({ "textDocument": { "uri": uri }, "position": { "line": 3, "character": 2 } });
    let items = lsp.request("textDocument/completion", at, &mut seen);
    assert!(
        items
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["label"] == "title"),
        "{items}"
    );

    // Keys inside a flow mapping: `budget: { amount: "50,000.00", |`.
    let labels_at = |lsp: &mut Client,
                     seen: &mut Vec<Value>,
                     uri: &str,
                     line: u32,
                     character: u32| {
        let at = json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": character } });
        let items = lsp.request("textDocument/completion", at, seen);
        let mut labels: Vec<String> = items
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["label"].as_str().unwrap().to_string())
            .collect();
        labels.sort();
        labels
    };
    assert_eq!(
        labels_at(&mut lsp, &mut seen, &uri, 7, 31),
        ["amount", "currency"]
    );
    // docket.yaml (not open: read from disk): top-level keys, a staff entry's keys, and
    // the roles the format allows.
    let settings = format!("file://{}", root.join("docket.yaml").display());
    assert_eq!(
        labels_at(&mut lsp, &mut seen, &settings, 5, 18),
        ["email", "id", "name", "role"]
    );
    assert!(labels_at(&mut lsp, &mut seen, &settings, 1, 0).contains(&"timezone".to_string()));
    let staff_line = std::fs::read_to_string(root.join("docket.yaml"))
        .unwrap()
        .lines()
        .nth(5)
        .unwrap()
        .to_string();
    let role = (staff_line.find("role: ").unwrap() + "role: ".len()) as u32;
    assert!(
        labels_at(&mut lsp, &mut seen, &settings, 5, role)
            .contains(&"account_director".to_string())
    );

    // Hover and definition on `cai.cr`.
    let on = json!({ "textDocument": { "uri": uri }, "position": { "line": 6, "character": 9 } });
    let hover = lsp.request("textDocument/hover", on.clone(), &mut seen);
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("**Cai Yun**, creative"),
        "{hover}"
    );
    let def = lsp.request("textDocument/definition", on, &mut seen);
    assert_eq!(
        def["uri"],
        format!("file://{}", root.join("docket.yaml").display())
    );
    assert_eq!(def["range"]["start"]["line"], 7);

    // The quick fix for the typo.
    let actions = lsp.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": typo["range"], "context": { "diagnostics": [typo] } }),
        &mut seen,
    );
    let edit = &actions[0]["edit"]["changes"][&uri][0];
    assert_eq!(edit["newText"], "title");
    assert_eq!(actions[0]["kind"], "quickfix");

    // Fixing the buffer clears its diagnostics; the file on disk was never written.
    let fixed = BUFFER
        .replace("titel", "title")
        .replace("cai.cr, ]", "cai.cr]");
    lsp.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": fixed }] }),
    );
    assert_eq!(lsp.diagnostics_for(&uri, &mut seen), Vec::<Value>::new());
    assert_eq!(std::fs::read(&file).unwrap(), on_disk);

    lsp.request("shutdown", Value::Null, &mut seen);
    lsp.notify("exit", Value::Null);
    let status = lsp.child.wait().unwrap();
    assert!(status.success());
    let _ = TODAY;
}

/// Two changes sent back to back, then a request: whatever order the compiles end in, the
/// request waits for the newest buffer's compile, the last diagnostics published before
/// its answer are the newest buffer's (a compile made stale by the second change is never
/// published after it), and a buffer that is clean hears so (an empty list).
#[test]
fn a_stale_compile_is_dropped_and_a_request_answers_from_the_newest_buffer() {
    let ws = Ws::base();
    let root = ws.path().canonicalize().unwrap();
    let file = root.join("clients/acme/orders/WO-2026-0001.md");
    let clean = std::fs::read_to_string(&file).unwrap();
    let uri = format!("file://{}", file.display());
    let mut seen = Vec::new();
    let mut lsp = Client::start();
    lsp.initialize(&root, &mut seen);
    lsp.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": clean } }),
    );
    let first = lsp.diagnostics_for(&uri, &mut seen);
    assert!(first.is_empty(), "{first:#?}");
    // A typo, then the typo fixed and another field misspelt.
    let typo = clean.replacen("title:", "titel:", 1);
    let other = clean.replacen("kind:", "knid:", 1);
    assert!(typo != clean && other != clean);
    for (version, text) in [(2, &typo), (3, &other)] {
        lsp.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [{ "text": text }] }),
        );
    }
    let at = json!({ "textDocument": { "uri": uri }, "position": { "line": 1, "character": 1 } });
    lsp.request("textDocument/hover", at, &mut seen);
    let last = seen
        .iter()
        .rev()
        .find(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
        .expect("diagnostics before the answer");
    let messages: Vec<&str> = last["params"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert!(messages.iter().any(|m| m.contains("knid")), "{messages:?}");
    assert!(
        !messages.iter().any(|m| m.contains("titel")),
        "{messages:?}"
    );
}
