//! Generated pages in positioned forms: PDF and OCR output with word boxes.
//!
//! The same tables as the text generator ([`super::generate`]), typeset as a
//! printed newspaper page ([`layout`]) and written as a real PDF with an
//! embedded CJK font ([`pdf`]) or as what an OCR engine returns for a scan
//! of it ([`ocr`]: Tesseract TSV, hOCR, ALTO, PaddleOCR JSON), with the
//! recognizer's slips drawn by [`noise`]. Gold rows hold the true printed
//! text; the OCR slips are not in them (score OCR formats with
//! `pledges eval --ocr-tolerant`).
//!
//! Every knob is a named field of [`PositionedKnobs`] with its default;
//! [`presets`] name useful settings. The same seed and knobs always give
//! the same bytes.
//!
//! ```
//! use pledges::gen::positioned::{generate, Format, PositionedKnobs};
//! let doc = generate(7, &PositionedKnobs::default());
//! let tsv = doc.render(Format::Tsv).unwrap();
//! assert!(String::from_utf8(tsv[0].bytes.clone()).unwrap().starts_with("level\tpage_num"));
//! assert!(!doc.sheets[0].gold.is_empty());
//! ```

pub mod layout;
pub mod noise;
pub mod ocr;
pub mod pdf;

use super::{GeneratedPage, GoldRow, Knobs};
use layout::Sheet;
use std::fmt;
use std::str::FromStr;

/// Everything that can vary between positioned pages. `Default` is a clean
/// 2–4 column newspaper page, one page, no OCR noise.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PositionedKnobs {
    // ---- tables (passed to the text generator's table model)
    /// Fewest tables (departments) on a list.
    pub tables_min: usize,
    /// Most tables (departments) on a list.
    pub tables_max: usize,
    /// Most rows in one category of one table.
    pub max_rows_per_category: usize,
    /// Probability that an ASCII space of the source text is printed.
    pub keep_space_rate: f64,
    /// Per row: probability of a deadline worded as in other issues.
    pub alt_deadline_rate: f64,
    /// Probability that a list uses 承诺事项/工作目标 and 完成时间/时限 headers.
    pub alt_header_rate: f64,
    // ---- page layout
    /// Fewest newspaper columns on a page.
    pub columns_min: usize,
    /// Most newspaper columns on a page.
    pub columns_max: usize,
    /// Smallest body font size in points (each list draws one size).
    pub font_pt_min: f64,
    /// Largest body font size in points.
    pub font_pt_max: f64,
    /// Smallest line pitch, in font sizes.
    pub pitch_min: f64,
    /// Largest line pitch, in font sizes.
    pub pitch_max: f64,
    /// Width of the 序号 column's text area, in em.
    pub seq_em: f64,
    /// Narrowest deadline column text area in em; below 7 em
    /// `2022年12月底前` wraps inside its cell.
    pub deadline_em_min: f64,
    /// Widest deadline column text area in em.
    pub deadline_em_max: f64,
    /// Probability that a list's tables are ruled (grid lines drawn).
    pub ruled_rate: f64,
    /// Probability that numbers and deadlines are centred vertically in
    /// tall rows (otherwise top-aligned with the target's first line).
    pub centre_rate: f64,
    /// Probability of an article (prose) on the page.
    pub article_rate: f64,
    /// Given an article: probability that it fills the first newspaper
    /// column beside the tables rather than spanning the page above them.
    pub article_beside_rate: f64,
    /// Probability that a table running on into the next newspaper column
    /// repeats its header row there.
    pub repeat_header_rate: f64,
    /// Probability that a list too long for its page runs on to the next
    /// page with （下转N版） / （上接N版）; otherwise tables that do not fit
    /// are left off.
    pub continue_rate: f64,
    /// Probability that the list is a government attachment: no masthead,
    /// pages numbered from 1, header row repeated on each page, no marker.
    pub attachment_rate: f64,
    // ---- OCR output
    /// Resolution of the imagined scan, dots per inch.
    pub dpi: f64,
    /// ALTO MeasurementUnit.
    pub alto_unit: AltoUnit,
    /// Largest shift of each box edge, in pixels.
    pub jitter_px: f64,
    /// Largest page skew in degrees (each page draws one in ±this).
    pub skew_deg: f64,
    /// Per CJK word: probability that it comes out as 1–2-glyph words.
    pub split_cjk_rate: f64,
    /// Per pair of neighbouring words on a line: probability that they come
    /// out as one word (the space between them lost).
    pub merge_rate: f64,
    /// Per glyph: probability that it is lost.
    pub drop_glyph_rate: f64,
    /// Per glyph: probability that it is read as a look-alike.
    pub wrong_glyph_rate: f64,
    /// Per rule crossing a text line: probability of a `|` token there.
    pub rule_token_rate: f64,
    /// Per horizontal rule segment: probability of an empty word box on it.
    pub empty_box_rate: f64,
    /// Per row: probability that its number is lost.
    pub drop_number_rate: f64,
    /// Keep glyph slips within `eval --ocr-tolerant`'s default thresholds:
    /// at most 10% of a target line's glyphs and 25% of a deadline line's,
    /// so a row scores right exactly when it was aligned right.
    pub slips_within_tolerance: bool,
    /// Per word: probability that its confidence is low (20–60).
    pub low_conf_rate: f64,
    /// Per word of 3 glyphs or more: probability that it is split in two
    /// with a space between.
    pub stray_space_rate: f64,
    // ---- PDF output
    /// The font the PDF writer uses.
    pub pdf_font: PdfFont,
    /// How the PDF writer places text, as different producers do.
    pub pdf_producer: PdfProducer,
}

