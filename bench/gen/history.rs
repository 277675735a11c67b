//! The history plan: the commits, what each of them changes, and when.

use std::collections::BTreeMap;

use chrono::{Datelike, Weekday};

use crate::dates::{Day, ds, last_day, nd, today, unix};
use crate::die;
use crate::model::{Act, Gen, Kind};
use crate::words::{MISTAKE_AUTHOR, STAFF};

#[derive(Clone, Debug)]
pub enum Item {
    Ev(usize),
    Edit(usize),
}

pub struct Commit {
    pub author: u8,
    pub time: i64,
    pub subject: String,
    pub items: Vec<Item>,
    pub kind: &'static str,
}

impl Gen {
    fn bucket(&self, day: Day, b: usize) -> usize {
        let span = i64::from(last_day() - self.d0 + 1);
        let off = i64::from((day - self.d0).clamp(0, last_day() - self.d0));
        ((off * b as i64) / span) as usize
    }

    /// Commits needed besides edits when the timeline is cut into `b` batches.
    fn needed(&self, b: usize) -> usize {
        let mut creates = vec![false; b];
        let mut signers = vec![0u32; b];
        let mut free = vec![false; b];
        for e in &self.events {
            let bi = self.bucket(e.day, b);
            match (&e.act, e.author) {
                (Act::Create, _) => creates[bi] = true,
                (_, Some(a)) => signers[bi] |= 1 << a,
                (_, None) => free[bi] = true,
            }
        }
        (0..b)
            .map(|i| {
                usize::from(creates[i])
                    + signers[i].count_ones() as usize
                    + usize::from(free[i] && signers[i] == 0)
            })
            .sum()
    }

