//! The weekly client report: what a client needs on Monday, from its [`ClientScope`]
//! alone.

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use crate::model::records::OrderStatus;
use crate::view::PersonView;
use crate::view::client::{
    ActionView, ClientScope, InvoiceView, MeetingView, OrderView, OwedView, Reporting,
};

pub(crate) use crate::model::values::Week;

/// How many days ahead "coming up" looks for timetable items, after this week.
const LOOKAHEAD_DAYS: i64 = 14;

#[derive(Clone, Debug, Serialize)]
pub(crate) struct OverdueAction {
    #[serde(flatten)]
    pub action: ActionView,
    pub days_late: i64,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct OutstandingInvoice {
    #[serde(flatten)]
    pub invoice: InvoiceView,
    /// Days past due on the report day; 0 when not yet due.
    pub days_overdue: i64,
}

/// When a report is: the week, its dates, and the moment it is dated. Shared by the
/// client and internal reports (flattened into both, so templates say `{{ week }}`).
#[derive(Clone, Debug, Serialize)]
pub(crate) struct Dated {
    pub week: String,
    /// `2026-11-23` .. `2026-11-29`.
    pub week_start: String,
    pub week_end: String,
    /// The report's day and time: `2026-11-23 12:00`, and the zone's name.
    pub dated: String,
    pub timezone: String,
}

impl Dated {
    fn new(week: Week, config: &Reporting) -> Dated {
        let monday = week.monday();
        Dated {
            week: week.label(),
            week_start: monday.to_string(),
            week_end: (monday + Duration::days(6)).to_string(),
            dated: format!(
                "{} {}",
                week.report_day(config.report_day),
                config.report_time.format("%H:%M")
            ),
            timezone: config.timezone.name(),
        }
    }
}

/// Everything a weekly report shows, ready for a template.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct WeeklyReport {
    pub agency: String,
    pub client: String,
    pub client_id: String,
    #[serde(flatten)]
    pub when: Dated,
    pub ae: Option<PersonView>,
    pub supervisor: Option<PersonView>,
    /// Who the report is addressed to: the client's signing contacts.
    pub to: Vec<PersonView>,
    /// The report's moment: its day and time in the workspace timezone.
    #[serde(skip)]
    pub sent_at: Option<chrono::DateTime<chrono::FixedOffset>>,
    pub last_week_start: String,
    pub last_week_end: String,
    pub meetings: Vec<MeetingView>,
    pub due_this_week: Vec<ActionView>,
    pub overdue: Vec<OverdueAction>,
    pub orders: Vec<OrderView>,
    pub coming_up: Vec<ActionView>,
    pub owed: Vec<OwedView>,
    pub invoices: Vec<OutstandingInvoice>,
    /// What changed in the client's records last week, from git history; `None` where
    /// the workspace has no history to read (the section is left out).
    pub since_last_week: Option<Vec<ChangedRecord>>,
}

/// One record's changes last week, as the client's change log says them.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct ChangedRecord {
    pub record: String,
    pub changes: Vec<String>,
}

impl WeeklyReport {
    /// Adds the "since last week" section from `log`, a change log made for this client
    /// (`history::log::View::Client`): its commits of last week, Monday to Sunday by commit
    /// date, whatever came after.
    pub(crate) fn with_changes(mut self, log: &crate::history::ChangeLog) -> WeeklyReport {
        let in_week = |day: NaiveDate| {
            day.to_string() >= self.last_week_start && day.to_string() <= self.last_week_end
        };
        let changed = log
            .records
            .iter()
            .filter_map(|r| {
                let changes: Vec<String> = r
                    .changes
                    .iter()
                    .filter(|e| log.commits.get(e.commit).is_some_and(|c| in_week(c.day)))
                    .flat_map(|e| e.events.iter().map(crate::history::Event::describe))
                    .collect();
                let record = match r.label.is_empty() {
                    true => r.path.rsplit('/').next().unwrap_or("").to_string(),
                    false => r.label.clone(),
                };
                (!changes.is_empty()).then_some(ChangedRecord { record, changes })
            })
            .collect();
        self.since_last_week = Some(changed);
        self
    }

