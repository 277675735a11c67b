//! Command-line definitions (clap). Behaviour lives in `commands`.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "docket",
    version,
    about = "Checks an agency's account records (Markdown + YAML in git) and compiles reports and portals."
)]
pub(crate) struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

/// Options of every command.
#[derive(Debug, Clone, Args)]
pub(crate) struct Global {
    /// Print only the results: no progress bar, no summary or status lines.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Also print how long each stage took, on standard error.
    #[arg(long, short, global = true)]
    pub verbose: bool,
    /// Colour in human output: auto follows the terminal and NO_COLOR.
    #[arg(long, value_enum, global = true, default_value_t = Color::Auto)]
    pub color: Color,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Check every record of a workspace, like a compiler.
    #[command(
        after_help = "Examples:\n  docket check\n  docket check example-workspace --today 2026-11-23\n  docket check --format json > diagnostics.json"
    )]
    Check(CheckArgs),
    /// Explain a diagnostic code or rule name.
    #[command(
        after_help = "Examples:\n  docket explain D050\n  docket explain duplicate-number\n  docket explain --list"
    )]
    Explain(ExplainArgs),
    /// Record a sign-off: who signed which stage of a record, bound to what was signed.
    #[command(
        after_help = "Staff sign for themselves; a client contact's confirmation is recorded with --via.\n\nExamples:\n  docket sign clients/acme/orders/WO-2026-0031.md --by qian.hao --stage approved\n  docket sign clients/acme/orders/WO-2026-0031.md --by rita.acme --stage approved --via email --note \"reply of 21 Nov\""
    )]
    Sign(SignArgs),
    /// List the sign-offs still owed, grouped by who owes them.
    #[command(
        after_help = "Examples:\n  docket pending\n  docket pending example-workspace --today 2026-11-23"
    )]
    Pending(PendingArgs),
    /// Create a new record from a template, with the next free number.
    #[command(
        after_help = "Examples:\n  docket new order acme --title \"Spring key visual\" --kind creative\n  docket new minutes acme --title \"Kick-off\" --date \"2026-11-24 10:00\"\n  docket new invoice acme --order WO-2026-0031"
    )]
    New(NewArgs),
    /// Write reports from the records.
    #[command(subcommand)]
    Report(ReportCommand),
    /// Print the digest of a record: the fingerprint a sign-off carries.
    #[command(
        after_help = "Example:\n  docket digest clients/acme/orders/WO-2026-0031.md --canonical"
    )]
    Digest(DigestArgs),
    /// Git hooks: check the records before every commit.
    #[command(subcommand)]
    Hook(HookCommand),
    /// Serve the Language Server Protocol on standard input and output, for editors.
    #[command(
        after_help = "Editors start it themselves; see docs/editors.md for VS Code, Neovim, Helix and Zed.\n\nExample (Helix, languages.toml):\n  [language-server.docket]\n  command = \"docket\"\n  args = [\"lsp\"]"
    )]
    Lsp,
    /// JSON Schemas of every record type and of docket.yaml, for editors.
    #[command(
        after_help = "Without --out, one JSON object: `files` (glob -> schema) and `schemas`.\n\nExamples:\n  docket schema --out .schemas\n  docket schema | jq '.files'"
    )]
    Schema(SchemaArgs),
    /// Print a shell completion script.
    #[command(
        after_help = "Examples:\n  docket completions bash > ~/.local/share/bash-completion/completions/docket\n  docket completions zsh > \"${fpath[1]}/_docket\"\n  docket completions fish > ~/.config/fish/completions/docket.fish"
    )]
    Completions(CompletionsArgs),
    /// Print the manual page, or write one per command.
    #[command(
        after_help = "Examples:\n  docket man | man -l -\n  docket man --out /usr/local/share/man/man1"
    )]
    Man(ManArgs),
    /// Create a new workspace: docket.yaml, an example client, .gitignore, a README.
    #[command(
        after_help = "Examples:\n  docket init records --agency \"Northwind Creative\" --timezone Asia/Shanghai --currency CNY\n  docket init . --name \"Qian Hao\" --email qian.hao@northwind.example"
    )]
    Init(InitArgs),
    /// Build the internal site and the client portals.
    #[command(after_help = "Example:\n  docket build example-workspace")]
    Build(BuildArgs),
    /// What commits changed in the records: fields, status, sign-offs, body sections.
    #[command(
        after_help = "Examples:\n  docket changes --since 2026-11-16\n  docket changes --since v-2026-11-09 --until HEAD --client acme\n  docket changes --since HEAD~20 --format json"
    )]
    Changes(ChangesArgs),
    /// Print a record in a stable, normalised form (fields sorted, values typed): a git
    /// textconv driver (docs/git.md).
    #[command(
        after_help = "Example (.git/config):\n  [diff \"docket\"]\n      textconv = docket textconv\n      cachetextconv = true"
    )]
    Textconv(TextconvArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    Human,
    Json,
}

