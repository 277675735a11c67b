//! Clients (`clients/<id>/client.md`) with their contacts, and the agency's `docket.yaml`.

use std::collections::HashSet;

use chrono::Datelike;

use crate::dates::{Day, ds, last_day, nd, weekday};
use crate::die;
use crate::model::{Client, Contact, Ctx, Gen, write_record};
use crate::text::{cap, slug, staff_id};
use crate::words::{
    ACTIONS, ADJ, AES, CALLS, CAMPAIGNS, CFIRST, CHANNELS, CITIES, CJK_A, CJK_B, CJK_SNIPPETS,
    CLAST, CLIENT_MEETINGS, CONCLUSIONS, COST_ITEMS, CROLES, DAYS, DECISIONS, DELIVERABLES,
    DIRECTORS, DOMAIN, INDUSTRY, INTERNAL_DECISIONS, INTERNAL_MEETINGS, INTERNAL_REMARKS,
    ITEM_TASKS, NOUN, ORDER_KINDS, PLACES, PRODUCTS, PROPOSAL_CONTENT, PROPOSAL_STRATEGY, SEASONS,
    SECTIONS, SENTENCES, STAFF, SYL_A, SYL_B, THINGS, VENDORS, VISITS,
};
use crate::yaml::{Node, r, t};

impl Gen {
    fn vocabulary() -> HashSet<String> {
        let mut words = HashSet::new();
        let lists: &[&[&str]] = &[
            CAMPAIGNS,
            THINGS,
            ADJ,
            NOUN,
            DAYS,
            CHANNELS,
            SEASONS,
            VENDORS,
            DELIVERABLES,
            COST_ITEMS,
            SENTENCES,
            INTERNAL_REMARKS,
            DECISIONS,
            INTERNAL_DECISIONS,
            CONCLUSIONS,
            PROPOSAL_CONTENT,
            PROPOSAL_STRATEGY,
            ACTIONS,
            SECTIONS,
            CLIENT_MEETINGS,
            CALLS,
            VISITS,
            INTERNAL_MEETINGS,
            ITEM_TASKS,
            PLACES,
            CITIES,
            CFIRST,
            CLAST,
            CROLES,
            INDUSTRY,
            ORDER_KINDS,
        ];
        for list in lists {
            for s in *list {
                for w in s.split(|c: char| !c.is_ascii_alphabetic()) {
                    if !w.is_empty() {
                        words.insert(w.to_ascii_lowercase());
                    }
                }
            }
        }
        for p in PRODUCTS {
            for s in *p {
                for w in s.split(|c: char| !c.is_ascii_alphabetic()) {
                    words.insert(w.to_ascii_lowercase());
                }
            }
        }
        for (id, name, _) in STAFF {
            for w in id.split('.').chain(name.split(' ')) {
                words.insert(w.to_ascii_lowercase());
            }
        }
        words
    }

    /// Cost items and vendors are internal text: a portal that showed one would be refused.
    fn check_internal_words() {
        let public: Vec<String> = [
            SENTENCES,
            DECISIONS,
            ACTIONS,
            DELIVERABLES,
            ITEM_TASKS,
            THINGS,
            CAMPAIGNS,
            NOUN,
            SECTIONS,
            CLIENT_MEETINGS,
            CALLS,
            VISITS,
            PROPOSAL_CONTENT,
            PROPOSAL_STRATEGY,
            PLACES,
        ]
        .iter()
        .flat_map(|l| l.iter().map(|s| s.to_lowercase()))
        .collect();
        for w in COST_ITEMS.iter().chain(VENDORS) {
            let w = w.to_lowercase();
            assert!(
                !public.iter().any(|p| p.contains(&w)),
                "{w} occurs in public text"
            );
        }
    }

