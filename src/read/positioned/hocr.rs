//! hOCR: OCR output as HTML, words in `ocrx_word` elements whose `title`
//! holds `bbox x0 y0 x1 y1; x_wconf 93`, pages in `ocr_page`, lines in
//! `ocr_line` (and its kin `ocrx_line`, `ocr_caption`, `ocr_header`,
//! `ocr_textfloat`).
//!
//! ```
//! let html = "<html><body><div class='ocr_page' title='bbox 0 0 800 1000; ppageno 0'>\
//!   <span class='ocr_line' title='bbox 10 20 90 40'><span class='ocrx_word' title='bbox 10 20 50 40; x_wconf 87'>序号</span>\
//!   <span class='ocrx_word' title='bbox 60 20 90 40; x_wconf 95'><strong>A&amp;B</strong></span></span></div></body></html>";
//! let pages = pledges::read::positioned::hocr::read("p.hocr", html).unwrap();
//! assert_eq!(pages[0].width, 800.0);
//! assert_eq!(pages[0].words[1].text, "A&B");
//! assert_eq!(pages[0].words[0].confidence, Some(87.0));
//! ```

use super::{problem, xml_ref, BBox, Unit, Word, WordPage};
use crate::Error;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// HTML elements that never have an end tag.
const VOID: [&[u8]; 6] = [b"br", b"meta", b"img", b"hr", b"link", b"input"];

