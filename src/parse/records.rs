//! Reading typed records (parse stage): clients, minutes, work orders, schedules and
//! invoices, from their front matter, with a span on every value.

use chrono::NaiveDate;

use super::fields::{Fields, Reader};
use super::yaml::Value;
use crate::model::problem::{InvalidStage, Problem};
use crate::model::records::*;
use crate::model::settings::Config;
use crate::model::values::Sp;
use crate::source::Span;

/// Reads a record's typed fields from its front matter. `open` is the opening `---`.
pub(crate) fn read(
    kind: RecordKind,
    front: &Value,
    open: Span,
    config: &Config,
    problems: &mut Vec<Problem>,
) -> Option<Data> {
    let mut r = Reader::new(problems, &config.timezone);
    let mut f = r.fields(front, "the front matter", Some(open))?;
    let what = match kind {
        RecordKind::Client => "a client",
        RecordKind::Minutes => "minutes",
        RecordKind::Order => "a work order",
        RecordKind::Schedule => "a timetable",
        RecordKind::Invoice => "an invoice",
    };
    let data = match kind {
        RecordKind::Client => Data::Client(read_client(&mut r, &mut f)),
        RecordKind::Minutes => Data::Minutes(read_minutes(&mut r, &mut f, kind)),
        RecordKind::Order => Data::Order(read_order(&mut r, &mut f, config, kind)),
        RecordKind::Schedule => Data::Schedule(read_schedule(&mut r, &mut f, kind)),
        RecordKind::Invoice => Data::Invoice(read_invoice(&mut r, &mut f, config, kind)),
    };
    // `type:` is read by the caller; mark it as known here.
    r.finish(f, known_fields(kind), what);
    Some(data)
}

fn text(r: &mut Reader, f: &mut Fields, name: &str) -> Option<Sp<String>> {
    r.get(f, name).and_then(|v| r.text(v, name))
}

fn req_text(r: &mut Reader, f: &mut Fields, name: &str, what: &str) -> Option<Sp<String>> {
    r.required(f, name, what).and_then(|v| r.text(v, name))
}

fn date(r: &mut Reader, f: &mut Fields, name: &str) -> Option<Sp<NaiveDate>> {
    r.get(f, name).and_then(|v| r.date(v, name))
}

fn texts(r: &mut Reader, f: &mut Fields, name: &str) -> Vec<Sp<String>> {
    r.get(f, name)
        .map(|v| r.text_list(v, name))
        .unwrap_or_default()
}

fn flag(r: &mut Reader, f: &mut Fields, name: &str) -> bool {
    r.get(f, name)
        .and_then(|v| r.boolean(v, name))
        .map(|b| b.value)
        .unwrap_or(false)
}

fn read_client(r: &mut Reader, f: &mut Fields) -> ClientInfo {
    let name = req_text(r, f, "name", "a client");
    let aliases = texts(r, f, "aliases");
    let brand_agent = flag(r, f, "brand_agent");
    let ae = req_text(r, f, "ae", "a client");
    let supervisor = text(r, f, "supervisor");
    let status = r
        .get(f, "status")
        .and_then(|v| r.choice::<ClientStatus>(v, "status"))
        .map(|s| s.value)
        .unwrap_or(ClientStatus::Active);
    let since = date(r, f, "since");
    let portal = flag(r, f, "portal");
    let mut contacts = Vec::new();
    if let Some(v) = r.get(f, "contacts") {
        for item in r.list(v, "contacts") {
            let Some(mut c) = r.fields(item, "contacts", None) else {
                continue;
            };
            let id = req_text(r, &mut c, "id", "a contact");
            let name = req_text(r, &mut c, "name", "a contact");
            let role = text(r, &mut c, "role").map(|t| t.value);
            let email = r.get(&mut c, "email").and_then(|v| r.email(v, "email"));
            let phone = text(r, &mut c, "phone").map(|t| t.value);
            let can_sign = flag(r, &mut c, "can_sign");
            r.finish(c, nested_fields("contacts"), "a contact");
            if let (Some(id), Some(name)) = (id, name) {
                contacts.push(Contact {
                    id,
                    name,
                    role,
                    email,
                    phone,
                    can_sign,
                });
            }
        }
    }
    ClientInfo {
        name,
        aliases,
        brand_agent,
        ae,
        supervisor,
        status,
        since,
        portal,
        contacts,
    }
}

