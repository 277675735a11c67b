//! The registry: every rule, in code order, one line each. It declares the rule modules
//! (one file per rule, holding the rule's documentation and the words of its messages),
//! the code table [`RULES`] and the list of checks that run over the linked workspace
//! ([`CHECKS`]: the rules marked `(check)`). The others are found by an earlier stage
//! (loading, parsing, reading `docket.yaml`, linking) as typed problems
//! (`model::problem`); the kinds in brackets after a rule are the ones its file words,
//! and [`diagnostic`] maps each kind to its rule.

use crate::check::{Context, Word};
use crate::diag::{Diagnostic, Rule};
use crate::model::problem::Problem;

macro_rules! registry {
    ($($(#[$doc:meta])* $rule:ident $(($check:ident))? $([$($kind:ident),+])?,)*) => {
        $($(#[$doc])* pub(crate) mod $rule;)*

        /// The diagnostic for a problem found before the check stage, worded by the rule
        /// the registry names for its kind.
        pub(crate) fn diagnostic(problem: &Problem) -> Diagnostic {
            match problem {
                $($($(Problem::$kind(p) => Word::diagnostic(p),)+)?)*
            }
        }

        /// Every rule, in code order.
        pub static RULES: &[&Rule] = &[$(&$rule::RULE),*];

        /// The rules that run on the linked workspace, in code order.
        pub(crate) static CHECKS: &[fn(&mut Context)] = &[$($($rule::$check,)?)*];
    };
}

registry! {
    // D0xx: files and front matter
    unreadable_file[UnreadableFolder, UnreadableFile],
    not_utf8[FileNotUtf8, BinaryFile],
    empty_file[EmptyFile],
    missing_front_matter[MissingFrontMatter],
    unclosed_front_matter[UnclosedFrontMatter],
    yaml_syntax[YamlSyntax],
    duplicate_key[DuplicateKey],
    yaml_limit[YamlLimit],
    front_matter_not_mapping[EmptyFrontMatter, FrontMatterNotMapping],
    file_too_large[FileTooLarge],
    symlink_skipped[SymlinkSkipped],
    misplaced_file[MisplacedFile],
    file_name[NotClientId, MinutesFileName, UnusableName],
    nesting_too_deep[NestingTooDeep],
    // D02x: fields and values
    missing_field[MissingField],
    unknown_field[UnknownField],
    wrong_type[WrongType, WrongItemType, PaymentTermsNotDays, RulesNotMapping],
    invalid_date[InvalidDate, InvalidReportTime],
    invalid_duration[InvalidDuration],
    invalid_money[InvalidMoney, NegativeMoney],
    unknown_currency[UnknownCurrency],
    invalid_value[InvalidValue, InvalidStage],
    wrong_record_type[WrongRecordType],
    invalid_email[InvalidEmail],
    // D03x: docket.yaml
    invalid_timezone[InvalidTimezone],
    invalid_numbering[InvalidNumbering],
    unknown_rule(check),
    // D04x: people and references
    unknown_person(check),
    foreign_contact(check),
    duplicate_person_id[DuplicatePersonId],
    not_staff(check),
    unknown_order(check),
    missing_client_file[MissingClientFile],
    // D05x: numbers
    duplicate_number[DuplicateNumber],
    number_format(check),
    number_file_mismatch(check),
    // D06x: minutes and actions
    missing_conclusion(check),
    overdue_action(check),
    done_in_future(check),
    meeting_overlap(check),
    outline_not_sent(check),
    missing_review(check),
    misplaced_proposal(check),
    action_done_mismatch(check),
    file_date_mismatch(check),
    // D07x: work orders and schedules
    item_out_of_range(check),
    dates_reversed(check),
    closed_without_invoice(check),
    // D08x: invoices
    overpaid(check),
    invoice_overdue(check),
    over_budget(check),
    currency_mismatch(check),
    // D09x: links and confidentiality
    cross_client_mention(check),
    internal_made_visible(check),
    link_outside(check),
    broken_link,
    missing_signoff(check),
    stale_signoff(check),
    unverified_signoff(check),
    signer_not_allowed(check),
    no_history(check),
}
