#!/usr/bin/env python3
"""Generate a docket workspace with a long git history, for benchmarking.

    python3 bench/gen_history.py OUT_DIR [--commits 20000] [--records 5000]
                                 [--clients 50] [--seed 1]

OUT_DIR becomes a git repository whose top folder is a docket workspace:
`docket.yaml` (about 20 staff), `clients/<id>/client.md` per client, and records
spread over the clients: mostly work orders (`orders/WO-2026-NNNN.md`), the rest
client minutes (`minutes/YYYY-MM-DD-slug.md`).

The history is written with one `git fast-import` process:

  1. one setup commit (docket.yaml, the client files);
  2. one commit per record, creating it;
  3. the remaining commits: most edit 1-3 records (a changed body line or a changed
     field value); about 30% of the work orders get a sign-off commit (status
     `approved`, an `approved` sign-off by a staff member and one by a signing contact
     via email), authored by the signing staff member. Signed records are not edited
     afterwards, except about 10% of them (their sign-offs become stale) and a status
     change `approved` -> `in_progress` on some others (which keeps the digest).

Everything is deterministic for a seed: same files, same commit ids. Author dates
increase from 2026-01-05 to 2026-11-22 (+08:00), so `--today 2026-11-23` is after all
of them. Only the Python standard library, and git, are needed.

The digests follow docs/format.md ("The digest"): SHA-256 of the compact JSON
`{"body": ..., "fields": {...}}` with sorted keys, every scalar as its text as written.
The generator knows each value's text, so it builds the JSON directly.

A summary (counts, and the diagnostics `docket check` should report) is printed on
standard output as JSON.
"""

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import re
import subprocess
import sys

TZ = dt.timezone(dt.timedelta(hours=8))
START = dt.datetime(2026, 1, 5, 9, 0, tzinfo=TZ)
END = dt.datetime(2026, 11, 22, 18, 0, tzinfo=TZ)
YEAR = 2026

STAFF = [
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
]
DOMAIN = "northwind.example"
ACCOUNT = [s for s in STAFF if s[2] in ("ae", "account_director")]
TEAM_ROLES = ("creative", "media", "planner", "production")
TEAMABLE = [s for s in STAFF if s[2] in TEAM_ROLES]

# Made-up names: syllables that form no English word, so a client's name never turns
# up in another client's text by accident (that would be cross-client-mention).
SYL_A = ["ka", "vo", "ze", "mi", "lu", "ter", "qua", "bri", "no", "sel", "dra", "fi",
         "gor", "ha", "jen", "ul", "pra", "ri", "sto", "wex"]
SYL_B = ["vira", "lenta", "drix", "mora", "quen", "talis", "bexa", "norra", "vik",
         "zolt", "phen", "strad", "umbra", "xel", "yard", "cova", "lisk", "metra",
         "ovan", "rusk"]
INDUSTRY = ["Foods", "Outdoor", "Cosmetics", "Motors", "Beverages", "Telecom",
            "Apparel", "Pharma", "Electronics", "Home", "Dairy", "Travel"]
CITIES = ["Shanghai", "Hangzhou", "Suzhou", "Nanjing", "Shenzhen", "Guangzhou",
          "Chengdu", "Beijing", "Wuhan", "Xiamen"]
CFIRST = ["Arlo", "Bex", "Cato", "Dara", "Elio", "Fenna", "Gil", "Hana", "Ivo",
          "Juno", "Kit", "Lior", "Mika", "Nilo", "Odo", "Pia", "Quill", "Rune",
          "Sabe", "Tovi", "Ursa", "Vero", "Wren", "Xavi", "Yuna", "Zeno"]
CLAST = ["Aldane", "Brisko", "Corvell", "Dunmor", "Estrav", "Falkon", "Gravin",
         "Hollis", "Istra", "Jorvik", "Kestrel", "Lunde", "Marrow", "Norvik",
         "Orsay", "Pellin", "Quarto", "Ravel", "Sorrel", "Tamsin", "Uvell",
         "Vantor", "Wendle", "Yarrow", "Zabel"]
CROLES = ["Marketing Director", "Brand Manager", "Procurement Manager",
          "Digital Lead", "Trade Marketing Manager", "PR Manager"]

