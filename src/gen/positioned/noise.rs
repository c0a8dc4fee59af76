//! What an OCR engine makes of a laid-out sheet: word boxes in pixels with
//! the recognizer's slips.
//!
//! A clean recognizer returns each printed run split at its spaces, boxes
//! exactly on the glyphs. The knobs of [`PositionedKnobs`] add, each with
//! its own rate: CJK split into 1–2-glyph words, neighbouring words merged,
//! stray spaces, lost and look-alike glyphs, lost row numbers,
//! low-confidence words, box jitter, page skew, `|` tokens where text meets
//! a vertical rule and empty boxes on horizontal rules.
//!
//! Slips of glyphs fall on targets, deadlines, the article and the
//! masthead only; department names, headers and category rows stay
//! readable, so the row keys stay comparable and a tolerant score measures
//! alignment rather than the recognizer. With `slips_within_tolerance`
//! (default) a target line gets at most one slip per 10 glyphs and a
//! deadline line one per 4, inside `eval --ocr-tolerant`'s thresholds.
//!
//! ```
//! use pledges::gen::positioned::{generate, noise, PositionedKnobs};
//! let knobs = PositionedKnobs { split_cjk_rate: 1.0, ..PositionedKnobs::default() };
//! let doc = generate(2, &knobs);
//! let page = noise::recognize(&doc.sheets[0], &knobs, 9);
//! let words: Vec<&str> = page.blocks.iter().flat_map(|b| &b.words).map(|w| w.text.as_str()).collect();
//! assert!(words.iter().all(|w| w.chars().filter(|c| !c.is_ascii()).count() <= 2));
//! ```

use super::layout::{Run, RunKind, Sheet, PAGE_HEIGHT, PAGE_WIDTH};
use super::PositionedKnobs;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// A recognized word: text, box `[x0, y0, x1, y1]` in pixels (y down), and
/// confidence 0–100.
#[derive(Debug, Clone, PartialEq)]
pub struct OcrWord {
    pub text: String,
    pub bbox: [f64; 4],
    /// The four corners (top-left, top-right, bottom-right, bottom-left)
    /// after skew, for formats that keep polygons (PaddleOCR).
    pub poly: [[f64; 2]; 4],
    pub conf: f64,
    /// Whether the printed text had a space before this word.
    pub space_before: bool,
}

/// One recognized text line (a printed run, or a rule token).
#[derive(Debug, Clone, PartialEq)]
pub struct OcrLine {
    pub words: Vec<OcrWord>,
}

impl OcrLine {
    pub fn bbox(&self) -> [f64; 4] {
        union(self.words.iter().map(|w| w.bbox))
    }
    /// The line's text as a line recognizer returns it: words joined, with
    /// a space where the printed text had one.
    pub fn text(&self) -> String {
        let mut s = String::new();
        for w in &self.words {
            if w.space_before && !s.is_empty() {
                s.push(' ');
            }
            s.push_str(&w.text);
        }
        s
    }
}

/// A page of recognized lines, each line its own block (Tesseract's
/// block/paragraph grouping carries no evidence the readers may rely on).
#[derive(Debug, Clone, PartialEq)]
pub struct OcrPage {
    pub page: u32,
    pub width: f64,
    pub height: f64,
    pub dpi: f64,
    pub blocks: Vec<OcrLineBlock>,
}

/// A block with one line; `words` are that line's words.
#[derive(Debug, Clone, PartialEq)]
pub struct OcrLineBlock {
    pub words: Vec<OcrWord>,
}

impl OcrLineBlock {
    pub fn line(&self) -> OcrLine {
        OcrLine { words: self.words.clone() }
    }
    pub fn bbox(&self) -> [f64; 4] {
        union(self.words.iter().map(|w| w.bbox))
    }
}

fn union(boxes: impl Iterator<Item = [f64; 4]>) -> [f64; 4] {
    boxes.fold([f64::MAX, f64::MAX, f64::MIN, f64::MIN], |a, b| {
        [a[0].min(b[0]), a[1].min(b[1]), a[2].max(b[2]), a[3].max(b[3])]
    })
}

