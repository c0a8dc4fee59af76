//! Lines by height, pieces by gaps, newspaper columns by gutters.
//!
//! Words whose centres sit within half a glyph height of each other form a
//! line; a line parts into chunks where the gap between two words is wider
//! than [`Knobs::chunk_gap`] glyph heights. A gutter is a run of x that
//! (almost) no chunk crosses; the strips between gutters are newspaper
//! columns, except that a strip holding mostly row numbers joins the strip
//! to its right and one holding mostly deadlines the strip to its left
//! (a table's own columns are not newspaper columns). Chunks that cross a
//! gutter (mastheads, titles) span columns and cut the page into bands.

use super::words::Placed;
use super::Knobs;
use crate::fields::deadline;
use crate::layout::classify::{classify_line, Kind};
use crate::read::positioned::BBox;

/// Word indices of one line, left to right.
#[derive(Debug, Clone)]
pub struct Line {
    pub words: Vec<usize>,
    pub cy: f32,
}

/// Groups `ids` into lines by the centre heights of their boxes.
pub fn lines(ws: &[Placed], ids: &[usize], h: f32) -> Vec<Line> {
    let mut order = ids.to_vec();
    order.sort_by(|&a, &b| ws[a].b.cy().total_cmp(&ws[b].b.cy()));
    let mut out: Vec<Line> = vec![];
    for i in order {
        let cy = ws[i].b.cy();
        match out.last_mut() {
            Some(l) if cy - l.cy <= 0.45 * h => {
                l.cy = (l.cy * l.words.len() as f32 + cy) / (l.words.len() + 1) as f32;
                l.words.push(i);
            }
            _ => out.push(Line { words: vec![i], cy }),
        }
    }
    for l in &mut out {
        l.words.sort_by(|&a, &b| ws[a].b.x0.total_cmp(&ws[b].b.x0));
    }
    out
}

/// A run of words on one line with no wide gap between them.
#[derive(Debug, Clone)]
pub struct Chunk {
    pub words: Vec<usize>,
    pub x0: f32,
    pub x1: f32,
}

/// The chunks of a line: parted by gaps wider than `gap` glyph heights
/// and by rule tokens (`|`) standing between two words. The glyph height
/// is the page's `h`, or the two words' own where both are taller (a
/// headline's space is wider than a table cell's padding, and a title
/// parted at it would fall into one column).
pub fn chunks(ws: &[Placed], line: &Line, gap: f32, h: f32, rules: &[BBox]) -> Vec<Chunk> {
    let mut out: Vec<Chunk> = vec![];
    let mut last: Option<usize> = None;
    for &i in &line.words {
        let b = ws[i].b;
        let own = last.map_or(h, |j| ws[j].b.height().min(b.height()));
        let gap = gap * h.max(own);
        last = Some(i);
        let ruled = |c: &Chunk| {
            rules.iter().any(|r| {
                r.cx() >= c.x1 - 0.1 * b.height() && r.cx() <= b.x0 + 0.1 * b.height() && r.y0 < b.y1 && r.y1 > b.y0
            })
        };
        match out.last_mut() {
            Some(c) if b.x0 - c.x1 < gap && !ruled(c) => {
                c.words.push(i);
                c.x1 = c.x1.max(b.x1);
            }
            _ => out.push(Chunk { words: vec![i], x0: b.x0, x1: b.x1 }),
        }
    }
    out
}

/// The text of a chunk or any run of words.
pub fn text(ws: &[Placed], ids: &[usize]) -> String {
    let h = ids.iter().map(|&i| ws[i].b.height()).fold(0.0, f32::max);
    super::words::join_placed(ws, ids, h)
}

/// Most bins of the cover histogram in [`columns`] (a real page has a few
/// hundred glyphs across).
const MAX_BINS: usize = 1 << 16;

