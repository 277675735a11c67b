//! Writes a docket workspace with a git history, for benchmarks and tests.
//!
//! ```text
//! cargo run --release --example gen -- [--records N] [--clients K] [--commits C]
//!     [--seed S] [--mistakes M] [--list-mistakes FILE] OUT
//! ```
//!
//! `OUT` (which must not exist, or be empty) becomes a git repository whose top folder is a
//! docket workspace: `docket.yaml` (an agency in Shanghai with 20 staff), `K` clients
//! (`clients/<id>/client.md`) and `N` records in the proportions of a working agency:
//! about 40% client minutes, 8% internal meetings (`internal/minutes/`), 25% work orders,
//! 17% invoices and 10% timetables, spread over several years (at least three; one more
//! for every 15,000 records, so that `WO-{year}-{seq:4}` and `INV-{year}-{seq:4}` never
//! run out of numbers). Every record date is on or before 2026-11-20 and the history ends
//! on 2026-11-22, so the workspace is meant to be checked with `--today 2026-11-23`.
//!
//! Defaults: `N` = 1000, `K` = max(3, N / 250), `C` = N / 2 (or the least that works, see
//! below, when that is more), seed 1, no mistakes.
//!
//! # The records
//!
//! Client names are made of syllables that form no word of the generated text, and every
//! contact has a name no other contact has, so a client's records never name another
//! client. Meetings are scheduled so that nobody is invited to two at once. Actions and
//! timetable items due before 2026-11-23 are done (or dropped); only the last weeks have
//! open work. Invoices whose 45 days have run out are paid; invoices never bill more than
//! their orders' budgets. A work order's status follows its dates: approved orders carry
//! an `approved` sign-off by a staff member and one by a signing contact, delivered and
//! closed orders a `delivered` sign-off by every team member and a signing contact, and
//! closed orders an invoice that lists them and is paid. Agreed timetables carry the
//! AE's sign-off, and a signing contact's when the client is a brand agent; most client
//! minutes are confirmed by a signing contact (mostly by email); some invoices are
//! approved by finance. Digests are computed with docket's own parser and
//! `signoff::digest`. Cost items and vendors never occur in text a client sees, so
//! `docket build` and weekly reports pass their leak scan.
//!
//! # The history
//!
//! One `git fast-import` stream writes exactly `C` commits, by the staff, with author dates
//! that increase up to 2026-11-22 (+08:00):
//!
//! 1. one setup commit: `docket.yaml`, `.gitignore`, a README and every `client.md`;
//! 2. the timeline is cut into batches of days; each batch has one commit creating the
//!    records of its days (with their attachments), then edit commits that change 1-3
//!    records not signed yet (a reworded sentence, a moved due date, a payment recorded),
//!    then one sign-off commit per staff member who signs in those days, authored by
//!    that member (a contact's confirmation is recorded by staff, the AE when they
//!    commit in that batch). Status changes that need no signature (`in_progress`,
//!    `closed`, `cancelled`) ride along. A batch's commits are dated in office hours on
//!    the days after it, so a sign-off is never committed before its date.
//! 3. with `--mistakes`, one last commit plants the mistakes.
//!
//! The generator picks the largest number of batches that leaves at least 30% of the
//! commits to edits. The least `C` that works is 1 (setup) + 1 (one creating batch) + one
//! sign-off commit per staff member who signs (about 20) + 1 with mistakes; a smaller `C`
//! is refused with the number needed.
//!
//! Everything is deterministic for a seed (a splitmix64 generator, no clock, no hash
//! order): the same arguments give the same files and the same commit ids.
//!
//! # Mistakes
//!
//! `--mistakes M` plants `M` mistakes in the last commit, round-robin over about fifty
//! kinds (fewer when a kind runs out of records that fit), each on its own record (one
//! without sign-offs when there is one), chosen so that it cannot hide another: every
//! planted mistake gives at least the diagnostic its kind names (see `MISTAKES`).
//! `--list-mistakes FILE` writes them as JSON lines `{"kind", "code", "file", "also"}`,
//! for checking that; `also` is the other record of a two-record mistake (a duplicate
//! number, an overlap of two meetings), where docket may report it instead.
//!
//! A JSON summary is printed on standard output; the time taken on standard error.

#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use chrono::{Datelike, NaiveDate, Weekday};
use rayon::prelude::*;

// ---------------------------------------------------------------------------- arguments

struct Args {
    records: usize,
    clients: usize,
    /// `None`: records / 2, or the least that works if that is more.
    commits: Option<usize>,
    seed: u64,
    mistakes: usize,
    list_mistakes: Option<PathBuf>,
    out: PathBuf,
}

const USAGE: &str = "usage: gen [--records N] [--clients K] [--commits C] [--seed S] \
                     [--mistakes M] [--list-mistakes FILE] OUT";

fn die(msg: impl std::fmt::Display) -> ! {
    eprintln!("gen: {msg}");
    std::process::exit(2)
}

fn parse_args() -> Args {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let mut records = 1000usize;
    let mut clients = None;
    let mut commits = None;
    let mut seed = 1u64;
    let mut mistakes = 0usize;
    let mut list_mistakes = None;
    let mut out = None;
    let mut i = 0;
    while i < argv.len() {
        let a = argv[i].as_str();
        let mut value = || -> String {
            i += 1;
            argv.get(i)
                .cloned()
                .unwrap_or_else(|| die(format!("{a} needs a value\n{USAGE}")))
        };
        let number = |v: String| -> u64 {
            v.parse()
                .unwrap_or_else(|_| die(format!("`{v}` is not a number\n{USAGE}")))
        };
        match a {
            "--records" => records = number(value()) as usize,
            "--clients" => clients = Some(number(value()) as usize),
            "--commits" => commits = Some(number(value()) as usize),
            "--seed" => seed = number(value()),
            "--mistakes" => mistakes = number(value()) as usize,
            "--list-mistakes" => list_mistakes = Some(PathBuf::from(value())),
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0)
            }
            s if s.starts_with('-') => die(format!("unknown option {s}\n{USAGE}")),
            s => {
                if out.is_some() {
                    die(format!("one OUT folder only\n{USAGE}"));
                }
                out = Some(PathBuf::from(s));
            }
        }
        i += 1;
    }
    let out = out.unwrap_or_else(|| die(USAGE));
    if records < 1 {
        die("--records must be at least 1");
    }
    let clients = clients.unwrap_or((records / 250).max(3));
    if clients < 1 {
        die("--clients must be at least 1");
    }
    Args {
        records,
        clients,
        commits,
        seed,
        mistakes,
        list_mistakes,
        out,
    }
}

// ---------------------------------------------------------------------------- randomness

/// splitmix64: small, fast, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// 0..n
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        ((u128::from(self.next()) * n as u128) >> 64) as usize
    }
    /// lo..=hi
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + self.below((hi - lo + 1) as usize) as i64
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    fn word(&mut self, s: &[&'static str]) -> &'static str {
        s[self.below(s.len())]
    }
    fn pick<'a, T>(&mut self, s: &'a [T]) -> &'a T {
        &s[self.below(s.len())]
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
    /// Between `lo` and `hi` distinct indexes of 0..n.
    fn sample_between(&mut self, n: usize, lo: i64, hi: i64) -> Vec<usize> {
        let k = self.range(lo, hi) as usize;
        self.sample(n, k)
    }
    /// `k` distinct indexes of 0..n, in random order.
    fn sample(&mut self, n: usize, k: usize) -> Vec<usize> {
        let mut all: Vec<usize> = (0..n).collect();
        let k = k.min(n);
        for i in 0..k {
            let j = i + self.below(n - i);
            all.swap(i, j);
        }
        all.truncate(k);
        all
    }
}

// ---------------------------------------------------------------------------- dates

/// Days are numbered from the common era (chrono's `num_days_from_ce`).
type Day = i32;

