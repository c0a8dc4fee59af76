//! Geometry: positioned words → text lines the rest of the pipeline reads.
//!
//! A page of words becomes lines in reading order: newspaper columns
//! ([`columns`]) left to right within bands cut by lines that span them
//! (masthead, titles), each column top to bottom; within a column the
//! lines of a table are written one row per line, number, target and
//! deadline apart by runs of spaces ([`table`]), which is the form
//! [`crate::layout::unfold`] already reads — so classify, segment,
//! skeleton and the aligner run unchanged, and the row-per-line evidence
//! (which number stands beside which line, blank lines between rows)
//! reaches the aligner as it does for `pdftotext -layout` text.
//!
//! Every threshold is a multiple of the page's own glyph height (the
//! median word height) or line pitch, so no producer's spacing is built in.
//! Each line keeps its page and box ([`OutLine`]) for provenance.

pub mod columns;
pub mod table;
pub mod words;

use crate::layout::classify::{classify_line, Kind};
use crate::model::Geom;
use crate::read::positioned::{BBox, Document, WordPage};
use std::sync::LazyLock;
use words::Placed;

/// `PLEDGES_GEOMETRY_DEBUG=1` prints the gutters, strips and lines the
/// geometry found on stderr; read once, not per page and column.
pub(crate) static TRACE: LazyLock<bool> = LazyLock::new(|| std::env::var_os("PLEDGES_GEOMETRY_DEBUG").is_some());

/// Tunable geometry, in glyph heights (see each default).
#[derive(Debug, Clone, Copy)]
pub struct Knobs {
    /// A gap wider than this parts a line into chunks (cells, columns). Default 0.8.
    pub chunk_gap: f32,
    /// Words closer than this are one printed run, which a table column's
    /// edge never parts: an OCR engine cuts a run into 1–2-glyph words
    /// (jitter moves their edges a little), while cells keep their
    /// padding (a few tenths of an em each side) between them. Default 0.3.
    pub run_gap: f32,
    /// Narrowest gutter between newspaper columns. Default 0.8.
    pub gutter_width: f32,
    /// Share of a page's lines that may cross a gutter (spanning titles). Default 0.025.
    pub gutter_crossing: f32,
    /// Lines that may cross a gutter whatever the page's size: a title and
    /// an opening line printed across the columns of a short page. Default 2.
    pub gutter_crossing_min: usize,
    /// A chunk wider than this share of the page's text width spans
    /// columns whatever the layout (no column of a page of two or more is
    /// wider than half of it), so it has no say in where the gutters are:
    /// a lead paragraph of many lines printed across the page does not
    /// hide them. Default 0.6.
    pub spanning_share: f32,
    /// A step between lines longer than this many line pitches gets a blank line; 0 for never. Default 1.45.
    pub blank_gap: f32,
    /// A page number alone at the foot of a page (`1`, `- 2 -`, `第3页`)
    /// stands at least this far below the line above it to be read as the
    /// page's folio, not a row number. Default 1.5.
    pub folio_gap: f32,
}

impl Default for Knobs {
    fn default() -> Self {
        Knobs {
            chunk_gap: 0.8,
            run_gap: 0.3,
            gutter_width: 0.8,
            gutter_crossing: 0.025,
            gutter_crossing_min: 2,
            spanning_share: 0.6,
            blank_gap: 1.45,
            folio_gap: 1.5,
        }
    }
}

/// One line for the pipeline, with where it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct OutLine {
    pub text: String,
    pub page: u32,
    /// The union of its words' boxes as read (no box for a blank line).
    pub bbox: Option<BBox>,
    /// Each word's confidence (where the format gives one) and its length in characters.
    pub confidence: Vec<(f32, u32)>,
    /// Page furniture the geometry recognised (a folio, a table header
    /// repeated at the top of a page): accounted as furniture, and not
    /// given to the table reader, where it would read as a row number or
    /// a new table.
    pub furniture: bool,
    /// The median height of its words' boxes (0 for a blank line): the
    /// size of its type, which a headline or other text beside a table
    /// does not share with the table's lines.
    pub glyph_height: f32,
    /// The text the geometry read in a table's deadline column on this
    /// line, when it read the line as a table row.
    pub deadline: Option<String>,
    /// Its height in its newspaper column, for the aligner (lines of a
    /// column only; a line spanning columns has none).
    pub geom: Option<Geom>,
}

impl OutLine {
    fn blank(page: u32) -> OutLine {
        OutLine {
            text: String::new(),
            page,
            bbox: None,
            confidence: vec![],
            furniture: false,
            glyph_height: 0.0,
            deadline: None,
            geom: None,
        }
    }

