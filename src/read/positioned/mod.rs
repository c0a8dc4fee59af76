//! Positioned input: words with boxes, whatever tool wrote them.
//!
//! PDF text layers (through poppler), Tesseract / poppler TSV, hOCR, ALTO
//! XML and PaddleOCR JSON all come down to one [`Document`]: pages of
//! [`Word`]s, each with its box in the input's own units, its text as the
//! tool recognised it, and the tool's confidence where it gives one. Every
//! later stage (geometry, provenance, flags) is written once against it.
//!
//! The format is recognised by content ([`sniff`]), not by the file name:
//!
//! ```
//! use pledges::read::positioned::{sniff, Format};
//! assert_eq!(sniff(b"%PDF-1.7\n..."), Format::Pdf);
//! assert_eq!(sniff(b"level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"), Format::Tsv);
//! assert_eq!(sniff("市测试局\n序号\n".as_bytes()), Format::Text);
//! ```

pub mod alto;
pub mod hocr;
pub mod paddle;
pub mod pdf;
pub mod tsv;

use crate::Error;

/// A box on a page: `x0,y0` top left, `x1,y1` bottom right, y growing down.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct BBox {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

impl BBox {
    pub fn width(&self) -> f32 {
        self.x1 - self.x0
    }
    pub fn height(&self) -> f32 {
        self.y1 - self.y0
    }
    pub fn cx(&self) -> f32 {
        (self.x0 + self.x1) / 2.0
    }
    pub fn cy(&self) -> f32 {
        (self.y0 + self.y1) / 2.0
    }
    /// The smallest box holding both.
    pub fn union(&self, o: &BBox) -> BBox {
        BBox { x0: self.x0.min(o.x0), y0: self.y0.min(o.y0), x1: self.x1.max(o.x1), y1: self.y1.max(o.y1) }
    }
    /// A box with no area or with corners out of order (rules, OCR slips).
    pub fn is_empty(&self) -> bool {
        !(self.x1 > self.x0 && self.y1 > self.y0)
    }
}

/// The unit a format measures boxes in; boxes keep the input's unit so a
/// person can find a row with the tool that wrote the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Image pixels (Tesseract, hOCR, PaddleOCR, ALTO `pixel`).
    Pixel,
    /// PDF points, 1/72 inch (poppler on a PDF's text layer).
    Point,
    /// ALTO `mm10`: tenths of a millimetre.
    Mm10,
    /// ALTO `inch1200`: 1/1200 inch.
    Inch1200,
}

/// One recognised word (or glyph run) and where it stands.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Word {
    pub bbox: BBox,
    pub text: String,
    /// 0–100 where the tool gives one.
    pub confidence: Option<f32>,
    /// The tool's own line, where it groups words into lines (block,
    /// paragraph and line numbers folded into one id).
    pub line: Option<u32>,
}

/// One page of words.
#[derive(Debug, Clone, PartialEq)]
pub struct WordPage {
    /// 1-based page number within the file.
    pub number: u32,
    pub width: f32,
    pub height: f32,
    pub unit: Unit,
    pub words: Vec<Word>,
    /// The page's skew as dy/dx where the tool says it (PaddleOCR's turned
    /// line polygons); `None` lets geometry measure it from the words.
    pub skew: Option<f32>,
}

/// A positioned input file.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub source: String,
    pub format: Format,
    pub pages: Vec<WordPage>,
}

/// What a file holds, told by its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Tsv,
    Hocr,
    Alto,
    Paddle,
    /// Anything else: a text page for [`crate::read::decode`].
    Text,
}

impl Format {
    pub fn name(&self) -> &'static str {
        match self {
            Format::Pdf => "PDF",
            Format::Tsv => "TSV",
            Format::Hocr => "hOCR",
            Format::Alto => "ALTO",
            Format::Paddle => "PaddleOCR JSON",
            Format::Text => "text",
        }
    }
}

/// How far into a file [`sniff`] looks for XML roots and JSON keys.
const SNIFF_BYTES: usize = 4096;

