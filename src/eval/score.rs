//! Scoring: gold and predicted rows matched by key, each page scored
//! (rows, targets, deadlines, dates, flags) and pooled, the mistakes listed,
//! and target-cell boundaries compared line by line.
//!
//! ```
//! use pledges::eval::{evaluate, EvalRow};
//! let gold = vec![EvalRow { department: "市财政局".into(), category: "指标类".into(), seq: "1".into(), ..Default::default() }];
//! assert_eq!(evaluate(&gold, &gold).row_accuracy(), 1.0);
//! ```

use super::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Which optional key columns both sides have.
#[derive(Clone, Copy)]
pub(super) struct KeyShape {
    pub(super) date: bool,
    pub(super) page: bool,
}

pub(super) type RowKey = (String, String, String, String, String);

pub(super) fn row_key(row: &EvalRow, shape: KeyShape) -> RowKey {
    (
        if shape.date { normalize(row.issue_date.as_deref().unwrap_or("")) } else { String::new() },
        if shape.page { row.page.map(|p| p.to_string()).unwrap_or_default() } else { String::new() },
        normalize(&row.department),
        normalize_category(&row.category),
        normalize_seq(&row.seq),
    )
}

pub(super) fn key_shape(gold: &[EvalRow], pred: &[EvalRow]) -> KeyShape {
    let all = |rows: &[EvalRow], f: fn(&EvalRow) -> bool| !rows.is_empty() && rows.iter().all(f);
    let has_date = |r: &EvalRow| r.issue_date.as_deref().is_some_and(|d| !d.is_empty());
    let has_page = |r: &EvalRow| r.page.is_some();
    KeyShape { date: all(gold, has_date) && all(pred, has_date), page: all(gold, has_page) && all(pred, has_page) }
}

/// Pairs of (gold index, pred index) plus the unmatched pred indices.
pub(super) fn match_rows(gold: &[EvalRow], pred: &[EvalRow]) -> (Vec<Option<usize>>, Vec<usize>) {
    let shape = key_shape(gold, pred);
    let mut by_key: HashMap<RowKey, Vec<usize>> = HashMap::new();
    for (i, row) in pred.iter().enumerate().rev() {
        by_key.entry(row_key(row, shape)).or_default().push(i);
    }
    let pairs: Vec<Option<usize>> =
        gold.iter().map(|g| by_key.get_mut(&row_key(g, shape)).and_then(Vec::pop)).collect();
    let mut extra: Vec<usize> = by_key.into_values().flatten().collect();
    extra.sort_unstable();
    (pairs, extra)
}

/// Scores `pred` against `gold`. Pure: no files, no CLI.
pub fn evaluate(gold: &[EvalRow], pred: &[EvalRow]) -> Report {
    let (pairs, extra) = match_rows(gold, pred);
    let has_dates = gold.iter().any(|r| r.deadline_date.is_some()) && pred.iter().any(|r| r.deadline_date.is_some());
    let has_lines = gold.iter().any(|r| r.source_lines.is_some()) && pred.iter().any(|r| r.source_lines.is_some());
    let has_flags = !pred.is_empty() && pred.iter().all(|r| r.flags.is_some());

    // Every row goes to a page: gold rows to their own, matched pred rows
    // to their gold row's, extra pred rows to their own.
    let mut pages: BTreeMap<String, PageRows> = BTreeMap::new();
    for (g, p) in gold.iter().zip(&pairs) {
        let entry = pages.entry(g.page_key()).or_default();
        entry.gold.push(g);
        entry.pairs.push((g, p.map(|i| &pred[i])));
        if let Some(i) = p {
            entry.pred.push(&pred[*i]);
        }
    }
    for &i in &extra {
        let entry = pages.entry(pred[i].page_key()).or_default();
        entry.pred.push(&pred[i]);
        entry.extra.push(&pred[i]);
    }
    let opts = Options { has_dates, has_lines, has_flags };
    let files = own_files(gold);
    let pages: Vec<PageScores> = pages
        .into_iter()
        .map(|(page, rows)| PageScores { file: files.get(&page).cloned(), scores: score_page(&rows, opts), page })
        .collect();
    let overall = pages.iter().fold(Scores::default(), |acc, p| acc.add(&p.scores));
    let overall = Scores { deadline_dates: overall.deadline_dates.or(has_dates.then(Ratio::default)), ..overall };
    Report { overall, pages, quantities: None }
}

