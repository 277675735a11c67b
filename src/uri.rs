//! Paths in URIs and links: percent-encoding and decoding (a dozen lines each, not worth
//! a crate). Used by the link rule, SARIF locations and the language server's `file:` URIs.

/// A path as a URI path: unreserved characters and `/` kept, every other byte of its
/// UTF-8 percent-encoded (`Q4 brief.md` -> `Q4%20brief.md`).
pub(crate) fn percent_encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `%20` -> ` `; invalid escapes are kept as written.
pub(crate) fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(v) = text
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoding_and_decoding_are_inverse() {
        for path in [
            "clients/acme/Q4 brief.md",
            "clients/青山/a#b%.md",
            "plain/path.md",
        ] {
            assert_eq!(percent_decode(&percent_encode_path(path)), path);
        }
        assert_eq!(percent_encode_path("a b/青"), "a%20b/%E9%9D%92");
        assert_eq!(percent_decode("100%zz"), "100%zz");
    }
}
