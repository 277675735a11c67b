//! The model: records, clients and their contacts, the events of a record's life, and the
//! generator's state, which generates the records of every type in turn.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::Args;
use crate::dates::{Day, day_of, weekday};
use crate::rng::Rng;
use crate::yaml::{Node, field, get_mut, r};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Minutes,
    Internal,
    Order,
    Schedule,
    Invoice,
}

pub struct Contact {
    pub id: String,
    pub name: String,
    pub role: &'static str,
    pub email: String,
    pub phone: String,
    pub can_sign: bool,
    pub person: u32,
}

pub struct Client {
    pub id: String,
    pub name: String,
    pub word: String,
    pub cjk: Option<String>,
    pub industry: usize,
    pub ae: u8,
    pub sup: u8,
    pub contacts: Vec<Contact>,
    pub brand_agent: bool,
    pub portal: bool,
    pub status: &'static str,
    pub since: Day,
    pub from: Day,
    pub to: Day,
    pub usd: bool,
    /// Work orders (record indexes) in the order they were requested.
    pub orders: Vec<usize>,
}

impl Client {
    pub fn currency(&self) -> &'static str {
        if self.usd { "USD" } else { "CNY" }
    }
    pub fn signers(&self) -> Vec<usize> {
        (0..self.contacts.len())
            .filter(|&i| self.contacts[i].can_sign)
            .collect()
    }
}

/// An older version of one part of a record: an edit commit changes it to the next.
#[derive(Clone, Debug)]
pub enum Alt {
    Line(usize, String),
    Field(&'static str, Option<Node>),
}

/// A sign-off as planned; its digest is the record's final digest.
#[derive(Clone, Debug)]
pub struct PEntry {
    pub by: String,
    pub stage: &'static str,
    pub via: Option<&'static str>,
    pub day: Day,
}

/// What the mistakes need to know about a record.
#[derive(Default, Clone)]
pub struct Meta {
    pub number: Option<String>,
    /// Orders: the invoices and timetables that name it. Invoices and timetables: the
    /// orders they name.
    pub links: Vec<usize>,
    pub requested: Day,
    pub due: Day,
    pub timed: Option<(u32, u32)>,
    pub staff: Vec<u8>,
    pub meeting_kind: &'static str,
    pub paid_full: bool,
    pub has_paid: bool,
    pub issued: Day,
}

pub struct Rec {
    pub kind: Kind,
    pub client: Option<usize>,
    pub path: String,
    pub day: Day,
    pub label: String,
    pub fields: Vec<(&'static str, Node)>,
    pub lines: Vec<String>,
    pub alts: Vec<Alt>,
    pub entries: Vec<PEntry>,
    /// The sign-off lines, once the digest is known.
    pub entry_yaml: Vec<String>,
    pub digest: String,
    pub status_names: &'static [&'static str],
    pub status_final: u8,
    pub files: Vec<(String, String)>,
    pub meta: Meta,
}

pub const ORDER_STATUS: &[&str] = &[
    "draft",
    "approved",
    "in_progress",
    "delivered",
    "closed",
    "cancelled",
];

pub const SCHEDULE_STATUS: &[&str] = &["draft", "agreed"];

const NO_STATUS: &[&str] = &[];

pub const NONE: u8 = u8::MAX;

impl Rec {
    /// A record of `kind` with nothing in it yet: callers fill in what they have.
    pub fn blank(kind: Kind) -> Rec {
        Rec {
            kind,
            client: None,
            path: String::new(),
            day: 0,
            label: String::new(),
            fields: Vec::new(),
            lines: Vec::new(),
            alts: Vec::new(),
            entries: Vec::new(),
            entry_yaml: Vec::new(),
            digest: String::new(),
            status_names: NO_STATUS,
            status_final: NONE,
            files: Vec::new(),
            meta: Meta::default(),
        }
    }

    pub fn render(&self, k: usize, n_entries: usize, status: u8) -> String {
        let mut fields: Vec<(&str, Option<&Node>)> =
            self.fields.iter().map(|(k, v)| (*k, Some(v))).collect();
        let mut lines: Vec<&str> = self.lines.iter().map(String::as_str).collect();
        for alt in self.alts[k.min(self.alts.len())..].iter().rev() {
            match alt {
                Alt::Line(i, s) => lines[*i] = s,
                Alt::Field(key, old) => {
                    if let Some(f) = fields.iter_mut().find(|f| f.0 == *key) {
                        f.1 = old.as_ref();
                    }
                }
            }
        }
        let status = self.status_names.get(status as usize).copied();
        write_record(&fields, status, &self.entry_yaml[..n_entries], &lines)
    }

    pub fn render_final(&self) -> String {
        self.render(self.alts.len(), self.entry_yaml.len(), self.status_final)
    }

