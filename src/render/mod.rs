//! Render stage: views into documents: weekly reports ([`weekly`], [`eml`]) and the static
//! site ([`site`]), with the pieces they share: Markdown bodies as safe HTML
//! ([`markdown`]), calendars ([`ics`]) and charts ([`charts`]).
//! Templates are minijinja files under `templates/`, embedded in the binary; a workspace
//! may override any of them with a file of the same path under its own `templates/`.

pub(crate) mod changes;
pub(crate) mod charts;
pub(crate) mod client;
pub(crate) mod eml;
pub(crate) mod html;
pub(crate) mod ics;
pub(crate) mod markdown;
pub(crate) mod site;
pub(crate) mod weekly;

use std::path::Path;

use minijinja::Environment;

use crate::error::Error;

/// Every template docket ships, by path under `templates/`.
pub(crate) const TEMPLATES: &[(&str, &str)] = &[
    (
        "init/docket.yaml",
        include_str!("../../templates/init/docket.yaml"),
    ),
    (
        "init/client.md",
        include_str!("../../templates/init/client.md"),
    ),
    (
        "init/gitignore",
        include_str!("../../templates/init/gitignore"),
    ),
    (
        "init/README.md",
        include_str!("../../templates/init/README.md"),
    ),
    ("new/order.md", include_str!("../../templates/new/order.md")),
    (
        "new/minutes.md",
        include_str!("../../templates/new/minutes.md"),
    ),
    (
        "new/schedule.md",
        include_str!("../../templates/new/schedule.md"),
    ),
    (
        "new/invoice.md",
        include_str!("../../templates/new/invoice.md"),
    ),
    (
        "report/weekly.md",
        include_str!("../../templates/report/weekly.md"),
    ),
    (
        "report/internal.md",
        include_str!("../../templates/report/internal.md"),
    ),
    (
        "report/weekly.html",
        include_str!("../../templates/report/weekly.html"),
    ),
    (
        "site/base.html",
        include_str!("../../templates/site/base.html"),
    ),
    (
        "site/style.css",
        include_str!("../../templates/site/style.css"),
    ),
    (
        "site/favicon.svg",
        include_str!("../../templates/site/favicon.svg"),
    ),
    (
        "site/dashboard.html",
        include_str!("../../templates/site/dashboard.html"),
    ),
    (
        "site/client.html",
        include_str!("../../templates/site/client.html"),
    ),
    (
        "site/record.html",
        include_str!("../../templates/site/record.html"),
    ),
    (
        "site/portal/base.html",
        include_str!("../../templates/site/portal/base.html"),
    ),
    (
        "site/portal/index.html",
        include_str!("../../templates/site/portal/index.html"),
    ),
    (
        "site/portal/meeting.html",
        include_str!("../../templates/site/portal/meeting.html"),
    ),
    (
        "site/portal/order.html",
        include_str!("../../templates/site/portal/order.html"),
    ),
    (
        "site/portal/schedule.html",
        include_str!("../../templates/site/portal/schedule.html"),
    ),
];

/// The template environment for workspace `root`: docket's templates, each replaced by
/// `root/templates/<path>` where that file exists (and neither it nor a folder on its
/// way is a symbolic link). Output is exactly what the templates
/// say: no auto-escaping for Markdown, and the trailing newline kept.
pub(crate) fn environment(root: &Path) -> Result<Environment<'static>, Error> {
    environment_from(&|name: &str| {
        let local = root.join(name);
        let read = crate::load::open_in(root, Path::new(name)).and_then(|mut file| {
            let mut text = String::new();
            std::io::Read::read_to_string(&mut file, &mut text)?;
            Ok(text)
        });
        match read {
            Ok(text) => Ok(Some(text)),
            // A template that is a symbolic link (or under one) is never read: docket's
            // own is used, and `check` reports the link (`symlink-skipped`).
            Err(crate::load::Refused::Link(_)) => Ok(None),
            Err(crate::load::Refused::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {
                Ok(None)
            }
            Err(crate::load::Refused::Io(source)) => Err(Error::Io {
                path: local,
                source,
            }),
        }
    })
}

/// [`environment`] for workspace `ws`: its templates come from the commit it was read
/// from, with `--at`.
pub(crate) fn environment_of(ws: &crate::link::Workspace) -> Result<Environment<'static>, Error> {
    match &ws.at {
        None => environment(&ws.root),
        Some(snapshot) => environment_from(&|name: &str| {
            snapshot.text(name).map_err(|source| Error::Io {
                path: ws.root.join(name),
                source,
            })
        }),
    }
}

/// The environment with each template read by `local` (`templates/<path>` of the
/// workspace; `None` where the workspace has none, and docket's own is used).
fn environment_from(
    local: &dyn Fn(&str) -> Result<Option<String>, Error>,
) -> Result<Environment<'static>, Error> {
    let mut env = Environment::new();
    let syntax = minijinja::syntax::SyntaxConfig::builder()
        .keep_trailing_newline(true)
        .build()
        .map_err(|e| Error::Template {
            name: "(syntax)".into(),
            message: e.to_string(),
        })?;
    env.set_syntax(syntax);
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".html") {
            minijinja::AutoEscape::Html
        } else {
            minijinja::AutoEscape::None
        }
    });
    env.set_formatter(html_formatter);
    for (name, builtin) in TEMPLATES {
        let source = local(&format!("templates/{name}"))?.unwrap_or_else(|| builtin.to_string());
        env.add_template_owned(name.to_string(), source)
            .map_err(|e| Error::Template {
                name: name.to_string(),
                message: e.to_string(),
            })?;
    }
    Ok(env)
}

/// minijinja's own formatter, except that HTML text escapes only `&`, `<`, `>`, `"` and
/// `'`: what HTML needs, leaving paths and URLs readable (`a/b.html`, not `a&#x2f;b.html`).
fn html_formatter(
    out: &mut minijinja::Output<'_>,
    state: &mut minijinja::State<'_, '_>,
    value: &minijinja::Value,
) -> Result<(), minijinja::Error> {
    match value.as_str() {
        Some(text) if *state.auto_escape() == minijinja::AutoEscape::Html && !value.is_safe() => {
            out.write_str(&html::escape(text)).map_err(|e| {
                minijinja::Error::new(minijinja::ErrorKind::WriteFailure, e.to_string())
            })
        }
        _ => minijinja::escape_formatter(out, state, value),
    }
}

/// Renders template `name` with `context`.
pub(crate) fn render<S: serde::Serialize>(
    env: &Environment<'_>,
    name: &str,
    context: S,
) -> Result<String, Error> {
    env.get_template(name)
        .and_then(|t| t.render(minijinja::Value::from(minijinja::value::Serde(context))))
        .map_err(|e| Error::Template {
            name: name.to_string(),
            message: format!("{e:#}"),
        })
}
