//! The value kinds of the format (the model): dates, date-times, durations, money and
//! currencies, parsed from their text. Each parser returns a message for people when the
//! text is not valid; the caller turns it into a diagnostic at the value's span.

use chrono::{
    DateTime, Datelike, Duration, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime,
    TimeZone, Utc, Weekday,
};
use rust_decimal::Decimal;

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
    pub fn at_local(&self, naive: &NaiveDateTime) -> Option<DateTime<FixedOffset>> {
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

/// A date, or a date with a time (minutes may give either).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum When {
    Date(NaiveDate),
    DateTime(DateTime<FixedOffset>),
}

impl When {
    /// The calendar date in the workspace timezone.
    pub fn date(&self, tz: &Timezone) -> NaiveDate {
        match self {
            When::Date(d) => *d,
            When::DateTime(t) => tz.local_date(t),
        }
    }

    pub fn time(&self) -> Option<DateTime<FixedOffset>> {
        match self {
            When::Date(_) => None,
            When::DateTime(t) => Some(*t),
        }
    }
}

pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let t = text.trim();
    let ok_shape = t.len() == 10
        && t.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !ok_shape {
        return Err(format!("`{t}` is not a date: write it as YYYY-MM-DD"));
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .map_err(|_| format!("`{t}` is not a real calendar date"))
}

/// A date-time: `2026-11-09 10:00`, `2026-11-09T10:00[:00]`, optionally followed by an
/// offset (`+08:00`, `Z`). Without an offset it is in the workspace timezone.
pub(crate) fn parse_datetime(text: &str, tz: &Timezone) -> Result<DateTime<FixedOffset>, String> {
    let t = text.trim();
    if t.len() < 16 {
        return Err(format!(
            "`{t}` is not a date-time: write it as YYYY-MM-DD HH:MM (optionally +08:00)"
        ));
    }
    // Byte 10 may fall inside a character (`2026年11月9日 10:00`): then the whole text is
    // not a date.
    let date = parse_date(t.get(..10).unwrap_or(t))?;
    let sep = t.as_bytes()[10];
    if sep != b' ' && sep != b'T' && sep != b't' {
        return Err(format!(
            "`{t}` is not a date-time: put a space or `T` between date and time"
        ));
    }
    let rest = &t[11..];
    let (clock, offset) = split_offset(rest);
    let time = NaiveTime::parse_from_str(clock, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(clock, "%H:%M:%S"))
        .map_err(|_| format!("`{clock}` is not a time of day: write it as HH:MM"))?;
    let naive = NaiveDateTime::new(date, time);
    match offset {
        Some(off) => {
            let fixed = parse_offset(off)
                .ok_or_else(|| format!("`{off}` is not a UTC offset: write it as +08:00 or Z"))?;
            fixed
                .from_local_datetime(&naive)
                .single()
                .ok_or_else(|| format!("`{t}` is out of range"))
        }
        None => tz.at_local(&naive).ok_or_else(|| {
            format!("{naive} does not exist in the workspace timezone (a daylight-saving change)")
        }),
    }
}

fn split_offset(rest: &str) -> (&str, Option<&str>) {
    let rest = rest.trim();
    if let Some(stripped) = rest.strip_suffix('Z').or_else(|| rest.strip_suffix('z')) {
        return (stripped.trim(), Some("Z"));
    }
    match rest.rfind(['+', '-']) {
        Some(i) if i > 0 => (rest[..i].trim(), Some(&rest[i..])),
        _ => (rest, None),
    }
}

/// `+08:00`, `-0530`, `+08`, `Z`.
pub(crate) fn parse_offset(text: &str) -> Option<FixedOffset> {
    let t = text.trim();
    if t == "Z" || t == "z" {
        return FixedOffset::east_opt(0);
    }
    let sign = match t.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits: String = t[1..].chars().filter(|c| *c != ':').collect();
    if !digits.chars().all(|c| c.is_ascii_digit()) || !(digits.len() == 2 || digits.len() == 4) {
        return None;
    }
    let hours: i32 = digits[..2].parse().ok()?;
    let minutes: i32 = if digits.len() == 4 {
        digits[2..].parse().ok()?
    } else {
        0
    };
    if hours > 23 || minutes > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))
}

