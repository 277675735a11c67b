//! `docket.yaml` (config stage): agency settings, staff, numbering, rule severities.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Utc, Weekday};

use crate::check::codes::{self, Rule};
use crate::check::rules::{invalid_numbering, invalid_timezone, unknown_rule};
use crate::diag::{Diagnostic, Severity};
use crate::parse::fields::{Reader, Sp};
use crate::parse::values::{parse_offset, resolve_local};
use crate::parse::yaml::Value;
use crate::source::Span;

/// The workspace timezone: an IANA zone or a fixed offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Timezone {
    Named(chrono_tz::Tz),
    Fixed(FixedOffset),
}

impl Timezone {
    pub fn parse(text: &str) -> Option<Timezone> {
        let t = text.trim();
        if t.starts_with('+') || t.starts_with('-') {
            return parse_offset(t).map(Timezone::Fixed);
        }
        if t.eq_ignore_ascii_case("utc") || t == "Z" {
            return Some(Timezone::Fixed(FixedOffset::east_opt(0)?));
        }
        t.parse::<chrono_tz::Tz>().ok().map(Timezone::Named)
    }

    pub fn utc() -> Timezone {
        Timezone::Named(chrono_tz::UTC)
    }

    /// A local wall-clock time in this zone; `None` if a daylight-saving change skips it.
    pub fn from_local(&self, naive: &NaiveDateTime) -> Option<DateTime<FixedOffset>> {
        match self {
            Timezone::Named(tz) => resolve_local(tz, naive),
            Timezone::Fixed(off) => resolve_local(off, naive),
        }
    }

    /// The wall-clock time of an instant in this zone.
    pub fn local_time(&self, t: &DateTime<FixedOffset>) -> NaiveDateTime {
        match self {
            Timezone::Named(tz) => t.with_timezone(tz).naive_local(),
            Timezone::Fixed(off) => t.with_timezone(off).naive_local(),
        }
    }

    /// The calendar date of an instant in this zone.
    pub fn local_date(&self, t: &DateTime<FixedOffset>) -> NaiveDate {
        match self {
            Timezone::Named(tz) => t.with_timezone(tz).date_naive(),
            Timezone::Fixed(off) => t.with_timezone(off).date_naive(),
        }
    }

    /// The calendar date of a moment given in seconds since the epoch (a commit's time).
    pub fn date_of_timestamp(&self, seconds: i64) -> NaiveDate {
        let t = DateTime::from_timestamp(seconds, 0).unwrap_or_default();
        self.local_date(&t.fixed_offset())
    }

    /// Today in this zone, from the system clock.
    pub fn today(&self) -> NaiveDate {
        self.local_date(&Utc::now().fixed_offset())
    }

    pub fn name(&self) -> String {
        match self {
            Timezone::Named(tz) => tz.name().to_string(),
            Timezone::Fixed(off) => off.to_string(),
        }
    }
}

/// A numbering pattern such as `WO-{year}-{seq:4}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern {
    pub text: String,
    parts: Vec<Part>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Part {
    Literal(String),
    Year,
    Seq(usize),
}

impl Pattern {
    /// Parses a pattern; it needs exactly one `{seq}` or `{seq:N}`.
    pub fn parse(text: &str) -> Result<Pattern, String> {
        let mut parts = Vec::new();
        let mut rest = text;
        let mut seqs = 0;
        while let Some(open) = rest.find('{') {
            if open > 0 {
                parts.push(Part::Literal(rest[..open].to_string()));
            }
            let close = rest[open..]
                .find('}')
                .ok_or_else(|| format!("`{text}` has a `{{` without `}}`"))?
                + open;
            let token = &rest[open + 1..close];
            match token {
                "year" => parts.push(Part::Year),
                "seq" => {
                    seqs += 1;
                    parts.push(Part::Seq(1));
                }
                t if t.starts_with("seq:") => {
                    let width: usize = t[4..]
                        .parse()
                        .ok()
                        .filter(|w| (1..=12).contains(w))
                        .ok_or_else(|| format!("`{{{t}}}` needs a width from 1 to 12"))?;
                    seqs += 1;
                    parts.push(Part::Seq(width));
                }
                t => {
                    return Err(format!(
                        "`{{{t}}}` is not a placeholder (use {{year}} and {{seq:N}})"
                    ));
                }
            }
            rest = &rest[close + 1..];
        }
        if !rest.is_empty() {
            parts.push(Part::Literal(rest.to_string()));
        }
        if seqs != 1 {
            return Err(format!("`{text}` must contain one {{seq}} or {{seq:N}}"));
        }
        Ok(Pattern {
            text: text.to_string(),
            parts,
        })
    }

