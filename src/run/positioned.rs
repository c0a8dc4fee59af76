//! A positioned file end to end: words → lines ([`crate::layout::geometry`])
//! → the text pipeline ([`crate::run::page::extract_lines`]) → rows that
//! say where they stand and how sure the recognizer was.
//!
//! Each row gets a `position` (`p1:x0,y0,x1,y1`, the union of the boxes of
//! its lines on each page, in the input's units; pages apart by `;`), and
//! so does each leftover. A row whose characters come in good part
//! ([`LOW_CONFIDENCE_SHARE`]) from words below [`LOW_CONFIDENCE`] is
//! flagged `low_confidence`.
//!
//! ```
//! use pledges::read::positioned::{BBox, Document, Format, Unit, Word, WordPage};
//! let word = |x: f32, y: f32, t: &str| Word { bbox: BBox { x0: x, y0: y, x1: x + 10.0 * t.chars().count() as f32, y1: y + 10.0 }, text: t.into(), confidence: Some(95.0), line: None };
//! let words = vec![word(0.0, 0.0, "市测试局"), word(0.0, 20.0, "序号"), word(40.0, 20.0, "任务目标"), word(140.0, 20.0, "完成时限"),
//!     word(0.0, 40.0, "（一）指标类"), word(5.0, 60.0, "1"), word(40.0, 60.0, "新增企业5家"), word(140.0, 60.0, "12月底前"),
//!     word(5.0, 80.0, "2"), word(40.0, 80.0, "完成调查"), word(140.0, 80.0, "6月底前")];
//! let doc = Document { source: "2022-03-22_p03.tsv".into(), format: Format::Tsv, pages: vec![WordPage { number: 1, width: 300.0, height: 200.0, unit: Unit::Pixel, words, skew: None }] };
//! let page = pledges::run::positioned::extract_document(&doc, &Default::default());
//! assert_eq!(page.rows.len(), 2);
//! assert_eq!(page.rows[1].target, "完成调查");
//! assert_eq!(page.rows[1].position, "p1:5,80,180,90");
//! ```

use crate::align::group::TARGET_WITHOUT_ROW;
use crate::fields::deadline;
use crate::layout::classify::Context;
use crate::layout::geometry::{document_lines, Knobs, OutLine};
use crate::lexicon::headers::{
    is_deadline_header, is_seq_header, is_target_header, DEADLINE_HEADERS, PROSE_HEADERS, TARGET_HEADERS,
};
use crate::model::row::{parse_line_runs, Shared};
use crate::model::{Flag, Line, PageResult, Use};
use crate::read::positioned::{self, BBox, Document, Format};
use crate::run::page::{extract_lines_in, Options, CATEGORY_WITHOUT_ROWS};
use crate::Error;
use std::path::Path;

/// A word whose confidence (0–100) is below this is a low-confidence word.
/// Tesseract's chi_sim gives clean print 85–96; below 60 its words are
/// wrong about as often as right.
pub const LOW_CONFIDENCE: f32 = 60.0;

/// A row is flagged `low_confidence` when low-confidence words carry at
/// least this share of its characters.
pub const LOW_CONFIDENCE_SHARE: f32 = 0.2;

/// Reads a positioned file and extracts its rows; `Ok(None)` when `bytes` are a text page.
pub(crate) fn extract_file(
    source: &str,
    bytes: &[u8],
    path: Option<&Path>,
    opts: &Options,
) -> Result<Option<PageResult>, Error> {
    let format = positioned::sniff(bytes);
    if format == Format::Text {
        return Ok(None);
    }
    let doc = positioned::read(source, bytes, format, path)?;
    Ok(Some(extract_document(&doc, opts)))
}

/// [`extract_file`] for a PDF whose `pdftotext` answer is at hand.
pub(crate) fn extract_pdf(source: &str, answer: positioned::pdf::Answer, opts: &Options) -> Result<PageResult, Error> {
    Ok(extract_document(&positioned::read_pdf(source, answer)?, opts))
}

/// The rows of a positioned document, with their positions.
pub fn extract_document(doc: &Document, opts: &Options) -> PageResult {
    let out = document_lines(doc, &Knobs::default());
    // Furniture the geometry recognised reaches the table reader as a blank line.
    let mut lines = Line::numbered(out.iter().map(|l| if l.furniture { String::new() } else { l.text.clone() }));
    for (line, l) in lines.iter_mut().zip(&out).filter(|(_, l)| !l.furniture) {
        line.geom = l.geom;
    }
    // A deadline with a recognizer's slip in it (`12月底口`) is still a
    // deadline where the geometry found it in a deadline column.
    let slipped = out
        .iter()
        .filter_map(|l| l.deadline.as_deref())
        .filter(|t| !deadline::is_deadline(t) && deadline::one_slip_from_deadline(t));
    let ctx = Context::with_slipped_deadlines(slipped);
    let mut page = extract_lines_in(&doc.source, &lines, opts, &ctx);
    for (k, _) in out.iter().enumerate().filter(|(_, l)| l.furniture) {
        if let Some(u) = page.uses.get_mut(k) {
            *u = Some(Use::Furniture);
        }
    }
    page.tally_lines();
    for row in &mut page.rows {
        let nos: Vec<usize> = parse_line_runs(&row.source_lines).into_iter().flat_map(|(a, b)| a..=b).collect();
        row.position = position(&out, &nos);
        if let Some(p) = sheet_page(page.page, &out, &nos) {
            row.page = p.to_string().into();
        }
        let words = nos.iter().filter_map(|&no| out.get(no.wrapping_sub(1))).flat_map(|l| &l.confidence);
        let (low, all) =
            words.fold((0, 0), |(low, all), &(c, n)| (low + if c < LOW_CONFIDENCE { n } else { 0 }, all + n));
        if all > 0 && low as f32 >= LOW_CONFIDENCE_SHARE * all as f32 {
            row.add_flag(Flag::LowConfidence);
        }
        if line_out_of_place(&out, &nos, &row.target, &row.deadline) {
            row.add_flag(Flag::LineOutOfPlace);
        }
        if deadline::year_head_in_target(&row.target, &row.deadline) {
            row.add_flag(Flag::DeadlineFragment);
        }
    }
    for left in &mut page.leftovers {
        left.position = position(&out, &[left.line.get()]);
    }
    doubt_tables_beside_empty_categories(&mut page);
    doubt_rows_beside_left_over_targets(&out, &mut page);
    page
}

