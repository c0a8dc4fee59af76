//! Words made ready for geometry: rule tokens and empty boxes dropped, the
//! page's glyph height measured, a small skew taken out, and the joining
//! of words into text (CJK without separators, Latin and digit runs with a
//! space).
//!
//! ```
//! use pledges::layout::geometry::words::join_texts;
//! assert_eq!(join_texts(["完成", "调查", "GDP", "16%", "以上"].iter().copied()), "完成调查GDP 16%以上");
//! ```

use crate::read::positioned::{BBox, Word};

/// A word on its way through geometry: `b` is its box with skew taken out
/// (what geometry compares), `word` the word as read (what provenance names).
#[derive(Debug, Clone)]
pub struct Placed<'a> {
    pub b: BBox,
    pub word: &'a Word,
}

/// Tokens a recognizer makes of table rules: bars, box-drawing strokes.
fn is_rule(text: &str) -> bool {
    text.chars().all(|c| matches!(c, '|' | '｜' | '│' | '┃' | '¦' | '丨' | '_' | '─' | '━' | '—' | '–' | '┼' | '+'))
}

/// Coordinates beyond this magnitude are damage, not a page (an A0 sheet
/// at 1200 dpi is under 60,000 pixels).
const MAX_COORD: f32 = 1.0e7;

/// Whether a box has usable coordinates (no NaN, no infinity, none absurd).
fn finite(b: &BBox) -> bool {
    [b.x0, b.y0, b.x1, b.y1].iter().all(|v| v.is_finite() && v.abs() <= MAX_COORD)
}

/// Words taller than this many glyph heights with a glyph or two of text
/// are a rule read as a letter (`l`, `I`, `1`), not text.
const OVERSIZED: f32 = 4.0;

/// The words that carry text, with the page's glyph height (median word
/// height), skew taken out, and the boxes of the rule tokens dropped
/// (they still part cells: see [`crate::layout::geometry::columns::chunks`]).
/// `stated_skew` is the skew the tool gave (dy/dx), if it gave one: taken
/// instead of the one measured between neighbouring words, within the
/// same bounds.
pub fn prepare(words: &[Word], stated_skew: Option<f32>) -> (Vec<Placed<'_>>, f32, Vec<BBox>) {
    let rules: Vec<BBox> = words
        .iter()
        .filter(|w| finite(&w.bbox) && !w.bbox.is_empty() && is_rule(w.text.trim()))
        .map(|w| w.bbox)
        .collect();
    let kept: Vec<&Word> =
        words.iter().filter(|w| finite(&w.bbox) && !w.bbox.is_empty() && !is_rule(w.text.trim())).collect();
    let h = median(kept.iter().map(|w| w.bbox.height()).collect()).unwrap_or(10.0).max(f32::EPSILON);
    let kept: Vec<&Word> =
        kept.into_iter().filter(|w| !(w.bbox.height() > OVERSIZED * h && w.text.chars().count() <= 2)).collect();
    let slope = stated_skew.map_or_else(|| skew(&kept, h), within_bounds);
    let turn = Deskew::new(slope, &kept);
    let straight = |b: &BBox| turn.apply(b);
    let placed = kept.into_iter().map(|w| Placed { b: straight(&w.bbox), word: w }).collect();
    (placed, h, rules.iter().map(straight).collect())
}

/// Takes a page's skew out: turns every box back by the page's angle
/// about the middle of its words, in x as well as in y. A tilt of θ moves
/// a word down by x·tan θ along its line, and also sideways by y·tan θ
/// down its column: over a tall page at 1° a column's left edge drifts by
/// more than a glyph, enough to put a number or a deadline in the next
/// column. A box's centre moves where the turn puts it, and the box
/// shrinks back to the upright rectangle whose turned corners it holds: a
/// recognizer that boxes whole lines (PaddleOCR) gives a line of 20 glyphs
/// at 1° a box a third taller than its type, tall enough to reach the
/// lines above and below.
#[derive(Debug, Clone, Copy)]
struct Deskew {
    /// sin and cos of the angle to turn by (the page's skew, negated).
    sin: f32,
    cos: f32,
    /// The point turned about: the middle of the words' extent.
    px: f32,
    py: f32,
}

impl Deskew {
    /// The turn undoing `slope` (dy/dx of the page's lines); none for 0.
    fn new(slope: f32, words: &[&Word]) -> Deskew {
        let extent = words.iter().map(|w| w.bbox).reduce(|a, b| a.union(&b)).unwrap_or_default();
        let angle = -slope.atan();
        Deskew { sin: angle.sin(), cos: angle.cos(), px: extent.cx(), py: extent.cy() }
    }

