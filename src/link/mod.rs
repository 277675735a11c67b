//! Link stage: the parsed records become one workspace model. Clients by id, people
//! (staff and contacts) by id, work orders and invoices by number. Ids that two things
//! claim are reported here; references are checked by the rules.

pub(crate) mod markers;

use std::collections::BTreeSet;

/// The maps of ids the rules look up for every record: hashed with FxHash, which is
/// several times faster than the standard hasher on short ids (the ids are the
/// workspace's own, not chosen to collide).
type HashMap<K, V> = rustc_hash::FxHashMap<K, V>;
use std::path::PathBuf;

use crate::model::problem::{DuplicateNumber, DuplicatePersonId, MissingClientFile, Problem};
use crate::model::records::{
    ClientInfo, ClientStatus, Contact, Data, Invoice, Minutes, Schedule, WorkOrder,
};
use crate::model::settings::Config;
use crate::parse::Parsed;
use crate::source::{FileId, SourceMap, Span};

/// A client: its folder id and its `client.md` (if it parsed).
#[derive(Debug)]
pub struct Client {
    pub id: String,
    pub file: Option<FileId>,
    pub info: Option<ClientInfo>,
}

impl Client {
    pub fn name(&self) -> &str {
        self.info
            .as_ref()
            .and_then(|i| i.name.as_ref())
            .map(|n| n.value.as_str())
            .unwrap_or(&self.id)
    }

    pub fn contacts(&self) -> &[Contact] {
        self.info
            .as_ref()
            .map(|i| i.contacts.as_slice())
            .unwrap_or(&[])
    }
}

/// A record that is not a `client.md`.
#[derive(Debug)]
pub struct Record {
    pub file: FileId,
    /// Index into [`Workspace::clients`]; `None` for agency records under `internal/`.
    pub client: Option<usize>,
    /// Shared, as the files are (see [`SourceMap`]).
    pub parsed: std::sync::Arc<Parsed>,
}

impl Record {
    /// Minutes a client may see: client minutes in a client's folder (see
    /// `Minutes::visible_in_client_folder`). `None` for other records.
    pub fn client_visible_minutes(&self) -> Option<&Minutes> {
        self.client?;
        self.minutes().filter(|m| m.visible_in_client_folder())
    }

    /// How the record is named in lists (see `Data::label`).
    pub fn label(&self) -> String {
        self.parsed.data.label()
    }

    pub fn minutes(&self) -> Option<&Minutes> {
        match &self.parsed.data {
            Data::Minutes(m) => Some(m),
            _ => None,
        }
    }
    pub fn order(&self) -> Option<&WorkOrder> {
        match &self.parsed.data {
            Data::Order(o) => Some(o),
            _ => None,
        }
    }
    pub fn schedule(&self) -> Option<&Schedule> {
        match &self.parsed.data {
            Data::Schedule(s) => Some(s),
            _ => None,
        }
    }
    pub fn invoice(&self) -> Option<&Invoice> {
        match &self.parsed.data {
            Data::Invoice(i) => Some(i),
            _ => None,
        }
    }
}

/// Who a person id names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Person {
    /// Index into `config.staff`.
    Staff(usize),
    /// A contact: client index and contact index.
    Contact { client: usize, index: usize },
}

/// The whole workspace, linked.
#[derive(Debug)]
pub struct Workspace {
    pub root: PathBuf,
    pub config: Config,
    pub config_file: Option<FileId>,
    pub sources: SourceMap,
    /// Sorted by id.
    pub clients: Vec<Client>,
    /// In path order.
    pub records: Vec<Record>,
    /// Client index -> indexes of its records, in path order (see `records_of`).
    by_client: Vec<Vec<usize>>,
    /// Every file under `clients/` and `internal/`, for link checks.
    pub files: BTreeSet<String>,
    /// Every symbolic link under `clients/` and `internal/` (not followed).
    pub links: BTreeSet<String>,
    pub people: HashMap<String, Person>,
    /// Work order number -> record index (the first, if duplicated).
    pub orders: HashMap<String, usize>,
    /// Invoice number -> record index.
    pub invoices: HashMap<String, usize>,
    /// The commit the workspace was read from (`--at REV`); `None`: the folder on disk.
    pub at: Option<std::sync::Arc<crate::git::snapshot::Snapshot>>,
}

