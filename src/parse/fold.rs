//! Text as people read it, for matching what identifies a client: the form in which the
//! confidentiality rule and the final leak scan compare text with markers.
//!
//! Folding, in this order, per character (a base character with the combining marks
//! after it is one unit):
//! - HTML character references are decoded (`&nbsp;`, `&#77;`, every named reference of
//!   HTML), as a browser or the Markdown renderer would;
//! - default-ignorable characters are removed (zero-width spaces and joiners, soft
//!   hyphens, byte-order marks, bidirectional controls, variation selectors);
//! - every run of white space (line breaks, tabs, no-break and ideographic spaces) is one
//!   space;
//! - Unicode compatibility forms are folded (NFKC: full-width letters, ligatures,
//!   circled digits) and case is folded fully (`ß` and `SS` alike), then composed again.
//!
//! Positions in the folded text map back to the original text ([`Folded::original`]), so
//! a diagnostic still points at what was written. Look-alike letters of other scripts
//! (a Cyrillic `а` for a Latin `a`) are not folded: docs/security.md says why.

use std::borrow::Cow;

use icu_casemap::CaseMapperBorrowed;
use icu_normalizer::ComposingNormalizerBorrowed;
use icu_properties::props::{DefaultIgnorableCodePoint, GeneralCategory, GeneralCategoryGroup};
use icu_properties::{CodePointMapData, CodePointSetData};

/// The longest character reference HTML knows (`&CounterClockwiseContourIntegral;`).
const LONGEST_REFERENCE: usize = 33;

/// Text folded for matching, with the way back to the original's byte offsets.
#[derive(Clone, Debug, Default)]
pub(crate) struct Folded {
    pub text: String,
    /// `(folded, original)` byte offsets where the two stop running side by side: from
    /// each point on, up to the next one, a folded byte is the original byte as far
    /// after it.
    map: Vec<(usize, usize)>,
    /// The original's length.
    len: usize,
}

impl Folded {
    /// The original byte offset of folded byte offset `at` (a match's start or end).
    pub(crate) fn original(&self, at: usize) -> usize {
        let i = self.map.partition_point(|&(f, _)| f <= at);
        let (f, o) = if i == 0 { (0, 0) } else { self.map[i - 1] };
        let next = self.map.get(i).map_or(self.len, |&(_, o)| o);
        (o + (at - f)).min(next.max(o)).min(self.len)
    }
}

struct Folder {
    nfkc: ComposingNormalizerBorrowed<'static>,
    case: CaseMapperBorrowed<'static>,
}

impl Folder {
    const fn new() -> Folder {
        Folder {
            nfkc: ComposingNormalizerBorrowed::new_nfkc(),
            case: CaseMapperBorrowed::new(),
        }
    }

    /// One unit (a character and the marks that follow it) as it compares.
    fn unit<'a>(&self, unit: &'a str) -> Cow<'a, str> {
        let composed = self.nfkc.normalize(unit);
        let folded = self.case.fold_string(&composed);
        if folded == unit {
            return Cow::Borrowed(unit);
        }
        Cow::Owned(self.nfkc.normalize(&folded).into_owned())
    }
}

fn ignorable(c: char) -> bool {
    CodePointSetData::new::<DefaultIgnorableCodePoint>().contains(c)
}

fn is_mark(c: char) -> bool {
    GeneralCategoryGroup::Mark.contains(CodePointMapData::<GeneralCategory>::new().get(c))
}

/// The character reference at the start of `text` (which starts with `&`), decoded, and
/// how many bytes it takes; `None` when it is no reference (a lone `&`). Named references
/// are HTML's whole list, as html5ever (under ammonia) knows it; numeric ones as HTML
/// reads them.
fn reference(text: &str) -> Option<(String, usize)> {
    let end = text
        .bytes()
        .take(LONGEST_REFERENCE + 1)
        .position(|b| b == b';')?;
    let name = &text[1..end];
    let numeric = name
        .strip_prefix("#x")
        .or_else(|| name.strip_prefix("#X"))
        .map(|h| u32::from_str_radix(h, 16))
        .or_else(|| name.strip_prefix('#').map(str::parse::<u32>));
    let decoded: String = match numeric {
        Some(n) => std::iter::once(n.ok().and_then(char::from_u32)?).collect(),
        None => {
            let &(first, second) = markup5ever::data::NAMED_ENTITIES.get(&text[1..=end])?;
            [first, second]
                .into_iter()
                .filter(|&c| c != 0)
                .map(char::from_u32)
                .collect::<Option<String>>()?
        }
    };
    (!decoded.is_empty()).then_some((decoded, end + 1))
}

