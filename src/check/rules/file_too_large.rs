//! Rule D010 `file-too-large`. Found while loading files (`src/load/`).

use crate::check::Word;
use crate::diag::Diagnostic;
use crate::model::problem::FileTooLarge;

crate::declare_rule! {
/// A record file is larger than docket reads (10 MiB).
///
/// Records are short texts; a file this large is almost always a mistake (a PDF or video
/// saved under a record folder with a `.md` name). Attachments belong under
/// `clients/<client>/files/`, which docket never reads as records.
///
/// ```text
/// clients/marlowe-outdoor/minutes/2026-11-02-shoot.md   1.2 GiB
/// ```
///
/// Fix: move the file under `files/` and link to it.
    pub const RULE = ("D010", "file-too-large", Error);
}

impl Word for FileTooLarge {
    fn diagnostic(&self) -> Diagnostic {
        Diagnostic::new(
            &RULE,
            self.at,
            format!(
                "this file is {}; records are read up to {} MiB",
                human_size(self.size),
                self.limit / (1024 * 1024)
            ),
        )
        .help("attachments belong under the client's files/ folder")
    }
}

/// A byte count for people: `10.5 MiB`, `1.0 GiB`, rounded to one decimal.
fn human_size(bytes: u64) -> String {
    const MIB: f64 = 1024.0 * 1024.0;
    let mib = bytes as f64 / MIB;
    if mib >= 1024.0 {
        format!("{:.1} GiB", mib / 1024.0)
    } else {
        format!("{mib:.1} MiB")
    }
}

#[cfg(test)]
mod tests {
    use super::human_size;

    #[test]
    fn sizes_for_people() {
        assert_eq!(human_size(10 * 1024 * 1024 + 1), "10.0 MiB");
        assert_eq!(human_size(15 * 1024 * 1024 / 2), "7.5 MiB");
        assert_eq!(human_size(1024 * 1024 * 1024), "1.0 GiB");
    }
}
