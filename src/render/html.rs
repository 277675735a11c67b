//! Character references: escaping text for HTML (and SVG), and decoding what an HTML
//! serialiser writes. Shared by the template formatter, the Markdown renderer and the
//! charts; the leak scan decodes references with `parse::fold`.

/// `text` safe in HTML text and in quoted attribute values: `&`, `<`, `>`, `"` and `'`
/// become character references; everything else is kept.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Decodes the character references template engines and HTML serialisers write:
/// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&nbsp;` and numeric ones (`&#39;`,
/// `&#x2f;`). Anything else, a lone `&` included, is kept as it is.
pub(crate) fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        // The `;` within the first 12 bytes, found byte by byte: a cut at byte 12 could
        // fall inside a character.
        let Some(end) = rest.bytes().take(12).position(|b| b == b';') else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..end];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An `&` followed by multi-byte characters without a `;` (found by fuzzing): the
    /// search for the `;` must not cut a character in two.
    #[test]
    fn unescape_never_cuts_a_character() {
        assert_eq!(unescape("&₂₂₂₂x"), "&₂₂₂₂x");
        assert_eq!(unescape("a&é;b&amp;"), "a&é;b&");
        assert_eq!(unescape("&"), "&");
    }

    #[test]
    fn unescapes_what_templates_and_serialisers_write() {
        assert_eq!(
            unescape("R&amp;D &lt;b&gt; &#39;x&#x27; &#20013; &nbsp;& a;"),
            "R&D <b> 'x' 中 \u{a0}& a;"
        );
    }

    #[test]
    fn escape_and_unescape_round_trip() {
        let text = "a < b & \"c\" > 'd' 中";
        assert_eq!(
            escape(text),
            "a &lt; b &amp; &quot;c&quot; &gt; &#39;d&#39; 中"
        );
        assert_eq!(unescape(&escape(text)), text);
    }
}
