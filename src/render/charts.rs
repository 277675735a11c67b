//! Inline SVG charts for the site pages: budget against costs per work order, receivables
//! aging per currency, and open work per person.
//!
//! The pages run under `default-src 'none'; style-src 'self'`, so the markup carries no
//! `style` attributes or elements: every colour comes from the classes styled
//! in the site's stylesheet (`templates/site/style.css`, section "Charts"). Geometry lives in a viewBox 380 units
//! wide that scales with its container (`width="100%"`, height from the aspect ratio).
//! Coordinates are written with one decimal, so the same input gives the same bytes.
//! Empty input renders a small "Nothing to show" SVG (never an empty string); NaN, infinite
//! and negative amounts count as 0 for geometry while the caller's texts are shown as given.

use std::fmt::Write as _;

/// Budget against costs for one work order; the texts are the caller's formatted amounts.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct BudgetRow {
    pub label: String,
    pub budget: Option<f64>,
    pub budget_text: Option<String>,
    pub cost: f64,
    pub cost_text: String,
}

/// One receivables aging bucket (current, 1–30, 31–60, 61+ days past due), oldest last.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct AgingBucket {
    pub label: String,
    pub value: f64,
    pub text: String,
}

/// One person's open work: counts keyed by series (the key becomes a `k-<key>` class).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct WorkloadRow {
    pub person: String,
    pub segments: Vec<(String, u32)>,
}

/// Width of the viewBox, in user units.
const W: f64 = 380.0;
/// Font sizes: row labels, amounts, small print (legends, in-bar numbers).
const FL: f64 = 13.0;
const FV: f64 = 12.0;
const FS: f64 = 11.0;
/// Estimated advance of a typical Latin character, in ems (generous for bold and for wide
/// fallback fonts); CJK and other wide characters count double.
const EM: f64 = 0.6;

macro_rules! w {
    ($o:expr, $($t:tt)*) => { let _ = write!($o, $($t)*); };
}

