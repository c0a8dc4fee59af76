//! What a score is: counts, precision/recall/F1, boundary figures, flag
//! counts, per-page and pooled [`Scores`] in a [`Report`], and how a report
//! prints as a table.
//!
//! ```
//! use pledges::eval::Prf;
//! assert_eq!(Prf::new(2, 2, 1).f1, 0.5);
//! ```

use super::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

/// A count out of a total.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Ratio {
    pub correct: usize,
    pub total: usize,
    /// `correct / total`; 1.0 when there is nothing to get right.
    pub accuracy: f64,
}

impl Ratio {
    pub(super) fn new(correct: usize, total: usize) -> Ratio {
        let accuracy = if total == 0 { 1.0 } else { correct as f64 / total as f64 };
        Ratio { correct, total, accuracy }
    }
    pub(super) fn add(self, other: Ratio) -> Ratio {
        Ratio::new(self.correct + other.correct, self.total + other.total)
    }
}

/// Precision / recall / F1 with the counts behind them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Prf {
    pub gold: usize,
    pub pred: usize,
    pub correct: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    pub fn new(gold: usize, pred: usize, correct: usize) -> Prf {
        // An empty side scores 1 only when the other side is empty too.
        let frac = |n: usize, d: usize, other: usize| match d {
            0 => (other == 0) as u8 as f64,
            _ => n as f64 / d as f64,
        };
        let precision = frac(correct, pred, gold);
        let recall = frac(correct, gold, pred);
        let f1 = if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
        Prf { gold, pred, correct, precision, recall, f1 }
    }
    pub(super) fn add(self, o: Prf) -> Prf {
        Prf::new(self.gold + o.gold, self.pred + o.pred, self.correct + o.correct)
    }
}

/// Where target cells were cut, compared line gap by line gap.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Boundaries {
    #[serde(flatten)]
    pub prf: Prf,
    /// WindowDiff (Pevzner & Hearst 2002): share of k-line windows whose
    /// boundary counts differ; 0 is perfect.
    pub window_diff: f64,
    pub windows: usize,
    pub windows_differing: usize,
    /// Window size; for a whole corpus the largest page k.
    pub k: usize,
}

impl Boundaries {
    pub(super) fn add(self, o: Boundaries) -> Boundaries {
        let windows = self.windows + o.windows;
        let differing = self.windows_differing + o.windows_differing;
        Boundaries {
            prf: self.prf.add(o.prf),
            window_diff: if windows == 0 { 0.0 } else { differing as f64 / windows as f64 },
            windows,
            windows_differing: differing,
            k: self.k.max(o.k),
        }
    }
}

/// Flags on predicted rows: a wrong row is matched-but-wrong or extra.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Flags {
    pub wrong_flagged: usize,
    pub wrong_unflagged: usize,
    pub right_flagged: usize,
    pub right_unflagged: usize,
}

impl Flags {
    pub(super) fn add(self, o: Flags) -> Flags {
        Flags {
            wrong_flagged: self.wrong_flagged + o.wrong_flagged,
            wrong_unflagged: self.wrong_unflagged + o.wrong_unflagged,
            right_flagged: self.right_flagged + o.right_flagged,
            right_unflagged: self.right_unflagged + o.right_unflagged,
        }
    }
}

/// Scores for one page or for everything.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Scores {
    pub gold_rows: usize,
    pub pred_rows: usize,
    pub matched: usize,
    pub missing: usize,
    pub extra: usize,
    /// Target and deadline both right, out of gold rows.
    pub rows: Ratio,
    pub targets: Ratio,
    pub deadlines: Ratio,
    /// Only when both sides have a deadline_date column.
    pub deadline_dates: Option<Ratio>,
    /// Only when both sides have source_lines.
    pub boundaries: Option<Boundaries>,
    /// Only when the prediction has a flags column.
    pub flags: Option<Flags>,
}

