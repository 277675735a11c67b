//! The integration tests: one binary, one harness. See tests/README.md.
#![allow(clippy::unwrap_used)]

mod browser;
mod changes;
mod ci;
mod corpora;
mod crash;
mod docs;
mod editor;
mod example;
mod fuzzed;
mod harness;
mod history;
mod hostile;
mod init;
mod isolation;
mod isolation_cases;
mod layers;
mod links;
mod lsp;
mod outputs;
mod reports;
mod rule_fixtures;
mod rules;
mod signoffs;
mod site;
mod slow;