fn day_of(y: i32, m: u32, d: u32) -> Day {
    NaiveDate::from_ymd_opt(y, m, d).unwrap().num_days_from_ce()
}

fn nd(d: Day) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(d).unwrap()
}

fn ds(d: Day) -> String {
    let n = nd(d);
    format!("{:04}-{:02}-{:02}", n.year(), n.month(), n.day())
}

fn year_of(d: Day) -> i32 {
    nd(d).year()
}

/// A weekend day moves back to the Friday before.
fn weekday(d: Day) -> Day {
    match nd(d).weekday() {
        Weekday::Sat => d - 1,
        Weekday::Sun => d - 2,
        _ => d,
    }
}

/// Unix time of a local time of day in the workspace timezone (+08:00).
fn unix(d: Day, seconds_of_day: i64) -> i64 {
    let epoch = day_of(1970, 1, 1);
    i64::from(d - epoch) * 86_400 + seconds_of_day - 8 * 3600
}

fn today() -> Day {
    day_of(2026, 11, 23)
}
/// The last day anything happens on: the Friday before `today`.
fn last_day() -> Day {
    day_of(2026, 11, 20)
}

// ---------------------------------------------------------------------------- word lists

const STAFF: &[(&str, &str, &str)] = &[
    ("du.mei", "Du Mei", "account_director"),
    ("xu.bo", "Xu Bo", "account_director"),
    ("qian.hao", "Qian Hao", "ae"),
    ("song.wanqing", "Song Wanqing", "ae"),
    ("lin.jiayi", "Lin Jiayi", "ae"),
    ("zhou.yang", "Zhou Yang", "ae"),
    ("he.lan", "He Lan", "ae"),
    ("lu.zhiyuan", "Lu Zhiyuan", "creative"),
    ("fang.qi", "Fang Qi", "creative"),
    ("cao.min", "Cao Min", "creative"),
    ("ye.ning", "Ye Ning", "creative"),
    ("he.xiaoman", "He Xiaoman", "media"),
    ("wu.tingting", "Wu Tingting", "media"),
    ("tang.rui", "Tang Rui", "planner"),
    ("pan.yue", "Pan Yue", "planner"),
    ("bai.jun", "Bai Jun", "production"),
    ("gu.hai", "Gu Hai", "production"),
    ("kong.lihua", "Kong Lihua", "finance"),
    ("jiang.nan", "Jiang Nan", "finance"),
    ("shen.yi", "Shen Yi", "other"),
];
const DOMAIN: &str = "northwind.example";
/// Staff indexes by what they do.
const DIRECTORS: &[u8] = &[0, 1];
const AES: &[u8] = &[2, 3, 4, 5, 6];
const TEAMABLE: &[u8] = &[7, 8, 9, 10, 11, 12, 13, 14, 15, 16];
const FINANCE: &[u8] = &[17, 18];
/// Who commits the planted mistakes (never a signer in them).
const MISTAKE_AUTHOR: u8 = 19;

