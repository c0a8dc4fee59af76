//! One newspaper column (within one band) → lines in the one-row-per-line
//! form that [`crate::layout::unfold`] reads.
//!
//! The column's table columns are found from the words themselves: row
//! numbers are the short numeric chunks that open lines, deadlines the
//! deadline chunks that close them; the number column ends halfway between
//! the numbers' right edges and the text after them, the deadline column
//! starts halfway between the text before the deadlines and their left
//! edges. Every word then goes to a column by its centre. A line whose
//! number-column words are no number (an article line, a department or
//! category line starting at the left) stays an ordinary line.
//!
//! A number or deadline standing alone between two lines (centred in a
//! tall row) joins the nearest text line of the row; a deadline a narrow
//! cell wrapped (`12月底` / `前`) is joined again on its first line.

use super::columns::{chunks, lines, text, Chunk};
use super::words::{quantile, Placed};
use super::{Knobs, OutLine};
use crate::fields::deadline;
use crate::layout::classify::{classify_line, Kind};
use crate::model::Geom;
use crate::read::positioned::BBox;

/// One line of the column as read.
#[derive(Debug, Default, Clone)]
struct Cand {
    cy: f32,
    /// Whether the line is a table row line (else printed as it stands).
    row: bool,
    num: Vec<usize>,
    tgt: Vec<usize>,
    dl: Vec<usize>,
    /// The words of an ordinary line, by chunk.
    plain: Vec<Vec<usize>>,
}

impl Cand {
    fn words(&self) -> impl Iterator<Item = usize> + '_ {
        self.num.iter().chain(&self.tgt).chain(&self.dl).chain(self.plain.iter().flatten()).copied()
    }
}

/// Where the table columns of a newspaper column part: after the number
/// column, before the deadline column.
#[derive(Debug, Clone, Copy, Default)]
struct Bounds {
    number_end: Option<f32>,
    deadline_start: Option<f32>,
}

/// The lines of one newspaper column of one band, in reading order.
pub fn emit(ws: &[Placed], ids: &[usize], h: f32, knobs: &Knobs, rules: &[BBox], page: u32, out: &mut Vec<OutLine>) {
    let ls = lines(ws, ids, h);
    let pieces: Vec<Vec<Chunk>> = ls.iter().map(|l| chunks(ws, l, knobs.chunk_gap, h, rules)).collect();
    let bounds = bounds(ws, &pieces, h);
    let mut cands: Vec<Cand> =
        ls.iter().zip(&pieces).map(|(l, p)| read_line(ws, l.cy, p, bounds, knobs.run_gap * h)).collect();
    let pitch = line_pitch(&cands, h);
    refuse_structural_rows(ws, &mut cands, pitch, h);
    // Join first: a deadline's wrapped tail (`底前`, `前`) alone on its line
    // would otherwise snap to the nearest text line as a deadline of its own.
    join_wrapped_deadlines(ws, &mut cands, pitch);
    return_stray_pieces(ws, &mut cands);
    snap_side_pieces(&mut cands, pitch);
    let mut last_cy: Option<f32> = None;
    // The column's lines are told apart from other columns' by where they
    // start in the document's lines (each column writes at least one).
    let column = out.len() as u32;
    for c in cands.iter().filter(|c| c.words().next().is_some()) {
        if knobs.blank_gap > 0.0 && last_cy.is_some_and(|y| c.cy - y > knobs.blank_gap * pitch) {
            out.push(OutLine::blank(page));
        }
        last_cy = Some(c.cy);
        let mut line = OutLine::of(ws, page, line_text(ws, c), c.words());
        line.deadline = (c.row && !c.dl.is_empty()).then(|| text(ws, &c.dl));
        line.geom = Some(Geom { column, y: c.cy / pitch });
        out.push(line);
    }
}

