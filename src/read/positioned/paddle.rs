//! PaddleOCR result JSON: `rec_texts` with `rec_boxes` (`[x0, y0, x1, y1]`)
//! or `rec_polys` (four corners), and `rec_scores` (0–1). Accepts one
//! result object, one wrapped as `{"res": {…}}` (what `save_to_json`
//! writes), or an array of them (one per page).
//!
//! **One PDF, several files.** PaddleOCR given a PDF returns one result per
//! page, each naming the PDF as `input_path` and its 0-based `page_index`,
//! and `save_to_json` writes each to a file of its own (`doc_0_res.json`,
//! `doc_1_res.json`, …). [`pdf_page`] reads that key, so that the run can
//! read the files of one PDF as one document ([`read_pages`]), in page
//! order, as a table that runs on from page to page needs. Results of
//! single images (`page_index` null) are documents of their own: nothing
//! in them says which image follows which.
//!
//! ```
//! let json = r#"{"res": {"rec_texts": ["序号"], "rec_boxes": [[10, 20, 50, 40]], "rec_scores": [0.97]}}"#;
//! let pages = pledges::read::positioned::paddle::read("p.json", json).unwrap();
//! assert_eq!(pages[0].words[0].bbox.y1, 40.0);
//! assert_eq!(pages[0].words[0].confidence, Some(97.0));
//! ```

use super::{problem, BBox, Unit, Word, WordPage};
use crate::Error;
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
struct Result_ {
    rec_texts: Vec<String>,
    #[serde(default)]
    rec_boxes: Option<Vec<Vec<f32>>>,
    #[serde(default)]
    rec_polys: Option<Vec<Vec<Vec<f32>>>>,
    #[serde(default)]
    rec_scores: Option<Vec<f32>>,
    #[serde(default)]
    page_index: Option<u32>,
}

/// The PDF a saved result is a page of: its `input_path` and 0-based
/// `page_index`, when `text` is one PaddleOCR result (bare or under `res`)
/// that has both. `None` for anything else: an image's result, an array
/// of results (already one document), not PaddleOCR JSON.
pub fn pdf_page(text: &str) -> Option<(String, u32)> {
    #[derive(Deserialize)]
    struct Key {
        input_path: Option<String>,
        page_index: Option<u32>,
        res: Option<Box<Key>>,
        rec_texts: Option<serde::de::IgnoredAny>,
    }
    let key: Key = serde_json::from_str(text).ok()?;
    let key = match key.res {
        Some(inner) => *inner,
        None => key,
    };
    key.rec_texts?;
    Some((key.input_path?, key.page_index?))
}

/// Reads the files of one PDF's pages (see [`pdf_page`]) as one
/// document's pages, in the order given; each page keeps the PDF's page
/// number (`page_index` + 1), so a row's `position` names the page of the
/// PDF. `files` holds `(source, text)` of each; a problem names its file.
pub fn read_pages(files: &[(String, String)]) -> Result<Vec<WordPage>, Error> {
    let mut pages = vec![];
    for (source, text) in files {
        pages.extend(read(source, text)?);
    }
    Ok(pages)
}

/// Reads PaddleOCR JSON `text`.
pub fn read(source: &str, text: &str) -> Result<Vec<WordPage>, Error> {
    let value: Value = serde_json::from_str(text)
        .map_err(|e| problem(source, None, &format!("PaddleOCR JSON does not parse at line {}: {e}", e.line())))?;
    let results: Vec<Value> = match value {
        Value::Array(items) => items,
        one => vec![one],
    };
    results.into_iter().enumerate().map(|(i, v)| page(source, i as u32 + 1, v)).collect()
}

fn page(source: &str, number: u32, mut v: Value) -> Result<WordPage, Error> {
    if let Some(inner) = v.get_mut("res").map(Value::take) {
        v = inner;
    }
    let r: Result_ = serde_json::from_value(v)
        .map_err(|e| problem(source, Some(number), &format!("not a PaddleOCR result: {e}")))?;
    let number = r.page_index.map_or(number, |p| p + 1);
    let boxes: Vec<Option<BBox>> = match (&r.rec_boxes, &r.rec_polys) {
        (Some(b), _) => {
            b.iter().map(|b| (b.len() == 4).then(|| BBox { x0: b[0], y0: b[1], x1: b[2], y1: b[3] })).collect()
        }
        (None, Some(p)) => p.iter().map(|p| poly_box(p)).collect(),
        (None, None) => return Err(problem(source, Some(number), "PaddleOCR result without rec_boxes or rec_polys")),
    };
    if boxes.len() != r.rec_texts.len() {
        let message = format!("{} texts but {} boxes", r.rec_texts.len(), boxes.len());
        return Err(problem(source, Some(number), &message));
    }
    let mut words = vec![];
    for (i, (text, bbox)) in r.rec_texts.into_iter().zip(boxes).enumerate() {
        let Some(bbox) = bbox else {
            return Err(problem(source, Some(number), &format!("PaddleOCR box {i} is not a box")));
        };
        let confidence = r.rec_scores.as_ref().and_then(|s| s.get(i)).map(|s| s * 100.0);
        if !text.trim().is_empty() {
            words.push(Word { bbox, text: text.trim().to_owned(), confidence, line: None });
        }
    }
    let width = words.iter().map(|w| w.bbox.x1).fold(0.0, f32::max);
    let height = words.iter().map(|w| w.bbox.y1).fold(0.0, f32::max);
    let skew = r.rec_polys.as_deref().and_then(poly_skew);
    Ok(WordPage { number, width, height, unit: Unit::Pixel, words, skew })
}