// Client names: two syllables that make no word of the generated text.
const SYL_A: &[&str] = &[
    "ka", "vo", "ze", "mi", "lu", "ter", "qua", "bri", "no", "sel", "dra", "fi", "gor", "ha",
    "jen", "ul", "pra", "ri", "sto", "wex", "zan", "kel", "tro", "vy", "om", "bex", "cru", "dal",
    "fen", "gla", "ix", "jor",
];
const SYL_B: &[&str] = &[
    "vira", "lenta", "drix", "mora", "quen", "talis", "bexa", "norra", "vik", "zolt", "phen",
    "strad", "umbra", "xel", "yard", "cova", "lisk", "metra", "ovan", "rusk", "zenta", "plo",
    "vask", "thor", "irra", "quin", "dova", "mesk", "rilo", "sanda", "tova", "welk",
];
/// Chinese aliases: one character for the first syllable, two for the second; no
/// character is shared, and none occurs in the fixed text, so an alias is found only
/// where it is written.
const CJK_A: &str = "卡沃泽米卢特夸布诺塞德菲戈哈珍乌普里斯韦赞凯托薇奥贝克达芬格伊乔";
const CJK_B: &str = "维拉伦塔瑞思莫兰昆恩丽蓓莎娜曼索尔雅柯娃琳梅翠欧文露莱蒙纳妮瓦骏朗沙璐迪萨黎霍蕾茵铎坦绮馨洛彭澜铂嘉涵菁舒帕蔻缇珀裴琦岚璞赫韬翎";
const INDUSTRY: &[&str] = &[
    "Foods",
    "Outdoor",
    "Cosmetics",
    "Motors",
    "Beverages",
    "Telecom",
    "Apparel",
    "Pharma",
    "Electronics",
    "Home",
    "Dairy",
    "Travel",
    "Fintech",
    "Toys",
    "Pet Care",
    "Jewellery",
];
const PRODUCTS: &[&[&str]] = &[
    &[
        "the snack range",
        "the frozen dumpling line",
        "the chilli sauce range",
    ],
    &["the trail shoe", "the rain shell", "the tent range"],
    &["the serum line", "the sun cream", "the lipstick range"],
    &[
        "the compact SUV",
        "the electric hatchback",
        "the service plan",
    ],
    &["the sparkling tea", "the cold brew can", "the sports drink"],
    &["the family plan", "the 5G router", "the prepaid card"],
    &[
        "the denim line",
        "the down jacket",
        "the school uniform range",
    ],
    &["the cold remedy", "the vitamin range", "the eye drops"],
    &["the earbuds", "the smart watch", "the tablet"],
    &[
        "the sofa range",
        "the kitchen line",
        "the bedding collection",
    ],
    &[
        "the low-sugar yoghurt",
        "the milk tea range",
        "the cheese sticks",
    ],
    &["the island packages", "the rail passes", "the city breaks"],
    &["the savings app", "the credit card", "the payment wallet"],
    &["the building blocks", "the plush range", "the puzzle line"],
    &["the dry food range", "the cat litter", "the pet insurance"],
    &[
        "the gold pendants",
        "the wedding rings",
        "the charm bracelets",
    ],
];
const CFIRST: &[&str] = &[
    "Arlo", "Bex", "Cato", "Dara", "Elio", "Fenna", "Gil", "Hana", "Ivo", "Juno", "Kit", "Lior",
    "Mika", "Nilo", "Odo", "Pia", "Quill", "Rune", "Sabe", "Tovi", "Ursa", "Vero", "Wren", "Xavi",
    "Yuna", "Zeno", "Alba", "Brio", "Cass", "Dov", "Esme", "Faro", "Greer", "Hedda", "Ines",
    "Jory", "Kaia", "Leif", "Mabry", "Noor", "Orla", "Pax", "Remy", "Sol", "Tamsin", "Uma", "Vida",
    "Wilder", "Yael", "Zara", "Anouk", "Bram",
];
const CLAST: &[&str] = &[
    "Aldane",
    "Brisko",
    "Corvell",
    "Dunmor",
    "Estrav",
    "Falkon",
    "Gravin",
    "Hollis",
    "Istra",
    "Jorvik",
    "Kestrel",
    "Lunde",
    "Marrow",
    "Norvik",
    "Orsay",
    "Pellin",
    "Quarto",
    "Ravel",
    "Sorrel",
    "Tamber",
    "Uvell",
    "Vantor",
    "Wendle",
    "Yarrow",
    "Zabel",
    "Ashgrove",
    "Bellamy",
    "Carrow",
    "Delacourt",
    "Everly",
    "Fairbanks",
    "Galloway",
    "Harrowgate",
    "Ingram",
    "Jessop",
    "Kingsley",
    "Lockhart",
    "Merriweather",
    "Northcote",
    "Oakes",
    "Pembrook",
    "Quennell",
    "Radcliffe",
    "Stanmore",
    "Thorne",
    "Underhill",
    "Vickery",
    "Whitlock",
    "Yeardley",
    "Zoller",
    "Abernathy",
    "Blackwood",
    "Cadogan",
    "Drummond",
    "Ellwood",
    "Fenwick",
    "Grimsby",
    "Hargreave",
    "Ivorsen",
    "Jarrow",
    "Kilbride",
    "Lindqvist",
    "Mortlake",
    "Nettleford",
    "Ormsby",
    "Prideaux",
    "Quimby",
    "Rushworth",
    "Selwyn",
    "Tolliver",
    "Urquhart",
    "Vesey",
    "Wolcott",
    "Yelverton",
    "Amberley",
    "Brockhurst",
    "Chalcott",
    "Dunstable",
    "Everton",
    "Fairleigh",
];
const CROLES: &[&str] = &[
    "Marketing Director",
    "Brand Manager",
    "Procurement Manager",
    "Digital Lead",
    "Trade Marketing Manager",
    "PR Manager",
    "E-commerce Lead",
    "General Manager",
];
const CITIES: &[&str] = &[
    "Shanghai",
    "Hangzhou",
    "Suzhou",
    "Nanjing",
    "Shenzhen",
    "Guangzhou",
    "Chengdu",
    "Beijing",
    "Wuhan",
    "Xiamen",
    "Ningbo",
    "Qingdao",
];
const CAMPAIGNS: &[&str] = &[
    "Spring launch",
    "Summer flight",
    "Autumn promotion",
    "Year-end gala",
    "Mid-year sale",
    "Brand refresh",
    "Retail activation",
    "Loyalty drive",
    "Product relaunch",
    "Festival push",
    "Store opening",
    "Sampling tour",
    "Double 11",
    "Chinese New Year",
    "Back to school",
    "618 sale",
];
const THINGS: &[&str] = &[
    "key visual",
    "media plan",
    "TVC edit",
    "packaging adaptation",
    "social content series",
    "consumer research",
    "event production",
    "print collateral",
    "store displays",
    "KOL seeding",
    "landing page",
    "radio spots",
    "outdoor posters",
    "video cutdowns",
    "press kit",
    "brand film",
];
const ORDER_KINDS: &[&str] = &[
    "creative",
    "research",
    "media",
    "production",
    "event",
    "other",
];
const ADJ: &[&str] = &[
    "final",
    "revised",
    "second",
    "shorter",
    "brighter",
    "simpler",
    "bilingual",
    "regional",
    "seasonal",
    "updated",
    "cleaner",
    "bolder",
];
const NOUN: &[&str] = &[
    "artwork",
    "copy deck",
    "shot list",
    "media schedule",
    "storyboard",
    "pack front",
    "banner set",
    "survey sample",
    "venue plan",
    "cutdown",
    "price card",
    "caption set",
    "mood board",
    "rate card",
];
const DAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "next week",
    "the end of the month",
];
const CHANNELS: &[&str] = &[
    "metro",
    "Tmall",
    "JD",
    "WeChat",
    "Douyin",
    "Xiaohongshu",
    "cinema",
    "in-store",
    "airport",
    "outdoor",
    "Bilibili",
    "radio",
];
const SEASONS: &[&str] = &["spring", "summer", "autumn", "winter", "holiday"];
const VENDORS: &[&str] = &[
    "Lumen Studio",
    "Pixelhaus",
    "Hengtai Printing",
    "Redline Films",
    "Mosaic Events",
    "Bluecell Research",
    "Lingo Bridge Translation",
    "Fastlane Logistics",
    "Oakridge Casting",
    "Soundwell Audio",
];
const CJK_SNIPPETS: &[&str] = &["样稿", "提亮", "主视觉", "门店", "新品", "小红书", "抖音"];
const DELIVERABLES: &[&str] = &[
    "Master artwork",
    "Adaptations for {ch} ({n} sizes)",
    "Copy in Chinese and English",
    "Print-ready files",
    "Two rounds of changes",
    "Media schedule by week",
    "Research report and debrief",
    "Edited film, 30s and 15s",
    "Event run sheet",
    "Photography ({n} days)",
    "Post-campaign report",
    "Store display mock-ups",
    "Social posts for {ch}",
    "KOL shortlist and briefing",
    "Landing page design and build",
];
/// Cost lines are internal: no phrase here occurs in text a client sees (checked at start).
const COST_ITEMS: &[&str] = &[
    "Photographer day rate",
    "Retouching hours",
    "Colour proofs",
    "Translation check",
    "Casting agency fee",
    "Location fee",
    "Studio hire",
    "Panel recruitment",
    "Print run",
    "Freight to site",
    "Music licence",
    "Freelance art director",
];
const SENTENCES: &[&str] = &[
    "{c} asked whether the {noun} for {ch} can be ready by {day}; {s} thinks it can if the files arrive in time.",
    "The {adj} {noun} tested well in {city}: {pct} percent of the panel preferred it to the current one.",
    "{s} walked through the {thing} plan; {ch} carries most of the weight in the first {n} weeks.",
    "Spend on {ch} is {pct} percent {updown} plan so far, mostly because of {season} rates.",
    "{c} wants fewer words on the {noun}; the legal line stays as it is.",
    "We agreed to move {money} from {ch} to {ch2} if the first two weeks underperform.",
    "The launch of {prod} stays in week {n}; the retail team needs the {noun} two weeks earlier.",
    "{s} showed three routes for the {noun}; route {n} was the favourite in the room.",
    "Feedback on the {adj} {noun} came back from {c}: keep the colours, simplify the headline.",
    "The shoot in {city} needs a permit; {s} has asked the venue for the paperwork.",
    "Sales on {ch} grew {pct} percent last month, ahead of the category.",
    "{c} will check with the regional teams before we book {ch}.",
    "The research sample grows to {n}00 respondents, split between {city} and {city2}.",
    "Work on {wo} is on track; the next review is on {wd}.",
    "{c} confirmed a budget of {money} for the next phase.",
    "Two rounds of changes are included in the fee; a third round is a change note.",
    "The {noun} goes to print on {wd} after one more proof.",
    "{s} will share the {adj} {noun} on {wd}, with notes on what changed.",
    "Product samples for the shoot come from the {city} warehouse with five working days' notice.",
    "The e-commerce team wants the {ch} banners in {n} sizes instead of the planned set.",
    "Comments on the {noun} ({cjk}) were minor: spacing, and one product name in the wrong weight.",
    "Budget impact of the change is about {k},000, inside the contingency.",
    "{c} called the first draft \"too busy\"; the revised one drops two of the five claims.",
    "Files are under briefs\\current on the shared drive.",
    "The KOL shortlist has {n} names; {c} will strike out anyone who worked with a competitor this year.",
    "Reporting stays weekly, every Monday, with a one-page summary for {c}.",
    "The {ch} flight pauses for {n} days around the holiday; spend moves to the week after.",
    "{s} flagged that the {noun} still uses last year's price card.",
    "Store displays in {city} go up on {wd}; photos come back the same evening.",
    "The landing page loads slowly on older phones; {s} will ask the developer for a lighter build.",
    "For {prod}, {c} prefers real customers to models; casting starts in {city}.",
    "{s} and {s2} will merge the two timelines into one before {day}.",
    "The {ch} numbers for week {n} arrive on {wd}; {s} sends the summary the same afternoon.",
    "Claims on {prod} need the lab certificate number in small print.",
    "The {season} window is short, so the {thing} has to be signed off by {day}.",
    "{c} liked the {adj} {noun} but wants to see it on a phone screen before approving it.",
];
const INTERNAL_REMARKS: &[&str] = &[
    "Margin is at {pct} percent of budget; {s} watches the {noun} costs.",
    "{c} answers slowly by email; chase by phone before {day}.",
    "The quote from {vendor} came in {pct} percent over plan; ask for a second quote.",
    "Do not mention the price increase to the client before the contract review.",
    "Payment of the last invoice is late again; finance knows.",
    "{s} is overloaded until {day}; a freelancer covers the adaptations.",
    "The retainer renewal is in {n} weeks; prepare the case with the {ch} results.",
    "Keep the {adj} {noun} out of the weekly report until the client signs it off.",
    "The weather day is not in the production budget; if we use it, it is a change note.",
];
const DECISIONS: &[&str] = &[
    "Route {n} goes forward to artwork.",
    "The {ch} budget moves to {ch2}.",
    "Launch date stays in week {n}.",
    "Research sample grows to {n}00.",
    "The client sends product for the shoot by {day}.",
    "Legal reviews the claims before print.",
    "The second round of changes is the last one included.",
    "The {adj} {noun} is approved as shown.",
    "Reporting moves to every second {wd}.",
    "{ch} gets a test budget of {money}.",
];
const INTERNAL_DECISIONS: &[&str] = &[
    "{client} stays the priority for {ch} this quarter.",
    "{s} leads production on {client} until {day}.",
    "Orders over {money} get a deposit invoice at signature.",
    "A freelancer joins the studio for {n} weeks.",
    "{client}: {wo} is reviewed again on {wd}.",
    "Weekly reports are read by a director before they go out.",
];
const CONCLUSIONS: &[&str] = &[
    "{n} jobs land on the studio in the coming weeks; the plan holds if {s} gets a freelancer for the adaptations.",
    "The quarter is full but workable; {s} owns the schedule and {s2} the budget, and nothing new starts before {wd}.",
    "Receivables are under control except one client; finance sends reminders and the AEs call before {wd}.",
    "The {ch} results justify more spend next quarter; {s} drafts the case and {s2} checks the numbers.",
    "Production is the constraint; {s} books crews two weeks ahead and every shoot gets a weather day in the quote.",
    "The new process starts on {wd}: every record is reviewed by its AE, and {s} checks the first two weeks.",
];
const PROPOSAL_CONTENT: &[&str] = &[
    "The {thing} for {prod}: {ch} first, then {ch2}, with weekly reporting and one review after {n} weeks.",
    "Three routes for the {season} {thing}, with costs for each and a plan for {ch}.",
    "A {n}-week plan on {ch} and {ch2} for {prod}, with a test budget of {money}.",
];
const PROPOSAL_STRATEGY: &[&str] = &[
    "Open with the {ch} numbers so the budget is agreed before anyone sees creative.",
    "Lead with the consumer research, then show the routes; keep the budget for the last ten minutes.",
    "Let {s} present the {noun} and keep the discussion on {prod}, not on the agency.",
];
const ACTIONS: &[&str] = &[
    "Send the {adj} {noun}",
    "Book {ch} inventory for week {n}",
    "Share the {ch} report",
    "Confirm the shoot date with the venue",
    "Draft the {noun} for review",
    "Collect product samples",
    "Update the media plan",
    "Send the work order for signature",
    "Circulate the minutes",
    "Check the claims with legal",
    "Prepare the {season} budget",
    "Brief the {ch} team",
];
const SECTIONS: &[&str] = &[
    "Where we are",
    "Discussion",
    "Media",
    "Creative",
    "Budget",
    "Timing",
    "Research",
    "Production",
    "Feedback on the work",
    "Open questions",
];
const CLIENT_MEETINGS: &[&str] = &[
    "Kickoff meeting",
    "Monthly review",
    "Creative review",
    "Media plan review",
    "Budget review",
    "Research debrief",
    "Campaign wrap-up",
    "Quarterly review",
    "Shoot planning",
    "Channel strategy session",
];
const CALLS: &[&str] = &[
    "Weekly status call",
    "Budget call",
    "Feedback call",
    "Media check-in call",
    "Delivery call",
];
const VISITS: &[&str] = &[
    "Store visit",
    "Factory visit",
    "Shoot location visit",
    "Warehouse visit",
    "Event venue visit",
];
const INTERNAL_MEETINGS: &[&str] = &[
    "Weekly traffic meeting",
    "Capacity planning",
    "Creative resourcing",
    "Receivables review",
    "New business pipeline",
    "Quarterly planning",
    "Production review",
    "Media buying review",
    "Studio operations",
    "Finance review",
];
const ITEM_TASKS: &[&str] = &[
    "Brief received",
    "First concepts presented",
    "Client feedback, round 1",
    "Revised concepts",
    "Final artwork",
    "Files to the media owner",
    "Shoot day",
    "Edit review",
    "Flight live",
    "Post-campaign report",
    "Print proofs approved",
    "Samples delivered",
    "Venue confirmed",
    "Rehearsal on site",
    "Event day",
    "Recap delivered",
];
const PLACES: &[&str] = &[
    "{client} office, {city}",
    "{client} office, {city}",
    "Northwind studio, meeting room {n}",
    "Video call",
    "{city}",
];