/// Reads hOCR `text`.
pub fn read(source: &str, text: &str) -> Result<Vec<WordPage>, Error> {
    let mut reader = Reader::from_str(text);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.allow_unmatched_ends = true;
    config.allow_dangling_amp = true;
    let mut pages: Vec<WordPage> = vec![];
    let mut line = 0u32;
    // The word being read and how deep inside it the reader is.
    let mut word: Option<(Word, usize)> = None;
    loop {
        let event = reader.read_event().map_err(|e| {
            let at = pages.last().map(|p| p.number);
            problem(source, at, &format!("hOCR is not well-formed at byte {}: {e}", reader.error_position()))
        })?;
        match event {
            Event::Start(e) => {
                if let Some((_, depth)) = word.as_mut() {
                    *depth += usize::from(!VOID.contains(&e.local_name().as_ref()));
                    continue;
                }
                open(source, &e, reader.decoder(), &mut pages, &mut line, &mut word)?;
            }
            Event::Empty(e) => {
                if word.is_none() {
                    open(source, &e, reader.decoder(), &mut pages, &mut line, &mut word)?;
                    if let Some((w, _)) = word.take() {
                        finish(&mut pages, w);
                    }
                }
            }
            Event::Text(t) => {
                if let Some((w, _)) = word.as_mut() {
                    w.text.push_str(&t.decode().unwrap_or_default());
                }
            }
            Event::GeneralRef(r) => {
                if let Some((w, _)) = word.as_mut() {
                    w.text.push_str(&xml_ref(&r));
                }
            }
            Event::End(_) => {
                if let Some((_, depth)) = word.as_mut() {
                    *depth -= 1;
                    if *depth == 0 {
                        let (w, _) = word.take().expect("checked above");
                        finish(&mut pages, w);
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some((w, _)) = word.take() {
        finish(&mut pages, w);
    }
    if pages.is_empty() {
        return Err(problem(source, None, "hOCR without an `ocr_page` element"));
    }
    Ok(pages)
}

/// Acts on an opening element: a page, a line or a word.
fn open(
    source: &str,
    e: &BytesStart,
    decoder: quick_xml::encoding::Decoder,
    pages: &mut Vec<WordPage>,
    line: &mut u32,
    word: &mut Option<(Word, usize)>,
) -> Result<(), Error> {
    let (mut class, mut title) = (String::new(), String::new());
    for a in e.attributes().flatten() {
        match a.key.local_name().as_ref() {
            b"class" => class = a.decode_and_unescape_value(decoder).unwrap_or_default().into_owned(),
            b"title" => title = a.decode_and_unescape_value(decoder).unwrap_or_default().into_owned(),
            _ => {}
        }
    }
    let classes = || class.split_ascii_whitespace();
    if classes().any(|c| c == "ocr_page") {
        let number = pages.len() as u32 + 1;
        let b = bbox(&title).ok_or_else(|| problem(source, Some(number), "hOCR page without a bbox"))?;
        pages.push(WordPage { number, width: b.x1, height: b.y1, unit: Unit::Pixel, words: vec![], skew: None });
    } else if classes().any(|c| matches!(c, "ocr_line" | "ocrx_line" | "ocr_caption" | "ocr_header" | "ocr_textfloat"))
    {
        *line += 1;
    } else if classes().any(|c| c == "ocrx_word") {
        let Some(page) = pages.last() else {
            return Err(problem(source, None, "hOCR word outside any `ocr_page`"));
        };
        let b = bbox(&title).ok_or_else(|| problem(source, Some(page.number), "hOCR word without a bbox"))?;
        let confidence = property(&title, "x_wconf").and_then(|v| v.first().copied());
        *word = Some((Word { bbox: b, text: String::new(), confidence, line: Some(*line) }, 1));
    }
    Ok(())
}

fn finish(pages: &mut [WordPage], mut w: Word) {
    if let Some(page) = pages.last_mut() {
        let trimmed = w.text.trim();
        if !trimmed.is_empty() {
            if trimmed.len() != w.text.len() {
                w.text = trimmed.to_owned();
            }
            page.words.push(w);
        }
    }
}

/// The numbers of one `name v1 v2 …` property of an hOCR title.
fn property(title: &str, name: &str) -> Option<Vec<f32>> {
    title.split(';').map(str::trim).find_map(|p| {
        let rest = p.strip_prefix(name)?.strip_prefix(' ')?;
        rest.split_ascii_whitespace().map(|v| v.parse().ok()).collect()
    })
}

fn bbox(title: &str) -> Option<BBox> {
    match property(title, "bbox")?.as_slice() {
        [x0, y0, x1, y1] => Some(BBox { x0: *x0, y0: *y0, x1: *x1, y1: *y1 }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tesseract_hocr_with_two_pages() {
        let html = r#"<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><head><meta name='ocr-system' content='tesseract 5.3.0' /></head><body>
<div class='ocr_page' id='page_1' title='image "a.png"; bbox 0 0 2480 3508; ppageno 0'>
 <span class='ocr_line' id='line_1_1' title="bbox 100 200 400 250; baseline 0 -8">
  <span class='ocrx_word' id='word_1_1' title='bbox 100 200 160 250; x_wconf 96'>完成</span>
  <span class='ocrx_word' id='word_1_2' title='bbox 170 200 230 250; x_wconf 41'>时限</span>
 </span></div>
<div class='ocr_page' id='page_2' title='bbox 0 0 2480 3508; ppageno 1'>
 <span class='ocr_line' title="bbox 1 2 3 4"><span class='ocrx_word' title='bbox 1 2 3 4; x_wconf 90'> 1 </span></span>
</div></body></html>"#;
        let pages = read("a.hocr", html).unwrap();
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].words.iter().map(|w| w.text.as_str()).collect::<Vec<_>>(), ["完成", "时限"]);
        assert_eq!(pages[0].words[1].confidence, Some(41.0));
        assert_eq!(pages[0].words[0].line, pages[0].words[1].line);
        assert_eq!(pages[1].words[0].text, "1");
        assert_eq!(pages[1].number, 2);
    }

    #[test]
    fn a_word_without_a_box_names_its_page() {
        let html =
            "<div class='ocr_page' title='bbox 0 0 9 9'><span class='ocrx_word' title='x_wconf 3'>a</span></div>";
        assert_eq!(read("b.hocr", html).unwrap_err().to_string(), "b.hocr page 1: hOCR word without a bbox");
    }
}
