//! Nesting depth of a body (parse stage): how deep Markdown elements (block quotes, lists,
//! emphasis, links...) and raw HTML elements are nested, measured in one linear pass.
//!
//! HTML parsers (html5ever, under ammonia) spend time proportional to the depth of the open
//! elements on every tag, so a body nested tens of thousands deep takes minutes to render.
//! No person nests a record [`MAX_DEPTH`] deep: past it, the body is reported
//! (`nesting-too-deep`) and the renderer flattens it.

use pulldown_cmark::Event;

/// The deepest nesting a body may have: Markdown elements and HTML elements counted together
/// (a paragraph in a quote in a list item in a list is 4).
pub(crate) const MAX_DEPTH: usize = 32;

/// Depth of Markdown events plus the raw HTML inside them; see [`Nesting::event`].
#[derive(Clone, Debug, Default)]
pub(crate) struct Nesting {
    markdown: usize,
    html: Html,
}

impl Nesting {
    /// Takes the next event; returns where in it the depth goes past [`MAX_DEPTH`] (0 for a
    /// Markdown element, the offset of the tag in raw HTML), if it does.
    pub(crate) fn event(&mut self, event: &Event) -> Option<usize> {
        match event {
            Event::Start(_) => {
                self.markdown += 1;
                (self.depth() > MAX_DEPTH).then_some(0)
            }
            Event::End(_) => {
                self.markdown = self.markdown.saturating_sub(1);
                None
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                let room = MAX_DEPTH.saturating_sub(self.markdown);
                self.html.feed(html, room)
            }
            _ => None,
        }
    }

    fn depth(&self) -> usize {
        self.markdown + self.html.depth()
    }
}

/// The elements an HTML parser keeps open after reading some HTML, counted so as never to be
/// fewer than html5ever keeps (up to a small factor): the tokenizer's states that decide what
/// is a tag (attributes, quotes, comments, raw text) follow the HTML standard; the tree is
/// simplified towards keeping elements open (a formatting element such as `<b>` closes only
/// at its own end tag; `<p>`, `<li>`, `<dt>`, `<dd>`, `<tr>`, `<td>`, `<th>`, `<option>`
/// close an open one as the standard says).
#[derive(Clone, Debug, Default)]
pub(crate) struct Html {
    open: Vec<Element>,
    state: State,
    /// The tag being read: its name (lower case, at most [`NAME`] bytes), whether it is an
    /// end tag, and whether a `/` came just before `>`.
    name: String,
    end: bool,
    slash: bool,
    /// Where the tag being read starts, in the chunk being read (0 when it started in an
    /// earlier chunk).
    tag_at: usize,
}

/// Longer names are neither void, formatting, special nor raw text: they need not be told
/// apart.
const NAME: usize = 16;

#[derive(Clone, Debug)]
struct Element {
    name: String,
    formatting: bool,
    special: bool,
    foreign: bool,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum State {
    #[default]
    Data,
    TagOpen,
    EndTagOpen,
    TagName,
    BeforeAttribute,
    AttributeName,
    AfterAttributeName,
    BeforeValue,
    Quoted(u8),
    Unquoted,
    /// After `<!`: `-` may start a comment.
    Bang,
    BangDash,
    CommentStart,
    CommentStartDash,
    Comment,
    CommentEndDash,
    CommentEnd,
    CommentEndBang,
    /// `<?...>`, `<!DOCTYPE ...>`, `</ ...>`: up to the next `>`.
    Bogus,
    /// Inside `<script>`, `<style>`, `<textarea>`...: text up to `</name`; `matched` bytes of
    /// `</name` seen so far.
    RawText {
        matched: usize,
    },
    /// After `<plaintext>`: everything is text.
    Plaintext,
}

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "image", "input", "keygen", "link", "meta",
    "param", "source", "track", "wbr", "html", "head", "body", "frameset",
];
const FORMATTING: &[&str] = &[
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];
const SPECIAL: &[&str] = &[
    "address",
    "applet",
    "area",
    "article",
    "aside",
    "base",
    "basefont",
    "bgsound",
    "blockquote",
    "body",
    "br",
    "button",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "dir",
    "div",
    "dl",
    "dt",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "iframe",
    "img",
    "input",
    "keygen",
    "li",
    "link",
    "listing",
    "main",
    "marquee",
    "menu",
    "meta",
    "nav",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "ol",
    "p",
    "param",
    "plaintext",
    "pre",
    "script",
    "search",
    "section",
    "select",
    "source",
    "style",
    "summary",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "track",
    "ul",
    "wbr",
    "xmp",
    "svg",
    "math",
];
/// Elements whose end tags of other elements do not reach past them.
const SCOPE: &[&str] = &[
    "applet", "caption", "html", "table", "td", "th", "marquee", "object", "template", "svg",
    "math",
];
/// Elements whose content is text up to their own end tag (with scripting on, as html5ever
/// parses for ammonia, `<noscript>` is one of them).
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];