fn bounds(ws: &[Placed], pieces: &[Vec<Chunk>], h: f32) -> Bounds {
    let (mut num_right, mut after_num, mut dl_left, mut before_dl) = (vec![], vec![], vec![], vec![]);
    // Lines opening on a row number and closing on a deadline.
    let mut whole_rows = 0;
    for p in pieces {
        let opens_on_number = p.first().is_some_and(|first| {
            first.x1 - first.x0 <= 3.5 * h && matches!(classify_line(&text(ws, &first.words)), Kind::Number(_))
        });
        if p.len() > 1 && opens_on_number && p.last().is_some_and(|d| deadline::is_deadline(&text(ws, &d.words))) {
            whole_rows += 1;
        }
        if let Some(first) = p.first() {
            if opens_on_number {
                num_right.push(first.x1);
                // The text after the number, not a deadline beside a
                // number alone (both centred in a tall row between two
                // lines of its target): that would put the number
                // column's end far into the targets.
                let only_deadline =
                    p.len() == 2 && p.get(1).is_some_and(|d| classify_line(&text(ws, &d.words)) == Kind::Deadline);
                if let Some(next) = p.get(1).filter(|_| !only_deadline) {
                    after_num.push(next.x0);
                }
            }
        }
        if let Some(last) = p.last() {
            let t = text(ws, &last.words);
            if classify_line(&t) == Kind::Deadline && (p.len() > 1 || deadline::is_deadline(&t)) {
                dl_left.push(last.x0);
                if p.len() > 1 {
                    before_dl.push(p[p.len() - 2].x1);
                }
            }
        }
    }
    // A deadline a narrow cell wrapped: the pieces closing two lines in a row.
    for w in pieces.windows(2) {
        let (Some(a), Some(b)) = (w[0].last(), w[1].last()) else { continue };
        let (ta, tb) = (text(ws, &a.words), text(ws, &b.words));
        if w[0].len() > 1 && !deadline::is_deadline(&ta) && deadline::is_deadline(&format!("{ta}{tb}")) {
            dl_left.extend([a.x0, b.x0]);
            before_dl.push(w[0][w[0].len() - 2].x1);
        }
    }
    let between = |left: &mut Vec<f32>, right: &mut Vec<f32>, fallback: f32| -> Option<f32> {
        let a = quantile(left, 0.9)?;
        let b = quantile(right, 0.1);
        Some(match b {
            Some(b) if b > a => (a + b) / 2.0,
            _ => a + fallback,
        })
    };
    // Two numbers or deadlines make a column, or one under a header row or
    // on a line that holds a whole row, number to deadline (a newspaper
    // column holding one row of a table carried on: else the row is read
    // as plain text, its wrapped lines unindented, and a last line that
    // reads like a name, `建设长三角五金研究院`, `现场会`, opens a table
    // of its own and is lost from its row).
    let header = pieces.iter().any(|p| {
        let t = p.iter().map(|c| text(ws, &c.words)).collect::<Vec<_>>().join(" ");
        classify_line(&t) == Kind::HeaderRow
    });
    let least = if header || whole_rows > 0 { 1 } else { 2 };
    let number_end = (num_right.len() >= least).then(|| between(&mut num_right, &mut after_num, 0.3 * h)).flatten();
    let deadline_start = (dl_left.len() >= least)
        .then(|| {
            let d = quantile(&mut dl_left, 0.1)?;
            let t = quantile(&mut before_dl, 0.9);
            Some(match t {
                Some(t) if t < d => (t + d) / 2.0,
                _ => d - 0.3 * h,
            })
        })
        .flatten();
    match (number_end, deadline_start) {
        (Some(n), Some(d)) if d <= n => Bounds { number_end: Some(n), deadline_start: None },
        _ => Bounds { number_end, deadline_start },
    }
}

/// Splits a line's words among the table columns, or keeps it whole.
///
/// Words go by the centre of their printed run (words closer than
/// `run_gap`), so a run an OCR engine cut into 1–2-glyph words goes whole
/// where the PDF's one word would: a department name as wide as the
/// column does not lose its last glyph to the deadline column.
fn read_line(ws: &[Placed], cy: f32, pieces: &[Chunk], b: Bounds, run_gap: f32) -> Cand {
    let plain = || Cand { cy, plain: pieces.iter().map(|c| c.words.clone()).collect(), ..Default::default() };
    if b.number_end.is_none() && b.deadline_start.is_none() {
        return plain();
    }
    let mut c = Cand { cy, row: true, ..Default::default() };
    let mut dl_runs: Vec<Vec<usize>> = vec![];
    let mut runs: Vec<Vec<usize>> = vec![];
    for &i in pieces.iter().flat_map(|p| &p.words) {
        match runs.last_mut() {
            Some(r) if ws[i].b.x0 - r.iter().map(|&j| ws[j].b.x1).fold(f32::MIN, f32::max) < run_gap => r.push(i),
            _ => runs.push(vec![i]),
        }
    }
    for run in runs {
        let x0 = run.iter().map(|&i| ws[i].b.x0).fold(f32::MAX, f32::min);
        let x1 = run.iter().map(|&i| ws[i].b.x1).fold(f32::MIN, f32::max);
        let x = (x0 + x1) / 2.0;
        if b.number_end.is_some_and(|e| x < e) {
            c.num.extend(run);
        } else if b.deadline_start.is_some_and(|s| x > s) {
            dl_runs.push(run);
        } else {
            c.tgt.extend(run);
        }
    }
    let num_ok = c.num.is_empty() || matches!(classify_line(&text(ws, &c.num)), Kind::Number(_));
    let dl_ok = |dl: &str| {
        dl.is_empty()
            || deadline::is_deadline(dl)
            || dl.chars().count() <= DEADLINE_PIECE
            || deadline::one_slip_from_deadline(dl)
    };
    // Target text reaching into the deadline column (`…扩容提档MBA五金`
    // beside `2019年12`): its runs before the deadline's go back to the
    // target, the line stays a row line.
    while dl_runs.len() > 1 && !c.tgt.is_empty() && !dl_ok(&text(ws, &dl_runs.concat())) {
        let first = dl_runs.remove(0);
        c.tgt.extend(first);
    }
    c.dl = dl_runs.concat();
    if num_ok && dl_ok(&text(ws, &c.dl)) {
        c
    } else {
        plain()
    }
}