/// Look-alike glyphs a CJK recognizer confuses, both ways.
const LOOK_ALIKES: [(char, char); 16] = [
    ('已', '己'),
    ('未', '末'),
    ('日', '曰'),
    ('人', '入'),
    ('土', '士'),
    ('大', '太'),
    ('天', '夫'),
    ('月', '日'),
    ('元', '无'),
    ('千', '干'),
    ('0', 'O'),
    ('1', 'l'),
    ('5', 'S'),
    ('8', 'B'),
    ('个', '介'),
    ('项', '顶'),
];

fn look_alike(rng: &mut ChaCha8Rng, c: char) -> char {
    for (a, b) in LOOK_ALIKES {
        if c == a {
            return b;
        }
        if c == b {
            return a;
        }
    }
    *['口', '一', '十', '了'].choose(rng).expect("non-empty")
}

/// A glyph before boxing: char and its x range in points.
#[derive(Debug, Clone)]
struct Glyph {
    c: char,
    x0: f64,
    x1: f64,
}

/// A word before boxing.
#[derive(Debug, Clone)]
struct Piece {
    glyphs: Vec<Glyph>,
    space_before: bool,
}

/// Recognizes one sheet; the same `seed` gives the same words.
pub fn recognize(sheet: &Sheet, knobs: &PositionedKnobs, seed: u64) -> OcrPage {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let scale = knobs.dpi / 72.0;
    let skew = if knobs.skew_deg > 0.0 { rng.random_range(-knobs.skew_deg..=knobs.skew_deg) } else { 0.0 };
    let frame = Frame { scale, angle: skew.to_radians(), cx: PAGE_WIDTH / 2.0, cy: PAGE_HEIGHT / 2.0 };
    let mut blocks = Vec::new();
    for run in &sheet.runs {
        if run.kind == RunKind::Number && chance(&mut rng, knobs.drop_number_rate) {
            continue;
        }
        let pieces = recognize_run(&mut rng, knobs, run);
        let words: Vec<OcrWord> = pieces
            .into_iter()
            .filter(|p| !p.glyphs.is_empty())
            .map(|p| word(&mut rng, knobs, &frame, run, p))
            .collect();
        if !words.is_empty() {
            blocks.push(OcrLineBlock { words });
        }
    }
    blocks.extend(rule_tokens(&mut rng, knobs, &frame, sheet));
    OcrPage {
        page: sheet.page,
        width: (PAGE_WIDTH * scale).round(),
        height: (PAGE_HEIGHT * scale).round(),
        dpi: knobs.dpi,
        blocks,
    }
}

fn chance(rng: &mut ChaCha8Rng, p: f64) -> bool {
    rng.random_bool(p.clamp(0.0, 1.0))
}

/// Points on the printed page to skewed pixels.
struct Frame {
    scale: f64,
    angle: f64,
    cx: f64,
    cy: f64,
}

impl Frame {
    fn map(&self, x: f64, y: f64) -> [f64; 2] {
        let (s, c) = self.angle.sin_cos();
        let (dx, dy) = (x - self.cx, y - self.cy);
        [(self.cx + dx * c - dy * s) * self.scale, (self.cy + dx * s + dy * c) * self.scale]
    }
}

/// Splits a run into words and applies the glyph-level slips.
fn recognize_run(rng: &mut ChaCha8Rng, knobs: &PositionedKnobs, run: &Run) -> Vec<Piece> {
    let slips = matches!(run.kind, RunKind::Target | RunKind::Deadline | RunKind::Article | RunKind::Masthead);
    let glyphs = run.text.chars().filter(|&c| c != ' ').count();
    let mut budget = match run.kind {
        _ if !knobs.slips_within_tolerance => usize::MAX,
        RunKind::Target => glyphs / 10,
        RunKind::Deadline => glyphs / 4,
        _ => usize::MAX,
    };
    let mut slip = |rng: &mut ChaCha8Rng, rate: f64| {
        let hit = slips && budget > 0 && chance(rng, rate);
        budget -= hit as usize;
        hit
    };
    let mut pieces: Vec<Piece> = Vec::new();
    let mut x = run.x;
    let mut space = false;
    for c in run.text.chars() {
        let w = if c.is_ascii() { 0.5 } else { 1.0 } * run.size;
        if c == ' ' {
            space = true;
            x += w;
            continue;
        }
        let glyph = Glyph { c, x0: x, x1: x + w };
        x += w;
        if slip(rng, knobs.drop_glyph_rate) {
            continue;
        }
        let glyph = if slip(rng, knobs.wrong_glyph_rate) { Glyph { c: look_alike(rng, c), ..glyph } } else { glyph };
        match pieces.last_mut() {
            Some(p) if !space => p.glyphs.push(glyph),
            _ => pieces.push(Piece { glyphs: vec![glyph], space_before: space }),
        }
        space = false;
    }
    let pieces = split_cjk(rng, knobs, pieces);
    let pieces = stray_spaces(rng, knobs, pieces);
    merge(rng, knobs, pieces)
}

