//! Shared text helpers: amounts, staff names, slugs, and sentences filled in from
//! templates.

use crate::model::{Ctx, Gen};
use crate::rng::Rng;
use crate::words::{
    ADJ, AES, CAMPAIGNS, CHANNELS, CITIES, CJK_SNIPPETS, DAYS, INTERNAL_REMARKS, NOUN, PRODUCTS,
    SEASONS, SENTENCES, STAFF, THINGS, VENDORS,
};
use crate::yaml::{Node, r};

pub fn grouped(n: i64) -> String {
    let digits = n.abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// An amount in whole units, written in one of the three styles AEs use.
pub fn money_node(rng: &mut Rng, n: i64) -> Node {
    match rng.below(3) {
        0 => r(n.to_string()),
        1 => r(format!("{n}.00")),
        _ => Node::Q(format!("{}.00", grouped(n))),
    }
}

pub fn round100(x: f64) -> i64 {
    ((x / 100.0).round() as i64 * 100).max(100)
}

pub fn staff_name(i: u8) -> &'static str {
    STAFF[i as usize].1
}

pub fn staff_id(i: u8) -> &'static str {
    STAFF[i as usize].0
}

pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.len() > 48 {
        let cut = out[..48].rfind('-').unwrap_or(48);
        out.truncate(cut);
    }
    if out.is_empty() {
        out.push_str("record");
    }
    out
}

pub fn cap(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

impl Gen {
    pub fn fill(&mut self, ctx: &Ctx, tpl: &str) -> String {
        let mut out = String::with_capacity(tpl.len() + 32);
        let mut rest = tpl;
        let mut staff_used: Option<u8> = None;
        let mut ch_used: Option<&str> = None;
        let mut city_used: Option<&str> = None;
        while let Some(i) = rest.find('{') {
            out.push_str(&rest[..i]);
            let Some(j) = rest[i..].find('}') else {
                break;
            };
            let key = &rest[i + 1..i + j];
            rest = &rest[i + j + 1..];
            let rng = &mut self.rng;
            match key {
                "c" => {
                    let name = match ctx.client {
                        Some(ci) => {
                            let c = &self.clients[ci];
                            let k = if ctx.contacts.is_empty() {
                                rng.below(c.contacts.len())
                            } else {
                                *rng.pick(&ctx.contacts)
                            };
                            c.contacts[k].name.clone()
                        }
                        None => staff_name(*rng.pick(AES)).to_string(),
                    };
                    out.push_str(&name);
                }
                "s" | "s2" => {
                    let mut s = if ctx.staff.is_empty() || rng.chance(0.2) {
                        rng.below(STAFF.len()) as u8
                    } else {
                        *rng.pick(&ctx.staff)
                    };
                    if Some(s) == staff_used {
                        s = ((s as usize + 1 + rng.below(STAFF.len() - 1)) % STAFF.len()) as u8;
                    }
                    staff_used = Some(s);
                    out.push_str(staff_name(s));
                }
                "ch" | "ch2" => {
                    let mut ch = *rng.pick(CHANNELS);
                    while Some(ch) == ch_used {
                        ch = *rng.pick(CHANNELS);
                    }
                    ch_used = Some(ch);
                    out.push_str(ch);
                }
                "city" | "city2" => {
                    let mut c = *rng.pick(CITIES);
                    while Some(c) == city_used {
                        c = *rng.pick(CITIES);
                    }
                    city_used = Some(c);
                    out.push_str(c);
                }
                "adj" => out.push_str(rng.word(ADJ)),
                "noun" => out.push_str(rng.word(NOUN)),
                "thing" => out.push_str(rng.word(THINGS)),
                "camp" => out.push_str(rng.word(CAMPAIGNS)),
                "season" => out.push_str(rng.word(SEASONS)),
                "vendor" => out.push_str(rng.word(VENDORS)),
                "day" => out.push_str(rng.word(DAYS)),
                "wd" => out.push_str(rng.word(&DAYS[..5])),
                "cjk" => out.push_str(rng.word(CJK_SNIPPETS)),
                "updown" => out.push_str(if rng.chance(0.5) { "above" } else { "below" }),
                "pct" => out.push_str(&rng.range(3, 40).to_string()),
                "n" => out.push_str(&rng.range(2, 9).to_string()),
                "k" => out.push_str(&rng.range(3, 60).to_string()),
                "money" => {
                    let cur = ctx
                        .client
                        .map(|c| self.clients[c].currency())
                        .unwrap_or("CNY");
                    let n = rng.range(2, 90) * 5000;
                    out.push_str(&format!("{cur} {}", grouped(n)));
                }
                "wo" => match &ctx.order {
                    Some(o) => out.push_str(o),
                    None => out.push_str("the current work order"),
                },
                "prod" => {
                    let p = match ctx.client {
                        Some(c) => *rng.pick(PRODUCTS[self.clients[c].industry]),
                        None => "the new range",
                    };
                    out.push_str(p);
                }
                "client" => {
                    let name = match ctx.client {
                        Some(c) => self.clients[c].name.clone(),
                        None => self.clients[rng.below(self.clients.len())].name.clone(),
                    };
                    out.push_str(&name);
                }
                other => out.push_str(other),
            }
        }
        out.push_str(rest);
        cap(&out)
    }

    /// A sentence from a template this record has not used yet (while any are left).
    pub fn sentence(&mut self, ctx: &Ctx) -> String {
        let mut i = self.rng.below(SENTENCES.len());
        for _ in 0..8 {
            if !self.used.contains(&i) {
                break;
            }
            i = self.rng.below(SENTENCES.len());
        }
        self.used.push(i);
        self.fill(ctx, SENTENCES[i])
    }

    pub fn paragraph(&mut self, ctx: &Ctx, n: usize) -> String {
        let mut out = Vec::new();
        for _ in 0..n {
            out.push(self.sentence(ctx));
        }
        out.join(" ")
    }

    pub fn internal_section(&mut self, ctx: &Ctx, lines: &mut Vec<String>) {
        lines.push(String::new());
        lines.push(if self.rng.chance(0.12) {
            "## 内部".to_string()
        } else {
            "## Internal".to_string()
        });
        let n = self.rng.range(1, 2) as usize;
        for _ in 0..n {
            let tpl = *self.rng.pick(INTERNAL_REMARKS);
            let s = self.fill(ctx, tpl);
            lines.push(format!("- {s}"));
        }
    }
}
