//! The built site in a real browser: headless Chromium loads pages of the example from a
//! local HTTP server, which logs every request. Every page must render its content, fetch
//! nothing that is missing, and break no rule of its Content-Security-Policy (Chromium
//! reports violations as console messages). Screenshots of the dashboard and a portal,
//! wide and phone-sized, go to `target/screens/` for people to look at.
//!
//! Without Chromium on the machine the test says so and passes, except under CI
//! (`CI` set), where `.ci/run` installs it and its absence is a failure.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};

use crate::harness::Ws;
use crate::reports::example;
use crate::site::{build, percent_decode};

type Log = Arc<Mutex<Vec<(u16, String)>>>;

/// Serves `root` on a free port of 127.0.0.1; returns its address and the request log.
fn serve(root: PathBuf) -> (String, Log) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    let log: Log = Arc::default();
    let seen = log.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (root, seen) = (root.clone(), seen.clone());
            std::thread::spawn(move || answer(stream, &root, &seen));
        }
    });
    (address, log)
}

fn answer(mut stream: TcpStream, root: &Path, log: &Log) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request = String::new();
    if reader.read_line(&mut request).is_err() {
        return;
    }
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
    }
    let target = request.split(' ').nth(1).unwrap_or("/").to_string();
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let path = percent_decode(path.trim_start_matches('/'));
    let file = root.join(if path.is_empty() { "index.html" } else { &path });
    let inside = !path.split('/').any(|p| p == "..");
    let (status, body) = match std::fs::read(&file) {
        Ok(body) if inside => (200, body),
        _ => (404, b"not found".to_vec()),
    };
    log.lock().unwrap().push((status, target));
    let kind = match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("ics") => "text/calendar; charset=utf-8",
        Some("csv") => "text/csv; charset=utf-8",
        Some("pdf") => "application/pdf",
        _ => "text/plain; charset=utf-8",
    };
    let head = format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        if status == 200 { "OK" } else { "Not Found" },
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|name| {
            Command::new(name)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
}

/// Runs headless Chromium with `args` on `url`; returns stdout and the console messages.
fn browse(browser: &str, url: &str, args: &[&str]) -> (String, Vec<String>) {
    let profile = tempfile::tempdir().unwrap();
    let output = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(url)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let console = stderr
        .lines()
        .filter(|l| l.contains(":CONSOLE"))
        .map(str::to_string)
        .collect();
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        console,
    )
}

#[test]
fn the_site_works_in_a_browser() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "Chromium is missing: .ci/run installs it"
        );
        println!("skipped: no Chromium on this machine");
        return;
    };
    let ws = Ws::empty();
    let out = ws.path().join("site");
    let run = build(&ws, &example(), &out, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (address, log) = serve(out);

    let pages = [
        ("index.html", "<h1>Dashboard</h1>"),
        (
            "clients/solenne/index.html",
            "<h1>Solenne Beauty China</h1>",
        ),
        ("clients/solenne/orders/WO-2026-0035.html", "CNY 78,000.00"),
        ("portal/solenne/index.html", "Awaiting your sign-off"),
        (
            "portal/solenne/minutes/2026-09-21-counter-opening-proposal.html",
            "Option A approved at CNY 210,000",
        ),
        (
            "portal/qingshan-dairy/orders/WO-2026-0037.html",
            "<li class=\"current\" aria-current=\"step\">approved</li>",
        ),
        (
            "portal/qingshan-dairy/schedules/tvc-production.html",
            "<ol class=\"timeline\">",
        ),
    ];
    for (page, expected) in pages {
        let (dom, console) = browse(browser, &format!("{address}/{page}"), &["--dump-dom"]);
        assert!(dom.contains(expected), "{page}: no {expected:?} in\n{dom}");
        assert!(
            console.is_empty(),
            "{page}: console says\n{}",
            console.join("\n")
        );
    }
    let screens = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screens");
    std::fs::create_dir_all(&screens).unwrap();
    for (page, name) in [
        ("index.html", "dashboard"),
        ("portal/solenne/index.html", "portal"),
    ] {
        for (size, suffix) in [("1280,1600", "wide"), ("390,1400", "phone")] {
            let shot = screens.join(format!("{name}-{suffix}.png"));
            let _ = std::fs::remove_file(&shot);
            let (_, console) = browse(
                browser,
                &format!("{address}/{page}"),
                &[
                    &format!("--screenshot={}", shot.display()),
                    &format!("--window-size={size}"),
                ],
            );
            assert!(console.is_empty(), "{page}: {}", console.join("\n"));
            let png = std::fs::read(&shot).unwrap();
            assert!(
                png.starts_with(b"\x89PNG") && png.len() > 20_000,
                "{shot:?}"
            );
        }
    }
    let log = log.lock().unwrap();
    let missing: Vec<&String> = log
        .iter()
        .filter(|(s, _)| *s != 200)
        .map(|(_, p)| p)
        .collect();
    assert!(
        missing.is_empty(),
        "requests that found nothing: {missing:?}"
    );
    // Every page fetched its stylesheet (one per site root).
    assert!(log.iter().any(|(_, p)| p == "/style.css"));
    assert!(log.iter().any(|(_, p)| p == "/portal/solenne/style.css"));
}