# Body and field text. Plain words, a little punctuation, some non-ASCII (an em dash,
# CJK, the yuan sign) and characters JSON escapes (a double quote, a backslash).
CAMPAIGNS = ["Spring launch", "Summer flight", "Autumn promotion", "Year-end gala",
             "Mid-year sale", "Brand refresh", "Retail activation", "Loyalty drive",
             "Product relaunch", "Festival push", "Store opening", "Sampling tour"]
ORDER_THINGS = ["key visual", "media plan", "TVC edit", "packaging adaptation",
                "social content series", "consumer research", "event production",
                "print collateral", "store displays", "KOL seeding", "landing page",
                "radio spots", "outdoor posters", "video cutdowns"]
MEETINGS = ["Kickoff meeting", "Weekly status call", "Creative review",
            "Media plan review", "Budget review", "Research debrief",
            "Production check-in", "Campaign wrap-up", "Quarterly review",
            "Shoot planning", "Channel strategy session"]
KINDS = ["creative", "research", "media", "production", "event", "other"]
ADJ = ["final", "revised", "second", "shorter", "brighter", "simpler", "bilingual",
       "regional", "seasonal", "updated", "cleaner", "bolder"]
NOUN = ["artwork", "copy deck", "shot list", "media schedule", "storyboard",
        "pack front", "banner set", "survey sample", "venue plan", "cutdown",
        "price card", "caption set", "mood board", "rate card"]
VERB = ["is due", "goes to the client", "is reviewed", "is signed off internally",
        "is shared", "is printed", "goes live", "is re-cut", "is priced"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "next week",
        "the end of the month"]
CHANNELS = ["metro", "Tmall", "JD", "WeChat", "Douyin", "Xiaohongshu", "cinema",
            "in-store", "airport", "outdoor"]
EXTRAS = [
    " — the client asked for it twice.",
    " (样稿 attached to the thread).",
    " Budget impact about ¥12,000.",
    ' The brand team called it "too busy".',
    " Files are under briefs\\current on the share.",
    " Note: check the legal line; it changed.",
    "",
    "",
    "",
    "",
]
DELIVERABLES = ["Master artwork", "Adaptations for {ch} (12 sizes)",
                "Copy in Chinese and English", "Print-ready files",
                "Two rounds of changes", "Media schedule by week",
                "Research report and debrief", "Edited film 30s and 15s",
                "Event run sheet", "Photography (2 days)", "Post-campaign report",
                "Store display mock-ups", "Social posts for {ch}"]
DECISIONS = ["Route {n} goes forward to artwork.", "The {ch} budget moves to {ch2}.",
             "Launch date stays in week {n}.", "Research sample grows to {n}00.",
             "The client sends product for the shoot by {day}.",
             "Legal reviews the claims before print.",
             "Second round of changes is the last one included."]
VENDORS = ["Lumen Studio", "Pixelhaus", "Hengtai Printing", "Redline Films",
           "Mosaic Events", "Bluecell Research"]

PLAIN_BLOCK = re.compile(r"^[A-Za-z0-9(\u4e00-\u9fff¥][^:#\n\"'\\]*$")
FLOW_UNSAFE = set(",[]{}")


def scalar(s, flow):
    """A scalar's YAML text: plain when that is safe, double-quoted otherwise."""
    if s is None:
        return "~"
    plain = (
        PLAIN_BLOCK.match(s)
        and s == s.strip()
        and s not in ("null", "Null", "NULL", "~")
        and not (flow and FLOW_UNSAFE & set(s))
    )
    if plain:
        return s
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


class Q(str):
    """Text that the YAML file writes double-quoted (quoting never changes the digest)."""


def emit_scalar(s, flow):
    if isinstance(s, Q):
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return scalar(s, flow)


def flow_map(d):
    return "{ " + ", ".join(f"{k}: {emit_flow(v)}" for k, v in d.items()) + " }"


def emit_flow(v):
    if isinstance(v, dict):
        return flow_map(v)
    if isinstance(v, list):
        return "[" + ", ".join(emit_flow(x) for x in v) + "]"
    return emit_scalar(v, True)