/// Newspaper columns as x ranges `(x0, x1)`, left to right.
pub fn columns(ws: &[Placed], lines: &[Line], h: f32, knobs: &Knobs, rules: &[BBox]) -> Vec<(f32, f32)> {
    let by_line: Vec<Vec<Chunk>> = lines.iter().map(|l| chunks(ws, l, knobs.chunk_gap, h, rules)).collect();
    let spans = header_spans(ws, &by_line);
    let all: Vec<Chunk> = by_line.into_iter().flatten().collect();
    if all.is_empty() {
        return vec![];
    }
    let left = all.iter().map(|c| c.x0).fold(f32::MAX, f32::min);
    let right = all.iter().map(|c| c.x1).fold(f32::MIN, f32::max);
    // A quarter glyph per bin, coarser on a page absurdly wide for its
    // glyphs (damaged coordinates) so the histogram stays small.
    let bin = (h / 4.0).max((right - left) / MAX_BINS as f32);
    let bins = (((right - left) / bin).ceil() as usize).clamp(1, MAX_BINS);
    let mut cover = vec![0usize; bins];
    let widest = knobs.spanning_share * (right - left);
    for c in all.iter().filter(|c| c.x1 - c.x0 <= widest) {
        let (a, b) = (((c.x0 - left) / bin) as usize, (((c.x1 - left) / bin).ceil() as usize).min(bins));
        for v in &mut cover[a.min(bins)..b] {
            *v += 1;
        }
    }
    let allowed = ((lines.len() as f32 * knobs.gutter_crossing) as usize).max(knobs.gutter_crossing_min);
    let mut gutters: Vec<(f32, f32)> = vec![];
    let mut run: Option<usize> = None;
    for (k, &c) in cover.iter().enumerate().chain(std::iter::once((bins, &usize::MAX))) {
        match (c <= allowed, run) {
            (true, None) => run = Some(k),
            (false, Some(s)) => {
                // Chunks lying wholly inside a run of few crossings are a
                // sparse column's content (a table's last row run on at
                // the top of the next column), not lines crossing a
                // gutter: the gutters are the parts of the run they leave
                // empty, with something on either side.
                let at = |b: usize| left + b as f32 * bin;
                let mut inner = vec![0usize; k - s];
                for c in all.iter().filter(|c| c.x0 >= at(s) && c.x1 <= at(k)) {
                    let (a, b) = (((c.x0 - at(s)) / bin) as usize, (((c.x1 - at(s)) / bin).ceil() as usize));
                    for v in &mut inner[a.min(k - s)..b.min(k - s)] {
                        *v += 1;
                    }
                }
                let mut free: Option<usize> = None;
                for (j, &n) in inner.iter().enumerate().chain(std::iter::once((k - s, &usize::MAX))) {
                    match (n == 0, free) {
                        (true, None) => free = Some(j),
                        (false, Some(f)) => {
                            let g = (at(s + f), at(s + j));
                            let in_table = spans.iter().any(|&(a, b)| a < g.0 && g.1 < b);
                            let sides = s + f > 0 && s + j < bins;
                            if (j - f) as f32 * bin >= knobs.gutter_width * h && sides && !in_table {
                                gutters.push(g);
                            }
                            free = None;
                        }
                        _ => {}
                    }
                }
                run = None;
            }
            _ => {}
        }
    }
    if *super::TRACE {
        eprintln!("gutters {gutters:?} (crossing allowed {allowed}, table header spans {spans:?})");
    }
    let mut strips: Vec<(f32, f32)> = vec![];
    let mut x = left;
    for &(g0, g1) in &gutters {
        strips.push((x, g0));
        x = g1;
    }
    strips.push((x, right));
    merge_table_strips(strips, &gutters, &all, ws)
}

/// The x spans of table header rows: from each `序号` chunk to the first
/// deadline header (`完成时限`) to its right on its line, before the next
/// `序号`. A gap inside one is between a table's own columns, never a
/// gutter between newspaper columns, however few lines cross it.
fn header_spans(ws: &[Placed], by_line: &[Vec<Chunk>]) -> Vec<(f32, f32)> {
    let mut spans = vec![];
    for line in by_line {
        let kinds: Vec<Kind> = line.iter().map(|c| classify_line(&text(ws, &c.words))).collect();
        for (i, c) in line.iter().enumerate() {
            if !matches!(kinds[i], Kind::SeqHeader) {
                continue;
            }
            let end = (i + 1..line.len())
                .take_while(|&j| kinds[j] != Kind::SeqHeader)
                .find(|&j| matches!(kinds[j], Kind::DeadlineHeader));
            if let Some(j) = end {
                spans.push((c.x0, line[j].x1));
            }
        }
    }
    spans
}

/// What a strip mostly holds.
#[derive(PartialEq, Debug)]
enum Holds {
    Numbers,
    Deadlines,
    Little,
    Text,
}