impl Scores {
    pub(super) fn add(&self, o: &Scores) -> Scores {
        Scores {
            gold_rows: self.gold_rows + o.gold_rows,
            pred_rows: self.pred_rows + o.pred_rows,
            matched: self.matched + o.matched,
            missing: self.missing + o.missing,
            extra: self.extra + o.extra,
            rows: self.rows.add(o.rows),
            targets: self.targets.add(o.targets),
            deadlines: self.deadlines.add(o.deadlines),
            deadline_dates: merge_opt(self.deadline_dates, o.deadline_dates, Ratio::add),
            boundaries: merge_opt(self.boundaries, o.boundaries, Boundaries::add),
            flags: merge_opt(self.flags, o.flags, Flags::add),
        }
    }
}

pub(super) fn merge_opt<T: Copy>(a: Option<T>, b: Option<T>, f: fn(T, T) -> T) -> Option<T> {
    match (a, b) {
        (Some(a), Some(b)) => Some(f(a, b)),
        (a, b) => a.or(b),
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PageScores {
    /// `"2022-03-22 p03"`, or the gold file's stem when rows carry no date/page.
    pub page: String,
    /// The gold file's stem when this page's gold is a file of its own
    /// (e.g. `g0007_row-wise_2021-05-14_p03`), for grouping by preset.
    pub file: Option<String>,
    #[serde(flatten)]
    pub scores: Scores,
}

/// The whole evaluation: overall (pooled over pages) and per page.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Report {
    pub overall: Scores,
    pub pages: Vec<PageScores>,
    /// Filled by the caller from [`evaluate_quantities`].
    pub quantities: Option<Prf>,
}

impl Report {
    /// Shortcut for the headline number.
    pub fn row_accuracy(&self) -> f64 {
        self.overall.rows.accuracy
    }

    /// Pooled scores per group of pages, e.g. per generator preset with
    /// `report.group_pages(|p| preset_of(p))`; pages mapped to `None` are left out.
    pub fn group_pages(&self, key: impl Fn(&PageScores) -> Option<String>) -> BTreeMap<String, Scores> {
        let mut out: BTreeMap<String, Scores> = BTreeMap::new();
        for page in &self.pages {
            if let Some(k) = key(page) {
                let entry = out.entry(k).or_default();
                *entry = entry.add(&page.scores);
            }
        }
        out
    }
}

/// The preset in a generated page name `g0007_row-wise_2021-05-14_p03`.
pub fn preset_of(page: &PageScores) -> Option<String> {
    let file = page.file.as_deref()?;
    let mut parts = file.split('_');
    let index = parts.next()?;
    let preset = parts.next()?;
    (index.starts_with('g') && parts.next().is_some()).then(|| preset.to_string())
}

/// Page key → gold file stem, for gold files that hold exactly one page.
pub(super) fn own_files(gold: &[EvalRow]) -> HashMap<String, String> {
    let mut pages_of_file: HashMap<&str, BTreeSet<String>> = HashMap::new();
    for g in gold {
        pages_of_file.entry(&g.file).or_default().insert(g.page_key());
    }
    let mut files_of_page: HashMap<String, BTreeSet<&str>> = HashMap::new();
    for (file, pages) in &pages_of_file {
        for page in pages {
            files_of_page.entry(page.clone()).or_default().insert(file);
        }
    }
    files_of_page
        .into_iter()
        .filter_map(|(page, files)| {
            let file = *files.iter().next()?;
            (files.len() == 1 && pages_of_file[file].len() == 1).then(|| (page, file.to_string()))
        })
        .collect()
}

pub(super) fn pct(x: f64) -> String {
    format!("{:.4}", x)
}

pub(super) fn ratio(r: &Ratio) -> String {
    format!("{} ({}/{})", pct(r.accuracy), r.correct, r.total)
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let o = &self.overall;
        writeln!(
            f,
            "rows               gold {}  pred {}  matched {}  missing {}  extra {}",
            o.gold_rows, o.pred_rows, o.matched, o.missing, o.extra
        )?;
        writeln!(f, "row accuracy       {}", ratio(&o.rows))?;
        writeln!(f, "target accuracy    {}", ratio(&o.targets))?;
        writeln!(f, "deadline accuracy  {}", ratio(&o.deadlines))?;
        if let Some(d) = &o.deadline_dates {
            writeln!(f, "deadline_date acc. {}", ratio(d))?;
        }
        if let Some(b) = &o.boundaries {
            writeln!(
                f,
                "cell boundaries    P {}  R {}  F1 {}  ({} gold, {} pred, {} shared)  WindowDiff {}",
                pct(b.prf.precision),
                pct(b.prf.recall),
                pct(b.prf.f1),
                b.prf.gold,
                b.prf.pred,
                b.prf.correct,
                pct(b.window_diff)
            )?;
        }
        if let Some(fl) = &o.flags {
            writeln!(
                f,
                "flags              wrong rows: {} flagged, {} UNFLAGGED; right rows: {} flagged, {} unflagged ({:.1}% flagged)",
                fl.wrong_flagged,
                fl.wrong_unflagged,
                fl.right_flagged,
                fl.right_unflagged,
                100.0 * fl.right_flagged_share()
            )?;
        }
        if let Some(q) = &self.quantities {
            writeln!(
                f,
                "quantities         P {}  R {}  F1 {}  ({} gold, {} pred, {} shared)",
                pct(q.precision),
                pct(q.recall),
                pct(q.f1),
                q.gold,
                q.pred,
                q.correct
            )?;
        }
        Ok(())
    }
}

