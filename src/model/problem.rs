//! Problems as values: what loading, parsing, reading `docket.yaml` and linking find
//! wrong, and where. A stage that finds a problem records one of these and goes on; it
//! knows nothing of codes, severities or wording. Each kind is worded by its rule's file
//! under `src/check/rules/` (the registry there says which rule words which kind), so
//! a rule's documentation and its messages live together.
//!
//! Adding a kind: a struct here, its line in [`problems!`], and `impl Word` for it in
//! its rule's file, named in the registry (`check::rules`).

use crate::model::records::{RecordKind, Stage};
use crate::source::Span;

macro_rules! problems {
    ($($(#[$doc:meta])* $kind:ident,)*) => {
        /// One problem found before the check stage.
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub enum Problem {
            $($(#[$doc])* $kind($kind),)*
        }

        $(impl From<$kind> for Problem {
            fn from(p: $kind) -> Problem {
                Problem::$kind(p)
            }
        })*
    };
}

problems! {
    // Loading (`load`).
    UnreadableFolder,
    UnreadableFile,
    FileNotUtf8,
    BinaryFile,
    FileTooLarge,
    SymlinkSkipped,
    MisplacedFile,
    NotClientId,
    MinutesFileName,
    UnusableName,
    // Parsing (`parse`).
    EmptyFile,
    MissingFrontMatter,
    UnclosedFrontMatter,
    YamlSyntax,
    DuplicateKey,
    YamlLimit,
    EmptyFrontMatter,
    FrontMatterNotMapping,
    NestingTooDeep,
    MissingField,
    UnknownField,
    WrongType,
    WrongItemType,
    InvalidDate,
    InvalidDuration,
    InvalidMoney,
    NegativeMoney,
    UnknownCurrency,
    InvalidValue,
    InvalidStage,
    WrongRecordType,
    InvalidEmail,
    // Reading `docket.yaml` (`parse::settings`).
    PaymentTermsNotDays,
    RulesNotMapping,
    InvalidReportTime,
    InvalidTimezone,
    InvalidNumbering,
    // Linking (`link`).
    MissingClientFile,
    DuplicatePersonId,
    DuplicateNumber,
}

/// A record file with nothing but whitespace (and perhaps a byte-order mark) in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmptyFile {
    pub at: Span,
}

/// A record whose first line is not `---`; `at` is that line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingFrontMatter {
    pub at: Span,
}

/// Front matter with no closing fence; `at` is the opening `---`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnclosedFrontMatter {
    pub at: Span,
}

/// YAML that does not parse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YamlSyntax {
    pub at: Span,
    /// The YAML parser's message, without its positions.
    pub message: String,
}

/// A key written twice in one mapping; `at` is the second.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DuplicateKey {
    pub at: Span,
    pub key: String,
}

/// YAML beyond one of the reader's safety limits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YamlLimit {
    pub at: Span,
    pub limit: Limit,
}

/// The safety limits of the YAML reader (`parse::yaml`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    /// Nesting deeper than `parse::yaml::MAX_DEPTH`.
    Depth,
    /// More than 100,000 values, an alias counting as all the values it repeats.
    Values,
    /// Too many aliases or anchors.
    Aliases,
    /// Too many merge keys.
    MergeKeys,
    /// More than 8 MiB of text.
    Text,
    /// More than one document.
    Documents,
    /// Another of the parser's limits.
    Other,
}

/// Front matter with nothing between its fences; `at` is the opening `---`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmptyFrontMatter {
    pub at: Span,
}

/// Front matter that is a single value or a list rather than a mapping of fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrontMatterNotMapping {
    pub at: Span,
    /// What it is, as `Value::kind_name` says: "a list", "text".
    pub found: &'static str,
}

/// A record body nested deeper than `parse::nesting::MAX_DEPTH`; `at` is where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NestingTooDeep {
    pub at: Span,
}

/// A required field left out, or written with no value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingField {
    /// The field's key when it is written empty, else the mapping.
    pub at: Span,
    pub field: String,
    /// What needs the field: "a work order", "a sign-off".
    pub what: String,
    /// Written with no value, rather than left out.
    pub empty: bool,
    /// A key in the mapping that looks like a misspelling of `field` (only when left out).
    pub close: Option<String>,
}

/// A key that is not a field of its mapping; `at` is the key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownField {
    pub at: Span,
    pub field: String,
    /// Whose field it is not: "a client", "a contact".
    pub what: String,
    /// The fields there are.
    pub known: &'static [&'static str],
}

/// A field's value of the wrong kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WrongType {
    pub at: Span,
    pub field: String,
    pub expected: Expected,
    /// What was written, as `Value::kind_name` says: "a list", "text".
    pub found: &'static str,
}

/// The kind of value a field takes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expected {
    /// A mapping of fields.
    Fields,
    /// One line of text.
    Text,
    /// A list; `single` is the one value written in its place, if that is a scalar.
    List { single: Option<String> },
    /// `true` or `false`.
    Bool,
    /// An amount of money.
    Money,
}

/// An item of a list of text that is not text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WrongItemType {
    pub at: Span,
    /// The list's field.
    pub field: String,
    /// What the item is, as `Value::kind_name` says: "a list", "a mapping".
    pub found: &'static str,
}

/// A date, or a date-time, that does not parse or does not exist.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidDate {
    pub at: Span,
    pub field: String,
    /// What is wrong with it.
    pub error: String,
    /// The field takes a date-time as well as a date.
    pub with_time: bool,
}