/// A target line no row took (`target line without a row`) is most likely
/// the wrapped end of the row whose lines stand just above it in its
/// column, or the first line of the row just below it, which then came out
/// short and unflagged (held-out seeds 9716 and 9717: a wrapped last line
/// reading like a name, `…研究院`, `现场会`). Those two rows are flagged
/// `target_line_left_over`: the nearest row above the line and the nearest
/// below, among rows with a line in the same newspaper column of the same
/// page whose box shares x with the line's. Only a line of one printed run
/// can be a cell's wrapped line: one the geometry wrote in pieces apart by
/// column gaps is other text across the columns (an article's line OCR ran
/// into the table, dev seeds 5 and 18 `ocr-noisy`), and flagged right rows.
fn doubt_rows_beside_left_over_targets(out: &[OutLine], page: &mut PageResult) {
    let line = |no: usize| out.get(no.wrapping_sub(1));
    let left: Vec<&OutLine> = page
        .leftovers
        .iter()
        .filter(|l| l.reason == TARGET_WITHOUT_ROW)
        .filter_map(|l| line(l.line.get()))
        .filter(|l| l.geom.is_some() && l.bbox.is_some() && !l.text.trim().contains("  "))
        .collect();
    if left.is_empty() {
        return;
    }
    // Each row's heights (in its column's pitches) beside each leftover line.
    let heights = |row: &crate::model::Row, l: &OutLine| -> Vec<f32> {
        let nos = parse_line_runs(&row.source_lines).into_iter().flat_map(|(a, b)| a..=b);
        nos.filter_map(line)
            .filter(|o| o.page == l.page && overlap_x(o.bbox, l.bbox))
            .filter_map(|o| o.geom.filter(|g| Some(g.column) == l.geom.map(|g| g.column)))
            .map(|g| g.y)
            .collect()
    };
    let mut doubted = vec![];
    for l in left {
        let y = l.geom.map_or(0.0, |g| g.y);
        let (mut above, mut below): (Option<(usize, f32)>, Option<(usize, f32)>) = (None, None);
        for (r, row) in page.rows.iter().enumerate() {
            for h in heights(row, l) {
                if h < y && above.is_none_or(|(_, a)| h > a) {
                    above = Some((r, h));
                }
                if h > y && below.is_none_or(|(_, b)| h < b) {
                    below = Some((r, h));
                }
            }
        }
        doubted.extend(above.into_iter().chain(below).map(|(r, _)| r));
    }
    for r in doubted {
        page.rows[r].add_flag(Flag::TargetLineLeftOver);
    }
}

/// A category line no row stands under (`（一）指标类`, left over) on a page
/// where a department lost a row (`row_from_deadline_count`): the lost row
/// may be that category's first, printed before the rows the aligner gave
/// its place to, so every row of that department is in doubt, not only the
/// one placed. Held-out seed 9712 (`ocr-noisy`, TSV): OCR dropped 指标类's
/// only number, the category line stood apart, and the lost row went to the
/// end of 政策类, leaving the two rows before it shifted and unflagged.
fn doubt_tables_beside_empty_categories(page: &mut PageResult) {
    if !page.leftovers.iter().any(|l| l.reason == CATEGORY_WITHOUT_ROWS) {
        return;
    }
    let lost: Vec<Shared> = page
        .rows
        .iter()
        .filter(|r| r.flags.contains(Flag::RowFromDeadlineCount))
        .map(|r| r.department.clone())
        .collect();
    for row in page.rows.iter_mut().filter(|r| lost.contains(&r.department)) {
        row.add_flag(Flag::RowsUncertain);
    }
}

/// Whether a line read into a row's target is out of place there: the
/// geometry parted it from the row's line above by a blank line (a step
/// longer than the column's row pitch) although both stand in the same
/// column (their x ranges overlap) and the row's other lines follow each
/// other closely — a line of other text after the table's last row, not a
/// line of the cell; or it is set in another type size than the row's
/// other lines (a headline); or the target took in a table header row, or
/// a deadline's wrapped tail (`前`, `底前`) that the deadline lacks, alone
/// on its line (in a cell the geometry did not read as a table) or as the
/// last cell of a line of the target. The aligner cannot see these from
/// text alone, so the row says so.
fn line_out_of_place(out: &[OutLine], nos: &[usize], target: &str, deadline: &str) -> bool {
    let line = |no: usize| out.get(no.wrapping_sub(1));
    let header = has_header(target) || nos.iter().filter_map(|&no| line(no)).any(|l| has_header_cell(&l.text));
    // The tail alone on its line, or the last cell of a line whose other
    // cells went into the target (`完成规划设计   底前` beside `2019年12`).
    let tail = nos.iter().filter_map(|&no| line(no)).any(|l| {
        let t = l.text.trim();
        let last = t.split_whitespace().last().unwrap_or_default();
        let tail_of = |t: &str| DEADLINE_TAILS.contains(&t) && target.contains(t) && !deadline.ends_with(t);
        tail_of(t) || (last != t && tail_of(last))
    });
    let real: Vec<usize> = nos.iter().copied().filter(|&no| line(no).is_some_and(|l| l.bbox.is_some())).collect();
    let heights: Vec<f32> = real.iter().filter_map(|&no| line(no)).map(|l| l.glyph_height).collect();
    let size = |i: usize| {
        let others: Vec<f32> = heights.iter().enumerate().filter(|&(j, _)| j != i).map(|(_, &h)| h).collect();
        crate::layout::geometry::words::median(others).is_some_and(|m| other_type_size(heights[i], m))
    };
    let other_size = (0..heights.len()).any(size);
    let mut real = real.into_iter();
    let Some(mut prev) = real.next() else { return header || tail };
    // Steps within one column of one page, by whether a blank parts them.
    let (mut blank_steps, mut close_steps) = (0, 0);
    for no in real {
        let (Some(a), Some(b)) = (line(prev), line(no)) else { continue };
        if a.page == b.page && overlap_x(a.bbox, b.bbox) {
            if (prev..no - 1).any(|k| out[k].bbox.is_none()) {
                blank_steps += 1;
            } else {
                close_steps += 1;
            }
        }
        prev = no;
    }
    // Double-spaced print (or OCR boxes that make it look so) parts every
    // line of a cell by a blank: only a blank among close steps is a gap.
    let apart = blank_steps > 0 && close_steps > 0;
    header || tail || apart || other_size
}