/// A polygon this many times as wide as it is tall says its line's slope
/// (a glyph or two would say little: their corners are jitter).
const SLOPE_ASPECT: f32 = 4.0;

/// The page's skew as dy/dx from PaddleOCR's line polygons: the median
/// slope of the top edges of long ones (first corner to second, as the
/// detector writes them: top left, top right, bottom right, bottom left).
/// PaddleOCR boxes whole lines, so geometry cannot measure the skew
/// between neighbouring words as it does for word-level formats, and the
/// upright `rec_boxes` hide which way a line tilts; the polygons do not.
fn poly_skew(polys: &[Vec<Vec<f32>>]) -> Option<f32> {
    let mut slopes: Vec<f32> = polys
        .iter()
        .filter(|p| p.len() == 4 && p.iter().all(|c| c.len() == 2))
        .filter_map(|p| {
            let (dx, dy) = (p[1][0] - p[0][0], p[1][1] - p[0][1]);
            let tall = ((p[3][0] - p[0][0]).powi(2) + (p[3][1] - p[0][1]).powi(2)).sqrt();
            (dx > SLOPE_ASPECT * tall && tall > 0.0).then(|| dy / dx)
        })
        .filter(|s| s.is_finite())
        .collect();
    if slopes.is_empty() {
        return None;
    }
    slopes.sort_by(f32::total_cmp);
    Some(slopes[slopes.len() / 2])
}

/// The upright box around a polygon's corners.
fn poly_box(poly: &[Vec<f32>]) -> Option<BBox> {
    let points: Vec<(f32, f32)> = poly.iter().filter(|p| p.len() == 2).map(|p| (p[0], p[1])).collect();
    if points.is_empty() {
        return None;
    }
    let fold = |f: fn(f32, f32) -> f32, init: f32, pick: fn(&(f32, f32)) -> f32| points.iter().map(pick).fold(init, f);
    Some(BBox {
        x0: fold(f32::min, f32::MAX, |p| p.0),
        y0: fold(f32::min, f32::MAX, |p| p.1),
        x1: fold(f32::max, f32::MIN, |p| p.0),
        y1: fold(f32::max, f32::MIN, |p| p.1),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polygons_become_boxes() {
        let json =
            r#"[{"rec_texts": ["a", " "], "rec_polys": [[[1,2],[9,1],[10,8],[0,9]], [[0,0],[1,0],[1,1],[0,1]]]}]"#;
        let pages = read("p.json", json).unwrap();
        assert_eq!(pages[0].words.len(), 1);
        assert_eq!(pages[0].words[0].bbox, BBox { x0: 0.0, y0: 1.0, x1: 10.0, y1: 9.0 });
    }

    /// The skew is the median top-edge slope of the long polygons; short
    /// ones (a glyph, a number) say nothing.
    #[test]
    fn long_polygons_say_the_skew() {
        let json = r#"{"rec_texts": ["完成调查新增企业", "1", "开工建设园区项目"],
            "rec_polys": [[[0,0],[100,2],[100,12],[0,10]], [[0,20],[8,30],[8,38],[0,30]], [[0,40],[200,43.4],[200,53.4],[0,50]]]}"#;
        let pages = read("p.json", json).unwrap();
        let skew = pages[0].skew.unwrap();
        assert!((skew - 0.017).abs() < 0.004, "{skew}");
        let boxes = r#"{"rec_texts": ["完成调查"], "rec_boxes": [[0, 0, 100, 10]]}"#;
        assert_eq!(read("b.json", boxes).unwrap()[0].skew, None);
    }

    #[test]
    fn mismatched_lengths_name_the_page() {
        let json = r#"{"rec_texts": ["a", "b"], "rec_boxes": [[1,2,3,4]]}"#;
        assert_eq!(read("m.json", json).unwrap_err().to_string(), "m.json page 1: 2 texts but 1 boxes");
    }
}
