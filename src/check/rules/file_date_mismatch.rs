//! Rule D068 `file-date-mismatch`.

use crate::check::Context;
use crate::diag::Diagnostic;
use crate::model::values::parse_date;

crate::declare_rule! {
/// The date in a minutes file name differs from its `date` field.
///
/// Minutes files are named `YYYY-MM-DD-slug.md` after the meeting's date so that folders
/// sort by date; a copied file whose date was changed in one place only is misleading.
///
/// ```yaml
/// # minutes/2026-11-09-kickoff.md
/// date: 2026-11-16 10:00
/// ```
///
/// Fix: rename the file to `2026-11-16-kickoff.md`, or correct the date.
    pub const RULE = ("D068", "file-date-mismatch", Warning);
}

pub(crate) fn check(cx: &mut Context) {
    let tz = cx.ws.config.timezone;
    for record in &cx.ws.records {
        let Some(m) = record.minutes() else { continue };
        let Some(date) = &m.date else { continue };
        let path = cx.ws.path(record.file);
        let name = path.rsplit('/').next().unwrap_or(path);
        let Some(file_date) = name.get(..10).and_then(|d| parse_date(d).ok()) else {
            continue;
        };
        let date_value = date.value.date(&tz);
        if file_date != date_value {
            cx.report(
                Diagnostic::new(
                    &RULE,
                    date.span,
                    format!(
                        "the meeting is dated {date_value}, but the file name says {file_date}"
                    ),
                )
                .help(format!(
                    "rename the file to start with {date_value}, or correct the date"
                )),
            );
        }
    }
}
