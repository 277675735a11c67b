//! Days as numbers, and the days everything is measured against.

use chrono::{Datelike, NaiveDate, Weekday};

/// Days are numbered from the common era (chrono's `num_days_from_ce`).
pub type Day = i32;

pub fn day_of(y: i32, m: u32, d: u32) -> Day {
    NaiveDate::from_ymd_opt(y, m, d).unwrap().num_days_from_ce()
}

pub fn nd(d: Day) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(d).unwrap()
}

pub fn ds(d: Day) -> String {
    let n = nd(d);
    format!("{:04}-{:02}-{:02}", n.year(), n.month(), n.day())
}

pub fn year_of(d: Day) -> i32 {
    nd(d).year()
}

/// A weekend day moves back to the Friday before.
pub fn weekday(d: Day) -> Day {
    match nd(d).weekday() {
        Weekday::Sat => d - 1,
        Weekday::Sun => d - 2,
        _ => d,
    }
}

/// Unix time of a local time of day in the workspace timezone (+08:00).
pub fn unix(d: Day, seconds_of_day: i64) -> i64 {
    let epoch = day_of(1970, 1, 1);
    i64::from(d - epoch) * 86_400 + seconds_of_day - 8 * 3600
}

pub fn today() -> Day {
    day_of(2026, 11, 23)
}

/// The last day anything happens on: the Friday before `today`.
pub fn last_day() -> Day {
    day_of(2026, 11, 20)
}