impl Default for PositionedKnobs {
    fn default() -> Self {
        PositionedKnobs {
            tables_min: 3,
            tables_max: 5,
            max_rows_per_category: 6,
            keep_space_rate: 0.5,
            alt_deadline_rate: 0.2,
            alt_header_rate: 0.0,
            columns_min: 2,
            columns_max: 4,
            font_pt_min: 8.5,
            font_pt_max: 10.5,
            pitch_min: 1.3,
            pitch_max: 1.6,
            seq_em: 2.0,
            deadline_em_min: 4.0,
            deadline_em_max: 7.0,
            ruled_rate: 0.5,
            centre_rate: 0.7,
            article_rate: 0.6,
            article_beside_rate: 0.4,
            repeat_header_rate: 0.3,
            continue_rate: 0.0,
            attachment_rate: 0.0,
            dpi: 300.0,
            alto_unit: AltoUnit::Pixel,
            jitter_px: 0.0,
            skew_deg: 0.0,
            split_cjk_rate: 0.0,
            merge_rate: 0.0,
            drop_glyph_rate: 0.0,
            wrong_glyph_rate: 0.0,
            rule_token_rate: 0.0,
            empty_box_rate: 0.0,
            drop_number_rate: 0.0,
            slips_within_tolerance: true,
            low_conf_rate: 0.0,
            stray_space_rate: 0.0,
            pdf_font: PdfFont::Embedded,
            pdf_producer: PdfProducer::Lines,
        }
    }
}

impl PositionedKnobs {
    /// The text generator's knobs for the table model: every text-only slip
    /// (lost numbers, full-width digits, odd brackets) off, since a printed
    /// page has none; OCR slips come from [`noise`] instead.
    fn table_knobs(&self) -> Knobs {
        Knobs {
            tables_min: self.tables_min,
            tables_max: self.tables_max,
            max_rows_per_category: self.max_rows_per_category,
            keep_space_rate: self.keep_space_rate,
            alt_deadline_rate: self.alt_deadline_rate,
            alt_header_rate: self.alt_header_rate,
            drop_number_rate: 0.0,
            drop_run_rate: 0.0,
            half_bracket_rate: 0.0,
            fullwidth_digit_rate: 0.0,
            stray_space_rate: 0.0,
            ..Knobs::default()
        }
    }
}

