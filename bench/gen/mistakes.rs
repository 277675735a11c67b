//! The planted mistakes: their kinds, which records can carry each, and which records get
//! them.

use crate::dates::{ds, today};
use crate::model::{Gen, Kind, Rec};
use crate::words::{CFIRST, CLAST};
use crate::yaml::{Node, get, get_mut};

/// Every kind of mistake, and the code of the diagnostic it must produce.
const MISTAKES: &[(&str, &str)] = &[
    ("not-utf8", "D002"),
    ("empty-file", "D003"),
    ("missing-front-matter", "D004"),
    ("unclosed-front-matter", "D005"),
    ("yaml-syntax", "D006"),
    ("duplicate-key", "D007"),
    ("front-matter-not-mapping", "D009"),
    ("misplaced-file", "D012"),
    ("file-name", "D013"),
    ("missing-title", "D020"),
    ("action-without-owner", "D020"),
    ("unknown-field", "D021"),
    ("wrong-type", "D022"),
    ("invalid-date", "D023"),
    ("invalid-duration", "D024"),
    ("invalid-money", "D025"),
    ("unknown-currency", "D026"),
    ("invalid-value", "D027"),
    ("wrong-record-type", "D028"),
    ("unknown-person", "D040"),
    ("foreign-contact", "D041"),
    ("duplicate-person-id", "D042"),
    ("not-staff", "D043"),
    ("unknown-order", "D044"),
    ("duplicate-number", "D050"),
    ("number-format", "D051"),
    ("number-file-mismatch", "D052"),
    ("missing-conclusion", "D060"),
    ("overdue-action", "D061"),
    ("done-in-future", "D062"),
    ("meeting-overlap", "D063"),
    ("outline-not-sent", "D064"),
    ("missing-review", "D065"),
    ("misplaced-proposal", "D066"),
    ("action-done-mismatch", "D067"),
    ("file-date-mismatch", "D068"),
    ("item-out-of-range", "D070"),
    ("dates-reversed", "D071"),
    ("closed-without-invoice", "D072"),
    ("overpaid", "D080"),
    ("invoice-overdue", "D081"),
    ("over-budget", "D082"),
    ("currency-mismatch", "D083"),
    ("cross-client-mention", "D090"),
    ("internal-made-visible", "D091"),
    ("link-outside", "D092"),
    ("broken-link", "D093"),
    ("missing-signoff", "D100"),
    ("stale-signoff", "D101"),
    ("unverified-signoff", "D102"),
    ("signer-not-allowed", "D103"),
];

/// One planted mistake: the files it writes (`None` deletes) and the file it is in.
pub struct Planted {
    pub kind: &'static str,
    pub code: &'static str,
    pub file: String,
    /// The other record a two-record mistake involves (docket may report it there).
    pub also: Option<String>,
    pub writes: Vec<(String, Option<Vec<u8>>)>,
}

fn is_minutes(rec: &Rec) -> bool {
    matches!(rec.kind, Kind::Minutes | Kind::Internal)
}

fn action_list(rec: &Rec) -> Option<&Vec<Node>> {
    match get(&rec.fields, "actions") {
        Some(Node::Block(a)) => Some(a),
        _ => None,
    }
}

fn has_done_action(rec: &Rec, past: bool) -> bool {
    action_list(rec).is_some_and(|a| {
        a.iter().any(|n| match n {
            Node::Map(m) => {
                matches!(get(m, "status"), Some(Node::R(s)) if s == "done")
                    && (!past || matches!(get(m, "due"), Some(Node::R(d)) if d.as_str() < ds(today()).as_str()))
            }
            _ => false,
        })
    })
}

/// The first action of a minutes' front matter (with `done_past`, the first one done and
/// due before today).
pub fn first_action<'a>(
    fields: &'a mut [(&'static str, Node)],
    done_past: bool,
) -> Option<&'a mut Vec<(&'static str, Node)>> {
    let Some(Node::Block(a)) = get_mut(fields, "actions") else {
        return None;
    };
    let cutoff = ds(today());
    a.iter_mut().find_map(|n| match n {
        Node::Map(m) => {
            let ok = !done_past
                || (matches!(get(m, "status"), Some(Node::R(s)) if s == "done")
                    && matches!(get(m, "due"), Some(Node::R(d)) if d.as_str() < cutoff.as_str()));
            ok.then_some(m)
        }
        _ => None,
    })
}

