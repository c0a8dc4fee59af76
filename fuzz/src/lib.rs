//! Invariants shared by the fuzz targets in `fuzz_targets/`.
//!
//! Every check panics with a message naming the broken invariant, so
//! libFuzzer reports it as a crash and saves the input. The invariant itself
//! is the library's one accounting check, `pledges::model::accounting::check`
//! (the integration tests use the same one).

use pledges::model::accounting;
use pledges::model::{Line, PageResult};

/// Checks what must hold for any page the library accepted: decoded line
/// numbers are `1..=n`, and every non-blank line is in exactly one place
/// (a row's target cell, its deadline or number, page metadata, or one
/// leftover) — see `pledges::model::accounting`.
pub fn check_page(page: &PageResult, lines: &[Line]) {
    for (i, line) in lines.iter().enumerate() {
        assert_eq!(line.no.get(), i + 1, "decoded line numbers are not 1..=n");
    }
    if let Err(e) = accounting::check(&page.source, page, lines.iter().map(|l| l.text.as_str())) {
        panic!("{e}");
    }
}