/// CJK words come out as 1–2-glyph words; ASCII runs stay whole.
fn split_cjk(rng: &mut ChaCha8Rng, knobs: &PositionedKnobs, pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out = Vec::new();
    for p in pieces {
        if !p.glyphs.iter().any(|g| !g.c.is_ascii()) || !chance(rng, knobs.split_cjk_rate) {
            out.push(p);
            continue;
        }
        let mut current = Piece { glyphs: Vec::new(), space_before: p.space_before };
        let mut want = rng.random_range(1..=2);
        for (i, g) in p.glyphs.iter().enumerate() {
            let ascii_run = g.c.is_ascii() && i > 0 && p.glyphs[i - 1].c.is_ascii();
            let cjk_count = current.glyphs.iter().filter(|g| !g.c.is_ascii()).count();
            if !current.glyphs.is_empty()
                && !ascii_run
                && (cjk_count >= want || g.c.is_ascii() != current.glyphs[0].c.is_ascii())
            {
                out.push(std::mem::replace(&mut current, Piece { glyphs: Vec::new(), space_before: false }));
                want = rng.random_range(1..=2);
            }
            current.glyphs.push(g.clone());
        }
        out.push(current);
    }
    out
}

fn stray_spaces(rng: &mut ChaCha8Rng, knobs: &PositionedKnobs, pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out = Vec::new();
    for mut p in pieces {
        if p.glyphs.len() >= 3 && chance(rng, knobs.stray_space_rate) {
            let at = rng.random_range(1..p.glyphs.len());
            let tail = p.glyphs.split_off(at);
            out.push(p);
            out.push(Piece { glyphs: tail, space_before: true });
        } else {
            out.push(p);
        }
    }
    out
}

fn merge(rng: &mut ChaCha8Rng, knobs: &PositionedKnobs, pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    for p in pieces {
        match out.last_mut() {
            Some(last) if chance(rng, knobs.merge_rate) => last.glyphs.extend(p.glyphs),
            _ => out.push(p),
        }
    }
    out
}

fn word(rng: &mut ChaCha8Rng, knobs: &PositionedKnobs, frame: &Frame, run: &Run, p: Piece) -> OcrWord {
    let text: String = p.glyphs.iter().map(|g| g.c).collect();
    let x0 = p.glyphs.first().map_or(run.x, |g| g.x0);
    let x1 = p.glyphs.last().map_or(run.x, |g| g.x1);
    // Ink of a CJK glyph fills about 0.05–0.95 em of its body.
    let (y0, y1) = (run.y + 0.05 * run.size, run.y + 0.95 * run.size);
    let conf =
        if chance(rng, knobs.low_conf_rate) { rng.random_range(20.0..60.0) } else { rng.random_range(86.0..97.0) };
    boxed(rng, knobs, frame, text, [x0, y0, x1, y1], conf, p.space_before)
}

