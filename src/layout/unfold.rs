//! Stage 1b: tables printed one row per line → the column order the rest
//! of the pipeline reads.
//!
//! `pdftotext -layout` and line-by-line OCR keep a table's geometry: each
//! printed line holds the pieces of every column at that height, the row
//! number and deadline on the middle line of their row, the target wrapped
//! over the lines around it, columns set apart by runs of spaces:
//!
//! ```text
//!        一季度投资增长16%以上，省“4+1”重大项目投资完成率
//!   2    30%以上，4个第十二批省集中开工项目开工率100%        3月底前
//!        …
//! ```
//!
//! Where a cell ends is as unknown here as in the column-by-column text, so
//! rather than a second aligner, this stage rewrites each table the way
//! pdftotext without `-layout` would have read it: its number column (with
//! a blank line wherever two numbers are not on adjacent lines, i.e. a row
//! is taller than a line), then its target column, then its deadline
//! column. Every piece keeps the number of the line it came from, so rows
//! point at the real lines. Pages without such rows are left alone.
//!
//! ```
//! use pledges::{model::Line, layout::{classify::Context, unfold::unfold}};
//! let page = ["市测试局", "序号    任务目标          完成时限", "（一）指标类",
//!     "  1    新增企业5家       12月底前", "  2    完成调查            6月底前"];
//! let lines = Line::numbered(page);
//! let unfolded = unfold(&lines, Context::none()).unwrap();
//! let texts: Vec<&str> = unfolded.lines.iter().map(|l| l.text.as_str()).collect();
//! assert_eq!(texts, ["市测试局", "序号    任务目标          完成时限", "（一）指标类", "1", "2", "",
//!     "新增企业5家", "完成调查", "", "12月底前", "6月底前"]);
//! assert_eq!(unfolded.lines[6].no.get(), 4); // the target came from line 4
//! ```

use crate::fields::deadline;
use crate::layout::classify::{classify_line_in, Context, Kind};
use crate::lexicon::headers::{is_deadline_header, is_other_header, is_target_header};
use crate::lexicon::text::trimmed;
use crate::model::{Line, LineNo, Use};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// The rewritten page: its lines, and for each the index of the input line
/// it came from (`None` for a blank line put between columns).
#[derive(Debug, Clone, Default)]
pub struct Unfolded {
    pub lines: Vec<Line>,
    pub origin: Vec<Option<usize>>,
    /// Input lines joined into an output line besides its origin (the
    /// second line of a wrapped deadline): (input, output) line indices.
    pub also: Vec<(usize, usize)>,
}

impl Unfolded {
    /// The use of each input line, from the uses of its pieces: a line
    /// whose target went into a row is that row's; else a line with a piece
    /// left over is reported so; else its deadline, number or what its one
    /// piece was.
    pub fn fold_uses(&self, uses: &[Option<Use>], inputs: usize) -> Vec<Option<Use>> {
        let rank = |u: Use| match u {
            Use::Target => 0,
            Use::Leftover => 1,
            Use::Deadline => 2,
            Use::Number => 3,
            Use::Structure => 4,
            Use::Furniture => 5,
        };
        let mut out: Vec<Option<Use>> = vec![None; inputs];
        let pairs = self.origin.iter().zip(uses).filter_map(|(o, u)| Some(((*o)?, (*u)?)));
        let joined = self.also.iter().filter_map(|&(i, k)| Some((i, uses.get(k).copied().flatten()?)));
        for (i, u) in pairs.chain(joined) {
            if out[i].is_none_or(|old| rank(u) < rank(old)) {
                out[i] = Some(u);
            }
        }
        out
    }

    /// This rewrite of `base`'s lines, mapped back to `base`'s inputs.
    fn through(self, base: &Unfolded) -> Unfolded {
        let origin: Vec<Option<usize>> = self.origin.iter().map(|o| o.and_then(|o| base.origin[o])).collect();
        let also = base
            .also
            .iter()
            .flat_map(|&(i, b)| {
                self.origin.iter().enumerate().filter(move |(_, o)| **o == Some(b)).map(move |(k, _)| (i, k))
            })
            .collect();
        Unfolded { lines: self.lines, origin, also }
    }
}