impl Report {
    /// The per-page table (`pledges eval --pages`): one line per page.
    pub fn page_table(&self, f: &mut impl fmt::Write) -> fmt::Result {
        let rows: Vec<(String, &Scores)> =
            self.pages.iter().map(|p| (p.file.clone().unwrap_or_else(|| p.page.clone()), &p.scores)).collect();
        score_table(f, "page", &rows)
    }
}

impl Flags {
    /// The share of right rows that carry a flag: false alarms a user checks by hand.
    pub fn right_flagged_share(&self) -> f64 {
        let right = self.right_flagged + self.right_unflagged;
        if right == 0 {
            0.0
        } else {
            self.right_flagged as f64 / right as f64
        }
    }
}

/// One aligned line per page (or group) with the main scores.
pub fn score_table(f: &mut impl fmt::Write, label: &str, rows: &[(String, &Scores)]) -> fmt::Result {
    let width = rows.iter().map(|(l, _)| l.chars().count()).max().unwrap_or(0).max(label.len());
    writeln!(
        f,
        "{label:<width$}  {:>5} {:>5} {:>5} {:>5}  {:>7} {:>7} {:>7} {:>7} {:>7} {:>7} {:>7} {:>7}",
        "gold", "pred", "miss", "extra", "rows", "dl", "bnd P", "bnd R", "bnd F1", "WinDiff", "unflgd", "rt flgd"
    )?;
    for (name, s) in rows {
        let b = |g: fn(&Boundaries) -> f64| {
            s.boundaries.as_ref().map(|x| format!("{:.3}", g(x))).unwrap_or_else(|| "-".into())
        };
        // Wrong rows nobody was warned of, and right rows flagged for nothing.
        let unflagged = s.flags.map_or_else(|| "-".into(), |x| x.wrong_unflagged.to_string());
        let right_flagged = s.flags.map_or_else(|| "-".into(), |x| format!("{:.1}%", 100.0 * x.right_flagged_share()));
        writeln!(
            f,
            "{name:<width$}  {:>5} {:>5} {:>5} {:>5}  {:>7.3} {:>7.3} {:>7} {:>7} {:>7} {:>7} {:>7} {:>7}",
            s.gold_rows,
            s.pred_rows,
            s.missing,
            s.extra,
            s.rows.accuracy,
            s.deadlines.accuracy,
            b(|x| x.prf.precision),
            b(|x| x.prf.recall),
            b(|x| x.prf.f1),
            b(|x| x.window_diff),
            unflagged,
            right_flagged
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prf_edge_cases() {
        assert_eq!(Prf::new(0, 0, 0).f1, 1.0);
        assert_eq!(Prf::new(2, 0, 0).precision, 0.0);
        assert_eq!(Prf::new(0, 2, 0).precision, 0.0);
    }
}
