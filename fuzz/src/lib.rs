//! Shared pieces of docket's fuzz targets: the checks every target makes of diagnostics,
//! the check of rendered HTML, a byte-driven chooser and a small YAML writer for the
//! generated records, and a scratch folder on a memory file system.

pub mod choose;
pub mod html;
pub mod records;
pub mod spans;
pub mod yaml;

use std::path::PathBuf;

/// A folder for files written during one run: `/dev/shm` when there is one (no disk
/// writes, fast), else the system's temporary folder.
pub fn scratch_root() -> PathBuf {
    let shm = PathBuf::from("/dev/shm");
    if shm.is_dir() {
        shm
    } else {
        std::env::temp_dir()
    }
}

/// A fresh, empty folder under [`scratch_root`], removed when the value is dropped.
pub fn scratch_dir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("docket-fuzz-")
        .tempdir_in(scratch_root())
        .expect("a scratch folder can be made")
}

/// The workspace settings the record targets read records with: a timezone with an
/// offset, two internal headings, the default numbering.
pub const SETTINGS: &str = "agency: Northwind Creative\n\
currency: CNY\n\
timezone: Asia/Shanghai\n\
internal_headings: [Internal, 内部]\n\
staff:\n\
  - { id: qian.hao, name: Qian Hao, email: qian.hao@northwind.example, role: ae }\n\
  - { id: du.mei, name: Du Mei, email: du.mei@northwind.example, role: account_director }\n";

/// [`SETTINGS`] read as docket reads `docket.yaml`.
pub fn settings() -> docket::internals::model::settings::Config {
    use docket::internals::source::{FileId, SourceFile, Span};
    let file = SourceFile::new(
        "docket.yaml".into(),
        PathBuf::from("docket.yaml"),
        SETTINGS.into(),
    );
    let value = docket::internals::parse::yaml::parse(&file, FileId(0), 0, SETTINGS)
        .expect("the fixed settings are valid YAML");
    let mut problems = Vec::new();
    let config = docket::internals::parse::settings::read(
        &value,
        Span::file_start(FileId(0)),
        &mut problems,
    );
    assert!(
        problems.is_empty(),
        "the fixed settings are valid: {problems:?}"
    );
    config
}