    /// The report of `week` for the client of `scope`. Dates are judged on the report
    /// day, so the report says the same whenever it is made.
    pub(crate) fn build(scope: &ClientScope, week: Week) -> WeeklyReport {
        let config = &scope.reporting;
        let monday = week.monday();
        let report_day = week.report_day(config.report_day);
        let sunday = monday + Duration::days(6);
        let last_monday = monday - Duration::days(7);
        let open_actions = || {
            scope
                .meetings
                .iter()
                .flat_map(|m| m.actions.iter())
                .chain(scope.schedules.iter().flat_map(|s| s.items.iter()))
                .filter(|a| a.status == "open")
        };
        let mut due_this_week: Vec<ActionView> = open_actions()
            .filter(|a| a.due_date.is_some_and(|d| d >= monday && d <= sunday))
            .cloned()
            .collect();
        due_this_week.sort_by(|a, b| (a.due_date, &a.task).cmp(&(b.due_date, &b.task)));
        let mut overdue: Vec<OverdueAction> = open_actions()
            .filter(|a| a.due_date.is_some_and(|d| d < monday))
            .map(|a| OverdueAction {
                days_late: a.due_date.map_or(0, |d| (report_day - d).num_days()),
                action: a.clone(),
            })
            .collect();
        overdue.sort_by(|a, b| {
            (a.action.due_date, &a.action.task).cmp(&(b.action.due_date, &b.action.task))
        });
        let horizon = sunday + Duration::days(LOOKAHEAD_DAYS);
        let mut coming_up: Vec<ActionView> = scope
            .schedules
            .iter()
            .flat_map(|s| s.items.iter())
            .filter(|a| a.status == "open")
            .filter(|a| a.due_date.is_some_and(|d| d > sunday && d <= horizon))
            .cloned()
            .collect();
        coming_up.sort_by(|a, b| (a.due_date, &a.task).cmp(&(b.due_date, &b.task)));
        let orders = scope
            .orders
            .iter()
            .filter(|o| {
                matches!(
                    o.status_value,
                    OrderStatus::Approved | OrderStatus::InProgress | OrderStatus::Delivered
                )
            })
            .cloned()
            .collect();
        let invoices = scope
            .invoices
            .iter()
            .filter(|i| i.outstanding && i.issued.is_some())
            .map(|i| OutstandingInvoice {
                days_overdue: i.due_date.map_or(0, |d| (report_day - d).num_days().max(0)),
                invoice: i.clone(),
            })
            .collect();
        WeeklyReport {
            agency: scope.agency.clone(),
            client: scope.name.clone(),
            client_id: scope.id.clone(),
            when: Dated::new(week, config),
            ae: scope.ae.clone(),
            supervisor: scope.supervisor.clone(),
            to: scope.signing_contacts.clone(),
            sent_at: config
                .timezone
                .at_local(&report_day.and_time(config.report_time)),
            last_week_start: last_monday.to_string(),
            last_week_end: (monday - Duration::days(1)).to_string(),
            meetings: scope
                .meetings
                .iter()
                .filter(|m| m.date >= last_monday && m.date < monday)
                .cloned()
                .collect(),
            due_this_week,
            overdue,
            orders,
            coming_up,
            owed: scope.owed.clone(),
            invoices,
            since_last_week: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weeks() {
        let w = Week::parse("2026-W48").unwrap();
        assert_eq!(w.monday().to_string(), "2026-11-23");
        assert_eq!(Week::of(w.monday() + Duration::days(6)), w);
        assert_eq!(w.label(), "2026-W48");
        assert_eq!(
            Week::parse("2026-W01").unwrap().monday().to_string(),
            "2025-12-29"
        );
        assert!(Week::parse("2026-W54").is_err());
        assert!(Week::parse("2026-48").is_err());
    }
}

/// The agency's internal weekly report: the week's dates and the [`AgencyScope`].
#[derive(Clone, Debug, Serialize)]
pub(crate) struct InternalReport {
    #[serde(flatten)]
    pub when: Dated,
    #[serde(flatten)]
    pub scope: crate::view::agency::AgencyScope,
    /// Each active client's weekly report, as the client gets it.
    pub weekly: Vec<WeeklyReport>,
}

impl InternalReport {
    pub(crate) fn build(ws: &crate::link::Workspace, week: Week) -> InternalReport {
        let config = Reporting::of(&ws.config);
        let report_day = week.report_day(config.report_day);
        InternalReport {
            when: Dated::new(week, &config),
            scope: crate::view::agency::AgencyScope::build(ws, report_day),
            weekly: ws
                .active_clients()
                .map(|ci| {
                    let scope = crate::view::client::ClientScope::build(ws, ci, report_day);
                    WeeklyReport::build(&scope, week)
                })
                .collect(),
        }
    }
}
