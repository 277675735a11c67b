//! A record body of arbitrary text to HTML, as the site and the reports render it.
//!
//! Checked: no panic; the output has only the allowed tags and attributes, no script,
//! style, frame, object or embed, no event handler, no link with a scheme other than
//! http, https, mailto or tel (after character references are decoded as a browser
//! decodes them), and no image from another site; the resolver is asked only about
//! relative URLs; and the same input renders to the same HTML again. The resolver is
//! chosen by the input's length: one like the site's, one that drops every link, one
//! that answers with hostile URLs, and one that gives back what it was asked.

#![no_main]

use std::cell::RefCell;

use docket::internals::render::markdown::{Href, to_html};
use docket_fuzz::html::assert_safe;
use libfuzzer_sys::fuzz_target;

/// What the hostile resolver answers, by the asked URL's length.
const HOSTILE: &[&str] = &[
    "javascript:alert(1)",
    "\" onerror=\"alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.example/x.png",
    "\\\\evil.example\\x",
    " java\tscript:alert(1)",
    "x-docket-md:0",
    "https://evil.example/x.png",
    "&#106;avascript:alert(1)",
    "a\"><script>alert(1)</script>",
];

fn resolve(which: usize, url: &str) -> Href {
    match which {
        0 => match url.contains("hidden") {
            true => Href::Text,
            false => Href::To(format!("site/{url}")),
        },
        1 => Href::Text,
        2 => Href::To(HOSTILE[url.len() % HOSTILE.len()].to_string()),
        _ => Href::To(url.to_string()),
    }
}

fuzz_target!(|data: &[u8]| {
    let markdown = String::from_utf8_lossy(data);
    let which = data.len() % 4;
    let asked = RefCell::new(Vec::new());
    let html = to_html(&markdown, &|url: &str| {
        asked.borrow_mut().push(url.to_string());
        resolve(which, url)
    });
    assert_safe(&html);
    for url in asked.borrow().iter() {
        // Relative URLs only: no scheme a URL parser accepts, not `//host`.
        let trimmed = url.trim_start_matches(|c: char| c <= ' ');
        assert!(
            !trimmed.starts_with("//") && !trimmed.starts_with("\\\\"),
            "asked about {url:?}"
        );
    }
    let again = to_html(&markdown, &|url: &str| resolve(which, url));
    assert_eq!(html, again, "not deterministic");
});
