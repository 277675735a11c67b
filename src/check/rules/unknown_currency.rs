//! Rule D026 `unknown-currency`. Found by the parser (`src/parse/`).

use crate::check::Word;
use crate::diag::Diagnostic;
use crate::model::problem::UnknownCurrency;
use crate::model::values::is_currency;

crate::declare_rule! {
/// A currency is not an ISO 4217 code.
///
/// Currencies are three-letter ISO 4217 codes in capitals: `CNY`, `USD`, `EUR`, `JPY`.
/// Without a currency, amounts are in the workspace currency from `docket.yaml`.
///
/// ```yaml
/// budget: { amount: 50000, currency: RMB }
/// ```
///
/// Fix: `currency: CNY`.
    pub const RULE = ("D026", "unknown-currency", Error);
}

impl Word for UnknownCurrency {
    fn diagnostic(&self) -> Diagnostic {
        let upper = self.written.to_uppercase();
        let help = if is_currency(&upper) {
            format!("currency codes are capitals: `{upper}`")
        } else if upper == "RMB" {
            "the ISO 4217 code of the renminbi is `CNY`".to_string()
        } else {
            "use an ISO 4217 code such as CNY, USD, EUR, JPY".to_string()
        };
        Diagnostic::new(
            &RULE,
            self.at,
            format!("`{}` is not an ISO 4217 currency code", self.written),
        )
        .help(help)
    }
}