/// ALTO `MeasurementUnit`: what HPOS/VPOS/WIDTH/HEIGHT count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AltoUnit {
    /// Pixels of the scan.
    Pixel,
    /// Tenths of a millimetre.
    Mm10,
    /// 1/1200 inch.
    Inch1200,
}

impl AltoUnit {
    pub fn name(self) -> &'static str {
        match self {
            AltoUnit::Pixel => "pixel",
            AltoUnit::Mm10 => "mm10",
            AltoUnit::Inch1200 => "inch1200",
        }
    }
}

impl FromStr for AltoUnit {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "pixel" => Ok(AltoUnit::Pixel),
            "mm10" => Ok(AltoUnit::Mm10),
            "inch1200" => Ok(AltoUnit::Inch1200),
            _ => Err(format!("unknown ALTO unit {s:?}; known: pixel, mm10, inch1200")),
        }
    }
}

/// Which font the PDF carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PdfFont {
    /// WenQuanYi Micro Hei, subset and embedded (Identity-H, ToUnicode).
    Embedded,
    /// The predefined `STSong-Light` with `UniGB-UCS2-H`, not embedded, as
    /// many Chinese PDF producers write it (readers need poppler-data).
    Predefined,
}

impl FromStr for PdfFont {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "embedded" => Ok(PdfFont::Embedded),
            "predefined" | "stsong" => Ok(PdfFont::Predefined),
            _ => Err(format!("unknown PDF font {s:?}; known: embedded, predefined")),
        }
    }
}

/// How text is placed in the PDF. Producers differ in word grouping and
/// in the ascent/descent they declare, so readers see different box
/// heights and spacing for the same page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PdfProducer {
    /// One text object per printed line (newspaper typesetting systems);
    /// declared ascent 0.88 em, descent 0.12 em.
    Lines,
    /// Every glyph placed on its own (browsers' print-to-PDF); ascent 0.8,
    /// descent 0.2.
    Glyphs,
    /// A line as one `TJ` with tracking nudges (office suites); ascent
    /// 1.06, descent 0.26, so boxes are taller than the glyphs.
    Office,
}

impl PdfProducer {
    /// Declared FontDescriptor ascent, thousandths of an em.
    pub fn ascent(self) -> f32 {
        match self {
            PdfProducer::Lines => 880.0,
            PdfProducer::Glyphs => 800.0,
            PdfProducer::Office => 1060.0,
        }
    }
    /// Declared FontDescriptor descent, thousandths of an em (negative).
    pub fn descent(self) -> f32 {
        match self {
            PdfProducer::Lines => -120.0,
            PdfProducer::Glyphs => -200.0,
            PdfProducer::Office => -260.0,
        }
    }
}

impl FromStr for PdfProducer {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "lines" => Ok(PdfProducer::Lines),
            "glyphs" | "browser" => Ok(PdfProducer::Glyphs),
            "office" => Ok(PdfProducer::Office),
            _ => Err(format!("unknown PDF producer {s:?}; known: lines, glyphs, office")),
        }
    }
}

/// An output format of `gen --positioned`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    Pdf,
    Tsv,
    Hocr,
    Alto,
    Paddle,
}

impl Format {
    pub const ALL: [Format; 5] = [Format::Pdf, Format::Tsv, Format::Hocr, Format::Alto, Format::Paddle];