/// The page with wrapped deadline cells joined (`2022年12月` / `底前`) and
/// tables printed one row per line read column by column; `None` when the
/// page has neither. `ctx` is what the document's reader knows of its
/// lines beyond their text ([`Context`]).
/// `gaps`: what is known of the page's column gaps before its lines are
/// read ([`Gaps`]).
pub fn rewrite(lines: &[Line], ctx: &Context, gaps: Gaps) -> Option<Unfolded> {
    let joined = join_wrapped_deadlines(lines);
    if gaps == Gaps::None {
        return joined;
    }
    let base = joined.as_ref().map_or(lines, |j| j.lines.as_slice());
    match (unfold(base, ctx), joined) {
        (Some(u), Some(j)) => Some(u.through(&j)),
        (u, j) => u.or(j),
    }
}

/// What is known of a page's column gaps ([`COLUMN_GAP`]) before its
/// lines are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gaps {
    /// Not looked for: [`unfold`] asks each line.
    Unknown,
    /// The page holds none, so none of its lines is a row line and
    /// [`unfold`] has nothing to do (joining a wrapped deadline makes none).
    None,
}

impl Gaps {
    /// What the whole text of a page tells, in one branch-free pass over
    /// its bytes: most pages, printed column by column, hold no gap, and
    /// asking each of their ≈ 500 short lines cost ≈ 0.1 M instructions a
    /// full table page (a loop's set-up per line, and the byte-by-byte
    /// test of every line holding `、` or `。`, whose first byte a U+3000
    /// shares).
    pub fn of_page(text: &str) -> Gaps {
        if holds_column_gap(text.as_bytes()) {
            Gaps::Unknown
        } else {
            Gaps::None
        }
    }
}

/// Whether `bytes` hold a [`COLUMN_GAP`] (two spaces, a tab or U+3000,
/// bytes E3 80 80), asked of every window of three bytes without a branch
/// (so vectorized), the last two bytes on their own.
fn holds_column_gap(bytes: &[u8]) -> bool {
    let opens_gap = |a: u8, b: u8, c: u8| {
        u8::from(a == b'\t')
            | (u8::from(a == b' ') & u8::from(b == b' '))
            | (u8::from(a == 0xE3) & u8::from(b == 0x80) & u8::from(c == 0x80))
    };
    let n = bytes.len();
    if n < 3 {
        return bytes.contains(&b'\t') || bytes == b"  ";
    }
    let windows = bytes[..n - 2].iter().zip(&bytes[1..n - 1]).zip(&bytes[2..]);
    let found = windows.fold(0u8, |any, ((&a, &b), &c)| any | opens_gap(a, b, c));
    found != 0 || opens_gap(bytes[n - 2], bytes[n - 1], 0) != 0 || bytes[n - 1] == b'\t'
}

/// Longest piece of a deadline cell wrapped over two lines.
const DEADLINE_PIECE: usize = 8;

