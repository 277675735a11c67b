//! Rule D063 `meeting-overlap`.

use crate::check::Context;
use crate::diag::Diagnostic;
use crate::source::Span;

crate::declare_rule! {
/// A person is invited to two meetings whose times overlap.
///
/// Both meetings need a date-time; a meeting without `duration` lasts 60 minutes. One of
/// the two invitations is probably wrong, or one meeting must move.
///
/// ```yaml
/// # minutes/2026-11-09-kickoff.md
/// date: 2026-11-09 10:00
/// duration: 1h
/// invited: [qian.hao]
/// # minutes/2026-11-09-media-call.md
/// date: 2026-11-09 10:30
/// invited: [qian.hao]
/// ```
///
/// Fix: move one meeting, or correct the invitation.
    pub const RULE = ("D063", "meeting-overlap", Warning);
}

/// Meetings without a `duration` last this long.
pub(crate) const DEFAULT_MINUTES: i64 = 60;

pub(crate) fn check(cx: &mut Context) {
    use std::collections::BTreeMap;
    // person -> (start, end, record index, span of the id in `invited`)
    let mut by_person: BTreeMap<&str, Vec<(i64, i64, usize, Span)>> = BTreeMap::new();
    for (ri, record) in cx.ws.records.iter().enumerate() {
        let Some(m) = record.minutes() else { continue };
        let Some(start) = m.date.as_ref().and_then(|d| d.value.time()) else {
            continue;
        };
        let minutes = m
            .duration
            .as_ref()
            .map(|d| i64::from(d.value))
            .unwrap_or(DEFAULT_MINUTES);
        let start = start.timestamp();
        for id in &m.invited {
            by_person.entry(id.value.as_str()).or_default().push((
                start,
                start + minutes * 60,
                ri,
                id.span,
            ));
        }
    }
    for (person, mut meetings) in by_person {
        meetings.sort_by_key(|m| (m.0, m.2));
        let mut latest: Option<(i64, usize)> = None;
        for (start, end, ri, span) in meetings {
            if let Some((prev_end, prev)) = latest
                && start < prev_end
                && prev != ri
            {
                let other = cx.ws.path(cx.ws.records[prev].file).to_string();
                let title = cx.ws.records[prev]
                    .minutes()
                    .and_then(|m| m.title.as_ref())
                    .map(|t| t.value.clone())
                    .unwrap_or_default();
                let d = Diagnostic::new(
                    &RULE,
                    span,
                    format!("{} is invited to two meetings at once: this one and \"{title}\" ({other})", cx.ws.person_name(person)),
                )
                .help("move one of the meetings, or correct the invitation (a meeting without `duration` lasts 60 minutes)");
                let d = match cx.ws.records[prev].minutes().and_then(|m| m.date.as_ref()) {
                    Some(date) => d.label(date.span, "the other meeting starts here"),
                    None => d,
                };
                cx.report(d);
            }
            if latest.is_none_or(|(e, _)| end > e) {
                latest = Some((end, ri));
            }
        }
    }
}
