//! The model: the types every later stage shares. Records and their enums, the
//! settings of `docket.yaml`, and the value kinds of the format (dates, money,
//! durations) with the span where each is written. Nothing here reads files or reports
//! problems; `parse` builds these from text.

pub(crate) mod problem;
pub(crate) mod records;
pub(crate) mod settings;
pub(crate) mod values;
