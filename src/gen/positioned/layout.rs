//! Lays generated tables out as a printed newspaper page, in points.
//!
//! The text generator ([`super::super`]) decides *what* is printed (tables,
//! departments, categories, targets, deadlines); this module decides
//! *where*: 2–4 newspaper columns, each table a grid `序号 / 任务目标 /
//! 完成时限` with the department title above it and category rows
//! `（一）指标类` spanning the row, targets wrapped inside their cell,
//! numbers and deadlines centred or top-aligned in tall rows, deadlines
//! wrapped in a narrow cell, rules or none, an article above or beside the
//! tables, and tables running on into the next newspaper column or page.
//!
//! The result is a list of [`Sheet`]s (printed pages): text runs with their
//! boxes and rule segments, plus the gold rows of each sheet. The writers
//! (PDF, OCR formats) only draw what is here, so every format of one seed
//! shows the same page.
//!
//! ```
//! use pledges::gen::positioned::{layout::lay_out, PositionedKnobs};
//! let sheets = lay_out(3, &PositionedKnobs::default());
//! let runs: Vec<&str> = sheets[0].runs.iter().map(|r| r.text.as_str()).collect();
//! assert!(runs.contains(&"序号") && runs.contains(&"完成时限"));
//! assert!(!sheets[0].gold.is_empty());
//! ```

use super::super::{
    build_tables, lead_paragraph, masthead, page_style, random_date, title, wrap, Date, GoldRow, Knobs, Style, Table,
    CATEGORIES, SECOND_PARAGRAPHS, SLOGANS,
};
use super::PositionedKnobs;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Page size in points: A3 portrait, the size most county papers print.
pub(crate) const PAGE_WIDTH: f64 = 842.0;
pub(crate) const PAGE_HEIGHT: f64 = 1191.0;
const MARGIN: f64 = 36.0;
const GUTTER: f64 = 14.0;
/// Space between a cell's rule and its text, in font sizes.
const CELL_PAD_EM: f64 = 0.3;

/// What a run of text is, so writers and tests can tell cells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunKind {
    Masthead,
    Title,
    Article,
    Department,
    Header,
    Category,
    Number,
    Target,
    Deadline,
    /// `（下转5版）`, `（上接4版）`, attachment page numbers.
    Marker,
}

/// One printed line of text (a cell line, a title, an article line).
/// `x`, `y` are the top-left corner of its box; `y` grows downwards.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub text: String,
    pub x: f64,
    pub y: f64,
    /// Font size in points; the box is `width() × size` tall.
    pub size: f64,
    pub kind: RunKind,
}

impl Run {
    /// Advance width: CJK and full-width characters 1 em, ASCII ½ em (the
    /// PDF writer declares exactly these widths, so boxes agree).
    pub fn width(&self) -> f64 {
        text_width_em(&self.text) * self.size
    }
}

/// Width in em of a text under the generator's metric.
pub fn text_width_em(text: &str) -> f64 {
    text.chars().map(|c| if c.is_ascii() { 0.5 } else { 1.0 }).sum()
}

/// A straight rule segment, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rule {
    pub fn is_vertical(&self) -> bool {
        (self.x0 - self.x1).abs() < 0.01
    }
}

/// One printed page with its answers.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// Newspaper page number (attachments: 1, 2, …).
    pub page: u32,
    pub issue_date: String,
    pub runs: Vec<Run>,
    pub rules: Vec<Rule>,
    /// Rows whose target cell is printed on this sheet.
    pub gold: Vec<GoldRow>,
}