/// One e-mail address as an `email` field holds it: a single addr-spec
/// (`name@domain`, RFC 5322), read by the `email_address` crate with no display name, no
/// `[IP]` domain and a domain of at least two labels; a quoted local part (`"a b"@x.example`)
/// is refused too, since mail programs disagree on what may stand inside one.
pub(crate) fn parse_email(text: &str) -> Result<email_address::EmailAddress, String> {
    use email_address::{EmailAddress, Error, Options};
    let options = Options::default()
        .without_display_text()
        .without_domain_literal()
        .with_required_tld();
    let why = match EmailAddress::parse_with_options(text, options) {
        Ok(_) if text.starts_with('"') => "a quoted name before the @ is not accepted",
        Ok(address) => return Ok(address),
        Err(Error::UnsupportedDisplayName | Error::MissingDisplayName) => {
            "it has a name or <...> around the address; the name is the person's `name`"
        }
        Err(Error::MissingEndBracket) => "it holds more than one address, or a stray <",
        Err(Error::MissingSeparator) => "it has no @",
        Err(Error::LocalPartEmpty) => "nothing stands before the @",
        Err(Error::DomainEmpty) => "nothing stands after the @",
        Err(Error::LocalPartTooLong | Error::DomainTooLong | Error::SubDomainTooLong) => {
            "it is longer than an address may be"
        }
        Err(Error::DomainTooFew) => "its domain has no dot (name@example.com)",
        Err(Error::UnsupportedDomainLiteral | Error::InvalidIPAddress) => {
            "an [IP address] domain is not accepted"
        }
        Err(Error::InvalidComment) => "it has a (comment)",
        Err(_) => "it has a character an address may not have there (a comma, space, <, >, ( or ;)",
    };
    Err(format!("`{text}` is not one e-mail address: {why}"))
}

/// Minutes in `45m`, `1h`, `1h30m`.
pub(crate) fn parse_duration(text: &str) -> Result<u32, String> {
    let t = text.trim();
    let bad = || format!("`{t}` is not a duration: write it as 45m, 1h or 1h30m");
    let (hours, rest) = match t.split_once('h') {
        Some((h, rest)) => (Some(h), rest),
        None => (None, t),
    };
    let minutes = if rest.is_empty() {
        None
    } else {
        Some(rest.strip_suffix('m').ok_or_else(bad)?)
    };
    if hours.is_none() && minutes.is_none() {
        return Err(bad());
    }
    let num = |s: &str| -> Result<u32, String> {
        if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit()) || s.len() > 5 {
            Err(bad())
        } else {
            s.parse().map_err(|_| bad())
        }
    };
    let h = hours.map(num).transpose()?.unwrap_or(0);
    let m = minutes.map(num).transpose()?.unwrap_or(0);
    if hours.is_some() && minutes.is_some() && m >= 60 {
        return Err(format!("`{t}`: minutes after hours must be under 60"));
    }
    Ok(h * 60 + m)
}

/// An exact amount: `36000.00`, `36000`, `36,000.00` (thousands separators in groups of
/// three), optionally negative. `decimals` is the currency's maximum.
pub(crate) fn parse_money(text: &str, decimals: u32) -> Result<Decimal, String> {
    let t = text.trim();
    let bad = || {
        format!(
            "`{t}` is not an amount of money: write digits with up to {decimals} decimals, like 36000.00"
        )
    };
    let (negative, unsigned) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    let (whole, frac) = match unsigned.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (unsigned, None),
    };
    if whole.is_empty() {
        return Err(bad());
    }
    let digits: String = if whole.contains(',') {
        let groups: Vec<&str> = whole.split(',').collect();
        let first_ok = !groups[0].is_empty() && groups[0].len() <= 3;
        if !first_ok || groups[1..].iter().any(|g| g.len() != 3) {
            return Err(format!(
                "`{t}`: thousands separators must group three digits, like 36,000.00"
            ));
        }
        groups.concat()
    } else {
        whole.to_string()
    };
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(bad());
    }
    if let Some(f) = frac {
        if f.is_empty() || !f.chars().all(|c| c.is_ascii_digit()) {
            return Err(bad());
        }
        if f.len() as u32 > decimals {
            return Err(if decimals == 0 {
                format!("`{t}` has decimals, but this currency has no minor unit")
            } else {
                format!(
                    "`{t}` has {} decimal places; at most {decimals} are allowed",
                    f.len()
                )
            });
        }
    }
    if digits.len() > 18 {
        return Err(format!("`{t}` is too large an amount"));
    }
    let joined = match frac {
        Some(f) => format!("{}{digits}.{f}", if negative { "-" } else { "" }),
        None => format!("{}{digits}", if negative { "-" } else { "" }),
    };
    joined.parse::<Decimal>().map_err(|_| bad())
}