    fn apply(&self, b: &BBox) -> BBox {
        if self.sin == 0.0 {
            return *b;
        }
        let (x, y) = (b.cx() - self.px, b.cy() - self.py);
        let (cx, cy) = (self.px + x * self.cos - y * self.sin, self.py + x * self.sin + y * self.cos);
        // A w × h rectangle turned by θ fills a W × H upright box with
        // W = w·cos + h·sin and H = w·sin + h·cos; solved for w and h.
        let (s, c) = (self.sin.abs(), self.cos);
        let (bw, bh) = (b.width(), b.height());
        let det = c * c - s * s;
        let w = ((bw * c - bh * s) / det).max(MIN_UNTURNED_SHARE * bw);
        let h = ((bh * c - bw * s) / det).max(MIN_UNTURNED_SHARE * bh);
        BBox { x0: cx - w / 2.0, y0: cy - h / 2.0, x1: cx + w / 2.0, y1: cy + h / 2.0 }
    }
}

/// The least share of a box's width or height that taking the turn out
/// of it leaves: a box jittered smaller than its turned rectangle would
/// otherwise come out empty.
const MIN_UNTURNED_SHARE: f32 = 0.25;

/// Largest skew taken out (tan of about 2°); beyond it the page is not
/// straightened (it is more likely a layout than a tilt).
const MAX_SLOPE: f32 = 0.035;
/// Smaller slopes than this are left alone.
const MIN_SLOPE: f32 = 0.002;

/// The page's skew as dy/dx: the median over each word and its nearest
/// neighbour to the right on the same line.
fn skew(words: &[&Word], h: f32) -> f32 {
    let mut order: Vec<usize> = (0..words.len()).collect();
    order.sort_by(|&a, &b| words[a].bbox.cy().total_cmp(&words[b].bbox.cy()));
    let mut slopes = vec![];
    for (k, &i) in order.iter().enumerate() {
        let a = &words[i].bbox;
        let mut best: Option<(f32, f32)> = None;
        let near = |j: &&usize| (words[**j].bbox.cy() - a.cy()).abs() <= 0.6 * h;
        for &j in order[k + 1..].iter().take_while(near).chain(order[..k].iter().rev().take_while(near)) {
            let b = &words[j].bbox;
            let dx = b.cx() - a.cx();
            if b.x0 >= a.x1 - 0.1 * h && dx < 3.0 * h && best.is_none_or(|(d, _)| dx < d) {
                best = Some((dx, (b.cy() - a.cy()) / dx));
            }
        }
        if let Some((_, s)) = best {
            slopes.push(s);
        }
        if slopes.len() > 4000 {
            break;
        }
    }
    within_bounds(median(slopes).unwrap_or(0.0))
}

/// A slope between [`MIN_SLOPE`] and [`MAX_SLOPE`], else none (0).
fn within_bounds(s: f32) -> f32 {
    if !s.is_finite() || s.abs() < MIN_SLOPE || s.abs() > MAX_SLOPE {
        0.0
    } else {
        s
    }
}

pub fn median(mut v: Vec<f32>) -> Option<f32> {
    quantile(&mut v, 0.5)
}

/// The `q`-quantile (0–1) of `v`, by nearest rank.
pub fn quantile(v: &mut [f32], q: f32) -> Option<f32> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f32::total_cmp);
    let i = ((v.len() - 1) as f32 * q).round() as usize;
    Some(v[i.min(v.len() - 1)])
}

/// Whether a space belongs between two words: between two Latin or digit runs only.
fn needs_space(before: &str, after: &str) -> bool {
    let latin =
        |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '%' | '.' | ',' | ')' | '('));
    latin(before.chars().last()) && latin(after.chars().next())
}

/// A gap narrower than this many glyph heights between two words is no
/// space (OCR engines cut runs of digits into single-glyph words).
const SPACE_GAP: f32 = 0.2;

/// Word texts joined as printed: CJK without separators, a space between
/// Latin or digit runs; a word's own runs of spaces become one.
pub fn join_texts<'a>(texts: impl Iterator<Item = &'a str>) -> String {
    join_spaced(texts.map(|t| (t, true)))
}

/// Words with their boxes joined as printed: a space between Latin or
/// digit runs only where the gap between them is a space wide.
pub fn join_placed(ws: &[Placed], ids: &[usize], h: f32) -> String {
    let spaced = ids.iter().enumerate().map(|(k, &i)| {
        let gap = k.checked_sub(1).map_or(f32::MAX, |p| ws[i].b.x0 - ws[ids[p]].b.x1);
        (ws[i].word.text.as_str(), gap >= SPACE_GAP * h)
    });
    join_spaced(spaced)
}

