//! Rule D010 `file-too-large`. Reported while loading files (`src/load/`).

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