/// How many decimals a currency's amounts may have.
pub(crate) fn currency_decimals(code: &str) -> u32 {
    match code {
        "JPY" | "KRW" => 0,
        _ => 2,
    }
}

/// ISO 4217 codes of currencies in use (and a few funds and metals, which are valid codes).
const ISO_4217: &str = "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB \
BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUC CUP CVE CZK DJF DKK DOP \
DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR \
ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT \
MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON \
RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY \
TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF XAG XAU XCD XCG XDR XOF XPD XPF \
XPT XSU XUA YER ZAR ZMW ZWG ZWL";

pub(crate) fn is_currency(code: &str) -> bool {
    code.len() == 3 && ISO_4217.split_ascii_whitespace().any(|c| c == code)
}

/// Converts a local time in a zone, refusing times skipped by daylight saving and taking
/// the earlier of two repeated ones.
pub(crate) fn resolve_local<Z: TimeZone>(
    zone: &Z,
    naive: &NaiveDateTime,
) -> Option<DateTime<FixedOffset>> {
    match zone.from_local_datetime(naive) {
        LocalResult::Single(t) => Some(t.fixed_offset()),
        LocalResult::Ambiguous(a, _) => Some(a.fixed_offset()),
        LocalResult::None => None,
    }
}

/// Money for people: `CNY 36,000.00` (the currency's decimals, thousands grouped).
pub(crate) fn format_money(amount: Decimal, currency: &str) -> String {
    let decimals = currency_decimals(currency);
    let rounded = amount.round_dp(decimals);
    let text = format!("{:.*}", decimals as usize, rounded.abs());
    let (whole, frac) = match text.split_once('.') {
        Some((w, f)) => (w.to_string(), Some(f.to_string())),
        None => (text.clone(), None),
    };
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if amount.is_sign_negative() && !rounded.is_zero() {
        "-"
    } else {
        ""
    };
    match frac {
        Some(f) => format!("{currency} {sign}{grouped}.{f}"),
        None => format!("{currency} {sign}{grouped}"),
    }
}

/// A value with the span where it is written.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Sp<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Sp<T> {
    pub fn new(value: T, span: Span) -> Self {
        Sp { value, span }
    }
}

/// Exact amounts kept between runs (`load::cache`) as the decimal's own 16 bytes, so the
/// amount read back is the amount written, scale included.
pub(crate) mod exact {
    use super::Sp;
    use crate::source::Span;
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub(crate) fn serialize<S: Serializer>(v: &Sp<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        (v.value.serialize(), v.span).serialize(s)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Sp<Decimal>, D::Error> {
        let (bytes, span) = <([u8; 16], Span)>::deserialize(d)?;
        Ok(Sp::new(Decimal::deserialize(bytes), span))
    }

    pub(crate) mod option {
        use super::*;

        pub(crate) fn serialize<S: Serializer>(
            v: &Option<Sp<Decimal>>,
            s: S,
        ) -> Result<S::Ok, S::Error> {
            v.as_ref()
                .map(|v| (v.value.serialize(), v.span))
                .serialize(s)
        }

        pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
            d: D,
        ) -> Result<Option<Sp<Decimal>>, D::Error> {
            let v = <Option<([u8; 16], Span)>>::deserialize(d)?;
            Ok(v.map(|(bytes, span)| Sp::new(Decimal::deserialize(bytes), span)))
        }
    }
}

/// The text of an optional field, or nothing: for tables and exports that show every
/// field whether it is written or not.
pub(crate) fn text_of<T: AsRef<str>>(v: &Option<Sp<T>>) -> String {
    v.as_ref()
        .map_or(String::new(), |t| t.value.as_ref().to_string())
}

impl<T> std::ops::Deref for Sp<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

/// An enum whose values are written as fixed words.
pub trait Choice: Sized + Copy + 'static {
    const ALL: &'static [(&'static str, Self)];
    fn as_str(self) -> &'static str;

    /// The choice written exactly as `text`.
    fn parse(text: &str) -> Option<Self> {
        Self::ALL.iter().find(|(w, _)| *w == text).map(|(_, c)| *c)
    }

    /// The allowed words, for messages: "open, done, dropped".
    fn words() -> String {
        Self::ALL
            .iter()
            .map(|(w, _)| *w)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Declares an enum written as fixed words in the records.
#[macro_export]
macro_rules! choice {
    ($(#[$meta:meta])* $vis:vis enum $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        $vis enum $name { $($variant),+ }
        impl $crate::model::values::Choice for $name {
            const ALL: &'static [(&'static str, Self)] = &[$(($text, $name::$variant)),+];
            fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str($crate::model::values::Choice::as_str(*self))
            }
        }
    };
}