    pub fn make_clients(&mut self, k: usize) {
        Self::check_internal_words();
        let cjk_a: Vec<char> = CJK_A.chars().collect();
        let cjk_b: Vec<char> = CJK_B.chars().collect();
        assert!(cjk_a.len() >= SYL_A.len() && cjk_b.len() >= 2 * SYL_B.len());
        let alias_chars: HashSet<char> = cjk_a.iter().chain(cjk_b.iter()).copied().collect();
        assert_eq!(
            alias_chars.len(),
            cjk_a.len() + cjk_b.len(),
            "alias characters repeat"
        );
        for s in CJK_SNIPPETS.iter().chain(["内部"].iter()) {
            assert!(!s.chars().any(|c| alias_chars.contains(&c)), "{s}");
        }
        let vocab = Self::vocabulary();
        // Pairs that make a word of the text ("jor" + "vik" is a contact's surname) are out.
        let mut pairs: Vec<usize> = (0..SYL_A.len() * SYL_B.len())
            .filter(|&p| {
                let word = format!("{}{}", SYL_A[p / SYL_B.len()], SYL_B[p % SYL_B.len()]);
                !vocab.contains(&word)
            })
            .collect();
        let pairs_max = pairs.len();
        let names_max = CFIRST.len() * CLAST.len();
        if k > pairs_max || k * 4 + 64 > names_max {
            die(format!(
                "at most {} clients can get names that never collide",
                pairs_max.min((names_max - 64) / 4)
            ));
        }
        let rng = &mut self.rng;
        rng.shuffle(&mut pairs);
        let mut names: Vec<(usize, usize)> = (0..CFIRST.len())
            .flat_map(|a| (0..CLAST.len()).map(move |b| (a, b)))
            .collect();
        rng.shuffle(&mut names);
        let span = last_day() - self.d0;
        let mut person = STAFF.len() as u32;
        for (i, &pair) in pairs.iter().take(k).enumerate() {
            let rng = &mut self.rng;
            let (a, b) = (pair / SYL_B.len(), pair % SYL_B.len());
            let word = cap(&format!("{}{}", SYL_A[a], SYL_B[b]));
            let industry = (i * 7 + rng.below(3)) % INDUSTRY.len();
            let name = format!("{word} {}", INDUSTRY[industry]);
            let id = slug(&name);
            let cjk = rng
                .chance(0.5)
                .then(|| format!("{}{}{}", cjk_a[a], cjk_b[2 * b], cjk_b[2 * b + 1]));
            let ae = if rng.chance(0.85) {
                *rng.pick(AES)
            } else {
                *rng.pick(DIRECTORS)
            };
            let sup = if ae == DIRECTORS[0] {
                DIRECTORS[1]
            } else if ae == DIRECTORS[1] {
                DIRECTORS[0]
            } else {
                *rng.pick(DIRECTORS)
            };
            let n_contacts = rng.range(2, 4) as usize;
            let mut contacts = Vec::new();
            for j in 0..n_contacts {
                let (f, l) = names.pop().unwrap();
                let cid = format!("{}.{}", CFIRST[f], CLAST[l]).to_ascii_lowercase();
                let can_sign = j == 0 || (j < n_contacts - 1 && rng.chance(0.4));
                contacts.push(Contact {
                    email: format!("{cid}@{}.example", word.to_ascii_lowercase()),
                    id: cid,
                    name: format!("{} {}", CFIRST[f], CLAST[l]),
                    role: CROLES[(j + rng.below(2)) % CROLES.len()],
                    phone: format!(
                        "+86 {} {:04} {:04}",
                        rng.pick(&["21", "571", "755", "10", "138", "186", "139"]),
                        rng.range(1000, 9999),
                        rng.range(1000, 9999)
                    ),
                    can_sign,
                    person,
                });
                person += 1;
            }
            let late = rng.chance(0.3);
            let from = if late {
                weekday(self.d0 + rng.range(0, i64::from(span) * 6 / 10) as i32)
            } else {
                self.d0
            };
            let status = match rng.below(100) {
                0..=3 => "former",
                4..=9 => "paused",
                _ => "active",
            };
            let to = if status == "active" {
                last_day()
            } else {
                let end = last_day() - rng.range(60, i64::from(span / 2)) as i32;
                end.max(from + 120).min(last_day())
            };
            let since = if late {
                from
            } else {
                from - rng.range(0, 700) as i32
            };
            let weight = 0.25 + rng.unit().powi(2) * 2.5;
            self.weights.push(weight);
            // Portals go to about 30% of the clients, picked so that their share of the
            // records stays near 30% whatever the number of clients: sites of 40 and of
            // 1,000 clients then show the same share of their records twice (on the
            // agency's site and on a portal), and compare page for page.
            let draw = rng.chance(0.3);
            let total: f64 = self.weights.iter().sum();
            let shown: f64 = self
                .clients
                .iter()
                .zip(&self.weights)
                .filter(|(c, _)| c.portal)
                .map(|(_, w)| w)
                .sum();
            let portal = match (shown + weight) / total {
                share if share <= 0.3 => true,
                _ if shown / total >= 0.3 => false,
                _ => draw,
            };
            self.clients.push(Client {
                id,
                name,
                word,
                cjk,
                industry,
                ae,
                sup,
                contacts,
                brand_agent: rng.chance(0.15),
                portal,
                status,
                since,
                from,
                to,
                usd: rng.chance(0.06),
                orders: Vec::new(),
            });
        }
        self.names_left = names;
    }