/// Lays out one generated list; several sheets when it runs on.
pub fn lay_out(seed: u64, knobs: &PositionedKnobs) -> Vec<Sheet> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let date = random_date(&mut rng);
    let attachment = chance(&mut rng, knobs.attachment_rate);
    let first_page = if attachment { 1 } else { rng.random_range(2..=8) };
    let text_knobs = knobs.table_knobs();
    let lo = knobs.tables_min.max(1);
    let count = rng.random_range(lo..=knobs.tables_max.max(lo));
    let tables = build_tables(&mut rng, &text_knobs, date.year, count);
    let style = page_style(&mut rng, &text_knobs);
    let mut page = Composer::new(&mut rng, knobs, date, first_page, attachment);
    page.front_matter(&style);
    for (t, table) in tables.iter().enumerate() {
        if !page.table(t, table, &style) {
            break;
        }
    }
    page.finish()
}

fn chance(rng: &mut ChaCha8Rng, p: f64) -> bool {
    rng.random_bool(p.clamp(0.0, 1.0))
}

/// Page-wide measures drawn once per list.
#[derive(Debug, Clone, Copy)]
struct Measures {
    columns: usize,
    size: f64,
    /// Line pitch in points.
    pitch: f64,
    seq_w: f64,
    deadline_w: f64,
    ruled: bool,
    centred: bool,
}

impl Measures {
    fn column_width(&self) -> f64 {
        (PAGE_WIDTH - 2.0 * MARGIN - (self.columns - 1) as f64 * GUTTER) / self.columns as f64
    }
    fn pad(&self) -> f64 {
        CELL_PAD_EM * self.size
    }
    fn target_w(&self) -> f64 {
        self.column_width() - self.seq_w - self.deadline_w
    }
    /// Target wrap width in em, inside the cell padding.
    fn target_em(&self) -> f64 {
        ((self.target_w() - 2.0 * self.pad()) / self.size).floor().max(4.0)
    }
    fn deadline_em(&self) -> f64 {
        ((self.deadline_w - 2.0 * self.pad()) / self.size).floor().max(2.0)
    }
    fn line_height(&self, lines: usize) -> f64 {
        lines.max(1) as f64 * self.pitch + 2.0 * self.pad()
    }
}

/// Places runs column by column, page by page.
struct Composer<'a> {
    rng: &'a mut ChaCha8Rng,
    knobs: &'a PositionedKnobs,
    m: Measures,
    date: Date,
    attachment: bool,
    /// False when the list may not run on to another page: tables that do
    /// not fit are left off.
    may_continue: bool,
    sheets: Vec<Sheet>,
    /// Current newspaper column and the y where the next element goes.
    column: usize,
    y: f64,
    /// Top of the columns on this sheet (below masthead / article above).
    top: f64,
    /// First column the tables may use on this sheet (1 when an article
    /// fills column 0).
    first_column: usize,
    /// Category rows of the table part being drawn: inner rules skip them,
    /// as the row spans the table.
    bands: Vec<(f64, f64)>,
}

impl<'a> Composer<'a> {
    fn new(rng: &'a mut ChaCha8Rng, knobs: &'a PositionedKnobs, date: Date, page: u32, attachment: bool) -> Self {
        let lo = knobs.columns_min.clamp(1, 6);
        let columns = rng.random_range(lo..=knobs.columns_max.clamp(lo, 6));
        let size = rng.random_range(knobs.font_pt_min..=knobs.font_pt_max.max(knobs.font_pt_min));
        let pitch = size * rng.random_range(knobs.pitch_min..=knobs.pitch_max.max(knobs.pitch_min));
        let deadline_em = rng.random_range(knobs.deadline_em_min..=knobs.deadline_em_max.max(knobs.deadline_em_min));
        let m = Measures {
            columns,
            size,
            pitch,
            seq_w: (knobs.seq_em + 2.0 * CELL_PAD_EM) * size,
            deadline_w: (deadline_em + 2.0 * CELL_PAD_EM) * size,
            ruled: chance(rng, knobs.ruled_rate),
            centred: chance(rng, knobs.centre_rate),
        };
        let may_continue = attachment || chance(rng, knobs.continue_rate);
        let sheet = Sheet { page, issue_date: date.iso(), runs: vec![], rules: vec![], gold: vec![] };
        Composer {
            rng,
            knobs,
            m,
            date,
            attachment,
            may_continue,
            sheets: vec![sheet],
            column: 0,
            y: MARGIN,
            top: MARGIN,
            first_column: 0,
            bands: Vec::new(),
        }
    }

