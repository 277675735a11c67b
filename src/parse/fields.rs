//! Reading typed fields out of a YAML mapping (parse stage).
//!
//! A [`Reader`] turns [`Value`]s into typed values and, when a value is wrong, records a
//! diagnostic at the value (or, for a missing field, at the mapping) and returns `None`,
//! so that one bad field never stops the rest of the record from being read.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::yaml::{Value, ValueKind};
use crate::check::rules::{
    invalid_date, invalid_duration, invalid_email, invalid_money, invalid_value, missing_field,
    unknown_currency, unknown_field, wrong_type,
};
use crate::diag::{Diagnostic, did_you_mean};
use crate::model::settings::Timezone;
use crate::model::values::{self, Choice, Sp, When};
use crate::source::Span;

/// The fields of one mapping, with a note of which have been read.
pub struct Fields<'v> {
    entries: &'v [(Value, Value)],
    read: Vec<bool>,
    /// Where a missing field is reported: the mapping, or the record's opening `---`.
    pub span: Span,
}

impl<'v> Fields<'v> {
    /// Keys in the order written, for "did you mean".
    pub fn keys(&self) -> impl Iterator<Item = &'v Value> {
        self.entries.iter().map(|(k, _)| k)
    }
}

/// Reads typed values and collects diagnostics.
pub struct Reader<'a> {
    pub diags: &'a mut Vec<Diagnostic>,
    pub tz: &'a Timezone,
}

impl<'a> Reader<'a> {
    pub fn new(diags: &'a mut Vec<Diagnostic>, tz: &'a Timezone) -> Self {
        Reader { diags, tz }
    }