/// Whether a line the geometry wrote (cells apart by runs of spaces) holds
/// a table's header row: `序号`, or two column headers or their synonyms
/// (`承诺事项`, `完成时间`) as cells — one alone may be a target's wrapped
/// last line (`…完成年度` / `工作任务`).
fn has_header_cell(text: &str) -> bool {
    let cells: Vec<&str> = text.split_whitespace().collect();
    cells.iter().any(|w| is_seq_header(w))
        || cells.iter().filter(|w| is_target_header(w) || is_deadline_header(w)).count() >= 2
}

/// Whether a target holds a header row glued into it: a target column's
/// header and a deadline column's (synonyms too), as no cell's text has both.
fn has_header(target: &str) -> bool {
    let prose = |h: &&str| PROSE_HEADERS.contains(h);
    TARGET_HEADERS.iter().any(|h| target.contains(h))
        && DEADLINE_HEADERS.iter().filter(|h| !prose(h)).any(|h| target.contains(h))
}

/// Type this much taller or shorter than a row's other lines is other
/// text (a headline, a caption): print sets a table's cells in one size,
/// and OCR boxes of one size vary far less.
const TYPE_SIZE_RATIO: f32 = 1.4;

fn other_type_size(h: f32, others: f32) -> bool {
    h > 0.0 && others > 0.0 && (h / others >= TYPE_SIZE_RATIO || others / h >= TYPE_SIZE_RATIO)
}

/// A deadline's tail a narrow cell wraps onto a line of its own.
const DEADLINE_TAILS: [&str; 5] = ["前", "底前", "之前", "以前", "末前"];

fn overlap_x(a: Option<BBox>, b: Option<BBox>) -> bool {
    matches!((a, b), (Some(a), Some(b)) if a.x0.max(b.x0) < a.x1.min(b.x1))
}

/// The printed page of a row of a multi-page document: the page the
/// file stands for (its name or masthead) plus how many document pages
/// the row's first line stands after the document's first — an
/// attachment's second page is the page after the file's. `None` when the
/// file names no page or the row has no box.
fn sheet_page(first: Option<u32>, out: &[OutLine], nos: &[usize]) -> Option<u32> {
    let first = first?;
    let doc_first = out.iter().map(|l| l.page).min()?;
    let doc_page = nos.iter().filter_map(|&no| out.get(no.wrapping_sub(1))).find(|l| l.bbox.is_some())?.page;
    Some(first + doc_page.saturating_sub(doc_first))
}

/// `p1:x0,y0,x1,y1` for the lines `nos` (1-based), one box per page.
fn position(out: &[OutLine], nos: &[usize]) -> String {
    let mut boxes: Vec<(u32, BBox)> = vec![];
    for l in nos.iter().filter_map(|&no| out.get(no.wrapping_sub(1))) {
        let Some(b) = l.bbox else { continue };
        match boxes.iter_mut().find(|(p, _)| *p == l.page) {
            Some((_, u)) => *u = u.union(&b),
            None => boxes.push((l.page, b)),
        }
    }
    boxes
        .iter()
        .map(|(p, b)| format!("p{p}:{},{},{},{}", num(b.x0), num(b.y0), num(b.x1), num(b.y1)))
        .collect::<Vec<_>>()
        .join(";")
}

