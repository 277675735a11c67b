//! Comparing two versions of one record into [`Event`]s: the status first, then the
//! fields in name order, the sign-offs, and the body section by section.

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};

use super::fields::{Node, Shown, Ty, item_name, key, show, show_item, ty};
use super::version::{Content, Section};
use super::{Event, SectionChange};

/// Whether a sign-off that stopped holding is said even when nothing shown changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Stale {
    /// Always: the agency's log (a value rewritten, `36000` as `36,000.00`, breaks the
    /// digest without changing the amount).
    Always,
    /// Only with a change that is shown: a client's log, built from client views, where
    /// an edit of something internal changes nothing the client sees.
    WithShownChange,
}

/// What changed from `old` to `new` (both readable versions of one record). `name`
/// names people by id.
pub(crate) fn compare(
    old: &Content,
    new: &Content,
    name: &dyn Fn(&str) -> String,
    stale: Stale,
) -> Vec<Event> {
    let how = (
        Shown {
            currency: &old.currency,
            name,
        },
        Shown {
            currency: &new.currency,
            name,
        },
    );
    let mut out = Vec::new();
    if old.status != new.status {
        out.push(Event::Status {
            from: old.status.clone(),
            to: new.status.clone(),
        });
    }
    let names: BTreeSet<&String> = old.fields.keys().chain(new.fields.keys()).collect();
    for n in names {
        field(n, n, old.fields.get(n), new.fields.get(n), &how, &mut out);
    }
    let mut shown = Vec::new();
    sections(&old.sections, &new.sections, &mut shown);
    let changed = !out.is_empty() || !shown.is_empty();
    signoffs(old, new, name, stale == Stale::Always || changed, &mut out);
    out.extend(shown);
    out
}

type Pair<'a> = (Shown<'a>, Shown<'a>);

fn field(
    path: &str,
    name: &str,
    old: Option<&Node>,
    new: Option<&Node>,
    how: &Pair,
    out: &mut Vec<Event>,
) {
    let old = old.filter(|n| **n != Node::Null);
    let new = new.filter(|n| **n != Node::Null);
    match (old, new) {
        (Some(Node::List(a)), Some(Node::List(b))) => list(path, name, a, b, how, out),
        (Some(Node::Map(a)), Some(Node::Map(b))) if ty(name) != Ty::Budget => {
            let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
            for k in keys {
                field(&format!("{path}.{k}"), k, a.get(k), b.get(k), how, out);
            }
        }
        _ => {
            let ko = old.map(|v| key(name, v, how.0.currency));
            let kn = new.map(|v| key(name, v, how.1.currency));
            if ko != kn {
                out.push(Event::Field {
                    field: path.to_string(),
                    old: old.map(|v| show(name, v, &how.0)),
                    new: new.map(|v| show(name, v, &how.1)),
                });
            }
        }
    }
}

/// Lists: items added and removed, and for lists of mappings (actions, cost lines...)
/// the fields that changed in an item found in both, by the item's name.
fn list(path: &str, name: &str, a: &[Node], b: &[Node], how: &Pair, out: &mut Vec<Event>) {
    let mappings = a.iter().chain(b).any(|i| matches!(i, Node::Map(_)));
    let id = |i: &Node, cur: &str| {
        mappings
            .then(|| item_name(name, i))
            .flatten()
            .unwrap_or_else(|| key(name, i, cur))
    };
    let olds: Vec<(String, &Node)> = a.iter().map(|i| (id(i, how.0.currency), i)).collect();
    let news: Vec<(String, &Node)> = b.iter().map(|i| (id(i, how.1.currency), i)).collect();
    let in_old: BTreeMap<&str, &Node> = olds.iter().map(|(k, i)| (k.as_str(), *i)).collect();
    let in_new: BTreeMap<&str, &Node> = news.iter().map(|(k, i)| (k.as_str(), *i)).collect();
    let shown = |i: &Node, how: &Shown| show_item(name, i, how);
    let added: Vec<String> = news
        .iter()
        .filter(|(k, _)| !in_old.contains_key(k.as_str()))
        .map(|(_, i)| shown(i, &how.1))
        .collect();
    let removed: Vec<String> = olds
        .iter()
        .filter(|(k, _)| !in_new.contains_key(k.as_str()))
        .map(|(_, i)| shown(i, &how.0))
        .collect();
    if !added.is_empty() || !removed.is_empty() {
        out.push(Event::Items {
            field: path.to_string(),
            added,
            removed,
        });
    }
    if mappings {
        for (k, new_item) in &news {
            if let Some(old_item) = in_old.get(k.as_str()) {
                let label = match item_name(name, new_item) {
                    Some(n) => format!("{path} \u{201c}{n}\u{201d}"),
                    None => path.to_string(),
                };
                if let (Node::Map(x), Node::Map(y)) = (old_item, new_item) {
                    let keys: BTreeSet<&String> = x.keys().chain(y.keys()).collect();
                    for f in keys {
                        field(&format!("{label}.{f}"), f, x.get(f), y.get(f), how, out);
                    }
                }
            }
        }
    }
}

