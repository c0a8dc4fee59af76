//! Invariants shared by the fuzz targets in `fuzz_targets/`.
//!
//! Every check panics with a message naming the broken invariant, so
//! libFuzzer reports it as a crash and saves the input.

use pledges::decode::Line;
use pledges::page::{PageResult, Use};

/// Checks what must hold for any page the library accepted.
///
/// * `uses` has one entry per decoded line; blank lines (`text.trim()` empty)
///   are `None` and every other line is `Some(_)`;
/// * every row's `source_lines` is empty or `a-b` with `1 <= a <= b <= lines`;
/// * every leftover names a line of the page whose use is `Leftover`, and
///   there are as many leftovers as lines used as `Leftover` (each line is
///   accounted for exactly once).
pub fn check_page(page: &PageResult, lines: &[Line]) {
    let n = lines.len();
    assert_eq!(page.uses.len(), n, "uses.len() != number of decoded lines");
    for (i, line) in lines.iter().enumerate() {
        assert_eq!(line.no, i + 1, "decoded line numbers are not 1..=n");
        let blank = line.text.trim().is_empty();
        match (blank, page.uses[i]) {
            (true, Some(u)) => panic!("blank line {} has a use: {u:?}", i + 1),
            (false, None) => panic!("non-blank line {} ({:?}) has no use", i + 1, line.text),
            _ => {}
        }
    }
    for row in &page.rows {
        if row.source_lines.is_empty() {
            continue;
        }
        let (a, b) = row
            .source_lines
            .split_once('-')
            .unwrap_or_else(|| panic!("source_lines {:?} is not a-b", row.source_lines));
        let a: usize = a.parse().unwrap_or_else(|_| panic!("source_lines {:?}: bad start", row.source_lines));
        let b: usize = b.parse().unwrap_or_else(|_| panic!("source_lines {:?}: bad end", row.source_lines));
        assert!(1 <= a && a <= b && b <= n, "source_lines {:?} out of order or outside 1..={n}", row.source_lines);
    }
    for l in &page.leftovers {
        assert!(1 <= l.line && l.line <= n, "leftover line {} outside 1..={n}", l.line);
        assert_eq!(
            page.uses[l.line - 1],
            Some(Use::Leftover),
            "leftover line {} ({:?}, {:?}) is not used as Leftover",
            l.line,
            l.text,
            l.reason
        );
    }
    let leftover_uses = page.uses.iter().filter(|u| **u == Some(Use::Leftover)).count();
    assert_eq!(page.leftovers.len(), leftover_uses, "leftovers.len() != lines used as Leftover (a line counted twice?)");
}