    fn sheet(&mut self) -> &mut Sheet {
        self.sheets.last_mut().expect("never empty")
    }

    fn push(&mut self, text: impl Into<String>, x: f64, y: f64, size: f64, kind: RunKind) {
        let text = text.into();
        if !text.is_empty() {
            self.sheet().runs.push(Run { text, x, y, size, kind });
        }
    }

    fn rule(&mut self, x0: f64, y0: f64, x1: f64, y1: f64) {
        self.sheet().rules.push(Rule { x0, y0, x1, y1 });
    }

    fn column_x(&self, column: usize) -> f64 {
        MARGIN + column as f64 * (self.m.column_width() + GUTTER)
    }

    fn bottom(&self) -> f64 {
        PAGE_HEIGHT - MARGIN - 2.0 * self.m.pitch
    }

    /// Masthead, title and article on the first sheet.
    fn front_matter(&mut self, style: &Style) {
        let _ = style;
        let page = self.sheet().page;
        if self.attachment {
            self.attachment_head(page);
            self.top = self.y;
            return;
        }
        self.masthead(page);
        let slogan = *SLOGANS.choose(self.rng).expect("non-empty");
        let title_text = title(self.rng, slogan, self.date.year);
        let title_size = self.m.size * 1.8;
        let x = (PAGE_WIDTH - text_width_em(&title_text) * title_size) / 2.0;
        let y = self.y;
        self.push(title_text, x, y, title_size, RunKind::Title);
        self.y += title_size * 1.8;
        self.top = self.y;
        if chance(self.rng, self.knobs.article_rate) {
            let mut text = lead_paragraph(self.rng, self.date, slogan);
            if self.rng.random_bool(0.5) {
                text.push_str(SECOND_PARAGRAPHS.choose(self.rng).expect("non-empty"));
            }
            if chance(self.rng, self.knobs.article_beside_rate) && self.m.columns > 1 {
                self.article_beside(&text);
            } else {
                self.article_above(&text);
            }
        }
        self.column = self.first_column;
        self.y = self.top;
    }

    fn masthead(&mut self, page: u32) {
        let knobs = Knobs { masthead_variant_rate: 0.5, ..Knobs::default() };
        let lines: Vec<String> =
            masthead(self.rng, &knobs, self.date, page).into_iter().filter(|l| !l.is_empty()).collect();
        let size = self.m.size;
        let y = self.y;
        if let Some(left) = lines.first() {
            self.push(left.clone(), MARGIN, y, size, RunKind::Masthead);
        }
        if let Some(right) = lines.get(1) {
            let x = PAGE_WIDTH - MARGIN - text_width_em(right) * size;
            self.push(right.clone(), x, y, size, RunKind::Masthead);
        }
        let rule_y = y + size * 1.6;
        self.rule(MARGIN, rule_y, PAGE_WIDTH - MARGIN, rule_y);
        self.y = rule_y + size * 1.5;
    }

    /// Government attachment: `附件`, a title, no masthead.
    fn attachment_head(&mut self, page: u32) {
        let size = self.m.size;
        let y = self.y;
        if page == 1 {
            self.push("附件", MARGIN, y, size * 1.2, RunKind::Title);
            self.y += size * 2.5;
            let text = format!("{}年度部门单位工作承诺清单", self.date.year);
            let title_size = size * 1.6;
            let x = (PAGE_WIDTH - text_width_em(&text) * title_size) / 2.0;
            let y = self.y;
            self.push(text, x, y, title_size, RunKind::Title);
            self.y += title_size * 2.0;
        }
    }

    fn article_above(&mut self, text: &str) {
        let width_em = ((PAGE_WIDTH - 2.0 * MARGIN) / self.m.size).floor() - 2.0;
        self.article_lines(text, width_em);
        self.y += self.m.pitch;
        self.top = self.y;
    }

