//! iCalendar (RFC 5545) feed of deadlines and meetings.
//!
//! The `icalendar` crate builds the file: the VCALENDAR/VEVENT structure, property
//! lines, TEXT escaping (backslash, comma, semicolon, newline), DATE and UTC DATE-TIME
//! values, CRLF line ends. Around it, this module:
//! - sets DTSTAMP and UID on every event, since the crate otherwise writes the current
//!   time and a random UUID (output must be byte-identical from build to build);
//! - starts from `Calendar::empty()`, since `Calendar::new()` brings its own PRODID;
//! - cleans TEXT input: the crate escapes LF but passes CR and other control
//!   characters through, which would leave bare CRs in the file;
//! - marks NAME as `VALUE=TEXT`: the crate does not know NAME (RFC 7986) as TEXT and
//!   would write it unescaped;
//! - folds the lines again (see [`fold`]): the crate's folding writes a 76-octet
//!   line when the last piece of a long line is exactly 75 octets, and on non-ASCII
//!   lines it can break right after a space, which readers that trim lines lose.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use icalendar::{Calendar, Component, EventLike, Property};

/// One entry of the feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Event {
    /// Stable across builds: e.g. "action.3f2a...@docket" built by the caller from record path + item index.
    pub uid: String,
    pub summary: String,
    pub description: Option<String>,
    pub location: Option<String>,
    pub when: When,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum When {
    /// An all-day deadline.
    Day(NaiveDate),
    /// A meeting starting at an instant (the caller has read the local time in the workspace
    /// timezone), lasting `minutes`.
    At { start: DateTime<Utc>, minutes: u32 },
}

/// A complete VCALENDAR. `name` goes into X-WR-CALNAME (and NAME), `tz` names the workspace
/// timezone (X-WR-TIMEZONE: calendar apps show the times in it),
/// `stamp` is the DTSTAMP written on every event (the caller passes a deterministic instant, so
/// two builds of the same input are byte-identical). PRODID: "-//docket//docket//EN".
pub(crate) fn calendar(name: &str, tz: &str, stamp: DateTime<Utc>, events: &[Event]) -> String {
    let name = clean(name);
    let mut cal = Calendar::empty();
    cal.append_property(("VERSION", "2.0"))
        .append_property(("PRODID", "-//docket//docket//EN"))
        .append_property(("CALSCALE", "GREGORIAN"))
        .append_property(("METHOD", "PUBLISH"))
        .append_property(
            Property::new("NAME", &name)
                .add_parameter("VALUE", "TEXT")
                .done(),
        )
        .append_property(Property::new("X-WR-CALNAME", &name))
        .append_property(("X-WR-TIMEZONE", tz));

    for event in events {
        let mut ev = icalendar::Event::new();
        ev.uid(&clean(&event.uid))
            .timestamp(stamp)
            .summary(&clean(&event.summary));
        if let Some(description) = &event.description {
            ev.description(&clean(description));
        }
        if let Some(location) = &event.location {
            ev.location(&clean(location));
        }
        match event.when {
            // DTEND of an all-day event is exclusive: the next day.
            When::Day(day) => ev.starts(day).ends(day.succ_opt().unwrap_or(day)),
            // The end is the start plus the real duration, so a meeting across a
            // DST change keeps its length.
            When::At { start, minutes } => {
                let end = start
                    .checked_add_signed(TimeDelta::minutes(i64::from(minutes)))
                    .unwrap_or(start);
                ev.starts(start).ends(end)
            }
        };
        cal.push(ev.done());
    }

    // The crate only ever folds with CRLF + space, and escaped TEXT holds no raw line
    // breaks, so removing every CRLF + space gives back the unfolded lines exactly.
    let unfolded = cal.to_string().replace("\r\n ", "");
    let mut out = String::with_capacity(unfolded.len() * 21 / 20);
    for line in unfolded.split_terminator("\r\n") {
        fold(line, &mut out);
    }
    out
}

