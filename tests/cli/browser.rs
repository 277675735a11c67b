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
        // As a web server maps them, so that a published page or drawing would run.
        Some("svg") => "image/svg+xml",
        Some("xml") => "application/xml",
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

/// Attachments a browser would run (an HTML page, an SVG drawing, a page with no
/// extension), linked from a client-visible body and a work order's `attachments`, are
/// published as text: opened from the built site, over HTTP or as a file, no script of
/// theirs runs; the portal's and the internal site's links lead to the text copies.
#[test]
fn an_attachment_with_script_runs_nothing_when_opened_from_the_site() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "Chromium is missing: .ci/run installs it"
        );
        println!("skipped: no Chromium on this machine");
        return;
    };
    // The script writes this, split so that only running it puts it in the page.
    const RAN: &str = "SCRIPT-RAN-4417";
    let script = "document.title = 'SCRIPT-RAN' + '-4417'; \
                  document.documentElement.setAttribute('data-ran', 'SCRIPT-RAN' + '-4417');";
    let ws = Ws::base();
    ws.write(
        "clients/acme/files/teaser.html",
        format!("<!doctype html><html><head><title>teaser</title></head><body><p>hi</p><script>{script}</script></body></html>\n"),
    );
    ws.write(
        "clients/acme/files/logo.svg",
        format!("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><script>{script}</script></svg>\n"),
    );
    ws.write(
        "clients/acme/files/landing",
        format!("\n  <html><body><script>{script}</script></body></html>\n"),
    );
    ws.write(
        "clients/acme/minutes/2026-11-18-launch.md",
        "---\nkind: client\ntitle: Launch\ndate: 2026-11-18\nattended: [ann.ae, rita.acme]\n---\n\
         The [teaser](../files/teaser.html), the [logo](../files/logo.svg), the \
         [landing page](../files/landing) and the [brief](../files/brief.txt).\n",
    );
    let order = std::fs::read_to_string(ws.path().join("clients/acme/orders/WO-2026-0001.md"))
        .unwrap()
        .replace(
            "team: [cai.cr]\n",
            "team: [cai.cr]\nattachments: [../files/teaser.html, ../files/brief.txt]\n",
        );
    ws.write("clients/acme/orders/WO-2026-0001.md", order);
    // The detector works: opened as it is, the page's script runs.
    let (dom, _) = browse(
        browser,
        &format!(
            "file://{}",
            ws.path().join("clients/acme/files/teaser.html").display()
        ),
        &["--dump-dom"],
    );
    assert!(
        dom.contains(RAN),
        "the unpublished page did not run its script:\n{dom}"
    );

    let out = ws.path().join("site");
    let run = build(&ws, "{ws}", &out, &[]);
    assert!(run.code < 2, "{}", run.stderr);
    let built = crate::site::files(&out);
    for site in ["portal/acme/", "clients/acme/"] {
        for name in ["teaser.html", "logo.svg", "landing"] {
            let (kept, text) = (
                format!("{site}files/{name}"),
                format!("{site}files/{name}.txt"),
            );
            assert!(!built.contains_key(&kept), "{kept} was published as it is");
            assert_eq!(
                built.get(&text).map(Vec::as_slice),
                Some(
                    std::fs::read(ws.path().join("clients/acme/files").join(name))
                        .unwrap()
                        .as_slice()
                ),
                "{text}"
            );
        }
        // A passive file keeps its name.
        assert!(built.contains_key(&format!("{site}files/brief.txt")));
    }
    let page = |path: &str| String::from_utf8(built[path].clone()).unwrap();
    let portal = page("portal/acme/minutes/2026-11-18-launch.html");
    for href in [
        "../files/teaser.html.txt",
        "../files/logo.svg.txt",
        "../files/landing.txt",
        "../files/brief.txt",
    ] {
        assert!(
            portal.contains(&format!("href=\"{href}\"")),
            "no link to {href}:\n{portal}"
        );
    }
    let record = page("clients/acme/orders/WO-2026-0001.html");
    assert!(
        record.contains(
            "href=\"../../../clients/acme/files/teaser.html.txt\" download=\"teaser.html\""
        ),
        "{record}"
    );

    let (address, log) = serve(out.clone());
    let mut opened = Vec::new();
    for site in ["portal/acme/", "clients/acme/"] {
        for name in ["teaser.html.txt", "logo.svg.txt", "landing.txt"] {
            let path = format!("{site}files/{name}");
            opened.push(format!("{address}/{path}"));
            opened.push(format!("file://{}", out.join(&path).display()));
        }
    }
    // And the portal page itself, whose links lead there.
    opened.push(format!(
        "{address}/portal/acme/minutes/2026-11-18-launch.html"
    ));
    for url in &opened {
        let (dom, _) = browse(browser, url, &["--dump-dom"]);
        assert!(!dom.contains(RAN), "{url}: the script ran:\n{dom}");
        if !url.ends_with(".html") {
            assert!(
                dom.contains("&lt;script&gt;"),
                "{url}: not shown as text:\n{dom}"
            );
        }
    }
    let log = log.lock().unwrap();
    // Every link led to a file (a browser asks for `/favicon.ico` of a text page itself).
    assert!(
        log.iter()
            .all(|(status, path)| *status == 200 || path == "/favicon.ico"),
        "{log:?}"
    );
}