/// The format of `bytes`, by content: `%PDF` magic, a TSV header starting
/// `level\tpage_num`, an XML `alto` root, hOCR's `ocr_page`/`ocrx_word`
/// classes, PaddleOCR's `rec_texts` key; else text.
pub fn sniff(bytes: &[u8]) -> Format {
    let body = strip_bom(bytes);
    let head = &body[..body.len().min(SNIFF_BYTES)];
    let start = head.iter().position(|b| !b.is_ascii_whitespace()).map_or(head, |p| &head[p..]);
    if start.starts_with(b"%PDF") || head.windows(5).take(1024).any(|w| w == b"%PDF-") {
        return Format::Pdf;
    }
    if start.starts_with(b"level\tpage_num\t") {
        return Format::Tsv;
    }
    let has = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    if start.starts_with(b"<") {
        if has(b"<alto") || has(b":alto") {
            return Format::Alto;
        }
        if has(b"ocr_page") || has(b"ocrx_word") || has(b"ocr-system") {
            return Format::Hocr;
        }
    }
    // PaddleOCR writes rec_texts after its long box lists: look through the whole file.
    let anywhere = |needle: &[u8]| body.windows(needle.len()).any(|w| w == needle);
    if (start.starts_with(b"{") || start.starts_with(b"[")) && anywhere(b"\"rec_texts\"") {
        return Format::Paddle;
    }
    Format::Text
}

fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// Reads a positioned file of `format` (see [`sniff`]). `path` is where
/// the bytes live on disk, if they do (a PDF is handed to poppler by path).
pub fn read(source: &str, bytes: &[u8], format: Format, path: Option<&std::path::Path>) -> Result<Document, Error> {
    let body = strip_bom(bytes);
    let pages = match format {
        Format::Pdf => pdf::read(source, bytes, path)?,
        Format::Tsv => tsv::read(source, utf8(source, body)?, Unit::Pixel)?,
        Format::Hocr => hocr::read(source, utf8(source, body)?)?,
        Format::Alto => alto::read(source, utf8(source, body)?)?,
        Format::Paddle => paddle::read(source, utf8(source, body)?)?,
        Format::Text => return Err(problem(source, None, "not a positioned format")),
    };
    if pages.iter().all(|p| p.words.is_empty()) {
        return Err(problem(source, None, &format!("{} file holds no words", format.name())));
    }
    Ok(Document { source: source.to_owned(), format, pages })
}

/// [`read`] for a PDF whose `pdftotext` answer is at hand (see [`pdf::ReadAhead`]).
pub fn read_pdf(source: &str, answer: pdf::Answer) -> Result<Document, Error> {
    let pages = pdf::pages(source, answer)?;
    Ok(Document { source: source.to_owned(), format: Format::Pdf, pages })
}

fn utf8<'a>(source: &str, bytes: &'a [u8]) -> Result<&'a str, Error> {
    std::str::from_utf8(bytes).map_err(|e| {
        let line = 1 + bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count();
        Error::Undecodable { file: source.to_owned(), line }
    })
}

/// A problem with a positioned file, naming the file and, where known, the page.
pub fn problem(source: &str, page: Option<u32>, message: &str) -> Error {
    Error::Positioned { file: source.to_owned(), page, message: message.to_owned() }
}

/// Folds a tool's block / paragraph / line numbers into one line id.
pub fn line_id(block: u32, par: u32, line: u32) -> u32 {
    block.wrapping_mul(1 << 20) ^ par.wrapping_mul(1 << 10) ^ line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_by_content() {
        assert_eq!(
            sniff(b"\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<alto xmlns=\"http://www.loc.gov/standards/alto/ns-v4#\">"),
            Format::Alto
        );
        assert_eq!(sniff(b"<!DOCTYPE html><html><body><div class='ocr_page' title='bbox 0 0 10 10'>"), Format::Hocr);
        assert_eq!(sniff(b"{\"res\": {\"rec_texts\": [\"a\"]}}"), Format::Paddle);
        assert_eq!(sniff(b"<html><body>plain</body></html>"), Format::Text);
        assert_eq!(sniff(b"  %PDF-1.4"), Format::Pdf);
    }

    #[test]
    fn boxes() {
        let a = BBox { x0: 1.0, y0: 2.0, x1: 3.0, y1: 4.0 };
        let b = BBox { x0: 0.0, y0: 3.0, x1: 2.0, y1: 5.0 };
        assert_eq!(a.union(&b), BBox { x0: 0.0, y0: 2.0, x1: 3.0, y1: 5.0 });
        assert!(BBox { x0: 1.0, y0: 1.0, x1: 1.0, y1: 3.0 }.is_empty());
    }
}

/// The text of an XML entity or character reference (`&amp;`, `&#x4E00;`).
pub(crate) fn xml_ref(r: &quick_xml::events::BytesRef) -> String {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return c.to_string();
    }
    let name = r.decode().unwrap_or_default();
    match name.as_ref() {
        "amp" => "&".into(),
        "lt" => "<".into(),
        "gt" => ">".into(),
        "quot" => "\"".into(),
        "apos" => "'".into(),
        "nbsp" => " ".into(),
        other => format!("&{other};"),
    }
}