/// TEXT may hold no control characters other than tab (RFC 5545 §3.3.11): line
/// breaks of any kind become LF (which the crate escapes as `\n`), the rest are dropped.
fn clean(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|&c| c == '\n' || c == '\t' || !c.is_control())
        .collect()
}

/// Appends `line` folded per RFC 5545 §3.1: physical lines of at most 75 octets
/// (CRLF not counted), continuations starting with one space, breaks only between
/// UTF-8 characters. A break goes after the last non-blank character that fits,
/// so no physical line ends in a space or tab that a trimming reader would drop.
fn fold(line: &str, out: &mut String) {
    let mut rest = line;
    let mut room = 75;
    while rest.len() > room {
        let (mut last, mut last_solid) = (0, 0);
        for (i, c) in rest.char_indices() {
            let end = i + c.len_utf8();
            if end > room {
                break;
            }
            last = end;
            if c != ' ' && c != '\t' {
                last_solid = end;
            }
        }
        let (piece, tail) = rest.split_at(if last_solid > 0 { last_solid } else { last });
        out.push_str(piece);
        out.push_str("\r\n ");
        rest = tail;
        room = 74; // the leading space takes one octet
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    const SHANGHAI: &str = "Asia/Shanghai";
    const LONDON: &str = "Europe/London";
    use ical::parser::ical::component::IcalCalendar;
    use ical::property::Property as Prop;

    fn stamp() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 1, 8, 0, 0).unwrap()
    }

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
    }

    fn event(uid: &str, summary: &str, when: When) -> Event {
        Event {
            uid: uid.into(),
            summary: summary.into(),
            description: None,
            location: None,
            when,
        }
    }

    /// Parses with the independent `ical` crate; exactly one VCALENDAR.
    fn parse(text: &str) -> IcalCalendar {
        let mut parser = ical::IcalParser::new(text.as_bytes());
        let cal = parser.next().unwrap().unwrap();
        assert!(parser.next().is_none());
        cal
    }

    /// `ical` hands values over still escaped; this undoes RFC 5545 TEXT escaping.
    fn unescape(raw: &str) -> String {
        let mut out = String::new();
        let mut chars = raw.chars();
        while let Some(c) = chars.next() {
            match (c, c == '\\') {
                (_, true) => match chars.next() {
                    Some('n' | 'N') => out.push('\n'),
                    Some(e @ ('\\' | ',' | ';')) => out.push(e),
                    other => panic!("bad escape \\{other:?} in {raw:?}"),
                },
                _ => out.push(c),
            }
        }
        out
    }

    fn raw<'a>(props: &'a [Prop], name: &str) -> &'a str {
        let prop = props.iter().find(|p| p.name == name);
        prop.and_then(|p| p.value.as_deref()).unwrap_or("")
    }

    fn text(props: &[Prop], name: &str) -> String {
        unescape(raw(props, name))
    }

    fn param(props: &[Prop], name: &str, key: &str) -> Option<String> {
        let prop = props.iter().find(|p| p.name == name)?;
        let params = prop.params.as_ref()?;
        let (_, values) = params.iter().find(|(k, _)| k == key)?;
        Some(values.join(","))
    }

    /// Every physical line ends in CRLF, has at most 75 octets and does not end in a blank.
    fn assert_well_formed(text: &str) {
        assert!(text.ends_with("\r\n"));
        for line in text.split_inclusive('\n') {
            let body = line
                .strip_suffix("\r\n")
                .unwrap_or_else(|| panic!("no CRLF: {line:?}"));
            assert!(!body.contains(['\r', '\n']), "bare CR or LF in {line:?}");
            assert!(body.len() <= 75, "{} octets: {body:?}", body.len());
            assert!(!body.ends_with([' ', '\t']), "ends in a blank: {body:?}");
        }
    }

    fn tricky_events() -> Vec<Event> {
        // 500 characters, mixed ASCII, CJK and every escaped character.
        let description: String = "Brief, v2; see \\\\share\\ads\n创意简报：双十一投放，预算；"
            .chars()
            .cycle()
            .take(500)
            .collect();
        vec![
            Event {
                uid: "action.3f2a9c@docket".into(),
                summary: "Send deck, v3; ask re: \"Q4\"\nthen C:\\drafts\\a,b;c".into(),
                description: Some(description),
                location: Some("Room 4, Floor 2; 上海市静安区南京西路 1266 号".into()),
                when: When::Day(NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()),
            },
            Event {
                uid: "meeting.77e0@docket".into(),
                summary:
                    "与客户确认双十一整合营销方案的创意方向、媒介排期以及最终预算分配并形成会议纪要"
                        .into(),
                description: None,
                location: None,
                when: When::At {
                    start: at(2026, 11, 16, 2, 0),
                    minutes: 60,
                },
            },
        ]
    }

    #[test]
    fn fields_round_trip_through_another_parser() {
        let events = tricky_events();
        let name = "Acme, Inc; 截止日期 \\ Q4\nnext";
        let ics = calendar(name, SHANGHAI, stamp(), &events);
        assert_well_formed(&ics);
        assert!(ics.contains("\r\nX-WR-CALNAME:Acme\\, Inc\\; 截止日期 \\\\ Q4\\nnext\r\n"));
        let cal = parse(&ics);

        assert_eq!(text(&cal.properties, "NAME"), name);
        assert_eq!(text(&cal.properties, "X-WR-CALNAME"), name);
        assert_eq!(raw(&cal.properties, "X-WR-TIMEZONE"), "Asia/Shanghai");
        assert_eq!(raw(&cal.properties, "VERSION"), "2.0");
        assert_eq!(raw(&cal.properties, "PRODID"), "-//docket//docket//EN");
        assert_eq!(raw(&cal.properties, "CALSCALE"), "GREGORIAN");
        assert_eq!(raw(&cal.properties, "METHOD"), "PUBLISH");

        assert_eq!(cal.events.len(), events.len());
        for (got, want) in cal.events.iter().zip(&events) {
            let p = &got.properties;
            assert_eq!(text(p, "UID"), want.uid);
            assert_eq!(text(p, "SUMMARY"), want.summary);
            assert_eq!(raw(p, "DTSTAMP"), "20261101T080000Z");
            let description = p.iter().any(|p| p.name == "DESCRIPTION");
            assert_eq!(
                description.then(|| text(p, "DESCRIPTION")),
                want.description
            );
            let location = p.iter().any(|p| p.name == "LOCATION");
            assert_eq!(location.then(|| text(p, "LOCATION")), want.location);
        }
        // The CJK summary and the description really were folded.
        let lines: Vec<_> = ics.split("\r\n").collect();
        let summary = lines
            .iter()
            .position(|l| l.starts_with("SUMMARY:与"))
            .unwrap();
        assert!(lines[summary + 1].starts_with(' '));
        assert!(lines.iter().filter(|l| l.starts_with(' ')).count() > 10);
    }

    #[test]
    fn folds_where_the_crate_alone_would_overflow() {
        // "SUMMARY:" plus 142 octets is 150: the crate writes a 76-octet last line.
        let ascii = "x".repeat(142);
        // Same total in CJK (3 octets each) with spaces near the break points.
        let cjk = "周会 议程 确认 ".repeat(7) + "完";
        for summary in [ascii, cjk] {
            let events = [event("u@docket", &summary, When::Day(NaiveDate::default()))];
            let ics = calendar("c", LONDON, stamp(), &events);
            assert_well_formed(&ics);
            let cal = parse(&ics);
            assert_eq!(text(&cal.events[0].properties, "SUMMARY"), summary);
        }
        // A line that is exactly 75 octets is not folded.
        let mut out = String::new();
        fold(&"y".repeat(75), &mut out);
        assert_eq!(out, format!("{}\r\n", "y".repeat(75)));
    }

    #[test]
    fn control_characters_never_reach_the_file() {
        let mut e = event(
            "u@docket",
            "a\r\nb\rc\u{7}d\te",
            When::Day(NaiveDate::default()),
        );
        e.description = Some("line one\r\nline two\r\n".into());
        let ics = calendar("c", LONDON, stamp(), &[e]);
        assert_well_formed(&ics);
        let p = &parse(&ics).events[0].properties;
        assert_eq!(text(p, "SUMMARY"), "a\nb\ncd\te");
        assert_eq!(text(p, "DESCRIPTION"), "line one\nline two\n");
    }

    /// DTSTART and DTEND lines of the only event, as written.
    fn times(tz: &str, when: When) -> (String, String) {
        let ics = calendar("c", tz, stamp(), &[event("u@docket", "s", when)]);
        let p = &parse(&ics).events[0].properties;
        let show = |name| match param(p, name, "VALUE") {
            Some(v) => format!("{name};VALUE={v}:{}", raw(p, name)),
            None => format!("{name}:{}", raw(p, name)),
        };
        (show("DTSTART"), show("DTEND"))
    }

    #[test]
    fn meetings_are_written_in_utc_and_keep_their_length() {
        let when = When::At {
            start: at(2026, 11, 16, 2, 0),
            minutes: 60,
        };
        let (start, end) = times(SHANGHAI, when);
        assert_eq!(start, "DTSTART:20261116T020000Z");
        assert_eq!(end, "DTEND:20261116T030000Z");
        let ics = calendar("c", SHANGHAI, stamp(), &[]);
        assert!(ics.contains("\r\nX-WR-TIMEZONE:Asia/Shanghai\r\n"));
        // A two-hour meeting across London's change back to GMT lasts two real hours.
        let when = When::At {
            start: at(2026, 10, 24, 23, 30),
            minutes: 120,
        };
        let (start, end) = times(LONDON, when);
        assert_eq!(start, "DTSTART:20261024T233000Z");
        assert_eq!(end, "DTEND:20261025T013000Z");
    }

    #[test]
    fn all_day_ends_the_next_day() {
        let day = |y, m, d| When::Day(NaiveDate::from_ymd_opt(y, m, d).unwrap());
        let (start, end) = times(SHANGHAI, day(2026, 11, 30));
        assert_eq!(start, "DTSTART;VALUE=DATE:20261130");
        assert_eq!(end, "DTEND;VALUE=DATE:20261201");
        let (start, end) = times(SHANGHAI, day(2026, 12, 31));
        assert_eq!(start, "DTSTART;VALUE=DATE:20261231");
        assert_eq!(end, "DTEND;VALUE=DATE:20270101");
    }

    #[test]
    fn output_is_deterministic_and_in_order() {
        let mut events = tricky_events();
        events.reverse();
        let first = calendar("Acme", SHANGHAI, stamp(), &events);
        std::thread::sleep(std::time::Duration::from_millis(1100));
        assert_eq!(first, calendar("Acme", SHANGHAI, stamp(), &events));
        let uids: Vec<_> = parse(&first)
            .events
            .iter()
            .map(|e| text(&e.properties, "UID"))
            .collect();
        assert_eq!(uids, ["meeting.77e0@docket", "action.3f2a9c@docket"]);
    }

    #[test]
    fn empty_calendar_is_still_a_calendar() {
        let ics = calendar("Acme", LONDON, stamp(), &[]);
        assert_eq!(
            ics,
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//docket//docket//EN\r\n\
             CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nNAME;VALUE=TEXT:Acme\r\n\
             X-WR-CALNAME:Acme\r\nX-WR-TIMEZONE:Europe/London\r\nEND:VCALENDAR\r\n"
        );
        let cal = parse(&ics);
        assert!(cal.events.is_empty());
        assert_eq!(raw(&cal.properties, "VERSION"), "2.0");
    }
}
