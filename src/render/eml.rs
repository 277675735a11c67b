//! A weekly report as an e-mail an AE can open in any mail client and send: RFC 5322,
//! `multipart/alternative` with the Markdown as the text part and the HTML page as the
//! HTML part, written with mail-builder. Everything that mail-builder would make up
//! (date, Message-ID, MIME boundary) is fixed from the report, so the file is the same
//! for the same records.

use mail_builder::MessageBuilder;
use mail_builder::headers::address::Address;
use mail_builder::headers::content_type::ContentType;
use mail_builder::headers::raw::Raw;
use mail_builder::mime::MimePart;

use crate::render::weekly::WeeklyReport;
use crate::view::PersonView;

/// A person's mailbox: their address, parsed again here as one addr-spec (a value that
/// is not one is left out; reading the records reports it), with their name as the
/// display name, which mail-builder quotes or encodes. Nothing of either can become a
/// second address or a header.
fn address(p: &PersonView) -> Option<Address<'static>> {
    let mailbox = crate::model::values::parse_email(p.email.as_deref()?).ok()?;
    Some(Address::from((p.name.clone(), mailbox.email())))
}

/// The `.eml` of `report`, from its text and HTML renderings.
pub(crate) fn weekly(report: &WeeklyReport, text: &str, html: &str) -> Result<String, String> {
    let from = report.ae.as_ref().and_then(address).ok_or_else(|| {
        format!(
            "{}'s AE has no email in docket.yaml to send from",
            report.client
        )
    })?;
    let to: Vec<Address<'static>> = report.to.iter().filter_map(address).collect();
    if to.is_empty() {
        return Err(format!(
            "{} has no contact with `can_sign: true` and an email to send the report to",
            report.client
        ));
    }
    let sent = report
        .sent_at
        .ok_or("the report day and time do not exist in the workspace timezone")?;
    let domain = report
        .ae
        .as_ref()
        .and_then(|a| a.email.as_deref())
        .and_then(|e| crate::model::values::parse_email(e).ok())
        .map_or_else(|| "docket.invalid".to_string(), |a| a.domain().to_string());
    let id = format!("weekly.{}.{}@{domain}", report.when.week, report.client_id);
    let boundary = format!("docket-weekly-{}-{}", report.when.week, report.client_id);
    let body = MimePart::new(
        ContentType::new("multipart/alternative").attribute("boundary", boundary),
        vec![
            MimePart::new("text/plain", text.to_string()),
            MimePart::new("text/html", html.to_string()),
        ],
    );
    let mut message = MessageBuilder::new()
        .from(from)
        .to(to)
        .subject(format!(
            "{}: weekly report, {}",
            report.client, report.when.week
        ))
        .header("Date", Raw::new(sent.to_rfc2822()))
        .message_id(id)
        .body(body);
    if let Some(cc) = report.supervisor.as_ref().and_then(address) {
        message = message.cc(cc);
    }
    message.write_to_string().map_err(|e| e.to_string())
}
