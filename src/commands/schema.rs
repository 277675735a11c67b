//! `docket schema`: JSON Schemas of the front matter of every record type and of
//! `docket.yaml` (see `crate::schema`), and which files each describes.

use crate::cli::SchemaArgs;
use crate::error::Error;

fn pretty(value: &impl serde::Serialize) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_else(|_| "{}".into());
    text.push('\n');
    text
}

pub(super) fn run(args: &SchemaArgs) -> Result<i32, Error> {
    let all = crate::schema::all();
    // glob -> schema file, in a stable order.
    let files: serde_json::Map<String, serde_json::Value> = all
        .iter()
        .flat_map(|(name, globs, _)| globs.iter().map(move |g| (g.to_string(), (*name).into())))
        .collect();
    let Some(dir) = &args.out else {
        let schemas: serde_json::Map<String, serde_json::Value> = all
            .iter()
            .map(|(name, _, schema)| (name.to_string(), schema.clone().to_value()))
            .collect();
        print!(
            "{}",
            pretty(&serde_json::json!({ "files": files, "schemas": schemas }))
        );
        return Ok(0);
    };
    crate::load::paths::refuse_out(dir)?;
    std::fs::create_dir_all(dir).map_err(Error::write(dir))?;
    for (name, _, schema) in &all {
        let path = dir.join(name);
        crate::edit::write_atomic(&path, &pretty(schema)).map_err(Error::write(&path))?;
    }
    let path = dir.join("files.json");
    crate::edit::write_atomic(&path, &pretty(&files)).map_err(Error::write(&path))?;
    println!(
        "wrote {} schemas and files.json (which files each describes) to {}",
        all.len(),
        dir.display()
    );
    Ok(0)
}