    /// The article's lines from the left margin down, the first indented
    /// two glyphs as a paragraph opens.
    fn article_lines(&mut self, text: &str, width_em: f64) {
        let size = self.m.size;
        for (i, line) in wrap(text, width_em).into_iter().enumerate() {
            let x = MARGIN + if i == 0 { 2.0 * size } else { 0.0 };
            let y = self.y;
            self.push(line, x, y, size, RunKind::Article);
            self.y += self.m.pitch;
        }
    }

    /// The article fills the top of column 0 and the tables start beside it
    /// in column 1.
    fn article_beside(&mut self, text: &str) {
        let width_em = (self.m.column_width() / self.m.size).floor() - 2.0;
        self.y = self.top;
        self.article_lines(text, width_em);
        self.first_column = 1;
    }

    /// Lays out one table; false when it did not fit and the list may not
    /// run on (the table and all after it are left off).
    fn table(&mut self, t: usize, table: &Table, style: &Style) -> bool {
        let _ = t;
        let m = self.m;
        let title_h = m.size * 1.2 * 1.6;
        let header_h = m.line_height(1);
        let rows = self.row_cells(table);
        if !self.may_continue && !self.fits_on_sheet(title_h + header_h, &rows) {
            return false;
        }
        // The title, header and first row stay together.
        let first_h = rows.first().map_or(0.0, |r| r.height);
        if self.y + title_h + header_h + first_h > self.bottom() {
            self.next_column();
        }
        self.department(&table.department, title_h);
        self.header(style);
        let mut table_top = self.y - header_h;
        for row in &rows {
            if self.y + row.height > self.bottom() {
                self.close_table(table_top);
                self.next_column();
                // Running on: repeat the header in a newspaper column with
                // `repeat_header_rate`, always on an attachment's next page.
                let new_page = self.column == self.first_column;
                if (new_page && self.attachment) || (!new_page && chance(self.rng, self.knobs.repeat_header_rate)) {
                    self.header(style);
                    table_top = self.y - header_h;
                } else {
                    table_top = self.y;
                }
            }
            self.row(table, row);
        }
        self.close_table(table_top);
        self.y += m.pitch;
        true
    }

    /// Whether the whole table still fits in the columns left on this sheet.
    fn fits_on_sheet(&self, head: f64, rows: &[RowCells]) -> bool {
        let mut column = self.column;
        let mut y = self.y;
        let top = self.top;
        if y + head + rows.first().map_or(0.0, |r| r.height) > self.bottom() {
            column += 1;
            y = top;
        }
        y += head;
        for row in rows {
            if y + row.height > self.bottom() {
                column += 1;
                // A repeated header may take a line's room in the next column.
                y = top + self.m.line_height(1);
            }
            y += row.height;
        }
        column < self.m.columns
    }

    fn next_column(&mut self) {
        self.column += 1;
        self.y = self.top;
        if self.column >= self.m.columns {
            self.next_sheet();
        }
    }

    fn next_sheet(&mut self) {
        let page = self.sheet().page;
        let size = self.m.size;
        if self.attachment {
            // Page numbers at the foot, `— 1 —`, as government documents print them.
            let text = format!("— {page} —");
            let x = (PAGE_WIDTH - text_width_em(&text) * size) / 2.0;
            self.push(text, x, PAGE_HEIGHT - MARGIN, size, RunKind::Marker);
        } else {
            let text = format!("（下转{}版）", page + 1);
            let x = self.column_x(self.m.columns - 1) + self.m.column_width() - text_width_em(&text) * size;
            self.push(text, x, PAGE_HEIGHT - MARGIN - size, size, RunKind::Marker);
        }
        let sheet = Sheet { page: page + 1, issue_date: self.date.iso(), runs: vec![], rules: vec![], gold: vec![] };
        self.sheets.push(sheet);
        self.y = MARGIN;
        self.first_column = 0;
        self.column = 0;
        if !self.attachment {
            self.masthead(page + 1);
            let text = format!("（上接{page}版）");
            let y = self.y;
            self.push(text, MARGIN, y, size, RunKind::Marker);
            self.y += self.m.pitch * 1.5;
        }
        self.top = self.y;
    }

