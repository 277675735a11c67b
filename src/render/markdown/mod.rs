//! Record bodies (render stage): Markdown to HTML that is safe to put on the site, whoever
//! wrote the body. Pages carry `default-src 'none'; style-src 'self'; img-src 'self'`, so the
//! output has no script, no style attribute and no image from another origin.
//!
//! Pipeline:
//! 1. pulldown-cmark renders the body. Relative destinations of Markdown links and images are
//!    given to `resolve` here, as written, and replaced by a placeholder URL
//!    (`x-docket-md:N`); table alignment becomes a class; task-list markers become ☐ / ☑.
//! 2. ammonia sanitises that HTML (raw HTML included) with the allow-list below.
//! 3. The sanitised HTML, which html5ever serialises in one regular form (quoted attributes,
//!    `<` and `>` escaped everywhere but in tags), is walked tag by tag: placeholders and
//!    relative URLs from raw HTML are resolved, links that lose their target are unwrapped,
//!    images become `<img>`, a link or their alt text.
//! 4. ammonia runs again over the result, so whatever step 3 or `resolve` produced, the output
//!    is ammonia's.
//!
//! Depth is bounded before ammonia sees anything (html5ever's work per tag grows with the
//! number of open elements): Markdown elements past [`MAX_DEPTH`] are dropped in step 1
//! (their text is kept), and when raw HTML still leaves more than [`HTML_LIMIT`] elements
//! open, the body is rendered again with its raw HTML as text. `check` reports such bodies
//! (`nesting-too-deep`), so this only happens where nothing was checked: the language
//! server, old versions of records.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use ammonia::{Builder, UrlRelative};
use pulldown_cmark::{Alignment, CowStr, Event, LinkType, Parser, Tag, TagEnd, html};

mod links;

use links::{Kind, kind, rewrite};

use crate::parse::nesting::{self, MAX_DEPTH};

/// The most elements step 1's HTML may leave open: Markdown capped at [`MAX_DEPTH`] makes at
/// most two elements a level (`<pre><code>`, `<ul><li>`), so only raw HTML reaches it.
const HTML_LIMIT: usize = 4 * MAX_DEPTH;

/// What a relative link or image source in a body becomes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Href {
    /// Point it here instead (a relative URL inside the site).
    To(String),
    /// Remove the link, keep its text (for an image: keep its alt text as plain text).
    Text,
}

/// Prefix of every `id` in a body (ammonia adds it), so a body cannot reuse the page's ids.
const ID_PREFIX: &str = "md-";
/// Scheme of the placeholders that stand for already resolved Markdown destinations.
const MARK: &str = "x-docket-md";

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
/// Removed with everything inside them (other unknown tags are removed, their text kept).
const DROPPED_WITH_CONTENT: &[&str] = &[
    "script", "style", "template", "noscript", "iframe", "object", "textarea", "select", "title",
];
const ALIGN_CLASSES: &[&str] = &["align-left", "align-center", "align-right"];

static FIRST: LazyLock<Builder<'static>> = LazyLock::new(|| builder(true));
static LAST: LazyLock<Builder<'static>> = LazyLock::new(|| builder(false));

