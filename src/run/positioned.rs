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
//! let doc = Document { source: "2022-03-22_p03.tsv".into(), format: Format::Tsv, pages: vec![WordPage { number: 1, width: 300.0, height: 200.0, unit: Unit::Pixel, words }] };
//! let page = pledges::run::positioned::extract_document(&doc, &Default::default());
//! assert_eq!(page.rows.len(), 2);
//! assert_eq!(page.rows[1].target, "完成调查");
//! assert_eq!(page.rows[1].position, "p1:5,80,180,90");
//! ```

use crate::layout::geometry::{document_lines, Knobs, OutLine};
use crate::model::row::parse_line_runs;
use crate::model::{Flag, Line, PageResult};
use crate::read::positioned::{self, BBox, Document, Format};
use crate::run::page::{extract_lines, Options};
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
pub fn extract_file(
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

/// The rows of a positioned document, with their positions.
pub fn extract_document(doc: &Document, opts: &Options) -> PageResult {
    let out = document_lines(doc, &Knobs::default());
    let lines = Line::numbered(out.iter().map(|l| l.text.clone()));
    let mut page = extract_lines(&doc.source, &lines, opts);
    for row in &mut page.rows {
        let nos: Vec<usize> = parse_line_runs(&row.source_lines).into_iter().flat_map(|(a, b)| a..=b).collect();
        row.position = position(&out, &nos);
        let words = nos.iter().filter_map(|&no| out.get(no.wrapping_sub(1))).flat_map(|l| &l.confidence);
        let (low, all) =
            words.fold((0, 0), |(low, all), &(c, n)| (low + if c < LOW_CONFIDENCE { n } else { 0 }, all + n));
        if all > 0 && low as f32 >= LOW_CONFIDENCE_SHARE * all as f32 {
            row.add_flag(Flag::LowConfidence);
        }
    }
    for left in &mut page.leftovers {
        left.position = position(&out, &[left.line.get()]);
    }
    page
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
