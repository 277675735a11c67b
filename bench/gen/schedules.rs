//! Timetables (`clients/<id>/schedules/`) for work orders, with their `agreed` sign-offs.

use crate::dates::{Day, ds, last_day, today, weekday, year_of};
use crate::model::{Act, Ctx, Ev, Gen, Kind, Meta, NONE, PEntry, Rec, SCHEDULE_STATUS};
use crate::orders::OrderPlan;
use crate::text::{slug, staff_id};
use crate::words::ITEM_TASKS;
use crate::yaml::{Node, get, r, t};

impl Gen {
    pub fn timetables(&mut self, plans: &[OrderPlan], n: usize) -> usize {
        let mut pool: Vec<usize> = (0..plans.len()).filter(|&i| !plans[i].cancelled).collect();
        self.rng.shuffle(&mut pool);
        pool.truncate(n);
        pool.sort_unstable();
        for &pi in &pool {
            self.timetable(&plans[pi]);
        }
        pool.len()
    }

    fn timetable(&mut self, p: &OrderPlan) {
        self.used.clear();
        let c = p.client;
        let o = &self.recs[p.rec];
        let number = o.meta.number.clone().unwrap_or_default();
        let (req, due) = (o.meta.requested, o.meta.due);
        let team = o.meta.staff.clone();
        let otitle = match get(&o.fields, "title") {
            Some(Node::T(s)) => s.clone(),
            _ => String::new(),
        };
        let from = (req + self.rng.range(0, 3) as i32).min(last_day());
        let to = (due + self.rng.range(5, 20) as i32).max(from + 14);
        let title = if self.rng.chance(0.5) {
            format!("{otitle} timetable")
        } else {
            format!("{otitle} countdown")
        };
        let folder = format!("clients/{}/schedules", self.clients[c].id);
        let base = format!("{folder}/{}-{}", slug(&title), year_of(from));
        let mut path = format!("{base}.md");
        let mut k = 2;
        while self.paths.contains(&path) {
            path = format!("{base}-{k}.md");
            k += 1;
        }
        self.paths.insert(path.clone());
        let n = self.rng.range(4, 7) as usize;
        let mut dues: Vec<Day> = (0..n)
            .map(|_| {
                let d = from + self.rng.range(0, i64::from(to - from)) as i32;
                weekday(d).clamp(from, to)
            })
            .collect();
        dues.sort_unstable();
        let mut tasks = self.rng.sample(ITEM_TASKS.len(), n);
        tasks.sort_unstable();
        let owners: Vec<String> = team
            .iter()
            .map(|&s| staff_id(s).to_string())
            .chain(self.clients[c].contacts.iter().map(|ct| ct.id.clone()))
            .collect();
        let mut items = Vec::new();
        for (i, &due) in dues.iter().enumerate() {
            let mut m = vec![
                ("task", t(ITEM_TASKS[tasks[i]])),
                ("owner", r(self.rng.pick(&owners).clone())),
                ("due", r(ds(due))),
            ];
            if due < today() {
                if self.rng.chance(0.95) {
                    let done = (due + self.rng.range(-2, 2) as i32).clamp(from, last_day());
                    m.push(("status", r("done")));
                    m.push(("done", r(ds(done))));
                } else {
                    m.push(("status", r("dropped")));
                }
            } else {
                m.push(("status", r("open")));
            }
            if self.rng.chance(0.85) {
                m.push(("order", r(number.clone())));
            }
            items.push(Node::Map(m));
        }
        let fields: Vec<(&'static str, Node)> = vec![
            ("title", t(title.clone())),
            ("from", r(ds(from))),
            ("to", r(ds(to))),
            ("status", r("draft")),
            ("items", Node::Block(items)),
        ];
        let ctx = Ctx {
            client: Some(c),
            staff: team.clone(),
            order: Some(number.clone()),
            ..Ctx::default()
        };
        let s = self.sentence(&ctx);
        let mut lines = vec![
            format!("# {title}"),
            String::new(),
            format!("Dates for [{number}](../orders/{number}.md). {s}"),
        ];
        if self.rng.chance(0.5) {
            let p = self.paragraph(&ctx, 2);
            lines.push(String::new());
            lines.push(p);
        }
        let ri = self.recs.len();
        let ae = self.clients[c].ae;
        self.recs[p.rec].meta.links.push(ri);
        self.events.push(Ev {
            day: from,
            rec: ri,
            act: Act::Create,
            author: None,
            pref: ae,
        });
        let label = format!(
            "timetable {}",
            path.rsplit('/')
                .next()
                .unwrap_or("")
                .trim_end_matches(".md")
        );
        self.recs.push(Rec {
            client: Some(c),
            path,
            day: from,
            label,
            fields,
            lines,
            status_names: SCHEDULE_STATUS,
            status_final: 0,
            meta: Meta {
                links: vec![p.rec],
                requested: from,
                due: to,
                ..Meta::default()
            },
            ..Rec::blank(Kind::Schedule)
        });
        let Some(a) = p.approved else { return };
        if !self.rng.chance(0.75) {
            return;
        }
        let g = weekday(a.max(from) + self.rng.range(0, 4) as i32).max(a.max(from));
        if g > last_day() {
            return;
        }
        let brand = self.clients[c].brand_agent;
        self.push_sign(
            ri,
            PEntry {
                by: staff_id(ae).to_string(),
                stage: "agreed",
                via: None,
                day: g,
            },
            Some(ae),
            ae,
            if brand { NONE } else { 1 },
        );
        if brand {
            let (who, via) = self.contact_via(c);
            let d = (g + self.rng.range(0, 3) as i32).min(last_day());
            self.push_sign(
                ri,
                PEntry {
                    by: who,
                    stage: "agreed",
                    via: Some(via),
                    day: d,
                },
                None,
                ae,
                1,
            );
        }
    }
}