    pub fn name(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Tsv => "tsv",
            Format::Hocr => "hocr",
            Format::Alto => "alto",
            Format::Paddle => "paddle",
        }
    }

    /// File extension of the written files.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Tsv => "tsv",
            Format::Hocr => "hocr",
            Format::Alto => "alto.xml",
            Format::Paddle => "json",
        }
    }

    /// Whether the format carries a recognizer's slips (score it tolerantly).
    pub fn is_ocr(self) -> bool {
        self != Format::Pdf
    }

    /// `pdf,tsv` or `all` → formats, in [`Format::ALL`] order, no repeats.
    pub fn parse_list(s: &str) -> Result<Vec<Format>, String> {
        let mut out = Vec::new();
        for name in s.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            if name.eq_ignore_ascii_case("all") {
                out.extend(Format::ALL);
                continue;
            }
            out.push(name.parse()?);
        }
        out.sort();
        out.dedup();
        if out.is_empty() {
            return Err("no format given; known: pdf, tsv, hocr, alto, paddle, all".into());
        }
        Ok(out)
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Format::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(s))
            .ok_or_else(|| format!("unknown format {s:?}; known: pdf, tsv, hocr, alto, paddle, all"))
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Named knob settings.
#[rustfmt::skip]
pub fn presets() -> Vec<(&'static str, PositionedKnobs)> {
    let d = PositionedKnobs::default;
    let noisy = PositionedKnobs {
        jitter_px: 3.0, skew_deg: 1.0, split_cjk_rate: 0.9, merge_rate: 0.05, drop_glyph_rate: 0.003,
        wrong_glyph_rate: 0.005, drop_number_rate: 0.02, rule_token_rate: 0.5, empty_box_rate: 0.3, low_conf_rate: 0.05,
        stray_space_rate: 0.03, ruled_rate: 0.7, ..d()
    };
    vec![
        ("pdf-2col", PositionedKnobs { columns_min: 2, columns_max: 2, ..d() }),
        ("pdf-3col", PositionedKnobs { columns_min: 3, columns_max: 3, ..d() }),
        ("pdf-4col", PositionedKnobs { columns_min: 4, columns_max: 4, font_pt_min: 8.0, font_pt_max: 9.0, ..d() }),
        ("pdf-ruled", PositionedKnobs { ruled_rate: 1.0, ..d() }),
        ("pdf-unruled", PositionedKnobs { ruled_rate: 0.0, ..d() }),
        ("top-aligned", PositionedKnobs { centre_rate: 0.0, ..d() }),
        ("narrow-deadlines", PositionedKnobs { deadline_em_min: 4.0, deadline_em_max: 5.0, alt_deadline_rate: 0.5, ..d() }),
        ("article-beside", PositionedKnobs { article_rate: 1.0, article_beside_rate: 1.0, ..d() }),
        ("continued", PositionedKnobs { continue_rate: 1.0, tables_min: 7, tables_max: 9, repeat_header_rate: 0.5, ..d() }),
        ("attachment", PositionedKnobs { attachment_rate: 1.0, tables_min: 6, tables_max: 9, columns_min: 1, columns_max: 1, font_pt_min: 11.0, font_pt_max: 12.0, article_rate: 0.0, ..d() }),
        ("predefined-font", PositionedKnobs { pdf_font: PdfFont::Predefined, ..d() }),
        ("pdf-browser", PositionedKnobs { pdf_producer: PdfProducer::Glyphs, ..d() }),
        ("pdf-office", PositionedKnobs { pdf_producer: PdfProducer::Office, pdf_font: PdfFont::Predefined, ..d() }),
        ("ocr-clean", PositionedKnobs { split_cjk_rate: 0.0, ..d() }),
        ("ocr-split", PositionedKnobs { split_cjk_rate: 1.0, jitter_px: 1.0, ..d() }),
        ("ocr-noisy", noisy.clone()),
        ("ocr-skewed", PositionedKnobs { skew_deg: 1.0, jitter_px: 2.0, split_cjk_rate: 0.9, ..d() }),
        ("ocr-rules", PositionedKnobs { ruled_rate: 1.0, rule_token_rate: 1.0, empty_box_rate: 0.6, split_cjk_rate: 0.9, ..d() }),
        ("ocr-mm10", PositionedKnobs { alto_unit: AltoUnit::Mm10, ..noisy.clone() }),
        ("ocr-inch1200", PositionedKnobs { alto_unit: AltoUnit::Inch1200, skew_deg: 0.5, ..d() }),
    ]
}

