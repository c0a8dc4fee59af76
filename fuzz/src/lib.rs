//! Invariants shared by the fuzz targets in `fuzz_targets/`.
//!
//! Every check panics with a message naming the broken invariant, so
//! libFuzzer reports it as a crash and saves the input.

use pledges::model::Line;
use pledges::model::{PageResult, Use};

/// Checks what must hold for any page the library accepted.
///
/// * `uses` has one entry per decoded line; blank lines (`text.trim()` empty)
///   are `None` and every other line is `Some(_)`;
/// * every row's `source_lines` is empty or `a-b` with `1 <= a <= b <= lines`,
///   or several such runs joined by `;` (a cell whose lines are not
///   consecutive), in page order and not touching (`b + 1 < next a`);
/// * every line inside those runs is used as `Target`, and the runs of all
///   rows together cover exactly the lines used as `Target` (no line in two
///   rows, no target line outside every row);
/// * every leftover names a line of the page whose use is `Leftover`, and
///   there are as many leftovers as lines used as `Leftover` (each line is
///   accounted for exactly once).
pub fn check_page(page: &PageResult, lines: &[Line]) {
    let n = lines.len();
    assert_eq!(page.uses.len(), n, "uses.len() != number of decoded lines");
    for (i, line) in lines.iter().enumerate() {
        assert_eq!(line.no.get(), i + 1, "decoded line numbers are not 1..=n");
        let blank = line.text.trim().is_empty();
        match (blank, page.uses[i]) {
            (true, Some(u)) => panic!("blank line {} has a use: {u:?}", i + 1),
            (false, None) => panic!("non-blank line {} ({:?}) has no use", i + 1, line.text),
            _ => {}
        }
    }
    let mut target_lines = 0;
    for row in &page.rows {
        for (a, b) in check_source_lines(&row.source_lines, n) {
            for no in a..=b {
                assert_eq!(page.uses[no - 1], Some(Use::Target), "line {no} of row source_lines {:?} is not used as Target", row.source_lines);
            }
            target_lines += b - a + 1;
        }
    }
    let target_uses = page.uses.iter().filter(|u| **u == Some(Use::Target)).count();
    assert_eq!(target_lines, target_uses, "lines in rows' source_lines != lines used as Target (a line in two rows, or in none?)");
    for l in &page.leftovers {
        assert!(1 <= l.line.get() && l.line.get() <= n, "leftover line {} outside 1..={n}", l.line);
        assert_eq!(
            page.uses[l.line.index()],
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

/// `""`, `a-b`, or `a-b;c-d;…` with `1 <= a <= b < c - 1`, `c <= d <= n`, ….
/// Returns the runs.
fn check_source_lines(s: &str, n: usize) -> Vec<(usize, usize)> {
    let mut runs = vec![];
    if s.is_empty() {
        return runs;
    }
    let mut prev_end: Option<usize> = None;
    for run in s.split(';') {
        let (a, b) = run.split_once('-').unwrap_or_else(|| panic!("source_lines {s:?}: run {run:?} is not a-b"));
        let a: usize = a.parse().unwrap_or_else(|_| panic!("source_lines {s:?}: bad start in {run:?}"));
        let b: usize = b.parse().unwrap_or_else(|_| panic!("source_lines {s:?}: bad end in {run:?}"));
        assert!(1 <= a && a <= b && b <= n, "source_lines {s:?}: run {run:?} out of order or outside 1..={n}");
        if let Some(p) = prev_end {
            assert!(p + 1 < a, "source_lines {s:?}: run {run:?} not after the previous run, or touching it");
        }
        prev_end = Some(b);
        runs.push((a, b));
    }
    runs
}
