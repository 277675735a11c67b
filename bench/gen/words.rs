//! The word lists that staff, client names and every text are made of.

pub const STAFF: &[(&str, &str, &str)] = &[
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

pub const DOMAIN: &str = "northwind.example";

/// Staff indexes by what they do.
pub const DIRECTORS: &[u8] = &[0, 1];

pub const AES: &[u8] = &[2, 3, 4, 5, 6];

pub const TEAMABLE: &[u8] = &[7, 8, 9, 10, 11, 12, 13, 14, 15, 16];

pub const FINANCE: &[u8] = &[17, 18];

/// Who commits the planted mistakes (never a signer in them).
pub const MISTAKE_AUTHOR: u8 = 19;

// Client names: two syllables that make no word of the generated text.
pub const SYL_A: &[&str] = &[
    "ka", "vo", "ze", "mi", "lu", "ter", "qua", "bri", "no", "sel", "dra", "fi", "gor", "ha",
    "jen", "ul", "pra", "ri", "sto", "wex", "zan", "kel", "tro", "vy", "om", "bex", "cru", "dal",
    "fen", "gla", "ix", "jor",
];

pub const SYL_B: &[&str] = &[
    "vira", "lenta", "drix", "mora", "quen", "talis", "bexa", "norra", "vik", "zolt", "phen",
    "strad", "umbra", "xel", "yard", "cova", "lisk", "metra", "ovan", "rusk", "zenta", "plo",
    "vask", "thor", "irra", "quin", "dova", "mesk", "rilo", "sanda", "tova", "welk",
];

/// Chinese aliases: one character for the first syllable, two for the second; no
/// character is shared, and none occurs in the fixed text, so an alias is found only
/// where it is written.
pub const CJK_A: &str = "卡沃泽米卢特夸布诺塞德菲戈哈珍乌普里斯韦赞凯托薇奥贝克达芬格伊乔";

pub const CJK_B: &str = "维拉伦塔瑞思莫兰昆恩丽蓓莎娜曼索尔雅柯娃琳梅翠欧文露莱蒙纳妮瓦骏朗沙璐迪萨黎霍蕾茵铎坦绮馨洛彭澜铂嘉涵菁舒帕蔻缇珀裴琦岚璞赫韬翎";

pub const INDUSTRY: &[&str] = &[
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

pub const PRODUCTS: &[&[&str]] = &[
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

pub const CFIRST: &[&str] = &[
    "Arlo", "Bex", "Cato", "Dara", "Elio", "Fenna", "Gil", "Hana", "Ivo", "Juno", "Kit", "Lior",
    "Mika", "Nilo", "Odo", "Pia", "Quill", "Rune", "Sabe", "Tovi", "Ursa", "Vero", "Wren", "Xavi",
    "Yuna", "Zeno", "Alba", "Brio", "Cass", "Dov", "Esme", "Faro", "Greer", "Hedda", "Ines",
    "Jory", "Kaia", "Leif", "Mabry", "Noor", "Orla", "Pax", "Remy", "Sol", "Tamsin", "Uma", "Vida",
    "Wilder", "Yael", "Zara", "Anouk", "Bram",
];

pub const CLAST: &[&str] = &[
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

pub const CROLES: &[&str] = &[
    "Marketing Director",
    "Brand Manager",
    "Procurement Manager",
    "Digital Lead",
    "Trade Marketing Manager",
    "PR Manager",
    "E-commerce Lead",
    "General Manager",
];

pub const CITIES: &[&str] = &[
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

pub const CAMPAIGNS: &[&str] = &[
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

pub const THINGS: &[&str] = &[
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

pub const ORDER_KINDS: &[&str] = &[
    "creative",
    "research",
    "media",
    "production",
    "event",
    "other",
];

pub const ADJ: &[&str] = &[
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

pub const NOUN: &[&str] = &[
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

pub const DAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "next week",
    "the end of the month",
];

pub const CHANNELS: &[&str] = &[
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

pub const SEASONS: &[&str] = &["spring", "summer", "autumn", "winter", "holiday"];

pub const VENDORS: &[&str] = &[
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

pub const CJK_SNIPPETS: &[&str] = &["样稿", "提亮", "主视觉", "门店", "新品", "小红书", "抖音"];

pub const DELIVERABLES: &[&str] = &[
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
pub const COST_ITEMS: &[&str] = &[
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

pub const SENTENCES: &[&str] = &[
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

pub const INTERNAL_REMARKS: &[&str] = &[
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

pub const DECISIONS: &[&str] = &[
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

pub const INTERNAL_DECISIONS: &[&str] = &[
    "{client} stays the priority for {ch} this quarter.",
    "{s} leads production on {client} until {day}.",
    "Orders over {money} get a deposit invoice at signature.",
    "A freelancer joins the studio for {n} weeks.",
    "{client}: {wo} is reviewed again on {wd}.",
    "Weekly reports are read by a director before they go out.",
];

pub const CONCLUSIONS: &[&str] = &[
    "{n} jobs land on the studio in the coming weeks; the plan holds if {s} gets a freelancer for the adaptations.",
    "The quarter is full but workable; {s} owns the schedule and {s2} the budget, and nothing new starts before {wd}.",
    "Receivables are under control except one client; finance sends reminders and the AEs call before {wd}.",
    "The {ch} results justify more spend next quarter; {s} drafts the case and {s2} checks the numbers.",
    "Production is the constraint; {s} books crews two weeks ahead and every shoot gets a weather day in the quote.",
    "The new process starts on {wd}: every record is reviewed by its AE, and {s} checks the first two weeks.",
];

pub const PROPOSAL_CONTENT: &[&str] = &[
    "The {thing} for {prod}: {ch} first, then {ch2}, with weekly reporting and one review after {n} weeks.",
    "Three routes for the {season} {thing}, with costs for each and a plan for {ch}.",
    "A {n}-week plan on {ch} and {ch2} for {prod}, with a test budget of {money}.",
];

pub const PROPOSAL_STRATEGY: &[&str] = &[
    "Open with the {ch} numbers so the budget is agreed before anyone sees creative.",
    "Lead with the consumer research, then show the routes; keep the budget for the last ten minutes.",
    "Let {s} present the {noun} and keep the discussion on {prod}, not on the agency.",
];

pub const ACTIONS: &[&str] = &[
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

pub const SECTIONS: &[&str] = &[
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

pub const CLIENT_MEETINGS: &[&str] = &[
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

pub const CALLS: &[&str] = &[
    "Weekly status call",
    "Budget call",
    "Feedback call",
    "Media check-in call",
    "Delivery call",
];

pub const VISITS: &[&str] = &[
    "Store visit",
    "Factory visit",
    "Shoot location visit",
    "Warehouse visit",
    "Event venue visit",
];

pub const INTERNAL_MEETINGS: &[&str] = &[
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

pub const ITEM_TASKS: &[&str] = &[
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

pub const PLACES: &[&str] = &[
    "{client} office, {city}",
    "{client} office, {city}",
    "Northwind studio, meeting room {n}",
    "Video call",
    "{city}",
];
