//! Step 3 of the pipeline: every URL of the sanitised HTML resolved or dropped, links
//! that lose their target unwrapped, images turned into what the page may show.

use ammonia::url::{ParseError, Url};

use super::{Href, ID_PREFIX, MARK};
use crate::render::html as entities;

/// What a URL is, as the browser and ammonia see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Local,
    Anchor,
    Web,
    Contact,
    Marked(usize),
    Banned,
}

pub(super) fn kind(url: &str) -> Kind {
    // Browsers drop leading controls and spaces and every tab and newline.
    let seen: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let slash = |c: Option<char>| matches!(c, Some('/' | '\\'));
    if seen.starts_with('#') {
        return Kind::Anchor;
    }
    if slash(seen.chars().next()) && slash(seen.chars().nth(1)) {
        return Kind::Web;
    }
    match Url::parse(url) {
        Ok(u) => match u.scheme() {
            "http" | "https" => Kind::Web,
            "mailto" | "tel" => Kind::Contact,
            MARK => u.path().parse().map_or(Kind::Banned, Kind::Marked),
            _ => Kind::Banned,
        },
        Err(ParseError::RelativeUrlWithoutBase) => Kind::Local,
        Err(_) => Kind::Banned,
    }
}

/// Step 3: resolves what step 1 could not see (raw HTML) and applies every `Href`.
pub(super) fn rewrite(html: &str, resolve: &dyn Fn(&str) -> Href, marked: &[Href]) -> String {
    let mut out = String::with_capacity(html.len() + 64);
    let mut links: Vec<bool> = Vec::new(); // open <a>: kept or unwrapped
    let mut kept = 0; // how many of them are kept
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let Some(len) = rest[start..].find('>') else {
            break;
        };
        out.push_str(&rest[..start]);
        let tag = &rest[start..=start + len];
        rest = &rest[start + len + 1..];
        let (name, attrs) = split_tag(tag);
        let find = |key: &str| attrs.iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
        // A relative or placeholder URL becomes its resolution; others stay as they are.
        let target = |url: String| match kind(&url) {
            Kind::Local => outcome(Some(resolve(&url))),
            Kind::Marked(n) => outcome(marked.get(n).cloned()),
            _ => Some(url),
        };
        match name {
            "/a" => {
                if links.pop() == Some(true) {
                    kept -= 1;
                    out.push_str(tag);
                }
            }
            "a" => {
                let href = find("href").map(entities::unescape).and_then(target);
                let href = href.and_then(|h| match kind(&h) {
                    Kind::Anchor => Some(anchor(&h)),
                    Kind::Local | Kind::Web | Kind::Contact => Some(h),
                    Kind::Marked(_) | Kind::Banned => None,
                });
                links.push(href.is_some());
                kept += usize::from(href.is_some());
                if let Some(href) = href {
                    out.push_str(&retag("a", &attrs, "href", &href));
                }
            }
            "img" => {
                let alt = find("alt").unwrap_or(""); // serialised form: already escaped
                let src = find("src").map(entities::unescape).and_then(target);
                match src.as_deref().map(kind) {
                    Some(Kind::Local) => {
                        out.push_str(&retag("img", &attrs, "src", &src.unwrap_or_default()))
                    }
                    Some(Kind::Web) if kept == 0 => {
                        let url = entities::escape(&src.unwrap_or_default());
                        let text = if alt.is_empty() { &url } else { alt };
                        out.push_str(&format!("<a href=\"{url}\">{text}</a>"));
                    }
                    _ => out.push_str(alt),
                }
            }
            _ => out.push_str(tag),
        }
    }
    out.push_str(rest);
    out
}

/// The URL an `Href` gives, or `None` for text.
pub(super) fn outcome(href: Option<Href>) -> Option<String> {
    match href {
        Some(Href::To(url)) => Some(url),
        Some(Href::Text) | None => None,
    }
}

/// `#x` points at the id ammonia made of `x`.
pub(super) fn anchor(href: &str) -> String {
    let id = href
        .trim_start_matches(|c: char| c <= ' ')
        .trim_start_matches('#');
    match id.starts_with(ID_PREFIX) {
        true => format!("#{id}"),
        false => format!("#{ID_PREFIX}{id}"),
    }
}

/// Splits `<name a="v" b="w">` as html5ever writes it into its name and raw attributes.
pub(super) fn split_tag(tag: &str) -> (&str, Vec<(&str, &str)>) {
    let inner = tag.trim_start_matches('<').trim_end_matches('>');
    let (name, mut rest) = inner.split_once(' ').unwrap_or((inner, ""));
    let mut attrs = Vec::new();
    while let Some((key, after)) = rest.trim_start().split_once("=\"") {
        let Some((value, next)) = after.split_once('"') else {
            break;
        };
        attrs.push((key, value));
        rest = next;
    }
    (name, attrs)
}

/// The tag again, with `key` set to `value` (other attributes as they were).
pub(super) fn retag(name: &str, attrs: &[(&str, &str)], key: &str, value: &str) -> String {
    let mut tag = format!("<{name}");
    for (k, v) in attrs {
        let v = if *k == key {
            entities::escape(value)
        } else {
            (*v).to_string()
        };
        tag.push_str(&format!(" {k}=\"{v}\""));
    }
    tag.push('>');
    tag
}
