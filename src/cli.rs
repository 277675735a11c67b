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
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
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
    /// Build the internal site and the client portals.
    #[command(after_help = "Example:\n  docket build example-workspace")]
    Build(BuildArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The workspace folder (default: the current folder).
    #[arg(default_value = ".")]
    pub workspace: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// The date that counts as today (YYYY-MM-DD), for reproducible results.
    #[arg(long, value_parser = parse_today)]
    pub today: Option<NaiveDate>,
    /// Colour in human output (auto follows the terminal and NO_COLOR).
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A code (D050) or rule name (duplicate-number).
    pub rule: Option<String>,
    /// List every rule with its code, name and default severity.
    #[arg(long)]
    pub list: bool,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The workspace folder (default: the current folder).
    #[arg(default_value = ".")]
    pub workspace: PathBuf,
    /// The output folder (default: `_site/` in the workspace).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// The date that counts as today (YYYY-MM-DD).
    #[arg(long, value_parser = parse_today)]
    pub today: Option<NaiveDate>,
}

fn parse_today(text: &str) -> Result<NaiveDate, String> {
    crate::parse::values::parse_date(text)
}