fn holds(strip: (f32, f32), chunks: &[Chunk], ws: &[Placed]) -> Holds {
    let inside: Vec<String> =
        chunks.iter().filter(|c| c.x0 >= strip.0 - 0.5 && c.x1 <= strip.1 + 0.5).map(|c| text(ws, &c.words)).collect();
    let n = inside.len();
    if n < 3 {
        // A column holding one or two rows (a table's last row run on at
        // the top of the next column) still parts into its number,
        // target and deadline strips: those few pieces say what they are.
        // A masthead's piece above them (`融媒编辑：徐佳03 YONGKANG DAILY`)
        // stands above the columns, not in one, and says nothing.
        let pieces: Vec<&String> =
            inside.iter().filter(|t| !matches!(classify_line(t), Kind::Masthead | Kind::Title)).collect();
        let all = |f: &dyn Fn(&str) -> bool| !pieces.is_empty() && pieces.iter().all(|t| f(t));
        return if all(&|t| matches!(classify_line(t), Kind::Number(_))) {
            Holds::Numbers
        } else if all(&|t| deadline::is_deadline(t)) {
            Holds::Deadlines
        } else {
            Holds::Little
        };
    }
    let numbers = inside.iter().filter(|t| matches!(classify_line(t), Kind::Number(_))).count();
    let deadlines = inside.iter().filter(|t| deadline::is_deadline(t) || t.chars().count() <= 2).count();
    if numbers * 2 >= n {
        Holds::Numbers
    } else if deadlines * 2 >= n && numbers == 0 {
        Holds::Deadlines
    } else {
        Holds::Text
    }
}

/// Joins a table's own column strips to the newspaper column they belong to.
fn merge_table_strips(
    mut strips: Vec<(f32, f32)>,
    gutters: &[(f32, f32)],
    all: &[Chunk],
    ws: &[Placed],
) -> Vec<(f32, f32)> {
    let mut gaps: Vec<f32> = gutters.iter().map(|g| g.1 - g.0).collect();
    loop {
        let n = strips.len();
        if n < 2 {
            return strips;
        }
        let what: Vec<Holds> = strips.iter().map(|&s| holds(s, all, ws)).collect();
        if *super::TRACE {
            eprintln!("strips {strips:?} {what:?}");
        }
        // A number or deadline strip joins its table first; a strip holding
        // little joins the nearer neighbour only when no such strip is left
        // (its neighbour may still be a number strip waiting for its text).
        let merge = (0..n)
            .find_map(|i| match what[i] {
                Holds::Numbers if i + 1 < n => Some(i),
                Holds::Deadlines if i > 0 => Some(i - 1),
                _ => None,
            })
            .or_else(|| {
                (0..n).find_map(|i| match what[i] {
                    Holds::Little => Some(if i == 0 || (i + 1 < n && gaps[i] < gaps[i - 1]) { i } else { i - 1 }),
                    _ => None,
                })
            });
        let Some(i) = merge else { return strips };
        strips[i].1 = strips[i + 1].1;
        strips.remove(i + 1);
        gaps.remove(i);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::positioned::Word;

    /// Regression (pdf-ruled, dev seed 32): a title in twice the table's
    /// type, `“扛旗争先  拼搏实干”工作承诺清单`, parted at its space (wider
    /// than the page's chunk gap, narrower than its own) fell half into one
    /// newspaper column, where it was read between two rows of a table.
    #[test]
    fn a_headline_is_not_parted_at_a_space_of_its_own_size() {
        let big = |x0: f32, x1: f32, t: &str| Word {
            bbox: BBox { x0, y0: 0.0, x1, y1: 20.0 },
            text: t.into(),
            ..Default::default()
        };
        let words = [big(0.0, 100.0, "“扛旗争先"), big(112.0, 300.0, "拼搏实干”工作承诺清单")];
        let ws: Vec<Placed> = words.iter().map(|w| Placed { b: w.bbox, word: w }).collect();
        let line = Line { words: vec![0, 1], cy: 10.0 };
        // Page glyph height 10: a 12-unit gap is wider than 0.8 of it, not of 20.
        assert_eq!(chunks(&ws, &line, 0.8, 10.0, &[]).len(), 1);
        let small: Vec<Placed> = ws.iter().map(|p| Placed { b: BBox { y1: 10.0, ..p.b }, word: p.word }).collect();
        assert_eq!(chunks(&small, &line, 0.8, 10.0, &[]).len(), 2);
    }
}