impl Workspace {
    /// The cache store `name` of this workspace (`load::cache`), unless the cache `which`
    /// is turned off. A workspace read from a past commit (`--at`) reads with none, so as
    /// not to push the present's entries out.
    pub(crate) fn store(&self, name: &str, which: &str) -> crate::load::cache::Store {
        if self.at.is_some() {
            return crate::load::cache::Store::off();
        }
        let settings = self
            .config_file
            .map_or("", |f| self.sources.get(f).text.as_str());
        crate::load::cache::Store::open(&self.root, name, which, settings)
    }

    /// The body of client `ci`'s `client.md`: the agency's notes on the client, never
    /// shown to it. Empty without a `client.md` that parsed.
    pub fn client_notes(&self, ci: usize) -> &str {
        let c = &self.clients[ci];
        let (Some(file), Some(_)) = (c.file, &c.info) else {
            return "";
        };
        let source = self.sources.get(file);
        crate::parse::frontmatter::split(source, file)
            .ok()
            .and_then(|parts| source.text.get(parts.body.0..parts.body.1))
            .unwrap_or("")
    }

    /// The records of client `client`, in path order, without walking every record (the
    /// views of a workspace with hundreds of clients ask once per client).
    pub fn records_of(&self, client: usize) -> impl Iterator<Item = &Record> + '_ {
        self.by_client
            .get(client)
            .into_iter()
            .flatten()
            .map(|&ri| &self.records[ri])
    }

    pub fn person(&self, id: &str) -> Option<Person> {
        self.people.get(id).copied()
    }

    pub fn person_name(&self, id: &str) -> String {
        match self.person(id) {
            Some(Person::Staff(i)) => self.config.staff[i].name.clone(),
            Some(Person::Contact { client, index }) => {
                self.clients[client].contacts()[index].name.value.clone()
            }
            None => id.to_string(),
        }
    }

    pub fn path(&self, file: FileId) -> &str {
        &self.sources.get(file).path
    }

    /// Indexes of the clients with `status: active` (the default).
    pub fn active_clients(&self) -> impl Iterator<Item = usize> + '_ {
        self.clients.iter().enumerate().filter_map(|(i, c)| {
            c.info
                .as_ref()
                .is_some_and(|info| info.status == ClientStatus::Active)
                .then_some(i)
        })
    }

    pub fn client_of(&self, record: &Record) -> Option<&Client> {
        record.client.map(|c| &self.clients[c])
    }
}

/// Everything the parse stage produced, ready to link.
pub(crate) struct Unlinked {
    pub root: PathBuf,
    pub config: Config,
    pub config_file: Option<FileId>,
    pub sources: SourceMap,
    pub files: BTreeSet<String>,
    pub links: BTreeSet<String>,
    pub client_dirs: BTreeSet<String>,
    /// (client id, file, parsed client.md)
    pub clients: Vec<(String, FileId, Option<std::sync::Arc<Parsed>>)>,
    /// (client id or None, file, parsed record)
    pub records: Vec<(Option<String>, FileId, std::sync::Arc<Parsed>)>,
    pub at: Option<std::sync::Arc<crate::git::snapshot::Snapshot>>,
}

/// Builds the workspace model and reports ids claimed twice.
pub(crate) fn link(u: Unlinked, problems: &mut Vec<Problem>) -> Workspace {
    let mut clients: Vec<Client> = u
        .client_dirs
        .iter()
        .map(|id| Client {
            id: id.clone(),
            file: None,
            info: None,
        })
        .collect();
    for (id, file, parsed) in u.clients {
        if let Some(c) = clients.iter_mut().find(|c| c.id == id) {
            c.file = Some(file);
            c.info = parsed.and_then(|p| match &p.data {
                Data::Client(info) => Some(info.clone()),
                _ => None,
            });
        }
    }
    let positions: std::collections::HashMap<String, usize> = clients
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.clone(), i))
        .collect();
    let index_of = |id: &str| positions.get(id).copied();
    let mut records = Vec::with_capacity(u.records.len());
    let mut reported_missing = BTreeSet::new();
    for (client, file, parsed) in u.records {
        let ci = client.as_deref().and_then(index_of);
        if let Some(i) = ci
            && clients[i].file.is_none()
            && reported_missing.insert(i)
        {
            problems.push(
                MissingClientFile {
                    at: Span::file_start(file),
                    client: clients[i].id.clone(),
                }
                .into(),
            );
        }
        records.push(Record {
            file,
            client: ci,
            parsed,
        });
    }
    let mut by_client = vec![Vec::new(); clients.len()];
    for (ri, r) in records.iter().enumerate() {
        if let Some(list) = r.client.and_then(|ci| by_client.get_mut(ci)) {
            list.push(ri);
        }
    }
    let people = index_people(&u.config, &clients, problems);
    let (orders, invoices) = index_numbers(&records, problems);
    Workspace {
        at: u.at,
        root: u.root,
        config: u.config,
        config_file: u.config_file,
        sources: u.sources,
        clients,
        records,
        by_client,
        files: u.files,
        links: u.links,
        people,
        orders,
        invoices,
    }
}