/// `text` folded for matching.
pub(crate) fn fold(text: &str) -> Folded {
    let folder = Folder::new();
    let mut out = Folded {
        text: String::with_capacity(text.len()),
        map: Vec::new(),
        len: text.len(),
    };
    let mut space = false;
    let mut at = 0;
    // The offset of both texts where they last ran side by side.
    let mut shift: isize = 0;
    let mut mark = |out: &mut Folded, original: usize| {
        let delta = out.text.len() as isize - original as isize;
        if delta != shift {
            out.map.push((out.text.len(), original));
            shift = delta;
        }
    };
    let bytes = text.as_bytes();
    while at < text.len() {
        // Plain ASCII (not `&`, not followed by a combining mark) is the common case: it
        // is folded here a byte at a time, without looking further.
        let b = bytes[at];
        if b.is_ascii() && b != b'&' && bytes.get(at + 1).is_none_or(u8::is_ascii) {
            if b.is_ascii_whitespace() {
                if space {
                    at += 1;
                    mark(&mut out, at);
                    continue;
                }
                mark(&mut out, at);
                out.text.push(' ');
                space = true;
            } else {
                mark(&mut out, at);
                out.text.push(b.to_ascii_lowercase() as char);
                space = false;
            }
            at += 1;
            continue;
        }
        let rest = &text[at..];
        let Some(c) = rest.chars().next() else { break };
        // A unit and what it folds to.
        let (len, folded): (usize, Cow<str>) = if c == '&' {
            match reference(rest) {
                Some((decoded, len)) => {
                    let f: String = decoded
                        .chars()
                        .filter(|&c| !ignorable(c))
                        .map(|c| if c.is_whitespace() { ' ' } else { c })
                        .collect();
                    (len, Cow::Owned(folder.unit(&f).into_owned()))
                }
                None => (1, Cow::Borrowed("&")),
            }
        } else if c.is_ascii() && rest.as_bytes().get(1).is_none_or(u8::is_ascii) {
            if c.is_ascii_whitespace() {
                (1, Cow::Borrowed(" "))
            } else if c.is_ascii_uppercase() {
                (1, Cow::Owned(c.to_ascii_lowercase().to_string()))
            } else {
                (1, Cow::Borrowed(&rest[..1]))
            }
        } else if c.is_whitespace() && !rest[c.len_utf8()..].starts_with(is_mark) {
            (c.len_utf8(), Cow::Borrowed(" "))
        } else if ignorable(c) {
            (c.len_utf8(), Cow::Borrowed(""))
        } else {
            let mut len = c.len_utf8();
            for m in rest[len..].chars() {
                if !is_mark(m) {
                    break;
                }
                len += m.len_utf8();
            }
            (len, folder.unit(&rest[..len]))
        };
        let folded: &str = if folded.starts_with(' ') && space {
            folded.trim_start_matches(' ')
        } else {
            &folded
        };
        if !folded.is_empty() {
            mark(&mut out, at);
            out.text.push_str(folded);
            space = out.text.ends_with(' ');
        }
        at += len;
        if folded.len() != len {
            mark(&mut out, at);
        }
    }
    out
}

/// `text` folded, without the way back.
pub(crate) fn folded(text: &str) -> String {
    fold(text).text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shows(written: &str, read: &str) {
        assert_eq!(folded(written), read, "{written:?}");
    }

    #[test]
    fn folds_as_people_write() {
        shows("Harbor Lin", "harbor lin");
        shows("Harbor\n  Lin", "harbor lin");
        shows("Harbor\r\n\tLin", "harbor lin");
        shows("Harbor\u{a0}Lin", "harbor lin");
        shows("Harbor\u{3000}Lin", "harbor lin");
        shows("Har\u{200b}bor Lin", "harbor lin");
        shows("Har\u{ad}bor\u{feff} Lin", "harbor lin");
        shows("Ｈａｒｂｏｒ　Ｌｉｎ", "harbor lin");
        shows("Harbor&nbsp;Lin", "harbor lin");
        shows("&#72;arbor&#x20;Lin", "harbor lin");
        shows("R&amp;D", "r&d");
        shows("a & b", "a & b");
        shows("STRASSE Straße", "strasse strasse");
        shows("Jose\u{301}", "jos\u{e9}");
        shows("海港公司", "海港公司");
        shows("ﬁne", "fine");
    }

    #[test]
    fn positions_map_back() {
        let text = "Call  Ｈａｒｂｏｒ\u{200b} Lin\r\nnow";
        let f = fold(text);
        assert_eq!(f.text, "call harbor lin now");
        let s = f.text.find("harbor").unwrap();
        let e = s + "harbor lin".len();
        assert_eq!(
            &text[f.original(s)..f.original(e)],
            "Ｈａｒｂｏｒ\u{200b} Lin"
        );
        let n = f.text.find("now").unwrap();
        assert_eq!(&text[f.original(n)..f.original(n + 3)], "now");
        assert_eq!(f.original(0), 0);
        assert_eq!(f.original(f.text.len()), text.len());
    }

    #[test]
    fn ascii_is_kept_in_place() {
        let text = "Plain text, one space each.";
        let f = fold(text);
        assert!(f.map.is_empty());
        assert_eq!(f.original(6), 6);
    }
}