/// Whether a record may carry mistake `kind` (besides not being reserved). Records
/// without sign-offs are preferred, so that a mistake does not also make a sign-off
/// stale; with `relaxed`, signed records do too.
fn eligible(g: &Gen, ri: usize, kind: &str, relaxed: bool) -> bool {
    let rec = &g.recs[ri];
    let signed = !rec.entries.is_empty();
    let unsigned = !signed || relaxed;
    let client_min = rec.kind == Kind::Minutes;
    let order_free = rec.kind == Kind::Order && rec.meta.links.is_empty();
    match kind {
        "not-utf8"
        | "empty-file"
        | "missing-front-matter"
        | "unclosed-front-matter"
        | "yaml-syntax"
        | "duplicate-key"
        | "front-matter-not-mapping"
        | "file-name"
        | "missing-title"
        | "wrong-type"
        | "unknown-field" => client_min && unsigned,
        "misplaced-file" => client_min,
        "action-without-owner" | "unknown-person" => {
            is_minutes(rec) && unsigned && action_list(rec).is_some()
        }
        "invalid-date" | "invalid-money" | "number-format" | "number-file-mismatch" => {
            order_free && unsigned
        }
        "duplicate-number" => {
            order_free
                && unsigned
                && rec
                    .client
                    .is_some_and(|c| g.clients[c].orders.iter().any(|&o| o != ri))
        }
        "invalid-value" | "wrong-record-type" | "not-staff" | "dates-reversed" => {
            rec.kind == Kind::Order && unsigned
        }
        "invalid-duration" => is_minutes(rec) && unsigned && rec.meta.timed.is_some(),
        "unknown-currency" | "currency-mismatch" => rec.kind == Kind::Invoice && unsigned,
        "unverified-signoff" => rec.kind == Kind::Invoice && !signed,
        "over-budget" => rec.kind == Kind::Invoice && unsigned && rec.meta.links.len() == 1,
        "overpaid" => rec.kind == Kind::Invoice && unsigned && rec.meta.paid_full,
        "invoice-overdue" => {
            rec.kind == Kind::Invoice
                && unsigned
                && rec.meta.has_paid
                && rec.meta.issued + 45 < today()
        }
        "foreign-contact" => client_min && unsigned && g.clients.len() > 1,
        "duplicate-person-id" => false,
        "unknown-order" => {
            rec.kind == Kind::Schedule
                && unsigned
                && matches!(get(&rec.fields, "items"), Some(Node::Block(i)) if i.iter().any(|n| matches!(n, Node::Map(m) if get(m, "order").is_some())))
        }
        "missing-conclusion" | "internal-made-visible" => {
            is_minutes(rec) && rec.meta.meeting_kind == "internal"
        }
        "overdue-action" | "action-done-mismatch" => {
            is_minutes(rec) && unsigned && has_done_action(rec, true)
        }
        "done-in-future" => is_minutes(rec) && unsigned && has_done_action(rec, false),
        "meeting-overlap" => is_minutes(rec) && unsigned && rec.meta.timed.is_some(),
        "outline-not-sent" | "missing-review" => {
            client_min && unsigned && rec.meta.meeting_kind == "proposal"
        }
        "misplaced-proposal" => client_min && unsigned && rec.meta.meeting_kind == "client",
        "file-date-mismatch" => client_min && unsigned,
        "item-out-of-range" => rec.kind == Kind::Schedule && unsigned,
        "closed-without-invoice" => {
            rec.kind == Kind::Order
                && rec.status_final == 3
                && !rec
                    .meta
                    .links
                    .iter()
                    .any(|&l| g.recs[l].kind == Kind::Invoice)
        }
        "cross-client-mention" => {
            rec.client.is_some() && unsigned && rec.kind != Kind::Invoice && g.clients.len() > 1
        }
        "link-outside" | "broken-link" => {
            rec.client.is_some() && unsigned && rec.kind != Kind::Invoice
        }
        "missing-signoff" => {
            matches!(rec.kind, Kind::Order | Kind::Schedule) && !signed && rec.status_final == 0
        }
        "stale-signoff" => {
            rec.client.is_some()
                && signed
                && rec.kind != Kind::Invoice
                && rec
                    .lines
                    .iter()
                    .any(|l| l.len() > 30 && !l.starts_with('#'))
        }
        "signer-not-allowed" => {
            client_min
                && unsigned
                && rec.meta.meeting_kind != "internal"
                && rec
                    .client
                    .is_some_and(|c| g.clients[c].contacts.iter().any(|ct| !ct.can_sign))
        }
        _ => false,
    }
}

