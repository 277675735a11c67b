//! What sanitised body HTML may contain. The renderer's output is html5ever's
//! serialisation (quoted attributes, `<` and `>` escaped outside tags), so it is read tag
//! by tag here; anything not in that form fails too. Attribute values are decoded the way
//! a browser decodes them (character references, then leading controls and every tab and
//! line break dropped) before their URL scheme is judged.
//!
//! The lists and the decoder are this oracle's own, not the renderer's
//! (`src/render/markdown.rs`, `src/render/html.rs`): a check that read the code's own
//! allow-list would agree with any mistake in it.

/// Tags a body may produce.
pub const TAGS: &[&str] = &[
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

/// Attributes a body may produce.
pub const ATTRIBUTES: &[&str] = &["href", "src", "alt", "title", "id", "class", "start", "rel"];

/// Elements that must never appear, whatever the allow-lists say.
const FORBIDDEN: &[&str] = &[
    "<script",
    "<iframe",
    "<frame",
    "<object",
    "<embed",
    "<style",
    "<form",
    "<input",
    "<base",
    "<meta",
    "<link",
    "<svg",
    "<math",
    "<template",
    "<!--",
];

/// URL schemes a link may keep.
const SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// Decodes HTML character references: named ones a serialiser or an attacker may write
/// (`&amp;`, `&colon;`, `&Tab;`...) and numeric ones, with or without the closing `;`.
pub fn decode(text: &str) -> String {
    const NAMED: &[(&str, char)] = &[
        ("amp", '&'),
        ("lt", '<'),
        ("gt", '>'),
        ("quot", '"'),
        ("apos", '\''),
        ("nbsp", '\u{a0}'),
        ("colon", ':'),
        ("tab", '\t'),
        ("newline", '\n'),
        ("sol", '/'),
        ("lpar", '('),
        ("rpar", ')'),
        ("num", '#'),
        ("period", '.'),
        ("comma", ','),
    ];
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i + 1..];
        if let Some(num) = rest.strip_prefix('#') {
            let (radix, digits) = match num.strip_prefix(['x', 'X']) {
                Some(hex) => (16, hex),
                None => (10, num),
            };
            let len = digits
                .char_indices()
                .find(|(_, c)| !c.is_digit(radix))
                .map_or(digits.len(), |(i, _)| i);
            if len > 0 {
                let value = u32::from_str_radix(&digits[..len.min(8)], radix).unwrap_or(0xfffd);
                out.push(char::from_u32(value).unwrap_or('\u{fffd}'));
                let after = &digits[len..];
                rest = after.strip_prefix(';').unwrap_or(after);
                continue;
            }
        } else {
            let lower = rest
                .get(..rest.len().min(8))
                .unwrap_or(rest)
                .to_ascii_lowercase();
            if let Some((name, c)) = NAMED.iter().find(|(n, _)| lower.starts_with(n)) {
                out.push(*c);
                let after = &rest[name.len()..];
                rest = after.strip_prefix(';').unwrap_or(after);
                continue;
            }
        }
        out.push('&');
    }
    out.push_str(rest);
    out
}

/// A URL as a browser reads it: leading controls and spaces dropped, every tab and line
/// break removed, lowercase.
fn as_browser_reads(url: &str) -> String {
    url.trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .to_ascii_lowercase()
}

/// The URL's scheme, if it has one (RFC 3986: a letter, then letters, digits, `+`, `-`
/// or `.`, then `:`).
fn scheme(url: &str) -> Option<&str> {
    let colon = url.find(':')?;
    let head = &url[..colon];
    let mut chars = head.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then_some(head)
}

/// Panics with a description unless `html` is free of anything that could run, load
/// something from elsewhere, or break the pages' Content-Security-Policy.
pub fn assert_safe(html: &str) {
    let lower = html.to_ascii_lowercase();
    for bad in FORBIDDEN {
        assert!(!lower.contains(bad), "{bad} in {html:?}");
    }
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        assert!(!rest[..start].contains('>'), "stray > in {html:?}");
        let end = start
            + rest[start..]
                .find('>')
                .unwrap_or_else(|| panic!("unclosed tag in {html:?}"));
        let tag = &rest[start + 1..end];
        rest = &rest[end + 1..];
        let (name, mut attrs) = tag.split_once(' ').unwrap_or((tag, ""));
        let bare = name.trim_start_matches('/');
        assert!(TAGS.contains(&bare), "<{name}> in {html:?}");
        assert!(
            !name.starts_with('/') || attrs.is_empty(),
            "attributes on </{bare}> in {html:?}"
        );
        while let Some((key, after)) = attrs.trim_start().split_once("=\"") {
            let (raw, next) = after
                .split_once('"')
                .unwrap_or_else(|| panic!("unquoted value in {html:?}"));
            attrs = next;
            let key = key.to_ascii_lowercase();
            assert!(!key.starts_with("on"), "handler {key} in {html:?}");
            assert!(
                ATTRIBUTES.contains(&key.as_str()),
                "attribute {key} in {html:?}"
            );
            assert!(!raw.contains('<'), "< in an attribute of {html:?}");
            if key != "href" && key != "src" {
                continue;
            }
            let value = as_browser_reads(&decode(raw));
            for banned in ["javascript:", "vbscript:", "data:"] {
                assert!(!value.starts_with(banned), "{banned} in {key} of {html:?}");
            }
            if key == "href" {
                if let Some(s) = scheme(&value) {
                    assert!(SCHEMES.contains(&s), "{s}: link in {html:?}");
                }
            }
            if key == "src" {
                // Images are only loaded from the site itself.
                assert!(scheme(&value).is_none(), "remote image in {html:?}");
                let mut chars = value.chars();
                let slash = |c: Option<char>| matches!(c, Some('/' | '\\'));
                assert!(
                    !(slash(chars.next()) && slash(chars.next())),
                    "remote image in {html:?}"
                );
            }
        }
        assert!(
            attrs.trim().trim_end_matches('/').trim().is_empty(),
            "unreadable tag <{tag}> in {html:?}"
        );
    }
    assert!(!rest.contains('>'), "stray > in {html:?}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_references_as_a_browser_does() {
        assert_eq!(decode("java&#115;cript&colon;x"), "javascript:x");
        assert_eq!(decode("&#x6A;ava&Tab;script"), "java\tscript");
        assert_eq!(decode("&#0000106;&amp&amp;"), "j&&");
        assert_eq!(decode("a & b &;"), "a & b &;");
    }

    #[test]
    fn finds_what_is_unsafe() {
        assert_safe(
            "<p>a &lt;script&gt; <a href=\"https://x\" rel=\"noopener noreferrer\">x</a></p>",
        );
        for bad in [
            "<p><script>x</script></p>",
            "<a href=\"java&#x09;script:x\">x</a>",
            "<a href=\"&#x64;ata:x\">x</a>",
            "<a href=\"x\" onclick=\"y\">x</a>",
            "<img src=\"//evil/x.png\">",
            "<img src=\"https://evil/x.png\">",
            "<a href=\"file:///etc/passwd\">x</a>",
            "<span>x</span>",
        ] {
            assert!(
                std::panic::catch_unwind(|| assert_safe(bad)).is_err(),
                "{bad}"
            );
        }
    }
}
