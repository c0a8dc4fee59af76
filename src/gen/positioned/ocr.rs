//! Writes recognized pages ([`super::noise`]) as the files OCR engines
//! produce: Tesseract TSV, hOCR, ALTO v4 and PaddleOCR result JSON.
//!
//! Each recognized line is its own block / paragraph / line, words in the
//! line's order. Coordinates are pixels of the imagined scan at
//! `PositionedKnobs::dpi`; ALTO converts them to its `MeasurementUnit`.
//!
//! ```
//! use pledges::gen::positioned::{generate, noise, ocr, Format, PositionedKnobs};
//! let knobs = PositionedKnobs::default();
//! let doc = generate(3, &knobs);
//! let page = noise::recognize(&doc.sheets[0], &knobs, 1);
//! let hocr = String::from_utf8(ocr::write(Format::Hocr, &[page], &knobs)).unwrap();
//! assert!(hocr.contains("class='ocrx_word'"));
//! ```

use super::noise::{OcrPage, OcrWord};
use super::{AltoUnit, Format, PositionedKnobs};
use std::fmt::Write;

/// The bytes of one file holding `pages`.
pub fn write(format: Format, pages: &[OcrPage], knobs: &PositionedKnobs) -> Vec<u8> {
    match format {
        Format::Tsv => tsv(pages),
        Format::Hocr => hocr(pages),
        Format::Alto => alto(pages, knobs.alto_unit),
        Format::Paddle => paddle(pages),
        Format::Pdf => unreachable!("PDF is written by pdf::write"),
    }
    .into_bytes()
}

fn int(v: f64) -> i64 {
    v.round() as i64
}

/// Tesseract's `tsv` output: levels 1 page, 2 block, 3 paragraph, 4 line,
/// 5 word; confidence -1 above word level.
pub fn tsv(pages: &[OcrPage]) -> String {
    let mut s =
        String::from("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n");
    let mut row = |level: u8, ids: [usize; 5], b: [f64; 4], conf: f64, text: &str| {
        let [p, bl, pa, li, wo] = ids;
        let (l, t) = (int(b[0]), int(b[1]));
        let (w, h) = (int(b[2]) - l, int(b[3]) - t);
        let conf = if conf < 0.0 { "-1".to_string() } else { format!("{conf:.6}") };
        let _ = writeln!(s, "{level}\t{p}\t{bl}\t{pa}\t{li}\t{wo}\t{l}\t{t}\t{w}\t{h}\t{conf}\t{text}");
    };
    for (pi, page) in pages.iter().enumerate() {
        let p = pi + 1;
        row(1, [p, 0, 0, 0, 0], [0.0, 0.0, page.width, page.height], -1.0, "");
        for (bi, block) in page.blocks.iter().enumerate() {
            let b = bi + 1;
            let bbox = block.bbox();
            row(2, [p, b, 0, 0, 0], bbox, -1.0, "");
            row(3, [p, b, 1, 0, 0], bbox, -1.0, "");
            row(4, [p, b, 1, 1, 0], bbox, -1.0, "");
            for (wi, w) in block.words.iter().enumerate() {
                row(5, [p, b, 1, 1, wi + 1], w.bbox, w.conf, &w.text);
            }
        }
    }
    s
}

/// XML text and attribute escaping.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

fn bbox_title(b: [f64; 4]) -> String {
    format!("bbox {} {} {} {}", int(b[0]), int(b[1]), int(b[2]), int(b[3]))
}