/// How `check` prints its diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum CheckFormat {
    /// For people: each diagnostic with its source lines, then a summary.
    Human,
    /// One JSON object: diagnostics and summary (docs/format.md).
    Json,
    /// GitHub Actions workflow commands: annotations on files and pull requests.
    Github,
    /// SARIF 2.1.0, for code scanning (GitHub, GitLab) and SARIF viewers.
    Sarif,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// The workspace folder (default: the current folder).
    #[arg(default_value = ".")]
    pub workspace: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// The date that counts as today (YYYY-MM-DD), for reproducible results.
    #[arg(long, value_parser = parse_today)]
    pub today: Option<NaiveDate>,
    /// Run on the workspace as commit REV has it (an id, tag, branch or `HEAD~3`), read
    /// from git without a checkout. Without --today, today is that commit's day.
    #[arg(long, value_name = "REV")]
    pub at: Option<String>,
    /// Print how long each stage took, and how many commits were read, on standard error
    /// (as --verbose does).
    #[arg(long)]
    pub timings: bool,
}

#[derive(Debug, Args)]
pub(crate) struct ChangesArgs {
    /// The workspace folder (default: the current folder).
    #[arg(default_value = ".")]
    pub workspace: PathBuf,
    /// From this day on (YYYY-MM-DD, by commit date in the workspace timezone), or the
    /// commits after this one (a commit id, tag or branch). Default: the whole history.
    #[arg(long)]
    pub since: Option<String>,
    /// Up to this commit (default: HEAD).
    #[arg(long)]
    pub until: Option<String>,
    /// Only what this client may see of its own records.
    #[arg(long)]
    pub client: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ChangesFormat::Human)]
    pub format: ChangesFormat,
}

/// How `changes` prints the change log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ChangesFormat {
    /// For people, in the terminal.
    Human,
    /// Markdown, for a pull request or a message.
    Md,
    /// One JSON object (docs/git.md).
    Json,
}

#[derive(Debug, Args)]
pub(crate) struct TextconvArgs {
    /// The record file (git passes a temporary copy of the version it shows).
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub(crate) struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub(crate) struct SchemaArgs {
    /// Write one `<type>.schema.json` per record type, `docket.schema.json` and
    /// `files.json` into this folder.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub(crate) struct ManArgs {
    /// Write docket.1 and one page per command (docket-check.1, ...) into this folder.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum HookCommand {
    /// Write a pre-commit hook that runs `docket check` (never replaces an existing hook).
    #[command(
        after_help = "The hook refuses a commit while the workspace has errors; `git commit --no-verify` skips it once.\n\nExamples:\n  docket hook install\n  docket hook install records/"
    )]
    Install(HookArgs),
}

#[derive(Debug, Args)]
pub(crate) struct HookArgs {
    /// The workspace folder, in a git repository (default: the current folder).
    #[arg(default_value = ".")]
    pub workspace: PathBuf,
}

#[derive(Debug, Args)]
pub(crate) struct InitArgs {
    /// The folder to create the workspace in (created if missing; default: the current
    /// folder). No file in it is ever overwritten.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// The agency's name (default: the folder's name).
    #[arg(long)]
    pub agency: Option<String>,
    /// The workspace timezone, from the IANA database: dates, deadlines and the weekly
    /// report follow it.
    #[arg(long, default_value = "UTC")]
    pub timezone: String,
    /// The currency of amounts written without one (ISO 4217).
    #[arg(long, default_value = "EUR")]
    pub currency: String,
    /// Your name, as the first staff member and the example client's AE.
    #[arg(long)]
    pub name: Option<String>,
    /// Your e-mail address.
    #[arg(long)]
    pub email: Option<String>,
    /// Do not create a git repository.
    #[arg(long)]
    pub no_git: bool,
    /// The date that counts as today (YYYY-MM-DD), written as the client's `since`.
    #[arg(long, value_parser = parse_today)]
    pub today: Option<NaiveDate>,
}

#[derive(Debug, Args)]
pub(crate) struct ExplainArgs {
    /// A code (D050) or rule name (duplicate-number).
    pub rule: Option<String>,
    /// List every rule with its code, name and default severity.
    #[arg(long)]
    pub list: bool,
}

