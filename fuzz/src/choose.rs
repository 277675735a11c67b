//! Choices driven by the fuzzer's bytes. Every helper answers even when the bytes run
//! out (with the first option, zero or an empty string), so a short input still makes a
//! whole workspace or record, and the fuzzer grows it from there.

use arbitrary::Unstructured;

/// A source of choices over the fuzzer's bytes.
pub struct Choose<'a> {
    u: Unstructured<'a>,
}

impl<'a> Choose<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Choose {
            u: Unstructured::new(data),
        }
    }

    /// True with probability about `percent` in 100.
    pub fn chance(&mut self, percent: u8) -> bool {
        self.u.int_in_range(0..=99u8).unwrap_or(99) < percent
    }

    /// A number in `lo..=hi`.
    pub fn int(&mut self, lo: u32, hi: u32) -> u32 {
        self.u.int_in_range(lo..=hi).unwrap_or(lo)
    }

    /// One of `options` (which must not be empty).
    pub fn pick<T: Clone>(&mut self, options: &[T]) -> T {
        self.u.choose(options).unwrap_or(&options[0]).clone()
    }

    /// Up to `max` bytes of the input as text (invalid UTF-8 replaced).
    pub fn text(&mut self, max: usize) -> String {
        let len = self.u.int_in_range(0..=max).unwrap_or(0);
        let bytes = self.u.bytes(len.min(self.u.len())).unwrap_or(&[]);
        String::from_utf8_lossy(bytes).into_owned()
    }

    /// Up to `max` characters of the input as one line of text (no line breaks).
    pub fn line(&mut self, max: usize) -> String {
        self.text(max).replace(['\r', '\n'], " ")
    }

    /// Text for a YAML value: one of `samples` most of the time, else a short line from
    /// the input.
    pub fn sample(&mut self, samples: &[&str]) -> String {
        if self.chance(85) {
            self.pick(samples).to_string()
        } else {
            self.line(24)
        }
    }

    /// A date as docket writes it, mostly in 2026, sometimes not a real date.
    pub fn date(&mut self) -> String {
        if self.chance(5) {
            return self
                .pick(&[
                    "2026-02-30",
                    "2026-13-01",
                    "26-11-09",
                    "2026-11-9",
                    "2026/11/09",
                ])
                .into();
        }
        let year = if self.chance(90) {
            2026
        } else {
            self.int(1999, 2031)
        };
        format!("{year}-{:02}-{:02}", self.int(1, 12), self.int(1, 28))
    }

    /// A date, or a date-time in one of the forms the format allows.
    pub fn when(&mut self) -> String {
        let date = self.date();
        match self.int(0, 4) {
            0 | 1 => date,
            2 => format!("{date} {:02}:{:02}", self.int(0, 23), self.int(0, 59)),
            3 => format!("{date}T{:02}:00", self.int(0, 23)),
            _ => format!(
                "{date} 10:00{}",
                self.pick(&["+08:00", "-05:00", "Z", "+14:00"])
            ),
        }
    }

    /// Whatever is left of the input, as text.
    pub fn rest(&mut self) -> String {
        let len = self.u.len();
        String::from_utf8_lossy(self.u.bytes(len).unwrap_or(&[])).into_owned()
    }

    /// Whether the input is used up.
    pub fn is_empty(&self) -> bool {
        self.u.is_empty()
    }
}
