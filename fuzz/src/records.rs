//! Generated records: front-matter fields of each record type, taken from the format's
//! field tables, with values chosen by the fuzzer. In `Mode::Valid` every value is one
//! docket accepts; in `Mode::Any` some are wrong in type or value, some fields are
//! unknown, and required ones may be missing.

use crate::choose::Choose;
use crate::yaml::{Node, Style, double, is_plain_safe, printable, raw, single};

/// How far from a valid record the values may stray.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Valid,
    Any,
}

/// The record types that live in a client's or the agency's record folders.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Minutes,
    Order,
    Schedule,
    Invoice,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Minutes, Kind::Order, Kind::Schedule, Kind::Invoice];

    pub fn record_kind(self) -> docket::internals::model::records::RecordKind {
        use docket::internals::model::records::RecordKind;
        match self {
            Kind::Minutes => RecordKind::Minutes,
            Kind::Order => RecordKind::Order,
            Kind::Schedule => RecordKind::Schedule,
            Kind::Invoice => RecordKind::Invoice,
        }
    }

    pub fn folder(self) -> &'static str {
        match self {
            Kind::Minutes => "minutes",
            Kind::Order => "orders",
            Kind::Schedule => "schedules",
            Kind::Invoice => "invoices",
        }
    }

    /// The stages a record of this type is signed for.
    pub fn stages(self) -> &'static [&'static str] {
        match self {
            Kind::Order => &["approved", "delivered"],
            Kind::Schedule => &["agreed"],
            Kind::Minutes => &["confirmed"],
            Kind::Invoice => &["approved"],
        }
    }
}

/// The people and numbers a generated record may name.
#[derive(Clone, Debug, Default)]
pub struct Names {
    pub staff: Vec<String>,
    pub contacts: Vec<String>,
    pub orders: Vec<String>,
    pub invoices: Vec<String>,
}

/// Staff ids and names the generators draw from.
pub const STAFF: &[(&str, &str, &str)] = &[
    ("qian.hao", "Qian Hao", "ae"),
    ("du.mei", "Du Mei", "account_director"),
    ("lu.zhiyuan", "Lu Zhiyuan", "creative"),
    ("bai.jun", "Bai Jun", "production"),
    ("kong.lihua", "Kong Lihua", "finance"),
];

const TEXTS: &[&str] = &[
    "Kick-off",
    "Launch campaign, phase 2",
    "TVC shoot: day one",
    "青山 牧场 visit",
    "Review # not a comment",
    "a: b",
    "- dash",
    "'quoted'",
    "Solenne",
    "Qingshan Dairy",
    "WO-2026-0001",
    "",
];
const JUNK: &[&str] = &[
    "~",
    "null",
    "[]",
    "{}",
    "[1, 2",
    "{ a: b",
    "&a x",
    "*a",
    "!!str x",
    "!!binary x",
    "|\n  x",
    ">-",
    "yes",
    "0x1F",
    "1e3",
    ".inf",
    "2026-02-30",
    "1h90m",
    "-5",
    "\"unterminated",
    "'a''b'",
    "@x",
    "`x`",
    "%x",
    "? x",
    ": x",
    "<<: *a",
];

/// A text value from the samples or the input, quoted so that it reads back as text.
pub fn text(c: &mut Choose, mode: Mode) -> Node {
    let t = if c.chance(70) {
        c.pick(TEXTS).to_string()
    } else {
        c.line(40)
    };
    let t = if mode == Mode::Valid {
        printable(&t)
    } else {
        t
    };
    quote(c, &t, mode)
}

/// `t` plain, single- or double-quoted; in `Mode::Valid` only in a form that reads back
/// as the same text.
pub fn quote(c: &mut Choose, t: &str, mode: Mode) -> Node {
    match c.int(0, 3) {
        0 if mode == Mode::Any || is_plain_safe(t) => raw(t),
        1 if !t.contains('\t') || mode == Mode::Any => raw(single(t)),
        _ => raw(double(t)),
    }
}

