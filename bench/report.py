#!/usr/bin/env python3
"""The Markdown tables of bench/run.sh, from the files it leaves in its results folder.

    python3 bench/report.py RESULTS DOCKET SIZE...
"""

import json
import os
import platform
import re
import subprocess
import sys


def median_of(results, name):
    path = os.path.join(results, name + ".json")
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        return json.load(f)["results"][0]["median"]


def peak_mb(results, name):
    path = os.path.join(results, name + ".time")
    if not os.path.exists(path):
        return None
    text = open(path, encoding="utf-8").read()
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    return int(m.group(1)) / 1024 if m else None


def seconds(s):
    if s is None:
        return "-"
    return f"{s * 1000:.0f} ms" if s < 1 else f"{s:.2f} s"


def stages(path):
    """Median per stage of `--timings` lines ("  git history:  3318.0 ms")."""
    out = {}
    if not os.path.exists(path):
        return out
    for line in open(path, encoding="utf-8"):
        m = re.match(r"\s*([a-z -]+):\s+([\d.]+) ms", line)
        if m:
            out.setdefault(m.group(1).strip(), []).append(float(m.group(2)))
    return {k: sorted(v)[len(v) // 2] for k, v in out.items()}


def run(*cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        return "?"


def machine():
    cpu = "?"
    for line in open("/proc/cpuinfo", encoding="utf-8"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = "?"
    for line in open("/proc/meminfo", encoding="utf-8"):
        if line.startswith("MemTotal"):
            mem = f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
    return (
        f"{os.cpu_count()} cores ({cpu}), {mem} RAM, {platform.system()} "
        f"{platform.release()}; {run('hyperfine', '--version')}, "
        f"{run('hugo', 'version').split(' BuildDate')[0]}"
    )


def main():
    results, docket, sizes = sys.argv[1], sys.argv[2], [int(s) for s in sys.argv[3:]]
    runs = {}
    rows = [
        ("check", "`docket check` (history and parse caches from an earlier run)"),
        ("check-noparse", "`docket check`, no parse cache (history cache warm)"),
        ("check-fresh", "`docket check`, no cache (history read afresh)"),
        ("check-edited", "`docket check` after one file is edited"),
        ("check-json", "`docket check --format json`"),
        ("mistakes-json", "`check --format json`, 1,000 mistakes"),
        ("pending", "`docket pending`"),
        ("report", "`docket report weekly --internal`"),
        ("build", "`docket build`"),
        ("hugo", "Hugo, same Markdown files"),
        ("check-many", "`docket check`, a client per ten records"),
        ("build-many", "`docket build`, a client per ten records"),
        ("hugo-many", "Hugo, a client per ten records"),
    ]
    for key, _ in rows:
        for s in sizes:
            runs[(key, s)] = (median_of(results, f"{key}-{s}"), peak_mb(results, f"{key}-{s}"))

    out = []
    w = out.append
    commit = run("git", "-C", os.path.dirname(os.path.abspath(__file__)), "rev-parse", "--short", "HEAD")
    w(f"Measured by `bench/run.sh` at commit `{commit}` on {machine()}.")
    w("")
    w("Median wall time of hyperfine runs (warm page cache), and peak memory (RSS) of one run:")
    w("")
    head = "| work | " + " | ".join(f"{s:,} records" for s in sizes) + " |"
    w(head)
    w("| --- |" + " ---: |" * len(sizes))
    sizes_kb = []
    for s in sizes:
        p = os.path.join(results, f"size-{s}.txt")
        sizes_kb.append(int(open(p).read().strip()) if os.path.exists(p) else None)
    w("| records (text, without `.git`) | " + " | ".join(
        f"{kb / 1024:.0f} MB" if kb and kb >= 1024 else f"{kb} KB" if kb else "-" for kb in sizes_kb) + " |")
    for key, label in rows:
        cells = []
        for s in sizes:
            t, mb = runs[(key, s)]
            cells.append(seconds(t) + (f" ({mb:.0f} MB)" if mb is not None else ""))
        w(f"| {label} | " + " | ".join(cells) + " |")
    cells = []
    for s in sizes:
        b, h = runs[("build", s)][0], runs[("hugo", s)][0]
        cells.append(f"{b / h:.2f}" if b and h else "-")
    w("| `build` / Hugo | " + " | ".join(cells) + " |")
    cells = []
    for s in sizes:
        b, h = runs[("build-many", s)][0], runs[("hugo-many", s)][0]
        cells.append(f"{b / h:.2f}" if b and h else "-")
    w("| `build` / Hugo, a client per ten records | " + " | ".join(cells) + " |")
    site_kb = {}
    for s in sizes:
        for shape in ("site", "site-many"):
            p = os.path.join(results, f"{shape}-{s}.txt")
            if os.path.exists(p):
                site_kb[(shape, s)] = int(open(p).read().strip())
    lsp = {}
    for s in sizes:
        p = os.path.join(results, f"lsp-{s}.json")
        try:
            lsp[s] = json.load(open(p, encoding="utf-8"))["median_ms"] / 1000
        except (OSError, ValueError, KeyError):
            pass
    w("| language server, a change to its diagnostics (median) | " + " | ".join(
        seconds(lsp.get(s)) for s in sizes) + " |")
    w("| site written (bytes of its files), KB per record (a client per ten records) | " + " | ".join(
        f"{site_kb[('site', s)] / s:.1f} ({site_kb[('site-many', s)] / s:.1f})"
        if ("site", s) in site_kb and ("site-many", s) in site_kb else "-" for s in sizes) + " |")
    w("")

    w("Where `docket check` spends its time (`--timings`, one run; history read afresh, "
      "then with the cache that run left):")
    w("")
    w("| stage | " + " | ".join(f"{s:,} afresh | {s:,} cached" for s in sizes) + " |")
    w("| --- |" + " ---: | ---: |" * len(sizes))
    per = []
    for s in sizes:
        per.append(stages(os.path.join(results, f"timings-fresh-{s}.txt")))
        per.append(stages(os.path.join(results, f"timings-{s}.txt")))
    for stage in ["find files", "load and parse", "link", "git history", "sign-off provenance", "check"]:
        w(f"| {stage} | " + " | ".join(
            f"{p[stage]:.0f} ms" if stage in p else "-" for p in per) + " |")
    w("")

    w("Diagnostics in the workspaces with 1,000 planted mistakes:")
    w("")
    for s in sizes:
        p = os.path.join(results, f"mistakes-{s}.json")
        if not os.path.exists(p):
            continue
        try:
            data = json.load(open(p, encoding="utf-8"))
        except ValueError:
            continue
        diags = data.get("diagnostics", [])
        codes = {}
        for d in diags:
            codes[d.get("code")] = codes.get(d.get("code"), 0) + 1
        w(f"- {s:,} records: {len(diags):,} diagnostics, {len(codes)} codes")
    w("")

    # The targets.
    runs[("history-check", 5000)] = (median_of(results, "history-check-5000"), None)
    for name in ("changes-100", "changes-client-100"):
        runs[(name, 5000)] = (median_of(results, f"{name}-5000"), None)

    def t(key, s):
        return runs.get((key, s), (None, None))[0]

    checks = []
    if 10000 in sizes:
        checks.append(("`check`, 10k records", "under 0.3 s",
                       f"{seconds(t('check', 10000))} (afresh {seconds(t('check-fresh', 10000))})",
                       t("check", 10000) is not None and t("check", 10000) < 0.3))
    if 100000 in sizes:
        mb = runs[("check", 100000)][1]
        ok = t("check", 100000) is not None and t("check", 100000) < 2 and mb is not None and mb < 1024
        checks.append(("`check`, 100k records", "under 2 s, under 1 GiB",
                       f"{seconds(t('check', 100000))}, {mb:.0f} MB (afresh "
                       f"{seconds(t('check-fresh', 100000))})" if mb else "-", ok))
    if 10000 in sizes and t("check-noparse", 10000):
        checks.append(("`check`, 10k records, no parse cache (history cache warm)",
                       "at most 0.3 s", seconds(t("check-noparse", 10000)),
                       t("check-noparse", 10000) <= 0.3))
    if 10000 in sizes and t("check-edited", 10000):
        checks.append(("`check`, 10k records, after one file edited", "at most 0.1 s",
                       seconds(t("check-edited", 10000)), t("check-edited", 10000) <= 0.1))
    if 10000 in sizes and t("build", 10000) and t("hugo", 10000):
        r = t("build", 10000) / t("hugo", 10000)
        checks.append(("`build`, 10k records", "ratio to Hugo at most 0.5", f"{r:.2f}", r <= 0.5))
    if 10000 in sizes and t("build-many", 10000) and t("hugo-many", 10000):
        r = t("build-many", 10000) / t("hugo-many", 10000)
        checks.append(("`build`, 10k records, a client per ten records",
                       "ratio to Hugo at most 0.5", f"{r:.2f}", r <= 0.5))
    for s in sizes:
        if ("site", s) in site_kb and ("site-many", s) in site_kb and s >= 10000:
            r = site_kb[("site-many", s)] / site_kb[("site", s)]
            checks.append((f"site bytes per record, a client per ten records against "
                           f"one per 250, {s:,} records", "at most 1.2x", f"{r:.1f}x", r <= 1.2))
    if 10000 in lsp:
        checks.append(("language server, a change to its diagnostics, 10k records",
                       "at most 100 ms", seconds(lsp[10000]), lsp[10000] <= 0.1))
    hist = stages(os.path.join(results, "history-timings.txt"))
    if "git history" in hist:
        h = hist["git history"] / 1000
        checks.append(("git history, 20k commits, 5k records", "read once, under 3 s",
                       f"{h:.2f} s (median of 5; `check` in all {seconds(t('history-check', 5000))})",
                       h < 3))
    if t("changes-100", 5000):
        c, cc = t("changes-100", 5000), t("changes-client-100", 5000)
        checks.append(("`changes --since HEAD~100`, 20k commits", "well under 1 s",
                       f"{seconds(c)} (one client: {seconds(cc)})", c < 0.5))
    for a, b in zip(sizes, sizes[1:]):
        if b == 10 * a and t("check", a) and t("check", b):
            g = t("check", b) / t("check", a)
            checks.append((f"growth, `check` {a:,} -> {b:,}", "at most 10.5x", f"{g:.1f}x", g <= 10.5))
    for s in sizes:
        if t("mistakes-json", s) and t("check-json", s) and s >= 10000:
            r = t("mistakes-json", s) / t("check-json", s)
            checks.append((f"1,000 mistakes, {s:,} records", "under 1.2x the clean time",
                           f"{r:.2f}x", r < 1.2))
    if checks:
        w("| target | wanted | measured | met |")
        w("| --- | --- | --- | --- |")
        for name, want, got, ok in checks:
            w(f"| {name} | {want} | {got} | {'yes' if ok else '**no**'} |")
        w("")
    print("\n".join(out))


if __name__ == "__main__":
    main()