    pub fn plan(&mut self) -> Vec<Commit> {
        let reserved = 1 + usize::from(self.mistakes > 0);
        let min_needed = self.needed(1) + reserved;
        let total = self.commits.unwrap_or((self.n_records / 2).max(min_needed));
        if total < min_needed {
            die(format!(
                "--commits {total} is too few: at least {min_needed} are needed (setup, one creating batch, its sign-offs{})",
                if self.mistakes > 0 { ", mistakes" } else { "" }
            ));
        }
        let budget = total - reserved;
        let want_edits = budget * 3 / 10;
        let max_b = (last_day() - self.d0 + 1) as usize;
        // The largest number of batches that leaves `want_edits` edit commits.
        let fits = |g: &Gen, b: usize| g.needed(b) + want_edits <= budget;
        let batches = if fits(self, 1) {
            let (mut lo, mut hi) = (1usize, max_b);
            while lo < hi {
                let mid = lo + (hi - lo).div_ceil(2);
                if fits(self, mid) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            lo
        } else {
            1
        };
        let n_edit = budget - self.needed(batches);

        // Events by batch.
        let mut order: Vec<usize> = (0..self.events.len()).collect();
        order.sort_by_key(|&i| (self.events[i].day, i));
        let mut per: Vec<Vec<usize>> = vec![Vec::new(); batches];
        for &i in &order {
            per[self.bucket(self.events[i].day, batches)].push(i);
        }
        // Edit commits per batch, in proportion to the records created in it.
        let weights: Vec<usize> = per
            .iter()
            .map(|evs| {
                1 + evs
                    .iter()
                    .filter(|&&i| matches!(self.events[i].act, Act::Create))
                    .count()
            })
            .collect();
        let wsum: usize = weights.iter().sum();
        let mut edits_in: Vec<usize> = weights.iter().map(|w| n_edit * w / wsum).collect();
        let mut short = n_edit - edits_in.iter().sum::<usize>();
        let mut bi = 0;
        while short > 0 {
            edits_in[bi % batches] += 1;
            short -= 1;
            bi += 7;
        }
        // First signing batch of each record: edits must come before it.
        let mut first_sign = vec![usize::MAX; self.recs.len()];
        let mut created_in = vec![usize::MAX; self.recs.len()];
        for (b, evs) in per.iter().enumerate() {
            for &i in evs {
                let e = &self.events[i];
                match e.act {
                    Act::Create => created_in[e.rec] = b,
                    Act::Sign { .. } => first_sign[e.rec] = first_sign[e.rec].min(b),
                    Act::Status(_) => {}
                }
            }
        }
        let mut by_created: Vec<usize> = (0..self.recs.len()).collect();
        by_created.sort_by_key(|&r| (created_in[r], r));
        let mut next_created = 0;
        let mut pool: Vec<usize> = Vec::new();
        let mut recent: Vec<usize> = Vec::new();

        // Commit times: a batch's commits follow its last day.
        let span = last_day() - self.d0 + 1;
        let d0 = self.d0;
        let batch_start = |b: usize| -> Day {
            d0 + ((i64::from(span) * b as i64 + batches as i64 - 1) / batches as i64) as i32
        };
        let end = unix(last_day() + 2, 20 * 3600);
        let mut commits: Vec<Commit> = Vec::new();
        commits.push(Commit {
            author: 0,
            time: unix(self.d0 - 3, 10 * 3600),
            subject: "Set up the workspace".to_string(),
            items: Vec::new(),
            kind: "setup",
        });
        let mut carry = 0usize;
        for b in 0..batches {
            let evs = &per[b];
            let mut batch: Vec<Commit> = Vec::new();
            let creates: Vec<usize> = evs
                .iter()
                .copied()
                .filter(|&i| matches!(self.events[i].act, Act::Create))
                .collect();
            if !creates.is_empty() {
                let mut votes = [0usize; 32];
                for &i in &creates {
                    votes[self.events[i].pref as usize] += 1;
                }
                let author = (0..STAFF.len())
                    .max_by_key(|&s| (votes[s], usize::MAX - s))
                    .unwrap_or(0) as u8;
                let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
                for &i in &creates {
                    *kinds
                        .entry(match self.recs[self.events[i].rec].kind {
                            Kind::Minutes | Kind::Internal => "minutes",
                            Kind::Order => "work orders",
                            Kind::Schedule => "timetables",
                            Kind::Invoice => "invoices",
                        })
                        .or_insert(0) += 1;
                }
                let what: Vec<String> = kinds.iter().map(|(k, n)| format!("{n} {k}")).collect();
                batch.push(Commit {
                    author,
                    time: 0,
                    subject: format!(
                        "Add {} records from {} to {}: {}",
                        creates.len(),
                        ds(self.events[creates[0]].day),
                        ds(self.events[*creates.last().unwrap_or(&creates[0])].day),
                        what.join(", ")
                    ),
                    items: creates.iter().map(|&i| Item::Ev(i)).collect(),
                    kind: "create",
                });
            }
            let before = pool.len();
            while next_created < by_created.len() && created_in[by_created[next_created]] <= b {
                pool.push(by_created[next_created]);
                next_created += 1;
            }
            // Edits touch recent records: those of the last three batches.
            recent.push(pool.len() - before);
            let window: usize = recent
                .iter()
                .rev()
                .take(3)
                .sum::<usize>()
                .max(30)
                .min(pool.len());
            // Edits: records created by now and not signed before this batch.
            let mut n_here = edits_in[b] + carry;
            carry = 0;
            while n_here > 0 {
                let want = self.rng.range(1, 3) as usize;
                let mut chosen: Vec<usize> = Vec::new();
                let mut tries = 0;
                while chosen.len() < want && window > 0 && tries < 60 {
                    tries += 1;
                    // Recent records first; the whole pool when none of them will do.
                    let w = if tries > 30 { pool.len() } else { window };
                    let rec = pool[pool.len() - 1 - self.rng.below(w)];
                    if first_sign[rec] < b {
                        continue;
                    }
                    if !chosen.contains(&rec) {
                        chosen.push(rec);
                    }
                }
                if chosen.is_empty() {
                    carry = n_here;
                    break;
                }
                let mut whats = Vec::new();
                for &rec in &chosen {
                    let what = self.make_alt(rec);
                    whats.push(format!("{} ({what})", self.recs[rec].label));
                }
                let first = &self.recs[chosen[0]];
                let author = match first.client {
                    Some(c) => self.clients[c].ae,
                    None => first.meta.staff.first().copied().unwrap_or(0),
                };
                batch.push(Commit {
                    author,
                    time: 0,
                    subject: format!("Update {}", whats.join("; ")),
                    items: chosen.iter().map(|&r| Item::Edit(r)).collect(),
                    kind: "edit",
                });
                n_here -= 1;
            }
            // Sign-offs: one commit per staff member who signs; the rest rides along.
            let mut by_author: BTreeMap<u8, Vec<usize>> = BTreeMap::new();
            for &i in evs {
                if let Some(a) = self.events[i].author {
                    by_author.entry(a).or_default().push(i);
                }
            }
            let mut free: Vec<usize> = Vec::new();
            for &i in evs {
                let e = &self.events[i];
                if e.author.is_none() && !matches!(e.act, Act::Create) {
                    match by_author.get_mut(&e.pref) {
                        Some(list) => list.push(i),
                        None => free.push(i),
                    }
                }
            }
            if !free.is_empty() {
                if let Some(list) = by_author.values_mut().next() {
                    list.append(&mut free);
                } else {
                    by_author.insert(self.events[free[0]].pref, std::mem::take(&mut free));
                }
            }
            for (author, mut list) in by_author {
                list.sort_by_key(|&i| (self.events[i].day, i));
                let mut labels: Vec<String> = Vec::new();
                for &i in &list {
                    let e = &self.events[i];
                    let what = match &e.act {
                        Act::Sign { first, .. } => {
                            let en = &self.recs[e.rec].entries[*first];
                            format!("{} {} by {}", self.recs[e.rec].label, en.stage, en.by)
                        }
                        Act::Status(s) => format!(
                            "{} {}",
                            self.recs[e.rec].label,
                            self.recs[e.rec].status_names[*s as usize].replace('_', " ")
                        ),
                        Act::Create => String::new(),
                    };
                    labels.push(what);
                }
                let shown: Vec<String> = labels.iter().take(3).cloned().collect();
                let more = if labels.len() > 3 {
                    format!(" and {} more", labels.len() - 3)
                } else {
                    String::new()
                };
                let signs = list
                    .iter()
                    .any(|&i| matches!(self.events[i].act, Act::Sign { .. }));
                batch.push(Commit {
                    author,
                    time: 0,
                    subject: format!(
                        "{}: {}{more}",
                        if signs { "Sign-offs" } else { "Status" },
                        shown.join(", ")
                    ),
                    items: list.into_iter().map(Item::Ev).collect(),
                    kind: "signoff",
                });
            }
            // Times: office hours (09:00 to 19:00) of the days after the batch, weekdays
            // when there are any.
            let first = batch_start(b + 1);
            let last = if b + 1 >= batches {
                last_day() + 2
            } else {
                (batch_start(b + 2) - 1).max(first)
            };
            let mut days: Vec<Day> = (first..=last)
                .filter(|&d| !matches!(nd(d).weekday(), Weekday::Sat | Weekday::Sun))
                .collect();
            if days.is_empty() {
                days = (first..=last).collect();
            }
            let office = 10 * 3600i64;
            let total = office * days.len() as i64;
            let n = batch.len() as i64;
            let step = (total / (n + 1)).max(1);
            for (i, c) in batch.iter_mut().enumerate() {
                let off = step * (i as i64 + 1) - self.rng.range(0, step / 3);
                let d = days[((off / office) as usize).min(days.len() - 1)];
                c.time = unix(d, 9 * 3600 + off % office);
            }
            commits.extend(batch);
        }
        if carry > 0 {
            // Only when every record is signed before the last batches: nothing to edit.
            eprintln!(
                "gen: {carry} edit commits found no unsigned record to change; the history is shorter"
            );
        }
        if self.mistakes > 0 {
            commits.push(Commit {
                author: MISTAKE_AUTHOR,
                time: end + 90 * 60,
                subject: "Assorted record updates".to_string(),
                items: Vec::new(),
                kind: "mistakes",
            });
        }
        // Strictly increasing, and before 2026-11-23 00:00 +08:00.
        let limit = unix(today(), 0) - 60;
        for i in 1..commits.len() {
            if commits[i].time <= commits[i - 1].time {
                commits[i].time = commits[i - 1].time + 1;
            }
        }
        if let Some(last) = commits.last()
            && last.time >= limit
        {
            let over = last.time - limit + 1;
            let n = commits.len() as i64;
            // Squeeze the tail: never happens unless commits are in the hundreds of thousands.
            for (i, c) in commits.iter_mut().enumerate() {
                c.time -= over * i as i64 / n.max(1);
            }
        }
        commits
    }
}
