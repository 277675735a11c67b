//! Building the site: the internal site and every portal rendered in memory, each portal
//! cleared by the leak scan, then everything written at once (see [`super::site`]).

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;

use super::{Cleared, Forbidden, Guard, Verdict};
use crate::compile::Compiled;
use crate::error::Error;
use crate::render::site::{self, Content, Part};

/// What a build wrote: the internal site's files and each portal, by its folder.
pub(crate) struct Built {
    pub(crate) internal: BTreeMap<String, Content>,
    pub(crate) portals: Vec<(String, Cleared)>,
}

/// Builds `part` of the site of `compiled` into `out`. A portal the scan refuses stops
/// the build before anything is written.
pub(crate) fn site(compiled: &Compiled, part: Part, out: &Path) -> Result<Built, Error> {
    let ws = &compiled.ws;
    if let Some(why) = super::site::refuse(&ws.root, out) {
        return Err(Error::Usage(format!(
            "--out {}: {why}; the site goes in a folder of its own",
            out.display()
        )));
    }

    // What no portal may hold is read from the records while the site renders.
    let (site, forbidden) = rayon::join(|| site::render(compiled, part), || Forbidden::new(ws));
    let site = site?;
    // Every portal is scanned, and written only as the scan cleared it.
    let scanned: Vec<(String, Result<Verdict, Error>)> = site
        .portals
        .into_par_iter()
        .map(|portal| {
            let guard = Guard::for_client(ws, &forbidden, portal.files.client());
            (portal.prefix, guard.clear(portal.files))
        })
        .collect();
    let mut portals = Vec::new();
    let mut refused = Vec::new();
    for (prefix, result) in scanned {
        match result? {
            Ok(cleared) => portals.push((prefix, cleared)),
            Err(leaks) => refused.push(format!(
                "the portal of {} would contain {}",
                ws.clients[leaks.client].name(),
                leaks.describe()
            )),
        }
    }
    if !refused.is_empty() {
        return Err(Error::Leak {
            refused,
            meaning: "nothing built".into(),
        });
    }
    let existed = out.exists();
    super::site::write(&site.files, &portals, out).map_err(|e| {
        e.meaning(match existed {
            true => format!("the site in {} is unchanged", out.display()),
            false => "no site was written".to_string(),
        })
    })?;
    Ok(Built {
        internal: site.files,
        portals,
    })
}