/// A box in points → skewed, jittered pixel box and polygon.
fn boxed(
    rng: &mut ChaCha8Rng,
    knobs: &PositionedKnobs,
    frame: &Frame,
    text: String,
    b: [f64; 4],
    conf: f64,
    space_before: bool,
) -> OcrWord {
    let poly = [frame.map(b[0], b[1]), frame.map(b[2], b[1]), frame.map(b[2], b[3]), frame.map(b[0], b[3])];
    let mut bbox = [
        poly.iter().map(|p| p[0]).fold(f64::MAX, f64::min),
        poly.iter().map(|p| p[1]).fold(f64::MAX, f64::min),
        poly.iter().map(|p| p[0]).fold(f64::MIN, f64::max),
        poly.iter().map(|p| p[1]).fold(f64::MIN, f64::max),
    ];
    if knobs.jitter_px > 0.0 {
        for v in &mut bbox {
            *v += rng.random_range(-knobs.jitter_px..=knobs.jitter_px);
        }
        bbox[2] = bbox[2].max(bbox[0] + 1.0);
        bbox[3] = bbox[3].max(bbox[1] + 1.0);
    }
    let bbox = bbox.map(|v| v.round().max(0.0));
    OcrWord { text, bbox, poly: poly.map(|p| p.map(f64::round)), conf: (conf * 100.0).round() / 100.0, space_before }
}