/// A laid-out list, ready to be written in any format.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub seed: u64,
    pub knobs: PositionedKnobs,
    pub sheets: Vec<Sheet>,
}

/// One written file: its bytes and the sheets (pages) it holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    /// Indexes into [`Document::sheets`].
    pub sheets: Vec<usize>,
}

/// Lays out one list for `seed`.
pub fn generate(seed: u64, knobs: &PositionedKnobs) -> Document {
    Document { seed, knobs: knobs.clone(), sheets: layout::lay_out(seed, knobs) }
}

impl Document {
    /// The files of one format. Newspaper pages are one file per page (as
    /// e-paper sites serve them); an attachment is one file of all its
    /// pages, except for PaddleOCR, which writes one result per page of
    /// the attachment's PDF, each naming the PDF and its page index.
    pub fn render(&self, format: Format) -> Result<Vec<Rendered>, crate::Error> {
        let groups: Vec<Vec<usize>> = if self.is_attachment() && format != Format::Paddle {
            vec![(0..self.sheets.len()).collect()]
        } else {
            (0..self.sheets.len()).map(|i| vec![i]).collect()
        };
        let mut out = Vec::new();
        for group in groups {
            let sheets: Vec<&Sheet> = group.iter().map(|&i| &self.sheets[i]).collect();
            let bytes = match format {
                Format::Pdf => pdf::write(&sheets, self.knobs.pdf_font, self.knobs.pdf_producer)?,
                Format::Paddle if self.is_attachment() => {
                    let i = group[0];
                    let page = noise::recognize(&self.sheets[i], &self.knobs, self.seed ^ ((i as u64 + 1) << 40));
                    // One name per generated list, so that a directory's
                    // attachments stay apart.
                    let pdf = format!("attachment_{:016x}.pdf", self.seed);
                    ocr::paddle_pdf_page(&page, &pdf, i as u32).into_bytes()
                }
                _ => {
                    let pages: Vec<noise::OcrPage> = group
                        .iter()
                        .map(|&i| noise::recognize(&self.sheets[i], &self.knobs, self.seed ^ ((i as u64 + 1) << 40)))
                        .collect();
                    ocr::write(format, &pages, &self.knobs)
                }
            };
            out.push(Rendered { bytes, sheets: group });
        }
        Ok(out)
    }

    fn is_attachment(&self) -> bool {
        self.sheets.first().is_some_and(|s| s.runs.iter().any(|r| r.text == "附件"))
    }

    /// Gold of some sheets as a [`GeneratedPage`] per sheet, for
    /// [`super::write_gold`].
    pub fn gold_pages(&self, sheets: &[usize]) -> Vec<GeneratedPage> {
        sheets
            .iter()
            .map(|&i| {
                let s = &self.sheets[i];
                GeneratedPage {
                    name: String::new(),
                    text: String::new(),
                    gold: s.gold.clone(),
                    issue_date: s.issue_date.clone(),
                    page: s.page,
                }
            })
            .collect()
    }
}

/// Writes the gold rows of several pages into one `.gold.csv`.
pub fn write_gold(w: impl std::io::Write, pages: &[GeneratedPage]) -> csv::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record(["issue_date", "page", "department", "category", "seq", "target", "deadline", "source_lines"])?;
    for page in pages {
        let page_no = page.page.to_string();
        for row in &page.gold {
            let GoldRow { department, category, seq, target, deadline, source_lines } = row;
            let seq = seq.to_string();
            out.write_record([&page.issue_date, &page_no, department, category, &seq, target, deadline, source_lines])?;
        }
    }
    out.flush()?;
    Ok(())
}