/// An ISO week: `2026-W48`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Week {
    pub year: i32,
    pub week: u32,
}

impl Week {
    pub(crate) fn parse(text: &str) -> Result<Week, String> {
        let bad = || format!("`{text}` is not an ISO week: write it like 2026-W48");
        let (y, w) = text.trim().split_once("-W").ok_or_else(bad)?;
        let year: i32 = y.parse().map_err(|_| bad())?;
        let week: u32 = w.parse().map_err(|_| bad())?;
        NaiveDate::from_isoywd_opt(year, week, Weekday::Mon)
            .ok_or_else(|| format!("{year} has no week {week}"))?;
        Ok(Week { year, week })
    }

    pub(crate) fn of(date: NaiveDate) -> Week {
        let iso = date.iso_week();
        Week {
            year: iso.year(),
            week: iso.week(),
        }
    }

    pub(crate) fn monday(self) -> NaiveDate {
        NaiveDate::from_isoywd_opt(self.year, self.week, Weekday::Mon).unwrap_or_default()
    }

    /// The day the week's report is dated: its `weekly_report` weekday, `weekday`.
    pub(crate) fn report_day(self, weekday: Weekday) -> NaiveDate {
        self.monday() + Duration::days(i64::from(weekday.num_days_from_monday()))
    }

    pub(crate) fn label(self) -> String {
        format!("{}-W{:02}", self.year, self.week)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_exact_and_strict() {
        assert_eq!(parse_money("36,000.00", 2).unwrap().to_string(), "36000.00");
        assert_eq!(parse_money("36000", 2).unwrap().to_string(), "36000");
        assert_eq!(parse_money("-12.5", 2).unwrap().to_string(), "-12.5");
        assert!(parse_money("36000.001", 2).is_err());
        assert!(parse_money("100.5", 0).is_err());
        assert!(parse_money("1e5", 2).is_err());
        assert!(parse_money("36,00.00", 2).is_err());
        assert!(parse_money(".5", 2).is_err());
        assert!(parse_money("12345678901234567890", 2).is_err());
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("45m"), Ok(45));
        assert_eq!(parse_duration("1h"), Ok(60));
        assert_eq!(parse_duration("1h30m"), Ok(90));
        assert!(parse_duration("1.5h").is_err());
        assert!(parse_duration("h").is_err());
        assert!(parse_duration("1h75m").is_err());
    }

    #[test]
    fn dates_and_times() {
        let tz = Timezone::parse("Asia/Shanghai").unwrap();
        assert!(parse_date("2026-02-30").is_err());
        assert!(parse_date("2026-2-3").is_err());
        let t = parse_datetime("2026-11-09 10:00", &tz).unwrap();
        assert_eq!(t.to_rfc3339(), "2026-11-09T10:00:00+08:00");
        let t = parse_datetime("2026-11-09T10:00+00:00", &tz).unwrap();
        assert_eq!(t.to_rfc3339(), "2026-11-09T10:00:00+00:00");
        let ny = Timezone::parse("America/New_York").unwrap();
        assert!(parse_datetime("2026-03-08 02:30", &ny).is_err());
        assert!(parse_datetime("2026-11-09 25:00", &tz).is_err());
    }

    #[test]
    fn currencies() {
        assert!(is_currency("CNY"));
        assert!(!is_currency("RMB"));
        assert!(!is_currency("cny"));
    }
}

#[cfg(test)]
mod email_tests {
    use super::parse_email;

    #[test]
    fn an_email_is_one_plain_address() {
        for good in [
            "rita@acme.example",
            "qian.hao+reports@northwind.example",
            "o'brien@sub.acme.example",
        ] {
            assert_eq!(parse_email(good).map(|a| a.email()), Ok(good.to_string()));
        }
        for bad in [
            "x@a.example>, Boss <y@b.example",
            "Boss <y@b.example>",
            "<y@b.example>",
            "x@a.example, y@b.example",
            "x@a.example;y@b.example",
            "x@a.example\r\nBcc: y@b.example",
            "x@a.example\nBcc: y@b.example",
            "x(comment)@a.example",
            "x@a.example (Boss)",
            "\"x>,<y\"@a.example",
            "x@[10.0.0.1]",
            "x@localhost",
            "x y@a.example",
            "x",
            "@a.example",
            "x@",
            "",
        ] {
            assert!(parse_email(bad).is_err(), "{bad:?} was taken as an address");
        }
    }
}