/// A duration that does not parse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidDuration {
    pub at: Span,
    pub field: String,
    /// What is wrong with it.
    pub error: String,
}

/// An amount of money that does not parse, or has more decimals than its currency allows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidMoney {
    pub at: Span,
    pub field: String,
    /// What is wrong with it.
    pub error: String,
    pub currency: String,
}

/// A negative amount in a field that cannot be negative.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NegativeMoney {
    pub at: Span,
    pub field: String,
    /// The amount as written.
    pub written: String,
    pub currency: String,
}

/// A currency that is not an ISO 4217 code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownCurrency {
    pub at: Span,
    /// The code as written.
    pub written: String,
}

/// A word that is not one of its field's fixed set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidValue {
    pub at: Span,
    pub field: String,
    /// The word as written.
    pub written: String,
    /// The words the field takes.
    pub allowed: Vec<&'static str>,
}

/// A sign-off's stage that its record's type is not signed for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidStage {
    pub at: Span,
    pub stage: Stage,
    pub kind: RecordKind,
}

/// A `type:` other than the one the record's folder holds; `at` is its value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WrongRecordType {
    pub at: Span,
    pub stated: RecordKind,
    pub folder: RecordKind,
}

/// An e-mail address that is not one valid address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidEmail {
    pub at: Span,
    pub field: String,
    /// What is wrong with it.
    pub error: String,
}

/// Records in a client folder that has no `client.md`; `at` is the first such record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingClientFile {
    pub at: Span,
    pub client: String,
}

/// A person id used a second time, by staff or any client's contact.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DuplicatePersonId {
    pub at: Span,
    pub id: String,
    pub first: Span,
}

/// A work order's or invoice's number used a second time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DuplicateNumber {
    pub at: Span,
    /// "work order" or "invoice".
    pub what: &'static str,
    pub number: String,
    pub first: Option<Span>,
}

// Loading (`load`).

/// A folder the walk could not read (or an entry in it); no file of its own to point at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnreadableFolder {
    /// The workspace path (relative, with `/`) the walk was at.
    pub path: String,
    /// The walk's reason, as the system gave it.
    pub error: String,
}

/// A file that could not be read; `at` is its start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnreadableFile {
    pub at: Span,
    /// The system's reason.
    pub error: String,
}

/// A file that is not valid UTF-8; `at` is the first bad byte (as the lossy text has it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileNotUtf8 {
    pub at: Span,
}

/// A file with a NUL byte, most likely binary; `at` is the first NUL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BinaryFile {
    pub at: Span,
}

/// A file larger than records are read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileTooLarge {
    pub at: Span,
    /// Its size in bytes.
    pub size: u64,
    /// The most a record may have, in bytes.
    pub limit: u64,
}

/// A symbolic link met while loading, not followed: one the walk found, or one on the
/// way to a file being read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SymlinkSkipped {
    pub at: Span,
    /// The link's workspace path (relative, with `/`).
    pub path: String,
    /// Where it points, when the walk on disk read it.
    pub target: Option<LinkTarget>,
}

/// Where a symbolic link points.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkTarget {
    /// The target as the link holds it (empty when it could not be read).
    pub written: String,
    pub lands: LinkLands,
}

/// Where a symbolic link's target lands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkLands {
    /// Inside the workspace.
    Inside,
    /// Outside the workspace.
    Outside,
    /// Nowhere: a missing file or a loop.
    Nowhere,
}

/// A `.md` file under `clients/` or `internal/` outside the record folders.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MisplacedFile {
    pub at: Span,
    /// Its workspace path (relative, with `/`).
    pub path: String,
    pub hint: MisplacedHint,
}

/// Where a misplaced file probably belongs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MisplacedHint {
    /// Under `internal/` but not in `internal/minutes/`.
    Internal,
    /// In a client's folder whose name is close to this record folder's.
    DidYouMean(String),
    /// Anywhere else in a client's folder.
    RecordFolders,
}

/// A client folder whose name is not a client id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotClientId {
    pub at: Span,
    /// The folder's name.
    pub client: String,
}

/// Minutes not named `YYYY-MM-DD-slug.md`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MinutesFileName {
    pub at: Span,
    /// The file's workspace path (relative, with `/`).
    pub path: String,
}

/// A name on a file's path that cannot be written in a link, a report or a terminal line
/// unmangled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnusableName {
    pub at: Span,
    /// The file's workspace path (relative, with `/`; a name that is not UTF-8 made lossy).
    pub path: String,
    pub why: Unusable,
}

/// What makes a name unusable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unusable {
    NotUtf8,
    /// A line break, a tab or another control character.
    Control,
}

// Reading `docket.yaml` (`parse::settings`).

/// `payment_terms_days` that is not a whole number of days from 0 to 3650.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaymentTermsNotDays {
    pub at: Span,
}

/// `rules` that is not a mapping.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RulesNotMapping {
    pub at: Span,
    /// What it is instead (`Value::kind_name`).
    pub found: &'static str,
}

/// `weekly_report.time` that is not a time of day (`HH:MM`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidReportTime {
    pub at: Span,
    pub time: String,
}

/// `timezone` that is neither an IANA name nor a fixed offset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidTimezone {
    pub at: Span,
    pub timezone: String,
}

/// A numbering pattern that cannot number records.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidNumbering {
    pub at: Span,
    /// Why, as `Pattern::parse` says it.
    pub reason: String,
}