/// Tesseract's hOCR: `ocr_page` > `ocr_carea` > `ocr_par` > `ocr_line` > `ocrx_word`.
pub fn hocr(pages: &[OcrPage]) -> String {
    let mut s = String::from(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\n",
        "<html xmlns=\"http://www.w3.org/1999/xhtml\" xml:lang=\"en\" lang=\"en\">\n <head>\n  <title></title>\n",
        "  <meta http-equiv=\"Content-Type\" content=\"text/html;charset=utf-8\"/>\n",
        "  <meta name='ocr-system' content='tesseract 5.3.0'/>\n",
        "  <meta name='ocr-capabilities' content='ocr_page ocr_carea ocr_par ocr_line ocrx_word ocrp_wconf'/>\n",
        " </head>\n <body>\n"
    ));
    for (pi, page) in pages.iter().enumerate() {
        let p = pi + 1;
        let _ = writeln!(
            s,
            "  <div class='ocr_page' id='page_{p}' title='image \"page{p}.png\"; {}; ppageno {pi}; scan_res {} {}'>",
            bbox_title([0.0, 0.0, page.width, page.height]),
            int(page.dpi),
            int(page.dpi)
        );
        for (bi, block) in page.blocks.iter().enumerate() {
            let b = bi + 1;
            let t = bbox_title(block.bbox());
            let _ = writeln!(s, "   <div class='ocr_carea' id='block_{p}_{b}' title=\"{t}\">");
            let _ = writeln!(s, "    <p class='ocr_par' id='par_{p}_{b}' lang='chi_sim' title=\"{t}\">");
            let _ = writeln!(
                s,
                "     <span class='ocr_line' id='line_{p}_{b}' title=\"{t}; baseline 0 0; x_size {}\">",
                int(block.bbox()[3] - block.bbox()[1])
            );
            for (wi, w) in block.words.iter().enumerate() {
                let _ = writeln!(
                    s,
                    "      <span class='ocrx_word' id='word_{p}_{b}_{}' title='{}; x_wconf {}'>{}</span>",
                    wi + 1,
                    bbox_title(w.bbox),
                    int(w.conf),
                    esc(&w.text)
                );
            }
            s.push_str("     </span>\n    </p>\n   </div>\n");
        }
        s.push_str("  </div>\n");
    }
    s.push_str(" </body>\n</html>\n");
    s
}

/// Pixels to an ALTO unit.
fn to_unit(px: f64, dpi: f64, unit: AltoUnit) -> i64 {
    int(match unit {
        AltoUnit::Pixel => px,
        AltoUnit::Mm10 => px / dpi * 254.0,
        AltoUnit::Inch1200 => px / dpi * 1200.0,
    })
}

/// ALTO v4, as Tesseract writes it (`String` / `SP` in `TextLine`).
pub fn alto(pages: &[OcrPage], unit: AltoUnit) -> String {
    let mut s = String::from(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<alto xmlns=\"http://www.loc.gov/standards/alto/ns-v4#\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" ",
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" ",
        "xsi:schemaLocation=\"http://www.loc.gov/standards/alto/ns-v4# http://www.loc.gov/alto/v4/alto-4-0.xsd\">\n",
    ));
    let _ = writeln!(s, "\t<Description>\n\t\t<MeasurementUnit>{}</MeasurementUnit>", unit.name());
    s.push_str("\t\t<sourceImageInformation>\n\t\t\t<fileName>page.png</fileName>\n\t\t</sourceImageInformation>\n");
    s.push_str("\t\t<OCRProcessing ID=\"OCR_0\">\n\t\t\t<ocrProcessingStep>\n\t\t\t\t<processingSoftware>\n\t\t\t\t\t<softwareName>tesseract 5.3.0</softwareName>\n\t\t\t\t</processingSoftware>\n\t\t\t</ocrProcessingStep>\n\t\t</OCRProcessing>\n");
    s.push_str("\t</Description>\n\t<Layout>\n");
    for (pi, page) in pages.iter().enumerate() {
        let u = |px: f64| to_unit(px, page.dpi, unit);
        let geometry = |b: [f64; 4]| {
            let (x, y) = (u(b[0]), u(b[1]));
            format!("HPOS=\"{x}\" VPOS=\"{y}\" WIDTH=\"{}\" HEIGHT=\"{}\"", u(b[2]) - x, u(b[3]) - y)
        };
        let _ = writeln!(
            s,
            "\t\t<Page WIDTH=\"{}\" HEIGHT=\"{}\" PHYSICAL_IMG_NR=\"{pi}\" ID=\"page_{pi}\">",
            u(page.width),
            u(page.height)
        );
        let _ = writeln!(s, "\t\t\t<PrintSpace {}>", geometry([0.0, 0.0, page.width, page.height]));
        for (bi, block) in page.blocks.iter().enumerate() {
            let g = geometry(block.bbox());
            let _ = writeln!(s, "\t\t\t\t<TextBlock ID=\"block_{pi}_{bi}\" {g}>");
            let _ = writeln!(s, "\t\t\t\t\t<TextLine ID=\"line_{pi}_{bi}\" {g}>");
            for (wi, w) in block.words.iter().enumerate() {
                if wi > 0 {
                    let prev: &OcrWord = &block.words[wi - 1];
                    let gap = [prev.bbox[2], prev.bbox[1], w.bbox[0].max(prev.bbox[2]), prev.bbox[3]];
                    let (x, y) = (u(gap[0]), u(gap[1]));
                    let _ = writeln!(s, "\t\t\t\t\t\t<SP WIDTH=\"{}\" VPOS=\"{y}\" HPOS=\"{x}\"/>", u(gap[2]) - x);
                }
                let _ = writeln!(
                    s,
                    "\t\t\t\t\t\t<String ID=\"string_{pi}_{bi}_{wi}\" {} WC=\"{:.2}\" CONTENT=\"{}\"/>",
                    geometry(w.bbox),
                    w.conf / 100.0,
                    esc(&w.text)
                );
            }
            s.push_str("\t\t\t\t\t</TextLine>\n\t\t\t\t</TextBlock>\n");
        }
        s.push_str("\t\t\t</PrintSpace>\n\t\t</Page>\n");
    }
    s.push_str("\t</Layout>\n</alto>\n");
    s
}

