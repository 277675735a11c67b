//! Reading typed fields out of a YAML mapping (parse stage).
//!
//! A [`Reader`] turns [`Value`]s into typed values and, when a value is wrong, records a
//! problem at the value (or, for a missing field, at the mapping) and returns `None`,
//! so that one bad field never stops the rest of the record from being read.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::yaml::{Value, ValueKind};
use crate::diag::did_you_mean;
use crate::model::problem::{
    Expected, InvalidDate, InvalidDuration, InvalidEmail, InvalidMoney, InvalidValue, MissingField,
    NegativeMoney, Problem, UnknownCurrency, UnknownField, WrongItemType, WrongType,
};
use crate::model::values::Timezone;
use crate::model::values::{self, Choice, Sp, When};
use crate::source::Span;

/// The fields of one mapping, with a note of which have been read.
pub(crate) struct Fields<'v> {
    entries: &'v [(Value, Value)],
    read: Vec<bool>,
    /// Where a missing field is reported: the mapping, or the record's opening `---`.
    pub span: Span,
}

/// Reads typed values and collects problems.
pub(crate) struct Reader<'a> {
    pub problems: &'a mut Vec<Problem>,
    pub tz: &'a Timezone,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(problems: &'a mut Vec<Problem>, tz: &'a Timezone) -> Self {
        Reader { problems, tz }
    }

    fn report(&mut self, p: impl Into<Problem>) {
        self.problems.push(p.into());
    }

    fn wrong(&mut self, v: &Value, field: &str, expected: Expected) {
        self.report(WrongType {
            at: v.span,
            field: field.to_string(),
            expected,
            found: v.kind_name(),
        });
    }

    /// Opens a mapping; reports anything else. `missing_at` is where missing fields are
    /// reported for a top-level mapping (the opening `---`); nested mappings use their own.
    pub(crate) fn fields<'v>(
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
                self.wrong(v, field, Expected::Fields);
                None
            }
        }
    }

    /// The value of `name`, if present and not empty.
    pub(crate) fn get<'v>(&mut self, f: &mut Fields<'v>, name: &str) -> Option<&'v Value> {
        let i = f
            .entries
            .iter()
            .position(|(k, _)| k.scalar_text() == Some(name))?;
        f.read[i] = true;
        let v = &f.entries[i].1;
        (!v.is_null()).then_some(v)
    }

    /// The value of a required field; reports it when missing or empty.
    pub(crate) fn required<'v>(
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
            let close = match present {
                Some(_) => None,
                None => did_you_mean(name, f.entries.iter().filter_map(|(k, _)| k.scalar_text())),
            };
            self.report(MissingField {
                at: present.map_or(f.span, |(k, _)| k.span),
                field: name.to_string(),
                what: what.to_string(),
                empty: present.is_some(),
                close: close.map(str::to_string),
            });
        }
        v
    }

    /// Reports every key not read and not in `known` (keys starting with `x-` are free).
    pub(crate) fn finish(&mut self, f: Fields, known: &'static [&'static str], what: &str) {
        for (i, (k, _)) in f.entries.iter().enumerate() {
            if f.read[i] {
                continue;
            }
            let name = k.scalar_text().unwrap_or("");
            if name.starts_with("x-") || known.contains(&name) {
                continue;
            }
            self.report(UnknownField {
                at: k.span,
                field: name.to_string(),
                what: what.to_string(),
                known,
            });
        }
    }

    /// One line of text (numbers and booleans are taken as written).
    pub(crate) fn text(&mut self, v: &Value, field: &str) -> Option<Sp<String>> {
        match v.scalar_text() {
            Some(s) => Some(Sp::new(s.to_string(), v.span)),
            None => {
                self.wrong(v, field, Expected::Text);
                None
            }
        }
    }

    /// A list; a single value where a list is expected is reported.
    pub(crate) fn list<'v>(&mut self, v: &'v Value, field: &str) -> &'v [Value] {
        match &v.kind {
            ValueKind::Seq(items) => items,
            _ => {
                let single = v.scalar_text().map(str::to_string);
                self.wrong(v, field, Expected::List { single });
                &[]
            }
        }
    }

    pub(crate) fn text_list(&mut self, v: &Value, field: &str) -> Vec<Sp<String>> {
        let items = self.list(v, field);
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            match item.scalar_text() {
                Some(s) => out.push(Sp::new(s.to_string(), item.span)),
                None => self.report(WrongItemType {
                    at: item.span,
                    field: field.to_string(),
                    found: item.kind_name(),
                }),
            }
        }
        out
    }

    pub(crate) fn boolean(&mut self, v: &Value, field: &str) -> Option<Sp<bool>> {
        match v.kind {
            ValueKind::Bool(b) => Some(Sp::new(b, v.span)),
            _ => {
                self.wrong(v, field, Expected::Bool);
                None
            }
        }
    }

    pub(crate) fn date(&mut self, v: &Value, field: &str) -> Option<Sp<NaiveDate>> {
        let text = self.text(v, field)?;
        match values::parse_date(&text) {
            Ok(d) => Some(Sp::new(d, v.span)),
            Err(error) => {
                self.report(InvalidDate {
                    at: v.span,
                    field: field.to_string(),
                    error,
                    with_time: false,
                });
                None
            }
        }
    }

    /// A date or a date-time.
    pub(crate) fn when(&mut self, v: &Value, field: &str) -> Option<Sp<When>> {
        let text = self.text(v, field)?;
        let result = if text.trim().len() <= 10 {
            values::parse_date(&text).map(When::Date)
        } else {
            values::parse_datetime(&text, self.tz).map(When::DateTime)
        };
        match result {
            Ok(w) => Some(Sp::new(w, v.span)),
            Err(error) => {
                self.report(InvalidDate {
                    at: v.span,
                    field: field.to_string(),
                    error,
                    with_time: true,
                });
                None
            }
        }
    }

    /// An e-mail address (see [`values::parse_email`]), as written.
    pub(crate) fn email(&mut self, v: &Value, field: &str) -> Option<Sp<String>> {
        let text = self.text(v, field)?;
        match values::parse_email(&text) {
            Ok(address) => Some(Sp::new(address.email(), v.span)),
            Err(error) => {
                self.report(InvalidEmail {
                    at: v.span,
                    field: field.to_string(),
                    error,
                });
                None
            }
        }
    }

    /// Minutes of a duration.
    pub(crate) fn duration(&mut self, v: &Value, field: &str) -> Option<Sp<u32>> {
        let text = self.text(v, field)?;
        match values::parse_duration(&text) {
            Ok(m) => Some(Sp::new(m, v.span)),
            Err(error) => {
                self.report(InvalidDuration {
                    at: v.span,
                    field: field.to_string(),
                    error,
                });
                None
            }
        }
    }

    /// An exact amount with at most `currency`'s decimals; negative only if `allow_negative`.
    pub(crate) fn money(
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
                self.wrong(v, field, Expected::Money);
                return None;
            }
        };
        match values::parse_money(&text, decimals) {
            Ok(m) if m.is_sign_negative() && !allow_negative => {
                self.report(NegativeMoney {
                    at: v.span,
                    field: field.to_string(),
                    written: text,
                    currency: currency.to_string(),
                });
                None
            }
            Ok(m) => Some(Sp::new(m, v.span)),
            Err(error) => {
                self.report(InvalidMoney {
                    at: v.span,
                    field: field.to_string(),
                    error,
                    currency: currency.to_string(),
                });
                None
            }
        }
    }

    pub(crate) fn currency(&mut self, v: &Value, field: &str) -> Option<Sp<String>> {
        let text = self.text(v, field)?;
        if values::is_currency(&text) {
            return Some(text);
        }
        self.report(UnknownCurrency {
            at: v.span,
            written: text.value,
        });
        None
    }

    /// One of a fixed set of words.
    pub(crate) fn choice<T: Choice>(&mut self, v: &Value, field: &str) -> Option<Sp<T>> {
        let text = self.text(v, field)?;
        if let Some(c) = T::parse(&text.value) {
            return Some(Sp::new(c, v.span));
        }
        self.report(InvalidValue {
            at: v.span,
            field: field.to_string(),
            written: text.value,
            allowed: T::ALL.iter().map(|(w, _)| *w).collect(),
        });
        None
    }
}