fn signoffs(
    old: &Content,
    new: &Content,
    name: &dyn Fn(&str) -> String,
    say_stale: bool,
    out: &mut Vec<Event>,
) {
    let id = |s: &super::version::Signoff| (s.by.clone(), s.stage.clone(), s.digest.clone());
    let before: BTreeSet<_> = old.signoffs.iter().map(id).collect();
    let after: BTreeSet<_> = new.signoffs.iter().map(id).collect();
    for s in &new.signoffs {
        if !before.contains(&id(s)) {
            out.push(Event::SignedOff {
                by: name(&s.by),
                stage: s.stage.clone(),
                date: s.date.clone(),
            });
        }
    }
    for s in &old.signoffs {
        if !after.contains(&id(s)) {
            out.push(Event::SignoffRemoved {
                by: name(&s.by),
                stage: s.stage.clone(),
            });
        }
    }
    if say_stale && old.digest != new.digest {
        // Only current sign-offs: a later one by the same person for the same stage
        // replaces an earlier one (`signoff::current`).
        let current = new.signoffs.iter().enumerate().filter(|(i, s)| {
            !new.signoffs[i + 1..]
                .iter()
                .any(|l| l.by == s.by && l.stage == s.stage)
        });
        for (_, s) in current {
            if before.contains(&id(s)) && s.digest == old.digest {
                out.push(Event::Stale {
                    by: name(&s.by),
                    stage: s.stage.clone(),
                });
            }
        }
    }
}

/// Sections are paired by heading: the k-th section under a heading in `new` with the k-th
/// under it in `old` (repeated headings are numbered, so there is almost always one), looked
/// up in a map, so that twenty thousand sections cost no more than twenty thousand lookups.
fn sections(old: &[Section], new: &[Section], out: &mut Vec<Event>) {
    let mut by_heading: HashMap<&str, VecDeque<usize>> = HashMap::new();
    for (i, o) in old.iter().enumerate() {
        by_heading
            .entry(o.heading.as_str())
            .or_default()
            .push_back(i);
    }
    let mut paired = vec![false; old.len()];
    let mut event = |s: &Section, change: SectionChange, added: usize, removed: usize| {
        out.push(Event::Section {
            heading: s.heading.clone(),
            change,
            lines_added: added,
            lines_removed: removed,
            internal: s.internal,
        });
    };
    for s in new {
        let found = by_heading
            .get_mut(s.heading.as_str())
            .and_then(VecDeque::pop_front);
        match found {
            None => event(s, SectionChange::Added, lines(&s.text).len(), 0),
            Some(i) => {
                paired[i] = true;
                let o = &old[i];
                if o.text != s.text || o.internal != s.internal {
                    let (added, removed) = line_changes(&o.text, &s.text);
                    event(s, SectionChange::Edited, added, removed);
                }
            }
        }
    }
    for (o, _) in old.iter().zip(&paired).filter(|(_, p)| !**p) {
        event(o, SectionChange::Removed, 0, lines(&o.text).len());
    }
}

fn lines(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty())
        .collect()
}