impl Html {
    /// Elements open now.
    pub(crate) fn depth(&self) -> usize {
        self.open.len()
    }

    /// Reads `bytes[at]`; returns whether it ended a start tag that opened an element, and
    /// where to go on: past the bytes after it that cannot change anything (a quoted value
    /// up to its quote, a comment up to its next `-`; text is left to [`Html::skip`]).
    pub(crate) fn push(&mut self, bytes: &[u8], at: usize) -> (bool, usize) {
        let opened = self.step(bytes[at], at);
        let rest = &bytes[at + 1..];
        let skip = match self.state {
            State::Data => Some(0),
            State::RawText { matched: 0 } => memchr::memchr(b'<', rest),
            State::Quoted(q) => memchr::memchr(q, rest),
            State::Comment => memchr::memchr(b'-', rest),
            State::Bogus => memchr::memchr(b'>', rest),
            State::Plaintext => Some(rest.len()),
            _ => Some(0),
        };
        (opened, at + 1 + skip.unwrap_or(rest.len()))
    }

    /// Where reading `bytes` from `at` on must start: at `at`, or past text that cannot
    /// change anything (see [`Html::push`]).
    pub(crate) fn skip(&self, bytes: &[u8], at: usize) -> usize {
        match self.state {
            State::Data => memchr::memchr(b'<', &bytes[at..]).map_or(bytes.len(), |i| at + i),
            _ => at,
        }
    }

    /// Whether the bytes read so far end in text (not in a tag, a comment or raw text).
    pub(crate) fn in_text(&self) -> bool {
        self.state == State::Data
    }

    /// Reads `chunk` (the next piece of HTML); returns the offset in it of the first start tag
    /// that leaves more than `room` elements open, if one does. Reading stops there: the
    /// open elements never grow past `room + 1`, so each tag costs at most that much.
    pub(crate) fn feed(&mut self, chunk: &str, room: usize) -> Option<usize> {
        self.tag_at = 0;
        let bytes = chunk.as_bytes();
        let mut i = self.skip(bytes, 0);
        while i < bytes.len() {
            let (opened, next) = self.push(bytes, i);
            if opened && self.open.len() > room {
                return Some(self.tag_at);
            }
            i = self.skip(bytes, next);
        }
        None
    }