/// One wrong, missing or extra row, for reading what went wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mistake {
    /// `wrong` (matched, target or deadline differs), `missing` or `extra`.
    pub kind: &'static str,
    pub page: String,
    pub department: String,
    pub category: String,
    pub seq: String,
    pub flags: String,
    pub gold_lines: String,
    pub pred_lines: String,
    pub gold_target: String,
    pub pred_target: String,
    pub gold_deadline: String,
    pub pred_deadline: String,
}

/// Every row that [`evaluate`] does not count as right, in gold order,
/// then the extra predicted rows.
pub fn mistakes(gold: &[EvalRow], pred: &[EvalRow]) -> Vec<Mistake> {
    let (pairs, extra) = match_rows(gold, pred);
    let lines = |r: Option<&EvalRow>| match r.and_then(|r| r.source_lines) {
        Some((a, b)) => format!("{a}-{b}"),
        None => String::new(),
    };
    let mistake = |kind, key: &EvalRow, g: Option<&EvalRow>, p: Option<&EvalRow>| Mistake {
        kind,
        page: key.page_key(),
        department: key.department.clone(),
        category: key.category.clone(),
        seq: key.seq.clone(),
        flags: p.and_then(|p| p.flags.clone()).unwrap_or_default(),
        gold_lines: lines(g),
        pred_lines: lines(p),
        gold_target: g.map(|g| g.target.clone()).unwrap_or_default(),
        pred_target: p.map(|p| p.target.clone()).unwrap_or_default(),
        gold_deadline: g.map(|g| g.deadline.clone()).unwrap_or_default(),
        pred_deadline: p.map(|p| p.deadline.clone()).unwrap_or_default(),
    };
    let mut out = Vec::new();
    for (g, p) in gold.iter().zip(&pairs) {
        match p.map(|i| &pred[i]) {
            None => out.push(mistake("missing", g, Some(g), None)),
            Some(p) if !row_right(g, p) => out.push(mistake("wrong", g, Some(g), Some(p))),
            Some(_) => {}
        }
    }
    out.extend(extra.iter().map(|&i| mistake("extra", &pred[i], None, Some(&pred[i]))));
    out
}

pub(super) fn row_right(g: &EvalRow, p: &EvalRow) -> bool {
    normalize(&g.target) == normalize(&p.target) && normalize(&g.deadline) == normalize(&p.deadline)
}

#[derive(Default)]
pub(super) struct PageRows<'a> {
    pub(super) gold: Vec<&'a EvalRow>,
    pub(super) pred: Vec<&'a EvalRow>,
    pub(super) pairs: Vec<(&'a EvalRow, Option<&'a EvalRow>)>,
    pub(super) extra: Vec<&'a EvalRow>,
}

#[derive(Clone, Copy)]
pub(super) struct Options {
    pub(super) has_dates: bool,
    pub(super) has_lines: bool,
    pub(super) has_flags: bool,
}

pub(super) fn is_flagged(row: &EvalRow) -> bool {
    row.flags.as_deref().is_some_and(|f| !f.trim().is_empty())
}

pub(super) fn score_page(rows: &PageRows, opts: Options) -> Scores {
    let mut targets = 0;
    let mut deadlines = 0;
    let mut both = 0;
    let mut dates = (0, 0);
    let mut flags = Flags::default();
    for (g, p) in &rows.pairs {
        if opts.has_dates && g.deadline_date.is_some() {
            dates.1 += 1;
        }
        let Some(p) = p else { continue };
        let target_ok = normalize(&g.target) == normalize(&p.target);
        let deadline_ok = normalize(&g.deadline) == normalize(&p.deadline);
        targets += target_ok as usize;
        deadlines += deadline_ok as usize;
        both += (target_ok && deadline_ok) as usize;
        if let (true, Some(gd)) = (opts.has_dates, &g.deadline_date) {
            dates.0 += (normalize(gd) == normalize(p.deadline_date.as_deref().unwrap_or(""))) as usize;
        }
        match (target_ok && deadline_ok, is_flagged(p)) {
            (true, true) => flags.right_flagged += 1,
            (true, false) => flags.right_unflagged += 1,
            (false, true) => flags.wrong_flagged += 1,
            (false, false) => flags.wrong_unflagged += 1,
        }
    }
    for p in &rows.extra {
        if is_flagged(p) {
            flags.wrong_flagged += 1;
        } else {
            flags.wrong_unflagged += 1;
        }
    }
    let gold_rows = rows.gold.len();
    let matched = rows.pairs.iter().filter(|(_, p)| p.is_some()).count();
    Scores {
        gold_rows,
        pred_rows: rows.pred.len(),
        matched,
        missing: gold_rows - matched,
        extra: rows.extra.len(),
        rows: Ratio::new(both, gold_rows),
        targets: Ratio::new(targets, gold_rows),
        deadlines: Ratio::new(deadlines, gold_rows),
        deadline_dates: opts.has_dates.then(|| Ratio::new(dates.0, dates.1)),
        boundaries: if opts.has_lines { Some(boundaries(&rows.gold, &rows.pred)) } else { None },
        flags: opts.has_flags.then_some(flags),
    }
}