    pub fn pick_client(&mut self) -> usize {
        let total: f64 = self.weights.iter().sum();
        let mut x = self.rng.unit() * total;
        for (i, w) in self.weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        self.weights.len() - 1
    }

    /// A weekday in the client's active years, before `last_day() - margin`.
    pub fn client_day(&mut self, c: usize, margin: i32) -> Day {
        let (from, to) = (
            self.clients[c].from,
            self.clients[c].to.min(last_day() - margin),
        );
        let d = from + self.rng.range(0, i64::from((to - from).max(0))) as i32;
        weekday(d).max(from.min(to))
    }

    pub fn client_md(&mut self, ci: usize) -> String {
        self.used.clear();
        let c = &self.clients[ci];
        let mut aliases = vec![t(c.word.clone())];
        if let Some(cjk) = &c.cjk {
            aliases.push(t(cjk.clone()));
        }
        let mut fields: Vec<(&'static str, Node)> = vec![
            ("name", t(c.name.clone())),
            ("aliases", Node::Flow(aliases)),
        ];
        if c.brand_agent {
            fields.push(("brand_agent", r("true")));
        }
        fields.push(("ae", r(staff_id(c.ae))));
        fields.push(("supervisor", r(staff_id(c.sup))));
        fields.push(("status", r(c.status)));
        fields.push(("since", r(ds(c.since))));
        fields.push(("portal", r(if c.portal { "true" } else { "false" })));
        let contacts = c
            .contacts
            .iter()
            .map(|ct| {
                let mut m = vec![
                    ("id", r(ct.id.clone())),
                    ("name", t(ct.name.clone())),
                    ("role", t(ct.role)),
                    ("email", r(ct.email.clone())),
                    ("phone", Node::Q(ct.phone.clone())),
                ];
                if ct.can_sign {
                    m.push(("can_sign", r("true")));
                }
                Node::Map(m)
            })
            .collect();
        fields.push(("contacts", Node::Block(contacts)));
        let ctx = Ctx {
            client: Some(ci),
            staff: vec![c.ae, c.sup],
            ..Ctx::default()
        };
        let name = c.name.clone();
        let city = *self.rng.pick(CITIES);
        let prod = *self.rng.pick(PRODUCTS[c.industry]);
        let since = nd(c.since);
        let mut lines = vec![
            format!("# {name}: account notes"),
            String::new(),
            format!(
                "Headquartered in {city}. Client since {} {}; the work this year centres on {prod}.",
                since.format("%B"),
                since.year()
            ),
            String::new(),
            "## People".to_string(),
        ];
        let people: Vec<(String, &'static str, bool)> = self.clients[ci]
            .contacts
            .iter()
            .map(|ct| (ct.name.clone(), ct.role, ct.can_sign))
            .collect();
        for (n, role, sign) in people {
            let rest = if sign {
                "signs orders and timetables"
            } else {
                "cannot sign; loop them in on the details"
            };
            lines.push(format!("- **{n}** ({role}) {rest}."));
        }
        lines.push(String::new());
        lines.push("## Working with them".to_string());
        for _ in 0..2 {
            let s = self.sentence(&ctx);
            lines.push(format!("- {s}"));
        }
        lines.push(String::new());
        lines.push("## Billing".to_string());
        let tpl = *self.rng.pick(INTERNAL_REMARKS);
        let s = self.fill(&ctx, tpl);
        lines.push(s);
        let fields: Vec<(&str, Option<&Node>)> =
            fields.iter().map(|(k, v)| (*k, Some(v))).collect();
        let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
        write_record(&fields, None, &[], &lines)
    }

    pub fn docket_yaml(&self) -> String {
        let mut out = String::from(
            "# Northwind Creative: a generated docket workspace.\n\
             agency: Northwind Creative\n\
             currency: CNY\n\
             timezone: Asia/Shanghai\n\
             payment_terms_days: 45\n\
             weekly_report: { weekday: monday, time: \"12:00\" }\n\
             numbering: { work_order: \"WO-{year}-{seq:4}\", invoice: \"INV-{year}-{seq:4}\" }\n\
             internal_headings: [Internal, 内部]\n\
             staff:\n",
        );
        for (id, name, role) in STAFF {
            out.push_str(&format!(
                "  - {{ id: {id}, name: {name}, email: {id}@{DOMAIN}, role: {role} }}\n"
            ));
        }
        out
    }
}