# How each field is laid out: "flow" (one line), "block" (a block list of scalars or
# flow mappings). Anything else is a scalar or a flow mapping on one line.
BLOCK_FIELDS = {"deliverables", "decisions", "actions", "costs", "signoffs", "contacts"}


def front_matter(fields):
    out = []
    for k, v in fields.items():
        if isinstance(v, list) and k in BLOCK_FIELDS:
            out.append(f"{k}:")
            for item in v:
                out.append("  - " + emit_flow(item))
        else:
            out.append(f"{k}: {emit_flow(v)}")
    return "\n".join(out) + "\n"


def to_json(v):
    if v is None:
        return None
    if isinstance(v, dict):
        return {k: to_json(x) for k, x in v.items()}
    if isinstance(v, list):
        return [to_json(x) for x in v]
    return str(v)


def canonical_body(body):
    return body.replace("\r\n", "\n").lstrip("\n").rstrip(" \t\n")


def canonical(fields, body):
    signed = {k: to_json(v) for k, v in fields.items() if k not in ("status", "signoffs")}
    obj = {"body": canonical_body(body), "fields": signed}
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def digest(fields, body):
    return "sha256:" + hashlib.sha256(canonical(fields, body).encode("utf-8")).hexdigest()


def render(fields, body):
    return "---\n" + front_matter(fields) + "---\n" + body


def local_date(ts):
    return dt.datetime.fromtimestamp(ts, TZ).date()


class Record:
    def __init__(self, path, client, kind):
        self.path = path
        self.client = client
        self.kind = kind  # "order" or "minutes"
        self.fields = {}
        self.body_lines = []
        self.number = None
        self.signed_at = None  # commit index of the sign-off commit
        self.stale = False
        self.post_sign_edits = 0
        self.status_edited = False

    def body(self):
        return "\n".join(self.body_lines) + "\n"

    def text(self):
        return render(self.fields, self.body())

    def digest(self):
        return digest(self.fields, self.body())

    def label(self):
        if self.kind == "order":
            return self.number
        return "minutes " + os.path.basename(self.path)[:-3]


