//! Record bodies (parse stage): Markdown read with pulldown-cmark for its links and its
//! sections, so that links can be checked and internal sections kept from clients.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::source::{FileId, Span};

/// A link or image in a body.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Link {
    pub dest: String,
    pub span: Span,
}

/// A heading and the section it opens (up to the next heading of the same or a higher
/// level).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Section {
    pub title: String,
    pub level: u8,
    pub span: Span,
    pub internal: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Body {
    pub span: Option<Span>,
    pub links: Vec<Link>,
    pub sections: Vec<Section>,
    /// Where the body first nests deeper than [`super::nesting::MAX_DEPTH`]: the element
    /// (or raw HTML tag) that does.
    pub too_deep: Option<Span>,
}

impl Body {
    /// Byte ranges of the file that are internal sections.
    pub fn internal_ranges(&self) -> impl Iterator<Item = Span> + '_ {
        self.sections.iter().filter(|s| s.internal).map(|s| s.span)
    }
}

/// The Markdown extensions docket renders with: tables, strikethrough, task lists, footnotes.
pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
}

fn level_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Reads the body `text`, which starts at byte `base` of file `file`.
pub fn read(text: &str, file: FileId, base: usize, internal_headings: &[String]) -> Body {
    let mut body = Body {
        span: Some(Span::new(file, base, base + text.len())),
        ..Body::default()
    };
    let mut heading: Option<(u8, usize, String)> = None;
    let mut open: Vec<(u8, usize, String)> = Vec::new();
    let mut closed: Vec<(u8, usize, usize, String)> = Vec::new();
    let mut nesting = Some(super::nesting::Nesting::default());
    let mut depth = 0usize;
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        if let Some(n) = nesting.as_mut()
            && let Some(at) = n.event(&event)
        {
            let s = (range.start + at).min(text.len());
            let e = text[s..].chars().next().map_or(s, |c| s + c.len_utf8());
            body.too_deep = Some(Span::new(file, base + s, base + e));
            nesting = None;
        }
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((level_number(level), range.start, String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, start, title)) = heading.take() {
                    while let Some(last) = open.last() {
                        if last.0 >= level {
                            let (l, s, t) = open.pop().unwrap_or_default();
                            closed.push((l, s, start, t));
                        } else {
                            break;
                        }
                    }
                    open.push((level, start, title));
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, title)) = heading.as_mut() {
                    title.push_str(&t);
                }
            }
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => {
                let dest = dest_url.to_string();
                // Point at the destination as written when it can be found, else the link.
                // Only images nest in links, and an image is searched only within the depth
                // limit, so no byte is searched more than that many times.
                let raw = &text[range.clone()];
                let found = (depth <= super::nesting::MAX_DEPTH)
                    .then(|| raw.rfind(dest.as_str()))
                    .flatten();
                let (s, e) = match found {
                    Some(i) if !dest.is_empty() => (range.start + i, range.start + i + dest.len()),
                    _ => (range.start, range.end),
                };
                body.links.push(Link {
                    dest,
                    span: Span::new(file, base + s, base + e),
                });
            }
            _ => {}
        }
    }
    while let Some((l, s, t)) = open.pop() {
        closed.push((l, s, text.len(), t));
    }
    closed.sort_by_key(|c| c.1);
    // Compared as people read them: `## ＩＮＴＥＲＮＡＬ` or `## Inter\u{ad}nal` is internal.
    let folded_headings: Vec<String> = internal_headings
        .iter()
        .map(|h| crate::parse::fold::folded(h).trim().to_string())
        .collect();
    let is_internal = |title: &str| {
        let t = crate::parse::fold::folded(title);
        folded_headings.iter().any(|h| h == t.trim())
    };
    // A section inside an internal section is internal too.
    let mut internal_until = 0;
    for (level, start, end, title) in closed {
        let mut internal = is_internal(&title);
        if start < internal_until {
            internal = true;
        } else if internal {
            internal_until = end;
        }
        body.sections.push(Section {
            title: title.trim().to_string(),
            level,
            span: Span::new(file, base + start, base + end),
            internal,
        });
    }
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_internal_sections_and_links() {
        let text = "Intro [brief](../files/brief.pdf)\n\n## Internal\nsecret\n### Sub\nmore\n## Next\nopen\n";
        let body = read(text, FileId(0), 10, &["Internal".into()]);
        assert_eq!(body.links.len(), 1);
        assert_eq!(body.links[0].dest, "../files/brief.pdf");
        assert_eq!(body.links[0].span.start, 10 + 14);
        let internal: Vec<_> = body
            .sections
            .iter()
            .filter(|s| s.internal)
            .map(|s| s.title.as_str())
            .collect();
        assert_eq!(internal, ["Internal", "Sub"]);
        let inner = &body.sections[0];
        assert_eq!(
            &text[inner.span.start - 10..inner.span.end - 10],
            "## Internal\nsecret\n### Sub\nmore\n"
        );
    }
}