/// Budget against costs: per row a track as long as the budget, the costs drawn over it,
/// and costs beyond the budget as a hatched overflow; rows without a budget show costs only.
/// All rows share one scale, so the tracks also compare the sizes of the orders.
pub(crate) fn budget_vs_cost(id: &str, title: &str, rows: &[BudgetRow]) -> String {
    let id = prefix(id);
    if rows.is_empty() {
        return nothing(&id, "budget", title);
    }
    let bar = W - 4.0; // room for a minimal overflow past a full-length track
    let max = rows
        .iter()
        .map(|r| pos(r.cost).max(r.budget.map_or(0.0, pos)))
        .fold(0.0, f64::max);
    let scale = |v: f64| if max > 0.0 { pos(v) / max * bar } else { 0.0 };
    let (mut body, mut desc, mut y) = (
        String::new(),
        format!("Budget against costs, {} work orders.", rows.len()),
        0.0,
    );
    for r in rows {
        let cost = pos(r.cost);
        let cw = if cost > 0.0 {
            scale(cost).max(2.0)
        } else {
            0.0
        };
        // Line 1: the label, and the share used (or "no budget") at the right.
        // Line 2: the bar. Line 3: the caller's amounts, never cut.
        let budget = r.budget.map(pos);
        let (status, class) = match budget {
            Some(b) => used(cost, b),
            None => ("no budget".into(), "t-none"),
        };
        let amounts = match budget {
            Some(b) => {
                let bt = r.budget_text.clone().unwrap_or_else(|| format!("{b:.2}"));
                let state = if class == "t-over" {
                    "over budget"
                } else {
                    "used"
                };
                w!(
                    desc,
                    " {}: costs {} of budget {bt}, {status} {state}.",
                    r.label,
                    r.cost_text
                );
                format!("{} of {bt}", r.cost_text)
            }
            None => {
                w!(desc, " {}: costs {}, no budget.", r.label, r.cost_text);
                r.cost_text.clone()
            }
        };
        text(
            &mut body,
            W,
            y + 13.0,
            &format!("pct {class}"),
            true,
            FV,
            &status,
            W,
        );
        text(
            &mut body,
            0.0,
            y + 13.0,
            "lbl",
            false,
            FL,
            &r.label,
            W - text_w(&status, FV) - 14.0,
        );
        text(
            &mut body,
            0.0,
            y + 46.0,
            "val",
            false,
            FV,
            &amounts,
            f64::INFINITY,
        );
        let by = y + 20.0;
        match budget.map(scale) {
            Some(bw) => {
                if bw > 0.0 {
                    rect(&mut body, 0.0, by, bw, 12.0, "track", r#" rx="2""#);
                }
                rect(&mut body, 0.0, by, cw.min(bw), 12.0, "cost", "");
                if class == "t-over" {
                    let ow = (cw - bw).max(3.0);
                    rect(&mut body, bw, by, ow, 12.0, "over", "");
                    rect(
                        &mut body,
                        bw,
                        by,
                        ow,
                        12.0,
                        "tex",
                        &format!(r#" fill="url(#{id}-hatch)""#),
                    );
                }
                w!(
                    body,
                    r#"<line class="mark" x1="{0}" y1="{1}" x2="{0}" y2="{2}"/>"#,
                    n(bw.max(1.0)),
                    n(by - 3.0),
                    n(by + 15.0)
                );
            }
            None => rect(&mut body, 0.0, by, cw, 12.0, "cost nb", ""),
        }
        y += 60.0;
    }
    finish(&id, "budget", title, &desc, y - 8.0, &body)
}

/// Receivables aging: one stacked bar of the buckets' shares (current first, oldest last,
/// the oldest hatched), then a list of the buckets with their amounts and shares.
pub(crate) fn aging(id: &str, title: &str, buckets: &[AgingBucket]) -> String {
    let id = prefix(id);
    if buckets.is_empty() {
        return nothing(&id, "aging", title);
    }
    let max = buckets.iter().map(|b| pos(b.value)).fold(0.0, f64::max);
    let shares: Vec<f64> = buckets
        .iter()
        .map(|b| if max > 0.0 { pos(b.value) / max } else { 0.0 })
        .collect();
    let sum: f64 = shares.iter().sum();
    let parts: Vec<f64> = shares
        .iter()
        .map(|s| if sum > 0.0 { s / sum } else { 0.0 })
        .collect();
    let pcts: Vec<String> = parts.iter().map(|p| format!("{:.1}%", p * 100.0)).collect();
    let sev = |i: usize| format!("seg sev{}", i.min(3));
    let mut body = String::new();
    let mut desc = String::from("Receivables by days past due:");
    rect(&mut body, 0.0, 0.5, W, 24.0, "track", r#" rx="2""#);
    // Every non-zero bucket stays visible; widths are rescaled if those minimums overflow.
    let widths: Vec<f64> = parts
        .iter()
        .map(|p| if *p > 0.0 { (p * W).max(3.0) } else { 0.0 })
        .collect();
    let fit = W / widths.iter().sum::<f64>().max(W);
    let mut x = 0.0;
    for (i, w) in widths.iter().enumerate() {
        let w = w * fit;
        if w <= 0.0 {
            continue;
        }
        rect(&mut body, x, 0.5, w, 24.0, &sev(i), "");
        if i >= 3 {
            rect(
                &mut body,
                x,
                0.5,
                w,
                24.0,
                "tex",
                &format!(r#" fill="url(#{id}-hatch)""#),
            );
        }
        if w >= text_w(&pcts[i], FS) + 8.0 {
            w!(
                body,
                r#"<text class="segn sev{}" x="{}" y="17" font-size="{FS}" text-anchor="middle">{}</text>"#,
                i.min(3),
                n(x + w / 2.0),
                pcts[i]
            );
        }
        x += w;
    }
    let mut y = 38.0;
    for (i, b) in buckets.iter().enumerate() {
        w!(
            desc,
            " {} {} ({}){}",
            b.label,
            b.text,
            pcts[i],
            if i + 1 == buckets.len() { "." } else { "," }
        );
        rect(&mut body, 0.0, y + 3.0, 12.0, 12.0, &sev(i), "");
        if i >= 3 {
            rect(
                &mut body,
                0.0,
                y + 3.0,
                12.0,
                12.0,
                "tex",
                &format!(r#" fill="url(#{id}-hatch)""#),
            );
        }
        let room = W - 18.0 - 58.0 - text_w(&b.text, FV) - 10.0;
        text(&mut body, 18.0, y + 13.5, "name", false, FL, &b.label, room);
        text(&mut body, W - 58.0, y + 13.5, "val", true, FV, &b.text, W);
        text(&mut body, W, y + 13.5, "pct", true, FV, &pcts[i], W);
        if i + 1 < buckets.len() {
            w!(
                body,
                r#"<line class="rule" x1="0" y1="{0}" x2="{W:.1}" y2="{0}"/>"#,
                n(y + 21.5)
            );
        }
        y += 24.0;
    }
    finish(&id, "aging", title, &desc, y - 2.0, &body)
}

/// Open work per person: a legend (when there is more than one series), then per person a
/// stacked bar of the series in legend order with each count written in its segment, and
/// the total right-aligned at the end. Keys not in `series` are appended, named by key.
pub(crate) fn workload(
    id: &str,
    title: &str,
    series: &[(String, String)],
    rows: &[WorkloadRow],
) -> String {
    let id = prefix(id);
    if rows.is_empty() {
        return nothing(&id, "workload", title);
    }
    let mut keys: Vec<(String, String)> = series.to_vec();
    for (k, _) in rows.iter().flat_map(|r| &r.segments) {
        if !keys.iter().any(|(have, _)| have == k) {
            keys.push((k.clone(), k.clone()));
        }
    }
    let counts: Vec<Vec<u64>> = rows
        .iter()
        .map(|r| {
            let mut c = vec![0u64; keys.len()];
            for (k, v) in &r.segments {
                if let Some(i) = keys.iter().position(|(have, _)| have == k) {
                    c[i] += u64::from(*v);
                }
            }
            c
        })
        .collect();
    // Scale so that every row fits even with each non-zero segment widened to `MIN`.
    const MIN: f64 = 18.0;
    let bar = W - 40.0;
    let mut k = f64::INFINITY;
    for c in &counts {
        let total = c.iter().sum::<u64>() as f64;
        if total > 0.0 {
            k = k.min((bar - MIN * c.iter().filter(|v| **v > 0).count() as f64) / total);
        }
    }
    let most = counts
        .iter()
        .map(|c| c.iter().sum::<u64>())
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let (k, min) = if k.is_finite() && k > 0.0 {
        (k, MIN)
    } else {
        (bar / most, 0.0)
    };
    let classes: Vec<String> = keys
        .iter()
        .enumerate()
        .map(|(i, (key, _))| format!("s{} k-{}", i % 6, key_class(key)))
        .collect();
    let hatch = format!(r#" fill="url(#{id}-hatch)""#);
    let mut body = String::new();
    let mut desc = String::from("Open work by person.");
    let (mut x, mut y) = (0.0, 0.0);
    if keys.len() > 1 {
        for (i, (_, label)) in keys.iter().enumerate() {
            let (shown, _) = fit(label, 150.0, FS);
            let iw = 15.0 + text_w(&shown, FS) + 14.0;
            if x > 0.0 && x + iw > W {
                (x, y) = (0.0, y + 18.0);
            }
            rect(
                &mut body,
                x,
                y + 1.5,
                11.0,
                11.0,
                &format!("seg {}", classes[i]),
                "",
            );
            rect(
                &mut body,
                x,
                y + 1.5,
                11.0,
                11.0,
                &format!("tex opt {}", classes[i]),
                &hatch,
            );
            text(
                &mut body,
                x + 15.0,
                y + 11.0,
                "leg",
                false,
                FS,
                label,
                150.0,
            );
            x += iw;
        }
        y += 26.0;
    }
    for (r, c) in rows.iter().zip(&counts) {
        let total: u64 = c.iter().sum();
        let parts: Vec<String> = c
            .iter()
            .zip(&keys)
            .filter(|(v, _)| **v > 0)
            .map(|(v, (_, l))| format!("{v} {l}"))
            .collect();
        w!(
            desc,
            " {}: {}{total} in all.",
            r.person,
            if parts.is_empty() {
                String::new()
            } else {
                parts.join(", ") + "; "
            }
        );
        text(
            &mut body,
            0.0,
            y + 13.0,
            "lbl",
            false,
            FL,
            &r.person,
            W - 8.0,
        );
        let by = y + 19.0;
        rect(&mut body, 0.0, by, bar, 16.0, "rail", "");
        let mut x = 0.0;
        for (i, v) in c.iter().enumerate().filter(|(_, v)| **v > 0) {
            let sw = (*v as f64 * k).max(min);
            w!(
                body,
                r#"<rect class="seg {}" x="{}" y="{}" width="{}" height="16"><title>{}: {v}</title></rect>"#,
                classes[i],
                n(x),
                n(by),
                n(sw),
                esc(&keys[i].1)
            );
            rect(
                &mut body,
                x,
                by,
                sw,
                16.0,
                &format!("tex opt {}", classes[i]),
                &hatch,
            );
            let label = v.to_string();
            if sw >= text_w(&label, FS) + 4.0 {
                w!(
                    body,
                    r#"<text class="segn {}" x="{}" y="{}" font-size="{FS}" text-anchor="middle">{label}</text>"#,
                    classes[i],
                    n(x + sw / 2.0),
                    n(by + 12.0)
                );
            }
            x += sw;
        }
        w!(
            body,
            r#"<text class="tot" x="{W:.1}" y="{}" font-size="{FV}" text-anchor="end">{total}</text>"#,
            n(by + 12.5)
        );
        y += 46.0;
    }
    finish(&id, "workload", title, &desc, y - 8.0, &body)
}

/// A finite, non-negative amount (NaN, infinities and negatives become 0).
fn pos(x: f64) -> f64 {
    if x.is_finite() && x > 0.0 { x } else { 0.0 }
}

/// A coordinate with one decimal; never "-0.0", "NaN" or "inf".
fn n(x: f64) -> String {
    let s = format!("{:.1}", if x.is_finite() { x } else { 0.0 });
    if s == "-0.0" { "0.0".into() } else { s }
}

/// Share of the budget used, rounded towards the budget line so that 100.0% means exactly
/// on budget, with the text class for its status (90% and up is a warning).
fn used(cost: f64, budget: f64) -> (String, &'static str) {
    if cost <= 0.0 {
        return ("0.0%".into(), "t-ok");
    }
    if budget <= 0.0 {
        return ("over".into(), "t-over");
    }
    let r = cost / budget;
    if !r.is_finite() || r > 9.99 {
        return (">999%".into(), "t-over");
    }
    if cost > budget {
        (
            format!("{:.1}%", (r * 1000.0 - 1e-9).ceil() / 10.0),
            "t-over",
        )
    } else {
        let p = (r * 1000.0 + 1e-9).floor() / 10.0;
        (
            format!("{p:.1}%"),
            if p >= 90.0 { "t-warn" } else { "t-ok" },
        )
    }
}

/// Text for XML content and attribute values; drops characters XML cannot hold.
fn esc(s: &str) -> String {
    let clean: String = s
        .chars()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' => Some(' '),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => None,
            c => Some(c),
        })
        .collect();
    super::html::escape(&clean)
}

/// Whether `c` is drawn about twice as wide as a Latin letter (CJK, Hangul, full-width, emoji).
fn wide(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x1F300..=0x1FAFF | 0x20000..=0x3FFFD)
}

/// Estimated advance of `c` at font size `fs`: wide characters count double a typical
/// Latin one, and the narrowest and widest Latin ones are told apart.
fn char_w(c: char, fs: f64) -> f64 {
    let em = match c {
        _ if wide(c) => 2.0 * EM,
        ' ' | '.' | ',' | ':' | ';' | '!' | '|' | '\'' | 'i' | 'j' | 'l' | 'I' => 0.32,
        'f' | 'r' | 't' | '(' | ')' | '[' | ']' | '-' | '/' | '·' => 0.4,
        'm' | 'w' | 'M' | 'W' | '@' | '%' => 0.92,
        'A'..='Z' | '&' => 0.72,
        _ => EM,
    };
    em * fs
}

/// Estimated drawn width of `s` at font size `fs`.
fn text_w(s: &str, fs: f64) -> f64 {
    s.chars().map(|c| char_w(c, fs)).sum()
}

/// `s` cut to at most `max` units wide with an ellipsis, and whether it was cut.
fn fit(s: &str, max: f64, fs: f64) -> (String, bool) {
    if text_w(s, fs) <= max {
        return (s.to_string(), false);
    }
    let (mut out, mut w) = (String::new(), EM * fs);
    for c in s.chars() {
        w += char_w(c, fs);
        if w > max {
            break;
        }
        out.push(c);
    }
    (format!("{}…", out.trim_end()), true)
}

/// A `<text>` fitted to `max` units; a cut text keeps its full content in a `<title>`.
#[allow(clippy::too_many_arguments)]
fn text(o: &mut String, x: f64, y: f64, class: &str, end: bool, fs: f64, s: &str, max: f64) {
    let (shown, cut) = fit(s, max, fs);
    let anchor = if end { r#" text-anchor="end""# } else { "" };
    w!(
        o,
        r#"<text class="{class}" x="{}" y="{}" font-size="{fs}"{anchor}>"#,
        n(x),
        n(y)
    );
    if cut {
        w!(o, "<title>{}</title>", esc(s));
    }
    w!(o, "{}</text>", esc(&shown));
}

fn rect(o: &mut String, x: f64, y: f64, w: f64, h: f64, class: &str, extra: &str) {
    if w > 0.0 {
        w!(
            o,
            r#"<rect class="{class}" x="{}" y="{}" width="{}" height="{}"{extra}/>"#,
            n(x),
            n(y),
            n(w),
            n(h)
        );
    }
}

/// The caller's id prefix reduced to characters safe in ids and `url(#…)` references.
fn prefix(id: &str) -> String {
    let p: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if p.is_empty() { "chart".into() } else { p }
}

/// A series key as a class suffix: lowercase `[a-z0-9-]`, "x" when nothing is left.
fn key_class(key: &str) -> String {
    let mut o = String::new();
    for c in key.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            o.push(c);
        } else if !o.is_empty() && !o.ends_with('-') {
            o.push('-');
        }
    }
    let o = o.trim_end_matches('-');
    if o.is_empty() { "x".into() } else { o.into() }
}

/// The complete SVG: accessible name and description, the hatch pattern, then `body`.
fn finish(id: &str, kind: &str, title: &str, desc: &str, h: f64, body: &str) -> String {
    format!(
        concat!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-{kind}" viewBox="0 0 {w} {h}" width="100%" "#,
            r#"preserveAspectRatio="xMinYMin meet" role="img" aria-labelledby="{id}-title {id}-desc">"#,
            r#"<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>"#,
            r#"<defs><pattern id="{id}-hatch" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">"#,
            r#"<line class="hatch" x1="0" y1="0" x2="0" y2="5"/></pattern></defs>{body}</svg>"#
        ),
        kind = kind,
        w = n(W),
        h = n(h.max(1.0)),
        id = id,
        title = esc(title),
        desc = esc(desc),
        body = body
    )
}

/// The short SVG for a chart with no rows.
fn nothing(id: &str, kind: &str, title: &str) -> String {
    let mut body = String::new();
    text(
        &mut body,
        0.0,
        16.0,
        "empty",
        false,
        FL,
        "Nothing to show",
        W,
    );
    finish(id, kind, title, "Nothing to show.", 24.0, &body)
}
