//! The accounting check: every non-blank input line ends up in exactly one
//! place — a row (its target cell, deadline or number), page metadata
//! (table structure, furniture) or a reported leftover — and no blank line
//! is used.
//!
//! One check, used by the integration tests and the fuzz targets alike, so
//! "accounted once" means the same thing everywhere. A broken promise is an
//! [`Error::Unaccounted`] naming the file, the line and what went wrong
//! ([`Unaccounted`]).
//!
//! ```
//! use pledges::model::accounting::{check, Unaccounted};
//! use pledges::model::{PageResult, Use};
//! let mut page = PageResult { uses: vec![Some(Use::Furniture), None], ..Default::default() };
//! let counts = check("a.txt", &page, ["masthead", " "]).unwrap();
//! assert_eq!(counts.of(Use::Furniture), 1);
//! page.uses[1] = Some(Use::Structure);
//! let err = check("a.txt", &page, ["masthead", " "]).unwrap_err();
//! assert!(matches!(err, pledges::Error::Unaccounted { line: 2, what: Unaccounted::BlankLineUsed(Use::Structure), .. }));
//! assert_eq!(err.to_string(), "a.txt:2: not accounted once: blank line used as Structure");
//! ```

use crate::model::row::parse_line_runs;
use crate::model::{PageResult, Use};
use crate::Error;

/// What broke the "every line once" promise at one line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Unaccounted {
    /// `uses` does not have one entry per decoded line.
    #[error("{uses} uses for {lines} lines")]
    UsesPerLine { uses: usize, lines: usize },
    /// A blank line was given a use.
    #[error("blank line used as {0:?}")]
    BlankLineUsed(Use),
    /// A non-blank line went nowhere.
    #[error("line {0:?} has no use")]
    LineUnused(String),
    /// A row's `source_lines` is not `a-b` runs in page order, apart, inside the page.
    #[error("row {row}: bad source_lines {source_lines:?}")]
    BadSourceLines { row: String, source_lines: String },
    /// A line in a row's `source_lines` is not used as a target.
    #[error("line of row {row} used as {used:?}, not Target")]
    RowLineNotTarget { row: String, used: Option<Use> },
    /// A line in the `source_lines` of two rows.
    #[error("line in two rows ({first} and {second})")]
    InTwoRows { first: String, second: String },
    /// A line used as a target that no row's `source_lines` names.
    #[error("target line outside every row")]
    TargetOutsideRows,
    /// A leftover whose line is outside the page or not used as a leftover.
    #[error("leftover ({reason}) on a line used as {used:?}")]
    LeftoverNotLeftover { reason: String, used: Option<Use> },
    /// Two leftovers for one line.
    #[error("line left over twice")]
    LeftoverTwice,
    /// A line used as a leftover that no leftover reports.
    #[error("line used as Leftover but not reported")]
    LeftoverUnreported,
}

/// How many lines went to each [`Use`], once the check passed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Accounted {
    counts: [usize; 6],
}

impl Accounted {
    /// Lines used as `used`.
    pub fn of(&self, used: Use) -> usize {
        self.counts[used as usize]
    }

    /// Adds another page's counts.
    pub fn add(&mut self, other: Accounted) {
        for (a, b) in self.counts.iter_mut().zip(other.counts) {
            *a += b;
        }
    }
}

/// Checks that `page` accounts for each of its decoded `lines` exactly once
/// (see the module docs); `file` names the page in the error.
pub fn check<'a>(file: &str, page: &PageResult, lines: impl IntoIterator<Item = &'a str>) -> Result<Accounted, Error> {
    let fail = |line: usize, what: Unaccounted| Error::Unaccounted { file: file.to_string(), line, what };
    let lines: Vec<&str> = lines.into_iter().collect();
    if page.uses.len() != lines.len() {
        let what = Unaccounted::UsesPerLine { uses: page.uses.len(), lines: lines.len() };
        return Err(fail(page.uses.len().min(lines.len()) + 1, what));
    }
    let mut accounted = Accounted::default();
    for (i, (text, used)) in lines.iter().zip(&page.uses).enumerate() {
        match (text.trim().is_empty(), used) {
            (true, Some(u)) => return Err(fail(i + 1, Unaccounted::BlankLineUsed(*u))),
            (false, None) => return Err(fail(i + 1, Unaccounted::LineUnused(text.to_string()))),
            (_, Some(u)) => accounted.counts[*u as usize] += 1,
            (true, None) => {}
        }
    }
    check_rows(page, &fail)?;
    check_leftovers(page, &fail)?;
    Ok(accounted)
}

/// Row lines: well-formed runs, each line a target of one row only, and
/// every target line in some row.
fn check_rows(page: &PageResult, fail: &impl Fn(usize, Unaccounted) -> Error) -> Result<(), Error> {
    let n = page.uses.len();
    let mut owner: Vec<Option<&str>> = vec![None; n];
    for row in &page.rows {
        let runs = row_runs(&row.source_lines, n).ok_or_else(|| {
            let first = parse_line_runs(&row.source_lines).first().map_or(0, |r| r.0);
            fail(first, Unaccounted::BadSourceLines { row: row.id.clone(), source_lines: row.source_lines.clone() })
        })?;
        for no in runs.into_iter().flat_map(|(a, b)| a..=b) {
            if let Some(first) = owner[no - 1] {
                return Err(fail(no, Unaccounted::InTwoRows { first: first.to_string(), second: row.id.clone() }));
            }
            owner[no - 1] = Some(&row.id);
            if page.uses[no - 1] != Some(Use::Target) {
                return Err(fail(no, Unaccounted::RowLineNotTarget { row: row.id.clone(), used: page.uses[no - 1] }));
            }
        }
    }
    match page.uses.iter().zip(&owner).position(|(u, o)| *u == Some(Use::Target) && o.is_none()) {
        Some(i) => Err(fail(i + 1, Unaccounted::TargetOutsideRows)),
        None => Ok(()),
    }
}

