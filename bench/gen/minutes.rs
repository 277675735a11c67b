//! Client minutes (`clients/<id>/minutes/`) and internal meetings (`internal/minutes/`),
//! scheduled so that nobody is in two meetings at once.

use crate::dates::{Day, ds, last_day, today, weekday};
use crate::model::{Act, Ctx, Ev, Gen, Kind, Meta, NONE, PEntry, Rec};
use crate::text::{cap, grouped, slug, staff_id, staff_name};
use crate::words::{
    ACTIONS, CALLS, CAMPAIGNS, CHANNELS, CLIENT_MEETINGS, CONCLUSIONS, DECISIONS, DIRECTORS,
    INTERNAL_DECISIONS, INTERNAL_MEETINGS, PLACES, PROPOSAL_CONTENT, PROPOSAL_STRATEGY, SEASONS,
    SECTIONS, STAFF, TEAMABLE, THINGS, VISITS,
};
use crate::yaml::{Node, get, r, t};

/// How a meeting's record is named in commit messages: "minutes 2026-11-16-review".
fn minutes_label(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or("");
    format!("minutes {}", name.trim_end_matches(".md"))
}

impl Gen {
    /// One of the client's work orders requested by `day`, if any.
    fn order_before(&mut self, client: usize, day: Day) -> Option<String> {
        let orders = &self.clients[client].orders;
        let n = orders.partition_point(|&o| self.recs[o].meta.requested <= day);
        if n == 0 {
            return None;
        }
        let lo = n.saturating_sub(6);
        let i = lo + self.rng.below(n - lo);
        self.recs[orders[i]].meta.number.clone()
    }

    /// Finds a time on `day` when everyone in `people` is free; people after the first
    /// `must` are dropped when they are the only obstacle. Returns the start and the
    /// duration in half-hour slots, or `None` for a meeting dated by day only.
    fn schedule(&mut self, day: Day, people: &mut Vec<u32>, must: usize) -> Option<(u32, u32)> {
        const LENGTHS: &[u32] = &[1, 2, 2, 2, 3, 4];
        let key = |p: u32| (u64::from(p) << 32) | u64::from(day as u32);
        let mut first = None;
        for attempt in 0..12 {
            let len = *self.rng.pick(LENGTHS);
            let start = self.rng.range(2, 18 - i64::from(len)) as u32;
            let mask = ((1u32 << len) - 1) << start;
            if attempt == 0 {
                first = Some((start, len, mask));
            }
            if people
                .iter()
                .all(|&p| self.busy.get(&key(p)).copied().unwrap_or(0) & mask == 0)
            {
                for &p in people.iter() {
                    *self.busy.entry(key(p)).or_insert(0) |= mask;
                }
                return Some((start, len));
            }
        }
        let (start, len, mask) = first?;
        let free = |g: &Gen, p: u32| g.busy.get(&key(p)).copied().unwrap_or(0) & mask == 0;
        if people[..must.min(people.len())]
            .iter()
            .all(|&p| free(self, p))
        {
            let keep: Vec<u32> = people
                .iter()
                .enumerate()
                .filter(|&(i, &p)| i < must || free(self, p))
                .map(|(_, &p)| p)
                .collect();
            if keep.len() >= 2 {
                *people = keep;
                for &p in people.iter() {
                    *self.busy.entry(key(p)).or_insert(0) |= mask;
                }
                return Some((start, len));
            }
        }
        None
    }

    fn minutes_path(&mut self, folder: &str, day: Day, title: &str) -> String {
        let base = format!("{folder}/{}-{}", ds(day), slug(title));
        let mut path = format!("{base}.md");
        let mut n = 2;
        while self.paths.contains(&path) {
            path = format!("{base}-{n}.md");
            n += 1;
        }
        self.paths.insert(path.clone());
        path
    }

    fn actions(&mut self, ctx: &Ctx, day: Day, owners: &[String], n: usize) -> Vec<Node> {
        let mut out = Vec::new();
        for _ in 0..n {
            let tpl = *self.rng.pick(ACTIONS);
            let task = self.fill(ctx, tpl);
            let owner = self.rng.pick(owners).clone();
            let due = weekday(day + self.rng.range(3, 21) as i32).max(day);
            let mut m = vec![("task", t(task)), ("owner", r(owner)), ("due", r(ds(due)))];
            if due < today() {
                if self.rng.chance(0.93) {
                    let done = (due + self.rng.range(-2, 3) as i32).clamp(day, last_day());
                    m.push(("status", r("done")));
                    m.push(("done", r(ds(done))));
                } else {
                    m.push(("status", r("dropped")));
                }
            } else if self.rng.chance(0.7) {
                m.push(("status", r("open")));
            }
            out.push(Node::Map(m));
        }
        out
    }