    /// Whether `number` fits the pattern; gives back (year, seq) when it does.
    pub fn matches(&self, number: &str) -> Option<(Option<i32>, u64)> {
        let mut rest = number;
        let mut year = None;
        let mut seq = None;
        for (i, part) in self.parts.iter().enumerate() {
            match part {
                Part::Literal(l) => rest = rest.strip_prefix(l.as_str())?,
                Part::Year => {
                    let digits = rest.get(..4)?;
                    if !digits.chars().all(|c| c.is_ascii_digit()) {
                        return None;
                    }
                    year = Some(digits.parse().ok()?);
                    rest = &rest[4..];
                }
                Part::Seq(width) => {
                    // Take digits up to the next literal (or the end).
                    let end = match self.parts.get(i + 1) {
                        Some(Part::Literal(l)) => rest.find(l.as_str())?,
                        _ => rest
                            .find(|c: char| !c.is_ascii_digit())
                            .unwrap_or(rest.len()),
                    };
                    let digits = &rest[..end];
                    if digits.len() < *width || !digits.chars().all(|c| c.is_ascii_digit()) {
                        return None;
                    }
                    seq = Some(digits.parse().ok()?);
                    rest = &rest[end..];
                }
            }
        }
        rest.is_empty().then_some((year, seq?))
    }

    /// Writes the number for a year and sequence.
    pub fn format(&self, year: i32, seq: u64) -> String {
        self.parts
            .iter()
            .map(|p| match p {
                Part::Literal(l) => l.clone(),
                Part::Year => format!("{year:04}"),
                Part::Seq(w) => format!("{seq:0w$}", w = *w),
            })
            .collect()
    }
}

crate::choice! {
    /// A staff member's role.
    pub enum Role {
        Ae = "ae",
        AccountDirector = "account_director",
        Creative = "creative",
        Media = "media",
        Planner = "planner",
        Production = "production",
        Finance = "finance",
        Other = "other",
    }
}

crate::choice! {
    /// A rule level in `rules:`.
    pub enum Level {
        Error = "error",
        Warning = "warning",
        Info = "info",
        Off = "off",
    }
}

crate::choice! {
    /// A day of the week.
    pub enum Day {
        Monday = "monday",
        Tuesday = "tuesday",
        Wednesday = "wednesday",
        Thursday = "thursday",
        Friday = "friday",
        Saturday = "saturday",
        Sunday = "sunday",
    }
}

impl Day {
    pub fn weekday(self) -> Weekday {
        match self {
            Day::Monday => Weekday::Mon,
            Day::Tuesday => Weekday::Tue,
            Day::Wednesday => Weekday::Wed,
            Day::Thursday => Weekday::Thu,
            Day::Friday => Weekday::Fri,
            Day::Saturday => Weekday::Sat,
            Day::Sunday => Weekday::Sun,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Staff {
    pub id: Sp<String>,
    pub name: String,
    pub email: Option<String>,
    pub role: Option<Role>,
}

/// A rule's severity as set in `rules:`; `None` turns it off.
#[derive(Clone, Debug)]
pub struct RuleSetting {
    pub rule: &'static Rule,
    pub level: Option<Severity>,
}

#[derive(Clone, Debug)]
pub struct Config {
    pub agency: String,
    pub currency: String,
    pub timezone: Timezone,
    pub payment_terms_days: i64,
    pub report_day: Weekday,
    pub report_time: NaiveTime,
    pub work_order_numbering: Pattern,
    pub invoice_numbering: Pattern,
    pub internal_headings: Vec<String>,
    pub rules: Vec<RuleSetting>,
    pub staff: Vec<Staff>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            agency: String::new(),
            currency: "CNY".into(),
            timezone: Timezone::utc(),
            payment_terms_days: 45,
            report_day: Weekday::Mon,
            report_time: NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default(),
            work_order_numbering: Pattern::parse("WO-{year}-{seq:4}")
                .unwrap_or_else(|_| unreachable_pattern()),
            invoice_numbering: Pattern::parse("INV-{year}-{seq:4}")
                .unwrap_or_else(|_| unreachable_pattern()),
            internal_headings: vec!["Internal".into()],
            rules: Vec::new(),
            staff: Vec::new(),
        }
    }
}

fn unreachable_pattern() -> Pattern {
    Pattern {
        text: String::new(),
        parts: vec![Part::Seq(1)],
    }
}

/// The fields of the mappings inside `docket.yaml`, by the key they stand under.
pub fn nested_fields(parent: &str) -> &'static [&'static str] {
    match parent {
        "weekly_report" => &["weekday", "time"],
        "numbering" => &["work_order", "invoice"],
        "staff" => &["id", "name", "email", "role"],
        _ => &[],
    }
}