/// PaddleOCR's saved result (`res.save_to_json`, PaddleOCR 3) for one
/// image, keys in PaddleOCR's order: the detector's `dt_polys` come before
/// `rec_texts`, so a reader cannot expect `rec_texts` near the start. One
/// entry per text line, `rec_polys` as 4-point polygons and `rec_boxes` as
/// `[x0, y0, x1, y1]`. Empty boxes (rules) are left out: the detector finds
/// no text there. Several pages give a JSON array of results.
pub fn paddle(pages: &[OcrPage]) -> String {
    let results: Vec<PaddleResult> =
        pages.iter().enumerate().map(|(pi, page)| paddle_result(format!("page{}.png", pi + 1), None, page)).collect();
    let mut s = if results.len() == 1 {
        serde_json::to_string_pretty(&results[0])
    } else {
        serde_json::to_string_pretty(&results)
    }
    .expect("plain data serializes");
    s.push('\n');
    s
}

/// PaddleOCR's result for page `index` (from 0) of the PDF `pdf`: what
/// it writes, one file per page, when given a multi-page PDF — the
/// result names the PDF and the page, not an image.
pub fn paddle_pdf_page(page: &OcrPage, pdf: &str, index: u32) -> String {
    let mut s =
        serde_json::to_string_pretty(&paddle_result(pdf.to_owned(), Some(index), page)).expect("plain data serializes");
    s.push('\n');
    s
}

/// The fields of a PaddleOCR 3 result, in its order.
#[derive(serde::Serialize)]
struct PaddleResult {
    input_path: String,
    page_index: Option<u32>,
    model_settings: serde_json::Value,
    dt_polys: Vec<Vec<[i64; 2]>>,
    text_det_params: serde_json::Value,
    text_type: &'static str,
    textline_orientation_angles: Vec<i32>,
    text_rec_score_thresh: f64,
    rec_texts: Vec<String>,
    rec_scores: Vec<f64>,
    rec_polys: Vec<Vec<[i64; 2]>>,
    rec_boxes: Vec<[i64; 4]>,
}