    /// One byte; true when it ended a start tag that opened an element.
    fn step(&mut self, b: u8, i: usize) -> bool {
        use State::*;
        let lower = b.to_ascii_lowercase();
        match self.state {
            Data => {
                if b == b'<' {
                    self.state = TagOpen;
                    self.tag_at = i;
                }
            }
            TagOpen => match b {
                b'!' => self.state = Bang,
                b'/' => self.state = EndTagOpen,
                b'?' => self.state = Bogus,
                _ if b.is_ascii_alphabetic() => self.begin(lower, false),
                b'<' => self.tag_at = i,
                _ => self.state = Data,
            },
            EndTagOpen => match b {
                _ if b.is_ascii_alphabetic() => self.begin(lower, true),
                b'>' => self.state = Data,
                _ => self.state = Bogus,
            },
            TagName => match b {
                b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' => self.state = BeforeAttribute,
                b'/' => {
                    self.state = BeforeAttribute;
                    self.slash = true;
                }
                b'>' => return self.finish_tag(),
                _ => {
                    if self.name.len() < NAME {
                        self.name.push(lower as char);
                    } else if self.name.len() == NAME {
                        // Too long to be any name that matters.
                        self.name.push('-');
                    }
                }
            },
            BeforeAttribute | AttributeName | AfterAttributeName => match b {
                b'>' => return self.finish_tag(),
                b'/' => {
                    self.slash = true;
                    self.state = BeforeAttribute;
                }
                b'=' if self.state != BeforeAttribute => {
                    self.slash = false;
                    self.state = BeforeValue;
                }
                b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' => {
                    self.slash = false;
                    if self.state == AttributeName {
                        self.state = AfterAttributeName;
                    }
                }
                _ => {
                    self.slash = false;
                    self.state = AttributeName;
                }
            },
            BeforeValue => match b {
                b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' => {}
                b'"' | b'\'' => self.state = Quoted(b),
                b'>' => return self.finish_tag(),
                _ => self.state = Unquoted,
            },
            Quoted(q) => {
                if b == q {
                    self.state = BeforeAttribute;
                }
            }
            Unquoted => match b {
                b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' => self.state = BeforeAttribute,
                b'>' => return self.finish_tag(),
                _ => {}
            },
            Bang => match b {
                b'-' => self.state = BangDash,
                b'>' => self.state = Data,
                _ => self.state = Bogus,
            },
            BangDash => match b {
                b'-' => self.state = CommentStart,
                b'>' => self.state = Data,
                _ => self.state = Bogus,
            },
            CommentStart => match b {
                b'-' => self.state = CommentStartDash,
                b'>' => self.state = Data,
                _ => self.state = Comment,
            },
            CommentStartDash => match b {
                b'-' => self.state = CommentEnd,
                b'>' => self.state = Data,
                _ => self.state = Comment,
            },
            Comment => {
                if b == b'-' {
                    self.state = CommentEndDash;
                }
            }
            CommentEndDash => match b {
                b'-' => self.state = CommentEnd,
                _ => self.state = Comment,
            },
            CommentEnd => match b {
                b'>' => self.state = Data,
                b'!' => self.state = CommentEndBang,
                b'-' => {}
                _ => self.state = Comment,
            },
            CommentEndBang => match b {
                b'-' => self.state = CommentEndDash,
                b'>' => self.state = Data,
                _ => self.state = Comment,
            },
            Bogus => {
                if b == b'>' {
                    self.state = Data;
                }
            }
            RawText { matched } => {
                // `</` then the element's name, then a space, `/` or `>`.
                let want = 2 + self.name.len();
                self.state = if matched < 2 {
                    let next = if matched == 0 { b'<' } else { b'/' };
                    match (b == next, b == b'<') {
                        (true, _) => RawText {
                            matched: matched + 1,
                        },
                        (false, true) => RawText { matched: 1 },
                        (false, false) => RawText { matched: 0 },
                    }
                } else if matched < want {
                    match self.name.as_bytes().get(matched - 2) {
                        Some(&c) if c == lower => RawText {
                            matched: matched + 1,
                        },
                        _ if b == b'<' => RawText { matched: 1 },
                        _ => RawText { matched: 0 },
                    }
                } else {
                    match b {
                        b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>' => {
                            // The end tag itself: read it as one (it closes nothing open).
                            self.name.clear();
                            self.end = true;
                            self.slash = false;
                            if b == b'>' { Data } else { BeforeAttribute }
                        }
                        b'<' => RawText { matched: 1 },
                        _ => RawText { matched: 0 },
                    }
                };
            }
            Plaintext => {}
        }
        false
    }

    fn begin(&mut self, first: u8, end: bool) {
        self.state = State::TagName;
        self.name.clear();
        self.name.push(first as char);
        self.end = end;
        self.slash = false;
    }

    /// `>` of a tag; true when it opened an element.
    fn finish_tag(&mut self) -> bool {
        self.state = State::Data;
        let name = std::mem::take(&mut self.name);
        if self.end {
            self.close(&name);
            return false;
        }
        if name.is_empty() {
            // The end tag that ended raw text.
            return false;
        }
        let foreign = self.open.iter().any(|e| e.foreign);
        if VOID.contains(&name.as_str()) || (self.slash && foreign) {
            return false;
        }
        if RAW_TEXT.contains(&name.as_str()) {
            self.state = State::RawText { matched: 0 };
            self.name = name;
            return false;
        }
        if name == "plaintext" {
            self.state = State::Plaintext;
            return false;
        }
        self.close_implied(&name);
        self.open.push(Element {
            formatting: FORMATTING.contains(&name.as_str()),
            special: SPECIAL.contains(&name.as_str()),
            foreign: foreign || name == "svg" || name == "math",
            name,
        });
        true
    }

    /// A start tag that closes an open element of its kind: `<p>` an open `<p>`, `<li>` an
    /// open `<li>` of the same list, and so on.
    fn close_implied(&mut self, name: &str) {
        // Which elements it closes, and which ones it looks past to find them.
        let (closes, passes): (&[&str], fn(&Element) -> bool) = match name {
            "p" => (&["p"], |e| {
                !SCOPE.contains(&e.name.as_str()) && e.name != "button"
            }),
            "li" => (&["li"], |e| {
                !e.special || ["address", "div", "p"].contains(&e.name.as_str())
            }),
            "dd" | "dt" => (&["dd", "dt"], |e| {
                !e.special || ["address", "div", "p"].contains(&e.name.as_str())
            }),
            "td" | "th" => (&["td", "th"], |e| {
                !["table", "template", "html"].contains(&e.name.as_str())
            }),
            "tr" => (&["tr"], |e| {
                !["table", "template", "html"].contains(&e.name.as_str())
            }),
            "option" => (&["option"], |_| false),
            _ => return,
        };
        for i in (0..self.open.len()).rev() {
            let e = &self.open[i];
            if closes.contains(&e.name.as_str()) {
                self.remove(i);
                return;
            }
            if !passes(e) {
                return;
            }
        }
    }

    /// An end tag: closes the nearest open element of that name, unless something in between
    /// stops it (as the standard's scopes do).
    fn close(&mut self, name: &str) {
        // Formatting end tags reach past special elements (the adoption agency), others not.
        let reaches = SPECIAL.contains(&name) || FORMATTING.contains(&name);
        for i in (0..self.open.len()).rev() {
            let e = &self.open[i];
            if e.name == name {
                if e.formatting {
                    // What was opened inside it stays open (the adoption agency moves it).
                    self.open.remove(i);
                } else {
                    self.remove(i);
                }
                return;
            }
            if (!reaches && e.special) || SCOPE.contains(&e.name.as_str()) {
                return;
            }
        }
    }

    /// Closes the element at `i` and what is open inside it, except formatting elements (the
    /// parser opens those again where text follows).
    fn remove(&mut self, i: usize) {
        let inside = self.open.split_off(i + 1);
        self.open.pop();
        self.open
            .extend(inside.into_iter().filter(|e| e.formatting && !e.foreign));
    }
}

