//! A client's portal, from its [`ClientScope`] alone: the function below cannot reach
//! the workspace, so nothing of another client and nothing internal is within reach of
//! its templates. Paths are the client's own (`minutes/…`, `orders/…`), under the portal's
//! root.

use std::cell::RefCell;
use std::collections::BTreeSet;

use chrono::NaiveDate;
use minijinja::Environment;
use serde::Serialize;

use super::{Content, Files, page, page_of, root_of, url};
use crate::check::rules::link_outside;
use crate::error::Error;
use crate::render::markdown::{self, Href};
use crate::render::weekly::{Week, WeeklyReport};
use crate::view::client::{ActionView, ClientScope, MeetingView, OrderView, ScheduleView};

/// What every portal page knows.
#[derive(Clone, Debug, Serialize)]
struct Frame<'a> {
    root: String,
    agency: &'a str,
    client: &'a str,
    today: String,
    /// The page's place in the navigation: `overview`, `orders`, `meetings`, `timetables`.
    section: &'static str,
}

#[derive(Serialize)]
struct IndexPage<'a> {
    #[serde(flatten)]
    frame: Frame<'a>,
    scope: &'a ClientScope,
    week: &'a WeeklyReport,
    /// Meetings newest first, with their pages.
    meetings: Vec<Linked<&'a MeetingView>>,
    orders: Vec<Linked<&'a OrderView>>,
    schedules: Vec<Linked<&'a ScheduleView>>,
    /// Open actions and timetable items still to come, soonest first.
    upcoming: Vec<ActionView>,
}

#[derive(Serialize)]
struct Linked<T> {
    page: String,
    #[serde(flatten)]
    item: T,
}

impl<T> Linked<T> {
    /// `item`, with the URL of its page (from the portal's root) for `source`.
    fn new(source: &str, item: T) -> Self {
        Linked {
            page: url(&page_of(source)),
            item,
        }
    }
}

#[derive(Serialize)]
struct MeetingPage<'a> {
    #[serde(flatten)]
    frame: Frame<'a>,
    meeting: &'a MeetingView,
    body: String,
}

#[derive(Serialize)]
struct OrderPage<'a> {
    #[serde(flatten)]
    frame: Frame<'a>,
    order: &'a OrderView,
    steps: Vec<Step>,
    /// Timetable items that name this work order.
    items: Vec<ActionView>,
}

#[derive(Serialize)]
struct Step {
    name: &'static str,
    /// `done`, `current` or `todo`.
    state: &'static str,
}

#[derive(Serialize)]
struct SchedulePage<'a> {
    #[serde(flatten)]
    frame: Frame<'a>,
    schedule: &'a ScheduleView,
    timeline: Vec<Placed>,
}

#[derive(Serialize)]
struct Placed {
    #[serde(flatten)]
    item: ActionView,
    /// `done`, `late`, `soon` (within a week) or `later`.
    state: &'static str,
}