/// The top-level fields of `docket.yaml`.
pub const FIELDS: &[&str] = &[
    "agency",
    "currency",
    "timezone",
    "payment_terms_days",
    "weekly_report",
    "numbering",
    "internal_headings",
    "rules",
    "staff",
];

impl Config {
    /// Reads `docket.yaml` from its parsed YAML; problems go to `diags`, defaults fill in.
    /// The settings of `file`, the text of a `docket.yaml` (a byte-order mark allowed);
    /// the defaults, and a diagnostic, where its YAML cannot be read.
    pub fn of_file(
        file: &crate::source::SourceFile,
        id: crate::source::FileId,
        diags: &mut Vec<Diagnostic>,
    ) -> Config {
        let base = if file.text.starts_with('\u{feff}') {
            3
        } else {
            0
        };
        match crate::parse::yaml::parse(file, id, base, &file.text[base..]) {
            Ok(value) => Config::read(&value, Span::file_start(id), diags),
            Err(d) => {
                diags.push(d);
                Config::default()
            }
        }
    }

    pub fn read(root: &Value, file_start: Span, diags: &mut Vec<Diagnostic>) -> Config {
        let mut config = Config::default();
        let utc = Timezone::utc();
        let mut r = Reader::new(diags, &utc);
        let Some(mut f) = r.fields(root, "docket.yaml", Some(file_start)) else {
            return config;
        };
        if let Some(v) = r.required(&mut f, "agency", "docket.yaml") {
            config.agency = r.text(v, "agency").map(|t| t.value).unwrap_or_default();
        }
        if let Some(v) = r.required(&mut f, "currency", "docket.yaml")
            && let Some(c) = r.currency(v, "currency")
        {
            config.currency = c.value;
        }
        if let Some(v) = r.required(&mut f, "timezone", "docket.yaml")
            && let Some(t) = r.text(v, "timezone")
        {
            match Timezone::parse(&t) {
                Some(tz) => config.timezone = tz,
                None => r.diags.push(
                    Diagnostic::new(
                        &invalid_timezone::RULE,
                        t.span,
                        format!("`{}` is not a timezone", t.value),
                    )
                    .help("use an IANA name such as Asia/Shanghai, or a fixed offset such as \"+08:00\""),
                ),
            }
        }
        if let Some(v) = r.get(&mut f, "payment_terms_days")
            && let Some(t) = r.text(v, "payment_terms_days")
        {
            match t.parse::<i64>() {
                Ok(n) if (0..=3650).contains(&n) => config.payment_terms_days = n,
                _ => r.diags.push(
                    Diagnostic::new(
                        &crate::check::rules::wrong_type::RULE,
                        v.span,
                        "`payment_terms_days` must be a whole number of days",
                    )
                    .help("write it like: payment_terms_days: 45"),
                ),
            }
        }
        if let Some(v) = r.get(&mut f, "weekly_report")
            && let Some(mut w) = r.fields(v, "weekly_report", None)
        {
            if let Some(d) = r
                .get(&mut w, "weekday")
                .and_then(|v| r.choice::<Day>(v, "weekday"))
            {
                config.report_day = d.value.weekday();
            }
            if let Some(v) = r.get(&mut w, "time")
                && let Some(t) = r.text(v, "time")
            {
                match NaiveTime::parse_from_str(t.trim(), "%H:%M") {
                    Ok(time) => config.report_time = time,
                    Err(_) => r.diags.push(
                        Diagnostic::new(
                            &crate::check::rules::invalid_date::RULE,
                            v.span,
                            format!("`{}` is not a time of day", t.value),
                        )
                        .help("write it like: time: \"12:00\""),
                    ),
                }
            }
            r.finish(w, nested_fields("weekly_report"), "weekly_report");
        }
        if let Some(v) = r.get(&mut f, "numbering")
            && let Some(mut n) = r.fields(v, "numbering", None)
        {
            for (key, slot) in [
                ("work_order", &mut config.work_order_numbering),
                ("invoice", &mut config.invoice_numbering),
            ] {
                if let Some(v) = r.get(&mut n, key)
                    && let Some(t) = r.text(v, key)
                {
                    match Pattern::parse(&t) {
                        Ok(p) => *slot = p,
                        Err(msg) => r.diags.push(
                            Diagnostic::new(&invalid_numbering::RULE, t.span, msg)
                                .help("a pattern looks like \"WO-{year}-{seq:4}\""),
                        ),
                    }
                }
            }
            r.finish(n, nested_fields("numbering"), "numbering");
        }
        if let Some(v) = r.get(&mut f, "internal_headings") {
            let headings = r.text_list(v, "internal_headings");
            config.internal_headings = headings.into_iter().map(|h| h.value).collect();
        }
        if let Some(v) = r.get(&mut f, "rules") {
            let map = v.as_map().unwrap_or_default();
            if v.as_map().is_none() {
                r.diags.push(
                    Diagnostic::new(
                        &crate::check::rules::wrong_type::RULE,
                        v.span,
                        format!(
                            "`rules` must be a mapping of rule to level, not {}",
                            v.kind_name()
                        ),
                    )
                    .help("write it like: rules: { overdue-action: error }"),
                );
            }
            for (k, level) in map {
                let key = k.scalar_text().unwrap_or("");
                let Some(rule) = codes::lookup(key) else {
                    let names = codes::RULES.iter().map(|r| r.name);
                    let help = match crate::parse::fields::did_you_mean(key, names) {
                        Some(n) => format!("did you mean `{n}`?"),
                        None => "`docket explain --list` shows every rule".into(),
                    };
                    r.diags.push(
                        Diagnostic::new(
                            &unknown_rule::RULE,
                            k.span,
                            format!("there is no rule `{key}`"),
                        )
                        .help(help),
                    );
                    continue;
                };
                if let Some(l) = r.choice::<Level>(level, key) {
                    let level = match l.value {
                        Level::Error => Some(Severity::Error),
                        Level::Warning => Some(Severity::Warning),
                        Level::Info => Some(Severity::Info),
                        Level::Off => None,
                    };
                    config.rules.push(RuleSetting { rule, level });
                }
            }
        }
        if let Some(v) = r.get(&mut f, "staff") {
            for item in r.list(v, "staff") {
                let Some(mut s) = r.fields(item, "staff", None) else {
                    continue;
                };
                let id = r
                    .required(&mut s, "id", "a staff entry")
                    .and_then(|v| r.text(v, "id"));
                let name = r
                    .required(&mut s, "name", "a staff entry")
                    .and_then(|v| r.text(v, "name"))
                    .map(|t| t.value);
                let email = r
                    .get(&mut s, "email")
                    .and_then(|v| r.email(v, "email"))
                    .map(|t| t.value);
                let role = r
                    .get(&mut s, "role")
                    .and_then(|v| r.choice::<Role>(v, "role"))
                    .map(|c| c.value);
                r.finish(s, nested_fields("staff"), "a staff entry");
                if let Some(id) = id {
                    config.staff.push(Staff {
                        name: name.unwrap_or_else(|| id.value.clone()),
                        id,
                        email,
                        role,
                    });
                }
            }
        }
        r.finish(f, FIELDS, "docket.yaml");
        config
    }