    fn report(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    fn wrong(&mut self, v: &Value, field: &str, expected: &str, example: &str) {
        self.report(
            Diagnostic::new(
                &wrong_type::RULE,
                v.span,
                format!("`{field}` must be {expected}, not {}", v.kind_name()),
            )
            .help(format!("write it like: {field}: {example}")),
        );
    }

    /// Opens a mapping; reports anything else. `missing_at` is where missing fields are
    /// reported for a top-level mapping (the opening `---`); nested mappings use their own.
    pub fn fields<'v>(
        &mut self,
        v: &'v Value,
        field: &str,
        missing_at: Option<Span>,
    ) -> Option<Fields<'v>> {
        match &v.kind {
            ValueKind::Map(entries) => Some(Fields {
                entries,
                read: vec![false; entries.len()],
                span: missing_at.unwrap_or(v.span),
            }),
            _ => {
                self.wrong(v, field, "a mapping of fields", "{ key: value, ... }");
                None
            }
        }
    }

    /// The value of `name`, if present and not empty.
    pub fn get<'v>(&mut self, f: &mut Fields<'v>, name: &str) -> Option<&'v Value> {
        let i = f
            .entries
            .iter()
            .position(|(k, _)| k.scalar_text() == Some(name))?;
        f.read[i] = true;
        let v = &f.entries[i].1;
        (!v.is_null()).then_some(v)
    }

    /// The value of a required field; reports it when missing or empty.
    pub fn required<'v>(
        &mut self,
        f: &mut Fields<'v>,
        name: &str,
        what: &str,
    ) -> Option<&'v Value> {
        let present = f
            .entries
            .iter()
            .find(|(k, _)| k.scalar_text() == Some(name));
        let v = self.get(f, name);
        if v.is_none() {
            let (span, message) = match present {
                Some((k, _)) => (k.span, format!("`{name}` is empty; {what} needs it")),
                None => (f.span, format!("{what} has no `{name}`")),
            };
            let close = did_you_mean(name, f.entries.iter().filter_map(|(k, _)| k.scalar_text()));
            let mut d = Diagnostic::new(&missing_field::RULE, span, message);
            d = match close {
                Some(c) if present.is_none() => d.help(format!("is `{c}` meant to be `{name}`?")),
                _ => d.help(format!("add `{name}:` with a value")),
            };
            self.report(d);
        }
        v
    }

    /// Reports every key not read and not in `known` (keys starting with `x-` are free).
    pub fn finish(&mut self, f: Fields, known: &[&str], what: &str) {
        for (i, (k, _)) in f.entries.iter().enumerate() {
            if f.read[i] {
                continue;
            }
            let name = k.scalar_text().unwrap_or("");
            if name.starts_with("x-") || known.contains(&name) {
                continue;
            }
            let mut d = Diagnostic::new(
                &unknown_field::RULE,
                k.span,
                format!("`{name}` is not a field of {what}"),
            );
            d = match did_you_mean(name, known.iter().copied()) {
                Some(c) => d.help(format!("did you mean `{c}`?")),
                None => d.help(format!(
                    "known fields: {}; prefix your own fields with `x-`",
                    known.join(", ")
                )),
            };
            self.report(d);
        }
    }

    /// One line of text (numbers and booleans are taken as written).
    pub fn text(&mut self, v: &Value, field: &str) -> Option<Sp<String>> {
        match v.scalar_text() {
            Some(s) => Some(Sp::new(s.to_string(), v.span)),
            None => {
                self.wrong(v, field, "text", "some text");
                None
            }
        }
    }

    /// A list; a single value where a list is expected is reported.
    pub fn list<'v>(&mut self, v: &'v Value, field: &str) -> &'v [Value] {
        match &v.kind {
            ValueKind::Seq(items) => items,
            _ => {
                let example = match v.scalar_text() {
                    Some(s) => format!("[{s}]"),
                    None => "[a, b]".into(),
                };
                self.wrong(v, field, "a list", &example);
                &[]
            }
        }
    }

    pub fn text_list(&mut self, v: &Value, field: &str) -> Vec<Sp<String>> {
        let items = self.list(v, field);
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            match item.scalar_text() {
                Some(s) => out.push(Sp::new(s.to_string(), item.span)),
                None => self.report(
                    Diagnostic::new(
                        &wrong_type::RULE,
                        item.span,
                        format!(
                            "each item of `{field}` must be text, not {}",
                            item.kind_name()
                        ),
                    )
                    .help(format!(
                        "write one line of text per item, like: {field}: [first, second]"
                    )),
                ),
            }
        }
        out
    }

    pub fn boolean(&mut self, v: &Value, field: &str) -> Option<Sp<bool>> {
        match v.kind {
            ValueKind::Bool(b) => Some(Sp::new(b, v.span)),
            _ => {
                self.wrong(v, field, "true or false", "true");
                None
            }
        }
    }

    pub fn date(&mut self, v: &Value, field: &str) -> Option<Sp<NaiveDate>> {
        let text = self.text(v, field)?;
        match values::parse_date(&text) {
            Ok(d) => Some(Sp::new(d, v.span)),
            Err(msg) => {
                self.report(
                    Diagnostic::new(&invalid_date::RULE, v.span, format!("`{field}`: {msg}"))
                        .help("dates are written YYYY-MM-DD, like 2026-11-09"),
                );
                None
            }
        }
    }

    /// A date or a date-time.
    pub fn when(&mut self, v: &Value, field: &str) -> Option<Sp<When>> {
        let text = self.text(v, field)?;
        let result = if text.trim().len() <= 10 {
            values::parse_date(&text).map(When::Date)
        } else {
            values::parse_datetime(&text, self.tz).map(When::DateTime)
        };
        match result {
            Ok(w) => Some(Sp::new(w, v.span)),
            Err(msg) => {
                self.report(
                    Diagnostic::new(&invalid_date::RULE, v.span, format!("`{field}`: {msg}")).help(
                        "write a date (2026-11-09) or a date-time (2026-11-09 10:00, optionally +08:00)",
                    ),
                );
                None
            }
        }
    }

    /// An e-mail address (see [`values::parse_email`]), as written.
    pub fn email(&mut self, v: &Value, field: &str) -> Option<Sp<String>> {
        let text = self.text(v, field)?;
        match values::parse_email(&text) {
            Ok(address) => Some(Sp::new(address.email(), v.span)),
            Err(msg) => {
                self.report(
                    Diagnostic::new(&invalid_email::RULE, v.span, format!("`{field}`: {msg}"))
                        .help("write one address alone, like: email: rita@acme.example"),
                );
                None
            }
        }
    }

    /// Minutes of a duration.
    pub fn duration(&mut self, v: &Value, field: &str) -> Option<Sp<u32>> {
        let text = self.text(v, field)?;
        match values::parse_duration(&text) {
            Ok(m) => Some(Sp::new(m, v.span)),
            Err(msg) => {
                self.report(
                    Diagnostic::new(&invalid_duration::RULE, v.span, format!("`{field}`: {msg}"))
                        .help("durations are written 45m, 1h or 1h30m"),
                );
                None
            }
        }
    }

    /// An exact amount with at most `currency`'s decimals; negative only if `allow_negative`.
    pub fn money(
        &mut self,
        v: &Value,
        field: &str,
        currency: &str,
        allow_negative: bool,
    ) -> Option<Sp<Decimal>> {
        let decimals = values::currency_decimals(currency);
        let text = match &v.kind {
            ValueKind::Str(s) | ValueKind::Int(s) | ValueKind::Float(s) => s.clone(),
            _ => {
                self.wrong(v, field, "an amount of money", "36000.00");
                return None;
            }
        };
        let result = values::parse_money(&text, decimals).and_then(|m| {
            if m.is_sign_negative() && !allow_negative {
                Err(format!("`{}` is negative; {field} cannot be", text.trim()))
            } else {
                Ok(m)
            }
        });
        match result {
            Ok(m) => Some(Sp::new(m, v.span)),
            Err(msg) => {
                self.report(
                    Diagnostic::new(&invalid_money::RULE, v.span, format!("`{field}`: {msg}"))
                        .help(if decimals == 0 {
                            format!("{currency} amounts are whole numbers, like 36000")
                        } else {
                            format!(
                                "write an exact amount like 36000.00 or \"36,000.00\" ({currency})"
                            )
                        }),
                );
                None
            }
        }
    }

    pub fn currency(&mut self, v: &Value, field: &str) -> Option<Sp<String>> {
        let text = self.text(v, field)?;
        if values::is_currency(&text) {
            return Some(text);
        }
        let upper = text.to_uppercase();
        let help = if values::is_currency(&upper) {
            format!("currency codes are capitals: `{upper}`")
        } else if upper == "RMB" {
            "the ISO 4217 code of the renminbi is `CNY`".to_string()
        } else {
            "use an ISO 4217 code such as CNY, USD, EUR, JPY".to_string()
        };
        self.report(
            Diagnostic::new(
                &unknown_currency::RULE,
                v.span,
                format!("`{}` is not an ISO 4217 currency code", text.value),
            )
            .help(help),
        );
        None
    }

    /// One of a fixed set of words.
    pub fn choice<T: Choice>(&mut self, v: &Value, field: &str) -> Option<Sp<T>> {
        let text = self.text(v, field)?;
        if let Some(c) = T::parse(&text.value) {
            return Some(Sp::new(c, v.span));
        }
        let words: Vec<&str> = T::ALL.iter().map(|(w, _)| *w).collect();
        let normalized = text.trim().to_lowercase().replace(['-', ' '], "_");
        let suggestion = words
            .iter()
            .find(|w| **w == normalized)
            .copied()
            .or_else(|| did_you_mean(&text, words.iter().copied()));
        let help = match suggestion {
            Some(s) => format!("did you mean `{s}`? (allowed: {})", words.join(", ")),
            None => format!("allowed: {}", words.join(", ")),
        };
        self.report(
            Diagnostic::new(
                &invalid_value::RULE,
                v.span,
                format!("`{}` is not a valid `{field}`", text.value),
            )
            .help(help),
        );
        None
    }
}