    fn department(&mut self, name: &str, height: f64) {
        let size = self.m.size * 1.2;
        let x0 = self.column_x(self.column);
        let x = x0 + (self.m.column_width() - text_width_em(name) * size) / 2.0;
        let y = self.y;
        self.push(name, x, y, size, RunKind::Department);
        self.y += height;
    }

    fn header(&mut self, style: &Style) {
        let m = self.m;
        let x0 = self.column_x(self.column);
        let h = m.line_height(1);
        let y = self.y;
        let cells = [
            (x0, m.seq_w, "序号"),
            (x0 + m.seq_w, m.target_w(), style.target_header),
            (x0 + m.seq_w + m.target_w(), m.deadline_w, style.deadline_header),
        ];
        for (x, w, text) in cells {
            // A header wider than its cell wraps, as narrow deadline heads do.
            let em = ((w - 2.0 * m.pad()) / m.size).floor().max(1.0);
            let lines = wrap(text, em);
            let top = y + (h - lines.len() as f64 * m.pitch).max(0.0) / 2.0 + m.pad();
            for (i, line) in lines.iter().enumerate() {
                let lx = x + (w - text_width_em(line) * m.size) / 2.0;
                self.push(line.clone(), lx, top - m.pad() + i as f64 * m.pitch, m.size, RunKind::Header);
            }
        }
        self.y += h.max(wrap(style.deadline_header, m.deadline_em()).len() as f64 * m.pitch + 2.0 * m.pad());
        self.hline(y);
    }

    fn hline(&mut self, y: f64) {
        if self.m.ruled {
            let x0 = self.column_x(self.column);
            self.rule(x0, y, x0 + self.m.column_width(), y);
        }
    }

    /// Bottom rule and the verticals of a table part in this column.
    fn close_table(&mut self, top: f64) {
        if !self.m.ruled || self.y <= top {
            self.bands.clear();
            return;
        }
        let y = self.y;
        self.hline(y);
        let x0 = self.column_x(self.column);
        let m = self.m;
        for x in [x0, x0 + m.column_width()] {
            self.rule(x, top, x, y);
        }
        let bands = std::mem::take(&mut self.bands);
        for x in [x0 + m.seq_w, x0 + m.seq_w + m.target_w()] {
            let mut from = top;
            for &(a, b) in bands.iter().filter(|(a, _)| *a >= top) {
                if a > from {
                    self.rule(x, from, x, a);
                }
                from = b;
            }
            if y > from {
                self.rule(x, from, x, y);
            }
        }
    }

    fn row_cells(&mut self, table: &Table) -> Vec<RowCells> {
        let m = self.m;
        let mut out = Vec::new();
        for (i, row) in table.rows.iter().enumerate() {
            let category = (i == 0 || table.rows[i - 1].category != row.category)
                .then(|| table.header_of(row.category).to_string());
            let target = wrap(&row.lines.concat(), m.target_em());
            let deadline = wrap(&row.deadline, m.deadline_em());
            let lines = target.len().max(deadline.len());
            let height = m.line_height(lines) + category.as_ref().map_or(0.0, |_| m.line_height(1));
            out.push(RowCells { index: i, category, target, deadline, height });
        }
        out
    }