/// A value of the wrong kind or form, for `Mode::Any`.
fn junk(c: &mut Choose) -> Node {
    match c.int(0, 3) {
        0 => raw(c.pick(JUNK)),
        1 => Node::List(vec![raw("a"), raw("b")], Style::Flow),
        2 => Node::Map(vec![("x".into(), raw("1"))], Style::Block),
        _ => raw(c.line(16)),
    }
}

/// `good`, or in `Mode::Any` sometimes something else.
fn or_junk(c: &mut Choose, mode: Mode, good: Node) -> Node {
    if mode == Mode::Any && c.chance(8) {
        junk(c)
    } else {
        good
    }
}

fn style(c: &mut Choose) -> Style {
    if c.chance(50) {
        Style::Flow
    } else {
        Style::Block
    }
}

fn person(c: &mut Choose, names: &Names, mode: Mode) -> Node {
    let mut pool: Vec<&str> = names.staff.iter().map(String::as_str).collect();
    pool.extend(names.contacts.iter().map(String::as_str));
    if pool.is_empty() || (mode == Mode::Any && c.chance(10)) {
        return raw(c.pick(&["nobody", "qian.hau", "harbor.lin", "x"]));
    }
    raw(c.pick(&pool))
}

fn staff(c: &mut Choose, names: &Names, mode: Mode) -> Node {
    if names.staff.is_empty() || (mode == Mode::Any && c.chance(10)) {
        return person(c, names, mode);
    }
    raw(c.pick(&names.staff))
}

fn people(c: &mut Choose, names: &Names, mode: Mode, staff_only: bool) -> Node {
    let n = c.int(0, 3);
    let items = (0..n)
        .map(|_| {
            if staff_only {
                staff(c, names, mode)
            } else {
                person(c, names, mode)
            }
        })
        .collect();
    Node::List(items, style(c))
}

fn date(c: &mut Choose, mode: Mode) -> Node {
    let d = c.date();
    let d = if mode == Mode::Valid && docket::internals::model::values::parse_date(&d).is_err() {
        "2026-11-09".to_string()
    } else {
        d
    };
    if c.chance(10) {
        raw(double(&d))
    } else {
        raw(d)
    }
}

fn when(c: &mut Choose, mode: Mode) -> Node {
    if mode == Mode::Valid {
        return date(c, mode);
    }
    raw(c.when())
}

fn money(c: &mut Choose, mode: Mode) -> Node {
    let good = [
        "36000.00",
        "36000",
        "\"36,000.00\"",
        "12500.5",
        "0",
        "'1,200'",
        "99.99",
    ];
    let bad = ["36000.001", "-1", "1e3", "\"36.000,00\"", "abc", "0x10"];
    if mode == Mode::Any && c.chance(15) {
        raw(c.pick(&bad))
    } else {
        raw(c.pick(&good))
    }
}

fn currency(c: &mut Choose, mode: Mode) -> Node {
    if mode == Mode::Any && c.chance(15) {
        raw(c.pick(&["XYZ", "cny", "RMB", "12"]))
    } else {
        raw(c.pick(&["CNY", "USD", "EUR", "JPY"]))
    }
}

fn choice(c: &mut Choose, mode: Mode, words: &[&str]) -> Node {
    if mode == Mode::Any && c.chance(8) {
        raw(c.pick(&["Draft", "unknown", "in progress", "done!"]))
    } else {
        raw(c.pick(words))
    }
}

fn texts(c: &mut Choose, mode: Mode) -> Node {
    let n = c.int(0, 3);
    Node::List((0..n).map(|_| text(c, mode)).collect(), style(c))
}

/// A mapping of fields, each present with the given chance (required ones always in
/// `Mode::Valid`).
struct Fields<'a, 'b> {
    c: &'a mut Choose<'b>,
    mode: Mode,
    out: Vec<(String, Node)>,
}

