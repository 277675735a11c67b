//! Reading `docket.yaml` (parse stage) into the settings: problems are recorded at the
//! value, and defaults fill in.

use chrono::NaiveTime;

use super::fields::Reader;
use super::yaml::Value;
use crate::diag::Severity;
use crate::model::problem::{
    InvalidNumbering, InvalidReportTime, InvalidTimezone, PaymentTermsNotDays, Problem,
    RulesNotMapping,
};
use crate::model::settings::*;
use crate::model::values::{Sp, Timezone};
use crate::source::Span;

/// The settings of `file`, the text of a `docket.yaml` (a byte-order mark allowed);
/// the defaults, and a problem, where its YAML cannot be read.
pub(crate) fn read_file(
    file: &crate::source::SourceFile,
    id: crate::source::FileId,
    problems: &mut Vec<Problem>,
) -> Config {
    let base = if file.text.starts_with('\u{feff}') {
        3
    } else {
        0
    };
    match crate::parse::yaml::parse(file, id, base, &file.text[base..]) {
        Ok(value) => read(&value, Span::file_start(id), problems),
        Err(p) => {
            problems.push(p);
            Config::default()
        }
    }
}

/// Reads `docket.yaml` from its parsed YAML; problems go to `problems`, defaults fill in.
pub fn read(root: &Value, file_start: Span, problems: &mut Vec<Problem>) -> Config {
    let mut config = Config::default();
    let utc = Timezone::utc();
    let mut r = Reader::new(problems, &utc);
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
            None => r.problems.push(
                InvalidTimezone {
                    at: t.span,
                    timezone: t.value.clone(),
                }
                .into(),
            ),
        }
    }
    if let Some(v) = r.get(&mut f, "payment_terms_days")
        && let Some(t) = r.text(v, "payment_terms_days")
    {
        match t.parse::<i64>() {
            Ok(n) if (0..=3650).contains(&n) => config.payment_terms_days = n,
            _ => r.problems.push(PaymentTermsNotDays { at: v.span }.into()),
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
                Err(_) => r.problems.push(
                    InvalidReportTime {
                        at: v.span,
                        time: t.value.clone(),
                    }
                    .into(),
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
                    Err(reason) => r
                        .problems
                        .push(InvalidNumbering { at: t.span, reason }.into()),
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
            r.problems.push(
                RulesNotMapping {
                    at: v.span,
                    found: v.kind_name(),
                }
                .into(),
            );
        }
        for (k, level) in map {
            let key = Sp::new(k.scalar_text().unwrap_or("").to_string(), k.span);
            if let Some(l) = r.choice::<Level>(level, &key.value) {
                let level = match l.value {
                    Level::Error => Some(Severity::Error),
                    Level::Warning => Some(Severity::Warning),
                    Level::Info => Some(Severity::Info),
                    Level::Off => None,
                };
                config.rules.push(RuleSetting { key, level });
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