/// A deadline cell that a narrow column wrapped over two lines, joined
/// again: two short lines, one after the other, that make a deadline
/// together (`2022年12月` + `底前`, `2023年` + `12月底前`) where they are not
/// two deadlines each on its own.
fn join_wrapped_deadlines(lines: &[Line]) -> Option<Unfolded> {
    // Whether each line is short enough to be a piece, worked out once per
    // line (each line is asked as the first and as the second of a pair,
    // and the pairs from the first join on are asked twice).
    let short: Vec<bool> = lines.iter().map(|l| is_deadline_piece(trimmed(&l.text))).collect();
    // One buffer for every pair's join (a string per pair was allocated).
    let mut pair = String::new();
    let mut joins = |i: usize| {
        if !(short[i] && short[i + 1]) {
            return false;
        }
        let (a, b) = (trimmed(&lines[i].text), trimmed(&lines[i + 1].text));
        pair.clear();
        pair.push_str(a);
        pair.push_str(b);
        deadline::is_deadline(&pair) && !(deadline::is_deadline(a) && deadline::is_deadline(b))
    };
    let first = (0..lines.len().saturating_sub(1)).find(|&i| joins(i))?;
    let mut out = Unfolded::default();
    let mut i = 0;
    while i < lines.len() {
        if i >= first && i + 1 < lines.len() && joins(i) {
            let text = [trimmed(&lines[i].text), trimmed(&lines[i + 1].text)].concat();
            out.push(Some(i), &text, lines);
            out.also.push((i + 1, out.lines.len() - 1));
            i += 2;
        } else {
            out.push(Some(i), &lines[i].text, lines);
            i += 1;
        }
    }
    Some(out)
}

/// Whether trimmed `text` is 1 to [`DEADLINE_PIECE`] chars long. A char
/// is 1 to 4 bytes, so the byte length alone settles most lines (row
/// numbers, target text) without counting chars.
fn is_deadline_piece(text: &str) -> bool {
    match text.len() {
        0 => false,
        n if n <= DEADLINE_PIECE => true,
        n if n > 4 * DEADLINE_PIECE => false,
        _ => text.chars().count() <= DEADLINE_PIECE,
    }
}

/// Two or more spaces, a tab or an ideographic space: where columns part.
static COLUMN_GAP: LazyLock<Regex> = LazyLock::new(|| Regex::new("[ ]{2,}|[\t\u{3000}]+").unwrap());

/// A line with the pieces of a table row.
#[derive(Debug, Default, PartialEq, Eq)]
struct RowLine {
    number: Option<String>,
    text: Option<String>,
    deadline: Option<String>,
}

/// How many columns besides number, target and deadline (`责任单位`) a
/// page's header row prints between its target and deadline columns and
/// after its deadline column: a row line's pieces in those places are no
/// part of its target (glued into it, they made every target wrong,
/// unflagged; after the deadline, they hid every row).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct OtherColumns {
    before_deadline: usize,
    after_deadline: usize,
}

/// The first header row naming an other column tells where they stand.
fn other_columns(lines: &[Line], ctx: &Context) -> OtherColumns {
    let counts = |l: &Line| {
        let words: Vec<&str> = l.text.split_whitespace().collect();
        let target = words.iter().position(|w| is_target_header(w))?;
        let deadline = words.iter().position(|w| is_deadline_header(w))?;
        let others = |ws: &[&str]| ws.iter().filter(|w| is_other_header(w)).count();
        let between = if target < deadline { others(&words[target..deadline]) } else { 0 };
        Some(OtherColumns { before_deadline: between, after_deadline: others(&words[deadline + 1..]) })
    };
    let has_other = |l: &&Line| l.text.split_whitespace().any(is_other_header);
    let header_rows = lines.iter().filter(has_other).filter(|l| classify_line_in(&l.text, ctx) == Kind::HeaderRow);
    header_rows.filter_map(counts).next().unwrap_or_default()
}