    fn row(&mut self, table: &Table, cells: &RowCells) {
        let m = self.m;
        let x0 = self.column_x(self.column);
        if let Some(category) = &cells.category {
            let y = self.y;
            self.push(category.clone(), x0 + m.pad(), y + m.pad(), m.size, RunKind::Category);
            self.y += m.line_height(1);
            self.bands.push((y, self.y));
            self.hline(self.y);
        }
        let row = &table.rows[cells.index];
        let top = self.y;
        let height = m.line_height(cells.target.len().max(cells.deadline.len()));
        let side_top = |lines: usize| {
            if m.centred {
                top + (height - lines as f64 * m.pitch) / 2.0
            } else {
                top + m.pad()
            }
        };
        let number = row.seq.to_string();
        let nx = x0 + (m.seq_w - text_width_em(&number) * m.size) / 2.0;
        self.push(number, nx, side_top(1), m.size, RunKind::Number);
        let tx = x0 + m.seq_w + m.pad();
        for (i, line) in cells.target.iter().enumerate() {
            self.push(line.clone(), tx, top + m.pad() + i as f64 * m.pitch, m.size, RunKind::Target);
        }
        let dx0 = x0 + m.seq_w + m.target_w();
        let dtop = side_top(cells.deadline.len());
        for (i, line) in cells.deadline.iter().enumerate() {
            let dx = dx0 + (m.deadline_w - text_width_em(line) * m.size) / 2.0;
            self.push(line.clone(), dx, dtop + i as f64 * m.pitch, m.size, RunKind::Deadline);
        }
        self.y = top + height;
        self.hline(self.y);
        let gold = GoldRow {
            department: table.department.clone(),
            category: CATEGORIES[row.category].to_string(),
            seq: row.seq,
            target: cells.target.concat(),
            deadline: cells.deadline.concat(),
            source_lines: String::new(),
        };
        self.sheet().gold.push(gold);
    }

    fn finish(self) -> Vec<Sheet> {
        let mut sheets = self.sheets;
        // A sheet the list never reached (an overflow on the last row) is dropped.
        while sheets.len() > 1 && sheets.last().is_some_and(|s| s.gold.is_empty()) {
            sheets.pop();
        }
        sheets
    }
}

/// One table row, wrapped to its cells.
struct RowCells {
    index: usize,
    /// The category row printed above it, at a category's first row.
    category: Option<String>,
    target: Vec<String>,
    deadline: Vec<String>,
    /// Total height including the category row.
    height: f64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_stay_inside_their_column() {
        let knobs = PositionedKnobs::default();
        for seed in 0..20 {
            for sheet in lay_out(seed, &knobs) {
                for run in &sheet.runs {
                    assert!(run.x >= MARGIN - 0.01, "{seed}: {run:?}");
                    assert!(run.x + run.width() <= PAGE_WIDTH - MARGIN + 0.01, "{seed}: {run:?}");
                    assert!(run.y + run.size <= PAGE_HEIGHT, "{seed}: {run:?}");
                }
            }
        }
    }

    #[test]
    fn gold_targets_are_the_printed_target_lines() {
        let sheets = lay_out(11, &PositionedKnobs::default());
        let printed: String =
            sheets[0].runs.iter().filter(|r| r.kind == RunKind::Target).map(|r| r.text.as_str()).collect();
        let gold: String = sheets[0].gold.iter().map(|g| g.target.as_str()).collect();
        assert_eq!(printed, gold);
    }

    #[test]
    fn attachment_runs_on_with_header_and_no_marker() {
        let knobs = PositionedKnobs {
            attachment_rate: 1.0,
            tables_min: 8,
            tables_max: 8,
            columns_min: 1,
            columns_max: 1,
            font_pt_min: 12.0,
            font_pt_max: 12.0,
            ..PositionedKnobs::default()
        };
        let sheets = lay_out(5, &knobs);
        assert!(sheets.len() >= 2, "eight tables at 12 pt in one column fill more than one page");
        for sheet in &sheets[1..] {
            assert!(sheet.runs.iter().any(|r| r.kind == RunKind::Header), "header repeated on page {}", sheet.page);
            assert!(!sheet.runs.iter().any(|r| r.text.contains("上接") || r.text.contains("下转")));
        }
        assert_eq!(sheets.iter().map(|s| s.page).collect::<Vec<_>>(), (1..=sheets.len() as u32).collect::<Vec<_>>());
    }
}
