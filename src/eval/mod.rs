//! Scoring predicted rows against gold rows.
//!
//! Row accuracy alone hides *why* a parser fails, so besides it this module
//! measures where target cells were cut (boundary precision/recall/F1 and
//! WindowDiff over the page's target lines), deadlines, missing and extra
//! rows, and whether wrong rows carried a flag — an unflagged wrong row is
//! the expensive kind, because nobody looks at it.
//!
//! Rows are matched on (issue_date, page, department, category, seq), using
//! issue_date and page only when both sides have them. Targets are compared
//! after NFKC with all white space removed, so `增长 16%` equals `增长16%`.
//!
//! ```
//! use pledges::eval::{evaluate, EvalRow};
//! let gold = vec![EvalRow { department: "市财政局".into(), category: "指标类".into(),
//!     seq: "1".into(), target: "增长 16%".into(), deadline: "12月底前".into(), ..Default::default() }];
//! let pred = vec![EvalRow { target: "增长16％".into(), ..gold[0].clone() }];
//! let report = evaluate(&gold, &pred);
//! assert_eq!(report.overall.rows.correct, 1);
//! assert_eq!(report.row_accuracy(), 1.0);
//! ```

pub mod tolerant;

use crate::Error;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

/// One row of gold or prediction, as read from CSV.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EvalRow {
    pub issue_date: Option<String>,
    pub page: Option<u32>,
    pub department: String,
    pub category: String,
    /// Kept as text so an odd prediction (`１`, `03`) is compared, not rejected.
    pub seq: String,
    pub target: String,
    pub deadline: String,
    /// `None` when the file has no deadline_date column.
    pub deadline_date: Option<String>,
    /// First and last line of the target cell, 1-based.
    pub source_lines: Option<(u32, u32)>,
    /// `None` when the file has no flags column; `Some("")` = not flagged.
    pub flags: Option<String>,
    /// Page name when issue_date/page are missing: the gold file's stem or the
    /// pred row's `source` stem.
    pub file: String,
}

impl EvalRow {
    /// The page this row belongs to, for per-page scores.
    pub fn page_key(&self) -> String {
        match (&self.issue_date, self.page) {
            (Some(d), Some(p)) if !d.is_empty() => format!("{d} p{p:02}"),
            _ => self.file.clone(),
        }
    }
}

/// NFKC, then every white space character removed.
pub fn normalize(s: &str) -> String {
    s.nfkc().filter(|c| !c.is_whitespace()).collect()
}

/// Category names compared without their `（一）` numbering.
fn normalize_category(s: &str) -> String {
    let n = normalize(s);
    match n.find(')') {
        Some(i) if n.starts_with('(') => n[i + 1..].to_string(),
        _ => n,
    }
}

fn normalize_seq(s: &str) -> String {
    let n = normalize(s);
    let t = n.trim_start_matches('0');
    if t.is_empty() && !n.is_empty() {
        "0".into()
    } else {
        t.to_string()
    }
}

// ---------------------------------------------------------------- report types

/// A count out of a total.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Ratio {
    pub correct: usize,
    pub total: usize,
    /// `correct / total`; 1.0 when there is nothing to get right.
    pub accuracy: f64,
}