/// Compares target-cell segmentations of one page.
///
/// The units are the page's target lines (covered by a gold or a pred
/// cell), in order. A side puts a boundary in the gap before unit `u` when
/// one of its cells starts at `u`; the first unit has no gap before it.
/// Precision/recall compare those boundary sets; WindowDiff slides a window
/// of k units (k = half the mean gold cell length in lines, at least 1) and
/// counts windows where the two sides have different numbers of boundaries.
pub fn boundaries(gold: &[&EvalRow], pred: &[&EvalRow]) -> Boundaries {
    let spans = |rows: &[&EvalRow]| -> Vec<(u32, u32)> { rows.iter().filter_map(|r| r.source_lines).collect() };
    let (gold_spans, pred_spans) = (spans(gold), spans(pred));
    let mut units: BTreeSet<u32> = BTreeSet::new();
    for &(a, b) in gold_spans.iter().chain(&pred_spans) {
        units.extend(a..=b.max(a));
    }
    let units: Vec<u32> = units.into_iter().collect();
    let Some(&first) = units.first() else {
        return Boundaries { prf: Prf::new(0, 0, 0), ..Default::default() };
    };
    let starts =
        |spans: &[(u32, u32)]| -> BTreeSet<u32> { spans.iter().map(|s| s.0).filter(|&s| s != first).collect() };
    let (gold_b, pred_b) = (starts(&gold_spans), starts(&pred_spans));
    let prf = Prf::new(gold_b.len(), pred_b.len(), gold_b.intersection(&pred_b).count());

    let gold_lines: u32 = gold_spans.iter().map(|&(a, b)| b.max(a) - a + 1).sum();
    let mean = if gold_spans.is_empty() { 1.0 } else { gold_lines as f64 / gold_spans.len() as f64 };
    let k = ((mean / 2.0).round() as usize).max(1);
    // gap j lies between units[j] and units[j + 1]
    let gaps = |b: &BTreeSet<u32>| -> Vec<u32> { units[1..].iter().map(|u| b.contains(u) as u32).collect() };
    let (g, p) = (gaps(&gold_b), gaps(&pred_b));
    let windows = units.len().saturating_sub(k);
    let differing =
        (0..windows).filter(|&i| g[i..i + k].iter().sum::<u32>() != p[i..i + k].iter().sum::<u32>()).count();
    Boundaries {
        prf,
        window_diff: if windows == 0 { 0.0 } else { differing as f64 / windows as f64 },
        windows,
        windows_differing: differing,
        k,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(dept: &str, seq: u32, target: &str, lines: Option<(u32, u32)>) -> EvalRow {
        EvalRow {
            department: dept.into(),
            category: "指标类".into(),
            seq: seq.to_string(),
            target: target.into(),
            deadline: "12月底前".into(),
            source_lines: lines,
            file: "p".into(),
            ..Default::default()
        }
    }

    #[test]
    fn one_swapped_boundary() {
        let gold = [row("a", 1, "x", Some((1, 1))), row("a", 2, "y", Some((2, 3))), row("a", 3, "z", Some((4, 4)))];
        let pred = [row("a", 1, "x", Some((1, 2))), row("a", 2, "y", Some((3, 3))), row("a", 3, "z", Some((4, 4)))];
        let b = boundaries(&gold.iter().collect::<Vec<_>>(), &pred.iter().collect::<Vec<_>>());
        assert_eq!((b.prf.gold, b.prf.pred, b.prf.correct), (2, 2, 1));
        assert_eq!(b.prf.f1, 0.5);
        assert_eq!(b.k, 1);
        assert_eq!((b.windows, b.windows_differing), (3, 2));
    }
}
