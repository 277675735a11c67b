//! `docket explain CODE`: a rule's documentation, from its doc comment.

use crate::check::codes::{self, RULES};
use crate::cli::ExplainArgs;
use crate::error::Error;

pub(super) fn run(args: &ExplainArgs) -> Result<i32, Error> {
    match (&args.rule, args.list) {
        (Some(key), _) => {
            let rule = codes::lookup(key).ok_or_else(|| Error::UnknownRule(key.clone()))?;
            println!(
                "{} {} ({} by default)\n",
                rule.code,
                rule.name,
                rule.severity.as_str()
            );
            println!("{}", rule.text().trim_end());
            Ok(0)
        }
        (None, _) => {
            for r in RULES {
                println!(
                    "{}  {:<26} {:<8} {}",
                    r.code,
                    r.name,
                    r.severity.as_str(),
                    r.summary()
                );
            }
            Ok(0)
        }
    }
}