class Gen:
    def __init__(self, args):
        self.a = args
        self.rng = random.Random(args.seed)
        self.edit_no = 0

    # ---- text -----------------------------------------------------------------
    def sentence(self):
        r = self.rng
        self.edit_no += 1
        s = (f"The {r.choice(ADJ)} {r.choice(NOUN)} for {r.choice(CHANNELS)} "
             f"{r.choice(VERB)} by {r.choice(DAYS)}, version {self.edit_no}.")
        return s + r.choice(EXTRAS)

    def fill(self, text):
        r = self.rng
        return text.format(ch=r.choice(CHANNELS), ch2=r.choice(CHANNELS),
                           n=r.randint(2, 9), day=r.choice(DAYS))

    def amount(self):
        r = self.rng
        n = r.randint(8, 600) * 500
        style = r.randrange(3)
        if style == 0:
            return str(n)
        if style == 1:
            return f"{n}.00"
        return f"{n:,}.00"  # written quoted: a comma cannot be plain in a flow mapping

    # ---- the workspace ---------------------------------------------------------
    def make_clients(self):
        r = self.rng
        names, seen_ids = [], {s[0] for s in STAFF}
        pairs = [(a, b) for a in SYL_A for b in SYL_B]
        r.shuffle(pairs)
        vocab = self.vocab()
        self.clients = []
        for i in range(self.a.clients):
            a, b = pairs[i]
            word = (a + b).capitalize()
            assert word.lower() not in vocab, word
            name = f"{word} {INDUSTRY[i % len(INDUSTRY)]}"
            cid = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
            ae = r.choice(ACCOUNT)[0]
            contacts = []
            for j in range(r.randint(2, 4)):
                while True:
                    first, last = r.choice(CFIRST), r.choice(CLAST)
                    pid = f"{first}.{last}".lower()
                    if pid not in seen_ids:
                        break
                seen_ids.add(pid)
                contacts.append({
                    "id": pid,
                    "name": f"{first} {last}",
                    "role": CROLES[j % len(CROLES)],
                    "email": f"{pid}@{word.lower()}.example",
                    "can_sign": "true" if j == 0 or r.random() < 0.3 else "false",
                })
            names.append(name)
            self.clients.append({
                "id": cid, "name": name, "alias": word, "ae": ae,
                "contacts": contacts,
                "signers": [c["id"] for c in contacts if c["can_sign"] == "true"],
            })

    def vocab(self):
        words = set()
        for lst in (CAMPAIGNS, ORDER_THINGS, MEETINGS, ADJ, NOUN, VERB, DAYS, CHANNELS,
                    EXTRAS, DELIVERABLES, DECISIONS, VENDORS, CITIES, CFIRST, CLAST):
            for t in lst:
                words.update(w.lower() for w in re.findall(r"[A-Za-z]+", t))
        return words

    def docket_yaml(self):
        lines = [
            "# Generated by bench/gen_history.py for the history benchmark.",
            "agency: Northwind Creative",
            "currency: CNY",
            "timezone: Asia/Shanghai",
            "payment_terms_days: 45",
            'numbering: { work_order: "WO-{year}-{seq:4}", invoice: "INV-{year}-{seq:4}" }',
            "staff:",
        ]
        for sid, name, role in STAFF:
            lines.append(f"  - {{ id: {sid}, name: {name}, email: {sid}@{DOMAIN}, role: {role} }}")
        return "\n".join(lines) + "\n"

    def client_md(self, c):
        fields = {
            "name": c["name"],
            "aliases": [c["alias"]],
            "ae": c["ae"],
            "supervisor": "du.mei" if c["ae"] != "du.mei" else "xu.bo",
            "status": "active",
            "since": "2024-03-01",
            "contacts": [
                {k: v for k, v in ct.items()} for ct in c["contacts"]
            ],
        }
        body = (f"# {c['name']}: account notes\n\n"
                f"Generated client for the history benchmark. AE: {c['ae']}.\n")
        return render(fields, body)

    # ---- records ----------------------------------------------------------------
    def new_order(self, rec, seq, ts):
        r = self.rng
        c = rec.client
        requested = local_date(ts)
        due = requested + dt.timedelta(days=r.randint(14, 90))
        team = [c["ae"]] + [s[0] for s in r.sample(TEAMABLE, r.randint(1, 3))]
        title = f"{r.choice(CAMPAIGNS)} {r.choice(ORDER_THINGS)}"
        rec.number = f"WO-{YEAR}-{seq:04d}"
        f = {
            "number": rec.number,
            "kind": r.choice(KINDS),
            "title": title,
            "requested": requested.isoformat(),
            "due": due.isoformat(),
            "team": team,
            "deliverables": [self.fill(d) for d in r.sample(DELIVERABLES, r.randint(2, 4))],
            "budget": {"amount": self.amount(), "currency": "CNY"},
        }
        if r.random() < 0.3:
            f["costs"] = [{"item": "Production", "vendor": r.choice(VENDORS),
                           "amount": self.amount()}]
        if r.random() < 0.2:
            f["x-po"] = Q(f"PO {r.randint(1000, 9999)}")
        f["status"] = "draft"
        rec.fields = f
        signer = c["contacts"][0]["name"]
        rec.body_lines = [
            f"# {title}", "",
            f"{signer} asked for this in the briefing; {self.sentence()}", "",
            "## Scope",
            f"- {self.sentence()}", f"- {self.sentence()}", f"- {self.sentence()}", "",
            "## Notes", self.sentence(), self.sentence(), "",
            "## Internal", self.sentence(),
        ]

    def new_minutes(self, rec, ts):
        r = self.rng
        c = rec.client
        f = rec.fields
        staff = [c["ae"]] + [s[0] for s in r.sample(TEAMABLE, r.randint(0, 2))]
        contacts = [ct["id"] for ct in r.sample(c["contacts"], r.randint(1, len(c["contacts"])))]
        date = rec.date
        f.update({
            "kind": "client",
            "title": rec.title,
            "date": date,
            "duration": r.choice(["45m", "1h", "1h30m", "2h"]),
            "place": (f"{c['alias']} office, {r.choice(CITIES)}" if r.random() < 0.7
                      else None if r.random() < 0.3 else "Video call"),
            "invited": staff + contacts,
            "attended": staff + contacts[:1],
            "decisions": [self.fill(d) for d in r.sample(DECISIONS, r.randint(1, 3))],
        })
        if r.random() < 0.5:
            f["actions"] = [{"task": f"Send the {r.choice(ADJ)} {r.choice(NOUN)}",
                             "owner": c["ae"], "due": date, "status": "done",
                             "done": date}]
        rec.body_lines = [
            f"# {rec.title}", "",
            f"{c['contacts'][0]['name']} opened the meeting. {self.sentence()}", "",
            "## Discussed", f"- {self.sentence()}", f"- {self.sentence()}", "",
            "## Next steps", f"1. {self.sentence()}", f"2. {self.sentence()}",
        ]

    def body_edit(self, rec):
        idx = [i for i, line in enumerate(rec.body_lines)
               if line and not line.startswith("#")]
        i = self.rng.choice(idx)
        line = rec.body_lines[i]
        m = re.match(r"^(- |\d+\. )", line)
        prefix = m.group(1) if m else ""
        rec.body_lines[i] = prefix + self.sentence()
        return "wording"

    def field_edit(self, rec):
        r = self.rng
        f = rec.fields
        if rec.kind == "order":
            what = r.choice(["due", "budget", "deliverables", "title", "team"])
            if what == "due":
                req = dt.date.fromisoformat(f["requested"])
                old = f["due"]
                while f["due"] == old:
                    f["due"] = (req + dt.timedelta(days=r.randint(7, 120))).isoformat()
                return "due date"
            if what == "budget":
                old = f["budget"]["amount"]
                while f["budget"]["amount"] == old:
                    f["budget"] = {"amount": self.amount(), "currency": "CNY"}
                return "budget"
            if what == "deliverables":
                d = f["deliverables"]
                d[r.randrange(len(d))] = f"{self.fill(r.choice(DELIVERABLES))}, v{self.tick()}"
                return "deliverables"
            if what == "title":
                f["title"] = f"{r.choice(CAMPAIGNS)} {r.choice(ORDER_THINGS)} {self.tick()}"
                return "title"
            team = f["team"]
            others = [s[0] for s in TEAMABLE if s[0] not in team]
            if others and len(team) < 6 and (len(team) <= 2 or r.random() < 0.5):
                team.append(r.choice(others))
            else:
                team.pop()  # never the AE, who is first
            return "team"
        what = r.choice(["decisions", "place", "duration", "title"])
        if what == "decisions":
            f["decisions"].append(f"{self.fill(r.choice(DECISIONS))[:-1]} ({self.tick()}).")
            return "decisions"
        if what == "place":
            f["place"] = f"Room {self.tick()}, {r.choice(CITIES)}"
            return "place"
        if what == "duration":
            old = f["duration"]
            while f["duration"] == old:
                f["duration"] = r.choice(["30m", "45m", "1h", "1h15m", "1h30m", "2h", "3h"])
            return "duration"
        f["title"] = f"{rec.title} {self.tick()}"
        return "title"

    def tick(self):
        self.edit_no += 1
        return self.edit_no

    def edit(self, rec):
        if self.rng.random() < 0.55:
            return self.body_edit(rec)
        return self.field_edit(rec)

    def sign(self, rec, staff_id, ts):
        c = rec.client
        d = local_date(ts).isoformat()
        dig = Q(rec.digest())
        contact = self.rng.choice(c["signers"])
        rec.fields["status"] = "approved"
        rec.fields["signoffs"] = [
            {"by": staff_id, "stage": "approved", "date": d, "digest": dig},
            {"by": contact, "stage": "approved", "via": "email", "date": d, "digest": dig},
        ]
        return dig

    # ---- the history ----------------------------------------------------------
    def plan(self):
        a, r = self.a, self.rng
        n_orders = round(a.records * 0.7)
        if n_orders > 9999:
            sys.exit("gen_history: more than 9999 work orders do not fit WO-{year}-{seq:4}")
        n_signed = round(n_orders * 0.3)
        n_stale = round(n_signed * 0.1)
        n_rest = a.commits - 1 - a.records
        if n_rest < n_signed + n_stale:
            sys.exit(f"gen_history: {a.commits} commits are too few for {a.records} records "
                     f"(need at least {1 + a.records + n_signed + n_stale})")
        kinds = ["order"] * n_orders + ["minutes"] * (a.records - n_orders)
        r.shuffle(kinds)
        # Phase 3 slots: commit indexes 1 + records .. commits - 1.
        first = 1 + a.records
        slots = list(range(first, a.commits))
        sign_slots = sorted(r.sample(slots[: max(1, int(len(slots) * 0.9))], n_signed))
        return kinds, n_signed, n_stale, sign_slots

    def run(self, out):
        a, r = self.a, self.rng
        self.make_clients()
        kinds, n_signed, n_stale, sign_slots = self.plan()
        span = (END - START).total_seconds()
        step = span / a.commits
        ts_of = [int(START.timestamp() + i * step) for i in range(a.commits)]

        # Records, created in order; clients round-robin over a shuffled order.
        records, seq, slugs = [], 0, set()
        client_order = list(range(len(self.clients)))
        for i, kind in enumerate(kinds):
            if i % len(client_order) == 0:
                r.shuffle(client_order)
            c = self.clients[client_order[i % len(client_order)]]
            ts = ts_of[1 + i]
            if kind == "order":
                seq += 1
                rec = Record(f"clients/{c['id']}/orders/WO-{YEAR}-{seq:04d}.md", c, kind)
                self.new_order(rec, seq, ts)
            else:
                date = (local_date(ts) - dt.timedelta(days=r.randint(0, 3))).isoformat()
                title = r.choice(MEETINGS)
                slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
                path = f"clients/{c['id']}/minutes/{date}-{slug}.md"
                k = 2
                while path in slugs:
                    path = f"clients/{c['id']}/minutes/{date}-{slug}-{k}.md"
                    k += 1
                slugs.add(path)
                rec = Record(path, c, kind)
                rec.date, rec.title = date, title
                self.new_minutes(rec, ts)
            records.append(rec)

        orders = [x for x in records if x.kind == "order"]
        signed = r.sample(orders, n_signed)
        for rec, slot in zip(signed, sign_slots):
            rec.signed_at = slot
        for rec in r.sample(signed, n_stale):
            rec.stale = True
        sign_at = {rec.signed_at: rec for rec in signed}
        # Each stale record gets one forced content edit in an edit commit after its
        # sign-off (at most 3 records per commit).
        edit_slots = [s for s in range(1 + a.records, a.commits) if s not in sign_at]
        forced = {}
        for rec in sorted((x for x in signed if x.stale), key=lambda x: x.signed_at):
            later = [s for s in edit_slots if s > rec.signed_at and len(forced.get(s, [])) < 3]
            if not later:
                sys.exit("gen_history: no edit commit left after a stale sign-off")
            forced.setdefault(r.choice(later), []).append(rec)

        git(out, "-c", "init.defaultBranch=main", "init", "-q")
        git(out, "symbolic-ref", "HEAD", "refs/heads/main")
        proc = subprocess.Popen(["git", "-c", "core.autocrlf=false", "fast-import",
                                 "--quiet", "--done"],
                                cwd=out, stdin=subprocess.PIPE)
        w = proc.stdin
        staff = {s[0]: s for s in STAFF}

        def commit(i, author, subject, files):
            sid, name, _ = staff[author]
            who = f"{name} <{sid}@{DOMAIN}> {ts_of[i]} +0800"
            msg = (subject + "\n").encode()
            w.write(f"commit refs/heads/main\nmark :{i + 1}\nauthor {who}\ncommitter {who}\n"
                    f"data {len(msg)}\n".encode() + msg)
            for path, text in files:
                data = text.encode("utf-8")
                w.write(f"M 100644 inline {path}\ndata {len(data)}\n".encode() + data + b"\n")
            w.write(b"\n")

        # 1. setup
        setup = [("docket.yaml", self.docket_yaml()),
                 (".gitignore", "_site/\n"),
                 ("README.md", "A generated docket workspace (bench/gen_history.py).\n")]
        setup += [(f"clients/{c['id']}/client.md", self.client_md(c)) for c in self.clients]
        commit(0, "du.mei", "Set up the workspace", setup)
        # 2. one commit per record
        for i, rec in enumerate(records):
            what = rec.number if rec.kind == "order" else f"minutes of {rec.date} ({rec.title})"
            commit(1 + i, rec.client["ae"], f"Add {what}", [(rec.path, rec.text())])
        # 3. sign-offs and edits
        stats = {"edit_commits": 0, "sign_commits": 0, "record_edits": 0,
                 "status_edits": 0}
        for i in range(1 + a.records, a.commits):
            if i in sign_at:
                rec = sign_at[i]
                signer = r.choice(rec.fields["team"])
                self.sign(rec, signer, ts_of[i])
                commit(i, signer, f"Sign {rec.number} (approved)", [(rec.path, rec.text())])
                stats["sign_commits"] += 1
                continue
            chosen = list(forced.get(i, []))
            want = max(len(chosen), r.randint(1, 3))
            tries = 0
            while len(chosen) < want and tries < 50:
                tries += 1
                rec = r.choice(records)
                if rec in chosen:
                    continue
                frozen = rec.signed_at is not None and rec.signed_at < i and not rec.stale
                if frozen and (rec.status_edited or r.random() < 0.9):
                    continue
                chosen.append(rec)
            files, whats = [], []
            for rec in chosen:
                frozen = rec.signed_at is not None and rec.signed_at < i and not rec.stale
                if frozen:
                    rec.fields["status"] = "in_progress"
                    rec.status_edited = True
                    whats.append(f"{rec.label()}: in progress")
                    stats["status_edits"] += 1
                else:
                    whats.append(f"{rec.label()}: {self.edit(rec)}")
                    if rec.signed_at is not None and rec.signed_at < i:
                        rec.post_sign_edits += 1
                files.append((rec.path, rec.text()))
                stats["record_edits"] += 1
            author = r.choice(chosen[0].fields["team"]) if chosen[0].kind == "order" \
                else chosen[0].client["ae"]
            subject = "Update " + "; ".join(whats)
            commit(i, author, subject, files)
            stats["edit_commits"] += 1
        w.write(b"done\n")
        w.close()
        if proc.wait() != 0:
            sys.exit("gen_history: git fast-import failed")
        git(out, "-c", "core.autocrlf=false", "reset", "-q", "--hard", "main")

        stale = [x for x in signed if x.stale]
        assert all(x.post_sign_edits > 0 for x in stale)
        if a.digests:
            with open(a.digests, "w", encoding="utf-8") as fh:
                for rec in records:
                    fh.write(f"{rec.digest()} {rec.path}\n")
        return {
            "out": os.path.abspath(out),
            "seed": a.seed,
            "commits": a.commits,
            "records": len(records),
            "work_orders": len(orders),
            "minutes": len(records) - len(orders),
            "clients": len(self.clients),
            "staff": len(STAFF),
            "setup_commits": 1,
            "create_commits": len(records),
            **stats,
            "signed_orders": len(signed),
            "stale_orders": len(stale),
            "expected": {
                "stale-signoff": 2 * len(stale),
                "missing-signoff": len(stale),
            },
            "stale_examples": sorted(x.path for x in stale)[:5],
            "signed_examples": sorted(x.path for x in signed if not x.stale)[:5],
        }


def git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True,
                   env={**os.environ, "GIT_CONFIG_NOSYSTEM": "1"})


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("out", help="folder to create (must not exist, or be empty)")
    p.add_argument("--commits", type=int, default=20000)
    p.add_argument("--records", type=int, default=5000)
    p.add_argument("--clients", type=int, default=50)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--digests", metavar="FILE",
                   help="also write '<digest> <path>' of every record's last version to FILE"
                        " (to compare with `docket digest`)")
    a = p.parse_args()
    if a.clients < 1 or a.records < 1 or a.clients > len(SYL_A) * len(SYL_B):
        sys.exit("gen_history: bad --clients or --records")
    if os.path.exists(a.out) and os.listdir(a.out):
        sys.exit(f"gen_history: {a.out} exists and is not empty")
    os.makedirs(a.out, exist_ok=True)
    summary = Gen(a).run(a.out)
    print(json.dumps(summary, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
