//! The git repository: one `git fast-import` stream of every commit, then the checkout.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use rayon::prelude::*;

use crate::die;
use crate::history::{Commit, Item};
use crate::mistakes::Planted;
use crate::model::{Act, Gen, NONE};
use crate::words::{DOMAIN, STAFF};

/// Where a record stands after the commits so far.
#[derive(Clone, Copy, Default)]
struct State {
    edits: usize,
    entries: usize,
    status: u8,
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args(["-c", "core.autocrlf=false", "-c", "init.defaultBranch=main"])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .status()
        .unwrap_or_else(|e| die(format!("cannot run git: {e}")));
    if !status.success() {
        die(format!("git {} failed", args.join(" ")));
    }
}

fn blob(w: &mut impl std::io::Write, path: &str, data: &[u8]) -> std::io::Result<()> {
    write!(w, "M 100644 inline {path}\ndata {}\n", data.len())?;
    w.write_all(data)?;
    w.write_all(b"\n")
}

pub fn head(out: &Path) -> String {
    Command::new("git")
        .args(["rev-parse", "HEAD"])
        .current_dir(out)
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default()
}

impl Gen {
    /// Streams every commit into one `git fast-import`.
    pub fn write_history(
        &mut self,
        out: &Path,
        commits: &[Commit],
        planted: &[Planted],
    ) -> std::io::Result<Instant> {
        git(out, &["init", "-q"]);
        git(out, &["symbolic-ref", "HEAD", "refs/heads/main"]);
        let mut child = Command::new("git")
            .args(["-c", "core.autocrlf=false", "-c", "pack.compression=1"])
            .args(["fast-import", "--quiet", "--done"])
            .current_dir(out)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .stdin(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| die(format!("cannot run git fast-import: {e}")));
        let stdin = child.stdin.take().unwrap();
        let mut w = std::io::BufWriter::with_capacity(1 << 20, stdin);
        let streamed = self.stream(&mut w, commits, planted);
        drop(w);
        let status = child.wait()?;
        streamed?;
        if !status.success() {
            die("git fast-import failed");
        }
        let imported = Instant::now();
        // Parallel checkout: writing the files is most of the time on slow disks.
        git(
            out,
            &[
                "-c",
                "checkout.workers=0",
                "-c",
                "checkout.thresholdForParallelism=1000",
                "reset",
                "-q",
                "--hard",
                "main",
            ],
        );
        Ok(imported)
    }

    /// The fast-import commands of every commit.
    fn stream(
        &self,
        w: &mut impl std::io::Write,
        commits: &[Commit],
        planted: &[Planted],
    ) -> std::io::Result<()> {
        let mut state: Vec<State> = self
            .recs
            .iter()
            .map(|r| State {
                edits: 0,
                entries: 0,
                status: if r.status_names.is_empty() { NONE } else { 0 },
            })
            .collect();
        let mut touched_at = vec![usize::MAX; self.recs.len()];
        for (ci, c) in commits.iter().enumerate() {
            let (id, name, _) = STAFF[c.author as usize];
            let who = format!("{name} <{id}@{DOMAIN}> {} +0800", c.time);
            write!(
                w,
                "commit refs/heads/main\nmark :{}\nauthor {who}\ncommitter {who}\ndata {}\n{}\n",
                ci + 1,
                c.subject.len() + 1,
                c.subject
            )?;
            let mut touched: Vec<usize> = Vec::new();
            let mut extra: Vec<(String, Vec<u8>)> = Vec::new();
            for it in &c.items {
                let rec = match it {
                    Item::Edit(r) => {
                        state[*r].edits += 1;
                        *r
                    }
                    Item::Ev(e) => {
                        let ev = &self.events[*e];
                        let st = &mut state[ev.rec];
                        match ev.act {
                            Act::Create => {
                                for (p, text) in &self.recs[ev.rec].files {
                                    extra.push((p.clone(), text.clone().into_bytes()));
                                }
                            }
                            Act::Sign { n, status, .. } => {
                                st.entries += n;
                                if status != NONE {
                                    st.status = if st.status == NONE {
                                        status
                                    } else {
                                        st.status.max(status)
                                    };
                                }
                            }
                            Act::Status(s) => st.status = st.status.max(s),
                        }
                        ev.rec
                    }
                };
                if touched_at[rec] != ci {
                    touched_at[rec] = ci;
                    touched.push(rec);
                }
            }
            let texts: Vec<String> = touched
                .par_iter()
                .map(|&r| {
                    let s = state[r];
                    self.recs[r].render(s.edits, s.entries, s.status)
                })
                .collect();
            if c.kind == "setup" {
                blob(w, "docket.yaml", self.docket_yaml().as_bytes())?;
                blob(w, ".gitignore", b"_site/\n")?;
                // The README still names the generator `bench/gen.rs`: its text is in the
                // setup commit, so changing it would change every generated commit id.
                blob(
                    w,
                    "README.md",
                    b"# Northwind Creative\n\nA generated docket workspace (bench/gen.rs). \
                      Check it with `docket check . --today 2026-11-23`.\n",
                )?;
                for (i, cl) in self.clients.iter().enumerate() {
                    let p = format!("clients/{}/client.md", cl.id);
                    blob(w, &p, self.client_text[i].as_bytes())?;
                }
            }
            for (p, data) in &extra {
                blob(w, p, data)?;
            }
            for (&r, text) in touched.iter().zip(&texts) {
                blob(w, &self.recs[r].path, text.as_bytes())?;
            }
            if c.kind == "mistakes" {
                for p in planted {
                    for (path, data) in &p.writes {
                        match data {
                            Some(d) => blob(w, path, d)?,
                            None => writeln!(w, "D {path}")?,
                        }
                    }
                }
            }
            w.write_all(b"\n")?;
        }
        w.write_all(b"done\n")?;
        w.flush()
    }
}