fn read_signoffs(r: &mut Reader, f: &mut Fields, kind: RecordKind) -> Vec<SignOff> {
    let mut out = Vec::new();
    let Some(v) = r.get(f, "signoffs") else {
        return out;
    };
    for item in r.list(v, "signoffs") {
        let Some(mut s) = r.fields(item, "signoffs", None) else {
            continue;
        };
        let by = req_text(r, &mut s, "by", "a sign-off");
        let stage = r
            .required(&mut s, "stage", "a sign-off")
            .and_then(|v| r.choice::<Stage>(v, "stage"));
        let date = r
            .required(&mut s, "date", "a sign-off")
            .and_then(|v| r.date(v, "date"));
        let via = r.get(&mut s, "via").and_then(|v| r.choice::<Via>(v, "via"));
        let digest = req_text(r, &mut s, "digest", "a sign-off");
        let note = text(r, &mut s, "note").map(|t| t.value);
        r.finish(s, nested_fields("signoffs"), "a sign-off");
        if let Some(st) = &stage
            && !kind.stages().contains(&st.value)
        {
            r.problems.push(
                InvalidStage {
                    at: st.span,
                    stage: st.value,
                    kind,
                }
                .into(),
            );
        }
        if let (Some(by), Some(stage), Some(date)) = (by, stage, date) {
            out.push(SignOff {
                by,
                stage,
                date,
                via,
                digest,
                note,
                span: item.span,
            });
        }
    }
    out
}

fn read_action(r: &mut Reader, item: &Value, field: &str, timetable: bool) -> Option<Action> {
    let mut a = r.fields(item, field, None)?;
    let what = if timetable {
        "a timetable item"
    } else {
        "an action"
    };
    let task = req_text(r, &mut a, "task", what);
    let owner = req_text(r, &mut a, "owner", what);
    let due = if timetable {
        r.required(&mut a, "due", what)
            .and_then(|v| r.date(v, "due"))
    } else {
        date(r, &mut a, "due")
    };
    let status = r
        .get(&mut a, "status")
        .and_then(|v| r.choice::<ActionStatus>(v, "status"));
    let done = date(r, &mut a, "done");
    let order = if timetable {
        text(r, &mut a, "order")
    } else {
        None
    };
    let known = nested_fields(if timetable { "items" } else { "actions" });
    r.finish(a, known, what);
    Some(Action {
        task,
        owner,
        due,
        status,
        done,
        order,
        span: item.span,
    })
}

fn read_minutes(r: &mut Reader, f: &mut Fields, kind: RecordKind) -> Minutes {
    let meeting = r
        .required(f, "kind", "minutes")
        .and_then(|v| r.choice::<MeetingKind>(v, "kind"));
    let title = req_text(r, f, "title", "minutes");
    let date = r
        .required(f, "date", "minutes")
        .and_then(|v| r.when(v, "date"));
    let duration = r.get(f, "duration").and_then(|v| r.duration(v, "duration"));
    let place = text(r, f, "place");
    let invited = texts(r, f, "invited");
    let attended = texts(r, f, "attended");
    let decisions = texts(r, f, "decisions");
    let mut actions = Vec::new();
    if let Some(v) = r.get(f, "actions") {
        for item in r.list(v, "actions") {
            actions.extend(read_action(r, item, "actions", false));
        }
    }
    let conclusion = text(r, f, "conclusion");
    let proposal = r.get(f, "proposal").and_then(|v| read_proposal(r, v));
    let written = r.get(f, "visibility");
    let visibility_written = written.is_some();
    let visibility = written.and_then(|v| r.choice::<Visibility>(v, "visibility"));
    let signoffs = read_signoffs(r, f, kind);
    Minutes {
        visibility_written,
        kind: meeting,
        title,
        date,
        duration,
        place,
        invited,
        attended,
        decisions,
        actions,
        conclusion,
        proposal,
        visibility,
        signoffs,
    }
}

fn read_proposal(r: &mut Reader, v: &Value) -> Option<Proposal> {
    let mut p = r.fields(v, "proposal", None)?;
    let content = text(r, &mut p, "content");
    let equipment = match r.get(&mut p, "equipment") {
        Some(e) if e.scalar_text().is_some() => r.text(e, "equipment").into_iter().collect(),
        Some(e) => r.text_list(e, "equipment"),
        None => Vec::new(),
    };
    let strategy = text(r, &mut p, "strategy");
    let outline_sent = date(r, &mut p, "outline_sent");
    let review = match r.get(&mut p, "review") {
        Some(rv) => r.fields(rv, "review", None).map(|mut fr| {
            let goal_met = r
                .get(&mut fr, "goal_met")
                .and_then(|v| r.boolean(v, "goal_met"))
                .map(|b| b.value);
            let notes = text(r, &mut fr, "notes").map(|t| t.value);
            let problem = text(r, &mut fr, "problem").map(|t| t.value);
            r.finish(fr, nested_fields("review"), "a proposal review");
            Review {
                goal_met,
                notes,
                problem,
            }
        }),
        None => None,
    };
    r.finish(p, nested_fields("proposal"), "a proposal");
    Some(Proposal {
        content,
        equipment,
        strategy,
        outline_sent,
        review,
        span: v.span,
    })
}

