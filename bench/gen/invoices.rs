//! Invoices (`clients/<id>/invoices/`): which orders they bill, how much, and their
//! payments.

use std::collections::{BTreeMap, HashMap};

use crate::dates::{Day, ds, last_day, today, weekday, year_of};
use crate::die;
use crate::model::{Act, Ctx, Ev, Gen, Kind, Meta, NONE, PEntry, Rec};
use crate::orders::OrderPlan;
use crate::text::{money_node, round100, staff_id};
use crate::words::{DELIVERABLES, FINANCE};
use crate::yaml::{Node, get, r, t};

impl Gen {
    pub fn invoices(&mut self, plans: &[OrderPlan], target: usize) -> usize {
        // An invoice to be: its issue day, the plans of the orders it bills, and what it is.
        struct Cand {
            day: Day,
            orders: Vec<usize>,
            kind: u8, // 0 deposit, 1 final, 2 interim
        }
        let mut finals = Vec::new();
        let mut deposits = Vec::new();
        let mut interims = Vec::new();
        for (pi, p) in plans.iter().enumerate() {
            if p.cancelled {
                continue;
            }
            let Some(a) = p.approved else { continue };
            if let Some(d) = p.delivered {
                let day = weekday(d + self.rng.range(1, 15) as i32).max(d);
                if day <= last_day() {
                    finals.push(Cand {
                        day,
                        orders: vec![pi],
                        kind: 1,
                    });
                }
            }
            let day = weekday(a + self.rng.range(1, 7) as i32).max(a);
            if day <= last_day() && p.budget >= 100_000 && self.rng.chance(0.35) {
                deposits.push(Cand {
                    day,
                    orders: vec![pi],
                    kind: 0,
                });
            } else if day <= last_day() {
                interims.push(Cand {
                    day: (day + self.rng.range(7, 30) as i32)
                        .min(p.delivered.unwrap_or(last_day()).min(last_day())),
                    orders: vec![pi],
                    kind: 2,
                });
            }
        }
        // Now and then one invoice bills two orders of a client delivered close together.
        let mut merged: Vec<Cand> = Vec::new();
        let mut by_client: BTreeMap<usize, Vec<Cand>> = BTreeMap::new();
        for f in finals {
            by_client
                .entry(plans[f.orders[0]].client)
                .or_default()
                .push(f);
        }
        for (_, mut list) in by_client {
            list.sort_by_key(|f| f.day);
            let mut i = 0;
            while i < list.len() {
                if i + 1 < list.len()
                    && list[i + 1].day - list[i].day <= 15
                    && plans[list[i].orders[0]].budget > 0
                    && self.rng.chance(0.08)
                {
                    let next = list[i + 1].orders[0];
                    let day = list[i + 1].day;
                    let mut f = std::mem::replace(
                        &mut list[i],
                        Cand {
                            day: 0,
                            orders: Vec::new(),
                            kind: 1,
                        },
                    );
                    f.orders.push(next);
                    f.day = day;
                    merged.push(f);
                    i += 2;
                } else {
                    merged.push(std::mem::replace(
                        &mut list[i],
                        Cand {
                            day: 0,
                            orders: Vec::new(),
                            kind: 1,
                        },
                    ));
                    i += 1;
                }
            }
        }
        let mut cands: Vec<Cand> = merged;
        // Fit the count: drop deposits, then finals at random; or add interim invoices.
        self.rng.shuffle(&mut deposits);
        self.rng.shuffle(&mut interims);
        while cands.len() + deposits.len() > target && !deposits.is_empty() {
            deposits.pop();
        }
        if cands.len() > target {
            self.rng.shuffle(&mut cands);
            cands.truncate(target);
        }
        cands.extend(deposits);
        while cands.len() < target {
            match interims.pop() {
                Some(c) => cands.push(c),
                None => break,
            }
        }
        cands.sort_by_key(|c| (c.day, c.orders[0]));
        // Amounts per order: deposit and interim first, the final takes the rest.
        let mut share: HashMap<(usize, u8), i64> = HashMap::new();
        let mut has: BTreeMap<usize, Vec<u8>> = BTreeMap::new();
        for c in &cands {
            for &o in &c.orders {
                has.entry(o).or_default().push(c.kind);
            }
        }
        for (&o, kinds) in &has {
            let b = plans[o].budget as f64;
            let dep = if kinds.contains(&0) {
                round100(b * self.rng.range(30, 50) as f64 / 100.0)
            } else {
                0
            };
            let mid = if kinds.contains(&2) {
                round100(b * self.rng.range(15, 25) as f64 / 100.0)
            } else {
                0
            };
            let fin = if kinds.contains(&1) {
                let left = plans[o].budget - dep - mid;
                (round100(b * self.rng.range(85, 100) as f64 / 100.0) - dep - mid).clamp(100, left)
            } else {
                0
            };
            share.insert((o, 0), dep);
            share.insert((o, 2), mid);
            share.insert((o, 1), fin);
        }
        let mut seq: BTreeMap<i32, usize> = BTreeMap::new();
        let mut paid_by_order: HashMap<usize, (bool, Day)> = HashMap::new();
        let count = cands.len();
        for cand in cands {
            let y = year_of(cand.day);
            let s = seq.entry(y).or_insert(0);
            *s += 1;
            if *s > 9999 {
                die("more than 9999 invoices in one year; use fewer --records");
            }
            let number = format!("INV-{y}-{:04}", *s);
            let (full, last_paid) =
                self.invoice(plans, &cand.orders, cand.kind, cand.day, &number, &share);
            for &o in &cand.orders {
                let e = paid_by_order.entry(o).or_insert((true, 0));
                e.0 &= full;
                e.1 = e.1.max(last_paid);
            }
        }
        // Orders delivered, invoiced in full and paid are closed.
        for (pi, p) in plans.iter().enumerate() {
            let (Some(d), Some(&(full, paid))) = (p.delivered, paid_by_order.get(&pi)) else {
                continue;
            };
            if !full || !has.get(&pi).is_some_and(|k| k.contains(&1)) {
                continue;
            }
            let day = weekday(paid.max(d) + self.rng.range(0, 10) as i32).max(paid.max(d));
            if day <= last_day() {
                let ae = self.clients[p.client].ae;
                self.push_status(p.rec, day, 4, ae);
            }
        }
        count
    }