    fn of(ws: &[Placed], page: u32, text: String, ids: impl Iterator<Item = usize>) -> OutLine {
        let mut line = OutLine::blank(page);
        line.text = text;
        let mut heights = vec![];
        for i in ids {
            let w = ws[i].word;
            heights.push(w.bbox.height());
            line.bbox = Some(line.bbox.map_or(w.bbox, |b| b.union(&w.bbox)));
            if let Some(c) = w.confidence {
                line.confidence.push((c, w.text.chars().count() as u32));
            }
        }
        line.glyph_height = words::quantile(&mut heights, 0.5).unwrap_or(0.0);
        line
    }
}

/// The lines of every page of `doc`, page after page.
pub fn document_lines(doc: &Document, knobs: &Knobs) -> Vec<OutLine> {
    let mut out = vec![];
    for page in &doc.pages {
        if !out.is_empty() {
            out.push(OutLine::blank(page.number));
        }
        let start = out.len();
        page_lines(page, knobs, &mut out);
        mark_repeated_header(&mut out, start);
    }
    if *TRACE {
        for (k, l) in out.iter().enumerate() {
            eprintln!("{:>4} p{} {}", k + 1, l.page, l.text);
        }
    }
    out
}

/// A table header row opening a page (nothing but blank lines and
/// furniture before it) while the page before ended inside a table is that
/// table's header printed again (government attachments repeat it on every
/// page, with no 上接 marker): furniture, so the table runs on.
fn mark_repeated_header(out: &mut [OutLine], start: usize) {
    let real = |l: &OutLine| l.bbox.is_some() && !l.furniture;
    let Some(first) = (start..out.len()).find(|&i| real(&out[i])) else { return };
    if classify_line(&out[first].text) != Kind::HeaderRow {
        return;
    }
    let Some(before) = out[..start].iter().rev().find(|l| real(l)) else { return };
    let ends_in_table = !matches!(
        classify_line(before.text.trim()),
        Kind::Department | Kind::Title | Kind::Masthead | Kind::HeaderRow | Kind::Continuation { .. }
    );
    let had_header = out[..start].iter().any(|l| classify_line(&l.text) == Kind::HeaderRow);
    if ends_in_table && had_header {
        out[first].furniture = true;
    }
}

/// A table header row after a table's row lines (opening a newspaper
/// column while the column before ended inside a table, or after a gap in
/// one column; page furniture between, a masthead piece or the list's
/// title set across the columns, does not count) is that table's header
/// printed again over its run-on rows (no department above it):
/// furniture, so the table keeps its department — but only when the rows
/// after it go on from the rows before it (the next number, or a later
/// category), so that a new table whose department line was lost is not
/// silently given the one before (it stays `department_unknown`).
fn mark_continued_header(out: &mut [OutLine], start: usize) {
    let real = |l: &OutLine| l.bbox.is_some() && !l.furniture;
    // A masthead's piece or a title over the column's top is no table line.
    let furniture = |l: &OutLine| matches!(classify_line(&l.text), Kind::Masthead | Kind::Title);
    for first in start..out.len() {
        if !real(&out[first]) || classify_line(&out[first].text) != Kind::HeaderRow {
            continue;
        }
        let Some(before) = out[..first].iter().rev().find(|l| real(l) && !furniture(l)) else { continue };
        if !matches!(row_kind(&before.text), Kind::Number(_) | Kind::Text | Kind::Deadline) {
            continue;
        }
        // Where the table before stood: its last number and its last category.
        let (mut number, mut category) = (None, None);
        for l in out[..first].iter().rev().filter(|l| real(l) && !furniture(l)) {
            match row_kind(&l.text) {
                Kind::Number(n) if number.is_none() && category.is_none() => number = Some(n),
                Kind::Category { ordinal, .. } => {
                    category = Some(ordinal);
                    break;
                }
                Kind::Department | Kind::HeaderRow => break,
                _ => {}
            }
        }
        let after = out[first + 1..]
            .iter()
            .filter(|l| real(l))
            .map(|l| row_kind(&l.text))
            .find(|k| matches!(k, Kind::Number(_) | Kind::Category { .. } | Kind::Department | Kind::HeaderRow));
        let goes_on = match after {
            Some(Kind::Number(m)) => number.is_some_and(|n| m == n + 1),
            Some(Kind::Category { ordinal, .. }) => category.is_some_and(|c| ordinal > c),
            _ => false,
        };
        if goes_on {
            out[first].furniture = true;
        }
    }
}

/// What a line the geometry wrote is: a row line by its first cell (its
/// number), any other line as a whole.
fn row_kind(text: &str) -> Kind {
    match classify_line(text) {
        Kind::Text => text.split_whitespace().next().map_or(Kind::Blank, classify_line),
        k => k,
    }
}

/// A page number alone (`1`, `- 2 -`, `— 3 —`, `第4页`).
fn is_folio(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let t = t.trim_matches(|c| matches!(c, '-' | '—' | '–' | '－' | '·'));
    let t = t.strip_prefix('第').and_then(|t| t.strip_suffix('页')).unwrap_or(t);
    (1..=4).contains(&t.len()) && t.chars().all(|c| c.is_ascii_digit())
}