    /// The record as it ends up, for changing it.
    pub fn final_parts(&self) -> Final {
        let mut fields = self.fields.clone();
        if let Some(name) = self.status_names.get(self.status_final as usize)
            && let Some(v) = get_mut(&mut fields, "status")
        {
            *v = r(*name);
        }
        Final {
            fields,
            lines: self.lines.clone(),
            signoffs: self.entry_yaml.clone(),
        }
    }
}

pub struct Final {
    pub fields: Vec<(&'static str, Node)>,
    pub lines: Vec<String>,
    pub signoffs: Vec<String>,
}

impl Final {
    pub fn render(&self) -> String {
        let fields: Vec<(&str, Option<&Node>)> =
            self.fields.iter().map(|(k, v)| (*k, Some(v))).collect();
        let lines: Vec<&str> = self.lines.iter().map(String::as_str).collect();
        write_record(&fields, None, &self.signoffs, &lines)
    }
    /// The text without sign-offs: what a digest is taken of.
    pub fn unsigned(&self) -> String {
        let fields: Vec<(&str, Option<&Node>)> =
            self.fields.iter().map(|(k, v)| (*k, Some(v))).collect();
        let lines: Vec<&str> = self.lines.iter().map(String::as_str).collect();
        write_record(&fields, None, &[], &lines)
    }
}

pub fn write_record(
    fields: &[(&str, Option<&Node>)],
    status: Option<&str>,
    signoffs: &[String],
    lines: &[&str],
) -> String {
    let mut out = String::with_capacity(2048);
    out.push_str("---\n");
    for (k, v) in fields {
        match (*k, v, status) {
            ("status", _, Some(s)) => field(&mut out, 0, k, &r(s)),
            (_, Some(v), _) => field(&mut out, 0, k, v),
            _ => {}
        }
    }
    if !signoffs.is_empty() {
        out.push_str("signoffs:\n");
        for s in signoffs {
            out.push_str("  - ");
            out.push_str(s);
            out.push('\n');
        }
    }
    out.push_str("---\n");
    for l in lines {
        out.push_str(l);
        out.push('\n');
    }
    out
}

/// One step in a record's life, placed in a commit by the planner.
#[derive(Clone, Debug)]
pub struct Ev {
    pub day: Day,
    pub rec: usize,
    pub act: Act,
    /// The staff member who must author the commit (a staff sign-off).
    pub author: Option<u8>,
    /// Who records it otherwise.
    pub pref: u8,
}

#[derive(Clone, Debug)]
pub enum Act {
    Create,
    /// Sign-offs `first..first + n` of the record, and the status they bring.
    Sign {
        first: usize,
        n: usize,
        status: u8,
    },
    Status(u8),
}

/// A sentence's surroundings: whose record it is, who was there.
#[derive(Default, Clone)]
pub struct Ctx {
    pub client: Option<usize>,
    pub staff: Vec<u8>,
    pub contacts: Vec<usize>,
    pub order: Option<String>,
}

/// The generator: the clients and records so far, their events, and the random numbers
/// that decide the rest. Each record type's module adds its methods.
pub struct Gen {
    pub rng: Rng,
    pub n_records: usize,
    pub commits: Option<usize>,
    pub mistakes: usize,
    pub d0: Day,
    pub clients: Vec<Client>,
    pub weights: Vec<f64>,
    pub recs: Vec<Rec>,
    pub events: Vec<Ev>,
    pub busy: HashMap<u64, u32>,
    pub paths: HashSet<String>,
    pub names_left: Vec<(usize, usize)>,
    pub client_text: Vec<String>,
    /// Sentence templates the record being written has used.
    pub used: Vec<usize>,
}

impl Gen {
    pub fn new(a: &Args) -> Gen {
        let years = 3.max(a.records.div_ceil(15_000) as i32);
        let first_year = 2026 - years + 1;
        let d0 = weekday(day_of(first_year, 1, 6));
        Gen {
            rng: Rng::new(a.seed),
            n_records: a.records,
            commits: a.commits,
            mistakes: a.mistakes,
            d0,
            clients: Vec::new(),
            weights: Vec::new(),
            recs: Vec::new(),
            events: Vec::new(),
            busy: HashMap::new(),
            paths: HashSet::new(),
            names_left: Vec::new(),
            client_text: Vec::new(),
            used: Vec::new(),
        }
    }

    /// Makes `k` clients, then the records of every type in turn; returns how many records
    /// of each type there are.
    pub fn generate(&mut self, k: usize) -> BTreeMap<&'static str, usize> {
        self.make_clients(k);
        let n = self.n_records;
        let n_orders = (n as f64 * 0.25).round() as usize;
        let n_invoices = (n as f64 * 0.17).round() as usize;
        let n_timetables = (n as f64 * 0.10).round() as usize;
        let n_internal = (n as f64 * 0.08).round() as usize;
        let plans = self.orders(n_orders.min(n));
        let left = n - plans.len();
        let got_inv = self.invoices(&plans, n_invoices.min(left));
        let left = left - got_inv;
        let got_tt = self.timetables(&plans, n_timetables.min(left));
        let left = left - got_tt;
        let got_int = n_internal.min(left);
        for _ in 0..got_int {
            self.internal_minutes();
        }
        let left = left - got_int;
        for _ in 0..left {
            self.client_minutes();
        }
        let mut counts = BTreeMap::new();
        counts.insert("work_orders", plans.len());
        counts.insert("invoices", got_inv);
        counts.insert("timetables", got_tt);
        counts.insert("internal_minutes", got_int);
        counts.insert("client_minutes", left);
        counts
    }
}