/// Splits a line into row pieces: a number first, a deadline last, target
/// text between; `None` when the line is not laid out as a row. Pieces in
/// the page's [`OtherColumns`] are left out.
fn row_line(text: &str, ctx: &Context, others: OtherColumns) -> Option<RowLine> {
    // Most lines have no column gap at all: one field, no row (the same
    // answer as splitting them, without the regex).
    if !holds_column_gap(trimmed(text).as_bytes()) {
        return None;
    }
    let mut fields: Vec<&str> = COLUMN_GAP.split(trimmed(text)).filter(|f| !f.is_empty()).collect();
    let is_deadline = |f: &str| matches!(classify_line_in(f, ctx), Kind::Deadline);
    if let Some(last) = fields.len().checked_sub(others.after_deadline + 1).filter(|_| others.after_deadline > 0) {
        if is_deadline(fields[last]) {
            fields.truncate(last + 1);
        }
    }
    if fields.len() < 2 {
        return None;
    }
    let number = matches!(classify_line_in(fields[0], ctx), Kind::Number(_));
    let deadline = is_deadline(fields[fields.len() - 1]);
    let mut body = &fields[number as usize..fields.len() - deadline as usize];
    if deadline && others.before_deadline > 0 && body.len() > others.before_deadline {
        body = &body[..body.len() - others.before_deadline];
    }
    if !(number || deadline) || !body.iter().all(|f| is_text(f, ctx)) {
        return None;
    }
    Some(RowLine {
        number: number.then(|| fields[0].to_string()),
        text: (!body.is_empty()).then(|| body.join(" ")),
        deadline: deadline.then(|| fields[fields.len() - 1].to_string()),
    })
}

/// Whether a piece of a row line reads as target text: anything but the
/// other columns' contents (a target ending in 会 may look like a name).
fn is_text(piece: &str, ctx: &Context) -> bool {
    matches!(classify_line_in(piece, ctx), Kind::Text | Kind::Department | Kind::Title)
}

/// Lines with a row number and target text before a page counts as printed
/// row by row (one line that also ends on a deadline is enough): a stray
/// `83  项政策` in column-by-column text is not.
const MIN_ROW_LINES: usize = 2;

/// The page rewritten column by column, or `None` when it has no table
/// printed row by row (see [`MIN_ROW_LINES`]). Only the tables
/// (from one department's name to the next) printed row by row are
/// rewritten; the rest of the page stays as it was.
pub fn unfold(lines: &[Line], ctx: &Context) -> Option<Unfolded> {
    // A page without a column gap has no row line (see [`row_line`]): most
    // pages, printed column by column, are done after one pass over the bytes.
    // (Untrimmed: blanks at an edge only send a page the long way round.)
    if !lines.iter().any(|l| holds_column_gap(l.text.as_bytes())) {
        return None;
    }
    let others = other_columns(lines, ctx);
    let rows: Vec<Option<RowLine>> = lines.iter().map(|l| row_line(&l.text, ctx, others)).collect();
    let numbered = |r: &Option<RowLine>| r.as_ref().is_some_and(|r| r.number.is_some() && r.text.is_some());
    let whole = |r: &Option<RowLine>| r.as_ref().is_some_and(|r| r.deadline.is_some()) && numbered(r);
    if rows.iter().filter(|r| numbered(r)).count() < MIN_ROW_LINES && !rows.iter().any(whole) {
        return None;
    }
    let kinds: Vec<Kind> = lines.iter().map(|l| classify_line_in(&l.text, ctx)).collect();
    // An indented line that ends like a name (`…现场会`) is a wrapped target.
    let opens_table = |i: usize| kinds[i] == Kind::Department && !lines[i].text.starts_with("  ");
    let mut starts: Vec<usize> = (1..lines.len()).filter(|&i| opens_table(i)).collect();
    starts.insert(0, 0);
    starts.push(lines.len());
    let mut out = Unfolded::default();
    for w in starts.windows(2) {
        let region = w[0]..w[1];
        if rows[region.clone()].iter().any(numbered) {
            unfold_table(lines, &rows, &kinds, region, ctx, &mut out);
        } else {
            for i in region {
                out.push(Some(i), &lines[i].text, lines);
            }
        }
    }
    while out.lines.last().is_some_and(|l| trimmed(&l.text).is_empty()) {
        out.lines.pop();
        out.origin.pop();
    }
    Some(out)
}