/// The runs of `source_lines` when they are `""` or `a-b;c-d;…` with
/// `1 <= a <= b`, `b + 1 < c`, …, last `<= n`.
fn row_runs(source_lines: &str, n: usize) -> Option<Vec<(usize, usize)>> {
    let runs = parse_line_runs(source_lines);
    let pieces = if source_lines.is_empty() { 0 } else { source_lines.split(';').count() };
    let in_order =
        runs.iter().all(|&(a, b)| 1 <= a && a <= b && b <= n) && runs.windows(2).all(|w| w[0].1 + 1 < w[1].0);
    (runs.len() == pieces && in_order).then_some(runs)
}

/// Leftovers: one per line used as a leftover, on that line.
fn check_leftovers(page: &PageResult, fail: &impl Fn(usize, Unaccounted) -> Error) -> Result<(), Error> {
    let mut reported = vec![false; page.uses.len()];
    for l in &page.leftovers {
        let no = l.line.get();
        let used = page.uses.get(no.wrapping_sub(1)).copied().flatten();
        if used != Some(Use::Leftover) {
            return Err(fail(no, Unaccounted::LeftoverNotLeftover { reason: l.reason.clone(), used }));
        }
        if std::mem::replace(&mut reported[no - 1], true) {
            return Err(fail(no, Unaccounted::LeftoverTwice));
        }
    }
    match page.uses.iter().zip(&reported).position(|(u, r)| *u == Some(Use::Leftover) && !r) {
        Some(i) => Err(fail(i + 1, Unaccounted::LeftoverUnreported)),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Leftover, LineNo, Row};

    /// Three lines: a target, a blank, a leftover.
    fn page() -> PageResult {
        let row = Row { id: "p#1".into(), source_lines: "1-1".into(), ..Row::default() };
        let leftover = Leftover {
            source: "p".into(),
            line: LineNo(3),
            text: "x".into(),
            reason: "r".into(),
            position: String::new(),
        };
        PageResult {
            rows: vec![row],
            leftovers: vec![leftover],
            uses: vec![Some(Use::Target), None, Some(Use::Leftover)],
            ..Default::default()
        }
    }

    fn what(page: &PageResult) -> (usize, Unaccounted) {
        match check("p", page, ["t", "", "x"]) {
            Err(Error::Unaccounted { line, what, .. }) => (line, what),
            other => panic!("expected Unaccounted, got {other:?}"),
        }
    }

    #[test]
    fn a_page_that_accounts_for_every_line_passes_with_its_counts() {
        let counts = check("p", &page(), ["t", "", "x"]).unwrap();
        assert_eq!((counts.of(Use::Target), counts.of(Use::Leftover), counts.of(Use::Number)), (1, 1, 0));
    }

    #[test]
    fn each_broken_promise_names_its_line() {
        let mut p = page();
        p.uses[1] = Some(Use::Furniture);
        assert_eq!(what(&p), (2, Unaccounted::BlankLineUsed(Use::Furniture)));
        let mut p = page();
        p.uses[0] = None;
        assert_eq!(what(&p), (1, Unaccounted::LineUnused("t".into())));
        let mut p = page();
        p.rows.push(Row { id: "p#2".into(), source_lines: "1-1".into(), ..Row::default() });
        assert_eq!(what(&p), (1, Unaccounted::InTwoRows { first: "p#1".into(), second: "p#2".into() }));
        let mut p = page();
        p.rows[0].source_lines = String::new();
        assert_eq!(what(&p), (1, Unaccounted::TargetOutsideRows));
        let mut p = page();
        p.rows[0].source_lines = "1-3".into();
        assert_eq!(what(&p), (2, Unaccounted::RowLineNotTarget { row: "p#1".into(), used: None }));
        let mut p = page();
        p.leftovers.push(p.leftovers[0].clone());
        assert_eq!(what(&p), (3, Unaccounted::LeftoverTwice));
        let mut p = page();
        p.leftovers.clear();
        assert_eq!(what(&p), (3, Unaccounted::LeftoverUnreported));
        let mut p = page();
        p.leftovers[0].line = LineNo(1);
        assert_eq!(what(&p), (1, Unaccounted::LeftoverNotLeftover { reason: "r".into(), used: Some(Use::Target) }));
        let mut p = page();
        p.uses.pop();
        assert_eq!(what(&p), (3, Unaccounted::UsesPerLine { uses: 2, lines: 3 }));
    }

    #[test]
    fn source_lines_must_be_runs_in_order_inside_the_page() {
        for bad in ["1", "1-x", "0-1", "1-4", "2-1", "1-1;2-2", "1-1;1-1"] {
            let mut p = page();
            p.rows[0].source_lines = bad.into();
            assert!(matches!(what(&p).1, Unaccounted::BadSourceLines { .. }), "{bad}");
        }
    }
}