fn paddle_result(input_path: String, page_index: Option<u32>, page: &OcrPage) -> PaddleResult {
    let lines: Vec<_> = page.blocks.iter().map(|b| b.line()).filter(|l| !l.text().is_empty()).collect();
    let poly = |l: &super::noise::OcrLine| {
        let (first, last) = (&l.words[0], &l.words[l.words.len() - 1]);
        [first.poly[0], last.poly[1], last.poly[2], first.poly[3]]
            .iter()
            .map(|p| [int(p[0]), int(p[1])])
            .collect::<Vec<_>>()
    };
    let score = |l: &super::noise::OcrLine| {
        let c = l.words.iter().map(|w| w.conf).sum::<f64>() / l.words.len() as f64 / 100.0;
        (c * 10_000.0).round() / 10_000.0
    };
    let polys: Vec<_> = lines.iter().map(poly).collect();
    PaddleResult {
        input_path,
        page_index,
        model_settings: serde_json::json!({"use_doc_preprocessor": false, "use_textline_orientation": false}),
        dt_polys: polys.clone(),
        text_det_params: serde_json::json!({"limit_side_len": 64, "limit_type": "min", "thresh": 0.3, "box_thresh": 0.6, "unclip_ratio": 1.5}),
        text_type: "general",
        textline_orientation_angles: vec![-1; lines.len()],
        text_rec_score_thresh: 0.0,
        rec_texts: lines.iter().map(|l| l.text()).collect(),
        rec_scores: lines.iter().map(score).collect(),
        rec_polys: polys,
        rec_boxes: lines.iter().map(|l| l.bbox().map(int)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{generate, noise};
    use super::*;

    fn page(knobs: &PositionedKnobs) -> OcrPage {
        let doc = generate(12, knobs);
        noise::recognize(&doc.sheets[0], knobs, 5)
    }

    #[test]
    fn tsv_words_carry_the_page_text() {
        let knobs = PositionedKnobs::default();
        let p = page(&knobs);
        let text = tsv(std::slice::from_ref(&p));
        let words: Vec<&str> =
            text.lines().skip(1).filter(|l| l.starts_with("5\t")).map(|l| l.rsplit('\t').next().unwrap()).collect();
        let expected: Vec<String> = p.blocks.iter().flat_map(|b| &b.words).map(|w| w.text.clone()).collect();
        assert_eq!(words, expected);
        assert!(text.lines().all(|l| l.split('\t').count() == 12));
    }

    #[test]
    fn alto_units_scale_positions() {
        let knobs = PositionedKnobs::default();
        let p = page(&knobs);
        let hpos = |unit| {
            let xml = alto(std::slice::from_ref(&p), unit);
            let i = xml.find("<String ").unwrap();
            let tail = &xml[i..];
            let v = tail.split("HPOS=\"").nth(1).unwrap();
            v[..v.find('"').unwrap()].parse::<f64>().unwrap()
        };
        let px = hpos(AltoUnit::Pixel);
        assert!((hpos(AltoUnit::Mm10) - px / 300.0 * 254.0).abs() <= 1.0);
        assert!((hpos(AltoUnit::Inch1200) - px * 4.0).abs() <= 2.0);
        assert!(alto(std::slice::from_ref(&p), AltoUnit::Mm10).contains("<MeasurementUnit>mm10</MeasurementUnit>"));
    }

    #[test]
    fn paddle_lines_are_whole_printed_runs() {
        let knobs = PositionedKnobs { split_cjk_rate: 1.0, ..PositionedKnobs::default() };
        let doc = generate(12, &knobs);
        let p = noise::recognize(&doc.sheets[0], &knobs, 5);
        let v: serde_json::Value = serde_json::from_str(&paddle(&[p])).unwrap();
        let texts: Vec<&str> = v["rec_texts"].as_array().unwrap().iter().map(|t| t.as_str().unwrap()).collect();
        let runs: Vec<&str> = doc.sheets[0].runs.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(texts, runs);
        assert_eq!(v["rec_boxes"].as_array().unwrap().len(), texts.len());
    }

    #[test]
    fn hocr_escapes_text() {
        assert_eq!(esc("a<b&\"c'"), "a&lt;b&amp;&quot;c&apos;");
    }
}