/// Rewrites the lines of one table printed row by row; lines before its
/// first table part (masthead, title) stay where they are.
fn unfold_table(
    lines: &[Line],
    rows: &[Option<RowLine>],
    kinds: &[Kind],
    region: Range<usize>,
    ctx: &Context,
    out: &mut Unfolded,
) {
    let mut table = Columns::default();
    let mut in_table = false;
    let indented_text = |i: usize| rows[i].is_none() && lines[i].text.starts_with("  ") && is_text(&lines[i].text, ctx);
    // A line of target text beside the row's deadline, without its number:
    // the deadline of a tall row need not stand on the number's line (OCR
    // may set it a line higher).
    let unnumbered_row = |i: usize| {
        lines[i].text.starts_with("  ") && rows[i].as_ref().is_some_and(|r| r.number.is_none() && r.text.is_some())
    };
    for i in region.clone() {
        let indented = lines[i].text.starts_with("  ");
        let kind = if in_table && indented && is_text(&lines[i].text, ctx) { Kind::Text } else { kinds[i].clone() };
        if in_table && after_blank(lines, i) && table.is_prose(lines, i, indented, &kind) {
            // Prose after the table (a closing paragraph): the table ends
            // here; read into it, it was glued to the last row's target.
            table.flush(out, lines);
            in_table = false;
        }
        // Indented text lines running straight into a numbered row line
        // are that row's first lines (a row carried on from another page
        // with its number centred in the row: no header or name above).
        let opens_row = !in_table
            && indented_text(i)
            && (i..region.end)
                .find(|&j| !indented_text(j) && !unnumbered_row(j))
                .is_some_and(|j| rows[j].as_ref().is_some_and(|r| r.number.is_some() && r.text.is_some()));
        in_table |= rows[i].is_some()
            || opens_row
            || matches!(kind, Kind::Department | Kind::Category { .. } | Kind::HeaderRow | Kind::SeqHeader);
        if !in_table {
            out.push(Some(i), &lines[i].text, lines);
            continue;
        }
        match (&rows[i], kind) {
            (Some(r), _) => table.add_row(i, r),
            (None, Kind::Blank) => table.blank(),
            (None, Kind::Text | Kind::TargetHeader) => table.targets.push(Some(i)),
            (None, Kind::Deadline | Kind::DeadlineHeader) => table.deadlines.push(Some(i)),
            (None, _) => table.numbers.push(Some(i)),
        }
    }
    table.flush(out, lines);
}

/// Whether line `i` follows a blank line.
fn after_blank(lines: &[Line], i: usize) -> bool {
    i > 0 && trimmed(&lines[i - 1].text).is_empty()
}

/// How many characters a line at the left margin must be wider than every
/// target piece of its table to be prose, not a target line: a cell's line
/// is never wider than its column, and OCR's widths vary a little.
const PROSE_MARGIN_CHARS: usize = 2;

/// One table's pieces, column by column: input line indices, `None` for a
/// blank line. Row pieces are kept apart in `pieces` by (line, column).
#[derive(Default)]
struct Columns {
    numbers: Vec<Option<usize>>,
    targets: Vec<Option<usize>>,
    deadlines: Vec<Option<usize>>,
    pieces: Vec<(usize, u8, String)>,
}

impl Columns {
    fn add_row(&mut self, i: usize, row: &RowLine) {
        for (column, piece) in [(0u8, &row.number), (1, &row.text), (2, &row.deadline)] {
            let Some(text) = piece else { continue };
            self.pieces.push((i, column, text.clone()));
            let col = match column {
                0 => &mut self.numbers,
                1 => &mut self.targets,
                _ => &mut self.deadlines,
            };
            col.push(Some(i));
        }
    }

    /// Whether a line read after the table's rows (and a blank line) is
    /// prose: text at the left margin, where no target line of a table
    /// printed row by row starts, wider than every target piece of it.
    fn is_prose(&self, lines: &[Line], i: usize, indented: bool, kind: &Kind) -> bool {
        if indented || *kind != Kind::Text || self.pieces.is_empty() {
            return false;
        }
        // (Only now: the widest target scans every piece, and most lines after a blank are indented.)
        let piece = |t: usize| self.pieces.iter().find(|(l, c, _)| *l == t && *c == 1).map(|(_, _, p)| p.as_str());
        let width = |t: usize| piece(t).unwrap_or(trimmed(&lines[t].text)).chars().count();
        let widest = self.targets.iter().flatten().map(|&t| width(t)).max();
        widest.is_some_and(|w| trimmed(&lines[i].text).chars().count() > w + PROSE_MARGIN_CHARS)
    }