/// How far (in glyph heights) a line's left edge may stand from the
/// target cells' to read as a line of a cell.
const CELL_ALIGN: f32 = 0.5;

/// Longest piece of a deadline a narrow cell wrapped (`底前`).
const DEADLINE_PIECE: usize = 8;

/// Text-only lines that read as a department, category, header or marker
/// are ordinary lines, unless they go on from the row line just above (a
/// target line ending like a name, `…现场会`), or read as a department but
/// stand where the target cells' lines start (a wrapped cell's first line,
/// `新增省级智能工厂`, above its row's number) and no header row follows
/// them: a department's name is set apart from the cells (centred, or at
/// the column's left edge) and heads a header row.
fn refuse_structural_rows(ws: &[Placed], cands: &mut [Cand], pitch: f32, h: f32) {
    let mut starts: Vec<f32> = cands
        .iter()
        .filter(|c| c.row && !c.num.is_empty())
        .filter_map(|c| c.tgt.first())
        .map(|&i| ws[i].b.x0)
        .collect();
    // Too few numbers on lines of text (numbers centred in even-lined
    // rows stand on lines of their own): the cells' lines start where
    // most text of the row lines starts, numbered or not (a name centred
    // over the table is one line among many).
    if starts.len() < 2 {
        starts = cands.iter().filter(|c| c.row).filter_map(|c| c.tgt.first()).map(|&i| ws[i].b.x0).collect();
    }
    let target_left = quantile(&mut starts, 0.5).filter(|_| starts.len() >= 2);
    let header_next = |cands: &[Cand], k: usize| {
        cands[k + 1..]
            .first()
            .is_some_and(|c| matches!(classify_line(&line_text(ws, c)), Kind::HeaderRow | Kind::SeqHeader))
    };
    for k in 0..cands.len() {
        let c = &cands[k];
        // A short name centred over a narrow column may stand in the
        // deadline column alone (`市交通运输局`): judged like a text line.
        // Words in both columns stay as they are, also when together they
        // read as a name: they may be two (a category here, a department
        // in a newspaper column the geometry did not part).
        let alone = match (c.tgt.is_empty(), c.dl.is_empty()) {
            (false, true) => &c.tgt,
            (true, false) => &c.dl,
            _ => continue,
        };
        if !c.row || !c.num.is_empty() {
            continue;
        }
        let kind = classify_line(&text(ws, alone));
        let structural = matches!(
            kind,
            Kind::Department
                | Kind::Category { .. }
                | Kind::HeaderRow
                | Kind::SeqHeader
                | Kind::TargetHeader
                | Kind::DeadlineHeader
                | Kind::Continuation { .. }
                | Kind::Masthead
                | Kind::Title
        );
        let in_target = !c.tgt.is_empty();
        let goes_on = in_target
            && k > 0
            && cands[k - 1].row
            && kind == Kind::Department
            && c.cy - cands[k - 1].cy <= 1.25 * pitch;
        let in_cell = in_target
            && kind == Kind::Department
            && target_left.is_some_and(|x| (ws[c.tgt[0]].b.x0 - x).abs() <= CELL_ALIGN * h)
            && !header_next(cands, k);
        let goes_on = goes_on || in_cell;
        if structural && !goes_on {
            let c = &mut cands[k];
            c.row = false;
            let mut words = std::mem::take(&mut c.tgt);
            words.append(&mut c.dl);
            c.plain = vec![words];
        }
    }
}

/// The column's line pitch: the lower quartile of the steps between lines
/// of text (rows taller than a line make the upper steps longer; a number
/// or deadline centred between two lines of its row is no line of text,
/// and would halve the step).
fn line_pitch(cands: &[Cand], h: f32) -> f32 {
    let texts: Vec<f32> = cands.iter().filter(|c| !c.tgt.is_empty() || !c.plain.is_empty()).map(|c| c.cy).collect();
    let mut steps: Vec<f32> = texts.windows(2).map(|w| w[1] - w[0]).filter(|s| *s > 0.6 * h).collect();
    quantile(&mut steps, 0.25).unwrap_or(1.5 * h).max(h)
}