/// How deep the elements of `html` (a fragment) are nested at the deepest, as [`Html`]
/// counts them, stopping once past `limit`: at most `limit + 1`.
pub(crate) fn html_depth(html: &str, limit: usize) -> usize {
    let mut h = Html::default();
    let mut deepest = 0;
    let bytes = html.as_bytes();
    let mut i = h.skip(bytes, 0);
    while i < bytes.len() {
        let (opened, next) = h.push(bytes, i);
        if opened {
            deepest = deepest.max(h.depth());
            if deepest > limit {
                break;
            }
        }
        i = h.skip(bytes, next);
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    /// Elements left open after `html`.
    fn open(html: &str) -> usize {
        let mut h = Html::default();
        assert_eq!(h.feed(html, usize::MAX), None);
        h.depth()
    }

    #[test]
    fn counts_open_elements() {
        assert_eq!(open("<div><p>a</p><p>b<em>c"), 3);
        assert_eq!(open("<div><p>a</p><p>b<em>c</em></p></div>"), 0);
        assert_eq!(open("<br><img src=x><hr/>text"), 0);
        assert_eq!(open("<ul><li>a<li>b<li>c"), 2);
        assert_eq!(open("<p>a<p>b<p>c"), 1);
        assert_eq!(open("<table><tr><td>a<td>b<tr><td>c"), 3);
        assert_eq!(open("<ul><li><ul><li><ul><li>x"), 6);
        assert_eq!(open("<div a=\"<div>\" b='>' c=<x>y"), 1);
        assert_eq!(open("<!-- <div><div> --><!--> <div>"), 1);
        assert_eq!(open("<!-- a --!> <div><div>"), 2);
        assert_eq!(open("<script><div><div></script><div>"), 1);
        assert_eq!(open("<textarea><!--</TextArea ><div>"), 1);
        assert_eq!(open("<svg><path/><path/><g></g>"), 1);
        assert_eq!(open("<div/><div/>"), 2);
        assert_eq!(open("<plaintext><div><div>"), 0);
        assert_eq!(open("< div> <3 <> </> <?x <div>?> a"), 0);
    }

    #[test]
    fn keeps_elements_an_html_parser_keeps() {
        // Unclosed formatting elements are opened again in every paragraph.
        assert_eq!(open("<p><b x=1></p><p><b x=2></p><p><b x=3></p>"), 3);
        // An end tag does not close through a table cell, nor through a special element.
        assert_eq!(open("<div><table><td></div><div>"), 4);
        assert_eq!(open("<span><div></span>"), 2);
        assert_eq!(open("<ul><li><div></li>"), 1);
        // A formatting end tag leaves what was opened inside it open.
        assert_eq!(open("<b><div>x</b><b><div>y</b>"), 2);
    }

    #[test]
    fn stops_past_the_limit() {
        assert_eq!(html_depth(&"<div>".repeat(100_000), 40), 41);
        assert_eq!(html_depth(&"<div></div>".repeat(100_000), 40), 1);
        let mut h = Html::default();
        assert_eq!(h.feed(&"<i>".repeat(100), 5), Some(15));
        assert_eq!(h.depth(), 6);
    }

    fn too_deep(text: &str) -> Option<usize> {
        super::super::markdown::read(text, FileId(0), 0, &[])
            .too_deep
            .map(|s| s.start)
    }

    #[test]
    fn finds_where_a_body_goes_too_deep() {
        let quotes = ">".repeat(40);
        assert_eq!(too_deep(&format!("{quotes} x")), Some(MAX_DEPTH));
        assert_eq!(too_deep(&format!("{} x", ">".repeat(MAX_DEPTH - 1))), None);
        let list: String = (0..40)
            .map(|i| format!("{}- x\n", "  ".repeat(i)))
            .collect();
        let at = too_deep(&list).expect("too deep");
        assert_eq!(&list[at..at + 1], "-");
        assert_eq!(
            Some(at),
            list.find(&format!("\n{}-", "  ".repeat(16)))
                .map(|i| i + 33)
        );
        let html = format!("a {}", "<span>".repeat(40));
        assert_eq!(too_deep(&html), Some(2 + 6 * (MAX_DEPTH - 1)));
        assert_eq!(too_deep("# Title\n\n> quote\n\n- a\n  - b\n"), None);
    }
}