/// Every person by id: staff and each client's contacts; an id claimed twice is a problem.
fn index_people(
    config: &Config,
    clients: &[Client],
    problems: &mut Vec<Problem>,
) -> HashMap<String, Person> {
    let mut first: HashMap<String, Span> = HashMap::default();
    let mut claim = |id: &str, span: Span, person: Person, people: &mut HashMap<String, Person>| {
        if let Some(prev) = first.get(id) {
            problems.push(
                DuplicatePersonId {
                    at: span,
                    id: id.to_string(),
                    first: *prev,
                }
                .into(),
            );
        } else {
            first.insert(id.to_string(), span);
            people.insert(id.to_string(), person);
        }
    };
    let mut people = HashMap::default();
    for (i, s) in config.staff.iter().enumerate() {
        claim(&s.id.value, s.id.span, Person::Staff(i), &mut people);
    }
    for (ci, c) in clients.iter().enumerate() {
        for (index, contact) in c.contacts().iter().enumerate() {
            claim(
                &contact.id.value,
                contact.id.span,
                Person::Contact { client: ci, index },
                &mut people,
            );
        }
    }
    people
}

/// Work orders and invoices by number; a number used twice is a problem.
fn index_numbers(records: &[Record], problems: &mut Vec<Problem>) -> (Numbers, Numbers) {
    let mut orders: HashMap<String, usize> = HashMap::default();
    let mut invoices: HashMap<String, usize> = HashMap::default();
    for (i, r) in records.iter().enumerate() {
        let (number, map, what) = match &r.parsed.data {
            Data::Order(o) => (o.number.as_ref(), &mut orders, "work order"),
            Data::Invoice(inv) => (inv.number.as_ref(), &mut invoices, "invoice"),
            _ => continue,
        };
        let Some(number) = number else { continue };
        if let Some(&prev) = map.get(&number.value) {
            let prev_span = match &records[prev].parsed.data {
                Data::Order(o) => o.number.as_ref().map(|n| n.span),
                Data::Invoice(inv) => inv.number.as_ref().map(|n| n.span),
                _ => None,
            };
            problems.push(
                DuplicateNumber {
                    at: number.span,
                    what,
                    number: number.value.clone(),
                    first: prev_span,
                }
                .into(),
            );
        } else {
            map.insert(number.value.clone(), i);
        }
    }
    (orders, invoices)
}

/// Record indexes by number.
type Numbers = HashMap<String, usize>;

/// A person id written in a record, and whether it must name staff.
pub(crate) struct PersonRef<'a> {
    pub id: &'a crate::model::values::Sp<String>,
    pub field: &'static str,
    pub staff_only: bool,
}

/// Every person id a record names.
pub(crate) fn person_refs(data: &Data) -> Vec<PersonRef<'_>> {
    let mut out: Vec<PersonRef<'_>> = Vec::new();
    let mut add = |id, field, staff_only| {
        out.push(PersonRef {
            id,
            field,
            staff_only,
        })
    };
    match data {
        Data::Client(c) => {
            c.ae.iter().for_each(|id| add(id, "ae", true));
            c.supervisor
                .iter()
                .for_each(|id| add(id, "supervisor", true));
        }
        Data::Minutes(m) => {
            m.invited.iter().for_each(|id| add(id, "invited", false));
            m.attended.iter().for_each(|id| add(id, "attended", false));
            m.actions
                .iter()
                .filter_map(|a| a.owner.as_ref())
                .for_each(|id| add(id, "owner", false));
        }
        Data::Order(o) => o.team.iter().for_each(|id| add(id, "team", true)),
        Data::Schedule(s) => s
            .items
            .iter()
            .filter_map(|a| a.owner.as_ref())
            .for_each(|id| add(id, "owner", false)),
        Data::Invoice(_) => {}
    }
    for s in data.signoffs() {
        add(&s.by, "by", false);
    }
    out
}
