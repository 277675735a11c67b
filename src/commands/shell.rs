//! `docket completions SHELL` and `docket man`: shell completion scripts and manual pages,
//! generated from the command-line definitions themselves (clap_complete, clap_mangen), so
//! they always list the options this docket has.

use std::path::Path;

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs, ManArgs};
use crate::error::Error;

pub(super) fn completions(args: &CompletionsArgs) -> Result<i32, Error> {
    let mut cmd = Cli::command();
    clap_complete::generate(args.shell, &mut cmd, "docket", &mut std::io::stdout());
    Ok(0)
}

/// `docket.1` on standard output, or with `--out DIR` one page per command
/// (`docket.1`, `docket-check.1`, ...).
pub(super) fn man(args: &ManArgs) -> Result<i32, Error> {
    let cmd = Cli::command();
    let Some(dir) = &args.out else {
        let mut page = Vec::new();
        clap_mangen::Man::new(cmd)
            .render(&mut page)
            .map_err(Error::io(Path::new("-")))?;
        print!("{}", String::from_utf8_lossy(&page));
        return Ok(0);
    };
    crate::load::paths::refuse_out(dir)?;
    std::fs::create_dir_all(dir).map_err(Error::write(dir))?;
    clap_mangen::generate_to(cmd, dir).map_err(Error::write(dir))?;
    let mut pages: Vec<String> = std::fs::read_dir(dir)
        .map_err(Error::io(dir))?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".1"))
        .collect();
    pages.sort();
    println!("wrote {} manual pages to {}", pages.len(), dir.display());
    Ok(0)
}