    /// Writes one invoice; returns whether it is paid in full, and the last payment day.
    fn invoice(
        &mut self,
        plans: &[OrderPlan],
        orders: &[usize],
        kind: u8,
        issued: Day,
        number: &str,
        share: &HashMap<(usize, u8), i64>,
    ) -> (bool, Day) {
        self.used.clear();
        let c = plans[orders[0]].client;
        let ri = self.recs.len();
        let numbers: Vec<String> = orders
            .iter()
            .map(|&o| {
                self.recs[plans[o].rec]
                    .meta
                    .number
                    .clone()
                    .unwrap_or_default()
            })
            .collect();
        let ctx = Ctx {
            client: Some(c),
            staff: vec![self.clients[c].ae],
            order: numbers.first().cloned(),
            ..Ctx::default()
        };
        let mut lines_node = Vec::new();
        let mut total = 0i64;
        for &o in orders {
            let amount = share.get(&(o, kind)).copied().unwrap_or(0).max(100);
            let title = match get(&self.recs[plans[o].rec].fields, "title") {
                Some(Node::T(s)) => s.clone(),
                _ => String::new(),
            };
            let parts = if amount >= 20_000 {
                self.rng.range(1, 3)
            } else {
                1
            };
            let mut left = amount;
            for i in 0..parts {
                let a = if i == parts - 1 {
                    left
                } else {
                    round100(left as f64 * self.rng.range(30, 60) as f64 / 100.0).min(left - 100)
                };
                left -= a;
                let desc = match (kind, i) {
                    (0, 0) => format!("{title}: deposit"),
                    (2, 0) => format!("{title}: interim payment"),
                    (_, 0) => title.clone(),
                    _ => {
                        let ds = self.rng.pick(DELIVERABLES);
                        self.fill(&ctx, ds)
                    }
                };
                let node = money_node(&mut self.rng, a);
                lines_node.push(Node::Map(vec![("description", t(desc)), ("amount", node)]));
            }
            total += amount;
        }
        let cur = self.clients[c].currency();
        let mut fields: Vec<(&'static str, Node)> = vec![
            ("number", r(number)),
            (
                "orders",
                Node::Flow(numbers.iter().map(|n| r(n.clone())).collect()),
            ),
            ("issued", r(ds(issued))),
        ];
        if cur != "CNY" || self.rng.chance(0.7) {
            fields.push(("currency", r(cur)));
        }
        fields.push(("lines", Node::Block(lines_node)));
        // Payments: anything due before today is paid in full.
        let due = issued + 45;
        let bank = if cur == "USD" {
            "SWIFT"
        } else {
            *self.rng.pick(&["ICBC", "CMB", "BOC", "CCB"])
        };
        let mut payments: Vec<(Day, i64)> = Vec::new();
        let roll = self.rng.below(100);
        let last = last_day();
        if due < today() || (roll >= 60 && issued + 10 <= last) {
            let p1 = (issued + self.rng.range(15, 60) as i32).clamp(issued, last);
            if self.rng.chance(0.3) && total >= 1000 {
                let half = round100(total as f64 * 0.5).min(total - 100);
                let p2 = (p1 + self.rng.range(5, 30) as i32).min(last);
                payments.push((p1, half));
                payments.push((p2, total - half));
            } else {
                payments.push((p1, total));
            }
        } else if roll >= 35 && issued + 5 <= last {
            let p1 = (issued + self.rng.range(5, 30) as i32).min(last);
            payments.push((p1, round100(total as f64 * 0.5).min(total - 100).max(0)));
        }
        payments.retain(|p| p.1 > 0);
        let paid_total: i64 = payments.iter().map(|p| p.1).sum();
        let full = paid_total >= total;
        let last_paid = payments.iter().map(|p| p.0).max().unwrap_or(0);
        if !payments.is_empty() {
            let mut list = Vec::new();
            for (d, a) in &payments {
                list.push(Node::Map(vec![
                    ("date", r(ds(*d))),
                    ("amount", r(format!("{a}.00"))),
                    (
                        "ref",
                        t(format!(
                            "{bank} {}-{}",
                            ds(*d).replace('-', ""),
                            self.rng.range(1000, 9999)
                        )),
                    ),
                ]));
            }
            fields.push(("paid", Node::Block(list)));
        }
        let mut lines = vec![format!(
            "{} for {}.",
            match kind {
                0 => "Deposit invoice",
                2 => "Interim invoice",
                _ => "Final invoice",
            },
            numbers.join(" and ")
        )];
        if self.rng.chance(0.4) {
            let s = self.sentence(&ctx);
            lines.push(String::new());
            lines.push(s);
        }
        if self.rng.chance(0.3) {
            self.internal_section(&ctx, &mut lines);
        }
        let ae = self.clients[c].ae;
        let path = format!("clients/{}/invoices/{number}.md", self.clients[c].id);
        self.events.push(Ev {
            day: issued,
            rec: ri,
            act: Act::Create,
            author: None,
            pref: ae,
        });
        let links: Vec<usize> = orders.iter().map(|&o| plans[o].rec).collect();
        for &l in &links {
            self.recs[l].meta.links.push(ri);
        }
        self.recs.push(Rec {
            client: Some(c),
            path,
            day: issued,
            label: number.to_string(),
            fields,
            lines,
            meta: Meta {
                number: Some(number.to_string()),
                links,
                issued,
                paid_full: full,
                has_paid: !payments.is_empty(),
                ..Meta::default()
            },
            ..Rec::blank(Kind::Invoice)
        });
        if self.rng.chance(0.35) {
            let f = *self.rng.pick(FINANCE);
            self.push_sign(
                ri,
                PEntry {
                    by: staff_id(f).to_string(),
                    stage: "approved",
                    via: None,
                    day: issued,
                },
                Some(f),
                f,
                NONE,
            );
        }
        (full, last_paid)
    }
}