// ---------------------------------------------------------------------------- YAML

/// A front-matter value, and how it is written.
#[derive(Clone, Debug)]
enum Node {
    /// Text: plain when that is safe, else double-quoted.
    T(String),
    /// Text, always double-quoted.
    Q(String),
    /// Written as it is: dates, numbers, ids, booleans.
    R(String),
    /// `[a, b]`
    Flow(Vec<Node>),
    /// A block list, one flow item per line.
    Block(Vec<Node>),
    /// `{ k: v, ... }`
    Map(Vec<(&'static str, Node)>),
    /// A block mapping, one field per line.
    BMap(Vec<(&'static str, Node)>),
}

fn t(s: impl Into<String>) -> Node {
    Node::T(s.into())
}
fn r(s: impl Into<String>) -> Node {
    Node::R(s.into())
}

/// Whether `s` can be written as a plain scalar; in a flow collection (`flow`) it may not
/// hold `,[]{}` either.
fn plain_ok(s: &str, flow: bool) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    if !(first.is_alphanumeric() || s.starts_with("../")) {
        return false;
    }
    if s.ends_with(' ') || s.ends_with(':') || s.contains(": ") || s.contains(" #") {
        return false;
    }
    if s.contains(['\n', '\t', '"', '\\']) || (flow && s.contains([',', '[', ']', '{', '}'])) {
        return false;
    }
    !matches!(
        s.to_ascii_lowercase().as_str(),
        "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n"
    )
}

fn quote(out: &mut String, s: &str) {
    out.push_str(&serde_json::Value::String(s.to_string()).to_string());
}

fn flow(out: &mut String, v: &Node) {
    match v {
        Node::T(s) if plain_ok(s, true) => out.push_str(s),
        Node::T(s) | Node::Q(s) => quote(out, s),
        Node::R(s) => out.push_str(s),
        Node::Flow(items) | Node::Block(items) => {
            out.push('[');
            for (i, it) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                flow(out, it);
            }
            out.push(']');
        }
        Node::Map(entries) | Node::BMap(entries) => {
            out.push_str("{ ");
            for (i, (k, v)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(k);
                out.push_str(": ");
                flow(out, v);
            }
            out.push_str(" }");
        }
    }
}

fn field(out: &mut String, indent: usize, key: &str, v: &Node) {
    for _ in 0..indent {
        out.push(' ');
    }
    out.push_str(key);
    out.push(':');
    match v {
        Node::Block(items) if !items.is_empty() => {
            out.push('\n');
            for it in items {
                for _ in 0..indent + 2 {
                    out.push(' ');
                }
                out.push_str("- ");
                scalar_or_flow(out, it);
                out.push('\n');
            }
        }
        Node::BMap(entries) if !entries.is_empty() => {
            out.push('\n');
            for (k, v) in entries {
                field(out, indent + 2, k, v);
            }
        }
        _ => {
            out.push(' ');
            scalar_or_flow(out, v);
            out.push('\n');
        }
    }
}

/// A value in block context: text may be plain with commas there.
fn scalar_or_flow(out: &mut String, v: &Node) {
    match v {
        Node::T(s) if plain_ok(s, false) => out.push_str(s),
        _ => flow(out, v),
    }
}

fn get<'a>(fields: &'a [(&'static str, Node)], key: &str) -> Option<&'a Node> {
    fields.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
}
fn get_mut<'a>(fields: &'a mut [(&'static str, Node)], key: &str) -> Option<&'a mut Node> {
    fields.iter_mut().find(|(k, _)| *k == key).map(|(_, v)| v)
}
fn map_get_mut<'a>(node: &'a mut Node, key: &str) -> Option<&'a mut Node> {
    match node {
        Node::Map(e) | Node::BMap(e) => get_mut(e, key),
        _ => None,
    }
}
fn remove(fields: &mut Vec<(&'static str, Node)>, key: &str) -> Option<Node> {
    let i = fields.iter().position(|(k, _)| *k == key)?;
    Some(fields.remove(i).1)
}

// ---------------------------------------------------------------------------- money

fn grouped(n: i64) -> String {
    let digits = n.abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// An amount in whole units, written in one of the three styles AEs use.
fn money_node(rng: &mut Rng, n: i64) -> Node {
    match rng.below(3) {
        0 => r(n.to_string()),
        1 => r(format!("{n}.00")),
        _ => Node::Q(format!("{}.00", grouped(n))),
    }
}

fn round100(x: f64) -> i64 {
    ((x / 100.0).round() as i64 * 100).max(100)
}

// ---------------------------------------------------------------------------- the model

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Minutes,
    Internal,
    Order,
    Schedule,
    Invoice,
}

struct Contact {
    id: String,
    name: String,
    role: &'static str,
    email: String,
    phone: String,
    can_sign: bool,
    person: u32,
}

struct Client {
    id: String,
    name: String,
    word: String,
    cjk: Option<String>,
    industry: usize,
    ae: u8,
    sup: u8,
    contacts: Vec<Contact>,
    brand_agent: bool,
    portal: bool,
    status: &'static str,
    since: Day,
    from: Day,
    to: Day,
    usd: bool,
    /// Work orders (record indexes) in the order they were requested.
    orders: Vec<usize>,
}

impl Client {
    fn currency(&self) -> &'static str {
        if self.usd { "USD" } else { "CNY" }
    }
    fn signers(&self) -> Vec<usize> {
        (0..self.contacts.len())
            .filter(|&i| self.contacts[i].can_sign)
            .collect()
    }
}

/// An older version of one part of a record: an edit commit changes it to the next.
#[derive(Clone, Debug)]
enum Alt {
    Line(usize, String),
    Field(&'static str, Option<Node>),
}

/// A sign-off as planned; its digest is the record's final digest.
#[derive(Clone, Debug)]
struct PEntry {
    by: String,
    stage: &'static str,
    via: Option<&'static str>,
    day: Day,
}

/// What the mistakes need to know about a record.
#[derive(Default, Clone)]
struct Meta {
    number: Option<String>,
    /// Orders: the invoices and timetables that name it. Invoices and timetables: the
    /// orders they name.
    links: Vec<usize>,
    requested: Day,
    due: Day,
    timed: Option<(u32, u32)>,
    staff: Vec<u8>,
    meeting_kind: &'static str,
    paid_full: bool,
    has_paid: bool,
    issued: Day,
}

struct Rec {
    kind: Kind,
    client: Option<usize>,
    path: String,
    day: Day,
    label: String,
    fields: Vec<(&'static str, Node)>,
    lines: Vec<String>,
    alts: Vec<Alt>,
    entries: Vec<PEntry>,
    /// The sign-off lines, once the digest is known.
    entry_yaml: Vec<String>,
    digest: String,
    status_names: &'static [&'static str],
    status_final: u8,
    files: Vec<(String, String)>,
    meta: Meta,
}

const ORDER_STATUS: &[&str] = &[
    "draft",
    "approved",
    "in_progress",
    "delivered",
    "closed",
    "cancelled",
];
const SCHEDULE_STATUS: &[&str] = &["draft", "agreed"];
const NO_STATUS: &[&str] = &[];
const NONE: u8 = u8::MAX;

/// How a meeting's record is named in commit messages: "minutes 2026-11-16-review".
fn minutes_label(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or("");
    format!("minutes {}", name.trim_end_matches(".md"))
}

impl Rec {
    /// A record of `kind` with nothing in it yet: callers fill in what they have.
    fn blank(kind: Kind) -> Rec {
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

    fn render(&self, k: usize, n_entries: usize, status: u8) -> String {
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

    fn render_final(&self) -> String {
        self.render(self.alts.len(), self.entry_yaml.len(), self.status_final)
    }

    /// The record as it ends up, for changing it.
    fn final_parts(&self) -> Final {
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

struct Final {
    fields: Vec<(&'static str, Node)>,
    lines: Vec<String>,
    signoffs: Vec<String>,
}

impl Final {
    fn render(&self) -> String {
        let fields: Vec<(&str, Option<&Node>)> =
            self.fields.iter().map(|(k, v)| (*k, Some(v))).collect();
        let lines: Vec<&str> = self.lines.iter().map(String::as_str).collect();
        write_record(&fields, None, &self.signoffs, &lines)
    }
    /// The text without sign-offs: what a digest is taken of.
    fn unsigned(&self) -> String {
        let fields: Vec<(&str, Option<&Node>)> =
            self.fields.iter().map(|(k, v)| (*k, Some(v))).collect();
        let lines: Vec<&str> = self.lines.iter().map(String::as_str).collect();
        write_record(&fields, None, &[], &lines)
    }
}

fn write_record(
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

/// The digest `docket sign` would write for this text, computed by docket itself.
fn digest_of(path: &str, text: String) -> String {
    let file = docket::source::SourceFile::new(path.to_string(), PathBuf::from(path), text);
    let (parts, front) = docket::parse::front_matter(&file, docket::source::FileId(0))
        .unwrap_or_else(|p| {
            let d = docket::check::word(&p);
            panic!("generated record {path} does not parse: {}", d.message)
        });
    docket::parse::digest::digest(&front, &file.text[parts.body.0..parts.body.1])
}

fn entry_yaml(e: &PEntry, digest: &str) -> String {
    docket::edit::Entry {
        by: e.by.clone(),
        stage: e.stage.to_string(),
        via: e.via.map(str::to_string),
        date: ds(e.day),
        digest: digest.to_string(),
        note: None,
    }
    .to_yaml()
}

/// One step in a record's life, placed in a commit by the planner.
#[derive(Clone, Debug)]
struct Ev {
    day: Day,
    rec: usize,
    act: Act,
    /// The staff member who must author the commit (a staff sign-off).
    author: Option<u8>,
    /// Who records it otherwise.
    pref: u8,
}

#[derive(Clone, Debug)]
enum Act {
    Create,
    /// Sign-offs `first..first + n` of the record, and the status they bring.
    Sign {
        first: usize,
        n: usize,
        status: u8,
    },
    Status(u8),
}

#[derive(Clone, Debug)]
enum Item {
    Ev(usize),
    Edit(usize),
}

struct Commit {
    author: u8,
    time: i64,
    subject: String,
    items: Vec<Item>,
    kind: &'static str,
}

/// A sentence's surroundings: whose record it is, who was there.
#[derive(Default, Clone)]
struct Ctx {
    client: Option<usize>,
    staff: Vec<u8>,
    contacts: Vec<usize>,
    order: Option<String>,
}

// ---------------------------------------------------------------------------- the generator

struct Gen {
    rng: Rng,
    n_records: usize,
    commits: Option<usize>,
    mistakes: usize,
    d0: Day,
    clients: Vec<Client>,
    weights: Vec<f64>,
    recs: Vec<Rec>,
    events: Vec<Ev>,
    busy: HashMap<u64, u32>,
    paths: HashSet<String>,
    names_left: Vec<(usize, usize)>,
    client_text: Vec<String>,
    /// Sentence templates the record being written has used.
    used: Vec<usize>,
}

fn staff_name(i: u8) -> &'static str {
    STAFF[i as usize].1
}
fn staff_id(i: u8) -> &'static str {
    STAFF[i as usize].0
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.len() > 48 {
        let cut = out[..48].rfind('-').unwrap_or(48);
        out.truncate(cut);
    }
    if out.is_empty() {
        out.push_str("record");
    }
    out
}

fn cap(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

impl Gen {
    fn new(a: &Args) -> Gen {
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

    // ---- text -------------------------------------------------------------------------

    fn fill(&mut self, ctx: &Ctx, tpl: &str) -> String {
        let mut out = String::with_capacity(tpl.len() + 32);
        let mut rest = tpl;
        let mut staff_used: Option<u8> = None;
        let mut ch_used: Option<&str> = None;
        let mut city_used: Option<&str> = None;
        while let Some(i) = rest.find('{') {
            out.push_str(&rest[..i]);
            let Some(j) = rest[i..].find('}') else {
                break;
            };
            let key = &rest[i + 1..i + j];
            rest = &rest[i + j + 1..];
            let rng = &mut self.rng;
            match key {
                "c" => {
                    let name = match ctx.client {
                        Some(ci) => {
                            let c = &self.clients[ci];
                            let k = if ctx.contacts.is_empty() {
                                rng.below(c.contacts.len())
                            } else {
                                *rng.pick(&ctx.contacts)
                            };
                            c.contacts[k].name.clone()
                        }
                        None => staff_name(*rng.pick(AES)).to_string(),
                    };
                    out.push_str(&name);
                }
                "s" | "s2" => {
                    let mut s = if ctx.staff.is_empty() || rng.chance(0.2) {
                        rng.below(STAFF.len()) as u8
                    } else {
                        *rng.pick(&ctx.staff)
                    };
                    if Some(s) == staff_used {
                        s = ((s as usize + 1 + rng.below(STAFF.len() - 1)) % STAFF.len()) as u8;
                    }
                    staff_used = Some(s);
                    out.push_str(staff_name(s));
                }
                "ch" | "ch2" => {
                    let mut ch = *rng.pick(CHANNELS);
                    while Some(ch) == ch_used {
                        ch = *rng.pick(CHANNELS);
                    }
                    ch_used = Some(ch);
                    out.push_str(ch);
                }
                "city" | "city2" => {
                    let mut c = *rng.pick(CITIES);
                    while Some(c) == city_used {
                        c = *rng.pick(CITIES);
                    }
                    city_used = Some(c);
                    out.push_str(c);
                }
                "adj" => out.push_str(rng.word(ADJ)),
                "noun" => out.push_str(rng.word(NOUN)),
                "thing" => out.push_str(rng.word(THINGS)),
                "camp" => out.push_str(rng.word(CAMPAIGNS)),
                "season" => out.push_str(rng.word(SEASONS)),
                "vendor" => out.push_str(rng.word(VENDORS)),
                "day" => out.push_str(rng.word(DAYS)),
                "wd" => out.push_str(rng.word(&DAYS[..5])),
                "cjk" => out.push_str(rng.word(CJK_SNIPPETS)),
                "updown" => out.push_str(if rng.chance(0.5) { "above" } else { "below" }),
                "pct" => out.push_str(&rng.range(3, 40).to_string()),
                "n" => out.push_str(&rng.range(2, 9).to_string()),
                "k" => out.push_str(&rng.range(3, 60).to_string()),
                "money" => {
                    let cur = ctx
                        .client
                        .map(|c| self.clients[c].currency())
                        .unwrap_or("CNY");
                    let n = rng.range(2, 90) * 5000;
                    out.push_str(&format!("{cur} {}", grouped(n)));
                }
                "wo" => match &ctx.order {
                    Some(o) => out.push_str(o),
                    None => out.push_str("the current work order"),
                },
                "prod" => {
                    let p = match ctx.client {
                        Some(c) => *rng.pick(PRODUCTS[self.clients[c].industry]),
                        None => "the new range",
                    };
                    out.push_str(p);
                }
                "client" => {
                    let name = match ctx.client {
                        Some(c) => self.clients[c].name.clone(),
                        None => self.clients[rng.below(self.clients.len())].name.clone(),
                    };
                    out.push_str(&name);
                }
                other => out.push_str(other),
            }
        }
        out.push_str(rest);
        cap(&out)
    }

    /// A sentence from a template this record has not used yet (while any are left).
    fn sentence(&mut self, ctx: &Ctx) -> String {
        let mut i = self.rng.below(SENTENCES.len());
        for _ in 0..8 {
            if !self.used.contains(&i) {
                break;
            }
            i = self.rng.below(SENTENCES.len());
        }
        self.used.push(i);
        self.fill(ctx, SENTENCES[i])
    }

    fn paragraph(&mut self, ctx: &Ctx, n: usize) -> String {
        let mut out = Vec::new();
        for _ in 0..n {
            out.push(self.sentence(ctx));
        }
        out.join(" ")
    }

    fn internal_section(&mut self, ctx: &Ctx, lines: &mut Vec<String>) {
        lines.push(String::new());
        lines.push(if self.rng.chance(0.12) {
            "## 内部".to_string()
        } else {
            "## Internal".to_string()
        });
        let n = self.rng.range(1, 2) as usize;
        for _ in 0..n {
            let tpl = *self.rng.pick(INTERNAL_REMARKS);
            let s = self.fill(ctx, tpl);
            lines.push(format!("- {s}"));
        }
    }

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

    // ---- clients ------------------------------------------------------------------------

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

    fn make_clients(&mut self, k: usize) {
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
            self.weights.push(0.25 + rng.unit().powi(2) * 2.5);
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
                portal: rng.chance(0.3),
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

    fn pick_client(&mut self) -> usize {
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
    fn client_day(&mut self, c: usize, margin: i32) -> Day {
        let (from, to) = (
            self.clients[c].from,
            self.clients[c].to.min(last_day() - margin),
        );
        let d = from + self.rng.range(0, i64::from((to - from).max(0))) as i32;
        weekday(d).max(from.min(to))
    }

    fn client_md(&mut self, ci: usize) -> String {
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

    // ---- meetings -----------------------------------------------------------------------

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

    fn client_minutes(&mut self) {
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

    fn internal_minutes(&mut self) {
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

    // ---- work orders ---------------------------------------------------------------------

    fn orders(&mut self, n: usize) -> Vec<OrderPlan> {
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
        let mut files = Vec::new();
        if self.rng.chance(0.15) {
            let name = format!("{number}-brief.txt");
            fields.push((
                "attachments",
                Node::Block(vec![t(format!("../files/{name}"))]),
            ));
            let text = format!(
                "Brief for {number}: {title}\n\n{}\n",
                self.paragraph(&ctx, 3)
            );
            files.push((format!("clients/{}/files/{name}", self.clients[c].id), text));
        }
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

    fn push_sign(&mut self, ri: usize, e: PEntry, author: Option<u8>, pref: u8, status: u8) {
        let first = self.recs[ri].entries.len();
        let day = e.day;
        self.recs[ri].entries.push(e);
        self.events.push(Ev {
            day,
            rec: ri,
            act: Act::Sign {
                first,
                n: 1,
                status,
            },
            author,
            pref,
        });
        if status != NONE {
            self.recs[ri].status_final = self.recs[ri].status_final.max(status);
        }
    }

    fn push_status(&mut self, ri: usize, day: Day, status: u8, pref: u8) {
        self.events.push(Ev {
            day,
            rec: ri,
            act: Act::Status(status),
            author: None,
            pref,
        });
        self.recs[ri].status_final = self.recs[ri].status_final.max(status);
    }

    fn contact_via(&mut self, c: usize) -> (String, &'static str) {
        let signers = self.clients[c].signers();
        let who = *self.rng.pick(&signers);
        let mut vias = vec!["email", "email", "email", "letter", "meeting", "phone"];
        if self.clients[c].portal {
            vias.push("portal");
        }
        let via = *self.rng.pick(&vias);
        (self.clients[c].contacts[who].id.clone(), via)
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

    // ---- invoices ------------------------------------------------------------------------

    fn invoices(&mut self, plans: &[OrderPlan], target: usize) -> usize {
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

    // ---- timetables ------------------------------------------------------------------------

    fn timetables(&mut self, plans: &[OrderPlan], n: usize) -> usize {
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

    // ---- generating everything ----------------------------------------------------------

    fn generate(&mut self, k: usize) -> BTreeMap<&'static str, usize> {
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

    // ---- the history plan -----------------------------------------------------------------

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

    fn plan(&mut self) -> Vec<Commit> {
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

    /// Gives `rec` an older version of one of its parts; returns what the edit changes.
    fn make_alt(&mut self, ri: usize) -> &'static str {
        let rec = &self.recs[ri];
        let ctx = Ctx {
            client: rec.client,
            staff: rec.meta.staff.clone(),
            order: rec.meta.number.clone(),
            ..Ctx::default()
        };
        let sentence_lines: Vec<usize> = rec
            .lines
            .iter()
            .enumerate()
            .filter(|(_, l)| {
                l.len() > 30 && !l.starts_with('#') && !l.starts_with('|') && !l.starts_with("- **")
            })
            .map(|(i, _)| i)
            .collect();
        let kind = rec.kind;
        let roll = self.rng.below(100);
        let has_paid = get(&rec.fields, "paid").is_some()
            && !rec.alts.iter().any(|a| matches!(a, Alt::Field("paid", _)));
        if kind == Kind::Invoice && has_paid && roll < 50 {
            self.recs[ri].alts.push(Alt::Field("paid", None));
            return "payment recorded";
        }
        if kind == Kind::Order && roll < 15 {
            let req = rec.meta.requested;
            let old = weekday(req + self.rng.range(14, 90) as i32).max(req + 7);
            self.recs[ri].alts.push(Alt::Field("due", Some(r(ds(old)))));
            return "due date";
        }
        if kind == Kind::Order && roll < 25 {
            if let Some(Node::Map(m)) = get(&rec.fields, "budget") {
                let mut m = m.clone();
                let old = self.rng.range(16, 1200) * 500;
                let node = money_node(&mut self.rng, old);
                if let Some(v) = get_mut(&mut m, "amount") {
                    *v = node;
                }
                self.recs[ri]
                    .alts
                    .push(Alt::Field("budget", Some(Node::Map(m))));
                return "budget";
            }
        }
        if matches!(kind, Kind::Minutes | Kind::Internal) && roll < 20 {
            if let Some(Node::Block(d)) = get(&rec.fields, "decisions") {
                let mut d = d.clone();
                if d.len() > 1 && self.rng.chance(0.5) {
                    d.pop();
                } else {
                    let tpl = *self.rng.pick(DECISIONS);
                    let s = self.fill(&ctx, tpl);
                    let i = self.rng.below(d.len());
                    d[i] = t(s);
                }
                self.recs[ri]
                    .alts
                    .push(Alt::Field("decisions", Some(Node::Block(d))));
                return "decisions";
            }
        }
        if kind == Kind::Schedule && roll < 30 {
            if let Some(Node::Block(items)) = get(&rec.fields, "items") {
                let mut items = items.clone();
                if items.len() > 3 {
                    items.pop();
                    self.recs[ri]
                        .alts
                        .push(Alt::Field("items", Some(Node::Block(items))));
                    return "items";
                }
            }
        }
        if !sentence_lines.is_empty() && roll < 85 {
            let i = *self.rng.pick(&sentence_lines);
            let line = &self.recs[ri].lines[i];
            let prefix = if line.starts_with("- ") { "- " } else { "" };
            let s = self.sentence(&ctx);
            self.recs[ri]
                .alts
                .push(Alt::Line(i, format!("{prefix}{s}")));
            return "wording";
        }
        let title = match get(&self.recs[ri].fields, "title") {
            Some(Node::T(s)) => s.clone(),
            _ => String::new(),
        };
        let old = format!("{title} (draft)");
        self.recs[ri].alts.push(Alt::Field("title", Some(t(old))));
        "title"
    }

    /// Puts each record's sign-offs in the order their commits add them.
    fn order_entries(&mut self, commits: &[Commit]) {
        let mut new_order: Vec<Vec<usize>> = vec![Vec::new(); self.recs.len()];
        for c in commits {
            for it in &c.items {
                if let Item::Ev(i) = it
                    && let Act::Sign { first, n, .. } = self.events[*i].act
                {
                    let rec = self.events[*i].rec;
                    new_order[rec].extend(first..first + n);
                }
            }
        }
        for (ri, order) in new_order.into_iter().enumerate() {
            if order.is_empty() {
                continue;
            }
            let old = std::mem::take(&mut self.recs[ri].entries);
            self.recs[ri].entries = order.into_iter().map(|i| old[i].clone()).collect();
        }
    }

    fn sign_all(&mut self) {
        let digests: Vec<Option<String>> = self
            .recs
            .par_iter()
            .map(|rec| {
                if rec.entries.is_empty() {
                    return None;
                }
                let text = rec.render(rec.alts.len(), 0, rec.status_final);
                Some(digest_of(&rec.path, text))
            })
            .collect();
        for (rec, d) in self.recs.iter_mut().zip(digests) {
            if let Some(d) = d {
                rec.entry_yaml = rec.entries.iter().map(|e| entry_yaml(e, &d)).collect();
                rec.digest = d;
            }
        }
    }

    fn docket_yaml(&self) -> String {
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

struct OrderPlan {
    rec: usize,
    client: usize,
    budget: i64,
    approved: Option<Day>,
    delivered: Option<Day>,
    cancelled: bool,
}

// ---------------------------------------------------------------------------- mistakes

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
struct Planted {
    kind: &'static str,
    code: &'static str,
    file: String,
    /// The other record a two-record mistake involves (docket may report it there).
    also: Option<String>,
    writes: Vec<(String, Option<Vec<u8>>)>,
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
fn first_action<'a>(
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
    fn plant(&mut self, m: usize) -> Vec<Planted> {
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

    fn apply(
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

// ---------------------------------------------------------------------------- writing

/// Where a record stands after the commits so far.
#[derive(Clone, Copy, Default)]
struct State {
    edits: usize,
    entries: usize,
    status: u8,
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args(["-c", "core.autocrlf=false", "-c", "init.defaultBranch=main"])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .status()
        .unwrap_or_else(|e| die(format!("cannot run git: {e}")));
    if !status.success() {
        die(format!("git {} failed", args.join(" ")));
    }
}

fn blob(w: &mut impl std::io::Write, path: &str, data: &[u8]) -> std::io::Result<()> {
    write!(w, "M 100644 inline {path}\ndata {}\n", data.len())?;
    w.write_all(data)?;
    w.write_all(b"\n")
}

impl Gen {
    /// Streams every commit into one `git fast-import`.
    fn write_history(
        &mut self,
        out: &Path,
        commits: &[Commit],
        planted: &[Planted],
    ) -> std::io::Result<Instant> {
        git(out, &["init", "-q"]);
        git(out, &["symbolic-ref", "HEAD", "refs/heads/main"]);
        let mut child = Command::new("git")
            .args(["-c", "core.autocrlf=false", "-c", "pack.compression=1"])
            .args(["fast-import", "--quiet", "--done"])
            .current_dir(out)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .stdin(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| die(format!("cannot run git fast-import: {e}")));
        let stdin = child.stdin.take().unwrap();
        let mut w = std::io::BufWriter::with_capacity(1 << 20, stdin);
        let streamed = self.stream(&mut w, commits, planted);
        drop(w);
        let status = child.wait()?;
        streamed?;
        if !status.success() {
            die("git fast-import failed");
        }
        let imported = Instant::now();
        // Parallel checkout: writing the files is most of the time on slow disks.
        git(
            out,
            &[
                "-c",
                "checkout.workers=0",
                "-c",
                "checkout.thresholdForParallelism=1000",
                "reset",
                "-q",
                "--hard",
                "main",
            ],
        );
        Ok(imported)
    }
}

impl Gen {
    /// The fast-import commands of every commit.
    fn stream(
        &self,
        w: &mut impl std::io::Write,
        commits: &[Commit],
        planted: &[Planted],
    ) -> std::io::Result<()> {
        let mut state: Vec<State> = self
            .recs
            .iter()
            .map(|r| State {
                edits: 0,
                entries: 0,
                status: if r.status_names.is_empty() { NONE } else { 0 },
            })
            .collect();
        let mut touched_at = vec![usize::MAX; self.recs.len()];
        for (ci, c) in commits.iter().enumerate() {
            let (id, name, _) = STAFF[c.author as usize];
            let who = format!("{name} <{id}@{DOMAIN}> {} +0800", c.time);
            write!(
                w,
                "commit refs/heads/main\nmark :{}\nauthor {who}\ncommitter {who}\ndata {}\n{}\n",
                ci + 1,
                c.subject.len() + 1,
                c.subject
            )?;
            let mut touched: Vec<usize> = Vec::new();
            let mut extra: Vec<(String, Vec<u8>)> = Vec::new();
            for it in &c.items {
                let rec = match it {
                    Item::Edit(r) => {
                        state[*r].edits += 1;
                        *r
                    }
                    Item::Ev(e) => {
                        let ev = &self.events[*e];
                        let st = &mut state[ev.rec];
                        match ev.act {
                            Act::Create => {
                                for (p, text) in &self.recs[ev.rec].files {
                                    extra.push((p.clone(), text.clone().into_bytes()));
                                }
                            }
                            Act::Sign { n, status, .. } => {
                                st.entries += n;
                                if status != NONE {
                                    st.status = if st.status == NONE {
                                        status
                                    } else {
                                        st.status.max(status)
                                    };
                                }
                            }
                            Act::Status(s) => st.status = st.status.max(s),
                        }
                        ev.rec
                    }
                };
                if touched_at[rec] != ci {
                    touched_at[rec] = ci;
                    touched.push(rec);
                }
            }
            let texts: Vec<String> = touched
                .par_iter()
                .map(|&r| {
                    let s = state[r];
                    self.recs[r].render(s.edits, s.entries, s.status)
                })
                .collect();
            if c.kind == "setup" {
                blob(w, "docket.yaml", self.docket_yaml().as_bytes())?;
                blob(w, ".gitignore", b"_site/\n")?;
                blob(
                    w,
                    "README.md",
                    b"# Northwind Creative\n\nA generated docket workspace (bench/gen.rs). \
                      Check it with `docket check . --today 2026-11-23`.\n",
                )?;
                for (i, cl) in self.clients.iter().enumerate() {
                    let p = format!("clients/{}/client.md", cl.id);
                    blob(w, &p, self.client_text[i].as_bytes())?;
                }
            }
            for (p, data) in &extra {
                blob(w, p, data)?;
            }
            for (&r, text) in touched.iter().zip(&texts) {
                blob(w, &self.recs[r].path, text.as_bytes())?;
            }
            if c.kind == "mistakes" {
                for p in planted {
                    for (path, data) in &p.writes {
                        match data {
                            Some(d) => blob(w, path, d)?,
                            None => writeln!(w, "D {path}")?,
                        }
                    }
                }
            }
            w.write_all(b"\n")?;
        }
        w.write_all(b"done\n")?;
        w.flush()
    }
}

fn head(out: &Path) -> String {
    Command::new("git")
        .args(["rev-parse", "HEAD"])
        .current_dir(out)
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default()
}

fn main() {
    let started = Instant::now();
    let args = parse_args();
    if args.out.exists() {
        let empty = std::fs::read_dir(&args.out)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty {
            die(format!("{} exists and is not empty", args.out.display()));
        }
    }
    std::fs::create_dir_all(&args.out)
        .unwrap_or_else(|e| die(format!("cannot create {}: {e}", args.out.display())));

    let mut g = Gen::new(&args);
    let counts = g.generate(args.clients);
    g.client_text = (0..g.clients.len()).map(|c| g.client_md(c)).collect();
    let commits = g.plan();
    g.order_entries(&commits);
    g.sign_all();
    let planted = g.plant(args.mistakes);
    if let Some(p) = &args.list_mistakes {
        let mut text = String::new();
        for m in &planted {
            text.push_str(
                &serde_json::json!({"kind": m.kind, "code": m.code, "file": m.file, "also": m.also})
                    .to_string(),
            );
            text.push('\n');
        }
        std::fs::write(p, text)
            .unwrap_or_else(|e| die(format!("cannot write {}: {e}", p.display())));
    }
    let generated = started.elapsed();
    let imported = g
        .write_history(&args.out, &commits, &planted)
        .unwrap_or_else(|e| die(format!("writing the history failed: {e}")));
    let checked_out = imported.elapsed();

    // Summary.
    let mut commit_kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for c in &commits {
        *commit_kinds.entry(c.kind).or_insert(0) += 1;
    }
    let mut minutes_kinds: BTreeMap<&str, usize> = BTreeMap::new();
    let mut order_status: BTreeMap<&str, usize> = BTreeMap::new();
    let mut timetable_status: BTreeMap<&str, usize> = BTreeMap::new();
    let mut signoffs: BTreeMap<&str, usize> = BTreeMap::new();
    let mut bytes = 0usize;
    let mut signed = 0usize;
    let mut edited = 0usize;
    for r in &g.recs {
        match r.kind {
            Kind::Minutes | Kind::Internal => {
                *minutes_kinds.entry(r.meta.meeting_kind).or_insert(0) += 1
            }
            Kind::Order => {
                *order_status
                    .entry(ORDER_STATUS[r.status_final as usize])
                    .or_insert(0) += 1
            }
            Kind::Schedule => {
                *timetable_status
                    .entry(SCHEDULE_STATUS[r.status_final as usize])
                    .or_insert(0) += 1
            }
            Kind::Invoice => {}
        }
        for e in &r.entries {
            *signoffs.entry(e.stage).or_insert(0) += 1;
        }
        signed += usize::from(!r.entries.is_empty());
        edited += usize::from(!r.alts.is_empty());
        bytes += r.render_final().len();
    }
    let mut mistakes: BTreeMap<&str, usize> = BTreeMap::new();
    for m in &planted {
        *mistakes.entry(m.kind).or_insert(0) += 1;
    }
    let attachments: usize = g.recs.iter().map(|r| r.files.len()).sum();
    let summary = serde_json::json!({
        "out": std::path::absolute(&args.out).unwrap_or(args.out.clone()),
        "seed": args.seed,
        "head": head(&args.out),
        "records": g.recs.len(),
        "clients": g.clients.len(),
        "staff": STAFF.len(),
        "years": [year_of(g.d0), 2026],
        "kinds": counts,
        "minutes_by_kind": minutes_kinds,
        "work_order_status": order_status,
        "timetable_status": timetable_status,
        "attachments": attachments,
        "record_bytes": bytes,
        "commits": commits.len(),
        "commits_by_kind": commit_kinds,
        "edited_records": edited,
        "edits": g.recs.iter().map(|r| r.alts.len()).sum::<usize>(),
        "signed_records": signed,
        "signoffs": signoffs.values().sum::<usize>(),
        "signoffs_by_stage": signoffs,
        "mistakes": {
            "planted": planted.len(),
            "asked": args.mistakes,
            "by_kind": mistakes,
        },
    });
    println!(
        "{}",
        serde_json::to_string_pretty(&summary).unwrap_or_default()
    );
    let total = started.elapsed();
    eprintln!(
        "gen: {} records, {} commits in {:.2}s: {:.2}s generating, {:.2}s in git fast-import, {:.2}s checking out",
        g.recs.len(),
        commits.len(),
        total.as_secs_f64(),
        generated.as_secs_f64(),
        (total - generated - checked_out).as_secs_f64(),
        checked_out.as_secs_f64()
    );
}