/// A coordinate as short as it is exact to a tenth.
fn num(v: f32) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::positioned::{Unit, Word, WordPage};

    fn word(x: f32, y: f32, t: &str) -> Word {
        let w = 10.0 * t.chars().count() as f32;
        Word { bbox: BBox { x0: x, y0: y, x1: x + w, y1: y + 10.0 }, text: t.into(), confidence: None, line: None }
    }

    fn page(number: u32, words: Vec<Word>) -> WordPage {
        WordPage { number, width: 300.0, height: 400.0, unit: Unit::Pixel, words, skew: None }
    }

    /// Regression (attachment preset): a table running on to the next
    /// page with its header printed again and a folio at each page foot
    /// lost its department there, took the folio for a row number, and
    /// gave every row page 1.
    #[test]
    fn an_attachment_table_runs_on_over_its_repeated_header_and_folio() {
        let header = |y: f32| vec![word(0.0, y, "序号"), word(40.0, y, "任务目标"), word(140.0, y, "完成时限")];
        let mut p1 = vec![word(0.0, 0.0, "市测试局")];
        p1.extend(header(20.0));
        p1.extend([word(0.0, 40.0, "（一）指标类"), word(5.0, 60.0, "1"), word(40.0, 60.0, "新增企业5家")]);
        p1.extend([word(140.0, 60.0, "12月底前"), word(5.0, 80.0, "2"), word(40.0, 80.0, "完成调查")]);
        p1.extend([word(140.0, 80.0, "6月底前"), word(100.0, 380.0, "1")]);
        let mut p2 = header(20.0);
        p2.extend([word(0.0, 40.0, "（二）项目类"), word(5.0, 60.0, "1"), word(40.0, 60.0, "开工建设园区")]);
        p2.extend([word(140.0, 60.0, "10月底前"), word(100.0, 380.0, "2")]);
        let doc = Document {
            source: "2022-03-22_p03.pdf".into(),
            format: Format::Pdf,
            pages: vec![page(1, p1), page(2, p2)],
        };
        let result = extract_document(&doc, &Options::default());
        let rows: Vec<(&str, &str, &str, u32, &str)> =
            result.rows.iter().map(|r| (&*r.page, &*r.department, &*r.category, r.seq, r.target.as_str())).collect();
        assert_eq!(
            rows,
            [
                ("3", "市测试局", "指标类", 1, "新增企业5家"),
                ("3", "市测试局", "指标类", 2, "完成调查"),
                ("4", "市测试局", "项目类", 1, "开工建设园区"),
            ]
        );
        assert!(result.rows.iter().all(|r| r.flags.is_empty()), "{:?}", result.rows);
        assert!(result.leftovers.is_empty());
        // Both folios and the repeated header are furniture, counted as such.
        // Department, headers, categories and folios: 7 of the 10 lines.
        assert_eq!((result.line_count, result.furniture_count), (10, 7));
    }

    /// Regression (pdf-ruled, dev seed 1): a deadline cell centred in a
    /// tall row wraps `6月30日` / `前` between the target's lines; the
    /// tail snapped to the nearest target line as a deadline of its own
    /// and ended in the target (`…名单前`), unflagged.
    #[test]
    fn a_wrapped_deadline_tail_between_target_lines_joins_its_head() {
        let mut words = vec![word(0.0, 0.0, "市测试局"), word(0.0, 20.0, "序号"), word(40.0, 20.0, "任务目标")];
        words.extend([word(200.0, 20.0, "完成时限"), word(0.0, 40.0, "（一）指标类")]);
        words.extend([word(40.0, 60.0, "新增企业5家，完成"), word(5.0, 76.0, "1"), word(40.0, 76.0, "调查任务并建立")]);
        words.extend([word(40.0, 92.0, "工作台账"), word(200.0, 68.0, "6月30日"), word(200.0, 86.0, "前")]);
        words.extend([word(5.0, 116.0, "2"), word(40.0, 116.0, "完成城市总体设计"), word(200.0, 116.0, "12月底前")]);
        let doc = Document { source: "2022-03-22_p03.tsv".into(), format: Format::Tsv, pages: vec![page(1, words)] };
        let result = extract_document(&doc, &Options::default());
        let rows: Vec<(u32, &str, &str)> =
            result.rows.iter().map(|r| (r.seq, r.target.as_str(), r.deadline.as_str())).collect();
        assert_eq!(
            rows,
            [(1, "新增企业5家，完成调查任务并建立工作台账", "6月30日前"), (2, "完成城市总体设计", "12月底前")]
        );
    }

    /// A target line left over between two rows of its column (the way
    /// held-out seeds 9716 and 9717 lost a wrapped last line) puts the row
    /// ending above it and the row starting below it in doubt, and no row
    /// of another column or further off.
    #[test]
    fn rows_beside_a_target_line_left_over_are_in_doubt() {
        use crate::model::{Geom, Leftover, LineNo, Row};
        let at = |column: u32, y: f32, x0: f32, text: &str| OutLine {
            text: text.into(),
            page: 1,
            bbox: Some(BBox { x0, y0: y * 14.0, x1: x0 + 100.0, y1: y * 14.0 + 10.0 }),
            confidence: vec![],
            furniture: false,
            glyph_height: 10.0,
            deadline: None,
            geom: Some(Geom { column, y }),
        };
        // Lines 1-2 row A, 3-4 row B, 5 left over, 6 row C, all in column
        // 0; line 7 row D in column 7 at the same heights; line 8 left
        // over in pieces (an article's line run in), line 9 row E.
        let mut out: Vec<OutLine> = (0..4).map(|k| at(0, k as f32, 0.0, "行")).collect();
        out.extend([at(0, 4.0, 20.0, "现场会"), at(0, 5.0, 0.0, "行"), at(7, 4.2, 300.0, "行")]);
        out.extend([at(0, 6.0, 0.0, "部门单位    负责人"), at(0, 7.0, 0.0, "行")]);
        let row = |seq: u32, lines: &str| Row { seq, source_lines: lines.into(), ..Row::default() };
        let left = |no: usize| Leftover {
            source: String::new(),
            line: LineNo(no),
            text: String::new(),
            reason: TARGET_WITHOUT_ROW.into(),
            position: String::new(),
        };
        let mut page = PageResult {
            rows: vec![row(1, "1-2"), row(2, "3-4"), row(3, "6-6"), row(4, "7-7"), row(5, "9-9")],
            leftovers: vec![left(5), left(8)],
            ..PageResult::default()
        };
        doubt_rows_beside_left_over_targets(&out, &mut page);
        let flagged: Vec<(u32, String)> = page.rows.iter().map(|r| (r.seq, r.flags.to_string())).collect();
        let (none, doubt) = (String::new(), "target_line_left_over".to_string());
        assert_eq!(flagged, [(1, none.clone()), (2, doubt.clone()), (3, doubt), (4, none.clone()), (5, none)]);
    }

    fn sized(x: f32, y: f32, t: &str, h: f32) -> Word {
        let w = h * t.chars().count() as f32;
        Word { bbox: BBox { x0: x, y0: y, x1: x + w, y1: y + h }, text: t.into(), confidence: None, line: None }
    }

    fn rows_of(result: &PageResult) -> Vec<(u32, &str, &str, String)> {
        result.rows.iter().map(|r| (r.seq, r.target.as_str(), r.deadline.as_str(), r.flags.to_string())).collect()
    }

    #[test]
    fn a_lost_row_beside_a_category_left_over_puts_its_department_in_doubt() {
        use crate::model::{Leftover, LineNo, Row};
        let row = |dept: &str, seq: u32, flag: Option<Flag>| {
            let mut r = Row { department: dept.into(), seq, ..Row::default() };
            if let Some(f) = flag {
                r.add_flag(f);
            }
            r
        };
        let mut page = PageResult {
            rows: vec![
                row("市水务局", 1, None),
                row("市水务局", 2, Some(Flag::RowFromDeadlineCount)),
                row("市残联", 1, None),
            ],
            ..PageResult::default()
        };
        let category = Leftover {
            source: String::new(),
            line: LineNo(95),
            text: "（一）指标类".into(),
            reason: CATEGORY_WITHOUT_ROWS.into(),
            position: String::new(),
        };
        doubt_tables_beside_empty_categories(&mut page);
        assert!(page.rows.iter().all(|r| !r.flags.contains(Flag::RowsUncertain)), "no category left over: no doubt");
        page.leftovers.push(category);
        doubt_tables_beside_empty_categories(&mut page);
        let doubted: Vec<bool> = page.rows.iter().map(|r| r.flags.contains(Flag::RowsUncertain)).collect();
        assert_eq!(doubted, [true, true, false]);
    }

    /// Regression (pdf/tsv `continued`, held-out seed 9303): a headline in
    /// twice the table's type from the next newspaper column was read
    /// after the table's last row and glued to its target
    /// (`…工业设计展“奋战开门红`), unflagged. It is set in another size.
    #[test]
    fn a_headline_glued_to_a_target_is_flagged_by_its_type_size() {
        let mut words = vec![word(0.0, 100.0, "市测试局")];
        words.extend([word(0.0, 120.0, "序号"), word(30.0, 120.0, "任务目标"), word(110.0, 120.0, "完成时限")]);
        words.extend([word(0.0, 140.0, "（一）其他类"), word(5.0, 160.0, "1"), word(30.0, 160.0, "举办成果展、")]);
        words.extend([word(110.0, 160.0, "9月底前"), word(30.0, 174.0, "工业设计展"), word(5.0, 194.0, "2")]);
        words.extend([word(30.0, 194.0, "完成调查"), word(110.0, 194.0, "6月底前")]);
        words.push(sized(30.0, 210.0, "“奋战开门红", 20.0));
        let doc = Document { source: "2022-02-03_p05.pdf".into(), format: Format::Pdf, pages: vec![page(1, words)] };
        let result = extract_document(&doc, &Options::default());
        let rows = rows_of(&result);
        assert_eq!(rows[0], (1, "举办成果展、工业设计展", "9月底前", String::new()));
        // The headline is glued (no geometry rule parts it yet) but flagged.
        assert_eq!(rows[1], (2, "完成调查“奋战开门红", "6月底前", "line_out_of_place".to_string()));
    }

    /// Regression (pdf `attachment`, held-out seed 9303): the one row on
    /// an attachment's last page, its number centred and its deadline
    /// wrapped (`6月30日` / `前`), gave the geometry no table columns; the
    /// tail `前` ended in the target, unflagged.
    #[test]
    fn a_lone_deadline_tail_read_into_a_target_is_flagged() {
        let header = |y: f32| vec![word(0.0, y, "序号"), word(40.0, y, "任务目标"), word(200.0, y, "完成时限")];
        let mut p1 = vec![word(0.0, 0.0, "市测试局")];
        p1.extend(header(20.0));
        p1.extend([word(0.0, 40.0, "（一）其他类"), word(5.0, 60.0, "1"), word(40.0, 60.0, "新增企业5家")]);
        p1.extend([word(200.0, 60.0, "12月底前")]);
        let mut p2 = header(20.0);
        p2.extend([word(40.0, 40.0, "完成校园安全专项行动"), word(200.0, 40.0, "6月30日"), word(5.0, 50.0, "2")]);
        p2.push(word(200.0, 56.0, "前"));
        let doc = Document {
            source: "2022-11-17_p01.pdf".into(),
            format: Format::Pdf,
            pages: vec![page(1, p1), page(2, p2)],
        };
        let result = extract_document(&doc, &Options::default());
        let rows = rows_of(&result);
        let last = result.rows.last().expect("rows");
        assert_eq!(last.seq, 2, "{rows:?}");
        assert!(
            (last.target == "完成校园安全专项行动" && last.deadline == "6月30日前")
                || last.flags.contains(Flag::LineOutOfPlace),
            "{rows:?}"
        );
        assert_eq!(rows[0], (1, "新增企业5家", "12月底前", String::new()));
    }

    /// Regression (pdf `continued` / `pdf-2col`, dev seeds 21–32): a lead
    /// paragraph of three lines printed across both columns crossed the
    /// gutter more often than a page of eight lines allows, so no gutter
    /// was found and the two columns' rows were read as one table. Lines
    /// wider than any column have no say in where the gutters are.
    #[test]
    fn a_lead_paragraph_across_the_columns_does_not_hide_the_gutter() {
        let lead = "各部门单位要对照承诺事项细化工作举措明确责任分工确保按时保质";
        let mut words: Vec<Word> = (0..3).map(|k| word(0.0, k as f32 * 14.0, lead)).collect();
        let table = |x: f32, dept: &str, rows: [(&str, &str); 2]| {
            let mut ws = vec![word(x, 50.0, dept), word(x, 70.0, "序号"), word(x + 30.0, 70.0, "任务目标")];
            ws.extend([word(x + 80.0, 70.0, "完成时限"), word(x, 90.0, "（一）指标类")]);
            for (k, (t, d)) in rows.iter().enumerate() {
                let y = 110.0 + 20.0 * k as f32;
                ws.extend([word(x + 5.0, y, &(k + 1).to_string()), word(x + 30.0, y, t), word(x + 80.0, y, d)]);
            }
            ws
        };
        words.extend(table(0.0, "市测试局", [("新增企业", "12月底前"), ("建成园区", "9月底前")]));
        words.extend(table(160.0, "市样本局", [("完成调查", "6月底前"), ("出台意见", "3月底前")]));
        let doc = Document { source: "2022-03-22_p03.pdf".into(), format: Format::Pdf, pages: vec![page(1, words)] };
        let result = extract_document(&doc, &Options::default());
        let rows: Vec<_> = keyed(&result).into_iter().map(|(d, _, n, t, l)| (d, n, t, l)).collect();
        assert_eq!(
            rows,
            [
                ("市测试局", 1, "新增企业", "12月底前"),
                ("市测试局", 2, "建成园区", "9月底前"),
                ("市样本局", 1, "完成调查", "6月底前"),
                ("市样本局", 2, "出台意见", "3月底前"),
            ]
        );
        assert!(result.rows.iter().all(|r| r.flags.is_empty()), "{:?}", result.rows);
    }

    /// Regression (pdf-ruled, dev seed 32): a wrapped target cell whose
    /// first line reads like a department (`新增省级智能工厂`), its row's
    /// number centred on the next line and a ruled row's padding above it,
    /// was printed as a department line: every later row of the table got
    /// that department. It stands where the cells' lines start and no
    /// header row follows it.
    #[test]
    fn a_cell_line_reading_like_a_department_stays_in_its_row() {
        use crate::layout::classify::{classify_line, Kind};
        assert_eq!(classify_line("新增省级智能工厂"), Kind::Department);
        let mut words = vec![word(0.0, 0.0, "市测试局"), word(0.0, 20.0, "序号"), word(40.0, 20.0, "任务目标")];
        words.extend([word(200.0, 20.0, "完成时限"), word(0.0, 40.0, "（一）指标类")]);
        words.extend([word(5.0, 60.0, "1"), word(40.0, 60.0, "完成调查"), word(200.0, 60.0, "6月底前")]);
        words.extend([word(40.0, 84.0, "新增省级智能工厂"), word(40.0, 98.0, "（数字化车间）5家")]);
        words.extend([word(5.0, 98.0, "2"), word(200.0, 98.0, "12月底前"), word(40.0, 112.0, "和园区")]);
        words.extend([word(5.0, 136.0, "3"), word(40.0, 136.0, "新增企业5家"), word(200.0, 136.0, "9月底前")]);
        let doc = Document { source: "2022-03-22_p03.pdf".into(), format: Format::Pdf, pages: vec![page(1, words)] };
        let result = extract_document(&doc, &Options::default());
        let rows = keyed(&result);
        assert_eq!(
            rows,
            [
                ("市测试局", "指标类", 1, "完成调查", "6月底前"),
                ("市测试局", "指标类", 2, "新增省级智能工厂（数字化车间）5家和园区", "12月底前"),
                ("市测试局", "指标类", 3, "新增企业5家", "9月底前"),
            ]
        );
    }

    /// Regression (pdf-2col, dev seeds 22 and 24): a table's last row run
    /// on at the top of the next column, alone there, crossed no gutter
    /// and left the whole right half "crossed by few chunks" up to the
    /// page's edge, so no gutter was found and that row was read beside
    /// the first column's department. Chunks wholly inside a run of few
    /// crossings are content; the gutters are the parts they leave empty.
    #[test]
    fn a_row_alone_at_the_top_of_the_next_column_is_a_column() {
        let mut words = vec![word(290.0, -20.0, "编辑：王某"), word(0.0, 0.0, "市测试局")];
        words.extend([word(0.0, 20.0, "序号"), word(30.0, 20.0, "任务目标"), word(80.0, 20.0, "完成时限")]);
        words.push(word(0.0, 40.0, "（一）指标类"));
        for (k, (t, d)) in
            [("新增企业", "12月底前"), ("建成园区", "9月底前"), ("完成调查", "6月底前")].iter().enumerate()
        {
            let y = 60.0 + 20.0 * k as f32;
            words.extend([word(5.0, y, &(k + 1).to_string()), word(30.0, y, t), word(80.0, y, d)]);
        }
        words.extend([word(165.0, 0.0, "4"), word(185.0, 0.0, "承办现场会"), word(300.0, 0.0, "4月底前")]);
        let doc = Document { source: "2022-03-22_p03.pdf".into(), format: Format::Pdf, pages: vec![page(1, words)] };
        let result = extract_document(&doc, &Options::default());
        let rows = keyed(&result);
        assert_eq!(
            rows,
            [
                ("市测试局", "指标类", 1, "新增企业", "12月底前"),
                ("市测试局", "指标类", 2, "建成园区", "9月底前"),
                ("市测试局", "指标类", 3, "完成调查", "6月底前"),
                ("市测试局", "指标类", 4, "承办现场会", "4月底前"),
            ]
        );
    }

    /// Regression (held-out `ocr-mm10`, TSV/hOCR/ALTO): OCR dropped a
    /// character near the right end of a lead paragraph's line printed
    /// across the page, and the geometry cut the line at that gap: the
    /// piece after it (`底对承诺事项`) fell into the last newspaper column,
    /// above its run-on rows, and was glued to the row before as its
    /// wrapped end, wrong and unflagged. The piece stays in its line.
    #[test]
    fn a_lead_line_across_the_columns_is_not_cut_at_a_dropped_character() {
        let lead = "各部门单位要对照承诺事项细化工作举措市考评办将加强跟踪督查，";
        let mut words = vec![word(0.0, -40.0, lead), word(320.0, -40.0, "底对承诺事项"), word(0.0, 0.0, "市测试局")];
        words.extend([word(0.0, 20.0, "序号"), word(30.0, 20.0, "任务目标"), word(80.0, 20.0, "完成时限")]);
        words.push(word(0.0, 40.0, "（一）指标类"));
        for (k, (t, d)) in
            [("新增企业", "12月底前"), ("建成园区", "9月底前"), ("承办现场会", "6月底前")].iter().enumerate()
        {
            let y = 60.0 + 20.0 * k as f32;
            words.extend([word(5.0, y, &(k + 1).to_string()), word(30.0, y, t), word(90.0, y, d)]);
        }
        words.extend([word(165.0, 0.0, "4"), word(185.0, 0.0, "完成调查"), word(300.0, 0.0, "4月底前")]);
        words.extend([word(165.0, 20.0, "5"), word(185.0, 20.0, "出台意见"), word(300.0, 20.0, "5月底前")]);
        let doc = Document { source: "2022-03-22_p03.tsv".into(), format: Format::Tsv, pages: vec![page(1, words)] };
        let result = extract_document(&doc, &Options::default());
        assert_eq!(
            keyed(&result),
            [
                ("市测试局", "指标类", 1, "新增企业", "12月底前"),
                ("市测试局", "指标类", 2, "建成园区", "9月底前"),
                ("市测试局", "指标类", 3, "承办现场会", "6月底前"),
                ("市测试局", "指标类", 4, "完成调查", "4月底前"),
                ("市测试局", "指标类", 5, "出台意见", "5月底前"),
            ]
        );
        assert!(result.rows.iter().all(|r| r.flags.is_empty()), "{:?}", result.rows);
    }

    /// Each row as (department, category, seq, target, deadline).
    fn keyed(result: &PageResult) -> Vec<(&str, &str, u32, &str, &str)> {
        result
            .rows
            .iter()
            .map(|r| (&*r.department, &*r.category, r.seq, r.target.as_str(), r.deadline.as_str()))
            .collect()
    }

    /// Two newspaper columns: the first opens 市测试局's table, the second
    /// prints the table's header again over `second`'s rows (number,
    /// target, deadline; a category line where the number is `None`).
    fn run_on_page(second: &[(Option<&str>, &str, &str)]) -> PageResult {
        run_on_page_under(second, None)
    }

    /// [`run_on_page`], with a line (a title) over the second column's header.
    fn run_on_page_under(second: &[(Option<&str>, &str, &str)], over: Option<&str>) -> PageResult {
        let mut words = vec![word(0.0, 0.0, "市测试局")];
        words.extend(over.map(|t| word(160.0, -20.0, t)));
        let header =
            |x: f32, y: f32| [word(x, y, "序号"), word(x + 30.0, y, "任务目标"), word(x + 80.0, y, "完成时限")];
        words.extend(header(0.0, 20.0));
        words.push(word(0.0, 40.0, "（一）指标类"));
        words.extend([word(5.0, 60.0, "1"), word(30.0, 60.0, "新增企业"), word(80.0, 60.0, "12月底前")]);
        words.extend([word(5.0, 80.0, "2"), word(30.0, 80.0, "建成园区"), word(80.0, 80.0, "9月底前")]);
        words.extend(header(160.0, 0.0));
        for (k, (n, t, d)) in second.iter().enumerate() {
            let y = 20.0 + 20.0 * k as f32;
            match n {
                Some(n) => words.extend([word(165.0, y, n), word(190.0, y, t), word(240.0, y, d)]),
                None => words.push(word(160.0, y, t)),
            }
        }
        let doc = Document { source: "2022-03-22_p03.pdf".into(), format: Format::Pdf, pages: vec![page(1, words)] };
        extract_document(&doc, &Options::default())
    }

    /// Regression (pdf presets with 2–4 columns, dev seeds 21–32: 388 of
    /// 402 extra rows): a table run on into the next newspaper column under
    /// its header printed again, without its department, lost the
    /// department (`department_unknown`). The header over rows that go on
    /// from the column before (the next number, a later category) is the
    /// table's own, printed again.
    #[test]
    fn a_header_printed_again_at_a_column_top_keeps_the_department() {
        let result = run_on_page(&[
            (Some("3"), "完成调查", "6月底前"),
            (None, "（二）项目类", ""),
            (Some("1"), "出台意见", "3月底前"),
        ]);
        let rows: Vec<(&str, &str, u32, &str, String)> = result
            .rows
            .iter()
            .map(|r| (&*r.department, &*r.category, r.seq, r.target.as_str(), r.flags.to_string()))
            .collect();
        assert_eq!(
            rows,
            [
                ("市测试局", "指标类", 1, "新增企业", String::new()),
                ("市测试局", "指标类", 2, "建成园区", String::new()),
                ("市测试局", "指标类", 3, "完成调查", String::new()),
                ("市测试局", "项目类", 1, "出台意见", String::new()),
            ]
        );
        // Regression (pdf-3col, dev seed 23): a page title standing over
        // the second column only (not across the columns) came first in
        // that column, before the header printed again.
        let under = run_on_page_under(&[(Some("3"), "完成调查", "6月底前")], Some("“大抓落实”工作承诺清单"));
        let last = under.rows.last().expect("rows");
        assert_eq!((&*last.department, last.seq, last.target.as_str()), ("市测试局", 3, "完成调查"));
        assert!(last.flags.is_empty(), "{:?}", under.rows);
        // A header over rows that start again at 1 in no new category is
        // another table (its department line lost): not given 市测试局.
        let result = run_on_page(&[(Some("1"), "完成调查", "6月底前"), (Some("2"), "出台意见", "3月底前")]);
        let last = result.rows.last().expect("rows");
        assert_eq!((last.seq, last.target.as_str()), (2, "出台意见"));
        assert!(*last.department != *"市测试局" || !last.flags.is_empty(), "{:?}", result.rows);
    }

    /// Regression (pdf-office / ocr-mm10, dev seeds 28 and 29): every
    /// number and deadline centred between its target's two lines, the
    /// number column was taken to end halfway to the deadlines, so the
    /// targets' short lines read as no row line; and a short department
    /// centred over the next table stood in the deadline column and was
    /// read as a deadline's piece, glued into the next target.
    #[test]
    fn numbers_beside_deadlines_only_and_a_name_over_the_deadlines() {
        let mut words = vec![word(0.0, 0.0, "市测试局"), word(0.0, 20.0, "序号"), word(30.0, 20.0, "任务目标")];
        words.extend([word(200.0, 20.0, "完成时限"), word(0.0, 40.0, "（一）指标类")]);
        let row = |y: f32, n: &str, a: &str, b: &str, d: &str| {
            [word(30.0, y, a), word(5.0, y + 6.0, n), word(200.0, y + 6.0, d), word(30.0, y + 12.0, b)]
        };
        words.extend(row(60.0, "1", "正式运行工业设计、健康医疗器械产", "业技术研究院", "5月底前"));
        words.extend(row(90.0, "2", "实现14个镇居家养老服务中心无感", "服务全覆盖", "10月底前"));
        words.extend([word(190.0, 120.0, "市交通局"), word(0.0, 140.0, "序号"), word(30.0, 140.0, "任务目标")]);
        words.extend([word(200.0, 140.0, "完成时限"), word(0.0, 160.0, "（一）项目类")]);
        words.extend(row(180.0, "1", "开工建设现代五金科技、生命健康", "产业园", "6月底前"));
        let doc = Document { source: "2022-03-22_p03.pdf".into(), format: Format::Pdf, pages: vec![page(1, words)] };
        let result = extract_document(&doc, &Options::default());
        let rows: Vec<_> = keyed(&result).into_iter().map(|(d, _, n, t, l)| (d, n, t, l)).collect();
        assert_eq!(
            rows,
            [
                ("市测试局", 1, "正式运行工业设计、健康医疗器械产业技术研究院", "5月底前"),
                ("市测试局", 2, "实现14个镇居家养老服务中心无感服务全覆盖", "10月底前"),
                ("市交通局", 1, "开工建设现代五金科技、生命健康产业园", "6月底前"),
            ]
        );
    }

    fn out_line(text: &str, y: f32) -> OutLine {
        OutLine {
            text: text.into(),
            page: 1,
            bbox: Some(BBox { x0: 0.0, y0: y, x1: 100.0, y1: y + 10.0 }),
            confidence: vec![],
            furniture: false,
            glyph_height: 10.0,
            deadline: None,
            geom: None,
        }
    }

    /// Regression (tsv `ocr-split`, held-out seed 9303): a target took in
    /// a line holding another row's number, deadline and the header row
    /// `序号 任务目标 完成时限`, unflagged. A header inside a target is no
    /// cell's text; a line past a blank line in the same column is no
    /// line of the cell; an ordinary two-line target is neither.
    #[test]
    fn a_header_or_a_line_past_a_blank_in_a_target_is_out_of_place() {
        let glued = [
            out_line("   1    修订《管理办法》", 0.0),
            out_line("3    10月底前    序号    任务目标    完成时限", 14.0),
        ];
        assert!(line_out_of_place(
            &glued,
            &[1, 2],
            "修订《管理办法》3    10月底前    序号    任务目标    完成时限",
            "12月底前"
        ));
        let mut apart = vec![out_line("   1    举办成果展、", 0.0), out_line("        工业设计展", 14.0)];
        apart.push(OutLine { bbox: None, text: String::new(), ..out_line("", 0.0) });
        apart.push(out_line("        奋战开门红", 60.0));
        assert!(line_out_of_place(&apart, &[1, 2, 3, 4], "举办成果展、工业设计展奋战开门红", "12月底前"));
        assert!(!line_out_of_place(&apart, &[1, 2], "举办成果展、工业设计展", "12月底前"));
        // Every line a blank apart (double-spaced) is no gap.
        let spaced = [apart[0].clone(), apart[2].clone(), out_line("        工业设计展", 30.0)];
        assert!(!line_out_of_place(&spaced, &[1, 3], "举办成果展、工业设计展", "12月底前"));
        let mut headline = apart[..2].to_vec();
        headline.push(OutLine { glyph_height: 20.0, ..out_line("奋战开门红", 28.0) });
        assert!(line_out_of_place(&headline, &[1, 2, 3], "举办成果展、工业设计展奋战开门红", "12月底前"));
        // The headers' synonyms too (`承诺事项`, `完成时间`), as cells of a
        // line or glued into the target; one synonym alone on a wrapped
        // line is a target's text.
        let synonyms = [
            out_line("   1    修订《管理办法》", 0.0),
            out_line("3    10月底前    序号    承诺事项    完成时间", 14.0),
        ];
        assert!(line_out_of_place(&synonyms, &[1, 2], "修订《管理办法》3", "12月底前"));
        assert!(line_out_of_place(&synonyms[..1], &[1], "修订《管理办法》承诺事项完成时间", "12月底前"));
        let wrapped = [out_line("   1    完成年度", 0.0), out_line("        工作任务", 14.0)];
        assert!(!line_out_of_place(&wrapped, &[1, 2], "完成年度工作任务", "12月底前"));
        // Regression (pdf dev seed 5): a tail `底前` alone on its line read
        // into the middle of a target whose deadline lacks it.
        let tail = [apart[0].clone(), out_line("底前", 14.0), out_line("        工业设计展", 28.0)];
        assert!(line_out_of_place(&tail, &[1, 2, 3], "举办成果展、底前工业设计展", "2022年6月"));
        assert!(!line_out_of_place(&tail, &[1, 2, 3], "举办成果展、工业设计展", "2022年6月底前"));
        // Regression (PaddleOCR and TSV `ocr-mm10`, dev seed 21): the tail
        // as the last cell of a target's line (`2019年12` / `底前` wrapped
        // in a narrow cell, its second line read beside the target).
        let beside = [out_line("   4    完成金胜山森林公园规划设计    底前", 0.0)];
        assert!(line_out_of_place(&beside, &[1], "完成金胜山森林公园规划设计 底前", "2019年12"));
        assert!(!line_out_of_place(&beside, &[1], "完成金胜山森林公园规划设计", "2019年12月底前"));
    }
}