impl<'a, 'b> Fields<'a, 'b> {
    fn new(c: &'a mut Choose<'b>, mode: Mode) -> Self {
        Fields {
            c,
            mode,
            out: Vec::new(),
        }
    }

    fn required(&mut self, key: &str, value: impl FnOnce(&mut Choose<'b>, Mode) -> Node) {
        if self.mode == Mode::Any && self.c.chance(5) {
            return;
        }
        let v = value(self.c, self.mode);
        let v = or_junk(self.c, self.mode, v);
        self.out.push((key.to_string(), v));
    }

    fn optional(&mut self, key: &str, value: impl FnOnce(&mut Choose<'b>, Mode) -> Node) {
        if self.c.chance(50) {
            self.required(key, value);
        }
    }

    /// Unknown, misspelt and local fields, and comments, in `Mode::Any`; comments only
    /// in `Mode::Valid`.
    fn extras(&mut self) {
        if self.mode == Mode::Any && self.c.chance(20) {
            let key = self
                .c
                .pick(&["titel", "x-note", "colour", "type", "Title", "\"title\""]);
            let v = text(self.c, self.mode);
            self.out.push((key.to_string(), v));
        }
        if self.c.chance(20) {
            let at = self.c.int(0, self.out.len() as u32) as usize;
            let comment = printable(&self.c.line(20));
            self.out.insert(at, (String::new(), Node::Comment(comment)));
        }
    }

    fn map(mut self) -> Node {
        self.extras();
        let s = style(self.c);
        Node::Map(self.out, s)
    }

    fn done(mut self) -> Vec<(String, Node)> {
        self.extras();
        // Fields in another order now and then: the format does not fix one.
        if self.c.chance(20) && self.out.len() > 1 {
            let n = self.out.len() as u32 - 1;
            let (i, j) = (self.c.int(0, n) as usize, self.c.int(0, n) as usize);
            self.out.swap(i, j);
        }
        self.out
    }
}

fn actions(c: &mut Choose, names: &Names, mode: Mode, with_order: bool) -> Node {
    let n = c.int(0, 3);
    let mut items = Vec::new();
    for _ in 0..n {
        let mut f = Fields::new(c, mode);
        f.required("task", text);
        f.required("owner", |c, m| person(c, names, m));
        f.optional("due", date);
        f.optional("status", |c, m| choice(c, m, &["open", "done", "dropped"]));
        f.optional("done", date);
        if with_order {
            f.optional("order", |c, m| match names.orders.is_empty() {
                true => raw("WO-2026-0001"),
                false => {
                    let order = raw(c.pick(&names.orders));
                    or_junk(c, m, order)
                }
            });
        }
        items.push(f.map());
    }
    Node::List(items, style(c))
}

/// The fields of a client's `client.md`.
pub fn client(
    c: &mut Choose,
    names: &Names,
    contacts: &[(String, String)],
    mode: Mode,
) -> Vec<(String, Node)> {
    let mut f = Fields::new(c, mode);
    f.required("name", text);
    f.optional("aliases", texts);
    f.optional("brand_agent", |c, _| raw(c.pick(&["true", "false"])));
    f.required("ae", |c, m| staff(c, names, m));
    f.optional("supervisor", |c, m| staff(c, names, m));
    f.optional("status", |c, m| {
        choice(c, m, &["active", "paused", "former"])
    });
    f.optional("since", date);
    f.optional("portal", |c, _| raw(c.pick(&["true", "false"])));
    if !contacts.is_empty() {
        let s = style(f.c);
        let list = contacts
            .iter()
            .map(|(id, name)| {
                let mut e = Fields::new(f.c, mode);
                e.required("id", |_, _| raw(id.clone()));
                e.required("name", |c, m| quote(c, name, m));
                e.optional("role", text);
                e.optional("email", |_, _| raw(format!("{id}@client.example")));
                e.optional("phone", |_, _| raw("\"+86 21 5298 6610\""));
                e.optional("can_sign", |c, _| raw(c.pick(&["true", "false"])));
                e.map()
            })
            .collect();
        f.out.push(("contacts".into(), Node::List(list, s)));
    }
    f.done()
}

/// The fields of a record of `kind` (without `signoffs`, which the callers write).
pub fn fields(
    c: &mut Choose,
    kind: Kind,
    names: &Names,
    number: &str,
    mode: Mode,
) -> Vec<(String, Node)> {
    let mut f = Fields::new(c, mode);
    if f.c.chance(10) {
        let word = match kind {
            Kind::Minutes => "minutes",
            Kind::Order => "order",
            Kind::Schedule => "schedule",
            Kind::Invoice => "invoice",
        };
        let word = if mode == Mode::Any && f.c.chance(30) {
            "order"
        } else {
            word
        };
        f.out.push(("type".into(), raw(word)));
    }
    match kind {
        Kind::Minutes => {
            let meeting =
                f.c.pick(&["client", "internal", "call", "visit", "proposal"]);
            f.required("kind", |c, m| or_junk(c, m, raw(meeting)));
            f.required("title", text);
            f.required("date", when);
            f.optional("duration", |c, m| match m {
                Mode::Valid => raw(c.pick(&["45m", "1h", "1h30m", "90m"])),
                Mode::Any => raw(c.pick(&["45m", "1h", "1h30m", "0m", "25h", "1.5h", "h"])),
            });
            f.optional("place", text);
            f.optional("invited", |c, m| people(c, names, m, false));
            f.optional("attended", |c, m| people(c, names, m, false));
            f.optional("decisions", texts);
            f.optional("actions", |c, m| actions(c, names, m, false));
            if meeting == "internal" || f.c.chance(20) {
                f.required("conclusion", text);
            }
            if meeting == "proposal" || f.c.chance(10) {
                f.optional("proposal", |c, m| {
                    let mut p = Fields::new(c, m);
                    p.optional("content", text);
                    p.optional("equipment", text);
                    p.optional("strategy", text);
                    p.optional("outline_sent", |c, m| match c.chance(70) {
                        true => date(c, m),
                        false => raw(c.pick(&["false", "true"])),
                    });
                    p.optional("review", |c, m| {
                        let mut r = Fields::new(c, m);
                        r.optional("goal_met", |c, _| raw(c.pick(&["true", "false"])));
                        r.optional("notes", text);
                        r.optional("problem", text);
                        r.map()
                    });
                    p.map()
                });
            }
            f.optional("visibility", |c, m| choice(c, m, &["client", "internal"]));
        }
        Kind::Order => {
            f.required("number", |c, m| or_junk(c, m, raw(number)));
            f.required("kind", |c, m| {
                choice(
                    c,
                    m,
                    &[
                        "creative",
                        "research",
                        "media",
                        "production",
                        "event",
                        "other",
                    ],
                )
            });
            f.required("title", text);
            f.required("requested", date);
            f.optional("due", date);
            f.optional("team", |c, m| people(c, names, m, true));
            f.optional("deliverables", texts);
            f.optional("budget", |c, m| {
                let mut b = Fields::new(c, m);
                b.required("amount", money);
                b.optional("currency", currency);
                b.map()
            });
            f.optional("costs", |c, m| {
                let n = c.int(0, 2);
                let mut items = Vec::new();
                for _ in 0..n {
                    let mut e = Fields::new(c, m);
                    e.required("item", text);
                    e.optional("vendor", text);
                    e.required("amount", money);
                    items.push(e.map());
                }
                Node::List(items, style(c))
            });
            f.optional("status", |c, m| {
                choice(
                    c,
                    m,
                    &[
                        "draft",
                        "approved",
                        "in_progress",
                        "delivered",
                        "closed",
                        "cancelled",
                    ],
                )
            });
            f.optional("attachments", |c, m| {
                let good = [
                    "../files/brief.pdf",
                    "../files/plan.csv",
                    "../files/missing.pdf",
                ];
                let bad = [
                    "../../other/files/x.pdf",
                    "/etc/passwd",
                    "../files/../../../x",
                    "files\\x",
                ];
                let n = c.int(0, 2);
                let items = (0..n)
                    .map(|_| match m == Mode::Any && c.chance(30) {
                        true => raw(c.pick(&bad)),
                        false => raw(c.pick(&good)),
                    })
                    .collect();
                Node::List(items, style(c))
            });
        }
        Kind::Schedule => {
            // Every field of a timetable is optional; one is needed for a front matter.
            match mode {
                Mode::Valid => f.required("title", text),
                Mode::Any => f.optional("title", text),
            }
            f.optional("from", date);
            f.optional("to", date);
            f.optional("status", |c, m| choice(c, m, &["draft", "agreed"]));
            f.optional("items", |c, m| actions(c, names, m, true));
        }
        Kind::Invoice => {
            f.required("number", |c, m| or_junk(c, m, raw(number)));
            f.optional("orders", |c, m| {
                let n = c.int(0, 2);
                let items = (0..n)
                    .map(
                        |_| match names.orders.is_empty() || (m == Mode::Any && c.chance(20)) {
                            true => raw("WO-2026-0999"),
                            false => raw(c.pick(&names.orders)),
                        },
                    )
                    .collect();
                Node::List(items, style(c))
            });
            f.optional("issued", date);
            f.optional("due", date);
            f.optional("lines", |c, m| {
                let n = c.int(0, 3);
                let mut items = Vec::new();
                for _ in 0..n {
                    let mut e = Fields::new(c, m);
                    e.required("description", text);
                    e.required("amount", money);
                    items.push(e.map());
                }
                Node::List(items, style(c))
            });
            f.optional("currency", currency);
            f.optional("paid", |c, m| {
                let one = |c: &mut Choose, m: Mode| {
                    let mut p = Fields::new(c, m);
                    p.required("date", date);
                    p.required("amount", money);
                    p.optional("ref", text);
                    p.map()
                };
                match c.chance(50) {
                    true => one(c, m),
                    false => {
                        let n = c.int(0, 2);
                        let items = (0..n).map(|_| one(c, m)).collect();
                        Node::List(items, style(c))
                    }
                }
            });
        }
    }
    f.done()
}

/// Pieces of Markdown bodies: headings (internal ones among them), links inside and
/// outside the client's folder, tables, raw HTML, other clients' names.
pub const BODY_PARTS: &[&str] = &[
    "# Notes\n",
    "## Internal\nMargins are thin.\n",
    "## 内部\n成本\n",
    "### Next steps\n- [ ] call back\n- [x] send deck\n",
    "See [the brief](../files/brief.pdf).\n",
    "[plan](../files/plan.csv#sheet) and ![chart](../files/chart.png)\n",
    "[gone](../files/missing.pdf) [out](../../other/files/x.pdf) [abs](/etc/passwd)\n",
    "[web](https://example.com) <mailto:a@b.example>\n",
    "| a | b |\n|:--|--:|\n| 1 | 2 |\n",
    "<a href=\"javascript:alert(1)\">x</a> <script>alert(1)</script>\n",
    "Qingshan Dairy and Solenne were both mentioned. 青山\n",
    "WO-2026-0002 and INV-2026-0001\n",
    "---\n",
    "Footnote[^1].\n\n[^1]: The note.\n",
    "```\ncode: block\n---\n```\n",
    "\r\n",
];

/// A body: pieces from [`BODY_PARTS`] and text from the input.
pub fn body(c: &mut Choose) -> String {
    let mut out = String::new();
    let n = c.int(0, 4);
    for _ in 0..n {
        if c.chance(70) {
            out.push_str(c.pick(BODY_PARTS));
        } else {
            out.push_str(&c.text(80));
            out.push('\n');
        }
    }
    out
}
