//! The tables of a page before printing: rows drawn from the text bank,
//! numbers dropped, tables cut into parts and grouped, and the sheet lines
//! are written to.

use super::*;
use rand::seq::{IndexedRandom, SliceRandom};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// One table row as it will be printed.
#[derive(Debug, Clone)]
pub(super) struct Row {
    pub(super) category: usize,
    pub(super) seq: u32,
    /// `None` when OCR lost the number line.
    pub(super) number: Option<String>,
    pub(super) lines: Vec<String>,
    pub(super) deadline: String,
}

#[derive(Debug, Clone)]
pub(super) struct Table {
    pub(super) department: String,
    /// Printed header of each category present, e.g. `（二）项目类`.
    pub(super) headers: Vec<(usize, String)>,
    pub(super) rows: Vec<Row>,
}

impl Table {
    pub(super) fn is_category_start(&self, i: usize) -> bool {
        i == 0 || self.rows[i - 1].category != self.rows[i].category
    }
    pub(super) fn header_of(&self, category: usize) -> &str {
        &self.headers.iter().find(|(c, _)| *c == category).expect("header for category").1
    }
}

/// A contiguous slice of one table's rows as printed in one place.
#[derive(Debug, Clone, Copy)]
pub(super) struct Part {
    pub(super) table: usize,
    pub(super) from: usize,
    pub(super) to: usize,
    pub(super) row_wise: bool,
    /// Printed one row per line (`pdftotext -layout`).
    pub(super) layout: bool,
    /// The first part of a table split across newspaper columns ends its group.
    pub(super) ends_group: bool,
}

impl Part {
    pub(super) fn continued(&self) -> bool {
        self.from > 0
    }
}

/// Page-wide wording choices.
pub(super) struct Style {
    pub(super) target_header: &'static str,
    pub(super) deadline_header: &'static str,
}

/// The page being written; remembers where each target cell landed.
pub(super) struct Sheet {
    pub(super) lines: Vec<String>,
    /// `spans[table][row]` = 1-based first/last line of the target cell.
    pub(super) spans: Vec<Vec<Option<(usize, usize)>>>,
}

impl Sheet {
    pub(super) fn push(&mut self, line: impl Into<String>) -> usize {
        self.lines.push(line.into());
        self.lines.len()
    }
    /// A blank line, never two in a row (pdftotext collapses them).
    pub(super) fn blank(&mut self) {
        if self.lines.last().is_some_and(|l| !l.is_empty()) {
            self.lines.push(String::new());
        }
    }
    pub(super) fn maybe_blank(&mut self, rng: &mut ChaCha8Rng, p: f64) {
        if chance(rng, p) {
            self.blank();
        }
    }
    pub(super) fn target_cell(&mut self, table: usize, row: usize, lines: &[String]) {
        let first = self.lines.len() + 1;
        for l in lines {
            self.push(l.clone());
        }
        self.spans[table][row] = Some((first, self.lines.len()));
    }
}

pub(super) fn chance(rng: &mut ChaCha8Rng, p: f64) -> bool {
    rng.random_bool(p.clamp(0.0, 1.0))
}

pub(super) fn fullwidth_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => char::from_u32('０' as u32 + d).expect("full-width digit"),
            None => c,
        })
        .collect()
}

pub(super) fn build_tables(rng: &mut ChaCha8Rng, knobs: &Knobs, year: i64, count: usize) -> Vec<Table> {
    let mut names: Vec<&str> = knobs.texts.departments();
    names.shuffle(rng);
    let items = knobs.texts.items();
    let mut pools: Vec<Vec<&SeedItem>> =
        (0..4).map(|c| items.iter().copied().filter(|i| i.category == c).collect()).collect();
    for pool in &mut pools {
        pool.shuffle(rng);
    }
    let mut cursor = [0usize; 4];
    names.iter().take(count).map(|name| build_table(rng, knobs, year, name, &pools, &mut cursor)).collect()
}

pub(super) fn build_table(
    rng: &mut ChaCha8Rng,
    knobs: &Knobs,
    year: i64,
    name: &str,
    pools: &[Vec<&SeedItem>],
    cursor: &mut [usize; 4],
) -> Table {
    let width_em = knobs.width_em + rng.random_range(-1.0..=1.0);
    let mut present: Vec<usize> = (0..4).filter(|_| rng.random_bool(0.6)).collect();
    if present.is_empty() {
        present.push(rng.random_range(0..4));
    }
    let mut headers = Vec::new();
    let mut rows = Vec::new();
    for (ordinal, &category) in present.iter().enumerate() {
        headers.push((category, category_header(rng, knobs, ordinal, category)));
        let max = knobs.max_rows_per_category.max(1);
        // Skewed towards short categories, as on real pages.
        let n = rng.random_range(1..=max).min(rng.random_range(1..=max)).max(1);
        let first = rows.len();
        for seq in 1..=n as u32 {
            let item = next_item(pools, cursor, category);
            rows.push(make_row(rng, knobs, year, width_em, category, seq, item));
        }
        drop_numbers(rng, knobs, &mut rows[first..]);
    }
    Table { department: name.to_string(), headers, rows }
}

