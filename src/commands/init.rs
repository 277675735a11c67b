//! `docket init`: a new workspace: `docket.yaml`, one example client, `.gitignore` (the
//! build output), a README for AEs, and a git repository. It never overwrites a file:
//! if any of them exists, nothing is written.

use std::path::{Path, PathBuf};

use minijinja::context;

use crate::cli::{Global, InitArgs};
use crate::edit::{self as write, quoted};
use crate::error::Error;

/// What `init` writes: path in the workspace, template.
const FILES: &[(&str, &str)] = &[
    ("docket.yaml", "init/docket.yaml"),
    ("clients/example-client/client.md", "init/client.md"),
    (".gitignore", "init/gitignore"),
    ("README.md", "init/README.md"),
];

fn refuse(message: impl std::fmt::Display) -> Result<i32, Error> {
    eprintln!("docket init: nothing written: {message}");
    Ok(1)
}

/// `Ann Lee` -> `ann.lee`: a staff id from a name (ASCII letters and digits, words joined
/// by dots); `fallback` for a name without any.
fn id_of(name: &str, fallback: &str) -> String {
    let words: Vec<String> = name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    if words.is_empty() || !words[0].starts_with(|c: char| c.is_ascii_alphabetic()) {
        fallback.to_string()
    } else {
        words.join(".")
    }
}

pub(super) fn run(args: &InitArgs, global: &Global) -> Result<i32, Error> {
    let dir = &args.dir;
    if args.timezone.parse::<chrono_tz::Tz>().is_err() {
        return refuse(format!(
            "`{}` is not a timezone of the IANA database (e.g. Asia/Shanghai, Europe/Paris, UTC)",
            args.timezone
        ));
    }
    if !(args.currency.len() == 3 && args.currency.chars().all(|c| c.is_ascii_uppercase())) {
        return refuse(format!(
            "`{}` is not an ISO 4217 currency code (three capital letters, e.g. CNY, EUR)",
            args.currency
        ));
    }
    let exists: Vec<&str> = FILES
        .iter()
        .map(|(path, _)| *path)
        .filter(|path| dir.join(path).exists())
        .collect();
    if dir.join("docket.yaml").exists() {
        return refuse(format!("{} is already a docket workspace", dir.display()));
    }
    if !exists.is_empty() {
        return refuse(format!(
            "{} already has {}",
            dir.display(),
            exists.join(", ")
        ));
    }
    let folder = std::path::absolute(dir).unwrap_or_else(|_| dir.clone());
    let agency = args.agency.clone().unwrap_or_else(|| {
        folder
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| "Our Agency".to_string())
    });
    let name = args
        .name
        .clone()
        .unwrap_or_else(|| "Account Executive".to_string());
    let id = id_of(&name, "ae");
    let email = args
        .email
        .clone()
        .unwrap_or_else(|| format!("{id}@agency.example"));
    if let Err(why) = crate::model::values::parse_email(&email) {
        return refuse(format!("--email: {why}"));
    }
    let today = args
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let env = crate::render::environment(&folder)?;
    let ctx = context! {
        agency => &agency,
        agency_yaml => quoted(&agency),
        currency => &args.currency,
        timezone => &args.timezone,
        today => today.to_string(),
        me => context! { id => &id, name => quoted(&name), email => quoted(&email) },
    };
    let mut texts = Vec::new();
    for (path, template) in FILES {
        texts.push((*path, crate::render::render(&env, template, &ctx)?));
    }
    for (path, text) in &texts {
        let target = dir.join(path);
        write::write_new(&target, text).map_err(Error::write(&target))?;
    }
    let git = if args.no_git {
        "no git repository (--no-git)".to_string()
    } else {
        init_git(dir)?
    };
    if global.quiet {
        return Ok(0);
    }
    println!("created the workspace {} ({git}):", dir.display());
    for (path, _) in FILES {
        println!("  {path}");
    }
    println!(
        "next: list your colleagues under `staff:` in docket.yaml, rename \
         clients/example-client/, then run `docket check`"
    );
    Ok(0)
}

/// Makes `dir` a git repository unless it already is the top of one.
fn init_git(dir: &Path) -> Result<String, Error> {
    if crate::git::Repo::open(dir).is_ok() {
        return Ok("in its existing git repository".to_string());
    }
    crate::git::Repo::init(dir).map_err(|e| Error::Io {
        path: PathBuf::from(dir),
        source: std::io::Error::other(e.0),
    })?;
    Ok("a new git repository: commit when ready".to_string())
}