impl Gen {
    pub fn plant(&mut self, m: usize) -> Vec<Planted> {
        if m == 0 {
            return Vec::new();
        }
        let n = self.recs.len();
        // Candidates per kind, in a random order.
        let mut cands: Vec<Vec<usize>> = Vec::new();
        for (kind, _) in MISTAKES {
            // Popped from the end: unsigned records first, then signed ones.
            let mut strict = Vec::new();
            let mut fallback = Vec::new();
            for ri in 0..n {
                if eligible(self, ri, kind, false) {
                    strict.push(ri);
                } else if eligible(self, ri, kind, true) {
                    fallback.push(ri);
                }
            }
            self.rng.shuffle(&mut strict);
            self.rng.shuffle(&mut fallback);
            fallback.extend(strict);
            cands.push(fallback);
        }
        let mut client_pool: Vec<usize> = (0..self.clients.len()).collect();
        self.rng.shuffle(&mut client_pool);
        let mut reserved = vec![false; n];
        let mut order: Vec<usize> = (0..MISTAKES.len()).collect();
        self.rng.shuffle(&mut order);
        let mut out = Vec::new();
        let mut exhausted = vec![false; MISTAKES.len()];
        let mut fresh_seq = 9000usize;
        let mut k = 0usize;
        while out.len() < m && exhausted.iter().any(|e| !e) {
            let mi = order[k % order.len()];
            k += 1;
            if exhausted[mi] {
                continue;
            }
            let (kind, code) = MISTAKES[mi];
            if kind == "duplicate-person-id" {
                match client_pool.pop() {
                    Some(c) => out.push(self.dup_person(c, code)),
                    None => exhausted[mi] = true,
                }
                continue;
            }
            // The next candidate that is free, with its related records free too.
            let mut found = None;
            while let Some(ri) = cands[mi].pop() {
                if reserved[ri] {
                    continue;
                }
                let related = self.related(ri);
                if related.iter().any(|&x| reserved[x]) {
                    continue;
                }
                let partner = match kind {
                    "meeting-overlap" => match self.overlap_partner(ri, &reserved) {
                        Some(p) => Some(p),
                        None => continue,
                    },
                    "duplicate-number" => {
                        let c = self.recs[ri].client.unwrap_or(0);
                        let others: Vec<usize> = self.clients[c]
                            .orders
                            .iter()
                            .copied()
                            .filter(|&o| o != ri && !reserved[o])
                            .collect();
                        if others.is_empty() {
                            continue;
                        }
                        Some(*self.rng.pick(&others))
                    }
                    _ => None,
                };
                found = Some((ri, related, partner));
                break;
            }
            let Some((ri, related, partner)) = found else {
                exhausted[mi] = true;
                continue;
            };
            reserved[ri] = true;
            for x in related {
                reserved[x] = true;
            }
            if let Some(p) = partner {
                reserved[p] = true;
                for x in self.related(p) {
                    reserved[x] = true;
                }
            }
            fresh_seq += 1;
            let planted = self.apply(ri, kind, code, partner, fresh_seq);
            out.push(planted);
        }
        out
    }

    fn related(&self, ri: usize) -> Vec<usize> {
        let mut out = self.recs[ri].meta.links.clone();
        for &l in &self.recs[ri].meta.links {
            out.extend(self.recs[l].meta.links.iter().copied().filter(|&x| x != ri));
        }
        out
    }

    fn overlap_partner(&mut self, ri: usize, reserved: &[bool]) -> Option<usize> {
        let day = self.recs[ri].day;
        let same: Vec<usize> = (0..self.recs.len())
            .filter(|&x| {
                x != ri
                    && !reserved[x]
                    && self.recs[x].day == day
                    && is_minutes(&self.recs[x])
                    && self.recs[x].meta.timed.is_some()
            })
            .collect();
        if same.is_empty() {
            None
        } else {
            Some(*self.rng.pick(&same))
        }
    }

    fn dup_person(&mut self, c: usize, code: &'static str) -> Planted {
        let (f, l) = self.names_left.pop().unwrap_or((0, 0));
        let client = &self.clients[c];
        let dup = &client.contacts[client.contacts.len() - 1];
        let name = format!("{} {}", CFIRST[f], CLAST[l]);
        let extra = format!(
            "  - {{ id: {}, name: {name}, role: Assistant, email: {}@{}.example }}\n",
            dup.id,
            format!("{}.{}", CFIRST[f], CLAST[l]).to_ascii_lowercase(),
            client.word.to_ascii_lowercase()
        );
        let path = format!("clients/{}/client.md", client.id);
        let text = self.client_text[c].clone();
        // The new contact goes after the last one, before the closing fence.
        let close = text[4..]
            .find("\n---\n")
            .map(|i| i + 5)
            .unwrap_or(text.len());
        let new = format!("{}{extra}{}", &text[..close], &text[close..]);
        self.client_text[c] = new.clone();
        Planted {
            kind: "duplicate-person-id",
            code,
            also: None,
            file: path.clone(),
            writes: vec![(path, Some(new.into_bytes()))],
        }
    }
}
