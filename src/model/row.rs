//! A pledge row and a leftover line: the records of rows.csv and
//! leftovers.csv, and the `source_lines` runs that tie a row to its lines.
//!
//! ```
//! use pledges::model::row::{line_runs, parse_line_runs};
//! assert_eq!(line_runs([66, 67, 69].into_iter()), "66-67;69-69");
//! assert_eq!(parse_line_runs("66-67;69-69"), vec![(66, 67), (69, 69)]);
//! ```

use crate::lexicon::text::push_number;
use crate::model::{DeadlineKind, Flag, Flags, LineNo};
use serde::{Deserialize, Serialize};

/// A row field every row of a page (or of a table) shares: the page's
/// source, date and number, a table's department and category. Cloned per
/// row, each was an allocation and a free per row and field.
pub type Shared = std::sync::Arc<str>;

/// One pledge: a line of rows.csv.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    /// `<source>#<n>`, n the row's 1-based index among its page's rows: unique
    /// in a run (sources are distinct paths) and the same whatever `--jobs`,
    /// `--shard` and `merge` do, since it depends on the page alone.
    pub id: String,
    pub source: Shared,
    pub issue_date: Shared,
    pub page: Shared,
    pub department: Shared,
    pub category: Shared,
    pub seq: u32,
    pub target: String,
    pub deadline: String,
    pub deadline_date: Shared,
    /// How the deadline is stated: by, on, range, start, ongoing, multiple, span, none.
    pub deadline_kind: DeadlineKind,
    /// The first day of a range (`2021年1-6月` → 2021-01-01) or of a start form.
    pub deadline_start: Shared,
    pub source_lines: String,
    pub flags: Flags,
    /// Where the row stands on a positioned page (`p1:x0,y0,x1,y1`); empty for text input.
    #[serde(default)]
    pub position: String,
}

/// A line no row could take: a line of leftovers.csv.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Leftover {
    pub source: String,
    pub line: LineNo,
    pub text: String,
    pub reason: String,
    /// Where the line stands on a positioned page; empty for text input.
    #[serde(default)]
    pub position: String,
}

impl Row {
    /// Adds `flag` to the row's flags, once.
    pub fn add_flag(&mut self, flag: Flag) {
        self.flags.add(flag);
    }

    /// Whether the row was read from any of the input lines `nos` (1-based,
    /// as its `source_lines` names them).
    pub fn holds_any_line(&self, nos: &[usize]) -> bool {
        let runs = parse_line_runs(&self.source_lines);
        nos.iter().any(|no| runs.iter().any(|(a, b)| (a..=b).contains(&no)))
    }

    /// Removes `flag` from the row's flags.
    pub fn remove_flag(&mut self, flag: Flag) {
        self.flags.remove(flag);
    }

    /// The row's `source_lines` as `(first, last)` runs.
    pub fn line_runs(&self) -> Vec<(usize, usize)> {
        parse_line_runs(&self.source_lines)
    }
}

/// Line numbers as runs: `107-108`, or `66-67;69-69` when a cell's lines are
/// not consecutive (another line stands between them).
pub fn line_runs(nos: impl Iterator<Item = usize>) -> String {
    // Each run is written as soon as it ends, digit by digit (not through
    // `format!` and `join`, nor a vector of runs first): every row has its runs.
    let mut out = String::with_capacity(16);
    let mut run: Option<(usize, usize)> = None;
    for n in nos {
        match &mut run {
            Some(r) if r.1 + 1 == n => r.1 = n,
            _ => {
                push_run(&mut out, run);
                run = Some((n, n));
            }
        }
    }
    push_run(&mut out, run);
    out
}

/// Appends `a-b` to written runs (after a `;` if there are any).
fn push_run(out: &mut String, run: Option<(usize, usize)>) {
    let Some((a, b)) = run else { return };
    if !out.is_empty() {
        out.push(';');
    }
    push_number(out, a as u64, 0);
    out.push('-');
    push_number(out, b as u64, 0);
}

/// `"66-67;69-69"` → `[(66, 67), (69, 69)]`, as [`line_runs`] writes them;
/// pieces that are not runs are skipped.
pub fn parse_line_runs(source_lines: &str) -> Vec<(usize, usize)> {
    source_lines
        .split(';')
        .filter_map(|r| {
            let (a, b) = r.split_once('-')?;
            Some((a.trim().parse().ok()?, b.trim().parse().ok()?))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `line_runs` written run by run answers what gathering the runs
    /// first and joining them answered, on every increasing set of 1..=7.
    #[test]
    fn runs_are_written_as_gathered_runs_joined() {
        let joined = |nos: &[usize]| {
            let mut runs: Vec<(usize, usize)> = vec![];
            for &n in nos {
                match runs.last_mut() {
                    Some(run) if run.1 + 1 == n => run.1 = n,
                    _ => runs.push((n, n)),
                }
            }
            runs.iter().map(|(a, b)| format!("{a}-{b}")).collect::<Vec<_>>().join(";")
        };
        for set in 0u32..128 {
            let nos: Vec<usize> = (1..=7).filter(|i| set & (1 << (i - 1)) != 0).map(|i| i * 33).collect();
            let dense: Vec<usize> = (1..=7).filter(|i| set & (1 << (i - 1)) != 0).collect();
            assert_eq!(line_runs(nos.iter().copied()), joined(&nos), "{nos:?}");
            assert_eq!(line_runs(dense.iter().copied()), joined(&dense), "{dense:?}");
        }
    }

    #[test]
    fn runs_round_trip() {
        let written = line_runs([3, 4, 5, 9].into_iter());
        assert_eq!(written, "3-5;9-9");
        assert_eq!(parse_line_runs(&written), vec![(3, 5), (9, 9)]);
        assert_eq!(parse_line_runs(""), vec![]);
    }

    #[test]
    fn flags_are_added_once_and_removed() {
        let mut row = Row::default();
        row.add_flag(Flag::SeqInferred);
        row.add_flag(Flag::CutUncertain);
        row.add_flag(Flag::SeqInferred);
        assert_eq!(row.flags.to_string(), "seq_inferred;cut_uncertain");
        row.remove_flag(Flag::SeqInferred);
        assert_eq!(row.flags.to_string(), "cut_uncertain");
    }
}