#[derive(Debug, Args)]
pub(crate) struct BuildArgs {
    /// The workspace folder (default: the current folder).
    #[arg(default_value = ".")]
    pub workspace: PathBuf,
    /// The output folder (default: `_site/` in the workspace). It is replaced as a whole.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Build this client's portal alone, at the top of the output folder, for hosting on
    /// its own.
    #[arg(long, value_name = "ID")]
    pub portal: Option<String>,
    /// The date that counts as today (YYYY-MM-DD).
    #[arg(long, value_parser = parse_today)]
    pub today: Option<NaiveDate>,
    /// Run on the workspace as commit REV has it (an id, tag, branch or `HEAD~3`), read
    /// from git without a checkout. Without --today, today is that commit's day.
    #[arg(long, value_name = "REV")]
    pub at: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct SignArgs {
    /// The record to sign.
    pub file: PathBuf,
    /// Who signs: a staff id, or the id of a client contact who can sign.
    #[arg(long)]
    pub by: String,
    /// The stage: approved or delivered (work orders), agreed (timetables), confirmed
    /// (minutes), approved (invoices).
    #[arg(long)]
    pub stage: String,
    /// How a client contact's confirmation was given: email, phone, meeting, letter, portal.
    #[arg(long)]
    pub via: Option<String>,
    /// The date of the sign-off (default: today).
    #[arg(long, value_parser = parse_today)]
    pub date: Option<NaiveDate>,
    /// A short note kept with the sign-off.
    #[arg(long)]
    pub note: Option<String>,
    /// The date that counts as today (YYYY-MM-DD).
    #[arg(long, value_parser = parse_today)]
    pub today: Option<NaiveDate>,
}

#[derive(Debug, Args)]
pub(crate) struct PendingArgs {
    /// The workspace folder (default: the current folder).
    #[arg(default_value = ".")]
    pub workspace: PathBuf,
    /// The date that counts as today (YYYY-MM-DD).
    #[arg(long, value_parser = parse_today)]
    pub today: Option<NaiveDate>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum NewKind {
    Minutes,
    Order,
    Schedule,
    Invoice,
}

#[derive(Debug, Args)]
pub(crate) struct NewArgs {
    /// What to create.
    #[arg(value_enum)]
    pub what: NewKind,
    /// The client's id (its folder under clients/).
    pub client: String,
    /// The workspace folder (default: the current folder).
    #[arg(long, default_value = ".")]
    pub workspace: PathBuf,
    /// The title (minutes, work orders, timetables) or the first line's description
    /// (invoices).
    #[arg(long)]
    pub title: Option<String>,
    /// The meeting's date or date-time (minutes); default today.
    #[arg(long)]
    pub date: Option<String>,
    /// The kind of meeting (client, internal, call, visit, proposal) or of work order
    /// (creative, research, media, production, event, other).
    #[arg(long)]
    pub kind: Option<String>,
    /// Work orders an invoice bills (repeatable).
    #[arg(long = "order")]
    pub orders: Vec<String>,
    /// The date that counts as today (YYYY-MM-DD).
    #[arg(long, value_parser = parse_today)]
    pub today: Option<NaiveDate>,
}

#[derive(Debug, Args)]
pub(crate) struct DigestArgs {
    /// The record.
    pub file: PathBuf,
    /// Print the canonical text the digest is taken of, not the digest.
    #[arg(long)]
    pub canonical: bool,
}

#[derive(Debug, Subcommand)]
pub(crate) enum ReportCommand {
    /// The weekly report to a client (or, with --internal, to the agency).
    #[command(
        after_help = "Without --client or --internal, one report per active client.\n\nExamples:\n  docket report weekly --client qingshan-dairy\n  docket report weekly example-workspace --week 2026-W48 --out reports/"
    )]
    Weekly(WeeklyArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ReportFormat {
    Md,
    Html,
    Eml,
}

#[derive(Debug, Args)]
pub(crate) struct WeeklyArgs {
    /// The workspace folder (default: the current folder).
    #[arg(default_value = ".")]
    pub workspace: PathBuf,
    /// The ISO week (default: the week of today in the workspace timezone).
    #[arg(long)]
    pub week: Option<String>,
    /// The client to report to.
    #[arg(long, conflicts_with = "internal")]
    pub client: Option<String>,
    /// The agency's own report, across every client.
    #[arg(long)]
    pub internal: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
    pub format: ReportFormat,
    /// Write the reports into this folder, as <week>-<client>.<format> (default: print
    /// one report to standard output).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// The date that counts as today (YYYY-MM-DD).
    #[arg(long, value_parser = parse_today)]
    pub today: Option<NaiveDate>,
    /// Run on the workspace as commit REV has it (an id, tag, branch or `HEAD~3`), read
    /// from git without a checkout. Without --today, today is that commit's day.
    #[arg(long, value_name = "REV")]
    pub at: Option<String>,
}

fn parse_today(text: &str) -> Result<NaiveDate, String> {
    crate::model::values::parse_date(text)
}

#[cfg(test)]
mod help_tests {
    use clap::CommandFactory;

    /// Every command a person runs shows an example in its `--help`.
    #[test]
    fn every_command_has_an_example() {
        fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
            let path = format!("{path} {}", cmd.get_name());
            let subs: Vec<&clap::Command> = cmd.get_subcommands().collect();
            if subs.is_empty() {
                let help = cmd
                    .get_after_help()
                    .map(|h| h.to_string())
                    .unwrap_or_default();
                if !help.contains("Example") {
                    missing.push(path.clone());
                }
            }
            for sub in subs {
                walk(sub, &path, missing);
            }
        }
        let mut missing = Vec::new();
        let cli = super::Cli::command();
        for sub in cli.get_subcommands() {
            walk(sub, "docket", &mut missing);
        }
        assert!(missing.is_empty(), "no example in --help: {missing:?}");
    }
}