/// Lines of `new` not in `old`, and of `old` not in `new` (as multisets: a repeated line
/// counts each time).
fn line_changes(old: &str, new: &str) -> (usize, usize) {
    let mut count: BTreeMap<&str, isize> = BTreeMap::new();
    for l in lines(old) {
        *count.entry(l).or_default() -= 1;
    }
    for l in lines(new) {
        *count.entry(l).or_default() += 1;
    }
    let added = count.values().filter(|&&c| c > 0).sum::<isize>();
    let removed = -count.values().filter(|&&c| c < 0).sum::<isize>();
    (added as usize, removed as usize)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::version::Version;
    use crate::model::settings::Config;

    fn content(text: &str) -> Content {
        Version::read(
            "clients/acme/orders/WO-2026-0001.md",
            text.as_bytes(),
            &Config::default(),
        )
        .unwrap()
        .content
        .unwrap()
    }

    fn name(id: &str) -> String {
        match id {
            "li-wei" => "Li Wei".into(),
            "chen" => "Chen Jing".into(),
            other => other.into(),
        }
    }

    #[test]
    fn says_what_changed_in_typed_terms() {
        let before = "---\nnumber: WO-2026-0001\ntitle: Launch\nstatus: draft\nbudget: { amount: 36000, currency: CNY }\nteam: [li-wei]\nsignoffs:\n  - { by: chen, stage: approved, date: 2026-11-02, digest: DIGEST }\n---\n## Brief\n\nOne.\n\n## Internal\n\nMargin 20%.\n";
        // Sign-offs are not part of the digest, so the placeholder does not change it.
        let digest = content(before).digest;
        let fix = |t: &str| t.replace("DIGEST", &digest);
        let old = content(&fix(before));
        let new = content(&fix(
            "---\nnumber: WO-2026-0001\ntitle: Launch\nstatus: approved\nbudget: { amount: '48,000.00', currency: CNY }\nteam: [li-wei, chen]\nsignoffs:\n  - { by: chen, stage: approved, date: 2026-11-02, digest: DIGEST }\n  - { by: li-wei, stage: approved, date: 2026-11-03, digest: other }\n---\n## Brief\n\nOne.\n\n## Internal\n\nMargin 25%.\n",
        ));
        let events = compare(&old, &new, &name, Stale::Always);
        assert_eq!(
            events,
            vec![
                Event::Status {
                    from: Some("draft".into()),
                    to: Some("approved".into())
                },
                Event::Field {
                    field: "budget".into(),
                    old: Some("CNY 36,000.00".into()),
                    new: Some("CNY 48,000.00".into())
                },
                Event::Items {
                    field: "team".into(),
                    added: vec!["Chen Jing".into()],
                    removed: vec![]
                },
                Event::SignedOff {
                    by: "Li Wei".into(),
                    stage: "approved".into(),
                    date: "2026-11-03".into()
                },
                Event::Stale {
                    by: "Chen Jing".into(),
                    stage: "approved".into()
                },
                Event::Section {
                    heading: "Internal".into(),
                    change: SectionChange::Edited,
                    lines_added: 1,
                    lines_removed: 1,
                    internal: true
                },
            ]
        );
    }

    #[test]
    fn a_sign_off_signed_again_is_not_stale() {
        let base = "---\ntitle: A\nbudget: { amount: 1, currency: CNY }\n---\n";
        let d1 = content(base).digest;
        let d2 = content(&base.replace("amount: 1", "amount: 2")).digest;
        let old = content(&format!(
            "---\ntitle: A\nbudget: {{ amount: 1, currency: CNY }}\nsignoffs: [{{ by: chen, stage: approved, date: 2026-11-02, digest: {d1} }}]\n---\n"
        ));
        let new = |again: &str| {
            content(&format!(
                "---\ntitle: A\nbudget: {{ amount: 2, currency: CNY }}\nsignoffs: [{{ by: chen, stage: approved, date: 2026-11-02, digest: {d1} }}{again}]\n---\n"
            ))
        };
        let stale = |c: &Content| {
            compare(&old, c, &name, Stale::Always)
                .iter()
                .filter(|e| matches!(e, Event::Stale { .. }))
                .count()
        };
        assert_eq!(stale(&new("")), 1);
        let again = format!(", {{ by: chen, stage: approved, date: 2026-11-03, digest: {d2} }}");
        assert_eq!(stale(&new(&again)), 0);
    }

    #[test]
    fn same_meaning_is_no_change() {
        let a = content(
            "---\ntitle: A\nbudget: { amount: 36000, currency: CNY }\ndue: 2026-11-30\n---\nText.\n",
        );
        let b = content(
            "---\ndue: '2026-11-30'\nbudget:\n  currency: CNY\n  amount: \"36,000.00\"\ntitle: \"A\"\n---\n\nText.\n\n",
        );
        assert_eq!(compare(&a, &b, &name, Stale::Always), vec![]);
    }

    #[test]
    fn list_items_are_followed_by_name() {
        let a = content(
            "---\nactions:\n  - { task: Brief, owner: li-wei, due: 2026-11-20 }\n  - { task: Quote, owner: chen }\n---\n",
        );
        let b = content(
            "---\nactions:\n  - { task: Brief, owner: li-wei, due: 2026-11-27, status: done }\n  - { task: Shoot, owner: chen }\n---\n",
        );
        let fields: Vec<String> = compare(&a, &b, &name, Stale::Always)
            .into_iter()
            .map(|e| format!("{e:?}"))
            .collect();
        assert_eq!(fields.len(), 3, "{fields:#?}");
        assert!(
            fields[0].contains("Shoot") && fields[0].contains("Quote"),
            "{}",
            fields[0]
        );
        assert!(
            fields[1].contains("actions \u{201c}Brief\u{201d}.due"),
            "{}",
            fields[1]
        );
        assert!(
            fields[2].contains("actions \u{201c}Brief\u{201d}.status"),
            "{}",
            fields[2]
        );
    }
}