    /// The severity a rule has in this workspace; `None` when turned off.
    pub fn severity(&self, rule: &'static Rule) -> Option<Severity> {
        self.rules
            .iter()
            .rev()
            .find(|s| std::ptr::eq(s.rule, rule) || s.rule.code == rule.code)
            .map(|s| s.level)
            .unwrap_or(Some(rule.severity))
    }

    pub fn staff(&self, id: &str) -> Option<&Staff> {
        self.staff.iter().find(|s| s.id.value == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_and_format() {
        let p = Pattern::parse("WO-{year}-{seq:4}").unwrap();
        assert_eq!(p.matches("WO-2026-0007"), Some((Some(2026), 7)));
        assert_eq!(p.matches("WO-2026-12345"), Some((Some(2026), 12345)));
        assert_eq!(p.matches("WO-26-7"), None);
        assert_eq!(p.matches("WO-2026-007"), None);
        assert_eq!(p.format(2026, 8), "WO-2026-0008");
        assert!(Pattern::parse("WO-{year}").is_err());
        assert!(Pattern::parse("WO-{seq:x}").is_err());
    }

    #[test]
    fn timezones() {
        assert!(matches!(
            Timezone::parse("Asia/Shanghai"),
            Some(Timezone::Named(_))
        ));
        assert!(matches!(
            Timezone::parse("+08:00"),
            Some(Timezone::Fixed(_))
        ));
        assert!(Timezone::parse("Beijing").is_none());
    }
}
