//! Work orders (`clients/<id>/orders/`) with their approval and delivery sign-offs.

use std::collections::BTreeMap;

use crate::dates::{Day, ds, last_day, weekday, year_of};
use crate::die;
use crate::model::{Act, Ctx, Ev, Gen, Kind, Meta, NONE, ORDER_STATUS, PEntry, Rec};
use crate::text::{money_node, round100, staff_id};
use crate::words::{CAMPAIGNS, COST_ITEMS, DELIVERABLES, ORDER_KINDS, TEAMABLE, THINGS, VENDORS};
use crate::yaml::{Node, r, t};

pub struct OrderPlan {
    pub rec: usize,
    pub client: usize,
    pub budget: i64,
    pub approved: Option<Day>,
    pub delivered: Option<Day>,
    pub cancelled: bool,
}

impl Gen {
    pub fn orders(&mut self, n: usize) -> Vec<OrderPlan> {
        let mut skel: Vec<(Day, usize, usize)> = (0..n)
            .map(|i| {
                let c = self.pick_client();
                (self.client_day(c, 1), c, i)
            })
            .collect();
        skel.sort_unstable();
        let mut seq: BTreeMap<i32, usize> = BTreeMap::new();
        let mut plans = Vec::new();
        for (req, c, _) in skel {
            let y = year_of(req);
            let s = seq.entry(y).or_insert(0);
            *s += 1;
            if *s > 9999 {
                die("more than 9999 work orders in one year; use fewer --records");
            }
            let number = format!("WO-{y}-{:04}", *s);
            plans.push(self.order(c, req, number));
        }
        plans
    }

    fn order(&mut self, c: usize, req: Day, number: String) -> OrderPlan {
        self.used.clear();
        let ri = self.recs.len();
        let rng = &mut self.rng;
        let kind = *rng.pick(ORDER_KINDS);
        let title = format!("{} {}", rng.pick(CAMPAIGNS), rng.pick(THINGS));
        let due = weekday(req + rng.range(14, 100) as i32).max(req + 10);
        let ae = self.clients[c].ae;
        let mut team = vec![ae];
        let others = if rng.chance(0.3) { 2 } else { 1 };
        for i in rng.sample(TEAMABLE.len(), others) {
            team.push(TEAMABLE[i]);
        }
        let budget = if self.clients[c].usd {
            rng.range(16, 900) * 100
        } else {
            rng.range(16, 1200) * 500
        };
        let ctx = Ctx {
            client: Some(c),
            staff: team.clone(),
            order: Some(number.clone()),
            ..Ctx::default()
        };
        let mut deliverables = Vec::new();
        for i in self.rng.sample_between(DELIVERABLES.len(), 2, 4) {
            let d = self.fill(&ctx, DELIVERABLES[i]);
            deliverables.push(t(d));
        }
        let cur = self.clients[c].currency();
        let mut fields: Vec<(&'static str, Node)> = vec![
            ("number", r(number.clone())),
            ("kind", r(kind)),
            ("title", t(title.clone())),
            ("requested", r(ds(req))),
            ("due", r(ds(due))),
            (
                "team",
                Node::Flow(team.iter().map(|&s| r(staff_id(s))).collect()),
            ),
            ("deliverables", Node::Block(deliverables)),
        ];
        let b = money_node(&mut self.rng, budget);
        fields.push((
            "budget",
            Node::Map(vec![("amount", b), ("currency", r(cur))]),
        ));
        if self.rng.chance(0.6) {
            let mut costs = Vec::new();
            let mut left = budget * 6 / 10;
            for i in self.rng.sample_between(COST_ITEMS.len(), 1, 3) {
                let amount = round100(left as f64 * self.rng.range(15, 50) as f64 / 100.0);
                if amount >= left {
                    break;
                }
                left -= amount;
                let vendor = *self.rng.pick(VENDORS);
                let a = money_node(&mut self.rng, amount);
                costs.push(Node::Map(vec![
                    ("item", t(COST_ITEMS[i])),
                    ("vendor", t(vendor)),
                    ("amount", a),
                ]));
            }
            if !costs.is_empty() {
                fields.push(("costs", Node::Block(costs)));
            }
        }
        fields.push(("status", r("draft")));
        let files = self.brief(&ctx, c, &number, &title, &mut fields);
        let contact = self.clients[c].contacts[0].name.clone();
        let mut lines = vec![
            format!("# {title}"),
            String::new(),
            format!(
                "{contact} asked for this in the briefing. {}",
                self.sentence(&ctx)
            ),
            String::new(),
            "## Scope".to_string(),
        ];
        for _ in 0..2 {
            let s = self.sentence(&ctx);
            lines.push(format!("- {s}"));
        }
        if self.rng.chance(0.5) {
            lines.push(String::new());
            lines.push("## Timing".to_string());
            let s = self.sentence(&ctx);
            lines.push(s);
        }
        if self.rng.chance(0.7) {
            self.internal_section(&ctx, &mut lines);
        }
        let path = format!("clients/{}/orders/{number}.md", self.clients[c].id);
        self.events.push(Ev {
            day: req,
            rec: ri,
            act: Act::Create,
            author: None,
            pref: ae,
        });
        self.clients[c].orders.push(ri);
        self.recs.push(Rec {
            client: Some(c),
            path,
            day: req,
            label: number.clone(),
            fields,
            lines,
            status_names: ORDER_STATUS,
            status_final: 0,
            files,
            meta: Meta {
                number: Some(number),
                requested: req,
                due,
                staff: team.clone(),
                ..Meta::default()
            },
            ..Rec::blank(Kind::Order)
        });
        let mut plan = OrderPlan {
            rec: ri,
            client: c,
            budget,
            approved: None,
            delivered: None,
            cancelled: false,
        };
        self.order_signoffs(&mut plan, req, due, &team);
        plan
    }