impl Ratio {
    fn new(correct: usize, total: usize) -> Ratio {
        let accuracy = if total == 0 { 1.0 } else { correct as f64 / total as f64 };
        Ratio { correct, total, accuracy }
    }
    fn add(self, other: Ratio) -> Ratio {
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
    fn add(self, o: Prf) -> Prf {
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
    fn add(self, o: Boundaries) -> Boundaries {
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
    fn add(self, o: Flags) -> Flags {
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
    fn add(&self, o: &Scores) -> Scores {
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

fn merge_opt<T: Copy>(a: Option<T>, b: Option<T>, f: fn(T, T) -> T) -> Option<T> {
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
fn own_files(gold: &[EvalRow]) -> HashMap<String, String> {
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

// ---------------------------------------------------------------- matching

/// Which optional key columns both sides have.
#[derive(Clone, Copy)]
struct KeyShape {
    date: bool,
    page: bool,
}

type RowKey = (String, String, String, String, String);

fn row_key(row: &EvalRow, shape: KeyShape) -> RowKey {
    (
        if shape.date { normalize(row.issue_date.as_deref().unwrap_or("")) } else { String::new() },
        if shape.page { row.page.map(|p| p.to_string()).unwrap_or_default() } else { String::new() },
        normalize(&row.department),
        normalize_category(&row.category),
        normalize_seq(&row.seq),
    )
}

fn key_shape(gold: &[EvalRow], pred: &[EvalRow]) -> KeyShape {
    let all = |rows: &[EvalRow], f: fn(&EvalRow) -> bool| !rows.is_empty() && rows.iter().all(f);
    let has_date = |r: &EvalRow| r.issue_date.as_deref().is_some_and(|d| !d.is_empty());
    let has_page = |r: &EvalRow| r.page.is_some();
    KeyShape { date: all(gold, has_date) && all(pred, has_date), page: all(gold, has_page) && all(pred, has_page) }
}

/// Pairs of (gold index, pred index) plus the unmatched pred indices.
fn match_rows(gold: &[EvalRow], pred: &[EvalRow]) -> (Vec<Option<usize>>, Vec<usize>) {
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

// ---------------------------------------------------------------- evaluate

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

fn row_right(g: &EvalRow, p: &EvalRow) -> bool {
    normalize(&g.target) == normalize(&p.target) && normalize(&g.deadline) == normalize(&p.deadline)
}

#[derive(Default)]
struct PageRows<'a> {
    gold: Vec<&'a EvalRow>,
    pred: Vec<&'a EvalRow>,
    pairs: Vec<(&'a EvalRow, Option<&'a EvalRow>)>,
    extra: Vec<&'a EvalRow>,
}

#[derive(Clone, Copy)]
struct Options {
    has_dates: bool,
    has_lines: bool,
    has_flags: bool,
}

fn is_flagged(row: &EvalRow) -> bool {
    row.flags.as_deref().is_some_and(|f| !f.trim().is_empty())
}

fn score_page(rows: &PageRows, opts: Options) -> Scores {
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

// ---------------------------------------------------------------- boundaries

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

// ---------------------------------------------------------------- quantities

/// One quantity of one row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuantityRow {
    pub issue_date: Option<String>,
    /// `None` when the file has no page column.
    pub page: Option<u32>,
    pub department: String,
    pub category: String,
    pub seq: String,
    pub value: String,
    pub unit: String,
}

/// Matches quantities as a multiset of (row key, value, unit); values
/// compare numerically when both parse (`7.50` = `7.5`).
pub fn evaluate_quantities(gold: &[QuantityRow], pred: &[QuantityRow]) -> Prf {
    let use_date = |rows: &[QuantityRow]| rows.iter().all(|r| r.issue_date.as_deref().is_some_and(|d| !d.is_empty()));
    let with_date = use_date(gold) && use_date(pred);
    let key = |q: &QuantityRow| {
        (
            if with_date { normalize(q.issue_date.as_deref().unwrap_or("")) } else { String::new() },
            normalize(&q.department),
            normalize_category(&q.category),
            normalize_seq(&q.seq),
            normalize_value(&q.value),
            normalize(&q.unit),
        )
    };
    let mut bag: HashMap<_, usize> = HashMap::new();
    for q in gold {
        *bag.entry(key(q)).or_default() += 1;
    }
    let mut correct = 0;
    for q in pred {
        if let Some(n) = bag.get_mut(&key(q)).filter(|n| **n > 0) {
            *n -= 1;
            correct += 1;
        }
    }
    Prf::new(gold.len(), pred.len(), correct)
}

/// The predicted quantities on the pages the gold rows cover: quantity gold
/// is usually made for a few pages, while the prediction holds a whole run.
/// Quantities without issue date and page cannot be placed and are all kept.
pub fn quantities_on_gold_pages(gold: &[EvalRow], pred: Vec<QuantityRow>) -> Vec<QuantityRow> {
    let pages: BTreeSet<(String, u32)> = gold.iter().filter_map(|g| Some((g.issue_date.clone()?, g.page?))).collect();
    let placed = |q: &QuantityRow| q.issue_date.is_some() && q.page.is_some();
    if pages.is_empty() || !pred.iter().all(placed) {
        return pred;
    }
    pred.into_iter()
        .filter(|q| pages.contains(&(q.issue_date.clone().unwrap_or_default(), q.page.unwrap_or(0))))
        .collect()
}

fn normalize_value(v: &str) -> String {
    let n = normalize(v);
    match n.replace(',', "").parse::<f64>() {
        Ok(x) => format!("{x}"),
        Err(_) => n,
    }
}

// ---------------------------------------------------------------- reading

/// A CSV with its columns found by header name.
struct Table {
    path: PathBuf,
    columns: HashMap<String, usize>,
    records: Vec<csv::StringRecord>,
}

impl Table {
    fn read(path: &Path) -> Result<Table, Error> {
        let csv_error = |e| Error::from_csv(path, e);
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_path(path).map_err(csv_error)?;
        let headers = reader.headers().map_err(csv_error)?;
        let columns =
            headers.iter().enumerate().map(|(i, h)| (h.trim().trim_start_matches('\u{feff}').to_string(), i)).collect();
        let records = reader.records().collect::<Result<Vec<_>, _>>().map_err(csv_error)?;
        Ok(Table { path: path.to_path_buf(), columns, records })
    }
    fn require(&self, names: &[&str]) -> Result<(), Error> {
        let missing: Vec<String> =
            names.iter().filter(|n| !self.columns.contains_key(**n)).map(|n| n.to_string()).collect();
        if !missing.is_empty() {
            return Err(Error::MissingColumns { file: self.path.display().to_string(), columns: missing });
        }
        Ok(())
    }
    fn get<'a>(&self, record: &'a csv::StringRecord, name: &str) -> Option<&'a str> {
        self.columns.get(name).map(|&i| record.get(i).unwrap_or(""))
    }
}

const REQUIRED: [&str; 5] = ["department", "category", "seq", "target", "deadline"];

/// Reads rows from a CSV file, or from every `*.gold.csv` and `rows.csv`
/// under a directory.
pub fn read_rows(path: impl AsRef<Path>) -> Result<Vec<EvalRow>, Error> {
    let path = path.as_ref();
    let files = csv_files(path, |name| name.ends_with(".gold.csv") || name == "rows.csv")?;
    let mut rows = Vec::new();
    for file in files {
        rows.extend(read_rows_file(&file)?);
    }
    Ok(rows)
}

fn csv_files(path: &Path, wanted: fn(&str) -> bool) -> Result<Vec<PathBuf>, Error> {
    if !path.exists() {
        return Err(Error::NoSuchPath { file: path.display().to_string() });
    }
    if path.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut out = Vec::new();
    let mut stack = vec![path.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let io_error = |err| Error::Io { file: dir.display().to_string(), err };
        for entry in std::fs::read_dir(&dir).map_err(io_error)? {
            let p = entry.map_err(io_error)?.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.file_name().and_then(|n| n.to_str()).is_some_and(wanted) {
                out.push(p);
            }
        }
    }
    if out.is_empty() {
        return Err(Error::NoCsvFiles { file: path.display().to_string() });
    }
    out.sort();
    Ok(out)
}

/// `g0001_x.gold.csv` → `g0001_x`; `page.txt` → `page`.
fn stem(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    for suffix in [".gold.csv", ".csv", ".txt"] {
        if let Some(s) = base.strip_suffix(suffix) {
            return s.to_string();
        }
    }
    base.to_string()
}

/// `107-108`, `107`, or runs `66-67;69-69` (a cell broken by another line):
/// the first and last line.
fn parse_lines(s: &str) -> Option<(u32, u32)> {
    let s = normalize(s);
    let first = s.split(';').next()?;
    let last = s.rsplit(';').next()?;
    let a = first.split_once('-').map_or(first, |(a, _)| a);
    let b = last.rsplit_once('-').map_or(last, |(_, b)| b);
    Some((a.parse().ok()?, b.parse().ok()?))
}

fn read_rows_file(path: &Path) -> Result<Vec<EvalRow>, Error> {
    let table = Table::read(path)?;
    table.require(&REQUIRED)?;
    let file_stem = stem(&path.to_string_lossy());
    let is_rows_csv = path.file_name().is_some_and(|n| n == "rows.csv");
    let rows = table
        .records
        .iter()
        .map(|r| {
            let text = |name: &str| table.get(r, name).unwrap_or("").to_string();
            let source = table.get(r, "source").filter(|s| !s.is_empty());
            EvalRow {
                issue_date: table.get(r, "issue_date").map(normalize).filter(|d| !d.is_empty()),
                page: table.get(r, "page").and_then(|p| normalize(p).parse().ok()),
                department: text("department"),
                category: text("category"),
                seq: text("seq"),
                target: text("target"),
                deadline: text("deadline"),
                deadline_date: table.get(r, "deadline_date").map(str::to_string),
                // The hand-made seed gold calls the column target_lines.
                source_lines: table
                    .get(r, "source_lines")
                    .or_else(|| table.get(r, "target_lines"))
                    .and_then(parse_lines),
                flags: table.get(r, "flags").map(str::to_string),
                file: match source {
                    Some(s) => stem(s),
                    None if is_rows_csv => path.to_string_lossy().into_owned(),
                    None => file_stem.clone(),
                },
            }
        })
        .collect();
    Ok(rows)
}

/// Reads a quantities.csv (or every `*quantities*.csv` under a directory).
pub fn read_quantities(path: impl AsRef<Path>) -> Result<Vec<QuantityRow>, Error> {
    let mut out = Vec::new();
    for file in csv_files(path.as_ref(), |n| n.contains("quantities") && n.ends_with(".csv"))? {
        let table = Table::read(&file)?;
        table.require(&["department", "category", "seq", "value", "unit"])?;
        for r in &table.records {
            let text = |name: &str| table.get(r, name).unwrap_or("").to_string();
            out.push(QuantityRow {
                issue_date: table.get(r, "issue_date").map(normalize).filter(|d| !d.is_empty()),
                page: table.get(r, "page").and_then(|p| normalize(p).parse().ok()),
                department: text("department"),
                category: text("category"),
                seq: text("seq"),
                value: text("value"),
                unit: text("unit"),
            });
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------- display

fn pct(x: f64) -> String {
    format!("{:.4}", x)
}

fn ratio(r: &Ratio) -> String {
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

    #[test]
    fn category_numbering_ignored() {
        assert_eq!(normalize_category("（二）项目类"), "项目类");
        assert_eq!(normalize_category("项目类"), "项目类");
        assert_eq!(normalize_seq("０3"), "3");
    }

    #[test]
    fn prf_edge_cases() {
        assert_eq!(Prf::new(0, 0, 0).f1, 1.0);
        assert_eq!(Prf::new(2, 0, 0).precision, 0.0);
        assert_eq!(Prf::new(0, 2, 0).precision, 0.0);
    }
}