fn read_order(r: &mut Reader, f: &mut Fields, config: &Config, kind: RecordKind) -> WorkOrder {
    let number = req_text(r, f, "number", "a work order");
    let order_kind = r
        .required(f, "kind", "a work order")
        .and_then(|v| r.choice::<OrderKind>(v, "kind"));
    let title = req_text(r, f, "title", "a work order");
    let requested = r
        .required(f, "requested", "a work order")
        .and_then(|v| r.date(v, "requested"));
    let due = date(r, f, "due");
    let team = texts(r, f, "team");
    let deliverables = texts(r, f, "deliverables");
    let budget = r.get(f, "budget").and_then(|v| {
        let mut b = r.fields(v, "budget", None)?;
        let currency = match r.get(&mut b, "currency") {
            Some(c) => r.currency(c, "currency"),
            None => Some(Sp::new(config.currency.clone(), v.span)),
        };
        let code = currency
            .as_ref()
            .map(|c| c.value.clone())
            .unwrap_or_else(|| config.currency.clone());
        let amount = r
            .required(&mut b, "amount", "a budget")
            .and_then(|a| r.money(a, "amount", &code, false));
        r.finish(b, nested_fields("budget"), "a budget");
        Some(Budget {
            amount: amount?,
            currency: currency?,
        })
    });
    let cost_currency = budget
        .as_ref()
        .map(|b| b.currency.value.clone())
        .unwrap_or_else(|| config.currency.clone());
    let mut costs = Vec::new();
    if let Some(v) = r.get(f, "costs") {
        for item in r.list(v, "costs") {
            let Some(mut c) = r.fields(item, "costs", None) else {
                continue;
            };
            let it = req_text(r, &mut c, "item", "a cost");
            let vendor = text(r, &mut c, "vendor");
            let amount = r
                .required(&mut c, "amount", "a cost")
                .and_then(|a| r.money(a, "amount", &cost_currency, true));
            r.finish(c, nested_fields("costs"), "a cost");
            costs.push(Cost {
                item: it,
                vendor,
                amount,
            });
        }
    }
    let status = r
        .get(f, "status")
        .and_then(|v| r.choice::<OrderStatus>(v, "status"));
    let attachments = texts(r, f, "attachments");
    let signoffs = read_signoffs(r, f, kind);
    WorkOrder {
        number,
        kind: order_kind,
        title,
        requested,
        due,
        team,
        deliverables,
        budget,
        costs,
        status,
        attachments,
        signoffs,
    }
}

fn read_schedule(r: &mut Reader, f: &mut Fields, kind: RecordKind) -> Schedule {
    let title = req_text(r, f, "title", "a timetable");
    let from = r
        .required(f, "from", "a timetable")
        .and_then(|v| r.date(v, "from"));
    let to = r
        .required(f, "to", "a timetable")
        .and_then(|v| r.date(v, "to"));
    let status = r
        .get(f, "status")
        .and_then(|v| r.choice::<ScheduleStatus>(v, "status"));
    let mut items = Vec::new();
    if let Some(v) = r.get(f, "items") {
        for item in r.list(v, "items") {
            items.extend(read_action(r, item, "items", true));
        }
    }
    let signoffs = read_signoffs(r, f, kind);
    Schedule {
        title,
        from,
        to,
        status,
        items,
        signoffs,
    }
}

fn read_invoice(r: &mut Reader, f: &mut Fields, config: &Config, kind: RecordKind) -> Invoice {
    let number = req_text(r, f, "number", "an invoice");
    let orders = texts(r, f, "orders");
    let issued = date(r, f, "issued");
    let due = date(r, f, "due");
    let written = r.get(f, "currency");
    let currency = written
        .and_then(|v| r.currency(v, "currency"))
        .unwrap_or_else(|| Sp::new(config.currency.clone(), f.span));
    let code = currency.value.clone();
    let mut lines = Vec::new();
    let mut lines_span = f.span;
    if let Some(v) = r.required(f, "lines", "an invoice") {
        lines_span = v.span;
        for item in r.list(v, "lines") {
            let Some(mut l) = r.fields(item, "lines", None) else {
                continue;
            };
            let description = req_text(r, &mut l, "description", "an invoice line");
            let amount = r
                .required(&mut l, "amount", "an invoice line")
                .and_then(|a| r.money(a, "amount", &code, true));
            r.finish(l, nested_fields("lines"), "an invoice line");
            lines.push(Line {
                description,
                amount,
            });
        }
    }
    let mut paid = Vec::new();
    if let Some(v) = r.get(f, "paid") {
        let items: Vec<&Value> = match v.as_map() {
            Some(_) => vec![v],
            None => r.list(v, "paid").iter().collect(),
        };
        for item in items {
            let Some(mut p) = r.fields(item, "paid", None) else {
                continue;
            };
            let date = r
                .required(&mut p, "date", "a payment")
                .and_then(|v| r.date(v, "date"));
            let amount = r
                .required(&mut p, "amount", "a payment")
                .and_then(|a| r.money(a, "amount", &code, false));
            let reference = text(r, &mut p, "ref").map(|t| t.value);
            r.finish(p, nested_fields("paid"), "a payment");
            paid.push(Payment {
                date,
                amount,
                reference,
                span: item.span,
            });
        }
    }
    let signoffs = read_signoffs(r, f, kind);
    Invoice {
        number,
        orders,
        issued,
        due,
        lines,
        currency,
        currency_written: written.is_some(),
        paid,
        signoffs,
        lines_span,
    }
}
