//! The agency's own weekly view, across every client: costs against budget, money owed
//! (AR aging and dunning), sign-offs owed by person, overdue actions by owner. Internal:
//! never rendered into anything a client sees.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::link::Workspace;
use crate::model::records::kind_name;
use crate::model::records::{ActionStatus, Data, OrderStatus};
use crate::model::values::Choice;
use crate::model::values::format_money;
use crate::view::pending;

#[derive(Clone, Debug, Serialize)]
pub(crate) struct AgencyScope {
    pub agency: String,
    pub clients: Vec<ClientSection>,
    /// AR aging of the whole agency, per currency.
    pub aging: Vec<Aging>,
    pub dunning: Vec<Dun>,
    pub pending: Vec<PendingGroup>,
    pub overdue: Vec<OwnerGroup>,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct ClientSection {
    pub name: String,
    pub id: String,
    pub orders: Vec<OrderCost>,
    pub aging: Vec<Aging>,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct OrderCost {
    /// The work order's workspace path.
    pub file: String,
    pub number: String,
    pub title: String,
    pub status: String,
    pub budget: Option<String>,
    pub costs: String,
    /// Costs as a share of the budget, `72%`; none without a budget.
    pub used: Option<String>,
    pub over: bool,
    #[serde(skip)]
    pub status_value: OrderStatus,
    #[serde(skip)]
    pub amounts: (Option<Decimal>, Decimal),
}

/// Unpaid balances by how long past due they are, on the report day.
#[derive(Clone, Debug, Default, Serialize)]
pub(crate) struct Aging {
    pub currency: String,
    pub current: String,
    pub days_1_30: String,
    pub days_31_60: String,
    pub days_61_plus: String,
    pub total: String,
    /// The buckets as numbers, for charts.
    #[serde(skip)]
    pub values: [Decimal; 4],
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct Dun {
    pub client: String,
    pub client_id: String,
    /// The invoice's workspace path.
    pub file: String,
    pub number: String,
    pub balance: String,
    pub due: String,
    pub days: i64,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct PendingGroup {
    pub who: String,
    pub items: Vec<PendingItem>,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct PendingItem {
    pub file: String,
    /// The record's client id; none for internal records.
    pub client_id: Option<String>,
    pub record: String,
    pub kind: String,
    pub stage: String,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct OwnerGroup {
    pub owner: String,
    pub items: Vec<OverdueItem>,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct OverdueItem {
    pub task: String,
    pub due: String,
    pub days_late: i64,
    /// The client's name, or the agency's for internal meetings.
    pub client: String,
    pub client_id: Option<String>,
    pub source: String,
    /// The workspace path of the meeting or timetable it comes from.
    pub file: String,
}

/// Buckets of unpaid balances: current, 1-30, 31-60, 61+ days past due.
#[derive(Default)]
struct Buckets([Decimal; 4]);

impl Buckets {
    fn add(&mut self, days_past_due: i64, amount: Decimal) {
        let i = match days_past_due {
            d if d <= 0 => 0,
            1..=30 => 1,
            31..=60 => 2,
            _ => 3,
        };
        self.0[i] += amount;
    }

    fn view(&self, currency: &str) -> Aging {
        let m = |d: Decimal| format_money(d, currency);
        Aging {
            currency: currency.to_string(),
            current: m(self.0[0]),
            days_1_30: m(self.0[1]),
            days_31_60: m(self.0[2]),
            days_61_plus: m(self.0[3]),
            total: m(self.0.iter().copied().sum()),
            values: self.0,
        }
    }
}

impl AgencyScope {
    /// Everything the agency reviews on `day` (the report day).
    pub(crate) fn build(ws: &Workspace, day: NaiveDate) -> AgencyScope {
        let terms = ws.config.payment_terms_days;
        let mut all_aging: BTreeMap<String, Buckets> = BTreeMap::new();
        let mut dunning = Vec::new();
        let mut overdue: BTreeMap<String, Vec<OverdueItem>> = BTreeMap::new();
        let mut clients = Vec::new();
        for (ci, client) in ws.clients.iter().enumerate() {
            let mut orders = Vec::new();
            let mut aging: BTreeMap<String, Buckets> = BTreeMap::new();
            for record in ws.records_of(ci) {
                match &record.parsed.data {
                    Data::Order(o) => {
                        let currency = o.currency(&ws.config.currency).to_string();
                        let costs = o.cost_total();
                        let budget = o.budget.as_ref().map(|b| b.amount.value);
                        let used = budget
                            .filter(|b| !b.is_zero())
                            .map(|b| format!("{}%", (costs * Decimal::from(100) / b).round()));
                        orders.push(OrderCost {
                            file: ws.path(record.file).to_string(),
                            number: o.number.as_ref().map_or(String::new(), |n| n.value.clone()),
                            title: o.title.as_ref().map_or(String::new(), |t| t.value.clone()),
                            status: o.status().as_str().replace('_', " "),
                            budget: budget.map(|b| format_money(b, &currency)),
                            costs: format_money(costs, &currency),
                            used,
                            over: budget.is_some_and(|b| costs > b),
                            status_value: o.status(),
                            amounts: (budget, costs),
                        });
                    }
                    Data::Invoice(i) => {
                        let balance = i.total() - i.paid_total();
                        if balance <= Decimal::ZERO || i.issued.is_none() {
                            continue;
                        }
                        let c = i.currency.value.clone();
                        let days = i.due_date(terms).map_or(0, |d| (day - d).num_days());
                        aging.entry(c.clone()).or_default().add(days, balance);
                        all_aging.entry(c.clone()).or_default().add(days, balance);
                        if days > 0 {
                            dunning.push(Dun {
                                client: client.name().to_string(),
                                client_id: client.id.clone(),
                                file: ws.path(record.file).to_string(),
                                number: i
                                    .number
                                    .as_ref()
                                    .map_or(String::new(), |n| n.value.clone()),
                                balance: format_money(balance, &c),
                                due: i.due_date(terms).map_or(String::new(), |d| d.to_string()),
                                days,
                            });
                        }
                    }
                    _ => {}
                }
            }
            clients.push(ClientSection {
                name: client.name().to_string(),
                id: client.id.clone(),
                orders,
                aging: aging.iter().map(|(c, b)| b.view(c)).collect(),
            });
        }
        for record in &ws.records {
            let (items, source) = match &record.parsed.data {
                Data::Minutes(m) => (&m.actions, m.title.as_ref()),
                Data::Schedule(s) => (&s.items, s.title.as_ref()),
                _ => continue,
            };
            let client = ws
                .client_of(record)
                .map_or(ws.config.agency.clone(), |c| c.name().to_string());
            for a in items {
                let open = a
                    .status
                    .as_ref()
                    .is_none_or(|s| s.value == ActionStatus::Open);
                let Some(due) = a.due.as_ref().map(|d| d.value) else {
                    continue;
                };
                if !open || due >= day {
                    continue;
                }
                let owner = a.owner.as_ref().map_or(String::new(), |o| {
                    format!("{} ({})", ws.person_name(&o.value), o.value)
                });
                overdue.entry(owner).or_default().push(OverdueItem {
                    task: a.task.as_ref().map_or(String::new(), |t| t.value.clone()),
                    due: due.to_string(),
                    days_late: (day - due).num_days(),
                    client: client.clone(),
                    client_id: ws.client_of(record).map(|c| c.id.clone()),
                    source: source.map_or(String::new(), |t| t.value.clone()),
                    file: ws.path(record.file).to_string(),
                });
            }
        }
        dunning.sort_by(|a, b| {
            (std::cmp::Reverse(a.days), &a.number).cmp(&(std::cmp::Reverse(b.days), &b.number))
        });
        let pending = pending::collect(ws, day)
            .into_iter()
            .map(|((_, who), items)| PendingGroup {
                who,
                items: items
                    .iter()
                    .map(|o| PendingItem {
                        file: ws.path(o.record.file).to_string(),
                        client_id: ws.client_of(o.record).map(|c| c.id.clone()),
                        record: o.record.label(),
                        kind: kind_name(o.record.parsed.kind).to_string(),
                        stage: o.req.stage.as_str().to_string(),
                    })
                    .collect(),
            })
            .collect();
        AgencyScope {
            agency: ws.config.agency.clone(),
            clients,
            aging: all_aging.iter().map(|(c, b)| b.view(c)).collect(),
            dunning,
            pending,
            overdue: overdue
                .into_iter()
                .map(|(owner, mut items)| {
                    items.sort_by(|a, b| (&a.due, &a.task).cmp(&(&b.due, &b.task)));
                    OwnerGroup { owner, items }
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aging_buckets_have_their_edges_where_finance_puts_them() {
        let mut b = Buckets::default();
        for (days, amount) in [
            (-5, 1),
            (0, 2),
            (1, 4),
            (30, 8),
            (31, 16),
            (60, 32),
            (61, 64),
            (400, 128),
        ] {
            b.add(days, Decimal::from(amount));
        }
        let v = b.view("CNY");
        assert_eq!(v.current, "CNY 3.00");
        assert_eq!(v.days_1_30, "CNY 12.00");
        assert_eq!(v.days_31_60, "CNY 48.00");
        assert_eq!(v.days_61_plus, "CNY 192.00");
        assert_eq!(v.total, "CNY 255.00");
    }
}