/// Every file of `scope`'s portal, by path under the portal's root.
pub(crate) fn render(
    scope: &ClientScope,
    env: &Environment<'_>,
    today: NaiveDate,
) -> Result<Files, Error> {
    let frame = |path: &str, section| Frame {
        root: root_of(path),
        agency: &scope.agency,
        client: &scope.name,
        today: today.to_string(),
        section,
    };
    let pages: BTreeSet<String> = scope
        .meetings
        .iter()
        .map(|m| m.source.clone())
        .chain(scope.orders.iter().map(|o| o.source.clone()))
        .chain(scope.schedules.iter().map(|s| s.source.clone()))
        .collect();
    let linked = RefCell::new(BTreeSet::new());
    let mut files = super::assets(env)?;

    let week = WeeklyReport::build(scope, Week::of(today));
    let mut upcoming: Vec<ActionView> = scope
        .meetings
        .iter()
        .flat_map(|m| m.actions.iter())
        .chain(scope.schedules.iter().flat_map(|s| s.items.iter()))
        .filter(|a| a.status == "open" && a.due_date.is_some_and(|d| d >= today))
        .cloned()
        .collect();
    upcoming.sort_by(|a, b| (a.due_date, &a.task).cmp(&(b.due_date, &b.task)));
    upcoming.truncate(12);
    let mut meetings: Vec<Linked<&MeetingView>> = scope
        .meetings
        .iter()
        .map(|m| Linked::new(&m.source, m))
        .collect();
    meetings.reverse();
    files.push((
        "index.html".to_string(),
        page(
            env,
            "site/portal/index.html",
            IndexPage {
                frame: frame("index.html", "overview"),
                scope,
                week: &week,
                meetings,
                orders: scope
                    .orders
                    .iter()
                    .map(|o| Linked::new(&o.source, o))
                    .collect(),
                schedules: scope
                    .schedules
                    .iter()
                    .map(|s| Linked::new(&s.source, s))
                    .collect(),
                upcoming,
            },
        )?,
    ));

    for m in &scope.meetings {
        let path = page_of(&m.source);
        let root = root_of(&path);
        let resolve = |dest: &str| -> Href {
            if dest.starts_with('#') {
                return Href::To(dest.to_string());
            }
            let fragment = dest.find('#').map_or("", |i| &dest[i..]);
            match link_outside::resolve(&m.source, dest) {
                Ok(Some(target)) if pages.contains(&target) => {
                    Href::To(format!("{root}{}{fragment}", url(&page_of(&target))))
                }
                Ok(Some(target)) if scope.files.contains(&target) => {
                    let href = format!("{root}{}{fragment}", url(&published(scope, &target)));
                    linked.borrow_mut().insert(target);
                    Href::To(href)
                }
                _ => Href::Text,
            }
        };
        let body = markdown::to_html(&m.body, &resolve);
        files.push((
            path.clone(),
            page(
                env,
                "site/portal/meeting.html",
                MeetingPage {
                    frame: frame(&path, "meetings"),
                    meeting: m,
                    body,
                },
            )?,
        ));
    }

    for o in &scope.orders {
        let path = page_of(&o.source);
        let items = scope
            .schedules
            .iter()
            .flat_map(|s| s.items.iter())
            .filter(|a| a.order.as_deref() == Some(o.number.as_str()))
            .cloned()
            .collect();
        files.push((
            path.clone(),
            page(
                env,
                "site/portal/order.html",
                OrderPage {
                    frame: frame(&path, "orders"),
                    order: o,
                    steps: steps(o),
                    items,
                },
            )?,
        ));
    }

    for s in &scope.schedules {
        let path = page_of(&s.source);
        let mut timeline: Vec<Placed> = s
            .items
            .iter()
            .map(|a| Placed {
                state: crate::view::record::place(&a.status, a.due_date, today),
                item: a.clone(),
            })
            .collect();
        timeline
            .sort_by(|a, b| (a.item.due_date, &a.item.task).cmp(&(b.item.due_date, &b.item.task)));
        files.push((
            path.clone(),
            page(
                env,
                "site/portal/schedule.html",
                SchedulePage {
                    frame: frame(&path, "timetables"),
                    schedule: s,
                    timeline,
                },
            )?,
        ));
    }

    files.push((
        "calendar.ics".to_string(),
        Content::Text(super::exports::client_calendar(scope, today)),
    ));
    for path in linked.into_inner() {
        let content = super::attachment_at(
            scope.at.as_deref(),
            &scope.folder.join(&path),
            &format!("clients/{}/{path}", scope.id),
        )?;
        files.push((published(scope, &path), content));
    }
    Ok(files)
}

/// Where a portal publishes the attachment at `path` in the client's folder (see
/// [`super::published_path`]).
fn published(scope: &ClientScope, path: &str) -> String {
    super::published_path(
        scope.at.as_deref(),
        &scope.folder.join(path),
        &format!("clients/{}/{path}", scope.id),
        path,
        &|p| scope.files.contains(p),
    )
}

/// A work order's progress through its statuses.
fn steps(o: &OrderView) -> Vec<Step> {
    use crate::model::records::OrderStatus as S;
    let names = [
        (S::Draft, "draft"),
        (S::Approved, "approved"),
        (S::InProgress, "in progress"),
        (S::Delivered, "delivered"),
        (S::Closed, "closed"),
    ];
    if o.status_value == S::Cancelled {
        return vec![Step {
            name: "cancelled",
            state: "current",
        }];
    }
    let at = names
        .iter()
        .position(|(s, _)| *s == o.status_value)
        .unwrap_or(0);
    names
        .iter()
        .enumerate()
        .map(|(i, (_, name))| Step {
            name,
            state: match i.cmp(&at) {
                std::cmp::Ordering::Less => "done",
                std::cmp::Ordering::Equal => "current",
                std::cmp::Ordering::Greater => "todo",
            },
        })
        .collect()
}