/// The next unused seed item of a category; when a small category runs out
/// on a busy page, an unused 指标类 item (the biggest pool) stands in rather
/// than repeating a target on the same page.
pub(super) fn next_item<'a>(pools: &[Vec<&'a SeedItem>], cursor: &mut [usize; 4], category: usize) -> &'a SeedItem {
    let source = if cursor[category] < pools[category].len() { category } else { 0 };
    let pool = &pools[source];
    let item = pool[cursor[source] % pool.len()];
    cursor[source] += 1;
    item
}

pub(super) fn category_header(rng: &mut ChaCha8Rng, knobs: &Knobs, ordinal: usize, category: usize) -> String {
    let numeral = NUMERALS[ordinal];
    let name = CATEGORIES[category];
    if chance(rng, knobs.half_bracket_rate) {
        if rng.random_bool(0.5) {
            format!("({numeral}）{name}")
        } else {
            format!("({numeral}){name}")
        }
    } else {
        format!("（{numeral}）{name}")
    }
}

pub(super) fn make_row(
    rng: &mut ChaCha8Rng,
    knobs: &Knobs,
    year: i64,
    width_em: f64,
    category: usize,
    seq: u32,
    item: &SeedItem,
) -> Row {
    let text: String = texts::fill_year(&item.target, year)
        .chars()
        .filter(|&c| c != ' ' || chance(rng, knobs.keep_space_rate))
        .collect();
    let mut number = seq.to_string();
    if chance(rng, knobs.fullwidth_digit_rate) {
        number = fullwidth_digits(&number);
    }
    if chance(rng, knobs.stray_space_rate) {
        number.insert(0, ' ');
    }
    let mut deadline = if chance(rng, knobs.alt_deadline_rate) {
        alt_deadline(rng, year)
    } else {
        texts::fill_year(&item.deadline, year).into_owned()
    };
    if chance(rng, knobs.fullwidth_digit_rate) {
        deadline = fullwidth_digits(&deadline);
    }
    Row { category, seq, number: Some(number), lines: wrap(&text, width_em), deadline }
}

pub(super) fn alt_deadline(rng: &mut ChaCha8Rng, year: i64) -> String {
    let choices = [
        "12月底前".to_string(),
        "年底前".to_string(),
        "6月30日前".to_string(),
        format!("{year}年12月底前"),
        format!("{year}年6月底前"),
        "上半年".to_string(),
        "下半年".to_string(),
        "三季度末".to_string(),
        "一季度末".to_string(),
        "长期坚持".to_string(),
        "9月30日前".to_string(),
    ];
    choices.choose(rng).expect("non-empty").clone()
}

/// OCR loses number lines: single ones, and now and then a whole run (the
/// seed lost 10..20). The first number of a category always survives; the
/// last only rarely goes.
pub(super) fn drop_numbers(rng: &mut ChaCha8Rng, knobs: &Knobs, rows: &mut [Row]) {
    let n = rows.len();
    for (i, row) in rows.iter_mut().enumerate().skip(1) {
        let last = i + 1 == n;
        let p = knobs.drop_number_rate * if last { 0.1 } else { 1.0 };
        if chance(rng, p) {
            row.number = None;
        }
    }
    if n >= 4 && chance(rng, knobs.drop_run_rate) {
        let len = rng.random_range(2..=(n - 2).min(12));
        let start = rng.random_range(1..=n - 1 - len);
        for row in &mut rows[start..start + len] {
            row.number = None;
        }
    }
}

/// Cuts tables into parts (newspaper-column splits) and marks the layout.
pub(super) fn arrange(
    rng: &mut ChaCha8Rng,
    knobs: &Knobs,
    tables: &[Table],
    first: usize,
    start_row: usize,
) -> Vec<Part> {
    let mut parts = Vec::new();
    for (t, table) in tables.iter().enumerate().skip(first) {
        let from = if t == first { start_row } else { 0 };
        let row_wise = chance(rng, knobs.row_wise_rate);
        // Drawn only when asked for, so that other knobs' pages stay as they were.
        let layout = !row_wise && knobs.layout_rate > 0.0 && chance(rng, knobs.layout_rate);
        let n = table.rows.len();
        if !row_wise && !layout && n - from >= 2 && chance(rng, knobs.split_rate) {
            let cut = rng.random_range(from + 1..n);
            parts.push(Part { table: t, from, to: cut, row_wise, layout, ends_group: true });
            parts.push(Part { table: t, from: cut, to: n, row_wise, layout, ends_group: false });
        } else {
            parts.push(Part { table: t, from, to: n, row_wise, layout, ends_group: false });
        }
    }
    parts
}

/// Consecutive column-wise parts go into groups of `group_min..=group_max`;
/// a row-wise part stands alone.
pub(super) fn groups(rng: &mut ChaCha8Rng, knobs: &Knobs, parts: &[Part]) -> Vec<Vec<Part>> {
    let lo = knobs.group_min.clamp(1, 4);
    let hi = knobs.group_max.clamp(lo, 4);
    let mut out: Vec<Vec<Part>> = Vec::new();
    let mut current: Vec<Part> = Vec::new();
    let mut size = rng.random_range(lo..=hi);
    for &part in parts {
        if part.row_wise || part.layout {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            out.push(vec![part]);
            continue;
        }
        current.push(part);
        if current.len() >= size || part.ends_group {
            out.push(std::mem::take(&mut current));
            size = rng.random_range(lo..=hi);
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}
