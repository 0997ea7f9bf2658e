//! What both macros share: the error context (`ctxt`), attribute parsing (`attr`) and the checks that
//! look at several items at once (`check`).

pub mod attr;
pub mod check;
pub mod ctxt;
