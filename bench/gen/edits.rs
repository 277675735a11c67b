//! The edits of the history: an older version of one part of a record, which an edit commit
//! changes to the next.

use crate::dates::{ds, weekday};
use crate::model::{Alt, Ctx, Gen, Kind};
use crate::text::money_node;
use crate::words::DECISIONS;
use crate::yaml::{Node, get, get_mut, r, t};

impl Gen {
    /// Gives `rec` an older version of one of its parts; returns what the edit changes.
    pub fn make_alt(&mut self, ri: usize) -> &'static str {
        let rec = &self.recs[ri];
        let ctx = Ctx {
            client: rec.client,
            staff: rec.meta.staff.clone(),
            order: rec.meta.number.clone(),
            ..Ctx::default()
        };
        let sentence_lines: Vec<usize> = rec
            .lines
            .iter()
            .enumerate()
            .filter(|(_, l)| {
                l.len() > 30 && !l.starts_with('#') && !l.starts_with('|') && !l.starts_with("- **")
            })
            .map(|(i, _)| i)
            .collect();
        let kind = rec.kind;
        let roll = self.rng.below(100);
        let has_paid = get(&rec.fields, "paid").is_some()
            && !rec.alts.iter().any(|a| matches!(a, Alt::Field("paid", _)));
        if kind == Kind::Invoice && has_paid && roll < 50 {
            self.recs[ri].alts.push(Alt::Field("paid", None));
            return "payment recorded";
        }
        if kind == Kind::Order && roll < 15 {
            let req = rec.meta.requested;
            let old = weekday(req + self.rng.range(14, 90) as i32).max(req + 7);
            self.recs[ri].alts.push(Alt::Field("due", Some(r(ds(old)))));
            return "due date";
        }
        if kind == Kind::Order && roll < 25 {
            if let Some(Node::Map(m)) = get(&rec.fields, "budget") {
                let mut m = m.clone();
                let old = self.rng.range(16, 1200) * 500;
                let node = money_node(&mut self.rng, old);
                if let Some(v) = get_mut(&mut m, "amount") {
                    *v = node;
                }
                self.recs[ri]
                    .alts
                    .push(Alt::Field("budget", Some(Node::Map(m))));
                return "budget";
            }
        }
        if matches!(kind, Kind::Minutes | Kind::Internal) && roll < 20 {
            if let Some(Node::Block(d)) = get(&rec.fields, "decisions") {
                let mut d = d.clone();
                if d.len() > 1 && self.rng.chance(0.5) {
                    d.pop();
                } else {
                    let tpl = *self.rng.pick(DECISIONS);
                    let s = self.fill(&ctx, tpl);
                    let i = self.rng.below(d.len());
                    d[i] = t(s);
                }
                self.recs[ri]
                    .alts
                    .push(Alt::Field("decisions", Some(Node::Block(d))));
                return "decisions";
            }
        }
        if kind == Kind::Schedule && roll < 30 {
            if let Some(Node::Block(items)) = get(&rec.fields, "items") {
                let mut items = items.clone();
                if items.len() > 3 {
                    items.pop();
                    self.recs[ri]
                        .alts
                        .push(Alt::Field("items", Some(Node::Block(items))));
                    return "items";
                }
            }
        }
        if !sentence_lines.is_empty() && roll < 85 {
            let i = *self.rng.pick(&sentence_lines);
            let line = &self.recs[ri].lines[i];
            let prefix = if line.starts_with("- ") { "- " } else { "" };
            let s = self.sentence(&ctx);
            self.recs[ri]
                .alts
                .push(Alt::Line(i, format!("{prefix}{s}")));
            return "wording";
        }
        let title = match get(&self.recs[ri].fields, "title") {
            Some(Node::T(s)) => s.clone(),
            _ => String::new(),
        };
        let old = format!("{title} (draft)");
        self.recs[ri].alts.push(Alt::Field("title", Some(t(old))));
        "title"
    }
}