    fn blank(&mut self) {
        for col in [&mut self.numbers, &mut self.targets, &mut self.deadlines] {
            if col.last().is_some_and(|l| l.is_some()) {
                col.push(None);
            }
        }
    }

    /// Writes the table out: numbers, targets, deadlines, each column
    /// apart, side columns with a blank between pieces that were not on
    /// adjacent lines (the row between is taller than a line).
    fn flush(&mut self, out: &mut Unfolded, lines: &[Line]) {
        let table = std::mem::take(self);
        for (column, col) in [(0u8, &table.numbers), (1, &table.targets), (2, &table.deadlines)] {
            let mut previous: Option<usize> = None;
            for entry in col {
                match entry {
                    None => out.blank(),
                    Some(i) => {
                        if column != 1 && previous.is_some_and(|p| i - p > 1) {
                            out.blank();
                        }
                        let piece = table.pieces.iter().find(|(l, c, _)| l == i && *c == column);
                        out.push(Some(*i), piece.map_or(trimmed(&lines[*i].text), |(_, _, t)| t), lines);
                        previous = Some(*i);
                    }
                }
            }
            out.blank();
        }
    }
}

impl Unfolded {
    fn push(&mut self, origin: Option<usize>, text: &str, lines: &[Line]) {
        let no = origin.map_or_else(|| self.lines.last().map_or(LineNo(0), |l| l.no), |i| lines[i].no);
        // A piece stands where its line stood (a wrapped deadline joined
        // again, where its first line did).
        let geom = origin.and_then(|i| lines[i].geom);
        self.lines.push(Line { geom, ..Line::new(no, text) });
        self.origin.push(origin);
    }

