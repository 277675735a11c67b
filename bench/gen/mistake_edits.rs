//! How each kind of planted mistake changes its record's file.

use crate::dates::{ds, last_day, today, year_of};
use crate::library::{digest_of, entry_yaml};
use crate::mistakes::{Planted, first_action};
use crate::model::{Gen, Kind, PEntry};
use crate::text::staff_id;
use crate::words::{FINANCE, STAFF};
use crate::yaml::{Node, get, get_mut, map_get_mut, r, remove, t};

impl Gen {
    pub fn apply(
        &mut self,
        ri: usize,
        kind: &'static str,
        code: &'static str,
        partner: Option<usize>,
        fresh: usize,
    ) -> Planted {
        let path = self.recs[ri].path.clone();
        let mut f = self.recs[ri].final_parts();
        let mut file = path.clone();
        let mut writes: Vec<(String, Option<Vec<u8>>)> = Vec::new();
        let text_edit = |text: String| -> Vec<u8> { text.into_bytes() };
        let other_client = |g: &mut Gen| -> usize {
            let own = g.recs[ri].client.unwrap_or(0);
            let mut o = g.rng.below(g.clients.len());
            if o == own {
                o = (o + 1) % g.clients.len();
            }
            o
        };
        let bytes: Vec<u8> = match kind {
            "not-utf8" => {
                let mut b = f.render().into_bytes();
                b.extend_from_slice(b"\nScanned notes: \xff\xfe\n");
                b
            }
            "empty-file" => Vec::new(),
            "missing-front-matter" => text_edit(f.render()[4..].to_string()),
            "unclosed-front-matter" => {
                let text = f.render();
                let close = text[4..].find("\n---\n").map(|i| i + 4).unwrap_or(0);
                text_edit(format!("{}\n{}", &text[..close], &text[close + 5..]))
            }
            "yaml-syntax" => {
                let text = f.render();
                text_edit(text.replacen("\ntitle: ", "\ntitle: \"", 1))
            }
            "duplicate-key" => {
                let text = f.render();
                text_edit(format!("---\ntitle: Notes{}", &text[3..]))
            }
            "front-matter-not-mapping" => {
                let text = f.render();
                let close = text[4..].find("\n---\n").map(|i| i + 4).unwrap_or(0);
                text_edit(format!("---\n- just a list\n- of notes{}", &text[close..]))
            }
            "misplaced-file" => {
                let c = self.recs[ri].client.unwrap_or(0);
                file = format!("clients/{}/notes-{fresh}.md", self.clients[c].id);
                let text = f.render();
                writes.push((file.clone(), Some(text.into_bytes())));
                Vec::new()
            }
            "file-name" => {
                let name = path.rsplit('/').next().unwrap_or("x.md");
                let folder = &path[..path.len() - name.len()];
                let stem = name[11..].trim_end_matches(".md");
                file = format!("{folder}{stem}-{fresh}.md");
                writes.push((path.clone(), None));
                writes.push((file.clone(), Some(f.render().into_bytes())));
                Vec::new()
            }
            "missing-title" => {
                remove(&mut f.fields, "title");
                f.render().into_bytes()
            }
            "action-without-owner" => {
                if let Some(m) = first_action(&mut f.fields, false) {
                    remove(m, "owner");
                }
                f.render().into_bytes()
            }
            "unknown-field" => {
                let invited = get(&f.fields, "invited")
                    .cloned()
                    .unwrap_or(Node::Flow(Vec::new()));
                f.fields.push(("atendees", invited));
                f.render().into_bytes()
            }
            "wrong-type" => {
                if let Some(v) = get_mut(&mut f.fields, "title") {
                    let old = match v {
                        Node::T(s) => s.clone(),
                        _ => String::new(),
                    };
                    *v = Node::Flow(vec![t(old), t("draft")]);
                }
                f.render().into_bytes()
            }
            "invalid-date" => {
                let y = year_of(self.recs[ri].day);
                if let Some(v) = get_mut(&mut f.fields, "due") {
                    *v = r(format!("{y}-02-30"));
                }
                f.render().into_bytes()
            }
            "invalid-duration" => {
                if let Some(v) = get_mut(&mut f.fields, "duration") {
                    *v = r("90 minutes");
                } else {
                    f.fields.push(("duration", r("90 minutes")));
                }
                f.render().into_bytes()
            }
            "invalid-money" => {
                if let Some(b) = get_mut(&mut f.fields, "budget")
                    && let Some(a) = map_get_mut(b, "amount")
                {
                    *a = r("12500.125");
                }
                f.render().into_bytes()
            }
            "unknown-currency" => {
                match get_mut(&mut f.fields, "currency") {
                    Some(v) => *v = r("RMB"),
                    None => f.fields.insert(3, ("currency", r("RMB"))),
                }
                f.render().into_bytes()
            }
            "currency-mismatch" => {
                let c = self.recs[ri].client.unwrap_or(0);
                let other = if self.clients[c].usd { "CNY" } else { "USD" };
                match get_mut(&mut f.fields, "currency") {
                    Some(v) => *v = r(other),
                    None => f.fields.insert(3, ("currency", r(other))),
                }
                f.render().into_bytes()
            }
            "invalid-value" => {
                if let Some(v) = get_mut(&mut f.fields, "kind") {
                    *v = r("advert");
                }
                f.render().into_bytes()
            }
            "wrong-record-type" => {
                f.fields.insert(0, ("type", r("invoice")));
                f.render().into_bytes()
            }
            "unknown-person" => {
                let typo = loop {
                    let s = STAFF[self.rng.below(STAFF.len())].0;
                    let b = s.as_bytes();
                    let i = s.find('.').unwrap_or(1) + 1;
                    if i + 2 >= b.len() || b[i + 1] == b[i + 2] {
                        continue;
                    }
                    let mut v = b.to_vec();
                    v.swap(i + 1, i + 2);
                    let cand = String::from_utf8(v).unwrap_or_default();
                    if !STAFF.iter().any(|x| x.0 == cand) {
                        break cand;
                    }
                };
                if let Some(m) = first_action(&mut f.fields, false) {
                    if let Some(o) = get_mut(m, "owner") {
                        *o = r(typo);
                    }
                }
                f.render().into_bytes()
            }
            "foreign-contact" => {
                let o = other_client(self);
                let id = self.clients[o].contacts[0].id.clone();
                if let Some(Node::Flow(v)) = get_mut(&mut f.fields, "invited") {
                    v.push(r(id));
                }
                f.render().into_bytes()
            }
            "not-staff" => {
                let c = self.recs[ri].client.unwrap_or(0);
                let id = self.clients[c].contacts[0].id.clone();
                if let Some(Node::Flow(v)) = get_mut(&mut f.fields, "team") {
                    v.push(r(id));
                }
                f.render().into_bytes()
            }
            "unknown-order" => {
                let y = year_of(self.recs[ri].day);
                if let Some(Node::Block(items)) = get_mut(&mut f.fields, "items") {
                    for it in items.iter_mut() {
                        if let Some(o) = map_get_mut(it, "order") {
                            *o = r(format!("WO-{y}-{fresh:04}"));
                            break;
                        }
                    }
                }
                f.render().into_bytes()
            }
            "duplicate-number" => {
                let other = partner
                    .and_then(|p| self.recs[p].meta.number.clone())
                    .unwrap_or_default();
                if let Some(v) = get_mut(&mut f.fields, "number") {
                    *v = r(other);
                }
                f.render().into_bytes()
            }
            "number-format" => {
                let y = year_of(self.recs[ri].day) % 100;
                if let Some(v) = get_mut(&mut f.fields, "number") {
                    *v = r(format!("WO-{y:02}-{fresh:04}"));
                }
                f.render().into_bytes()
            }
            "number-file-mismatch" => {
                let y = year_of(self.recs[ri].day);
                if let Some(v) = get_mut(&mut f.fields, "number") {
                    *v = r(format!("WO-{y}-{fresh:04}"));
                }
                f.render().into_bytes()
            }
            "missing-conclusion" => {
                remove(&mut f.fields, "conclusion");
                f.render().into_bytes()
            }
            "internal-made-visible" => {
                f.fields.push(("visibility", r("client")));
                f.render().into_bytes()
            }
            "overdue-action" | "action-done-mismatch" => {
                if let Some(m) = first_action(&mut f.fields, true) {
                    if kind == "overdue-action" {
                        remove(m, "done");
                        if let Some(s) = get_mut(m, "status") {
                            *s = r("open");
                        }
                    } else {
                        remove(m, "done");
                    }
                }
                f.render().into_bytes()
            }
            "done-in-future" => {
                let later = today() + self.rng.range(5, 30) as i32;
                if let Some(m) = first_action(&mut f.fields, false) {
                    if let Some(d) = get_mut(m, "done") {
                        *d = r(ds(later));
                    } else {
                        m.push(("done", r(ds(later))));
                        if let Some(s) = get_mut(m, "status") {
                            *s = r("done");
                        } else {
                            m.push(("status", r("done")));
                        }
                    }
                }
                f.render().into_bytes()
            }
            "meeting-overlap" => {
                let p = partner.unwrap_or(ri);
                let pf = self.recs[p].final_parts();
                let (pdate, pdur) = (
                    get(&pf.fields, "date").cloned(),
                    get(&pf.fields, "duration").cloned(),
                );
                let person = self.recs[p].meta.staff.first().copied().unwrap_or(0);
                if let (Some(d), Some(v)) = (pdate, get_mut(&mut f.fields, "date")) {
                    *v = d;
                }
                if let Some(d) = pdur {
                    match get_mut(&mut f.fields, "duration") {
                        Some(v) => *v = d,
                        None => f.fields.insert(3, ("duration", d)),
                    }
                }
                if let Some(Node::Flow(v)) = get_mut(&mut f.fields, "invited")
                    && !v
                        .iter()
                        .any(|n| matches!(n, Node::R(s) if s == staff_id(person)))
                {
                    v.push(r(staff_id(person)));
                }
                f.render().into_bytes()
            }
            "outline-not-sent" => {
                let day = ds(self.recs[ri].day);
                if let Some(p) = get_mut(&mut f.fields, "proposal")
                    && let Some(o) = map_get_mut(p, "outline_sent")
                {
                    *o = r(day);
                }
                f.render().into_bytes()
            }
            "missing-review" => {
                if let Some(Node::BMap(p)) = get_mut(&mut f.fields, "proposal") {
                    remove(p, "review");
                }
                f.render().into_bytes()
            }
            "misplaced-proposal" => {
                let day = ds(self.recs[ri].day - 3);
                f.fields.push((
                    "proposal",
                    Node::BMap(vec![
                        ("content", t("Options for the next phase")),
                        ("outline_sent", r(day)),
                    ]),
                ));
                f.render().into_bytes()
            }
            "file-date-mismatch" => {
                if let Some(Node::R(d)) = get_mut(&mut f.fields, "date") {
                    let day = self.recs[ri].day + 1;
                    let rest = d[10..].to_string();
                    *d = format!("{}{rest}", ds(day));
                }
                f.render().into_bytes()
            }
            "item-out-of-range" => {
                let to = self.recs[ri].meta.due;
                if let Some(Node::Block(items)) = get_mut(&mut f.fields, "items")
                    && let Some(last) = items.last_mut()
                    && let Some(d) = map_get_mut(last, "due")
                {
                    *d = r(ds(to + 7));
                }
                f.render().into_bytes()
            }
            "dates-reversed" => {
                let req = self.recs[ri].meta.requested;
                if let Some(v) = get_mut(&mut f.fields, "due") {
                    *v = r(ds(req - 7));
                }
                f.render().into_bytes()
            }
            "closed-without-invoice" => {
                if let Some(v) = get_mut(&mut f.fields, "status") {
                    *v = r("closed");
                }
                f.render().into_bytes()
            }
            "overpaid" => {
                if let Some(Node::Block(p)) = get_mut(&mut f.fields, "paid") {
                    p.push(Node::Map(vec![
                        ("date", r(ds(last_day()))),
                        ("amount", r("1000.00")),
                        ("ref", t("Paid twice by mistake")),
                    ]));
                }
                f.render().into_bytes()
            }
            "invoice-overdue" => {
                remove(&mut f.fields, "paid");
                f.render().into_bytes()
            }
            "over-budget" => {
                let o = self.recs[ri].meta.links[0];
                let budget = match get(&self.recs[o].fields, "budget") {
                    Some(Node::Map(m)) => match get(m, "amount") {
                        Some(Node::R(s) | Node::Q(s) | Node::T(s)) => s
                            .replace(',', "")
                            .split('.')
                            .next()
                            .and_then(|x| x.parse::<i64>().ok())
                            .unwrap_or(0),
                        _ => 0,
                    },
                    _ => 0,
                };
                if let Some(Node::Block(lines)) = get_mut(&mut f.fields, "lines") {
                    lines.push(Node::Map(vec![
                        ("description", t("Additional work agreed by phone")),
                        ("amount", r(format!("{}.00", budget + 5000))),
                    ]));
                }
                f.render().into_bytes()
            }
            "cross-client-mention" => {
                let o = other_client(self);
                let name = self.clients[o].name.clone();
                f.lines.push(String::new());
                f.lines
                    .push(format!("Compare with what {name} did last spring."));
                f.render().into_bytes()
            }
            "link-outside" => {
                f.lines.push(String::new());
                f.lines.push(
                    "The agency settings are in [the shared file](../../../docket.yaml)."
                        .to_string(),
                );
                f.render().into_bytes()
            }
            "broken-link" => {
                f.lines.push(String::new());
                f.lines.push(format!(
                    "See [the brief](../files/missing-brief-{fresh}.pdf)."
                ));
                f.render().into_bytes()
            }
            "missing-signoff" => {
                let status = if self.recs[ri].kind == Kind::Order {
                    "approved"
                } else {
                    "agreed"
                };
                if let Some(v) = get_mut(&mut f.fields, "status") {
                    *v = r(status);
                }
                f.render().into_bytes()
            }
            "stale-signoff" => {
                let i = f
                    .lines
                    .iter()
                    .rposition(|l| l.len() > 30 && !l.starts_with('#'))
                    .unwrap_or(0);
                f.lines[i].push_str(" (Changed after it was signed.)");
                f.render().into_bytes()
            }
            "unverified-signoff" => {
                let d = digest_of(&path, f.unsigned());
                let by = staff_id(*self.rng.pick(FINANCE));
                f.signoffs.push(entry_yaml(
                    &PEntry {
                        by: by.to_string(),
                        stage: "approved",
                        via: None,
                        day: last_day(),
                    },
                    &d,
                ));
                f.render().into_bytes()
            }
            "signer-not-allowed" => {
                let c = self.recs[ri].client.unwrap_or(0);
                let who = self.clients[c]
                    .contacts
                    .iter()
                    .find(|ct| !ct.can_sign)
                    .map(|ct| ct.id.clone())
                    .unwrap_or_default();
                let d = digest_of(&path, f.unsigned());
                f.signoffs.push(entry_yaml(
                    &PEntry {
                        by: who,
                        stage: "confirmed",
                        via: Some("email"),
                        day: last_day(),
                    },
                    &d,
                ));
                f.render().into_bytes()
            }
            _ => f.render().into_bytes(),
        };
        if writes.is_empty() {
            writes.push((path, Some(bytes)));
        }
        Planted {
            kind,
            code,
            file,
            also: partner.map(|p| self.recs[p].path.clone()),
            writes,
        }
    }
}
