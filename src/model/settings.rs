//! The settings of `docket.yaml` (the model): agency, staff, numbering, rule severities.
//! `parse::settings` reads them.

use chrono::{NaiveTime, Weekday};

use crate::diag::Severity;
use crate::model::values::{Sp, Timezone};

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
    pub(crate) enum Level {
        Error = "error",
        Warning = "warning",
        Info = "info",
        Off = "off",
    }
}

crate::choice! {
    /// A day of the week.
    pub(crate) enum Day {
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
    pub(crate) fn weekday(self) -> Weekday {
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

/// A rule's severity as set in `rules:`: the rule's code or name as written, and the
/// level (`None` turns it off). `check::codes` resolves the key against the rule table.
#[derive(Clone, Debug)]
pub struct RuleSetting {
    pub key: Sp<String>,
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
pub(crate) fn nested_fields(parent: &str) -> &'static [&'static str] {
    match parent {
        "weekly_report" => &["weekday", "time"],
        "numbering" => &["work_order", "invoice"],
        "staff" => &["id", "name", "email", "role"],
        _ => &[],
    }
}

/// The top-level fields of `docket.yaml`.
pub(crate) const FIELDS: &[&str] = &[
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