    fn order_signoffs(&mut self, plan: &mut OrderPlan, req: Day, due: Day, team: &[u8]) {
        let ri = plan.rec;
        let c = plan.client;
        let ae = self.clients[c].ae;
        let approve = weekday(req + self.rng.range(1, 7) as i32).max(req);
        if self.rng.chance(0.04) {
            let day = req + self.rng.range(3, 20) as i32;
            if day <= last_day() {
                self.push_status(ri, day, 5, ae);
                plan.cancelled = true;
            }
            return;
        }
        if approve > last_day() {
            return;
        }
        let staff = match self.rng.below(10) {
            0..=6 => ae,
            7 | 8 => self.clients[c].sup,
            _ => team[team.len() - 1],
        };
        self.push_sign(
            ri,
            PEntry {
                by: staff_id(staff).to_string(),
                stage: "approved",
                via: None,
                day: approve,
            },
            Some(staff),
            ae,
            1,
        );
        let (who, via) = self.contact_via(c);
        let cday = (approve + self.rng.range(0, 3) as i32).min(last_day());
        self.push_sign(
            ri,
            PEntry {
                by: who,
                stage: "approved",
                via: Some(via),
                day: cday,
            },
            None,
            ae,
            1,
        );
        plan.approved = Some(cday);
        if self.rng.chance(0.03) {
            let day = cday + self.rng.range(5, 40) as i32;
            if day <= last_day() {
                self.push_status(ri, day, 5, ae);
                plan.cancelled = true;
                return;
            }
        }
        let delivered = weekday(due + self.rng.range(0, 5) as i32).max(cday + 1);
        let ip = (cday + self.rng.range(2, 10) as i32)
            .min(delivered - 1)
            .max(cday);
        if ip <= last_day() {
            self.push_status(ri, ip, 2, ae);
        }
        if delivered + 1 > last_day() {
            return;
        }
        let mut last = delivered;
        let mut members = team.to_vec();
        members.sort_unstable();
        members.dedup();
        for m in members {
            let d = (delivered + self.rng.range(0, 2) as i32).min(last_day());
            last = last.max(d);
            self.push_sign(
                ri,
                PEntry {
                    by: staff_id(m).to_string(),
                    stage: "delivered",
                    via: None,
                    day: d,
                },
                Some(m),
                ae,
                NONE,
            );
        }
        let (who, via) = self.contact_via(c);
        let d = (last + self.rng.range(0, 4) as i32).min(last_day());
        self.push_sign(
            ri,
            PEntry {
                by: who,
                stage: "delivered",
                via: Some(via),
                day: d,
            },
            None,
            ae,
            3,
        );
        plan.delivered = Some(d);
    }
}