/// `|` tokens where a text line meets a vertical rule, and empty boxes on
/// horizontal rules.
fn rule_tokens(rng: &mut ChaCha8Rng, knobs: &PositionedKnobs, frame: &Frame, sheet: &Sheet) -> Vec<OcrLineBlock> {
    let mut out = Vec::new();
    if knobs.rule_token_rate > 0.0 {
        for rule in sheet.rules.iter().filter(|r| r.is_vertical()) {
            let (top, bottom) = (rule.y0.min(rule.y1), rule.y0.max(rule.y1));
            for run in sheet.runs.iter().filter(|r| r.y >= top && r.y + r.size <= bottom) {
                let beside = run.x - rule.x0 < 2.0 * run.size && rule.x0 - (run.x + run.width()) < 2.0 * run.size;
                let near =
                    (run.x - rule.x0).abs() < 2.0 * run.size || (rule.x0 - run.x - run.width()).abs() < 2.0 * run.size;
                if beside && near && chance(rng, knobs.rule_token_rate) {
                    let b = [rule.x0 - 0.1 * run.size, run.y, rule.x0 + 0.15 * run.size, run.y + run.size];
                    let conf = rng.random_range(30.0..70.0);
                    out.push(OcrLineBlock { words: vec![boxed(rng, knobs, frame, "|".into(), b, conf, true)] });
                }
            }
        }
    }
    if knobs.empty_box_rate > 0.0 {
        for rule in sheet.rules.iter().filter(|r| !r.is_vertical()) {
            if chance(rng, knobs.empty_box_rate) {
                let len = (rule.x1 - rule.x0).abs();
                let from = rule.x0.min(rule.x1) + rng.random_range(0.0..len * 0.5);
                let b = [from, rule.y0 - 0.6, from + rng.random_range(len * 0.1..=len * 0.5), rule.y0 + 0.6];
                out.push(OcrLineBlock { words: vec![boxed(rng, knobs, frame, String::new(), b, 95.0, true)] });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::generate;
    use super::*;

    fn words(page: &OcrPage) -> Vec<&OcrWord> {
        page.blocks.iter().flat_map(|b| &b.words).collect()
    }

    #[test]
    fn clean_recognition_keeps_every_printed_word() {
        let knobs = PositionedKnobs::default();
        let doc = generate(4, &knobs);
        let page = recognize(&doc.sheets[0], &knobs, 1);
        let printed: String = doc.sheets[0].runs.iter().map(|r| r.text.replace(' ', "")).collect();
        let read: String = words(&page).iter().map(|w| w.text.as_str()).collect();
        assert_eq!(read, printed);
        assert!(words(&page).iter().all(|w| w.conf >= 86.0));
    }

    #[test]
    fn skew_tilts_a_line_by_the_angle() {
        let knobs = PositionedKnobs { skew_deg: 1.0, ..PositionedKnobs::default() };
        let doc = generate(4, &knobs);
        let page = recognize(&doc.sheets[0], &knobs, 1);
        let long = page
            .blocks
            .iter()
            .map(|b| &b.words[0])
            .max_by(|a, b| (a.poly[1][0] - a.poly[0][0]).total_cmp(&(b.poly[1][0] - b.poly[0][0])));
        let w = long.expect("some word");
        let slope = (w.poly[1][1] - w.poly[0][1]) / (w.poly[1][0] - w.poly[0][0]);
        assert!(slope.abs() > 0.0005 && slope.abs() <= 0.0176, "slope {slope}");
    }

    #[test]
    fn rates_do_what_they_say() {
        let base = PositionedKnobs { ruled_rate: 1.0, ..PositionedKnobs::default() };
        let doc = generate(6, &base);
        let sheet = &doc.sheets[0];
        let count = |k: &PositionedKnobs, f: &dyn Fn(&OcrWord) -> bool| {
            (0..5).map(|s| words(&recognize(sheet, k, s)).into_iter().filter(|w| f(w)).count()).sum::<usize>()
        };
        let clean = count(&base, &|_| true);
        assert_eq!(count(&base, &|w| w.text == "|" || w.text.is_empty()), 0);
        let ruled = PositionedKnobs { rule_token_rate: 1.0, empty_box_rate: 1.0, ..base.clone() };
        assert!(count(&ruled, &|w| w.text == "|") > 10);
        assert!(count(&ruled, &|w| w.text.is_empty()) > 10);
        let low = PositionedKnobs { low_conf_rate: 0.5, ..base.clone() };
        let lows = count(&low, &|w| w.conf < 60.0) as f64 / clean as f64;
        assert!((0.4..0.6).contains(&lows), "low-confidence share {lows}");
        let merged = PositionedKnobs { merge_rate: 1.0, ..base.clone() };
        assert!(count(&merged, &|_| true) < clean);
        let split = PositionedKnobs { split_cjk_rate: 1.0, ..base.clone() };
        assert!(count(&split, &|_| true) > 3 * clean);
        let numbers = sheet.runs.iter().filter(|r| r.kind == RunKind::Number).count() * 5;
        let dropped = PositionedKnobs { drop_number_rate: 1.0, ..base.clone() };
        assert_eq!(count(&dropped, &|_| true), clean - numbers);
        let glyphs = |k: &PositionedKnobs| {
            (0..5)
                .map(|s| words(&recognize(sheet, k, s)).iter().map(|w| w.text.chars().count()).sum::<usize>())
                .sum::<usize>()
        };
        let lost = PositionedKnobs { drop_glyph_rate: 0.1, ..base.clone() };
        assert!(glyphs(&lost) < glyphs(&base));
    }

    #[test]
    fn slips_stay_within_tolerance() {
        use crate::eval::tolerant::{similarity, Tolerance};
        let knobs = PositionedKnobs { wrong_glyph_rate: 0.3, drop_glyph_rate: 0.3, ..PositionedKnobs::default() };
        let tolerance = Tolerance::default();
        let mut slipped = 0;
        for seed in 0..5 {
            let doc = generate(seed, &knobs);
            let page = recognize(&doc.sheets[0], &knobs, seed);
            let read: Vec<String> = page.blocks.iter().map(|b| b.line().text()).collect();
            let printed: Vec<&Run> = doc.sheets[0].runs.iter().collect();
            assert_eq!(read.len(), printed.len());
            for (run, text) in printed.iter().zip(&read) {
                let least = match run.kind {
                    RunKind::Target => tolerance.target_min,
                    RunKind::Deadline => tolerance.deadline_min,
                    _ => continue,
                };
                let sim = similarity(&run.text, text);
                assert!(sim >= least, "{:?} {} read as {text} ({sim:.2})", run.kind, run.text);
                slipped += (sim < 1.0) as usize;
            }
        }
        assert!(slipped > 20, "slips happen ({slipped})");
    }

    #[test]
    fn keys_survive_glyph_slips() {
        let knobs = PositionedKnobs { wrong_glyph_rate: 0.5, drop_glyph_rate: 0.3, ..PositionedKnobs::default() };
        let doc = generate(8, &knobs);
        let page = recognize(&doc.sheets[0], &knobs, 3);
        let read: Vec<String> = page.blocks.iter().map(|b| b.line().text()).collect();
        for run in doc.sheets[0]
            .runs
            .iter()
            .filter(|r| matches!(r.kind, RunKind::Department | RunKind::Category | RunKind::Number))
        {
            assert!(read.contains(&run.text), "{} kept", run.text);
        }
    }
}