    pub fn client_minutes(&mut self) {
        self.used.clear();
        let c = self.pick_client();
        let day = self.client_day(c, 0);
        let kind = match self.rng.below(100) {
            0..=64 => "client",
            65..=79 => "call",
            80..=87 => "visit",
            88..=94 => "proposal",
            _ => "internal",
        };
        let rng = &mut self.rng;
        let title = match kind {
            "client" => rng.pick(CLIENT_MEETINGS).to_string(),
            "call" => rng.pick(CALLS).to_string(),
            "visit" => rng.pick(VISITS).to_string(),
            "proposal" => format!("{} {} proposal", rng.pick(CAMPAIGNS), rng.pick(THINGS)),
            _ => format!("{} account planning", rng.pick(SEASONS)),
        };
        let title = cap(&title);
        let (ae, sup) = (self.clients[c].ae, self.clients[c].sup);
        let mut staff = vec![ae];
        for i in self.rng.sample_between(TEAMABLE.len(), 0, 3) {
            staff.push(TEAMABLE[i]);
        }
        if self.rng.chance(0.15) {
            staff.push(sup);
        }
        staff.dedup();
        let contacts: Vec<usize> = if kind == "internal" {
            Vec::new()
        } else {
            let n = self.clients[c].contacts.len();
            let k = self.rng.range(1, n.min(3) as i64) as usize;
            let mut v = self.rng.sample(n, k);
            v.sort_unstable();
            v
        };
        let mut people: Vec<u32> = staff.iter().map(|&s| u32::from(s)).collect();
        people.extend(contacts.iter().map(|&k| self.clients[c].contacts[k].person));
        let timed = self.schedule(day, &mut people, 1);
        let staff: Vec<u8> = people
            .iter()
            .filter(|&&p| (p as usize) < STAFF.len())
            .map(|&p| p as u8)
            .collect();
        let contacts: Vec<usize> = contacts
            .into_iter()
            .filter(|&k| people.contains(&self.clients[c].contacts[k].person))
            .collect();
        let order = self.order_before(c, day);
        let ctx = Ctx {
            client: Some(c),
            staff: staff.clone(),
            contacts: contacts.clone(),
            order,
        };
        let path = self.minutes_path(
            &format!("clients/{}/minutes", self.clients[c].id),
            day,
            &title,
        );
        let ids: Vec<String> = staff
            .iter()
            .map(|&s| staff_id(s).to_string())
            .chain(
                contacts
                    .iter()
                    .map(|&k| self.clients[c].contacts[k].id.clone()),
            )
            .collect();
        let attended: Vec<String> = if ids.len() > 2 && self.rng.chance(0.3) {
            let skip = 1 + self.rng.below(ids.len() - 1);
            ids.iter()
                .enumerate()
                .filter(|&(i, _)| i != skip)
                .map(|(_, s)| s.clone())
                .collect()
        } else {
            ids.clone()
        };
        let mut fields: Vec<(&'static str, Node)> =
            vec![("kind", r(kind)), ("title", t(title.clone()))];
        let (date, duration) = match timed {
            Some((start, len)) => {
                let minutes = 8 * 60 + start * 30;
                let dur = match len {
                    1 => "30m",
                    2 => *self.rng.pick(&["45m", "1h"]),
                    3 => "1h30m",
                    _ => "2h",
                };
                (
                    format!("{} {:02}:{:02}", ds(day), minutes / 60, minutes % 60),
                    Some(dur),
                )
            }
            None => (ds(day), None),
        };
        fields.push(("date", r(date)));
        if let Some(d) = duration {
            fields.push(("duration", r(d)));
        }
        let place = match kind {
            "call" => "Phone".to_string(),
            _ => {
                let tpl = *self.rng.pick(PLACES);
                self.fill(&ctx, tpl)
            }
        };
        fields.push(("place", t(place)));
        fields.push((
            "invited",
            Node::Flow(ids.iter().map(|s| r(s.clone())).collect()),
        ));
        fields.push((
            "attended",
            Node::Flow(attended.into_iter().map(r).collect()),
        ));
        if kind == "proposal" {
            let outline = weekday(day - self.rng.range(2, 8) as i32);
            let goal = self.rng.chance(0.75);
            let tpl = *self.rng.pick(PROPOSAL_CONTENT);
            let content = self.fill(&ctx, tpl);
            let tpl = *self.rng.pick(PROPOSAL_STRATEGY);
            let strategy = self.fill(&ctx, tpl);
            let notes = self.sentence(&ctx);
            let problem = self.sentence(&ctx);
            fields.push((
                "proposal",
                Node::BMap(vec![
                    ("content", t(content)),
                    (
                        "equipment",
                        t("Laptop with HDMI adapter; printed boards; product samples"),
                    ),
                    ("strategy", t(strategy)),
                    ("outline_sent", r(ds(outline))),
                    (
                        "review",
                        Node::BMap(vec![
                            ("goal_met", r(if goal { "true" } else { "false" })),
                            ("notes", t(notes)),
                            ("problem", t(problem)),
                        ]),
                    ),
                ]),
            ));
        }
        let n_dec = self.rng.range(1, 3) as usize;
        let mut decisions = Vec::new();
        for _ in 0..n_dec {
            let tpl = *self.rng.pick(DECISIONS);
            decisions.push(t(self.fill(&ctx, tpl)));
        }
        fields.push(("decisions", Node::Block(decisions)));
        if kind == "internal" {
            let tpl = *self.rng.pick(CONCLUSIONS);
            let s = self.fill(&ctx, tpl);
            fields.push(("conclusion", t(s)));
        }
        let n_act = self.rng.range(0, 3) as usize;
        if n_act > 0 {
            let owners: Vec<String> = if kind == "internal" || self.rng.chance(0.7) {
                staff.iter().map(|&s| staff_id(s).to_string()).collect()
            } else {
                ids.clone()
            };
            let acts = self.actions(&ctx, day, &owners, n_act);
            fields.push(("actions", Node::Block(acts)));
        }
        if kind == "call" && self.rng.chance(0.05) {
            fields.push(("visibility", r("internal")));
        }
        // Body: a few hundred words under headings, a table now and then.
        let mut lines = vec![format!("# {title}"), String::new()];
        let n = if self.rng.chance(0.7) { 1 } else { 2 };
        let p = self.paragraph(&ctx, n);
        lines.push(p);
        let n_sections = if self.rng.chance(0.8) { 2 } else { 3 };
        let table_at = if self.rng.chance(0.25) {
            self.rng.below(n_sections)
        } else {
            usize::MAX
        };
        for (si, s) in self
            .rng
            .sample(SECTIONS.len(), n_sections)
            .into_iter()
            .enumerate()
        {
            lines.push(String::new());
            lines.push(format!("## {}", SECTIONS[s]));
            if si == table_at {
                lines.push("| channel | planned | actual |".to_string());
                lines.push("| --- | ---: | ---: |".to_string());
                for i in self.rng.sample(CHANNELS.len(), 3) {
                    let plan = self.rng.range(4, 90) * 5000;
                    let act = plan + self.rng.range(-40, 40) * 250;
                    lines.push(format!(
                        "| {} | {} | {} |",
                        CHANNELS[i],
                        grouped(plan),
                        grouped(act)
                    ));
                }
                lines.push(String::new());
                let s = self.sentence(&ctx);
                lines.push(s);
            } else if self.rng.chance(0.5) {
                for _ in 0..self.rng.range(2, 3) {
                    let s = self.sentence(&ctx);
                    lines.push(format!("- {s}"));
                }
            } else {
                let n = self.rng.range(1, 2) as usize;
                let s = self.paragraph(&ctx, n);
                lines.push(s);
            }
        }
        if kind != "internal" && self.rng.chance(0.75) {
            self.internal_section(&ctx, &mut lines);
        }
        let label = minutes_label(&path);
        let ri = self.recs.len();
        let visible = kind != "internal" && get(&fields, "visibility").is_none();
        let mut rec = Rec {
            client: Some(c),
            path,
            day,
            label,
            fields,
            lines,
            meta: Meta {
                timed,
                staff: staff.clone(),
                meeting_kind: kind,
                ..Meta::default()
            },
            ..Rec::blank(Kind::Minutes)
        };
        self.events.push(Ev {
            day,
            rec: ri,
            act: Act::Create,
            author: None,
            pref: ae,
        });
        let confirm = weekday(day + self.rng.range(1, 6) as i32);
        if visible && confirm <= last_day() && confirm > day && self.rng.chance(0.75) {
            let signers = self.clients[c].signers();
            let who = *self.rng.pick(&signers);
            let via = *self
                .rng
                .pick(&["email", "email", "email", "meeting", "phone"]);
            rec.entries.push(PEntry {
                by: self.clients[c].contacts[who].id.clone(),
                stage: "confirmed",
                via: Some(via),
                day: confirm,
            });
            self.events.push(Ev {
                day: confirm,
                rec: ri,
                act: Act::Sign {
                    first: 0,
                    n: 1,
                    status: NONE,
                },
                author: None,
                pref: ae,
            });
        }
        self.recs.push(rec);
    }

    pub fn internal_minutes(&mut self) {
        self.used.clear();
        let day = weekday(self.d0 + self.rng.range(0, i64::from(last_day() - self.d0)) as i32);
        let title = self.rng.pick(INTERNAL_MEETINGS).to_string();
        let n = self.rng.range(2, 5) as usize;
        let mut staff: Vec<u8> = vec![DIRECTORS[self.rng.below(2)]];
        for i in self.rng.sample(STAFF.len(), n) {
            if !staff.contains(&(i as u8)) {
                staff.push(i as u8);
            }
        }
        let mut people: Vec<u32> = staff.iter().map(|&s| u32::from(s)).collect();
        let timed = self.schedule(day, &mut people, 1);
        let staff: Vec<u8> = people.iter().map(|&p| p as u8).collect();
        let path = self.minutes_path("internal/minutes", day, &title);
        // Internal meetings may name any client.
        let named: Vec<usize> = self
            .rng
            .sample(self.clients.len(), 3)
            .into_iter()
            .filter(|&c| self.clients[c].from <= day)
            .collect();
        let mut ctx = Ctx {
            client: None,
            staff: staff.clone(),
            ..Ctx::default()
        };
        let mut fields: Vec<(&'static str, Node)> =
            vec![("kind", r("internal")), ("title", t(title.clone()))];
        let date = match timed {
            Some((start, _)) => {
                let m = 8 * 60 + start * 30;
                format!("{} {:02}:{:02}", ds(day), m / 60, m % 60)
            }
            None => ds(day),
        };
        fields.push(("date", r(date)));
        if let Some((_, len)) = timed {
            fields.push((
                "duration",
                r(match len {
                    1 => "30m",
                    2 => "1h",
                    3 => "1h30m",
                    _ => "2h",
                }),
            ));
        }
        let room = self.rng.range(1, 3);
        fields.push(("place", t(format!("Northwind studio, meeting room {room}"))));
        let ids: Vec<Node> = staff.iter().map(|&s| r(staff_id(s))).collect();
        fields.push(("invited", Node::Flow(ids.clone())));
        fields.push(("attended", Node::Flow(ids)));
        let mut decisions = Vec::new();
        for &c in &named {
            ctx.client = Some(c);
            ctx.order = self.order_before(c, day);
            let tpl = *self.rng.pick(INTERNAL_DECISIONS);
            let d = self.fill(&ctx, tpl);
            decisions.push(t(d));
        }
        ctx.client = None;
        ctx.order = None;
        if decisions.is_empty() {
            let tpl = *self.rng.pick(DECISIONS);
            decisions.push(t(self.fill(&ctx, tpl)));
        }
        fields.push(("decisions", Node::Block(decisions)));
        let tpl = *self.rng.pick(CONCLUSIONS);
        let conclusion = self.fill(&ctx, tpl);
        fields.push(("conclusion", t(conclusion)));
        let owners: Vec<String> = staff.iter().map(|&s| staff_id(s).to_string()).collect();
        let n_act = self.rng.range(1, 3) as usize;
        let acts = self.actions(&ctx, day, &owners, n_act);
        fields.push(("actions", Node::Block(acts)));
        let mut lines = vec![format!("# {title}"), String::new()];
        let p = self.paragraph(&ctx, 1);
        lines.push(p);
        lines.push(String::new());
        lines.push("## Where we are".to_string());
        for &c in &named {
            ctx.client = Some(c);
            let s = self.sentence(&ctx);
            lines.push(format!("- **{}**: {s}", self.clients[c].name));
        }
        ctx.client = None;
        lines.push(String::new());
        lines.push("## Who does what".to_string());
        lines.push("| person | this week | next week |".to_string());
        lines.push("| --- | --- | --- |".to_string());
        for &s in staff.iter().take(3) {
            let a = *self.rng.pick(THINGS);
            let b = *self.rng.pick(THINGS);
            let ca = self.rng.pick(CAMPAIGNS).to_string();
            lines.push(format!("| {} | {ca} {a} | {b} |", staff_name(s)));
        }
        lines.push(String::new());
        lines.push("## Notes".to_string());
        let n = self.rng.range(1, 2) as usize;
        let p = self.paragraph(&ctx, n);
        lines.push(p);
        let label = minutes_label(&path);
        let ri = self.recs.len();
        self.events.push(Ev {
            day,
            rec: ri,
            act: Act::Create,
            author: None,
            pref: staff[0],
        });
        self.recs.push(Rec {
            path,
            day,
            label,
            fields,
            lines,
            meta: Meta {
                timed,
                staff,
                meeting_kind: "internal",
                ..Meta::default()
            },
            ..Rec::blank(Kind::Internal)
        });
    }
}