/// `12月底` on one row line and `前` on the next are one deadline, also
/// when a line of target text stands between them (a deadline cell centred
/// in a tall row does not keep to the target's lines): the tail joins the
/// nearest deadline piece above it within 1.6 pitches.
fn join_wrapped_deadlines(ws: &[Placed], cands: &mut Vec<Cand>, pitch: f32) {
    for k in 1..cands.len() {
        if !cands[k].row || cands[k].dl.is_empty() {
            continue;
        }
        let Some(j) = (0..k).rev().find(|&j| !cands[j].dl.is_empty()) else { continue };
        let (a, b) = (&cands[j], &cands[k]);
        if !a.row || b.cy - a.cy > 1.6 * pitch {
            continue;
        }
        let (ta, tb) = (text(ws, &a.dl), text(ws, &b.dl));
        if deadline::is_deadline(&format!("{ta}{tb}")) && !(deadline::is_deadline(&ta) && deadline::is_deadline(&tb)) {
            let moved = std::mem::take(&mut cands[k].dl);
            cands[j].dl.extend(moved);
        } else if !a.tgt.is_empty() && !deadline::is_deadline(&tb) {
            // The first piece opens on target text run into the deadline
            // column (`五2020年6` / `月底前`, one printed run): words before
            // the deadline's piece go back to the target.
            let cut = (1..a.dl.len()).find(|&n| {
                let rest = text(ws, &a.dl[n..]);
                !deadline::is_deadline(&rest) && deadline::is_deadline(&format!("{rest}{tb}"))
            });
            if let Some(n) = cut {
                let head: Vec<usize> = cands[j].dl.drain(..n).collect();
                cands[j].tgt.extend(head);
                let moved = std::mem::take(&mut cands[k].dl);
                cands[j].dl.extend(moved);
            }
        }
    }
    cands.retain(|c| c.words().next().is_some());
}

/// A piece in the deadline column that is no deadline, no piece of one
/// (joined already) and no slip of one, beside target text on its line, is
/// the end of that text reaching into the column (`…投资项目及 83` / `项政策…`:
/// kept apart, the row line no longer read as one and its number was
/// glued into the target): it goes back to the target.
fn return_stray_pieces(ws: &[Placed], cands: &mut [Cand]) {
    const DEADLINE_GLYPHS: &[char] = &['年', '月', '日', '底', '前', '季', '度', '末', '期', '起', '内'];
    for c in cands.iter_mut().filter(|c| c.row && !c.tgt.is_empty() && !c.dl.is_empty()) {
        let t = text(ws, &c.dl);
        let stray = match classify_line(&t) {
            Kind::Number(_) => true,
            Kind::Text => !t.contains(DEADLINE_GLYPHS),
            _ => false,
        };
        if stray && !deadline::is_deadline(&t) && !deadline::one_slip_from_deadline(&t) {
            let moved = std::mem::take(&mut c.dl);
            c.tgt.extend(moved);
        }
    }
}

/// A number or deadline on a line without text (centred in a tall row)
/// joins the nearest text line within a pitch that lacks one.
fn snap_side_pieces(cands: &mut Vec<Cand>, pitch: f32) {
    for k in 0..cands.len() {
        if !cands[k].row || !cands[k].tgt.is_empty() {
            continue;
        }
        let cy = cands[k].cy;
        let near = |j: usize, c: &Cand| j != k && c.row && !c.tgt.is_empty() && (c.cy - cy).abs() <= 0.8 * pitch;
        for side in [0u8, 1] {
            let has = |c: &Cand| if side == 0 { !c.num.is_empty() } else { !c.dl.is_empty() };
            if !has(&cands[k]) {
                continue;
            }
            let target = (0..cands.len())
                .filter(|&j| near(j, &cands[j]))
                .min_by(|&a, &b| (cands[a].cy - cy).abs().total_cmp(&(cands[b].cy - cy).abs()).then(a.cmp(&b)));
            if let Some(j) = target.filter(|&j| !has(&cands[j])) {
                if side == 0 {
                    let moved = std::mem::take(&mut cands[k].num);
                    cands[j].num = moved;
                } else {
                    let moved = std::mem::take(&mut cands[k].dl);
                    cands[j].dl = moved;
                }
            }
        }
    }
    cands.retain(|c| c.words().next().is_some());
}

/// A row line as `unfold` reads it: number, target, deadline apart by runs
/// of spaces, a text-only line indented; an ordinary line's chunks apart.
fn line_text(ws: &[Placed], c: &Cand) -> String {
    if !c.row {
        return c.plain.iter().map(|p| text(ws, p)).filter(|t| !t.is_empty()).collect::<Vec<_>>().join("    ");
    }
    let mut s = format!("{:>4}", text(ws, &c.num));
    for part in [&c.tgt, &c.dl] {
        if !part.is_empty() {
            s.push_str("    ");
            s.push_str(&text(ws, part));
        } else if std::ptr::eq(part, &c.tgt) {
            s.push_str("    ");
        }
    }
    s
}
