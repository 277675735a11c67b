//! Sign-offs and status changes as events of a record's life, and the sign-off lines once
//! every record is final.

use rayon::prelude::*;

use crate::dates::Day;
use crate::history::{Commit, Item};
use crate::library::{digest_of, entry_yaml};
use crate::model::{Act, Ev, Gen, NONE, PEntry};

impl Gen {
    pub fn push_sign(&mut self, ri: usize, e: PEntry, author: Option<u8>, pref: u8, status: u8) {
        let first = self.recs[ri].entries.len();
        let day = e.day;
        self.recs[ri].entries.push(e);
        self.events.push(Ev {
            day,
            rec: ri,
            act: Act::Sign {
                first,
                n: 1,
                status,
            },
            author,
            pref,
        });
        if status != NONE {
            self.recs[ri].status_final = self.recs[ri].status_final.max(status);
        }
    }

    pub fn push_status(&mut self, ri: usize, day: Day, status: u8, pref: u8) {
        self.events.push(Ev {
            day,
            rec: ri,
            act: Act::Status(status),
            author: None,
            pref,
        });
        self.recs[ri].status_final = self.recs[ri].status_final.max(status);
    }

    pub fn contact_via(&mut self, c: usize) -> (String, &'static str) {
        let signers = self.clients[c].signers();
        let who = *self.rng.pick(&signers);
        let mut vias = vec!["email", "email", "email", "letter", "meeting", "phone"];
        if self.clients[c].portal {
            vias.push("portal");
        }
        let via = *self.rng.pick(&vias);
        (self.clients[c].contacts[who].id.clone(), via)
    }

    /// Puts each record's sign-offs in the order their commits add them.
    pub fn order_entries(&mut self, commits: &[Commit]) {
        let mut new_order: Vec<Vec<usize>> = vec![Vec::new(); self.recs.len()];
        for c in commits {
            for it in &c.items {
                if let Item::Ev(i) = it
                    && let Act::Sign { first, n, .. } = self.events[*i].act
                {
                    let rec = self.events[*i].rec;
                    new_order[rec].extend(first..first + n);
                }
            }
        }
        for (ri, order) in new_order.into_iter().enumerate() {
            if order.is_empty() {
                continue;
            }
            let old = std::mem::take(&mut self.recs[ri].entries);
            self.recs[ri].entries = order.into_iter().map(|i| old[i].clone()).collect();
        }
    }

    pub fn sign_all(&mut self) {
        let digests: Vec<Option<String>> = self
            .recs
            .par_iter()
            .map(|rec| {
                if rec.entries.is_empty() {
                    return None;
                }
                let text = rec.render(rec.alts.len(), 0, rec.status_final);
                Some(digest_of(&rec.path, text))
            })
            .collect();
        for (rec, d) in self.recs.iter_mut().zip(digests) {
            if let Some(d) = d {
                rec.entry_yaml = rec.entries.iter().map(|e| entry_yaml(e, &d)).collect();
                rec.digest = d;
            }
        }
    }
}