    fn blank(&mut self) {
        if self.lines.last().is_some_and(|l| !trimmed(&l.text).is_empty()) {
            let no = self.lines.last().map_or(LineNo(0), |l| l.no);
            self.lines.push(Line::new(no, ""));
            self.origin.push(None);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Geom;

    fn lines(texts: &[&str]) -> Vec<Line> {
        Line::numbered(texts.iter().copied())
    }

    #[test]
    fn a_deadline_piece_is_counted_in_chars() {
        let mut texts = crate::testing::corpus_lines();
        texts.extend(
            ["", "1", "12345678", "123456789", "底前", "2022年12月", "2022年12月底", "😀😀😀😀😀😀😀😀"]
                .map(String::from),
        );
        for t in &texts {
            let t = t.trim();
            assert_eq!(is_deadline_piece(t), (1..=DEADLINE_PIECE).contains(&t.chars().count()), "{t:?}");
        }
    }

    #[test]
    fn row_lines_split_into_their_columns() {
        let r =
            row_line("  12    新增企业5家，完成调查       12月底前", Context::none(), OtherColumns::default()).unwrap();
        assert_eq!(r.number.as_deref(), Some("12"));
        assert_eq!(r.text.as_deref(), Some("新增企业5家，完成调查"));
        assert_eq!(r.deadline.as_deref(), Some("12月底前"));
        assert_eq!(
            row_line("       工作机制》              6月底前", Context::none(), OtherColumns::default())
                .unwrap()
                .number,
            None
        );
        assert_eq!(row_line("新增企业5家", Context::none(), OtherColumns::default()), None);
        assert_eq!(row_line("83 项政策处理工作", Context::none(), OtherColumns::default()), None);
    }

    #[test]
    fn a_column_gap_is_found_where_the_pattern_finds_one() {
        let texts = [
            "",
            " ",
            "  ",
            "a b",
            "a  b",
            "a\tb",
            "a\u{3000}b",
            "新增　企业",
            "新增 企业",
            "、。\u{3001}\u{3000}",
            "a \u{3000}",
            "\u{2000}\u{2000}",
        ];
        let corpus = crate::testing::corpus_lines();
        let pages: Vec<String> =
            crate::testing::corpus_pages().iter().map(|p| std::fs::read_to_string(p).unwrap()).collect();
        let edges = [
            "\t",
            "a\t",
            "\ta",
            " \t",
            "a ",
            " a",
            "ab ",
            "ab  ",
            "\u{3000}",
            "a\u{3000}",
            "\u{3000}a",
            "\u{3001}\u{80}",
        ];
        let all = texts.iter().chain(&edges).copied().chain(corpus.iter().chain(&pages).map(String::as_str));
        for text in all {
            let found = COLUMN_GAP.is_match(text);
            assert_eq!(holds_column_gap(text.as_bytes()), found, "{text:?}");
            assert_eq!(Gaps::of_page(text) == Gaps::None, !found, "{text:?}");
        }
    }

    #[test]
    fn other_columns_pieces_are_left_out() {
        let page = lines(&["市测试局", "序号  任务目标    责任单位   完成时限   责任人"]);
        let others = other_columns(&page, Context::none());
        assert_eq!(others, OtherColumns { before_deadline: 1, after_deadline: 1 });
        let r = row_line("  1    新增企业5家    市经信局    12月底前    张三", Context::none(), others).unwrap();
        assert_eq!((r.text.as_deref(), r.deadline.as_deref()), (Some("新增企业5家"), Some("12月底前")));
        // A wrapped line holds only target text.
        let r = row_line("       以上    市经信局    12月底前    张三", Context::none(), others).unwrap();
        assert_eq!(r.text.as_deref(), Some("以上"));
    }

    #[test]
    fn pieces_keep_where_their_line_stood() {
        let mut page = lines(&["市测试局", "  1    新增企业5家       12月底前", "  2    完成调查            6月底前"]);
        for (k, l) in page.iter_mut().enumerate() {
            l.geom = Some(Geom { column: 7, y: k as f32 * 1.4 });
        }
        let u = unfold(&page, Context::none()).unwrap();
        let at = |text: &str| u.lines.iter().find(|l| l.text == text).and_then(|l| l.geom).map(|g| g.y);
        assert_eq!((at("新增企业5家"), at("完成调查"), at("6月底前")), (Some(1.4), Some(2.8), Some(2.8)));
        assert!(u.lines.iter().filter(|l| l.text.is_empty()).all(|l| l.geom.is_none()));
    }

    #[test]
    fn column_by_column_pages_are_left_alone() {
        assert!(unfold(
            &lines(&["市测试局", "序号", "1", "2", "任务目标", "新增企业5家", "完成调查"]),
            Context::none()
        )
        .is_none());
    }

    #[test]
    fn tall_rows_leave_blank_lines_in_the_side_columns() {
        let page = [
            "市测试局",
            "  1    新增企业5家                  12月底前",
            "       一季度投资增长16%以上，省重大项目",
            "  2    投资完成率30%以上                3月底前",
            "       以上内容",
            "  3    完成调查                     6月底前",
        ];
        let u = unfold(&lines(&page), Context::none()).unwrap();
        let texts: Vec<&str> = u.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "市测试局",
                "1",
                "",
                "2",
                "",
                "3",
                "",
                "新增企业5家",
                "一季度投资增长16%以上，省重大项目",
                "投资完成率30%以上",
                "以上内容",
                "完成调查",
                "",
                "12月底前",
                "",
                "3月底前",
                "",
                "6月底前"
            ]
        );
        let uses = vec![Some(Use::Number); u.lines.len()];
        assert_eq!(u.fold_uses(&uses, page.len()).iter().filter(|u| u.is_some()).count(), page.len());
    }
}