fn set(items: &[&'static str]) -> HashSet<&'static str> {
    items.iter().copied().collect()
}

/// The sanitiser; the first pass also lets the placeholders through.
fn builder(first: bool) -> Builder<'static> {
    let mut attributes = HashMap::from([
        ("a", set(&["href", "title"])),
        ("img", set(&["src", "alt", "title"])),
        ("ol", set(&["start"])),
    ]);
    for tag in ["h1", "h2", "h3", "h4", "h5", "h6", "div"] {
        attributes.insert(tag, set(&["id"]));
    }
    let schemes: &[&str] = if first {
        &["http", "https", "mailto", "tel", MARK]
    } else {
        &["http", "https", "mailto", "tel"]
    };
    let mut b = Builder::empty();
    b.tags(set(TAGS))
        .clean_content_tags(set(DROPPED_WITH_CONTENT))
        .generic_attributes(HashSet::new())
        .tag_attributes(attributes)
        .allowed_classes(HashMap::from([
            ("th", set(ALIGN_CLASSES)),
            ("td", set(ALIGN_CLASSES)),
            ("div", set(&["footnote-definition"])),
            (
                "sup",
                set(&["footnote-reference", "footnote-definition-label"]),
            ),
        ]))
        .url_schemes(set(schemes))
        .url_relative(UrlRelative::PassThrough)
        .link_rel(Some("noopener noreferrer"))
        .strip_comments(true)
        .id_prefix(Some(ID_PREFIX));
    b
}

/// Renders `markdown` to sanitised HTML. `resolve` is asked about every relative URL (href of
/// links, src of images), whether written as a Markdown link/image, an autolink, a reference
/// link, or in raw HTML; it receives the URL as written (Markdown escapes and HTML entities
/// decoded, percent-encoding untouched, `#fragment` and `?query` attached).
/// Not relative here: `#fragment` alone (an anchor in the body, kept) and `//host/...`
/// (another site: treated like https).
/// Absolute URLs: http, https, mailto and tel links are kept (links get rel="noopener noreferrer");
/// every other scheme (javascript:, data:, vbscript:, file:, ...) is removed.
/// Images whose source is absolute (any scheme) are not loaded: they become a link to the
/// URL if http(s) (text = alt text), or just their alt text otherwise.
pub fn to_html(markdown: &str, resolve: &dyn Fn(&str) -> Href) -> String {
    let mut marked = Vec::new();
    let mut rendered = render(markdown, resolve, &mut marked, true);
    if nesting::html_depth(&rendered, HTML_LIMIT) > HTML_LIMIT {
        marked.clear();
        rendered = render(markdown, resolve, &mut marked, false);
    }
    let first = FIRST.clean(&split_text(&rendered)).to_string();
    LAST.clean(&split_text(&rewrite(&first, resolve, &marked)))
        .to_string()
}

/// Bytes of text after which [`split_text`] ends a text node.
const TEXT_RUN: usize = 1024;

/// `html` with an empty comment in its text every [`TEXT_RUN`] bytes or so. ammonia drops
/// comments, so its output is the same, but made of short text nodes: html5ever escapes a
/// text node with a search to the node's next `<` or `>` from every `&` (and every U+0080 to
/// U+00BF) in it, which takes minutes over one long node full of them.
fn split_text(html: &str) -> String {
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len() + html.len() / 64);
    let mut tokenizer = nesting::Html::default();
    let (mut from, mut i) = (0, 0);
    while i < bytes.len() {
        if tokenizer.in_text() {
            // Text up to the next tag: cut it every TEXT_RUN bytes, where a cut changes
            // nothing (on a character boundary, not inside `&name;`).
            let end = memchr::memchr(b'<', &bytes[i..]).map_or(bytes.len(), |e| i + e);
            let mut cut = (from + TEXT_RUN).max(i);
            while cut < end {
                while cut < end && (!html.is_char_boundary(cut) || in_reference(bytes, cut)) {
                    cut += 1;
                }
                if cut < end {
                    out.push_str(&html[from..cut]);
                    out.push_str("<!---->");
                    from = cut;
                    cut += TEXT_RUN;
                }
            }
            i = end;
            if i == bytes.len() {
                break;
            }
        }
        i = tokenizer.push(bytes, i).1;
    }
    out.push_str(&html[from..]);
    out
}

/// Whether `at` is inside a character reference (`&amp;`, `&#38;`): after a `&` and only
/// letters, digits and `#` (references are shorter than 40 bytes).
fn in_reference(bytes: &[u8], at: usize) -> bool {
    bytes[at.saturating_sub(40)..at]
        .iter()
        .rev()
        .find(|b| !(b.is_ascii_alphanumeric() || **b == b'#'))
        == Some(&b'&')
}

/// Step 1: pulldown-cmark, with Markdown destinations resolved into `marked`; elements past
/// [`MAX_DEPTH`] left out, and raw HTML kept only with `raw`.
fn render(
    markdown: &str,
    resolve: &dyn Fn(&str) -> Href,
    marked: &mut Vec<Href>,
    raw: bool,
) -> String {
    let (mut aligns, mut head, mut column) = (Vec::new(), false, 0);
    let mut depth = 0usize;
    let events = Parser::new_ext(markdown, crate::parse::markdown::options())
        .filter(move |event| match event {
            Event::Start(_) => {
                depth += 1;
                depth <= MAX_DEPTH
            }
            Event::End(_) => {
                let keep = depth <= MAX_DEPTH;
                depth = depth.saturating_sub(1);
                keep
            }
            _ => true,
        })
        .map(|event| match event {
            Event::Html(html) | Event::InlineHtml(html) if !raw => Event::Text(html),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) if link_type != LinkType::Email => {
                let dest_url = mark(dest_url, resolve, marked);
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = mark(dest_url, resolve, marked);
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::Start(Tag::Table(a)) => {
                aligns.clone_from(&a);
                Event::Start(Tag::Table(a))
            }
            Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) => {
                head = matches!(event, Event::Start(Tag::TableHead));
                column = 0;
                event
            }
            // Alignment as a class: pulldown-cmark would write a style attribute.
            Event::Start(Tag::TableCell) => {
                let class = match aligns.get(column) {
                    Some(Alignment::Left) => " class=\"align-left\"",
                    Some(Alignment::Center) => " class=\"align-center\"",
                    Some(Alignment::Right) => " class=\"align-right\"",
                    _ => "",
                };
                Event::Html(format!("<{}{class}>", if head { "th" } else { "td" }).into())
            }
            Event::End(TagEnd::TableCell) => {
                column += 1;
                Event::Html(if head { "</th>" } else { "</td>" }.into())
            }
            // No <input> on the site: a task is marked with a character.
            Event::TaskListMarker(done) => Event::Text(if done { "☑ " } else { "☐ " }.into()),
            other => other,
        });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events);
    out
}

/// A relative Markdown destination, resolved now, becomes a placeholder for step 3.
fn mark<'a>(
    dest: CowStr<'a>,
    resolve: &dyn Fn(&str) -> Href,
    marked: &mut Vec<Href>,
) -> CowStr<'a> {
    if kind(&dest) != Kind::Local {
        return dest;
    }
    marked.push(resolve(&dest));
    format!("{MARK}:{}", marked.len() - 1).into()
}

#[cfg(test)]
mod tests;