/// Texts joined, each with whether a gap a space wide stands before it.
fn join_spaced<'a>(texts: impl Iterator<Item = (&'a str, bool)>) -> String {
    let mut out = String::new();
    for (t, gap) in texts {
        let t = t.trim();
        if t.is_empty() {
            continue;
        }
        if gap && needs_space(&out, t) {
            out.push(' ');
        }
        let mut last_space = false;
        for c in t.chars() {
            let space = c.is_whitespace();
            if !(space && last_space) {
                out.push(if space { ' ' } else { c });
            }
            last_space = space;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(x0: f32, y0: f32, text: &str) -> Word {
        Word { bbox: BBox { x0, y0, x1: x0 + 10.0, y1: y0 + 10.0 }, text: text.into(), ..Default::default() }
    }

    #[test]
    fn rules_and_empty_boxes_are_dropped() {
        let mut words = vec![word(0.0, 0.0, "序号"), word(20.0, 0.0, "|"), word(40.0, 0.0, "｜｜")];
        words.push(Word { bbox: BBox { x0: 5.0, y0: 5.0, x1: 5.0, y1: 9.0 }, text: "x".into(), ..Default::default() });
        let (placed, h, rules) = prepare(&words, None);
        assert_eq!(placed.len(), 1);
        assert_eq!(rules.len(), 2);
        assert_eq!(h, 10.0);
    }

    #[test]
    fn a_skewed_line_is_straightened() {
        // 1° down to the right: 0.01745 per unit of x.
        let words: Vec<Word> =
            (0..20).map(|i| word(i as f32 * 12.0, 100.0 + i as f32 * 12.0 * 0.01745, "字")).collect();
        let (placed, _, _) = prepare(&words, None);
        let ys: Vec<f32> = placed.iter().map(|p| p.b.cy()).collect();
        assert!(ys.iter().all(|y| (y - ys[0]).abs() < 0.5), "{ys:?}");
    }

    /// A tall page turned by 1°: its lines slope, and a column's left
    /// edge drifts sideways down the page (60 lines, 1,800 units: 31 units,
    /// three glyphs). Straightened, the column's words stand one under
    /// another again, and its lines are level.
    #[test]
    fn a_skewed_column_is_straightened_in_x_too() {
        let (sin, cos) = 1.0_f32.to_radians().sin_cos();
        let turned = |x: f32, y: f32| (x * cos - y * sin, x * sin + y * cos);
        let mut words = vec![];
        for row in 0..60 {
            let y = 100.0 + row as f32 * 30.0;
            for k in 0..8 {
                let (x, y) = turned(50.0 + k as f32 * 12.0, y);
                words.push(word(x, y, "字"));
            }
        }
        let drift = words[8 * 59].bbox.x0 - words[0].bbox.x0;
        assert!(drift < -30.0, "{drift}");
        let (placed, _, _) = prepare(&words, None);
        let left: Vec<f32> = placed.iter().step_by(8).map(|p| p.b.x0).collect();
        assert!(left.iter().all(|x| (x - left[0]).abs() < 0.5), "{left:?}");
        for line in placed.chunks(8) {
            assert!(line.iter().all(|p| (p.b.cy() - line[0].b.cy()).abs() < 0.5));
        }
    }

    /// PaddleOCR boxes whole lines: at 1° a line of 20 glyphs has an
    /// upright box a third taller than its type. Straightened, its box is
    /// the line's own height again.
    #[test]
    fn a_turned_line_box_shrinks_to_its_type() {
        let (sin, cos) = 1.0_f32.to_radians().sin_cos();
        let (w, h) = (200.0, 10.0);
        let mut words = vec![];
        for row in 0..40 {
            let y = 100.0 + row as f32 * 20.0;
            for k in 0..20 {
                let (x, y) = (50.0 + k as f32 * 10.0, y);
                words.push(word(x * cos - y * sin, x * sin + y * cos, "字"));
            }
            // The whole line as one box around its turned corners.
            let corners = [(50.0, y), (50.0 + w, y), (50.0 + w, y + h), (50.0, y + h)];
            let turned: Vec<(f32, f32)> =
                corners.iter().map(|&(x, y)| (x * cos - y * sin, x * sin + y * cos)).collect();
            let fold =
                |f: fn(f32, f32) -> f32, pick: fn(&(f32, f32)) -> f32| turned.iter().map(pick).reduce(f).unwrap();
            let bbox = BBox {
                x0: fold(f32::min, |p| p.0),
                y0: fold(f32::min, |p| p.1),
                x1: fold(f32::max, |p| p.0),
                y1: fold(f32::max, |p| p.1),
            };
            words.push(Word { bbox, text: "整行".into(), ..Default::default() });
        }
        assert!(words[20].bbox.height() > 13.0, "{}", words[20].bbox.height());
        let (placed, _, _) = prepare(&words, None);
        let lines: Vec<&Placed> = placed.iter().filter(|p| p.word.text == "整行").collect();
        assert_eq!(lines.len(), 40);
        for l in lines {
            assert!((l.b.height() - h).abs() < 0.2 && (l.b.width() - w).abs() < 0.2, "{:?}", l.b);
        }
    }

    #[test]
    fn damaged_coordinates_are_dropped() {
        let words = vec![word(0.0, 0.0, "序号"), word(f32::NAN, 0.0, "任务"), word(1.0e30, 0.0, "目标")];
        let (placed, _, _) = prepare(&words, None);
        assert_eq!(placed.iter().map(|p| p.word.text.as_str()).collect::<Vec<_>>(), ["序号"]);
    }

    #[test]
    fn stray_spaces_inside_words_become_one() {
        assert_eq!(join_texts(["新增  企业", "5", "家"].iter().copied()), "新增 企业5家");
        assert_eq!(join_texts(["2022", "年"].iter().copied()), "2022年");
    }
}
