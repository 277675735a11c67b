//! Rule D025 `invalid-money`. Found by the parser (`src/parse/`).

use crate::check::Word;
use crate::diag::Diagnostic;
use crate::model::problem::{InvalidMoney, NegativeMoney};
use crate::model::values::currency_decimals;

crate::declare_rule! {
/// An amount of money is not an exact decimal with the currency's number of decimals.
///
/// Money is exact: `36000.00`, `36000` or `"36,000.00"` (quoted when it has thousands
/// separators); at most 2 decimal places, none for JPY and KRW. Exponents, more decimals
/// and other text are refused rather than rounded.
///
/// ```yaml
/// amount: 1.2e5
/// ```
///
/// Fix: `amount: 120000.00`.
    pub const RULE = ("D025", "invalid-money", Error);
}

impl Word for InvalidMoney {
    fn diagnostic(&self) -> Diagnostic {
        Diagnostic::new(
            &RULE,
            self.at,
            format!("`{}`: {}", self.field, self.error),
        )
        .help(help(&self.currency))
    }
}

impl Word for NegativeMoney {
    fn diagnostic(&self) -> Diagnostic {
        let field = &self.field;
        Diagnostic::new(
            &RULE,
            self.at,
            format!(
                "`{field}`: `{}` is negative; {field} cannot be",
                self.written.trim()
            ),
        )
        .help(help(&self.currency))
    }
}

/// How amounts of `currency` are written.
fn help(currency: &str) -> String {
    if currency_decimals(currency) == 0 {
        format!("{currency} amounts are whole numbers, like 36000")
    } else {
        format!("write an exact amount like 36000.00 or \"36,000.00\" ({currency})")
    }
}