/// The page's folio: its lowest line when that is a page number alone,
/// standing [`Knobs::folio_gap`] glyph heights or more below every other
/// line (a row number centred or on top of its row has its target beside
/// or below it, never only above).
fn folio(ws: &[words::Placed], ls: &[columns::Line], h: f32, knobs: &Knobs) -> Option<usize> {
    let (last, above) = match ls {
        [.., a, b] => (b, a),
        _ => return None,
    };
    let gap = last.cy - above.cy;
    (gap >= knobs.folio_gap * h && is_folio(&columns::text(ws, &last.words))).then_some(ls.len() - 1)
}

/// The column a chunk from `x0` to `x1` belongs to: the one it overlaps
/// most, unless it reaches more than a glyph into two (then it spans them).
fn home_column(cols: &[(f32, f32)], x0: f32, x1: f32, h: f32) -> Option<usize> {
    let overlap = |&(a, b): &(f32, f32)| x1.min(b) - x0.max(a);
    if cols.iter().filter(|c| overlap(c) > h).count() > 1 {
        return None;
    }
    (0..cols.len()).max_by(|&i, &j| overlap(&cols[i]).total_cmp(&overlap(&cols[j])))
}

/// The columns that a chunk spanning columns on a line reaches into (by
/// more than a glyph). The line's other chunks in those columns are the
/// same text across the columns, parted from it by a gap where OCR dropped
/// a character (held-out `ocr-mm10`: a lead paragraph's line printed
/// across the page lost `年` near its right end, and the piece after the
/// gap, read as the first line of the last column, was glued to the
/// previous column's last row): a column's own line cannot stand at the
/// height where spanning text covers part of that column.
fn spanned_columns(cols: &[(f32, f32)], chunks: &[columns::Chunk], homes: &[Option<usize>], h: f32) -> Vec<usize> {
    let spanning = chunks.iter().zip(homes).filter(|(_, home)| home.is_none()).map(|(c, _)| c);
    let reaches = |c: &columns::Chunk, &(a, b): &(f32, f32)| c.x1.min(b) - c.x0.max(a) > h;
    spanning.flat_map(|c| (0..cols.len()).filter(move |&k| reaches(c, &cols[k]))).collect()
}

/// The lines of one page in reading order.
pub fn page_lines(page: &WordPage, knobs: &Knobs, out: &mut Vec<OutLine>) {
    let (ws, h, rules) = words::prepare(&page.words, page.skew);
    let all: Vec<usize> = (0..ws.len()).collect();
    let mut ls = columns::lines(&ws, &all, h);
    let folio = folio(&ws, &ls, h, knobs).map(|k| ls.remove(k));
    let cols = columns::columns(&ws, &ls, h, knobs, &rules);
    if *TRACE {
        eprintln!("page {}: glyph height {h:.1}, columns {cols:?}", page.number);
    }
    // Words by column; chunks crossing a column edge span the page.
    let mut by_column: Vec<Vec<usize>> = vec![vec![]; cols.len()];
    let mut spanning: Vec<(f32, Vec<usize>)> = vec![];
    for l in &ls {
        let mut span_words = vec![];
        let chunks = columns::chunks(&ws, l, knobs.chunk_gap, h, &rules);
        let homes: Vec<Option<usize>> = chunks.iter().map(|c| home_column(&cols, c.x0, c.x1, h)).collect();
        let spanned = spanned_columns(&cols, &chunks, &homes, h);
        for (c, home) in chunks.into_iter().zip(homes) {
            match home.filter(|k| !spanned.contains(k)) {
                Some(k) => by_column[k].extend(c.words),
                None => span_words.extend(c.words),
            }
        }
        if !span_words.is_empty() {
            spanning.push((l.cy, span_words));
        }
    }
    let mut top = f32::MIN;
    for (cy, span) in spanning.iter().map(|(y, w)| (*y, Some(w))).chain(std::iter::once((f32::MAX, None))) {
        for col in &by_column {
            let band: Vec<usize> = col.iter().copied().filter(|&i| (top..cy).contains(&ws[i].b.cy())).collect();
            if !band.is_empty() {
                let start = out.len();
                table::emit(&ws, &band, h, knobs, &rules, page.number, out);
                mark_continued_header(out, start);
                out.push(OutLine::blank(page.number));
            }
        }
        if let Some(span) = span {
            let text = columns::text(&ws, span);
            out.push(OutLine::of(&ws, page.number, text, span.iter().copied()));
        }
        top = cy;
    }
    while out.last().is_some_and(|l| l.bbox.is_none()) {
        out.pop();
    }
    if let Some(f) = folio {
        let mut line = OutLine::of(&ws, page.number, columns::text(&ws, &f.words), f.words.iter().copied());
        line.furniture = true;
        out.push(line);
    }
}
